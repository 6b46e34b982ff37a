package export

import (
	_ "embed"

	"github.com/go-pdf/fpdf"
)

// DejaVu Sans covers every Vietnamese letter (the Go fonts do not); it is
// free to redistribute (fonts/LICENSE-DejaVu.txt).
var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	dejaVuSansBold []byte
)

// PDFFont is the family name NewPDF registers, in regular ("") and bold ("B").
const PDFFont = "DejaVu"

// NewPDF returns an A4 portrait document in millimetres with a Unicode font
// that has the Vietnamese glyphs, set as the current font at size 11.
func NewPDF() *fpdf.Fpdf {
	doc := fpdf.New("P", "mm", "A4", "")
	doc.AddUTF8FontFromBytes(PDFFont, "", dejaVuSans)
	doc.AddUTF8FontFromBytes(PDFFont, "B", dejaVuSansBold)
	doc.SetFont(PDFFont, "", 11)
	doc.SetCreator("canhcua", true)
	return doc
}
