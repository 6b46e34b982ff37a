package ui

import "github.com/canhcua/canhcua"

// sanitize makes text that came from a code (or the store) safe to draw and
// bounds it to maxWidth terminal cells (no bound when maxWidth <= 0). Every
// piece of outside text on the screen goes through it.
func sanitize(s string, maxWidth int) string {
	return canhcua.Sanitize(s, maxWidth)
}
