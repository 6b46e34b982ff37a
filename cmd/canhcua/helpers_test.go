package main

import (
	"image"
	"image/png"
	"io"
	"os"
	"testing"
)

// TestMain lets the test binary be the child that reads a file (worker.go):
// the commands run by the tests start /proc/self/exe, which is this binary.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == workerCommand {
		os.Exit(worker(workOrCrash))
	}
	os.Exit(m.Run())
}

func pngEncode(w io.Writer, img image.Image) error { return png.Encode(w, img) }
