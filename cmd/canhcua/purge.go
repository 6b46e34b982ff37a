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

	"github.com/canhcua/canhcua/store"
)

// purgeClock is the time retention counts back from; tests fix it.
var purgeClock = time.Now

func cmdPurge(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("purge", "canhcua purge [--days N] [--db PATH] [--dry-run]\n\n"+
		"Deletes the personal data (scans, visits, warnings and their snapshots, decisions on\n"+
		"guests, people no longer seen) of the days before the last N days, today included.\n"+
		"Rosters are kept; exports and reports already written are yours and not touched.\n"+
		"The desk does the same at start.", stdout)
	c := userConfig(stderr)
	days := fs.Int("days", c.RetentionDays, "days of personal data to keep, today included (config: retention_days)")
	db := fs.String("db", c.DB, "SQLite database")
	dry := fs.Bool("dry-run", false, "only say what would be deleted")
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "canhcua purge: "+format+"\n", a...)
		return exitUsage
	}
	if len(pos) > 0 {
		return fail("unexpected argument %q (see canhcua purge --help)", pos[0])
	}
	if *days < 1 {
		return fail("--days %d: want 1 or more", *days)
	}
	if _, err := os.Stat(*db); err != nil {
		return fail("database %s: %v", *db, err)
	}
	loc := mustLocation(c.TimeZone)
	st, err := store.Open(ctx, *db, store.WithLocation(loc))
	if err != nil {
		return fail("%s", oneLine(err))
	}
	defer st.Close()
	res, problems, err := purgeRetention(ctx, st, *days, purgeClock(), *dry)
	if err != nil {
		return fail("%s", oneLine(err))
	}
	verb := "deleted"
	if *dry {
		verb = "would delete"
	}
	unit := "days"
	if *days == 1 {
		unit = "day"
	}
	fmt.Fprintf(stdout, "canhcua purge: keeping %d %s (from %s); %s %d scans, %d visits, %d warnings, %d decisions, %d people, %d snapshots\n",
		*days, unit, res.Before.Format("02/01/2006"), verb, res.Scans, res.Visits, res.Warnings, res.Decisions, res.People, len(res.Snapshots))
	for _, p := range problems {
		fmt.Fprintf(stderr, "canhcua purge: %s\n", oneLine(p))
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
		return fmt.Errorf("snapshot %s: not a JPEG file name, left alone", path)
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if !fi.Mode().IsRegular() && fi.Mode()&fs.ModeSymlink == 0 {
		return fmt.Errorf("snapshot %s: not a file, left alone", path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}
