package voipms

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-querystring/query"
)

// Every encoding reference §4 lists for a scalar must decode.

func TestIntDecoding(t *testing.T) {
	cases := []struct {
		in   string
		want Int
	}{
		{`"60"`, 60}, {`60`, 60}, {`"0"`, 0}, {`0`, 0}, {`"-1"`, -1}, {`-1`, -1},
		{`""`, 0}, {`null`, 0}, {`true`, 1}, {`false`, 0}, {`"54"`, 54},
		{`" 7 "`, 7}, {`"60.0"`, 60}, {`1e3`, 1000}, {`"9223372036854775807"`, 9223372036854775807},
	}
	for _, c := range cases {
		var got Int
		if err := json.Unmarshal([]byte(c.in), &got); err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s: got %d, want %d", c.in, got, c.want)
		}
	}
	for _, bad := range []string{`"abc"`, `"1.5"`, `{}`, `[]`, `"9223372036854775808"`, `"-"`} {
		var got Int
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("%s: want error, got %d", bad, got)
		}
	}
	if !Int(-1).IsUnset() || Int(0).IsUnset() {
		t.Error("IsUnset")
	}
}

func TestFlagDecoding(t *testing.T) {
	truthy := []string{`"1"`, `1`, `true`, `"true"`, `"yes"`, `"Yes"`, `"YES"`, `"y"`, `"Y"`}
	falsy := []string{`"0"`, `0`, `false`, `"false"`, `"no"`, `"No"`, `"n"`, `""`, `null`}
	for _, in := range truthy {
		var f Flag
		if err := json.Unmarshal([]byte(in), &f); err != nil || !f {
			t.Errorf("%s: got %v, %v; want true", in, f, err)
		}
	}
	for _, in := range falsy {
		f := Flag(true)
		if err := json.Unmarshal([]byte(in), &f); err != nil || f {
			t.Errorf("%s: got %v, %v; want false", in, f, err)
		}
	}
	for _, bad := range []string{`"maybe"`, `2`, `{}`} {
		var f Flag
		if err := json.Unmarshal([]byte(bad), &f); err == nil {
			t.Errorf("%s: want error", bad)
		}
	}
	var y YesNo
	if err := json.Unmarshal([]byte(`"yes"`), &y); err != nil || !y {
		t.Errorf("YesNo: %v %v", y, err)
	}
}

func TestStringDecoding(t *testing.T) {
	cases := map[string]String{
		`"5551234567"`: "5551234567", `5551234567`: "5551234567", `"+15555555555"`: "+15555555555",
		`null`: "", `"a\"b"`: `a"b`, `true`: "true", `"0000"`: "0000", `12964421`: "12964421",
		`"NAME <4164442828>"`: "NAME <4164442828>", `"caf\u00e9"`: "café",
	}
	for in, want := range cases {
		var s String
		if err := json.Unmarshal([]byte(in), &s); err != nil || s != want {
			t.Errorf("%s: got %q, %v; want %q", in, s, err, want)
		}
	}
	var s String
	if err := json.Unmarshal([]byte(`{"a":1}`), &s); err == nil {
		t.Error("object decoded as String")
	}
}

