package voipms

// Hand-written helpers the generated code (*_gen.go) calls: list
// conversion, number checks and normalisation. They live here, named for
// what they serve, so a reader of a generated file finds them in one place;
// the envelope and the call path are in client.go, validationErr, notFound
// and notFoundIf in errors.go.

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
