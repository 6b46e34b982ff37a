package camera

import (
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gocv.io/x/gocv"
)

// gocvImage returns the path of one of the test images shipped in the gocv
// module (Apache-2.0; a face photo is images/face.jpg), found through the
// module cache; the test is skipped when it is not there.
func gocvImage(t testing.TB, name string) string {
	t.Helper()
	gocvDirOnce.Do(func() {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "gocv.io/x/gocv").Output()
		if err == nil {
			gocvDir = strings.TrimSpace(string(out))
		}
	})
	p := filepath.Join(gocvDir, "images", name)
	if gocvDir == "" {
		t.Skip("the gocv module's folder is not known (go list failed)")
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("gocv test image: %v", err)
	}
	return p
}

var (
	gocvDirOnce sync.Once
	gocvDir     string
)

func faceDetector(t testing.TB) *PresenceDetector {
	t.Helper()
	p, err := NewPresenceDetector("")
	if err != nil {
		t.Skipf("no face cascade (install opencv-data): %v", err)
	}
	return p
}

// scaledGray reads an image as gray and scales it by f.
func scaledGray(t testing.TB, path string, f float64) gocv.Mat {
	t.Helper()
	m, err := ReadImage(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	out := gocv.NewMat()
	gocv.Resize(m, &out, image.Pt(int(float64(m.Cols())*f), int(float64(m.Rows())*f)), 0, 0, gocv.InterpolationArea)
	return out
}

// TestPresenceFindsFace: the face in gocv's face.jpg (a 640×480 portrait, the
// face about 220 px) is found at its size and scaled down to a face of about
// 50 px, as a person a few metres from a webcam would be.
func TestPresenceFindsFace(t *testing.T) {
	path := gocvImage(t, "face.jpg")
	p := faceDetector(t)
	defer p.Close()
	if p.Kind() != "face" {
		t.Errorf("kind %q", p.Kind())
	}
	for _, f := range []float64{1, 0.5, 0.25} {
		m := scaledGray(t, path, f)
		got := p.Detect(m)
		m.Close()
		if len(got) != 1 {
			t.Fatalf("scale %.2f: found %v, want one face", f, got)
		}
		// The face is in the middle of the portrait.
		c := got[0].Min.Add(got[0].Max).Div(2)
		if w := got[0].Dx(); c.X < int(250*f) || c.X > int(450*f) || w < int(120*f) || w > int(300*f) {
			t.Errorf("scale %.2f: face at %v, not where it is", f, got[0])
		}
		t.Logf("scale %.2f: face %v", f, got[0])
	}
	// A face in a wide doorway frame, pasted in.
	face := scaledGray(t, path, 0.3)
	defer face.Close()
	rng := newDoorway(t)
	defer rng.Close()
	roi := rng.Region(image.Rect(700, 200, 700+face.Cols(), 200+face.Rows()))
	face.CopyTo(&roi)
	roi.Close()
	got := p.Detect(rng)
	if len(got) != 1 || !got[0].Overlaps(image.Rect(700, 200, 700+face.Cols(), 200+face.Rows())) {
		t.Errorf("face in a doorway: %v", got)
	}
}

// newDoorway is a 1280×720 gray empty doorway (the demo's background).
func newDoorway(t testing.TB) gocv.Mat {
	demo := NewDemo(DemoOptions{Seed: 1})
	defer demo.Close()
	bgr := gocv.NewMat()
	defer bgr.Close()
	demo.bg.CopyTo(&bgr)
	g := gocv.NewMat()
	grayInto(bgr, &g)
	return g
}

// TestPresenceDemoHasNoFace: the demo shows cards with codes and text, no
// one: nothing may be taken for a face in its frames, analysed as the
// analyser does (gray, 640 px wide).
func TestPresenceDemoHasNoFace(t *testing.T) {
	p := faceDetector(t)
	defer p.Close()
	demo := NewDemo(DemoOptions{Seed: 1})
	defer demo.Close()
	frame, gray, small := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer frame.Close()
	defer gray.Close()
	defer small.Close()
	n := 0
	for i := int64(0); i < int64(demo.Period().Seconds()*30); i += 15 { // every 0.5 s of a whole loop
		demo.Render(i, &frame)
		grayInto(frame, &gray)
		gocv.Resize(gray, &small, scaledSize(gray.Cols(), gray.Rows(), AnalyzeWidth), 0, 0, gocv.InterpolationArea)
		if got := p.Detect(small); len(got) > 0 {
			t.Errorf("demo frame %d: faces %v", i, got)
		}
		n++
	}
	t.Logf("%d demo frames, no face", n)
}

func TestPresenceHOG(t *testing.T) {
	p := NewHOGPresenceDetector()
	defer p.Close()
	if p.Kind() != "hog" {
		t.Errorf("kind %q", p.Kind())
	}
	demo := NewDemo(DemoOptions{Seed: 1})
	defer demo.Close()
	frame, gray, small := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer frame.Close()
	defer gray.Close()
	defer small.Close()
	for _, i := range []int64{0, 90, 200} {
		demo.Render(i, &frame)
		grayInto(frame, &gray)
		gocv.Resize(gray, &small, image.Pt(640, 360), 0, 0, gocv.InterpolationArea)
		if got := p.Detect(small); len(got) > 0 {
			t.Errorf("demo frame %d: people %v", i, got)
		}
	}
	tiny := uniformGray(40, 40, 128)
	defer tiny.Close()
	if got := p.Detect(tiny); got != nil {
		t.Errorf("in a 40×40 frame: %v", got)
	}
}

func TestPresenceErrors(t *testing.T) {
	if _, err := NewPresenceDetector(filepath.Join(t.TempDir(), "missing.xml")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing cascade: %v", err)
	}
	// Files OpenCV would abort the process on are refused first.
	whole, err := os.ReadFile(DefaultFaceCascade)
	if err != nil {
		t.Skip(err)
	}
	for name, text := range map[string]string{
		"empty":     "",
		"garbage":   "garbage",
		"storage":   "<opencv_storage></opencv_storage>",
		"no stages": `<?xml version="1.0"?><opencv_storage><cascade type_id="opencv-cascade-classifier"><stageType>BOOST</stageType></cascade></opencv_storage>`,
		"truncated": string(whole[:len(whole)/2]),
		"other xml": `<?xml version="1.0"?><svg></svg>`,
	} {
		bad := filepath.Join(t.TempDir(), "bad.xml")
		os.WriteFile(bad, []byte(text), 0o600)
		if _, err := NewPresenceDetector(bad); err == nil {
			t.Errorf("%s cascade file accepted", name)
		}
	}
	// Every cascade Debian ships passes the check.
	files, _ := filepath.Glob("/usr/share/opencv4/*cascades/*.xml")
	for _, f := range files {
		if strings.Contains(f, "licence_plate_rus_16stages") {
			continue // the one file still in the pre-2.4 format
		}
		if err := checkCascade(f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	p := faceDetector(t)
	// Colour frames and empty frames are not analysed; nothing after Close.
	col := gocv.NewMatWithSize(100, 100, gocv.MatTypeCV8UC3)
	defer col.Close()
	if got := p.Detect(col); got != nil {
		t.Errorf("colour frame: %v", got)
	}
	if got := p.Detect(gocv.NewMat()); got != nil {
		t.Errorf("empty frame: %v", got)
	}
	p.Close()
	p.Close()
	g := uniformGray(100, 100, 0)
	defer g.Close()
	if got := p.Detect(g); got != nil {
		t.Errorf("after Close: %v", got)
	}
}

// BenchmarkPresenceDetect is the cost of one face search in a demo frame as
// the analyser sees it (gray, 640×360).
func BenchmarkPresenceDetect(b *testing.B) {
	p := faceDetector(b)
	defer p.Close()
	frames := benchFrames(b, 1)
	gray, small := gocv.NewMat(), gocv.NewMat()
	defer gray.Close()
	defer small.Close()
	grayInto(frames[0], &gray)
	gocv.Resize(gray, &small, image.Pt(640, 360), 0, 0, gocv.InterpolationArea)
	for b.Loop() {
		p.Detect(small)
	}
}
