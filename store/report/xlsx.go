package report

import (
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua/internal/catalog"
)

// xlsx writes the report as a workbook: a summary sheet (title, date, door,
// figures, each group's share), then one sheet a table: expected people who
// did not scan (when there are groups), guests (when there are any) and
// warnings. Text cells are strings, never formulas: they need no defusing
// (export.Defuse is for CSV).
func (r *rep) xlsx(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	x.bold = bold

	sum := r.t(catalog.ReportSummary)
	if err := f.SetSheetName(f.GetSheetName(0), sum); err != nil {
		return err
	}
	x.sheet, x.row = sum, 0
	if m := r.demoMark(); m != "" {
		x.put(title, m)
	}
	x.put(title, r.t(catalog.ReportTitle))
	if r.d.Site != "" {
		x.put(0, r.t(catalog.ReportSite), clean(r.d.Site))
	}
	x.put(0, r.t(catalog.ReportDate), r.dateString())
	x.put(0, r.t(catalog.ReportDoor), r.doorString())
	x.row++
	x.put(bold, r.t(catalog.ReportFigure), r.t(catalog.ReportValue))
	c := r.d.Counts
	for i, v := range []int{c.Entries, c.Exits, c.People, c.Inside, c.Rejected} {
		x.put(0, r.figures()[i][0], v)
	}
	if len(r.d.Groups) > 0 {
		x.row++
		x.put(bold, r.t(catalog.ReportGroup), r.t(catalog.ReportPresent), r.t(catalog.ReportTotal), r.t(catalog.ReportShare))
		for _, g := range r.d.Groups {
			x.put(0, clean(g.Name), g.Present, g.Total, percent(g.Present, g.Total))
		}
	}
	if m := r.madeString(); m != "" {
		x.row++
		x.put(0, m)
	}
	x.widths(24, 14, 12, 10)

	if len(r.d.Groups) > 0 {
		x.newSheet(r.t(catalog.ReportSheetMissing), r.t(catalog.ReportGroup), r.t(catalog.ReportName), r.t(catalog.ReportUnit), r.t(catalog.ReportExpectedBy))
		for _, m := range r.missingRows() {
			x.put(0, m.group, m.name, m.unit, m.expected)
		}
		x.widths(20, 28, 28, 10)
	}
	if len(r.d.Guests) > 0 {
		x.newSheet(r.t(catalog.ReportSheetGuests), r.guestHeaders()...)
		for _, g := range r.d.Guests {
			x.put(0, anys(r.guestRow(g))...)
		}
		x.widths(10, 28, 16, 16, 12, 12)
	}
	x.newSheet(r.t(catalog.ReportSheetWarnings), r.warningHeaders()...)
	for _, wn := range r.d.Warnings {
		x.put(0, anys(r.warningRow(wn))...)
	}
	x.widths(10, 16, 24, 80, 16)

	if x.err != nil {
		return x.err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// xlsxWriter writes rows one after another, keeping the first error.
type xlsxWriter struct {
	f     *excelize.File
	sheet string
	row   int // rows written
	bold  int
	err   error
}

func (x *xlsxWriter) put(style int, cells ...any) {
	if x.err != nil {
		return
	}
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err == nil {
		err = x.f.SetSheetRow(x.sheet, cell, &cells)
	}
	if err == nil && style != 0 {
		end, _ := excelize.CoordinatesToCellName(max(len(cells), 1), x.row)
		err = x.f.SetCellStyle(x.sheet, cell, end, style)
	}
	x.err = err
}

// newSheet adds a sheet with a bold, frozen header row.
func (x *xlsxWriter) newSheet(name string, headers ...string) {
	if x.err != nil {
		return
	}
	if _, err := x.f.NewSheet(name); err != nil {
		x.err = err
		return
	}
	x.sheet, x.row = name, 0
	x.put(x.bold, anys(headers)...)
	if x.err == nil {
		x.err = x.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
}

// widths sets the current sheet's column widths, in characters.
func (x *xlsxWriter) widths(ws ...float64) {
	for i, wd := range ws {
		if x.err != nil {
			return
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.err = x.f.SetColWidth(x.sheet, col, col, wd)
	}
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
