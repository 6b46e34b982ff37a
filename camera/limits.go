package camera

import (
	"errors"
	"io"
	"os"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// The caps on what canhcua reads from one file. A broken or hostile file — a
// 1 MB PNG whose header declares 30000x30000 pixels, a PDF page of 20000
// points, a gigabyte named .png, a PDF of 2,000 pages — is refused, or its
// pages read at a lower resolution, before it can take gigabytes of memory or
// an hour: reading any one file stays under 1 GB.
//
// The decoding engine works on 8-bit gray OpenCV Mats (one byte a pixel) and
// keeps several of them alive at once (the picture, its CLAHE, glare,
// sharpened and thresholded versions, a scale pyramid). A 300-dpi A4 page is
// 2480x3508 = 8.7 megapixels; a phone photo 12 to 50.
const (
	// MaxImagePixels caps a still image's pixels, as its header declares
	// them: 48 megapixels (an 8000x6000 photo, a 300-dpi A2 scan). The peak
	// resident memory of reading such a picture (a worst case: 4-pixel
	// blocks of noise, codes everywhere) was measured at 330 MB as PNG and
	// 420 MB as JPEG (which Go's decoder reads, in colour first).
	MaxImagePixels = 48_000_000

	// MaxPagePixels caps a rendered PDF page's pixels: twice a 300-dpi A4
	// page (an A3 page at 300 dpi). MuPDF renders RGBA and go-fitz copies
	// the pixels twice, 12 bytes a pixel for a moment, then the engine
	// works on the gray page. A page larger than that is rendered at a
	// lower resolution (PDF.DPI), so that it fits: a page of 5000 or
	// 20000 points was read in 300 MB (measured).
	MaxPagePixels = 2 * 2480 * 3508

	// MaxFileBytes caps the files read whole into memory (images, PDFs):
	// 128 MB. A 300-dpi A4 scan is about 1 MB as JPEG and 26 MB as an
	// uncompressed RGB TIFF; a hundred scanned pages about 100 MB.
	MaxFileBytes = 128 << 20

	// MaxPages is the default cap on a PDF's pages (canhcua decode and
	// roster import, --max-pages): 100. Each page takes the still engine
	// about 1.5 s (measured on A4 pages), so a PDF is read in under three
	// minutes; a larger one is refused unless --max-pages says otherwise.
	MaxPages = 100
)

// ErrTooBig is wrapped by the errors for files and pages over the caps.
var ErrTooBig = errors.New("over canhcua's limits")

// limitError refuses a file or page over a cap: its message is the catalog's
// (English), it is ErrTooBig and a canhcua.Error (EINVALID).
type limitError struct{ err *canhcua.Error }

func tooBig(key catalog.Key, args ...any) error {
	return &limitError{err: canhcua.Errorf(canhcua.EINVALID, key, args...)}
}

func (e *limitError) Error() string   { return e.err.Message }
func (e *limitError) Unwrap() []error { return []error{e.err, ErrTooBig} }

// readFile reads the file at path whole: one over MaxFileBytes is refused
// without being read, and nothing beyond that is read from one that grows or
// never ends (a pipe, a device).
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	refuse := func(size int64) error {
		return tooBig(catalog.CameraFileTooBig, path, size>>20, MaxFileBytes>>20)
	}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxFileBytes {
		return nil, refuse(st.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, refuse(int64(len(data)))
	}
	return data, nil
}
