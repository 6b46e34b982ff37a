package canhcua

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"testing"
	"time"
)

func selfSigned(t testing.TB, key *ecdsa.PrivateKey) []byte {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "DSC VN test"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(4e9, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
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
	tl, err := ParseTrustList(doc)
	if err != nil {
		t.Fatal(err)
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
	for _, bad := range []string{
		`not json`,
		`{"keys":[{"kid":"AAEC"}]}`,
		`{"keys":[{"kid":"!!","pem":` + jsonString(pubPEM) + `}]}`,
		`{"keys":[{"pem":` + jsonString(pubPEM) + `}]}`, // no kid and no certificate to derive it
		`{"keys":[{"kid":"AAEC","pem":"-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n"}]}`,
		`{"keys":[{"kid":"AAEC","spki":"AAAA"}]}`,
	} {
		if _, err := ParseTrustList([]byte(bad)); err == nil || ErrorCode(err) != EINVALID {
			t.Errorf("ParseTrustList(%.40q) = %v, want an invalid error", bad, err)
		}
	}
	var nilTL *TrustList
	if nilTL.Len() != 0 {
		t.Error("nil trust list has keys")
	}
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }
