package roster

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// maxFileSize bounds the roster files read whole into memory.
const maxFileSize = 64 << 20

func isUTF16(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff})
}

// csvText returns a CSV file's text as UTF-8: a UTF-8 byte-order mark is
// dropped, UTF-16 (Excel's "Unicode text") decoded, and text that is not
// UTF-8 read as Windows-1258 (Vietnamese Windows).
func csvText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case isUTF16(data):
		d, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", err
		}
		data = d
	case !utf8.Valid(data):
		d, err := charmap.Windows1258.NewDecoder().Bytes(data)
		if err != nil {
			return "", err
		}
		data = d
	}
	return norm.NFC.String(string(data)), nil
}

// separator guesses a CSV file's separator from its first lines: the one
// of ; , and tab found most often ("sep=;" on the first line, as Excel
// writes it, says it outright).
func separator(text string) (sep rune, skipFirst bool) {
	lines := strings.SplitN(text, "\n", 12)
	if first := strings.TrimSpace(lines[0]); strings.HasPrefix(strings.ToLower(first), "sep=") && len(first) == 5 {
		return rune(first[4]), true
	}
	if len(lines) > 10 {
		lines = lines[:10]
	}
	best, n := ',', 0
	for _, c := range []rune{',', ';', '\t'} {
		k := 0
		for _, l := range lines {
			k += strings.Count(l, string(c))
		}
		if k > n {
			best, n = c, k
		}
	}
	return best, false
}

// readFile reads the file at path whole, up to maxFileSize: a larger one is
// refused.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	f.Close()
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, canhcua.Errorf(canhcua.EINVALID, catalog.RosterTooLarge, path, maxFileSize>>20)
	}
	return data, nil
}

func parseCSV(ctx context.Context, path string) (*Result, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	text, err := csvText(data)
	if err != nil {
		return nil, canhcua.Errorf(canhcua.EINVALID, catalog.ErrDetail, path, err)
	}
	sep, skip := separator(text)
	offset := 0
	if skip {
		_, text, _ = strings.Cut(text, "\n")
		offset = 1
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = sep, -1, true, false
	var (
		cols []column
		rows []*row
	)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		line += offset
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && cols != nil {
				rows = append(rows, &row{line: pe.StartLine + offset, bad: catalog.EN.T(catalog.RosterUnreadableCSV, pe.Err)})
				continue
			}
			return nil, canhcua.Errorf(canhcua.EINVALID, catalog.ErrDetail, path, err)
		}
		if cols == nil {
			cols = headerRow(rec)
			continue
		}
		rw := &row{line: line, text: strings.Join(trimCells(rec), " | ")}
		for i, c := range rec {
			if i < len(cols) {
				rw.add(cols[i], c)
			}
		}
		if rw.empty() && strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // a blank line
		}
		rows = append(rows, rw)
	}
	if cols == nil {
		return nil, errNoHeader(path)
	}
	return collect(rows), nil
}

func trimCells(rec []string) []string {
	out := make([]string, 0, len(rec))
	for _, c := range rec {
		out = append(out, clean(c))
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}
