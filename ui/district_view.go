package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// View draws the district screen: a header of two lines, the table of sites
// (or the open site's detail) filling what is left, the status line and the
// help.
func (m *districtModel) View() string {
	w, h := m.width, m.hgt
	if w <= 0 || h <= 0 {
		w, h = defaultWidth, defaultHeight
	}
	c, st := m.cat, m.st
	top := m.headerView(w)
	var km bindingsHelp
	if m.site != nil {
		km = m.keys.siteHelp()
	} else {
		km = m.keys.tableHelp()
	}
	m.help.Width = w
	bottom := []string{m.statusView(w), fitLine(m.help.View(km), w)}
	return stack([]string{top}, bottom, h, func(height int) string {
		if m.site != nil {
			return m.site.view(w, height, m.loc, c, st)
		}
		return m.table.view(w, height, c, st)
	})
}

// headerView is the screen's name, the day, when the server was last read
// and how often; then the table's totals, or the open site's name.
func (m *districtModel) headerView(w int) string {
	c, st := m.cat, m.st
	updated := "…"
	if m.table.loaded {
		updated = m.table.d.Now.In(m.loc).Format("15:04:05")
	}
	right := st.CameraOK.Render(c.t(catalog.UIDistrictUpdated, updated, int(m.cfg.Every/time.Second)))
	left := st.HeaderSite.Render(c.t(catalog.UIDistrictApp)) + " · " + st.Clock.Render(m.day().Format("02/01/2006"))
	second := ""
	switch {
	case m.site != nil:
		second = st.Header.Render(sanitize(m.site.name, w))
	case m.table.loaded:
		present, total, silent, warnings := m.table.d.Totals()
		second = c.t(catalog.DistrictSummary, len(m.table.d.Sites), shareText(present, total), silent, warnings)
	}
	return spread(left, right, w) + "\n" + fitLine(st.CountValue.Render(second), w)
}

// shareText is "52/70 (74%)", the share rounded down.
func shareText(present, total int) string {
	s := strconv.Itoa(present) + "/" + strconv.Itoa(total)
	if total > 0 {
		s += " (" + strconv.Itoa(present*100/total) + "%)"
	}
	return s
}

func (m *districtModel) statusView(w int) string {
	if m.err == "" {
		return ""
	}
	return m.st.StatusErr.Render(sanitize(m.cat.t(catalog.UIDistrictLoadFailed, m.err), w))
}

// ago is how long ago t was at now, in short: "vừa xong", "25 phút", "3 giờ";
// and whether that was less than a minute ago.
func ago(t, now time.Time, c texts) (string, bool) {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return c.t(catalog.UIDistrictJustNow), true
	case d < time.Hour:
		return c.t(catalog.UIDistrictMinutes, int(d/time.Minute)), false
	case d < 48*time.Hour:
		return c.t(catalog.UIDistrictHours, int(d/time.Hour)), false
	}
	return c.t(catalog.UIDistrictDays, int(d/(24*time.Hour))), false
}

// siteTable is the table of sites, with a cursor that stays on its site
// when a refresh reorders the table.
type siteTable struct {
	d      canhcua.District
	loaded bool
	cursor int
	name   string // the site under the cursor
}

func (t *siteTable) set(d canhcua.District) {
	t.d, t.loaded = d, true
	for i, s := range d.Sites {
		if s.Site == t.name {
			t.cursor = i
			return
		}
	}
	t.move(0)
}

func (t *siteTable) move(n int) {
	t.cursor = max(0, min(len(t.d.Sites)-1, t.cursor+n))
	if s, ok := t.selected(); ok {
		t.name = s.Site
	}
}

func (t siteTable) selected() (canhcua.SiteStatus, bool) {
	if t.cursor < 0 || t.cursor >= len(t.d.Sites) {
		return canhcua.SiteStatus{}, false
	}
	return t.d.Sites[t.cursor], true
}

// Widths of the table's columns but the site's and the staff's, which share
// what is left.
const (
	colCursor   = 2
	colDoors    = 5
	colIn       = 4
	colOut      = 4
	colPeople   = 6
	colWarn     = 5
	colHeard    = 13
	colMinFlex  = 10
	siteColumns = 8
)

func (t siteTable) view(width, height int, c texts, st Styles) string {
	if height <= 0 {
		return ""
	}
	flex := max(2*colMinFlex, width-(colCursor+colDoors+colIn+colOut+colPeople+colWarn+colHeard+siteColumns-1))
	siteW := flex * 55 / 100
	staffW := flex - siteW
	row := func(cur, site, doors, in, out, people, staff, warn, heard string) string {
		return pad(cur, colCursor) + strings.Join([]string{pad(site, siteW), padLeft(doors, colDoors), padLeft(in, colIn),
			padLeft(out, colOut), padLeft(people, colPeople), pad(staff, staffW), padLeft(warn, colWarn), pad(heard, colHeard)}, " ")
	}
	lines := []string{st.TableHeader.Render(fitLine(row("", c.t(catalog.UIDistrictColSite), c.t(catalog.UIDistrictColDoors),
		c.t(catalog.UIDistrictColIn), c.t(catalog.UIDistrictColOut), c.t(catalog.UIDistrictColPeople),
		c.t(catalog.UIDistrictColStaff), c.t(catalog.UIDistrictColWarn), c.t(catalog.UIDistrictColHeard)), width))}
	switch {
	case !t.loaded:
		lines = append(lines, st.Empty.Render(fitLine(c.t(catalog.UILoading), width)))
	case len(t.d.Sites) == 0:
		lines = append(lines, st.Empty.Render(fitLine(c.t(catalog.UIDistrictNoSites), width)))
	}
	rows := height - 1
	first := max(0, t.cursor-rows+1) // the cursor's row is always shown
	for i := first; i < len(t.d.Sites) && len(lines) < height; i++ {
		s := t.d.Sites[i]
		cur, style := "", st.Row
		if len(s.Silent()) > 0 {
			style = st.Warning
		}
		if i == t.cursor {
			cur, style = "▸", style.Inherit(st.Selected)
		}
		heard := c.t(catalog.DistrictNever)
		if last := s.LastHeard(); !last.IsZero() {
			heard, _ = ago(last, t.d.Now, c)
			if silent := s.Silent(); len(silent) > 0 {
				a, _ := ago(silent[0].LastHeard, t.d.Now, c)
				heard = "⚠ " + a
			}
		}
		line := row(cur, sanitize(s.Site, siteW), strconv.Itoa(len(s.Doors)), strconv.Itoa(s.Counts.Entries),
			strconv.Itoa(s.Counts.Exits), strconv.Itoa(s.Counts.People), sanitize(s.StaffScanned(), staffW),
			strconv.Itoa(s.Warnings), heard)
		lines = append(lines, style.Render(fitLine(line, width)))
	}
	return strings.Join(lines, "\n")
}

