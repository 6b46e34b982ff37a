// Package rostertest makes the rosters the roster tests read: 50 Vietnamese
// staff, and a government-style PDF list of them with two QR codes beside
// rows. It is for tests only: store/roster's (CSV, XLSX, and PDF with a fake
// MuPDF) and cmd/canhcua's (PDF with the real MuPDF and decoder).
package rostertest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store/export"
)

// People are 50 Vietnamese staff; person 27 (index Malformed) is printed
// without a name in the PDF.
var People = func() []canhcua.Member {
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
	Malformed = 26 // index of the row printed without a name
	WithCCCD  = 4  // the row printed with an ID card QR beside it
	WithBadge = 39 // the row printed with a badge QR beside it (page 2)
	Wrapped   = 9  // the row whose unit is wrapped over two lines
)

// WrappedUnit is the unit printed for row Wrapped, over two lines.
const WrappedUnit = "Phòng Kế hoạch – Tài chính và Đầu tư phát triển"

// BadgeKey signs the badge printed beside row WithBadge.
var BadgeKey = bytes.Repeat([]byte{7}, 32)

// CCCDText is the text of m's ID card QR.
func CCCDText(m canhcua.Member) string {
	return "001090001234|123456789|" + m.Name + "|01021990|Nam|12 Tràng Tiền, Hoàn Kiếm, Hà Nội|15082021"
}

// BadgeText is the text of the badge QR printed beside row WithBadge.
func BadgeText() string {
	return canhcua.SignBadge(BadgeKey, canhcua.Badge{ID: "B7KQ2M4XA", Name: People[WithBadge].Name, Unit: "Văn phòng"})
}

// Identify reads codes with BadgeKey.
func Identify(text string) canhcua.Identity {
	return canhcua.IdentifyWith(canhcua.IdentifyConfig{BadgeKey: BadgeKey}, text)
}

func qrImage(t testing.TB, doc *fpdf.Fpdf, name, text string, x, y, side float64) {
	t.Helper()
	png, err := qrcode.Encode(text, qrcode.Medium, 512)
	if err != nil {
		t.Fatal(err)
	}
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	doc.RegisterImageOptionsReader(name, opt, bytes.NewReader(png))
	doc.ImageOptions(name, x, y, side, side, false, opt, 0, "")
}

// WritePDF prints People as a government list: a title, a table "STT | Họ
// và tên | Chức vụ | Đơn vị" over two pages (the header repeated on the
// second when repeatHeader), a signature block, and two QR codes beside rows.
func WritePDF(t testing.TB, path string, repeatHeader bool) {
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
	for i, p := range People {
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
		if i == Malformed {
			name = ""
		}
		h := 8.0
		x, y := doc.GetXY()
		cells := []string{fmt.Sprint(i + 1), name, pos, unit}
		if i == Wrapped {
			h = 12
			cells[3] = WrappedUnit
		}
		for c, s := range cells {
			if c == 3 && i == Wrapped {
				doc.Rect(doc.GetX(), y, w[c], h, "D")
				doc.MultiCell(w[c], 5, s, "", "LT", false)
				continue
			}
			doc.CellFormat(w[c], h, s, "1", 0, "LT", false, 0, "")
		}
		doc.SetXY(x, y+h)
		switch i {
		case WithCCCD:
			qrImage(t, doc, "cccd", CCCDText(p), 15+155+4, y+h/2-9, 18)
		case WithBadge:
			qrImage(t, doc, "badge", BadgeText(), 15+155+4, y+h/2-9, 18)
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

// Names are the members' names.
func Names(ms []canhcua.Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

// WantNames are the names the PDF must give back: all but the malformed row.
func WantNames() []string {
	var out []string
	for i, p := range People {
		if i != Malformed {
			out = append(out, p.Name)
		}
	}
	return out
}
