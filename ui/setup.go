package ui

import (
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// The setup form: the desk's first start, and `canhcua setup`. It asks the
// language (first: choosing it switches the form's own language at once),
// the site, the door, the camera — the cameras present, each with a small
// preview of one frame, then "no camera (demo)" and a video file or stream
// URL — and the direction mode. Finding the cameras and checking a file
// typed in are I/O, in tea.Cmds; the form writes nothing: what the person
// chose is read with SetupAnswers once the program has ended.

// SetupCamera is a camera the setup form offers: one that opened.
type SetupCamera struct {
	Source string      // what the config's source names it by: "0", "1"…
	Name   string      // shown beside it: "/dev/video0"
	Width  int         // frame size; 0 when not known
	Height int         //
	FPS    float64     // nominal frame rate; 0 when not known
	Frame  image.Image // one frame, for the preview; nil when none came
}

// SetupConfig configures the setup form. Every field is optional.
type SetupConfig struct {
	Path string // the config file, named in the intro
	Lang string // the form's language at first: "vi" (default) or "en"
	// The answers so far (a config file's, or the flags'): the form starts
	// from them. Site and Door "" leave the fields empty; Source "" selects
	// the first camera found, else the demo.
	Site, Door, Source, Direction string
	DoorHint                      string // the door's name when its field is left empty
	// Cameras finds the cameras present. The form runs it once, in a
	// tea.Cmd, with a context cancelled when the form ends; nil finds none.
	Cameras func(ctx context.Context) []SetupCamera
}

// SetupResult is what the person chose. Door is "" when they left it
// empty (the default door); Source is "demo", a camera's Source, or a
// stream URL or an absolute path.
type SetupResult struct {
	Site, Door, Source, Direction, Lang string
}

// SetupAnswers is what an ended setup form holds: ok is false when it was
// cancelled, or is still running, or m is not a setup form.
func SetupAnswers(m tea.Model) (SetupResult, bool) {
	s, ok := m.(*setupModel)
	if !ok || !s.saved {
		return SetupResult{}, false
	}
	return s.result, true
}

// The form's questions, in order.
type setupField int

const (
	fieldLang setupField = iota
	fieldSite
	fieldDoor
	fieldCamera
	fieldDir
	setupFields
)

var (
	setupLangs = []catalog.Lang{catalog.VI, catalog.EN}
	setupModes = []canhcua.Mode{canhcua.ModeIn, canhcua.ModeOut, canhcua.ModeToggle}
)

// setupModel is the setup form's root model.
type setupModel struct {
	cfg     SetupConfig
	ctx     context.Context
	cancel  context.CancelFunc
	cat     texts
	st      Styles
	keys    setupKeyMap
	help    help.Model
	profile termenv.Profile // the colours of the previews
	width   int
	hgt     int

	focus            setupField
	lang             int // in setupLangs
	mode             int // in setupModes
	site, door, path textinput.Model

	cams     []SetupCamera
	probing  bool // the cameras are being looked for
	sel      int  // the camera option chosen: a camera, then the demo, then the file
	touched  bool // the person has moved the camera choice: the cameras found no longer choose it
	rows     int  // preview height, in lines (layout)
	previews [][]string

	err      string
	checking string // the source being checked; "" when none
	waiting  bool   // saved while the cameras were looked for: saves once they are known
	saved    bool
	result   SetupResult
}

// NewSetup returns the setup form.
func NewSetup(cfg SetupConfig) tea.Model {
	ctx, cancel := context.WithCancel(context.Background())
	m := &setupModel{
		cfg: cfg, ctx: ctx, cancel: cancel,
		st: DefaultStyles(), help: help.New(), profile: lipgloss.ColorProfile(),
		width: defaultWidth, hgt: defaultHeight,
		site: newInput("", 80), door: newInput("", 80), path: newInput("", 1000),
		probing: cfg.Cameras != nil,
	}
	for i, l := range setupLangs {
		if string(l) == cfg.Lang {
			m.lang = i
		}
	}
	for i, md := range setupModes {
		if string(md) == cfg.Direction {
			m.mode = i
		}
	}
	m.site.SetValue(cfg.Site)
	m.door.SetValue(cfg.Door)
	m.door.Placeholder = cfg.DoorHint
	m.setLang(m.lang)
	m.chooseWanted()
	m.setFocus(fieldLang)
	return m
}

// setLang switches the form's language.
func (m *setupModel) setLang(i int) {
	m.lang = i
	m.cat = texts{setupLangs[i]}
	m.keys = newSetupKeyMap(m.cat)
	m.site.Placeholder = m.cat.t(catalog.UISetupSiteHint)
	m.path.Placeholder = m.cat.t(catalog.UISetupFileHint)
	m.layout() // the intro's lines may differ
}

// The camera options: the cameras found, then the demo, then a file.
func (m *setupModel) demoOpt() int { return len(m.cams) }
func (m *setupModel) fileOpt() int { return len(m.cams) + 1 }

// chooseWanted chooses the camera option of the source the form started
// from: its camera when found (the first camera for none), the demo, or
// the file field holding it. While the cameras are looked for, a camera
// wanted waits on the demo.
func (m *setupModel) chooseWanted() {
	want := m.cfg.Source
	m.sel = m.demoOpt()
	switch {
	case want == "demo":
	case want == "" || isCameraIndex(want):
		for i, c := range m.cams {
			if c.Source == want || want == "" && i == 0 {
				m.sel = i
				return
			}
		}
		if want != "" && !m.probing { // a camera not there now: kept as typed
			m.path.SetValue(want)
			m.sel = m.fileOpt()
		}
	default:
		m.path.SetValue(want)
		m.sel = m.fileOpt()
	}
}

func isCameraIndex(s string) bool {
	if s == "" || len(s) > 3 {
		return false
	}
	return strings.Trim(s, "0123456789") == ""
}

// setupCamerasMsg carries the cameras found.
type setupCamerasMsg []SetupCamera

// setupCheckedMsg is the check of a source typed in: the source to store,
// or why it cannot be used.
type setupCheckedMsg struct {
	typed, source string
	err           error
}

func (m *setupModel) Init() tea.Cmd {
	if m.cfg.Cameras == nil {
		return nil
	}
	find, ctx := m.cfg.Cameras, m.ctx
	return func() tea.Msg { return setupCamerasMsg(find(ctx)) }
}

func (m *setupModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.hgt = msg.Width, msg.Height
		m.layout()
	case setupCamerasMsg:
		if m.touched && m.sel >= len(m.cams) {
			m.sel += len(msg) - len(m.cams) // the demo or the file, still
		}
		m.cams, m.probing = msg, false
		if !m.touched {
			m.chooseWanted()
		}
		m.setFocus(m.focus)
		m.layout()
		if m.waiting {
			m.waiting = false
			return m, m.save()
		}
	case setupCheckedMsg:
		if msg.typed != m.checking {
			return m, nil // the person has changed it since
		}
		m.checking = ""
		if msg.err != nil {
			m.err = m.cat.t(catalog.UISetupBadFile, msg.typed, msg.err)
			m.setFocus(fieldCamera)
			return m, nil
		}
		return m, m.finish(msg.source)
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *setupModel) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Cancel):
		m.cancel()
		return tea.Quit
	case m.checking != "" || m.waiting:
		return nil // saving
	case key.Matches(msg, k.Save), key.Matches(msg, k.Enter) && m.focus == setupFields-1:
		return m.save()
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Next):
		m.setFocus((m.focus + 1) % setupFields)
	case key.Matches(msg, k.Prev):
		m.setFocus((m.focus + setupFields - 1) % setupFields)
	case key.Matches(msg, k.Up):
		if m.focus == fieldCamera && m.sel > 0 {
			m.choose(m.sel - 1)
		} else if m.focus > 0 {
			m.setFocus(m.focus - 1)
		}
	case key.Matches(msg, k.Down):
		if m.focus == fieldCamera && m.sel < m.fileOpt() {
			m.choose(m.sel + 1)
		} else if m.focus < setupFields-1 {
			m.setFocus(m.focus + 1)
		}
	case m.focus == fieldLang && key.Matches(msg, k.Left, k.Right):
		m.setLang((m.lang + 1) % len(setupLangs))
		m.err = ""
	case m.focus == fieldDir && key.Matches(msg, k.Left):
		m.mode = (m.mode + len(setupModes) - 1) % len(setupModes)
	case m.focus == fieldDir && key.Matches(msg, k.Right):
		m.mode = (m.mode + 1) % len(setupModes)
	default:
		if in := m.input(); in != nil {
			m.err = ""
			m.touched = m.touched || in == &m.path // what is typed there stays chosen
			*in, _ = in.Update(msg)
		}
	}
	return nil
}

