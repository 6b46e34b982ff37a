package canhcua

import (
	"bytes"
	"compress/zlib"
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
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/fxamacker/cbor/v2"
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

// Certificate is what an EU digital COVID certificate says.
type Certificate struct {
	Version    string // schema version, "1.3.0"
	Name       string // family name then given name, as a Vietnamese reader expects
	FamilyName string // nam.fn
	GivenName  string // nam.gn
	// FamilyNameStd and GivenNameStd are the ICAO 9303 transliterations
	// (nam.fnt, nam.gnt): "NGUYEN", "VAN<AN".
	FamilyNameStd string
	GivenNameStd  string
	BirthDate     string // as written: YYYY-MM-DD, YYYY-MM, YYYY or empty
	Issuer        string // CWT issuer (claim 1): a country code
	IssuedAt      time.Time
	ExpiresAt     time.Time
	KeyID         string // base64 of the signer's key identifier (kid)
	Algorithm     string // "ES256", "PS256", or the COSE number when unknown
	Doses         []Dose
	Tests         []Test
	Recoveries    []Recovery
	// Verified is true only when a trust list was configured and the
	// signature matches a key the trust list holds for the certificate's kid.
	Verified bool
}

// Dose is a vaccination entry (v).
type Dose struct {
	Target       string // tg: disease agent targeted, "840539006" (COVID-19)
	Vaccine      string // vp: vaccine or prophylaxis
	Product      string // mp: medicinal product, "EU/1/20/1528"
	Manufacturer string // ma
	Number       int    // dn: number in a series of doses
	Of           int    // sd: overall doses in the series
	Date         string // dt: date of vaccination, YYYY-MM-DD
	Country      string // co
	Issuer       string // is
	CertID       string // ci: unique certificate identifier
}

// Test is a test entry (t).
type Test struct {
	Target     string // tg
	Type       string // tt
	Name       string // nm: NAA test name
	Device     string // ma: RAT test device identifier
	SampleTime string // sc
	Result     string // tr: "260415000" not detected, "260373001" detected
	Centre     string // tc
	Country    string // co
	Issuer     string // is
	CertID     string // ci
}

// Recovery is a recovery entry (r).
type Recovery struct {
	Target        string // tg
	FirstPositive string // fr
	Country       string // co
	Issuer        string // is
	ValidFrom     string // df
	ValidUntil    string // du
	CertID        string // ci
}

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
		return nil, Errorf(EINVALID, "trust list: %v", err)
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
				return nil, Errorf(EINVALID, "trust list key %d: no PEM block", i)
			}
			switch blk.Type {
			case "CERTIFICATE":
				der = blk.Bytes
				pub, err = certKey(der)
			case "PUBLIC KEY":
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
			return nil, Errorf(EINVALID, "trust list key %d: %v", i, err)
		}
		var kid []byte
		switch {
		case k.Kid != "":
			if kid, err = base64.StdEncoding.DecodeString(k.Kid); err != nil {
				return nil, Errorf(EINVALID, "trust list key %d: kid: %v", i, err)
			}
		case der != nil:
			h := sha256.Sum256(der)
			kid = h[:8]
		default:
			return nil, Errorf(EINVALID, "trust list key %d: no kid", i)
		}
		if err := tl.Add(kid, pub); err != nil {
			return nil, Errorf(EINVALID, "trust list key %d: %v", i, err)
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
	raw, err := base45Decode(text[len(hc1Prefix):])
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
	msg, err := decodeCOSESign1(raw)
	if err != nil {
		return nil, nil, hc1Damaged("COSE: %v", err)
	}
	cert, err = decodeDCC(msg.Payload)
	if err != nil {
		return nil, nil, hc1Damaged("CBOR: %v", err)
	}
	cert.KeyID = base64.StdEncoding.EncodeToString(msg.kid)
	cert.Algorithm = coseAlgName(msg.alg)
	switch keys := tl.lookup(msg.kid); {
	case tl == nil:
		warnings = append(warnings, "signature not verified: no trust list configured")
	case len(keys) == 0:
		warnings = append(warnings, "signature not verified: signer "+cert.KeyID+" is not in the trust list")
	case msg.alg != coseES256 && msg.alg != cosePS256:
		warnings = append(warnings, "signature not verified: unsupported algorithm "+cert.Algorithm)
	default:
		if !msg.verify(keys) {
			return nil, nil, errHC1Signature
		}
		cert.Verified = true
	}
	return cert, warnings, nil
}

