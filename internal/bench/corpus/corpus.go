// Package corpus loads QR test corpora and scores a decoder's results on them.
//
// Two corpus formats are understood, told apart by the file a folder holds:
//
//   - manifest.tsv: one row per expected code, "image<TAB>escaped text<TAB>flag"
//     after a header line. Texts escape \ as \\, TAB as \t, LF as \n and CR as
//     \r; every other byte is raw. Flag "none" marks an image with no code.
//   - labels.jsonl: one JSON object per image, {"image": "category/file.jpg",
//     "codes": [[x1,y1,…,x4,y4], …]}, the corner polygon of every code (the
//     BoofCV benchmark). Categories are the images' sub-folders.
//
// Scoring follows each corpus's own rules: exact texts for manifests, and for
// labels BoofCV's — a labelled code is read when the centre of a decoded
// code's corners lies inside its polygon, each label at most once, and the
// headline is the average of the category rates. A code whose outline is
// only a region it lies in (canhcua.Code.Approximate) reads a label only
// when the label holds the region's centre and the region is at most
// CoarseArea times the label's area; a coarser one is listed apart, never
// credited: the centre of a region searched is not a position.
//
// The package is pure Go: decoding is the caller's business (see Run).
package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/geom"
)

// Corpus formats.
const (
	FormatManifest = "manifest" // manifest.tsv: expected texts
	FormatLabels   = "labels"   // labels.jsonl: corner polygons
)

// File names that mark a corpus folder.
const (
	ManifestFile = "manifest.tsv"
	LabelsFile   = "labels.jsonl"
)

// Manifest flags with a meaning for scoring.
const (
	FlagNone        = "none"        // the image holds no code: any read is false
	FlagUndecodable = "undecodable" // a code is there but must not decode
)

// Corpus is a loaded corpus folder.
type Corpus struct {
	Dir    string  // the folder, as given to Load
	Name   string  // the folder's base name
	Format string  // FormatManifest or FormatLabels
	Images []Image // in file order, each image once
}

// Image is one image of a corpus with what it should yield.
type Image struct {
	Path     string     // relative to the corpus folder, slash-separated
	Category string     // labels: the sub-folder; manifest: ""
	Expected []Expected // manifest: the image's rows, in file order
	Labels   []Polygon  // labels: the polygon of every code
}

// File is the image's path on disk.
func (c *Corpus) File(img Image) string {
	return filepath.Join(c.Dir, filepath.FromSlash(img.Path))
}

// Flag is the image's flag when all its rows share one ("none",
// "undecodable", "multi"…), else "".
func (img Image) Flag() string {
	if len(img.Expected) == 0 {
		return ""
	}
	f := img.Expected[0].Flag
	for _, e := range img.Expected[1:] {
		if e.Flag != f {
			return ""
		}
	}
	return f
}

// IsNone reports whether the image is flagged as holding no code.
func (img Image) IsNone() bool { return img.hasFlag(FlagNone) }

// IsUndecodable reports whether the image is flagged as holding a code that
// must not decode.
func (img Image) IsUndecodable() bool { return img.hasFlag(FlagUndecodable) }

func (img Image) hasFlag(flag string) bool {
	for _, e := range img.Expected {
		if e.Flag == flag {
			return true
		}
	}
	return false
}

// Expected is one manifest row: a code's exact text (empty when the source
// gives none) and its flag ("" for a plain code).
type Expected struct {
	Text string
	Flag string
}

// Pt is a point in image pixels.
type Pt = geom.Pt

// Polygon is a labelled code's outline, its corners in order; Contains says
// whether a point lies inside it (even-odd rule).
type Polygon = geom.Polygon

// Load reads the corpus in dir: labels.jsonl when the folder has one, else
// manifest.tsv.
func Load(dir string) (*Corpus, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s: not a folder", dir)
	}
	c := &Corpus{Dir: dir, Name: filepath.Base(filepath.Clean(dir))}
	if c.Name == "." || c.Name == string(filepath.Separator) {
		if abs, err := filepath.Abs(dir); err == nil {
			c.Name = filepath.Base(abs)
		}
	}
	lp, mp := filepath.Join(dir, LabelsFile), filepath.Join(dir, ManifestFile)
	switch {
	case exists(lp):
		c.Format = FormatLabels
		err = c.loadLabels(lp)
	case exists(mp):
		c.Format = FormatManifest
		err = c.loadManifest(mp)
	default:
		return nil, fmt.Errorf("%s: not a corpus folder (no %s or %s)", dir, ManifestFile, LabelsFile)
	}
	if err != nil {
		return nil, err
	}
	if len(c.Images) == 0 {
		return nil, fmt.Errorf("%s: the corpus lists no images", dir)
	}
	return c, nil
}

