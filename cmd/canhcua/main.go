// Command canhcua is the door desk: it reads the QR codes people show to a
// camera and records who comes in and out.
//
//	canhcua                     the desk (camera 0, or the demo source)
//	canhcua export --date D     one day's scans as CSV, XLSX or JSON
//	canhcua decode PATH...      read the codes in images, videos and PDFs
//	canhcua bench decode DIR    score the decoder on a test corpus
//	canhcua bench live          measure the live pipeline
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Exit statuses.
const (
	exitOK       = 0 // done; for decode: at least one code found
	exitNotFound = 1 // decode: no code found
	exitUsage    = 2 // bad input, or an error (named on stderr in one line)
)

const usage = `canhcua — watching the door: read QR codes at a door, record who comes and goes.

Usage:
  canhcua [--source S] [--db PATH] [--door NAME] [--direction in|out|toggle] [--lang vi|en]
                                      the desk: read codes at the door, count who is inside
  canhcua export --date DD/MM/YYYY [--format csv|xlsx|json] [--to FILE] [--full-id]
                                      one day's scans for the health office
  canhcua roster import FILE [--group NAME] [--expected-by 07:30] [--only] | list | remove NAME
                                      who is expected (CSV, XLSX or PDF lists)
  canhcua report --date DD/MM/YYYY [--format text|csv|xlsx|pdf]
                                      the day's summary for the district health office
  canhcua purge [--days 30] [--dry-run]
                                      delete personal data older than the retention
  canhcua badge --name N --unit U | --from people.csv [--to badges.pdf]
                                      print signed badges for people without an ID card
  canhcua decode [--json] PATH...     read QR codes in images, videos and PDFs
  canhcua bench decode DIR            score the decoder on a corpus folder
  canhcua bench live [--source S]     measure the live capture and decode pipeline

Run 'canhcua COMMAND --help' for the options of a command.
`

// command is a subcommand: it parses its own flags from args and returns the
// process's exit status.
type command func(ctx context.Context, args []string, stdout, stderr io.Writer) int

var commands = map[string]command{
	"decode": cmdDecode,
	"bench":  cmdBench,
	"export": cmdExport,
	"badge":  cmdBadge,
	"roster": cmdRoster,
	"report": cmdReport,
	"purge":  cmdPurge,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && !isHelp(args[0])) {
		return cmdDesk(ctx, args, stdout, stderr)
	}
	if isHelp(args[0]) {
		fmt.Fprint(stdout, usage)
		fmt.Fprintln(stdout)
		return cmdDesk(ctx, []string{"--help"}, stdout, stderr)
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "canhcua: unknown command %q (see canhcua --help)\n", args[0])
		return exitUsage
	}
	return cmd(ctx, args[1:], stdout, stderr)
}

// newFlags makes a flag set that prints its usage on --help (to stdout) and
// reports errors in one line.
func newFlags(name, synopsis string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {} // the flag package calls it on every error; help is printed by parseFlags
	helps[fs] = func() {
		fmt.Fprintf(stdout, "Usage: %s\n\nOptions:\n", synopsis)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// helps holds each flag set's help printer.
var helps = map[*flag.FlagSet]func(){}

// parseFlags parses args, flags and positional arguments in any order (a
// lone "--" ends the flags). It returns the positional arguments, or ok=false
// with the exit status to use when the command should stop (after --help,
// or on a bad flag).
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (pos []string, status int, ok bool) {
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			helps[fs]()
			return nil, exitOK, false
		case err != nil:
			name := "canhcua " + fs.Name()
			if fs.Name() == "canhcua" {
				name = "canhcua"
			}
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return nil, exitUsage, false
		}
		rest := fs.Args()
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

func isHelp(a string) bool {
	switch a {
	case "-h", "--help", "-help", "help":
		return true
	}
	return false
}
