package camera

import "math"

// hom is a plane homography, row-major 3x3: (u, v) maps to
// ((h0 u + h1 v + h2) / w, (h3 u + h4 v + h5) / w) with w = h6 u + h7 v + h8.
type hom [9]float64

// at maps p through h.
func (h hom) at(p Pointf) Pointf {
	w := h[6]*p.X + h[7]*p.Y + h[8]
	if w == 0 {
		w = 1e-12
	}
	return Pointf{X: (h[0]*p.X + h[1]*p.Y + h[2]) / w, Y: (h[3]*p.X + h[4]*p.Y + h[5]) / w}
}

// mul returns a·b (b applied first).
func (a hom) mul(b hom) hom {
	var c hom
	for r := 0; r < 3; r++ {
		for k := 0; k < 3; k++ {
			c[3*r+k] = a[3*r]*b[k] + a[3*r+1]*b[3+k] + a[3*r+2]*b[6+k]
		}
	}
	return c
}

// inv returns h's inverse (false when h is singular).
func (h hom) inv() (hom, bool) {
	a, b, c, d, e, f, g, i, j := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]
	A := e*j - f*i
	B := -(d*j - f*g)
	C := d*i - e*g
	det := a*A + b*B + c*C
	if math.Abs(det) < 1e-15 {
		return hom{}, false
	}
	return hom{
		A / det, -(b*j - c*i) / det, (b*f - c*e) / det,
		B / det, (a*j - c*g) / det, -(a*f - c*d) / det,
		C / det, -(a*i - b*g) / det, (a*e - b*d) / det,
	}, true
}

// normalising returns the similarity that moves pts' centroid to the origin
// and their mean distance from it to √2.
func normalising(pts []Pointf) hom {
	var cx, cy float64
	for _, p := range pts {
		cx += p.X
		cy += p.Y
	}
	n := float64(len(pts))
	cx, cy = cx/n, cy/n
	var d float64
	for _, p := range pts {
		d += math.Hypot(p.X-cx, p.Y-cy)
	}
	d /= n
	if d == 0 {
		d = 1
	}
	s := math.Sqrt2 / d
	return hom{s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1}
}

// fitHom returns the homography mapping src onto dst, least squares over 4 or
// more correspondences (weights w, nil for 1), or false when they do not
// determine one.
func fitHom(src, dst []Pointf, w []float64) (hom, bool) {
	n := len(src)
	if n < 4 || len(dst) != n {
		return hom{}, false
	}
	ts, td := normalising(src), normalising(dst)
	// Normal equations of the 8 unknowns (h8 = 1).
	var ata [8][9]float64
	for i := 0; i < n; i++ {
		s, d := ts.at(src[i]), td.at(dst[i])
		wt := 1.0
		if w != nil {
			wt = w[i]
		}
		rows := [2][9]float64{
			{s.X, s.Y, 1, 0, 0, 0, -s.X * d.X, -s.Y * d.X, d.X},
			{0, 0, 0, s.X, s.Y, 1, -s.X * d.Y, -s.Y * d.Y, d.Y},
		}
		for _, r := range rows {
			for a := 0; a < 8; a++ {
				if r[a] == 0 {
					continue
				}
				for b := 0; b < 9; b++ {
					ata[a][b] += wt * r[a] * r[b]
				}
			}
		}
	}
	x, ok := solve8(ata)
	if !ok {
		return hom{}, false
	}
	hn := hom{x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], 1}
	tdi, ok := td.inv()
	if !ok {
		return hom{}, false
	}
	h := tdi.mul(hn).mul(ts)
	if h[8] != 0 {
		for k := range h {
			h[k] /= h[8]
		}
	}
	return h, true
}

// solve8 solves the 8x8 system held in m's first 8 columns against its ninth
// column, by Gaussian elimination with partial pivoting.
func solve8(m [8][9]float64) ([8]float64, bool) {
	var x [8]float64
	for c := 0; c < 8; c++ {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-12 {
			return x, false
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < 8; r++ {
			f := m[r][c] / m[c][c]
			if f == 0 {
				continue
			}
			for k := c; k < 9; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	for c := 7; c >= 0; c-- {
		s := m[c][8]
		for k := c + 1; k < 8; k++ {
			s -= m[c][k] * x[k]
		}
		x[c] = s / m[c][c]
	}
	return x, true
}
