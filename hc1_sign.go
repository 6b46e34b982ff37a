package canhcua

import (
	"bytes"
	"compress/zlib"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// SignHC1 makes an "HC1:" health certificate string the way issuers do: the
// EU DCC payload dcc (the object under claim -260/1: ver, nam, dob, v/t/r)
// in CWT claims (issuer, issued at, expires), signed ES256 with key under
// key id kid as COSE_Sign1, zlib-compressed and base45-encoded. canhcua only
// reads certificates; this is for tests and demos that need real ones.
func SignHC1(dcc map[string]any, issuer string, issuedAt, expires time.Time, kid []byte, key *ecdsa.PrivateKey) (string, error) {
	claims := map[int]any{1: issuer, 4: expires.Unix(), 6: issuedAt.Unix(), -260: map[int]any{1: dcc}}
	payload, err := cbor.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("hc1 claims: %w", err)
	}
	prot, err := cbor.Marshal(map[int]any{1: coseES256, 4: kid})
	if err != nil {
		return "", err
	}
	m := &coseSign1{Protected: prot, Payload: payload}
	h := sha256.Sum256(m.sigStructure())
	r, s, err := ecdsa.Sign(rand.Reader, key, h[:])
	if err != nil {
		return "", fmt.Errorf("hc1 signature: %w", err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	raw, err := cbor.Marshal(cbor.Tag{Number: 18, Content: []any{prot, map[int]any{}, payload, sig}})
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	zw.Write(raw)
	zw.Close()
	return "HC1:" + base45Encode(b.Bytes()), nil
}
