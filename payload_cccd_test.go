package canhcua

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var cccdToday = time.Date(2025, 11, 27, 9, 0, 0, 0, time.UTC)

// Realistic (made-up) ID card QR texts.
const (
	cccdAn      = "001090001234|123456789|Nguyễn Văn An|15031990|Nam|Số 12 Ngõ 34 Phố Huế, Phường Hàng Bài, Quận Hoàn Kiếm, Hà Nội|20042021"
	cccdNgoc    = "079195012345||Trần Thị Bích Ngọc|02091995|Nữ|123 Nguyễn Trãi, Phường 2, Quận 5, TP. Hồ Chí Minh|10082022"
	cccdDuc6    = "036200004567|Phạm Minh Đức|07/11/2000|Nam|Xã Hải Phương, Huyện Hải Hậu, Nam Định|05/06/2023"
	canCuocHa   = "001199001122||Lê Thu Hà|21121999|Nữ|Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội|15082024"
	canCuocExt  = "048088000777|201234567|Võ Quốc Bảo|01011988|Nam|Phường Hải Châu 1, Quận Hải Châu, Đà Nẵng|20062024|Phường Hải Châu 1, Đà Nẵng|20062039"
	cccdAnASCII = "001090001234|123456789|NGUYEN VAN AN|15031990|Nam|SO 12 NGO 34 PHO HUE, HA NOI|20042021"
)

func TestCCCD(t *testing.T) {
	for _, c := range []struct {
		name    string
		text    string
		kind    Kind
		key     string
		person  string
		birth   string
		sex     string
		issue   string
		old     string
		warning string // a warning that must be present ("" : none at all)
	}{
		{"chip CCCD, 7 fields", cccdAn, KindCCCD, "id:001090001234", "Nguyễn Văn An", "15/03/1990", "Nam", "20/04/2021", "123456789", ""},
		{"no old number", cccdNgoc, KindCCCD, "id:079195012345", "Trần Thị Bích Ngọc", "02/09/1995", "Nữ", "10/08/2022", "", ""},
		{"6 fields, dd/MM/yyyy", cccdDuc6, KindCCCD, "id:036200004567", "Phạm Minh Đức", "07/11/2000", "Nam", "05/06/2023", "", ""},
		{"căn cước by issue date", canCuocHa, KindCanCuoc, "id:001199001122", "Lê Thu Hà", "21/12/1999", "Nữ", "15/08/2024", "", ""},
		{"căn cước by extra fields", canCuocExt, KindCanCuoc, "id:048088000777", "Võ Quốc Bảo", "01/01/1988", "Nam", "20/06/2024", "201234567", ""},
		{"BOM and CRLF", "\ufeff" + cccdAn + "\r\n", KindCCCD, "id:001090001234", "Nguyễn Văn An", "15/03/1990", "Nam", "20/04/2021", "123456789", ""},
		{"ASCII-mode scanner", cccdAnASCII, KindCCCD, "id:001090001234", "NGUYEN VAN AN", "15/03/1990", "Nam", "20/04/2021", "123456789", "ASCII mode"},
		{"ASCII sex Nu", strings.Replace(strings.Replace(cccdNgoc, "Nữ", "Nu", 1), "Trần Thị Bích Ngọc", "TRAN THI BICH NGOC", 1), KindCCCD, "id:079195012345", "TRAN THI BICH NGOC", "02/09/1995", "Nữ", "10/08/2022", "", "ASCII mode"},
		{"upper-case sex", strings.Replace(cccdNgoc, "Nữ", "NỮ", 1), KindCCCD, "id:079195012345", "Trần Thị Bích Ngọc", "02/09/1995", "Nữ", "10/08/2022", "", ""},
		{"Latin-1 mojibake", latin1Mojibake(cccdAn), KindCCCD, "id:001090001234", "Nguyễn Văn An", "15/03/1990", "Nam", "20/04/2021", "123456789", "Latin-1"},
		{"spaces around fields", " 001090001234 | 123456789 |  Nguyễn  Văn An |15031990| Nam |Hà Nội| 20042021 ", KindCCCD, "id:001090001234", "Nguyễn Văn An", "15/03/1990", "Nam", "20/04/2021", "123456789", ""},
		{"7-field form without issue date", "001090001234|123456789|Nguyễn Văn An|15031990|Nam|Hà Nội", KindCCCD, "id:001090001234", "Nguyễn Văn An", "15/03/1990", "Nam", "", "123456789", "issue date is missing"},
		{"trailing empty field", cccdNgoc + "|", KindCCCD, "id:079195012345", "Trần Thị Bích Ngọc", "02/09/1995", "Nữ", "10/08/2022", "", ""},
		{"unknown province", strings.Replace(cccdAn, "001090", "099090", 1), KindCCCD, "id:099090001234", "Nguyễn Văn An", "15/03/1990", "Nam", "20/04/2021", "123456789", "province"},
		{"ID disagrees with birth year", strings.Replace(cccdAn, "15031990", "15031991", 1), KindCCCD, "id:001090001234", "Nguyễn Văn An", "15/03/1991", "Nam", "20/04/2021", "123456789", "birth year"},
		{"ID disagrees with sex", strings.Replace(cccdAn, "|Nam|", "|Nữ|", 1), KindCCCD, "id:001090001234", "Nguyễn Văn An", "15/03/1990", "Nữ", "20/04/2021", "123456789", "sex"},
		{"odd old number", strings.Replace(cccdAn, "123456789", "1234567", 1), KindCCCD, "id:001090001234", "Nguyễn Văn An", "15/03/1990", "Nam", "20/04/2021", "1234567", "old ID number"},
		{"issue before birth", strings.Replace(cccdAn, "20042021", "20041980", 1), KindCCCD, "id:001090001234", "Nguyễn Văn An", "15/03/1990", "Nam", "20/04/1980", "123456789", "before the birth date"},
		{"issue in the future", strings.Replace(cccdNgoc, "10082022", "10082030", 1), KindCanCuoc, "id:079195012345", "Trần Thị Bích Ngọc", "02/09/1995", "Nữ", "10/08/2030", "", "future"},
	} {
		t.Run(c.name, func(t *testing.T) {
			id := IdentifyWith(IdentifyConfig{Today: cccdToday}, c.text)
			if id.Reject != "" {
				t.Fatalf("rejected: %s", id.Reject)
			}
			if id.Kind != c.kind || id.Key != c.key || id.IDNumber != strings.TrimPrefix(c.key, "id:") || id.Name != c.person ||
				id.BirthDate != c.birth || id.Sex != c.sex || id.IssueDate != c.issue || id.OldIDNumber != c.old {
				t.Errorf("got %+v", id)
			}
			if id.Address != "" {
				t.Errorf("address kept without KeepAddress: %q", id.Address)
			}
			ws := strings.Join(id.Warnings, "; ")
			if c.warning == "" && ws != "" {
				t.Errorf("unexpected warnings: %s", ws)
			}
			if !strings.Contains(ws, c.warning) {
				t.Errorf("warnings %q, want one about %q", ws, c.warning)
			}
		})
	}
}

