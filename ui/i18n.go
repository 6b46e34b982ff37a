package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/canhcua/canhcua"
)

// catalog holds every string the screen shows, in one language. vi is the
// default; en is the other. Add a string here, in both, and nowhere else.
type catalog struct {
	Lang     string // "vi" or "en"
	App      string
	DoorName string // "Cửa: %s"

	ModeLabel  string
	ModeIn     string
	ModeOut    string
	ModeToggle string
	DirIn      string
	DirOut     string

	Camera        string // "Camera"
	CameraNone    string // no camera configured
	CameraFPS     string // "%.1f khung/s"
	CameraAge     string // "khung cuối %s trước"
	CameraNoFrame string // no frame yet
	CameraStalled string // "KHÔNG CÓ HÌNH %s"
	CameraErr     string // "LỖI: %s"

	Inside   string
	Entries  string
	Exits    string
	People   string
	Rejected string
	PerHour  string // label before the sparkline
	PeakHour string // "cao nhất %d/giờ"

	Loading     string
	NoScanToday string
	WaitingHint string

	BannerAccepted  string
	BannerDuplicate func(ago string) string
	BannerNotCount  string
	BannerRejected  string
	BannerVoided    string
	BannerError     string
	BannerErrorHint string
	At              string // "lúc %s"
	IDLabel         string
	Reason          string

	ColTime   string
	ColDir    string
	ColName   string
	ColID     string
	ColKind   string
	ColResult string
	NoRows    string
	NoMatch   string // "không có lượt nào khớp %q"

	ResAccepted  string
	ResDuplicate string
	ResRejected  string
	ResVoided    string

	Kinds map[canhcua.Kind]string

	Unnamed string // a scan without a name

	// Status line.
	Exported      string // "Đã xuất: %s"
	ExportFailed  string // "Xuất lỗi: %s"
	Exporting     string
	ModeChanged   string // "Chiều: %s"
	LoadFailed    string // "Không tải được dữ liệu: %s"
	NothingToVoid string
	CannotVoid    string // "Lượt cuối (%s) không hủy được"
	VoidAsk       string // "Hủy lượt %s %s (%s)? y/n"
	VoidCanceled  string
	VoidFailed    string // "Không hủy được: %s"
	VoidReason    string // stored as the void's reason
	Voided        string // "Đã hủy lượt %s %s"
	WedgeIgnored  string // "Bỏ qua %d ký tự gõ nhanh không có Enter"
	ReadsClosed   string

	// Manual entry.
	ManualTitle   string
	ManualName    string
	ManualID      string
	ManualIDHint  string // placeholder of the ID field
	ManualNeedNm  string
	ManualHint    string
	FilterPrompt  string
	FilterActive  string // "Lọc: %s"
	FilterResults string // "%d kết quả"

	// Help.
	HelpQuit    string
	HelpDir     string
	HelpExport  string
	HelpManual  string
	HelpVoid    string
	HelpFilter  string
	HelpHelp    string
	HelpSave    string
	HelpCancel  string
	HelpNext    string
	HelpYes     string
	HelpNo      string
	HelpApply   string
	HelpClearFl string

	Seconds func(d time.Duration) string // "45 giây", "1 phút 20 giây"

	// Warnings and held scans.
	WarnCount    string // "⚠ %d cảnh báo"
	WarnMore     string // "… và %d cảnh báo khác"
	WarnKinds    map[canhcua.WarningKind]string
	ResHeld      string
	BannerHeld   string
	HeldAsk      string // "%s %s không có trong danh sách: a cho vào (khách) · r từ chối"
	HeldAdmitted string // "Đã cho %s vào với tư cách khách"
	HeldRefused  string
	HeldFailed   string
	HelpAdmit    string
	HelpRefuse   string
}

var catalogs = map[string]*catalog{"vi": &vi, "en": &en}

// lookup returns the catalog of lang, vi when lang is unknown or empty.
func lookup(lang string) *catalog {
	if c, ok := catalogs[lang]; ok {
		return c
	}
	return &vi
}

