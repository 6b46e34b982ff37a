package export

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

var ict = tz.Vietnam()

func at(h, m, s int) time.Time { return time.Date(2026, 11, 27, h, m, s, 0, ict).UTC() }

// fixture is a day's scans: Vietnamese names, a duplicate, a rejected code
// with its reason, a voided scan with the operator's reason, and hostile
// text that a spreadsheet would run as a formula.
var fixture = []canhcua.Scan{
	{ID: 1, At: at(7, 55, 3), Door: "Cổng chính", Direction: canhcua.In, Kind: canhcua.KindCCCD, PersonKey: "id:001090001234",
		Name: "Nguyễn Văn An", IDNumber: "001090001234", BirthDate: "01/02/1990", Result: canhcua.Accepted},
	{ID: 2, At: at(7, 56, 10), Door: "Cổng chính", Direction: canhcua.In, Kind: canhcua.KindCCCD, PersonKey: "id:001090001234",
		Name: "Nguyễn Văn An", IDNumber: "001090001234", Result: canhcua.Duplicate, Ago: 67 * time.Second},
	{ID: 3, At: at(8, 20, 0), Door: "Cổng chính", Direction: canhcua.In, Kind: canhcua.KindManual, PersonKey: "manual:tran thi binh",
		Name: "Trần Thị Bình, \"Bé\"", Result: canhcua.Accepted},
	{ID: 4, At: at(9, 0, 0), Door: "Cổng chính", Direction: canhcua.In, Kind: canhcua.KindPayment,
		Result: canhcua.Rejected, Reason: "mã thanh toán, không phải mã check-in"},
	{ID: 5, At: at(12, 10, 0), Door: "Phòng họp", Direction: canhcua.Out, Kind: canhcua.KindCanCuoc, PersonKey: "id:079085004321",
		Name: "Đỗ Minh Đức", IDNumber: "079085004321", Result: canhcua.Voided, Reason: "quét nhầm"},
	{ID: 6, At: at(13, 5, 0), Door: "=cmd|' /C calc'!A0", Direction: canhcua.Out, Kind: canhcua.KindText, PersonKey: "text:abc",
		Name: "=HYPERLINK(\"http://x\",\"y\")", IDNumber: "+84-123", Result: canhcua.Accepted},
	{ID: 7, At: at(23, 59, 59), Door: "Cổng chính", Direction: canhcua.Out, Kind: canhcua.KindBadge, PersonKey: "badge:7",
		Name: "@admin", IDNumber: "-1", Result: canhcua.Rejected, Reason: "\tthẻ hết hạn"},
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n got:\n%s\nwant:\n%s", name, path, got, want)
	}
}

func write(t *testing.T, format string, scans []canhcua.Scan, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, scans, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name, format string
		scans        []canhcua.Scan
		opt          Options
	}{
		{"masked.csv", "csv", fixture, Options{}},
		{"fullid.csv", "csv", fixture, Options{FullID: true}},
		{"en.csv", "csv", fixture, Options{Lang: "en"}},
		{"empty.csv", "csv", nil, Options{}},
		{"masked.json", "json", fixture, Options{}},
		{"fullid.json", "json", fixture, Options{FullID: true, Lang: "en"}},
		{"empty.json", "json", nil, Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) { golden(t, tc.name, write(t, tc.format, tc.scans, tc.opt)) })
	}
}

// TestCSV checks what the goldens must say, so that a wrong golden cannot be
// regenerated into passing.
func TestCSV(t *testing.T) {
	b := write(t, "csv", fixture, Options{})
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBFThời gian,Cửa,Chiều,Họ và tên,Số định danh,Loại,Kết quả,Lý do\r\n")) {
		t.Fatalf("no BOM or Vietnamese header: %q", b[:min(len(b), 120)])
	}
	s := string(b)
	for _, want := range []string{
		"27/11/2026 07:55:03,Cổng chính,Vào,Nguyễn Văn An,********1234,CCCD,Hợp lệ,\r\n",
		",Trùng,\r\n", // duplicates have no reason
		"\"Trần Thị Bình, \"\"Bé\"\"\"",
		"27/11/2026 09:00:00,Cổng chính,–,,,Mã thanh toán,Từ chối,\"mã thanh toán, không phải mã check-in\"\r\n", // rejected: no direction, as on screen
		"Phòng họp,Ra,Đỗ Minh Đức,********4321,Căn cước,Đã hủy,quét nhầm\r\n",
		"'=cmd|' /C calc'!A0,Ra,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",***-123,",
		"27/11/2026 23:59:59,Cổng chính,–,'@admin,*1,Thẻ,Từ chối,'\tthẻ hết hạn\r\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("CSV lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "001090001234") {
		t.Error("masked CSV shows a full ID number")
	}
	if full := string(write(t, "csv", fixture, Options{FullID: true})); !strings.Contains(full, ",001090001234,") ||
		!strings.Contains(full, ",'+84-123,") || !strings.Contains(full, ",'@admin,'-1,") {
		t.Error("full-ID CSV lacks the ID number")
	}
	if en := string(write(t, "csv", fixture, Options{Lang: "en"})); !strings.Contains(en, "Time,Door,Direction,Name,ID number,Kind,Result,Reason\r\n") ||
		!strings.Contains(en, ",In,Nguyễn Văn An,********1234,Chip ID card,Accepted,") {
		t.Errorf("English CSV:\n%s", en)
	}
	if got := write(t, "csv", nil, Options{}); strings.Count(string(got), "\r\n") != 1 {
		t.Errorf("empty CSV: %q", got)
	}
}

