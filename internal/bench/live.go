package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/bench/corpus"
)

// LiveReport is Live's result, `canhcua bench live` output; every figure is
// measured.
type LiveReport struct {
	Source     string  `json:"source"`
	Kind       string  `json:"kind"`
	Width      int     `json:"width"`
	Height     int     `json:"height"`
	NominalFPS float64 `json:"nominal_fps"`
	Paced      bool    `json:"paced"` // a finite source (the demo, a file) delivered at its frame rate
	Decoder    string  `json:"decoder"`
	ElapsedS   float64 `json:"elapsed_s"`
	Captured   int64   `json:"captured"`
	Processed  int64   `json:"processed"` // frames through the decoder
	Dropped    int64   `json:"dropped"`   // replaced by a newer frame while the decoder was busy
	Left       int64   `json:"left"`      // still waiting when the run stopped (not dropped; at most 2)
	// Shortfall is how many frames fewer than the nominal rate promised over
	// the run the capture delivered (the source or the capture too slow);
	// 0 for a source of unknown rate.
	Shortfall   int64   `json:"capture_shortfall"`
	Reads       int64   `json:"reads"`
	Distinct    int     `json:"distinct_codes"`
	CapturedFPS float64 `json:"captured_fps"`
	FPS         float64 `json:"processed_fps"` // processed / elapsed

	// Load is the machine's load average over one minute at the start and
	// the end of the run (Linux; 0 elsewhere): the times are wall clock, and
	// other work on the machine stretches them.
	Load [2]float64 `json:"load_avg"`

	LatencyP50MS float64 `json:"latency_p50_ms"` // capture to end of decode
	LatencyP95MS float64 `json:"latency_p95_ms"`
	LatencyOver  int64   `json:"latency_frames"` // frames the latency percentiles cover
	DecodeP50MS  float64 `json:"decode_p50_ms"`  // decoder call only
	DecodeP95MS  float64 `json:"decode_p95_ms"`

	HeapStart uint64 `json:"go_heap_inuse_start"` // bytes, after a GC
	HeapEnd   uint64 `json:"go_heap_inuse_end"`
	HeapPeak  uint64 `json:"go_heap_inuse_peak"` // sampled during the run, no GC forced
	RSSStart  uint64 `json:"rss_start,omitempty"`
	RSSEnd    uint64 `json:"rss_end,omitempty"`
	RSSPeak   uint64 `json:"rss_peak,omitempty"`

	// CPUPercent is the process's CPU time (user and system) during the
	// loop, in percent of one core.
	CPUPercent float64 `json:"cpu_percent"`
	// With LiveRun.Preview: the screen's polls of the preview (one every
	// camera.PreviewEvery), how long each took (copy converted, patterns
	// measured, picture drawn), and their time in percent of one core.
	Preview           bool    `json:"preview"`
	PreviewPolls      int     `json:"preview_polls,omitempty"`
	PreviewP50MS      float64 `json:"preview_p50_ms,omitempty"`
	PreviewP95MS      float64 `json:"preview_p95_ms,omitempty"`
	PreviewCPUPercent float64 `json:"preview_cpu_percent,omitempty"`

	// Elapsed is the measured wall time of the loop (ElapsedS, unrounded).
	Elapsed time.Duration `json:"-"`
}

// liveDecoders are the decoders Live can measure, by name, and what each is.
var liveDecoders = map[string]struct {
	about   string
	decoder func() camera.Decoder
}{
	"live":  {"camera.NewEngine(camera.Live): zxing-cpp on every frame; the heavier passes on a background worker, on the newest frame", func() camera.Decoder { return camera.NewEngine(camera.Live) }},
	"zxing": {"camera.ZXing{}: zxing-cpp alone", func() camera.Decoder { return camera.ZXing{} }},
}

// LiveDecoder returns a new decoder of the kind called name, live (the desk's
// multi-pass engine) or zxing (zxing-cpp's pass alone), and what it is; ok is
// false for any other name.
func LiveDecoder(name string) (dec camera.Decoder, about string, ok bool) {
	d, ok := liveDecoders[name]
	if !ok {
		return nil, "", false
	}
	return d.decoder(), d.about, true
}

// latencyWindow is how many recent frames camera.Loop keeps latencies for.
const latencyWindow = 512

// timedDecoder records how long each call of the decoder takes, in a ring
// allocated up front so the recording does not grow the heap.
type timedDecoder struct {
	camera.Decoder
	mu  sync.Mutex
	d   []time.Duration
	n   int
	cap int
}

func newTimedDecoder(dec camera.Decoder, keep int) *timedDecoder {
	return &timedDecoder{Decoder: dec, d: make([]time.Duration, 0, keep), cap: keep}
}

func (t *timedDecoder) Decode(img gocv.Mat) ([]canhcua.Code, error) {
	start := time.Now()
	codes, err := t.Decoder.Decode(img)
	el := time.Since(start)
	t.mu.Lock()
	if len(t.d) < t.cap {
		t.d = append(t.d, el)
	} else {
		t.d[t.n%t.cap] = el
	}
	t.n++
	t.mu.Unlock()
	return codes, err
}

