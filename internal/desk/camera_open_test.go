package desk

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua/camera"
)

// silentServer accepts connections and never sends a byte: a stream that
// hangs.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conns := make(chan net.Conn, 64)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns <- c
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		for len(conns) > 0 {
			(<-conns).Close()
		}
	})
	return ln.Addr().String()
}

// waitDone reports how long the camera took to stop, failing past limit.
func waitDone(t *testing.T, d *Camera, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	select {
	case <-d.done:
		return time.Since(start)
	case <-time.After(limit):
		t.Fatalf("the camera did not stop within %v", limit)
		return 0
	}
}

// TestDeskCameraNeverWaitsOnAStream: a stream that accepts the connection and
// sends nothing. The status is there at once, says camera trouble (without
// the password) and that it tries again; and the camera stops at once when
// told to, even with an open stuck in OpenCV.
func TestDeskCameraNeverWaitsOnAStream(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the stream timeout")
	}
	url := "http://admin:hunter2@" + silentServer(t) + "/cam.mjpg"
	d := NewCamera(url, time.Second, filepath.Join(t.TempDir(), "snapshots"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go d.Run(ctx)

	start := time.Now()
	s := d.Status()
	if took := time.Since(start); took > 100*time.Millisecond {
		t.Errorf("the status took %v while the stream was opening", took)
	}
	if strings.Contains(s.Source, "hunter2") || !strings.Contains(s.Source, "***@") {
		t.Errorf("status source %q", s.Source)
	}
	// A second in, the open is camera trouble on the screen.
	time.Sleep(slowOpen + 200*time.Millisecond)
	if s = d.Status(); !s.Retrying || s.Err != "no answer yet" {
		t.Errorf("status of an open that takes long: %+v", s)
	}
	// The first try fails after camera.StreamTimeout; the next starts at once.
	deadline := time.Now().Add(camera.StreamTimeout + 2*time.Second)
	for !strings.Contains(d.Status().Err, "cannot be opened") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	s = d.Status()
	if !s.Retrying || s.Err != "cannot be opened as a video" {
		t.Fatalf("status after a failed open: %+v", s)
	}
	if tr := d.Trouble(); tr.msg == "" || strings.Contains(tr.msg+tr.msgVI, "hunter2") {
		t.Errorf("trouble %+v", tr)
	}
	time.Sleep(500 * time.Millisecond) // the second try is inside OpenCV now
	cancel()
	t.Logf("stopped %v after cancel, with an open in flight", waitDone(t, d, time.Second))
}

// frames is a live source of noisy frames that stalls (inside "C": it
// ignores its context) once stall is closed, until release is.
type frames struct {
	stall, release chan struct{}
	n              atomic.Int64
}

func (f *frames) Read(ctx context.Context, dst *gocv.Mat) error {
	select {
	case <-f.stall:
		<-f.release
		return context.Canceled
	case <-time.After(40 * time.Millisecond):
	}
	m := gocv.NewMatWithSize(240, 320, gocv.MatTypeCV8UC3)
	defer m.Close()
	gocv.RandU(&m, gocv.NewScalar(0, 0, 0, 0), gocv.NewScalar(255, 255, 255, 0))
	m.CopyTo(dst)
	f.n.Add(1)
	return nil
}

func (f *frames) Info() camera.Info {
	return camera.Info{Name: "frames", Kind: "stream", Live: true, Width: 320, Height: 240, FPS: 25}
}
func (f *frames) Close() error { return nil }

// TestDeskCameraStallMidRun: a stream that stalls mid-run, its read stuck
// inside OpenCV, is reported and reopened without waiting for that read; and
// the camera stops at once while the read is still stuck.
func TestDeskCameraStallMidRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a stream for several seconds")
	}
	src := &frames{stall: make(chan struct{}), release: make(chan struct{})}
	defer close(src.release)
	var opens atomic.Int32
	d := NewCamera("rtsp://cam/live", time.Second, filepath.Join(t.TempDir(), "snapshots"))
	d.open = func(context.Context, string) (camera.Source, error) {
		opens.Add(1)
		return camera.Detach(src), nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go d.Run(ctx)
	for src.n.Load() < 10 {
		time.Sleep(20 * time.Millisecond)
	}
	close(src.stall)
	stalled := time.Now()
	for opens.Load() < 2 && time.Since(stalled) < 10*time.Second {
		time.Sleep(20 * time.Millisecond)
	}
	if opens.Load() < 2 {
		t.Fatal("the stalled stream was not reopened")
	}
	reopened := time.Since(stalled)
	if reopened > camera.NoFramesAfter+RetryEvery+2*time.Second {
		t.Errorf("reopened %v after the stall", reopened)
	}
	cancel()
	t.Logf("reopened %v after the stall; stopped %v after cancel with a read stuck", reopened.Round(time.Millisecond), waitDone(t, d, time.Second))
}
