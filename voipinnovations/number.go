package voipinnovations

import (
	"errors"
	"strings"
)

// NormalizeNumber returns a North American number as the 10 digits the API
// takes: "+1 (435) 215-4006", "14352154006" and "435.215.4006" all become
// "4352154006". Anything else (letters, too few or too many digits, an area
// code or exchange starting with 0 or 1) is an error.
func NormalizeNumber(s string) (string, error) { return normalizeNANP(s) }

func normalizeNANP(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("is empty")
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", errors.New("is not a phone number")
		}
	}
	d := b.String()
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	} else if strings.HasPrefix(s, "+") {
		return "", errors.New("is not a North American (+1) number")
	}
	if len(d) != 10 {
		return "", errors.New("must have 10 digits (NANP), or 11 starting with 1")
	}
	if d[0] < '2' || d[3] < '2' {
		return "", errors.New("is not a valid NANP number (area code and exchange start with 2-9)")
	}
	return d, nil
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
