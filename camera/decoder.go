package camera

// #cgo CXXFLAGS: -std=c++17 -O2
// #cgo pkg-config: zxing opencv4 libavutil
// #include <stdlib.h>
// #include "zxing_shim.h"
import "C"

import (
	"errors"
	"fmt"
	"image"
	"unsafe"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

func init() {
	// OpenCV and FFmpeg log warnings (a file they cannot open, a backend
	// skipped, a damaged frame) to the terminal; canhcua reports errors itself.
	C.cc_quiet()
}

// A Decoder finds and decodes every QR code in a frame. Decode must not keep
// img after it returns.
type Decoder interface {
	Decode(img gocv.Mat) ([]canhcua.Code, error)
}

// ZXing decodes QR codes with zxing-cpp, through canhcua's own C++ shim.
// OpenCV converts colour frames to gray first. The zero value is ready to use
// and tries hard (rotations, downscaling of large images).
type ZXing struct {
	// Fast turns off zxing-cpp's slower searches (tryHarder, rotation).
	Fast bool
	// Pure says the image holds one code and nothing else (generated images).
	Pure bool
	// Binarizer selects zxing-cpp's binarizer: 0 local average (default),
	// 1 global histogram.
	Binarizer int
	// NoInvert turns off the second pass on the inverted image, which reads
	// light-on-dark codes (phones in dark mode) when the first pass finds
	// nothing.
	NoInvert bool
}

// ErrEmptyImage is returned for an image with no pixels.
var ErrEmptyImage = errors.New("empty image")

// Decode implements Decoder.
func (z ZXing) Decode(img gocv.Mat) ([]canhcua.Code, error) {
	if img.Empty() {
		return nil, ErrEmptyImage
	}
	gray := img
	if img.Channels() != 1 || img.Type() != gocv.MatTypeCV8UC1 || !img.IsContinuous() {
		gray = gocv.NewMat()
		defer gray.Close()
		if err := toGray(img, &gray); err != nil {
			return nil, err
		}
	}
	b, err := gray.DataPtrUint8()
	if err != nil {
		return nil, fmt.Errorf("gray image: %w", err)
	}
	codes, err := z.decodeGray(b, gray.Cols(), gray.Rows(), gray.Cols())
	if len(codes) > 0 || err != nil || z.NoInvert {
		return codes, err
	}
	inv := gocv.NewMat()
	defer inv.Close()
	gocv.BitwiseNot(gray, &inv)
	if b, err = inv.DataPtrUint8(); err != nil {
		return nil, fmt.Errorf("inverted image: %w", err)
	}
	return z.decodeGray(b, inv.Cols(), inv.Rows(), inv.Cols())
}

// DecodeGray decodes an 8-bit gray image held in pix, stride bytes per row.
func (z ZXing) DecodeGray(pix []byte, width, height, stride int) ([]canhcua.Code, error) {
	if width <= 0 || height <= 0 || stride < width || len(pix) < stride*(height-1)+width {
		return nil, ErrEmptyImage
	}
	return z.decodeGray(pix, width, height, stride)
}

// opts returns the zxing-cpp options for z.
func (z ZXing) opts() C.cc_opts {
	opts := C.cc_opts{
		try_harder:    1,
		try_rotate:    1,
		try_downscale: 1,
		binarizer:     C.int(z.Binarizer),
	}
	if z.Fast {
		opts.try_harder, opts.try_rotate = 0, 0
	}
	if z.Pure {
		opts.is_pure = 1
	}
	return opts
}

func (z ZXing) decodeGray(pix []byte, width, height, stride int) ([]canhcua.Code, error) {
	var out *C.cc_code
	var cerr *C.char
	n := C.cc_read((*C.uint8_t)(unsafe.Pointer(&pix[0])), C.int(width), C.int(height), C.int(stride), z.opts(), &out, &cerr)
	return takeCodes(out, n, cerr, "zxing-cpp")
}

// takeCodes converts what a shim call returned into codes and frees it.
func takeCodes(out *C.cc_code, n C.int, cerr *C.char, who string) ([]canhcua.Code, error) {
	if n < 0 {
		msg := C.GoString(cerr)
		C.free(unsafe.Pointer(cerr))
		return nil, fmt.Errorf("%s: %s", who, msg)
	}
	if n == 0 {
		return nil, nil
	}
	defer C.cc_free(out, n)
	raw := unsafe.Slice(out, int(n))
	codes := make([]canhcua.Code, 0, int(n))
	for _, r := range raw {
		c := canhcua.Code{
			Text:  C.GoStringN(r.text, r.text_len),
			Bytes: C.GoBytes(unsafe.Pointer(r.bytes), r.bytes_len),
		}
		for k := 0; k < 4; k++ {
			c.Points[k] = canhcua.Point{X: int(r.pts[2*k]), Y: int(r.pts[2*k+1])}
		}
		codes = append(codes, c)
	}
	return codes, nil
}

// toGray converts a BGR, BGRA or gray image of any depth to 8-bit gray.
func toGray(src gocv.Mat, dst *gocv.Mat) error {
	switch src.Channels() {
	case 1:
		src.CopyTo(dst)
	case 3:
		gocv.CvtColor(src, dst, gocv.ColorBGRToGray)
	case 4:
		gocv.CvtColor(src, dst, gocv.ColorBGRAToGray)
	default:
		return fmt.Errorf("unsupported image with %d channels", src.Channels())
	}
	if dst.Type() != gocv.MatTypeCV8UC1 {
		dst.ConvertTo(dst, gocv.MatTypeCV8UC1)
	}
	return nil
}

// size returns a Mat's size as an image.Point.
func size(m gocv.Mat) image.Point { return image.Pt(m.Cols(), m.Rows()) }
