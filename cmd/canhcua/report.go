package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/report"
)

// reportClock is the time of "today" and of the report's "made at" line;
// tests fix it.
var reportClock = time.Now

func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report", "canhcua report [--date DD/MM/YYYY] [--format text|csv|xlsx|pdf] [--to FILE] [--db PATH] [--door NAME] [--lang vi|en]\n\n"+
		"Writes the day's summary for the district health office: entries, exits, people, each\n"+
		"roster's share scanned, the expected people who did not scan, guests admitted or refused,\n"+
		"and the day's warnings. In Vietnamese (--lang en for English). Text goes to standard\n"+
		"output; the other formats to canhcua-report-YYYY-MM-DD.EXT unless --to.", stdout)
	c := userConfig(stderr)
	date := fs.String("date", "", "the day, DD/MM/YYYY (default today)")
	format := fs.String("format", "", "text, csv, xlsx or pdf (default: from --to's extension, else text)")
	to := fs.String("to", "", "output file, - for standard output (default: standard output for text, else canhcua-report-YYYY-MM-DD.EXT in the current folder)")
	db := fs.String("db", c.DB, "SQLite database")
	door := fs.String("door", "", "only this door (default all doors)")
	site := fs.String("site", "", "office name under the title")
	lang := fs.String("lang", "vi", "vi or en")
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "canhcua report: "+format+"\n", a...)
		return exitUsage
	}
	if len(pos) > 0 {
		return fail("unexpected argument %q (see canhcua report --help)", pos[0])
	}
	loc := mustLocation(c.TimeZone)
	now := reportClock().In(loc)
	day := now
	if *date != "" {
		d, err := time.ParseInLocation("02/01/2006", *date, loc)
		if err != nil {
			return fail("date %q: want DD/MM/YYYY, e.g. 27/11/2026", *date)
		}
		day = d
	}
	f := strings.ToLower(*format)
	if f == "" {
		switch ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(*to)), "."); ext {
		case "csv", "xlsx", "pdf":
			f = ext
		default:
			f = "text"
		}
	}
	if f == "txt" {
		f = "text"
	}
	switch f {
	case "text", "csv", "xlsx", "pdf":
	default:
		return fail("format %q: want text, csv, xlsx or pdf", *format)
	}
	if *lang != "vi" && *lang != "en" {
		return fail("language %q: want vi or en", *lang)
	}
	if _, err := os.Stat(*db); err != nil {
		return fail("database %s: %v", *db, err)
	}
	st, err := store.Open(ctx, *db, store.WithLocation(loc))
	if err != nil {
		return fail("%s", oneLine(err))
	}
	defer st.Close()
	d, err := buildReportDay(ctx, st, day, *door)
	if err != nil {
		return fail("%s", oneLine(err))
	}
	d.Site, d.Made = *site, now

	out := *to
	if out == "" {
		out = "-"
		if f != "text" {
			out = report.DefaultName(day, f)
		}
	}
	if out == "-" {
		if err := report.Write(stdout, f, d, *lang); err != nil {
			return fail("%s", oneLine(err))
		}
		return exitOK
	}
	if err := writeFileAtomic(out, func(w io.Writer) error { return report.Write(w, f, d, *lang) }); err != nil {
		return fail("%s", oneLine(err))
	}
	fmt.Fprintln(stdout, out)
	return exitOK
}

// buildReportDay gathers the report of the local day containing day at door
// ("" for all doors) from the store.
func buildReportDay(ctx context.Context, st *store.DB, day time.Time, door string) (report.Day, error) {
	d := report.Day{Date: day.In(st.Location()), Door: door}
	var err error
	if d.Counts, err = st.Counts(ctx, door, day); err != nil {
		return d, err
	}
	groups, err := st.ExpectedStatus(ctx, day)
	if err != nil {
		return d, err
	}
	d.Groups = reportGroups(groups)
	if d.Warnings, err = st.Warnings(ctx, day, door, false); err != nil {
		return d, err
	}
	guests, err := st.Guests(ctx, day, door)
	if err != nil {
		return d, err
	}
	for _, g := range guests {
		d.Guests = append(d.Guests, report.Guest{
			Name: g.Scan.Name, IDNumber: g.Scan.IDNumber, Door: g.Scan.Door,
			At: g.Scan.At, Admitted: g.Admitted, Decided: g.Decided,
		})
	}
	return d, nil
}

// reportGroups turns the store's expected status into the report's groups:
// the members who have not scanned are the missing ones.
func reportGroups(gs []store.GroupStatus) []report.Group {
	out := make([]report.Group, 0, len(gs))
	for _, g := range gs {
		rg := report.Group{Name: g.Roster.Name, Present: g.Present, Total: g.Total, ExpectedBy: g.Roster.ExpectedBy}
		for _, m := range g.Members {
			if !m.Scanned {
				rg.Missing = append(rg.Missing, m.Member)
			}
		}
		out = append(out, rg)
	}
	return out
}

// expectedGroups turns the store's expected status into the input of
// canhcua.NotScannedWarnings (for the desk, which calls it every few seconds).
func expectedGroups(gs []store.GroupStatus) []canhcua.ExpectedGroup {
	out := make([]canhcua.ExpectedGroup, 0, len(gs))
	for _, g := range gs {
		eg := canhcua.ExpectedGroup{Roster: g.Roster, Present: g.Present, Total: g.Total}
		for _, m := range g.Members {
			if !m.Scanned {
				eg.Missing = append(eg.Missing, m.Member)
			}
		}
		out = append(out, eg)
	}
	return out
}

// writeFileAtomic writes a file whole under a temporary name in its folder
// (made with mode 0700 when missing), with mode 0600, and renames it: a
// failure never leaves half a file under the real name.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	tmp, err := os.CreateTemp(dir, ".canhcua-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
