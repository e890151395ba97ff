package numbers

import (
	"strings"
)

// Number is a telephone number in E.164 form ("+13055550100"). The zero
// Number is "no number". Numbers are comparable values: two Numbers for the
// same line are ==, whatever form they were parsed from.
//
// North American numbers (country code 1) are checked against the NANP
// plan (area code and exchange start with 2-9); other numbers are kept
// whole, as given, country code included.
type Number struct {
	e164 string // "+" then 8 to 15 digits; "" for the zero Number
}

// ParseError is the error of Parse: the input does not read as a
// telephone number. It matches ErrInvalid.
type ParseError struct {
	Input  string
	Reason string
}

func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > 40 {
		in = in[:40] + "..."
	}
	return "numbers: cannot parse " + quote(in) + " as a telephone number: " + e.Reason
}

// Is reports whether target is ErrInvalid.
func (e *ParseError) Is(target error) bool { return target == ErrInvalid }

// Parse reads a number in the forms users paste: "(305) 555-0100",
// "305.555.0100", "13055550100", "1-305-555-0100", "+1 305 555 0100",
// "+44 20 7946 0958", "00442079460958", "011 44 20 7946 0958", and the
// "tel:" URI form. Spaces, dashes, dots, slashes and parentheses are
// ignored. A number without a country code must be a 10-digit North American
// number, or 11 digits starting with 1; anything else needs "+" (or the
// 00/011 international prefix), because its country cannot be guessed.
func Parse(s string) (Number, error) {
	in := s
	s = strings.TrimSpace(s)
	if t, ok := strings.CutPrefix(strings.ToLower(s), "tel:"); ok {
		s = t
		if i := strings.IndexByte(s, ';'); i >= 0 { // parameters (;ext=, ;phone-context=)
			s = s[:i]
		}
	}
	plus := false
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == '+':
			if plus || b.Len() > 0 {
				return Number{}, &ParseError{in, "'+' is only allowed first"}
			}
			plus = true
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t':
		default:
			return Number{}, &ParseError{in, "unexpected character " + quote(string(rune(c)))}
		}
	}
	d := b.String()
	switch {
	case d == "":
		return Number{}, &ParseError{in, "no digits"}
	case plus:
	case strings.HasPrefix(d, "011") && len(d) > 3+7:
		d = d[3:]
	case strings.HasPrefix(d, "00") && len(d) > 2+7:
		d = d[2:]
	case len(d) == 10:
		d = "1" + d
	case len(d) == 11 && d[0] == '1':
	default:
		return Number{}, &ParseError{in, "a number without a country code must be 10 North American digits (or 11 starting with 1); add '+' and the country code"}
	}
	if d[0] == '0' {
		return Number{}, &ParseError{in, "a country code cannot start with 0"}
	}
	if d[0] == '1' {
		if len(d) != 11 {
			return Number{}, &ParseError{in, "a North American (+1) number has 10 digits after the 1"}
		}
		if d[1] < '2' || d[4] < '2' {
			return Number{}, &ParseError{in, "a North American area code and exchange start with 2-9"}
		}
	} else if len(d) < 8 || len(d) > 15 {
		return Number{}, &ParseError{in, "an international number has 8 to 15 digits with its country code"}
	}
	return Number{e164: "+" + d}, nil
}

// MustParse is Parse for constants in tests and examples; it panics on an
// error.
func MustParse(s string) Number {
	n, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return n
}

// String returns the E.164 form, "+13055550100" ("" for the zero Number).
func (n Number) String() string { return n.e164 }

// IsZero reports whether n is the zero Number.
func (n Number) IsZero() bool { return n.e164 == "" }

// IsNANP reports whether n is a North American (+1) number.
func (n Number) IsNANP() bool { return strings.HasPrefix(n.e164, "+1") }

// Digits returns the E.164 digits without "+": "13055550100",
// "442079460958". It is GoAutoDial's did_pattern form (the goAPI refuses
// '+') and the form VICIdial's did_log_export matches (it strips everything
// but digits).
func (n Number) Digits() string { return strings.TrimPrefix(n.e164, "+") }

// NANP returns the 10-digit North American form ("3055550100") used by
// VoIP.ms and VoIP Innovations, and false for a number outside the NANP
// (which those carriers cannot take in that form).
func (n Number) NANP() (string, bool) {
	if !n.IsNANP() {
		return "", false
	}
	return n.e164[2:], true
}

// VICIdialPattern returns the did_pattern form that keeps the "+"
// ("+13055550100"). The VICIdial non-agent API reads a "+" only when it is
// percent-encoded as %2B: a form encoder (url.Values) does that, a
// hand-built query string that sends a bare "+" is read as a space.
func (n Number) VICIdialPattern() string { return n.e164 }

// Format returns n in the wire form f.
func (n Number) Format(f Format) (string, bool) {
	switch f {
	case FormatE164:
		return n.e164, !n.IsZero()
	case FormatDigits:
		return n.Digits(), !n.IsZero()
	case FormatNANP:
		return n.NANP()
	}
	return "", false
}

// Format names a provider's wire form of a number.
type Format int

const (
	// FormatE164 is "+13055550100" (VICIdial add_did with %2B).
	FormatE164 Format = iota + 1
	// FormatDigits is "13055550100" (GoAutoDial, VICIdial did_log_export).
	FormatDigits
	// FormatNANP is "3055550100" (VoIP.ms, VoIP Innovations); North
	// American numbers only.
	FormatNANP
)

// MarshalText writes the E.164 form.
func (n Number) MarshalText() ([]byte, error) { return []byte(n.e164), nil }

// UnmarshalText parses any form Parse accepts; empty text is the zero
// Number.
func (n *Number) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*n = Number{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*n = v
	return nil
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			b.WriteString("?")
			continue
		}
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
