package main

import (
	"context"
	"errors"
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store/district"
	"github.com/canhcua/canhcua/store/export"
	"github.com/canhcua/canhcua/store/report"
	"github.com/canhcua/canhcua/ui"
)

// cmdDistrict is `canhcua district`: the district health office's table of
// its sites, read from the district's server (--server, else server in the
// config file), on a screen that refreshes itself (ui.NewDistrict) or, with
// --format or --to, written as text, CSV, XLSX or PDF (report.WriteDistrict).
func cmdDistrict(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := userConfig(stderr)
	c := newCLI("district", catalog.DistrictSynopsis, stdout, stderr)
	server := c.fs.String("server", "", say(catalog.DistrictFlagServer))
	date := c.dateFlag()
	format := c.fs.String("format", "", say(catalog.DistrictFlagFormat))
	to := c.fs.String("to", "", say(catalog.DistrictFlagTo))
	lang := c.fs.String("lang", cfg.Lang, say(catalog.DistrictFlagLang))
	sep := c.sepFlag(cfg)
	if status, ok := c.parseNone(args); !ok {
		return status
	}
	comma, err := export.ParseSeparator(*sep)
	if err != nil {
		return c.fail(err)
	}
	url := *server
	if url == "" {
		url = cfg.Server
	}
	if url == "" {
		return c.failf(catalog.DistrictNoServer)
	}
	l, err := parseLang(*lang)
	if err != nil {
		return c.fail(err)
	}
	hours, err := canhcua.ParseOpeningHours(cfg.OpeningHours)
	if err != nil {
		return c.fail(err)
	}
	loc := tz.Load(cfg.TimeZone)
	now := reportClock().In(loc)
	day, err := parseDay(*date, now, loc)
	if err != nil {
		return c.fail(err)
	}
	screen := *format == "" && *to == ""
	f := ""
	if !screen {
		if f, err = pickFormat(*format, *to, report.Formats); err != nil {
			return c.fail(err)
		}
	}
	db, err := district.Open(ctx, url)
	if err != nil {
		return c.fail(err)
	}
	defer db.Close()
	b := districtBackend{db: db, hours: hours, url: url}

	if screen {
		var fixed time.Time // the screen follows today unless --date
		if *date != "" {
			fixed = day
		}
		m := ui.NewDistrict(ui.DistrictConfig{Lang: string(l), Day: fixed, Location: loc}, b)
		if _, err := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx)).Run(); err != nil &&
			!errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
			return c.fail(err)
		}
		return exitOK
	}
	d, err := b.District(ctx, day)
	if err != nil {
		return c.fail(err)
	}
	out := *to
	if out == "" {
		out = "-"
		if f != "text" && f != "csv" {
			out = report.DistrictFileName(day, f)
		}
	}
	return c.emit(out, func(w io.Writer) error { return report.WriteDistrict(w, f, d, string(l), now, comma) })
}

// districtBackend is the district screen's backend (ui.DistrictBackend):
// the district's server, with the opening hours that flag silent doors; its
// errors never show the server's password.
type districtBackend struct {
	db    *district.DB
	hours canhcua.OpeningHours
	url   string
}

func (b districtBackend) District(ctx context.Context, day time.Time) (canhcua.District, error) {
	d, err := b.db.District(ctx, day, b.hours)
	return d, redactServer(err, b.url)
}

func (b districtBackend) Site(ctx context.Context, site string, day time.Time) (canhcua.SiteDetail, error) {
	d, err := b.db.Site(ctx, site, day, b.hours)
	return d, redactServer(err, b.url)
}

// redactServer is err with the password of the server's url, and any URL,
// left out of its text (errors.Is and As still see through it); nil for nil.
func redactServer(err error, url string) error {
	if err == nil {
		return nil
	}
	return serverError{err: err, text: canhcua.Redact(district.RedactError(err, url))}
}

type serverError struct {
	err  error
	text string
}

func (e serverError) Error() string { return e.text }
func (e serverError) Unwrap() error { return e.err }
