package ui

import (
	"context"
	"image"
	"io"
	"time"

	"github.com/canhcua/canhcua"
)

// Backend is what the desk screen needs from storage. Every method is called
// from a tea.Cmd, never from Update, with a context bounded by callTimeout.
//
// Day arguments are the local midnight (in Config.Location) of the day meant.
type Backend interface {
	// Scan records the scan of an identity and returns it as recorded
	// (Accepted, Duplicate or Rejected). It is committed before it returns.
	Scan(ctx context.Context, id canhcua.Identity, mode canhcua.Mode, door string, at time.Time) (canhcua.Scan, error)
	// Void marks an accepted scan voided and returns it as it now is.
	Void(ctx context.Context, scanID int64, reason string) (canhcua.Scan, error)
	// LastScan is the newest scan at door, nil when there is none.
	LastScan(ctx context.Context, door string) (*canhcua.Scan, error)
	// Counts are the figures of day at door.
	Counts(ctx context.Context, door string, day time.Time) (canhcua.Counts, error)
	// Scans lists day's scans at door, newest first, at most limit. A
	// non-empty search keeps the scans whose name (or ID number) matches it
	// ignoring case and diacritics: "nguyen van an" finds "Nguyễn Văn An".
	// The search is passed as typed (trimmed); folding is the backend's job.
	Scans(ctx context.Context, day time.Time, door string, search string, limit int) ([]canhcua.Scan, error)
	// Export writes day's export and returns the path of the file written.
	Export(ctx context.Context, day time.Time) (path string, err error)
	// Warnings are day's open warnings at door (and those of the whole site),
	// and those the operator decided on (DecideWarning), newest first.
	Warnings(ctx context.Context, day time.Time, door string) ([]canhcua.Warning, error)
	// DecideWarning records the operator's decision on a warning that
	// someone passed without scanning (checked, or a false alarm), which
	// resolves it, and returns the warning as it now is.
	DecideWarning(ctx context.Context, id int64, d canhcua.WarningDecision) (canhcua.Warning, error)
	// Admit settles a held scan (someone not on a roster-only event's
	// roster): admitted as a guest, or refused. It returns the scan as it now is.
	Admit(ctx context.Context, scanID int64, admit bool) (canhcua.Scan, error)
	// SetMode tells the desk the direction mode the operator chose with
	// `d` (its warnings follow it).
	SetMode(mode canhcua.Mode)
	// Storage is the storage failure (canhcua.IsStorage: the disk is full,
	// the database read-only…) of the desk's last write, nil when it went
	// through. Polled with the clock; the screen shows it as an alarm.
	Storage() error
}

// CameraStatus is a snapshot of the camera, polled about once a second.
type CameraStatus struct {
	Source    string    // "0", "demo", a file name…
	FPS       float64   // frames per second over the last few seconds
	LastFrame time.Time // when the last frame was captured; zero when none yet
	Err       string    // the camera's last error, empty when none
	// Retrying: the source would not open or failed, and is being tried
	// again (Err says why).
	Retrying bool
}

// SyncStatus is the desk's link with the district's server, polled about
// once a second.
type SyncStatus struct {
	Online  bool
	Pending int       // changes waiting to be sent
	LastOK  time.Time // when the server last acknowledged (zero: never)
	// SiteKnown: the site's figures across all its doors (Inside, People)
	// came with the last contact.
	SiteKnown      bool
	Inside, People int
}

// Config configures the desk screen.
type Config struct {
	Site string // the office, e.g. "UBND xã Tân Phú"
	Door string // this desk's door, e.g. "cổng chính"
	Mode canhcua.Mode
	Lang string // "vi" (default) or "en"
	// Bell rings the terminal bell (BEL written to Out) on each scan.
	Bell bool
	// Out is where the bell is written: the terminal the program draws on.
	// Default os.Stdout (what tea.NewProgram writes to by default). A BEL is
	// one byte written in one call, so it cannot split the renderer's frames.
	Out io.Writer
	// Now is the clock (default time.Now). Key timing for the keyboard-wedge
	// detection is read from it too.
	Now      func() time.Time
	Location *time.Location // default Asia/Ho_Chi_Minh (UTC+7 when tzdata is missing)
	// Reads are codes from the camera, already de-duplicated. Nil when there
	// is no camera; the screen stops waiting when the channel is closed.
	Reads <-chan canhcua.Code
	// Camera reports the camera's status; nil when there is no camera.
	Camera func() CameraStatus
	// Identify turns a code's text into an identity (default canhcua.Identify).
	Identify func(text string) canhcua.Identity
	// Notice is shown under the header when set, e.g. "Không tìm thấy camera
	// — đang chạy nguồn demo".
	Notice string
	// Demo marks the screen as the demo's (made-up people, a database of its
	// own): the header says DEMO.
	Demo bool
	// Sync reports the link with the district's server; nil when the desk
	// has none (no line in the header then).
	Sync func() SyncStatus
	// Preview is the camera's picture, polled previewEvery; nil when there
	// is none (no pane, no guidance, no `v`). It must not block.
	Preview func() PreviewFrame
	// Graphics is how the terminal shows pictures (half blocks unless a
	// graphics protocol was detected), and CellPixels a cell's size in
	// pixels when known (sixel; 10x20 when zero).
	Graphics   Graphics
	CellPixels image.Point
}
