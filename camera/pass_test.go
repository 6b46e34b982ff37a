package camera

import (
	"image"
	"math"
	"testing"

	"gocv.io/x/gocv"
)

// onCanvas places a generated code (px pixels per module) upright in the
// middle of a light gray canvas of w×h.
func onCanvas(t testing.TB, text string, px, w, h int) gocv.Mat {
	t.Helper()
	code := qrMat(t, text, px)
	defer code.Close()
	canvas := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(235, 0, 0, 0), h, w, gocv.MatTypeCV8UC1)
	side := float64(code.Cols())
	place(&canvas, code, rotatedSquare(float64(w)/2, float64(h)/2, side, 7))
	return canvas
}

// lowContrast is a code whose dark and light modules differ by delta grey
// levels only (a faded print, a dim screen), under a light gradient.
func lowContrast(t testing.TB, text string, delta float32) gocv.Mat {
	m := onCanvas(t, text, 6, 640, 480)
	// 0..235 → 120..120+delta
	m.ConvertToWithParams(&m, gocv.MatTypeCV8U, delta/235, 120)
	return m
}

// glared is a code washed out by a bright reflection: in a soft disc over
// its right half the image is blended towards white, by peak at the centre.
func glared(t testing.TB, text string, peak float64) gocv.Mat {
	m := onCanvas(t, text, 6, 640, 480)
	pix, _ := m.DataPtrUint8()
	cx, cy, r := 360.0, 240.0, 110.0
	for y := 0; y < m.Rows(); y++ {
		for x := 0; x < m.Cols(); x++ {
			d := math.Hypot(float64(x)-cx, float64(y)-cy) / r
			a := peak * math.Exp(-d*d*d*d)
			v := &pix[y*m.Cols()+x]
			*v = uint8(float64(*v)*(1-a) + 255*a)
		}
	}
	return m
}

// blurred is a code out of focus: a Gaussian blur of sigma pixels at 4 pixels
// per module.
func blurred(t testing.TB, text string, sigma float64) gocv.Mat {
	m := onCanvas(t, text, 4, 640, 480)
	gocv.GaussianBlur(m, &m, image.Pt(0, 0), sigma, sigma, gocv.BorderReplicate)
	return m
}

// readBy runs one pass alone, as an engine would.
func readBy(t testing.TB, p Pass, m gocv.Mat) []string {
	t.Helper()
	codes, err := (&Engine{Passes: []Pass{p}}).Decode(m)
	if err != nil {
		t.Fatalf("%s: %v", p.Name(), err)
	}
	var texts []string
	for _, c := range codes {
		texts = append(texts, c.Text)
	}
	return texts
}

const passText = "CC-2024-000123|Nguyễn Văn An"

// onlyBy checks that zxing-cpp alone does not read m and that p does.
func onlyBy(t *testing.T, p Pass, m gocv.Mat) {
	t.Helper()
	if got := readBy(t, ZXingPass{}, m); len(got) != 0 {
		t.Fatalf("zxing-cpp alone reads the image (%q): the test proves nothing", got)
	}
	if got := readBy(t, p, m); len(got) != 1 || got[0] != passText {
		t.Errorf("%s pass read %q, want [%q]", p.Name(), got, passText)
	}
}

// Each preprocessing pass reads a degraded generated code that zxing-cpp
// alone does not.
func TestPassesReadDegradedCodes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		image func(t testing.TB) gocv.Mat
		pass  Pass
	}{
		{"EqualizePassReadsWashedOutCode", func(t testing.TB) gocv.Mat { return glared(t, passText, 0.96) }, EqualizePass{}},
		{"GlarePassReadsGlaredCode", func(t testing.TB) gocv.Mat { return glared(t, passText, 0.93) }, GlarePass{}},
		{"GlarePassReadsFadedCode", func(t testing.TB) gocv.Mat { return lowContrast(t, passText, 12) }, GlarePass{}},
		{"SharpenPassReadsBlurredCode", func(t testing.TB) gocv.Mat { return blurred(t, passText, 1.5) }, SharpenPass{}},
		{"ThresholdPassReadsBlurredCode", func(t testing.TB) gocv.Mat { return blurred(t, passText, 2) }, ThresholdPass{}},
		{"WeChatPassReadsFadedCode", func(t testing.TB) gocv.Mat { return lowContrast(t, passText, 8) }, WeChatPass{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.image(t)
			defer m.Close()
			onlyBy(t, tc.pass, m)
		})
	}
}

// The other passes read a plain generated code, with its outline where the
// code is.
func TestPassesReadPlainCode(t *testing.T) {
	m := onCanvas(t, passText, 6, 640, 480)
	defer m.Close()
	for _, p := range AllPasses() {
		codes, err := (&Engine{Passes: []Pass{p}}).Decode(m)
		if err != nil || len(codes) != 1 || codes[0].Text != passText {
			t.Errorf("%s: %v, %v", p.Name(), codes, err)
			continue
		}
		if x, y := codes[0].Center(); math.Abs(x-320) > 12 || math.Abs(y-240) > 12 {
			t.Errorf("%s: centre at (%.0f, %.0f), want (320, 240)", p.Name(), x, y)
		}
	}
}

// RegionPass rectifies the candidates OpenCV's QRCodeDetector finds, and
// leaves alone those an earlier pass has read.
func TestRegionPassCandidates(t *testing.T) {
	m := onCanvas(t, passText, 6, 640, 480)
	defer m.Close()
	f := &Frame{Gray: m}
	if len(f.Candidates()) != 1 {
		t.Fatalf("candidates %v, want 1", f.Candidates())
	}
	codes, err := RegionPass{}.Decode(f)
	if err != nil || len(codes) != 1 || codes[0].Text != passText {
		t.Fatalf("region pass: %v, %v", codes, err)
	}
	f.Found = codes
	if len(f.Open()) != 0 {
		t.Errorf("a read candidate is still open: %v", f.Open())
	}
	if codes, _ := (RegionPass{}).Decode(f); len(codes) != 0 {
		t.Errorf("region pass read a candidate already read: %v", codes)
	}
}

// No pass reports a code on images without one.
func TestPassesNoFalsePositives(t *testing.T) {
	blank := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(200, 0, 0, 0), 480, 640, gocv.MatTypeCV8UC1)
	defer blank.Close()
	noise := gocv.NewMatWithSize(480, 640, gocv.MatTypeCV8UC1)
	defer noise.Close()
	gocv.RandU(&noise, gocv.NewScalar(0, 0, 0, 0), gocv.NewScalar(255, 0, 0, 0))
	chess := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(255, 0, 0, 0), 480, 640, gocv.MatTypeCV8UC1)
	defer chess.Close()
	pix, _ := chess.DataPtrUint8()
	for y := 0; y < 480; y++ {
		for x := 0; x < 640; x++ {
			if (x/7+y/7)%2 == 0 {
				pix[y*640+x] = 0
			}
		}
	}
	for name, m := range map[string]gocv.Mat{"blank": blank, "noise": noise, "chessboard": chess} {
		if codes, err := NewEngine(Still).Decode(m); err != nil || len(codes) != 0 {
			t.Errorf("%s: %v, %v", name, codes, err)
		}
	}
}
