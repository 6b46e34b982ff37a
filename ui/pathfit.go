package ui

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Where an export went, said on the status line: the full path, with the
// home folder written "~", and when that is still too long for the line its
// end (the folder nearest the file, and the file's name), never its start
// alone: "…/Tài liệu/canhcua/canhcua-2025-11-27.xlsx".

// homeShort writes home's prefix of path as "~". It runs in the export's
// Cmd (it reads the environment).
func homeShort(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return path
	}
	if rel, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rel
	}
	return path
}

// fitPath is path (sanitized) in at most width cells: whole when it fits,
// else "…" and as many of its last parts as fit, else the end of the file's
// name.
func fitPath(path string, width int) string {
	path = sanitize(path, 0)
	if ansi.StringWidth(path) <= width || width <= 0 {
		return path
	}
	parts := strings.Split(path, string(filepath.Separator))
	tail := ""
	for i := len(parts) - 1; i > 0; i-- {
		next := string(filepath.Separator) + parts[i] + tail
		if ansi.StringWidth("…"+next) > width {
			break
		}
		tail = next
	}
	if tail != "" {
		return "…" + tail
	}
	// Not even the name fits: its end, which tells the day and the format.
	name := []rune(parts[len(parts)-1])
	for len(name) > 0 && ansi.StringWidth("…"+string(name)) > width {
		name = name[1:]
	}
	return "…" + string(name)
}

// exportedStatus is the status line's "Exported: PATH" for a screen width
// cells wide.
func exportedStatus(c texts, path string, width int) string {
	room := width - ansi.StringWidth(c.t(catalog.UIExported, ""))
	return c.t(catalog.UIExported, fitPath(path, room))
}
