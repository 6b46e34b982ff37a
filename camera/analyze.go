package camera

import (
	"bytes"
	"image"
	"image/jpeg"
	"sync"
	"sync/atomic"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// Analysis defaults.
const (
	// AnalyzeEvery is how often a frame is analysed (camera health and
	// presence of people): a few times a second, against the decoder's every
	// frame.
	AnalyzeEvery = 250 * time.Millisecond
	// AnalyzeWidth is the width analysed frames are scaled down to.
	AnalyzeWidth = 640
	// SnapshotQuality is the JPEG quality of snapshots.
	SnapshotQuality = 80
)

// Observation is the result of analysing one frame.
type Observation struct {
	At     time.Time   // when the frame was decoded (the analyser's clock)
	Size   image.Point // the frame's size
	Health Health      // camera health after this frame
	// People are the people (faces, or bodies with HOG) found, in the
	// frame's pixel coordinates; nil when presence detection is off.
	People []image.Rectangle
	// Codes are the codes the decoder read in this very frame, with their
	// corners in the frame's pixel coordinates.
	Codes []canhcua.Code
	// JPEG is the frame, scaled down to AnalyzeWidth, when People is not
	// empty: the snapshot for a no-scan warning. It is not shared; keep it.
	JPEG []byte
}

// AnalyzeOptions configure NewAnalyzing.
type AnalyzeOptions struct {
	// Every is the least time between two analysed frames (AnalyzeEvery
	// when zero).
	Every time.Duration
	// Width is the width frames are analysed at (AnalyzeWidth when zero).
	Width int
	// Presence finds people; nil turns presence detection off. The caller
	// keeps ownership: close it after the Analyzing.
	Presence *PresenceDetector
	// Out receives an observation for each analysed frame. Its sends may
	// block (make it buffered and read it promptly); that only makes the
	// analyser skip frames, never slows decoding. Nil discards observations
	// (Health still works). Close does not close Out.
	Out chan<- Observation
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Analyzing is a Decoder that also watches the picture: it passes every
// frame to its inner Decoder and, at most every Every, hands a small copy of
// the frame to its own goroutine, which measures the camera's health, looks
// for people and sends an Observation. The hand-over is a single slot where
// a newer frame replaces an unanalysed one, so analysis never queues and
// never makes Decode wait; Decode's extra cost is a resize once per Every.
// Close it when done.
type Analyzing struct {
	Decoder Decoder

	opt     AnalyzeOptions
	monitor *HealthMonitor

	mu      sync.Mutex // guards the slot and closed
	slot    gocv.Mat   // newest frame waiting for analysis (scaled down)
	slotOK  bool
	slotAt  time.Time
	slotSz  image.Point
	slotCds []canhcua.Code
	closed  bool
	next    time.Time // earliest time of the next hand-over

	wake chan struct{}
	done chan struct{}
	wg   sync.WaitGroup

	analyzed, replaced atomic.Int64
}

// NewAnalyzing wraps dec and starts the analysis goroutine.
func NewAnalyzing(dec Decoder, opt AnalyzeOptions) *Analyzing {
	if opt.Every <= 0 {
		opt.Every = AnalyzeEvery
	}
	if opt.Width <= 0 {
		opt.Width = AnalyzeWidth
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	a := &Analyzing{
		Decoder: dec,
		opt:     opt,
		monitor: NewHealthMonitor(opt.Now()),
		slot:    gocv.NewMat(),
		wake:    make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
	a.wg.Add(1)
	go a.run()
	return a
}

// Decode implements Decoder: it decodes img with the inner decoder and, when
// it is time, hands a scaled-down copy to the analysis goroutine. It does not
// keep img.
func (a *Analyzing) Decode(img gocv.Mat) ([]canhcua.Code, error) {
	codes, err := a.Decoder.Decode(img)
	now := a.opt.Now()
	a.monitor.Seen(now)
	if img.Empty() {
		return codes, err
	}
	a.mu.Lock()
	if a.closed || now.Before(a.next) {
		a.mu.Unlock()
		return codes, err
	}
	a.next = now.Add(a.opt.Every)
	if a.slotOK {
		a.replaced.Add(1)
	}
	sz := scaledSize(img.Cols(), img.Rows(), a.opt.Width)
	if sz.X == img.Cols() {
		img.CopyTo(&a.slot)
	} else {
		gocv.Resize(img, &a.slot, sz, 0, 0, gocv.InterpolationArea)
	}
	a.slotOK, a.slotAt, a.slotSz = true, now, image.Pt(img.Cols(), img.Rows())
	a.slotCds = append(a.slotCds[:0], codes...)
	a.mu.Unlock()
	select {
	case a.wake <- struct{}{}:
	default: // already woken
	}
	return codes, err
}

// Flush implements Flusher for an inner decoder that works on in the
// background (a live Engine): the loop's last reads reach it through the
// analyser. It returns nil for any other decoder.
func (a *Analyzing) Flush() []canhcua.Code {
	return flush(a.Decoder)
}

// Health returns the camera's health at now, including "no frames" when
// Decode was not called for NoFramesAfter. Call it on a timer (every 0.5 s):
// when no frame arrives no Observation is sent either.
func (a *Analyzing) Health(now time.Time) Health { return a.monitor.Check(now) }

// Analyzed is the number of frames analysed, and Replaced the number handed
// over but replaced by a newer frame before the analyser got to them.
func (a *Analyzing) Analyzed() int64 { return a.analyzed.Load() }

// Replaced: see Analyzed.
func (a *Analyzing) Replaced() int64 { return a.replaced.Load() }

// Close stops the analysis goroutine and frees its memory; Decode keeps
// decoding (without analysis) after Close. It does not close the inner
// decoder, the presence detector or Out.
func (a *Analyzing) Close() error {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return nil
	}
	a.closed = true
	a.mu.Unlock()
	close(a.done)
	a.wg.Wait()
	a.mu.Lock()
	a.slot.Close()
	a.slotOK = false
	a.mu.Unlock()
	return nil
}

// run is the analysis goroutine.
func (a *Analyzing) run() {
	defer a.wg.Done()
	work := gocv.NewMat() // the frame being analysed (swapped with the slot)
	gray, prev, scratch := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer func() {
		work.Close()
		gray.Close()
		prev.Close()
		scratch.Close()
	}()
	var codes []canhcua.Code
	for {
		select {
		case <-a.done:
			return
		case <-a.wake:
		}
		a.mu.Lock()
		if !a.slotOK {
			a.mu.Unlock()
			continue
		}
		work, a.slot = a.slot, work
		at, size := a.slotAt, a.slotSz
		codes, a.slotCds = a.slotCds, codes[:0]
		a.slotOK = false
		a.mu.Unlock()

		obs := a.analyze(work, &gray, prev, &scratch, at, size, codes)
		gray, prev = prev, gray
		a.analyzed.Add(1)
		if a.opt.Out == nil {
			continue
		}
		select {
		case a.opt.Out <- obs:
		case <-a.done:
			return
		}
	}
}

// analyze measures one scaled-down frame; gray receives its gray version.
func (a *Analyzing) analyze(small gocv.Mat, gray *gocv.Mat, prev gocv.Mat, scratch *gocv.Mat,
	at time.Time, size image.Point, codes []canhcua.Code) Observation {
	grayInto(small, gray)
	obs := Observation{At: at, Size: size}
	obs.Health = a.monitor.Frame(MeasureFrame(*gray, prev, scratch), at)
	if len(codes) > 0 {
		obs.Codes = append([]canhcua.Code(nil), codes...)
	}
	if a.opt.Presence == nil {
		return obs
	}
	found := a.opt.Presence.Detect(*gray)
	if len(found) == 0 {
		return obs
	}
	fx := float64(size.X) / float64(small.Cols())
	fy := float64(size.Y) / float64(small.Rows())
	for _, r := range found {
		obs.People = append(obs.People, image.Rect(
			int(float64(r.Min.X)*fx), int(float64(r.Min.Y)*fy),
			int(float64(r.Max.X)*fx+0.5), int(float64(r.Max.Y)*fy+0.5)).Intersect(image.Rectangle{Max: size}))
	}
	obs.JPEG = encodeJPEG(small)
	return obs
}

// encodeJPEG encodes an 8-bit frame of 1, 3 (BGR) or 4 (BGRA) channels as
// a JPEG; nil when it cannot. It uses Go's encoder, not OpenCV's: in
// canhcua's binary OpenCV's JPEG codec is unusable (MuPDF, linked in for PDF
// files, brings its own libjpeg whose symbols OpenCV then calls: decoding
// fails and encoding crashes).
func encodeJPEG(m gocv.Mat) []byte {
	img := matImage(m)
	if img == nil {
		return nil
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: SnapshotQuality}); err != nil {
		return nil
	}
	return buf.Bytes()
}

// matImage copies an 8-bit Mat of 1, 3 (BGR) or 4 (BGRA) channels into a Go
// image; nil for other Mats.
func matImage(m gocv.Mat) image.Image {
	if m.Empty() || m.Type() != gocv.MatTypeCV8UC1 && m.Type() != gocv.MatTypeCV8UC3 && m.Type() != gocv.MatTypeCV8UC4 {
		return nil
	}
	if !m.IsContinuous() {
		c := m.Clone()
		defer c.Close()
		return matImage(c)
	}
	px, err := m.DataPtrUint8()
	if err != nil {
		return nil
	}
	w, h, ch := m.Cols(), m.Rows(), m.Channels()
	if ch == 1 {
		g := image.NewGray(image.Rect(0, 0, w, h))
		copy(g.Pix, px)
		return g
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, o := 0, 0; i+ch <= len(px) && o < len(img.Pix); i, o = i+ch, o+4 {
		img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = px[i+2], px[i+1], px[i], 255
	}
	return img
}

// No-scan rule defaults.
const (
	// NoScanGrace is how long before or after a person is first seen a code
	// read counts as theirs.
	NoScanGrace = 8 * time.Second
	// PassageGap: detections less than this apart are one passage (one
	// person at the door, one warning at most).
	PassageGap = 2 * time.Second
)

// NoScan is a passage of someone who was seen but scanned no code.
type NoScan struct {
	First, Last time.Time       // first and latest detection of the passage so far
	Box         image.Rectangle // the largest detection of the passage
	JPEG        []byte          // the frame of that detection (may be nil)
}

// NoScanTracker decides when someone passed without scanning. The rule, kept
// simple to explain: detections less than Gap apart make one passage (a door
// usually has one person at a time); a passage counts as scanned when any
// code was read — anywhere in the frame — from Grace before its first
// detection to Grace after it. Grace after its first detection, an unscanned
// passage gives one NoScan; a passage gives at most one, however long it
// lasts. Feed it every Observation (Observe) and every code the loop reads
// (CodeRead); times come from the caller. Not safe for concurrent use.
type NoScanTracker struct {
	Grace time.Duration // NoScanGrace when zero
	Gap   time.Duration // PassageGap when zero

	reads    []time.Time // recent code reads
	passages []*passage  // undecided ones, and the current one; oldest first
}

type passage struct {
	NoScan
	area    int
	decided bool
}

func (t *NoScanTracker) grace() time.Duration {
	if t.Grace > 0 {
		return t.Grace
	}
	return NoScanGrace
}

func (t *NoScanTracker) gap() time.Duration {
	if t.Gap > 0 {
		return t.Gap
	}
	return PassageGap
}

// CodeRead records that a code was read at at. points (where it was read) are
// not used by the rule yet: any read counts for whoever is at the door.
func (t *NoScanTracker) CodeRead(at time.Time, points [4]canhcua.Point) {
	_ = points
	t.reads = append(t.reads, at)
}

// Observe records an observation (its people and its codes) and returns the
// passages found unscanned by its time.
func (t *NoScanTracker) Observe(obs Observation) []NoScan {
	for _, c := range obs.Codes {
		t.CodeRead(obs.At, c.Points)
	}
	if len(obs.People) > 0 {
		var p *passage
		if n := len(t.passages); n > 0 && obs.At.Sub(t.passages[n-1].Last) < t.gap() {
			p = t.passages[n-1]
		} else {
			p = &passage{NoScan: NoScan{First: obs.At}}
			t.passages = append(t.passages, p)
		}
		p.Last = obs.At
		for _, r := range obs.People {
			if a := r.Dx() * r.Dy(); a > p.area {
				p.area, p.Box, p.JPEG = a, r, obs.JPEG
			}
		}
	}
	return t.Check(obs.At)
}

// Check returns the passages found unscanned by now. Observe calls it; call
// it on a timer too when observations may stop (camera trouble).
func (t *NoScanTracker) Check(now time.Time) []NoScan {
	g := t.grace()
	var out []NoScan
	keep := t.passages[:0]
	for _, p := range t.passages {
		if !p.decided && now.Sub(p.First) >= g {
			p.decided = true
			if !t.readBetween(p.First.Add(-g), p.First.Add(g)) {
				out = append(out, p.NoScan)
			}
		}
		if !p.decided || now.Sub(p.Last) < t.gap() {
			keep = append(keep, p) // undecided, or still going on
		}
	}
	clear(t.passages[len(keep):])
	t.passages = keep
	t.prune(now)
	return out
}

func (t *NoScanTracker) readBetween(from, to time.Time) bool {
	for _, r := range t.reads {
		if !r.Before(from) && !r.After(to) {
			return true
		}
	}
	return false
}

// prune forgets reads too old to count for any passage to come.
func (t *NoScanTracker) prune(now time.Time) {
	oldest := now.Add(-t.grace())
	for _, p := range t.passages {
		if f := p.First.Add(-t.grace()); f.Before(oldest) {
			oldest = f
		}
	}
	keep := t.reads[:0]
	for _, r := range t.reads {
		if !r.Before(oldest) {
			keep = append(keep, r)
		}
	}
	t.reads = keep
}
