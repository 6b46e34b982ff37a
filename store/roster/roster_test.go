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

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"
	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store/export"
)

// people are 50 Vietnamese staff; person 27 (index 26) is printed without a
// name in the PDF (the malformed row).
var people = func() []canhcua.Member {
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middle := []string{"Văn", "Thị", "Minh", "Hữu", "Thanh", "Ngọc", "Đức", "Quốc"}
	given := []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Quyên", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Uyên", "Việt", "Xuân", "Yến", "Ánh", "Ðạt", "Đông", "Ơn", "Ước", "Ưng", "Ý", "Ấn", "Ẩn", "Ỷ", "Ỹ", "Ỳ", "Ỵ", "Ối", "Ổn", "Ở", "Ỡ", "Ợi"}
	positions := []string{"Chuyên viên", "Phó phòng", "Trưởng phòng", "Kế toán viên", "Văn thư"}
	units := []string{"Phòng Tổ chức – Hành chính", "Phòng Kế hoạch", "Văn phòng Sở", "Thanh tra Sở", "Phòng Quản lý đô thị"}
	var out []canhcua.Member
	for i := range 50 {
		out = append(out, canhcua.Member{
			Name:       family[i%len(family)] + " " + middle[(i/3)%len(middle)] + " " + given[i],
			Unit:       positions[i%len(positions)] + ", " + units[(i/2)%len(units)],
			ExpectedBy: -1,
		})
	}
	out[0].Name = "Nguyễn Văn An"
	return out
}()

const (
	malformed = 26 // index of the row printed without a name
	withCCCD  = 4  // the row printed with an ID card QR beside it
	withBadge = 39 // the row printed with a badge QR beside it (page 2)
	wrapped   = 9  // the row whose unit is wrapped over two lines
)

var badgeKey = bytes.Repeat([]byte{7}, 32)

func cccdText(m canhcua.Member) string {
	return "001090001234|123456789|" + m.Name + "|01021990|Nam|12 Tràng Tiền, Hoàn Kiếm, Hà Nội|15082021"
}

func qrImage(t *testing.T, doc *fpdf.Fpdf, name, text string, x, y, side float64) {
	t.Helper()
	png, err := qrcode.Encode(text, qrcode.Medium, 512)
	if err != nil {
		t.Fatal(err)
	}
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	doc.RegisterImageOptionsReader(name, opt, bytes.NewReader(png))
	doc.ImageOptions(name, x, y, side, side, false, opt, 0, "")
}

