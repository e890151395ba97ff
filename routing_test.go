package voipms

import (
	"encoding/json"
	"errors"
	"net/url"
	"testing"

	"github.com/google/go-querystring/query"
)

func TestParseRouting(t *testing.T) {
	valid := []struct {
		in     string
		header RoutingHeader
		target string
	}{
		{"account:100001_VoIP", HeaderAccount, "100001_VoIP"},
		{"account:123456", HeaderAccount, "123456"},
		{"fwd:1026", HeaderForwarding, "1026"},
		{"vm:101", HeaderVoicemail, "101"},
		{"sip:5096", HeaderSIPURI, "5096"},
		{"sip:user@example.com:5060", HeaderSIPURI, "user@example.com:5060"},
		{"grp:2718", HeaderRingGroup, "2718"},
		{"ivr:1401", HeaderIVR, "1401"},
		{"sys:echo", HeaderSystem, "echo"},
		{"sys:hangup", HeaderSystem, "hangup"},
		{"sys:busy", HeaderSystem, "busy"},
		{"sys:noservice", HeaderSystem, "noservice"},
		{"sys:disconnected", HeaderSystem, "disconnected"},
		{"sys:dtmf", HeaderSystem, "dtmf"},
		{"recording:2271", HeaderRecording, "2271"},
		{"queue:31", HeaderQueue, "31"},
		{"cb:1021", HeaderCallback, "1021"},
		{"tc:51", HeaderTimeCondition, "51"},
		{"disa:102", HeaderDISA, "102"},
		{"none:", HeaderNone, ""},
	}
	for _, c := range valid {
		r, err := ParseRouting(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if r.Header != c.header || r.Target != c.target {
			t.Errorf("%s: got %#v", c.in, r)
		}
		if r.String() != c.in {
			t.Errorf("%s: String() = %q", c.in, r.String())
		}
	}
	invalid := []string{"", "fwd", "none", "fwd:", "fwd:abc", "foo:1", "sys:party", "none:1", "vm:", "fwd:1;fwd:2",
		"account:a b", "FWD:1", ":1"}
	for _, in := range invalid {
		_, err := ParseRouting(in)
		if err == nil {
			t.Errorf("%q: want error", in)
			continue
		}
		var re *RoutingError
		if !errors.As(err, &re) || !errors.Is(err, ErrInvalidParameter) {
			t.Errorf("%q: error %T does not match RoutingError/ErrInvalidParameter", in, err)
		}
	}
}

func TestRoutingConstructors(t *testing.T) {
	cases := map[string]Routing{
		"account:100001_VoIP": RouteAccount("100001_VoIP"),
		"fwd:1026":            RouteForwarding(1026),
		"vm:101":              RouteVoicemail("101"),
		"sip:5096":            RouteSIPURI(5096),
		"grp:2718":            RouteRingGroup(2718),
		"ivr:1401":            RouteIVR(1401),
		"sys:echo":            RouteSystem(SysEcho),
		"recording:2271":      RouteRecording(2271),
		"queue:31":            RouteQueue(31),
		"cb:1021":             RouteCallback(1021),
		"tc:51":               RouteTimeCondition(51),
		"disa:102":            RouteDISA(102),
		"none:":               RouteNone(),
	}
	for want, r := range cases {
		if r.String() != want {
			t.Errorf("got %q, want %q", r.String(), want)
		}
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", want, err)
		}
		if r.IsZero() {
			t.Errorf("%s: IsZero", want)
		}
	}
	if !(Routing{}).IsZero() || (Routing{}).Validate() == nil || (Routing{}).String() != "" {
		t.Error("zero Routing")
	}
}

func TestRoutingLenientDecoding(t *testing.T) {
	var row struct {
		Routing  Routing `json:"routing"`
		Busy     Routing `json:"failover_busy"`
		Unknown  Routing `json:"failover_unreachable"`
		Empty    Routing `json:"failover_noanswer"`
		Missing  Routing `json:"x"`
		FalseVal Routing `json:"y"`
	}
	in := `{"routing":"account:100001_VoIP","failover_busy":"none:","failover_unreachable":"phone:5551234567","failover_noanswer":"","y":false}`
	if err := json.Unmarshal([]byte(in), &row); err != nil {
		t.Fatal(err)
	}
	if row.Routing != RouteAccount("100001_VoIP") || row.Busy != RouteNone() {
		t.Errorf("decoded %#v", row)
	}
	if row.Unknown.Header != "phone" || row.Unknown.Target != "5551234567" || row.Unknown.Validate() == nil {
		t.Errorf("unknown header must be kept verbatim and fail strict validation: %#v", row.Unknown)
	}
	if !row.Empty.IsZero() || !row.Missing.IsZero() || !row.FalseVal.IsZero() {
		t.Error("empty routing should be zero")
	}
	var r Routing
	if err := json.Unmarshal([]byte(`"nocolon"`), &r); err == nil {
		t.Error("want error for text without a colon")
	}
	b, _ := json.Marshal(struct{ R Routing }{RouteForwarding(7)})
	if string(b) != `{"R":"fwd:7"}` {
		t.Errorf("marshal: %s", b)
	}
}

