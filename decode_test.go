package voipms

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// decodeProbe is a response shaped like the SDK's, with a field of every
// kind the decoder handles, plus a few it hands to encoding/json.
type decodeProbe struct {
	envelope
	DIDs     []probeDID        `json:"dids"`
	Numbers  []int64           `json:"numbers"`
	Names    []string          `json:"names"`
	Ptr      *probeDID         `json:"ptr"`
	Count    int64             `json:"count"`
	Nested   [][]int64         `json:"nested"`
	Codes    map[string]string `json:"codes"`
	Extra    map[string]any    `json:"extra"`
	Anything any               `json:"anything"`
}

type probeDID struct {
	DID         string           `json:"did"`
	Description string           `json:"description"`
	Routing     Routing          `json:"routing"`
	Failover    *Routing         `json:"failover_busy"`
	POP         int64            `json:"pop"`
	Dialtime    *int64           `json:"dialtime"`
	CNAM        bool             `json:"cnam"`
	Redaction   YesNo            `json:"transcription_redaction"`
	NextBilling time.Time        `json:"next_billing"`
	OrderDate   time.Time        `json:"order_date"`
	Period      DateRange        `json:"period"`
	Monthly     decimal.Decimal  `json:"reseller_monthly"`
	Choices     IVRChoices       `json:"choices"`
	Members     RingGroupMembers `json:"members"`
	Kind        DIDBillingType   `json:"billing_type"`
	N           int              `json:"n"`
	I8          int8             `json:"i8"`
	U           uint8            `json:"u"`
	F           float64          `json:"f"`
	F32         float32          `json:"f32"`
	PS          *string          `json:"ps"`
	Tags        []string         `json:"tags"`
	Inner       struct {
		A string `json:"a"`
		B int64
	} `json:"inner"`
	Untagged string
	skipped  string
	Ignored  string `json:"-"`
}

var sampleDID = `{"did":"5551234567","description":"MIAMI, FL","routing":"account:100001_VoIP","failover_busy":"none:",` +
	`"failover_unreachable":"fwd:1521","failover_noanswer":"none:","voicemail":"1001","pop":"16","dialtime":"60",` +
	`"cnam":"1","e911":"0","callerid_prefix":"MIA [555]","note":"MIA [555]","port_out_pin":"1234","billing_type":"2",` +
	`"next_billing":"2014-08-30","order_date":"2014-07-30 15:09:04","reseller_account":"100001_VoIPReseller",` +
	`"reseller_next_billing":"2014-08-30","reseller_monthly":"0.00000000","reseller_minute":"0.01000000",` +
	`"reseller_setup":"0.00000000","sms_available":"1","sms_enabled":"1","sms_email":"user@example.com",` +
	`"transcription_redaction":"no","transcription_summary":"no"}`

