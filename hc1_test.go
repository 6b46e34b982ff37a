package canhcua

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/canhcua/canhcua/internal/base45"
	"github.com/canhcua/canhcua/internal/cose"
	"github.com/canhcua/canhcua/internal/hc1test"
)

// dccSample is an EU DCC payload (schema 1.3.0) of a Vietnamese vaccine
// passport: two doses of Comirnaty.
func dccSample(fn, gn, fnt, gnt, dob string) map[string]any {
	return map[string]any{
		"ver": "1.3.0",
		"nam": map[string]any{"fn": fn, "gn": gn, "fnt": fnt, "gnt": gnt},
		"dob": dob,
		"v": []any{map[string]any{
			"tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528", "ma": "ORG-100030215",
			"dn": 2, "sd": 2, "dt": "2021-09-15", "co": "VN", "is": "Ministry of Health of Viet Nam",
			"ci": "URN:UVCI:01:VN:ABC123456789#S",
		}},
	}
}

// hc1Options describe how buildHC1 signs and encodes.
type hc1Options struct {
	kid        []byte
	alg        int64 // cose.ES256 or cose.PS256
	ecKey      *ecdsa.PrivateKey
	rsaKey     *rsa.PrivateKey
	noZlib     bool
	untagged   bool
	kidUnprot  bool
	tamper     func(payload []byte) []byte // changes the payload after signing
	claimsHook func(map[int]any)
}

