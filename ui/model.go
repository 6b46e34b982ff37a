// Package ui is the desk screen: a Bubble Tea program for whoever watches the
// door. It shows the live counts and the last scan, records the codes the
// camera reads (and those typed by a keyboard-wedge scanner), and offers
// manual entry, void, search and export.
//
// The model follows soft-serve and gh-dash: components (header, counts,
// banner, recent, manual, filter), one keymap (keys.go), one styles file
// (styles.go), one string catalog (i18n.go), and all I/O in tea.Cmds
// (commands.go); Update only changes state.
package ui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Default size before the terminal reports one.
const (
	defaultWidth  = 80
	defaultHeight = 24
)

// model is the root model.
type model struct {
	cfg     Config
	backend Backend
	ctx     context.Context
	cancel  context.CancelFunc

	cat   *catalog
	st    Styles
	keys  keyMap
	help  help.Model
	loc   *time.Location
	mode  canhcua.Mode
	now   time.Time // the clock shown, updated by the tick
	day   time.Time // local midnight of today
	width int
	hgt   int

	header  header
	counts  counts
	banner  banner
	recent  recent
	filter  filter
	manual  *manualForm    // open manual-entry form, nil when closed
	confirm *canhcua.Scan  // scan awaiting y/n before it is voided
	held    []canhcua.Scan // held scans awaiting admit/refuse, oldest first
	warns   warnings
	wedge   wedge

	status    string
	statusErr bool

	seq        int // last reload issued
	countsSeq  int // reload whose counts are shown
	rowsSeq    int // reload whose rows are shown
	bannerSeq  int // reload or scan whose outcome the banner shows
	readsAlive bool

	// after schedules fn after d; tests replace it to drive time themselves.
	after func(d time.Duration, fn func() tea.Msg) tea.Cmd
}

// New returns the desk screen's root model. backend must not be nil.
func New(cfg Config, backend Backend) tea.Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = vietnam()
	}
	if cfg.Identify == nil {
		cfg.Identify = canhcua.Identify
	}
	if cfg.Out == nil {
		cfg.Out = os.Stdout
	}
	switch cfg.Mode {
	case canhcua.ModeIn, canhcua.ModeOut, canhcua.ModeToggle:
	default:
		cfg.Mode = canhcua.ModeIn
	}
	cat := lookup(cfg.Lang)
	ctx, cancel := context.WithCancel(context.Background())
	h := help.New()
	m := &model{
		cfg:     cfg,
		backend: backend,
		ctx:     ctx,
		cancel:  cancel,
		cat:     cat,
		st:      DefaultStyles(),
		keys:    newKeyMap(cat),
		help:    h,
		loc:     cfg.Location,
		mode:    cfg.Mode,
		width:   defaultWidth,
		hgt:     defaultHeight,
		header:  header{site: cfg.Site, door: cfg.Door, notice: cfg.Notice, hasCamera: cfg.Camera != nil},
		filter:  newFilter(cat),
		wedge:   newWedge(),
		after: func(d time.Duration, fn func() tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return fn() })
		},
		readsAlive: cfg.Reads != nil,
	}
	m.now = cfg.Now().In(m.loc)
	m.day = midnight(m.now)
	return m
}

// vietnam is Asia/Ho_Chi_Minh, or UTC+7 (Vietnam has no summer time) when the
// system has no time zone data.
func vietnam() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}

func midnight(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, t.Location())
}

func (m *model) Init() tea.Cmd {
	cmds := []tea.Cmd{
		m.reload(true, true, true),
		pollCmd(m.cfg.Now, m.cfg.Camera), // the camera's status at once
		m.tick(),
		warningsCmd(m.ctx, m.backend, m.day, m.cfg.Door),
	}
	if m.cfg.Reads != nil {
		cmds = append(cmds, waitRead(m.cfg.Reads))
	}
	return tea.Batch(cmds...)
}

// tick schedules the next clock/camera poll on the next second.
func (m *model) tick() tea.Cmd {
	now := m.cfg.Now()
	d := time.Second - now.Sub(now.Truncate(time.Second))
	return m.after(d, pollCmd(m.cfg.Now, m.cfg.Camera))
}

// request builds a reload of the given parts for the current state.
func (m *model) request(counts, rows, last bool) loadReq {
	m.seq++
	return loadReq{seq: m.seq, counts: counts, rows: rows, last: last,
		door: m.cfg.Door, query: m.filter.query, day: m.day}
}

func (m *model) reload(counts, rows, last bool) tea.Cmd {
	return loadCmd(m.ctx, m.backend, m.request(counts, rows, last))
}

