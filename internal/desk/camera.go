package desk

import (
	"context"
	"fmt"
	"log"
	"strings"
	"sync"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/ui"
)

// Camera runs the frame loop for the desk: it decodes, watches the picture
// (camera health, people passing without scanning), reopens a live source
// that fails or freezes, and keeps its status for the screen.
type Camera struct {
	name     string
	src      camera.Source
	dedup    time.Duration
	snapDir  string
	presence *camera.PresenceDetector // nil: no people detection
	codes    chan canhcua.Code        // de-duplicated codes, for the screen
	noScans  chan canhcua.Warning     // someone passed without scanning
	done     chan struct{}            // closed when Run returns
	people   chan struct{}            // closed when the people watcher returns (ctx done)

	mu      sync.Mutex
	started time.Time
	loop    *camera.Loop
	an      *camera.Analyzing
	err     string
	prevN   int64
	prevAt  time.Time
	lastFPS float64
}

// NewCamera returns the desk's camera over src: codes out of view for dedup
// are read again; snapshots of people who passed without scanning go to
// snapDir.
func NewCamera(src camera.Source, dedup time.Duration, snapDir string) *Camera {
	d := &Camera{name: src.Info().Name, src: src, dedup: dedup, snapDir: snapDir,
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

// Run reads codes until ctx is done. A live source that fails (camera
// unplugged, stream dropped), stops delivering or freezes is reopened every
// 2 s; a video file that ends stays ended.
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
	src := d.src
	for {
		err := d.runOnce(ctx, src, obs, reads)
		src.Close()
		if ctx.Err() != nil {
			return
		}
		d.mu.Lock()
		if err == nil {
			d.err = endOfSource
		} else {
			d.err = oneLine(err)
		}
		d.mu.Unlock()
		if err == nil || d.name == "demo" {
			return
		}
		log.Printf("canhcua: camera: %v; reopening", err)
		for src = nil; src == nil; {
			select {
			case <-ctx.Done():
				return
			case <-time.After(2 * time.Second):
			}
			if s, err := camera.OpenLive(ctx, d.name); err == nil {
				src = s
				d.mu.Lock()
				d.err = ""
				d.mu.Unlock()
			}
		}
	}
}

// runOnce runs one frame loop on src until it ends, fails, or its picture
// stops or freezes (a live source only).
func (d *Camera) runOnce(ctx context.Context, src camera.Source, obs chan<- camera.Observation, reads chan<- time.Time) error {
	an := camera.NewAnalyzing(camera.NewEngine(camera.Live), camera.AnalyzeOptions{Presence: d.presence, Out: obs})
	defer an.Close()
	l := &camera.Loop{Source: src, Decoder: an, Dedup: d.dedup}
	d.mu.Lock()
	d.loop, d.an, d.prevN, d.prevAt, d.started = l, an, 0, time.Time{}, time.Now()
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
// snapshot saved (mode 0600) for each.
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
			}
		}
	}
}

// Wait returns once Run has returned and, ctx done, its people watcher too.
func (d *Camera) Wait() {
	<-d.done
	<-d.people
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
	s := ui.CameraStatus{Source: d.name, Err: d.err}
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
