// Package export writes a day's scans for the district health office: CSV
// (UTF-8 with a BOM, for Excel), XLSX and JSON, one row per scan.
//
// CSV text that a spreadsheet would take for a formula gets a leading
// apostrophe (Defuse); XLSX cells are written as strings, which are never
// formulas, and keep their text as it is. A rejected scan has no direction
// ("–" in CSV and XLSX, as on the screen; "" in JSON). ID numbers are masked
// (canhcua.MaskID) unless Options.FullID.
package export

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
)

// Formats are the formats Write knows.
var Formats = []string{"csv", "xlsx", "json"}

// Options are how Write writes.
type Options struct {
	FullID   bool           // full ID numbers instead of masked ones
	Location *time.Location // time zone of the times; nil: Asia/Ho_Chi_Minh
	Lang     string         // "vi" (default) or "en": headers and values (not JSON's)
	// Day names the XLSX sheet; zero: the day of the first scan.
	Day time.Time
	// Comma separates CSV fields; 0: DefaultSeparator.
	Comma rune
	// Demo: the scans are the demo's made-up people. The file says so before
	// anything else: CSV and XLSX in a first row (and the sheet's name), JSON
	// as {"demo": true, "scans": […]} instead of a bare list, so no import
	// takes them for real check-ins.
	Demo bool
}

// TimeLayout is the layout of times in CSV and XLSX: dd/mm/yyyy HH:MM:SS.
const TimeLayout = "02/01/2006 15:04:05"

// headers are the columns, in order.
var headers = []catalog.Key{catalog.ExportTime, catalog.ExportDoor, catalog.ExportDirection, catalog.ExportName,
	catalog.ExportID, catalog.ExportKind, catalog.ExportResult, catalog.ExportReason}

var directions = map[canhcua.Direction]catalog.Key{canhcua.In: catalog.ExportIn, canhcua.Out: catalog.ExportOut}

var results = map[canhcua.Result]catalog.Key{canhcua.Accepted: catalog.ExportAccepted,
	canhcua.Duplicate: catalog.ExportDuplicate, canhcua.Rejected: catalog.ExportRejected, canhcua.Voided: catalog.ExportVoided}

// Kinds names each kind of code in documents (exports, reports).
var Kinds = map[canhcua.Kind]catalog.Key{canhcua.KindCCCD: catalog.ExportKindCCCD,
	canhcua.KindCanCuoc: catalog.ExportKindCanCuoc, canhcua.KindHC1: catalog.ExportKindHC1,
	canhcua.KindToken: catalog.ExportKindToken, canhcua.KindBadge: catalog.ExportKindBadge,
	canhcua.KindPayment: catalog.ExportKindPayment, canhcua.KindManual: catalog.ExportKindManual,
	canhcua.KindText: catalog.ExportKindText}

