package vicidial

import (
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Secret is a password field of a params struct (agent_pass, phone_pass,
// registration_password). It is sent as is and prints as [REDACTED] under
// every fmt verb and in slog.
type Secret string

const redacted = "[REDACTED]"

func (Secret) String() string             { return redacted }
func (Secret) GoString() string           { return redacted }
func (Secret) LogValue() slog.Value       { return slog.StringValue(redacted) }
func (Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redacted) }

// MarshalText keeps the value out of JSON and text encodings too.
func (Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// Bool returns a pointer to b, for the *bool fields that distinguish "not
// sent" from "N".
func Bool(b bool) *bool { return &b }

// Int returns a pointer to n, for the *int fields where 0 is a value.
func Int(n int) *int { return &n }

// encodeForm turns a params struct into form fields. Field tags are
// `form:"name[,opt...]"`; a zero value is not sent. Types and options:
//
//	string, Secret       the text
//	int, int64           decimal; *int sends 0 too
//	bool                 "Y" when true; false is not sent (the server's default)
//	*bool                "Y" or "N" (opt "01": "1" or "0"); nil is not sent
//	[]string             joined with "," (opt "pipe": with "|", opt "dash": with "-")
//	time.Time            opt "date": 2006-01-02; opt "datetime": 2006-01-02 15:04:05
//	map[string]string    opt "extra": each key as its own field (custom fields)
//	struct (embedded)    its fields, flattened
func encodeForm(v any, into url.Values) {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return
	}
	encodeStruct(rv, into)
}

func encodeStruct(rv reflect.Value, into url.Values) {
	rt := rv.Type()
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		fv := rv.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			encodeStruct(fv, into)
			continue
		}
		tag := f.Tag.Get("form")
		if tag == "" || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		has := func(o string) bool {
			for _, x := range strings.Split(opts, ",") {
				if x == o {
					return true
				}
			}
			return false
		}
		if s, ok := formValue(fv, has); ok {
			into.Set(name, s)
		}
		if has("extra") && fv.Kind() == reflect.Map {
			keys := make([]string, 0, fv.Len())
			for _, k := range fv.MapKeys() {
				keys = append(keys, k.String())
			}
			sort.Strings(keys)
			for _, k := range keys {
				into.Set(k, fv.MapIndex(reflect.ValueOf(k)).String())
			}
		}
	}
}

func formValue(fv reflect.Value, has func(string) bool) (string, bool) {
	switch x := fv.Interface().(type) {
	case time.Time:
		if x.IsZero() {
			return "", false
		}
		if has("datetime") {
			return x.Format(time.DateTime), true
		}
		return x.Format(time.DateOnly), true
	case *bool:
		if x == nil {
			return "", false
		}
		if has("01") {
			if *x {
				return "1", true
			}
			return "0", true
		}
		return yn(*x), true
	case *int:
		if x == nil {
			return "", false
		}
		return strconv.Itoa(*x), true
	case []string:
		if len(x) == 0 {
			return "", false
		}
		if has("pipe") {
			return strings.Join(x, "|"), true
		}
		if has("dash") {
			return strings.Join(x, "-"), true
		}
		return strings.Join(x, ","), true
	}
	switch fv.Kind() {
	case reflect.String:
		return fv.String(), fv.Len() > 0
	case reflect.Bool:
		return "Y", fv.Bool()
	case reflect.Int, reflect.Int64, reflect.Int32:
		return strconv.FormatInt(fv.Int(), 10), fv.Int() != 0
	}
	return "", false
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

// secretsOf returns the non-empty Secret field values of a params struct, so
// they can be redacted from answers that echo them (add_user prints the new
// agent's password).
func secretsOf(v any) []string {
	var out []string
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	var walk func(reflect.Value)
	walk = func(rv reflect.Value) {
		for i := 0; i < rv.NumField(); i++ {
			fv := rv.Field(i)
			switch {
			case fv.Type() == reflect.TypeOf(Secret("")):
				if fv.Len() > 0 {
					out = append(out, fv.String())
				}
			case fv.Kind() == reflect.Struct && rv.Type().Field(i).Anonymous:
				walk(fv)
			}
		}
	}
	walk(rv)
	return out
}

// formNames returns the wire names of a params struct's fields (embedded
// structs included), plus the fields the typed methods add themselves.
func formNames(v any) map[string]bool {
	names := map[string]bool{"custom_fields": true, "callback": true, "callback_status": true,
		"callback_datetime": true, "callback_type": true, "callback_user": true, "callback_comments": true}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			if name, _, _ := strings.Cut(f.Tag.Get("form"), ","); name != "" && name != "-" {
				names[name] = true
			}
		}
	}
	walk(reflect.TypeOf(v))
	return names
}
