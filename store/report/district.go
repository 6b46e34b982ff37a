package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store/export"
)

// The district's table (canhcua district --format): a row a site with its
// doors, the day's entries, exits and people, each roster group's share
// scanned, the day's warnings and when the site was last heard from (and its
// silent doors), as text, CSV, XLSX or PDF. The CSV and XLSX are the table
// alone, its header first (in English: Site, Doors, Entries, Exits, People,
// Staff scanned, Warnings, Last heard); text and PDF have a title, the
// totals and the rules above it.

// WriteDistrict writes the table d to w in format ("text", "csv", "xlsx" or
// "pdf"), in lang ("vi", the default when "", or "en"); made, when not zero,
// is shown as the time the table was made (text and PDF); comma separates the
// CSV's fields (0: export.DefaultSeparator).
func WriteDistrict(w io.Writer, format string, d canhcua.District, lang string, made time.Time, comma rune) error {
	l, err := language(lang)
	if err != nil {
		return err
	}
	t := &table{d: d, made: made, lang: l, loc: tz.Vietnam(), comma: comma}
	return dispatch(w, format, t.text, t.csv, t.xlsx, t.pdf)
}

// DistrictFileName is the file name of the district's table of a day:
// "canhcua-district-2026-11-27.pdf".
func DistrictFileName(day time.Time, format string) string {
	return export.DayFileName("district", day, format)
}

// table is the district's table being written.
type table struct {
	d     canhcua.District
	made  time.Time
	lang  catalog.Lang
	loc   *time.Location
	comma rune
}

func (t *table) t(key catalog.Key, args ...any) string { return t.lang.T(key, args...) }

func (t *table) headers() []string {
	return []string{t.t(catalog.DistrictColSite), t.t(catalog.DistrictColDoors), t.t(catalog.DistrictColEntries),
		t.t(catalog.DistrictColExits), t.t(catalog.DistrictColPeople), t.t(catalog.DistrictColStaff),
		t.t(catalog.DistrictColWarnings), t.t(catalog.DistrictColLastHeard)}
}

// numeric says which columns are numbers (right-aligned, numbers in XLSX).
var numeric = []bool{false, true, true, true, true, false, true, false}

// cells are a site's row, its text sanitized (not defused).
func (t *table) cells(s canhcua.SiteStatus) []string {
	c := s.Counts
	return []string{clean(s.Site), strconv.Itoa(len(s.Doors)), strconv.Itoa(c.Entries), strconv.Itoa(c.Exits),
		strconv.Itoa(c.People), clean(s.StaffScanned()), strconv.Itoa(s.Warnings), t.lastHeard(s)}
}

// lastHeard is when the site was last heard from, and its silent doors with
// how long each has been silent: "27/11/2026 14:02:11 — IM LẶNG: Cổng sau 28 phút".
func (t *table) lastHeard(s canhcua.SiteStatus) string {
	last := s.LastHeard()
	if last.IsZero() {
		return t.t(catalog.DistrictNever)
	}
	out := last.In(t.loc).Format("02/01/2006 15:04:05")
	var silent []string
	for _, d := range s.Silent() {
		silent = append(silent, t.t(catalog.DistrictSilentDoor, clean(d.Door), int(t.d.Now.Sub(d.LastHeard)/time.Minute)))
	}
	if len(silent) > 0 {
		out += " — " + t.t(catalog.DistrictSilent, strings.Join(silent, ", "))
	}
	return out
}

// summary is "3 đơn vị · cán bộ đã quét 52/70 (74%) · 1 cửa im lặng · 4 cảnh báo".
func (t *table) summary() string {
	present, total, silent, warnings := t.d.Totals()
	return t.t(catalog.DistrictSummary, len(t.d.Sites), Share(present, total), silent, warnings)
}

func (t *table) rules() string {
	return t.t(catalog.DistrictRules, t.d.Hours.String(), int(canhcua.SilentAfter/time.Minute))
}

func (t *table) title() string {
	return t.t(catalog.DistrictTitle) + " — " + t.d.Day.In(t.loc).Format("02/01/2006")
}

