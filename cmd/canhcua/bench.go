package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/bench/corpus"
)

const benchUsage = `Usage:
  canhcua bench decode [--passes P,Q] [--json] [-v] DIR
        score the decoder, pass by pass, on a corpus folder (manifest.tsv or labels.jsonl)
  canhcua bench live [--source S] [--size WxH] [--duration D] [--json]
        measure the live capture and decode pipeline

Run 'canhcua bench decode --help' or 'canhcua bench live --help' for the options.
`

// benchDecoderNames say which decoder `bench live` measures.
var benchDecoderNames = map[string]string{
	"live":  "camera.NewEngine(camera.Live): zxing-cpp on every frame, heavier passes on promising regions",
	"zxing": "camera.ZXing{}: zxing-cpp alone",
}

// benchEngineName says which decoder `bench decode` measures.
const benchEngineName = "camera.Engine in still mode (every pass on every image), passes"

// benchTiming says what the decode times cover.
const benchTiming = "decode only: the engine on the 8-bit gray image; reading and decompressing the file are not timed"

func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "canhcua bench: say what to measure: decode DIR or live (see canhcua bench --help)")
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(stdout, benchUsage)
		return exitOK
	case "decode":
		return benchDecode(ctx, args[1:], stdout, stderr)
	case "live":
		return benchLive(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "canhcua bench: unknown benchmark %q (want decode or live)\n", args[0])
	return exitUsage
}

// benchOneLine flattens an error into one line.
func benchOneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// benchPassReport is one pass's own score within an engine run.
type benchPassReport struct {
	Name string `json:"name"`
	// Alone: the codes this pass read, scored on their own (a pass that works
	// on what earlier passes left, like regions, is scored on that).
	Alone *corpus.Report `json:"alone"`
	// Cumulative: the codes of this pass and every pass before it, the same
	// text at the same place counted once. (The combined result also drops a
	// code read where an earlier pass read another text.)
	Cumulative *corpus.Report `json:"cumulative"`
}

// benchDecodeReport is `canhcua bench decode --json` output.
type benchDecodeReport struct {
	Decoder string            `json:"decoder"`
	Passes  []benchPassReport `json:"passes,omitempty"`
	Timing  string            `json:"timing"`
	*corpus.Report
}

// benchEngine runs a still engine of the given passes over the corpus in dir,
// and scores the engine (combined) and each pass.
func benchEngine(ctx context.Context, dir string, passes []camera.Pass) (*corpus.Report, []benchPassReport, error) {
	c, err := corpus.Load(dir)
	if err != nil {
		return nil, nil, err
	}
	eng := &camera.Engine{Mode: camera.Still, Passes: passes}
	details := map[string]camera.Detail{}
	res, err := c.Run(ctx, func(path string) ([]canhcua.Code, time.Duration, error) {
		m, err := camera.ReadImage(path)
		defer m.Close()
		if err != nil {
			return nil, 0, err
		}
		start := time.Now()
		d, err := eng.DecodeDetail(m)
		el := time.Since(start)
		details[path] = d
		return d.Codes, el, err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("stopped after %d of %d images: %w", len(res), len(c.Images), err)
	}
	combined := c.Score(res)
	reps := make([]benchPassReport, len(passes))
	for i, p := range passes {
		alone := make([]corpus.Result, len(res))
		cum := make([]corpus.Result, len(res))
		for k, r := range res {
			alone[k] = corpus.Result{Image: r.Image, Err: r.Err}
			cum[k] = alone[k]
			d, ok := details[c.File(c.Images[k])]
			if !ok || r.Err != nil {
				continue
			}
			pr := d.Passes[i]
			alone[k].Codes, alone[k].Elapsed = pr.Codes, pr.Elapsed
			for j := 0; j <= i; j++ {
				for _, code := range d.Passes[j].Codes {
					if !camera.Duplicate(cum[k].Codes, code) {
						cum[k].Codes = append(cum[k].Codes, code)
					}
				}
				cum[k].Elapsed += d.Passes[j].Elapsed
			}
		}
		reps[i] = benchPassReport{Name: p.Name(), Alone: c.Score(alone), Cumulative: c.Score(cum)}
	}
	return combined, reps, nil
}

// parsePasses reads --passes: pass names separated by commas, or "all".
func parsePasses(s string) ([]camera.Pass, error) {
	switch s {
	case "", "still":
		return camera.StillPasses(), nil
	case "live":
		return camera.LivePasses(), nil
	case "all":
		return camera.AllPasses(), nil
	}
	var ps []camera.Pass
	seen := map[string]bool{}
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(n)
		p, err := camera.PassByName(n)
		if err != nil {
			return nil, fmt.Errorf("--passes: %v", err)
		}
		if seen[n] {
			return nil, fmt.Errorf("--passes: %q given twice", n)
		}
		seen[n] = true
		ps = append(ps, p)
	}
	return ps, nil
}

