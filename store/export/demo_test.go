package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDemoMarked: an export of the demo's database says DEMO before anything
// else in every format, and its file name says demo; a real export does not.
func TestDemoMarked(t *testing.T) {
	const mark = "DEMO — người giả lập của nguồn demo, không phải lượt quét thật"
	opt := Options{Demo: true, Day: at(12, 0, 0)}

	b := write(t, "csv", fixture[:2], opt)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err) // the mark row is as wide as the others
	}
	if rows[0][0] != mark || rows[1][0] != "Thời gian" || len(rows) != 4 {
		t.Errorf("demo CSV starts %q, %q (%d rows)", rows[0], rows[1], len(rows))
	}
	if real := write(t, "csv", fixture[:2], Options{}); strings.Contains(string(real), "DEMO") {
		t.Errorf("a real CSV says DEMO:\n%s", real)
	}

	var doc struct {
		Demo  bool             `json:"demo"`
		Scans []map[string]any `json:"scans"`
	}
	if err := json.Unmarshal(write(t, "json", fixture[:2], opt), &doc); err != nil || !doc.Demo || len(doc.Scans) != 2 {
		t.Errorf("demo JSON: %+v, %v", doc, err)
	}
	var list []map[string]any
	if err := json.Unmarshal(write(t, "json", nil, opt), &list); err == nil {
		t.Error("an empty demo JSON reads as a bare list of check-ins")
	}

	f, err := excelize.OpenReader(bytes.NewReader(write(t, "xlsx", fixture[:2], opt)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if sheet != "DEMO 27-11-2026" {
		t.Errorf("sheet %q", sheet)
	}
	xrows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(xrows) != 4 || xrows[0][0] != mark || xrows[1][0] != "Thời gian" || xrows[2][3] != "Nguyễn Văn An" {
		t.Errorf("demo XLSX rows %q", xrows)
	}

	if got, want := DemoName(filepath.Join("out", DefaultName(at(12, 0, 0), "csv"))), filepath.Join("out", "demo-canhcua-2026-11-27.csv"); got != want {
		t.Errorf("DemoName = %s, want %s", got, want)
	}
}
