package ui

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// fakeDistrict is a DistrictBackend that answers from memory, as the
// district's server would: the table as given (already worst first), a
// site's detail by name.
type fakeDistrict struct {
	mu      sync.Mutex
	table   canhcua.District
	details map[string]canhcua.SiteDetail
	err     error    // when set, every call fails with it
	calls   []string // "District 27/11/2025", "Site NAME 27/11/2025"
}

func (f *fakeDistrict) District(ctx context.Context, day time.Time) (canhcua.District, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "District "+day.Format("02/01/2006"))
	if f.err != nil {
		return canhcua.District{}, f.err
	}
	return f.table, nil
}

func (f *fakeDistrict) Site(ctx context.Context, site string, day time.Time) (canhcua.SiteDetail, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "Site "+site+" "+day.Format("02/01/2006"))
	if f.err != nil {
		return canhcua.SiteDetail{}, f.err
	}
	d, ok := f.details[site]
	if !ok {
		return d, canhcua.Errorf(canhcua.ENOTFOUND, catalog.ErrNoSite, site)
	}
	return d, nil
}

func (f *fakeDistrict) callList() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

const tramYTe = "Trạm Y tế xã Tân Phú"

// newFakeDistrict is five sites at t0, worst compliance first, and the
// detail of the Trạm Y tế, whose back door has been silent for 28 minutes.
func newFakeDistrict() *fakeDistrict {
	now := t0
	staff := func(roster string, names ...string) []canhcua.Member {
		var ms []canhcua.Member
		for i, n := range names {
			m := canhcua.Member{Roster: roster, Name: n, Unit: "Khoa Dược", ExpectedBy: -1}
			if i == 1 {
				m.Unit, m.ExpectedBy = "", 9*60
			}
			ms = append(ms, m)
		}
		return ms
	}
	tram := canhcua.SiteStatus{Site: tramYTe, Doors: []canhcua.DoorLink{
		{Door: "Cổng chính", LastHeard: now.Add(-2 * time.Second)},
		{Door: "Cổng sau", LastHeard: now.Add(-28 * time.Minute), Silent: true},
	}, Counts: canhcua.Counts{Entries: 31, Exits: 12, People: 29, Inside: 19, Rejected: 1}, Warnings: 3,
		Groups: []canhcua.GroupShare{{Roster: "Cán bộ", Present: 9, Total: 14}, {Roster: "Họp giao ban", Present: 4, Total: 6}}}
	table := canhcua.District{Day: time.Date(2025, 11, 27, 0, 0, 0, 0, ict), Now: now, Hours: canhcua.DefaultOpeningHours,
		Sites: []canhcua.SiteStatus{
			{Site: "UBND xã Phú Mỹ", Doors: []canhcua.DoorLink{{Door: "Cửa chính", LastHeard: now.Add(-5 * time.Second)}},
				Warnings: 1, Groups: []canhcua.GroupShare{{Roster: "Cán bộ", Present: 0, Total: 12}}},
			tram,
			{Site: "UBND xã Tân Phú", Doors: []canhcua.DoorLink{{Door: "Cổng chính", LastHeard: now.Add(-3 * time.Second)},
				{Door: "Phòng họp", LastHeard: now.Add(-4 * time.Minute)}},
				Counts: canhcua.Counts{Entries: 40, Exits: 38, People: 35}, Warnings: 2,
				Groups: []canhcua.GroupShare{{Roster: "Cán bộ", Present: 27, Total: 30}}},
			{Site: "Trường THCS Tân Phú", Doors: []canhcua.DoorLink{{Door: "Cổng trường", LastHeard: now.Add(-2*time.Hour - 5*time.Minute)}},
				Counts: canhcua.Counts{Entries: 120, Exits: 118, People: 115}},
			{Site: "Công an xã Tân Phú"},
		}}
	detail := canhcua.SiteDetail{Status: tram, Day: table.Day, Now: now,
		Doors: []canhcua.DoorDay{
			{DoorLink: tram.Doors[0], Entries: 25, Exits: 10},
			{DoorLink: tram.Doors[1], Entries: 6, Exits: 2},
		},
		Groups: []canhcua.ExpectedGroup{
			{Roster: canhcua.Roster{Name: "Cán bộ", ExpectedBy: 7*60 + 30}, Present: 9, Total: 14,
				Missing: staff("Cán bộ", "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đặng Quốc Huy")},
			{Roster: canhcua.Roster{Name: "Họp giao ban", ExpectedBy: 14 * 60}, Present: 4, Total: 6,
				Missing: staff("Họp giao ban", "Vũ Thị Giang", "Hoàng Văn Em")},
		},
		Warnings: []canhcua.Warning{
			{At: time.Date(2025, 11, 27, 7, 31, 0, 0, ict), Door: "Cổng chính", Kind: canhcua.WarnNotScanned,
				Message: "Cán bộ: 6/14 scanned", MessageVI: "Cán bộ: 6/14 đã quét"},
			{At: time.Date(2025, 11, 27, 10, 12, 0, 0, ict), Door: "Cổng sau", Kind: canhcua.WarnCamera,
				Message: "camera: no frames for 10 s", MessageVI: "camera: không nhận được hình trong 10 giây",
				Resolved: time.Date(2025, 11, 27, 10, 13, 0, 0, ict)},
			{At: time.Date(2025, 11, 27, 14, 2, 0, 0, ict), Door: "Cổng sau", Kind: canhcua.WarnNoScan,
				Message: "someone passed without scanning", MessageVI: "có người đi qua mà không quét mã"},
		}}
	return &fakeDistrict{table: table, details: map[string]canhcua.SiteDetail{tramYTe: detail}}
}

