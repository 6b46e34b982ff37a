package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/canhcua/canhcua/internal/catalog"
)

// keyMap is the desk's one keymap: the commands on the main screen, and the
// keys of the forms (manual entry, search, confirmation).
type keyMap struct {
	Quit   key.Binding
	Dir    key.Binding
	Export key.Binding
	Manual key.Binding
	Void   key.Binding
	Filter key.Binding
	Help   key.Binding
	// Preview turns the camera's picture on and off; shown in the help only
	// when the desk has a picture (hasPreview).
	Preview    key.Binding
	hasPreview bool

	Save   key.Binding // Enter in the manual form
	Next   key.Binding // Tab between the manual form's fields
	Prev   key.Binding
	Cancel key.Binding // Esc
	Yes    key.Binding
	No     key.Binding
	Admit  key.Binding // a held scan: admit as a guest
	Refuse key.Binding // a held scan: refuse
	Apply  key.Binding // Enter in the search: keep the filter, leave the field
	Clear  key.Binding // Esc in the search: drop the filter

	Warnings   key.Binding // the warnings pane takes the keyboard (shown while there are warnings)
	WarnUp     key.Binding // ↑/↓ in the pane
	WarnDown   key.Binding
	WarnMove   key.Binding // only shown
	WarnOpen   key.Binding // Enter: the snapshot view
	Checked    key.Binding // the snapshot view: checked
	FalseAlarm key.Binding // the snapshot view: a false alarm
	Back       key.Binding // Esc: back from the pane or the view
}

func newKeyMap(c texts, hasPreview bool) keyMap {
	return keyMap{
		Preview:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", c.t(catalog.UIHelpPreview))),
		hasPreview: hasPreview,

		Quit:   key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", c.t(catalog.UIHelpQuit))),
		Dir:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", c.t(catalog.UIHelpDir))),
		Export: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", c.t(catalog.UIHelpExport))),
		Manual: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", c.t(catalog.UIHelpManual))),
		Void:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", c.t(catalog.UIHelpVoid))),
		Filter: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", c.t(catalog.UIHelpFilter))),
		Help:   key.NewBinding(key.WithKeys("?"), key.WithHelp("?", c.t(catalog.UIHelpHelp))),

		Save:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.t(catalog.UIHelpSave))),
		Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", c.t(catalog.UIHelpNext))),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.t(catalog.UIHelpCancel))),
		Yes:    key.NewBinding(key.WithKeys("y", "c"), key.WithHelp("y", c.t(catalog.UIHelpYes))),
		No:     key.NewBinding(key.WithKeys("n", "k", "esc"), key.WithHelp("n", c.t(catalog.UIHelpNo))),
		Admit:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", c.t(catalog.UIHelpAdmit))),
		Refuse: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", c.t(catalog.UIHelpRefuse))),
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.t(catalog.UIHelpApply))),
		Clear:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.t(catalog.UIHelpClearFilter))),

		Warnings:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", c.t(catalog.UIHelpWarnings)), key.WithDisabled()),
		WarnUp:     key.NewBinding(key.WithKeys("up")),
		WarnDown:   key.NewBinding(key.WithKeys("down")),
		WarnMove:   key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", c.t(catalog.UIHelpWarnMove))),
		WarnOpen:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.t(catalog.UIHelpWarnOpen))),
		Checked:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", c.t(catalog.UIHelpChecked))),
		FalseAlarm: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", c.t(catalog.UIHelpFalseAlarm))),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.t(catalog.UIHelpBack))),
	}
}

// ShortHelp is the one line of help at the bottom of the main screen.
func (k keyMap) ShortHelp() []key.Binding {
	if k.hasPreview {
		return []key.Binding{k.Dir, k.Manual, k.Void, k.Filter, k.Export, k.Warnings, k.Preview, k.Help, k.Quit}
	}
	return []key.Binding{k.Dir, k.Manual, k.Void, k.Filter, k.Export, k.Warnings, k.Help, k.Quit}
}

// FullHelp is the help shown with `?`.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Dir, k.Manual, k.Void},
		{k.Filter, k.Export, k.Warnings},
		k.previewHelp(k.Help, k.Quit),
	}
}

// previewHelp is bs, after the preview's key when the desk has a picture.
func (k keyMap) previewHelp(bs ...key.Binding) []key.Binding {
	if k.hasPreview {
		return append([]key.Binding{k.Preview}, bs...)
	}
	return bs
}

// bindingsHelp adapts a list of bindings to help.KeyMap, for the forms.
type bindingsHelp []key.Binding

func (b bindingsHelp) ShortHelp() []key.Binding  { return b }
func (b bindingsHelp) FullHelp() [][]key.Binding { return [][]key.Binding{b} }

// districtKeyMap is the district screen's keymap: the table of sites, and a
// site's detail.
type districtKeyMap struct {
	Up     key.Binding
	Down   key.Binding
	Move   key.Binding // only shown: ↑/↓ move in the table
	Scroll key.Binding // only shown: ↑/↓ scroll the detail
	Open   key.Binding
	Back   key.Binding
	Reload key.Binding
	Quit   key.Binding
}

func newDistrictKeyMap(c texts) districtKeyMap {
	return districtKeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k")),
		Down:   key.NewBinding(key.WithKeys("down", "j")),
		Move:   key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", c.t(catalog.UIDistrictHelpMove))),
		Scroll: key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", c.t(catalog.UIDistrictHelpScroll))),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.t(catalog.UIDistrictHelpOpen))),
		Back:   key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", c.t(catalog.UIDistrictHelpBack))),
		Reload: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", c.t(catalog.UIDistrictHelpReload))),
		Quit:   key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", c.t(catalog.UIHelpQuit))),
	}
}

// tableHelp is the help under the table of sites; siteHelp under a site.
func (k districtKeyMap) tableHelp() bindingsHelp {
	return bindingsHelp{k.Move, k.Open, k.Reload, k.Quit}
}

func (k districtKeyMap) siteHelp() bindingsHelp {
	return bindingsHelp{k.Scroll, k.Back, k.Reload, k.Quit}
}

// setupKeyMap is the setup form's keymap (setup.go): Enter goes on to the
// next question and saves on the last, ↑/↓ move between questions (and
// through the camera list), ←/→ choose in the language and direction.
type setupKeyMap struct {
	Next   key.Binding
	Prev   key.Binding
	Up     key.Binding
	Down   key.Binding
	Left   key.Binding
	Right  key.Binding
	Enter  key.Binding
	Finish key.Binding // only shown: Enter on the last question saves
	Save   key.Binding
	Cancel key.Binding
	Choose key.Binding // only shown: ←/→ in the language and direction
	List   key.Binding // only shown: ↑/↓ in the camera list
}

func newSetupKeyMap(c texts) setupKeyMap {
	return setupKeyMap{
		Next:   key.NewBinding(key.WithKeys("tab")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab")),
		Up:     key.NewBinding(key.WithKeys("up")),
		Down:   key.NewBinding(key.WithKeys("down")),
		Left:   key.NewBinding(key.WithKeys("left")),
		Right:  key.NewBinding(key.WithKeys("right")),
		Enter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.t(catalog.UIHelpNext))),
		Finish: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.t(catalog.UIHelpSaveAll))),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", c.t(catalog.UIHelpSaveAll))),
		Cancel: key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", c.t(catalog.UIHelpCancel))),
		Choose: key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", c.t(catalog.UIHelpChoose))),
		List:   key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", c.t(catalog.UIHelpChoose))),
	}
}
