package camera

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/go-pdf/fpdf"
	"gocv.io/x/gocv"
	"golang.org/x/image/bmp"

	"github.com/canhcua/canhcua"
)

// TestSeveralCodesRotatedAndWarped puts four codes in one 1280x720 frame —
// straight, rotated, perspective-warped, small — and reads them all, each at
// the place it was put.
func TestSeveralCodesRotatedAndWarped(t *testing.T) {
	frame := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(200, 0, 0, 0), 720, 1280, gocv.MatTypeCV8UC1)
	defer frame.Close()
	type placed struct {
		text string
		quad [4]gocv.Point2f
	}
	codes := []placed{
		{"Nguyễn Thị Thu Hà — phòng họp số 2", rotatedSquare(200, 200, 220, 0)},
		{"079185004321||Trần Thị Bích Ngọc|02111985|Nữ|45 Lê Lợi, Quận 1|22072021", rotatedSquare(620, 250, 300, 33)},
		// A card held at an angle: one side nearer the camera.
		{"https://example.vn/the-khach/0815", [4]gocv.Point2f{{X: 930, Y: 380}, {X: 1200, Y: 420}, {X: 1190, Y: 640}, {X: 940, Y: 700}}},
		{"ĐƯỜNG ĐI: cửa số 3", rotatedSquare(200, 560, 160, -20)},
	}
	for _, c := range codes {
		m := qrMat(t, c.text, 6)
		place(&frame, m, c.quad)
		m.Close()
	}
	got, err := ZXing{}.Decode(frame)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		i := slices.IndexFunc(got, func(g canhcua.Code) bool { return g.Text == c.text })
		if i < 0 {
			t.Errorf("not read: %q", c.text)
			continue
		}
		gx, gy := got[i].Center()
		var wx, wy float64
		for _, p := range c.quad {
			wx += float64(p.X) / 4
			wy += float64(p.Y) / 4
		}
		if math.Hypot(gx-wx, gy-wy) > 20 {
			t.Errorf("%q read at (%.0f,%.0f), placed at (%.0f,%.0f)", c.text, gx, gy, wx, wy)
		}
	}
	if len(got) != len(codes) {
		t.Errorf("read %d codes, want %d", len(got), len(codes))
	}
}

