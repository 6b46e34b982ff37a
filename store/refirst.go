package store

import (
	"context"
	"database/sql"
)

// refirst recomputes a person's first-of-the-day and first-at-the-door flags
// for day from their accepted scans.
func refirst(ctx context.Context, tx *sql.Tx, key, day string) error {
	stmts := []string{
		`UPDATE scans SET first_day = 0, first_door = 0 WHERE person_key = ?1 AND day = ?2`,
		`UPDATE scans SET first_day = 1 WHERE id = (
			SELECT id FROM scans WHERE person_key = ?1 AND day = ?2 AND result = 'accepted' ORDER BY at, id LIMIT 1)`,
		`UPDATE scans SET first_door = 1 WHERE id IN (
			SELECT (SELECT s2.id FROM scans s2
				WHERE s2.person_key = ?1 AND s2.day = ?2 AND s2.door_id = d.door_id AND s2.result = 'accepted'
				ORDER BY s2.at, s2.id LIMIT 1)
			FROM (SELECT DISTINCT door_id FROM scans WHERE person_key = ?1 AND day = ?2 AND result = 'accepted') d)`,
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q, key, day); err != nil {
			return err
		}
	}
	return nil
}
