package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/canhcua/canhcua"
)

// The desk's side of the district's server: its identity, the outbox of
// changes to send (filled by triggers, migration 0005), what the server has
// acknowledged, and the rosters pulled from the site.

// Change is one change waiting to be sent, with the current state of what it
// names; a scan or warning purged since is not sent (Gone).
type Change struct {
	Seq        int64
	Scan       *SentScan        // a scan recorded, voided or decided on
	Warning    *canhcua.Warning // a warning opened, updated or resolved
	Roster     *SentRoster      // a roster imported or changed at this desk
	RosterGone string           // the name of a roster removed at this desk
}

// SentScan is a scan as the server keeps it: with the operator's decision
// on a held scan.
type SentScan struct {
	canhcua.Scan
	Decision  string    // "admitted", "refused" or ""
	DecidedAt time.Time // zero when no decision
}

// SentRoster is a roster with its people.
type SentRoster struct {
	Roster  canhcua.Roster
	Members []canhcua.Member
}

// DeskID is the desk's identity for the district's server: a random UUID
// made with the database and kept in it.
func (db *DB) DeskID(ctx context.Context) (string, error) {
	var id string
	err := db.update(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'desk_id'`).Scan(&id)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		id = newUUID()
		_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('desk_id', ?)`, id)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store: desk id: %w", err)
	}
	return id, nil
}

// newUUID is a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// Outbox returns the changes waiting to be sent, oldest first, at most limit
// rows of the outbox (a row named twice is sent once, with its current
// state), and the highest sequence number they cover (0 when none wait).
func (db *DB) Outbox(ctx context.Context, limit int) (changes []Change, last int64, err error) {
	type entry struct {
		seq    int64
		entity string
		ref    int64
		name   string
	}
	err = db.view(ctx, func(tx *sql.Tx) error {
		es, err := queryAll(ctx, tx, func(r rowScanner) (entry, error) {
			var e entry
			return e, r.Scan(&e.seq, &e.entity, &e.ref, &e.name)
		}, `SELECT seq, entity, ref, name FROM outbox ORDER BY seq LIMIT ?`, limit)
		if err != nil {
			return err
		}
		// The last mention of a row is where it is sent: its state now.
		lastOf := map[string]int{}
		for i, e := range es {
			lastOf[e.entity+"\x00"+strconv.FormatInt(e.ref, 10)+"\x00"+e.name] = i
			last = e.seq
		}
		for i, e := range es {
			if lastOf[e.entity+"\x00"+strconv.FormatInt(e.ref, 10)+"\x00"+e.name] != i {
				continue
			}
			c := Change{Seq: e.seq}
			switch e.entity {
			case "scan":
				c.Scan, err = sentScan(ctx, tx, e.ref)
			case "warning":
				c.Warning, err = sentWarning(ctx, tx, e.ref)
			case "roster":
				c.Roster, err = sentRoster(ctx, tx, e.ref)
			case "roster_gone":
				c.RosterGone = e.name
			}
			if err != nil {
				return err
			}
			if c.Scan != nil || c.Warning != nil || c.Roster != nil || c.RosterGone != "" {
				changes = append(changes, c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: outbox: %w", err)
	}
	return changes, last, nil
}

func sentScan(ctx context.Context, tx *sql.Tx, id int64) (*SentScan, error) {
	var (
		s        SentScan
		decision sql.NullString
		at       sql.NullInt64
	)
	row := tx.QueryRowContext(ctx, `SELECT `+scanColumns+`, c.decision, c.at
		FROM scans s JOIN doors d ON d.id = s.door_id LEFT JOIN decisions c ON c.scan_id = s.id
		WHERE s.id = ?`, id)
	sc, err := scanRow(row, &decision, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil // purged since
	}
	if err != nil {
		return nil, err
	}
	s.Scan, s.Decision = sc, decision.String
	if at.Valid {
		s.DecidedAt = time.Unix(0, at.Int64).UTC()
	}
	return &s, nil
}

func sentWarning(ctx context.Context, tx *sql.Tx, id int64) (*canhcua.Warning, error) {
	w, err := warningRow(tx.QueryRowContext(ctx, `SELECT `+warningColumns+` FROM warnings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &w, nil
}

func sentRoster(ctx context.Context, tx *sql.Tx, id int64) (*SentRoster, error) {
	var r SentRoster
	var err error
	r.Roster, err = rosterRow(tx.QueryRowContext(ctx, `SELECT `+rosterColumns+` FROM rosters WHERE id = ? AND origin = 'local'`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.Members, err = queryMembers(ctx, tx, `SELECT `+memberColumns+` FROM roster_members m JOIN rosters r ON r.id = m.roster_id
		WHERE m.roster_id = ? ORDER BY m.id`, id)
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// Acknowledge records that the server has applied the changes up to seq:
// they leave the outbox, and at is kept as the last time the desk was in
// touch with the server.
func (db *DB) Acknowledge(ctx context.Context, seq int64, at time.Time) error {
	err := db.update(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE seq <= ?`, seq); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('sync_at', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, strconv.FormatInt(at.UTC().UnixNano(), 10))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: acknowledge: %w", err)
	}
	return nil
}

// SyncState is how many changes wait to be sent (a row changed twice is one),
// and when the server last acknowledged some (zero: never).
func (db *DB) SyncState(ctx context.Context) (pending int, last time.Time, err error) {
	err = db.view(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT DISTINCT entity, ref, name FROM outbox)`).Scan(&pending); err != nil {
			return err
		}
		var at string
		switch err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'sync_at'`).Scan(&at); {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return err
		}
		n, err := strconv.ParseInt(at, 10, 64)
		if err == nil {
			last = time.Unix(0, n).UTC()
		}
		return err
	})
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: sync state: %w", err)
	}
	return pending, last, nil
}

// SetSiteRosters replaces the rosters pulled from the site's server with rs
// (their people in members, by roster name). A roster imported at this desk
// keeps its place: one of the same name from the site is left out.
// Nothing here goes to the outbox.
func (db *DB) SetSiteRosters(ctx context.Context, rs []canhcua.Roster, members map[string][]canhcua.Member) error {
	err := db.update(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM rosters WHERE origin = 'site'`); err != nil {
			return err
		}
		for _, r := range rs {
			var local int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rosters WHERE name = ?`, r.Name).Scan(&local); err != nil {
				return err
			}
			if local > 0 {
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO rosters (name, expected_by, only_roster, active_from, active_until, origin)
				VALUES (?, ?, ?, ?, ?, 'site')`, r.Name, r.ExpectedBy, r.Only, unixNano(r.From), unixNano(r.Until))
			if err != nil {
				return err
			}
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			if err := insertMembers(ctx, tx, id, members[r.Name]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: site rosters: %w", err)
	}
	return nil
}