func decodeSeeds() []string {
	return []string{
		`{"status":"success","dids":[` + sampleDID + `,` + sampleDID + `]}`,
		`{"status":"success","dids":` + sampleDID + `}`,
		`{"status":"success","dids":{"2":` + sampleDID + `,"1":{"did":5551234567}}}`,
		`{"status":"success","dids":{"1":{"did":"1"},"01":{"did":"2"},"x":{}}}`,
		`{"status":"success","dids":{"1":{"did":"1"},"01":{"did":"2"}}}`,
		`{"status":"no_did","message":"There are no DIDs"}`,
		`{"status":"success","dids":null,"numbers":"","names":false,"ptr":null}`,
		`{"status":"success","dids":{},"numbers":{},"names":[]}`,
		`{"status":"success","dids":[],"numbers":[1,"2",true,null,"-1"," 7 "],"names":["a",1,true,null]}`,
		`{"status":"success","numbers":5,"names":"solo","count":"12"}`,
		`{"status":"success","numbers":{},"names":{"1":"x","2":"y"}}`,
		`{"STATUS":"success","Message":"hi","DIDS":[{"DID":"1","Untagged":"u","untagged":"v"}]}`,
		`{"status":"success","status":"no_did","dids":[{"did":"1","did":"2","pop":"3","pop":4}]}`,
		`{"status":"success","dids":[{"pop":"x","pop":4}]}`,
		`{"status":"succ\u0065ss","message":"caf\u00e9 \ud83d\ude00 \ud800","dids":[{"did":"\u0035\u0035","description":"\u00e9\"\\\/\b\f\n\r\t"}]}`,
		"{\"status\":\"success\",\"message\":\"\xff\xfe bad utf8\",\"dids\":[{\"description\":\"\xc3\x28\",\"did\":\"\xe2\x82\"}]}",
		`{"status":"success","dids":[{"n":1.5,"u":300,"f":1e400,"f32":1e39,"i8":200}]}`,
		`{"status":"success","dids":[{"n":"1.0","u":"7","f":"2.5","f32":"","i8":"-8","billing_type":2}]}`,
		`{"status":"success","dids":[{"n":"1","inner":[],"tags":"x"}]}`,
		`{"status":"success","dids":[{"inner":[1]}]}`,
		`{"status":"success","dids":[{"inner":"x"}]}`,
		`{"status":"success","ptr":{"pop":"9","dialtime":"-1"},"count":[]}`,
		`{"status":"success","dids":[{"pop":"abc"}]}`,
		`{"status":"success","dids":[{"pop":{}}]}`,
		`{"status":"success","dids":[{"pop":{"a":1}}]}`,
		`{"status":"success","dids":[{"did":["5551234567"]}]}`,
		`{"status":"success","dids":[{"routing":"nocolon"}]}`,
		`{"status":"success","dids":[{"routing":false,"failover_busy":null,"choices":"1=sip:5096;2=fwd:20222","members":"account:100001,25,0;fwd:16006,10,1"}]}`,
		`{"status":"success","dids":[{"next_billing":"0000-00-00","order_date":"0000-00-00 00:00:00","reseller_monthly":0.5}]}`,
		`{"status":"success","dids":[{"next_billing":"2014-02-30"}]}`,
		`{"status":"success","dids":[{"next_billing":false,"order_date":false}]}`,
		`{"status":"success","dids":[{"next_billing":"","order_date":null}]}`,
		`{"status":"success","dids":[{"period":"2015-11-02 to 2016-11-01"},{"period":"2016-11-01"},{"period":""}]}`,
		`{"status":"success","dids":[{"period":"2015-11-02 to x"}]}`,
		`{"status":"success","dids":[{"reseller_monthly":"1.50"},{"reseller_monthly":"-0.0052"},{"reseller_monthly":"123456789012345678901234.5"}]}`,
		`{"status":"success","dids":[{"reseller_monthly":"1,50"}]}`,
		`{"status":"success","dids":[{"cnam":"yes"},{"cnam":"maybe"}]}`,
		`{"status":"success","extra":{"a":1,"b":[true,null,"s"]},"anything":[1,{"x":"y"}]}`,
		`{"status":"success","extra":{"a":1e400}}`,
		`{"status":"success","codes":{"":"x","a":1,"b":null},"extra":[]}`,
		`{"status":"success","codes":[1]}`,
		`{"status":"success","nested":[[1,"2"],{"1":3},null,"4"]}`,
		`{"status":"success","dids":[` + sampleDID,
		`{"status":"success","dids":[{"did":"1"}]`,
		`{"status":"success","dids":[{"did":"1",}]}`,
		`{"status":"success"} x`,
		`{"status":"success","dids":[01]}`,
		`{"status":"success","dids":[{"did":"a` + "\x01" + `"}]}`,
		`{"status":"success","dids":[{"did":"\x"}]}`,
		`{"status":"success","dids":[tru]}`,
		`  {"status" : "success" , "dids" : [ { "did" : "1" } ] }  `,
		`null`, `[]`, `"x"`, `1`, `{}`, ``, `{`, `{"status":}`, `{"status":"success","count":-}`,
		`{"status":"success","count":1.}`, `{"status":"success","count":1e}`, `{"status":"success","count":-01}`,
		`{"status":"success","dids":[` + strings.Repeat(`[`, 50) + strings.Repeat(`]`, 50) + `]}`,
		`{"status":"success","dids":"x"}`, `{"status":"success","dids":true}`, `{"status":"success","dids":1}`,
		`{"status":"success","names":"","numbers":"\"\""}`,
		`{"status":"success","dids":{"1":{"pop":"x"},"2":{"pop":{}}}}`,
		`{"status":"success","dids":[{"n":"x"},{"pop":[]}]}`,
		`{"status":1,"message":{"a":1}}`,
		`{"status":"success","message":["a"]}`,
		`{"status":"success","count":null,"dids":[{"pop":null,"cnam":null,"description":null,"n":null,"tags":null,"inner":null}]}`,
		`{"status":"success","dids":[{"billing_type":1},{"billing_type":"2"},{"billing_type":null},{"billing_type":[]}]}`,
		// Found by the fuzzer of the old scalar types (testdata/fuzz/FuzzScalarDecoders).
		`{"status":"success","count":0e999999999,"dids":[{"reseller_monthly":"0E00000007000000000","pop":"1E18"}]}`,
		`{"status":"success","dids":[{"reseller_monthly":1E18,"pop":"0e999999999"}]}`,
	}
}