// COSE algorithm identifiers.
const (
	coseES256 = -7
	cosePS256 = -37
)

func coseAlgName(alg int64) string {
	switch alg {
	case coseES256:
		return "ES256"
	case cosePS256:
		return "PS256"
	}
	return fmt.Sprint(alg)
}

// coseSign1 is a COSE_Sign1 message (RFC 9052 §4.2).
type coseSign1 struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected cbor.RawMessage
	Payload     []byte
	Signature   []byte

	alg int64
	kid []byte
}

var cborDec = func() cbor.DecMode {
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

// decodeCOSESign1 reads a COSE_Sign1 message, tagged (18, possibly inside
// the CWT tag 61) or not, and its algorithm and kid (protected header
// first, then unprotected).
func decodeCOSESign1(b []byte) (*coseSign1, error) {
	for range 2 {
		var tag cbor.RawTag
		if err := cborDec.Unmarshal(b, &tag); err != nil {
			break
		}
		if tag.Number != 18 && tag.Number != 61 {
			return nil, fmt.Errorf("unexpected tag %d", tag.Number)
		}
		b = tag.Content
	}
	var m coseSign1
	if err := cborDec.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if len(m.Payload) == 0 {
		return nil, errors.New("no payload")
	}
	hdr := map[int64]cbor.RawMessage{}
	if len(m.Protected) > 0 {
		if err := cborDec.Unmarshal(m.Protected, &hdr); err != nil {
			return nil, fmt.Errorf("protected header: %v", err)
		}
	}
	unprot := map[int64]cbor.RawMessage{}
	if len(m.Unprotected) > 0 {
		if err := cborDec.Unmarshal(m.Unprotected, &unprot); err != nil {
			return nil, fmt.Errorf("unprotected header: %v", err)
		}
	}
	// The algorithm must be protected; the kid may be in either header.
	if v, ok := hdr[1]; ok {
		if err := cborDec.Unmarshal(v, &m.alg); err != nil {
			return nil, fmt.Errorf("alg: %v", err)
		}
	}
	for _, h := range []map[int64]cbor.RawMessage{hdr, unprot} {
		if v, ok := h[4]; ok && m.kid == nil {
			if err := cborDec.Unmarshal(v, &m.kid); err != nil {
				return nil, fmt.Errorf("kid: %v", err)
			}
		}
	}
	return &m, nil
}

// sigStructure is the data signed: ["Signature1", protected, external_aad, payload].
func (m *coseSign1) sigStructure() []byte {
	b, err := cbor.Marshal([]any{"Signature1", m.Protected, []byte{}, m.Payload})
	if err != nil {
		panic(err) // byte and text strings always encode
	}
	return b
}

func (m *coseSign1) verify(keys []crypto.PublicKey) bool {
	h := sha256.Sum256(m.sigStructure())
	for _, k := range keys {
		switch k := k.(type) {
		case *ecdsa.PublicKey:
			if m.alg != coseES256 || len(m.Signature) != 64 {
				continue
			}
			r := new(big.Int).SetBytes(m.Signature[:32])
			s := new(big.Int).SetBytes(m.Signature[32:])
			if ecdsa.Verify(k, h[:], r, s) {
				return true
			}
		case *rsa.PublicKey:
			if m.alg != cosePS256 {
				continue
			}
			if rsa.VerifyPSS(k, crypto.SHA256, h[:], m.Signature, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}) == nil {
				return true
			}
		}
	}
	return false
}

