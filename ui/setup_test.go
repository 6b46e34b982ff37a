package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/canhcua/canhcua/internal/catalog"
)

// gradient is a w×h frame: dark at the left, light at the right, with a
// light square in its middle (a code held up to the camera).
func gradient(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := uint8(40 + 160*x/w)
			if x > w*2/5 && x < w*3/5 && y > h/3 && y < h*2/3 {
				v = 250
			}
			img.Set(x, y, color.RGBA{v, v, v, 255})
		}
	}
	return img
}

// fakeCameras are the cameras of the golden screens: two that opened, one
// of which sent no picture.
func fakeCameras(context.Context) []SetupCamera {
	return []SetupCamera{
		{Source: "0", Name: "/dev/video0", Width: 1280, Height: 720, FPS: 30, Frame: gradient(1280, 720)},
		{Source: "2", Name: "/dev/video2", Width: 640, Height: 480, FPS: 15},
	}
}

const setupPath = "~/.config/canhcua/config.toml"

// TestSetupGolden: the first-start form with two cameras found, the site
// and door typed, in Vietnamese and (switched to with →, live) English, at
// 80x24 and 120x40.
func TestSetupGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang string // switched to on the language question
		w, h int
		want []string
	}{
		{"setup_vi_80x24", "vi", 80, 24, []string{"CANHCUA — CÀI ĐẶT", "không có camera (demo)", "Cổng số 2"}},
		{"setup_vi_120x40", "vi", 120, 40, []string{"CANHCUA — CÀI ĐẶT", "không có camera (demo)", "Cổng số 2"}},
		{"setup_en_80x24", "en", 80, 24, []string{"CANHCUA — SETUP", "no camera (demo)", "Cổng số 2"}},
		{"setup_en_120x40", "en", 120, 40, []string{"CANHCUA — SETUP", "no camera (demo)", "Cổng số 2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := NewSetup(SetupConfig{Path: setupPath, DoorHint: "Cửa chính", Cameras: fakeCameras})
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(tc.w, tc.h))
			if tc.lang == "en" {
				tm.Send(tea.KeyMsg{Type: tea.KeyRight})
			}
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			typeRunes(tm, "UBND xã Tân Phú")
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			typeRunes(tm, "Cổng số 2")
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
				for _, w := range append(tc.want, "/dev/video2") {
					if !bytes.Contains(out, []byte(w)) {
						return false
					}
				}
				return true
			}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			view := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
			teatest.RequireEqualOutput(t, []byte(view))
			checkSize(t, view, tc.w, tc.h)
		})
	}
}

// typeRunes types s a rune at a time (teatest's Type sends bytes).
func typeRunes(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(runeKey(r))
	}
}

// setupRun drives the form's Update by hand, running every Cmd at once.
type setupRun struct {
	t    *testing.T
	m    *setupModel
	quit bool
}

func newSetupRun(t *testing.T, cfg SetupConfig) *setupRun {
	t.Helper()
	r := &setupRun{t: t, m: NewSetup(cfg).(*setupModel)}
	r.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	r.run(r.m.Init())
	return r
}

func (r *setupRun) send(msg tea.Msg) {
	_, cmd := r.m.Update(msg)
	r.run(cmd)
}

func (r *setupRun) run(cmd tea.Cmd) {
	if runCmd(cmd, r.send) {
		r.quit = true
	}
}

func (r *setupRun) key(k tea.KeyType) { r.send(tea.KeyMsg{Type: k}) }

func (r *setupRun) typ(s string) {
	for _, c := range s {
		r.send(runeKey(c))
	}
}

func (r *setupRun) screen() string { return ansi.Strip(r.m.View()) }

// answers are the form's answers; the test fails when it has not saved.
func (r *setupRun) answers() SetupResult {
	r.t.Helper()
	res, ok := SetupAnswers(r.m)
	if !ok || !r.quit {
		r.t.Fatalf("the form has not saved (quit %v):\n%s", r.quit, r.screen())
	}
	return res
}

