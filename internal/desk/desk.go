// Package desk is the desk's work behind the screen: the camera loop and
// what watches its picture, the warnings watcher, the retention purge at
// start, and the store as the screen sees it (Backend). cmd/canhcua wires it
// to the screen; `canhcua bench` can run it without one.
package desk

import (
	"context"
	"log"
	"path/filepath"
	"sync"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
)

// Options are what a desk runs with.
type Options struct {
	DB       *store.DB
	Door     string
	Location *time.Location
	// Mode is the direction mode at start; the screen changes it with `d`
	// (Backend.SetMode), and the still-inside rule follows it (doors that
	// count exits).
	Mode          canhcua.Mode
	Dedup         time.Duration // camera: out of view this long before a code is read again
	DataDir       string        // snapshots go in DataDir/snapshots
	RetentionDays int
	Closing       int // closing time, minutes after midnight; -1: none
	Rules         canhcua.Rules
	ExportDir     string
	ExportFormat  string
	Export        export.Options
	// OnFirstFrame, when set, is called once the source has delivered a
	// frame.
	OnFirstFrame func()
}

// Desk is a desk at work.
type Desk struct {
	Camera  *Camera
	Watcher *Watcher
	Backend *Backend
	wg      sync.WaitGroup
}

// Start starts the desk's work on src: the retention purge (in the
// background and a day at a time, so the desk scans at once), the camera
// loop and the warnings watcher, until ctx is done. Wait returns once all of
// them have stopped.
func Start(ctx context.Context, src camera.Source, o Options) *Desk {
	d := &Desk{}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		n, problems, err := PurgeByDay(ctx, o.DB, o.RetentionDays, time.Now())
		log.Printf("canhcua: retention %d days: %d records deleted", o.RetentionDays, n)
		for _, p := range append(problems, err) {
			if p != nil && ctx.Err() == nil {
				log.Printf("canhcua: retention: %v", p)
			}
		}
	}()
	if o.OnFirstFrame != nil {
		src = camera.OnFirstFrame(src, o.OnFirstFrame)
	}
	d.Camera = NewCamera(src, o.Dedup, filepath.Join(o.DataDir, "snapshots"))
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.Camera.Run(ctx)
		d.Camera.Wait()
	}()

	d.Backend = newBackend(o, time.Now)
	d.Watcher = d.Backend.Watch
	if err := d.Watcher.refreshRosters(ctx); err != nil {
		log.Printf("canhcua: rosters: %v", err)
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.Watcher.run(ctx, d.Camera.Trouble, d.Camera.noScans)
	}()
	return d
}

// Wait returns once the desk's work has stopped (after Start's ctx is done).
func (d *Desk) Wait() { d.wg.Wait() }
