package ui

import "github.com/charmbracelet/lipgloss"

// Styles are every style the screen uses, in one place.
type Styles struct {
	Header     lipgloss.Style // the top bar
	HeaderSite lipgloss.Style
	Clock      lipgloss.Style
	Mode       lipgloss.Style // the direction mode badge
	CameraOK   lipgloss.Style
	CameraBad  lipgloss.Style
	Notice     lipgloss.Style
	Demo       lipgloss.Style // the DEMO mark in the header
	Alarm      lipgloss.Style // scans cannot be saved

	CountLabel lipgloss.Style
	CountValue lipgloss.Style
	Spark      lipgloss.Style
	SparkAxis  lipgloss.Style

	Banner      lipgloss.Style // shared frame of the banner
	Accepted    lipgloss.Style
	Duplicate   lipgloss.Style
	Rejected    lipgloss.Style
	Voided      lipgloss.Style
	Failed      lipgloss.Style
	Idle        lipgloss.Style
	Guide       lipgloss.Style // what the person at the door is told, next to the banner
	BannerTitle lipgloss.Style
	BannerName  lipgloss.Style

	TableHeader lipgloss.Style
	Row         lipgloss.Style
	RowCounted  lipgloss.Style
	RowDup      lipgloss.Style
	RowRejected lipgloss.Style
	RowVoided   lipgloss.Style
	Empty       lipgloss.Style

	Form      lipgloss.Style
	FormTitle lipgloss.Style
	FormLabel lipgloss.Style
	FormError lipgloss.Style

	Status    lipgloss.Style
	StatusErr lipgloss.Style
	Confirm   lipgloss.Style
	Warning   lipgloss.Style // a line of the warnings pane, and the count in the header
	Filter    lipgloss.Style

	Selected lipgloss.Style // the district screen: the row under the cursor
	Section  lipgloss.Style // the district screen: a section's title in a site's detail
}

// DefaultStyles are the desk's colours: green accepted, yellow duplicate, red
// rejected or not saved, grey voided.
func DefaultStyles() Styles {
	var (
		green  = lipgloss.AdaptiveColor{Light: "#0a7d2c", Dark: "#2ecc71"}
		yellow = lipgloss.AdaptiveColor{Light: "#9a6700", Dark: "#f1c40f"}
		red    = lipgloss.AdaptiveColor{Light: "#b00020", Dark: "#ff5555"}
		grey   = lipgloss.AdaptiveColor{Light: "#6e6e6e", Dark: "#8a8a8a"}
		dim    = lipgloss.AdaptiveColor{Light: "#8a8a8a", Dark: "#6c6c6c"}
		blue   = lipgloss.AdaptiveColor{Light: "#1f4e99", Dark: "#5dade2"}
		white  = lipgloss.Color("#ffffff")
		black  = lipgloss.Color("#000000")
	)
	banner := lipgloss.NewStyle().Border(lipgloss.ThickBorder()).Padding(0, 1)
	return Styles{
		Header:     lipgloss.NewStyle().Bold(true),
		HeaderSite: lipgloss.NewStyle().Bold(true).Foreground(blue),
		Clock:      lipgloss.NewStyle().Bold(true),
		Mode:       lipgloss.NewStyle().Bold(true).Foreground(white).Background(blue).Padding(0, 1),
		CameraOK:   lipgloss.NewStyle().Foreground(grey),
		CameraBad:  lipgloss.NewStyle().Bold(true).Foreground(red),
		Notice:     lipgloss.NewStyle().Bold(true).Foreground(yellow),
		Demo:       lipgloss.NewStyle().Bold(true).Foreground(black).Background(yellow).Padding(0, 1),
		Alarm:      lipgloss.NewStyle().Bold(true).Foreground(white).Background(red),

		CountLabel: lipgloss.NewStyle().Foreground(grey),
		CountValue: lipgloss.NewStyle().Bold(true),
		Spark:      lipgloss.NewStyle().Foreground(green),
		SparkAxis:  lipgloss.NewStyle().Foreground(dim),

		Banner:      banner,
		Accepted:    banner.BorderForeground(green).Foreground(green),
		Duplicate:   banner.BorderForeground(yellow).Foreground(yellow),
		Rejected:    banner.BorderForeground(red).Foreground(red),
		Voided:      banner.BorderForeground(grey).Foreground(grey),
		Failed:      banner.BorderForeground(red).Foreground(white).Background(red),
		Idle:        banner.BorderForeground(dim).Foreground(grey),
		Guide:       banner.BorderForeground(yellow).Foreground(black).Background(yellow).Bold(true),
		BannerTitle: lipgloss.NewStyle().Bold(true),
		BannerName:  lipgloss.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#000000", Dark: "#ffffff"}),

		TableHeader: lipgloss.NewStyle().Bold(true).Underline(true),
		Row:         lipgloss.NewStyle(),
		RowCounted:  lipgloss.NewStyle().Foreground(green),
		RowDup:      lipgloss.NewStyle().Foreground(yellow),
		RowRejected: lipgloss.NewStyle().Foreground(red),
		RowVoided:   lipgloss.NewStyle().Foreground(grey).Strikethrough(true),
		Empty:       lipgloss.NewStyle().Foreground(grey).Italic(true),

		Form:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(blue).Padding(0, 1),
		FormTitle: lipgloss.NewStyle().Bold(true).Foreground(blue),
		FormLabel: lipgloss.NewStyle().Foreground(grey),
		FormError: lipgloss.NewStyle().Bold(true).Foreground(red),

		Status:    lipgloss.NewStyle().Foreground(grey),
		StatusErr: lipgloss.NewStyle().Bold(true).Foreground(red),
		Confirm:   lipgloss.NewStyle().Bold(true).Foreground(black).Background(yellow),
		Warning:   lipgloss.NewStyle().Foreground(red),
		Filter:    lipgloss.NewStyle().Foreground(blue),

		Selected: lipgloss.NewStyle().Reverse(true),
		Section:  lipgloss.NewStyle().Bold(true).Foreground(blue),
	}
}
