package camera

import (
	"context"
	"errors"
	"image"
	"sync"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// blank returns a white gray frame.
func blank(w, h int) gocv.Mat {
	return gocv.NewMatWithSizeFromScalar(gocv.NewScalar(255, 0, 0, 0), h, w, gocv.MatTypeCV8UC1)
}

// frameWith returns a 400x400 white frame with the code for text in its middle.
func frameWith(t testing.TB, text string) gocv.Mat {
	f := blank(400, 400)
	code := qrMat(t, text, 5)
	defer code.Close()
	roi := f.Region(image.Rect(50, 50, 50+code.Cols(), 50+code.Rows()))
	code.CopyTo(&roi)
	roi.Close()
	return f
}

func collect(t *testing.T, l *Loop) ([]canhcua.Read, error) {
	t.Helper()
	out := make(chan canhcua.Read, 1000)
	err := l.Run(context.Background(), out)
	close(out)
	var reads []canhcua.Read
	for r := range out {
		reads = append(reads, r)
	}
	return reads, err
}

// TestLoopDeduplicates feeds a file-like source at 10 frames/s: a code seen in
// successive frames, or back after a short absence, is one read; back after
// more than the window (5 s) it is a new read.
func TestLoopDeduplicates(t *testing.T) {
	a, b, none := frameWith(t, "Lê Thị Hồng Nhung"), frameWith(t, "badge:0042"), blank(400, 400)
	defer a.Close()
	defer b.Close()
	defer none.Close()
	var frames []gocv.Mat
	add := func(m gocv.Mat, n int) {
		for range n {
			frames = append(frames, m)
		}
	}
	add(a, 5)     // frames 0-4: read A once
	add(none, 5)  // 0.5 s away
	add(a, 2)     // frames 10-11: still the same read
	add(b, 3)     // frames 12-14: B
	add(none, 55) // 5.5 s away
	add(a, 1)     // frame 70: A again, a new read
	add(b, 1)     // frame 71: B away 5.7 s: new read
	src := &Fake{Frames: frames, FPS: 10}
	reads, err := collect(t, &Loop{Source: src, Decoder: ZXing{}})
	if err != nil {
		t.Fatal(err)
	}
	type rd struct {
		text  string
		frame int64
	}
	want := []rd{{"Lê Thị Hồng Nhung", 0}, {"badge:0042", 12}, {"Lê Thị Hồng Nhung", 70}, {"badge:0042", 71}}
	var got []rd
	for _, r := range reads {
		got = append(got, rd{r.Text, r.Frame})
	}
	if len(got) != len(want) {
		t.Fatalf("reads = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("read %d = %v, want %v", i, got[i], want[i])
		}
	}
	if src.Reads() != len(frames) {
		t.Errorf("source delivered %d of %d frames: a file must be read in full", src.Reads(), len(frames))
	}
}

// gatedDecoder reports the first pixel of each frame and blocks until
// released, so a test controls the decoder's speed.
type gatedDecoder struct {
	mu      sync.Mutex
	seen    []uint8
	entered chan struct{}
	release chan struct{}
}

func (g *gatedDecoder) Decode(m gocv.Mat) ([]canhcua.Code, error) {
	g.mu.Lock()
	g.seen = append(g.seen, m.GetUCharAt(0, 0))
	g.mu.Unlock()
	g.entered <- struct{}{}
	<-g.release
	return nil, nil
}

// TestLoopNewestFrameWins: while the decoder is busy, newer frames replace
// older ones in a single slot; the decoder then gets the newest.
func TestLoopNewestFrameWins(t *testing.T) {
	var frames []gocv.Mat
	for i := range 5 {
		m := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(float64(i), 0, 0, 0), 2, 2, gocv.MatTypeCV8UC1)
		defer m.Close()
		frames = append(frames, m)
	}
	gate := make(chan struct{})
	src := &Fake{Frames: frames, Live: true, Gate: gate}
	dec := &gatedDecoder{entered: make(chan struct{}), release: make(chan struct{})}
	l := &Loop{Source: src, Decoder: dec}
	done := make(chan error)
	go func() { done <- l.Run(context.Background(), make(chan canhcua.Read, 1)) }()

	gate <- struct{}{} // frame 0
	<-dec.entered      // the decoder holds frame 0
	for range 3 {      // frames 1, 2, 3 arrive while it is busy
		gate <- struct{}{}
	}
	waitFor(t, func() bool { return src.Reads() == 4 && l.Stats().Dropped == 2 })
	dec.release <- struct{}{} // done with 0
	<-dec.entered             // takes the newest: 3
	close(gate)               // the source ends (frame 4 then EOF)
	dec.release <- struct{}{}
	for {
		select {
		case <-dec.entered:
			dec.release <- struct{}{}
			continue
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		}
		break
	}
	if len(dec.seen) < 2 || dec.seen[0] != 0 || dec.seen[1] != 3 {
		t.Errorf("decoder saw frames %v, want 0 then 3 (1 and 2 dropped)", dec.seen)
	}
	st := l.Stats()
	if st.Captured != 5 || st.Decoded+st.Dropped != st.Captured {
		t.Errorf("stats %+v: every captured frame must be decoded or dropped", st)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached within 5 s")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestLoopSourceError: a live source failing (camera unplugged) ends Run with
// that error, after the reads before it were delivered.
func TestLoopSourceError(t *testing.T) {
	a := frameWith(t, "0123456789")
	defer a.Close()
	unplugged := errors.New("camera 0: no frame (device unplugged)")
	src := &Fake{Frames: []gocv.Mat{a}, End: unplugged}
	reads, err := collect(t, &Loop{Source: src, Decoder: ZXing{}})
	if !errors.Is(err, unplugged) {
		t.Errorf("err = %v, want the source's error", err)
	}
	if len(reads) != 1 || reads[0].Text != "0123456789" {
		t.Errorf("reads = %v, want the one code before the failure", reads)
	}
}

// TestLoopStopsOnCancel: cancelling the context stops a live source's loop.
func TestLoopStopsOnCancel(t *testing.T) {
	d := NewDemo(DemoOptions{Seed: 1})
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	l := &Loop{Source: Paced(d, 30), Decoder: ZXing{Fast: true}}
	done := make(chan error)
	go func() { done <- l.Run(ctx, make(chan canhcua.Read, 100)) }()
	waitFor(t, func() bool { return l.Stats().Decoded >= 3 })
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if st := l.Stats(); st.LastFrame.IsZero() || st.LatencyP50 <= 0 {
		t.Errorf("stats not kept: %+v", st)
	}
}
