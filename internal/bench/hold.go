package bench

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"syscall"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/bench/corpus"
)

// HoldRun says how DecodeLive shows each photo to the live engine.
type HoldRun struct {
	Hold   time.Duration // how long each photo is held up (0: one second)
	FPS    float64       // frames a second (0: 30)
	Motion bool          // shaken as a hand shakes (camera.HoldOptions.Motion)
	// Simulated runs the hold on a simulated clock rather than in real time
	// (see holdSimulated): figures that do not depend on what else the
	// machine is doing.
	Simulated bool
	// Decoder makes the decoder for one photo (nil: a new
	// camera.NewEngine(camera.Live) per photo, as a new person steps up to
	// a desk whose engine saw nothing for a while); About says what it is.
	Decoder func() camera.Decoder
	About   string
}

// HoldTiming says what DecodeLive's times are.
const HoldTiming = "time to first read: from the delivery of the photo's first frame to the end of the decoding of the frame whose output first held a code (real time, the frame loop's clock)"

// HoldTimingSimulated says what DecodeLive's times are on a simulated clock.
const HoldTimingSimulated = "time to first read on a simulated clock: frames due every period, the frame path and the engine's background worker each on a simulated core of its own, busy for the processor time their work took; from the first frame to the end of the decoding that reported a code"

// HoldReport is DecodeLive's result, `canhcua bench decode --engine live
// --json` output. The embedded corpus report scores the codes read within the
// hold; its decode times (median_ms, p95_ms and each category's median_ms)
// are times to first read, counting the whole hold for a photo of which
// nothing was read.
type HoldReport struct {
	Decoder string  `json:"decoder"`
	HoldS   float64 `json:"hold_s"`
	FPS     float64 `json:"fps"`
	Motion  bool    `json:"motion"`
	// Simulated: the holds ran on a simulated clock (processor time on two
	// simulated cores), not in real time.
	Simulated bool   `json:"simulated_clock"`
	Timing    string `json:"timing"`
	// FirstRead is the time to first read over the photos of which a code
	// was read within the hold, overall and per category (labels corpora).
	FirstRead           FirstRead         `json:"first_read"`
	FirstReadByCategory []CategoryFirstRd `json:"first_read_by_category,omitempty"`
	Frames              HoldFrames        `json:"frames"`
	// Late counts the codes read after the hold was over (not scored).
	Late int `json:"late_reads"`
	// HeldS is the wall time of all the holds, from each first frame to the
	// end of its loop, and CPUS the processor time the process used in them
	// (all threads): on a machine with other work, CPUS/HeldS well under
	// what the engine asks for (the frame path and the worker: up to 1.5
	// cores) says the times were stretched by waiting for a processor.
	HeldS float64    `json:"held_s"`
	CPUS  float64    `json:"cpu_s"`
	Load  [2]float64 `json:"load_avg"` // 1-minute load average at the start and the end
	*corpus.Report
}

// FirstRead is a summary of times to first read.
type FirstRead struct {
	Images   int     `json:"images"` // photos with a read within the hold
	MedianMS float64 `json:"median_ms"`
	P95MS    float64 `json:"p95_ms"`
}

// CategoryFirstRd is the time to first read in one labels category.
type CategoryFirstRd struct {
	Name string `json:"name"`
	FirstRead
}

// HoldFrames counts the frames of all the holds.
type HoldFrames struct {
	Due      int64 `json:"due"`      // frames the holds lasted, at the frame rate
	Captured int64 `json:"captured"` // frames the loop read from the held source
	Missed   int64 `json:"missed"`   // due while the capture was still busy with an earlier frame
	Decoded  int64 `json:"decoded"`  // frames through the decoder
	Dropped  int64 `json:"dropped"`  // replaced by a newer frame while the decoder was busy
}

// holdResult is one photo's hold.
type holdResult struct {
	codes  []canhcua.Code
	first  time.Duration // to the first read; -1 when none within the hold
	late   int
	frames HoldFrames
	held   time.Duration // wall time from the first frame to the end of the loop
	cpu    time.Duration // the process's processor time meanwhile
}

