package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// TestDemoHeader: the demo's screen says DEMO first on its top line, at
// every width; a real desk's does not.
func TestDemoHeader(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		h := newHarness(t, Config{Lang: lang, Site: "UBND xã Tân Phú rất dài " + strings.Repeat("x", 80), Demo: true})
		for _, w := range []int{80, 100, 200} {
			h.send(tea.WindowSizeMsg{Width: w, Height: 30})
			top, _, _ := strings.Cut(h.m.View(), "\n")
			if !strings.HasPrefix(strings.TrimSpace(ansi.Strip(top)), "DEMO") {
				t.Errorf("%s, %d wide: top line %q", lang, w, ansi.Strip(top))
			}
		}
	}
	h := newHarness(t, Config{Lang: "en"})
	if strings.Contains(h.m.View(), "DEMO") {
		t.Errorf("a real desk's screen says DEMO:\n%s", h.m.View())
	}
}

// TestCameraRetrying: a camera that will not open shows as camera trouble,
// with the reason and that it is tried again, in the screen's language.
func TestCameraRetrying(t *testing.T) {
	st := DefaultStyles()
	h := header{hasCamera: true, camKnown: true,
		cam: CameraStatus{Source: "rtsp://***@cam/live", Err: "cannot be opened as a video", Retrying: true}}
	for lang, want := range map[string]string{
		"en": "Camera: rtsp://***@cam/live · CAMERA TROUBLE: cannot be opened as a video — trying again every 2 s",
		"vi": "Camera: rtsp://***@cam/live · CAMERA GẶP SỰ CỐ: cannot be opened as a video — thử lại mỗi 2 giây",
	} {
		if got := ansi.Strip(h.cameraLine(120, t0.Add(time.Second), newTexts(lang), st)); got != want {
			t.Errorf("%s: %q\nwant %q", lang, got, want)
		}
	}
}
