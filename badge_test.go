package canhcua

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

var testBadgeKey = []byte("0123456789abcdef0123456789abcdef")

func TestNewBadgeKey(t *testing.T) {
	k1, err := NewBadgeKey(nil)
	if err != nil || len(k1) != BadgeKeySize {
		t.Fatalf("NewBadgeKey(nil) = %x, %v", k1, err)
	}
	k2, _ := NewBadgeKey(nil)
	if bytes.Equal(k1, k2) {
		t.Error("two keys are equal")
	}
	k3, err := NewBadgeKey(bytes.NewReader(bytes.Repeat([]byte{7}, 64)))
	if err != nil || !bytes.Equal(k3, bytes.Repeat([]byte{7}, BadgeKeySize)) {
		t.Errorf("NewBadgeKey(reader) = %x, %v", k3, err)
	}
	if _, err := NewBadgeKey(bytes.NewReader([]byte{1, 2})); err == nil {
		t.Error("short randomness: no error")
	}
}

func TestBadge(t *testing.T) {
	b := Badge{ID: "NV0042", Name: "Đặng Thùy Trâm", Unit: "Phòng Kế toán"}
	payload := SignBadge(testBadgeKey, b)
	if !strings.HasPrefix(payload, "CC1:NV0042|Đặng Thùy Trâm|Phòng Kế toán|") || len(payload) > 80 {
		t.Fatalf("payload %q (%d bytes)", payload, len(payload))
	}
	cfg := IdentifyConfig{BadgeKey: testBadgeKey}
	id := IdentifyWith(cfg, payload)
	if id.Reject != "" || id.Kind != KindBadge || id.Key != "badge:NV0042" || id.BadgeID != "NV0042" ||
		id.Name != b.Name || id.Unit != b.Unit || !id.Verified {
		t.Fatalf("%+v", id)
	}
	// Scanned again (with CR/LF from a keyboard-wedge scanner): same person.
	if id2 := IdentifyWith(cfg, payload+"\r\n"); id2.Key != id.Key {
		t.Errorf("key %q, want %q", id2.Key, id.Key)
	}

	// Fields with the separator, '%' and controls survive the round trip.
	odd := Badge{ID: "K|1%", Name: "A|B\nC", Unit: "  R&D   Lab "}
	got, err := ParseBadge(testBadgeKey, SignBadge(testBadgeKey, odd))
	if err != nil || got.ID != "K|1%" || got.Name != "A|B C" || got.Unit != "R&D Lab" {
		t.Errorf("odd badge: %+v, %v", got, err)
	}
	if id := IdentifyWith(cfg, SignBadge(testBadgeKey, odd)); strings.ContainsAny(id.Name, "\n") {
		t.Errorf("name not sanitized: %q", id.Name)
	}

	other := bytes.Repeat([]byte{9}, 32)
	for _, c := range []struct {
		name, text string
		key        []byte
		reject     string
	}{
		{"no key configured", payload, nil, "no badge key"},
		{"another installation's key", payload, other, "signature is invalid"},
		{"name edited", strings.Replace(payload, "Trâm", "Tram", 1), testBadgeKey, "signature is invalid"},
		{"ID edited", strings.Replace(payload, "NV0042", "NV0043", 1), testBadgeKey, "signature is invalid"},
		{"signature edited", payload[:len(payload)-1] + "A", testBadgeKey, "signature is invalid"},
		{"signature removed", payload[:strings.LastIndexByte(payload, '|')], testBadgeKey, "signature is invalid"},
		{"no fields", "CC1:", testBadgeKey, "malformed"},
		{"forged without a key", "CC1:NV0001|Nguyễn Văn An|Ban Giám đốc|AAAAAAAAAAAAAAAAAAAAAA", testBadgeKey, "signature is invalid"},
		{"empty ID", SignBadge(testBadgeKey, Badge{Name: "X"}), testBadgeKey, "without an ID"},
		{"extra field", signedBody(testBadgeKey, "CC1:A|B|C|D"), testBadgeKey, "malformed"},
		{"bad escape", signedBody(testBadgeKey, "CC1:A%G1|B|C"), testBadgeKey, "malformed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			id := IdentifyWith(IdentifyConfig{BadgeKey: c.key}, c.text)
			if !strings.Contains(id.Reject, c.reject) || id.Key != "" || id.RejectVI == "" || id.Kind != KindBadge {
				t.Errorf("got %+v, want rejection %q", id, c.reject)
			}
		})
	}
	// Lower-case prefix (some scanners) still verifies.
	if id := IdentifyWith(cfg, "cc1:"+payload[4:]); id.Reject != "" {
		t.Errorf("lower-case prefix: %s", id.Reject)
	}
}

func signedBody(key []byte, body string) string { return body + "|" + badgeMAC(key, body) }

func TestBadgeLongFields(t *testing.T) {
	long := strings.Repeat("Nguyễn ", 40)
	b, err := ParseBadge(testBadgeKey, SignBadge(testBadgeKey, Badge{ID: "X1", Name: long}))
	if err != nil || len(b.Name) > badgeMaxField {
		t.Fatalf("%q, %v", b.Name, err)
	}
}

func FuzzBadge(f *testing.F) {
	f.Add("NV0042", "Đặng Thùy Trâm", "Phòng Kế toán", "")
	f.Add("K|1%", "A|B\nC", "R&D", "CC1:K%7C1%25|A%7CB%0AC|R&D|xxxxxxxxxxxxxxxxxxxxxx")
	f.Add("B-7", "\x1b[2JNguyen Van An", "\u202eIT", "CC1:||||")
	f.Add("", "", "", "cc1:A|B|C|")
	f.Fuzz(func(t *testing.T, id, name, unit, text string) {
		// Any text: no panic; a badge that verifies was signed with the key.
		if b, err := ParseBadge(testBadgeKey, text); err == nil {
			if b.ID == "" {
				t.Fatal("badge without an ID accepted")
			}
			var e errBadge
			if _, err := ParseBadge([]byte("other key"), text); !errors.As(err, &e) {
				t.Fatal("verified with another key")
			}
		}
		// Signing then parsing returns the trimmed fields.
		p := SignBadge(testBadgeKey, Badge{ID: id, Name: name, Unit: unit})
		b, err := ParseBadge(testBadgeKey, p)
		wantID := truncBytes(strings.TrimSpace(id), badgeMaxField)
		if wantID == "" {
			if err == nil {
				t.Fatal("empty ID accepted")
			}
			return
		}
		if err != nil || b.ID != wantID {
			t.Fatalf("round trip: %+v, %v (payload %q)", b, err, p)
		}
		// Flipping any one byte breaks the badge.
		for i := 0; i < len(p); i += 1 + len(p)/16 {
			q := []byte(p)
			q[i] ^= 0x01
			if i < 4 && strings.EqualFold(string(q[:4]), "CC1:") {
				continue // a case change of the prefix is tolerated
			}
			if _, err := ParseBadge(testBadgeKey, string(q)); err == nil {
				t.Fatalf("byte %d flipped: still valid: %q", i, q)
			}
		}
	})
}
