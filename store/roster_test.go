package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
)

func mustSaveRoster(t testing.TB, db *DB, r canhcua.Roster, ms []canhcua.Member, replace bool) canhcua.Roster {
	t.Helper()
	got, err := db.SaveRoster(context.Background(), r, ms, replace)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func member(name, unit, id, badge, birth string) canhcua.Member {
	return canhcua.Member{Name: name, Unit: unit, IDNumber: id, BadgeID: badge, BirthDate: birth, ExpectedBy: -1}
}

func names(ms []canhcua.Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Roster+"/"+m.Name)
	}
	return out
}

func TestSaveRosterReplaceAndMerge(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	staff := mustSaveRoster(t, db, canhcua.Roster{Name: " Cán  bộ ", ExpectedBy: 7*60 + 30}, []canhcua.Member{
		member("Nguyễn Văn An", "Chuyên viên", "001090001234", "", "01/02/1990"),
		member("Trần Thị Bình", "Kế toán", "", "", ""),
	}, true)
	if staff.ID == 0 || staff.Name != "Cán bộ" {
		t.Fatalf("saved roster %+v", staff)
	}
	// Merge: Bình gains a birth date, Cường is added.
	again := mustSaveRoster(t, db, canhcua.Roster{Name: "Cán bộ", ExpectedBy: 7*60 + 30}, []canhcua.Member{
		member("TRẦN THỊ BÌNH", "", "", "", "03/04/1985"),
		member("Lê Văn Cường", "Bảo vệ", "", "B7KQ2M4XA", ""),
	}, false)
	if again.ID != staff.ID {
		t.Fatalf("merging made roster %d, want %d", again.ID, staff.ID)
	}
	ms, err := db.Members(ctx, "Cán bộ")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(names(ms)); got != "[Cán bộ/Nguyễn Văn An Cán bộ/TRẦN THỊ BÌNH Cán bộ/Lê Văn Cường]" {
		t.Fatalf("members after merge: %s", got)
	}
	if ms[1].Unit != "Kế toán" || ms[1].BirthDate != "03/04/1985" {
		t.Errorf("merged member %+v: want unit kept and birth date added", ms[1])
	}
	mustSaveRoster(t, db, canhcua.Roster{Name: "Họp giao ban", ExpectedBy: 14 * 60, Only: true}, []canhcua.Member{
		member("Nguyễn Văn An", "", "001090001234", "", ""),
	}, true)
	rs, err := db.Rosters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Name != "Cán bộ" || rs[1].Name != "Họp giao ban" || !rs[1].Only || rs[1].ExpectedBy != 840 || rs[0].ExpectedBy != 450 {
		t.Fatalf("rosters %+v", rs)
	}
	// Replace drops the old members.
	mustSaveRoster(t, db, canhcua.Roster{Name: "Cán bộ", ExpectedBy: -1}, []canhcua.Member{member("Phạm Thị Dung", "", "", "", "")}, true)
	all, err := db.Members(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(names(all)); got != "[Cán bộ/Phạm Thị Dung Họp giao ban/Nguyễn Văn An]" {
		t.Fatalf("all members after replace: %s", got)
	}

	// Bad input saves nothing.
	if _, err := db.SaveRoster(ctx, canhcua.Roster{Name: "  ", ExpectedBy: -1}, nil, true); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("empty roster name: %v", err)
	}
	if _, err := db.SaveRoster(ctx, canhcua.Roster{Name: "Cán bộ", ExpectedBy: -1}, []canhcua.Member{member(" ", "", "", "", "")}, true); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("member without a name: %v", err)
	}
	if _, err := db.SaveRoster(ctx, canhcua.Roster{Name: "X", ExpectedBy: 24 * 60}, nil, true); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("expected-by 24:00: %v", err)
	}
	if ms, _ := db.Members(ctx, "Cán bộ"); len(ms) != 1 {
		t.Errorf("a failed save changed the roster: %+v", ms)
	}

	if _, err := db.Members(ctx, "Không có"); canhcua.ErrorCode(err) != canhcua.ENOTFOUND {
		t.Errorf("members of a missing roster: %v", err)
	}
	if err := db.RemoveRoster(ctx, "Không có"); canhcua.ErrorCode(err) != canhcua.ENOTFOUND {
		t.Errorf("removing a missing roster: %v", err)
	}
	if err := db.RemoveRoster(ctx, "Cán bộ"); err != nil {
		t.Fatal(err)
	}
	all, _ = db.Members(ctx, "")
	if got := fmt.Sprint(names(all)); got != "[Họp giao ban/Nguyễn Văn An]" {
		t.Fatalf("after removing Cán bộ: %s", got)
	}
}

