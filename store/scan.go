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

// exitWindow bounds how far back an exit looks for the entry it closes: an
// exit 24 hours or more after an unclosed entry is an exit without a recorded
// entry, not a day-long visit.
const exitWindow = 24 * time.Hour

// Scan records what the desk made of an identity shown at door at time at
// (the clock's now when zero), in one transaction: it reads the person's last
// accepted scan today at that door, lets rules decide, stores the scan (and
// the door and the person), and updates the visits. The scan is committed
// when Scan returns; it comes back with its ID.
//
// Visits: an accepted entry opens a visit unless the person already has an
// open visit at that door entered the same day (then they are inside
// already); an accepted exit closes the person's latest open visit at that
// door entered less than 24 hours before, or records a visit with only an
// exit.
func (db *DB) Scan(ctx context.Context, id canhcua.Identity, mode canhcua.Mode, door string, at time.Time, rules canhcua.Rules) (canhcua.Scan, error) {
	door = strings.TrimSpace(door)
	if door == "" {
		return canhcua.Scan{}, canhcua.Errorf(canhcua.EINVALID, catalog.ErrDoorEmpty)
	}
	if _, err := canhcua.ParseMode(string(mode)); err != nil {
		return canhcua.Scan{}, err
	}
	if at.IsZero() {
		at = db.now()
	}
	at = at.UTC()
	day, hour := db.dayOf(at), at.In(db.loc).Hour()

	var s canhcua.Scan
	err := db.update(ctx, func(tx *sql.Tx) error {
		doorID, err := ensureDoor(ctx, tx, door)
		if err != nil {
			return err
		}
		var last *canhcua.Scan
		if id.Key != "" {
			if last, err = lastAccepted(ctx, tx, id.Key, doorID, day); err != nil {
				return err
			}
			if last != nil {
				last.Door = door
			}
		}
		s = rules.Decide(id, mode, door, at, last)
		s.At = at

		if s.PersonKey != "" && (s.Result == canhcua.Accepted || s.Result == canhcua.Duplicate || s.Result == canhcua.Held) {
			if err := upsertPerson(ctx, tx, s); err != nil {
				return err
			}
		}
		var firstDay, firstDoor bool
		if s.Result == canhcua.Accepted && s.PersonKey != "" {
			firstDoor = last == nil
			if firstDay = firstDoor; firstDay {
				err := tx.QueryRowContext(ctx, `
					SELECT NOT EXISTS (SELECT 1 FROM scans WHERE person_key = ? AND day = ? AND result = 'accepted')`,
					s.PersonKey, day).Scan(&firstDay)
				if err != nil {
					return err
				}
			}
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO scans (at, day, hour, door_id, direction, kind, person_key,
				name, name_fold, id_number, birth_date, result, reason, reason_vi, ago, first_day, first_door)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			at.UnixNano(), day, hour, doorID, string(s.Direction), string(s.Kind), nullString(s.PersonKey),
			s.Name, canhcua.Fold(s.Name), s.IDNumber, s.BirthDate, string(s.Result), s.Reason, s.ReasonVI, int64(s.Ago),
			firstDay, firstDoor)
		if err != nil {
			return err
		}
		if s.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if s.Result == canhcua.Accepted && s.PersonKey != "" {
			return addToVisits(ctx, tx, s.PersonKey, doorID, s.ID, s.Direction, at, day)
		}
		return nil
	})
	if err != nil {
		return canhcua.Scan{}, fmt.Errorf("store: scan at %s: %w", door, err)
	}
	return s, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// ensureDoor returns the door's id, creating the door.
func ensureDoor(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM doors WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		var res sql.Result
		if res, err = tx.ExecContext(ctx, `INSERT INTO doors (name) VALUES (?)`, name); err == nil {
			id, err = res.LastInsertId()
		}
	}
	return id, err
}

