package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
)

func TestParseSeparator(t *testing.T) {
	for in, want := range map[string]rune{"": ',', ",": ',', ";": ';', "tab": '\t', "TAB": '\t', `\t`: '\t', "\t": '\t', "|": '|', " ; ": ';'} {
		if got, err := ParseSeparator(in); err != nil || got != want {
			t.Errorf("ParseSeparator(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"x", "::", `"`, "\n", ",;"} {
		if _, err := ParseSeparator(in); canhcua.ErrorCode(err) != canhcua.EINVALID {
			t.Errorf("ParseSeparator(%q): %v, want EINVALID", in, err)
		}
	}
}

// TestCSVSemicolon: with ';' the fields are separated by semicolons, a text
// holding one is quoted, and commas are left alone.
func TestCSVSemicolon(t *testing.T) {
	at := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	scans := []canhcua.Scan{{At: at, Door: "Cổng chính", Direction: canhcua.In, Name: "Nguyễn Văn An; phó phòng", Kind: canhcua.KindManual,
		Result: canhcua.Accepted}, {At: at, Door: "Cổng chính", Direction: canhcua.In, Name: "Lê, Văn", Kind: canhcua.KindManual, Result: canhcua.Accepted}}
	var b bytes.Buffer
	if err := Write(&b, "csv", scans, Options{Comma: ';'}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimPrefix(b.String(), "\uFEFF"), "\r\n")
	if lines[0] != "Thời gian;Cửa;Chiều;Họ và tên;Số định danh;Loại;Kết quả;Lý do" {
		t.Errorf("header %q", lines[0])
	}
	if !strings.Contains(lines[1], `;"Nguyễn Văn An; phó phòng";`) || !strings.Contains(lines[2], ";Lê, Văn;") {
		t.Errorf("rows %q", lines[1:])
	}
}
