// Package trace writes a contact trace (canhcua.Trace) for the health
// office: text (a readable table), CSV (UTF-8 with a BOM, for Excel), XLSX,
// or JSON.
//
// Times are shown as dd/mm/yyyy HH:MM in Vietnam's time, in JSON as RFC 3339
// with the offset (2026-11-27T08:00:00+07:00). ID numbers are masked
// (canhcua.MaskID) unless Options.FullID; person keys, which may hold them,
// are never written. Names are as recorded: UTF-8 (JSON does not escape
// Vietnamese letters); text, CSV and XLSX have control characters and escape
// sequences removed, and CSV cells a spreadsheet would take for a formula
// defused (export.Defuse).
package trace

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store/export"
)

// Formats are the formats Write knows.
var Formats = []string{"text", "csv", "xlsx", "json"}

// Doc is a trace and what it covers.
type Doc struct {
	canhcua.TraceResult
	First, Last time.Time     // the days traced (the last included)
	Window      time.Duration // presence after an entry with no exit
	Source      string        // where the scans come from (a URL without password, a file)
	Server      bool          // from the district's server: times corrected for each desk's clock
}

// Options are how Write writes.
type Options struct {
	FullID   bool           // full ID numbers instead of masked ones
	Lang     string         // "vi" (default) or "en": words of text, CSV and XLSX (not JSON's keys)
	Location *time.Location // nil: Vietnam
	Comma    rune           // separates the CSV's fields; 0: export.DefaultSeparator
}

// TimeLayout is how times are shown in text, CSV and XLSX.
const TimeLayout = "02/01/2006 15:04"

// Write writes d to w in format.
func Write(w io.Writer, format string, d Doc, opt Options) error {
	if opt.Location == nil {
		opt.Location = tz.Vietnam()
	}
	l, ok := catalog.Parse(cmp.Or(opt.Lang, string(catalog.VI)))
	if !ok {
		return canhcua.Errorf(canhcua.EINVALID, catalog.ErrExportLanguage, opt.Lang)
	}
	t := &doc{d: d, opt: opt, l: l}
	var err error
	switch format {
	case "text":
		err = t.text(w)
	case "csv":
		err = t.csv(w)
	case "xlsx":
		err = t.xlsx(w)
	case "json":
		err = t.json(w)
	default:
		return canhcua.Errorf(canhcua.EINVALID, catalog.ErrExportFormat, format)
	}
	if err != nil {
		return fmt.Errorf("trace %s: %w", format, err)
	}
	return nil
}

// DefaultName is the file name of a trace of the days first to last:
// "canhcua-trace-2026-11-27.csv", "canhcua-trace-2026-11-27_2026-11-28.json".
func DefaultName(first, last time.Time, format string) string {
	name := export.DayFileName("trace", first, format)
	if a, b := first.Format(time.DateOnly), last.Format(time.DateOnly); a != b {
		name = strings.Replace(name, a, a+"_"+b, 1)
	}
	return name
}

type doc struct {
	d   Doc
	opt Options
	l   catalog.Lang
}

func (t *doc) tr(key catalog.Key, args ...any) string { return t.l.T(key, args...) }

func (t *doc) id(s string) string {
	if t.opt.FullID {
		return s
	}
	return canhcua.MaskID(s)
}

func (t *doc) at(v time.Time) string { return v.In(t.opt.Location).Format(TimeLayout) }

// span is "27/11/2026 08:55–09:00", the day written once when both ends are
// on it.
func (t *doc) span(from, to time.Time) string {
	a, b := t.at(from), t.at(to)
	if a[:10] == b[:10] {
		b = b[11:]
	}
	return a + "–" + b
}

func clean(s string) string { return canhcua.Sanitize(s, 0) }

// header is the lines above the tables: label and value.
func (t *doc) header() [][2]string {
	p := t.d.Person
	period := t.d.First.Format("02/01/2006")
	if last := t.d.Last.Format("02/01/2006"); last != period {
		period += " – " + last
	}
	rows := [][2]string{
		{t.tr(catalog.TracePerson), clean(p.Name)},
		{t.tr(catalog.TraceIDNumber), t.id(p.IDNumber)},
		{t.tr(catalog.TraceBirth), clean(p.BirthDate)},
		{t.tr(catalog.TracePeriod), period},
		{t.tr(catalog.TraceSource), clean(t.d.Source)},
	}
	return rows
}

