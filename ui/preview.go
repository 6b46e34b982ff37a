package ui

import (
	"image"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Guidance is what the screen tells the person at the door about a code the
// camera sees but cannot read.
type Guidance int

// Guidance values.
const (
	GuideNone   Guidance = iota
	GuideCloser          // the code is too small: bring it closer
	GuideSteady          // the code is blurred: hold still
	GuideGlare           // a reflection covers the code: tilt the card
)

// Outline is a code's outline in a frame's pixels, corners in order.
type Outline [4]image.Point

// PreviewFrame is what the camera shows, polled by the screen a few times a
// second (Config.Preview).
type PreviewFrame struct {
	// Image is the newest frame, scaled down; nil before the first.
	Image image.Image
	// Size is the frame's own size: the coordinates of Codes and Seen.
	Size image.Point
	// Codes are the outlines of the codes read lately (drawn green); Seen
	// those of the code-like patterns seen but not readable (yellow).
	Codes, Seen []Outline
	// Guide is what to tell the person at the door.
	Guide Guidance
}

// Graphics is how the terminal can show a picture. Only a terminal known to
// support a protocol is ever sent its escapes (cmd/canhcua detects it).
type Graphics int

// Graphics values.
const (
	GraphicsCells Graphics = iota // Unicode half blocks: any terminal
	GraphicsKitty                 // the kitty graphics protocol (Unicode placeholders)
	GraphicsSixel                 // sixel
)

// previewEvery is how often the screen polls the picture: 5 times a second.
// Measured with `canhcua bench live --preview` (README).
const previewEvery = 200 * time.Millisecond

// The preview is on by default when the terminal has at least this room (the
// pane takes two fifths of the width).
const (
	roomyWidth  = 120
	roomyHeight = 36
)

// Pane sizes, in cells.
const (
	paneMinCols = 24
	paneMaxCols = 64
)

// previewChoice is the operator's choice with `v`.
type previewChoice int

const (
	previewAuto previewChoice = iota // on when the terminal has room
	previewOn
	previewOff
)

// preview is the camera picture pane and the guidance it brings.
type preview struct {
	choice     previewChoice
	lines      []string // the picture, rendered for cols x rows
	cols, rows int
	has        bool        // a frame has come
	size       image.Point // the frame's size (its aspect sets the pane's height)
	guide      Guidance
}

// previewMsg is a poll of Config.Preview, the picture rendered in the Cmd.
type previewMsg struct {
	chain      bool // the poll every previewEvery, not a one-off render
	lines      []string
	cols, rows int
	has        bool
	size       image.Point
	guide      Guidance
}

// pictureReq says how a poll renders the picture; built in Update.
type pictureReq struct {
	cols, rows int // 0: the pane is hidden, render nothing
	profile    termenv.Profile
	graphics   Graphics
	cell       image.Point // a cell's size in pixels (sixel)
}

// previewCmd polls the camera's picture and renders it for req; chain says
// whether it is the regular poll (which schedules the next).
func previewCmd(poll func() PreviewFrame, req pictureReq, chain bool) tea.Cmd {
	return func() tea.Msg {
		f := poll()
		msg := previewMsg{chain: chain, has: f.Image != nil, size: f.Size, guide: f.Guide, cols: req.cols, rows: req.rows}
		if msg.has && req.cols > 0 && req.rows > 0 {
			msg.lines = renderPicture(f, req)
		}
		return msg
	}
}

// previewShown says whether the pane is on the screen at w x h.
func (m *model) previewShown(w, h int) bool {
	if m.cfg.Preview == nil {
		return false
	}
	switch m.preview.choice {
	case previewOn:
		return true
	case previewOff:
		return false
	}
	return w >= roomyWidth && h >= roomyHeight
}

// paneCols is the pane's width on a screen w cells wide.
func paneCols(w int) int { return min(paneMaxCols, max(paneMinCols, w*2/5)) }

// pictureRows is the height in cells of a picture cols wide of a frame of
// size (16:9 when not known yet), at most most: a cell is two half-block
// pixels high.
func pictureRows(cols int, size image.Point, most int) int {
	if size.X <= 0 || size.Y <= 0 {
		size = image.Pt(16, 9)
	}
	rows := (cols*size.Y + size.X) / (2 * size.X)
	return max(1, min(rows, most))
}

// pictureRequest is how the next poll renders, for the screen as it is.
func (m *model) pictureRequest() pictureReq {
	req := pictureReq{profile: m.profile, graphics: m.cfg.Graphics, cell: m.cfg.CellPixels}
	w, h := m.size()
	if m.previewShown(w, h) {
		req.cols = paneCols(w)
		req.rows = pictureRows(req.cols, m.preview.size, max(1, h-m.fixedLines(w)-1))
	}
	return req
}

// pollPreview schedules the next poll of the picture.
func (m *model) pollPreview() tea.Cmd {
	if m.cfg.Preview == nil {
		return nil
	}
	req := m.pictureRequest()
	return m.after(previewEvery, previewCmd(m.cfg.Preview, req, true))
}

// previewed keeps a polled picture and, after the regular poll, schedules
// the next.
func (m *model) previewed(msg previewMsg) tea.Cmd {
	m.preview.has, m.preview.size, m.preview.guide = msg.has, msg.size, msg.guide
	m.preview.lines, m.preview.cols, m.preview.rows = msg.lines, msg.cols, msg.rows
	if !msg.chain {
		return nil
	}
	return m.pollPreview()
}

// rerender renders the picture at once for the screen as it now is (its size
// changed, or the pane was turned on), rather than at the next poll.
func (m *model) rerender() tea.Cmd {
	if m.cfg.Preview == nil {
		return nil
	}
	return previewCmd(m.cfg.Preview, m.pictureRequest(), false)
}

// togglePreview is `v`: the pane on or off, whatever the terminal's size.
func (m *model) togglePreview() tea.Cmd {
	if m.cfg.Preview == nil {
		return nil
	}
	w, h := m.size()
	if m.previewShown(w, h) {
		m.preview.choice = previewOff
		return nil
	}
	m.preview.choice = previewOn
	return m.rerender()
}

// view is the pane, width cells wide and height lines high: the picture and
// its legend.
func (p preview) view(width, height int, c texts, st Styles, profile termenv.Profile) []string {
	var lines []string
	switch {
	case !p.has:
		lines = append(lines, st.Empty.Render(fitLine(c.t(catalog.UIPreviewNone), width)))
	case p.cols == width && len(p.lines) > 0:
		lines = append(lines, p.lines...)
	}
	if len(lines) > height-1 {
		lines = lines[:max(0, height-1)]
	}
	if height > len(lines) {
		legend := catalog.UIPreviewLegend
		if greyProfile(profile) {
			legend = catalog.UIPreviewLegendGrey
		}
		lines = append(lines, st.Status.Render(fitLine(c.t(legend), width)))
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return lines
}

// greyProfile says whether pictures are drawn in shades of grey (no
// 256-colour support).
func greyProfile(p termenv.Profile) bool { return p == termenv.ANSI || p == termenv.Ascii }

// guideKeys name each guidance and why it is given.
var guideKeys = map[Guidance][2]catalog.Key{
	GuideCloser: {catalog.UIGuideCloser, catalog.UIGuideCloserWhy},
	GuideSteady: {catalog.UIGuideSteady, catalog.UIGuideSteadyWhy},
	GuideGlare:  {catalog.UIGuideGlare, catalog.UIGuideGlareWhy},
}

// guideCols is the width of the guidance box next to a banner row width
// cells wide.
func guideCols(width int) int { return min(34, max(22, width*2/5)) }

// guideView is the guidance for the person at the door, as large as a
// terminal allows: the banner's height, in capitals and bold, in a thick
// yellow frame; "" for none.
func guideView(g Guidance, width int, c texts, st Styles) string {
	keys, ok := guideKeys[g]
	if !ok {
		return ""
	}
	inner := max(4, width-4)
	var lines []string
	for _, l := range wrap(strings.ToUpper(c.t(keys[0])), inner) {
		if len(lines) < bannerLines-1 {
			lines = append(lines, st.BannerTitle.Render(fitLine(l, inner)))
		}
	}
	for _, l := range wrap(c.t(keys[1]), inner) {
		if len(lines) < bannerLines {
			lines = append(lines, fitLine(l, inner))
		}
	}
	for len(lines) < bannerLines {
		lines = append(lines, "")
	}
	return st.Guide.Width(width - 2).Render(strings.Join(lines, "\n"))
}

// wrap breaks s into lines of at most width cells, at spaces.
func wrap(s string, width int) []string {
	var lines []string
	for _, l := range strings.Split(lipgloss.NewStyle().Width(width).Render(s), "\n") {
		if l = strings.TrimRight(l, " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// size is the screen's size (the default before the terminal tells).
func (m *model) size() (w, h int) {
	if m.width <= 0 || m.hgt <= 0 {
		return defaultWidth, defaultHeight
	}
	return m.width, m.hgt
}

// RenderPreview draws f as the preview pane of a screen width cells wide
// and height lines high would show it in half blocks, in profile p: what the
// screen does on each poll, for measuring its cost (canhcua bench live
// --preview).
func RenderPreview(f PreviewFrame, width, height int, p termenv.Profile) []string {
	cols := paneCols(width)
	return renderPicture(f, pictureReq{cols: cols, rows: pictureRows(cols, f.Size, height), profile: p})
}
