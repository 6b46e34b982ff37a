package canhcua

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns s made safe to show on a terminal: control characters
// (including ESC, so no escape sequence survives), bidirectional overrides and
// invalid UTF-8 are written as visible \x or \u escapes; everything else,
// Vietnamese letters included, is kept.
func Printable(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isFormatHazard(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// isFormatHazard reports runes that change how the terminal lays out text
// without showing anything: C1 controls, bidi embeddings, overrides and
// isolates, and other invisible format characters.
func isFormatHazard(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r) && r != 0x200d // keep the zero-width joiner of emoji
}
