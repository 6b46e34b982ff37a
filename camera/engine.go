package camera

import (
	"errors"
	"fmt"
	"image"
	"math"
	"sync"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// A Pass is one named way of reading the codes of a frame: zxing-cpp on the
// image as it is, on an equalised or sharpened copy, on rectified candidate
// regions, another engine altogether... An Engine runs passes one after the
// other and merges what they read.
type Pass interface {
	// Name is a short lower-case name (bench output, --passes).
	Name() string
	// Decode returns the codes the pass reads in f, in f's coordinates. It must
	// not keep f's Mats, nor close them.
	Decode(f *Frame) ([]canhcua.Code, error)
}

// Frame is one image on its way through an Engine's passes.
type Frame struct {
	// Gray is the image as 8-bit gray, continuous. The engine owns it.
	Gray gocv.Mat
	// Found holds the codes read by the passes before this one.
	Found []canhcua.Code

	cands     []Quad
	candsDone bool
	candSide  int  // longer side for QRCodeDetector (0: candidateSide)
	single    bool // one QRCodeDetector.Detect, no DetectMulti (live)

	// still: the finder patterns seen (searchFinders, once: searched), the
	// grid pass's search among them
	marksOnce sync.Once
	searched  bool
	marks     []Pointf
	gridFs    []finder
}

// Candidates returns the code outlines that OpenCV's QRCodeDetector finds in
// the frame (detection only), computed once per frame.
func (f *Frame) Candidates() []Quad {
	if !f.candsDone {
		f.candsDone = true
		side := f.candSide
		if side <= 0 {
			side = candidateSide
		}
		if !f.single {
			f.cands = detectQuads(f.Gray, side, true)
		}
		if len(f.cands) == 0 {
			f.cands = detectQuads(f.Gray, side, false)
		}
	}
	return f.cands
}

// candidateSide is the longer side the image is shrunk to for QRCodeDetector.
const candidateSide = 1280

// Open returns the candidates no code read so far lies over.
func (f *Frame) Open() []Quad {
	var open []Quad
	for _, q := range f.Candidates() {
		if !covered(q, f.Found) {
			open = append(open, q)
		}
	}
	return open
}

// Mode says what an engine is tuned for.
type Mode int

const (
	// Still: one photo or page, read as well as possible: the passes run
	// until everything code-like seen is read (still.go).
	Still Mode = iota
	// Live: camera frames, first pass on every frame; the heavier passes only
	// where something promising was seen, within a time budget per frame,
	// carried on over the next frames.
	Live
)

func (m Mode) String() string {
	if m == Live {
		return "live"
	}
	return "still"
}

// PassResult is what one pass did on one image.
type PassResult struct {
	Name    string
	Ran     bool
	Codes   []canhcua.Code // everything the pass read, new or not
	New     int            // codes no earlier pass had read
	Elapsed time.Duration
	Err     error
}

// Detail is an engine's result on one image, pass by pass.
type Detail struct {
	Codes  []canhcua.Code // merged, de-duplicated
	Passes []PassResult
	// Looked says whether the engine looked for candidate outlines on this
	// image (a live engine does so only on credit); Open are those no code
	// read lies over: code-like patterns seen but not read.
	Looked bool
	Open   []Quad
}

// PassStats sums one pass's work over the images an engine decoded.
type PassStats struct {
	Name  string
	Runs  int64
	Codes int64 // codes read
	New   int64 // codes no earlier pass had read
	Time  time.Duration
}

// Engine is a Decoder that runs several passes over each image and merges
// their codes (the same text at the same place is reported once).
type Engine struct {
	Mode   Mode
	Passes []Pass
	// Budget is, in Live mode, how long one job of the background worker may
	// go on running heavier passes after its first (0: one pass a job).
	// Passes not reached go first in the next job.
	Budget time.Duration
	// Memory is how long a live engine keeps looking harder where a code or a
	// candidate was seen (0: one second).
	Memory time.Duration
	// CandidateSide is the longer side images are shrunk to for OpenCV's
	// QRCodeDetector, which finds the candidate regions (0: 1280).
	CandidateSide int
	// Now is the clock of the live memory (time.Now when nil).
	Now func() time.Time
	// HeavyShare bounds, in Live mode, the share of time the background
	// worker (finding candidates, the heavier passes) may take on average:
	// it earns credit at this rate (0: DefaultHeavyShare), up to HeavyBurst,
	// and spends what it uses.
	HeavyShare float64
	// EveryPass makes a still engine run every pass on every image, instead
	// of stopping once everything code-like it saw is read.
	EveryPass bool

	mu     sync.Mutex
	credit time.Duration // live: time the heavier work may still spend
	earned time.Time     // live: when credit was last earned
	stats  []PassStats
	memo   []memo // live: where codes or candidates were seen lately
	bg     background
}

// NewEngine returns canhcua's default engine for the mode: zxing-cpp first,
// then preprocessing passes, rectified candidate regions, the WeChat detector,
// gozxing and (still only) the grid pass, which samples large, dense codes
// itself.
func NewEngine(m Mode) *Engine {
	if m == Live {
		return &Engine{Mode: Live, Passes: LivePasses()}
	}
	return &Engine{Mode: Still, Passes: StillPasses()}
}

// StillPasses are the passes of NewEngine(Still), in order.
func StillPasses() []Pass {
	return []Pass{
		ZXingPass{},
		GoZXingPass{},
		EqualizePass{},
		GlarePass{},
		ScalePass{},
		SharpenPass{},
		GridPass{},
		ThresholdPass{},
		SmoothPass{},
		RegionPass{},
		WeChatPass{},
	}
}

// LivePasses are the passes of NewEngine(Live), in order: the first on every
// frame, on the frame path; the others on the background worker, in turn,
// the ones that read most for their time first (measured on boofcv-a). The
// WeChat detector, about 170 ms on a 1280x720 frame, five frame periods,
// delays no frame there. The grid pass comes early: it reads the large,
// dense codes no other pass reads (boofcv-a held 1 s: high_version 5% -> 84%,
// the average 67.5% -> 75.2%, with fewer frames dropped on the simulated clock).
func LivePasses() []Pass {
	return []Pass{
		ZXingPass{},
		EqualizePass{},
		GridPass{},
		GoZXingPass{},
		WeChatPass{},
		GlarePass{},
		ScalePass{},
		SharpenPass{},
		RegionPass{},
		ThresholdPass{},
	}
}

// AllPasses lists every pass by name, for --passes: the still engine runs
// them all.
func AllPasses() []Pass { return StillPasses() }

// PassByName returns the pass called name.
func PassByName(name string) (Pass, error) {
	for _, p := range AllPasses() {
		if p.Name() == name {
			return p, nil
		}
	}
	return nil, fmt.Errorf("unknown pass %q", name)
}

// Decode implements Decoder.
func (e *Engine) Decode(img gocv.Mat) ([]canhcua.Code, error) {
	d, err := e.DecodeDetail(img)
	return d.Codes, err
}

// Stats returns the per-pass sums so far.
func (e *Engine) Stats() []PassStats {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]PassStats(nil), e.stats...)
}

