// Package roster reads lists of expected people (an office's staff, a
// meeting's attendees) from CSV, XLSX and PDF files into canhcua.Members.
//
// Every format is a table with a header row, recognised in Vietnamese or
// English without regard to diacritics or case (canhcua.Fold): STT/No.,
// Họ và tên/Name, Chức vụ/Position, Đơn vị/Unit/Department, Số CCCD/Số
// định danh/ID, Ngày sinh/Date of birth, Mã thẻ/Badge, Giờ/Expected. Rows
// before the header (titles) are skipped. A row that cannot be read is never
// dropped silently: it comes back as a Problem with its page and line.
package roster

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/pdf"
)

// Options configures Parse.
type Options struct {
	// OpenPDF opens a PDF file's bytes as a Document; a PDF roster cannot be
	// read without it.
	OpenPDF func(data []byte) (Document, error)
	// Codes finds the codes on a PDF's pages rendered at pdf.DPI (or less,
	// for a page too large: Document.DPI); a PDF
	// roster needs it unless NoCodes.
	Codes CodeReader
	// Identify reads the codes printed in a PDF (ID card QR images,
	// badges); nil: canhcua.Identify, which rejects badges (it has no key).
	Identify func(text string) canhcua.Identity
	// NoCodes skips looking for codes in PDFs (no page is rendered).
	NoCodes bool
}

// Document is an open PDF file (MuPDF's reading of it, in canhcua's
// camera.PDF). Pages are numbered from 0.
type Document interface {
	// Pages is the number of pages.
	Pages() int
	// HTML is MuPDF's HTML of a page (go-fitz's Document.HTML without
	// header): one <p style="top:…pt;left:…pt;line-height:…pt"> per line
	// of text.
	HTML(page int) (string, error)
	// DPI is the resolution a page is to be rendered at when dpi is
	// asked: dpi, or less for a page too large to render at dpi.
	DPI(page int, dpi float64) (float64, error)
	// Image renders a page at dpi.
	Image(page int, dpi float64) (image.Image, error)
	Close() error
}

// CodeReader finds and decodes the codes (QR) in an image; their points are
// in the image's pixels.
type CodeReader interface {
	ReadCodes(img image.Image) ([]canhcua.Code, error)
}

// Result is what Parse read: the people, in file order, and the problems.
type Result struct {
	Members  []canhcua.Member
	Problems []Problem
}

// Problem is a row (or a code) that could not be read, or a field of a row
// that was left out. Page is 0 for CSV and XLSX; Line is the 1-based line of
// the CSV file, row of the sheet, or text line of the PDF page.
type Problem struct {
	Page, Line int
	Text       string // the row's text, cells separated by " | "
	Reason     string
}

// String is "page P, line L: reason: text" ("line L: …" without a page).
func (p Problem) String() string {
	var b strings.Builder
	if p.Page > 0 {
		b.WriteString(catalog.EN.T(catalog.RosterProblemPage, p.Page))
	}
	b.WriteString(catalog.EN.T(catalog.RosterProblemLine, p.Line, p.Reason))
	if p.Text != "" {
		fmt.Fprintf(&b, ": %s", p.Text)
	}
	return b.String()
}

// Format is a roster file's format.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
	PDF  Format = "pdf"
)

// Detect tells a file's format from its first bytes, else its extension.
// Text files of any other extension are read as CSV.
func Detect(path string) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case pdf.Sniff(head):
		return PDF, nil
	case strings.HasPrefix(string(head), "PK\x03\x04"):
		return XLSX, nil
	case strings.HasPrefix(string(head), "\xd0\xcf\x11\xe0"):
		return "", canhcua.Errorf(canhcua.EINVALID, catalog.RosterOldExcel, path)
	case ext == ".pdf" || ext == ".xlsx":
		return "", canhcua.Errorf(canhcua.EINVALID, catalog.RosterNotFormat, path, strings.TrimPrefix(ext, "."))
	case n == 0:
		return "", canhcua.Errorf(canhcua.EINVALID, catalog.RosterEmptyFile, path)
	case strings.ContainsRune(string(head), 0) && !isUTF16(head):
		return "", canhcua.Errorf(canhcua.EINVALID, catalog.RosterNotRoster, path)
	}
	return CSV, nil
}

