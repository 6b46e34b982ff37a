package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// bannerState is what the banner shows.
type bannerState int

const (
	bannerLoading bannerState = iota
	bannerIdle                // no scan yet today
	bannerScan                // the last scan, coloured by its result
	bannerError               // a scan that could not be saved
)

// banner is the large block showing the last scan.
type banner struct {
	state bannerState
	scan  canhcua.Scan
	err   string // why the scan was not saved (bannerError)
	code  string // its code (canhcua.EFULL…): what the operator can do
	what  string // what was being saved when it failed: a name, or the code's text
}

const bannerLines = 3 // lines inside the frame

// errorHints say what to do about a scan that could not be saved, by the
// error's code: scanning again helps only once the cause is gone.
var errorHints = map[string]catalog.Key{
	canhcua.EFULL:     catalog.UIBannerHintFull,
	canhcua.EREADONLY: catalog.UIBannerHintReadOnly,
	canhcua.EIO:       catalog.UIBannerHintIO,
}

func (b banner) view(width int, loc *time.Location, c texts, st Styles) string {
	inner := max(10, width-4) // thick border and padding of 1 on each side
	var style lipgloss.Style
	var lines []string
	switch b.state {
	case bannerLoading:
		style = st.Idle
		lines = []string{c.t(catalog.UILoading)}
	case bannerIdle:
		style = st.Idle
		lines = []string{st.BannerTitle.Render(c.t(catalog.UINoScanToday)), c.t(catalog.UIWaitingHint)}
	case bannerError:
		style = st.Failed
		hint := c.t(catalog.UIBannerErrorHint)
		if k, ok := errorHints[b.code]; ok {
			hint = c.t(k)
		}
		lines = []string{st.BannerTitle.Render(c.t(catalog.UIBannerError)), sanitize(b.err, inner), hint}
		if b.what != "" {
			lines[2] = sanitize(b.what, inner/2) + " — " + hint
		}
	case bannerScan:
		style, lines = b.scanLines(inner, loc, c, st)
	}
	for len(lines) < bannerLines {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = fitLine(l, inner)
	}
	return style.Width(width - 2).Render(strings.Join(lines[:bannerLines], "\n"))
}

func (b banner) scanLines(inner int, loc *time.Location, c texts, st Styles) (lipgloss.Style, []string) {
	s := b.scan
	at := c.t(catalog.UIAt, s.At.In(loc).Format("15:04:05"))
	who := personLine(s, inner, c, st)
	kind := c.kind(s.Kind)
	switch s.Result {
	case canhcua.Accepted:
		title := c.t(catalog.UIBannerAccepted) + " — " + c.dir(s.Direction)
		return st.Accepted, []string{st.BannerTitle.Render(title), who, sanitize(kind, 20) + " · " + at}
	case canhcua.Duplicate:
		title := c.t(catalog.UIBannerDuplicate, c.bannerSeconds(s.Ago))
		return st.Duplicate, []string{st.BannerTitle.Render(title), who, c.t(catalog.UIBannerNotCount) + " · " + at}
	case canhcua.Rejected:
		reason := c.t(catalog.UIReason) + ": " + sanitize(s.ReasonIn(string(c.lang)), inner-len(c.t(catalog.UIReason))-2)
		return st.Rejected, []string{st.BannerTitle.Render(c.t(catalog.UIBannerRejected)), reason, sanitize(kind, 20) + " · " + at}
	case canhcua.Held:
		reason := c.t(catalog.UIReason) + ": " + sanitize(s.ReasonIn(string(c.lang)), inner-len(c.t(catalog.UIReason))-2)
		return st.Duplicate, []string{st.BannerTitle.Render(c.t(catalog.UIBannerHeld)), who, reason}
	case canhcua.Voided:
		third := at
		if s.Reason != "" {
			third = c.t(catalog.UIReason) + ": " + sanitize(s.ReasonIn(string(c.lang)), inner/2) + " · " + at
		}
		return st.Voided, []string{st.BannerTitle.Render(c.t(catalog.UIBannerVoided) + " — " + c.dir(s.Direction)), who, third}
	}
	return st.Idle, []string{sanitize(string(s.Result), inner), who, at}
}

// personLine is a scan's name (sanitised) and masked ID number.
func personLine(s canhcua.Scan, width int, c texts, st Styles) string {
	id := ""
	if s.IDNumber != "" {
		id = "   " + c.t(catalog.UIIDLabel) + " " + sanitize(canhcua.MaskID(s.IDNumber), 20)
	}
	nameW := max(8, width-lipgloss.Width(id))
	name := c.t(catalog.UIUnnamed)
	if s.Name != "" {
		name = sanitize(s.Name, nameW)
	}
	return st.BannerName.Render(name) + id
}
