package ui

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// quarters is a w×h image: white on top, black below, with a red bottom
// right quarter.
func quarters(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 255, 255, 255}
			switch {
			case y >= h/2 && x >= w/2:
				c = color.RGBA{255, 0, 0, 255}
			case y >= h/2:
				c = color.RGBA{0, 0, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func TestHalfBlocksASCII(t *testing.T) {
	got := halfBlocks(quarters(640, 480), 4, 2, termenv.Ascii)
	want := []string{"@@@@", "  ::"} // white; black, then red (luma 76 of 255)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestHalfBlocksColour(t *testing.T) {
	// One cell row: the top pixel white, the bottom one black or red.
	got := halfBlocks(quarters(64, 48), 2, 1, termenv.TrueColor)
	if len(got) != 1 || ansi.StringWidth(got[0]) != 2 || ansi.Strip(got[0]) != "▀▀" {
		t.Fatalf("got %q", got)
	}
	for _, want := range []string{"38;2;255;255;255", "48;2;0;0;0", "48;2;255;0;0"} {
		if !strings.Contains(got[0], want) {
			t.Errorf("%q lacks %s", got[0], want)
		}
	}
	if got := halfBlocks(quarters(64, 48), 2, 1, termenv.ANSI256); !strings.Contains(got[0], "38;5;") {
		t.Errorf("256 colours: %q", got)
	}
}

func TestHalfBlocksSizes(t *testing.T) {
	if got := halfBlocks(nil, 4, 2, termenv.Ascii); got != nil {
		t.Errorf("nil image: %q", got)
	}
	if got := halfBlocks(quarters(3, 2), 10, 5, termenv.Ascii); len(got) != 5 || len(got[0]) != 10 {
		t.Errorf("a tiny image scaled up: %q", got)
	}
	if c := previewCols(quarters(1280, 720), 4); c != 14 {
		t.Errorf("16:9 at 4 rows: %d columns, want 14", c)
	}
}
