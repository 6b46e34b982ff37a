package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/disktest"
)

// scanUntilError scans new people at door until a scan fails, and returns
// how many were saved and the error. It gives up (fails the test) after
// limit scans.
func scanUntilError(t *testing.T, db *DB, limit int) (int, error) {
	t.Helper()
	for i := range limit {
		id := person(fmt.Sprintf("Người xếp hàng số %d, một cái tên khá dài cho một trang", i), fmt.Sprintf("0010900%05d", i))
		if _, err := db.Scan(context.Background(), id, canhcua.ModeIn, "Cổng chính", at(9, 0, 0), canhcua.Rules{}); err != nil {
			return i, err
		}
	}
	t.Fatalf("%d scans saved: the disk never filled", limit)
	return 0, nil
}

// wantCode fails unless err has the code and its message, in both
// languages, says what the catalog says for key.
func wantCode(t *testing.T, what string, err error, code string, key catalog.Key) {
	t.Helper()
	if canhcua.ErrorCode(err) != code {
		t.Fatalf("%s: code %q, want %q (%v)", what, canhcua.ErrorCode(err), code, err)
	}
	for _, l := range catalog.Langs {
		if got, want := canhcua.ErrorMessageIn(err, l), l.T(key); !strings.HasPrefix(got, strings.SplitN(want, "%", 2)[0]) {
			t.Errorf("%s in %s: %q, want %q", what, l, got, want)
		}
	}
}

// TestDatabaseFullPortable makes the database "full" with SQLite's
// max_page_count (no root needed): the scan that does not fit is EFULL with
// the catalog's "the disk is full", not an internal error.
func TestDatabaseFullPortable(t *testing.T) {
	db := openTest(t, "")
	db.db.SetMaxOpenConns(1) // the pragma is the connection's
	var pages int
	if err := db.db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+2)); err != nil {
		t.Fatal(err)
	}
	n, err := scanUntilError(t, db, 1000)
	wantCode(t, "scan on a full database", err, canhcua.EFULL, catalog.ErrDiskFull)
	if !canhcua.IsStorage(err) || !strings.Contains(err.Error(), "Cổng chính") {
		t.Errorf("error %q: not a storage error, or it lost its context", err)
	}
	// What was saved before is still there, and reads work.
	c, rerr := db.Counts(context.Background(), "Cổng chính", at(9, 0, 0))
	if rerr != nil || c.Entries != n {
		t.Fatalf("after the full disk: %d entries (%v), want %d", c.Entries, rerr, n)
	}
}

// TestDiskFull fills a real disk (a tmpfs, as root): scans fail with EFULL;
// the commands that read still open the database read-only and read
// everything, both while the desk's -wal is there and after it closed; a
// desk opening the database is told the disk is full.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	dir := disktest.Small(t, 512<<10)
	path := filepath.Join(dir, "canhcua.db")
	db := openTest(t, path)
	n, err := scanUntilError(t, db, 10000)
	wantCode(t, "scan on a full disk", err, canhcua.EFULL, catalog.ErrDiskFull)
	if n == 0 {
		t.Fatal("no scan saved before the disk was full")
	}
	readAll := func(when string) {
		t.Helper()
		ro, err := Open(ctx, path, ReadOnly())
		if err != nil {
			t.Fatalf("%s: read-only open: %v", when, err)
		}
		defer ro.Close()
		if c, err := ro.Counts(ctx, "Cổng chính", at(9, 0, 0)); err != nil || c.Entries != n {
			t.Fatalf("%s: %d entries read (%v), want %d", when, c.Entries, err, n)
		}
	}
	readAll("desk open")
	db.Close()
	disktest.Fill(t, dir) // what the checkpoint freed
	readAll("desk closed")

	// The desk's start: open, and check a write goes through.
	if db, err = Open(ctx, path); err == nil {
		err = db.CheckWritable(ctx)
		db.Close()
	}
	wantCode(t, "the desk's start on a full disk", err, canhcua.EFULL, catalog.ErrDiskFull)
}

