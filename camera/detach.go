package camera

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"gocv.io/x/gocv"
)

// StreamTimeout bounds each network operation of a stream (connecting,
// waiting for an answer, waiting for the next bytes): a stream that accepts
// the connection and sends nothing, or stalls mid-run, fails after this long
// instead of after OpenCV's 30 s.
const StreamTimeout = 3 * time.Second

// ffmpegOptionsEnv is the variable through which OpenCV's FFmpeg backend takes
// FFmpeg's options for every capture it opens (gocv v0.31.0 cannot pass
// OpenCV's open parameters, CAP_PROP_OPEN_TIMEOUT_MSEC and
// CAP_PROP_READ_TIMEOUT_MSEC).
const ffmpegOptionsEnv = "OPENCV_FFMPEG_CAPTURE_OPTIONS"

var streamTimeoutsOnce sync.Once

// setStreamTimeouts gives FFmpeg its time limits (microseconds) once per
// process, unless the user set ffmpegOptionsEnv themselves. With the variable
// set OpenCV no longer adds its default rtsp_transport=tcp: it is named here.
// os.Setenv reaches C's getenv, which OpenCV calls at each open.
func setStreamTimeouts() {
	streamTimeoutsOnce.Do(func() {
		if _, ok := os.LookupEnv(ffmpegOptionsEnv); ok {
			return
		}
		us := StreamTimeout.Microseconds()
		os.Setenv(ffmpegOptionsEnv, fmt.Sprintf("rtsp_transport;tcp|rw_timeout;%d|timeout;%d", us, us))
	})
}

// ffmpegOptions is what OpenCV's FFmpeg backend is given (for tests).
func ffmpegOptions() string {
	setStreamTimeouts()
	return os.Getenv(ffmpegOptionsEnv)
}

// OpenDetached opens a live source (as OpenLive) without ever making its
// caller wait on OpenCV: the open runs in a goroutine of its own and
// OpenDetached returns ctx's error as soon as ctx is done, the late source
// being closed when its open returns. The source returned is Detach'ed.
func OpenDetached(ctx context.Context, name string) (Source, error) {
	return openDetached(ctx, name, OpenLive)
}

func openDetached(ctx context.Context, name string, open func(context.Context, string) (Source, error)) (Source, error) {
	type result struct {
		src Source
		err error
	}
	res := make(chan result, 1)
	go func() {
		src, err := open(context.WithoutCancel(ctx), name)
		res <- result{src, err}
	}()
	select {
	case r := <-res:
		if r.err != nil {
			return nil, r.err
		}
		return Detach(r.src), nil
	case <-ctx.Done():
		go func() {
			if r := <-res; r.src != nil {
				r.src.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// Detach wraps a source so that Read returns as soon as its ctx is done and
// Close returns at once, even while a read is stuck inside OpenCV (a camera
// driver or a stream that stopped answering): the read goes on in a goroutine
// of its own, and the source is closed once it returns. Frames reach dst by
// swapping Mats, not copying them.
func Detach(src Source) Source {
	ctx, stop := context.WithCancel(context.Background())
	return &detached{src: src, info: src.Info(), buf: gocv.NewMat(), ctx: ctx, stop: stop}
}

type detached struct {
	src  Source
	info Info
	buf  gocv.Mat // the in-flight read's frame, owned by that read until it returns
	ctx  context.Context
	stop context.CancelFunc
	res  chan error // the in-flight read's result; nil when none
}

func (s *detached) Read(ctx context.Context, dst *gocv.Mat) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.res == nil {
		res := make(chan error, 1)
		s.res = res
		go func() { res <- s.src.Read(s.ctx, &s.buf) }()
	}
	select {
	case err := <-s.res:
		s.res = nil
		if err == nil {
			*dst, s.buf = s.buf, *dst
		}
		return err
	case <-ctx.Done():
		return ctx.Err() // the read goes on; the next Read or Close takes it over
	}
}

func (s *detached) Info() Info { return s.info }

// Close closes the source, at once when no read is in flight, else once that
// read returns (closing a capture under a read would crash OpenCV).
func (s *detached) Close() error {
	s.stop()
	closeAll := func() error {
		err := s.src.Close()
		s.buf.Close()
		return err
	}
	if s.res == nil {
		return closeAll()
	}
	res := s.res
	s.res = nil
	go func() {
		<-res
		closeAll()
	}()
	return nil
}
