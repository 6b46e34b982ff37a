// Package pdf holds what canhcua knows of PDF files without reading them:
// how to recognise one, and the resolution its pages are rendered at to read
// their codes. It is pure Go, for the packages that must not use cgo (store)
// as well as for camera, which renders the pages with MuPDF.
package pdf

import "bytes"

// DPI is the resolution PDF pages are rendered at for decoding: at 300 dpi a
// 1 cm code of version 3 (29 modules) still has 4 pixels per module.
const DPI = 300

// Sniff reports whether data (a file's first bytes: 1024 are enough) starts
// like a PDF file.
func Sniff(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-"))
}
