package ui

import (
	"context"
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/canhcua/canhcua"
)

// callTimeout bounds every Backend call, so a stuck database shows an error
// instead of freezing the desk.
const callTimeout = 10 * time.Second

// Messages. Every Backend call runs in a tea.Cmd and comes back as one of
// these; Update never does I/O.
type (
	// tickMsg is the once-a-second clock, camera and storage poll.
	tickMsg struct {
		now    time.Time
		cam    CameraStatus
		hasCam bool
		// storage is Backend.Storage, read after writes outcomes had been
		// seen: stale when a write's outcome came in since.
		storage error
		writes  int
		sync    SyncStatus
		hasSync bool
	}

	// snapshotMsg carries figures reloaded after a change. A part is nil
	// when it was not asked for; seq orders reloads so an older one never
	// overwrites a newer.
	snapshotMsg struct {
		seq    int
		counts *canhcua.Counts
		rows   *[]canhcua.Scan
		query  string
		last   **canhcua.Scan // asked for: *last is nil when there is no scan
		err    error          // the first error met
	}

	// scanDoneMsg is the outcome of Backend.Scan, with the figures
	// reloaded after it when it succeeded.
	scanDoneMsg struct {
		scan canhcua.Scan
		err  error
		what string // the person or code being recorded, for the error banner
		snap snapshotMsg
	}

	// voidTargetMsg is the scan `u` would void (Backend.LastScan).
	voidTargetMsg struct {
		scan *canhcua.Scan
		err  error
	}

	// voidDoneMsg is the outcome of Backend.Void.
	voidDoneMsg struct {
		scan canhcua.Scan
		err  error
		snap snapshotMsg
	}

	exportDoneMsg struct {
		path string
		err  error
	}

	// warningsMsg is the list of open warnings (Backend.Warnings).
	warningsMsg struct {
		list []canhcua.Warning
		err  error
	}

	// admitDoneMsg is the outcome of Backend.Admit.
	admitDoneMsg struct {
		scan canhcua.Scan
		err  error
		snap snapshotMsg
	}

	// readMsg is a code from the camera; readsClosedMsg says there will be
	// no more.
	readMsg        struct{ code canhcua.Code }
	readsClosedMsg struct{}
)

// loadReq says what a snapshot reloads. It is built in Update from the
// model's state, so the Cmd reads nothing of the model.
type loadReq struct {
	seq                int
	counts, rows, last bool
	door, query        string
	day                time.Time
}

// fetch runs the reloads of req. It runs inside a Cmd.
func fetch(ctx context.Context, b Backend, req loadReq) snapshotMsg {
	msg := snapshotMsg{seq: req.seq, query: req.query}
	keep := func(err error) {
		if err != nil && msg.err == nil {
			msg.err = err
		}
	}
	if req.counts {
		c, err := b.Counts(ctx, req.door, req.day)
		keep(err)
		if err == nil {
			msg.counts = &c
		}
	}
	if req.rows {
		rows, err := b.Scans(ctx, req.day, req.door, req.query, recentLimit)
		keep(err)
		if err == nil {
			msg.rows = &rows
		}
	}
	if req.last {
		s, err := b.LastScan(ctx, req.door)
		keep(err)
		if err == nil {
			msg.last = &s
		}
	}
	return msg
}

// call runs fn in a Cmd with a context bounded by callTimeout.
func call(base context.Context, fn func(ctx context.Context) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, callTimeout)
		defer cancel()
		return fn(ctx)
	}
}

// reloadAfter reloads req's figures after a change, when the change (whose
// error is err) succeeded; else it reloads nothing.
func reloadAfter(ctx context.Context, b Backend, req loadReq, err error) snapshotMsg {
	if err != nil {
		return snapshotMsg{}
	}
	return fetch(ctx, b, req)
}

func loadCmd(base context.Context, b Backend, req loadReq) tea.Cmd {
	return call(base, func(ctx context.Context) tea.Msg { return fetch(ctx, b, req) })
}

// scanCmd identifies and records a scan, then reloads the figures.
func scanCmd(base context.Context, b Backend, identify func() canhcua.Identity, mode canhcua.Mode, door string, at time.Time, req loadReq) tea.Cmd {
	return call(base, func(ctx context.Context) tea.Msg {
		id := identify()
		s, err := b.Scan(ctx, id, mode, door, at)
		return scanDoneMsg{scan: s, err: err, what: id.Name, snap: reloadAfter(ctx, b, req, err)}
	})
}

func voidTargetCmd(base context.Context, b Backend, door string) tea.Cmd {
	return call(base, func(ctx context.Context) tea.Msg {
		s, err := b.LastScan(ctx, door)
		return voidTargetMsg{scan: s, err: err}
	})
}

func voidCmd(base context.Context, b Backend, id int64, reason string, req loadReq) tea.Cmd {
	return call(base, func(ctx context.Context) tea.Msg {
		s, err := b.Void(ctx, id, reason)
		return voidDoneMsg{scan: s, err: err, snap: reloadAfter(ctx, b, req, err)}
	})
}

func exportCmd(base context.Context, b Backend, day time.Time) tea.Cmd {
	return call(base, func(ctx context.Context) tea.Msg {
		p, err := b.Export(ctx, day)
		return exportDoneMsg{path: homeShort(p), err: err}
	})
}

// warningsEvery is how often the open warnings are reloaded.
const warningsEvery = 3 * time.Second

func warningsCmd(base context.Context, b Backend, day time.Time, door string) tea.Cmd {
	return call(base, func(ctx context.Context) tea.Msg {
		list, err := b.Warnings(ctx, day, door)
		return warningsMsg{list: list, err: err}
	})
}

func admitCmd(base context.Context, b Backend, id int64, admit bool, req loadReq) tea.Cmd {
	return call(base, func(ctx context.Context) tea.Msg {
		s, err := b.Admit(ctx, id, admit)
		return admitDoneMsg{scan: s, err: err, snap: reloadAfter(ctx, b, req, err)}
	})
}

// waitRead blocks on the camera's channel for the next code.
func waitRead(ch <-chan canhcua.Code) tea.Cmd {
	return func() tea.Msg {
		c, ok := <-ch
		if !ok {
			return readsClosedMsg{}
		}
		return readMsg{code: c}
	}
}

// bellCmd writes one BEL to the terminal. One byte in one Write cannot land
// inside an escape sequence of the renderer, whose frames are single Writes
// too, and BEL moves no cursor, so the screen is not disturbed.
func bellCmd(w io.Writer) tea.Cmd {
	return func() tea.Msg {
		_, _ = w.Write([]byte{'\a'})
		return nil
	}
}

// setModeCmd tells the backend the direction mode.
func setModeCmd(b Backend, mode canhcua.Mode) tea.Cmd {
	return func() tea.Msg {
		b.SetMode(mode)
		return nil
	}
}

// pollCmd reads the clock, the camera's status, the storage's and the link
// with the server's (inside the Cmd); writes is how many write outcomes the
// screen had seen.
func pollCmd(now func() time.Time, camera func() CameraStatus, sync func() SyncStatus, b Backend, writes int) func() tea.Msg {
	return func() tea.Msg {
		m := tickMsg{now: now(), storage: b.Storage(), writes: writes}
		if camera != nil {
			m.cam, m.hasCam = camera(), true
		}
		if sync != nil {
			m.sync, m.hasSync = sync(), true
		}
		return m
	}
}
