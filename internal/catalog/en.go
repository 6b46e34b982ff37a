package catalog

// en holds the texts in English.
var en = map[Key]string{
	// The desk's screen (ui).
	UIApp:                  "CANHCUA",
	UIDoorName:             "Door: %s",
	UIModeLabel:            "Direction",
	UIModeIn:               "IN",
	UIModeOut:              "OUT",
	UIModeToggle:           "TOGGLE",
	UIDirIn:                "IN",
	UIDirOut:               "OUT",
	UICamera:               "Camera",
	UICameraNone:           "Camera: none",
	UICameraFPS:            "%.1f frames/s",
	UICameraAge:            "last frame %s ago",
	UICameraNoFrame:        "NO FRAME YET",
	UICameraStalled:        "NO FRAME FOR %s",
	UICameraErr:            "ERROR: %s",
	UIInside:               "Inside now",
	UIEntries:              "Entries",
	UIExits:                "Exits",
	UIPeople:               "People",
	UIRejected:             "Rejected",
	UIPerHour:              "Per hour",
	UIPeakHour:             "peak %d/h",
	UILoading:              "Loading…",
	UINoScanToday:          "NO SCANS YET TODAY",
	UIWaitingHint:          "Show a QR code to the camera",
	UIBannerAccepted:       "ACCEPTED",
	UIBannerDuplicate:      "ALREADY SCANNED %s AGO",
	UIBannerNotCount:       "not counted again",
	UIBannerRejected:       "REJECTED",
	UIBannerVoided:         "VOIDED",
	UIBannerError:          "NOT SAVED",
	UIBannerErrorHint:      "This scan was NOT recorded. Please scan again.",
	UIBannerHintFull:       "Free space on the disk, then scan again.",
	UIBannerHintReadOnly:   "Call whoever looks after this computer: the database must be writable.",
	UIBannerHintIO:         "Check the disk, then scan again.",
	UIStorageAlarm:         "⚠ SCANS ARE NOT BEING SAVED — %s",
	UIBannerHeld:           "WAITING FOR YOU",
	UIAt:                   "at %s",
	UIIDLabel:              "ID",
	UIReason:               "Reason",
	UIColTime:              "Time",
	UIColDir:               "Dir",
	UIColName:              "Name",
	UIColID:                "ID",
	UIColKind:              "Kind",
	UIColResult:            "Result",
	UINoRows:               "No scans yet today.",
	UINoMatch:              "No scan matches “%s”.",
	UIResAccepted:          "Accepted",
	UIResDuplicate:         "Duplicate",
	UIResRejected:          "Rejected",
	UIResVoided:            "Voided",
	UIResHeld:              "Held",
	UIKindCCCD:             "CCCD",
	UIKindCanCuoc:          "Căn cước",
	UIKindHC1:              "HC1",
	UIKindToken:            "Token",
	UIKindBadge:            "Badge",
	UIKindPayment:          "Payment",
	UIKindManual:           "Manual",
	UIKindText:             "Other",
	UIUnnamed:              "(no name)",
	UIExported:             "Exported: %s",
	UIExportFailed:         "Export failed: %s",
	UIExporting:            "Exporting…",
	UIModeChanged:          "Direction: %s",
	UILoadFailed:           "Could not load data: %s",
	UINothingToVoid:        "No scan to void.",
	UICannotVoid:           "The last scan (%s) cannot be voided: only accepted scans can.",
	UIVoidAsk:              "Void scan %s %s (%s)? y = yes, n = no",
	UIVoidCanceled:         "Not voided.",
	UIVoidFailed:           "Could not void: %s",
	UIVoidReason:           "voided at the desk",
	UIVoided:               "Voided scan %s %s.",
	UIWedgeIgnored:         "Ignored %d fast-typed characters not ended by Enter.",
	UIReadsClosed:          "The camera stopped sending codes.",
	UIManualTitle:          "MANUAL ENTRY",
	UIManualName:           "Name",
	UIManualID:             "ID number (optional)",
	UIManualIDHint:         "12 digits",
	UIManualNeedName:       "A name is required.",
	UIFilterPrompt:         "Search: ",
	UIFilterActive:         "Filter: %s",
	UIFilterResults:        "%d found",
	UIWarnCount:            "⚠ %d warning(s)",
	UIWarnMore:             "… and %d more warning(s)",
	UIWarnNotScanned:       "Not scanned",
	UIWarnNotOnRoster:      "Not on roster",
	UIWarnStillInside:      "Still inside",
	UIWarnNoScan:           "Passed without scanning",
	UIWarnCamera:           "Camera",
	UIHeldAsk:              "%s %s is not on the roster — a: admit as guest · r: refuse",
	UIHeldAdmitted:         "%s admitted as a guest",
	UIHeldRefused:          "%s refused",
	UIHeldFailed:           "The decision was not saved: %s",
	UINoWarnings:           "No warnings.",
	UIWarnChecked:          "checked %s",
	UIWarnFalseAlarm:       "false alarm %s",
	UIWarnUndecided:        "Not looked into yet: checked (c) or a false alarm (f)?",
	UIWarnDecidedAs:        "Recorded: %s (the warning of %s).",
	UIWarnDecideFailed:     "Could not record the decision: %s",
	UISnapLoading:          "Opening the picture…",
	UISnapNone:             "This warning has no picture.",
	UISnapFailed:           "Cannot open the picture %s: %s",
	UISnapTooLarge:         "the picture is too large (%d×%d pixels)",
	UIHelpWarnings:         "warnings",
	UIHelpWarnMove:         "select",
	UIHelpWarnOpen:         "open",
	UIHelpChecked:          "checked",
	UIHelpFalseAlarm:       "false alarm",
	UIHelpBack:             "back",
	UIHelpAdmit:            "admit",
	UIHelpRefuse:           "refuse",
	UIHelpQuit:             "quit",
	UIHelpDir:              "direction",
	UIHelpExport:           "export",
	UIHelpManual:           "manual",
	UIHelpVoid:             "void last",
	UIHelpFilter:           "search",
	UIHelpHelp:             "help",
	UIHelpSave:             "save",
	UIHelpCancel:           "cancel",
	UIHelpNext:             "next field",
	UIHelpYes:              "yes",
	UIHelpNo:               "no",
	UIHelpApply:            "keep filter",
	UIHelpClearFilter:      "clear filter",
	UISeconds:              "%d s",
	UIMinutesSeconds:       "%d min %d s",
	UIHoursMinutes:         "%d h %d min",
	UIBannerSeconds:        "%d s",
	UIBannerMinutesSeconds: "%d min %d s",
	UIBannerHoursMinutes:   "%d h %d min",
	UIDemoNotice:           "No camera found: running the demo, made-up people recorded apart from the real log, in %s",
	UISyncOnline:           "sync: %d pending · %s ago",
	UISyncOffline:          "offline — %d waiting",
	UISyncSite:             "whole site: %d inside · %d people",
	UIDemoAsked:            "Demo source: made-up people recorded apart from the real log, in %s",
	UIDemo:                 "DEMO",
	UICameraRetrying:       "CAMERA TROUBLE: %s — trying again every 2 s",

	// Why a code is refused (a scan's reason).
	RejectCode:            "code rejected",
	RejectTooLong:         "code too long (%d bytes, limit %d)",
	RejectEmpty:           "empty code",
	RejectPayment:         "this is a payment code, not a check-in code",
	RejectUnknown:         "unknown code",
	RejectHC1Damaged:      "damaged health certificate: %s",
	RejectHC1Signature:    "health certificate signature is invalid (forged or altered)",
	RejectHC1Usage:        "health certificate signer may not issue this kind of certificate (its key is for tests, vaccinations or recoveries only)",
	RejectNotBadge:        "not a canhcua badge",
	RejectBadgeNoKey:      "badge cannot be checked: no badge key configured",
	RejectBadgeMalformed:  "malformed badge",
	RejectBadgeSignature:  "badge signature is invalid (forged, altered or from another installation)",
	RejectBadgeNoID:       "badge without an ID",
	RejectIDDigits:        "ID number must have 12 digits",
	RejectNoName:          "name is missing",
	RejectBirthNotDate:    "birth date is not a real date",
	RejectBirthImpossible: "birth date is impossible",
	RejectSex:             "sex must be Nam or Nữ",
	RejectIssueNotDate:    "issue date is not a real date",
	HoldNotOnRoster:       "not on the roster of %s",
	DecideAdmitted:        "admitted as a guest",
	DecideRefused:         "not on the roster: refused by the operator",

	// What is odd but usable about a code (an identity's notes).
	NotePaymentDamaged:   "payment code damaged: %v",
	NoteVietQR:           "VietQR bank transfer code",
	NoteUnknownGuest:     "unknown code recorded as a guest",
	NoteLatin1:           "text was misread as Latin-1 and repaired",
	NoteCertExpired:      "certificate expired on %s",
	NoteOldID:            "old ID number %q is neither 9 nor 12 digits",
	NoteNameBytes:        "name contains undecodable bytes",
	NoteNameDigits:       "name contains digits",
	NoteSexMissing:       "sex is missing",
	NoteSexWritten:       "sex written %q",
	NoteASCIIName:        "name without diacritics: the scanner may be in ASCII mode",
	NoteIssueMissing:     "issue date is missing",
	NoteIssueBeforeBirth: "issue date is before the birth date",
	NoteIssueFuture:      "issue date is in the future",
	NoteIssueTooEarly:    "issue date is before 12-digit ID cards existed (2016)",
	NoteProvince:         "unknown province code %s in the ID number",
	NoteBirthYear:        "ID number does not match the birth year",
	NoteSexMismatch:      "ID number does not match the sex",
	NoteNoTrustList:      "signature not verified: no trust list configured",
	NoteUnknownSigner:    "signature not verified: signer %s is not in the trust list",
	NoteUnsupportedAlg:   "signature not verified: unsupported algorithm %s",

	// Warnings for the supervisor (stored in both languages).
	WarnNotScanned:  "%s: %d/%d scanned; not scanned: %s",
	WarnMoreNames:   "and %d more",
	WarnStillInside: "%s is still inside at closing time (in at %s, no exit scan)",
	WarnNotOnRoster: "%s is not on the roster of %s: admit as a guest or refuse",
	WarnNoScan:      "someone passed the camera at %s without scanning",
	WarnCameraError: "camera: %s",

	// What is wrong with the camera (the screen's header).
	CameraNoFrames: "the camera delivers no pictures",
	CameraFrozen:   "the camera picture is frozen",
	CameraCovered:  "the camera lens seems covered",
	CameraDark:     "the camera picture is too dark",
	CameraEnded:    "end of source",
	CameraNoAnswer: "no answer yet",

	// The camera's picture on the desk's screen, and what it tells the person
	// at the door.
	UIPreviewLegend:     "green box: read · yellow: seen, not readable yet",
	UIPreviewLegendGrey: "#: read · ?: seen, not readable yet",
	UIPreviewNone:       "no picture yet",
	UIHelpPreview:       "camera picture",
	UIGuideCloser:       "Bring the code closer",
	UIGuideCloserWhy:    "the code is too small to read",
	UIGuideSteady:       "Hold still",
	UIGuideSteadyWhy:    "the code is blurred",
	UIGuideGlare:        "Tilt the card to avoid glare",
	UIGuideGlareWhy:     "light reflects on the code",

	// Files over canhcua's caps (camera.ErrTooBig).
	CameraFileTooBig:   "%s: %d MB, more than the %d MB canhcua reads from one file",
	CameraImageTooBig:  "%dx%d pixels, more than the %d megapixels canhcua reads in one image",
	CameraTooManyPages: "%s: %d pages, more than the %d canhcua reads (--max-pages)",
	CameraPageTooBig:   "page %d: %.0fx%.0f points at %.0f dpi, more than the %d megapixels canhcua renders",

	// Application errors (canhcua.Error messages).
	ErrInternal:           "internal error",
	ErrDetail:             "%s: %v",
	ErrClock:              "time %q: want HH:MM, e.g. 07:30",
	ErrDirection:          "direction %q: want in, out or toggle",
	ErrBadgeKey:           "badge key: %v",
	ErrTrustList:          "trust list: %v",
	ErrTrustKey:           "trust list key %d: %v",
	ErrTrustKeyKid:        "trust list key %d: kid: %v",
	ErrTrustKeyNoPEM:      "trust list key %d: no PEM block",
	ErrTrustKeyNoKid:      "trust list key %d: no kid",
	ErrTrustNoKey:         "trust list: none of its %d keys can be used",
	ErrDBPathEmpty:        "database path is empty",
	ErrDBTooNew:           "%s was made by a newer canhcua (schema %d, this one knows %d): update canhcua to open it",
	ErrDBLocation:         "%s keeps its days in time zone %s, not %s",
	ErrDBReadOnly:         "the database is read-only: it cannot be written",
	ErrDBOldReadOnly:      "%s is from an older canhcua (schema %d, this one needs %d) and is opened read-only: open it once with the desk where it can be written, to update it",
	ErrDBWALReadOnly:      "%s cannot be read here: its journal %s-wal holds the latest scans and the folder cannot be written; copy both files to a writable folder",
	ErrDiskFull:           "the disk is full: nothing more can be written to the database",
	ErrDiskIO:             "the disk fails to read or write the database",
	ErrFileDiskFull:       "the disk is full: %s cannot be written",
	ErrFileReadOnly:       "the folder is read-only or not writable: %s cannot be written",
	ErrRosterNameEmpty:    "roster name is empty",
	ErrRosterMemberNoName: "roster %s: member %d has no name",
	ErrExpectedBy:         "expected-by time %d is not a time of day",
	ErrNoRoster:           "no roster %q",
	ErrRosterWindow:       "roster %s: the window's end (--until) must be after its start (--from)",
	ErrDoorEmpty:          "door name is empty",
	ErrVoidNotAccepted:    "scan %d is %s: only an accepted scan can be voided",
	ErrNoScan:             "no scan %d",
	ErrVacuumBusy:         "vacuum: another connection is using the database; the WAL file was not emptied",
	ErrWarningNoKind:      "warning has no kind",
	ErrWarningDecision:    "no decision %q: want checked or false_alarm",
	ErrNoWarning:          "no warning %d",
	ErrWarnNotDecidable:   "warning %d is not about someone passing without scanning: the desk opens and resolves it by itself",
	ErrDecideNotHeld:      "scan %d is %s: only a held scan can be admitted or refused",
	ErrExportLanguage:     "export language %q: want vi or en",
	ErrExportFormat:       "export format %q: want csv, xlsx or json",
	ErrCSVSeparator:       "CSV separator %q: want \",\", \";\", \"tab\" or \"|\"",
	ErrReportLanguage:     "report language %q: want vi or en",
	ErrReportFormat:       "report format %q: want text, csv, xlsx or pdf",
	ErrOpeningHours:       "opening hours %q: want 07:00-17:30",
	ErrNoSite:             "the server has no site %q",

	// A day's scans (canhcua export).
	ExportTime:        "Time",
	ExportDoor:        "Door",
	ExportDirection:   "Direction",
	ExportName:        "Name",
	ExportID:          "ID number",
	ExportKind:        "Kind",
	ExportResult:      "Result",
	ExportReason:      "Reason",
	ExportIn:          "In",
	ExportOut:         "Out",
	ExportAccepted:    "Accepted",
	ExportDuplicate:   "Duplicate",
	ExportRejected:    "Rejected",
	ExportVoided:      "Voided",
	ExportKindCCCD:    "Chip ID card",
	ExportKindCanCuoc: "ID card",
	ExportKindHC1:     "COVID certificate",
	ExportKindToken:   "Personal code",
	ExportKindBadge:   "Badge",
	ExportKindPayment: "Payment code",
	ExportKindManual:  "Manual",
	ExportKindText:    "Other code",
	ExportDemo:        "DEMO — made-up people from the demo source, not real check-ins",

	// A day's report for the health office (canhcua report).
	ReportTitle:           "DOOR CHECK-IN REPORT",
	ReportDate:            "Date",
	ReportSite:            "Office",
	ReportDoor:            "Door",
	ReportAllDoors:        "All doors",
	ReportEntries:         "Entries",
	ReportExits:           "Exits",
	ReportPeople:          "People",
	ReportInside:          "Still inside",
	ReportRejected:        "Rejected codes",
	ReportScanned:         "%s scanned: %s",
	ReportGroups:          "Share scanned",
	ReportGroup:           "Group",
	ReportPresent:         "Scanned",
	ReportTotal:           "Total",
	ReportShare:           "Share",
	ReportMissing:         "Expected people who did not scan",
	ReportName:            "Name",
	ReportUnit:            "Unit / position",
	ReportExpectedBy:      "Expected by",
	ReportNone:            "None",
	ReportGuests:          "Guests not on the roster",
	ReportIDNumber:        "ID number",
	ReportScanAt:          "Scanned at",
	ReportDecision:        "Decision",
	ReportDecided:         "Decided at",
	ReportAdmitted:        "Admitted",
	ReportRefused:         "Refused",
	ReportWarnings:        "Warnings of the day",
	ReportTime:            "Time",
	ReportKind:            "Kind",
	ReportMessage:         "Message",
	ReportResolved:        "Resolved",
	ReportOpen:            "Open",
	ReportChecked:         "Checked",
	ReportFalseAlarm:      "False alarm",
	ReportResolvedAt:      "Resolved at",
	ReportMade:            "Made at",
	ReportPage:            "Page %d/{nb}",
	ReportSummary:         "Summary",
	ReportFigure:          "Figure",
	ReportValue:           "Value",
	ReportSheetMissing:    "Not scanned",
	ReportSheetGuests:     "Guests",
	ReportSheetWarnings:   "Warnings",
	ReportWarnNotScanned:  "Not scanned",
	ReportWarnNotOnRoster: "Not on the roster",
	ReportWarnStillInside: "Still inside at closing",
	ReportWarnNoScan:      "Passed without scanning",
	ReportWarnCamera:      "Camera trouble",

	// The district's table (canhcua district): its screen and its files.
	DistrictTitle:        "THE DISTRICT'S SITES",
	DistrictSummary:      "%d sites · staff scanned %s · silent doors: %d · warnings: %d",
	DistrictRules:        "Worst compliance first. During opening hours (%s), a door not heard from for over %d min is flagged silent.",
	DistrictColSite:      "Site",
	DistrictColDoors:     "Doors",
	DistrictColEntries:   "Entries",
	DistrictColExits:     "Exits",
	DistrictColPeople:    "People",
	DistrictColStaff:     "Staff scanned",
	DistrictColWarnings:  "Warnings",
	DistrictColLastHeard: "Last heard",
	DistrictNever:        "never",
	DistrictSilent:       "SILENT: %s",
	DistrictSilentDoor:   "%s %d min",
	DistrictSheet:        "Sites",
	DistrictAllSites:     "All %d sites",
	UIDistrictApp:        "DISTRICT HEALTH OFFICE",
	UIDistrictColSite:    "Site",
	UIDistrictColDoors:   "Doors",
	UIDistrictColIn:      "In",
	UIDistrictColOut:     "Out",
	UIDistrictColPeople:  "People",
	UIDistrictColStaff:   "Staff scanned",
	UIDistrictColWarn:    "Warn",
	UIDistrictColHeard:   "Heard",
	UIDistrictJustNow:    "just now",
	UIDistrictMinutes:    "%d min",
	UIDistrictHours:      "%d h",
	UIDistrictDays:       "%d d",
	UIDistrictUpdated:    "updated %s · refreshes every %d s",
	UIDistrictLoadFailed: "Cannot read the server: %s",
	UIDistrictNoSites:    "The server has no sites yet.",
	UIDistrictFigures:    "In %d · Out %d · People %d · Inside %d · Rejected %d · Warnings %d",
	UIDistrictDoor:       "Door",
	UIDistrictHeard:      "Last heard",
	UIDistrictAgo:        "%s ago",
	UIDistrictSilent:     "SILENT",
	UIDistrictStaff:      "Staff scanned: %s",
	UIDistrictMissing:    "Did not scan (%d)",
	UIDistrictWarnings:   "Warnings (%d)",
	UIDistrictNone:       "none",
	UIDistrictBy:         "by %s",
	UIDistrictHelpMove:   "move",
	UIDistrictHelpOpen:   "open site",
	UIDistrictHelpBack:   "back",
	UIDistrictHelpScroll: "scroll",
	UIDistrictHelpReload: "refresh",
	// A contact trace for the health office (canhcua trace).
	TraceTitle:    "CONTACT TRACE",
	TracePerson:   "Person traced",
	TraceIDNumber: "ID number",
	TraceBirth:    "Born",
	TracePeriod:   "Period",
	TraceSource:   "Data from",
	TracePresent:  "Present: from the entry scanned to the exit scanned; no exit scanned: %d minutes after the entry; no entry scanned: %d minutes before the exit.",
	TraceClocks:   "Each desk's times are corrected to the server's clock.",
	TraceVisits:   "Visits",
	TraceContacts: "Contacts",
	TraceSite:     "Site",
	TraceDoor:     "Door",
	TraceIn:       "In",
	TraceOut:      "Out",
	TraceNote:     "Note",
	TraceNoEntry:  "no entry scanned: time in estimated",
	TraceNoExit:   "no exit scanned: time out estimated",
	TraceName:     "Name",
	TraceMinutes:  "Minutes",
	TraceWhen:     "When",
	TraceNone:     "None",
	TraceSummary:  "Summary",
	TraceServer:   "the district's server %s",
	TraceDeskFile: "one desk's database %s (site %s)",

	// Rosters read from files (canhcua roster import).
	RosterTooLarge:       "%s is larger than %d MB",
	RosterUnreadableCSV:  "unreadable CSV: %v",
	RosterRowNumber:      "row number %q is not a number",
	RosterNotRow:         "not a table row",
	RosterPDFUnreadable:  "%s: not a readable PDF: %v",
	RosterPDFNoText:      "%s has no text (a scanned image?): export the list as a PDF with text, or as XLSX or CSV",
	RosterXLSXUnreadable: "%s: not a readable XLSX file: %v",
	RosterXLSXSheet:      "%s: sheet %s: %v",
	RosterOldExcel:       "%s is an old Excel (.xls) file: save it as .xlsx or .csv",
	RosterNotFormat:      "%s is not a %s file",
	RosterEmptyFile:      "%s is empty",
	RosterNotRoster:      "%s is not a CSV, XLSX or PDF file",
	RosterNoHeader:       "%s: no header row naming a name column (Họ và tên / Name) found",
	RosterRowNoName:      "row %s has no name",
	RosterNoName:         "no name",
	RosterBadID:          "ID number %q is not 9 or 12 digits: left out",
	RosterBadBirth:       "birth date %q is not a date (DD/MM/YYYY): left out",
	RosterBadExpected:    "expected time %q is not a time (HH:MM): left out",
	RosterNameDigits:     "name %q has digits",
	RosterNotName:        "%q is not a name",
	RosterCodeNoRow:      "a code beside no row of the table",
	RosterCodeRowSkipped: "a code (%s) beside a row that was not imported",
	RosterCodeRejected:   "the code beside the row was rejected: %s",
	RosterCodeOtherName:  "the code beside the row is %s's, not %s's: not attached",
	RosterCodeNoID:       "the code beside the row (%s) has no ID number or badge ID: not attached",
	RosterCodeOtherID:    "the code beside the row has ID number %s, the row %s: not attached",
	RosterCodeOtherBadge: "the code beside the row has badge %s, the row %s: not attached",
	RosterProblemPage:    "page %d, ",
	RosterProblemLine:    "line %d: %s",

	// The command line: all commands.
	CmdUsage: `canhcua — watching the door: read QR codes at a door, record who comes and goes.

Usage:
  canhcua [--source S] [--db PATH] [--door NAME] [--direction in|out|toggle] [--lang vi|en]
                                      the desk: read codes at the door, count who is inside
  canhcua setup                       the site, door, camera, direction and language (asked on a first start too)
  canhcua cameras                     the cameras that open, with their resolution and frame rate
  canhcua export --date DD/MM/YYYY [--format csv|xlsx|json] [--to FILE] [--full-id]
                                      one day's scans for the health office
  canhcua roster import FILE [--group NAME] [--expected-by 07:30] [--only] | list | remove NAME
                                      who is expected (CSV, XLSX or PDF lists)
  canhcua report --date DD/MM/YYYY [--format text|csv|xlsx|pdf]
                                      the day's summary for the district health office
  canhcua report --server URL [--site NAME | --district]
                                      the same from the district's server: a site, or all sites
  canhcua district [--server URL] [--date DD/MM/YYYY] [--format text|csv|xlsx|pdf]
                                      the district's table of its sites (a screen, or a file)
  canhcua purge [--days 30] [--dry-run]
                                      delete personal data older than the retention
  canhcua trace --id NUMBER | --name "…" --birth DD/MM/YYYY [--date D | --from D --to D] [--server URL | --db PATH]
                                      who was at the same site at the same time as a person
  canhcua badge --name N --unit U | --from people.csv [--to badges.pdf]
                                      print signed badges for people without an ID card
  canhcua decode [--json] PATH...     read QR codes in images, videos and PDFs
  canhcua bench decode DIR            score the decoder on a corpus folder
  canhcua bench live [--source S]     measure the live capture and decode pipeline

Run 'canhcua COMMAND --help' for the options of a command.
`,
	CmdUsageOptions: `Usage: %s

Options:
`,
	CmdUnknownCommand: "unknown command %q (see canhcua --help)",
	CmdFlagSep:        "the CSV's field separator: \",\", \";\", \"tab\" or \"|\" (default: csv_separator in the config file, else \",\")",
	CmdUnexpectedArg:  "unexpected argument %q (see canhcua %s --help)",
	CmdBadDate:        "date %q: want DD/MM/YYYY, e.g. 27/11/2026",
	CmdBadFormat:      "format %q: want %s",
	CmdBadLanguage:    "language %q: want vi or en",
	CmdDatabase:       "database %s: %v",
	CmdNoDatabase:     "no database given (--db)",
	CmdConfigDefaults: "%s (using the defaults)",
	CmdOr:             "or",
	CmdFlagDate:       "the day, DD/MM/YYYY (default today)",
	CmdFlagDB:         "SQLite database",
	CmdFlagDoorFilter: "only this door (default all doors)",
	CmdFlagMaxPages:   "PDFs of more pages than this are refused (each page takes the decoder a second or two)",
	CmdBadMaxPages:    "--max-pages %d: want 1 or more",
	CmdReaderCrashed:  "%s: the reader stopped on this file (%v)",

	// The desk (canhcua).
	DeskSynopsis: `canhcua [--source S] [--db PATH] [--door NAME] [--direction in|out|toggle] [--lang vi|en] [--config FILE]

Opens the desk: people show their codes to the camera; every scan is recorded
in the database before the screen confirms it. Without --source it opens
camera 0 (a camera that cannot be opened is tried again every 2 s). On a first
start in a terminal it asks the setup questions first (see canhcua setup --help).
The demo (--source demo, or a first start without a config file, database,
camera or terminal) records its made-up people in a database of its own,
demo.db beside the real one.
Settings can also be kept in the config file (TOML, same names); flags win.`,
	DeskFlagSource:    "camera index (0), video file, stream URL, image folder, or demo (default: camera 0)",
	DeskFlagDB:        "SQLite database (default %s)",
	DeskFlagDoor:      "this desk's door (default \"%s\")",
	DeskFlagSite:      "site name shown in the header",
	DeskFlagDirection: "in, out or toggle (default in)",
	DeskFlagLang:      "vi or en (default vi)",
	DeskFlagNoBell:    "do not ring the terminal bell on scans",
	DeskFlagConfig:    "config file (TOML; default %s)",
	DeskFlagServer:    "the district's server (postgres://…): scans go there, the site's rosters come from there",
	DeskDefaultDoor:   "Main door",
	DeskDemoDB:        "%s is the demo's database: real scans never go there (choose another --db)",
	DeskCannotSave:    "cannot save scans in %s: %s",
	ConfigUnknown:     "config %s: unknown setting %s",
	ConfigNoDoor:      "the door needs a name",
	ConfigNoDB:        "no database path",
	ConfigRetention:   "retention_days %d: keep at least 1 day",
	ConfigTimeZone:    "time zone %q: %v",
	ConfigServerSite:  "the district server needs the site's name (site in the config file, or --site)",

	// The setup form (ui/setup.go): the desk's first start, and canhcua setup.
	UISetupTitle:      "CANHCUA — SETUP",
	UISetupIntro:      "A few answers, saved in %s (canhcua setup asks again).",
	UISetupLang:       "Language",
	UISetupLangVI:     "Tiếng Việt",
	UISetupLangEN:     "English",
	UISetupSite:       "Site",
	UISetupSiteHint:   "e.g. UBND xã Tân Phú",
	UISetupDoor:       "Door",
	UISetupCamera:     "Camera",
	UISetupSearching:  "looking for cameras…",
	UISetupNoCamera:   "no camera found",
	UISetupCameraInfo: "%s · %s",
	UISetupCameraSize: "%d×%d",
	UISetupCameraFPS:  "%.4g fps",
	UISetupNoPicture:  "no picture yet",
	UISetupDemo:       "no camera (demo)",
	UISetupFile:       "video file or stream URL:",
	UISetupFileHint:   "/path/video.mp4, rtsp://…",
	UISetupDirection:  "Direction",
	UISetupDirInHint:  "every scan is an entry",
	UISetupDirOutHint: "every scan is an exit",
	UISetupDirToggle:  "the opposite of the person's last scan",
	UISetupNeedSite:   "The site needs a name.",
	UISetupNeedFile:   "Give a video file or a stream URL.",
	UISetupBadFile:    "Cannot use %s: %v",
	UISetupChecking:   "checking %s…",
	UIHelpChoose:      "choose",
	UIHelpSaveAll:     "save",

	// canhcua setup and canhcua cameras.
	SetupSynopsis: `canhcua setup [--config FILE]

Asks the site, the door, the camera, the direction mode and the language in a
short form, and writes them to the config file (mode 0600; the other settings
in it are kept). The desk asks the same on a first start in a terminal.
Needs a terminal: without one it asks nothing.`,
	SetupFlagConfig: "config file to write (default %s)",
	SetupNoTerminal: "the form needs a terminal (standard input and output): nothing asked; write %s by hand (see README)",
	SetupCancelled:  "cancelled: nothing written",
	SetupSaved:      "saved in %s; start the desk with: canhcua",
	SetupWrite:      "config %s: %v",
	CamerasSynopsis: `canhcua cameras

Lists the cameras that open, one a line: the index to give --source or the
config's source, the device, the resolution and the frame rate. It tries every
/dev/videoN (indexes 0 to 9 as well, outside Linux), one after the other, each
given 3 s to open and 3 s to send a frame. Exit status 1 when none opens.`,
	CamerasNone:      "no camera found",
	CamerasLine:      "%-3d %-13s %-10s %s",
	CamerasFPS:       "%.4g fps",
	CamerasNoFPS:     "frame rate unknown",
	CamerasNoPicture: "(opens, but sent no picture within %v)",

	// canhcua export.
	ExportSynopsis: `canhcua export [--date DD/MM/YYYY] [--format csv|xlsx|json] [--to FILE] [--db PATH] [--door NAME] [--full-id] [--sep ";"]

Writes one day's scans, one row per scan, with Vietnamese headers (--lang en for English).
ID numbers are masked (last 4 digits) unless --full-id. An empty day gives a file with
only the headers.`,
	ExportFlagFormat: "csv, xlsx or json (default: from --to's extension, else csv)",
	ExportFlagTo:     "output file, - for standard output (default canhcua-YYYY-MM-DD.EXT in the current folder)",
	ExportFlagFullID: "write full ID numbers instead of masked ones",
	ExportFlagLang:   "vi or en: headers and values",

	// canhcua report.
	ReportSynopsis: `canhcua report [--date DD/MM/YYYY] [--format text|csv|xlsx|pdf] [--to FILE] [--db PATH] [--door NAME] [--lang vi|en] [--sep ";"]
canhcua report --server URL [--site NAME | --district] [--date DD/MM/YYYY] [--format …] [--to FILE] [--lang vi|en]

Writes the day's summary for the district health office: entries, exits, people, each
roster's share scanned, the expected people who did not scan, guests admitted or refused,
and the day's warnings. In Vietnamese (--lang en for English). Text goes to standard
output; the other formats to canhcua-report-YYYY-MM-DD.EXT unless --to.
From the desk's database by default; with --server, a site's report from the district's
server, and with --district all sites together (figures summed, each site's groups,
guests and warnings).`,
	ReportFlagFormat:      "text, csv, xlsx or pdf (default: from --to's extension, else text)",
	ReportFlagTo:          "output file, - for standard output (default: standard output for text, else canhcua-report-YYYY-MM-DD.EXT in the current folder)",
	ReportFlagSite:        "office name under the title",
	ReportFlagLang:        "vi or en",
	ReportFlagServer:      "the district's server (postgres://…): the report of a site (--site) from it",
	ReportFlagDistrict:    "the report of all sites together, from the district's server (--server, else server in the config file)",
	ReportSiteAndDistrict: "--site and --district: choose one",
	ReportServerNoSite:    "the server's report is of a site: name it with --site (or site in the config file), or ask for --district",
	ReportServerDoor:      "--door: the server's report is of all doors",

	// canhcua district.
	DistrictSynopsis: `canhcua district [--server URL] [--date DD/MM/YYYY] [--lang vi|en] [--format text|csv|xlsx|pdf] [--to FILE] [--sep ";"]

The district health office's table: one row per site with its doors, entries, exits, people,
staff scanned per roster group, warnings and when each desk was last heard from, worst
compliance first. Without --format it opens a screen that refreshes itself every 10 s (Enter:
a site's doors, warnings and who did not scan; Esc: back). With --format it writes the table
(text and csv to standard output unless --to).`,
	DistrictFlagServer: "the district's server, postgres://… (default: server in the config file)",
	DistrictFlagFormat: "text, csv, xlsx or pdf: write the table instead of opening the screen (default: from --to's extension)",
	DistrictFlagTo:     "output file, - for standard output (default: standard output for text and csv, else canhcua-district-YYYY-MM-DD.EXT)",
	DistrictFlagLang:   "vi or en",
	DistrictNoServer:   "no server: give --server postgres://… or set server in the config file",

	// canhcua purge.
	PurgeSynopsis: `canhcua purge [--days N] [--db PATH] [--dry-run]

Deletes the personal data (scans, visits, warnings and their snapshots, decisions on
guests, people no longer seen) of the days before the last N days, today included.
Rosters are kept; exports and reports already written are yours and not touched.
The desk does the same at start.`,
	PurgeFlagDays:        "days of personal data to keep, today included (config: retention_days)",
	PurgeFlagDryRun:      "only say what would be deleted",
	PurgeBadDays:         "--days %d: want 1 or more",
	PurgeDone:            "keeping %d %s (from %s); deleted %d scans, %d visits, %d warnings, %d decisions, %d people, %d snapshots",
	PurgeDry:             "keeping %d %s (from %s); would delete %d scans, %d visits, %d warnings, %d decisions, %d people, %d snapshots",
	PurgeDay:             "day",
	PurgeDays:            "days",
	PurgeSnapshotNotJPEG: "snapshot %s: not a JPEG file name, left alone",
	PurgeSnapshotNotFile: "snapshot %s: not a file, left alone",

	// canhcua trace.
	TraceSynopsis: `canhcua trace (--id NUMBER | --name "…" --birth DD/MM/YYYY) [--date DD/MM/YYYY | --from D --to D] [--window 1h] [--format text|csv|xlsx|json] [--to FILE] [--server URL | --db PATH] [--full-id] [--lang vi|en]

Contact tracing for the health office: the person's visits (site, door, time in, time out)
and everyone else present at the same site at an overlapping time, with the minutes shared.
Present means from the entry to the exit scanned, or for --window after an entry when no
exit was scanned (before an exit when no entry was). On the district's server (--server,
default the config's server; times corrected for each desk's clock) or on one desk's
database (--db, default the config's database when no server is configured).
--to is the last day (DD/MM/YYYY, with --from) or the file to write; text and JSON go to
standard output, CSV and XLSX to canhcua-trace-YYYY-MM-DD.EXT unless --to FILE.
ID numbers are masked (last 4 digits) unless --full-id.`,
	TraceFlagID:         "the person's ID number",
	TraceFlagName:       "the person's name (with --birth; diacritics and case do not matter)",
	TraceFlagBirth:      "the person's birth date, DD/MM/YYYY (with --name)",
	TraceFlagDate:       "the day, DD/MM/YYYY (default today)",
	TraceFlagFrom:       "the first day, DD/MM/YYYY (to --to's day, else to today)",
	TraceFlagTo:         "the last day (DD/MM/YYYY, with --from), or the output `FILE`: - for standard output (default: standard output for text and JSON, else canhcua-trace-YYYY-MM-DD.EXT); may be given twice",
	TraceFlagWindow:     "how long someone counts as present after an entry with no exit scanned",
	TraceFlagFormat:     "text, csv, xlsx or json (default: from --to's extension, else text)",
	TraceFlagServer:     "the district's server, postgres://… (default: the config's server)",
	TraceFlagDB:         "one desk's SQLite database (default: the config's, when no server is configured)",
	TraceFlagFullID:     "write full ID numbers instead of masked ones",
	TraceFlagLang:       "vi or en",
	TraceNoPerson:       "who? --id NUMBER, or --name NAME --birth DD/MM/YYYY",
	TraceIDAndName:      "--id or --name, not both",
	TraceNoBirth:        "--name needs --birth DD/MM/YYYY",
	TraceBadBirth:       "birth date %q: want DD/MM/YYYY, e.g. 15/03/1990",
	TraceDateAndRange:   "--date or --from/--to, not both",
	TraceToWithoutFrom:  "--to %s is a day: it needs --from",
	TraceToTwice:        "--to %s and --to %s: one last day and one file at most",
	TraceRangeBackwards: "--from %s is after --to %s",
	TraceBadWindow:      "--window %q: want a duration above zero, e.g. 1h or 30m",
	TraceServerAndDB:    "--server or --db, not both",

	// canhcua badge.
	BadgeSynopsis: `canhcua badge [--name NAME --unit UNIT [--id ID]] [--from people.csv] [--to badges.pdf]

Prints a PDF sheet of badges (name, unit, QR code) for people without an ID card.
Each badge is signed with the key in canhcua's data folder (badge.key, made on first
use): the desk accepts it, and a forged or edited badge is rejected. people.csv has
the columns name, unit and optionally id (a header row is recognised).`,
	BadgeFlagName:     "one person's name",
	BadgeFlagUnit:     "that person's unit or department",
	BadgeFlagID:       "that person's badge ID (default: a new random one)",
	BadgeFlagFrom:     "CSV file of people: name, unit[, id]",
	BadgeFlagTo:       "output PDF",
	BadgeFlagKey:      "badge signing key (made when missing)",
	BadgeNobody:       "nobody to print: give --name or --from",
	BadgePersonNoName: "person %d has no name",
	BadgeKeyShort:     "badge key %s is too short (%d bytes)",
	BadgeCSVNoName:    "%s: line %d: no name",
	BadgeDone:         "%s: %d badge(s)",
	BadgeCardTitle:    "ENTRY BADGE",
	BadgeCardID:       "ID: %s",

	// canhcua decode.
	DecodeSynopsis: `canhcua decode [--json] [--max-pages N] PATH...
       canhcua decode [--json] --source SOURCE

Reads the QR codes in images (PNG, JPEG, WebP, GIF, BMP, TIFF), videos (every frame,
each code once until it has left the view) and PDFs (every page), or live from a
camera, stream or the demo with --source. Exit status: 0 a code was found, 1 none,
2 an error (one line on stderr per file; the other files are still read).

Files are read in a child process: a file that crashes a decoding library stops
only its own reading. Files over %d MB, images over %d megapixels and PDFs of more
than --max-pages pages are refused; a PDF page too large to render at 300 dpi is
read at a lower resolution, with a line on stderr.`,
	DecodeFlagJSON:       "one JSON object per line and per code",
	DecodeFlagSource:     "read live from a source: camera index (0), video file, stream URL, image folder, or demo",
	DecodeFlagDedup:      "how long a code must be out of view before it is read again (videos, live)",
	DecodeFlagDuration:   "with --source: stop after this long (0: until the source ends or Ctrl-C)",
	DecodeFlagFullID:     "show full ID numbers instead of masked ones",
	DecodeFlagTrustList:  "trust list (JSON) to verify COVID certificate signatures",
	DecodeFlagBadgeKey:   "key that checks canhcua badges",
	DecodeSourceAndPaths: "give either --source or paths, not both",
	DecodeNoFile:         "no file given (see canhcua decode --help)",
	DecodeFolder:         "%s: is a folder (give its files, or use --source for a folder of images)",
	DecodePage:           "%s page %d",
	DecodeFrame:          "%s frame %d",
	DecodeID:             "ID %s",
	DecodeBorn:           "born %s",
	DecodeBadge:          "badge %s",
	DecodeDoses:          "%d dose(s)",
	DecodeVerified:       "verified",
	DecodeNotVerified:    "NOT verified",
	DecodeRejected:       "rejected: %s",
	DecodeTrustList:      "trust list %s: %v",
	DecodeTrustSkipped:   "trust list %s: %v (this key is skipped, the others are used)",
	DecodePageReduced:    "%s: page %d is too large to read at %d dpi: read at %.0f dpi",

	// canhcua roster.
	RosterUsage: `Usage: canhcua roster COMMAND

Rosters are named groups of expected people (the office's staff, a meeting's
attendees): the desk shows who of them has scanned ("Cán bộ: 27/30 đã quét").

  canhcua roster import FILE [--group NAME] [--expected-by 07:30] [--only] [--from …] [--until …] [--replace] [--db PATH]
                                   read people from a CSV, XLSX or PDF list
  canhcua roster edit NAME [--only=false] [--expected-by 07:30] [--from DD/MM/YYYY HH:MM] [--until …]
                                   change a group's expected-by time, roster-only setting or window
  canhcua roster list [--group NAME] [--db PATH]
                                   the groups, or the people of one group
  canhcua roster remove NAME [--db PATH]
                                   delete a group (its scans are kept)

Run 'canhcua roster COMMAND --help' for the options of a command.
`,
	RosterNoCommand:      "no command given: import, edit, list or remove (see canhcua roster --help)",
	RosterUnknownCommand: "unknown command %q: want import, edit, list or remove",
	RosterImportSynopsis: `canhcua roster import FILE [--group NAME] [--expected-by HH:MM] [--only] [--from DD/MM/YYYY HH:MM] [--until DD/MM/YYYY HH:MM] [--replace] [--db PATH | --server URL --site NAME] [--max-pages N]

Reads the people of a CSV, XLSX or PDF list into the group NAME (made when new). The
list is a table with a header row, in Vietnamese or English: STT, Họ và tên (Name),
Chức vụ (Position), Đơn vị (Unit), Số CCCD (ID), Ngày sinh (Date of birth), Mã thẻ
(Badge), Giờ (Expected). QR codes printed in a PDF beside a person (ID card, badge)
give that person's ID number or badge. Rows that cannot be read are listed on
stderr with their page and line; the others are imported. Without --replace, the
people are added to the group (a person already in it, by name and ID number, is
updated). With --from and --until the group applies within that window only: outside
it nobody of the group is expected, and a roster-only event holds nobody.`,
	RosterFlagGroup:      "the group's name (default: the file's name)",
	RosterFlagExpectedBy: "time of day by which the group should have scanned, e.g. 07:30 (default: unchanged, else none)",
	RosterFlagOnly:       "the event admits the group's people only: others are held for the operator",
	RosterFlagReplace:    "replace the group's people instead of adding to them",
	RosterFlagBadgeKey:   "key that checks canhcua badges printed in the list",
	RosterFlagServer:     "import for a whole site on the district's server (postgres://…; default: the config's server when --site is given)",
	RosterFlagSite:       "the site the roster is for, on the server (default: the config's site when --server is given)",
	RosterServerSite:     "importing to the server needs both its address (--server, or server in the config) and the site's name (--site, or site)",
	RosterNoFile:         "no file given (see canhcua roster import --help)",
	RosterOneFile:        "unexpected argument %q: give one file",
	RosterNobody:         "%s: nobody could be imported",
	RosterInterrupted:    "%s: interrupted: nothing was imported",
	RosterImported:       "%s: %d people imported into %q",
	RosterImportProblems: ", %d problem(s) (listed on stderr)",
	RosterFlagFrom:       "the group applies from this time, DD/MM/YYYY HH:MM (or DD/MM/YYYY: from the day's start; \"-\": none)",
	RosterFlagUntil:      "the group applies until this time, DD/MM/YYYY HH:MM (or DD/MM/YYYY: to the day's end; \"-\": none)",
	RosterBadWhen:        "time %q: want DD/MM/YYYY HH:MM, e.g. 27/11/2026 14:00",
	RosterListSynopsis: `canhcua roster list [--group NAME] [--db PATH] [--full-id]

Lists the groups with their number of people and expected-by time; with --group,
that group's people (ID numbers masked unless --full-id).`,
	RosterFlagListGroup: "list this group's people",
	RosterFlagFullID:    "show full ID numbers",
	RosterListHeader:    "GROUP\\tPEOPLE\\tEXPECTED BY\\tONLY\\tFROM\\tUNTIL",
	RosterListYes:       "yes",
	RosterGroupLine:     "%s: %d people, expected by %s",
	RosterMembersHeader: "#\\tNAME\\tUNIT\\tID NUMBER\\tBADGE\\tBIRTH DATE\\tEXPECTED BY",
	RosterRemoveSynopsis: `canhcua roster remove NAME [--db PATH]

Deletes the group NAME and its people. Scans are kept.`,
	RosterNoGroup:      "no group given (see canhcua roster list)",
	RosterOneGroup:     "unexpected argument %q: give one group (quote a name with spaces)",
	RosterRemoved:      "removed %q",
	RosterEditSynopsis: "canhcua roster edit NAME [--only=true|false] [--expected-by HH:MM] [--from DD/MM/YYYY HH:MM] [--until DD/MM/YYYY HH:MM] [--db PATH | --server URL --site NAME]\n\nChanges what is given of the group NAME, keeping its people and the rest:\n--only=false makes it no longer roster-only, --expected-by - drops its expected-by time,\n--from - and --until - drop its window.",
	RosterEditFlagOnly: "the event admits the group's people only (--only=false: no longer)",
	RosterEditFlagExp:  "the expected-by time, e.g. 07:30 (\"-\": none)",
	RosterEditNothing:  "nothing to change: give --only, --expected-by, --from or --until (see canhcua roster edit --help)",
	RosterEdited:       "%q: expected by %s, roster-only: %s, from %s until %s",
	RosterListNo:       "no",

	// canhcua bench (the measurements themselves, internal/bench, are for developers and in English).
	BenchUsage: `Usage:
  canhcua bench decode [--passes P,Q] [--json] [-v] DIR
        score the decoder, pass by pass, on a corpus folder (manifest.tsv or labels.jsonl)
  canhcua bench live [--source S] [--size WxH] [--duration D] [--json]
        measure the live capture and decode pipeline
  canhcua bench soak [--duration 2h] [--every 10m] [--source demo] [--db PATH] [--json]
        run the whole desk without the screen for hours and check that nothing leaks

Run 'canhcua bench decode --help', 'canhcua bench live --help' or 'canhcua bench soak --help'
for the options.
`,
	BenchNoWhat:  "say what to measure: decode DIR, live or soak (see canhcua bench --help)",
	BenchUnknown: "unknown benchmark %q (want decode, live or soak)",
	BenchDecodeSynopsis: `canhcua bench decode [--passes P,Q] [--every-pass] [--json] [-v] DIR
       canhcua bench decode --engine live [--hold 1s] [--motion] [--clock real|sim] [--json] [-v] DIR

Decodes every image of a corpus folder (manifest.tsv: expected texts, or labels.jsonl:
code outlines, BoofCV-style) one after the other with the still-image engine and scores
the result: each pass on its own, the passes so far (cumulative) and all combined.
The engine stops on a photo once every finder pattern it saw lies on a code read (the
decode command's engine); --every-pass runs every pass on every photo. Times cover the
decoding only, not reading the file. Exit status: 0 scored, 2 the corpus cannot be used.

With --engine live each photo is shown to the desk's live engine as a camera shows a
card held up to it: the same frame 30 times a second, in real time, for --hold, through
the frame loop; --motion shakes it as a hand does. The score counts the codes read
within the hold; the times are from the first frame to the first read. With --clock sim
the holds run on a simulated clock (the frame path and the engine's background worker
each on a simulated core, busy for the processor time their work took): figures that
other work on the machine does not stretch.

Passes: %s`,
	BenchFlagJSON:      "print the full report as one JSON object",
	BenchFlagVerbose:   "also list missed texts, unexpected and unmatched decodes",
	BenchFlagPasses:    "passes to run, in order: names separated by commas, or still, live, all",
	BenchFlagEveryPass: "with the still engine: run every pass on every image (no early stop once every finder pattern seen lies on a code read)",
	BenchOneCorpus:     "give one corpus folder (see canhcua bench decode --help)",
	BenchPassesUnknown: "--passes: %v",
	BenchPassesTwice:   "--passes: %q given twice",
	BenchBadSize:       "--size %q: want WIDTHxHEIGHT, e.g. 1280x720",
	BenchLiveSynopsis: `canhcua bench live [--source S] [--size WxH] [--duration D] [--preview] [--json]

Runs the live frame loop (capture, decode the newest frame, drop older ones) on a source
for a while and reports what it measured: frames captured, processed and dropped, reads,
capture-to-decode latency, and memory at the start and the end of the run.`,
	BenchFlagSource:   "source: demo, demo:SEED, camera index (0), video file, stream URL, image folder",
	BenchFlagSize:     "frame size of the demo source",
	BenchFlagDuration: "how long to run",
	BenchFlagLiveJSON: "print the report as one JSON object",
	BenchFlagEngine:   "decoder: live (the desk's multi-pass engine) or zxing (zxing-cpp's pass alone), for comparison",
	BenchFlagPreview:  "measure the camera picture too: the screen polls and draws it as on a 120x40 true-colour terminal",
	BenchBadEngine:    "--engine %q: want live or zxing",
	BenchLiveArg:      "unexpected argument %q (the source goes in --source)",
	BenchBadDuration:  "--duration must be positive",
	BenchInterrupted:  "interrupted",
	BenchNoFrame:      "%s delivered no frame in %s",
	BenchSoakSynopsis: `canhcua bench soak [--duration 2h] [--every 10m] [--source demo] [--db PATH] [--json]

Runs the desk's whole pipeline without the screen, at full speed: the source unpaced, the
decoding engine, the picture analysis and people detection, the store (every code read is
a scan written), the warnings watcher and the retention purge, with the screen's calls
made as the screen makes them. It prints the process's RSS, Go heap, goroutines, open
files and live OpenCV Mats (with a build made with -tags matprofile) at the start, every
--every and at the end. The baseline is the sample at 10 minutes, once warmed up (in a
run with no sample after that, the one at the end of the first period): RSS or the Go
heap more than 10%% above it later, or more goroutines, open files or Mats than a small
slack, is a leak; a period without frames (or without scans, on the demo), a
failed call or a Mat left open once stopped fails the soak too. Exit status: 0 passed,
1 failed (the figures are named), 2 the run could not be made.`,
	BenchFlagEvery:     "how often to take and print the figures",
	BenchFlagSoakDB:    "database to write to (snapshots go beside it); default: a new temporary one, removed afterwards",
	BenchSoakBadEvery:  "--every %s: want a period no longer than half of --duration %s",
	BenchSoakFailed:    "failed on %s",
	BenchFlagDecEngine: "engine: still (the passes one after the other on each photo) or live (the desk's engine, each photo held up to it as to a camera)",
	BenchBadDecEngine:  "--engine %q: want still or live",
	BenchFlagHold:      "with --engine live: how long each photo is held up, at 30 frames/s",
	BenchFlagMotion:    "with --engine live: shake each photo as a hand does (shifted a few pixels and slightly blurred, frame to frame)",
	BenchLiveOnly:      "%s applies to --engine live only",
	BenchStillOnly:     "%s applies to --engine still only",
	BenchBadHold:       "--hold must be positive",
	BenchFlagClock:     "with --engine live: real (in real time, as the door sees it) or sim (a simulated clock: processor time on two simulated cores, the same on a busy machine)",
	BenchBadClock:      "--clock %q: want real or sim",
}
