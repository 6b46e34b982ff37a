package camera

import (
	"fmt"
	"image"
	"math"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// ZXingPass is the first pass: zxing-cpp on the image as it is (ZXing's
// zero value: try harder, rotations, downscaling, inverted when nothing is
// found).
type ZXingPass struct{ ZXing ZXing }

// Name implements Pass.
func (ZXingPass) Name() string { return "zxing" }

// Decode implements Pass.
func (p ZXingPass) Decode(f *Frame) ([]canhcua.Code, error) { return p.ZXing.Decode(f.Gray) }

// shrunk returns gray made no larger than maxSide on its longer side (area
// interpolation) and the scale used; with scale 1 it is gray itself. release
// frees what shrunk made.
func shrunk(gray gocv.Mat, maxSide int) (m gocv.Mat, scale float64, release func()) {
	w, h := gray.Cols(), gray.Rows()
	scale = math.Min(1, float64(maxSide)/float64(max(w, h)))
	if scale >= 1 {
		return gray, 1, func() {}
	}
	m = gocv.NewMat()
	gocv.Resize(gray, &m, image.Pt(int(float64(w)*scale), int(float64(h)*scale)), 0, 0, gocv.InterpolationArea)
	return m, scale, func() { m.Close() }
}

// zxingOn decodes a gray 8-bit continuous Mat with zxing-cpp, no inverted pass.
func zxingOn(m gocv.Mat) ([]canhcua.Code, error) {
	return ZXing{NoInvert: true}.Decode(m)
}

// EqualizePass evens out contrast with CLAHE (contrast-limited adaptive
// histogram equalisation) before zxing-cpp: faded prints, dim screens, codes
// half in shadow.
type EqualizePass struct {
	Clip float64 // clip limit (0: 4)
	Grid int     // tiles across (0: 8)
}

// Name implements Pass.
func (EqualizePass) Name() string { return "clahe" }

// Decode implements Pass.
func (p EqualizePass) Decode(f *Frame) ([]canhcua.Code, error) {
	clip, grid := p.Clip, p.Grid
	if clip <= 0 {
		clip = 4
	}
	if grid <= 0 {
		grid = 8
	}
	cl := gocv.NewCLAHEWithParams(clip, image.Pt(grid, grid))
	defer cl.Close()
	eq := gocv.NewMat()
	defer eq.Close()
	cl.Apply(f.Gray, &eq)
	return zxingOn(eq)
}

// GlarePass normalises local contrast: each pixel is stretched between the
// local minimum and maximum around it (morphological erosion and dilation,
// smoothed). Glare and bright spots that wash a code out to a few grey levels,
// and shadows that darken half of it, become full black and white again.
type GlarePass struct {
	Frac float64 // window as a fraction of the longer side (0: 1/50)
}

// Name implements Pass.
func (GlarePass) Name() string { return "glare" }

// Decode implements Pass.
func (p GlarePass) Decode(f *Frame) ([]canhcua.Code, error) {
	frac := p.Frac
	if frac <= 0 {
		frac = 1.0 / 50
	}
	// At most 2000 px on the longer side: the result goes to zxing-cpp, which
	// looks at large images downscaled anyway.
	src, scale, release := shrunk(f.Gray, 2000)
	defer release()
	k := max(5, odd(int(frac*float64(max(src.Cols(), src.Rows())))))
	kern := gocv.GetStructuringElement(gocv.MorphRect, image.Pt(k, k))
	defer kern.Close()
	lo, hi := gocv.NewMat(), gocv.NewMat()
	defer lo.Close()
	defer hi.Close()
	gocv.Erode(src, &lo, kern)
	gocv.Dilate(src, &hi, kern)
	gocv.Blur(lo, &lo, image.Pt(k, k))
	gocv.Blur(hi, &hi, image.Pt(k, k))
	fs, fl, fh := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer fs.Close()
	defer fl.Close()
	defer fh.Close()
	src.ConvertTo(&fs, gocv.MatTypeCV32F)
	lo.ConvertTo(&fl, gocv.MatTypeCV32F)
	hi.ConvertTo(&fh, gocv.MatTypeCV32F)
	gocv.Subtract(fs, fl, &fs)
	gocv.Subtract(fh, fl, &fh)
	fh.AddFloat(6) // no division by zero; flat areas stay flat
	gocv.Divide(fs, fh, &fs)
	flat := gocv.NewMat()
	defer flat.Close()
	fs.ConvertToWithParams(&flat, gocv.MatTypeCV8U, 255, 0)
	codes, err := zxingOn(flat)
	return scaled(codes, 1/scale), err
}

// SharpenPass sharpens with an unsharp mask before zxing-cpp: blurred and
// out-of-focus codes.
type SharpenPass struct {
	Sigma  float64 // of the Gaussian, as a fraction of the longer side (0: 1/400)
	Amount float64 // 0: 1.5
}

// Name implements Pass.
func (SharpenPass) Name() string { return "sharpen" }

// Decode implements Pass.
func (p SharpenPass) Decode(f *Frame) ([]canhcua.Code, error) {
	sig, amt := p.Sigma, p.Amount
	if sig <= 0 {
		sig = 1.0 / 400
	}
	if amt <= 0 {
		amt = 1.5
	}
	s := math.Max(1, sig*float64(max(f.Gray.Cols(), f.Gray.Rows())))
	bl := gocv.NewMat()
	defer bl.Close()
	gocv.GaussianBlur(f.Gray, &bl, image.Pt(0, 0), s, s, gocv.BorderReplicate)
	sh := gocv.NewMat()
	defer sh.Close()
	gocv.AddWeighted(f.Gray, 1+amt, bl, -amt, 0, &sh)
	return zxingOn(sh)
}

// ThresholdPass binarises with OpenCV's adaptive (mean) threshold at several
// window sizes before zxing-cpp: uneven light, low contrast, noise.
type ThresholdPass struct {
	// Fracs are the window sizes as fractions of the longer side (nil: 1/12,
	// 1/30, 1/80).
	Fracs []float64
}

// Name implements Pass.
func (ThresholdPass) Name() string { return "threshold" }

// Decode implements Pass.
func (p ThresholdPass) Decode(f *Frame) ([]canhcua.Code, error) {
	fracs := p.Fracs
	if fracs == nil {
		fracs = []float64{1.0 / 12, 1.0 / 30, 1.0 / 80}
	}
	long := max(f.Gray.Cols(), f.Gray.Rows())
	bin := gocv.NewMat()
	defer bin.Close()
	var all []canhcua.Code
	for _, fr := range fracs {
		b := max(11, odd(int(fr*float64(long))))
		gocv.AdaptiveThreshold(f.Gray, &bin, 255, gocv.AdaptiveThresholdMean, gocv.ThresholdBinary, b, 5)
		codes, err := zxingOn(bin)
		if err != nil {
			return all, err
		}
		for _, c := range codes {
			add(&all, c)
		}
	}
	return all, nil
}

// ScalePass runs zxing-cpp on resized copies: up for small or dense codes
// (up to a size bound), down for codes too large or too noisy at full size.
type ScalePass struct {
	Factors []float64 // nil: 2, 0.5, 0.25 (each only where the result is 200..4000 px long)
}

// Name implements Pass.
func (ScalePass) Name() string { return "scale" }

// Decode implements Pass.
func (p ScalePass) Decode(f *Frame) ([]canhcua.Code, error) {
	fs := p.Factors
	if fs == nil {
		fs = []float64{2, 0.5, 0.25}
	}
	w, h := f.Gray.Cols(), f.Gray.Rows()
	m := gocv.NewMat()
	defer m.Close()
	var all []canhcua.Code
	for _, s := range fs {
		long := s * float64(max(w, h))
		if long < 200 || long > 4000 {
			continue
		}
		interp := gocv.InterpolationArea
		if s > 1 {
			interp = gocv.InterpolationCubic
		}
		gocv.Resize(f.Gray, &m, image.Pt(int(float64(w)*s), int(float64(h)*s)), 0, 0, interp)
		codes, err := zxingOn(m)
		if err != nil {
			return all, err
		}
		for _, c := range scaled(codes, 1/s) {
			add(&all, c)
		}
	}
	return all, nil
}

// SmoothPass reads creased, scratched and scraped codes: the photo shrunk to
// a few hundred pixels and smoothed with a small Gaussian, so that marks
// smaller than a module fade into it, then read by zxing-cpp with its global
// histogram binarizer (one threshold for the whole picture, which the
// shading of creases fools less than a local one).
type SmoothPass struct {
	Sides []int // longer sides tried (nil: 600, 400), each only below the photo's
}

// Name implements Pass.
func (SmoothPass) Name() string { return "smooth" }

// Decode implements Pass.
func (p SmoothPass) Decode(f *Frame) ([]canhcua.Code, error) {
	sides := p.Sides
	if sides == nil {
		sides = []int{600, 400}
	}
	var all []canhcua.Code
	for _, side := range sides {
		if side >= max(f.Gray.Cols(), f.Gray.Rows()) {
			continue
		}
		m, s, release := shrunk(f.Gray, side)
		sm := gocv.NewMat()
		gocv.GaussianBlur(m, &sm, image.Pt(3, 3), 0, 0, gocv.BorderReplicate)
		release()
		codes, err := ZXing{NoInvert: true, Binarizer: 1}.Decode(sm)
		sm.Close()
		if err != nil {
			return all, err
		}
		for _, c := range scaled(codes, 1/s) {
			add(&all, c)
		}
	}
	return all, nil
}

// RegionPass crops every candidate outline that OpenCV's QRCodeDetector finds
// (and no earlier pass read), rectifies it by a perspective warp to an
// upright square with a quiet zone, and decodes it alone with zxing-cpp.
type RegionPass struct {
	Max int // candidates tried (0: 8)
}

// Name implements Pass.
func (RegionPass) Name() string { return "regions" }

// Decode implements Pass.
func (p RegionPass) Decode(f *Frame) ([]canhcua.Code, error) {
	n := p.Max
	if n <= 0 {
		n = 8
	}
	var all []canhcua.Code
	for i, q := range f.Open() {
		if i >= n {
			break
		}
		side := int(math.Min(1200, math.Max(300, 1.5*q.Side())))
		for _, inv := range []bool{false, true} {
			codes, err := readQuad(f.Gray, q, side, side/6, inv)
			if err != nil {
				return all, err
			}
			for _, c := range codes {
				add(&all, c)
			}
			if len(codes) > 0 {
				break
			}
		}
	}
	return all, nil
}

// scaled multiplies a code's corners by s.
func scaled(codes []canhcua.Code, s float64) []canhcua.Code {
	if s == 1 {
		return codes
	}
	for i := range codes {
		for k := range codes[i].Points {
			codes[i].Points[k].X = int(math.Round(float64(codes[i].Points[k].X) * s))
			codes[i].Points[k].Y = int(math.Round(float64(codes[i].Points[k].Y) * s))
		}
	}
	return codes
}

// odd returns n, or n+1 when n is even.
func odd(n int) int {
	if n%2 == 0 {
		return n + 1
	}
	return n
}

func grayBytes(m gocv.Mat) ([]byte, error) {
	if m.Type() != gocv.MatTypeCV8UC1 || !m.IsContinuous() {
		return nil, fmt.Errorf("want a continuous 8-bit gray image, have type %v", m.Type())
	}
	return m.DataPtrUint8()
}
