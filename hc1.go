package canhcua

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"github.com/canhcua/canhcua/internal/base45"
	"github.com/canhcua/canhcua/internal/cose"
)

// EU digital COVID certificates (EU DCC, "HC1"), the format of Vietnam's
// vaccine passport: "HC1:" + base45(zlib(COSE_Sign1)). The COSE_Sign1
// payload is a CWT (CBOR map) whose claim -260 holds, under key 1, the
// certificate: {ver, nam{fn, gn, fnt, gnt}, dob, v|t|r: [...]}.
//
// A certificate's signature is checked only when a trust list is
// configured (IdentifyConfig.TrustList): ES256 (ECDSA P-256, SHA-256) and
// PS256 (RSA-PSS, SHA-256). Without a trust list, or when the signer's key
// is not in it, the certificate is read but Verified stays false (shown as
// "not verified", never as valid). With a trust list, a signature that does
// not match the signer's key rejects the code: it was forged or altered.

const hc1Prefix = "HC1:"

// hc1MaxInflated bounds the decompressed size of a certificate.
const hc1MaxInflated = 64 << 10

// isHC1 reports whether text has the HC1 prefix (any case).
func isHC1(text string) bool {
	return len(text) >= len(hc1Prefix) && strings.EqualFold(text[:len(hc1Prefix)], hc1Prefix)
}

// hc1Error is a reason an HC1 code is rejected, in English and Vietnamese.
type hc1Error struct{ en, vi string }

func (e hc1Error) Error() string { return e.en }

func hc1Damaged(format string, args ...any) error {
	return hc1Error{"damaged health certificate: " + fmt.Sprintf(format, args...), "Chứng nhận y tế bị hỏng"}
}

var errHC1Signature = hc1Error{"health certificate signature is invalid (forged or altered)", "Chữ ký chứng nhận y tế không hợp lệ (giả hoặc đã bị sửa)"}

// ParseHC1 decodes an "HC1:" code and, when tl is not nil, checks its
// signature. The returned error is an hc1Error with a reason to show.
// Warnings list what is odd but not fatal (no trust list, unknown signer,
// unsupported algorithm).
func ParseHC1(text string, tl *TrustList) (cert *Certificate, warnings []string, err error) {
	if !isHC1(text) {
		return nil, nil, hc1Damaged("no HC1: prefix")
	}
	raw, err := base45.Decode(text[len(hc1Prefix):])
	if err != nil {
		return nil, nil, hc1Damaged("base45: %v", err)
	}
	if len(raw) > 0 && raw[0] == 0x78 { // zlib header; the spec allows uncompressed data
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, nil, hc1Damaged("zlib: %v", err)
		}
		raw, err = io.ReadAll(io.LimitReader(zr, hc1MaxInflated+1))
		if err != nil {
			return nil, nil, hc1Damaged("zlib: %v", err)
		}
		if len(raw) > hc1MaxInflated {
			return nil, nil, hc1Damaged("too large once decompressed")
		}
	}
	msg, err := cose.Decode(raw)
	if err != nil {
		return nil, nil, hc1Damaged("COSE: %v", err)
	}
	cert, err = decodeDCC(msg.Payload)
	if err != nil {
		return nil, nil, hc1Damaged("CBOR: %v", err)
	}
	cert.KeyID = base64.StdEncoding.EncodeToString(msg.Kid)
	cert.Algorithm = cose.AlgName(msg.Alg)
	switch keys := tl.lookup(msg.Kid); {
	case tl == nil:
		warnings = append(warnings, "signature not verified: no trust list configured")
	case len(keys) == 0:
		warnings = append(warnings, "signature not verified: signer "+cert.KeyID+" is not in the trust list")
	case msg.Alg != cose.ES256 && msg.Alg != cose.PS256:
		warnings = append(warnings, "signature not verified: unsupported algorithm "+cert.Algorithm)
	default:
		if !msg.Verify(keys) {
			return nil, nil, errHC1Signature
		}
		cert.Verified = true
	}
	return cert, warnings, nil
}
