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
