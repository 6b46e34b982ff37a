package ui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func TestFitPath(t *testing.T) {
	p := "/home/le-tan/Tài liệu/canhcua/canhcua-2025-11-27.xlsx"
	for _, c := range []struct {
		width int
		want  string
	}{
		{80, p},
		{len([]rune(p)), p},
		{42, "…/Tài liệu/canhcua/canhcua-2025-11-27.xlsx"},
		{41, "…/canhcua/canhcua-2025-11-27.xlsx"},
		{35, "…/canhcua/canhcua-2025-11-27.xlsx"},
		{26, "…/canhcua-2025-11-27.xlsx"},
		{12, "…-11-27.xlsx"},
	} {
		got := fitPath(p, c.width)
		if got != c.want {
			t.Errorf("width %d: %q, want %q", c.width, got, c.want)
		}
		if w := ansi.StringWidth(got); w > c.width {
			t.Errorf("width %d: %q is %d wide", c.width, got, w)
		}
	}
	if got := fitPath("/tmp/\x1b[2Jx.csv", 80); strings.Contains(got, "\x1b") {
		t.Errorf("escape kept: %q", got)
	}
}

func TestHomeShort(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if got := homeShort(filepath.Join(home, "Tài liệu", "canhcua", "x.csv")); got != "~/Tài liệu/canhcua/x.csv" {
		t.Errorf("under home: %q", got)
	}
	if got := homeShort("/srv/x.csv"); got != "/srv/x.csv" {
		t.Errorf("elsewhere: %q", got)
	}
	if got := homeShort(home + "-other/x.csv"); got != home+"-other/x.csv" {
		t.Errorf("a sibling of home: %q", got)
	}
}

// TestExportLongPath: the status line says where a long export path went,
// its end kept on a narrow screen.
func TestExportLongPath(t *testing.T) {
	h := newHarness(t, Config{Lang: "vi"})
	h.b.exportPath = "/home/nguyen-thi-hong-nhung/Tài liệu/canhcua/bo-phan-mot-cua/canhcua-2025-11-27.xlsx"
	h.send(tea.WindowSizeMsg{Width: 60, Height: 24})
	h.press('e')
	if !strings.HasPrefix(h.m.status, "Đã xuất: …/") || !strings.HasSuffix(h.m.status, "/bo-phan-mot-cua/canhcua-2025-11-27.xlsx") {
		t.Errorf("status %q", h.m.status)
	}
	if v := h.m.View(); !strings.Contains(v, "canhcua-2025-11-27.xlsx") {
		t.Errorf("screen lacks the file's name:\n%s", v)
	}
}
