package canhcua

import "strings"

// Redact hides the secrets of the URLs in s, so that a source's name can be
// shown on the screen, logged or put in an error message: the user and
// password of "rtsp://user:pass@cam/…" become "rtsp://***@cam/…", and the
// values of query parameters that name a password or a token
// ("…?user=admin&password=x") become "***". Text without a URL comes back
// unchanged; text with several URLs (an error message) has each redacted.
//
// The user information is taken to end at the last '@' before the query, so
// a password holding an unescaped '/' or '@' is hidden whole; a '@' in a
// path hides the host as well, which is harmless.
func Redact(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, "://")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+3])
		s = s[i+3:]
		end := strings.IndexAny(s, " \t\r\n\"'<>`")
		if end < 0 {
			end = len(s)
		}
		b.WriteString(redactAfterScheme(s[:end]))
		s = s[end:]
	}
}

// redactAfterScheme redacts one URL from just after its "scheme://".
func redactAfterScheme(u string) string {
	q := strings.IndexAny(u, "?#")
	if q < 0 {
		q = len(u)
	}
	if at := strings.LastIndexByte(u[:q], '@'); at >= 0 {
		u, q = "***"+u[at:], q-at+3
	}
	if q >= len(u) || u[q] != '?' {
		return u
	}
	query, frag, hasFrag := strings.Cut(u[q+1:], "#")
	params := strings.Split(query, "&")
	for i, p := range params {
		if k, _, ok := strings.Cut(p, "="); ok && secretParams[strings.ToLower(k)] {
			params[i] = k + "=***"
		}
	}
	out := u[:q+1] + strings.Join(params, "&")
	if hasFrag {
		out += "#" + frag
	}
	return out
}

// secretParams are the query parameters whose values Redact hides (IP
// cameras take their credentials in the query too).
var secretParams = map[string]bool{
	"password": true, "passwd": true, "pass": true, "pwd": true, "pw": true,
	"token": true, "access_token": true, "auth": true, "authorization": true,
	"secret": true, "key": true, "apikey": true, "api_key": true,
}
