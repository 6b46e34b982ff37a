package camera

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua/internal/hostiletest"
)

// A PNG whose header declares 30000x30000 pixels is refused from its header,
// at once, before anything is decoded (it used to take 2.8 GB and minutes).
func TestReadImageTooManyPixels(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		w, h int
		want string
	}{
		{30000, 30000, "30000x30000 pixels, more than the 48 megapixels canhcua reads in one image"},
		{MaxImagePixels + 1, 1, fmt.Sprintf("%dx1 pixels, more than the 48 megapixels canhcua reads in one image", MaxImagePixels+1)},
	} {
		path := filepath.Join(dir, fmt.Sprintf("%dx%d.png", c.w, c.h))
		if err := hostiletest.PNGHeader(path, c.w, c.h); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		m, err := ReadImage(path)
		m.Close()
		if !errors.Is(err, ErrTooBig) || err.Error() != path+": "+c.want {
			t.Errorf("%s: %v, want ErrTooBig: %s", path, err, c.want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: refused in %v", path, d)
		}
	}
}

// A sparse gigabyte named .png is refused from its size, without being read
// (it used to be read whole: 2.1 GB and 9 s).
func TestReadImageTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.png")
	if err := hostiletest.Sparse(path, 1<<30); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	m, err := ReadImage(path)
	m.Close()
	if want := path + ": 1024 MB, more than the 128 MB canhcua reads from one file"; !errors.Is(err, ErrTooBig) || err.Error() != want {
		t.Errorf("%v, want ErrTooBig: %q", err, want)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refused in %v", d)
	}
	// A file that never ends (a device named like an image) is read no
	// further than the cap.
	if _, err := readFile("/dev/zero"); !errors.Is(err, ErrTooBig) {
		t.Errorf("/dev/zero: %v, want ErrTooBig", err)
	}
}

// The size in a header, for every format canhcua reads; an image whose size
// cannot be read is unreadable.
func TestImageSize(t *testing.T) {
	m := gocv.NewMatWithSize(37, 53, gocv.MatTypeCV8UC1)
	defer m.Close()
	dir := t.TempDir()
	for _, ext := range []string{"png", "jpg", "gif", "bmp", "webp", "tif", "pgm"} {
		p := filepath.Join(dir, "x."+ext)
		switch ext {
		case "jpg", "gif": // OpenCV's JPEG codec is broken by MuPDF's libjpeg; it has no GIF
			img := image.NewGray(image.Rect(0, 0, 53, 37))
			var b bytes.Buffer
			if ext == "jpg" {
				jpeg.Encode(&b, img, nil)
			} else {
				gif.Encode(&b, img, nil)
			}
			os.WriteFile(p, b.Bytes(), 0o600)
		default:
			if !gocv.IMWrite(p, m) {
				t.Fatalf("OpenCV cannot write %s", ext)
			}
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if w, h, err := imageSize(data); w != 53 || h != 37 || err != nil {
			t.Errorf("%s: %dx%d %v, want 53x37", ext, w, h, err)
		}
	}
	for _, c := range []struct {
		data string
		w, h int
		ok   bool
	}{
		{"P5\n# a comment\n 640  480\n255\n", 640, 480, true},
		{"P1 7#c\n9 1 0 1", 7, 9, true},
		{"P6\n640", 0, 0, false},
		{"P5\n99999999999 1\n255\n", 0, 0, false},
		{"P7\nWIDTH 4\n", 0, 0, false},
	} {
		w, h, ok := pnmSize([]byte(c.data))
		if w != c.w || h != c.h || ok != c.ok {
			t.Errorf("pnmSize(%q) = %d, %d, %v; want %d, %d, %v", c.data, w, h, ok, c.w, c.h, c.ok)
		}
	}
	if _, err := DecodeImage([]byte("P5\n0 10\n255\n")); !errors.Is(err, ErrUnreadableImage) {
		t.Errorf("0x10 pixels: %v, want ErrUnreadableImage", err)
	}
}

// Pages of 5000 and 20000 points are rendered at the resolution that keeps
// them under MaxPagePixels, and their codes are read; at 300 dpi they are
// refused instead of taking 5 GB (5000 points) or ending the process in
// MuPDF (20000 points).
func TestPDFBigPages(t *testing.T) {
	dir := t.TempDir()
	for _, side := range []float64{5000, 20000} {
		path := filepath.Join(dir, fmt.Sprintf("%.0f.pdf", side))
		text := fmt.Sprintf("badge:%.0f", side)
		if err := hostiletest.PDF(path, 1, side, text); err != nil {
			t.Fatal(err)
		}
		doc, err := OpenPDF(path, 0)
		if err != nil {
			t.Fatal(err)
		}
		dpi, err := doc.DPI(0, PDFDPI)
		if err != nil || dpi >= PDFDPI || dpi <= 0 {
			t.Errorf("%.0f points: %v dpi, %v", side, dpi, err)
		}
		if _, err := doc.Image(0, PDFDPI); !errors.Is(err, ErrTooBig) {
			t.Errorf("%.0f points at 300 dpi: %v, want ErrTooBig", side, err)
		}
		m, err := doc.Page(0, dpi)
		if err != nil {
			t.Fatal(err)
		}
		if px := m.Rows() * m.Cols(); px > MaxPagePixels || px < MaxPagePixels*9/10 {
			t.Errorf("%.0f points at %.1f dpi: %dx%d pixels, want just under %d", side, dpi, m.Cols(), m.Rows(), MaxPagePixels)
		}
		codes, err := ZXing{}.Decode(m)
		m.Close()
		if err != nil || len(codes) != 1 || codes[0].Text != text {
			t.Errorf("%.0f points: %v %v, want %q", side, codes, err, text)
		}
		doc.Close()
	}
}

// A PDF of more pages than asked is refused when opened.
func TestPDFTooManyPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "2000.pdf")
	if err := hostiletest.PDF(path, 2000, 595, ""); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := OpenPDF(path, 100)
	if want := path + ": 2000 pages, more than the 100 canhcua reads (--max-pages)"; !errors.Is(err, ErrTooBig) || err.Error() != want {
		t.Errorf("%v, want %q", err, want)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refused in %v", d)
	}
	doc, err := OpenPDF(path, 2000)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	if doc.Pages() != 2000 || doc.CheckPages(path, 0) != nil {
		t.Errorf("pages %d", doc.Pages())
	}
}
