package camera

import (
	"context"
	"io"
	"sync"

	"gocv.io/x/gocv"
)

// Fake is a Source for tests: it delivers copies of the frames it was given,
// in order, then ends with End (io.EOF when nil). With Live it says it is a
// live source (so the loop drops frames rather than wait for the decoder).
// Reads counts the frames delivered.
type Fake struct {
	Frames []gocv.Mat
	End    error
	Live   bool
	FPS    float64
	// Gate, when set, is received from before each frame: a test controls
	// when frames arrive.
	Gate <-chan struct{}

	mu    sync.Mutex
	next  int
	reads int
}

// Read implements Source.
func (f *Fake) Read(ctx context.Context, dst *gocv.Mat) error {
	if f.Gate != nil {
		select {
		case <-f.Gate:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.next >= len(f.Frames) {
		if f.End != nil {
			return f.End
		}
		return io.EOF
	}
	f.Frames[f.next].CopyTo(dst)
	f.next++
	f.reads++
	return nil
}

// Reads is the number of frames delivered so far.
func (f *Fake) Reads() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reads
}

// Info implements Source.
func (f *Fake) Info() Info {
	i := Info{Name: "fake", Kind: "fake", FPS: f.FPS, Live: f.Live}
	if len(f.Frames) > 0 {
		i.Width, i.Height = f.Frames[0].Cols(), f.Frames[0].Rows()
	}
	return i
}

// Close implements Source; the frames belong to the caller.
func (f *Fake) Close() error { return nil }
