package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/canhcua/canhcua"
)

// Admit settles a scan held for the operator (someone not on the roster of a
// roster-only event): admit accepts it as a guest — it counts from then on,
// as if accepted when it was scanned — and refuse rejects it. The decision
// and its reason are the scan's new result; a scan that is not held is
// ECONFLICT, an unknown one ENOTFOUND.
func (db *DB) Admit(ctx context.Context, scanID int64, admit bool, reason, reasonVI string) (canhcua.Scan, error) {
	var s canhcua.Scan
	err := db.update(ctx, func(tx *sql.Tx) error {
		var doorID int64
		row := tx.QueryRowContext(ctx, `SELECT `+scanColumns+`, s.door_id FROM scans s JOIN doors d ON d.id = s.door_id WHERE s.id = ?`, scanID)
		got, err := scanRow(row, &doorID)
		if errors.Is(err, sql.ErrNoRows) {
			return canhcua.Errorf(canhcua.ENOTFOUND, "no scan %d", scanID)
		} else if err != nil {
			return err
		}
		if got.Result != canhcua.Held {
			return canhcua.Errorf(canhcua.ECONFLICT, "scan %d is %s: only a held scan can be admitted or refused", scanID, got.Result)
		}
		result := canhcua.Rejected
		if admit {
			result = canhcua.Accepted
		}
		if _, err := tx.ExecContext(ctx, `UPDATE scans SET result = ?, reason = ?, reason_vi = ? WHERE id = ?`,
			string(result), reason, reasonVI, scanID); err != nil {
			return err
		}
		got.Result, got.Reason, got.ReasonVI = result, reason, reasonVI
		if admit && got.PersonKey != "" {
			if err := upsertPerson(ctx, tx, got); err != nil {
				return err
			}
			if err := refirst(ctx, tx, got.PersonKey, db.dayOf(got.At)); err != nil {
				return err
			}
			if err := rebuildVisits(ctx, tx, got.PersonKey, doorID); err != nil {
				return err
			}
		}
		s = got
		return nil
	})
	if err != nil {
		return canhcua.Scan{}, fmt.Errorf("store: admit scan %d: %w", scanID, err)
	}
	return s, nil
}

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
