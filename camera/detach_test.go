package camera

import (
	"context"
	"errors"
	"image"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// stuck is a source whose reads wait for release whatever their context says,
// as a read inside OpenCV does.
type stuck struct {
	release chan struct{}
	closed  atomic.Bool
}

func (s *stuck) Read(_ context.Context, dst *gocv.Mat) error {
	<-s.release
	m := gocv.NewMatWithSize(48, 64, gocv.MatTypeCV8UC3)
	defer m.Close()
	m.CopyTo(dst)
	return nil
}

func (s *stuck) Info() Info   { return Info{Name: "stuck", Kind: "stream", Live: true} }
func (s *stuck) Close() error { s.closed.Store(true); return nil }

// eventually polls ok for up to 5 s.
func eventually(ok func() bool) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok() {
			return true
		}
	}
	return ok()
}

// TestDetachedNeverWaits: a read stuck in the source gives way to its
// context at once, Close returns at once, and the source is closed only once
// the stuck read has returned; a read that completes hands its frame over.
func TestDetachedNeverWaits(t *testing.T) {
	s := &stuck{release: make(chan struct{})}
	src := Detach(s)
	dst := gocv.NewMat()
	defer dst.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := src.Read(ctx, &dst); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a stuck read returned %v", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("a stuck read took %v to give way to its context", d)
	}
	// The same read, taken over by the next call, completes.
	s.release <- struct{}{}
	if err := src.Read(context.Background(), &dst); err != nil || dst.Cols() != 64 || dst.Rows() != 48 {
		t.Fatalf("read: %v, %dx%d", err, dst.Cols(), dst.Rows())
	}

	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	src.Read(ctx2, &dst) // stuck again
	start = time.Now()
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("Close waited %v for a stuck read", d)
	}
	if s.closed.Load() {
		t.Fatal("the source was closed under a read")
	}
	close(s.release)
	if !eventually(s.closed.Load) {
		t.Error("the source was never closed after its read returned")
	}
}

// TestOpenDetachedGivesUp: an open stuck in OpenCV gives way to its context,
// and the source it opens late is closed.
func TestOpenDetachedGivesUp(t *testing.T) {
	release := make(chan struct{})
	late := &stuck{release: make(chan struct{})}
	open := func(context.Context, string) (Source, error) { <-release; return late, nil }
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if src, err := openDetached(ctx, "rtsp://cam/x", open); src != nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("openDetached = %v, %v", src, err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("a stuck open took %v to give way", d)
	}
	close(release)
	if !eventually(late.closed.Load) {
		t.Error("the source opened late was never closed")
	}
}

// silentServer accepts connections and never sends a byte.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// TestStreamThatSendsNothing: a stream that accepts the connection and sends
// nothing fails to open within StreamTimeout (not OpenCV's 30 s), and the
// error does not show the stream's password.
func TestStreamThatSendsNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the stream timeout")
	}
	if !strings.Contains(ffmpegOptions(), "rw_timeout") && os.Getenv(ffmpegOptionsEnv) != "" {
		t.Skipf("%s is set by the user: %q", ffmpegOptionsEnv, os.Getenv(ffmpegOptionsEnv))
	}
	addr := silentServer(t)
	for _, url := range []string{"http://admin:hunter2@" + addr + "/cam.mjpg", "rtsp://admin:hunter2@" + addr + "/live"} {
		start := time.Now()
		src, err := Open(context.Background(), url)
		took := time.Since(start)
		if err == nil {
			src.Close()
			t.Fatalf("%s opened", url)
		}
		t.Logf("%s: failed after %v: %v", canhcua.Redact(url), took.Round(time.Millisecond), err)
		if took > StreamTimeout+2*time.Second {
			t.Errorf("%s: %v to fail, want about %v", canhcua.Redact(url), took, StreamTimeout)
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
}

// TestStreamStallsMidRun: a stream that stops sending mid-run ends its
// reads with an error within StreamTimeout of its last frame, and neither
// its name nor the error shows the password.
func TestStreamStallsMidRun(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the stream timeout")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "cam.avi")
	err := WriteVideo(path, 10, 60, func(i int) image.Image {
		m := frameWith(t, "Camera IP cổng sau "+strconv.Itoa(i))
		defer m.Close()
		img, _ := m.ToImage()
		return img
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Write(data[:len(data)/2]) // half the video, then silence
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	url := strings.Replace(srv.URL, "http://", "http://admin:hunter2@", 1) + "/cam.avi"
	src, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if strings.Contains(src.Info().Name, "hunter2") {
		t.Errorf("the source's name shows the password: %s", src.Info().Name)
	}
	// A stream is read as fast as it comes: the first half at once, then
	// nothing until the timeout.
	l := &Loop{Source: src, Decoder: ZXing{}}
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- l.Run(context.Background(), make(chan canhcua.Read, 100)) }()
	select {
	case err = <-done:
	case <-time.After(StreamTimeout + 10*time.Second):
		t.Fatal("the stalled stream's read never ended")
	}
	took := time.Since(start)
	if err == nil || l.Stats().Captured == 0 {
		t.Fatalf("after %d frames: %v", l.Stats().Captured, err)
	}
	if took > StreamTimeout+2*time.Second {
		t.Errorf("the stalled stream's reads ended after %v, want about %v", took, StreamTimeout)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("the error shows the password: %v", err)
	}
	t.Logf("%d frames, then the stall: reads ended after %v: %v", l.Stats().Captured, took.Round(time.Millisecond), err)
}