// cborNum is an integer that some issuers write as a float.
type cborNum int64

func (n *cborNum) UnmarshalCBOR(b []byte) error {
	var i int64
	if err := cborDec.Unmarshal(b, &i); err == nil {
		*n = cborNum(i)
		return nil
	}
	var f float64
	if err := cborDec.Unmarshal(b, &f); err != nil {
		return err
	}
	if f != f || f > 1<<53 || f < -(1<<53) {
		return errors.New("number out of range")
	}
	*n = cborNum(f)
	return nil
}

type cwtClaims struct {
	Iss   string               `cbor:"1,keyasint,omitempty"`
	Exp   cborNum              `cbor:"4,keyasint,omitempty"`
	Iat   cborNum              `cbor:"6,keyasint,omitempty"`
	Hcert map[int64]dccPayload `cbor:"-260,keyasint"`
}

type dccPayload struct {
	Ver string `cbor:"ver"`
	Nam struct {
		Fn  string `cbor:"fn"`
		Fnt string `cbor:"fnt"`
		Gn  string `cbor:"gn"`
		Gnt string `cbor:"gnt"`
	} `cbor:"nam"`
	Dob string `cbor:"dob"`
	V   []struct {
		Tg string  `cbor:"tg"`
		Vp string  `cbor:"vp"`
		Mp string  `cbor:"mp"`
		Ma string  `cbor:"ma"`
		Dn cborNum `cbor:"dn"`
		Sd cborNum `cbor:"sd"`
		Dt string  `cbor:"dt"`
		Co string  `cbor:"co"`
		Is string  `cbor:"is"`
		Ci string  `cbor:"ci"`
	} `cbor:"v"`
	T []struct {
		Tg string `cbor:"tg"`
		Tt string `cbor:"tt"`
		Nm string `cbor:"nm"`
		Ma string `cbor:"ma"`
		Sc string `cbor:"sc"`
		Tr string `cbor:"tr"`
		Tc string `cbor:"tc"`
		Co string `cbor:"co"`
		Is string `cbor:"is"`
		Ci string `cbor:"ci"`
	} `cbor:"t"`
	R []struct {
		Tg string `cbor:"tg"`
		Fr string `cbor:"fr"`
		Co string `cbor:"co"`
		Is string `cbor:"is"`
		Df string `cbor:"df"`
		Du string `cbor:"du"`
		Ci string `cbor:"ci"`
	} `cbor:"r"`
}

// Field bounds for certificate text (display columns).
const (
	hc1FieldWidth = 80
	maxEntries    = 16
)

func decodeDCC(payload []byte) (*Certificate, error) {
	var c cwtClaims
	if err := cborDec.Unmarshal(payload, &c); err != nil {
		return nil, err
	}
	d, ok := c.Hcert[1]
	if !ok {
		return nil, errors.New("no EU DCC (claim -260/1)")
	}
	s := func(v string) string { return Sanitize(v, hc1FieldWidth) }
	cert := &Certificate{
		Version:       s(d.Ver),
		FamilyName:    s(d.Nam.Fn),
		GivenName:     s(d.Nam.Gn),
		FamilyNameStd: s(d.Nam.Fnt),
		GivenNameStd:  s(d.Nam.Gnt),
		BirthDate:     s(d.Dob),
		Issuer:        s(c.Iss),
	}
	cert.Name = Sanitize(strings.TrimSpace(d.Nam.Fn+" "+d.Nam.Gn), maxNameWidth)
	if cert.Name == "" {
		cert.Name = Sanitize(strings.ReplaceAll(d.Nam.Fnt+" "+d.Nam.Gnt, "<", " "), maxNameWidth)
	}
	if c.Iat > 0 {
		cert.IssuedAt = time.Unix(int64(c.Iat), 0).UTC()
	}
	if c.Exp > 0 {
		cert.ExpiresAt = time.Unix(int64(c.Exp), 0).UTC()
	}
	for i, v := range d.V {
		if i == maxEntries {
			break
		}
		cert.Doses = append(cert.Doses, Dose{Target: s(v.Tg), Vaccine: s(v.Vp), Product: s(v.Mp), Manufacturer: s(v.Ma),
			Number: int(v.Dn), Of: int(v.Sd), Date: s(v.Dt), Country: s(v.Co), Issuer: s(v.Is), CertID: s(v.Ci)})
	}
	for i, t := range d.T {
		if i == maxEntries {
			break
		}
		cert.Tests = append(cert.Tests, Test{Target: s(t.Tg), Type: s(t.Tt), Name: s(t.Nm), Device: s(t.Ma), SampleTime: s(t.Sc),
			Result: s(t.Tr), Centre: s(t.Tc), Country: s(t.Co), Issuer: s(t.Is), CertID: s(t.Ci)})
	}
	for i, r := range d.R {
		if i == maxEntries {
			break
		}
		cert.Recoveries = append(cert.Recoveries, Recovery{Target: s(r.Tg), FirstPositive: s(r.Fr), Country: s(r.Co),
			Issuer: s(r.Is), ValidFrom: s(r.Df), ValidUntil: s(r.Du), CertID: s(r.Ci)})
	}
	if cert.Name == "" {
		return nil, errors.New("certificate without a name")
	}
	return cert, nil
}

