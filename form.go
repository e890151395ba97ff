package voipms

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/shopspring/decimal"
)

// The request body of a call: the credentials, the method and the params,
// form-encoded with the keys sorted (as url.Values.Encode writes them), in
// one allocation.
//
// Params structs whose fields are all simple (strings, integers, booleans,
// time.Time with a layout, decimal.Decimal, Secret, pointers to these) are
// encoded from a plan built once per type (formPlanFor): no url.Values, no
// go-querystring reflection per call, no sort. Every other params value
// (url.Values, map[string]string, a struct with a query.Encoder field such
// as Routing, an embedded struct, a slice) goes through encodeParams
// (go-querystring and addDecimals) as before. Both give the same bytes:
// TestFormPlanMatchesQueryValues.

// formKeys are the keys the client sets; a params value must not.
var formKeys = [...]string{"api_username", "api_password", "method"}

// formPlan encodes one params struct type.
type formPlan struct {
	// slots in key order: the params fields, the credentials, the method
	// and, when no field is named test, the dry-run test=1.
	slots []formSlot
	// testField is the slot index of the field named test, or -1.
	testField int
}

type slotKind uint8

const (
	slotField    slotKind = iota
	slotUser              // api_username
	slotPassword          // api_password
	slotMethod            // method
	slotDryRun            // test=1 when the client forces a dry run
)

type valueKind uint8

const (
	vString  valueKind = iota // a string kind without fmt methods
	vInt                      // a signed integer kind without fmt methods
	vUint                     // an unsigned integer kind without fmt methods
	vBool                     // a bool kind without fmt methods (or with ,int)
	vSprint                   // any other scalar kind: fmt.Sprint, as go-querystring
	vTime                     // time.Time
	vDecimal                  // decimal.Decimal (addDecimals' rules)
	vSecret                   // Secret (its EncodeValues sends the value)
)

type formSlot struct {
	kind      slotKind
	key       string // escaped key followed by '='
	name      string // the wire name
	index     int    // the struct field (slotField)
	vk        valueKind
	ptr       bool // the field is a pointer to the value
	omitEmpty bool
	asInt     bool   // ,int on a bool: 1 or 0
	layout    string // time.Time: the layout (RFC 3339 by default)
	timeOpt   string // time.Time: unix, unixmilli or unixnano
}

var (
	formPlans    sync.Map // reflect.Type -> *formPlan (nil: not plannable)
	typSecret    = reflect.TypeFor[Secret]()
	typEncoder   = reflect.TypeFor[query.Encoder]()
	typStringer  = reflect.TypeFor[fmt.Stringer]()
	typFormatter = reflect.TypeFor[fmt.Formatter]()
	typError     = reflect.TypeFor[error]()
	noFormPlan   = (*formPlan)(nil)
)

// formPlanFor returns the plan of struct type t, or nil when t must go
// through go-querystring.
func formPlanFor(t reflect.Type) *formPlan {
	if p, ok := formPlans.Load(t); ok {
		return p.(*formPlan)
	}
	p := buildFormPlan(t)
	formPlans.Store(t, p)
	return p
}

func buildFormPlan(t reflect.Type) *formPlan {
	if t.Kind() != reflect.Struct {
		return noFormPlan
	}
	var slots []formSlot
	seen := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous {
			return noFormPlan // embedded: go-querystring's scoping rules
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("url")
		if tag == "-" {
			continue
		}
		parts := strings.Split(tag, ",")
		name, opts := parts[0], parts[1:]
		if name == "" {
			name = sf.Name
		}
		if slices.Contains(formKeys[:], name) || seen[name] {
			return noFormPlan // let encodeParams report it / keep repeated keys
		}
		seen[name] = true
		s := formSlot{kind: slotField, name: name, key: url.QueryEscape(name) + "=", index: i,
			omitEmpty: slices.Contains(opts, "omitempty"), asInt: slices.Contains(opts, "int")}
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			s.ptr = true
			ft = ft.Elem()
		}
		vk, ok := valueKindOf(sf.Type, ft, s.asInt)
		if !ok {
			return noFormPlan
		}
		s.vk = vk
		if vk == vTime {
			s.layout = sf.Tag.Get("layout")
			for _, o := range []string{"unix", "unixmilli", "unixnano"} {
				if slices.Contains(opts, o) {
					s.timeOpt = o
					break
				}
			}
		}
		slots = append(slots, s)
	}
	p := &formPlan{testField: -1}
	slots = append(slots,
		formSlot{kind: slotUser, name: "api_username", key: "api_username="},
		formSlot{kind: slotPassword, name: "api_password", key: "api_password="},
		formSlot{kind: slotMethod, name: "method", key: "method="})
	if !seen["test"] {
		slots = append(slots, formSlot{kind: slotDryRun, name: "test", key: "test="})
	}
	slices.SortStableFunc(slots, func(a, b formSlot) int { return strings.Compare(a.name, b.name) })
	for i, s := range slots {
		if s.kind == slotField && s.name == "test" {
			p.testField = i
		}
	}
	p.slots = slots
	return p
}

