package camera

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"gocv.io/x/gocv"
)

// The JPEG paths of canhcua. This package links go-fitz (MuPDF, with its
// own libjpeg) as cmd/canhcua does, so its test binary has the same clash:
// OpenCV's JPEG codec (imdecode, imencode, imread of a .jpg) calls MuPDF's
// libjpeg and fails or crashes. Each path must work without it: Go's
// image/jpeg for stills and snapshots, FFmpeg's own decoder for MJPG.

// jpegOf is a Go-encoded JPEG of m.
func jpegOf(t *testing.T, m gocv.Mat) []byte {
	t.Helper()
	img, err := m.ToImage()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decodeText is the text of the one code ZXing reads in m.
func decodeText(t *testing.T, m gocv.Mat) string {
	t.Helper()
	codes, err := ZXing{}.Decode(m)
	if err != nil || len(codes) != 1 {
		t.Fatalf("%d codes, %v", len(codes), err)
	}
	return codes[0].Text
}

// TestJPEGImage: a .jpg photo is read by ReadImage, alone and in a folder
// source.
func TestJPEGImage(t *testing.T) {
	const text = "Nguyễn Thị Ánh Tuyết"
	f := frameWith(t, text)
	defer f.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "photo.jpg")
	if err := os.WriteFile(path, jpegOf(t, f), 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := ReadImage(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.Cols() != f.Cols() || m.Rows() != f.Rows() || m.Type() != gocv.MatTypeCV8UC1 {
		t.Fatalf("read %dx%d type %v", m.Cols(), m.Rows(), m.Type())
	}
	if got := decodeText(t, m); got != text {
		t.Errorf("read %q", got)
	}
	if got := sourceTexts(t, dir); !slices.Equal(got, []string{text}) {
		t.Errorf("folder source: reads %q", got)
	}
}

// TestJPEGSnapshot: a colour frame's snapshot, encoded as the analyser does
// and saved as the desk does, reads back as the same picture.
func TestJPEGSnapshot(t *testing.T) {
	const text = "ảnh chụp"
	gray := frameWith(t, text)
	defer gray.Close()
	bgr := gocv.NewMat()
	defer bgr.Close()
	gocv.CvtColor(gray, &bgr, gocv.ColorGrayToBGR)
	data := encodeJPEG(bgr)
	if len(data) == 0 {
		t.Fatal("no JPEG")
	}
	path := SnapshotPath(t.TempDir(), time.Date(2026, 11, 27, 8, 30, 15, 0, time.Local))
	if err := SaveSnapshot(path, data); err != nil {
		t.Fatal(err)
	}
	m, err := ReadImage(path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.Cols() != bgr.Cols() || m.Rows() != bgr.Rows() {
		t.Fatalf("snapshot %dx%d, frame %dx%d", m.Cols(), m.Rows(), bgr.Cols(), bgr.Rows())
	}
	if got := decodeText(t, m); got != text {
		t.Errorf("read %q", got)
	}
}

// TestJPEGVideo: an MJPG video written by WriteVideo, and a numbered
// sequence of .jpg frames, are read through OpenCV's FFmpeg backend (its own
// JPEG decoder, not libjpeg).
func TestJPEGVideo(t *testing.T) {
	texts := []string{"một", "hai", "ba"}
	frames := make([]image.Image, len(texts))
	dir := t.TempDir()
	for i, text := range texts {
		m := frameWith(t, text)
		img, err := m.ToImage()
		if err != nil {
			t.Fatal(err)
		}
		frames[i] = img
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.jpg", i)), jpegOf(t, m), 0o600); err != nil {
			t.Fatal(err)
		}
		m.Close()
	}
	avi := filepath.Join(t.TempDir(), "door.avi")
	const perText = 4
	if err := WriteVideo(avi, 10, len(texts)*perText, func(i int) image.Image { return frames[i/perText] }); err != nil {
		t.Fatal(err)
	}
	vc, err := gocv.VideoCaptureFileWithAPI(avi, gocv.VideoCaptureFFmpeg)
	if err != nil {
		t.Fatal(err)
	}
	fourcc := vc.CodecString()
	vc.Close()
	if fourcc != "MJPG" {
		t.Fatalf("the video's codec is %q, not MJPG", fourcc)
	}
	for _, name := range []string{avi, filepath.Join(dir, "%04d.jpg")} {
		if got := sourceTexts(t, name); !slices.Equal(got, texts) {
			t.Errorf("%s: reads %q, want %q", name, got, texts)
		}
	}
}

// sourceTexts opens the source name and returns the texts of the codes the
// loop reads in it, in order.
func sourceTexts(t *testing.T, name string) []string {
	t.Helper()
	src, err := Open(context.Background(), name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer src.Close()
	reads, err := collect(t, &Loop{Source: src, Decoder: ZXing{}})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var got []string
	for _, r := range reads {
		got = append(got, r.Text)
	}
	return got
}
