// Package tz is canhcua's time zone: a day and its hours are counted in
// Vietnam's time (Asia/Ho_Chi_Minh) unless the configuration names another.
package tz

import (
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh without the system's zone database
)

// Default is the time zone canhcua counts days in.
const Default = "Asia/Ho_Chi_Minh"

// Load returns the time zone name, or Vietnam's fixed UTC+7 (Vietnam has no
// summer time) when it cannot be loaded. Check a configured name with
// time.LoadLocation first to report a mistake.
func Load(name string) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}

// Vietnam is the default time zone, Load(Default).
func Vietnam() *time.Location { return Load(Default) }
