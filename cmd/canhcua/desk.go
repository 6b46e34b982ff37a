package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/sys/unix"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
	"github.com/canhcua/canhcua/ui"
)

const deskSynopsis = `canhcua [--source S] [--db PATH] [--door NAME] [--direction in|out|toggle] [--lang vi|en] [--config FILE]

Opens the desk: people show their codes to the camera; every scan is recorded
in the database before the screen confirms it. Without --source it opens
camera 0, or the built-in demo source when no camera can be opened.
Settings can also be kept in the config file (TOML, same names); flags win.`

// cmdDesk runs the desk TUI.
func cmdDesk(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := defaultConfig()
	fs := newFlags("canhcua", deskSynopsis, stdout)
	apply, cfgPath := deskFlags(fs, &c)
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "canhcua: %s\n", oneLine(err))
		return exitUsage
	}
	if len(pos) > 0 {
		return fail(fmt.Errorf("unknown command %q (see canhcua --help)", pos[0]))
	}
	path, explicit := configFile(), false
	if *cfgPath != "" {
		path, explicit = *cfgPath, true
	}
	if err := loadConfig(&c, path, explicit); err != nil {
		return fail(err)
	}
	if err := apply(); err != nil {
		return fail(err)
	}
	loc := mustLocation(c.TimeZone)
	mode, _ := canhcua.ParseMode(c.Direction)
	idcfg, err := identifyConfig(c.BadgeKey, c.TrustList)
	if err != nil {
		return fail(err)
	}
	idcfg.AcceptUnknown, idcfg.KeepAddress = c.AcceptUnknown, c.KeepAddress

	st, err := store.Open(ctx, c.DB, store.WithLocation(loc))
	if err != nil {
		return fail(err)
	}
	defer st.Close()

	src, notice, err := openDeskSource(ctx, c.Source, c.Lang)
	if err != nil {
		return fail(err)
	}

	// From here on the screen is Bubble Tea's: anything else writing to the
	// terminal (a library's warning on stderr) would corrupt it, so stderr
	// goes to a log file beside the database.
	restore, err := redirectStderr(filepath.Join(filepath.Dir(c.DB), "canhcua.log"))
	if err != nil {
		src.Close()
		return fail(err)
	}
	defer restore()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	log.SetOutput(os.Stderr) // the log file now
	log.Printf("canhcua: desk open on %s, database %s", src.Info().Name, c.DB)
	cam := newDeskCamera(camera.OnFirstFrame(src, func() {
		log.Printf("canhcua: first frame %.1f ms after start", float64(time.Since(processStart).Microseconds())/1000)
	}), c.Dedup)
	go cam.run(ctx)

	backend := &deskBackend{db: st, rules: canhcua.Rules{DuplicateWindow: c.DuplicateWindow},
		dir: c.ExportDir, format: c.ExportFormat, opt: export.Options{Location: loc, Lang: c.Lang}}
	m := ui.New(ui.Config{
		Site:     c.Site,
		Door:     c.Door,
		Mode:     mode,
		Lang:     c.Lang,
		Bell:     c.Bell,
		Location: loc,
		Reads:    cam.codes,
		Camera:   cam.status,
		Notice:   notice,
		Identify: func(text string) canhcua.Identity { return canhcua.IdentifyWith(idcfg, text) },
	}, backend)
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx))
	_, err = p.Run()
	cancel()
	cam.wait()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		restore()
		return fail(err)
	}
	return exitOK
}

// openDeskSource opens the source the desk reads. With no source named it
// tries camera 0, then falls back to the demo source and says so.
func openDeskSource(ctx context.Context, name, lang string) (camera.Source, string, error) {
	if name != "" {
		src, err := openLive(ctx, name, nil)
		return src, "", err
	}
	if src, err := camera.OpenDevice(0); err == nil {
		return src, "", nil
	}
	src, err := openLive(ctx, "demo", nil)
	notice := "Không mở được camera 0 — đang chạy nguồn demo (mã giả lập)"
	if lang == "en" {
		notice = "Camera 0 could not be opened — running the built-in demo source"
	}
	return src, notice, err
}

// processStart is when the process started, for the startup figure.
var processStart = time.Now()

// deskCamera runs the frame loop for the desk and keeps its status.
type deskCamera struct {
	name  string
	src   camera.Source
	dedup time.Duration
	codes chan canhcua.Code
	done  chan struct{}

	mu      sync.Mutex
	loop    *camera.Loop
	err     string
	prevN   int64
	prevAt  time.Time
	lastFPS float64
}

