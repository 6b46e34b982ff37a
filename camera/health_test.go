package camera

import (
	"image"
	"math/rand/v2"
	"testing"
	"time"

	"gocv.io/x/gocv"
)

// healthT0 is the fixed start of the health tests' clock.
var healthT0 = time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC)

// uniformGray is a w×h gray frame of one level.
func uniformGray(w, h int, level float64) gocv.Mat {
	return gocv.NewMatWithSizeFromScalar(gocv.NewScalar(level, 0, 0, 0), h, w, gocv.MatTypeCV8UC1)
}

// noisyGray is a w×h gray scene (a gradient with edges) plus Gaussian-ish
// sensor noise of about sigma levels, from rng.
func noisyGray(w, h int, sigma float64, rng *rand.Rand) gocv.Mat {
	m := gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC1)
	px, _ := m.DataPtrUint8()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 60 + 120*x/w + 30*((x/80+y/80)%2)
			n := 0.0
			if sigma > 0 {
				n = rng.NormFloat64() * sigma
			}
			px[y*w+x] = clamp8(v + int(n+0.5))
		}
	}
	return m
}

// feed measures frames from next() every period, from start for d, and
// returns the health after each frame.
func feed(t *testing.T, mon *HealthMonitor, start time.Time, d, period time.Duration, next func(i int) gocv.Mat) []Health {
	t.Helper()
	prev, work := gocv.NewMat(), gocv.NewMat()
	defer prev.Close()
	defer work.Close()
	var out []Health
	for i := 0; time.Duration(i)*period <= d; i++ {
		f := next(i)
		out = append(out, mon.Frame(MeasureFrame(f, prev, &work), start.Add(time.Duration(i)*period)))
		prev.Close()
		prev = f
	}
	return out
}

// firstProblem returns the time (from start, at period) of the first health
// with problem p, or -1.
func firstProblem(hs []Health, p Problem, period time.Duration) time.Duration {
	for i, h := range hs {
		if h.Problem == p {
			return time.Duration(i) * period
		}
	}
	return -1
}

const analysisPeriod = 250 * time.Millisecond

func TestHealthDark(t *testing.T) {
	mon := NewHealthMonitor(healthT0)
	hs := feed(t, mon, healthT0, 3*time.Second, analysisPeriod, func(int) gocv.Mat { return uniformGray(640, 360, 0) })
	at := firstProblem(hs, ProblemDark, analysisPeriod)
	if at < 0 || at > 3*time.Second {
		t.Fatalf("a black picture is not reported dark within 3 s (first at %v): %+v", at, hs[len(hs)-1])
	}
	if hs[0].Dark {
		t.Error("dark reported on the very first frame: a passing shadow would raise it")
	}
	if last := hs[len(hs)-1]; !last.Dark || last.Covered || last.Mean != 0 {
		t.Errorf("black picture: %+v, want dark (not covered), mean 0", last)
	}
	t.Logf("dark reported %v after it began", at)
}

func TestHealthCovered(t *testing.T) {
	for _, level := range []float64{128, 250, 40} {
		mon := NewHealthMonitor(healthT0)
		hs := feed(t, mon, healthT0, 3*time.Second, analysisPeriod, func(int) gocv.Mat { return uniformGray(640, 360, level) })
		at := firstProblem(hs, ProblemCovered, analysisPeriod)
		if at < 0 || at > 3*time.Second {
			t.Fatalf("uniform level %v: not reported covered within 3 s: %+v", level, hs[len(hs)-1])
		}
		if last := hs[len(hs)-1]; last.Dark || !last.Covered {
			t.Errorf("uniform level %v: %+v, want covered, not dark", level, last)
		}
	}
}

// TestHealthFrozen: the same noisy frame repeated is frozen within 3 s; fresh
// sensor noise on the same still scene is not, however long.
func TestHealthFrozen(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	still := noisyGray(640, 360, 2, rng)
	defer still.Close()
	mon := NewHealthMonitor(healthT0)
	hs := feed(t, mon, healthT0, 4*time.Second, analysisPeriod, func(int) gocv.Mat { return still.Clone() })
	at := firstProblem(hs, ProblemFrozen, analysisPeriod)
	if at < 0 || at > 3*time.Second {
		t.Fatalf("a repeated frame is not reported frozen within 3 s: %+v", hs[len(hs)-1])
	}
	if h := hs[int(time.Second/analysisPeriod)]; h.Frozen {
		t.Errorf("frozen after 1 s already: %+v", h)
	}
	if last := hs[len(hs)-1]; !last.Frozen || last.SameFor != 4*time.Second || last.Dark || last.Covered {
		t.Errorf("after 4 s of the same frame: %+v", last)
	}
	t.Logf("frozen reported %v after the picture stopped changing", at)

	// A live camera on an empty doorway: the same scene, new noise each
	// frame (even faint noise, sigma 0.7 level).
	for _, sigma := range []float64{0.7, 2} {
		mon = NewHealthMonitor(healthT0)
		hs = feed(t, mon, healthT0, 6*time.Second, analysisPeriod, func(int) gocv.Mat { return noisyGray(640, 360, sigma, rng) })
		for _, h := range hs {
			if !h.OK() {
				t.Fatalf("still scene with sensor noise %.1f: %+v", sigma, h)
			}
		}
	}

	// A frozen picture that starts moving again recovers at once.
	mon = NewHealthMonitor(healthT0)
	hs = feed(t, mon, healthT0, 6*time.Second, analysisPeriod, func(i int) gocv.Mat {
		if i < 16 {
			return still.Clone()
		}
		return noisyGray(640, 360, 2, rng)
	})
	if !hs[15].Frozen || !hs[17].OK() {
		t.Errorf("frozen then moving: at 3.75 s %+v, at 4.25 s %+v", hs[15], hs[17])
	}
}

