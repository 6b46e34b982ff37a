package camera

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"gocv.io/x/gocv"
)

func TestDemoIsDeterministic(t *testing.T) {
	a, b := NewDemo(DemoOptions{Seed: 7}), NewDemo(DemoOptions{Seed: 7})
	defer a.Close()
	defer b.Close()
	ma, mb := gocv.NewMat(), gocv.NewMat()
	defer ma.Close()
	defer mb.Close()
	for _, n := range []int64{0, 95, 200} {
		a.Render(n, &ma)
		b.Render(n, &mb)
		if ma.Cols() != 1280 || ma.Rows() != 720 || ma.Channels() != 3 {
			t.Fatalf("frame is %dx%dx%d, want 1280x720x3", ma.Cols(), ma.Rows(), ma.Channels())
		}
		diff := gocv.NewMat()
		gocv.AbsDiff(ma, mb, &diff)
		gray := gocv.NewMat()
		gocv.CvtColor(diff, &gray, gocv.ColorBGRToGray)
		if nz := gocv.CountNonZero(gray); nz != 0 {
			t.Errorf("frame %d differs in %d pixels between two demos with the same seed", n, nz)
		}
		diff.Close()
		gray.Close()
	}
	c := NewDemo(DemoOptions{Seed: 8})
	defer c.Close()
	if slices.Equal(planOrder(a), planOrder(c)) && a.plan[0].start == c.plan[0].start {
		t.Error("seeds 7 and 8 give the same plan")
	}
}

func planOrder(d *Demo) []int {
	var o []int
	for _, v := range d.plan {
		o = append(o, v.person)
	}
	return o
}

// TestDemoCodesAreReadable decodes demo frames while codes are fully in view:
// every person of the demo must be read, and nothing else.
func TestDemoCodesAreReadable(t *testing.T) {
	d := NewDemo(DemoOptions{Seed: 1})
	defer d.Close()
	m := gocv.NewMat()
	defer m.Close()
	read := map[string]int{}
	visible := map[string]bool{}
	frames := int64(d.Period().Seconds() * 30)
	for n := int64(0); n < frames; n += 10 {
		d.Render(n, &m)
		for _, v := range d.Visible(float64(n) / 30) {
			visible[v] = true
		}
		codes, err := ZXing{}.Decode(m)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range codes {
			read[c.Text]++
		}
		if n == 90 && os.Getenv("CANHCUA_SAVE_FRAMES") != "" {
			gocv.IMWrite(filepath.Join(os.Getenv("CANHCUA_SAVE_FRAMES"), "demo.png"), m)
		}
	}
	for _, p := range DemoPeople {
		if !visible[p.Payload] {
			t.Errorf("%s is never fully in view", p.Label)
		}
		if read[p.Payload] == 0 {
			t.Errorf("%s's code was never read", p.Label)
		}
	}
	for text := range read {
		if !slices.ContainsFunc(DemoPeople, func(p DemoPerson) bool { return p.Payload == text }) {
			t.Errorf("read %q, which no demo person holds", text)
		}
	}
	t.Logf("reads per person over %d sampled frames: %v", frames/10, read)
}

func TestDemoSourceReads(t *testing.T) {
	src, err := Open(context.Background(), "demo:3")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if i := src.Info(); i.Kind != "demo" || !i.Live || i.FPS != 30 {
		t.Errorf("info = %+v", i)
	}
	m := gocv.NewMat()
	defer m.Close()
	if err := src.Read(context.Background(), &m); err != nil || m.Empty() {
		t.Fatalf("read: %v, empty %v", err, m.Empty())
	}
}
