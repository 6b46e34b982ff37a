package ui

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/canhcua/canhcua"
)

// snapshotJPEG is the fixed picture of the snapshot view's tests: a doorway
// with someone walking through, 320×240.
func snapshotJPEG(t testing.TB) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", "snapshot.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// passedWarnings are the day's warnings of the snapshot view's tests, newest
// first: someone passed without scanning (with its picture), and expected
// people not scanned.
func passedWarnings(t testing.TB) []canhcua.Warning {
	return []canhcua.Warning{
		{ID: 7, At: time.Date(2025, 11, 27, 14, 20, 5, 0, ict), Kind: canhcua.WarnNoScan, Door: "Cổng chính",
			Message: "someone passed without scanning", MessageVI: "có người đi qua mà không quét mã",
			Snapshot: snapshotJPEG(t)},
		{ID: 3, At: time.Date(2025, 11, 27, 7, 31, 0, 0, ict), Kind: canhcua.WarnNotScanned,
			Message: "Staff: 27/30 scanned — Lê Văn Tám, Hà Thị Mai, Đinh Công Bộ", MessageVI: "Cán bộ: 27/30 đã quét — Lê Văn Tám, Hà Thị Mai, Đinh Công Bộ"},
	}
}

func newWarnHarness(t *testing.T, lang string, ws []canhcua.Warning) *harness {
	t.Helper()
	h := newHarness(t, Config{Lang: lang})
	h.b.warnings = ws
	h.b.clock = h.clock.Now
	h.run(warningsCmd(h.m.ctx, h.b, h.m.day, h.m.cfg.Door))
	return h
}

// TestSnapshotDecide: `w` gives the pane the keyboard, Enter opens the
// warning with its picture, `c` records it as checked: the backend is told,
// the view closes, the pane shows the decision and the header counts one
// warning fewer.
func TestSnapshotDecide(t *testing.T) {
	h := newWarnHarness(t, "vi", passedWarnings(t))
	if !strings.Contains(h.m.View(), "w cảnh báo") {
		t.Errorf("help does not offer w:\n%s", h.m.View())
	}
	h.press('w')
	if !h.m.warns.focus {
		t.Fatal("w did not focus the pane")
	}
	if v := h.m.View(); !strings.Contains(v, "▸ ⚠ 14:20 Đi qua không quét") || !strings.Contains(v, "enter xem") {
		t.Errorf("pane with the keyboard:\n%s", v)
	}
	h.key(tea.KeyEnter)
	if h.m.snap == nil || h.m.snap.w.ID != 7 {
		t.Fatalf("Enter opened %+v", h.m.snap)
	}
	if h.m.snap.img == nil || h.m.snap.err != "" {
		t.Fatalf("picture not read: %q", h.m.snap.err)
	}
	v := h.m.View()
	for _, want := range []string{"ĐI QUA KHÔNG QUÉT — 14:20:05 · Cổng chính", "có người đi qua mà không quét mã",
		"Chưa xem xét", "c đã kiểm tra", "f báo nhầm", "esc quay lại", "▓"} {
		if !strings.Contains(v, want) {
			t.Errorf("snapshot view lacks %q:\n%s", want, v)
		}
	}
	checkSize(t, v, 100, 30)

	h.clock.Advance(time.Minute) // 14:31
	h.press('c')
	if h.m.snap != nil {
		t.Error("the view stayed open after deciding")
	}
	if got := h.b.warnings[0]; got.Decision != canhcua.WarnChecked || got.Resolved.IsZero() {
		t.Errorf("backend has %+v", got)
	}
	if h.m.header.warnings != 1 {
		t.Errorf("header counts %d warnings, want 1", h.m.header.warnings)
	}
	v = h.m.View()
	for _, want := range []string{"Đã ghi: đã kiểm tra 14:31 (cảnh báo lúc 14:20:05).", "✓ 14:20 Đi qua không quét: có người đi qua mà không quét mã — đã kiểm tra 14:31", "⚠ 1 cảnh báo"} {
		if !strings.Contains(v, want) {
			t.Errorf("screen lacks %q:\n%s", want, v)
		}
	}
	// The decided warning goes after the open one.
	if h.m.warns.list[0].ID != 3 || h.m.warns.list[1].ID != 7 {
		t.Errorf("pane order %+v", h.m.warns.list)
	}
}

