package canhcua

import (
	"strings"
	"testing"
)

func TestIdentifyKinds(t *testing.T) {
	key := newECKey(t)
	hc1 := buildHC1(t, vnDCC(), hc1Options{kid: testKid, ecKey: key})
	badge := SignBadge(testBadgeKey, Badge{ID: "NV0042", Name: "Đặng Thùy Trâm", Unit: "Kế toán"})
	cfg := IdentifyConfig{BadgeKey: testBadgeKey, Today: cccdToday}
	for _, c := range []struct {
		name, text string
		kind       Kind
		keyPrefix  string
	}{
		{"CCCD", cccdAn, KindCCCD, "id:001090001234"},
		{"căn cước", canCuocHa, KindCanCuoc, "id:001199001122"},
		{"HC1", hc1, KindHC1, "hc1:nguyen van an|1990-03-15"},
		{"badge", badge, KindBadge, "badge:NV0042"},
		{"PC-Covid style base64 token", "eyJpZCI6IjEyMzQ1Njc4OTAiLCJ0IjoxNjM1MDAwMDAwfQ==", KindToken, "token:"},
		{"hex token", "3f2a9c0d5e7b41a8b6c2d9e0f1a2b3c4", KindToken, "token:"},
		{"JWT-shaped token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk", KindToken, "token:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			id := IdentifyWith(cfg, c.text)
			if id.Reject != "" || id.Kind != c.kind || !strings.HasPrefix(id.Key, c.keyPrefix) {
				t.Errorf("got %+v, want kind %s key %s…", id, c.kind, c.keyPrefix)
			}
			if id.Raw != "" {
				t.Error("raw payload kept without KeepRaw")
			}
		})
	}
	// A token scanned twice is one person; two tokens are two.
	a, b := Identify("3f2a9c0d5e7b41a8b6c2d9e0f1a2b3c4"), Identify("3f2a9c0d5e7b41a8b6c2d9e0f1a2b3c5")
	if a.Key != Identify("3f2a9c0d5e7b41a8b6c2d9e0f1a2b3c4\r\n").Key || a.Key == b.Key || strings.Contains(a.Key, "3f2a9c") {
		t.Errorf("token keys %q %q", a.Key, b.Key)
	}
}

func TestIdentifyRejections(t *testing.T) {
	for _, c := range []struct {
		name, text string
		cfg        IdentifyConfig
		kind       Kind
		reason, vi string
	}{
		{"VietQR transfer", vietQR(), IdentifyConfig{}, KindPayment, "payment code", "Đây là mã thanh toán, không phải mã check-in"},
		{"merchant QR", staticMerchant(), IdentifyConfig{AcceptUnknown: true}, KindPayment, "payment code", "Đây là mã thanh toán, không phải mã check-in"},
		{"damaged payment code", "00020101021238570010A000000727", IdentifyConfig{}, KindPayment, "payment code", "Đây là mã thanh toán, không phải mã check-in"},
		{"URL", "https://www.vneid.gov.vn/", IdentifyConfig{}, KindText, "unknown code", "Mã không xác định"},
		{"plain text", "Xin chào các bạn", IdentifyConfig{}, KindText, "unknown code", "Mã không xác định"},
		{"Wi-Fi code", "WIFI:T:WPA;S:VanPhong;P:matkhau123;;", IdentifyConfig{}, KindText, "unknown code", "Mã không xác định"},
		{"terminal attack", "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J", IdentifyConfig{}, KindText, "unknown code", "Mã không xác định"},
		{"empty", "\ufeff\r\n", IdentifyConfig{AcceptUnknown: true}, KindText, "empty code", "Mã rỗng"},
		{"too long", strings.Repeat("A", DefaultMaxPayload+1), IdentifyConfig{AcceptUnknown: true}, KindText, "too long", "Mã quá dài"},
		{"too long for the limit", cccdAn, IdentifyConfig{MaxPayload: 50}, KindText, "too long", "Mã quá dài"},
		{"badge without key", SignBadge(testBadgeKey, Badge{ID: "X"}), IdentifyConfig{}, KindBadge, "no badge key", "Chưa cấu hình khóa thẻ, không kiểm tra được thẻ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			id := IdentifyWith(c.cfg, c.text)
			if id.Kind != c.kind || !strings.Contains(id.Reject, c.reason) || id.RejectVI != c.vi || id.Key != "" {
				t.Errorf("got %+v, want %s rejected for %q / %q", id, c.kind, c.reason, c.vi)
			}
		})
	}
	if id := Identify(vietQR()); !strings.Contains(strings.Join(id.Warnings, ";"), "VietQR") {
		t.Errorf("warnings %v", id.Warnings)
	}
}