func passNames(ps []camera.Pass) string {
	var ns []string
	for _, p := range ps {
		ns = append(ns, p.Name())
	}
	return strings.Join(ns, ",")
}

func benchDecode(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var names []string
	for _, p := range camera.AllPasses() {
		names = append(names, p.Name())
	}
	fs := newFlags("bench decode", "canhcua bench decode [--passes P,Q] [--json] [-v] DIR\n\n"+
		"Decodes every image of a corpus folder (manifest.tsv: expected texts, or labels.jsonl:\n"+
		"code outlines, BoofCV-style) one after the other with the still-image engine and scores\n"+
		"the result: each pass on its own, the passes so far (cumulative) and all combined.\n"+
		"Times cover the decoding only, not reading the file. Exit status: 0 scored, 2 the\n"+
		"corpus cannot be used.\n\nPasses: "+strings.Join(names, ", "), stdout)
	asJSON := fs.Bool("json", false, "print the full report as one JSON object")
	verbose := fs.Bool("v", false, "also list missed texts, unexpected and unmatched decodes")
	passFlag := fs.String("passes", "still", "passes to run, in order: names separated by commas, or still, live, all")
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "canhcua bench decode: give one corpus folder (see canhcua bench decode --help)")
		return exitUsage
	}
	passes, err := parsePasses(*passFlag)
	if err != nil {
		fmt.Fprintf(stderr, "canhcua bench decode: %s\n", benchOneLine(err))
		return exitUsage
	}
	r, reps, err := benchEngine(ctx, pos[0], passes)
	if err != nil {
		fmt.Fprintf(stderr, "canhcua bench decode: %s\n", benchOneLine(err))
		return exitUsage
	}
	name := benchEngineName + " " + passNames(passes)
	if *asJSON {
		b, err := json.MarshalIndent(benchDecodeReport{Decoder: name, Passes: reps, Timing: benchTiming, Report: r}, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "canhcua bench decode: %s\n", benchOneLine(err))
			return exitUsage
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return exitOK
	}
	printDecodeReport(stdout, r, name, *verbose)
	printPassReport(stdout, r, reps)
	return exitOK
}

