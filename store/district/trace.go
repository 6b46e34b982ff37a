package district

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
)

// The district's server is a canhcua.TraceReader: contact tracing across
// every site, on times corrected for each desk's clock (at_server), so that
// two desks of a site whose clocks disagree still compare.

// traceColumns are the columns traceRow reads, from scans s joined with
// sites si.
const traceColumns = `si.name, s.door, s.at_server, s.direction, s.person_key, s.name, s.id_number, s.birth_date`

func traceRows(rows pgx.Rows) ([]canhcua.TraceScan, error) {
	var dir string
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (canhcua.TraceScan, error) {
		var s canhcua.TraceScan
		err := r.Scan(&s.Site, &s.Door, &s.At, &dir, &s.PersonKey, &s.Name, &s.IDNumber, &s.BirthDate)
		s.Direction = canhcua.Direction(dir)
		return s, err
	})
}

// personScansByID and personScansByName read a person's accepted scans in a
// time range through the indexes on person keys and ID numbers (a bitmap of
// both: scans_person, scans_id_number), or on folded names (scans_name).
// The conditions that the key, number or name is not empty are those of the
// partial indexes, written out so that the planner may use them whatever the
// parameters (in the generic plans of prepared statements).
const (
	personScansByID = `SELECT ` + traceColumns + ` FROM scans s JOIN sites si ON si.id = s.site_id
		WHERE ((s.person_key = $1 AND s.person_key <> '') OR (s.id_number = $2 AND s.id_number <> ''))
			AND s.at_server >= $3 AND s.at_server < $4 AND s.result = 'accepted'
		ORDER BY s.at_server, s.desk_id, s.local_id`
	personScansByName = `SELECT ` + traceColumns + ` FROM scans s JOIN sites si ON si.id = s.site_id
		WHERE s.name_fold = $1 AND s.name_fold <> ''
			AND s.at_server >= $2 AND s.at_server < $3 AND s.result = 'accepted'
		ORDER BY s.at_server, s.desk_id, s.local_id`
	// siteScans reads a site's accepted scans in a time range through
	// scans_site_day (site_id, day, at_server). The day is the desk's local
	// day (its own clock): the days read are widened by one on each side,
	// for desks whose clocks are off.
	siteScans = `SELECT ` + traceColumns + ` FROM scans s JOIN sites si ON si.id = s.site_id
		WHERE si.name = $1 AND s.day BETWEEN $2::date AND $3::date
			AND s.at_server >= $4 AND s.at_server < $5 AND s.result = 'accepted'
		ORDER BY s.at_server, s.desk_id, s.local_id`
)

// TracePersonScans is the accepted scans within [from, to) of every site
// with the target's ID number (as the person key "id:NUMBER" or the ID
// number) or folded name (canhcua.Trace compares the birth dates).
func (db *DB) TracePersonScans(ctx context.Context, t canhcua.TraceTarget, from, to time.Time) ([]canhcua.TraceScan, error) {
	var rows pgx.Rows
	var err error
	if t.IDNumber != "" {
		rows, err = db.pool.Query(ctx, personScansByID, "id:"+t.IDNumber, t.IDNumber, from, to)
	} else {
		rows, err = db.pool.Query(ctx, personScansByName, canhcua.Fold(t.Name), from, to)
	}
	if err != nil {
		return nil, fmt.Errorf("district: trace: %w", err)
	}
	ss, err := traceRows(rows)
	if err != nil {
		return nil, fmt.Errorf("district: trace: %w", err)
	}
	return ss, nil
}

// TraceSiteScans is the accepted scans of each span's site within its
// times, read in one round trip.
func (db *DB) TraceSiteScans(ctx context.Context, spans []canhcua.SiteSpan) ([]canhcua.TraceScan, error) {
	loc := tz.Vietnam()
	b := &pgx.Batch{}
	var out []canhcua.TraceScan
	for _, sp := range spans {
		b.Queue(siteScans, sp.Site, sp.From.In(loc).AddDate(0, 0, -1).Format(time.DateOnly),
			sp.To.In(loc).AddDate(0, 0, 1).Format(time.DateOnly), sp.From, sp.To).
			Query(func(rows pgx.Rows) error {
				ss, err := traceRows(rows)
				out = append(out, ss...)
				return err
			})
	}
	if err := db.pool.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("district: trace: %w", err)
	}
	return out, nil
}
