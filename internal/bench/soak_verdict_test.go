package bench

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// levelSoak is a report of a run that did not leak: start, the baseline,
// two more samples and the end, all level after the warm-up.
func levelSoak() SoakReport {
	const mb = 1 << 20
	s := func(label string, i int) SoakSample {
		return SoakSample{Label: label, RSS: 140 * mb, Heap: 3 * mb, Goroutines: 13, Files: 14, Mats: 16,
			Frames: int64(1000 * i), Scans: int64(10 * i)}
	}
	r := SoakReport{Source: "demo", Baseline: 1,
		Before:  SoakSample{Label: "before", RSS: 60 * mb, Heap: 2 * mb, Goroutines: 4, Files: 9, Mats: 0},
		Samples: []SoakSample{s("start", 0), s("10m0s", 1), s("20m0s", 2), s("30m0s", 3), s("end", 4)},
		Stopped: SoakSample{Label: "stopped", RSS: 120 * mb, Heap: 2 * mb, Goroutines: 4, Files: 14, Mats: 0},
	}
	r.Samples[0].RSS, r.Samples[0].Mats = 100*mb, 17 // the warm-up is not judged
	return r
}

// TestSoakJudge checks the verdict: a level run passes, and each figure
// growing beyond its limit after the baseline fails with that figure named.
func TestSoakJudge(t *testing.T) {
	if fs := Judge(levelSoak()); len(fs) != 0 {
		t.Fatalf("a level run failed: %+v", fs)
	}
	for _, c := range []struct {
		figure string
		change func(*SoakReport)
		fails  bool
	}{
		// Within the limits.
		{"rss", func(r *SoakReport) { r.Samples[3].RSS = r.Samples[1].RSS * 109 / 100 }, false},
		{"heap", func(r *SoakReport) { r.Samples[4].Heap = r.Samples[1].Heap * 109 / 100 }, false},
		{"goroutines", func(r *SoakReport) { r.Samples[4].Goroutines += GoroutineSlack }, false},
		{"files", func(r *SoakReport) { r.Samples[2].Files += FileSlack }, false},
		{"mats", func(r *SoakReport) { r.Samples[4].Mats += MatSlack }, false},
		{"mats", func(r *SoakReport) { r.Samples[0].Mats += 100 }, false}, // before the baseline
		{"goroutines", func(r *SoakReport) { r.Stopped.Goroutines += GoroutineSlack }, false},
		// Beyond them.
		{"rss", func(r *SoakReport) { r.Samples[3].RSS = r.Samples[1].RSS * 111 / 100 }, true},
		{"heap", func(r *SoakReport) { r.Samples[4].Heap = r.Samples[1].Heap * 111 / 100 }, true},
		{"goroutines", func(r *SoakReport) { r.Samples[4].Goroutines += GoroutineSlack + 1 }, true},
		{"files", func(r *SoakReport) { r.Samples[2].Files += FileSlack + 1 }, true},
		{"mats", func(r *SoakReport) { r.Samples[4].Mats += MatSlack + 1 }, true},
		{"mats", func(r *SoakReport) { r.Stopped.Mats = 1 }, true},
		{"goroutines", func(r *SoakReport) { r.Stopped.Goroutines += GoroutineSlack + 1 }, true},
		{"frames", func(r *SoakReport) { r.Samples[3].Frames = r.Samples[2].Frames }, true},
		{"scans", func(r *SoakReport) { r.Samples[1].Scans = 0 }, true},
		{"scans", func(r *SoakReport) { r.Source, r.Samples[1].Scans = "/videos/door.mp4", 0 }, false}, // not judged but on the demo
		{"errors", func(r *SoakReport) { r.Samples[4].Errors, r.LastError = 1, "database is locked" }, true},
		{"samples", func(r *SoakReport) { r.Samples = r.Samples[:2] }, true},
	} {
		r := levelSoak()
		c.change(&r)
		r.Failures = Judge(r)
		if r.Failed(c.figure) != c.fails || (c.fails && len(r.Failures) != 1) {
			t.Errorf("%s: failures %+v, want a failure of %s: %v", c.figure, r.Failures, c.figure, c.fails)
		}
	}

	// Without -tags matprofile the Mats are not known: not judged, shown n/a.
	r := levelSoak()
	for i := range r.Samples {
		r.Samples[i].Mats = -1
	}
	r.Before.Mats, r.Stopped.Mats = -1, -1
	if r.Failures = Judge(r); !r.OK() {
		t.Errorf("Mats unknown: failures %+v", r.Failures)
	}
	var b bytes.Buffer
	r.WriteText(&b, true)
	if !strings.Contains(b.String(), "n/a") || !strings.Contains(b.String(), "verdict      ok") {
		t.Errorf("text lacks n/a or the verdict:\n%s", b.String())
	}
}

// TestSoakBaseline checks which sample is the baseline: the first at or after
// the warm-up when another follows it, else the end of the first period.
func TestSoakBaseline(t *testing.T) {
	at := func(minutes ...float64) []SoakSample {
		var ss []SoakSample
		for _, m := range minutes {
			ss = append(ss, SoakSample{ElapsedS: m * 60})
		}
		return ss
	}
	for _, c := range []struct {
		samples []SoakSample
		want    int
	}{
		{at(0, 10, 20, 30, 120), 1},           // --duration 2h --every 10m
		{at(0, 2, 4, 6, 8, 10.01, 12, 20), 5}, // --duration 20m --every 2m
		{at(0, 0.5, 1, 1.5, 2), 1},            // --duration 2m --every 30s
		{at(0, 5, 10.01), 1},                  // --duration 10m --every 5m: nothing after 10 minutes
		{at(0, 3, 6, 9, 12), 1},               // --duration 12m --every 3m: only the end is after 10 minutes
	} {
		if got := BaselineIndex(c.samples); got != c.want {
			t.Errorf("%d samples, the last at %.0f s: baseline %d, want %d", len(c.samples), c.samples[len(c.samples)-1].ElapsedS, got, c.want)
		}
	}
}

// TestSoakReportText checks the text and JSON of a failed soak.
func TestSoakReportText(t *testing.T) {
	r := levelSoak()
	r.Samples[4].Goroutines += 40
	r.Failures = Judge(r)
	var b bytes.Buffer
	r.WriteText(&b, true)
	for _, want := range []string{"at ", "goroutines", "before", "start", "10m0s", "end", "stopped", "140.0 MiB",
		"baseline     10m0s", "verdict      FAILED", "goroutines grew from 13 at 10m0s to 53 at end (limit 15)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back SoakReport
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Samples) != 5 || !back.Failed("goroutines") || back.Samples[4].Goroutines != 53 {
		t.Errorf("JSON round trip: %+v", back)
	}
}
