package main

import (
	"context"
	"errors"
	"image"
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
	"github.com/canhcua/canhcua/internal/desk"
	"github.com/canhcua/canhcua/internal/termcap"
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
	if firstStart(cl, c, path, explicit) { // setup.go: the questions of a first start
		answered, ok, err := runSetup(ctx, c, path)
		if err != nil {
			return cl.fail(err)
		} else if !ok {
			cl.note(say(catalog.SetupCancelled))
			return exitNotFound
		}
		c = answered
	}
	loc := tz.Load(c.TimeZone)
	mode, _ := canhcua.ParseMode(c.Direction)
	idcfg, err := identifyConfig(c.BadgeKey, c.TrustList, stderr)
	if err != nil {
		return cl.fail(err)
	}
	idcfg.AcceptUnknown = c.AcceptUnknown

	configured := cl.set("source") || cl.set("db") || exists(path)
	pick := pickSource(c, configured, cameraZero)
	st, err := openDeskDB(ctx, pick.db, loc)
	if canhcua.IsStorage(err) {
		// A desk that cannot save must not open as if it could: say why,
		// in the desk's language, and stop.
		lang := catalog.Of(c.Lang)
		cl.note(lang.T(catalog.DeskCannotSave, pick.db, canhcua.ErrorMessageIn(err, lang)))
		return exitUsage
	} else if err != nil {
		return cl.fail(err)
	}
	defer st.Close()
	if err := checkDemoDB(ctx, st, pick.demo); err != nil {
		return cl.fail(err)
	}
	mode = startMode(ctx, st, mode, cl.set("direction"))

	// From here on the screen is Bubble Tea's: anything else writing to the
	// terminal (a library's warning on stderr) would corrupt it, so stderr
	// goes to a log file beside the database, where the libraries may write
	// too (camera.KeepStderr).
	restore, err := redirectStderr(filepath.Join(filepath.Dir(pick.db), "canhcua.log"))
	if err != nil {
		return cl.fail(err)
	}
	defer restore()
	camera.KeepStderr()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	log.SetOutput(os.Stderr) // the log file now
	log.Printf("canhcua: desk starting on %s (demo %v), database %s", canhcua.Redact(pick.name), pick.demo, pick.db)
	closing := -1
	if c.ClosingTime != "" {
		closing, _ = canhcua.ParseClock(c.ClosingTime) // checked by validate
	}
	server := c.Server
	if pick.demo && server != "" {
		log.Printf("canhcua: the demo's made-up people never go to the district server; not syncing")
		server = ""
	}
	dk := desk.Start(ctx, pick.name, desk.Options{
		DB: st, Door: c.Door, Location: loc, Mode: mode, Dedup: c.Dedup, DataDir: filepath.Dir(pick.db),
		RetentionDays: c.RetentionDays, Closing: closing, Rules: canhcua.Rules{DuplicateWindow: c.DuplicateWindow},
		ExportDir: c.ExportDir, ExportFormat: c.ExportFormat, Export: export.Options{Location: loc, Lang: c.Lang, Demo: pick.demo, Comma: c.csvComma()},
		OnFirstFrame: func() {
			log.Printf("canhcua: first frame %.1f ms after start", float64(time.Since(processStart).Microseconds())/1000)
		},
		Server: server, Site: c.Site, Version: version,
	})
	graphics, cell := pictureProtocol()
	notice := ""
	if pick.notice != "" {
		notice = catalog.Of(c.Lang).T(pick.notice, pick.db)
	}
	m := ui.New(ui.Config{
		Site:       c.Site,
		Door:       c.Door,
		Mode:       mode,
		Lang:       c.Lang,
		Bell:       c.Bell,
		Location:   loc,
		Reads:      dk.Camera.Codes(),
		Camera:     dk.Camera.Status,
		Notice:     notice,
		Demo:       pick.demo,
		Sync:       syncStatus(dk.Sync),
		Preview:    dk.Camera.Preview,
		Graphics:   graphics,
		CellPixels: cell,
		Identify:   func(text string) canhcua.Identity { return canhcua.IdentifyWith(idcfg, text) },
	}, dk.Backend)
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx))
	_, err = p.Run()
	cancel()
	dk.Wait()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		restore()
		return cl.fail(err)
	}
	return exitOK
}

