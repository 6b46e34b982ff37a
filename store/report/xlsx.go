package report

import (
	"io"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store/export"
)

// xlsx writes the report as a workbook: a summary sheet (title, date, door,
// figures, each group's share), then one sheet a table: expected people who
// did not scan (when there are groups), guests (when there are any) and
// warnings. Text cells are strings, never formulas: they need no defusing
// (export.Defuse is for CSV).
func (r *rep) xlsx(w io.Writer) error {
	x := export.NewSheets()
	defer x.Close()
	bold, title := x.Bold, x.Title
	x.Sheet(r.t(catalog.ReportSummary))
	if m := r.demoMark(); m != "" {
		x.Put(title, m)
	}
	x.Put(title, r.t(catalog.ReportTitle))
	if r.d.Site != "" {
		x.Put(0, r.t(catalog.ReportSite), clean(r.d.Site))
	}
	x.Put(0, r.t(catalog.ReportDate), r.dateString())
	x.Put(0, r.t(catalog.ReportDoor), r.doorString())
	x.Skip()
	x.Put(bold, r.t(catalog.ReportFigure), r.t(catalog.ReportValue))
	c := r.d.Counts
	for i, v := range []int{c.Entries, c.Exits, c.People, c.Inside, c.Rejected} {
		x.Put(0, r.figures()[i][0], v)
	}
	if len(r.d.Groups) > 0 {
		x.Skip()
		x.Put(bold, r.t(catalog.ReportGroup), r.t(catalog.ReportPresent), r.t(catalog.ReportTotal), r.t(catalog.ReportShare))
		for _, g := range r.d.Groups {
			x.Put(0, clean(g.Name), g.Present, g.Total, percent(g.Present, g.Total))
		}
	}
	if m := r.madeString(); m != "" {
		x.Skip()
		x.Put(0, m)
	}
	x.Widths(24, 14, 12, 10)

	if len(r.d.Groups) > 0 {
		x.NewSheet(r.t(catalog.ReportSheetMissing), r.t(catalog.ReportGroup), r.t(catalog.ReportName), r.t(catalog.ReportUnit), r.t(catalog.ReportExpectedBy))
		for _, m := range r.missingRows() {
			x.Put(0, m.group, m.name, m.unit, m.expected)
		}
		x.Widths(20, 28, 28, 10)
	}
	if len(r.d.Guests) > 0 {
		x.NewSheet(r.t(catalog.ReportSheetGuests), r.guestHeaders()...)
		for _, g := range r.d.Guests {
			x.Put(0, export.Cells(r.guestRow(g))...)
		}
		x.Widths(10, 28, 16, 16, 12, 12)
	}
	x.NewSheet(r.t(catalog.ReportSheetWarnings), r.warningHeaders()...)
	for _, wn := range r.d.Warnings {
		x.Put(0, export.Cells(r.warningRow(wn))...)
	}
	x.Widths(10, 16, 24, 80, 16)

	return x.Write(w)
}
