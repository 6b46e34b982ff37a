package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/canhcua/canhcua/store"
)

// TestSIGHUPEndsTheDeskCleanly: the terminal window closing sends SIGHUP;
// the desk ends as it does on SIGTERM: exit status 0, the terminal given
// back (not left on the alternate screen, canonical mode and echo on again)
// and every scan kept.
func TestSIGHUPEndsTheDeskCleanly(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	video := filepath.Join(dir, "door.avi")
	codeVideo(t, video, 10, []step{
		{cccd("001090001234", "Nguyễn Văn An", "15031990"), 10}, {"", 5},
		{cccd("079185004321", "Trần Thị Bình", "02111985"), 10}, {"", 5},
		{cccd("036200007777", "Lê Văn Cường", "20092000"), 10}, {"", 600}, // then a minute of an empty door
	})
	db := filepath.Join(dir, "desk.db")
	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_DATA_HOME=" + dir, "TERM=xterm-256color"}
	// After the desk, the terminal's modes: "icanon" and "echo" when it was
	// given back, "-icanon" and "-echo" when it was left raw.
	desk := strings.Join(quoteAll([]string{bin, "--source", video, "--db", db, "--lang", "en", "--no-bell"}), " ")
	s := startTmux(t, 100, 30, env, "sh", "-c", desk+`; s=$?; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo; exit $s`)
	sc, ok := s.waitScreen(30*time.Second, func(sc string) bool { return screenCounts(sc)["Entries"] == 3 })
	if !ok {
		t.Fatalf("the desk never showed 3 entries:\n%s", sc)
	}
	if err := syscall.Kill(panePID(t, s), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	sc, ok = s.waitScreen(10*time.Second, func(sc string) bool { return strings.Contains(sc, "EXITED") })
	if !ok || !strings.Contains(sc, "EXITED 0") {
		t.Fatalf("SIGHUP did not end the desk cleanly:\n%s", sc)
	}
	lines := strings.Fields(sc)
	for _, want := range []string{"icanon", "echo"} {
		if !slices.Contains(lines, want) || slices.Contains(lines, "-"+want) {
			t.Errorf("terminal left without %s after SIGHUP:\n%s", want, sc)
		}
	}
	out, err := exec.Command("tmux", "-S", s.sock, "display-message", "-p", "-t", "e2e", "#{alternate_on}").Output()
	if err != nil {
		t.Fatal(err)
	}
	if alt := strings.TrimSpace(string(out)); alt != "0" {
		t.Errorf("the pane is still on the alternate screen (alternate_on=%s) after SIGHUP", alt)
	}
	st, err := store.Open(context.Background(), db, store.ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Counts(context.Background(), "", time.Now())
	if err != nil || c.Entries != 3 {
		t.Fatalf("after SIGHUP the database holds %d entries (%v), want 3", c.Entries, err)
	}
}
