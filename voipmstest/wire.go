package voipmstest

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/didkit/voipms"
)

// kv is one key of a JSON object; obj keeps keys in insertion order, the way
// the PHP backend of the live API does.
type kv struct {
	k string
	v any
}

// obj is an ordered JSON object. Values are string, obj, []obj, []string,
// number (shape mode) or nil.
type obj []kv

// number is a scalar rendered as a bare JSON number (shape mode only).
type number string

func (o obj) get(k string) (any, bool) {
	for _, e := range o {
		if e.k == k {
			return e.v, true
		}
	}
	return nil, false
}

// statusError is an API answer other than success.
type statusError string

func (e statusError) Error() string { return string(e) }

// fail returns the API status code as an error; the dispatcher renders it
// with its documented description as message.
func fail(code string) error { return statusError(code) }

// errorBody renders {"status": code, "message": description}.
func errorBody(code string) obj {
	msg := voipms.Status(code).Description()
	if msg == "" {
		msg = code
	}
	return obj{{"status", code}, {"message", msg}}
}

// encodeJSON writes v the way PHP's json_encode does by default: every
// string escaped with "\/" for slashes and \uXXXX for non-ASCII runes.
func encodeJSON(v any) []byte {
	return appendValue(make([]byte, 0, 4096), v)
}

func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		b = append(b, "null"...)
	case string:
		b = appendString(b, x)
	case number:
		b = append(b, x...)
	case obj:
		b = append(b, '{')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, e.k)
			b = append(b, ':')
			b = appendValue(b, e.v)
		}
		b = append(b, '}')
	case []obj:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendValue(b, e)
		}
		b = append(b, ']')
	case []string:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, e)
		}
		b = append(b, ']')
	default:
		panic("voipmstest: cannot encode value")
	}
	return b
}

// plainByte marks the bytes a JSON string holds as they are: printable
// ASCII other than '"', '\\' and '/'.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\' && c != '/'
	}
	return t
}()

func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plainByte[c] {
			i++
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '/':
			b = append(b, '\\', '/')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			r, size := rune(c), 1
			if c >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			i += size - 1
			if r > 0xffff {
				r -= 0x10000
				for _, u := range []rune{0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff} {
					b = append(b, '\\', 'u', hex[u>>12&0xf], hex[u>>8&0xf], hex[u>>4&0xf], hex[u&0xf])
				}
			} else {
				b = append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
			}
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// params is the merged query string and form body of one request.
type params url.Values

// has reports whether the parameter was sent at all (possibly empty).
func (p params) has(k string) bool { _, ok := p[k]; return ok }

// get returns the trimmed value of k ("" when absent).
func (p params) get(k string) string {
	v := p[k]
	if len(v) == 0 {
		return ""
	}
	return strings.TrimSpace(v[0])
}

// flag01 parses a 1/0 boolean (also true/false, yes/no). ok is false for
// anything else.
func flag01(s string) (v, ok bool) {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true, true
	case "0", "false", "no", "off":
		return false, true
	}
	return false, false
}

// yesNo parses a yes/no flag (case-insensitive; 1/0 accepted too).
func yesNo(s string) (string, bool) {
	b, ok := flag01(s)
	if !ok {
		return "", false
	}
	if b {
		return "yes", true
	}
	return "no", true
}

func b01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// atoi parses a non-negative decimal integer.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// isDecimal reports whether s is a plain non-negative decimal number.
func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	dot := false
	digits := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// digitsOnly reports whether s is non-empty and all ASCII digits.
func digitsOnly(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// looksNumeric reports whether s can be written as a JSON number without
// changing its digits (no leading zeros, no sign, at most one dot).
func looksNumeric(s string) bool {
	if !isDecimal(s) || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	if len(s) > 1 && s[0] == '0' && s[1] != '.' {
		return false
	}
	return len(s) <= 15
}