func newDistrictModel(b DistrictBackend, lang string) *districtModel {
	return NewDistrict(DistrictConfig{Lang: lang, Now: func() time.Time { return t0 }}, b).(*districtModel)
}

// TestDistrictGolden: the table of sites, and a site's detail, in both
// languages at 80x24 and 120x40.
func TestDistrictGolden(t *testing.T) {
	type tc struct {
		lang string
		w, h int
		site bool
		want []string
	}
	var cases []tc
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		cases = append(cases,
			tc{"vi", size[0], size[1], false, []string{"Công an xã", "cập nhật 14:30:00", "⚠ 28 phút"}},
			tc{"en", size[0], size[1], false, []string{"Công an xã", "updated 14:30:00", "⚠ 28 min"}},
			tc{"vi", size[0], size[1], true, []string{"Chưa quét (7)", "Hoàng Văn Em", "có người đi qua"}},
			tc{"en", size[0], size[1], true, []string{"Did not scan (7)", "Hoàng Văn Em", "someone passed"}},
		)
	}
	for _, c := range cases {
		name := "table"
		if c.site {
			name = "site"
		}
		name += "_" + c.lang + "_" + strconv.Itoa(c.w) + "x" + strconv.Itoa(c.h)
		t.Run(name, func(t *testing.T) {
			tm := teatest.NewTestModel(t, newDistrictModel(newFakeDistrict(), c.lang), teatest.WithInitialTermSize(c.w, c.h))
			waitFor := func(want ...string) {
				teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
					for _, w := range want {
						if !bytes.Contains(out, []byte(w)) {
							return false
						}
					}
					return true
				}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			}
			if c.site {
				waitFor("Công an xã")
				tm.Send(tea.KeyMsg{Type: tea.KeyDown})
				tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			}
			waitFor(c.want...)
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			view := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
			teatest.RequireEqualOutput(t, []byte(view))
			checkSize(t, view, c.w, c.h)
		})
	}
}

// districtHarness drives the district screen's Update by hand, running each
// Cmd at once; refresh timers are kept, and fire() runs them.
type districtHarness struct {
	t      *testing.T
	m      *districtModel
	timers []func() tea.Msg
	quit   bool
}