func (m *model) setStatus(s string, isErr bool) { m.status, m.statusErr = s, isErr }

func (m *model) errText(err error) string { return canhcua.ErrorMessage(err) }

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.hgt = msg.Width, msg.Height
		m.help.Width = msg.Width
		return m, nil

	case tickMsg:
		m.now = msg.now.In(m.loc)
		m.header.cam, m.header.camKnown = msg.cam, msg.hasCam
		var cmds []tea.Cmd
		if d := midnight(m.now); !d.Equal(m.day) {
			m.day = d // a new day: everything starts again from the store
			m.bannerSeq = 0
			cmds = append(cmds, m.reload(true, true, true))
		}
		return m, tea.Batch(append(cmds, m.tick())...)

	case snapshotMsg:
		m.applySnapshot(msg)
		return m, nil

	case warningsMsg:
		if msg.err == nil {
			m.warns = warnings{list: msg.list}
			m.header.warnings = len(msg.list)
		}
		day, door := m.day, m.cfg.Door
		return m, m.after(warningsEvery, func() tea.Msg {
			return warningsCmd(m.ctx, m.backend, day, door)()
		})

	case admitDoneMsg:
		if msg.err != nil {
			m.setStatus(fmt.Sprintf(m.cat.HeldFailed, m.errText(msg.err)), true)
			return m, nil
		}
		m.banner = banner{state: bannerScan, scan: msg.scan}
		m.bannerSeq = m.seq
		text := m.cat.HeldRefused
		if msg.scan.Result == canhcua.Accepted {
			text = m.cat.HeldAdmitted
		}
		m.setStatus(fmt.Sprintf(text, m.name(msg.scan)), false)
		m.applySnapshot(msg.snap)
		return m, nil

	case readMsg:
		text := msg.code.Text
		identify := m.cfg.Identify
		cmd := m.record(func() canhcua.Identity { return identify(text) })
		return m, tea.Batch(cmd, waitRead(m.cfg.Reads))

	case readsClosedMsg:
		m.readsAlive = false
		m.setStatus(m.cat.ReadsClosed, true)
		return m, nil

	case scanDoneMsg:
		var cmds []tea.Cmd
		if m.cfg.Bell {
			cmds = append(cmds, bellCmd(m.cfg.Out))
		}
		if msg.err != nil {
			m.banner = banner{state: bannerError, err: m.errText(msg.err), what: msg.what}
			m.bannerSeq = m.seq
			return m, tea.Batch(cmds...)
		}
		m.banner = banner{state: bannerScan, scan: msg.scan}
		m.bannerSeq = m.seq
		if msg.scan.Result == canhcua.Held {
			m.held = append(m.held, msg.scan)
		}
		m.applySnapshot(msg.snap)
		return m, tea.Batch(cmds...)

	case voidTargetMsg:
		return m, m.voidTarget(msg)

	case voidDoneMsg:
		if msg.err != nil {
			m.setStatus(fmt.Sprintf(m.cat.VoidFailed, m.errText(msg.err)), true)
			return m, nil
		}
		m.banner = banner{state: bannerScan, scan: msg.scan}
		m.bannerSeq = m.seq
		m.setStatus(fmt.Sprintf(m.cat.Voided, msg.scan.At.In(m.loc).Format("15:04:05"), m.name(msg.scan)), false)
		m.applySnapshot(msg.snap)
		return m, nil

	case exportDoneMsg:
		if msg.err != nil {
			m.setStatus(fmt.Sprintf(m.cat.ExportFailed, m.errText(msg.err)), true)
		} else {
			m.setStatus(fmt.Sprintf(m.cat.Exported, msg.path), false)
		}
		return m, nil

	case wedgeFlushMsg:
		out, ok := m.wedge.timeout(msg.seq)
		if !ok {
			return m, nil
		}
		return m, m.applyWedge(out)

	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *model) applySnapshot(s snapshotMsg) {
	if s.err != nil {
		m.setStatus(fmt.Sprintf(m.cat.LoadFailed, m.errText(s.err)), true)
	}
	if s.counts != nil && s.seq > m.countsSeq {
		m.counts = counts{c: *s.counts, loaded: true}
		m.countsSeq = s.seq
	}
	if s.rows != nil && s.seq > m.rowsSeq && s.query == m.filter.query {
		m.recent = recent{rows: *s.rows, loaded: true, query: s.query}
		m.rowsSeq = s.seq
	}
	if s.last != nil && s.seq > m.bannerSeq {
		m.bannerSeq = s.seq
		if last := *s.last; last != nil && midnight(last.At.In(m.loc)).Equal(m.day) {
			m.banner = banner{state: bannerScan, scan: *last}
		} else {
			m.banner = banner{state: bannerIdle}
		}
	}
}

