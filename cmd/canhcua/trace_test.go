package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua/internal/pgtest"
	"github.com/canhcua/canhcua/internal/tracetest"
)

// runTrace runs canhcua trace in-process, as main does, with the config
// file of the test's own (server and db set when not ""), and today
// 28/11/2026 15:00.
func runTrace(t *testing.T, server, db string, args ...string) (string, string, int) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_DATA_HOME", dir)
	cfg := "site = \"" + tracetest.SiteA + "\"\n"
	if server != "" {
		cfg += "server = \"" + server + "\"\n"
	}
	if db != "" {
		cfg += "db = \"" + db + "\"\n"
	}
	if err := os.MkdirAll(filepath.Join(dir, "canhcua"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "canhcua", "config.toml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	old := traceClock
	traceClock = func() time.Time { return tracetest.At(1, 15, 0, 0) }
	t.Cleanup(func() { traceClock = old })
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"trace"}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

// traceJSON is the JSON of a trace, as the health office reads it.
type traceJSON struct {
	Person struct {
		Name, ID  string
		BirthDate string `json:"birth_date"`
	}
	Visits []struct {
		Site, Door, In, Out string
		DoorOut             string `json:"door_out"`
		NoEntry             bool   `json:"no_entry"`
		NoExit              bool   `json:"no_exit"`
	}
	Contacts []struct {
		Name, ID, Site string
		Minutes        int
		Times          []struct{ From, To, Door string }
	}
}

// decodeTrace checks that out is exactly one object with person, visits and
// contacts, and decodes it.
func decodeTrace(t *testing.T, out string) traceJSON {
	t.Helper()
	var keys map[string]json.RawMessage
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&keys); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, out)
	}
	if dec.More() {
		t.Errorf("more than one JSON value:\n%s", out)
	}
	var names []string
	for k := range keys {
		names = append(names, k)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"contacts", "person", "visits"}) {
		t.Errorf("JSON keys %v, want person, visits, contacts", names)
	}
	var tr traceJSON
	if err := json.Unmarshal([]byte(out), &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestTraceCommandServer: canhcua trace on the district's server, named by
// the config (and by --server): the JSON object, masked and full IDs, names
// in UTF-8, the CSV and XLSX files, and a password in the URL shown nowhere.
func TestTraceCommandServer(t *testing.T) {
	url := pgtest.DB(t)
	tracetest.Seed(t, t.TempDir(), url)

	out, errs, code := runTrace(t, url, "", "--id", tracetest.AnID, "--date", "27/11/2026", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	tr := decodeTrace(t, out)
	if tr.Person.Name != tracetest.AnName || tr.Person.ID != "********1234" || tr.Person.BirthDate != tracetest.AnBirth {
		t.Errorf("person %+v", tr.Person)
	}
	if len(tr.Visits) != 2 || tr.Visits[0].Site != tracetest.SiteA || tr.Visits[0].Door != "Cổng chính" ||
		tr.Visits[0].In != "2026-11-27T08:00:00+07:00" || tr.Visits[0].Out != "2026-11-27T09:00:00+07:00" || tr.Visits[0].NoExit ||
		tr.Visits[1].Site != tracetest.SiteB || !tr.Visits[1].NoExit || tr.Visits[1].Out != "2026-11-27T11:00:00+07:00" {
		t.Errorf("visits %+v", tr.Visits)
	}
	var contacts []string
	for _, c := range tr.Contacts {
		contacts = append(contacts, c.Name+" "+c.ID+" "+c.Site)
		if c.Minutes == 0 || len(c.Times) == 0 {
			t.Errorf("contact %+v", c)
		}
	}
	want := []string{"Phạm Thị Dung ********2468 " + tracetest.SiteB, "Lê Văn Cường  " + tracetest.SiteA,
		"Trần Thị Bình ********4321 " + tracetest.SiteB, "Trần Thị Bình ********4321 " + tracetest.SiteA}
	if !slices.Equal(contacts, want) {
		t.Errorf("contacts %q, want %q", contacts, want)
	}
	if b := tr.Contacts[3]; b.Minutes != 5 || b.Times[0].Door != "Cổng sau" || !strings.HasPrefix(b.Times[0].From, "2026-11-27T08:55:30") {
		t.Errorf("Bình at A, on the clock-corrected desk: %+v", b)
	}
	if !strings.Contains(out, `"name": "Nguyễn Văn An"`) || strings.Contains(out, `\u`) {
		t.Errorf("names are not plain UTF-8:\n%s", out)
	}
	if strings.Contains(out, tracetest.AnID) || strings.Contains(out, tracetest.BinhID) || strings.Contains(out, "id:") {
		t.Errorf("a full ID number in the JSON:\n%s", out)
	}

	// --full-id, and by name and birth date on the server named by --server.
	out, errs, code = runTrace(t, "", "", "--name", "nguyen van an", "--birth", tracetest.AnBirth, "--date", "27/11/2026",
		"--format", "json", "--full-id", "--server", url)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	tr = decodeTrace(t, out)
	if tr.Person.ID != tracetest.AnID || len(tr.Contacts) != 4 || tr.Contacts[0].ID != tracetest.DungID {
		t.Errorf("--full-id: %+v", tr)
	}

	// Two days, as CSV in a file.
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "an.csv")
	out, errs, code = runTrace(t, url, "", "--id", tracetest.AnID, "--from", "27/11/2026", "--to", "28/11/2026", "--to", csvPath)
	if code != exitOK || strings.TrimSpace(out) != csvPath {
		t.Fatalf("csv: exit %d, %q %s", code, out, errs)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\uFEFFTRUY VẾT TIẾP XÚC\r\n",
		"Người được truy vết,Nguyễn Văn An\r\n", "Số định danh,********1234\r\n", "Thời gian,27/11/2026 – 28/11/2026\r\n",
		"Giờ quét của từng máy đã được hiệu chỉnh theo đồng hồ của máy chủ.\r\n",
		"Đơn vị,Cửa,Vào,Ra,Ghi chú\r\n",
		"UBND xã Tân Phú,Cổng chính,27/11/2026 08:00,27/11/2026 09:00,\r\n",
		"Trạm Y tế xã,Cửa chính,27/11/2026 10:00,27/11/2026 11:00,không quét ra: giờ ra ước tính\r\n",
		"Trạm Y tế xã,Cửa chính,28/11/2026 09:00,28/11/2026 09:30,\r\n",
		"Họ và tên,Số định danh,Đơn vị,Số phút,Thời điểm\r\n",
		"Phạm Thị Dung,********2468,Trạm Y tế xã,45,27/11/2026 10:30–11:00 (Cửa chính); 28/11/2026 09:15–09:30 (Cửa chính)\r\n",
		"Trần Thị Bình,********4321,UBND xã Tân Phú,5,27/11/2026 08:55–09:00 (Cổng sau)\r\n",
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("CSV lacks %q", want)
		}
	}
	if bytes.Contains(data, []byte(tracetest.AnID)) {
		t.Error("a full ID number in the CSV")
	}
	if t.Failed() {
		t.Logf("%s", data)
	}

	// XLSX under the default name, in English.
	t.Chdir(dir)
	out, errs, code = runTrace(t, url, "", "--id", tracetest.AnID, "--date", "27/11/2026", "--format", "xlsx", "--lang", "en")
	if code != exitOK || strings.TrimSpace(out) != "canhcua-trace-2026-11-27.xlsx" {
		t.Fatalf("xlsx: exit %d, %q %s", code, out, errs)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "canhcua-trace-2026-11-27.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Summary|Visits|Contacts" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("Contacts")
	if len(rows) != 5 || strings.Join(rows[1][:4], "|") != "Phạm Thị Dung|********2468|Trạm Y tế xã|30" {
		t.Errorf("contacts sheet %q", rows)
	}

	// A password in the server's URL is shown nowhere (the test server
	// trusts any).
	withPW := strings.Replace(url, "postgres@", "postgres:s3cr3t-pw@", 1)
	out, errs, code = runTrace(t, withPW, "", "--id", tracetest.AnID, "--date", "27/11/2026", "--lang", "en")
	if code != exitOK || !strings.Contains(out, "CONTACT TRACE") || !strings.Contains(out, "Data from: the district's server postgres://***@") ||
		strings.Contains(out+errs, "s3cr3t") {
		t.Errorf("text with a password in the URL: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = runTrace(t, "", "", "--id", tracetest.AnID, "--server", "postgres://canhcua:s3cr3t-pw@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if code != exitUsage || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "canhcua trace: ") || strings.Contains(errs, "s3cr3t") {
		t.Errorf("unreachable server: exit %d, %q %q", code, out, errs)
	}
}

// TestTraceCommandDesk: canhcua trace on one desk's database (--db, or the
// config's when no server is configured): what that desk saw.
func TestTraceCommandDesk(t *testing.T) {
	desks := tracetest.Seed(t, t.TempDir(), "")
	a1 := desks[tracetest.A1].Path

	out, errs, code := runTrace(t, "", a1, "--id", tracetest.AnID, "--date", "27/11/2026")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"TRUY VẾT TIẾP XÚC\n", "Người được truy vết: Nguyễn Văn An\n", "Số định danh: ********1234\n", "Ngày sinh: 15/03/1990\n",
		"Thời gian: 27/11/2026\n", "Nguồn dữ liệu: cơ sở dữ liệu của một máy " + a1 + " (đơn vị UBND xã Tân Phú)\n",
		"Có mặt: từ lúc quét vào đến lúc quét ra; không quét ra: 60 phút sau khi vào; không quét vào: 60 phút trước khi ra.\n",
		"Các lần có mặt (1)\n", "  UBND xã Tân Phú  Cổng chính  27/11/2026 08:00  27/11/2026 09:00\n",
		"Người tiếp xúc (1)\n", "  Lê Văn Cường                UBND xã Tân Phú  15       27/11/2026 08:30–08:45 (Cổng chính)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(out, "Võ Hồng Phúc") || strings.Contains(out, "hiệu chỉnh") {
		t.Errorf("a voided scan or the server's clock note in a desk's trace:\n%s", out)
	}
	if t.Failed() {
		t.Log(out)
	}

	// CSV on standard output: masked, and full with --full-id.
	out, errs, code = runTrace(t, "", a1, "--id", tracetest.AnID, "--date", "27/11/2026", "--format", "csv", "--to", "-")
	if code != exitOK || !strings.HasPrefix(out, "\uFEFFTRUY VẾT TIẾP XÚC\r\n") || !strings.Contains(out, "Số định danh,********1234\r\n") ||
		!strings.Contains(out, "UBND xã Tân Phú,Cổng chính,27/11/2026 08:00,27/11/2026 09:00,\r\n") ||
		!strings.Contains(out, "Lê Văn Cường,,UBND xã Tân Phú,15,27/11/2026 08:30–08:45 (Cổng chính)\r\n") || strings.Contains(out, tracetest.AnID) {
		t.Errorf("desk CSV: exit %d %s\n%s", code, errs, out)
	}
	out, _, _ = runTrace(t, "", a1, "--id", tracetest.AnID, "--date", "27/11/2026", "--format", "csv", "--to", "-", "--full-id")
	if !strings.Contains(out, "Số định danh,"+tracetest.AnID+"\r\n") {
		t.Errorf("desk CSV with --full-id:\n%s", out)
	}

	// --db names another desk; --full-id; --window; --from alone runs to
	// today (28/11).
	b1 := desks[tracetest.B1].Path
	out, errs, code = runTrace(t, "", a1, "--id", tracetest.AnID, "--db", b1, "--from", "27/11/2026", "--window", "30m",
		"--format", "json", "--full-id")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	tr := decodeTrace(t, out)
	if len(tr.Visits) != 2 || tr.Visits[0].Out != "2026-11-27T10:30:00+07:00" || len(tr.Contacts) != 1 ||
		tr.Contacts[0].ID != tracetest.DungID || tr.Contacts[0].Minutes != 15 { // 27/11: Dung came in as An's half hour ended
		t.Errorf("B1's trace with a window of 30m: %+v", tr)
	}

	// Today by default: nothing on 28/11 at A1, and an empty trace is a
	// trace.
	out, errs, code = runTrace(t, "", a1, "--id", tracetest.AnID, "--format", "json")
	if tr := decodeTrace(t, out); code != exitOK || len(tr.Visits) != 0 || len(tr.Contacts) != 0 || tr.Person.ID != "********1234" ||
		!strings.Contains(out, `"visits": []`) {
		t.Errorf("today: exit %d %s\n%s", code, errs, out)
	}
}

// TestTraceCommandErrors: every mistake is one line on stderr, exit 2.
func TestTraceCommandErrors(t *testing.T) {
	desks := tracetest.Seed(t, t.TempDir(), "")
	a1 := desks[tracetest.A1].Path
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--date", "27/11/2026"}, "who? --id NUMBER, or --name NAME --birth DD/MM/YYYY"},
		{[]string{"--id", "1", "--name", "An"}, "--id or --name, not both"},
		{[]string{"--name", "An"}, "--name needs --birth DD/MM/YYYY"},
		{[]string{"--name", "An", "--birth", "1990"}, `birth date "1990": want DD/MM/YYYY`},
		{[]string{"--id", "1", "--date", "27/11/2026", "--from", "26/11/2026"}, "--date or --from/--to, not both"},
		{[]string{"--id", "1", "--to", "27/11/2026"}, "--to 27/11/2026 is a day: it needs --from"},
		{[]string{"--id", "1", "--from", "28/11/2026", "--to", "27/11/2026"}, "--from 28/11/2026 is after --to 27/11/2026"},
		{[]string{"--id", "1", "--from", "26/11/2026", "--to", "27/11/2026", "--to", "28/11/2026"}, "one last day and one file at most"},
		{[]string{"--id", "1", "--to", "a.csv", "--to", "b.csv"}, "--to a.csv and --to b.csv"},
		{[]string{"--id", "1", "--from", "26/11/2026", "--to", "2026-11-27"}, `date "2026-11-27": want DD/MM/YYYY`},
		{[]string{"--id", "1", "--date", "31/02/2026"}, `date "31/02/2026"`},
		{[]string{"--id", "1", "--window", "0"}, `--window "0": want a duration above zero`},
		{[]string{"--id", "1", "--window", "an hour"}, `--window "an hour"`},
		{[]string{"--id", "1", "--format", "pdf"}, "pdf"},
		{[]string{"--id", "1", "--lang", "fr"}, "fr"},
		{[]string{"--id", "1", "--server", "postgres://x", "--db", a1}, "--server or --db, not both"},
		{[]string{"--id", "1", "--db", filepath.Join(t.TempDir(), "none.db")}, "none.db"},
		{[]string{"--id", "1", "extra"}, "extra"},
		{[]string{"--id", "1", "--no-such-flag"}, "no-such-flag"},
	} {
		out, errs, code := runTrace(t, "", a1, tt.args...)
		if code != exitUsage || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "canhcua trace: ") ||
			!strings.Contains(errs, tt.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want one line with %q", tt.args, code, out, errs, tt.want)
		}
	}
}
