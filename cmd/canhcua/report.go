package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
	"github.com/canhcua/canhcua/store/report"
)

// reportClock is the time of "today" and of the report's "made at" line;
// tests fix it.
var reportClock = time.Now

func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("report", catalog.ReportSynopsis, stdout, stderr)
	df := c.dayFileFlags(userConfig(stderr), report.Formats, catalog.ReportFlagFormat, catalog.ReportFlagTo, catalog.ReportFlagLang)
	site := c.fs.String("site", "", say(catalog.ReportFlagSite))
	if status, ok := c.parseNone(args); !ok {
		return status
	}
	now := reportClock().In(df.loc)
	st, err := df.open(ctx, now)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	day, f, lang := df.day, df.ext, *df.lang
	d, err := buildReportDay(ctx, st, day, *df.door)
	if err != nil {
		return c.fail(err)
	}
	d.Site, d.Made = *site, now

	out := *df.to
	if out == "" {
		out = "-"
		if f != "text" {
			out = report.DefaultName(day, f)
			if d.Demo {
				out = export.DemoName(out)
			}
		}
	}
	if out == "-" {
		if err := report.Write(stdout, f, d, lang); err != nil {
			return c.fail(err)
		}
		return exitOK
	}
	if err := export.WriteFile(out, func(w io.Writer) error { return report.Write(w, f, d, lang) }); err != nil {
		return c.fail(err)
	}
	fmt.Fprintln(stdout, out)
	return exitOK
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
