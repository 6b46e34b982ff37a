package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"
	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
)

// tinyCorpus writes a labels corpus of three 400x300 photos: cards/a.png
// and cards/b.png each hold one code at a known place, empty/c.png none.
func tinyCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var lines []string
	for _, p := range []struct {
		path, text string
		x, y       int
	}{
		{"cards/a.png", "CCCD 001090001234", 60, 40},
		{"cards/b.png", "badge:0042", 150, 60},
		{"empty/c.png", "", 0, 0},
	} {
		img := image.NewGray(image.Rect(0, 0, 400, 300))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.Gray{Y: 200}), image.Point{}, draw.Src)
		var codes [][]float64
		if p.text != "" {
			q, err := qrcode.New(p.text, qrcode.Medium)
			if err != nil {
				t.Fatal(err)
			}
			q.DisableBorder = false
			code := q.Image(200)
			r := image.Rect(p.x, p.y, p.x+200, p.y+200)
			draw.Draw(img, r, code, image.Point{}, draw.Src)
			x0, y0, x1, y1 := float64(p.x), float64(p.y), float64(p.x+200), float64(p.y+200)
			codes = append(codes, []float64{x0, y0, x1, y0, x1, y1, x0, y1})
		}
		file := filepath.Join(dir, filepath.FromSlash(p.path))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		f.Close()
		l, _ := json.Marshal(map[string]any{"image": p.path, "codes": codes})
		lines = append(lines, string(l))
	}
	if err := os.WriteFile(filepath.Join(dir, "labels.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Each photo is held up to a new live engine for the hold, through the frame
// loop: both codes are read within it, soon after the first frame, and the
// frames are counted.
func TestDecodeLiveScores(t *testing.T) {
	dir := tinyCorpus(t)
	for _, motion := range []bool{false, true} {
		t.Run(fmt.Sprintf("motion=%v", motion), func(t *testing.T) {
			start := time.Now()
			r, err := DecodeLive(context.Background(), dir, HoldRun{Hold: 300 * time.Millisecond, Motion: motion})
			if err != nil {
				t.Fatal(err)
			}
			if el := time.Since(start); el < 900*time.Millisecond {
				t.Errorf("three holds of 300 ms took %v: not in real time", el)
			}
			ls := r.Labels
			if ls == nil || len(ls.Categories) != 2 || ls.Labelled != 2 || ls.Read != 2 || ls.AverageRate != 0.5 {
				// "empty" has no label: its rate is 0, the average 0.5.
				t.Fatalf("score %+v, want both codes read", ls)
			}
			if r.FirstRead.Images != 2 || r.FirstRead.MedianMS <= 0 || r.FirstRead.P95MS > 300 {
				t.Errorf("first read %+v, want two photos read within the hold", r.FirstRead)
			}
			if fr := r.FirstReadByCategory; len(fr) != 2 || fr[0].Name != "cards" || fr[0].Images != 2 || fr[1].Images != 0 {
				t.Errorf("first read by category %+v", fr)
			}
			f := r.Frames
			if f.Due != 27 || f.Captured+f.Missed != f.Due || f.Decoded+f.Dropped != f.Captured {
				t.Errorf("frames %+v: want 27 due, each captured or missed, each captured decoded or dropped", f)
			}
			if r.Motion != motion || r.HoldS != 0.3 || r.FPS != 30 || r.HeldS < 0.9 {
				t.Errorf("report %+v", r)
			}
			var b strings.Builder
			r.WriteText(&b, false)
			for _, want := range []string{"held still", "first read median ms", "cards", "time to first read", "dropped (decoder busy)"} {
				if motion && want == "held still" {
					want = "shaken"
				}
				if !strings.Contains(b.String(), want) {
					t.Errorf("text lacks %q:\n%s", want, b.String())
				}
			}
		})
	}
}

// On the simulated clock the same photos read the same, the frames are
// counted as due (the capture costs nothing there), and the holds take no
// more real time than their work.
func TestDecodeLiveSimulated(t *testing.T) {
	dir := tinyCorpus(t)
	r, err := DecodeLive(context.Background(), dir, HoldRun{Hold: time.Second, Simulated: true})
	if err != nil {
		t.Fatal(err)
	}
	if ls := r.Labels; ls.Read != 2 || r.FirstRead.Images != 2 || r.FirstRead.P95MS > 1000 || !r.Simulated {
		t.Fatalf("score %+v, first read %+v", ls, r.FirstRead)
	}
	f := r.Frames
	if f.Due != 90 || f.Captured != 90 || f.Missed != 0 || f.Decoded+f.Dropped != 90 || f.Decoded == 0 {
		t.Errorf("frames %+v", f)
	}
	if r.HeldS < 2.99 || r.HeldS > 3.01 || r.CPUS <= 0 {
		t.Errorf("held %v s, processor %v s", r.HeldS, r.CPUS)
	}
	var b strings.Builder
	r.WriteText(&b, false)
	if !strings.Contains(b.String(), "simulated clock") {
		t.Errorf("text does not say the clock is simulated:\n%s", b.String())
	}
}

// lateDecoder reads its code only after a while on its first frame.
type lateDecoder struct {
	once sync.Once
	wait time.Duration
}

func (d *lateDecoder) Decode(m gocv.Mat) ([]canhcua.Code, error) {
	d.once.Do(func() { time.Sleep(d.wait) })
	return camera.ZXing{}.Decode(m)
}

// A code read only after the hold is over is not scored, and counted late.
func TestDecodeLiveAfterTheHold(t *testing.T) {
	dir := tinyCorpus(t)
	r, err := DecodeLive(context.Background(), dir, HoldRun{Hold: 200 * time.Millisecond, About: "late",
		Decoder: func() camera.Decoder { return &lateDecoder{wait: 300 * time.Millisecond} }})
	if err != nil {
		t.Fatal(err)
	}
	if r.Labels.Read != 0 || r.Late != 2 || r.FirstRead.Images != 0 {
		t.Errorf("read %d within the hold, %d late, first reads %+v: want none within, 2 late", r.Labels.Read, r.Late, r.FirstRead)
	}
	if r.MedianMS != 200 {
		t.Errorf("median time to first read counting the hold %v ms, want the hold", r.MedianMS)
	}
}
