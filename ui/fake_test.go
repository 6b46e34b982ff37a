package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/canhcua/canhcua"
)

// fakeBackend is an in-memory Backend that behaves as the store does: it
// decides scans with canhcua.Rules (so the duplicate window and toggling are
// real), numbers them, voids only accepted scans, counts the day honestly
// and searches ignoring case and diacritics.
type fakeBackend struct {
	mu    sync.Mutex
	loc   *time.Location
	rules canhcua.Rules
	scans []canhcua.Scan // in the order recorded

	scanErr    error // when set, Scan fails and records nothing
	exportErr  error
	exportPath string         // where Export says it wrote (default: a path of its own)
	storage    error          // what Storage returns: a scan's storage failure, as the desk keeps it
	modes      []canhcua.Mode // every SetMode, in order

	calls    []string // method names, in order
	searches []string // the search of every Scans call
	voided   []int64
	warnings []canhcua.Warning // what Warnings returns
	// decideErr makes DecideWarning fail; clock is its time (default t0).
	decideErr error
	clock     func() time.Time
}

func (f *fakeBackend) now() time.Time {
	if f.clock != nil {
		return f.clock()
	}
	return t0
}

func newFakeBackend(loc *time.Location) *fakeBackend { return &fakeBackend{loc: loc} }

func (f *fakeBackend) Warnings(ctx context.Context, day time.Time, door string) ([]canhcua.Warning, error) {
	defer f.enter("Warnings")()
	return append([]canhcua.Warning(nil), f.warnings...), nil
}

func (f *fakeBackend) DecideWarning(ctx context.Context, id int64, d canhcua.WarningDecision) (canhcua.Warning, error) {
	defer f.enter("DecideWarning")()
	if f.decideErr != nil {
		return canhcua.Warning{}, f.decideErr
	}
	for i := range f.warnings {
		if w := &f.warnings[i]; w.ID == id {
			if w.Kind != canhcua.WarnNoScan {
				return canhcua.Warning{}, appErr(canhcua.ECONFLICT, "warning %d is not decidable", id)
			}
			w.Decision, w.Decided = d, f.now()
			if w.Resolved.IsZero() {
				w.Resolved = w.Decided
			}
			return *w, nil
		}
	}
	return canhcua.Warning{}, appErr(canhcua.ENOTFOUND, "no warning %d", id)
}

func (f *fakeBackend) Admit(ctx context.Context, scanID int64, admit bool) (canhcua.Scan, error) {
	defer f.enter("Admit")()
	s, err := f.byID(scanID)
	if err != nil {
		return canhcua.Scan{}, err
	}
	if s.Result != canhcua.Held {
		return canhcua.Scan{}, appErr(canhcua.ECONFLICT, "not held")
	}
	s.Result = canhcua.Rejected
	if admit {
		s.Result = canhcua.Accepted
	}
	return *s, nil
}

// byID is the recorded scan numbered id, or the store's not-found error.
func (f *fakeBackend) byID(id int64) (*canhcua.Scan, error) {
	for i := range f.scans {
		if f.scans[i].ID == id {
			return &f.scans[i], nil
		}
	}
	return nil, appErr(canhcua.ENOTFOUND, "no scan %d", id)
}

// enter locks f and notes the call to a method; the method defers the
// unlock it returns.
func (f *fakeBackend) enter(call string) (unlock func()) {
	f.mu.Lock()
	f.calls = append(f.calls, call)
	return f.mu.Unlock
}

func (f *fakeBackend) Scan(ctx context.Context, id canhcua.Identity, mode canhcua.Mode, door string, at time.Time) (canhcua.Scan, error) {
	defer f.enter("Scan")()
	if f.scanErr != nil {
		if canhcua.IsStorage(f.scanErr) {
			f.storage = f.scanErr
		}
		return canhcua.Scan{}, f.scanErr
	}
	f.storage = nil
	var last *canhcua.Scan
	if id.Key != "" && id.Reject == "" {
		day := midnight(at.In(f.loc))
		for i := len(f.scans) - 1; i >= 0; i-- {
			s := f.scans[i]
			if s.PersonKey == id.Key && s.Door == door && s.Result == canhcua.Accepted && !s.At.Before(day) {
				last = &s
				break
			}
		}
	}
	s := f.rules.Decide(id, mode, door, at, last)
	s.ID = int64(len(f.scans) + 1)
	f.scans = append(f.scans, s)
	return s, nil
}