// buildHC1 makes a real "HC1:" string: CWT claims with the DCC under
// -260/1, COSE_Sign1 (protected {1: alg, 4: kid}), zlib, base45.
func buildHC1(t testing.TB, dcc map[string]any, o hc1Options) string {
	t.Helper()
	claims := hc1test.Claims(dcc, "VN", time.Date(2021, 9, 16, 0, 0, 0, 0, time.UTC), time.Date(2022, 9, 15, 0, 0, 0, 0, time.UTC))
	if o.claimsHook != nil {
		o.claimsHook(claims)
	}
	payload, err := cbor.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	if o.alg == 0 {
		o.alg = cose.ES256
	}
	hdr := map[int]any{1: o.alg}
	unprot := map[int]any{}
	if o.kidUnprot {
		unprot[4] = o.kid
	} else {
		hdr[4] = o.kid
	}
	prot, err := cbor.Marshal(hdr)
	if err != nil {
		t.Fatal(err)
	}
	m := &cose.Sign1{Protected: prot, Payload: payload}
	var sig []byte
	switch {
	case o.ecKey != nil:
		sig, err = hc1test.SignES256(o.ecKey, m.SigStructure())
		if err != nil {
			t.Fatal(err)
		}
	case o.rsaKey != nil:
		h := sha256.Sum256(m.SigStructure())
		sig, err = rsa.SignPSS(rand.Reader, o.rsaKey, crypto.SHA256, h[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		if err != nil {
			t.Fatal(err)
		}
	default:
		sig = make([]byte, 64)
	}
	if o.tamper != nil {
		payload = o.tamper(payload)
	}
	msg := []any{prot, unprot, payload, sig}
	var raw []byte
	if o.untagged {
		raw, err = cbor.Marshal(msg)
	} else {
		raw, err = cbor.Marshal(cbor.Tag{Number: 18, Content: msg})
	}
	if err != nil {
		t.Fatal(err)
	}
	if o.noZlib {
		return "HC1:" + base45.Encode(raw)
	}
	return hc1test.Encode(raw)
}

func newECKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var testKid = []byte{0xd9, 0x19, 0x37, 0x5f, 0xc1, 0xe7, 0xb6, 0xb2}

func vnDCC() map[string]any {
	return dccSample("Nguyễn", "Văn An", "NGUYEN", "VAN<AN", "1990-03-15")
}

func TestHC1(t *testing.T) {
	key := newECKey(t)
	other := newECKey(t)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaKid := []byte("rsa-kid1")
	trust := &TrustList{}
	if err := trust.Add(testKid, &key.PublicKey); err != nil {
		t.Fatal(err)
	}
	if err := trust.Add(rsaKid, &rsaKey.PublicKey); err != nil {
		t.Fatal(err)
	}
	good := buildHC1(t, vnDCC(), hc1Options{kid: testKid, ecKey: key})
	tampered := buildHC1(t, vnDCC(), hc1Options{kid: testKid, ecKey: key, tamper: func(p []byte) []byte {
		return bytes.Replace(p, []byte("Văn An"), []byte("Văn Am"), 1)
	}})
	forged := buildHC1(t, vnDCC(), hc1Options{kid: testKid, ecKey: other})
	unknownKid := buildHC1(t, vnDCC(), hc1Options{kid: []byte("unknown!"), ecKey: other})
	ps256 := buildHC1(t, vnDCC(), hc1Options{kid: rsaKid, alg: cose.PS256, rsaKey: rsaKey})
	plain := buildHC1(t, vnDCC(), hc1Options{kid: testKid, ecKey: key, noZlib: true, untagged: true, kidUnprot: true})

	for _, c := range []struct {
		name     string
		text     string
		trust    *TrustList
		verified bool
		reject   string
	}{
		{"no trust list", good, nil, false, ""},
		{"trusted", good, trust, true, ""},
		{"trusted, lower-case prefix", "hc1:" + good[4:], trust, true, ""},
		{"trusted PS256", ps256, trust, true, ""},
		{"uncompressed, untagged, kid unprotected", plain, trust, true, ""},
		{"tampered, no trust list", tampered, nil, false, ""},
		{"tampered", tampered, trust, false, "signature is invalid"},
		{"forged with another key", forged, trust, false, "signature is invalid"},
		{"signer not in trust list", unknownKid, trust, false, ""},
		{"empty trust list", good, &TrustList{}, false, ""},
		{"damaged base45", good[:len(good)-1] + "a", nil, false, "damaged health certificate"},
		{"truncated", good[:len(good)/2], nil, false, "damaged health certificate"},
		{"not zlib", "HC1:" + base45.Encode([]byte{0x78, 1, 2, 3}), nil, false, "damaged health certificate"},
		{"not COSE", "HC1:" + base45.Encode([]byte("hello")), nil, false, "damaged health certificate"},
		{"empty", "HC1:", nil, false, "damaged health certificate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			id := IdentifyWith(IdentifyConfig{TrustList: c.trust, Today: day(2025, 11, 27)}, c.text)
			if c.reject != "" {
				if !strings.Contains(id.Reject, c.reject) || id.Key != "" || id.RejectVI == "" {
					t.Fatalf("want rejection %q, got %+v", c.reject, id)
				}
				return
			}
			if id.Reject != "" {
				t.Fatalf("rejected: %s", id.Reject)
			}
			if id.Kind != KindHC1 || id.Verified != c.verified || id.Certificate == nil || id.Certificate.Verified != c.verified {
				t.Fatalf("kind %s verified %v, want %v", id.Kind, id.Verified, c.verified)
			}
			if !c.verified && len(id.Warnings) == 0 {
				t.Error("not verified without a warning")
			}
			cert := id.Certificate
			if c.name == "tampered, no trust list" {
				if id.Name != "Nguyễn Văn Am" {
					t.Errorf("name %q", id.Name)
				}
				return
			}
			if id.Name != "Nguyễn Văn An" || id.BirthDate != "15/03/1990" || id.Key != "hc1:nguyen van an|1990-03-15" {
				t.Errorf("name %q birth %q key %q", id.Name, id.BirthDate, id.Key)
			}
			if cert.Issuer != "VN" || cert.Version != "1.3.0" || cert.FamilyNameStd != "NGUYEN" || cert.GivenNameStd != "VAN<AN" {
				t.Errorf("certificate %+v", cert)
			}
			if len(cert.Doses) != 1 || cert.Doses[0].Number != 2 || cert.Doses[0].Of != 2 || cert.Doses[0].Product != "EU/1/20/1528" ||
				cert.Doses[0].Date != "2021-09-15" || cert.Doses[0].Country != "VN" {
				t.Errorf("doses %+v", cert.Doses)
			}
			if cert.ExpiresAt.IsZero() || !strings.Contains(strings.Join(id.Warnings, ";"), "expired") {
				t.Errorf("expiry %v warnings %v", cert.ExpiresAt, id.Warnings)
			}
		})
	}
}

func TestHC1TestsAndRecoveries(t *testing.T) {
	d := dccSample("Trần", "Thị Bích Ngọc", "TRAN", "THI<BICH<NGOC", "1995-09")
	delete(d, "v")
	d["t"] = []any{map[string]any{"tg": "840539006", "tt": "LP6464-4", "nm": "PCR", "sc": "2021-10-01T08:00:00Z",
		"tr": "260415000", "tc": "Bệnh viện Bạch Mai", "co": "VN", "is": "Ministry of Health", "ci": "URN:UVCI:01:VN:T1"}}
	d["r"] = []any{map[string]any{"tg": "840539006", "fr": "2021-08-01", "co": "VN", "is": "MoH", "df": "2021-08-12", "du": "2022-01-28", "ci": "URN:UVCI:01:VN:R1"}}
	id := Identify(buildHC1(t, d, hc1Options{kid: testKid, ecKey: newECKey(t)}))
	if id.Reject != "" || id.Name != "Trần Thị Bích Ngọc" || id.BirthDate != "09/1995" {
		t.Fatalf("%+v", id)
	}
	c := id.Certificate
	if len(c.Tests) != 1 || c.Tests[0].Result != "260415000" || c.Tests[0].Centre != "Bệnh viện Bạch Mai" ||
		len(c.Recoveries) != 1 || c.Recoveries[0].ValidUntil != "2022-01-28" {
		t.Errorf("tests %+v recoveries %+v", c.Tests, c.Recoveries)
	}
	if id.Verified {
		t.Error("verified without a trust list")
	}
}

func TestHC1Hostile(t *testing.T) {
	d := dccSample("\x1b]52;c;ZWNobw==\x07Nguyễn\x1b[2J", "Văn\u202eAn", "NGUYEN", "VAN<AN", "1990-03-15")
	id := Identify(buildHC1(t, d, hc1Options{kid: testKid, ecKey: newECKey(t)}))
	if id.Reject != "" {
		t.Fatal(id.Reject)
	}
	if id.Name != "Nguyễn VănAn" || strings.ContainsAny(id.Certificate.FamilyName, "\x1b\x07\u202e") {
		t.Errorf("name %q family %q", id.Name, id.Certificate.FamilyName)
	}
	// No DCC under -260/1.
	bad := buildHC1(t, vnDCC(), hc1Options{kid: testKid, ecKey: newECKey(t), claimsHook: func(c map[int]any) { delete(c, -260) }})
	if id := Identify(bad); !strings.Contains(id.Reject, "damaged") {
		t.Errorf("no DCC: %+v", id)
	}
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }

func FuzzHC1(f *testing.F) {
	key := newECKey(f)
	trust := &TrustList{}
	trust.Add(testKid, &key.PublicKey)
	f.Add(buildHC1(f, vnDCC(), hc1Options{kid: testKid, ecKey: key}))
	f.Add(buildHC1(f, vnDCC(), hc1Options{kid: testKid, ecKey: key, noZlib: true, untagged: true}))
	f.Add(buildHC1(f, dccSample("Lê", "Thu Hà", "LE", "THU<HA", "1999"), hc1Options{kid: testKid, ecKey: newECKey(f)}))
	f.Add("HC1:")
	f.Add("HC1:NCFOXN%TS3DH")
	f.Add("hc1:BB8")
	f.Fuzz(func(t *testing.T, s string) {
		cert, warnings, err := ParseHC1(s, trust)
		if err != nil {
			if cert != nil {
				t.Fatal("certificate with an error")
			}
			return
		}
		if cert.Name == "" || (!cert.Verified && len(warnings) == 0) {
			t.Fatalf("name %q verified %v warnings %v", cert.Name, cert.Verified, warnings)
		}
		for _, v := range []string{cert.Name, cert.Issuer, cert.FamilyName, cert.GivenName, cert.BirthDate} {
			assertSafe(t, v, maxNameWidth+hc1FieldWidth)
		}
		if c2, _, err := ParseHC1(s, nil); err != nil || c2.Verified {
			t.Fatalf("without a trust list: err %v, verified %v", err, c2 != nil && c2.Verified)
		}
	})
}

func FuzzBase45(f *testing.F) {
	for _, s := range []string{"BB8", "%69 VD92EX0", "UJCLQE7W581", "QED8WEX0", "GGW", "", "A", "::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := base45.Decode(s)
		if err != nil {
			return
		}
		// Decoding is injective: the canonical encoding decodes back to b,
		// and is s itself.
		enc := base45.Encode(b)
		if enc != s {
			t.Fatalf("base45.Encode(base45.Decode(%q)) = %q", s, enc)
		}
		b2, err := base45.Decode(enc)
		if err != nil || !bytes.Equal(b, b2) {
			t.Fatalf("round trip of %x failed", b)
		}
	})
}

