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
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
)

// The command line of every subcommand — its flags, its help, its one-line
// failures, the flags and checks the commands share — is written once here.

// prog is canhcua's name on the command line.
const prog = "canhcua"

// cliLang is the language of the command line's own words (usage, flags,
// messages): English, as it has always been. The desk's screen, reports and
// exports speak the language of --lang and the config.
const cliLang = catalog.EN

// say is the command line's text of key.
func say(key catalog.Key, args ...any) string { return cliLang.T(key, args...) }

// sayErr is an error whose message is the command line's text of key; the
// last error among args, if any, is what it wraps.
func sayErr(key catalog.Key, args ...any) error {
	e := &textError{text: say(key, args...)}
	for _, a := range args {
		if err, ok := a.(error); ok {
			e.err = err
		}
	}
	return e
}

type textError struct {
	text string
	err  error
}

func (e *textError) Error() string { return e.text }
func (e *textError) Unwrap() error { return e.err }

// cli is one run of a subcommand: its flags, where it writes, and how it
// fails.
type cli struct {
	name         string // the words after prog: "export", "roster import"; "" for the desk
	synopsis     catalog.Key
	synopsisArgs []any // what the synopsis names (a list of the passes, say)
	fs           *flag.FlagSet
	stdout       io.Writer
	stderr       io.Writer
}

func newCLI(name string, synopsis catalog.Key, stdout, stderr io.Writer) *cli {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {} // the flag package calls it on every error; parse prints the help
	return &cli{name: name, synopsis: synopsis, fs: fs, stdout: stdout, stderr: stderr}
}

// title is what the command's messages begin with: "canhcua export".
func (c *cli) title() string { return strings.TrimSpace(prog + " " + c.name) }

// help prints the synopsis and the flags, on standard output.
func (c *cli) help() {
	fmt.Fprint(c.stdout, say(catalog.CmdUsageOptions, say(c.synopsis, c.synopsisArgs...)))
	c.fs.SetOutput(c.stdout)
	c.fs.PrintDefaults()
	c.fs.SetOutput(io.Discard)
}

