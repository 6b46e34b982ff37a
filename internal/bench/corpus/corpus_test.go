package corpus

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
)

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// square is a code whose corners form an axis-aligned square centred on
// (cx, cy).
func square(text string, cx, cy, h int) canhcua.Code {
	return canhcua.Code{Text: text, Points: [4]canhcua.Point{
		{X: cx - h, Y: cy - h}, {X: cx + h, Y: cy - h}, {X: cx + h, Y: cy + h}, {X: cx - h, Y: cy + h},
	}}
}

// poly is the polygon of the corners x1, y1, x2, y2…
func poly(xy ...float64) Polygon {
	p := make(Polygon, len(xy)/2)
	for i := range p {
		p[i] = Pt{X: xy[2*i], Y: xy[2*i+1]}
	}
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestUnescape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`plain`, "plain"},
		{`a\tb`, "a\tb"},
		{`line1\nline2\r\n`, "line1\nline2\r\n"},
		{`C:\\dir\\n`, `C:\dir\n`}, // an escaped backslash then a plain n
		{`\\\\`, `\\`},
		{"gs\x1dsep\x01\x10", "gs\x1dsep\x01\x10"}, // raw bytes stay raw
		{`Tiếng Việt`, "Tiếng Việt"},
	} {
		got, err := Unescape(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Unescape(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{`trailing\`, `\x41`, `a\"b`} {
		if got, err := Unescape(bad); err == nil {
			t.Errorf("Unescape(%q) = %q, want an error", bad, got)
		}
	}
}

func TestMatchLabelsEachLabelOnce(t *testing.T) {
	a := poly(0, 0, 100, 0, 100, 100, 0, 100)
	b := poly(200, 0, 300, 0, 300, 100, 200, 100)
	codes := []canhcua.Code{
		square("A", 50, 50, 40),
		square("A again", 52, 48, 40), // second decode inside a: a duplicate, not a second read
		square("B", 250, 50, 40),
		square("stray", 500, 500, 10), // inside no label
	}
	read, unmatched, dups := MatchLabels([]Polygon{a, b}, codes)
	if read != 2 {
		t.Errorf("read = %d, want 2", read)
	}
	if len(unmatched) != 1 || unmatched[0] != 3 {
		t.Errorf("unmatched = %v, want [3]", unmatched)
	}
	if len(dups) != 1 || dups[0] != 1 {
		t.Errorf("duplicates = %v, want [1]", dups)
	}

	// Overlapping labels: code 0 lies in both, code 1 only in the first. A
	// greedy match that gives code 0 the first label would read one; the
	// maximum matching reads both whatever the order.
	big := poly(0, 0, 100, 0, 100, 100, 0, 100)
	small := poly(40, 40, 60, 40, 60, 60, 40, 60)
	for _, codes := range [][]canhcua.Code{
		{square("x", 50, 50, 5), square("y", 10, 10, 5)},
		{square("y", 10, 10, 5), square("x", 50, 50, 5)},
	} {
		if read, _, _ := MatchLabels([]Polygon{big, small}, codes); read != 2 {
			t.Errorf("overlapping labels: read = %d, want 2", read)
		}
	}
	// Centre, not corners: a code whose corners straddle the label but whose
	// centre is outside does not count.
	off := canhcua.Code{Points: [4]canhcua.Point{{X: 90, Y: 90}, {X: 190, Y: 90}, {X: 190, Y: 190}, {X: 90, Y: 190}}}
	if read, unmatched, _ := MatchLabels([]Polygon{a}, []canhcua.Code{off}); read != 0 || len(unmatched) != 1 {
		t.Errorf("code centred outside the label: read = %d, unmatched = %v", read, unmatched)
	}
}

// loaded is the corpus of one file, name (ManifestFile or LabelsFile) holding
// body, in a new folder.
func loaded(t *testing.T, name, body string) *Corpus {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, name, body)
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func labelsCorpus(t *testing.T) *Corpus {
	return loaded(t, LabelsFile, strings.Join([]string{
		`{"image": "blurred/image001.jpg", "codes": [[0,0,100,0,100,100,0,100]]}`,
		`{"image": "blurred/image003.jpg", "codes": [[0,0,100,0,100,100,0,100], [200,0,300,0,300,100,200,100]]}`,
		`{"image": "lots/image001.jpg", "codes": [[0,0,10,0,10,10,0,10], [20,0,30,0,30,10,20,10], [40,0,50,0,50,10,40,10], [60,0,70,0,70,10,60,10]]}`,
		`{"image": "lots/image003.jpg", "codes": []}`,
		``,
	}, "\n"))
}

func TestLoadLabels(t *testing.T) {
	c := labelsCorpus(t)
	if c.Format != FormatLabels || len(c.Images) != 4 {
		t.Fatalf("format %q, %d images; want labels, 4", c.Format, len(c.Images))
	}
	if img := c.Images[1]; img.Category != "blurred" || len(img.Labels) != 2 || img.Labels[1][2] != (Pt{X: 300, Y: 100}) {
		t.Errorf("image 2 = %+v", img)
	}
	if c.Images[2].Category != "lots" || len(c.Images[2].Labels) != 4 {
		t.Errorf("image 3 = %+v", c.Images[2])
	}
	if got := c.File(c.Images[0]); got != filepath.Join(c.Dir, "blurred", "image001.jpg") {
		t.Errorf("File = %q", got)
	}
}

func TestScoreLabels(t *testing.T) {
	c := labelsCorpus(t)
	results := []Result{
		{Image: "blurred/image001.jpg", Codes: []canhcua.Code{square("a", 50, 50, 30)}, Elapsed: 10 * time.Millisecond},
		// Two decodes of the same code: one read, one duplicate; the second label is missed.
		{Image: "blurred/image003.jpg", Codes: []canhcua.Code{square("b", 50, 50, 30), square("b", 51, 50, 30)}, Elapsed: 20 * time.Millisecond},
		// One of four read, plus a decode outside every label.
		{Image: "lots/image001.jpg", Codes: []canhcua.Code{square("c", 25, 5, 4), square("ghost", 500, 500, 4)}, Elapsed: 30 * time.Millisecond},
		{Image: "lots/image003.jpg", Err: errors.New("cannot read")},
	}
	r := c.Score(results)
	if r.Labels == nil || r.Manifest != nil {
		t.Fatalf("labels corpus scored as %+v", r)
	}
	ls := r.Labels
	if len(ls.Categories) != 2 {
		t.Fatalf("categories = %+v", ls.Categories)
	}
	bl, lots := ls.Categories[0], ls.Categories[1]
	if bl.Name != "blurred" || bl.Labelled != 3 || bl.Read != 2 || !near(bl.Rate, 2.0/3) {
		t.Errorf("blurred = %+v, want 2 of 3", bl)
	}
	if lots.Name != "lots" || lots.Labelled != 4 || lots.Read != 1 || !near(lots.Rate, 0.25) {
		t.Errorf("lots = %+v, want 1 of 4", lots)
	}
	// The headline is the mean of the category rates, not the pooled rate.
	if want := (2.0/3 + 0.25) / 2; !near(ls.AverageRate, want) {
		t.Errorf("average = %v, want %v", ls.AverageRate, want)
	}
	if !near(ls.PooledRate, 3.0/7) || ls.Read != 3 || ls.Labelled != 7 {
		t.Errorf("pooled = %v (%d/%d), want 3/7", ls.PooledRate, ls.Read, ls.Labelled)
	}
	if len(ls.Unmatched) != 1 || ls.Unmatched[0].Text != "ghost" || ls.Unmatched[0].Image != "lots/image001.jpg" {
		t.Errorf("unmatched = %+v", ls.Unmatched)
	}
	if len(ls.Duplicates) != 1 {
		t.Errorf("duplicates = %+v", ls.Duplicates)
	}
	if len(r.Errors) != 1 || r.Errors[0].Image != "lots/image003.jpg" {
		t.Errorf("errors = %+v", r.Errors)
	}
	if r.Timed != 3 || !near(r.MedianMS, 20) || !near(r.P95MS, 30) || r.Codes != 5 {
		t.Errorf("timed %d, median %v, p95 %v, codes %d", r.Timed, r.MedianMS, r.P95MS, r.Codes)
	}
}

const manifest = "image_filename\texpected_text_escaped\tflag\n" +
	"one.png\thello\\tworld\\n\t\n" +
	"multi.png\tfirst\tmulti\n" +
	"multi.png\tsecond\tmulti\n" +
	"multi.png\tsecond\tmulti\n" + // the same text twice: needs two codes
	"empty1.png\t\tnone\n" +
	"empty2.png\t\tnone\n" +
	"bad.png\t\tundecodable\n" +
	"bin.png\t\tbinary\n" +
	"path.png\tC:\\\\temp\\\\new\t\n"

func manifestCorpus(t *testing.T) *Corpus {
	return loaded(t, ManifestFile, manifest)
}

func TestLoadManifest(t *testing.T) {
	c := manifestCorpus(t)
	if c.Format != FormatManifest {
		t.Fatalf("format = %q", c.Format)
	}
	var names []string
	for _, img := range c.Images {
		names = append(names, img.Path)
	}
	if got := strings.Join(names, " "); got != "one.png multi.png empty1.png empty2.png bad.png bin.png path.png" {
		t.Fatalf("images = %s", got)
	}
	if e := c.Images[0].Expected; len(e) != 1 || e[0].Text != "hello\tworld\n" || e[0].Flag != "" {
		t.Errorf("one.png = %+v", e)
	}
	if e := c.Images[1].Expected; len(e) != 3 || c.Images[1].Flag() != "multi" {
		t.Errorf("multi.png = %+v", e)
	}
	if !c.Images[2].IsNone() || c.Images[0].IsNone() || !c.Images[4].IsUndecodable() {
		t.Error("flags none/undecodable not seen")
	}
	if e := c.Images[6].Expected; e[0].Text != `C:\temp\new` {
		t.Errorf("path.png text = %q", e[0].Text)
	}
}

func TestScoreManifest(t *testing.T) {
	c := manifestCorpus(t)
	results := []Result{
		{Image: "one.png", Codes: []canhcua.Code{{Text: "hello\tworld\n"}}, Elapsed: time.Millisecond},
		// "second" is expected twice but read once; "other" is not expected.
		{Image: "multi.png", Codes: []canhcua.Code{{Text: "second"}, {Text: "first"}, {Text: "other"}}, Elapsed: 2 * time.Millisecond},
		{Image: "empty1.png", Elapsed: 3 * time.Millisecond},
		{Image: "empty2.png", Codes: []canhcua.Code{square("phantom", 5, 5, 2)}, Elapsed: 4 * time.Millisecond},
		{Image: "bad.png", Codes: []canhcua.Code{{Text: "garbage"}}, Elapsed: 5 * time.Millisecond},
		{Image: "bin.png", Codes: []canhcua.Code{{Text: "\x00\x01"}}, Elapsed: 6 * time.Millisecond},
		// Not exact: a trailing newline is missing.
		{Image: "path.png", Codes: []canhcua.Code{{Text: `C:\temp\new` + "\n"}}, Elapsed: 7 * time.Millisecond},
	}
	r := c.Score(results)
	m := r.Manifest
	if m == nil || r.Labels != nil {
		t.Fatalf("manifest corpus scored as %+v", r)
	}
	if m.Expected != 5 || m.ExactRead != 3 || !near(m.ExactShare, 0.6) {
		t.Errorf("exact %d/%d = %v, want 3/5", m.ExactRead, m.Expected, m.ExactShare)
	}
	if m.NoneImages != 2 || len(m.FalsePositives) != 1 || m.FalsePositives[0].Image != "empty2.png" || m.FalsePositives[0].Text != "phantom" {
		t.Errorf("none images %d, false positives %+v", m.NoneImages, m.FalsePositives)
	}
	if fp := m.FalsePositives[0]; fp.X != 5 || fp.Y != 5 {
		t.Errorf("false positive at (%v, %v), want its centre (5, 5)", fp.X, fp.Y)
	}
	if m.Undecodable != 1 || len(m.UndecodableHit) != 1 || m.UndecodableHit[0].Text != "garbage" {
		t.Errorf("undecodable %d, reads %+v", m.Undecodable, m.UndecodableHit)
	}
	if m.NoText != 1 || m.NoTextDecoded != 1 {
		t.Errorf("rows without text = %d, decoded %d; want 1 (binary), 1", m.NoText, m.NoTextDecoded)
	}
	if len(m.Unexpected) != 2 || m.Unexpected[0].Text != "other" {
		t.Errorf("unexpected = %+v, want other and the inexact path", m.Unexpected)
	}
	if len(m.Missed) != 2 {
		t.Errorf("missed = %+v", m.Missed)
	}
	want := []Flag{{PlainFlag, 2, 1, 0.5}, {"multi", 3, 2, 2.0 / 3}}
	if len(m.ByFlag) != len(want) {
		t.Fatalf("by flag = %+v", m.ByFlag)
	}
	for i, f := range m.ByFlag {
		if f.Flag != want[i].Flag || f.Expected != want[i].Expected || f.Read != want[i].Read || !near(f.Share, want[i].Share) {
			t.Errorf("by flag %d = %+v, want %+v", i, f, want[i])
		}
	}
	if r.Timed != 7 || !near(r.MedianMS, 4) || !near(r.P95MS, 7) || !near(r.TotalMS, 28) {
		t.Errorf("timing: %d images, median %v, p95 %v, total %v", r.Timed, r.MedianMS, r.P95MS, r.TotalMS)
	}
	// The JSON form has both headline figures and the false-positive list.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"exact_share":0.6`, `"false_positives":[{"image":"empty2.png"`, `"median_ms":4`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
}

func TestScoreMissingResult(t *testing.T) {
	c := manifestCorpus(t)
	r := c.Score(nil)
	if len(r.Errors) != len(c.Images) || r.Manifest.ExactRead != 0 || r.Timed != 0 {
		t.Errorf("no results: %d errors, %d read, %d timed", len(r.Errors), r.Manifest.ExactRead, r.Timed)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "not a corpus folder") {
		t.Errorf("empty folder: %v", err)
	}
	write(t, dir, ManifestFile, "image_filename\texpected_text_escaped\tflag\nx.png\tbad\\q\t\n")
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("bad escape: %v, want an error naming line 2", err)
	}
	dir2 := t.TempDir()
	write(t, dir2, LabelsFile, `{"image": "a/b.jpg", "codes": [[1,2,3]]}`+"\n")
	if _, err := Load(dir2); err == nil {
		t.Error("odd number of coordinates: no error")
	}
	// labels.jsonl wins when both files are there.
	write(t, dir2, LabelsFile, `{"image": "a/b.jpg", "codes": [[0,0,1,0,1,1,0,1]]}`+"\n")
	write(t, dir2, ManifestFile, "image_filename\texpected_text_escaped\tflag\nx.png\tt\t\n")
	if c, err := Load(dir2); err != nil || c.Format != FormatLabels {
		t.Errorf("both files: %v, %+v", err, c)
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(101-i)*time.Millisecond) // unsorted input
	}
	if got := Percentile(ds, 50); got != 50*time.Millisecond {
		t.Errorf("p50 = %v", got)
	}
	if got := Percentile(ds, 95); got != 95*time.Millisecond {
		t.Errorf("p95 = %v", got)
	}
	if got := Percentile(ds[:1], 95); got != 100*time.Millisecond {
		t.Errorf("p95 of one = %v", got)
	}
	if Percentile(nil, 50) != 0 {
		t.Error("p50 of none != 0")
	}
	if ds[0] != 100*time.Millisecond {
		t.Error("Percentile sorted its input in place")
	}
}

