package store

import (
	"context"
	"testing"

	"github.com/canhcua/canhcua"
)

// TestHeldAndAdmitted: at a roster-only event someone not on the roster is
// held (not counted); admitted, they count as any accepted scan; refused,
// they are a rejection.
func TestHeldAndAdmitted(t *testing.T) {
	db := openTest(t, "")
	ctx := context.Background()
	listed := map[string]bool{an.Key: true}
	rules := canhcua.Rules{Hold: func(id canhcua.Identity) (string, string, bool) {
		return "not on the roster", "không có trong danh sách", !listed[id.Key]
	}}
	at := day.Add(9 * 3600e9)
	sAn, err := db.Scan(ctx, an, canhcua.ModeIn, gate, at, rules)
	if err != nil || sAn.Result != canhcua.Accepted {
		t.Fatalf("listed person: %v %v", sAn.Result, err)
	}
	sBinh, err := db.Scan(ctx, binh, canhcua.ModeIn, gate, at.Add(60e9), rules)
	if err != nil || sBinh.Result != canhcua.Held || sBinh.ReasonVI != "không có trong danh sách" {
		t.Fatalf("unlisted person: %+v %v", sBinh, err)
	}
	sDuc, _ := db.Scan(ctx, duc, canhcua.ModeIn, gate, at.Add(120e9), rules)
	c := counts(t, db, gate, at)
	if c.Entries != 1 || c.People != 1 || c.Inside != 1 || c.Rejected != 0 {
		t.Fatalf("held scans counted: %+v", c)
	}
	got, err := db.Decide(ctx, sBinh.ID, true, at.Add(100e9))
	if err != nil || got.Result != canhcua.Accepted {
		t.Fatalf("admit: %+v %v", got, err)
	}
	if _, err := db.Decide(ctx, sDuc.ID, false, at.Add(130e9)); err != nil {
		t.Fatal(err)
	}
	c = counts(t, db, gate, at)
	if c.Entries != 2 || c.People != 2 || c.Inside != 2 || c.Rejected != 1 {
		t.Errorf("after admitting Bình and refusing Đức: %+v", c)
	}
	if _, err := db.Decide(ctx, sBinh.ID, false, at); canhcua.ErrorCode(err) != canhcua.ECONFLICT {
		t.Errorf("deciding twice: %v", err)
	}
	if _, err := db.Decide(ctx, 9999, true, at); canhcua.ErrorCode(err) != canhcua.ENOTFOUND {
		t.Errorf("unknown scan: %v", err)
	}
	// Bình, admitted, scanned again a minute later is a duplicate like anyone.
	again, _ := db.Scan(ctx, binh, canhcua.ModeIn, gate, at.Add(150e9), canhcua.Rules{})
	if again.Result != canhcua.Duplicate {
		t.Errorf("admitted guest again: %v", again.Result)
	}
}