func TestRoutingEncodeValues(t *testing.T) {
	type p struct {
		Routing Routing  `url:"routing"`
		Busy    *Routing `url:"failover_busy,omitempty"`
		Opt     Routing  `url:"failover_noanswer,omitempty"`
	}
	v, err := query.Values(p{Routing: RouteNone(), Busy: Ptr(RouteSystem(SysBusy))})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.Encode(), "failover_busy=sys%3Abusy&routing=none%3A"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	vals := url.Values{}
	_ = RouteForwarding(1).EncodeValues("routing", &vals)
	if vals.Get("routing") != "fwd:1" {
		t.Error("EncodeValues")
	}
}

func TestIVRChoices(t *testing.T) {
	c, err := ParseIVRChoices("1=sip:5096 ; 2=fwd:20222")
	if err != nil {
		t.Fatal(err)
	}
	if len(c) != 2 || c[0].Digits != "1" || c[0].Routing != RouteSIPURI(5096) || c[1].Routing != RouteForwarding(20222) {
		t.Fatalf("parsed %#v", c)
	}
	if c.String() != "1=sip:5096;2=fwd:20222" {
		t.Errorf("String: %s", c)
	}
	again, err := ParseIVRChoices(c.String())
	if err != nil || again.String() != c.String() {
		t.Errorf("round trip: %v %v", again, err)
	}
	for _, bad := range []string{"", "1", "1=foo:2", "a=fwd:1", "1=fwd:1;1=fwd:2", "1=fwd:x"} {
		if _, err := ParseIVRChoices(bad); err == nil {
			t.Errorf("%q: want error", bad)
		}
	}
	var dec struct {
		C IVRChoices `json:"choices"`
	}
	if err := json.Unmarshal([]byte(`{"choices":"1=sip:5096;2=fwd:20222"}`), &dec); err != nil || len(dec.C) != 2 {
		t.Errorf("json: %v %v", dec, err)
	}
}

func TestRingGroupMembers(t *testing.T) {
	m, err := ParseRingGroupMembers("account:100001,25,0;fwd:16006,10,1")
	if err != nil {
		t.Fatal(err)
	}
	want := RingGroupMembers{MemberWithOptions(RouteAccount("100001"), 25, false), MemberWithOptions(RouteForwarding(16006), 10, true)}
	if len(m) != 2 || m[0] != want[0] || m[1] != want[1] {
		t.Fatalf("parsed %#v", m)
	}
	if m.String() != "account:100001,25,0;fwd:16006,10,1" {
		t.Errorf("String: %s", m)
	}
	plain, err := ParseRingGroupMembers("account:100001;fwd:16006")
	if err != nil || plain.String() != "account:100001;fwd:16006" || plain[0].HasOptions {
		t.Errorf("plain: %v %v", plain, err)
	}
	for _, bad := range []string{"", "account:1,25", "account:1,x,0", "account:1,25,2", "none:", "foo:1", "fwd:1,-5,0"} {
		if _, err := ParseRingGroupMembers(bad); err == nil {
			t.Errorf("%q: want error", bad)
		}
	}
}

// FuzzParseRouting: parse -> String -> parse is stable and never panics;
// the lenient decoder accepts whatever the strict parser accepts.
func FuzzParseRouting(f *testing.F) {
	for _, s := range []string{"account:100001_VoIP", "fwd:1026", "vm:101", "none:", "sys:echo", "sip:a:b:c", "none", ":",
		"fwd:", "x:y", "1=sip:5096;2=fwd:20222", "account:100001,25,0;fwd:16006,10,1", "\x00:\xff", "sys:echo\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRouting(s)
		if err == nil {
			if r.String() != s {
				t.Fatalf("String(%q) = %q", s, r.String())
			}
			r2, err := ParseRouting(r.String())
			if err != nil || r2 != r {
				t.Fatalf("unstable: %q -> %#v -> %#v, %v", s, r, r2, err)
			}
			var lenient Routing
			if err := lenient.UnmarshalText([]byte(s)); err != nil || lenient != r {
				t.Fatalf("lenient decode of valid %q: %#v %v", s, lenient, err)
			}
		}
		if c, err := ParseIVRChoices(s); err == nil {
			c2, err := ParseIVRChoices(c.String())
			if err != nil || c2.String() != c.String() {
				t.Fatalf("IVR choices unstable: %q", s)
			}
		}
		if m, err := ParseRingGroupMembers(s); err == nil {
			m2, err := ParseRingGroupMembers(m.String())
			if err != nil || m2.String() != m.String() {
				t.Fatalf("members unstable: %q", s)
			}
		}
	})
}

func TestRoutings(t *testing.T) {
	rs, err := ParseRoutings("account:11111;none:;fwd:16006")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || rs[0] != RouteAccount("11111") || rs[1] != RouteNone() || rs[2] != RouteForwarding(16006) {
		t.Fatalf("parsed %#v", rs)
	}
	if rs.String() != "account:11111;none:;fwd:16006" {
		t.Errorf("String: %s", rs)
	}
	for _, bad := range []string{"", "foo:1", "fwd:x", "account"} {
		if _, err := ParseRoutings(bad); err == nil {
			t.Errorf("%q: want error", bad)
		}
	}
	var dec struct {
		M Routings `json:"members"`
	}
	if err := json.Unmarshal([]byte(`{"members":"account:11111;none:"}`), &dec); err != nil || len(dec.M) != 2 {
		t.Errorf("json: %v %v", dec, err)
	}
	v, _ := query.Values(struct {
		M Routings `url:"members"`
	}{rs})
	if v.Get("members") != "account:11111;none:;fwd:16006" {
		t.Errorf("encode: %s", v.Encode())
	}
}
