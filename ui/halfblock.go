package ui

import (
	"bytes"
	"image"
	"image/color"
	"strconv"
	"strings"

	"github.com/muesli/termenv"
)

// Drawing a picture in the terminal with Unicode half blocks: each cell is
// "▀", its foreground the upper pixel and its background the lower one, so a
// cell shows two pixels one above the other. A terminal cell is about twice
// as tall as it is wide, which makes those pixels square. Pure computation,
// no I/O: the caller reads and decodes the picture (in a tea.Cmd) and may
// call this from View.
//
// How colours are written follows the terminal's colour profile:
//   - TrueColor: 24-bit colours;
//   - ANSI256: the nearest of the 256-colour palette;
//   - ANSI (16 colours): plain grey, four levels (black, dark grey, grey,
//     white), which reads better than the nearest of 16 colours;
//   - Ascii (no colour at all): plain grey as shade characters " ░▒▓█", one
//     level per cell (the mean of its two pixels), bright meaning light.

const (
	upperHalf = "▀"
	csi       = "\x1b["
	sgrReset  = csi + "0m"
)

// shades are the grey levels of a picture drawn without colours, dark to
// light.
var shades = []string{" ", "░", "▒", "▓", "█"}

// halfBlockSize is the size of img drawn within cols×rows cells, keeping its
// aspect ratio: w cells wide and h pixels high (h/2 cells, rounded up). It
// is 0×0 when nothing fits or img is empty.
func halfBlockSize(img image.Rectangle, cols, rows int) (w, h int) {
	iw, ih := img.Dx(), img.Dy()
	if iw <= 0 || ih <= 0 || cols <= 0 || rows <= 0 {
		return 0, 0
	}
	// Fit the width first, then the height (2 pixels a row).
	w, h = cols, (ih*cols+iw/2)/iw
	if h > 2*rows {
		h = 2 * rows
		w = (iw*h + ih/2) / ih
	}
	return max(w, 1), max(h, 1)
}

// halfBlocks draws img scaled to fit within cols×rows cells (halfBlockSize),
// in colour profile p. It returns one line per row, each w cells wide; nil
// when nothing fits or there is no image. Every line ends with the colours reset.
func halfBlocks(img image.Image, cols, rows int, p termenv.Profile) []string {
	if img == nil {
		return nil
	}
	w, h := halfBlockSize(img.Bounds(), cols, rows)
	if w == 0 {
		return nil
	}
	return drawHalfBlocks(sample(img, w, h), nil, w, h, p)
}

// Marks of a pixel drawn: an outline of the camera's preview passes there.
// Without colours (or with only the basic ones) a cell with a mark is drawn
// as its sign, '#' read (green when there are colours) or '?' seen (yellow),
// rather than as a grey the outline would vanish in.
const (
	markNone uint8 = iota
	markSeen
	markRead
)

// markSigns are the sign and basic colour (SGR) of each mark.
var markSigns = [...]struct{ sign, sgr string }{markSeen: {"?", "33"}, markRead: {"#", "32"}}

// drawHalfBlocks draws the w×h pixels px (row-major), one line per two rows,
// in profile p; marks, when not nil, holds a mark per pixel (markNone, …).
func drawHalfBlocks(px []color.RGBA, marks []uint8, w, h int, p termenv.Profile) []string {
	lines := make([]string, 0, (h+1)/2)
	var b strings.Builder
	for y := 0; y < h; y += 2 {
		b.Reset()
		top := px[y*w : (y+1)*w]
		var bottom []color.RGBA // nil: an odd last row, the terminal's background below
		if y+1 < h {
			bottom = px[(y+1)*w : (y+2)*w]
		}
		var mark func(x int) uint8
		if marks != nil && (p == termenv.Ascii || p == termenv.ANSI) {
			mark = func(x int) uint8 {
				m := marks[y*w+x]
				if y+1 < h {
					m = max(m, marks[(y+1)*w+x])
				}
				return m
			}
		}
		if p == termenv.Ascii {
			asciiRow(&b, top, bottom, mark)
		} else {
			colourRow(&b, top, bottom, p, mark)
		}
		lines = append(lines, b.String())
	}
	return lines
}

// colourRow writes a row of half blocks, an SGR sequence only where the
// colours change; a cell with a mark (mark not nil) is its sign in its
// basic colour.
func colourRow(b *strings.Builder, top, bottom []color.RGBA, p termenv.Profile, mark func(x int) uint8) {
	var lastFg, lastBg, fg, bg []byte
	fresh := true // no colours set yet on this row, or reset by a mark
	for x := range top {
		if mark != nil {
			if m := mark(x); m != markNone {
				b.WriteString(csi + "0;" + markSigns[m].sgr + "m" + markSigns[m].sign)
				fresh = true
				continue
			}
		}
		fg = colourSeq(fg[:0], top[x], p, false)
		bg = bg[:0]
		if bottom != nil {
			bg = colourSeq(bg, bottom[x], p, true)
		}
		if fresh || !bytes.Equal(fg, lastFg) || !bytes.Equal(bg, lastBg) {
			b.WriteString(csi)
			b.Write(fg)
			if len(bg) > 0 {
				b.WriteByte(';')
				b.Write(bg)
			} else if len(lastBg) > 0 {
				b.WriteString(";49") // the lower half back to the terminal's background
			}
			b.WriteByte('m')
			lastFg, lastBg = append(lastFg[:0], fg...), append(lastBg[:0], bg...)
			fresh = false
		}
		b.WriteString(upperHalf)
	}
	b.WriteString(sgrReset)
}

