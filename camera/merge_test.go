package camera

import (
	"testing"

	"github.com/canhcua/canhcua"
)

// approx is a code of text known only to lie in the x, y, s square.
func approx(text string, x, y, s int) canhcua.Code {
	c := sq(text, x, y, s)
	c.Approximate = true
	return c
}

// A region searched never hides a code located precisely: another text read
// inside it is kept, the same text read inside it takes its place; and a
// code known only by a region does not stand for a precise one.
func TestMergeApproximate(t *testing.T) {
	tile := approx("A", 0, 0, 600)
	var codes []canhcua.Code
	if !add(&codes, tile) {
		t.Fatal("the first code was not added")
	}
	b := sq("B", 250, 250, 60) // another code, its centre in the tile (and near the tile's centre)
	if Overlaps(codes, b) || Duplicate(codes, b) || !add(&codes, b) {
		t.Fatalf("a precise code of another text was dropped on an approximate region: %+v", codes)
	}
	a := sq("A", 400, 100, 60) // A's own corners, found later
	if Duplicate(codes, a) || !add(&codes, a) {
		t.Fatalf("the precise read of A was dropped on A's approximate region: %+v", codes)
	}
	if len(codes) != 2 || codes[0].Text != "A" || codes[0].Approximate || codes[0].Points != a.Points || codes[1].Text != "B" {
		t.Fatalf("codes %+v, want A's precise read in the place of its region, then B", codes)
	}
	// An approximate read where a precise code already is adds nothing.
	if add(&codes, approx("A", 380, 80, 120)) || add(&codes, approx("C", 260, 260, 50)) {
		t.Errorf("an approximate read over a precise code was added: %+v", codes)
	}
	// Two approximate reads of one text are one.
	var two []canhcua.Code
	add(&two, approx("D", 0, 0, 400))
	if add(&two, approx("D", 100, 100, 200)) {
		t.Errorf("the same text's regions were both kept: %+v", two)
	}
	// A candidate outline in a large approximate region is still open.
	cand := quadOf(sq("", 50, 50, 60))
	if covered(cand, []canhcua.Code{approx("E", 0, 0, 160)}) {
		t.Error("a candidate counts as read because a region 2.7 times its side holds it")
	}
	if !covered(cand, []canhcua.Code{approx("E", 40, 40, 80)}) {
		t.Error("a candidate holding a small region's centre is not covered by it")
	}
}
