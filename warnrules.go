package canhcua

import (
	"strings"
	"time"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Warning rules: pure functions that turn what the store knows (the expected
// people and who has scanned, the day's visits) into warnings. They do no
// I/O and read no clock; the desk calls them every few seconds and stores
// their warnings with the store's OpenWarning, which keeps one open warning
// per (door, kind, key): the key is PersonKey (WarningKey).

// ExpectedGroup is one roster's state for a day: how many of its people have
// scanned and which have not (yet).
type ExpectedGroup struct {
	Roster  Roster
	Missing []Member // not scanned yet
	Present int      // members who have scanned
	Total   int      // members
}

// GroupKeyPrefix begins the PersonKey of a warning about a whole group.
const GroupKeyPrefix = "roster:"

// MaxNamesInWarning bounds the names a group warning lists; the rest are
// counted ("và 3 người khác").
const MaxNamesInWarning = 10

// NotScannedWarnings returns, for each group, one WarnNotScanned warning
// when some of its missing members are past their expected-by time at now
// (members without an expected-by time never are): it gives the group's
// share present and the late members' names. PersonKey is "roster:" + the
// roster's name and Name the roster's name, so that the warning stays the
// same one while the share changes. now must be in the local time zone:
// expected-by times are times of day there.
func NotScannedWarnings(groups []ExpectedGroup, door string, now time.Time) []Warning {
	var out []Warning
	for _, g := range groups {
		var late []string
		for _, m := range g.Missing {
			if t, ok := m.Expected(g.Roster, now); ok && !now.Before(t) {
				late = append(late, m.Name)
			}
		}
		if len(late) == 0 {
			continue
		}
		w := Warning{
			At:        now,
			Door:      door,
			Kind:      WarnNotScanned,
			PersonKey: GroupKeyPrefix + g.Roster.Name,
			Name:      g.Roster.Name,
		}
		w.Message = catalog.EN.T(catalog.WarnNotScanned, g.Roster.Name, g.Present, g.Total, nameList(catalog.EN, late))
		w.MessageVI = catalog.VI.T(catalog.WarnNotScanned, g.Roster.Name, g.Present, g.Total, nameList(catalog.VI, late))
		out = append(out, w)
	}
	return out
}

// nameList joins names with commas, listing MaxNamesInWarning at most and
// counting the rest ("và 3 người khác") in l.
func nameList(l catalog.Lang, names []string) string {
	if len(names) <= MaxNamesInWarning {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:MaxNamesInWarning], ", ") + " " +
		l.T(catalog.WarnMoreNames, len(names)-MaxNamesInWarning)
}

// StillInsideWarnings returns one WarnStillInside warning per person whose
// visit entered at or before closing and has no exit: they are still inside
// at closing time. It applies to doors that count exits (direction out or
// toggle); at a door that only counts entries everyone would be "inside".
// The warnings are at closing, in the order of the visits.
func StillInsideWarnings(visits []Visit, closing time.Time) []Warning {
	var out []Warning
	seen := map[string]bool{}
	for _, v := range visits {
		if !v.Inside() || v.In.IsZero() || v.In.After(closing) || v.PersonKey == "" {
			continue
		}
		k := v.Door + "\x00" + v.PersonKey
		if seen[k] {
			continue
		}
		seen[k] = true
		name := v.Name
		if name == "" {
			name = "?"
		}
		in := v.In.In(closing.Location()).Format("15:04")
		out = append(out, Warning{
			At:        closing,
			Door:      v.Door,
			Kind:      WarnStillInside,
			PersonKey: v.PersonKey,
			Name:      v.Name,
		}.say(catalog.WarnStillInside, name, in))
	}
	return out
}

// NotOnRosterWarning is the warning for a scan by someone who is not on the
// roster of a roster-only event: the desk holds the scan until the operator
// admits them as a guest or refuses them (the store's Decide, which resolves
// the warning).
func NotOnRosterWarning(s Scan, r Roster) Warning {
	name := s.Name
	if name == "" {
		name = "?"
	}
	return Warning{
		At:        s.At,
		Door:      s.Door,
		Kind:      WarnNotOnRoster,
		PersonKey: s.PersonKey,
		Name:      s.Name,
	}.say(catalog.WarnNotOnRoster, name, r.Name)
}

// say is w with its message, in English and Vietnamese, the catalog's text of
// key.
func (w Warning) say(key catalog.Key, args ...any) Warning {
	w.Message, w.MessageVI = catalog.Both(key, args...)
	return w
}

// WarningKey is the key that tells warnings of one kind at one door apart:
// the person's (or group's) key, else the English message (camera trouble,
// someone passing without scanning).
func WarningKey(w Warning) string {
	if w.PersonKey != "" {
		return w.PersonKey
	}
	return w.Message
}
