package termcap

import (
	"os"
	"testing"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestSixelIn(t *testing.T) {
	for _, tc := range []struct {
		reply           string
		sixel, answered bool
	}{
		{"\x1b[?62;4;6;22c", true, true},           // xterm -ti vt340, foot, mlterm
		{"\x1b[?1;2c", false, true},                // a VT100
		{"\x1b[?4;6c", false, true},                // 4 as the class, not as sixel
		{"\x1b[6;20;10t\x1b[?65;1;4c", true, true}, // the cell size first
		{"", false, false},
		{"\x1b[6;20;10t", false, false},
	} {
		sixel, answered := SixelIn([]byte(tc.reply))
		if sixel != tc.sixel || answered != tc.answered {
			t.Errorf("SixelIn(%q) = %v, %v; want %v, %v", tc.reply, sixel, answered, tc.sixel, tc.answered)
		}
	}
}

func TestCellSizeIn(t *testing.T) {
	if w, h := CellSizeIn([]byte("\x1b[6;20;10t\x1b[?62;4c")); w != 10 || h != 20 {
		t.Errorf("cell %dx%d, want 10x20", w, h)
	}
	if w, h := CellSizeIn([]byte("\x1b[?62;4c")); w != 0 || h != 0 {
		t.Errorf("cell %dx%d without an answer, want 0x0", w, h)
	}
}

func TestKittyFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  func(string) string
		want bool
	}{
		{env("TERM", "xterm-kitty"), true},
		{env("TERM", "xterm-256color", "KITTY_WINDOW_ID", "1"), true},
		{env("TERM", "xterm-kitty", "TMUX", "/tmp/tmux-0/default,1,0"), false},
		{env("TERM", "screen-256color", "KITTY_WINDOW_ID", "1"), false},
		{env("TERM", "xterm-kitty", Env, "cells"), false},
		{env("TERM", "xterm-256color"), false},
	} {
		if got := KittyFromEnv(tc.env); got != tc.want {
			t.Errorf("KittyFromEnv(TERM=%q) = %v, want %v", tc.env("TERM"), got, tc.want)
		}
	}
}

// TestDetectNotATerminal: no question is written to what is not a
// terminal, and half blocks are chosen.
func TestDetectNotATerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "tty")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if g, _, _ := Detect(f, env("TERM", "xterm-256color")); g != Cells {
		t.Errorf("Detect on a file = %v, want cells", g)
	}
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("%d bytes written to a file that is not a terminal", st.Size())
	}
	if g, _, _ := Detect(f, env("TERM", "xterm-kitty", Env, "cells")); g != Cells {
		t.Errorf("Detect with %s=cells = %v, want cells", Env, g)
	}
}
