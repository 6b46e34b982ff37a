package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/pdftest"
)

// district is a table of three sites at 14:30 on 27/11/2026: one with a door
// silent for 28 minutes, one whose staff all scanned, one with no desk yet.
func district() canhcua.District {
	now := at(14, 30, 0)
	return canhcua.District{
		Day: time.Date(2026, 11, 27, 0, 0, 0, 0, ict), Now: now, Hours: canhcua.DefaultOpeningHours,
		Sites: []canhcua.SiteStatus{
			{Site: "Trạm Y tế xã Tân Phú", Doors: []canhcua.DoorLink{
				{Door: "Cổng chính", LastHeard: now.Add(-2 * time.Second)},
				{Door: "Cổng sau", LastHeard: now.Add(-28 * time.Minute), Silent: true},
			}, Counts: canhcua.Counts{Entries: 31, Exits: 12, People: 29}, Warnings: 3,
				Groups: []canhcua.GroupShare{{Roster: "Cán bộ", Present: 9, Total: 14}, {Roster: "Họp giao ban", Present: 4, Total: 6}}},
			{Site: "=UBND xã Phú Mỹ", Doors: []canhcua.DoorLink{{Door: "Cửa chính", LastHeard: now.Add(-5 * time.Second)}},
				Counts: canhcua.Counts{Entries: 40, Exits: 38, People: 35}, Warnings: 1,
				Groups: []canhcua.GroupShare{{Roster: "Cán bộ", Present: 27, Total: 27}}},
			{Site: "Trường THCS Tân Phú"},
		},
	}
}

func writeDistrict(t *testing.T, format, lang string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteDistrict(&b, format, district(), lang, at(14, 31, 0), 0); err != nil {
		t.Fatalf("WriteDistrict %s %s: %v", format, lang, err)
	}
	return b.Bytes()
}

func TestDistrictGolden(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		golden(t, "district."+lang+".txt", writeDistrict(t, "text", lang))
		golden(t, "district."+lang+".csv", writeDistrict(t, "csv", lang))
	}
}

// The CSV's header is exactly the issue's, in English; Vietnamese by default.
func TestDistrictCSVHeader(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "Site,Doors,Entries,Exits,People,Staff scanned,Warnings,Last heard",
		"":   "Đơn vị,Số cửa,Lượt vào,Lượt ra,Số người,Cán bộ đã quét,Cảnh báo,Liên lạc cuối",
	} {
		got := writeDistrict(t, "csv", lang)
		header, _, _ := strings.Cut(strings.TrimPrefix(string(got), "\uFEFF"), "\r\n")
		if header != want {
			t.Errorf("lang %q: header %q, want %q", lang, header, want)
		}
	}
	// A site's name that a spreadsheet would take for a formula is defused.
	if got := string(writeDistrict(t, "csv", "en")); !strings.Contains(got, "\r\n'=UBND xã Phú Mỹ,1,40,") {
		t.Errorf("formula not defused:\n%s", got)
	}
}

func TestDistrictXLSX(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeDistrict(t, "xlsx", "en")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Sites" {
		t.Fatalf("sheets %v, want [Sites]", got)
	}
	rows, err := f.GetRows("Sites")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[0], ",") != "Site,Doors,Entries,Exits,People,Staff scanned,Warnings,Last heard" {
		t.Fatalf("rows %q", rows)
	}
	if got := strings.Join(rows[1], "|"); got != "Trạm Y tế xã Tân Phú|2|31|12|29|Cán bộ 9/14, Họp giao ban 4/6|3|27/11/2026 14:29:58 — SILENT: Cổng sau 28 min" {
		t.Errorf("first row %q", got)
	}
	// Figures are numbers, names are strings (a leading = is no formula).
	if typ, _ := f.GetCellType("Sites", "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("entries cell type %v", typ)
	}
	if v, _ := f.GetCellValue("Sites", "A3"); v != "=UBND xã Phú Mỹ" {
		t.Errorf("A3 = %q", v)
	}
	if formula, _ := f.GetCellFormula("Sites", "A3"); formula != "" {
		t.Errorf("A3 is a formula: %q", formula)
	}
}

func TestDistrictPDF(t *testing.T) {
	text, pages := pdftest.Text(t, writeDistrict(t, "pdf", "vi"))
	if pages != 1 {
		t.Errorf("%d pages, want 1", pages)
	}
	for _, want := range []string{"TÌNH HÌNH CÁC ĐƠN VỊ — 27/11/2026", "3 đơn vị · cán bộ đã quét 40/47 (85%) · 1 cửa im lặng · 4 cảnh báo",
		"Trạm Y tế xã Tân Phú", "=UBND xã Phú Mỹ", "Trường THCS Tân Phú", "Cán bộ 9/14, Họp giao ban 4/6", "IM LẶNG", "Liên lạc cuối",
		"chưa liên lạc", "Trang 1/1", "Lập lúc 27/11/2026 14:31"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
}

// TestDistrictCSVSeparator: the district's table as CSV with ';'.
func TestDistrictCSVSeparator(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDistrict(&b, "csv", district(), "en", at(14, 31, 0), ';'); err != nil {
		t.Fatal(err)
	}
	header := strings.SplitN(strings.TrimPrefix(b.String(), "\uFEFF"), "\r\n", 2)[0]
	if header != "Site;Doors;Entries;Exits;People;Staff scanned;Warnings;Last heard" {
		t.Errorf("header %q", header)
	}
}
