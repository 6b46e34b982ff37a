package district_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/pgtest"
	"github.com/canhcua/canhcua/internal/tracetest"
	"github.com/canhcua/canhcua/store/district"
)

// TestTraceServer: two sites seeded from real desk databases through Push,
// one desk's clock ten minutes ahead: An's visits and contacts, by ID number
// and by name and birth date, on one day and two.
func TestTraceServer(t *testing.T) {
	url := pgtest.DB(t)
	tracetest.Seed(t, t.TempDir(), url)
	srv, err := district.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	oneDay := []string{
		"visit UBND xã Tân Phú Cổng chính→Cổng chính 27/11 08:00:00–27/11 09:00:00",
		"visit Trạm Y tế xã Cửa chính→ 27/11 10:00:00–27/11 11:00:00?",
		"contact Phạm Thị Dung 048170002468 @Trạm Y tế xã 30m",
		"contact Lê Văn Cường  @UBND xã Tân Phú 15m",
		"contact Trần Thị Bình 079185004321 @Trạm Y tế xã 10m",
		// 08:55:30 on the server's clock (09:05:30 on the desk's, ten
		// minutes ahead) to 09:00: without the correction, no contact.
		"contact Trần Thị Bình 079185004321 @UBND xã Tân Phú 5m",
	}
	byID := tracetest.Trace(t, srv, canhcua.TraceTarget{IDNumber: tracetest.AnID}, 1)
	if got := tracetest.Summary(byID); !slices.Equal(got, oneDay) {
		t.Errorf("trace by ID:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(oneDay, "\n     "))
	}
	if p := byID.Person; p.Name != tracetest.AnName || p.IDNumber != tracetest.AnID || p.BirthDate != tracetest.AnBirth {
		t.Errorf("person %+v", p)
	}
	byName := tracetest.Trace(t, srv, canhcua.TraceTarget{Name: "NGUYEN VAN AN", BirthDate: tracetest.AnBirth}, 1)
	if got := tracetest.Summary(byName); !slices.Equal(got, oneDay) {
		t.Errorf("trace by name:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(oneDay, "\n     "))
	}
	if got := tracetest.Trace(t, srv, canhcua.TraceTarget{Name: tracetest.AnName, BirthDate: "16/03/1990"}, 1); len(got.Visits) != 0 {
		t.Errorf("another birth date found visits: %v", tracetest.Summary(got))
	}

	twoDays := tracetest.Summary(tracetest.Trace(t, srv, canhcua.TraceTarget{IDNumber: tracetest.AnID}, 2))
	want := []string{
		"visit UBND xã Tân Phú Cổng chính→Cổng chính 27/11 08:00:00–27/11 09:00:00",
		"visit Trạm Y tế xã Cửa chính→ 27/11 10:00:00–27/11 11:00:00?",
		"visit Trạm Y tế xã Cửa chính→Cửa chính 28/11 09:00:00–28/11 09:30:00",
		"contact Phạm Thị Dung 048170002468 @Trạm Y tế xã 45m",
		"contact Lê Văn Cường  @UBND xã Tân Phú 15m",
		"contact Trần Thị Bình 079185004321 @Trạm Y tế xã 10m",
		"contact Trần Thị Bình 079185004321 @UBND xã Tân Phú 5m",
	}
	if !slices.Equal(twoDays, want) {
		t.Errorf("trace of two days:\n got %s\nwant %s", strings.Join(twoDays, "\n     "), strings.Join(want, "\n     "))
	}
}
