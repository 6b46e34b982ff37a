package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canhcua/canhcua/internal/disktest"
	"github.com/canhcua/canhcua/store"
)

// copyDB copies the (closed, checkpointed) database file src into dir.
func copyDB(t *testing.T, src, dir string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(src + "-wal"); err == nil {
		t.Fatalf("%s-wal is there: the database was not closed", src)
	}
	dst := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

// setSchema sets the database's schema version, as an older or a newer
// canhcua would have left it.
func setSchema(t *testing.T, path string, v int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v)); err != nil {
		t.Fatal(err)
	}
}

// readCommands runs report (text, to stdout) and export (CSV, to stdout) on
// db and checks they read the seeded day.
func readCommands(t *testing.T, db, where string) {
	t.Helper()
	out, errs, code := runReport(t, "--db", db, "--date", "27/11/2026")
	if code != exitOK || !strings.Contains(out, "Cán bộ đã quét: 2/4 (50%)") {
		t.Fatalf("report %s: exit %d: %s\n%s", where, code, errs, out)
	}
	var o, e bytes.Buffer
	if code := cmdExport(context.Background(), []string{"--db", db, "--date", "27/11/2026", "--to", "-"}, &o, &e); code != exitOK ||
		!strings.Contains(o.String(), "Nguyễn Văn An") || !strings.Contains(o.String(), "Hoàng Văn Em") {
		t.Fatalf("export %s: exit %d: %s\n%s", where, code, e.String(), o.String())
	}
}

// TestReadCommandsOnReadOnlyMedia: export and report open the database
// read-only, so they work on read-only media (a read-only bind mount as
// root, a folder without write permission otherwise); an older schema there
// is refused saying why, a newer one as ever.
func TestReadCommandsOnReadOnlyMedia(t *testing.T) {
	fixReportClock(t)
	seeded := seedReportDB(t)
	src := t.TempDir()
	copyDB(t, seeded, src)
	media := disktest.ReadOnly(t, src)
	readCommands(t, filepath.Join(media, "canhcua.db"), "on read-only media")

	for _, tc := range []struct {
		version int
		want    string
	}{
		{store.SchemaVersion() - 1, fmt.Sprintf("is from an older canhcua (schema %d, this one needs %d) and is opened read-only", store.SchemaVersion()-1, store.SchemaVersion())},
		{store.SchemaVersion() + 1, "was made by a newer canhcua"},
	} {
		dir := t.TempDir()
		setSchema(t, copyDB(t, seeded, dir), tc.version)
		db := filepath.Join(disktest.ReadOnly(t, dir), "canhcua.db")
		_, errs, code := runReport(t, "--db", db, "--date", "27/11/2026")
		if code == exitOK || !strings.Contains(errs, tc.want) {
			t.Errorf("schema %d on read-only media: exit %d, %q; want %q", tc.version, code, errs, tc.want)
		}
	}
}

// TestReadCommandsOnAFullDisk: export and report work with the database on
// a disk with no free byte (a tmpfs, as root).
func TestReadCommandsOnAFullDisk(t *testing.T) {
	dir := disktest.Small(t, 1<<20)
	fixReportClock(t)
	db := copyDB(t, seedReportDB(t), dir)
	disktest.Fill(t, dir)
	readCommands(t, db, "on a full disk")
}

// runDesk runs the desk in-process with args and returns its stderr and
// exit status; it must stop before its screen starts.
func runDesk(t *testing.T, args ...string) (string, int) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var errb bytes.Buffer
	// A source of its own (not the demo, which has a database of its own):
	// the database is checked before the source is opened.
	code := run(context.Background(), append(args, "--source", filepath.Join(t.TempDir(), "cam.mp4"), "--no-bell"), io.Discard, &errb)
	return errb.String(), code
}

// TestDeskRefusesToStartWithoutSaving: a desk that cannot save never opens
// as if it could: on a read-only database file, on read-only media and on a
// full disk it stops at start with one line, in the desk's language, that
// says why.
func TestDeskRefusesToStartWithoutSaving(t *testing.T) {
	fixReportClock(t)
	seeded := seedReportDB(t)

	type deskCase struct{ name, db, lang, want string }
	file := copyDB(t, seeded, t.TempDir())
	disktest.ReadOnlyFile(t, file)
	dir := t.TempDir()
	copyDB(t, seeded, dir)
	onMedia := filepath.Join(disktest.ReadOnly(t, dir), "canhcua.db")
	cases := []deskCase{
		{"read-only file", file, "vi", "không lưu được lượt quét vào " + file + ": cơ sở dữ liệu chỉ đọc"},
		{"read-only media", onMedia, "en", "cannot save scans in " + onMedia + ": the database is read-only"},
	}
	if disktest.Root() { // a full disk needs a tmpfs
		full := disktest.Small(t, 1<<20)
		db := copyDB(t, seeded, full)
		disktest.Fill(t, full)
		cases = append(cases, deskCase{"full disk", db, "vi", "không lưu được lượt quét vào " + db + ": ổ đĩa đầy"})
	}
	for _, tc := range cases {
		errs, code := runDesk(t, "--db", tc.db, "--lang", tc.lang)
		if code != exitUsage || !strings.HasPrefix(errs, "canhcua: "+tc.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want one line %q", tc.name, code, errs, tc.want)
		}
	}
}
