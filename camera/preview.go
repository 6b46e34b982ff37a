package camera

import (
	"image"
	"sync"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// Preview defaults.
const (
	// PreviewEvery is the least time between two frames copied for the
	// preview: at most 8 a second, more than a terminal picture needs.
	PreviewEvery = 125 * time.Millisecond
	// PreviewWidth is the width of the preview's copy of a frame: enough for
	// a picture through a graphics protocol, and for finding codes too small
	// for OpenCV's detector (findSmallCodes).
	PreviewWidth = 640
	// PreviewHold is how long a code read, or a code-like pattern seen, stays
	// on the preview after the last frame it was found on: the live engine
	// looks for patterns on credit, not on every frame.
	PreviewHold = 500 * time.Millisecond
	// GuideHold is how long guidance stays after the pattern it is about was
	// last seen: long enough to read.
	GuideHold = 1500 * time.Millisecond
	// LookEvery is the least time between two copies of unread patterns
	// taken to be measured for guidance.
	LookEvery = 250 * time.Millisecond
)

// PreviewOptions configure NewPreviewing.
type PreviewOptions struct {
	Every time.Duration    // PreviewEvery when zero
	Width int              // PreviewWidth when zero
	Hold  time.Duration    // PreviewHold when zero
	Guide time.Duration    // GuideHold when zero
	Now   func() time.Time // time.Now when nil
}

// DetailDecoder is a Decoder that also says what it saw: the Engine.
type DetailDecoder interface {
	Decoder
	DecodeDetail(img gocv.Mat) (Detail, error)
}

// PreviewShot is what the preview shows at one moment.
type PreviewShot struct {
	// Image is the newest frame copied, scaled down to the preview's width
	// (*image.RGBA or *image.Gray); nil before the first frame.
	Image image.Image
	Size  image.Point // the frame's own size: the coordinates of Codes and Open
	At    time.Time   // when that frame was decoded
	// Codes are the outlines of the codes read lately; Open those of the
	// code-like patterns seen lately that no code read lies over.
	Codes, Open []Quad
	// Guide is what to tell the person at the door about the largest
	// pattern seen but not read, and Look what it was chosen from.
	Guide Guidance
	Look  CodeLook
}

// sighting is an outline seen on a frame: a code read, or a pattern not
// read with a copy of its pixels for measuring.
type sighting struct {
	q      Quad
	at     time.Time
	crop   *image.Gray // open patterns: the frame around q (gray), nil when none was taken
	look   CodeLook
	looked bool
}

// Previewing is a Decoder that keeps what a screen shows of the camera: a
// small copy of the newest frame, at most every Every, with the codes read
// and the code-like patterns seen but not read lately, and what to tell the
// person at the door about those. The copying is done on the decoding
// goroutine (a resize a few times a second, a crop of an unread pattern a few
// times a second); converting and measuring are left to whoever calls Shot,
// on its own goroutine. Close it when done.
type Previewing struct {
	Decoder Decoder

	opt  PreviewOptions
	work gocv.Mat // the copy being made: Decode's own

	mu       sync.Mutex // guards what follows
	slot     gocv.Mat   // newest copy, waiting for Shot
	fresh    bool
	size     image.Point
	at       time.Time
	codes    []*sighting
	open     []*sighting
	next     time.Time // earliest next copy of a frame
	nextLook time.Time // earliest next crop of unread patterns
	closed   bool

	shotMu sync.Mutex // serialises Shot; guards read and img
	read   gocv.Mat
	img    image.Image
	imgSz  image.Point
	imgAt  time.Time
}

// NewPreviewing wraps dec.
func NewPreviewing(dec Decoder, opt PreviewOptions) *Previewing {
	if opt.Every <= 0 {
		opt.Every = PreviewEvery
	}
	if opt.Width <= 0 {
		opt.Width = PreviewWidth
	}
	if opt.Hold <= 0 {
		opt.Hold = PreviewHold
	}
	if opt.Guide <= 0 {
		opt.Guide = GuideHold
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Previewing{Decoder: dec, opt: opt, work: gocv.NewMat(), slot: gocv.NewMat(), read: gocv.NewMat()}
}

// maxLooks is how many unread patterns of a frame are copied for measuring.
const maxLooks = 2

// Decode implements Decoder: it decodes img with the inner decoder (its
// DecodeDetail when it has one, to learn the unread patterns) and, when it is
// time, copies what the preview needs. It does not keep img.
func (p *Previewing) Decode(img gocv.Mat) ([]canhcua.Code, error) {
	var d Detail
	var err error
	if dd, ok := p.Decoder.(DetailDecoder); ok {
		d, err = dd.DecodeDetail(img)
	} else {
		d.Codes, err = p.Decoder.Decode(img)
	}
	if img.Empty() {
		return d.Codes, err
	}
	now := p.opt.Now()
	p.mu.Lock()
	closed, dueFrame, dueLook := p.closed, !now.Before(p.next), !now.Before(p.nextLook)
	p.mu.Unlock()
	if closed {
		return d.Codes, err
	}
	bounds := image.Rect(0, 0, img.Cols(), img.Rows())
	var seen []*sighting
	for _, q := range d.Open {
		s := &sighting{q: q, at: now}
		if dueLook && len(seen) < maxLooks {
			s.crop = grayCrop(img, q.Bounds(0.1, bounds))
		}
		seen = append(seen, s)
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return d.Codes, err
	}
	if dueFrame {
		// Under the lock, so that Close cannot free the copy meanwhile; Shot
		// holds the lock only to swap.
		sz := scaledSize(img.Cols(), img.Rows(), p.opt.Width)
		if sz.X == img.Cols() {
			img.CopyTo(&p.work)
		} else {
			gocv.Resize(img, &p.work, sz, 0, 0, gocv.InterpolationArea)
		}
	}
	for _, c := range d.Codes {
		p.codes = meet(p.codes, &sighting{q: quadOf(c), at: now})
	}
	for _, s := range seen {
		p.open = meet(p.open, s)
	}
	// A pattern a code now lies over is read, not open.
	keep := p.open[:0]
	for _, s := range p.open {
		if !covered(s.q, d.Codes) {
			keep = append(keep, s)
		}
	}
	clear(p.open[len(keep):])
	p.open = keep
	if dueFrame {
		p.work, p.slot = p.slot, p.work
		p.fresh, p.size, p.at = true, bounds.Size(), now
		p.next = now.Add(p.opt.Every)
	}
	if len(d.Open) > 0 && dueLook {
		p.nextLook = now.Add(LookEvery)
	}
	return d.Codes, err
}

// meet puts s in ss in place of a sighting at the same place (keeping that
// one's measure when s has no crop of its own), or adds it.
func meet(ss []*sighting, s *sighting) []*sighting {
	for i, o := range ss {
		if o.q.meets(s.q) {
			if s.crop == nil && o.looked {
				s.look, s.looked = o.look, true
			}
			ss[i] = s
			return ss
		}
	}
	return append(ss, s)
}

// grayCrop copies the part r of img as a Go gray image, keeping r's
// coordinates.
func grayCrop(img gocv.Mat, r image.Rectangle) *image.Gray {
	if r.Dx() < 3 || r.Dy() < 3 {
		return nil
	}
	roi := img.Region(r)
	defer roi.Close()
	g := gocv.NewMat()
	defer g.Close()
	if err := toGray(roi, &g); err != nil {
		return nil
	}
	gi, ok := matImage(g).(*image.Gray)
	if !ok {
		return nil
	}
	gi.Rect = r
	return gi
}

// Shot returns what the preview shows now: the newest copy (converted on the
// caller's goroutine), the outlines seen within Hold, and the guidance for
// the largest unread pattern seen within GuideHold (measured here, once per
// copy of it) while no code was read within Hold. While nothing reads, a new
// copy is also searched for codes too small for OpenCV's detector
// (findSmallCodes).
func (p *Previewing) Shot() PreviewShot {
	p.shotMu.Lock()
	defer p.shotMu.Unlock()
	now := p.opt.Now()
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return PreviewShot{}
	}
	convert := p.fresh
	if convert {
		p.slot, p.read = p.read, p.slot
		p.fresh, p.imgSz, p.imgAt = false, p.size, p.at
	}
	p.codes = recent(p.codes, now, p.opt.Hold)
	p.open = recent(p.open, now, max(p.opt.Hold, p.opt.Guide))
	codes := append([]*sighting(nil), p.codes...)
	open := append([]*sighting(nil), p.open...)
	p.mu.Unlock()

	if convert {
		p.img = matImage(p.read)
		// Small patterns are looked for only while nothing reads: a code
		// read is the answer, and the words printed around it look alike.
		if smalls := p.smallCodes(codes, open); len(smalls) > 0 {
			p.mu.Lock()
			for _, s := range smalls {
				p.open = meet(p.open, s)
			}
			open = append([]*sighting(nil), p.open...)
			p.mu.Unlock()
		}
	}
	shot := PreviewShot{Image: p.img, Size: p.imgSz, At: p.imgAt}
	for _, s := range codes {
		shot.Codes = append(shot.Codes, s.q)
	}
	var largest *sighting
	for _, s := range open {
		p.mu.Lock()
		looked, crop, at := s.looked, s.crop, s.at
		p.mu.Unlock()
		if now.Sub(at) <= p.opt.Hold {
			shot.Open = append(shot.Open, s.q)
		}
		if !looked && crop != nil {
			l := LookAt(crop, s.q)
			p.mu.Lock()
			s.look, s.looked, s.crop = l, true, nil
			p.mu.Unlock()
			looked = true
		}
		if looked && (largest == nil || s.q.Side() > largest.q.Side()) {
			largest = s
		}
	}
	if largest != nil && len(codes) == 0 { // guidance only while nothing reads
		shot.Look = largest.look
		shot.Guide = largest.look.Guide()
	}
	return shot
}

// smallCodes searches the newest copy for code-like patterns too small for
// OpenCV's detector, away from the codes and patterns already known, and
// measures them (on the copy: their Side in the frame's pixels).
func (p *Previewing) smallCodes(codes, open []*sighting) []*sighting {
	if len(codes) > 0 {
		return nil
	}
	gray := grayOf(p.img)
	if gray == nil || p.imgSz.X <= 0 {
		return nil
	}
	scale := float64(p.imgSz.X) / float64(gray.Rect.Dx())
	var out []*sighting
	for _, r := range findSmallCodes(gray, int(SmallSide/scale), maxLooks) {
		var q, fq Quad
		corners := [4]image.Point{r.Min, {r.Max.X, r.Min.Y}, r.Max, {r.Min.X, r.Max.Y}}
		for k, c := range corners {
			q[k] = Pointf{X: float64(c.X), Y: float64(c.Y)}
			fq[k] = Pointf{X: q[k].X * scale, Y: q[k].Y * scale}
		}
		known := false
		for _, s := range append(append([]*sighting(nil), codes...), open...) {
			known = known || s.q.meets(fq)
		}
		if known {
			continue
		}
		l := LookAt(gray, q)
		l.Side *= scale
		out = append(out, &sighting{q: fq, at: p.imgAt, look: l, looked: true})
	}
	return out
}

// grayOf is img in gray (a copy for colour images); nil for other kinds.
func grayOf(img image.Image) *image.Gray {
	switch im := img.(type) {
	case *image.Gray:
		return im
	case *image.RGBA:
		g := image.NewGray(im.Rect)
		for i, o := 0, 0; o < len(g.Pix); i, o = i+4, o+1 {
			g.Pix[o] = uint8((299*int(im.Pix[i]) + 587*int(im.Pix[i+1]) + 114*int(im.Pix[i+2])) / 1000)
		}
		return g
	}
	return nil
}

// recent keeps the sightings of ss seen within hold of now.
func recent(ss []*sighting, now time.Time, hold time.Duration) []*sighting {
	keep := ss[:0]
	for _, s := range ss {
		if now.Sub(s.at) <= hold {
			keep = append(keep, s)
		}
	}
	clear(ss[len(keep):])
	return keep
}

// Flush implements Flusher for an inner decoder that works on in the
// background (a live Engine), so that its last reads reach the loop through
// the preview. It returns nil for any other decoder.
func (p *Previewing) Flush() []canhcua.Code {
	return flush(p.Decoder)
}

// Close frees the preview's memory; Decode keeps decoding (without copying)
// after Close. It does not close the inner decoder.
func (p *Previewing) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed, p.fresh = true, false
	p.slot.Close()
	p.work.Close()
	p.codes, p.open = nil, nil
	p.mu.Unlock()
	p.shotMu.Lock()
	p.read.Close()
	p.shotMu.Unlock()
	return nil
}