// ---- the reference decoder ----
//
// refUnmarshal is the decoder's specification, written for clarity and not
// for speed: the body is parsed by encoding/json's tokenizer into a tree
// (object keys kept in order), and the tree is assigned to the Go value by
// the rules in decode.go's doc comment, with the same scalar parsers
// (scalar.go). FuzzDecoderMatchesReference checks that the fast decoder
// agrees with it on values and on errors.

type refNode struct {
	kind  byte   // '{', '[', '"', '0' (number), 't' (bool), 'n'
	text  string // string contents, number text, "true"/"false"
	keys  []string
	items []*refNode
}

func refParse(data []byte) (*refNode, error) {
	if !json.Valid(data) {
		var v any
		return nil, json.Unmarshal(data, &v)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var read func() (*refNode, error)
	read = func() (*refNode, error) {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch v := tok.(type) {
		case json.Delim:
			n := &refNode{kind: byte(v)}
			for dec.More() {
				if v == '{' {
					k, err := dec.Token()
					if err != nil {
						return nil, err
					}
					n.keys = append(n.keys, k.(string))
				}
				item, err := read()
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, item)
			}
			_, err := dec.Token()
			return n, err
		case string:
			return &refNode{kind: '"', text: v}, nil
		case json.Number:
			return &refNode{kind: '0', text: string(v)}, nil
		case bool:
			return &refNode{kind: 't', text: strconv.FormatBool(v)}, nil
		}
		return &refNode{kind: 'n'}, nil
	}
	return read()
}

func (n *refNode) emptyContainer() bool { return (n.kind == '{' || n.kind == '[') && len(n.items) == 0 }

// nothing: [], null, "" or false where a record or map is expected.
func (n *refNode) nothing() bool {
	return (n.kind == '[' && len(n.items) == 0) || n.kind == 'n' || (n.kind == '"' && n.text == "") || (n.kind == 't' && n.text == "false")
}

// json re-encodes the node for encoding/json (fallback types).
func (n *refNode) json() []byte {
	switch n.kind {
	case '{':
		var b bytes.Buffer
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteByte(':')
			b.Write(n.items[i].json())
		}
		b.WriteByte('}')
		return b.Bytes()
	case '[':
		var parts [][]byte
		for _, it := range n.items {
			parts = append(parts, it.json())
		}
		return append(append([]byte{'['}, bytes.Join(parts, []byte{','})...), ']')
	case '"':
		b, _ := json.Marshal(n.text)
		return b
	case 'n':
		return []byte("null")
	}
	return []byte(n.text)
}

func refUnmarshal(data []byte, out any) error {
	n, err := refParse(data)
	if err != nil {
		return err
	}
	rv := reflect.ValueOf(out).Elem()
	tmp := reflect.New(rv.Type()).Elem()
	tmp.Set(rv)
	if err := refAssign(n, tmp, ""); err != nil {
		return err
	}
	rv.Set(tmp)
	return nil
}

func refErr(path, typ, why string) error { return &scalarError{typ: typ, why: why, path: path} }