// printPassReport prints the per-pass tables: rates per category for each
// pass alone and for all passes combined, then per pass its own and the
// cumulative headline figure, the codes it added and its time per image.
func printPassReport(w io.Writer, r *corpus.Report, reps []benchPassReport) {
	if len(reps) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w)
	switch {
	case r.Labels != nil:
		fmt.Fprintln(w, "per pass: rate of each pass alone, and all passes combined")
		fmt.Fprint(tw, "category\t")
		for _, p := range reps {
			fmt.Fprintf(tw, "%s\t", p.Name)
		}
		fmt.Fprint(tw, "combined\t\n")
		for k, cat := range r.Labels.Categories {
			fmt.Fprintf(tw, "%s\t", cat.Name)
			for _, p := range reps {
				fmt.Fprintf(tw, "%s\t", pct(p.Alone.Labels.Categories[k].Rate))
			}
			fmt.Fprintf(tw, "%s\t\n", pct(cat.Rate))
		}
		fmt.Fprint(tw, "average\t")
		for _, p := range reps {
			fmt.Fprintf(tw, "%s\t", pct(p.Alone.Labels.AverageRate))
		}
		fmt.Fprintf(tw, "%s\t\n", pct(r.Labels.AverageRate))
		tw.Flush()
		fmt.Fprintln(w)
		fmt.Fprintln(w, "per pass: headline alone and cumulative (this pass and all before it), decodes matching no label, time per image")
		fmt.Fprint(tw, "pass\talone\tcumulative\tgain\tunmatched\tmedian ms\tp95 ms\t\n")
		prev := 0.0
		for _, p := range reps {
			cum := p.Cumulative.Labels.AverageRate
			fmt.Fprintf(tw, "%s\t%s\t%s\t%+.1f\t%d\t%.1f\t%.1f\t\n", p.Name, pct(p.Alone.Labels.AverageRate), pct(cum), 100*(cum-prev),
				len(p.Alone.Labels.Unmatched), p.Alone.MedianMS, p.Alone.P95MS)
			prev = cum
		}
	case r.Manifest != nil:
		fmt.Fprintln(w, "per pass: exact texts alone and cumulative (this pass and all before it), false positives, time per image")
		fmt.Fprint(tw, "pass\talone\tcumulative\tfalse positives\tmedian ms\tp95 ms\t\n")
		for _, p := range reps {
			a, c := p.Alone.Manifest, p.Cumulative.Manifest
			fmt.Fprintf(tw, "%s\t%d/%d\t%d/%d\t%d\t%.1f\t%.1f\t\n", p.Name, a.ExactRead, a.Expected, c.ExactRead, c.Expected, len(a.FalsePositives), p.Alone.MedianMS, p.Alone.P95MS)
		}
	}
	fmt.Fprintf(tw, "%s\t\t\t\t\t%.1f\t%.1f\t\n", "combined", r.MedianMS, r.P95MS)
	tw.Flush()
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// shown quotes a decoded or expected text for a terminal, cut to a length.
func shown(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		return strconv.Quote(string(r[:max])) + "…"
	}
	return strconv.Quote(s)
}

