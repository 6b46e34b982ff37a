package export

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// Every CSV canhcua writes (exports, reports, the district's table, traces)
// is for Excel: UTF-8 with a byte order mark (without it Excel reads the
// diacritics as Windows-1258 or 1252 and garbles them), CRLF line ends, and
// one field separator, the same for all of them (the config's
// csv_separator, or --sep).

// DefaultSeparator is the separator of canhcua's CSV files unless told
// otherwise: a comma. Excel opens a CSV by double-click with the list
// separator of the Windows regional settings, and Windows' own locale data
// for Vietnamese (vi-VN) gives "," as the list separator (with "," as the
// decimal separator too), as does English (United States), which many
// offices in Vietnam run; a semicolon is the list separator where Windows is
// set to e.g. German or French regional settings.
const DefaultSeparator = ','

// Separators are the separators a CSV can be written with, by the names a
// person gives them.
var Separators = map[string]rune{",": ',', ";": ';', "tab": '\t', `\t`: '\t', "\t": '\t', "|": '|'}

// ParseSeparator is the separator named s (",", ";", "tab" or "|"; "" is
// DefaultSeparator).
func ParseSeparator(s string) (rune, error) {
	if s == "" {
		return DefaultSeparator, nil
	}
	if r, ok := Separators[strings.ToLower(strings.TrimSpace(s))]; ok {
		return r, nil
	}
	if r, ok := Separators[s]; ok {
		return r, nil
	}
	return 0, canhcua.Errorf(canhcua.EINVALID, catalog.ErrCSVSeparator, s)
}

// NewCSV starts a CSV for Excel on w: it writes the byte order mark and
// returns a writer with CRLF line ends and comma as the separator (0:
// DefaultSeparator).
func NewCSV(w io.Writer, comma rune) (*csv.Writer, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if comma != 0 {
		cw.Comma = comma
	}
	return cw, nil
}