// lastAccepted is the person's last accepted scan on day at the door, or nil.
func lastAccepted(ctx context.Context, tx *sql.Tx, key string, doorID int64, day string) (*canhcua.Scan, error) {
	var (
		s   canhcua.Scan
		at  int64
		dir string
	)
	err := tx.QueryRowContext(ctx, `
		SELECT id, at, direction FROM scans
		WHERE person_key = ? AND door_id = ? AND day = ? AND result = 'accepted'
		ORDER BY at DESC, id DESC LIMIT 1`, key, doorID, day).Scan(&s.ID, &at, &dir)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	s.At, s.Direction, s.Result, s.PersonKey = time.Unix(0, at).UTC(), canhcua.Direction(dir), canhcua.Accepted, key
	return &s, nil
}

func upsertPerson(ctx context.Context, tx *sql.Tx, s canhcua.Scan) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO people (key, kind, name, id_number, birth_date, first_seen, last_seen)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
		ON CONFLICT (key) DO UPDATE SET
			kind = excluded.kind,
			name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE people.name END,
			id_number = CASE WHEN excluded.id_number <> '' THEN excluded.id_number ELSE people.id_number END,
			birth_date = CASE WHEN excluded.birth_date <> '' THEN excluded.birth_date ELSE people.birth_date END,
			first_seen = min(people.first_seen, excluded.first_seen),
			last_seen = max(people.last_seen, excluded.last_seen)`,
		s.PersonKey, string(s.Kind), s.Name, s.IDNumber, s.BirthDate, s.At.UnixNano())
	return err
}

// addToVisits applies one accepted scan to the person's visits at the door
// (see Scan for the rules; rebuildVisits replays them).
func addToVisits(ctx context.Context, tx *sql.Tx, key string, doorID, scanID int64, dir canhcua.Direction, at time.Time, day string) error {
	if dir == canhcua.In {
		var open int64
		err := tx.QueryRowContext(ctx, `
			SELECT id FROM visits
			WHERE door_id = ? AND person_key = ? AND out_at IS NULL AND day = ?
			LIMIT 1`, doorID, key, day).Scan(&open)
		if err == nil {
			return nil // inside already
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO visits (person_key, door_id, day, in_scan_id, in_at) VALUES (?, ?, ?, ?, ?)`,
			key, doorID, day, scanID, at.UnixNano())
		return err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE visits SET out_scan_id = ?1, out_at = ?2
		WHERE id = (
			SELECT id FROM visits
			WHERE door_id = ?3 AND person_key = ?4 AND out_at IS NULL
				AND in_at <= ?2 AND in_at > ?5
			ORDER BY in_at DESC, id DESC LIMIT 1)`,
		scanID, at.UnixNano(), doorID, key, at.Add(-exitWindow).UnixNano())
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO visits (person_key, door_id, day, out_scan_id, out_at) VALUES (?, ?, ?, ?, ?)`,
		key, doorID, day, scanID, at.UnixNano())
	return err
}

