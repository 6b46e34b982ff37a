package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/district"
	"github.com/canhcua/canhcua/store/export"
	"github.com/canhcua/canhcua/store/trace"
)

// traceClock is the time of "today"; tests fix it.
var traceClock = time.Now

// toFlag is --to, which the synopsis gives two meanings: the last day of
// --from/--to (a date), and the output file (anything else). It may be given
// twice, once for each.
type toFlag []string

func (t *toFlag) String() string     { return strings.Join(*t, ",") }
func (t *toFlag) Set(s string) error { *t = append(*t, s); return nil }

// dateLike is what --to is taken for a day by: digits and separators only,
// a digit first.
var dateLike = regexp.MustCompile(`^[0-9][0-9./-]*$`)

// split is the day and the file --to names ("" when not given).
func (t toFlag) split(loc *time.Location) (day time.Time, dayText, file string, err error) {
	for _, v := range t {
		if dateLike.MatchString(v) {
			if dayText != "" {
				return day, dayText, file, sayErr(catalog.TraceToTwice, dayText, v)
			}
			if day, err = parseDay(v, time.Time{}, loc); err != nil {
				return day, dayText, file, err
			}
			dayText = v
			continue
		}
		if file != "" {
			return day, dayText, file, sayErr(catalog.TraceToTwice, file, v)
		}
		file = v
	}
	return day, dayText, file, nil
}

func cmdTrace(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := userConfig(stderr)
	c := newCLI("trace", catalog.TraceSynopsis, stdout, stderr)
	id := c.fs.String("id", "", say(catalog.TraceFlagID))
	name := c.fs.String("name", "", say(catalog.TraceFlagName))
	birth := c.fs.String("birth", "", say(catalog.TraceFlagBirth))
	date := c.fs.String("date", "", say(catalog.TraceFlagDate))
	from := c.fs.String("from", "", say(catalog.TraceFlagFrom))
	var to toFlag
	c.fs.Var(&to, "to", say(catalog.TraceFlagTo))
	window := c.fs.String("window", shortDuration(canhcua.DefaultTraceWindow), say(catalog.TraceFlagWindow))
	format := c.fs.String("format", "", say(catalog.TraceFlagFormat))
	server := c.fs.String("server", "", say(catalog.TraceFlagServer))
	dbPath := c.fs.String("db", "", say(catalog.TraceFlagDB))
	fullID := c.fs.Bool("full-id", false, say(catalog.TraceFlagFullID))
	lang := c.fs.String("lang", string(catalog.VI), say(catalog.TraceFlagLang))
	sep := c.sepFlag(cfg)
	if status, ok := c.parseNone(args); !ok {
		return status
	}

	loc := tz.Load(cfg.TimeZone)
	target, err := traceTarget(*id, *name, *birth)
	if err != nil {
		return c.fail(err)
	}
	first, last, file, err := traceDays(*date, *from, to, traceClock().In(loc), loc)
	if err != nil {
		return c.fail(err)
	}
	win, err := time.ParseDuration(*window)
	if err != nil || win <= 0 {
		return c.failf(catalog.TraceBadWindow, *window)
	}
	f, err := pickFormat(*format, file, trace.Formats)
	if err != nil {
		return c.fail(err)
	}
	if _, err := parseLang(*lang); err != nil {
		return c.fail(err)
	}
	if *server != "" && *dbPath != "" {
		return c.failf(catalog.TraceServerAndDB)
	}

	d := trace.Doc{First: first, Last: last, Window: win}
	docLang := catalog.Of(*lang)
	q := canhcua.TraceQuery{Target: target, From: first, To: last.AddDate(0, 0, 1), Window: win}
	url := *server
	if url == "" && *dbPath == "" {
		url = cfg.Server
	}
	if url != "" {
		srv, err := district.Open(ctx, url)
		if err != nil {
			return c.fail(err)
		}
		defer srv.Close()
		d.Source, d.Server = docLang.T(catalog.TraceServer, canhcua.Redact(url)), true
		d.TraceResult, err = canhcua.Trace(ctx, srv, q)
		if err != nil {
			return c.fail(err)
		}
	} else {
		path := cmp.Or(*dbPath, cfg.DB)
		st, err := openDB(ctx, path, loc, true, store.ReadOnly())
		if err != nil {
			return c.fail(err)
		}
		defer st.Close()
		d.Source = docLang.T(catalog.TraceDeskFile, path, cfg.Site)
		d.TraceResult, err = canhcua.Trace(ctx, st.Tracer(cfg.Site), q)
		if err != nil {
			return c.fail(err)
		}
	}
	comma, err := export.ParseSeparator(*sep)
	if err != nil {
		return c.fail(err)
	}
	opt := trace.Options{FullID: *fullID, Lang: *lang, Location: loc, Comma: comma}
	if file == "" {
		file = "-"
		if f == "csv" || f == "xlsx" {
			file = trace.DefaultName(first, last, f)
		}
	}
	if file == "-" {
		if err := trace.Write(stdout, f, d, opt); err != nil {
			return c.fail(err)
		}
		return exitOK
	}
	if err := export.WriteFile(file, func(w io.Writer) error { return trace.Write(w, f, d, opt) }); err != nil {
		return c.fail(err)
	}
	fmt.Fprintln(stdout, file)
	return exitOK
}

// traceTarget is the person --id, or --name and --birth, name.
func traceTarget(id, name, birth string) (canhcua.TraceTarget, error) {
	id, name, birth = strings.TrimSpace(id), strings.TrimSpace(name), strings.TrimSpace(birth)
	switch {
	case id != "" && name != "":
		return canhcua.TraceTarget{}, sayErr(catalog.TraceIDAndName)
	case id != "":
		return canhcua.TraceTarget{IDNumber: id}, nil
	case name == "":
		return canhcua.TraceTarget{}, sayErr(catalog.TraceNoPerson)
	case birth == "":
		return canhcua.TraceTarget{}, sayErr(catalog.TraceNoBirth)
	}
	if _, err := time.Parse("02/01/2006", birth); err != nil {
		return canhcua.TraceTarget{}, sayErr(catalog.TraceBadBirth, birth)
	}
	return canhcua.TraceTarget{Name: name, BirthDate: birth}, nil
}

// traceDays is the first and last day traced (midnight in loc) and the
// output file, from --date, or --from and --to (inclusive; --from alone runs
// to today).
func traceDays(date, from string, to toFlag, now time.Time, loc *time.Location) (first, last time.Time, file string, err error) {
	toDay, toText, file, err := to.split(loc)
	if err != nil {
		return first, last, file, err
	}
	midnight := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc) }
	switch {
	case date != "" && (from != "" || toText != ""):
		return first, last, file, sayErr(catalog.TraceDateAndRange)
	case toText != "" && from == "":
		return first, last, file, sayErr(catalog.TraceToWithoutFrom, toText)
	case from != "":
		if first, err = parseDay(from, now, loc); err != nil {
			return first, last, file, err
		}
		last = now
		if toText != "" {
			last = toDay
		}
	default:
		if first, err = parseDay(date, now, loc); err != nil {
			return first, last, file, err
		}
		last = first
	}
	first, last = midnight(first), midnight(last)
	if last.Before(first) {
		return first, last, file, sayErr(catalog.TraceRangeBackwards, first.Format("02/01/2006"), last.Format("02/01/2006"))
	}
	return first, last, file, nil
}

// shortDuration is d as a person writes it: "1h", "30m", "1h30m".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
