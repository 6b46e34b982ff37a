package camera

import (
	"image"
	"sort"
)

// Small code-like patterns. OpenCV's QRCodeDetector, which gives the live
// engine its candidates, finds no code whose modules are a pixel or two
// wide: exactly the codes too far away to read. findSmallCodes looks for them
// by their texture instead: a square, dense in sharp edges both ways,
// inside a quiet margin (a code's quiet zone, the card around it).
const (
	smallEdge    = 48   // a gray-level step across two pixels counted as an edge
	smallDense   = 0.30 // share of edge pixels inside, each way at least
	smallQuiet   = 0.06 // share of edge pixels in the margin, at most
	smallMinSide = 14   // pixels of the image searched
	smallDarkMin = 0.35 // share of pixels darker than the mean: about half in a code
	smallDarkMax = 0.65
)

// codeLike says whether the square r of g is busy all over as a code is
// (each quarter dense in edges both ways, density measured by edges) and
// about half darker than its mean, as a code is and text is not (letters
// are thin dark strokes on a light ground).
func codeLike(g *image.Gray, r image.Rectangle, edges func(image.Rectangle) (dx, dy float64)) bool {
	c := r.Min.Add(r.Max).Div(2)
	for _, q := range []image.Rectangle{{r.Min, c}, {image.Pt(c.X, r.Min.Y), image.Pt(r.Max.X, c.Y)},
		{image.Pt(r.Min.X, c.Y), image.Pt(c.X, r.Max.Y)}, {c, r.Max}} {
		if dx, dy := edges(q); dx < 0.8*smallDense || dy < 0.8*smallDense {
			return false
		}
	}
	total := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range g.Pix[y*g.Stride+r.Min.X : y*g.Stride+r.Max.X] {
			total += int(v)
		}
	}
	mid, dark := total/(r.Dx()*r.Dy()), 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range g.Pix[y*g.Stride+r.Min.X : y*g.Stride+r.Max.X] {
			if int(v) < mid {
				dark++
			}
		}
	}
	share := float64(dark) / float64(r.Dx()*r.Dy())
	return share >= smallDarkMin && share <= smallDarkMax
}

// findSmallCodes returns the square regions of g (at most max, largest
// first) that look like codes between smallMinSide and maxSide pixels wide.
func findSmallCodes(g *image.Gray, maxSide, most int) []image.Rectangle {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if w < 3*smallMinSide || h < 3*smallMinSide {
		return nil
	}
	// Integral images of horizontal and vertical edges.
	iw := w + 1
	ix := make([]int32, iw*(h+1))
	iy := make([]int32, iw*(h+1))
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride:]
		var sx, sy int32
		for x := 0; x < w; x++ {
			if x > 0 && x+1 < w && absInt(int(row[x+1])-int(row[x-1])) >= smallEdge {
				sx++
			}
			if y > 0 && y+1 < h && absInt(int(g.Pix[(y+1)*g.Stride+x])-int(g.Pix[(y-1)*g.Stride+x])) >= smallEdge {
				sy++
			}
			ix[(y+1)*iw+x+1] = ix[y*iw+x+1] + sx
			iy[(y+1)*iw+x+1] = iy[y*iw+x+1] + sy
		}
	}
	sum := func(in []int32, r image.Rectangle) int32 {
		return in[r.Max.Y*iw+r.Max.X] - in[r.Min.Y*iw+r.Max.X] - in[r.Max.Y*iw+r.Min.X] + in[r.Min.Y*iw+r.Min.X]
	}
	type found struct {
		r     image.Rectangle
		score float64
	}
	var all []found
	bounds := image.Rect(0, 0, w, h)
	for s := smallMinSide; s <= maxSide; s += max(2, s/4) {
		m := max(2, s/4) // the quiet margin
		step := max(1, s/5)
		for y := m; y+s+m <= h; y += step {
			for x := m; x+s+m <= w; x += step {
				in := image.Rect(x, y, x+s, y+s)
				area := float64(s * s)
				dx, dy := float64(sum(ix, in))/area, float64(sum(iy, in))/area
				if dx < smallDense || dy < smallDense {
					continue
				}
				out := image.Rect(x-m, y-m, x+s+m, y+s+m).Intersect(bounds)
				ring := float64(out.Dx()*out.Dy()) - area
				quiet := float64(sum(ix, out)-sum(ix, in)+sum(iy, out)-sum(iy, in)) / (2 * ring)
				if quiet > smallQuiet || !codeLike(g, in, func(r image.Rectangle) (float64, float64) {
					a := float64(r.Dx() * r.Dy())
					return float64(sum(ix, r)) / a, float64(sum(iy, r)) / a
				}) {
					continue
				}
				all = append(all, found{in, min(dx, dy) - quiet + float64(s)/float64(4*maxSide)})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].score > all[j].score })
	var keep []image.Rectangle
	for _, f := range all {
		clash := false
		for _, k := range keep {
			if f.r.Overlaps(k) {
				clash = true
				break
			}
		}
		if !clash {
			keep = append(keep, f.r)
			if len(keep) == most {
				break
			}
		}
	}
	for i := range keep {
		keep[i] = keep[i].Add(g.Rect.Min)
	}
	return keep
}
