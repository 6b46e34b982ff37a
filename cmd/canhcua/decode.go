package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/pdf"
)

// decodeResult is one code in `canhcua decode --json` output.
type decodeResult struct {
	Source   string   `json:"source"`
	Page     *int     `json:"page,omitempty"`
	Frame    *int64   `json:"frame,omitempty"`
	Text     string   `json:"text"`
	BytesB64 string   `json:"bytes_b64"`
	Points   [][2]int `json:"points"`
	// Approximate: the points outline a region the code lies in (a tile the
	// decoder searched), not the code's corners.
	Approximate bool `json:"approximate,omitempty"`
	*decodedIdentity
}

// decodedIdentity is what the code says about its holder (canhcua.Identify),
// with the ID number masked unless --full-id.
type decodedIdentity struct {
	Kind      canhcua.Kind `json:"kind"`
	Name      string       `json:"name,omitempty"`
	ID        string       `json:"id,omitempty"`
	BirthDate string       `json:"birth_date,omitempty"`
	Sex       string       `json:"sex,omitempty"`
	IssueDate string       `json:"issue_date,omitempty"`
	BadgeID   string       `json:"badge_id,omitempty"`
	Unit      string       `json:"unit,omitempty"`
	// Verified is set for kinds with a signature (certificates, badges).
	Verified   *bool         `json:"verified,omitempty"`
	Issuer     string        `json:"issuer,omitempty"`
	Doses      []decodedDose `json:"doses,omitempty"`
	Tests      int           `json:"tests,omitempty"`
	Recoveries int           `json:"recoveries,omitempty"`
	Rejected   string        `json:"rejected,omitempty"`
	Warnings   []string      `json:"warnings,omitempty"`
	personKey  string
}

type decodedDose struct {
	Number  int    `json:"dose"`
	Of      int    `json:"of"`
	Date    string `json:"date"`
	Product string `json:"product,omitempty"`
	Country string `json:"country,omitempty"`
}

func describe(id canhcua.Identity, fullID bool) *decodedIdentity {
	d := &decodedIdentity{Kind: id.Kind, Name: id.Name, BirthDate: id.BirthDate, Sex: id.Sex,
		IssueDate: id.IssueDate, BadgeID: id.BadgeID, Unit: id.Unit, Rejected: id.Reject, Warnings: id.Warnings}
	d.ID = canhcua.MaskID(id.IDNumber)
	if fullID {
		d.ID = id.IDNumber
	}
	switch id.Kind {
	case canhcua.KindBadge:
		v := id.Reject == ""
		d.Verified = &v
	case canhcua.KindHC1:
		v := id.Verified
		d.Verified = &v
		if c := id.Certificate; c != nil {
			d.Issuer = c.Issuer
			for _, x := range c.Doses {
				d.Doses = append(d.Doses, decodedDose{Number: x.Number, Of: x.Of, Date: x.Date, Product: x.Product, Country: x.Country})
			}
			d.Tests, d.Recoveries = len(c.Tests), len(c.Recoveries)
		}
	}
	return d
}

type decoder struct {
	json     bool
	idcfg    canhcua.IdentifyConfig
	fullID   bool
	out      io.Writer
	cli      *cli // where failures go
	dedup    time.Duration
	maxPages int
	files    isolation // the child reading the files
	found    int
	failed   int
}

func cmdDecode(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("decode", catalog.DecodeSynopsis, stdout, stderr)
	c.synopsisArgs = []any{camera.MaxFileBytes >> 20, camera.MaxImagePixels / 1_000_000}
	asJSON := c.fs.Bool("json", false, say(catalog.DecodeFlagJSON))
	source := c.fs.String("source", "", say(catalog.DecodeFlagSource))
	dedup := c.fs.Duration("dedup", canhcua.DefaultDedupWindow, say(catalog.DecodeFlagDedup))
	duration := c.fs.Duration("duration", 0, say(catalog.DecodeFlagDuration))
	fullID := c.fs.Bool("full-id", false, say(catalog.DecodeFlagFullID))
	trust := c.fs.String("trust-list", "", say(catalog.DecodeFlagTrustList))
	badgeKey := c.fs.String("badge-key", filepath.Join(dataDir(), "badge.key"), say(catalog.DecodeFlagBadgeKey))
	maxPages := c.maxPagesFlag()
	pos, status, ok := c.parse(args)
	if !ok {
		return status
	}
	if err := checkMaxPages(*maxPages); err != nil {
		return c.fail(err)
	}
	d := &decoder{json: *asJSON, out: stdout, cli: c, dedup: *dedup, fullID: *fullID, maxPages: *maxPages}
	idcfg, err := identifyConfig(*badgeKey, *trust, stderr)
	if err != nil {
		return c.fail(err)
	}
	d.idcfg = idcfg
	if *source != "" {
		if len(pos) > 0 {
			return c.failf(catalog.DecodeSourceAndPaths)
		}
		return d.live(ctx, *source, *duration)
	}
	if len(pos) == 0 {
		return c.failf(catalog.DecodeNoFile)
	}
	defer d.files.Close()
	for _, p := range pos {
		if err := d.file(ctx, p); err != nil {
			if ctx.Err() != nil {
				break // interrupted: the file is not a failure
			}
			d.failed++
			c.fail(err)
		}
	}
	switch {
	case d.failed > 0:
		return exitUsage
	case d.found == 0:
		return exitNotFound
	}
	return exitOK
}

