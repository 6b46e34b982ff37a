package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/canhcua/canhcua"
)

func TestWedgeBurstIsAScanNotCommands(t *testing.T) {
	h := newHarness(t, Config{Mode: canhcua.ModeIn, Bell: true})
	// A code full of command letters: q quits, d cycles, u voids, m opens
	// the form, / searches, e exports.
	h.wedgeType("qdum/e9xK2pL7vB3nR8tYwqdum")
	if h.quit {
		t.Fatal("the burst quit the program")
	}
	if h.m.mode != canhcua.ModeIn {
		t.Fatalf("mode changed to %s by the burst", h.m.mode)
	}
	if h.m.manual != nil || h.m.filter.active || h.m.confirm != nil || h.m.help.ShowAll {
		t.Fatal("the burst ran commands")
	}
	scans := h.b.all()
	if len(scans) != 1 {
		t.Fatalf("got %d scans, want 1", len(scans))
	}
	if s := scans[0]; s.Result != canhcua.Accepted {
		t.Fatalf("scan = %+v", s)
	}
	if h.m.banner.state != bannerScan || h.m.banner.scan.Result != canhcua.Accepted {
		t.Fatalf("banner = %+v", h.m.banner)
	}
	if !h.m.counts.loaded || h.m.counts.c.Entries != 1 || h.m.counts.c.Inside != 1 {
		t.Fatalf("counts not refreshed: %+v", h.m.counts)
	}
	if len(h.m.recent.rows) != 1 {
		t.Fatalf("recent not refreshed: %d rows", len(h.m.recent.rows))
	}
	if got := h.bell.String(); got != "\a" {
		t.Fatalf("bell wrote %q, want one BEL", got)
	}
}

func TestWedgeTokenWithSpacesAndMultiRuneMessages(t *testing.T) {
	h := newHarness(t, Config{})
	// Terminals deliver a fast burst as one KeyMsg with many runes, spaces apart.
	h.key(tea.KeyRunes, []rune("001090001234||Nguyễn")...)
	h.key(tea.KeySpace, ' ')
	h.key(tea.KeyRunes, []rune("Văn")...)
	h.key(tea.KeySpace, ' ')
	h.key(tea.KeyRunes, []rune("Quyết|01021990|Nam|Thôn")...)
	h.key(tea.KeySpace, ' ')
	h.key(tea.KeyRunes, []rune("3|01012022")...)
	h.clock.Advance(3 * time.Millisecond)
	h.key(tea.KeyEnter)
	if h.quit || h.m.mode != canhcua.ModeIn {
		t.Fatal("keys of the burst ran as commands")
	}
	s := h.b.all()
	if len(s) != 1 || s[0].Name != "Nguyễn Văn Quyết" || s[0].IDNumber != "001090001234" || s[0].Result != canhcua.Accepted {
		t.Fatalf("scans = %+v", s)
	}
}

func TestSingleKeysAreCommands(t *testing.T) {
	h := newHarness(t, Config{Mode: canhcua.ModeIn})
	h.key(tea.KeyRunes, 'd')
	if h.m.mode != canhcua.ModeIn {
		t.Fatal("a key ran before the wedge gap passed")
	}
	h.clock.Advance(60 * time.Millisecond)
	h.fire()
	if h.m.mode != canhcua.ModeOut {
		t.Fatalf("mode = %s after d, want out", h.m.mode)
	}
	h.press('q')
	if !h.quit {
		t.Fatal("q did not quit")
	}
	if n := len(h.b.all()); n != 0 {
		t.Fatalf("%d scans recorded from key presses", n)
	}
}

func TestSlowKeysThenNextKeyFlushes(t *testing.T) {
	// A key 60 ms after the previous one: the previous is a command, even
	// before its timer fires.
	h := newHarness(t, Config{Mode: canhcua.ModeIn})
	h.key(tea.KeyRunes, 'd')
	h.clock.Advance(60 * time.Millisecond)
	h.key(tea.KeyRunes, 'd')
	if h.m.mode != canhcua.ModeOut {
		t.Fatalf("mode = %s, want out after the first d", h.m.mode)
	}
	h.clock.Advance(60 * time.Millisecond)
	h.fire()
	if h.m.mode != canhcua.ModeToggle {
		t.Fatalf("mode = %s, want toggle after the second d", h.m.mode)
	}
}

