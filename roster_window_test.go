package canhcua

import (
	"testing"
	"time"
)

func TestRosterWindow(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, ict) }
	r := Roster{Name: "Họp", From: at(27, 13, 30), Until: at(27, 17, 0)}
	for _, c := range []struct {
		t      time.Time
		active bool
	}{
		{at(27, 13, 29), false}, {at(27, 13, 30), true}, {at(27, 16, 59), true}, {at(27, 17, 0), false}, {at(28, 9, 0), false},
	} {
		if got := r.Active(c.t); got != c.active {
			t.Errorf("Active(%s) = %v", c.t.Format("02/01 15:04"), got)
		}
	}
	for _, c := range []struct {
		day int
		on  bool
	}{{26, false}, {27, true}, {28, false}} {
		if got := r.ActiveOn(at(c.day, 12, 0)); got != c.on {
			t.Errorf("ActiveOn(%d/11) = %v", c.day, got)
		}
	}
	// Until midnight: not the next day.
	r.Until = at(28, 0, 0)
	if r.ActiveOn(at(28, 0, 0)) || !r.ActiveOn(at(27, 23, 0)) {
		t.Error("a window ending at midnight")
	}
	open := Roster{Until: at(27, 17, 0)}
	if !open.Active(at(1, 0, 0)) || !open.ActiveOn(at(1, 0, 0)) || open.Active(at(27, 17, 0)) {
		t.Error("a window with no start")
	}
	if (Roster{}).Active(time.Time{}) != true || (Roster{}).ActiveOn(at(1, 0, 0)) != true {
		t.Error("no window")
	}
	if err := (Roster{Name: "x", From: at(27, 17, 0), Until: at(27, 13, 0)}).CheckWindow(); ErrorCode(err) != EINVALID {
		t.Errorf("backwards window: %v", err)
	}
}
