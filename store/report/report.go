// Package report writes a day's summary for the district health office: the
// entries, exits and people of the day, each expected group's share scanned,
// the expected people who did not scan, the guests admitted or refused at
// roster-only events, and the day's warnings. As plain text, CSV (UTF-8 with a
// BOM, for Excel), XLSX or PDF (A4, with a font that has the Vietnamese
// letters); in Vietnamese by default, or English.
//
// The package takes its input as a plain Day, which the command builds from
// the store; it does no I/O of its own but writing to w.
package report

import (
	"fmt"
	"io"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh without the system's tzdata

	"github.com/canhcua/canhcua"
)

// Formats are the formats Write knows.
var Formats = []string{"text", "csv", "xlsx", "pdf"}

// Day is what a report says about one day.
type Day struct {
	// Date is any time within the day, in the location in which the report
	// shows its times (a UTC time is taken in Asia/Ho_Chi_Minh).
	Date time.Time
	Site string // the office, shown under the title; "" for none
	Door string // "" for all doors
	// Counts are the day's figures (canhcua.Counts: accepted scans only).
	Counts   canhcua.Counts
	Groups   []Group
	Warnings []canhcua.Warning
	Guests   []Guest
	// Made is when the report was made, shown at its end; zero: not shown.
	Made time.Time
}

// Group is one roster's day: how many of its people scanned, and who did not.
type Group struct {
	Name    string
	Present int // members who scanned
	Total   int // members
	// ExpectedBy is the roster's expected-by time in minutes after midnight,
	// -1 when none; a member's own ExpectedBy (>= 0) overrides it.
	ExpectedBy int
	Missing    []canhcua.Member // expected people who did not scan
}

// Guest is someone not on the roster of a roster-only event whose scan was
// held for the operator, and what the operator decided.
type Guest struct {
	Name     string
	IDNumber string // shown masked
	Door     string
	At       time.Time // the scan
	Admitted bool      // admitted as a guest, else refused
	Decided  time.Time // the decision
}

// Share is "27/30 (90%)": present of total and the share, rounded down so
// that 100% means everyone.
func Share(present, total int) string {
	if total <= 0 {
		return fmt.Sprintf("%d/%d", present, total)
	}
	return fmt.Sprintf("%d/%d (%s)", present, total, percent(present, total))
}

// percent is "90%", rounded down; "" when total is 0.
func percent(present, total int) string {
	if total <= 0 {
		return ""
	}
	return fmt.Sprintf("%d%%", present*100/total)
}

// strs are a language's words.
type strs struct {
	title, date, site, door, allDoors                         string
	entries, exits, people, inside, rejected                  string
	scanned                                                   string // "%s đã quét: %s"
	groups, group, present, total, share                      string
	missing, name, unit, expectedBy, none                     string
	guests, guest, idNumber, scanAt, decision, decided        string
	admitted, refused                                         string
	warnings, time, kind, message, resolved, open, resolvedAt string
	made, page                                                string
	summary, figure, value                                    string
	sheetMissing, sheetGuests, sheetWarnings                  string // XLSX sheet names (31 characters at most)
	kinds                                                     map[canhcua.WarningKind]string
}

var langs = map[string]strs{
	"vi": {
		title: "BÁO CÁO KIỂM SOÁT RA VÀO", date: "Ngày", site: "Đơn vị", door: "Cửa", allDoors: "Tất cả các cửa",
		entries: "Lượt vào", exits: "Lượt ra", people: "Số người", inside: "Còn bên trong", rejected: "Mã bị từ chối",
		scanned: "%s đã quét: %s",
		groups:  "Tỷ lệ đã quét", group: "Nhóm", present: "Đã quét", total: "Tổng số", share: "Tỷ lệ",
		missing: "Danh sách chưa quét", name: "Họ và tên", unit: "Đơn vị / Chức vụ", expectedBy: "Hạn quét", none: "Không có",
		guests: "Khách ngoài danh sách", guest: "Khách", idNumber: "Số định danh", scanAt: "Lúc quét",
		decision: "Quyết định", decided: "Lúc quyết định", admitted: "Cho vào", refused: "Từ chối",
		warnings: "Cảnh báo trong ngày", time: "Thời gian", kind: "Loại", message: "Nội dung",
		resolved: "Đã xử lý", open: "Chưa xử lý", resolvedAt: "Xử lý lúc",
		made: "Lập lúc", page: "Trang %d/{nb}",
		summary: "Tổng hợp", figure: "Chỉ tiêu", value: "Số liệu",
		sheetMissing: "Chưa quét", sheetGuests: "Khách", sheetWarnings: "Cảnh báo",
		kinds: map[canhcua.WarningKind]string{
			canhcua.WarnNotScanned:  "Chưa quét",
			canhcua.WarnNotOnRoster: "Ngoài danh sách",
			canhcua.WarnStillInside: "Còn bên trong khi đóng cửa",
			canhcua.WarnNoScan:      "Đi qua không quét",
			canhcua.WarnCamera:      "Sự cố camera",
		},
	},
	"en": {
		title: "DOOR CHECK-IN REPORT", date: "Date", site: "Office", door: "Door", allDoors: "All doors",
		entries: "Entries", exits: "Exits", people: "People", inside: "Still inside", rejected: "Rejected codes",
		scanned: "%s scanned: %s",
		groups:  "Share scanned", group: "Group", present: "Scanned", total: "Total", share: "Share",
		missing: "Expected people who did not scan", name: "Name", unit: "Unit / position", expectedBy: "Expected by", none: "None",
		guests: "Guests not on the roster", guest: "Guest", idNumber: "ID number", scanAt: "Scanned at",
		decision: "Decision", decided: "Decided at", admitted: "Admitted", refused: "Refused",
		warnings: "Warnings of the day", time: "Time", kind: "Kind", message: "Message",
		resolved: "Resolved", open: "Open", resolvedAt: "Resolved at",
		made: "Made at", page: "Page %d/{nb}",
		summary: "Summary", figure: "Figure", value: "Value",
		sheetMissing: "Not scanned", sheetGuests: "Guests", sheetWarnings: "Warnings",
		kinds: map[canhcua.WarningKind]string{
			canhcua.WarnNotScanned:  "Not scanned",
			canhcua.WarnNotOnRoster: "Not on the roster",
			canhcua.WarnStillInside: "Still inside at closing",
			canhcua.WarnNoScan:      "Passed without scanning",
			canhcua.WarnCamera:      "Camera trouble",
		},
	},
}

