//go:build matprofile

package camera

import (
	"context"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// TestMatLeakAnalyzing runs 300 demo frames through the frame loop with an
// analysing decoder (presence detection on, analysing often), closes it, and
// checks that every Mat made on the way was closed. Run with:
// go test -tags matprofile -run MatLeak ./camera
func TestMatLeakAnalyzing(t *testing.T) {
	before := gocv.MatProfile.Count()
	p, err := NewPresenceDetector("")
	if err != nil {
		t.Skip(err)
	}
	demo := NewDemo(DemoOptions{Seed: 5})
	obs := make(chan Observation, 8)
	got := make(chan int)
	go func() {
		n := 0
		for range obs {
			n++
		}
		got <- n
	}()
	a := NewAnalyzing(ZXing{}, AnalyzeOptions{Every: 20 * time.Millisecond, Presence: p, Out: obs})
	l := &Loop{Source: &firstN{Source: demo, n: 300}, Decoder: a}
	reads := make(chan canhcua.Read, 300)
	if err := l.Run(context.Background(), reads); err != nil {
		t.Fatal(err)
	}
	a.Close()
	close(obs)
	n := <-got
	p.Close()
	demo.Close()
	if n == 0 || len(reads) == 0 {
		t.Errorf("%d observations, %d reads", n, len(reads))
	}
	checkMats(t, before, "by the analyser")
	st := l.Stats()
	t.Logf("captured %d, decoded %d, reads %d; analysed %d (replaced %d), %d observations; Mats open before and after: %d",
		st.Captured, st.Decoded, st.Reads, a.Analyzed(), a.Replaced(), n, before)
}