// pictureProtocol is how the desk's terminal draws the camera's picture:
// a graphics protocol only when the terminal is known to have it
// (internal/termcap), half blocks otherwise.
func pictureProtocol() (ui.Graphics, image.Point) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return ui.GraphicsCells, image.Point{}
	}
	defer tty.Close()
	g, w, h := termcap.Detect(tty, os.Getenv)
	log.Printf("canhcua: pictures drawn with %s", g)
	switch g {
	case termcap.Kitty:
		return ui.GraphicsKitty, image.Point{}
	case termcap.Sixel:
		return ui.GraphicsSixel, image.Pt(w, h)
	}
	return ui.GraphicsCells, image.Point{}
}

// version is canhcua's version, told to the district's server.
const version = "2026.11"

// syncStatus is the screen's view of the link with the district's server;
// nil without one.
func syncStatus(s *desk.Sync) func() ui.SyncStatus {
	if s == nil {
		return nil
	}
	return func() ui.SyncStatus {
		st := s.Status()
		u := ui.SyncStatus{Online: st.Online, Pending: st.Pending, LastOK: st.LastOK}
		if st.Site != nil {
			u.SiteKnown, u.Inside, u.People = true, st.Site.Inside, st.Site.People
		}
		return u
	}
}

// demoDB is the demo's database, in the folder of the real one.
const demoDB = "demo.db"

// deskSource is what the desk reads and where it records what it reads.
type deskSource struct {
	name   string      // the source, as camera.Open knows it
	db     string      // the database
	demo   bool        // the demo: made-up people, in a database of their own
	notice catalog.Key // shown under the header (with db); "" for none
}

// pickSource chooses the desk's source and database. A source named (flag or
// config file) is used as named, and the demo always records in demo.db
// beside the real database, never in it. With no source named the desk reads
// camera 0, and keeps trying it when it cannot be opened; only a first start
// — no config file, no --source or --db, no database yet — on a machine
// without a camera (hasCamera) runs the demo instead.
func pickSource(c config, configured bool, hasCamera func() bool) deskSource {
	demo := deskSource{name: c.Source, db: filepath.Join(filepath.Dir(c.DB), demoDB), demo: true, notice: catalog.UIDemoAsked}
	switch {
	case camera.IsDemo(c.Source):
		return demo
	case c.Source != "":
		return deskSource{name: c.Source, db: c.DB}
	case configured || exists(c.DB) || hasCamera():
		return deskSource{name: "0", db: c.DB}
	}
	demo.name, demo.notice = "demo", catalog.UIDemoNotice
	return demo
}

// checkDemoDB marks the demo's database as such, and refuses to record real
// scans in a database so marked (its exports say DEMO).
func checkDemoDB(ctx context.Context, st *store.DB, demo bool) error {
	if demo {
		return st.MarkDemo(ctx)
	}
	marked, err := st.Demo(ctx)
	if err != nil {
		return err
	}
	if marked {
		return sayErr(catalog.DeskDemoDB, st.Path())
	}
	return nil
}

// cameraZero reports whether camera 0 can be opened, waiting at most 3 s
// (only a first start asks, before the screen is up).
func cameraZero() bool {
	ok := make(chan bool, 1)
	go func() {
		src, err := camera.OpenDevice(0)
		if err == nil {
			src.Close()
		}
		ok <- err == nil
	}()
	select {
	case v := <-ok:
		return v
	case <-time.After(3 * time.Second):
		return true // a camera that is slow to answer is a camera
	}
}

// exists reports whether a file is there.
func exists(path string) bool {
	if path == "" {
		return false
	}
	_, err := os.Stat(path)
	return err == nil
}

// processStart is when the process started, for the startup figure.
var processStart = time.Now()

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