func TestMatchMember(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	mustSaveRoster(t, db, canhcua.Roster{Name: "Cán bộ", ExpectedBy: 450}, []canhcua.Member{
		member("Nguyễn Văn An", "Chuyên viên", "", "", "01/02/1990"),
		member("Trần Thị Bình", "Kế toán", "001090005678", "", ""),
		member("Lê Văn Cường", "Bảo vệ", "", "B7KQ2M4XA", ""),
	}, true)
	mustSaveRoster(t, db, canhcua.Roster{Name: "Họp 14:00", ExpectedBy: 840}, []canhcua.Member{
		member("Trần Thị Bình", "", "001090005678", "", ""),
	}, true)

	match := func(id canhcua.Identity) string {
		t.Helper()
		ms, err := db.MatchMember(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(names(ms))
	}
	for _, c := range []struct {
		what string
		id   canhcua.Identity
		want string
	}{
		{"by ID number", canhcua.Identity{Key: "id:001090005678", IDNumber: "001090005678", Name: "TRAN THI BINH"}, "[Cán bộ/Trần Thị Bình Họp 14:00/Trần Thị Bình]"},
		{"another ID, same name", canhcua.Identity{Key: "id:001090009999", IDNumber: "001090009999", Name: "Trần Thị Bình"}, "[]"},
		{"by badge", canhcua.Identity{Key: "badge:B7KQ2M4XA", BadgeID: "B7KQ2M4XA", Name: "Le Van Cuong"}, "[Cán bộ/Lê Văn Cường]"},
		{"another badge", canhcua.Identity{Key: "badge:BX", BadgeID: "BX", Name: "Lê Văn Cường"}, "[]"},
		{"name without diacritics + birth date", canhcua.Identity{Key: "id:001090001234", IDNumber: "001090001234", Name: "NGUYEN VAN AN", BirthDate: "01/02/1990"}, "[Cán bộ/Nguyễn Văn An]"},
		{"name, other birth date", canhcua.Identity{Key: "id:001090001234", IDNumber: "001090001234", Name: "NGUYEN VAN AN", BirthDate: "02/02/1990"}, "[]"},
		{"nobody", canhcua.Identity{Key: "id:1", IDNumber: "1", Name: "Đỗ Minh Đức"}, "[]"},
		{"rejected", canhcua.Identity{Reject: "x", Name: "Nguyễn Văn An"}, "[]"},
	} {
		if got := match(c.id); got != c.want {
			t.Errorf("%s: matched %s, want %s", c.what, got, c.want)
		}
	}
}

func TestExpectedStatus(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	mustSaveRoster(t, db, canhcua.Roster{Name: "Cán bộ", ExpectedBy: 7*60 + 30}, []canhcua.Member{
		member("Nguyễn Văn An", "", "", "", "01/02/1990"), // scans with an ID card
		member("Trần Thị Bình", "", "001090005678", "", ""),
		member("Lê Văn Cường", "", "", "B7KQ2M4XA", ""),
		member("Đỗ Minh Đức", "", "079085004321", "", ""), // scans another day only
		{Name: "Phạm Thị Dung", ExpectedBy: 8 * 60},       // never scans
	}, true)
	mustSaveRoster(t, db, canhcua.Roster{Name: "Họp 14:00", ExpectedBy: -1}, []canhcua.Member{
		member("Trần Thị Bình", "", "001090005678", "", ""),
	}, true)

	anID := canhcua.Identity{Kind: canhcua.KindCCCD, Key: "id:001090001234", IDNumber: "001090001234", Name: "NGUYỄN VĂN AN", BirthDate: "01/02/1990"}
	mustScan(t, db, anID, canhcua.ModeIn, gate, at(7, 10, 0))
	mustScan(t, db, anID, canhcua.ModeOut, gate, at(12, 0, 0))
	mustScan(t, db, binh, canhcua.ModeIn, gate, at(7, 45, 0))
	cuong := canhcua.Identity{Kind: canhcua.KindBadge, Key: "badge:B7KQ2M4XA", BadgeID: "B7KQ2M4XA", Name: "Lê Văn Cường"}
	s := mustScan(t, db, cuong, canhcua.ModeIn, gate, at(7, 0, 0))
	if _, err := db.Void(ctx, s.ID, "wrong"); err != nil { // voided: does not count
		t.Fatal(err)
	}
	mustScan(t, db, duc, canhcua.ModeIn, gate, at(7, 0, 0).AddDate(0, 0, -1))
	mustScan(t, db, payment, canhcua.ModeIn, gate, at(7, 0, 0))

	gs, err := db.ExpectedStatus(ctx, at(9, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 2 || gs[0].Roster.Name != "Cán bộ" || gs[1].Roster.Name != "Họp 14:00" {
		t.Fatalf("groups %+v", gs)
	}
	if g := gs[0]; g.Present != 2 || g.Total != 5 || len(g.Members) != 5 {
		t.Fatalf("Cán bộ: %d/%d present, want 2/5", g.Present, g.Total)
	}
	if g := gs[1]; g.Present != 1 || g.Total != 1 {
		t.Fatalf("Họp: %d/%d present, want 1/1", g.Present, g.Total)
	}
	want := []struct {
		scanned  bool
		first    time.Time
		expected time.Time
	}{
		{true, at(7, 10, 0), at(7, 30, 0)},
		{true, at(7, 45, 0), at(7, 30, 0)},
		{false, time.Time{}, at(7, 30, 0)},
		{false, time.Time{}, at(7, 30, 0)},
		{false, time.Time{}, at(8, 0, 0)},
	}
	for i, w := range want {
		m := gs[0].Members[i]
		if m.Scanned != w.scanned || !m.FirstScan.Equal(w.first) || !m.HasExpected || !m.Expected.Equal(w.expected) {
			t.Errorf("%s: scanned %v at %v expected %v, want %v at %v expected %v",
				m.Member.Name, m.Scanned, m.FirstScan, m.Expected, w.scanned, w.first, w.expected)
		}
	}
	if m := gs[0].Members[1]; !m.Late(at(9, 0, 0)) {
		t.Errorf("Bình scanned at 07:45 for 07:30: not late")
	}
	if m := gs[0].Members[4]; m.Late(at(7, 59, 0)) || !m.Late(at(8, 1, 0)) {
		t.Errorf("Dung expected by 08:00: Late wrong")
	}
	if gs[1].Members[0].HasExpected {
		t.Errorf("Họp has no expected-by time: %+v", gs[1].Members[0])
	}
	var missing []string
	for _, m := range NotScanned(gs) {
		missing = append(missing, m.Member.Name)
	}
	if got := fmt.Sprint(missing); got != "[Đỗ Minh Đức Lê Văn Cường Phạm Thị Dung]" {
		t.Errorf("not scanned: %s", got)
	}

	// The day before: only Đức.
	gs, err = db.ExpectedStatus(ctx, at(9, 0, 0).AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	if gs[0].Present != 1 || !gs[0].Members[3].Scanned {
		t.Errorf("day before: %d present, want Đức only", gs[0].Present)
	}

	// No rosters: nothing.
	empty := openTest(t, "")
	if gs, err := empty.ExpectedStatus(ctx, day); err != nil || len(gs) != 0 {
		t.Errorf("no rosters: %v, %v", gs, err)
	}
}

// BenchmarkExpectedStatus measures the status of three rosters (300 staff, a
// 50-person meeting, 20 guards) on a day of 1,000 accepted scans, as the desk
// computes it every few seconds.
func BenchmarkExpectedStatus(b *testing.B) {
	db := openTest(b, "")
	ctx := context.Background()
	var staff, meeting, guards []canhcua.Member
	for i := range 300 {
		m := member(fmt.Sprintf("Nguyễn Văn Số %d", i), "Chuyên viên", fmt.Sprintf("0010900%05d", i), "", "")
		if i%3 == 1 { // a third known by name and birth date only
			m.IDNumber, m.BirthDate = "", fmt.Sprintf("%02d/01/1990", i%28+1)
		}
		staff = append(staff, m)
		if i < 50 {
			meeting = append(meeting, m)
		}
	}
	for i := range 20 {
		guards = append(guards, member(fmt.Sprintf("Bảo vệ %d", i), "", "", fmt.Sprintf("B%04d", i), ""))
	}
	mustSaveRoster(b, db, canhcua.Roster{Name: "Cán bộ", ExpectedBy: 450}, staff, true)
	mustSaveRoster(b, db, canhcua.Roster{Name: "Họp", ExpectedBy: 840}, meeting, true)
	mustSaveRoster(b, db, canhcua.Roster{Name: "Bảo vệ", ExpectedBy: 360}, guards, true)
	// 1,000 accepted scans: 270 staff in and out, 20 guards, 420 visitors.
	n := 0
	scan := func(id canhcua.Identity, mode canhcua.Mode) {
		mustScan(b, db, id, mode, gate, at(6, 0, 0).Add(time.Duration(n)*30*time.Second))
		n++
	}
	for i := range 270 {
		m := staff[i]
		id := canhcua.Identity{Kind: canhcua.KindCCCD, Key: "id:" + fmt.Sprintf("0010900%05d", i), IDNumber: fmt.Sprintf("0010900%05d", i),
			Name: canhcua.FoldDiacritics(m.Name), BirthDate: m.BirthDate}
		scan(id, canhcua.ModeIn)
		scan(id, canhcua.ModeOut)
	}
	for i := range 20 {
		scan(canhcua.Identity{Kind: canhcua.KindBadge, Key: fmt.Sprintf("badge:B%04d", i), BadgeID: fmt.Sprintf("B%04d", i), Name: guards[i].Name}, canhcua.ModeIn)
	}
	for i := range 420 {
		scan(person(fmt.Sprintf("Khách %d", i), fmt.Sprintf("0790850%05d", i)), canhcua.ModeIn)
	}
	gs, err := db.ExpectedStatus(ctx, day)
	if err != nil {
		b.Fatal(err)
	}
	if gs[1].Total != 300 || gs[1].Present != 270 || gs[0].Present != 20 || gs[2].Present != 50 {
		b.Fatalf("present: %d/%d, %d, %d", gs[1].Present, gs[1].Total, gs[0].Present, gs[2].Present)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := db.ExpectedStatus(ctx, day); err != nil {
			b.Fatal(err)
		}
	}
}

// matchFolded must agree with canhcua.Member.Matches.
func TestMatchFoldedAgreesWithMatches(t *testing.T) {
	var ms []canhcua.Member
	var ids []canhcua.Identity
	for _, name := range []string{"Nguyễn Văn An", "NGUYEN VAN AN", "Trần Thị Bình", ""} {
		for _, idn := range []string{"", "001090001234", "001090005678"} {
			for _, badge := range []string{"", "B1", "B2"} {
				for _, birth := range []string{"", "01/02/1990", "02/02/1990"} {
					ms = append(ms, member(name, "", idn, badge, birth))
					ids = append(ids, canhcua.Identity{Name: name, IDNumber: idn, BadgeID: badge, BirthDate: birth})
				}
			}
		}
	}
	for _, m := range ms {
		for _, id := range ids {
			if got, want := matchFolded(m, canhcua.Fold(m.Name), id, canhcua.Fold(id.Name)), m.Matches(id); got != want {
				t.Fatalf("matchFolded(%+v, %+v) = %v, Matches says %v", m, id, got, want)
			}
		}
	}
}

// TestRosterWindow: a roster's window is kept, changed, sent to the district
// and kept when pulled; a window that ends before it starts is refused; the
// expected people of a roster count only on the days of its window.
func TestRosterWindow(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	from, until := at(13, 30, 0), at(17, 0, 0)
	meeting := mustSaveRoster(t, db, canhcua.Roster{Name: "Họp giao ban", ExpectedBy: 14 * 60, Only: true, From: from, Until: until},
		[]canhcua.Member{member("Nguyễn Văn An", "", "001090001234", "", "")}, true)
	mustSaveRoster(t, db, canhcua.Roster{Name: "Cán bộ", ExpectedBy: -1}, []canhcua.Member{member("Trần Thị Bình", "", "", "", "")}, true)
	rs, err := db.Rosters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || !rs[1].From.Equal(from) || !rs[1].Until.Equal(until) || !rs[0].From.IsZero() || !rs[0].Until.IsZero() {
		t.Fatalf("rosters %+v", rs)
	}
	changes, _, err := db.Outbox(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var sent *SentRoster
	for _, c := range changes {
		if c.Roster != nil && c.Roster.Roster.Name == meeting.Name {
			sent = c.Roster
		}
	}
	if sent == nil || !sent.Roster.From.Equal(from) || !sent.Roster.Until.Equal(until) {
		t.Errorf("sent %+v", sent)
	}

	// The day of the meeting, the day after.
	gs, err := db.ExpectedStatus(ctx, day)
	if err != nil || len(gs) != 2 {
		t.Fatalf("the meeting's day: %+v %v", gs, err)
	}
	gs, err = db.ExpectedStatus(ctx, day.AddDate(0, 0, 1))
	if err != nil || len(gs) != 1 || gs[0].Roster.Name != "Cán bộ" || gs[0].Total != 1 {
		t.Errorf("the day after: %+v %v", gs, err)
	}

	// Only the end: open from the start.
	meeting.From = time.Time{}
	mustSaveRoster(t, db, meeting, nil, false)
	if rs, _ := db.Rosters(ctx); !rs[1].From.IsZero() || !rs[1].Until.Equal(until) {
		t.Errorf("window cleared at the start: %+v", rs[1])
	}
	if ms, _ := db.Members(ctx, meeting.Name); len(ms) != 1 {
		t.Errorf("saving the roster alone lost its people: %+v", ms)
	}
	bad := meeting
	bad.From = until
	if _, err := db.SaveRoster(ctx, bad, nil, false); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("window ending at its start: %v", err)
	}

	// Pulled from the site: the window is kept.
	site := canhcua.Roster{Name: "Tập huấn", ExpectedBy: -1, From: day, Until: day.AddDate(0, 0, 5)}
	if err := db.SetSiteRosters(ctx, []canhcua.Roster{site}, map[string][]canhcua.Member{site.Name: {member("Lê Văn Cường", "", "", "", "")}}); err != nil {
		t.Fatal(err)
	}
	rs, _ = db.Rosters(ctx)
	if len(rs) != 3 || rs[2].Name != site.Name || !rs[2].From.Equal(site.From) || !rs[2].Until.Equal(site.Until) {
		t.Errorf("site roster %+v", rs)
	}
}
