package canhcua

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"Nguyễn Văn An", 0, "Nguyễn Văn An"},
		{"  Nguyễn\t\tVăn\r\nAn  ", 0, "Nguyễn Văn An"},
		{"a\x1b]52;c;ZWNobw==\x07b", 0, "ab"},                                 // OSC 52 (clipboard) with BEL
		{"a\x1b]52;c;ZWNobw==\x1b\\b", 0, "ab"},                               // OSC 52 with ST
		{"\x1b[2Jclear", 0, "clear"},                                          // CSI: erase screen
		{"\x1b[31;1mred\x1b[0m", 0, "red"},                                    // SGR
		{"\x1b]0;title\x07x", 0, "x"},                                         // window title
		{"\x1bPq#0;2;0;0;0\x1b\\x", 0, "x"},                                   // DCS (sixel)
		{"a\u009b2Jb", 0, "ab"},                                               // 8-bit CSI
		{"a\u009d52;c;x\u009cb", 0, "ab"},                                     // 8-bit OSC … ST
		{"a\x1b(Bb", 0, "ab"},                                                 // charset designation
		{"a\x1b", 0, "a"},                                                     // lone ESC at the end
		{"abc\u202edcba", 0, "abcdcba"},                                       // RLO
		{"x\u2066y\u2069z\u200fw", 0, "xyzw"},                                 // isolates, RLM
		{"bad\xffutf8", 0, "bad\uFFFDutf8"},                                   // invalid byte
		{"bad\xff\xfe\xfdrun", 0, "bad\uFFFDrun"},                             // invalid run: one U+FFFD
		{"nul\x00bel\x07del\x7f", 0, "nulbeldel"},                             // C0 and DEL
		{"zero\u200bwidth\ufeff", 0, "zerowidth"},                             // ZWSP, BOM
		{"line\u2028sep", 0, "line sep"},                                      // line separator
		{"priv\ue000ate", 0, "private"},                                       // private use
		{"Nguyễn Văn An", 10, "Nguyễn Vă…"},                                   // cut with ellipsis
		{"Nguyễn Văn An", 13, "Nguyễn Văn An"},                                // exact fit
		{"Nguyễn Văn An", 12, "Nguyễn Văn…"},                                  // no space before "…"
		{"阮文安先生", 6, "阮文…"},                                                   // wide characters count 2
		{"阮文安", 6, "阮文安"},                                                     // exact fit, wide
		{"abc", 1, "…"},                                                       // tiny bound
		{"a", 1, "a"},                                                         //
		{"e\u0301\u0301\u0301\u0301\u0301\u0301x", 0, "e\u0301\u0301\u0301x"}, // Zalgo limited
		{"\u0301start", 0, "start"},                                           // no leading mark
		{"🙂 ok", 3, "🙂…"},                                                     // emoji counts 2
		{"", 5, ""},
		{"\x1b[2J\x1b]52;c;eA==\x07", 5, ""},
	} {
		got := Sanitize(c.in, c.width)
		if got != c.want {
			t.Errorf("Sanitize(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
		assertSafe(t, got, c.width)
	}
}

func TestDisplayWidth(t *testing.T) {
	for _, c := range []struct {
		s string
		w int
	}{{"abc", 3}, {"Nguyễn", 6}, {"Nguye\u0302\u0303n", 6}, {"阮文", 4},
		// The halfwidth voiced mark extends the katakana's grapheme cluster:
		// one column as lipgloss lays the screen out (ui/width_test.go), which
		// is the measure that keeps the screen aligned.
		{"ｶﾞ", 1},
		{"ＡＢ", 4}, {"한국", 4}, {"🙂", 2}, {"", 0}} {
		if got := DisplayWidth(c.s); got != c.w {
			t.Errorf("DisplayWidth(%q) = %d, want %d", c.s, got, c.w)
		}
	}
}

// assertSafe checks what Sanitize promises: valid UTF-8, no C0/C1 control,
// ESC, DEL, bidi control or other format character, no leading or trailing
// or double space, and the width bound (when maxWidth > 0).
func assertSafe(t *testing.T, s string, maxWidth int) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8: %q", s)
	}
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || isFormatHazard(r) {
			t.Fatalf("%q contains %U", s, r)
		}
	}
	if strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") || strings.Contains(s, "  ") {
		t.Fatalf("%q: spaces not collapsed", s)
	}
	if maxWidth > 0 && DisplayWidth(s) > maxWidth {
		t.Fatalf("%q is %d columns wide, bound %d", s, DisplayWidth(s), maxWidth)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"Nguyễn Văn An", "a\x1b]52;c;ZWNobw==\x07b", "\x1b[2Jclear", "abc\u202edcba", "bad\xffutf8",
		"阮文安先生", "e\u0301\u0301\u0301\u0301x", "\u009b2J", "\x1bPq\x1b\\", "🙂 ok", "  \t\r\n ",
		"Trần Thị Bích Ngọc\u2028Hà Nội", "\xe1\xba", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
	} {
		f.Add(s, 12)
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, w int) {
		w %= 200
		got := Sanitize(s, w)
		assertSafe(t, got, w)
		if w > 0 && !strings.HasSuffix(got, "…") && DisplayWidth(Sanitize(s, 0)) <= w && got != Sanitize(s, 0) {
			t.Fatalf("cut although it fits: %q vs %q", got, Sanitize(s, 0))
		}
		// Sanitizing is idempotent for text that was not cut.
		if w <= 0 {
			if again := Sanitize(got, 0); again != got {
				t.Fatalf("not idempotent: %q → %q", got, again)
			}
		}
		if w <= 0 && strings.ContainsRune(got, '\x1b') {
			t.Fatal("ESC survived")
		}
	})
}