func TestJSON(t *testing.T) {
	var got []map[string]string
	if err := json.Unmarshal(write(t, "json", fixture, Options{Lang: "vi"}), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(fixture) {
		t.Fatalf("%d objects, want %d", len(got), len(fixture))
	}
	want := map[string]string{"time": "2026-11-27T07:55:03+07:00", "door": "Cổng chính", "direction": "in",
		"name": "Nguyễn Văn An", "id": "********1234", "kind": "cccd", "result": "accepted", "reason": ""}
	for k, v := range want {
		if got[0][k] != v {
			t.Errorf("%s = %q, want %q", k, got[0][k], v)
		}
	}
	if got[3]["direction"] != "" || got[6]["direction"] != "" || got[4]["direction"] != "out" {
		t.Errorf("directions of rejected %q %q and voided %q scans", got[3]["direction"], got[6]["direction"], got[4]["direction"])
	}
	if got[4]["result"] != "voided" || got[4]["reason"] != "quét nhầm" || got[5]["name"] != "=HYPERLINK(\"http://x\",\"y\")" {
		t.Errorf("voided or raw name: %v %v", got[4], got[5])
	}
	if b := write(t, "json", nil, Options{}); strings.TrimSpace(string(b)) != "[]" {
		t.Errorf("empty JSON: %q", b)
	}
}

func TestXLSX(t *testing.T) {
	for _, tc := range []struct {
		scans []canhcua.Scan
		opt   Options
		sheet string
		rows  [][]string
	}{
		{fixture, Options{}, "27-11-2026", [][]string{
			{"Thời gian", "Cửa", "Chiều", "Họ và tên", "Số định danh", "Loại", "Kết quả", "Lý do"},
			{"27/11/2026 07:55:03", "Cổng chính", "Vào", "Nguyễn Văn An", "********1234", "CCCD", "Hợp lệ"},
			{"27/11/2026 07:56:10", "Cổng chính", "Vào", "Nguyễn Văn An", "********1234", "CCCD", "Trùng"},
			{"27/11/2026 08:20:00", "Cổng chính", "Vào", "Trần Thị Bình, \"Bé\"", "", "Nhập tay", "Hợp lệ"},
			{"27/11/2026 09:00:00", "Cổng chính", "–", "", "", "Mã thanh toán", "Từ chối", "mã thanh toán, không phải mã check-in"},
			{"27/11/2026 12:10:00", "Phòng họp", "Ra", "Đỗ Minh Đức", "********4321", "Căn cước", "Đã hủy", "quét nhầm"},
			{"27/11/2026 13:05:00", "=cmd|' /C calc'!A0", "Ra", "=HYPERLINK(\"http://x\",\"y\")", "***-123", "Mã khác", "Hợp lệ"},
			{"27/11/2026 23:59:59", "Cổng chính", "–", "@admin", "*1", "Thẻ", "Từ chối", "\tthẻ hết hạn"},
		}},
		{fixture[5:], Options{FullID: true, Lang: "en"}, "27-11-2026", [][]string{
			{"Time", "Door", "Direction", "Name", "ID number", "Kind", "Result", "Reason"},
			{"27/11/2026 13:05:00", "=cmd|' /C calc'!A0", "Out", "=HYPERLINK(\"http://x\",\"y\")", "+84-123", "Other code", "Accepted"},
			{"27/11/2026 23:59:59", "Cổng chính", "–", "@admin", "-1", "Badge", "Rejected", "\tthẻ hết hạn"},
		}},
		{fixture[:1], Options{FullID: true}, "27-11-2026", [][]string{
			{"Thời gian", "Cửa", "Chiều", "Họ và tên", "Số định danh", "Loại", "Kết quả", "Lý do"},
			{"27/11/2026 07:55:03", "Cổng chính", "Vào", "Nguyễn Văn An", "001090001234", "CCCD", "Hợp lệ"},
		}},
		{fixture[:1], Options{}, "27-11-2026", [][]string{
			{"Thời gian", "Cửa", "Chiều", "Họ và tên", "Số định danh", "Loại", "Kết quả", "Lý do"},
			{"27/11/2026 07:55:03", "Cổng chính", "Vào", "Nguyễn Văn An", "********1234", "CCCD", "Hợp lệ"},
		}},
		{[]canhcua.Scan{fixture[0], {At: at(23, 59, 59).Add(time.Second), Door: "Cổng chính", Result: canhcua.Accepted}}, Options{}, "27-11-2026 – 28-11-2026", nil},
		{nil, Options{Day: at(12, 0, 0)}, "27-11-2026", [][]string{
			{"Thời gian", "Cửa", "Chiều", "Họ và tên", "Số định danh", "Loại", "Kết quả", "Lý do"},
		}},
	} {
		b := write(t, "xlsx", tc.scans, tc.opt)
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); len(got) != 1 || got[0] != tc.sheet {
			t.Fatalf("sheets %q, want [%s]", got, tc.sheet)
		}
		rows, err := f.GetRows(tc.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if tc.rows == nil {
			tc.rows = rows
		}
		if len(rows) != len(tc.rows) {
			t.Fatalf("%d rows, want %d: %q", len(rows), len(tc.rows), rows)
		}
		for i := range tc.rows {
			if strings.Join(rows[i], "|") != strings.Join(tc.rows[i], "|") {
				t.Errorf("row %d:\n got %q\nwant %q", i+1, rows[i], tc.rows[i])
			}
		}
		// No cell is a formula; the header is bold; the widths are set.
		for r := range rows {
			for c := range rows[r] {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(tc.sheet, cell); fm != "" {
					t.Errorf("%s is a formula: %q", cell, fm)
				}
			}
		}
		style, err := f.GetCellStyle(tc.sheet, "A1")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(style)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("header not bold: %+v %v", st, err)
		}
		if w, err := f.GetColWidth(tc.sheet, "D"); err != nil || w < 20 {
			t.Errorf("name column width %v, %v", w, err)
		}
		f.Close()
	}
}

