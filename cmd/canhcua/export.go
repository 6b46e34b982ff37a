package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
)

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "canhcua export [--date DD/MM/YYYY] [--format csv|xlsx|json] [--to FILE] [--db PATH] [--door NAME] [--full-id]\n\n"+
		"Writes one day's scans, one row per scan, with Vietnamese headers (--lang en for English).\n"+
		"ID numbers are masked (last 4 digits) unless --full-id. An empty day gives a file with\n"+
		"only the headers.", stdout)
	c := userConfig(stderr)
	date := fs.String("date", "", "the day, DD/MM/YYYY (default today)")
	format := fs.String("format", "", "csv, xlsx or json (default: from --to's extension, else csv)")
	to := fs.String("to", "", "output file, - for standard output (default canhcua-YYYY-MM-DD.EXT in the current folder)")
	db := fs.String("db", c.DB, "SQLite database")
	door := fs.String("door", "", "only this door (default all doors)")
	fullID := fs.Bool("full-id", false, "write full ID numbers instead of masked ones")
	lang := fs.String("lang", "vi", "vi or en: headers and values")
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "canhcua export: "+format+"\n", a...)
		return exitUsage
	}
	if len(pos) > 0 {
		return fail("unexpected argument %q (see canhcua export --help)", pos[0])
	}
	loc := mustLocation(c.TimeZone)
	day := time.Now().In(loc)
	if *date != "" {
		d, err := time.ParseInLocation("02/01/2006", *date, loc)
		if err != nil {
			return fail("date %q: want DD/MM/YYYY, e.g. 27/11/2026", *date)
		}
		day = d
	}
	f := strings.ToLower(*format)
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*to)), ".")
		if f != "xlsx" && f != "json" {
			f = "csv"
		}
	}
	if f != "csv" && f != "xlsx" && f != "json" {
		return fail("format %q: want csv, xlsx or json", *format)
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
	path, err := exportDay(ctx, st, day, *door, f, *to, export.Options{FullID: *fullID, Location: loc, Lang: *lang, Day: day}, stdout)
	if err != nil {
		return fail("%s", oneLine(err))
	}
	if path != "-" {
		fmt.Fprintln(stdout, path)
	}
	return exitOK
}

// exportDay writes day's scans at door (all doors when "") to the file to
// (a default name in the current folder when empty, stdout when "-") and
// returns its path. The file is written whole to a temporary name first and
// renamed, so a failure never leaves half a file under the real name.
func exportDay(ctx context.Context, st *store.DB, day time.Time, door, format, to string, opt export.Options, stdout io.Writer) (string, error) {
	scans, err := st.Scans(ctx, store.ScanQuery{Day: day, Door: door})
	if err != nil {
		return "", err
	}
	if to == "-" {
		return "-", export.Write(stdout, format, scans, opt)
	}
	if to == "" {
		to = export.DefaultName(day, format)
	}
	return to, writeFileAtomic(to, func(w io.Writer) error { return export.Write(w, format, scans, opt) })
}

// mustLocation loads a time zone, falling back to a fixed UTC+7 (Vietnam has
// no daylight saving) when the zone database is missing.
func mustLocation(name string) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}
