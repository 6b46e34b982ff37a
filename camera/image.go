package camera

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/gif" // GIF, which OpenCV 4.6 cannot read
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"

	"gocv.io/x/gocv"
	_ "golang.org/x/image/bmp"  // BMP for the Go fallback
	_ "golang.org/x/image/webp" // WebP for the Go fallback

	"github.com/canhcua/canhcua"
)

// ErrUnreadableImage is wrapped by errors for files that are not images
// canhcua can read.
var ErrUnreadableImage = errors.New("unreadable image")

// imageExts are the file extensions treated as still images.
var imageExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".webp": true, ".gif": true,
	".bmp": true, ".tif": true, ".tiff": true, ".pgm": true, ".ppm": true, ".pbm": true,
}

// IsImagePath reports whether the path names a still image, by its extension.
func IsImagePath(path string) bool {
	return imageExts[strings.ToLower(filepath.Ext(path))]
}

// ReadImage reads an image file (PNG, JPEG, WebP, GIF, BMP, TIFF, PNM) as an
// 8-bit gray Mat. The caller closes it.
func ReadImage(path string) (gocv.Mat, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return gocv.NewMat(), err
	}
	m, err := DecodeImage(data)
	if err != nil {
		return m, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// DecodeImage decodes an encoded image held in memory as an 8-bit gray Mat.
// OpenCV reads the formats it knows; GIF, JPEG and anything OpenCV refuses
// go through Go's decoders.
func DecodeImage(data []byte) (gocv.Mat, error) {
	if len(data) == 0 {
		return gocv.NewMat(), fmt.Errorf("%w: empty file", ErrUnreadableImage)
	}
	// GIF (which OpenCV 4.6 lacks) and JPEG (OpenCV's codec is unusable
	// in canhcua's binary: see encodeJPEG) go to Go's decoders directly.
	if !bytes.HasPrefix(data, []byte("GIF8")) && !bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}) {
		var m gocv.Mat
		var err error
		// OpenCV's image libraries (libpng, libtiff…) print their complaints
		// about damaged files to stderr.
		Quiet(func() { m, err = gocv.IMDecode(data, gocv.IMReadGrayScale) })
		if err == nil && !m.Empty() {
			return m, nil
		}
		m.Close()
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return gocv.NewMat(), fmt.Errorf("%w: %v", ErrUnreadableImage, err)
	}
	return GrayMat(img)
}

// GrayMat converts a Go image to an 8-bit gray Mat.
func GrayMat(img image.Image) (gocv.Mat, error) {
	b := img.Bounds()
	if b.Empty() {
		return gocv.NewMat(), fmt.Errorf("%w: no pixels", ErrUnreadableImage)
	}
	g, ok := img.(*image.Gray)
	if !ok || g.Stride != b.Dx() {
		g = image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(g, g.Bounds(), img, b.Min, draw.Src)
	}
	return gocv.NewMatFromBytes(b.Dy(), b.Dx(), gocv.MatTypeCV8UC1, g.Pix)
}

// ImageDecoder reads the codes of Go images (a rendered PDF page) with a
// Decoder, through an 8-bit gray Mat.
type ImageDecoder struct {
	Decoder Decoder
}

// ReadCodes decodes img.
func (d ImageDecoder) ReadCodes(img image.Image) ([]canhcua.Code, error) {
	m, err := GrayMat(img)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	return d.Decoder.Decode(m)
}
