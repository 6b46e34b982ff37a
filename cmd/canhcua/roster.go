package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/roster"
)

const rosterUsage = `Usage: canhcua roster COMMAND

Rosters are named groups of expected people (the office's staff, a meeting's
attendees): the desk shows who of them has scanned ("Cán bộ: 27/30 đã quét").

  canhcua roster import FILE [--group NAME] [--expected-by 07:30] [--only] [--replace] [--db PATH]
                                   read people from a CSV, XLSX or PDF list
  canhcua roster list [--group NAME] [--db PATH]
                                   the groups, or the people of one group
  canhcua roster remove NAME [--db PATH]
                                   delete a group (its scans are kept)

Run 'canhcua roster COMMAND --help' for the options of a command.
`

func cmdRoster(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "canhcua roster: no command given: import, list or remove (see canhcua roster --help)\n")
		return exitUsage
	}
	switch sub, rest := args[0], args[1:]; {
	case isHelp(sub):
		fmt.Fprint(stdout, rosterUsage)
		return exitOK
	case sub == "import":
		return rosterImport(ctx, rest, stdout, stderr)
	case sub == "list":
		return rosterList(ctx, rest, stdout, stderr)
	case sub == "remove", sub == "rm":
		return rosterRemove(ctx, rest, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "canhcua roster: unknown command %q: want import, list or remove\n", sub)
		return exitUsage
	}
}

// rosterFail prints a one-line error for a roster subcommand.
func rosterFail(stderr io.Writer, sub string, err error) int {
	fmt.Fprintf(stderr, "canhcua roster %s: %s\n", sub, oneLine(err))
	return exitUsage
}

// openRosterDB opens the database; with mustExist, a missing file is an
// error instead of a new empty database.
func openRosterDB(ctx context.Context, path string, mustExist bool) (*store.DB, error) {
	if path == "" {
		return nil, errors.New("no database given (--db)")
	}
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
	}
	return store.Open(ctx, path, store.WithLocation(mustLocation(defaultConfig().TimeZone)))
}

func rosterImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := userConfig(stderr)
	fs := newFlags("roster import", "canhcua roster import FILE [--group NAME] [--expected-by HH:MM] [--only] [--replace] [--db PATH]\n\n"+
		"Reads the people of a CSV, XLSX or PDF list into the group NAME (made when new). The\n"+
		"list is a table with a header row, in Vietnamese or English: STT, Họ và tên (Name),\n"+
		"Chức vụ (Position), Đơn vị (Unit), Số CCCD (ID), Ngày sinh (Date of birth), Mã thẻ\n"+
		"(Badge), Giờ (Expected). QR codes printed in a PDF beside a person (ID card, badge)\n"+
		"give that person's ID number or badge. Rows that cannot be read are listed on\n"+
		"stderr with their page and line; the others are imported. Without --replace, the\n"+
		"people are added to the group (a person already in it, by name and ID number, is\n"+
		"updated).", stdout)
	group := fs.String("group", "", "the group's name (default: the file's name)")
	expected := fs.String("expected-by", "", "time of day by which the group should have scanned, e.g. 07:30 (default: unchanged, else none)")
	only := fs.Bool("only", false, "the event admits the group's people only: others are held for the operator")
	replace := fs.Bool("replace", false, "replace the group's people instead of adding to them")
	db := fs.String("db", c.DB, "SQLite database")
	badgeKey := fs.String("badge-key", c.BadgeKey, "key that checks canhcua badges printed in the list")
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	fail := func(err error) int { return rosterFail(stderr, "import", err) }
	switch {
	case len(pos) == 0:
		return fail(errors.New("no file given (see canhcua roster import --help)"))
	case len(pos) > 1:
		return fail(fmt.Errorf("unexpected argument %q: give one file", pos[1]))
	}
	path := pos[0]
	name := strings.Join(strings.Fields(*group), " ")
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	expectedBy := -1
	if *expected != "" {
		m, err := canhcua.ParseClock(*expected)
		if err != nil {
			return fail(err)
		}
		expectedBy = m
	}
	idcfg, err := identifyConfig(*badgeKey, "")
	if err != nil {
		return fail(err)
	}
	identify := func(text string) canhcua.Identity { return canhcua.IdentifyWith(idcfg, text) }
	res, err := roster.Parse(ctx, path, rosterOptions(identify))
	if err != nil {
		return fail(err)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(stderr, "canhcua roster import: %s\n", strings.Join(strings.Fields(p.String()), " "))
	}
	if len(res.Members) == 0 {
		return fail(fmt.Errorf("%s: nobody could be imported", path))
	}
	st, err := openRosterDB(ctx, *db, false)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	r := canhcua.Roster{Name: name, ExpectedBy: expectedBy, Only: *only}
	// An existing group keeps its expected-by time and roster-only setting
	// unless they are given.
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	rs, err := st.Rosters(ctx)
	if err != nil {
		return fail(err)
	}
	for _, old := range rs {
		if old.Name == r.Name {
			if !set["expected-by"] {
				r.ExpectedBy = old.ExpectedBy
			}
			if !set["only"] {
				r.Only = old.Only
			}
		}
	}
	if _, err := st.SaveRoster(ctx, r, res.Members, *replace); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "%s: %d people imported into %q", filepath.Base(path), len(res.Members), r.Name)
	if len(res.Problems) > 0 {
		fmt.Fprintf(stdout, ", %d problem(s) (listed on stderr)", len(res.Problems))
	}
	fmt.Fprintln(stdout)
	return exitOK
}

