package district

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/canhcua/canhcua/internal/pgtest"
)

// TestTracePlans: among 50,000 scans of 50 sites and 5,000 people, the
// trace's reads use their indexes, in the plans the server caches for
// prepared statements too (generic plans, whatever the parameters: the
// partial indexes' conditions are written in the queries), and never read the
// scans table whole. BenchmarkTrace shows the same among 10 million.
func TestTracePlans(t *testing.T) {
	ctx := context.Background()
	srv, err := Open(ctx, pgtest.DB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, q := range []string{
		`INSERT INTO sites (name) SELECT 'site ' || g FROM generate_series(1, 50) g`,
		`INSERT INTO desks (id, site_id, door) SELECT gen_random_uuid(), id, 'door' FROM sites`,
		`INSERT INTO scans (desk_id, local_id, site_id, door, at, at_server, day, direction, kind, person_key,
			name, name_fold, id_number, birth_date, result)
		SELECT d.id, g, d.site_id, 'door', x.t, x.t, (x.t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
			CASE WHEN g % 2 = 0 THEN 'in' ELSE 'out' END, 'cccd', 'id:' || lpad((g % 5000)::text, 12, '0'),
			'nguoi ' || g % 5000, 'nguoi ' || g % 5000, lpad((g % 5000)::text, 12, '0'), '01/01/1990', 'accepted'
		FROM generate_series(1, 50000) g
		JOIN sites si ON si.id = 1 + g % 50 JOIN desks d ON d.site_id = si.id,
		LATERAL (SELECT timestamptz '2026-11-01 08:00+07' + g * interval '50 seconds' AS t) x`,
		`ANALYZE`,
	} {
		if _, err := srv.pool.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, query, types, args string
		indexes                  []string
	}{
		{"by_id", personScansByID, "text, text, timestamptz, timestamptz",
			"'id:000000000123', '000000000123', '2026-11-26', '2026-11-29'", []string{"scans_person", "scans_id_number"}},
		{"by_name", personScansByName, "text, timestamptz, timestamptz",
			"'nguoi 123', '2026-11-26', '2026-11-29'", []string{"scans_name"}},
		{"site", siteScans, "text, date, date, timestamptz, timestamptz",
			"'site 7', '2026-11-25', '2026-11-30', '2026-11-26', '2026-11-29'", []string{"scans_site_day"}},
	}
	err = pgx.BeginFunc(ctx, srv.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL plan_cache_mode = force_generic_plan`); err != nil {
			return err
		}
		for _, tt := range tests {
			if _, err := tx.Exec(ctx, `PREPARE `+tt.name+` (`+tt.types+`) AS `+tt.query); err != nil {
				return err
			}
			rows, err := tx.Query(ctx, `EXPLAIN EXECUTE `+tt.name+` (`+tt.args+`)`)
			if err != nil {
				return err
			}
			lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil {
				return err
			}
			plan := strings.Join(lines, "\n")
			t.Logf("%s:\n%s", tt.name, plan)
			for _, ix := range tt.indexes {
				if !strings.Contains(plan, " "+ix+" ") && !strings.Contains(plan, " "+ix+"\n") && !strings.HasSuffix(plan, " "+ix) {
					t.Errorf("%s: the plan does not use %s:\n%s", tt.name, ix, plan)
				}
			}
			if strings.Contains(plan, "Seq Scan on scans") {
				t.Errorf("%s: the plan reads every scan:\n%s", tt.name, plan)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