// rebuildVisits recomputes the person's visits at the door from their
// accepted scans there, as addToVisits would have made them.
func rebuildVisits(ctx context.Context, tx *sql.Tx, key string, doorID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM visits WHERE person_key = ? AND door_id = ?`, key, doorID); err != nil {
		return err
	}
	type scan struct {
		id       int64
		at       int64
		day, dir string
	}
	// All read before addToVisits writes.
	ss, err := queryAll(ctx, tx, func(r rowScanner) (s scan, err error) {
		err = r.Scan(&s.id, &s.at, &s.day, &s.dir)
		return s, err
	}, `
		SELECT id, at, day, direction FROM scans
		WHERE person_key = ? AND door_id = ? AND result = 'accepted'
		ORDER BY day, at, id`, key, doorID)
	if err != nil {
		return err
	}
	for _, s := range ss {
		if err := addToVisits(ctx, tx, key, doorID, s.id, canhcua.Direction(s.dir), time.Unix(0, s.at), s.day); err != nil {
			return err
		}
	}
	return nil
}

// Void marks an accepted scan voided (the operator's undo): the scan is kept,
// with Result Voided and the reason, and no longer counts; the person's visits
// at that door are recomputed without it. Voiding an unknown scan is
// ENOTFOUND, a scan that is not accepted (or already voided) ECONFLICT.
func (db *DB) Void(ctx context.Context, scanID int64, reason string) (canhcua.Scan, error) {
	reason = strings.TrimSpace(reason)
	var s canhcua.Scan
	err := db.update(ctx, func(tx *sql.Tx) error {
		got, doorID, err := scanByID(ctx, tx, scanID)
		if err != nil {
			return err
		}
		if got.Result != canhcua.Accepted {
			return canhcua.Errorf(canhcua.ECONFLICT, catalog.ErrVoidNotAccepted, scanID, got.Result)
		}
		var firstDay, firstDoor bool
		var day string
		if err := tx.QueryRowContext(ctx, `SELECT first_day, first_door, day FROM scans WHERE id = ?`, scanID).Scan(&firstDay, &firstDoor, &day); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE scans SET result = 'voided', voided_at = ?, void_reason = ?, first_day = 0, first_door = 0
			WHERE id = ?`, db.now().UTC().UnixNano(), reason, scanID); err != nil {
			return err
		}
		if got.PersonKey != "" {
			// The person's next accepted scan that day becomes their first.
			if firstDay {
				if _, err := tx.ExecContext(ctx, `
					UPDATE scans SET first_day = 1 WHERE id = (
						SELECT id FROM scans WHERE person_key = ? AND day = ? AND result = 'accepted'
						ORDER BY at, id LIMIT 1)`, got.PersonKey, day); err != nil {
					return err
				}
			}
			if firstDoor {
				if _, err := tx.ExecContext(ctx, `
					UPDATE scans SET first_door = 1 WHERE id = (
						SELECT id FROM scans WHERE person_key = ? AND day = ? AND door_id = ? AND result = 'accepted'
						ORDER BY at, id LIMIT 1)`, got.PersonKey, day, doorID); err != nil {
					return err
				}
			}
			if err := rebuildVisits(ctx, tx, got.PersonKey, doorID); err != nil {
				return err
			}
		}
		got.Result, got.Reason, got.ReasonVI = canhcua.Voided, reason, reason
		s = got
		return nil
	})
	if err != nil {
		return canhcua.Scan{}, fmt.Errorf("store: void scan %d: %w", scanID, err)
	}
	return s, nil
}

// scanByID reads scan id and its door's id in tx; ENOTFOUND when there is no
// such scan.
func scanByID(ctx context.Context, tx *sql.Tx, id int64) (canhcua.Scan, int64, error) {
	var doorID int64
	row := tx.QueryRowContext(ctx, `SELECT `+scanColumns+`, s.door_id FROM scans s JOIN doors d ON d.id = s.door_id WHERE s.id = ?`, id)
	s, err := scanRow(row, &doorID)
	if errors.Is(err, sql.ErrNoRows) {
		return s, 0, canhcua.Errorf(canhcua.ENOTFOUND, catalog.ErrNoScan, id)
	}
	return s, doorID, err
}

// scanColumns are the columns scanRow reads, from scans s joined with doors d.
const scanColumns = `s.id, s.at, d.name, s.direction, s.kind, s.person_key, s.name, s.id_number,
	s.birth_date, s.result, s.reason, s.reason_vi, s.ago, s.void_reason`

func scanRow(r rowScanner, extra ...any) (canhcua.Scan, error) {
	var (
		s                     canhcua.Scan
		at, ago               int64
		dir, kind, result     string
		personKey, voidReason sql.NullString
	)
	dest := append([]any{&s.ID, &at, &s.Door, &dir, &kind, &personKey, &s.Name, &s.IDNumber,
		&s.BirthDate, &result, &s.Reason, &s.ReasonVI, &ago, &voidReason}, extra...)
	if err := r.Scan(dest...); err != nil {
		return s, err
	}
	s.At = time.Unix(0, at).UTC()
	s.Direction, s.Kind, s.Result = canhcua.Direction(dir), canhcua.Kind(kind), canhcua.Result(result)
	s.PersonKey, s.Ago = personKey.String, time.Duration(ago)
	if s.Result == canhcua.Voided {
		s.Reason, s.ReasonVI = voidReason.String, voidReason.String
	}
	return s, nil
}

