package camera

import (
	"fmt"
	"image"
	"math"
	"sync"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// A live engine reads each frame with its first pass, on the frame path,
// and nothing else: the frame is done when that pass is. Its heavier passes
// run on a background worker, one job at a time, each job on a copy of the
// newest frame handed over when the worker is free: so a slow pass (the
// WeChat detector, a pass on a large frame) delays no frame and makes the
// loop drop none. What the worker reads is merged into the codes of the
// next frame the engine decodes (Flush gives what it read after the last).

type memo struct {
	q  Quad
	at time.Time
}

// DefaultHeavyShare is the share of each second a live engine's worker may
// spend on its heavier passes on average (of one processor core: the frame
// path and the capture keep the rest of the machine), and HeavyBurst the
// most credit it saves up: a card held up to a camera that was idle gets
// that much of the worker's time at once.
const (
	DefaultHeavyShare = 0.5
	HeavyBurst        = time.Second
)

// sceneSide is the width of the thumbnail by which the worker tells one
// scene from another, and sceneDiff the mean difference of gray levels
// beyond which two thumbnails are other scenes.
const (
	sceneSide  = 32
	sceneDiff  = 6.0
	flatSpread = 2.0 // a thumbnail's standard deviation below which the scene is flat (nothing in view)
)

// background is a live engine's worker and what the frame path keeps for
// it.
type background struct {
	mu   sync.Mutex
	busy bool
	done chan struct{} // closed when the job in flight ends
	res  *jobResult    // the last job's result, not yet taken by a frame

	// Kept by the frame path (under Engine.mu), handed to each job and
	// taken back from its result.
	next   int     // the heavy pass the next job starts with
	tried  int     // heavy passes run since the scene last changed
	scene  []uint8 // thumbnail of the scene they ran on
	recent []memoCode
	jobs   func(Job) // runs the jobs (nil: a goroutine each)
}

// memoCode is a code the worker read, remembered as covering its place for
// a while: the frame path does not read it again, the worker need not look
// there again.
type memoCode struct {
	c  canhcua.Code
	at time.Time
}

// job is one piece of the worker's work: the heavy passes' next turn on a
// copy of one frame.
type job struct {
	gray   gocv.Mat       // the frame (a copy, the job's own)
	found  []canhcua.Code // what is read there already: the frame's first pass, the worker lately
	places []Quad         // where something was seen lately that nothing read now
	next   int
	tried  int
	scene  []uint8
	budget time.Duration
}

// jobResult is what a job did.
type jobResult struct {
	runs    []passRun
	cands   []Quad // candidate outlines found in the frame, no code over them
	next    int
	tried   int
	scene   []uint8
	elapsed time.Duration // the whole job, charged to the credit
}

// passRun is one heavy pass run by the worker.
type passRun struct {
	i       int
	codes   []canhcua.Code // everything it read
	fresh   []canhcua.Code // of them, what nothing had read
	elapsed time.Duration
	err     error
}

// decodeLive runs the first pass on the frame, takes what the worker read
// since the last frame, and hands the frame to the worker when it is free
// and has credit.
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
	recent := e.bg.recent[:0]
	for _, m := range e.bg.recent {
		if t0.Sub(m.at) <= mem {
			recent = append(recent, m)
		}
	}
	e.bg.recent = recent
	for _, c := range f.Found {
		e.remember(quadOf(c), t0)
	}
	if len(e.Passes) == 1 {
		return
	}
	e.collect(e.take(), f, d, t0)
	// The worker runs only on credit earned over time, so that it keeps to
	// its share of the machine.
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
	if e.credit > 0 {
		e.handOff(f)
	}
}

// take returns the last job's result, if one is waiting.
func (e *Engine) take() *jobResult {
	e.bg.mu.Lock()
	defer e.bg.mu.Unlock()
	r := e.bg.res
	e.bg.res = nil
	return r
}

// collect merges a job's result into frame f (nil: no frame, see Flush) and
// its detail, and keeps the worker's state; it returns the codes new to f.
func (e *Engine) collect(r *jobResult, f *Frame, d *Detail, t0 time.Time) []canhcua.Code {
	if r == nil {
		return nil
	}
	e.credit -= r.elapsed
	e.bg.next, e.bg.tried, e.bg.scene = r.next, r.tried, r.scene
	for _, q := range r.cands {
		e.remember(q, t0)
	}
	var found []canhcua.Code
	var news []canhcua.Code
	if f != nil {
		found = f.Found
	}
	for _, run := range r.runs {
		st := &e.stats[run.i]
		st.Runs++
		st.Time += run.elapsed
		st.Codes += int64(len(run.codes))
		var pr *PassResult
		if d != nil {
			pr = &d.Passes[run.i]
			pr.Ran = true
			pr.Elapsed += run.elapsed
			pr.Codes = append(pr.Codes, run.codes...)
			if run.err != nil && pr.Err == nil {
				pr.Err = run.err
			}
		}
		for _, c := range run.fresh {
			if !add(&found, c) {
				continue
			}
			news = append(news, c)
			st.New++
			if pr != nil {
				pr.New++
			}
			e.bg.recent = append(e.bg.recent, memoCode{c, t0})
			e.remember(quadOf(c), t0)
		}
	}
	if f != nil {
		f.Found = found
	}
	return news
}