func newDeskCamera(src camera.Source, dedup time.Duration) *deskCamera {
	return &deskCamera{name: src.Info().Name, src: src, dedup: dedup,
		codes: make(chan canhcua.Code, 64), done: make(chan struct{})}
}

// run reads codes until ctx is done. A live source that fails (camera
// unplugged, stream dropped) is reopened every 2 s; a video file that ends
// stays ended.
func (d *deskCamera) run(ctx context.Context) {
	defer close(d.done)
	defer close(d.codes)
	src := d.src
	for {
		l := &camera.Loop{Source: src, Decoder: camera.ZXing{}, Dedup: d.dedup}
		d.mu.Lock()
		d.loop, d.prevN, d.prevAt = l, 0, time.Time{}
		d.mu.Unlock()
		reads := make(chan canhcua.Read, 16)
		errc := make(chan error, 1)
		go func() { errc <- l.Run(ctx, reads); close(reads) }()
		for r := range reads {
			select {
			case d.codes <- r.Code:
			case <-ctx.Done():
			}
		}
		err := <-errc
		src.Close()
		if ctx.Err() != nil {
			return
		}
		d.mu.Lock()
		if err == nil {
			d.err = "end of source"
		} else {
			d.err = oneLine(err)
		}
		d.mu.Unlock()
		if err == nil || d.name == "demo" {
			return
		}
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(2 * time.Second):
			}
			s, err := openLive(ctx, d.name, nil)
			if err == nil {
				src = s
				d.mu.Lock()
				d.err = ""
				d.mu.Unlock()
				break
			}
		}
	}
}

func (d *deskCamera) wait() { <-d.done }

// status is polled by the screen about once a second.
func (d *deskCamera) status() ui.CameraStatus {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := ui.CameraStatus{Source: d.name, Err: d.err}
	if d.loop == nil {
		return s
	}
	st := d.loop.Stats()
	s.LastFrame = st.LastFrame
	now := time.Now()
	if !d.prevAt.IsZero() {
		if dt := now.Sub(d.prevAt).Seconds(); dt > 0.2 {
			d.lastFPS = float64(st.Decoded-d.prevN) / dt
			d.prevN, d.prevAt = st.Decoded, now
		}
	} else {
		d.prevN, d.prevAt = st.Decoded, now
	}
	s.FPS = d.lastFPS
	return s
}

// deskBackend is the store as the screen sees it.
type deskBackend struct {
	db     *store.DB
	rules  canhcua.Rules
	dir    string
	format string
	opt    export.Options
}

func (b *deskBackend) Scan(ctx context.Context, id canhcua.Identity, mode canhcua.Mode, door string, at time.Time) (canhcua.Scan, error) {
	return b.db.Scan(ctx, id, mode, door, at, b.rules)
}

func (b *deskBackend) Void(ctx context.Context, id int64, reason string) (canhcua.Scan, error) {
	return b.db.Void(ctx, id, reason)
}

func (b *deskBackend) LastScan(ctx context.Context, door string) (*canhcua.Scan, error) {
	return b.db.LastScan(ctx, door)
}

func (b *deskBackend) Counts(ctx context.Context, door string, day time.Time) (canhcua.Counts, error) {
	return b.db.Counts(ctx, door, day)
}

func (b *deskBackend) Scans(ctx context.Context, day time.Time, door, search string, limit int) ([]canhcua.Scan, error) {
	return b.db.Scans(ctx, store.ScanQuery{Day: day, Door: door, Search: search, Limit: limit, Newest: true})
}

func (b *deskBackend) Export(ctx context.Context, day time.Time) (string, error) {
	opt := b.opt
	opt.Day = day
	to := filepath.Join(b.dir, export.DefaultName(day, b.format))
	return exportDay(ctx, b.db, day, "", b.format, to, opt, nil)
}

// redirectStderr points the process's stderr (fd 2) at a log file, so that
// no library can write over the screen; restore puts it back.
func redirectStderr(path string) (restore func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	saved, err := unix.Dup(2)
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := unix.Dup2(int(f.Fd()), 2); err != nil {
		f.Close()
		unix.Close(saved)
		return nil, err
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			unix.Dup2(saved, 2)
			unix.Close(saved)
			f.Close()
		})
	}, nil
}
