package ui

import (
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// The snapshot view: a warning opened from the warnings pane (Enter), with
// the picture the camera kept of someone who passed without scanning, drawn
// in half blocks (halfblock.go). The operator marks it checked (c) or a false
// alarm (f); Esc goes back to the pane.

// Snapshot files are the camera's JPEGs (camera.SnapshotPath). A file or a
// picture larger than these is not a snapshot the desk made, and is not
// read.
const (
	snapshotMaxBytes  = 16 << 20
	snapshotMaxPixels = 48_000_000
)

// snapshotView is the warning open in the view.
type snapshotView struct {
	w       canhcua.Warning
	loading bool
	img     image.Image
	err     string // why the picture could not be read

	// The picture drawn last, for the size and profile it was drawn for:
	// View runs on every message, the drawing only when one of them changes.
	drawn    []string
	drawnFor [3]int
}

type (
	// snapshotLoadedMsg is the picture of warning id, read and decoded.
	snapshotLoadedMsg struct {
		id  int64
		img image.Image
		err error
	}

	// warnDecidedMsg is the outcome of Backend.DecideWarning.
	warnDecidedMsg struct {
		w   canhcua.Warning
		err error
	}
)

// loadSnapshotCmd reads and decodes the JPEG at path in a Cmd, with Go's
// image/jpeg.
func loadSnapshotCmd(id int64, path string) tea.Cmd {
	return func() tea.Msg {
		img, err := readSnapshot(path)
		return snapshotLoadedMsg{id: id, img: img, err: err}
	}
}

// readSnapshot decodes the JPEG at path, refusing a file or a picture too
// large to be a snapshot.
func readSnapshot(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > snapshotMaxBytes {
		return nil, fmt.Errorf("%s: %d bytes", path, st.Size())
	}
	cfg, err := jpeg.DecodeConfig(f)
	if err != nil {
		return nil, err
	}
	if cfg.Width*cfg.Height > snapshotMaxPixels {
		return nil, canhcua.Errorf(canhcua.EINVALID, catalog.UISnapTooLarge, cfg.Width, cfg.Height)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return jpeg.Decode(f)
}

func decideWarningCmd(base context.Context, b Backend, id int64, d canhcua.WarningDecision) tea.Cmd {
	return call(base, func(ctx context.Context) tea.Msg {
		w, err := b.DecideWarning(ctx, id, d)
		return warnDecidedMsg{w: w, err: err}
	})
}

// openWarning opens the warning under the pane's cursor in the view, and
// reads its picture.
func (m *model) openWarning() tea.Cmd {
	x, ok := m.warns.selected()
	if !ok {
		return nil
	}
	m.snap = &snapshotView{w: x}
	if x.Snapshot == "" {
		return nil
	}
	m.snap.loading = true
	return loadSnapshotCmd(x.ID, x.Snapshot)
}

func (m *model) snapshotLoaded(msg snapshotLoadedMsg) tea.Cmd {
	if m.snap == nil || m.snap.w.ID != msg.id {
		return nil // closed, or another warning opened since
	}
	m.snap.loading = false
	if msg.err != nil {
		m.snap.err = m.cat.t(catalog.UISnapFailed, m.snap.w.Snapshot, m.errText(msg.err))
		return nil
	}
	m.snap.img = msg.img
	return nil
}

func (m *model) warnDecided(msg warnDecidedMsg) tea.Cmd {
	m.wrote(msg.err)
	if msg.err != nil {
		m.failed(m.cat.t(catalog.UIWarnDecideFailed), msg.err)
		return nil
	}
	m.warns.replace(msg.w)
	m.header.warnings = m.warns.open()
	if m.snap != nil && m.snap.w.ID == msg.w.ID {
		m.snap = nil
	}
	m.setStatus(m.cat.t(catalog.UIWarnDecidedAs, decisionText(msg.w, m.loc, m.cat), msg.w.At.In(m.loc).Format("15:04:05")), false)
	return nil
}

// decidable reports whether the operator can decide on w: someone passed
// without scanning. The desk opens and resolves the other kinds itself.
func decidable(w canhcua.Warning) bool { return w.Kind == canhcua.WarnNoScan }

// snapKey handles a person's key in the snapshot view.
func (m *model) snapKey(msg tea.KeyMsg) tea.Cmd {
	w := m.snap.w
	switch {
	case key.Matches(msg, m.keys.Checked) && decidable(w):
		return decideWarningCmd(m.ctx, m.backend, w.ID, canhcua.WarnChecked)
	case key.Matches(msg, m.keys.FalseAlarm) && decidable(w):
		return decideWarningCmd(m.ctx, m.backend, w.ID, canhcua.WarnFalseAlarm)
	case key.Matches(msg, m.keys.Back):
		m.snap = nil
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	}
	return nil
}

// paneKey handles a person's key while the warnings pane has the keyboard.
func (m *model) paneKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.WarnUp):
		m.warns.move(-1)
	case key.Matches(msg, m.keys.WarnDown):
		m.warns.move(1)
	case key.Matches(msg, m.keys.WarnOpen):
		return m.openWarning()
	case key.Matches(msg, m.keys.Back), key.Matches(msg, m.keys.Warnings):
		m.warns.focus = false
	default:
		m.warns.focus = false // any other key is a command of the main screen
		return m.mainKey(msg)
	}
	return nil
}

