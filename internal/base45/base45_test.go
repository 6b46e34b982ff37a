package base45

import "testing"

func TestBase45(t *testing.T) {
	// RFC 9285 examples.
	for _, c := range []struct{ in, enc string }{
		{"AB", "BB8"},
		{"Hello!!", "%69 VD92EX0"},
		{"base-45", "UJCLQE7W581"},
		{"ietf!", "QED8WEX0"},
		{"", ""},
	} {
		if got := Encode([]byte(c.in)); got != c.enc {
			t.Errorf("Encode(%q) = %q, want %q", c.in, got, c.enc)
		}
		if got, err := Decode(c.enc); err != nil || string(got) != c.in {
			t.Errorf("Decode(%q) = %q, %v, want %q", c.enc, got, err, c.in)
		}
	}
	for _, bad := range []string{"GGW", "A", "ab", "ZZZZ", "::"} {
		if _, err := Decode(bad); err == nil {
			t.Errorf("Decode(%q): no error", bad)
		}
	}
}
