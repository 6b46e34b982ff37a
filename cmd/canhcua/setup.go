package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/sys/unix"

	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store/export"
	"github.com/canhcua/canhcua/ui"
)

// The setup form (ui.NewSetup): on the desk's first start in a terminal,
// and with `canhcua setup`. It asks the site, the door, the camera, the
// direction mode and the language, and writes them to the config file.
// `canhcua cameras` lists the cameras the form would offer.

// probeLimit is how long a camera is given to open and send a frame when
// cameras are looked for (a camera driver can hang).
const probeLimit = 3 * time.Second

// cmdSetup runs the setup form, writes the config file and exits: the
// desk is `canhcua` (which reads the file), and setup may be run where
// no desk should start — over SSH on the desk's machine while the desk
// runs, say.
func cmdSetup(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cl := newCLI("setup", catalog.SetupSynopsis, stdout, stderr)
	path := cl.fs.String("config", "", say(catalog.SetupFlagConfig, configFile()))
	if status, ok := cl.parseNone(args); !ok {
		return status
	}
	if *path == "" {
		*path = configFile()
	}
	if !isTerminal(os.Stdin) || !isTerminal(os.Stdout) {
		return cl.failf(catalog.SetupNoTerminal, *path)
	}
	c := defaultConfig()
	if err := loadConfig(&c, *path, false); err != nil {
		return cl.fail(err) // a broken file is the user's to mend: never written over
	}
	if _, ok, err := runSetup(ctx, c, *path); err != nil {
		return cl.fail(err)
	} else if !ok {
		cl.note(say(catalog.SetupCancelled))
		return exitNotFound
	}
	fmt.Fprintln(stdout, say(catalog.SetupSaved, *path))
	return exitOK
}

// firstStart reports whether the desk asks its setup questions before it
// opens: on a first start — no config file (none named with --config), no
// --source or --db, no database yet — with a person at a terminal
// (standard input and output both terminals). Otherwise nothing is asked,
// and a first start without a camera runs the demo (pickSource).
func firstStart(cl *cli, c config, path string, explicit bool) bool {
	return !explicit && !exists(path) && !cl.set("source") && !cl.set("db") && !exists(c.DB) &&
		isTerminal(os.Stdin) && isTerminal(os.Stdout)
}

// runSetup runs the form on the terminal, starting from c, and writes what
// was chosen to the config file at path; it returns c with the answers,
// and ok false when the person cancelled (nothing is written then).
func runSetup(ctx context.Context, c config, path string) (_ config, ok bool, err error) {
	def := defaultConfig()
	start := ui.SetupConfig{
		Path: shortHome(path), Lang: c.Lang, Direction: c.Direction, Source: c.Source, DoorHint: def.Door,
		Cameras: setupCameras,
	}
	if c.Site != def.Site {
		start.Site = c.Site
	}
	if c.Door != def.Door {
		start.Door = c.Door
	}
	m, err := tea.NewProgram(ui.NewSetup(start), tea.WithAltScreen(), tea.WithContext(ctx)).Run()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return c, false, nil
	} else if err != nil {
		return c, false, err
	}
	res, ok := ui.SetupAnswers(m)
	if !ok {
		return c, false, nil
	}
	c.Site, c.Source, c.Direction, c.Lang = res.Site, res.Source, res.Direction, res.Lang
	if c.Door = res.Door; c.Door == "" {
		c.Door = def.Door
	}
	if err := writeConfig(path, c); err != nil {
		return c, false, sayErr(catalog.SetupWrite, path, err)
	}
	return c, true, nil
}

// setupKeys are the settings the form asks, in the order they are written.
type setupKeys struct {
	Site      string `toml:"site"`
	Door      string `toml:"door"`
	Source    string `toml:"source"`
	Direction string `toml:"direction"`
	Lang      string `toml:"lang"`
}

// writeConfig writes the form's settings of c to the config file at path,
// keeping the file's other settings (their comments and order are not
// kept: the file is written anew with TOML's encoder). The file is
// replaced whole at once (written beside it, then renamed), with mode 0600
// in a folder made with mode 0700; a symbolic link is followed.
func writeConfig(path string, c config) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	others := map[string]any{}
	if _, err := toml.DecodeFile(path, &others); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, k := range []string{"site", "door", "source", "direction", "lang"} {
		delete(others, k)
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(setupKeys{c.Site, c.Door, c.Source, c.Direction, c.Lang}); err != nil {
		return err
	}
	if len(others) > 0 {
		if err := toml.NewEncoder(&buf).Encode(others); err != nil {
			return err
		}
	}
	return export.WriteFile(path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// setupCameras are the cameras the form offers, each with one frame.
func setupCameras(ctx context.Context) []ui.SetupCamera {
	var out []ui.SetupCamera
	for _, d := range camera.FindDevices(ctx, camera.DeviceIndexes(), probeLimit) {
		out = append(out, ui.SetupCamera{Source: d.Info.Name, Name: d.Path, Width: d.Info.Width, Height: d.Info.Height,
			FPS: d.Info.FPS, Frame: d.Frame})
	}
	return out
}

// cmdCameras lists the cameras that open, one a line, with their
// resolution and frame rate; exit status 1 when there is none.
func cmdCameras(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cl := newCLI("cameras", catalog.CamerasSynopsis, stdout, stderr)
	if status, ok := cl.parseNone(args); !ok {
		return status
	}
	devs := camera.FindDevices(ctx, camera.DeviceIndexes(), probeLimit)
	if len(devs) == 0 {
		cl.note(say(catalog.CamerasNone))
		return exitNotFound
	}
	for _, d := range devs {
		size, fps := "?", say(catalog.CamerasNoFPS)
		if d.Info.Width > 0 && d.Info.Height > 0 {
			size = fmt.Sprintf("%dx%d", d.Info.Width, d.Info.Height)
		}
		if d.Info.FPS > 0 {
			fps = say(catalog.CamerasFPS, d.Info.FPS)
		}
		line := say(catalog.CamerasLine, d.Index, d.Path, size, fps)
		if d.Frame == nil {
			line += " " + say(catalog.CamerasNoPicture, probeLimit)
		}
		fmt.Fprintln(stdout, line)
	}
	return exitOK
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// shortHome is path with the home folder written ~.
func shortHome(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return path
	}
	if rest, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rest
	}
	return path
}
