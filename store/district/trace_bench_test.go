package district

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
)

// EnvBenchURL names the database BenchmarkTrace seeds once and keeps: an
// empty database of its own (it refuses one that holds anything else).
const EnvBenchURL = "CANHCUA_BENCH_PG"

// The benchmark's district: 30 days of 10 million scans at 1,000 sites, one
// desk each (clocks off by -3 to +3 minutes), 300,000 people (300 a site,
// who come to their own site mostly: 85% of the visits), visits of 10 minutes
// to 3 hours between 07:00 and 16:30, one in ten without an exit scanned.
// The traced person (person 0) comes to site 0 every morning (08:00–09:30)
// and site 1 every afternoon (14:00–15:00, no exit every third day).
const (
	benchSites  = 1000
	benchDays   = 30
	benchScans  = 10_000_000
	benchPeople = 300 * benchSites
	benchSeed   = "trace-v2 1000 sites 30 days 10000000 scans, interleaved" // what bench_seed records
)

var benchFirstDay = time.Date(2026, 10, 1, 0, 0, 0, 0, tz.Vietnam())

func benchPersonID(p int) string   { return fmt.Sprintf("%012d", 100_000_000+p) }
func benchPersonName(p int) string { return fmt.Sprintf("Người thứ %06d", p) }
func benchBirth(p int) string      { return fmt.Sprintf("01/01/%d", 1940+p%60) }

// BenchmarkTrace traces one person among 10 million scans: their scans
// through scans_person/scans_id_number (or scans_name), their sites' through
// scans_site_day. Set CANHCUA_BENCH_PG to an empty database: it is seeded on
// the first run (COPY, some minutes) and kept for the next ones.
func BenchmarkTrace(b *testing.B) {
	ctx := context.Background()
	db := benchOpen(ctx, b)
	day := benchFirstDay.AddDate(0, 0, benchDays/2)
	cases := []struct {
		name     string
		target   canhcua.TraceTarget
		from, to time.Time
	}{
		{"id/1day", canhcua.TraceTarget{IDNumber: benchPersonID(0)}, day, day.AddDate(0, 0, 1)},
		{"name/1day", canhcua.TraceTarget{Name: benchPersonName(0), BirthDate: benchBirth(0)}, day, day.AddDate(0, 0, 1)},
		{"id/30days", canhcua.TraceTarget{IDNumber: benchPersonID(0)}, benchFirstDay, benchFirstDay.AddDate(0, 0, benchDays)},
	}
	for _, c := range cases {
		q := canhcua.TraceQuery{Target: c.target, From: c.from, To: c.to, Window: time.Hour}
		start := time.Now()
		res, err := canhcua.Trace(ctx, db, q)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: first trace %v: %d visits, %d contacts", c.name, time.Since(start).Round(time.Millisecond), len(res.Visits), len(res.Contacts))
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if res, err = canhcua.Trace(ctx, db, q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(res.Visits)), "visits")
			b.ReportMetric(float64(len(res.Contacts)), "contacts")
		})
	}
	benchExplain(ctx, b, db, day)
}

