package bench

import (
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
)

// jobRunner is a decoder whose background jobs a simulation can run (a
// live camera.Engine).
type jobRunner interface {
	RunJobs(func(camera.Job))
}

// holdSimulated holds src up to dec on a simulated clock, as a machine with
// two processor cores to itself would: one for the frame path, one for the
// engine's background worker (the capture costs nothing). Frames are due
// every period; the frame path takes the newest frame due when it is free
// (the frame loop's rule: the others are dropped) and is busy for the
// processor time the decoding took; a background job handed over during a
// frame runs on the other core from the frame's end, for the processor time
// it took, and its result reaches the first frame to start after that. The
// engine's clock (its credit, its memory) is the simulated one. Processor
// time, not wall time: what else the machine runs stretches neither, so the
// figures are the same on a busy machine (within a few per cent).
func holdSimulated(src *camera.Held, dec camera.Decoder) ([]timedRead, holdResult) {
	n, period := src.Frames(), src.Period()
	hold := time.Duration(n) * period
	base := time.Now()
	var now time.Duration
	if e, ok := dec.(*camera.Engine); ok {
		e.Now = func() time.Time { return base.Add(now) }
	}
	var queued camera.Job
	if jr, ok := dec.(jobRunner); ok {
		jr.RunJobs(func(j camera.Job) { queued = j })
	}
	type pending struct {
		at, cost time.Duration
		deliver  func(time.Duration)
	}
	var pend *pending
	var reads []timedRead
	var dd canhcua.Deduper
	report := func(codes []canhcua.Code, k int, at time.Duration) {
		for _, c := range codes {
			if dd.Seen(c.Key(), base.Add(time.Duration(k)*period)) {
				reads = append(reads, timedRead{c, at})
			}
		}
	}
	h := holdResult{held: hold}
	var free time.Duration // the frame path's core is free from then
	next, last := 0, 0
	for {
		s := max(free, time.Duration(next)*period)
		if s >= hold {
			break
		}
		k := min(n-1, int(s/period))
		h.frames.Dropped += int64(k - next)
		next, last = k+1, k
		if pend != nil && pend.at <= s {
			pend.deliver(pend.cost)
			pend = nil
		}
		now = s
		c0 := cpuTime()
		codes, err := dec.Decode(src.Frame(k))
		c := cpuTime() - c0
		free = s + c
		h.frames.Decoded++
		h.cpu += c
		if err == nil {
			report(codes, k, free)
		}
		if queued != nil {
			j := queued
			queued = nil
			c0 := cpuTime()
			deliver := j.Run()
			cj := cpuTime() - c0
			h.cpu += cj
			pend = &pending{at: free + cj, cost: cj, deliver: deliver}
		}
	}
	h.frames.Dropped += int64(n - next) // due while the last frame was decoded
	h.frames.Captured = int64(n)
	if pend != nil {
		pend.deliver(pend.cost)
		if fl, ok := dec.(camera.Flusher); ok {
			report(fl.Flush(), last, pend.at)
		}
	}
	return reads, h
}
