package camera

import (
	"log"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

var (
	quietMu sync.Mutex
	loud    atomic.Bool // KeepStderr was called
)

// KeepStderr makes Quiet leave standard error alone from now on: the caller
// has sent it somewhere safe (the desk: a log file, where the libraries'
// messages are welcome). Quiet then neither hides what the libraries say nor
// serialises its calls, so a capture stuck opening in OpenCV holds up no one.
func KeepStderr() { loud.Store(true) }

// Quiet runs f with the process's standard error (fd 2) sent to /dev/null:
// MuPDF, libpng, OpenCV and others print their warnings there, and nothing
// but canhcua's own messages may reach the terminal. Errors are still
// returned by the calls themselves. Calls are serialised: one redirection
// at a time.
//
// canhcua's own failures are not hidden meanwhile, from any goroutine: a
// fatal error (a panic, with its stack) is also written where standard
// error pointed before the call (runtime/debug.SetCrashOutput: the terminal
// for a command, canhcua.log for the desk), and so are the standard
// logger's lines when it writes to os.Stderr. Outside Quiet the process has
// no crash output but standard error: Quiet owns debug.SetCrashOutput.
func Quiet(f func()) {
	if loud.Load() {
		f()
		return
	}
	quietMu.Lock()
	defer quietMu.Unlock()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		f()
		return
	}
	defer null.Close()
	fd, err := unix.Dup(2)
	if err != nil {
		f()
		return
	}
	saved := os.NewFile(uintptr(fd), "stderr")
	defer saved.Close()
	if err := debug.SetCrashOutput(saved, debug.CrashOptions{}); err != nil {
		f() // without a crash output, a panic must still reach fd 2
		return
	}
	defer debug.SetCrashOutput(nil, debug.CrashOptions{})
	if lw := log.Writer(); lw == os.Stderr {
		log.SetOutput(saved)
		defer log.SetOutput(lw)
	}
	if unix.Dup2(int(null.Fd()), 2) != nil {
		f()
		return
	}
	defer unix.Dup2(int(saved.Fd()), 2)
	f()
}
