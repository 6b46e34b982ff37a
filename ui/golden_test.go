package ui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// The golden screens are plain text: no colours, so they read as the screen
// looks and do not depend on the terminal the tests run in. Regenerate them
// with: go test ./ui -run TestGolden -update
func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

// People of the golden screens. Identities are given whole (not parsed from
// code texts) so the screens do not change when canhcua.Identify learns more.
var (
	an    = canhcua.Identity{Kind: canhcua.KindCCCD, Key: "id:001090001234", Name: "Nguyễn Văn An", IDNumber: "001090001234"}
	bich  = canhcua.Identity{Kind: canhcua.KindCanCuoc, Key: "id:079195004321", Name: "Trần Thị Bích", IDNumber: "079195004321"}
	cuong = canhcua.Manual("Lê Văn Cường", "")
	token = canhcua.Identity{Kind: canhcua.KindToken, Key: "token:1f2e3d4c5b6a"}
	dung  = canhcua.Identity{Kind: canhcua.KindCCCD, Key: "id:036088007777", Name: "Phạm Quốc Dũng", IDNumber: "036088007777"}
	hoa   = canhcua.Identity{Kind: canhcua.KindCCCD, Key: "id:001302009876", Name: "Võ Thị Hoa", IDNumber: "001302009876"}
	pay   = canhcua.Identity{Kind: canhcua.KindPayment, Reject: "payment code, not a check-in code", RejectVI: "Đây là mã thanh toán, không phải mã check-in"}
)

// codes maps the texts the fake camera sends to identities.
var codes = map[string]canhcua.Identity{"HOA": hoa, "PAY": pay}

func identifyStub(text string) canhcua.Identity {
	if id, ok := codes[text]; ok {
		return id
	}
	return canhcua.Identify(text)
}

// seedDay records a morning at the door: entries, exits, a manual entry, a
// token without a name and a duplicate.
func seedDay(t *testing.T, b *fakeBackend, door string) {
	t.Helper()
	at := func(hh, mm, ss int) time.Time { return time.Date(2025, 11, 27, hh, mm, ss, 0, ict) }
	steps := []struct {
		at   time.Time
		id   canhcua.Identity
		mode canhcua.Mode
	}{
		{at(7, 58, 12), an, canhcua.ModeIn},
		{at(8, 15, 40), bich, canhcua.ModeIn},
		{at(8, 47, 3), cuong, canhcua.ModeIn},
		{at(9, 30, 0), token, canhcua.ModeIn},
		{at(10, 30, 9), an, canhcua.ModeOut},
		{at(11, 5, 51), bich, canhcua.ModeOut},
		{at(14, 5, 17), dung, canhcua.ModeIn},
		{at(14, 5, 59), dung, canhcua.ModeIn}, // duplicate, 42 s later
	}
	for _, s := range steps {
		if _, err := b.Scan(context.Background(), s.id, s.mode, door, s.at); err != nil {
			t.Fatal(err)
		}
	}
}

type goldenCase struct {
	name   string
	lang   string
	w, h   int
	notice string
	seed   bool
	reads  []string    // code texts the camera sends, in order
	want   []string    // texts that show the screen is complete
	warns  bool        // the backend has open warnings
	hold   bool        // the event is roster-only: unlisted people are held
	full   bool        // the disk is full: scans fail with EFULL
	sync   *SyncStatus // the desk has a district server in this state
}

// openWarnings are two of the day's warnings, newest first.
var openWarnings = []canhcua.Warning{
	{At: time.Date(2025, 11, 27, 14, 20, 0, 0, ict), Kind: canhcua.WarnNoScan, Door: "Cổng chính",
		Message: "someone passed without scanning", MessageVI: "có người đi qua mà không quét mã"},
	{At: time.Date(2025, 11, 27, 7, 31, 0, 0, ict), Kind: canhcua.WarnNotScanned,
		Message: "Staff: 27/30 scanned — Lê Văn Tám, Hà Thị Mai, Đinh Công Bộ", MessageVI: "Cán bộ: 27/30 đã quét — Lê Văn Tám, Hà Thị Mai, Đinh Công Bộ"},
}

