package voipms

// Hand-written helpers the generated code (*_gen.go) calls: list
// conversion, number checks and normalisation. They live here, named for
// what they serve, so a reader of a generated file finds them in one place;
// the envelope and the call path are in envelope.go and transport.go, validationErr, notFound
// and notFoundIf in errors.go.

import (
	"context"
	"errors"
	"strconv"
	"strings"
)

// listOf returns the decoded list as a slice, never nil, so an empty
// result is an empty slice.
func listOf[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

// stringsOf returns a decoded list of strings, never nil.
func stringsOf(l []string) []string { return listOf(l) }

// isNANP reports whether s is a 10-digit North American number.
func isNANP(s string) bool { return len(s) == 10 && isDigits(s) }

// normalizeDID strips the formatting VoIP.ms sometimes adds to NANP numbers
// (+1 prefix, dots, dashes, spaces) so numbers compare equal.
func normalizeDID(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	if len(b) == 11 && b[0] == '1' {
		b = b[1:]
	}
	return string(b)
}

// isPhoneNumber reports whether s is a phone number as VoIP.ms takes it in a
// forwarding: 3 to 15 digits (E.164's maximum), optionally after a "+". The
// simulator (voipmstest) applies the same rule.
func isPhoneNumber(s string) bool {
	d := strings.TrimPrefix(s, "+")
	return len(d) >= 3 && len(d) <= 15 && isDigits(d)
}

// intOrWord reports whether s is one of words, or an integer from min to max
// that is a multiple of step ("unlimited", or 30 to 1200 in steps of 30).
func intOrWord(s string, min, max, step int64, words ...string) bool {
	for _, w := range words {
		if s == w {
			return true
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n >= min && n <= max && n%step == 0
}

// callList is call for the generated list methods (list semantics live here,
// above the transport, which ends at the envelope): a curated empty status answers nil
// with out untouched.
func (c *Client) callList(ctx context.Context, method string, params any, out any) error {
	err := c.call(ctx, method, params, out)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status.IsEmpty() {
		return nil
	}
	return err
}
