// Package report writes a day's summary for the district health office: the
// entries, exits and people of the day, each expected group's share scanned,
// the expected people who did not scan, the guests admitted or refused at
// roster-only events, and the day's warnings. As plain text, CSV (UTF-8 with a
// BOM, for Excel), XLSX or PDF (A4, with a font that has the Vietnamese
// letters); in Vietnamese by default, or English.
//
// The package takes its input as a plain Day, which the command builds from
// the store; it does no I/O of its own but writing to w.
package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store/export"
)

// Formats are the formats Write knows.
var Formats = []string{"text", "csv", "xlsx", "pdf"}

// Day is what a report says about one day.
type Day struct {
	// Date is any time within the day, in the location in which the report
	// shows its times (a UTC time is taken in Asia/Ho_Chi_Minh).
	Date time.Time
	Site string // the office, shown under the title; "" for none
	Door string // "" for all doors
	// Counts are the day's figures (canhcua.Counts: accepted scans only).
	Counts   canhcua.Counts
	Groups   []Group
	Warnings []canhcua.Warning
	Guests   []Guest
	// Made is when the report was made, shown at its end; zero: not shown.
	Made time.Time
	// Demo: the day is the demo's (made-up people, its own database); the
	// report says so before its title.
	Demo bool
	// Comma separates the fields of the CSV; 0: export.DefaultSeparator.
	Comma rune
}

// Group is one roster's day: how many of its people scanned, and who did not.
type Group struct {
	Name    string
	Present int // members who scanned
	Total   int // members
	// ExpectedBy is the roster's expected-by time in minutes after midnight,
	// -1 when none; a member's own ExpectedBy (>= 0) overrides it.
	ExpectedBy int
	Missing    []canhcua.Member // expected people who did not scan
}

// Guest is someone not on the roster of a roster-only event whose scan was
// held for the operator, and what the operator decided.
type Guest struct {
	Name     string
	IDNumber string // shown masked
	Door     string
	At       time.Time // the scan
	Admitted bool      // admitted as a guest, else refused
	Decided  time.Time // the decision
}

// Share is "27/30 (90%)": present of total and the share, rounded down so
// that 100% means everyone.
func Share(present, total int) string {
	if total <= 0 {
		return fmt.Sprintf("%d/%d", present, total)
	}
	return fmt.Sprintf("%d/%d (%s)", present, total, percent(present, total))
}

// percent is "90%", rounded down; "" when total is 0.
func percent(present, total int) string {
	if total <= 0 {
		return ""
	}
	return fmt.Sprintf("%d%%", present*100/total)
}

// warningKinds names each kind of warning in the report.
var warningKinds = map[canhcua.WarningKind]catalog.Key{
	canhcua.WarnNotScanned:  catalog.ReportWarnNotScanned,
	canhcua.WarnNotOnRoster: catalog.ReportWarnNotOnRoster,
	canhcua.WarnStillInside: catalog.ReportWarnStillInside,
	canhcua.WarnNoScan:      catalog.ReportWarnNoScan,
	canhcua.WarnCamera:      catalog.ReportWarnCamera,
}

// Write writes the report of d to w in format ("text", "csv", "xlsx" or
// "pdf"), in lang ("vi", the default when "", or "en").
func Write(w io.Writer, format string, d Day, lang string) error {
	l, err := language(lang)
	if err != nil {
		return err
	}
	if d.Date.Location() == time.UTC || d.Date.Location() == nil {
		d.Date = d.Date.In(tz.Vietnam())
	}
	r := &rep{d: d, lang: l, loc: d.Date.Location()}
	return dispatch(w, format, r.text, r.csv, r.xlsx, r.pdf)
}

// language is the language lang names ("" for Vietnamese).
func language(lang string) (catalog.Lang, error) {
	if lang == "" {
		return catalog.VI, nil
	}
	l, ok := catalog.Parse(lang)
	if !ok {
		return "", canhcua.Errorf(canhcua.EINVALID, catalog.ErrReportLanguage, lang)
	}
	return l, nil
}

// dispatch writes a document to w with the writer of format.
func dispatch(w io.Writer, format string, text, csv, xlsx, pdf func(io.Writer) error) error {
	var write func(io.Writer) error
	switch strings.ToLower(format) {
	case "text", "txt":
		write = text
	case "csv":
		write = csv
	case "xlsx":
		write = xlsx
	case "pdf":
		write = pdf
	default:
		return canhcua.Errorf(canhcua.EINVALID, catalog.ErrReportFormat, format)
	}
	if err := write(w); err != nil {
		return fmt.Errorf("report %s: %w", format, err)
	}
	return nil
}

// DefaultName is the file name of a day's report: "canhcua-report-2026-11-27.pdf"
// ("….txt" for text).
func DefaultName(day time.Time, format string) string {
	return export.DayFileName("report", day, format)
}

