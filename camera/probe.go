package camera

import (
	"context"
	"image"
	"path/filepath"
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

// probeIndexes are the indexes FindDevices always tries.
const probeIndexes = 10

// DeviceIndexes are the camera indexes worth trying: 0 to 9, and N for
// every /dev/videoN there is (a machine with many capture nodes).
func DeviceIndexes() []int {
	idx := make([]int, probeIndexes)
	for i := range idx {
		idx[i] = i
	}
	nodes, _ := filepath.Glob("/dev/video*")
	for _, n := range nodes {
		if i, err := strconv.Atoi(strings.TrimPrefix(n, "/dev/video")); err == nil && i >= 0 && i < 1000 && !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	return idx
}

// FindDevices opens each camera index of indexes and reads one frame from
// it, each within limit (a camera driver can hang: a device that does not
// answer in time is left out, its open carrying on detached), and returns
// the devices that opened, in index order. All are tried at once, so the
// whole takes about limit at most; each is closed before FindDevices
// returns.
func FindDevices(ctx context.Context, indexes []int, limit time.Duration) []Device {
	return findDevices(ctx, indexes, limit, func(_ context.Context, name string) (Source, error) {
		i, _ := strconv.Atoi(name)
		return OpenDevice(i)
	})
}

func findDevices(ctx context.Context, indexes []int, limit time.Duration, open func(context.Context, string) (Source, error)) []Device {
	found := make([]*Device, len(indexes))
	var wg sync.WaitGroup
	for k, i := range indexes {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(ctx, limit)
			defer cancel()
			src, err := openDetached(ctx, strconv.Itoa(i), open)
			if err != nil {
				return
			}
			defer src.Close() // at once: a read still inside OpenCV closes the device when it returns
			d := Device{Index: i, Path: "/dev/video" + strconv.Itoa(i), Info: src.Info()}
			m := gocv.NewMat()
			defer m.Close()
			if src.Read(ctx, &m) == nil {
				if d.Frame = matImage(m); d.Frame != nil {
					d.Info.Width, d.Info.Height = d.Frame.Bounds().Dx(), d.Frame.Bounds().Dy()
				}
			}
			found[k] = &d
		})
	}
	wg.Wait()
	var out []Device
	for _, d := range found {
		if d != nil {
			out = append(out, *d)
		}
	}
	slices.SortFunc(out, func(a, b Device) int { return a.Index - b.Index })
	return out
}
