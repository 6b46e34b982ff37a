package canhcua

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

var warnICT = time.FixedZone("ICT", 7*3600)

// clock is hh:mm on Friday 27/11/2026, ICT.
func clock(h, m int) time.Time { return time.Date(2026, 11, 27, h, m, 0, 0, warnICT) }

func TestNotScannedWarnings(t *testing.T) {
	staff := Roster{Name: "Cán bộ", ExpectedBy: 7*60 + 30}
	meeting := Roster{Name: "Họp giao ban", ExpectedBy: 14 * 60}
	free := Roster{Name: "Khách mời", ExpectedBy: -1}
	groups := []ExpectedGroup{
		{Roster: staff, Present: 27, Total: 30, Missing: []Member{
			{Name: "Nguyễn Văn An", ExpectedBy: -1},
			{Name: "Trần Thị Bình", ExpectedBy: 9 * 60}, // comes later today
			{Name: "Lê Văn Cường", ExpectedBy: -1},
		}},
		{Roster: meeting, Present: 5, Total: 6, Missing: []Member{{Name: "Phạm Thị Dung", ExpectedBy: -1}}},
		{Roster: free, Present: 0, Total: 1, Missing: []Member{{Name: "Hoàng Văn Em", ExpectedBy: -1}}},
		{Roster: Roster{Name: "Đủ", ExpectedBy: 7 * 60}, Present: 2, Total: 2},
	}

	if got := NotScannedWarnings(groups, "Cửa chính", clock(7, 29)); len(got) != 0 {
		t.Errorf("07:29: %d warnings, want none: %+v", len(got), got)
	}

	now := clock(7, 30) // on the dot counts as late
	got := NotScannedWarnings(groups, "Cửa chính", now)
	want := []Warning{{
		At: now, Door: "Cửa chính", Kind: WarnNotScanned, PersonKey: "roster:Cán bộ", Name: "Cán bộ",
		Message:   "Cán bộ: 27/30 scanned; not scanned: Nguyễn Văn An, Lê Văn Cường",
		MessageVI: "Cán bộ: 27/30 đã quét; chưa quét: Nguyễn Văn An, Lê Văn Cường",
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("07:30:\n got %+v\nwant %+v", got, want)
	}

	got = NotScannedWarnings(groups, "Cửa chính", clock(14, 0))
	if len(got) != 2 {
		t.Fatalf("14:00: %d warnings, want 2: %+v", len(got), got)
	}
	if !strings.Contains(got[0].MessageVI, "Trần Thị Bình") {
		t.Errorf("14:00: Bình (due 09:00) not listed: %q", got[0].MessageVI)
	}
	if got[1].MessageVI != "Họp giao ban: 5/6 đã quét; chưa quét: Phạm Thị Dung" || got[1].PersonKey != "roster:Họp giao ban" {
		t.Errorf("14:00 meeting: %+v", got[1])
	}
	if WarningKey(got[0]) != "roster:Cán bộ" {
		t.Errorf("key %q", WarningKey(got[0]))
	}
}

func TestNotScannedWarningsManyNames(t *testing.T) {
	g := ExpectedGroup{Roster: Roster{Name: "Staff", ExpectedBy: 8 * 60}, Total: 40, Present: 27}
	for i := range 13 {
		g.Missing = append(g.Missing, Member{Name: fmt.Sprintf("P%02d", i), ExpectedBy: -1})
	}
	got := NotScannedWarnings([]ExpectedGroup{g}, "Gate", clock(9, 0))
	if len(got) != 1 {
		t.Fatalf("%d warnings", len(got))
	}
	if !strings.HasPrefix(got[0].Message, "Staff: 27/40 scanned; not scanned: P00, P01,") ||
		!strings.HasSuffix(got[0].Message, "P09 and 3 more") {
		t.Errorf("message %q", got[0].Message)
	}
	if !strings.HasSuffix(got[0].MessageVI, "P09 và 3 người khác") {
		t.Errorf("message VI %q", got[0].MessageVI)
	}
}

func TestStillInsideWarnings(t *testing.T) {
	closing := clock(17, 30)
	visits := []Visit{
		{PersonKey: "id:1", Name: "Nguyễn Văn An", Door: "Cửa chính", In: clock(8, 0).UTC(), Out: clock(17, 0).UTC()},
		{PersonKey: "id:2", Name: "Trần Thị Bình", Door: "Cửa chính", In: clock(8, 5).UTC()},
		{PersonKey: "id:3", Name: "", Door: "Cửa chính", Out: clock(9, 0).UTC()},              // exit without entry
		{PersonKey: "id:4", Name: "Lê Văn Cường", Door: "Cửa chính", In: clock(17, 45).UTC()}, // after closing
		{PersonKey: "id:5", Name: "Phạm Thị Dung", Door: "Cổng sau", In: clock(13, 15).UTC()},
		{PersonKey: "id:2", Name: "Trần Thị Bình", Door: "Cửa chính", In: clock(12, 0).UTC()}, // again: one warning
	}
	got := StillInsideWarnings(visits, closing)
	want := []Warning{
		{At: closing, Door: "Cửa chính", Kind: WarnStillInside, PersonKey: "id:2", Name: "Trần Thị Bình",
			Message:   "Trần Thị Bình is still inside at closing time (in at 08:05, no exit scan)",
			MessageVI: "Trần Thị Bình vẫn còn bên trong lúc đóng cửa (vào lúc 08:05, chưa quét ra)"},
		{At: closing, Door: "Cổng sau", Kind: WarnStillInside, PersonKey: "id:5", Name: "Phạm Thị Dung",
			Message:   "Phạm Thị Dung is still inside at closing time (in at 13:15, no exit scan)",
			MessageVI: "Phạm Thị Dung vẫn còn bên trong lúc đóng cửa (vào lúc 13:15, chưa quét ra)"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
	if got := StillInsideWarnings(nil, closing); got != nil {
		t.Errorf("no visits: %+v", got)
	}
}

func TestNotOnRosterWarning(t *testing.T) {
	s := Scan{At: clock(13, 55), Door: "Phòng họp", PersonKey: "id:9", Name: "Vũ Thị Giang"}
	w := NotOnRosterWarning(s, Roster{Name: "Họp giao ban", Only: true})
	if w.Kind != WarnNotOnRoster || w.PersonKey != "id:9" || w.At != s.At || w.Door != "Phòng họp" ||
		w.MessageVI != "Vũ Thị Giang không có trong danh sách Họp giao ban: cho vào với tư cách khách hay từ chối" {
		t.Errorf("%+v", w)
	}
	if WarningKey(Warning{Message: "camera: no frames"}) != "camera: no frames" {
		t.Error("key of a warning without a person is not its message")
	}
}
