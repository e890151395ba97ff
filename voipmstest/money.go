package voipmstest

import (
	"strconv"
	"strings"
)

// money is an amount in units of 10^-8 dollars: exact for every price and
// rate the API renders (at most eight decimals) and far from overflow for any
// balance a test builds.
type money int64

const moneyScale = 100_000_000

// parseMoney parses a plain decimal ("4.99", "-0.5", "12") with at most
// eight decimals. Exponents, signs other than a leading '-', and empty parts
// are rejected.
func parseMoney(s string) (money, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" && frac == "" || dot && frac == "" || len(whole) > 10 || len(frac) > 8 || !digitsOnly(whole+frac) {
		return 0, false
	}
	if whole == "" {
		whole = "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt(frac+strings.Repeat("0", 8-len(frac)), 10, 64)
	}
	v := money(w*moneyScale + f)
	if neg {
		v = -v
	}
	return v, true
}

// mustMoney parses a literal of the simulator's own tables.
func mustMoney(s string) money {
	v, ok := parseMoney(s)
	if !ok {
		panic("voipmstest: bad amount " + s)
	}
	return v
}

// format renders the amount with the given number of decimals, rounding half
// away from zero.
func (m money) format(places int) string {
	v := int64(m)
	neg := v < 0
	if neg {
		v = -v
	}
	div := int64(1)
	for range 8 - places {
		div *= 10
	}
	v = (v + div/2) / div
	unit := int64(1)
	for range places {
		unit *= 10
	}
	s := strconv.FormatInt(v/unit, 10)
	if places > 0 {
		f := strconv.FormatInt(v%unit, 10)
		s += "." + strings.Repeat("0", places-len(f)) + f
	}
	if neg && v != 0 {
		s = "-" + s
	}
	return s
}

// formatMin renders the amount exactly, with at least min decimals: 2.5 with
// min 2 is "2.50", 0.125 is "0.125".
func (m money) formatMin(min int) string {
	s := m.format(8)
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) < min {
		frac += strings.Repeat("0", min-len(frac))
	}
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}
