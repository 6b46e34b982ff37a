package camera

import (
	"errors"
	"fmt"
	"image"
	"os"

	"github.com/gen2brain/go-fitz"
	"gocv.io/x/gocv"

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
// open, or without pages is ErrBrokenPDF.
func OpenPDF(path string) (*PDF, error) {
	data, err := os.ReadFile(path)
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
	return p, nil
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

// Image renders page i (0-based) at dpi.
func (p *PDF) Image(i int, dpi float64) (image.Image, error) {
	var (
		img *image.RGBA
		err error
	)
	Quiet(func() { img, err = p.doc.ImageDPI(i, dpi) })
	if err != nil {
		return nil, fmt.Errorf("page %d: %w: %v", i+1, ErrBrokenPDF, err)
	}
	return img, nil
}

// Page renders page i (0-based) at dpi as an 8-bit gray Mat; the caller
// closes it.
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