// rosterOptions are roster.Parse's options for reading codes with identify:
// PDFs are read with MuPDF and their codes with the still engine (every
// pass).
func rosterOptions(identify func(text string) canhcua.Identity) roster.Options {
	return roster.Options{
		OpenPDF:  openRosterPDF,
		Codes:    camera.ImageDecoder{Decoder: camera.NewEngine(camera.Still)},
		Identify: identify,
	}
}

// openRosterPDF opens a roster PDF with MuPDF.
func openRosterPDF(data []byte) (roster.Document, error) {
	doc, err := camera.ReadPDF(data)
	if err != nil {
		return nil, err // not a nil *camera.PDF in a non-nil Document
	}
	return doc, nil
}

func rosterClock(min int) string {
	if min < 0 {
		return "-"
	}
	return fmt.Sprintf("%02d:%02d", min/60, min%60)
}

func rosterList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := userConfig(stderr)
	fs := newFlags("roster list", "canhcua roster list [--group NAME] [--db PATH] [--full-id]\n\n"+
		"Lists the groups with their number of people and expected-by time; with --group,\n"+
		"that group's people (ID numbers masked unless --full-id).", stdout)
	group := fs.String("group", "", "list this group's people")
	db := fs.String("db", c.DB, "SQLite database")
	fullID := fs.Bool("full-id", false, "show full ID numbers")
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	fail := func(err error) int { return rosterFail(stderr, "list", err) }
	if len(pos) > 0 {
		return fail(fmt.Errorf("unexpected argument %q (see canhcua roster list --help)", pos[0]))
	}
	st, err := openRosterDB(ctx, *db, true)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	rs, err := st.Rosters(ctx)
	if err != nil {
		return fail(err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	defer tw.Flush()
	clean := func(s string) string { return canhcua.Sanitize(s, 60) }
	if *group == "" {
		ms, err := st.Members(ctx, "")
		if err != nil {
			return fail(err)
		}
		count := map[string]int{}
		for _, m := range ms {
			count[m.Roster]++
		}
		fmt.Fprintln(tw, "GROUP\tPEOPLE\tEXPECTED BY\tONLY")
		for _, r := range rs {
			only := ""
			if r.Only {
				only = "yes"
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", clean(r.Name), count[r.Name], rosterClock(r.ExpectedBy), only)
		}
		return exitOK
	}
	ms, err := st.Members(ctx, *group)
	if err != nil {
		return fail(err)
	}
	var r canhcua.Roster
	for _, x := range rs {
		if x.Name == *group {
			r = x
		}
	}
	fmt.Fprintf(tw, "%s: %d people, expected by %s\n", clean(r.Name), len(ms), rosterClock(r.ExpectedBy))
	fmt.Fprintln(tw, "#\tNAME\tUNIT\tID NUMBER\tBADGE\tBIRTH DATE\tEXPECTED BY")
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
	c := userConfig(stderr)
	fs := newFlags("roster remove", "canhcua roster remove NAME [--db PATH]\n\n"+
		"Deletes the group NAME and its people. Scans are kept.", stdout)
	db := fs.String("db", c.DB, "SQLite database")
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	fail := func(err error) int { return rosterFail(stderr, "remove", err) }
	switch {
	case len(pos) == 0:
		return fail(errors.New("no group given (see canhcua roster list)"))
	case len(pos) > 1:
		return fail(fmt.Errorf("unexpected argument %q: give one group (quote a name with spaces)", pos[1]))
	}
	st, err := openRosterDB(ctx, *db, true)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	if err := st.RemoveRoster(ctx, pos[0]); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "removed %q\n", pos[0])
	return exitOK
}
