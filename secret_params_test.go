package voipms

import (
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-querystring/query"
)

// secretWire reports whether a wire parameter carries a secret: a password
// or a PIN (sound_get_pin and sound_invalid_pin name recordings, skip_password
// is a flag).
func secretWire(wire string) bool {
	if strings.HasPrefix(wire, "sound_") || strings.HasPrefix(wire, "skip_") || strings.HasPrefix(wire, "has_") {
		return false
	}
	return strings.Contains(wire, "password") || strings.Contains(wire, "pass") || wire == "pin" || strings.HasSuffix(wire, "_pin")
}

// TestSecretParamsAreSecret walks every exported params type: each password
// or PIN field has type Secret or *Secret (spec.json param_types "secret").
func TestSecretParamsAreSecret(t *testing.T) {
	secretT := reflect.TypeOf(Secret(""))
	n := 0
	var walk func(tn string, rt reflect.Type)
	walk = func(tn string, rt reflect.Type) {
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			if f.Anonymous {
				walk(tn, f.Type)
				continue
			}
			wire, _, _ := strings.Cut(f.Tag.Get("url"), ",")
			if !secretWire(wire) {
				continue
			}
			n++
			if ft := f.Type; ft != secretT && !(ft.Kind() == reflect.Pointer && ft.Elem() == secretT) {
				t.Errorf("%s.%s (%s) is %s, want Secret or *Secret", tn, f.Name, wire, ft)
			}
		}
	}
	for _, p := range paramsTypes {
		rt := reflect.TypeOf(p)
		walk(rt.Name(), rt)
	}
	if n < 10 {
		t.Errorf("found %d secret fields, want the 10+ passwords and PINs of the API", n)
	}
}

// TestSecretParamsPrintRedactedButAreSent: a password in params prints as
// [REDACTED] under every verb and slog, and the wire form carries it.
func TestSecretParamsPrintRedactedButAreSent(t *testing.T) {
	for _, pw := range []string{"lettersonlypw", `p@ss w%rd&"+1`} {
		p := AccountSetParams{ID: 7, Password: Ptr(Secret(pw))}
		q := VoicemailSetParams{Mailbox: "101", Password: Secret(pw)}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X"} {
			for _, v := range []any{p, &p, q, p.Password, *p.Password} {
				if out := fmt.Sprintf(verb, v); strings.Contains(out, pw) || strings.Contains(out, fmt.Sprintf("%x", pw)) {
					t.Errorf("Sprintf(%s, %T) = %s: shows the secret", verb, v, out)
				}
			}
		}
		var sb strings.Builder
		slog.New(slog.NewTextHandler(&sb, nil)).Info("x", "p", p, "q", q, "pw", q.Password)
		if strings.Contains(sb.String(), pw) {
			t.Errorf("slog shows the secret: %s", sb.String())
		}
		for _, v := range []any{p, q} {
			vals, err := query.Values(v)
			if err != nil {
				t.Fatal(err)
			}
			if got := vals.Get("password"); got != pw {
				t.Errorf("%T on the wire: password=%q, want %q", v, got, pw)
			}
		}
	}
}