var vi = catalog{
	Lang:     "vi",
	App:      "CANH CỬA",
	DoorName: "Cửa: %s",

	ModeLabel:  "Chiều",
	ModeIn:     "VÀO",
	ModeOut:    "RA",
	ModeToggle: "TỰ ĐỘNG",
	DirIn:      "VÀO",
	DirOut:     "RA",

	Camera:        "Camera",
	CameraNone:    "Camera: không có",
	CameraFPS:     "%.1f khung/s",
	CameraAge:     "khung cuối %s trước",
	CameraNoFrame: "CHƯA CÓ KHUNG HÌNH",
	CameraStalled: "KHÔNG CÓ HÌNH %s",
	CameraErr:     "LỖI: %s",

	Inside:   "Đang ở trong",
	Entries:  "Lượt vào",
	Exits:    "Lượt ra",
	People:   "Số người",
	Rejected: "Từ chối",
	PerHour:  "Theo giờ",
	PeakHour: "cao nhất %d/giờ",

	Loading:     "Đang tải…",
	NoScanToday: "CHƯA CÓ LƯỢT QUÉT NÀO HÔM NAY",
	WaitingHint: "Đưa mã QR trước camera",

	BannerAccepted:  "ĐÃ GHI NHẬN",
	BannerDuplicate: func(ago string) string { return "ĐÃ QUÉT " + strings.ToUpper(ago) + " TRƯỚC" },
	BannerNotCount:  "không tính thêm lượt",
	BannerRejected:  "TỪ CHỐI",
	BannerVoided:    "ĐÃ HỦY",
	BannerError:     "LỖI GHI — CHƯA LƯU",
	BannerErrorHint: "Lượt quét này CHƯA được ghi. Hãy quét lại.",
	At:              "lúc %s",
	IDLabel:         "Số ĐD",
	Reason:          "Lý do",

	ColTime:   "Giờ",
	ColDir:    "Chiều",
	ColName:   "Họ tên",
	ColID:     "Số ĐD",
	ColKind:   "Loại",
	ColResult: "Kết quả",
	NoRows:    "Chưa có lượt quét nào hôm nay.",
	NoMatch:   "Không có lượt nào khớp “%s”.",

	ResAccepted:  "Ghi nhận",
	ResDuplicate: "Trùng",
	ResRejected:  "Từ chối",
	ResVoided:    "Đã hủy",

	Kinds: map[canhcua.Kind]string{
		canhcua.KindCCCD:    "CCCD",
		canhcua.KindCanCuoc: "Căn cước",
		canhcua.KindHC1:     "HC1",
		canhcua.KindToken:   "Mã cá nhân",
		canhcua.KindBadge:   "Thẻ",
		canhcua.KindPayment: "Thanh toán",
		canhcua.KindManual:  "Nhập tay",
		canhcua.KindText:    "Mã khác",
	},

	Unnamed: "(không tên)",

	Exported:      "Đã xuất: %s",
	ExportFailed:  "Xuất lỗi: %s",
	Exporting:     "Đang xuất…",
	ModeChanged:   "Chiều: %s",
	LoadFailed:    "Không tải được dữ liệu: %s",
	NothingToVoid: "Không có lượt quét nào để hủy.",
	CannotVoid:    "Lượt cuối (%s) không hủy được: chỉ hủy được lượt đã ghi nhận.",
	VoidAsk:       "Hủy lượt %s %s (%s)? y = có, n = không",
	VoidCanceled:  "Đã bỏ, không hủy.",
	VoidFailed:    "Không hủy được: %s",
	VoidReason:    "người trực hủy",
	Voided:        "Đã hủy lượt %s %s.",
	WedgeIgnored:  "Bỏ qua %d ký tự gõ nhanh không kết thúc bằng Enter.",
	ReadsClosed:   "Camera đã dừng gửi mã.",

	ManualTitle:   "NHẬP TAY",
	ManualName:    "Họ tên",
	ManualID:      "Số ĐD (không bắt buộc)",
	ManualIDHint:  "12 chữ số",
	ManualNeedNm:  "Cần nhập họ tên.",
	ManualHint:    "Enter: lưu · Tab: ô kế · Esc: hủy",
	FilterPrompt:  "Tìm: ",
	FilterActive:  "Lọc: %s",
	FilterResults: "%d kết quả",

	WarnCount: "⚠ %d cảnh báo",
	WarnMore:  "… và %d cảnh báo khác",
	WarnKinds: map[canhcua.WarningKind]string{
		canhcua.WarnNotScanned:  "Chưa quét",
		canhcua.WarnNotOnRoster: "Ngoài danh sách",
		canhcua.WarnStillInside: "Còn trong phòng",
		canhcua.WarnNoScan:      "Đi qua không quét",
		canhcua.WarnCamera:      "Camera",
	},
	ResHeld:      "Chờ duyệt",
	BannerHeld:   "CHỜ NGƯỜI TRỰC DUYỆT",
	HeldAsk:      "%s %s không có trong danh sách — a: cho vào (khách) · r: từ chối",
	HeldAdmitted: "Đã cho %s vào với tư cách khách",
	HeldRefused:  "Đã từ chối %s",
	HeldFailed:   "Không lưu được quyết định: %s",
	HelpAdmit:    "cho vào",
	HelpRefuse:   "từ chối",

	HelpQuit:    "thoát",
	HelpDir:     "đổi chiều",
	HelpExport:  "xuất",
	HelpManual:  "nhập tay",
	HelpVoid:    "hủy lượt",
	HelpFilter:  "tìm",
	HelpHelp:    "trợ giúp",
	HelpSave:    "lưu",
	HelpCancel:  "hủy",
	HelpNext:    "ô kế",
	HelpYes:     "có",
	HelpNo:      "không",
	HelpApply:   "giữ bộ lọc",
	HelpClearFl: "bỏ lọc",

	Seconds: func(d time.Duration) string {
		s := int(d / time.Second)
		if s < 60 {
			return fmt.Sprintf("%d giây", s)
		}
		if s < 3600 {
			return fmt.Sprintf("%d phút %d giây", s/60, s%60)
		}
		return fmt.Sprintf("%d giờ %d phút", s/3600, s%3600/60)
	},
}

