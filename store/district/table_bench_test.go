package district

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/pgtest"
)

// BenchmarkDistrict reads the district's table, a site's detail and the
// reports of a district of 30 sites (two doors each, a roster of 60) with a
// month of scans behind it: 250 scans a door a day, 450,000 in all.
//
//	go test ./store/district -run '^$' -bench District -benchtime 20x
func BenchmarkDistrict(b *testing.B) {
	ctx := context.Background()
	srv, err := Open(ctx, pgtest.DB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	for _, q := range []string{
		`INSERT INTO sites (name) SELECT 'Xã ' || g FROM generate_series(1, 30) g`,
		`INSERT INTO desks (id, site_id, door) SELECT gen_random_uuid(), s.id, d FROM sites s, unnest(ARRAY['Cổng chính', 'Cổng sau']) d`,
		`INSERT INTO rosters (site_id, name, members) SELECT s.id, 'Cán bộ',
			(SELECT jsonb_agg(jsonb_build_object('name', 'Người ' || m, 'id_number', lpad(m::text, 12, '0'), 'expected_by', -1))
			 FROM generate_series(1, 60) m) FROM sites s`,
		`INSERT INTO scans (desk_id, local_id, site_id, door, at, at_server, day, direction, kind, person_key, name, name_fold, id_number, result)
		 SELECT k.id, d * 1000 + i, k.site_id, k.door, t.ts, t.ts, (t.ts AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
			CASE WHEN i % 2 = 0 THEN 'in' ELSE 'out' END, 'cccd', 'id:' || lpad((i % 120)::text, 12, '0'),
			'Người ' || (i % 120), 'nguoi ' || (i % 120), lpad((i % 120)::text, 12, '0'), 'accepted'
		 FROM desks k, generate_series(1, 30) d, generate_series(1, 250) i,
			LATERAL (SELECT timestamptz '2026-11-01 07:00+07' + (d - 1) * interval '1 day' + i * interval '2 minutes') t(ts)`,
		`ANALYZE`,
	} {
		if _, err := srv.pool.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, ict)
	err = pgx.BeginFunc(ctx, srv.pool, func(tx pgx.Tx) error {
		for id := int64(1); id <= 30; id++ {
			if err := recount(ctx, tx, id, dayOf(day)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	hours := canhcua.DefaultOpeningHours
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
			d, err := srv.District(ctx, day, hours)
			if err != nil || len(d.Sites) != 30 {
				b.Fatal(len(d.Sites), err)
			}
		}
	})
	b.Run("site", func(b *testing.B) {
		for b.Loop() {
			d, err := srv.Site(ctx, "Xã 7", day, hours)
			if err != nil || len(d.Doors) != 2 || d.Groups[0].Present != 60 {
				b.Fatal(d.Doors, d.Groups, err)
			}
		}
	})
	b.Run("report", func(b *testing.B) {
		for b.Loop() {
			if _, err := srv.Report(ctx, "Xã 7", day); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("district report", func(b *testing.B) {
		for b.Loop() {
			if _, n, err := srv.DistrictReport(ctx, day); err != nil || n != 30 {
				b.Fatal(n, err)
			}
		}
	})
}
