package report

import (
	"io"
	"strconv"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store/export"
)

// safe defuses text a spreadsheet would take for a formula.
var safe = export.Defuse

func safeAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = safe(s)
	}
	return out
}

// csv writes the report as CSV for Excel (UTF-8 with a BOM, CRLF): the title
// lines and figures as label,value rows, then one table a section (a title
// row, a header row, the rows), sections separated by an empty line.
func (r *rep) csv(w io.Writer) error {
	cw, err := export.NewCSV(w, r.d.Comma)
	if err != nil {
		return err
	}
	rec := func(fields ...string) { cw.Write(fields) } // errors are kept by cw and read at Flush

	if m := r.demoMark(); m != "" {
		rec(m)
	}
	rec(r.t(catalog.ReportTitle))
	if r.d.Site != "" {
		rec(r.t(catalog.ReportSite), safe(clean(r.d.Site)))
	}
	rec(r.t(catalog.ReportDate), r.dateString())
	rec(r.t(catalog.ReportDoor), safe(r.doorString()))
	for _, f := range r.figures() {
		rec(f[0], f[1])
	}

	if len(r.d.Groups) > 0 {
		rec()
		rec(r.t(catalog.ReportGroups))
		rec(r.t(catalog.ReportGroup), r.t(catalog.ReportPresent), r.t(catalog.ReportTotal), r.t(catalog.ReportShare))
		for _, g := range r.d.Groups {
			rec(safe(clean(g.Name)), strconv.Itoa(g.Present), strconv.Itoa(g.Total), percent(g.Present, g.Total))
		}
		rec()
		rec(r.t(catalog.ReportMissing))
		rec(r.t(catalog.ReportGroup), r.t(catalog.ReportName), r.t(catalog.ReportUnit), r.t(catalog.ReportExpectedBy))
		for _, m := range r.missingRows() {
			rec(safe(m.group), safe(m.name), safe(m.unit), m.expected)
		}
	}

	if len(r.d.Guests) > 0 {
		rec()
		rec(r.t(catalog.ReportGuests))
		rec(r.guestHeaders()...)
		for _, g := range r.d.Guests {
			rec(safeAll(r.guestRow(g))...)
		}
	}

	rec()
	rec(r.t(catalog.ReportWarnings))
	rec(r.warningHeaders()...)
	for _, wn := range r.d.Warnings {
		rec(safeAll(r.warningRow(wn))...)
	}
	if m := r.madeString(); m != "" {
		rec()
		rec(m)
	}
	cw.Flush()
	return cw.Error()
}
