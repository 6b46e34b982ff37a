package desk

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

func openBackend(t *testing.T, now time.Time) (*Backend, *store.DB) {
	t.Helper()
	ctx := context.Background()
	loc := tz.Vietnam()
	clock := func() time.Time { return now }
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "b.db"), store.WithLocation(loc), store.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return newBackend(Options{DB: db, Door: "Cổng chính", Location: loc, Mode: canhcua.ModeIn, Closing: -1}, clock), db
}

// TestBackendWarningDecisions: the screen's list holds the open warnings and
// those decided on, newest first, not those the desk resolved by itself; a
// decision is stored.
func TestBackendWarningDecisions(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, tz.Vietnam())
	b, db := openBackend(t, now)
	add := func(at time.Time, kind canhcua.WarningKind, msg string) canhcua.Warning {
		t.Helper()
		w, err := db.AddWarning(ctx, canhcua.Warning{At: at, Door: "Cổng chính", Kind: kind, Message: msg})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	cam := add(now.Add(-3*time.Hour), canhcua.WarnCamera, "dark")
	first := add(now.Add(-2*time.Hour), canhcua.WarnNoScan, "passed 1")
	second := add(now.Add(-time.Hour), canhcua.WarnNoScan, "passed 2")
	if err := db.ResolveWarnings(ctx, "Cổng chính", canhcua.WarnCamera, "", now.Add(-150*time.Minute)); err != nil {
		t.Fatal(err)
	}
	w, err := b.DecideWarning(ctx, first.ID, canhcua.WarnChecked)
	if err != nil || w.Decision != canhcua.WarnChecked {
		t.Fatalf("decide: %+v %v", w, err)
	}
	ws, err := b.Warnings(ctx, now, "Cổng chính")
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 || ws[0].ID != second.ID || ws[1].ID != first.ID || ws[1].Decision != canhcua.WarnChecked {
		t.Errorf("warnings %+v (camera warning %d resolved by the desk)", ws, cam.ID)
	}
	if _, err := b.DecideWarning(ctx, cam.ID, canhcua.WarnFalseAlarm); canhcua.ErrorCode(err) != canhcua.ECONFLICT {
		t.Errorf("deciding on a camera warning: %v", err)
	}
}

// TestBackendRemembersMode: the mode set with `d` is kept in the database;
// the mode the desk starts in is not.
func TestBackendRemembersMode(t *testing.T) {
	ctx := context.Background()
	b, db := openBackend(t, time.Now())
	if _, ok, _ := db.RememberedMode(ctx); ok {
		t.Fatal("the starting mode was remembered")
	}
	b.SetMode(canhcua.ModeToggle)
	if m, ok, err := db.RememberedMode(ctx); err != nil || !ok || m != canhcua.ModeToggle || b.Mode() != canhcua.ModeToggle {
		t.Errorf("remembered %q %v %v; mode %s", m, ok, err, b.Mode())
	}
}