// TestSetupFirstStart: Enter goes through the questions; a camera found is
// chosen by default; the door left empty is the default door; Enter on the
// direction saves.
func TestSetupFirstStart(t *testing.T) {
	r := newSetupRun(t, SetupConfig{Cameras: fakeCameras, DoorHint: "Cửa chính"})
	r.key(tea.KeyEnter)
	r.typ("UBND xã Tân Phú")
	r.key(tea.KeyEnter)
	r.key(tea.KeyEnter) // the door: the default
	r.key(tea.KeyEnter) // the camera: the first found
	r.key(tea.KeyRight) // direction: out
	r.key(tea.KeyRight) // toggle
	r.key(tea.KeyEnter)
	want := SetupResult{Site: "UBND xã Tân Phú", Door: "", Source: "0", Direction: "toggle", Lang: "vi"}
	if got := r.answers(); got != want {
		t.Errorf("answers %+v, want %+v", got, want)
	}
}

// TestSetupLanguageSwitchesLive: → on the language question turns the
// whole form to English at once, ← back to Vietnamese; the answer follows.
func TestSetupLanguageSwitchesLive(t *testing.T) {
	r := newSetupRun(t, SetupConfig{})
	if sc := r.screen(); !strings.Contains(sc, "Tên đơn vị") || !strings.Contains(sc, "chọn") {
		t.Fatalf("not Vietnamese at first:\n%s", sc)
	}
	r.key(tea.KeyRight)
	sc := r.screen()
	for _, w := range []string{"CANHCUA — SETUP", "Site", "Door", "no camera found", "every scan is an entry", "choose", "(•) English"} {
		if !strings.Contains(sc, w) {
			t.Errorf("after →, the form lacks %q:\n%s", w, sc)
		}
	}
	if strings.Contains(sc, "Tên đơn vị") {
		t.Errorf("still Vietnamese after →:\n%s", sc)
	}
	r.key(tea.KeyLeft)
	if sc := r.screen(); !strings.Contains(sc, "Tên đơn vị") {
		t.Errorf("← did not switch back:\n%s", sc)
	}
	r.key(tea.KeyRight)
	r.key(tea.KeyTab)
	r.typ("Trạm Y tế")
	r.send(tea.KeyMsg{Type: tea.KeyCtrlS})
	if got := r.answers(); got.Lang != "en" || got.Source != "demo" || got.Direction != "in" {
		t.Errorf("answers %+v", got)
	}
}

// TestSetupNeedsSite: saving without a site says so and goes back to it;
// nothing is saved.
func TestSetupNeedsSite(t *testing.T) {
	r := newSetupRun(t, SetupConfig{Lang: "en"})
	r.send(tea.KeyMsg{Type: tea.KeyCtrlS})
	if r.quit || r.m.focus != fieldSite || !strings.Contains(r.screen(), catalog.EN.T(catalog.UISetupNeedSite)) {
		t.Fatalf("quit %v, focus %d:\n%s", r.quit, r.m.focus, r.screen())
	}
	r.typ("X")
	if strings.Contains(r.screen(), catalog.EN.T(catalog.UISetupNeedSite)) {
		t.Error("the error stays after typing")
	}
}

