package camera

import (
	"errors"
	"fmt"
	"image"
	"math"

	"github.com/gen2brain/go-fitz"
	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/pdf"
)

// PDFDPI is the resolution PDF pages are rendered at for decoding (pdf.DPI).
const PDFDPI = pdf.DPI

// ErrBrokenPDF is wrapped by errors for PDF files that cannot be read.
var ErrBrokenPDF = errors.New("broken PDF")

// PDF is an open PDF document whose pages can be read (their text) and
// rendered for decoding. MuPDF's warnings are kept off the terminal (Quiet).
type PDF struct {
	doc   *fitz.Document
	pages int
}

// OpenPDF opens a PDF file: one without a PDF header, that MuPDF cannot
// open, or without pages is ErrBrokenPDF; one over MaxFileBytes, or of more
// than maxPages pages (when maxPages > 0), is ErrTooBig.
func OpenPDF(path string, maxPages int) (*PDF, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	if !pdf.Sniff(data) {
		return nil, fmt.Errorf("%s: %w: no PDF header", path, ErrBrokenPDF)
	}
	p, err := ReadPDF(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrBrokenPDF, err)
	}
	if p.pages <= 0 {
		p.Close()
		return nil, fmt.Errorf("%s: %w: no pages", path, ErrBrokenPDF)
	}
	if err := p.CheckPages(path, maxPages); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// CheckPages refuses (ErrTooBig) a document of more than max pages, when max
// > 0; name is the file's, for the message.
func (p *PDF) CheckPages(name string, max int) error {
	if max > 0 && p.pages > max {
		return tooBig(catalog.CameraTooManyPages, name, p.pages, max)
	}
	return nil
}

// ReadPDF opens a PDF document held in memory. Unlike OpenPDF it takes a
// document without pages, and its error is MuPDF's own.
func ReadPDF(data []byte) (*PDF, error) {
	var (
		doc *fitz.Document
		err error
	)
	pages := 0
	Quiet(func() {
		if doc, err = fitz.NewFromMemory(data); err == nil {
			pages = doc.NumPage()
		}
	})
	if err != nil {
		return nil, err
	}
	return &PDF{doc: doc, pages: pages}, nil
}

// Pages is the number of pages.
func (p *PDF) Pages() int { return p.pages }

// HTML is MuPDF's HTML of page i (0-based): its text, one paragraph per line
// of text with its position in points. The error is MuPDF's, with the page.
func (p *PDF) HTML(i int) (string, error) {
	var (
		htm string
		err error
	)
	Quiet(func() { htm, err = p.doc.HTML(i, false) })
	if err != nil {
		return "", fmt.Errorf("page %d: %w", i+1, err)
	}
	return htm, nil
}

// DPI is the resolution page i (0-based) is rendered at when dpi is asked:
// dpi, or less for a page so large that it would have more than
// MaxPagePixels pixels (a 5000-point page at 300 dpi would have 434 million).
func (p *PDF) DPI(i int, dpi float64) (float64, error) {
	w, h, err := p.size(i)
	if err != nil {
		return 0, err
	}
	if px := pagePixels(w, h, dpi); px > MaxPagePixels {
		// The pixels grow as the square of the resolution; a little less,
		// for the rounding of the page's edges to whole pixels.
		dpi *= math.Sqrt(MaxPagePixels/px) * 0.99
	}
	return dpi, nil
}

// size is page i's width and height in points, as MuPDF bounds it (rotated,
// at its user unit), rounded up.
func (p *PDF) size(i int) (w, h float64, err error) {
	var r image.Rectangle
	Quiet(func() { r, err = p.doc.Bound(i) })
	if err != nil {
		return 0, 0, fmt.Errorf("page %d: %w: %v", i+1, ErrBrokenPDF, err)
	}
	// Bound truncates MuPDF's edges to whole points: one more each way.
	return float64(r.Dx() + 1), float64(r.Dy() + 1), nil
}

// pagePixels is the number of pixels of a page of w x h points at dpi.
func pagePixels(w, h, dpi float64) float64 {
	return math.Ceil(w*dpi/72) * math.Ceil(h*dpi/72)
}

// Image renders page i (0-based) at dpi. A page that would have more than
// MaxPagePixels pixels at dpi is refused (ErrTooBig): ask at DPI(i, dpi).
func (p *PDF) Image(i int, dpi float64) (image.Image, error) {
	w, h, err := p.size(i)
	if err != nil {
		return nil, err
	}
	if px := pagePixels(w, h, dpi); !(dpi > 0) || !(px <= MaxPagePixels) { // NaN too
		return nil, tooBig(catalog.CameraPageTooBig, i+1, w, h, dpi, MaxPagePixels/1_000_000)
	}
	var img *image.RGBA
	Quiet(func() { img, err = p.doc.ImageDPI(i, dpi) })
	if err != nil {
		return nil, fmt.Errorf("page %d: %w: %v", i+1, ErrBrokenPDF, err)
	}
	return img, nil
}

// Page renders page i (0-based) at dpi as an 8-bit gray Mat, as Image does;
// the caller closes it.
func (p *PDF) Page(i int, dpi float64) (gocv.Mat, error) {
	img, err := p.Image(i, dpi)
	if err != nil {
		return gocv.NewMat(), err
	}
	return GrayMat(img)
}

// Close releases the document.
func (p *PDF) Close() (err error) {
	Quiet(func() { err = p.doc.Close() })
	return err
}
