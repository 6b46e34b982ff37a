package camera

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"time"

	qrcode "github.com/skip2/go-qrcode"
	"gocv.io/x/gocv"
)

// DemoPerson is one of the people the demo source shows at the door.
type DemoPerson struct {
	Label   string // ASCII caption under the code
	Payload string // what the code holds
}

// DemoPeople are the demo source's people: citizen ID card (CCCD) codes in
// the card's real format, with made-up numbers and addresses (catalog:data:
// what the cards carry).
var DemoPeople = []DemoPerson{
	{"Nguyen Van An", "001090001234|012345678|Nguyễn Văn An|15031990|Nam|Số 12 Hàng Bài, Hoàn Kiếm, Hà Nội|10052021"},
	{"Tran Thi Bich Ngoc", "079185004321||Trần Thị Bích Ngọc|02111985|Nữ|45 Lê Lợi, Quận 1, TP Hồ Chí Minh|22072021"},
	{"Le Hoang Minh", "036200007777|163456789|Lê Hoàng Minh|20092000|Nam|Thôn Đông, Yên Phong, Ý Yên, Nam Định|01032022"},
	{"Pham Thi Lan", "048170002468||Phạm Thị Lan|07071970|Nữ|Tổ 5, Hòa Minh, Liên Chiểu, Đà Nẵng|14122021"},
	{"Vo Quoc Bao", "089095003690|351234567|Võ Quốc Bảo|30121995|Nam|Ấp 3, Mỹ Hòa Hưng, Long Xuyên, An Giang|05062021"},
}

// DemoOptions configure the demo source.
type DemoOptions struct {
	Seed   int64   // same seed, same frames
	Width  int     // default 1280
	Height int     // default 720
	FPS    float64 // nominal frame rate, default 30
}

// Demo is the built-in demo source: it synthesises frames in which the demo
// people's codes enter, move, tilt, blur a little and leave, one after the
// other with some overlap, in a loop. Frames depend only on the seed and the
// frame number. Demo delivers frames as fast as it is asked; Open("demo")
// paces it at its frame rate like a camera.
type Demo struct {
	opt    DemoOptions
	bg     gocv.Mat
	cards  []gocv.Mat // BGR card per person: white card, code, caption
	tmp    gocv.Mat
	plan   []demoVisit
	period float64 // seconds per loop
	n      int64
}

type demoVisit struct {
	person      int
	start, stay float64 // seconds into the loop; seconds in view
	y, size     float64 // vertical centre, card height (pixels)
	tilt, phase float64 // max rotation (radians), phase of the wobble
	fromRight   bool
}

// demoStagger is the time between two people entering, and demoStay how long
// each is in view: they overlap, so some frames hold two codes.
const (
	demoStagger = 4.0
	demoStay    = 6.5
)

// NewDemo makes a demo source.
func NewDemo(opt DemoOptions) *Demo {
	if opt.Width <= 0 {
		opt.Width = 1280
	}
	if opt.Height <= 0 {
		opt.Height = 720
	}
	if opt.FPS <= 0 {
		opt.FPS = 30
	}
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0x63616e68637561))
	d := &Demo{opt: opt, tmp: gocv.NewMat()}
	d.bg = demoBackground(opt.Width, opt.Height, rng)
	for _, p := range DemoPeople {
		d.cards = append(d.cards, demoCard(p))
	}
	order := rng.Perm(len(DemoPeople))
	h := float64(opt.Height)
	for i, p := range order {
		d.plan = append(d.plan, demoVisit{
			person:    p,
			start:     float64(i)*demoStagger + rng.Float64()*0.5,
			stay:      demoStay + rng.Float64(),
			y:         h*0.35 + rng.Float64()*h*0.3,
			size:      h * (0.42 + rng.Float64()*0.12),
			tilt:      (8 + rng.Float64()*10) * math.Pi / 180,
			phase:     rng.Float64() * 2 * math.Pi,
			fromRight: rng.IntN(2) == 1,
		})
	}
	d.period = float64(len(order))*demoStagger + 2
	return d
}

// Period is the length of the demo's loop.
func (d *Demo) Period() time.Duration { return time.Duration(d.period * float64(time.Second)) }

// Visible returns the payloads whose codes are fully in view at time t
// (seconds from the first frame), for tests.
func (d *Demo) Visible(t float64) []string {
	var out []string
	for _, v := range d.plan {
		q, ok := d.quad(v, math.Mod(t, d.period))
		if ok && insideFrame(q, d.opt.Width, d.opt.Height) {
			out = append(out, DemoPeople[v.person].Payload)
		}
	}
	return out
}

// Read implements Source: it renders frame number n into dst.
func (d *Demo) Read(ctx context.Context, dst *gocv.Mat) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Render(d.n, dst)
	d.n++
	return nil
}