// TestVideoFileRoundTrip writes an MJPG video of codes (one repeated after a
// long absence) and reads it back through Open and the loop.
func TestVideoFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "door.avi")
	const fps = 10
	vw, err := gocv.VideoWriterFile(path, "MJPG", fps, 640, 480, true)
	if err != nil || !vw.IsOpened() {
		t.Fatalf("cannot write a video here: %v", err)
	}
	plan := []struct {
		text   string
		frames int
	}{
		{"Phạm Thị Lan", 8}, {"", 5}, {"badge:7|Đội bảo vệ", 8}, {"", 70}, {"Phạm Thị Lan", 6},
	}
	for _, p := range plan {
		f := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(240, 240, 240, 0), 480, 640, gocv.MatTypeCV8UC3)
		if p.text != "" {
			code := qrMat(t, p.text, 6)
			bgr := gocv.NewMat()
			gocv.CvtColor(code, &bgr, gocv.ColorGrayToBGR)
			roi := f.Region(image.Rect(150, 60, 150+bgr.Cols(), 60+bgr.Rows()))
			bgr.CopyTo(&roi)
			roi.Close()
			bgr.Close()
			code.Close()
		}
		for range p.frames {
			if err := vw.Write(f); err != nil {
				t.Fatal(err)
			}
		}
		f.Close()
	}
	vw.Close()

	src, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if i := src.Info(); i.Kind != "file" || i.Live || i.Width != 640 || i.FPS != fps {
		t.Errorf("info = %+v", i)
	}
	reads, err := collect(t, &Loop{Source: src, Decoder: ZXing{}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range reads {
		got = append(got, fmt.Sprintf("%d:%s", r.Frame, r.Text))
	}
	want := []string{"0:Phạm Thị Lan", "13:badge:7|Đội bảo vệ", "91:Phạm Thị Lan"}
	if !slices.Equal(got, want) {
		t.Errorf("reads = %q, want %q", got, want)
	}
}

// TestImageSequenceAndFolder reads the same frames as a %04d sequence through
// OpenCV and as a folder of images.
func TestImageSequenceAndFolder(t *testing.T) {
	dir := t.TempDir()
	texts := []string{"một", "hai", "ba"}
	for i, text := range texts {
		m := frameWith(t, text)
		gocv.IMWrite(filepath.Join(dir, fmt.Sprintf("%04d.png", i)), m)
		m.Close()
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not an image"), 0o644)
	for _, name := range []string{filepath.Join(dir, "%04d.png"), dir} {
		if got := sourceTexts(t, name); !slices.Equal(got, texts) {
			t.Errorf("%s: reads %q, want %q", name, got, texts)
		}
	}
}

// TestReadImageFormats writes one code in every still format and reads it.
func TestReadImageFormats(t *testing.T) {
	const text = "Họ và tên: Đặng Thùy Trâm"
	m := qrMat(t, text, 4)
	defer m.Close()
	img, err := m.ToImage()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	enc := map[string]func(io.Writer, image.Image) error{
		"png":  png.Encode,
		"jpg":  func(w io.Writer, i image.Image) error { return jpeg.Encode(w, i, &jpeg.Options{Quality: 85}) },
		"gif":  func(w io.Writer, i image.Image) error { return gif.Encode(w, i, nil) },
		"bmp":  bmp.Encode,
		"webp": nil, // written by OpenCV: Go has no WebP encoder
		"tif":  nil, // nor TIFF or PGM: their sizes are read from the header
		"pgm":  nil,
	}
	for ext, e := range enc {
		p := filepath.Join(dir, "code."+ext)
		if e == nil {
			if !gocv.IMWrite(p, m) {
				t.Fatalf("OpenCV cannot write %s", ext)
			}
		} else {
			var b bytes.Buffer
			if err := e(&b, img); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(p, b.Bytes(), 0o644)
		}
		g, err := ReadImage(p)
		if err != nil {
			t.Errorf("%s: %v", ext, err)
			continue
		}
		codes, err := ZXing{}.Decode(g)
		g.Close()
		if err != nil || len(codes) != 1 || codes[0].Text != text {
			t.Errorf("%s: read %v, %v; want %q", ext, codes, err, text)
		}
	}
}

// writePDF writes a two-page A4 PDF with a 3 cm code on page 2.
func writePDF(t *testing.T, path, text string) {
	t.Helper()
	m := qrMat(t, text, 8)
	img, _ := m.ToImage()
	m.Close()
	var b bytes.Buffer
	png.Encode(&b, img)
	doc := fpdf.New("P", "mm", "A4", "")
	doc.AddPage()
	doc.SetFont("Helvetica", "", 14)
	doc.Cell(40, 10, "Danh sach - trang 1")
	doc.AddPage()
	doc.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, &b)
	doc.ImageOptions("qr", 120, 200, 30, 30, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	if err := doc.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

func TestPDFPages(t *testing.T) {
	const text = "badge:0815|Vũ Thị Mai|Văn phòng UBND xã"
	path := filepath.Join(t.TempDir(), "badges.pdf")
	writePDF(t, path, text)
	doc, err := OpenPDF(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	if doc.Pages() != 2 {
		t.Fatalf("pages = %d, want 2", doc.Pages())
	}
	for i, want := range []int{0, 1} {
		m, err := doc.Page(i, PDFDPI)
		if err != nil {
			t.Fatal(err)
		}
		codes, err := ZXing{}.Decode(m)
		m.Close()
		if err != nil || len(codes) != want {
			t.Fatalf("page %d: %d codes (%v), want %d", i+1, len(codes), err, want)
		}
		if want == 1 {
			if codes[0].Text != text {
				t.Errorf("page 2: %q, want %q", codes[0].Text, text)
			}
			// 120 mm from the left at 300 dpi is 1417 px; the code is 354 px wide.
			if x, y := codes[0].Center(); math.Abs(x-(120+15)/25.4*300) > 30 || math.Abs(y-(200+15)/25.4*300) > 30 {
				t.Errorf("code centre at (%.0f,%.0f) in page pixels", x, y)
			}
		}
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "photo.png")
	os.WriteFile(garbage, []byte("\x89PNG\r\n\x1a\nthis is not the rest of a PNG"), 0o644)
	text := filepath.Join(dir, "notes.mp4")
	os.WriteFile(text, []byte("not a video at all"), 0o644)
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	brokenPDF := filepath.Join(dir, "list.pdf")
	os.WriteFile(brokenPDF, []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage"), 0o644)
	truncated := filepath.Join(dir, "half.pdf")
	writePDF(t, truncated, "x")
	b, _ := os.ReadFile(truncated)
	os.WriteFile(truncated, b[:len(b)/3], 0o644)

	if _, err := ReadImage(filepath.Join(dir, "missing.png")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing image: %v", err)
	}
	if _, err := ReadImage(garbage); !errors.Is(err, ErrUnreadableImage) {
		t.Errorf("corrupt image: %v", err)
	}
	if _, err := Open(context.Background(), filepath.Join(dir, "missing.mp4")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing video: %v", err)
	}
	if src, err := Open(context.Background(), text); err == nil {
		m := gocv.NewMat()
		err = src.Read(context.Background(), &m)
		m.Close()
		src.Close()
		if err == nil || errors.Is(err, io.EOF) {
			t.Errorf("a text file read as a video gave %v, want an error", err)
		}
	}
	if _, err := Open(context.Background(), empty); err == nil {
		t.Error("a folder without images opened")
	}
	if _, err := Open(context.Background(), "demo:abc"); err == nil {
		t.Error("demo:abc opened")
	}
	for _, p := range []string{brokenPDF, truncated} {
		doc, err := OpenPDF(p, 0)
		if err == nil {
			// MuPDF repairs what it can; a page that cannot render is an error.
			for i := range doc.Pages() {
				if m, err := doc.Page(i, PDFDPI); err == nil {
					m.Close()
				}
			}
			doc.Close()
			continue
		}
		if !errors.Is(err, ErrBrokenPDF) {
			t.Errorf("%s: %v, want ErrBrokenPDF", p, err)
		}
	}
}

// TestDeviceMissing: there is no camera on the test machines; opening one
// is an error, not a crash or a hang.
func TestDeviceMissing(t *testing.T) {
	src, err := Open(context.Background(), "7")
	if err == nil {
		src.Close()
		t.Skip("this machine has a camera 7")
	}
}

// TestStreamURL serves a video over HTTP on loopback and reads it as a
// stream source (what an IP camera's http:// or rtsp:// URL gives).
func TestStreamURL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cam.avi")
	err := WriteVideo(path, 10, 20, func(i int) image.Image {
		m := frameWith(t, "Camera IP cổng sau")
		defer m.Close()
		img, _ := m.ToImage()
		return img
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	src, err := Open(context.Background(), srv.URL+"/cam.avi")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if i := src.Info(); i.Kind != "stream" || !i.Live {
		t.Errorf("info = %+v, want a live stream", i)
	}
	reads, err := collect(t, &Loop{Source: src, Decoder: ZXing{}})
	// A stream that ends is an error for a live source (the camera went away).
	if err == nil {
		t.Error("the end of a live stream was not reported")
	}
	if len(reads) != 1 || reads[0].Text != "Camera IP cổng sau" {
		t.Errorf("reads = %v", reads)
	}
}
