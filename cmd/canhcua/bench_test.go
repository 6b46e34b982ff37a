package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/bench"
	"github.com/canhcua/canhcua/internal/bench/corpus"
	"github.com/canhcua/canhcua/store"
)

// benchCorpusDir is the shared corpus called name, ../shared/corpus/NAME
// next to the repository; the test is skipped when it is not there.
func benchCorpusDir(t *testing.T, name string) string {
	t.Helper()
	dir, err := corpus.Dir(name)
	if err != nil {
		t.Skipf("%v: skipping", err)
	}
	return dir
}

func benchRun(args ...string) (stdout, stderr string, status int) {
	var o, e bytes.Buffer
	status = cmdBench(context.Background(), args, &o, &e)
	return o.String(), e.String(), status
}

// TestBenchDecodeCommand checks the command's output, its JSON and its
// errors, on the smallest corpus.
func TestBenchDecodeCommand(t *testing.T) {
	dir := benchCorpusDir(t, "rqrr")
	out, errOut, status := benchRun("decode", dir)
	if status != exitOK || errOut != "" {
		t.Fatalf("bench decode: status %d, stderr %q", status, errOut)
	}
	for _, want := range []string{"corpus   rqrr", "decode only", "exact text read", "images flagged none", "median", "p95", "image errors",
		"per pass", "zxing", "wechat", "gozxing", "cumulative", "combined"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, status = benchRun("decode", "--json", dir)
	var r bench.DecodeReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || status != exitOK {
		t.Fatalf("--json: status %d, %v:\n%s", status, err, out)
	}
	if r.Report == nil || r.Manifest == nil || r.Manifest.Expected == 0 || r.Format != "manifest" || r.Timing == "" {
		t.Errorf("--json report incomplete: %s", out)
	}
	if len(r.Passes) != len(camera.StillPasses()) || r.Passes[0].Alone == nil || r.Passes[0].Cumulative == nil {
		t.Errorf("--json report lacks the passes: %+v", r.Passes)
	}

	// --passes picks and orders the passes.
	out, _, status = benchRun("decode", "--passes", "gozxing,zxing", dir)
	if status != exitOK || !strings.Contains(out, "passes gozxing,zxing") {
		t.Errorf("--passes gozxing,zxing: status %d:\n%s", status, out)
	}

	for _, args := range [][]string{
		{"decode"},
		{"decode", t.TempDir()}, // not a corpus folder
		{"decode", filepath.Join(t.TempDir(), "missing")},
		{"decode", dir, dir},
		{"decode", "--passes", "zxing,nonsense", dir},
		{"decode", "--passes", "zxing,zxing", dir},
		{"nonsense"},
		{},
	} {
		out, errOut, status := benchRun(args...)
		if status != exitUsage || strings.Count(errOut, "\n") != 1 || out != "" {
			t.Errorf("bench %q: status %d, stdout %q, stderr %q; want 2 and one line on stderr", args, status, out, errOut)
		}
	}
}

// TestBenchLiveDemo runs the live benchmark on the demo for a few seconds.
// It checks the report's fields, not the speed: speed is what the command
// measures.
func TestBenchLiveDemo(t *testing.T) {
	out, errOut, status := benchRun("live", "--duration", "3s")
	if status != exitOK {
		t.Fatalf("bench live: status %d, stderr %q", status, errOut)
	}
	t.Logf("\n%s", out)
	for _, want := range []string{"source       demo (demo, 1280x720, 30 fps", "elapsed", "frames/s", "captured", "dropped", "reads", "latency", "median", "p95", "go heap", "start", "end"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, field := range []string{"processed", "captured"} {
		m := regexp.MustCompile(`(?m)^` + field + ` +(\d+) frames, ([0-9.]+) frames/s`).FindStringSubmatch(out)
		if m == nil {
			t.Errorf("no %q line with frames and frames/s", field)
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n <= 0 {
			t.Errorf("%s %d frames, want > 0", field, n)
		}
	}
}

func TestBenchLiveJSON(t *testing.T) {
	out, errOut, status := benchRun("live", "--size", "640x360", "--duration", "2s", "--json")
	if status != exitOK {
		t.Fatalf("bench live --json: status %d, stderr %q", status, errOut)
	}
	var r bench.LiveReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if r.Width != 640 || r.Height != 360 || r.Processed <= 0 || r.Captured < r.Processed || r.ElapsedS <= 0 || r.HeapStart == 0 || r.HeapEnd == 0 {
		t.Errorf("report: %+v", r)
	}
	// A frame taken as the run stops, and one put in the mailbox after,
	// are left, not dropped: every frame captured is counted once.
	if r.Captured != r.Processed+r.Dropped+r.Left || r.Left > 2 {
		t.Errorf("captured %d != processed %d + dropped %d + left %d (at most 2)", r.Captured, r.Processed, r.Dropped, r.Left)
	}

	for _, args := range [][]string{
		{"live", "--size", "big"},
		{"live", "--duration", "0s"},
		{"live", "--source", "demo:x"},
		{"live", "--source", "demo", "extra"},
		{"live", "--source", filepath.Join(t.TempDir(), "missing.mp4")},
		{"live", "--source", "0", "--size", "640x480"},
	} {
		out, errOut, status := benchRun(args...)
		if status != exitUsage || strings.Count(errOut, "\n") != 1 || out != "" {
			t.Errorf("bench %q: status %d, stdout %q, stderr %q; want 2 and one line on stderr", args, status, out, errOut)
		}
	}
}

// TestBenchSoakCommand runs the soak for a few seconds, in text with a
// database of its own and in JSON with the default temporary one, and checks
// its failures. It checks the report and the exit status, not the verdict: a
// few seconds are no soak (internal/bench's TestSoak is).
func TestBenchSoakCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "soak.db")
	out, errOut, status := benchRun("soak", "--duration", "8s", "--every", "4s", "--db", db)
	t.Logf("\n%s%s", out, errOut)
	if status != exitOK && status != exitLeak {
		t.Fatalf("bench soak: status %d, stderr %q", status, errOut)
	}
	if (status == exitLeak) != strings.Contains(out, "verdict      FAILED") || (status == exitLeak) != strings.Contains(errOut, "failed on ") {
		t.Errorf("status %d does not match the verdict:\n%s%s", status, out, errOut)
	}
	for _, want := range []string{"soak: demo unpaced", "goroutines", "before ", "start ", "4s ", "end ", "stopped ", " n/a ", "baseline     4s", "limits"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if st, err := store.Open(context.Background(), db); err != nil {
		t.Error(err)
	} else {
		if n, err := st.Scans(context.Background(), store.ScanQuery{}); err != nil || len(n) == 0 {
			t.Errorf("--db %s holds %d scans (%v), want the soak's", db, len(n), err)
		}
		st.Close()
	}

	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	out, errOut, status = benchRun("soak", "--duration", "8s", "--every", "4s", "--json")
	var r bench.SoakReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || (status != exitOK && status != exitLeak) {
		t.Fatalf("--json: status %d, %v:\n%s%s", status, err, out, errOut)
	}
	if (status == exitOK) != r.OK() || len(r.Samples) != 3 || r.Samples[2].Label != "end" || r.Stopped.Label != "stopped" ||
		r.Samples[2].Mats != -1 || r.Samples[2].Frames == 0 || r.Samples[2].Goroutines == 0 || r.Samples[2].Files == 0 {
		t.Errorf("--json: status %d, report %s", status, out)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the temporary database was left behind: %v", left)
	}

	for _, args := range [][]string{
		{"soak", "--duration", "0s"},
		{"soak", "--every", "0s"},
		{"soak", "--duration", "1m", "--every", "31s"},
		{"soak", "extra"},
		{"soak", "--duration", "2s", "--every", "1s", "--source", "demo:x"},
		{"soak", "--duration", "2s", "--every", "1s", "--source", filepath.Join(t.TempDir(), "missing.mp4")},
	} {
		out, errOut, status := benchRun(args...)
		if status != exitUsage || strings.Count(errOut, "\n") != 1 || out != "" {
			t.Errorf("bench %q: status %d, stdout %q, stderr %q; want 2 and one line on stderr", args, status, out, errOut)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("a failed soak left its temporary database behind: %v", left)
	}
}

// TestBenchLivePreview: with --preview the report measures the screen's
// polls of the camera's picture (about 8 a second) and their share of a
// core; without it, none.
func TestBenchLivePreview(t *testing.T) {
	for _, preview := range []bool{false, true} {
		args := []string{"live", "--duration", "2s", "--json"}
		if preview {
			args = append(args, "--preview")
		}
		out, errOut, status := benchRun(args...)
		if status != exitOK {
			t.Fatalf("bench %v: status %d, stderr %q", args, status, errOut)
		}
		var r bench.LiveReport
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		if r.CPUPercent <= 0 || r.Processed <= 0 {
			t.Errorf("%v: cpu %.1f%%, processed %d", args, r.CPUPercent, r.Processed)
		}
		if !preview {
			if r.Preview || r.PreviewPolls != 0 {
				t.Errorf("%v: preview measured without --preview: %+v", args, r)
			}
			continue
		}
		if !r.Preview || r.PreviewPolls < 10 || r.PreviewPolls > 17 || r.PreviewP50MS <= 0 || r.PreviewCPUPercent <= 0 {
			t.Errorf("%v: preview polls %d (want about 16 in 2 s), median %.2f ms, %.2f%% of a core", args, r.PreviewPolls, r.PreviewP50MS, r.PreviewCPUPercent)
		}
	}
	out, _, status := benchRun("live", "--duration", "1s", "--preview")
	if status != exitOK || !strings.Contains(out, "preview ") || !strings.Contains(out, "of one core") {
		t.Errorf("bench live --preview: status %d, output:\n%s", status, out)
	}
}

// TestBenchDecodeLiveCommand holds each photo of the smallest corpus up to
// the live engine for a short while, in real time and on the simulated
// clock, and checks the report and the flags' errors.
func TestBenchDecodeLiveCommand(t *testing.T) {
	dir := benchCorpusDir(t, "rqrr")
	out, errOut, status := benchRun("decode", "--engine", "live", "--hold", "200ms", dir)
	if status != exitOK || errOut != "" {
		t.Fatalf("bench decode --engine live: status %d, stderr %q", status, errOut)
	}
	for _, want := range []string{"corpus   rqrr", "held still for 0.2 s at 30 frames/s", "time to first read", "exact text read"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, status = benchRun("decode", "--engine", "live", "--hold", "200ms", "--motion", "--clock", "sim", "--json", dir)
	var r bench.HoldReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || status != exitOK {
		t.Fatalf("--json: status %d, %v:\n%s", status, err, out)
	}
	if !r.Motion || !r.Simulated || r.HoldS != 0.2 || r.Report == nil || r.Manifest == nil || r.Frames.Due != int64(6*r.Images) {
		t.Errorf("--json report: motion %v, simulated %v, hold %v s, %d frames due for %d images:\n%s", r.Motion, r.Simulated, r.HoldS, r.Frames.Due, r.Images, out)
	}
	if r.Manifest.ExactRead == 0 || r.FirstRead.Images == 0 || r.FirstRead.MedianMS <= 0 {
		t.Errorf("nothing read within the hold, or no time to first read: %+v %+v", r.Manifest, r.FirstRead)
	}
	for _, args := range [][]string{
		{"decode", "--engine", "nonsense", dir},
		{"decode", "--engine", "live", "--hold", "0s", dir},
		{"decode", "--engine", "live", "--clock", "wall", dir},
		{"decode", "--engine", "live", "--passes", "zxing", dir},
		{"decode", "--engine", "live", "--every-pass", dir},
		{"decode", "--motion", dir},
		{"decode", "--hold", "2s", dir},
	} {
		out, errOut, status := benchRun(args...)
		if status != exitUsage || strings.Count(errOut, "\n") != 1 || out != "" {
			t.Errorf("bench %q: status %d, stdout %q, stderr %q; want 2 and one line on stderr", args, status, out, errOut)
		}
	}
	// A flag of one engine given to the other is named in the message.
	for flag, args := range map[string][]string{"--passes": {"--passes", "zxing"}, "--every-pass": {"--every-pass"}} {
		args = append(append([]string{"decode", "--engine", "live"}, args...), dir)
		if _, errOut, _ := benchRun(args...); !strings.Contains(errOut, flag+" applies to --engine still only") {
			t.Errorf("bench %q: stderr %q, want %s named", args, errOut, flag)
		}
	}
}
