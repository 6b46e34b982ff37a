package canhcua

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0", "0"},
		{"demo:7", "demo:7"},
		{"/home/me/video@2x.avi", "/home/me/video@2x.avi"},
		{"rtsp://cam.local:554/stream1", "rtsp://cam.local:554/stream1"},
		{"rtsp://admin:hunter2@192.168.1.64:554/Streaming/Channels/101", "rtsp://***@192.168.1.64:554/Streaming/Channels/101"},
		{"rtsp://admin@cam/live", "rtsp://***@cam/live"},
		{"http://u:p%40ss@cam/video.mjpg", "http://***@cam/video.mjpg"},
		{"rtsp://u:pa/ss@w0rd@cam/x", "rtsp://***@cam/x"},
		{"rtsp://cam/cam/realmonitor?channel=1&subtype=0&user=admin&password=s3cret",
			"rtsp://cam/cam/realmonitor?channel=1&subtype=0&user=admin&password=***"},
		{"http://u:p@cam/snap.cgi?PWD=x&token=y#frag", "http://***@cam/snap.cgi?PWD=***&token=***#frag"},
		{"http://cam/cgi?email=a@b.vn&pass=z", "http://cam/cgi?email=a@b.vn&pass=***"},
		{`open "rtsp://u:secret@cam/x": refused; then http://v:other@h/y failed`,
			`open "rtsp://***@cam/x": refused; then http://***@h/y failed`},
	} {
		got := Redact(c.in)
		if got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
		for _, secret := range []string{"hunter2", "s3cret", "secret", "other", "p%40ss", "w0rd"} {
			if strings.Contains(c.in, secret) && strings.Contains(got, secret) {
				t.Errorf("Redact(%q) = %q still holds %q", c.in, got, secret)
			}
		}
	}
}
