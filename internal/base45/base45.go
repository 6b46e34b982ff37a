// Package base45 is the base45 encoding of RFC 9285, which EU digital COVID
// certificates ("HC1:") use to fit binary data in a QR code's alphanumeric
// mode.
package base45

import (
	"errors"
	"fmt"
	"strings"
)

// alphabet is the RFC 9285 alphabet.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

var index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = int8(i)
	}
	return t
}()

// Decode decodes RFC 9285 base45: each 3 characters c, d, e give two
// bytes c + 45·d + 45²·e; 2 trailing characters give one byte.
func Decode(s string) ([]byte, error) {
	if len(s)%3 == 1 {
		return nil, errors.New("bad length")
	}
	out := make([]byte, 0, len(s)/3*2+1)
	for i := 0; i < len(s); i += 3 {
		n := min(3, len(s)-i)
		v, f := 0, 1
		for j := range n {
			x := index[s[i+j]]
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

// Encode encodes b in RFC 9285 base45.
func Encode(b []byte) string {
	var sb strings.Builder
	for i := 0; i+1 < len(b); i += 2 {
		v := int(b[i])<<8 | int(b[i+1])
		sb.WriteByte(alphabet[v%45])
		sb.WriteByte(alphabet[v/45%45])
		sb.WriteByte(alphabet[v/2025])
	}
	if len(b)%2 == 1 {
		v := int(b[len(b)-1])
		sb.WriteByte(alphabet[v%45])
		sb.WriteByte(alphabet[v/45])
	}
	return sb.String()
}
