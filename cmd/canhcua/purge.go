package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
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
	res, problems, err := purgeRetention(ctx, st, *days, purgeClock(), *dry)
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

// purgeRetention deletes the personal data older than days (today being the
// last of them) at now, deletes the snapshot files of the deleted warnings,
// and vacuums the database when rows went. With dryRun it only counts. The
// desk calls it at start. Problems after the purge itself (a snapshot that
// cannot be deleted, a vacuum that could not run) come back in problems: the
// purge has happened.
func purgeRetention(ctx context.Context, st *store.DB, days int, now time.Time, dryRun bool) (res store.PurgeResult, problems []error, err error) {
	cutoff := store.RetentionCutoff(now, days, st.Location())
	if dryRun {
		res, err = st.PurgePreview(ctx, cutoff)
		return res, nil, err
	}
	if res, err = st.Purge(ctx, cutoff); err != nil {
		return res, nil, err
	}
	for _, p := range res.Snapshots {
		if err := removeSnapshot(p); err != nil {
			problems = append(problems, err)
		}
	}
	if res.Total() > 0 {
		if err := st.Vacuum(ctx); err != nil {
			problems = append(problems, err)
		}
	}
	return res, problems, nil
}

// purgeByDay deletes what is older than the retention one day per
// transaction, oldest first, so that the desk's own scans, which may arrive
// meanwhile, never wait long for the database; it does not VACUUM (that
// would hold the database for as long as the file takes to rebuild: `canhcua
// purge` does it). Snapshot files of the deleted warnings are removed.
func purgeByDay(ctx context.Context, st *store.DB, days int, now time.Time) (total int, problems []error, err error) {
	cutoff := store.RetentionCutoff(now, days, st.Location())
	oldest, ok, err := st.OldestDay(ctx)
	if err != nil || !ok {
		return 0, nil, err
	}
	for d := oldest.AddDate(0, 0, 1); !d.After(cutoff) && ctx.Err() == nil; d = d.AddDate(0, 0, 1) {
		res, err := st.Purge(ctx, d)
		if err != nil {
			return total, problems, err
		}
		total += res.Total()
		for _, p := range res.Snapshots {
			if err := removeSnapshot(p); err != nil {
				problems = append(problems, err)
			}
		}
	}
	return total, problems, ctx.Err()
}

// removeSnapshot deletes a warning's snapshot: a JPEG file (a path that names
// anything else is left alone). A file already gone is fine.
func removeSnapshot(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jpg", ".jpeg":
	default:
		return sayErr(catalog.PurgeSnapshotNotJPEG, path)
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if !fi.Mode().IsRegular() && fi.Mode()&fs.ModeSymlink == 0 {
		return sayErr(catalog.PurgeSnapshotNotFile, path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}