// TestSnapshotFalseAlarmEnglish: `f` records a false alarm; Esc leaves the
// pane; the pane's selection follows ↑/↓.
func TestSnapshotFalseAlarmEnglish(t *testing.T) {
	ws := passedWarnings(t)
	ws[1].Kind, ws[1].ID, ws[1].Snapshot = canhcua.WarnNoScan, 8, ws[0].Snapshot
	h := newWarnHarness(t, "en", ws)
	h.press('w')
	h.key(tea.KeyDown)
	h.key(tea.KeyDown) // stays on the last
	if h.m.warns.sel != 1 {
		t.Fatalf("selection %d, want 1", h.m.warns.sel)
	}
	h.key(tea.KeyUp)
	h.key(tea.KeyDown)
	h.key(tea.KeyEnter)
	if h.m.snap == nil || h.m.snap.w.ID != 8 {
		t.Fatalf("Enter opened %+v", h.m.snap)
	}
	if v := h.m.View(); !strings.Contains(v, "PASSED WITHOUT SCANNING — 07:31:00") || !strings.Contains(v, "f false alarm") {
		t.Errorf("view:\n%s", v)
	}
	h.press('f')
	if got := h.b.warnings[1]; got.Decision != canhcua.WarnFalseAlarm {
		t.Errorf("backend has %+v", got)
	}
	if !strings.Contains(h.m.status, "Recorded: false alarm 14:30") {
		t.Errorf("status %q", h.m.status)
	}
	h.key(tea.KeyEscape)
	if h.m.warns.focus {
		t.Error("Esc left the pane focused")
	}
	h.press('d') // a command of the main screen again
	if h.m.mode != canhcua.ModeOut {
		t.Errorf("mode %s after d", h.m.mode)
	}
}

// TestSnapshotOtherKinds: a warning the desk resolves by itself opens
// without a picture and cannot be decided on; Esc goes back to the pane.
func TestSnapshotOtherKinds(t *testing.T) {
	h := newWarnHarness(t, "vi", passedWarnings(t))
	h.press('w')
	h.key(tea.KeyDown)
	h.key(tea.KeyEnter)
	if h.m.snap == nil || h.m.snap.w.ID != 3 {
		t.Fatalf("Enter opened %+v", h.m.snap)
	}
	v := h.m.View()
	if !strings.Contains(v, "Cảnh báo này không có ảnh.") || strings.Contains(v, "c đã kiểm tra") {
		t.Errorf("view:\n%s", v)
	}
	h.press('c')
	if h.b.warnings[1].Decision != "" || h.m.snap == nil {
		t.Error("c decided on a warning the desk resolves itself")
	}
	h.key(tea.KeyEscape)
	if h.m.snap != nil || !h.m.warns.focus {
		t.Errorf("Esc: view %v, pane focus %v", h.m.snap, h.m.warns.focus)
	}
}

// TestSnapshotMissingFile: a snapshot purged since shows why, and the
// warning can still be decided on.
func TestSnapshotMissingFile(t *testing.T) {
	ws := passedWarnings(t)
	ws[0].Snapshot = filepath.Join(t.TempDir(), "gone.jpg")
	h := newWarnHarness(t, "en", ws)
	h.press('w')
	h.key(tea.KeyEnter)
	if v := h.m.View(); !strings.Contains(v, "Cannot open the picture") || !strings.Contains(v, "gone.jpg") {
		t.Errorf("view:\n%s", v)
	}
	h.press('c')
	if h.b.warnings[0].Decision != canhcua.WarnChecked {
		t.Error("not decided")
	}
}

