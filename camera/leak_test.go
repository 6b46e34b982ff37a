//go:build matprofile

package camera

import (
	"context"
	"testing"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// TestMatLeak runs 1,000 demo frames through the frame loop (with drops, as
// the demo is live and unpaced) and through the decoder, and checks that every
// Mat made on the way was closed. Run with: go test -tags matprofile -run MatLeak ./camera
func TestMatLeak(t *testing.T) {
	before := gocv.MatProfile.Count()
	demo := NewDemo(DemoOptions{Seed: 2})
	src := &firstN{Source: demo, n: 1000}
	l := &Loop{Source: src, Decoder: ZXing{}}
	out := make(chan canhcua.Read, 1000)
	if err := l.Run(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	demo.Close()
	st := l.Stats()
	if st.Captured != 1000 {
		t.Fatalf("captured %d frames, want 1000", st.Captured)
	}
	if st.Decoded+st.Dropped != st.Captured {
		t.Errorf("decoded %d + dropped %d != captured %d", st.Decoded, st.Dropped, st.Captured)
	}
	if len(out) == 0 {
		t.Error("no code read in 1,000 demo frames")
	}
	checkMats(t, before, "after 1,000 frames")
	t.Logf("captured %d, decoded %d, dropped %d, reads %d; Mats open before and after: %d", st.Captured, st.Decoded, st.Dropped, st.Reads, before)
}

// TestMatLeakCancelled cancels the loop mid-run: nothing may leak either,
// and every frame captured is counted once (decoded, dropped or left).
func TestMatLeakCancelled(t *testing.T) {
	before := gocv.MatProfile.Count()
	demo := NewDemo(DemoOptions{Seed: 3})
	ctx, cancel := context.WithCancel(context.Background())
	src := &cancelAfter{Source: demo, n: 200, cancel: cancel}
	l := &Loop{Source: src, Decoder: ZXing{}}
	if err := l.Run(ctx, make(chan canhcua.Read, 100)); err != nil {
		t.Fatal(err)
	}
	demo.Close()
	if st := l.Stats(); st.Decoded+st.Dropped+st.Left != st.Captured || st.Left > 2 {
		t.Errorf("decoded %d + dropped %d + left %d != captured %d", st.Decoded, st.Dropped, st.Left, st.Captured)
	}
	checkMats(t, before, "after a cancelled run")
}

type cancelAfter struct {
	Source
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(ctx context.Context, dst *gocv.Mat) error {
	c.n--
	if c.n == 0 {
		c.cancel()
	}
	return c.Source.Read(ctx, dst)
}

// TestMatLeakEngine runs demo frames through the live engine in the frame
// loop, and every pass of the still engine over generated and degraded codes:
// no Mat may be left open.
func TestMatLeakEngine(t *testing.T) {
	before := gocv.MatProfile.Count()
	demo := NewDemo(DemoOptions{Seed: 4})
	src := &firstN{Source: demo, n: 300}
	l := &Loop{Source: src, Decoder: NewEngine(Live)}
	out := make(chan canhcua.Read, 300)
	if err := l.Run(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	demo.Close()
	if len(out) == 0 {
		t.Error("no code read in 300 demo frames by the live engine")
	}
	still := NewEngine(Still)
	for _, mk := range []func() gocv.Mat{
		func() gocv.Mat { return onCanvas(t, passText, 6, 640, 480) },
		func() gocv.Mat { return glared(t, passText, 0.93) },
		func() gocv.Mat { return blurred(t, passText, 1.5) },
		func() gocv.Mat { return gocv.NewMatWithSize(480, 640, gocv.MatTypeCV8UC1) },
	} {
		m := mk()
		if _, err := still.Decode(m); err != nil {
			t.Error(err)
		}
		m.Close()
	}
	checkMats(t, before, "by the engines")
}

// TestMatLeakDetached runs demo frames through a detached source (frames
// handed over by swapping Mats) and closes it: nothing may leak.
func TestMatLeakDetached(t *testing.T) {
	before := gocv.MatProfile.Count()
	src := Detach(&firstN{Source: NewDemo(DemoOptions{Seed: 5}), n: 300})
	l := &Loop{Source: src, Decoder: ZXing{}}
	if err := l.Run(context.Background(), make(chan canhcua.Read, 300)); err != nil {
		t.Fatal(err)
	}
	src.Close()
	checkMats(t, before, "through a detached source")
}