func (t *timedDecoder) durations() []time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]time.Duration(nil), t.d...)
}

// OpenSource opens the source to measure: the demo (demo, or demo:SEED) at
// w×h, paced at 30 fps like a camera, or any other source camera.Open knows,
// paced when it is a file. sizeSet says whether the size was asked for: it
// applies to the demo only.
func OpenSource(ctx context.Context, name string, w, h int, sizeSet bool) (src camera.Source, paced bool, err error) {
	if seed, ok, err := demoSeed(name); err != nil {
		return nil, false, err
	} else if ok {
		return camera.Paced(camera.NewDemo(camera.DemoOptions{Seed: seed, Width: w, Height: h, FPS: 30}), 30), true, nil
	}
	if sizeSet {
		return nil, false, errors.New("--size applies to the demo source only")
	}
	src, err = camera.Open(ctx, name)
	if err != nil {
		return nil, false, err
	}
	if !src.Info().Live {
		return camera.Paced(src, 25), true, nil
	}
	return src, false, nil
}

// demoSeed says whether name is the demo source (demo, or demo:SEED) and
// its seed (1 for plain demo).
func demoSeed(name string) (seed int64, ok bool, err error) {
	if name != "demo" && !strings.HasPrefix(name, "demo:") {
		return 0, false, nil
	}
	seed = 1
	if s, ok := strings.CutPrefix(name, "demo:"); ok {
		if seed, err = strconv.ParseInt(s, 10, 64); err != nil {
			return 0, false, fmt.Errorf("demo source %q: the seed must be a whole number", name)
		}
	}
	return seed, true, nil
}

// rss returns the process's resident set size in bytes (Linux), or 0.
func rss() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return 0
	}
	return pages * uint64(os.Getpagesize())
}

func heapInuse(gc bool) uint64 {
	if gc {
		runtime.GC()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// LiveRun says what Live measures.
type LiveRun struct {
	Source camera.Source // from OpenSource; Live does not close it
	Name   string        // the source as named to OpenSource
	Paced  bool          // as OpenSource said
	// Decoder and About are from LiveDecoder.
	Decoder  camera.Decoder
	About    string
	Duration time.Duration // how long to run
	// Preview, when not nil, is the screen: the decoder is wrapped in
	// camera.Previewing, whose Shot is taken every camera.PreviewEvery and
	// given to Preview to draw, as the desk's screen does.
	Preview func(camera.PreviewShot)
}

// previewPolls takes pv's Shot every camera.PreviewEvery until ctx is done,
// gives it to show, and returns how long each poll took.
func previewPolls(ctx context.Context, pv *camera.Previewing, show func(camera.PreviewShot)) []time.Duration {
	var took []time.Duration
	t := time.NewTicker(camera.PreviewEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return took
		case <-t.C:
			start := time.Now()
			show(pv.Shot())
			took = append(took, time.Since(start))
		}
	}
}

// Live runs the live frame loop (capture, decode the newest frame, drop older
// ones) on the source for the run's duration, or until ctx is done, and
// reports what it measured: frames captured, processed and dropped, reads,
// capture-to-decode latency, and memory at the start and the end of the run.
// The error is the loop's; a run ctx cut short, or one that captured no
// frame, is the caller's to tell.
func Live(ctx context.Context, run LiveRun) (LiveReport, error) {
	info := run.Source.Info()
	inner := run.Decoder
	var pv *camera.Previewing
	if run.Preview != nil {
		pv = camera.NewPreviewing(inner, camera.PreviewOptions{})
		defer pv.Close()
		inner = pv
	}
	dec := newTimedDecoder(inner, 1<<14)
	loop := &camera.Loop{Source: run.Source, Decoder: dec}
	reads := make(chan canhcua.Read, 64)
	distinct := map[string]bool{}
	readsDone := make(chan struct{})

	rep := LiveReport{Source: run.Name, Kind: info.Kind, Width: info.Width, Height: info.Height, NominalFPS: info.FPS, Paced: run.Paced, Decoder: run.About}
	rep.HeapStart, rep.RSSStart = heapInuse(true), rss()
	rep.Load[0] = loadAvg()
	rep.HeapPeak, rep.RSSPeak = rep.HeapStart, rep.RSSStart

	runCtx, cancel := context.WithTimeout(ctx, run.Duration)
	defer cancel()
	go func() {
		defer close(readsDone)
		for r := range reads {
			distinct[r.Key()] = true
		}
	}()
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-runCtx.Done():
				return
			case <-t.C:
				rep.HeapPeak = max(rep.HeapPeak, heapInuse(false))
				rep.RSSPeak = max(rep.RSSPeak, rss())
			}
		}
	}()
	polled := make(chan []time.Duration, 1)
	if pv != nil {
		go func() { polled <- previewPolls(runCtx, pv, run.Preview) }()
	} else {
		polled <- nil
	}
	start, cpu := time.Now(), cpuTime()
	runErr := loop.Run(runCtx, reads)
	elapsed := time.Since(start)
	cancel()
	polls := <-polled
	cpu = cpuTime() - cpu
	close(reads)
	<-readsDone
	<-sampled
	rep.HeapEnd, rep.RSSEnd = heapInuse(true), rss()
	rep.Load[1] = loadAvg()
	rep.RSSPeak = max(rep.RSSPeak, rep.RSSEnd)
	if runErr != nil {
		return rep, runErr
	}

	st := loop.Stats()
	rep.Elapsed = elapsed
	rep.ElapsedS = elapsed.Seconds()
	rep.Captured, rep.Processed, rep.Dropped, rep.Left, rep.Reads = st.Captured, st.Decoded, st.Dropped, st.Left, st.Reads
	rep.Distinct = len(distinct)
	if info.FPS > 0 {
		rep.Shortfall = max(0, int64(elapsed.Seconds()*info.FPS)-st.Captured)
	}
	rep.CapturedFPS = float64(st.Captured) / elapsed.Seconds()
	rep.FPS = float64(st.Decoded) / elapsed.Seconds()
	rep.LatencyP50MS, rep.LatencyP95MS = durMS(st.LatencyP50), durMS(st.LatencyP95)
	rep.LatencyOver = min(st.Decoded, latencyWindow)
	ds := dec.durations()
	rep.DecodeP50MS, rep.DecodeP95MS = durMS(corpus.Percentile(ds, 50)), durMS(corpus.Percentile(ds, 95))
	rep.CPUPercent = 100 * cpu.Seconds() / elapsed.Seconds()
	if pv != nil {
		rep.Preview, rep.PreviewPolls = true, len(polls)
		rep.PreviewP50MS, rep.PreviewP95MS = durMS(corpus.Percentile(polls, 50)), durMS(corpus.Percentile(polls, 95))
		var sum time.Duration
		for _, d := range polls {
			sum += d
		}
		rep.PreviewCPUPercent = 100 * sum.Seconds() / elapsed.Seconds()
	}
	return rep, nil
}

