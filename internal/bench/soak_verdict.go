package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// The soak's thresholds. The baseline is the sample at the end of the
// warm-up (BaselineIndex): by then the pipeline has warmed up (the engine's
// buffers, the presence detector, SQLite's page caches, the WAL and the
// connection pool at their working size), and a desk that does not leak
// stays level from there.
const (
	// Warmup is how long the pipeline warms up: on the demo, RSS rises for
	// some minutes while the database, its WAL and SQLite's page caches (2 MB
	// a connection) grow to their working size, then stays level.
	Warmup = 10 * time.Minute
	// MemGrowth is how far RSS and the Go heap may rise above the baseline
	// (the target, 10%). The day's scans grow the query results the
	// screen reloads and the allocator fragments a little; a leak outgrows
	// this within hours.
	MemGrowth = 0.10
	// GoroutineSlack is how many goroutines more than the baseline a sample
	// may hold. Each count is the smallest of a few quick readings, so a
	// goroutine that comes and goes with the work in flight (a database
	// call's context watcher, a timer) rarely counts; a leak of one per scan
	// is dozens within a period.
	GoroutineSlack = 2
	// FileSlack is how many more open files: database/sql may open one more
	// connection to the database when the purge, a poll and a scan meet (each
	// connection holds the database file and its WAL).
	FileSlack = 2
	// MatSlack is how many more live Mats: the engine's heavier passes keep
	// region buffers of the sizes they met, and a count taken while a frame is
	// being decoded holds that frame's temporaries.
	MatSlack = 8
)

// BaselineIndex is the index in samples (start first, then one each period,
// the end last) of the baseline: the first sample taken Warmup or more after
// the start when a sample follows it, else the one at the end of the first
// period (a short run).
func BaselineIndex(samples []SoakSample) int {
	for i := 1; i < len(samples)-1; i++ {
		if samples[i].ElapsedS >= Warmup.Seconds() {
			return i
		}
	}
	return 1
}

// Judge is the verdict on a soak's samples: every sample after the baseline
// (r.Baseline) is compared with it, RSS and the heap within
// MemGrowth, goroutines, open files and live Mats within their slack; the
// pipeline must have captured frames in every period, and recorded scans too
// on the demo (another source may show no code for a while), with no backend
// call failing; and once stopped it must have released every Mat it made and
// its goroutines.
func Judge(r SoakReport) []Failure {
	var fs []Failure
	fail := func(figure, format string, args ...any) {
		fs = append(fs, Failure{Figure: figure, Text: fmt.Sprintf(format, args...)})
	}
	if r.Baseline < 1 || r.Baseline >= len(r.Samples)-1 {
		fail("samples", "%d samples: too few to judge (the run must last at least two periods)", len(r.Samples))
		return fs
	}
	base := r.Samples[r.Baseline]
	// The worst sample of each figure after the baseline.
	type worst struct {
		v     float64
		label string
	}
	figs := []struct {
		name    string
		get     func(SoakSample) float64
		limit   float64
		show    func(float64) string
		unknown bool
	}{
		{"rss", func(s SoakSample) float64 { return float64(s.RSS) }, float64(base.RSS) * (1 + MemGrowth), mibF, base.RSS == 0},
		{"heap", func(s SoakSample) float64 { return float64(s.Heap) }, float64(base.Heap) * (1 + MemGrowth), mibF, false},
		{"goroutines", func(s SoakSample) float64 { return float64(s.Goroutines) }, float64(base.Goroutines + GoroutineSlack), count, false},
		{"files", func(s SoakSample) float64 { return float64(s.Files) }, float64(base.Files + FileSlack), count, base.Files < 0},
		{"mats", func(s SoakSample) float64 { return float64(s.Mats) }, float64(base.Mats + MatSlack), count, base.Mats < 0},
	}
	for _, f := range figs {
		if f.unknown {
			continue
		}
		w := worst{v: f.get(base), label: base.Label}
		for _, s := range r.Samples[r.Baseline+1:] {
			if v := f.get(s); v > w.v {
				w = worst{v, s.Label}
			}
		}
		if w.v > f.limit {
			fail(f.name, "%s grew from %s at %s to %s at %s (limit %s)", f.name, f.show(f.get(base)), base.Label, f.show(w.v), w.label, f.show(f.limit))
		}
	}
	_, demo, _ := demoSeed(r.Source)
	for i := 1; i < len(r.Samples); i++ {
		a, b := r.Samples[i-1], r.Samples[i]
		if b.Frames <= a.Frames {
			fail("frames", "no frame captured between %s and %s", a.Label, b.Label)
		}
		if demo && b.Scans <= a.Scans {
			fail("scans", "no scan recorded between %s and %s", a.Label, b.Label)
		}
	}
	if last := r.Samples[len(r.Samples)-1]; last.Errors > 0 {
		fail("errors", "%d backend calls failed; the last: %s", last.Errors, r.LastError)
	}
	if r.Before.Mats >= 0 && r.Stopped.Mats != r.Before.Mats {
		fail("mats", "%d Mats before the pipeline started, %d once it stopped", r.Before.Mats, r.Stopped.Mats)
	}
	if r.Stopped.Goroutines > r.Before.Goroutines+GoroutineSlack {
		fail("goroutines", "%d goroutines before the pipeline started, %d once it stopped", r.Before.Goroutines, r.Stopped.Goroutines)
	}
	return fs
}

