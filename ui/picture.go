package ui

import (
	"image"
	"image/color"
	"strconv"
	"strings"

	"github.com/muesli/termenv"
)

// The colours of the outlines drawn on the picture.
var (
	readColor = color.RGBA{0x2e, 0xcc, 0x71, 0xff} // green: read
	seenColor = color.RGBA{0xf1, 0xc4, 0x0f, 0xff} // yellow: seen, not readable
)

// Marks of a picture's pixel: an outline passes there.
const (
	markNone uint8 = iota
	markSeen
	markRead
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
	for y := range dh {
		sy0, sy1 := b.Min.Y+y*b.Dy()/dh, b.Min.Y+(y+1)*b.Dy()/dh
		sy1 = max(sy1, sy0+1)
		for x := range dw {
			sx0, sx1 := b.Min.X+x*b.Dx()/dw, b.Min.X+(x+1)*b.Dx()/dw
			sx1 = max(sx1, sx0+1)
			g.px[(oy+y)*w+ox+x] = average(f.Image, image.Rect(sx0, sy0, sx1, sy1))
		}
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

// average is the mean colour of img over r (r within its bounds), sampled
// at most 4 x 4 times.
func average(img image.Image, r image.Rectangle) color.RGBA {
	stepX, stepY := max(1, r.Dx()/4), max(1, r.Dy()/4)
	var sr, sg, sb, n int
	switch im := img.(type) {
	case *image.RGBA:
		for y := r.Min.Y; y < r.Max.Y; y += stepY {
			i := im.PixOffset(r.Min.X, y)
			for x := r.Min.X; x < r.Max.X; x, i = x+stepX, i+4*stepX {
				sr, sg, sb, n = sr+int(im.Pix[i]), sg+int(im.Pix[i+1]), sb+int(im.Pix[i+2]), n+1
			}
		}
	case *image.Gray:
		for y := r.Min.Y; y < r.Max.Y; y += stepY {
			i := im.PixOffset(r.Min.X, y)
			for x := r.Min.X; x < r.Max.X; x, i = x+stepX, i+stepX {
				v := int(im.Pix[i])
				sr, sg, sb, n = sr+v, sg+v, sb+v, n+1
			}
		}
	default:
		for y := r.Min.Y; y < r.Max.Y; y += stepY {
			for x := r.Min.X; x < r.Max.X; x += stepX {
				c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
				sr, sg, sb, n = sr+int(c.R), sg+int(c.G), sb+int(c.B), n+1
			}
		}
	}
	if n == 0 {
		return color.RGBA{A: 0xff}
	}
	return color.RGBA{uint8(sr / n), uint8(sg / n), uint8(sb / n), 0xff}
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
	if greyProfile(req.profile) {
		return g.shades(req.profile == termenv.ANSI)
	}
	return g.halfBlocks(req.profile == termenv.TrueColor)
}

// halfBlocks is the grid as lines of '▀': the upper pixel the foreground,
// the lower the background, in 24-bit colour or the nearest of xterm's 256.
func (g *grid) halfBlocks(trueColor bool) []string {
	lines := make([]string, g.h/2)
	var b strings.Builder
	buf := make([]byte, 0, 64)
	for row := range lines {
		b.Reset()
		var lastTop, lastBot color.RGBA
		for x := range g.w {
			top, bot := g.px[2*row*g.w+x], g.px[(2*row+1)*g.w+x]
			if x == 0 || top != lastTop || bot != lastBot {
				buf = append(buf[:0], "\x1b["...)
				buf = appendColor(buf, '3', top, trueColor)
				buf = append(buf, ';')
				buf = appendColor(buf, '4', bot, trueColor)
				buf = append(buf, 'm')
				b.Write(buf)
				lastTop, lastBot = top, bot
			}
			b.WriteString("▀")
		}
		b.WriteString("\x1b[0m")
		lines[row] = b.String()
	}
	return lines
}

// appendColor appends the SGR parameters of c as a foreground (ground '3')
// or background ('4') colour.
func appendColor(buf []byte, ground byte, c color.RGBA, trueColor bool) []byte {
	buf = append(buf, ground, '8', ';')
	if trueColor {
		buf = append(buf, '2', ';')
		buf = strconv.AppendInt(buf, int64(c.R), 10)
		buf = append(buf, ';')
		buf = strconv.AppendInt(buf, int64(c.G), 10)
		buf = append(buf, ';')
		return strconv.AppendInt(buf, int64(c.B), 10)
	}
	buf = append(buf, '5', ';')
	return strconv.AppendInt(buf, int64(xterm256(c)), 10)
}

// cubeLevels are the levels of xterm's 6x6x6 colour cube.
var cubeLevels = [6]int{0, 95, 135, 175, 215, 255}

// xterm256 is the nearest of xterm's 256 colours to c: in the colour cube
// (16–231) or on the grey ramp (232–255).
func xterm256(c color.RGBA) int {
	near := func(v int) int {
		best := 0
		for i, l := range cubeLevels {
			if abs(v-l) < abs(v-cubeLevels[best]) {
				best = i
			}
		}
		return best
	}
	r, g, b := int(c.R), int(c.G), int(c.B)
	ri, gi, bi := near(r), near(g), near(b)
	cube := 16 + 36*ri + 6*gi + bi
	cd := sq(r-cubeLevels[ri]) + sq(g-cubeLevels[gi]) + sq(b-cubeLevels[bi])
	mean := (r + g + b) / 3
	gi2 := min(23, max(0, (mean-8+5)/10))
	gl := 8 + 10*gi2
	gd := sq(r-gl) + sq(g-gl) + sq(b-gl)
	if gd < cd {
		return 232 + gi2
	}
	return cube
}

func sq(v int) int { return v * v }

// shadeRunes are the shades of grey, darkest first.
var shadeRunes = []string{" ", "░", "▒", "▓", "█"}

// shades is the grid in shades of grey, a cell for two pixels: for
// terminals without 256 colours. Outlines are '#' (read) and '?' (seen, not
// readable), green and yellow when the terminal has its 8 basic colours.
func (g *grid) shades(basic bool) []string {
	lines := make([]string, g.h/2)
	var b strings.Builder
	for row := range lines {
		b.Reset()
		for x := range g.w {
			i, j := 2*row*g.w+x, (2*row+1)*g.w+x
			switch max(g.mark[i], g.mark[j]) {
			case markRead:
				b.WriteString(ansiIf(basic, "32", "#"))
				continue
			case markSeen:
				b.WriteString(ansiIf(basic, "33", "?"))
				continue
			}
			l := (luma(g.px[i]) + luma(g.px[j])) / 2
			b.WriteString(shadeRunes[min(len(shadeRunes)-1, l*len(shadeRunes)/256)])
		}
		lines[row] = b.String()
	}
	return lines
}

// ansiIf is s in the basic colour sgr when on is true, else s.
func ansiIf(on bool, sgr, s string) string {
	if !on {
		return s
	}
	return "\x1b[" + sgr + "m" + s + "\x1b[0m"
}

// luma is c's brightness, 0 to 255.
func luma(c color.RGBA) int { return (299*int(c.R) + 587*int(c.G) + 114*int(c.B)) / 1000 }