func printDecodeReport(w io.Writer, r *corpus.Report, decoder string, verbose bool) {
	file := corpus.ManifestFile
	if r.Format == corpus.FormatLabels {
		file = corpus.LabelsFile
	}
	fmt.Fprintf(w, "corpus   %s (%s, %d images)\n", r.Corpus, file, r.Images)
	fmt.Fprintf(w, "decoder  %s\n", decoder)
	fmt.Fprintf(w, "timing   %s\n\n", benchTiming)
	// Names to the left, figures to the right.
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	pad := func(names []string) func(string) string {
		n := 0
		for _, s := range names {
			n = max(n, len([]rune(s)))
		}
		return func(s string) string { return s + strings.Repeat(" ", n-len([]rune(s))) }
	}
	switch {
	case r.Labels != nil:
		ls := r.Labels
		names := []string{"category"}
		for _, c := range ls.Categories {
			names = append(names, c.Name)
		}
		left := pad(names)
		fmt.Fprintf(tw, "%s\timages\tlabelled\tread\trate\tmedian ms\t\n", left("category"))
		for _, c := range ls.Categories {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%.1f\t\n", left(c.Name), c.Images, c.Labelled, c.Read, pct(c.Rate), c.Ms50)
		}
		tw.Flush()
		fmt.Fprintln(w)
		fmt.Fprintf(w, "average of %d category rates   %s   (headline, BoofCV scoring)\n", len(ls.Categories), pct(ls.AverageRate))
		fmt.Fprintf(w, "all labelled codes pooled      %d/%d = %s\n", ls.Read, ls.Labelled, pct(ls.PooledRate))
		fmt.Fprintf(w, "decodes matching no label      %d   (false or unlabelled detections)\n", len(ls.Unmatched))
		fmt.Fprintf(w, "repeat decodes of a read label %d\n", len(ls.Duplicates))
	case r.Manifest != nil:
		m := r.Manifest
		names := []string{"flag"}
		for _, f := range m.ByFlag {
			names = append(names, f.Flag)
		}
		left := pad(names)
		fmt.Fprintf(tw, "%s\texpected\tread exactly\tshare\t\n", left("flag"))
		for _, f := range m.ByFlag {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t\n", left(f.Flag), f.Expected, f.Read, pct(f.Share))
		}
		tw.Flush()
		fmt.Fprintln(w)
		fmt.Fprintf(w, "exact text read                %d/%d = %s\n", m.ExactRead, m.Expected, pct(m.ExactShare))
		fmt.Fprintf(w, "images flagged none            %d, codes reported on them: %d (false positives)\n", m.NoneImages, len(m.FalsePositives))
		if m.Undecodable > 0 {
			fmt.Fprintf(w, "images flagged undecodable     %d, codes reported on them: %d\n", m.Undecodable, len(m.UndecodableHit))
		}
		if m.NoText > 0 {
			fmt.Fprintf(w, "codes with no text to compare  %d (binary/unknown: not scored); images of them with a decode: %d\n", m.NoText, m.NoTextDecoded)
		}
		fmt.Fprintf(w, "other texts read               %d (on images with expected texts: inexact or not listed)\n", len(m.Unexpected))
	}
	fmt.Fprintf(w, "decode time per image          median %.1f ms, p95 %.1f ms, total %.2f s over %d images\n",
		r.MedianMS, r.P95MS, r.TotalMS/1000, r.Timed)
	fmt.Fprintf(w, "image errors                   %d\n", len(r.Errors))

	list := func(title string, ds []corpus.Decode) {
		if len(ds) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s:\n", title)
		for _, d := range ds {
			fmt.Fprintf(w, "  %s at (%.0f, %.0f): %s\n", d.Image, d.X, d.Y, shown(d.Text))
		}
	}
	if len(r.Errors) > 0 {
		fmt.Fprintln(w, "\nimage errors:")
		for _, e := range r.Errors {
			fmt.Fprintf(w, "  %s: %s\n", e.Image, e.Err)
		}
	}
	if m := r.Manifest; m != nil {
		list("false positives (codes reported on images flagged none)", m.FalsePositives)
		list("codes reported on images flagged undecodable", m.UndecodableHit)
		if verbose {
			list("other texts read", m.Unexpected)
			if len(m.Missed) > 0 {
				fmt.Fprintln(w, "\nexpected texts not read:")
				for _, x := range m.Missed {
					flag := ""
					if x.Flag != "" {
						flag = " [" + x.Flag + "]"
					}
					fmt.Fprintf(w, "  %s%s: %s\n", x.Image, flag, shown(x.Text))
				}
			}
		}
	}
	if ls := r.Labels; ls != nil && verbose {
		list("decodes matching no label", ls.Unmatched)
		list("repeat decodes of a read label", ls.Duplicates)
	}
}

