package camera

import (
	"bytes"
	"image"
	"image/jpeg"
	"sync/atomic"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/clocktest"
)

// stubDecoder "reads" the same codes in every frame, and counts its calls.
type stubDecoder struct {
	codes []canhcua.Code
	calls atomic.Int64
}

func (d *stubDecoder) Decode(img gocv.Mat) ([]canhcua.Code, error) {
	d.calls.Add(1)
	return append([]canhcua.Code(nil), d.codes...), nil
}

func receive(t *testing.T, ch <-chan Observation) Observation {
	t.Helper()
	select {
	case o := <-ch:
		return o
	case <-time.After(10 * time.Second):
		t.Fatal("no observation within 10 s")
	}
	return Observation{}
}

var stubCode = canhcua.Code{Text: "hello", Points: [4]canhcua.Point{{X: 10, Y: 10}, {X: 90, Y: 10}, {X: 90, Y: 90}, {X: 10, Y: 90}}}

// TestAnalyzingObservations: decoding demo frames every 100 ms, a frame is
// analysed every 250 ms (so every third frame); observations carry the frame's
// size, its codes and the camera's health; the demo has no people.
func TestAnalyzingObservations(t *testing.T) {
	p := faceDetector(t)
	defer p.Close()
	clk := clocktest.New(healthT0)
	dec := &stubDecoder{codes: []canhcua.Code{stubCode}}
	out := make(chan Observation, 10)
	a := NewAnalyzing(dec, AnalyzeOptions{Presence: p, Out: out, Now: clk.Now})
	defer a.Close()
	demo := NewDemo(DemoOptions{Seed: 1})
	defer demo.Close()
	frame := gocv.NewMat()
	defer frame.Close()
	var obs []Observation
	for i := range 30 {
		demo.Render(int64(i*3), &frame)
		codes, err := a.Decode(frame)
		if err != nil || len(codes) != 1 || codes[0].Text != "hello" {
			t.Fatalf("frame %d: Decode = %v, %v", i, codes, err)
		}
		if i%3 == 0 { // handed over: wait for it, so none is replaced
			obs = append(obs, receive(t, out))
		}
		clk.Advance(100 * time.Millisecond)
	}
	if dec.calls.Load() != 30 || len(obs) != 10 || a.Analyzed() != 10 || a.Replaced() != 0 {
		t.Fatalf("%d decodes, %d observations, %d analysed, %d replaced; want 30, 10, 10, 0",
			dec.calls.Load(), len(obs), a.Analyzed(), a.Replaced())
	}
	for i, o := range obs {
		if want := healthT0.Add(time.Duration(i) * 300 * time.Millisecond); !o.At.Equal(want) {
			t.Errorf("observation %d at %v, want %v", i, o.At, want)
		}
		if o.Size != image.Pt(1280, 720) || len(o.Codes) != 1 || o.Codes[0].Points != stubCode.Points {
			t.Errorf("observation %d: size %v, codes %v", i, o.Size, o.Codes)
		}
		if !o.Health.OK() || len(o.People) != 0 || o.JPEG != nil {
			t.Errorf("observation %d: health %+v, people %v, %d JPEG bytes", i, o.Health, o.People, len(o.JPEG))
		}
	}
	if h := a.Health(clk.Now()); !h.OK() {
		t.Errorf("health %+v", h)
	}
	if h := a.Health(clk.Now().Add(3 * time.Second)); h.Problem != ProblemNoFrames {
		t.Errorf("3 s without a frame: %+v", h)
	}
}