func exists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func (c *Corpus) loadManifest(p string) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	index := map[string]int{}
	lines := strings.Split(string(data), "\n")
	for i, line := range lines {
		line = strings.TrimSuffix(line, "\r") // a raw CR is never part of a text: texts escape it
		if line == "" || (i == 0 && strings.HasPrefix(line, "image_filename\t")) {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 {
			return fmt.Errorf("%s:%d: want image<TAB>text<TAB>flag, got %d fields", p, i+1, len(f))
		}
		if f[0] == "" {
			return fmt.Errorf("%s:%d: no image name", p, i+1)
		}
		text, err := Unescape(f[1])
		if err != nil {
			return fmt.Errorf("%s:%d: %v", p, i+1, err)
		}
		var flag string
		if len(f) == 3 {
			flag = strings.TrimSpace(f[2])
		}
		name := path.Clean(filepath.ToSlash(f[0]))
		k, ok := index[name]
		if !ok {
			k = len(c.Images)
			index[name] = k
			c.Images = append(c.Images, Image{Path: name})
		}
		c.Images[k].Expected = append(c.Images[k].Expected, Expected{Text: text, Flag: flag})
	}
	return nil
}

// Unescape undoes the manifest's escaping: \\ is a backslash, \t a TAB, \n a
// line feed and \r a carriage return. Any other backslash is an error; every
// other byte stands for itself.
func Unescape(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch != '\\' {
			b.WriteByte(ch)
			continue
		}
		if i+1 == len(s) {
			return "", errors.New("text ends in a lone backslash")
		}
		i++
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			return "", fmt.Errorf("unknown escape \\%c in text", s[i])
		}
	}
	return b.String(), nil
}

type labelLine struct {
	Image string      `json:"image"`
	Codes [][]float64 `json:"codes"`
}

func (c *Corpus) loadLabels(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	index := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var l labelLine
		if err := json.Unmarshal(line, &l); err != nil {
			return fmt.Errorf("%s:%d: %v", p, n, err)
		}
		if l.Image == "" {
			return fmt.Errorf("%s:%d: no image name", p, n)
		}
		name := path.Clean(filepath.ToSlash(l.Image))
		if _, dup := index[name]; dup {
			return fmt.Errorf("%s:%d: %s is listed twice", p, n, name)
		}
		img := Image{Path: name, Category: path.Dir(name)}
		if img.Category == "." {
			img.Category = ""
		}
		for k, xy := range l.Codes {
			if len(xy) < 6 || len(xy)%2 != 0 {
				return fmt.Errorf("%s:%d: code %d: want x,y pairs of at least 3 corners, got %d numbers", p, n, k+1, len(xy))
			}
			poly := make(Polygon, len(xy)/2)
			for i := range poly {
				poly[i] = Pt{X: xy[2*i], Y: xy[2*i+1]}
			}
			img.Labels = append(img.Labels, poly)
		}
		index[name] = len(c.Images)
		c.Images = append(c.Images, img)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %v", p, err)
	}
	return nil
}

// CoarseArea is how many times a label's area an approximate code's region
// may cover and still read the label its centre lies in (a region twice the
// code's side at most).
const CoarseArea = 4

// Result is what the decoder made of one image.
type Result struct {
	Image   string         // Image.Path
	Codes   []canhcua.Code // every code decoded
	Elapsed time.Duration  // time spent decoding (not reading the file)
	Err     error          // the image could not be read or decoded
}

// DecodeFunc decodes the image file at path and reports how long the decoding
// itself took.
type DecodeFunc func(path string) (codes []canhcua.Code, elapsed time.Duration, err error)

// Run decodes every image of the corpus with decode, one after the other so
// that timings do not compete, and returns the results in image order. When
// ctx is done it stops and returns the results so far with ctx's error.
func (c *Corpus) Run(ctx context.Context, decode DecodeFunc) ([]Result, error) {
	out := make([]Result, 0, len(c.Images))
	for _, img := range c.Images {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		codes, el, err := decode(c.File(img))
		out = append(out, Result{Image: img.Path, Codes: codes, Elapsed: el, Err: err})
	}
	return out, nil
}

