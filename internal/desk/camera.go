package desk

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/ui"
)

// Camera runs the frame loop for the desk: it opens the source, decodes,
// watches the picture (camera health, people passing without scanning),
// reopens a live source that fails or freezes, and keeps its status for the
// screen. It never makes anyone wait on OpenCV: the source is opened and read
// in goroutines of their own (camera.OpenDetached), so the screen is up at
// once and quitting is quick whatever the camera does.
type Camera struct {
	name     string // the source as named, to open it (a stream's password included)
	shown    string // the name as shown and logged (canhcua.Redact'ed)
	open     func(ctx context.Context, name string) (camera.Source, error)
	first    func() // called once, on the first frame
	dedup    time.Duration
	snapDir  string
	presence *camera.PresenceDetector // nil: no people detection
	codes    chan canhcua.Code        // de-duplicated codes, for the screen
	noScans  chan canhcua.Warning     // someone passed without scanning
	done     chan struct{}            // closed when Run returns
	people   chan struct{}            // closed when the people watcher returns (ctx done)

	mu       sync.Mutex
	started  time.Time
	loop     *camera.Loop
	an       *camera.Analyzing
	pv       *camera.Previewing // the picture for the screen (preview.go)
	err      string
	retrying bool      // the source failed or would not open: tried again every RetryEvery
	opening  time.Time // when the open in flight started; zero when none
	prevN    int64
	prevAt   time.Time
	lastFPS  float64
}

// slowOpen is how long an open may take before the screen calls it camera
// trouble (it fails after camera.StreamTimeout).
const slowOpen = time.Second

// RetryEvery is how often a source that will not open, or that failed, is
// tried again.
const RetryEvery = 2 * time.Second

// NewCamera returns the desk's camera for the source called name (as
// camera.Open knows it): codes out of view for dedup are read again;
// snapshots of people who passed without scanning go to snapDir. Run opens
// the source.
func NewCamera(name string, dedup time.Duration, snapDir string) *Camera {
	d := &Camera{name: name, shown: canhcua.Redact(name), open: camera.OpenDetached, dedup: dedup, snapDir: snapDir,
		codes: make(chan canhcua.Code, 64), noScans: make(chan canhcua.Warning, 16), done: make(chan struct{}),
		people: make(chan struct{})}
	p, err := camera.NewPresenceDetector("")
	if err != nil {
		log.Printf("canhcua: face detector: %v; using the HOG people detector", err)
		p = camera.NewHOGPresenceDetector()
	}
	d.presence = p
	return d
}

// endOfSource is the camera's error when a source (a video file) has ended.
var endOfSource = catalog.EN.T(catalog.CameraEnded)

// reopenProblems are the health problems after which a live source is
// closed and opened again.
var reopenProblems = map[camera.Problem]bool{camera.ProblemNoFrames: true, camera.ProblemFrozen: true}

// Run opens the source and reads codes until ctx is done. A source that will
// not open, and a live source that fails (camera unplugged, stream dropped),
// stops delivering or freezes, is tried again every RetryEvery; a video file
// that ends stays ended. Run returns promptly once ctx is done, even when
// an open or a read is stuck inside OpenCV (it finishes on its own, later).
func (d *Camera) Run(ctx context.Context) {
	defer close(d.done)
	defer close(d.codes)
	defer func() {
		if d.presence != nil {
			d.presence.Close()
		}
	}()
	obs := make(chan camera.Observation, 8)
	reads := make(chan time.Time, 16)
	go func() {
		defer close(d.people)
		d.watchPeople(ctx, obs, reads) // until ctx is done: a person seen last in a video is still told of
	}()
	var once sync.Once
	var lastTry time.Time
	for {
		src := d.openRetrying(ctx, &lastTry)
		if src == nil {
			return
		}
		if d.first != nil {
			src = camera.OnFirstFrame(src, func() { once.Do(d.first) })
		}
		err := d.runOnce(ctx, src, obs, reads)
		src.Close()
		if ctx.Err() != nil {
			return
		}
		d.mu.Lock()
		if err == nil {
			d.err = endOfSource
		} else {
			d.err, d.retrying = d.reason(err), !camera.IsDemo(d.name)
		}
		d.mu.Unlock()
		if err == nil || camera.IsDemo(d.name) {
			return
		}
		log.Printf("canhcua: camera: %v; reopening", err)
	}
}

// openRetrying opens the source, a try at most every RetryEvery (counted from
// the start of the previous one, *lastTry: a source that failed after
// running a while is tried again at once) until it opens; nil once ctx is
// done. While it fails the status says so, and the log says each new reason
// once.
func (d *Camera) openRetrying(ctx context.Context, lastTry *time.Time) camera.Source {
	logged := ""
	for tries := 1; ; tries++ {
		if !sleep(ctx, RetryEvery-time.Since(*lastTry)) {
			return nil
		}
		*lastTry = time.Now()
		d.mu.Lock()
		d.opening = *lastTry
		d.mu.Unlock()
		src, err := d.open(ctx, d.name)
		d.mu.Lock()
		d.opening = time.Time{}
		d.mu.Unlock()
		if ctx.Err() != nil {
			if src != nil {
				src.Close()
			}
			return nil
		}
		if err == nil {
			d.mu.Lock()
			d.err, d.retrying = "", false
			d.mu.Unlock()
			if tries > 1 {
				log.Printf("canhcua: camera %s open after %d tries", d.shown, tries)
			}
			return src
		}
		msg := oneLine(err)
		d.mu.Lock()
		d.err, d.retrying = d.reason(err), true
		d.mu.Unlock()
		if msg != logged {
			log.Printf("canhcua: camera: %s; trying again every %s", msg, RetryEvery)
			logged = msg
		}
	}
}

