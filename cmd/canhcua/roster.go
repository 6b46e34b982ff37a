package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/district"
	"github.com/canhcua/canhcua/store/roster"
)

func cmdRoster(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("roster", catalog.RosterUsage, stdout, stderr)
	if len(args) == 0 {
		return c.failf(catalog.RosterNoCommand)
	}
	switch sub, rest := args[0], args[1:]; {
	case isHelp(sub):
		fmt.Fprint(stdout, say(catalog.RosterUsage))
		return exitOK
	case sub == "import":
		return rosterImport(ctx, rest, stdout, stderr)
	case sub == "edit":
		return rosterEdit(ctx, rest, stdout, stderr)
	case sub == "list":
		return rosterList(ctx, rest, stdout, stderr)
	case sub == "remove", sub == "rm":
		return rosterRemove(ctx, rest, stdout, stderr)
	default:
		return c.failf(catalog.RosterUnknownCommand, sub)
	}
}

func rosterImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("roster import", catalog.RosterImportSynopsis, stdout, stderr) // catalog:data: the command's words
	cfg := userConfig(stderr)
	group := c.fs.String("group", "", say(catalog.RosterFlagGroup))
	expected := c.fs.String("expected-by", "", say(catalog.RosterFlagExpectedBy))
	only := c.fs.Bool("only", false, say(catalog.RosterFlagOnly))
	from := c.fs.String("from", "", say(catalog.RosterFlagFrom))
	until := c.fs.String("until", "", say(catalog.RosterFlagUntil))
	replace := c.fs.Bool("replace", false, say(catalog.RosterFlagReplace))
	db := c.dbFlag(cfg.DB)
	badgeKey := c.fs.String("badge-key", cfg.BadgeKey, say(catalog.RosterFlagBadgeKey))
	server := c.fs.String("server", "", say(catalog.RosterFlagServer))
	site := c.fs.String("site", "", say(catalog.RosterFlagSite))
	maxPages := c.maxPagesFlag()
	pos, status, ok := c.parse(args)
	if !ok {
		return status
	}
	if err := checkMaxPages(*maxPages); err != nil {
		return c.fail(err)
	}
	switch {
	case len(pos) == 0:
		return c.failf(catalog.RosterNoFile)
	case len(pos) > 1:
		return c.failf(catalog.RosterOneFile, pos[1])
	}
	path := pos[0]
	name := strings.Join(strings.Fields(*group), " ")
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	expectedBy, err := rosterExpectedBy(*expected)
	if err != nil {
		return c.fail(err)
	}
	loc := tz.Load(cfg.TimeZone)
	win, err := rosterWindow(*from, *until, loc)
	if err != nil {
		return c.fail(err)
	}
	res, err := parseRoster(ctx, path, *maxPages, *badgeKey)
	if ctx.Err() != nil {
		return c.failf(catalog.RosterInterrupted, path)
	}
	if err != nil {
		return c.fail(err)
	}
	for _, p := range res.Problems {
		c.note(strings.Join(strings.Fields(p.String()), " "))
	}
	if len(res.Members) == 0 {
		return c.failf(catalog.RosterNobody, path)
	}
	to, done, err := openRosterTarget(ctx, cfg, *server, *site, *db)
	if err != nil {
		return c.fail(err)
	}
	defer done()
	r := canhcua.Roster{Name: name, ExpectedBy: expectedBy, Only: *only, From: win.From, Until: win.Until}
	// An existing group keeps its expected-by time, roster-only setting and
	// window unless they are given.
	rs, err := to.Rosters(ctx)
	if err != nil {
		return c.fail(err)
	}
	for _, old := range rs {
		if old.Name == r.Name {
			r = keepUnset(c, old, r)
		}
	}
	if err := to.Save(ctx, r, res.Members, *replace); err != nil {
		return c.fail(err)
	}
	fmt.Fprint(stdout, say(catalog.RosterImported, filepath.Base(path), len(res.Members), r.Name))
	if len(res.Problems) > 0 {
		fmt.Fprint(stdout, say(catalog.RosterImportProblems, len(res.Problems)))
	}
	fmt.Fprintln(stdout)
	return exitOK
}

