package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"gocv.io/x/gocv"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/desk"
	"github.com/canhcua/canhcua/internal/tz"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/export"
)

// The soak runs the desk's whole pipeline without the screen, at full speed,
// for hours, and watches what a leak would make grow.

// What the soak's desk runs with.
const (
	soakDoor = "Soak" // catalog:data: the door's name in the soak's database
	// soakDedup is the camera's de-duplication window: the unpaced demo plays
	// its 22-second loop in a few seconds of wall time, so with the desk's 5 s
	// a person would never be out of view long enough to be read again; with
	// half a second each of them is read on each pass of the loop, and every
	// read is a scan written to the store.
	soakDedup = 500 * time.Millisecond
	// soakCallTimeout bounds each call to the backend, as the screen's
	// callTimeout does.
	soakCallTimeout = 10 * time.Second
	// The screen polls the camera's status every second and reloads the
	// warnings every 3 s (ui/commands.go); after a scan it reloads the counts
	// and the recent scans, at most soakRecent of them (ui's recentLimit).
	soakStatusEvery   = time.Second
	soakWarningsEvery = 3 * time.Second
	soakRecent        = 100
	// soakPurgeEvery is how often the retention purge runs (the desk runs it
	// at start): each time on back-dated scans and a back-dated warning with
	// a snapshot file, written just before, so it has rows and a file to
	// delete while the desk scans.
	soakPurgeEvery = time.Minute
)

// SoakRun says what Soak runs.
type SoakRun struct {
	// Source is demo, demo:SEED (unpaced: frames come as fast as the
	// pipeline takes them) or any source camera.Open knows, also unpaced; a
	// finite one (a video file, a folder) starts again at its end.
	Source string
	// DB is the database the desk writes to, made when missing. Snapshots go
	// in a folder beside it.
	DB       string
	Duration time.Duration // how long to run
	// Every is the sampling period. The samples after the warm-up are judged
	// against the baseline (see BaselineIndex).
	Every time.Duration
	// Progress, when set, gets the table's header at the start and each
	// sample's line as it is taken.
	Progress io.Writer

	// afterScan, set by tests, is called after each scan recorded (to
	// inject a leak and see the verdict catch it).
	afterScan func(canhcua.Scan)
}

// SoakSample is what the soak measured at one moment. The Go heap (read
// after a GC), goroutines, open files and live Mats are each the smallest of
// a few readings taken quickly one after the other (see settled); RSS is read
// once.
type SoakSample struct {
	Label      string  `json:"label"` // "start", the elapsed time ("10m0s"), "end", "stopped"
	ElapsedS   float64 `json:"elapsed_s"`
	RSS        uint64  `json:"rss"`           // bytes (/proc/self/statm)
	Heap       uint64  `json:"go_heap_inuse"` // bytes, after a GC
	Goroutines int     `json:"goroutines"`
	Files      int     `json:"open_files"` // entries of /proc/self/fd
	Mats       int     `json:"live_mats"`  // -1: not known (built without -tags matprofile)
	Frames     int64   `json:"frames_captured"`
	Decoded    int64   `json:"frames_decoded"` // from the camera's frames/s as the screen polls it
	Scans      int64   `json:"scans"`          // recorded by the backend
	Errors     int64   `json:"errors"`         // backend calls that failed (scans, polls, purge)
	Warnings   int     `json:"open_warnings"`  // at the last poll
	Purged     int     `json:"purged_rows"`    // by the retention purge, in all
	DBBytes    int64   `json:"db_bytes"`       // the database file and its WAL
}

// SoakReport is Soak's result, `canhcua bench soak` output.
type SoakReport struct {
	Source    string       `json:"source"`
	DB        string       `json:"db"`
	DurationS float64      `json:"duration_s"`
	EveryS    float64      `json:"every_s"`
	Before    SoakSample   `json:"before"`   // before the pipeline started
	Samples   []SoakSample `json:"samples"`  // start, every period, end
	Stopped   SoakSample   `json:"stopped"`  // once the pipeline has stopped
	Baseline  int          `json:"baseline"` // index in Samples of the baseline (see BaselineIndex)
	LastError string       `json:"last_error,omitempty"`
	// Failures are the verdict: empty when the run passed.
	Failures []Failure `json:"failures"`
}

// Failure is one reason a soak failed.
type Failure struct {
	Figure string `json:"figure"` // rss, heap, goroutines, files, mats, frames, scans, errors
	Text   string `json:"text"`
}

// OK says whether the soak passed.
func (r SoakReport) OK() bool { return len(r.Failures) == 0 }

// Failed says whether figure is among the failures.
func (r SoakReport) Failed(figure string) bool {
	for _, f := range r.Failures {
		if f.Figure == figure {
			return true
		}
	}
	return false
}

