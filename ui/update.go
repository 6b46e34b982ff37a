package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// Update hands each message to its handler. Handlers only change state;
// what needs I/O comes back as a tea.Cmd (commands.go).
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resized(msg)
	case tickMsg:
		return m, m.ticked(msg)
	case snapshotMsg:
		m.applySnapshot(msg)
		return m, nil
	case warningsMsg:
		return m, m.warningsLoaded(msg)
	case previewMsg:
		return m, m.previewed(msg)
	case admitDoneMsg:
		return m, m.admitDone(msg)
	case readMsg:
		return m, tea.Batch(m.scanText(msg.code.Text), waitRead(m.cfg.Reads))
	case readsClosedMsg:
		m.readsAlive = false
		m.setStatus(m.cat.t(catalog.UIReadsClosed), true)
		return m, nil
	case scanDoneMsg:
		return m, m.scanDone(msg)
	case voidTargetMsg:
		return m, m.voidTarget(msg)
	case voidDoneMsg:
		return m, m.voidDone(msg)
	case exportDoneMsg:
		return m, m.exportDone(msg)
	case wedgeFlushMsg:
		return m, m.wedgeTimeout(msg)
	case snapshotLoadedMsg:
		return m, m.snapshotLoaded(msg)
	case warnDecidedMsg:
		return m, m.warnDecided(msg)
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *model) resized(msg tea.WindowSizeMsg) tea.Cmd {
	m.width, m.hgt = msg.Width, msg.Height
	m.help.Width = msg.Width
	return m.rerender()
}

// ticked shows the new time and camera status, reloads everything when the
// day changed, and arms the next tick.
func (m *model) ticked(msg tickMsg) tea.Cmd {
	m.now = msg.now.In(m.loc)
	m.header.cam, m.header.camKnown = msg.cam, msg.hasCam
	m.header.sync, m.header.syncKnown = msg.sync, msg.hasSync
	if msg.writes == m.writes {
		m.header.storage = msg.storage
	}
	var cmds []tea.Cmd
	if d := midnight(m.now); !d.Equal(m.day) {
		m.day = d // a new day: everything starts again from the store
		m.bannerSeq = 0
		cmds = append(cmds, m.reload(true, true, true))
	}
	return tea.Batch(append(cmds, m.tick())...)
}

// warningsLoaded shows the open warnings and schedules their next reload.
func (m *model) warningsLoaded(msg warningsMsg) tea.Cmd {
	if msg.err == nil {
		m.warns.setList(msg.list)
		m.header.warnings = m.warns.open()
		m.keys.Warnings.SetEnabled(m.warns.count() > 0)
	}
	day, door := m.day, m.cfg.Door
	return m.after(warningsEvery, func() tea.Msg {
		return warningsCmd(m.ctx, m.backend, day, door)()
	})
}

func (m *model) admitDone(msg admitDoneMsg) tea.Cmd {
	m.wrote(msg.err)
	if msg.err != nil {
		m.failed(m.cat.t(catalog.UIHeldFailed), msg.err)
		return nil
	}
	m.showScan(msg.scan)
	text := m.cat.t(catalog.UIHeldRefused)
	if msg.scan.Result == canhcua.Accepted {
		text = m.cat.t(catalog.UIHeldAdmitted)
	}
	m.setStatus(fmt.Sprintf(text, m.name(msg.scan)), false)
	m.applySnapshot(msg.snap)
	return nil
}

// scanDone shows a recorded scan (or why it failed), rings the bell when
// asked to, and queues a held scan for the operator.
func (m *model) scanDone(msg scanDoneMsg) tea.Cmd {
	var cmds []tea.Cmd
	if m.cfg.Bell {
		cmds = append(cmds, bellCmd(m.cfg.Out))
	}
	m.wrote(msg.err)
	if msg.err != nil {
		m.banner = banner{state: bannerError, err: m.errText(msg.err), code: canhcua.ErrorCode(msg.err), what: msg.what}
		m.bannerSeq = m.seq
		return tea.Batch(cmds...)
	}
	m.showScan(msg.scan)
	if msg.scan.Result == canhcua.Held {
		m.held = append(m.held, msg.scan)
	}
	m.applySnapshot(msg.snap)
	return tea.Batch(cmds...)
}

func (m *model) voidDone(msg voidDoneMsg) tea.Cmd {
	m.wrote(msg.err)
	if msg.err != nil {
		m.failed(m.cat.t(catalog.UIVoidFailed), msg.err)
		return nil
	}
	m.showScan(msg.scan)
	m.setStatus(m.cat.t(catalog.UIVoided, msg.scan.At.In(m.loc).Format("15:04:05"), m.name(msg.scan)), false)
	m.applySnapshot(msg.snap)
	return nil
}

func (m *model) exportDone(msg exportDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.failed(m.cat.t(catalog.UIExportFailed), msg.err)
	} else {
		m.setStatus(exportedStatus(m.cat, msg.path, m.width), false)
	}
	return nil
}

// wedgeTimeout flushes the wedge when no key came since the one that armed
// the timer.
func (m *model) wedgeTimeout(msg wedgeFlushMsg) tea.Cmd {
	out, ok := m.wedge.timeout(msg.seq)
	if !ok {
		return nil
	}
	if m.inForm() {
		return m.typeInForm(out)
	}
	return m.applyWedge(out)
}

// showScan puts s in the banner, over whatever the reloads so far showed.
func (m *model) showScan(s canhcua.Scan) {
	m.banner = banner{state: bannerScan, scan: s}
	m.bannerSeq = m.seq
}

// failed sets an error status: format (from the catalog) with err's message.
func (m *model) failed(format string, err error) {
	m.setStatus(fmt.Sprintf(format, m.errText(err)), true)
}

func (m *model) applySnapshot(s snapshotMsg) {
	if s.err != nil {
		m.failed(m.cat.t(catalog.UILoadFailed), s.err)
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

// voidTarget asks to confirm voiding the last scan, or says why it cannot.
func (m *model) voidTarget(msg voidTargetMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		m.failed(m.cat.t(catalog.UIVoidFailed), msg.err)
	case msg.scan == nil || !midnight(msg.scan.At.In(m.loc)).Equal(m.day):
		m.setStatus(m.cat.t(catalog.UINothingToVoid), true)
	case msg.scan.Result != canhcua.Accepted:
		m.setStatus(m.cat.t(catalog.UICannotVoid, m.cat.result(msg.scan.Result)), true)
	default:
		s := *msg.scan
		m.confirm = &s
		m.setStatus("", false)
	}
	return nil
}
