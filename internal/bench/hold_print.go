package bench

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/canhcua/canhcua/internal/bench/corpus"
)

// WriteJSON writes the report as one indented JSON object and a newline.
func (r *HoldReport) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// How says how the photos were shown.
func (r *HoldReport) How() string {
	how := "held still"
	if r.Motion {
		how = "shaken as by a hand (shifted a few pixels and slightly blurred frame to frame)"
	}
	if r.Simulated {
		return fmt.Sprintf("each photo %s for %s at %.0f frames/s, on a simulated clock (two simulated cores: the frame path, the background worker)", how, fmtSeconds(r.HoldS), r.FPS)
	}
	return fmt.Sprintf("each photo %s for %s at %.0f frames/s, in real time, through the frame loop", how, fmtSeconds(r.HoldS), r.FPS)
}

func fmtSeconds(s float64) string { return fmt.Sprintf("%g s", s) }

// WriteText writes the report for a terminal: the score of the codes read
// within the hold (per category for a labels corpus, with the time to first
// read), then the frames.
func (r *HoldReport) WriteText(w io.Writer, verbose bool) {
	file := corpus.ManifestFile
	if r.Format == corpus.FormatLabels {
		file = corpus.LabelsFile
	}
	fmt.Fprintf(w, "corpus   %s (%s, %d images)\n", r.Corpus, file, r.Images)
	fmt.Fprintf(w, "decoder  %s\n", r.Decoder)
	fmt.Fprintf(w, "shown    %s\n", r.How())
	fmt.Fprintf(w, "timing   %s\n\n", r.Timing)
	switch {
	case r.Labels != nil:
		ls := r.Labels
		var rows [][]string
		for k, c := range ls.Categories {
			fr := r.FirstReadByCategory[k]
			rows = append(rows, []string{c.Name, fmt.Sprint(c.Images), fmt.Sprint(c.Labelled), fmt.Sprint(c.Read), pct(c.Rate),
				fmt.Sprint(fr.Images), msOrDash(fr), p95OrDash(fr)})
		}
		namedTable(w, []string{"category", "images", "labelled", "read", "rate", "photos read", "first read median ms", "p95 ms"}, rows)
		fmt.Fprintf(w, "average of %d category rates   %s   (headline, BoofCV scoring, codes read within the hold)\n", len(ls.Categories), pct(ls.AverageRate))
		fmt.Fprintf(w, "all labelled codes pooled      %d/%d = %s\n", ls.Read, ls.Labelled, pct(ls.PooledRate))
		fmt.Fprintf(w, "decodes matching no label      %d   (false or unlabelled detections)\n", len(ls.Unmatched))
	case r.Manifest != nil:
		m := r.Manifest
		fmt.Fprintf(w, "exact text read                %d/%d = %s\n", m.ExactRead, m.Expected, pct(m.ExactShare))
		fmt.Fprintf(w, "images flagged none            %d, codes reported on them: %d (false positives)\n", m.NoneImages, len(m.FalsePositives))
	}
	fmt.Fprintf(w, "time to first read             median %.1f ms, p95 %.1f ms over the %d photos read; median %.1f ms counting the hold for the others\n",
		r.FirstRead.MedianMS, r.FirstRead.P95MS, r.FirstRead.Images, r.MedianMS)
	f := r.Frames
	fmt.Fprintf(w, "frames                         %d due, %d captured (%d missed: capture busy), %d decoded, %d dropped (decoder busy)\n",
		f.Due, f.Captured, f.Missed, f.Decoded, f.Dropped)
	fmt.Fprintf(w, "codes read after the hold      %d (not scored)\n", r.Late)
	if r.HeldS > 0 && r.Simulated {
		fmt.Fprintf(w, "processor                      %.1f s used in %.1f s of simulated holds (%.0f%% of one core)\n", r.CPUS, r.HeldS, 100*r.CPUS/r.HeldS)
	} else if r.HeldS > 0 {
		fmt.Fprintf(w, "processor                      %.1f s used in %.1f s of holds (%.0f%% of one core); load average %.1f at the start, %.1f at the end\n",
			r.CPUS, r.HeldS, 100*r.CPUS/r.HeldS, r.Load[0], r.Load[1])
	}
	fmt.Fprintf(w, "image errors                   %d\n", len(r.Errors))
	for _, e := range r.Errors {
		fmt.Fprintf(w, "  %s: %s\n", e.Image, e.Err)
	}
	if ls := r.Labels; ls != nil && verbose {
		for _, d := range ls.Unmatched {
			fmt.Fprintf(w, "  matching no label: %s at (%.0f, %.0f): %s\n", d.Image, d.X, d.Y, shown(d.Text))
		}
	}
}

func msOrDash(f CategoryFirstRd) string {
	if f.Images == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", f.MedianMS)
}

func p95OrDash(f CategoryFirstRd) string {
	if f.Images == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", f.P95MS)
}
