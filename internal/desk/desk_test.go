package desk

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/disktest"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
)

// deskGoroutines are the stacks of the goroutines running the desk's work
// (this package's and the camera's), the tests' own left out.
func deskGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var found []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "testing.tRunner") || strings.Contains(g, "testing.(*M)") {
			continue
		}
		if strings.Contains(g, "/internal/desk.") || strings.Contains(g, "/camera.") {
			found = append(found, g)
		}
	}
	return found
}

// TestWaitJoinsTheDesk starts a desk on the demo source, lets it scan,
// cancels it and waits: then no goroutine of the desk is left and the
// database closes under nothing (run with -race).
func TestWaitJoinsTheDesk(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo source for a few seconds")
	}
	loc := tz.Vietnam()
	dir := t.TempDir()
	db, err := store.Open(context.Background(), filepath.Join(dir, "canhcua.db"), store.WithLocation(loc))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dk := Start(ctx, "demo", Options{DB: db, Door: "Cổng chính", Location: loc, Mode: canhcua.ModeToggle,
		Dedup: time.Second, DataDir: dir, RetentionDays: 30, Closing: -1})
	// Scan what the camera reads for a while, as the screen would.
	deadline := time.After(20 * time.Second)
	for scans := 0; scans < 2; {
		select {
		case c := <-dk.Camera.Codes():
			if _, err := dk.Backend.Scan(ctx, canhcua.Identify(c.Text), dk.Backend.Mode(), "Cổng chính", time.Now()); err != nil {
				t.Fatal(err)
			}
			scans++
		case <-deadline:
			t.Fatalf("%d codes read from the demo in 20 s", scans)
		}
	}
	cancel()
	dk.Wait()
	// The desk's own goroutines are gone once Wait returns. A detached read
	// (camera.OpenDetached) may still be inside a C call the desk no longer
	// waits for (Wait gives the camera loop cameraJoin): it touches no
	// database and must end by itself soon after. So may a job of the live
	// engine's background worker (a heavy pass on its own copy of a frame).
	var own []string
	for _, g := range deskGoroutines() {
		if !strings.Contains(g, "camera.(*detached)") && !strings.Contains(g, "camera.(*liveJob)") {
			own = append(own, g)
		}
	}
	if len(own) > 0 {
		t.Fatalf("%d goroutines of the desk left after Wait:\n%s", len(own), strings.Join(own, "\n\n"))
	}
	for end := time.Now().Add(10 * time.Second); len(deskGoroutines()) > 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(end) {
			left := deskGoroutines()
			t.Fatalf("%d goroutines of the camera still running 10 s after Wait:\n%s", len(left), strings.Join(left, "\n\n"))
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestWatcherFollowsMode: the still-inside-at-closing rule applies to doors
// that count exits; a desk started in "in" mode and switched to "toggle"
// with `d` (the screen calls SetMode) warns about who is still inside.
func TestWatcherFollowsMode(t *testing.T) {
	ctx := context.Background()
	loc := tz.Vietnam()
	now := time.Date(2026, 11, 27, 17, 45, 0, 0, loc)
	clock := func() time.Time { return now }
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "w.db"), store.WithLocation(loc), store.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b := newBackend(Options{DB: db, Door: "Cổng chính", Location: loc, Mode: canhcua.ModeIn, Closing: 17*60 + 30}, clock)
	an := canhcua.Identify("001090001234||Nguyễn Văn An|15031990|Nam|Hà Nội|10052021")
	if s, err := b.Scan(ctx, an, b.Mode(), "Cổng chính", now.Add(-8*time.Hour)); err != nil || s.Result != canhcua.Accepted {
		t.Fatalf("An in: %v %v", s.Result, err)
	}
	stillInside := func() int {
		t.Helper()
		if err := b.Watch.check(ctx, nil); err != nil {
			t.Fatal(err)
		}
		ws, err := db.Warnings(ctx, now, "", true)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, w := range ws {
			if w.Kind == canhcua.WarnStillInside {
				n++
			}
		}
		return n
	}
	if n := stillInside(); n != 0 {
		t.Fatalf("a door that counts no exits warned of %d still inside", n)
	}
	b.SetMode(canhcua.ModeToggle)
	if n := stillInside(); n != 1 {
		t.Fatalf("after `d` to toggle: %d still-inside warnings, want 1", n)
	}
}

// captureLog sends the log to a buffer until the test ends.
func captureLog(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	log.SetOutput(&buf)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	return &buf
}

// TestStorageLogsOncePerChange: failures of the same kind are one line of
// the log, a different failure or a write that goes through another.
func TestStorageLogsOncePerChange(t *testing.T) {
	buf := captureLog(t)
	var s storageState
	full := canhcua.Wrap(canhcua.EFULL, fmt.Errorf("database or disk is full (13)"), catalog.ErrDiskFull)
	readOnly := canhcua.Wrap(canhcua.EREADONLY, fmt.Errorf("attempt to write a readonly database (8)"), catalog.ErrDBReadOnly)
	for _, err := range []error{nil, full, full, full, canhcua.Errorf(canhcua.EINVALID, catalog.ErrDoorEmpty), full, readOnly, readOnly, nil, nil} {
		s.wrote(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "the disk is full") || !strings.Contains(lines[0], "(13)") ||
		!strings.Contains(lines[1], "read-only") || !strings.Contains(lines[2], "written again") {
		t.Fatalf("log:\n%s", buf)
	}
	if s.failure() != nil {
		t.Errorf("failure %v after a write went through", s.failure())
	}
}

// TestBackendOnAFullDisk fills a real disk (a tmpfs, as root) under the
// desk: scans fail with EFULL, the backend says so until a scan goes through
// again, and the log has one line for the failure and one for the recovery,
// not one per scan.
func TestBackendOnAFullDisk(t *testing.T) {
	ctx := context.Background()
	dir := disktest.Small(t, 1<<20)
	loc := tz.Vietnam()
	db, err := store.Open(ctx, filepath.Join(dir, "canhcua.db"), store.WithLocation(loc))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b := newBackend(Options{DB: db, Door: "Cổng chính", Location: loc, Mode: canhcua.ModeIn, Closing: -1}, time.Now)
	buf := captureLog(t)
	disktest.Fill(t, dir)
	scan := func(i int) error {
		id := canhcua.Identify(fmt.Sprintf("0010900%05d||Người số %d xếp hàng ở cổng chính|01011990|Nam|Hà Nội|10052021", i, i))
		_, err := b.Scan(ctx, id, b.Mode(), "Cổng chính", time.Now())
		return err
	}
	i, failed := 0, 0
	for ; failed < 5 && i < 2000; i++ {
		if err := scan(i); err != nil {
			if canhcua.ErrorCode(err) != canhcua.EFULL {
				t.Fatalf("scan %d: %v, want EFULL", i, err)
			}
			failed++
		}
	}
	if failed < 5 {
		t.Fatalf("%d scans, %d failed: the disk never filled", i, failed)
	}
	if canhcua.ErrorCode(b.Storage()) != canhcua.EFULL {
		t.Fatalf("Storage() = %v on a full disk", b.Storage())
	}
	if err := os.Remove(filepath.Join(dir, "filler")); err != nil {
		t.Fatal(err)
	}
	if err := scan(i); err != nil {
		t.Fatalf("scan after freeing the disk: %v", err)
	}
	if b.Storage() != nil {
		t.Errorf("Storage() = %v after a scan went through", b.Storage())
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "the disk is full") || !strings.Contains(lines[1], "written again") {
		t.Fatalf("log after %d failed scans and a good one:\n%s", failed, buf)
	}
}