// record identifies and records a scan in a Cmd. identify runs in the Cmd.
func (m *model) record(identify func() canhcua.Identity) tea.Cmd {
	at := m.cfg.Now()
	req := m.request(true, true, false)
	return scanCmd(m.ctx, m.backend, identify, m.mode, m.cfg.Door, at, req)
}

// voidTarget asks to confirm voiding the last scan, or says why it cannot.
func (m *model) voidTarget(msg voidTargetMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		m.setStatus(fmt.Sprintf(m.cat.VoidFailed, m.errText(msg.err)), true)
	case msg.scan == nil || !midnight(msg.scan.At.In(m.loc)).Equal(m.day):
		m.setStatus(m.cat.NothingToVoid, true)
	case msg.scan.Result != canhcua.Accepted:
		m.setStatus(fmt.Sprintf(m.cat.CannotVoid, m.cat.result(msg.scan.Result)), true)
	default:
		s := *msg.scan
		m.confirm = &s
		m.setStatus("", false)
	}
	return nil
}

func (m *model) name(s canhcua.Scan) string {
	if s.Name == "" {
		return m.cat.Unnamed
	}
	return sanitize(s.Name, 40)
}

func (m *model) quit() tea.Cmd {
	m.cancel()
	return tea.Quit
}

// key handles a key press. Forms (manual entry, search) get their keys
// directly; on the main screen and in the void confirmation, printable keys
// go through the wedge first.
func (m *model) key(msg tea.KeyMsg) tea.Cmd {
	if msg.Type == tea.KeyCtrlC {
		return m.quit()
	}
	if m.manual != nil {
		sub, done := m.manual.update(msg, m.keys, m.cat)
		if done {
			m.manual = nil
		}
		if sub != nil {
			name, id := sub.name, sub.id
			return m.record(func() canhcua.Identity { return canhcua.Manual(name, id) })
		}
		return nil
	}
	if m.filter.active {
		changed, _ := m.filter.update(msg, m.keys)
		if changed {
			return m.reload(false, true, false)
		}
		return nil
	}

	now := m.cfg.Now()
	switch {
	case msg.Paste:
		rs := msg.Runes
		if i := strings.IndexAny(string(rs), "\r\n"); i >= 0 {
			rs = []rune(string(rs)[:i])
			cmd := m.applyWedge(m.wedge.add(rs, true, now))
			out, scan := m.wedge.enter(now)
			if scan {
				return tea.Batch(cmd, m.scanText(out.scan))
			}
			return tea.Batch(cmd, m.applyWedge(out))
		}
		return m.buffer(rs, true, now)
	case (msg.Type == tea.KeyRunes && !msg.Alt) || msg.Type == tea.KeySpace:
		return m.buffer(msg.Runes, false, now)
	case msg.Type == tea.KeyEnter || msg.Type == tea.KeyTab:
		if m.wedge.pending() {
			out, scan := m.wedge.enter(now)
			if scan {
				return m.scanText(out.scan)
			}
			return m.applyWedge(out)
		}
		return m.command(msg)
	}
	var cmd tea.Cmd
	if m.wedge.pending() {
		cmd = m.applyWedge(m.wedge.flush())
	}
	return tea.Batch(cmd, m.command(msg))
}

// buffer holds printable runes in the wedge and arms its flush timer.
func (m *model) buffer(rs []rune, paste bool, now time.Time) tea.Cmd {
	cmd := m.applyWedge(m.wedge.add(rs, paste, now))
	seq := m.wedge.seq
	return tea.Batch(cmd, m.after(m.wedge.gap, func() tea.Msg { return wedgeFlushMsg{seq: seq} }))
}

// scanText records the text a keyboard-wedge scanner typed.
func (m *model) scanText(text string) tea.Cmd {
	identify := m.cfg.Identify
	return m.record(func() canhcua.Identity { return identify(text) })
}

// applyWedge runs what the wedge let through as commands.
func (m *model) applyWedge(out wedgeOutcome) tea.Cmd {
	if out.ignored > 0 {
		m.setStatus(fmt.Sprintf(m.cat.WedgeIgnored, out.ignored), true)
	}
	var cmds []tea.Cmd
	for _, r := range out.keys {
		k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
		if r == ' ' {
			k = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{r}}
		}
		cmds = append(cmds, m.command(k))
	}
	return tea.Batch(cmds...)
}

