package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// Warnings: each stored with its time and its local day, open until
// resolved. One (door, kind, key) has at most one open warning when the desk
// uses OpenWarning; the key is canhcua.WarningKey (the person's or group's
// key, else the English message).

// AddWarning stores w as a new warning (at the clock's now when w.At is
// zero) and returns it with its ID: for events that each deserve a warning
// of their own, such as someone passing without scanning.
func (db *DB) AddWarning(ctx context.Context, w canhcua.Warning) (canhcua.Warning, error) {
	w, err := db.cleanWarning(w)
	if err != nil {
		return canhcua.Warning{}, err
	}
	err = db.update(ctx, func(tx *sql.Tx) error {
		w.ID, err = insertWarning(ctx, tx, w, db.dayOf(w.At))
		return err
	})
	if err != nil {
		return canhcua.Warning{}, fmt.Errorf("store: add warning: %w", err)
	}
	return w, nil
}

// OpenWarning stores w unless an open (unresolved) warning of the same door,
// kind and key exists: then it returns that one, with w's message and name
// (a group's share changes as people scan; the warning keeps its first time
// and ID), and false. The desk may call it every few seconds for a condition
// that holds without making duplicates.
func (db *DB) OpenWarning(ctx context.Context, w canhcua.Warning) (canhcua.Warning, bool, error) {
	w, err := db.cleanWarning(w)
	if err != nil {
		return canhcua.Warning{}, false, err
	}
	w.Resolved = time.Time{}
	added := false
	err = db.update(ctx, func(tx *sql.Tx) error {
		row := tx.QueryRowContext(ctx, `SELECT `+warningColumns+` FROM warnings
			WHERE door = ? AND kind = ? AND key = ? AND resolved_at IS NULL
			ORDER BY at, id LIMIT 1`, w.Door, string(w.Kind), canhcua.WarningKey(w))
		old, err := warningRow(row)
		if errors.Is(err, sql.ErrNoRows) {
			added = true
			w.ID, err = insertWarning(ctx, tx, w, db.dayOf(w.At))
			return err
		} else if err != nil {
			return err
		}
		old.Message, old.MessageVI, old.Name = w.Message, w.MessageVI, w.Name
		if w.Snapshot != "" {
			old.Snapshot = w.Snapshot
		}
		_, err = tx.ExecContext(ctx, `UPDATE warnings SET message = ?, message_vi = ?, name = ?, snapshot = ? WHERE id = ?`,
			old.Message, old.MessageVI, old.Name, old.Snapshot, old.ID)
		w = old
		return err
	})
	if err != nil {
		return canhcua.Warning{}, false, fmt.Errorf("store: open warning: %w", err)
	}
	return w, added, nil
}

// ResolveWarnings marks resolved at time at (the clock's now when zero) the
// open warnings of kind at door with key (canhcua.WarningKey); key "" resolves
// every open warning of that kind at that door (the camera works again).
func (db *DB) ResolveWarnings(ctx context.Context, door string, kind canhcua.WarningKind, key string, at time.Time) error {
	if at.IsZero() {
		at = db.now()
	}
	q := `UPDATE warnings SET resolved_at = ? WHERE door = ? AND kind = ? AND resolved_at IS NULL`
	args := []any{at.UTC().UnixNano(), strings.TrimSpace(door), string(kind)}
	if key != "" {
		q += ` AND key = ?`
		args = append(args, key)
	}
	err := db.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: resolve warnings: %w", err)
	}
	return nil
}

