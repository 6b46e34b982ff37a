package ui

import (
	"time"
)

// Keyboard-wedge USB scanners "type" a code's text followed by Enter, far
// faster than a person. The wedge tells the two apart by timing: printable
// keys are held in a short pending buffer; a burst of at least wedgeMinLen
// characters, each within wedgeGap of the one before, ended by Enter (or Tab)
// within wedgeGap, is a scan. A single key followed by nothing for wedgeGap
// is a person's key press and runs as a command. Two or more keys within the
// gap of each other are no person's typing: when they do not make a scan
// they are dropped, never run as commands. So a badge whose text contains
// 'q' or 'd' never quits or changes the direction.
//
// The forms (manual entry, search) go through the wedge too: a burst ended
// by Enter is a scan there as well, not text in the field (the form stays as
// it was); anything else buffered is a person's typing and goes into the
// field when it is flushed.
const (
	wedgeGap    = 50 * time.Millisecond
	wedgeMinLen = 4
)

// wedge is the pending buffer. Key times come from Config.Now.
type wedge struct {
	gap    time.Duration
	minLen int
	buf    []rune
	last   time.Time // when the newest buffered key arrived
	seq    int       // bumped on every buffered key; a flush timer carries it
	burst  bool      // a paste: never commands
}

// wedgeFlushMsg is sent wedgeGap after a buffered key: if no key came since
// (seq unchanged), the buffer is flushed.
type wedgeFlushMsg struct{ seq int }

// wedgeOutcome is what the buffer turned out to be.
type wedgeOutcome struct {
	keys    []rune // a person's key press, to run as a command
	scan    string // a scanner's text, to identify and record
	ignored int    // runes of a burst that made no scan: dropped, never run as commands
	// text is every rune flushed (keys or ignored): in a form (manual entry,
	// search) they are a person's typing, and go into the field.
	text []rune
}

func newWedge() wedge { return wedge{gap: wedgeGap, minLen: wedgeMinLen} }

func (w *wedge) pending() bool { return len(w.buf) > 0 }

// add buffers printable runes that arrived at t (a KeyMsg may carry several
// runes when the terminal delivered them in one read). When the previous
// key was more than the gap ago, the old buffer is flushed first and
// returned. The caller arms a timer for wedgeFlushMsg{w.seq}.
func (w *wedge) add(rs []rune, paste bool, t time.Time) (flushed wedgeOutcome) {
	if len(w.buf) > 0 && t.Sub(w.last) > w.gap {
		flushed = w.flush()
	}
	w.burst = w.burst || paste
	w.buf = append(w.buf, rs...)
	w.last = t
	w.seq++
	return flushed
}

// enter handles Enter (or Tab) at t. When it ends a burst, the outcome is a
// scan and ok is true. Otherwise the buffer is flushed (its keys run as
// commands, or a long burst is ignored) and the caller handles the Enter
// itself.
func (w *wedge) enter(t time.Time) (out wedgeOutcome, scan bool) {
	if len(w.buf) >= w.minLen && t.Sub(w.last) <= w.gap {
		out.scan = string(w.buf)
		w.reset()
		return out, true
	}
	return w.flush(), false
}

// timeout handles a wedgeFlushMsg: the buffer is flushed when no key came
// after the one that armed the timer.
func (w *wedge) timeout(seq int) (wedgeOutcome, bool) {
	if seq != w.seq || len(w.buf) == 0 {
		return wedgeOutcome{}, false
	}
	return w.flush(), true
}

// flush empties the buffer: one key is a person's command; a burst (two
// keys or more within the gap, or a paste) that did not make a scan is
// ignored.
func (w *wedge) flush() (out wedgeOutcome) {
	out.text = append([]rune(nil), w.buf...)
	if len(w.buf) == 1 && !w.burst {
		out.keys = []rune{w.buf[0]}
	} else if len(w.buf) > 0 {
		out.ignored = len(w.buf)
	}
	w.reset()
	return out
}

func (w *wedge) reset() {
	w.buf = w.buf[:0]
	w.last = time.Time{}
	w.burst = false
}
