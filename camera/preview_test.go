package camera

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"
	"gocv.io/x/gocv"
)

// cardFrame is a 1280x720 frame of a wall with a white card holding a code
// side pixels wide (a citizen ID's text, 45 modules).
func cardFrame(t *testing.T, side int) gocv.Mat {
	t.Helper()
	q, err := qrcode.New("001090001234||Nguyễn Văn An|15031990|Nam|Xã Tân Phú, huyện Đồng Phú|10052021", qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	q.DisableBorder = true
	img := image.NewRGBA(image.Rect(0, 0, 1280, 720))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{225, 220, 210, 255}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(600, 300, 600+side+20, 300+side+20), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(610, 310, 610+side, 310+side), q.Image(side), image.Point{}, draw.Src)
	m, err := GrayMat(img)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestPreviewGuidesCloserForSmallCode: a code of about a pixel a module,
// which OpenCV's detector does not find, is found on the preview's copy
// (findSmallCodes), outlined as seen and guided "closer"; the same code
// large enough reads, with no guidance.
func TestPreviewGuidesCloserForSmallCode(t *testing.T) {
	for _, tc := range []struct {
		side  int
		read  bool
		guide Guidance
	}{{36, false, GuideCloser}, {44, false, GuideCloser}, {90, true, GuideNone}} {
		m := cardFrame(t, tc.side)
		clock := time.Unix(0, 0)
		pv := NewPreviewing(NewEngine(Live), PreviewOptions{Now: func() time.Time { return clock }})
		reads := 0
		var shot PreviewShot
		for range 10 {
			codes, err := pv.Decode(m)
			if err != nil {
				t.Fatal(err)
			}
			reads += len(codes)
			clock = clock.Add(40 * time.Millisecond)
			shot = pv.Shot()
		}
		pv.Close()
		m.Close()
		if got := reads > 0; got != tc.read {
			t.Errorf("side %d: read %d times, want read %v", tc.side, reads, tc.read)
		}
		if shot.Guide != tc.guide {
			t.Errorf("side %d: guidance %v (%+v), want %v", tc.side, shot.Guide, shot.Look, tc.guide)
		}
		if tc.guide == GuideCloser && len(shot.Open) == 0 {
			t.Errorf("side %d: no outline of the code seen", tc.side)
		}
		if tc.read && len(shot.Codes) == 0 {
			t.Errorf("side %d: no outline of the code read", tc.side)
		}
		if shot.Image == nil || shot.Size != image.Pt(1280, 720) {
			t.Errorf("side %d: the preview's copy is %v of a %v frame", tc.side, shot.Image, shot.Size)
		}
	}
}

// TestPreviewNoGuidanceOnDemo: the demo source's frames (people walking,
// cards read, text around them) give no guidance where nothing is to be
// brought closer: the small-code search does not take text for codes.
func TestPreviewNoGuidanceOnDemo(t *testing.T) {
	src := NewDemo(DemoOptions{})
	defer src.Close()
	clock := time.Unix(0, 0)
	pv := NewPreviewing(NewEngine(Live), PreviewOptions{Now: func() time.Time { return clock }})
	defer pv.Close()
	m := gocv.NewMat()
	defer m.Close()
	for i := range 300 {
		if err := src.Read(context.Background(), &m); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(33 * time.Millisecond)
		if _, err := pv.Decode(m); err != nil {
			t.Fatal(err)
		}
		if i%6 == 0 {
			if s := pv.Shot(); s.Guide != GuideNone {
				t.Fatalf("frame %d: guidance %v (%+v) on the demo", i, s.Guide, s.Look)
			}
		}
	}
}
