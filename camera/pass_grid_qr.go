package camera

import (
	"math/bits"

	"gocv.io/x/gocv"
)

// What the grid pass needs to know of the QR code symbol (ISO/IEC 18004):
// sizes, where the function patterns are, the version information.

// qrDim is the number of modules on a side of a version v symbol.
func qrDim(v int) int { return 17 + 4*v }

// alignPositions returns the row and column coordinates of version v's
// alignment pattern centres (none for version 1).
func alignPositions(v int) []int {
	if v < 2 || v > 40 {
		return nil
	}
	n := v/7 + 2
	step := 26
	if v != 32 {
		step = (v*4 + n*2 + 1) / (n*2 - 2) * 2
	}
	pos := make([]int, n)
	pos[0] = 6
	for i, p := n-1, qrDim(v)-7; i >= 1; i, p = i-1, p-step {
		pos[i] = p
	}
	return pos
}

// versionBits is version v's 18-bit version information (v ≥ 7): the
// version in the top 6 bits, a BCH(18,6) remainder below.
func versionBits(v int) int {
	rem := v
	for i := 0; i < 12; i++ {
		rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
	}
	return v<<12 | rem
}

// decodeVersion returns the version whose version information is nearest
// to b, when at most 3 bits differ.
func decodeVersion(b int) (int, bool) {
	best, bd := 0, 4
	for v := 7; v <= 40; v++ {
		if d := bits.OnesCount32(uint32(b ^ versionBits(v))); d < bd {
			best, bd = v, d
		}
	}
	return best, best != 0
}

// versionModule returns where bit i (0..17) of the version information lies
// in the block beside the top-right finder (x from the finder's left edge,
// y from the top); the block by the bottom-left finder is its transpose.
func versionModule(i int) (x, y int) { return -4 + i%3, i / 3 }

// qrSymbol is a grid of modules, true for dark, indexed [y][x].
type qrSymbol [][]bool

func newSymbol(dim int) qrSymbol {
	s := make(qrSymbol, dim)
	for y := range s {
		s[y] = make([]bool, dim)
	}
	return s
}

// functionModules returns which modules of a version v symbol are function
// patterns (finders and their separators, timing, alignment patterns, the
// dark module, version information) and what they hold. Format information
// is left out: it is read from the image.
func functionModules(v int) (fixed, value qrSymbol) {
	d := qrDim(v)
	fixed, value = newSymbol(d), newSymbol(d)
	set := func(x, y int, dark bool) {
		if x >= 0 && y >= 0 && x < d && y < d {
			fixed[y][x], value[y][x] = true, dark
		}
	}
	for _, o := range [][2]int{{0, 0}, {d - 7, 0}, {0, d - 7}} {
		for dy := -1; dy <= 7; dy++ {
			for dx := -1; dx <= 7; dx++ {
				r := max(iabs(dx-3), iabs(dy-3))
				set(o[0]+dx, o[1]+dy, r != 2 && r != 4)
			}
		}
	}
	for i := 8; i < d-8; i++ {
		set(i, 6, i%2 == 0)
		set(6, i, i%2 == 0)
	}
	ps := alignPositions(v)
	for a, py := range ps {
		for b, px := range ps {
			if a == 0 && b == 0 || a == 0 && b == len(ps)-1 || a == len(ps)-1 && b == 0 {
				continue
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					set(px+dx, py+dy, max(iabs(dx), iabs(dy)) != 1)
				}
			}
		}
	}
	set(8, d-8, true)
	if v >= 7 {
		vb := versionBits(v)
		for i := 0; i < 18; i++ {
			x, y := versionModule(i)
			dark := vb>>i&1 == 1
			set(d-7+x, y, dark)
			set(y, d-7+x, dark)
		}
	}
	return fixed, value
}

func iabs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// render draws s as an upright 8-bit image, scale pixels a module, with a
// four-module quiet zone: an image zxing-cpp reads as a pure code.
func (s qrSymbol) render(scale int) (gocv.Mat, error) {
	d := len(s)
	side := (d + 8) * scale
	pix := make([]byte, side*side)
	for i := range pix {
		pix[i] = 255
	}
	for y, row := range s {
		for x, dark := range row {
			if !dark {
				continue
			}
			for yy := 0; yy < scale; yy++ {
				o := ((y+4)*scale+yy)*side + (x+4)*scale
				for xx := 0; xx < scale; xx++ {
					pix[o+xx] = 0
				}
			}
		}
	}
	return gocv.NewMatFromBytes(side, side, gocv.MatTypeCV8UC1, pix)
}