// Parse reads the roster file at path (CSV, XLSX or PDF: see Detect). An
// error means the file could not be read at all (EINVALID for a file that is
// not a roster); rows that could not be read are in Result.Problems.
func Parse(ctx context.Context, path string, opts Options) (*Result, error) {
	format, err := Detect(path)
	if err != nil {
		return nil, err
	}
	switch format {
	case PDF:
		return parsePDF(ctx, path, opts)
	case XLSX:
		return parseXLSX(ctx, path)
	}
	return parseCSV(ctx, path)
}

// column is what a table column holds.
type column int

const (
	colNone column = iota
	colSTT
	colName
	colPosition
	colUnit
	colID
	colBirth
	colBadge
	colExpected
	numColumns
)

// headers are the folded header texts of each column; a header cell is the
// column when its folded text is one of them or starts with one and a space
// (catalog:data: words a roster file may carry, not texts canhcua shows).
var headers = map[column][]string{
	colSTT:      {"stt", "tt", "so tt", "so thu tu", "no", "nr", "#", "number"},
	colName:     {"ho va ten", "ho ten", "ho va ten dem", "ten", "name", "full name", "ten can bo", "ten dai bieu", "dai bieu"},
	colPosition: {"chuc vu", "chuc danh", "position", "title", "job title"},
	colUnit:     {"don vi", "don vi cong tac", "co quan", "phong ban", "phong", "bo phan", "unit", "department", "dept", "organisation", "organization"},
	colID: {"so cccd", "cccd", "so cccd cmnd", "cccd cmnd", "so cmnd", "cmnd", "so dinh danh", "so dinh danh ca nhan",
		"ma dinh danh", "dinh danh", "so can cuoc", "can cuoc", "id", "id number", "id no", "so id"},
	colBirth:    {"ngay sinh", "ngay thang nam sinh", "sinh ngay", "date of birth", "birth date", "birthdate", "birthday", "dob"},
	colBadge:    {"ma the", "so the", "the", "badge", "badge id", "ma the ra vao"},
	colExpected: {"gio", "gio den", "gio co mat", "co mat luc", "thoi gian", "expected", "expected by", "time"},
}

// headerKey folds a header cell and turns its punctuation into spaces.
func headerKey(s string) string {
	s = canhcua.Fold(s)
	if s == "#" {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// headerColumn is the column a header cell names, colNone when none.
func headerColumn(cell string) column {
	k := headerKey(cell)
	if k == "" {
		return colNone
	}
	best, bestLen := colNone, 0
	for c, names := range headers {
		for _, n := range names {
			if (k == n || strings.HasPrefix(k, n+" ")) && len(n) > bestLen {
				best, bestLen = c, len(n)
			}
		}
	}
	return best
}

// headerRow returns the columns of a header row's cells, or nil when the row
// is not a header: it must name a name column and, unless it is its only
// cell, one more column.
func headerRow(cells []string) []column {
	cols := make([]column, len(cells))
	hasName, known, nonEmpty := false, 0, 0
	seen := map[column]bool{}
	for i, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		nonEmpty++
		col := headerColumn(c)
		if col == colNone || seen[col] {
			continue // a second column of a kind is ignored
		}
		seen[col] = true
		cols[i] = col
		known++
		if col == colName {
			hasName = true
		}
	}
	if !hasName || (known < 2 && nonEmpty > 1) {
		return nil
	}
	return cols
}

// row is one table row read from a file, its cells already assigned to
// columns.
type row struct {
	page, line int
	cells      [numColumns]string
	text       string // the row as read, for problems
	bad        string // why the row cannot be read at all, when it cannot
}

func (r *row) add(c column, text string) {
	text = clean(text)
	if c == colNone || text == "" {
		return
	}
	if r.cells[c] == "" {
		r.cells[c] = text
	} else {
		r.cells[c] += " " + text
	}
}

// empty reports whether the row has no text in any known column.
func (r *row) empty() bool {
	for c := colSTT; c < numColumns; c++ {
		if r.cells[c] != "" {
			return false
		}
	}
	return true
}

func (r *row) problem(reason string) Problem {
	return Problem{Page: r.page, Line: r.line, Text: canhcua.Sanitize(r.text, 120), Reason: reason}
}

// clean normalises a cell: NFC, no control characters, single spaces.
func clean(s string) string {
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u00a0' {
			return ' '
		}
		if r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// member makes the row's member. A row without a usable name is not a
// member (reason says why); fields that cannot be read are left out, each
// with a problem.
func (r *row) member() (m canhcua.Member, problems []Problem, reason string) {
	m = canhcua.Member{ExpectedBy: -1}
	name := r.cells[colName]
	switch {
	case r.bad != "":
		return m, nil, r.bad
	case name == "" && r.cells[colSTT] != "":
		return m, nil, catalog.EN.T(catalog.RosterRowNoName, r.cells[colSTT])
	case name == "":
		return m, nil, catalog.EN.T(catalog.RosterNoName)
	}
	if why := badName(name); why != "" {
		return m, nil, why
	}
	m.Name = name
	m.Unit = r.cells[colPosition]
	if u := r.cells[colUnit]; u != "" {
		if m.Unit != "" {
			m.Unit += ", "
		}
		m.Unit += u
	}
	if s := r.cells[colID]; s != "" {
		if id, ok := idNumber(s); ok {
			m.IDNumber = id
		} else {
			problems = append(problems, r.problem(catalog.EN.T(catalog.RosterBadID, s)))
		}
	}
	if s := r.cells[colBirth]; s != "" {
		if d, ok := birthDate(s); ok {
			m.BirthDate = d
		} else {
			problems = append(problems, r.problem(catalog.EN.T(catalog.RosterBadBirth, s)))
		}
	}
	m.BadgeID = strings.ReplaceAll(r.cells[colBadge], " ", "")
	if s := r.cells[colExpected]; s != "" {
		if min, ok := clock(s); ok {
			m.ExpectedBy = min
		} else {
			problems = append(problems, r.problem(catalog.EN.T(catalog.RosterBadExpected, s)))
		}
	}
	return m, problems, ""
}

// badName says why a name cell cannot be a person's name, or "".
func badName(s string) string {
	letters, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			letters++
		case r == ' ':
		case unicode.IsDigit(r):
			return catalog.EN.T(catalog.RosterNameDigits, s)
		case strings.ContainsRune(".-'()", r):
			other++
		default:
			other += 2
		}
	}
	if letters < 2 || other > 2 {
		return catalog.EN.T(catalog.RosterNotName, s)
	}
	return ""
}

