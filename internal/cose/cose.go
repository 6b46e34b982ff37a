// Package cose reads COSE_Sign1 messages (RFC 9052 §4.2), the signed
// envelope of EU digital COVID certificates, and checks their ES256 and
// PS256 signatures. It decodes untrusted input: CBOR is read with bounds
// on nesting and size, and duplicated map keys are refused.
package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"

	"github.com/fxamacker/cbor/v2"
)

// COSE algorithm identifiers.
const (
	ES256 = -7  // ECDSA P-256 with SHA-256
	PS256 = -37 // RSA-PSS with SHA-256
)

// AlgName is the name of a COSE algorithm: "ES256", "PS256", or its number.
func AlgName(alg int64) string {
	switch alg {
	case ES256:
		return "ES256"
	case PS256:
		return "PS256"
	}
	return fmt.Sprint(alg)
}

// Sign1 is a COSE_Sign1 message.
type Sign1 struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected cbor.RawMessage
	Payload     []byte
	Signature   []byte

	// Alg and Kid are read by Decode from the headers.
	Alg int64  `cbor:"-"`
	Kid []byte `cbor:"-"`
}

var decMode = func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		MaxNestedLevels:  16,
		MaxArrayElements: 1024,
		MaxMapPairs:      1024,
		DupMapKey:        cbor.DupMapKeyEnforcedAPF, // a duplicated claim is an attack, not data
		IntDec:           cbor.IntDecConvertSigned,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}()

// Unmarshal decodes untrusted CBOR into v with the bounds messages are read
// with; it is for their payloads too.
func Unmarshal(b []byte, v any) error {
	return decMode.Unmarshal(b, v)
}

// Decode reads a COSE_Sign1 message, tagged (18, possibly inside the CWT
// tag 61) or not, and its algorithm and kid (protected header first, then
// unprotected).
func Decode(b []byte) (*Sign1, error) {
	for range 2 {
		var tag cbor.RawTag
		if err := decMode.Unmarshal(b, &tag); err != nil {
			break
		}
		if tag.Number != 18 && tag.Number != 61 {
			return nil, fmt.Errorf("unexpected tag %d", tag.Number)
		}
		b = tag.Content
	}
	var m Sign1
	if err := decMode.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if len(m.Payload) == 0 {
		return nil, errors.New("no payload")
	}
	hdr := map[int64]cbor.RawMessage{}
	if len(m.Protected) > 0 {
		if err := decMode.Unmarshal(m.Protected, &hdr); err != nil {
			return nil, fmt.Errorf("protected header: %w", err)
		}
	}
	unprot := map[int64]cbor.RawMessage{}
	if len(m.Unprotected) > 0 {
		if err := decMode.Unmarshal(m.Unprotected, &unprot); err != nil {
			return nil, fmt.Errorf("unprotected header: %w", err)
		}
	}
	// The algorithm must be protected; the kid may be in either header.
	if v, ok := hdr[1]; ok {
		if err := decMode.Unmarshal(v, &m.Alg); err != nil {
			return nil, fmt.Errorf("alg: %w", err)
		}
	}
	for _, h := range []map[int64]cbor.RawMessage{hdr, unprot} {
		if v, ok := h[4]; ok && m.Kid == nil {
			if err := decMode.Unmarshal(v, &m.Kid); err != nil {
				return nil, fmt.Errorf("kid: %w", err)
			}
		}
	}
	return &m, nil
}

// SigStructure is the data signed: ["Signature1", protected, external_aad, payload].
func (m *Sign1) SigStructure() []byte {
	b, err := cbor.Marshal([]any{"Signature1", m.Protected, []byte{}, m.Payload})
	if err != nil {
		panic(err) // byte and text strings always encode
	}
	return b
}

// Verify reports whether one of keys (*ecdsa.PublicKey for ES256,
// *rsa.PublicKey for PS256) made the signature under the message's
// algorithm.
func (m *Sign1) Verify(keys []crypto.PublicKey) bool {
	h := sha256.Sum256(m.SigStructure())
	for _, k := range keys {
		switch k := k.(type) {
		case *ecdsa.PublicKey:
			if m.Alg != ES256 || len(m.Signature) != 64 {
				continue
			}
			r := new(big.Int).SetBytes(m.Signature[:32])
			s := new(big.Int).SetBytes(m.Signature[32:])
			if ecdsa.Verify(k, h[:], r, s) {
				return true
			}
		case *rsa.PublicKey:
			if m.Alg != PS256 {
				continue
			}
			if rsa.VerifyPSS(k, crypto.SHA256, h[:], m.Signature, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}) == nil {
				return true
			}
		}
	}
	return false
}
