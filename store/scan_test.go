package store

import (
	"context"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
)

const gate = "Cổng chính"

var (
	an   = person("Nguyễn Văn An", "001090001234")
	binh = person("Trần Thị Bình", "001090005678")
	duc  = person("Đỗ Minh Đức", "079085004321")
)

func counts(t *testing.T, db *DB, door string, when time.Time) canhcua.Counts {
	t.Helper()
	c, err := db.Counts(context.Background(), door, when)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func visits(t *testing.T, db *DB, door string) []canhcua.Visit {
	t.Helper()
	v, err := db.Visits(context.Background(), day, door)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestScanResults(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()

	s1 := mustScan(t, db, an, canhcua.ModeIn, gate, at(8, 0, 0))
	if s1.Result != canhcua.Accepted || s1.Direction != canhcua.In || s1.Door != gate {
		t.Fatalf("first scan: %+v", s1)
	}
	s2 := mustScan(t, db, an, canhcua.ModeIn, gate, at(8, 1, 0))
	if s2.Result != canhcua.Duplicate || s2.Ago != time.Minute || s2.ID == s1.ID {
		t.Fatalf("scan a minute later: %+v, want a duplicate 1m after", s2)
	}
	// The window runs from the last accepted scan, not the duplicate.
	s3 := mustScan(t, db, an, canhcua.ModeIn, gate, at(8, 2, 30))
	if s3.Result != canhcua.Accepted {
		t.Fatalf("scan 2m30s later: %+v, want accepted", s3)
	}
	// Another door has its own window.
	if s := mustScan(t, db, an, canhcua.ModeIn, "Phòng họp", at(8, 2, 40)); s.Result != canhcua.Accepted {
		t.Fatalf("other door: %+v", s)
	}
	r := mustScan(t, db, payment, canhcua.ModeIn, gate, at(8, 3, 0))
	if r.Result != canhcua.Rejected || r.Reason == "" || r.PersonKey != "" {
		t.Fatalf("payment code: %+v", r)
	}

	got, err := db.Scans(ctx, ScanQuery{Day: day, Door: gate})
	if err != nil {
		t.Fatal(err)
	}
	want := []canhcua.Scan{s1, s2, s3, r}
	if len(got) != len(want) {
		t.Fatalf("%d scans stored, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		w := want[i]
		if g := got[i]; g.ID != w.ID || !g.At.Equal(w.At) || g.Result != w.Result || g.Reason != w.Reason ||
			g.Direction != w.Direction || g.PersonKey != w.PersonKey || g.Name != w.Name || g.IDNumber != w.IDNumber ||
			g.BirthDate != w.BirthDate || g.Kind != w.Kind || g.Door != w.Door || g.Ago != w.Ago {
			t.Errorf("stored scan %d:\n got %+v\nwant %+v", i, g, w)
		}
	}

	var people int
	if err := db.db.QueryRow("SELECT count(*) FROM people").Scan(&people); err != nil {
		t.Fatal(err)
	}
	if people != 1 {
		t.Errorf("%d people, want 1 (rejected codes make none)", people)
	}
	c := counts(t, db, gate, day)
	if c.Entries != 2 || c.Rejected != 1 || c.People != 1 || c.Inside != 1 {
		t.Errorf("counts %+v", c)
	}

	if _, err := db.Scan(ctx, an, canhcua.ModeIn, "  ", at(9, 0, 0), canhcua.Rules{}); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("empty door: %v", err)
	}
	if _, err := db.Scan(ctx, an, "sideways", gate, at(9, 0, 0), canhcua.Rules{}); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("bad mode: %v", err)
	}
}

func TestScanZeroTimeUsesClock(t *testing.T) {
	db := openTest(t, "")
	s := mustScan(t, db, an, canhcua.ModeIn, gate, time.Time{})
	if !s.At.Equal(at(18, 0, 0)) {
		t.Fatalf("at %v, want the clock's %v", s.At, at(18, 0, 0))
	}
}

func TestToggleAndVisits(t *testing.T) {
	db := openTest(t, "")
	var dirs []canhcua.Direction
	for i, tm := range []time.Time{at(8, 0, 0), at(12, 0, 0), at(13, 0, 0), at(17, 0, 0), at(17, 30, 0)} {
		s := mustScan(t, db, an, canhcua.ModeToggle, gate, tm)
		if s.Result != canhcua.Accepted {
			t.Fatalf("scan %d: %+v", i, s)
		}
		dirs = append(dirs, s.Direction)
	}
	want := []canhcua.Direction{canhcua.In, canhcua.Out, canhcua.In, canhcua.Out, canhcua.In}
	for i := range want {
		if dirs[i] != want[i] {
			t.Fatalf("toggle directions %v, want %v", dirs, want)
		}
	}
	// A toggle scan within the window is a duplicate of the last direction.
	if s := mustScan(t, db, an, canhcua.ModeToggle, gate, at(17, 31, 0)); s.Result != canhcua.Duplicate || s.Direction != canhcua.In {
		t.Fatalf("toggle within window: %+v", s)
	}

	vs := visits(t, db, gate)
	if len(vs) != 3 {
		t.Fatalf("%d visits, want 3: %+v", len(vs), vs)
	}
	for i, w := range []struct{ in, out time.Time }{{at(8, 0, 0), at(12, 0, 0)}, {at(13, 0, 0), at(17, 0, 0)}, {at(17, 30, 0), time.Time{}}} {
		if !vs[i].In.Equal(w.in) || !vs[i].Out.Equal(w.out) || vs[i].Name != "Nguyễn Văn An" || vs[i].Door != gate {
			t.Errorf("visit %d: %+v, want in %v out %v", i, vs[i], w.in, w.out)
		}
	}
	if c := counts(t, db, gate, day); c.Inside != 1 || c.Entries != 3 || c.Exits != 2 || c.People != 1 {
		t.Errorf("counts %+v", c)
	}
	// The next day toggles from in again: the last scan today decides.
	next := mustScan(t, db, an, canhcua.ModeToggle, gate, at(8, 0, 0).AddDate(0, 0, 1))
	if next.Direction != canhcua.In {
		t.Errorf("first toggle scan of the next day: %s, want in", next.Direction)
	}
}

func TestExitWithoutEntryAndDoubleEntry(t *testing.T) {
	db := openTest(t, "")
	mustScan(t, db, binh, canhcua.ModeOut, gate, at(7, 0, 0)) // exit-only visit
	mustScan(t, db, binh, canhcua.ModeIn, gate, at(8, 0, 0))
	mustScan(t, db, binh, canhcua.ModeIn, gate, at(9, 0, 0)) // inside already: same visit
	mustScan(t, db, binh, canhcua.ModeOut, gate, at(10, 0, 0))
	vs := visits(t, db, gate)
	if len(vs) != 2 || !vs[0].In.IsZero() || !vs[0].Out.Equal(at(7, 0, 0)) ||
		!vs[1].In.Equal(at(8, 0, 0)) || !vs[1].Out.Equal(at(10, 0, 0)) {
		t.Fatalf("visits %+v", vs)
	}
	if c := counts(t, db, gate, day); c.Inside != 0 || c.Entries != 2 || c.Exits != 2 || c.People != 1 {
		t.Errorf("counts %+v", c)
	}
}

// seedDay makes a day at two doors with a fixed clock:
//
//	An:   in 07:55 gate, duplicate 07:56, out 12:10, in 13:05 (inside)
//	Bình: in 08:20 gate, out 17:00
//	Đức:  in 08:45 meeting room (inside)
//	payment code rejected at 09:00 gate
//	one scan the day before and one the day after, which must not count
func seedDay(t *testing.T, db *DB) map[string]canhcua.Scan {
	m := map[string]canhcua.Scan{}
	m["before"] = mustScan(t, db, an, canhcua.ModeIn, gate, at(23, 59, 0).AddDate(0, 0, -1))
	m["an-in"] = mustScan(t, db, an, canhcua.ModeToggle, gate, at(7, 55, 0))
	m["an-dup"] = mustScan(t, db, an, canhcua.ModeToggle, gate, at(7, 56, 0))
	m["binh-in"] = mustScan(t, db, binh, canhcua.ModeIn, gate, at(8, 20, 0))
	m["duc-in"] = mustScan(t, db, duc, canhcua.ModeIn, "Phòng họp", at(8, 45, 0))
	m["rejected"] = mustScan(t, db, payment, canhcua.ModeIn, gate, at(9, 0, 0))
	m["an-out"] = mustScan(t, db, an, canhcua.ModeToggle, gate, at(12, 10, 0))
	m["an-in2"] = mustScan(t, db, an, canhcua.ModeToggle, gate, at(13, 5, 0))
	m["binh-out"] = mustScan(t, db, binh, canhcua.ModeOut, gate, at(17, 0, 0))
	m["after"] = mustScan(t, db, binh, canhcua.ModeIn, gate, at(0, 0, 1).AddDate(0, 0, 1))
	return m
}

func TestCounts(t *testing.T) {
	db := openTest(t, "")
	m := seedDay(t, db)
	if m["an-dup"].Result != canhcua.Duplicate {
		t.Fatalf("seed: %+v", m["an-dup"])
	}

	var hours [24]int
	hours[7], hours[8], hours[12], hours[13], hours[17] = 1, 2, 1, 1, 1
	want := canhcua.Counts{Inside: 2, Entries: 4, Exits: 2, People: 3, Rejected: 1, PerHour: hours}
	for _, when := range []time.Time{day, at(23, 59, 59), at(12, 0, 0).UTC()} {
		if got := counts(t, db, "", when); got != want {
			t.Errorf("all doors, %v:\n got %+v\nwant %+v", when, got, want)
		}
	}

	hours[8] = 1
	wantGate := canhcua.Counts{Inside: 1, Entries: 3, Exits: 2, People: 2, Rejected: 1, PerHour: hours}
	if got := counts(t, db, gate, day); got != wantGate {
		t.Errorf("gate:\n got %+v\nwant %+v", got, wantGate)
	}
	if got := counts(t, db, "Cửa sau", day); got != (canhcua.Counts{}) {
		t.Errorf("unknown door: %+v", got)
	}
	// Days are local (UTC+7): the scan at 00:00:01 on the 28th is 17:00:01 UTC
	// on the 27th, and counts on the 28th.
	next := counts(t, db, gate, day.AddDate(0, 0, 1))
	if next.Entries != 1 || next.PerHour[0] != 1 || next.Inside != 1 {
		t.Errorf("next day: %+v", next)
	}
}

func TestVoid(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	m := seedDay(t, db)

	// Voiding An's second entry: An is no longer inside.
	v, err := db.Void(ctx, m["an-in2"].ID, "quét nhầm")
	if err != nil {
		t.Fatal(err)
	}
	if v.Result != canhcua.Voided || v.Reason != "quét nhầm" || v.ID != m["an-in2"].ID {
		t.Fatalf("voided scan: %+v", v)
	}
	c := counts(t, db, gate, day)
	if c.Inside != 0 || c.Entries != 2 || c.Exits != 2 || c.PerHour[13] != 0 || c.People != 2 {
		t.Errorf("after voiding an entry: %+v", c)
	}
	// Voiding Bình's exit: Bình is inside again.
	if _, err := db.Void(ctx, m["binh-out"].ID, "ra nhầm"); err != nil {
		t.Fatal(err)
	}
	c = counts(t, db, gate, day)
	if c.Inside != 1 || c.Exits != 1 || c.PerHour[17] != 0 {
		t.Errorf("after voiding an exit: %+v", c)
	}
	vs := visits(t, db, gate)
	if len(vs) != 2 || !vs[0].In.Equal(at(7, 55, 0)) || !vs[0].Out.Equal(at(12, 10, 0)) ||
		!vs[1].In.Equal(at(8, 20, 0)) || !vs[1].Inside() {
		t.Errorf("visits after voiding: %+v", vs)
	}

	// The voided scans are kept, shown as voided with the reason.
	got, err := db.Scans(ctx, ScanQuery{Day: day, Door: gate, Search: "binh"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Result != canhcua.Voided || got[1].Reason != "ra nhầm" {
		t.Errorf("Bình's scans: %+v", got)
	}

	for name, tc := range map[string]struct {
		id   int64
		code string
	}{
		"twice":     {m["binh-out"].ID, canhcua.ECONFLICT},
		"duplicate": {m["an-dup"].ID, canhcua.ECONFLICT},
		"rejected":  {m["rejected"].ID, canhcua.ECONFLICT},
		"unknown":   {987654, canhcua.ENOTFOUND},
	} {
		if _, err := db.Void(ctx, tc.id, "x"); canhcua.ErrorCode(err) != tc.code {
			t.Errorf("void %s: %v, want code %s", name, err, tc.code)
		}
	}
}

func TestVoidFirstEntryKeepsLaterEntry(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	first := mustScan(t, db, an, canhcua.ModeIn, gate, at(8, 0, 0))
	room := mustScan(t, db, an, canhcua.ModeIn, "Phòng họp", at(8, 30, 0))
	mustScan(t, db, an, canhcua.ModeIn, gate, at(9, 0, 0)) // inside already
	if _, err := db.Void(ctx, first.ID, "nhầm"); err != nil {
		t.Fatal(err)
	}
	vs := visits(t, db, gate)
	if len(vs) != 1 || !vs[0].In.Equal(at(9, 0, 0)) || !vs[0].Inside() {
		t.Fatalf("visits %+v, want one from 09:00", vs)
	}
	if c := counts(t, db, gate, day); c.Inside != 1 || c.Entries != 1 || c.People != 1 {
		t.Errorf("gate counts %+v", c)
	}
	if c := counts(t, db, "", day); c.Inside != 1 || c.Entries != 2 || c.People != 1 {
		t.Errorf("all doors %+v", c)
	}
	if _, err := db.Void(ctx, room.ID, "nhầm"); err != nil {
		t.Fatal(err)
	}
	if c := counts(t, db, "", day); c.Inside != 1 || c.Entries != 1 || c.People != 1 {
		t.Errorf("all doors, both voided: %+v", c)
	}
	if c := counts(t, db, "Phòng họp", day); c != (canhcua.Counts{}) {
		t.Errorf("meeting room, voided: %+v", c)
	}
	// Exactly one first-of-day and one first-at-door flag per person, day
	// (and door) among accepted scans: the invariant Counts relies on.
	var bad int
	if err := db.db.QueryRow(`SELECT count(*) FROM (
		SELECT 1 FROM scans WHERE result = 'accepted' GROUP BY person_key, day HAVING sum(first_day) != 1
		UNION ALL
		SELECT 1 FROM scans WHERE result = 'accepted' GROUP BY person_key, day, door_id HAVING sum(first_door) != 1
		UNION ALL
		SELECT 1 FROM scans WHERE result != 'accepted' AND first_day + first_door > 0)`).Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d broken first_day/first_door flags (%v)", bad, err)
	}
}

func TestLastScan(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	if s, err := db.LastScan(ctx, gate); err != nil || s != nil {
		t.Fatalf("empty database: %+v, %v", s, err)
	}
	mustScan(t, db, an, canhcua.ModeIn, gate, at(8, 0, 0))
	b := mustScan(t, db, binh, canhcua.ModeIn, gate, at(8, 1, 0))
	d := mustScan(t, db, duc, canhcua.ModeIn, "Phòng họp", at(8, 2, 0))
	if s, err := db.LastScan(ctx, gate); err != nil || s == nil || s.ID != b.ID || s.Name != b.Name {
		t.Errorf("last at the gate: %+v, %v; want %+v", s, err, b)
	}
	if s, err := db.LastScan(ctx, ""); err != nil || s == nil || s.ID != d.ID {
		t.Errorf("last anywhere: %+v, %v; want %+v", s, err, d)
	}
	if s, err := db.LastScan(ctx, "Cửa sau"); err != nil || s != nil {
		t.Errorf("unknown door: %+v, %v", s, err)
	}
}

func TestScansQuery(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	m := seedDay(t, db)
	mustScan(t, db, person("Nguyen Van Anh", "001090000100"), canhcua.ModeIn, gate, at(14, 0, 0))
	mustScan(t, db, person("50%_off", "001090000200"), canhcua.ModeIn, gate, at(15, 0, 0))

	names := func(q ScanQuery) []string {
		t.Helper()
		ss, err := db.Scans(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range ss {
			out = append(out, s.Name+"@"+s.At.In(ict).Format("15:04"))
		}
		return out
	}
	for _, tc := range []struct {
		q    ScanQuery
		want string
	}{
		{ScanQuery{Day: day, Search: "nguyen van an"}, "[Nguyễn Văn An@07:55 Nguyễn Văn An@07:56 Nguyễn Văn An@12:10 Nguyễn Văn An@13:05 Nguyen Van Anh@14:00]"},
		{ScanQuery{Day: day, Search: "  NGUYỄN   văn  "}, "[Nguyễn Văn An@07:55 Nguyễn Văn An@07:56 Nguyễn Văn An@12:10 Nguyễn Văn An@13:05 Nguyen Van Anh@14:00]"},
		{ScanQuery{Day: day, Search: "an nguyen", Newest: true, Limit: 2}, "[Nguyen Van Anh@14:00 Nguyễn Văn An@13:05]"},
		{ScanQuery{Day: day, Search: "do duc"}, "[Đỗ Minh Đức@08:45]"},
		{ScanQuery{Day: day, Search: "5678"}, "[Trần Thị Bình@08:20 Trần Thị Bình@17:00]"},
		{ScanQuery{Day: day, Search: "%"}, "[50%_off@15:00]"},
		{ScanQuery{Day: day, Search: "_"}, "[50%_off@15:00]"},
		{ScanQuery{Day: day, Search: "zzz"}, "[]"},
		{ScanQuery{Day: day, Door: "Phòng họp"}, "[Đỗ Minh Đức@08:45]"},
		{ScanQuery{Door: gate, Search: "an", Limit: 1}, "[Nguyễn Văn An@23:59]"}, // all days, oldest first
		{ScanQuery{Newest: true, Limit: 1}, "[Trần Thị Bình@00:00]"},
	} {
		if got := names(tc.q); fmtList(got) != tc.want {
			t.Errorf("%+v:\n got %s\nwant %s", tc.q, fmtList(got), tc.want)
		}
	}
	_ = m
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}
