package camera

import (
	"math"
	"sort"

	"github.com/canhcua/canhcua"
)

// gridModel maps module coordinates of a code (0..dim on each axis, module
// (x, y) centred at x+0.5, y+0.5) to image pixels: one homography for the
// whole code, or one per cell between the alignment patterns' centre lines.
type gridModel struct {
	v     int
	lines []float64 // centre lines of the alignment patterns, in modules
	cells [][]hom   // [j][i]: the cell between lines i, i+1 and j, j+1
	h     hom       // the whole code, when cells is nil
}

// at maps module coordinates to the image.
func (gm *gridModel) at(u, v float64) Pointf {
	if gm.cells == nil {
		return gm.h.at(Pointf{X: u, Y: v})
	}
	return gm.cells[cellIndex(gm.lines, v)][cellIndex(gm.lines, u)].at(Pointf{X: u, Y: v})
}

// cellIndex is the cell of lines that holds u, the first or last for u
// outside them.
func cellIndex(lines []float64, u float64) int {
	i := sort.SearchFloat64s(lines, u) - 1
	return min(max(i, 0), len(lines)-2)
}

// corners are the code's outer corners in the image.
func (gm *gridModel) corners() [4]canhcua.Point {
	d := float64(qrDim(gm.v))
	var out [4]canhcua.Point
	for k, m := range []Pointf{{X: 0, Y: 0}, {X: d, Y: 0}, {X: d, Y: d}, {X: 0, Y: d}} {
		p := gm.at(m.X, m.Y)
		out[k] = canhcua.Point{X: int(math.Round(p.X)), Y: int(math.Round(p.Y))}
	}
	return out
}

// fit fits version v's grid to the image: the finders first, then each
// alignment pattern, nearest to the finders first, searched where the points
// found so far put it.
func (g *gridRead) fit(v int) (*gridModel, bool) {
	d := float64(qrDim(v))
	pts := g.finderSet(v)
	h0, ok := homOf(pts)
	if !ok {
		return nil, false
	}
	ps := alignPositions(v)
	if len(ps) == 0 {
		return &gridModel{v: v, h: h0}, true
	}
	n := len(ps)
	lines := make([]float64, n)
	for i, p := range ps {
		lines[i] = float64(p) + 0.5
	}
	type slot struct {
		i, j int
		m    Pointf
		near float64
	}
	centres := []Pointf{{X: 3.5, Y: 3.5}, {X: d - 3.5, Y: 3.5}, {X: 3.5, Y: d - 3.5}}
	var slots []slot
	for j := range n {
		for i := range n {
			if i == 0 && j == 0 || i == n-1 && j == 0 || i == 0 && j == n-1 {
				continue
			}
			s := slot{i: i, j: j, m: Pointf{X: lines[i], Y: lines[j]}, near: math.Inf(1)}
			for _, c := range centres {
				s.near = math.Min(s.near, dist(s.m, c))
			}
			slots = append(slots, s)
		}
	}
	sort.SliceStable(slots, func(a, b int) bool { return slots[a].near < slots[b].near })
	sigma := math.Max(10, 0.75*(lines[n-1]-lines[0])/float64(n-1))
	found := make(map[[2]int]Pointf)
	for _, s := range slots {
		hl, ok := localHom(pts, s.m, sigma)
		if !ok {
			continue
		}
		if p, ok := g.findAlign(hl, s.m); ok {
			pts = append(pts, ctlPoint{m: s.m, p: p})
			found[[2]int{s.i, s.j}] = p
		}
	}
	// The control grid: alignment patterns where found, else where their
	// neighbours put them (the finders' slots too).
	ctl := make([][]Pointf, n)
	for j := range n {
		ctl[j] = make([]Pointf, n)
		for i := range n {
			m := Pointf{X: lines[i], Y: lines[j]}
			if p, ok := found[[2]int{i, j}]; ok {
				// Trust a found pattern unless the others put it more than a
				// module and a half away.
				var others []ctlPoint
				for _, c := range pts {
					if c.m != m {
						others = append(others, c)
					}
				}
				if hl, ok := localHom(others, m, sigma); ok {
					q := hl.at(m)
					unit := dist(hl.at(Pointf{X: m.X + 1, Y: m.Y}), q)
					if dist(p, q) <= 2.5*unit {
						ctl[j][i] = p
						continue
					}
				}
			}
			hl, ok := localHom(pts, m, sigma)
			if !ok {
				return nil, false
			}
			ctl[j][i] = hl.at(m)
		}
	}
	gm := &gridModel{v: v, lines: lines, cells: make([][]hom, n-1)}
	for j := 0; j < n-1; j++ {
		gm.cells[j] = make([]hom, n-1)
		for i := 0; i < n-1; i++ {
			src := []Pointf{{X: lines[i], Y: lines[j]}, {X: lines[i+1], Y: lines[j]}, {X: lines[i+1], Y: lines[j+1]}, {X: lines[i], Y: lines[j+1]}}
			dst := []Pointf{ctl[j][i], ctl[j][i+1], ctl[j+1][i+1], ctl[j+1][i]}
			h, ok := fitHom(src, dst, nil)
			if !ok {
				return nil, false
			}
			gm.cells[j][i] = h
		}
	}
	return gm, true
}

