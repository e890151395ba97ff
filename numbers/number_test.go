package numbers_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/didkit/voipms/numbers"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"(305) 555-0100", "+13055550100"},
		{"305-555-0100", "+13055550100"},
		{"305.555.0100", "+13055550100"},
		{"3055550100", "+13055550100"},
		{"13055550100", "+13055550100"},
		{"1 (305) 555-0100", "+13055550100"},
		{"+1 305 555 0100", "+13055550100"},
		{"+13055550100", "+13055550100"},
		{"  +1-305-555-0100\t", "+13055550100"},
		{"tel:+1-305-555-0100", "+13055550100"},
		{"TEL:+13055550100;ext=12", "+13055550100"},
		{"+1 (514) 555-0199", "+15145550199"},
		{"+44 20 7946 0958", "+442079460958"},
		{"00442079460958", "+442079460958"},
		{"011 44 20 7946 0958", "+442079460958"},
		{"+33 1 23 45 67 89", "+33123456789"},
		{"+49 30 901820", "+4930901820"},
		{"+861012345678901", "+861012345678901"}, // 15 digits, the E.164 maximum
	} {
		n, err := numbers.Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if n.String() != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, n, tc.want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{
		"", "   ", "abc", "555-0100", // 7 digits: no area code
		"305555010", "30555501000", // 9 and 11 digits not starting with 1
		"23055550100",       // 11 digits starting with 2: country unknown
		"(105) 555-0100",    // area code starts with 1
		"(305) 155-0100",    // exchange starts with 1
		"+1 305 555 010",    // +1 with 9 digits
		"+1305555010000",    // +1 with 12 digits
		"+0123456789",       // country code 0
		"+44 20",            // too short
		"+4412345678901234", // 16 digits
		"305 555 0100 x12", "1-800-FLOWERS", "3+055550100", "++13055550100", "+1 305\x00555 0100",
	} {
		n, err := numbers.Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) = %s, want an error", in, n)
			continue
		}
		var pe *numbers.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, numbers.ErrInvalid) || pe.Input != in {
			t.Errorf("Parse(%q): %#v, want a *ParseError matching ErrInvalid", in, err)
		}
		if strings.ContainsRune(err.Error(), 0) {
			t.Errorf("Parse(%q): error contains a control character", in)
		}
	}
}

func TestWireForms(t *testing.T) {
	n := numbers.MustParse("(305) 555-0100")
	if s, ok := n.NANP(); !ok || s != "3055550100" {
		t.Errorf("NANP = %q %v", s, ok)
	}
	if n.Digits() != "13055550100" {
		t.Errorf("Digits = %q", n.Digits())
	}
	if n.VICIdialPattern() != "+13055550100" {
		t.Errorf("VICIdialPattern = %q", n.VICIdialPattern())
	}
	// The VICIdial rule: '+' must travel as %2B; a form encoder does it.
	if got := (url.Values{"did_pattern": {n.VICIdialPattern()}}).Encode(); got != "did_pattern=%2B13055550100" {
		t.Errorf("form-encoded = %q", got)
	}
	uk := numbers.MustParse("+44 20 7946 0958")
	if _, ok := uk.NANP(); ok {
		t.Error("a UK number has a NANP form")
	}
	if uk.Digits() != "442079460958" || uk.String() != "+442079460958" {
		t.Errorf("UK forms: %q %q", uk.Digits(), uk)
	}
	for f, want := range map[numbers.Format]string{numbers.FormatE164: "+13055550100", numbers.FormatDigits: "13055550100", numbers.FormatNANP: "3055550100"} {
		if s, ok := n.Format(f); !ok || s != want {
			t.Errorf("Format(%d) = %q %v, want %q", f, s, ok, want)
		}
	}
	if _, ok := uk.Format(numbers.FormatNANP); ok {
		t.Error("UK Format(NANP) ok")
	}
	if (numbers.Number{}).Digits() != "" || !(numbers.Number{}).IsZero() {
		t.Error("zero Number")
	}
	// Same line, same value.
	if numbers.MustParse("13055550100") != numbers.MustParse("+1 305 555 0100") {
		t.Error("two forms of one number are not ==")
	}
	var m numbers.Number
	if err := m.UnmarshalText([]byte("(305) 555-0100")); err != nil || m != n {
		t.Errorf("UnmarshalText = %v %v", m, err)
	}
	if b, _ := n.MarshalText(); string(b) != "+13055550100" {
		t.Errorf("MarshalText = %s", b)
	}
}

// FuzzParse: whatever Parse accepts is canonical E.164 (a '+' and 8-15
// digits, NANP rules for +1), parses back to itself from each of its wire
// forms, and the error of whatever it refuses is a *ParseError.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"(305) 555-0100", "13055550100", "+1 305 555 0100", "+442079460958", "0044 20", "tel:+1;x", "011", "+", "1-800-FLOWERS"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, err := numbers.Parse(in)
		if err != nil {
			var pe *numbers.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, numbers.ErrInvalid) {
				t.Fatalf("Parse(%q): %T %v", in, err, err)
			}
			return
		}
		s := n.String()
		if len(s) < 9 || len(s) > 16 || s[0] != '+' || s[1] == '0' || strings.Trim(s[1:], "0123456789") != "" {
			t.Fatalf("Parse(%q) = %q, not E.164", in, s)
		}
		for _, form := range []string{s, n.Digits(), "+" + n.Digits()} {
			if n.IsNANP() || form != n.Digits() {
				back, err := numbers.Parse(form)
				if err != nil || back != n {
					t.Fatalf("Parse(%q) = %v, %v; want %s", form, back, err, n)
				}
			}
		}
		if d, ok := n.NANP(); ok {
			if len(d) != 10 || d[0] < '2' || d[3] < '2' {
				t.Fatalf("NANP form %q", d)
			}
			if back, err := numbers.Parse(d); err != nil || back != n {
				t.Fatalf("Parse(%q) = %v, %v", d, back, err)
			}
		}
	})
}
