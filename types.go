package voipms

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// VoIP.ms sends almost every scalar as a JSON string ("60", "1", "0.99"),
// but not reliably: the same field can arrive as a number, a bool or null.
// The types in this file decode every such encoding; reference §4 lists them.

// Ptr returns a pointer to v, for optional parameters: Ptr(60), Ptr("note").
func Ptr[T any](v T) *T { return &v }

// errScalar is the decode error of the tolerant scalars; it never carries the
// input bytes, which may be user data.
type scalarError struct {
	typ string
	why string
}

func (e *scalarError) Error() string { return "voipms: cannot decode " + e.typ + ": " + e.why }

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

// scalarBytes reduces a JSON scalar to its text: a string's contents, a
// number's digits, "true"/"false", or nil for null. Objects and arrays are
// rejected.
func scalarBytes(b []byte, typ string) ([]byte, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, &scalarError{typ, "empty input"}
	}
	switch b[0] {
	case '"':
		if inner, ok := unquoteFast(b); ok {
			return bytes.TrimSpace(inner), nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, &scalarError{typ, "malformed string"}
		}
		return bytes.TrimSpace([]byte(s)), nil
	case '{', '[':
		return nil, &scalarError{typ, "got an object or array"}
	case 'n':
		if string(b) == "null" {
			return nil, nil
		}
	}
	return b, nil
}

// ---- Int ----

// Int is an integer that decodes from a JSON number, a numeric string, a
// bool (1/0), or ""/null (0). "-1", the API's "not set" sentinel, decodes as
// -1; see Unset.
type Int int64

// Unset is the value VoIP.ms uses for "not set" in some integer fields.
const Unset Int = -1

// IsUnset reports whether i is the -1 "not set" sentinel.
func (i Int) IsUnset() bool { return i == Unset }

// UnmarshalJSON implements json.Unmarshaler.
func (i *Int) UnmarshalJSON(b []byte) error {
	s, err := scalarBytes(b, "integer")
	if err != nil {
		return err
	}
	v, err := parseIntBytes(s)
	if err != nil {
		return err
	}
	*i = Int(v)
	return nil
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
		return 0, &scalarError{"integer", "no digits"}
	}
	var v uint64
	for ; j < len(s); j++ {
		c := s[j]
		if c < '0' || c > '9' {
			// "60.0", "1e3": accept integral decimals.
			d, err := parseDecimalBytes(s)
			if err != nil {
				return 0, &scalarError{"integer", "not a number"}
			}
			iv, ok := d.Int64()
			if !ok {
				return 0, &scalarError{"integer", "not an integer"}
			}
			return iv, nil
		}
		if v > (math.MaxInt64-9)/10+1 {
			return 0, &scalarError{"integer", "out of range"}
		}
		v = v*10 + uint64(c-'0')
	}
	if v > math.MaxInt64 {
		return 0, &scalarError{"integer", "out of range"}
	}
	if neg {
		return -int64(v), nil
	}
	return int64(v), nil
}

// MarshalJSON renders i as a JSON string, as VoIP.ms does.
func (i Int) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, strconv.FormatInt(int64(i), 10)), nil
}

// ---- Flag ----

// Flag is a boolean that decodes from 1/0, "1"/"0", true/false,
// "yes"/"no", "Yes"/"No", "y"/"n", and ""/null (false).
type Flag bool

// UnmarshalJSON implements json.Unmarshaler.
func (f *Flag) UnmarshalJSON(b []byte) error {
	s, err := scalarBytes(b, "flag")
	if err != nil {
		return err
	}
	v, err := parseFlagBytes(s)
	if err != nil {
		return err
	}
	*f = Flag(v)
	return nil
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
	return false, &scalarError{"flag", "not a recognised boolean"}
}

// MarshalJSON renders f as "1" or "0".
func (f Flag) MarshalJSON() ([]byte, error) {
	if f {
		return []byte(`"1"`), nil
	}
	return []byte(`"0"`), nil
}

// YesNo is a parameter flag VoIP.ms takes as the words yes/no (voicemail and
// transcription settings). It encodes as "yes" or "no".
type YesNo bool

// EncodeValues implements query.Encoder.
func (y YesNo) EncodeValues(key string, v *url.Values) error {
	if y {
		v.Set(key, "yes")
	} else {
		v.Set(key, "no")
	}
	return nil
}