// LastScan is the newest scan recorded at door (at any door when door is
// ""), or nil when there is none.
func (db *DB) LastScan(ctx context.Context, door string) (*canhcua.Scan, error) {
	q := `SELECT ` + scanColumns + ` FROM scans s JOIN doors d ON d.id = s.door_id`
	var args []any
	if door != "" {
		q += ` WHERE s.door_id = (SELECT id FROM doors WHERE name = ?)`
		args = append(args, door)
	}
	q += ` ORDER BY s.id DESC LIMIT 1`
	s, err := scanRow(db.db.QueryRowContext(ctx, q, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: last scan: %w", db.storageError(err))
	}
	return &s, nil
}

// ScanQuery selects scans.
type ScanQuery struct {
	Day    time.Time // any time within the local day; zero: all days
	Door   string    // "": all doors
	Limit  int       // 0: no limit
	Newest bool      // newest first (else oldest first)
	// Search keeps the scans whose name or ID number contains every word of
	// it, ignoring case and diacritics: "nguyen van an" finds "Nguyễn Văn An".
	Search string
}

// Scans returns the scans q selects, in time order.
func (db *DB) Scans(ctx context.Context, q ScanQuery) ([]canhcua.Scan, error) {
	var (
		where []string
		args  []any
	)
	if !q.Day.IsZero() {
		where, args = append(where, `s.day = ?`), append(args, db.dayOf(q.Day))
	}
	if q.Door != "" {
		where, args = append(where, `s.door_id = (SELECT id FROM doors WHERE name = ?)`), append(args, q.Door)
	}
	for _, w := range strings.Fields(canhcua.Fold(q.Search)) {
		p := "%" + escapeLike(w) + "%"
		where = append(where, `(s.name_fold LIKE ? ESCAPE '\' OR s.id_number LIKE ? ESCAPE '\')`)
		args = append(args, p, p)
	}
	sq := `SELECT ` + scanColumns + ` FROM scans s JOIN doors d ON d.id = s.door_id`
	if len(where) > 0 {
		sq += ` WHERE ` + strings.Join(where, ` AND `)
	}
	if q.Newest {
		sq += ` ORDER BY s.at DESC, s.id DESC`
	} else {
		sq += ` ORDER BY s.at, s.id`
	}
	if q.Limit > 0 {
		sq += ` LIMIT ?`
		args = append(args, q.Limit)
	}
	return viewAll(ctx, db, "scans", func(r rowScanner) (canhcua.Scan, error) { return scanRow(r) }, sq, args...)
}

func visitRow(r rowScanner) (canhcua.Visit, error) {
	var (
		v         canhcua.Visit
		in, outAt sql.NullInt64
	)
	if err := r.Scan(&v.PersonKey, &v.Name, &v.Door, &in, &outAt); err != nil {
		return v, err
	}
	if in.Valid {
		v.In = time.Unix(0, in.Int64).UTC()
	}
	if outAt.Valid {
		v.Out = time.Unix(0, outAt.Int64).UTC()
	}
	return v, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Visits returns the visits of the local day (by entry, or by exit for an
// exit without entry) at door ("" for all doors), in time order.
func (db *DB) Visits(ctx context.Context, day time.Time, door string) ([]canhcua.Visit, error) {
	q := `
		SELECT v.person_key, coalesce(p.name, ''), d.name, v.in_at, v.out_at
		FROM visits v JOIN doors d ON d.id = v.door_id LEFT JOIN people p ON p.key = v.person_key
		WHERE v.day = ?`
	args := []any{db.dayOf(day)}
	if door != "" {
		q += ` AND v.door_id = (SELECT id FROM doors WHERE name = ?)`
		args = append(args, door)
	}
	q += ` ORDER BY coalesce(v.in_at, v.out_at), v.id`
	return viewAll(ctx, db, "visits", visitRow, q, args...)
}
