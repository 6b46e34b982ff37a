package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// storageErr is a storage failure as the store makes it.
func storageErr(code string, key catalog.Key, cause string) error {
	return canhcua.Wrap(code, errors.New(cause), key)
}

// TestDirTellsTheBackend: `d` changes the mode on screen and, through a
// Cmd, in the backend (the desk's warnings follow it).
func TestDirTellsTheBackend(t *testing.T) {
	h := newHarness(t, Config{Mode: canhcua.ModeIn})
	h.press('d')
	h.press('d')
	want := []canhcua.Mode{canhcua.ModeOut, canhcua.ModeToggle}
	if h.m.mode != canhcua.ModeToggle || !slices.Equal(h.b.modes, want) {
		t.Fatalf("mode %s on screen, backend told %v; want %v", h.m.mode, h.b.modes, want)
	}
}

// TestStorageAlarm: a scan that cannot be saved because of the storage says
// why in the banner, with what to do, and the header shows an alarm until a
// scan goes through again.
func TestStorageAlarm(t *testing.T) {
	cases := []struct {
		lang, code  string
		key         catalog.Key
		alarm, hint string
	}{
		{"vi", canhcua.EFULL, catalog.ErrDiskFull, "⚠ KHÔNG LƯU ĐƯỢC LƯỢT QUÉT — ổ đĩa đầy", "Giải phóng chỗ trên ổ đĩa rồi quét lại."},
		{"en", canhcua.EFULL, catalog.ErrDiskFull, "⚠ SCANS ARE NOT BEING SAVED — the disk is full", "Free space on the disk, then scan again."},
		{"vi", canhcua.EREADONLY, catalog.ErrDBReadOnly, "⚠ KHÔNG LƯU ĐƯỢC LƯỢT QUÉT — cơ sở dữ liệu chỉ đọc", "Báo người quản lý máy"},
		{"en", canhcua.EIO, catalog.ErrDiskIO, "⚠ SCANS ARE NOT BEING SAVED — the disk fails to read or write", "Check the disk, then scan again."},
	}
	for _, tc := range cases {
		t.Run(tc.lang+"_"+tc.code, func(t *testing.T) {
			h := newHarness(t, Config{Lang: tc.lang})
			h.b.scanErr = storageErr(tc.code, tc.key, "sqlite says something")
			h.wedgeType(cccd("001090001234", "Võ Thị Hoa"))
			v := h.m.View()
			for _, want := range []string{tc.alarm, tc.hint, catalog.Of(tc.lang).T(tc.key)} {
				if !strings.Contains(v, want) {
					t.Fatalf("no %q on screen:\n%s", want, v)
				}
			}
			for _, wrong := range []string{"internal error", "lỗi nội bộ", "Hãy quét lại.", "Please scan again."} {
				if strings.Contains(v, wrong) {
					t.Fatalf("screen says %q:\n%s", wrong, v)
				}
			}
			// Another scan fails the same way: the alarm stays.
			h.wedgeType(cccd("079185004321", "Trần Thị Bình"))
			if !strings.Contains(h.m.View(), tc.alarm) {
				t.Fatal("alarm gone while scans still fail")
			}
			h.b.scanErr = nil
			h.wedgeType(cccd("079185004321", "Trần Thị Bình"))
			if v := h.m.View(); strings.Contains(v, tc.alarm) || !strings.Contains(v, "Trần Thị Bình") {
				t.Fatalf("after a scan went through:\n%s", v)
			}
		})
	}
}

// TestStorageAlarmFromPoll: a storage failure the desk met on its own (the
// warnings watcher writing) shows with the clock's poll; a poll read before
// a scan's outcome came in does not undo what that outcome showed.
func TestStorageAlarmFromPoll(t *testing.T) {
	h := newHarness(t, Config{Lang: "en"})
	poll := func() tickMsg { return pollCmd(h.m.cfg.Now, nil, nil, h.b, h.m.writes)().(tickMsg) }
	h.b.storage = storageErr(canhcua.EREADONLY, catalog.ErrDBReadOnly, "attempt to write a readonly database (8)")
	h.send(poll())
	if !strings.Contains(h.m.View(), "SCANS ARE NOT BEING SAVED — the database is read-only") {
		t.Fatalf("no alarm after the poll:\n%s", h.m.View())
	}
	stale := poll()
	h.wedgeType(cccd("001090001234", "Võ Thị Hoa")) // goes through: the fake clears its failure
	h.send(stale)
	if strings.Contains(h.m.View(), "NOT BEING SAVED") {
		t.Fatalf("a stale poll raised the alarm again:\n%s", h.m.View())
	}
	h.send(poll())
	if strings.Contains(h.m.View(), "NOT BEING SAVED") {
		t.Fatalf("alarm after a fresh poll with writes going through:\n%s", h.m.View())
	}
}
