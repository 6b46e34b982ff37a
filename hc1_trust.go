package canhcua

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"

	"github.com/canhcua/canhcua/internal/catalog"
)

// TrustList holds the public keys of certificate signers, by key
// identifier (kid), each with the kinds of certificate it may sign. The zero
// value and nil hold none.
//
// ParseTrustList reads it from JSON:
//
//	{"keys": [
//	  {"kid": "<base64 of the kid bytes>",      // optional with a certificate: then
//	                                           // the first 8 bytes of SHA-256 of its DER
//	   "country": "VN",                         // optional, informative
//	   "pem": "-----BEGIN PUBLIC KEY-----…",    // a PUBLIC KEY or CERTIFICATE PEM block, or
//	   "x5c": ["<base64 DER certificate>"],     // a certificate chain (the first is used), or
//	   "spki": "<base64 DER SubjectPublicKeyInfo>"}
//	]}
//
// Keys may be ECDSA P-256 (ES256) or RSA of 1024 bits or more (PS256). A key
// given with its certificate may sign what the certificate's extended key
// usage allows (the EU DCC OIDs for test, vaccination and recovery
// certificates; all three when it names none of them); a bare public key may
// sign all three.
type TrustList struct {
	keys map[string][]trustedKey
}

// trustedKey is a signer's public key and what it may sign.
type trustedKey struct {
	pub   crypto.PublicKey
	signs dccKinds
}

// dccKinds is a set of the kinds of EU DCC entries.
type dccKinds uint8

const (
	dccVaccination dccKinds = 1 << iota
	dccTest
	dccRecovery
	dccAll = dccVaccination | dccTest | dccRecovery
)

// The EU DCC extended key usage OIDs of a document signer certificate
// (eHealth Network, "Technical Specifications for Digital Green
// Certificates", volume 1, §5.4.1): a certificate naming any of them may sign
// only those kinds. Some issuers write them with an extra 0 arc
// (1.3.6.1.4.1.0.1847…), which verifier apps accept as the same.
var (
	oidDCCTest        = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 1}
	oidDCCVaccination = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 2}
	oidDCCRecovery    = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 3}
)

// certSigns is what a document signer certificate may sign.
func certSigns(c *x509.Certificate) dccKinds {
	var k dccKinds
	for _, oid := range c.UnknownExtKeyUsage {
		if len(oid) == len(oidDCCTest)+1 && oid[6] == 0 { // the variant with an extra 0 arc
			oid = append(slices.Clone(oid[:6]), oid[7:]...)
		}
		switch {
		case oid.Equal(oidDCCTest):
			k |= dccTest
		case oid.Equal(oidDCCVaccination):
			k |= dccVaccination
		case oid.Equal(oidDCCRecovery):
			k |= dccRecovery
		}
	}
	if k == 0 {
		return dccAll
	}
	return k
}

// trustListJSON is the file format of ParseTrustList.
type trustListJSON struct {
	Keys []trustEntry `json:"keys"`
}

type trustEntry struct {
	Kid     string   `json:"kid"`
	Country string   `json:"country"`
	Alg     string   `json:"alg"`
	PEM     string   `json:"pem"`
	X5C     []string `json:"x5c"`
	SPKI    string   `json:"spki"`
}

// ParseTrustList reads a trust list in the JSON format documented on
// TrustList. A key that cannot be used (an unsupported algorithm or curve, a
// damaged entry, no kid) is left out, and skipped says why (an *Error for
// each): the other keys still verify. A list that is not JSON, or whose keys
// are all left out, is an error.
func ParseTrustList(data []byte) (tl *TrustList, skipped []error, err error) {
	var j trustListJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, nil, Errorf(EINVALID, catalog.ErrTrustList, err)
	}
	tl = &TrustList{}
	for i, k := range j.Keys {
		if err := tl.addEntry(i, k); err != nil {
			skipped = append(skipped, err)
		}
	}
	if len(j.Keys) > 0 && tl.Len() == 0 {
		return nil, skipped, Errorf(EINVALID, catalog.ErrTrustNoKey, len(j.Keys))
	}
	return tl, skipped, nil
}