// FuzzCOSE fuzzes below base45 and zlib, where random text rarely reaches:
// the COSE_Sign1 structure and the CBOR claims.
func FuzzCOSE(f *testing.F) {
	key := newECKey(f)
	trust := &TrustList{}
	trust.Add(testKid, &key.PublicKey)
	for _, o := range []hc1Options{
		{kid: testKid, ecKey: key, noZlib: true},
		{kid: testKid, ecKey: key, noZlib: true, untagged: true, kidUnprot: true},
	} {
		s := buildHC1(f, vnDCC(), o)
		raw, err := base45.Decode(s[4:])
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte{0xd2, 0x84, 0x40, 0xa0, 0x40, 0x40})
	f.Fuzz(func(t *testing.T, raw []byte) {
		msg, err := cose.Decode(raw)
		if err != nil {
			return
		}
		cert, err := decodeDCC(msg.Payload)
		if err != nil {
			return
		}
		if cert.Name == "" {
			t.Fatal("certificate without a name")
		}
		assertSafe(t, cert.Name, maxNameWidth)
		// Through the whole pipeline (uncompressed, as the spec allows).
		c2, _, err := ParseHC1("HC1:"+base45.Encode(raw), trust)
		if may, _ := trust.lookup(msg.Kid, cert.kinds()); err == nil && c2.Verified && !msg.Verify(may) {
			t.Fatal("verified without a matching signature")
		}
	})
}