// file decodes one file in the child process (worker.go), printing its
// codes and notes as they come.
func (d *decoder) file(ctx context.Context, p string) error {
	args := []string{"decode", "--max-pages", strconv.Itoa(d.maxPages), "--dedup", d.dedup.String(), "--", p}
	return d.files.read(ctx, p, args, func(m workerMsg) {
		switch {
		case m.Note != "":
			d.cli.note(m.Note)
		case m.Code != nil:
			r := decodeResult{Source: p, Frame: m.Frame}
			if m.Page > 0 {
				r.Page = &m.Page
			}
			d.emit(r, *m.Code)
		}
	})
}

// fileReader reads the codes of one file, in a worker: a PDF's pages, an
// image, or a video's frames.
type fileReader struct {
	dec      camera.Decoder
	dedup    time.Duration
	maxPages int
	send     func(workerMsg)
}

// path decodes one file: a PDF, an image, or else a video.
func (r *fileReader) path(ctx context.Context, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	st, _ := f.Stat()
	f.Close()
	if st != nil && st.IsDir() {
		return sayErr(catalog.DecodeFolder, p)
	}
	switch {
	case pdf.Sniff(head[:n]) || strings.EqualFold(filepath.Ext(p), ".pdf"):
		return r.pdf(ctx, p)
	case camera.IsImagePath(p):
		return r.image(p)
	}
	return r.video(ctx, p)
}

func (r *fileReader) image(p string) error {
	m, err := camera.ReadImage(p)
	if err != nil {
		return err
	}
	defer m.Close()
	codes, err := r.dec.Decode(m)
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	for _, c := range codes {
		r.send(workerMsg{Code: &c})
	}
	return nil
}

// pdf decodes every page, each at camera.PDFDPI or, for a page too large for
// that (camera.MaxPagePixels), at a lower resolution, with a note; the
// points are given at camera.PDFDPI all the same.
func (r *fileReader) pdf(ctx context.Context, p string) error {
	doc, err := camera.OpenPDF(p, r.maxPages)
	if err != nil {
		return err
	}
	defer doc.Close()
	var errs []error
	for i := range doc.Pages() {
		if err := ctx.Err(); err != nil {
			return err
		}
		page := i + 1
		dpi, err := doc.DPI(i, camera.PDFDPI)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		if dpi < camera.PDFDPI {
			r.send(workerMsg{Note: say(catalog.DecodePageReduced, p, page, camera.PDFDPI, dpi)})
		}
		m, err := doc.Page(i, dpi)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		codes, err := r.dec.Decode(m)
		m.Close()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: page %d: %w", p, page, err))
			continue
		}
		scale := camera.PDFDPI / dpi
		for _, c := range codes {
			for j, pt := range c.Points {
				c.Points[j] = canhcua.Point{X: int(math.Round(float64(pt.X) * scale)), Y: int(math.Round(float64(pt.Y) * scale))}
			}
			r.send(workerMsg{Page: page, Code: &c})
		}
	}
	return errors.Join(errs...)
}

func (r *fileReader) video(ctx context.Context, p string) error {
	src, err := camera.Open(ctx, p)
	if err != nil {
		return err
	}
	defer src.Close()
	return readFrames(ctx, src, r.dedup, func(rd canhcua.Read) {
		r.send(workerMsg{Frame: &rd.Frame, Code: &rd.Code})
	})
}

