package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

// TestPickSource: the demo runs only when asked for or on a first start
// without a camera, and always on demo.db beside the real database.
func TestPickSource(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "canhcua.db")
	demoDB := filepath.Join(dir, "demo.db")
	noCamera := func() bool { return false }
	camera := func() bool { return true }
	for _, c := range []struct {
		what       string
		source     string
		configured bool
		hasCamera  func() bool
		want       deskSource
	}{
		{"first start, no camera", "", false, noCamera, deskSource{"demo", demoDB, true, catalog.UIDemoNotice}},
		{"first start, a camera", "", false, camera, deskSource{"0", real, false, ""}},
		{"configured, no camera", "", true, noCamera, deskSource{"0", real, false, ""}},
		{"demo asked for", "demo", true, camera, deskSource{"demo", demoDB, true, catalog.UIDemoAsked}},
		{"demo with a seed", "demo:7", false, noCamera, deskSource{"demo:7", demoDB, true, catalog.UIDemoAsked}},
		{"a stream", "rtsp://u:p@cam/live", false, noCamera, deskSource{"rtsp://u:p@cam/live", real, false, ""}},
	} {
		got := pickSource(config{Source: c.source, DB: real}, c.configured, c.hasCamera)
		if got != c.want {
			t.Errorf("%s: %+v, want %+v", c.what, got, c.want)
		}
	}
	// A database already there is no first start.
	if err := os.WriteFile(real, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := pickSource(config{DB: real}, false, noCamera); got.demo {
		t.Errorf("with a database already there: %+v", got)
	}
}

// TestDeskRefusesTheDemoDatabase: real scans never go into a database marked
// as the demo's.
func TestDeskRefusesTheDemoDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.MarkDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	st.Close()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_DATA_HOME", dir)
	var out, errb bytes.Buffer
	if status := cmdDesk(context.Background(), []string{"--source", "7", "--db", path}, &out, &errb); status != exitUsage ||
		!strings.Contains(errb.String(), "is the demo's database") {
		t.Errorf("status %d, stderr %q", status, errb.String())
	}
}

// TestDeskDemoApart runs the real binary in tmux: a first start without a
// camera runs the demo on demo.db, marked DEMO on screen, and what is
// exported or reported from it says DEMO; the real database gets nothing. A
// configured desk without a camera shows camera trouble, never the demo.
func TestDeskDemoApart(t *testing.T) {
	bin := buildBinary(t)
	if _, err := os.Stat("/dev/video0"); err == nil {
		t.Skip("this machine has a camera 0")
	}
	dir := t.TempDir()
	cfg, data := filepath.Join(dir, "cfg"), filepath.Join(dir, "data")
	env := []string{"XDG_CONFIG_HOME=" + cfg, "XDG_DATA_HOME=" + data, "TERM=xterm-256color"}
	realDB := filepath.Join(data, "canhcua", "canhcua.db")
	demoDB := filepath.Join(data, "canhcua", "demo.db")

	// First start, no camera, nobody to ask (standard input not a terminal:
	// no setup form): the demo, on its own database.
	sh, args := noStdin(bin, "--lang", "en", "--no-bell")
	d, _ := startDesk(t, sh, env, args...)
	d.wait(30*time.Second, "the demo with scans", func(sc string) bool {
		top, _, _ := strings.Cut(sc, "\n")
		return strings.HasPrefix(top, " DEMO ") && strings.Contains(sc, "No camera found") && screenCounts(sc)["Entries"] > 0
	})
	d.quit()
	if _, err := os.Stat(realDB); err == nil {
		t.Errorf("the demo made the real database %s", realDB)
	}

	today := time.Now().In(tz.Vietnam()).Format("02/01/2006")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return string(out)
	}
	mark := catalog.VI.T(catalog.ExportDemo)
	run("export", "--db", demoDB, "--date", today) // the default name says demo
	rows := readCSV(t, filepath.Join(dir, "demo-canhcua-"+time.Now().In(tz.Vietnam()).Format(time.DateOnly)+".csv"))
	if rows[0][0] != mark || rows[1][0] != "Thời gian" || len(rows) < 3 {
		t.Errorf("the demo's export starts %q, %q (%d rows)", rows[0], rows[1], len(rows))
	}
	if report := run("report", "--db", demoDB, "--date", today); !strings.HasPrefix(report, mark+"\n") {
		t.Errorf("the demo's report starts:\n%s", report)
	}

	// --source demo with a real database named: the demo still goes apart.
	other := filepath.Join(dir, "office", "canhcua.db")
	d, _ = startDesk(t, bin, env, "--source", "demo", "--db", other, "--lang", "en", "--no-bell")
	d.wait(5*time.Second, "the demo", contains(" DEMO ", "Demo source"))
	d.quit()
	if _, err := os.Stat(other); err == nil {
		t.Errorf("--source demo made the real database %s", other)
	}
	if _, err := os.Stat(filepath.Join(dir, "office", "demo.db")); err != nil {
		t.Errorf("--source demo: %v", err)
	}

	// Configured (a config file), no camera: camera trouble, no demo, nothing
	// recorded.
	if err := os.MkdirAll(filepath.Join(cfg, "canhcua"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfg, "canhcua", "config.toml"), []byte("site = \"UBND xã Tân Phú\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d, _ = startDesk(t, bin, env, "--lang", "en", "--no-bell")
	d.wait(5*time.Second, "camera trouble", contains("Camera: 0", "CAMERA TROUBLE"))
	time.Sleep(3 * time.Second) // a demo would have scanned by now
	sc := d.screen()
	d.quit()
	if strings.Contains(sc, "DEMO") || strings.Contains(sc, "demo") || screenCounts(sc)["Entries"] != 0 {
		t.Errorf("a configured desk without a camera:\n%s", sc)
	}
	st, err := store.Open(context.Background(), realDB)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, err := st.Counts(context.Background(), "", time.Now()); err != nil || c.Entries != 0 {
		t.Errorf("the real database after a start without a camera: %+v, %v", c, err)
	}
}
