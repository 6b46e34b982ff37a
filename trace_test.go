package canhcua

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// traceDay is 27/11/2026 in Vietnam's time (UTC+7, no summer time).
var traceDay = time.Date(2026, 11, 27, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// hm is hh:mm[:ss] on traceDay ("-1 23:30" the day before, "+1 00:30" the
// day after).
func hm(s string) time.Time {
	day := traceDay
	if d, rest, ok := strings.Cut(s, " "); ok {
		var n int
		fmt.Sscanf(d, "%d", &n)
		day, s = day.AddDate(0, 0, n), rest
	}
	var h, m, sec int
	fmt.Sscanf(s, "%d:%d:%d", &h, &m, &sec)
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second)
}

// ts is an accepted scan: "Site/Door who in|out hh:mm". who is the person
// key's number: "id:<who>", named "Người <who>".
func ts(s string) TraceScan {
	f := strings.Fields(s)
	site, door, _ := strings.Cut(f[0], "/")
	at := f[3]
	if len(f) > 4 {
		at += " " + f[4]
	}
	return TraceScan{Site: site, Door: door, At: hm(at), Direction: Direction(f[2]),
		PersonKey: "id:" + f[1], Name: "Người " + f[1], IDNumber: f[1], BirthDate: "01/02/1990"}
}

func tss(lines ...string) []TraceScan {
	out := make([]TraceScan, len(lines))
	for i, l := range lines {
		out[i] = ts(l)
	}
	return out
}

// fakeReader is a TraceReader over scans in memory; it notes what it was
// asked for.
type fakeReader struct {
	scans  []TraceScan
	spans  []SiteSpan
	person [2]time.Time
}

