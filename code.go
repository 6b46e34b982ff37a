package canhcua

import (
	"time"
)

// Point is a pixel position in the image a code was read from.
type Point struct {
	X, Y int
}

// Code is one QR code read from an image: its text (UTF-8 as the decoder
// interpreted it), the raw bytes of its payload, and its four corners in the
// pixel coordinates of the image (top-left, top-right, bottom-right,
// bottom-left in the code's own orientation).
//
// When Approximate is set the decoder knows only a region the code lies in
// (a tile of the image it searched, or the whole image), not its corners:
// Points is then that region's rectangle, and the code's centre is only
// somewhere inside it.
type Code struct {
	Text   string
	Bytes  []byte
	Points [4]Point
	// Approximate says Points outline a region searched, not the code.
	Approximate bool `json:",omitempty"`
}

// Center is the mean of the code's corner points.
func (c Code) Center() (x, y float64) {
	for _, p := range c.Points {
		x += float64(p.X)
		y += float64(p.Y)
	}
	return x / 4, y / 4
}

// Key identifies a code's payload for de-duplication: two reads with the same
// key are the same code.
func (c Code) Key() string {
	if len(c.Bytes) > 0 {
		return string(c.Bytes)
	}
	return c.Text
}

// Read is a code as the frame loop reports it: the code, the frame it came
// from, and when that frame was captured.
type Read struct {
	Code
	// Frame is the sequence number of the frame within its source (0-based).
	Frame int64
	// At is the frame's time: the wall clock when it was captured from a live
	// source, or its position in a file (from the Unix epoch) for files.
	At time.Time
	// Latency is the time from capture of the frame to the end of its decoding.
	Latency time.Duration
}