// handOff gives the worker a copy of f when it is free and its last result
// was taken.
func (e *Engine) handOff(f *Frame) {
	e.bg.mu.Lock()
	if e.bg.busy || e.bg.res != nil {
		e.bg.mu.Unlock()
		return
	}
	e.bg.busy = true
	done := make(chan struct{})
	e.bg.done = done
	e.bg.mu.Unlock()

	j := &job{gray: f.Gray.Clone(), next: e.bg.next, tried: e.bg.tried, scene: e.bg.scene, budget: e.Budget}
	j.found = append(j.found, f.Found...)
	for _, m := range e.bg.recent {
		j.found = append(j.found, m.c)
	}
	for _, m := range e.memo {
		if !covered(m.q, j.found) {
			j.places = append(j.places, m.q)
		}
	}
	lj := &liveJob{e: e, j: j, done: done}
	if e.bg.jobs != nil {
		e.bg.jobs(lj)
		return
	}
	go func() {
		lowerPriority()
		lj.Run()(0)
	}()
}

// A Job is one piece of a live engine's background work: Run does the work
// and returns the function that hands its result to the engine, charging
// cost to the engine's credit (0: the time Run took).
type Job interface {
	Run() (deliver func(cost time.Duration))
}

// RunJobs makes a live engine hand its background jobs to run instead of
// starting a goroutine for each: a simulation (see internal/bench) runs
// them when its clock says, and delivers their results when its clock says
// they are done. Run must be called once for each job, and what it returns
// once; until then the engine hands over no other job, and Wait and Flush
// wait.
func (e *Engine) RunJobs(run func(Job)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.bg.jobs = run
}

type liveJob struct {
	e    *Engine
	j    *job
	done chan struct{}
}

func (lj *liveJob) Run() func(time.Duration) {
	r := lj.e.work(lj.j)
	return func(cost time.Duration) {
		if cost > 0 {
			r.elapsed = cost
		}
		bg := &lj.e.bg
		bg.mu.Lock()
		bg.res, bg.busy = r, false
		close(lj.done)
		bg.mu.Unlock()
	}
}

// work is the worker: it runs the heavy passes' next turn on the job's
// frame when something there is worth it: a candidate outline no code
// covers, a place where something was seen lately and nothing is read now,
// or a scene the passes have not all had a turn at yet (unless it is flat:
// nothing in view). A turn is one pass, and more while the job's budget
// lasts. The passes see the whole frame, as the still engine's do.
func (e *Engine) work(j *job) *jobResult {
	defer j.gray.Close()
	start := time.Now()
	r := &jobResult{next: j.next, tried: j.tried, scene: j.scene}
	defer func() { r.elapsed = time.Since(start) }()
	th, spread := thumbnail(j.gray)
	if !sameScene(th, j.scene) {
		r.scene, r.tried = th, 0
	}
	f := &Frame{Gray: j.gray, Found: j.found, candSide: e.CandidateSide}
	r.cands = f.Open()
	heavy := len(e.Passes) - 1
	worth := len(r.cands) > 0 || len(j.places) > 0 || r.tried < heavy && spread >= flatSpread
	if !worth {
		return r
	}
	for ran := 0; ran < heavy; ran++ {
		if ran > 0 && (j.budget <= 0 || time.Since(start) >= j.budget) {
			break
		}
		i := 1 + r.next%heavy
		r.next = (r.next + 1) % heavy
		r.tried++
		t := time.Now()
		codes, err := safeDecode(e.Passes[i], f)
		run := passRun{i: i, codes: codes, elapsed: time.Since(t)}
		if err != nil {
			run.err = errPass(e.Passes[i], err)
		}
		for _, c := range codes {
			if add(&f.Found, c) {
				run.fresh = append(run.fresh, c)
			}
		}
		r.runs = append(r.runs, run)
	}
	return r
}

// thumbnail shrinks m to sceneSide pixels wide and returns its pixels and
// their standard deviation.
func thumbnail(m gocv.Mat) ([]uint8, float64) {
	w := sceneSide
	h := max(1, int(math.Round(float64(m.Rows())*sceneSide/float64(max(1, m.Cols())))))
	t := gocv.NewMat()
	defer t.Close()
	gocv.Resize(m, &t, image.Pt(w, h), 0, 0, gocv.InterpolationArea)
	px, err := t.DataPtrUint8()
	if err != nil {
		return nil, 0
	}
	out := append([]uint8(nil), px...)
	var sum, sq float64
	for _, v := range out {
		sum += float64(v)
		sq += float64(v) * float64(v)
	}
	n := float64(len(out))
	return out, math.Sqrt(math.Max(0, sq/n-(sum/n)*(sum/n)))
}

// sameScene says whether two thumbnails show the same scene.
func sameScene(a, b []uint8) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	var diff float64
	for i := range a {
		diff += math.Abs(float64(a[i]) - float64(b[i]))
	}
	return diff/float64(len(a)) < sceneDiff
}

// Wait waits until a live engine's worker has finished the job in flight,
// if any; what it read is still merged into the next frame. It returns at
// once for a still engine.
func (e *Engine) Wait() {
	e.bg.mu.Lock()
	done := e.bg.done
	e.bg.mu.Unlock()
	if done != nil {
		<-done
	}
}

// Flush waits for a live engine's worker and returns the codes it read that
// no frame reported yet: the frame loop calls it when a finite source ends,
// so the last frames' codes are not lost.
func (e *Engine) Flush() []canhcua.Code {
	e.Wait()
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.stats) != len(e.Passes) {
		return nil // no frame was decoded
	}
	var last []canhcua.Code
	for _, m := range e.bg.recent {
		last = append(last, m.c)
	}
	f := &Frame{Found: last}
	news := e.collect(e.take(), f, nil, e.earned)
	return news
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

func errPass(p Pass, err error) error { return fmt.Errorf("%s pass: %w", p.Name(), err) }