// input is the text field keys go to: the site's, the door's, or the
// file's when it is the camera chosen; nil for none.
func (m *setupModel) input() *textinput.Model {
	switch {
	case m.focus == fieldSite:
		return &m.site
	case m.focus == fieldDoor:
		return &m.door
	case m.focus == fieldCamera && m.sel == m.fileOpt():
		return &m.path
	}
	return nil
}

func (m *setupModel) setFocus(f setupField) {
	m.focus = f
	for _, in := range []*textinput.Model{&m.site, &m.door, &m.path} {
		if in == m.input() {
			in.Focus()
		} else {
			in.Blur()
		}
	}
}

func (m *setupModel) choose(opt int) {
	m.sel, m.touched = opt, true
	m.setFocus(m.focus)
}

// save checks the answers and ends the form with them: a file or URL typed
// in is checked first (in a Cmd), and while the cameras are still looked
// for the form waits for them.
func (m *setupModel) save() tea.Cmd {
	if strings.TrimSpace(m.site.Value()) == "" {
		m.err = m.cat.t(catalog.UISetupNeedSite)
		m.setFocus(fieldSite)
		return nil
	}
	if m.probing && !m.touched {
		m.waiting = true
		return nil
	}
	switch {
	case m.sel < len(m.cams):
		return m.finish(m.cams[m.sel].Source)
	case m.sel == m.demoOpt():
		return m.finish("demo")
	}
	typed := strings.TrimSpace(m.path.Value())
	if typed == "" {
		m.err = m.cat.t(catalog.UISetupNeedFile)
		m.setFocus(fieldCamera)
		return nil
	}
	m.checking = typed
	return func() tea.Msg {
		src, err := checkSource(typed)
		return setupCheckedMsg{typed: typed, source: src, err: err}
	}
}

// errNotFile is a source typed in that names a folder without images, or
// something else that is not a file.
var errNotFile = errors.New("not a file")

// checkSource is the source to store for what was typed in the file
// field: a stream URL, an image sequence (frames/%04d.png), a camera index
// or the demo as typed; a path made absolute (~/ is the home folder), which
// must be there.
func checkSource(typed string) (string, error) {
	switch {
	case strings.Contains(typed, "://"), strings.Contains(typed, "%"), isCameraIndex(typed), typed == "demo",
		strings.HasPrefix(typed, "demo:"):
		return typed, nil
	}
	p := typed
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		p = filepath.Join(home, rest)
	}
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	st, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		return "", errNotFile
	}
	return p, nil
}

func (m *setupModel) finish(source string) tea.Cmd {
	m.saved = true
	m.result = SetupResult{
		Site:      strings.TrimSpace(m.site.Value()),
		Door:      strings.TrimSpace(m.door.Value()),
		Source:    source,
		Direction: string(setupModes[m.mode]),
		Lang:      string(setupLangs[m.lang]),
	}
	m.cancel()
	return tea.Quit
}
