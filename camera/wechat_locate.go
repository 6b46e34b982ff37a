package camera

import (
	"image"
	"math"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// cornersIn looks for the corners of c, a code the WeChat detector read in
// the tile r of gray (which may reach a little past the code), now that its
// text is known to be there: zxing-cpp on the tile (as it is, enlarged when
// small, contrast-equalised), then the outlines OpenCV's QRCodeDetector finds
// in the tile at full resolution, each rectified and read by zxing-cpp or,
// failing that, taken when the WeChat detector reads c's text around it
// alone. It returns c with those corners (and zxing-cpp's raw bytes when
// zxing-cpp read it), in gray's coordinates.
func cornersIn(gray gocv.Mat, r image.Rectangle, c canhcua.Code) (canhcua.Code, bool) {
	bounds := image.Rect(0, 0, gray.Cols(), gray.Rows())
	g := max(r.Dx(), r.Dy()) / 8
	r = r.Inset(-g).Intersect(bounds)
	if r.Dx() < 21 || r.Dy() < 21 {
		return c, false
	}
	roi := gray.Region(r)
	crop := roi.Clone()
	roi.Close()
	defer crop.Close()
	if z, ok := zxingReadsIn(crop, c.Text); ok {
		return shifted(located(c, z), r.Min), true
	}
	for _, multi := range []bool{true, false} {
		for _, q := range detectQuads(crop, 0, multi) {
			for k := range q {
				q[k].X += float64(r.Min.X)
				q[k].Y += float64(r.Min.Y)
			}
			side := int(math.Min(1200, math.Max(300, 1.5*q.Side())))
			for _, inv := range []bool{false, true} {
				codes, _ := readQuad(gray, q, side, side/6, inv)
				if z, ok := withText(codes, c.Text); ok {
					return located(c, z), true
				}
			}
			if wechatReadsIn(gray, q.Bounds(0.25, bounds), c.Text) {
				for k, p := range q {
					c.Points[k] = canhcua.Point{X: int(math.Round(p.X)), Y: int(math.Round(p.Y))}
				}
				c.Approximate = false
				return c, true
			}
		}
	}
	return c, false
}

// zxingReadsIn reads m with zxing-cpp as it is, twice as large when it is
// small, and contrast-equalised, until a code of text is read; its corners
// are in m's coordinates.
func zxingReadsIn(m gocv.Mat, text string) (canhcua.Code, bool) {
	codes, _ := ZXing{}.Decode(m)
	if z, ok := withText(codes, text); ok {
		return z, true
	}
	if max(m.Cols(), m.Rows()) < 1000 {
		big := gocv.NewMat()
		defer big.Close()
		gocv.Resize(m, &big, image.Pt(2*m.Cols(), 2*m.Rows()), 0, 0, gocv.InterpolationCubic)
		codes, _ := ZXing{}.Decode(big)
		if z, ok := withText(scaled(codes, 0.5), text); ok {
			return z, true
		}
	}
	codes, _ = EqualizePass{}.Decode(&Frame{Gray: m})
	return withText(codes, text)
}

// withText returns the code of codes whose text (or raw bytes, which the
// WeChat detector gives as its text) is text.
func withText(codes []canhcua.Code, text string) (canhcua.Code, bool) {
	for _, z := range codes {
		if z.Text == text || string(z.Bytes) == text {
			return z, true
		}
	}
	return canhcua.Code{}, false
}

// located is c with z's corners and raw bytes: z is c read by zxing-cpp.
func located(c, z canhcua.Code) canhcua.Code {
	c.Points, c.Approximate = z.Points, false
	if len(z.Bytes) > 0 {
		c.Bytes = z.Bytes
	}
	return c
}

// scaledRect multiplies r by s, rounding outwards.
func scaledRect(r image.Rectangle, s float64) image.Rectangle {
	return image.Rect(int(math.Floor(float64(r.Min.X)*s)), int(math.Floor(float64(r.Min.Y)*s)),
		int(math.Ceil(float64(r.Max.X)*s)), int(math.Ceil(float64(r.Max.Y)*s)))
}