// TestAnalyzingPeople: a face in a 1280×960 colour frame is reported in the
// frame's coordinates, with a JPEG snapshot of the (scaled-down) frame.
func TestAnalyzingPeople(t *testing.T) {
	path := gocvImage(t, "face.jpg")
	p := faceDetector(t)
	defer p.Close()
	// OpenCV cannot read JPEG in this binary (see encodeJPEG): go through
	// Go's decoder, and back to colour.
	gray, err := ReadImage(path)
	if err != nil {
		t.Fatal(err)
	}
	defer gray.Close()
	img := gocv.NewMat()
	defer img.Close()
	gocv.CvtColor(gray, &img, gocv.ColorGrayToBGR)
	big := gocv.NewMat()
	defer big.Close()
	gocv.Resize(img, &big, image.Pt(1280, 960), 0, 0, gocv.InterpolationLinear)

	out := make(chan Observation, 1)
	a := NewAnalyzing(&stubDecoder{}, AnalyzeOptions{Presence: p, Out: out})
	defer a.Close()
	if _, err := a.Decode(big); err != nil {
		t.Fatal(err)
	}
	o := receive(t, out)
	if len(o.People) != 1 {
		t.Fatalf("people %v, want one", o.People)
	}
	// At 640×480 the face is at (234,155)-(458,379): twice that here.
	want := image.Rect(468, 310, 916, 758)
	if r := o.People[0]; abs(r.Min.X-want.Min.X) > 12 || abs(r.Min.Y-want.Min.Y) > 12 || abs(r.Max.X-want.Max.X) > 12 || abs(r.Max.Y-want.Max.Y) > 12 {
		t.Errorf("face at %v, want about %v", r, want)
	}
	snap, err := jpeg.Decode(bytes.NewReader(o.JPEG))
	if err != nil || snap.Bounds().Size() != image.Pt(640, 480) {
		t.Errorf("snapshot: %d bytes, %v", len(o.JPEG), err)
	}
	t.Logf("face %v; snapshot %d bytes", o.People[0], len(o.JPEG))
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// TestAnalyzingNeverBlocks: nobody reads the observations, analysis is stuck
// on sending; decoding goes on at full speed, newer frames replace the one
// waiting, and Close still returns.
func TestAnalyzingNeverBlocks(t *testing.T) {
	clk := clocktest.New(healthT0)
	dec := &stubDecoder{}
	a := NewAnalyzing(dec, AnalyzeOptions{Out: make(chan Observation), Now: clk.Now})
	frame := uniformGray(1280, 720, 128)
	defer frame.Close()
	start := time.Now()
	for range 200 {
		a.Decode(frame)
		clk.Advance(300 * time.Millisecond) // every frame is handed over
	}
	took := time.Since(start)
	if took > 5*time.Second {
		t.Errorf("200 decodes took %v", took)
	}
	if a.Analyzed() > 2 || a.Replaced() < 190 {
		t.Errorf("analysed %d, replaced %d: the analyser should be stuck on its first observation", a.Analyzed(), a.Replaced())
	}
	done := make(chan struct{})
	go func() { a.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close blocks")
	}
	// After Close: decoding still works, without analysis.
	dec.codes = []canhcua.Code{stubCode}
	if codes, _ := a.Decode(frame); len(codes) != 1 {
		t.Errorf("Decode after Close: %v", codes)
	}
	a.Close()
	t.Logf("200 decodes in %v; analysed %d, replaced %d", took, a.Analyzed(), a.Replaced())
}

// TestAnalyzingHealth: a covered lens (uniform frames, 10 a second) shows in
// the observations within 3 s; colour, gray and BGRA frames and frames
// smaller than the analysis width are all analysed.
func TestAnalyzingHealth(t *testing.T) {
	for _, c := range []struct {
		name string
		mk   func() gocv.Mat
		want Problem
	}{
		{"gray black", func() gocv.Mat { return uniformGray(640, 480, 0) }, ProblemDark},
		{"colour grey", func() gocv.Mat {
			return gocv.NewMatWithSizeFromScalar(gocv.NewScalar(128, 128, 128, 0), 720, 1280, gocv.MatTypeCV8UC3)
		}, ProblemCovered},
		{"BGRA white small", func() gocv.Mat {
			return gocv.NewMatWithSizeFromScalar(gocv.NewScalar(250, 250, 250, 255), 240, 320, gocv.MatTypeCV8UC4)
		}, ProblemCovered},
	} {
		clk := clocktest.New(healthT0)
		out := make(chan Observation, 100)
		a := NewAnalyzing(&stubDecoder{}, AnalyzeOptions{Out: out, Now: clk.Now})
		frame := c.mk()
		var got time.Duration = -1
		for i := range 30 {
			a.Decode(frame)
			if i%3 == 0 {
				if o := receive(t, out); o.Health.Problem == c.want && got < 0 {
					got = o.At.Sub(healthT0)
				}
			}
			clk.Advance(100 * time.Millisecond)
		}
		a.Close()
		frame.Close()
		if got < 0 || got > 3*time.Second {
			t.Errorf("%s: %s not reported within 3 s", c.name, c.want)
		} else {
			t.Logf("%s: %s after %v", c.name, c.want, got)
		}
	}
}

// TestAnalyzeEncodeJPEG: gray, BGR and BGRA frames, and a region (not continuous),
// make JPEGs of the right size and colours.
func TestAnalyzeEncodeJPEG(t *testing.T) {
	bgr := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(200, 100, 30, 0), 90, 160, gocv.MatTypeCV8UC3) // blue-ish
	defer bgr.Close()
	bgra := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(200, 100, 30, 255), 90, 160, gocv.MatTypeCV8UC4)
	defer bgra.Close()
	gray := uniformGray(160, 90, 77)
	defer gray.Close()
	region := bgr.Region(image.Rect(10, 10, 50, 40))
	defer region.Close()
	for name, c := range map[string]struct {
		m       gocv.Mat
		size    image.Point
		r, g, b uint32
	}{
		"bgr": {bgr, image.Pt(160, 90), 30, 100, 200}, "bgra": {bgra, image.Pt(160, 90), 30, 100, 200},
		"gray": {gray, image.Pt(160, 90), 77, 77, 77}, "region": {region, image.Pt(40, 30), 30, 100, 200},
	} {
		data := encodeJPEG(c.m)
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		r, g, b, _ := img.At(5, 5).RGBA()
		near := func(a, b uint32) bool { return a>>8 <= b+4 && a>>8+4 >= b }
		if img.Bounds().Size() != c.size || !near(r, c.r) || !near(g, c.g) || !near(b, c.b) {
			t.Errorf("%s: %v, colour %d %d %d, want %v, %d %d %d", name, img.Bounds().Size(), r>>8, g>>8, b>>8, c.size, c.r, c.g, c.b)
		}
	}
	f32 := gocv.NewMatWithSize(10, 10, gocv.MatTypeCV32F)
	defer f32.Close()
	if encodeJPEG(f32) != nil || encodeJPEG(gocv.NewMat()) != nil {
		t.Error("a float or empty Mat was encoded")
	}
}

