package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/canhcua/canhcua/internal/catalog"
)

// manualForm is the small form for someone without a code: a name and an
// optional ID number.
type manualForm struct {
	name, id textinput.Model
	focus    int // 0 name, 1 id
	err      string
}

func newInput(prompt string, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.CharLimit = limit
	ti.Cursor.SetMode(cursor.CursorStatic) // no blinking: no re-render unless something happens
	return ti
}

func newManualForm(c texts) manualForm {
	f := manualForm{name: newInput("", 80), id: newInput("", 20)}
	f.id.Placeholder = c.t(catalog.UIManualIDHint)
	f.name.Focus()
	return f
}

// manualSubmit asks the model to save the form.
type manualSubmit struct{ name, id string }

// update handles a key in the form. It returns a submit when Enter was
// pressed with a name, and done when the form is finished (saved or
// cancelled).
func (f *manualForm) update(msg tea.KeyMsg, k keyMap, c texts) (sub *manualSubmit, done bool) {
	switch {
	case key.Matches(msg, k.Cancel):
		return nil, true
	case key.Matches(msg, k.Save):
		name := strings.TrimSpace(f.name.Value())
		if name == "" {
			f.err = c.t(catalog.UIManualNeedName)
			f.setFocus(0)
			return nil, false
		}
		return &manualSubmit{name: name, id: strings.TrimSpace(f.id.Value())}, true
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		f.setFocus(1 - f.focus)
		return nil, false
	}
	f.err = ""
	if f.focus == 0 {
		f.name, _ = f.name.Update(msg)
	} else {
		f.id, _ = f.id.Update(msg)
	}
	return nil, false
}

func (f *manualForm) setFocus(i int) {
	f.focus = i
	if i == 0 {
		f.name.Focus()
		f.id.Blur()
	} else {
		f.id.Focus()
		f.name.Blur()
	}
}

func (f manualForm) view(width int, c texts, st Styles) string {
	inner := max(20, width-4)
	label := func(s string) string { return st.FormLabel.Render(pad(s, 24)) }
	f.name.Width = max(10, inner-26)
	f.id.Width = max(10, inner-26)
	lines := []string{
		st.FormTitle.Render(c.t(catalog.UIManualTitle)),
		label(c.t(catalog.UIManualName)) + " " + f.name.View(),
		label(c.t(catalog.UIManualID)) + " " + f.id.View(),
	}
	if f.err != "" {
		lines[0] += "  " + st.FormError.Render(f.err)
	}
	for i := range lines {
		lines[i] = fitLine(lines[i], inner)
	}
	return st.Form.Width(width - 2).Render(strings.Join(lines, "\n"))
}