// TestSnapshotNotAJPEG: a file that is not a JPEG, or too large a picture,
// is refused with a reason, never drawn.
func TestSnapshotNotAJPEG(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "x.jpg")
	if err := os.WriteFile(bad, []byte("not a picture"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readSnapshot(bad); err == nil {
		t.Error("read a file that is not a JPEG")
	}
	// A small JPEG whose header declares 10000×10000 pixels.
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	sof := bytes.Index(data, []byte{0xff, 0xc0})
	copy(data[sof+5:], []byte{0x27, 0x10, 0x27, 0x10})
	huge := filepath.Join(t.TempDir(), "huge.jpg")
	if err := os.WriteFile(huge, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readSnapshot(huge); canhcua.ErrorCode(err) != canhcua.EINVALID {
		t.Errorf("huge picture: %v", err)
	}
	if img, err := readSnapshot(snapshotJPEG(t)); err != nil || img.Bounds().Dx() != 320 {
		t.Errorf("the fixed snapshot: %v", err)
	}
}

// TestSnapshotDecideFails: a decision that cannot be stored says why and
// leaves the view open.
func TestSnapshotDecideFails(t *testing.T) {
	h := newWarnHarness(t, "en", passedWarnings(t))
	h.b.decideErr = canhcua.Wrap(canhcua.EFULL, os.ErrClosed, "disk full")
	h.press('w')
	h.key(tea.KeyEnter)
	h.press('c')
	if h.m.snap == nil || !h.m.statusErr || !strings.Contains(h.m.status, "Could not record the decision") {
		t.Errorf("view %v, status %q", h.m.snap, h.m.status)
	}
}

// TestSnapshotWedge: a scanner's burst while the view is open is a scan, and
// its letters (c, f, q) decide or quit nothing.
func TestSnapshotWedge(t *testing.T) {
	h := newWarnHarness(t, "vi", passedWarnings(t))
	h.press('w')
	h.key(tea.KeyEnter)
	h.wedgeType("cfqcfq-badge-1234")
	if h.quit || h.m.snap == nil || h.b.warnings[0].Decision != "" {
		t.Fatalf("the burst ran commands: quit %v, view %v, decision %q", h.quit, h.m.snap, h.b.warnings[0].Decision)
	}
	if n := len(h.b.all()); n != 1 {
		t.Errorf("%d scans, want 1", n)
	}
}

// TestGoldenSnapshot: the snapshot view of the fixed JPEG, in Vietnamese and
// English, at 80x24 and 120x40. The goldens are plain text (no colours,
// TestMain): the picture is drawn in shade characters there.
func TestGoldenSnapshot(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang string
		w, h int
		want string
	}{
		{"snapshot_vi_80x24", "vi", 80, 24, "c đã kiểm tra"},
		{"snapshot_en_80x24", "en", 80, 24, "c checked"},
		{"snapshot_vi_120x40", "vi", 120, 40, "c đã kiểm tra"},
		{"snapshot_en_120x40", "en", 120, 40, "c checked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			view := runSnapshotGolden(t, tc.lang, tc.w, tc.h, tc.want)
			teatest.RequireEqualOutput(t, []byte(view))
			checkSize(t, view, tc.w, tc.h)
		})
	}
}

func runSnapshotGolden(t *testing.T, lang string, w, h int, want string) string {
	t.Helper()
	b := newFakeBackend(ict)
	seedDay(t, b, "Cổng chính")
	b.warnings = passedWarnings(t)
	m := New(Config{
		Site:     "UBND xã Tân Phú",
		Door:     "Cổng chính",
		Mode:     canhcua.ModeToggle,
		Lang:     lang,
		Out:      &bytes.Buffer{},
		Now:      func() time.Time { return t0 },
		Identify: identifyStub,
		Camera: func() CameraStatus {
			return CameraStatus{Source: "0", FPS: 29.8, LastFrame: t0.Add(-200 * time.Millisecond)}
		},
	}, b)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	// Each wait reads the output written since the last one.
	wait := func(ss ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
			for _, s := range ss {
				if !bytes.Contains(out, []byte(s)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	wait("29.8", "14:20")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'w'}})
	wait("▸")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait(want, "▓")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
}
