package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// SaveRoster creates the roster named r.Name, or updates the one of that name
// (its ExpectedBy and Only are set as given), and stores members in it. With
// replace, the roster's members become exactly members; without, members are
// merged into it: a member with the same folded name and ID number as one
// already there updates that one (its non-empty fields win), others are
// added. Members keep their order. It returns the roster with its ID.
//
// A roster or member without a name, or an expected-by time outside the day,
// is EINVALID; nothing is saved then.
func (db *DB) SaveRoster(ctx context.Context, r canhcua.Roster, members []canhcua.Member, replace bool) (canhcua.Roster, error) {
	r.Name = strings.Join(strings.Fields(r.Name), " ")
	if r.Name == "" {
		return canhcua.Roster{}, canhcua.Errorf(canhcua.EINVALID, catalog.ErrRosterNameEmpty)
	}
	if err := checkExpectedBy(r.ExpectedBy); err != nil {
		return canhcua.Roster{}, fmt.Errorf("roster %s: %w", r.Name, err)
	}
	if err := r.CheckWindow(); err != nil {
		return canhcua.Roster{}, err
	}
	ms := make([]canhcua.Member, len(members))
	for i, m := range members {
		m = cleanMember(m)
		if m.Name == "" {
			return canhcua.Roster{}, canhcua.Errorf(canhcua.EINVALID, catalog.ErrRosterMemberNoName, r.Name, i+1)
		}
		if err := checkExpectedBy(m.ExpectedBy); err != nil {
			return canhcua.Roster{}, fmt.Errorf("roster %s: member %d (%s): %w", r.Name, i+1, m.Name, err)
		}
		ms[i] = m
	}
	err := db.update(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO rosters (name, expected_by, only_roster, active_from, active_until) VALUES (?1, ?2, ?3, ?4, ?5)
			ON CONFLICT (name) DO UPDATE SET expected_by = ?2, only_roster = ?3, active_from = ?4, active_until = ?5,
				origin = 'local'
			RETURNING id`, r.Name, r.ExpectedBy, r.Only, unixNano(r.From), unixNano(r.Until)).Scan(&r.ID)
		if err != nil {
			return err
		}
		if replace {
			if _, err := tx.ExecContext(ctx, `DELETE FROM roster_members WHERE roster_id = ?`, r.ID); err != nil {
				return err
			}
		}
		ins, err := tx.PrepareContext(ctx, insertMember)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, m := range ms {
			if !replace {
				var id int64
				err := tx.QueryRowContext(ctx, `
					SELECT id FROM roster_members WHERE roster_id = ? AND name_fold = ? AND id_number = ?
					ORDER BY id LIMIT 1`, r.ID, canhcua.Fold(m.Name), m.IDNumber).Scan(&id)
				if err == nil {
					_, err = tx.ExecContext(ctx, `
						UPDATE roster_members SET name = ?2,
							unit = CASE WHEN ?3 <> '' THEN ?3 ELSE unit END,
							badge_id = CASE WHEN ?4 <> '' THEN ?4 ELSE badge_id END,
							birth_date = CASE WHEN ?5 <> '' THEN ?5 ELSE birth_date END,
							expected_by = CASE WHEN ?6 >= 0 THEN ?6 ELSE expected_by END
						WHERE id = ?1`, id, m.Name, m.Unit, m.BadgeID, m.BirthDate, m.ExpectedBy)
					if err != nil {
						return err
					}
					continue
				} else if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			if _, err := ins.ExecContext(ctx, memberArgs(r.ID, m)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return canhcua.Roster{}, fmt.Errorf("store: save roster %s: %w", r.Name, err)
	}
	return r, nil
}

// insertMember adds a member to a roster (memberArgs).
const insertMember = `INSERT INTO roster_members (roster_id, name, name_fold, unit, id_number, badge_id, birth_date, expected_by)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

func memberArgs(rosterID int64, m canhcua.Member) []any {
	return []any{rosterID, m.Name, canhcua.Fold(m.Name), m.Unit, m.IDNumber, m.BadgeID, m.BirthDate, m.ExpectedBy}
}

// insertMembers adds members to the roster rosterID, in order.
func insertMembers(ctx context.Context, tx *sql.Tx, rosterID int64, ms []canhcua.Member) error {
	ins, err := tx.PrepareContext(ctx, insertMember)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, m := range ms {
		if _, err := ins.ExecContext(ctx, memberArgs(rosterID, cleanMember(m))...); err != nil {
			return err
		}
	}
	return nil
}

func checkExpectedBy(min int) error {
	if min < -1 || min >= 24*60 {
		return canhcua.Errorf(canhcua.EINVALID, catalog.ErrExpectedBy, min)
	}
	return nil
}

// cleanMember trims a member's fields and collapses the spaces of its name.
func cleanMember(m canhcua.Member) canhcua.Member {
	m.Name = strings.Join(strings.Fields(m.Name), " ")
	m.Unit = strings.Join(strings.Fields(m.Unit), " ")
	m.IDNumber = strings.TrimSpace(m.IDNumber)
	m.BadgeID = strings.TrimSpace(m.BadgeID)
	m.BirthDate = strings.TrimSpace(m.BirthDate)
	return m
}

// Rosters returns every roster, by name.
func (db *DB) Rosters(ctx context.Context) ([]canhcua.Roster, error) {
	var out []canhcua.Roster
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = rosters(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: rosters: %w", err)
	}
	return out, nil
}

func rosters(ctx context.Context, tx *sql.Tx) ([]canhcua.Roster, error) {
	return queryAll(ctx, tx, rosterRow, `SELECT `+rosterColumns+` FROM rosters ORDER BY name, id`)
}

// rosterColumns are the columns rosterRow reads.
const rosterColumns = `id, name, expected_by, only_roster, active_from, active_until`

func rosterRow(rs rowScanner) (canhcua.Roster, error) {
	var (
		r           canhcua.Roster
		from, until sql.NullInt64
	)
	err := rs.Scan(&r.ID, &r.Name, &r.ExpectedBy, &r.Only, &from, &until)
	r.From, r.Until = fromUnixNano(from), fromUnixNano(until)
	return r, err
}

// unixNano is t as the database keeps a time that may be absent: unix
// nanoseconds, NULL for the zero time.
func unixNano(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixNano()
}

// fromUnixNano is the time unixNano kept (UTC), zero for NULL.
func fromUnixNano(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

// memberColumns are the columns scanMember reads, from roster_members m
// joined with rosters r.
const memberColumns = `m.id, r.name, m.name, m.unit, m.id_number, m.badge_id, m.birth_date, m.expected_by`

// scanMember reads a member, and the columns after memberColumns into extra.
func scanMember(rs rowScanner, extra ...any) (canhcua.Member, error) {
	var m canhcua.Member
	err := rs.Scan(append([]any{&m.ID, &m.Roster, &m.Name, &m.Unit, &m.IDNumber, &m.BadgeID, &m.BirthDate, &m.ExpectedBy}, extra...)...)
	return m, err
}

func queryMembers(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]canhcua.Member, error) {
	return queryAll(ctx, tx, func(rs rowScanner) (canhcua.Member, error) { return scanMember(rs) }, q, args...)
}

// Members returns the members of the roster named roster (of every roster
// when ""), by roster name and then in import order. An unknown roster is
// ENOTFOUND.
func (db *DB) Members(ctx context.Context, roster string) ([]canhcua.Member, error) {
	var out []canhcua.Member
	err := db.view(ctx, func(tx *sql.Tx) error {
		q := `SELECT ` + memberColumns + ` FROM roster_members m JOIN rosters r ON r.id = m.roster_id`
		var args []any
		if roster != "" {
			id, err := rosterID(ctx, tx, roster)
			if err != nil {
				return err
			}
			q += ` WHERE m.roster_id = ?`
			args = append(args, id)
		}
		q += ` ORDER BY r.name, r.id, m.id`
		var err error
		out, err = queryMembers(ctx, tx, q, args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: members: %w", err)
	}
	return out, nil
}

// rosterID is the id of the roster named name; ENOTFOUND when there is none.
func rosterID(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM rosters WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, canhcua.Errorf(canhcua.ENOTFOUND, catalog.ErrNoRoster, name)
	}
	return id, err
}

// RemoveRoster deletes the roster named name and its members; ENOTFOUND when
// there is none. Scans are not touched.
func (db *DB) RemoveRoster(ctx context.Context, name string) error {
	err := db.update(ctx, func(tx *sql.Tx) error {
		id, err := rosterID(ctx, tx, name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM roster_members WHERE roster_id = ?`, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM rosters WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: remove roster %s: %w", name, err)
	}
	return nil
}

// MatchMember returns every roster membership the identity matches (see
// canhcua.Member.Matches), by roster name. The indexes on ID number, badge
// and folded name select the candidates.
func (db *DB) MatchMember(ctx context.Context, id canhcua.Identity) ([]canhcua.Member, error) {
	if id.Reject != "" {
		return nil, nil
	}
	fold := canhcua.Fold(id.Name)
	if id.IDNumber == "" && id.BadgeID == "" && fold == "" {
		return nil, nil
	}
	var out []canhcua.Member
	err := db.view(ctx, func(tx *sql.Tx) error {
		ms, err := queryMembers(ctx, tx, `
			SELECT `+memberColumns+` FROM roster_members m JOIN rosters r ON r.id = m.roster_id
			WHERE m.id IN (
				SELECT id FROM roster_members WHERE id_number = ?1 AND ?1 <> ''
				UNION SELECT id FROM roster_members WHERE badge_id = ?2 AND ?2 <> ''
				UNION SELECT id FROM roster_members WHERE name_fold = ?3 AND ?3 <> '')
			ORDER BY r.name, r.id, m.id`, id.IDNumber, id.BadgeID, fold)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.Matches(id) {
				out = append(out, m)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: match member: %w", err)
	}
	return out, nil
}

// GroupStatus is how far a roster's people have scanned on a day.
type GroupStatus struct {
	Roster  canhcua.Roster
	Members []MemberStatus // in import order
	// Present is how many members have scanned; Total how many there are.
	Present, Total int
}

// Expected is the group as the warning rules take it: the members who have
// not scanned are the missing ones.
func (g GroupStatus) Expected() canhcua.ExpectedGroup {
	eg := canhcua.ExpectedGroup{Roster: g.Roster, Present: g.Present, Total: g.Total}
	for _, m := range g.Members {
		if !m.Scanned {
			eg.Missing = append(eg.Missing, m.Member)
		}
	}
	return eg
}

// Expected is each group's Expected.
func Expected(gs []GroupStatus) []canhcua.ExpectedGroup {
	out := make([]canhcua.ExpectedGroup, len(gs))
	for i, g := range gs {
		out[i] = g.Expected()
	}
	return out
}

// MemberStatus is whether one member has scanned on a day.
type MemberStatus struct {
	Member  canhcua.Member
	Scanned bool
	// FirstScan is the member's first accepted scan of the day (UTC), when
	// Scanned.
	FirstScan time.Time
	// Expected is the member's expected-by time on the day (in the
	// database's zone), when HasExpected.
	Expected    time.Time
	HasExpected bool
}

// Late reports whether the member has not scanned by their expected time at
// now (or scanned after it).
func (s MemberStatus) Late(now time.Time) bool {
	if !s.HasExpected {
		return false
	}
	if s.Scanned {
		return s.FirstScan.After(s.Expected)
	}
	return now.After(s.Expected)
}

// ExpectedStatus returns, for every roster (by name) whose window touches
// the local day containing day (canhcua.Roster.ActiveOn), which of its
// members have an accepted scan on that day. A scan counts for a
// member when its identity matches them as canhcua.Member.Matches says: by
// ID number (person key "id:…"), by badge ("badge:…"), or else by folded
// name and birth date.
//
// It reads the day's accepted scans once (one row per person) and the
// rosters' members once, and matches them in memory through maps.
func (db *DB) ExpectedStatus(ctx context.Context, day time.Time) ([]GroupStatus, error) {
	type seen struct {
		id    canhcua.Identity
		fold  string
		first int64
	}
	type expected struct {
		m    canhcua.Member
		fold string
	}
	var (
		rs      []canhcua.Roster
		members []expected
		scans   []seen
	)
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		if rs, err = rosters(ctx, tx); err != nil || len(rs) == 0 {
			return err
		}
		rs = slices.DeleteFunc(rs, func(r canhcua.Roster) bool { return !r.ActiveOn(day.In(db.loc)) })
		members, err = queryAll(ctx, tx, func(rs rowScanner) (e expected, err error) {
			e.m, err = scanMember(rs, &e.fold)
			return e, err
		}, `
			SELECT `+memberColumns+`, m.name_fold FROM roster_members m JOIN rosters r ON r.id = m.roster_id
			ORDER BY r.name, r.id, m.id`)
		if err != nil {
			return err
		}
		// One row per person: their first accepted scan of the day.
		scans, err = queryAll(ctx, tx, func(rs rowScanner) (s seen, err error) {
			if err := rs.Scan(&s.id.Key, &s.first, &s.id.Name, &s.fold, &s.id.IDNumber, &s.id.BirthDate); err != nil {
				return s, err
			}
			if b, ok := strings.CutPrefix(s.id.Key, "badge:"); ok {
				s.id.BadgeID = b
			}
			return s, nil
		}, `
			SELECT person_key, min(at), max(name), max(name_fold), max(id_number), max(birth_date) FROM scans
			WHERE day = ? AND result = 'accepted' AND person_key IS NOT NULL
			GROUP BY person_key`, db.dayOf(day))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: expected status: %w", err)
	}

	byKey := make(map[string]int, len(scans))
	byName := make(map[string][]int, len(scans))
	for i, s := range scans {
		byKey[s.id.Key] = i
		if s.fold != "" {
			byName[s.fold] = append(byName[s.fold], i)
		}
	}
	local := day.In(db.loc)
	out := make([]GroupStatus, len(rs))
	index := make(map[string]int, len(rs))
	for i, r := range rs {
		out[i].Roster = r
		index[r.Name] = i
	}
	var cand []int
	for _, e := range members {
		m := e.m
		i, ok := index[m.Roster]
		if !ok {
			continue // a roster outside its window that day
		}
		g := &out[i]
		st := MemberStatus{Member: m}
		st.Expected, st.HasExpected = m.Expected(g.Roster, local)
		cand = cand[:0]
		if m.IDNumber != "" {
			if i, ok := byKey["id:"+m.IDNumber]; ok {
				cand = append(cand, i)
			}
		}
		if m.BadgeID != "" {
			if i, ok := byKey["badge:"+m.BadgeID]; ok {
				cand = append(cand, i)
			}
		}
		cand = append(cand, byName[e.fold]...)
		for _, i := range cand {
			s := scans[i]
			if !matchFolded(m, e.fold, s.id, s.fold) {
				continue
			}
			at := time.Unix(0, s.first).UTC()
			if !st.Scanned || at.Before(st.FirstScan) {
				st.Scanned, st.FirstScan = true, at
			}
		}
		g.Members = append(g.Members, st)
		g.Total++
		if st.Scanned {
			g.Present++
		}
	}
	return out, nil
}

// matchFolded is canhcua.Member.Matches with both names already folded
// (folding is most of the cost of ExpectedStatus otherwise).
func matchFolded(m canhcua.Member, mFold string, id canhcua.Identity, idFold string) bool {
	switch {
	case m.IDNumber != "" && id.IDNumber != "":
		return m.IDNumber == id.IDNumber
	case m.BadgeID != "" && id.BadgeID != "":
		return m.BadgeID == id.BadgeID
	}
	if mFold == "" || mFold != idFold {
		return false
	}
	return canhcua.BirthDatesAgree(m.BirthDate, id.BirthDate)
}

// NotScanned returns the members of the statuses who have not scanned, by
// expected time (those without one last) and then name.
func NotScanned(gs []GroupStatus) []MemberStatus {
	var out []MemberStatus
	for _, g := range gs {
		for _, m := range g.Members {
			if !m.Scanned {
				out = append(out, m)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.HasExpected != b.HasExpected {
			return a.HasExpected
		}
		if !a.Expected.Equal(b.Expected) {
			return a.Expected.Before(b.Expected)
		}
		return canhcua.Fold(a.Member.Name) < canhcua.Fold(b.Member.Name)
	})
	return out
}
