package voipms

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// The tolerant scalar parsers, written once: the decoder (decode.go), the
// read-modify-write helpers (update.go) and the reference decoder of the
// differential fuzz test all use these. Each takes the text of a JSON
// scalar as scalarText reduces it: a string's contents (trimmed), a
// number's digits, "true"/"false", or nil for null.
//
// What they accept (reference §4):
//   - integers: 60, "60", "60.0", "1e3", "" and null (0), true/false (1/0),
//     "-1" (the API's "not set" sentinel, kept as -1);
//   - flags: 1/0, "1"/"0", true/false, yes/no (any case), y/n, on/off,
//     enabled/disabled, "" and null (false), "-1" (false);
//   - decimals: "0.99", 0.99, "-0.0052", "1e-3", "" and null (0);
//   - dates and date-times: "2016-11-01", "2016-11-01 13:45:00" (or with a
//     T), "0000-00-00", "0000-00-00 00:00:00", "", "0", false and null (the
//     zero time.Time);
//   - strings: a JSON string, a number's digits verbatim ("5551234567" and
//     5551234567 are the same), true/false as words, null ("").
//
// Errors never carry the input, which may be user data.

// scalarError is a value that cannot be decoded. Path, filled in by the
// decoder, names where it was: "transactions[3].date".
type scalarError struct {
	typ  string
	why  string
	path string
}

func (e *scalarError) Error() string {
	s := "cannot decode " + e.typ + ": " + e.why
	if e.path != "" {
		return e.path + ": " + s
	}
	return "voipms: " + s
}

func parseIntBytes(s []byte) (int64, error) {
	if len(s) == 0 {
		return 0, nil
	}
	switch string(s) {
	case "true":
		return 1, nil
	case "false":
		return 0, nil
	}
	neg := false
	j := 0
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		j = 1
	}
	if j == len(s) {
		return 0, &scalarError{typ: "integer", why: "no digits"}
	}
	var v uint64
	for ; j < len(s); j++ {
		c := s[j]
		if c < '0' || c > '9' {
			// "60.0", "1e3": accept integral decimals.
			d, err := parseDecimalBytes(s)
			if err != nil {
				return 0, &scalarError{typ: "integer", why: "not a number"}
			}
			if !d.IsInteger() || !d.BigInt().IsInt64() {
				return 0, &scalarError{typ: "integer", why: "not an integer"}
			}
			return d.IntPart(), nil
		}
		if v > (math.MaxInt64-9)/10+1 {
			return 0, &scalarError{typ: "integer", why: "out of range"}
		}
		v = v*10 + uint64(c-'0')
	}
	if v > math.MaxInt64 {
		return 0, &scalarError{typ: "integer", why: "out of range"}
	}
	if neg {
		return -int64(v), nil
	}
	return int64(v), nil
}

func parseFlagBytes(s []byte) (bool, error) {
	switch len(s) {
	case 0:
		return false, nil
	case 1:
		switch s[0] {
		case '1', 'y', 'Y', 't', 'T':
			return true, nil
		case '0', 'n', 'N', 'f', 'F':
			return false, nil
		}
	default:
		switch strings.ToLower(string(s)) {
		case "true", "yes", "on", "enabled":
			return true, nil
		case "false", "no", "off", "disabled", "-1", "0.0", "00":
			return false, nil
		case "1.0":
			return true, nil
		}
	}
	return false, &scalarError{typ: "flag", why: "not a recognised boolean"}
}

func parseFloatBytes(s []byte, bits int) (float64, error) {
	if len(s) == 0 {
		return 0, nil
	}
	switch string(s) {
	case "true":
		return 1, nil
	case "false":
		return 0, nil
	}
	f, err := strconv.ParseFloat(string(s), bits)
	if err != nil {
		return 0, &scalarError{typ: "number", why: "not a number"}
	}
	return f, nil
}

const maxDecimalExp = 40

