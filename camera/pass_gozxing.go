package camera

import (
	"errors"
	"math"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"

	"github.com/canhcua/canhcua"
)

// GoZXingPass is a third opinion: gozxing, the pure Go port of Java ZXing,
// with its multi-code reader. Its finder-pattern search differs from
// zxing-cpp's and reads many codes in photos of several codes.
type GoZXingPass struct {
	// MaxSide shrinks larger images to this longer side first (0: 2400).
	MaxSide int
}

// Name implements Pass.
func (GoZXingPass) Name() string { return "gozxing" }

// Decode implements Pass.
func (p GoZXingPass) Decode(f *Frame) ([]canhcua.Code, error) {
	ms := p.MaxSide
	if ms <= 0 {
		ms = 2400
	}
	m, s, release := shrunk(f.Gray, ms)
	defer release()
	pix, err := grayBytes(m)
	if err != nil {
		return nil, err
	}
	// The gray bytes are the luminance gozxing wants: a planar YUV source
	// takes them as they are (NewLuminanceSourceFromImage computes the same
	// bytes pixel by pixel through image.Image, some 30 ms on 12 megapixels).
	src, err := gozxing.NewPlanarYUVLuminanceSource(pix, m.Cols(), m.Rows(), 0, 0, m.Cols(), m.Rows(), false)
	if err != nil {
		return nil, err
	}
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(src))
	if err != nil {
		return nil, err
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	rs, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints)
	if err != nil {
		var nf gozxing.NotFoundException
		if errors.As(err, &nf) {
			return nil, nil
		}
		return nil, nil // checksum and format errors: nothing read
	}
	codes := make([]canhcua.Code, 0, len(rs))
	for _, r := range rs {
		c := canhcua.Code{Text: r.GetText(), Bytes: r.GetRawBytes()}
		c.Points = finderCorners(r.GetResultPoints())
		codes = append(codes, c)
	}
	return scaled(codes, 1/s), nil
}

// finderCorners turns gozxing's result points (bottom-left, top-left,
// top-right finder centres) into four corners whose mean is the code's centre.
func finderCorners(pts []gozxing.ResultPoint) [4]canhcua.Point {
	var out [4]canhcua.Point
	if len(pts) < 3 {
		for k := range out {
			if len(pts) > 0 {
				out[k] = canhcua.Point{X: int(pts[0].GetX()), Y: int(pts[0].GetY())}
			}
		}
		return out
	}
	bl, tl, tr := pts[0], pts[1], pts[2]
	br := [2]float64{tr.GetX() + bl.GetX() - tl.GetX(), tr.GetY() + bl.GetY() - tl.GetY()}
	out[0] = canhcua.Point{X: int(math.Round(tl.GetX())), Y: int(math.Round(tl.GetY()))}
	out[1] = canhcua.Point{X: int(math.Round(tr.GetX())), Y: int(math.Round(tr.GetY()))}
	out[2] = canhcua.Point{X: int(math.Round(br[0])), Y: int(math.Round(br[1]))}
	out[3] = canhcua.Point{X: int(math.Round(bl.GetX())), Y: int(math.Round(bl.GetY()))}
	return out
}
