package desk

import (
	"context"
	"log"
	"sync"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store"
	"github.com/canhcua/canhcua/store/district"
)

// Sync timing.
const (
	// SyncEvery is how often the desk looks for changes to send (and tells
	// the server it is alive) while the server answers.
	SyncEvery = 2 * time.Second
	// SyncBatch is how many outbox rows go in one push.
	SyncBatch = 1000
	// RetryFirst and RetryMax bound the wait between attempts while the
	// server cannot be reached (doubling from the first to the most).
	RetryFirst = time.Second
	RetryMax   = time.Minute
	// PullEvery is how often the site's rosters are pulled.
	PullEvery = time.Minute
)

// SyncStatus is what the desk knows of its link with the district's server,
// for the screen's header.
type SyncStatus struct {
	Configured bool      // a server is configured
	Online     bool      // the last attempt reached it
	Pending    int       // changes waiting to be sent
	LastOK     time.Time // when the server last acknowledged (zero: never)
	Err        string    // why the last attempt failed (no password in it)
	// Site is the site's figures across all its doors, when online.
	Site *district.SiteDay
}

// Sync sends the desk's outbox to the district's server and pulls its site's
// rosters, in the background: it never delays a scan, which is committed to
// the desk's own database first. Delivery is at least once (a push whose
// acknowledgement is lost is sent again); the server applies a desk's changes
// once (district.Push), so the effect is exactly once.
type Sync struct {
	Local *store.DB
	URL   string        // the server (postgres://…)
	Desk  district.Desk // ID, site, door; Clock is set on each push
	Now   func() time.Time
	// OnRosters, when set, is called after rosters were pulled (the
	// warnings watcher reloads them).
	OnRosters func()

	mu     sync.Mutex
	status SyncStatus
}

// Status is the link's state now.
func (s *Sync) Status() SyncStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.status
	st.Configured = true
	return st
}

// Run syncs until ctx is done.
func (s *Sync) Run(ctx context.Context) {
	now := s.Now
	if now == nil {
		now = time.Now
	}
	var (
		srv      *district.DB
		wait     = RetryFirst
		lastPull time.Time
		lastErr  string
	)
	defer func() {
		if srv != nil {
			srv.Close()
		}
	}()
	for ctx.Err() == nil {
		err := func() error {
			if srv == nil {
				c, cancel := context.WithTimeout(ctx, district.ConnectTimeout)
				defer cancel()
				db, err := district.Open(c, s.URL)
				if err != nil {
					return err
				}
				srv = db
			}
			if err := s.round(ctx, srv, now); err != nil {
				return err
			}
			if now().Sub(lastPull) >= PullEvery {
				if err := s.pull(ctx, srv); err != nil {
					return err
				}
				lastPull = now()
			}
			return nil
		}()
		pending, last, perr := s.Local.SyncState(ctx)
		s.mu.Lock()
		if perr == nil {
			s.status.Pending, s.status.LastOK = pending, last
		}
		s.status.Online = err == nil
		s.status.Err = ""
		if err != nil {
			s.status.Err = district.RedactError(err, s.URL)
			s.status.Site = nil
		}
		s.mu.Unlock()
		delay := SyncEvery
		if err != nil {
			if srv != nil {
				srv.Close()
				srv = nil
			}
			if msg := district.RedactError(err, s.URL); msg != lastErr && ctx.Err() == nil {
				log.Printf("canhcua: district server %s: %s (retrying)", canhcua.Redact(s.URL), msg)
				lastErr = msg
			}
			delay, wait = wait, min(2*wait, RetryMax)
		} else {
			if lastErr != "" {
				log.Printf("canhcua: district server %s: reachable again", canhcua.Redact(s.URL))
				lastErr = ""
			}
			wait = RetryFirst
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
		}
	}
}

// round pushes everything waiting (or a heartbeat when nothing waits) and
// reads the site's figures.
func (s *Sync) round(ctx context.Context, srv *district.DB, now func() time.Time) error {
	for {
		changes, last, err := s.Local.Outbox(ctx, SyncBatch)
		if err != nil {
			return err
		}
		d := s.Desk
		d.Clock = now()
		acked, err := srv.Push(ctx, d, changes, last)
		if err != nil {
			return err
		}
		if err := s.Local.Acknowledge(ctx, acked, now()); err != nil {
			return err
		}
		if last == 0 || acked < last {
			break
		}
	}
	day, err := srv.Day(ctx, s.Desk.Site, now().In(s.Local.Location()))
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.status.Site = &day
	s.mu.Unlock()
	return nil
}

// pull replaces the desk's copy of the site's rosters.
func (s *Sync) pull(ctx context.Context, srv *district.DB) error {
	rs, ms, err := srv.SiteRosters(ctx, s.Desk.Site)
	if err != nil {
		return err
	}
	if err := s.Local.SetSiteRosters(ctx, rs, ms); err != nil {
		return err
	}
	if s.OnRosters != nil {
		s.OnRosters()
	}
	return nil
}
