//go:build !matprofile

package bench

// matsKnown says whether liveMats counts: gocv keeps its profile of open
// Mats only when built with -tags matprofile.
const matsKnown = false

// liveMats is not known without -tags matprofile.
func liveMats() int { return -1 }
