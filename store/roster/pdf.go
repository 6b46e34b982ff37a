package roster

import (
	"context"
	"errors"
	"fmt"
	"html"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/pdf"
)

// A PDF roster is read from the positioned text MuPDF extracts (go-fitz's
// HTML output: one paragraph per text line of a cell, with its top and left
// in points):
//
//  1. the fragments of a page are grouped into lines by their top; lines are
//     numbered from 1 per page (Problem.Line);
//  2. the first line that reads as a header (see headerRow) gives the
//     columns; the boundary between two columns lies between the lefts of
//     the cells of both, learnt from the header and from the rows that have
//     a fragment in every column (or, without such rows, estimated from the
//     header texts' widths);
//  3. a line whose first cell is a number in the STT column starts a row; a
//     line just below a row (closer than a row's height) with nothing in the
//     STT column continues it (a cell wrapped over lines); any other line
//     inside the table (in the next row's place) is reported as a problem; lines outside the table
//     (titles, page numbers, signatures) are skipped;
//  4. the pages are rendered at pdf.DPI and their QR codes decoded;
//     each code is attached to the row whose vertical extent is nearest its
//     centre, and fills that person's ID number, badge and birth date.

// frag is one text fragment (a cell's line) on a page, in points.
type frag struct {
	top, left, size float64
	text            string
}

// textLine is the fragments of a page at one height, left to right.
type textLine struct {
	num   int // 1-based on its page
	top   float64
	size  float64
	frags []frag
}

func (l *textLine) String() string {
	t := make([]string, len(l.frags))
	for i, f := range l.frags {
		t[i] = f.text
	}
	return strings.Join(t, " | ")
}

var (
	paraRE = regexp.MustCompile(`(?s)<p style="top:(-?[0-9.]+)pt;left:(-?[0-9.]+)pt;line-height:([0-9.]+)pt">(.*?)</p>`)
	tagRE  = regexp.MustCompile(`(?s)<[^>]*>`)
)

// pageLines reads the text lines of a page from MuPDF's HTML.
func pageLines(htm string) []*textLine {
	var frags []frag
	for _, m := range paraRE.FindAllStringSubmatch(htm, -1) {
		top, _ := strconv.ParseFloat(m[1], 64)
		left, _ := strconv.ParseFloat(m[2], 64)
		size, _ := strconv.ParseFloat(m[3], 64)
		text := clean(html.UnescapeString(tagRE.ReplaceAllString(m[4], "")))
		if text == "" {
			continue
		}
		if size <= 0 {
			size = 10
		}
		frags = append(frags, frag{top: top, left: left, size: size, text: text})
	}
	sort.SliceStable(frags, func(i, j int) bool { return frags[i].top < frags[j].top })
	var lines []*textLine
	for _, f := range frags {
		if n := len(lines); n > 0 {
			l := lines[n-1]
			if math.Abs(f.top-l.top) <= 0.5*math.Min(f.size, l.size) {
				l.frags = append(l.frags, f)
				l.size = math.Max(l.size, f.size)
				continue
			}
		}
		lines = append(lines, &textLine{num: len(lines) + 1, top: f.top, size: f.size, frags: []frag{f}})
	}
	for _, l := range lines {
		sort.SliceStable(l.frags, func(i, j int) bool { return l.frags[i].left < l.frags[j].left })
	}
	return lines
}

// rowNumber reads an STT cell: "12" or "12.".
func rowNumber(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(s), "."))
	return n, err == nil && n >= 0
}

// pdfRow is a table row with where it sits on its page.
type pdfRow struct {
	*row
	top, bottom float64
}

// table is the column layout of a PDF table.
type table struct {
	cols   []column
	starts []float64 // starts[k]: the left boundary of column k; starts[0] is -Inf
}

// columnOf is the index of the column a fragment starting at left is in.
func (t *table) columnOf(left float64) int {
	k := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > left+0.5 }) - 1
	return max(k, 0)
}

