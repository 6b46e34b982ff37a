package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/muesli/termenv"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/bench"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/desk"
	"github.com/canhcua/canhcua/ui"
)

func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("bench", catalog.BenchUsage, stdout, stderr)
	if len(args) == 0 {
		return c.failf(catalog.BenchNoWhat)
	}
	switch sub := args[0]; {
	case isHelp(sub):
		fmt.Fprint(stdout, say(catalog.BenchUsage))
		return exitOK
	case sub == "decode":
		return benchDecode(ctx, args[1:], stdout, stderr)
	case sub == "live":
		return benchLive(ctx, args[1:], stdout, stderr)
	case sub == "soak":
		return benchSoak(ctx, args[1:], stdout, stderr)
	}
	return c.failf(catalog.BenchUnknown, args[0])
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
			return nil, sayErr(catalog.BenchPassesUnknown, err)
		}
		if seen[n] {
			return nil, sayErr(catalog.BenchPassesTwice, n)
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
	c := newCLI("bench decode", catalog.BenchDecodeSynopsis, stdout, stderr) // catalog:data: the command's words
	c.synopsisArgs = []any{strings.Join(names, ", ")}
	asJSON := c.fs.Bool("json", false, say(catalog.BenchFlagJSON))
	verbose := c.fs.Bool("v", false, say(catalog.BenchFlagVerbose))
	passFlag := c.fs.String("passes", "still", say(catalog.BenchFlagPasses))
	everyPass := c.fs.Bool("every-pass", false, say(catalog.BenchFlagEveryPass))
	engine := c.fs.String("engine", "still", say(catalog.BenchFlagDecEngine))
	hold := c.fs.Duration("hold", time.Second, say(catalog.BenchFlagHold))
	motion := c.fs.Bool("motion", false, say(catalog.BenchFlagMotion))
	clock := c.fs.String("clock", "real", say(catalog.BenchFlagClock))
	pos, status, ok := c.parse(args)
	if !ok {
		return status
	}
	if len(pos) != 1 {
		return c.failf(catalog.BenchOneCorpus)
	}
	type report interface {
		WriteJSON(io.Writer) error
		WriteText(io.Writer, bool)
	}
	var rep report
	switch *engine {
	case "still":
		for _, f := range []string{"hold", "motion", "clock"} {
			if c.set(f) {
				return c.failf(catalog.BenchLiveOnly, "--"+f)
			}
		}
		passes, err := parsePasses(*passFlag)
		if err != nil {
			return c.fail(err)
		}
		d, err := bench.Decode(ctx, pos[0], passes, *everyPass)
		if err != nil {
			return c.fail(err)
		}
		rep = d
	case "live":
		for _, f := range []string{"passes", "every-pass"} {
			if c.set(f) {
				return c.failf(catalog.BenchStillOnly, "--"+f)
			}
		}
		if *hold <= 0 {
			return c.failf(catalog.BenchBadHold)
		}
		if *clock != "real" && *clock != "sim" {
			return c.failf(catalog.BenchBadClock, *clock)
		}
		h, err := bench.DecodeLive(ctx, pos[0], bench.HoldRun{Hold: *hold, Motion: *motion, Simulated: *clock == "sim"})
		if ctx.Err() != nil {
			return c.failf(catalog.BenchInterrupted)
		}
		if err != nil {
			return c.fail(err)
		}
		rep = h
	default:
		return c.failf(catalog.BenchBadDecEngine, *engine)
	}
	if *asJSON {
		if err := rep.WriteJSON(stdout); err != nil {
			return c.fail(err)
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
		return 0, 0, sayErr(catalog.BenchBadSize, s)
	}
	return w, h, nil
}

func benchLive(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("bench live", catalog.BenchLiveSynopsis, stdout, stderr) // catalog:data: the command's words
	source := c.fs.String("source", "demo", say(catalog.BenchFlagSource))
	size := c.fs.String("size", "1280x720", say(catalog.BenchFlagSize))
	duration := c.fs.Duration("duration", 10*time.Second, say(catalog.BenchFlagDuration))
	asJSON := c.fs.Bool("json", false, say(catalog.BenchFlagLiveJSON))
	engine := c.fs.String("engine", "live", say(catalog.BenchFlagEngine))
	preview := c.fs.Bool("preview", false, say(catalog.BenchFlagPreview))
	pos, status, ok := c.parse(args)
	if !ok {
		return status
	}
	dec, about, ok := bench.LiveDecoder(*engine)
	if !ok {
		return c.failf(catalog.BenchBadEngine, *engine)
	}
	if len(pos) > 0 {
		return c.failf(catalog.BenchLiveArg, pos[0])
	}
	if *duration <= 0 {
		return c.failf(catalog.BenchBadDuration)
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return c.fail(err)
	}
	src, paced, err := bench.OpenSource(ctx, *source, w, h, c.set("size"))
	if err != nil {
		return c.fail(err)
	}
	defer src.Close()
	shown := canhcua.Redact(*source) // a stream's password is never printed
	run := bench.LiveRun{Source: src, Name: shown, Paced: paced, Decoder: dec, About: about, Duration: *duration}
	if *preview {
		run.Preview = drawPreview
	}
	rep, err := bench.Live(ctx, run)
	if err != nil {
		return c.fail(err)
	}
	if ctx.Err() != nil {
		return c.failf(catalog.BenchInterrupted)
	}
	if rep.Captured == 0 {
		return c.failf(catalog.BenchNoFrame, shown, rep.Elapsed.Round(time.Millisecond))
	}
	if *asJSON {
		if err := rep.WriteJSON(stdout); err != nil {
			return c.fail(err)
		}
		return exitOK
	}
	rep.WriteText(stdout)
	return exitOK
}

// drawPreview draws the preview as the desk's screen does on a 120x40
// true-colour terminal (the pane on by default), for bench live --preview.
func drawPreview(s camera.PreviewShot) {
	ui.RenderPreview(desk.PreviewFrame(s), 120, 40, termenv.TrueColor)
}

// exitLeak is bench soak's exit status when the figures grew beyond the
// limits.
const exitLeak = 1

func benchSoak(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("bench soak", catalog.BenchSoakSynopsis, stdout, stderr) // catalog:data: the command's words
	source := c.fs.String("source", "demo", say(catalog.BenchFlagSource))
	duration := c.fs.Duration("duration", 2*time.Hour, say(catalog.BenchFlagDuration))
	every := c.fs.Duration("every", 10*time.Minute, say(catalog.BenchFlagEvery))
	db := c.fs.String("db", "", say(catalog.BenchFlagSoakDB))
	asJSON := c.fs.Bool("json", false, say(catalog.BenchFlagLiveJSON))
	pos, status, ok := c.parse(args)
	if !ok {
		return status
	}
	if len(pos) > 0 {
		return c.failf(catalog.BenchLiveArg, pos[0])
	}
	if *duration <= 0 {
		return c.failf(catalog.BenchBadDuration)
	}
	if *every <= 0 || *every > *duration/2 {
		return c.failf(catalog.BenchSoakBadEvery, *every, *duration)
	}
	run := bench.SoakRun{Source: *source, DB: *db, Duration: *duration, Every: *every}
	if run.DB == "" {
		dir, err := os.MkdirTemp("", "canhcua-soak-")
		if err != nil {
			return c.fail(err)
		}
		defer os.RemoveAll(dir)
		run.DB = filepath.Join(dir, "soak.db")
	}
	if !*asJSON {
		run.Progress = stdout
	}
	rep, err := bench.Soak(ctx, run)
	if ctx.Err() != nil {
		return c.failf(catalog.BenchInterrupted)
	}
	if err != nil {
		return c.fail(err)
	}
	if *asJSON {
		if err := rep.WriteJSON(stdout); err != nil {
			return c.fail(err)
		}
	} else {
		rep.WriteText(stdout, false)
	}
	if !rep.OK() {
		var figs []string
		for _, f := range rep.Failures {
			if !slices.Contains(figs, f.Figure) {
				figs = append(figs, f.Figure)
			}
		}
		c.note(say(catalog.BenchSoakFailed, strings.Join(figs, ", ")))
		return exitLeak
	}
	return exitOK
}