// refScalar is the text the scalar parsers get.
func refScalar(n *refNode, path string) ([]byte, error) {
	switch {
	case n.kind == '"':
		return bytes.TrimSpace([]byte(n.text)), nil
	case n.kind == 'n', n.emptyContainer():
		return nil, nil
	case n.kind == '{' || n.kind == '[':
		return nil, refErr(path, "scalar", "got an object or array")
	}
	return []byte(n.text), nil
}

func refAssign(n *refNode, v reflect.Value, path string) error {
	wrap := func(err error) error {
		if err == nil {
			return nil
		}
		if se, ok := err.(*scalarError); ok {
			cp := *se
			cp.path = path
			return &cp
		}
		return refErr(path, "value", err.Error())
	}
	t := v.Type()
	switch t {
	case typDecimal, typTime, typDateRange, typRouting, typIVRChoices, typRingGroup, typRoutings:
		s, err := refScalar(n, path)
		if err != nil {
			return err
		}
		switch t {
		case typDecimal:
			d, err := parseDecimalBytes(s)
			if err == nil {
				v.Set(reflect.ValueOf(d))
			}
			return wrap(err)
		case typTime:
			d, err := parseTimeBytes(s)
			if err == nil {
				v.Set(reflect.ValueOf(d))
			}
			return wrap(err)
		case typDateRange:
			d, err := parseDateRangeBytes(s)
			if err == nil {
				v.Set(reflect.ValueOf(d))
			}
			return wrap(err)
		case typRouting:
			if string(s) == "false" {
				v.SetZero()
				return nil
			}
		}
		return wrap(v.Addr().Interface().(interface{ UnmarshalText([]byte) error }).UnmarshalText(s))
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(typUnmarshaler) || pt.Implements(typTextUnmarshaler) || t == typJSONNumber {
		return wrap(json.Unmarshal(n.json(), v.Addr().Interface()))
	}
	switch t.Kind() {
	case reflect.String:
		switch {
		case n.kind == 'n' || n.emptyContainer():
			v.SetString("")
		case n.kind == '{' || n.kind == '[':
			return refErr(path, "scalar", "got an object or array")
		default:
			v.SetString(n.text)
		}
		return nil
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr, reflect.Float32, reflect.Float64:
		s, err := refScalar(n, path)
		if err != nil {
			return err
		}
		switch t.Kind() {
		case reflect.Bool:
			b, err := parseFlagBytes(s)
			if err == nil {
				v.SetBool(b)
			}
			return wrap(err)
		case reflect.Float32, reflect.Float64:
			f, err := parseFloatBytes(s, t.Bits())
			if err == nil {
				v.SetFloat(f)
			}
			return wrap(err)
		}
		i, err := parseIntBytes(s)
		if err != nil {
			return wrap(err)
		}
		if t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uintptr {
			if i < 0 {
				return refErr(path, "integer", "negative")
			}
			if v.OverflowUint(uint64(i)) {
				return refErr(path, "integer", "out of range")
			}
			v.SetUint(uint64(i))
			return nil
		}
		if v.OverflowInt(i) {
			return refErr(path, "integer", "out of range")
		}
		v.SetInt(i)
		return nil
	case reflect.Pointer:
		if n.kind == 'n' {
			v.SetZero()
			return nil
		}
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		return refAssign(n, v.Elem(), path)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			break
		}
		var items []*refNode
		switch {
		case n.kind == '[':
			items = n.items
		case n.kind == '{':
			items = refListFromObject(n)
		case n.kind == 'n' || (n.kind == '"' && n.text == "") || (n.kind == 't' && n.text == "false"):
			v.SetZero()
			return nil
		default:
			items = []*refNode{n}
		}
		s := reflect.MakeSlice(t, len(items), len(items))
		for i, it := range items {
			if err := refAssign(it, s.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			break
		}
		switch {
		case n.kind == '{':
		case n.kind == '[' && len(n.items) == 0:
			v.Set(reflect.MakeMap(t))
			return nil
		case n.kind == 'n':
			v.SetZero()
			return nil
		case n.nothing():
			return nil
		default:
			return refErr(path, "map", "got "+refKindName(n))
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
		}
		for i, k := range n.keys {
			e := reflect.New(t.Elem()).Elem()
			if err := refAssign(n.items[i], e, path+"["+strconv.Quote(k)+"]"); err != nil {
				return err
			}
			v.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), e)
		}
		return nil
	case reflect.Struct:
		switch {
		case n.kind == '{':
		case n.nothing():
			return nil
		default:
			return refErr(path, "object", "got "+refKindName(n))
		}
		sp := codecFor(t).st
		for i, k := range n.keys {
			f, ok := sp.exact[k]
			if !ok {
				continue
			}
			p := strings.Join(f.names, ".")
			if path != "" {
				p = path + "." + p
			}
			if err := refAssign(n.items[i], v.FieldByIndex(f.index), p); err != nil {
				return err
			}
		}
		return nil
	}
	return wrap(json.Unmarshal(n.json(), v.Addr().Interface()))
}

