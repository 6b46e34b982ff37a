package camera

import (
	"context"
	"errors"
	"io"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// Loop runs a source through a decoder: one goroutine captures frames, one
// decodes them. When decoding is slower than the source the newest frame wins
// and older ones are dropped, never queued, so memory stays flat and what is
// decoded is always recent. Every Mat the loop makes is closed by the loop.
type Loop struct {
	Source  Source
	Decoder Decoder
	// Dedup is how long a code must be out of view to be read again
	// (canhcua.DefaultDedupWindow when zero).
	Dedup time.Duration
	// Now is the clock for live sources (time.Now when nil).
	Now func() time.Time

	frames, decoded, dropped, left, codes atomic.Int64
	lastFrame                             atomic.Int64 // unix nanos of the newest captured frame
	mu                                    sync.Mutex
	lat                                   []time.Duration // recent capture→decoded latencies (ring)
	latN                                  int
}

// Stats is a snapshot of a running loop.
type Stats struct {
	Captured  int64     // frames read from the source
	Decoded   int64     // frames that went through the decoder
	Dropped   int64     // frames replaced by a newer one before decoding
	Left      int64     // frames still waiting when the loop was stopped (at most 2)
	Reads     int64     // de-duplicated reads reported
	LastFrame time.Time // when the newest frame was captured
	// Latency percentiles over the recent decoded frames (capture → decoded).
	LatencyP50, LatencyP95 time.Duration
}

type frame struct {
	mat gocv.Mat
	seq int64
	at  time.Time // capture time (live) or position in the source
	got time.Time // wall clock when captured
}

// A Flusher is a Decoder that works on in the background (a live Engine):
// Flush waits for that work and returns the codes it read that Decode did
// not return yet. The loop calls it when a finite source ends.
type Flusher interface {
	Flush() []canhcua.Code
}

// flush is what a wrapping decoder's Flush returns: the inner decoder's last
// reads when it is a Flusher, nil for any other.
func flush(inner Decoder) []canhcua.Code {
	if f, ok := inner.(Flusher); ok {
		return f.Flush()
	}
	return nil
}

// latest is a one-slot mailbox in which a newer frame replaces an older one
// (live sources), or waits for the older one to be taken (files).
type latest struct {
	mu     sync.Mutex
	cond   *sync.Cond
	f      *frame
	closed bool
}

func newLatest() *latest {
	l := &latest{}
	l.cond = sync.NewCond(&l.mu)
	return l
}

// put stores f and returns the frame it replaced, if any. With wait it first
// waits until the previous frame was taken or the box closed.
func (l *latest) put(f *frame, wait bool) (replaced *frame) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for wait && l.f != nil && !l.closed {
		l.cond.Wait()
	}
	replaced, l.f = l.f, f
	l.cond.Broadcast()
	return replaced
}

// take returns the newest frame, waiting for one; nil once the box is closed
// and empty.
func (l *latest) take() *frame {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.f == nil && !l.closed {
		l.cond.Wait()
	}
	f := l.f
	l.f = nil
	l.cond.Broadcast()
	return f
}

// close wakes everyone; frames still in the box can be taken.
func (l *latest) close() {
	l.mu.Lock()
	l.closed = true
	l.cond.Broadcast()
	l.mu.Unlock()
}

const latWindow = 512

