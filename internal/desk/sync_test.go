package desk

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/pgtest"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/district"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(syncChild())
	}
	os.Exit(pgtest.Main(m))
}

// childEnv makes the test binary a desk that syncs one database and nothing
// else (the kill -9 test): CANHCUA_SYNC_CHILD=path|url|site|door.
const childEnv = "CANHCUA_SYNC_CHILD"

// newSyncDesk is a desk database of n scans recorded while no server was
// there, all waiting in the outbox.
func newSyncDesk(t testing.TB, n int, at time.Time) (*store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "desk.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.WithLocation(tz.Vietnam()))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	bulkScans(t, path, n, at)
	db, err = store.Open(ctx, path, store.WithLocation(tz.Vietnam()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// bulkScans writes n accepted entries of n different people into the desk
// database at path, in one transaction straight into its tables, as Scan
// would (its triggers fill the outbox): far quicker than n committed scans.
func bulkScans(t testing.TB, path string, n int, at time.Time) {
	t.Helper()
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	tx, err := sdb.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT OR IGNORE INTO doors (id, name) VALUES (1, 'Cổng chính')`); err != nil {
		t.Fatal(err)
	}
	loc := tz.Vietnam()
	for i := range n {
		when := at.Add(time.Duration(i) * time.Second).UTC()
		key := fmt.Sprintf("id:%012d", i)
		name := fmt.Sprintf("Người số %d", i)
		if _, err := tx.Exec(`INSERT INTO people (key, kind, name, id_number, first_seen, last_seen) VALUES (?, 'manual', ?, ?, ?, ?)`,
			key, name, key[3:], when.UnixNano(), when.UnixNano()); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO scans (at, day, hour, door_id, direction, kind, person_key, name, name_fold, id_number,
			result, first_day, first_door) VALUES (?, ?, ?, 1, 'in', 'manual', ?, ?, ?, ?, 'accepted', 1, 1)`,
			when.UnixNano(), when.In(loc).Format(time.DateOnly), when.In(loc).Hour(), key, name, canhcua.Fold(name), key[3:]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// serverScans counts the scans the server holds.
func serverScans(t testing.TB, url string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return -1
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM scans`).Scan(&n); err != nil {
		return -1
	}
	return n
}

// waitFor polls cond every 100 ms until it holds or the time is up.
func waitFor(t testing.TB, within time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(within)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("not within %v: %s", within, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func startSync(t testing.TB, db *store.DB, url, site, door string) (*Sync, func()) {
	t.Helper()
	id, err := db.DeskID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := &Sync{Local: db, URL: url, Desk: district.Desk{ID: id, Site: site, Door: door}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.Run(ctx) }()
	return s, func() { cancel(); <-done }
}

// TestSyncServerDownThenUp: 1,000 scans recorded while the server is down
// arrive exactly once when it comes up, by themselves.
func TestSyncServerDownThenUp(t *testing.T) {
	c := pgtest.NewCluster(t)
	url := c.NewDB(t)
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	db, _ := newSyncDesk(t, 1000, time.Now().Add(-time.Hour))
	s, stop := startSync(t, db, url, "UBND xã Tân Phú", "Cổng chính")
	defer stop()
	time.Sleep(3 * time.Second)
	if st := s.Status(); st.Online || st.Pending != 1000 || st.Err == "" {
		t.Fatalf("with the server down: %+v", st)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 60*time.Second, "the outbox emptied", func() bool { st := s.Status(); return st.Online && st.Pending == 0 })
	if n := serverScans(t, url); n != 1000 {
		t.Fatalf("server has %d scans, want 1000", n)
	}
}

// TestSyncServerRestartedMidway: the server goes down in the middle of a
// catch-up and comes back: nothing lost, nothing doubled.
func TestSyncServerRestartedMidway(t *testing.T) {
	c := pgtest.NewCluster(t)
	url := c.NewDB(t)
	const n = 20000
	db, _ := newSyncDesk(t, n, time.Now().Add(-10*time.Hour))
	s, stop := startSync(t, db, url, "Trường THCS", "Cổng")
	defer stop()
	waitFor(t, 60*time.Second, "a first batch arrived", func() bool { return serverScans(t, url) > 0 })
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if got := serverScans(t, url); got != -1 {
		t.Fatal("server still answering")
	}
	time.Sleep(2 * time.Second)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 120*time.Second, "the outbox emptied", func() bool { st := s.Status(); return st.Online && st.Pending == 0 })
	if got := serverScans(t, url); got != n {
		t.Fatalf("server has %d scans, want %d", got, n)
	}
}

// syncChild runs a desk's sync on the database named in childEnv until it
// is killed.
func syncChild() int {
	parts := strings.SplitN(os.Getenv(childEnv), "|", 4)
	if len(parts) != 4 {
		fmt.Fprintln(os.Stderr, childEnv+": want path|url|site|door")
		return 2
	}
	path, url, site, door := parts[0], parts[1], parts[2], parts[3]
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.WithLocation(tz.Vietnam()))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	id, err := db.DeskID(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	(&Sync{Local: db, URL: url, Desk: district.Desk{ID: id, Site: site, Door: door}}).Run(ctx)
	return 0
}

// TestSyncKillNine: a desk killed with SIGKILL in the middle of a catch-up,
// started again, leaves the server with every scan once.
func TestSyncKillNine(t *testing.T) {
	url := pgtest.DB(t)
	const n = 20000
	db, path := newSyncDesk(t, n, time.Now().Add(-10*time.Hour))
	db.Close()
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+path+"|"+url+"|Trạm Y tế|Cửa")
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		base := serverScans(t, url)
		waitFor(t, 60*time.Second, "the child sent a batch", func() bool { got := serverScans(t, url); return got > base || got == n })
		time.Sleep(time.Duration(50+round*70) * time.Millisecond) // somewhere inside a later push
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if serverScans(t, url) == n {
			break
		}
	}
	db, err := store.Open(context.Background(), path, store.WithLocation(tz.Vietnam()))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, stop := startSync(t, db, url, "Trạm Y tế", "Cửa")
	defer stop()
	waitFor(t, 120*time.Second, "the outbox emptied", func() bool { st := s.Status(); return st.Online && st.Pending == 0 })
	if got := serverScans(t, url); got != n {
		t.Fatalf("server has %d scans, want %d", got, n)
	}
}

// TestSyncTwoDesksOneSite: two doors of one site push at once; the site's
// day counts both.
func TestSyncTwoDesksOneSite(t *testing.T) {
	url := pgtest.DB(t)
	at := time.Now().In(tz.Vietnam())
	at = time.Date(at.Year(), at.Month(), at.Day(), 7, 0, 0, 0, tz.Vietnam())
	a, _ := newSyncDesk(t, 700, at)
	b, _ := newSyncDesk(t, 500, at)
	var syncs []*Sync
	for _, x := range []struct {
		db   *store.DB
		door string
	}{{a, "Cổng chính"}, {b, "Cổng phụ"}} {
		s, stop := startSync(t, x.db, url, "UBND phường 3", x.door)
		defer stop()
		syncs = append(syncs, s)
	}
	waitFor(t, 60*time.Second, "both outboxes emptied", func() bool {
		for _, s := range syncs {
			if st := s.Status(); !st.Online || st.Pending != 0 {
				return false
			}
		}
		return true
	})
	if got := serverScans(t, url); got != 1200 {
		t.Fatalf("server has %d scans, want 1200", got)
	}
	srv, err := district.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	d, err := srv.Day(context.Background(), "UBND phường 3", at)
	if err != nil {
		t.Fatal(err)
	}
	// The two desks made people of the same numbers: the same 700 people.
	if d.Entries != 1200 || d.People != 700 {
		t.Errorf("site day %+v, want 1200 entries of 700 people", d)
	}
}

// TestSyncClockSkew: a desk whose clock is 10 minutes fast keeps its times
// as it recorded them; the server notes the skew and corrects them where
// desks are compared (at_server).
func TestSyncClockSkew(t *testing.T) {
	url := pgtest.DB(t)
	ctx := context.Background()
	skew := 10 * time.Minute
	fast := func() time.Time { return time.Now().Add(skew) }
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"), store.WithLocation(tz.Vietnam()), store.WithClock(fast))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Scan(ctx, canhcua.Manual("Hồ Thị Lan", "031190000111"), canhcua.ModeIn, "Cổng", time.Time{}, canhcua.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := db.DeskID(ctx)
	sy := &Sync{Local: db, URL: url, Desk: district.Desk{ID: id, Site: "Xã A", Door: "Cổng"}, Now: fast}
	c, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); sy.Run(c) }()
	waitFor(t, 30*time.Second, "the scan arrived", func() bool { return serverScans(t, url) == 1 })
	cancel()
	<-done
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var skewMS int64
	var at, atServer time.Time
	if err := conn.QueryRow(ctx, `SELECT d.clock_skew_ms, s.at, s.at_server FROM desks d JOIN scans s ON s.desk_id = d.id`).
		Scan(&skewMS, &at, &atServer); err != nil {
		t.Fatal(err)
	}
	if d := time.Duration(skewMS)*time.Millisecond - skew; d < -5*time.Second || d > 5*time.Second {
		t.Errorf("skew noted %d ms, want about %v", skewMS, skew)
	}
	if !at.Equal(s.At.Truncate(time.Microsecond)) { // PostgreSQL keeps microseconds
		t.Errorf("at %v, want the desk's %v", at, s.At)
	}
	if d := at.Sub(atServer) - skew; d < -5*time.Second || d > 5*time.Second {
		t.Errorf("at_server %v: not corrected by the skew (at %v)", atServer, at)
	}
}

// BenchmarkCatchUp: a desk that was offline with 10,000 scans catches up
// (target: under 5 s on the project's 2-core machine). Each round starts
// from a new desk and a new database on the server.
//
//	go test -run '^$' -bench CatchUp -benchtime 3x ./internal/desk
func BenchmarkCatchUp(b *testing.B) {
	const n = 10000
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db, _ := newSyncDesk(b, n, time.Now().Add(-24*time.Hour))
		url := pgtest.DB(b)
		srv, err := district.Open(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		id, _ := db.DeskID(ctx)
		s := &Sync{Local: db, URL: url, Desk: district.Desk{ID: id, Site: "Xã A", Door: "Cổng"}}
		b.StartTimer()
		if err := s.round(ctx, srv, time.Now); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if got := serverScans(b, url); got != n {
			b.Fatalf("server has %d scans, want %d", got, n)
		}
		srv.Close()
		db.Close()
		b.StartTimer()
	}
}
