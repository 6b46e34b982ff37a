package ui

import (
	"context"
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/tz"
)

// The district screen: the district health office's table of its sites (a
// row a site, worst compliance first) and, with Enter, a site's detail (its
// doors, who did not scan, its warnings). It reads the district's server
// through DistrictBackend, in tea.Cmds, and refreshes itself by polling:
// every DistrictConfig.Every, and at once with r.

// DistrictBackend is what the district screen needs from the district's
// server. Every method is called from a tea.Cmd, never from Update, with a
// context bounded by callTimeout. Errors are shown to the user: they must
// hold no password.
type DistrictBackend interface {
	// District is the table of the day of day: every site, worst
	// compliance first.
	District(ctx context.Context, day time.Time) (canhcua.District, error)
	// Site is the detail of the site called site on the day of day.
	Site(ctx context.Context, site string, day time.Time) (canhcua.SiteDetail, error)
}

// DefaultDistrictEvery is how often the district screen reads the server
// again.
const DefaultDistrictEvery = 10 * time.Second

// DistrictConfig configures the district screen.
type DistrictConfig struct {
	Lang string // "vi" (default) or "en"
	// Day is the day shown; zero for today, which follows the clock.
	Day      time.Time
	Every    time.Duration    // how often to refresh (default DefaultDistrictEvery)
	Now      func() time.Time // the clock (default time.Now): what "today" is
	Location *time.Location   // default Asia/Ho_Chi_Minh
}

// districtModel is the district screen's root model.
type districtModel struct {
	cfg     DistrictConfig
	backend DistrictBackend
	ctx     context.Context
	cancel  context.CancelFunc

	cat   texts
	st    Styles
	keys  districtKeyMap
	help  help.Model
	loc   *time.Location
	width int
	hgt   int

	table siteTable
	site  *siteView // the open site, nil on the table

	err     string // the last refresh's failure, "" when it went through
	seq     int    // the last load issued
	tableAt int    // the load whose table is shown
	timer   int    // the refresh timer armed last: an older one is stale

	// after schedules fn after d; tests replace it to drive time themselves.
	after func(d time.Duration, fn func() tea.Msg) tea.Cmd
}

// NewDistrict returns the district screen. backend must not be nil.
func NewDistrict(cfg DistrictConfig, backend DistrictBackend) tea.Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = tz.Vietnam()
	}
	if cfg.Every <= 0 {
		cfg.Every = DefaultDistrictEvery
	}
	cat := newTexts(cfg.Lang)
	ctx, cancel := context.WithCancel(context.Background())
	return &districtModel{
		cfg: cfg, backend: backend, ctx: ctx, cancel: cancel,
		cat: cat, st: DefaultStyles(), keys: newDistrictKeyMap(cat), help: help.New(), loc: cfg.Location,
		width: defaultWidth, hgt: defaultHeight,
		after: func(d time.Duration, fn func() tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return fn() })
		},
	}
}

// Messages of the district screen.
type (
	// districtMsg is the table (Backend.District) and, when a site was
	// open, its detail, read by load number seq.
	districtMsg struct {
		seq    int
		table  canhcua.District
		err    error
		site   string // the site whose detail was read, "" for none
		detail canhcua.SiteDetail
		dErr   error
	}
	// districtTickMsg is the refresh timer numbered timer.
	districtTickMsg struct{ timer int }
)

func (m *districtModel) Init() tea.Cmd { return m.load() }

// day is the day shown: the configured one, or today.
func (m *districtModel) day() time.Time {
	if !m.cfg.Day.IsZero() {
		return m.cfg.Day
	}
	return midnight(m.cfg.Now().In(m.loc))
}

// load reads the table, and the open site's detail, in a Cmd.
func (m *districtModel) load() tea.Cmd {
	m.seq++
	seq, day, b := m.seq, m.day(), m.backend
	site := ""
	if m.site != nil {
		site = m.site.name
	}
	return call(m.ctx, func(ctx context.Context) tea.Msg {
		msg := districtMsg{seq: seq, site: site}
		msg.table, msg.err = b.District(ctx, day)
		if site != "" {
			msg.detail, msg.dErr = b.Site(ctx, site, day)
		}
		return msg
	})
}

// loadSite reads the detail of the site called name (the table too, so the
// two agree).
func (m *districtModel) loadSite(name string) tea.Cmd {
	m.site = &siteView{name: name}
	return m.load()
}

func (m *districtModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.hgt = msg.Width, msg.Height
		m.help.Width = msg.Width
	case districtMsg:
		return m, m.loaded(msg)
	case districtTickMsg:
		if msg.timer == m.timer {
			return m, m.load()
		}
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// loaded shows what a load read (a failure keeps what was shown, and says
// so) and arms the next refresh.
func (m *districtModel) loaded(msg districtMsg) tea.Cmd {
	if msg.seq < m.tableAt {
		return nil // an older load, overtaken
	}
	m.tableAt = msg.seq
	m.err = ""
	if msg.err != nil {
		m.err = m.errText(msg.err)
	} else {
		m.table.set(msg.table)
	}
	if m.site != nil && msg.site == m.site.name {
		if msg.dErr != nil {
			m.err = m.errText(msg.dErr)
		} else {
			m.site.set(msg.detail)
		}
	}
	m.timer++
	timer := m.timer
	return m.after(m.cfg.Every, func() tea.Msg { return districtTickMsg{timer: timer} })
}

// districtChrome is how many lines the header (two), the status line and the
// help take.
const districtChrome = 4

// bodyHeight is how many lines the table or the site's detail have.
func (m *districtModel) bodyHeight() int { return max(0, m.hgt-districtChrome) }

// siteLines is how many lines the open site's detail has.
func (m *districtModel) siteLines() int { return len(m.site.lines(m.width, m.loc, m.cat, m.st)) }

// errText is what the screen says of a failure to read the server: an
// application error's message in the screen's language, else the failure
// itself (the connection refused, the server gone), any URL in it redacted.
func (m *districtModel) errText(err error) string {
	var e *canhcua.Error
	if errors.As(err, &e) {
		return e.In(m.cat.lang)
	}
	return canhcua.Redact(err.Error())
}

func (m *districtModel) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		m.cancel()
		return tea.Quit
	case key.Matches(msg, k.Reload):
		return m.load()
	}
	if m.site != nil {
		switch {
		case key.Matches(msg, k.Back):
			m.site = nil
		case key.Matches(msg, k.Up):
			m.site.scroll(-1, m.siteLines(), m.bodyHeight())
		case key.Matches(msg, k.Down):
			m.site.scroll(1, m.siteLines(), m.bodyHeight())
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		m.table.move(-1)
	case key.Matches(msg, k.Down):
		m.table.move(1)
	case key.Matches(msg, k.Open):
		if s, ok := m.table.selected(); ok {
			return m.loadSite(s.Site)
		}
	}
	return nil
}
