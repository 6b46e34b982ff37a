package pdf

import "testing"

func TestSniff(t *testing.T) {
	for _, c := range []struct {
		data string
		want bool
	}{
		{"%PDF-1.4\n", true},
		{"\r\n \t\x00%PDF-1.7", true},
		{"", false},
		{"%PDF", false},
		{"PK\x03\x04", false},
		{"text %PDF-1.4", false},
		{string(make([]byte, 1024)) + "%PDF-1.4", false}, // only the first 1024 bytes count
	} {
		if got := Sniff([]byte(c.data)); got != c.want {
			t.Errorf("Sniff(%q) = %v, want %v", c.data, got, c.want)
		}
	}
}
