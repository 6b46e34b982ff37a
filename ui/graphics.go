package ui

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"image"
	"strconv"
	"strings"
)

// Pictures through a terminal's graphics protocol. These escapes are only
// ever produced for a terminal detected to understand them (Config.Graphics).

// kittyImageID is the id of the picture in the kitty graphics protocol,
// carried by the placeholder cells' 256-colour foreground.
const kittyImageID = 42

// kittyDiacritics encode a placeholder cell's row and column (kitty's
// rowcolumn-diacritics table, its first entries: enough for paneMaxCols).
var kittyDiacritics = []rune{
	0x0305, 0x030D, 0x030E, 0x0310, 0x0312, 0x033D, 0x033E, 0x033F,
	0x0346, 0x034A, 0x034B, 0x034C, 0x0350, 0x0351, 0x0352, 0x0357,
	0x035B, 0x0363, 0x0364, 0x0365, 0x0366, 0x0367, 0x0368, 0x0369,
	0x036A, 0x036B, 0x036C, 0x036D, 0x036E, 0x036F, 0x0483, 0x0484,
	0x0485, 0x0486, 0x0487, 0x0592, 0x0593, 0x0594, 0x0595, 0x0597,
	0x0598, 0x0599, 0x059C, 0x059D, 0x059E, 0x059F, 0x05A0, 0x05A1,
	0x05A8, 0x05A9, 0x05AB, 0x05AC, 0x05AF, 0x05C4, 0x0610, 0x0611,
	0x0612, 0x0613, 0x0614, 0x0615, 0x0616, 0x0617, 0x0657, 0x0658,
	0x0659, 0x065A, 0x065B, 0x065D, 0x065E, 0x06D6, 0x06D7, 0x06D8,
}

// kittyChunk is the most base64 data one escape of the protocol carries.
const kittyChunk = 4096

// kittyPicture is the picture as the kitty graphics protocol's Unicode
// placeholders: the first line transmits the image (zlib-compressed RGB,
// a virtual placement of cols x rows cells), and every line is ordinary
// text — placeholder cells whose diacritics name their row and column — so
// that the screen's renderer can draw, diff and move it like any text.
func kittyPicture(f PreviewFrame, cols, rows int) []string {
	cols, rows = min(cols, len(kittyDiacritics)), min(rows, len(kittyDiacritics))
	g := newGrid(f, cols*8, rows*16) // about a cell's pixels: the terminal scales it
	rgb := make([]byte, 0, 3*len(g.px))
	for _, c := range g.px {
		rgb = append(rgb, c.R, c.G, c.B)
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	_, _ = zw.Write(rgb)
	_ = zw.Close()
	data := base64.StdEncoding.EncodeToString(z.Bytes())
	var tx strings.Builder
	for i := 0; i < len(data); i += kittyChunk {
		end := min(len(data), i+kittyChunk)
		more := 0
		if end < len(data) {
			more = 1
		}
		tx.WriteString("\x1b_G")
		if i == 0 {
			tx.WriteString("a=T,U=1,q=2,f=24,o=z,i=" + strconv.Itoa(kittyImageID) +
				",s=" + strconv.Itoa(g.w) + ",v=" + strconv.Itoa(g.h) +
				",c=" + strconv.Itoa(cols) + ",r=" + strconv.Itoa(rows) + ",")
		}
		tx.WriteString("m=" + strconv.Itoa(more) + ";" + data[i:end] + "\x1b\\")
	}
	lines := make([]string, rows)
	for r := range rows {
		var b strings.Builder
		if r == 0 {
			b.WriteString(tx.String())
		}
		b.WriteString("\x1b[38;5;" + strconv.Itoa(kittyImageID) + "m")
		for c := range cols {
			b.WriteRune(0x10EEEE)
			b.WriteRune(kittyDiacritics[r])
			b.WriteRune(kittyDiacritics[c])
		}
		b.WriteString("\x1b[39m")
		lines[r] = b.String()
	}
	return lines
}

// defaultCell is a terminal cell's size in pixels when the terminal did not
// say.
var defaultCell = image.Pt(10, 20)

// sixelPicture is the picture as sixel graphics, drawn from the pane's
// first cell (the cursor saved and restored around it) over cols-1 x rows
// cells, and lines that step over those cells without writing in them: the
// last column stays out, as the renderer erases from there to the end of a
// line.
func sixelPicture(f PreviewFrame, cols, rows int, cell image.Point) []string {
	if cell.X <= 0 || cell.Y <= 0 {
		cell = defaultCell
	}
	w, h := (cols-1)*cell.X, rows*cell.Y/6*6
	skip := "\x1b[" + strconv.Itoa(cols) + "C"
	lines := make([]string, rows)
	for i := range lines {
		lines[i] = skip
	}
	if w <= 0 || h <= 0 {
		return lines
	}
	lines[0] = "\x1b7" + sixel(newGrid(f, w, h)) + "\x1b8" + skip
	return lines
}

// sixelLevel is a channel's level (0–5) in the 6x6x6 palette.
func sixelLevel(v uint8) int { return (int(v)*5 + 127) / 255 }

// sixel encodes the grid as a sixel image in a 216-colour palette, runs of
// the same sixel compressed.
func sixel(g *grid) string {
	var b strings.Builder
	b.WriteString("\x1bP0;1;0q\"1;1;" + strconv.Itoa(g.w) + ";" + strconv.Itoa(g.h))
	idx := make([]uint8, len(g.px))
	used := [216]bool{}
	for i, c := range g.px {
		k := sixelLevel(c.R)*36 + sixelLevel(c.G)*6 + sixelLevel(c.B)
		idx[i] = uint8(k)
		used[k] = true
	}
	for k, u := range used {
		if !u {
			continue
		}
		b.WriteString("#" + strconv.Itoa(k) + ";2;" + strconv.Itoa(k/36*20) + ";" +
			strconv.Itoa(k/6%6*20) + ";" + strconv.Itoa(k%6*20))
	}
	masks := map[uint8][]byte{}
	for band := 0; band < g.h; band += 6 {
		clear(masks)
		var order []uint8
		for dy := 0; dy < 6 && band+dy < g.h; dy++ {
			row := (band + dy) * g.w
			for x := range g.w {
				k := idx[row+x]
				m, ok := masks[k]
				if !ok {
					m = make([]byte, g.w)
					masks[k] = m
					order = append(order, k)
				}
				m[x] |= 1 << dy
			}
		}
		for i, k := range order {
			if i > 0 {
				b.WriteByte('$')
			}
			b.WriteString("#" + strconv.Itoa(int(k)))
			writeSixelRuns(&b, masks[k])
		}
		b.WriteByte('-')
	}
	b.WriteString("\x1b\\")
	return b.String()
}

// writeSixelRuns writes a band's column masks of one colour, runs of 4 or
// more as !n.
func writeSixelRuns(b *strings.Builder, m []byte) {
	for x := 0; x < len(m); {
		n := 1
		for x+n < len(m) && m[x+n] == m[x] {
			n++
		}
		ch := byte('?' + m[x])
		if n >= 4 {
			b.WriteString("!" + strconv.Itoa(n))
			b.WriteByte(ch)
		} else {
			for range n {
				b.WriteByte(ch)
			}
		}
		x += n
	}
}
