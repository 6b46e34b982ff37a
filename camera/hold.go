package camera

import (
	"context"
	"errors"
	"image"
	"image/color"
	"io"
	"math"
	"math/rand/v2"
	"sync"
	"time"

	"gocv.io/x/gocv"
)

// HoldOptions say how Hold shows a picture.
type HoldOptions struct {
	// For is how long the picture is held up (0: one second).
	For time.Duration
	// FPS is the frame rate (0: 30).
	FPS float64
	// Motion shakes the picture as a hand does: each frame is the picture
	// shifted by a random walk of a few pixels and slightly blurred (see
	// Hold).
	Motion bool
	// Seed makes the motion repeatable.
	Seed uint64
}

// Held is a live Source showing one picture as a camera shows a card held up
// to it: frames at the options' rate, in real time, for the options'
// duration, then io.EOF.
type Held struct {
	frames []gocv.Mat // one frame, or the motion's frames (played forth and back)
	period time.Duration
	n      int // frames in all
	info   Info

	mu     sync.Mutex
	next   int
	start  time.Time // when the first frame was delivered
	missed int
}

// holdScaleSide is the frame size the motion's pixels are given for: a
// larger picture moves and blurs by as many pixels more, as the same hand in
// front of a sharper camera would.
const holdScaleSide = 1280

// holdMotionFrames bounds the motion frames made up front; a longer hold
// plays them forth and back.
const holdMotionFrames = 32

// Hold returns a source that shows img (copied: the caller keeps img) for
// o.For at o.FPS. Without motion every frame is img. With o.Motion each frame
// is img shifted by a random walk whose steps are up to 2 pixels each way
// (at most 6 pixels from where it started), then blurred with a Gaussian of
// 0.5 to 1.2 pixels (all sizes for a 1280-pixel frame, scaled to the
// picture's longer side). The frames are made before the first is read, so
// that making them does not slow delivery.
func Hold(img gocv.Mat, o HoldOptions) (*Held, error) {
	if img.Empty() {
		return nil, ErrEmptyImage
	}
	if o.For <= 0 {
		o.For = time.Second
	}
	if o.FPS <= 0 {
		o.FPS = 30
	}
	h := &Held{
		period: time.Duration(float64(time.Second) / o.FPS),
		info:   Info{Name: "hold", Kind: "hold", Width: img.Cols(), Height: img.Rows(), FPS: o.FPS, Live: true},
	}
	h.n = max(1, int(math.Round(o.For.Seconds()*o.FPS)))
	if !o.Motion {
		h.frames = []gocv.Mat{img.Clone()}
		return h, nil
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x686f6c64))
	scale := math.Max(1, float64(max(img.Cols(), img.Rows()))/holdScaleSide)
	var x, y float64
	tmp := gocv.NewMat()
	defer tmp.Close()
	for range min(h.n, holdMotionFrames) {
		x = clampAbs(x+scale*(4*rng.Float64()-2), 6*scale)
		y = clampAbs(y+scale*(4*rng.Float64()-2), 6*scale)
		sigma := scale * (0.5 + 0.7*rng.Float64())
		shift := gocv.NewMatWithSize(2, 3, gocv.MatTypeCV64F)
		shift.SetDoubleAt(0, 0, 1)
		shift.SetDoubleAt(0, 2, x)
		shift.SetDoubleAt(1, 1, 1)
		shift.SetDoubleAt(1, 2, y)
		gocv.WarpAffineWithParams(img, &tmp, shift, image.Pt(img.Cols(), img.Rows()), gocv.InterpolationLinear, gocv.BorderReplicate, color.RGBA{})
		shift.Close()
		f := gocv.NewMat()
		gocv.GaussianBlur(tmp, &f, image.Pt(0, 0), sigma, sigma, gocv.BorderReplicate)
		h.frames = append(h.frames, f)
	}
	return h, nil
}

func clampAbs(v, lim float64) float64 { return math.Max(-lim, math.Min(lim, v)) }

// frame returns the k-th frame: the motion frames forth, back, forth...
func (h *Held) frame(k int) gocv.Mat {
	n := len(h.frames)
	if n == 1 {
		return h.frames[0]
	}
	k %= 2 * (n - 1)
	if k >= n {
		k = 2*(n-1) - k
	}
	return h.frames[k]
}

// Read implements Source: it waits until the next frame is due (frame k at
// k periods after the first) and copies it into dst; io.EOF once the hold is
// over. As with a camera, frames whose time passed while nobody read are not
// delivered late: the reader gets the frame due now, and the ones it missed
// are counted (Missed).
func (h *Held) Read(ctx context.Context, dst *gocv.Mat) error {
	h.mu.Lock()
	k, start := h.next, h.start
	h.mu.Unlock()
	if k > 0 {
		due := start.Add(time.Duration(k) * h.period)
		if d := time.Until(due); d > 0 {
			if err := sleep(ctx, d); err != nil {
				return err
			}
		} else if now := int(time.Since(start) / h.period); now > k {
			h.mu.Lock()
			h.missed += min(now, h.n) - k
			h.mu.Unlock()
			k = now
		}
	}
	if k >= h.n {
		return io.EOF
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.frames == nil {
		return errors.New("hold: source closed")
	}
	f := h.frame(k)
	f.CopyTo(dst)
	if k == 0 {
		h.start = time.Now()
	}
	h.next = k + 1
	return nil
}

// Missed is how many frames were due while the reader was still busy with
// an earlier one, and so never delivered: the frames a capture cannot keep
// up with.
func (h *Held) Missed() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.missed
}

// Frames is how many frames the hold lasts, and Period the time between two.
func (h *Held) Frames() int { return h.n }

// Period: see Frames.
func (h *Held) Period() time.Duration { return h.period }

// Frame returns frame k (0 ≤ k < Frames()) as Read delivers it, for a
// caller that keeps its own clock; the Mat stays the source's.
func (h *Held) Frame(k int) gocv.Mat { return h.frame(k) }

// Start is when the first frame was delivered (zero before).
func (h *Held) Start() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.start
}

// Info implements Source.
func (h *Held) Info() Info { return h.info }

// Close implements Source: it frees the frames.
func (h *Held) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, f := range h.frames {
		f.Close()
	}
	h.frames = nil
	return nil
}
