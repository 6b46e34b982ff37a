//go:build matprofile

package bench

import "gocv.io/x/gocv"

// matsKnown says whether liveMats counts: built with -tags matprofile, gocv
// keeps a profile of the Mats not yet closed.
const matsKnown = true

// liveMats is the number of OpenCV Mats made and not yet closed.
func liveMats() int { return gocv.MatProfile.Count() }
