package store

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
)

// TestOutbox: every change the district sees is in the outbox with the
// state it has when sent; acknowledged changes leave it; rosters pulled from
// the site never go back.
func TestOutbox(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, ict)
	db, err := Open(ctx, filepath.Join(t.TempDir(), "o.db"), WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, err := db.DeskID(ctx)
	if err != nil || !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) {
		t.Fatalf("desk id %q, %v", id, err)
	}
	if again, _ := db.DeskID(ctx); again != id {
		t.Fatalf("desk id changed: %s then %s", id, again)
	}

	an := canhcua.Manual("Nguyễn Văn An", "001090001234")
	s1, err := db.Scan(ctx, an, canhcua.ModeIn, "Cổng", now, canhcua.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	s2, err := db.Scan(ctx, canhcua.Manual("Trần Thị Bình", ""), canhcua.ModeIn, "Cổng", now.Add(time.Minute), canhcua.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Void(ctx, s2.ID, "sai người"); err != nil {
		t.Fatal(err)
	}
	w, err := db.AddWarning(ctx, canhcua.Warning{Door: "Cổng", Kind: canhcua.WarnCamera, Message: "camera: dark", MessageVI: "tối"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveRoster(ctx, canhcua.Roster{Name: "Cán bộ", ExpectedBy: 450}, []canhcua.Member{{Name: "Nguyễn Văn An", ExpectedBy: -1}}, true); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSiteRosters(ctx, []canhcua.Roster{{Name: "Họp", ExpectedBy: -1}, {Name: "Cán bộ", ExpectedBy: 420}},
		map[string][]canhcua.Member{"Họp": {{Name: "Lê Văn Cường", ExpectedBy: -1}}, "Cán bộ": {{Name: "X", ExpectedBy: -1}}}); err != nil {
		t.Fatal(err)
	}

	changes, last, err := db.Outbox(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var scans, warnings, rosters int
	for _, c := range changes {
		switch {
		case c.Scan != nil:
			scans++
			if c.Scan.ID == s2.ID && c.Scan.Result != canhcua.Voided {
				t.Errorf("voided scan sent as %s", c.Scan.Result)
			}
			if c.Scan.ID == s1.ID && c.Scan.IDNumber != "001090001234" {
				t.Errorf("scan sent without its ID number: %+v", c.Scan)
			}
		case c.Warning != nil:
			warnings++
			if c.Warning.ID != w.ID {
				t.Errorf("warning %d sent, want %d", c.Warning.ID, w.ID)
			}
		case c.Roster != nil:
			rosters++
			if c.Roster.Roster.Name != "Cán bộ" || len(c.Roster.Members) != 1 {
				t.Errorf("roster sent: %+v", c.Roster)
			}
		}
	}
	if scans != 2 || warnings != 1 || rosters != 1 || last == 0 {
		t.Fatalf("outbox: %d scans, %d warnings, %d rosters (last %d), want 2, 1, 1", scans, warnings, rosters, last)
	}
	// The site's roster of the same name gave way to the local one; the
	// other is there, and pulling it added nothing to send.
	rs, err := db.Rosters(ctx)
	if err != nil || len(rs) != 2 {
		t.Fatalf("rosters %+v, %v", rs, err)
	}
	if ms, _ := db.Members(ctx, "Cán bộ"); len(ms) != 1 || ms[0].Name != "Nguyễn Văn An" {
		t.Errorf("local roster replaced by the site's: %+v", ms)
	}

	if err := db.Acknowledge(ctx, last, now); err != nil {
		t.Fatal(err)
	}
	pending, at, err := db.SyncState(ctx)
	if err != nil || pending != 0 || !at.Equal(now.UTC()) {
		t.Fatalf("sync state after ack: %d pending, at %v, %v", pending, at, err)
	}
	if _, err := db.Scan(ctx, an, canhcua.ModeOut, "Cổng", now.Add(10*time.Minute), canhcua.Rules{}); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveRoster(ctx, "Cán bộ"); err != nil {
		t.Fatal(err)
	}
	changes, _, err = db.Outbox(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 2 || changes[0].Scan == nil || changes[1].RosterGone != "Cán bộ" {
		t.Errorf("changes after ack: %+v", changes)
	}
	if pending, _, _ := db.SyncState(ctx); pending == 0 {
		t.Error("nothing pending after two changes")
	}
}
