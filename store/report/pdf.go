package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store/export"
)

// PDF layout, in millimetres (A4 portrait, 15 mm margins).
const (
	pdfMargin = 15.0
	pdfWidth  = 210 - 2*pdfMargin
	pdfLine   = 6.0
)

// pdf writes the report as an A4 PDF in DejaVu Sans, which has every
// Vietnamese letter; the text is real text (it can be searched and copied).
func (r *rep) pdf(w io.Writer) error {
	doc := newDoc(strings.TrimSpace(r.demoMark()+" "+r.t(catalog.ReportTitle)+" "+r.dateString()), pdfWidth, r.madeString(), r.lang)
	doc.AddPage()
	p := &pdfWriter{doc: doc}

	if m := r.demoMark(); m != "" {
		doc.SetFont(export.PDFFont, "B", 12)
		doc.SetTextColor(176, 0, 32)
		doc.CellFormat(pdfWidth, 8, p.fit(m, pdfWidth), "", 1, "C", false, 0, "")
		doc.SetTextColor(0, 0, 0)
	}
	doc.SetFont(export.PDFFont, "B", 16)
	doc.CellFormat(pdfWidth, 9, r.t(catalog.ReportTitle), "", 1, "C", false, 0, "")
	doc.SetFont(export.PDFFont, "", 11)
	if r.d.Site != "" {
		doc.CellFormat(pdfWidth, pdfLine, p.fit(clean(r.d.Site), pdfWidth), "", 1, "C", false, 0, "")
	}
	doc.CellFormat(pdfWidth, pdfLine, r.t(catalog.ReportDate)+" "+r.dateString()+" — "+r.t(catalog.ReportDoor)+": "+p.fit(r.doorString(), 100), "", 1, "C", false, 0, "")
	doc.Ln(4)

	p.heading(r.t(catalog.ReportSummary))
	p.table([]float64{60, 30}, []string{"L", "R"}, []string{r.t(catalog.ReportFigure), r.t(catalog.ReportValue)})
	for _, f := range r.figures() {
		p.row([]float64{60, 30}, []string{"L", "R"}, f[:])
	}

	if len(r.d.Groups) > 0 {
		doc.Ln(3)
		doc.SetFont(export.PDFFont, "B", 11)
		for _, g := range r.d.Groups {
			doc.CellFormat(pdfWidth, pdfLine, p.fit(r.scannedLine(g), pdfWidth), "", 1, "L", false, 0, "")
		}
		doc.SetFont(export.PDFFont, "", 10)

		rows := r.missingRows()
		p.heading(fmt.Sprintf("%s (%d)", r.t(catalog.ReportMissing), len(rows)))
		if len(rows) == 0 {
			p.line(r.t(catalog.ReportNone))
		} else {
			ws := []float64{10, 55, 50, 40, 25}
			al := []string{"R", "L", "L", "L", "C"}
			p.table(ws, al, []string{"#", r.t(catalog.ReportName), r.t(catalog.ReportUnit), r.t(catalog.ReportGroup), r.t(catalog.ReportExpectedBy)})
			for i, m := range rows {
				p.row(ws, al, []string{fmt.Sprint(i + 1), m.name, m.unit, m.group, m.expected})
			}
		}
	}

	if len(r.d.Guests) > 0 {
		p.heading(fmt.Sprintf("%s (%d)", r.t(catalog.ReportGuests), len(r.d.Guests)))
		ws := []float64{25, 43, 30, 30, 22, 30}
		al := []string{"L", "L", "L", "L", "L", "L"}
		p.table(ws, al, r.guestHeaders())
		for _, g := range r.d.Guests {
			p.row(ws, al, r.guestRow(g))
		}
	}

	p.heading(fmt.Sprintf("%s (%d)", r.t(catalog.ReportWarnings), len(r.d.Warnings)))
	if len(r.d.Warnings) == 0 {
		p.line(r.t(catalog.ReportNone))
	}
	for _, wn := range r.d.Warnings {
		c := r.warningRow(wn) // time, door, kind, message, state
		doc.SetFont(export.PDFFont, "B", 10)
		doc.CellFormat(pdfWidth, 5.5, p.fit(c[0]+" · "+c[1]+" · "+c[2]+" · "+c[4], pdfWidth), "", 1, "L", false, 0, "")
		doc.SetFont(export.PDFFont, "", 10)
		doc.SetX(pdfMargin + 5)
		doc.MultiCell(pdfWidth-5, 5, c[3], "", "L", false)
		doc.Ln(1.5)
	}

	if err := doc.Error(); err != nil {
		return err
	}
	return doc.Output(w)
}

// newDoc is an A4 document with the reports' margins, its title, and a
// footer across width millimetres: made (when the document was made) and
// the page number in lang. The caller adds the first page, portrait or
// landscape.
func newDoc(title string, width float64, made string, lang catalog.Lang) *fpdf.Fpdf {
	doc := export.NewPDF()
	doc.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	doc.SetAutoPageBreak(true, pdfMargin+5)
	doc.SetTitle(title, true)
	doc.AliasNbPages("{nb}")
	doc.SetFooterFunc(func() {
		doc.SetY(-pdfMargin)
		doc.SetFont(export.PDFFont, "", 8)
		doc.CellFormat(width/2, 5, made, "", 0, "L", false, 0, "")
		doc.CellFormat(width/2, 5, lang.T(catalog.ReportPage, doc.PageNo()), "", 0, "R", false, 0, "")
	})
	return doc
}

type pdfWriter struct{ doc *fpdf.Fpdf }

func (p *pdfWriter) heading(s string) {
	p.doc.Ln(4)
	p.doc.SetFont(export.PDFFont, "B", 12)
	p.doc.CellFormat(pdfWidth, 7, p.fit(s, pdfWidth), "B", 1, "L", false, 0, "")
	p.doc.Ln(1.5)
	p.doc.SetFont(export.PDFFont, "", 10)
}

func (p *pdfWriter) line(s string) {
	p.doc.CellFormat(pdfWidth, pdfLine, p.fit(s, pdfWidth), "", 1, "L", false, 0, "")
}

// table writes a header row: bold, on a grey ground.
func (p *pdfWriter) table(ws []float64, al, cells []string) {
	p.doc.SetFont(export.PDFFont, "B", 9)
	p.doc.SetFillColor(230, 230, 230)
	for i, c := range cells {
		p.doc.CellFormat(ws[i], pdfLine, p.fit(c, ws[i]-2), "1", 0, al[i], true, 0, "")
	}
	p.doc.Ln(-1)
	p.doc.SetFont(export.PDFFont, "", 10)
}

// row writes one table row, each cell cut to its column's width.
func (p *pdfWriter) row(ws []float64, al, cells []string) {
	for i, c := range cells {
		p.doc.CellFormat(ws[i], pdfLine, p.fit(c, ws[i]-2), "1", 0, al[i], false, 0, "")
	}
	p.doc.Ln(-1)
}

// fit cuts s, ending it with "…", to fit width millimetres in the current
// font.
func (p *pdfWriter) fit(s string, width float64) string {
	if p.doc.GetStringWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && p.doc.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
