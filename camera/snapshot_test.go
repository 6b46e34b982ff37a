package camera

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestSnapshotSave(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "snapshots")
	at := time.Date(2025, 3, 14, 8, 30, 15, 250e6, time.Local)
	path := SnapshotPath(dir, at)
	if want := filepath.Join(dir, "2025-03-14", "noscan-083015.250.jpg"); path != want {
		t.Fatalf("SnapshotPath = %s, want %s", path, want)
	}
	pic := []byte("\xff\xd8\xff\xe0 not really a jpeg \xff\xd9")
	if err := SaveSnapshot(path, pic); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, pic) {
		t.Fatalf("read back %q, %v", got, err)
	}
	st, _ := os.Stat(path)
	if m := st.Mode().Perm(); m != 0o600 {
		t.Errorf("snapshot mode %v, want 0600", m)
	}
	for _, d := range []string{filepath.Dir(path), dir} {
		st, _ := os.Stat(d)
		if m := st.Mode().Perm(); m != 0o700 {
			t.Errorf("folder %s mode %v, want 0700", d, m)
		}
	}
	// Overwriting replaces the whole file; no temporary file is left.
	if err := SaveSnapshot(path, []byte("second")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "second" {
		t.Errorf("after overwrite: %q", got)
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	if len(ents) != 1 {
		t.Errorf("folder holds %d files, want only the snapshot", len(ents))
	}
}

func TestSnapshotErrors(t *testing.T) {
	dir := t.TempDir()
	if err := SaveSnapshot(filepath.Join(dir, "a.jpg"), nil); err == nil {
		t.Error("an empty picture was saved")
	}
	// A file where the folder should be.
	if err := os.WriteFile(filepath.Join(dir, "f"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := SaveSnapshot(filepath.Join(dir, "f", "a.jpg"), []byte("x")); err == nil {
		t.Error("saved under a file")
	}
	// Saving to an existing folder leaves nothing behind on failure either.
	if err := SaveSnapshot(filepath.Join(dir, "sub"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := SaveSnapshot(filepath.Join(dir, "sub", "x.jpg"), []byte("x")); err == nil {
		t.Error("saved under a file")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("temp dir holds %d entries, want 2 (f and sub)", len(ents))
	}
}

// TestSnapshotTime reads back the time of the names SnapshotPath makes, and
// of nothing else.
func TestSnapshotTime(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snapshots")
	at := time.Date(2025, 3, 14, 8, 30, 15, 250e6, time.Local)
	if got, ok := SnapshotTime(dir, SnapshotPath(dir, at), time.Local); !ok || !got.Equal(at) {
		t.Errorf("SnapshotTime = %v, %v; want %v", got, ok, at)
	}
	for _, p := range []string{
		filepath.Join(dir, "2025-03-14", "noscan-083015.jpg"),
		filepath.Join(dir, "2025-03-14", "noscan-083015.250.jpeg"),
		filepath.Join(dir, "2025-03-14", "photo.jpg"),
		filepath.Join(dir, "2025-3-14", "noscan-083015.250.jpg"),
		filepath.Join(dir, "2025-03-14", "x", "noscan-083015.250.jpg"),
		filepath.Join(dir, "noscan-083015.250.jpg"),
		filepath.Join(dir, "2025-03-14", "noscan-253015.250.jpg"),
		filepath.Join(filepath.Dir(dir), "2025-03-14", "noscan-083015.250.jpg"),
	} {
		if got, ok := SnapshotTime(dir, p, time.Local); ok {
			t.Errorf("SnapshotTime(%s) = %v, want none", p, got)
		}
	}
	if !IsSnapshotTemp(".snapshot-123456.tmp") || IsSnapshotTemp("snapshot-1.tmp") || IsSnapshotTemp(".snapshot-1.jpg") {
		t.Error("IsSnapshotTemp")
	}
}
