package district

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/pgtest"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/report"
)

// tday is Friday 27/11/2026 (not today: no door is flagged silent on it);
// tat is hh:mm on it.
var tday = time.Date(2026, 11, 27, 0, 0, 0, 0, ict)

func tat(h, m int) time.Time {
	return tday.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

func person(name, id string) canhcua.Identity {
	return canhcua.Identity{Kind: canhcua.KindCCCD, Key: "id:" + id, Name: name, IDNumber: id, BirthDate: "01/02/1990"}
}

// The district of the tests, on 27/11/2026:
//
//   - Tân Phú: two doors; staff of three, two scanned (2/3); one warning;
//     a roster-only meeting with a guest admitted and one refused.
//   - Trạm Y tế: staff of two, one scanned (1/2).
//   - Phú Mỹ: staff of two and no scan that day (0/2).
//   - Trường THCS: a desk, no roster, no scan.
//   - Công an xã: no roster, a camera warning.
var (
	tanPhu  = "UBND xã Tân Phú"
	tram    = "Trạm Y tế xã"
	phuMy   = "UBND xã Phú Mỹ"
	truong  = "Trường THCS Tân Phú"
	congAn  = "Công an xã"
	an      = person("Nguyễn Văn An", "001090001234")
	binh    = person("Trần Thị Bình", "079185004321")
	cuong   = person("Lê Văn Cường", "001090009999")
	dung    = person("Phạm Thị Dung", "048170002468")
	em      = person("Hoàng Văn Em", "001190004444")
	giang   = person("Vũ Thị Giang", "001190005678")
	staffOf = func(ids ...canhcua.Identity) []canhcua.Member {
		var ms []canhcua.Member
		for _, id := range ids {
			ms = append(ms, canhcua.Member{Name: id.Name, IDNumber: id.IDNumber, Unit: "Văn phòng", ExpectedBy: -1})
		}
		return ms
	}
)

// seedDistrict pushes the district's desks to srv and returns the desk
// databases by site and door.
func seedDistrict(t *testing.T, srv *DB) map[string]*store.DB {
	t.Helper()
	ctx := context.Background()
	clock := func() time.Time { return tat(18, 0) }
	desks := map[string]*store.DB{}
	desk := func(site, door string) (*store.DB, Desk) {
		db, d := newDesk(t, site, door, clock)
		desks[site+"/"+door] = db
		return db, d
	}
	scan := func(db *store.DB, id canhcua.Identity, mode canhcua.Mode, door string, at time.Time, rules canhcua.Rules) canhcua.Scan {
		t.Helper()
		s, err := db.Scan(ctx, id, mode, door, at, rules)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	roster := func(db *store.DB, name string, expected int, only bool, ms []canhcua.Member) {
		t.Helper()
		if _, err := db.SaveRoster(ctx, canhcua.Roster{Name: name, ExpectedBy: expected, Only: only}, ms, true); err != nil {
			t.Fatal(err)
		}
	}

	gate, gd := desk(tanPhu, "Cổng chính")
	back, bd := desk(tanPhu, "Cổng sau")
	roster(gate, "Cán bộ", 7*60+30, false, staffOf(an, binh, cuong))
	roster(gate, "Họp giao ban", 14*60, true, staffOf(an))
	scan(gate, an, canhcua.ModeToggle, gd.Door, tat(7, 20), canhcua.Rules{})
	scan(back, binh, canhcua.ModeIn, bd.Door, tat(7, 40), canhcua.Rules{})
	scan(gate, an, canhcua.ModeToggle, gd.Door, tat(17, 0), canhcua.Rules{})
	if _, err := gate.AddWarning(ctx, canhcua.Warning{At: tat(7, 31), Door: gd.Door, Kind: canhcua.WarnNotScanned,
		Message: "Cán bộ: 1/3 scanned", MessageVI: "Cán bộ: 1/3 đã quét"}); err != nil {
		t.Fatal(err)
	}
	hold := canhcua.Rules{Hold: func(canhcua.Identity) (string, string, bool) {
		return "not on the roster", "không có trong danh sách", true
	}}
	for i, g := range []struct {
		id    canhcua.Identity
		admit bool
	}{{giang, true}, {em, false}} {
		s := scan(gate, g.id, canhcua.ModeIn, gd.Door, tat(13, 55+i), hold)
		if _, err := gate.Decide(ctx, s.ID, g.admit, tat(13, 57+i)); err != nil {
			t.Fatal(err)
		}
	}
	push(t, srv, gate, gd)
	push(t, srv, back, bd)

	tr, td := desk(tram, "Cửa")
	roster(tr, "Cán bộ", -1, false, staffOf(dung, em))
	scan(tr, dung, canhcua.ModeIn, td.Door, tat(8, 0), canhcua.Rules{})
	push(t, srv, tr, td)

	pm, pd := desk(phuMy, "Cửa chính")
	roster(pm, "Cán bộ", -1, false, staffOf(an, giang))
	push(t, srv, pm, pd)

	sch, sd := desk(truong, "Cổng trường")
	push(t, srv, sch, sd)
	if _, err := srv.Push(ctx, sd, nil, 0); err != nil { // a heartbeat: nothing to send
		t.Fatal(err)
	}

	ca, cd := desk(congAn, "Cửa")
	if _, err := ca.AddWarning(ctx, canhcua.Warning{At: tat(9, 0), Door: cd.Door, Kind: canhcua.WarnCamera,
		Message: "camera: dark", MessageVI: "camera: quá tối"}); err != nil {
		t.Fatal(err)
	}
	push(t, srv, ca, cd)
	return desks
}

func openServer(t *testing.T, url string) *DB {
	t.Helper()
	srv, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

func siteNames(d canhcua.District) []string {
	var out []string
	for _, s := range d.Sites {
		out = append(out, s.Site)
	}
	return out
}

// TestDistrictTable: a row a site, worst compliance first, a site with
// desks and no scan that day with zeros.
func TestDistrictTable(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, pgtest.DB(t))
	seedDistrict(t, srv)

	d, err := srv.District(ctx, tat(12, 0), canhcua.OpeningHours{Open: 0, Close: 24 * 60})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Day.Equal(tday) || d.Now.IsZero() {
		t.Errorf("day %v, now %v", d.Day, d.Now)
	}
	want := []string{phuMy, tram, tanPhu, congAn, truong}
	if got := siteNames(d); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("order %q, want %q", got, want)
	}
	bySite := map[string]canhcua.SiteStatus{}
	for _, s := range d.Sites {
		bySite[s.Site] = s
		if len(s.Silent()) > 0 {
			t.Errorf("%s: a door flagged silent on a day that is not today: %+v", s.Site, s.Doors)
		}
	}
	tp := bySite[tanPhu]
	if len(tp.Doors) != 2 || tp.Doors[0].Door != "Cổng chính" || tp.Doors[1].Door != "Cổng sau" || tp.Doors[0].LastHeard.IsZero() {
		t.Errorf("Tân Phú's doors: %+v", tp.Doors)
	}
	// Entries: An, Bình, Giang (admitted); Em refused.
	if c := tp.Counts; c.Entries != 3 || c.Exits != 1 || c.People != 3 || c.Rejected != 1 || tp.Warnings != 1 {
		t.Errorf("Tân Phú's figures: %+v, %d warnings", c, tp.Warnings)
	}
	if got := tp.StaffScanned(); got != "Cán bộ 2/3, Họp giao ban 1/1" {
		t.Errorf("Tân Phú's staff: %q", got)
	}
	if got := bySite[phuMy]; got.StaffScanned() != "Cán bộ 0/2" || got.Counts != (canhcua.Counts{}) || len(got.Doors) != 1 {
		t.Errorf("Phú Mỹ, no scan that day: %+v", got)
	}
	if got := bySite[truong]; got.StaffScanned() != "" || got.Counts != (canhcua.Counts{}) || len(got.Doors) != 1 || got.LastHeard().IsZero() {
		t.Errorf("Trường, a desk and nothing else: %+v", got)
	}
	if got := bySite[congAn]; got.Warnings != 1 {
		t.Errorf("Công an: %+v", got)
	}
}

// TestSilentDesk: a desk not heard from for 25 minutes is flagged while the
// sites are open, on today's table only; the flagged site comes first among
// those of equal compliance.
func TestSilentDesk(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, pgtest.DB(t))
	seedDistrict(t, srv)
	if _, err := srv.pool.Exec(ctx, `UPDATE desks SET last_heard = now() - interval '25 minutes' WHERE door = 'Cổng sau'`); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.pool.Exec(ctx, `UPDATE desks SET last_heard = now() - interval '9 minutes' WHERE door = 'Cổng trường'`); err != nil {
		t.Fatal(err)
	}
	always := canhcua.OpeningHours{Open: 0, Close: 24 * 60}
	d, err := srv.District(ctx, time.Now(), always)
	if err != nil {
		t.Fatal(err)
	}
	var silent []string
	for _, s := range d.Sites {
		for _, door := range s.Silent() {
			silent = append(silent, s.Site+"/"+door.Door)
			if age := d.Now.Sub(door.LastHeard); age < 25*time.Minute || age > 26*time.Minute {
				t.Errorf("silent for %v", age)
			}
		}
	}
	if strings.Join(silent, ",") != tanPhu+"/Cổng sau" {
		t.Errorf("silent doors %q, want only Tân Phú's back door (9 minutes is not silent)", silent)
	}
	// Today nobody has scanned: every roster site is at 0%; the one with a
	// silent door comes first.
	if got := siteNames(d); got[0] != tanPhu {
		t.Errorf("order %q: the site with a silent door is not first", got)
	}

	// Closed: nothing flagged.
	closed := canhcua.OpeningHours{}
	if d, err = srv.District(ctx, time.Now(), closed); err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Sites {
		if len(s.Silent()) > 0 {
			t.Errorf("%s flagged outside opening hours", s.Site)
		}
	}
	// Another day: nothing flagged.
	if d, err = srv.District(ctx, tat(12, 0), always); err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Sites {
		if len(s.Silent()) > 0 {
			t.Errorf("%s flagged on another day", s.Site)
		}
	}
	// The site's detail flags the same door.
	det, err := srv.Site(ctx, tanPhu, time.Now(), always)
	if err != nil {
		t.Fatal(err)
	}
	if len(det.Doors) != 2 || det.Doors[0].Silent || !det.Doors[1].Silent {
		t.Errorf("detail's doors: %+v", det.Doors)
	}
}

