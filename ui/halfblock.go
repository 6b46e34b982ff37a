package ui

import (
	"fmt"
	"image"
	"strings"

	"github.com/muesli/termenv"
)

// halfBlocks draws img in cols×rows terminal cells, two pixels a cell: an
// upper half block "▀" whose foreground is the top pixel and background the
// bottom one, in the colours profile can show. Without colours
// (termenv.Ascii) a cell is a character of a grey ramp, darkest a space. Each
// pixel is the mean of up to 4×4 samples of its part of img. It returns rows
// lines of cols cells; none when img is nil or the size is empty.
func halfBlocks(img image.Image, cols, rows int, profile termenv.Profile) []string {
	if img == nil || cols <= 0 || rows <= 0 || img.Bounds().Empty() {
		return nil
	}
	px := sampleGrid(img, cols, 2*rows)
	lines := make([]string, rows)
	var b strings.Builder
	for r := range rows {
		b.Reset()
		for c := range cols {
			top, bottom := px[2*r][c], px[2*r+1][c]
			if profile == termenv.Ascii {
				b.WriteByte(greyRamp[int(luma(top)+luma(bottom))*len(greyRamp)/512])
				continue
			}
			b.WriteString(termenv.String("▀").Foreground(profile.Color(top.hex())).Background(profile.Color(bottom.hex())).String())
		}
		lines[r] = b.String()
	}
	return lines
}

// previewCols is how many cells wide img is drawn rows cells high: a cell
// is about twice as high as wide, and holds two pixels of height.
func previewCols(img image.Image, rows int) int {
	if img == nil || img.Bounds().Dy() == 0 {
		return 0
	}
	b := img.Bounds()
	return max(1, (2*rows*b.Dx()+b.Dy()/2)/b.Dy())
}

// greyRamp are the characters of a colourless preview, darkest first.
const greyRamp = " .:-=+*#%@"

type rgb struct{ r, g, b uint8 }

func (c rgb) hex() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// luma is c's brightness, 0–255 (Rec. 601).
func luma(c rgb) int { return (299*int(c.r) + 587*int(c.g) + 114*int(c.b)) / 1000 }

// sampleGrid scales img down to w×h pixels, each the mean of up to 4×4
// samples of its box.
func sampleGrid(img image.Image, w, h int) [][]rgb {
	b := img.Bounds()
	out := make([][]rgb, h)
	for y := range h {
		out[y] = make([]rgb, w)
		y0, y1 := b.Min.Y+y*b.Dy()/h, b.Min.Y+max((y+1)*b.Dy()/h, y*b.Dy()/h+1)
		for x := range w {
			x0, x1 := b.Min.X+x*b.Dx()/w, b.Min.X+max((x+1)*b.Dx()/w, x*b.Dx()/w+1)
			var sr, sg, sb, n uint32
			for sy := range min(4, y1-y0) {
				for sx := range min(4, x1-x0) {
					r, g, bl, _ := img.At(x0+sx*(x1-x0)/min(4, x1-x0), y0+sy*(y1-y0)/min(4, y1-y0)).RGBA()
					sr, sg, sb, n = sr+r>>8, sg+g>>8, sb+bl>>8, n+1
				}
			}
			out[y][x] = rgb{uint8(sr / n), uint8(sg / n), uint8(sb / n)}
		}
	}
	return out
}