// Warnings returns the warnings of the local day containing day (of every
// day when day is zero) at door ("" for all doors), only the open ones when
// openOnly, in time order.
func (db *DB) Warnings(ctx context.Context, day time.Time, door string, openOnly bool) ([]canhcua.Warning, error) {
	var (
		where []string
		args  []any
	)
	if !day.IsZero() {
		where, args = append(where, `day = ?`), append(args, db.dayOf(day))
	}
	if door != "" {
		where, args = append(where, `door = ?`), append(args, door)
	}
	if openOnly {
		where = append(where, `resolved_at IS NULL`)
	}
	q := `SELECT ` + warningColumns + ` FROM warnings`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY at, id`
	return viewAll(ctx, db, "warnings", warningRow, q, args...)
}

func (db *DB) cleanWarning(w canhcua.Warning) (canhcua.Warning, error) {
	w.Door = strings.TrimSpace(w.Door)
	if w.Kind == "" {
		return w, canhcua.Errorf(canhcua.EINVALID, catalog.ErrWarningNoKind)
	}
	if w.At.IsZero() {
		w.At = db.now()
	}
	w.At = w.At.UTC()
	if !w.Resolved.IsZero() {
		w.Resolved = w.Resolved.UTC()
	}
	return w, nil
}

func insertWarning(ctx context.Context, tx *sql.Tx, w canhcua.Warning, day string) (int64, error) {
	var resolved any
	if !w.Resolved.IsZero() {
		resolved = w.Resolved.UnixNano()
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO warnings (at, day, door, kind, key, message, message_vi, person_key, name, snapshot, resolved_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		w.At.UnixNano(), day, w.Door, string(w.Kind), canhcua.WarningKey(w), w.Message, w.MessageVI,
		w.PersonKey, w.Name, w.Snapshot, resolved)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

const warningColumns = `id, at, door, kind, message, message_vi, person_key, name, snapshot, resolved_at, decision, decided_at`

func warningRow(r rowScanner) (canhcua.Warning, error) {
	var (
		w        canhcua.Warning
		at       int64
		kind     string
		decision string
		resolved sql.NullInt64
		decided  sql.NullInt64
	)
	if err := r.Scan(&w.ID, &at, &w.Door, &kind, &w.Message, &w.MessageVI, &w.PersonKey, &w.Name, &w.Snapshot, &resolved,
		&decision, &decided); err != nil {
		return w, err
	}
	w.At, w.Kind, w.Decision = time.Unix(0, at).UTC(), canhcua.WarningKind(kind), canhcua.WarningDecision(decision)
	if resolved.Valid {
		w.Resolved = time.Unix(0, resolved.Int64).UTC()
	}
	if decided.Valid {
		w.Decided = time.Unix(0, decided.Int64).UTC()
	}
	return w, nil
}

// DecideWarning stores the operator's decision on the warning id (someone
// passed without scanning: checked, or a false alarm) with its time at (the
// clock's now when zero), and resolves the warning then if it is still open.
// A later decision replaces an earlier one. It returns the warning as it now
// is. An unknown warning is ENOTFOUND; a warning of another kind, which the
// desk opens and resolves by itself, ECONFLICT; a decision that is neither
// EINVALID.
func (db *DB) DecideWarning(ctx context.Context, id int64, d canhcua.WarningDecision, at time.Time) (canhcua.Warning, error) {
	if !d.Valid() {
		return canhcua.Warning{}, canhcua.Errorf(canhcua.EINVALID, catalog.ErrWarningDecision, string(d))
	}
	if at.IsZero() {
		at = db.now()
	}
	at = at.UTC()
	var out canhcua.Warning
	err := db.update(ctx, func(tx *sql.Tx) error {
		w, err := warningRow(tx.QueryRowContext(ctx, `SELECT `+warningColumns+` FROM warnings WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return canhcua.Errorf(canhcua.ENOTFOUND, catalog.ErrNoWarning, id)
		} else if err != nil {
			return err
		}
		if w.Kind != canhcua.WarnNoScan {
			return canhcua.Errorf(canhcua.ECONFLICT, catalog.ErrWarnNotDecidable, id)
		}
		if w.Resolved.IsZero() {
			w.Resolved = at
		}
		w.Decision, w.Decided = d, at
		_, err = tx.ExecContext(ctx, `UPDATE warnings SET decision = ?, decided_at = ?, resolved_at = ? WHERE id = ?`,
			string(d), at.UnixNano(), w.Resolved.UnixNano(), id)
		out = w
		return err
	})
	if err != nil {
		return canhcua.Warning{}, fmt.Errorf("store: decide on warning %d: %w", id, err)
	}
	return out, nil
}

// Decisions on held scans.

