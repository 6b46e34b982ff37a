package catalog

// vi holds the texts in Vietnamese: the default language.
var vi = map[Key]string{
	// The desk's screen (ui).
	UIApp:                  "CANH CỬA",
	UIDoorName:             "Cửa: %s",
	UIModeLabel:            "Chiều",
	UIModeIn:               "VÀO",
	UIModeOut:              "RA",
	UIModeToggle:           "TỰ ĐỘNG",
	UIDirIn:                "VÀO",
	UIDirOut:               "RA",
	UICamera:               "Camera",
	UICameraNone:           "Camera: không có",
	UICameraFPS:            "%.1f khung/s",
	UICameraAge:            "khung cuối %s trước",
	UICameraNoFrame:        "CHƯA CÓ KHUNG HÌNH",
	UICameraStalled:        "KHÔNG CÓ HÌNH %s",
	UICameraErr:            "LỖI: %s",
	UIInside:               "Đang ở trong",
	UIEntries:              "Lượt vào",
	UIExits:                "Lượt ra",
	UIPeople:               "Số người",
	UIRejected:             "Từ chối",
	UIPerHour:              "Theo giờ",
	UIPeakHour:             "cao nhất %d/giờ",
	UILoading:              "Đang tải…",
	UINoScanToday:          "CHƯA CÓ LƯỢT QUÉT NÀO HÔM NAY",
	UIWaitingHint:          "Đưa mã QR trước camera",
	UIBannerAccepted:       "ĐÃ GHI NHẬN",
	UIBannerDuplicate:      "ĐÃ QUÉT %s TRƯỚC",
	UIBannerNotCount:       "không tính thêm lượt",
	UIBannerRejected:       "TỪ CHỐI",
	UIBannerVoided:         "ĐÃ HỦY",
	UIBannerError:          "LỖI GHI — CHƯA LƯU",
	UIBannerErrorHint:      "Lượt quét này CHƯA được ghi. Hãy quét lại.",
	UIBannerHintFull:       "Giải phóng chỗ trên ổ đĩa rồi quét lại.",
	UIBannerHintReadOnly:   "Báo người quản lý máy: cần quyền ghi vào cơ sở dữ liệu.",
	UIBannerHintIO:         "Kiểm tra ổ đĩa rồi quét lại.",
	UIStorageAlarm:         "⚠ KHÔNG LƯU ĐƯỢC LƯỢT QUÉT — %s",
	UIBannerHeld:           "CHỜ NGƯỜI TRỰC DUYỆT",
	UIAt:                   "lúc %s",
	UIIDLabel:              "Số ĐD",
	UIReason:               "Lý do",
	UIColTime:              "Giờ",
	UIColDir:               "Chiều",
	UIColName:              "Họ tên",
	UIColID:                "Số ĐD",
	UIColKind:              "Loại",
	UIColResult:            "Kết quả",
	UINoRows:               "Chưa có lượt quét nào hôm nay.",
	UINoMatch:              "Không có lượt nào khớp “%s”.",
	UIResAccepted:          "Ghi nhận",
	UIResDuplicate:         "Trùng",
	UIResRejected:          "Từ chối",
	UIResVoided:            "Đã hủy",
	UIResHeld:              "Chờ duyệt",
	UIKindCCCD:             "CCCD",
	UIKindCanCuoc:          "Căn cước",
	UIKindHC1:              "HC1",
	UIKindToken:            "Mã cá nhân",
	UIKindBadge:            "Thẻ",
	UIKindPayment:          "Thanh toán",
	UIKindManual:           "Nhập tay",
	UIKindText:             "Mã khác",
	UIUnnamed:              "(không tên)",
	UIExported:             "Đã xuất: %s",
	UIExportFailed:         "Xuất lỗi: %s",
	UIExporting:            "Đang xuất…",
	UIModeChanged:          "Chiều: %s",
	UILoadFailed:           "Không tải được dữ liệu: %s",
	UINothingToVoid:        "Không có lượt quét nào để hủy.",
	UICannotVoid:           "Lượt cuối (%s) không hủy được: chỉ hủy được lượt đã ghi nhận.",
	UIVoidAsk:              "Hủy lượt %s %s (%s)? y = có, n = không",
	UIVoidCanceled:         "Đã bỏ, không hủy.",
	UIVoidFailed:           "Không hủy được: %s",
	UIVoidReason:           "người trực hủy",
	UIVoided:               "Đã hủy lượt %s %s.",
	UIWedgeIgnored:         "Bỏ qua %d ký tự gõ nhanh không kết thúc bằng Enter.",
	UIReadsClosed:          "Camera đã dừng gửi mã.",
	UIManualTitle:          "NHẬP TAY",
	UIManualName:           "Họ tên",
	UIManualID:             "Số ĐD (không bắt buộc)",
	UIManualIDHint:         "12 chữ số",
	UIManualNeedName:       "Cần nhập họ tên.",
	UIFilterPrompt:         "Tìm: ",
	UIFilterActive:         "Lọc: %s",
	UIFilterResults:        "%d kết quả",
	UIWarnCount:            "⚠ %d cảnh báo",
	UIWarnMore:             "… và %d cảnh báo khác",
	UIWarnNotScanned:       "Chưa quét",
	UIWarnNotOnRoster:      "Ngoài danh sách",
	UIWarnStillInside:      "Còn trong phòng",
	UIWarnNoScan:           "Đi qua không quét",
	UIWarnCamera:           "Camera",
	UIHeldAsk:              "%s %s không có trong danh sách — a: cho vào (khách) · r: từ chối",
	UIHeldAdmitted:         "Đã cho %s vào với tư cách khách",
	UIHeldRefused:          "Đã từ chối %s",
	UIHeldFailed:           "Không lưu được quyết định: %s",
	UINoWarnings:           "Không có cảnh báo nào.",
	UIWarnChecked:          "đã kiểm tra %s",
	UIWarnFalseAlarm:       "báo nhầm %s",
	UIWarnUndecided:        "Chưa xem xét: đã kiểm tra (c) hay báo nhầm (f)?",
	UIWarnDecidedAs:        "Đã ghi: %s (cảnh báo lúc %s).",
	UIWarnDecideFailed:     "Không ghi được quyết định: %s",
	UISnapLoading:          "Đang mở ảnh…",
	UISnapNone:             "Cảnh báo này không có ảnh.",
	UISnapFailed:           "Không mở được ảnh %s: %s",
	UISnapTooLarge:         "ảnh quá lớn (%d×%d điểm ảnh)",
	UIHelpWarnings:         "cảnh báo",
	UIHelpWarnMove:         "chọn",
	UIHelpWarnOpen:         "xem",
	UIHelpChecked:          "đã kiểm tra",
	UIHelpFalseAlarm:       "báo nhầm",
	UIHelpBack:             "quay lại",
	UIHelpAdmit:            "cho vào",
	UIHelpRefuse:           "từ chối",
	UIHelpQuit:             "thoát",
	UIHelpDir:              "đổi chiều",
	UIHelpExport:           "xuất",
	UIHelpManual:           "nhập tay",
	UIHelpVoid:             "hủy lượt",
	UIHelpFilter:           "tìm",
	UIHelpHelp:             "trợ giúp",
	UIHelpSave:             "lưu",
	UIHelpCancel:           "hủy",
	UIHelpNext:             "ô kế",
	UIHelpYes:              "có",
	UIHelpNo:               "không",
	UIHelpApply:            "giữ bộ lọc",
	UIHelpClearFilter:      "bỏ lọc",
	UISeconds:              "%d giây",
	UIMinutesSeconds:       "%d phút %d giây",
	UIHoursMinutes:         "%d giờ %d phút",
	UIBannerSeconds:        "%d GIÂY",
	UIBannerMinutesSeconds: "%d PHÚT %d GIÂY",
	UIBannerHoursMinutes:   "%d GIỜ %d PHÚT",
	UIDemoNotice:           "Không tìm thấy camera: đang chạy demo, người giả lập được ghi riêng, không vào sổ thật, tại %s",
	UISyncOnline:           "đồng bộ: %d chờ · %s trước",
	UISyncOffline:          "ngoại tuyến — %d lượt chờ gửi",
	UISyncSite:             "cả đơn vị: %d đang ở trong · %d người",
	UIDemoAsked:            "Nguồn demo: người giả lập được ghi riêng, không vào sổ thật, tại %s",
	UIDemo:                 "DEMO",
	UICameraRetrying:       "CAMERA GẶP SỰ CỐ: %s — thử lại mỗi 2 giây",

	// Why a code is refused (a scan's reason).
	RejectCode:            "Mã bị từ chối",
	RejectTooLong:         "Mã quá dài",
	RejectEmpty:           "Mã rỗng",
	RejectPayment:         "Đây là mã thanh toán, không phải mã check-in",
	RejectUnknown:         "Mã không xác định",
	RejectHC1Damaged:      "Chứng nhận y tế bị hỏng",
	RejectHC1Signature:    "Chữ ký chứng nhận y tế không hợp lệ (giả hoặc đã bị sửa)",
	RejectHC1Usage:        "Bên ký chứng nhận y tế không được phép cấp loại chứng nhận này (khóa chỉ dành cho xét nghiệm, tiêm chủng hoặc khỏi bệnh)",
	RejectNotBadge:        "Không phải thẻ canhcua",
	RejectBadgeNoKey:      "Chưa cấu hình khóa thẻ, không kiểm tra được thẻ",
	RejectBadgeMalformed:  "Thẻ bị hỏng",
	RejectBadgeSignature:  "Chữ ký thẻ không hợp lệ (thẻ giả hoặc đã bị sửa)",
	RejectBadgeNoID:       "Thẻ không có mã số",
	RejectIDDigits:        "Số định danh phải có 12 chữ số",
	RejectNoName:          "Thiếu họ tên",
	RejectBirthNotDate:    "Ngày sinh không hợp lệ",
	RejectBirthImpossible: "Ngày sinh không hợp lệ",
	RejectSex:             "Giới tính không hợp lệ",
	RejectIssueNotDate:    "Ngày cấp không hợp lệ",
	HoldNotOnRoster:       "không có trong danh sách %s",
	DecideAdmitted:        "cho vào với tư cách khách",
	DecideRefused:         "không có trong danh sách: người trực từ chối",

	// What is odd but usable about a code (an identity's notes).
	NotePaymentDamaged:   "mã thanh toán bị hỏng: %v",
	NoteVietQR:           "mã chuyển khoản VietQR",
	NoteUnknownGuest:     "mã không xác định được ghi nhận là khách",
	NoteLatin1:           "văn bản bị đọc nhầm thành Latin-1 và đã được sửa",
	NoteCertExpired:      "chứng nhận hết hạn ngày %s",
	NoteOldID:            "số CMND cũ %q không có 9 hoặc 12 chữ số",
	NoteNameBytes:        "họ tên có byte không giải mã được",
	NoteNameDigits:       "họ tên có chữ số",
	NoteSexMissing:       "thiếu giới tính",
	NoteSexWritten:       "giới tính ghi là %q",
	NoteASCIIName:        "họ tên không dấu: máy quét có thể đang ở chế độ ASCII",
	NoteIssueMissing:     "thiếu ngày cấp",
	NoteIssueBeforeBirth: "ngày cấp trước ngày sinh",
	NoteIssueFuture:      "ngày cấp ở tương lai",
	NoteIssueTooEarly:    "ngày cấp trước khi có thẻ 12 số (2016)",
	NoteProvince:         "mã tỉnh %s trong số định danh không xác định",
	NoteBirthYear:        "số định danh không khớp năm sinh",
	NoteSexMismatch:      "số định danh không khớp giới tính",
	NoteNoTrustList:      "chưa kiểm tra chữ ký: chưa cấu hình danh sách tin cậy",
	NoteUnknownSigner:    "chưa kiểm tra chữ ký: bên ký %s không có trong danh sách tin cậy",
	NoteUnsupportedAlg:   "chưa kiểm tra chữ ký: thuật toán %s không được hỗ trợ",

	// Warnings for the supervisor (stored in both languages).
	WarnNotScanned:  "%s: %d/%d đã quét; chưa quét: %s",
	WarnMoreNames:   "và %d người khác",
	WarnStillInside: "%s vẫn còn bên trong lúc đóng cửa (vào lúc %s, chưa quét ra)",
	WarnNotOnRoster: "%s không có trong danh sách %s: cho vào với tư cách khách hay từ chối",
	WarnNoScan:      "có người đi qua camera lúc %s mà không quét mã",
	WarnCameraError: "camera: %s",

	// What is wrong with the camera (the screen's header).
	CameraNoFrames: "camera không có hình",
	CameraFrozen:   "hình camera bị đứng",
	CameraCovered:  "ống kính camera có vẻ bị che",
	CameraDark:     "hình camera quá tối",
	CameraEnded:    "hết nguồn hình",
	CameraNoAnswer: "chưa trả lời",

	// The camera's picture on the desk's screen, and what it tells the person
	// at the door.
	UIPreviewLegend:     "khung xanh: đã đọc · vàng: thấy mã, chưa đọc được",
	UIPreviewLegendGrey: "#: đã đọc · ?: thấy mã, chưa đọc được",
	UIPreviewNone:       "chưa có hình",
	UIHelpPreview:       "hình camera",
	UIGuideCloser:       "Đưa mã lại gần hơn",
	UIGuideCloserWhy:    "mã còn quá nhỏ để đọc",
	UIGuideSteady:       "Giữ yên",
	UIGuideSteadyWhy:    "hình mã bị nhòe",
	UIGuideGlare:        "Nghiêng thẻ tránh lóa",
	UIGuideGlareWhy:     "ánh sáng phản chiếu trên mã",

	// Files over canhcua's caps (camera.ErrTooBig).
	CameraFileTooBig:   "%s: %d MB, lớn hơn mức %d MB canhcua đọc trong một tệp",
	CameraImageTooBig:  "%dx%d điểm ảnh, nhiều hơn mức %d megapixel canhcua đọc trong một ảnh",
	CameraTooManyPages: "%s: %d trang, nhiều hơn mức %d trang canhcua đọc (--max-pages)",
	CameraPageTooBig:   "trang %d: %.0fx%.0f point ở %.0f dpi, nhiều hơn mức %d megapixel canhcua dựng hình",

	// Application errors (canhcua.Error messages).
	ErrInternal:           "lỗi nội bộ",
	ErrDetail:             "%s: %v",
	ErrClock:              "giờ %q: cần dạng HH:MM, ví dụ 07:30",
	ErrDirection:          "chiều %q: cần in, out hoặc toggle",
	ErrBadgeKey:           "khóa thẻ: %v",
	ErrTrustList:          "danh sách tin cậy: %v",
	ErrTrustKey:           "danh sách tin cậy, khóa %d: %v",
	ErrTrustKeyKid:        "danh sách tin cậy, khóa %d: kid: %v",
	ErrTrustKeyNoPEM:      "danh sách tin cậy, khóa %d: không có khối PEM",
	ErrTrustKeyNoKid:      "danh sách tin cậy, khóa %d: không có kid",
	ErrTrustNoKey:         "danh sách tin cậy: không dùng được khóa nào trong %d khóa",
	ErrDBPathEmpty:        "chưa có đường dẫn cơ sở dữ liệu",
	ErrDBTooNew:           "%s do một phiên bản canhcua mới hơn tạo ra (lược đồ %d, bản này biết %d): hãy cập nhật canhcua để mở",
	ErrDBLocation:         "%s tính ngày theo múi giờ %s, không phải %s",
	ErrDBReadOnly:         "cơ sở dữ liệu chỉ đọc: không ghi được",
	ErrDBOldReadOnly:      "%s do một phiên bản canhcua cũ hơn tạo ra (lược đồ %d, bản này cần %d) và đang được mở chỉ đọc: hãy mở bàn trực với tệp này một lần ở nơi ghi được để cập nhật",
	ErrDBWALReadOnly:      "không đọc được %s ở đây: nhật ký %s-wal còn giữ các lượt quét mới nhất mà thư mục không ghi được; hãy chép cả hai tệp sang một thư mục ghi được",
	ErrDiskFull:           "ổ đĩa đầy: không ghi thêm được vào cơ sở dữ liệu",
	ErrDiskIO:             "lỗi đọc/ghi ổ đĩa chứa cơ sở dữ liệu",
	ErrFileDiskFull:       "ổ đĩa đầy: không ghi được %s",
	ErrFileReadOnly:       "thư mục chỉ đọc hoặc không có quyền ghi: không ghi được %s",
	ErrRosterNameEmpty:    "tên danh sách trống",
	ErrRosterMemberNoName: "danh sách %s: người thứ %d không có tên",
	ErrExpectedBy:         "giờ hạn %d không phải một giờ trong ngày",
	ErrNoRoster:           "không có danh sách %q",
	ErrRosterWindow:       "danh sách %s: thời điểm kết thúc (--until) phải sau thời điểm bắt đầu (--from)",
	ErrDoorEmpty:          "tên cửa trống",
	ErrVoidNotAccepted:    "lượt %d đang ở trạng thái %s: chỉ hủy được lượt đã ghi nhận",
	ErrNoScan:             "không có lượt quét %d",
	ErrVacuumBusy:         "vacuum: một kết nối khác đang dùng cơ sở dữ liệu; tệp WAL chưa được dọn",
	ErrWarningNoKind:      "cảnh báo không có loại",
	ErrWarningDecision:    "quyết định %q không có: cần checked hoặc false_alarm",
	ErrNoWarning:          "không có cảnh báo số %d",
	ErrWarnNotDecidable:   "cảnh báo số %d không phải cảnh báo đi qua không quét mã: máy tự mở và tự đóng nó",
	ErrDecideNotHeld:      "lượt %d đang ở trạng thái %s: chỉ duyệt được lượt đang chờ",
	ErrExportLanguage:     "ngôn ngữ xuất %q: cần vi hoặc en",
	ErrExportFormat:       "định dạng xuất %q: cần csv, xlsx hoặc json",
	ErrCSVSeparator:       "dấu phân cách CSV %q không dùng được: cần \",\", \";\", \"tab\" hoặc \"|\"",
	ErrReportLanguage:     "ngôn ngữ báo cáo %q: cần vi hoặc en",
	ErrReportFormat:       "định dạng báo cáo %q: cần text, csv, xlsx hoặc pdf",
	ErrOpeningHours:       "giờ mở cửa %q: cần dạng 07:00-17:30",
	ErrNoSite:             "máy chủ không có đơn vị %q",

	// A day's scans (canhcua export).
	ExportTime:        "Thời gian",
	ExportDoor:        "Cửa",
	ExportDirection:   "Chiều",
	ExportName:        "Họ và tên",
	ExportID:          "Số định danh",
	ExportKind:        "Loại",
	ExportResult:      "Kết quả",
	ExportReason:      "Lý do",
	ExportIn:          "Vào",
	ExportOut:         "Ra",
	ExportAccepted:    "Hợp lệ",
	ExportDuplicate:   "Trùng",
	ExportRejected:    "Từ chối",
	ExportVoided:      "Đã hủy",
	ExportKindCCCD:    "CCCD",
	ExportKindCanCuoc: "Căn cước",
	ExportKindHC1:     "Chứng nhận COVID",
	ExportKindToken:   "Mã cá nhân",
	ExportKindBadge:   "Thẻ",
	ExportKindPayment: "Mã thanh toán",
	ExportKindManual:  "Nhập tay",
	ExportKindText:    "Mã khác",
	ExportDemo:        "DEMO — người giả lập của nguồn demo, không phải lượt quét thật",

	// A day's report for the health office (canhcua report).
	ReportTitle:           "BÁO CÁO KIỂM SOÁT RA VÀO",
	ReportDate:            "Ngày",
	ReportSite:            "Đơn vị",
	ReportDoor:            "Cửa",
	ReportAllDoors:        "Tất cả các cửa",
	ReportEntries:         "Lượt vào",
	ReportExits:           "Lượt ra",
	ReportPeople:          "Số người",
	ReportInside:          "Còn bên trong",
	ReportRejected:        "Mã bị từ chối",
	ReportScanned:         "%s đã quét: %s",
	ReportGroups:          "Tỷ lệ đã quét",
	ReportGroup:           "Nhóm",
	ReportPresent:         "Đã quét",
	ReportTotal:           "Tổng số",
	ReportShare:           "Tỷ lệ",
	ReportMissing:         "Danh sách chưa quét",
	ReportName:            "Họ và tên",
	ReportUnit:            "Đơn vị / Chức vụ",
	ReportExpectedBy:      "Hạn quét",
	ReportNone:            "Không có",
	ReportGuests:          "Khách ngoài danh sách",
	ReportIDNumber:        "Số định danh",
	ReportScanAt:          "Lúc quét",
	ReportDecision:        "Quyết định",
	ReportDecided:         "Lúc quyết định",
	ReportAdmitted:        "Cho vào",
	ReportRefused:         "Từ chối",
	ReportWarnings:        "Cảnh báo trong ngày",
	ReportTime:            "Thời gian",
	ReportKind:            "Loại",
	ReportMessage:         "Nội dung",
	ReportResolved:        "Đã xử lý",
	ReportOpen:            "Chưa xử lý",
	ReportChecked:         "Đã kiểm tra",
	ReportFalseAlarm:      "Báo nhầm",
	ReportResolvedAt:      "Xử lý lúc",
	ReportMade:            "Lập lúc",
	ReportPage:            "Trang %d/{nb}",
	ReportSummary:         "Tổng hợp",
	ReportFigure:          "Chỉ tiêu",
	ReportValue:           "Số liệu",
	ReportSheetMissing:    "Chưa quét",
	ReportSheetGuests:     "Khách",
	ReportSheetWarnings:   "Cảnh báo",
	ReportWarnNotScanned:  "Chưa quét",
	ReportWarnNotOnRoster: "Ngoài danh sách",
	ReportWarnStillInside: "Còn bên trong khi đóng cửa",
	ReportWarnNoScan:      "Đi qua không quét",
	ReportWarnCamera:      "Sự cố camera",

	// The district's table (canhcua district): its screen and its files.
	DistrictTitle:        "TÌNH HÌNH CÁC ĐƠN VỊ",
	DistrictSummary:      "%d đơn vị · cán bộ đã quét %s · %d cửa im lặng · %d cảnh báo",
	DistrictRules:        "Đơn vị tuân thủ kém nhất ở trên cùng. Trong giờ mở cửa (%s), cửa không liên lạc quá %d phút bị đánh dấu im lặng.",
	DistrictColSite:      "Đơn vị",
	DistrictColDoors:     "Số cửa",
	DistrictColEntries:   "Lượt vào",
	DistrictColExits:     "Lượt ra",
	DistrictColPeople:    "Số người",
	DistrictColStaff:     "Cán bộ đã quét",
	DistrictColWarnings:  "Cảnh báo",
	DistrictColLastHeard: "Liên lạc cuối",
	DistrictNever:        "chưa liên lạc",
	DistrictSilent:       "IM LẶNG: %s",
	DistrictSilentDoor:   "%s %d phút",
	DistrictSheet:        "Các đơn vị",
	DistrictAllSites:     "Tất cả %d đơn vị",
	UIDistrictApp:        "PHÒNG Y TẾ HUYỆN",
	UIDistrictColSite:    "Đơn vị",
	UIDistrictColDoors:   "Cửa",
	UIDistrictColIn:      "Vào",
	UIDistrictColOut:     "Ra",
	UIDistrictColPeople:  "Người",
	UIDistrictColStaff:   "Cán bộ đã quét",
	UIDistrictColWarn:    "C.báo",
	UIDistrictColHeard:   "Liên lạc",
	UIDistrictJustNow:    "vừa xong",
	UIDistrictMinutes:    "%d phút",
	UIDistrictHours:      "%d giờ",
	UIDistrictDays:       "%d ngày",
	UIDistrictUpdated:    "cập nhật %s · tự làm mới mỗi %d giây",
	UIDistrictLoadFailed: "Không đọc được máy chủ: %s",
	UIDistrictNoSites:    "Máy chủ chưa có đơn vị nào.",
	UIDistrictFigures:    "Vào %d · Ra %d · Số người %d · Còn bên trong %d · Từ chối %d · Cảnh báo %d",
	UIDistrictDoor:       "Cửa",
	UIDistrictHeard:      "Liên lạc cuối",
	UIDistrictAgo:        "%s trước",
	UIDistrictSilent:     "IM LẶNG",
	UIDistrictStaff:      "Cán bộ đã quét: %s",
	UIDistrictMissing:    "Chưa quét (%d)",
	UIDistrictWarnings:   "Cảnh báo (%d)",
	UIDistrictNone:       "không có",
	UIDistrictBy:         "hạn %s",
	UIDistrictHelpMove:   "chọn",
	UIDistrictHelpOpen:   "xem đơn vị",
	UIDistrictHelpBack:   "quay lại",
	UIDistrictHelpScroll: "cuộn",
	UIDistrictHelpReload: "làm mới",
	// A contact trace for the health office (canhcua trace).
	TraceTitle:    "TRUY VẾT TIẾP XÚC",
	TracePerson:   "Người được truy vết",
	TraceIDNumber: "Số định danh",
	TraceBirth:    "Ngày sinh",
	TracePeriod:   "Thời gian",
	TraceSource:   "Nguồn dữ liệu",
	TracePresent:  "Có mặt: từ lúc quét vào đến lúc quét ra; không quét ra: %d phút sau khi vào; không quét vào: %d phút trước khi ra.",
	TraceClocks:   "Giờ quét của từng máy đã được hiệu chỉnh theo đồng hồ của máy chủ.",
	TraceVisits:   "Các lần có mặt",
	TraceContacts: "Người tiếp xúc",
	TraceSite:     "Đơn vị",
	TraceDoor:     "Cửa",
	TraceIn:       "Vào",
	TraceOut:      "Ra",
	TraceNote:     "Ghi chú",
	TraceNoEntry:  "không quét vào: giờ vào ước tính",
	TraceNoExit:   "không quét ra: giờ ra ước tính",
	TraceName:     "Họ và tên",
	TraceMinutes:  "Số phút",
	TraceWhen:     "Thời điểm",
	TraceNone:     "Không có",
	TraceSummary:  "Tóm tắt",
	TraceServer:   "máy chủ của huyện %s",
	TraceDeskFile: "cơ sở dữ liệu của một máy %s (đơn vị %s)",

	// Rosters read from files (canhcua roster import).
	RosterTooLarge:       "%s lớn hơn %d MB",
	RosterUnreadableCSV:  "CSV không đọc được: %v",
	RosterRowNumber:      "số thứ tự %q không phải là số",
	RosterNotRow:         "không phải một dòng của bảng",
	RosterPDFUnreadable:  "%s: không phải tệp PDF đọc được: %v",
	RosterPDFNoText:      "%s không có chữ (ảnh quét?): hãy xuất danh sách thành PDF có chữ, hoặc XLSX hay CSV",
	RosterXLSXUnreadable: "%s: không phải tệp XLSX đọc được: %v",
	RosterXLSXSheet:      "%s: trang tính %s: %v",
	RosterOldExcel:       "%s là tệp Excel cũ (.xls): hãy lưu thành .xlsx hoặc .csv",
	RosterNotFormat:      "%s không phải tệp %s",
	RosterEmptyFile:      "%s trống",
	RosterNotRoster:      "%s không phải tệp CSV, XLSX hay PDF",
	RosterNoHeader:       "%s: không tìm thấy dòng tiêu đề có cột họ tên (Họ và tên / Name)",
	RosterRowNoName:      "dòng %s không có tên",
	RosterNoName:         "không có tên",
	RosterBadID:          "số định danh %q không có 9 hoặc 12 chữ số: bỏ qua",
	RosterBadBirth:       "ngày sinh %q không phải ngày (DD/MM/YYYY): bỏ qua",
	RosterBadExpected:    "giờ hạn %q không phải giờ (HH:MM): bỏ qua",
	RosterNameDigits:     "họ tên %q có chữ số",
	RosterNotName:        "%q không phải họ tên",
	RosterCodeNoRow:      "một mã không nằm cạnh dòng nào của bảng",
	RosterCodeRowSkipped: "một mã (%s) nằm cạnh một dòng không được nhập",
	RosterCodeRejected:   "mã cạnh dòng bị từ chối: %s",
	RosterCodeOtherName:  "mã cạnh dòng là của %s, không phải của %s: không gắn",
	RosterCodeNoID:       "mã cạnh dòng (%s) không có số định danh hay mã thẻ: không gắn",
	RosterCodeOtherID:    "mã cạnh dòng có số định danh %s, dòng có %s: không gắn",
	RosterCodeOtherBadge: "mã cạnh dòng có mã thẻ %s, dòng có %s: không gắn",
	RosterProblemPage:    "trang %d, ",
	RosterProblemLine:    "dòng %d: %s",

	// The command line: all commands.
	CmdUsage: `canhcua — canh cửa: đọc mã QR ở cửa, ghi lại ai ra ai vào.

Cách dùng:
  canhcua [--source S] [--db PATH] [--door NAME] [--direction in|out|toggle] [--lang vi|en]
                                      bàn trực: đọc mã ở cửa, đếm người đang ở trong
  canhcua setup                       tên đơn vị, cửa, camera, hướng và ngôn ngữ (cũng được hỏi ở lần chạy đầu)
  canhcua cameras                     các camera mở được, với độ phân giải và số hình/giây
  canhcua export --date DD/MM/YYYY [--format csv|xlsx|json] [--to FILE] [--full-id]
                                      lượt quét trong một ngày cho cơ quan y tế
  canhcua roster import FILE [--group NAME] [--expected-by 07:30] [--only] | list | remove NAME
                                      danh sách người phải có mặt (CSV, XLSX hoặc PDF)
  canhcua report --date DD/MM/YYYY [--format text|csv|xlsx|pdf]
                                      báo cáo trong ngày cho Trung tâm Y tế huyện
  canhcua report --server URL [--site TÊN | --district]
                                      như trên, lấy từ máy chủ của huyện: một đơn vị, hoặc tất cả
  canhcua district [--server URL] [--date DD/MM/YYYY] [--format text|csv|xlsx|pdf]
                                      bảng các đơn vị của huyện (màn hình, hoặc tệp)
  canhcua purge [--days 30] [--dry-run]
                                      xóa dữ liệu cá nhân quá thời hạn lưu giữ
  canhcua trace --id NUMBER | --name "…" --birth DD/MM/YYYY [--date D | --from D --to D] [--server URL | --db PATH]
                                      truy vết: ai có mặt cùng đơn vị, cùng lúc với một người
  canhcua badge --name N --unit U | --from people.csv [--to badges.pdf]
                                      in thẻ có chữ ký cho người không có CCCD
  canhcua decode [--json] PATH...     đọc mã QR trong ảnh, video và PDF
  canhcua bench decode DIR            chấm điểm bộ giải mã trên một thư mục ảnh mẫu
  canhcua bench live [--source S]     đo đường đi của hình từ camera đến giải mã

Chạy 'canhcua COMMAND --help' để xem các tùy chọn của một lệnh.
`,
	CmdUsageOptions: `Cách dùng: %s

Tùy chọn:
`,
	CmdUnknownCommand: "lệnh %q không có (xem canhcua --help)",
	CmdFlagSep:        "dấu phân cách các cột của tệp CSV: \",\", \";\", \"tab\" hoặc \"|\" (mặc định: csv_separator trong tệp cấu hình, không thì \",\")",
	CmdUnexpectedArg:  "thừa tham số %q (xem canhcua %s --help)",
	CmdBadDate:        "ngày %q: cần dạng DD/MM/YYYY, ví dụ 27/11/2026",
	CmdBadFormat:      "định dạng %q: cần %s",
	CmdBadLanguage:    "ngôn ngữ %q: cần vi hoặc en",
	CmdDatabase:       "cơ sở dữ liệu %s: %v",
	CmdNoDatabase:     "chưa chỉ ra cơ sở dữ liệu (--db)",
	CmdConfigDefaults: "%s (dùng giá trị mặc định)",
	CmdOr:             "hoặc",
	CmdFlagDate:       "ngày, DD/MM/YYYY (mặc định hôm nay)",
	CmdFlagDB:         "cơ sở dữ liệu SQLite",
	CmdFlagDoorFilter: "chỉ cửa này (mặc định mọi cửa)",
	CmdFlagMaxPages:   "PDF nhiều trang hơn số này bị từ chối (mỗi trang mất một hai giây để đọc mã)",
	CmdBadMaxPages:    "--max-pages %d: cần từ 1 trở lên",
	CmdReaderCrashed:  "%s: bộ đọc dừng giữa chừng ở tệp này (%v)",

	// The desk (canhcua).
	DeskSynopsis: `canhcua [--source S] [--db PATH] [--door NAME] [--direction in|out|toggle] [--lang vi|en] [--config FILE]

Mở bàn trực: mọi người đưa mã của mình trước camera; mỗi lượt quét được ghi
vào cơ sở dữ liệu trước khi màn hình xác nhận. Không có --source thì mở
camera 0 (camera không mở được thì thử lại mỗi 2 giây). Lần chạy đầu
trong terminal thì hỏi các câu cài đặt trước (xem canhcua setup --help). Nguồn demo
(--source demo, hoặc lần chạy đầu không có tệp cấu hình, cơ sở dữ liệu, camera và terminal)
ghi người giả lập vào cơ sở dữ liệu riêng, demo.db cạnh cơ sở dữ liệu thật.
Các thiết lập cũng có thể để trong tệp cấu hình (TOML, cùng tên); cờ dòng lệnh được ưu tiên.`,
	DeskFlagSource:    "chỉ số camera (0), tệp video, địa chỉ luồng, thư mục ảnh, hoặc demo (mặc định: camera 0)",
	DeskFlagDB:        "cơ sở dữ liệu SQLite (mặc định %s)",
	DeskFlagDoor:      "cửa của bàn trực này (mặc định \"%s\")",
	DeskFlagSite:      "tên đơn vị hiện ở đầu màn hình",
	DeskFlagDirection: "in, out hoặc toggle (mặc định in)",
	DeskFlagLang:      "vi hoặc en (mặc định vi)",
	DeskFlagNoBell:    "không rung chuông terminal khi quét",
	DeskFlagConfig:    "tệp cấu hình (TOML; mặc định %s)",
	DeskFlagServer:    "máy chủ của huyện (postgres://…): gửi các lượt quét lên đó, nhận danh sách của đơn vị",
	DeskDefaultDoor:   "Cửa chính",
	DeskDemoDB:        "%s là cơ sở dữ liệu của demo: lượt quét thật không bao giờ ghi vào đó (hãy chọn --db khác)",
	DeskCannotSave:    "không lưu được lượt quét vào %s: %s",
	ConfigUnknown:     "cấu hình %s: thiết lập %s không có",
	ConfigNoDoor:      "cửa cần có tên",
	ConfigNoDB:        "chưa có đường dẫn cơ sở dữ liệu",
	ConfigRetention:   "retention_days %d: phải giữ ít nhất 1 ngày",
	ConfigTimeZone:    "múi giờ %q: %v",
	ConfigServerSite:  "máy chủ của huyện cần tên đơn vị (site trong tệp cấu hình, hoặc --site)",

	// The setup form (ui/setup.go): the desk's first start, and canhcua setup.
	UISetupTitle:      "CANHCUA — CÀI ĐẶT",
	UISetupIntro:      "Trả lời vài câu, lưu vào %s (canhcua setup để hỏi lại).",
	UISetupLang:       "Ngôn ngữ",
	UISetupLangVI:     "Tiếng Việt",
	UISetupLangEN:     "English",
	UISetupSite:       "Tên đơn vị",
	UISetupSiteHint:   "VD: UBND xã Tân Phú",
	UISetupDoor:       "Cửa",
	UISetupCamera:     "Camera",
	UISetupSearching:  "đang tìm camera…",
	UISetupNoCamera:   "không thấy camera nào",
	UISetupCameraInfo: "%s · %s",
	UISetupCameraSize: "%d×%d",
	UISetupCameraFPS:  "%.4g hình/giây",
	UISetupNoPicture:  "chưa có hình",
	UISetupDemo:       "không có camera (demo)",
	UISetupFile:       "tệp video hoặc địa chỉ luồng:",
	UISetupFileHint:   "/đường/dẫn/video.mp4, rtsp://…",
	UISetupDirection:  "Hướng",
	UISetupDirInHint:  "mỗi lượt quét là một lượt vào",
	UISetupDirOutHint: "mỗi lượt quét là một lượt ra",
	UISetupDirToggle:  "ngược với lượt quét trước của người đó",
	UISetupNeedSite:   "Cần nhập tên đơn vị.",
	UISetupNeedFile:   "Cần nhập tệp video hoặc địa chỉ luồng.",
	UISetupBadFile:    "Không dùng được %s: %v",
	UISetupChecking:   "đang kiểm tra %s…",
	UIHelpChoose:      "chọn",
	UIHelpSaveAll:     "lưu",

	// canhcua setup and canhcua cameras.
	SetupSynopsis: `canhcua setup [--config FILE]

Hỏi tên đơn vị, cửa, camera, hướng và ngôn ngữ trong một mẫu ngắn, rồi ghi vào
tệp cấu hình (quyền 0600; các thiết lập khác trong tệp được giữ nguyên). Bàn trực
hỏi như vậy ở lần chạy đầu trong terminal. Cần terminal: không có thì không hỏi gì.`,
	SetupFlagConfig: "tệp cấu hình sẽ ghi (mặc định %s)",
	SetupNoTerminal: "mẫu cài đặt cần terminal (đầu vào và đầu ra chuẩn): không hỏi gì; hãy tự viết %s (xem README)",
	SetupCancelled:  "đã hủy: không ghi gì",
	SetupSaved:      "đã lưu vào %s; mở bàn trực bằng: canhcua",
	SetupWrite:      "cấu hình %s: %v",
	CamerasSynopsis: `canhcua cameras

Liệt kê các camera mở được, mỗi camera một dòng: chỉ số dùng cho --source hoặc
source trong cấu hình, thiết bị, độ phân giải và số hình/giây. Thử lần lượt mọi
/dev/videoN (ngoài Linux thì cả các chỉ số 0 đến 9), mỗi camera được chờ 3 giây
để mở và 3 giây để gửi hình. Mã thoát 1 khi không mở được camera nào.`,
	CamerasNone:      "không thấy camera nào",
	CamerasLine:      "%-3d %-13s %-10s %s",
	CamerasFPS:       "%.4g hình/giây",
	CamerasNoFPS:     "không rõ số hình/giây",
	CamerasNoPicture: "(mở được, nhưng không gửi hình nào trong %v)",

	// canhcua export.
	ExportSynopsis: `canhcua export [--date DD/MM/YYYY] [--format csv|xlsx|json] [--to FILE] [--db PATH] [--door NAME] [--full-id] [--sep ";"]

Ghi các lượt quét trong một ngày, mỗi lượt một dòng, tiêu đề tiếng Việt (--lang en để dùng tiếng Anh).
Số định danh được che (chỉ hiện 4 số cuối) trừ khi có --full-id. Một ngày không có lượt nào
cho ra tệp chỉ có dòng tiêu đề.`,
	ExportFlagFormat: "csv, xlsx hoặc json (mặc định: theo đuôi tệp của --to, không thì csv)",
	ExportFlagTo:     "tệp ra, - là đầu ra chuẩn (mặc định canhcua-YYYY-MM-DD.EXT trong thư mục hiện tại)",
	ExportFlagFullID: "ghi đầy đủ số định danh thay vì che",
	ExportFlagLang:   "vi hoặc en: tiêu đề và giá trị",

	// canhcua report.
	ReportSynopsis: `canhcua report [--date DD/MM/YYYY] [--format text|csv|xlsx|pdf] [--to FILE] [--db PATH] [--door NAME] [--lang vi|en] [--sep ";"]
canhcua report --server URL [--site TÊN | --district] [--date DD/MM/YYYY] [--format …] [--to FILE] [--lang vi|en]

Ghi báo cáo trong ngày cho Trung tâm Y tế huyện: lượt vào, lượt ra, số người, tỷ lệ
đã quét của từng danh sách, những người phải có mặt mà chưa quét, khách được cho vào hay bị từ chối,
và các cảnh báo trong ngày. Bằng tiếng Việt (--lang en để dùng tiếng Anh). Dạng text ra đầu ra
chuẩn; các dạng khác ra tệp canhcua-report-YYYY-MM-DD.EXT trừ khi có --to.
Mặc định lấy từ cơ sở dữ liệu của bàn trực; với --server là báo cáo của một đơn vị lấy từ máy chủ
của huyện, và với --district là của tất cả các đơn vị (cộng số liệu, danh sách, khách và cảnh báo
của từng đơn vị).`,
	ReportFlagFormat:      "text, csv, xlsx hoặc pdf (mặc định: theo đuôi tệp của --to, không thì text)",
	ReportFlagTo:          "tệp ra, - là đầu ra chuẩn (mặc định: đầu ra chuẩn cho text, các dạng khác canhcua-report-YYYY-MM-DD.EXT trong thư mục hiện tại)",
	ReportFlagSite:        "tên đơn vị dưới tiêu đề",
	ReportFlagLang:        "vi hoặc en",
	ReportFlagServer:      "máy chủ của huyện (postgres://…): báo cáo của một đơn vị (--site) lấy từ máy chủ",
	ReportFlagDistrict:    "báo cáo chung của tất cả các đơn vị, lấy từ máy chủ của huyện (--server, không thì server trong tệp cấu hình)",
	ReportSiteAndDistrict: "--site và --district: chỉ chọn một",
	ReportServerNoSite:    "báo cáo từ máy chủ là của một đơn vị: nêu tên bằng --site (hoặc site trong tệp cấu hình), hoặc dùng --district",
	ReportServerDoor:      "--door: báo cáo từ máy chủ gồm mọi cửa",

	// canhcua district.
	DistrictSynopsis: `canhcua district [--server URL] [--date DD/MM/YYYY] [--lang vi|en] [--format text|csv|xlsx|pdf] [--to FILE] [--sep ";"]

Bảng của Trung tâm Y tế huyện: mỗi đơn vị một dòng với số cửa, lượt vào, lượt ra, số người,
cán bộ đã quét theo từng danh sách, cảnh báo và lần cuối mỗi bàn trực liên lạc; đơn vị tuân thủ
kém nhất ở trên cùng. Không có --format thì mở màn hình tự làm mới mỗi 10 giây (Enter: các cửa,
cảnh báo và những người chưa quét của một đơn vị; Esc: quay lại). Có --format thì ghi bảng ra
(text và csv ra đầu ra chuẩn trừ khi có --to).`,
	DistrictFlagServer: "máy chủ của huyện, postgres://… (mặc định: server trong tệp cấu hình)",
	DistrictFlagFormat: "text, csv, xlsx hoặc pdf: ghi bảng thay vì mở màn hình (mặc định: theo đuôi tệp của --to)",
	DistrictFlagTo:     "tệp ra, - là đầu ra chuẩn (mặc định: đầu ra chuẩn cho text và csv, các dạng khác canhcua-district-YYYY-MM-DD.EXT)",
	DistrictFlagLang:   "vi hoặc en",
	DistrictNoServer:   "chưa có máy chủ: dùng --server postgres://… hoặc đặt server trong tệp cấu hình",

	// canhcua purge.
	PurgeSynopsis: `canhcua purge [--days N] [--db PATH] [--dry-run]

Xóa dữ liệu cá nhân (lượt quét, lượt ra vào, cảnh báo và ảnh chụp kèm theo, quyết định về
khách, những người không còn xuất hiện) của các ngày trước N ngày gần nhất, kể cả hôm nay.
Danh sách được giữ lại; các tệp xuất và báo cáo đã ghi là của bạn và không bị động tới.
Bàn trực cũng làm như vậy khi khởi động.`,
	PurgeFlagDays:        "số ngày dữ liệu cá nhân được giữ, kể cả hôm nay (cấu hình: retention_days)",
	PurgeFlagDryRun:      "chỉ cho biết sẽ xóa những gì",
	PurgeBadDays:         "--days %d: cần từ 1 trở lên",
	PurgeDone:            "giữ %d %s (từ %s); đã xóa %d lượt quét, %d lượt ra vào, %d cảnh báo, %d quyết định, %d người, %d ảnh chụp",
	PurgeDry:             "giữ %d %s (từ %s); sẽ xóa %d lượt quét, %d lượt ra vào, %d cảnh báo, %d quyết định, %d người, %d ảnh chụp",
	PurgeDay:             "ngày",
	PurgeDays:            "ngày",
	PurgeSnapshotNotJPEG: "ảnh chụp %s: tên không phải tệp JPEG, để nguyên",
	PurgeSnapshotNotFile: "ảnh chụp %s: không phải một tệp, để nguyên",

	// canhcua trace.
	TraceSynopsis: `canhcua trace (--id NUMBER | --name "…" --birth DD/MM/YYYY) [--date DD/MM/YYYY | --from D --to D] [--window 1h] [--format text|csv|xlsx|json] [--to FILE] [--server URL | --db PATH] [--full-id] [--lang vi|en]

Truy vết tiếp xúc cho trung tâm y tế: các lần có mặt của người đó (đơn vị, cửa, giờ vào,
giờ ra) và mọi người khác có mặt cùng đơn vị trong khoảng thời gian trùng, với số phút trùng.
Có mặt là từ lúc quét vào đến lúc quét ra, hoặc --window sau khi vào nếu không quét ra
(trước khi ra nếu không quét vào). Trên máy chủ của huyện (--server, mặc định máy chủ trong
tệp cấu hình; giờ của từng máy đã được hiệu chỉnh) hoặc trên cơ sở dữ liệu của một máy (--db,
mặc định cơ sở dữ liệu trong tệp cấu hình khi không có máy chủ).
--to là ngày cuối (DD/MM/YYYY, cùng --from) hoặc tệp ra; dạng text và JSON ra đầu ra chuẩn,
CSV và XLSX ra canhcua-trace-YYYY-MM-DD.EXT nếu không có --to TỆP.
Số định danh được che (giữ 4 số cuối) trừ khi có --full-id.`,
	TraceFlagID:         "số định danh của người đó",
	TraceFlagName:       "họ tên người đó (cùng --birth; không phân biệt dấu và hoa thường)",
	TraceFlagBirth:      "ngày sinh của người đó, DD/MM/YYYY (cùng --name)",
	TraceFlagDate:       "ngày, DD/MM/YYYY (mặc định hôm nay)",
	TraceFlagFrom:       "ngày đầu, DD/MM/YYYY (đến ngày của --to, không thì đến hôm nay)",
	TraceFlagTo:         "ngày cuối (DD/MM/YYYY, cùng --from), hoặc `TỆP` ra: - là đầu ra chuẩn (mặc định: đầu ra chuẩn cho text và JSON, không thì canhcua-trace-YYYY-MM-DD.EXT); có thể dùng hai lần",
	TraceFlagWindow:     "thời gian coi là có mặt sau khi vào nếu không quét ra",
	TraceFlagFormat:     "text, csv, xlsx hoặc json (mặc định: theo đuôi tệp của --to, không thì text)",
	TraceFlagServer:     "máy chủ của huyện, postgres://… (mặc định: máy chủ trong tệp cấu hình)",
	TraceFlagDB:         "cơ sở dữ liệu SQLite của một máy (mặc định: trong tệp cấu hình, khi không có máy chủ)",
	TraceFlagFullID:     "ghi đầy đủ số định danh thay vì che",
	TraceFlagLang:       "vi hoặc en",
	TraceNoPerson:       "truy vết ai? --id SỐ, hoặc --name HỌ TÊN --birth DD/MM/YYYY",
	TraceIDAndName:      "--id hoặc --name, không dùng cả hai",
	TraceNoBirth:        "--name cần --birth DD/MM/YYYY",
	TraceBadBirth:       "ngày sinh %q: cần dạng DD/MM/YYYY, ví dụ 15/03/1990",
	TraceDateAndRange:   "--date hoặc --from/--to, không dùng cả hai",
	TraceToWithoutFrom:  "--to %s là một ngày: cần có --from",
	TraceToTwice:        "--to %s và --to %s: nhiều nhất một ngày cuối và một tệp",
	TraceRangeBackwards: "--from %s sau --to %s",
	TraceBadWindow:      "--window %q: cần một khoảng thời gian lớn hơn 0, ví dụ 1h hoặc 30m",
	TraceServerAndDB:    "--server hoặc --db, không dùng cả hai",

	// canhcua badge.
	BadgeSynopsis: `canhcua badge [--name NAME --unit UNIT [--id ID]] [--from people.csv] [--to badges.pdf]

In một tờ PDF các thẻ (họ tên, đơn vị, mã QR) cho người không có CCCD.
Mỗi thẻ được ký bằng khóa trong thư mục dữ liệu của canhcua (badge.key, được tạo ở lần
dùng đầu): bàn trực chấp nhận thẻ, còn thẻ giả hay bị sửa thì bị từ chối. people.csv có
các cột name, unit và có thể có id (dòng tiêu đề được nhận ra).`,
	BadgeFlagName:     "họ tên của một người",
	BadgeFlagUnit:     "đơn vị hoặc phòng ban của người đó",
	BadgeFlagID:       "mã thẻ của người đó (mặc định: một mã ngẫu nhiên mới)",
	BadgeFlagFrom:     "tệp CSV danh sách người: name, unit[, id]",
	BadgeFlagTo:       "tệp PDF ra",
	BadgeFlagKey:      "khóa ký thẻ (được tạo khi chưa có)",
	BadgeNobody:       "không có ai để in: cần --name hoặc --from",
	BadgePersonNoName: "người thứ %d không có tên",
	BadgeKeyShort:     "khóa thẻ %s quá ngắn (%d byte)",
	BadgeCSVNoName:    "%s: dòng %d: không có tên",
	BadgeDone:         "%s: %d thẻ",
	BadgeCardTitle:    "THẺ RA VÀO",
	BadgeCardID:       "Mã: %s",

	// canhcua decode.
	DecodeSynopsis: `canhcua decode [--json] [--max-pages N] PATH...
       canhcua decode [--json] --source SOURCE

Đọc mã QR trong ảnh (PNG, JPEG, WebP, GIF, BMP, TIFF), video (mọi khung hình,
mỗi mã một lần cho đến khi nó ra khỏi khung) và PDF (mọi trang), hoặc trực tiếp từ
camera, luồng hay nguồn demo với --source. Mã thoát: 0 có mã, 1 không có mã nào,
2 có lỗi (một dòng trên stderr cho mỗi tệp; các tệp khác vẫn được đọc).

Các tệp được đọc trong một tiến trình con: tệp làm hỏng một thư viện giải mã chỉ dừng
việc đọc chính nó. Tệp lớn hơn %d MB, ảnh hơn %d megapixel và PDF nhiều trang hơn
--max-pages bị từ chối; trang PDF quá lớn để dựng ở 300 dpi được đọc ở độ phân giải
thấp hơn, kèm một dòng trên stderr.`,
	DecodeFlagJSON:       "mỗi mã một đối tượng JSON trên một dòng",
	DecodeFlagSource:     "đọc trực tiếp từ một nguồn: chỉ số camera (0), tệp video, địa chỉ luồng, thư mục ảnh, hoặc demo",
	DecodeFlagDedup:      "một mã phải ra khỏi khung bao lâu thì mới được đọc lại (video, trực tiếp)",
	DecodeFlagDuration:   "với --source: dừng sau khoảng này (0: đến khi hết nguồn hoặc Ctrl-C)",
	DecodeFlagFullID:     "hiện đầy đủ số định danh thay vì che",
	DecodeFlagTrustList:  "danh sách tin cậy (JSON) để kiểm tra chữ ký chứng nhận COVID",
	DecodeFlagBadgeKey:   "khóa kiểm tra thẻ canhcua",
	DecodeSourceAndPaths: "chỉ dùng --source hoặc đường dẫn, không dùng cả hai",
	DecodeNoFile:         "chưa chỉ ra tệp nào (xem canhcua decode --help)",
	DecodeFolder:         "%s: là một thư mục (hãy chỉ ra các tệp trong đó, hoặc dùng --source cho một thư mục ảnh)",
	DecodePage:           "%s trang %d",
	DecodeFrame:          "%s khung %d",
	DecodeID:             "Số ĐD %s",
	DecodeBorn:           "sinh %s",
	DecodeBadge:          "thẻ %s",
	DecodeDoses:          "%d mũi",
	DecodeVerified:       "đã kiểm tra",
	DecodeNotVerified:    "CHƯA kiểm tra",
	DecodeRejected:       "từ chối: %s",
	DecodeTrustList:      "danh sách tin cậy %s: %v",
	DecodeTrustSkipped:   "danh sách tin cậy %s: %v (bỏ qua khóa này, vẫn dùng các khóa khác)",
	DecodePageReduced:    "%s: trang %d quá lớn để đọc ở %d dpi: đã đọc ở %.0f dpi",

	// canhcua roster.
	RosterUsage: `Cách dùng: canhcua roster COMMAND

Danh sách là các nhóm người phải có mặt được đặt tên (cán bộ của cơ quan, đại biểu
một cuộc họp): bàn trực cho biết ai trong số họ đã quét ("Cán bộ: 27/30 đã quét").

  canhcua roster import FILE [--group NAME] [--expected-by 07:30] [--only] [--from …] [--until …] [--replace] [--db PATH]
                                   đọc danh sách người từ tệp CSV, XLSX hoặc PDF
  canhcua roster edit NAME [--only=false] [--expected-by 07:30] [--from DD/MM/YYYY HH:MM] [--until …]
                                   đổi giờ hạn quét, chỉ danh sách, thời gian áp dụng của một nhóm
  canhcua roster list [--group NAME] [--db PATH]
                                   các nhóm, hoặc những người của một nhóm
  canhcua roster remove NAME [--db PATH]
                                   xóa một nhóm (các lượt quét được giữ lại)

Chạy 'canhcua roster COMMAND --help' để xem các tùy chọn của một lệnh.
`,
	RosterNoCommand:      "chưa có lệnh: import, edit, list hoặc remove (xem canhcua roster --help)",
	RosterUnknownCommand: "lệnh %q không có: cần import, edit, list hoặc remove",
	RosterImportSynopsis: `canhcua roster import FILE [--group NAME] [--expected-by HH:MM] [--only] [--from DD/MM/YYYY HH:MM] [--until DD/MM/YYYY HH:MM] [--replace] [--db PATH | --server URL --site NAME] [--max-pages N]

Đọc danh sách người trong tệp CSV, XLSX hoặc PDF vào nhóm NAME (tạo mới khi chưa có). Danh
sách là một bảng có dòng tiêu đề, tiếng Việt hoặc tiếng Anh: STT, Họ và tên (Name),
Chức vụ (Position), Đơn vị (Unit), Số CCCD (ID), Ngày sinh (Date of birth), Mã thẻ
(Badge), Giờ (Expected). Mã QR in trong PDF cạnh một người (CCCD, thẻ) cho biết
số định danh hoặc mã thẻ của người đó. Các dòng không đọc được được liệt kê trên
stderr kèm trang và dòng; những dòng khác được nhập. Không có --replace thì những
người này được thêm vào nhóm (người đã có trong nhóm, theo họ tên và số định danh, được
cập nhật). Với --from và --until, nhóm chỉ áp dụng trong khoảng thời gian đó: ngoài khoảng
đó không ai trong nhóm bị coi là chưa quét, và sự kiện chỉ danh sách không giữ người ngoài
danh sách lại nữa.`,
	RosterFlagGroup:      "tên nhóm (mặc định: tên tệp)",
	RosterFlagExpectedBy: "giờ trong ngày mà nhóm phải quét xong, ví dụ 07:30 (mặc định: giữ nguyên, không thì không có)",
	RosterFlagOnly:       "sự kiện chỉ cho người trong nhóm vào: người khác được giữ lại chờ người trực",
	RosterFlagReplace:    "thay những người của nhóm thay vì thêm vào",
	RosterFlagBadgeKey:   "khóa kiểm tra thẻ canhcua in trong danh sách",
	RosterFlagServer:     "nhập cho cả đơn vị lên máy chủ của huyện (postgres://…; mặc định: server trong tệp cấu hình khi có --site)",
	RosterFlagSite:       "đơn vị nhận danh sách trên máy chủ (mặc định: site trong tệp cấu hình khi có --server)",
	RosterServerSite:     "nhập lên máy chủ cần cả địa chỉ máy chủ (--server hoặc server trong tệp cấu hình) và tên đơn vị (--site hoặc site)",
	RosterNoFile:         "chưa chỉ ra tệp nào (xem canhcua roster import --help)",
	RosterOneFile:        "thừa tham số %q: chỉ một tệp",
	RosterNobody:         "%s: không nhập được ai",
	RosterInterrupted:    "%s: bị ngắt: chưa nhập ai",
	RosterImported:       "%s: đã nhập %d người vào %q",
	RosterImportProblems: ", %d vấn đề (liệt kê trên stderr)",
	RosterFlagFrom:       "nhóm áp dụng từ thời điểm này, DD/MM/YYYY HH:MM (hoặc DD/MM/YYYY: từ đầu ngày; \"-\": bỏ)",
	RosterFlagUntil:      "nhóm áp dụng đến thời điểm này, DD/MM/YYYY HH:MM (hoặc DD/MM/YYYY: hết ngày đó; \"-\": bỏ)",
	RosterBadWhen:        "thời điểm %q: cần DD/MM/YYYY HH:MM, ví dụ 27/11/2026 14:00",
	RosterListSynopsis: `canhcua roster list [--group NAME] [--db PATH] [--full-id]

Liệt kê các nhóm với số người và giờ hạn quét; với --group,
những người của nhóm đó (số định danh được che trừ khi có --full-id).`,
	RosterFlagListGroup: "liệt kê những người của nhóm này",
	RosterFlagFullID:    "hiện đầy đủ số định danh",
	RosterListHeader:    "NHÓM\\tSỐ NGƯỜI\\tHẠN QUÉT\\tCHỈ DANH SÁCH\\tTỪ\\tĐẾN",
	RosterListYes:       "có",
	RosterGroupLine:     "%s: %d người, hạn quét %s",
	RosterMembersHeader: "#\\tHỌ TÊN\\tĐƠN VỊ\\tSỐ ĐỊNH DANH\\tMÃ THẺ\\tNGÀY SINH\\tHẠN QUÉT",
	RosterRemoveSynopsis: `canhcua roster remove NAME [--db PATH]

Xóa nhóm NAME và những người của nhóm. Các lượt quét được giữ lại.`,
	RosterNoGroup:      "chưa chỉ ra nhóm nào (xem canhcua roster list)",
	RosterOneGroup:     "thừa tham số %q: chỉ một nhóm (đặt tên có dấu cách trong ngoặc kép)",
	RosterRemoved:      "đã xóa %q",
	RosterEditSynopsis: "canhcua roster edit NAME [--only=true|false] [--expected-by HH:MM] [--from DD/MM/YYYY HH:MM] [--until DD/MM/YYYY HH:MM] [--db PATH | --server URL --site NAME]\n\nĐổi những gì được chỉ ra của nhóm NAME, giữ nguyên người trong nhóm và phần còn lại:\n--only=false bỏ chế độ chỉ danh sách, --expected-by - bỏ giờ hạn quét, --from - và --until -\nbỏ thời gian áp dụng.",
	RosterEditFlagOnly: "chỉ cho người trong nhóm vào (--only=false: bỏ)",
	RosterEditFlagExp:  "giờ hạn quét, ví dụ 07:30 (\"-\": bỏ)",
	RosterEditNothing:  "chưa đổi gì: cho --only, --expected-by, --from hoặc --until (xem canhcua roster edit --help)",
	RosterEdited:       "%q: hạn quét %s, chỉ danh sách: %s, từ %s đến %s",
	RosterListNo:       "không",

	// canhcua bench (the measurements themselves, internal/bench, are for developers and in English).
	BenchUsage: `Cách dùng:
  canhcua bench decode [--passes P,Q] [--json] [-v] DIR
        chấm điểm bộ giải mã, từng lượt một, trên một thư mục ảnh mẫu (manifest.tsv hoặc labels.jsonl)
  canhcua bench live [--source S] [--size WxH] [--duration D] [--json]
        đo đường đi của hình từ camera đến giải mã
  canhcua bench soak [--duration 2h] [--every 10m] [--source demo] [--db PATH] [--json]
        chạy cả bàn trực không có màn hình trong nhiều giờ và kiểm tra không có gì bị rò rỉ

Chạy 'canhcua bench decode --help', 'canhcua bench live --help' hoặc 'canhcua bench soak --help'
để xem các tùy chọn.
`,
	BenchNoWhat:  "hãy cho biết cần đo gì: decode DIR, live hoặc soak (xem canhcua bench --help)",
	BenchUnknown: "phép đo %q không có (cần decode, live hoặc soak)",
	BenchDecodeSynopsis: `canhcua bench decode [--passes P,Q] [--every-pass] [--json] [-v] DIR
       canhcua bench decode --engine live [--hold 1s] [--motion] [--clock real|sim] [--json] [-v] DIR

Giải mã lần lượt từng ảnh của một thư mục ảnh mẫu (manifest.tsv: nội dung mong đợi, hoặc labels.jsonl:
đường viền mã, kiểu BoofCV) bằng bộ giải mã ảnh tĩnh rồi chấm điểm kết quả:
từng lượt riêng, các lượt tính đến lượt đó (cộng dồn) và tất cả gộp lại.
Bộ giải mã dừng trên một ảnh khi mọi mẫu định vị nó thấy đều nằm trên một mã đã đọc (như
lệnh decode); --every-pass chạy mọi lượt trên mọi ảnh. Thời gian chỉ tính việc giải mã,
không tính đọc tệp. Mã thoát: 0 đã chấm điểm, 2 không dùng được thư mục ảnh mẫu.

Với --engine live, từng ảnh được đưa cho bộ giải mã trực tiếp của bàn trực như camera thấy
một thẻ được giơ lên: cùng một khung hình 30 lần mỗi giây, theo thời gian thực, trong --hold,
qua vòng khung hình; --motion làm ảnh rung như tay cầm. Điểm tính các mã đọc được trong
thời gian giơ; thời gian tính từ khung hình đầu đến lần đọc đầu tiên. Với --clock sim,
việc giơ ảnh chạy trên đồng hồ mô phỏng (đường khung hình và luồng nền của bộ giải mã mỗi
bên một lõi mô phỏng, bận đúng bằng thời gian xử lý công việc của nó): số liệu không bị
các việc khác trên máy kéo dài.

Các lượt: %s`,
	BenchFlagJSON:      "in toàn bộ báo cáo thành một đối tượng JSON",
	BenchFlagVerbose:   "liệt kê thêm các nội dung bị sót, không mong đợi và không khớp nhãn",
	BenchFlagPasses:    "các lượt cần chạy, theo thứ tự: tên cách nhau bởi dấu phẩy, hoặc still, live, all",
	BenchFlagEveryPass: "chạy mọi lượt trên mọi ảnh (không dừng sớm khi mọi mẫu định vị đã thấy đều nằm trên một mã đã đọc)",
	BenchOneCorpus:     "chỉ ra một thư mục ảnh mẫu (xem canhcua bench decode --help)",
	BenchPassesUnknown: "--passes: %v",
	BenchPassesTwice:   "--passes: %q bị nêu hai lần",
	BenchBadSize:       "--size %q: cần dạng RỘNGxCAO, ví dụ 1280x720",
	BenchLiveSynopsis: `canhcua bench live [--source S] [--size WxH] [--duration D] [--preview] [--json]

Chạy vòng lặp khung hình trực tiếp (nhận hình, giải mã khung mới nhất, bỏ các khung cũ) trên một nguồn
trong một khoảng thời gian và báo cáo những gì đo được: số khung nhận, xử lý và bỏ, số lượt đọc,
độ trễ từ lúc nhận hình đến lúc giải mã xong, và bộ nhớ lúc đầu và lúc cuối.`,
	BenchFlagSource:   "nguồn: demo, demo:SEED, chỉ số camera (0), tệp video, địa chỉ luồng, thư mục ảnh",
	BenchFlagSize:     "kích thước khung hình của nguồn demo",
	BenchFlagDuration: "chạy trong bao lâu",
	BenchFlagLiveJSON: "in báo cáo thành một đối tượng JSON",
	BenchFlagEngine:   "bộ giải mã: live (bộ nhiều lượt của bàn trực) hoặc zxing (riêng lượt zxing-cpp), để so sánh",
	BenchFlagPreview:  "đo cả hình camera: màn hình lấy và vẽ hình như trên cửa sổ 120x40 đủ màu",
	BenchBadEngine:    "--engine %q: cần live hoặc zxing",
	BenchLiveArg:      "thừa tham số %q (nguồn đặt trong --source)",
	BenchBadDuration:  "--duration phải lớn hơn 0",
	BenchInterrupted:  "bị ngắt",
	BenchNoFrame:      "%s không đưa khung hình nào trong %s",
	BenchSoakSynopsis: `canhcua bench soak [--duration 2h] [--every 10m] [--source demo] [--db PATH] [--json]

Chạy toàn bộ công việc của bàn trực mà không có màn hình, hết tốc độ: nguồn hình không giới hạn
tốc độ, bộ giải mã, phân tích hình và phát hiện người, cơ sở dữ liệu (mỗi mã đọc được là một
lượt quét được ghi), bộ theo dõi cảnh báo và việc xóa dữ liệu quá hạn, với các lời gọi của màn
hình như màn hình vẫn gọi. Lệnh in RSS của tiến trình, heap Go, số goroutine, số tệp đang mở và
số Mat OpenCV còn sống (khi bản dựng có -tags matprofile) lúc bắt đầu, sau mỗi --every và lúc
kết thúc. Mốc là số đo lúc 10 phút, khi đã khởi động xong (nếu sau đó không còn số đo nào thì là
số đo cuối chu kỳ đầu tiên): sau mốc RSS hoặc heap Go vượt mốc quá 10%%, hoặc số
goroutine, tệp đang mở hay Mat vượt mốc quá một khoảng dư nhỏ, là rò rỉ; một chu kỳ không có khung
hình (hoặc không có lượt quét, với nguồn demo), một lời gọi lỗi hay một Mat còn mở sau khi dừng cũng
làm lần chạy không đạt. Mã thoát: 0 đạt, 1 không đạt (nêu các số đo), 2 không chạy được.`,
	BenchFlagEvery:     "bao lâu đo và in các số đo một lần",
	BenchFlagSoakDB:    "cơ sở dữ liệu để ghi (ảnh chụp đặt bên cạnh); mặc định: một tệp tạm mới, xóa khi xong",
	BenchSoakBadEvery:  "--every %s: cần một chu kỳ không dài hơn nửa --duration %s",
	BenchSoakFailed:    "không đạt ở %s",
	BenchFlagDecEngine: "bộ giải mã: still (các lượt lần lượt trên từng ảnh) hoặc live (bộ của bàn trực, từng ảnh được giơ lên như trước camera)",
	BenchBadDecEngine:  "--engine %q: cần still hoặc live",
	BenchFlagHold:      "với --engine live: mỗi ảnh được giơ lên bao lâu, 30 khung hình/giây",
	BenchFlagMotion:    "với --engine live: làm ảnh rung như tay cầm (lệch vài điểm ảnh và hơi mờ, từ khung này sang khung khác)",
	BenchLiveOnly:      "%s chỉ dùng với --engine live",
	BenchStillOnly:     "%s chỉ dùng với --engine still",
	BenchBadHold:       "--hold phải lớn hơn 0",
	BenchFlagClock:     "với --engine live: real (theo thời gian thực, như ở cửa) hoặc sim (đồng hồ mô phỏng: thời gian xử lý trên hai lõi mô phỏng, như nhau cả khi máy đang bận)",
	BenchBadClock:      "--clock %q: cần real hoặc sim",
}
