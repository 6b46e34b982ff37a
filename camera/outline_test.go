package camera

import (
	"math"
	"testing"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// truth is a code placed on a test image: its text and its real outline.
type truth struct {
	text string
	q    Quad
}

// placeCode draws text's code, px pixels a module, centred at (cx, cy) and
// turned by deg, on canvas, and returns where its modules are (the quiet
// zone left out).
func placeCode(t testing.TB, canvas *gocv.Mat, text string, px int, cx, cy, deg float64) truth {
	t.Helper()
	code := qrMat(t, text, px)
	defer code.Close()
	side := float64(code.Cols())
	place(canvas, code, rotatedSquare(cx, cy, side, deg))
	n := side / float64(px)                        // modules, with the quiet zone of 4 on each side
	in := rotatedSquare(cx, cy, side*(n-8)/n, deg) // the code itself
	return truth{text, Quad{{X: float64(in[0].X), Y: float64(in[0].Y)}, {X: float64(in[1].X), Y: float64(in[1].Y)}, {X: float64(in[2].X), Y: float64(in[2].Y)}, {X: float64(in[3].X), Y: float64(in[3].Y)}}}
}

// area is a quad's area (shoelace).
func (q Quad) area() float64 {
	a := 0.0
	for k := range q {
		p, n := q[k], q[(k+1)%4]
		a += p.X*n.Y - n.X*p.Y
	}
	return math.Abs(a) / 2
}

// checkOutlines fails the test for a code reported with corners that are not
// the code's own: an outline far larger than the code (the image, a tile
// searched), or off its centre, without Approximate. An approximate code's
// region must still hold the code.
func checkOutlines(t *testing.T, who string, codes []canhcua.Code, truths []truth) {
	t.Helper()
	for _, c := range codes {
		var tr *truth
		for i := range truths {
			if truths[i].text == c.Text {
				tr = &truths[i]
			}
		}
		if tr == nil {
			t.Errorf("%s: read %q, which is not on the image", who, c.Text)
			continue
		}
		q, at := quadOf(c), tr.q.Center()
		if c.Approximate {
			if !q.Contains(at) {
				t.Errorf("%s: approximate region %v does not hold the code centred at (%.0f, %.0f)", who, c.Points, at.X, at.Y)
			}
			continue
		}
		x, y := c.Center()
		ratio := q.area() / tr.q.area()
		// A finder-centre outline (gozxing) covers about half the code;
		// a tile searched, many times it.
		if math.Hypot(x-at.X, y-at.Y) > 0.2*tr.q.Side() || ratio < 0.3 || ratio > 1.6 {
			t.Errorf("%s: %v given as the corners of %q (area %.1f× the code's, centre (%.0f, %.0f) for (%.0f, %.0f)) without approximate",
				who, c.Points, c.Text, ratio, x, y, at.X, at.Y)
		}
	}
}

// No pass reports a region it searched (the whole image, a tile) as a code's
// corners: every outline given without Approximate is the code's own, on a
// plain code and on a faded one only the WeChat detector reads, small in a
// large image; and the WeChat pass, kept from its candidates and from looking
// for corners inside its tile, says that its outline is approximate.
func TestPassesReportHonestOutlines(t *testing.T) {
	const w, h = 1600, 1200
	plain := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(235, 0, 0, 0), h, w, gocv.MatTypeCV8UC1)
	defer plain.Close()
	truths := []truth{placeCode(t, &plain, passText, 4, 420, 380, 7)}
	faded := plain.Clone()
	defer faded.Close()
	faded.ConvertToWithParams(&faded, gocv.MatTypeCV8U, 8.0/235, 120)
	if got := readBy(t, ZXingPass{}, faded); len(got) != 0 {
		t.Fatalf("zxing-cpp reads the faded code: the test proves nothing")
	}
	for name, m := range map[string]gocv.Mat{"plain": plain, "faded": faded} {
		for _, p := range append(AllPasses(), WeChatPass{tileOnly: true}) {
			codes, err := (&Engine{Passes: []Pass{p}}).Decode(m)
			if err != nil {
				t.Fatalf("%s: %v", p.Name(), err)
			}
			checkOutlines(t, name+"/"+p.Name(), codes, truths)
		}
		codes, err := NewEngine(Still).Decode(m)
		if err != nil {
			t.Fatal(err)
		}
		if len(codes) != 1 {
			t.Errorf("%s: the still engine read %v, want the one code", name, codes)
		}
		checkOutlines(t, name+"/still engine", codes, truths)
	}
	// The WeChat detector reads the faded code; kept from its candidates
	// and from looking for corners, the pass can give only the tile it narrowed the code down to.
	codes, err := (&Engine{Passes: []Pass{WeChatPass{tileOnly: true}}}).Decode(faded)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 1 || !codes[0].Approximate {
		t.Errorf("WeChat pass without the corner search: %+v, want one approximate code", codes)
	}
	// With it, it finds the code's own corners.
	codes, err = (&Engine{Passes: []Pass{WeChatPass{}}}).Decode(faded)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 1 || codes[0].Approximate {
		t.Errorf("WeChat pass: %+v, want one code with its corners", codes)
	}
}
