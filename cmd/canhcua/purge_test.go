package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/desk"
	"github.com/canhcua/canhcua/store"
)

func runPurge(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cmdPurge(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

// seedPurgeDB makes a database with 40-day-old data (a scan, a no-scan
// warning with its snapshot file) and today's, and returns its path and the
// old snapshot's.
func seedPurgeDB(t *testing.T) (db, oldSnap, newSnap string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db = filepath.Join(dir, "canhcua.db")
	st, err := store.Open(ctx, db, store.WithLocation(reportICT), store.WithClock(func() time.Time { return rat(18, 0) }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	oldSnap, newSnap = filepath.Join(dir, "snap", "old.jpg"), filepath.Join(dir, "snap", "new.jpg")
	os.MkdirAll(filepath.Dir(oldSnap), 0o700)
	for _, p := range []string{oldSnap, newSnap} {
		if err := os.WriteFile(p, []byte("\xff\xd8\xff"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := rat(9, 0).AddDate(0, 0, -40)
	if _, err := st.Scan(ctx, cccdID("Nguyễn Văn An", "001090001234"), canhcua.ModeIn, "Cửa chính", old, canhcua.Rules{}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Scan(ctx, cccdID("Trần Thị Bình", "001090005678"), canhcua.ModeIn, "Cửa chính", rat(8, 0), canhcua.Rules{}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []canhcua.Warning{
		{At: old, Door: "Cửa chính", Kind: canhcua.WarnNoScan, Message: "passed without scanning", Snapshot: oldSnap},
		{At: rat(9, 0), Door: "Cửa chính", Kind: canhcua.WarnNoScan, Message: "passed without scanning", Snapshot: newSnap},
	} {
		if _, err := st.AddWarning(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	return db, oldSnap, newSnap
}

func TestPurgeCommand(t *testing.T) {
	old := purgeClock
	purgeClock = func() time.Time { return rat(18, 5) }
	t.Cleanup(func() { purgeClock = old })
	db, oldSnap, newSnap := seedPurgeDB(t)

	out, errs, code := runPurge(t, "--db", db, "--dry-run")
	want := "canhcua purge: keeping 30 days (from 29/10/2026); would delete 1 scans, 1 visits, 1 warnings, 0 decisions, 1 people, 1 snapshots\n"
	if code != exitOK || out != want || errs != "" {
		t.Errorf("dry run: exit %d\n got %q\nwant %q\n%s", code, out, want, errs)
	}
	if _, err := os.Stat(oldSnap); err != nil {
		t.Errorf("dry run deleted the snapshot: %v", err)
	}

	out, errs, code = runPurge(t, "--db", db)
	if want := strings.Replace(want, "would delete", "deleted", 1); code != exitOK || out != want || errs != "" {
		t.Errorf("purge: exit %d\n got %q\nwant %q\n%s", code, out, want, errs)
	}
	if _, err := os.Stat(oldSnap); !os.IsNotExist(err) {
		t.Errorf("old snapshot still there: %v", err)
	}
	if _, err := os.Stat(newSnap); err != nil {
		t.Errorf("today's snapshot gone: %v", err)
	}
	out, _, code = runPurge(t, "--db", db)
	if code != exitOK || !strings.Contains(out, "deleted 0 scans") {
		t.Errorf("again: exit %d %q", code, out)
	}

	// --days 1 keeps today only; today's data stays.
	out, _, code = runPurge(t, "--db", db, "--days", "1")
	if code != exitOK || !strings.Contains(out, "keeping 1 day (from 27/11/2026); deleted 0 scans") {
		t.Errorf("--days 1: exit %d %q", code, out)
	}
	st, err := store.Open(context.Background(), db, store.WithLocation(reportICT))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, _ := st.Counts(context.Background(), "", rat(12, 0)); c.Entries != 1 {
		t.Errorf("today's counts after purging: %+v", c)
	}
}

// TestPurgeOrphanSnapshots: `canhcua purge` deletes the desk's snapshots
// older than the retention that no warning names any more (a crash between
// the database purge and the files' deletion), counts them in a dry run,
// and leaves fresh snapshots and other files alone.
func TestPurgeOrphanSnapshots(t *testing.T) {
	old := purgeClock
	purgeClock = func() time.Time { return rat(18, 5) }
	t.Cleanup(func() { purgeClock = old })
	db, _, _ := seedPurgeDB(t)
	snaps := desk.SnapshotDir(filepath.Dir(db))
	orphan := camera.SnapshotPath(snaps, rat(9, 0).AddDate(0, 0, -40).In(time.Local))
	fresh := camera.SnapshotPath(snaps, rat(9, 0).In(time.Local))
	other := filepath.Join(filepath.Dir(orphan), "notes.txt")
	for _, p := range []string{orphan, fresh, other} {
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, []byte("\xff\xd8\xff"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, _, code := runPurge(t, "--db", db, "--dry-run")
	if code != exitOK || !strings.Contains(out, "1 people, 2 snapshots") {
		t.Errorf("dry run: exit %d %q", code, out)
	}
	if _, err := os.Stat(orphan); err != nil {
		t.Errorf("dry run deleted the orphan: %v", err)
	}
	out, _, code = runPurge(t, "--db", db)
	if code != exitOK || !strings.Contains(out, "deleted 1 scans") || !strings.Contains(out, "2 snapshots") {
		t.Errorf("purge: exit %d %q", code, out)
	}
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Errorf("orphan snapshot still there: %v", err)
	}
	for _, p := range []string{fresh, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s gone: %v", p, err)
		}
	}
}

func TestPurgeUsage(t *testing.T) {
	db, _, _ := seedPurgeDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--db", db, "--days", "0"}, "--days 0: want 1 or more"},
		{[]string{"--db", db, "--days", "x"}, "invalid value"},
		{[]string{"--db", filepath.Join(t.TempDir(), "none.db")}, "database "},
		{[]string{"--db", db, "now"}, `unexpected argument "now"`},
	} {
		_, errs, code := runPurge(t, tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
	}
}
