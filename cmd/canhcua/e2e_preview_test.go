package main

import (
	"image"
	"image/draw"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/canhcua/canhcua/camera"
)

// screenColours is the tmux pane with its colours (capture-pane -e).
func (s *tmuxSession) screenColours() string {
	out, err := exec.Command("tmux", "-S", s.sock, "capture-pane", "-e", "-p", "-t", "e2e").Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// The outlines on the picture, in 24-bit colour as tmux gives them back (a
// sequence per colour, before a half block): yellow, a code seen but not
// readable; green, a code read (ui/picture.go's seenColor and readColor).
var (
	seenBox = regexp.MustCompile(`[34]8;2;241;196;15m(\x1b\[[0-9;]*m)*▀`)
	readBox = regexp.MustCompile(`[34]8;2;46;204;113m(\x1b\[[0-9;]*m)*▀`)
)

// TestDeskPreviewEndToEnd: the real binary in tmux (120x40, a true-colour
// terminal) on a 1280x720 video of a card held too far away, then brought
// closer. The camera's picture is on by default, drawn in half blocks with
// 24-bit colours; the far code gets a yellow box and "Đưa mã lại gần hơn";
// the near one a green box and the accepted banner. No graphics escape
// reaches a terminal (tmux) that was not found to take it.
func TestDeskPreviewEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	q, err := qrcode.New(cccd("001090001234", "Nguyễn Văn An", "15031990"), qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	q.DisableBorder = true
	var script []int // the code's side in each frame, 0 for none
	add := func(side, n int) {
		for range n {
			script = append(script, side)
		}
	}
	add(0, 20)  // 2 s: the wall
	add(40, 90) // 9 s: the card too far away to read
	add(320, 60)
	add(0, 30)
	// A camera's picture is never still: the wall gets a little noise, so
	// that the desk does not take the video for a frozen camera.
	rng := rand.New(rand.NewPCG(13, 13))
	video := filepath.Join(dir, "door.avi")
	err = camera.WriteVideo(video, 10, len(script), func(i int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, 1280, 720))
		for p := 0; p < len(img.Pix); p += 4 {
			n := uint8(rng.IntN(9))
			img.Pix[p], img.Pix[p+1], img.Pix[p+2], img.Pix[p+3] = 221+n, 216+n, 206+n, 255
		}
		if side := script[i]; side > 0 {
			x, y := 640-side/2, 360-side/2
			draw.Draw(img, image.Rect(x-side/8, y-side/8, x+side+side/8, y+side+side/8), image.White, image.Point{}, draw.Src)
			draw.Draw(img, image.Rect(x, y, x+side, y+side), q.Image(side), image.Point{}, draw.Src)
		}
		return img
	})
	if err != nil {
		t.Fatal(err)
	}

	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_DATA_HOME=" + dir, "COLORTERM=truecolor"}
	s := startTmux(t, 120, 40, env, bin, "--source", video, "--db", filepath.Join(dir, "desk.db"), "--lang", "vi", "--no-bell")
	halfBlocks := func(sc string) bool {
		return strings.Contains(sc, "▀") && strings.Contains(sc, "38;2;") && strings.Contains(sc, "48;2;")
	}
	if _, ok := s.waitScreen(15*time.Second, func(string) bool { return halfBlocks(s.screenColours()) }); !ok {
		t.Fatalf("no half blocks in 24-bit colour on the screen:\n%s", s.screenColours())
	}
	var far string
	if _, ok := s.waitScreen(20*time.Second, func(string) bool {
		far = s.screenColours()
		return strings.Contains(far, "ĐƯA MÃ LẠI GẦN HƠN") && seenBox.MatchString(far)
	}); !ok {
		t.Fatalf("no yellow box and no \"Đưa mã lại gần hơn\" while the code is too small:\n%s", far)
	}
	if strings.Contains(far, "ĐÃ GHI NHẬN") {
		t.Errorf("a code too small to read was accepted:\n%s", far)
	}
	var near string
	if _, ok := s.waitScreen(20*time.Second, func(string) bool {
		near = s.screenColours()
		return strings.Contains(near, "ĐÃ GHI NHẬN") && readBox.MatchString(near) && !strings.Contains(near, "ĐƯA MÃ LẠI GẦN HƠN")
	}); !ok {
		t.Fatalf("no green box and accepted banner without the guidance once the code came closer:\n%s", near)
	}
	for _, sc := range []string{far, near} {
		if strings.Contains(sc, "\x1bP") || strings.Contains(sc, "\x1b_G") {
			t.Errorf("a graphics escape reached tmux:\n%q", sc)
		}
	}
	// v hides the picture and shows it again.
	s.keys("v")
	if _, ok := s.waitScreen(5*time.Second, func(string) bool { return !strings.Contains(s.screenColours(), "▀") }); !ok {
		t.Error("v did not hide the camera's picture")
	}
	s.keys("v")
	if _, ok := s.waitScreen(5*time.Second, func(string) bool { return halfBlocks(s.screenColours()) }); !ok {
		t.Error("v did not show the camera's picture again")
	}
	s.keys("q")
}
