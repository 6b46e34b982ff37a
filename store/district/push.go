package district

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

// Desk is a desk as it introduces itself on every push.
type Desk struct {
	ID      string    // its UUID (store.DB.DeskID)
	Site    string    // the unit it belongs to
	Door    string    // its door
	Clock   time.Time // its clock when it pushed: the server notes how far off it is
	Version string
}

// Push applies a desk's changes, all or none, in one transaction: the desk
// and its site are recorded (last heard now), every change whose sequence
// number is above what was already applied for this desk is applied (a
// scan or warning replaces the desk's earlier state of it; a roster becomes
// the site's), the day figures of the days touched are recounted, and the
// desk's applied sequence becomes last. It returns that sequence: the desk
// may forget its changes up to it. A push with no changes is a heartbeat.
func (db *DB) Push(ctx context.Context, d Desk, changes []store.Change, last int64) (int64, error) {
	var acked int64
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		siteID, err := siteID(ctx, tx, d.Site)
		if err != nil {
			return err
		}
		skew := int64(0)
		var now time.Time
		if err := tx.QueryRow(ctx, `SELECT now()`).Scan(&now); err != nil {
			return err
		}
		if !d.Clock.IsZero() {
			skew = d.Clock.Sub(now).Milliseconds()
		}
		err = tx.QueryRow(ctx, `
			INSERT INTO desks (id, site_id, door, last_heard, clock_skew_ms, version)
			VALUES ($1, $2, $3, now(), $4, $5)
			ON CONFLICT (id) DO UPDATE SET site_id = $2, door = $3, last_heard = now(), clock_skew_ms = $4, version = $5
			RETURNING acked_seq`, d.ID, siteID, d.Door, skew, d.Version).Scan(&acked)
		if err != nil {
			return err
		}
		// The desk's row is locked until commit: two pushes of one desk
		// (a desk restarted while its last push was still running) apply
		// one after the other, and the second skips what the first did.
		if err := tx.QueryRow(ctx, `SELECT acked_seq FROM desks WHERE id = $1 FOR UPDATE`, d.ID).Scan(&acked); err != nil {
			return err
		}
		if last <= acked {
			return nil
		}
		loc := tz.Vietnam()
		days := map[string]bool{}
		rostersChanged := false
		b := &pgx.Batch{}
		for _, c := range changes {
			if c.Seq <= acked {
				continue
			}
			switch {
			case c.Scan != nil:
				queueScan(b, d.ID, siteID, c.Scan, skew, loc)
				days[c.Scan.At.In(loc).Format(time.DateOnly)] = true
			case c.Warning != nil:
				queueWarning(b, d.ID, siteID, c.Warning, loc)
				days[c.Warning.At.In(loc).Format(time.DateOnly)] = true
			case c.Roster != nil:
				ms, err := json.Marshal(membersJSON(c.Roster.Members))
				if err != nil {
					return err
				}
				r := c.Roster.Roster
				b.Queue(`INSERT INTO rosters (site_id, name, expected_by, only_roster, members, active_from, active_until, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, now())
					ON CONFLICT (site_id, name) DO UPDATE SET expected_by = $3, only_roster = $4, members = $5,
						active_from = $6, active_until = $7, updated_at = now()`,
					siteID, r.Name, r.ExpectedBy, r.Only, ms, nullTime(r.From), nullTime(r.Until))
				rostersChanged = true
			case c.RosterGone != "":
				b.Queue(`DELETE FROM rosters WHERE site_id = $1 AND name = $2`, siteID, c.RosterGone)
				rostersChanged = true
			}
		}
		if b.Len() > 0 {
			if err := tx.SendBatch(ctx, b).Close(); err != nil {
				return err
			}
		}
		if rostersChanged {
			days[now.In(loc).Format(time.DateOnly)] = true
		}
		for day := range days {
			if err := recount(ctx, tx, siteID, day); err != nil {
				return fmt.Errorf("recount %s: %w", day, err)
			}
		}
		acked = last
		_, err = tx.Exec(ctx, `UPDATE desks SET acked_seq = $2 WHERE id = $1`, d.ID, last)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("district: push: %w", err)
	}
	return acked, nil
}

