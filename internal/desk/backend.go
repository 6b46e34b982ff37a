package desk

import (
	"context"
	"io"
	"log"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
	"github.com/canhcua/canhcua/ui"
)

// Backend is the store as the screen sees it (ui.Backend). It keeps the
// direction mode the screen has set (the warnings watcher follows it) and
// whether the last write went through.
type Backend struct {
	DB     *store.DB
	Watch  *Watcher
	Rules  canhcua.Rules
	Dir    string // where Export writes
	Format string // Export's format
	Opt    export.Options

	mode    atomic.Value // canhcua.Mode
	storage storageState
}

var _ ui.Backend = (*Backend)(nil)

// newBackend is the desk's backend over o.DB, with its warnings watcher:
// the watcher follows the backend's direction mode (the still-inside rule
// applies to doors that count exits) and reports storage failures to it.
func newBackend(o Options, now func() time.Time) *Backend {
	b := &Backend{DB: o.DB, Dir: o.ExportDir, Format: o.ExportFormat, Opt: o.Export}
	b.mode.Store(o.Mode) // the mode the desk starts in: not a choice to remember
	b.Watch = &Watcher{db: o.DB, door: o.Door, loc: o.Location, closing: o.Closing, now: now,
		exits: func() bool { return b.Mode() != canhcua.ModeIn }, storage: &b.storage}
	b.Rules = o.Rules
	b.Rules.Hold = b.Watch.hold
	return b
}

// modeSaveTimeout bounds remembering the direction mode.
const modeSaveTimeout = 5 * time.Second

// SetMode is the direction mode the operator changed to with `d`: the
// warnings follow it at once, and it is remembered in the database, so the
// desk starts in it next time (unless --direction says otherwise). The
// screen calls it from a tea.Cmd.
func (b *Backend) SetMode(m canhcua.Mode) {
	b.mode.Store(m)
	ctx, cancel := context.WithTimeout(context.Background(), modeSaveTimeout)
	defer cancel()
	if err := b.DB.RememberMode(ctx, m); err != nil {
		log.Printf("canhcua: remembering the direction %s: %v", m, err)
	}
}

// Mode is the direction mode last set (in when none was).
func (b *Backend) Mode() canhcua.Mode {
	if m, ok := b.mode.Load().(canhcua.Mode); ok && m != "" {
		return m
	}
	return canhcua.ModeIn
}

// Storage is the storage failure of the desk's last write (EFULL, EREADONLY,
// EIO), nil when it went through.
func (b *Backend) Storage() error { return b.storage.failure() }

func (b *Backend) Scan(ctx context.Context, id canhcua.Identity, mode canhcua.Mode, door string, at time.Time) (canhcua.Scan, error) {
	s, err := b.DB.Scan(ctx, id, mode, door, at, b.Rules)
	b.storage.wrote(err)
	if err == nil && s.Result == canhcua.Held {
		// The scan is stored; the warning that goes with it is secondary.
		if _, _, err := b.DB.OpenWarning(ctx, canhcua.NotOnRosterWarning(s, b.Watch.heldRoster())); err != nil {
			log.Printf("canhcua: warning for held scan %d: %v", s.ID, err)
		}
	}
	return s, err
}

func (b *Backend) Admit(ctx context.Context, id int64, admit bool) (canhcua.Scan, error) {
	s, err := b.DB.Decide(ctx, id, admit, time.Now())
	b.storage.wrote(err)
	return s, err
}

// Warnings are day's open warnings at door and those the operator decided
// on, newest first.
func (b *Backend) Warnings(ctx context.Context, day time.Time, door string) ([]canhcua.Warning, error) {
	all, err := b.DB.Warnings(ctx, day, door, false)
	if err != nil {
		return nil, err
	}
	var ws []canhcua.Warning
	for i := len(all) - 1; i >= 0; i-- { // newest first
		if w := all[i]; w.Resolved.IsZero() || w.Decision != "" {
			ws = append(ws, w)
		}
	}
	return ws, nil
}

func (b *Backend) DecideWarning(ctx context.Context, id int64, d canhcua.WarningDecision) (canhcua.Warning, error) {
	w, err := b.DB.DecideWarning(ctx, id, d, time.Now())
	b.storage.wrote(err)
	return w, err
}

func (b *Backend) Void(ctx context.Context, id int64, reason string) (canhcua.Scan, error) {
	s, err := b.DB.Void(ctx, id, reason)
	b.storage.wrote(err)
	return s, err
}

func (b *Backend) LastScan(ctx context.Context, door string) (*canhcua.Scan, error) {
	return b.DB.LastScan(ctx, door)
}

func (b *Backend) Counts(ctx context.Context, door string, day time.Time) (canhcua.Counts, error) {
	return b.DB.Counts(ctx, door, day)
}

func (b *Backend) Scans(ctx context.Context, day time.Time, door, search string, limit int) ([]canhcua.Scan, error) {
	return b.DB.Scans(ctx, store.ScanQuery{Day: day, Door: door, Search: search, Limit: limit, Newest: true})
}

func (b *Backend) Export(ctx context.Context, day time.Time) (string, error) {
	opt := b.Opt
	opt.Day = day
	to := filepath.Join(b.Dir, export.DefaultName(day, b.Format))
	if opt.Demo {
		to = export.DemoName(to)
	}
	return ExportDay(ctx, b.DB, day, "", b.Format, to, opt, nil)
}

// ExportDay writes day's scans at door (all doors when "") to the file to
// (a default name in the current folder when empty, stdout when "-") and
// returns its path (a default name says "demo" for the demo's database,
// opt.Demo). The file is written whole under a temporary name first
// and renamed, so a failure never leaves half a file under the real name.
func ExportDay(ctx context.Context, st *store.DB, day time.Time, door, format, to string, opt export.Options, stdout io.Writer) (string, error) {
	scans, err := st.Scans(ctx, store.ScanQuery{Day: day, Door: door})
	if err != nil {
		return "", err
	}
	if to == "-" {
		return "-", export.Write(stdout, format, scans, opt)
	}
	if to == "" {
		to = export.DefaultName(day, format)
		if opt.Demo {
			to = export.DemoName(to)
		}
	}
	return to, export.WriteFile(to, func(w io.Writer) error { return export.Write(w, format, scans, opt) })
}
