package canhcua

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/canhcua/canhcua/internal/catalog"
)

// Vietnamese ID cards carry a QR code whose text is '|'-separated fields.
//
// Chip citizen ID card (CCCD, issued 2021 – 30 June 2024), 7 fields:
//
//	ID (12 digits) | old CMND (9 digits, or empty) | full name | birth date DDMMYYYY | Nam/Nữ | address | issue date DDMMYYYY
//
// Also accepted: the 6-field form without the old number (some apps
// re-encode it that way), dates written DD/MM/YYYY (or with '-' or '.'),
// one-digit days and months, a leading byte-order mark, surrounding spaces
// and CR/LF, names and sex without diacritics (scanners in ASCII keyboard
// mode: "NGUYEN VAN AN", "Nu"), and UTF-8 that a decoder misread as
// Latin-1 (repaired).
//
// Căn cước card (Luật Căn cước 2023, issued from 1 July 2024): the same core
// fields, the ID number first, possibly followed by more fields, which are
// tolerated and ignored. A card is taken for a căn cước card when its issue
// date is on or after 01/07/2024, or when it has non-empty fields after the
// core ones; otherwise it is a CCCD. Both carry the person's 12-digit
// personal identification number, so both are keyed "id:<12 digits>": the
// same person shown with either card is one person.
//
// Validation: the ID must be 12 digits, the birth date and issue date real
// dates (not in the future for the birth date), the sex Nam or Nữ; such
// faults reject the code. Odd but usable fields only add warnings: an
// unknown province code, an ID whose century/sex digit or birth-year digits
// disagree with the fields, an old number that is not 9 or 12 digits, a
// missing issue date, an issue date before the birth date, before CCCDs
// existed (2016) or in the future.

// cancuocFrom is the day căn cước cards replaced CCCDs.
var cancuocFrom = time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)

// cccdFrom is the day 12-digit citizen ID cards began to be issued.
var cccdFrom = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)