func (f *fakeBackend) Void(ctx context.Context, scanID int64, reason string) (canhcua.Scan, error) {
	defer f.enter("Void")()
	s, err := f.byID(scanID)
	if err != nil {
		return canhcua.Scan{}, err
	}
	if s.Result != canhcua.Accepted {
		return canhcua.Scan{}, appErr(canhcua.ECONFLICT, "scan %d is %s, not accepted", scanID, s.Result)
	}
	s.Result, s.Reason = canhcua.Voided, reason
	f.voided = append(f.voided, scanID)
	return *s, nil
}

func (f *fakeBackend) LastScan(ctx context.Context, door string) (*canhcua.Scan, error) {
	defer f.enter("LastScan")()
	for i := len(f.scans) - 1; i >= 0; i-- {
		if f.scans[i].Door == door {
			s := f.scans[i]
			return &s, nil
		}
	}
	return nil, nil
}

func (f *fakeBackend) day(day time.Time, door string) []canhcua.Scan {
	from, to := midnight(day.In(f.loc)), midnight(day.In(f.loc)).AddDate(0, 0, 1)
	var out []canhcua.Scan
	for _, s := range f.scans {
		if (door == "" || s.Door == door) && !s.At.Before(from) && s.At.Before(to) {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

func (f *fakeBackend) Counts(ctx context.Context, door string, day time.Time) (canhcua.Counts, error) {
	defer f.enter("Counts")()
	var c canhcua.Counts
	inside := map[string]bool{}
	for _, s := range f.day(day, door) {
		switch s.Result {
		case canhcua.Rejected:
			c.Rejected++
			continue
		case canhcua.Accepted:
		default:
			continue
		}
		if s.Direction == canhcua.In {
			c.Entries++
		} else {
			c.Exits++
		}
		inside[s.PersonKey] = s.Direction == canhcua.In // the person's latest scan decides
		c.PerHour[s.At.In(f.loc).Hour()]++
	}
	c.People = len(inside)
	for _, in := range inside {
		if in {
			c.Inside++
		}
	}
	return c, nil
}

func (f *fakeBackend) Scans(ctx context.Context, day time.Time, door string, search string, limit int) ([]canhcua.Scan, error) {
	defer f.enter("Scans")()
	f.searches = append(f.searches, search)
	q := canhcua.Fold(search)
	var out []canhcua.Scan
	all := f.day(day, door)
	for i := len(all) - 1; i >= 0 && len(out) < limit; i-- {
		s := all[i]
		if q == "" || strings.Contains(canhcua.Fold(s.Name), q) || strings.Contains(s.IDNumber, q) {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeBackend) Export(ctx context.Context, day time.Time) (string, error) {
	defer f.enter("Export")()
	if f.exportErr != nil {
		return "", f.exportErr
	}
	if f.exportPath != "" {
		return f.exportPath, nil
	}
	return "/var/lib/canhcua/xuat/canhcua-" + day.Format("2006-01-02") + ".xlsx", nil
}

func (f *fakeBackend) SetMode(mode canhcua.Mode) {
	defer f.enter("SetMode")()
	f.modes = append(f.modes, mode)
}

func (f *fakeBackend) Storage() error {
	defer f.enter("Storage")()
	return f.storage
}

func (f *fakeBackend) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == call {
			n++
		}
	}
	return n
}

func (f *fakeBackend) all() []canhcua.Scan {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]canhcua.Scan(nil), f.scans...)
}

var errDiskFull = errors.New("database or disk is full")

// appErr is an application error with a message of the test's own (the
// catalog's messages are the real code's).
func appErr(code, format string, args ...any) *canhcua.Error {
	return &canhcua.Error{Code: code, Message: fmt.Sprintf(format, args...)}
}