// siteID is the id of the site called name, made when new.
func siteID(ctx context.Context, tx pgx.Tx, name string) (int64, error) {
	if name == "" {
		return 0, errors.New("a desk without a site")
	}
	var id int64
	err := tx.QueryRow(ctx, `
		INSERT INTO sites (name) VALUES ($1)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name
		RETURNING id`, name).Scan(&id)
	return id, err
}

func queueScan(b *pgx.Batch, desk string, site int64, s *store.SentScan, skewMS int64, loc *time.Location) {
	var decided any
	if !s.DecidedAt.IsZero() {
		decided = s.DecidedAt
	}
	b.Queue(`INSERT INTO scans (desk_id, local_id, site_id, door, at, at_server, day, direction, kind, person_key,
			name, name_fold, id_number, birth_date, result, reason, reason_vi, decision, decided_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
		ON CONFLICT (desk_id, local_id) DO UPDATE SET site_id = $3, door = $4, at = $5, at_server = $6, day = $7,
			direction = $8, kind = $9, person_key = $10, name = $11, name_fold = $12, id_number = $13,
			birth_date = $14, result = $15, reason = $16, reason_vi = $17, decision = $18, decided_at = $19,
			received_at = now()`,
		desk, s.ID, site, s.Door, s.At, s.At.Add(-time.Duration(skewMS)*time.Millisecond), s.At.In(loc).Format(time.DateOnly),
		string(s.Direction), string(s.Kind), s.PersonKey, s.Name, canhcua.Fold(s.Name), s.IDNumber, s.BirthDate,
		string(s.Result), s.Reason, s.ReasonVI, s.Decision, decided)
}

func queueWarning(b *pgx.Batch, desk string, site int64, w *canhcua.Warning, loc *time.Location) {
	var resolved, decided any
	if !w.Resolved.IsZero() {
		resolved = w.Resolved
	}
	if !w.Decided.IsZero() {
		decided = w.Decided
	}
	b.Queue(`INSERT INTO warnings (desk_id, local_id, site_id, door, at, day, kind, message, message_vi, person_key, name,
			resolved_at, decision, decided_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		ON CONFLICT (desk_id, local_id) DO UPDATE SET site_id = $3, door = $4, at = $5, day = $6, kind = $7,
			message = $8, message_vi = $9, person_key = $10, name = $11, resolved_at = $12, decision = $13, decided_at = $14`,
		desk, w.ID, site, w.Door, w.At, w.At.In(loc).Format(time.DateOnly), string(w.Kind), w.Message, w.MessageVI,
		w.PersonKey, w.Name, resolved, string(w.Decision), decided)
}

// nullTime is t for the server, NULL when zero.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// memberJSON is a roster member as the server keeps it.
type memberJSON struct {
	Name       string `json:"name"`
	Unit       string `json:"unit,omitempty"`
	IDNumber   string `json:"id_number,omitempty"`
	BadgeID    string `json:"badge_id,omitempty"`
	BirthDate  string `json:"birth_date,omitempty"`
	ExpectedBy int    `json:"expected_by"`
}

func membersJSON(ms []canhcua.Member) []memberJSON {
	out := make([]memberJSON, len(ms))
	for i, m := range ms {
		out[i] = memberJSON{m.Name, m.Unit, m.IDNumber, m.BadgeID, m.BirthDate, m.ExpectedBy}
	}
	return out
}

func (m memberJSON) member(roster string) canhcua.Member {
	return canhcua.Member{Roster: roster, Name: m.Name, Unit: m.Unit, IDNumber: m.IDNumber, BadgeID: m.BadgeID,
		BirthDate: m.BirthDate, ExpectedBy: m.ExpectedBy}
}
