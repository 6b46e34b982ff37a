package canhcua

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// FoldDiacritics removes Vietnamese (and other) diacritics and maps đ/Đ to
// d/D: "Nguyễn Văn Đức" → "Nguyen Van Duc". Case is kept.
func FoldDiacritics(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.NewReplacer("đ", "d", "Đ", "D").Replace(out) // catalog:data: letters folded
}

// Fold is the form used to compare names and search: no diacritics, lower
// case, single spaces. "NGUYỄN  Văn An" and "nguyen van an" fold the same.
func Fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(FoldDiacritics(s))), " ")
}