// Write writes the report of d to w in format ("text", "csv", "xlsx" or
// "pdf"), in lang ("vi", the default when "", or "en").
func Write(w io.Writer, format string, d Day, lang string) error {
	if lang == "" {
		lang = "vi"
	}
	l, ok := langs[lang]
	if !ok {
		return canhcua.Errorf(canhcua.EINVALID, "report language %q: want vi or en", lang)
	}
	if d.Date.Location() == time.UTC || d.Date.Location() == nil {
		d.Date = d.Date.In(defaultLocation())
	}
	r := &rep{d: d, l: l, lang: lang, loc: d.Date.Location()}
	var err error
	switch strings.ToLower(format) {
	case "text", "txt":
		err = r.text(w)
	case "csv":
		err = r.csv(w)
	case "xlsx":
		err = r.xlsx(w)
	case "pdf":
		err = r.pdf(w)
	default:
		return canhcua.Errorf(canhcua.EINVALID, "report format %q: want text, csv, xlsx or pdf", format)
	}
	if err != nil {
		return fmt.Errorf("report %s: %w", format, err)
	}
	return nil
}

// DefaultName is the file name of a day's report: "canhcua-report-2026-11-27.pdf"
// ("….txt" for text).
func DefaultName(day time.Time, format string) string {
	ext := strings.ToLower(format)
	if ext == "text" {
		ext = "txt"
	}
	return "canhcua-report-" + day.Format(time.DateOnly) + "." + ext
}

func defaultLocation() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// rep is one report being written.
type rep struct {
	d    Day
	l    strs
	lang string
	loc  *time.Location
}

// clean makes user text (names, messages) one safe line.
func clean(s string) string { return canhcua.Sanitize(s, 0) }

func (r *rep) dateString() string { return r.d.Date.Format("02/01/2006") }

func (r *rep) doorString() string {
	if r.d.Door == "" {
		return r.l.allDoors
	}
	return clean(r.d.Door)
}

func (r *rep) hm(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(r.loc).Format("15:04")
}

func (r *rep) hms(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(r.loc).Format("15:04:05")
}

// figures are the summary's label/value pairs.
func (r *rep) figures() [][2]string {
	c := r.d.Counts
	return [][2]string{
		{r.l.entries, fmt.Sprint(c.Entries)},
		{r.l.exits, fmt.Sprint(c.Exits)},
		{r.l.people, fmt.Sprint(c.People)},
		{r.l.inside, fmt.Sprint(c.Inside)},
		{r.l.rejected, fmt.Sprint(c.Rejected)},
	}
}

// scannedLine is "Cán bộ đã quét: 27/30 (90%)".
func (r *rep) scannedLine(g Group) string {
	return fmt.Sprintf(r.l.scanned, clean(g.Name), Share(g.Present, g.Total))
}

// missingRow is one expected person who did not scan: group, name, unit,
// expected-by time.
type missingRow struct{ group, name, unit, expected string }

func (r *rep) missingRows() []missingRow {
	var rows []missingRow
	for _, g := range r.d.Groups {
		for _, m := range g.Missing {
			exp := m.ExpectedBy
			if exp < 0 {
				exp = g.ExpectedBy
			}
			e := ""
			if exp >= 0 {
				e = fmt.Sprintf("%02d:%02d", exp/60, exp%60)
			}
			rows = append(rows, missingRow{clean(g.Name), clean(m.Name), clean(m.Unit), e})
		}
	}
	return rows
}

// guestRow: time, name, masked ID, door, decision, decided at.
func (r *rep) guestRow(g Guest) []string {
	dec := r.l.refused
	if g.Admitted {
		dec = r.l.admitted
	}
	return []string{r.hms(g.At), clean(g.Name), canhcua.MaskID(clean(g.IDNumber)), clean(g.Door), dec, r.hms(g.Decided)}
}

func (r *rep) guestHeaders() []string {
	return []string{r.l.scanAt, r.l.name, r.l.idNumber, r.l.door, r.l.decision, r.l.decided}
}

// warningRow: time, door, kind, message, state (resolved at, or open).
func (r *rep) warningRow(w canhcua.Warning) []string {
	msg := w.Message
	if r.lang != "en" && w.MessageVI != "" {
		msg = w.MessageVI
	}
	kind, ok := r.l.kinds[w.Kind]
	if !ok {
		kind = string(w.Kind)
	}
	state := r.l.open
	if !w.Resolved.IsZero() {
		state = r.l.resolved + " " + r.hm(w.Resolved)
	}
	return []string{r.hms(w.At), clean(w.Door), kind, clean(msg), state}
}

func (r *rep) warningHeaders() []string {
	return []string{r.l.time, r.l.door, r.l.kind, r.l.message, r.l.resolvedAt}
}

func (r *rep) madeString() string {
	if r.d.Made.IsZero() {
		return ""
	}
	return r.l.made + " " + r.d.Made.In(r.loc).Format("02/01/2006 15:04")
}
