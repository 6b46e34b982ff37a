package camera

import (
	"image"
	"image/color"
	"math"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
	"gocv.io/x/gocv"
)

// qrMat renders text as a QR code, px pixels per module, as a gray Mat.
func qrMat(t testing.TB, text string, px int) gocv.Mat {
	t.Helper()
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	bits := q.Bitmap()
	n := len(bits)
	m := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(255, 0, 0, 0), n*px, n*px, gocv.MatTypeCV8UC1)
	for y, row := range bits {
		for x, on := range row {
			if on {
				gocv.Rectangle(&m, image.Rect(x*px, y*px, (x+1)*px, (y+1)*px), color.RGBA{0, 0, 0, 0}, -1)
			}
		}
	}
	return m
}

// place warps a code onto a canvas so its corners land on quad; it returns
// the canvas coordinates of the code's centre.
func place(canvas *gocv.Mat, code gocv.Mat, quad [4]gocv.Point2f) {
	w, h := float32(code.Cols()), float32(code.Rows())
	src := gocv.NewPoint2fVectorFromPoints([]gocv.Point2f{{X: 0, Y: 0}, {X: w, Y: 0}, {X: w, Y: h}, {X: 0, Y: h}})
	defer src.Close()
	dst := gocv.NewPoint2fVectorFromPoints(quad[:])
	defer dst.Close()
	m := gocv.GetPerspectiveTransform2f(src, dst)
	defer m.Close()
	gocv.WarpPerspectiveWithParams(code, canvas, m, image.Pt(canvas.Cols(), canvas.Rows()), gocv.InterpolationLinear, gocv.BorderTransparent, color.RGBA{})
}

func rotatedSquare(cx, cy, side, deg float64) [4]gocv.Point2f {
	a := deg * math.Pi / 180
	h := side / 2
	var q [4]gocv.Point2f
	for i, c := range [4][2]float64{{-h, -h}, {h, -h}, {h, h}, {-h, h}} {
		q[i] = gocv.Point2f{X: float32(cx + c[0]*math.Cos(a) - c[1]*math.Sin(a)), Y: float32(cy + c[0]*math.Sin(a) + c[1]*math.Cos(a))}
	}
	return q
}

func TestZXingDecodesGeneratedCode(t *testing.T) {
	const text = "001090001234|012345678|Nguyễn Văn An|15031990|Nam|Số 12 Hàng Bài, Hoàn Kiếm, Hà Nội|10052021"
	m := qrMat(t, text, 4)
	defer m.Close()
	codes, err := ZXing{}.Decode(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 1 {
		t.Fatalf("got %d codes, want 1", len(codes))
	}
	if codes[0].Text != text {
		t.Errorf("text = %q, want %q", codes[0].Text, text)
	}
	if string(codes[0].Bytes) != text {
		t.Errorf("bytes = %q, want the UTF-8 of the text", codes[0].Bytes)
	}
}

// TestZXingReadsInvertedCodes: light-on-dark codes (a phone in dark mode).
func TestZXingReadsInvertedCodes(t *testing.T) {
	m := qrMat(t, "Chế độ tối", 5)
	defer m.Close()
	gocv.BitwiseNot(m, &m)
	codes, err := ZXing{}.Decode(m)
	if err != nil || len(codes) != 1 || codes[0].Text != "Chế độ tối" {
		t.Fatalf("inverted code: %v, %v", codes, err)
	}
	if codes, _ := (ZXing{NoInvert: true}).Decode(m); len(codes) != 0 {
		t.Errorf("without the inverted pass the code was still read: the test proves nothing")
	}
}
