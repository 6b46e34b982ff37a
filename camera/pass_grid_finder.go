package camera

// #include <stdlib.h>
// #include "finder_shim.h"
import "C"

import (
	"math"
	"sort"
	"unsafe"

	"gocv.io/x/gocv"
)

// finder is a finder pattern candidate of the grid pass.
type finder struct {
	c     Pointf  // centre
	mid   Quad    // the middle of the outer dark ring (the line through its modules' centres)
	quads bool    // mid holds the ring's corners
	ms    float64 // module size, px
	ang   float64 // orientation of the ring's sides, modulo 90°, radians (NaN: unknown)
}

// findFinders returns the finder pattern candidates of m (8-bit gray,
// continuous) thresholded with a window of block pixels.
func findFinders(m gocv.Mat, block, delta int) []finder {
	pix, err := grayBytes(m)
	if err != nil || len(pix) == 0 {
		return nil
	}
	const most = 2000
	buf := make([]C.cc_finder, most)
	n := int(C.cc_finders((*C.uint8_t)(unsafe.Pointer(&pix[0])), C.int(m.Cols()), C.int(m.Rows()), C.int(m.Cols()), C.int(block), C.int(delta), &buf[0], most))
	fs := make([]finder, 0, n)
	for _, r := range buf[:n] {
		f := finder{c: Pointf{X: float64(r.cx), Y: float64(r.cy)}, ms: math.Sqrt(float64(r.area_out)) / 7, ang: math.NaN()}
		if r.quads != 0 {
			f.quads = true
			for k := 0; k < 4; k++ {
				f.mid[k] = Pointf{
					X: float64(r.outer[2*k]+r.hole[2*k]) / 2,
					Y: float64(r.outer[2*k+1]+r.hole[2*k+1]) / 2,
				}
			}
			var sx, sy float64
			for k := 0; k < 4; k++ {
				a, b := f.mid[k], f.mid[(k+1)%4]
				t := 4 * math.Atan2(b.Y-a.Y, b.X-a.X)
				sx += math.Cos(t)
				sy += math.Sin(t)
			}
			f.ang = math.Atan2(sy, sx) / 4
			// The centre: where the ring's diagonals cross, with the
			// inner square's centroid.
			if p, ok := crossing(f.mid[0], f.mid[2], f.mid[1], f.mid[3]); ok && dist(p, f.c) < 1.5*f.ms {
				f.c = Pointf{X: (p.X + f.c.X) / 2, Y: (p.Y + f.c.Y) / 2}
			}
		}
		fs = append(fs, f)
	}
	return fs
}

// mergeFinders adds the finders of more not already in fs (a finder whose
// centre lies within a module of another's is the same).
func mergeFinders(fs, more []finder) []finder {
	for _, f := range more {
		dup := false
		for _, g := range fs {
			if dist(f.c, g.c) < math.Max(f.ms, g.ms) {
				dup = true
				break
			}
		}
		if !dup {
			fs = append(fs, f)
		}
	}
	return fs
}

func dist(a, b Pointf) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// crossing returns where the lines a1a2 and b1b2 meet.
func crossing(a1, a2, b1, b2 Pointf) (Pointf, bool) {
	dx1, dy1 := a2.X-a1.X, a2.Y-a1.Y
	dx2, dy2 := b2.X-b1.X, b2.Y-b1.Y
	d := dx1*dy2 - dy1*dx2
	if math.Abs(d) < 1e-9 {
		return Pointf{}, false
	}
	t := ((b1.X-a1.X)*dy2 - (b1.Y-a1.Y)*dx2) / d
	return Pointf{X: a1.X + t*dx1, Y: a1.Y + t*dy1}, true
}

// trio is three finders that may be one code's: top-left, top-right and
// bottom-left as the code reads; cost says how far from a code they lie
// (lower first).
type trio struct {
	tl, tr, bl int
	cost       float64
}

// angleGap is the difference of two orientations modulo 90°, in [0, π/4].
func angleGap(a, b float64) float64 {
	d := math.Mod(math.Abs(a-b), math.Pi/2)
	return math.Min(d, math.Pi/2-d)
}

// trios returns the sets of three finders that may be a code, best first.
func trios(fs []finder) []trio {
	var out []trio
	for a := range fs {
		fa := fs[a]
		for b := range fs {
			if b == a || !sameSize(fa, fs[b]) {
				continue
			}
			fb := fs[b]
			ab := Pointf{X: fb.c.X - fa.c.X, Y: fb.c.Y - fa.c.Y}
			dab := math.Hypot(ab.X, ab.Y)
			if dab < 10*fa.ms || dab > 220*fa.ms {
				continue
			}
			oab := math.Atan2(ab.Y, ab.X)
			if !math.IsNaN(fa.ang) && angleGap(fa.ang, oab) > 0.35 || !math.IsNaN(fb.ang) && angleGap(fb.ang, oab) > 0.35 {
				continue
			}
			for c := b + 1; c < len(fs); c++ {
				if c == a || !sameSize(fa, fs[c]) || !sameSize(fb, fs[c]) {
					continue
				}
				fc := fs[c]
				ac := Pointf{X: fc.c.X - fa.c.X, Y: fc.c.Y - fa.c.Y}
				dac := math.Hypot(ac.X, ac.Y)
				r := dab / dac
				if r < 0.6 || r > 1/0.6 {
					continue
				}
				cos := (ab.X*ac.X + ab.Y*ac.Y) / (dab * dac)
				if math.Abs(cos) > 0.6 {
					continue
				}
				oac := math.Atan2(ac.Y, ac.X)
				g := 0.0
				for _, e := range []struct {
					f finder
					o float64
				}{{fa, oac}, {fc, oac}} {
					if !math.IsNaN(e.f.ang) {
						gap := angleGap(e.f.ang, e.o)
						if gap > 0.35 {
							g = math.Inf(1)
						}
						g += gap
					}
				}
				if math.IsInf(g, 1) {
					continue
				}
				g += angleGap(fa.ang, oab) + angleGap(fb.ang, oab)
				if math.IsNaN(g) {
					g = 0.5
				}
				t := trio{tl: a, tr: b, bl: c}
				if ab.X*ac.Y-ab.Y*ac.X < 0 {
					t.tr, t.bl = c, b
				}
				t.cost = math.Abs(cos) + math.Abs(math.Log(r)) + g +
					math.Abs(math.Log(fa.ms/fb.ms)) + math.Abs(math.Log(fa.ms/fc.ms))
				out = append(out, t)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].cost < out[j].cost })
	return out
}

// sameSize says whether two finders' module sizes are close enough for one
// code seen in perspective.
func sameSize(a, b finder) bool {
	r := a.ms / b.ms
	return r > 0.5 && r < 2
}