func newDistrictHarness(t *testing.T, b DistrictBackend) *districtHarness {
	h := &districtHarness{t: t, m: newDistrictModel(b, "vi")}
	h.m.after = func(d time.Duration, fn func() tea.Msg) tea.Cmd {
		if d != DefaultDistrictEvery {
			t.Errorf("refresh after %v, want %v", d, DefaultDistrictEvery)
		}
		h.timers = append(h.timers, fn)
		return nil
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.run(h.m.Init())
	return h
}

func (h *districtHarness) send(msg tea.Msg) {
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

func (h *districtHarness) run(cmd tea.Cmd) {
	if runCmd(cmd, h.send) {
		h.quit = true
	}
}

func (h *districtHarness) fire() {
	ts := h.timers
	h.timers = nil
	for _, fn := range ts {
		h.send(fn())
	}
}

func (h *districtHarness) key(k tea.KeyType, r ...rune) { h.send(tea.KeyMsg{Type: k, Runes: r}) }

// TestDistrictNavigation: Enter opens the site under the cursor, Esc comes
// back; the cursor stays on its site when a refresh reorders the table.
func TestDistrictNavigation(t *testing.T) {
	b := newFakeDistrict()
	h := newDistrictHarness(t, b)
	h.key(tea.KeyDown)
	h.key(tea.KeyEnter)
	if h.m.site == nil || h.m.site.name != tramYTe || !h.m.site.loaded {
		t.Fatalf("Enter did not open %s: %+v", tramYTe, h.m.site)
	}
	if got := b.callList(); got[len(got)-1] != "Site "+tramYTe+" 27/11/2025" {
		t.Errorf("calls %q", got)
	}
	if v := h.m.View(); !strings.Contains(v, "Cổng sau") || !strings.Contains(v, "IM LẶNG") || !strings.Contains(v, "Lê Văn Cường — Khoa Dược (hạn 07:30)") ||
		!strings.Contains(v, "Trần Thị Bình (hạn 09:00)") {
		t.Errorf("detail:\n%s", v)
	}
	h.key(tea.KeyEsc)
	if h.m.site != nil {
		t.Fatal("Esc did not go back to the table")
	}

	// The Trạm Y tế becomes the worst: the cursor follows it.
	b.mu.Lock()
	s := b.table.Sites
	b.table.Sites = []canhcua.SiteStatus{s[1], s[0], s[2], s[3], s[4]}
	b.mu.Unlock()
	h.key(tea.KeyRunes, 'r')
	if sel, _ := h.m.table.selected(); sel.Site != tramYTe || h.m.table.cursor != 0 {
		t.Errorf("cursor on %q (row %d), want %s", sel.Site, h.m.table.cursor, tramYTe)
	}
	// The cursor stops at the ends.
	for range 10 {
		h.key(tea.KeyDown)
	}
	if sel, _ := h.m.table.selected(); sel.Site != "Công an xã Tân Phú" {
		t.Errorf("cursor on %q after going down past the end", sel.Site)
	}
	h.key(tea.KeyRunes, 'q')
	if !h.quit {
		t.Error("q did not quit")
	}
}

// TestDistrictRefresh: the screen reads the server again every 10 s (one
// timer at a time, whatever r did meanwhile); an open site is read again
// too; a failure keeps the figures shown and says so, and the next refresh
// clears it.
func TestDistrictRefresh(t *testing.T) {
	b := newFakeDistrict()
	h := newDistrictHarness(t, b)
	if len(h.timers) != 1 || len(b.callList()) != 1 {
		t.Fatalf("after start: %d timers, calls %q", len(h.timers), b.callList())
	}
	h.key(tea.KeyRunes, 'r') // a second timer, the first now stale
	h.fire()
	if got := b.callList(); len(got) != 3 {
		t.Errorf("calls %q: the stale timer refreshed too", got)
	}
	h.key(tea.KeyDown)
	h.key(tea.KeyEnter)
	n := len(b.callList())
	h.fire()
	if got := b.callList()[n:]; len(got) != 2 || got[1] != "Site "+tramYTe+" 27/11/2025" {
		t.Errorf("refresh with a site open read %q", got)
	}

	b.mu.Lock()
	b.err = errors.New(`district: dial tcp 10.0.0.5:5432: connect: connection refused`)
	b.mu.Unlock()
	h.fire()
	v := h.m.View()
	if !strings.Contains(v, "Không đọc được máy chủ: district: dial tcp 10.0.0.5:5432: connect: connection refused") ||
		!strings.Contains(v, "Lê Văn Cường") || len(h.timers) != 1 {
		t.Errorf("after a failure (%d timers):\n%s", len(h.timers), v)
	}
	b.mu.Lock()
	b.err = nil
	b.mu.Unlock()
	h.fire()
	if v := h.m.View(); strings.Contains(v, "Không đọc được") {
		t.Errorf("the failure stays after a refresh that went through:\n%s", v)
	}
}

// TestDistrictScroll: a long detail scrolls, and no further than its end.
func TestDistrictScroll(t *testing.T) {
	b := newFakeDistrict()
	d := b.details[tramYTe]
	for i := range 40 {
		d.Groups[0].Missing = append(d.Groups[0].Missing, canhcua.Member{Roster: "Cán bộ", Name: "Người thứ " + strconv.Itoa(i+1), ExpectedBy: -1})
	}
	b.details[tramYTe] = d
	h := newDistrictHarness(t, b)
	h.key(tea.KeyDown)
	h.key(tea.KeyEnter)
	for range 200 {
		h.key(tea.KeyDown)
	}
	v := h.m.View()
	if !strings.Contains(v, "có người đi qua") || strings.Contains(v, "Cán bộ đã quét:") {
		t.Errorf("scrolled to the end:\n%s", v)
	}
	h.key(tea.KeyUp)
	if h.m.site.top != h.m.siteLines()-h.m.bodyHeight()-1 {
		t.Errorf("one up from the end: top %d of %d lines, body %d", h.m.site.top, h.m.siteLines(), h.m.bodyHeight())
	}
}
