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

	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store"
)

// SnapshotDir is the folder of the no-scan snapshots of the desk whose data
// folder (the database's) is dataDir.
func SnapshotDir(dataDir string) string { return filepath.Join(dataDir, "snapshots") }

// PurgeRetention deletes the personal data older than days (today being the
// last of them) at now, deletes the snapshot files of the deleted warnings
// and the older snapshots left in snapDir (see purgeSnapshotFolder; "": no
// folder), and vacuums the database when rows went. res.Snapshots lists
// every snapshot file deleted. With dryRun it only counts. Problems after
// the purge itself (a snapshot that cannot be deleted, a vacuum that could
// not run) come back in problems: the purge has happened.
func PurgeRetention(ctx context.Context, st *store.DB, days int, now time.Time, snapDir string, dryRun bool) (res store.PurgeResult, problems []error, err error) {
	cutoff := store.RetentionCutoff(now, days, st.Location())
	if dryRun {
		if res, err = st.PurgePreview(ctx, cutoff); err != nil {
			return res, nil, err
		}
		var left []string
		left, problems = purgeSnapshotFolder(snapDir, cutoff, true)
		res.Snapshots = union(res.Snapshots, left)
		return res, problems, nil
	}
	if res, err = st.Purge(ctx, cutoff); err != nil {
		return res, nil, err
	}
	problems = removeSnapshots(res.Snapshots)
	left, more := purgeSnapshotFolder(snapDir, cutoff, false)
	res.Snapshots = union(res.Snapshots, left)
	problems = append(problems, more...)
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
// purge` does it). Snapshot files of the deleted warnings are removed, and
// then the older snapshots left in snapDir: rows is the number of rows
// deleted, files the number of snapshot files.
func PurgeByDay(ctx context.Context, st *store.DB, days int, now time.Time, snapDir string) (rows, files int, problems []error, err error) {
	cutoff := store.RetentionCutoff(now, days, st.Location())
	oldest, ok, err := st.OldestDay(ctx)
	if err != nil {
		return 0, 0, nil, err
	}
	for d := oldest.AddDate(0, 0, 1); ok && !d.After(cutoff) && ctx.Err() == nil; d = d.AddDate(0, 0, 1) {
		res, err := st.Purge(ctx, d)
		if err != nil {
			return rows, files, problems, err
		}
		rows += res.Total()
		files += len(res.Snapshots)
		problems = append(problems, removeSnapshots(res.Snapshots)...)
	}
	if err := ctx.Err(); err != nil {
		return rows, files, problems, err
	}
	left, more := purgeSnapshotFolder(snapDir, cutoff, false)
	return rows, files + len(left), append(problems, more...), nil
}

// removeSnapshots deletes the snapshots of deleted warnings.
func removeSnapshots(paths []string) (problems []error) {
	for _, p := range paths {
		if err := removeSnapshot(p); err != nil {
			problems = append(problems, err)
		}
	}
	return problems
}

// purgeSnapshotFolder deletes the snapshots in dir taken before cutoff, by
// the time in their names (camera.SnapshotPath, in local time as the desk
// names them), whatever the database holds: a snapshot whose warning never
// reached the database, or one a crash left between the database purge and
// the deletion of its file. Temporary files of snapshots being written, in
// the folder of a day before cutoff, go too. Any other file is left alone,
// and so is a day folder that still holds one; a day folder left empty is
// removed. It returns the files deleted (with dryRun: that would be).
func purgeSnapshotFolder(dir string, cutoff time.Time, dryRun bool) (gone []string, problems []error) {
	if dir == "" {
		return nil, nil
	}
	days, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, []error{fmt.Errorf("snapshots: %w", err)}
	}
	for _, day := range days {
		start, err := time.ParseInLocation(time.DateOnly, day.Name(), time.Local)
		if !day.IsDir() || err != nil || start.AddDate(0, 0, 1).After(cutoff) {
			continue // not a day folder, or a day not wholly before cutoff
		}
		folder := filepath.Join(dir, day.Name())
		files, err := os.ReadDir(folder)
		if err != nil {
			problems = append(problems, fmt.Errorf("snapshots: %w", err))
			continue
		}
		for _, f := range files {
			p := filepath.Join(folder, f.Name())
			if !f.Type().IsRegular() {
				continue
			}
			if at, ok := camera.SnapshotTime(dir, p, time.Local); !(ok && at.Before(cutoff)) && !camera.IsSnapshotTemp(f.Name()) {
				continue
			}
			if !dryRun {
				if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
					problems = append(problems, fmt.Errorf("snapshot: %w", err))
					continue
				}
			}
			gone = append(gone, p)
		}
		if !dryRun {
			os.Remove(folder) // only when empty: a folder with other files stays
		}
	}
	return gone, problems
}

// union is a followed by the paths of b that a does not name.
func union(a, b []string) []string {
	seen := make(map[string]bool, len(a))
	for _, p := range a {
		seen[filepath.Clean(p)] = true
	}
	for _, p := range b {
		if !seen[filepath.Clean(p)] {
			a = append(a, p)
		}
	}
	return a
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
