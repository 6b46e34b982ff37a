package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
)

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("export", catalog.ExportSynopsis, stdout, stderr)
	cfg := userConfig(stderr)
	date := c.dateFlag()
	format := c.fs.String("format", "", say(catalog.ExportFlagFormat))
	to := c.fs.String("to", "", say(catalog.ExportFlagTo))
	db := c.dbFlag(cfg.DB)
	door := c.doorFlag()
	fullID := c.fs.Bool("full-id", false, say(catalog.ExportFlagFullID))
	lang := c.fs.String("lang", string(catalog.VI), say(catalog.ExportFlagLang))
	pos, status, ok := c.parse(args)
	if !ok {
		return status
	}
	if status, ok := c.noArgs(pos); !ok {
		return status
	}
	loc := tz.Load(cfg.TimeZone)
	day, err := parseDay(*date, time.Now(), loc)
	if err != nil {
		return c.fail(err)
	}
	f, err := pickFormat(*format, *to, export.Formats)
	if err != nil {
		return c.fail(err)
	}
	if _, err := parseLang(*lang); err != nil {
		return c.fail(err)
	}
	st, err := openDB(ctx, *db, loc, true)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	path, err := exportDay(ctx, st, day, *door, f, *to, export.Options{FullID: *fullID, Location: loc, Lang: *lang, Day: day}, stdout)
	if err != nil {
		return c.fail(err)
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