func TestFastKeysWithoutEnterAreIgnored(t *testing.T) {
	h := newHarness(t, Config{Mode: canhcua.ModeIn})
	for _, r := range "qqdd" { // a held key repeats every ~30 ms
		h.key(tea.KeyRunes, r)
		h.clock.Advance(30 * time.Millisecond)
	}
	h.clock.Advance(100 * time.Millisecond)
	h.fire()
	if h.quit || h.m.mode != canhcua.ModeIn {
		t.Fatal("a fast burst without Enter ran as commands")
	}
	if len(h.b.all()) != 0 {
		t.Fatal("a burst without Enter was recorded")
	}
	if !strings.Contains(h.m.status, "4") {
		t.Fatalf("status = %q, want a note of the 4 ignored characters", h.m.status)
	}
	// Two keys 20 ms apart then Enter: too short for a code, and no commands.
	h.key(tea.KeyRunes, 'q')
	h.clock.Advance(20 * time.Millisecond)
	h.key(tea.KeyRunes, 'd')
	h.clock.Advance(5 * time.Millisecond)
	h.key(tea.KeyEnter)
	h.clock.Advance(100 * time.Millisecond)
	h.fire()
	if h.quit || h.m.mode != canhcua.ModeIn || len(h.b.all()) != 0 {
		t.Fatal("a short burst ended by Enter ran commands or was recorded")
	}
}

func TestSlowTypingThenEnterIsNotAScan(t *testing.T) {
	h := newHarness(t, Config{Mode: canhcua.ModeIn})
	for _, r := range "abcdef" { // a person typing: not commands either, none bound
		h.press(r)
	}
	h.key(tea.KeyEnter)
	if len(h.b.all()) != 0 {
		t.Fatal("slow typing was recorded as a scan")
	}
}

func TestDirectionCycles(t *testing.T) {
	h := newHarness(t, Config{Mode: canhcua.ModeIn, Lang: "en"})
	want := []canhcua.Mode{canhcua.ModeOut, canhcua.ModeToggle, canhcua.ModeIn, canhcua.ModeOut}
	for i, w := range want {
		h.press('d')
		if h.m.mode != w {
			t.Fatalf("after %d presses mode = %s, want %s", i+1, h.m.mode, w)
		}
	}
	if !strings.Contains(h.m.View(), "Direction: OUT") {
		t.Fatalf("header does not show the mode:\n%s", h.m.View())
	}
	// The mode is what the next scan uses.
	h.wedgeType(cccd("001090001234", "Trần Thị Bích"))
	if s := h.b.all(); len(s) != 1 || s[0].Direction != canhcua.Out {
		t.Fatalf("scan = %+v, want direction out", s)
	}
}

func TestVoidAsksFirst(t *testing.T) {
	h := newHarness(t, Config{})
	h.wedgeType(cccd("001090001234", "Lê Văn Cường"))
	scan := h.b.all()[0]

	h.press('u')
	if h.m.confirm == nil || h.m.confirm.ID != scan.ID {
		t.Fatalf("u did not ask to confirm: confirm = %+v, status %q", h.m.confirm, h.m.status)
	}
	if !strings.Contains(h.m.View(), "y = có") {
		t.Fatalf("no confirmation prompt on screen:\n%s", h.m.View())
	}
	if len(h.b.voided) != 0 {
		t.Fatal("voided before confirmation")
	}
	h.press('n')
	if h.m.confirm != nil || len(h.b.voided) != 0 {
		t.Fatal("n did not cancel")
	}

	h.press('u')
	h.press('y')
	if len(h.b.voided) != 1 || h.b.voided[0] != scan.ID {
		t.Fatalf("voided = %v, want [%d]", h.b.voided, scan.ID)
	}
	if h.m.banner.scan.Result != canhcua.Voided || !strings.Contains(h.m.View(), "ĐÃ HỦY") {
		t.Fatalf("banner does not show the void:\n%s", h.m.View())
	}
	if h.m.counts.c.Entries != 0 || h.m.counts.c.Inside != 0 {
		t.Fatalf("counts after void = %+v", h.m.counts.c)
	}

	// The last scan is now voided: u says so and asks nothing.
	h.press('u')
	if h.m.confirm != nil {
		t.Fatal("asked to void a voided scan")
	}
}

