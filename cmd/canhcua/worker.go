package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store/roster"
)

// The reading of the files given on the command line — MuPDF, OpenCV,
// FFmpeg, libpng, all in C — runs in a child process: canhcua itself, started
// again under a hidden subcommand, that reads the files one at a time as the
// command asks. A crash inside a library (MuPDF ending the process on a page
// it cannot allocate, a segfault in a decoder, the Go runtime out of memory)
// ends the child only: the command names the file in one line, starts
// another child and goes on with the other files. An interrupt kills the
// child at once, however long the C call it is in, so the command stops
// within a second. The command sends its requests on the child's standard
// input; the child sends its results over a pipe (its file descriptor 3, so
// that nothing a library prints on standard output can mix with them), as
// JSON lines, each file's ended by a message saying it is done: a child that
// ends before it has crashed. One child for all the files keeps the cost of
// starting one (about 0.15 s of CPU: loading OpenCV's libraries) to once per
// command.

// workerCommand is the hidden subcommand of the child.
const workerCommand = "__worker"

// workerDataLimit caps a child's data (RLIMIT_DATA: its heap, Go's and C's,
// and its threads' stacks), so that whatever a file makes the libraries
// allocate past camera's caps, the child stays under 1 GB with the code of
// its libraries (about 80 MB resident): past it an allocation fails and the
// child ends, or MuPDF returns an error; one line for that file. Reading a
// file within the caps takes up to about 500 MB of it (measured: a
// 48-megapixel image, a PDF page rendered at camera.MaxPagePixels).
const workerDataLimit = 768 << 20

// workerRequest asks a child to read one file: the arguments of work,
//
//	decode [--max-pages N] [--dedup D] -- FILE
//	roster [--max-pages N] [--badge-key FILE] -- FILE
type workerRequest struct {
	Args []string `json:"args"`
}

// workerMsg is one message of a child.
type workerMsg struct {
	Page   int            `json:"page,omitempty"`  // a code's PDF page (1-based)
	Frame  *int64         `json:"frame,omitempty"` // a code's video frame
	Code   *canhcua.Code  `json:"code,omitempty"`
	Roster *roster.Result `json:"roster,omitempty"` // what roster.Parse read
	Note   string         `json:"note,omitempty"`   // a line for stderr that is not a failure
	Error  string         `json:"error,omitempty"`  // a failure, in one line
	Done   bool           `json:"done,omitempty"`   // the file's last message
}

// worker is the child: it reads the requests on its standard input and does
// them one after the other with do (work, or a test's), sending their
// messages on file descriptor 3, until its input ends. It keeps the default
// handling of signals: SIGTERM and SIGINT end it at once.
func worker(do func(ctx context.Context, args []string, send func(workerMsg)) error) int {
	// Best effort: a system that refuses the limit still has camera's caps.
	unix.Setrlimit(unix.RLIMIT_DATA, &unix.Rlimit{Cur: workerDataLimit, Max: workerDataLimit})
	enc := json.NewEncoder(os.NewFile(3, "results"))
	failed := false
	send := func(m workerMsg) {
		if enc.Encode(m) != nil {
			failed = true // no parent listening: fd 3 is not a pipe
		}
	}
	requests := json.NewDecoder(os.Stdin)
	for !failed {
		var req workerRequest
		if err := requests.Decode(&req); err != nil {
			return exitOK // the command has no more files
		}
		if err := do(context.Background(), req.Args, send); err != nil {
			send(workerMsg{Error: oneLine(err)})
		}
		send(workerMsg{Done: true})
	}
	return exitUsage
}

// work does what a request's args name, sending its results; its error is
// the file's failure.
func work(ctx context.Context, args []string, send func(workerMsg)) error {
	if len(args) == 0 {
		return errWorkerArgs
	}
	fs := flag.NewFlagSet(workerCommand, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	maxPages := fs.Int("max-pages", camera.MaxPages, "")
	dedup := fs.Duration("dedup", canhcua.DefaultDedupWindow, "")
	badgeKey := fs.String("badge-key", "", "")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: %q", errWorkerArgs, args)
	}
	path := fs.Arg(0)
	switch args[0] {
	case "decode":
		r := &fileReader{dec: camera.NewEngine(camera.Still), dedup: *dedup, maxPages: *maxPages, send: send}
		return r.path(ctx, path)
	case "roster":
		idcfg, err := identifyConfig(*badgeKey, "", io.Discard)
		if err != nil {
			return err
		}
		identify := func(text string) canhcua.Identity { return canhcua.IdentifyWith(idcfg, text) }
		res, err := roster.Parse(ctx, path, rosterOptions(path, *maxPages, identify))
		if err != nil {
			return err
		}
		send(workerMsg{Roster: res})
		return nil
	}
	return fmt.Errorf("%w: %q", errWorkerArgs, args)
}

// errWorkerArgs is a worker's error for arguments its parent never gives.
var errWorkerArgs = errors.New("__worker: bad arguments") // catalog:data: between canhcua and its child, never shown