// addEntry adds the key of entry i of a trust list file.
func (tl *TrustList) addEntry(i int, k trustEntry) error {
	var pub crypto.PublicKey
	var cert *x509.Certificate // the key's certificate, when given
	var err error
	switch {
	case k.PEM != "":
		blk, _ := pem.Decode([]byte(k.PEM))
		if blk == nil {
			return Errorf(EINVALID, catalog.ErrTrustKeyNoPEM, i)
		}
		switch blk.Type {
		case "CERTIFICATE":
			cert, err = x509.ParseCertificate(blk.Bytes)
		case "PUBLIC KEY": // catalog:data: a PEM block type
			pub, err = x509.ParsePKIXPublicKey(blk.Bytes)
		default:
			err = fmt.Errorf("PEM block %q: want PUBLIC KEY or CERTIFICATE", blk.Type)
		}
	case len(k.X5C) > 0:
		var der []byte
		if der, err = base64.StdEncoding.DecodeString(k.X5C[0]); err == nil {
			cert, err = x509.ParseCertificate(der)
		}
	case k.SPKI != "":
		var b []byte
		if b, err = base64.StdEncoding.DecodeString(k.SPKI); err == nil {
			pub, err = x509.ParsePKIXPublicKey(b)
		}
	default:
		err = errors.New("no pem, x5c or spki")
	}
	if err != nil {
		return Errorf(EINVALID, catalog.ErrTrustKey, i, err)
	}
	signs := dccAll
	if cert != nil {
		pub, signs = cert.PublicKey, certSigns(cert)
	}
	var kid []byte
	switch {
	case k.Kid != "":
		if kid, err = base64.StdEncoding.DecodeString(k.Kid); err != nil {
			return Errorf(EINVALID, catalog.ErrTrustKeyKid, i, err)
		}
	case cert != nil:
		h := sha256.Sum256(cert.Raw)
		kid = h[:8]
	default:
		return Errorf(EINVALID, catalog.ErrTrustKeyNoKid, i)
	}
	if err := tl.add(kid, pub, signs); err != nil {
		return Errorf(EINVALID, catalog.ErrTrustKey, i, err)
	}
	return nil
}

// Add trusts pub (an *ecdsa.PublicKey on P-256 or an *rsa.PublicKey) for
// certificates of every kind signed under kid.
func (tl *TrustList) Add(kid []byte, pub crypto.PublicKey) error {
	return tl.add(kid, pub, dccAll)
}

// AddCertificate trusts the key of a document signer certificate for the
// kinds of certificate its extended key usage allows, signed under kid.
func (tl *TrustList) AddCertificate(kid []byte, cert *x509.Certificate) error {
	return tl.add(kid, cert.PublicKey, certSigns(cert))
}

func (tl *TrustList) add(kid []byte, pub crypto.PublicKey, signs dccKinds) error {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() {
			return fmt.Errorf("ECDSA key on %s, not P-256", k.Curve.Params().Name)
		}
	case *rsa.PublicKey:
		if k.N.BitLen() < 1024 { // crypto/rsa refuses to verify with them
			return fmt.Errorf("RSA key of %d bits", k.N.BitLen())
		}
	default:
		return fmt.Errorf("unsupported key type %T", pub)
	}
	if tl.keys == nil {
		tl.keys = make(map[string][]trustedKey)
	}
	tl.keys[string(kid)] = append(tl.keys[string(kid)], trustedKey{pub, signs})
	return nil
}

// Len is the number of keys in the trust list.
func (tl *TrustList) Len() int {
	if tl == nil {
		return 0
	}
	n := 0
	for _, ks := range tl.keys {
		n += len(ks)
	}
	return n
}

// lookup returns the keys held for kid: those that may sign every kind in
// need, and the others.
func (tl *TrustList) lookup(kid []byte, need dccKinds) (may, mayNot []crypto.PublicKey) {
	if tl == nil {
		return nil, nil
	}
	for _, k := range tl.keys[string(kid)] {
		if k.signs&need == need {
			may = append(may, k.pub)
		} else {
			mayNot = append(mayNot, k.pub)
		}
	}
	return may, mayNot
}