// UnmarshalJSON accepts every encoding Flag accepts.
func (y *YesNo) UnmarshalJSON(b []byte) error {
	var f Flag
	if err := f.UnmarshalJSON(b); err != nil {
		return err
	}
	*y = YesNo(f)
	return nil
}

// ---- String ----

// String is text that decodes from a JSON string, a number (its digits kept
// verbatim, so "5551234567" and 5551234567 are the same), a bool, or null
// (""). Phone numbers and identifiers use it: they are never quantities.
type String string

// UnmarshalJSON implements json.Unmarshaler.
func (s *String) UnmarshalJSON(b []byte) error {
	if inner, ok := unquoteFast(b); ok {
		*s = String(inner)
		return nil
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return &scalarError{"string", "empty input"}
	}
	switch b[0] {
	case '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return &scalarError{"string", "malformed string"}
		}
		*s = String(v)
		return nil
	case '{', '[':
		return &scalarError{"string", "got an object or array"}
	}
	if string(b) == "null" {
		*s = ""
		return nil
	}
	*s = String(b)
	return nil
}

// ---- Decimal ----

// Decimal is an exact decimal number for money and rates. It keeps the
// scale it was given, so "0.00000000" round-trips unchanged. It holds up to
// 18 significant digits (any value of an int64 coefficient). The zero
// value is 0.
type Decimal struct {
	coef  int64
	scale uint8
}

// ParseDecimal parses "12.50", "-0.0052", "3", "1e-3".
func ParseDecimal(s string) (Decimal, error) { return parseDecimalBytes([]byte(strings.TrimSpace(s))) }

// MustDecimal is ParseDecimal that panics on error, for constants in code.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// NewDecimal returns coef × 10^-scale: NewDecimal(350, 2) is 3.50.
func NewDecimal(coef int64, scale uint8) Decimal { return Decimal{coef: coef, scale: scale} }

const maxDecimalScale = 18

func parseDecimalBytes(s []byte) (Decimal, error) {
	bad := func(why string) (Decimal, error) { return Decimal{}, &scalarError{"decimal", why} }
	if len(s) == 0 {
		return Decimal{}, nil
	}
	i := 0
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i++
	}
	var coef uint64
	var scale int
	seenDot, any := false, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			any = true
			if coef > (math.MaxInt64-9)/10 {
				return bad("too many digits")
			}
			coef = coef*10 + uint64(c-'0')
			if seenDot {
				scale++
			}
		case c == '.' && !seenDot:
			seenDot = true
		case (c == 'e' || c == 'E') && any:
			exp, err := strconv.Atoi(string(s[i+1:]))
			if err != nil || exp > 40 || exp < -40 {
				if err == nil && coef == 0 {
					exp = 0 // 0e999999999 is zero
				} else {
					return bad("exponent out of range")
				}
			}
			scale -= exp
			i = len(s)
		default:
			return bad("not a number")
		}
	}
	if !any {
		return bad("no digits")
	}
	for scale < 0 {
		if coef > math.MaxInt64/10 {
			return bad("out of range")
		}
		coef *= 10
		scale++
	}
	if scale > maxDecimalScale {
		return bad("too many decimal places")
	}
	if coef > math.MaxInt64 {
		return bad("out of range")
	}
	c := int64(coef)
	if neg {
		c = -c
	}
	return Decimal{coef: c, scale: uint8(scale)}, nil
}