func (f *fakeReader) TracePersonScans(_ context.Context, t TraceTarget, from, to time.Time) ([]TraceScan, error) {
	f.person = [2]time.Time{from, to}
	var out []TraceScan
	for _, s := range f.scans {
		if !s.At.Before(from) && s.At.Before(to) && t.Matches(s) {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeReader) TraceSiteScans(_ context.Context, spans []SiteSpan) ([]TraceScan, error) {
	f.spans = spans
	var out []TraceScan
	for _, sp := range spans {
		for _, s := range f.scans {
			if s.Site == sp.Site && !s.At.Before(sp.From) && s.At.Before(sp.To) {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

func traceClock(t time.Time) string {
	t = t.In(traceDay.Location())
	s := t.Format("15:04")
	if t.Second() != 0 {
		s = t.Format("15:04:05")
	}
	if d := t.YearDay() - traceDay.YearDay(); d != 0 {
		s = fmt.Sprintf("%+d %s", d, s)
	}
	return s
}

// visitString is "Site Door→DoorOut hh:mm–hh:mm" with "?" for what was not
// scanned.
func visitString(p Presence) string {
	in, out := traceClock(p.In), traceClock(p.Out)
	if p.NoEntry {
		in = "?" + in
	}
	if p.NoExit {
		out += "?"
	}
	return fmt.Sprintf("%s %s→%s %s–%s", p.Site, p.Door, p.DoorOut, in, out)
}

// contactString is "Người N @Site 15m: hh:mm–hh:mm Door, …".
func contactString(c Contact) string {
	var ts []string
	for _, t := range c.Times {
		ts = append(ts, fmt.Sprintf("%s–%s %s", traceClock(t.From), traceClock(t.To), t.Door))
	}
	return fmt.Sprintf("%s @%s %dm: %s", c.Name, c.Site, c.Minutes(), strings.Join(ts, ", "))
}

func TestTrace(t *testing.T) {
	tests := []struct {
		name     string
		scans    []TraceScan
		target   TraceTarget // default: ID "1"
		window   time.Duration
		from, to string // default: the whole of traceDay
		visits   []string
		contacts []string
	}{{
		name: "entry and exit, a contact inside part of the time",
		scans: tss("A/Cổng 1 in 08:00", "A/Cổng 1 out 09:00",
			"A/Cổng 2 in 08:40", "A/Cổng 2 out 10:00"),
		visits:   []string{"A Cổng→Cổng 08:00–09:00"},
		contacts: []string{"Người 2 @A 20m: 08:40–09:00 Cổng"},
	}, {
		name: "the edges: left as the person came in, came in as the person left, a second shared",
		scans: tss("A/Cổng 1 in 08:00", "A/Cổng 1 out 09:00",
			"A/Cổng 2 in 07:00", "A/Cổng 2 out 08:00", // left at 08:00 sharp
			"A/Cổng 3 in 09:00", "A/Cổng 3 out 09:30", // came at 09:00 sharp
			"A/Cổng 4 in 08:59:59", "A/Cổng 4 out 09:10"), // one second
		visits:   []string{"A Cổng→Cổng 08:00–09:00"},
		contacts: []string{"Người 4 @A 1m: 08:59:59–09:00 Cổng"},
	}, {
		name: "no exit: present for the window after the entry",
		scans: tss("A/Cổng 1 in 08:00",
			"A/Cổng 2 in 08:50", "A/Cổng 2 out 11:00", // 10 min of the hour
			"A/Cổng 3 in 09:00",  // exactly when the window ends
			"A/Cổng 4 in 07:30"), // their window [07:30, 08:30]
		visits:   []string{"A Cổng→ 08:00–09:00?"},
		contacts: []string{"Người 4 @A 30m: 08:00–08:30 Cổng", "Người 2 @A 10m: 08:50–09:00 Cổng"},
	}, {
		name:   "a window of 15 minutes",
		window: 15 * time.Minute,
		scans: tss("A/Cổng 1 in 08:00",
			"A/Cổng 2 in 08:10", "A/Cổng 3 in 08:20"),
		visits:   []string{"A Cổng→ 08:00–08:15?"},
		contacts: []string{"Người 2 @A 5m: 08:10–08:15 Cổng"},
	}, {
		name: "exits without entries: present for the window before, not before the last presence",
		scans: tss("A/Cổng 1 in 08:00", "A/Cổng 1 out 10:00",
			"A/Cổng 2 out 08:30",                                             // [07:30, 08:30]: 30 min
			"A/Cổng 3 in 07:00", "A/Cổng 3 out 08:50", "A/Cổng 3 out 09:05"), // [07:00, 08:50] then [08:50, 09:05]
		visits:   []string{"A Cổng→Cổng 08:00–10:00"},
		contacts: []string{"Người 3 @A 65m: 08:00–08:50 Cổng, 08:50–09:05 Cổng", "Người 2 @A 30m: 08:00–08:30 Cổng"},
	}, {
		name:     "the person's own exit without entry",
		scans:    tss("A/Cổng 1 out 09:00", "A/Cổng 2 in 07:00", "A/Cổng 2 out 08:15"),
		visits:   []string{"A →Cổng ?08:00–09:00"},
		contacts: []string{"Người 2 @A 15m: 08:00–08:15 Cổng"},
	}, {
		name: "a new entry while inside ends the presence there",
		scans: tss("A/Cổng 1 in 08:00", "A/Sau 1 in 08:20", "A/Sau 1 out 08:40",
			"A/Cổng 2 in 08:30", "A/Cổng 2 out 08:35"),
		visits:   []string{"A Cổng→ 08:00–08:20?", "A Sau→Sau 08:20–08:40"},
		contacts: []string{"Người 2 @A 5m: 08:30–08:35 Cổng"},
	}, {
		name: "in at one door, out at another",
		scans: tss("A/Cổng 1 in 08:00", "A/Sau 1 out 08:30",
			"A/Sau 2 in 08:10", "A/Cổng 2 out 09:00"),
		visits:   []string{"A Cổng→Sau 08:00–08:30"},
		contacts: []string{"Người 2 @A 20m: 08:10–08:30 Sau"},
	}, {
		name: "several sites: the same time at another site is no contact",
		scans: tss("A/Cổng 1 in 08:00", "A/Cổng 1 out 09:00",
			"B/Cửa 1 in 10:00", "B/Cửa 1 out 11:00",
			"B/Cửa 2 in 08:00", "B/Cửa 2 out 09:00", // B while the person is at A
			"A/Cổng 3 in 10:00", "A/Cổng 3 out 11:00", // A while the person is at B
			"B/Cửa 4 in 10:30", "B/Cửa 4 out 12:00",
			"C/Cửa 5 in 08:00", "C/Cửa 5 out 12:00"), // a site the person never went to
		visits:   []string{"A Cổng→Cổng 08:00–09:00", "B Cửa→Cửa 10:00–11:00"},
		contacts: []string{"Người 4 @B 30m: 10:30–11:00 Cửa"},
	}, {
		name: "the same contact twice at a site, and at another site",
		scans: tss("A/Cổng 1 in 08:00", "A/Cổng 1 out 09:00", "A/Cổng 1 in 13:00", "A/Cổng 1 out 14:00",
			"B/Cửa 1 in 10:00", "B/Cửa 1 out 11:00",
			"A/Cổng 2 in 08:45", "A/Cổng 2 out 09:30", "A/Cổng 2 in 12:00", "A/Cổng 2 out 13:20",
			"B/Cửa 2 in 10:50", "B/Cửa 2 out 12:00"),
		visits: []string{"A Cổng→Cổng 08:00–09:00", "B Cửa→Cửa 10:00–11:00", "A Cổng→Cổng 13:00–14:00"},
		contacts: []string{"Người 2 @A 35m: 08:45–09:00 Cổng, 13:00–13:20 Cổng",
			"Người 2 @B 10m: 10:50–11:00 Cửa"},
	}, {
		name: "the range: a visit across midnight counts, the day before does not",
		scans: tss("A/Cổng 1 in -1 10:00", "A/Cổng 1 out -1 11:00",
			"A/Cổng 1 in -1 23:30", "A/Cổng 1 out 00:30",
			"A/Cổng 2 in -1 10:30", "A/Cổng 2 out -1 12:00", // the day before: not listed
			"A/Cổng 3 in -1 22:00", "A/Cổng 3 out 00:10"),
		visits:   []string{"A Cổng→Cổng -1 23:30–00:30"},
		contacts: []string{"Người 3 @A 40m: -1 23:30–00:10 Cổng"},
	}, {
		name: "by name and birth date: other codes of the person are theirs, a namesake born another day is not",
		scans: append(tss("A/Cổng 1 in 08:00", "A/Cổng 2 in 08:30"),
			TraceScan{Site: "A", Door: "Cổng", At: hm("08:45"), Direction: Out, PersonKey: "hc1:nguoi 1|1990",
				Name: "NGUOI 1", BirthDate: "1990"}, // a certificate: name without diacritics, year only
			TraceScan{Site: "A", Door: "Cổng", At: hm("08:10"), Direction: In, PersonKey: "id:9",
				Name: "Người 1", IDNumber: "9", BirthDate: "02/02/1990"}), // a namesake
		target:   TraceTarget{Name: "người  1", BirthDate: "01/02/1990"},
		visits:   []string{"A Cổng→Cổng 08:00–08:45"},
		contacts: []string{"Người 1 @A 35m: 08:10–08:45 Cổng", "Người 2 @A 15m: 08:30–08:45 Cổng"},
	}, {
		name:   "nobody found",
		scans:  tss("A/Cổng 2 in 08:00"),
		target: TraceTarget{IDNumber: "7"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := tt.target
			if target == (TraceTarget{}) {
				target = TraceTarget{IDNumber: "1"}
			}
			from, to := traceDay, traceDay.AddDate(0, 0, 1)
			if tt.from != "" {
				from, to = hm(tt.from), hm(tt.to)
			}
			r := &fakeReader{scans: tt.scans}
			res, err := Trace(context.Background(), r, TraceQuery{Target: target, From: from, To: to, Window: tt.window})
			if err != nil {
				t.Fatal(err)
			}
			var visits, contacts []string
			for _, v := range res.Visits {
				visits = append(visits, visitString(v))
			}
			for _, c := range res.Contacts {
				contacts = append(contacts, contactString(c))
			}
			if !slices.Equal(visits, tt.visits) {
				t.Errorf("visits:\n got %q\nwant %q", visits, tt.visits)
			}
			if !slices.Equal(contacts, tt.contacts) {
				t.Errorf("contacts:\n got %q\nwant %q", contacts, tt.contacts)
			}
			if got := r.person; got != [2]time.Time{from.Add(-TraceMargin), to.Add(TraceMargin)} {
				t.Errorf("person's scans read over %v, want the range widened by the margin", got)
			}
		})
	}
}

// TestTraceReads: the sites' scans are read for the sites visited only,
// around the visits.
func TestTraceReads(t *testing.T) {
	r := &fakeReader{scans: tss("A/Cổng 1 in 08:00", "A/Cổng 1 out 09:00", "A/Cổng 1 in 15:00",
		"B/Cửa 1 in 10:00", "B/Cửa 1 out 11:00")}
	if _, err := Trace(context.Background(), r, TraceQuery{Target: TraceTarget{IDNumber: "1"},
		From: traceDay, To: traceDay.AddDate(0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	want := []SiteSpan{
		{Site: "A", From: hm("08:00").Add(-TraceMargin), To: hm("16:00").Add(TraceMargin)},
		{Site: "B", From: hm("10:00").Add(-TraceMargin), To: hm("11:00").Add(TraceMargin)},
	}
	if !slices.Equal(r.spans, want) {
		t.Errorf("site spans read %+v, want %+v", r.spans, want)
	}
	r = &fakeReader{scans: tss("A/Cổng 2 in 08:00")}
	if _, err := Trace(context.Background(), r, TraceQuery{Target: TraceTarget{IDNumber: "1"},
		From: traceDay, To: traceDay.AddDate(0, 0, 1)}); err != nil || r.spans != nil {
		t.Errorf("no visit, yet the sites were read: %+v %v", r.spans, err)
	}
}

func TestTraceTargetMatches(t *testing.T) {
	card := TraceScan{PersonKey: "id:001090001234", Name: "Nguyễn Văn An", IDNumber: "001090001234", BirthDate: "15/03/1990"}
	other := TraceScan{PersonKey: "badge:B7", Name: "Nguyễn Văn An", IDNumber: "001090001234"} // a badge with the number
	cert := TraceScan{PersonKey: "hc1:x", Name: "NGUYEN VAN AN", BirthDate: "03/1990"}
	manual := TraceScan{PersonKey: "manual:nguyen van an", Name: "Nguyễn  văn an"}
	tests := []struct {
		target TraceTarget
		scan   TraceScan
		want   bool
	}{
		{TraceTarget{IDNumber: "001090001234"}, card, true},
		{TraceTarget{IDNumber: "001090001234"}, other, true},
		{TraceTarget{IDNumber: "001090001234"}, cert, false},
		{TraceTarget{IDNumber: "1234"}, card, false},
		{TraceTarget{Name: "nguyen van an", BirthDate: "15/03/1990"}, card, true},
		{TraceTarget{Name: "Nguyễn Văn An", BirthDate: "15/03/1990"}, cert, true},   // partial date agrees
		{TraceTarget{Name: "Nguyễn Văn An", BirthDate: "15/03/1990"}, manual, true}, // no date agrees
		{TraceTarget{Name: "Nguyễn Văn An", BirthDate: "16/03/1990"}, card, false},
		{TraceTarget{Name: "Nguyễn Văn Ân", BirthDate: "15/03/1990"}, card, true}, // folded: Ân = An
		{TraceTarget{Name: "Nguyễn Văn Anh", BirthDate: "15/03/1990"}, card, false},
		{TraceTarget{}, card, false},
	}
	for _, tt := range tests {
		if got := tt.target.Matches(tt.scan); got != tt.want {
			t.Errorf("%+v matches %+v: %v, want %v", tt.target, tt.scan, got, tt.want)
		}
	}
}

func TestContactMinutes(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want int
	}{{0, 0}, {time.Second, 1}, {time.Minute, 1}, {time.Minute + time.Second, 2}, {90 * time.Minute, 90}} {
		if got := (Contact{Overlap: tt.d}).Minutes(); got != tt.want {
			t.Errorf("%v: %d minutes, want %d", tt.d, got, tt.want)
		}
	}
}