func (t *table) madeString() string {
	if t.made.IsZero() {
		return ""
	}
	return t.t(catalog.ReportMade) + " " + t.made.In(t.loc).Format("02/01/2006 15:04")
}

// text writes the title, the totals, the rules and the table in columns.
func (t *table) text(w io.Writer) error {
	b := bufio.NewWriter(w)
	rows := [][]string{t.headers()}
	for _, s := range t.d.Sites {
		rows = append(rows, t.cells(s))
	}
	widths := make([]int, len(numeric))
	for _, r := range rows {
		for i, c := range r[:len(r)-1] { // the last column is not padded
			widths[i] = max(widths[i], canhcua.DisplayWidth(c))
		}
	}
	fmt.Fprintln(b, t.title())
	fmt.Fprintln(b, t.summary())
	fmt.Fprintln(b, t.rules())
	fmt.Fprintln(b)
	for _, r := range rows {
		var line []string
		for i, c := range r {
			pad := strings.Repeat(" ", max(0, widths[i]-canhcua.DisplayWidth(c)))
			switch {
			case i == len(r)-1:
				line = append(line, c)
			case numeric[i]:
				line = append(line, pad+c)
			default:
				line = append(line, c+pad)
			}
		}
		fmt.Fprintln(b, strings.TrimRight(strings.Join(line, "  "), " "))
	}
	if m := t.madeString(); m != "" {
		fmt.Fprintln(b)
		fmt.Fprintln(b, m)
	}
	return b.Flush()
}

// csv writes the header and a row a site, for Excel (UTF-8 with a BOM,
// CRLF), every text cell defused.
func (t *table) csv(w io.Writer) error {
	cw, err := export.NewCSV(w, t.comma)
	if err != nil {
		return err
	}
	cw.Write(t.headers()) // errors are kept by cw and read at Flush
	for _, s := range t.d.Sites {
		cw.Write(safeAll(t.cells(s)))
	}
	cw.Flush()
	return cw.Error()
}

// xlsx writes one sheet: the header (bold, frozen) and a row a site, the
// figures as numbers.
func (t *table) xlsx(w io.Writer) error {
	x := export.NewSheets()
	defer x.Close()
	x.NewSheet(t.t(catalog.DistrictSheet), t.headers()...)
	for _, s := range t.d.Sites {
		cells := t.cells(s)
		row := make([]any, len(cells))
		for i, c := range cells {
			row[i] = c
			if n, err := strconv.Atoi(c); numeric[i] && err == nil {
				row[i] = n
			}
		}
		x.Put(0, row...)
	}
	x.Widths(32, 8, 10, 10, 10, 36, 10, 44)
	return x.Write(w)
}

// PDF layout of the table: A4 landscape, 15 mm margins.
const (
	pdfLandWidth = 297 - 2*pdfMargin
)

// pdfColumns are the table's column widths in millimetres (pdfLandWidth in all).
var pdfColumns = []float64{55, 14, 18, 16, 18, 60, 18, 68}

// pdf writes the title, the totals and rules, and the table, A4 landscape.
func (t *table) pdf(w io.Writer) error {
	doc := newDoc(t.title(), pdfLandWidth, t.madeString(), t.lang)
	doc.AddPageFormat("L", fpdf.SizeType{Wd: 210, Ht: 297})
	p := &pdfWriter{doc: doc}
	doc.SetFont(export.PDFFont, "B", 16)
	doc.CellFormat(pdfLandWidth, 9, p.fit(t.title(), pdfLandWidth), "", 1, "C", false, 0, "")
	doc.SetFont(export.PDFFont, "", 10)
	doc.CellFormat(pdfLandWidth, pdfLine, p.fit(t.summary(), pdfLandWidth), "", 1, "C", false, 0, "")
	doc.MultiCell(pdfLandWidth, 5, t.rules(), "", "C", false)
	doc.Ln(4)
	al := make([]string, len(numeric))
	for i, n := range numeric {
		al[i] = "L"
		if n {
			al[i] = "R"
		}
	}
	p.table(pdfColumns, al, t.headers())
	for _, s := range t.d.Sites {
		p.row(pdfColumns, al, t.cells(s))
	}
	if err := doc.Error(); err != nil {
		return err
	}
	return doc.Output(w)
}
