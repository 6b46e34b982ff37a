package desk

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

func TestRemoveSnapshot(t *testing.T) {
	dir := t.TempDir()
	jpg := filepath.Join(dir, "a.jpg")
	os.WriteFile(jpg, []byte("x"), 0o600)
	if err := removeSnapshot(jpg); err != nil {
		t.Fatal(err)
	}
	if err := removeSnapshot(jpg); err != nil {
		t.Errorf("gone already: %v", err)
	}
	other := filepath.Join(dir, "canhcua.db")
	os.WriteFile(other, []byte("x"), 0o600)
	if err := removeSnapshot(other); err == nil {
		t.Error("a non-JPEG path was accepted")
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("non-JPEG file deleted: %v", err)
	}
	if err := removeSnapshot(filepath.Join(dir, "d.jpg")); err != nil {
		t.Error(err)
	}
	os.Mkdir(filepath.Join(dir, "e.jpg"), 0o700)
	if err := removeSnapshot(filepath.Join(dir, "e.jpg")); err == nil {
		t.Error("a folder was accepted")
	}
}

// TestPurgeByDay: the desk's start-up purge removes the days older than the
// retention, a day at a time, and keeps the rest.
func TestPurgeByDay(t *testing.T) {
	ctx := context.Background()
	loc := tz.Vietnam()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, loc)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.WithLocation(loc))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i, ago := range []int{40, 35, 31, 30, 29, 0} {
		id := canhcua.Manual(fmt.Sprintf("Người %d", i), "")
		if _, err := st.Scan(ctx, id, canhcua.ModeIn, "Cổng", now.AddDate(0, 0, -ago), canhcua.Rules{}); err != nil {
			t.Fatal(err)
		}
	}
	n, _, problems, err := PurgeByDay(ctx, st, 30, now, "")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if n == 0 {
		t.Fatal("nothing deleted")
	}
	all, err := st.Scans(ctx, store.ScanQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, s := range all {
		left = append(left, s.Name)
	}
	// 30 days with today included: from 29/10 on; 29 and 0 days ago stay.
	if strings.Join(left, ",") != "Người 4,Người 5" {
		t.Errorf("left after purge: %v", left)
	}
}
