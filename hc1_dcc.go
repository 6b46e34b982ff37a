package canhcua

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/canhcua/canhcua/internal/cose"
)

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
	BirthDate     string // as written: YYYY-MM-DD, YYYY-MM, YYYY (unknown parts perhaps 00 or XX) or empty
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

// cborNum is an integer that some issuers write as a float.
type cborNum int64

func (n *cborNum) UnmarshalCBOR(b []byte) error {
	var i int64
	if err := cose.Unmarshal(b, &i); err == nil {
		*n = cborNum(i)
		return nil
	}
	var f float64
	if err := cose.Unmarshal(b, &f); err != nil {
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
	if err := cose.Unmarshal(payload, &c); err != nil {
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

// kinds is the set of entry kinds the certificate holds.
func (c *Certificate) kinds() dccKinds {
	var k dccKinds
	if len(c.Doses) > 0 {
		k |= dccVaccination
	}
	if len(c.Tests) > 0 {
		k |= dccTest
	}
	if len(c.Recoveries) > 0 {
		k |= dccRecovery
	}
	return k
}

// hc1PersonKey is "hc1:" + the folded standardised name + "|" + the birth
// date (YYYY-MM-DD, YYYY-MM or YYYY, however the certificate wrote its
// unknown parts; as written when unreadable): the same person's
// certificates (doses, tests) share it.
func hc1PersonKey(c *Certificate) string {
	name := strings.ReplaceAll(c.FamilyNameStd+" "+c.GivenNameStd, "<", " ")
	if strings.TrimSpace(name) == "" {
		name = c.FamilyName + " " + c.GivenName
	}
	dob := c.BirthDate
	if y, m, d, ok := hc1Date(dob); ok {
		switch {
		case d > 0:
			dob = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		case m > 0:
			dob = fmt.Sprintf("%04d-%02d", y, m)
		default:
			dob = fmt.Sprintf("%04d", y)
		}
	}
	return "hc1:" + Fold(name) + "|" + dob
}

// hc1BirthDate shows a certificate's date of birth as what it is: a full
// date as DD/MM/YYYY, a month as MM/YYYY, a year as YYYY. Unknown parts
// may be left out or written as 00 or XX: "1963-05" and "1963-05-00" are
// 05/1963; "1963", "1963-00" and "1963-00-00" are 1963. An unreadable date
// is "".
func hc1BirthDate(s string) string {
	y, m, d, ok := hc1Date(s)
	switch {
	case !ok:
		return ""
	case d > 0:
		return fmt.Sprintf("%02d/%02d/%04d", d, m, y)
	case m > 0:
		return fmt.Sprintf("%02d/%04d", m, y)
	}
	return fmt.Sprintf("%04d", y)
}

// hc1Date reads a certificate's date of birth, YYYY[-MM[-DD]], with 0 for
// a month or day unknown (left out, 00 or XX). A known day needs a known
// month, and a full date must exist.
func hc1Date(s string) (y, m, d int, ok bool) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 || !allDigits(parts[0]) {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(parts[0])
	n := []*int{&m, &d}
	for i, p := range parts[1:] {
		switch {
		case len(p) != 2:
			return 0, 0, 0, false
		case strings.EqualFold(p, "XX"):
		case allDigits(p):
			*n[i], _ = strconv.Atoi(p)
		default:
			return 0, 0, 0, false
		}
	}
	switch {
	case m > 12, d > 0 && m == 0:
		return 0, 0, 0, false
	case d > 0 && time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() != d:
		return 0, 0, 0, false
	}
	return y, m, d, true
}
