package canhcua

import (
	"strings"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Roster is a named group of expected people: an office's staff, the
// attendees of a meeting.
type Roster struct {
	ID   int64
	Name string // "Cán bộ", "Họp giao ban 14:00"
	// ExpectedBy is the time of day by which the group's people should have
	// scanned, as minutes after local midnight; -1 when none.
	ExpectedBy int
	// Only says the event admits roster people only: anyone else who scans is
	// held for the operator to admit as a guest or refuse.
	Only bool
	// From and Until bound when the roster applies (a meeting's afternoon, a
	// week's training); zero: no bound. Outside them its people are not
	// expected and, for a roster-only event, nobody is held.
	From, Until time.Time
}

// Active reports whether t is within the roster's window: at or after From
// and before Until.
func (r Roster) Active(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.Until.IsZero() || t.Before(r.Until))
}

// ActiveOn reports whether the roster's window touches the local day
// containing day (in day's location): its people are expected that day.
func (r Roster) ActiveOn(day time.Time) bool {
	y, m, d := day.Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, day.Location())
	end := start.AddDate(0, 0, 1)
	return (r.From.IsZero() || r.From.Before(end)) && (r.Until.IsZero() || r.Until.After(start))
}

// CheckWindow reports a window that ends before it starts (EINVALID).
func (r Roster) CheckWindow() error {
	if !r.From.IsZero() && !r.Until.IsZero() && !r.Until.After(r.From) {
		return Errorf(EINVALID, catalog.ErrRosterWindow, r.Name)
	}
	return nil
}

// Member is one expected person of a roster.
type Member struct {
	ID        int64
	Roster    string // roster name
	Name      string
	Unit      string // unit or position ("Chức vụ", "Đơn vị")
	IDNumber  string // ID card number, optional
	BadgeID   string // canhcua badge ID, optional
	BirthDate string // DD/MM/YYYY, optional
	// ExpectedBy overrides the roster's, in minutes after midnight; -1 none.
	ExpectedBy int
}

// Expected returns the member's expected-by time on day (in day's
// location), and whether there is one.
func (m Member) Expected(r Roster, day time.Time) (time.Time, bool) {
	min := m.ExpectedBy
	if min < 0 {
		min = r.ExpectedBy
	}
	if min < 0 {
		return time.Time{}, false
	}
	y, mo, d := day.Date()
	return time.Date(y, mo, d, min/60, min%60, 0, 0, day.Location()), true
}

// ParseClock parses "07:30" or "7h30" into minutes after midnight.
func ParseClock(s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.Replace(t, "h", ":", 1)
	if strings.HasSuffix(t, ":") {
		t += "00"
	}
	v, err := time.Parse("15:04", t)
	if err != nil {
		return -1, Errorf(EINVALID, catalog.ErrClock, s)
	}
	return v.Hour()*60 + v.Minute(), nil
}

// Matches reports whether an identity is this member: by ID number or badge
// ID, or else by name and birth date compared without diacritics and case
// ("NGUYEN VAN AN" = "Nguyễn Văn An").
func (m Member) Matches(id Identity) bool {
	switch {
	case m.IDNumber != "" && id.IDNumber != "":
		return m.IDNumber == id.IDNumber
	case m.BadgeID != "" && id.BadgeID != "":
		return m.BadgeID == id.BadgeID
	}
	if m.Name == "" || Fold(m.Name) != Fold(id.Name) {
		return false
	}
	// Without an ID to compare, names must agree and so must birth dates
	// when both are known.
	return BirthDatesAgree(m.BirthDate, id.BirthDate)
}

// BirthDatesAgree reports whether two birth dates shown as DD/MM/YYYY,
// MM/YYYY or YYYY (a certificate's partial date) can be the same day: the
// parts both know are equal. An empty date agrees with any.
func BirthDatesAgree(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	pa, pb := strings.Split(a, "/"), strings.Split(b, "/")
	for i, j := len(pa)-1, len(pb)-1; i >= 0 && j >= 0; i, j = i-1, j-1 {
		if pa[i] != pb[j] {
			return false
		}
	}
	return true
}

// WarningKind is what a warning is about.
type WarningKind string

const (
	WarnNotScanned  WarningKind = "not_scanned"   // expected people not scanned by their time
	WarnNotOnRoster WarningKind = "not_on_roster" // someone not on a roster-only event's roster
	WarnStillInside WarningKind = "still_inside"  // inside at closing time
	WarnNoScan      WarningKind = "no_scan"       // someone passed the camera without scanning
	WarnCamera      WarningKind = "camera"        // no frames, frozen, too dark, covered
)

// Warning is something the supervisor must look at; each is stored with its
// time.
type Warning struct {
	ID        int64
	At        time.Time
	Door      string
	Kind      WarningKind
	Message   string // English
	MessageVI string // Vietnamese
	// PersonKey / Name: who it is about, when a person.
	PersonKey string
	Name      string
	// Snapshot is the path of a JPEG taken for a no-scan warning.
	Snapshot string
	// Resolved is when the warning stopped applying (zero while open).
	Resolved time.Time
	// Decision is what the operator made of a no-scan warning after looking
	// at its snapshot ("" while undecided); Decided is when.
	Decision WarningDecision
	Decided  time.Time
}

// WarningDecision is the operator's verdict on a warning that someone passed
// without scanning.
type WarningDecision string

const (
	WarnChecked    WarningDecision = "checked"     // looked into: someone did pass
	WarnFalseAlarm WarningDecision = "false_alarm" // nobody passed: a shadow, a reflection
)

// Valid reports whether d is a decision the operator can make.
func (d WarningDecision) Valid() bool { return d == WarnChecked || d == WarnFalseAlarm }
