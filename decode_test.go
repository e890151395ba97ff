package voipms

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// decodeProbe is a response shaped like the SDK's, with a field of every
// kind the decoder handles natively plus a few it hands to encoding/json.
type decodeProbe struct {
	envelope
	DIDs     List[probeDID]  `json:"dids"`
	Numbers  List[Int]       `json:"numbers"`
	Names    List[String]    `json:"names"`
	Plain    []probeDID      `json:"plain"`
	Ptr      *probeDID       `json:"ptr"`
	Count    Int             `json:"count"`
	Nested   List[List[Int]] `json:"nested"`
	Extra    map[string]any  `json:"extra"`
	Anything any             `json:"anything"`
}

type probeDID struct {
	DID         String           `json:"did"`
	Description String           `json:"description"`
	Routing     Routing          `json:"routing"`
	Failover    *Routing         `json:"failover_busy"`
	Voicemail   String           `json:"voicemail"`
	POP         Int              `json:"pop"`
	Dialtime    *Int             `json:"dialtime"`
	CNAM        Flag             `json:"cnam"`
	Redaction   YesNo            `json:"transcription_redaction"`
	NextBilling Date             `json:"next_billing"`
	OrderDate   DateTime         `json:"order_date"`
	Monthly     Decimal          `json:"reseller_monthly"`
	Choices     IVRChoices       `json:"choices"`
	Members     RingGroupMembers `json:"members"`
	Note        string           `json:"note"`
	Kind        Status           `json:"kind"`
	N           int              `json:"n"`
	U           uint8            `json:"u"`
	F           float64          `json:"f"`
	F32         float32          `json:"f32"`
	B           bool             `json:"b"`
	PS          *string          `json:"ps"`
	Tags        []String         `json:"tags"`
	Raw         json.RawMessage  `json:"raw"`
	Num         json.Number      `json:"num"`
	Bytes       []byte           `json:"bytes"`
	Inner       struct {
		A String `json:"a"`
		B int
	} `json:"inner"`
	Untagged String
	skipped  String
	Ignored  String `json:"-"`
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
		`{"status":"no_did","message":"There are no DIDs"}`,
		`{"status":"success","dids":null,"numbers":"","names":false,"plain":null,"ptr":null}`,
		`{"status":"success","dids":[],"numbers":[1,"2",true,null,"-1"," 7 "],"names":["a",1,true,null]}`,
		`{"status":"success","numbers":5,"names":"solo","count":"12"}`,
		`{"status":"success","numbers":{},"names":{"1":"x","2":"y"}}`,
		`{"STATUS":"success","Message":"hi","DIDS":[{"DID":"1","ſtatus":1,"Untagged":"u","untagged":"v"}]}`,
		`{"status":"success","status":"no_did","dids":[{"did":"1","did":"2","pop":"3","pop":4}]}`,
		`{"status":"succ\u0065ss","message":"caf\u00e9 \ud83d\ude00 \ud800","dids":[{"did":"\u0035\u0035","note":"\u00e9\"\\\/\b\f\n\r\t"}]}`,
		"{\"status\":\"success\",\"message\":\"\xff\xfe bad utf8\",\"dids\":[{\"note\":\"\xc3\x28\",\"did\":\"\xe2\x82\"}]}",
		`{"status":"success","dids":[{"n":1.5,"u":300,"f":1e400,"f32":1e39,"b":"true","note":5,"kind":false}]}`,
		`{"status":"success","dids":[{"n":"1","inner":[1],"tags":"x"}]}`,
		`{"status":"success","plain":[{"n":"1"},{"n":2}],"count":[1]}`,
		`{"status":"success","plain":[{"n":1},{"n":2},{"n":3}],"ptr":{"pop":"9","dialtime":"-1"}}`,
		`{"status":"success","dids":[{"pop":"abc"}]}`,
		`{"status":"success","dids":[{"pop":{}}]}`,
		`{"status":"success","dids":[{"routing":"nocolon"}]}`,
		`{"status":"success","dids":[{"routing":false,"failover_busy":null,"choices":"1=sip:5096;2=fwd:20222","members":"account:100001,25,0;fwd:16006,10,1"}]}`,
		`{"status":"success","dids":[{"next_billing":"0000-00-00","order_date":"0000-00-00 00:00:00","reseller_monthly":0.5}]}`,
		`{"status":"success","dids":[{"next_billing":"2014-02-30"}]}`,
		`{"status":"success","dids":[{"next_billing":false,"order_date":false}]}`,
		`{"status":"success","dids":[{"next_billing":"","order_date":null}]}`,
		`{"status":"success","dids":[{"raw":{"a":[1,2]},"num":"12","bytes":"aGVsbG8=","ps":"p"}]}`,
		`{"status":"success","dids":[{"num":"x"}]}`,
		`{"status":"success","dids":[{"bytes":"!!"}]}`,
		`{"status":"success","extra":{"a":1,"b":[true,null,"s"]},"anything":[1,{"x":"y"}]}`,
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
		`{"status":"success","dids":{"1":{"pop":[]},"2":{"n":"x"}}}`,
		`{"status":"success","dids":[{"n":"x"},{"pop":[]}]}`,
		`{"status":"success","dids":{"1":{"n":"x"},"2":{"pop":[]}}}`,
		`{"status":1,"message":{"a":1}}`,
		`{"status":"success","message":["a"]}`,
		`{"status":"success","count":null,"dids":[{"pop":null,"cnam":null,"note":null,"n":null,"tags":null,"inner":null}]}`,
		`{"status":"success","dids":[{"billing_type":1},{"billing_type":"2"},{"billing_type":null},{"billing_type":[]}]}`,
	}
}