// writePDF prints people as a government list: a title, a table "STT | Họ
// và tên | Chức vụ | Đơn vị" over two pages (the header repeated on the
// second when repeatHeader), a signature block, and two QR codes beside rows.
func writePDF(t *testing.T, path string, repeatHeader bool) {
	t.Helper()
	doc := export.NewPDF()
	doc.SetMargins(15, 15, 15)
	doc.SetAutoPageBreak(false, 15)
	doc.AddPage()
	doc.SetFont(export.PDFFont, "B", 13)
	doc.CellFormat(0, 7, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", 1, "C", false, 0, "")
	doc.CellFormat(0, 7, "DANH SÁCH CÁN BỘ THAM DỰ HỘI NGHỊ", "", 1, "C", false, 0, "")
	doc.Ln(4)
	w := []float64{12, 55, 38, 50}
	header := func() {
		doc.SetFont(export.PDFFont, "B", 10)
		for i, h := range []string{"STT", "Họ và tên", "Chức vụ", "Đơn vị"} {
			doc.CellFormat(w[i], 8, h, "1", 0, "C", false, 0, "")
		}
		doc.Ln(-1)
		doc.SetFont(export.PDFFont, "", 10)
	}
	header()
	for i, p := range people {
		if doc.GetY() > 265 {
			doc.AddPage()
			doc.SetFont(export.PDFFont, "", 9)
			doc.CellFormat(0, 6, "Trang 2", "", 1, "R", false, 0, "")
			if repeatHeader {
				header()
			}
			doc.SetFont(export.PDFFont, "", 10)
		}
		pos, unit, _ := strings.Cut(p.Unit, ", ")
		name := p.Name
		if i == malformed {
			name = ""
		}
		h := 8.0
		x, y := doc.GetXY()
		cells := []string{fmt.Sprint(i + 1), name, pos, unit}
		if i == wrapped {
			h = 12
			cells[3] = "Phòng Kế hoạch – Tài chính và Đầu tư phát triển"
		}
		for c, s := range cells {
			if c == 3 && i == wrapped {
				doc.Rect(doc.GetX(), y, w[c], h, "D")
				doc.MultiCell(w[c], 5, s, "", "LT", false)
				continue
			}
			doc.CellFormat(w[c], h, s, "1", 0, "LT", false, 0, "")
		}
		doc.SetXY(x, y+h)
		switch i {
		case withCCCD:
			qrImage(t, doc, "cccd", cccdText(p), 15+155+4, y+h/2-9, 18)
		case withBadge:
			qrImage(t, doc, "badge", canhcua.SignBadge(badgeKey, canhcua.Badge{ID: "B7KQ2M4XA", Name: p.Name, Unit: "Văn phòng"}), 15+155+4, y+h/2-9, 18)
		}
	}
	doc.Ln(6)
	doc.SetFont(export.PDFFont, "", 10)
	doc.CellFormat(0, 6, "Hà Nội, ngày 27 tháng 11 năm 2026", "", 1, "R", false, 0, "")
	doc.CellFormat(0, 6, "NGƯỜI LẬP BIỂU", "", 1, "R", false, 0, "")
	if doc.PageCount() != 2 {
		t.Fatalf("the table is on %d pages, want 2", doc.PageCount())
	}
	if err := doc.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

func identify(text string) canhcua.Identity {
	return canhcua.IdentifyWith(canhcua.IdentifyConfig{BadgeKey: badgeKey}, text)
}

func namesOf(ms []canhcua.Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

// wantNames are the names the PDF must give back: all but the malformed row.
func wantNames() []string {
	var out []string
	for i, p := range people {
		if i != malformed {
			out = append(out, p.Name)
		}
	}
	return out
}

func TestParsePDF(t *testing.T) {
	for _, repeat := range []bool{true, false} {
		t.Run(fmt.Sprintf("repeatHeader=%v", repeat), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "danh-sach.pdf")
			writePDF(t, path, repeat)
			res, err := Parse(context.Background(), path, Options{Identify: identify})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := namesOf(res.Members), wantNames(); !slices.Equal(got, want) {
				t.Fatalf("names:\n got %q\nwant %q", got, want)
			}
			if len(res.Problems) != 1 {
				t.Fatalf("problems %v, want the malformed row only", res.Problems)
			}
			p := res.Problems[0]
			if p.Page != 1 || p.Reason != "row 27 has no name" || !strings.HasPrefix(p.Text, "27 | ") {
				t.Errorf("problem %+v", p)
			}
			// Row 27 is the 27th row under two title lines and the header,
			// and row 10 takes two lines.
			if p.Line != 2+1+27+1 {
				t.Errorf("problem on line %d, want 31", p.Line)
			}
			byName := map[string]canhcua.Member{}
			for _, m := range res.Members {
				byName[m.Name] = m
			}
			for i, src := range people {
				m, ok := byName[src.Name]
				if !ok {
					continue
				}
				unit := src.Unit
				if i == wrapped {
					pos, _, _ := strings.Cut(src.Unit, ", ")
					unit = pos + ", Phòng Kế hoạch – Tài chính và Đầu tư phát triển"
				}
				if m.Unit != unit {
					t.Errorf("%s: unit %q, want %q", m.Name, m.Unit, unit)
				}
				switch i {
				case withCCCD:
					if m.IDNumber != "001090001234" || m.BirthDate != "01/02/1990" {
						t.Errorf("%s: ID %q born %q: the ID card QR beside the row was not attached", m.Name, m.IDNumber, m.BirthDate)
					}
				case withBadge:
					if m.BadgeID != "B7KQ2M4XA" {
						t.Errorf("%s: badge %q: the badge beside the row was not attached", m.Name, m.BadgeID)
					}
				default:
					if m.IDNumber != "" || m.BadgeID != "" || m.BirthDate != "" {
						t.Errorf("%s got a code's identity: %+v", m.Name, m)
					}
				}
			}
		})
	}
}

func TestParsePDFCodeProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "codes.pdf")
	writePDF(t, path, true)
	// Without the badge key the badge is rejected: reported on its row.
	res, err := Parse(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, p := range res.Problems {
		reasons = append(reasons, p.String())
	}
	if len(res.Problems) != 2 || res.Problems[1].Page != 2 || !strings.Contains(res.Problems[1].Reason, "rejected") ||
		!strings.Contains(res.Problems[1].Text, people[withBadge].Name) {
		t.Fatalf("problems:\n%s", strings.Join(reasons, "\n"))
	}
	// NoCodes reads the text only.
	res, err = Parse(context.Background(), path, Options{NoCodes: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Members) != 49 || res.Members[withCCCD].IDNumber != "" {
		t.Fatalf("NoCodes: %d members, %+v", len(res.Members), res.Members[withCCCD])
	}
}

func TestParsePDFGarbageAndFooter(t *testing.T) {
	doc := export.NewPDF()
	doc.AddPage()
	w := []float64{15, 60, 60}
	row := func(cells ...string) {
		for i, c := range cells {
			doc.CellFormat(w[i], 8, c, "1", 0, "L", false, 0, "")
		}
		doc.Ln(-1)
	}
	doc.CellFormat(0, 8, "Danh sách đại biểu họp giao ban", "", 1, "C", false, 0, "")
	row("No.", "Full name", "Department")
	row("1", "Nguyễn Văn An", "Văn phòng")
	row("@@", "#### ????", "")
	row("2", "Trần Thị Bình", "Kế toán")
	row("3", "12345", "Kế toán")
	doc.Ln(20)
	doc.CellFormat(0, 8, "Người lập biểu: Lê Văn Cường", "", 1, "L", false, 0, "")
	path := filepath.Join(t.TempDir(), "g.pdf")
	if err := doc.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	res, err := Parse(context.Background(), path, Options{NoCodes: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := namesOf(res.Members); !slices.Equal(got, []string{"Nguyễn Văn An", "Trần Thị Bình"}) {
		t.Fatalf("names %q", got)
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.String())
	}
	want := []string{
		`page 1, line 4: row number "@@" is not a number: @@ | #### ????`,
		`page 1, line 6: name "12345" has digits: 3 | 12345 | Kế toán`,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
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
			for i, p := range people {
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
			res, err := Parse(context.Background(), path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := namesOf(res.Members), namesOf(people); !slices.Equal(got, want) {
				t.Fatalf("names:\n got %q\nwant %q", got, want)
			}
			ms := res.Members
			if ms[1].IDNumber != "001090005678" || ms[1].BirthDate != "03/04/1985" || ms[2].IDNumber != "001090001111" ||
				ms[3].BadgeID != "B7KQ2M4XA" || ms[3].ExpectedBy != 7*60+30 || ms[0].ExpectedBy != -1 || ms[0].Unit != people[0].Unit {
				t.Errorf("fields: %+v %+v %+v %+v", ms[0], ms[1], ms[2], ms[3])
			}
			var got []string
			for _, p := range res.Problems {
				got = append(got, fmt.Sprintf("%d:%d %s", p.Page, p.Line, p.Reason))
			}
			want := []string{
				`0:9 birth date "31/02/1990" is not a date (DD/MM/YYYY): left out`,
				`0:54 row 51 has no name`,
			}
			if !slices.Equal(got, want) {
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
	if err != nil || !slices.Equal(namesOf(res.Members), []string{"Nguyễn Văn An", "Trần Thị Bình"}) {
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
	for i, p := range people {
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
	res, err := Parse(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := namesOf(res.Members), namesOf(people); !slices.Equal(got, want) {
		t.Fatalf("names:\n got %q\nwant %q", got, want)
	}
	ms := res.Members
	if ms[1].IDNumber != "001090005678" || ms[1].BirthDate != "03/04/1985" || ms[2].IDNumber != "001090001111" ||
		ms[2].BirthDate != "01/02/1990" || ms[3].BadgeID != "B7KQ2M4XA" || ms[3].ExpectedBy != 450 || ms[4].ExpectedBy != 840 {
		t.Errorf("fields: %+v %+v %+v %+v", ms[1], ms[2], ms[3], ms[4])
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, fmt.Sprintf("%d:%d %s", p.Page, p.Line, p.Reason))
	}
	if want := []string{"0:54 row 51 has no name", "0:55 no name"}; !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}
