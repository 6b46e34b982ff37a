package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/canhcua/canhcua/internal/catalog"
)

// text writes the report as plain UTF-8 text, one item a line, for the
// terminal or a text file. User text (names, messages) is sanitized: no
// control characters or escape sequences reach the terminal.
func (r *rep) text(w io.Writer) error {
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }

	if m := r.demoMark(); m != "" {
		p("%s", m)
	}
	p("%s", r.t(catalog.ReportTitle))
	if r.d.Site != "" {
		p("%s: %s", r.t(catalog.ReportSite), clean(r.d.Site))
	}
	p("%s %s", r.t(catalog.ReportDate), r.dateString())
	p("%s: %s", r.t(catalog.ReportDoor), r.doorString())
	p("")

	figs := r.figures()
	width := 0
	for _, f := range figs {
		width = max(width, utf8.RuneCountInString(f[0]))
	}
	for _, f := range figs {
		p("%s%s %6s", f[0], strings.Repeat(" ", width-utf8.RuneCountInString(f[0])), f[1])
	}

	if len(r.d.Groups) > 0 {
		p("")
		for _, g := range r.d.Groups {
			p("%s", r.scannedLine(g))
		}
		rows := r.missingRows()
		p("")
		p("%s (%d)", r.t(catalog.ReportMissing), len(rows))
		if len(rows) == 0 {
			p("  %s", r.t(catalog.ReportNone))
		}
		group := ""
		n := 0
		for _, m := range rows {
			if m.group != group || n == 0 {
				group, n = m.group, 0
				p("  %s:", m.group)
			}
			n++
			line := fmt.Sprintf("    %d. %s", n, m.name)
			if m.unit != "" {
				line += " — " + m.unit
			}
			if m.expected != "" {
				line += " — " + r.t(catalog.ReportExpectedBy) + " " + m.expected
			}
			p("%s", line)
		}
	}

	if len(r.d.Guests) > 0 {
		p("")
		p("%s (%d)", r.t(catalog.ReportGuests), len(r.d.Guests))
		for _, g := range r.d.Guests {
			c := r.guestRow(g)
			// time, name, ID, door, decision, decided
			line := "  " + c[0] + "  " + c[1]
			if c[2] != "" {
				line += " (" + c[2] + ")"
			}
			line += "  " + c[3] + "  " + c[4]
			if c[5] != "" {
				line += " " + c[5]
			}
			p("%s", line)
		}
	}

	p("")
	p("%s (%d)", r.t(catalog.ReportWarnings), len(r.d.Warnings))
	if len(r.d.Warnings) == 0 {
		p("  %s", r.t(catalog.ReportNone))
	}
	for _, wn := range r.d.Warnings {
		c := r.warningRow(wn) // time, door, kind, message, state
		p("  %s  %s  [%s]  %s — %s", c[0], c[1], c[2], c[3], c[4])
	}

	if m := r.madeString(); m != "" {
		p("")
		p("%s", m)
	}
	return b.Flush()
}