// rep is one report being written.
type rep struct {
	d    Day
	lang catalog.Lang
	loc  *time.Location
}

// t is the text of key in the report's language.
func (r *rep) t(key catalog.Key, args ...any) string { return r.lang.T(key, args...) }

// clean makes user text (names, messages) one safe line.
func clean(s string) string { return canhcua.Sanitize(s, 0) }

// demoMark is the line that marks the demo's report, "" for a real one.
func (r *rep) demoMark() string {
	if !r.d.Demo {
		return ""
	}
	return r.t(catalog.ExportDemo)
}

func (r *rep) dateString() string { return r.d.Date.Format("02/01/2006") }

func (r *rep) doorString() string {
	if r.d.Door == "" {
		return r.t(catalog.ReportAllDoors)
	}
	return clean(r.d.Door)
}

func (r *rep) hm(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(r.loc).Format("15:04")
}

func (r *rep) hms(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(r.loc).Format("15:04:05")
}

// figures are the summary's label/value pairs.
func (r *rep) figures() [][2]string {
	c := r.d.Counts
	return [][2]string{
		{r.t(catalog.ReportEntries), fmt.Sprint(c.Entries)},
		{r.t(catalog.ReportExits), fmt.Sprint(c.Exits)},
		{r.t(catalog.ReportPeople), fmt.Sprint(c.People)},
		{r.t(catalog.ReportInside), fmt.Sprint(c.Inside)},
		{r.t(catalog.ReportRejected), fmt.Sprint(c.Rejected)},
	}
}

// scannedLine is "Cán bộ đã quét: 27/30 (90%)".
func (r *rep) scannedLine(g Group) string {
	return r.t(catalog.ReportScanned, clean(g.Name), Share(g.Present, g.Total))
}

// missingRow is one expected person who did not scan: group, name, unit,
// expected-by time.
type missingRow struct{ group, name, unit, expected string }

func (r *rep) missingRows() []missingRow {
	var rows []missingRow
	for _, g := range r.d.Groups {
		for _, m := range g.Missing {
			exp := m.ExpectedBy
			if exp < 0 {
				exp = g.ExpectedBy
			}
			e := ""
			if exp >= 0 {
				e = fmt.Sprintf("%02d:%02d", exp/60, exp%60)
			}
			rows = append(rows, missingRow{clean(g.Name), clean(m.Name), clean(m.Unit), e})
		}
	}
	return rows
}

// guestRow: time, name, masked ID, door, decision, decided at.
func (r *rep) guestRow(g Guest) []string {
	dec := r.t(catalog.ReportRefused)
	if g.Admitted {
		dec = r.t(catalog.ReportAdmitted)
	}
	return []string{r.hms(g.At), clean(g.Name), canhcua.MaskID(clean(g.IDNumber)), clean(g.Door), dec, r.hms(g.Decided)}
}

func (r *rep) guestHeaders() []string {
	return []string{r.t(catalog.ReportScanAt), r.t(catalog.ReportName), r.t(catalog.ReportIDNumber), r.t(catalog.ReportDoor), r.t(catalog.ReportDecision), r.t(catalog.ReportDecided)}
}

// warningDecisions names the operator's decisions on warnings.
var warningDecisions = map[canhcua.WarningDecision]catalog.Key{
	canhcua.WarnChecked:    catalog.ReportChecked,
	canhcua.WarnFalseAlarm: catalog.ReportFalseAlarm,
}

// warningRow: time, door, kind, message, state (the operator's decision and
// when, resolved at, or open).
func (r *rep) warningRow(w canhcua.Warning) []string {
	msg := w.Message
	if r.lang != catalog.EN && w.MessageVI != "" {
		msg = w.MessageVI
	}
	kind := catalog.Label(r.lang, warningKinds, w.Kind)
	state := r.t(catalog.ReportOpen)
	switch {
	case w.Decision != "":
		state = catalog.Label(r.lang, warningDecisions, w.Decision) + " " + r.hm(w.Decided)
	case !w.Resolved.IsZero():
		state = r.t(catalog.ReportResolved) + " " + r.hm(w.Resolved)
	}
	return []string{r.hms(w.At), clean(w.Door), kind, clean(msg), state}
}

func (r *rep) warningHeaders() []string {
	return []string{r.t(catalog.ReportTime), r.t(catalog.ReportDoor), r.t(catalog.ReportKind), r.t(catalog.ReportMessage), r.t(catalog.ReportResolvedAt)}
}

func (r *rep) madeString() string {
	if r.d.Made.IsZero() {
		return ""
	}
	return r.t(catalog.ReportMade) + " " + r.d.Made.In(r.loc).Format("02/01/2006 15:04")
}
