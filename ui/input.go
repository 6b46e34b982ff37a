package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// key handles a key press. Printable keys go through the wedge first,
// everywhere a scan can arrive: on the main screen, in the void
// confirmation, and in the forms (manual entry, search: formKey).
func (m *model) key(msg tea.KeyMsg) tea.Cmd {
	if msg.Type == tea.KeyCtrlC {
		return m.quit()
	}
	now := m.cfg.Now()
	if m.inForm() {
		return m.formKey(msg, now)
	}
	switch {
	case msg.Paste:
		rs := msg.Runes
		if i := strings.IndexAny(string(rs), "\r\n"); i >= 0 {
			rs = []rune(string(rs)[:i])
			cmd := m.applyWedge(m.wedge.add(rs, true, now))
			return tea.Batch(cmd, m.enter(now))
		}
		return m.buffer(rs, true, now)
	case (msg.Type == tea.KeyRunes && !msg.Alt) || msg.Type == tea.KeySpace:
		return m.buffer(msg.Runes, false, now)
	case msg.Type == tea.KeyEnter || msg.Type == tea.KeyTab:
		if m.wedge.pending() {
			return m.enter(now)
		}
		return m.command(msg)
	}
	var cmd tea.Cmd
	if m.wedge.pending() {
		cmd = m.applyWedge(m.wedge.flush())
	}
	return tea.Batch(cmd, m.command(msg))
}

// inForm reports whether a form (manual entry, search) has the keyboard.
func (m *model) inForm() bool { return m.manual != nil || m.filter.active }

// formKey handles a key while a form is open. Printable keys are held in the
// wedge: a fast burst ended by Enter (or Tab) is a scan, recorded as on the
// main screen, and leaves the form as it was; otherwise what the wedge held
// is typed into the field (flushed after the gap, or before the next other
// key), then that key goes to the form. A paste is text.
func (m *model) formKey(msg tea.KeyMsg, now time.Time) tea.Cmd {
	switch {
	case msg.Paste:
		return tea.Batch(m.typeInForm(m.wedge.flush()), m.formInput(msg))
	case (msg.Type == tea.KeyRunes && !msg.Alt) || msg.Type == tea.KeySpace:
		cmd := m.typeInForm(m.wedge.add(msg.Runes, false, now))
		seq := m.wedge.seq
		return tea.Batch(cmd, m.after(m.wedge.gap, func() tea.Msg { return wedgeFlushMsg{seq: seq} }))
	case (msg.Type == tea.KeyEnter || msg.Type == tea.KeyTab) && m.wedge.pending():
		out, scan := m.wedge.enter(now)
		if scan {
			return m.scanText(out.scan)
		}
		return tea.Batch(m.typeInForm(out), m.formInput(msg))
	}
	var cmd tea.Cmd
	if m.wedge.pending() {
		cmd = m.typeInForm(m.wedge.flush())
	}
	return tea.Batch(cmd, m.formInput(msg))
}

// typeInForm types what the wedge let through into the open form's field.
func (m *model) typeInForm(out wedgeOutcome) tea.Cmd {
	if len(out.text) == 0 || !m.inForm() {
		return nil
	}
	return m.formInput(tea.KeyMsg{Type: tea.KeyRunes, Runes: out.text})
}

// formInput gives a key to the open form: the manual entry's, or the
// search's (reloading the list when the query changed).
func (m *model) formInput(msg tea.KeyMsg) tea.Cmd {
	if m.manual != nil {
		return m.manualKey(msg)
	}
	if changed, _ := m.filter.update(msg, m.keys); changed {
		return m.reload(false, true, false)
	}
	return nil
}

// manualKey gives a key to the manual-entry form and records what it
// submits.
func (m *model) manualKey(msg tea.KeyMsg) tea.Cmd {
	sub, done := m.manual.update(msg, m.keys, m.cat)
	if done {
		m.manual = nil
	}
	if sub == nil {
		return nil
	}
	name, id := sub.name, sub.id
	return m.record(func() canhcua.Identity { return canhcua.Manual(name, id) })
}