// isolation reads files in a child process, one at a time: the command's
// side of the child. The zero value is ready; Close ends the child.
type isolation struct {
	child *child // nil before the first file and after a crash
}

// read has the child read one file (called name in messages), with the work
// args name, handing each of its results to handle. It returns the failures
// the child reported (joined), ctx's error once ctx is done (the child is
// killed), or, for a child that ended before it was done, one error naming
// the file.
func (iso *isolation) read(ctx context.Context, name string, args []string, handle func(workerMsg)) error {
	if iso.child == nil {
		c, err := startChild()
		if err != nil {
			// No child can be started (no /proc, say): the file is read
			// here, without the isolation.
			if err := work(ctx, args, handle); err != nil {
				return err
			}
			return ctx.Err()
		}
		iso.child = c
	}
	c := iso.child
	crashed := func(err error) error {
		iso.child = nil
		return sayErr(catalog.CmdReaderCrashed, name, err)
	}
	c.stderr.reset()
	if err := c.requests.Encode(workerRequest{Args: args}); err != nil {
		return crashed(c.end())
	}
	var errs []error
	for {
		select {
		case m, ok := <-c.msgs:
			switch {
			case !ok:
				return crashed(c.end())
			case m.Error != "":
				errs = append(errs, errors.New(m.Error))
			case m.Done:
				return errors.Join(errs...)
			default:
				handle(m)
			}
		case <-ctx.Done():
			iso.child = nil
			c.kill()
			return ctx.Err()
		}
	}
}

// Close ends the child, its files all read.
func (iso *isolation) Close() {
	if c := iso.child; c != nil {
		iso.child = nil
		c.stdin.Close()
		c.end()
	}
}

// child is a running `canhcua __worker`.
type child struct {
	cmd      *exec.Cmd
	stdin    io.WriteCloser
	requests *json.Encoder // on stdin
	msgs     <-chan workerMsg
	results  *os.File // the pipe msgs are read from
	stderr   *headBuffer
}

// workerExe is the binary the child runs: this one, even if its file has
// been replaced since it started.
var workerExe = "/proc/self/exe"

// startChild starts a child.
func startChild() (*child, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(workerExe, workerCommand)
	cmd.Args[0] = prog
	cmd.ExtraFiles = []*os.File{w}
	// OpenCV's own cap on the pixels of an image it decodes, read when its
	// library loads: behind camera's check of the header, in case.
	cmd.Env = append(os.Environ(), "OPENCV_IO_MAX_IMAGE_PIXELS="+strconv.Itoa(camera.MaxImagePixels))
	c := &child{cmd: cmd, results: r, stderr: &headBuffer{max: 4096}}
	cmd.Stderr = c.stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{
		// The child dies with the parent, however the parent ends; in a
		// process group of its own, it gets no Ctrl-C from the terminal:
		// the parent, told, kills it.
		Pdeathsig: syscall.SIGKILL,
		Setpgid:   true,
	}
	cmd.WaitDelay = time.Second
	if c.stdin, err = cmd.StdinPipe(); err == nil {
		err = cmd.Start()
	}
	w.Close()
	if err != nil {
		r.Close()
		return nil, err
	}
	c.requests = json.NewEncoder(c.stdin)
	msgs := make(chan workerMsg, 16)
	c.msgs = msgs
	go func() {
		defer close(msgs)
		dec := json.NewDecoder(r)
		for {
			var m workerMsg
			if dec.Decode(&m) != nil {
				return // the child has ended, or is killed
			}
			msgs <- m
		}
	}()
	return c, nil
}

// end waits for the child to end and says how it did: nil when it ended
// well (its input closed), else its exit status and the first line it wrote
// on stderr for the file it was reading (Go's crash report, MuPDF's last
// words).
func (c *child) end() error {
	err := c.cmd.Wait()
	for range c.msgs {
		// what the reader still holds, if anything
	}
	c.results.Close()
	if err != nil {
		if line := c.stderr.firstLine(); line != "" {
			return errors.New(err.Error() + ": " + line)
		}
		return err
	}
	return io.ErrUnexpectedEOF // it ended well, yet before it was done
}

// kill kills the child. Killed, it may take a moment to give its memory
// back and end: it is reaped meanwhile, and the caller goes on.
func (c *child) kill() {
	c.cmd.Process.Kill()
	go c.end()
}

// headBuffer keeps the first max bytes written to it since its last reset.
type headBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (b *headBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *headBuffer) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Reset()
}

// firstLine is the first line that is not empty, made safe for a terminal.
func (b *headBuffer) firstLine() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, l := range strings.Split(b.buf.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return canhcua.Sanitize(l, 100)
		}
	}
	return ""
}

// maxPagesFlag is --max-pages, the cap on a PDF's pages.
func (c *cli) maxPagesFlag() *int {
	return c.fs.Int("max-pages", camera.MaxPages, say(catalog.CmdFlagMaxPages))
}

// checkMaxPages checks --max-pages.
func checkMaxPages(n int) error {
	if n < 1 {
		return sayErr(catalog.CmdBadMaxPages, n)
	}
	return nil
}