func TestVoidConfirmIgnoresWedgeBurst(t *testing.T) {
	h := newHarness(t, Config{})
	h.wedgeType(cccd("001090001234", "Lê Văn Cường"))
	h.press('u')
	// A badge shown while the question is up: its 'y' must not confirm.
	h.wedgeType("yyyy9xK2pL7vB3nR8tYw")
	if len(h.b.voided) != 0 {
		t.Fatal("a wedge burst confirmed the void")
	}
	if len(h.b.all()) != 2 {
		t.Fatalf("the badge was not recorded: %d scans", len(h.b.all()))
	}
}

func TestManualEntry(t *testing.T) {
	h := newHarness(t, Config{})
	h.press('m')
	if h.m.manual == nil {
		t.Fatal("m did not open the form")
	}
	// Letters typed in the form are text, not commands.
	h.typeText("Phạm Quốc Dũng")
	h.key(tea.KeyTab)
	h.typeText("079123456789")
	h.key(tea.KeyEnter)
	if h.m.manual != nil {
		t.Fatal("form still open after Enter")
	}
	s := h.b.all()
	if len(s) != 1 || s[0].Kind != canhcua.KindManual || s[0].Name != "Phạm Quốc Dũng" || s[0].IDNumber != "079123456789" {
		t.Fatalf("scans = %+v", s)
	}
	if h.quit || h.m.mode != canhcua.ModeIn {
		t.Fatal("letters typed in the form ran commands")
	}
	v := h.m.View()
	if !strings.Contains(v, "ĐÃ GHI NHẬN") || !strings.Contains(v, "********6789") || strings.Contains(v, "079123456789") {
		t.Fatalf("banner after manual entry:\n%s", v)
	}

	// A name is required; Esc cancels without saving.
	h.press('m')
	h.key(tea.KeyEnter)
	if h.m.manual == nil || h.m.manual.err == "" {
		t.Fatal("empty name accepted")
	}
	h.key(tea.KeyEsc)
	if h.m.manual != nil || len(h.b.all()) != 1 {
		t.Fatal("Esc did not cancel")
	}
}

func TestFilterSearchesBackend(t *testing.T) {
	h := newHarness(t, Config{})
	h.seed(t0.Add(-2*time.Hour), canhcua.Manual("Nguyễn Văn An", ""), canhcua.ModeIn)
	h.seed(t0.Add(-time.Hour), canhcua.Manual("Trần Thị Bích", ""), canhcua.ModeIn)
	h.press('/')
	if !h.m.filter.active {
		t.Fatal("/ did not open the search")
	}
	h.typeText("nguyen van an")
	if got := h.b.searches[len(h.b.searches)-1]; got != "nguyen van an" {
		t.Fatalf("last search = %q", got)
	}
	if len(h.m.recent.rows) != 1 || h.m.recent.rows[0].Name != "Nguyễn Văn An" {
		t.Fatalf("rows = %+v", h.m.recent.rows)
	}
	if !strings.Contains(h.m.View(), "Nguyễn Văn An") || strings.Contains(h.m.View(), "Trần Thị Bích") {
		t.Fatalf("screen:\n%s", h.m.View())
	}
	h.key(tea.KeyEsc)
	if h.m.filter.active || h.m.filter.query != "" {
		t.Fatal("Esc did not close the search")
	}
	if got := h.b.searches[len(h.b.searches)-1]; got != "" || len(h.m.recent.rows) != 2 {
		t.Fatalf("after Esc: search %q, %d rows", got, len(h.m.recent.rows))
	}
}

