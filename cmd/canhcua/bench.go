package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/bench"
)

const benchUsage = `Usage:
  canhcua bench decode [--passes P,Q] [--json] [-v] DIR
        score the decoder, pass by pass, on a corpus folder (manifest.tsv or labels.jsonl)
  canhcua bench live [--source S] [--size WxH] [--duration D] [--json]
        measure the live capture and decode pipeline

Run 'canhcua bench decode --help' or 'canhcua bench live --help' for the options.
`

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

// benchFail names err on stderr, in one line, as an error of the bench
// subcommand sub, and returns the exit status for it.
func benchFail(stderr io.Writer, sub string, err error) int {
	fmt.Fprintf(stderr, "canhcua bench %s: %s\n", sub, benchOneLine(err))
	return exitUsage
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
		return benchFail(stderr, "decode", err)
	}
	rep, err := bench.Decode(ctx, pos[0], passes)
	if err != nil {
		return benchFail(stderr, "decode", err)
	}
	if *asJSON {
		if err := rep.WriteJSON(stdout); err != nil {
			return benchFail(stderr, "decode", err)
		}
		return exitOK
	}
	rep.WriteText(stdout, *verbose)
	return exitOK
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
	dec, about, ok := bench.LiveDecoder(*engine)
	if !ok {
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
		return benchFail(stderr, "live", err)
	}
	src, paced, err := bench.OpenSource(ctx, *source, w, h, sizeSet)
	if err != nil {
		return benchFail(stderr, "live", err)
	}
	defer src.Close()
	rep, err := bench.Live(ctx, bench.LiveRun{Source: src, Name: *source, Paced: paced, Decoder: dec, About: about, Duration: *duration})
	if err != nil {
		return benchFail(stderr, "live", err)
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "canhcua bench live: interrupted")
		return exitUsage
	}
	if rep.Captured == 0 {
		fmt.Fprintf(stderr, "canhcua bench live: %s delivered no frame in %s\n", *source, rep.Elapsed.Round(time.Millisecond))
		return exitUsage
	}
	if *asJSON {
		if err := rep.WriteJSON(stdout); err != nil {
			return benchFail(stderr, "live", err)
		}
		return exitOK
	}
	rep.WriteText(stdout)
	return exitOK
}
