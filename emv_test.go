package canhcua

import (
	"fmt"
	"strings"
	"testing"
)

func tlv(tag, v string) string { return fmt.Sprintf("%s%02d%s", tag, len(v), v) }

// withCRC appends tag 63 and the CRC of everything before its value.
func withCRC(s string) string {
	s += "6304"
	return s + fmt.Sprintf("%04X", emvCRC(s))
}

// vietQR is a VietQR (NAPAS 247) transfer to account 0011012345678 at
// bank BIN 970436, 50 000 VND, with a message.
func vietQR() string {
	return withCRC(tlv("00", "01") + tlv("01", "12") +
		tlv("38", tlv("00", "A000000727")+tlv("01", tlv("00", "970436")+tlv("01", "0011012345678"))+tlv("02", "QRIBFTTA")) +
		tlv("53", "704") + tlv("54", "50000") + tlv("58", "VN") + tlv("62", tlv("08", "chuyen tien an trua")))
}

// staticMerchant is a static (point of initiation 11) merchant code without amount.
func staticMerchant() string {
	return withCRC(tlv("00", "01") + tlv("01", "11") +
		tlv("38", tlv("00", "A000000727")+tlv("01", tlv("00", "970422")+tlv("01", "VQRQ0001abcde"))+tlv("02", "QRPUSH")) +
		tlv("52", "5812") + tlv("53", "704") + tlv("58", "VN") + tlv("59", "QUAN PHO HA NOI") + tlv("60", "HA NOI"))
}

func TestEMVCRC(t *testing.T) {
	if got := emvCRC("123456789"); got != 0x29B1 { // CRC-16/CCITT-FALSE check value
		t.Errorf("emvCRC = %04X, want 29B1", got)
	}
}

func TestParseEMV(t *testing.T) {
	fs, err := parseEMV(vietQR())
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 8 || fs[0] != (emvField{"00", "01"}) || fs[4] != (emvField{"54", "50000"}) || !emvIsVietQR(fs) {
		t.Errorf("fields %+v", fs)
	}
	if _, err := parseEMV(staticMerchant()); err != nil {
		t.Error(err)
	}
	good := vietQR()
	for _, bad := range []string{
		good[:len(good)-1] + "0",                   // CRC off (unless it was already 0)
		strings.Replace(good, "50000", "90000", 1), // amount changed: CRC mismatch
		good[:len(good)-8],                         // no CRC
		"000201010212",                             // truncated
		"0002010102XY",                             // bad length
		"000201" + "9999abc",                       // overrun
	} {
		if bad == good {
			continue
		}
		if _, err := parseEMV(bad); err == nil {
			t.Errorf("parseEMV(%q): no error", bad)
		}
	}
}

func FuzzEMV(f *testing.F) {
	f.Add(vietQR())
	f.Add(staticMerchant())
	f.Add("00020101021138570010A00000072701270006970436011300110123456780208QRIBFTTA53037045802VN6304ABCD")
	f.Add("000201")
	f.Add("0002019999")
	f.Fuzz(func(t *testing.T, s string) {
		fs, err := parseEMV(s)
		if err == nil {
			// A valid payload is exactly its data objects, ending with the CRC.
			var b strings.Builder
			for _, x := range fs {
				b.WriteString(tlv(x.Tag, x.Value))
			}
			if !strings.EqualFold(b.String(), s) || fs[len(fs)-1].Tag != "63" {
				t.Fatalf("re-encoded %q, want %q", b.String(), s)
			}
		}
		// Whatever the payload, Identify rejects it as a payment code.
		if strings.HasPrefix(s, "000201") && len(s) <= DefaultMaxPayload {
			id := Identify(s)
			if id.Kind != KindPayment || id.Key != "" || id.RejectVI != "Đây là mã thanh toán, không phải mã check-in" {
				t.Fatalf("Identify(%q) = %+v", s, id)
			}
		}
	})
}
