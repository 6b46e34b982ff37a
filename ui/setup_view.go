package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/canhcua/canhcua/internal/catalog"
)

// setupFixedLines are the form's lines besides the intro and the cameras:
// the frame (2), title and a blank line, language, site, door, the demo and
// the file options, direction and its hint, the status line and the help.
const setupFixedLines = 13

// cameraLinesLeft is how many lines the cameras may take.
func (m *setupModel) cameraLinesLeft() int {
	return m.hgt - setupFixedLines - len(m.intro(max(20, m.width-4)))
}

// intro is the line under the title, wrapped to width.
func (m *setupModel) intro(width int) []string {
	return strings.Split(m.st.FormLabel.Width(width).Render(m.cat.t(catalog.UISetupIntro, m.cfg.Path)), "\n")
}

// layout sizes the camera previews to the screen: 4 lines each on 24
// lines, 6 on 40, fewer (at least 2) when many cameras must fit; and draws
// them.
func (m *setupModel) layout() {
	m.previews = nil
	if len(m.cams) == 0 {
		return
	}
	avail := max(2, m.cameraLinesLeft())
	m.rows = max(2, min(8, m.hgt/6, avail/len(m.cams)))
	maxCols := max(4, m.width/4)
	for _, c := range m.cams {
		m.previews = append(m.previews, halfBlocks(c.Frame, maxCols, m.rows, m.profile))
	}
}

// View draws the form in a frame at the top of the screen, the status
// line and the help at its foot.
func (m *setupModel) View() string {
	w, h := m.width, m.hgt
	if w <= 0 || h <= 0 {
		w, h = defaultWidth, defaultHeight
	}
	c, st := m.cat, m.st
	inner := max(20, w-4)
	labels := map[setupField]catalog.Key{fieldLang: catalog.UISetupLang, fieldSite: catalog.UISetupSite,
		fieldDoor: catalog.UISetupDoor, fieldCamera: catalog.UISetupCamera, fieldDir: catalog.UISetupDirection}
	labelW := 0
	for _, k := range labels {
		labelW = max(labelW, ansi.StringWidth(c.t(k)))
	}
	indent := strings.Repeat(" ", labelW+3)
	valueW := max(10, inner-labelW-3)

	lines := append([]string{st.FormTitle.Render(c.t(catalog.UISetupTitle))}, m.intro(inner)...)
	lines = append(lines, "")
	// field adds a question: its label (marked when it has the focus), and
	// its value's lines, the ones after the first indented under it.
	field := func(f setupField, value ...string) {
		mark, label := "  ", st.FormLabel
		if m.focus == f {
			mark, label = "▸ ", st.FormTitle
		}
		lines = append(lines, mark+label.Render(pad(c.t(labels[f]), labelW))+" "+value[0])
		for _, v := range value[1:] {
			lines = append(lines, indent+v)
		}
	}
	field(fieldLang, m.radios([]string{c.t(catalog.UISetupLangVI), c.t(catalog.UISetupLangEN)}, m.lang, fieldLang))
	m.site.Width, m.door.Width = valueW-1, valueW-1
	field(fieldSite, m.site.View())
	field(fieldDoor, m.door.View())
	field(fieldCamera, m.cameraLines(valueW)...)
	modes := make([]string, len(setupModes))
	for i, md := range setupModes {
		modes[i] = c.mode(md)
	}
	hints := []catalog.Key{catalog.UISetupDirInHint, catalog.UISetupDirOutHint, catalog.UISetupDirToggle}
	field(fieldDir, m.radios(modes, m.mode, fieldDir), st.FormLabel.Render(c.t(hints[m.mode])))
	for i := range lines {
		lines[i] = fitLine(lines[i], inner)
	}
	form := st.Form.Width(w - 2).Render(strings.Join(lines, "\n"))
	return stack([]string{form}, []string{m.statusLine(w), m.helpView(w)}, h, func(int) string { return "" })
}

// radios is a row of choices, the chosen one marked.
func (m *setupModel) radios(names []string, chosen int, f setupField) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = m.radio(i == chosen, f) + " " + n
	}
	return strings.Join(parts, "   ")
}

