package canhcua

import (
	"errors"
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