// provinceCodes are the first three digits of a personal identification
// number: the province (of birth registration) under Circular 07/2016/TT-BCA.
var provinceCodes = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027
		030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064
		066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096`) {
		provinceCodes[c] = true
	}
}

// looksCCCD reports whether text has the shape of an ID card's QR text: at
// least six '|'-separated fields, the first all digits.
func looksCCCD(t string) bool {
	i := strings.IndexByte(t, '|')
	if i < 1 || strings.Count(t, "|") < 5 {
		return false
	}
	first := strings.TrimSpace(t[:i])
	return first != "" && allDigits(first) && len(first) >= 8 && len(first) <= 14
}

// parseCCCD reads the text of an ID card's QR code (see looksCCCD). The
// result is rejected (Reject set, no Key) when a field is invalid.
func parseCCCD(cfg IdentifyConfig, today time.Time, t string) Identity {
	f := strings.Split(t, "|")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	id := Identity{Kind: KindCCCD}
	if !isDigits(f[0], 12) {
		return reject(KindCCCD, catalog.RejectIDDigits)
	}
	// Layout: 7 fields (with the old number, which is empty or digits) or
	// 6 fields (without). A 6-field text whose second field is a number is
	// the 7-field form without its issue date.
	var old, name, dob, sex, addr, issue string
	var extra []string
	seven := (len(f) >= 7 && (f[1] == "" || allDigits(f[1]))) ||
		(len(f) == 6 && (f[1] == "" || allDigits(f[1])) && looksDate(f[3]))
	if seven {
		old, name, dob, sex, addr = f[1], f[2], f[3], f[4], f[5]
		if len(f) >= 7 {
			issue, extra = f[6], f[7:]
		}
	} else {
		name, dob, sex, addr, issue, extra = f[1], f[2], f[3], f[4], f[5], f[6:]
	}

	id.IDNumber = f[0]
	if old != "" {
		if !isDigits(old, 9) && !isDigits(old, 12) {
			id.warn(catalog.NoteOldID, Sanitize(old, 20))
		}
		id.OldIDNumber = Sanitize(old, 20)
	}

	if strings.Contains(name, "\uFFFD") || !utf8.ValidString(name) {
		id.warn(catalog.NoteNameBytes)
	}
	id.Name = Sanitize(name, maxNameWidth)
	if id.Name == "" {
		return reject(KindCCCD, catalog.RejectNoName)
	}
	if strings.ContainsFunc(id.Name, unicode.IsDigit) {
		id.warn(catalog.NoteNameDigits)
	}

	birth, ok := parseVNDate(dob)
	if !ok {
		return reject(KindCCCD, catalog.RejectBirthNotDate)
	}
	if birth.After(today) || birth.Year() < 1900 {
		return reject(KindCCCD, catalog.RejectBirthImpossible)
	}
	id.BirthDate = birth.Format("02/01/2006")

	switch Fold(sex) {
	case "nam", "male", "m":
		id.Sex = "Nam"
	case "nu", "female", "f":
		id.Sex = "Nữ" // catalog:data: as the card writes it
	case "":
		id.warn(catalog.NoteSexMissing)
	default:
		return reject(KindCCCD, catalog.RejectSex)
	}
	if f := Fold(sex); f != "" && f != "nam" && f != "nu" {
		id.warn(catalog.NoteSexWritten, Sanitize(sex, 10))
	}
	if !hasNonASCII(name) {
		id.warn(catalog.NoteASCIIName)
	}

	if issue == "" {
		id.warn(catalog.NoteIssueMissing)
	} else {
		d, ok := parseVNDate(issue)
		if !ok {
			return reject(KindCCCD, catalog.RejectIssueNotDate)
		}
		id.IssueDate = d.Format("02/01/2006")
		switch {
		case d.Before(birth):
			id.warn(catalog.NoteIssueBeforeBirth)
		case d.After(today):
			id.warn(catalog.NoteIssueFuture)
		case d.Before(cccdFrom):
			id.warn(catalog.NoteIssueTooEarly)
		}
		if !d.Before(cancuocFrom) {
			id.Kind = KindCanCuoc
		}
	}
	for _, e := range extra {
		if e != "" {
			id.Kind = KindCanCuoc
			break
		}
	}

	// The personal identification number encodes the province, the century
	// and sex, and the last two digits of the birth year.
	if !provinceCodes[id.IDNumber[:3]] {
		id.warn(catalog.NoteProvince, id.IDNumber[:3])
	}
	c := int(id.IDNumber[3] - '0')
	century := map[int]int{0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 1800, 9: 1800}[c]
	yy, _ := strconv.Atoi(id.IDNumber[4:6])
	if century+yy != birth.Year() {
		id.warn(catalog.NoteBirthYear)
	}
	if id.Sex != "" && (c%2 == 1) != (id.Sex == "Nữ") { // catalog:data
		id.warn(catalog.NoteSexMismatch)
	}

	if cfg.KeepAddress {
		id.Address = Sanitize(addr, maxAddressWidth)
	}
	id.Key = "id:" + id.IDNumber
	return id
}

// looksDate reports whether s has the shape of a date the parser reads.
func looksDate(s string) bool {
	_, ok := parseVNDate(s)
	return ok
}

// parseVNDate reads a day-first date: DDMMYYYY, or D/M/YYYY with '/', '-'
// or '.' between the parts. The date must exist.
func parseVNDate(s string) (time.Time, bool) {
	var d, m, y string
	if len(s) == 8 && allDigits(s) {
		d, m, y = s[0:2], s[2:4], s[4:8]
	} else {
		i := strings.IndexAny(s, "/-.")
		if i < 0 {
			return time.Time{}, false
		}
		p := strings.Split(s, s[i:i+1])
		if len(p) != 3 {
			return time.Time{}, false
		}
		d, m, y = p[0], p[1], p[2]
		if len(d) < 1 || len(d) > 2 || len(m) < 1 || len(m) > 2 || len(y) != 4 || !allDigits(d+m+y) {
			return time.Time{}, false
		}
	}
	dd, _ := strconv.Atoi(d)
	mm, _ := strconv.Atoi(m)
	yyyy, _ := strconv.Atoi(y)
	t := time.Date(yyyy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd || int(t.Month()) != mm || t.Year() != yyyy {
		return time.Time{}, false
	}
	return t, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}
