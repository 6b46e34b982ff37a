package canhcua

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
)

// The district's view of its sites: every desk of every site reports to one
// server, and the district health office reads a row a site from it.

// SilentAfter is how long a desk may go unheard during opening hours before
// its door is flagged silent (desks report every few seconds while they run).
const SilentAfter = 10 * time.Minute

// OpeningHours are the hours in which the sites' doors are expected to be
// watched, as minutes after local midnight: a desk silent then is flagged.
type OpeningHours struct {
	Open, Close int
}

// DefaultOpeningHours are an office's: 07:00 to 17:30.
var DefaultOpeningHours = OpeningHours{Open: 7 * 60, Close: 17*60 + 30}

// ParseOpeningHours reads "07:00-17:30" (also "7h-17h30", an en dash for the
// hyphen); "" is DefaultOpeningHours.
func ParseOpeningHours(s string) (OpeningHours, error) {
	if strings.TrimSpace(s) == "" {
		return DefaultOpeningHours, nil
	}
	from, to, ok := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	if !ok {
		return OpeningHours{}, Errorf(EINVALID, catalog.ErrOpeningHours, s)
	}
	open, err1 := ParseClock(from)
	closing, err2 := ParseClock(to)
	if err1 != nil || err2 != nil || closing <= open {
		return OpeningHours{}, Errorf(EINVALID, catalog.ErrOpeningHours, s)
	}
	return OpeningHours{Open: open, Close: closing}, nil
}

// String is "07:00-17:30".
func (h OpeningHours) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", h.Open/60, h.Open%60, h.Close/60, h.Close%60)
}

// Contains reports whether t, in its own location, is within the hours.
func (h OpeningHours) Contains(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	return m >= h.Open && m < h.Close
}

// Silent reports whether a door last heard from at lastHeard is to be
// flagged at now (both the server's clock; now in the site's location):
// unheard for more than SilentAfter while the site is open.
func (h OpeningHours) Silent(lastHeard, now time.Time) bool {
	return !lastHeard.IsZero() && h.Contains(now) && now.Sub(lastHeard) > SilentAfter
}

// GroupShare is a roster group's share scanned on a day: "Cán bộ 27/30".
type GroupShare struct {
	Roster  string `json:"roster"`
	Present int    `json:"present"`
	Total   int    `json:"total"`
}

// String is "Cán bộ 27/30" (the roster's name as it is: sanitize it to show it).
func (g GroupShare) String() string { return fmt.Sprintf("%s %d/%d", g.Roster, g.Present, g.Total) }

// DoorLink is a door of a site as the server last heard from it.
type DoorLink struct {
	Door      string
	LastHeard time.Time // the latest contact of its desk(s), the server's clock
	// Silent: unheard for more than SilentAfter during opening hours, on
	// the day shown being today.
	Silent bool
}

// SiteStatus is a site's row in the district's table for a day.
type SiteStatus struct {
	Site     string
	Doors    []DoorLink // in name order; none when no desk has reported
	Counts   Counts     // the day's figures, all doors together (no PerHour)
	Warnings int        // the day's warnings
	Groups   []GroupShare
}

// LastHeard is when the site's last desk was heard from (zero when none).
func (s SiteStatus) LastHeard() time.Time {
	var t time.Time
	for _, d := range s.Doors {
		if d.LastHeard.After(t) {
			t = d.LastHeard
		}
	}
	return t
}

// Silent are the site's doors flagged silent.
func (s SiteStatus) Silent() []DoorLink {
	var out []DoorLink
	for _, d := range s.Doors {
		if d.Silent {
			out = append(out, d)
		}
	}
	return out
}

// Scanned is how many of the site's roster people have scanned, of how many
// (all groups together).
func (s SiteStatus) Scanned() (present, total int) {
	for _, g := range s.Groups {
		present += g.Present
		total += g.Total
	}
	return present, total
}

// StaffScanned is each group's share: "Cán bộ 27/30, Họp giao ban 5/8"
// ("" for a site without rosters).
func (s SiteStatus) StaffScanned() string {
	parts := make([]string, len(s.Groups))
	for i, g := range s.Groups {
		parts[i] = g.String()
	}
	return strings.Join(parts, ", ")
}

// WorseThan orders the district's table, worst compliance first: the lowest
// share of roster people scanned (a site without rosters counts as all
// scanned), then more doors silent, then more warnings, then fewer people
// scanned, then the site's name.
func (s SiteStatus) WorseThan(o SiteStatus) bool {
	sp, st := s.Scanned()
	op, ot := o.Scanned()
	if st == 0 {
		sp, st = 1, 1
	}
	if ot == 0 {
		op, ot = 1, 1
	}
	if a, b := sp*ot, op*st; a != b { // sp/st < op/ot
		return a < b
	}
	if a, b := len(s.Silent()), len(o.Silent()); a != b {
		return a > b
	}
	if s.Warnings != o.Warnings {
		return s.Warnings > o.Warnings
	}
	if s.Counts.People != o.Counts.People {
		return s.Counts.People < o.Counts.People
	}
	return s.Site < o.Site
}

// SortWorstFirst sorts sites by WorseThan.
func SortWorstFirst(sites []SiteStatus) {
	sort.SliceStable(sites, func(i, j int) bool { return sites[i].WorseThan(sites[j]) })
}

// District is the district's table for a day.
type District struct {
	Day   time.Time // the day's local midnight
	Now   time.Time // the server's clock when the table was read
	Hours OpeningHours
	Sites []SiteStatus // worst compliance first
}

// Totals are the table's totals: roster people scanned of how many, doors
// silent, warnings.
func (d District) Totals() (present, total, silent, warnings int) {
	for _, s := range d.Sites {
		p, n := s.Scanned()
		present, total = present+p, total+n
		silent += len(s.Silent())
		warnings += s.Warnings
	}
	return present, total, silent, warnings
}

// DoorDay is a door of a site on a day: its figures and its link.
type DoorDay struct {
	DoorLink
	Entries, Exits int
}

// SiteDetail is a site's day in full, as the district sees it.
type SiteDetail struct {
	Status   SiteStatus
	Day      time.Time // the day's local midnight
	Now      time.Time // the server's clock when read
	Doors    []DoorDay
	Groups   []ExpectedGroup // each roster: its share, and who did not scan
	Warnings []Warning       // the day's, in time order
}

// Missing are the roster people who did not scan, group after group (each
// with its Roster).
func (d SiteDetail) Missing() []Member {
	var out []Member
	for _, g := range d.Groups {
		out = append(out, g.Missing...)
	}
	return out
}