// notes are the lines below the header: what "present" means, and the
// clock correction.
func (t *doc) notes() []string {
	m := int(t.d.Window / time.Minute)
	out := []string{t.tr(catalog.TracePresent, m, m)}
	if t.d.Server {
		out = append(out, t.tr(catalog.TraceClocks))
	}
	return out
}

func (t *doc) visitHeaders() []string {
	return []string{t.tr(catalog.TraceSite), t.tr(catalog.TraceDoor), t.tr(catalog.TraceIn), t.tr(catalog.TraceOut), t.tr(catalog.TraceNote)}
}

// visitRow is a visit's cells: site, door(s), in, out, note.
func (t *doc) visitRow(v canhcua.Presence) []string {
	door := v.Door
	switch {
	case door == "":
		door = v.DoorOut
	case v.DoorOut != "" && v.DoorOut != v.Door:
		door += " → " + v.DoorOut
	}
	var notes []string
	if v.NoEntry {
		notes = append(notes, t.tr(catalog.TraceNoEntry))
	}
	if v.NoExit {
		notes = append(notes, t.tr(catalog.TraceNoExit))
	}
	return []string{clean(v.Site), clean(door), t.at(v.In), t.at(v.Out), strings.Join(notes, "; ")}
}

func (t *doc) contactHeaders() []string {
	return []string{t.tr(catalog.TraceName), t.tr(catalog.TraceIDNumber), t.tr(catalog.TraceSite), t.tr(catalog.TraceMinutes), t.tr(catalog.TraceWhen)}
}

// contactRow is a contact's cells: name, ID, site, minutes, when (and at
// which of the contact's doors).
func (t *doc) contactRow(c canhcua.Contact) []string {
	when := make([]string, len(c.Times))
	for i, ct := range c.Times {
		when[i] = t.span(ct.From, ct.To)
		if ct.Door != "" {
			when[i] += " (" + clean(ct.Door) + ")"
		}
	}
	return []string{clean(c.Name), t.id(c.IDNumber), clean(c.Site), strconv.Itoa(c.Minutes()), strings.Join(when, "; ")}
}

func (t *doc) text(w io.Writer) error {
	b := bufio.NewWriter(w)
	p := func(s string) { b.WriteString(s + "\n") }
	p(t.tr(catalog.TraceTitle))
	for _, h := range t.header() {
		p(h[0] + ": " + h[1])
	}
	for _, n := range t.notes() {
		p(n)
	}
	table := func(title string, headers []string, rows [][]string) {
		p("")
		p(fmt.Sprintf("%s (%d)", title, len(rows)))
		if len(rows) == 0 {
			p("  " + t.tr(catalog.TraceNone))
			return
		}
		var tb strings.Builder
		tw := tabwriter.NewWriter(&tb, 0, 4, 2, ' ', 0)
		for _, r := range append([][]string{headers}, rows...) {
			fmt.Fprintln(tw, "  "+strings.Join(r, "\t"))
		}
		tw.Flush()
		for _, line := range strings.Split(strings.TrimSuffix(tb.String(), "\n"), "\n") {
			p(strings.TrimRight(line, " "))
		}
	}
	var rows [][]string
	for _, v := range t.d.Visits {
		rows = append(rows, t.visitRow(v))
	}
	table(t.tr(catalog.TraceVisits), t.visitHeaders(), rows)
	rows = nil
	for _, c := range t.d.Contacts {
		rows = append(rows, t.contactRow(c))
	}
	table(t.tr(catalog.TraceContacts), t.contactHeaders(), rows)
	return b.Flush()
}

