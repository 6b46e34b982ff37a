package camera

import (
	"image"
	"math"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/geom"
)

// Quad is a quadrilateral in image coordinates: a code's outline, corners in
// order (top-left, top-right, bottom-right, bottom-left for an upright code).
type Quad [4]Pointf

// Pointf is a point with sub-pixel coordinates.
type Pointf = geom.Pt

// Center is the mean of q's corners.
func (q Quad) Center() Pointf {
	var c Pointf
	for _, p := range q {
		c.X += p.X / 4
		c.Y += p.Y / 4
	}
	return c
}

// grown is q scaled by k about its centre.
func (q Quad) grown(k float64) Quad {
	c := q.Center()
	for i, p := range q {
		q[i] = Pointf{X: c.X + (p.X-c.X)*k, Y: c.Y + (p.Y-c.Y)*k}
	}
	return q
}

// Side is q's longest side.
func (q Quad) Side() float64 {
	s := 0.0
	for k := range q {
		a, b := q[k], q[(k+1)%4]
		s = math.Max(s, math.Hypot(a.X-b.X, a.Y-b.Y))
	}
	return s
}

// Bounds is q's bounding box grown by pad times its longest side on every
// side, clipped to r.
func (q Quad) Bounds(pad float64, r image.Rectangle) image.Rectangle {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range q {
		minX, minY = math.Min(minX, p.X), math.Min(minY, p.Y)
		maxX, maxY = math.Max(maxX, p.X), math.Max(maxY, p.Y)
	}
	g := pad * q.Side()
	return image.Rect(int(minX-g), int(minY-g), int(maxX+g+1), int(maxY+g+1)).Intersect(r)
}

// Contains says whether p lies inside q (q convex or not: even-odd rule).
func (q Quad) Contains(p Pointf) bool {
	return geom.Polygon(q[:]).Contains(p)
}

// quadOf returns a code's outline.
func quadOf(c canhcua.Code) Quad {
	var q Quad
	for k, p := range c.Points {
		q[k] = Pointf{X: float64(p.X), Y: float64(p.Y)}
	}
	return q
}

// covered says whether a code in codes lies over q. A code known only by a
// region covers q when q holds the region's centre and the region is not
// much larger than q (twice its side at most).
func covered(q Quad, codes []canhcua.Code) bool {
	for _, c := range codes {
		x, y := c.Center()
		in := q.Contains(Pointf{X: x, Y: y})
		if c.Approximate {
			if in && quadOf(c).Side() <= 2*q.Side() {
				return true
			}
			continue
		}
		if in || quadOf(c).Contains(q.Center()) {
			return true
		}
	}
	return false
}

// meets says whether either quad's centre lies inside the other.
func (q Quad) meets(o Quad) bool {
	return o.Contains(q.Center()) || q.Contains(o.Center())
}

// overlapsAny says whether q meets a quad of qs.
func overlapsAny(q Quad, qs []Quad) bool {
	for _, o := range qs {
		if q.meets(o) {
			return true
		}
	}
	return false
}
