package transport

import (
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Redacted is what a secret prints as.
const Redacted = "[REDACTED]"

// Secret holds a credential. Every way of printing it shows [REDACTED]: all
// fmt verbs (%v %+v %#v %s %q %x %d ...), slog, encoding/json and
// MarshalText. The value sits behind a pointer, so even a struct printed
// with %v whose unexported field is a Secret shows an address, not the
// value. The zero Secret is empty.
type Secret struct{ p *string }

// NewSecret returns a Secret holding v.
func NewSecret(v string) Secret { return Secret{p: &v} }

// Value returns the secret itself: use it only to put it on the wire.
func (s Secret) Value() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.Value() == "" }

func (Secret) String() string               { return Redacted }
func (Secret) GoString() string             { return Redacted }
func (Secret) Format(f fmt.State, _ rune)   { _, _ = io.WriteString(f, Redacted) }
func (Secret) LogValue() slog.Value         { return slog.StringValue(Redacted) }
func (Secret) MarshalText() ([]byte, error) { return []byte(Redacted), nil }
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }

// Scrubber removes a set of secrets from strings and error chains. Build it
// with NewScrubber; it is safe for concurrent use.
type Scrubber struct {
	rep   *strings.Replacer
	names *regexp.Regexp

	// InPlace, when set, cleans the provider's own error types in place: it
	// reports whether it handled err, after redacting its string fields with
	// redact and replacing its causes with scrub(cause). Types it handles
	// keep their identity, so errors.As still finds them.
	InPlace func(err error, redact func(string) string, scrub func(error) error) bool
}

// NewScrubber returns a scrubber for secrets, which also redacts whatever
// follows "name=" for each of names (a parameter that carries a secret:
// "api_password", "password", ...), so a truncated echo of a secret is
// removed too.
func NewScrubber(secrets []string, names ...string) *Scrubber {
	seen := map[string]bool{}
	var forms []string
	add := func(f string) {
		if f != "" && !seen[f] {
			seen[f] = true
			forms = append(forms, f)
		}
	}
	for _, s := range secrets {
		for _, f := range Encodings(s) {
			add(f)
		}
	}
	// Longest first: a form that contains another is replaced whole.
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	pairs := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		pairs = append(pairs, f, Redacted)
	}
	sc := &Scrubber{rep: strings.NewReplacer(pairs...)}
	if len(names) > 0 {
		alts := make([]string, len(names))
		for i, n := range names {
			alts[i] = regexp.QuoteMeta(n)
		}
		// name= / name%3D / "name":" / \"name\":\" then the value up to a
		// separator, whatever it holds (a truncated echo included).
		sc.names = regexp.MustCompile(`(?i)((?:` + strings.Join(alts, "|") + `)(?:=|%3d|\\?"\s*:\s*\\?"))[^&\s"'<>\\,;)]*`)
	}
	return sc
}

// Encodings lists the forms a secret can take in an error or log text: raw;
// query-escaped with upper- and lower-case %xx (and + for space) and with
// %20 for space; path-escaped; HTML-escaped; Go-quoted (%q, without the
// quotes, with and without ASCII escapes); JSON-escaped.
func Encodings(s string) []string {
	if s == "" {
		return nil
	}
	q := url.QueryEscape(s)
	forms := []string{
		s, q, lowerHex(q), strings.ReplaceAll(q, "+", "%20"), lowerHex(strings.ReplaceAll(q, "+", "%20")),
		url.PathEscape(s), lowerHex(url.PathEscape(s)),
		html.EscapeString(s), strings.NewReplacer("&#39;", "&#x27;", "&#34;", "&quot;").Replace(html.EscapeString(s)),
		unquote(strconv.Quote(s)), unquote(strconv.QuoteToASCII(s)),
	}
	return append(forms, jsonString(s))
}

func unquote(q string) string { return q[1 : len(q)-1] }

func jsonString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == '<' || r == '>' || r == '&':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lowerHex turns every %XX escape into %xx.
func lowerHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lower(b[i+1]), lower(b[i+2])
		}
	}
	return string(b)
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'F' {
		return c + 'a' - 'A'
	}
	return c
}

// Redact removes every secret, in every encoding, and every value after a
// secret's parameter name from s.
func (sc *Scrubber) Redact(s string) string {
	if sc == nil || s == "" {
		return s
	}
	if sc.names != nil {
		s = sc.names.ReplaceAllString(s, "${1}"+Redacted)
	}
	return sc.rep.Replace(s)
}

// Scrub cleans the whole chain of err a caller can reach with errors.As:
// URLs keep only scheme, host and path; the provider's own types are cleaned
// in place (InPlace); *Error and *StoppedError are cleaned in place; any
// other layer whose text shows a secret is replaced by a stand-in that has
// the redacted text and unwraps to the cleaned rest of the chain (a leaf
// that showed a secret ends the chain). Classify before scrubbing: a
// stand-in no longer has its original type.
func (sc *Scrubber) Scrub(err error) error {
	if err == nil || sc == nil {
		return err
	}
	if sc.InPlace != nil && sc.InPlace(err, sc.Redact, sc.Scrub) {
		return err
	}
	switch e := err.(type) {
	case *url.Error:
		e.URL = RedactURL(e.URL)
		e.Err = sc.Scrub(e.Err)
		return e
	case *Error:
		e.Err = sc.Scrub(e.Err)
		return e
	case *StoppedError:
		e.Ctx, e.Last = sc.Scrub(e.Ctx), sc.Scrub(e.Last)
		return e
	case *redactedError:
		e.msg = sc.Redact(e.msg)
		for i := range e.errs {
			e.errs[i] = sc.Scrub(e.errs[i])
		}
		return e
	}
	var causes []error
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if in := u.Unwrap(); in != nil {
			causes = []error{in}
		}
	case interface{ Unwrap() []error }:
		causes = u.Unwrap()
	}
	msg := err.Error()
	red := sc.Redact(msg)
	changed := red != msg
	clean := make([]error, len(causes))
	for i, in := range causes {
		clean[i] = sc.Scrub(in)
		changed = changed || clean[i] != in
	}
	if !changed {
		return err
	}
	sub := &redactedError{msg: red, errs: clean}
	if i, ok := err.(interface{ Is(error) bool }); ok {
		sub.is = i.Is // the stand-in still answers errors.Is as the original did
	}
	return sub
}

// RedactURL keeps only the scheme, host and path of a URL.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(url)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// redactedError stands in for an error whose text showed a secret.
type redactedError struct {
	msg  string
	errs []error
	is   func(error) bool
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap returns the cleaned causes.
func (e *redactedError) Unwrap() []error { return e.errs }

// Is forwards to the replaced error's own Is method, if it had one.
func (e *redactedError) Is(target error) bool { return e.is != nil && e.is(target) }
