package camera

import (
	"image"
	"image/color"
	"slices"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// ranPasses lists the passes that ran in d.
func ranPasses(d Detail) []string {
	var ran []string
	for _, p := range d.Passes {
		if p.Ran {
			ran = append(ran, p.Name)
		}
	}
	return ran
}

// blankCode draws, at (x, y), a code of text px pixels per module whose data
// modules are all light: its three finder patterns and nothing any pass can
// read.
func blankCode(t testing.TB, canvas *gocv.Mat, text string, px, x, y int) {
	t.Helper()
	code := qrMat(t, text, px)
	defer code.Close()
	n := code.Cols() / px // modules, quiet zone included
	q := 4                // go-qrcode's quiet zone
	inner := n - 2*q
	white := color.RGBA{255, 255, 255, 0}
	// Everything but the three 8x8 corners (finder and separator).
	gocv.Rectangle(&code, image.Rect((q+8)*px, q*px, (q+inner-8)*px, (q+inner)*px), white, -1)
	gocv.Rectangle(&code, image.Rect(q*px, (q+8)*px, (q+8)*px, (q+inner-8)*px), white, -1)
	gocv.Rectangle(&code, image.Rect((q+inner-8)*px, (q+8)*px, (q+inner)*px, (q+inner)*px), white, -1)
	roi := canvas.Region(image.Rect(x, y, x+code.Cols(), y+code.Rows()))
	defer roi.Close()
	code.CopyTo(&roi)
}

// TestStillStopsOnceEverythingSeenIsRead: a photo whose one code the first
// two passes read stops there; a photo with, beside it, the finder patterns
// of a code no pass can read runs every pass; with EveryPass every pass runs
// on both.
func TestStillStopsOnceEverythingSeenIsRead(t *testing.T) {
	one := onCanvas(t, "MOT MA DUY NHAT", 6, 1280, 720)
	defer one.Close()
	two := onCanvas(t, "MOT MA DUY NHAT", 6, 1280, 720)
	defer two.Close()
	blankCode(t, &two, "KHONG DOC DUOC", 8, 40, 40)
	all := make([]string, 0, len(StillPasses()))
	for _, p := range StillPasses() {
		all = append(all, p.Name())
	}
	for _, tc := range []struct {
		name      string
		img       gocv.Mat
		everyPass bool
		want      []string
	}{
		{"one code", one, false, all[:stopAfter]},
		{"one code and the finders of an unreadable one", two, false, all},
		{"one code, every pass", one, true, all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := NewEngine(Still)
			e.EveryPass = tc.everyPass
			d, err := e.DecodeDetail(tc.img)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Codes) != 1 || d.Codes[0].Text != "MOT MA DUY NHAT" {
				t.Fatalf("read %+v, want the one code", d.Codes)
			}
			if got := ranPasses(d); !slices.Equal(got, tc.want) {
				t.Errorf("passes run %v, want %v", got, tc.want)
			}
		})
	}
}

// delayedPass returns its codes after a delay: standalone, so the still engine
// runs it beside the next pass.
type delayedPass struct {
	name  string
	delay time.Duration
	codes []canhcua.Code
}

func (p delayedPass) Name() string { return p.name }
func (p delayedPass) Standalone()  {}
func (p delayedPass) Decode(*Frame) ([]canhcua.Code, error) {
	time.Sleep(p.delay)
	return p.codes, nil
}

// TestStillMergesInPassOrder: two standalone passes run side by side; the
// second finishes first, with another text where the first read one. The
// first pass's code wins, as when they ran one after the other, and the two
// ran at the same time.
func TestStillMergesInPassOrder(t *testing.T) {
	m := gocv.NewMatWithSize(100, 100, gocv.MatTypeCV8UC1)
	defer m.Close()
	e := &Engine{Mode: Still, EveryPass: true, Passes: []Pass{
		delayedPass{"first", 200 * time.Millisecond, []canhcua.Code{sq("A", 10, 10, 50)}},
		delayedPass{"second", 0, []canhcua.Code{sq("B", 12, 12, 50), sq("C", 70, 70, 20)}},
	}}
	start := time.Now()
	d, err := e.DecodeDetail(m)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, c := range d.Codes {
		texts = append(texts, c.Text)
	}
	if !slices.Equal(texts, []string{"A", "C"}) {
		t.Errorf("codes %v, want [A C]", texts)
	}
	if d.Passes[1].New != 1 || d.Passes[0].New != 1 {
		t.Errorf("new codes per pass %d, %d; want 1, 1", d.Passes[0].New, d.Passes[1].New)
	}
	if el := time.Since(start); el > 390*time.Millisecond {
		t.Logf("the two passes took %v: not side by side? (a loaded machine can do this)", el)
	}
}
