package canhcua

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/canhcua/canhcua/internal/base45"
	"github.com/canhcua/canhcua/internal/catalog"
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
// not match the signer's key rejects the code: it was forged or altered. So
// does a signature by a key whose certificate's extended key usage does not
// allow what the certificate holds (a key for tests signing a vaccination).

const hc1Prefix = "HC1:"

// hc1MaxInflated bounds the decompressed size of a certificate.
const hc1MaxInflated = 64 << 10

// isHC1 reports whether text has the HC1 prefix (any case).
func isHC1(text string) bool {
	return len(text) >= len(hc1Prefix) && strings.EqualFold(text[:len(hc1Prefix)], hc1Prefix)
}

// hc1Error is a reason an HC1 code is rejected: a catalog key and its
// arguments.
type hc1Error struct {
	key  catalog.Key
	args []any
}

func (e hc1Error) Error() string { return catalog.EN.T(e.key, e.args...) }

// hc1Damaged is the rejection of a certificate that cannot be read, with
// what was wrong.
func hc1Damaged(detail error) error { return hc1Error{catalog.RejectHC1Damaged, []any{detail}} }

var (
	errHC1Signature = hc1Error{key: catalog.RejectHC1Signature}
	errHC1Usage     = hc1Error{key: catalog.RejectHC1Usage}
)

// ParseHC1 decodes an "HC1:" code and, when tl is not nil, checks its
// signature. The returned error is an hc1Error with a reason to show.
// Warnings list what is odd but not fatal (no trust list, unknown signer,
// unsupported algorithm).
func ParseHC1(text string, tl *TrustList) (cert *Certificate, warnings []string, err error) {
	if !isHC1(text) {
		return nil, nil, hc1Damaged(errors.New("no HC1: prefix"))
	}
	raw, err := base45.Decode(text[len(hc1Prefix):])
	if err != nil {
		return nil, nil, hc1Damaged(fmt.Errorf("base45: %w", err))
	}
	if len(raw) > 0 && raw[0] == 0x78 { // zlib header; the spec allows uncompressed data
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, nil, hc1Damaged(fmt.Errorf("zlib: %w", err))
		}
		raw, err = io.ReadAll(io.LimitReader(zr, hc1MaxInflated+1))
		if err != nil {
			return nil, nil, hc1Damaged(fmt.Errorf("zlib: %w", err))
		}
		if len(raw) > hc1MaxInflated {
			return nil, nil, hc1Damaged(errors.New("too large once decompressed"))
		}
	}
	msg, err := cose.Decode(raw)
	if err != nil {
		return nil, nil, hc1Damaged(fmt.Errorf("COSE: %w", err))
	}
	cert, err = decodeDCC(msg.Payload)
	if err != nil {
		return nil, nil, hc1Damaged(fmt.Errorf("CBOR: %w", err))
	}
	cert.KeyID = base64.StdEncoding.EncodeToString(msg.Kid)
	cert.Algorithm = cose.AlgName(msg.Alg)
	may, mayNot := tl.lookup(msg.Kid, cert.kinds())
	switch {
	case tl == nil:
		warnings = append(warnings, catalog.EN.T(catalog.NoteNoTrustList))
	case len(may) == 0 && len(mayNot) == 0:
		warnings = append(warnings, catalog.EN.T(catalog.NoteUnknownSigner, cert.KeyID))
	case msg.Alg != cose.ES256 && msg.Alg != cose.PS256:
		warnings = append(warnings, catalog.EN.T(catalog.NoteUnsupportedAlg, cert.Algorithm))
	case msg.Verify(may):
		cert.Verified = true
	case msg.Verify(mayNot):
		// Signed by a key that may not vouch for what the certificate
		// holds (a test centre's key signing a vaccination).
		return nil, nil, errHC1Usage
	default:
		return nil, nil, errHC1Signature
	}
	return cert, warnings, nil
}