// loadAvg is the machine's 1-minute load average (Linux), or 0.
func loadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

func durMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

// WriteJSON writes the report as one indented JSON object and a newline.
func (r LiveReport) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// WriteText writes the report for a terminal.
func (r LiveReport) WriteText(w io.Writer) {
	how := "live"
	if r.Paced {
		how = "paced at its frame rate like a camera"
	}
	fmt.Fprintf(w, "source       %s (%s, %dx%d, %.0f fps nominal, %s)\n", r.Source, r.Kind, r.Width, r.Height, r.NominalFPS, how)
	fmt.Fprintf(w, "decoder      %s, one decoding goroutine\n", r.Decoder)
	fmt.Fprintf(w, "elapsed      %.2f s (measured wall time of the loop)\n", r.ElapsedS)
	fmt.Fprintf(w, "processed    %d frames, %.1f frames/s (decoded frames / elapsed)\n", r.Processed, r.FPS)
	fmt.Fprintf(w, "captured     %d frames, %.1f frames/s\n", r.Captured, r.CapturedFPS)
	fmt.Fprintf(w, "dropped      %d frames (decoder busy: replaced by a newer frame before decoding)\n", r.Dropped)
	if r.NominalFPS > 0 {
		fmt.Fprintf(w, "short        %d frames (capture busy: fewer captured than %.0f frames/s over the run)\n", r.Shortfall, r.NominalFPS)
	}
	fmt.Fprintf(w, "reads        %d (de-duplicated, %s window), %d distinct codes\n", r.Reads, canhcua.DefaultDedupWindow, r.Distinct)
	fmt.Fprintf(w, "latency      median %.1f ms, p95 %.1f ms (capture to end of decode, last %d decoded frames)\n", r.LatencyP50MS, r.LatencyP95MS, r.LatencyOver)
	fmt.Fprintf(w, "decode time  median %.1f ms, p95 %.1f ms (decoder call only)\n", r.DecodeP50MS, r.DecodeP95MS)
	if r.Load != [2]float64{} {
		fmt.Fprintf(w, "machine load %.1f at the start, %.1f at the end (1-minute load average; the times above are wall clock)\n", r.Load[0], r.Load[1])
	}
	fmt.Fprintf(w, "go heap      start %s, end %s (in use after GC); peak %s (sampled every 0.5 s)\n", mib(r.HeapStart), mib(r.HeapEnd), mib(r.HeapPeak))
	fmt.Fprintf(w, "cpu          %.0f%% of one core (process user+system time / elapsed)\n", r.CPUPercent)
	if r.Preview {
		fmt.Fprintf(w, "preview      %d polls (one every %s), median %.1f ms, p95 %.1f ms each (copy converted, patterns measured, picture drawn): %.1f%% of one core\n",
			r.PreviewPolls, camera.PreviewEvery, r.PreviewP50MS, r.PreviewP95MS, r.PreviewCPUPercent)
	}
	if r.RSSStart > 0 {
		fmt.Fprintf(w, "process rss  start %s, end %s, peak %s (includes OpenCV frame buffers)\n", mib(r.RSSStart), mib(r.RSSEnd), mib(r.RSSPeak))
	}
}
