// Package catalog holds every text canhcua shows to people — the desk's
// screen, the command line, reports, exports, reasons and warnings — in
// Vietnamese and English, behind one lookup: Lang.T.
//
// Keys are the constants of keys.go; vi.go and en.go give each key its text
// in one language, and the package's tests fail when a key lacks a language,
// when the two texts of a key take different arguments, or when a text a
// person reads is written as a literal outside this package. Texts are
// fmt formats: a translation may leave out trailing arguments that the other
// language shows (a technical detail, say), never reorder them.
package catalog

import (
	"fmt"
	"strings"
)

// Lang is a language of the catalog.
type Lang string

// The languages: Vietnamese is the default.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Langs are the catalog's languages, the default first.
var Langs = []Lang{VI, EN}

// Key names a text.
type Key string

var texts = map[Lang]map[Key]string{VI: vi, EN: en}

// Parse reads a language name ("vi" or "en").
func Parse(s string) (Lang, bool) {
	l := Lang(s)
	_, ok := texts[l]
	return l, ok
}

// Of is the language named s, Vietnamese when s names none.
func Of(s string) Lang {
	if l, ok := Parse(s); ok {
		return l
	}
	return VI
}

// T returns key's text in l (Vietnamese when l is not a language of the
// catalog) with args formatted into it as fmt.Sprintf does. Arguments beyond
// those the text uses are dropped. A key the catalog does not hold comes back
// as itself between brackets, never as an empty string.
func (l Lang) T(key Key, args ...any) string {
	m, ok := texts[l]
	if !ok {
		m = vi
	}
	s, ok := m[key]
	if !ok {
		return "[" + string(key) + "]"
	}
	if len(args) == 0 {
		return strings.ReplaceAll(s, "%%", "%")
	}
	if n := verbCount(s); n < len(args) {
		args = args[:n]
	}
	return fmt.Sprintf(s, args...)
}

// Both returns key's English and Vietnamese texts, for what is stored in both
// languages (a scan's reason, a warning's message).
func Both(key Key, args ...any) (en, vi string) {
	return EN.T(key, args...), VI.T(key, args...)
}

// verbCount is how many arguments the format s uses (no explicit argument
// indexes, no * widths: the catalog's texts have neither).
func verbCount(s string) int {
	return len(verbs(s))
}

// verbs lists the verbs of the format s in order ("%q" → 'q'), "%%" aside.
func verbs(s string) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("+-# 0123456789.", s[j]) >= 0 {
			j++
		}
		if j == len(s) {
			break
		}
		if s[j] != '%' {
			out = append(out, s[j])
		}
		i = j
	}
	return out
}

// Label is the text of the key that keys gives for v in l: how a value of
// the domain (a kind, a result, a direction) is named in a table. A value
// without a key is shown as it is.
func Label[V ~string](l Lang, keys map[V]Key, v V) string {
	if k, ok := keys[v]; ok {
		return l.T(k)
	}
	return string(v)
}