// newTable lays out the columns of header line h, refined by the complete
// rows among lines.
func newTable(h *textLine, cols []column, pages [][]*textLine) *table {
	n := len(h.frags)
	t := &table{cols: cols, starts: make([]float64, n)}
	lo := make([]float64, n) // min left of each column
	hi := make([]float64, n) // max left of each column
	for k, f := range h.frags {
		lo[k], hi[k] = f.left, f.left
	}
	complete := 0
	for _, lines := range pages {
		for _, l := range lines {
			if len(l.frags) != n || l == h {
				continue
			}
			if _, ok := rowNumber(l.frags[0].text); cols[0] == colSTT && !ok {
				continue
			}
			complete++
			for k, f := range l.frags {
				lo[k], hi[k] = math.Min(lo[k], f.left), math.Max(hi[k], f.left)
			}
		}
	}
	t.starts[0] = math.Inf(-1)
	for k := 1; k < n; k++ {
		prev, cur := h.frags[k-1], h.frags[k]
		if complete > 0 && hi[k-1] < lo[k] {
			t.starts[k] = (hi[k-1] + lo[k]) / 2
			continue
		}
		// Estimate where the previous header text ends (DejaVu Sans averages
		// a little over half an em per letter) and split the gap.
		right := prev.left + 0.6*prev.size*float64(len([]rune(prev.text)))
		t.starts[k] = math.Max((right+cur.left)/2, prev.left+1)
	}
	return t
}

// median of the gaps between consecutive values (sorted), or def.
func medianGap(tops []float64, def float64) float64 {
	var gaps []float64
	for i := 1; i < len(tops); i++ {
		if g := tops[i] - tops[i-1]; g > 0 {
			gaps = append(gaps, g)
		}
	}
	if len(gaps) == 0 {
		return def
	}
	sort.Float64s(gaps)
	return gaps[(len(gaps)-1)/2]
}

// tableRows reads the rows of the pages' lines (see the comment at the top).
func tableRows(pages [][]*textLine) ([]*pdfRow, *table) {
	var (
		tab    *table
		header *textLine
	)
	for _, lines := range pages {
		for _, l := range lines {
			if cols := headerRow(lineTexts(l)); cols != nil {
				header, tab = l, newTable(l, cols, pages)
				break
			}
		}
		if tab != nil {
			break
		}
	}
	if tab == nil {
		return nil, nil
	}
	hasSTT := tab.cols[0] == colSTT
	var rows []*pdfRow
	for p, lines := range pages {
		// The row pitch: the median distance between numbered lines.
		var tops []float64
		for _, l := range lines {
			if _, ok := rowNumber(l.frags[0].text); ok && tab.columnOf(l.frags[0].left) == 0 {
				tops = append(tops, l.top)
			}
		}
		size := header.size
		pitch := medianGap(tops, 2*size)
		inTable := false
		var (
			last    *pdfRow
			lastTop float64
		)
		for _, l := range lines {
			if l == header || (headerRow(lineTexts(l)) != nil && len(l.frags) == len(header.frags)) {
				inTable, last, lastTop = true, nil, l.top // a header (repeated on each page)
				continue
			}
			near := inTable && l.top-lastTop <= 1.4*pitch
			first := tab.columnOf(l.frags[0].left)
			_, numbered := rowNumber(l.frags[0].text)
			newRow := func(bad string) {
				r := &pdfRow{row: &row{page: p + 1, line: l.num, text: l.String(), bad: bad}, top: l.top, bottom: l.top + l.size}
				addCells(r.row, l, tab)
				rows = append(rows, r)
				last, lastTop, inTable = r, l.top, true
			}
			switch {
			case hasSTT && first == 0 && numbered, !hasSTT && near:
				newRow("")
			case hasSTT && first > 0 && last != nil && last.bad == "" && l.top-lastTop < 0.75*pitch:
				// A wrapped cell: continues the row above.
				addCells(last.row, l, tab)
				last.text += " / " + l.String()
				last.bottom, lastTop = l.top+l.size, l.top
			case near && first == 0:
				newRow(catalog.EN.T(catalog.RosterRowNumber, l.frags[0].text))
			case near:
				newRow(catalog.EN.T(catalog.RosterNotRow))
			default:
				inTable, last = false, nil // text outside the table
			}
		}
	}
	return rows, tab
}