// soakCounters are the pipeline's figures, updated by the harness's
// goroutines and read by the sampler.
type soakCounters struct {
	decoded, scans, errors atomic.Int64
	warnings, purged       atomic.Int64
	mu                     sync.Mutex
	lastErr                string
}

func (c *soakCounters) failed(ctx context.Context, err error) {
	if err == nil || ctx.Err() != nil {
		return
	}
	c.errors.Add(1)
	c.mu.Lock()
	c.lastErr = err.Error()
	c.mu.Unlock()
}

// Soak runs the desk's pipeline — source, live engine, picture analysis and
// people detection, store, warnings watcher, retention purge — with the
// harness playing the screen's part, for run.Duration or until ctx is done,
// and samples the process's figures at the start, every run.Every and at the
// end. The report holds the samples and the verdict (Judge). An error is a
// run that could not be made or that stopped by itself (the source failed).
func Soak(ctx context.Context, run SoakRun) (SoakReport, error) {
	rep := SoakReport{Source: run.Source, DB: run.DB, DurationS: run.Duration.Seconds(), EveryS: run.Every.Seconds(), Baseline: 1}
	if run.Every <= 0 || run.Duration < 2*run.Every {
		return rep, fmt.Errorf("soak: the run (%s) must last at least two sampling periods (%s)", run.Duration, run.Every)
	}
	loc := tz.Vietnam()
	st, err := store.Open(ctx, run.DB, store.WithLocation(loc))
	if err != nil {
		return rep, err
	}
	defer st.Close()
	dataDir := filepath.Dir(st.Path())
	if err := soakRoster(ctx, st); err != nil {
		return rep, err
	}
	var cnt soakCounters
	var src *soakSource
	sample := func(label string, elapsed time.Duration) SoakSample {
		s := measure(label, elapsed)
		if src != nil {
			s.Frames = src.frames.Load()
		}
		s.Decoded, s.Scans, s.Errors = cnt.decoded.Load(), cnt.scans.Load(), cnt.errors.Load()
		s.Warnings, s.Purged = int(cnt.warnings.Load()), int(cnt.purged.Load())
		s.DBBytes = fileSize(st.Path()) + fileSize(st.Path()+"-wal")
		return s
	}
	progress := func(s SoakSample) {
		if run.Progress != nil {
			writeSample(run.Progress, s)
		}
	}
	rep.Before = sample("before", 0)
	if src, err = openSoakSource(ctx, run.Source); err != nil {
		return rep, err
	}
	if run.Progress != nil {
		fmt.Fprintf(run.Progress, "soak: %s unpaced through the desk's pipeline, database %s, for %s, sampled every %s\n", run.Source, run.DB, run.Duration, run.Every)
		writeSampleHeader(run.Progress)
	}
	progress(rep.Before)

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	given := false
	d := desk.Start(runCtx, run.Source, desk.Options{
		// The harness's own source, counting frames; it is given once (the
		// demo never fails: a second open means the loop lost it).
		Open: func(context.Context, string) (camera.Source, error) {
			if given {
				return nil, errors.New("soak: the source was lost")
			}
			given = true
			return src, nil
		},
		DB: st, Door: soakDoor, Location: loc, Mode: canhcua.ModeToggle, Dedup: soakDedup, DataDir: dataDir,
		RetentionDays: store.DefaultRetentionDays,
		Closing:       0, // midnight: the still-inside rule runs on every check, as after closing time
		Rules:         canhcua.Rules{DuplicateWindow: canhcua.DefaultDuplicateWindow},
		ExportDir:     dataDir, ExportFormat: "csv", Export: export.Options{Location: loc},
	})
	var wg sync.WaitGroup
	camDone := make(chan struct{})
	wg.Add(3)
	go func() { defer wg.Done(); defer close(camDone); soakScreenScans(runCtx, d, loc, &cnt, run.afterScan) }()
	go func() { defer wg.Done(); soakScreenPolls(runCtx, d, loc, &cnt) }()
	go func() { defer wg.Done(); soakPurge(runCtx, st, d.Backend, filepath.Join(dataDir, "snapshots"), &cnt) }()

	s := sample("start", 0)
	rep.Samples = append(rep.Samples, s)
	progress(s)
	var stopped error
	for k := 1; ; k++ {
		at := min(time.Duration(k)*run.Every, run.Duration)
		t := time.NewTimer(time.Until(start.Add(at)))
		select {
		case <-t.C:
		case <-ctx.Done():
			stopped = ctx.Err()
		case <-camDone:
			stopped = fmt.Errorf("soak: the camera loop stopped after %s: %s", time.Since(start).Round(time.Second), d.Camera.Status().Err)
		}
		t.Stop()
		if stopped != nil {
			break
		}
		label := at.String()
		if at == run.Duration {
			label = "end"
		}
		s := sample(label, time.Since(start))
		rep.Samples = append(rep.Samples, s)
		progress(s)
		if at == run.Duration {
			break
		}
	}
	cancel()
	d.Wait()
	wg.Wait()
	rep.Stopped = settledStop(rep.Before, func() SoakSample { return sample("stopped", time.Since(start)) })
	progress(rep.Stopped)
	cnt.mu.Lock()
	rep.LastError = cnt.lastErr
	cnt.mu.Unlock()
	if stopped != nil {
		return rep, stopped
	}
	rep.Baseline = BaselineIndex(rep.Samples)
	rep.Failures = Judge(rep)
	return rep, nil
}

