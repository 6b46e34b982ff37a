package ui

import (
	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// alarmLine is the header's alarm while scans cannot be saved (the disk is
// full, the database read-only…): the cause, across the whole width, until
// a write goes through again. "" when writes go through.
func (h header) alarmLine(width int, c texts, st Styles) string {
	if h.storage == nil {
		return ""
	}
	text := c.t(catalog.UIStorageAlarm, canhcua.ErrorMessageIn(h.storage, c.lang))
	return st.Alarm.Width(width).Render(sanitize(text, width))
}
