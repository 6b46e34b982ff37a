package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/desk"
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
	demo, err := st.Demo(ctx)
	if err != nil {
		return c.fail(err)
	}
	opt := export.Options{FullID: *fullID, Location: d.loc, Lang: *d.lang, Day: d.day, Demo: demo, Comma: d.comma}
	path, err := desk.ExportDay(ctx, st, d.day, *d.door, d.ext, *d.to, opt, stdout)
	if err != nil {
		return c.fail(err)
	}
	if path != "-" {
		fmt.Fprintln(stdout, path)
	}
	return exitOK
}