// parseDecimalBytes parses "12.50", "-0.0052", "3", "1e-3" exactly; ""
// is zero. The value keeps the digits it was given: "1.50" has exponent -2.
func parseDecimalBytes(s []byte) (decimal.Decimal, error) { return parseDecimalWith(s, decimal.New) }

// parseDecimalWith is parseDecimalBytes with build making the value
// coef×10^exp (coef != 0) of a number that fits an int64 (the decoder's
// build takes it from its slabs, decode_arena.go).
func parseDecimalWith(s []byte, build func(coef int64, exp int32) decimal.Decimal) (decimal.Decimal, error) {
	coef, exp, big, err := parseDecimalParts(s)
	switch {
	case err != nil:
		return decimal.Decimal{}, err
	case big:
		// More digits than an int64 holds: let the library parse them.
		d, err := decimal.NewFromString(string(s))
		if err != nil {
			return decimal.Decimal{}, &scalarError{typ: "decimal", why: "not a number"}
		}
		return d, nil
	case coef == 0:
		return decimal.Decimal{}, nil
	}
	return build(coef, exp), nil
}

// parseDecimalParts is parseDecimalBytes without building the value: the
// value is coef×10^exp, or, when big, more digits than an int64 holds (the
// text is then a valid number for decimal.NewFromString).
func parseDecimalParts(s []byte) (coef int64, exp int32, big bool, err error) {
	bad := func(why string) (int64, int32, bool, error) {
		return 0, 0, false, &scalarError{typ: "decimal", why: why}
	}
	if len(s) == 0 {
		return 0, 0, false, nil
	}
	i := 0
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i++
	}
	var u uint64
	e := 0
	seenDot, any := false, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			any = true
			if u > (math.MaxInt64-9)/10 {
				big = true
			} else {
				u = u*10 + uint64(c-'0')
			}
			if seenDot {
				e--
			} else if big {
				e++
			}
		case c == '.' && !seenDot:
			seenDot = true
		case (c == 'e' || c == 'E') && any:
			x, err := strconv.Atoi(string(s[i+1:]))
			if err != nil || x > maxDecimalExp || x < -maxDecimalExp {
				if err == nil && u == 0 && !big {
					x = 0 // 0e999999999 is zero
				} else {
					return bad("exponent out of range")
				}
			}
			e += x
			i = len(s)
		default:
			return bad("not a number")
		}
	}
	if !any {
		return bad("no digits")
	}
	if big {
		return 0, 0, true, nil
	}
	coef = int64(u)
	if neg {
		coef = -coef
	}
	return coef, int32(e), false, nil
}

