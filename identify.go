package canhcua

import (
	"strings"
)

// Identity is who a code (or a manual entry) says a person is.
type Identity struct {
	Kind      Kind
	Key       string // stable person key: the same person scanned twice has the same key
	Name      string
	IDNumber  string // full ID number when there is one
	BirthDate string // DD/MM/YYYY when known
	// Reject, when not empty, is why the code is not a check-in code.
	Reject string
}

// Identify reads who a decoded code's text says a person is. Codes that are
// not check-in codes come back with Reject set.
//
// This first version knows the chip ID card (CCCD) layout
// "ID|old ID|name|DDMMYYYY|sex|address|issue date" and treats any other text
// as an opaque token keyed by its hash.
func Identify(text string) Identity {
	t := strings.TrimRight(strings.TrimPrefix(text, "\ufeff"), "\r\n")
	if f := strings.Split(t, "|"); len(f) >= 6 && isDigits(f[0], 12) {
		id := Identity{Kind: KindCCCD, Key: "id:" + f[0], IDNumber: f[0], Name: strings.TrimSpace(f[2])}
		if d := f[3]; isDigits(d, 8) {
			id.BirthDate = d[0:2] + "/" + d[2:4] + "/" + d[4:8]
		}
		return id
	}
	if strings.HasPrefix(t, "000201") {
		return Identity{Kind: KindPayment, Reject: "payment code, not a check-in code"}
	}
	return Identity{Kind: KindText, Key: tokenKey(KindText, t)}
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
