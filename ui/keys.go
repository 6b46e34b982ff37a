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
	}
}

// ShortHelp is the one line of help at the bottom of the main screen.
func (k keyMap) ShortHelp() []key.Binding {
	if k.hasPreview {
		return []key.Binding{k.Dir, k.Manual, k.Void, k.Filter, k.Export, k.Preview, k.Help, k.Quit}
	}
	return []key.Binding{k.Dir, k.Manual, k.Void, k.Filter, k.Export, k.Help, k.Quit}
}

// FullHelp is the help shown with `?`.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Dir, k.Manual, k.Void},
		{k.Filter, k.Export},
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