// live reads codes from a live source until it ends, ctx is done or the
// duration has passed.
func (d *decoder) live(ctx context.Context, name string, dur time.Duration) int {
	src, err := camera.OpenLive(ctx, name)
	if err != nil {
		return d.cli.fail(err)
	}
	defer src.Close()
	if dur > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, dur)
		defer cancel()
	}
	err = readFrames(ctx, src, d.dedup, func(r canhcua.Read) {
		d.emit(decodeResult{Source: canhcua.Redact(name), Frame: &r.Frame}, r.Code) // a stream's password is never printed
	})
	if err != nil {
		return d.cli.fail(err)
	}
	if d.found == 0 {
		return exitNotFound
	}
	return exitOK
}

// readFrames runs the frame loop over src and hands over each read.
func readFrames(ctx context.Context, src camera.Source, dedup time.Duration, read func(canhcua.Read)) error {
	// Frames get the live engine (fast first pass, heavier passes only where
	// a code seems to be); it keeps state between frames: one per loop.
	l := &camera.Loop{Source: src, Decoder: camera.NewEngine(camera.Live), Dedup: dedup}
	reads := make(chan canhcua.Read, 64)
	errc := make(chan error, 1)
	go func() {
		errc <- l.Run(ctx, reads)
		close(reads)
	}()
	for r := range reads {
		read(r)
	}
	return <-errc
}

func (d *decoder) emit(r decodeResult, c canhcua.Code) {
	d.found++
	r.Text = c.Text
	r.BytesB64 = base64.StdEncoding.EncodeToString(c.Bytes)
	for _, p := range c.Points {
		r.Points = append(r.Points, [2]int{p.X, p.Y})
	}
	r.Approximate = c.Approximate
	r.decodedIdentity = describe(canhcua.IdentifyWith(d.idcfg, c.Text), d.fullID)
	if d.json {
		b, _ := json.Marshal(r) // escapes control characters: safe for a terminal
		fmt.Fprintf(d.out, "%s\n", b)
		return
	}
	where := canhcua.Printable(r.Source)
	switch {
	case r.Page != nil:
		where = say(catalog.DecodePage, where, *r.Page)
	case r.Frame != nil:
		where = say(catalog.DecodeFrame, where, *r.Frame)
	}
	fmt.Fprintf(d.out, "%s: %s\n", where, canhcua.Printable(c.Text))
	if id := r.decodedIdentity; id.Kind != canhcua.KindText {
		fmt.Fprintf(d.out, "  %s\n", id.summary())
	}
}

// summary is the identity in one readable line.
func (id *decodedIdentity) summary() string {
	parts := []string{string(id.Kind)}
	add := func(key catalog.Key, v string) {
		switch {
		case v == "":
		case key == "":
			parts = append(parts, canhcua.Sanitize(v, 60))
		default:
			parts = append(parts, say(key, canhcua.Sanitize(v, 60)))
		}
	}
	add("", id.Name)
	add(catalog.DecodeID, id.ID)
	add(catalog.DecodeBorn, id.BirthDate)
	add(catalog.DecodeBadge, id.BadgeID)
	add("", id.Unit)
	if len(id.Doses) > 0 {
		parts = append(parts, say(catalog.DecodeDoses, len(id.Doses)))
	}
	if id.Verified != nil {
		if *id.Verified {
			parts = append(parts, say(catalog.DecodeVerified))
		} else {
			parts = append(parts, say(catalog.DecodeNotVerified))
		}
	}
	add(catalog.DecodeRejected, id.Rejected)
	return strings.Join(parts, " · ")
}

// identifyConfig reads the badge key (when it exists) and the trust list
// (when named) for Identify; the trust list's keys that cannot be used are
// said on warn.
func identifyConfig(badgeKey, trustList string, warn io.Writer) (canhcua.IdentifyConfig, error) {
	var cfg canhcua.IdentifyConfig
	if badgeKey != "" {
		key, err := loadBadgeKey(badgeKey, false)
		if err == nil {
			cfg.BadgeKey = key
		} else if !errors.Is(err, fs.ErrNotExist) {
			return cfg, err
		}
	}
	if trustList != "" {
		data, err := os.ReadFile(trustList)
		if err != nil {
			return cfg, err
		}
		var skipped []error
		cfg.TrustList, skipped, err = canhcua.ParseTrustList(data)
		for _, w := range skipped {
			fmt.Fprintln(warn, say(catalog.DecodeTrustSkipped, trustList, w))
		}
		if err != nil {
			return cfg, sayErr(catalog.DecodeTrustList, trustList, err)
		}
	}
	return cfg, nil
}
