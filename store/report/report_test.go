package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/pdftest"
	"github.com/canhcua/canhcua/internal/tz"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var ict = tz.Vietnam()

// at is hh:mm:ss on Friday 27/11/2026, ICT, as the store returns times (UTC).
func at(h, m, s int) time.Time { return time.Date(2026, 11, 27, h, m, s, 0, ict).UTC() }

// seeded is a day with every section filled.
func seeded() Day {
	c := canhcua.Counts{Entries: 42, Exits: 39, People: 40, Inside: 3, Rejected: 2}
	return Day{
		Date:   time.Date(2026, 11, 27, 0, 0, 0, 0, ict),
		Site:   "UBND phường Hàng Bài",
		Counts: c,
		Groups: []Group{
			{Name: "Cán bộ", Present: 27, Total: 30, ExpectedBy: 7*60 + 30, Missing: []canhcua.Member{
				{Name: "Nguyễn Văn An", Unit: "Phòng Tài chính", ExpectedBy: -1},
				{Name: "Trần Thị Bình", Unit: "Văn phòng", ExpectedBy: 9 * 60},
				{Name: "Lê Văn Cường", ExpectedBy: -1},
			}},
			{Name: "Họp giao ban 14:00", Present: 6, Total: 6, ExpectedBy: 14 * 60},
			{Name: "Đoàn kiểm tra", Present: 1, Total: 3, ExpectedBy: -1, Missing: []canhcua.Member{
				{Name: "Phạm Thị Dung", Unit: "=HYPERLINK(\"x\")", ExpectedBy: -1},
				{Name: "Đặng Quốc Huy", Unit: "Sở Y tế", ExpectedBy: -1},
			}},
		},
		Guests: []Guest{
			{Name: "Vũ Thị Giang", IDNumber: "001190005678", Door: "Phòng họp", At: at(13, 55, 10), Admitted: true, Decided: at(13, 56, 0)},
			{Name: "Hoàng Văn Em", Door: "Phòng họp", At: at(14, 2, 0), Decided: at(14, 2, 30)},
		},
		Warnings: []canhcua.Warning{
			{At: at(7, 30, 0), Door: "Cửa chính", Kind: canhcua.WarnNotScanned, PersonKey: "roster:Cán bộ", Name: "Cán bộ",
				Message:   "Cán bộ: 27/30 scanned; not scanned: Nguyễn Văn An, Lê Văn Cường",
				MessageVI: "Cán bộ: 27/30 đã quét; chưa quét: Nguyễn Văn An, Lê Văn Cường"},
			{At: at(10, 12, 5), Door: "Cửa chính", Kind: canhcua.WarnCamera, Message: "camera: no frames for 10 s",
				MessageVI: "camera: không nhận được hình trong 10 giây", Resolved: at(10, 13, 0)},
			{At: at(11, 0, 0), Door: "Cửa chính", Kind: canhcua.WarnNoScan, Message: "someone passed without scanning\x1b[2J",
				Snapshot: "/tmp/x.jpg", Decision: canhcua.WarnFalseAlarm, Decided: at(11, 6, 0), Resolved: at(11, 6, 0)},
			{At: at(12, 0, 0), Door: "Cửa chính", Kind: canhcua.WarnNoScan, Message: "someone passed without scanning",
				MessageVI: "có người đi qua mà không quét mã", Snapshot: "/tmp/y.jpg",
				Decision: canhcua.WarnChecked, Decided: at(12, 3, 0), Resolved: at(12, 3, 0)},

			{At: at(13, 55, 10), Door: "Phòng họp", Kind: canhcua.WarnNotOnRoster, PersonKey: "id:001190005678", Name: "Vũ Thị Giang",
				Message:   "Vũ Thị Giang is not on the roster of Họp giao ban 14:00: admit as a guest or refuse",
				MessageVI: "Vũ Thị Giang không có trong danh sách Họp giao ban 14:00: cho vào với tư cách khách hay từ chối",
				Resolved:  at(13, 56, 0)},
			{At: at(17, 30, 0), Door: "Cửa chính", Kind: canhcua.WarnStillInside, PersonKey: "id:2", Name: "Trần Thị Bình",
				Message:   "Trần Thị Bình is still inside at closing time (in at 09:05, no exit scan)",
				MessageVI: "Trần Thị Bình vẫn còn bên trong lúc đóng cửa (vào lúc 09:05, chưa quét ra)"},
		},
		Made: at(18, 0, 0),
	}
}

// names are the people every format must show exactly.
var names = []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đặng Quốc Huy", "Vũ Thị Giang", "Hoàng Văn Em"}

func write(t *testing.T, format string, d Day, lang string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, d, lang); err != nil {
		t.Fatalf("Write %s %s: %v", format, lang, err)
	}
	return b.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