// focusWarnings gives the warnings pane the keyboard.
func (m *model) focusWarnings() {
	if m.warns.count() == 0 {
		m.setStatus(m.cat.t(catalog.UINoWarnings), false)
		return
	}
	m.warns.focus = true
}

// snapshotScreen is the view: the header, the warning's kind, time and
// door, its message and decision, the picture filling what is left, the
// status line and the help.
func (m *model) snapshotScreen(w, h int) string {
	c, st, v := m.cat, m.st, m.snap
	x := v.w
	title := strings.ToUpper(c.warnKind(x.Kind)) + " — " + x.At.In(m.loc).Format("15:04:05")
	if x.Door != "" {
		title += " · " + sanitize(x.Door, 30)
	}
	top := []string{
		m.header.view(w, m.now, m.mode, c, st),
		st.FormTitle.Render(fitLine(title, w)),
		fitLine(sanitize(warningMessage(x, c), w), w),
	}
	if d := decisionText(x, m.loc, c); d != "" {
		top = append(top, st.Status.Render(fitLine("✓ "+d, w)))
	} else if decidable(x) {
		top = append(top, st.Warning.Render(fitLine(c.t(catalog.UIWarnUndecided), w)))
	}
	bottom := []string{m.statusLine(w), m.helpView(w)}
	return stack(top, bottom, h, func(height int) string { return m.snapshotBody(w, height) })
}

// snapshotBody is the picture centred in w×height cells, or why there is
// none.
func (m *model) snapshotBody(w, height int) string {
	v, c, st := m.snap, m.cat, m.st
	var msg string
	switch {
	case v.loading:
		msg = c.t(catalog.UISnapLoading)
	case v.err != "":
		msg = v.err
	case v.img == nil:
		msg = c.t(catalog.UISnapNone)
	}
	if msg != "" {
		return st.Empty.Render(fitLine(msg, w))
	}
	p := lipgloss.ColorProfile()
	if key := [3]int{w, height, int(p)}; v.drawn == nil || v.drawnFor != key {
		v.drawn, v.drawnFor = halfBlocks(v.img, w, height, p), key
	}
	return centre(v.drawn, w)
}

// centre pads lines on the left to centre them in width cells.
func centre(lines []string, width int) string {
	if len(lines) == 0 {
		return ""
	}
	left := strings.Repeat(" ", max(0, (width-lipgloss.Width(lines[0]))/2))
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = left + l
	}
	return strings.Join(out, "\n")
}
