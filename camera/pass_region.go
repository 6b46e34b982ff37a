package camera

// #include <stdlib.h>
// #include "zxing_shim.h"
import "C"

import (
	"unsafe"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// detectQuads runs OpenCV's QRCodeDetector (detection only) on m shrunk to
// maxSide, several codes at once with multi.
func detectQuads(m gocv.Mat, maxSide int, multi bool) []Quad {
	pix, err := grayBytes(m)
	if err != nil {
		return nil
	}
	const most = 16
	var buf [most * 8]C.float
	mi := 0
	if multi {
		mi = 1
	}
	n := int(C.cc_detect((*C.uint8_t)(unsafe.Pointer(&pix[0])), C.int(m.Cols()), C.int(m.Rows()), C.int(m.Cols()), C.int(maxSide), C.int(mi), &buf[0], most))
	qs := make([]Quad, 0, n)
	for i := 0; i < n; i++ {
		var q Quad
		for k := 0; k < 4; k++ {
			q[k] = Pointf{X: float64(buf[8*i+2*k]), Y: float64(buf[8*i+2*k+1])}
		}
		qs = append(qs, q)
	}
	return qs
}

// readQuad rectifies q of m to a side-pixel square with margin pixels of
// quiet zone and decodes it with zxing-cpp (inverted first with inv).
func readQuad(m gocv.Mat, q Quad, side, margin int, inv bool) ([]canhcua.Code, error) {
	src := m
	if inv {
		src = gocv.NewMat()
		defer src.Close()
		gocv.BitwiseNot(m, &src)
	}
	pix, err := grayBytes(src)
	if err != nil {
		return nil, err
	}
	var quad [8]C.float
	for k, p := range q {
		quad[2*k], quad[2*k+1] = C.float(p.X), C.float(p.Y)
	}
	var out *C.cc_code
	var cerr *C.char
	n := C.cc_read_quad((*C.uint8_t)(unsafe.Pointer(&pix[0])), C.int(src.Cols()), C.int(src.Rows()), C.int(src.Cols()), &quad[0], C.int(side), C.int(margin), ZXing{}.opts(), &out, &cerr)
	return takeCodes(out, n, cerr, "zxing-cpp")
}
