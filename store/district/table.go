package district

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
)

// The district health office's table: a row a site for a day, and a site's
// detail. Both read one snapshot of the server (a read-only repeatable-read
// transaction), and their figures from site_days, which every push keeps up
// to date: the table reads a row a site, never the day's scans.

// District is the district's table for the day of day (its date in
// Vietnam's time): every site the server knows, with its doors and when
// each was last heard from, its figures and roster groups of the day (zeros,
// and its rosters with nobody scanned, for a site without a scan that day),
// worst compliance first (canhcua.SiteStatus.WorseThan). On the day that is
// today, a door unheard for more than canhcua.SilentAfter while now is
// within hours is flagged silent; now is the server's clock, as last_heard.
func (db *DB) District(ctx context.Context, day time.Time, hours canhcua.OpeningHours) (canhcua.District, error) {
	var out canhcua.District
	err := db.read(ctx, func(tx pgx.Tx) error {
		now, err := serverNow(ctx, tx)
		if err != nil {
			return err
		}
		sites, err := siteRows(ctx, tx, 0, dayOf(day), now, hours)
		if err != nil {
			return err
		}
		canhcua.SortWorstFirst(sites)
		out = canhcua.District{Day: midnight(day), Now: now.In(tz.Vietnam()), Hours: hours, Sites: sites}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("district: table of %s: %w", day.Format("02/01/2006"), err)
	}
	return out, nil
}

// Site is the detail of the site called site on the day of day: its row of
// the table, each door's entries and exits, each roster group with who did
// not scan (matched as the desk matches, groupsOf), and the day's warnings.
// A site the server does not know is ENOTFOUND.
func (db *DB) Site(ctx context.Context, site string, day time.Time, hours canhcua.OpeningHours) (canhcua.SiteDetail, error) {
	var out canhcua.SiteDetail
	err := db.read(ctx, func(tx pgx.Tx) error {
		id, err := knownSite(ctx, tx, site)
		if err != nil {
			return err
		}
		now, err := serverNow(ctx, tx)
		if err != nil {
			return err
		}
		out, err = detail(ctx, tx, id, dayOf(day), now, hours)
		return err
	})
	if err != nil {
		return out, fmt.Errorf("district: %s on %s: %w", site, day.Format("02/01/2006"), err)
	}
	return out, nil
}

// detail is the detail of site id on day.
func detail(ctx context.Context, tx pgx.Tx, id int64, day string, now time.Time, hours canhcua.OpeningHours) (canhcua.SiteDetail, error) {
	rows, err := siteRows(ctx, tx, id, day, now, hours)
	if err != nil {
		return canhcua.SiteDetail{}, err
	}
	d, _ := time.ParseInLocation(time.DateOnly, day, tz.Vietnam())
	out := canhcua.SiteDetail{Status: rows[0], Day: d, Now: now.In(tz.Vietnam())}
	if out.Doors, err = doorDays(ctx, tx, id, day, rows[0].Doors); err != nil {
		return out, err
	}
	if out.Groups, err = groupsOf(ctx, tx, id, day); err != nil {
		return out, err
	}
	out.Warnings, err = warningsOf(ctx, tx, id, day)
	return out, err
}

// read runs fn in a read-only transaction that sees one snapshot.
func (db *DB) read(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
}

// knownSite is the id of the site called name; ENOTFOUND when there is none.
func knownSite(ctx context.Context, tx pgx.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM sites WHERE name = $1`, name).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, canhcua.Errorf(canhcua.ENOTFOUND, catalog.ErrNoSite, name)
	}
	return id, err
}

func serverNow(ctx context.Context, tx pgx.Tx) (time.Time, error) {
	var now time.Time
	err := tx.QueryRow(ctx, `SELECT now()`).Scan(&now)
	return now, err
}

// dayOf is the date of day in Vietnam's time, as the scans' day column has it.
func dayOf(day time.Time) string { return day.In(tz.Vietnam()).Format(time.DateOnly) }

// midnight is the start of day's date in Vietnam's time.
func midnight(day time.Time) time.Time {
	y, m, d := day.In(tz.Vietnam()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, tz.Vietnam())
}

// siteRows are the table's rows (unsorted) of every site, or of the site
// with id only (id > 0), on day.
func siteRows(ctx context.Context, tx pgx.Tx, id int64, day string, now time.Time, hours canhcua.OpeningHours) ([]canhcua.SiteStatus, error) {
	rows, err := tx.Query(ctx, `
		SELECT s.id, s.name, s.time_zone, f.site_id IS NOT NULL,
			coalesce(f.entries, 0), coalesce(f.exits, 0), coalesce(f.rejected, 0), coalesce(f.people, 0),
			coalesce(f.inside, 0), coalesce(f.warnings, 0), coalesce(f.groups, '[]')
		FROM sites s LEFT JOIN site_days f ON f.site_id = s.id AND f.day = $1::date
		WHERE $2::bigint = 0 OR s.id = $2::bigint
		ORDER BY s.name COLLATE "C"`, day, id)
	if err != nil {
		return nil, err
	}
	var (
		sites   []canhcua.SiteStatus
		ids     []int64
		zones   = map[int64]*time.Location{}
		counted = map[int64]bool{}
	)
	for rows.Next() {
		var (
			s      canhcua.SiteStatus
			sid    int64
			zone   string
			has    bool
			groups []byte
		)
		c := &s.Counts
		if err := rows.Scan(&sid, &s.Site, &zone, &has, &c.Entries, &c.Exits, &c.Rejected, &c.People, &c.Inside, &s.Warnings, &groups); err != nil {
			rows.Close()
			return nil, err
		}
		if err := json.Unmarshal(groups, &s.Groups); err != nil {
			rows.Close()
			return nil, fmt.Errorf("%s: groups: %w", s.Site, err)
		}
		sites, ids = append(sites, s), append(ids, sid)
		zones[sid], counted[sid] = tz.Load(zone), has
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(sites) == 0 && id > 0 {
		return nil, pgx.ErrNoRows
	}
	doors, err := doorLinks(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	var rosters map[int64][]Group
	for i, sid := range ids {
		local := now.In(zones[sid])
		today := local.Format(time.DateOnly) == day
		for _, d := range doors[sid] {
			d.Silent = today && hours.Silent(d.LastHeard, local)
			sites[i].Doors = append(sites[i].Doors, d)
		}
		if counted[sid] {
			continue
		}
		// No figures for the day yet: the site's rosters, nobody scanned.
		if rosters == nil {
			if rosters, err = rosterSizes(ctx, tx, id); err != nil {
				return nil, err
			}
		}
		sites[i].Groups = rosters[sid]
	}
	return sites, nil
}

// doorLinks are the doors of every site (of site id only, id > 0), by site:
// each door's latest contact, over the desks that have served it (a desk
// reinstalled at a door is a new desk of the same door).
func doorLinks(ctx context.Context, tx pgx.Tx, id int64) (map[int64][]canhcua.DoorLink, error) {
	rows, err := tx.Query(ctx, `
		SELECT site_id, door, max(last_heard) FROM desks
		WHERE $1::bigint = 0 OR site_id = $1::bigint
		GROUP BY site_id, door ORDER BY site_id, door`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]canhcua.DoorLink{}
	for rows.Next() {
		var (
			sid int64
			d   canhcua.DoorLink
		)
		if err := rows.Scan(&sid, &d.Door, &d.LastHeard); err != nil {
			return nil, err
		}
		out[sid] = append(out[sid], d)
	}
	return out, rows.Err()
}

// rosterSizes are the rosters of every site (of site id only, id > 0), by
// site, each with its size and nobody present.
func rosterSizes(ctx context.Context, tx pgx.Tx, id int64) (map[int64][]Group, error) {
	rows, err := tx.Query(ctx, `
		SELECT site_id, name, jsonb_array_length(members) FROM rosters
		WHERE $1::bigint = 0 OR site_id = $1::bigint
		ORDER BY site_id, name`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]Group{}
	for rows.Next() {
		var (
			sid int64
			g   Group
		)
		if err := rows.Scan(&sid, &g.Roster, &g.Total); err != nil {
			return nil, err
		}
		out[sid] = append(out[sid], g)
	}
	return out, rows.Err()
}

// doorDays are the doors of site id on day: those of its desks (links), and
// any other door its scans of the day name (a door renamed since), with the
// day's accepted entries and exits of each.
func doorDays(ctx context.Context, tx pgx.Tx, id int64, day string, links []canhcua.DoorLink) ([]canhcua.DoorDay, error) {
	rows, err := tx.Query(ctx, `
		SELECT door, count(*) FILTER (WHERE direction = 'in'), count(*) FILTER (WHERE direction = 'out')
		FROM scans WHERE site_id = $1 AND day = $2::date AND result = 'accepted'
		GROUP BY door`, id, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byDoor := map[string]*canhcua.DoorDay{}
	out := make([]canhcua.DoorDay, 0, len(links))
	for _, l := range links {
		out = append(out, canhcua.DoorDay{DoorLink: l})
	}
	for i := range out {
		byDoor[out[i].Door] = &out[i]
	}
	var extra []canhcua.DoorDay
	for rows.Next() {
		var (
			door      string
			in, leave int
		)
		if err := rows.Scan(&door, &in, &leave); err != nil {
			return nil, err
		}
		if d, ok := byDoor[door]; ok {
			d.Entries, d.Exits = in, leave
			continue
		}
		extra = append(extra, canhcua.DoorDay{DoorLink: canhcua.DoorLink{Door: door}, Entries: in, Exits: leave})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out = append(out, extra...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Door < out[j].Door })
	return out, nil
}

// warningsOf are the warnings of site id on day, in time order.
func warningsOf(ctx context.Context, tx pgx.Tx, id int64, day string) ([]canhcua.Warning, error) {
	rows, err := tx.Query(ctx, `
		SELECT local_id, at, door, kind, message, message_vi, person_key, name, resolved_at, decision, decided_at
		FROM warnings WHERE site_id = $1 AND day = $2::date
		ORDER BY at, desk_id, local_id`, id, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []canhcua.Warning
	for rows.Next() {
		var (
			w        canhcua.Warning
			kind     string
			decision string
			resolved *time.Time
			decided  *time.Time
		)
		if err := rows.Scan(&w.ID, &w.At, &w.Door, &kind, &w.Message, &w.MessageVI, &w.PersonKey, &w.Name, &resolved,
			&decision, &decided); err != nil {
			return nil, err
		}
		w.Kind, w.Decision = canhcua.WarningKind(kind), canhcua.WarningDecision(decision)
		if resolved != nil {
			w.Resolved = *resolved
		}
		if decided != nil {
			w.Decided = *decided
		}
		out = append(out, w)
	}
	return out, rows.Err()
}
