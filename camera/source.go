package camera

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
)

// A Source delivers frames: a camera, a video file or stream, a folder of
// images, the built-in demo. Read blocks until the next frame, writes it into
// dst (reusing dst's memory when it can) and returns io.EOF after the last
// frame of a finite source. Sources are used from one goroutine at a time.
type Source interface {
	Read(ctx context.Context, dst *gocv.Mat) error
	Info() Info
	Close() error
}

// Info describes a source.
type Info struct {
	Name   string  // what the user named: "0", "demo", a path or URL (canhcua.Redact'ed)
	Kind   string  // "device", "file", "stream", "images", "demo", "fake"
	Width  int     // frame size, 0 when not known
	Height int     //
	FPS    float64 // nominal frame rate, 0 when not known
	Live   bool    // true when frames arrive in real time (camera, stream, demo)
}

// ErrNoFrames is returned when a source was opened but delivers no frame.
var ErrNoFrames = errors.New("source delivers no frames")

// Open opens a source from its user-facing name:
//
//	"demo" or "demo:SEED"   the built-in demo (synthesised people and codes)
//	"0", "1", …             a camera device index
//	rtsp://, http(s)://…    a stream URL
//	a folder                its images, in name order
//	a path with %d, %04d…   an image sequence
//	an image file           that single image
//	any other file          a video file
func Open(ctx context.Context, name string) (Source, error) {
	switch {
	case IsDemo(name):
		seed := int64(1)
		if s, ok := strings.CutPrefix(name, "demo:"); ok {
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("demo source %q: the seed must be a whole number", name)
			}
			seed = v
		}
		// Paced like a camera: 30 frames a second.
		return Paced(NewDemo(DemoOptions{Seed: seed}), 0), nil
	case isDeviceIndex(name):
		id, _ := strconv.Atoi(name)
		return OpenDevice(id)
	case strings.Contains(name, "://"):
		return openCapture(name, "stream", true)
	case strings.Contains(name, "%"):
		return openCapture(name, "images", false)
	}
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return OpenFolder(name)
	}
	if IsImagePath(name) {
		return &folder{name: name, kind: "images", paths: []string{name}}, nil
	}
	return openCapture(name, "file", false)
}

// OpenLive opens a source to be read live: a finite one (a file, a folder)
// is paced at its frame rate, as a camera would deliver it.
func OpenLive(ctx context.Context, name string) (Source, error) {
	src, err := Open(ctx, name)
	if err != nil {
		return nil, err
	}
	if !src.Info().Live {
		src = Paced(src, 25)
	}
	return src, nil
}

// IsDemo reports whether name names the built-in demo ("demo" or
// "demo:SEED").
func IsDemo(name string) bool { return name == "demo" || strings.HasPrefix(name, "demo:") }

func isDeviceIndex(s string) bool {
	if s == "" || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// OpenDevice opens a camera by its index (0 is the first camera).
func OpenDevice(id int) (Source, error) {
	var vc *gocv.VideoCapture
	var err error
	Quiet(func() { vc, err = gocv.OpenVideoCapture(id) })
	if err != nil {
		return nil, fmt.Errorf("camera %d: %w", id, err)
	}
	if !vc.IsOpened() {
		vc.Close()
		return nil, fmt.Errorf("camera %d: cannot be opened", id)
	}
	c := newCapture(vc, strconv.Itoa(id), "device", true)
	return c, nil
}

// openCapture opens a file, stream or image sequence through OpenCV's
// FFmpeg backend, a stream within StreamTimeout. The source's name and its
// errors show the name Redact'ed: a stream's password never reaches the
// screen or a log.
func openCapture(name, kind string, live bool) (Source, error) {
	if kind == "file" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		f.Close()
	}
	setStreamTimeouts()
	var vc *gocv.VideoCapture
	var err error
	Quiet(func() { vc, err = gocv.VideoCaptureFileWithAPI(name, gocv.VideoCaptureFFmpeg) })
	shown := canhcua.Redact(name) // gocv's error names the URL whole: not used
	if err != nil || !vc.IsOpened() {
		if vc != nil {
			vc.Close()
		}
		return nil, fmt.Errorf("%s: cannot be opened as a video", shown)
	}
	return newCapture(vc, shown, kind, live), nil
}

// capture is a Source backed by an OpenCV VideoCapture.
type capture struct {
	vc   *gocv.VideoCapture
	info Info
	n    int64
}

func newCapture(vc *gocv.VideoCapture, name, kind string, live bool) *capture {
	fps := vc.Get(gocv.VideoCaptureFPS)
	if fps <= 0 || fps > 1000 {
		fps = 0
	}
	return &capture{vc: vc, info: Info{
		Name:   name,
		Kind:   kind,
		Width:  int(vc.Get(gocv.VideoCaptureFrameWidth)),
		Height: int(vc.Get(gocv.VideoCaptureFrameHeight)),
		FPS:    fps,
		Live:   live,
	}}
}

func (c *capture) Read(ctx context.Context, dst *gocv.Mat) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !c.vc.Read(dst) || dst.Empty() {
		if c.n == 0 && !c.info.Live {
			return fmt.Errorf("%s: %w", c.info.Name, ErrNoFrames)
		}
		if c.info.Live {
			return fmt.Errorf("%s: no frame (device unplugged or stream ended)", c.info.Name)
		}
		return io.EOF
	}
	c.n++
	return nil
}

func (c *capture) Info() Info   { return c.info }
func (c *capture) Close() error { return c.vc.Close() }

// folder is a Source over a list of image files.
type folder struct {
	name  string
	kind  string
	paths []string
	next  int
}

// OpenFolder opens the images of a folder, in name order.
func OpenFolder(dir string) (Source, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range ents {
		if !e.IsDir() && IsImagePath(e.Name()) {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no images in this folder", dir)
	}
	sort.Strings(paths)
	return &folder{name: dir, kind: "images", paths: paths}, nil
}

func (f *folder) Read(ctx context.Context, dst *gocv.Mat) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.next >= len(f.paths) {
		return io.EOF
	}
	p := f.paths[f.next]
	f.next++
	m, err := ReadImage(p)
	if err != nil {
		return err
	}
	defer m.Close()
	m.CopyTo(dst)
	return nil
}

func (f *folder) Info() Info {
	return Info{Name: f.name, Kind: f.kind}
}

func (f *folder) Close() error { return nil }

// Paced wraps a finite source so that it delivers frames no faster than its
// frame rate (or fps when the source does not know it), as a camera would.
func Paced(src Source, fps float64) Source {
	if f := src.Info().FPS; f > 0 {
		fps = f
	}
	if fps <= 0 {
		fps = 25
	}
	return &paced{Source: src, period: time.Duration(float64(time.Second) / fps)}
}

type paced struct {
	Source
	period time.Duration
	next   time.Time
}

func (p *paced) Read(ctx context.Context, dst *gocv.Mat) error {
	now := time.Now()
	if p.next.IsZero() {
		p.next = now
	}
	if d := p.next.Sub(now); d > 0 {
		if err := sleep(ctx, d); err != nil {
			return err
		}
	} else if -d > 4*p.period {
		p.next = now // fell far behind: do not burst to catch up
	}
	p.next = p.next.Add(p.period)
	return p.Source.Read(ctx, dst)
}

// sleep waits for d, or until ctx is done (its error).
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (p *paced) Info() Info {
	i := p.Source.Info()
	i.Live = true
	if i.FPS == 0 {
		i.FPS = float64(time.Second) / float64(p.period)
	}
	return i
}
