package canhcua

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxMarks is how many zero-width runes (combining marks) may follow one base
// character. Vietnamese needs two at most (in NFD: a vowel mark and a tone
// mark); the limit stops "Zalgo" text from growing without taking width.
const maxMarks = 3

// Sanitize makes a decoded text safe and bounded for the screen. It
//
//   - removes escape sequences whole (ESC [ … CSI, ESC ] … OSC up to BEL or
//     ST, ESC P/X/^/_ … strings, and the 8-bit C1 forms), so a code holding
//     "\x1b]52;…" or "\x1b[2J" cannot drive the terminal;
//   - removes every other C0/C1 control, DEL, bidirectional embeddings,
//     overrides and isolates, and other invisible format characters,
//     unassigned and private-use code points;
//   - replaces each run of invalid UTF-8 bytes with U+FFFD;
//   - turns tabs, newlines and other spaces into one space between words and
//     trims the ends;
//   - bounds the display width to maxWidth terminal columns (East Asian wide
//     and fullwidth characters and most emoji count 2, combining marks 0),
//     ending with "…" when the text was cut. maxWidth <= 0 means no bound.
//
// Unlike Printable, which escapes hazards so they can be inspected,
// Sanitize drops them: it is for showing people's names, not for debugging.
func Sanitize(s string, maxWidth int) string {
	var b strings.Builder
	b.Grow(min(len(s), 1024))
	width := 0     // display width written so far
	cut := 0       // b.Len() of the longest prefix that leaves room for "…"
	marks := 0     // zero-width runes since the last base character
	space := false // a space is pending (written before the next visible rune)
	truncated := false
	for i := 0; i < len(s) && !truncated; {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			// A run of invalid bytes becomes one replacement character.
			for i < len(s) {
				if r2, n2 := utf8.DecodeRuneInString(s[i:]); r2 != utf8.RuneError || n2 > 1 {
					break
				}
				i++
			}
			n = 0
		case r == 0x1b || r == 0x9b || r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f:
			i += skipEscape(s[i:])
			continue
		}
		i += n
		switch {
		case r == 0x85 || r == 0x2028 || r == 0x2029 || unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r != utf8.RuneError && !unicode.IsGraphic(r), unicode.Is(unicode.Co, r), isFormatHazard(r):
			continue
		}
		w := runeWidth(r)
		if w == 0 {
			if marks >= maxMarks || b.Len() == 0 {
				continue
			}
			marks++
		} else {
			marks = 0
			add := w
			if space {
				add++
			}
			if maxWidth > 0 && width+add > maxWidth {
				truncated = true
				break
			}
			if space {
				b.WriteByte(' ')
				width++
				space = false
			}
		}
		b.WriteRune(r)
		width += w
		if maxWidth <= 0 || width <= maxWidth-1 {
			cut = b.Len()
		}
	}
	if !truncated {
		return b.String()
	}
	// Cut back to the last position where "…" still fits (width ≤ maxWidth-1).
	return strings.TrimRight(b.String()[:cut], " ") + "…"
}

// skipEscape returns how many bytes of s (which starts with ESC or an 8-bit
// C1 introducer) make up the escape sequence, so that all of it is dropped.
func skipEscape(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	kind := 0 // 1: CSI, 2: string (OSC, DCS, SOS, PM, APC), 0: two-byte escape
	switch r {
	case 0x9b:
		kind = 1
	case 0x9d, 0x90, 0x98, 0x9e, 0x9f:
		kind = 2
	case 0x1b:
		if n >= len(s) {
			return n
		}
		switch s[n] {
		case '[':
			kind, n = 1, n+1
		case ']', 'P', 'X', '^', '_':
			kind, n = 2, n+1
		default:
			// ESC followed by intermediates (0x20–0x2f) and one final byte.
			for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
				n++
			}
			if n < len(s) && s[n] >= 0x30 && s[n] <= 0x7e {
				n++
			}
			return n
		}
	}
	switch kind {
	case 1: // CSI: parameters and intermediates 0x20–0x3f, then a final byte 0x40–0x7e.
		for n < len(s) {
			c := s[n]
			n++
			if c >= 0x40 && c <= 0x7e {
				return n
			}
			if c < 0x20 || c > 0x3f {
				return n - 1 // malformed: stop before the odd byte, which is handled on its own
			}
		}
		return n
	default: // string: up to BEL, ESC \ or the 8-bit ST (U+009C).
		for n < len(s) {
			switch {
			case s[n] == 0x07:
				return n + 1
			case s[n] == 0x1b:
				if n+1 < len(s) && s[n+1] == '\\' {
					return n + 2
				}
				return n // another escape starts: let it be handled on its own
			case strings.HasPrefix(s[n:], "\u009c"):
				return n + len("\u009c")
			}
			n++
		}
		return n
	}
}

// DisplayWidth is the number of terminal columns s takes once sanitized
// runes are shown: East Asian wide and fullwidth characters and most emoji
// take 2, combining marks and other zero-width runes 0, the rest 1.
func DisplayWidth(s string) int {
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

func runeWidth(r rune) int {
	switch {
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return 0
	case r < 0x300:
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || r == 0x200b:
		return 0
	case r >= 0x1160 && r <= 0x11ff: // Hangul jamo medial vowels and final consonants
		return 0
	}
	for _, rg := range wideRanges {
		if r < rg[0] {
			return 1
		}
		if r <= rg[1] {
			return 2
		}
	}
	return 1
}

// wideRanges are the East Asian Wide (W) and Fullwidth (F) ranges, with the
// emoji blocks terminals show two columns wide, in ascending order.
var wideRanges = [][2]rune{
	{0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a}, {0x23e9, 0x23ec},
	{0x23f0, 0x23f0}, {0x23f3, 0x23f3}, {0x25fd, 0x25fe}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267f, 0x267f}, {0x2693, 0x2693}, {0x26a1, 0x26a1},
	{0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5}, {0x26ce, 0x26ce},
	{0x26d4, 0x26d4}, {0x26ea, 0x26ea}, {0x26f2, 0x26f3}, {0x26f5, 0x26f5},
	{0x26fa, 0x26fa}, {0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b},
	{0x2728, 0x2728}, {0x274c, 0x274c}, {0x274e, 0x274e}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27b0, 0x27b0}, {0x27bf, 0x27bf},
	{0x2b1b, 0x2b1c}, {0x2b50, 0x2b50}, {0x2b55, 0x2b55}, {0x2e80, 0x303e},
	{0x3041, 0x33ff}, {0x3400, 0x4dbf}, {0x4e00, 0x9fff}, {0xa000, 0xa4cf},
	{0xa960, 0xa97f}, {0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe10, 0xfe19},
	{0xfe30, 0xfe6f}, {0xff00, 0xff60}, {0xffe0, 0xffe6}, {0x16fe0, 0x16fe4},
	{0x17000, 0x18cff}, {0x1b000, 0x1b2ff}, {0x1f004, 0x1f004}, {0x1f0cf, 0x1f0cf},
	{0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a}, {0x1f200, 0x1f251}, {0x1f300, 0x1f64f},
	{0x1f680, 0x1f6ff}, {0x1f7e0, 0x1f7eb}, {0x1f90c, 0x1f9ff}, {0x1fa70, 0x1faff},
	{0x20000, 0x2fffd}, {0x30000, 0x3fffd},
}
