package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/desk"
	"github.com/canhcua/canhcua/internal/tz"
)

// purgeClock is the time retention counts back from; tests fix it.
var purgeClock = time.Now

func cmdPurge(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("purge", catalog.PurgeSynopsis, stdout, stderr)
	cfg := userConfig(stderr)
	days := c.fs.Int("days", cfg.RetentionDays, say(catalog.PurgeFlagDays))
	db := c.dbFlag(cfg.DB)
	dry := c.fs.Bool("dry-run", false, say(catalog.PurgeFlagDryRun))
	if status, ok := c.parseNone(args); !ok {
		return status
	}
	if *days < 1 {
		return c.failf(catalog.PurgeBadDays, *days)
	}
	st, err := openDB(ctx, *db, tz.Load(cfg.TimeZone), true)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	snaps := desk.SnapshotDir(filepath.Dir(*db)) // the desk's, beside the database
	res, problems, err := desk.PurgeRetention(ctx, st, *days, purgeClock(), snaps, *dry)
	if err != nil {
		return c.fail(err)
	}
	done, unit := catalog.PurgeDone, catalog.PurgeDays
	if *dry {
		done = catalog.PurgeDry
	}
	if *days == 1 {
		unit = catalog.PurgeDay
	}
	fmt.Fprintf(stdout, "%s: %s\n", c.title(), say(done, *days, say(unit), res.Before.Format("02/01/2006"),
		res.Scans, res.Visits, res.Warnings, res.Decisions, res.People, len(res.Snapshots)))
	for _, p := range problems {
		c.note(oneLine(p))
	}
	if len(problems) > 0 {
		return exitUsage
	}
	return exitOK
}
