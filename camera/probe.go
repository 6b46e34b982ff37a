package camera

import (
	"context"
	"errors"
	"image"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gocv.io/x/gocv"
)

// Device is a camera FindDevices found: one that opened within the time
// limit.
type Device struct {
	Index int         // what --source and the config's source name it by: "0", "1"…
	Path  string      // its device node (/dev/videoN)
	Info  Info        // resolution (of the frame read, when one came) and nominal frame rate
	Frame image.Image // one frame, for a preview; nil when none came within the time limit
}

// probeIndexes are the indexes FindDevices tries besides the device nodes.
const probeIndexes = 10

// DeviceIndexes are the camera indexes worth trying: 0 to 9, and N for
// every /dev/videoN there is (a machine with many capture nodes). On Linux
// an index without its /dev/videoN node is left out: no backend can open
// it, and OpenCV takes 0.25–0.4 s to say so (3.3 s for the ten on the
// development machine).
func DeviceIndexes() []int {
	var idx []int
	nodes, _ := filepath.Glob("/dev/video*")
	for _, n := range nodes {
		if i, err := strconv.Atoi(strings.TrimPrefix(n, "/dev/video")); err == nil && i >= 0 && i < 1000 {
			idx = append(idx, i)
		}
	}
	if runtime.GOOS != "linux" {
		for i := range probeIndexes {
			if !slices.Contains(idx, i) {
				idx = append(idx, i)
			}
		}
	}
	slices.Sort(idx)
	return idx
}

// FindDevices opens the cameras of indexes in turn, reads one frame from
// each, and returns those that opened, in index order; each is closed
// before FindDevices returns. Each is given limit to open and limit to
// send its frame: a device that opens and sends nothing in time is listed
// without a frame. A camera driver can hang: a device that does not open
// in time is left out, its open carrying on detached, and as OpenCV's
// opens are serialised behind it (Quiet) the devices still to try are
// tried all at once within one more limit.
func FindDevices(ctx context.Context, indexes []int, limit time.Duration) []Device {
	return findDevices(ctx, indexes, limit, func(_ context.Context, name string) (Source, error) {
		i, _ := strconv.Atoi(name)
		return OpenDevice(i)
	})
}

func findDevices(ctx context.Context, indexes []int, limit time.Duration, open func(context.Context, string) (Source, error)) []Device {
	var out []Device
	for k, i := range indexes {
		d, err := probeDevice(ctx, i, limit, open)
		if err == nil {
			out = append(out, d)
		}
		if ctx.Err() != nil {
			break
		}
		if errors.Is(err, context.DeadlineExceeded) { // hung: the rest at once
			var mu sync.Mutex
			var wg sync.WaitGroup
			for _, j := range indexes[k+1:] {
				wg.Go(func() {
					if d, err := probeDevice(ctx, j, limit, open); err == nil {
						mu.Lock()
						out = append(out, d)
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			break
		}
	}
	slices.SortFunc(out, func(a, b Device) int { return a.Index - b.Index })
	return out
}

// probeDevice opens camera i within limit and reads a frame within limit.
func probeDevice(ctx context.Context, i int, limit time.Duration, open func(context.Context, string) (Source, error)) (Device, error) {
	octx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	src, err := openDetached(octx, strconv.Itoa(i), open)
	if err != nil {
		return Device{}, err
	}
	defer src.Close() // at once: a read still inside OpenCV closes the device when it returns
	d := Device{Index: i, Path: "/dev/video" + strconv.Itoa(i), Info: src.Info()}
	rctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	m := gocv.NewMat()
	defer m.Close()
	if src.Read(rctx, &m) == nil {
		if d.Frame = matImage(m); d.Frame != nil {
			d.Info.Width, d.Info.Height = d.Frame.Bounds().Dx(), d.Frame.Bounds().Dy()
		}
	}
	return d, nil
}
