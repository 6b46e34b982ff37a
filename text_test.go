package canhcua

import "testing"

func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Nguyễn Văn An", "Nguyễn Văn An"},
		{"a\x1b]52;c;ZWNobw==\x07b", `a\x1b]52;c;ZWNobw==\x07b`},
		{"\x1b[2Jclear", `\x1b[2Jclear`},
		{"line\r\nnext", `line\x0d\x0anext`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"c1\u009bcsi", `c1\u009bcsi`},
	} {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDeduper(t *testing.T) {
	var d Deduper // default 5 s window
	t0 := mustTime(t, "2026-11-27T08:00:00Z")
	steps := []struct {
		key  string
		sec  float64
		want bool
	}{
		{"a", 0, true},     // first sight
		{"a", 0.5, false},  // same code, next frames
		{"b", 0.6, true},   // another code in the same frames
		{"a", 4, false},    // still in view (gap 3.5 s < 5 s)
		{"a", 9.5, true},   // out of view 5.5 s: a new read
		{"b", 5.5, false},  // gap 4.9 s
		{"b", 10.51, true}, // gap 5.01 s
	}
	for i, s := range steps {
		if got := d.Seen(s.key, t0.Add(dur(s.sec))); got != s.want {
			t.Errorf("step %d: Seen(%q, +%vs) = %v, want %v", i, s.key, s.sec, got, s.want)
		}
	}
	short := Deduper{Window: 1e9} // 1 s
	if !short.Seen("x", t0) || short.Seen("x", t0.Add(dur(0.9))) || !short.Seen("x", t0.Add(dur(2))) {
		t.Error("a 1 s window does not behave as configured")
	}
}

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Nguyễn Văn An", "nguyen van an"},
		{"NGUYỄN  VĂN   AN", "nguyen van an"},
		{"Đặng Thùy Trâm", "dang thuy tram"},
		{"Võ Quốc Bảo", "vo quoc bao"},
		{"Trần Thị Bích Ngọc", "tran thi bich ngoc"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
