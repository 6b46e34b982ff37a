package store

import (
	"context"
	"path/filepath"
	"testing"
)

// TestDemoMark: a database marked as the demo's stays marked when opened
// again; another is not marked.
func TestDemoMark(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	real := openTest(t, filepath.Join(dir, "canhcua.db"))
	if demo, err := real.Demo(ctx); err != nil || demo {
		t.Fatalf("a new database: demo %v, %v", demo, err)
	}
	path := filepath.Join(dir, "demo.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := db.MarkDemo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	again := openTest(t, path)
	if demo, err := again.Demo(ctx); err != nil || !demo {
		t.Fatalf("the demo's database opened again: demo %v, %v", demo, err)
	}
}
