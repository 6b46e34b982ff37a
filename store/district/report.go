package district

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store/report"
)

// Report is the day report (store/report) of the site called site on the day
// of day, all its doors together, as the desk's own report gives it: the
// figures, each roster group's share and who did not scan, the guests
// admitted or refused at roster-only events, and the day's warnings. A site
// the server does not know is ENOTFOUND.
func (db *DB) Report(ctx context.Context, site string, day time.Time) (report.Day, error) {
	var out report.Day
	err := db.read(ctx, func(tx pgx.Tx) error {
		id, err := knownSite(ctx, tx, site)
		if err != nil {
			return err
		}
		out, err = siteReport(ctx, tx, id, dayOf(day))
		return err
	})
	if err != nil {
		return out, fmt.Errorf("district: report of %s on %s: %w", site, day.Format("02/01/2006"), err)
	}
	return out, nil
}

// DistrictReport is the day report of all sites together on the day of day:
// the figures summed over the sites (people: each site's distinct people,
// summed), each site's roster groups and who did not scan (a group named
// "Site — Group"), and every site's guests and warnings (their door named
// "Site · Door"), sites in name order. Site is left empty: the caller names
// the whole. It returns how many sites there are.
func (db *DB) DistrictReport(ctx context.Context, day time.Time) (report.Day, int, error) {
	out := report.Day{Date: midnight(day)}
	n := 0
	err := db.read(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, name FROM sites ORDER BY name COLLATE "C"`)
		if err != nil {
			return err
		}
		type site struct {
			id   int64
			name string
		}
		sites, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (site, error) {
			var s site
			return s, r.Scan(&s.id, &s.name)
		})
		if err != nil {
			return err
		}
		n = len(sites)
		for _, s := range sites {
			d, err := siteReport(ctx, tx, s.id, dayOf(day))
			if err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
			addSite(&out, s.name, d)
		}
		return nil
	})
	if err != nil {
		return out, 0, fmt.Errorf("district: report on %s: %w", day.Format("02/01/2006"), err)
	}
	return out, n, nil
}

// addSite adds the report d of site to the district's sum.
func addSite(sum *report.Day, site string, d report.Day) {
	c, a := &sum.Counts, d.Counts
	c.Entries += a.Entries
	c.Exits += a.Exits
	c.People += a.People
	c.Inside += a.Inside
	c.Rejected += a.Rejected
	for _, g := range d.Groups {
		g.Name = site + " — " + g.Name
		sum.Groups = append(sum.Groups, g)
	}
	for _, g := range d.Guests {
		g.Door = site + " · " + g.Door
		sum.Guests = append(sum.Guests, g)
	}
	for _, w := range d.Warnings {
		w.Door = site + " · " + w.Door
		sum.Warnings = append(sum.Warnings, w)
	}
}

// siteReport is the report of site id on day.
func siteReport(ctx context.Context, tx pgx.Tx, id int64, day string) (report.Day, error) {
	now, err := serverNow(ctx, tx)
	if err != nil {
		return report.Day{}, err
	}
	det, err := detail(ctx, tx, id, day, now, canhcua.OpeningHours{})
	if err != nil {
		return report.Day{}, err
	}
	d := report.Day{Date: det.Day, Site: det.Status.Site, Counts: det.Status.Counts, Warnings: det.Warnings}
	for _, g := range det.Groups {
		d.Groups = append(d.Groups, report.Group{Name: g.Roster.Name, Present: g.Present, Total: g.Total,
			ExpectedBy: g.Roster.ExpectedBy, Missing: g.Missing})
	}
	if d.Guests, err = guestsOf(ctx, tx, id, day); err != nil {
		return d, err
	}
	return d, nil
}

// guestsOf are the decisions on held scans of site id on day, in the order
// of the scans.
func guestsOf(ctx context.Context, tx pgx.Tx, id int64, day string) ([]report.Guest, error) {
	rows, err := tx.Query(ctx, `
		SELECT name, id_number, door, at, decision, decided_at FROM scans
		WHERE site_id = $1 AND day = $2::date AND decision <> ''
		ORDER BY at_server, desk_id, local_id`, id, day)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (report.Guest, error) {
		var (
			g        report.Guest
			decision string
			decided  *time.Time
		)
		err := r.Scan(&g.Name, &g.IDNumber, &g.Door, &g.At, &decision, &decided)
		g.Admitted = decision == "admitted"
		if decided != nil {
			g.Decided = *decided
		}
		return g, err
	})
}
