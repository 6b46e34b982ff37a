package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWriteConfig: the form's settings are written with mode 0600 in a
// folder made with mode 0700; on an existing file the other settings are
// kept, and the file read back holds both; a symbolic link is followed.
func TestWriteConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cfg", "canhcua", "config.toml")
	c := defaultConfig()
	c.Site, c.Door, c.Source, c.Direction, c.Lang = "UBND xã Tân Phú", "Cổng số 2", "demo", "toggle", "en"
	if err := writeConfig(path, c); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700 | os.ModeDir} {
		if st, err := os.Stat(p); err != nil || st.Mode() != want {
			t.Errorf("%s: mode %v (%v), want %v", p, st.Mode(), err, want)
		}
	}
	got := defaultConfig()
	if err := loadConfig(&got, path, true); err != nil {
		t.Fatal(err)
	}
	if got.Site != c.Site || got.Door != c.Door || got.Source != "demo" || got.Direction != "toggle" || got.Lang != "en" {
		t.Errorf("read back: %+v", got)
	}

	// An existing file: its other settings stay, the form's change.
	old := "# the office's desk\nsite = \"Trạm Y tế\"\ndedup = \"7s\"\nretention_days = 45\nbell = false\n" +
		"export_dir = \"/srv/exports\"\nsource = \"1\"\n"
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.toml")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	c.Site, c.Source = "UBND phường 3", "/srv/door.mp4"
	if err := writeConfig(link, c); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", st.Mode(), err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode() != 0o600 {
		t.Errorf("rewritten: mode %v (%v), want 0600", st.Mode(), err)
	}
	got = defaultConfig()
	if err := loadConfig(&got, path, true); err != nil {
		t.Fatal(err)
	}
	if got.Site != "UBND phường 3" || got.Source != "/srv/door.mp4" || got.Door != "Cổng số 2" || got.Dedup != 7*time.Second ||
		got.RetentionDays != 45 || got.Bell || got.ExportDir != "/srv/exports" {
		t.Errorf("read back after the edit: %+v", got)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "site = \"UBND phường 3\"\ndoor = ") || strings.Count(string(b), "site =") != 1 {
		t.Errorf("the file:\n%s", b)
	}
}

// withStdin runs f with the process's standard input from /dev/null: not
// a terminal.
func withStdin(t *testing.T, f func()) {
	t.Helper()
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	saved := os.Stdin
	os.Stdin = null
	defer func() { os.Stdin = saved }()
	f()
}

// TestSetupWithoutTerminal: canhcua setup with standard input not a
// terminal asks nothing, says so in one line, exits 2 and writes nothing.
func TestSetupWithoutTerminal(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	var out, errb bytes.Buffer
	var status int
	withStdin(t, func() { status = run(context.Background(), []string{"setup"}, &out, &errb) })
	path := filepath.Join(dir, "canhcua", "config.toml")
	want := "canhcua setup: the form needs a terminal (standard input and output): nothing asked; write " + path + " by hand (see README)\n"
	if status != exitUsage || errb.String() != want || out.Len() != 0 {
		t.Errorf("status %d, stdout %q, stderr %q", status, out.String(), errb.String())
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a config file was written")
	}
	// Nor does the desk ask on a first start.
	cl := newCLI("", "", &out, &errb)
	withStdin(t, func() {
		if firstStart(cl, defaultConfig(), path, false) {
			t.Error("a first start without a terminal asks")
		}
	})
}

// TestCamerasNone: canhcua cameras on a machine without a camera says so
// on standard error and exits 1.
func TestCamerasNone(t *testing.T) {
	if idx := len(cameraNodes()); idx > 0 {
		t.Skip("this machine has camera devices")
	}
	var out, errb bytes.Buffer
	start := time.Now()
	status := run(context.Background(), []string{"cameras"}, &out, &errb)
	if status != exitNotFound || out.Len() != 0 || errb.String() != "canhcua cameras: no camera found\n" {
		t.Errorf("status %d, stdout %q, stderr %q", status, out.String(), errb.String())
	}
	t.Logf("canhcua cameras without a camera: %v", time.Since(start).Round(time.Millisecond))
	if status := run(context.Background(), []string{"cameras", "extra"}, &out, &errb); status != exitUsage {
		t.Errorf("an argument: status %d", status)
	}
}

func cameraNodes() []string {
	nodes, _ := filepath.Glob("/dev/video*")
	return nodes
}

// TestShortHome: the form names the config file with ~ for the home
// folder.
func TestShortHome(t *testing.T) {
	t.Setenv("HOME", "/home/an")
	for in, want := range map[string]string{
		"/home/an/.config/canhcua/config.toml": "~/.config/canhcua/config.toml",
		"/home/anh/config.toml":                "/home/anh/config.toml",
		"/etc/canhcua.toml":                    "/etc/canhcua.toml",
	} {
		if got := shortHome(in); got != want {
			t.Errorf("shortHome(%q) = %q, want %q", in, got, want)
		}
	}
}
