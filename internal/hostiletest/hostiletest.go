// Package hostiletest writes, for tests and measurements, the hostile files
// canhcua must refuse or survive without running out of memory or time: a
// small PNG whose header declares a huge picture, PDFs with giant pages or
// thousands of pages, a sparse file of a gigabyte named like an image, and a
// picture that keeps the decoder busy for minutes.
package hostiletest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"strconv"

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"
)

// PNGHeader writes a PNG whose header declares w x h gray pixels followed by
// a few bytes of picture data only: a damaged file, or a lie.
func PNGHeader(path string, w, h int) error {
	return writePNG(path, w, h, []byte{0x78, 0x9c, 0x63, 0x00, 0x00})
}

func writePNG(path string, w, h int, idat []byte) error {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // bit depth; colour type 0 (gray), compression, filter and interlace 0
	chunk(&b, "IHDR", ihdr)
	chunk(&b, "IDAT", idat)
	chunk(&b, "IEND", nil)
	return os.WriteFile(path, b.Bytes(), 0o600)
}

func chunk(w io.Writer, kind string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	io.WriteString(crc, kind)
	crc.Write(data)
	io.WriteString(w, kind)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// PDF writes a PDF of pages square pages of side points (72 points to the
// inch: A4 is 595x842), each with a line of text and, when code is not
// empty, a QR code of it a fifth of the side wide in the middle.
func PDF(path string, pages int, side float64, code string) error {
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: side, Ht: side}})
	doc.SetFont("Helvetica", "", 12)
	if code != "" {
		png, err := qrcode.Encode(code, qrcode.Medium, 256)
		if err != nil {
			return err
		}
		doc.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	}
	for i := range pages {
		doc.AddPage()
		doc.Text(36, 36, "trang "+strconv.Itoa(i+1))
		if code != "" {
			doc.ImageOptions("qr", side*2/5, side*2/5, side/5, side/5, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		}
	}
	if err := doc.OutputFileAndClose(path); err != nil {
		return err
	}
	return doc.Error()
}

// Noise writes a w x h gray PNG of random black and white 4x4-pixel blocks:
// it looks like codes everywhere, and keeps the still engine busy for a
// minute and more (a slow file, not a hostile one).
func Noise(path string, w, h int) error {
	img := image.NewGray(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < h; y += 4 {
		for x := 0; x < w; x += 4 {
			if r.IntN(2) == 0 {
				continue
			}
			for yy := y; yy < min(y+4, h); yy++ {
				for xx := x; xx < min(x+4, w); xx++ {
					img.Pix[yy*img.Stride+xx] = 255
				}
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o600)
}

// Sparse makes a file of size bytes that takes no room on disk (it reads as
// zeros): a gigabyte named .png, say.
func Sparse(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Truncate(size), f.Close())
}