// TestSignHC1 reads back what SignHC1 makes: not verified without a trust
// list, verified with the signer's key in it.
func TestSignHC1(t *testing.T) {
	key := newECKey(t)
	kid := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	dcc := map[string]any{
		"ver": "1.3.0", "dob": "1990-03-15",
		"nam": map[string]any{"fn": "Nguyễn", "gn": "Văn An", "fnt": "NGUYEN", "gnt": "VAN<AN"},
		"v": []any{map[string]any{"tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528", "ma": "ORG-100030215",
			"dn": 2, "sd": 2, "dt": "2021-09-01", "co": "VN", "is": "Bộ Y tế", "ci": "URN:UVCI:01:VN:TEST1"}},
	}
	text, err := hc1test.SignHC1(dcc, "VN", time.Date(2021, 9, 2, 0, 0, 0, 0, time.UTC), time.Date(2022, 9, 2, 0, 0, 0, 0, time.UTC), kid, key)
	if err != nil {
		t.Fatal(err)
	}
	id := Identify(text)
	if id.Kind != KindHC1 || id.Reject != "" || id.Verified || id.Certificate == nil || len(id.Certificate.Doses) != 1 {
		t.Fatalf("without a trust list: %+v", id)
	}
	tl := &TrustList{}
	if err := tl.Add(kid, &key.PublicKey); err != nil {
		t.Fatal(err)
	}
	if id := IdentifyWith(IdentifyConfig{TrustList: tl}, text); !id.Verified || id.Reject != "" {
		t.Errorf("with the signer in the trust list: verified %v, reject %q", id.Verified, id.Reject)
	}
}

// TestHC1PartialBirthDate: a certificate's partial date of birth is shown as
// what it is, however its unknown parts are written, and the same person's
// certificates share a key.
func TestHC1PartialBirthDate(t *testing.T) {
	for _, c := range []struct{ dob, shown, key string }{
		{"1963-05-12", "12/05/1963", "1963-05-12"},
		{"1963-05", "05/1963", "1963-05"},
		{"1963-05-00", "05/1963", "1963-05"},
		{"1963-05-XX", "05/1963", "1963-05"},
		{"1963", "1963", "1963"},
		{"1963-00", "1963", "1963"},
		{"1963-00-00", "1963", "1963"},
		{"1963-XX-XX", "1963", "1963"},
		{"", "", ""},
		{"1963-13", "", "1963-13"},
		{"1963-00-12", "", "1963-00-12"},
		{"1963-02-30", "", "1963-02-30"},
		{"63-05-12", "", "63-05-12"},
		{"1963-5-1", "", "1963-5-1"},
	} {
		id := Identify(buildHC1(t, dccSample("Lê", "Thu Hà", "LE", "THU<HA", c.dob), hc1Options{kid: testKid, ecKey: newECKey(t)}))
		if id.Reject != "" || id.BirthDate != c.shown || id.Key != "hc1:le thu ha|"+c.key {
			t.Errorf("dob %q: shown %q, key %q (reject %q); want %q, %q", c.dob, id.BirthDate, id.Key, id.Reject, c.shown, "hc1:le thu ha|"+c.key)
		}
	}
}

func TestBirthDatesAgree(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"12/05/1963", "12/05/1963", true},
		{"12/05/1963", "13/05/1963", false},
		{"12/05/1963", "05/1963", true},
		{"12/05/1963", "06/1963", false},
		{"12/05/1963", "1963", true},
		{"1963", "05/1963", true},
		{"12/05/1963", "1964", false},
		{"", "1963", true},
		{"12/05/1963", "", true},
	} {
		if got := BirthDatesAgree(c.a, c.b); got != c.want || BirthDatesAgree(c.b, c.a) != c.want {
			t.Errorf("BirthDatesAgree(%q, %q) = %v", c.a, c.b, got)
		}
	}
	m := Member{Name: "Lê Thu Hà", BirthDate: "12/05/1963"}
	if !m.Matches(Identity{Name: "LE THU HA", BirthDate: "1963"}) || m.Matches(Identity{Name: "LE THU HA", BirthDate: "1962"}) {
		t.Error("a roster member and a certificate with a year of birth")
	}
}