// Report is a decoder's score on a corpus.
type Report struct {
	Corpus string `json:"corpus"`
	Dir    string `json:"dir"`
	Format string `json:"format"`
	Images int    `json:"images"` // images in the corpus
	Codes  int    `json:"codes"`  // codes decoded, over all images
	// Approximate is how many of them had only a region for an outline
	// (canhcua.Code.Approximate).
	Approximate int `json:"approximate_codes"`

	// Decode time per image, over the images that were decoded (not read
	// errors): decoding only, file reading excluded.
	Timed    int     `json:"timed_images"`
	MedianMS float64 `json:"median_ms"`
	P95MS    float64 `json:"p95_ms"`
	TotalMS  float64 `json:"total_ms"`

	Errors []ImageError `json:"errors"` // images that could not be read or decoded

	Labels   *LabelScore    `json:"labels,omitempty"`   // labels format
	Manifest *ManifestScore `json:"manifest,omitempty"` // manifest format
}

// LabelScore is the BoofCV-style score on a labels corpus.
type LabelScore struct {
	Categories  []Category `json:"categories"`
	Labelled    int        `json:"labelled"`
	Read        int        `json:"read"`
	AverageRate float64    `json:"average_rate"` // mean of the category rates: the headline
	PooledRate  float64    `json:"pooled_rate"`  // Read/Labelled over all categories
	Unmatched   []Decode   `json:"unmatched"`    // decodes whose centre is in no label
	Duplicates  []Decode   `json:"duplicates"`   // decodes whose labels were all read by other decodes
	// ApproximateRead is how many of Read were read by approximate codes
	// (their region's centre in the label, the region at most CoarseArea
	// times the label's area).
	ApproximateRead int `json:"approximate_read"`
	// Coarse are approximate decodes whose region's centre lies in a label
	// but which are too large to credit it (not counted as read).
	Coarse []Decode `json:"coarse"`
}

// ManifestScore is the exact-text score on a manifest corpus.
type ManifestScore struct {
	Expected       int      `json:"expected"`               // rows with a text to compare
	ExactRead      int      `json:"exact_read"`             // of those, read with exactly that text
	ExactShare     float64  `json:"exact_share"`            // ExactRead/Expected
	NoText         int      `json:"no_text_rows"`           // rows of codes with no text to compare (binary, unknown)
	NoTextDecoded  int      `json:"no_text_images_decoded"` // images with only such rows on which a code was decoded
	ByFlag         []Flag   `json:"by_flag"`
	NoneImages     int      `json:"none_images"`        // images flagged none
	FalsePositives []Decode `json:"false_positives"`    // codes reported on images flagged none
	Undecodable    int      `json:"undecodable_images"` // images flagged undecodable
	UndecodableHit []Decode `json:"undecodable_reads"`  // codes reported on them
	Unexpected     []Decode `json:"unexpected"`         // other texts read on images with expected texts
	Missed         []Miss   `json:"missed"`             // expected texts not read
}

// Category is the score of one labels category.
type Category struct {
	Name     string  `json:"name"`
	Images   int     `json:"images"`
	Labelled int     `json:"labelled"`
	Read     int     `json:"read"`
	Rate     float64 `json:"rate"`
	Ms50     float64 `json:"median_ms"`
}

// Flag is the exact-text score of the manifest rows sharing a flag ("" is
// reported as "plain").
type Flag struct {
	Flag     string  `json:"flag"`
	Expected int     `json:"expected"`
	Read     int     `json:"read"`
	Share    float64 `json:"share"`
}

// Decode is a decoded code named by its image, for the lists of a report.
type Decode struct {
	Image string  `json:"image"`
	Text  string  `json:"text"`
	X     float64 `json:"x"` // centre of the corners
	Y     float64 `json:"y"`
	// Approximate: the code's outline is a region it lies in.
	Approximate bool `json:"approximate,omitempty"`
}

// Miss is an expected text that was not read.
type Miss struct {
	Image string `json:"image"`
	Text  string `json:"text"`
	Flag  string `json:"flag,omitempty"`
}

// ImageError is an image that could not be read or decoded.
type ImageError struct {
	Image string `json:"image"`
	Err   string `json:"error"`
}

// PlainFlag names the rows without a flag in Report.ByFlag.
const PlainFlag = "plain"

