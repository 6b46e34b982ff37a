package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
)

func writeQR(t *testing.T, path, text string) {
	t.Helper()
	if err := qrcode.WriteFile(text, qrcode.Medium, 320, path); err != nil {
		t.Fatal(err)
	}
}

func runCmd(args ...string) (stdout, stderr string, status int) {
	var o, e bytes.Buffer
	status = run(context.Background(), args, &o, &e)
	return o.String(), e.String(), status
}

func TestDecodeJSON(t *testing.T) {
	dir := t.TempDir()
	const text = "001090001234|012345678|Nguyễn Văn An|15031990|Nam|Hà Nội|10052021"
	img := filepath.Join(dir, "cccd.png")
	writeQR(t, img, text)
	out, errOut, status := runCmd("decode", "--json", img)
	if status != exitOK || errOut != "" {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	var r struct {
		Source   string     `json:"source"`
		Page     *int       `json:"page"`
		Frame    *int       `json:"frame"`
		Text     string     `json:"text"`
		BytesB64 string     `json:"bytes_b64"`
		Points   [][]int    `json:"points"`
		Extra    []struct{} `json:"-"`
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1: %q", len(lines), out)
	}
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	raw, _ := base64.StdEncoding.DecodeString(r.BytesB64)
	if r.Source != img || r.Text != text || string(raw) != text || r.Page != nil || r.Frame != nil {
		t.Errorf("got %+v", r)
	}
	if len(r.Points) != 4 {
		t.Fatalf("points = %v", r.Points)
	}
	for _, p := range r.Points {
		if len(p) != 2 || p[0] < 0 || p[0] > 320 || p[1] < 0 || p[1] > 320 {
			t.Errorf("point %v outside the 320x320 image", p)
		}
	}
}

// TestDecodeStatuses: 0 found, 1 none, 2 on an error — and the other files
// are still read.
func TestDecodeStatuses(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.png")
	writeQR(t, good, "xin chào")
	plain := filepath.Join(dir, "plain.png")
	f, _ := os.Create(plain)
	writePNG(t, f, image.NewGray(image.Rect(0, 0, 50, 50)))
	corrupt := filepath.Join(dir, "corrupt.jpg")
	os.WriteFile(corrupt, []byte("\xff\xd8\xff\xe0 not really a jpeg"), 0o644)
	broken := filepath.Join(dir, "broken.pdf")
	os.WriteFile(broken, []byte("%PDF-1.7\nnothing else"), 0o644)
	missing := filepath.Join(dir, "missing.png")

	if _, _, s := runCmd("decode", plain); s != exitNotFound {
		t.Errorf("no code: status %d, want 1", s)
	}
	out, errOut, s := runCmd("decode", missing, corrupt, good, broken, plain)
	if s != exitUsage {
		t.Errorf("errors: status %d, want 2", s)
	}
	if out != good+": xin chào\n" {
		t.Errorf("stdout %q: the good file must still be read", out)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 3 {
		t.Fatalf("stderr has %d lines, want one per bad file: %q", len(lines), errOut)
	}
	for i, name := range []string{missing, corrupt, broken} {
		if !strings.Contains(lines[i], name) {
			t.Errorf("stderr line %q does not name %s", lines[i], name)
		}
	}
	if _, e, s := runCmd("decode"); s != exitUsage || e == "" {
		t.Errorf("no path: status %d, stderr %q", s, e)
	}
	if _, e, s := runCmd("decode", "--bogus", good); s != exitUsage || strings.Count(e, "\n") != 1 {
		t.Errorf("bad flag: status %d, stderr %q", s, e)
	}
	if o, _, s := runCmd("decode", "--help"); s != exitOK || !strings.Contains(o, "--json") {
		t.Errorf("--help: status %d, %q", s, o)
	}
}

func TestDecodeVideoAndPDF(t *testing.T) {
	dir := t.TempDir()
	codes := map[string]image.Image{}
	for _, text := range []string{"Trần Văn Bình", "badge:12"} {
		q, err := qrcode.New(text, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		codes[text] = q.Image(240)
	}
	// 10 fps: Bình 0-9, empty 10-19, badge 20-24, Bình again 25-29 (away
	// 1.5 s: the same read).
	script := func(i int) string {
		switch {
		case i < 10, i >= 25:
			return "Trần Văn Bình"
		case i >= 20:
			return "badge:12"
		}
		return ""
	}
	video := filepath.Join(dir, "door.avi")
	err := camera.WriteVideo(video, 10, 30, func(i int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, 480, 360))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{235, 235, 235, 255}), image.Point{}, draw.Src)
		if t := script(i); t != "" {
			draw.Draw(img, image.Rect(120, 60, 360, 300), codes[t], image.Point{}, draw.Src)
		}
		return img
	})
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, s := runCmd("decode", video)
	want := video + " frame 0: Trần Văn Bình\n" + video + " frame 20: badge:12\n"
	if s != exitOK || out != want {
		t.Errorf("video: status %d, stdout %q, stderr %q; want %q", s, out, errOut, want)
	}
	if out, _, _ := runCmd("decode", "--dedup", "1s", video); strings.Count(out, "Bình") != 2 {
		t.Errorf("with a 1 s window Bình is read twice, got %q", out)
	}
}

