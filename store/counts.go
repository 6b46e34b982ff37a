package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/canhcua/canhcua"
)

// Counts returns the figures of the local day containing day, at door ("" for
// all doors): Inside is the people whose visit began that day and has no
// exit yet; Entries, Exits, People and PerHour count accepted scans (voided
// ones no longer count); Rejected counts rejected scans.
//
// It reads two indexes only (scans_day_door, in hour order, and
// visits_inside), in one read transaction.
func (db *DB) Counts(ctx context.Context, door string, day time.Time) (canhcua.Counts, error) {
	var c canhcua.Counts
	args := []any{db.dayOf(day)}
	where, first := ``, `first_day`
	if door != "" {
		where, first = ` AND door_id = (SELECT id FROM doors WHERE name = ?2)`, `first_door`
		args = append(args, door)
	}
	q := `
		SELECT hour,
			sum(result = 'accepted' AND direction = 'in'),
			sum(result = 'accepted' AND direction = 'out'),
			sum(result = 'rejected'),
			sum(` + first + `)
		FROM scans WHERE day = ?1` + where + `
		GROUP BY hour`
	qInside := `SELECT count(DISTINCT person_key) FROM visits WHERE day = ?1 AND out_at IS NULL` + where
	err := db.view(ctx, func(tx *sql.Tx) error {
		err := eachRow(ctx, tx, func(r rowScanner) error {
			var hour, in, out, rejected, people int
			if err := r.Scan(&hour, &in, &out, &rejected, &people); err != nil {
				return err
			}
			if hour >= 0 && hour < 24 {
				c.PerHour[hour] += in + out
			}
			c.Entries += in
			c.Exits += out
			c.Rejected += rejected
			c.People += people
			return nil
		}, q, args...)
		if err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, qInside, args...).Scan(&c.Inside)
	})
	if err != nil {
		return canhcua.Counts{}, fmt.Errorf("store: counts: %w", err)
	}
	return c, nil
}
