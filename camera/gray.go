package camera

import "image"

// lumaOf returns a YCbCr image's luma plane as a gray image (a copy, rows
// packed): JPEG photos are YCbCr, and their Y plane is the gray image
// (0.299 R + 0.587 G + 0.114 B, as color.GrayModel computes it) without
// converting every pixel to RGB and back, which takes about a second for a
// 12-megapixel photo.
func lumaOf(img image.Image) (*image.Gray, bool) {
	yc, ok := img.(*image.YCbCr)
	if !ok {
		return nil, false
	}
	b := yc.Rect
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		off := yc.YOffset(b.Min.X, b.Min.Y+y)
		copy(g.Pix[y*g.Stride:y*g.Stride+b.Dx()], yc.Y[off:off+b.Dx()])
	}
	return g, true
}
