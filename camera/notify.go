package camera

import (
	"context"
	"sync"

	"gocv.io/x/gocv"
)

// OnFirstFrame wraps src so that f is called once, right after the first
// frame has been read (the desk logs its startup time with it).
func OnFirstFrame(src Source, f func()) Source {
	return &firstFrame{Source: src, f: f}
}

type firstFrame struct {
	Source
	once sync.Once
	f    func()
}

func (s *firstFrame) Read(ctx context.Context, dst *gocv.Mat) error {
	err := s.Source.Read(ctx, dst)
	if err == nil {
		s.once.Do(s.f)
	}
	return err
}
