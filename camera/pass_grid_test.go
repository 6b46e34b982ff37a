package camera

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
	"gocv.io/x/gocv"
)

// bentCode is a generated code of the given version, px pixels a module,
// seen in perspective on a bent page (its middle columns sag by amp
// modules), slightly out of focus, on a w×w light canvas. src maps a
// canvas point back to the flat code's module coordinates, so tests can
// check where a reader says the code is.
type bentCode struct {
	m   gocv.Mat
	src func(Pointf) Pointf
}

func newBentCode(t testing.TB, text string, version, px, w int, amp float64) bentCode {
	t.Helper()
	q, err := qrcode.NewWithForcedVersion(text, version, qrcode.Low)
	if err != nil {
		t.Fatal(err)
	}
	bits := q.Bitmap() // with a 4-module quiet zone
	n := len(bits)
	flat := float64(n * px)
	// The flat code's square, in the canvas: a perspective view.
	h, ok := fitHom(
		[]Pointf{{X: 0, Y: 0}, {X: flat, Y: 0}, {X: flat, Y: flat}, {X: 0, Y: flat}},
		[]Pointf{{X: 0.08 * float64(w), Y: 0.12 * float64(w)}, {X: 0.9 * float64(w), Y: 0.05 * float64(w)}, {X: 0.95 * float64(w), Y: 0.93 * float64(w)}, {X: 0.04 * float64(w), Y: 0.86 * float64(w)}},
		nil)
	if !ok {
		t.Fatal("no homography")
	}
	hi, _ := h.inv()
	src := func(p Pointf) Pointf {
		f := hi.at(p)
		// The bend: the middle columns sag by amp modules.
		f.Y += amp * float64(px) * math.Sin(math.Pi*f.X/flat)
		return Pointf{X: f.X/float64(px) - 4, Y: f.Y/float64(px) - 4}
	}
	mx := gocv.NewMatWithSize(w, w, gocv.MatTypeCV32F)
	defer mx.Close()
	my := gocv.NewMatWithSize(w, w, gocv.MatTypeCV32F)
	defer my.Close()
	fx, _ := mx.DataPtrFloat32()
	fy, _ := my.DataPtrFloat32()
	for y := 0; y < w; y++ {
		for x := 0; x < w; x++ {
			s := src(Pointf{X: float64(x), Y: float64(y)})
			fx[y*w+x] = float32((s.X + 4) * float64(px))
			fy[y*w+x] = float32((s.Y + 4) * float64(px))
		}
	}
	pix := make([]byte, n*px*n*px)
	for y := range n * px {
		for x := range n * px {
			pix[y*n*px+x] = 235
			if bits[y/px][x/px] {
				pix[y*n*px+x] = 25
			}
		}
	}
	code, err := gocv.NewMatFromBytes(n*px, n*px, gocv.MatTypeCV8UC1, pix)
	if err != nil {
		t.Fatal(err)
	}
	defer code.Close()
	m := gocv.NewMat()
	gocv.Remap(code, &m, &mx, &my, gocv.InterpolationLinear, gocv.BorderConstant, color.RGBA{R: 200, G: 200, B: 200, A: 255})
	gocv.GaussianBlur(m, &m, image.Pt(0, 0), 0.3*float64(px), 0.3*float64(px), gocv.BorderReplicate)
	return bentCode{m: m, src: src}
}

// The grid pass reads large codes on a bent page in perspective, where
// zxing-cpp alone (one transform for the whole code) does not, and says
// where their corners are.
func TestGridPassReadsBentHighVersions(t *testing.T) {
	for _, tc := range []struct {
		version, px int
		amp         float64
	}{
		{10, 5, 2},
		{25, 5, 2.5},
		{40, 4, 3},
	} {
		t.Run(fmt.Sprintf("version%d", tc.version), func(t *testing.T) {
			text := strings.Repeat(fmt.Sprintf("canhcua grid v%d ", tc.version), 200)[:versionBytes(tc.version)]
			dim := qrDim(tc.version)
			b := newBentCode(t, text, tc.version, tc.px, (dim+8)*tc.px*11/10, tc.amp)
			defer b.m.Close()
			var without []Pass
			for _, p := range StillPasses() {
				if _, ok := p.(GridPass); !ok {
					without = append(without, p)
				}
			}
			if len(without) == len(StillPasses()) {
				t.Fatal("the still engine has no grid pass")
			}
			if codes, err := (&Engine{Passes: without}).Decode(b.m); err != nil || len(codes) != 0 {
				t.Fatalf("the still engine without the grid pass reads %d codes (%v): the test proves nothing", len(codes), err)
			}
			codes, err := (&Engine{Passes: StillPasses()}).Decode(b.m)
			if err != nil || len(codes) != 1 || codes[0].Text != text {
				t.Fatalf("the still engine read %d codes, %v", len(codes), err)
			}
			d := float64(dim)
			for k, want := range []Pointf{{X: 0, Y: 0}, {X: d, Y: 0}, {X: d, Y: d}, {X: 0, Y: d}} {
				p := codes[0].Points[k]
				got := b.src(Pointf{X: float64(p.X), Y: float64(p.Y)})
				if dist(got, want) > 1 {
					t.Errorf("corner %d at %v: module %.1f, %.1f of the code, want %v", k, p, got.X, got.Y, want)
				}
			}
		})
	}
}

// versionBytes is about how many bytes fill most of a version v code at
// the lowest error correction level.
func versionBytes(v int) int {
	d := qrDim(v)
	return (d*d - 3*64 - 2*d) / 8 * 7 / 10
}
