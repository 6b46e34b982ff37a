package camera

import (
	"fmt"
	"os"
	"path/filepath"
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
	f, err := os.CreateTemp(dir, ".snapshot-*.tmp") // mode 0600
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

// SnapshotPath names a no-scan snapshot taken at at: a folder per day under
// dir (so the day's retention can delete the folder), a file per moment.
// For example dir/2025-03-14/noscan-083015.250.jpg.
func SnapshotPath(dir string, at time.Time) string {
	return filepath.Join(dir, at.Format("2006-01-02"), "noscan-"+at.Format("150405.000")+".jpg")
}
