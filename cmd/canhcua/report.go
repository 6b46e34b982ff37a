package main

import (
	"context"
	"io"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/district"
	"github.com/canhcua/canhcua/store/export"
	"github.com/canhcua/canhcua/store/report"
)

// reportClock is the time of "today" and of the report's "made at" line;
// tests fix it.
var reportClock = time.Now

func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := userConfig(stderr)
	c := newCLI("report", catalog.ReportSynopsis, stdout, stderr)
	df := c.dayFileFlags(cfg, report.Formats, catalog.ReportFlagFormat, catalog.ReportFlagTo, catalog.ReportFlagLang)
	site := c.fs.String("site", "", say(catalog.ReportFlagSite))
	server := c.fs.String("server", "", say(catalog.ReportFlagServer))
	all := c.fs.Bool("district", false, say(catalog.ReportFlagDistrict))
	if status, ok := c.parseNone(args); !ok {
		return status
	}
	now := reportClock().In(df.loc)
	if *server != "" || *all {
		return serverReport(ctx, c, df, cfg, now, *server, *site, *all)
	}
	st, err := df.open(ctx, now)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	d, err := buildReportDay(ctx, st, df.day, *df.door)
	if err != nil {
		return c.fail(err)
	}
	d.Site, d.Made = *site, now
	return writeReport(c, df, d)
}

// serverReport is `canhcua report --server URL [--site NAME | --district]`:
// the day report of a site (--site, else the config's site) from the
// district's server, or of all sites together (store/district.DistrictReport).
func serverReport(ctx context.Context, c *cli, df *dayFile, cfg config, now time.Time, server, site string, all bool) int {
	if err := df.check(now); err != nil {
		return c.fail(err)
	}
	switch {
	case all && c.set("site"):
		return c.failf(catalog.ReportSiteAndDistrict)
	case c.set("door"):
		return c.failf(catalog.ReportServerDoor)
	}
	if server == "" {
		server = cfg.Server
	}
	if server == "" {
		return c.failf(catalog.DistrictNoServer)
	}
	if site == "" && !all && cfg.Site != defaultConfig().Site {
		site = cfg.Site
	}
	if site == "" && !all {
		return c.failf(catalog.ReportServerNoSite)
	}
	db, err := district.Open(ctx, server)
	if err != nil {
		return c.fail(err)
	}
	defer db.Close()
	var d report.Day
	if all {
		var n int
		d, n, err = db.DistrictReport(ctx, df.day)
		d.Site = catalog.Of(*df.lang).T(catalog.DistrictAllSites, n)
	} else {
		d, err = db.Report(ctx, site, df.day)
	}
	if err != nil {
		return c.fail(redactServer(err, server))
	}
	d.Made = now
	return writeReport(c, df, d)
}

// writeReport writes the report d as the flags of df say: text to standard
// output, other formats to the day's default file, unless --to.
func writeReport(c *cli, df *dayFile, d report.Day) int {
	out := *df.to
	if out == "" {
		out = "-"
		if df.ext != "text" {
			out = report.DefaultName(df.day, df.ext)
			if d.Demo {
				out = export.DemoName(out)
			}
		}
	}
	d.Comma = df.comma
	return c.emit(out, func(w io.Writer) error { return report.Write(w, df.ext, d, *df.lang) })
}

// buildReportDay gathers the report of the local day containing day at door
// ("" for all doors) from the store.
func buildReportDay(ctx context.Context, st *store.DB, day time.Time, door string) (report.Day, error) {
	d := report.Day{Date: day.In(st.Location()), Door: door}
	var err error
	if d.Demo, err = st.Demo(ctx); err != nil {
		return d, err
	}
	if d.Counts, err = st.Counts(ctx, door, day); err != nil {
		return d, err
	}
	groups, err := st.ExpectedStatus(ctx, day)
	if err != nil {
		return d, err
	}
	d.Groups = reportGroups(groups)
	if d.Warnings, err = st.Warnings(ctx, day, door, false); err != nil {
		return d, err
	}
	guests, err := st.Guests(ctx, day, door)
	if err != nil {
		return d, err
	}
	for _, g := range guests {
		d.Guests = append(d.Guests, report.Guest{
			Name: g.Scan.Name, IDNumber: g.Scan.IDNumber, Door: g.Scan.Door,
			At: g.Scan.At, Admitted: g.Admitted, Decided: g.Decided,
		})
	}
	return d, nil
}

// reportGroups turns the store's expected status into the report's groups.
func reportGroups(gs []store.GroupStatus) []report.Group {
	out := make([]report.Group, 0, len(gs))
	for _, g := range gs {
		out = append(out, report.Group{Name: g.Roster.Name, Present: g.Present, Total: g.Total,
			ExpectedBy: g.Roster.ExpectedBy, Missing: g.Expected().Missing})
	}
	return out
}