// openRosterTarget opens where a roster is saved: a site's rosters on the
// district's server (--server or --site given: every desk of the site pulls
// them), or the desk's database. done closes it.
func openRosterTarget(ctx context.Context, cfg config, server, site, db string) (to rosterTarget, done func(), err error) {
	if server != "" || site != "" {
		if server == "" {
			server = cfg.Server
		}
		if site == "" {
			site = cfg.Site
		}
		if server == "" || site == "" || site == defaultConfig().Site {
			return nil, nil, sayErr(catalog.RosterServerSite)
		}
		srv, err := district.Open(ctx, server)
		if err != nil {
			return nil, nil, err
		}
		return siteRosters{srv, site}, srv.Close, nil
	}
	st, err := openDB(ctx, db, tz.Load(cfg.TimeZone), false)
	if err != nil {
		return nil, nil, err
	}
	return localRosters{st}, func() { st.Close() }, nil
}

// keepUnset is r with what the command line did not set taken from old.
func keepUnset(c *cli, old, r canhcua.Roster) canhcua.Roster {
	if !c.set("expected-by") {
		r.ExpectedBy = old.ExpectedBy
	}
	if !c.set("only") {
		r.Only = old.Only
	}
	if !c.set("from") {
		r.From = old.From
	}
	if !c.set("until") {
		r.Until = old.Until
	}
	return r
}

// rosterExpectedBy parses --expected-by: HH:MM, or "" / "-" for none (-1).
func rosterExpectedBy(s string) (int, error) {
	if s = strings.TrimSpace(s); s == "" || s == "-" {
		return -1, nil
	}
	return canhcua.ParseClock(s)
}

// rosterWindow parses --from and --until in loc: "DD/MM/YYYY HH:MM", or a
// day alone ("DD/MM/YYYY": from its start, until its end), or "" / "-" for
// no bound. A window that ends before it starts is refused.
func rosterWindow(from, until string, loc *time.Location) (canhcua.Roster, error) {
	var r canhcua.Roster
	var err error
	if r.From, err = rosterWhen(from, false, loc); err != nil {
		return r, err
	}
	if r.Until, err = rosterWhen(until, true, loc); err != nil {
		return r, err
	}
	return r, r.CheckWindow()
}

