package desk

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/canhcua/canhcua/camera"
)

// TestDeskCameraReopensAStream: an IP camera's stream drops (the server
// refuses for a while, as a rebooting camera does); the desk reports the
// trouble, reopens the stream by itself and reads codes again, without a
// restart.
func TestDeskCameraReopensAStream(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a stream for several seconds")
	}
	dir := t.TempDir()
	q, err := qrcode.New("Camera cổng sau", qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	code := q.Image(240)
	err = camera.WriteVideo(filepath.Join(dir, "cam.avi"), 10, 20, func(i int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, 480, 360))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{230, 230, 230, 255}), image.Point{}, draw.Src)
		draw.Draw(img, image.Rect(120, 60, 360, 300), code, image.Point{}, draw.Src)
		return img
	})
	if err != nil {
		t.Fatal(err)
	}
	var served, refused atomic.Int32
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// After the first play the camera is "rebooting" for two requests.
		if served.Load() == 1 && refused.Load() < 2 {
			refused.Add(1)
			http.Error(w, "rebooting", http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("Range") == "" || r.Header.Get("Range") == "bytes=0-" {
			served.Add(1)
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d := NewCamera(srv.URL+"/cam.avi", time.Second, filepath.Join(dir, "snapshots"))
	go d.Run(ctx)
	reads := 0
	sawTrouble := false
	deadline := time.After(25 * time.Second)
	for reads < 2 {
		select {
		case _, ok := <-d.codes:
			if !ok {
				t.Fatalf("the camera gave up after %d reads", reads)
			}
			reads++
		case <-time.After(200 * time.Millisecond):
			if d.Trouble().msg != "" {
				sawTrouble = true
			}
		case <-deadline:
			t.Fatalf("%d reads in 25 s; the stream was not reopened (served %d, refused %d)", reads, served.Load(), refused.Load())
		}
	}
	cancel()
	d.Wait()
	if !sawTrouble {
		t.Error("the dropped stream was never reported as camera trouble")
	}
	if refused.Load() == 0 {
		t.Error("the stream was never refused: the test proved nothing")
	}
}
