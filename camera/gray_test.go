package camera

import (
	"image"
	"image/draw"
	"math/rand"
	"testing"
)

// A YCbCr photo's gray image is its luma plane, the same (within rounding)
// as converting every pixel through RGB (and as OpenCV reads a JPEG in
// gray), for every chroma subsampling and a
// sub-image that does not start at the origin.
func TestLumaOfYCbCr(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, sr := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420} {
		full := image.NewYCbCr(image.Rect(0, 0, 67, 45), sr)
		// Colours that stay within RGB's range: luma 40..215, chroma
		// 100..156 (a clipped colour loses luma through RGB).
		for i := range full.Y {
			full.Y[i] = byte(40 + rng.Intn(176))
		}
		for _, p := range [][]byte{full.Cb, full.Cr} {
			for i := range p {
				p[i] = byte(100 + rng.Intn(57))
			}
		}
		img := full.SubImage(image.Rect(3, 5, 60, 41)).(*image.YCbCr)
		g, ok := lumaOf(img)
		if !ok {
			t.Fatal("not taken as YCbCr")
		}
		want := image.NewGray(image.Rect(0, 0, img.Rect.Dx(), img.Rect.Dy()))
		draw.Draw(want, want.Bounds(), img, img.Rect.Min, draw.Src)
		for i := range want.Pix {
			if d := int(g.Pix[i]) - int(want.Pix[i]); d < -2 || d > 2 {
				t.Fatalf("%v: pixel %d: luma %d, through RGB %d", sr, i, g.Pix[i], want.Pix[i])
			}
		}
	}
}
