package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/canhcua/canhcua/internal/bench/corpus"
)

// WriteJSON writes the report as one indented JSON object and a newline.
func (d *DecodeReport) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// WriteText writes the report for a terminal: the combined score, then the
// per-pass tables; verbose also lists missed texts, unexpected and unmatched
// decodes.
func (d *DecodeReport) WriteText(w io.Writer, verbose bool) {
	printDecodeReport(w, d.Report, d.Decoder, verbose)
	printPassReport(w, d.Report, d.Passes)
}

// printPassReport prints the per-pass tables: rates per category for each
// pass alone and for all passes combined, then per pass its own and the
// cumulative headline figure, the codes it added and its time per image.
func printPassReport(w io.Writer, r *corpus.Report, reps []PassReport) {
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
		fmt.Fprintln(w, "per pass: images it ran on, headline alone and cumulative (this pass and all before it), decodes matching no label, time per image")
		fmt.Fprint(tw, "pass\truns\talone\tcumulative\tgain\tunmatched\tmedian ms\tp95 ms\t\n")
		prev := 0.0
		for _, p := range reps {
			cum := p.Cumulative.Labels.AverageRate
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%+.1f\t%d\t%.1f\t%.1f\t\n", p.Name, p.Runs, pct(p.Alone.Labels.AverageRate), pct(cum), 100*(cum-prev),
				len(p.Alone.Labels.Unmatched), p.Alone.MedianMS, p.Alone.P95MS)
			prev = cum
		}
	case r.Manifest != nil:
		fmt.Fprintln(w, "per pass: images it ran on, exact texts alone and cumulative (this pass and all before it), false positives, time per image")
		fmt.Fprint(tw, "pass\truns\talone\tcumulative\tfalse positives\tmedian ms\tp95 ms\t\n")
		for _, p := range reps {
			a, c := p.Alone.Manifest, p.Cumulative.Manifest
			fmt.Fprintf(tw, "%s\t%d\t%d/%d\t%d/%d\t%d\t%.1f\t%.1f\t\n", p.Name, p.Runs, a.ExactRead, a.Expected, c.ExactRead, c.Expected, len(a.FalsePositives), p.Alone.MedianMS, p.Alone.P95MS)
		}
	}
	// The combined row's times go under the passes' time columns.
	empty := 5
	if r.Labels == nil {
		empty = 4
	}
	fmt.Fprintf(tw, "combined%s%.1f\t%.1f\t\n", strings.Repeat("\t", empty+1), r.MedianMS, r.P95MS)
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

// namedTable prints a header and rows that start with a name: the names to
// the left, padded to the longest, the figures aligned to the right; then an
// empty line.
func namedTable(w io.Writer, header []string, rows [][]string) {
	all := append([][]string{header}, rows...)
	n := 0
	for _, r := range all {
		n = max(n, len([]rune(r[0])))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range all {
		fmt.Fprint(tw, r[0]+strings.Repeat(" ", n-len([]rune(r[0]))))
		for _, cell := range r[1:] {
			fmt.Fprint(tw, "\t"+cell)
		}
		fmt.Fprint(tw, "\t\n")
	}
	tw.Flush()
	fmt.Fprintln(w)
}

func printDecodeReport(w io.Writer, r *corpus.Report, decoder string, verbose bool) {
	file := corpus.ManifestFile
	if r.Format == corpus.FormatLabels {
		file = corpus.LabelsFile
	}
	fmt.Fprintf(w, "corpus   %s (%s, %d images)\n", r.Corpus, file, r.Images)
	fmt.Fprintf(w, "decoder  %s\n", decoder)
	fmt.Fprintf(w, "timing   %s\n\n", Timing)
	switch {
	case r.Labels != nil:
		ls := r.Labels
		var rows [][]string
		for _, c := range ls.Categories {
			rows = append(rows, []string{c.Name, fmt.Sprint(c.Images), fmt.Sprint(c.Labelled), fmt.Sprint(c.Read), pct(c.Rate), fmt.Sprintf("%.1f", c.Ms50)})
		}
		namedTable(w, []string{"category", "images", "labelled", "read", "rate", "median ms"}, rows)
		fmt.Fprintf(w, "average of %d category rates   %s   (headline, BoofCV scoring)\n", len(ls.Categories), pct(ls.AverageRate))
		fmt.Fprintf(w, "all labelled codes pooled      %d/%d = %s\n", ls.Read, ls.Labelled, pct(ls.PooledRate))
		fmt.Fprintf(w, "decodes matching no label      %d   (false or unlabelled detections)\n", len(ls.Unmatched))
		fmt.Fprintf(w, "repeat decodes of a read label %d\n", len(ls.Duplicates))
		fmt.Fprintf(w, "approximate outlines           %d   (a region searched, not corners); labels they read %d; too coarse to credit %d (region over %d× the label's area)\n",
			r.Approximate, ls.ApproximateRead, len(ls.Coarse), corpus.CoarseArea)
	case r.Manifest != nil:
		m := r.Manifest
		var rows [][]string
		for _, f := range m.ByFlag {
			rows = append(rows, []string{f.Flag, fmt.Sprint(f.Expected), fmt.Sprint(f.Read), pct(f.Share)})
		}
		namedTable(w, []string{"flag", "expected", "read exactly", "share"}, rows)
		fmt.Fprintf(w, "exact text read                %d/%d = %s\n", m.ExactRead, m.Expected, pct(m.ExactShare))
		fmt.Fprintf(w, "images flagged none            %d, codes reported on them: %d (false positives)\n", m.NoneImages, len(m.FalsePositives))
		if m.Undecodable > 0 {
			fmt.Fprintf(w, "images flagged undecodable     %d, codes reported on them: %d\n", m.Undecodable, len(m.UndecodableHit))
		}
		if m.NoText > 0 {
			fmt.Fprintf(w, "codes with no text to compare  %d (binary/unknown: not scored); images of them with a decode: %d\n", m.NoText, m.NoTextDecoded)
		}
		fmt.Fprintf(w, "other texts read               %d (on images with expected texts: inexact or not listed)\n", len(m.Unexpected))
		fmt.Fprintf(w, "approximate outlines           %d   (a region searched, not corners)\n", r.Approximate)
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
		list("approximate decodes too coarse to credit a label", ls.Coarse)
	}
}
