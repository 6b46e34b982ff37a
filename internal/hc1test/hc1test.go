// Package hc1test makes signed "HC1:" health certificates (EU digital COVID
// certificates) the way issuers do, for tests and demos that need real ones:
// canhcua itself only reads them.
package hc1test

import (
	"bytes"
	"compress/zlib"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/canhcua/canhcua/internal/base45"
	"github.com/canhcua/canhcua/internal/cose"
)

// Claims are the CWT claims of a certificate: issuer (1), expiry (4),
// issued at (6) and the EU DCC payload dcc under -260/1.
func Claims(dcc map[string]any, issuer string, issuedAt, expires time.Time) map[int]any {
	return map[int]any{1: issuer, 4: expires.Unix(), 6: issuedAt.Unix(), -260: map[int]any{1: dcc}}
}

// SignES256 signs data (a COSE Sig_structure) with key: the 64 bytes r‖s
// that ES256 expects.
func SignES256(key *ecdsa.PrivateKey, data []byte) ([]byte, error) {
	h := sha256.Sum256(data)
	r, s, err := ecdsa.Sign(rand.Reader, key, h[:])
	if err != nil {
		return nil, fmt.Errorf("ES256: %w", err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return sig, nil
}

// Encode is an "HC1:" code of a COSE_Sign1 message raw: zlib-compressed and
// base45-encoded.
func Encode(raw []byte) string {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression) // the level is valid
	zw.Write(raw)                                          // writes to a bytes.Buffer do not fail
	zw.Close()
	return "HC1:" + base45.Encode(b.Bytes())
}

// SignHC1 makes an "HC1:" health certificate string: the EU DCC payload dcc
// (the object under claim -260/1: ver, nam, dob, v/t/r) in CWT claims
// (issuer, issued at, expires), signed ES256 with key under key id kid as
// a tagged COSE_Sign1, zlib-compressed and base45-encoded.
func SignHC1(dcc map[string]any, issuer string, issuedAt, expires time.Time, kid []byte, key *ecdsa.PrivateKey) (string, error) {
	payload, err := cbor.Marshal(Claims(dcc, issuer, issuedAt, expires))
	if err != nil {
		return "", fmt.Errorf("hc1 claims: %w", err)
	}
	prot, err := cbor.Marshal(map[int]any{1: cose.ES256, 4: kid})
	if err != nil {
		return "", fmt.Errorf("hc1 protected header: %w", err)
	}
	m := &cose.Sign1{Protected: prot, Payload: payload}
	sig, err := SignES256(key, m.SigStructure())
	if err != nil {
		return "", fmt.Errorf("hc1 signature: %w", err)
	}
	raw, err := cbor.Marshal(cbor.Tag{Number: 18, Content: []any{prot, map[int]any{}, payload, sig}})
	if err != nil {
		return "", fmt.Errorf("hc1 COSE_Sign1: %w", err)
	}
	return Encode(raw), nil
}
