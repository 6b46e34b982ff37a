package roster

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua"
	rt "github.com/canhcua/canhcua/internal/rostertest"
)

// parsePeople parses path, which must give back every one of rt.People.
func parsePeople(t *testing.T, path string) *Result {
	t.Helper()
	res, err := Parse(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rt.Names(res.Members), rt.Names(rt.People); !slices.Equal(got, want) {
		t.Fatalf("names:\n got %q\nwant %q", got, want)
	}
	return res
}

// problemLines are res's problems as "page:line reason".
func problemLines(res *Result) []string {
	var out []string
	for _, p := range res.Problems {
		out = append(out, fmt.Sprintf("%d:%d %s", p.Page, p.Line, p.Reason))
	}
	return out
}

func TestParseCSV(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, sep string
		bom       bool
	}{{"comma.csv", ",", false}, {"semicolon-bom.csv", ";", true}, {"tab.txt", "\t", true}} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if c.bom {
				b.WriteString("\ufeff")
			}
			j := func(cells ...string) { b.WriteString(strings.Join(cells, c.sep) + "\r\n") }
			j("DANH SÁCH CÁN BỘ")
			j("")
			j("STT", "Họ và tên", "Chức vụ", "Đơn vị", "Số CCCD", "Ngày sinh", "Mã thẻ", "Giờ")
			for i, p := range rt.People {
				pos, unit, _ := strings.Cut(p.Unit, ", ")
				id, birth, badge, at := "", "", "", ""
				switch i {
				case 1:
					id, birth = "001090005678", "3/4/1985"
				case 2:
					id = "1090001111" // lost its leading zeros in a spreadsheet
				case 3:
					badge, at = "B7KQ2M4XA", "7h30"
				case 5:
					birth = "31/02/1990" // not a date
				}
				if strings.Contains(unit, c.sep) || strings.Contains(unit, `"`) {
					unit = `"` + strings.ReplaceAll(unit, `"`, `""`) + `"`
				}
				j(fmt.Sprint(i+1), p.Name, pos, unit, id, birth, badge, at)
			}
			j("51", "", "Chuyên viên", "Văn phòng")
			j("", "", "", "", "")
			path := filepath.Join(dir, c.name)
			if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			res := parsePeople(t, path)
			ms := res.Members
			if ms[1].IDNumber != "001090005678" || ms[1].BirthDate != "03/04/1985" || ms[2].IDNumber != "001090001111" ||
				ms[3].BadgeID != "B7KQ2M4XA" || ms[3].ExpectedBy != 7*60+30 || ms[0].ExpectedBy != -1 || ms[0].Unit != rt.People[0].Unit {
				t.Errorf("fields: %+v %+v %+v %+v", ms[0], ms[1], ms[2], ms[3])
			}
			want := []string{
				`0:9 birth date "31/02/1990" is not a date (DD/MM/YYYY): left out`,
				`0:54 row 51 has no name`,
			}
			if got := problemLines(res); !slices.Equal(got, want) {
				t.Errorf("problems %q, want %q", got, want)
			}
		})
	}
}

func TestParseCSVErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct{ name, text string }{
		{"noheader.csv", "1,Nguyễn Văn An,Văn phòng\n"},
		{"empty.csv", ""},
		{"fake.pdf", "not a pdf"},
		{"fake.xlsx", "name\nAn\n"},
		{"binary.bin", "\x00\x01\x02\x03"},
	} {
		if _, err := Parse(context.Background(), write(c.name, c.text), Options{}); canhcua.ErrorCode(err) != canhcua.EINVALID {
			t.Errorf("%s: %v, want EINVALID", c.name, err)
		}
	}
	if _, err := Parse(context.Background(), filepath.Join(dir, "missing.csv"), Options{}); err == nil {
		t.Error("missing file: no error")
	}
	// English headers, Windows-1258 text is not needed: a one-column list.
	res, err := Parse(context.Background(), write("one.csv", "Name\nNguyễn Văn An\n\nTrần Thị Bình\n"), Options{})
	if err != nil || !slices.Equal(rt.Names(res.Members), []string{"Nguyễn Văn An", "Trần Thị Bình"}) {
		t.Fatalf("one column: %v %+v", err, res)
	}
}

func TestParseXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Danh sách"
	f.SetSheetName("Sheet1", sh)
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "DANH SÁCH ĐẠI BIỂU")
	for i, h := range []string{"No.", "Full name", "Position", "Department", "ID", "Date of birth", "Badge", "Expected"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(cell, h)
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, p := range rt.People {
		r := i + 4
		pos, unit, _ := strings.Cut(p.Unit, ", ")
		set(fmt.Sprintf("A%d", r), i+1)
		set(fmt.Sprintf("B%d", r), p.Name)
		set(fmt.Sprintf("C%d", r), pos)
		set(fmt.Sprintf("D%d", r), unit)
	}
	set("E5", 1090005678) // a number: lost its leading zeros
	set("F5", mustDate(t, "1985-04-03"))
	f.SetCellStyle(sh, "F5", "F5", dateStyle)
	set("E6", "001090001111")
	set("F6", "01/02/1990")
	set("G7", "B7KQ2M4XA")
	set("H7", "07:30")
	set("H8", 14.0/24) // a time cell: 14:00
	set("A54", 51)     // a row without a name
	set("C54", "Chuyên viên")
	set("H55", "sáng") // no name and a bad time
	path := filepath.Join(t.TempDir(), "ds.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	res := parsePeople(t, path)
	ms := res.Members
	if ms[1].IDNumber != "001090005678" || ms[1].BirthDate != "03/04/1985" || ms[2].IDNumber != "001090001111" ||
		ms[2].BirthDate != "01/02/1990" || ms[3].BadgeID != "B7KQ2M4XA" || ms[3].ExpectedBy != 450 || ms[4].ExpectedBy != 840 {
		t.Errorf("fields: %+v %+v %+v %+v", ms[1], ms[2], ms[3], ms[4])
	}
	if got, want := problemLines(res), []string{"0:54 row 51 has no name", "0:55 no name"}; !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}
