package camera

import (
	"image"
	"math"
	"sort"
)

// Guidance is what the person at the door is told about a code the camera
// sees but cannot read.
type Guidance int

// Guidance values.
const (
	GuideNone   Guidance = iota // nothing to say: no code-like pattern, or none that a person can fix
	GuideGlare                  // tilt the card: a light is reflected on it
	GuideCloser                 // bring the code closer: too small to read
	GuideSteady                 // hold still: the picture is blurred
)

func (g Guidance) String() string {
	switch g {
	case GuideGlare:
		return "glare"
	case GuideCloser:
		return "closer"
	case GuideSteady:
		return "steady"
	}
	return "none"
}

// CodeLook is what a code-like region of a frame looks like: the measures
// guidance is chosen from.
type CodeLook struct {
	// Side is the outline's mean side in pixels.
	Side float64
	// Sharpness is how steep the region's edges are, in the direction where
	// they are least steep (motion blurs one direction): the mean of the
	// steepest 2% of the gray-level differences across two pixels, over the
	// region's Contrast. A step edge gives about 1, an edge spread over w
	// pixels about 2/w.
	Sharpness float64
	// Glare is the share of the region's cells (a 6x6 grid) that are washed
	// out: light (mean above Dark + 0.6 Contrast) and flat (their own 10th to
	// 90th percentile spread under half the Contrast), as where a reflection
	// covers the modules.
	Glare float64
	// Dark and Light are the 5th and 95th percentiles of the gray levels,
	// and Contrast Light minus Dark.
	Dark, Light, Contrast float64
	// Pixels is how many pixels the region has.
	Pixels int
}

// Guidance thresholds, measured on the BoofCV benchmark photos (../shared/
// corpus/boofcv-a) scaled to the desk's 1280 pixels: see
// TestGuidanceThresholdsOnCorpus, which states the separation they give.
const (
	// GlareShare: an unreadable code with at least this share of washed-out
	// cells is under glare.
	GlareShare = 0.1
	// SmallSide: an unreadable code whose outline's sides are shorter than
	// this (pixels, at the frame's own resolution) is too small.
	SmallSide = 90
	// BlurSharpness: an unreadable code whose edges are less steep than this
	// is blurred.
	BlurSharpness = 0.45
)

// Guide says what to tell the person at the door about an unreadable code
// that looks as l does: size first (a code brought closer shows its glare and
// blur better, and on a small code the grid's cells are too small to tell
// glare), then glare (tilting the card is what helps), then blur (holding it
// still).
func (l CodeLook) Guide() Guidance {
	switch {
	case l.Pixels == 0:
		return GuideNone
	case l.Side < SmallSide:
		return GuideCloser
	case l.Glare >= GlareShare:
		return GuideGlare
	case l.Sharpness < BlurSharpness:
		return GuideSteady
	}
	return GuideNone
}

// lookGrid is the number of cells on each side of the grid Glare is
// measured on.
const lookGrid = 6

// LookAt measures the region of g inside q (q in g's coordinates, which may
// start anywhere: g.Rect's origin is honoured).
func LookAt(g *image.Gray, q Quad) CodeLook {
	l := CodeLook{}
	for k := range q {
		a, b := q[k], q[(k+1)%4]
		l.Side += math.Hypot(a.X-b.X, a.Y-b.Y) / 4
	}
	r := q.Bounds(0, g.Rect)
	if r.Dx() < 3 || r.Dy() < 3 {
		return l
	}
	var hist [256]int
	var gx, gy []int
	var cells [lookGrid * lookGrid][]uint8
	at := func(x, y int) int { return int(g.Pix[(y-g.Rect.Min.Y)*g.Stride+x-g.Rect.Min.X]) }
	for y := r.Min.Y; y < r.Max.Y; y++ {
		x0, x1, ok := q.span(float64(y) + 0.5)
		if !ok {
			continue
		}
		x0, x1 = max(x0, r.Min.X), min(x1, r.Max.X)
		for x := x0; x < x1; x++ {
			v := uint8(at(x, y))
			hist[v]++
			ci := (y-r.Min.Y)*lookGrid/r.Dy()*lookGrid + (x-r.Min.X)*lookGrid/r.Dx()
			cells[ci] = append(cells[ci], v)
			if x > g.Rect.Min.X && x+1 < g.Rect.Max.X && y > g.Rect.Min.Y && y+1 < g.Rect.Max.Y {
				gx = append(gx, absInt(at(x+1, y)-at(x-1, y)))
				gy = append(gy, absInt(at(x, y+1)-at(x, y-1)))
			}
		}
	}
	n := 0
	for _, c := range hist {
		n += c
	}
	if n == 0 || len(gx) == 0 {
		return l
	}
	l.Pixels = n
	l.Dark, l.Light = float64(histPercentile(hist[:], n, 0.05)), float64(histPercentile(hist[:], n, 0.95))
	l.Contrast = l.Light - l.Dark
	if l.Contrast <= 0 {
		return l
	}
	l.Sharpness = min(topMean(gx), topMean(gy)) / l.Contrast
	counted, washed := 0, 0
	for _, c := range cells {
		if len(c) < n/(lookGrid*lookGrid)/2 {
			continue // mostly outside the outline
		}
		counted++
		sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
		sum := 0
		for _, v := range c {
			sum += int(v)
		}
		mean := float64(sum) / float64(len(c))
		spread := float64(int(c[len(c)*9/10]) - int(c[len(c)/10]))
		if mean > l.Dark+0.6*l.Contrast && spread < 0.5*l.Contrast {
			washed++
		}
	}
	if counted > 0 {
		l.Glare = float64(washed) / float64(counted)
	}
	return l
}

// span is where the horizontal line at y crosses q: from x0 to x1
// (exclusive), in whole pixels whose centres lie inside.
func (q Quad) span(y float64) (x0, x1 int, ok bool) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for k := range q {
		a, b := q[k], q[(k+1)%4]
		if (a.Y > y) == (b.Y > y) {
			continue
		}
		x := a.X + (y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	if lo > hi {
		return 0, 0, false
	}
	return int(math.Ceil(lo - 0.5)), int(math.Ceil(hi - 0.5)), true
}

// histPercentile is the gray level below which the share p of the n counted
// pixels lie.
func histPercentile(hist []int, n int, p float64) int {
	want := int(p * float64(n))
	acc := 0
	for v, c := range hist {
		acc += c
		if acc > want {
			return v
		}
	}
	return len(hist) - 1
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// topMean is the mean of the largest 2% of vs (which it sorts).
func topMean(vs []int) float64 {
	sort.Sort(sort.Reverse(sort.IntSlice(vs)))
	top := max(1, len(vs)/50)
	sum := 0
	for _, v := range vs[:top] {
		sum += v
	}
	return float64(sum) / float64(top)
}
