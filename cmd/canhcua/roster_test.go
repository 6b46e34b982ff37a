package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
)

func runRoster(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cmdRoster(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRosterImportListRemove(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir) // no badge key there
	db := filepath.Join(dir, "canhcua.db")
	csvPath := filepath.Join(dir, "Cán bộ.csv")
	csv := "\ufeffSTT;Họ và tên;Chức vụ;Đơn vị;Số CCCD;Giờ\r\n" +
		"1;Nguyễn Văn An;Chuyên viên;Văn phòng;001090001234;\r\n" +
		"2;Trần Thị Bình;Kế toán;Văn phòng;;08:00\r\n" +
		"3;;Bảo vệ;Văn phòng;;\r\n"
	if err := os.WriteFile(csvPath, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runRoster(t, "import", csvPath, "--db", db, "--expected-by", "7h30")
	if code != exitOK || !strings.Contains(out, `2 people imported into "Cán bộ", 1 problem(s)`) {
		t.Fatalf("import: %d\n%s\n%s", code, out, errs)
	}
	if errs != "canhcua roster import: line 4: row 3 has no name: 3 | | Bảo vệ | Văn phòng\n" {
		t.Errorf("problems on stderr: %q", errs)
	}

	// A PDF into a named group, roster-only.
	pdfPath := filepath.Join(dir, "hop.pdf")
	doc := export.NewPDF()
	doc.AddPage()
	table(doc, [][]string{{"STT", "Họ và tên", "Đơn vị"}, {"1", "Trần Thị Bình", "Kế toán"}, {"2", "Lê Văn Cường", "Ban Giám đốc"}})
	if err := doc.OutputFileAndClose(pdfPath); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runRoster(t, "import", "--group", "Họp giao ban", "--only", "--expected-by=14:00", pdfPath, "--db", db)
	if code != exitOK || errs != "" || !strings.Contains(out, `2 people imported into "Họp giao ban"`) {
		t.Fatalf("import PDF: %d\n%s\n%s", code, out, errs)
	}

	code, out, errs = runRoster(t, "list", "--db", db)
	if code != exitOK || errs != "" {
		t.Fatalf("list: %d %s", code, errs)
	}
	for _, want := range []string{"GROUP", "Cán bộ", "07:30", "Họp giao ban", "14:00", "yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runRoster(t, "list", "--group", "Cán bộ", "--db", db)
	if code != exitOK || !strings.Contains(out, "Nguyễn Văn An") || !strings.Contains(out, "********1234") ||
		strings.Contains(out, "001090001234") || !strings.Contains(out, "08:00") {
		t.Fatalf("list --group: %d\n%s", code, out)
	}

	// Importing again without --replace merges; the expected-by time stays.
	code, _, errs = runRoster(t, "import", csvPath, "--db", db)
	if code != exitOK {
		t.Fatalf("re-import: %d %s", code, errs)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Members(context.Background(), "Cán bộ")
	rs, _ := st.Rosters(context.Background())
	st.Close()
	if err != nil || len(ms) != 2 || rs[0].ExpectedBy != 450 {
		t.Fatalf("after re-import: %v %+v %+v", err, ms, rs)
	}

	code, out, _ = runRoster(t, "remove", "Họp giao ban", "--db", db)
	if code != exitOK || !strings.Contains(out, "removed") {
		t.Fatalf("remove: %d %s", code, out)
	}
	code, _, errs = runRoster(t, "remove", "Họp giao ban", "--db", db)
	if code != exitUsage || !strings.Contains(errs, "no roster") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("remove again: %d %q", code, errs)
	}
	code, _, errs = runRoster(t, "list", "--group", "Họp giao ban", "--db", db)
	if code != exitUsage || !strings.Contains(errs, "no roster") {
		t.Fatalf("list removed group: %d %q", code, errs)
	}
}

// table prints rows as a bordered table.
func table(doc *fpdf.Fpdf, rows [][]string) {
	for _, r := range rows {
		for _, c := range r {
			doc.CellFormat(50, 8, c, "1", 0, "L", false, 0, "")
		}
		doc.Ln(-1)
	}
}

func TestRosterErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	db := filepath.Join(dir, "canhcua.db")
	noNames := filepath.Join(dir, "none.csv")
	os.WriteFile(noNames, []byte("STT,Họ và tên\n1,\n2,\n"), 0o600)
	noHeader := filepath.Join(dir, "x.csv")
	os.WriteFile(noHeader, []byte("a,b\n"), 0o600)
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "no command"},
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"import", "--db", db}, "no file given"},
		{[]string{"import", "a.csv", "b.csv", "--db", db}, "unexpected argument"},
		{[]string{"import", filepath.Join(dir, "missing.csv"), "--db", db}, "no such file"},
		{[]string{"import", noHeader, "--db", db}, "no header row"},
		{[]string{"import", noNames, "--db", db}, "nobody could be imported"},
		{[]string{"import", noNames, "--expected-by", "25:00", "--db", db}, "want HH:MM"},
		{[]string{"import", noNames, "--bogus"}, "flag provided but not defined"},
		{[]string{"list", "--db", filepath.Join(dir, "none.db")}, "no such file"},
		{[]string{"list", "extra", "--db", db}, "unexpected argument"},
		{[]string{"remove", "--db", db}, "no group given"},
	} {
		code, out, errs := runRoster(t, c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) || out != "" && !strings.Contains(errs, "nobody") {
			t.Errorf("%q: exit %d, stderr %q, want exit 2 and %q", c.args, code, errs, c.want)
		}
		if lines := strings.Split(strings.TrimSpace(errs), "\n"); !strings.Contains(lines[len(lines)-1], c.want) {
			t.Errorf("%q: error is not one line ending the output: %q", c.args, errs)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("failed imports created the database")
	}
	for _, args := range [][]string{{"--help"}, {"import", "--help"}, {"list", "-h"}, {"remove", "--help"}} {
		code, out, errs := runRoster(t, args...)
		if code != exitOK || !strings.Contains(out, "canhcua roster") || errs != "" {
			t.Errorf("%q: %d %q %q", args, code, out, errs)
		}
	}
}
