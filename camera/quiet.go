package camera

import (
	"os"
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

// Quiet runs f with the process's standard error sent to /dev/null: MuPDF,
// libpng and others print their warnings there, and nothing but canhcua's
// own messages may reach the terminal. Errors are still returned by the calls
// themselves. Calls are serialised: one redirection at a time.
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
	saved, err := unix.Dup(2)
	if err != nil {
		f()
		return
	}
	defer unix.Close(saved)
	if unix.Dup2(int(null.Fd()), 2) != nil {
		f()
		return
	}
	defer unix.Dup2(saved, 2)
	f()
}