func TestRun(t *testing.T) {
	c := manifestCorpus(t)
	var seen []string
	decode := func(p string) ([]canhcua.Code, time.Duration, error) {
		seen = append(seen, p)
		if strings.HasSuffix(p, "bad.png") {
			return nil, 0, errors.New("unreadable")
		}
		return []canhcua.Code{{Text: "x"}}, time.Millisecond, nil
	}
	res, err := c.Run(context.Background(), decode)
	if err != nil || len(res) != len(c.Images) || len(seen) != len(c.Images) {
		t.Fatalf("Run: %v, %d results, %d calls", err, len(res), len(seen))
	}
	if seen[0] != filepath.Join(c.Dir, "one.png") || res[1].Image != "multi.png" || res[4].Err == nil {
		t.Errorf("Run results: %v, %+v", seen, res)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := c.Run(ctx, decode); err == nil || len(res) != 0 {
		t.Errorf("cancelled Run: %v, %d results", err, len(res))
	}
}

// An approximate code (a region searched) reads a label only when the label
// holds its centre and the region is at most CoarseArea times the label's
// area; a coarser one is listed apart, never credited.
func TestMatchLabelsApproximate(t *testing.T) {
	label := poly(100, 100, 200, 100, 200, 200, 100, 200)
	near := square("A", 150, 150, 90) // 180 a side: 3.2× the label's area
	near.Approximate = true
	coarse := square("A", 150, 150, 110) // 220 a side: 4.8×
	coarse.Approximate = true
	if read, unmatched, _ := MatchLabels([]Polygon{label}, []canhcua.Code{near}); read != 1 || len(unmatched) != 0 {
		t.Errorf("approximate region 3.2× the label: read %d, unmatched %v; want it read", read, unmatched)
	}
	m := matchLabels([]Polygon{label}, []canhcua.Code{coarse})
	if m.read != 0 || len(m.coarse) != 1 || len(m.unmatched) != 0 {
		t.Errorf("approximate region 4.8× the label: %+v; want it listed coarse, not read", m)
	}
	// The same outline without Approximate is a position: read.
	coarse.Approximate = false
	if read, _, _ := MatchLabels([]Polygon{label}, []canhcua.Code{coarse}); read != 1 {
		t.Errorf("precise code centred in the label: read %d, want 1", read)
	}
}
