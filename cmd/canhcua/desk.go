package main

import (
	"context"
	"errors"
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
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
	"github.com/canhcua/canhcua/ui"
)

// cmdDesk runs the desk TUI.
func cmdDesk(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := defaultConfig()
	cl := newCLI("", catalog.DeskSynopsis, stdout, stderr)
	apply, cfgPath := deskFlags(cl.fs, &c)
	pos, status, ok := cl.parse(args)
	if !ok {
		return status
	}
	if len(pos) > 0 {
		return cl.failf(catalog.CmdUnknownCommand, pos[0])
	}
	path, explicit := configFile(), false
	if *cfgPath != "" {
		path, explicit = *cfgPath, true
	}
	if err := loadConfig(&c, path, explicit); err != nil {
		return cl.fail(err)
	}
	if err := apply(); err != nil {
		return cl.fail(err)
	}
	loc := tz.Load(c.TimeZone)
	mode, _ := canhcua.ParseMode(c.Direction)
	idcfg, err := identifyConfig(c.BadgeKey, c.TrustList)
	if err != nil {
		return cl.fail(err)
	}
	idcfg.AcceptUnknown = c.AcceptUnknown

	st, err := store.Open(ctx, c.DB, store.WithLocation(loc))
	if err != nil {
		return cl.fail(err)
	}
	defer st.Close()

	src, notice, err := openDeskSource(ctx, c.Source, c.Lang)
	if err != nil {
		return cl.fail(err)
	}

	// From here on the screen is Bubble Tea's: anything else writing to the
	// terminal (a library's warning on stderr) would corrupt it, so stderr
	// goes to a log file beside the database.
	restore, err := redirectStderr(filepath.Join(filepath.Dir(c.DB), "canhcua.log"))
	if err != nil {
		src.Close()
		return cl.fail(err)
	}
	defer restore()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	log.SetOutput(os.Stderr) // the log file now
	log.Printf("canhcua: desk open on %s, database %s", src.Info().Name, c.DB)
	// Personal data older than the retention goes at every start, in the
	// background and a day at a time, so the desk is scanning at once.
	go func() {
		n, problems, err := purgeByDay(ctx, st, c.RetentionDays, time.Now())
		log.Printf("canhcua: retention %d days: %d records deleted", c.RetentionDays, n)
		for _, p := range append(problems, err) {
			if p != nil && ctx.Err() == nil {
				log.Printf("canhcua: retention: %v", p)
			}
		}
	}()
	cam := newDeskCamera(camera.OnFirstFrame(src, func() {
		log.Printf("canhcua: first frame %.1f ms after start", float64(time.Since(processStart).Microseconds())/1000)
	}), c.Dedup, filepath.Join(filepath.Dir(c.DB), "snapshots"))
	go cam.run(ctx)

	closing := -1
	if c.ClosingTime != "" {
		closing, _ = canhcua.ParseClock(c.ClosingTime) // checked by validate
	}
	w := &watcher{db: st, door: c.Door, loc: loc, closing: closing, now: time.Now,
		exits: func() bool { return mode != canhcua.ModeIn }}
	if err := w.refreshRosters(ctx); err != nil {
		log.Printf("canhcua: rosters: %v", err)
	}
	go w.run(ctx, cam.trouble, cam.noScans)

	backend := &deskBackend{db: st, watch: w, rules: canhcua.Rules{DuplicateWindow: c.DuplicateWindow, Hold: w.hold},
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
		return cl.fail(err)
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
	return src, catalog.Of(lang).T(catalog.UIDemoNotice), err
}

// processStart is when the process started, for the startup figure.
var processStart = time.Now()

// deskBackend is the store as the screen sees it.
type deskBackend struct {
	db     *store.DB
	watch  *watcher
	rules  canhcua.Rules
	dir    string
	format string
	opt    export.Options
}

func (b *deskBackend) Scan(ctx context.Context, id canhcua.Identity, mode canhcua.Mode, door string, at time.Time) (canhcua.Scan, error) {
	s, err := b.db.Scan(ctx, id, mode, door, at, b.rules)
	if err == nil && s.Result == canhcua.Held {
		// The scan is stored; the warning that goes with it is secondary.
		if _, _, err := b.db.OpenWarning(ctx, canhcua.NotOnRosterWarning(s, b.watch.heldRoster())); err != nil {
			log.Printf("canhcua: warning for held scan %d: %v", s.ID, err)
		}
	}
	return s, err
}

func (b *deskBackend) Admit(ctx context.Context, id int64, admit bool) (canhcua.Scan, error) {
	return b.db.Decide(ctx, id, admit, time.Now())
}

func (b *deskBackend) Warnings(ctx context.Context, day time.Time, door string) ([]canhcua.Warning, error) {
	ws, err := b.db.Warnings(ctx, day, door, true)
	if err != nil {
		return nil, err
	}
	// Newest first.
	for i, j := 0, len(ws)-1; i < j; i, j = i+1, j-1 {
		ws[i], ws[j] = ws[j], ws[i]
	}
	return ws, nil
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
