package camera

import (
	"math"
	"slices"
	"sync"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// GridPass finds and samples QR codes itself, for large, dense codes
// (high versions) photographed bent or in perspective, which zxing-cpp 1.4
// samples with one perspective transform from three finder patterns and one
// alignment pattern, and misreads. The pass finds finder patterns (OpenCV
// contours: a dark ring around a dark square), groups them three by three,
// reads the version from the version information beside the finders, finds
// every alignment pattern where the version puts it, walking out from the
// finders, and fits a piecewise perspective grid through them (one transform
// per cell between alignment patterns). It samples every module's centre
// against a threshold local to the module's neighbourhood, renders the
// modules as a clean upright code with a quiet zone and lets zxing-cpp decode
// that (its own error correction). The corners reported are the code's
// corners in the image, from the fitted grid.
type GridPass struct {
	// MaxSide shrinks larger images to this longer side first (0: 4000).
	MaxSide int
	// MaxTrios bounds how many sets of three finders are tried (0: 40, or
	// twice the number of finders if more).
	MaxTrios int
}

// Name implements Pass.
func (GridPass) Name() string { return "grid" }

// Decode implements Pass.
func (p GridPass) Decode(f *Frame) ([]canhcua.Code, error) {
	ms, most := p.MaxSide, p.MaxTrios
	if ms <= 0 {
		ms = 4000
	}
	if most <= 0 {
		most = -40
	}
	m, s, release := shrunk(f.Gray, ms)
	defer release()
	pix, err := grayBytes(m)
	if err != nil {
		return nil, err
	}
	img := grayImg{pix: pix, w: m.Cols(), h: m.Rows()}
	var fs []finder
	if f.searched && s == 1 {
		fs = f.gridFs // the still engine's search, on the same image
	} else {
		fs = gridFinders(m, !f.single)
	}
	ts := trios(fs)
	if most < 0 {
		most = max(-most, 2*len(fs))
	}
	used := make([]bool, len(fs))
	var found []canhcua.Code
	for _, c := range f.Found {
		found = append(found, scaled([]canhcua.Code{c}, s)...)
	}
	var out []canhcua.Code
	tried := 0
	for _, t := range ts {
		if tried >= most {
			break
		}
		if used[t.tl] || used[t.tr] || used[t.bl] {
			continue
		}
		if readAlready(fs, t, found) {
			continue
		}
		tried++
		g := gridRead{img: img, tl: fs[t.tl], tr: fs[t.tr], bl: fs[t.bl]}
		c, ok := g.read()
		if !ok {
			continue
		}
		used[t.tl], used[t.tr], used[t.bl] = true, true, true
		found = append(found, c)
		out = append(out, c)
	}
	return scaled(out, 1/s), nil
}

// detectSide is the longer side of the image the finders are searched in.
const detectSide = 2048

// gridFinders returns the finder candidates of m, searched in m shrunk to
// detectSide, in m's coordinates; par as for finderSearch.
func gridFinders(m gocv.Mat, par bool) []finder {
	det, s, release := shrunk(m, detectSide)
	defer release()
	return finderSearch(det, s, par)
}

// finderSearch returns the finder candidates of det, an image shrunk by s,
// in the unshrunk image's coordinates (finderThresholds' two searches).
func finderSearch(det gocv.Mat, s float64, par bool) []finder {
	coarse, fine := finderThresholds(det, par)
	return rescaled(mergeFinders(coarse, fine), s)
}

// finderThresholds searches det with two adaptive thresholds, a coarse and a
// fine one, side by side with par (the still engine; the live engine's
// worker keeps to its own thread, which runs at a lower priority).
func finderThresholds(det gocv.Mat, par bool) (coarse, fine []finder) {
	long := max(det.Cols(), det.Rows())
	var wg sync.WaitGroup
	fineSearch := func() { fine = findFinders(det, odd(max(11, long/100)), 5) }
	if par {
		wg.Add(1)
		go func() { defer wg.Done(); fineSearch() }()
	} else {
		fineSearch()
	}
	coarse = findFinders(det, odd(max(15, long/40)), 10)
	wg.Wait()
	return coarse, fine
}

// rescaled returns finders found in an image shrunk by s in the unshrunk
// image's coordinates.
func rescaled(fs []finder, s float64) []finder {
	if s == 1 {
		return fs
	}
	for i := range fs {
		f := &fs[i]
		f.c = Pointf{X: f.c.X / s, Y: f.c.Y / s}
		for k := range f.mid {
			f.mid[k] = Pointf{X: f.mid[k].X / s, Y: f.mid[k].Y / s}
		}
		f.ms /= s
	}
	return fs
}

// readAlready says whether a code of found lies where trio t would be.
func readAlready(fs []finder, t trio, found []canhcua.Code) bool {
	a, b, c := fs[t.tl].c, fs[t.tr].c, fs[t.bl].c
	q := Quad{a, b, {X: b.X + c.X - a.X, Y: b.Y + c.Y - a.Y}, c}
	for _, f := range found {
		x, y := f.Center()
		if q.Contains(Pointf{X: x, Y: y}) {
			return true
		}
	}
	return false
}

// grayImg is an 8-bit gray image, continuous rows.
type grayImg struct {
	pix  []byte
	w, h int
}

// at is the image at (x, y), bilinear, the border repeated outside (and at
// the origin for a point that is not a number).
func (g grayImg) at(x, y float64) float64 {
	if math.IsNaN(x) || math.IsNaN(y) {
		x, y = 0, 0
	}
	x = math.Min(math.Max(x, 0), float64(g.w-1))
	y = math.Min(math.Max(y, 0), float64(g.h-1))
	x0, y0 := int(x), int(y)
	x1, y1 := min(x0+1, g.w-1), min(y0+1, g.h-1)
	fx, fy := x-float64(x0), y-float64(y0)
	p00 := float64(g.pix[y0*g.w+x0])
	p10 := float64(g.pix[y0*g.w+x1])
	p01 := float64(g.pix[y1*g.w+x0])
	p11 := float64(g.pix[y1*g.w+x1])
	return (p00*(1-fx)+p10*fx)*(1-fy) + (p01*(1-fx)+p11*fx)*fy
}

// ctlPoint ties a point of the code, in modules, to where it is in the image.
type ctlPoint struct{ m, p Pointf }

// gridRead reads one code from three finders.
type gridRead struct {
	img        grayImg
	tl, tr, bl finder
	// set by read
	dark, light float64 // gray of dark and light modules near the finders
}

// finderPoints returns the control points of f, whose top-left module is
// at (ox, oy): its ring's corners and its centre, in the code's orientation.
func (g *gridRead) finderPoints(f finder, ox, oy float64) []ctlPoint {
	pts := []ctlPoint{{m: Pointf{X: ox + 3.5, Y: oy + 3.5}, p: f.c}}
	if !f.quads {
		return pts
	}
	u := Pointf{X: g.tr.c.X - g.tl.c.X, Y: g.tr.c.Y - g.tl.c.Y}
	v := Pointf{X: g.bl.c.X - g.tl.c.X, Y: g.bl.c.Y - g.tl.c.Y}
	det := u.X*v.Y - u.Y*v.X
	if det == 0 {
		return pts
	}
	var seen [4]bool
	var corner [4]ctlPoint
	for _, q := range f.mid {
		rx, ry := q.X-f.c.X, q.Y-f.c.Y
		a := (rx*v.Y - ry*v.X) / det
		b := (u.X*ry - u.Y*rx) / det
		k, m := 0, Pointf{X: ox + 0.5, Y: oy + 0.5}
		switch {
		case a >= 0 && b < 0:
			k, m = 1, Pointf{X: ox + 6.5, Y: oy + 0.5}
		case a >= 0 && b >= 0:
			k, m = 2, Pointf{X: ox + 6.5, Y: oy + 6.5}
		case a < 0 && b >= 0:
			k, m = 3, Pointf{X: ox + 0.5, Y: oy + 6.5}
		}
		if seen[k] {
			return pts
		}
		seen[k] = true
		corner[k] = ctlPoint{m: m, p: q}
	}
	return append(pts, corner[:]...)
}

// localHom fits the homography of control points pts, each weighted by its
// distance from at (module units) with a Gaussian of sigma modules.
func localHom(pts []ctlPoint, at Pointf, sigma float64) (hom, bool) {
	src := make([]Pointf, len(pts))
	dst := make([]Pointf, len(pts))
	w := make([]float64, len(pts))
	for i, c := range pts {
		src[i], dst[i] = c.m, c.p
		d := dist(c.m, at)
		w[i] = math.Exp(-d*d/(2*sigma*sigma)) + 1e-4
	}
	return fitHom(src, dst, w)
}

func homOf(pts []ctlPoint) (hom, bool) { return localHom(pts, Pointf{}, math.Inf(1)) }

// levels measures the gray of the dark and light modules of finder f
// (mapped by h from its own module coordinates, top-left module at 0, 0).
func (g *gridRead) levels(h hom) (dark, light float64) {
	var nd, nl int
	for y := -1; y <= 7; y++ {
		for x := -1; x <= 7; x++ {
			r := max(iabs(x-3), iabs(y-3))
			if r == 1 || r == 4 {
				continue // next to a differing ring: blurred
			}
			p := h.at(Pointf{X: float64(x) + 0.5, Y: float64(y) + 0.5})
			v := g.img.at(p.X, p.Y)
			if r == 2 {
				light += v
				nl++
			} else {
				dark += v
				nd++
			}
		}
	}
	return dark / float64(nd), light / float64(nl)
}

// finderHom is f's own homography from its module coordinates (top-left
// module at 0, 0).
func (g *gridRead) finderHom(f finder) (hom, bool) {
	pts := g.finderPoints(f, 0, 0)
	if len(pts) < 5 {
		return hom{}, false
	}
	return homOf(pts)
}

// versionNear reads the version information beside finder f (the top-right
// one, or the bottom-left one transposed).
func (g *gridRead) versionNear(f finder, transposed bool) (int, bool) {
	h, ok := g.finderHom(f)
	if !ok {
		return 0, false
	}
	dark, light := g.levels(h)
	if light-dark < 10 {
		return 0, false
	}
	thr := (dark + light) / 2
	b := 0
	for i := 0; i < 18; i++ {
		x, y := versionModule(i)
		if transposed {
			x, y = y, x
		}
		p := h.at(Pointf{X: float64(x) + 0.5, Y: float64(y) + 0.5})
		if g.img.at(p.X, p.Y) < thr {
			b |= 1 << i
		}
	}
	return decodeVersion(b)
}

// versions returns the versions to try, most likely first: the version
// information where it reads and fits the finders' geometry, then the
// versions whose size fits the geometry best.
func (g *gridRead) versions() []int {
	type fit struct {
		v   int
		err float64
	}
	var fits []fit
	for v := 1; v <= 40; v++ {
		pts := g.finderSet(v)
		h, ok := homOf(pts)
		if !ok {
			continue
		}
		var e float64
		for _, c := range pts {
			e += math.Pow(dist(h.at(c.m), c.p), 2)
		}
		fits = append(fits, fit{v, e})
	}
	// The geometry's best three, in order.
	var geo []int
	for len(geo) < 3 && len(fits) > 0 {
		b := 0
		for i := range fits {
			if fits[i].err < fits[b].err {
				b = i
			}
		}
		geo = append(geo, fits[b].v)
		fits = append(fits[:b], fits[b+1:]...)
	}
	if len(geo) == 0 {
		return nil
	}
	var vs []int
	add := func(v int) {
		if !slices.Contains(vs, v) {
			vs = append(vs, v)
		}
	}
	// Version information read by chance in a smaller code's data is
	// dismissed by the geometry: within a sixth of the size (or 2 versions).
	plausible := func(v int) bool {
		return iabs(qrDim(v)-qrDim(geo[0])) <= max(8, qrDim(geo[0])/6)
	}
	if v, ok := g.versionNear(g.tr, false); ok && plausible(v) {
		add(v)
	}
	if v, ok := g.versionNear(g.bl, true); ok && plausible(v) {
		add(v)
	}
	for _, v := range geo {
		add(v)
	}
	return vs
}

// finderSet is the control points of the three finders for version v.
func (g *gridRead) finderSet(v int) []ctlPoint {
	d := float64(qrDim(v))
	pts := g.finderPoints(g.tl, 0, 0)
	pts = append(pts, g.finderPoints(g.tr, d-7, 0)...)
	return append(pts, g.finderPoints(g.bl, 0, d-7)...)
}

// minTiming is the least share of timing modules sampled right for the
// grid pass to decode a code.
const minTiming = 0.7

// read reads the code, trying the likely versions.
func (g *gridRead) read() (canhcua.Code, bool) {
	h, ok := g.finderHom(g.tl)
	if !ok {
		return canhcua.Code{}, false
	}
	g.dark, g.light = g.levels(h)
	if g.light-g.dark < 10 {
		return canhcua.Code{}, false
	}
	vs := g.versions()
	for _, v := range vs {
		// A quick look at the timing patterns by the top-left finder first.
		if tm := g.timingNear(v); tm < 0.6 {
			continue
		}
		gm, ok := g.fit(v)
		if !ok {
			continue
		}
		// Three finders of different codes, or the wrong version, sample
		// about half of the timing modules right.
		tm := g.timing(gm)
		if tm < minTiming {
			continue
		}
		if c, ok := g.decode(gm); ok {
			return c, true
		}
	}
	return canhcua.Code{}, false
}