// soakScreenScans plays the screen's part for the codes: each code the
// camera reads is identified and recorded, then the counts and the recent
// scans are reloaded, as the screen does after a scan. It returns when the
// camera's channel closes (the camera loop stopped).
func soakScreenScans(ctx context.Context, d *desk.Desk, loc *time.Location, cnt *soakCounters, afterScan func(canhcua.Scan)) {
	var idcfg canhcua.IdentifyConfig
	for code := range d.Camera.Codes() {
		id := canhcua.IdentifyWith(idcfg, code.Text)
		call(ctx, cnt, func(ctx context.Context) error {
			s, err := d.Backend.Scan(ctx, id, canhcua.ModeToggle, soakDoor, time.Now())
			if err != nil {
				return err
			}
			cnt.scans.Add(1)
			if afterScan != nil {
				afterScan(s)
			}
			day := time.Now().In(loc)
			if _, err := d.Backend.Counts(ctx, soakDoor, day); err != nil {
				return err
			}
			_, err = d.Backend.Scans(ctx, day, soakDoor, "", soakRecent)
			return err
		})
	}
}

// soakScreenPolls plays the screen's part for what it polls: the counts, the
// recent scans and the last scan at start, the camera's status every second
// and the open warnings every 3 s, until ctx is done.
func soakScreenPolls(ctx context.Context, d *desk.Desk, loc *time.Location, cnt *soakCounters) {
	call(ctx, cnt, func(ctx context.Context) error {
		day := time.Now().In(loc)
		_, err1 := d.Backend.Counts(ctx, soakDoor, day)
		_, err2 := d.Backend.Scans(ctx, day, soakDoor, "", soakRecent)
		_, err3 := d.Backend.LastScan(ctx, soakDoor)
		return errors.Join(err1, err2, err3)
	})
	status := time.NewTicker(soakStatusEvery)
	defer status.Stop()
	warnings := time.NewTicker(soakWarningsEvery)
	defer warnings.Stop()
	prev := time.Now()
	var decoded float64
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-status.C:
			// The camera's frames/s since the previous poll, times the time
			// since then, is the number of frames decoded meanwhile.
			decoded += d.Camera.Status().FPS * now.Sub(prev).Seconds()
			prev = now
			cnt.decoded.Store(int64(decoded))
		case <-warnings.C:
			call(ctx, cnt, func(ctx context.Context) error {
				ws, err := d.Backend.Warnings(ctx, time.Now().In(loc), soakDoor)
				cnt.warnings.Store(int64(len(ws)))
				return err
			})
		}
	}
}

// call runs fn with a context bounded as the screen bounds its calls, and
// counts its error.
func call(ctx context.Context, cnt *soakCounters, fn func(ctx context.Context) error) {
	cctx, cancel := context.WithTimeout(ctx, soakCallTimeout)
	defer cancel()
	cnt.failed(ctx, fn(cctx))
}

// soakPurge runs the retention purge every soakPurgeEvery until ctx is done,
// each time on back-dated data written first, a day older than the
// retention: a scan of each demo person and a no-scan warning with its
// snapshot file.
func soakPurge(ctx context.Context, st *store.DB, b *desk.Backend, snapDir string, cnt *soakCounters) {
	t := time.NewTicker(soakPurgeEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := time.Now()
		at := now.AddDate(0, 0, -store.DefaultRetentionDays-1)
		call(ctx, cnt, func(ctx context.Context) error { return soakOldDay(ctx, st, b, snapDir, at) })
		call(ctx, cnt, func(ctx context.Context) error {
			n, files, problems, err := desk.PurgeByDay(ctx, st, store.DefaultRetentionDays, now, snapDir)
			cnt.purged.Add(int64(n + files))
			return errors.Join(append(problems, err)...)
		})
	}
}

