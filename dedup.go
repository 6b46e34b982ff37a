package canhcua

import "time"

// DefaultDedupWindow is how long a code must be out of view before it counts
// as a new read.
const DefaultDedupWindow = 5 * time.Second

// Deduper turns the stream of codes seen frame after frame into reads: the
// same code seen in successive frames is one read until it has been out of
// view for longer than Window. The zero value uses DefaultDedupWindow.
// A Deduper is not safe for concurrent use.
type Deduper struct {
	Window time.Duration
	last   map[string]time.Time
}

// Seen records that the code with this key was in view at time t, and reports
// whether this is a new read. Times must not go backwards for a key.
func (d *Deduper) Seen(key string, t time.Time) bool {
	w := d.Window
	if w <= 0 {
		w = DefaultDedupWindow
	}
	if d.last == nil {
		d.last = make(map[string]time.Time)
	}
	prev, ok := d.last[key]
	d.last[key] = t
	if len(d.last) > 4096 {
		d.forget(t, w)
	}
	return !ok || t.Sub(prev) > w
}

// forget drops keys not seen within the window, bounding memory on long runs.
func (d *Deduper) forget(now time.Time, w time.Duration) {
	for k, t := range d.last {
		if now.Sub(t) > w {
			delete(d.last, k)
		}
	}
}
