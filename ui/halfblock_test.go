package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// quads is a w×h picture in four flat quarters: red, green (top), blue,
// white (bottom).
func quads(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 0, 0, 255}
			switch {
			case y < h/2 && x >= w/2:
				c = color.RGBA{0, 255, 0, 255}
			case y >= h/2 && x < w/2:
				c = color.RGBA{0, 0, 255, 255}
			case y >= h/2:
				c = color.RGBA{255, 255, 255, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func TestHalfBlockSize(t *testing.T) {
	for _, c := range []struct {
		img, cols, rows int
		iw, ih          int
		w, h            int
	}{
		{iw: 1280, ih: 720, cols: 80, rows: 20, w: 71, h: 40},   // the height limits
		{iw: 1280, ih: 720, cols: 40, rows: 20, w: 40, h: 23},   // the width limits: 23 pixels, 12 rows
		{iw: 640, ih: 480, cols: 120, rows: 33, w: 88, h: 66},   // 4:3
		{iw: 100, ih: 1000, cols: 80, rows: 10, w: 2, h: 20},    // a tall strip
		{iw: 1000, ih: 10, cols: 80, rows: 10, w: 80, h: 1},     // a thin band: one pixel row
		{iw: 0, ih: 10, cols: 80, rows: 10, w: 0, h: 0},         // empty
		{iw: 10, ih: 10, cols: 0, rows: 10, w: 0, h: 0},         // no room
		{iw: 2, ih: 2, cols: 2, rows: 1, w: 2, h: 2},            // pixel for pixel
		{iw: 1280, ih: 720, cols: 116, rows: 30, w: 107, h: 60}, // the snapshot view at 120x40
	} {
		w, h := halfBlockSize(image.Rect(0, 0, c.iw, c.ih), c.cols, c.rows)
		if w != c.w || h != c.h {
			t.Errorf("%dx%d in %dx%d cells: %dx%d, want %dx%d", c.iw, c.ih, c.cols, c.rows, w, h, c.w, c.h)
		}
		if w > c.cols || (h+1)/2 > c.rows {
			t.Errorf("%dx%d in %dx%d cells: %dx%d does not fit", c.iw, c.ih, c.cols, c.rows, w, h)
		}
	}
}

func TestHalfBlocksTrueColor(t *testing.T) {
	lines := halfBlocks(quads(2, 2), 2, 1, termenv.TrueColor)
	want := "\x1b[38;2;255;0;0;48;2;0;0;255m▀\x1b[38;2;0;255;0;48;2;255;255;255m▀\x1b[0m"
	if len(lines) != 1 || lines[0] != want {
		t.Errorf("got %q, want %q", lines, want)
	}
	// Runs of one colour are written once.
	lines = halfBlocks(quads(8, 8), 8, 4, termenv.TrueColor)
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4", len(lines))
	}
	if n := strings.Count(lines[0], "\x1b["); n != 3 { // red, green, reset
		t.Errorf("top row has %d sequences, want 3: %q", n, lines[0])
	}
	if !strings.HasPrefix(lines[3], "\x1b[38;2;0;0;255;48;2;0;0;255m▀▀▀▀") {
		t.Errorf("bottom row %q", lines[3])
	}
}

func TestHalfBlocksOddHeight(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 3))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	lines := halfBlocks(img, 3, 5, termenv.TrueColor)
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	// The last row has no lower pixel: the terminal's background shows.
	if lines[1] != "\x1b[38;2;255;255;255m▀▀▀\x1b[0m" {
		t.Errorf("last row %q", lines[1])
	}
}

func TestHalfBlocksProfiles(t *testing.T) {
	img := quads(2, 2)
	// 256 colours: the palette's red, green, blue and white.
	if got, want := halfBlocks(img, 2, 1, termenv.ANSI256)[0], "\x1b[38;5;196;48;5;21m▀\x1b[38;5;46;48;5;231m▀\x1b[0m"; got != want {
		t.Errorf("ANSI256: %q, want %q", got, want)
	}
	// 16 colours: greys by brightness (0–255 in four steps): red (76) dark
	// grey, blue (29) black, green (150) grey, white white.
	if got, want := halfBlocks(img, 2, 1, termenv.ANSI)[0], "\x1b[90;40m▀\x1b[37;107m▀\x1b[0m"; got != want {
		t.Errorf("ANSI: %q, want %q", got, want)
	}
	// No colour: shades, the mean of the two pixels.
	if got, want := halfBlocks(img, 2, 1, termenv.Ascii)[0], "░▓"; got != want {
		t.Errorf("Ascii: %q, want %q", got, want)
	}
	gray := image.NewGray(image.Rect(0, 0, 5, 2))
	for x := range 5 {
		gray.SetGray(x, 0, color.Gray{uint8(x * 255 / 4)})
		gray.SetGray(x, 1, color.Gray{uint8(x * 255 / 4)})
	}
	if got := halfBlocks(gray, 5, 1, termenv.Ascii)[0]; got != " ░▒▓█" {
		t.Errorf("grey ramp %q", got)
	}
}

