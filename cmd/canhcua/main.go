// Command canhcua is the door desk: it reads the QR codes people show to a
// camera and records who comes in and out.
//
//	canhcua                     the desk (camera 0, or the demo source)
//	canhcua export --date D     one day's scans as CSV, XLSX or JSON
//	canhcua trace --id N        who was at the same site at the same time
//	canhcua decode PATH...      read the codes in images, videos and PDFs
//	canhcua bench decode DIR    score the decoder on a test corpus
//	canhcua bench live          measure the live pipeline
//	canhcua district            the district's table of its sites
//	canhcua setup               the setup form (also on a first start)
//	canhcua cameras             the cameras that open
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Exit statuses.
const (
	exitOK       = 0 // done; for decode: at least one code found
	exitNotFound = 1 // decode: no code found
	exitUsage    = 2 // bad input, or an error (named on stderr in one line)
)

// command is a subcommand: it parses its own flags from args and returns the
// process's exit status.
type command func(ctx context.Context, args []string, stdout, stderr io.Writer) int

var commands = map[string]command{
	"decode":   cmdDecode,
	"bench":    cmdBench,
	"export":   cmdExport,
	"badge":    cmdBadge,
	"roster":   cmdRoster,
	"report":   cmdReport,
	"purge":    cmdPurge,
	"district": cmdDistrict,
	"trace":    cmdTrace,
	"setup":    cmdSetup,
	"cameras":  cmdCameras,
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == workerCommand {
		// The child that reads the files of a command (worker.go): the
		// default handling of SIGINT and SIGTERM ends it at once.
		os.Exit(worker(work))
	}
	// SIGHUP (the terminal window closed) ends the desk as SIGTERM does:
	// the screen gives the terminal back, the desk's work stops and the
	// database closes.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && !isHelp(args[0])) {
		return cmdDesk(ctx, args, stdout, stderr)
	}
	if isHelp(args[0]) {
		fmt.Fprintln(stdout, say(catalog.CmdUsage))
		return cmdDesk(ctx, []string{"--help"}, stdout, stderr)
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "%s: %s\n", prog, say(catalog.CmdUnknownCommand, args[0]))
		return exitUsage
	}
	return cmd(ctx, args[1:], stdout, stderr)
}