func TestIdentifyGuests(t *testing.T) {
	cfg := IdentifyConfig{AcceptUnknown: true}
	a := IdentifyWith(cfg, "https://example.com/khach/123")
	if a.Reject != "" || a.Kind != KindText || !strings.HasPrefix(a.Key, "text:") || len(a.Warnings) == 0 {
		t.Fatalf("%+v", a)
	}
	if b := IdentifyWith(cfg, "https://example.com/khach/123\n"); b.Key != a.Key {
		t.Errorf("same guest code, keys %q and %q", a.Key, b.Key)
	}
	if c := IdentifyWith(cfg, "https://example.com/khach/124"); c.Key == a.Key {
		t.Error("two guest codes share a key")
	}
	raw := IdentifyWith(IdentifyConfig{AcceptUnknown: true, KeepRaw: true}, "Khách: Nguyễn Văn B\n")
	if raw.Raw != "Khách: Nguyễn Văn B\n" {
		t.Errorf("Raw %q", raw.Raw)
	}
}

func TestManual(t *testing.T) {
	for _, c := range []struct{ name, id, key, wantName string }{
		{"  Nguyễn   Văn An ", "", "manual:nguyen van an", "Nguyễn Văn An"},
		{"Nguyễn Văn An", " 001090001234 ", "id:001090001234", "Nguyễn Văn An"},
	} {
		got := Manual(c.name, c.id)
		if got.Kind != KindManual || got.Key != c.key || got.Name != c.wantName || got.Reject != "" {
			t.Errorf("Manual(%q, %q) = %+v", c.name, c.id, got)
		}
	}
}

func TestRepairLatin1(t *testing.T) {
	if got, ok := repairLatin1(latin1Mojibake("Nguyễn Văn An")); !ok || got != "Nguyễn Văn An" {
		t.Errorf("repair = %q, %v", got, ok)
	}
	for _, s := range []string{"Nguyễn Văn An", "café", "plain", "Ã©tÃ©"} { // the last is é-words: Latin-1, no repair
		if got, ok := repairLatin1(s); ok {
			t.Errorf("repairLatin1(%q) = %q", s, got)
		}
	}
}

// identifyFuzzCfg accepts every kind, so that the fuzzer reaches all parsers.
var identifyFuzzCfg = IdentifyConfig{BadgeKey: testBadgeKey, AcceptUnknown: true, KeepAddress: true, Today: cccdToday}

func FuzzIdentify(f *testing.F) {
	key := newECKey(f)
	trust := &TrustList{}
	trust.Add(testKid, &key.PublicKey)
	for _, s := range []string{
		cccdAn, cccdNgoc, cccdDuc6, canCuocHa, canCuocExt, cccdAnASCII, "\ufeff" + cccdAn + "\r\n", latin1Mojibake(cccdAn),
		buildHC1(f, vnDCC(), hc1Options{kid: testKid, ecKey: key}),
		SignBadge(testBadgeKey, Badge{ID: "NV0042", Name: "Đặng Thùy Trâm", Unit: "Kế toán"}),
		vietQR(), staticMerchant(), "eyJpZCI6IjEyMzQ1Njc4OTAifQ==", "https://www.vneid.gov.vn/",
		"\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J", "Xin chào", "", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, cfg := range []IdentifyConfig{identifyFuzzCfg, {Today: cccdToday, TrustList: trust}} {
			id := IdentifyWith(cfg, s)
			if (id.Reject == "") == (id.Key == "") {
				t.Fatalf("reject %q with key %q", id.Reject, id.Key)
			}
			if id.Reject != "" && id.RejectVI == "" {
				t.Fatal("no Vietnamese reason")
			}
			if id.Kind == "" {
				t.Fatal("no kind")
			}
			for _, v := range []string{id.Name, id.Address, id.BirthDate, id.Sex, id.IssueDate, id.OldIDNumber, id.BadgeID, id.Unit} {
				assertSafe(t, v, maxAddressWidth)
			}
			if id.Verified && id.Kind != KindBadge && id.Kind != KindHC1 {
				t.Fatalf("%s verified", id.Kind)
			}
			if id.Kind == KindHC1 && id.Verified && cfg.TrustList == nil {
				t.Fatal("HC1 verified without a trust list")
			}
			if id.Address != "" && !cfg.KeepAddress {
				t.Fatal("address kept")
			}
			if id.Raw != "" {
				t.Fatal("raw kept")
			}
		}
	})
}
