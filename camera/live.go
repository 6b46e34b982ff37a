package camera

import (
	"image"
	"time"
)

type memo struct {
	q  Quad
	at time.Time
}

// DefaultHeavyShare is the share of each second a live engine may spend
// beyond its first pass, and HeavyBurst the most credit it saves up: with
// zxing-cpp's ~5 ms a 1280x720 frame at 30 frames/s this keeps the decoder
// well under the frame period on average.
const (
	DefaultHeavyShare = 0.1
	HeavyBurst        = 60 * time.Millisecond
)

// decodeLive runs the first pass on the whole frame, then, when something
// promising is left unread (a candidate outline, or a place where a code was
// seen lately), the other passes on crops of those regions, in turn, within
// the budget.
func (e *Engine) decodeLive(f *Frame, d *Detail) {
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	t0 := now()
	e.run(0, f, d, image.Point{}, &f.Found)
	mem := e.Memory
	if mem <= 0 {
		mem = time.Second
	}
	kept := e.memo[:0]
	for _, m := range e.memo {
		if t0.Sub(m.at) <= mem {
			kept = append(kept, m)
		}
	}
	e.memo = kept
	for _, c := range f.Found {
		e.remember(quadOf(c), t0)
	}
	if len(e.Passes) == 1 {
		return
	}
	// The heavier work runs only on credit earned over time, so that it can
	// never take the frame rate down.
	share := e.HeavyShare
	if share <= 0 {
		share = DefaultHeavyShare
	}
	if e.earned.IsZero() {
		e.credit = HeavyBurst // a new engine may try hard at once
	} else {
		e.credit += time.Duration(float64(t0.Sub(e.earned)) * share)
		e.credit = min(e.credit, HeavyBurst)
	}
	e.earned = t0
	if e.credit <= 0 {
		return
	}
	spent := time.Now()
	defer func() { e.credit -= time.Since(spent) }()
	// Promising regions: candidates no code covers, then remembered places
	// no code covers now.
	var regions []Quad
	for _, q := range f.Open() {
		regions = append(regions, q)
		e.remember(q, t0)
	}
	for _, m := range e.memo {
		if covered(m.q, f.Found) || overlapsAny(m.q, regions) {
			continue
		}
		regions = append(regions, m.q)
	}
	maxR := e.MaxRegions
	if maxR <= 0 {
		maxR = 2
	}
	if len(regions) > maxR {
		regions = regions[:maxR]
	}
	if len(regions) == 0 {
		return
	}
	heavy := len(e.Passes) - 1
	start := time.Now()
	for done := 0; done < heavy; done++ {
		if e.Budget > 0 && done > 0 && time.Since(start) >= e.Budget {
			break
		}
		i := 1 + (e.next+done)%heavy
		foundAll := true
		for _, q := range regions {
			if covered(q, f.Found) {
				continue
			}
			foundAll = false
			e.runRegion(i, f, d, q)
		}
		if foundAll {
			break
		}
		e.next = (e.next + 1) % heavy
	}
	for _, c := range f.Found {
		e.remember(quadOf(c), t0)
	}
}

// runRegion runs pass i on a crop of f around q.
func (e *Engine) runRegion(i int, f *Frame, d *Detail, q Quad) {
	r := q.Bounds(0.35, image.Rect(0, 0, f.Gray.Cols(), f.Gray.Rows()))
	if r.Dx() < 16 || r.Dy() < 16 {
		return
	}
	roi := f.Gray.Region(r)
	crop := roi.Clone()
	roi.Close()
	defer crop.Close()
	sub := &Frame{Gray: crop}
	// The crop's own candidate is q itself, moved.
	var mq Quad
	for k, p := range q {
		mq[k] = Pointf{X: p.X - float64(r.Min.X), Y: p.Y - float64(r.Min.Y)}
	}
	sub.cands, sub.candsDone = []Quad{mq}, true
	e.run(i, sub, d, r.Min, &f.Found)
}

func (e *Engine) remember(q Quad, at time.Time) {
	for i, m := range e.memo {
		if q.meets(m.q) {
			e.memo[i] = memo{q, at}
			return
		}
	}
	if len(e.memo) < 8 {
		e.memo = append(e.memo, memo{q, at})
	}
}