func rosterWhen(s string, end bool, loc *time.Location) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || s == "-" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation("02/01/2006 15:04", s, loc); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation("02/01/2006", s, loc)
	if err != nil {
		return time.Time{}, sayErr(catalog.RosterBadWhen, s)
	}
	if end {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// rosterWhenString shows a window's bound: "27/11/2026 14:00", or "-".
func rosterWhenString(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(loc).Format("02/01/2006 15:04")
}

// rosterEdit changes what is given of an existing group (its expected-by
// time, roster-only setting, window), keeping its people.
func rosterEdit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("roster edit", catalog.RosterEditSynopsis, stdout, stderr) // catalog:data: the command's words
	cfg := userConfig(stderr)
	expected := c.fs.String("expected-by", "", say(catalog.RosterEditFlagExp))
	only := c.fs.Bool("only", false, say(catalog.RosterEditFlagOnly))
	from := c.fs.String("from", "", say(catalog.RosterFlagFrom))
	until := c.fs.String("until", "", say(catalog.RosterFlagUntil))
	db := c.dbFlag(cfg.DB)
	server := c.fs.String("server", "", say(catalog.RosterFlagServer))
	site := c.fs.String("site", "", say(catalog.RosterFlagSite))
	pos, status, ok := c.parse(args)
	if !ok {
		return status
	}
	switch {
	case len(pos) == 0:
		return c.failf(catalog.RosterNoGroup)
	case len(pos) > 1:
		return c.failf(catalog.RosterOneGroup, pos[1])
	case !c.set("only") && !c.set("expected-by") && !c.set("from") && !c.set("until"):
		return c.failf(catalog.RosterEditNothing)
	}
	name := strings.Join(strings.Fields(pos[0]), " ")
	expectedBy, err := rosterExpectedBy(*expected)
	if err != nil {
		return c.fail(err)
	}
	loc := tz.Load(cfg.TimeZone)
	from0, err := rosterWhen(*from, false, loc)
	if err != nil {
		return c.fail(err)
	}
	until0, err := rosterWhen(*until, true, loc)
	if err != nil {
		return c.fail(err)
	}
	to, done, err := openRosterTarget(ctx, cfg, *server, *site, *db)
	if err != nil {
		return c.fail(err)
	}
	defer done()
	rs, err := to.Rosters(ctx)
	if err != nil {
		return c.fail(err)
	}
	i := slices.IndexFunc(rs, func(r canhcua.Roster) bool { return r.Name == name })
	if i < 0 {
		return c.fail(canhcua.Errorf(canhcua.ENOTFOUND, catalog.ErrNoRoster, name))
	}
	r := keepUnset(c, rs[i], canhcua.Roster{Name: name, ExpectedBy: expectedBy, Only: *only, From: from0, Until: until0})
	if err := r.CheckWindow(); err != nil {
		return c.fail(err)
	}
	if err := to.Save(ctx, r, nil, false); err != nil { // no people: the group's are kept
		return c.fail(err)
	}
	yes := say(catalog.RosterListNo)
	if r.Only {
		yes = say(catalog.RosterListYes)
	}
	fmt.Fprintln(stdout, say(catalog.RosterEdited, r.Name, rosterClock(r.ExpectedBy), yes,
		rosterWhenString(r.From, loc), rosterWhenString(r.Until, loc)))
	return exitOK
}

// parseRoster reads the roster file at path in a child process (worker.go):
// MuPDF and the decoder on a PDF's pages, excelize on a workbook; a crash
// there, or an interrupt, leaves the database untouched.
func parseRoster(ctx context.Context, path string, maxPages int, badgeKey string) (*roster.Result, error) {
	res := &roster.Result{}
	var iso isolation
	defer iso.Close()
	args := []string{"roster", "--max-pages", strconv.Itoa(maxPages), "--badge-key", badgeKey, "--", path}
	err := iso.read(ctx, path, args, func(m workerMsg) {
		if m.Roster != nil {
			res = m.Roster
		}
	})
	return res, err
}

// rosterOptions are roster.Parse's options for reading the roster file
// called name, with codes read by identify: PDFs of at most maxPages pages
// are read with MuPDF and their codes with the still engine (every pass).
func rosterOptions(name string, maxPages int, identify func(text string) canhcua.Identity) roster.Options {
	return roster.Options{
		OpenPDF: func(data []byte) (roster.Document, error) {
			doc, err := camera.ReadPDF(data)
			if err != nil {
				return nil, err // not a nil *camera.PDF in a non-nil Document
			}
			if err := doc.CheckPages(name, maxPages); err != nil {
				doc.Close()
				return nil, err
			}
			return doc, nil
		},
		Codes:    camera.ImageDecoder{Decoder: camera.NewEngine(camera.Still)},
		Identify: identify,
	}
}

func rosterClock(min int) string {
	if min < 0 {
		return "-"
	}
	return fmt.Sprintf("%02d:%02d", min/60, min%60)
}