// parse parses args, flags and positional arguments in any order (a lone
// "--" ends the flags). It returns the positional arguments, or ok=false with
// the exit status to use when the command should stop (after --help, or on a
// bad flag).
func (c *cli) parse(args []string) (pos []string, status int, ok bool) {
	for {
		err := c.fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			c.help()
			return nil, exitOK, false
		case err != nil:
			return nil, c.fail(err), false
		}
		rest := c.fs.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), 0, true
		}
		args = rest
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// set reports whether the flag called name was given.
func (c *cli) set(name string) bool {
	given := false
	c.fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// fail writes err as the command's one line on stderr (a stream's password
// hidden, canhcua.Redact) and returns the exit status of bad input.
func (c *cli) fail(err error) int {
	c.note(canhcua.Redact(oneLine(err)))
	return exitUsage
}

// note writes a line of the command's on stderr (a problem that does not
// stop it).
func (c *cli) note(text string) { fmt.Fprintf(c.stderr, "%s: %s\n", c.title(), text) }

// failf is fail with the command line's text of key.
func (c *cli) failf(key catalog.Key, args ...any) int { return c.fail(sayErr(key, args...)) }

// parseNone is parse for a command that takes no positional arguments: one
// given is a failure.
func (c *cli) parseNone(args []string) (status int, ok bool) {
	pos, status, ok := c.parse(args)
	if ok && len(pos) > 0 {
		return c.failf(catalog.CmdUnexpectedArg, pos[0], c.name), false
	}
	return status, ok
}

// Flags that several commands share.

func (c *cli) dbFlag(def string) *string { return c.fs.String("db", def, say(catalog.CmdFlagDB)) }

func (c *cli) dateFlag() *string { return c.fs.String("date", "", say(catalog.CmdFlagDate)) }

func (c *cli) doorFlag() *string { return c.fs.String("door", "", say(catalog.CmdFlagDoorFilter)) }

// dayFile is what the commands that write one day's file (export, report)
// share: the day, the format (else the output file's extension), the output
// file, the database, the door and the language.
type dayFile struct {
	date, format, to, db, door, lang, sep *string
	formats                               []string

	// Known once open has checked them.
	day   time.Time
	ext   string // the format
	loc   *time.Location
	comma rune // the CSV's separator (--sep)
}

func (c *cli) dayFileFlags(cfg config, formats []string, formatHelp, toHelp, langHelp catalog.Key) *dayFile {
	return &dayFile{
		date:    c.dateFlag(),
		format:  c.fs.String("format", "", say(formatHelp)),
		to:      c.fs.String("to", "", say(toHelp)),
		db:      c.dbFlag(cfg.DB),
		door:    c.doorFlag(),
		lang:    c.fs.String("lang", string(catalog.VI), say(langHelp)),
		sep:     c.sepFlag(cfg),
		formats: formats,
		loc:     tz.Load(cfg.TimeZone),
	}
}

// open checks the flags (the day counted from now) and opens the database,
// which must exist, read-only: export and report work on a full disk and on
// read-only media, and write nothing to the database.
func (d *dayFile) open(ctx context.Context, now time.Time) (*store.DB, error) {
	if err := d.check(now); err != nil {
		return nil, err
	}
	return openDB(ctx, *d.db, d.loc, true, store.ReadOnly())
}

// check checks the day (counted from now), the format and the language.
func (d *dayFile) check(now time.Time) error {
	var err error
	if d.day, err = parseDay(*d.date, now, d.loc); err != nil {
		return err
	}
	if d.ext, err = pickFormat(*d.format, *d.to, d.formats); err != nil {
		return err
	}
	if d.comma, err = export.ParseSeparator(*d.sep); err != nil {
		return err
	}
	_, err = parseLang(*d.lang)
	return err
}

// emit writes a document with write to the file out, or to standard output
// when out is "-", and names the file written on standard output.
func (c *cli) emit(out string, write func(io.Writer) error) int {
	if out == "-" {
		if err := write(c.stdout); err != nil {
			return c.fail(err)
		}
		return exitOK
	}
	if err := export.WriteFile(out, write); err != nil {
		return c.fail(err)
	}
	fmt.Fprintln(c.stdout, out)
	return exitOK
}

// oneLine flattens an error (joined errors included) into one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}

// parseDay is the day --date names (DD/MM/YYYY) in loc, or today when date is
// empty.
func parseDay(date string, now time.Time, loc *time.Location) (time.Time, error) {
	if date == "" {
		return now.In(loc), nil
	}
	d, err := time.ParseInLocation("02/01/2006", date, loc)
	if err != nil {
		return time.Time{}, sayErr(catalog.CmdBadDate, date)
	}
	return d, nil
}

// parseLang is the language --lang names.
func parseLang(s string) (catalog.Lang, error) {
	l, ok := catalog.Parse(s)
	if !ok {
		return "", sayErr(catalog.CmdBadLanguage, s)
	}
	return l, nil
}

// pickFormat is the format --format names, or else the one the extension of
// the output file to names, or else formats[0]. "txt" is the text format.
func pickFormat(format, to string, formats []string) (string, error) {
	alias := func(f string) string {
		if f == "txt" {
			return "text"
		}
		return f
	}
	f := alias(strings.ToLower(format))
	if f == "" {
		f = formats[0]
		if ext := alias(strings.TrimPrefix(strings.ToLower(filepath.Ext(to)), ".")); ext != "" {
			for _, x := range formats {
				if x == ext {
					f = ext
				}
			}
		}
	}
	for _, x := range formats {
		if x == f {
			return f, nil
		}
	}
	return "", sayErr(catalog.CmdBadFormat, format, orList(formats))
}

// orList is "csv, xlsx or json".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + say(catalog.CmdOr) + " " + items[len(items)-1]
}

// openDB opens the database at path with its days in loc (and opts). With
// mustExist a missing file is an error: a command that reads never makes an
// empty database.
func openDB(ctx context.Context, path string, loc *time.Location, mustExist bool, opts ...store.Option) (*store.DB, error) {
	if path == "" {
		return nil, sayErr(catalog.CmdNoDatabase)
	}
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, sayErr(catalog.CmdDatabase, path, err)
		}
	}
	return store.Open(ctx, path, append([]store.Option{store.WithLocation(loc)}, opts...)...)
}

// openDeskDB opens the desk's database and checks that a scan can be saved
// in it: a full disk or a read-only database is a storage error (EFULL,
// EREADONLY, EIO).
func openDeskDB(ctx context.Context, path string, loc *time.Location) (*store.DB, error) {
	st, err := store.Open(ctx, path, store.WithLocation(loc))
	if err != nil {
		return nil, err
	}
	if err := st.CheckWritable(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func isHelp(a string) bool {
	switch a {
	case "-h", "--help", "-help", "help":
		return true
	}
	return false
}