// DecodeLive shows each photo of the corpus in dir to a live decoder as a
// camera shows a card held up to it: the photo (as 8-bit gray, as the still
// bench decodes it) repeated at run.FPS in real time for run.Hold, through
// the real frame loop (camera.Loop: the newest frame wins). A photo's score
// is the codes read within the hold; its time the time to first read.
// Photos are shown one after the other, each to a new decoder.
func DecodeLive(ctx context.Context, dir string, run HoldRun) (*HoldReport, error) {
	if run.Hold <= 0 {
		run.Hold = time.Second
	}
	if run.FPS <= 0 {
		run.FPS = 30
	}
	if run.Decoder == nil {
		run.Decoder = func() camera.Decoder { return camera.NewEngine(camera.Live) }
		run.About = liveDecoders["live"].about
	}
	c, err := corpus.Load(dir)
	if err != nil {
		return nil, err
	}
	rep := &HoldReport{Decoder: run.About, HoldS: run.Hold.Seconds(), FPS: run.FPS, Motion: run.Motion, Simulated: run.Simulated, Timing: HoldTiming}
	if run.Simulated {
		rep.Timing = HoldTimingSimulated
	}
	rep.Load[0] = loadAvg()
	firsts := map[string][]time.Duration{}
	var all []time.Duration
	res, err := c.Run(ctx, func(path string) ([]canhcua.Code, time.Duration, error) {
		h, err := holdOne(ctx, path, run)
		if err != nil {
			return nil, 0, err
		}
		rep.Late += h.late
		rep.HeldS += h.held.Seconds()
		rep.CPUS += h.cpu.Seconds()
		f := &rep.Frames
		f.Due += h.frames.Due
		f.Captured += h.frames.Captured
		f.Missed += h.frames.Missed
		f.Decoded += h.frames.Decoded
		f.Dropped += h.frames.Dropped
		if h.first < 0 {
			return h.codes, run.Hold, nil
		}
		cat := c.Images[imageIndex(c, path)].Category
		firsts[cat] = append(firsts[cat], h.first)
		all = append(all, h.first)
		return h.codes, h.first, nil
	})
	if err != nil {
		return nil, fmt.Errorf("stopped after %d of %d images: %w", len(res), len(c.Images), err)
	}
	rep.Load[1] = loadAvg()
	rep.Report = c.Score(res)
	rep.FirstRead = firstReadOf(all)
	if rep.Labels != nil {
		for _, cat := range rep.Labels.Categories {
			rep.FirstReadByCategory = append(rep.FirstReadByCategory, CategoryFirstRd{Name: cat.Name, FirstRead: firstReadOf(firsts[cat.Name])})
		}
	}
	return rep, nil
}

// imageIndex is the index in c.Images of the image whose file is path.
func imageIndex(c *corpus.Corpus, path string) int {
	for i, img := range c.Images {
		if c.File(img) == path {
			return i
		}
	}
	return -1
}

func firstReadOf(ds []time.Duration) FirstRead {
	return FirstRead{Images: len(ds), MedianMS: durMS(corpus.Percentile(ds, 50)), P95MS: durMS(corpus.Percentile(ds, 95))}
}

// waiter is a decoder with background work that can be waited for.
type waiter interface{ Wait() }

// timedRead is a code read, and when: from the first frame to the end of
// the decoding that reported it.
type timedRead struct {
	code canhcua.Code
	at   time.Duration
}

// holdOne holds the photo at path up to a new decoder.
func holdOne(ctx context.Context, path string, run HoldRun) (holdResult, error) {
	img, err := camera.ReadImage(path)
	defer img.Close()
	if err != nil {
		return holdResult{}, err
	}
	seed := fnv.New64a()
	io.WriteString(seed, path)
	src, err := camera.Hold(img, camera.HoldOptions{For: run.Hold, FPS: run.FPS, Motion: run.Motion, Seed: seed.Sum64()})
	if err != nil {
		return holdResult{}, fmt.Errorf("%s: %w", path, err)
	}
	defer src.Close()
	dec := run.Decoder()
	var h holdResult
	var reads []timedRead
	if run.Simulated {
		reads, h = holdSimulated(src, dec)
	} else {
		reads, h, err = holdReal(ctx, src, dec)
	}
	if err == nil {
		err = ctx.Err() // a hold cut short is not scored
	}
	if err != nil {
		return holdResult{}, err
	}
	h.first = -1
	for _, r := range reads {
		if r.at > run.Hold {
			h.late++
			continue
		}
		h.codes = append(h.codes, r.code)
		if h.first < 0 || r.at < h.first {
			h.first = r.at
		}
	}
	h.frames.Due = int64(src.Frames())
	return h, nil
}

// holdReal holds src up to dec through the frame loop, in real time.
func holdReal(ctx context.Context, src *camera.Held, dec camera.Decoder) ([]timedRead, holdResult, error) {
	loop := &camera.Loop{Source: src, Decoder: dec}
	out := make(chan canhcua.Read, 64)
	var reads []canhcua.Read
	done := make(chan struct{})
	go func() {
		defer close(done)
		for r := range out {
			reads = append(reads, r)
		}
	}()
	cpu0 := cpuTime()
	err := loop.Run(ctx, out)
	ended, cpu := time.Now(), cpuTime()-cpu0
	close(out)
	<-done
	if w, ok := dec.(waiter); ok {
		w.Wait() // the next photo does not share the processor with this one's work
	}
	start := src.Start()
	var tr []timedRead
	for _, r := range reads {
		tr = append(tr, timedRead{r.Code, r.At.Add(r.Latency).Sub(start)})
	}
	st := loop.Stats()
	h := holdResult{held: ended.Sub(start), cpu: cpu,
		frames: HoldFrames{Captured: st.Captured, Missed: int64(src.Missed()), Decoded: st.Decoded, Dropped: st.Dropped}}
	return tr, h, err
}

// cpuTime is the processor time the process used so far (user and system,
// all threads), or 0 where it cannot be read.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
