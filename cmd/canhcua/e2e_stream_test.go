package main

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// What the test IP camera does with a connection.
const (
	camSilent int32 = iota // accept it and send nothing
	camServe               // an MJPEG stream at 10 frames/s
	camStall               // stop sending mid-stream (new connections: silent)
)

// camServer is an IP camera on loopback that the test turns on and off: an
// MJPEG stream over HTTP (multipart/x-mixed-replace), as cheap cameras give.
type camServer struct {
	mode atomic.Int32
	srv  *httptest.Server
	done chan struct{}
}

func newCamServer(t *testing.T, mode int32) *camServer {
	t.Helper()
	c := &camServer{done: make(chan struct{})}
	c.mode.Store(mode)
	c.srv = httptest.NewServer(http.HandlerFunc(c.serve))
	t.Cleanup(func() {
		close(c.done)
		c.srv.CloseClientConnections()
		c.srv.Close()
	})
	return c
}

// url is the camera's address with a user and password in it.
func (c *camServer) url() string {
	return strings.Replace(c.srv.URL, "http://", "http://admin:hunter2@", 1) + "/cam.mjpg"
}

func (c *camServer) serve(w http.ResponseWriter, r *http.Request) {
	hang := func() {
		select {
		case <-r.Context().Done():
		case <-c.done:
		}
	}
	if c.mode.Load() != camServe {
		hang()
		return
	}
	w.Header().Set("Content-Type", "multipart/x-mixed-replace; boundary=frame")
	img := image.NewGray(image.Rect(0, 0, 320, 240))
	var b bytes.Buffer
	for {
		if c.mode.Load() != camServe {
			hang() // the connection stays open and says nothing more
			return
		}
		for i := range img.Pix { // noise: never "frozen", "dark" or "covered"
			img.Pix[i] = uint8(64 + rand.IntN(128))
		}
		b.Reset()
		if err := jpeg.Encode(&b, img, nil); err != nil {
			return
		}
		fmt.Fprintf(w, "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n", b.Len())
		w.Write(b.Bytes())
		w.Write([]byte("\r\n"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			return
		case <-c.done:
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
}

var exitAtRE = regexp.MustCompile(`EXITAT (\d+) (\d+)`)

// deskRun is the desk in tmux, its exit time stamped by the shell.
type deskRun struct {
	*tmuxSession
	t      *testing.T
	leaked string // a screen that showed the password
}

// startDesk starts the desk and returns once it is on screen, with how long
// that took (process start included).
func startDesk(t *testing.T, bin string, env []string, args ...string) (*deskRun, time.Duration) {
	t.Helper()
	script := `"$0" "$@"; s=$?; echo "EXITAT $(date +%s%N) $s"`
	start := time.Now()
	d := &deskRun{tmuxSession: startTmux(t, 100, 30, env, append([]string{"sh", "-c", script, bin}, args...)...), t: t}
	d.wait(5*time.Second, "the desk on screen", func(sc string) bool { return strings.Contains(sc, "CANHCUA") })
	return d, time.Since(start)
}

// wait waits for the screen to pass ok and returns how long that took.
func (d *deskRun) wait(timeout time.Duration, what string, ok func(string) bool) time.Duration {
	d.t.Helper()
	start := time.Now()
	sc, found := d.waitScreen(timeout, func(sc string) bool {
		if strings.Contains(sc, "hunter2") && d.leaked == "" {
			d.leaked = sc
		}
		return ok(sc)
	})
	if !found {
		d.t.Fatalf("no %s within %v:\n%s", what, timeout, sc)
	}
	if d.leaked != "" {
		d.t.Fatalf("the screen shows the stream's password:\n%s", d.leaked)
	}
	return time.Since(start)
}

// quit presses q and returns the time until the process had exited.
func (d *deskRun) quit() time.Duration {
	d.t.Helper()
	pressed := time.Now()
	d.keys("q")
	var m []string
	d.wait(10*time.Second, "exit after q", func(sc string) bool {
		m = exitAtRE.FindStringSubmatch(sc)
		return m != nil
	})
	ns, _ := strconv.ParseInt(m[1], 10, 64)
	if m[2] != "0" {
		d.t.Errorf("exit status %s after q", m[2])
	}
	return time.Unix(0, ns).Sub(pressed)
}

func contains(s ...string) func(string) bool {
	return func(sc string) bool {
		for _, w := range s {
			if !strings.Contains(sc, w) {
				return false
			}
		}
		return true
	}
}

// TestDeskStreamStalls runs the real binary in tmux on an IP camera that
// accepts the connection and sends nothing, then streams, then stalls
// mid-stream, then comes back. The desk must be on screen at once with camera
// trouble, retry by itself, recover within 5 s of the stream coming back,
// and end within 1 s of q in every state; the stream's password must never
// show on the screen or in canhcua.log.
func TestDeskStreamStalls(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	cam := newCamServer(t, camSilent)
	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_DATA_HOME=" + dir, "TERM=xterm-256color"}
	args := []string{"--source", cam.url(), "--db", filepath.Join(dir, "desk.db"), "--lang", "en", "--no-bell"}
	const exitLimit = time.Second
	checkExit := func(state string, d time.Duration) {
		t.Logf("q → exit, %s: %v", state, d.Round(time.Millisecond))
		if d > exitLimit {
			t.Errorf("%s: the process ended %v after q, want within %v", state, d, exitLimit)
		}
	}

	// 1. Stalled at open: on screen at once, camera trouble, q works.
	d, onScreen := startDesk(t, bin, env, args...)
	t.Logf("stalled at open: desk on screen %v after start", onScreen.Round(time.Millisecond))
	if onScreen > 2*time.Second {
		t.Errorf("the desk took %v to show with a stream that sends nothing", onScreen)
	}
	trouble := d.wait(5*time.Second, "camera trouble", contains("CAMERA TROUBLE", "***@"))
	t.Logf("stalled at open: camera trouble on screen %v later", trouble.Round(time.Millisecond))
	checkExit("stalled at open", d.quit())

	// 2. The stream comes back while the desk retries.
	d, _ = startDesk(t, bin, env, args...)
	d.wait(5*time.Second, "camera trouble", contains("CAMERA TROUBLE: cannot be opened"))
	cam.mode.Store(camServe)
	back := d.wait(10*time.Second, "frames after the stream came back", contains("last frame"))
	t.Logf("stream back after a stall at open: frames on screen %v later", back.Round(time.Millisecond))
	if back > 5*time.Second {
		t.Errorf("the desk took %v to recover after the stream came back, want within 5 s", back)
	}

	// 3. Stalled mid-run: q while the read is stuck in FFmpeg.
	cam.mode.Store(camStall)
	time.Sleep(time.Second)
	checkExit("stalled mid-run (read in flight)", d.quit())

	// 4. Stalled mid-run, then back; then q on a healthy stream.
	cam.mode.Store(camServe)
	d, _ = startDesk(t, bin, env, args...)
	d.wait(10*time.Second, "frames", contains("last frame"))
	cam.mode.Store(camStall)
	seen := d.wait(10*time.Second, "trouble after a stall mid-run", func(sc string) bool {
		return strings.Contains(sc, "CAMERA TROUBLE") || strings.Contains(sc, "NO FRAME FOR")
	})
	t.Logf("stalled mid-run: trouble on screen %v after the stall", seen.Round(time.Millisecond))
	d.wait(10*time.Second, "a reopen", contains("CAMERA TROUBLE"))
	cam.mode.Store(camServe)
	back = d.wait(10*time.Second, "frames after the stream came back", contains("last frame"))
	t.Logf("stream back after a stall mid-run: frames on screen %v later", back.Round(time.Millisecond))
	if back > 5*time.Second {
		t.Errorf("the desk took %v to recover after the stream came back, want within 5 s", back)
	}
	time.Sleep(time.Second)
	checkExit("healthy", d.quit())

	log, err := os.ReadFile(filepath.Join(dir, "canhcua.log"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(log), "hunter2") || !strings.Contains(string(log), "***@") {
		t.Errorf("canhcua.log shows the password, or no camera line at all:\n%s", log)
	}
}

// TestStreamPasswordHidden: decode --source and bench live never print a
// stream's password, whether the stream fails or plays.
func TestStreamPasswordHidden(t *testing.T) {
	bin := buildBinary(t)
	silent := newCamServer(t, camSilent)
	playing := newCamServer(t, camServe)
	for _, args := range [][]string{
		{"decode", "--source", silent.url(), "--duration", "2s"},
		{"bench", "live", "--source", silent.url(), "--duration", "1s"},
		{"decode", "--source", playing.url(), "--duration", "1s"},
		{"bench", "live", "--source", playing.url(), "--duration", "1s"},
	} {
		var out, errb bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		t.Logf("%s %s: %v; stderr %q", args[0], strings.Join(args[1:], " "), err, errb.String())
		if strings.Contains(out.String()+errb.String(), "hunter2") {
			t.Errorf("%v prints the password:\nstdout %s\nstderr %s", args, out.String(), errb.String())
		}
	}
}