// TestSiteDetail: a site's doors with their entries and exits, who did not
// scan, its warnings.
func TestSiteDetail(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, pgtest.DB(t))
	seedDistrict(t, srv)
	det, err := srv.Site(ctx, tanPhu, tat(12, 0), canhcua.DefaultOpeningHours)
	if err != nil {
		t.Fatal(err)
	}
	if det.Status.Site != tanPhu || !det.Day.Equal(tday) {
		t.Errorf("status %+v, day %v", det.Status, det.Day)
	}
	want := []canhcua.DoorDay{
		{DoorLink: canhcua.DoorLink{Door: "Cổng chính"}, Entries: 2, Exits: 1},
		{DoorLink: canhcua.DoorLink{Door: "Cổng sau"}, Entries: 1},
	}
	if len(det.Doors) != len(want) {
		t.Fatalf("doors %+v", det.Doors)
	}
	for i, w := range want {
		g := det.Doors[i]
		if g.Door != w.Door || g.Entries != w.Entries || g.Exits != w.Exits || g.LastHeard.IsZero() {
			t.Errorf("door %d: %+v, want %+v", i, g, w)
		}
	}
	missing := det.Missing()
	if len(missing) != 1 || missing[0].Name != "Lê Văn Cường" || missing[0].Roster != "Cán bộ" || missing[0].Unit != "Văn phòng" {
		t.Errorf("did not scan: %+v", missing)
	}
	if len(det.Groups) != 2 || det.Groups[0].Present != 2 || det.Groups[0].Total != 3 || det.Groups[0].Roster.ExpectedBy != 7*60+30 {
		t.Errorf("groups %+v", det.Groups)
	}
	if len(det.Warnings) != 1 || det.Warnings[0].Kind != canhcua.WarnNotScanned || det.Warnings[0].MessageVI != "Cán bộ: 1/3 đã quét" ||
		!det.Warnings[0].At.Equal(tat(7, 31)) {
		t.Errorf("warnings %+v", det.Warnings)
	}

	if _, err := srv.Site(ctx, "Không có", tat(12, 0), canhcua.DefaultOpeningHours); canhcua.ErrorCode(err) != canhcua.ENOTFOUND {
		t.Errorf("unknown site: %v", err)
	}
}