// TestSetupFile: a file typed in must be there (checked in a Cmd) and is
// stored as an absolute path; a stream URL is taken as typed.
func TestSetupFile(t *testing.T) {
	dir := t.TempDir()
	video := filepath.Join(dir, "door.avi")
	if err := os.WriteFile(video, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	fill := func(source string) *setupRun {
		r := newSetupRun(t, SetupConfig{Lang: "en", Site: "S"})
		r.m.setFocus(fieldCamera)
		r.key(tea.KeyDown) // the demo → the file
		r.typ(source)
		r.key(tea.KeyEnter)
		r.key(tea.KeyEnter)
		return r
	}
	r := fill("nowhere.avi")
	if r.quit || !strings.Contains(r.screen(), "Cannot use nowhere.avi") || r.m.focus != fieldCamera {
		t.Fatalf("a missing file: quit %v:\n%s", r.quit, r.screen())
	}
	if got := fill("door.avi").answers().Source; got != video {
		t.Errorf("a relative path: source %q, want %q", got, video)
	}
	if got := fill("rtsp://cam.local/live").answers().Source; got != "rtsp://cam.local/live" {
		t.Errorf("a stream: source %q", got)
	}
	r = newSetupRun(t, SetupConfig{Lang: "en", Site: "S"})
	r.m.setFocus(fieldCamera)
	r.key(tea.KeyDown)
	r.key(tea.KeyEnter)
	r.key(tea.KeyEnter)
	if r.quit || !strings.Contains(r.screen(), catalog.EN.T(catalog.UISetupNeedFile)) {
		t.Errorf("an empty file field: quit %v:\n%s", r.quit, r.screen())
	}
}

// TestSetupWaitsForCameras: saved while the cameras are looked for, the
// form waits for them and then takes the first camera found.
func TestSetupWaitsForCameras(t *testing.T) {
	found := make(chan []SetupCamera, 1)
	r := &setupRun{t: t, m: NewSetup(SetupConfig{Site: "S", Cameras: func(context.Context) []SetupCamera { return <-found }}).(*setupModel)}
	find := r.m.Init() // not run yet: the cameras are being looked for
	if !strings.Contains(r.screen(), "đang tìm camera") {
		t.Errorf("no word of the search:\n%s", r.screen())
	}
	r.send(tea.KeyMsg{Type: tea.KeyCtrlS})
	if r.quit || !r.m.waiting {
		t.Fatalf("saved before the cameras were known")
	}
	found <- fakeCameras(context.Background())
	r.run(find)
	if got := r.answers(); got.Source != "0" {
		t.Errorf("source %q, want camera 0", got.Source)
	}
}

// TestSetupEditing: `canhcua setup` on a config file starts from its
// answers: its camera chosen when there, kept in the file field when not.
func TestSetupEditing(t *testing.T) {
	r := newSetupRun(t, SetupConfig{Site: "Trạm Y tế", Door: "Cổng sau", Source: "2", Direction: "out", Lang: "en", Cameras: fakeCameras})
	r.send(tea.KeyMsg{Type: tea.KeyCtrlS})
	want := SetupResult{Site: "Trạm Y tế", Door: "Cổng sau", Source: "2", Direction: "out", Lang: "en"}
	if got := r.answers(); got != want {
		t.Errorf("unchanged: %+v, want %+v", got, want)
	}
	r = newSetupRun(t, SetupConfig{Site: "S", Source: "7", Cameras: fakeCameras})
	if r.m.sel != r.m.fileOpt() || r.m.path.Value() != "7" {
		t.Errorf("camera 7, not there: option %d, file field %q", r.m.sel, r.m.path.Value())
	}
	r = newSetupRun(t, SetupConfig{Site: "S", Source: "demo", Cameras: fakeCameras})
	r.send(tea.KeyMsg{Type: tea.KeyCtrlS})
	if got := r.answers(); got.Source != "demo" {
		t.Errorf("the demo: %q", got.Source)
	}
}

// TestSetupCancel: Esc ends the form with no answers, and the search for
// cameras is told to stop.
func TestSetupCancel(t *testing.T) {
	var ctx context.Context
	r := &setupRun{t: t, m: NewSetup(SetupConfig{Site: "S", Cameras: func(c context.Context) []SetupCamera { ctx = c; return nil }}).(*setupModel)}
	r.run(r.m.Init())
	r.key(tea.KeyEsc)
	if _, ok := SetupAnswers(r.m); ok || !r.quit {
		t.Errorf("Esc: quit %v, answers given", r.quit)
	}
	if ctx == nil || ctx.Err() == nil {
		t.Error("the search for cameras was not cancelled")
	}
}

// TestSetupManyCameras: ten cameras on 24 lines fit, a window of them
// around the one chosen; ↓ through the list moves the window.
func TestSetupManyCameras(t *testing.T) {
	many := func(context.Context) []SetupCamera {
		var cams []SetupCamera
		for i := range 10 {
			cams = append(cams, SetupCamera{Source: string(rune('0' + i)), Name: "/dev/video" + string(rune('0'+i)), Frame: gradient(64, 48)})
		}
		return cams
	}
	r := newSetupRun(t, SetupConfig{Site: "S", Cameras: many})
	r.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	checkSize(t, r.m.View(), 80, 24)
	r.m.setFocus(fieldCamera)
	for range 9 {
		r.key(tea.KeyDown)
	}
	sc := r.screen()
	if !strings.Contains(sc, "/dev/video9") || strings.Contains(sc, "/dev/video0") {
		t.Errorf("camera 9 chosen:\n%s", sc)
	}
	checkSize(t, r.m.View(), 80, 24)
	r.key(tea.KeyEnter)
	r.key(tea.KeyEnter)
	if got := r.answers(); got.Source != "9" {
		t.Errorf("source %q", got.Source)
	}
}
