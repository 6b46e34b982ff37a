package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"

	"github.com/canhcua/canhcua/internal/catalog"
)

// View draws the screen: header, counts, banner (or the manual form), the
// recent scans filling what is left, the status line and the help. With the
// camera's picture on, the picture takes a column on the right of
// everything between the header and the status line.
func (m *model) View() string {
	w, h := m.size()
	if m.snap != nil {
		return m.snapshotScreen(w, h)
	}
	c, st := m.cat, m.st
	head := m.header.view(w, m.now, m.mode, c, st)
	bottom := []string{m.statusLine(w), m.helpView(w)}
	recentIn := func(width int) func(int) string {
		return func(height int) string { return m.recent.view(width, height, m.loc, c, st) }
	}
	bodyH := h - lipgloss.Height(head) - lipgloss.Height(bottom[0]) - lipgloss.Height(bottom[1])
	if !m.previewShown(w, h) || bodyH < 2 {
		return stack(append([]string{head}, m.middle(w)...), bottom, h, recentIn(w))
	}
	pw := paneCols(w)
	lw := w - pw - 1
	left := strings.Split(stack(m.middle(lw), nil, bodyH, recentIn(lw)), "\n")
	pane := m.preview.view(pw, bodyH, c, st, m.profile)
	body := make([]string, bodyH)
	for i := range body {
		l := ""
		if i < len(left) {
			l = left[i]
		}
		body[i] = l + strings.Repeat(" ", max(0, lw-lipgloss.Width(l))) + " " + pane[i]
	}
	return stack([]string{head, strings.Join(body, "\n")}, bottom, h, func(int) string { return "" })
}

// middle is what comes under the header, width cells wide: the counts, the
// warnings, and the banner (with the guidance for the person at the door
// next to it) or the manual form.
func (m *model) middle(width int) []string {
	c, st := m.cat, m.st
	parts := []string{m.counts.view(width, c, st)}
	if pane := m.warns.view(width, m.loc, c, st); pane != "" {
		parts = append(parts, pane)
	}
	switch {
	case m.manual != nil:
		parts = append(parts, m.manual.view(width, c, st))
	case m.preview.guide != GuideNone && m.cfg.Preview != nil:
		gw := guideCols(width)
		parts = append(parts, lipgloss.JoinHorizontal(lipgloss.Top,
			m.banner.view(width-gw, m.loc, c, st), guideView(m.preview.guide, gw, c, st)))
	default:
		parts = append(parts, m.banner.view(width, m.loc, c, st))
	}
	return parts
}

// fixedLines is how many lines the header, the status line and the help
// take on a screen w cells wide.
func (m *model) fixedLines(w int) int {
	return lipgloss.Height(m.header.view(w, m.now, m.mode, m.cat, m.st)) +
		lipgloss.Height(m.statusLine(w)) + lipgloss.Height(m.helpView(w))
}

// stack lays a screen of h lines out: the parts of top, then body given
// the lines that are left (none when none are; padded to them, so that
// bottom stays at the foot of the screen), then the parts of bottom; cut to
// h lines.
func stack(top, bottom []string, h int, body func(height int) string) string {
	used := 0
	for _, s := range append(top, bottom...) {
		used += lipgloss.Height(s)
	}
	parts := top
	if h-used > 0 {
		b := body(h - used)
		if n := lipgloss.Height(b); n < h-used {
			b += strings.Repeat("\n", h-used-n)
		}
		parts = append(parts, b)
	}
	out := strings.Join(append(parts, bottom...), "\n")
	if lines := strings.Split(out, "\n"); len(lines) > h {
		out = strings.Join(lines[:h], "\n")
	}
	return out
}

func (m *model) statusLine(w int) string {
	c, st := m.cat, m.st
	if m.confirm != nil {
		s := m.confirm
		ask := c.t(catalog.UIVoidAsk, s.At.In(m.loc).Format("15:04:05"), m.name(*s), c.dir(s.Direction))
		return st.Confirm.Render(fitLine(ask, w))
	}
	if len(m.held) > 0 && !m.filter.active {
		return heldPrompt(m.held[0], w, m.loc, c, st)
	}
	if m.filter.active {
		return m.filter.view(w, len(m.recent.rows), c, st)
	}
	line := m.filter.view(w, len(m.recent.rows), c, st)
	if m.status != "" {
		style := st.Status
		if m.statusErr {
			style = st.StatusErr
		}
		msg := style.Render(sanitize(m.status, w))
		if line != "" {
			line += "  " + msg
		} else {
			line = msg
		}
	}
	return fitLine(line, w)
}

func (m *model) helpView(w int) string {
	m.help.Width = w
	var km help.KeyMap = m.keys
	switch {
	case m.manual != nil:
		km = bindingsHelp{m.keys.Save, m.keys.Next, m.keys.Cancel}
	case m.filter.active:
		km = bindingsHelp{m.keys.Apply, m.keys.Clear}
	case m.confirm != nil:
		km = bindingsHelp{m.keys.Yes, m.keys.No}
	case len(m.held) > 0:
		km = bindingsHelp{m.keys.Admit, m.keys.Refuse, m.keys.Quit}
	case m.snap != nil && decidable(m.snap.w):
		km = bindingsHelp{m.keys.Checked, m.keys.FalseAlarm, m.keys.Back, m.keys.Quit}
	case m.snap != nil:
		km = bindingsHelp{m.keys.Back, m.keys.Quit}
	case m.warns.focus:
		km = bindingsHelp{m.keys.WarnMove, m.keys.WarnOpen, m.keys.Back, m.keys.Quit}
	}
	// help cuts the short help with "…" but not when the "…" itself does
	// not fit; cut again to be sure.
	return fitLine(m.help.View(km), w)
}
