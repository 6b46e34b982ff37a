package desk

import (
	"context"
	"fmt"
	"image"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

// filesUnder lists the files under dir, relative to it.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

// TestNoScanSnapshotFollowsItsWarning: someone passes without scanning;
// when the watcher has room the warning is queued naming its snapshot, and
// when it has none the warning is dropped and so is its snapshot.
func TestNoScanSnapshotFollowsItsWarning(t *testing.T) {
	for _, room := range []int{1, 0} {
		t.Run(fmt.Sprintf("room for %d", room), func(t *testing.T) {
			dir := t.TempDir()
			d := &Camera{snapDir: dir, noScans: make(chan canhcua.Warning, room)}
			obs := make(chan camera.Observation)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { d.watchPeople(ctx, obs, make(chan time.Time)); close(done) }()
			t0 := time.Date(2026, 11, 27, 8, 0, 0, 0, time.Local)
			obs <- camera.Observation{At: t0, People: []image.Rectangle{image.Rect(10, 10, 90, 90)}, JPEG: []byte("\xff\xd8\xff a face")}
			obs <- camera.Observation{At: t0.Add(camera.NoScanGrace + time.Second)}   // the passage is decided: no scan
			obs <- camera.Observation{At: t0.Add(camera.NoScanGrace + 2*time.Second)} // received once the one before is handled
			cancel()
			<-done

			files := filesUnder(t, dir)
			if room == 0 {
				if len(files) > 0 {
					t.Errorf("a dropped warning left its snapshot: %v", files)
				}
				return
			}
			w := <-d.noScans
			want := camera.SnapshotPath(dir, t0)
			if w.Kind != canhcua.WarnNoScan || w.Snapshot != want || len(files) != 1 {
				t.Errorf("warning %+v, files %v; want its snapshot %s", w, files, want)
			}
		})
	}
}

// TestPurgeSnapshotFolder: snapshots older than the retention go even
// when no warning names them (a dropped warning, a crash between the
// database purge and the files' deletion), with the temporary files of a
// crash while writing one; a fresh snapshot stays, and so does any file
// canhcua did not name. The dry run counts and deletes nothing.
func TestPurgeSnapshotFolder(t *testing.T) {
	ctx := context.Background()
	loc := tz.Vietnam()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, loc)
	data := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(data, "canhcua.db"), store.WithLocation(loc))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snaps := SnapshotDir(data)
	old := now.AddDate(0, 0, -40).In(time.Local)
	fresh := now.Add(-time.Hour).In(time.Local)
	write := func(p string) string {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("\xff\xd8\xff"), 0o600); err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(snaps, p)
		return filepath.ToSlash(rel)
	}
	orphan := write(camera.SnapshotPath(snaps, old))
	tmp := write(filepath.Join(filepath.Dir(camera.SnapshotPath(snaps, old)), ".snapshot-1234.tmp"))
	oldWarned := camera.SnapshotPath(snaps, old.Add(time.Minute))
	write(oldWarned)
	unrelated := []string{
		write(filepath.Join(snaps, old.Format(time.DateOnly)+"-notes", "noscan-090000.000.jpg")),
		write(filepath.Join(filepath.Dir(camera.SnapshotPath(snaps, old.AddDate(0, 0, -1))), "holiday.jpg")),
		write(filepath.Join(snaps, "readme.txt")),
	}
	freshOne := write(camera.SnapshotPath(snaps, fresh))
	if _, err := st.AddWarning(ctx, canhcua.Warning{At: old.Add(time.Minute), Door: "Cổng", Kind: canhcua.WarnNoScan,
		Message: "passed without scanning", Snapshot: oldWarned}); err != nil {
		t.Fatal(err)
	}
	kept := append(slices.Clone(unrelated), freshOne)
	slices.Sort(kept)

	res, problems, err := PurgeRetention(ctx, st, 30, now, snaps, true)
	if err != nil || len(problems) > 0 || len(res.Snapshots) != 3 || len(filesUnder(t, snaps)) != 7 {
		t.Fatalf("dry run: %v %v, snapshots %v, files %v", err, problems, res.Snapshots, filesUnder(t, snaps))
	}
	res, problems, err = PurgeRetention(ctx, st, 30, now, snaps, false)
	if err != nil || len(problems) > 0 || res.Warnings != 1 || len(res.Snapshots) != 3 {
		t.Fatalf("purge: %v %v, %+v", err, problems, res)
	}
	left := filesUnder(t, snaps)
	slices.Sort(left)
	if !slices.Equal(left, kept) {
		t.Errorf("left %v, want %v (gone: %s, %s and the warned one)", left, kept, orphan, tmp)
	}
	if _, err := os.Stat(filepath.Dir(camera.SnapshotPath(snaps, old))); !os.IsNotExist(err) {
		t.Errorf("the emptied day folder stays: %v", err)
	}

	// The desk's start-up purge does the same.
	again := write(camera.SnapshotPath(snaps, old))
	rows, files, problems, err := PurgeByDay(ctx, st, 30, now, snaps)
	if err != nil || len(problems) > 0 || rows != 0 || files != 1 || slices.Contains(filesUnder(t, snaps), again) {
		t.Errorf("PurgeByDay: %v %v, %d rows, %d files, left %v", err, problems, rows, files, filesUnder(t, snaps))
	}
	if s := strings.Join(filesUnder(t, snaps), ","); !strings.Contains(s, freshOne) {
		t.Errorf("the fresh snapshot went: %s", s)
	}
}
