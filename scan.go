package canhcua

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Direction is which way a scan goes through the door.
type Direction string

const (
	In  Direction = "in"
	Out Direction = "out"
)

// Mode is how the desk sets a scan's direction: always in, always out, or
// toggle (the opposite of the person's last accepted scan today).
type Mode string

const (
	ModeIn     Mode = "in"
	ModeOut    Mode = "out"
	ModeToggle Mode = "toggle"
)

// ParseMode parses "in", "out" or "toggle".
func ParseMode(s string) (Mode, error) {
	switch m := Mode(strings.ToLower(strings.TrimSpace(s))); m {
	case ModeIn, ModeOut, ModeToggle:
		return m, nil
	}
	return "", Errorf(EINVALID, catalog.ErrDirection, s)
}

// Next cycles in → out → toggle → in (the desk's `d` key).
func (m Mode) Next() Mode {
	switch m {
	case ModeIn:
		return ModeOut
	case ModeOut:
		return ModeToggle
	}
	return ModeIn
}

// Result is what the desk made of a scan.
type Result string

const (
	Accepted  Result = "accepted"  // counted
	Duplicate Result = "duplicate" // the same person again within the duplicate window: not counted
	Rejected  Result = "rejected"  // not a check-in code (Reason says why): not counted
	Voided    Result = "voided"    // accepted, then voided by the operator: kept, not counted
	// Held: someone not on the roster of a roster-only event, waiting for the
	// operator to admit them as a guest (then Accepted) or refuse (Rejected).
	Held Result = "held"
)

// Kind is the kind of payload a scan carried.
type Kind string

const (
	KindCCCD    Kind = "cccd"    // chip citizen ID card (2021–2024)
	KindCanCuoc Kind = "cancuoc" // căn cước card (from 1 July 2024)
	KindHC1     Kind = "hc1"     // EU digital COVID certificate
	KindToken   Kind = "token"   // PC-Covid / VNeID personal code, opaque
	KindBadge   Kind = "badge"   // a badge canhcua issued
	KindPayment Kind = "payment" // VietQR / EMVCo payment code: rejected
	KindManual  Kind = "manual"  // typed by the operator for someone without a code
	KindText    Kind = "text"    // anything else
)

// Scan is one code shown at the door (or one manual entry), as recorded.
type Scan struct {
	ID        int64
	At        time.Time
	Door      string
	Direction Direction
	Kind      Kind
	PersonKey string // stable per person and kind; empty for rejected codes
	Name      string
	IDNumber  string // the full ID number, when the code has one; masked when shown
	BirthDate string // DD/MM/YYYY when known
	Result    Result
	Reason    string // why it was rejected, or why it was voided (English)
	ReasonVI  string // the same in Vietnamese, when known
	// Ago is, for a duplicate, how long since the person's accepted scan.
	Ago time.Duration
}

// ReasonIn is the scan's reason in lang ("vi" or "en"): the Vietnamese one
// when asked for and known, else the English one.
func (s Scan) ReasonIn(lang string) string {
	if lang != "en" && s.ReasonVI != "" {
		return s.ReasonVI
	}
	return s.Reason
}

// Counted reports whether the scan counts in the day's figures.
func (s Scan) Counted() bool { return s.Result == Accepted }

// MaskID keeps the last four characters of an ID number and masks the rest:
// "001090001234" → "********1234". Short IDs are masked whole but one.
func MaskID(id string) string {
	n := utf8.RuneCountInString(id)
	if n == 0 {
		return ""
	}
	keep := 4
	if n <= keep {
		keep = n - 1
	}
	r := []rune(id)
	return strings.Repeat("*", n-keep) + string(r[n-keep:])
}

// Visit pairs a person's entry with the exit that followed it, at one door.
type Visit struct {
	PersonKey string
	Name      string
	Door      string
	In        time.Time
	Out       time.Time // zero while inside
}

// Inside reports whether the person has not left yet.
func (v Visit) Inside() bool { return v.Out.IsZero() }

// Counts are the desk's figures for one day at one door (all doors when
// Door is empty).
type Counts struct {
	Inside   int     // entered and not yet left (visits without exit)
	Entries  int     // accepted scans in
	Exits    int     // accepted scans out
	People   int     // distinct people with an accepted scan
	Rejected int     // rejected scans
	PerHour  [24]int // accepted scans per hour of the day (local time)
}