func TestDecimalDecoding(t *testing.T) {
	cases := []struct{ in, want string }{
		{`"0.00000000"`, "0.00000000"}, {`"112.192790"`, "112.192790"}, {`"0.99"`, "0.99"},
		{`"0.0100"`, "0.0100"}, {`0.0052`, "0.0052"}, {`3`, "3"}, {`"-1.50"`, "-1.50"},
		{`""`, "0"}, {`null`, "0"}, {`"1e-3"`, "0.001"}, {`"1.5E2"`, "150"},
	}
	for _, c := range cases {
		var d Decimal
		if err := json.Unmarshal([]byte(c.in), &d); err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if d.String() != c.want {
			t.Errorf("%s: got %s, want %s", c.in, d, c.want)
		}
	}
	for _, bad := range []string{`"1.2.3"`, `"abc"`, `"12345678901234567890"`, `[]`, `"0.0000000000000000001"`} {
		var d Decimal
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("%s: want error, got %s", bad, d)
		}
	}
	a, b := MustDecimal("3.5"), MustDecimal("3.50")
	if !a.Equal(b) || a.Cmp(MustDecimal("3.49")) != 1 {
		t.Error("Equal/Cmp")
	}
	sum, err := MustDecimal("0.10").Add(MustDecimal("0.2"))
	if err != nil || sum.String() != "0.30" {
		t.Errorf("Add: %s %v", sum, err)
	}
	diff, _ := MustDecimal("1").Sub(MustDecimal("0.0052"))
	if diff.String() != "0.9948" {
		t.Errorf("Sub: %s", diff)
	}
	if NewDecimal(350, 2).String() != "3.50" || NewDecimal(-5, 3).String() != "-0.005" {
		t.Error("NewDecimal")
	}
	out, _ := json.Marshal(MustDecimal("0.00000000"))
	if string(out) != `"0.00000000"` {
		t.Errorf("marshal: %s", out)
	}
}

func TestDateDecoding(t *testing.T) {
	var d Date
	if err := json.Unmarshal([]byte(`"2014-08-30"`), &d); err != nil || d.Time != time.Date(2014, 8, 30, 0, 0, 0, 0, time.UTC) {
		t.Errorf("date: %v %v", d, err)
	}
	for _, unset := range []string{`"0000-00-00"`, `""`, `false`, `null`, `"0000-00-00 00:00:00"`} {
		d := NewDate(2020, 1, 1)
		if err := json.Unmarshal([]byte(unset), &d); err != nil || !d.IsZero() {
			t.Errorf("%s: got %v, %v; want unset", unset, d, err)
		}
	}
	var dt DateTime
	if err := json.Unmarshal([]byte(`"2014-07-30 15:09:04"`), &dt); err != nil || dt.Time != time.Date(2014, 7, 30, 15, 9, 4, 0, time.UTC) {
		t.Errorf("datetime: %v %v", dt, err)
	}
	if err := json.Unmarshal([]byte(`"0000-00-00 00:00:00"`), &dt); err != nil || !dt.IsZero() {
		t.Errorf("zero datetime: %v %v", dt, err)
	}
	if err := json.Unmarshal([]byte(`"2023-06-26"`), &dt); err != nil || dt.Day() != 26 {
		t.Errorf("date as datetime: %v %v", dt, err)
	}
	for _, bad := range []string{`"2014-13-01"`, `"2014-02-30"`, `"30/08/2014"`, `"2014-08-30 25:00:00"`, `12`} {
		var d DateTime
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("%s: want error", bad)
		}
	}
	if NewDate(2014, 3, 30).String() != "2014-03-30" || (Date{}).String() != "0000-00-00" {
		t.Error("Date.String")
	}
}

type listRow struct {
	ID   Int    `json:"id"`
	Name String `json:"name"`
}

func TestListDecoding(t *testing.T) {
	cases := []struct {
		in   string
		want []Int
	}{
		{`[{"id":"1"},{"id":2}]`, []Int{1, 2}},
		{`{"id":"7","name":"x"}`, []Int{7}},
		{`{"2":{"id":"20"},"1":{"id":"10"},"10":{"id":"100"}}`, []Int{10, 20, 100}},
		{`null`, nil}, {`""`, nil}, {`false`, nil}, {`[]`, nil},
	}
	for _, c := range cases {
		var l List[listRow]
		if err := json.Unmarshal([]byte(c.in), &l); err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if len(l) != len(c.want) {
			t.Errorf("%s: got %d rows, want %d", c.in, len(l), len(c.want))
			continue
		}
		for i := range l {
			if l[i].ID != c.want[i] {
				t.Errorf("%s: row %d id %d, want %d", c.in, i, l[i].ID, c.want[i])
			}
		}
	}
	var strs List[String]
	if err := json.Unmarshal([]byte(`"5878831590"`), &strs); err != nil || len(strs) != 1 || strs[0] != "5878831590" {
		t.Errorf("bare scalar list: %v %v", strs, err)
	}
	var bad List[listRow]
	if err := json.Unmarshal([]byte(`[{"id":"x"}]`), &bad); err == nil {
		t.Error("want error for bad row")
	}
}

