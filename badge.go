package canhcua

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Badges are the codes canhcua prints for roster people without an ID card.
//
// Payload (UTF-8, fits a small printed QR code):
//
//	CC1:<id>|<name>|<unit>|<mac>
//
// id, name and unit are the badge's fields with '%', '|' and control
// characters percent-encoded (%25, %7C, %XX). mac is the first 16 bytes of
// HMAC-SHA256(key, "canhcua badge v1\x00" + everything before the last '|'),
// base64url without padding (22 characters). The key is kept in the app's
// data directory; this package never reads it, callers pass its bytes.
// Changing any character of the payload, or signing with another key, makes
// the badge fail verification.
const badgePrefix = "CC1:"

const (
	badgeMACSize = 16
	// BadgeKeySize is the size of the keys NewBadgeKey makes.
	BadgeKeySize = 32
	badgeDomain  = "canhcua badge v1\x00" // catalog:data: signed, never shown
	// badgeMaxField bounds each field of a badge, in bytes.
	badgeMaxField = 128
)

// Badge is a person on the roster who carries a canhcua badge.
type Badge struct {
	ID   string // unique within the roster, e.g. "NV0042"
	Name string
	Unit string // department, company or team
}

// NewBadgeKey returns a new random key for signing badges, read from rand
// (crypto/rand.Reader when nil).
func NewBadgeKey(random io.Reader) ([]byte, error) {
	if random == nil {
		random = rand.Reader
	}
	k := make([]byte, BadgeKeySize)
	if _, err := io.ReadFull(random, k); err != nil {
		return nil, Errorf(EINTERNAL, catalog.ErrBadgeKey, err)
	}
	return k, nil
}

// SignBadge returns the payload text of a badge signed with key, to be
// printed as a QR code. Fields are trimmed; an empty ID makes a badge that
// Identify rejects. Fields longer than 128 bytes are cut (at a character
// boundary).
func SignBadge(key []byte, b Badge) string {
	body := badgePrefix + badgeEscape(truncBytes(strings.TrimSpace(b.ID), badgeMaxField)) + "|" +
		badgeEscape(truncBytes(strings.Join(strings.Fields(b.Name), " "), badgeMaxField)) + "|" +
		badgeEscape(truncBytes(strings.Join(strings.Fields(b.Unit), " "), badgeMaxField))
	return body + "|" + badgeMAC(key, body)
}

func badgeMAC(key []byte, body string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(badgeDomain))
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:badgeMACSize])
}

// isBadge reports whether text has the badge prefix (any case).
func isBadge(text string) bool {
	return len(text) >= len(badgePrefix) && strings.EqualFold(text[:len(badgePrefix)], badgePrefix)
}

// errBadge is a badge rejection: the catalog key of its reason.
type errBadge struct{ key catalog.Key }

func (e errBadge) Error() string { return catalog.EN.T(e.key) }

// ParseBadge checks a badge payload against key and returns the badge. It
// fails when there is no key, when the payload is malformed, or when its
// signature does not match (forged, altered, or signed with another key).
func ParseBadge(key []byte, text string) (Badge, error) {
	if !isBadge(text) {
		return Badge{}, errBadge{catalog.RejectNotBadge}
	}
	if len(key) == 0 {
		return Badge{}, errBadge{catalog.RejectBadgeNoKey}
	}
	last := strings.LastIndexByte(text, '|')
	if last < 0 {
		return Badge{}, errBadge{catalog.RejectBadgeMalformed}
	}
	body, mac := text[:last], text[last+1:]
	// Verify before looking at the fields: nothing unsigned is interpreted.
	// The prefix is signed in its canonical case.
	canon := badgePrefix + body[len(badgePrefix):]
	if !hmac.Equal([]byte(mac), []byte(badgeMAC(key, canon))) {
		return Badge{}, errBadge{catalog.RejectBadgeSignature}
	}
	f := strings.Split(body[len(badgePrefix):], "|")
	if len(f) != 3 {
		return Badge{}, errBadge{catalog.RejectBadgeMalformed}
	}
	var b Badge
	for i, p := range []*string{&b.ID, &b.Name, &b.Unit} {
		v, err := badgeUnescape(f[i])
		if err != nil || len(v) > badgeMaxField {
			return Badge{}, errBadge{catalog.RejectBadgeMalformed}
		}
		*p = v
	}
	if b.ID == "" {
		return Badge{}, errBadge{catalog.RejectBadgeNoID}
	}
	return b, nil
}

func badgeEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' || c == '|' || c < 0x20 || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func badgeUnescape(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", fmt.Errorf("bad escape")
		}
		hi, lo := unhex(s[i+1]), unhex(s[i+2])
		if hi < 0 || lo < 0 {
			return "", fmt.Errorf("bad escape")
		}
		b.WriteByte(byte(hi<<4 | lo))
		i += 2
	}
	return b.String(), nil
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// truncBytes cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