// benchExplain logs the plans of the trace's reads, with their times.
func benchExplain(ctx context.Context, b *testing.B, db *DB, day time.Time) {
	from, to := day.Add(-canhcua.TraceMargin), day.AddDate(0, 0, 1).Add(canhcua.TraceMargin)
	for _, q := range []struct {
		name, sql string
		args      []any
	}{
		{"person by ID", personScansByID, []any{"id:" + benchPersonID(0), benchPersonID(0), from, to}},
		{"person by name", personScansByName, []any{canhcua.Fold(benchPersonName(0)), from, to}},
		{"a site", siteScans, []any{benchSiteName(0), from.AddDate(0, 0, -1), to.AddDate(0, 0, 1), from, to}},
	} {
		rows, err := db.pool.Query(ctx, `EXPLAIN (ANALYZE, BUFFERS) `+q.sql, q.args...)
		if err != nil {
			b.Fatal(err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s:\n%s", q.name, strings.Join(lines, "\n"))
	}
}

func benchSiteName(s int) string { return fmt.Sprintf("Đơn vị %04d", s) }

// benchOpen opens the benchmark's database (CANHCUA_BENCH_PG), seeded; it is
// closed after the benchmark. Skipped without the variable.
func benchOpen(ctx context.Context, b *testing.B) *DB {
	url := os.Getenv(EnvBenchURL)
	if url == "" {
		b.Skipf("set %s to an empty PostgreSQL database (seeded once with 10 million scans, then kept)", EnvBenchURL)
	}
	db, err := Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(db.Close)
	if err := benchSeedOnce(ctx, b, db); err != nil {
		b.Fatal(err)
	}
	return db
}

// benchSeedOnce seeds the database unless it was seeded already.
func benchSeedOnce(ctx context.Context, b *testing.B, db *DB) error {
	var seeded bool
	if err := db.pool.QueryRow(ctx, `SELECT to_regclass('bench_seed') IS NOT NULL`).Scan(&seeded); err != nil {
		return err
	}
	if seeded {
		var what string
		if err := db.pool.QueryRow(ctx, `SELECT what FROM bench_seed`).Scan(&what); err != nil {
			return err
		}
		if what != benchSeed {
			return fmt.Errorf("%s holds another seed (%q): give an empty database", EnvBenchURL, what)
		}
		return nil
	}
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM scans)`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%s is not empty: the benchmark seeds an empty database of its own", EnvBenchURL)
	}
	start := time.Now()
	if err := benchSeed10M(ctx, db); err != nil {
		return err
	}
	b.Logf("seeded %d scans of %d sites over %d days in %v", benchScans, benchSites, benchDays, time.Since(start).Round(time.Second))
	return nil
}

// benchSeed10M fills the tables with COPY: the sites and desks, then the
// scans with the table's indexes and foreign keys dropped (made again after,
// from their own definitions: quicker than keeping them up row by row), then
// ANALYZE.
func benchSeed10M(ctx context.Context, db *DB) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	c := conn.Conn()
	if _, err := c.Exec(ctx, `SET maintenance_work_mem = '1GB'`); err != nil {
		return err
	}
	sites := make([][]any, benchSites)
	for s := range sites {
		sites[s] = []any{int64(s + 1), benchSiteName(s)}
	}
	if _, err := c.CopyFrom(ctx, pgx.Identifier{"sites"}, []string{"id", "name"}, pgx.CopyFromRows(sites)); err != nil {
		return err
	}
	if _, err := c.Exec(ctx, `SELECT setval('sites_id_seq', $1)`, benchSites); err != nil {
		return err
	}
	skew := func(s int) time.Duration { return time.Duration(s%7-3) * time.Minute }
	desks := make([]pgtype.UUID, benchSites)
	rows := make([][]any, benchSites)
	for s := range desks {
		desks[s] = pgtype.UUID{Bytes: [16]byte{0xbe, 0x0c, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, byte(s >> 8), byte(s)}, Valid: true}
		rows[s] = []any{desks[s], int64(s + 1), "Cổng chính", skew(s).Milliseconds()}
	}
	if _, err := c.CopyFrom(ctx, pgx.Identifier{"desks"}, []string{"id", "site_id", "door", "clock_skew_ms"}, pgx.CopyFromRows(rows)); err != nil {
		return err
	}

	// What makes the scans table quick to read, made again after the copy.
	remake, err := strs(ctx, c, `
		SELECT 'ALTER TABLE scans ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
			FROM pg_constraint WHERE conrelid = 'scans'::regclass AND contype IN ('p', 'f')
		UNION ALL SELECT indexdef FROM pg_indexes WHERE tablename = 'scans' AND indexname NOT IN
			(SELECT conname FROM pg_constraint WHERE conrelid = 'scans'::regclass)`)
	if err != nil {
		return err
	}
	drops, err := strs(ctx, c, `
		SELECT 'DROP INDEX ' || quote_ident(indexname) FROM pg_indexes WHERE tablename = 'scans' AND indexname NOT IN
			(SELECT conname FROM pg_constraint WHERE conrelid = 'scans'::regclass)
		UNION ALL SELECT 'ALTER TABLE scans DROP CONSTRAINT ' || quote_ident(conname)
			FROM pg_constraint WHERE conrelid = 'scans'::regclass AND contype IN ('p', 'f')`)
	if err != nil {
		return err
	}
	for _, q := range drops {
		if _, err := c.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}

	g := newBenchGen(desks, skew)
	cols := []string{"desk_id", "local_id", "site_id", "door", "at", "at_server", "day", "direction", "kind",
		"person_key", "name", "name_fold", "id_number", "birth_date", "result"}
	if _, err := c.CopyFrom(ctx, pgx.Identifier{"scans"}, cols, pgx.CopyFromFunc(g.next)); err != nil {
		return err
	}
	for _, q := range remake {
		if _, err := c.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	for _, q := range []string{`ANALYZE`, `CREATE TABLE bench_seed (what text NOT NULL)`} {
		if _, err := c.Exec(ctx, q); err != nil {
			return err
		}
	}
	_, err = c.Exec(ctx, `INSERT INTO bench_seed (what) VALUES ($1)`, benchSeed)
	return err
}

// strs is the one text column of a query's rows.
func strs(ctx context.Context, c *pgx.Conn, q string) ([]string, error) {
	rows, err := c.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// benchGen makes the scans a day after another, every site's scans of the
// day in time order, as desks push them: a site's scans lie spread over
// the table, as on a real server (not one site's day in a few pages).
type benchGen struct {
	desks []pgtype.UUID
	skew  func(int) time.Duration
	rnd   *rand.Rand
	local []int64 // each desk's last local id
	day   int     // the next day to make
	queue []benchScan
}

// benchScan is a scan of the benchmark's: who, where, when (true time).
type benchScan struct {
	at     time.Time
	site   int
	person int
	dir    string
}

func newBenchGen(desks []pgtype.UUID, skew func(int) time.Duration) *benchGen {
	return &benchGen{desks: desks, skew: skew, rnd: rand.New(rand.NewPCG(1, 2)), local: make([]int64, len(desks))}
}

func (g *benchGen) next() ([]any, error) {
	for len(g.queue) == 0 {
		if g.day == benchDays {
			return nil, nil
		}
		for site := range benchSites {
			g.fill(site)
		}
		slices.SortStableFunc(g.queue, func(a, b benchScan) int { return a.at.Compare(b.at) })
		g.day++
	}
	s := g.queue[0]
	g.queue = g.queue[1:]
	g.local[s.site]++
	at := s.at.Add(g.skew(s.site)) // the desk's clock
	y, m, d := at.In(benchFirstDay.Location()).Date()
	name, id := benchPersonName(s.person), benchPersonID(s.person)
	return []any{g.desks[s.site], g.local[s.site], int64(s.site + 1), "Cổng chính", at, s.at,
		time.Date(y, m, d, 0, 0, 0, 0, time.UTC), s.dir, "cccd", "id:" + id, name, canhcua.Fold(name), id,
		benchBirth(s.person), "accepted"}, nil
}

// fill makes a site's day: person 0's visits, then random ones up to the
// site's share of the scans.
func (g *benchGen) fill(site int) {
	day := benchFirstDay.AddDate(0, 0, g.day)
	quota := benchScans / (benchSites * benchDays)
	if (g.day*benchSites + site) < benchScans%(benchSites*benchDays) {
		quota++
	}
	n := 0
	visit := func(p int, in time.Time, stay time.Duration, exit bool) {
		g.queue = append(g.queue, benchScan{in, site, p, "in"})
		n++
		if exit {
			g.queue = append(g.queue, benchScan{in.Add(stay), site, p, "out"})
			n++
		}
	}
	switch site {
	case 0:
		visit(0, day.Add(8*time.Hour), 90*time.Minute, true)
	case 1:
		visit(0, day.Add(14*time.Hour), time.Hour, g.day%3 != 0)
	}
	for n < quota {
		p := site + benchSites*g.rnd.IntN(benchPeople/benchSites) // someone of the site's own
		if g.rnd.IntN(100) < 15 {
			p = g.rnd.IntN(benchPeople)
		}
		if p == 0 {
			continue
		}
		in := day.Add(7*time.Hour + time.Duration(g.rnd.IntN(570))*time.Minute)
		stay := time.Duration(10+g.rnd.IntN(171)) * time.Minute
		visit(p, in, stay, g.rnd.IntN(10) != 0 && n+2 <= quota)
	}
}

// BenchmarkDistrictTable10M reads the district's table for one day of the
// 10 million scans of 1,000 sites BenchmarkTrace seeds (CANHCUA_BENCH_PG):
// the day's figures of every site are counted first, as the desks' pushes
// keep them (and that recount is timed too), then the table is read.
//
//	CANHCUA_BENCH_PG=… go test -run '^$' -bench DistrictTable10M -benchtime 20x ./store/district
func BenchmarkDistrictTable10M(b *testing.B) {
	ctx := context.Background()
	db := benchOpen(ctx, b)
	day := benchFirstDay.AddDate(0, 0, benchDays/2)
	var scans int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM scans WHERE day = $1::date`, dayOf(day)).Scan(&scans); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		for id := int64(1); id <= benchSites; id++ {
			if err := recount(ctx, tx, id, dayOf(day)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d sites' figures of %s counted from %d scans in %v (%v a site)", benchSites, dayOf(day), scans,
		time.Since(start).Round(time.Millisecond), (time.Since(start) / benchSites).Round(time.Microsecond))
	hours := canhcua.DefaultOpeningHours
	for b.Loop() {
		d, err := db.District(ctx, day, hours)
		if err != nil || len(d.Sites) != benchSites {
			b.Fatal(len(d.Sites), err)
		}
	}
}