// valueKindOf says how a field of type full (elem after one pointer) is
// written, and false when the plan cannot write it exactly as
// go-querystring (and addDecimals) would.
func valueKindOf(full, elem reflect.Type, asInt bool) (valueKind, bool) {
	switch {
	case elem == typSecret:
		return vSecret, true
	case elem == typDecimal:
		return vDecimal, true
	case full.Implements(typEncoder) || elem.Implements(typEncoder):
		return 0, false // Routing, YesNo, ...: their own EncodeValues
	case elem == typTime:
		return vTime, true
	}
	// fmt.Sprint calls these on the value (not on a pointer to it).
	methods := elem.Implements(typStringer) || elem.Implements(typFormatter) || elem.Implements(typError)
	switch elem.Kind() {
	case reflect.String:
		if !methods {
			return vString, true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !methods {
			return vInt, true
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if !methods {
			return vUint, true
		}
	case reflect.Bool:
		if !methods || asInt {
			return vBool, true
		}
	case reflect.Float32, reflect.Float64:
	default:
		return 0, false // structs, slices, maps, interfaces, **T, ...
	}
	return vSprint, true
}

// appendForm writes the form of a plannable params value rv (a struct) to
// dst.
// user and password are already query-escaped; rv is the zero Value for
// nil params.
func (p *formPlan) appendForm(dst []byte, rv reflect.Value, user, password, method string, forceTest bool) ([]byte, string) {
	var test string
	start := len(dst)
	var scratch [64]byte
	for i := range p.slots {
		s := &p.slots[i]
		if s.kind == slotDryRun && !forceTest {
			continue
		}
		var v []byte
		if s.kind == slotField && !(forceTest && i == p.testField) {
			var ok bool
			if v, ok = s.value(rv.Field(s.index), scratch[:0]); !ok {
				continue
			}
		}
		if len(dst) > start {
			dst = append(dst, '&')
		}
		dst = append(dst, s.key...)
		switch {
		case s.kind == slotUser:
			dst = append(dst, user...)
		case s.kind == slotPassword:
			dst = append(dst, password...)
		case s.kind == slotMethod:
			dst = appendQueryEscape(dst, method)
		case s.kind == slotDryRun || i == p.testField && forceTest:
			dst = append(dst, '1')
			test = "1"
		default:
			dst = appendQueryEscape(dst, v)
			if i == p.testField {
				test = string(v)
			}
		}
	}
	return dst, test
}

// value renders one field into buf, and false when the field is left out.
func (s *formSlot) value(fv reflect.Value, buf []byte) ([]byte, bool) {
	if s.ptr {
		if fv.IsNil() {
			if s.omitEmpty {
				return nil, false
			}
			// go-querystring sends the key with an empty value (also for
			// a *decimal.Decimal, which addDecimals then leaves alone).
			return buf, true
		}
		fv = fv.Elem()
	}
	switch s.vk {
	case vString, vSecret:
		str := fv.String()
		if s.omitEmpty && !s.ptr && str == "" {
			return nil, false
		}
		return append(buf, str...), true
	case vInt:
		n := fv.Int()
		if s.omitEmpty && !s.ptr && n == 0 {
			return nil, false
		}
		return strconv.AppendInt(buf, n, 10), true
	case vUint:
		n := fv.Uint()
		if s.omitEmpty && !s.ptr && n == 0 {
			return nil, false
		}
		return strconv.AppendUint(buf, n, 10), true
	case vBool:
		b := fv.Bool()
		if s.omitEmpty && !s.ptr && !b {
			return nil, false
		}
		if s.asInt {
			if b {
				return append(buf, '1'), true
			}
			return append(buf, '0'), true
		}
		return strconv.AppendBool(buf, b), true
	case vTime:
		t := fv.Interface().(time.Time)
		if s.omitEmpty && !s.ptr && t.IsZero() {
			return nil, false
		}
		switch s.timeOpt {
		case "unix":
			return strconv.AppendInt(buf, t.Unix(), 10), true
		case "unixmilli":
			return strconv.AppendInt(buf, t.UnixNano()/1e6, 10), true
		case "unixnano":
			return strconv.AppendInt(buf, t.UnixNano(), 10), true
		}
		layout := s.layout
		if layout == "" {
			layout = time.RFC3339
		}
		return t.AppendFormat(buf, layout), true
	case vDecimal:
		d := fv.Interface().(decimal.Decimal)
		if s.omitEmpty && !s.ptr && d.IsZero() {
			return nil, false
		}
		return append(buf, decimalString(d)...), true
	}
	// vSprint
	if s.omitEmpty && !s.ptr && isEmptyScalar(fv) {
		return nil, false
	}
	return append(buf, fmt.Sprint(fv.Interface())...), true
}

// isEmptyScalar is go-querystring's isEmptyValue for the scalar kinds.
func isEmptyScalar(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	}
	return false
}

// appendValues writes v (keys sorted, as url.Values.Encode) to dst.
func appendValues(dst []byte, v url.Values) []byte {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, s := range v[k] {
			if len(dst) > 0 {
				dst = append(dst, '&')
			}
			dst = appendQueryEscape(dst, k)
			dst = append(dst, '=')
			dst = appendQueryEscape(dst, s)
		}
	}
	return dst
}

// appendQueryEscape appends url.QueryEscape(s) to dst.
func appendQueryEscape[S ~string | ~[]byte](dst []byte, s S) []byte {
	for i := 0; i < len(s); i++ {
		dst = appendEscapedByte(dst, s[i])
	}
	return dst
}

const upperHex = "0123456789ABCDEF"

func appendEscapedByte(dst []byte, c byte) []byte {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
		return append(dst, c)
	case c == ' ':
		return append(dst, '+')
	}
	return append(dst, '%', upperHex[c>>4], upperHex[c&15])
}