// hc1PersonKey is "hc1:" + the folded standardised name + "|" + the birth
// date as written: the same person's certificates (doses, tests) share it.
func hc1PersonKey(c *Certificate) string {
	name := strings.ReplaceAll(c.FamilyNameStd+" "+c.GivenNameStd, "<", " ")
	if strings.TrimSpace(name) == "" {
		name = c.FamilyName + " " + c.GivenName
	}
	return "hc1:" + Fold(name) + "|" + c.BirthDate
}

// hc1BirthDate turns the certificate's YYYY-MM-DD into DD/MM/YYYY; partial
// dates become MM/YYYY or YYYY.
func hc1BirthDate(s string) string {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("02/01/2006")
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t.Format("01/2006")
	}
	if len(s) == 4 && allDigits(s) {
		return s
	}
	return ""
}

// base45 (RFC 9285) alphabet.
const base45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

var base45Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base45Alphabet); i++ {
		t[base45Alphabet[i]] = int8(i)
	}
	return t
}()

// base45Decode decodes RFC 9285 base45: each 3 characters c, d, e give two
// bytes c + 45·d + 45²·e; 2 trailing characters give one byte.
func base45Decode(s string) ([]byte, error) {
	if len(s)%3 == 1 {
		return nil, errors.New("bad length")
	}
	out := make([]byte, 0, len(s)/3*2+1)
	for i := 0; i < len(s); i += 3 {
		n := min(3, len(s)-i)
		v, f := 0, 1
		for j := range n {
			x := base45Index[s[i+j]]
			if x < 0 {
				return nil, fmt.Errorf("invalid character at %d", i+j)
			}
			v += int(x) * f
			f *= 45
		}
		if n == 3 {
			if v > 0xffff {
				return nil, fmt.Errorf("group at %d out of range", i)
			}
			out = append(out, byte(v>>8), byte(v))
		} else {
			if v > 0xff {
				return nil, fmt.Errorf("group at %d out of range", i)
			}
			out = append(out, byte(v))
		}
	}
	return out, nil
}

// base45Encode encodes b in RFC 9285 base45.
func base45Encode(b []byte) string {
	var sb strings.Builder
	for i := 0; i+1 < len(b); i += 2 {
		v := int(b[i])<<8 | int(b[i+1])
		sb.WriteByte(base45Alphabet[v%45])
		sb.WriteByte(base45Alphabet[v/45%45])
		sb.WriteByte(base45Alphabet[v/2025])
	}
	if len(b)%2 == 1 {
		v := int(b[len(b)-1])
		sb.WriteByte(base45Alphabet[v%45])
		sb.WriteByte(base45Alphabet[v/45])
	}
	return sb.String()
}
