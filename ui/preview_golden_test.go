package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/canhcua/canhcua"
)

// fixedFrame is the camera picture of the preview goldens: a 1280x720 frame
// copied at 640x360, a card with a code the camera read in the middle, and a
// small code it sees but cannot read, lower right.
func fixedFrame(t *testing.T, guide Guidance) PreviewFrame {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 640, 360))
	for y := range 360 {
		for x := range 640 {
			v := uint8(60 + 120*x/640) // a wall lit from the right
			img.SetRGBA(x, y, color.RGBA{v, v - v/8, v - v/4, 255})
		}
	}
	draw.Draw(img, image.Rect(200, 70, 440, 310), image.NewUniform(color.RGBA{245, 245, 240, 255}), image.Point{}, draw.Src)
	paste := func(text string, r image.Rectangle) {
		q, err := qrcode.New(text, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		q.DisableBorder = true
		draw.Draw(img, r, q.Image(r.Dx()), image.Point{}, draw.Src)
	}
	paste("001302009876||Võ Thị Hoa|01021990|Nữ|Xã Tân Phú|01012022", image.Rect(230, 100, 410, 280))
	paste("HOA", image.Rect(520, 250, 552, 282))
	// Outlines in the frame's coordinates: twice the copy's.
	box := func(r image.Rectangle) Outline {
		r = image.Rect(2*r.Min.X, 2*r.Min.Y, 2*r.Max.X, 2*r.Max.Y)
		return Outline{r.Min, {r.Max.X, r.Min.Y}, r.Max, {r.Min.X, r.Max.Y}}
	}
	return PreviewFrame{Image: img, Size: image.Pt(1280, 720),
		Codes: []Outline{box(image.Rect(230, 100, 410, 280))},
		Seen:  []Outline{box(image.Rect(520, 250, 552, 282))},
		Guide: guide}
}

// TestPreviewGolden: the camera's picture with the outlines of a code read
// and of one seen but not readable, and each guidance message for the
// person at the door, in both languages at 80x24 (the picture turned on
// with `v`; off by default there) and 120x40 (on by default).
func TestPreviewGolden(t *testing.T) {
	type pcase struct {
		name  string
		lang  string
		w, h  int
		guide Guidance
		keys  string
		want  []string
	}
	cases := []pcase{
		{"preview_closer_vi_120x40", "vi", 120, 40, GuideCloser, "", []string{"ĐƯA MÃ LẠI GẦN HƠN", "#: đã đọc", "v hình camera", "▒"}},
		{"preview_closer_en_120x40", "en", 120, 40, GuideCloser, "", []string{"BRING THE CODE CLOSER", "#: read", "v camera picture", "▒"}},
		{"preview_closer_vi_80x24", "vi", 80, 24, GuideCloser, "v", []string{"ĐƯA MÃ LẠI GẦN HƠN", "#: đã đọc", "▒"}},
		{"preview_closer_en_80x24", "en", 80, 24, GuideCloser, "v", []string{"BRING THE CODE CLOSER", "#: read", "▒"}},
		{"guide_steady_vi_120x40", "vi", 120, 40, GuideSteady, "", []string{"GIỮ YÊN", "hình mã bị nhòe", "#: đã đọc", "▒"}},
		{"guide_steady_en_120x40", "en", 120, 40, GuideSteady, "", []string{"HOLD STILL", "the code is blurred", "#: read", "▒"}},
		{"guide_steady_vi_80x24", "vi", 80, 24, GuideSteady, "", []string{"GIỮ YÊN", "hình mã bị nhòe"}},
		{"guide_steady_en_80x24", "en", 80, 24, GuideSteady, "", []string{"HOLD STILL", "the code is blurred"}},
		{"guide_glare_vi_120x40", "vi", 120, 40, GuideGlare, "", []string{"NGHIÊNG THẺ TRÁNH LÓA", "ánh sáng phản chiếu", "#: đã đọc", "▒"}},
		{"guide_glare_en_120x40", "en", 120, 40, GuideGlare, "", []string{"TILT THE CARD TO", "light reflects", "#: read", "▒"}},
		{"guide_glare_vi_80x24", "vi", 80, 24, GuideGlare, "", []string{"NGHIÊNG THẺ TRÁNH", "ánh sáng phản chiếu"}},
		{"guide_glare_en_80x24", "en", 80, 24, GuideGlare, "", []string{"TILT THE CARD TO", "light reflects"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			frame := fixedFrame(t, tc.guide)
			view := runPreviewGolden(t, tc.lang, tc.w, tc.h, frame, tc.keys, tc.want)
			teatest.RequireEqualOutput(t, []byte(view))
			checkSize(t, view, tc.w, tc.h)
		})
	}
}

// runPreviewGolden runs the desk screen on a seeded day with frame as the
// camera's picture, types keys, waits for want, and returns the final
// screen.
func runPreviewGolden(t *testing.T, lang string, w, h int, frame PreviewFrame, keys string, want []string) string {
	t.Helper()
	const door = "Cổng chính"
	now := t0
	b := newFakeBackend(ict)
	seedDay(t, b, door)
	var bell bytes.Buffer
	m := New(Config{
		Site: "UBND xã Tân Phú", Door: door, Mode: canhcua.ModeToggle, Lang: lang, Out: &bell,
		Now:   func() time.Time { return now },
		Reads: make(chan canhcua.Code),
		Camera: func() CameraStatus {
			return CameraStatus{Source: "0", FPS: 29.8, LastFrame: now.Add(-200 * time.Millisecond)}
		},
		Preview: func() PreviewFrame { return frame },
	}, b)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	for _, r := range keys {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
		for _, s := range append(want, "29.8", "Phạm Quốc Dũng") {
			if !bytes.Contains(out, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
}