// colourSeq appends the SGR parameters that set c as the foreground (or
// background) in profile p: 24-bit (TrueColor), the nearest of the 256
// colours (ANSI256), or one of four greys (ANSI).
func colourSeq(dst []byte, c color.RGBA, p termenv.Profile, bg bool) []byte {
	switch p {
	case termenv.TrueColor:
		dst = append(dst, "38;2;"...)
		if bg {
			dst[0] = '4'
		}
		dst = strconv.AppendUint(dst, uint64(c.R), 10)
		dst = append(dst, ';')
		dst = strconv.AppendUint(dst, uint64(c.G), 10)
		dst = append(dst, ';')
		return strconv.AppendUint(dst, uint64(c.B), 10)
	case termenv.ANSI256:
		dst = append(dst, "38;5;"...)
		if bg {
			dst[0] = '4'
		}
		return strconv.AppendUint(dst, uint64(xterm256(c)), 10)
	}
	// Black, dark grey, grey, white: SGR 30, 90, 37, 97 (backgrounds +10).
	codes := [...]uint64{30, 90, 37, 97}
	code := codes[min(int(luma(c))*len(codes)/256, len(codes)-1)]
	if bg {
		code += 10
	}
	return strconv.AppendUint(dst, code, 10)
}

// cubeLevels are the values of the 6×6×6 colour cube of the 256 colours.
var cubeLevels = [6]int{0, 95, 135, 175, 215, 255}

// xterm256 is the nearest of the 256 colours to c: the nearest colour of the
// 6×6×6 cube (16–231) or of the grey ramp (232–255), whichever is nearer.
func xterm256(c color.RGBA) int {
	r, g, b := int(c.R), int(c.G), int(c.B)
	level := func(v int) int {
		switch {
		case v < 48:
			return 0
		case v < 115:
			return 1
		}
		return (v - 35) / 40
	}
	lr, lg, lb := level(r), level(g), level(b)
	cube := 16 + 36*lr + 6*lg + lb
	cr, cg, cb := cubeLevels[lr], cubeLevels[lg], cubeLevels[lb]
	grey := min(max((r+g+b)/3-3, 0)/10, 23)
	gv := 8 + 10*grey
	sq := func(a, b int) int { return (a - b) * (a - b) }
	if sq(r, gv)+sq(g, gv)+sq(b, gv) < sq(r, cr)+sq(g, cg)+sq(b, cb) {
		return 232 + grey
	}
	return cube
}

// asciiRow writes a row as shade characters; a cell with a mark (mark not
// nil) as its sign.
func asciiRow(b *strings.Builder, top, bottom []color.RGBA, mark func(x int) uint8) {
	for x := range top {
		if mark != nil {
			if m := mark(x); m != markNone {
				b.WriteString(markSigns[m].sign)
				continue
			}
		}
		l := int(luma(top[x]))
		if bottom != nil {
			l = (l + int(luma(bottom[x])) + 1) / 2
		}
		b.WriteString(shades[min(l*len(shades)/256, len(shades)-1)])
	}
}

// luma is c's brightness, 0–255 (Rec. 601 weights).
func luma(c color.RGBA) uint8 {
	return uint8((299*int(c.R) + 587*int(c.G) + 114*int(c.B) + 500) / 1000)
}

// sampleGrid is how many points a side are averaged for one pixel drawn:
// enough to smooth a large picture shrunk, few enough that a 1280×720 frame
// drawn in 120×40 cells costs about a millisecond.
const sampleGrid = 3

// sample scales img to w×h pixels: each pixel the mean of a grid of points
// spread over the part of img it covers. Row-major.
func sample(img image.Image, w, h int) []color.RGBA {
	r := img.Bounds()
	at := pixelReader(img)
	out := make([]color.RGBA, w*h)
	for y := range h {
		y0, y1 := r.Min.Y+y*r.Dy()/h, r.Min.Y+(y+1)*r.Dy()/h
		for x := range w {
			x0, x1 := r.Min.X+x*r.Dx()/w, r.Min.X+(x+1)*r.Dx()/w
			var sr, sg, sb, n int
			for j := range sampleGrid {
				sy := y0 + (2*j+1)*max(y1-y0, 1)/(2*sampleGrid)
				for i := range sampleGrid {
					sx := x0 + (2*i+1)*max(x1-x0, 1)/(2*sampleGrid)
					cr, cg, cb := at(min(sx, r.Max.X-1), min(sy, r.Max.Y-1))
					sr, sg, sb, n = sr+int(cr), sg+int(cg), sb+int(cb), n+1
				}
			}
			out[y*w+x] = color.RGBA{uint8(sr / n), uint8(sg / n), uint8(sb / n), 0xff}
		}
	}
	return out
}

// pixelReader reads 8-bit RGB at (x, y), directly for the kinds of image a
// JPEG decodes to or a camera frame comes as, else through At.
func pixelReader(img image.Image) func(x, y int) (r, g, b uint8) {
	switch m := img.(type) {
	case *image.YCbCr:
		return func(x, y int) (uint8, uint8, uint8) {
			c := m.YCbCrAt(x, y)
			return color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
		}
	case *image.Gray:
		return func(x, y int) (uint8, uint8, uint8) {
			v := m.GrayAt(x, y).Y
			return v, v, v
		}
	case *image.RGBA:
		return func(x, y int) (uint8, uint8, uint8) {
			c := m.RGBAAt(x, y)
			return c.R, c.G, c.B
		}
	}
	return func(x, y int) (uint8, uint8, uint8) {
		c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
		return c.R, c.G, c.B
	}
}
