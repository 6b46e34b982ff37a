package camera

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"gocv.io/x/gocv"
)

// TestFindDevicesTimeLimit: a camera that opens and gives a frame is found
// with its frame's size; one that fails is left out; one that opens and
// never sends a frame is found without a frame (and closed once its read
// returns); one whose open hangs is left out, and the devices after it are
// tried all at once: the whole takes two limits (the hang, then the other
// hangs and the silent camera's read together), not four.
func TestFindDevicesTimeLimit(t *testing.T) {
	frame := gocv.NewMatWithSize(48, 64, gocv.MatTypeCV8UC3)
	defer frame.Close()
	frame.SetTo(gocv.NewScalar(10, 200, 30, 0)) // BGR: green
	hang := make(chan struct{})
	silent := &stuck{release: hang}
	open := func(_ context.Context, name string) (Source, error) {
		switch name {
		case "0":
			return &Fake{Frames: []gocv.Mat{frame}, Live: true, FPS: 30}, nil
		case "1", "5", "6":
			<-hang // the driver never answers
			return nil, errors.New("late")
		case "2":
			return nil, errors.New("camera 2: cannot be opened")
		case "3":
			return silent, nil
		}
		return nil, errors.New("no such camera")
	}
	const limit = 500 * time.Millisecond
	start := time.Now()
	got := findDevices(context.Background(), []int{0, 2, 1, 5, 6, 3, 4}, limit, open)
	took := time.Since(start)
	if took < 2*limit || took > 3*limit {
		t.Errorf("took %v with a limit of %v per camera, want about %v", took, limit, 2*limit)
	}
	if len(got) != 2 || got[0].Index != 0 || got[1].Index != 3 {
		t.Fatalf("found %+v, want cameras 0 and 3", got)
	}
	c := got[0]
	if c.Frame == nil || c.Info.Width != 64 || c.Info.Height != 48 || c.Info.FPS != 30 || c.Path != "/dev/video0" {
		t.Errorf("camera 0: %+v", c)
	}
	if r, g, b, _ := c.Frame.At(5, 5).RGBA(); r>>8 != 30 || g>>8 != 200 || b>>8 != 10 {
		t.Errorf("camera 0's frame pixel = %d,%d,%d, want 30,200,10", r>>8, g>>8, b>>8)
	}
	if got[1].Frame != nil {
		t.Errorf("camera 3 sent no frame, yet has one")
	}
	if silent.closed.Load() {
		t.Error("the silent camera was closed under its read")
	}
	close(hang) // the drivers answer at last
	if !eventually(silent.closed.Load) {
		t.Error("the silent camera was not closed once its read returned")
	}
}

// TestFindDevicesSlowOpens: OpenCV's opens are serialised (Quiet), and an
// open takes a while even for a device that is not there; each camera is
// given its limit from when its own open starts, so eight cameras that
// each take 100 ms to open are all found with a limit of 300 ms.
func TestFindDevicesSlowOpens(t *testing.T) {
	frame := gocv.NewMatWithSize(48, 64, gocv.MatTypeCV8UC3)
	defer frame.Close()
	var opening sync.Mutex
	open := func(_ context.Context, name string) (Source, error) {
		opening.Lock()
		defer opening.Unlock()
		time.Sleep(100 * time.Millisecond)
		return &Fake{Frames: []gocv.Mat{frame}, Live: true}, nil
	}
	idx := []int{0, 1, 2, 3, 4, 5, 6, 7}
	if got := findDevices(context.Background(), idx, 300*time.Millisecond, open); len(got) != len(idx) {
		t.Errorf("found %d cameras of %d", len(got), len(idx))
	}
}

// TestFindDevicesNone: real OpenCV on indexes without a camera finds
// nothing.
func TestFindDevicesNone(t *testing.T) {
	var idx []int
	for i := range 3 {
		if _, err := os.Stat("/dev/video" + strconv.Itoa(i)); err != nil {
			idx = append(idx, i)
		}
	}
	start := time.Now()
	if got := FindDevices(context.Background(), idx, 3*time.Second); len(got) != 0 {
		t.Errorf("found %+v", got)
	}
	t.Logf("%d indexes without a camera tried in %v", len(idx), time.Since(start).Round(time.Millisecond))
}

// TestDeviceIndexes: on Linux the indexes of the /dev/videoN nodes there
// are, elsewhere 0 to 9 as well.
func TestDeviceIndexes(t *testing.T) {
	idx := DeviceIndexes()
	for _, i := range idx {
		if _, err := os.Stat("/dev/video" + strconv.Itoa(i)); err != nil && runtime.GOOS == "linux" {
			t.Errorf("index %d: %v", i, err)
		}
	}
	if runtime.GOOS != "linux" && len(idx) < probeIndexes {
		t.Errorf("indexes %v", idx)
	}
}
