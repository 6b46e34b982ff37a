package camera

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"gocv.io/x/gocv"
)

// A held picture is delivered as a camera delivers frames: FPS a second, in
// real time, for the hold, then io.EOF; a reader too slow for that gets the
// frame due now, and the ones it missed are counted.
func TestHoldPacesFrames(t *testing.T) {
	img := onCanvas(t, passText, 4, 320, 240)
	defer img.Close()
	h, err := Hold(img, HoldOptions{For: 300 * time.Millisecond, FPS: 30})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if i := h.Info(); !i.Live || i.FPS != 30 || i.Width != 320 || i.Height != 240 {
		t.Errorf("info %+v", i)
	}
	m := gocv.NewMat()
	defer m.Close()
	n := 0
	for {
		err := h.Read(context.Background(), &m)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if n == 4 {
			time.Sleep(100 * time.Millisecond) // three frames go by
		}
		n++
	}
	el := time.Since(h.Start())
	if n+h.Missed() != 9 || h.Missed() < 2 {
		t.Errorf("%d frames delivered, %d missed: want 9 in all, 2 or more missed", n, h.Missed())
	}
	if el < 290*time.Millisecond {
		t.Errorf("9 frames at 30 fps ended after %v: not paced", el)
	}
	d := gocv.NewMat()
	defer d.Close()
	gocv.AbsDiff(img, m, &d)
	if s := d.Sum().Val1; s != 0 {
		t.Errorf("a still hold changed the picture (sum of differences %v)", s)
	}
}

// With motion the frames move by a few pixels and blur a little, each one
// differently, and the code still reads.
func TestHoldMotion(t *testing.T) {
	img := onCanvas(t, passText, 6, 640, 480)
	defer img.Close()
	h, err := Hold(img, HoldOptions{For: 200 * time.Millisecond, Motion: true, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if len(h.frames) != 6 {
		t.Fatalf("%d motion frames for 6 due", len(h.frames))
	}
	d := gocv.NewMat()
	defer d.Close()
	for k, f := range h.frames {
		gocv.AbsDiff(img, f, &d)
		mean := d.Mean().Val1
		if mean == 0 || mean > 20 {
			t.Errorf("frame %d: mean difference %.2f from the picture, want a little", k, mean)
		}
		if k > 0 {
			gocv.AbsDiff(h.frames[k-1], f, &d)
			if d.Sum().Val1 == 0 {
				t.Errorf("frame %d is the same as the one before", k)
			}
		}
		if got := readBy(t, ZXingPass{}, f); len(got) != 1 || got[0] != passText {
			t.Errorf("frame %d: read %v", k, got)
		}
	}
}