// Write writes scans to w in format ("csv", "xlsx" or "json"). No scans make
// a file with only the headers (JSON: []).
func Write(w io.Writer, format string, scans []canhcua.Scan, opt Options) error {
	if opt.Location == nil {
		opt.Location = tz.Vietnam()
	}
	if opt.Lang == "" {
		opt.Lang = string(catalog.VI)
	}
	l, ok := catalog.Parse(opt.Lang)
	if !ok {
		return canhcua.Errorf(canhcua.EINVALID, catalog.ErrExportLanguage, opt.Lang)
	}
	var err error
	switch strings.ToLower(format) {
	case "csv":
		err = writeCSV(w, scans, opt, l)
	case "xlsx":
		err = writeXLSX(w, scans, opt, l)
	case "json":
		err = writeJSON(w, scans, opt)
	default:
		return canhcua.Errorf(canhcua.EINVALID, catalog.ErrExportFormat, format)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	return nil
}

// DefaultName is the file name for a day's export, from the day's date in its
// own location: "canhcua-2026-11-27.csv".
func DefaultName(day time.Time, format string) string { return DayFileName("", day, format) }

// DemoName is the name of path's file made from the demo's database:
// "demo-canhcua-2026-11-27.csv" in the same folder.
func DemoName(path string) string {
	return filepath.Join(filepath.Dir(path), "demo-"+filepath.Base(path))
}

// DayFileName is the file name of a day's document of a kind ("" for the
// export, "report"…) in a format: "canhcua-report-2026-11-27.pdf", from the
// day's date in its own location; the text format is written ".txt".
func DayFileName(kind string, day time.Time, format string) string {
	name := "canhcua-"
	if kind != "" {
		name += kind + "-"
	}
	ext := strings.ToLower(format)
	if ext == "text" {
		ext = "txt"
	}
	return name + day.Format(time.DateOnly) + "." + ext
}

// NoDirection is the direction shown for a rejected scan: nobody went
// through the door.
const NoDirection = "–"

// row is one scan's cells, except the time: door, direction, name, ID, kind,
// result, reason; as they are, for a cell that is a string (XLSX).
func row(s canhcua.Scan, opt Options, l catalog.Lang) []string {
	id := s.IDNumber
	if !opt.FullID {
		id = canhcua.MaskID(id)
	}
	reason := ""
	if s.Result == canhcua.Rejected || s.Result == canhcua.Voided {
		reason = s.ReasonIn(opt.Lang)
	}
	dir := catalog.Label(l, directions, s.Direction)
	if s.Result == canhcua.Rejected {
		dir = NoDirection
	}
	return []string{s.Door, dir, s.Name, id, catalog.Label(l, Kinds, s.Kind), catalog.Label(l, results, s.Result), reason}
}

// Defuse defuses CSV text that a spreadsheet would take for a formula with
// a leading apostrophe: text whose first character other than a space is
// =, +, -, @ (Excel and LibreOffice start formulas with them), their
// full-width forms ＝＋－＠ (Excel with an East Asian input setting reads
// them as the ASCII ones) and, to be safe, their small forms ﹦﹢﹣﹫, or a
// tab, carriage return or line feed (OWASP, "CSV Injection"). XLSX cells do
// not need it: a string cell is never a formula.
func Defuse(s string) string {
	t := strings.TrimLeft(s, spaces) // some readers skip spaces before a formula
	if r, _ := utf8.DecodeRuneInString(t); t != "" && strings.ContainsRune(formulaStarts, r) {
		return "'" + s
	}
	return s
}

const (
	formulaStarts = "=+-@\t\r\n" +
		"\uff1d\uff0b\uff0d\uff20" + // full-width ＝＋－＠
		"\ufe66\ufe62\ufe63\ufe6b" // small ﹦﹢﹣﹫
	spaces = " \u00a0\u3000"
)

func writeCSV(w io.Writer, scans []canhcua.Scan, opt Options, l catalog.Lang) error {
	cw, err := NewCSV(w, opt.Comma)
	if err != nil {
		return err
	}
	if opt.Demo {
		mark := make([]string, len(headers)) // as wide as the rows: a rectangular file
		mark[0] = l.T(catalog.ExportDemo)
		if err := cw.Write(mark); err != nil {
			return err
		}
	}
	if err := cw.Write(headerRow(l)); err != nil {
		return err
	}
	rec := make([]string, 0, len(headers))
	for _, s := range scans {
		rec = append(rec[:0], s.At.In(opt.Location).Format(TimeLayout))
		for _, v := range row(s, opt, l) {
			rec = append(rec, Defuse(v))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// headerRow is the header in l.
func headerRow(l catalog.Lang) []string {
	out := make([]string, len(headers))
	for i, k := range headers {
		out[i] = l.T(k)
	}
	return out
}

type jsonScan struct {
	Time      string `json:"time"`
	Door      string `json:"door"`
	Direction string `json:"direction"`
	Name      string `json:"name"`
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Result    string `json:"result"`
	Reason    string `json:"reason"`
}

func writeJSON(w io.Writer, scans []canhcua.Scan, opt Options) error {
	out := make([]jsonScan, 0, len(scans))
	for _, s := range scans {
		id := s.IDNumber
		if !opt.FullID {
			id = canhcua.MaskID(id)
		}
		reason, dir := "", string(s.Direction)
		if s.Result == canhcua.Rejected || s.Result == canhcua.Voided {
			reason = s.Reason
		}
		if s.Result == canhcua.Rejected {
			dir = ""
		}
		out = append(out, jsonScan{
			Time: s.At.In(opt.Location).Format(time.RFC3339), Door: s.Door, Direction: dir,
			Name: s.Name, ID: id, Kind: string(s.Kind), Result: string(s.Result), Reason: reason,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if opt.Demo {
		return enc.Encode(struct {
			Demo  bool       `json:"demo"`
			Scans []jsonScan `json:"scans"`
		}{true, out})
	}
	return enc.Encode(out)
}

// sheetName is the XLSX sheet's name: the day as dd-mm-yyyy ('/' is not
// allowed in sheet names), or first–last day when the scans span days.
func sheetName(scans []canhcua.Scan, opt Options) string {
	first := opt.Day
	last := first
	if first.IsZero() {
		if len(scans) == 0 {
			return "canhcua"
		}
		first, last = scans[0].At, scans[len(scans)-1].At
	}
	a, b := first.In(opt.Location).Format("02-01-2006"), last.In(opt.Location).Format("02-01-2006")
	name := a
	if a != b {
		name = a + " – " + b
	}
	if opt.Demo {
		name = "DEMO " + name // catalog:data: the same word in every language, as on the screen
	}
	return name
}

// excelTime is t's local wall clock as an Excel serial date (1900 system).
func excelTime(t time.Time) float64 {
	y, m, d := t.Date()
	wall := time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	const secondsPerDay = 86400
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return float64(wall.Sub(epoch).Milliseconds()) / 1000 / secondsPerDay
}

// XLSX column widths, in characters.
var xlsxWidths = []float64{20, 16, 8, 28, 16, 16, 12, 36}

func writeXLSX(w io.Writer, scans []canhcua.Scan, opt Options, l catalog.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(scans, opt)
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	timeFmt := "dd/mm/yyyy hh:mm:ss" // catalog:data: an Excel number format
	timeStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &timeFmt})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, wd := range xlsxWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	top := 1 // the header's row; the demo's mark comes first
	if opt.Demo {
		top = 2
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: top, TopLeftCell: fmt.Sprintf("A%d", top+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if opt.Demo {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: bold, Value: l.T(catalog.ExportDemo)}}); err != nil {
			return err
		}
	}
	cells := make([]any, len(headers))
	for i, h := range headerRow(l) {
		cells[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", top), cells); err != nil {
		return err
	}
	for i, s := range scans {
		cells = append(cells[:0], excelize.Cell{StyleID: timeStyle, Value: excelTime(s.At.In(opt.Location))})
		for _, v := range row(s, opt, l) {
			cells = append(cells, v) // written as an inline string (t="inlineStr"), never a formula
		}
		cell, err := excelize.CoordinatesToCellName(1, top+1+i)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
