// Package tracetest records the scenario the contact tracing tests read: two
// sites, three desks (one with its clock ten minutes ahead), a person who
// visits both and the people who were there at the same time, in real desk
// databases, pushed to a real district server when one is given. It is for
// tests only: store/district's and cmd/canhcua's.
package tracetest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/district"
)

// The sites, and the person traced.
const (
	SiteA     = "UBND xã Tân Phú"
	SiteB     = "Trạm Y tế xã"
	AnID      = "001090001234"
	AnName    = "Nguyễn Văn An"
	AnBirth   = "15/03/1990"
	BinhID    = "079185004321"
	DungID    = "048170002468"
	EmID      = "001095007777"
	PhucID    = "001088003333"
	CuongName = "Lê Văn Cường" // entered by hand: no ID number
)

// Day is Friday 27/11/2026 in Vietnam.
var Day = time.Date(2026, 11, 27, 0, 0, 0, 0, tz.Vietnam())

// At is hh:mm:ss on Day plus days.
func At(days, h, m, s int) time.Time {
	return Day.AddDate(0, 0, days).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
}

// Desk is one of the scenario's desks.
type Desk struct {
	Path  string // its database
	Site  string
	Door  string
	Ahead time.Duration // how far its clock is ahead of true time
}

// The desks: Desks[A1], Desks[A2] and Desks[B1].
const (
	A1 = iota // site A, Cổng chính
	A2        // site A, Cổng sau, clock 10 minutes ahead
	B1        // site B, Cửa chính
)

type scan struct {
	desk   int
	who    canhcua.Identity
	dir    canhcua.Mode
	at     time.Time // the desk's clock
	voided bool
}

func card(name, id, birth string) canhcua.Identity {
	return canhcua.Identity{Kind: canhcua.KindCCCD, Key: "id:" + id, Name: name, IDNumber: id, BirthDate: birth}
}

// Who was where (desk clocks; A2's is 10 minutes ahead, so its 09:05:30 is
// 08:55:30):
//
//	A1 27/11  An 08:00–09:00; Cường 08:30–08:45; Phúc 08:10 (voided)
//	A2 27/11  Bình 09:05:30–09:40 (true 08:55:30–09:30)
//	B1 27/11  Em 08:00–09:00; An 10:00 (no exit); Dung 10:30–12:00; Bình 10:50 (no exit)
//	B1 28/11  An 09:00–09:30; Dung 09:15 (no exit)
//
// An's trace on 27/11 with a window of 1h: visits A 08:00–09:00 and B
// 10:00–11:00 (no exit); contacts Dung at B 30 min, Cường at A 15 min, Bình
// at B 10 min, Bình at A 5 min (4 min 30 s, once the clock is corrected). On
// A1's database alone: the visit at A and Cường. On 27–28/11: a visit at B
// on 28/11 too, and Dung at B 45 min.
var scans = func() []scan {
	an := card(AnName, AnID, AnBirth)
	binh := card("Trần Thị Bình", BinhID, "02/07/1985")
	dung := card("Phạm Thị Dung", DungID, "20/10/1970")
	em := card("Đỗ Văn Em", EmID, "05/05/1995")
	phuc := card("Võ Hồng Phúc", PhucID, "01/01/1988")
	cuong := canhcua.Manual(CuongName, "")
	in, out := canhcua.ModeIn, canhcua.ModeOut
	return []scan{
		{A1, an, in, At(0, 8, 0, 0), false},
		{A1, phuc, in, At(0, 8, 10, 0), true},
		{A1, cuong, in, At(0, 8, 30, 0), false},
		{A1, cuong, out, At(0, 8, 45, 0), false},
		{A1, an, out, At(0, 9, 0, 0), false},
		{A2, binh, in, At(0, 9, 5, 30), false},
		{A2, binh, out, At(0, 9, 40, 0), false},
		{B1, em, in, At(0, 8, 0, 0), false},
		{B1, em, out, At(0, 9, 0, 0), false},
		{B1, an, in, At(0, 10, 0, 0), false},
		{B1, dung, in, At(0, 10, 30, 0), false},
		{B1, binh, in, At(0, 10, 50, 0), false},
		{B1, dung, out, At(0, 12, 0, 0), false},
		{B1, an, in, At(1, 9, 0, 0), false},
		{B1, dung, in, At(1, 9, 15, 0), false},
		{B1, an, out, At(1, 9, 30, 0), false},
	}
}()

// Seed records the scenario in three desk databases in dir and, when url is
// not "", pushes each desk's changes to the district's server at url, as
// the desk's sync does, its clock as far ahead as the desk's.
func Seed(t testing.TB, dir, url string) []Desk {
	t.Helper()
	ctx := context.Background()
	desks := []Desk{
		{filepath.Join(dir, "a1.db"), SiteA, "Cổng chính", 0},
		{filepath.Join(dir, "a2.db"), SiteA, "Cổng sau", 10 * time.Minute},
		{filepath.Join(dir, "b1.db"), SiteB, "Cửa chính", 0},
	}
	var srv *district.DB
	if url != "" {
		var err error
		if srv, err = district.Open(ctx, url); err != nil {
			t.Fatal(err)
		}
		defer srv.Close()
	}
	for i, d := range desks {
		db, err := store.Open(ctx, d.Path, store.WithLocation(tz.Vietnam()), store.WithClock(func() time.Time { return At(2, 0, 0, 0) }))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range scans {
			if s.desk != i {
				continue
			}
			sc, err := db.Scan(ctx, s.who, s.dir, d.Door, s.at, canhcua.Rules{})
			if err == nil && s.voided {
				_, err = db.Void(ctx, sc.ID, "nhầm")
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if srv != nil {
			push(t, srv, db, d)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return desks
}

// push sends all of a desk's outbox and forgets what was acknowledged.
func push(t testing.TB, srv *district.DB, db *store.DB, d Desk) {
	t.Helper()
	ctx := context.Background()
	id, err := db.DeskID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for {
		changes, last, err := db.Outbox(ctx, 500)
		if err != nil {
			t.Fatal(err)
		}
		if last == 0 {
			return
		}
		acked, err := srv.Push(ctx, district.Desk{ID: id, Site: d.Site, Door: d.Door, Clock: time.Now().Add(d.Ahead)}, changes, last)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Acknowledge(ctx, acked, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

// Summary is a trace in lines: "visit SITE DOOR→DOOR_OUT dd/mm hh:mm:ss–dd/mm
// hh:mm:ss[?]" (? when no exit was scanned) and "contact NAME ID @SITE Nm",
// in the trace's order.
func Summary(res canhcua.TraceResult) []string {
	loc := tz.Vietnam()
	hm := func(t time.Time) string { return t.In(loc).Format("02/01 15:04:05") }
	var out []string
	for _, v := range res.Visits {
		q := ""
		if v.NoExit {
			q = "?"
		}
		out = append(out, fmt.Sprintf("visit %s %s→%s %s–%s%s", v.Site, v.Door, v.DoorOut, hm(v.In), hm(v.Out), q))
	}
	for _, c := range res.Contacts {
		out = append(out, fmt.Sprintf("contact %s %s @%s %dm", c.Name, c.IDNumber, c.Site, c.Minutes()))
	}
	return out
}

// Trace traces target from r over days days from Day, with a window of an
// hour.
func Trace(t testing.TB, r canhcua.TraceReader, target canhcua.TraceTarget, days int) canhcua.TraceResult {
	t.Helper()
	res, err := canhcua.Trace(context.Background(), r, canhcua.TraceQuery{Target: target,
		From: Day, To: Day.AddDate(0, 0, days), Window: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
