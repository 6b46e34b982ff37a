// Package geom holds the plane geometry the camera and the corpus scorer
// share: points with sub-pixel coordinates and polygons.
package geom

// Pt is a point in image pixels, with sub-pixel coordinates.
type Pt struct{ X, Y float64 }

// Polygon is an outline, its corners in order.
type Polygon []Pt

// Contains reports whether p lies inside the polygon (even-odd rule, so any
// simple polygon works, convex or not). Points exactly on an edge may fall
// either way.
func (poly Polygon) Contains(p Pt) bool {
	in := false
	n := len(poly)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.Y > p.Y) != (b.Y > p.Y) {
			x := a.X + (p.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
			if p.X < x {
				in = !in
			}
		}
	}
	return in
}

// Area is the polygon's area (shoelace formula; a self-crossing outline's
// lobes may cancel).
func (poly Polygon) Area() float64 {
	a := 0.0
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a += poly[j].X*poly[i].Y - poly[i].X*poly[j].Y
	}
	if a < 0 {
		a = -a
	}
	return a / 2
}