// findAlign looks for the alignment pattern centred at module coordinates m,
// within three modules of where h puts it, and returns its centre.
func (g *gridRead) findAlign(h hom, m Pointf) (Pointf, bool) {
	c0 := h.at(m)
	a, b := h.at(Pointf{X: m.X - 0.5, Y: m.Y}), h.at(Pointf{X: m.X + 0.5, Y: m.Y})
	eu := Pointf{X: b.X - a.X, Y: b.Y - a.Y}
	a, b = h.at(Pointf{X: m.X, Y: m.Y - 0.5}), h.at(Pointf{X: m.X, Y: m.Y + 0.5})
	ev := Pointf{X: b.X - a.X, Y: b.Y - a.Y}
	contrast := g.light - g.dark
	score := func(du, dv float64) float64 {
		at := func(x, y float64) float64 {
			return g.img.at(c0.X+(du+x)*eu.X+(dv+y)*ev.X, c0.Y+(du+x)*eu.Y+(dv+y)*ev.Y)
		}
		var light, dark float64
		for y := -2; y <= 2; y++ {
			for x := -2; x <= 2; x++ {
				switch max(iabs(x), iabs(y)) {
				case 1:
					light += at(float64(x), float64(y))
				case 2:
					dark += at(float64(x), float64(y))
				}
			}
		}
		light /= 8
		dark /= 16
		centre := at(0, 0)
		if light <= dark || light <= centre {
			return math.Inf(-1)
		}
		return light - (dark+centre)/2 - 0.02*contrast*(du*du+dv*dv)
	}
	best, bu, bv := math.Inf(-1), 0.0, 0.0
	const r = 3.0
	for du := -r; du <= r; du += 0.5 {
		for dv := -r; dv <= r; dv += 0.5 {
			if s := score(du, dv); s > best {
				best, bu, bv = s, du, dv
			}
		}
	}
	if best < 0.25*contrast {
		return Pointf{}, false
	}
	cu, cv := bu, bv
	for du := -0.5; du <= 0.5; du += 0.125 {
		for dv := -0.5; dv <= 0.5; dv += 0.125 {
			if s := score(cu+du, cv+dv); s > best {
				best, bu, bv = s, cu+du, cv+dv
			}
		}
	}
	return Pointf{X: c0.X + bu*eu.X + bv*ev.X, Y: c0.Y + bu*eu.Y + bv*ev.Y}, true
}

// sample returns the gray of every module's centre (the mean of nine points
// within a fifth of a module of it), [y*dim+x].
func (g *gridRead) sample(gm *gridModel) []float64 {
	d := qrDim(gm.v)
	vals := make([]float64, d*d)
	for y := range d {
		for x := range d {
			var s float64
			for _, oy := range []float64{-0.2, 0, 0.2} {
				for _, ox := range []float64{-0.2, 0, 0.2} {
					p := gm.at(float64(x)+0.5+ox, float64(y)+0.5+oy)
					s += g.img.at(p.X, p.Y)
				}
			}
			vals[y*d+x] = s / 9
		}
	}
	return vals
}

