package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// cameraStale is how long without a frame before the camera shows red.
const cameraStale = 3 * time.Second

// header is the top of the screen: site and door (and DEMO on the demo's
// screen), date and clock, the direction mode, the camera's status and the
// notice.
type header struct {
	site, door string
	notice     string
	demo       bool
	hasCamera  bool
	cam        CameraStatus
	camKnown   bool
	warnings   int   // open warnings, shown on the right of the camera line
	storage    error // scans cannot be saved: the alarm line (alarm.go)
	sync       SyncStatus
	syncKnown  bool // the desk has a district server: a line for the link
}

func (h header) view(width int, now time.Time, mode canhcua.Mode, c texts, st Styles) string {
	var place []string
	if h.site != "" {
		place = append(place, st.Header.Render(sanitize(h.site, width/3)))
	}
	if h.door != "" {
		place = append(place, c.t(catalog.UIDoorName, sanitize(h.door, width/4)))
	}
	right := st.Mode.Render(c.t(catalog.UIModeLabel)+": "+c.mode(mode)) + "  " +
		st.Clock.Render(now.Format("02/01/2006 15:04:05"))
	left := strings.Join(append([]string{st.HeaderSite.Render(c.t(catalog.UIApp))}, place...), " · ")
	if lipgloss.Width(left)+1+lipgloss.Width(right) > width && len(place) > 0 {
		left = strings.Join(place, " · ") // narrow: the site and door matter more than the app's name
	}
	if h.demo {
		left = st.Demo.Render(c.t(catalog.UIDemo)) + " " + left // first: cut last
	}
	lines := []string{spread(left, right, width)}
	if h.warnings > 0 {
		warn := st.Warning.Bold(true).Render(c.t(catalog.UIWarnCount, h.warnings))
		lines = append(lines, spread(h.cameraLine(width-lipgloss.Width(warn)-1, now, c, st), warn, width))
	} else {
		lines = append(lines, h.cameraLine(width, now, c, st))
	}
	if h.syncKnown {
		lines = append(lines, h.syncLine(width, now, c, st))
	}
	if a := h.alarmLine(width, c, st); a != "" {
		lines = append(lines, a)
	}
	if h.notice != "" {
		lines = append(lines, st.Notice.Render(sanitize(h.notice, width)))
	}
	return strings.Join(lines, "\n")
}

func (h header) cameraLine(width int, now time.Time, c texts, st Styles) string {
	if !h.hasCamera {
		return st.CameraOK.Render(c.t(catalog.UICameraNone))
	}
	if !h.camKnown {
		return st.CameraOK.Render(c.t(catalog.UICamera) + ": …")
	}
	s := h.cam
	source := c.t(catalog.UICamera) + ": " + sanitize(s.Source, 24)
	if s.Retrying {
		return st.CameraBad.Render(sanitize(source+" · "+c.t(catalog.UICameraRetrying, s.Err), width))
	}
	parts := []string{source, c.t(catalog.UICameraFPS, s.FPS)}
	bad := false
	switch {
	case s.LastFrame.IsZero():
		parts = append(parts, c.t(catalog.UICameraNoFrame))
		bad = true
	default:
		age := now.Sub(s.LastFrame)
		if age < 0 {
			age = 0
		}
		if age > cameraStale {
			parts = append(parts, c.t(catalog.UICameraStalled, c.seconds(age)))
			bad = true
		} else {
			parts = append(parts, c.t(catalog.UICameraAge, fmt.Sprintf("%.1f s", age.Seconds())))
		}
	}
	if s.Err != "" {
		parts = append(parts, c.t(catalog.UICameraErr, s.Err))
		bad = true
	}
	line := sanitize(strings.Join(parts, " · "), width)
	if bad {
		return st.CameraBad.Render(line)
	}
	return st.CameraOK.Render(line)
}

// syncLine is the link with the district's server: "đồng bộ: 0 chờ · 2 giây
// trước · cả đơn vị: 12 đang ở trong · 40 người", or offline with what waits.
func (h header) syncLine(width int, now time.Time, c texts, st Styles) string {
	s := h.sync
	if !s.Online {
		return st.CameraBad.Render(sanitize(c.t(catalog.UISyncOffline, s.Pending), width))
	}
	age := now.Sub(s.LastOK)
	if age < 0 || s.LastOK.IsZero() {
		age = 0
	}
	line := c.t(catalog.UISyncOnline, s.Pending, c.seconds(age))
	if s.SiteKnown {
		line += " · " + c.t(catalog.UISyncSite, s.Inside, s.People)
	}
	return st.CameraOK.Render(sanitize(line, width))
}

// spread puts left and right on one line of width cells, right-aligned,
// cutting left when they do not fit.
func spread(left, right string, width int) string {
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if rw >= width {
		return ansi.Truncate(right, width, "…")
	}
	if lw+1+rw > width {
		left = ansi.Truncate(left, width-rw-1, "…")
		lw = lipgloss.Width(left)
	}
	return left + strings.Repeat(" ", width-lw-rw) + right
}
