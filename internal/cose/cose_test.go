package cose_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"testing"

	"github.com/fxamacker/cbor/v2"

	"github.com/canhcua/canhcua/internal/cose"
	"github.com/canhcua/canhcua/internal/hc1test"
)

// TestDecodeVerify reads back signed messages in each wrapping Decode
// accepts and checks their signature against the right and a wrong key.
func TestDecodeVerify(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	kid := []byte("kid-0001")
	prot, err := cbor.Marshal(map[int]any{1: cose.ES256, 4: kid})
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte("claims")
	sig, err := hc1test.SignES256(key, (&cose.Sign1{Protected: prot, Payload: payload}).SigStructure())
	if err != nil {
		t.Fatal(err)
	}
	msg := []any{prot, map[int]any{}, payload, sig}
	for _, c := range []struct {
		name string
		v    any
	}{
		{"untagged", msg},
		{"tag 18", cbor.Tag{Number: 18, Content: msg}},
		{"tag 61 around 18", cbor.Tag{Number: 61, Content: cbor.Tag{Number: 18, Content: msg}}},
	} {
		raw, err := cbor.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		m, err := cose.Decode(raw)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if m.Alg != cose.ES256 || string(m.Kid) != string(kid) || string(m.Payload) != "claims" {
			t.Errorf("%s: alg %d kid %q payload %q", c.name, m.Alg, m.Kid, m.Payload)
		}
		if !m.Verify([]crypto.PublicKey{&other.PublicKey, &key.PublicKey}) {
			t.Errorf("%s: not verified with the signer's key", c.name)
		}
		if m.Verify([]crypto.PublicKey{&other.PublicKey}) {
			t.Errorf("%s: verified with another key", c.name)
		}
	}
	raw, _ := cbor.Marshal(cbor.Tag{Number: 17, Content: msg})
	if _, err := cose.Decode(raw); err == nil {
		t.Error("tag 17 (COSE_Mac0) accepted")
	}
	raw, _ = cbor.Marshal([]any{prot, map[int]any{}, []byte{}, sig})
	if _, err := cose.Decode(raw); err == nil {
		t.Error("empty payload accepted")
	}
}

func TestAlgName(t *testing.T) {
	for alg, want := range map[int64]string{cose.ES256: "ES256", cose.PS256: "PS256", -8: "-8"} {
		if got := cose.AlgName(alg); got != want {
			t.Errorf("AlgName(%d) = %q, want %q", alg, got, want)
		}
	}
}