// UnmarshalJSON accepts a string or a number; ""/null are zero.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s, err := scalarBytes(b, "decimal")
	if err != nil {
		return err
	}
	v, err := parseDecimalBytes(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON renders d as a JSON string.
func (d Decimal) MarshalJSON() ([]byte, error) { return strconv.AppendQuote(nil, d.String()), nil }

// MarshalText implements encoding.TextMarshaler.
func (d Decimal) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Decimal) UnmarshalText(b []byte) error {
	v, err := parseDecimalBytes(bytes.TrimSpace(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// EncodeValues implements query.Encoder.
func (d Decimal) EncodeValues(key string, v *url.Values) error {
	v.Set(key, d.String())
	return nil
}

// String renders d with its scale: "3.50", "0.00000000".
func (d Decimal) String() string {
	neg := d.coef < 0
	u := uint64(d.coef)
	if neg {
		u = uint64(-d.coef)
	}
	digits := strconv.FormatUint(u, 10)
	if d.scale > 0 {
		for len(digits) <= int(d.scale) {
			digits = "0" + digits
		}
		digits = digits[:len(digits)-int(d.scale)] + "." + digits[len(digits)-int(d.scale):]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// IsZero reports whether d equals 0 at any scale.
func (d Decimal) IsZero() bool { return d.coef == 0 }

// Scale returns the number of digits after the decimal point.
func (d Decimal) Scale() int { return int(d.scale) }

// Rat returns d as an exact rational.
func (d Decimal) Rat() *big.Rat {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.scale)), nil)
	return new(big.Rat).SetFrac(big.NewInt(d.coef), den)
}

// Float64 returns the nearest float64, for display only.
func (d Decimal) Float64() float64 {
	f, _ := d.Rat().Float64()
	return f
}

// Int64 returns d as an integer when it has no fractional part.
func (d Decimal) Int64() (int64, bool) {
	c := d.coef
	for s := d.scale; s > 0; s-- {
		if c%10 != 0 {
			return 0, false
		}
		c /= 10
	}
	return c, true
}

// Cmp compares d and e: -1, 0 or +1.
func (d Decimal) Cmp(e Decimal) int { return d.Rat().Cmp(e.Rat()) }

// Equal reports whether d and e are the same number (3.5 equals 3.50).
func (d Decimal) Equal(e Decimal) bool { return d.Cmp(e) == 0 }

// Add returns d+e at the larger scale. It returns an error on overflow.
func (d Decimal) Add(e Decimal) (Decimal, error) { return d.combine(e, 1) }

// Sub returns d-e at the larger scale. It returns an error on overflow.
func (d Decimal) Sub(e Decimal) (Decimal, error) { return d.combine(e, -1) }

func (d Decimal) combine(e Decimal, sign int64) (Decimal, error) {
	scale := d.scale
	if e.scale > scale {
		scale = e.scale
	}
	a, b := d.Rat(), e.Rat()
	if sign < 0 {
		b.Neg(b)
	}
	sum := new(big.Rat).Add(a, b)
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)
	n := new(big.Int).Mul(sum.Num(), den)
	n.Quo(n, sum.Denom())
	if !n.IsInt64() {
		return Decimal{}, errors.New("voipms: decimal overflow")
	}
	return Decimal{coef: n.Int64(), scale: scale}, nil
}

// ---- Date and DateTime ----

// Date is a calendar date (YYYY-MM-DD). The zero value means unset; VoIP.ms
// writes unset dates as "0000-00-00", "" or false, which all decode to it.
type Date struct{ time.Time }

// DateTime is a wall-clock timestamp (YYYY-MM-DD HH:MM:SS) in the account's
// time zone; VoIP.ms sends no offset, so it is held as UTC. The zero value
// means unset ("0000-00-00 00:00:00").
type DateTime struct{ time.Time }

const (
	dateLayout     = "2006-01-02"
	dateTimeLayout = "2006-01-02 15:04:05"
)

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// ParseDate parses YYYY-MM-DD; "0000-00-00" and "" give the zero Date.
func ParseDate(s string) (Date, error) {
	t, err := parseTimeBytes([]byte(strings.TrimSpace(s)), false)
	return Date{t}, err
}

// ParseDateTime parses "YYYY-MM-DD HH:MM:SS" (a date alone is midnight).
func ParseDateTime(s string) (DateTime, error) {
	t, err := parseTimeBytes([]byte(strings.TrimSpace(s)), true)
	return DateTime{t}, err
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

func parseTimeBytes(s []byte, withTime bool) (time.Time, error) {
	typ := "date"
	if withTime {
		typ = "datetime"
	}
	if len(s) == 0 || string(s) == "false" || string(s) == "0" {
		return time.Time{}, nil
	}
	y, ok1 := digitsAt(s, 0, 4)
	mo, ok2 := digitsAt(s, 5, 2)
	d, ok3 := digitsAt(s, 8, 2)
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, &scalarError{typ, "want YYYY-MM-DD"}
	}
	var h, mi, sec int
	if len(s) > 10 {
		if len(s) != 19 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' {
			return time.Time{}, &scalarError{typ, "want YYYY-MM-DD HH:MM:SS"}
		}
		var ok4, ok5, ok6 bool
		h, ok4 = digitsAt(s, 11, 2)
		mi, ok5 = digitsAt(s, 14, 2)
		sec, ok6 = digitsAt(s, 17, 2)
		if !ok4 || !ok5 || !ok6 {
			return time.Time{}, &scalarError{typ, "want YYYY-MM-DD HH:MM:SS"}
		}
	}
	if y == 0 && mo == 0 && d == 0 {
		return time.Time{}, nil // 0000-00-00: unset
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 {
		return time.Time{}, &scalarError{typ, "out of range"}
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, &scalarError{typ, "no such day"}
	}
	return t, nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *Date) UnmarshalJSON(b []byte) error {
	s, err := scalarBytes(b, "date")
	if err != nil {
		return err
	}
	t, err := parseTimeBytes(s, false)
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// MarshalJSON renders the date as "YYYY-MM-DD" ("0000-00-00" when unset).
func (d Date) MarshalJSON() ([]byte, error) { return strconv.AppendQuote(nil, d.String()), nil }

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	t, err := parseTimeBytes(bytes.TrimSpace(b), false)
	d.Time = t
	return err
}

// String renders YYYY-MM-DD, or "0000-00-00" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return "0000-00-00"
	}
	return d.Format(dateLayout)
}