// padLeft right-aligns s (a number) in w cells.
func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-lipgloss.Width(s))) + s
}

// siteView is a site's detail: its doors, who did not scan, its warnings,
// scrolled by top lines.
type siteView struct {
	name   string
	d      canhcua.SiteDetail
	loaded bool
	top    int
}

func (v *siteView) set(d canhcua.SiteDetail) { v.d, v.loaded = d, true }

// scroll moves the detail by n lines, within the lines a screen of height
// body lines cannot show at once.
func (v *siteView) scroll(n, lines, body int) {
	v.top = max(0, min(v.top+n, lines-body))
}

// lines are the detail's lines, at width.
func (v *siteView) lines(width int, loc *time.Location, c texts, st Styles) []string {
	if !v.loaded {
		return []string{st.Empty.Render(fitLine(c.t(catalog.UILoading), width))}
	}
	d := v.d
	var out []string
	add := func(style lipgloss.Style, s string) { out = append(out, style.Render(fitLine(s, width))) }
	x := d.Status.Counts
	add(st.Row, c.t(catalog.UIDistrictFigures, x.Entries, x.Exits, x.People, x.Inside, x.Rejected, d.Status.Warnings))
	if staff := d.Status.StaffScanned(); staff != "" {
		add(st.Row, c.t(catalog.UIDistrictStaff, sanitize(staff, width)))
	}

	// The doors.
	doorW := max(colMinFlex, min(32, width-(colIn+colOut+3+colHeard+20)))
	row := func(door, in, out, heard string) string {
		return strings.Join([]string{pad(door, doorW), padLeft(in, colIn), padLeft(out, colOut), heard}, " ")
	}
	out = append(out, "")
	add(st.TableHeader, row(c.t(catalog.UIDistrictDoor), c.t(catalog.UIDistrictColIn), c.t(catalog.UIDistrictColOut), c.t(catalog.UIDistrictHeard)))
	for _, dr := range d.Doors {
		heard, style := c.t(catalog.DistrictNever), st.Row
		if !dr.LastHeard.IsZero() {
			a, now := ago(dr.LastHeard, d.Now, c)
			heard = a
			if !now {
				heard = c.t(catalog.UIDistrictAgo, a)
			}
		}
		if dr.Silent {
			heard, style = "⚠ "+heard+" — "+c.t(catalog.UIDistrictSilent), st.Warning
		}
		add(style, row(sanitize(dr.Door, doorW), strconv.Itoa(dr.Entries), strconv.Itoa(dr.Exits), heard))
	}

	// Who did not scan.
	missing := d.Missing()
	out = append(out, "")
	add(st.Section, c.t(catalog.UIDistrictMissing, len(missing)))
	if len(missing) == 0 {
		add(st.Empty, "  "+c.t(catalog.UIDistrictNone))
	}
	for _, g := range d.Groups {
		for _, p := range g.Missing {
			line := "  " + sanitize(g.Roster.Name, 24) + ": " + sanitize(p.Name, 40)
			if p.Unit != "" {
				line += " — " + sanitize(p.Unit, 30)
			}
			if at, ok := p.Expected(g.Roster, d.Day); ok {
				line += " (" + c.t(catalog.UIDistrictBy, at.Format("15:04")) + ")"
			}
			add(st.Row, line)
		}
	}

	// The warnings.
	out = append(out, "")
	add(st.Section, c.t(catalog.UIDistrictWarnings, len(d.Warnings)))
	if len(d.Warnings) == 0 {
		add(st.Empty, "  "+c.t(catalog.UIDistrictNone))
	}
	for _, w := range d.Warnings {
		msg := w.MessageVI
		if c.lang == catalog.EN || msg == "" {
			msg = w.Message
		}
		mark, style := "⚠", st.Warning
		if !w.Resolved.IsZero() {
			mark, style = "✓", st.Row
		}
		add(style, "  "+mark+" "+w.At.In(loc).Format("15:04")+" "+sanitize(w.Door, 20)+" · "+c.warnKind(w.Kind)+": "+sanitize(msg, width))
	}
	return out
}

func (v *siteView) view(width, height int, loc *time.Location, c texts, st Styles) string {
	if height <= 0 {
		return ""
	}
	lines := v.lines(width, loc, c, st)
	top := max(0, min(v.top, len(lines)-height))
	lines = lines[top:]
	if len(lines) > height {
		lines = lines[:height]
	}
	return strings.Join(lines, "\n")
}