func writePNG(t *testing.T, f *os.File, img image.Image) {
	t.Helper()
	defer f.Close()
	if err := pngEncode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestBinaryPrintsNothingElse runs the real binary on bad input: stdout holds
// nothing and stderr only canhcua's own one-line messages (no OpenCV, FFmpeg,
// libpng or MuPDF chatter).
func TestBinaryPrintsNothingElse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "canhcua")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	files := map[string]string{
		"a.png": "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDRgarbage",
		"b.jpg": "\xff\xd8\xff\xe0\x00\x10JFIF\x00 truncated",
		"c.mp4": "\x00\x00\x00\x18ftypmp42 not a movie",
		"d.pdf": "%PDF-1.4\n1 0 obj << /Pages 2 0 R >> endobj trailer << /Root 1 0 R >>",
		"e.gif": "GIF89a broken",
	}
	var args []string
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		args = append(args, p)
	}
	cmd := exec.Command(bin, append([]string{"decode"}, args...)...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitUsage {
		t.Errorf("exit: %v, want status 2", err)
	}
	if o.Len() != 0 {
		t.Errorf("stdout: %q", o.String())
	}
	for _, line := range strings.Split(strings.TrimSpace(e.String()), "\n") {
		if !strings.HasPrefix(line, "canhcua decode: "+dir) {
			t.Errorf("stray stderr line: %q", line)
		}
	}
	if n := strings.Count(e.String(), "\n"); n != len(files) {
		t.Errorf("%d stderr lines for %d bad files:\n%s", n, len(files), e.String())
	}
}

// A code the engine knows only by a region reaches `decode --json` through
// the worker's messages as "approximate": true; a code with its corners has
// no such key.
func TestDecodeJSONApproximate(t *testing.T) {
	var out bytes.Buffer
	d := &decoder{json: true, out: &out}
	for _, approx := range []bool{true, false} {
		c := canhcua.Code{Text: "tile", Bytes: []byte("tile"), Points: [4]canhcua.Point{{X: 0, Y: 0}, {X: 99, Y: 0}, {X: 99, Y: 99}, {X: 0, Y: 99}}, Approximate: approx}
		raw, err := json.Marshal(workerMsg{Code: &c}) // as the child sends it
		if err != nil {
			t.Fatal(err)
		}
		var m workerMsg
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		d.emit(decodeResult{Source: "x.png"}, *m.Code)
		var r map[string]any
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatalf("%v: %q", err, out.String())
		}
		if got, ok := r["approximate"]; approx && got != true || !approx && ok {
			t.Errorf("Approximate %v: printed %q", approx, out.String())
		}
	}
}