// buffer holds printable runes in the wedge and arms its flush timer.
func (m *model) buffer(rs []rune, paste bool, now time.Time) tea.Cmd {
	cmd := m.applyWedge(m.wedge.add(rs, paste, now))
	seq := m.wedge.seq
	return tea.Batch(cmd, m.after(m.wedge.gap, func() tea.Msg { return wedgeFlushMsg{seq: seq} }))
}

// enter ends what the wedge holds at an Enter: a scan, or keys to run.
func (m *model) enter(now time.Time) tea.Cmd {
	out, scan := m.wedge.enter(now)
	if scan {
		return m.scanText(out.scan)
	}
	return m.applyWedge(out)
}

// scanText records the text a code reader gave: the camera, or a
// keyboard-wedge scanner.
func (m *model) scanText(text string) tea.Cmd {
	identify := m.cfg.Identify
	return m.record(func() canhcua.Identity { return identify(text) })
}

// applyWedge runs what the wedge let through as commands.
func (m *model) applyWedge(out wedgeOutcome) tea.Cmd {
	if out.ignored > 0 {
		m.setStatus(m.cat.t(catalog.UIWedgeIgnored, out.ignored), true)
	}
	var cmds []tea.Cmd
	for _, r := range out.keys {
		cmds = append(cmds, m.command(runeKey(r)))
	}
	return tea.Batch(cmds...)
}

// runeKey is the key press of r as the terminal reports it: a space is
// KeySpace, any other rune KeyRunes.
func runeKey(r rune) tea.KeyMsg {
	if r == ' ' {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{r}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
}

// command runs a person's key press: in the void confirmation, on a held
// scan, in the snapshot view, in the warnings pane, or on the main screen.
func (m *model) command(msg tea.KeyMsg) tea.Cmd {
	if m.confirm != nil {
		return m.confirmKey(msg)
	}
	if len(m.held) > 0 && (key.Matches(msg, m.keys.Admit) || key.Matches(msg, m.keys.Refuse)) {
		s := m.held[0]
		m.held = m.held[1:]
		return admitCmd(m.ctx, m.backend, s.ID, key.Matches(msg, m.keys.Admit), m.request(true, true, false))
	}
	switch {
	case m.snap != nil:
		return m.snapKey(msg)
	case m.warns.focus:
		return m.paneKey(msg)
	}
	return m.mainKey(msg)
}

// mainKey runs a command of the main screen.
func (m *model) mainKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case key.Matches(msg, m.keys.Dir):
		m.mode = m.mode.Next()
		m.setStatus(m.cat.t(catalog.UIModeChanged, m.cat.mode(m.mode)), false)
		return setModeCmd(m.backend, m.mode)
	case key.Matches(msg, m.keys.Export):
		m.setStatus(m.cat.t(catalog.UIExporting), false)
		return exportCmd(m.ctx, m.backend, m.day)
	case key.Matches(msg, m.keys.Manual):
		f := newManualForm(m.cat)
		m.manual = &f
	case key.Matches(msg, m.keys.Void):
		return voidTargetCmd(m.ctx, m.backend, m.cfg.Door)
	case key.Matches(msg, m.keys.Filter):
		m.filter.open()
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(msg, m.keys.Preview):
		return m.togglePreview()
	case key.Matches(msg, m.keys.Clear) && m.filter.query != "":
		m.filter.query = ""
		return m.reload(false, true, false)
	case key.Matches(msg, m.keys.Warnings):
		m.focusWarnings()
	}
	return nil
}

// confirmKey answers the void confirmation: yes voids the scan, no cancels;
// other keys do nothing.
func (m *model) confirmKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Yes):
		s := *m.confirm
		m.confirm = nil
		return voidCmd(m.ctx, m.backend, s.ID, m.cat.t(catalog.UIVoidReason), m.request(true, true, false))
	case key.Matches(msg, m.keys.No):
		m.confirm = nil
		m.setStatus(m.cat.t(catalog.UIVoidCanceled), false)
	}
	return nil
}
