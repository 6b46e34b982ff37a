package canhcua

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/canhcua/canhcua/internal/catalog"
)

// TrustList holds the public keys of certificate signers, by key
// identifier (kid). The zero value and nil hold none.
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
// Keys may be ECDSA P-256 (ES256) or RSA (PS256).
type TrustList struct {
	keys map[string][]crypto.PublicKey
}

// trustListJSON is the file format of ParseTrustList.
type trustListJSON struct {
	Keys []struct {
		Kid     string   `json:"kid"`
		Country string   `json:"country"`
		Alg     string   `json:"alg"`
		PEM     string   `json:"pem"`
		X5C     []string `json:"x5c"`
		SPKI    string   `json:"spki"`
	} `json:"keys"`
}

// ParseTrustList reads a trust list in the JSON format documented on
// TrustList.
func ParseTrustList(data []byte) (*TrustList, error) {
	var j trustListJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, Errorf(EINVALID, catalog.ErrTrustList, err)
	}
	tl := &TrustList{}
	for i, k := range j.Keys {
		var pub crypto.PublicKey
		var der []byte // certificate DER, for a kid derived from it
		var err error
		switch {
		case k.PEM != "":
			blk, _ := pem.Decode([]byte(k.PEM))
			if blk == nil {
				return nil, Errorf(EINVALID, catalog.ErrTrustKeyNoPEM, i)
			}
			switch blk.Type {
			case "CERTIFICATE":
				der = blk.Bytes
				pub, err = certKey(der)
			case "PUBLIC KEY": // catalog:data: a PEM block type
				pub, err = x509.ParsePKIXPublicKey(blk.Bytes)
			default:
				err = fmt.Errorf("PEM block %q: want PUBLIC KEY or CERTIFICATE", blk.Type)
			}
		case len(k.X5C) > 0:
			der, err = base64.StdEncoding.DecodeString(k.X5C[0])
			if err == nil {
				pub, err = certKey(der)
			}
		case k.SPKI != "":
			var b []byte
			b, err = base64.StdEncoding.DecodeString(k.SPKI)
			if err == nil {
				pub, err = x509.ParsePKIXPublicKey(b)
			}
		default:
			err = errors.New("no pem, x5c or spki")
		}
		if err != nil {
			return nil, Errorf(EINVALID, catalog.ErrTrustKey, i, err)
		}
		var kid []byte
		switch {
		case k.Kid != "":
			if kid, err = base64.StdEncoding.DecodeString(k.Kid); err != nil {
				return nil, Errorf(EINVALID, catalog.ErrTrustKeyKid, i, err)
			}
		case der != nil:
			h := sha256.Sum256(der)
			kid = h[:8]
		default:
			return nil, Errorf(EINVALID, catalog.ErrTrustKeyNoKid, i)
		}
		if err := tl.Add(kid, pub); err != nil {
			return nil, Errorf(EINVALID, catalog.ErrTrustKey, i, err)
		}
	}
	return tl, nil
}

func certKey(der []byte) (crypto.PublicKey, error) {
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return c.PublicKey, nil
}

// Add trusts pub (an *ecdsa.PublicKey on P-256 or an *rsa.PublicKey) for
// certificates signed under kid.
func (tl *TrustList) Add(kid []byte, pub crypto.PublicKey) error {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() {
			return errors.New("ECDSA key is not on P-256")
		}
	case *rsa.PublicKey:
	default:
		return fmt.Errorf("unsupported key type %T", pub)
	}
	if tl.keys == nil {
		tl.keys = make(map[string][]crypto.PublicKey)
	}
	tl.keys[string(kid)] = append(tl.keys[string(kid)], pub)
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

func (tl *TrustList) lookup(kid []byte) []crypto.PublicKey {
	if tl == nil {
		return nil
	}
	return tl.keys[string(kid)]
}
