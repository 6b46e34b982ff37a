package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/canhcua/canhcua"
)

// TestWedgeInManualForm: a scanner's burst while the manual-entry form is
// open is a scan, not text in the field; the form stays as the person left
// it, and their typing before and after goes into the field.
func TestWedgeInManualForm(t *testing.T) {
	h := newHarness(t, Config{Mode: canhcua.ModeIn})
	h.press('m')
	h.typeText("Phạm")
	h.wedgeType(cccd("001090001234", "Trần Thị Bích"))
	if h.m.manual == nil {
		t.Fatal("the burst's Enter closed the form")
	}
	if got := h.m.manual.name.Value(); got != "Phạm" {
		t.Fatalf("name field %q: the burst was typed into it", got)
	}
	s := h.b.all()
	if len(s) != 1 || s[0].Name != "Trần Thị Bích" || s[0].Kind != canhcua.KindCCCD {
		t.Fatalf("scans %+v", s)
	}
	h.typeText(" Quốc Dũng")
	h.key(tea.KeyEnter)
	s = h.b.all()
	if h.m.manual != nil || len(s) != 2 || s[1].Name != "Phạm Quốc Dũng" || s[1].Kind != canhcua.KindManual {
		t.Fatalf("after saving the form: %+v", s)
	}
}

// TestWedgeInSearch: a burst while the search field is open is a scan; the
// query is what the person typed.
func TestWedgeInSearch(t *testing.T) {
	h := newHarness(t, Config{Mode: canhcua.ModeIn})
	h.press('/')
	h.typeText("an")
	h.wedgeType(cccd("079185004321", "Lê Văn Tám"))
	if !h.m.filter.active || h.m.filter.query != "an" {
		t.Fatalf("search: active %v, query %q", h.m.filter.active, h.m.filter.query)
	}
	if s := h.b.all(); len(s) != 1 || s[0].Name != "Lê Văn Tám" {
		t.Fatalf("scans %+v", s)
	}
	for _, q := range h.b.searches {
		if len(q) > 2 {
			t.Errorf("the burst reached the search: %q", q)
		}
	}
	h.key(tea.KeyEnter) // keep the filter, leave the field
	if h.m.filter.active || h.m.filter.query != "an" {
		t.Errorf("Enter: active %v, query %q", h.m.filter.active, h.m.filter.query)
	}
}

// TestFastTypingInAFormIsText: two keys faster than the gap, not ended by
// Enter, are a person typing fast in a form (on the main screen they would
// be dropped): they go into the field, and so does a short burst ended by
// Enter, which then saves.
func TestFastTypingInAFormIsText(t *testing.T) {
	h := newHarness(t, Config{})
	h.press('m')
	h.typeRunes("An", 10*time.Millisecond)
	h.clock.Advance(100 * time.Millisecond)
	h.fire()
	if got := h.m.manual.name.Value(); got != "An" {
		t.Fatalf("name %q, want the fast keys typed", got)
	}
	h.typeRunes(" Vy", 5*time.Millisecond) // three keys: too short for a scan
	h.key(tea.KeyEnter)
	if s := h.b.all(); h.m.manual != nil || len(s) != 1 || s[0].Name != "An Vy" {
		t.Fatalf("saved %+v, form %v", s, h.m.manual)
	}
	if h.m.statusErr {
		t.Errorf("status %q", h.m.status)
	}
}
