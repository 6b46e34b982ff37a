package main

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canhcua/canhcua/internal/hc1test"
)

type decodedLine struct {
	Text      string `json:"text"`
	Page      int    `json:"page"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	ID        string `json:"id"`
	BirthDate string `json:"birth_date"`
	BadgeID   string `json:"badge_id"`
	Unit      string `json:"unit"`
	Verified  *bool  `json:"verified"`
	Rejected  string `json:"rejected"`
	Doses     []struct {
		Dose int    `json:"dose"`
		Of   int    `json:"of"`
		Date string `json:"date"`
	} `json:"doses"`
}

func decodeJSON(t *testing.T, args ...string) []decodedLine {
	t.Helper()
	out, errOut, status := runCmd(append([]string{"decode", "--json"}, args...)...)
	if status != exitOK {
		t.Fatalf("decode %v: status %d, stderr %q", args, status, errOut)
	}
	var lines []decodedLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var d decodedLine
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("%v: %q", err, l)
		}
		lines = append(lines, d)
	}
	return lines
}

func TestDecodeIdentifiesCCCD(t *testing.T) {
	img := filepath.Join(t.TempDir(), "cccd.png")
	writeQR(t, img, "001090001234|012345678|Nguyễn Văn An|15031990|Nam|Số 12 Hàng Bài, Hoàn Kiếm, Hà Nội|10052021\r\n")
	d := decodeJSON(t, img)[0]
	if d.Kind != "cccd" || d.ID != "********1234" || d.Name != "Nguyễn Văn An" || d.BirthDate != "15/03/1990" {
		t.Errorf("got %+v", d)
	}
	out, _, _ := runCmd("decode", "--json", "--full-id", img)
	if !strings.Contains(out, `"id":"001090001234"`) {
		t.Errorf("--full-id: %s", out)
	}
}

func TestDecodeIdentifiesHC1(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	dcc := map[string]any{
		"ver": "1.3.0", "dob": "1985-11-02",
		"nam": map[string]any{"fn": "Trần", "gn": "Thị Bích Ngọc", "fnt": "TRAN", "gnt": "THI<BICH<NGOC"},
		"v": []any{
			map[string]any{"tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528", "ma": "ORG-100030215",
				"dn": 1, "sd": 2, "dt": "2021-07-10", "co": "VN", "is": "Ministry of Health", "ci": "URN:UVCI:01:VN:A1"},
			map[string]any{"tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528", "ma": "ORG-100030215",
				"dn": 2, "sd": 2, "dt": "2021-08-07", "co": "VN", "is": "Ministry of Health", "ci": "URN:UVCI:01:VN:A2"},
		},
	}
	text, err := hc1test.SignHC1(dcc, "VN", time.Date(2021, 8, 8, 0, 0, 0, 0, time.UTC), time.Date(2022, 8, 8, 0, 0, 0, 0, time.UTC), []byte("testkid1"), key)
	if err != nil {
		t.Fatal(err)
	}
	img := filepath.Join(t.TempDir(), "hc1.png")
	writeQR(t, img, text)
	d := decodeJSON(t, img)[0]
	if d.Kind != "hc1" || !strings.Contains(d.Name, "Trần") || !strings.Contains(d.Name, "Bích Ngọc") {
		t.Errorf("got %+v", d)
	}
	if d.Verified == nil || *d.Verified {
		t.Errorf("verified = %v, want false (no trust list)", d.Verified)
	}
	if len(d.Doses) != 2 || d.Doses[1].Dose != 2 || d.Doses[1].Of != 2 || d.Doses[1].Date != "2021-08-07" {
		t.Errorf("doses = %+v", d.Doses)
	}
}

// TestDecodeHC1TrustListPartialDate: a trust list with a key canhcua cannot
// use (Ed25519) still verifies with the others and says what it skipped;
// a year of birth is shown as a year.
func TestDecodeHC1TrustListPartialDate(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	dcc := map[string]any{
		"ver": "1.3.0", "dob": "1963-00-00",
		"nam": map[string]any{"fn": "Lê", "gn": "Thu Hà", "fnt": "LE", "gnt": "THU<HA"},
		"v": []any{map[string]any{"tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528", "ma": "ORG-100030215",
			"dn": 2, "sd": 2, "dt": "2021-08-07", "co": "VN", "is": "Ministry of Health", "ci": "URN:UVCI:01:VN:A3"}},
	}
	text, err := hc1test.SignHC1(dcc, "VN", time.Date(2021, 8, 8, 0, 0, 0, 0, time.UTC), time.Date(2022, 8, 8, 0, 0, 0, 0, time.UTC), []byte("testkid1"), key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	img := filepath.Join(dir, "hc1.png")
	writeQR(t, img, text)
	edPub, _, _ := ed25519.GenerateKey(rand.Reader)
	edSPKI, _ := x509.MarshalPKIXPublicKey(edPub)
	spki, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	b64 := base64.StdEncoding.EncodeToString
	tl, _ := json.Marshal(map[string]any{"keys": []any{
		map[string]any{"kid": b64([]byte("ed-kid-1")), "spki": b64(edSPKI)},
		map[string]any{"kid": b64([]byte("testkid1")), "spki": b64(spki)},
	}})
	tlPath := filepath.Join(dir, "trust.json")
	if err := os.WriteFile(tlPath, tl, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := runCmd("decode", "--json", "--trust-list", tlPath, img)
	if status != exitOK || !strings.Contains(errOut, "key 0") || !strings.Contains(errOut, "ed25519") {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	var d decodedLine
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &d); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if d.Kind != "hc1" || d.Verified == nil || !*d.Verified || d.BirthDate != "1963" {
		t.Errorf("got %+v", d)
	}
}

// TestBadgeSheet prints a badge sheet, reads it back with the key (verified)
// and without (rejected), and refuses an edited badge.
func TestBadgeSheet(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "data", "badge.key")
	people := filepath.Join(dir, "people.csv")
	os.WriteFile(people, []byte("\xef\xbb\xbfHọ và tên,Đơn vị,Mã\nNguyễn Thị Hồng Nhung,Văn phòng UBND xã,NV001\nLò Văn Páo,Công an xã,\n"), 0o644)
	pdf := filepath.Join(dir, "badges.pdf")
	if out, e, s := runCmd("badge", "--from", people, "--to", pdf, "--key", key); s != exitOK || !strings.Contains(out, "2 badge") {
		t.Fatalf("badge: status %d, %q %q", s, out, e)
	}
	if st, err := os.Stat(key); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	lines := decodeJSON(t, "--badge-key", key, pdf)
	if len(lines) != 2 {
		t.Fatalf("%d codes on the sheet, want 2", len(lines))
	}
	names := map[string]bool{}
	for _, d := range lines {
		if d.Kind != "badge" || d.Verified == nil || !*d.Verified || d.Rejected != "" {
			t.Errorf("badge not verified: %+v", d)
		}
		names[d.Name] = true
		if d.Name == "Nguyễn Thị Hồng Nhung" && (d.BadgeID != "NV001" || d.Unit != "Văn phòng UBND xã") {
			t.Errorf("fields: %+v", d)
		}
	}
	if !names["Lò Văn Páo"] {
		t.Errorf("names read: %v", names)
	}
	// Someone edits the name on a copy of a badge: the signature no longer fits.
	forged := strings.Replace(lines[0].Text, "|"+lines[0].Name+"|", "|Kẻ Mạo Danh|", 1)
	img := filepath.Join(dir, "forged.png")
	writeQR(t, img, forged)
	if d := decodeJSON(t, "--badge-key", key, img)[0]; d.Rejected == "" || (d.Verified != nil && *d.Verified) {
		t.Errorf("forged badge accepted: %+v", d)
	}
	// Without the key nobody can tell: rejected, never accepted.
	if d := decodeJSON(t, "--badge-key", filepath.Join(dir, "nokey"), pdf)[0]; d.Rejected == "" {
		t.Errorf("badge accepted without a key: %+v", d)
	}
}