// DecodeDetail decodes img and says what each pass did.
func (e *Engine) DecodeDetail(img gocv.Mat) (Detail, error) {
	if img.Empty() {
		return Detail{}, ErrEmptyImage
	}
	if len(e.Passes) == 0 {
		return Detail{}, errors.New("engine without passes")
	}
	gray := img
	if img.Channels() != 1 || img.Type() != gocv.MatTypeCV8UC1 || !img.IsContinuous() {
		gray = gocv.NewMat()
		defer gray.Close()
		if err := toGray(img, &gray); err != nil {
			return Detail{}, err
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.stats) != len(e.Passes) {
		e.stats = make([]PassStats, len(e.Passes))
		for i, p := range e.Passes {
			e.stats[i].Name = p.Name()
		}
	}
	d := Detail{Passes: make([]PassResult, len(e.Passes))}
	for i, p := range e.Passes {
		d.Passes[i].Name = p.Name()
	}
	f := &Frame{Gray: gray, candSide: e.CandidateSide, single: e.Mode == Live}
	if e.Mode == Live {
		e.decodeLive(f, &d)
	} else {
		e.decodeStill(f, &d)
	}
	d.Codes = f.Found
	if f.candsDone {
		d.Looked, d.Open = true, f.Open()
	}
	var err error
	if len(d.Codes) == 0 {
		for _, r := range d.Passes {
			if r.Err != nil {
				err = r.Err
				break
			}
		}
	}
	return d, err
}

// run runs pass i on f, whose origin in the whole image is at off, and merges
// its codes into into.
func (e *Engine) run(i int, f *Frame, d *Detail, off image.Point, into *[]canhcua.Code) (found int) {
	return e.merge(i, e.compute(i, f), d, off, into)
}

// compute runs pass i on f. It touches nothing of e's: passes may be
// computed side by side, then merged one after the other.
func (e *Engine) compute(i int, f *Frame) outcome {
	start := time.Now()
	codes, err := safeDecode(e.Passes[i], f)
	return outcome{codes: codes, err: err, el: time.Since(start)}
}

// merge records what pass i returned in o and merges its codes into into.
func (e *Engine) merge(i int, o outcome, d *Detail, off image.Point, into *[]canhcua.Code) (found int) {
	p := e.Passes[i]
	r := &d.Passes[i]
	r.Ran = true
	r.Elapsed += o.el
	if o.err != nil && r.Err == nil {
		r.Err = fmt.Errorf("%s pass: %w", p.Name(), o.err)
	}
	st := &e.stats[i]
	st.Runs++
	st.Time += o.el
	st.Codes += int64(len(o.codes))
	for _, c := range o.codes {
		c = shifted(c, off)
		r.Codes = append(r.Codes, c)
		if add(into, c) {
			r.New++
			st.New++
			found++
		}
	}
	return found
}

// safeDecode runs a pass, turning a panic (gozxing, say) into an error.
func safeDecode(p Pass, f *Frame) (codes []canhcua.Code, err error) {
	defer func() {
		if r := recover(); r != nil {
			codes, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return p.Decode(f)
}

func shifted(c canhcua.Code, off image.Point) canhcua.Code {
	if off == (image.Point{}) {
		return c
	}
	for k := range c.Points {
		c.Points[k].X += off.X
		c.Points[k].Y += off.Y
	}
	return c
}

// add appends c to codes unless the same text was already read at the same
// place, or another text was read where c lies (the earlier pass wins: two
// engines may read one code's bytes as different texts); it says whether c
// was added. A code located precisely replaces the approximate reads of its
// text whose region holds it (which counts as added), and is never dropped
// for lying in another text's approximate region: a region searched says
// nothing about where a code is not.
func add(codes *[]canhcua.Code, c canhcua.Code) bool {
	if Duplicate(*codes, c) || Overlaps(*codes, c) {
		return false
	}
	if !c.Approximate {
		pc := placedOf(c)
		kept := (*codes)[:0]
		at := -1
		for _, o := range *codes {
			if o.Approximate && o.Text == c.Text && quadOf(o).Contains(pc.at) {
				if at < 0 {
					at = len(kept)
					kept = append(kept, c)
				}
				continue
			}
			kept = append(kept, o)
		}
		*codes = kept
		if at >= 0 {
			return true
		}
	}
	*codes = append(*codes, c)
	return true
}

// Overlaps says whether c lies on a code of codes: c's centre inside that
// code's outline, or that code's centre inside c's outline when c is not much
// larger than it. A precisely located c overlaps only precisely located
// codes.
func Overlaps(codes []canhcua.Code, c canhcua.Code) bool {
	return anyPlaced(codes, c, func(c, o placed) bool {
		return o.q.Contains(c.at) || c.q.Side() < 2*o.q.Side() && c.q.Contains(o.at)
	})
}

// Duplicate says whether codes holds c already: the same text with either
// one's centre inside the other's outline (or the centres closer than a
// quarter of the code's size, for outlines given as finder centres). A
// precisely located c is held only by a precisely located code.
func Duplicate(codes []canhcua.Code, c canhcua.Code) bool {
	return anyPlaced(codes, c, func(c, o placed) bool {
		return o.text == c.text && (c.q.Contains(o.at) || o.q.Contains(c.at) ||
			math.Hypot(c.at.X-o.at.X, c.at.Y-o.at.Y) <= math.Max(c.q.Side(), o.q.Side())/2+2)
	})
}

// placed is a code's text where it was read: its outline and the centre of
// its corners.
type placed struct {
	text string
	q    Quad
	at   Pointf
}

func placedOf(c canhcua.Code) placed {
	x, y := c.Center()
	return placed{text: c.Text, q: quadOf(c), at: Pointf{X: x, Y: y}}
}

// anyPlaced says whether rel holds between c and a code of codes; the
// approximate codes of codes are left out for a precisely located c.
func anyPlaced(codes []canhcua.Code, c canhcua.Code, rel func(c, o placed) bool) bool {
	pc := placedOf(c)
	for _, o := range codes {
		if o.Approximate && !c.Approximate {
			continue
		}
		if rel(pc, placedOf(o)) {
			return true
		}
	}
	return false
}
