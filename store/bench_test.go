package store

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store/export"
)

// The benchmarks share one big database, built on first use (never by plain
// go test): 100 days of 10,000 scans each, 1,000,000 scans in all, at three
// doors, from 6,000 people.
const (
	benchDays       = 100
	benchScansDay   = 10_000
	benchPeople     = 6_000
	benchFirstDay   = "2026-08-19" // the 100 days end on 2026-11-26
	benchCountedDay = 49           // the day Counts and the export read
)

var (
	benchOnce sync.Once
	benchDir  string
	benchPath string
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// bigDB returns the path of the shared benchmark database, building it in a
// temporary directory removed at the end. With CANHCUA_BENCH_DB=path, the
// database at path is used, and built there (and kept) when it is missing.
func bigDB(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		if benchPath = os.Getenv("CANHCUA_BENCH_DB"); benchPath != "" {
			if _, err := os.Stat(benchPath); err == nil {
				return
			}
		} else {
			if benchDir, benchErr = os.MkdirTemp("", "canhcua-bench-"); benchErr != nil {
				return
			}
			benchPath = filepath.Join(benchDir, "canhcua.db")
		}
		start := time.Now()
		benchErr = seed(context.Background(), benchPath)
		if benchErr == nil {
			fi, _ := os.Stat(benchPath)
			fmt.Fprintf(os.Stderr, "seeded %d scans over %d days in %v (%.0f MB)\n",
				benchDays*benchScansDay, benchDays, time.Since(start).Round(time.Millisecond), float64(fi.Size())/1e6)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

func benchDay(i int) time.Time {
	d, _ := time.ParseInLocation(time.DateOnly, benchFirstDay, DefaultLocation())
	return d.AddDate(0, 0, i)
}

var (
	surnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middles  = []string{"Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Đức", "Thu", "Hoài"}
	givens   = []string{"An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến"}
)

type benchPerson struct {
	key, name, fold, id, birth string
}

type benchScan struct {
	at     time.Time
	door   int64
	dir    canhcua.Direction
	person int // -1: rejected code
	result canhcua.Result
	pair   int // index of the entry this exit closes, or -1
	id     int64
}

// seed writes the benchmark database directly with prepared statements, one
// transaction per day, as Scan would have recorded it (scans, people, doors
// and visits), much faster than a million Scan calls: on one connection,
// without fsync (synchronous=OFF; a crash while seeding loses only the
// benchmark database) and with a large page cache.
func seed(ctx context.Context, path string) error {
	sdb, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer sdb.Close()
	db, err := sdb.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `PRAGMA synchronous = OFF; PRAGMA cache_size = -262144`); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	doors := []string{"Cổng chính", "Cổng sau", "Phòng họp"}
	people := make([]benchPerson, benchPeople)
	for i := range people {
		name := surnames[rng.IntN(len(surnames))] + " " + middles[rng.IntN(len(middles))] + " " + givens[rng.IntN(len(givens))]
		id := fmt.Sprintf("0%02d0%02d%06d", rng.IntN(96), rng.IntN(100), i)
		people[i] = benchPerson{key: "id:" + id, name: name, fold: canhcua.Fold(name), id: id,
			birth: fmt.Sprintf("%02d/%02d/%d", 1+rng.IntN(28), 1+rng.IntN(12), 1950+rng.IntN(55))}
	}

	// Indexes are dropped while seeding and made again at the end: sorted
	// once, instead of every day touching most of their pages.
	var indexes []string
	rows, err := db.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('scans', 'visits')`)
	if err != nil {
		return err
	}
	var drops []string
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			return err
		}
		drops, indexes = append(drops, name), append(indexes, sql)
	}
	rows.Close()
	for _, name := range drops {
		if _, err := db.ExecContext(ctx, `DROP INDEX `+name); err != nil {
			return err
		}
	}

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for i, d := range doors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO doors (id, name) VALUES (?, ?)`, i+1, d); err != nil {
			return err
		}
	}
	t0 := benchDay(0).UnixNano()
	for _, p := range people {
		if _, err := tx.ExecContext(ctx, `INSERT INTO people (key, kind, name, id_number, birth_date, first_seen, last_seen) VALUES (?, 'cccd', ?, ?, ?, ?, ?)`,
			p.key, p.name, p.id, p.birth, t0, t0); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}

	var nextID int64
	for d := range benchDays {
		day := benchDay(d)
		dayStr := day.Format(time.DateOnly)
		// Visitors come in between 07:00 and 17:00 and most leave within
		// eight hours; some scan twice (duplicates); some codes are rejected.
		var ss []benchScan
		perm := rng.Perm(benchPeople)
		for k := 0; len(ss) < benchScansDay; k++ {
			p := perm[k%benchPeople]
			door := int64(1)
			switch r := rng.IntN(10); {
			case r == 9:
				door = 3
			case r >= 7:
				door = 2
			}
			in := day.Add(7*time.Hour + time.Duration(rng.Int64N(int64(10*time.Hour))))
			switch r := rng.IntN(100); {
			case r < 5: // rejected code
				ss = append(ss, benchScan{at: in, door: door, person: -1, result: canhcua.Rejected, pair: -1})
				continue
			case r < 10: // a duplicate right after the entry
				ss = append(ss, benchScan{at: in.Add(time.Duration(1+rng.IntN(100)) * time.Second), door: door, dir: canhcua.In, person: p, result: canhcua.Duplicate, pair: -1})
			}
			ss = append(ss, benchScan{at: in, door: door, dir: canhcua.In, person: p, result: canhcua.Accepted, pair: -1})
			if rng.IntN(50) > 0 && len(ss) < benchScansDay { // 2% stay inside
				out := in.Add(time.Duration(rng.Int64N(int64(8 * time.Hour))))
				if out.After(day.Add(23*time.Hour + 59*time.Minute)) {
					out = day.Add(23*time.Hour + 59*time.Minute)
				}
				ss = append(ss, benchScan{at: out, door: door, dir: canhcua.Out, person: p, result: canhcua.Accepted, pair: len(ss) - 1})
			}
		}
		ss = ss[:benchScansDay]
		order := make([]int, len(ss))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return ss[order[a]].at.Before(ss[order[b]].at) })
		for _, i := range order {
			nextID++
			ss[i].id = nextID
		}

		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		insScan, err := tx.PrepareContext(ctx, `
			INSERT INTO scans (id, at, day, hour, door_id, direction, kind, person_key,
				name, name_fold, id_number, birth_date, result, reason, ago, first_day, first_door)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		insVisit, err := tx.PrepareContext(ctx, `
			INSERT INTO visits (person_key, door_id, day, in_scan_id, in_at, out_scan_id, out_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		closed := make(map[int]bool)
		seenDay, seenDoor := make(map[int]bool), make(map[[2]int64]bool)
		for _, i := range order {
			s := ss[i]
			if s.person < 0 {
				if _, err := insScan.ExecContext(ctx, s.id, s.at.UnixNano(), dayStr, s.at.Hour(), s.door, "in", "payment",
					nil, "", "", "", "", "rejected", "payment code, not a check-in code", 0, 0, 0); err != nil {
					return err
				}
				continue
			}
			p := people[s.person]
			firstDay, firstDoor := false, false
			if s.result == canhcua.Accepted {
				firstDay, firstDoor = !seenDay[s.person], !seenDoor[[2]int64{int64(s.person), s.door}]
				seenDay[s.person], seenDoor[[2]int64{int64(s.person), s.door}] = true, true
			}
			if _, err := insScan.ExecContext(ctx, s.id, s.at.UnixNano(), dayStr, s.at.Hour(), s.door, string(s.dir), "cccd",
				p.key, p.name, p.fold, p.id, p.birth, string(s.result), "", 0, firstDay, firstDoor); err != nil {
				return err
			}
			if s.pair >= 0 {
				closed[s.pair] = true
				in := ss[s.pair]
				if _, err := insVisit.ExecContext(ctx, p.key, s.door, dayStr, in.id, in.at.UnixNano(), s.id, s.at.UnixNano()); err != nil {
					return err
				}
			}
		}
		for i, s := range ss { // entries without exit: open visits
			if s.result == canhcua.Accepted && s.dir == canhcua.In && !closed[i] {
				if _, err := insVisit.ExecContext(ctx, people[s.person].key, s.door, dayStr, s.id, s.at.UnixNano(), nil, nil); err != nil {
					return err
				}
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	for _, sql := range indexes {
		if _, err := db.ExecContext(ctx, sql); err != nil {
			return err
		}
	}
	_, err = db.ExecContext(ctx, `ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

func openBig(b *testing.B) *DB {
	path := bigDB(b)
	db, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkCounts is the desk's figures for one day of 10,000 scans.
func BenchmarkCounts(b *testing.B) {
	db := openBig(b)
	ctx := context.Background()
	day := benchDay(benchCountedDay)
	for _, door := range []string{"", "Cổng chính"} {
		name := "door=" + door
		if door == "" {
			name = "all-doors"
		}
		b.Run(name, func(b *testing.B) {
			c, err := db.Counts(ctx, door, day)
			if err != nil {
				b.Fatal(err)
			}
			if door == "" && c.Entries+c.Exits+c.Rejected < benchScansDay*8/10 {
				b.Fatalf("counts of a seeded day: %+v", c)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := db.Counts(ctx, door, day); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpen is startup: opening the existing big database and reading
// the day's first counts.
func BenchmarkOpen(b *testing.B) {
	path := bigDB(b)
	ctx := context.Background()
	day := benchDay(benchCountedDay)
	for b.Loop() {
		db, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Counts(ctx, "", day); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportDay reads a day's 10,000 scans and exports them.
func BenchmarkExportDay(b *testing.B) {
	db := openBig(b)
	ctx := context.Background()
	q := ScanQuery{Day: benchDay(benchCountedDay)}
	scans, err := db.Scans(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	if len(scans) != benchScansDay {
		b.Fatalf("%d scans on a seeded day, want %d", len(scans), benchScansDay)
	}
	b.Run("scans", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.Scans(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, format := range export.Formats {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := export.Write(io.Discard, format, scans, export.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("scans+csv+xlsx", func(b *testing.B) {
		for b.Loop() {
			scans, err := db.Scans(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			for _, format := range []string{"csv", "xlsx"} {
				if err := export.Write(io.Discard, format, scans, export.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("search", func(b *testing.B) {
		q := q
		q.Search = "nguyen van an"
		for b.Loop() {
			if _, err := db.Scans(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkScan records one scan (committed, fsynced) in the big database, on
// a day after the seeded ones.
func BenchmarkScan(b *testing.B) {
	db := openBig(b)
	ctx := context.Background()
	day := benchDay(benchDays + 1).Add(8 * time.Hour)
	i := 0
	for b.Loop() {
		i++
		id := person("Khách thử", fmt.Sprintf("099%09d", i))
		if _, err := db.Scan(ctx, id, canhcua.ModeToggle, "Cổng chính", day.Add(time.Duration(i)*time.Second), canhcua.Rules{}); err != nil {
			b.Fatal(err)
		}
	}
}
