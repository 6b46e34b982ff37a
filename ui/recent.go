package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// recentLimit is how many scans the list asks for: more than any screen shows.
const recentLimit = 100

// recent is the table of today's latest scans (or those matching the filter).
type recent struct {
	rows   []canhcua.Scan
	loaded bool
	query  string // the filter the rows were loaded with
}

// column widths, apart from the name, which takes what is left.
const (
	colTime   = 8
	colDir    = 5
	colID     = 12
	colKind   = 10
	colResult = 9
)

func (r recent) view(width, height int, loc *time.Location, c texts, st Styles) string {
	if height <= 0 {
		return ""
	}
	kindW, resW := colKind, colResult
	nameW := width - (colTime + colDir + colID + kindW + resW + 5)
	if nameW < 16 { // narrow: shrink kind and result first
		kindW, resW = 8, 8
		nameW = width - (colTime + colDir + colID + kindW + resW + 5)
	}
	nameW = max(6, nameW)
	cells := func(t, d, n, id, k, res string) string {
		return strings.Join([]string{pad(t, colTime), pad(d, colDir), pad(n, nameW), pad(id, colID), pad(k, kindW), pad(res, resW)}, " ")
	}
	lines := []string{st.TableHeader.Render(fitLine(cells(c.t(catalog.UIColTime), c.t(catalog.UIColDir), c.t(catalog.UIColName), c.t(catalog.UIColID), c.t(catalog.UIColKind), c.t(catalog.UIColResult)), width))}
	if len(r.rows) == 0 {
		msg := ""
		switch {
		case !r.loaded:
			msg = c.t(catalog.UILoading)
		case r.query != "":
			msg = c.t(catalog.UINoMatch, sanitize(r.query, width/2))
		default:
			msg = c.t(catalog.UINoRows)
		}
		lines = append(lines, st.Empty.Render(fitLine(msg, width)))
	}
	for _, s := range r.rows {
		if len(lines) >= height {
			break
		}
		name := c.t(catalog.UIUnnamed)
		if s.Name != "" {
			name = sanitize(s.Name, nameW)
		}
		dir := c.dir(s.Direction)
		if s.Result == canhcua.Rejected {
			dir = "–"
		}
		row := cells(
			s.At.In(loc).Format("15:04:05"),
			dir,
			name,
			sanitize(canhcua.MaskID(s.IDNumber), colID),
			sanitize(c.kind(s.Kind), kindW),
			sanitize(c.result(s.Result), resW),
		)
		lines = append(lines, rowStyle(s.Result, st).Render(fitLine(row, width)))
	}
	if len(lines) > height {
		lines = lines[:height]
	}
	return strings.Join(lines, "\n")
}

func rowStyle(r canhcua.Result, st Styles) lipgloss.Style {
	switch r {
	case canhcua.Accepted:
		return st.RowCounted
	case canhcua.Duplicate:
		return st.RowDup
	case canhcua.Rejected:
		return st.RowRejected
	case canhcua.Voided:
		return st.RowVoided
	}
	return st.Row
}

// pad cuts or pads s (already safe to print) to exactly w cells.
func pad(s string, w int) string {
	if sw := ansi.StringWidth(s); sw > w {
		s = ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}
