package camera

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// SaveSnapshot writes a JPEG snapshot (a picture of a person, so private)
// to path with mode 0600, creating missing folders with mode 0700. The file
// appears whole or not at all: it is written to a temporary file in the same
// folder, synced, then renamed over path.
func SaveSnapshot(path string, jpeg []byte) (err error) {
	if len(jpeg) == 0 {
		return fmt.Errorf("snapshot %s: no picture", path)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	f, err := os.CreateTemp(dir, snapshotTempPrefix+"*"+snapshotTempExt) // mode 0600
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if _, err := f.Write(jpeg); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}

// SnapshotPath names a no-scan snapshot taken at at (in at's location): a
// folder per day under dir (so the day's retention can delete the folder), a
// file per moment. For example dir/2025-03-14/noscan-083015.250.jpg.
func SnapshotPath(dir string, at time.Time) string {
	return filepath.Join(dir, at.Format(snapshotDay), snapshotPrefix+at.Format(snapshotClock)+snapshotExt)
}

const (
	snapshotDay    = "2006-01-02"
	snapshotClock  = "150405.000"
	snapshotPrefix = "noscan-"
	snapshotExt    = ".jpg"
)

// SnapshotTime is when the snapshot at path was taken, read from the name
// SnapshotPath gave it under dir with a time in loc; ok is false for a path
// SnapshotPath does not make.
func SnapshotTime(dir, path string, loc *time.Location) (at time.Time, ok bool) {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return time.Time{}, false
	}
	day, file := filepath.Split(rel)
	clock, okPrefix := strings.CutPrefix(file, snapshotPrefix)
	clock, okExt := strings.CutSuffix(clock, snapshotExt)
	if !okPrefix || !okExt {
		return time.Time{}, false
	}
	at, err = time.ParseInLocation(snapshotDay+" "+snapshotClock, filepath.Clean(day)+" "+clock, loc)
	if err != nil || SnapshotPath(dir, at) != filepath.Join(dir, rel) {
		return time.Time{}, false
	}
	return at, true
}

// IsSnapshotTemp reports whether name is the temporary file SaveSnapshot
// writes a snapshot to before renaming it (left behind by a crash).
func IsSnapshotTemp(name string) bool {
	return strings.HasPrefix(name, snapshotTempPrefix) && strings.HasSuffix(name, snapshotTempExt)
}

const (
	snapshotTempPrefix = ".snapshot-"
	snapshotTempExt    = ".tmp"
)
