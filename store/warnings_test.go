package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
)

func kinds(ws []canhcua.Warning) []canhcua.WarningKind {
	var out []canhcua.WarningKind
	for _, w := range ws {
		out = append(out, w.Kind)
	}
	return out
}

func warnings(t *testing.T, db *DB, when time.Time, door string, openOnly bool) []canhcua.Warning {
	t.Helper()
	ws, err := db.Warnings(context.Background(), when, door, openOnly)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// TestWarningsFixedClock drives the rules with a fixed clock through a day
// at the gate, as the desk does every few seconds, and stores what they say.
func TestWarningsFixedClock(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	staff := canhcua.Roster{Name: "Cán bộ", ExpectedBy: 7*60 + 30}
	group := func(present int, missing ...string) []canhcua.ExpectedGroup {
		g := canhcua.ExpectedGroup{Roster: staff, Present: present, Total: 30}
		for _, n := range missing {
			g.Missing = append(g.Missing, canhcua.Member{Name: n, ExpectedBy: -1})
		}
		return []canhcua.ExpectedGroup{g}
	}
	tick := func(now time.Time, gs []canhcua.ExpectedGroup) {
		t.Helper()
		ws := canhcua.NotScannedWarnings(gs, gate, now)
		for _, w := range ws {
			if _, _, err := db.OpenWarning(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
		if len(ws) == 0 {
			if err := db.ResolveWarnings(ctx, gate, canhcua.WarnNotScanned, "roster:Cán bộ", now); err != nil {
				t.Fatal(err)
			}
		}
	}

	tick(at(7, 29, 55), group(25, "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đỗ Minh Đức"))
	if ws := warnings(t, db, day, "", false); len(ws) != 0 {
		t.Fatalf("before 07:30: %+v", ws)
	}
	tick(at(7, 30, 0), group(27, "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"))
	tick(at(7, 30, 5), group(27, "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"))
	tick(at(7, 45, 0), group(28, "Nguyễn Văn An", "Lê Văn Cường"))
	ws := warnings(t, db, day, gate, true)
	if len(ws) != 1 {
		t.Fatalf("open warnings after three ticks: %d, want 1: %+v", len(ws), ws)
	}
	w := ws[0]
	if !w.At.Equal(at(7, 30, 0)) || w.Kind != canhcua.WarnNotScanned || w.Name != "Cán bộ" ||
		w.MessageVI != "Cán bộ: 28/30 đã quét; chưa quét: Nguyễn Văn An, Lê Văn Cường" ||
		w.Message != "Cán bộ: 28/30 scanned; not scanned: Nguyễn Văn An, Lê Văn Cường" {
		t.Errorf("open warning: %+v", w)
	}
	tick(at(8, 10, 0), group(30))
	ws = warnings(t, db, day, gate, false)
	if len(ws) != 1 || !ws[0].Resolved.Equal(at(8, 10, 0)) {
		t.Fatalf("after everyone scanned: %+v", ws)
	}
	if open := warnings(t, db, day, gate, true); len(open) != 0 {
		t.Errorf("still open: %+v", open)
	}
	// Late again (a second roster member list): a new warning.
	tick(at(9, 0, 0), group(29, "Lê Văn Cường"))
	if ws := warnings(t, db, day, gate, false); len(ws) != 2 || ws[1].ID == ws[0].ID || !ws[1].Resolved.IsZero() {
		t.Errorf("late again: %+v", ws)
	}

	// Still inside at closing: visits from the store.
	mustScan(t, db, an, canhcua.ModeToggle, gate, at(8, 0, 0))
	mustScan(t, db, binh, canhcua.ModeToggle, gate, at(8, 5, 0))
	mustScan(t, db, an, canhcua.ModeToggle, gate, at(17, 0, 0))
	vs, err := db.Visits(ctx, day, gate)
	if err != nil {
		t.Fatal(err)
	}
	closing := at(17, 30, 0)
	for range 2 {
		for _, w := range canhcua.StillInsideWarnings(vs, closing) {
			if _, _, err := db.OpenWarning(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
	}
	inside := warnings(t, db, day, gate, true)
	if len(inside) != 2 || inside[1].Kind != canhcua.WarnStillInside || inside[1].PersonKey != binh.Key ||
		inside[1].MessageVI != "Trần Thị Bình vẫn còn bên trong lúc đóng cửa (vào lúc 08:05, chưa quét ra)" {
		t.Errorf("still inside: %+v", inside)
	}

	// Camera trouble, resolved by kind alone; a pass without scanning with
	// its snapshot; both at another door.
	const back = "Cổng sau"
	cam := canhcua.Warning{At: at(10, 0, 0), Door: back, Kind: canhcua.WarnCamera,
		Message: "camera: no frames", MessageVI: "camera: không có hình"}
	first, added, err := db.OpenWarning(ctx, cam)
	if err != nil || !added || first.ID == 0 {
		t.Fatalf("camera: %+v %v %v", first, added, err)
	}
	cam.At = at(10, 0, 3)
	again, added, err := db.OpenWarning(ctx, cam)
	if err != nil || added || again.ID != first.ID || !again.At.Equal(at(10, 0, 0)) {
		t.Errorf("camera again: %+v %v %v", again, added, err)
	}
	if err := db.ResolveWarnings(ctx, back, canhcua.WarnCamera, "", at(10, 2, 0)); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := db.AddWarning(ctx, canhcua.Warning{At: at(11, 0, 0), Door: back, Kind: canhcua.WarnNoScan,
			Message: "someone passed without scanning", Snapshot: "/snap/1.jpg"}); err != nil {
			t.Fatal(err)
		}
	}
	got := warnings(t, db, day, back, false)
	if want := []canhcua.WarningKind{canhcua.WarnCamera, canhcua.WarnNoScan, canhcua.WarnNoScan}; !reflect.DeepEqual(kinds(got), want) {
		t.Fatalf("back door: %v, want %v", kinds(got), want)
	}
	if !got[0].Resolved.Equal(at(10, 2, 0)) || got[1].Snapshot != "/snap/1.jpg" || !got[1].Resolved.IsZero() {
		t.Errorf("back door: %+v", got)
	}
	if n := len(warnings(t, db, day, "", false)); n != 6 {
		t.Errorf("all doors: %d warnings, want 6", n)
	}
	if n := len(warnings(t, db, time.Time{}, "", true)); n != 4 {
		t.Errorf("open, every day: %d, want 4", n)
	}
	if n := len(warnings(t, db, day.AddDate(0, 0, 1), "", false)); n != 0 {
		t.Errorf("next day: %d warnings", n)
	}
	if _, err := db.AddWarning(ctx, canhcua.Warning{Door: gate}); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("warning without kind: %v", err)
	}
	// A zero time is the clock's (18:00).
	w, err = db.AddWarning(ctx, canhcua.Warning{Door: gate, Kind: canhcua.WarnCamera, Message: "dark"})
	if err != nil || !w.At.Equal(at(18, 0, 0)) {
		t.Errorf("zero time: %+v %v", w, err)
	}
}

func TestDecide(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	const room = "Phòng họp"
	rules := canhcua.Rules{Hold: func(id canhcua.Identity) (string, string, bool) {
		return "not on the roster", "không có trong danh sách", id.Key != an.Key
	}}
	scan := func(id canhcua.Identity, when time.Time) canhcua.Scan {
		t.Helper()
		s, err := db.Scan(ctx, id, canhcua.ModeIn, room, when, rules)
		if err != nil {
			t.Fatal(err)
		}
		if s.Result == canhcua.Held {
			if _, _, err := db.OpenWarning(ctx, canhcua.NotOnRosterWarning(s, canhcua.Roster{Name: "Họp giao ban", Only: true})); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	scan(an, at(13, 50, 0))
	sBinh := scan(binh, at(13, 55, 10))
	sDuc := scan(duc, at(14, 2, 0))
	if len(warnings(t, db, day, room, true)) != 2 {
		t.Fatalf("open warnings: %+v", warnings(t, db, day, room, true))
	}
	if _, err := db.Decide(ctx, sBinh.ID, true, at(13, 56, 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Decide(ctx, sDuc.ID, false, time.Time{}); err != nil { // the clock: 18:00
		t.Fatal(err)
	}
	if c := counts(t, db, room, day); c.Entries != 2 || c.People != 2 || c.Rejected != 1 {
		t.Errorf("counts after deciding: %+v", c)
	}
	if open := warnings(t, db, day, room, true); len(open) != 0 {
		t.Errorf("decided, still open: %+v", open)
	}
	gs, err := db.Guests(ctx, day, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 2 || gs[0].Scan.Name != "Trần Thị Bình" || !gs[0].Admitted || !gs[0].Decided.Equal(at(13, 56, 0)) ||
		gs[0].Scan.Result != canhcua.Accepted || gs[0].Scan.Door != room ||
		gs[1].Scan.Name != "Đỗ Minh Đức" || gs[1].Admitted || !gs[1].Decided.Equal(at(18, 0, 0)) ||
		gs[1].Scan.Result != canhcua.Rejected || gs[1].Scan.ReasonVI != ReasonRefusedVI {
		t.Errorf("guests: %+v", gs)
	}
	if gs, _ := db.Guests(ctx, day, gate); len(gs) != 0 {
		t.Errorf("guests at another door: %+v", gs)
	}
	if _, err := db.Decide(ctx, sBinh.ID, false, at(15, 0, 0)); canhcua.ErrorCode(err) != canhcua.ECONFLICT {
		t.Errorf("deciding twice: %v", err)
	}
	if _, err := db.Decide(ctx, 9999, true, at(15, 0, 0)); canhcua.ErrorCode(err) != canhcua.ENOTFOUND {
		t.Errorf("unknown scan: %v", err)
	}
}

// TestDecideWarning: the operator's decision on a no-scan warning is stored
// with its time, resolves the warning, goes to the outbox, and can be
// changed; other kinds and unknown warnings are refused.
func TestDecideWarning(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	w, err := db.AddWarning(ctx, canhcua.Warning{At: at(14, 20, 0), Door: gate, Kind: canhcua.WarnNoScan,
		Message: "someone passed without scanning", Snapshot: "/tmp/x.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	cam, err := db.AddWarning(ctx, canhcua.Warning{At: at(14, 21, 0), Door: gate, Kind: canhcua.WarnCamera, Message: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	if _, last, err := db.Outbox(ctx, 100); err != nil {
		t.Fatal(err)
	} else if err := db.Acknowledge(ctx, last, at(14, 22, 0)); err != nil {
		t.Fatal(err)
	}

	got, err := db.DecideWarning(ctx, w.ID, canhcua.WarnFalseAlarm, at(14, 31, 0))
	if err != nil {
		t.Fatal(err)
	}
	if got.Decision != canhcua.WarnFalseAlarm || !got.Decided.Equal(at(14, 31, 0)) || !got.Resolved.Equal(at(14, 31, 0)) {
		t.Errorf("decided: %+v", got)
	}
	open := warnings(t, db, day, gate, true)
	if len(open) != 1 || open[0].ID != cam.ID {
		t.Errorf("open after deciding: %+v", open)
	}
	changes, _, err := db.Outbox(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes[0].Warning == nil || changes[0].Warning.Decision != canhcua.WarnFalseAlarm ||
		!changes[0].Warning.Decided.Equal(at(14, 31, 0)) {
		t.Errorf("outbox after deciding: %+v", changes)
	}

	// Changed later: the new decision and time; the warning stays resolved
	// when it was first decided.
	got, err = db.DecideWarning(ctx, w.ID, canhcua.WarnChecked, time.Time{}) // the clock: 18:00
	if err != nil {
		t.Fatal(err)
	}
	all := warnings(t, db, day, gate, false)
	if all[0].Decision != canhcua.WarnChecked || !all[0].Decided.Equal(at(18, 0, 0)) || !all[0].Resolved.Equal(at(14, 31, 0)) ||
		all[0].Snapshot != "/tmp/x.jpg" || got.Decision != canhcua.WarnChecked {
		t.Errorf("changed decision: %+v", all[0])
	}

	if _, err := db.DecideWarning(ctx, cam.ID, canhcua.WarnChecked, at(15, 0, 0)); canhcua.ErrorCode(err) != canhcua.ECONFLICT {
		t.Errorf("camera warning: %v", err)
	}
	if _, err := db.DecideWarning(ctx, 9999, canhcua.WarnChecked, at(15, 0, 0)); canhcua.ErrorCode(err) != canhcua.ENOTFOUND {
		t.Errorf("unknown warning: %v", err)
	}
	if _, err := db.DecideWarning(ctx, w.ID, "maybe", at(15, 0, 0)); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("bad decision: %v", err)
	}
}