func TestGolden(t *testing.T) {
	cases := []goldenCase{
		{name: "empty_vi", lang: "vi", w: 100, h: 30, want: []string{"CHƯA CÓ LƯỢT QUÉT NÀO HÔM NAY", "Chưa có lượt quét nào hôm nay."}},
		{name: "scans_vi", lang: "vi", w: 100, h: 30, seed: true, reads: []string{"HOA"}, want: []string{"ĐÃ GHI NHẬN — VÀO", "Võ Thị Hoa"}},
		{name: "rejected_vi", lang: "vi", w: 100, h: 30, seed: true, reads: []string{"PAY"}, want: []string{"TỪ CHỐI", "mã thanh toán"}},
		{name: "empty_en", lang: "en", w: 100, h: 30, want: []string{"NO SCANS YET TODAY", "No scans yet today."}},
		{name: "scans_en", lang: "en", w: 100, h: 30, seed: true, reads: []string{"HOA"}, want: []string{"ACCEPTED — IN", "Võ Thị Hoa"}},
		{name: "rejected_en", lang: "en", w: 100, h: 30, seed: true, reads: []string{"PAY"}, want: []string{"REJECTED", "payment code"}},
		{name: "warnings_held_vi", lang: "vi", w: 100, h: 30, seed: true, warns: true, hold: true, reads: []string{"HOA"},
			want: []string{"CHỜ NGƯỜI TRỰC DUYỆT", "a: cho vào", "2 cảnh báo", "Cán bộ: 27/30"}},
		{name: "warnings_held_en", lang: "en", w: 100, h: 30, seed: true, warns: true, hold: true, reads: []string{"HOA"},
			want: []string{"WAITING FOR YOU", "a: admit as guest", "2 warning", "Staff: 27/30"}},
		{name: "storage_full_vi", lang: "vi", w: 100, h: 30, seed: true, full: true, reads: []string{"HOA"},
			want: []string{"KHÔNG LƯU ĐƯỢC LƯỢT QUÉT — ổ đĩa đầy", "LỖI GHI — CHƯA LƯU", "Giải phóng chỗ trên ổ đĩa"}},
		{name: "storage_full_en", lang: "en", w: 100, h: 30, seed: true, full: true, reads: []string{"HOA"},
			want: []string{"SCANS ARE NOT BEING SAVED — the disk is full", "NOT SAVED", "Free space on the disk"}},
		{name: "sync_online_vi", lang: "vi", w: 100, h: 30, seed: true,
			sync: &SyncStatus{Online: true, Pending: 0, LastOK: t0.Add(-2 * time.Second), SiteKnown: true, Inside: 12, People: 40},
			want: []string{"đồng bộ: 0 chờ · 2 giây trước · cả đơn vị: 12 đang ở trong · 40 người"}},
		{name: "sync_offline_en", lang: "en", w: 100, h: 30, seed: true, sync: &SyncStatus{Pending: 143},
			want: []string{"offline — 143 waiting"}},
		{name: "sync_online_en", lang: "en", w: 80, h: 24, seed: true,
			sync: &SyncStatus{Online: true, Pending: 3, LastOK: t0.Add(-75 * time.Second), SiteKnown: true, Inside: 5, People: 9},
			want: []string{"sync: 3 pending · 1 min 15 s ago · whole site: 5 inside · 9 people"}},
		{name: "sync_offline_vi", lang: "vi", w: 80, h: 24, seed: true, sync: &SyncStatus{Pending: 143},
			want: []string{"ngoại tuyến — 143 lượt chờ gửi"}},
		{name: "minimum_80x24_vi", lang: "vi", w: 80, h: 24, seed: true, reads: []string{"HOA"},
			notice: "Không mở được camera 0 — đang chạy nguồn demo", want: []string{"ĐÃ GHI NHẬN — VÀO", "Võ Thị Hoa"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			view := runGolden(t, tc)
			teatest.RequireEqualOutput(t, []byte(view))
			checkSize(t, view, tc.w, tc.h)
		})
	}
}

// checkSize fails the test when view is not exactly h lines of at most w
// cells.
func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d wide (terminal %d)", i+1, lw, w)
		}
	}
}

// runGolden runs the program with teatest until the screen shows tc.want,
// then quits and returns the final screen.
func runGolden(t *testing.T, tc goldenCase) string {
	t.Helper()
	const door = "Cổng chính"
	now := t0
	b := newFakeBackend(ict)
	if tc.seed {
		seedDay(t, b, door)
	}
	if tc.warns {
		b.warnings = openWarnings
	}
	if tc.full {
		b.scanErr = canhcua.Wrap(canhcua.EFULL, errors.New("database or disk is full (13)"), catalog.ErrDiskFull)
	}
	if tc.hold {
		b.rules.Hold = func(id canhcua.Identity) (string, string, bool) {
			return "not on the meeting's roster", "không có trong danh sách cuộc họp", id.Key == hoa.Key
		}
	}
	reads := make(chan canhcua.Code, len(tc.reads))
	for _, r := range tc.reads {
		reads <- canhcua.Code{Text: r}
	}
	var bell bytes.Buffer
	var sync func() SyncStatus
	if tc.sync != nil {
		sync = func() SyncStatus { return *tc.sync }
	}
	m := New(Config{
		Site:     "UBND xã Tân Phú",
		Door:     door,
		Mode:     canhcua.ModeToggle,
		Lang:     tc.lang,
		Bell:     false,
		Out:      &bell,
		Now:      func() time.Time { return now },
		Location: nil, // the default: Asia/Ho_Chi_Minh
		Reads:    reads,
		Camera: func() CameraStatus {
			return CameraStatus{Source: "0", FPS: 29.8, LastFrame: now.Add(-200 * time.Millisecond)}
		},
		Identify: identifyStub,
		Notice:   tc.notice,
		Sync:     sync,
	}, b)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(tc.w, tc.h))
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
		for _, w := range append(tc.want, "29.8") {
			if !bytes.Contains(out, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	if bell.Len() != 0 {
		t.Errorf("bell rang with Bell off: %q", bell.String())
	}
	return fm.View()
}