func refKindName(n *refNode) string {
	switch n.kind {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// refListFromObject: {} is empty, all-numeric keys are rows in key order
// (later duplicates win; ties by spelling), anything else is one row.
func refListFromObject(n *refNode) []*refNode {
	if len(n.items) == 0 {
		return nil
	}
	byKey := map[string]*refNode{}
	var keys []string
	for i, k := range n.keys {
		if _, err := strconv.Atoi(k); err != nil {
			return []*refNode{n}
		}
		if _, dup := byKey[k]; !dup {
			keys = append(keys, k)
		}
		byKey[k] = n.items[i]
	}
	slices.SortFunc(keys, func(a, b string) int {
		x, _ := strconv.Atoi(a)
		y, _ := strconv.Atoi(b)
		if x != y {
			return x - y
		}
		return strings.Compare(a, b)
	})
	out := make([]*refNode, len(keys))
	for i, k := range keys {
		out[i] = byKey[k]
	}
	return out
}

// ---- differential test ----

// errorClass describes an error well enough to compare decoders: syntax
// (with encoding/json's message) or a decode error with its path.
func errorClass(err error) string {
	var syn *json.SyntaxError
	var se *scalarError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF), isUnexpectedEOF(err):
		return "syntax: " + err.Error()
	case errors.As(err, &se):
		return "decode at " + se.path
	}
	return fmt.Sprintf("%T: %v", err, err)
}

func compareDecoders(t *testing.T, data []byte) {
	t.Helper()
	compareInto[decodeProbe](t, data)
	compareInto[getDIDsInfoResponse](t, data) // the SDK's own response type
}

func compareInto[T any](t *testing.T, data []byte) {
	t.Helper()
	var want, got T
	werr := refUnmarshal(data, &want)
	gerr := unmarshal(data, &got)
	if wc, gc := errorClass(werr), errorClass(gerr); wc != gc {
		t.Fatalf("%T, input %q:\nreference: %s (%v)\nunmarshal: %s (%v)", got, data, wc, werr, gc, gerr)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%T, input %q (error %v):\nreference: %#v\nunmarshal: %#v", got, data, werr, want, got)
	}
}

func FuzzDecoderMatchesReference(f *testing.F) {
	for _, s := range decodeSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareDecoders(t, data)
	})
}

func TestDecoderMatchesReferenceOnSeeds(t *testing.T) {
	for i, s := range decodeSeeds() {
		t.Run(strconv.Itoa(i), func(t *testing.T) { compareDecoders(t, []byte(s)) })
	}
}

// A body cut short must still be recognisable as truncated, and must not
// write to out.
func TestDecoderTruncatedBody(t *testing.T) {
	body := []byte(`{"status":"success","dids":[` + sampleDID + `,` + sampleDID + `]}`)
	for n := 1; n < len(body); n += 7 {
		var out decodeProbe
		err := unmarshal(body[:n], &out)
		if !isUnexpectedEOF(err) {
			t.Fatalf("cut at %d: %v, want an unexpected-end error", n, err)
		}
		if !reflect.DeepEqual(out, decodeProbe{}) {
			t.Fatalf("cut at %d: out was written to", n)
		}
	}
	var top map[string]any
	if err := unmarshal([]byte(`{"a":1}`), &top); err != nil || top["a"] != 1.0 {
		t.Fatalf("map: %v %v", top, err)
	}
	if err := unmarshal([]byte(`{}`), nil); err == nil {
		t.Fatal("nil out: no error")
	}
}