func lineTexts(l *textLine) []string {
	t := make([]string, len(l.frags))
	for i, f := range l.frags {
		t[i] = f.text
	}
	return t
}

func addCells(r *row, l *textLine, tab *table) {
	for _, f := range l.frags {
		r.add(tab.cols[tab.columnOf(f.left)], f.text)
	}
}

// pdfText returns the text lines of every page.
func pdfText(ctx context.Context, doc Document) ([][]*textLine, error) {
	var pages [][]*textLine
	for i := range doc.Pages() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		htm, err := doc.HTML(i)
		if err != nil {
			return nil, err
		}
		pages = append(pages, pageLines(htm))
	}
	return pages, nil
}

// errNoPDF is Parse's error for a PDF roster without Options.OpenPDF, or
// without Options.Codes when it is to read codes.
var errNoPDF = errors.New("reading a PDF needs Options.OpenPDF, and Options.Codes unless NoCodes")

// openPDF opens the PDF file at path and reads the text of its pages.
func openPDF(ctx context.Context, path string, opts Options) (Document, [][]*textLine, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, nil, err
	}
	unreadable := func(err error) error {
		if ctx.Err() != nil {
			return err
		}
		return canhcua.Errorf(canhcua.EINVALID, catalog.RosterPDFUnreadable, path, err)
	}
	doc, err := opts.OpenPDF(data)
	var refused *canhcua.Error
	if errors.As(err, &refused) {
		return nil, nil, err // in words already (too many pages, say)
	}
	if err != nil {
		return nil, nil, unreadable(err)
	}
	pages, err := pdfText(ctx, doc)
	if err != nil {
		doc.Close()
		return nil, nil, unreadable(err)
	}
	return doc, pages, nil
}

