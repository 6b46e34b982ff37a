package district

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/pgtest"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

var ict = tz.Vietnam()

// desk is a desk's SQLite in a temp folder, with its identity.
func newDesk(t *testing.T, site, door string, now func() time.Time) (*store.DB, Desk) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "desk.db"), store.WithLocation(ict), store.WithClock(now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	id, err := db.DeskID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return db, Desk{ID: id, Site: site, Door: door}
}

// push sends all of a desk's outbox, as the desk's sync does, and returns
// the acknowledged sequence.
func push(t *testing.T, srv *DB, db *store.DB, d Desk) int64 {
	t.Helper()
	ctx := context.Background()
	var acked int64
	for {
		changes, last, err := db.Outbox(ctx, 500)
		if err != nil {
			t.Fatal(err)
		}
		if last == 0 {
			return acked
		}
		d.Clock = time.Now()
		if acked, err = srv.Push(ctx, d, changes, last); err != nil {
			t.Fatal(err)
		}
		if err := db.Acknowledge(ctx, acked, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMigrateTwiceAtOnce(t *testing.T) {
	url := pgtest.DB(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(ctx, url)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	db, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM schema_version`).Scan(&n); err != nil || n != len(ms) {
		t.Fatalf("schema_version has %d rows (%v), want one a migration (%d)", n, err, len(ms))
	}
}

// TestPush: a desk's scans, a void, a decision and a warning arrive; the
// same batch pushed again changes nothing; the site's day is counted.
func TestPush(t *testing.T) {
	ctx := context.Background()
	srv, err := Open(ctx, pgtest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	day := time.Date(2026, 11, 27, 7, 30, 0, 0, ict)
	db, d := newDesk(t, "UBND xã Tân Phú", "Cổng chính", func() time.Time { return day })
	if _, err := db.SaveRoster(ctx, canhcua.Roster{Name: "Cán bộ", ExpectedBy: 450}, []canhcua.Member{
		{Name: "Nguyễn Văn An", IDNumber: "001090001234", ExpectedBy: -1},
		{Name: "Trần Thị Bình", IDNumber: "079185004321", ExpectedBy: -1},
		{Name: "Lê Văn Cường", ExpectedBy: -1},
	}, true); err != nil {
		t.Fatal(err)
	}
	an := canhcua.Manual("Nguyễn Văn An", "001090001234")
	binh := canhcua.Manual("Trần Thị Bình", "079185004321")
	if _, err := db.Scan(ctx, an, canhcua.ModeToggle, d.Door, day, canhcua.Rules{}); err != nil {
		t.Fatal(err)
	}
	sb, err := db.Scan(ctx, binh, canhcua.ModeToggle, d.Door, day.Add(time.Minute), canhcua.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Scan(ctx, an, canhcua.ModeToggle, d.Door, day.Add(3*time.Hour), canhcua.Rules{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Scan(ctx, canhcua.Identify("http://example.com"), canhcua.ModeIn, d.Door, day.Add(time.Hour), canhcua.Rules{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddWarning(ctx, canhcua.Warning{At: day, Door: d.Door, Kind: canhcua.WarnCamera, Message: "camera: dark"}); err != nil {
		t.Fatal(err)
	}
	changes, last, err := db.Outbox(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	d.Clock = time.Now()
	acked, err := srv.Push(ctx, d, changes, last)
	if err != nil || acked != last {
		t.Fatalf("push: acked %d of %d, %v", acked, last, err)
	}
	again, err := srv.Push(ctx, d, changes, last)
	if err != nil || again != last {
		t.Fatalf("push again: acked %d, %v", again, err)
	}
	if err := db.Acknowledge(ctx, acked, time.Now()); err != nil {
		t.Fatal(err)
	}
	// Voided after the first push: the server gets the scan's new state.
	if _, err := db.Void(ctx, sb.ID, "nhầm"); err != nil {
		t.Fatal(err)
	}
	push(t, srv, db, d)

	var scans, voided int
	if err := srv.pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE result = 'voided') FROM scans`).Scan(&scans, &voided); err != nil {
		t.Fatal(err)
	}
	if scans != 4 || voided != 1 {
		t.Fatalf("server has %d scans (%d voided), want 4 (1)", scans, voided)
	}
	f, err := srv.Day(ctx, d.Site, day)
	if err != nil {
		t.Fatal(err)
	}
	if f.Entries != 1 || f.Exits != 1 || f.Rejected != 1 || f.People != 1 || f.Inside != 0 || f.Warnings != 1 {
		t.Errorf("site day: %+v", f)
	}
	if len(f.Groups) != 1 || f.Groups[0] != (Group{Roster: "Cán bộ", Present: 1, Total: 3}) {
		t.Errorf("groups: %+v", f.Groups)
	}
	// The roster imported at the desk is the site's now.
	rs, ms, err := srv.SiteRosters(ctx, d.Site)
	if err != nil || len(rs) != 1 || len(ms["Cán bộ"]) != 3 || rs[0].ExpectedBy != 450 {
		t.Fatalf("site rosters: %+v %+v %v", rs, ms, err)
	}
}

// TestSiteRosterImport: a roster imported for a site is pulled by its desks
// and counts in the site's figures.
func TestSiteRosterImport(t *testing.T) {
	ctx := context.Background()
	srv, err := Open(ctx, pgtest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	r := canhcua.Roster{Name: "Họp giao ban", ExpectedBy: 14 * 60, Only: true}
	if err := srv.SaveSiteRoster(ctx, "Trạm Y tế", r, []canhcua.Member{{Name: "Phạm Thị Dung", ExpectedBy: -1}}, false); err != nil {
		t.Fatal(err)
	}
	if err := srv.SaveSiteRoster(ctx, "Trạm Y tế", r, []canhcua.Member{{Name: "Phạm Thị Dung", Unit: "Y tá", ExpectedBy: -1},
		{Name: "Võ Quốc Bảo", ExpectedBy: -1}}, false); err != nil {
		t.Fatal(err)
	}
	rs, ms, err := srv.SiteRosters(ctx, "Trạm Y tế")
	if err != nil || len(rs) != 1 || !rs[0].Only || len(ms[r.Name]) != 2 || ms[r.Name][0].Unit != "Y tá" {
		t.Fatalf("site rosters: %+v %+v %v", rs, ms, err)
	}
	db, _ := newDesk(t, "Trạm Y tế", "Cửa", time.Now)
	if err := db.SetSiteRosters(ctx, rs, ms); err != nil {
		t.Fatal(err)
	}
	got, err := db.Members(ctx, r.Name)
	if err != nil || len(got) != 2 {
		t.Fatalf("pulled members %+v, %v", got, err)
	}
	if pending, _, _ := db.SyncState(ctx); pending != 0 {
		t.Errorf("a pulled roster is waiting to be sent back (%d pending)", pending)
	}
}

// TestPushWarningDecision: the operator's decision on a no-scan warning
// reaches the server with the warning, and the site's detail shows it.
func TestPushWarningDecision(t *testing.T) {
	ctx := context.Background()
	srv, err := Open(ctx, pgtest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	day := time.Date(2026, 11, 27, 14, 20, 0, 0, ict)
	db, d := newDesk(t, "UBND xã Tân Phú", "Cổng chính", func() time.Time { return day })
	w, err := db.AddWarning(ctx, canhcua.Warning{At: day, Door: d.Door, Kind: canhcua.WarnNoScan, Message: "someone passed"})
	if err != nil {
		t.Fatal(err)
	}
	push(t, srv, db, d) // open, undecided
	if _, err := db.DecideWarning(ctx, w.ID, canhcua.WarnChecked, day.Add(11*time.Minute)); err != nil {
		t.Fatal(err)
	}
	push(t, srv, db, d)
	det, err := srv.Site(ctx, d.Site, day, canhcua.DefaultOpeningHours)
	if err != nil {
		t.Fatal(err)
	}
	if len(det.Warnings) != 1 {
		t.Fatalf("warnings: %+v", det.Warnings)
	}
	got := det.Warnings[0]
	if got.Decision != canhcua.WarnChecked || !got.Decided.Equal(day.Add(11*time.Minute)) || !got.Resolved.Equal(day.Add(11*time.Minute)) {
		t.Errorf("on the server: %+v", got)
	}
}

// TestRosterWindowOnServer: a roster's window travels to the server from a
// desk and from `roster import --server`, comes back with the site's
// rosters, and the site's figures count a roster only on the days of its
// window.
func TestRosterWindowOnServer(t *testing.T) {
	ctx := context.Background()
	srv, err := Open(ctx, pgtest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	day := time.Date(2026, 11, 27, 9, 0, 0, 0, ict)
	from, until := time.Date(2026, 11, 27, 13, 30, 0, 0, ict), time.Date(2026, 11, 27, 17, 0, 0, 0, ict)
	db, d := newDesk(t, "UBND xã Tân Phú", "Cổng chính", func() time.Time { return day })
	if _, err := db.SaveRoster(ctx, canhcua.Roster{Name: "Họp 14h", ExpectedBy: 14 * 60, Only: true, From: from, Until: until},
		[]canhcua.Member{{Name: "Nguyễn Văn An", ExpectedBy: -1}}, true); err != nil {
		t.Fatal(err)
	}
	push(t, srv, db, d)
	week := canhcua.Roster{Name: "Tập huấn", ExpectedBy: -1, From: day.AddDate(0, 0, 3)}
	if err := srv.SaveSiteRoster(ctx, d.Site, week, []canhcua.Member{{Name: "Lê Văn Cường", ExpectedBy: -1}}, false); err != nil {
		t.Fatal(err)
	}
	bad := week
	bad.Until = week.From.Add(-time.Hour)
	if err := srv.SaveSiteRoster(ctx, d.Site, bad, nil, false); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("a window ending before it starts: %v", err)
	}
	rs, ms, err := srv.SiteRosters(ctx, d.Site)
	if err != nil || len(rs) != 2 {
		t.Fatalf("site rosters %+v %v", rs, err)
	}
	if rs[0].Name != "Họp 14h" || !rs[0].From.Equal(from) || !rs[0].Until.Equal(until) ||
		rs[1].Name != "Tập huấn" || !rs[1].From.Equal(week.From) || !rs[1].Until.IsZero() {
		t.Errorf("windows on the server: %+v", rs)
	}
	other, _ := newDesk(t, d.Site, "Cửa sau", time.Now)
	if err := other.SetSiteRosters(ctx, rs, ms); err != nil {
		t.Fatal(err)
	}
	if got, _ := other.Rosters(ctx); len(got) != 2 || !got[0].Until.Equal(until) || !got[1].From.Equal(week.From) {
		t.Errorf("pulled: %+v", got)
	}
	// The site that day: the meeting's people are expected, the training's
	// (later) not yet; three days on, the other way round.
	groups := func(on time.Time) []string {
		t.Helper()
		det, err := srv.Site(ctx, d.Site, on, canhcua.DefaultOpeningHours)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, g := range det.Groups {
			out = append(out, g.Roster.Name)
		}
		return out
	}
	if g := groups(day); len(g) != 1 || g[0] != "Họp 14h" {
		t.Errorf("groups on the meeting's day: %q", g)
	}
	if g := groups(day.AddDate(0, 0, 3)); len(g) != 1 || g[0] != "Tập huấn" {
		t.Errorf("groups three days on: %q", g)
	}
}
