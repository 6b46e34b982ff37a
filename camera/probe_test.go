package camera

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"gocv.io/x/gocv"
)

// TestFindDevicesTimeLimit: a camera that opens and gives a frame is found
// with its frame's size; one whose open hangs and one that fails are left
// out; one that opens and never sends a frame is found without a frame (and
// closed once its read returns); and the whole takes about the time limit,
// not the sum of the hangs.
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
		case "1":
			<-hang // the driver never answers
			return nil, errors.New("late")
		case "2":
			return nil, errors.New("camera 2: cannot be opened")
		case "3":
			return silent, nil
		}
		return nil, errors.New("no such camera")
	}
	const limit = 300 * time.Millisecond
	start := time.Now()
	got := findDevices(context.Background(), []int{3, 2, 1, 0, 4}, limit, open)
	took := time.Since(start)
	if took > 2*limit {
		t.Errorf("took %v with a limit of %v per camera", took, limit)
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

// TestFindDevicesNone: on a machine without a camera (this one, when it has
// no /dev/video0) nothing is found, quickly.
func TestFindDevicesNone(t *testing.T) {
	if _, err := os.Stat("/dev/video0"); err == nil {
		t.Skip("this machine has a camera")
	}
	start := time.Now()
	if got := FindDevices(context.Background(), DeviceIndexes(), 3*time.Second); len(got) != 0 {
		t.Errorf("found %+v", got)
	}
	t.Logf("10 indexes tried in %v", time.Since(start).Round(time.Millisecond))
}

func TestDeviceIndexes(t *testing.T) {
	idx := DeviceIndexes()
	if len(idx) < 10 || idx[0] != 0 || idx[9] != 9 {
		t.Errorf("indexes %v", idx)
	}
}
