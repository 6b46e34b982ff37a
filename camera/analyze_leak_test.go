//go:build matprofile

package camera

import (
	"context"
	"io"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// firstN ends a source with io.EOF after n frames.
type firstN struct {
	Source
	n int
}

func (f *firstN) Read(ctx context.Context, dst *gocv.Mat) error {
	if f.n <= 0 {
		return io.EOF
	}
	f.n--
	return f.Source.Read(ctx, dst)
}

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
	if after := gocv.MatProfile.Count(); after != before {
		var b []byte
		gocv.MatProfile.WriteTo(&analyzeLeakWriter{&b}, 1)
		t.Fatalf("%d Mats leaked by the analyser:\n%s", after-before, b)
	}
	st := l.Stats()
	t.Logf("captured %d, decoded %d, reads %d; analysed %d (replaced %d), %d observations; Mats open before and after: %d",
		st.Captured, st.Decoded, st.Reads, a.Analyzed(), a.Replaced(), n, before)
}

type analyzeLeakWriter struct{ b *[]byte }

func (w *analyzeLeakWriter) Write(p []byte) (int, error) {
	*w.b = append(*w.b, p...)
	return len(p), nil
}