// TestNoScanTracker checks the rule with a fixed clock: one passage, one
// decision, Grace after the first detection.
func TestNoScanTracker(t *testing.T) {
	t0 := healthT0
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	person := func(s float64, size int) Observation {
		return Observation{At: at(s), People: []image.Rectangle{image.Rect(100, 100, 100+size, 100+size)}, JPEG: []byte{byte(size)}}
	}
	empty := func(s float64) Observation { return Observation{At: at(s)} }
	// run feeds observations every 0.25 s from 0 to end s: a person from
	// p0 to p1 (box growing as they come near), reads at the given times;
	// it returns the warnings and when each fired.
	type fired struct {
		at float64
		ns NoScan
	}
	run := func(tr *NoScanTracker, end float64, people [][2]float64, reads ...float64) []fired {
		var out []fired
		ri := 0
		for s := 0.0; s <= end; s += 0.25 {
			for ri < len(reads) && reads[ri] <= s {
				tr.CodeRead(at(reads[ri]), [4]canhcua.Point{})
				ri++
			}
			o := empty(s)
			for _, p := range people {
				if s >= p[0] && s <= p[1] {
					o = person(s, 50+int(s*10)%100)
				}
			}
			for _, ns := range tr.Observe(o) {
				out = append(out, fired{s, ns})
			}
		}
		return out
	}
	walk := [][2]float64{{10, 12}} // a person in view from 10 s to 12 s

	// Nobody scans: one warning, 8 s after the person was first seen.
	got := run(&NoScanTracker{}, 40, walk)
	if len(got) != 1 || got[0].at != 18 || !got[0].ns.First.Equal(at(10)) || !got[0].ns.Last.Equal(at(12)) {
		t.Fatalf("no scan: %+v", got)
	}
	// The snapshot is the frame of the largest box (70 px, at 12 s).
	if ns := got[0].ns; ns.Box.Dx() != 70 || len(ns.JPEG) != 1 || ns.JPEG[0] != 70 {
		t.Errorf("snapshot of box %v is %v", ns.Box, ns.JPEG)
	}
	// A read within grace before or after (even at its edge) clears it.
	for _, r := range []float64{2, 5, 10, 11, 15, 18} {
		if got := run(&NoScanTracker{}, 40, walk, r); len(got) != 0 {
			t.Errorf("read at %v s (person at 10 s): warned %+v", r, got)
		}
	}
	// Reads outside grace do not count.
	if got := run(&NoScanTracker{}, 40, walk, 1.5, 18.5, 30); len(got) != 1 {
		t.Errorf("reads at 1.5, 18.5, 30 s: %d warnings, want 1", len(got))
	}
	// A person standing in view for 30 s: one warning.
	if got := run(&NoScanTracker{}, 60, [][2]float64{{5, 35}}); len(got) != 1 || got[0].at != 13 {
		t.Errorf("30 s in view: %+v", got)
	}
	// Detections with short gaps (a missed face now and then) are one passage.
	if got := run(&NoScanTracker{}, 40, [][2]float64{{10, 11}, {12.5, 13}, {14, 15}}); len(got) != 1 {
		t.Errorf("one passage with gaps < 2 s: %d warnings", len(got))
	}
	// Two people 5 s apart: two passages, two warnings; a read covers only
	// the passages within grace of it.
	two := [][2]float64{{10, 11}, {16, 17}}
	if got := run(&NoScanTracker{}, 40, two); len(got) != 2 || got[0].at != 18 || got[1].at != 24 {
		t.Errorf("two people, no scan: %+v", got)
	}
	if got := run(&NoScanTracker{}, 40, two, 3); len(got) != 1 || !got[0].ns.First.Equal(at(16)) {
		t.Errorf("two people, a read at 3 s: %+v", got)
	}
	if got := run(&NoScanTracker{}, 40, two, 12); len(got) != 0 {
		t.Errorf("two people, a read at 12 s (within grace of both): %+v", got)
	}
	// Codes in the observations count as reads.
	tr := &NoScanTracker{}
	tr.Observe(Observation{At: at(9), Codes: []canhcua.Code{stubCode}})
	if got := run(tr, 40, walk); len(got) != 0 {
		t.Errorf("code in an observation at 9 s: %+v", got)
	}
	// Custom grace and gap.
	if got := run(&NoScanTracker{Grace: 3 * time.Second, Gap: 500 * time.Millisecond}, 40, [][2]float64{{10, 11}, {12, 13}}, 8); len(got) != 1 || got[0].at != 15 {
		t.Errorf("grace 3 s, gap 0.5 s: %+v", got)
	}
	// Check decides without observations (camera gone).
	tr = &NoScanTracker{}
	tr.Observe(person(10, 80))
	if got := tr.Check(at(17.9)); len(got) != 0 {
		t.Errorf("Check before grace: %+v", got)
	}
	if got := tr.Check(at(18)); len(got) != 1 {
		t.Errorf("Check at grace: %+v", got)
	}
	if got := tr.Check(at(30)); len(got) != 0 || len(tr.passages) != 0 {
		t.Errorf("Check later: %+v, %d passages kept", got, len(tr.passages))
	}
	// Old reads are forgotten.
	tr = &NoScanTracker{}
	for i := range 1000 {
		tr.CodeRead(at(float64(i)), [4]canhcua.Point{})
		tr.Check(at(float64(i)))
	}
	if len(tr.reads) > 10 {
		t.Errorf("%d reads kept", len(tr.reads))
	}
}