// radio is a choice's mark: "(•)" chosen (highlighted in the question
// with the focus), "( )" not.
func (m *setupModel) radio(chosen bool, f setupField) string {
	if !chosen {
		return "( )"
	}
	if m.focus == f {
		return m.st.FormTitle.Render("(•)")
	}
	return "(•)"
}

// cameraLines are the camera question's lines: each camera found with its
// preview beside its name, resolution and frame rate (a window of them
// around the one chosen when they do not all fit), or why there is none;
// then the demo, and the file or URL field.
func (m *setupModel) cameraLines(width int) []string {
	c, st := m.cat, m.st
	var out []string
	switch {
	case m.probing:
		out = append(out, st.Empty.Render(c.t(catalog.UISetupSearching)))
	case len(m.cams) == 0:
		out = append(out, st.Empty.Render(c.t(catalog.UISetupNoCamera)))
	}
	first, last := m.cameraWindow()
	for i := first; i < last; i++ {
		cam := m.cams[i]
		text := []string{sanitize(cam.Name, width-4), st.FormLabel.Render(m.cameraInfo(cam))}
		block := lipgloss.JoinVertical(lipgloss.Left, text...)
		if p := m.previews[i]; len(p) > 0 {
			block = lipgloss.JoinHorizontal(lipgloss.Top, strings.Join(p, "\n"), "  ", block)
		}
		block = lipgloss.JoinHorizontal(lipgloss.Top, m.radio(m.sel == i, fieldCamera)+" ", block)
		out = append(out, strings.Split(block, "\n")...)
	}
	out = append(out, m.radio(m.sel == m.demoOpt(), fieldCamera)+" "+c.t(catalog.UISetupDemo))
	label := m.radio(m.sel == m.fileOpt(), fieldCamera) + " " + c.t(catalog.UISetupFile) + " "
	m.path.Width = max(8, width-ansi.StringWidth(label)-2)
	return append(out, label+m.path.View())
}

// cameraWindow is the cameras shown: all when they fit, else as many as
// do around the one chosen.
func (m *setupModel) cameraWindow() (first, last int) {
	n := len(m.cams)
	if n == 0 {
		return 0, 0
	}
	fit := max(1, m.cameraLinesLeft()/max(2, m.rows))
	if n <= fit {
		return 0, n
	}
	first = min(max(0, m.sel-fit/2), n-fit)
	return first, first + fit
}

// cameraInfo is "1280×720 · 30 fps", or what of it is known.
func (m *setupModel) cameraInfo(cam SetupCamera) string {
	c := m.cat
	var parts []string
	if cam.Width > 0 && cam.Height > 0 {
		parts = append(parts, c.t(catalog.UISetupCameraSize, cam.Width, cam.Height))
	}
	if cam.FPS > 0 {
		parts = append(parts, c.t(catalog.UISetupCameraFPS, cam.FPS))
	}
	if cam.Frame == nil {
		parts = append(parts, c.t(catalog.UISetupNoPicture))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return c.t(catalog.UISetupCameraInfo, parts[0], strings.Join(parts[1:], " · "))
}

// statusLine says what is wrong, or what the form is waiting for.
func (m *setupModel) statusLine(w int) string {
	c, st := m.cat, m.st
	switch {
	case m.err != "":
		return st.FormError.Render(sanitize(m.err, w))
	case m.checking != "":
		return st.Status.Render(sanitize(c.t(catalog.UISetupChecking, m.checking), w))
	case m.waiting:
		return st.Status.Render(fitLine(c.t(catalog.UISetupSearching), w))
	}
	return ""
}

func (m *setupModel) helpView(w int) string {
	m.help.Width = w
	k := m.keys
	km := bindingsHelp{k.Enter, k.Save, k.Cancel}
	switch m.focus {
	case fieldLang:
		km = bindingsHelp{k.Choose, k.Enter, k.Save, k.Cancel}
	case fieldCamera:
		km = bindingsHelp{k.List, k.Enter, k.Save, k.Cancel}
	case fieldDir:
		km = bindingsHelp{k.Choose, k.Finish, k.Cancel}
	}
	return fitLine(m.help.View(km), w)
}