func TestScanErrorShowsNotSaved(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t, Config{Lang: lang})
			h.b.scanErr = errDiskFull
			codes := make(chan canhcua.Code, 1)
			codes <- canhcua.Code{Text: cccd("001090001234", "Võ Thị Hoa")}
			close(codes)
			h.m.cfg.Reads = codes
			h.run(waitRead(codes))
			v := h.m.View()
			want := map[string]string{"vi": "LỖI GHI — CHƯA LƯU", "en": "NOT SAVED"}[lang]
			if !strings.Contains(v, want) {
				t.Fatalf("no %q on screen:\n%s", want, v)
			}
			for _, claim := range []string{"ĐÃ GHI NHẬN", "ACCEPTED"} {
				if strings.Contains(v, claim) {
					t.Fatalf("screen claims %q after a failed save:\n%s", claim, v)
				}
			}
			if h.m.counts.c.Entries != 0 || len(h.m.recent.rows) != 0 {
				t.Fatal("figures changed after a failed save")
			}
		})
	}
}

func TestBellOff(t *testing.T) {
	h := newHarness(t, Config{Bell: false})
	h.wedgeType(cccd("001090001234", "Đặng Văn Tú"))
	if len(h.b.all()) != 1 {
		t.Fatal("no scan")
	}
	if h.bell.Len() != 0 {
		t.Fatalf("bell wrote %q with Bell off", h.bell.String())
	}
}

func TestDuplicateBanner(t *testing.T) {
	h := newHarness(t, Config{Lang: "en"})
	h.wedgeType(cccd("001090001234", "Đặng Văn Tú"))
	h.clock.Advance(42 * time.Second)
	h.wedgeType(cccd("001090001234", "Đặng Văn Tú"))
	if !strings.Contains(h.m.View(), "ALREADY SCANNED 42 s AGO") {
		t.Fatalf("screen:\n%s", h.m.View())
	}
	if h.m.counts.c.Entries != 1 {
		t.Fatalf("entries = %d, want 1", h.m.counts.c.Entries)
	}
}

func TestExport(t *testing.T) {
	h := newHarness(t, Config{Lang: "en"})
	h.press('e')
	if !strings.Contains(h.m.status, "Exported: /var/lib/canhcua/xuat/canhcua-2025-11-27.xlsx") {
		t.Fatalf("status = %q", h.m.status)
	}
	h.b.exportErr = appErr(canhcua.EINTERNAL, "disk full")
	h.press('e')
	if !strings.Contains(h.m.status, "Export failed: disk full") || !h.m.statusErr {
		t.Fatalf("status = %q", h.m.status)
	}
}

func TestHostileTextIsSanitised(t *testing.T) {
	h := newHarness(t, Config{})
	name := "Evil\x1b[2J\x1b]0;pwned\a\u202eNam\r\nX"
	h.wedgeType(cccd("001090001234", name))
	v := h.m.View()
	for _, bad := range []string{"\x1b[2J", "\x1b]", "\a", "\u202e", "\r"} {
		if strings.Contains(v, bad) {
			t.Fatalf("view contains %q", bad)
		}
	}
	if got := sanitize(strings.Repeat("Nguyễn ", 50), 20); lipglossWidth(got) > 20 || !strings.HasSuffix(got, "…") {
		t.Fatalf("sanitize bound: %q", got)
	}
}

func TestHelpToggles(t *testing.T) {
	h := newHarness(t, Config{})
	short := strings.Count(h.m.View(), "\n")
	h.press('?')
	if !h.m.help.ShowAll {
		t.Fatal("? did not show full help")
	}
	if got := strings.Count(h.m.View(), "\n"); got != short {
		t.Fatalf("the screen changed height with full help: %d lines, was %d", got+1, short+1)
	}
}

func TestViewFitsTheTerminal(t *testing.T) {
	h := newHarness(t, Config{Notice: "Không mở được camera 0 — đang chạy nguồn demo", Camera: func() CameraStatus { return CameraStatus{Source: "demo"} }})
	for i := 0; i < 30; i++ {
		h.seed(t0.Add(-time.Duration(i)*7*time.Minute), canhcua.Manual("Người thứ "+strings.Repeat("rất dài ", i%5), ""), canhcua.ModeToggle)
	}
	h.run(h.m.reload(true, true, true))
	for _, size := range [][2]int{{80, 24}, {100, 30}, {132, 43}, {200, 60}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, showAll := range []bool{false, true} {
			h.m.help.ShowAll = showAll
			lines := strings.Split(h.m.View(), "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
			}
			for i, l := range lines {
				if w := lipglossWidth(l); w > size[0] {
					t.Errorf("%dx%d: line %d is %d wide: %q", size[0], size[1], i, w, l)
				}
			}
		}
	}
}