// TestReport: the report of a site from the server, and of all sites.
func TestReport(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, pgtest.DB(t))
	seedDistrict(t, srv)

	d, err := srv.Report(ctx, tanPhu, tat(12, 0))
	if err != nil {
		t.Fatal(err)
	}
	if d.Site != tanPhu || d.Door != "" || !d.Date.Equal(tday) {
		t.Errorf("site %q door %q date %v", d.Site, d.Door, d.Date)
	}
	if c := d.Counts; c.Entries != 3 || c.Exits != 1 || c.People != 3 || c.Inside != 2 || c.Rejected != 1 {
		t.Errorf("counts %+v", c)
	}
	if len(d.Groups) != 2 || d.Groups[0].Name != "Cán bộ" || len(d.Groups[0].Missing) != 1 || d.Groups[0].ExpectedBy != 7*60+30 {
		t.Errorf("groups %+v", d.Groups)
	}
	if len(d.Guests) != 2 || d.Guests[0].Name != giang.Name || !d.Guests[0].Admitted || d.Guests[1].Admitted ||
		!d.Guests[0].Decided.Equal(tat(13, 57)) || d.Guests[0].Door != "Cổng chính" {
		t.Errorf("guests %+v", d.Guests)
	}
	var b bytes.Buffer
	if err := report.Write(&b, "text", d, "vi"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Cán bộ đã quét: 2/3 (66%)", "1. Lê Văn Cường — Văn phòng — Hạn quét 07:30", "Vũ Thị Giang (********5678)  Cổng chính  Cho vào 13:57:00"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}

	all, n, err := srv.DistrictReport(ctx, tat(12, 0))
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("%d sites", n)
	}
	if c := all.Counts; c.Entries != 4 || c.Exits != 1 || c.People != 4 || c.Rejected != 1 {
		t.Errorf("district counts %+v", c)
	}
	var groups []string
	for _, g := range all.Groups {
		groups = append(groups, g.Name+" "+report.Share(g.Present, g.Total))
	}
	if got := strings.Join(groups, "; "); got != "Trạm Y tế xã — Cán bộ 1/2 (50%); UBND xã Phú Mỹ — Cán bộ 0/2 (0%); UBND xã Tân Phú — Cán bộ 2/3 (66%); UBND xã Tân Phú — Họp giao ban 1/1 (100%)" {
		t.Errorf("district groups: %s", got)
	}
	if len(all.Warnings) != 2 || all.Warnings[0].Door != "Công an xã · Cửa" || len(all.Guests) != 2 || all.Guests[0].Door != "UBND xã Tân Phú · Cổng chính" {
		t.Errorf("district warnings %+v, guests %+v", all.Warnings, all.Guests)
	}
}