// EncodeValues implements query.Encoder.
func (d Date) EncodeValues(key string, v *url.Values) error {
	if d.IsZero() {
		v.Set(key, "")
		return nil
	}
	v.Set(key, d.Format(dateLayout))
	return nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *DateTime) UnmarshalJSON(b []byte) error {
	s, err := scalarBytes(b, "datetime")
	if err != nil {
		return err
	}
	t, err := parseTimeBytes(s, true)
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// MarshalJSON renders "YYYY-MM-DD HH:MM:SS".
func (d DateTime) MarshalJSON() ([]byte, error) { return strconv.AppendQuote(nil, d.String()), nil }

// MarshalText implements encoding.TextMarshaler.
func (d DateTime) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *DateTime) UnmarshalText(b []byte) error {
	t, err := parseTimeBytes(bytes.TrimSpace(b), true)
	d.Time = t
	return err
}

// String renders "YYYY-MM-DD HH:MM:SS", or "0000-00-00 00:00:00" when unset.
func (d DateTime) String() string {
	if d.IsZero() {
		return "0000-00-00 00:00:00"
	}
	return d.Format(dateTimeLayout)
}

// EncodeValues implements query.Encoder.
func (d DateTime) EncodeValues(key string, v *url.Values) error {
	if d.IsZero() {
		v.Set(key, "")
		return nil
	}
	v.Set(key, d.Format(dateTimeLayout))
	return nil
}

// ---- List ----

// List is a collection that decodes from a JSON array, a single bare object
// (VoIP.ms sends one-row results that way), an object keyed "1", "2", ...
// (decoded in key order), or null, "" and false (empty).
type List[T any] []T

// UnmarshalJSON implements json.Unmarshaler.
func (l *List[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return &scalarError{"list", "empty input"}
	}
	switch b[0] {
	case '[':
		var s []T
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = s
		return nil
	case '{':
		var one T
		if keyed, ok := numericKeyed(b); ok {
			s := make([]T, 0, len(keyed))
			for _, raw := range keyed {
				var v T
				if err := json.Unmarshal(raw, &v); err != nil {
					return err
				}
				s = append(s, v)
			}
			*l = s
			return nil
		}
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*l = List[T]{one}
		return nil
	}
	switch string(b) {
	case "null", `""`, "false":
		*l = nil
		return nil
	}
	// A bare scalar where a list of scalars was expected.
	var one T
	if err := json.Unmarshal(b, &one); err != nil {
		return &scalarError{"list", "want an array or object"}
	}
	*l = List[T]{one}
	return nil
}

// numericKeyed reports whether b is an object whose keys are all decimal
// numbers, returning its values ordered by key.
func numericKeyed(b []byte) ([]json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil || len(m) == 0 {
		return nil, false
	}
	type kv struct {
		k int
		v json.RawMessage
	}
	rows := make([]kv, 0, len(m))
	for k, v := range m {
		n, err := strconv.Atoi(k)
		if err != nil {
			return nil, false
		}
		rows = append(rows, kv{n, v})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].k < rows[j].k })
	out := make([]json.RawMessage, len(rows))
	for i, r := range rows {
		out[i] = r.v
	}
	return out, true
}

// formatInt is strconv.FormatInt for int64-like values.
func formatInt[T ~int64 | ~int](v T) string { return strconv.FormatInt(int64(v), 10) }