// errorClass describes an error well enough to compare decoders: the kind
// of error and, for type mismatches, the field path and JSON value.
func errorClass(err error) string {
	var syn *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &syn):
		return "syntax: " + err.Error()
	case errors.As(err, &te):
		return fmt.Sprintf("type: field %q value %q", te.Field, te.Value)
	}
	return fmt.Sprintf("%T: %v", err, err)
}

// ambiguousKeys reports whether data holds an object whose keys are all
// integers and two keys name the same integer ("1" and "01"): List[T]
// then orders them at random in encoding/json (map iteration).
func ambiguousKeys(data []byte) bool {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return false
	}
	var walk func(any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case map[string]any:
			seen := map[int]bool{}
			numeric := true
			dup := false
			for k, e := range x {
				if walk(e) {
					return true
				}
				n, err := strconv.Atoi(k)
				if err != nil {
					numeric = false
					continue
				}
				if seen[n] {
					dup = true
				}
				seen[n] = true
			}
			return numeric && dup
		case []any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

func compareDecoders(t *testing.T, data []byte) {
	t.Helper()
	if ambiguousKeys(data) {
		t.Skip("numeric keys repeat a number: encoding/json's order is random")
	}
	var want, got decodeProbe
	werr := json.Unmarshal(data, &want)
	gerr := unmarshal(data, &got)
	if wc, gc := errorClass(werr), errorClass(gerr); wc != gc {
		t.Fatalf("input %q:\nencoding/json: %s\nunmarshal:     %s", data, wc, gc)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("input %q (error %v):\nencoding/json: %#v\nunmarshal:     %#v", data, werr, want, got)
	}
	// The SDK's own getDIDsInfo response type (a generated enum in it goes
	// through its UnmarshalJSON).
	var wantDIDs, gotDIDs getDIDsInfoResponse
	werr = json.Unmarshal(data, &wantDIDs)
	gerr = unmarshal(data, &gotDIDs)
	if wc, gc := errorClass(werr), errorClass(gerr); wc != gc {
		t.Fatalf("getDIDsInfoResponse, input %q:\nencoding/json: %s\nunmarshal:     %s", data, wc, gc)
	}
	if !reflect.DeepEqual(wantDIDs, gotDIDs) {
		t.Fatalf("getDIDsInfoResponse, input %q (error %v):\nencoding/json: %#v\nunmarshal:     %#v", data, werr, wantDIDs, gotDIDs)
	}
}

func FuzzDecoderMatchesEncodingJSON(f *testing.F) {
	for _, s := range decodeSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareDecoders(t, data)
	})
}

func TestDecoderMatchesEncodingJSONOnSeeds(t *testing.T) {
	for i, s := range decodeSeeds() {
		t.Run(strconv.Itoa(i), func(t *testing.T) { compareDecoders(t, []byte(s)) })
	}
}

// A body cut short must still be recognisable as truncated, and a shape
// problem must still name its field.
func TestDecoderErrorsClassify(t *testing.T) {
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
	var out decodeProbe
	err := unmarshal([]byte(`{"status":"success","dids":[{"pop":"x1"}]}`), &out)
	var se *scalarError
	if !errors.As(err, &se) {
		t.Fatalf("got %T %v, want *scalarError", err, err)
	}
	err = unmarshal([]byte(`{"status":"success","dids":[{"note":1}]}`), &out)
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) || te.Field != "dids.note" {
		t.Fatalf("got %v, want a type error on dids.note", err)
	}
	var top map[string]any
	if err := unmarshal([]byte(`{"a":1}`), &top); err != nil || top["a"] != 1.0 {
		t.Fatalf("map fallback: %v %v", top, err)
	}
	if err := unmarshal([]byte(`{}`), nil); err == nil {
		t.Fatal("nil out: no error")
	}
}

// Decoding into a value that already holds data merges like encoding/json.
func TestDecoderIntoExistingValue(t *testing.T) {
	data := []byte(`{"status":"success","plain":[{"n":1}],"ptr":{"pop":"2"}}`)
	mk := func() decodeProbe {
		d := Int(7)
		return decodeProbe{Count: 3, Plain: []probeDID{{Note: "a"}, {Note: "b"}}, Ptr: &probeDID{Dialtime: &d}}
	}
	want, got := mk(), mk()
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if err := unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("encoding/json: %#v\nunmarshal:     %#v", want, got)
	}
}
