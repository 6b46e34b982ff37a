package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/canhcua/canhcua/internal/catalog"
)

// filter is the search over today's log, opened with `/`. The search itself
// (ignoring case and diacritics) is Backend.Scans'.
type filter struct {
	input  textinput.Model
	active bool // the field has the keyboard
	query  string
}

func newFilter(c texts) filter {
	return filter{input: newInput(c.t(catalog.UIFilterPrompt), 80)}
}

func (f *filter) open() {
	f.active = true
	f.input.SetValue(f.query)
	f.input.CursorEnd()
	f.input.Focus()
}

// update handles a key while the field is open and reports whether the
// query changed (the list must be reloaded) and whether the field closed.
func (f *filter) update(msg tea.KeyMsg, k keyMap) (changed, closed bool) {
	switch {
	case key.Matches(msg, k.Clear):
		changed = f.query != ""
		f.query = ""
		f.input.SetValue("")
		f.active = false
		f.input.Blur()
		return changed, true
	case key.Matches(msg, k.Apply):
		f.active = false
		f.input.Blur()
		return false, true
	}
	f.input, _ = f.input.Update(msg)
	q := strings.TrimSpace(f.input.Value())
	if q != f.query {
		f.query = q
		return true, false
	}
	return false, false
}

// view is the status-line form of the filter: the field while it is open,
// a reminder of the query while one applies.
func (f filter) view(width, found int, c texts, st Styles) string {
	if f.active {
		f.input.Width = max(10, width-lipgloss.Width(f.input.Prompt)-16)
		s := f.input.View()
		if f.query != "" {
			s += "  " + st.Status.Render(c.t(catalog.UIFilterResults, found))
		}
		return fitLine(s, width)
	}
	if f.query != "" {
		return fitLine(st.Filter.Render(c.t(catalog.UIFilterActive, sanitize(f.query, width/2)))+"  "+
			st.Status.Render(c.t(catalog.UIFilterResults, found)), width)
	}
	return ""
}