func TestTextGolden(t *testing.T) {
	for _, tc := range []struct {
		name, lang string
		d          Day
	}{
		{"seeded.vi.txt", "vi", seeded()},
		{"seeded.en.txt", "en", seeded()},
		{"empty.vi.txt", "", Day{Date: time.Date(2026, 11, 28, 0, 0, 0, 0, ict), Door: "Cửa chính"}},
	} {
		t.Run(tc.name, func(t *testing.T) { golden(t, tc.name, write(t, "text", tc.d, tc.lang)) })
	}
	out := string(write(t, "text", seeded(), "vi"))
	for _, want := range []string{
		"BÁO CÁO KIỂM SOÁT RA VÀO", "Ngày 27/11/2026", "Lượt vào", "Lượt ra", "Số người",
		"Cán bộ đã quét: 27/30 (90%)", "Danh sách chưa quét (5)", "Cảnh báo trong ngày (6)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("an escape sequence reached the text report")
	}
	if strings.Contains(out, "001190005678") {
		t.Error("full ID number in the report")
	}
}

func TestCSVGolden(t *testing.T) {
	golden(t, "seeded.vi.csv", write(t, "csv", seeded(), "vi"))
	golden(t, "seeded.en.csv", write(t, "csv", seeded(), "en"))
	out := string(write(t, "csv", seeded(), "vi"))
	if !strings.HasPrefix(out, "\uFEFF") {
		t.Error("no BOM")
	}
	if !strings.Contains(out, `"'=HYPERLINK(""x"")"`) {
		t.Error("formula not defused")
	}
}

func TestXLSX(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(write(t, "xlsx", seeded(), "vi")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Tổng hợp", "Chưa quét", "Khách", "Cảnh báo"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets %q, want %q", got, want)
	}
	rows, err := f.GetRows("Tổng hợp")
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			cells[r[0]] = r[1]
		}
	}
	if rows[0][0] != "BÁO CÁO KIỂM SOÁT RA VÀO" || cells["Ngày"] != "27/11/2026" || cells["Lượt vào"] != "42" ||
		cells["Lượt ra"] != "39" || cells["Số người"] != "40" || cells["Cán bộ"] != "27" {
		t.Errorf("summary %q", rows)
	}
	if v, _ := f.GetCellType("Tổng hợp", "B7"); v != excelize.CellTypeNumber && v != excelize.CellTypeUnset {
		t.Errorf("entries cell type %v, want a number", v)
	}
	missing, _ := f.GetRows("Chưa quét")
	if len(missing) != 6 || missing[0][1] != "Họ và tên" || missing[1][1] != "Nguyễn Văn An" || missing[1][3] != "07:30" ||
		missing[2][3] != "09:00" || missing[4][2] != "=HYPERLINK(\"x\")" {
		t.Errorf("not scanned sheet %q", missing)
	}
	guests, _ := f.GetRows("Khách")
	if len(guests) != 3 || guests[1][1] != "Vũ Thị Giang" || guests[1][2] != "********5678" || guests[1][4] != "Cho vào" || guests[2][4] != "Từ chối" {
		t.Errorf("guests sheet %q", guests)
	}
	warns, _ := f.GetRows("Cảnh báo")
	if len(warns) != 7 || warns[1][2] != "Chưa quét" || !strings.Contains(warns[1][3], "27/30 đã quét") || warns[2][4] != "Đã xử lý 10:13" ||
		warns[3][4] != "Báo nhầm 11:06" || warns[4][4] != "Đã kiểm tra 12:03" {
		t.Errorf("warnings sheet %q", warns)
	}
	// A name a spreadsheet would run is a string cell, kept as it is (no
	// apostrophe: CSV needs one, a string cell does not).
	if formula, _ := f.GetCellFormula("Chưa quét", "C5"); formula != "" {
		t.Errorf("a name became a formula: %q", formula)
	}
	if typ, _ := f.GetCellType("Chưa quét", "C5"); typ != excelize.CellTypeSharedString {
		t.Errorf("name cell type %v, want a string", typ)
	}

	// English, and a day without groups or guests: summary and warnings only.
	f2, err := excelize.OpenReader(bytes.NewReader(write(t, "xlsx", Day{Date: seeded().Date}, "en")))
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if got := strings.Join(f2.GetSheetList(), "|"); got != "Summary|Warnings" {
		t.Errorf("empty day sheets %q", got)
	}
}

