package camera

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A PDF held in memory: its pages' text (MuPDF's HTML), their images, and
// the codes on them through ImageDecoder.
func TestReadPDF(t *testing.T) {
	const text = "badge:0815|Vũ Thị Mai|Văn phòng UBND xã"
	path := filepath.Join(t.TempDir(), "badges.pdf")
	writePDF(t, path, text)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadPDF(data)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	if doc.Pages() != 2 {
		t.Fatalf("pages = %d, want 2", doc.Pages())
	}
	htm, err := doc.HTML(0)
	if err != nil || !strings.Contains(htm, `<p style="top:`) || !strings.Contains(htm, "Danh sach - trang 1") {
		t.Errorf("page 1 HTML (%v):\n%s", err, htm)
	}
	img, err := doc.Image(1, PDFDPI)
	if err != nil {
		t.Fatal(err)
	}
	// A4 at 300 dpi: 2480.3 x 3507.9 pixels.
	if b := img.Bounds(); b.Dx() < 2480 || b.Dx() > 2481 || b.Dy() < 3507 || b.Dy() > 3508 {
		t.Errorf("page 2 is %v", b)
	}
	codes, err := ImageDecoder{Decoder: ZXing{}}.ReadCodes(img)
	if err != nil || len(codes) != 1 || codes[0].Text != text {
		t.Errorf("page 2: %v %v, want %q", codes, err, text)
	}
	if _, err := doc.HTML(2); err == nil || !strings.HasPrefix(err.Error(), "page 3: ") {
		t.Errorf("HTML of page 3 of 2: %v", err)
	}
	if _, err := doc.Image(2, PDFDPI); !errors.Is(err, ErrBrokenPDF) {
		t.Errorf("image of page 3 of 2: %v, want ErrBrokenPDF", err)
	}
}

// ReadPDF takes what MuPDF opens, a document without pages too; OpenPDF
// refuses that.
func TestReadPDFNoPages(t *testing.T) {
	const zero = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
		"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
	doc, err := ReadPDF([]byte(zero))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages() != 0 {
		t.Errorf("pages = %d, want 0", doc.Pages())
	}
	doc.Close()
	path := filepath.Join(t.TempDir(), "zero.pdf")
	if err := os.WriteFile(path, []byte(zero), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenPDF(path, 0); !errors.Is(err, ErrBrokenPDF) || !strings.HasSuffix(err.Error(), "no pages") {
		t.Errorf("OpenPDF: %v, want ErrBrokenPDF: no pages", err)
	}
	if _, err := ReadPDF([]byte("%PDF-1.4\ngarbage\n")); err == nil {
		t.Error("garbage opened")
	}
}
