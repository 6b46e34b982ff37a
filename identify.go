package canhcua

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Identity is who a code (or a manual entry) says a person is.
//
// Every text field holds sanitized text (see Sanitize): no control
// characters, escape sequences or bidi overrides, bounded width. A rejected
// identity (Reject set) never has a Key.
type Identity struct {
	Kind      Kind
	Key       string // stable person key: the same person scanned twice has the same key
	Name      string
	IDNumber  string // full ID number when there is one (mask it when shown: MaskID)
	BirthDate string // DD/MM/YYYY when known (HC1 partial dates: MM/YYYY or YYYY)
	// Reject, when not empty, is why the code is not a check-in code
	// (English); RejectVI is the same reason in Vietnamese, for the screen.
	Reject   string
	RejectVI string

	OldIDNumber string // CCCD: the old 9-digit CMND number, when the card has one
	Sex         string // "Nam" or "Nữ" (ID cards)
	Address     string // ID cards, only when IdentifyConfig.KeepAddress
	IssueDate   string // ID cards: DD/MM/YYYY

	BadgeID string // canhcua badges
	Unit    string // canhcua badges: department, company or team

	// Verified is true when a signature was checked and matched: a badge's
	// HMAC, or an HC1 certificate's signature against the trust list. An HC1
	// certificate read without a trust list is not verified.
	Verified    bool
	Certificate *Certificate // HC1 details

	// Warnings are odd but usable things about the code (English).
	Warnings []string
	// Raw is the code's text, only when IdentifyConfig.KeepRaw (it is not
	// sanitized: escape it, e.g. with Printable, before showing it).
	Raw string
}

// warn adds a note (English) to the identity.
func (id *Identity) warn(key catalog.Key, args ...any) {
	id.Warnings = append(id.Warnings, catalog.EN.T(key, args...))
}

// IdentifyConfig configures IdentifyWith. The zero value is the default:
// badges rejected (no key), certificates not verified, unknown codes
// rejected, no addresses, no raw payloads, 4096-byte payloads at most.
type IdentifyConfig struct {
	// BadgeKey is the key canhcua badges are signed with (NewBadgeKey,
	// SignBadge). Without it badges are rejected: they cannot be checked.
	BadgeKey []byte
	// TrustList holds HC1 signers' keys; nil: certificates are read but not
	// verified.
	TrustList *TrustList
	// AcceptUnknown records codes of no known kind as guests (KindText,
	// keyed by a hash of the text) instead of rejecting them.
	AcceptUnknown bool
	// KeepAddress keeps ID cards' addresses in Identity.Address.
	KeepAddress bool
	// KeepRaw keeps the code's text in Identity.Raw.
	KeepRaw bool
	// MaxPayload is the largest code text accepted, in bytes (0: 4096).
	MaxPayload int
	// Today is the date birth and issue dates are checked against (zero:
	// the current time).
	Today time.Time
}

// DefaultMaxPayload is the default IdentifyConfig.MaxPayload.
const DefaultMaxPayload = 4096

// Display bounds (terminal columns) for identity fields.
const (
	maxNameWidth    = 64
	maxAddressWidth = 160
)

// Identify reads who a decoded code's text says a person is, with the
// default configuration (see IdentifyConfig). Codes that are not check-in
// codes come back with Reject set.
func Identify(text string) Identity { return IdentifyWith(IdentifyConfig{}, text) }

// IdentifyWith reads who a decoded code's text says a person is:
//
//   - "HC1:…": an EU digital COVID certificate (KindHC1), keyed
//     "hc1:<folded name>|<birth date>"; see ParseHC1;
//   - "000201…": an EMVCo/VietQR payment code: rejected;
//   - "CC1:…": a canhcua badge (KindBadge), keyed "badge:<id>"; see SignBadge;
//   - "<12 digits>|…": a chip ID card (KindCCCD) or căn cước card
//     (KindCanCuoc), keyed "id:<12 digits>"; see payload_cccd.go for the
//     layouts and how the two are told apart;
//   - an opaque token (PC-Covid / VNeID personal codes, whose format is not
//     published: one word of 16 to 1024 base64/base64url/hex characters with
//     letters and digits, or a JWT-shaped a.b.c), keyed "token:<hash>";
//   - anything else (URLs, plain text): rejected as an unknown code, or a
//     guest (KindText, keyed "text:<hash>") when cfg.AcceptUnknown.
//
// A leading byte-order mark and surrounding white space (CR/LF) are ignored;
// UTF-8 that a decoder misread as Latin-1 is repaired. Texts longer than
// cfg.MaxPayload bytes are rejected before any parsing.
func IdentifyWith(cfg IdentifyConfig, text string) Identity {
	limit := cfg.MaxPayload
	if limit <= 0 {
		limit = DefaultMaxPayload
	}
	id := identify(cfg, limit, text)
	if id.Reject != "" {
		id.Key = ""
		if id.RejectVI == "" {
			id.RejectVI = catalog.VI.T(catalog.RejectCode)
		}
	}
	if cfg.KeepRaw && len(text) <= limit {
		id.Raw = text
	}
	return id
}

