package ui

import (
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// warningsPaneLines is how many warnings the pane shows; the count in the
// header gives the rest.
const warningsPaneLines = 3

// warnings is the pane of open warnings under the counts.
type warnings struct {
	list []canhcua.Warning
}

func (w warnings) count() int { return len(w.list) }

func (w warnings) view(width int, loc *time.Location, c texts, st Styles) string {
	if len(w.list) == 0 {
		return ""
	}
	var lines []string
	for i, x := range w.list {
		if i == warningsPaneLines {
			lines = append(lines, st.Warning.Render(fitLine(c.t(catalog.UIWarnMore, len(w.list)-i), width)))
			break
		}
		msg := x.MessageVI
		if c.lang == catalog.EN || msg == "" {
			msg = x.Message
		}
		line := "⚠ " + x.At.In(loc).Format("15:04") + " " + c.warnKind(x.Kind) + ": " + sanitize(msg, width)
		lines = append(lines, st.Warning.Render(fitLine(line, width)))
	}
	return strings.Join(lines, "\n")
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
