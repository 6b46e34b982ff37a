// Command canhcua is the door desk: it reads the QR codes people show to a
// camera and records who comes in and out.
//
//	canhcua                     read codes live from camera 0 (or the demo)
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
	"syscall"

	"github.com/canhcua/canhcua/camera"
)

// Exit statuses.
const (
	exitOK       = 0 // done; for decode: at least one code found
	exitNotFound = 1 // decode: no code found
	exitUsage    = 2 // bad input, or an error (named on stderr in one line)
)

const usage = `canhcua — watching the door: read QR codes at a door, record who comes and goes.

Usage:
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
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// Until the desk TUI exists: read codes live from camera 0, or from the
		// built-in demo when no camera can be opened.
		return cmdDesk(ctx, stdout, stderr)
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "canhcua: unknown command %q (see canhcua --help)\n", args[0])
		return exitUsage
	}
	return cmd(ctx, args[1:], stdout, stderr)
}

// newFlags makes a flag set that prints its usage on --help and reports
// errors in one line.
func newFlags(name, synopsis string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: %s\n\nOptions:\n", synopsis)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args, flags and positional arguments in any order (a
// lone "--" ends the flags). It returns the positional arguments, or ok=false
// with the exit status to use when the command should stop (after --help,
// or on a bad flag).
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (pos []string, status int, ok bool) {
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			fs.Usage()
			return nil, exitOK, false
		case err != nil:
			fmt.Fprintf(stderr, "canhcua %s: %v\n", fs.Name(), err)
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

// cmdDesk is what `canhcua` alone does until the desk TUI exists: it prints
// the codes read live from camera 0, or from the demo source when there is no
// camera, until interrupted.
func cmdDesk(ctx context.Context, stdout, stderr io.Writer) int {
	source := "0"
	if src, err := camera.OpenDevice(0); err != nil {
		fmt.Fprintln(stderr, "canhcua: no camera could be opened; reading the built-in demo source (Ctrl-C to stop)")
		source = "demo"
	} else {
		src.Close()
		fmt.Fprintln(stderr, "canhcua: reading camera 0 (Ctrl-C to stop)")
	}
	return cmdDecode(ctx, []string{"--source", source}, stdout, stderr)
}