type paramsGolden struct {
	DID      string     `url:"did"`
	Routing  Routing    `url:"routing"`
	Busy     *Routing   `url:"failover_busy,omitempty"`
	NoAnswer *Routing   `url:"failover_noanswer,omitempty"`
	Monthly  Decimal    `url:"monthly"`
	Setup    *Decimal   `url:"setup,omitempty"`
	Next     *Date      `url:"next_billing,omitempty"`
	CNAM     bool       `url:"cnam,int"`
	Portout  *bool      `url:"portout,int,omitempty"`
	Attach   *YesNo     `url:"attach_message,omitempty"`
	Pop      int64      `url:"pop"`
	Dial     *int64     `url:"dialtime,omitempty"`
	DryRun   bool       `url:"test,int,omitempty"`
	Choices  IVRChoices `url:"choices,omitempty"`
	Members  RingGroupMembers
	Skip     string `url:"-"`
}

func TestParamsEncodingGolden(t *testing.T) {
	p := paramsGolden{
		DID:     "5551234567",
		Routing: RouteAccount("100001_VoIP"),
		Busy:    Ptr(RouteNone()),
		Monthly: MustDecimal("3.50"),
		Setup:   Ptr(MustDecimal("0.00")),
		Next:    Ptr(NewDate(2014, 3, 30)),
		CNAM:    true,
		Portout: Ptr(false),
		Attach:  Ptr(YesNo(true)),
		Pop:     3,
		DryRun:  true,
		Choices: IVRChoices{{"1", RouteSIPURI(5096)}, {"2", RouteForwarding(20222)}},
		Members: RingGroupMembers{MemberWithOptions(RouteAccount("100001"), 25, false), MemberWithOptions(RouteForwarding(16006), 10, true)},
	}
	v, err := query.Values(p)
	if err != nil {
		t.Fatal(err)
	}
	want := "Members=account%3A100001%2C25%2C0%3Bfwd%3A16006%2C10%2C1&attach_message=yes&choices=1%3Dsip%3A5096%3B2%3Dfwd%3A20222&cnam=1&did=5551234567&failover_busy=none%3A&monthly=3.50&next_billing=2014-03-30&pop=3&portout=0&routing=account%3A100001_VoIP&setup=0.00&test=1"
	if got := v.Encode(); got != want {
		t.Errorf("encode:\n got %s\nwant %s", got, want)
	}
	// Zero optional values are omitted; required zero values are sent.
	v, _ = query.Values(paramsGolden{})
	want = "Members=&cnam=0&did=&monthly=0&pop=0&routing="
	if got := v.Encode(); got != want {
		t.Errorf("zero encode:\n got %s\nwant %s", got, want)
	}
	var _ url.Values = v
}

func FuzzScalarDecoders(f *testing.F) {
	for _, s := range []string{`"1"`, `1`, `true`, `"yes"`, `"0000-00-00"`, `"2014-07-30 15:09:04"`, `"0.00000000"`, `1e400`,
		`"-1"`, `null`, `""`, `[1]`, `{"1":{}}`, `"\u0000"`, `"9223372036854775808"`, `-9223372036854775808`, `"1e99999999999"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var i Int
		_ = i.UnmarshalJSON(b)
		var fl Flag
		_ = fl.UnmarshalJSON(b)
		var s String
		_ = s.UnmarshalJSON(b)
		var d Decimal
		if d.UnmarshalJSON(b) == nil {
			// A decoded decimal must re-parse to the same value.
			d2, err := ParseDecimal(d.String())
			if err != nil || !d2.Equal(d) {
				t.Fatalf("decimal round trip: %s -> %v %v", d, d2, err)
			}
		}
		var dt Date
		_ = dt.UnmarshalJSON(b)
		var dtt DateTime
		_ = dtt.UnmarshalJSON(b)
		var l List[listRow]
		_ = l.UnmarshalJSON(b)
		var r Routing
		_ = r.UnmarshalJSON(b)
	})
}
