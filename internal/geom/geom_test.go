package geom

import (
	"math/rand"
	"testing"
)

func TestPolygonContains(t *testing.T) {
	// A rotated square (a diamond) around (10, 10).
	diamond := Polygon{{10, 0}, {20, 10}, {10, 20}, {0, 10}}
	for _, tc := range []struct {
		p    Pt
		want bool
	}{
		{Pt{10, 10}, true},
		{Pt{14, 14}, true},
		{Pt{2, 2}, false}, // inside the bounding box, outside the diamond
		{Pt{18, 18}, false},
		{Pt{-5, 10}, false},
		{Pt{25, 10}, false},
	} {
		if got := diamond.Contains(tc.p); got != tc.want {
			t.Errorf("diamond.Contains(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	// A concave "L": the notch is outside.
	l := Polygon{{0, 0}, {10, 0}, {10, 4}, {4, 4}, {4, 10}, {0, 10}}
	if !l.Contains(Pt{2, 8}) || !l.Contains(Pt{8, 2}) || l.Contains(Pt{8, 8}) {
		t.Error("concave polygon: wrong inside/outside")
	}
	// Corners may come in either winding.
	cw := Polygon{{0, 10}, {10, 10}, {10, 0}, {0, 0}}
	if !cw.Contains(Pt{5, 5}) {
		t.Error("reversed winding: centre not inside")
	}
}

// quadContains is the camera's former Quad.Contains, kept to pin that
// Polygon.Contains, which replaced it, answers the same on four corners: the
// crossing abscissa is the same product, quotient and sum of the same
// operands (multiplication and addition commute exactly in IEEE 754), and no
// product is added directly, so no fused multiply-add can differ.
func quadContains(q [4]Pt, p Pt) bool {
	in := false
	for i, j := 0, 3; i < 4; j, i = i, i+1 {
		a, b := q[i], q[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

func TestPolygonContainsAsQuad(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	coord := func() float64 {
		switch r.Intn(4) {
		case 0:
			return float64(r.Intn(64)) // integer corners: shared edges and vertices
		case 1:
			return float64(r.Intn(64)) + float64(r.Intn(4))/4
		default:
			return r.Float64()*200 - 50
		}
	}
	for n := 0; n < 200000; n++ {
		var q [4]Pt
		for k := range q {
			q[k] = Pt{coord(), coord()}
		}
		p := Pt{coord(), coord()}
		if r.Intn(8) == 0 { // on a corner's height, or on the corner itself
			k := r.Intn(4)
			p.Y = q[k].Y
			if r.Intn(2) == 0 {
				p.X = q[k].X
			}
		}
		if got, want := Polygon(q[:]).Contains(p), quadContains(q, p); got != want {
			t.Fatalf("%v contains %v: %v, the quad rule says %v", q, p, got, want)
		}
	}
}
