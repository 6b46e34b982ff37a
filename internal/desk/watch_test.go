package desk

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

// TestWatcher drives the desk's warnings over a real database with a fixed
// clock: a late group, a roster-only hold, and a camera that comes and goes
// (one warning, resolved only once the picture has been good for a while).
func TestWatcher(t *testing.T) {
	ctx := context.Background()
	loc := tz.Vietnam()
	now := time.Date(2026, 11, 27, 7, 45, 0, 0, loc)
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "w.db"), store.WithLocation(loc), store.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	staff := []canhcua.Member{
		{Name: "Nguyễn Văn An", IDNumber: "001090001234", ExpectedBy: -1},
		{Name: "Trần Thị Bình", IDNumber: "079185004321", ExpectedBy: -1},
	}
	if _, err := db.SaveRoster(ctx, canhcua.Roster{Name: "Cán bộ", ExpectedBy: 7*60 + 30}, staff, true); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveRoster(ctx, canhcua.Roster{Name: "Họp 14h", ExpectedBy: -1, Only: true}, staff[:1], true); err != nil {
		t.Fatal(err)
	}
	w := &Watcher{db: db, door: "Cổng chính", loc: loc, closing: -1, now: func() time.Time { return now }, exits: func() bool { return false }}
	trouble := Trouble{}
	camera := func() Trouble { return trouble }
	open := func() []canhcua.Warning {
		t.Helper()
		ws, err := db.Warnings(ctx, now, "", true)
		if err != nil {
			t.Fatal(err)
		}
		return ws
	}

	if err := w.check(ctx, camera); err != nil {
		t.Fatal(err)
	}
	ws := open()
	if len(ws) != 1 || ws[0].Kind != canhcua.WarnNotScanned || !strings.Contains(ws[0].MessageVI, "Cán bộ: 0/2 đã quét") {
		t.Fatalf("warnings at 07:45 = %+v", ws)
	}
	// An scans: the group warning stays one warning, now 1/2.
	an := canhcua.Identify("001090001234||Nguyễn Văn An|15031990|Nam|Hà Nội|10052021")
	rules := canhcua.Rules{Hold: w.hold}
	if s, err := db.Scan(ctx, an, canhcua.ModeIn, w.door, now, rules); err != nil || s.Result != canhcua.Accepted {
		t.Fatalf("An, on the roster-only event's roster: %v %v", s.Result, err)
	}
	if err := w.check(ctx, camera); err != nil {
		t.Fatal(err)
	}
	if ws = open(); len(ws) != 1 || !strings.Contains(ws[0].MessageVI, "1/2 đã quét; chưa quét: Trần Thị Bình") {
		t.Fatalf("after An: %+v", ws)
	}
	// Someone not on the meeting's roster is held.
	guest := canhcua.Identify("048170002468||Phạm Thị Lan|07071970|Nữ|Đà Nẵng|14122021")
	if s, err := db.Scan(ctx, guest, canhcua.ModeIn, w.door, now, rules); err != nil || s.Result != canhcua.Held || !strings.Contains(s.ReasonVI, "Họp 14h") {
		t.Fatalf("guest: %+v %v", s, err)
	}
	// The camera fails, recovers briefly, fails again: one open warning.
	trouble = Trouble{"camera: the camera picture is frozen", "hình camera bị đứng"}
	w.check(ctx, camera)
	trouble = Trouble{}
	now = now.Add(3 * time.Second)
	w.check(ctx, camera)
	trouble = Trouble{"camera: the camera picture is frozen", "hình camera bị đứng"}
	now = now.Add(3 * time.Second)
	w.check(ctx, camera)
	cams := 0
	all, _ := db.Warnings(ctx, now, "", false)
	for _, x := range all {
		if x.Kind == canhcua.WarnCamera {
			cams++
		}
	}
	if cams != 1 {
		t.Errorf("a camera that comes and goes gave %d warnings, want 1", cams)
	}
	trouble = Trouble{}
	now = now.Add(cameraSettle)
	w.check(ctx, camera)
	for _, x := range open() {
		if x.Kind == canhcua.WarnCamera {
			t.Errorf("camera warning still open after %v of a good picture", cameraSettle)
		}
	}
}

// TestHoldWindow: a roster-only event with a window holds unlisted people
// only within it; when it ends the desk stops holding by itself, with no
// reload of the rosters, and a later event's roster has not begun yet.
func TestHoldWindow(t *testing.T) {
	ctx := context.Background()
	loc := tz.Vietnam()
	now := time.Date(2026, 11, 27, 13, 0, 0, 0, loc)
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"), store.WithLocation(loc), store.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	an := canhcua.Member{Name: "Nguyễn Văn An", IDNumber: "001090001234", ExpectedBy: -1}
	meeting := canhcua.Roster{Name: "Họp 14h", ExpectedBy: -1, Only: true,
		From: time.Date(2026, 11, 27, 13, 30, 0, 0, loc), Until: time.Date(2026, 11, 27, 17, 0, 0, 0, loc)}
	if _, err := db.SaveRoster(ctx, meeting, []canhcua.Member{an}, true); err != nil {
		t.Fatal(err)
	}
	w := &Watcher{db: db, door: "Phòng họp", loc: loc, closing: -1, now: func() time.Time { return now }, exits: func() bool { return false }}
	if err := w.refreshRosters(ctx); err != nil {
		t.Fatal(err)
	}
	guest := canhcua.Identify("048170002468||Phạm Thị Lan|07071970|Nữ|Đà Nẵng|14122021")
	held := func() bool {
		_, _, h := w.hold(guest)
		return h
	}
	if held() {
		t.Error("held at 13:00, before the meeting's window")
	}
	now = meeting.From
	if !held() || w.heldRoster().Name != meeting.Name {
		t.Error("not held at 13:30, when the meeting begins")
	}
	if _, _, h := w.hold(canhcua.Identify("001090001234||Nguyễn Văn An|15031990|Nam|Hà Nội|10052021")); h {
		t.Error("An, on the roster, held")
	}
	now = meeting.Until
	if held() {
		t.Error("held at 17:00, when the meeting is over")
	}
	if w.heldRoster().Name != "" {
		t.Error("a held roster after the window")
	}
}