func identify(cfg IdentifyConfig, limit int, text string) Identity {
	if len(text) > limit {
		return reject(KindText, catalog.RejectTooLong, len(text), limit)
	}
	today := cfg.Today
	if today.IsZero() {
		today = time.Now()
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)

	t := strings.TrimPrefix(text, "\ufeff")
	t = strings.Trim(t, " \t\r\n\x00")
	t = strings.TrimPrefix(t, "\ufeff")
	if t == "" {
		return reject(KindText, catalog.RejectEmpty)
	}
	repaired := false
	if r, ok := repairLatin1(t); ok {
		t, repaired = r, true
	}
	var id Identity
	switch {
	case isHC1(t):
		id = identifyHC1(cfg, today, t)
	case isBadge(t):
		b, err := ParseBadge(cfg.BadgeKey, t)
		if err != nil {
			return reject(KindBadge, err.(errBadge).key)
		}
		id = Identity{Kind: KindBadge, Key: "badge:" + b.ID, BadgeID: Sanitize(b.ID, 40),
			Name: Sanitize(b.Name, maxNameWidth), Unit: Sanitize(b.Unit, maxNameWidth), Verified: true}
	case looksEMV(t):
		id = reject(KindPayment, catalog.RejectPayment)
		if fs, err := parseEMV(t); err != nil {
			id.warn(catalog.NotePaymentDamaged, err)
		} else if emvIsVietQR(fs) {
			id.warn(catalog.NoteVietQR)
		}
		return id
	case looksCCCD(t):
		id = parseCCCD(cfg, today, t)
	case isToken(t):
		id = Identity{Kind: KindToken, Key: tokenKey(KindToken, t)}
	case cfg.AcceptUnknown:
		id = Identity{Kind: KindText, Key: tokenKey(KindText, t)}
		id.warn(catalog.NoteUnknownGuest)
	default:
		return reject(KindText, catalog.RejectUnknown)
	}
	if repaired && id.Reject == "" {
		id.warn(catalog.NoteLatin1)
	}
	return id
}

func identifyHC1(cfg IdentifyConfig, today time.Time, t string) Identity {
	cert, warnings, err := ParseHC1(t, cfg.TrustList)
	if err != nil {
		var e hc1Error
		if !errors.As(err, &e) {
			e = hc1Damaged(err).(hc1Error)
		}
		return reject(KindHC1, e.key, e.args...)
	}
	id := Identity{
		Kind:        KindHC1,
		Key:         hc1PersonKey(cert),
		Name:        cert.Name,
		BirthDate:   hc1BirthDate(cert.BirthDate),
		Verified:    cert.Verified,
		Certificate: cert,
		Warnings:    warnings,
	}
	if !cert.ExpiresAt.IsZero() && cert.ExpiresAt.Before(today) {
		id.warn(catalog.NoteCertExpired, cert.ExpiresAt.Format("02/01/2006"))
	}
	return id
}

// reject is a refused code of kind k, with the reason the catalog gives key.
func reject(k Kind, key catalog.Key, args ...any) Identity {
	id := Identity{Kind: k}
	id.Reject, id.RejectVI = catalog.Both(key, args...)
	return id
}

// isToken reports whether t looks like an opaque personal code: a JWT-shaped
// a.b.c of base64url, or one word of 16–1024 base64/base64url/hex
// characters with both letters and digits.
func isToken(t string) bool {
	if len(t) < 16 || len(t) > 1024 {
		return false
	}
	parts := strings.Split(t, ".")
	if len(parts) != 1 && len(parts) != 3 {
		return false
	}
	letters, digits := false, false
	for _, p := range parts {
		if p == "" {
			return false
		}
		for i := 0; i < len(p); i++ {
			switch c := p[i]; {
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
				letters = true
			case c >= '0' && c <= '9':
				digits = true
			case c == '+' || c == '/' || c == '=' || c == '-' || c == '_':
			default:
				return false
			}
		}
	}
	return letters && digits
}

// repairLatin1 undoes a common decoder mistake: UTF-8 bytes read as Latin-1
// ("NguyÃ¡»…n" for "Nguyễn"). It applies only when every rune is below
// U+0100, some are above U+007F, and the bytes form valid UTF-8 with a
// character beyond Latin-1 (Vietnamese letters are).
func repairLatin1(s string) (string, bool) {
	high := false
	for _, r := range s {
		if r >= 0x100 {
			return "", false
		}
		if r >= 0x80 {
			high = true
		}
	}
	if !high || !utf8.ValidString(s) {
		return "", false
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return "", false
	}
	for _, r := range string(b) {
		if r >= 0x100 {
			return string(b), true
		}
	}
	return "", false
}

// Manual is the identity of someone entered by hand: name and optional ID.
func Manual(name, idNumber string) Identity {
	name = strings.Join(strings.Fields(name), " ")
	id := Identity{Kind: KindManual, Name: name, IDNumber: strings.TrimSpace(idNumber)}
	if id.IDNumber != "" {
		id.Key = "id:" + id.IDNumber
	} else {
		id.Key = "manual:" + strings.ToLower(FoldDiacritics(name))
	}
	return id
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
