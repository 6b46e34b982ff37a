package camera

import (
	"image"
	"sync"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// The still engine stops early. Most photos hold codes that the first two
// passes read; the other passes, and the expensive ones most (the WeChat
// detector, the regions, the grid), then find nothing. So after the first
// two passes, and after each pass from then on, the engine asks whether
// everything code-like it saw has been read: every finder pattern candidate
// found in the photo (the grid pass's search, and a second search in a copy
// shrunk or enlarged to 1024 pixels and equalised with CLAHE, which sees the
// finders of dark photos and of small codes) must lie on a code read. When
// one does not, or when no code was read at all, it goes on. The rule was
// chosen on boofcv-a pass by pass, each photo traced through every pass: it
// stops before a pass that would have read something new on none of them
// (either search alone does, on 1 to 3 photos), and `canhcua bench decode
// --every-pass` measures the engine without it.
//
// The passes that only read the image (Standalone) run two at a time, with
// the finder searches beside the first two; their codes are merged in the
// passes' order, so that what the engine reads does not depend on which
// finished first.

// Standalone is implemented by the passes that read only the frame's image,
// never what earlier passes found: the still engine runs them side by side.
type Standalone interface {
	Pass
	Standalone()
}

// Standalone implements the interface of that name.
func (ZXingPass) Standalone()     {}
func (EqualizePass) Standalone()  {}
func (GlarePass) Standalone()     {}
func (SharpenPass) Standalone()   {}
func (ThresholdPass) Standalone() {}
func (ScalePass) Standalone()     {}
func (GoZXingPass) Standalone()   {}
func (SmoothPass) Standalone()    {}

// stopAfter is how many passes always run before the engine may stop.
const stopAfter = 2

// marksSide is the longer side of the copy the second finder search looks
// in.
const marksSide = 1024

// markMargin grows a code's outline about its centre before asking whether a
// finder lies on it.
const markMargin = 1.3

// searchFinders runs the two finder searches of f, once, side by side, in
// one copy of the image shrunk to the grid pass's detectSide.
func (f *Frame) searchFinders() {
	f.marksOnce.Do(func() {
		det, s, release := shrunk(f.Gray, detectSide)
		defer release()
		var wg sync.WaitGroup
		var more []finder
		wg.Add(1)
		go func() { defer wg.Done(); more = equalisedFinders(det, s) }()
		grid := finderSearch(det, s, true)
		wg.Wait()
		f.gridFs, f.searched = grid, true
		for _, fs := range [][]finder{grid, more} {
			for _, x := range fs {
				f.marks = append(f.marks, x.c)
			}
		}
	})
}

// equalisedFinders returns the finder candidates of det (an image shrunk by
// s) scaled to marksSide and equalised with CLAHE, in the unshrunk image's
// coordinates.
func equalisedFinders(det gocv.Mat, s float64) []finder {
	long := max(det.Cols(), det.Rows())
	if long == 0 {
		return nil
	}
	k := float64(marksSide) / float64(long)
	m := gocv.NewMat()
	defer m.Close()
	interp := gocv.InterpolationArea
	if k > 1 {
		interp = gocv.InterpolationLinear
	}
	gocv.Resize(det, &m, image.Pt(max(1, int(float64(det.Cols())*k)), max(1, int(float64(det.Rows())*k))), 0, 0, interp)
	cl := gocv.NewCLAHEWithParams(4, image.Pt(8, 8))
	defer cl.Close()
	eq := gocv.NewMat()
	defer eq.Close()
	cl.Apply(m, &eq)
	// The equalised copy with the coarser threshold only (CLAHE makes the
	// finer one slow: the noise it raises in flat areas becomes contours),
	// the copy itself with both.
	fs := findFinders(eq, odd(max(11, marksSide/40)), 10)
	coarse, fine := finderThresholds(m, false)
	return rescaled(mergeFinders(mergeFinders(fs, coarse), fine), k*s)
}

// allRead says whether a code was read and every finder seen lies on a
// precisely located code read.
func (f *Frame) allRead() bool {
	var qs []Quad
	for _, c := range f.Found {
		if !c.Approximate {
			qs = append(qs, quadOf(c).grown(markMargin))
		}
	}
	if len(qs) == 0 {
		return false
	}
	f.searchFinders()
next:
	for _, p := range f.marks {
		for _, q := range qs {
			if q.Contains(p) {
				continue next
			}
		}
		return false
	}
	return true
}

// outcome is what one pass returned, before it is merged.
type outcome struct {
	codes []canhcua.Code
	err   error
	el    time.Duration
}

// decodeStill runs the passes over f: the standalone ones two at a time,
// each batch merged in order, and stops once allRead says so (unless
// e.EveryPass).
func (e *Engine) decodeStill(f *Frame, d *Detail) {
	n := len(e.Passes)
	for i := 0; i < n; {
		batch := 1
		if i+1 < n && isStandalone(e.Passes[i]) && isStandalone(e.Passes[i+1]) {
			batch = 2
		}
		outs := make([]outcome, batch)
		var wg sync.WaitGroup
		if !e.EveryPass && i < stopAfter && i+batch >= stopAfter {
			wg.Add(1)
			go func() { defer wg.Done(); f.searchFinders() }()
		}
		for k := 1; k < batch; k++ {
			wg.Add(1)
			go func() { defer wg.Done(); outs[k] = e.compute(i+k, f) }()
		}
		outs[0] = e.compute(i, f)
		wg.Wait()
		for k, o := range outs {
			e.merge(i+k, o, d, image.Point{}, &f.Found)
		}
		i += batch
		if !e.EveryPass && i >= stopAfter && i < n && f.allRead() {
			return
		}
	}
}

func isStandalone(p Pass) bool {
	_, ok := p.(Standalone)
	return ok
}