// threshold makes modules of vals dark where they are darker than the mean
// of the modules within r of them, plus bias.
func threshold(vals []float64, d, r int, bias float64) qrSymbol {
	// Integral image over the modules.
	in := make([]float64, (d+1)*(d+1))
	for y := range d {
		row := 0.0
		for x := range d {
			row += vals[y*d+x]
			in[(y+1)*(d+1)+x+1] = in[y*(d+1)+x+1] + row
		}
	}
	s := newSymbol(d)
	for y := range d {
		y0, y1 := max(0, y-r), min(d, y+r+1)
		for x := range d {
			x0, x1 := max(0, x-r), min(d, x+r+1)
			sum := in[y1*(d+1)+x1] - in[y0*(d+1)+x1] - in[y1*(d+1)+x0] + in[y0*(d+1)+x0]
			mean := sum / float64((y1-y0)*(x1-x0))
			s[y][x] = vals[y*d+x] < mean+bias
		}
	}
	return s
}

// timing is the share of the timing patterns' modules (row and column 6
// between the finders) that the grid samples as they should be.
func (g *gridRead) timing(gm *gridModel) float64 {
	d := qrDim(gm.v)
	end := d - 8
	thr := (g.dark + g.light) / 2
	good, all := 0, 0
	for i := 8; i < end; i++ {
		for _, p := range []Pointf{gm.at(float64(i)+0.5, 6.5), gm.at(6.5, float64(i)+0.5)} {
			if (g.img.at(p.X, p.Y) < thr) == (i%2 == 0) {
				good++
			}
			all++
		}
	}
	return float64(good) / float64(all)
}

// timingNear is the share of the first ten modules of each timing pattern
// that the finders alone put where they should be, each module placed by
// the finders' points weighted by their distance from it: a quick look
// before the alignment patterns are searched.
func (g *gridRead) timingNear(v int) float64 {
	pts := g.finderSet(v)
	thr := (g.dark + g.light) / 2
	good, all := 0, 0
	for i := 8; i < min(18, qrDim(v)-8); i++ {
		for _, m := range []Pointf{{X: float64(i) + 0.5, Y: 6.5}, {X: 6.5, Y: float64(i) + 0.5}} {
			h, ok := localHom(pts, m, 8)
			if !ok {
				return 0
			}
			p := h.at(m)
			if (g.img.at(p.X, p.Y) < thr) == (i%2 == 0) {
				good++
			}
			all++
		}
	}
	return float64(good) / float64(all)
}

// decode samples the code on gm and decodes it with zxing-cpp, trying a few
// thresholds.
func (g *gridRead) decode(gm *gridModel) (canhcua.Code, bool) {
	d := qrDim(gm.v)
	vals := g.sample(gm)
	fixed, value := functionModules(gm.v)
	contrast := g.light - g.dark
	for _, t := range []struct {
		r      int
		bias   float64
		mirror bool
	}{{3, 0, false}, {6, 0, false}, {2, 0, false}, {3, 0.1, false}, {3, -0.1, false}, {3, 0, true}} {
		s := threshold(vals, d, t.r, t.bias*contrast)
		if t.mirror {
			for y := range d {
				for x := y + 1; x < d; x++ {
					s[y][x], s[x][y] = s[x][y], s[y][x]
				}
			}
		}
		for y := range d {
			for x := range d {
				if fixed[y][x] {
					s[y][x] = value[y][x]
				}
			}
		}
		m, err := s.render(4)
		if err != nil {
			return canhcua.Code{}, false
		}
		codes, err := ZXing{Pure: true, Fast: true, NoInvert: true}.Decode(m)
		m.Close()
		if err != nil || len(codes) == 0 {
			continue
		}
		c := codes[0]
		c.Points = gm.corners()
		return c, true
	}
	return canhcua.Code{}, false
}
