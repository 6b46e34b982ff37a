package camera

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/canhcua/canhcua/internal/bench/corpus"
)

// boofcvDir is ../shared/corpus/boofcv-a next to the repository; the test is
// skipped when it is not there.
func boofcvDir(t *testing.T) string {
	t.Helper()
	d, err := corpus.Dir("boofcv-a")
	if err != nil {
		t.Skipf("%v: skipping", err)
	}
	if _, err := os.Stat(filepath.Join(d, corpus.LabelsFile)); err != nil {
		t.Skipf("boofcv-a corpus not found at %s: skipping", d)
	}
	return d
}

// TestPassesPinnedCorpusImages pins the gains of the added passes: on each of
// these BoofCV benchmark photos zxing-cpp alone reads none of the labelled
// codes, and the named pass reads at least the given number.
func TestPassesPinnedCorpusImages(t *testing.T) {
	dir := boofcvDir(t)
	c, err := corpus.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string][]corpus.Polygon{}
	for _, img := range c.Images {
		labels[img.Path] = img.Labels
	}
	for _, tc := range pinned {
		t.Run(tc.pass+"/"+tc.image, func(t *testing.T) {
			ls, ok := labels[tc.image]
			if !ok {
				t.Fatalf("%s is not in the corpus", tc.image)
			}
			m, err := ReadImage(filepath.Join(dir, tc.image))
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			p, err := PassByName(tc.pass)
			if err != nil {
				t.Fatal(err)
			}
			base, _ := (&Engine{Passes: []Pass{ZXingPass{}}}).Decode(m)
			if n, _, _ := corpus.MatchLabels(ls, base); n != 0 {
				t.Fatalf("zxing-cpp alone reads %d labelled codes: the image pins nothing", n)
			}
			codes, err := (&Engine{Passes: []Pass{p}}).Decode(m)
			if err != nil {
				t.Fatal(err)
			}
			if n, _, _ := corpus.MatchLabels(ls, codes); n < tc.min {
				t.Errorf("%s pass read %d labelled codes (of %d decodes), want >= %d", tc.pass, n, len(codes), tc.min)
			}
		})
	}
}

var pinned = []struct {
	image string
	pass  string
	min   int
}{
	{"bright_spots/image031.jpg", "clahe", 2},
	{"brightness/image017.jpg", "clahe", 1},
	{"glare/image031.jpg", "glare", 1},
	{"blurred/image021.jpg", "sharpen", 1},
	{"bright_spots/image015.jpg", "threshold", 1},
	{"glare/image009.jpg", "threshold", 1},
	{"glare/image005.jpg", "scale", 1},
	{"noncompliant/image005.jpg", "regions", 1},
	{"damaged/image009.jpg", "wechat", 1},
	{"damaged/image029.jpg", "smooth", 1},
	{"pathological/image005.png", "wechat", 1},
	{"lots/image003.jpg", "gozxing", 12},
	{"high_version/image000.jpg", "grid", 1},
	{"high_version/image010.jpg", "grid", 1},
}
