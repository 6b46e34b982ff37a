// Package ui is the desk screen: a Bubble Tea program for whoever watches the
// door. It shows the live counts and the last scan, records the codes the
// camera reads (and those typed by a keyboard-wedge scanner), and offers
// manual entry, void, search and export. It also holds the district
// screen (district.go): the district health office's table of its sites.
//
// The model follows soft-serve and gh-dash: components (header, counts,
// banner, recent, manual, filter), one keymap (keys.go), one styles file
// (styles.go), every text from the string catalog (internal/catalog, through
// i18n.go), and all I/O in tea.Cmds (commands.go); Update only changes state. Update hands each message to its
// handler (update.go), key presses go through input.go, and View is in
// view.go.
package ui

import (
	"context"
	"os"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/tz"
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

	cat   texts
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
	snap    *snapshotView // the warning open in the snapshot view, nil when closed
	wedge   wedge
	preview preview
	profile termenv.Profile // the terminal's colours, for the picture

	status    string
	statusErr bool

	seq        int // last reload issued
	countsSeq  int // reload whose counts are shown
	rowsSeq    int // reload whose rows are shown
	bannerSeq  int // reload or scan whose outcome the banner shows
	readsAlive bool
	writes     int // write outcomes seen (wrote): a storage poll issued before the last is stale

	// after schedules fn after d; tests replace it to drive time themselves.
	after func(d time.Duration, fn func() tea.Msg) tea.Cmd
}

// New returns the desk screen's root model. backend must not be nil.
func New(cfg Config, backend Backend) tea.Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = tz.Vietnam()
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
	cat := newTexts(cfg.Lang)
	ctx, cancel := context.WithCancel(context.Background())
	h := help.New()
	m := &model{
		cfg:     cfg,
		backend: backend,
		ctx:     ctx,
		cancel:  cancel,
		cat:     cat,
		st:      DefaultStyles(),
		keys:    newKeyMap(cat, cfg.Preview != nil),
		profile: lipgloss.ColorProfile(),
		help:    h,
		loc:     cfg.Location,
		mode:    cfg.Mode,
		width:   defaultWidth,
		hgt:     defaultHeight,
		header:  header{site: cfg.Site, door: cfg.Door, notice: cfg.Notice, demo: cfg.Demo, hasCamera: cfg.Camera != nil},
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

func midnight(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, t.Location())
}

func (m *model) Init() tea.Cmd {
	cmds := []tea.Cmd{
		m.reload(true, true, true),
		pollCmd(m.cfg.Now, m.cfg.Camera, m.cfg.Sync, m.backend, m.writes), // the camera's and storage's status at once
		m.tick(),
		warningsCmd(m.ctx, m.backend, m.day, m.cfg.Door),
	}
	if m.cfg.Reads != nil {
		cmds = append(cmds, waitRead(m.cfg.Reads))
	}
	if m.cfg.Preview != nil {
		cmds = append(cmds, previewCmd(m.cfg.Preview, m.pictureRequest(), true))
	}
	return tea.Batch(cmds...)
}

// tick schedules the next clock/camera poll on the next second.
func (m *model) tick() tea.Cmd {
	now := m.cfg.Now()
	d := time.Second - now.Sub(now.Truncate(time.Second))
	return m.after(d, pollCmd(m.cfg.Now, m.cfg.Camera, m.cfg.Sync, m.backend, m.writes))
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

// errText is err's message in the screen's language.
func (m *model) errText(err error) string { return canhcua.ErrorMessageIn(err, m.cat.lang) }

// wrote shows a write's outcome in the storage alarm: a storage failure
// raises it, a write that went through clears it, other errors leave it.
func (m *model) wrote(err error) {
	m.writes++
	switch {
	case err == nil:
		m.header.storage = nil
	case canhcua.IsStorage(err):
		m.header.storage = err
	}
}

// record identifies and records a scan in a Cmd. identify runs in the Cmd.
func (m *model) record(identify func() canhcua.Identity) tea.Cmd {
	at := m.cfg.Now()
	req := m.request(true, true, false)
	return scanCmd(m.ctx, m.backend, identify, m.mode, m.cfg.Door, at, req)
}

func (m *model) name(s canhcua.Scan) string {
	if s.Name == "" {
		return m.cat.t(catalog.UIUnnamed)
	}
	return sanitize(s.Name, 40)
}

func (m *model) quit() tea.Cmd {
	m.cancel()
	return tea.Quit
}
