// Package pdftest reads back, for tests, the text of the PDFs canhcua
// writes (reports, badges), with MuPDF.
package pdftest

import (
	"strings"
	"testing"

	"github.com/gen2brain/go-fitz"
)

// Text returns the text of every page of the PDF in data, a line between
// pages, and the number of pages.
func Text(t testing.TB, data []byte) (string, int) {
	t.Helper()
	doc, err := fitz.NewFromMemory(data)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	var b strings.Builder
	for i := range doc.NumPage() {
		s, err := doc.Text(i)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(s)
		b.WriteString("\n")
	}
	return b.String(), doc.NumPage()
}