func TestCameraStatus(t *testing.T) {
	st := DefaultStyles()
	h := header{hasCamera: true, camKnown: true}
	cases := []struct {
		cam  CameraStatus
		want string
	}{
		{CameraStatus{Source: "0", FPS: 30, LastFrame: t0.Add(-time.Second)}, "khung cuối 1.0 s trước"},
		{CameraStatus{Source: "0", FPS: 0, LastFrame: t0.Add(-5 * time.Second)}, "KHÔNG CÓ HÌNH 5 giây"},
		{CameraStatus{Source: "0"}, "CHƯA CÓ KHUNG HÌNH"},
		{CameraStatus{Source: "0", LastFrame: t0, Err: "device busy\x1b[2J"}, "LỖI: device busy"},
	}
	for _, c := range cases {
		h.cam = c.cam
		got := h.cameraLine(100, t0, newTexts("vi"), st)
		if !strings.Contains(got, c.want) || strings.Contains(got, "\x1b[2J") {
			t.Errorf("camera %+v: %q, want %q", c.cam, got, c.want)
		}
	}
}

// TestHeldScansWaitForTheOperator: at a roster-only event two unlisted
// people are held; `a` admits the first (it then counts), `r` refuses the
// second; keys meant as commands still work once nobody is waiting.
func TestHeldScansWaitForTheOperator(t *testing.T) {
	h := newHarness(t, Config{Mode: canhcua.ModeIn, Lang: "en"})
	h.b.rules.Hold = func(id canhcua.Identity) (string, string, bool) {
		return "not on the roster", "không có trong danh sách", true
	}
	h.wedgeType(cccd("001090001234", "Trần Thị Bích"))
	h.wedgeType(cccd("079185004321", "Lê Văn Tám"))
	if len(h.m.held) != 2 {
		t.Fatalf("held = %d, want 2", len(h.m.held))
	}
	if v := h.m.View(); !strings.Contains(v, "Trần Thị Bích is not on the roster — a: admit as guest") {
		t.Fatalf("the oldest held scan is not asked about:\n%s", v)
	}
	if h.m.counts.c.Entries != 0 {
		t.Fatalf("held scans counted: %+v", h.m.counts.c)
	}
	h.press('a')
	h.press('r')
	all := h.b.all()
	if all[0].Result != canhcua.Accepted || all[1].Result != canhcua.Rejected {
		t.Fatalf("results = %s, %s; want accepted, rejected", all[0].Result, all[1].Result)
	}
	if h.m.counts.c.Entries != 1 || len(h.m.held) != 0 {
		t.Errorf("after admitting one: entries %d, held %d", h.m.counts.c.Entries, len(h.m.held))
	}
	if !strings.Contains(h.m.status, "Lê Văn Tám refused") {
		t.Errorf("status = %q", h.m.status)
	}
	h.press('d') // nobody waits: d is a command again
	if h.m.mode != canhcua.ModeOut {
		t.Errorf("mode = %s after d", h.m.mode)
	}
}

// TestWarningsPane: open warnings show in a pane and as a count in the
// header, in the screen's language.
func TestWarningsPane(t *testing.T) {
	h := newHarness(t, Config{Lang: "vi"})
	h.b.warnings = openWarnings[:1]
	h.run(warningsCmd(h.m.ctx, h.b, h.m.day, h.m.cfg.Door))
	v := h.m.View()
	for _, want := range []string{"⚠ 1 cảnh báo", "Đi qua không quét: có người đi qua mà không quét mã"} {
		if !strings.Contains(v, want) {
			t.Errorf("screen lacks %q:\n%s", want, v)
		}
	}
}
