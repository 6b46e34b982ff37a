package desk

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store"
)

// PurgeRetention deletes the personal data older than days (today being the
// last of them) at now, deletes the snapshot files of the deleted warnings,
// and vacuums the database when rows went. With dryRun it only counts. The
// desk calls it at start. Problems after the purge itself (a snapshot that
// cannot be deleted, a vacuum that could not run) come back in problems: the
// purge has happened.
func PurgeRetention(ctx context.Context, st *store.DB, days int, now time.Time, dryRun bool) (res store.PurgeResult, problems []error, err error) {
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

// PurgeByDay deletes what is older than the retention one day per
// transaction, oldest first, so that the desk's own scans, which may arrive
// meanwhile, never wait long for the database; it does not VACUUM (that
// would hold the database for as long as the file takes to rebuild: `canhcua
// purge` does it). Snapshot files of the deleted warnings are removed.
func PurgeByDay(ctx context.Context, st *store.DB, days int, now time.Time) (total int, problems []error, err error) {
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
		return errors.New(catalog.EN.T(catalog.PurgeSnapshotNotJPEG, path))
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if !fi.Mode().IsRegular() && fi.Mode()&fs.ModeSymlink == 0 {
		return errors.New(catalog.EN.T(catalog.PurgeSnapshotNotFile, path))
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}
