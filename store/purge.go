package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// DefaultRetentionDays is how many days of personal data canhcua keeps by
// default.
const DefaultRetentionDays = 30

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// PurgeResult is what a purge deleted (or, for a dry run, would delete).
type PurgeResult struct {
	// Before is the first local day kept: everything of earlier days went.
	Before    time.Time
	Scans     int
	Visits    int
	Warnings  int
	Decisions int
	People    int
	// Snapshots are the files of the deleted warnings' snapshots, which the
	// caller deletes.
	Snapshots []string
}

// Total is the number of rows deleted.
func (r PurgeResult) Total() int {
	return r.Scans + r.Visits + r.Warnings + r.Decisions + r.People
}

// RetentionCutoff is the first local day (its midnight in loc) a retention of
// days keeps at now, today being the last of them: with 30 days on 27/11 it
// is 29/10, and the data of 28/10 and before goes. days < 1 keeps today only.
func RetentionCutoff(now time.Time, days int, loc *time.Location) time.Time {
	days = max(days, 1)
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d-days+1, 0, 0, 0, 0, loc)
}

// OldestDay is the local midnight of the oldest day that holds scans or
// warnings; ok is false when there are none.
func (db *DB) OldestDay(ctx context.Context) (day time.Time, ok bool, err error) {
	var s sql.NullString
	err = db.view(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT min(d) FROM (
			SELECT min(day) AS d FROM scans UNION ALL SELECT min(day) FROM warnings)`).Scan(&s)
	})
	if err != nil || !s.Valid {
		return time.Time{}, false, err
	}
	d, err := time.ParseInLocation(time.DateOnly, s.String, db.loc)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: oldest day %q: %w", s.String, err)
	}
	return d, true, nil
}

// Purge deletes the personal data of the local days before the one
// containing before, in one transaction: scans, visits, warnings, the
// decisions on held scans, and the people left with no scan or visit (the
// first-seen time of the others is moved to their oldest scan kept). Doors
// and rosters are kept: they are not a day's data. Exports and reports
// already written are the user's and not touched; nor are snapshot files,
// whose paths come back in the result for the caller to delete.
//
// Deleted rows are overwritten in the database file (secure_delete), but
// copies of them may remain in the free space of pages that were split
// while they were written: Vacuum afterwards removes those too.
func (db *DB) Purge(ctx context.Context, before time.Time) (PurgeResult, error) {
	return db.purge(ctx, before, false)
}

// PurgePreview counts what Purge(before) would delete, deleting nothing.
func (db *DB) PurgePreview(ctx context.Context, before time.Time) (PurgeResult, error) {
	return db.purge(ctx, before, true)
}

func (db *DB) purge(ctx context.Context, before time.Time, dry bool) (PurgeResult, error) {
	day := db.dayOf(before)
	y, m, d := before.In(db.loc).Date()
	res := PurgeResult{Before: time.Date(y, m, d, 0, 0, 0, 0, db.loc)}
	// The connection's secure_delete is set for the deletes and set back.
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return PurgeResult{}, fmt.Errorf("store: purge: %w", db.storageError(err))
	}
	defer conn.Close()
	var secure int
	if err := conn.QueryRowContext(ctx, `PRAGMA secure_delete`).Scan(&secure); err != nil {
		return PurgeResult{}, fmt.Errorf("store: purge: %w", db.storageError(err))
	}
	if !dry {
		if _, err := conn.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
			return PurgeResult{}, fmt.Errorf("store: purge: %w", db.storageError(err))
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA secure_delete = %d`, secure))
	}

	err = func() error {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		res.Snapshots, err = queryAll(ctx, tx, func(r rowScanner) (s string, err error) {
			err = r.Scan(&s)
			return s, err
		}, `SELECT snapshot FROM warnings WHERE day < ? AND snapshot <> '' ORDER BY at, id`, day)
		if err != nil {
			return err
		}
		// Children first: decisions and visits refer to scans, scans and
		// visits to people.
		steps := []struct {
			n *int
			q string
		}{
			{&res.Decisions, `DELETE FROM decisions WHERE day < ?1 OR scan_id IN (SELECT id FROM scans WHERE day < ?1)`},
			{&res.Visits, `DELETE FROM visits WHERE day < ?1
				OR in_scan_id IN (SELECT id FROM scans WHERE day < ?1)
				OR out_scan_id IN (SELECT id FROM scans WHERE day < ?1)`},
			{&res.Scans, `DELETE FROM scans WHERE day < ?1`},
			{&res.Warnings, `DELETE FROM warnings WHERE day < ?1`},
			{&res.People, `DELETE FROM people
				WHERE key NOT IN (SELECT person_key FROM scans WHERE person_key IS NOT NULL)
				AND key NOT IN (SELECT person_key FROM visits)`},
			{nil, `UPDATE people SET first_seen = coalesce(
				(SELECT min(at) FROM scans WHERE person_key = people.key), people.first_seen)
				WHERE first_seen < ?2`},
		}
		for _, s := range steps {
			r, err := tx.ExecContext(ctx, s.q, day, res.Before.UnixNano())
			if err != nil {
				return err
			}
			if s.n != nil {
				n, err := r.RowsAffected()
				if err != nil {
					return err
				}
				*s.n = int(n)
			}
		}
		if dry {
			return errDryRun
		}
		return tx.Commit()
	}()
	if err != nil && !errors.Is(err, errDryRun) {
		return PurgeResult{}, fmt.Errorf("store: purge: %w", db.storageError(err))
	}
	return res, nil
}

// Vacuum rebuilds the database file, which leaves no trace of deleted data in
// free space, and then empties the WAL file (TRUNCATE checkpoint). It waits
// for other connections' writes (BusyTimeout) and may take a while on a big
// database; call it after a Purge that deleted something.
func (db *DB) Vacuum(ctx context.Context) error {
	if _, err := db.db.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("store: vacuum: %w", db.storageError(err))
	}
	var busy, frames, done int
	if err := db.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done); err != nil {
		return fmt.Errorf("store: vacuum: checkpoint: %w", db.storageError(err))
	}
	if busy != 0 {
		return canhcua.Errorf(canhcua.ECONFLICT, catalog.ErrVacuumBusy)
	}
	return nil
}