// Reasons Decide gives the scans it settles (English, Vietnamese).
var (
	ReasonAdmitted, ReasonAdmittedVI = catalog.Both(catalog.DecideAdmitted)
	ReasonRefused, ReasonRefusedVI   = catalog.Both(catalog.DecideRefused)
)

// Decide settles a scan held for the operator (someone not on the roster of
// a roster-only event) as Admit does — admitted, it counts as accepted;
// refused, it is rejected — and in the same transaction stores the decision
// with its time at (the clock's now when zero) and resolves the open
// not-on-roster warning for that person at that door. A scan that is not
// held is ECONFLICT (decided already, or never held), an unknown one
// ENOTFOUND.
func (db *DB) Decide(ctx context.Context, scanID int64, admit bool, at time.Time) (canhcua.Scan, error) {
	var out canhcua.Scan
	if at.IsZero() {
		at = db.now()
	}
	at = at.UTC()
	err := db.update(ctx, func(tx *sql.Tx) error {
		s, doorID, err := scanByID(ctx, tx, scanID)
		if err != nil {
			return err
		}
		if s.Result != canhcua.Held {
			return canhcua.Errorf(canhcua.ECONFLICT, catalog.ErrDecideNotHeld, scanID, s.Result)
		}
		result, reason, reasonVI, decision := canhcua.Rejected, ReasonRefused, ReasonRefusedVI, "refused"
		if admit {
			result, reason, reasonVI, decision = canhcua.Accepted, ReasonAdmitted, ReasonAdmittedVI, "admitted"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE scans SET result = ?, reason = ?, reason_vi = ? WHERE id = ?`,
			string(result), reason, reasonVI, scanID); err != nil {
			return err
		}
		s.Result, s.Reason, s.ReasonVI = result, reason, reasonVI
		out = s
		day := db.dayOf(s.At)
		if admit && s.PersonKey != "" {
			if err := upsertPerson(ctx, tx, s); err != nil {
				return err
			}
			if err := refirst(ctx, tx, s.PersonKey, day); err != nil {
				return err
			}
			if err := rebuildVisits(ctx, tx, s.PersonKey, doorID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO decisions (scan_id, decision, at, day) VALUES (?, ?, ?, ?)`,
			scanID, decision, at.UnixNano(), day); err != nil {
			return err
		}
		if s.PersonKey != "" {
			_, err = tx.ExecContext(ctx, `
				UPDATE warnings SET resolved_at = ? WHERE door = ? AND kind = ? AND key = ? AND resolved_at IS NULL`,
				at.UnixNano(), s.Door, string(canhcua.WarnNotOnRoster), s.PersonKey)
		}
		return err
	})
	if err != nil {
		return canhcua.Scan{}, fmt.Errorf("store: decide on scan %d: %w", scanID, err)
	}
	return out, nil
}

// Guest is a held scan the operator decided on.
type Guest struct {
	Scan     canhcua.Scan // as it is now: accepted (admitted) or rejected (refused)
	Admitted bool
	Decided  time.Time // UTC
}

// Guests returns the decisions on the scans of the local day containing day
// at door ("" for all doors), in the order of the scans.
func (db *DB) Guests(ctx context.Context, day time.Time, door string) ([]Guest, error) {
	q := `SELECT ` + scanColumns + `, c.decision, c.at
		FROM decisions c JOIN scans s ON s.id = c.scan_id JOIN doors d ON d.id = s.door_id
		WHERE c.day = ?`
	args := []any{db.dayOf(day)}
	if door != "" {
		q += ` AND d.name = ?`
		args = append(args, door)
	}
	q += ` ORDER BY s.at, s.id`
	return viewAll(ctx, db, "guests", guestRow, q, args...)
}

// guestRow reads a scan (scanColumns) and its decision and time.
func guestRow(r rowScanner) (Guest, error) {
	var (
		g        Guest
		decision string
		at       int64
		err      error
	)
	if g.Scan, err = scanRow(r, &decision, &at); err != nil {
		return g, err
	}
	g.Admitted, g.Decided = decision == "admitted", time.Unix(0, at).UTC()
	return g, nil
}