// TestDefuse: what a spreadsheet would run as a formula gets an apostrophe
// in CSV, full-width forms included; other text is left alone.
func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+84": "'+84", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx", "\nx": "'\nx",
		"＝1+1": "'＝1+1", "＋84": "'＋84", "－1": "'－1", "＠SUM(A1)": "'＠SUM(A1)",
		"﹦1+1": "'﹦1+1", "﹢1": "'﹢1", "﹣1": "'﹣1", "﹫x": "'﹫x",
		" =1+1": "' =1+1", "\u00a0=1": "'\u00a0=1", "\u3000＝1": "'\u3000＝1",
		"": "", "   ": "   ", "Nguyễn Văn An": "Nguyễn Văn An", "a=b": "a=b", "–": "–", "'=x": "'=x",
		"********1234": "********1234", "1+1": "1+1",
	} {
		if got := Defuse(in); got != want {
			t.Errorf("Defuse(%q) = %q, want %q", in, got, want)
		}
	}
	scans := []canhcua.Scan{{At: at(8, 0, 0), Door: "＋Cổng", Direction: canhcua.In, Kind: canhcua.KindManual,
		Name: "＝HYPERLINK(\"http://x\")", IDNumber: "＠1", Result: canhcua.Accepted}}
	if got := string(write(t, "csv", scans, Options{FullID: true})); !strings.Contains(got, "'＋Cổng,Vào,\"'＝HYPERLINK(\"\"http://x\"\")\",'＠1,") {
		t.Errorf("full-width formula not defused:\n%s", got)
	}
}

// TestXLSXCellsAreStrings reads the sheet's XML: every text cell is an
// inline string, no cell has a formula, and no text has an apostrophe added.
func TestXLSXCellsAreStrings(t *testing.T) {
	b := write(t, "xlsx", fixture, Options{FullID: true})
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var sheet []byte
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			sheet, err = io.ReadAll(r)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	x := string(sheet)
	if x == "" || strings.Contains(x, "<f>") || strings.Contains(x, "<f ") || strings.Contains(x, "&#39;=") || strings.Contains(x, "'=") {
		t.Fatalf("a formula or a defused cell in the sheet:\n%s", x)
	}
	for _, want := range []string{`<is><t>=HYPERLINK(&#34;http://x&#34;,&#34;y&#34;)</t></is>`, `<is><t>@admin</t></is>`, `<is><t>+84-123</t></is>`} {
		if !strings.Contains(x, want) {
			t.Errorf("sheet lacks %s", want)
		}
	}
	if n, m := strings.Count(x, `t="inlineStr"`), strings.Count(x, "<is>"); n == 0 || n != m {
		t.Errorf("%d inline strings, %d string values", n, m)
	}
}

func TestErrors(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "pdf", fixture, Options{}); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("pdf: %v", err)
	}
	if err := Write(&b, "csv", fixture, Options{Lang: "fr"}); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("fr: %v", err)
	}
}

func TestDefaultName(t *testing.T) {
	d := time.Date(2026, 11, 27, 23, 0, 0, 0, ict)
	for format, want := range map[string]string{"csv": "canhcua-2026-11-27.csv", "XLSX": "canhcua-2026-11-27.xlsx", "json": "canhcua-2026-11-27.json"} {
		if got := DefaultName(d, format); got != want {
			t.Errorf("DefaultName(%v, %s) = %s, want %s", d, format, got, want)
		}
	}
}
