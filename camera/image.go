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
	"path/filepath"
	"strings"

	"gocv.io/x/gocv"
	_ "golang.org/x/image/bmp"  // BMP for the Go fallback
	_ "golang.org/x/image/tiff" // TIFF: its header's size (OpenCV decodes it)
	_ "golang.org/x/image/webp" // WebP for the Go fallback

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
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
// 8-bit gray Mat. The caller closes it. A file over MaxFileBytes, or whose
// header declares more than MaxImagePixels, is refused (ErrTooBig) before it
// is decoded.
func ReadImage(path string) (gocv.Mat, error) {
	data, err := readFile(path)
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
// Its size is read from its header first: an image whose size cannot be read
// is ErrUnreadableImage, one of more than MaxImagePixels is ErrTooBig. OpenCV
// reads the formats it knows; GIF (which OpenCV 4.6 lacks) and anything
// OpenCV refuses go through Go's decoders.
func DecodeImage(data []byte) (gocv.Mat, error) {
	if len(data) == 0 {
		return gocv.NewMat(), fmt.Errorf("%w: empty file", ErrUnreadableImage)
	}
	w, h, err := imageSize(data)
	if err != nil {
		return gocv.NewMat(), fmt.Errorf("%w: %v", ErrUnreadableImage, err)
	}
	if w <= 0 || h <= 0 {
		return gocv.NewMat(), fmt.Errorf("%w: no pixels", ErrUnreadableImage)
	}
	if int64(w)*int64(h) > MaxImagePixels {
		return gocv.NewMat(), tooBig(catalog.CameraImageTooBig, w, h, MaxImagePixels/1_000_000)
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

// imageSize is the width and height an image's header declares: Go's
// decoders read them for PNG, JPEG, GIF, BMP, WebP and TIFF, pnmSize for
// PNM.
func imageSize(data []byte) (w, h int, err error) {
	if w, h, ok := pnmSize(data); ok {
		return w, h, nil
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	return cfg.Width, cfg.Height, err
}

// pnmSize reads the header of a PBM, PGM or PPM image (P1 to P6): the magic
// number, then the width and height, separated by white space and comments.
func pnmSize(data []byte) (w, h int, ok bool) {
	if len(data) < 2 || data[0] != 'P' || data[1] < '1' || data[1] > '6' {
		return 0, 0, false
	}
	var nums [2]int
	i := 2
	for n := range nums {
		for i < len(data) && (isSpace(data[i]) || data[i] == '#') {
			if data[i] == '#' {
				for i < len(data) && data[i] != '\n' {
					i++
				}
				continue
			}
			i++
		}
		start := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' && i-start < 9 {
			nums[n] = nums[n]*10 + int(data[i]-'0')
			i++
		}
		if i == start || (i < len(data) && !isSpace(data[i]) && data[i] != '#') {
			return 0, 0, false
		}
	}
	return nums[0], nums[1], true
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
}

// GrayMat converts a Go image to an 8-bit gray Mat.
func GrayMat(img image.Image) (gocv.Mat, error) {
	b := img.Bounds()
	if b.Empty() {
		return gocv.NewMat(), fmt.Errorf("%w: no pixels", ErrUnreadableImage)
	}
	g, ok := img.(*image.Gray)
	if !ok {
		g, ok = lumaOf(img)
	}
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