func TestPDF(t *testing.T) {
	data := write(t, "pdf", seeded(), "vi")
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", data[:min(20, len(data))])
	}
	text, pages := pdftest.Text(t, data)
	if pages != 1 {
		t.Errorf("%d pages, want 1", pages)
	}
	for _, want := range append([]string{
		"BÁO CÁO KIỂM SOÁT RA VÀO", "Ngày 27/11/2026", "UBND phường Hàng Bài", "Lượt vào", "Lượt ra", "Số người",
		"Cán bộ đã quét: 27/30 (90%)", "Danh sách chưa quét (5)", "Cảnh báo trong ngày (6)", "Khách ngoài danh sách (2)", "Đã kiểm tra 12:03", "Báo nhầm 11:06",
		"Phòng Tài chính", "Sở Y tế", "Cho vào", "Từ chối", "Trang 1/1",
	}, names...) {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "001190005678") {
		t.Error("full ID number in the PDF")
	}

	en, _ := pdftest.Text(t, write(t, "pdf", seeded(), "en"))
	for _, want := range append([]string{"DOOR CHECK-IN REPORT", "Cán bộ scanned: 27/30 (90%)", "Expected people who did not scan (5)"}, names...) {
		if !strings.Contains(en, want) {
			t.Errorf("English PDF text lacks %q", want)
		}
	}
}

// A long day breaks across pages, and every name is still there.
func TestPDFManyPages(t *testing.T) {
	d := seeded()
	g := Group{Name: "Toàn cơ quan", Total: 200, ExpectedBy: 8 * 60}
	var want []string
	for i := range 150 {
		n := "Nguyễn Thị Ánh " + string(rune('A'+i%26)) + strings.Repeat("ữ", i%3) + " " + time.Duration(i).String()
		g.Missing = append(g.Missing, canhcua.Member{Name: n, ExpectedBy: -1})
		want = append(want, n)
	}
	g.Present = 50
	d.Groups = append(d.Groups, g)
	text, pages := pdftest.Text(t, write(t, "pdf", d, "vi"))
	if pages < 3 {
		t.Errorf("%d pages, want 3 or more", pages)
	}
	for _, n := range want {
		if !strings.Contains(text, n) {
			t.Errorf("PDF text lacks %q", n)
			break
		}
	}
	if !strings.Contains(text, "Trang 1/") {
		t.Error("no page numbers")
	}
}

func TestWriteErrors(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "docx", seeded(), "vi"); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("format docx: %v", err)
	}
	if err := Write(&b, "text", seeded(), "fr"); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("lang fr: %v", err)
	}
	if got := DefaultName(seeded().Date, "text"); got != "canhcua-report-2026-11-27.txt" {
		t.Errorf("DefaultName = %q", got)
	}
	if got := DefaultName(seeded().Date, "pdf"); got != "canhcua-report-2026-11-27.pdf" {
		t.Errorf("DefaultName = %q", got)
	}
	for _, tc := range []struct {
		p, t int
		want string
	}{{27, 30, "27/30 (90%)"}, {299, 300, "299/300 (99%)"}, {0, 0, "0/0"}, {2, 3, "2/3 (66%)"}} {
		if got := Share(tc.p, tc.t); got != tc.want {
			t.Errorf("Share(%d, %d) = %q, want %q", tc.p, tc.t, got, tc.want)
		}
	}
}

// TestDemoMarked: the demo's report says DEMO before its title in every
// format; a real one does not.
func TestDemoMarked(t *testing.T) {
	d := seeded()
	d.Demo = true
	const mark = "DEMO — made-up people from the demo source, not real check-ins"
	for _, f := range []string{"text", "csv"} {
		got := strings.TrimPrefix(string(write(t, f, d, "en")), "\uFEFF")
		if first, _, _ := strings.Cut(got, "\n"); strings.TrimSpace(strings.Trim(first, "\r\"")) != mark {
			t.Errorf("%s report starts %q", f, first)
		}
		if real := string(write(t, f, seeded(), "en")); strings.Contains(real, "DEMO") {
			t.Errorf("a real %s report says DEMO", f)
		}
	}
	x, err := excelize.OpenReader(bytes.NewReader(write(t, "xlsx", d, "en")))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if v, _ := x.GetCellValue("Summary", "A1"); v != mark {
		t.Errorf("XLSX A1 = %q", v)
	}
	text, _ := pdftest.Text(t, write(t, "pdf", d, "en"))
	if !strings.Contains(text, mark) {
		t.Errorf("the PDF lacks the demo mark:\n%s", text)
	}
}

// TestCSVSeparator: the report's CSV with the separator of the day.
func TestCSVSeparator(t *testing.T) {
	d := seeded()
	d.Comma = ';'
	out := string(write(t, "csv", d, "vi"))
	if !strings.Contains(out, "\r\nCán bộ;27;30;90%\r\n") || strings.Contains(out, "Cán bộ,27,30") {
		t.Errorf("csv:\n%s", out)
	}
}
