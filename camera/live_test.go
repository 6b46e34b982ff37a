package camera

import (
	"image/color"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// nothingPass reads nothing, at once: a first pass that costs no time, so
// that a frame's time is the engine's own.
type nothingPass struct{}

func (nothingPass) Name() string                          { return "nothing" }
func (nothingPass) Decode(*Frame) ([]canhcua.Code, error) { return nil, nil }

// slowPass sleeps, then reads one code at a fixed place.
type slowPass struct {
	sleep time.Duration
	text  string
	runs  atomic.Int32
}

func (*slowPass) Name() string { return "slow" }
func (p *slowPass) Decode(*Frame) ([]canhcua.Code, error) {
	p.runs.Add(1)
	time.Sleep(p.sleep)
	return []canhcua.Code{sq(p.text, 100, 100, 80)}, nil
}

// timedDecodes records how long each Decode call of the decoder takes.
type timedDecodes struct {
	Decoder
	mu      sync.Mutex
	longest time.Duration
}

func (t *timedDecodes) Decode(m gocv.Mat) ([]canhcua.Code, error) {
	start := time.Now()
	codes, err := t.Decoder.Decode(m)
	el := time.Since(start)
	t.mu.Lock()
	t.longest = max(t.longest, el)
	t.mu.Unlock()
	return codes, err
}

// A heavy pass that takes 400 ms (twelve frame periods) runs on the live
// engine's background worker: no frame waits for it, the frame loop drops
// no frame for it at 30 frames/s, and what it reads is reported on a later
// frame.
func TestLiveSlowPassDelaysNoFrame(t *testing.T) {
	img := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(128, 0, 0, 0), 480, 640, gocv.MatTypeCV8UC1)
	defer img.Close()
	gocv.Rectangle(&img, imageRect(100, 100, 80, 80), color.RGBA{A: 255}, -1) // something in view: a scene worth the heavy passes
	held, err := Hold(img, HoldOptions{For: 1500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	slow := &slowPass{sleep: 400 * time.Millisecond, text: "slow"}
	e := &Engine{Mode: Live, Passes: []Pass{nothingPass{}, slow}}
	dec := &timedDecodes{Decoder: e}
	l := &Loop{Source: held, Decoder: dec}
	reads, err := collect(t, l)
	if err != nil {
		t.Fatal(err)
	}
	st := held.Start()
	if slow.runs.Load() == 0 {
		t.Fatal("the slow pass never ran: the test proves nothing")
	}
	if dec.longest >= 100*time.Millisecond {
		t.Errorf("a frame took %v to decode: it waited for the slow pass", dec.longest)
	}
	// A frame waiting for the pass would make the loop drop eleven; a
	// machine busy with other work may hold the loop up for a frame period
	// now and then.
	if ls := l.Stats(); ls.Dropped+int64(held.Missed()) > 2 {
		t.Errorf("%d frames dropped (decoder busy), %d missed (capture busy), want none: %+v", ls.Dropped, held.Missed(), ls)
	}
	if len(reads) != 1 || reads[0].Text != "slow" {
		t.Fatalf("reads %v, want the slow pass's code once", reads)
	}
	if at := reads[0].At.Sub(st); at < 400*time.Millisecond {
		t.Errorf("read on a frame captured %v after the first: before the slow pass could end", at)
	}
	t.Logf("slow pass ran %d times; longest decode %v; read on frame %d", slow.runs.Load(), dec.longest, reads[0].Frame)
}

// When a finite source ends while the worker is still at a pass, the frame
// loop waits for it and reports what it read (Flush): the last frames' codes
// are not lost.
func TestLiveFlushAtEnd(t *testing.T) {
	img := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(128, 0, 0, 0), 480, 640, gocv.MatTypeCV8UC1)
	defer img.Close()
	gocv.Rectangle(&img, imageRect(100, 100, 80, 80), color.RGBA{A: 255}, -1)
	held, err := Hold(img, HoldOptions{For: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	slow := &slowPass{sleep: 400 * time.Millisecond, text: "late"}
	e := &Engine{Mode: Live, Passes: []Pass{nothingPass{}, slow}}
	reads, err := collect(t, &Loop{Source: held, Decoder: e})
	if err != nil {
		t.Fatal(err)
	}
	if len(reads) != 1 || reads[0].Text != "late" {
		t.Fatalf("reads %v, want the code the worker read after the last frame", reads)
	}
	// The desk wraps its engine in a preview and an analyser (as
	// internal/desk does): the last reads pass through both.
	held2, err := Hold(img, HoldOptions{For: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer held2.Close()
	pv := NewPreviewing(&Engine{Mode: Live, Passes: []Pass{nothingPass{}, slow}}, PreviewOptions{})
	defer pv.Close()
	an := NewAnalyzing(pv, AnalyzeOptions{})
	defer an.Close()
	reads2, err := collect(t, &Loop{Source: held2, Decoder: an})
	if err != nil {
		t.Fatal(err)
	}
	if len(reads2) != 1 || reads2[0].Text != "late" {
		t.Errorf("through the preview and the analyser: reads %v, want the code the worker read after the last frame", reads2)
	}
	if lat := reads[0].At.Add(reads[0].Latency).Sub(held.Start()); lat < 400*time.Millisecond {
		t.Errorf("read reported %v after the first frame, before the pass could end", lat)
	}
	e.Wait() // nothing in flight: returns at once
}

// A live engine's worker leaves a flat frame (nothing in view) alone, and
// runs its passes once on a scene that does not change, until a code or a
// candidate gives it a reason to look again.
func TestLiveWorkerRestsOnAStillScene(t *testing.T) {
	flat := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(128, 0, 0, 0), 480, 640, gocv.MatTypeCV8UC1)
	defer flat.Close()
	scene := flat.Clone()
	defer scene.Close()
	gocv.Rectangle(&scene, imageRect(100, 100, 200, 200), color.RGBA{A: 255}, -1)
	a, b := &countPass{name: "a"}, &countPass{name: "b"}
	e := &Engine{Mode: Live, Passes: []Pass{nothingPass{}, a, b}}
	clock := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	e.Now = func() time.Time { return clock }
	decode := func(m gocv.Mat, n int) {
		for range n {
			clock = clock.Add(time.Second / 30)
			if _, err := e.Decode(m); err != nil {
				t.Fatal(err)
			}
			e.Wait()
		}
	}
	decode(flat, 30)
	if n := a.runs.Load() + b.runs.Load(); n != 0 {
		t.Errorf("heavy passes ran %d times on a flat frame", n)
	}
	decode(scene, 30)
	if a.runs.Load() != 1 || b.runs.Load() != 1 {
		t.Errorf("on a still scene the passes ran %d and %d times, want once each", a.runs.Load(), b.runs.Load())
	}
}

// countPass reads nothing and counts its runs.
type countPass struct {
	name string
	runs atomic.Int32
}

func (c *countPass) Name() string { return c.name }
func (c *countPass) Decode(*Frame) ([]canhcua.Code, error) {
	c.runs.Add(1)
	return nil, nil
}

// nicePass records the nice value of the thread it runs on.
type nicePass struct {
	nice atomic.Int32
	err  atomic.Value
}

func (*nicePass) Name() string { return "nice" }
func (p *nicePass) Decode(*Frame) ([]canhcua.Code, error) {
	n, err := threadNice()
	if err != nil {
		p.err.Store(err)
	}
	p.nice.Store(int32(n))
	return nil, nil
}

// The worker's jobs run at a lower priority than the frame path, so that
// on a busy machine a heavy pass takes no processor time a frame needs; the
// frame path keeps its own.
func TestLiveWorkerYieldsToFrames(t *testing.T) {
	if workerNice == 0 {
		t.Skip("thread priority: Linux only")
	}
	img := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(128, 0, 0, 0), 480, 640, gocv.MatTypeCV8UC1)
	defer img.Close()
	gocv.Rectangle(&img, imageRect(100, 100, 80, 80), color.RGBA{A: 255}, -1)
	first, heavy := &nicePass{}, &nicePass{}
	first.nice.Store(-1)
	heavy.nice.Store(-1)
	e := &Engine{Mode: Live, Passes: []Pass{first, heavy}}
	if _, err := e.Decode(img); err != nil {
		t.Fatal(err)
	}
	e.Wait()
	if err := heavy.err.Load(); err != nil {
		t.Fatal(err)
	}
	base, err := threadNice()
	if err != nil {
		t.Fatal(err)
	}
	if got := first.nice.Load(); got != int32(base) {
		t.Errorf("the frame path ran at nice %d, want the process's %d", got, base)
	}
	if got := heavy.nice.Load(); got < int32(min(base+workerNice, 19)) {
		t.Errorf("the worker ran at nice %d, want %d or more", got, min(base+workerNice, 19))
	}
	// The lowered thread is not handed to other goroutines.
	for range 20 {
		done := make(chan int)
		go func() {
			n, _ := threadNice()
			done <- n
		}()
		if n := <-done; n != base {
			t.Fatalf("a later goroutine ran at nice %d, want %d", n, base)
		}
	}
}
