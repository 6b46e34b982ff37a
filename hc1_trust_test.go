package canhcua

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

// selfSigned is a document signer certificate (DER) for key, with the
// extended key usages eku (the EU DCC OIDs among them).
func selfSigned(t testing.TB, key crypto.Signer, eku ...asn1.ObjectIdentifier) []byte {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "DSC VN test"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(4e9, 0), UnknownExtKeyUsage: eku}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestParseTrustList(t *testing.T) {
	k1, k2, k3 := newECKey(t), newECKey(t), newECKey(t)
	spki, _ := x509.MarshalPKIXPublicKey(&k1.PublicKey)
	pubPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki}))
	cert2 := selfSigned(t, k2)
	cert3 := selfSigned(t, k3)
	certPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert3}))
	h2 := sha256.Sum256(cert2)
	kid2 := h2[:8]
	h3 := sha256.Sum256(cert3)
	kid3 := h3[:8]
	doc, _ := json.Marshal(map[string]any{"keys": []any{
		map[string]any{"kid": base64.StdEncoding.EncodeToString(testKid), "alg": "ES256", "country": "VN", "pem": pubPEM},
		map[string]any{"x5c": []string{base64.StdEncoding.EncodeToString(cert2)}}, // kid from the certificate
		map[string]any{"pem": certPEM},
		map[string]any{"kid": "AAECAwQFBgc=", "spki": base64.StdEncoding.EncodeToString(spki)},
	}})
	tl, skipped, err := ParseTrustList(doc)
	if err != nil || len(skipped) > 0 {
		t.Fatal(err, skipped)
	}
	if tl.Len() != 4 {
		t.Errorf("Len = %d", tl.Len())
	}
	for i, c := range []struct {
		kid []byte
		key *ecdsa.PrivateKey
	}{{testKid, k1}, {kid2, k2}, {kid3, k3}} {
		id := IdentifyWith(IdentifyConfig{TrustList: tl}, buildHC1(t, vnDCC(), hc1Options{kid: c.kid, ecKey: c.key}))
		if !id.Verified {
			t.Errorf("key %d: not verified: %+v", i, id)
		}
	}
	// A list of one unusable key is no trust list.
	for _, bad := range []string{
		`not json`,
		`{"keys":[{"kid":"AAEC"}]}`,
		`{"keys":[{"kid":"!!","pem":` + jsonString(pubPEM) + `}]}`,
		`{"keys":[{"pem":` + jsonString(pubPEM) + `}]}`, // no kid and no certificate to derive it
		`{"keys":[{"kid":"AAEC","pem":"-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n"}]}`,
		`{"keys":[{"kid":"AAEC","spki":"AAAA"}]}`,
	} {
		if _, _, err := ParseTrustList([]byte(bad)); err == nil || ErrorCode(err) != EINVALID {
			t.Errorf("ParseTrustList(%.40q) = %v, want an invalid error", bad, err)
		}
	}
	var nilTL *TrustList
	if nilTL.Len() != 0 {
		t.Error("nil trust list has keys")
	}
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }

// TestParseTrustListSkipsUnusable: keys canhcua cannot use (Ed25519, P-384,
// a damaged certificate, no kid) are left out with a warning each, and the
// others still verify.
func TestParseTrustListSkipsUnusable(t *testing.T) {
	good := newECKey(t)
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	edSPKI, _ := x509.MarshalPKIXPublicKey(edKey.Public())
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.StdEncoding.EncodeToString
	goodCert := selfSigned(t, good)
	doc, _ := json.Marshal(map[string]any{"keys": []any{
		map[string]any{"kid": "ZWQyNTUxOQ==", "pem": string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: edSPKI}))},
		map[string]any{"x5c": []string{b64(selfSigned(t, p384))}},
		map[string]any{"x5c": []string{b64(goodCert)}},
		map[string]any{"x5c": []string{b64(goodCert[:len(goodCert)/2])}},
		map[string]any{"spki": b64(edSPKI)},
	}})
	tl, skipped, err := ParseTrustList(doc)
	if err != nil {
		t.Fatalf("one unusable key refused the whole list: %v", err)
	}
	if tl.Len() != 1 || len(skipped) != 4 {
		t.Fatalf("Len %d, skipped %v", tl.Len(), skipped)
	}
	for i, want := range []string{"key 0: unsupported key type ed25519.PublicKey", "key 1: ECDSA key on P-384", "key 3:", "key 4: no kid"} {
		if ErrorCode(skipped[i]) != EINVALID || !strings.Contains(skipped[i].Error(), want) {
			t.Errorf("skipped[%d] = %v, want %q", i, skipped[i], want)
		}
	}
	h := sha256.Sum256(goodCert)
	if id := IdentifyWith(IdentifyConfig{TrustList: tl}, buildHC1(t, vnDCC(), hc1Options{kid: h[:8], ecKey: good})); !id.Verified {
		t.Errorf("the usable key does not verify: %+v", id)
	}
	if id := IdentifyWith(IdentifyConfig{TrustList: tl}, buildHC1(t, vnDCC(), hc1Options{kid: h[:8], ecKey: newECKey(t)})); id.Reject == "" {
		t.Errorf("a forged certificate next to skipped keys: %+v", id)
	}
}

