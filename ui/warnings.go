package ui

import (
	"slices"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// warningsPaneLines is how many warnings the pane shows; the count in the
// header gives the rest.
const warningsPaneLines = 3

// warnings is the pane under the counts: the open warnings, newest first,
// then those the operator has decided on today. `w` gives it the keyboard
// (focus): ↑/↓ choose one (sel), Enter opens it (the snapshot view), Esc
// gives the keyboard back.
type warnings struct {
	list  []canhcua.Warning
	focus bool
	sel   int
}

// setList shows a reloaded list, open warnings first (each part in the
// order given: newest first), keeping the selection on the same warning.
func (w *warnings) setList(list []canhcua.Warning) {
	var selID int64
	if w.sel < len(w.list) {
		selID = w.list[w.sel].ID
	}
	list = slices.Clone(list)
	slices.SortStableFunc(list, func(a, b canhcua.Warning) int {
		switch ao, bo := a.Resolved.IsZero(), b.Resolved.IsZero(); {
		case ao && !bo:
			return -1
		case bo && !ao:
			return 1
		}
		return 0
	})
	w.list = list
	w.sel = max(0, min(w.sel, len(list)-1))
	for i, x := range list {
		if x.ID == selID && selID != 0 {
			w.sel = i
		}
	}
	if len(list) == 0 {
		w.focus = false
	}
}

// replace puts x, decided, in place of the warning with its ID.
func (w *warnings) replace(x canhcua.Warning) {
	for i := range w.list {
		if w.list[i].ID == x.ID {
			w.list[i] = x
		}
	}
	w.setList(w.list)
}

// open is how many warnings are still open (the count in the header).
func (w warnings) open() int {
	n := 0
	for _, x := range w.list {
		if x.Resolved.IsZero() {
			n++
		}
	}
	return n
}

func (w warnings) count() int { return len(w.list) }

// move moves the selection by d, within the list.
func (w *warnings) move(d int) { w.sel = max(0, min(w.sel+d, len(w.list)-1)) }

// selected is the warning under the cursor.
func (w warnings) selected() (canhcua.Warning, bool) {
	if w.sel < 0 || w.sel >= len(w.list) {
		return canhcua.Warning{}, false
	}
	return w.list[w.sel], true
}

func (w warnings) view(width int, loc *time.Location, c texts, st Styles) string {
	if len(w.list) == 0 {
		return ""
	}
	// The lines shown: the first ones, or, with the keyboard, a window that
	// holds the selection.
	first := 0
	if w.focus && w.sel >= warningsPaneLines {
		first = w.sel - warningsPaneLines + 1
	}
	var lines []string
	for i := first; i < len(w.list); i++ {
		if i == first+warningsPaneLines {
			lines = append(lines, st.Warning.Render(fitLine(c.t(catalog.UIWarnMore, len(w.list)-i), width)))
			break
		}
		x := w.list[i]
		line := warningLine(x, width, loc, c)
		style := st.Warning
		if !x.Resolved.IsZero() {
			style = st.Status
		}
		if w.focus {
			prefix := "  "
			if i == w.sel {
				prefix, style = "▸ ", st.Selected
			}
			line = prefix + line
		}
		lines = append(lines, style.Render(fitLine(line, width)))
	}
	return strings.Join(lines, "\n")
}

// warningLine is a warning in one line: "⚠ 14:20 Đi qua không quét: …", or
// for one decided on "✓ 14:20 …: … — báo nhầm 14:31"; the message (outside
// text) is made safe and bounded to width.
func warningLine(x canhcua.Warning, width int, loc *time.Location, c texts) string {
	mark := "⚠ "
	if !x.Resolved.IsZero() {
		mark = "✓ "
	}
	line := mark + x.At.In(loc).Format("15:04") + " " + c.warnKind(x.Kind) + ": " + sanitize(warningMessage(x, c), width)
	if d := decisionText(x, loc, c); d != "" {
		line += " — " + d
	}
	return line
}

// warningMessage is the warning's message in the screen's language.
func warningMessage(x canhcua.Warning, c texts) string {
	msg := x.MessageVI
	if c.lang == catalog.EN || msg == "" {
		msg = x.Message
	}
	return msg
}

// decisionText is the operator's decision and when ("báo nhầm 14:31"), ""
// when there is none.
func decisionText(x canhcua.Warning, loc *time.Location, c texts) string {
	at := x.Decided.In(loc).Format("15:04")
	switch x.Decision {
	case canhcua.WarnChecked:
		return c.t(catalog.UIWarnChecked, at)
	case canhcua.WarnFalseAlarm:
		return c.t(catalog.UIWarnFalseAlarm, at)
	}
	return ""
}

// heldPrompt asks the operator about the oldest held scan.
func heldPrompt(s canhcua.Scan, width int, loc *time.Location, c texts, st Styles) string {
	name := s.Name
	if name == "" {
		name = c.t(catalog.UIUnnamed)
	}
	ask := c.t(catalog.UIHeldAsk, s.At.In(loc).Format("15:04:05"), sanitize(name, 40))
	return st.Confirm.Render(fitLine(ask, width))
}
