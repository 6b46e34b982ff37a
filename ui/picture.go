package ui

import (
	"image"
	"image/color"
)

// The colours of the outlines drawn on the picture.
var (
	readColor = color.RGBA{0x2e, 0xcc, 0x71, 0xff} // green: read
	seenColor = color.RGBA{0xf1, 0xc4, 0x0f, 0xff} // yellow: seen, not readable
)

// grid is a picture scaled to the pane, one colour and one mark per pixel.
type grid struct {
	w, h  int
	px    []color.RGBA
	mark  []uint8
	thick int // outlines' width in pixels
}

// newGrid scales f's image into a w x h grid, keeping its aspect (the rest
// is black), and draws the outlines over it: yellow ones first, green ones
// over them.
func newGrid(f PreviewFrame, w, h int) *grid {
	g := &grid{w: w, h: h, px: make([]color.RGBA, w*h), mark: make([]uint8, w*h), thick: max(1, w/160)}
	for i := range g.px {
		g.px[i] = color.RGBA{A: 0xff}
	}
	b := f.Image.Bounds()
	if b.Empty() {
		return g
	}
	// The drawn area: the image's aspect, as large as the grid allows.
	dw, dh := w, b.Dy()*w/b.Dx()
	if dh > h {
		dw, dh = b.Dx()*h/b.Dy(), h
	}
	if w-dw <= w/20 && h-dh <= h/20 {
		dw, dh = w, h // nearly the grid's aspect: stretch rather than leave a strip
	}
	dw, dh = max(1, dw), max(1, dh)
	ox, oy := (w-dw)/2, (h-dh)/2
	px := sample(f.Image, dw, dh)
	for y := range dh {
		copy(g.px[(oy+y)*w+ox:(oy+y)*w+ox+dw], px[y*dw:(y+1)*dw])
	}
	size := f.Size
	if size.X <= 0 || size.Y <= 0 {
		size = b.Size()
	}
	to := func(p image.Point) image.Point {
		return image.Pt(ox+p.X*dw/size.X, oy+p.Y*dh/size.Y)
	}
	for _, o := range f.Seen {
		g.outline(o, to, seenColor, markSeen)
	}
	for _, o := range f.Codes {
		g.outline(o, to, readColor, markRead)
	}
	return g
}

// outline draws the quadrilateral o (frame coordinates, mapped by to).
func (g *grid) outline(o Outline, to func(image.Point) image.Point, c color.RGBA, mark uint8) {
	for k := range o {
		g.line(to(o[k]), to(o[(k+1)%4]), c, mark)
	}
}

// line draws from a to b (Bresenham), clipped to the grid.
func (g *grid) line(a, b image.Point, c color.RGBA, mark uint8) {
	dx, dy := abs(b.X-a.X), -abs(b.Y-a.Y)
	sx, sy := sign(b.X-a.X), sign(b.Y-a.Y)
	e := dx + dy
	for steps := 0; steps <= 4*(g.w+g.h); steps++ {
		for y := a.Y; y < a.Y+g.thick; y++ {
			for x := a.X; x < a.X+g.thick; x++ {
				if x >= 0 && y >= 0 && x < g.w && y < g.h {
					i := y*g.w + x
					g.px[i] = c
					g.mark[i] = max(g.mark[i], mark)
				}
			}
		}
		if a == b {
			return
		}
		if e2 := 2 * e; e2 >= dy {
			e += dy
			a.X += sx
		} else {
			e += dx
			a.Y += sy
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func sign(v int) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}

// renderPicture draws f for req: cells of Unicode half blocks (two pixels a
// cell, 24-bit or 256 colours, or shades of grey for terminals with fewer
// colours), or a picture through the terminal's graphics protocol.
func renderPicture(f PreviewFrame, req pictureReq) []string {
	switch req.graphics {
	case GraphicsKitty:
		return kittyPicture(f, req.cols, req.rows)
	case GraphicsSixel:
		return sixelPicture(f, req.cols, req.rows, req.cell)
	}
	g := newGrid(f, req.cols, req.rows*2)
	return drawHalfBlocks(g.px, g.mark, g.w, g.h, req.profile)
}
