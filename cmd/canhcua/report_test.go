package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/pdftest"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

var reportICT = tz.Vietnam()

// rday is Friday 27/11/2026; rat is hh:mm on it.
var rday = time.Date(2026, 11, 27, 0, 0, 0, 0, reportICT)

func rat(h, m int) time.Time {
	return rday.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

func cccdID(name, id string) canhcua.Identity {
	return canhcua.Identity{Kind: canhcua.KindCCCD, Key: "id:" + id, Name: name, IDNumber: id, BirthDate: "01/02/1990"}
}

// seedReportDB makes a database with a day at two doors: a staff roster of
// four (two scan, one of them late), a roster-only meeting with a guest
// admitted and one refused, and the warnings the rules give.
func seedReportDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "canhcua.db")
	st, err := store.Open(ctx, path, store.WithLocation(reportICT), store.WithClock(func() time.Time { return rat(18, 0) }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const gate, room = "Cửa chính", "Phòng họp"
	staff := []canhcua.Member{
		{Name: "Nguyễn Văn An", Unit: "Phòng Tài chính", IDNumber: "001090001234", ExpectedBy: -1},
		{Name: "Trần Thị Bình", Unit: "Văn phòng", IDNumber: "001090005678", ExpectedBy: -1},
		{Name: "Lê Văn Cường", Unit: "Phòng Y tế", IDNumber: "001090009999", ExpectedBy: -1},
		{Name: "Phạm Thị Dung", Unit: "Văn phòng", IDNumber: "048170002468", ExpectedBy: 9 * 60},
	}
	if _, err := st.SaveRoster(ctx, canhcua.Roster{Name: "Cán bộ", ExpectedBy: 7*60 + 30}, staff, true); err != nil {
		t.Fatal(err)
	}
	scan := func(id canhcua.Identity, mode canhcua.Mode, door string, when time.Time, rules canhcua.Rules) canhcua.Scan {
		t.Helper()
		s, err := st.Scan(ctx, id, mode, door, when, rules)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	scan(cccdID("Nguyễn Văn An", "001090001234"), canhcua.ModeToggle, gate, rat(7, 20), canhcua.Rules{})

	// The rules as the desk runs them, at 07:35: Bình, Cường late.
	gs, err := st.ExpectedStatus(ctx, rat(7, 35))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range canhcua.NotScannedWarnings(store.Expected(gs), gate, rat(7, 35)) {
		if _, _, err := st.OpenWarning(ctx, w); err != nil {
			t.Fatal(err)
		}
	}

	scan(cccdID("Trần Thị Bình", "001090005678"), canhcua.ModeToggle, gate, rat(7, 50), canhcua.Rules{})
	scan(cccdID("Nguyễn Văn An", "001090001234"), canhcua.ModeToggle, gate, rat(17, 0), canhcua.Rules{})
	scan(canhcua.Identity{Kind: canhcua.KindPayment, Reject: "payment code"}, canhcua.ModeIn, gate, rat(8, 0), canhcua.Rules{})

	// The meeting admits its roster only.
	meeting := canhcua.Roster{Name: "Họp giao ban", Only: true}
	hold := canhcua.Rules{Hold: func(canhcua.Identity) (string, string, bool) {
		return "not on the roster", "không có trong danh sách", true
	}}
	for i, g := range []struct {
		id    canhcua.Identity
		admit bool
	}{
		{cccdID("Vũ Thị Giang", "001190005678"), true},
		{cccdID("Hoàng Văn Em", "001190004444"), false},
	} {
		s := scan(g.id, canhcua.ModeIn, room, rat(13, 55+i), hold)
		if _, _, err := st.OpenWarning(ctx, canhcua.NotOnRosterWarning(s, meeting)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Decide(ctx, s.ID, g.admit, rat(13, 57+i)); err != nil {
			t.Fatal(err)
		}
	}

	// Closing time at the gate, which counts exits.
	vs, err := st.Visits(ctx, rat(17, 30), gate)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range canhcua.StillInsideWarnings(vs, rat(17, 30)) {
		if _, _, err := st.OpenWarning(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func fixReportClock(t *testing.T) {
	old := reportClock
	reportClock = func() time.Time { return rat(18, 5) }
	t.Cleanup(func() { reportClock = old })
}

func runReport(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cmdReport(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

var reportNames = []string{"Lê Văn Cường", "Phạm Thị Dung", "Vũ Thị Giang", "Hoàng Văn Em", "Trần Thị Bình"}

func TestReportText(t *testing.T) {
	fixReportClock(t)
	db := seedReportDB(t)
	out, errs, code := runReport(t, "--db", db, "--date", "27/11/2026")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range append([]string{
		"BÁO CÁO KIỂM SOÁT RA VÀO", "Ngày 27/11/2026", "Cửa: Tất cả các cửa",
		"Lượt vào           3", "Lượt ra            1", "Số người           3", "Mã bị từ chối      2", // the payment code and the refused guest
		"Cán bộ đã quét: 2/4 (50%)",
		"Danh sách chưa quét (2)", "1. Lê Văn Cường — Phòng Y tế — Hạn quét 07:30", "2. Phạm Thị Dung — Văn phòng — Hạn quét 09:00",
		"Khách ngoài danh sách (2)", "13:55:00  Vũ Thị Giang (********5678)  Phòng họp  Cho vào 13:57:00",
		"13:56:00  Hoàng Văn Em (********4444)  Phòng họp  Từ chối 13:58:00",
		"Cảnh báo trong ngày (4)",
		"07:35:00  Cửa chính  [Chưa quét]  Cán bộ: 1/4 đã quét; chưa quét: Trần Thị Bình, Lê Văn Cường — Chưa xử lý",
		"[Ngoài danh sách]  Vũ Thị Giang không có trong danh sách Họp giao ban",
		"17:30:00  Cửa chính  [Còn bên trong khi đóng cửa]  Trần Thị Bình vẫn còn bên trong lúc đóng cửa (vào lúc 07:50, chưa quét ra)",
		"Lập lúc 27/11/2026 18:05",
	}, reportNames...) {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}

	// One door, in English.
	out, _, code = runReport(t, "--db", db, "--date", "27/11/2026", "--door", "Phòng họp", "--lang", "en")
	if code != exitOK || !strings.Contains(out, "DOOR CHECK-IN REPORT") || !strings.Contains(out, "Door: Phòng họp") ||
		!strings.Contains(out, "Entries             1") || !strings.Contains(out, "Rejected codes      1") || !strings.Contains(out, "Warnings of the day (2)") ||
		!strings.Contains(out, "Cán bộ scanned: 2/4 (50%)") {
		t.Errorf("door report (exit %d):\n%s", code, out)
	}
}

func TestReportFiles(t *testing.T) {
	fixReportClock(t)
	db := seedReportDB(t)
	dir := t.TempDir()

	// CSV by the file's extension.
	csvPath := filepath.Join(dir, "out", "day.csv")
	out, errs, code := runReport(t, "--db", db, "--date", "27/11/2026", "--to", csvPath)
	if code != exitOK || strings.TrimSpace(out) != csvPath {
		t.Fatalf("csv: exit %d, %q %s", code, out, errs)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\uFEFFBÁO CÁO KIỂM SOÁT RA VÀO\r\n")) || !bytes.Contains(data, []byte("Cán bộ,2,4,50%")) ||
		!bytes.Contains(data, []byte("Cán bộ,Lê Văn Cường,Phòng Y tế,07:30")) {
		t.Errorf("csv:\n%s", data)
	}
	if fi, _ := os.Stat(csvPath); fi.Mode().Perm() != 0o600 {
		t.Errorf("csv mode %v", fi.Mode())
	}

	// XLSX under the default name in the current folder.
	t.Chdir(dir)
	out, errs, code = runReport(t, "--db", db, "--date", "27/11/2026", "--format", "xlsx")
	if code != exitOK || strings.TrimSpace(out) != "canhcua-report-2026-11-27.xlsx" {
		t.Fatalf("xlsx: exit %d, %q %s", code, out, errs)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "canhcua-report-2026-11-27.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Chưa quét")
	if len(rows) != 3 || rows[1][1] != "Lê Văn Cường" || rows[2][1] != "Phạm Thị Dung" {
		t.Errorf("xlsx not scanned: %q", rows)
	}
	guests, _ := f.GetRows("Khách")
	if len(guests) != 3 || guests[1][1] != "Vũ Thị Giang" || guests[2][4] != "Từ chối" {
		t.Errorf("xlsx guests: %q", guests)
	}

	// PDF, read back.
	pdfPath := filepath.Join(dir, "r.pdf")
	if _, errs, code := runReport(t, "--db", db, "--date", "27/11/2026", "--format", "pdf", "--to", pdfPath); code != exitOK {
		t.Fatalf("pdf: exit %d: %s", code, errs)
	}
	data, err = os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := pdftest.Text(t, data)
	for _, want := range append([]string{"BÁO CÁO KIỂM SOÁT RA VÀO", "Cán bộ đã quét: 2/4 (50%)"}, reportNames...) {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}

	// Text to a file; nothing on standard output but the path.
	txt := filepath.Join(dir, "r.txt")
	if out, _, code := runReport(t, "--db", db, "--date", "27/11/2026", "--to", txt); code != exitOK || strings.TrimSpace(out) != txt {
		t.Errorf("txt: exit %d %q", code, out)
	}
}

func TestReportDefaultsToToday(t *testing.T) {
	fixReportClock(t)
	db := seedReportDB(t)
	out, _, code := runReport(t, "--db", db)
	if code != exitOK || !strings.Contains(out, "Ngày 27/11/2026") || !strings.Contains(out, "Lượt vào           3") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	// An empty day is a report with zeros, not an error.
	out, _, code = runReport(t, "--db", db, "--date", "28/11/2026")
	if code != exitOK || !strings.Contains(out, "Lượt vào           0") || !strings.Contains(out, "Cán bộ đã quét: 0/4 (0%)") {
		t.Errorf("empty day: exit %d:\n%s", code, out)
	}
}

func TestReportUsage(t *testing.T) {
	fixReportClock(t)
	db := seedReportDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--db", db, "--date", "2026-11-27"}, `date "2026-11-27": want DD/MM/YYYY`},
		{[]string{"--db", db, "--format", "docx"}, `format "docx"`},
		{[]string{"--db", db, "--lang", "fr"}, `language "fr"`},
		{[]string{"--db", filepath.Join(t.TempDir(), "none.db")}, "database "},
		{[]string{"--db", db, "extra"}, `unexpected argument "extra"`},
		{[]string{"--nope"}, "flag provided but not defined"},
	} {
		_, errs, code := runReport(t, tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
	}
	out, _, code := runReport(t, "--help")
	if code != exitOK || !strings.Contains(out, "Usage: canhcua report") {
		t.Errorf("help: %d %q", code, out)
	}
}