// TestHalfBlocksWidth: every line is exactly as wide as halfBlockSize says,
// as lipgloss measures it, in every profile.
func TestHalfBlocksWidth(t *testing.T) {
	img := quads(1280, 720)
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, size := range [][2]int{{80, 20}, {116, 30}, {37, 11}, {1, 1}} {
			lines := halfBlocks(img, size[0], size[1], p)
			w, h := halfBlockSize(img.Bounds(), size[0], size[1])
			if len(lines) != (h+1)/2 {
				t.Errorf("profile %v %v: %d lines, want %d", p, size, len(lines), (h+1)/2)
			}
			for i, l := range lines {
				if lw := lipgloss.Width(l); lw != w {
					t.Errorf("profile %v %v: line %d is %d wide, want %d", p, size, i, lw, w)
				}
			}
		}
	}
}

// TestHalfBlocksJPEG: a decoded JPEG (YCbCr, read directly) draws as the
// same picture read through At.
func TestHalfBlocksJPEG(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, quads(320, 320), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := img.(*image.YCbCr); !ok {
		t.Fatalf("decoded as %T", img)
	}
	direct := halfBlocks(img, 40, 15, termenv.TrueColor)
	generic := halfBlocks(struct{ image.Image }{img}, 40, 15, termenv.TrueColor)
	if strings.Join(direct, "\n") != strings.Join(generic, "\n") {
		t.Error("YCbCr read directly differs from At")
	}
	// The quarters are where they belong.
	rows := halfBlocks(img, 4, 2, termenv.ANSI256)
	if len(rows) != 2 || rows[0] != "\x1b[38;5;196;48;5;196m▀▀\x1b[38;5;46;48;5;46m▀▀\x1b[0m" ||
		rows[1] != "\x1b[38;5;21;48;5;21m▀▀\x1b[38;5;231;48;5;231m▀▀\x1b[0m" {
		t.Errorf("rows %q", rows)
	}
}

func TestHalfBlocksEmpty(t *testing.T) {
	if lines := halfBlocks(image.NewRGBA(image.Rect(0, 0, 0, 0)), 80, 24, termenv.TrueColor); lines != nil {
		t.Errorf("empty picture: %q", lines)
	}
	if lines := halfBlocks(quads(4, 4), 0, 24, termenv.TrueColor); lines != nil {
		t.Errorf("no room: %q", lines)
	}
	if lines := halfBlocks(nil, 80, 24, termenv.TrueColor); lines != nil {
		t.Errorf("no picture (a camera that sent no frame): %q", lines)
	}
}

// BenchmarkHalfBlocks draws a 1280×720 camera frame (as a JPEG decodes it)
// in 116×30 cells, the snapshot view of a 120×40 terminal.
func BenchmarkHalfBlocks(b *testing.B) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, quads(1280, 720), nil); err != nil {
		b.Fatal(err)
	}
	img, err := jpeg.Decode(&buf)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		halfBlocks(img, 116, 30, termenv.TrueColor)
	}
}

// TestHalfBlockMarks: the preview's outlines survive the profiles without
// 256 colours as signs ('#' read, '?' seen; green and yellow with 16
// colours), a cell taking the mark of either of its pixels; with 256 or
// more colours the outline is in the pixels' own colour and the marks are
// not drawn.
func TestHalfBlockMarks(t *testing.T) {
	grey := color.RGBA{128, 128, 128, 255}
	px := []color.RGBA{grey, grey, grey, grey, grey, grey}
	marks := []uint8{markRead, markNone, markNone, markNone, markNone, markSeen} // 3x2: cells 0 read, 2 seen
	if got, want := drawHalfBlocks(px, marks, 3, 2, termenv.Ascii)[0], "#▒?"; got != want {
		t.Errorf("no colour: %q, want %q", got, want)
	}
	if got, want := drawHalfBlocks(px, marks, 3, 2, termenv.ANSI)[0], "\x1b[0;32m#\x1b[37;47m▀\x1b[0;33m?\x1b[0m"; got != want {
		t.Errorf("16 colours: %q, want %q", got, want)
	}
	if got := drawHalfBlocks(px, marks, 3, 2, termenv.TrueColor)[0]; strings.ContainsAny(got, "#?") {
		t.Errorf("true colour draws marks: %q", got)
	}
	if got, want := drawHalfBlocks(px, nil, 3, 2, termenv.Ascii)[0], "▒▒▒"; got != want {
		t.Errorf("no marks: %q, want %q", got, want)
	}
}