// Score scores results against the corpus. Results are matched to images by
// Result.Image; an image with no result counts as an error ("not decoded").
func (c *Corpus) Score(results []Result) *Report {
	r := &Report{Corpus: c.Name, Dir: c.Dir, Format: c.Format, Images: len(c.Images), Errors: []ImageError{}}
	byImage := make(map[string]*Result, len(results))
	for i := range results {
		byImage[results[i].Image] = &results[i]
	}
	var times []time.Duration
	catTimes := map[string][]time.Duration{}
	res := make([]*Result, len(c.Images))
	for i, img := range c.Images {
		res[i] = byImage[img.Path]
		switch rs := res[i]; {
		case rs == nil:
			r.Errors = append(r.Errors, ImageError{img.Path, "not decoded"})
		case rs.Err != nil:
			r.Errors = append(r.Errors, ImageError{img.Path, rs.Err.Error()})
			res[i] = nil
		default:
			r.Codes += len(rs.Codes)
			for _, code := range rs.Codes {
				if code.Approximate {
					r.Approximate++
				}
			}
			times = append(times, rs.Elapsed)
			catTimes[img.Category] = append(catTimes[img.Category], rs.Elapsed)
		}
	}
	r.Timed = len(times)
	r.MedianMS, r.P95MS = ms(Percentile(times, 50)), ms(Percentile(times, 95))
	for _, t := range times {
		r.TotalMS += ms(t)
	}
	switch c.Format {
	case FormatLabels:
		r.Labels = c.scoreLabels(res, catTimes)
	default:
		r.Manifest = c.scoreManifest(res)
	}
	return r
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Percentile returns the p-th percentile (nearest rank) of ds; 0 for none.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	k := int(math.Ceil(p/100*float64(len(s)))) - 1
	k = max(0, min(k, len(s)-1))
	return s[k]
}

func decodeOf(img string, code canhcua.Code) Decode {
	x, y := code.Center()
	return Decode{Image: img, Text: code.Text, X: x, Y: y, Approximate: code.Approximate}
}

func (c *Corpus) scoreLabels(res []*Result, catTimes map[string][]time.Duration) *LabelScore {
	r := &LabelScore{Unmatched: []Decode{}, Duplicates: []Decode{}, Coarse: []Decode{}}
	cats := map[string]*Category{}
	var names []string
	for i, img := range c.Images {
		cat := cats[img.Category]
		if cat == nil {
			cat = &Category{Name: img.Category}
			cats[img.Category] = cat
			names = append(names, img.Category)
		}
		cat.Images++
		cat.Labelled += len(img.Labels)
		if res[i] == nil {
			continue // unread image: its labels count, unread
		}
		m := matchLabels(img.Labels, res[i].Codes)
		cat.Read += m.read
		r.ApproximateRead += m.approxRead
		for _, k := range m.coarse {
			r.Coarse = append(r.Coarse, decodeOf(img.Path, res[i].Codes[k]))
		}
		unmatched, dups := m.unmatched, m.duplicates
		for _, k := range unmatched {
			r.Unmatched = append(r.Unmatched, decodeOf(img.Path, res[i].Codes[k]))
		}
		for _, k := range dups {
			r.Duplicates = append(r.Duplicates, decodeOf(img.Path, res[i].Codes[k]))
		}
	}
	sort.Strings(names)
	var sum float64
	for _, n := range names {
		cat := cats[n]
		if cat.Labelled > 0 {
			cat.Rate = float64(cat.Read) / float64(cat.Labelled)
		}
		cat.Ms50 = ms(Percentile(catTimes[n], 50))
		sum += cat.Rate
		r.Labelled += cat.Labelled
		r.Read += cat.Read
		r.Categories = append(r.Categories, *cat)
	}
	if len(names) > 0 {
		r.AverageRate = sum / float64(len(names))
	}
	if r.Labelled > 0 {
		r.PooledRate = float64(r.Read) / float64(r.Labelled)
	}
	return r
}

// MatchLabels matches decoded codes to labelled polygons: a code can read a
// label when the centre of its corners lies inside the polygon (for an
// approximate code, also its region at most CoarseArea times the polygon's
// area), and each label and each code is used at most once (a maximum
// matching, so overlapping polygons cannot make the count depend on the
// decoder's output order). It returns how many labels were read, the indexes
// of the codes that can read no polygon (false or unlabelled detections, and
// approximate codes too coarse to credit one), and those inside polygons
// that were all read by other codes (duplicates).
func MatchLabels(labels []Polygon, codes []canhcua.Code) (read int, unmatched, duplicates []int) {
	m := matchLabels(labels, codes)
	unmatched = append(m.unmatched, m.coarse...)
	sort.Ints(unmatched)
	return m.read, unmatched, m.duplicates
}

// matching is matchLabels' result: see MatchLabels.
type matching struct {
	read       int
	approxRead int   // labels read by approximate codes
	unmatched  []int // codes whose centre lies in no label
	coarse     []int // approximate codes whose centre lies in a label, too large to read it
	duplicates []int
}

