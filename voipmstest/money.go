package voipmstest

import (
	"strings"

	"github.com/shopspring/decimal"
)

// money is an exact decimal amount of dollars (arbitrary precision, so sums
// never overflow: twelve payments of 9999999999.99999999 add up to
// 119999999999.99999988, not to a wrapped negative balance).
type money struct{ d decimal.Decimal }

// Amount limits. The live API documents none; these are the simulator's
// assumptions (see the package doc): an amount a client sends is a plain
// decimal with at most maxWholeDigits digits before the point and
// maxFracDigits after it; no sign other than a leading '-', no exponent, no
// thousands separators, no spaces.
const (
	maxWholeDigits = 10
	maxFracDigits  = 8
)

var zeroMoney = money{}

// parseMoney parses a plain decimal ("4.99", "-0.5", "12", ".5") within the
// amount limits. Exponents, '+', separators and empty parts are rejected.
func parseMoney(s string) (money, bool) {
	body := strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(body, ".")
	if whole == "" && frac == "" || dot && frac == "" || len(whole) > maxWholeDigits || len(frac) > maxFracDigits ||
		!digitsOnly(whole+frac) {
		return money{}, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return money{}, false
	}
	return money{d}, true
}

// mustMoney parses a literal of the simulator's own tables.
func mustMoney(s string) money {
	v, ok := parseMoney(s)
	if !ok {
		panic("voipmstest: bad amount " + s)
	}
	return v
}

// parseBalance parses a starting balance given to an option or a flag: a
// plain decimal like parseMoney, without the digit limits (a test may want
// an account that never runs dry).
func parseBalance(s string) (money, bool) {
	body := strings.TrimPrefix(strings.TrimSpace(s), "-")
	whole, frac, dot := strings.Cut(body, ".")
	if whole == "" && frac == "" || dot && frac == "" || !digitsOnly(whole+frac) {
		return money{}, false
	}
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	return money{d}, err == nil
}

func moneyInt(n int) money { return money{decimal.NewFromInt(int64(n))} }

func (m money) add(o money) money  { return money{m.d.Add(o.d)} }
func (m money) sub(o money) money  { return money{m.d.Sub(o.d)} }
func (m money) mul(n int) money    { return money{m.d.Mul(decimal.NewFromInt(int64(n)))} }
func (m money) neg() money         { return money{m.d.Neg()} }
func (m money) sign() int          { return m.d.Sign() }
func (m money) isZero() bool       { return m.d.IsZero() }
func (m money) less(o money) bool  { return m.d.LessThan(o.d) }
func (m money) equal(o money) bool { return m.d.Equal(o.d) }

// format renders the amount with exactly the given number of decimals,
// rounding half away from zero; "-0.00" is rendered "0.00".
func (m money) format(places int) string {
	r := m.d.Round(int32(places))
	if r.IsZero() {
		r = decimal.Zero
	}
	return r.StringFixed(int32(places))
}

// formatMin renders the amount exactly, with at least min decimals: 2.5 with
// min 2 is "2.50", 0.125 is "0.125".
func (m money) formatMin(min int) string {
	s := m.d.String()
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) < min {
		frac += strings.Repeat("0", min-len(frac))
	}
	if whole == "-0" && strings.Trim(frac, "0") == "" {
		whole = "0"
	}
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}
