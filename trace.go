package canhcua

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// Contact tracing for the health office: where a person was, and who else
// was at the same site at the same time.
//
// Only accepted scans count. A person is present at a site:
//   - from an entry to their next exit at the same site (at any of its
//     doors);
//   - for the window after an entry when no exit follows it; a new entry of
//     theirs at the site within the window ends that presence (and opens the
//     next one), so one person's presences at a site never overlap;
//   - for the window before an exit that no entry precedes (the entry was not
//     scanned, or is older than the scans read), but not before the end of
//     their previous presence at the site.
//
// Two people are in contact when their presences at one site overlap for a
// time longer than zero: someone who left at 09:00 and someone who came in at
// 09:00 are not. Times are compared as given: the server gives them corrected
// for each desk's clock (at_server), so desks of different sites compare.

// DefaultTraceWindow is how long someone counts as present after an entry
// with no exit (or before an exit with no entry).
const DefaultTraceWindow = time.Hour

// TraceMargin is how far before and after the traced times scans are read:
// a visit that began before the range (an entry the evening before) is
// paired with its exit, and a contact who entered before the person is
// paired with their exit. Stays longer than this are cut.
const TraceMargin = 24 * time.Hour

// TraceScan is an accepted scan as a trace reads it.
type TraceScan struct {
	Site      string
	Door      string
	At        time.Time // comparable across desks (the server's corrected time)
	Direction Direction
	PersonKey string
	Name      string
	IDNumber  string // full; masked when shown
	BirthDate string
}

// TraceTarget names the person to trace: by ID number, or else by name and
// birth date.
type TraceTarget struct {
	IDNumber  string
	Name      string
	BirthDate string // DD/MM/YYYY
}

// Matches reports whether a scan is the target's: by ID number (the person
// key of a citizen ID card, a căn cước card or a manual entry with an ID is
// "id:NUMBER"; other codes may carry the number too), or else by name
// without diacritics or case and a birth date that agrees (BirthDatesAgree:
// a certificate's partial date, or none, agrees with the full date).
func (t TraceTarget) Matches(s TraceScan) bool {
	if t.IDNumber != "" {
		return s.PersonKey == "id:"+t.IDNumber || s.IDNumber == t.IDNumber
	}
	return t.Name != "" && Fold(s.Name) == Fold(t.Name) && BirthDatesAgree(t.BirthDate, s.BirthDate)
}

// Presence is a stretch of time someone was at a site.
type Presence struct {
	Site    string
	Door    string // the entry's door; "" when no entry was scanned
	DoorOut string // the exit's door; "" when no exit was scanned
	In, Out time.Time
	NoEntry bool // no entry scanned: In is the exit less the window
	NoExit  bool // no exit scanned: Out is the entry plus the window (or the next entry)
}

