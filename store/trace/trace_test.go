package trace

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
)

var day = time.Date(2026, 11, 27, 0, 0, 0, 0, tz.Vietnam())

func at(h, m int) time.Time {
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// hostile is a trace whose names a spreadsheet would take for formulas and
// a terminal for escape sequences.
func hostile() Doc {
	return Doc{
		TraceResult: canhcua.TraceResult{
			Person: canhcua.TracePerson{Name: "Nguyễn Văn An\x1b[2J", IDNumber: "001090001234", BirthDate: "15/03/1990"},
			Visits: []canhcua.Presence{{Site: "=Trạm", Door: "Cổng", DoorOut: "Sau", In: at(8, 0), Out: at(9, 0)},
				{Site: "=Trạm", DoorOut: "Sau", In: at(9, 30), Out: at(10, 30), NoEntry: true}},
			Contacts: []canhcua.Contact{{PersonKey: "id:079185004321", Name: "=HYPERLINK(\"x\")", IDNumber: "079185004321",
				Site: "=Trạm", Overlap: 90 * time.Second, Times: []canhcua.ContactTime{{From: at(8, 58), To: at(8, 59).Add(30 * time.Second), Door: "+Sau"}}}},
		},
		First: day, Last: day, Window: time.Hour, Source: "máy chủ",
	}
}

func write(t *testing.T, format string, d Doc, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, d, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteCSVDefused(t *testing.T) {
	out := write(t, "csv", hostile(), Options{})
	for _, want := range []string{
		"Người được truy vết,Nguyễn Văn An\r\n", // the escape sequence removed
		"'=Trạm,Cổng → Sau,27/11/2026 08:00,27/11/2026 09:00,\r\n",
		"'=Trạm,Sau,27/11/2026 09:30,27/11/2026 10:30,không quét vào: giờ vào ước tính\r\n",
		`"'=HYPERLINK(""x"")",********4321,'=Trạm,2,27/11/2026 08:58–08:59 (+Sau)` + "\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") || strings.Contains(out, "079185004321") {
		t.Errorf("CSV has an escape or a full ID:\n%s", out)
	}
}

func TestWriteTextClean(t *testing.T) {
	out := write(t, "text", hostile(), Options{Lang: "en", FullID: true})
	if strings.Contains(out, "\x1b") || !strings.Contains(out, "Person traced: Nguyễn Văn An\n") ||
		!strings.Contains(out, "ID number: 001090001234\n") || !strings.Contains(out, "079185004321") {
		t.Errorf("text:\n%s", out)
	}
	empty := write(t, "text", Doc{First: day, Last: day.AddDate(0, 0, 2), Window: 30 * time.Minute}, Options{Lang: "en"})
	for _, want := range []string{"Period: 27/11/2026 – 29/11/2026\n", "no exit scanned: 30 minutes after the entry",
		"Visits (0)\n  None\n", "Contacts (0)\n  None\n"} {
		if !strings.Contains(empty, want) {
			t.Errorf("empty trace lacks %q:\n%s", want, empty)
		}
	}
	if strings.Contains(empty, "corrected") {
		t.Errorf("a desk's trace speaks of clock correction:\n%s", empty)
	}
}

func TestWriteJSON(t *testing.T) {
	out := write(t, "json", hostile(), Options{Lang: "en"})
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil || len(v) != 3 {
		t.Fatalf("%v: %s", err, out)
	}
	for _, want := range []string{`"name": "=HYPERLINK(\"x\")"`, `"id": "********4321"`, `"minutes": 2`,
		`"from": "2026-11-27T08:58:00+07:00"`, `"no_entry": true`, `"door": ""`, `"door_out": "Sau"`, `"site": "=Trạm"`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "id:") || !strings.Contains(out, `"name": "Nguyễn Văn An\u001b[2J"`) {
		t.Errorf("JSON has a person key or escaped letters:\n%s", out)
	}
}

func TestWriteRefuses(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "pdf", Doc{}, Options{}); err == nil {
		t.Error("pdf written")
	}
	if err := Write(&b, "text", Doc{}, Options{Lang: "fr"}); err == nil {
		t.Error("French written")
	}
	if got := DefaultName(day, day.AddDate(0, 0, 1), "xlsx"); got != "canhcua-trace-2026-11-27_2026-11-28.xlsx" {
		t.Errorf("DefaultName %s", got)
	}
}

// TestWriteCSVSeparator: the trace's CSV with the separator asked for.
func TestWriteCSVSeparator(t *testing.T) {
	out := write(t, "csv", hostile(), Options{Comma: ';'})
	if !strings.Contains(out, "Người được truy vết;Nguyễn Văn An\r\n") || !strings.Contains(out, "'=Trạm;Cổng → Sau;27/11/2026 08:00;27/11/2026 09:00;\r\n") {
		t.Errorf("CSV with ';':\n%s", out)
	}
}
