// Package bench measures canhcua's decoder: the still engine scored pass by
// pass on a test corpus (Decode), and the live capture and decode pipeline
// (Live). `canhcua bench` is its command line.
package bench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/bench/corpus"
)

// engineName says which decoder Decode measures (everyPass: how it runs).
func engineName(everyPass bool) string {
	if everyPass {
		return "camera.Engine in still mode, every pass on every image, passes"
	}
	return "camera.Engine in still mode, stopping once every finder pattern seen lies on a code read, passes"
}

// Timing says what the decode times cover.
const Timing = "decode only: the engine on the 8-bit gray image; reading and decompressing the file are not timed"

// PassReport is one pass's own score within an engine run.
type PassReport struct {
	Name string `json:"name"`
	// Runs is how many images the pass ran on (the engine stops early).
	Runs int `json:"runs"`
	// Alone: the codes this pass read, scored on their own (a pass that works
	// on what earlier passes left, like regions, is scored on that).
	Alone *corpus.Report `json:"alone"`
	// Cumulative: the codes of this pass and every pass before it, the same
	// text at the same place counted once. (The combined result also drops a
	// code read where an earlier pass read another text.)
	Cumulative *corpus.Report `json:"cumulative"`
}

// DecodeReport is Decode's result, `canhcua bench decode --json` output.
type DecodeReport struct {
	Decoder string       `json:"decoder"`
	Passes  []PassReport `json:"passes,omitempty"`
	Timing  string       `json:"timing"`
	*corpus.Report
}

// Decode runs a still engine of the given passes over the corpus in dir, and
// scores the engine (combined) and each pass; with everyPass the engine runs
// every pass on every image instead of stopping early.
func Decode(ctx context.Context, dir string, passes []camera.Pass, everyPass bool) (*DecodeReport, error) {
	c, err := corpus.Load(dir)
	if err != nil {
		return nil, err
	}
	eng := &camera.Engine{Mode: camera.Still, Passes: passes, EveryPass: everyPass}
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
		return nil, fmt.Errorf("stopped after %d of %d images: %w", len(res), len(c.Images), err)
	}
	combined := c.Score(res)
	reps := make([]PassReport, len(passes))
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
			if pr.Ran {
				reps[i].Runs++
			}
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
		reps[i].Name, reps[i].Alone, reps[i].Cumulative = p.Name(), c.Score(alone), c.Score(cum)
	}
	return &DecodeReport{Decoder: engineName(everyPass) + " " + passNames(passes), Passes: reps, Timing: Timing, Report: combined}, nil
}

func passNames(ps []camera.Pass) string {
	var ns []string
	for _, p := range ps {
		ns = append(ns, p.Name())
	}
	return strings.Join(ns, ",")
}
