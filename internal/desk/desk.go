// Package desk is the desk's work behind the screen: the camera loop and
// what watches its picture, the warnings watcher, the retention purge at
// start, and the store as the screen sees it (Backend). cmd/canhcua wires it
// to the screen; `canhcua bench` can run it without one.
package desk

import (
	"context"
	"log"
	"sync"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/district"
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
	// Server is the district's server (postgres://…), "" for none: then the
	// desk works alone, as it always can. Site names the desk's unit there.
	Server  string
	Site    string
	Version string
	// Open, when set, opens the source instead of camera.OpenDetached (a
	// benchmark's own source).
	Open func(ctx context.Context, name string) (camera.Source, error)
}

// Desk is a desk at work.
type Desk struct {
	Camera  *Camera
	Watcher *Watcher
	Backend *Backend
	Sync    *Sync // nil without a server
	wg      sync.WaitGroup
}

// Start starts the desk's work on the source called source (as camera.Open
// knows it): the retention purge (in the background and a day at a time, so
// the desk scans at once), the camera loop (which opens the source, in the
// background too) and the warnings watcher, until ctx is done. Wait returns
// once all of them have stopped.
func Start(ctx context.Context, source string, o Options) *Desk {
	d := &Desk{}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		n, files, problems, err := PurgeByDay(ctx, o.DB, o.RetentionDays, time.Now(), SnapshotDir(o.DataDir))
		log.Printf("canhcua: retention %d days: %d records and %d snapshots deleted", o.RetentionDays, n, files)
		for _, p := range append(problems, err) {
			if p != nil && ctx.Err() == nil {
				log.Printf("canhcua: retention: %v", p)
			}
		}
	}()
	d.Camera = NewCamera(source, o.Dedup, SnapshotDir(o.DataDir))
	d.Camera.first = o.OnFirstFrame
	if o.Open != nil {
		d.Camera.open = o.Open
	}
	go d.Camera.Run(ctx) // joined by Wait, with a deadline

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
	if o.Server != "" {
		id, err := o.DB.DeskID(ctx)
		if err != nil {
			log.Printf("canhcua: district server: %v; the desk works alone", err)
			return d
		}
		d.Sync = &Sync{Local: o.DB, URL: o.Server,
			Desk: district.Desk{ID: id, Site: o.Site, Door: o.Door, Version: o.Version},
			OnRosters: func() {
				if err := d.Watcher.refreshRosters(ctx); err != nil && ctx.Err() == nil {
					log.Printf("canhcua: rosters: %v", err)
				}
			}}
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			d.Sync.Run(ctx)
		}()
	}
	return d
}

// cameraJoin is how long Wait waits for the camera loop once the rest has
// stopped. The loop never waits on OpenCV itself (its opens and reads are
// detached) and uses no database, so this only bounds a decode in progress;
// a process may exit with a capture call still running in C.
const cameraJoin = 500 * time.Millisecond

// Wait returns once the desk's work has stopped (after Start's ctx is done):
// the purge and the warnings watcher, which use the database, are joined; the
// camera loop is given cameraJoin.
func (d *Desk) Wait() {
	d.wg.Wait()
	select {
	case <-d.Camera.stopped():
	case <-time.After(cameraJoin):
		log.Printf("canhcua: camera loop still busy %s after the end; not waiting for it", cameraJoin)
	}
}
