package camera

import (
	"image"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// sq is a code of text, upright, its top-left corner at (x, y), s pixels a side.
func sq(text string, x, y, s int) canhcua.Code {
	return canhcua.Code{Text: text, Points: [4]canhcua.Point{{X: x, Y: y}, {X: x + s, Y: y}, {X: x + s, Y: y + s}, {X: x, Y: y + s}}}
}

func TestDuplicate(t *testing.T) {
	a := sq("A", 100, 100, 50)
	for _, tc := range []struct {
		c    canhcua.Code
		want bool
	}{
		{sq("A", 103, 98, 52), true},   // the same code, read by another pass
		{sq("A", 110, 110, 30), true},  // finder-centre outline inside
		{sq("B", 100, 100, 50), false}, // another text at the same place
		{sq("A", 300, 100, 50), false}, // the same text elsewhere: two codes
	} {
		if got := Duplicate([]canhcua.Code{a}, tc.c); got != tc.want {
			t.Errorf("Duplicate(%v) = %v, want %v", tc.c, got, tc.want)
		}
	}
}

func TestOverlaps(t *testing.T) {
	a := sq("A", 100, 100, 50)
	for _, tc := range []struct {
		c    canhcua.Code
		want bool
	}{
		{sq("B", 110, 110, 30), true},   // its centre inside a
		{sq("A", 103, 98, 52), true},    // any text
		{sq("B", 120, 120, 70), true},   // a's centre inside it, not much larger
		{sq("B", 120, 120, 120), false}, // a's centre inside it, but over twice a's size
		{sq("B", 300, 100, 50), false},  // elsewhere
	} {
		if got := Overlaps([]canhcua.Code{a}, tc.c); got != tc.want {
			t.Errorf("Overlaps(%v) = %v, want %v", tc.c, got, tc.want)
		}
	}
}

// The still engine merges what its passes read: one code, read by several
// (every pass runs: EveryPass).
func TestEngineMerges(t *testing.T) {
	m := onCanvas(t, passText, 6, 640, 480)
	defer m.Close()
	e := &Engine{Passes: []Pass{ZXingPass{}, EqualizePass{}, GoZXingPass{}}, EveryPass: true}
	d, err := e.DecodeDetail(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Codes) != 1 || d.Codes[0].Text != passText {
		t.Fatalf("codes %v", d.Codes)
	}
	for i, p := range d.Passes {
		if !p.Ran || len(p.Codes) != 1 {
			t.Errorf("pass %s: ran %v, %d codes", p.Name, p.Ran, len(p.Codes))
		}
		if want := 0; i > 0 && p.New != want {
			t.Errorf("pass %s: %d new codes, want %d", p.Name, p.New, want)
		}
	}
	st := e.Stats()
	if len(st) != 3 || st[0].Runs != 1 || st[0].New != 1 || st[2].New != 0 {
		t.Errorf("stats %+v", st)
	}
}

// A live engine runs only its first pass on a frame with nothing promising
// or with everything read.
func TestLiveEngineFirstPassOnly(t *testing.T) {
	e := NewEngine(Live)
	blank := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(180, 0, 0, 0), 720, 1280, gocv.MatTypeCV8UC1)
	defer blank.Close()
	code := onCanvas(t, passText, 6, 1280, 720)
	defer code.Close()
	for _, m := range []gocv.Mat{blank, code} {
		d, err := e.DecodeDetail(m)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range d.Passes[1:] {
			if p.Ran {
				t.Errorf("pass %s ran", p.Name)
			}
		}
	}
}

// A live engine reads, within a few seconds of camera frames, a washed-out
// code that its first pass cannot read, by trying its heavier passes on the
// candidate region; and it spends on them no more than its share of the
// time, so the frame rate holds.
func TestLiveEngineTriesHarderOnCandidates(t *testing.T) {
	m := glared(t, passText, 0.93)
	defer m.Close()
	big := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(235, 0, 0, 0), 720, 1280, gocv.MatTypeCV8UC1)
	defer big.Close()
	roi := big.Region(imageRect(320, 120, m.Cols(), m.Rows()))
	m.CopyTo(&roi)
	roi.Close()
	if got := readBy(t, ZXingPass{}, big); len(got) != 0 {
		t.Fatalf("first pass reads the code: the test proves nothing")
	}
	e := NewEngine(Live)
	e.Budget = 5 * time.Millisecond
	const period = time.Second / 30 // frames as a camera gives them
	clock := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	e.Now = func() time.Time { return clock }
	var read bool
	var heavy, longest time.Duration
	frames, heavyFrames := 0, 0
	for ; frames < 90 && !read; frames++ {
		clock = clock.Add(period)
		d, err := e.DecodeDetail(big)
		if err != nil {
			t.Fatal(err)
		}
		var spent time.Duration
		for _, p := range d.Passes[1:] {
			spent += p.Elapsed
		}
		if spent > 0 {
			heavyFrames++
		}
		heavy += spent
		longest = max(longest, spent)
		for _, c := range d.Codes {
			if c.Text == passText {
				read = true
				if x, y := c.Center(); x < 320 || x > 320+640 || y < 120 || y > 120+480 {
					t.Errorf("code at (%.0f, %.0f), outside where it was placed", x, y)
				}
			}
		}
	}
	if !read {
		t.Fatalf("the live engine did not read the washed-out code in %d frames (%d with heavier passes)", frames, heavyFrames)
	}
	if heavyFrames == 0 {
		t.Fatal("read without the heavier passes: the test proves nothing")
	}
	// Credit: the first burst, then DefaultHeavyShare of the frames' time;
	// one pass may overrun what is left of it.
	if allowed := HeavyBurst + time.Duration(float64(frames)*float64(period)*DefaultHeavyShare) + longest; heavy > allowed {
		t.Errorf("heavier passes took %v over %d frames, more than the %v their share allows", heavy, frames, allowed)
	}
	t.Logf("read after %d frames, %d of them with heavier passes (%v in all)", frames, heavyFrames, heavy)
}

func imageRect(x, y, w, h int) image.Rectangle { return image.Rect(x, y, x+w, y+h) }