// soakOldDay writes back-dated data at at for the purge to delete.
func soakOldDay(ctx context.Context, st *store.DB, b *desk.Backend, snapDir string, at time.Time) error {
	for _, p := range camera.DemoPeople {
		if _, err := b.Scan(ctx, canhcua.Identify(p.Payload), canhcua.ModeIn, soakDoor, at); err != nil {
			return err
		}
	}
	path := camera.SnapshotPath(snapDir, at)
	if err := camera.SaveSnapshot(path, soakJPEG); err != nil {
		return err
	}
	w := canhcua.Warning{At: at, Door: soakDoor, Kind: canhcua.WarnNoScan, Snapshot: path}
	w.Message, w.MessageVI = catalog.Both(catalog.WarnNoScan, at.Format("15:04:05"))
	_, err := st.AddWarning(ctx, w)
	return err
}

// soakJPEG is the back-dated warnings' snapshot: a small grey picture.
var soakJPEG = func() []byte {
	var b bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	if err := jpeg.Encode(&b, img, nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}()

// soakRoster stores a group expected by midnight: the demo people and one who
// never comes, so the watcher keeps a not-scanned warning open and
// re-evaluates the group's share on every check.
func soakRoster(ctx context.Context, st *store.DB) error {
	var ms []canhcua.Member
	for _, p := range camera.DemoPeople {
		id := canhcua.Identify(p.Payload)
		ms = append(ms, canhcua.Member{Name: id.Name, IDNumber: id.IDNumber, ExpectedBy: -1})
	}
	ms = append(ms, canhcua.Member{Name: "Soak Absent", ExpectedBy: -1}) // catalog:data: a made-up person
	_, err := st.SaveRoster(ctx, canhcua.Roster{Name: "Soak", ExpectedBy: 0}, ms, true)
	return err
}

// soakSource is the soak's source: it counts the frames read and starts a
// finite source again at its end.
type soakSource struct {
	camera.Source
	name   string
	frames atomic.Int64
}

// openSoakSource opens name unpaced: the demo (demo, demo:SEED), or any
// source camera.Open knows.
func openSoakSource(ctx context.Context, name string) (*soakSource, error) {
	var src camera.Source
	if seed, ok, err := demoSeed(name); err != nil {
		return nil, err
	} else if ok {
		src = camera.NewDemo(camera.DemoOptions{Seed: seed})
	} else if src, err = camera.Open(ctx, name); err != nil {
		return nil, err
	}
	return &soakSource{Source: src, name: name}, nil
}

func (s *soakSource) Read(ctx context.Context, dst *gocv.Mat) error {
	err := s.Source.Read(ctx, dst)
	if errors.Is(err, io.EOF) && !s.Source.Info().Live {
		s.Source.Close()
		src, oerr := camera.Open(ctx, s.name)
		if oerr != nil {
			return oerr
		}
		s.Source = src
		err = s.Source.Read(ctx, dst)
	}
	if err == nil {
		s.frames.Add(1)
	}
	return err
}

// measure reads the process's figures.
func measure(label string, elapsed time.Duration) SoakSample {
	s := SoakSample{Label: label, ElapsedS: elapsed.Seconds()}
	s.RSS = rss()
	s.Heap = settled(func() uint64 { return heapInuse(true) })
	s.Goroutines = settled(runtime.NumGoroutine)
	s.Files = settled(openFiles)
	if matsKnown {
		s.Mats = settled(liveMats)
	} else {
		s.Mats = -1
	}
	return s
}

// Readings of a count taken settleReadings times, settleGap apart: over half
// a second, longer than a purge, a scan and its reloads take, which may run
// when a sample is taken (the purge runs every minute, in step with the
// samples).
const (
	settleReadings = 10
	settleGap      = 50 * time.Millisecond
)

// settled is the smallest of a few readings of f taken quickly one after
// the other: what work in flight holds at one instant (a frame being
// decoded, a query's rows, a timer about to fire) comes and goes between
// readings, while what leaked stays in all of them.
func settled[T int | uint64](f func() T) T {
	n := f()
	for i := 1; i < settleReadings; i++ {
		time.Sleep(settleGap)
		n = min(n, f())
	}
	return n
}

// settledStop samples once the pipeline has stopped: goroutines that were
// told to stop may take a moment to return, so it samples again, for up to
// stopSettle, until the goroutines are back to what they were before.
func settledStop(before SoakSample, sample func() SoakSample) SoakSample {
	deadline := time.Now().Add(stopSettle)
	for {
		s := sample()
		if s.Goroutines <= before.Goroutines || time.Now().After(deadline) {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stopSettle is how long settledStop waits for goroutines to return.
const stopSettle = 3 * time.Second

// openFiles is the number of the process's open file descriptors (Linux),
// not counting the one that reads them; -1 when it cannot tell.
func openFiles() int {
	es, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(es) - 1
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