// csv writes the header lines as label,value rows, then the visits and the
// contacts, each a title row, a header row and the rows, after an empty
// line.
func (t *doc) csv(w io.Writer) error {
	cw, err := export.NewCSV(w, t.opt.Comma)
	if err != nil {
		return err
	}
	rec := func(fields ...string) { // errors are kept by cw and read at Flush
		for i, f := range fields {
			fields[i] = export.Defuse(f)
		}
		cw.Write(fields)
	}
	rec(t.tr(catalog.TraceTitle))
	for _, h := range t.header() {
		rec(h[0], h[1])
	}
	for _, n := range t.notes() {
		rec(n)
	}
	rec()
	rec(t.tr(catalog.TraceVisits))
	rec(t.visitHeaders()...)
	for _, v := range t.d.Visits {
		rec(t.visitRow(v)...)
	}
	rec()
	rec(t.tr(catalog.TraceContacts))
	rec(t.contactHeaders()...)
	for _, c := range t.d.Contacts {
		rec(t.contactRow(c)...)
	}
	cw.Flush()
	return cw.Error()
}

// xlsx writes a summary sheet (the header lines), then a sheet of visits
// and one of contacts (minutes as numbers).
func (t *doc) xlsx(w io.Writer) error {
	x := export.NewSheets()
	defer x.Close()
	x.Sheet(t.tr(catalog.TraceSummary))
	x.Put(x.Title, t.tr(catalog.TraceTitle))
	for _, h := range t.header() {
		x.Put(0, h[0], h[1])
	}
	x.Skip()
	for _, n := range t.notes() {
		x.Put(0, n)
	}
	x.Widths(24, 40)

	x.NewSheet(t.tr(catalog.TraceVisits), t.visitHeaders()...)
	for _, v := range t.d.Visits {
		x.Put(0, export.Cells(t.visitRow(v))...)
	}
	x.Widths(28, 24, 18, 18, 36)

	x.NewSheet(t.tr(catalog.TraceContacts), t.contactHeaders()...)
	for _, c := range t.d.Contacts {
		cells := export.Cells(t.contactRow(c))
		cells[3] = c.Minutes()
		x.Put(0, cells...)
	}
	x.Widths(28, 16, 28, 10, 60)
	return x.Write(w)
}

type jsonPerson struct {
	Name      string `json:"name"`
	ID        string `json:"id"`
	BirthDate string `json:"birth_date"`
}

type jsonVisit struct {
	Site    string `json:"site"`
	Door    string `json:"door"`     // of the entry; "" when none was scanned
	DoorOut string `json:"door_out"` // of the exit; "" when none was scanned
	In      string `json:"in"`
	Out     string `json:"out"`
	NoEntry bool   `json:"no_entry"` // in estimated: the exit less the window
	NoExit  bool   `json:"no_exit"`  // out estimated: the entry plus the window
}

type jsonContact struct {
	Name    string     `json:"name"`
	ID      string     `json:"id"`
	Site    string     `json:"site"`
	Minutes int        `json:"minutes"`
	Times   []jsonTime `json:"times"`
}

type jsonTime struct {
	From string `json:"from"`
	To   string `json:"to"`
	Door string `json:"door"`
}

// json writes one object: {"person": {…}, "visits": […], "contacts": […]}.
func (t *doc) json(w io.Writer) error {
	rfc := func(v time.Time) string { return v.In(t.opt.Location).Format(time.RFC3339) }
	p := t.d.Person
	out := struct {
		Person   jsonPerson    `json:"person"`
		Visits   []jsonVisit   `json:"visits"`
		Contacts []jsonContact `json:"contacts"`
	}{
		Person:   jsonPerson{Name: p.Name, ID: t.id(p.IDNumber), BirthDate: p.BirthDate},
		Visits:   []jsonVisit{},
		Contacts: []jsonContact{},
	}
	for _, v := range t.d.Visits {
		out.Visits = append(out.Visits, jsonVisit{Site: v.Site, Door: v.Door, DoorOut: v.DoorOut,
			In: rfc(v.In), Out: rfc(v.Out), NoEntry: v.NoEntry, NoExit: v.NoExit})
	}
	for _, c := range t.d.Contacts {
		jc := jsonContact{Name: c.Name, ID: t.id(c.IDNumber), Site: c.Site, Minutes: c.Minutes(), Times: []jsonTime{}}
		for _, ct := range c.Times {
			jc.Times = append(jc.Times, jsonTime{From: rfc(ct.From), To: rfc(ct.To), Door: ct.Door})
		}
		out.Contacts = append(out.Contacts, jc)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