func parsePDF(ctx context.Context, path string, opts Options) (*Result, error) {
	if opts.OpenPDF == nil || (opts.Codes == nil && !opts.NoCodes) {
		return nil, fmt.Errorf("roster: %s: %w", path, errNoPDF)
	}
	doc, pages, err := openPDF(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	rows, tab := tableRows(pages)
	if tab == nil {
		empty := true
		for _, p := range pages {
			empty = empty && len(p) == 0
		}
		if empty {
			return nil, canhcua.Errorf(canhcua.EINVALID, catalog.RosterPDFNoText, path)
		}
		return nil, errNoHeader(path)
	}
	plain := make([]*row, len(rows))
	for i, r := range rows {
		plain[i] = r.row
	}
	res, index := collectIndexed(plain)
	if opts.NoCodes {
		return res, nil
	}
	if err := attachCodes(ctx, path, doc, pages, rows, index, res, opts); err != nil {
		return nil, err
	}
	sort.SliceStable(res.Problems, func(i, j int) bool {
		a, b := res.Problems[i], res.Problems[j]
		if a.Page != b.Page {
			return a.Page < b.Page
		}
		return a.Line < b.Line
	})
	return res, nil
}

// collectIndexed is collect, also returning each row's index in
// res.Members (-1 for rows that are not members).
func collectIndexed(rows []*row) (*Result, []int) {
	res := &Result{}
	index := make([]int, len(rows))
	for i, r := range rows {
		index[i] = -1
		m, probs, reason := r.member()
		if reason != "" {
			res.Problems = append(res.Problems, r.problem(reason))
			continue
		}
		res.Problems = append(res.Problems, probs...)
		index[i] = len(res.Members)
		res.Members = append(res.Members, m)
	}
	return res, index
}

// attachCodes decodes the codes on the rendered pages and gives each to the
// person of the row beside it.
func attachCodes(ctx context.Context, path string, doc Document, pages [][]*textLine, rows []*pdfRow, index []int, res *Result, opts Options) error {
	identify := opts.Identify
	if identify == nil {
		identify = canhcua.Identify
	}
	for p := range doc.Pages() {
		if err := ctx.Err(); err != nil {
			return err
		}
		dpi, err := doc.DPI(p, pdf.DPI)
		if err != nil {
			return canhcua.Errorf(canhcua.EINVALID, catalog.ErrDetail, path, err)
		}
		scale := 72 / dpi
		img, err := doc.Image(p, dpi)
		if err != nil {
			return canhcua.Errorf(canhcua.EINVALID, catalog.ErrDetail, path, err)
		}
		codes, err := opts.Codes.ReadCodes(img)
		if err != nil {
			return fmt.Errorf("%s: page %d: %w", path, p+1, err)
		}
		sort.SliceStable(codes, func(i, j int) bool {
			_, yi := codes[i].Center()
			_, yj := codes[j].Center()
			return yi < yj
		})
		for _, c := range codes {
			_, y := c.Center()
			y *= scale
			attachCode(res, p+1, y, identify(c.Text), pages[p], rows, index)
		}
	}
	return nil
}

// attachCode gives one code's identity, centred at height y on page, to the
// row nearest it, or reports it.
func attachCode(res *Result, page int, y float64, id canhcua.Identity, lines []*textLine, rows []*pdfRow, index []int) {
	best, dist := -1, math.Inf(1)
	var pageRows []float64
	for i, r := range rows {
		if r.page != page {
			continue
		}
		pageRows = append(pageRows, r.top)
		d := 0.0
		if y < r.top {
			d = r.top - y
		} else if y > r.bottom {
			d = y - r.bottom
		}
		if d < dist {
			best, dist = i, d
		}
	}
	what := describe(id)
	pitch := medianGap(pageRows, 24)
	if best < 0 || dist > math.Max(pitch, 12) {
		line := 0
		for _, l := range lines {
			if line == 0 || math.Abs(l.top-y) < math.Abs(lines[line-1].top-y) {
				line = l.num
			}
		}
		res.Problems = append(res.Problems, Problem{Page: page, Line: line, Text: what, Reason: catalog.EN.T(catalog.RosterCodeNoRow)})
		return
	}
	r := rows[best]
	report := func(reason catalog.Key, args ...any) {
		res.Problems = append(res.Problems, Problem{Page: r.page, Line: r.line, Text: canhcua.Sanitize(r.text, 120),
			Reason: catalog.EN.T(reason, args...)})
	}
	if index[best] < 0 {
		report(catalog.RosterCodeRowSkipped, what)
		return
	}
	m := &res.Members[index[best]]
	switch {
	case id.Reject != "":
		report(catalog.RosterCodeRejected, id.Reject)
		return
	case id.Name != "" && canhcua.Fold(id.Name) != canhcua.Fold(m.Name):
		report(catalog.RosterCodeOtherName, id.Name, m.Name)
		return
	case id.IDNumber == "" && id.BadgeID == "":
		report(catalog.RosterCodeNoID, what)
		return
	case id.IDNumber != "" && m.IDNumber != "" && id.IDNumber != m.IDNumber:
		report(catalog.RosterCodeOtherID, canhcua.MaskID(id.IDNumber), canhcua.MaskID(m.IDNumber))
		return
	case id.BadgeID != "" && m.BadgeID != "" && id.BadgeID != m.BadgeID:
		report(catalog.RosterCodeOtherBadge, id.BadgeID, m.BadgeID)
		return
	}
	if id.IDNumber != "" {
		m.IDNumber = id.IDNumber
	}
	if id.BadgeID != "" {
		m.BadgeID = id.BadgeID
	}
	if len(id.BirthDate) == len("02/01/2006") && m.BirthDate == "" {
		m.BirthDate = id.BirthDate
	}
}

// describe names a code's identity for a problem, its ID number masked.
func describe(id canhcua.Identity) string {
	parts := []string{string(id.Kind)}
	if id.Name != "" {
		parts = append(parts, id.Name)
	}
	if id.IDNumber != "" {
		parts = append(parts, canhcua.MaskID(id.IDNumber))
	}
	if id.BadgeID != "" {
		parts = append(parts, "badge "+id.BadgeID)
	}
	return canhcua.Sanitize(strings.Join(parts, " "), 120)
}
