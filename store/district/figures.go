package district

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
)

// Group is a roster group's share scanned on a day: "Cán bộ 27/30".
type Group = canhcua.GroupShare

// recount recomputes the figures of one site's day (site_days) from its
// scans, warnings and rosters. Two desks of one site pushing at once recount
// one after the other (an advisory lock on the site and day).
func recount(ctx context.Context, tx pgx.Tx, site int64, day string) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1::int, hashtext($2))`, int32(site), day); err != nil {
		return err
	}
	groups, err := groupsOf(ctx, tx, site, day)
	if err != nil {
		return err
	}
	g, err := json.Marshal(shares(groups))
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `
		INSERT INTO site_days (site_id, day, entries, exits, rejected, people, inside, warnings, groups)
		SELECT $1, $2::date,
			count(*) FILTER (WHERE result = 'accepted' AND direction = 'in'),
			count(*) FILTER (WHERE result = 'accepted' AND direction = 'out'),
			count(*) FILTER (WHERE result = 'rejected'),
			count(DISTINCT person_key) FILTER (WHERE result = 'accepted' AND person_key <> ''),
			(SELECT count(*) FROM (
				SELECT DISTINCT ON (person_key) direction FROM scans
				WHERE site_id = $1 AND day = $2::date AND result = 'accepted' AND person_key <> ''
				ORDER BY person_key, at_server DESC) last WHERE direction = 'in'),
			(SELECT count(*) FROM warnings WHERE site_id = $1 AND day = $2::date),
			$3::jsonb
		FROM scans WHERE site_id = $1 AND day = $2::date
		ON CONFLICT (day, site_id) DO UPDATE SET entries = excluded.entries, exits = excluded.exits,
			rejected = excluded.rejected, people = excluded.people, inside = excluded.inside,
			warnings = excluded.warnings, groups = excluded.groups`, site, day, g)
	return err
}

// groupsOf is each roster of the site with how many of its people have an
// accepted scan at the site on day (matched as the desk matches them), and
// who did not scan. A roster whose window does not touch day is left out.
func groupsOf(ctx context.Context, q querier, site int64, day string) ([]canhcua.ExpectedGroup, error) {
	rs, members, err := rostersOf(ctx, q, site)
	if err != nil {
		return nil, err
	}
	if d, err := time.ParseInLocation(time.DateOnly, day, tz.Vietnam()); err == nil {
		rs = slices.DeleteFunc(rs, func(r canhcua.Roster) bool { return !r.ActiveOn(d) })
	}
	if len(rs) == 0 {
		return []canhcua.ExpectedGroup{}, nil
	}
	rows, err := q.Query(ctx, `
		SELECT DISTINCT ON (person_key) person_key, name, id_number, birth_date FROM scans
		WHERE site_id = $1 AND day = $2::date AND result = 'accepted' AND person_key <> ''`, site, day)
	if err != nil {
		return nil, err
	}
	var seen []canhcua.Identity
	for rows.Next() {
		var key string
		var id canhcua.Identity
		if err := rows.Scan(&key, &id.Name, &id.IDNumber, &id.BirthDate); err != nil {
			rows.Close()
			return nil, err
		}
		id.Key = key
		if b, ok := strings.CutPrefix(key, "badge:"); ok {
			id.BadgeID = b
		}
		seen = append(seen, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]canhcua.ExpectedGroup, 0, len(rs))
	for _, r := range rs {
		g := canhcua.ExpectedGroup{Roster: r, Total: len(members[r.Name])}
		for _, m := range members[r.Name] {
			if slices.ContainsFunc(seen, m.Matches) {
				g.Present++
			} else {
				g.Missing = append(g.Missing, m)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// shares are the groups' shares scanned, as site_days keeps them.
func shares(gs []canhcua.ExpectedGroup) []Group {
	out := make([]Group, len(gs))
	for i, g := range gs {
		out[i] = Group{Roster: g.Roster.Name, Present: g.Present, Total: g.Total}
	}
	return out
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// rostersOf reads a site's rosters and their people.
func rostersOf(ctx context.Context, q querier, site int64) ([]canhcua.Roster, map[string][]canhcua.Member, error) {
	rows, err := q.Query(ctx, `SELECT name, expected_by, only_roster, members, active_from, active_until
		FROM rosters WHERE site_id = $1 ORDER BY name`, site)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var rs []canhcua.Roster
	members := map[string][]canhcua.Member{}
	for rows.Next() {
		var (
			r           canhcua.Roster
			ms          []byte
			from, until *time.Time
		)
		if err := rows.Scan(&r.Name, &r.ExpectedBy, &r.Only, &ms, &from, &until); err != nil {
			return nil, nil, err
		}
		if from != nil {
			r.From = *from
		}
		if until != nil {
			r.Until = *until
		}
		var js []memberJSON
		if err := json.Unmarshal(ms, &js); err != nil {
			return nil, nil, fmt.Errorf("roster %s: %w", r.Name, err)
		}
		for _, m := range js {
			members[r.Name] = append(members[r.Name], m.member(r.Name))
		}
		rs = append(rs, r)
	}
	return rs, members, rows.Err()
}

// SiteRosters are the rosters of the site called site, with their people
// (none for a site the server does not know yet).
func (db *DB) SiteRosters(ctx context.Context, site string) ([]canhcua.Roster, map[string][]canhcua.Member, error) {
	var id int64
	err := db.pool.QueryRow(ctx, `SELECT id FROM sites WHERE name = $1`, site).Scan(&id)
	if err == pgx.ErrNoRows {
		return nil, map[string][]canhcua.Member{}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("district: rosters of %s: %w", site, err)
	}
	rs, ms, err := rostersOf(ctx, db.pool, id)
	if err != nil {
		return nil, nil, fmt.Errorf("district: rosters of %s: %w", site, err)
	}
	return rs, ms, nil
}

// SaveSiteRoster saves a roster for the site called site (made when new), as
// `canhcua roster import --server` does: with replace, its people become
// members; without, they are added (a person already there, by folded name
// and ID number, is updated). Every desk of the site pulls it; today's
// figures of the site are recounted.
func (db *DB) SaveSiteRoster(ctx context.Context, site string, r canhcua.Roster, members []canhcua.Member, replace bool) error {
	if err := r.CheckWindow(); err != nil {
		return err
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		id, err := siteID(ctx, tx, site)
		if err != nil {
			return err
		}
		var old []memberJSON
		if !replace {
			var ms []byte
			err := tx.QueryRow(ctx, `SELECT members FROM rosters WHERE site_id = $1 AND name = $2 FOR UPDATE`, id, r.Name).Scan(&ms)
			switch {
			case err == pgx.ErrNoRows:
			case err != nil:
				return err
			default:
				if err := json.Unmarshal(ms, &old); err != nil {
					return err
				}
			}
		}
		merged := mergeMembers(old, membersJSON(members))
		ms, err := json.Marshal(merged)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO rosters (site_id, name, expected_by, only_roster, members, active_from, active_until, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, now())
			ON CONFLICT (site_id, name) DO UPDATE SET expected_by = $3, only_roster = $4, members = $5,
				active_from = $6, active_until = $7, updated_at = now()`,
			id, r.Name, r.ExpectedBy, r.Only, ms, nullTime(r.From), nullTime(r.Until)); err != nil {
			return err
		}
		var today string
		if err := tx.QueryRow(ctx, `SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text`).Scan(&today); err != nil {
			return err
		}
		return recount(ctx, tx, id, today)
	})
	if err != nil {
		return fmt.Errorf("district: roster %s of %s: %w", r.Name, site, err)
	}
	return nil
}

