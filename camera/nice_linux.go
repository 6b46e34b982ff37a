package camera

import (
	"runtime"
	"syscall"
)

// workerNice is how much nicer than the process the thread of a live
// engine's background job runs: under contention for the processor the
// frame path and the capture, at the process's own priority, go first, so
// the worker's heavy passes take only time no frame needs.
const workerNice = 10

// lowerPriority runs the calling goroutine, to its end, on a thread of its
// own, workerNice nicer than the process (at most 19). The thread is never
// handed back (no UnlockOSThread): it ends with the goroutine, so no other
// goroutine ever runs at the lower priority.
func lowerPriority() {
	runtime.LockOSThread()
	n, err := threadNice()
	if err != nil {
		return // best effort: at worst the job runs at the process's priority
	}
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), min(n+workerNice, 19))
}

// threadNice is the calling thread's nice value.
func threadNice() (int, error) {
	p, err := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
	if err != nil {
		return 0, err
	}
	return 20 - p, nil // the raw system call returns 20 - nice
}