// benchFrames renders n demo frames, 0.4 s apart (codes in view, moving).
func benchFrames(b *testing.B, n int) []gocv.Mat {
	demo := NewDemo(DemoOptions{Seed: 1})
	defer demo.Close()
	frames := make([]gocv.Mat, n)
	for i := range frames {
		frames[i] = gocv.NewMat()
		demo.Render(int64(i*12), &frames[i])
	}
	b.Cleanup(func() {
		for _, f := range frames {
			f.Close()
		}
	})
	return frames
}

// BenchmarkAnalyzingDecode decodes demo frames (1280×720) with zxing-cpp,
// alone and wrapped in Analyzing with face detection at its default rate (4
// analyses a second, on its own goroutine, competing for the CPU), and with
// a hand-over at every frame (the worst case).
func BenchmarkAnalyzingDecode(b *testing.B) {
	frames := benchFrames(b, 30)
	run := func(b *testing.B, dec Decoder) {
		for i := 0; b.Loop(); i++ {
			if _, err := dec.Decode(frames[i%len(frames)]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("plain", func(b *testing.B) { run(b, ZXing{}) })
	for _, c := range []struct {
		name  string
		every time.Duration
	}{{"analyzing", 0}, {"analyzing-every-frame", time.Nanosecond}} {
		b.Run(c.name, func(b *testing.B) {
			p := faceDetector(b)
			defer p.Close()
			out := make(chan Observation, 4)
			done := make(chan struct{})
			go func() {
				for range out {
				}
				close(done)
			}()
			a := NewAnalyzing(ZXing{}, AnalyzeOptions{Every: c.every, Presence: p, Out: out})
			run(b, a)
			b.StopTimer()
			a.Close()
			close(out)
			<-done
			b.ReportMetric(float64(a.Analyzed()), "analysed")
		})
	}
}

// BenchmarkAnalyzingHandover is what Analyzing adds to a decode that hands
// a frame over: the scaled-down copy (1280×720 BGR → 640×360), with a decoder
// that does nothing.
func BenchmarkAnalyzingHandover(b *testing.B) {
	frames := benchFrames(b, 4)
	a := NewAnalyzing(&stubDecoder{}, AnalyzeOptions{Every: time.Nanosecond})
	defer a.Close()
	for i := 0; b.Loop(); i++ {
		a.Decode(frames[i%len(frames)])
	}
}