// TestHealthDemoIsHealthy: the demo's frames, analysed as the analyser does
// (gray, 640 px wide, 4 a second), never raise a problem.
func TestHealthDemoIsHealthy(t *testing.T) {
	demo := NewDemo(DemoOptions{Seed: 1})
	defer demo.Close()
	frame, gray := gocv.NewMat(), gocv.NewMat()
	defer frame.Close()
	defer gray.Close()
	mon := NewHealthMonitor(healthT0)
	// 30 s at 4 analyses a second: frame n = 7.5·i at 30 fps; the demo
	// loops every 22 s.
	hs := feed(t, mon, healthT0, 30*time.Second, analysisPeriod, func(i int) gocv.Mat {
		demo.Render(int64(i)*30/4, &frame)
		grayInto(frame, &gray)
		small := gocv.NewMat()
		gocv.Resize(gray, &small, scaledSize(gray.Cols(), gray.Rows(), AnalyzeWidth), 0, 0, gocv.InterpolationArea)
		return small
	})
	for i, h := range hs {
		if !h.OK() {
			t.Fatalf("demo frame at %v: %+v", time.Duration(i)*analysisPeriod, h)
		}
	}
	t.Logf("demo: mean %.0f, contrast %.0f", hs[len(hs)-1].Mean, hs[len(hs)-1].Contrast)
}

func TestHealthNoFrames(t *testing.T) {
	// No frame at all since the start.
	mon := NewHealthMonitor(healthT0)
	if h := mon.Check(healthT0.Add(time.Second)); !h.OK() {
		t.Errorf("1 s after the start without a frame: %+v", h)
	}
	if h := mon.Check(healthT0.Add(3 * time.Second)); !h.NoFrames || h.Problem != ProblemNoFrames {
		t.Errorf("3 s after the start without a frame: %+v", h)
	}

	// Frames for 2 s, then none for 3.5 s.
	rng := rand.New(rand.NewPCG(3, 4))
	mon = NewHealthMonitor(healthT0)
	feed(t, mon, healthT0, 2*time.Second, analysisPeriod, func(int) gocv.Mat { return noisyGray(320, 180, 2, rng) })
	last := healthT0.Add(2 * time.Second)
	if h := mon.Check(last.Add(time.Second)); !h.OK() || !h.LastFrame.Equal(last) {
		t.Errorf("1 s after the last frame: %+v", h)
	}
	h := mon.Check(last.Add(3500 * time.Millisecond))
	if !h.NoFrames || h.Problem != ProblemNoFrames {
		t.Errorf("3.5 s after the last frame: %+v", h)
	}
	if h.Problem.Message() == "" {
		t.Error("no message for no frames")
	}
	// Frames that are seen but not measured (the analyser measures a few a
	// second) keep the camera alive; they come back: healthy again.
	mon.Seen(last.Add(4 * time.Second))
	if h := mon.Check(last.Add(4100 * time.Millisecond)); !h.OK() {
		t.Errorf("after frames came back: %+v", h)
	}
}

func TestHealthMeasure(t *testing.T) {
	a := uniformGray(100, 100, 10)
	b := uniformGray(100, 100, 10)
	defer a.Close()
	defer b.Close()
	work := gocv.NewMat()
	defer work.Close()
	m := MeasureFrame(a, gocv.NewMat(), &work)
	if m.HasPrev || m.Mean != 10 || m.Contrast != 0 {
		t.Errorf("without prev: %+v", m)
	}
	m = MeasureFrame(a, b, &work)
	if !m.Same() || m.Diff != 0 || m.Changed != 0 {
		t.Errorf("same frames: %+v", m)
	}
	// A 20×20 patch changes by 100 levels: 4% of the pixels.
	roi := b.Region(image.Rect(0, 0, 20, 20))
	roi.SetTo(gocv.NewScalar(110, 0, 0, 0))
	roi.Close()
	m = MeasureFrame(a, b, &work)
	if m.Same() || m.Diff != 4 || m.Changed != 0.04 {
		t.Errorf("a changed patch: %+v", m)
	}
	// A different size is not compared.
	c := uniformGray(50, 50, 10)
	defer c.Close()
	if m := MeasureFrame(a, c, &work); m.HasPrev {
		t.Errorf("frames of different sizes compared: %+v", m)
	}
}

func TestScaledSize(t *testing.T) {
	for _, c := range []struct {
		w, h, width int
		want        image.Point
	}{
		{1280, 720, 640, image.Pt(640, 360)},
		{1920, 1080, 640, image.Pt(640, 360)},
		{640, 480, 640, image.Pt(640, 480)},
		{320, 240, 640, image.Pt(320, 240)},
		{1000, 3, 640, image.Pt(640, 2)},
	} {
		if got := scaledSize(c.w, c.h, c.width); got != c.want {
			t.Errorf("scaledSize(%d, %d, %d) = %v, want %v", c.w, c.h, c.width, got, c.want)
		}
	}
}
