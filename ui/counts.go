package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// counts shows today's figures and a per-hour sparkline.
type counts struct {
	c      canhcua.Counts
	loaded bool
}

var sparkRunes = []rune("▁▂▃▄▅▆▇█")

// Hours shown by default; widened to any hour with scans.
const (
	sparkFrom = 6
	sparkTo   = 20
)

func (v counts) view(width int, c texts, st Styles) string {
	figure := func(label string, n int) string {
		val := "–"
		if v.loaded {
			val = fmt.Sprint(n)
		}
		return st.CountLabel.Render(label+" ") + st.CountValue.Render(val)
	}
	items := []string{
		figure(c.t(catalog.UIInside), v.c.Inside),
		figure(c.t(catalog.UIEntries), v.c.Entries),
		figure(c.t(catalog.UIExits), v.c.Exits),
		figure(c.t(catalog.UIPeople), v.c.People),
		figure(c.t(catalog.UIRejected), v.c.Rejected),
	}
	line := strings.Join(items, "   ")
	if lipgloss.Width(line) > width {
		line = strings.Join(items, " ")
	}
	bars, axis := v.spark(width, c, st)
	return strings.Join([]string{fitLine(line, width), bars, axis}, "\n")
}

// spark draws PerHour from sparkFrom to sparkTo (or wider when scans fall
// outside), each hour one to three cells wide, and an axis of hour labels.
func (v counts) spark(width int, c texts, st Styles) (bars, axis string) {
	from, to := sparkFrom, sparkTo
	peak := 0
	for h, n := range v.c.PerHour {
		if n > 0 {
			from, to = min(from, h), max(to, h)
		}
		peak = max(peak, n)
	}
	label := c.t(catalog.UIPerHour) + " "
	suffix := ""
	if peak > 0 {
		suffix = " " + c.t(catalog.UIPeakHour, peak)
	}
	lw := lipgloss.Width(label)
	hours := to - from + 1
	avail := width - lw - lipgloss.Width(suffix)
	cell := min(3, avail/hours)
	if cell < 1 { // too narrow for the suffix: drop it, then compress
		suffix = ""
		avail = width - lw
		cell = max(1, avail/hours)
	}
	var b strings.Builder
	for h := from; h <= to; h++ {
		n := v.c.PerHour[h]
		r := '·'
		if n > 0 {
			r = sparkRunes[(n*len(sparkRunes)-1)/peak]
		}
		b.WriteString(strings.Repeat(string(r), cell))
	}
	// The axis: the hour under its first cell, every hour that fits.
	axisRunes := []rune(strings.Repeat(" ", hours*cell))
	for h := from; h <= to; h++ {
		pos := (h - from) * cell
		lbl := fmt.Sprintf("%02d", h)
		step := 1
		if cell < 3 {
			step = (3 + cell - 1) / cell // label every step hours so labels never touch
		}
		if (h-from)%step != 0 || pos+2 > len(axisRunes) {
			continue
		}
		copy(axisRunes[pos:], []rune(lbl))
	}
	bars = fitLine(st.CountLabel.Render(label)+st.Spark.Render(b.String())+st.CountLabel.Render(suffix), width)
	axis = fitLine(strings.Repeat(" ", lw)+st.SparkAxis.Render(strings.TrimRight(string(axisRunes), " ")), width)
	return bars, axis
}

// fitLine cuts a rendered line to width cells.
func fitLine(s string, width int) string {
	if lipgloss.Width(s) <= width {
		return s
	}
	return lipgloss.NewStyle().MaxWidth(width).Render(s)
}
