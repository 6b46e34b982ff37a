package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// noStdin is the command line that runs bin with args and its standard
// input from /dev/null (not a terminal; the screen still reads its keys
// from the terminal, /dev/tty): for startDesk and startTmux.
func noStdin(bin string, args ...string) (string, []string) {
	return "sh", append([]string{"-c", `exec "$0" "$@" </dev/null`, bin}, args...)
}

// waitAll waits for the screen to show every text of want, and returns it.
func waitAll(t *testing.T, s *tmuxSession, timeout time.Duration, what string, want ...string) string {
	t.Helper()
	sc, ok := s.waitScreen(timeout, contains(want...))
	if !ok {
		t.Fatalf("no %s within %v:\n%s", what, timeout, sc)
	}
	return sc
}

// TestFirstStartSetup runs the real binary in tmux with an empty home: the
// first start asks its questions, filled in by send-keys (the language
// switched to English, a site and a door with diacritics, a video file
// typed as the camera), then the desk opens with the typed site and door
// and reads the video; the config file holds the answers, with mode 0600.
// A second start asks nothing.
func TestFirstStartSetup(t *testing.T) {
	bin := buildBinary(t)
	if len(cameraNodes()) > 0 {
		t.Skip("this machine has camera devices: the form would offer them first")
	}
	home := t.TempDir()
	cfgDir, data := filepath.Join(home, ".config"), filepath.Join(home, ".local", "share")
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + cfgDir, "XDG_DATA_HOME=" + data, "TERM=xterm-256color"}
	video := filepath.Join(home, "door.avi")
	codeVideo(t, video, 10, []step{{cccd("001090001234", "Nguyễn Văn An", "15031990"), 15}, {"", 600}})
	path := filepath.Join(cfgDir, "canhcua", "config.toml")

	s := startTmux(t, 100, 30, env, bin)
	wait := func(timeout time.Duration, what string, want ...string) string {
		t.Helper()
		return waitAll(t, s, timeout, what, want...)
	}
	wait(10*time.Second, "form", "CANHCUA — CÀI ĐẶT", "không thấy camera nào", "~/.config/canhcua/config.toml")
	s.keys("Right")
	wait(5*time.Second, "form in English", "CANHCUA — SETUP", "no camera found")
	s.keys("Enter")
	s.keys("-l", "UBND xã Tân Phú")
	s.keys("Enter")
	s.keys("-l", "Cổng số 2")
	s.keys("Enter")
	s.keys("Down") // the demo → the file
	s.keys("-l", video)
	s.keys("Enter")
	wait(5*time.Second, "the answers", "UBND xã Tân Phú", "Cổng số 2", "door.avi", "▸ Direction")
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the config file was written before the form was saved")
	}
	s.keys("Enter")
	sc := wait(30*time.Second, "desk with the typed site and door, reading the video", "UBND xã Tân Phú", "Cổng số 2", "Nguyễn Văn An")
	if screenCounts(sc)["Entries"] != 1 || strings.Contains(sc, "SETUP") {
		t.Errorf("the desk after the form:\n%s", sc)
	}

	st, err := os.Stat(path)
	if err != nil || st.Mode() != 0o600 {
		t.Fatalf("config file %s: %v, %v", path, st.Mode(), err)
	}
	if dir, err := os.Stat(filepath.Dir(path)); err != nil || dir.Mode().Perm() != 0o700 {
		t.Errorf("config folder: %v, %v", dir.Mode(), err)
	}
	var got map[string]any
	if _, err := toml.DecodeFile(path, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"site": "UBND xã Tân Phú", "door": "Cổng số 2", "source": video, "direction": "in", "lang": "en"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("config %s = %v, want %v", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("config holds %v", got)
	}
	s.keys("q")
	wait(10*time.Second, "exit", "EXITED 0")

	// A second start: the desk at once, in English, nothing asked.
	s = startTmux(t, 100, 30, env, bin)
	sc = wait(10*time.Second, "desk", "UBND xã Tân Phú", "Door: Cổng số 2")
	if strings.Contains(sc, "SETUP") || strings.Contains(sc, "CÀI ĐẶT") {
		t.Errorf("asked again:\n%s", sc)
	}
	s.keys("q")
	wait(10*time.Second, "exit", "EXITED 0")
}

// TestSetupCommand: canhcua setup on an existing config file starts from
// its answers, changes the one edited, keeps the other settings, and exits
// without opening the desk; Esc writes nothing.
func TestSetupCommand(t *testing.T) {
	bin := buildBinary(t)
	home := t.TempDir()
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home, "XDG_DATA_HOME=" + home, "TERM=xterm-256color"}
	path := filepath.Join(home, "canhcua", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	old := "site = \"Trạm Y tế\"\ndoor = \"Cổng sau\"\nsource = \"demo\"\nlang = \"en\"\nretention_days = 45\n"
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 100, 30, env, bin, "setup")
	waitFor := func(what string, want ...string) {
		t.Helper()
		waitAll(t, s, 10*time.Second, what, want...)
	}
	waitFor("form", "CANHCUA — SETUP", "Trạm Y tế", "Cổng sau", "(•) no camera (demo)")
	s.keys("Down", "Down") // the door
	s.keys("C-u")
	s.keys("-l", "Phòng họp")
	s.keys("C-s")
	waitFor("saved", "saved in "+path, "EXITED 0")
	var got config
	if _, err := toml.DecodeFile(path, &got); err != nil {
		t.Fatal(err)
	}
	if got.Site != "Trạm Y tế" || got.Door != "Phòng họp" || got.Source != "demo" || got.Lang != "en" || got.RetentionDays != 45 {
		t.Errorf("config after setup: %+v", got)
	}
	if st, err := os.Stat(path); err != nil || st.Mode() != 0o600 {
		t.Errorf("mode %v, %v", st.Mode(), err)
	}

	// Esc: nothing written, exit status 1.
	before, _ := os.ReadFile(path)
	s = startTmux(t, 100, 30, env, bin, "setup")
	waitFor("form", "CANHCUA — SETUP", "Phòng họp")
	s.keys("Escape")
	waitFor("cancelled", "canhcua setup: cancelled: nothing written", "EXITED 1")
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("Esc changed the file:\n%s", after)
	}
}