// TestTrustListKeyUsage: a signer certificate whose extended key usage names
// EU DCC kinds may sign only those; one naming none may sign all three; a
// bare public key may sign all three.
func TestTrustListKeyUsage(t *testing.T) {
	vaccination := vnDCC()
	test := vnDCC()
	delete(test, "v")
	test["t"] = []any{map[string]any{"tg": "840539006", "tt": "LP6464-4", "sc": "2021-10-01T08:00:00Z", "tr": "260415000",
		"tc": "Bệnh viện Bạch Mai", "co": "VN", "is": "Ministry of Health", "ci": "URN:UVCI:01:VN:T1"}}
	recovery := vnDCC()
	delete(recovery, "v")
	recovery["r"] = []any{map[string]any{"tg": "840539006", "fr": "2021-08-01", "co": "VN", "is": "MoH",
		"df": "2021-08-12", "du": "2022-01-28", "ci": "URN:UVCI:01:VN:R1"}}
	both := vnDCC()
	both["t"] = test["t"]

	var entries []any
	signer := map[string]hc1Options{}
	for _, s := range []struct {
		name string
		eku  []asn1.ObjectIdentifier
	}{
		{"tests", []asn1.ObjectIdentifier{oidDCCTest}},
		{"vaccinations", []asn1.ObjectIdentifier{oidDCCVaccination}},
		{"vaccinations and recoveries", []asn1.ObjectIdentifier{oidDCCVaccination, oidDCCRecovery}},
		{"tests (0 arc)", []asn1.ObjectIdentifier{{1, 3, 6, 1, 4, 1, 0, 1847, 2021, 1, 1}}},
		{"no DCC usage", []asn1.ObjectIdentifier{{1, 3, 6, 1, 5, 5, 7, 3, 4}}}, // emailProtection
		{"no usage", nil},
	} {
		key := newECKey(t)
		der := selfSigned(t, key, s.eku...)
		h := sha256.Sum256(der)
		entries = append(entries, map[string]any{"x5c": []string{base64.StdEncoding.EncodeToString(der)}})
		signer[s.name] = hc1Options{kid: h[:8], ecKey: key}
	}
	bare := newECKey(t)
	spki, _ := x509.MarshalPKIXPublicKey(&bare.PublicKey)
	entries = append(entries, map[string]any{"kid": base64.StdEncoding.EncodeToString([]byte("bare-key")), "spki": base64.StdEncoding.EncodeToString(spki)})
	signer["bare key"] = hc1Options{kid: []byte("bare-key"), ecKey: bare}
	doc, _ := json.Marshal(map[string]any{"keys": entries})
	tl, skipped, err := ParseTrustList(doc)
	if err != nil || len(skipped) > 0 || tl.Len() != 7 {
		t.Fatal(err, skipped, tl.Len())
	}

	const ok, refused = true, false
	for _, c := range []struct {
		signer string
		dcc    map[string]any
		what   string
		want   bool
	}{
		{"tests", test, "test", ok},
		{"tests", vaccination, "vaccination", refused},
		{"tests", recovery, "recovery", refused},
		{"tests", both, "vaccination and test", refused},
		{"vaccinations", vaccination, "vaccination", ok},
		{"vaccinations", test, "test", refused},
		{"vaccinations", recovery, "recovery", refused},
		{"vaccinations and recoveries", recovery, "recovery", ok},
		{"vaccinations and recoveries", vaccination, "vaccination", ok},
		{"vaccinations and recoveries", both, "vaccination and test", refused},
		{"tests (0 arc)", test, "test", ok},
		{"tests (0 arc)", vaccination, "vaccination", refused},
		{"no DCC usage", vaccination, "vaccination", ok},
		{"no DCC usage", test, "test", ok},
		{"no usage", recovery, "recovery", ok},
		{"no usage", both, "vaccination and test", ok},
		{"bare key", vaccination, "vaccination", ok},
		{"bare key", recovery, "recovery", ok},
	} {
		id := IdentifyWith(IdentifyConfig{TrustList: tl}, buildHC1(t, c.dcc, signer[c.signer]))
		switch {
		case c.want && (!id.Verified || id.Reject != ""):
			t.Errorf("key for %s, a %s certificate: verified %v, reject %q", c.signer, c.what, id.Verified, id.Reject)
		case !c.want && (id.Verified || !strings.Contains(id.Reject, "may not issue") || id.RejectVI == "" || id.Key != ""):
			t.Errorf("key for %s vouched for a %s certificate: verified %v, reject %q", c.signer, c.what, id.Verified, id.Reject)
		}
	}

	// Two keys under one kid, one for tests only: a vaccination signed
	// with the other still verifies.
	tl2 := &TrustList{}
	testKey, vacKey := newECKey(t), newECKey(t)
	c, err := x509.ParseCertificate(selfSigned(t, testKey, oidDCCTest))
	if err != nil {
		t.Fatal(err)
	}
	if err := tl2.AddCertificate(testKid, c); err != nil {
		t.Fatal(err)
	}
	if err := tl2.Add(testKid, &vacKey.PublicKey); err != nil {
		t.Fatal(err)
	}
	if id := IdentifyWith(IdentifyConfig{TrustList: tl2}, buildHC1(t, vaccination, hc1Options{kid: testKid, ecKey: vacKey})); !id.Verified {
		t.Errorf("kid shared with a test-only key: %+v", id)
	}
	if id := IdentifyWith(IdentifyConfig{TrustList: tl2}, buildHC1(t, vaccination, hc1Options{kid: testKid, ecKey: testKey})); id.Verified || id.Reject == "" {
		t.Errorf("test-only key under a shared kid vouched for a vaccination: %+v", id)
	}
}
