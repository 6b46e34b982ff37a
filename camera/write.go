package camera

import (
	"fmt"
	"image"
	"path/filepath"
	"strings"

	"gocv.io/x/gocv"
)

// WriteVideo writes n frames to a video file (MJPG in .avi, mp4v in .mp4) at
// fps; frame(i) draws frame i. Every frame must have the first frame's size.
// Tests and tools use it to make videos of codes.
func WriteVideo(path string, fps float64, n int, frame func(i int) image.Image) error {
	if n <= 0 {
		return fmt.Errorf("%s: no frames to write", path)
	}
	codec := "MJPG"
	if strings.EqualFold(filepath.Ext(path), ".mp4") {
		codec = "mp4v"
	}
	first := frame(0)
	b := first.Bounds()
	var vw *gocv.VideoWriter
	var err error
	Quiet(func() { vw, err = gocv.VideoWriterFile(path, codec, fps, b.Dx(), b.Dy(), true) })
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer vw.Close()
	if !vw.IsOpened() {
		return fmt.Errorf("%s: cannot write a %s video", path, codec)
	}
	for i := range n {
		img := first
		if i > 0 {
			img = frame(i)
		}
		if img.Bounds().Size() != b.Size() {
			return fmt.Errorf("%s: frame %d is %v, not %v", path, i, img.Bounds().Size(), b.Size())
		}
		m, err := gocv.ImageToMatRGB(img)
		if err != nil {
			return fmt.Errorf("%s: frame %d: %w", path, i, err)
		}
		err = vw.Write(m)
		m.Close()
		if err != nil {
			return fmt.Errorf("%s: frame %d: %w", path, i, err)
		}
	}
	return nil
}
