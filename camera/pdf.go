package camera

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/gen2brain/go-fitz"
	"gocv.io/x/gocv"
)

// PDFDPI is the resolution PDF pages are rendered at for decoding: at 300 dpi
// a 1 cm code of version 3 (29 modules) still has 4 pixels per module.
const PDFDPI = 300

// ErrBrokenPDF is wrapped by errors for PDF files that cannot be read.
var ErrBrokenPDF = errors.New("broken PDF")

// IsPDF reports whether data starts like a PDF file.
func IsPDF(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-"))
}

// PDF is an open PDF document whose pages can be rendered for decoding.
type PDF struct {
	doc   *fitz.Document
	pages int
}

// OpenPDF opens a PDF file.
func OpenPDF(path string) (*PDF, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !IsPDF(data) {
		return nil, fmt.Errorf("%s: %w: no PDF header", path, ErrBrokenPDF)
	}
	var doc *fitz.Document
	pages := 0
	Quiet(func() {
		if doc, err = fitz.NewFromMemory(data); err == nil {
			pages = doc.NumPage()
		}
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrBrokenPDF, err)
	}
	if pages <= 0 {
		Quiet(func() { doc.Close() })
		return nil, fmt.Errorf("%s: %w: no pages", path, ErrBrokenPDF)
	}
	return &PDF{doc: doc, pages: pages}, nil
}

// Pages is the number of pages.
func (p *PDF) Pages() int { return p.pages }

// Page renders page i (0-based) at dpi as an 8-bit gray Mat; the caller
// closes it.
func (p *PDF) Page(i int, dpi float64) (gocv.Mat, error) {
	var m gocv.Mat
	var err error
	Quiet(func() {
		img, e := p.doc.ImageDPI(i, dpi)
		if e != nil {
			err = fmt.Errorf("page %d: %w: %v", i+1, ErrBrokenPDF, e)
			return
		}
		m, err = GrayMat(img)
	})
	if err != nil {
		return gocv.NewMat(), err
	}
	return m, nil
}

// Close releases the document.
func (p *PDF) Close() (err error) {
	Quiet(func() { err = p.doc.Close() })
	return err
}
