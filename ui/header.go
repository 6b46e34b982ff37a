package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// cameraStale is how long without a frame before the camera shows red.
const cameraStale = 3 * time.Second

// header is the top of the screen: site and door, date and clock, the
// direction mode, the camera's status and the notice.
type header struct {
	site, door string
	notice     string
	hasCamera  bool
	cam        CameraStatus
	camKnown   bool
	warnings   int // open warnings, shown on the right of the camera line
}

func (h header) view(width int, now time.Time, mode canhcua.Mode, c *catalog, st Styles) string {
	var place []string
	if h.site != "" {
		place = append(place, st.Header.Render(sanitize(h.site, width/3)))
	}
	if h.door != "" {
		place = append(place, fmt.Sprintf(c.DoorName, sanitize(h.door, width/4)))
	}
	right := st.Mode.Render(c.ModeLabel+": "+c.mode(mode)) + "  " +
		st.Clock.Render(now.Format("02/01/2006 15:04:05"))
	left := strings.Join(append([]string{st.HeaderSite.Render(c.App)}, place...), " · ")
	if lipgloss.Width(left)+1+lipgloss.Width(right) > width && len(place) > 0 {
		left = strings.Join(place, " · ") // narrow: the site and door matter more than the app's name
	}
	lines := []string{spread(left, right, width)}
	if h.warnings > 0 {
		warn := st.Warning.Bold(true).Render(fmt.Sprintf(c.WarnCount, h.warnings))
		lines = append(lines, spread(h.cameraLine(width-lipgloss.Width(warn)-1, now, c, st), warn, width))
	} else {
		lines = append(lines, h.cameraLine(width, now, c, st))
	}
	if h.notice != "" {
		lines = append(lines, st.Notice.Render(sanitize(h.notice, width)))
	}
	return strings.Join(lines, "\n")
}

func (h header) cameraLine(width int, now time.Time, c *catalog, st Styles) string {
	if !h.hasCamera {
		return st.CameraOK.Render(c.CameraNone)
	}
	if !h.camKnown {
		return st.CameraOK.Render(c.Camera + ": …")
	}
	s := h.cam
	parts := []string{c.Camera + ": " + sanitize(s.Source, 24), fmt.Sprintf(c.CameraFPS, s.FPS)}
	bad := false
	switch {
	case s.LastFrame.IsZero():
		parts = append(parts, c.CameraNoFrame)
		bad = true
	default:
		age := now.Sub(s.LastFrame)
		if age < 0 {
			age = 0
		}
		if age > cameraStale {
			parts = append(parts, fmt.Sprintf(c.CameraStalled, c.Seconds(age)))
			bad = true
		} else {
			parts = append(parts, fmt.Sprintf(c.CameraAge, fmt.Sprintf("%.1f s", age.Seconds())))
		}
	}
	if s.Err != "" {
		parts = append(parts, fmt.Sprintf(c.CameraErr, s.Err))
		bad = true
	}
	line := sanitize(strings.Join(parts, " · "), width)
	if bad {
		return st.CameraBad.Render(line)
	}
	return st.CameraOK.Render(line)
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