// Run captures and decodes until the source ends (io.EOF, returns nil), the
// context is cancelled (returns nil) or the source fails (returns its error).
// Each new read is sent on out; Run never drops a read but stops sending when
// ctx is done. Run closes neither the source nor out.
func (l *Loop) Run(ctx context.Context, out chan<- canhcua.Read) error {
	now := l.Now
	if now == nil {
		now = time.Now
	}
	info := l.Source.Info()
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	box := newLatest()
	pool := make(chan gocv.Mat, 3) // recycled frame buffers
	capDone := make(chan struct{})
	var capErr error

	stop := context.AfterFunc(ctx, box.close)
	defer stop()
	go func() {
		defer close(capDone)
		defer box.close()
		var seq int64
		for ctx.Err() == nil {
			var m gocv.Mat
			select {
			case m = <-pool:
			default:
				m = gocv.NewMat()
			}
			err := l.Source.Read(ctx, &m)
			if err != nil {
				m.Close()
				if !errors.Is(err, io.EOF) && ctx.Err() == nil {
					capErr = err
				}
				return
			}
			got := now()
			at := got
			if !info.Live {
				fps := info.FPS
				if fps <= 0 {
					fps = 25
				}
				at = time.Unix(0, 0).Add(time.Duration(float64(seq) / fps * float64(time.Second)))
			}
			l.frames.Add(1)
			l.lastFrame.Store(got.UnixNano())
			f := &frame{mat: m, seq: seq, at: at, got: got}
			seq++
			// Files are read in full: wait for the decoder rather than drop.
			if old := box.put(f, !info.Live); old != nil {
				l.dropped.Add(1)
				recycle(pool, old.mat)
			}
		}
	}()

	dd := canhcua.Deduper{Window: l.Dedup}
	var last frame // the last frame decoded (its Mat gone)
	report := func(ctx context.Context, codes []canhcua.Code, f frame, lat time.Duration) {
		for _, c := range codes {
			if !dd.Seen(c.Key(), f.at) {
				continue
			}
			l.codes.Add(1)
			select {
			case out <- canhcua.Read{Code: c, Frame: f.seq, At: f.at, Latency: lat}:
			case <-ctx.Done():
			}
		}
	}
	for {
		f := box.take()
		if f == nil || ctx.Err() != nil {
			if f != nil {
				l.left.Add(1)
				f.mat.Close()
			}
			break
		}
		codes, err := l.Decoder.Decode(f.mat)
		recycle(pool, f.mat)
		lat := now().Sub(f.got)
		l.decoded.Add(1)
		l.addLatency(lat)
		last = frame{seq: f.seq, at: f.at, got: f.got}
		if err != nil {
			continue // a frame the decoder cannot use is skipped, not fatal
		}
		report(ctx, codes, last, lat)
	}
	ended := ctx.Err() == nil // the source ended (or failed): no one stopped the loop
	cancel()
	<-capDone
	// A decoder still at work in the background on the last frames says
	// what it read there once the source has ended.
	if fl, ok := l.Decoder.(Flusher); ok && ended && capErr == nil && l.decoded.Load() > 0 {
		codes := fl.Flush()
		report(parent, codes, last, now().Sub(last.got))
	}
	// Close what is left: a frame still in the box and the pool.
	if f := box.f; f != nil {
		l.left.Add(1)
		f.mat.Close()
	}
	close(pool)
	for m := range pool {
		m.Close()
	}
	return capErr
}

func recycle(pool chan gocv.Mat, m gocv.Mat) {
	select {
	case pool <- m:
	default:
		m.Close()
	}
}

func (l *Loop) addLatency(d time.Duration) {
	l.mu.Lock()
	if len(l.lat) < latWindow {
		l.lat = append(l.lat, d)
	} else {
		l.lat[l.latN%latWindow] = d
	}
	l.latN++
	l.mu.Unlock()
}

// Stats returns a snapshot; it is safe to call while Run runs.
func (l *Loop) Stats() Stats {
	s := Stats{
		Captured: l.frames.Load(),
		Decoded:  l.decoded.Load(),
		Dropped:  l.dropped.Load(),
		Left:     l.left.Load(),
		Reads:    l.codes.Load(),
	}
	if ns := l.lastFrame.Load(); ns != 0 {
		s.LastFrame = time.Unix(0, ns)
	}
	l.mu.Lock()
	lat := append([]time.Duration(nil), l.lat...)
	l.mu.Unlock()
	if len(lat) > 0 {
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		s.LatencyP50 = lat[len(lat)/2]
		s.LatencyP95 = lat[(len(lat)*95)/100]
	}
	return s
}