func mibF(v float64) string  { return mib(uint64(v)) }
func count(v float64) string { return fmt.Sprintf("%.0f", v) }

// soakColumns are the table's columns: header and width.
var soakColumns = []struct {
	name  string
	width int
}{{"at", 9}, {"rss", 11}, {"go heap", 10}, {"goroutines", 11}, {"files", 6}, {"mats", 6},
	{"frames", 9}, {"decoded", 8}, {"scans", 7}, {"errors", 7}, {"warnings", 9}, {"purged", 7}, {"db", 10}}

func writeSampleHeader(w io.Writer) {
	var b strings.Builder
	for _, c := range soakColumns {
		fmt.Fprintf(&b, "%-*s", c.width, c.name)
	}
	fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
}

func writeSample(w io.Writer, s SoakSample) {
	cells := []string{s.Label, mib(s.RSS), mib(s.Heap), fmt.Sprint(s.Goroutines), fmt.Sprint(s.Files), matsText(s.Mats),
		fmt.Sprint(s.Frames), fmt.Sprint(s.Decoded), fmt.Sprint(s.Scans), fmt.Sprint(s.Errors), fmt.Sprint(s.Warnings),
		fmt.Sprint(s.Purged), mib(uint64(s.DBBytes))}
	var b strings.Builder
	for i, c := range soakColumns {
		fmt.Fprintf(&b, "%-*s", c.width, cells[i])
	}
	fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
}

// WriteText writes the report for a terminal: with samples, the table of
// samples first (Soak's Progress printed it already when it was set), then
// the figures' explanation and the verdict.
func (r SoakReport) WriteText(w io.Writer, samples bool) {
	if samples {
		writeSampleHeader(w)
		for _, s := range append(append([]SoakSample{r.Before}, r.Samples...), r.Stopped) {
			writeSample(w, s)
		}
	}
	fmt.Fprintf(w, "figures      rss from /proc/self/statm; go heap in use after a GC, goroutines, open files (/proc/self/fd) and live\n")
	fmt.Fprintf(w, "             Mats (n/a unless built with -tags matprofile) each the smallest of %d readings %s apart; decoded from\n", settleReadings, settleGap)
	fmt.Fprintf(w, "             the camera's frames/s as the screen polls it; db is the database file and its WAL\n")
	if len(r.Samples) > r.Baseline {
		b := r.Samples[r.Baseline]
		fmt.Fprintf(w, "baseline     %s: rss %s, go heap %s, %d goroutines, %d open files, %s Mats\n", b.Label, mib(b.RSS), mib(b.Heap), b.Goroutines, b.Files, matsText(b.Mats))
	}
	fmt.Fprintf(w, "limits       rss and go heap +%.0f%%, goroutines +%d, open files +%d, Mats +%d over the baseline; every Mat closed once stopped\n",
		MemGrowth*100, GoroutineSlack, FileSlack, MatSlack)
	if r.OK() {
		fmt.Fprintf(w, "verdict      ok: no growth beyond the limits after %s\n", r.Samples[r.Baseline].Label)
		return
	}
	fmt.Fprintf(w, "verdict      FAILED\n")
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  %-11s %s\n", f.Figure, f.Text)
	}
}

func matsText(n int) string {
	if n < 0 {
		return "n/a"
	}
	return fmt.Sprint(n)
}

// WriteJSON writes the report as one indented JSON object and a newline.
func (r SoakReport) WriteJSON(w io.Writer) error {
	if r.Failures == nil {
		r.Failures = []Failure{}
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