var en = catalog{
	Lang:     "en",
	App:      "CANHCUA",
	DoorName: "Door: %s",

	ModeLabel:  "Direction",
	ModeIn:     "IN",
	ModeOut:    "OUT",
	ModeToggle: "TOGGLE",
	DirIn:      "IN",
	DirOut:     "OUT",

	Camera:        "Camera",
	CameraNone:    "Camera: none",
	CameraFPS:     "%.1f frames/s",
	CameraAge:     "last frame %s ago",
	CameraNoFrame: "NO FRAME YET",
	CameraStalled: "NO FRAME FOR %s",
	CameraErr:     "ERROR: %s",

	Inside:   "Inside now",
	Entries:  "Entries",
	Exits:    "Exits",
	People:   "People",
	Rejected: "Rejected",
	PerHour:  "Per hour",
	PeakHour: "peak %d/h",

	Loading:     "Loading…",
	NoScanToday: "NO SCANS YET TODAY",
	WaitingHint: "Show a QR code to the camera",

	BannerAccepted:  "ACCEPTED",
	BannerDuplicate: func(ago string) string { return "ALREADY SCANNED " + ago + " AGO" },
	BannerNotCount:  "not counted again",
	BannerRejected:  "REJECTED",
	BannerVoided:    "VOIDED",
	BannerError:     "NOT SAVED",
	BannerErrorHint: "This scan was NOT recorded. Please scan again.",
	At:              "at %s",
	IDLabel:         "ID",
	Reason:          "Reason",

	ColTime:   "Time",
	ColDir:    "Dir",
	ColName:   "Name",
	ColID:     "ID",
	ColKind:   "Kind",
	ColResult: "Result",
	NoRows:    "No scans yet today.",
	NoMatch:   "No scan matches “%s”.",

	ResAccepted:  "Accepted",
	ResDuplicate: "Duplicate",
	ResRejected:  "Rejected",
	ResVoided:    "Voided",

	Kinds: map[canhcua.Kind]string{
		canhcua.KindCCCD:    "CCCD",
		canhcua.KindCanCuoc: "Căn cước",
		canhcua.KindHC1:     "HC1",
		canhcua.KindToken:   "Token",
		canhcua.KindBadge:   "Badge",
		canhcua.KindPayment: "Payment",
		canhcua.KindManual:  "Manual",
		canhcua.KindText:    "Other",
	},

	Unnamed: "(no name)",

	Exported:      "Exported: %s",
	ExportFailed:  "Export failed: %s",
	Exporting:     "Exporting…",
	ModeChanged:   "Direction: %s",
	LoadFailed:    "Could not load data: %s",
	NothingToVoid: "No scan to void.",
	CannotVoid:    "The last scan (%s) cannot be voided: only accepted scans can.",
	VoidAsk:       "Void scan %s %s (%s)? y = yes, n = no",
	VoidCanceled:  "Not voided.",
	VoidFailed:    "Could not void: %s",
	VoidReason:    "voided at the desk",
	Voided:        "Voided scan %s %s.",
	WedgeIgnored:  "Ignored %d fast-typed characters not ended by Enter.",
	ReadsClosed:   "The camera stopped sending codes.",

	ManualTitle:   "MANUAL ENTRY",
	ManualName:    "Name",
	ManualID:      "ID number (optional)",
	ManualIDHint:  "12 digits",
	ManualNeedNm:  "A name is required.",
	ManualHint:    "Enter: save · Tab: next field · Esc: cancel",
	FilterPrompt:  "Search: ",
	FilterActive:  "Filter: %s",
	FilterResults: "%d found",

	WarnCount: "⚠ %d warning(s)",
	WarnMore:  "… and %d more warning(s)",
	WarnKinds: map[canhcua.WarningKind]string{
		canhcua.WarnNotScanned:  "Not scanned",
		canhcua.WarnNotOnRoster: "Not on roster",
		canhcua.WarnStillInside: "Still inside",
		canhcua.WarnNoScan:      "Passed without scanning",
		canhcua.WarnCamera:      "Camera",
	},
	ResHeld:      "Held",
	BannerHeld:   "WAITING FOR YOU",
	HeldAsk:      "%s %s is not on the roster — a: admit as guest · r: refuse",
	HeldAdmitted: "%s admitted as a guest",
	HeldRefused:  "%s refused",
	HeldFailed:   "The decision was not saved: %s",
	HelpAdmit:    "admit",
	HelpRefuse:   "refuse",

	HelpQuit:    "quit",
	HelpDir:     "direction",
	HelpExport:  "export",
	HelpManual:  "manual",
	HelpVoid:    "void last",
	HelpFilter:  "search",
	HelpHelp:    "help",
	HelpSave:    "save",
	HelpCancel:  "cancel",
	HelpNext:    "next field",
	HelpYes:     "yes",
	HelpNo:      "no",
	HelpApply:   "keep filter",
	HelpClearFl: "clear filter",

	Seconds: func(d time.Duration) string {
		s := int(d / time.Second)
		if s < 60 {
			return fmt.Sprintf("%d s", s)
		}
		if s < 3600 {
			return fmt.Sprintf("%d min %d s", s/60, s%60)
		}
		return fmt.Sprintf("%d h %d min", s/3600, s%3600/60)
	},
}

func (c *catalog) mode(m canhcua.Mode) string {
	switch m {
	case canhcua.ModeOut:
		return c.ModeOut
	case canhcua.ModeToggle:
		return c.ModeToggle
	}
	return c.ModeIn
}

func (c *catalog) dir(d canhcua.Direction) string {
	if d == canhcua.Out {
		return c.DirOut
	}
	return c.DirIn
}

func (c *catalog) result(r canhcua.Result) string {
	switch r {
	case canhcua.Accepted:
		return c.ResAccepted
	case canhcua.Duplicate:
		return c.ResDuplicate
	case canhcua.Rejected:
		return c.ResRejected
	case canhcua.Voided:
		return c.ResVoided
	case canhcua.Held:
		return c.ResHeld
	}
	return string(r)
}

func (c *catalog) warnKind(k canhcua.WarningKind) string {
	if s, ok := c.WarnKinds[k]; ok {
		return s
	}
	return string(k)
}

func (c *catalog) kind(k canhcua.Kind) string {
	if s, ok := c.Kinds[k]; ok {
		return s
	}
	return string(k)
}