// idNumber normalises an ID number cell: spaces, dots and dashes removed;
// 9 (old CMND) or 12 digits. Spreadsheets that stored the number as a number
// lost its leading zeros (every province code starts with 0): 10 and 11
// digits are padded back to 12; so is "1.09E+09"-style notation.
func idNumber(s string) (string, bool) {
	s = strings.NewReplacer(" ", "", ".", "", "-", "").Replace(s)
	if strings.ContainsAny(s, "eE") {
		f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil || f < 0 || f >= 1e12 {
			return "", false
		}
		s = strconv.FormatFloat(f, 'f', 0, 64)
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	switch len(s) {
	case 10, 11:
		s = strings.Repeat("0", 12-len(s)) + s
	case 9, 12:
	default:
		return "", false
	}
	return s, true
}

// birthDate reads D/M/YYYY (with /, -, . or spaces), YYYY-MM-DD, or a
// spreadsheet's date serial number, into DD/MM/YYYY.
func birthDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "/-") {
		if n < 1 || n > 100000 {
			return "", false
		}
		// Excel's day 0 is 30/12/1899 (counting its 1900 leap-year bug).
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
		return t.Format("02/01/2006"), true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format("02/01/2006"), true
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == ' ' })
	if len(f) != 3 {
		return "", false
	}
	d, err1 := strconv.Atoi(f[0])
	mo, err2 := strconv.Atoi(f[1])
	y, err3 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil || err3 != nil || y < 1900 || y > 2100 {
		return "", false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo {
		return "", false
	}
	return t.Format("02/01/2006"), true
}

// clock reads "07:30", "7h30", "7h" or a spreadsheet's fraction of a day.
func clock(s string) (int, bool) {
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1 && strings.Contains(s, ".") {
		return int(f*24*60+0.5) % (24 * 60), true
	}
	if len(s) > 5 && strings.Count(s, ":") == 2 { // 07:30:00
		s = s[:strings.LastIndexByte(s, ':')]
	}
	min, err := canhcua.ParseClock(s)
	return min, err == nil
}

// collect turns rows into the result: members and problems, in file order.
func collect(rows []*row) *Result {
	res := &Result{}
	for _, r := range rows {
		m, probs, reason := r.member()
		if reason != "" {
			res.Problems = append(res.Problems, r.problem(reason))
			continue
		}
		res.Problems = append(res.Problems, probs...)
		res.Members = append(res.Members, m)
	}
	return res
}

// errNoHeader is the error for a file without a header row.
func errNoHeader(path string) error {
	return canhcua.Errorf(canhcua.EINVALID, catalog.RosterNoHeader, filepath.Base(path))
}
