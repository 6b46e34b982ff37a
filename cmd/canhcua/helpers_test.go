package main

import (
	"image"
	"image/png"
	"io"
	"os"
	"testing"

	"github.com/canhcua/canhcua/internal/pgtest"
)

// TestMain lets the test binary be the child that reads a file (worker.go):
// the commands run by the tests start /proc/self/exe, which is this binary.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == workerCommand {
		os.Exit(worker(workOrCrash))
	}
	os.Exit(pgtest.Main(m)) // stops the PostgreSQL the district tests share after them
}

func pngEncode(w io.Writer, img image.Image) error { return png.Encode(w, img) }