// TestReadOnlyFile: a database file that cannot be written (immutable as
// root, mode 0444 otherwise) opens — SQLite falls back to reading — but the
// desk's check says it is read-only, a scan is EREADONLY, and the commands
// that read open it read-only.
func TestReadOnlyFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "canhcua.db")
	db := openTest(t, path)
	mustScan(t, db, person("Nguyễn Văn An", "001090001234"), canhcua.ModeIn, "Cổng chính", at(8, 0, 0))
	db.Close()
	disktest.ReadOnlyFile(t, path)

	db, err := Open(ctx, path)
	if err != nil {
		wantCode(t, "open", err, canhcua.EREADONLY, catalog.ErrDBReadOnly)
	} else {
		defer db.Close()
		wantCode(t, "CheckWritable", db.CheckWritable(ctx), canhcua.EREADONLY, catalog.ErrDBReadOnly)
		_, err = db.Scan(ctx, person("Trần Thị Bình", "079185004321"), canhcua.ModeIn, "Cổng chính", at(9, 0, 0), canhcua.Rules{})
		wantCode(t, "scan", err, canhcua.EREADONLY, catalog.ErrDBReadOnly)
	}
	ro, err := Open(ctx, path, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got, err := ro.Scans(ctx, ScanQuery{Day: day}); err != nil || len(got) != 1 {
		t.Fatalf("read-only: %d scans (%v), want 1", len(got), err)
	}
	wantCode(t, "CheckWritable of a read-only DB", ro.CheckWritable(ctx), canhcua.EREADONLY, catalog.ErrDBReadOnly)
}

// TestReadOnlyMedia: the database on read-only media (a read-only bind mount
// as root, a folder without write permission otherwise). The desk cannot
// open it and is told why; export and report can (immutable: SQLite cannot
// make its -shm there); an older schema is refused read-only, saying so,
// and a newer one as ever.
func TestReadOnlyMedia(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	path := filepath.Join(src, "canhcua.db")
	db := openTest(t, path)
	mustScan(t, db, person("Nguyễn Văn An", "001090001234"), canhcua.ModeIn, "Cổng chính", at(8, 0, 0))
	db.Close()
	media := disktest.ReadOnly(t, src)
	onMedia := filepath.Join(media, "canhcua.db")

	_, err := Open(ctx, onMedia)
	wantCode(t, "open on read-only media", err, canhcua.EREADONLY, catalog.ErrDBReadOnly)

	ro, err := Open(ctx, onMedia, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ro.Scans(ctx, ScanQuery{Day: day}); err != nil || len(got) != 1 || got[0].Name != "Nguyễn Văn An" {
		t.Fatalf("read-only media: %+v (%v)", got, err)
	}
	ro.Close()
	if _, err := os.Stat(onMedia + "-wal"); err == nil {
		t.Error("reading made a -wal file on read-only media")
	}
}

// TestReadOnlyWritesNothing: opened read-only, an older database is refused
// (it would need migrating) and stays as it was; one in another time zone is
// refused as ever; and a read-only database never records its zone.
func TestReadOnlyWritesNothing(t *testing.T) {
	ctx := context.Background()
	firstMigrationOnly(t)
	path := filepath.Join(t.TempDir(), "canhcua.db")
	openTest(t, path).Close()
	migrationFS = embeddedMigrations
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	_, err = Open(ctx, path, ReadOnly())
	wantCode(t, "older schema read-only", err, canhcua.EREADONLY, catalog.ErrDBOldReadOnly)
	if msg := canhcua.ErrorMessageIn(err, catalog.VI); !strings.Contains(msg, fmt.Sprintf("lược đồ 1, bản này cần %d", SchemaVersion())) {
		t.Errorf("message %q does not say which schemas", msg)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a read-only open changed the file")
	}

	path = filepath.Join(t.TempDir(), "new.db")
	openTest(t, path).Close()
	if _, err := Open(ctx, path, ReadOnly(), WithLocation(time.UTC)); canhcua.ErrorCode(err) != canhcua.ECONFLICT {
		t.Errorf("read-only in another zone: %v", err)
	}
	db := openTest(t, path)
	if _, err := db.db.Exec(`DELETE FROM settings WHERE key = 'location'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := Open(ctx, path, ReadOnly(), WithLocation(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	ro.Close()
	db = openTest(t, path, WithLocation(time.UTC)) // records UTC: nothing else did
	var zone string
	if err := db.db.QueryRow(`SELECT value FROM settings WHERE key = 'location'`).Scan(&zone); err != nil || zone != "UTC" {
		t.Errorf("zone %q (%v): the read-only open recorded one", zone, err)
	}
}
