package store

import (
	"context"
	"time"

	"github.com/canhcua/canhcua"
)

// Tracer reads contact traces (canhcua.Trace) from this desk's database, all
// of whose doors are one site, called site. Times are the desk's own clock:
// one desk needs no correction.
func (db *DB) Tracer(site string) canhcua.TraceReader { return deskTracer{db, site} }

type deskTracer struct {
	db   *DB
	site string
}

// traceColumns are the columns traceRow reads, from scans s joined with doors
// d.
const traceColumns = `d.name, s.at, s.direction, coalesce(s.person_key, ''), s.name, s.id_number, s.birth_date`

func (t deskTracer) traceRow(r rowScanner) (canhcua.TraceScan, error) {
	s := canhcua.TraceScan{Site: t.site}
	var at int64
	err := r.Scan(&s.Door, &at, &s.Direction, &s.PersonKey, &s.Name, &s.IDNumber, &s.BirthDate)
	s.At = time.Unix(0, at).UTC()
	return s, err
}

// TracePersonScans is the accepted scans within [from, to) with the
// target's ID number (as their person key or ID number) or folded name
// (their birth dates are compared by canhcua.Trace), read through the day's
// index.
func (t deskTracer) TracePersonScans(ctx context.Context, target canhcua.TraceTarget, from, to time.Time) ([]canhcua.TraceScan, error) {
	q := `SELECT ` + traceColumns + ` FROM scans s JOIN doors d ON d.id = s.door_id
		WHERE s.day BETWEEN ? AND ? AND s.at >= ? AND s.at < ? AND s.result = 'accepted'`
	args := []any{t.db.dayOf(from), t.db.dayOf(to), from.UnixNano(), to.UnixNano()}
	if target.IDNumber != "" {
		q += ` AND (s.person_key = ? OR s.id_number = ?)`
		args = append(args, "id:"+target.IDNumber, target.IDNumber)
	} else {
		q += ` AND s.name_fold = ?`
		args = append(args, canhcua.Fold(target.Name))
	}
	q += ` ORDER BY s.at, s.id`
	return viewAll(ctx, t.db, "trace", t.traceRow, q, args...)
}

// TraceSiteScans is the accepted scans of the desk within the spans of its
// site (the only site it knows).
func (t deskTracer) TraceSiteScans(ctx context.Context, spans []canhcua.SiteSpan) ([]canhcua.TraceScan, error) {
	var out []canhcua.TraceScan
	for _, sp := range spans {
		if sp.Site != t.site {
			continue
		}
		ss, err := viewAll(ctx, t.db, "trace", t.traceRow, `SELECT `+traceColumns+` FROM scans s JOIN doors d ON d.id = s.door_id
			WHERE s.day BETWEEN ? AND ? AND s.at >= ? AND s.at < ? AND s.result = 'accepted'
			ORDER BY s.at, s.id`, t.db.dayOf(sp.From), t.db.dayOf(sp.To), sp.From.UnixNano(), sp.To.UnixNano())
		if err != nil {
			return nil, err
		}
		out = append(out, ss...)
	}
	return out, nil
}