func matchLabels(labels []Polygon, codes []canhcua.Code) (m matching) {
	cand := make([][]int, len(codes)) // labels each code can read
	inAny := make([]bool, len(codes)) // its centre lies in a label
	for k, code := range codes {
		x, y := code.Center()
		box := Polygon{}
		for _, p := range code.Points {
			box = append(box, Pt{X: float64(p.X), Y: float64(p.Y)})
		}
		for j, poly := range labels {
			if !poly.Contains(Pt{X: x, Y: y}) {
				continue
			}
			inAny[k] = true
			if code.Approximate && box.Area() > CoarseArea*poly.Area() {
				continue
			}
			cand[k] = append(cand[k], j)
		}
	}
	owner := make([]int, len(labels)) // code matched to each label, or -1
	for j := range owner {
		owner[j] = -1
	}
	var try func(k int, seen []bool) bool
	try = func(k int, seen []bool) bool {
		for _, j := range cand[k] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || try(owner[j], seen) {
				owner[j] = k
				return true
			}
		}
		return false
	}
	matched := make([]bool, len(codes))
	for k := range codes {
		if len(cand[k]) > 0 && try(k, make([]bool, len(labels))) {
			m.read++
		}
	}
	for _, k := range owner {
		if k >= 0 {
			matched[k] = true
			if codes[k].Approximate {
				m.approxRead++
			}
		}
	}
	for k := range codes {
		switch {
		case !inAny[k]:
			m.unmatched = append(m.unmatched, k)
		case len(cand[k]) == 0:
			m.coarse = append(m.coarse, k)
		case !matched[k]:
			m.duplicates = append(m.duplicates, k)
		}
	}
	return m
}

func (c *Corpus) scoreManifest(res []*Result) *ManifestScore {
	r := &ManifestScore{ByFlag: []Flag{}, FalsePositives: []Decode{}, UndecodableHit: []Decode{}, Unexpected: []Decode{}, Missed: []Miss{}}
	flags := map[string]*Flag{}
	var order []string
	for i, img := range c.Images {
		var codes []canhcua.Code
		if res[i] != nil {
			codes = res[i].Codes
		}
		if img.IsNone() {
			r.NoneImages++
			for _, code := range codes {
				r.FalsePositives = append(r.FalsePositives, decodeOf(img.Path, code))
			}
		}
		if img.IsUndecodable() {
			r.Undecodable++
			for _, code := range codes {
				r.UndecodableHit = append(r.UndecodableHit, decodeOf(img.Path, code))
			}
		}
		used := make([]bool, len(codes))
		for _, e := range img.Expected {
			if e.Text == "" {
				if e.Flag != FlagNone && e.Flag != FlagUndecodable {
					r.NoText++
				}
				continue
			}
			name := e.Flag
			if name == "" {
				name = PlainFlag
			}
			f := flags[name]
			if f == nil {
				f = &Flag{Flag: name}
				flags[name] = f
				order = append(order, name)
			}
			f.Expected++
			r.Expected++
			hit := false
			for k, code := range codes {
				if !used[k] && code.Text == e.Text {
					used[k], hit = true, true
					break
				}
			}
			if hit {
				f.Read++
				r.ExactRead++
			} else {
				r.Missed = append(r.Missed, Miss{Image: img.Path, Text: e.Text, Flag: e.Flag})
			}
		}
		if img.IsNone() || img.IsUndecodable() {
			continue
		}
		if !hasText(img) && len(codes) > 0 {
			r.NoTextDecoded++
		}
		// Codes that matched no expected text, on images that have text
		// expectations (images with no text to compare prove nothing).
		if hasText(img) {
			for k, code := range codes {
				if !used[k] {
					r.Unexpected = append(r.Unexpected, decodeOf(img.Path, code))
				}
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		if (order[i] == PlainFlag) != (order[j] == PlainFlag) {
			return order[i] == PlainFlag
		}
		return order[i] < order[j]
	})
	for _, n := range order {
		f := flags[n]
		if f.Expected > 0 {
			f.Share = float64(f.Read) / float64(f.Expected)
		}
		r.ByFlag = append(r.ByFlag, *f)
	}
	if r.Expected > 0 {
		r.ExactShare = float64(r.ExactRead) / float64(r.Expected)
	}
	return r
}

func hasText(img Image) bool {
	for _, e := range img.Expected {
		if e.Text != "" {
			return true
		}
	}
	return false
}