// Render draws frame n into dst.
func (d *Demo) Render(n int64, dst *gocv.Mat) {
	t := math.Mod(float64(n)/d.opt.FPS, d.period)
	d.bg.CopyTo(dst)
	sz := image.Pt(d.opt.Width, d.opt.Height)
	for _, v := range d.plan {
		q, ok := d.quad(v, t)
		if !ok {
			continue
		}
		card := d.cards[v.person]
		src := gocv.NewPoint2fVectorFromPoints([]gocv.Point2f{
			{X: 0, Y: 0}, {X: float32(card.Cols()), Y: 0},
			{X: float32(card.Cols()), Y: float32(card.Rows())}, {X: 0, Y: float32(card.Rows())},
		})
		dq := gocv.NewPoint2fVectorFromPoints(q[:])
		m := gocv.GetPerspectiveTransform2f(src, dq)
		// A little blur, more while the card moves fast.
		sigma := 0.6 + 0.8*math.Abs(math.Sin(t*1.7+v.phase))
		gocv.GaussianBlur(card, &d.tmp, image.Pt(0, 0), sigma, sigma, gocv.BorderReplicate)
		gocv.WarpPerspectiveWithParams(d.tmp, dst, m, sz, gocv.InterpolationLinear, gocv.BorderTransparent, color.RGBA{})
		m.Close()
		src.Close()
		dq.Close()
	}
	gocv.PutText(dst, fmt.Sprintf("canhcua demo  %06d", n), image.Pt(24, d.opt.Height-24), // catalog:data: drawn in the picture
		gocv.FontHersheySimplex, 0.8, color.RGBA{230, 230, 230, 0}, 2)
}

// quad returns where a visit's card is at time t (its four corners), and
// whether it is in view at all.
func (d *Demo) quad(v demoVisit, t float64) ([4]gocv.Point2f, bool) {
	var q [4]gocv.Point2f
	u := (t - v.start) / v.stay // 0 → 1 while in view
	if u < 0 || u > 1 {
		return q, false
	}
	w := float64(d.opt.Width)
	card := d.cards[v.person]
	ch := v.size
	cw := ch * float64(card.Cols()) / float64(card.Rows())
	// Enter from one side, slow down in the middle (where people hold the code
	// up), leave on the other side.
	s := u + 0.85*math.Sin(2*math.Pi*u)/(2*math.Pi)
	x := -cw/2 + s*(w+cw)
	if v.fromRight {
		x = w - x
	}
	y := v.y + 20*math.Sin(2*math.Pi*u+v.phase)
	a := v.tilt * math.Sin(2*math.Pi*u*1.3+v.phase)
	persp := 0.12 * math.Sin(2*math.Pi*u*0.9+v.phase) // one side nearer the camera
	hw, hh := cw/2, ch/2
	corners := [4][2]float64{{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}}
	for i, c := range corners {
		k := 1 + persp*math.Copysign(1, c[0])
		cx, cy := c[0], c[1]*k
		q[i] = gocv.Point2f{
			X: float32(x + cx*math.Cos(a) - cy*math.Sin(a)),
			Y: float32(y + cx*math.Sin(a) + cy*math.Cos(a)),
		}
	}
	return q, true
}

func insideFrame(q [4]gocv.Point2f, w, h int) bool {
	for _, p := range q {
		if p.X < 0 || p.Y < 0 || p.X >= float32(w) || p.Y >= float32(h) {
			return false
		}
	}
	return true
}

// Info implements Source.
func (d *Demo) Info() Info {
	return Info{Name: "demo", Kind: "demo", Width: d.opt.Width, Height: d.opt.Height, FPS: d.opt.FPS, Live: true}
}

// Close implements Source.
func (d *Demo) Close() error {
	d.bg.Close()
	d.tmp.Close()
	for i := range d.cards {
		d.cards[i].Close()
	}
	d.cards = nil
	return nil
}

// demoBackground draws a plain office wall with a door frame and some noise.
func demoBackground(w, h int, rng *rand.Rand) gocv.Mat {
	bg := gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC3)
	px, _ := bg.DataPtrUint8()
	tone := 150 + rng.IntN(40)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := tone + 50*y/h - 20*x/w + rng.IntN(9) - 4
			i := (y*w + x) * 3
			px[i] = clamp8(v - 10)
			px[i+1] = clamp8(v)
			px[i+2] = clamp8(v + 12)
		}
	}
	// A door frame.
	gocv.Rectangle(&bg, image.Rect(w/3, h/10, 2*w/3, h+10), color.RGBA{60, 90, 120, 0}, 14)
	return bg
}

func clamp8(v int) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// demoCard draws a person's card: the code on white with a caption.
func demoCard(p DemoPerson) gocv.Mat {
	q, err := qrcode.New(p.Payload, qrcode.Medium)
	if err != nil {
		panic(fmt.Sprintf("demo code for %s: %v", p.Label, err)) // payloads are constants
	}
	bits := q.Bitmap() // includes a 4-module quiet zone
	const mod = 6
	n := len(bits)
	side := n * mod
	capH := 70
	card := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(250, 250, 250, 0), side+capH, side, gocv.MatTypeCV8UC3)
	for y, row := range bits {
		for x, on := range row {
			if on {
				gocv.Rectangle(&card, image.Rect(x*mod, y*mod, (x+1)*mod, (y+1)*mod), color.RGBA{20, 20, 20, 0}, -1)
			}
		}
	}
	gocv.PutText(&card, p.Label, image.Pt(mod*4, side+capH/2), gocv.FontHersheySimplex, 0.9, color.RGBA{30, 30, 30, 0}, 2)
	return card
}
