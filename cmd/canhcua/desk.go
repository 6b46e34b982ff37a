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
	"github.com/canhcua/canhcua/internal/desk"
	"github.com/canhcua/canhcua/internal/tz"
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

	st, err := openDeskDB(ctx, c.DB, loc)
	if canhcua.IsStorage(err) {
		// A desk that cannot save must not open as if it could: say why,
		// in the desk's language, and stop.
		lang := catalog.Of(c.Lang)
		cl.note(lang.T(catalog.DeskCannotSave, c.DB, canhcua.ErrorMessageIn(err, lang)))
		return exitUsage
	} else if err != nil {
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
	closing := -1
	if c.ClosingTime != "" {
		closing, _ = canhcua.ParseClock(c.ClosingTime) // checked by validate
	}
	dk := desk.Start(ctx, src, desk.Options{
		DB: st, Door: c.Door, Location: loc, Mode: mode, Dedup: c.Dedup, DataDir: filepath.Dir(c.DB),
		RetentionDays: c.RetentionDays, Closing: closing, Rules: canhcua.Rules{DuplicateWindow: c.DuplicateWindow},
		ExportDir: c.ExportDir, ExportFormat: c.ExportFormat, Export: export.Options{Location: loc, Lang: c.Lang},
		OnFirstFrame: func() {
			log.Printf("canhcua: first frame %.1f ms after start", float64(time.Since(processStart).Microseconds())/1000)
		},
	})
	m := ui.New(ui.Config{
		Site:     c.Site,
		Door:     c.Door,
		Mode:     mode,
		Lang:     c.Lang,
		Bell:     c.Bell,
		Location: loc,
		Reads:    dk.Camera.Codes(),
		Camera:   dk.Camera.Status,
		Notice:   notice,
		Identify: func(text string) canhcua.Identity { return canhcua.IdentifyWith(idcfg, text) },
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

// openDeskSource opens the source the desk reads. With no source named it
// tries camera 0, then falls back to the demo source and says so.
func openDeskSource(ctx context.Context, name, lang string) (camera.Source, string, error) {
	if name != "" {
		src, err := camera.OpenLive(ctx, name)
		return src, "", err
	}
	if src, err := camera.OpenDevice(0); err == nil {
		return src, "", nil
	}
	src, err := camera.OpenLive(ctx, "demo")
	return src, catalog.Of(lang).T(catalog.UIDemoNotice), err
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