// overlap is the time p and q share, 0 when they share none or only an
// instant.
func (p Presence) overlap(q Presence) (from, to time.Time, d time.Duration) {
	from, to = later(p.In, q.In), earlier(p.Out, q.Out)
	if !to.After(from) {
		return from, to, 0
	}
	return from, to, to.Sub(from)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Presences are one person's presences from their accepted scans (any
// order, any sites), in time order.
func Presences(scans []TraceScan, window time.Duration) []Presence {
	bySite := map[string][]TraceScan{}
	for _, s := range scans {
		bySite[s.Site] = append(bySite[s.Site], s)
	}
	var out []Presence
	for site, ss := range bySite {
		slices.SortStableFunc(ss, func(a, b TraceScan) int { return a.At.Compare(b.At) })
		var open *Presence
		var lastOut time.Time // end of the previous presence at the site
		closeAt := func(p Presence) {
			out = append(out, p)
			lastOut = p.Out
			open = nil
		}
		for _, s := range ss {
			switch {
			case s.Direction == In:
				if open != nil {
					p := *open
					p.Out, p.NoExit = earlier(p.In.Add(window), s.At), true
					closeAt(p)
				}
				open = &Presence{Site: site, Door: s.Door, In: s.At}
			case open != nil:
				p := *open
				p.Out, p.DoorOut = s.At, s.Door
				closeAt(p)
			default:
				in := s.At.Add(-window)
				if !lastOut.IsZero() {
					in = later(in, lastOut)
				}
				closeAt(Presence{Site: site, DoorOut: s.Door, In: in, Out: s.At, NoEntry: true})
			}
		}
		if open != nil {
			p := *open
			p.Out, p.NoExit = p.In.Add(window), true
			closeAt(p)
		}
	}
	slices.SortStableFunc(out, func(a, b Presence) int {
		return cmp.Or(a.In.Compare(b.In), a.Out.Compare(b.Out), cmp.Compare(a.Site, b.Site))
	})
	return out
}

// TracePerson is the traced person as their scans name them.
type TracePerson struct {
	Name      string // as last recorded; the target's when nothing was found
	IDNumber  string // full; masked when shown
	BirthDate string
}

// Contact is someone who was at a site at the same time as the person: the
// time they shared there, summed, and when.
type Contact struct {
	PersonKey string
	Name      string // as last recorded at the site
	IDNumber  string // full; masked when shown
	Site      string
	Overlap   time.Duration
	Times     []ContactTime // in time order
}

// ContactTime is one stretch of time shared at a site.
type ContactTime struct {
	From, To time.Time
	Door     string // the contact's door (of entry, else of exit)
}

// Minutes is the shared time in whole minutes, rounded up: a few seconds
// shared count as a minute.
func (c Contact) Minutes() int { return int((c.Overlap + time.Minute - 1) / time.Minute) }

// TraceResult is a trace: the person, their visits in the range, and their
// contacts (most time shared first).
type TraceResult struct {
	Person   TracePerson
	Visits   []Presence
	Contacts []Contact
}

// TraceQuery is what to trace.
type TraceQuery struct {
	Target   TraceTarget
	From, To time.Time     // the visits overlapping [From, To) are listed
	Window   time.Duration // 0: DefaultTraceWindow
}

// SiteSpan is a site and a stretch of time.
type SiteSpan struct {
	Site     string
	From, To time.Time // To excluded
}

// TraceReader reads what a trace needs: the district's server, or one desk's
// database.
type TraceReader interface {
	// TracePersonScans returns the accepted scans within [from, to) that may
	// be the target's: at least every one the target Matches (others are
	// left out by Trace).
	TracePersonScans(ctx context.Context, t TraceTarget, from, to time.Time) ([]TraceScan, error)
	// TraceSiteScans returns the accepted scans of each span's site within
	// the span's times.
	TraceSiteScans(ctx context.Context, spans []SiteSpan) ([]TraceScan, error)
}

// Trace traces q.Target from what r reads: the person's scans in the range
// (widened by TraceMargin), their presences overlapping the range, then the
// scans of the sites they visited around those times and everyone else's
// presences there.
func Trace(ctx context.Context, r TraceReader, q TraceQuery) (TraceResult, error) {
	window := q.Window
	if window <= 0 {
		window = DefaultTraceWindow
	}
	cands, err := r.TracePersonScans(ctx, q.Target, q.From.Add(-TraceMargin), q.To.Add(TraceMargin))
	if err != nil {
		return TraceResult{}, err
	}
	var mine []TraceScan
	for _, s := range cands {
		if q.Target.Matches(s) {
			mine = append(mine, s)
		}
	}
	res := TraceResult{Person: latest(TracePerson{Name: q.Target.Name, IDNumber: q.Target.IDNumber, BirthDate: q.Target.BirthDate}, mine)}
	for _, p := range Presences(mine, window) {
		if p.In.Before(q.To) && !p.Out.Before(q.From) {
			res.Visits = append(res.Visits, p)
		}
	}
	if len(res.Visits) == 0 {
		return res, nil
	}
	others, err := r.TraceSiteScans(ctx, traceSpans(res.Visits))
	if err != nil {
		return TraceResult{}, err
	}
	keys := map[string]bool{} // the person's keys: any of their codes
	for _, s := range mine {
		if s.PersonKey != "" {
			keys[s.PersonKey] = true
		}
	}
	// Whether a scan is the person's, once for each person, name and birth
	// date (folding names is what a trace spends most on).
	type who struct{ key, name, birth string }
	self := map[who]bool{}
	res.Contacts = Contacts(res.Visits, others, func(s TraceScan) bool {
		w := who{s.PersonKey, s.Name, s.BirthDate}
		is, ok := self[w]
		if !ok {
			is = keys[s.PersonKey] || q.Target.Matches(s)
			self[w] = is
		}
		return is
	}, window)
	return res, nil
}

// latest is someone as their latest scans name them (what a scan leaves
// out, an earlier one or p says).
func latest(p TracePerson, scans []TraceScan) TracePerson {
	var last time.Time
	for _, s := range scans {
		if !s.At.Before(last) {
			last = s.At
			p.Name = cmp.Or(s.Name, p.Name)
			p.IDNumber = cmp.Or(s.IDNumber, p.IDNumber)
			p.BirthDate = cmp.Or(s.BirthDate, p.BirthDate)
		}
	}
	return p
}

// traceSpans are the times of each visited site whose scans can make a
// presence that overlaps a visit: from the first visit's start to the last
// one's end there, widened by TraceMargin.
func traceSpans(visits []Presence) []SiteSpan {
	idx := map[string]int{}
	var spans []SiteSpan
	for _, v := range visits {
		i, ok := idx[v.Site]
		if !ok {
			idx[v.Site] = len(spans)
			spans = append(spans, SiteSpan{Site: v.Site, From: v.In, To: v.Out})
			continue
		}
		spans[i].From, spans[i].To = earlier(spans[i].From, v.In), later(spans[i].To, v.Out)
	}
	for i := range spans {
		spans[i].From, spans[i].To = spans[i].From.Add(-TraceMargin), spans[i].To.Add(TraceMargin)
	}
	return spans
}

// Contacts are the people of scans (other than those self reports as the
// traced person's) whose presences overlap one of visits at the same site:
// one contact a person and site, with the time shared summed, most first.
func Contacts(visits []Presence, scans []TraceScan, self func(TraceScan) bool, window time.Duration) []Contact {
	type who struct{ site, key string }
	groups := map[who][]TraceScan{}
	var order []who
	for _, s := range scans {
		if self(s) {
			continue
		}
		k := who{s.Site, s.PersonKey}
		if k.key == "" { // a scan that names nobody in particular: its name and ID
			k.key = "?" + Fold(s.Name) + "|" + s.IDNumber
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], s)
	}
	bySite := map[string][]Presence{}
	for _, v := range visits {
		bySite[v.Site] = append(bySite[v.Site], v)
	}
	var out []Contact
	for _, k := range order {
		mine := bySite[k.site]
		if len(mine) == 0 {
			continue
		}
		ss := groups[k]
		c := Contact{PersonKey: k.key, Site: k.site}
		for _, theirs := range Presences(ss, window) {
			for _, v := range mine {
				from, to, d := v.overlap(theirs)
				if d <= 0 {
					continue
				}
				c.Overlap += d
				c.Times = append(c.Times, ContactTime{From: from, To: to, Door: cmp.Or(theirs.Door, theirs.DoorOut)})
			}
		}
		if c.Overlap > 0 {
			who := latest(TracePerson{}, ss)
			c.Name, c.IDNumber = who.Name, who.IDNumber
			slices.SortStableFunc(c.Times, func(a, b ContactTime) int { return a.From.Compare(b.From) })
			out = append(out, c)
		}
	}
	folded := map[string]string{}
	for _, c := range out {
		if _, ok := folded[c.Name]; !ok {
			folded[c.Name] = Fold(c.Name)
		}
	}
	slices.SortStableFunc(out, func(a, b Contact) int {
		return cmp.Or(cmp.Compare(b.Overlap, a.Overlap), cmp.Compare(folded[a.Name], folded[b.Name]),
			cmp.Compare(a.Site, b.Site), cmp.Compare(a.PersonKey, b.PersonKey))
	})
	return out
}
