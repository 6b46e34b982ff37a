package bench

import (
	"strings"
	"testing"

	"github.com/canhcua/canhcua/internal/bench/corpus"
)

// The score tables put the names to the left, padded to the longest, and the
// figures to the right.
func TestWriteTextNamedTable(t *testing.T) {
	d := &DecodeReport{Decoder: "the decoder", Timing: Timing, Report: &corpus.Report{
		Corpus: "c", Format: corpus.FormatManifest, Images: 3, Errors: []corpus.ImageError{},
		Manifest: &corpus.ManifestScore{ByFlag: []corpus.Flag{
			{Flag: "plain", Expected: 120, Read: 7, Share: 7.0 / 120},
			{Flag: "nested", Expected: 2, Read: 2, Share: 1},
		}},
	}}
	var b strings.Builder
	d.WriteText(&b, false)
	want := "corpus   c (manifest.tsv, 3 images)\n" +
		"decoder  the decoder\n" +
		"timing   " + Timing + "\n" +
		"\n" +
		"  flag    expected  read exactly   share\n" +
		"  plain        120             7    5.8%\n" +
		"  nested         2             2  100.0%\n" +
		"\n" +
		"exact text read                0/0 = 0.0%\n"
	if got := b.String(); !strings.HasPrefix(got, want) {
		t.Errorf("got\n%s\nwant it to start with\n%s", got, want)
	}
}
