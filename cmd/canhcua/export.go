package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
)

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("export", catalog.ExportSynopsis, stdout, stderr)
	d := c.dayFileFlags(userConfig(stderr), export.Formats, catalog.ExportFlagFormat, catalog.ExportFlagTo, catalog.ExportFlagLang)
	fullID := c.fs.Bool("full-id", false, say(catalog.ExportFlagFullID))
	if status, ok := c.parseNone(args); !ok {
		return status
	}
	st, err := d.open(ctx, time.Now())
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	opt := export.Options{FullID: *fullID, Location: d.loc, Lang: *d.lang, Day: d.day}
	path, err := exportDay(ctx, st, d.day, *d.door, d.ext, *d.to, opt, stdout)
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