func digitsAt(s []byte, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v := 0
	for _, c := range s[i : i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// parseTimeBytes parses a date or a date-time into a wall-clock time in
// time.UTC (see types.go); unset values give the zero time.
func parseTimeBytes(s []byte) (time.Time, error) {
	const typ = "date"
	if t, ok := fastTime(s); ok {
		return t, nil
	}
	if len(s) == 0 || string(s) == "false" || string(s) == "0" {
		return time.Time{}, nil
	}
	y, ok1 := digitsAt(s, 0, 4)
	mo, ok2 := digitsAt(s, 5, 2)
	d, ok3 := digitsAt(s, 8, 2)
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, &scalarError{typ: typ, why: "want YYYY-MM-DD"}
	}
	var h, mi, sec int
	if len(s) > 10 {
		if len(s) != 19 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' {
			return time.Time{}, &scalarError{typ: typ, why: "want YYYY-MM-DD HH:MM:SS"}
		}
		var ok4, ok5, ok6 bool
		h, ok4 = digitsAt(s, 11, 2)
		mi, ok5 = digitsAt(s, 14, 2)
		sec, ok6 = digitsAt(s, 17, 2)
		if !ok4 || !ok5 || !ok6 {
			return time.Time{}, &scalarError{typ: typ, why: "want YYYY-MM-DD HH:MM:SS"}
		}
	}
	if y == 0 && mo == 0 && d == 0 {
		return time.Time{}, nil // 0000-00-00: unset
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 {
		return time.Time{}, &scalarError{typ: typ, why: "out of range"}
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, &scalarError{typ: typ, why: "no such day"}
	}
	return t, nil
}

// fastTime is parseTimeBytes for the common case, a valid date or
// date-time of year 1 to 9999 with seconds below 60, without time.Date's
// general normalisation; ok is false for anything else (parseTimeBytes
// then takes its general path). TestFastTimeMatchesTimeDate pins it.
func fastTime(s []byte) (time.Time, bool) {
	if len(s) != 10 && len(s) != 19 {
		return time.Time{}, false
	}
	num2 := func(i int) int {
		a, b := int(s[i])-'0', int(s[i+1])-'0'
		if uint(a) > 9 || uint(b) > 9 {
			return -1
		}
		return a*10 + b
	}
	hi, lo, mo, d := num2(0), num2(2), num2(5), num2(8)
	if hi < 0 || lo < 0 || mo < 1 || mo > 12 || d < 1 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y := hi*100 + lo
	if y < 1 {
		return time.Time{}, false
	}
	leap := y%4 == 0 && (y%100 != 0 || y%400 == 0)
	if d > 28 && (d > int(daysIn[mo]) || (mo == 2 && d == 29 && !leap)) {
		return time.Time{}, false
	}
	var secs int
	if len(s) == 19 {
		if (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' {
			return time.Time{}, false
		}
		h, mi, sec := num2(11), num2(14), num2(17)
		if h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 {
			return time.Time{}, false
		}
		secs = h*3600 + mi*60 + sec
	}
	// Days from 1970-01-01 (the civil-calendar arithmetic of Howard
	// Hinnant's days_from_civil; y >= 1 keeps every term non-negative).
	yy := y
	if mo <= 2 {
		yy--
	}
	era := yy / 400
	yoe := yy - era*400
	mp := (mo + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	days := int64(era)*146097 + int64(doe) - 719468
	return time.Unix(days*86400+int64(secs), 0).UTC(), true
}

var daysIn = [13]uint8{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// parseDateRangeBytes parses a date or "DATE to DATE".
func parseDateRangeBytes(s []byte) (DateRange, error) {
	if a, b, ok := bytes.Cut(s, []byte(" to ")); ok {
		start, err := parseTimeBytes(bytes.TrimSpace(a))
		if err != nil {
			return DateRange{}, err
		}
		end, err := parseTimeBytes(bytes.TrimSpace(b))
		if err != nil {
			return DateRange{}, err
		}
		return DateRange{start, end}, nil
	}
	t, err := parseTimeBytes(s)
	return DateRange{t, t}, err
}

// unquoteFast returns the contents of a JSON string literal without escapes,
// or ok=false when b is not a string or contains escapes.
func unquoteFast(b []byte) (inner []byte, ok bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return nil, false
	}
	inner = b[1 : len(b)-1]
	if bytes.IndexByte(inner, '\\') >= 0 {
		return nil, false
	}
	return inner, true
}

// scalarBytes reduces one raw JSON scalar to the text the parsers take (for
// the UnmarshalJSON methods of routing.go): a string's trimmed contents, a
// number's digits, "true"/"false", or nil for null. Objects and arrays are
// rejected.
func scalarBytes(b []byte, typ string) ([]byte, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, &scalarError{typ: typ, why: "empty input"}
	}
	switch b[0] {
	case '"':
		if inner, ok := unquoteFast(b); ok {
			return bytes.TrimSpace(inner), nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, &scalarError{typ: typ, why: "malformed string"}
		}
		return bytes.TrimSpace([]byte(s)), nil
	case '{', '[':
		return nil, &scalarError{typ: typ, why: "got an object or array"}
	case 'n':
		if string(b) == "null" {
			return nil, nil
		}
	}
	return b, nil
}
