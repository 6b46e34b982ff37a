package ui

import (
	"testing"

	"github.com/charmbracelet/lipgloss"

	"github.com/canhcua/canhcua"
)

// TestWidthAgreesWithLipgloss checks that the domain measures sanitized text
// as lipgloss lays it out, so a name never misaligns the screen, and that
// Sanitize's bound holds by lipgloss's measure.
func TestWidthAgreesWithLipgloss(t *testing.T) {
	for _, s := range []string{
		"Nguyễn Văn An",                   // Vietnamese, NFC
		"Nguye\u0302\u0303n Va\u0306n An", // Vietnamese, NFD
		"Trần Thị Bích Ngọc, Hà Nội",      //
		"阮文安先生", "김민준", "ＡＢＣ", "ｶﾞｷﾞ",     // CJK, Hangul, fullwidth, halfwidth with sound marks
		"\u1100\u1161\u11a8",                   // conjoining jamo
		"🙂 ok", "👍🏽", "👨\u200d👩\u200d👧\u200d👦", // emoji, skin tone, ZWJ family
		"🏳\ufe0f\u200d🌈", "🇻🇳🇺🇸", "🇻", // ZWJ flag, flags, a lone regional indicator
		"1\ufe0f\u20e3 #\ufe0f\u20e3", "☺\ufe0f ☺", // keycaps, emoji presentation
		"e\u0301\u0301\u0301x", "\u0301start", // combining marks
		"zero\u200bwidth\u200d\u2060joiner\ufeff", // zero-width characters
		"a\u0d4e b",                     // a prepended mark
		"a\x1b[31mb\x1b]52;c;eA==\x07c", // escapes, removed
	} {
		for _, w := range []int{0, 1, 2, 3, 5, 8, 12, 40} {
			got := canhcua.Sanitize(s, w)
			if dw, lw := canhcua.DisplayWidth(got), lipgloss.Width(got); dw != lw {
				t.Errorf("Sanitize(%q, %d) = %q: DisplayWidth %d, lipgloss.Width %d", s, w, got, dw, lw)
			}
			if w > 0 && lipgloss.Width(got) > w {
				t.Errorf("Sanitize(%q, %d) = %q is %d columns wide by lipgloss", s, w, got, lipgloss.Width(got))
			}
		}
	}
}
