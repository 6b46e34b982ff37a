package camera

// #include <stdlib.h>
// #include "wechat_shim.h"
import "C"

import (
	"image"
	"math"
	"unsafe"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// WeChatPass is a second opinion: OpenCV's WeChat QR code detector
// (opencv_contrib wechat_qrcode) through canhcua's own shim, without its CNN
// model files. It finds finder patterns its own way and reads many codes
// zxing-cpp does not (bent, damaged, pathological ones).
//
// Without its detection model the WeChat detector reports the whole image as
// every code's outline, so the pass locates each code it read itself: the
// outline of the same text read by an earlier pass, else a QRCodeDetector
// candidate whose crop WeChat reads the text in, else the smallest of nested
// tiles (60% of the side, three levels) in which WeChat still reads it, and
// within that tile the code's own corners (wechat_locate.go). A code whose
// corners are not found there is reported with the tile as its outline and
// Approximate set: a region searched, not the code's corners.
type WeChatPass struct {
	// MaxSide shrinks larger images to this longer side first (0: 2000).
	MaxSide int

	tileOnly bool // tests: locate by the nested tiles alone, as when no candidate is read and no corners are found
}

// Name implements Pass.
func (WeChatPass) Name() string { return "wechat" }

// Decode implements Pass.
func (p WeChatPass) Decode(f *Frame) ([]canhcua.Code, error) {
	ms := p.MaxSide
	if ms <= 0 {
		ms = 2000
	}
	m, s, release := shrunk(f.Gray, ms)
	defer release()
	codes, err := wechatRead(m)
	if err != nil || len(codes) == 0 {
		return nil, err
	}
	full := image.Rect(0, 0, m.Cols(), m.Rows())
	out := codes[:0]
	for _, c := range codes {
		if o, ok := foundAt(f.Found, c.Text); ok && !o.Approximate {
			c.Points = o.Points
			out = append(out, c)
			continue
		}
		c.Points = rectPoints(full)
		located := false
		for _, q := range f.Open() {
			if p.tileOnly {
				break
			}
			var sq Quad
			for k, pt := range q {
				sq[k] = Pointf{X: pt.X * s, Y: pt.Y * s}
			}
			if wechatReadsIn(m, sq.Bounds(0.25, full), c.Text) {
				for k, pt := range q {
					c.Points[k] = canhcua.Point{X: int(math.Round(pt.X * s)), Y: int(math.Round(pt.Y * s))}
				}
				located = true
				break
			}
		}
		if located {
			out = append(out, scaled([]canhcua.Code{c}, 1/s)[0])
			continue
		}
		tile := wechatLocate(m, full, c.Text, 3)
		if !p.tileOnly {
			if pc, ok := cornersIn(f.Gray, scaledRect(tile, 1/s), c); ok {
				out = append(out, pc)
				continue
			}
		}
		c.Points = rectPoints(tile)
		c.Approximate = true
		out = append(out, scaled([]canhcua.Code{c}, 1/s)[0])
	}
	return out, nil
}

// foundAt returns a code of the given text among codes.
func foundAt(codes []canhcua.Code, text string) (canhcua.Code, bool) {
	for _, c := range codes {
		if c.Text == text {
			return c, true
		}
	}
	return canhcua.Code{}, false
}

// wechatLocate narrows r down to the smallest nested tile of m in which the
// WeChat detector still reads text, depth levels at most.
func wechatLocate(m gocv.Mat, r image.Rectangle, text string, depth int) image.Rectangle {
	for ; depth > 0; depth-- {
		w, h := r.Dx()*6/10, r.Dy()*6/10
		if w < 48 || h < 48 {
			break
		}
		var found bool
		for _, o := range []image.Point{
			{(r.Dx() - w) / 2, (r.Dy() - h) / 2},
			{0, 0}, {r.Dx() - w, 0}, {0, r.Dy() - h}, {r.Dx() - w, r.Dy() - h},
		} {
			t := image.Rect(0, 0, w, h).Add(r.Min).Add(o)
			if wechatReadsIn(m, t, text) {
				r, found = t, true
				break
			}
		}
		if !found {
			break
		}
	}
	return r
}

// wechatReadsIn says whether the WeChat detector reads text in the r crop of m.
func wechatReadsIn(m gocv.Mat, r image.Rectangle, text string) bool {
	r = r.Intersect(image.Rect(0, 0, m.Cols(), m.Rows()))
	if r.Dx() < 21 || r.Dy() < 21 {
		return false
	}
	roi := m.Region(r)
	crop := roi.Clone()
	roi.Close()
	defer crop.Close()
	codes, _ := wechatRead(crop)
	_, ok := foundAt(codes, text)
	return ok
}

func rectPoints(r image.Rectangle) [4]canhcua.Point {
	return [4]canhcua.Point{{X: r.Min.X, Y: r.Min.Y}, {X: r.Max.X - 1, Y: r.Min.Y}, {X: r.Max.X - 1, Y: r.Max.Y - 1}, {X: r.Min.X, Y: r.Max.Y - 1}}
}

func wechatRead(m gocv.Mat) ([]canhcua.Code, error) {
	pix, err := grayBytes(m)
	if err != nil {
		return nil, err
	}
	var out *C.cc_code
	var cerr *C.char
	n := C.cc_wechat_read((*C.uint8_t)(unsafe.Pointer(&pix[0])), C.int(m.Cols()), C.int(m.Rows()), C.int(m.Cols()), &out, &cerr)
	return takeCodes(out, n, cerr, "wechat")
}