func rosterList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("roster list", catalog.RosterListSynopsis, stdout, stderr) // catalog:data: the command's words
	cfg := userConfig(stderr)
	group := c.fs.String("group", "", say(catalog.RosterFlagListGroup))
	db := c.dbFlag(cfg.DB)
	fullID := c.fs.Bool("full-id", false, say(catalog.RosterFlagFullID))
	if status, ok := c.parseNone(args); !ok {
		return status
	}
	loc := tz.Load(cfg.TimeZone)
	st, err := openDB(ctx, *db, loc, true)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	rs, err := st.Rosters(ctx)
	if err != nil {
		return c.fail(err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	defer tw.Flush()
	clean := func(s string) string { return canhcua.Sanitize(s, 60) }
	if *group == "" {
		ms, err := st.Members(ctx, "")
		if err != nil {
			return c.fail(err)
		}
		count := map[string]int{}
		for _, m := range ms {
			count[m.Roster]++
		}
		fmt.Fprintln(tw, say(catalog.RosterListHeader))
		for _, r := range rs {
			only := ""
			if r.Only {
				only = say(catalog.RosterListYes)
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", clean(r.Name), count[r.Name], rosterClock(r.ExpectedBy), only,
				rosterWhenString(r.From, loc), rosterWhenString(r.Until, loc))
		}
		return exitOK
	}
	ms, err := st.Members(ctx, *group)
	if err != nil {
		return c.fail(err)
	}
	var r canhcua.Roster
	for _, x := range rs {
		if x.Name == *group {
			r = x
		}
	}
	fmt.Fprintln(tw, say(catalog.RosterGroupLine, clean(r.Name), len(ms), rosterClock(r.ExpectedBy)))
	fmt.Fprintln(tw, say(catalog.RosterMembersHeader))
	for i, m := range ms {
		id := m.IDNumber
		if !*fullID {
			id = canhcua.MaskID(id)
		}
		exp := m.ExpectedBy
		if exp < 0 {
			exp = r.ExpectedBy
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, clean(m.Name), clean(m.Unit), rosterDash(id), rosterDash(clean(m.BadgeID)),
			rosterDash(m.BirthDate), rosterClock(exp))
	}
	return exitOK
}

func rosterDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func rosterRemove(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("roster remove", catalog.RosterRemoveSynopsis, stdout, stderr) // catalog:data: the command's words
	cfg := userConfig(stderr)
	db := c.dbFlag(cfg.DB)
	pos, status, ok := c.parse(args)
	if !ok {
		return status
	}
	switch {
	case len(pos) == 0:
		return c.failf(catalog.RosterNoGroup)
	case len(pos) > 1:
		return c.failf(catalog.RosterOneGroup, pos[1])
	}
	st, err := openDB(ctx, *db, tz.Load(cfg.TimeZone), true)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	if err := st.RemoveRoster(ctx, pos[0]); err != nil {
		return c.fail(err)
	}
	fmt.Fprintln(stdout, say(catalog.RosterRemoved, pos[0]))
	return exitOK
}

// rosterTarget is where a roster is imported: the desk's database, or a
// site's rosters on the district's server.
type rosterTarget interface {
	Rosters(ctx context.Context) ([]canhcua.Roster, error)
	Save(ctx context.Context, r canhcua.Roster, members []canhcua.Member, replace bool) error
}

type localRosters struct{ st *store.DB }

func (l localRosters) Rosters(ctx context.Context) ([]canhcua.Roster, error) {
	return l.st.Rosters(ctx)
}

func (l localRosters) Save(ctx context.Context, r canhcua.Roster, ms []canhcua.Member, replace bool) error {
	_, err := l.st.SaveRoster(ctx, r, ms, replace)
	return err
}

type siteRosters struct {
	srv  *district.DB
	site string
}

func (s siteRosters) Rosters(ctx context.Context) ([]canhcua.Roster, error) {
	rs, _, err := s.srv.SiteRosters(ctx, s.site)
	return rs, err
}

func (s siteRosters) Save(ctx context.Context, r canhcua.Roster, ms []canhcua.Member, replace bool) error {
	return s.srv.SaveSiteRoster(ctx, s.site, r, ms, replace)
}
