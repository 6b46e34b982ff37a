package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tracetest"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

// TestTraceDeskFile: the same trace on one desk's database (site A's main
// gate): the visit there and who scanned at that desk; the voided scan is
// nobody.
func TestTraceDeskFile(t *testing.T) {
	desks := tracetest.Seed(t, t.TempDir(), "")
	ctx := context.Background()
	db, err := store.Open(ctx, desks[tracetest.A1].Path, store.ReadOnly(), store.WithLocation(tz.Vietnam()))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := tracetest.Summary(tracetest.Trace(t, db.Tracer(tracetest.SiteA), canhcua.TraceTarget{IDNumber: tracetest.AnID}, 2))
	want := []string{
		"visit UBND xã Tân Phú Cổng chính→Cổng chính 27/11 08:00:00–27/11 09:00:00",
		"contact Lê Văn Cường  @UBND xã Tân Phú 15m",
	}
	if !slices.Equal(got, want) {
		t.Errorf("trace on the desk's file:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	got = tracetest.Summary(tracetest.Trace(t, db.Tracer(tracetest.SiteA), canhcua.TraceTarget{Name: "nguyễn văn an", BirthDate: tracetest.AnBirth}, 1))
	if !slices.Equal(got, want) {
		t.Errorf("trace on the desk's file by name:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}