// reason is err in one line for the screen, which names the source already.
func (d *Camera) reason(err error) string {
	return strings.TrimPrefix(oneLine(err), d.shown+": ")
}

// sleep waits for d (no time when d <= 0) and reports whether ctx is still
// live.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// runOnce runs one frame loop on src until it ends, fails, or its picture
// stops or freezes (a live source only).
func (d *Camera) runOnce(ctx context.Context, src camera.Source, obs chan<- camera.Observation, reads chan<- time.Time) error {
	pv := camera.NewPreviewing(camera.NewEngine(camera.Live), camera.PreviewOptions{})
	defer pv.Close()
	an := camera.NewAnalyzing(pv, camera.AnalyzeOptions{Presence: d.presence, Out: obs})
	defer an.Close()
	l := &camera.Loop{Source: src, Decoder: an, Dedup: d.dedup}
	d.mu.Lock()
	d.loop, d.an, d.pv, d.prevN, d.prevAt, d.started = l, an, pv, 0, time.Time{}, time.Now()
	d.mu.Unlock()

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	out := make(chan canhcua.Read, 16)
	errc := make(chan error, 1)
	go func() { errc <- l.Run(ctx, out); close(out) }()
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case r, ok := <-out:
			if !ok {
				err := <-errc
				if c := context.Cause(ctx); c != nil && c != context.Canceled {
					return c
				}
				return err
			}
			select {
			case reads <- time.Now():
			default:
			}
			select {
			case d.codes <- r.Code:
			case <-ctx.Done():
			}
		case <-tick.C:
			// Only a camera or a stream is reopened: a video file would start again.
			if k := src.Info().Kind; (k == "device" || k == "stream") && reopenProblems[an.Health(time.Now()).Problem] {
				h := an.Health(time.Now())
				cancel(fmt.Errorf("%s", h.Problem.Message()))
			}
		}
	}
}

// watchPeople turns observations of people into no-scan warnings, with a
// snapshot saved (mode 0600) for each. A warning the watcher has no room
// for is dropped with its snapshot: no picture of a person is kept without
// the warning that names it.
func (d *Camera) watchPeople(ctx context.Context, obs <-chan camera.Observation, reads <-chan time.Time) {
	var tr camera.NoScanTracker
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		var found []camera.NoScan
		select {
		case <-ctx.Done():
			return
		case o := <-obs:
			for _, c := range o.Codes {
				tr.CodeRead(o.At, c.Points)
			}
			found = tr.Observe(o)
		case at := <-reads:
			tr.CodeRead(at, [4]canhcua.Point{})
		case now := <-tick.C:
			found = tr.Check(now)
		}
		for _, n := range found {
			w := canhcua.Warning{At: n.First, Kind: canhcua.WarnNoScan}
			w.Message, w.MessageVI = catalog.Both(catalog.WarnNoScan, n.First.Format("15:04:05"))
			if len(n.JPEG) > 0 {
				p := camera.SnapshotPath(d.snapDir, n.First)
				if err := camera.SaveSnapshot(p, n.JPEG); err != nil {
					log.Printf("canhcua: snapshot: %v", err)
				} else {
					w.Snapshot = p
				}
			}
			select {
			case d.noScans <- w:
			default:
				log.Printf("canhcua: no-scan warning dropped (the warnings are behind): %s", w.Message)
				if w.Snapshot != "" {
					if err := os.Remove(w.Snapshot); err != nil {
						log.Printf("canhcua: snapshot of a dropped warning: %v", err)
					}
				}
			}
		}
	}
}

// Wait returns once Run has returned and, ctx done, its people watcher too.
func (d *Camera) Wait() { <-d.stopped() }

// stopped is closed once Run has returned and, ctx done, its people watcher
// too.
func (d *Camera) stopped() <-chan struct{} {
	c := make(chan struct{})
	go func() {
		<-d.done
		<-d.people
		close(c)
	}()
	return c
}

// Codes are the de-duplicated codes read, for the screen; closed when Run
// returns.
func (d *Camera) Codes() <-chan canhcua.Code { return d.codes }

// Trouble reports camera problems for the warnings: the source failing, no
// frames, a frozen, dark or covered picture.
func (d *Camera) Trouble() Trouble {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err != "" && d.err != endOfSource {
		en, vi := catalog.Both(catalog.WarnCameraError, d.err)
		return Trouble{en, vi}
	}
	if d.an == nil || d.err != "" {
		return Trouble{}
	}
	if h := d.an.Health(time.Now()); !h.OK() {
		return Trouble{catalog.EN.T(catalog.WarnCameraError, h.Problem.Message()), h.Problem.In(catalog.VI)}
	}
	return Trouble{}
}

// Status is polled by the screen about once a second.
func (d *Camera) Status() ui.CameraStatus {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := ui.CameraStatus{Source: d.shown, Err: d.err, Retrying: d.retrying}
	if !d.opening.IsZero() && time.Since(d.opening) > slowOpen && s.Err == "" {
		s.Err, s.Retrying = catalog.EN.T(catalog.CameraNoAnswer), true
	}
	if d.loop == nil {
		return s
	}
	st := d.loop.Stats()
	s.LastFrame = st.LastFrame
	now := time.Now()
	if !d.prevAt.IsZero() {
		if dt := now.Sub(d.prevAt).Seconds(); dt > 0.2 {
			d.lastFPS = float64(st.Decoded-d.prevN) / dt
			d.prevN, d.prevAt = st.Decoded, now
		}
	} else {
		d.prevN, d.prevAt = st.Decoded, now
	}
	s.FPS = d.lastFPS
	if h := d.an.Health(now); !h.OK() && s.Err == "" {
		s.Err = h.Problem.Message()
	}
	return s
}

// oneLine flattens an error into one line, for the screen's header.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}