// command runs a person's key press on the main screen or in the
// confirmation.
func (m *model) command(msg tea.KeyMsg) tea.Cmd {
	if m.confirm != nil {
		switch {
		case key.Matches(msg, m.keys.Yes):
			s := *m.confirm
			m.confirm = nil
			return voidCmd(m.ctx, m.backend, s.ID, m.cat.VoidReason, m.request(true, true, false))
		case key.Matches(msg, m.keys.No):
			m.confirm = nil
			m.setStatus(m.cat.VoidCanceled, false)
		}
		return nil
	}
	if len(m.held) > 0 {
		switch {
		case key.Matches(msg, m.keys.Admit), key.Matches(msg, m.keys.Refuse):
			s := m.held[0]
			m.held = m.held[1:]
			return admitCmd(m.ctx, m.backend, s.ID, key.Matches(msg, m.keys.Admit), m.request(true, true, false))
		}
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case key.Matches(msg, m.keys.Dir):
		m.mode = m.mode.Next()
		m.setStatus(fmt.Sprintf(m.cat.ModeChanged, m.cat.mode(m.mode)), false)
	case key.Matches(msg, m.keys.Export):
		m.setStatus(m.cat.Exporting, false)
		return exportCmd(m.ctx, m.backend, m.day)
	case key.Matches(msg, m.keys.Manual):
		f := newManualForm(m.cat)
		m.manual = &f
	case key.Matches(msg, m.keys.Void):
		return voidTargetCmd(m.ctx, m.backend, m.cfg.Door)
	case key.Matches(msg, m.keys.Filter):
		m.filter.open()
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(msg, m.keys.Clear) && m.filter.query != "":
		m.filter.query = ""
		return m.reload(false, true, false)
	}
	return nil
}

// View draws the screen: header, counts, banner (or the manual form), the
// recent scans filling what is left, the status line and the help.
func (m *model) View() string {
	w, h := m.width, m.hgt
	if w <= 0 || h <= 0 {
		w, h = defaultWidth, defaultHeight
	}
	c, st := m.cat, m.st
	top := []string{
		m.header.view(w, m.now, m.mode, c, st),
		m.counts.view(w, c, st),
	}
	if pane := m.warns.view(w, m.loc, c, st); pane != "" {
		top = append(top, pane)
	}
	if m.manual != nil {
		top = append(top, m.manual.view(w, c, st))
	} else {
		top = append(top, m.banner.view(w, m.loc, c, st))
	}
	bottom := []string{m.statusLine(w), m.helpView(w)}
	used := 0
	for _, s := range append(top, bottom...) {
		used += lipgloss.Height(s)
	}
	parts := top
	if h-used > 0 {
		table := m.recent.view(w, h-used, m.loc, c, st)
		if n := lipgloss.Height(table); n < h-used {
			table += strings.Repeat("\n", h-used-n) // keep the status and help at the bottom
		}
		parts = append(parts, table)
	}
	parts = append(parts, bottom...)
	out := strings.Join(parts, "\n")
	if lines := strings.Split(out, "\n"); len(lines) > h {
		out = strings.Join(lines[:h], "\n")
	}
	return out
}

func (m *model) statusLine(w int) string {
	c, st := m.cat, m.st
	if m.confirm != nil {
		s := m.confirm
		ask := fmt.Sprintf(c.VoidAsk, s.At.In(m.loc).Format("15:04:05"), m.name(*s), c.dir(s.Direction))
		return st.Confirm.Render(fitLine(ask, w))
	}
	if len(m.held) > 0 && !m.filter.active {
		return heldPrompt(m.held[0], w, m.loc, c, st)
	}
	if m.filter.active {
		return m.filter.view(w, len(m.recent.rows), c, st)
	}
	line := m.filter.view(w, len(m.recent.rows), c, st)
	if m.status != "" {
		style := st.Status
		if m.statusErr {
			style = st.StatusErr
		}
		msg := style.Render(sanitize(m.status, w))
		if line != "" {
			line += "  " + msg
		} else {
			line = msg
		}
	}
	return fitLine(line, w)
}

func (m *model) helpView(w int) string {
	m.help.Width = w
	var km help.KeyMap = m.keys
	switch {
	case m.manual != nil:
		km = bindingsHelp{m.keys.Save, m.keys.Next, m.keys.Cancel}
	case m.filter.active:
		km = bindingsHelp{m.keys.Apply, m.keys.Clear}
	case m.confirm != nil:
		km = bindingsHelp{m.keys.Yes, m.keys.No}
	case len(m.held) > 0:
		km = bindingsHelp{m.keys.Admit, m.keys.Refuse, m.keys.Quit}
	}
	// help cuts the short help with "…" but not when the "…" itself does
	// not fit; cut again to be sure.
	return fitLine(m.help.View(km), w)
}
