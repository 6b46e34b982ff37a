package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store"
)

// TestStartMode: the direction chosen with `d` wins over the config file's
// at the next start, and --direction wins over both.
func TestStartMode(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if m := startMode(ctx, st, canhcua.ModeIn, false); m != canhcua.ModeIn {
		t.Errorf("nothing remembered: %s, want the config's in", m)
	}
	if err := st.RememberMode(ctx, canhcua.ModeOut); err != nil {
		t.Fatal(err)
	}
	if m := startMode(ctx, st, canhcua.ModeIn, false); m != canhcua.ModeOut {
		t.Errorf("remembered out: %s", m)
	}
	if m := startMode(ctx, st, canhcua.ModeToggle, true); m != canhcua.ModeToggle {
		t.Errorf("--direction toggle: %s", m)
	}
}
