//go:build matprofile

package bench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// The soak tests need gocv's Mat profile: go test -tags matprofile -run Soak
// ./internal/bench (make test runs them).

func soakRun(t *testing.T, run SoakRun) SoakReport {
	t.Helper()
	if testing.Short() {
		t.Skip("the soak runs for minutes: skipped with -short")
	}
	run.Source, run.DB = "demo", filepath.Join(t.TempDir(), "soak.db")
	var b strings.Builder
	run.Progress = &b
	rep, err := Soak(context.Background(), run)
	rep.WriteText(&b, false)
	t.Logf("\n%s", b.String())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestSoak runs the desk's pipeline on the unpaced demo for 2 minutes,
// sampled every 30 s: after the first 30 s the goroutines, open files and
// live Mats may not grow beyond their slack, the pipeline must capture frames
// and record scans in every period without an error, and once stopped every
// Mat is closed. RSS and the Go heap are shown but not judged here: two
// minutes are too short for memory (the allocator's arenas still grow after
// 30 s); `canhcua bench soak` judges them after a 10-minute warm-up.
func TestSoak(t *testing.T) {
	rep := soakRun(t, SoakRun{Duration: 2 * time.Minute, Every: 30 * time.Second})
	for _, f := range rep.Failures {
		if f.Figure == "rss" || f.Figure == "heap" {
			t.Logf("not judged in 2 minutes: %s", f.Text)
			continue
		}
		t.Errorf("%s: %s", f.Figure, f.Text)
	}
	end := rep.Samples[len(rep.Samples)-1]
	if len(rep.Samples) != 5 || end.Label != "end" || end.Mats < 0 || end.Scans == 0 || end.Purged == 0 || end.Warnings == 0 {
		t.Errorf("the soak did not run the whole pipeline: %d samples, end %+v", len(rep.Samples), end)
	}
}

// TestSoakLeak proves the soak catches a leak: a hook leaks a goroutine, an
// open file and a Mat for every scan recorded, and the verdict must name each
// of them as grown.
func TestSoakLeak(t *testing.T) {
	var (
		mu    sync.Mutex
		files []*os.File
		mats  []gocv.Mat
	)
	release := make(chan struct{})
	t.Cleanup(func() {
		close(release)
		for _, f := range files {
			f.Close()
		}
		for _, m := range mats {
			m.Close()
		}
	})
	leak := func(canhcua.Scan) {
		go func() { <-release }()
		f, err := os.Open(os.DevNull)
		if err != nil {
			t.Error(err)
			return
		}
		mu.Lock()
		files, mats = append(files, f), append(mats, gocv.NewMat())
		mu.Unlock()
	}
	rep := soakRun(t, SoakRun{Duration: time.Minute, Every: 15 * time.Second, afterScan: leak})
	for _, figure := range []string{"goroutines", "files", "mats"} {
		grew := false
		for _, f := range rep.Failures {
			grew = grew || f.Figure == figure && strings.Contains(f.Text, " grew from ")
		}
		if !grew {
			t.Errorf("%d scans leaked a %s each, and the verdict did not see it grow: %+v", rep.Samples[len(rep.Samples)-1].Scans, figure, rep.Failures)
		}
	}
}
