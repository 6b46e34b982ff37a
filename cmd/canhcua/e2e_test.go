package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// buildBinary builds canhcua once for the end-to-end tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: builds and runs the binary in tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (make deps installs it)")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "canhcua-e2e-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "canhcua")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// tmuxSession runs a command in a detached tmux session of its own server
// (socket in the test's temp dir) and returns a screen reader.
type tmuxSession struct {
	t    *testing.T
	sock string
}

func startTmux(t *testing.T, w, h int, env []string, argv ...string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	// The pane's colours must not depend on the environment the tests run
	// in: termenv takes any CI variable for "not a terminal", and NO_COLOR
	// (or CLICOLOR=0) turns every colour off, as it should for a user who
	// asks; a CI runner sets them, the terminal in the pane is real.
	cmdline := "env -u CI -u NO_COLOR -u CLICOLOR -u CLICOLOR_FORCE " + strings.Join(quoteAll(argv), " ")
	args := []string{"-S", s.sock, "new-session", "-d", "-s", "e2e", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	args = append(args, cmdline+"; echo EXITED $?; sleep 60")
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", s.sock, "kill-server").Run() })
	return s
}

func quoteAll(a []string) []string {
	q := make([]string, len(a))
	for i, s := range a {
		q[i] = "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return q
}

func (s *tmuxSession) screen() string {
	out, err := exec.Command("tmux", "-S", s.sock, "capture-pane", "-p", "-t", "e2e").Output()
	if err != nil {
		return ""
	}
	return string(out)
}

func (s *tmuxSession) keys(k ...string) {
	exec.Command("tmux", append([]string{"-S", s.sock, "send-keys", "-t", "e2e"}, k...)...).Run()
}

// waitScreen polls the screen until ok accepts it or the timeout passes.
func (s *tmuxSession) waitScreen(timeout time.Duration, ok func(string) bool) (string, bool) {
	deadline := time.Now().Add(timeout)
	for {
		sc := s.screen()
		if ok(sc) {
			return sc, true
		}
		if time.Now().After(deadline) {
			return sc, false
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// codeVideo writes a 10 fps video: each step shows one code (or nothing)
// for a number of frames.
type step struct {
	text   string
	frames int
}

func codeVideo(t *testing.T, path string, fps float64, steps []step) {
	t.Helper()
	imgs := map[string]image.Image{}
	var script []string
	for _, s := range steps {
		if s.text != "" && imgs[s.text] == nil {
			q, err := qrcode.New(s.text, qrcode.Medium)
			if err != nil {
				t.Fatal(err)
			}
			imgs[s.text] = q.Image(300)
		}
		for range s.frames {
			script = append(script, s.text)
		}
	}
	bg := image.NewUniform(color.RGBA{225, 220, 210, 255})
	err := camera.WriteVideo(path, fps, len(script), func(i int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, 640, 480))
		draw.Draw(img, img.Bounds(), bg, image.Point{}, draw.Src)
		if c := imgs[script[i]]; c != nil {
			draw.Draw(img, image.Rect(170, 90, 470, 390), c, image.Point{}, draw.Src)
		}
		return img
	})
	if err != nil {
		t.Fatal(err)
	}
}

func cccd(id, name, dob string) string {
	return id + "||" + name + "|" + dob + "|Nam|Xã Tân Phú, huyện Đồng Phú|10052021"
}

var countRE = regexp.MustCompile(`(Inside now|Entries|Exits|People)\D{0,3}(\d+)`)

func screenCounts(sc string) map[string]int {
	m := map[string]int{}
	for _, g := range countRE.FindAllStringSubmatch(sc, -1) {
		n, _ := strconv.Atoi(g[2])
		m[g[1]] = n
	}
	return m
}

// TestDeskEndToEnd runs the real binary in a real terminal (tmux) on a video
// the test writes: five known codes, one shown twice (a duplicate), one a
// payment code (rejected). The screen must show the right counts and the
// export exactly the expected rows.
func TestDeskEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	video := filepath.Join(dir, "door.avi")
	an := cccd("001090001234", "Nguyễn Văn An", "15031990")
	binh := cccd("079185004321", "Trần Thị Bình", "02111985")
	cuong := cccd("036200007777", "Lê Văn Cường", "20092000")
	dung := cccd("048170002468", "Phạm Thị Dung", "07071970")
	pay := "00020101021138570010A000000727012700069704220113VQRQ00012345670208QRIBFTTA53037045802VN6304ABCD"
	codeVideo(t, video, 10, []step{
		{an, 10}, {"", 5}, {binh, 10}, {"", 5}, {cuong, 10}, {"", 60}, // 6 s gap: the camera reads An again…
		{an, 10}, {"", 5}, {pay, 10}, {"", 5}, {dung, 10}, {"", 20}, // …and the desk calls it a duplicate
	})
	db := filepath.Join(dir, "desk.db")
	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_DATA_HOME=" + dir, "TERM=xterm-256color"}
	s := startTmux(t, 100, 30, env, bin, "--source", video, "--db", db, "--lang", "en", "--no-bell", "--door", "Cổng chính")
	want := map[string]int{"Inside now": 4, "Entries": 4, "Exits": 0, "People": 4}
	sc, ok := s.waitScreen(40*time.Second, func(sc string) bool {
		c := screenCounts(sc)
		for k, v := range want {
			if c[k] != v {
				return false
			}
		}
		return strings.Contains(sc, "Phạm Thị Dung")
	})
	if !ok {
		t.Fatalf("the screen never showed %v with Phạm Thị Dung:\n%s", want, sc)
	}
	for _, w := range []string{"Rejected 1", "Payment    Rejected", "Duplicate", "Cổng chính"} {
		if !strings.Contains(sc, w) {
			t.Errorf("screen lacks %q:\n%s", w, sc)
		}
	}
	if strings.Contains(sc, "001090001234") {
		t.Errorf("the screen shows a full ID number:\n%s", sc)
	}
	s.keys("q")
	if sc, ok := s.waitScreen(10*time.Second, func(sc string) bool { return strings.Contains(sc, "EXITED 0") }); !ok {
		t.Fatalf("q did not quit cleanly:\n%s", sc)
	}

	out := filepath.Join(dir, "today.csv")
	var o, e strings.Builder
	today := time.Now().In(tz.Vietnam()).Format("02/01/2006")
	cmd := exec.Command(bin, "export", "--db", db, "--date", today, "--to", out)
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		t.Fatalf("export: %v: %s", err, e.String())
	}
	rows := readCSV(t, out)
	got := []string{}
	for _, r := range rows[1:] {
		got = append(got, r[3]+"/"+r[4]+"/"+r[6])
	}
	wantRows := []string{
		"Nguyễn Văn An/********1234/Hợp lệ",
		"Trần Thị Bình/********4321/Hợp lệ",
		"Lê Văn Cường/********7777/Hợp lệ",
		"Nguyễn Văn An/********1234/Trùng",
		"//Từ chối",
		"Phạm Thị Dung/********2468/Hợp lệ",
	}
	if strings.Join(got, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("export rows (name/ID/result):\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantRows, "\n"))
	}
	if rows[0][0] != "Thời gian" {
		t.Errorf("header = %v", rows[0])
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "\xef\xbb\xbf") {
		t.Error("CSV without a UTF-8 BOM")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\xef\xbb\xbf"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestKillNineLosesNothing kills the desk with SIGKILL while it scans a video
// of many codes: every scan the screen had confirmed must be in the database.
func TestKillNineLosesNothing(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	video := filepath.Join(dir, "queue.avi")
	var steps []step
	for i := range 40 {
		steps = append(steps, step{cccd(fmt.Sprintf("0010900%05d", i), fmt.Sprintf("Người thứ %d", i), "01011990"), 5}, step{"", 1})
	}
	codeVideo(t, video, 20, steps) // about 3 codes a second for 12 s
	db := filepath.Join(dir, "desk.db")
	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_DATA_HOME=" + dir}
	s := startTmux(t, 100, 30, env, bin, "--source", video, "--db", db, "--lang", "en", "--no-bell")
	// Watch the screen until about half the codes are confirmed.
	var confirmed int
	sc, ok := s.waitScreen(30*time.Second, func(sc string) bool {
		if n := screenCounts(sc)["Entries"]; n > confirmed {
			confirmed = n
		}
		return confirmed >= 15
	})
	if !ok {
		t.Fatalf("only %d scans confirmed on screen:\n%s", confirmed, sc)
	}
	pid := panePID(t, s)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// The last screen before the kill may be older than what was committed,
	// never newer: read it once more only if the process is gone.
	if sc, ok := s.waitScreen(10*time.Second, func(sc string) bool { return strings.Contains(sc, "EXITED 137") }); !ok {
		t.Fatalf("the desk did not die:\n%s", sc)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Counts(context.Background(), "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if c.Entries < confirmed {
		t.Fatalf("the screen confirmed %d entries, the database holds %d after kill -9", confirmed, c.Entries)
	}
	t.Logf("confirmed on screen before kill -9: %d; in the database after: %d", confirmed, c.Entries)
	_ = canhcua.Accepted
}

// panePID is the pid of the desk process in the tmux pane (a descendant of
// the pane's shell).
func panePID(t *testing.T, s *tmuxSession) int {
	t.Helper()
	out, err := exec.Command("tmux", "-S", s.sock, "display-message", "-p", "-t", "e2e", "#{pane_pid}").Output()
	if err != nil {
		t.Fatal(err)
	}
	shell, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	for queue := []int{shell}; len(queue) > 0; queue = queue[1:] {
		kids, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", queue[0], queue[0]))
		for _, f := range strings.Fields(string(kids)) {
			pid, _ := strconv.Atoi(f)
			if exe, _ := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); strings.HasSuffix(exe, "canhcua") {
				return pid
			}
			queue = append(queue, pid)
		}
	}
	t.Fatalf("no canhcua process under the pane's shell %d", shell)
	return 0
}
