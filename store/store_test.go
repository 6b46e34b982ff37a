package store

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/canhcua/canhcua"
)

// ict is Asia/Ho_Chi_Minh; day is a Friday there.
var (
	ict = DefaultLocation()
	day = time.Date(2026, 11, 27, 0, 0, 0, 0, ict)
)

// at is hh:mm:ss on day, local time.
func at(h, m, s int) time.Time {
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
}

func person(name, id string) canhcua.Identity {
	return canhcua.Identity{Kind: canhcua.KindCCCD, Key: "id:" + id, Name: name, IDNumber: id, BirthDate: "01/02/1990"}
}

var payment = canhcua.Identity{Kind: canhcua.KindPayment, Reject: "payment code, not a check-in code"}

func openTest(t testing.TB, path string, opts ...Option) *DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "canhcua.db")
	}
	opts = append([]Option{WithClock(func() time.Time { return at(18, 0, 0) })}, opts...)
	db, err := Open(context.Background(), path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

func mustScan(t testing.TB, db *DB, id canhcua.Identity, mode canhcua.Mode, door string, when time.Time) canhcua.Scan {
	t.Helper()
	s, err := db.Scan(context.Background(), id, mode, door, when, canhcua.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if s.ID == 0 {
		t.Fatalf("scan has no ID: %+v", s)
	}
	return s
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	path := filepath.Join(dir, "canhcua.db")
	db := openTest(t, path)
	mustScan(t, db, person("Nguyễn Văn An", "001090001234"), canhcua.ModeIn, "Cổng chính", at(8, 0, 0))
	for name, want := range map[string]fs.FileMode{dir: 0o700 | fs.ModeDir, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("%s: mode %v, want %v", name, fi.Mode(), want)
		}
	}
	// Every connection of the pool has the pragmas, not just the first.
	ctx := context.Background()
	var conns []*sql.Conn
	for range 3 {
		c, err := db.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000"} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("conn %d: PRAGMA %s = %s, want %s", i, pragma, got, want)
			}
		}
		c.Close()
	}
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "canhcua.db")
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s := mustScan(t, db, person("Trần Thị Bình", "001090005678"), canhcua.ModeIn, "Cổng chính", at(8, 0, 0))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openTest(t, path)
	got, err := db.Scans(ctx, ScanQuery{Day: day})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != s.ID || got[0].Name != "Trần Thị Bình" || !got[0].At.Equal(s.At) {
		t.Fatalf("after reopening: %+v, want %+v", got, s)
	}
	var v int
	if err := db.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != SchemaVersion() || v < 1 {
		t.Errorf("user_version %d, want %d", v, SchemaVersion())
	}
}

func TestOpenConcurrentlyMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "canhcua.db")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			db, err := Open(context.Background(), path)
			if err == nil {
				err = db.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// firstMigrationOnly makes Open know only the first migration (until the
// test ends, or sets migrationFS back to embeddedMigrations) and returns it.
func firstMigrationOnly(t *testing.T) []byte {
	t.Helper()
	old := migrationFS
	t.Cleanup(func() { migrationFS = old })
	first, err := fs.ReadFile(old, "migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	migrationFS = fstest.MapFS{"migrations/0001_init.sql": {Data: first}}
	return first
}

func TestMigrateOlderDatabase(t *testing.T) {
	first := firstMigrationOnly(t)
	path := filepath.Join(t.TempDir(), "canhcua.db")
	db := openTest(t, path)
	mustScan(t, db, person("Lê Văn Cường", "001090009999"), canhcua.ModeIn, "Cổng chính", at(8, 0, 0))
	db.Close()

	migrationFS = fstest.MapFS{
		"migrations/0001_init.sql":  {Data: first},
		"migrations/0002_extra.sql": {Data: []byte("ALTER TABLE doors ADD COLUMN note TEXT NOT NULL DEFAULT '';")},
	}
	db = openTest(t, path)
	var v int
	if err := db.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != 2 {
		t.Fatalf("user_version %d after migrating, want 2", v)
	}
	var note string
	if err := db.db.QueryRow("SELECT note FROM doors WHERE name = 'Cổng chính'").Scan(&note); err != nil {
		t.Fatalf("migration 2 not applied: %v", err)
	}
	// Reopening applies nothing again (ALTER TABLE ADD COLUMN would fail).
	db.Close()
	openTest(t, path)

	// A gap in the numbering is a bug.
	migrationFS = fstest.MapFS{"migrations/0001_init.sql": {Data: first}, "migrations/0003_x.sql": {Data: []byte("SELECT 1;")}}
	if _, err := Open(context.Background(), path); err == nil {
		t.Fatal("migration 0003 without 0002 accepted")
	}
}

func TestTooNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "canhcua.db")
	db := openTest(t, path)
	newer := SchemaVersion() + 1
	if _, err := db.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", newer)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db2, err := Open(context.Background(), path)
	if err == nil {
		db2.Close()
		t.Fatal("opened a database from a newer canhcua")
	}
	if code := canhcua.ErrorCode(err); code != canhcua.ETOONEW {
		t.Errorf("code %q, want %q (%v)", code, canhcua.ETOONEW, err)
	}
	want := fmt.Sprintf("newer canhcua (schema %d, this one knows %d)", newer, SchemaVersion())
	if !strings.Contains(canhcua.ErrorMessage(err), want) {
		t.Errorf("message %q does not say %q", canhcua.ErrorMessage(err), want)
	}
}

func TestLocationIsKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "canhcua.db")
	openTest(t, path).Close()
	_, err := Open(context.Background(), path, WithLocation(time.UTC))
	if canhcua.ErrorCode(err) != canhcua.ECONFLICT {
		t.Fatalf("opened an Asia/Ho_Chi_Minh database in UTC: %v", err)
	}
}

func TestTwoDBsWriteConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "canhcua.db")
	dbs := []*DB{openTest(t, path), openTest(t, path)}
	const writers, each = 6, 40
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			db := dbs[w%2]
			for i := range each {
				id := person(fmt.Sprintf("Người %d-%d", w, i), fmt.Sprintf("0010900%02d%03d", w, i))
				if _, err := db.Scan(context.Background(), id, canhcua.ModeToggle, "Cổng chính", at(8, 0, i), canhcua.Rules{}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	c, err := dbs[0].Counts(context.Background(), "", day)
	if err != nil {
		t.Fatal(err)
	}
	if c.Entries != writers*each || c.People != writers*each || c.Inside != writers*each {
		t.Errorf("counts %+v, want %d entries, people and inside", c, writers*each)
	}
}

// TestHelperProcess is a writer in another process (started by the tests below).
func TestHelperProcess(t *testing.T) {
	path := os.Getenv("CANHCUA_STORE_HELPER_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	n, _ := strconv.Atoi(os.Getenv("CANHCUA_STORE_HELPER_N"))
	tag := os.Getenv("CANHCUA_STORE_HELPER_TAG")
	db, err := Open(context.Background(), path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	for i := 0; n == 0 || i < n; i++ {
		id := person("Khách "+tag, fmt.Sprintf("%s%09d", tag, i))
		s, err := db.Scan(context.Background(), id, canhcua.ModeIn, "Cổng chính", at(9, 0, 0).Add(time.Duration(i)*time.Millisecond), canhcua.Rules{})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println(s.ID) // only once committed
	}
	db.Close()
	os.Exit(0)
}

func helper(t *testing.T, path, tag string, n int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "CANHCUA_STORE_HELPER_DB="+path, "CANHCUA_STORE_HELPER_TAG="+tag, "CANHCUA_STORE_HELPER_N="+strconv.Itoa(n))
	return cmd
}

func TestTwoProcessesWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "canhcua.db")
	db := openTest(t, path)
	const n = 60
	cmds := []*exec.Cmd{helper(t, path, "001", n), helper(t, path, "002", n)}
	outs := make([][]byte, len(cmds))
	var wg sync.WaitGroup
	for i, cmd := range cmds {
		wg.Go(func() { outs[i], _ = cmd.CombinedOutput() })
	}
	for i := range n {
		mustScan(t, db, person("Chủ nhà", fmt.Sprintf("003%09d", i)), canhcua.ModeIn, "Cổng chính", at(10, 0, 0).Add(time.Duration(i)))
	}
	wg.Wait()
	for i, cmd := range cmds {
		if !cmd.ProcessState.Success() {
			t.Fatalf("helper %d: %s\n%s", i, cmd.ProcessState, outs[i])
		}
	}
	c, err := db.Counts(context.Background(), "Cổng chính", day)
	if err != nil {
		t.Fatal(err)
	}
	if c.Entries != 3*n || c.People != 3*n {
		t.Errorf("counts %+v, want %d entries and people", c, 3*n)
	}
}

// TestKilledWriterKeepsCommittedScans kills a writer with SIGKILL while it
// scans: every scan it had returned (printed) must be in the database.
func TestKilledWriterKeepsCommittedScans(t *testing.T) {
	path := filepath.Join(t.TempDir(), "canhcua.db")
	openTest(t, path).Close()
	cmd := helper(t, path, "004", 0)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	sc := bufio.NewScanner(out)
	for len(ids) < 50 && sc.Scan() {
		id, err := strconv.ParseInt(sc.Text(), 10, 64)
		if err != nil {
			cmd.Process.Kill()
			t.Fatalf("helper: %s", sc.Text())
		}
		ids = append(ids, id)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if len(ids) < 50 {
		t.Fatalf("helper stopped after %d scans", len(ids))
	}
	db := openTest(t, path)
	for _, id := range ids {
		var n int
		if err := db.db.QueryRow("SELECT count(*) FROM scans WHERE id = ?", id).Scan(&n); err != nil || n != 1 {
			t.Fatalf("scan %d, returned before the kill, is not in the database (%v)", id, err)
		}
	}
}

// TestRememberMode: the direction chosen last is kept across a reopening of
// the database; none is remembered at first.
func TestRememberMode(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if m, ok, err := db.RememberedMode(ctx); err != nil || ok {
		t.Fatalf("a new database remembers %q (%v)", m, err)
	}
	for _, m := range []canhcua.Mode{canhcua.ModeOut, canhcua.ModeToggle} {
		if err := db.RememberMode(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RememberMode(ctx, "sideways"); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("an unknown mode: %v", err)
	}
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if m, ok, err := db.RememberedMode(ctx); err != nil || !ok || m != canhcua.ModeToggle {
		t.Errorf("after reopening: %q %v %v", m, ok, err)
	}
}
