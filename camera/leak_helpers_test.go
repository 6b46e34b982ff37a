//go:build matprofile

package camera

import (
	"context"
	"io"
	"strings"
	"testing"

	"gocv.io/x/gocv"
)

// The helpers of the Mat-leak tests (go test -tags matprofile -run MatLeak ./camera).

// firstN ends a source with io.EOF after n frames.
type firstN struct {
	Source
	n int
}

func (f *firstN) Read(ctx context.Context, dst *gocv.Mat) error {
	if f.n <= 0 {
		return io.EOF
	}
	f.n--
	return f.Source.Read(ctx, dst)
}

// checkMats fails the test when fewer or more Mats are open than before (what
// says when), listing where the open ones were made.
func checkMats(t *testing.T, before int, what string) {
	t.Helper()
	if after := gocv.MatProfile.Count(); after != before {
		var b strings.Builder
		gocv.MatProfile.WriteTo(&b, 1)
		t.Fatalf("%d Mats leaked %s:\n%s", after-before, what, b.String())
	}
}
