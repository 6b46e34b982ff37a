package desk

import (
	"context"
	"log"
	"sync"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store"
)

// watchEvery is how often the desk re-evaluates its warnings.
const watchEvery = 3 * time.Second

// Watcher keeps the desk's warnings up to date: expected people not scanned
// by their time, people still inside at closing, camera trouble; and it keeps
// the roster-only events' members in memory for the scan hold rule (which
// runs inside the store's transaction and may not do I/O).
type Watcher struct {
	db      *store.DB
	door    string
	loc     *time.Location
	closing int         // minutes after midnight; -1: no closing time
	exits   func() bool // whether the door counts exits now (the direction mode)
	now     func() time.Time
	storage *storageState // told of storage failures; nil: they are logged

	mu   sync.Mutex
	only []rosterMembers // roster-only events and their members

	troubleAt time.Time // when camera trouble was last seen
}

// cameraSettle is how long the camera must be fine before its warning is
// resolved: a picture that comes and goes is one warning, not many.
const cameraSettle = 10 * time.Second

type rosterMembers struct {
	roster  canhcua.Roster
	members []canhcua.Member
}

// hold is canhcua.Rules.Hold: someone who is not on the roster of any
// roster-only event under way (within its window, at the watcher's clock) is
// held for the operator. An event whose window has ended holds nobody, by
// itself.
func (w *Watcher) hold(id canhcua.Identity) (string, string, bool) {
	only := w.activeOnly()
	if len(only) == 0 {
		return "", "", false
	}
	for _, rm := range only {
		for _, m := range rm.members {
			if m.Matches(id) {
				return "", "", false
			}
		}
	}
	en, vi := catalog.Both(catalog.HoldNotOnRoster, only[0].roster.Name)
	return en, vi, true
}

// activeOnly are the roster-only events under way now.
func (w *Watcher) activeOnly() []rosterMembers {
	now := w.now()
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []rosterMembers
	for _, rm := range w.only {
		if rm.roster.Active(now) {
			out = append(out, rm)
		}
	}
	return out
}

// heldRoster is the roster-only event a held scan was held for.
func (w *Watcher) heldRoster() canhcua.Roster {
	only := w.activeOnly()
	if len(only) == 0 {
		return canhcua.Roster{}
	}
	return only[0].roster
}

// refreshRosters reloads the roster-only events' members.
func (w *Watcher) refreshRosters(ctx context.Context) error {
	rs, err := w.db.Rosters(ctx)
	if err != nil {
		return err
	}
	var only []rosterMembers
	for _, r := range rs {
		if !r.Only {
			continue
		}
		ms, err := w.db.Members(ctx, r.Name)
		if err != nil {
			return err
		}
		only = append(only, rosterMembers{roster: r, members: ms})
	}
	w.mu.Lock()
	w.only = only
	w.mu.Unlock()
	return nil
}

// run re-evaluates until ctx is done. Errors are logged (to the log file)
// and tried again next time; the desk goes on scanning.
func (w *Watcher) run(ctx context.Context, camera func() Trouble, noScans <-chan canhcua.Warning) {
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for {
		if err := w.check(ctx, camera); err != nil && ctx.Err() == nil {
			w.failed(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case x := <-noScans:
			x.Door = w.door
			if _, err := w.db.AddWarning(ctx, x); err != nil {
				w.failed(err)
			}
		}
	}
}

// failed logs an error of the warnings, or tells the storage state of a
// storage failure (which logs it once, not every few seconds).
func (w *Watcher) failed(err error) {
	if w.storage != nil && canhcua.IsStorage(err) {
		w.storage.wrote(err)
		return
	}
	log.Printf("canhcua: warnings: %v", err)
}

// Trouble is what the camera side reports: a problem ("" when fine) in
// English and Vietnamese.
type Trouble struct{ msg, msgVI string }

func (w *Watcher) check(ctx context.Context, camera func() Trouble) error {
	if err := w.refreshRosters(ctx); err != nil {
		return err
	}
	now := w.now().In(w.loc)
	gs, err := w.db.ExpectedStatus(ctx, now)
	if err != nil {
		return err
	}
	groups := store.Expected(gs)
	open := map[string]bool{}
	for _, x := range canhcua.NotScannedWarnings(groups, w.door, now) {
		if _, _, err := w.db.OpenWarning(ctx, x); err != nil {
			return err
		}
		open[x.PersonKey] = true
	}
	for _, g := range groups {
		if key := canhcua.GroupKeyPrefix + g.Roster.Name; !open[key] {
			if err := w.db.ResolveWarnings(ctx, w.door, canhcua.WarnNotScanned, key, now); err != nil {
				return err
			}
		}
	}
	if w.closing >= 0 && w.exits() {
		closing := time.Date(now.Year(), now.Month(), now.Day(), w.closing/60, w.closing%60, 0, 0, w.loc)
		if !now.Before(closing) {
			vs, err := w.db.Visits(ctx, now, w.door)
			if err != nil {
				return err
			}
			for _, x := range canhcua.StillInsideWarnings(vs, closing) {
				if _, _, err := w.db.OpenWarning(ctx, x); err != nil {
					return err
				}
			}
		}
	}
	if camera != nil {
		if tr := camera(); tr.msg != "" {
			w.troubleAt = now
			x := canhcua.Warning{At: now, Door: w.door, Kind: canhcua.WarnCamera, Message: tr.msg, MessageVI: tr.msgVI}
			if _, _, err := w.db.OpenWarning(ctx, x); err != nil {
				return err
			}
		} else if now.Sub(w.troubleAt) >= cameraSettle {
			if err := w.db.ResolveWarnings(ctx, w.door, canhcua.WarnCamera, "", now); err != nil {
				return err
			}
		}
	}
	return nil
}