// latin1Mojibake is what a decoder that reads UTF-8 bytes as Latin-1 makes.
func latin1Mojibake(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

func TestCCCDSamePerson(t *testing.T) {
	// The CCCD, the căn cước card that replaced it, an ASCII-mode reading
	// and a manual entry of the same number are one person.
	cancuoc := "001090001234||Nguyễn Văn An|15031990|Nam|Phường Hàng Bài, Hà Nội|02082024"
	keys := map[string]bool{}
	for _, s := range []string{cccdAn, cancuoc, cccdAnASCII, "\ufeff" + cccdAn + "\n"} {
		keys[Identify(s).Key] = true
	}
	keys[Manual("Nguyễn Văn An", "001090001234").Key] = true
	if len(keys) != 1 || !keys["id:001090001234"] {
		t.Errorf("keys %v", keys)
	}
	if k := Identify(cancuoc).Kind; k != KindCanCuoc {
		t.Errorf("kind %s", k)
	}
}

func TestCCCDAddress(t *testing.T) {
	id := IdentifyWith(IdentifyConfig{KeepAddress: true}, cccdAn)
	if id.Address != "Số 12 Ngõ 34 Phố Huế, Phường Hàng Bài, Quận Hoàn Kiếm, Hà Nội" {
		t.Errorf("address %q", id.Address)
	}
	id = IdentifyWith(IdentifyConfig{KeepAddress: true}, strings.Replace(cccdAn, "Số 12", "\x1b]52;c;cm0gLXJmIH4=\x07Số 12\x1b[2J", 1))
	if strings.ContainsRune(id.Address, 0x1b) || !strings.HasPrefix(id.Address, "Số 12") {
		t.Errorf("address %q", id.Address)
	}
}

func TestCCCDRejections(t *testing.T) {
	for _, c := range []struct{ name, text, reason, vi string }{
		{"11-digit ID", strings.Replace(cccdAn, "001090001234", "00109000123", 1), "12 digits", "Số định danh phải có 12 chữ số"},
		{"13-digit ID", strings.Replace(cccdAn, "001090001234", "0010900012345", 1), "12 digits", "Số định danh phải có 12 chữ số"},
		{"31 February", strings.Replace(cccdAn, "15031990", "31021990", 1), "birth date", "Ngày sinh không hợp lệ"},
		{"month 13", strings.Replace(cccdDuc6, "07/11/2000", "07/13/2000", 1), "birth date", "Ngày sinh không hợp lệ"},
		{"birth date text", strings.Replace(cccdAn, "15031990", "1990", 1), "birth date", "Ngày sinh không hợp lệ"},
		{"born in the future", strings.Replace(cccdAn, "15031990", "15032030", 1), "birth date", "Ngày sinh không hợp lệ"},
		{"sex X", strings.Replace(cccdAn, "|Nam|", "|X|", 1), "sex", "Giới tính không hợp lệ"},
		{"issue date 30/02", strings.Replace(cccdAn, "20042021", "30022021", 1), "issue date", "Ngày cấp không hợp lệ"},
		{"no name", strings.Replace(cccdAn, "Nguyễn Văn An", " \x1b[2J ", 1), "name", "Thiếu họ tên"},
	} {
		t.Run(c.name, func(t *testing.T) {
			id := IdentifyWith(IdentifyConfig{Today: cccdToday, AcceptUnknown: true}, c.text)
			if !strings.Contains(id.Reject, c.reason) || id.RejectVI != c.vi || id.Key != "" {
				t.Errorf("got %+v, want rejection %q / %q", id, c.reason, c.vi)
			}
		})
	}
}

func TestParseVNDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"15031990", "1990-03-15"}, {"15/03/1990", "1990-03-15"}, {"5/3/1990", "1990-03-05"}, {"29-02-2000", "2000-02-29"},
		{"01.07.2024", "2024-07-01"}, {"29021900", ""}, {"1503199", ""}, {"15/03-1990", ""}, {"/15/03/1990", ""},
		{"15//1990", ""}, {"aa/bb/cccc", ""}, {"", ""}, {"00012000", ""},
	} {
		d, ok := parseVNDate(c.in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != c.want {
			t.Errorf("parseVNDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzCCCD(f *testing.F) {
	for _, s := range []string{cccdAn, cccdNgoc, cccdDuc6, canCuocHa, canCuocExt, cccdAnASCII, latin1Mojibake(cccdAn),
		"001090001234|||||", "001090001234|\xff\xfe|\x1b[2J|31021990|Nam||", "123456789012|x|y|29/02/2000|Nữ|z|1/1/2024|||"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !looksCCCD(s) {
			return
		}
		id := parseCCCD(IdentifyConfig{KeepAddress: true}, cccdToday, s)
		if id.Reject != "" {
			if id.RejectVI == "" {
				t.Fatal("rejection without a Vietnamese reason")
			}
			return
		}
		if !isDigits(id.IDNumber, 12) || id.Key != "id:"+id.IDNumber || (id.Kind != KindCCCD && id.Kind != KindCanCuoc) {
			t.Fatalf("%+v", id)
		}
		if id.Name == "" || (id.Sex != "" && id.Sex != "Nam" && id.Sex != "Nữ") {
			t.Fatalf("name %q sex %q", id.Name, id.Sex)
		}
		if _, ok := parseVNDate(strings.ReplaceAll(id.BirthDate, "/", "")); !ok {
			t.Fatalf("birth date %q", id.BirthDate)
		}
		for _, v := range []string{id.Name, id.Address, id.OldIDNumber} {
			assertSafe(t, v, maxAddressWidth)
		}
		if !utf8.ValidString(strings.Join(id.Warnings, "")) {
			t.Fatal("invalid UTF-8 in warnings")
		}
	})
}
