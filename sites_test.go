package canhcua

import (
	"strings"
	"testing"
	"time"
)

func TestParseOpeningHours(t *testing.T) {
	for in, want := range map[string]OpeningHours{
		"":             DefaultOpeningHours,
		"07:00-17:30":  {7 * 60, 17*60 + 30},
		"7h30 – 16h":   {7*60 + 30, 16 * 60},
		" 06:00-22:00": {6 * 60, 22 * 60},
	} {
		got, err := ParseOpeningHours(in)
		if err != nil || got != want {
			t.Errorf("ParseOpeningHours(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"07:00", "17:30-07:00", "7-", "sáng-chiều"} {
		if _, err := ParseOpeningHours(in); ErrorCode(err) != EINVALID {
			t.Errorf("ParseOpeningHours(%q): %v, want EINVALID", in, err)
		}
	}
	if s := DefaultOpeningHours.String(); s != "07:00-17:30" {
		t.Errorf("String %q", s)
	}
}

func TestSilent(t *testing.T) {
	h := DefaultOpeningHours
	at := func(hh, mm int) time.Time { return time.Date(2026, 11, 27, hh, mm, 0, 0, warnICT) }
	for _, c := range []struct {
		last, now time.Time
		want      bool
	}{
		{at(9, 0), at(9, 11), true},                          // 11 minutes, open
		{at(9, 0), at(9, 10), false},                         // exactly 10 minutes is not more than 10
		{at(6, 0), at(6, 59), false},                         // before opening
		{at(7, 0), at(17, 29), true},                         // the last minute
		{at(17, 0), at(17, 30), false},                       // closed
		{time.Time{}, at(9, 0), false},                       // never heard: no door to flag
		{at(9, 0).UTC(), at(9, 20).UTC(), false},             // 02:20 UTC: outside hours in its own location
		{at(9, 0), at(9, 20).In(time.UTC).In(warnICT), true}, // the location decides, not the instant's form
	} {
		if got := h.Silent(c.last, c.now); got != c.want {
			t.Errorf("Silent(%v, %v) = %v, want %v", c.last, c.now, got, c.want)
		}
	}
}

func TestSortWorstFirst(t *testing.T) {
	g := func(p, n int) []GroupShare { return []GroupShare{{Roster: "Cán bộ", Present: p, Total: n}} }
	silent := []DoorLink{{Door: "Cổng", Silent: true}}
	sites := []SiteStatus{
		{Site: "H no roster, quiet"},
		{Site: "G no roster, 2 warnings", Warnings: 2},
		{Site: "F all scanned", Groups: g(30, 30)},
		{Site: "E 27/30", Groups: g(27, 30)},
		{Site: "D 9/10", Groups: g(9, 10)}, // 90%, as E: then by name
		{Site: "C 27/30, a silent door", Groups: g(27, 30), Doors: silent},
		{Site: "B 1/2 of two groups", Groups: append(g(1, 10), GroupShare{Roster: "Họp", Present: 9, Total: 10})},
		{Site: "A 0/12", Groups: g(0, 12)},
	}
	SortWorstFirst(sites)
	var got []string
	for _, s := range sites {
		got = append(got, s.Site[:1])
	}
	if strings.Join(got, "") != "ABCDEGFH" {
		t.Errorf("order %s, want ABCDEGFH", strings.Join(got, ""))
	}
}
