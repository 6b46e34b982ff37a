package store

import (
	"context"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
)

func TestRetentionCutoff(t *testing.T) {
	now := at(18, 0, 0)
	for _, tc := range []struct {
		days int
		want time.Time
	}{
		{30, time.Date(2026, 10, 29, 0, 0, 0, 0, ict)},
		{1, day},
		{0, day},
		{2, day.AddDate(0, 0, -1)},
	} {
		if got := RetentionCutoff(now, tc.days, ict); !got.Equal(tc.want) {
			t.Errorf("RetentionCutoff(%d) = %v, want %v", tc.days, got, tc.want)
		}
	}
	// Just after midnight (UTC still the day before), the local day counts.
	if got := RetentionCutoff(day.Add(time.Minute).UTC(), 1, ict); !got.Equal(day) {
		t.Errorf("at 00:01: %v", got)
	}
}

func tableCount(t *testing.T, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPurge(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	old := func(days, h, m int) time.Time { return at(h, m, 0).AddDate(0, 0, -days) }
	hold := canhcua.Rules{Hold: func(canhcua.Identity) (string, string, bool) { return "not on the roster", "", true }}

	mustSaveRoster(t, db, canhcua.Roster{Name: "Cán bộ", ExpectedBy: 450}, []canhcua.Member{member("Nguyễn Văn An", "", "001090001234", "", "")}, true)

	// 40 days ago: An (never again), Bình (again today), Đức held and refused.
	mustScan(t, db, an, canhcua.ModeToggle, gate, old(40, 8, 0))
	mustScan(t, db, an, canhcua.ModeToggle, gate, old(40, 17, 0))
	mustScan(t, db, binh, canhcua.ModeIn, gate, old(40, 8, 10))
	mustScan(t, db, canhcua.Identity{Kind: canhcua.KindPayment, Reject: "payment"}, canhcua.ModeIn, gate, old(40, 9, 0))
	held, err := db.Scan(ctx, duc, canhcua.ModeIn, gate, old(40, 9, 30), hold)
	if err != nil || held.Result != canhcua.Held {
		t.Fatalf("held: %+v %v", held, err)
	}
	if _, err := db.Decide(ctx, held.ID, false, old(40, 9, 31)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddWarning(ctx, canhcua.Warning{At: old(40, 11, 0), Door: gate, Kind: canhcua.WarnNoScan,
		Message: "someone passed without scanning", Snapshot: "/snap/old.jpg"}); err != nil {
		t.Fatal(err)
	}
	// The last day to go (30 days ago): Dung enters at 23:00 and leaves after
	// midnight, on the first day kept.
	dung := person("Phạm Thị Dung", "048170002468")
	mustScan(t, db, dung, canhcua.ModeToggle, gate, old(30, 23, 0))
	mustScan(t, db, dung, canhcua.ModeOut, gate, old(29, 1, 0))
	// Kept: 29 days ago and today.
	if _, err := db.AddWarning(ctx, canhcua.Warning{At: old(29, 11, 0), Door: gate, Kind: canhcua.WarnNoScan,
		Message: "someone passed without scanning", Snapshot: "/snap/kept.jpg"}); err != nil {
		t.Fatal(err)
	}
	mustScan(t, db, binh, canhcua.ModeIn, gate, at(8, 0, 0))
	if _, err := db.AddWarning(ctx, canhcua.Warning{At: at(9, 0, 0), Door: gate, Kind: canhcua.WarnCamera, Message: "dark"}); err != nil {
		t.Fatal(err)
	}
	before := map[string]int{}
	for _, tb := range []string{"scans", "visits", "warnings", "decisions", "people", "rosters", "roster_members", "doors"} {
		before[tb] = tableCount(t, db, tb)
	}

	cutoff := RetentionCutoff(at(18, 0, 0), 30, ict)
	want := PurgeResult{Before: cutoff, Scans: 6, Visits: 3, Warnings: 1, Decisions: 1, People: 2, Snapshots: []string{"/snap/old.jpg"}}
	preview, err := db.PurgePreview(ctx, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(preview, want) {
		t.Errorf("preview:\n got %+v\nwant %+v", preview, want)
	}
	for tb, n := range before {
		if got := tableCount(t, db, tb); got != n {
			t.Errorf("preview changed %s: %d rows, had %d", tb, got, n)
		}
	}

	got, err := db.Purge(ctx, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("purge:\n got %+v\nwant %+v", got, want)
	}
	if got.Total() != 13 {
		t.Errorf("total %d", got.Total())
	}
	for tb, n := range map[string]int{"scans": 2, "visits": 1, "warnings": 2, "decisions": 0, "people": 2,
		"rosters": before["rosters"], "roster_members": before["roster_members"], "doors": before["doors"]} {
		if got := tableCount(t, db, tb); got != n {
			t.Errorf("after purge: %d %s, want %d", got, tb, n)
		}
	}
	// Bình is still known, first seen today now; An and Đức are gone.
	var first int64
	if err := db.db.QueryRow(`SELECT first_seen FROM people WHERE key = ?`, binh.Key).Scan(&first); err != nil {
		t.Fatal(err)
	}
	if !time.Unix(0, first).Equal(at(8, 0, 0)) {
		t.Errorf("Bình first seen %v", time.Unix(0, first).In(ict))
	}
	var n int
	db.db.QueryRow(`SELECT count(*) FROM people WHERE key IN (?, ?)`, an.Key, duc.Key).Scan(&n)
	if n != 0 {
		t.Errorf("%d of An and Đức still in people", n)
	}
	// Dung's exit after midnight is kept, as an exit without entry.
	if vs, _ := db.Visits(ctx, day.AddDate(0, 0, -29), gate); len(vs) != 0 {
		t.Errorf("visits of the first kept day: %+v", vs)
	}
	if ss, _ := db.Scans(ctx, ScanQuery{Search: "Dung"}); len(ss) != 1 || ss[0].Direction != canhcua.Out {
		t.Errorf("Dung's scans: %+v", ss)
	}
	if c := counts(t, db, gate, day); c.Entries != 1 || c.People != 1 {
		t.Errorf("today's counts changed: %+v", c)
	}
	if rs, _ := db.Rosters(ctx); len(rs) != 1 {
		t.Errorf("rosters: %+v", rs)
	}

	// Again: nothing left to delete.
	again, err := db.Purge(ctx, cutoff)
	if err != nil || again.Total() != 0 || len(again.Snapshots) != 0 {
		t.Errorf("second purge: %+v %v", again, err)
	}
	// A new scan after the purge works (the people and doors tables are sound).
	mustScan(t, db, an, canhcua.ModeIn, gate, at(9, 0, 0))
}

// TestPurgeOverwrites: after Purge and Vacuum, deleted names do not stay
// readable in the database file or its WAL.
func TestPurgeOverwrites(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	secret := person("Tên Bí Mật Zyxwvu", "001099999999")
	for i := range 50 {
		mustScan(t, db, secret, canhcua.ModeIn, gate, at(8, 0, 0).AddDate(0, 0, -40).Add(time.Duration(i)*time.Hour))
	}
	mustScan(t, db, an, canhcua.ModeIn, gate, at(8, 0, 0))
	if _, err := db.Purge(ctx, RetentionCutoff(at(18, 0, 0), 30, ict)); err != nil {
		t.Fatal(err)
	}
	if err := db.Vacuum(ctx); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{db.Path(), db.Path() + "-wal"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if n := countBytes(data, "Zyxwvu"); n != 0 {
			t.Errorf("the purged name is still %d times in %s", n, f)
		}
	}
	if ss, _ := db.Scans(ctx, ScanQuery{}); len(ss) != 1 || ss[0].Name != "Nguyễn Văn An" {
		t.Errorf("scans after vacuum: %+v", ss)
	}
	var secure int
	db.db.QueryRow(`PRAGMA secure_delete`).Scan(&secure)
	if secure != 0 {
		t.Errorf("secure_delete left on: %d", secure)
	}
}

func countBytes(data []byte, s string) int {
	n := 0
	for i := 0; i+len(s) <= len(data); i++ {
		if string(data[i:i+len(s)]) == s {
			n++
		}
	}
	return n
}
