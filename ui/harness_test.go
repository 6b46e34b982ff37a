package ui

import (
	"bytes"
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/clocktest"
)

var ict = time.FixedZone("ICT", 7*3600)

// t0 is the tests' "now": Thursday 27 November 2025, 14:30:00 in Vietnam.
var t0 = time.Date(2025, 11, 27, 14, 30, 0, 0, ict)

// harness drives the model's Update by hand: it runs every Cmd the model
// returns synchronously and feeds the messages back, so a test sees the
// state after all the I/O a key press caused. Timers (the clock tick, the
// wedge's flush) are not run; they are kept, and fire() runs them.
type harness struct {
	t      *testing.T
	m      *model
	b      *fakeBackend
	clock  *clocktest.Clock
	bell   *bytes.Buffer
	timers []func() tea.Msg
	quit   bool
}

func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	h := &harness{t: t, clock: clocktest.New(t0), bell: &bytes.Buffer{}}
	if cfg.Now == nil {
		cfg.Now = h.clock.Now
	}
	if cfg.Location == nil {
		cfg.Location = ict
	}
	if cfg.Door == "" {
		cfg.Door = "cổng chính"
	}
	if cfg.Out == nil {
		cfg.Out = h.bell
	}
	h.b = newFakeBackend(cfg.Location)
	h.m = New(cfg, h.b).(*model)
	h.m.after = func(d time.Duration, fn func() tea.Msg) tea.Cmd {
		h.timers = append(h.timers, fn)
		return nil
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.run(h.m.Init())
	return h
}

// send delivers msg to Update and runs what follows.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if runCmd(cmd, h.send) {
		h.quit = true
	}
}

// runCmd runs cmd at once and hands the message it returns to send (a
// batch's Cmds one after another); it reports whether one of them quit.
func runCmd(cmd tea.Cmd, send func(tea.Msg)) (quit bool) {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			quit = runCmd(c, send) || quit
		}
	case tea.QuitMsg:
		return true
	default:
		send(msg)
	}
	return quit
}

// fire runs the pending timers (as if their time had come).
func (h *harness) fire() {
	h.t.Helper()
	ts := h.timers
	h.timers = nil
	for _, fn := range ts {
		if msg, ok := fn().(wedgeFlushMsg); ok { // the clock tick is not wanted here
			h.send(msg)
		}
	}
}

// key sends one key press: a rune, or a special key.
func (h *harness) key(k tea.KeyType, r ...rune) {
	h.t.Helper()
	h.send(tea.KeyMsg{Type: k, Runes: r})
}

// press sends a person's key press: the key, then a pause of 200 ms.
func (h *harness) press(r rune) {
	h.t.Helper()
	h.key(tea.KeyRunes, r)
	h.clock.Advance(200 * time.Millisecond)
	h.fire()
}

// wedgeType types s as a keyboard-wedge scanner does: a rune every 8 ms,
// then Enter.
func (h *harness) wedgeType(s string) {
	h.t.Helper()
	h.typeRunes(s, 8*time.Millisecond)
	h.key(tea.KeyEnter)
	h.clock.Advance(200 * time.Millisecond)
	h.fire()
}

// typeText types into a form as a person does: a key every 150 ms, the
// wedge's flush timer firing between them.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(runeKey(r))
		h.clock.Advance(150 * time.Millisecond)
		h.fire()
	}
}

// typeRunes sends the runes of s, the clock advancing by gap after each.
func (h *harness) typeRunes(s string, gap time.Duration) {
	h.t.Helper()
	for _, r := range s {
		h.send(runeKey(r))
		h.clock.Advance(gap)
	}
}

// seed records scans directly in the backend, at the given times.
func (h *harness) seed(at time.Time, id canhcua.Identity, mode canhcua.Mode) canhcua.Scan {
	h.t.Helper()
	s, err := h.b.Scan(context.Background(), id, mode, h.m.cfg.Door, at)
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

func cccd(id, name string) string {
	return id + "||" + name + "|01021990|Nam|Thôn 3, xã Tân Phú|01012022"
}

func lipglossWidth(s string) int { return lipgloss.Width(s) }
