package tz

import (
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	at := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
	if got := at.In(Vietnam()).Format("15:04 MST"); got != "08:00 +07" {
		t.Errorf("Vietnam: %s, want 08:00 +07", got)
	}
	if got := Load("Europe/Paris").String(); got != "Europe/Paris" {
		t.Errorf("Load(Europe/Paris) = %s", got)
	}
	// A name that is no zone falls back to Vietnam's UTC+7.
	if _, off := at.In(Load("No/Such_Zone")).Zone(); off != 7*3600 {
		t.Errorf("fallback offset %d, want UTC+7", off)
	}
}
