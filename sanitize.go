package canhcua

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/clipperhouse/displaywidth"
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
//   - bounds the display width to maxWidth terminal columns as lipgloss
//     measures them (DisplayWidth), cutting between grapheme clusters and
//     ending with "…" when the text was cut. maxWidth <= 0 means no bound.
//
// Unlike Printable, which escapes hazards so they can be inspected,
// Sanitize drops them: it is for showing people's names, not for debugging.
func Sanitize(s string, maxWidth int) string {
	var b strings.Builder
	b.Grow(min(len(s), 1024))
	marks := 0     // zero-width runes since the last base character
	space := false // a space is pending (written before the next visible rune)
	for i := 0; i < len(s); {
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
		if isZeroWidth(r) {
			if marks >= maxMarks || b.Len() == 0 {
				continue
			}
			marks++
		} else {
			marks = 0
			if space {
				b.WriteByte(' ')
				space = false
			}
		}
		b.WriteRune(r)
	}
	return truncateWidth(b.String(), maxWidth)
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

// DisplayWidth is the number of terminal columns s takes, as lipgloss
// measures it (ansi.StringWidth: grapheme clusters).
func DisplayWidth(s string) int { return ansi.StringWidth(s) }

// isZeroWidth reports a rune that takes no column of its own (a combining
// mark, a joiner), as the width library sees it.
func isZeroWidth(r rune) bool { return displaywidth.Rune(r) == 0 }

// truncateWidth cuts s to maxWidth columns, ending it with "…", between
// grapheme clusters.
func truncateWidth(s string, maxWidth int) string {
	if maxWidth <= 0 || ansi.StringWidth(s) <= maxWidth {
		return s
	}
	budget := maxWidth - ansi.StringWidth("…")
	var cuts []int // ends of the clusters that fit
	for cut, w := 0, 0; cut < len(s); {
		// The cluster measured alone, as StringWidth measures it: the
		// width FirstGraphemeCluster returns may differ (a spacing mark).
		c, _ := ansi.FirstGraphemeCluster(s[cut:], ansi.GraphemeWidth)
		if w += ansi.StringWidth(c); w > budget {
			break
		}
		cut += len(c)
		cuts = append(cuts, cut)
	}
	// The widths of the clusters add up to the width of the text; should
	// they not, cut further until the whole fits.
	for k := len(cuts); ; k-- {
		end := 0
		if k > 0 {
			end = cuts[k-1]
		}
		out := strings.TrimRight(s[:end], " ") + "…"
		if k == 0 || ansi.StringWidth(out) <= maxWidth {
			return out
		}
	}
}