// mergeMembers adds add to old: a person already in old (same folded name
// and ID number) is updated, its non-empty fields winning; the others are
// added, in order.
func mergeMembers(old, add []memberJSON) []memberJSON {
	out := append([]memberJSON(nil), old...)
	index := map[string]int{}
	for i, m := range out {
		index[canhcua.Fold(m.Name)+"\x00"+m.IDNumber] = i
	}
	for _, m := range add {
		k := canhcua.Fold(m.Name) + "\x00" + m.IDNumber
		i, ok := index[k]
		if !ok {
			index[k] = len(out)
			out = append(out, m)
			continue
		}
		o := &out[i]
		o.Name = m.Name
		if m.Unit != "" {
			o.Unit = m.Unit
		}
		if m.BadgeID != "" {
			o.BadgeID = m.BadgeID
		}
		if m.BirthDate != "" {
			o.BirthDate = m.BirthDate
		}
		if m.ExpectedBy >= 0 {
			o.ExpectedBy = m.ExpectedBy
		}
	}
	return out
}

// SiteDay is a site's figures on a day, all its doors together.
type SiteDay struct {
	Site     string
	Entries  int
	Exits    int
	Rejected int
	People   int
	Inside   int
	Warnings int
	Groups   []Group
}

// Day is the figures of the site called site on the local day of day (zero
// figures for a day with no scan).
func (db *DB) Day(ctx context.Context, site string, day time.Time) (SiteDay, error) {
	d := SiteDay{Site: site}
	var g []byte
	err := db.pool.QueryRow(ctx, `
		SELECT f.entries, f.exits, f.rejected, f.people, f.inside, f.warnings, f.groups
		FROM site_days f JOIN sites s ON s.id = f.site_id WHERE s.name = $1 AND f.day = $2::date`,
		site, day.Format(time.DateOnly)).Scan(&d.Entries, &d.Exits, &d.Rejected, &d.People, &d.Inside, &d.Warnings, &g)
	if err == pgx.ErrNoRows {
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("district: %s on %s: %w", site, day.Format("02/01/2006"), err)
	}
	if err := json.Unmarshal(g, &d.Groups); err != nil {
		return d, fmt.Errorf("district: %s on %s: %w", site, day.Format("02/01/2006"), err)
	}
	return d, nil
}