// benchLiveReport is `canhcua bench live` output; every figure is measured.
type benchLiveReport struct {
	Source      string  `json:"source"`
	Kind        string  `json:"kind"`
	Width       int     `json:"width"`
	Height      int     `json:"height"`
	NominalFPS  float64 `json:"nominal_fps"`
	Paced       bool    `json:"paced"` // a finite source (the demo, a file) delivered at its frame rate
	Decoder     string  `json:"decoder"`
	ElapsedS    float64 `json:"elapsed_s"`
	Captured    int64   `json:"captured"`
	Processed   int64   `json:"processed"` // frames through the decoder
	Dropped     int64   `json:"dropped"`
	Reads       int64   `json:"reads"`
	Distinct    int     `json:"distinct_codes"`
	CapturedFPS float64 `json:"captured_fps"`
	FPS         float64 `json:"processed_fps"` // processed / elapsed

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

// parseSize parses "WxH".
func parseSize(s string) (w, h int, err error) {
	a, b, ok := strings.Cut(strings.ToLower(s), "x")
	if ok {
		w, err = strconv.Atoi(a)
		if err == nil {
			h, err = strconv.Atoi(b)
		}
	}
	if !ok || err != nil || w < 16 || h < 16 || w > 16384 || h > 16384 {
		return 0, 0, fmt.Errorf("--size %q: want WIDTHxHEIGHT, e.g. 1280x720", s)
	}
	return w, h, nil
}

// benchSource opens the source to measure: the demo at the given size, paced
// at 30 fps like a camera, or any other source, paced when it is a file.
func benchSource(ctx context.Context, name string, w, h int, sizeSet bool) (src camera.Source, paced bool, err error) {
	if name == "demo" || strings.HasPrefix(name, "demo:") {
		seed := int64(1)
		if s, ok := strings.CutPrefix(name, "demo:"); ok {
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, false, fmt.Errorf("demo source %q: the seed must be a whole number", name)
			}
			seed = v
		}
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

func benchLive(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("bench live", "canhcua bench live [--source S] [--size WxH] [--duration D] [--json]\n\n"+
		"Runs the live frame loop (capture, decode the newest frame, drop older ones) on a source\n"+
		"for a while and reports what it measured: frames captured, processed and dropped, reads,\n"+
		"capture-to-decode latency, and memory at the start and the end of the run.", stdout)
	source := fs.String("source", "demo", "source: demo, demo:SEED, camera index (0), video file, stream URL, image folder")
	size := fs.String("size", "1280x720", "frame size of the demo source")
	duration := fs.Duration("duration", 10*time.Second, "how long to run")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	engine := fs.String("engine", "live", "decoder: live (the desk's multi-pass engine) or zxing (zxing-cpp's pass alone), for comparison")
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	var inner camera.Decoder
	switch *engine {
	case "live":
		inner = camera.NewEngine(camera.Live)
	case "zxing":
		inner = camera.ZXing{}
	default:
		fmt.Fprintf(stderr, "canhcua bench live: --engine %q: want live or zxing\n", *engine)
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "canhcua bench live: unexpected argument %q (the source goes in --source)\n", pos[0])
		return exitUsage
	}
	if *duration <= 0 {
		fmt.Fprintln(stderr, "canhcua bench live: --duration must be positive")
		return exitUsage
	}
	sizeSet := false
	fs.Visit(func(f *flag.Flag) { sizeSet = sizeSet || f.Name == "size" })
	w, h, err := parseSize(*size)
	if err != nil {
		fmt.Fprintf(stderr, "canhcua bench live: %s\n", benchOneLine(err))
		return exitUsage
	}
	src, paced, err := benchSource(ctx, *source, w, h, sizeSet)
	if err != nil {
		fmt.Fprintf(stderr, "canhcua bench live: %s\n", benchOneLine(err))
		return exitUsage
	}
	defer src.Close()
	info := src.Info()

	dec := newTimedDecoder(inner, 1<<14)
	loop := &camera.Loop{Source: src, Decoder: dec}
	reads := make(chan canhcua.Read, 64)
	distinct := map[string]bool{}
	readsDone := make(chan struct{})

	rep := benchLiveReport{Source: *source, Kind: info.Kind, Width: info.Width, Height: info.Height, NominalFPS: info.FPS, Paced: paced, Decoder: benchDecoderNames[*engine]}
	rep.HeapStart, rep.RSSStart = heapInuse(true), rss()
	rep.HeapPeak, rep.RSSPeak = rep.HeapStart, rep.RSSStart

	runCtx, cancel := context.WithTimeout(ctx, *duration)
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
	start := time.Now()
	runErr := loop.Run(runCtx, reads)
	elapsed := time.Since(start)
	cancel()
	close(reads)
	<-readsDone
	<-sampled
	rep.HeapEnd, rep.RSSEnd = heapInuse(true), rss()
	rep.RSSPeak = max(rep.RSSPeak, rep.RSSEnd)
	if runErr != nil {
		fmt.Fprintf(stderr, "canhcua bench live: %s\n", benchOneLine(runErr))
		return exitUsage
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "canhcua bench live: interrupted")
		return exitUsage
	}

	st := loop.Stats()
	rep.ElapsedS = elapsed.Seconds()
	rep.Captured, rep.Processed, rep.Dropped, rep.Reads = st.Captured, st.Decoded, st.Dropped, st.Reads
	rep.Distinct = len(distinct)
	rep.CapturedFPS = float64(st.Captured) / elapsed.Seconds()
	rep.FPS = float64(st.Decoded) / elapsed.Seconds()
	rep.LatencyP50MS, rep.LatencyP95MS = durMS(st.LatencyP50), durMS(st.LatencyP95)
	rep.LatencyOver = min(st.Decoded, latencyWindow)
	ds := dec.durations()
	rep.DecodeP50MS, rep.DecodeP95MS = durMS(corpus.Percentile(ds, 50)), durMS(corpus.Percentile(ds, 95))
	if st.Captured == 0 {
		fmt.Fprintf(stderr, "canhcua bench live: %s delivered no frame in %s\n", *source, elapsed.Round(time.Millisecond))
		return exitUsage
	}

	if *asJSON {
		b, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Fprintf(stdout, "%s\n", b)
		return exitOK
	}
	printLiveReport(stdout, rep)
	return exitOK
}

func durMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func printLiveReport(w io.Writer, r benchLiveReport) {
	how := "live"
	if r.Paced {
		how = "paced at its frame rate like a camera"
	}
	fmt.Fprintf(w, "source       %s (%s, %dx%d, %.0f fps nominal, %s)\n", r.Source, r.Kind, r.Width, r.Height, r.NominalFPS, how)
	fmt.Fprintf(w, "decoder      %s, one decoding goroutine\n", r.Decoder)
	fmt.Fprintf(w, "elapsed      %.2f s (measured wall time of the loop)\n", r.ElapsedS)
	fmt.Fprintf(w, "processed    %d frames, %.1f frames/s (decoded frames / elapsed)\n", r.Processed, r.FPS)
	fmt.Fprintf(w, "captured     %d frames, %.1f frames/s\n", r.Captured, r.CapturedFPS)
	fmt.Fprintf(w, "dropped      %d frames (replaced by a newer frame before decoding)\n", r.Dropped)
	fmt.Fprintf(w, "reads        %d (de-duplicated, %s window), %d distinct codes\n", r.Reads, canhcua.DefaultDedupWindow, r.Distinct)
	fmt.Fprintf(w, "latency      median %.1f ms, p95 %.1f ms (capture to end of decode, last %d decoded frames)\n", r.LatencyP50MS, r.LatencyP95MS, r.LatencyOver)
	fmt.Fprintf(w, "decode time  median %.1f ms, p95 %.1f ms (decoder call only)\n", r.DecodeP50MS, r.DecodeP95MS)
	fmt.Fprintf(w, "go heap      start %s, end %s (in use after GC); peak %s (sampled every 0.5 s)\n", mib(r.HeapStart), mib(r.HeapEnd), mib(r.HeapPeak))
	if r.RSSStart > 0 {
		fmt.Fprintf(w, "process rss  start %s, end %s, peak %s (includes OpenCV frame buffers)\n", mib(r.RSSStart), mib(r.RSSEnd), mib(r.RSSPeak))
	}
}
