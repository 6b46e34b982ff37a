//go:build !linux

package camera

import "errors"

// workerNice: see nice_linux.go; elsewhere the job runs at the process's
// priority.
const workerNice = 0

func lowerPriority() {}

func threadNice() (int, error) { return 0, errors.New("thread priority: Linux only") }
