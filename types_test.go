package voipms

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// Results flow into the next call without conversions: where a result field
// is an id a params field takes, both have the same plain type. This test
// is mostly the compiler's: it does not build if the types drift apart.
func TestResultsFlowIntoParams(t *testing.T) {
	found := []AvailableDIDUSA{{DID: "5551234567"}}
	servers := []Server{{POP: 3}}
	setups := []VoicemailSetup{{Value: 2}}
	order := DIDOrderParams{DID: found[0].DID, DIDSettings: DIDSettings{POP: servers[0].POP}}
	ivr := IVRSetParams{VoicemailSetup: setups[0].Value}
	if order.DID != "5551234567" || order.POP != 3 || ivr.VoicemailSetup != 2 {
		t.Fatal(order, ivr)
	}
	// A bill is decimal arithmetic with the caller's rounding.
	var rate decimal.Decimal = AvailableDIDUSA{PerMinuteMinute: decimal.RequireFromString("0.0095")}.PerMinuteMinute
	bill := rate.Mul(decimal.NewFromInt(127)).Round(2)
	if bill.String() != "1.21" {
		t.Fatalf("bill = %s", bill)
	}
}

func decodeOne[T any](t *testing.T, raw string) (T, error) {
	t.Helper()
	var out struct {
		V T `json:"v"`
	}
	err := unmarshal([]byte(`{"v":`+raw+`}`), &out)
	return out.V, err
}

// Every encoding reference §4 lists for a scalar decodes into the plain type.
func TestScalarTolerance(t *testing.T) {
	ints := map[string]int64{`"60"`: 60, `60`: 60, `"-1"`: -1, `""`: 0, `null`: 0, `true`: 1, `false`: 0, `" 7 "`: 7,
		`"60.0"`: 60, `1e3`: 1000, `[]`: 0, `{}`: 0, `"9223372036854775807"`: 9223372036854775807}
	for in, want := range ints {
		if got, err := decodeOne[int64](t, in); err != nil || got != want {
			t.Errorf("int64 %s: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{`"abc"`, `"1.5"`, `{"a":1}`, `[1]`, `"9223372036854775808"`, `"-"`} {
		if got, err := decodeOne[int64](t, bad); err == nil {
			t.Errorf("int64 %s: %d, want an error", bad, got)
		}
	}
	for _, in := range []string{`"1"`, `1`, `true`, `"yes"`, `"Yes"`, `"y"`, `"on"`, `"enabled"`} {
		if got, err := decodeOne[bool](t, in); err != nil || !got {
			t.Errorf("bool %s: %v %v", in, got, err)
		}
	}
	for _, in := range []string{`"0"`, `0`, `false`, `"no"`, `"No"`, `""`, `null`, `"-1"`, `[]`} {
		if got, err := decodeOne[bool](t, in); err != nil || got {
			t.Errorf("bool %s: %v %v", in, got, err)
		}
	}
	if _, err := decodeOne[bool](t, `"maybe"`); err == nil {
		t.Error(`bool "maybe": no error`)
	}
	strs := map[string]string{`"5551234567"`: "5551234567", `5551234567`: "5551234567", `null`: "", `[]`: "", `"  a "`: "  a ", `true`: "true"}
	for in, want := range strs {
		if got, err := decodeOne[string](t, in); err != nil || got != want {
			t.Errorf("string %s: %q %v; want %q", in, got, err, want)
		}
	}
	decs := map[string]string{`"0.99"`: "0.99", `0.99`: "0.99", `"-0.0052"`: "-0.0052", `""`: "0", `null`: "0", `"1e-3"`: "0.001",
		`"123456789012345678901234.5"`: "123456789012345678901234.5"}
	for in, want := range decs {
		got, err := decodeOne[decimal.Decimal](t, in)
		if err != nil || !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("decimal %s: %v %v; want %s", in, got, err, want)
		}
	}
	if d, _ := decodeOne[decimal.Decimal](t, `"1.50"`); decimalString(d) != "1.50" {
		t.Errorf("1.50 kept as %s", decimalString(d))
	}
	for _, bad := range []string{`"1,50"`, `"abc"`, `true`} {
		if _, err := decodeOne[decimal.Decimal](t, bad); err == nil {
			t.Errorf("decimal %s: no error", bad)
		}
	}
	times := map[string]time.Time{
		`"2014-07-30 15:09:04"`: time.Date(2014, 7, 30, 15, 9, 4, 0, time.UTC),
		`"2014-07-30T15:09:04"`: time.Date(2014, 7, 30, 15, 9, 4, 0, time.UTC),
		`"2014-08-30"`:          time.Date(2014, 8, 30, 0, 0, 0, 0, time.UTC),
		`"0000-00-00"`:          {}, `"0000-00-00 00:00:00"`: {}, `""`: {}, `false`: {}, `null`: {},
	}
	for in, want := range times {
		if got, err := decodeOne[time.Time](t, in); err != nil || !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("time %s: %v %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{`"2014-02-30"`, `"30/07/2014"`, `"2014-07-30 25:00:00"`} {
		if _, err := decodeOne[time.Time](t, bad); err == nil {
			t.Errorf("time %s: no error", bad)
		}
	}
}

// A getTransactionHistory date can be a period (seen live).
func TestDateRange(t *testing.T) {
	r, err := decodeOne[DateRange](t, `"2015-11-02 to 2016-11-01"`)
	if err != nil || !r.Start.Equal(time.Date(2015, 11, 2, 0, 0, 0, 0, time.UTC)) || !r.End.Equal(time.Date(2016, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("range: %+v %v", r, err)
	}
	if r.String() != "2015-11-02 to 2016-11-01" {
		t.Errorf("String: %s", r)
	}
	r, err = decodeOne[DateRange](t, `"2016-11-01"`)
	if err != nil || !r.Start.Equal(r.End) || r.Start.Day() != 1 || r.String() != "2016-11-01" {
		t.Fatalf("one day: %+v %v", r, err)
	}
	if r, err := decodeOne[DateRange](t, `"0000-00-00"`); err != nil || !r.IsZero() {
		t.Fatalf("unset: %+v %v", r, err)
	}
	c, mock := newMockClient(t)
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"success","transactions":[`+
		`{"date":"2015-11-02 to 2016-11-01","uniqueid":"1","type":"Monthly Fee","description":"DID","ammount":"-0.85"}]}`))
	tx, err := c.General.ListTransactions(context.Background(), time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2016, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || len(tx) != 1 || tx[0].Date.End.Year() != 2016 || !tx[0].Amount.Equal(decimal.RequireFromString("-0.85")) {
		t.Fatalf("ListTransactions: %+v %v", tx, err)
	}
}

// Issue 11 §4: {} where a list is expected is an empty list (not one
// phantom record of zero values); [] where an object is expected is the
// zero object.
func TestEmptyShapes(t *testing.T) {
	l, err := decodeOne[[]DID](t, `{}`)
	if err != nil || len(l) != 0 {
		t.Fatalf("{} as a list: %d records, %v", len(l), err)
	}
	o, err := decodeOne[DID](t, `[]`)
	if err != nil || o.DID != "" {
		t.Fatalf("[] as an object: %+v %v", o, err)
	}
	c, mock := newMockClient(t)
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"success","dids":{}}`))
	dids, err := c.DIDs.List(context.Background(), nil)
	if err != nil || len(dids) != 0 {
		t.Fatalf("DIDs.List on {}: %d records, %v", len(dids), err)
	}
	if _, err := decodeOne[DID](t, `[{"did":"1"}]`); err == nil {
		t.Error("a non-empty array as an object: no error")
	}
}

// Issue 11 §4: a scalar that cannot be decoded fails with an error that
// names the method, the record index and the field, and not the value.
func TestDecodeErrorNamesMethodIndexField(t *testing.T) {
	c, mock := newMockClient(t)
	rows := []string{}
	for i := 0; i < 5; i++ {
		date := `"2016-11-0` + string(rune('1'+i)) + `"`
		if i == 3 {
			date = `"SECRETVALUE"`
		}
		rows = append(rows, `{"date":`+date+`,"uniqueid":"1","type":"x","description":"y","ammount":"1.00"}`)
	}
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"success","transactions":[`+strings.Join(rows, ",")+`]}`))
	_, err := c.General.ListTransactions(context.Background(), time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2016, 12, 1, 0, 0, 0, 0, time.UTC))
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.Contains(msg, "getTransactionHistory") || !strings.Contains(msg, "transactions[3].date: cannot decode date") {
		t.Errorf("error %q does not name the method, index and field", msg)
	}
	if strings.Contains(msg, "SECRETVALUE") {
		t.Errorf("error %q echoes the value", msg)
	}
	if !errors.Is(err, ErrBadResponse) {
		t.Errorf("%v: not ErrBadResponse", err)
	}
	// Money fails loudly too, naming the field.
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"success","transactions":[{"date":"2016-11-01","ammount":"1,00"}]}`))
	_, err = c.General.ListTransactions(context.Background(), time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2016, 12, 1, 0, 0, 0, 0, time.UTC))
	if err == nil || !strings.Contains(err.Error(), "transactions[0].ammount: cannot decode decimal") {
		t.Errorf("money: %v", err)
	}
}

type paramsGolden struct {
	DID     string           `url:"did"`
	Routing Routing          `url:"routing"`
	Busy    *Routing         `url:"failover_busy,omitempty"`
	Monthly decimal.Decimal  `url:"monthly"`
	Setup   *decimal.Decimal `url:"setup,omitempty"`
	Minute  decimal.Decimal  `url:"minute,omitempty"`
	Next    *time.Time       `url:"next_billing,omitempty" layout:"2006-01-02"`
	From    time.Time        `url:"date_from" layout:"2006-01-02"`
	CNAM    bool             `url:"cnam,int"`
	Attach  *YesNo           `url:"attach_message,omitempty"`
	Pop     int64            `url:"pop"`
	DryRun  bool             `url:"test,int,omitempty"`
	Choices IVRChoices       `url:"choices,omitempty"`
	Skip    string           `url:"-"`
	paramsEmbedded
}

type paramsEmbedded struct {
	Charge *decimal.Decimal `url:"charge,omitempty"`
}

// Decimal params are sent with the digits they hold (go-querystring alone
// would send nothing for a decimal.Decimal); dates as YYYY-MM-DD.
func TestParamsEncodingGolden(t *testing.T) {
	p := paramsGolden{
		DID:            "5551234567",
		Routing:        RouteAccount("100001_VoIP"),
		Busy:           Ptr(RouteNone()),
		Monthly:        decimal.RequireFromString("3.50"),
		Setup:          Ptr(decimal.RequireFromString("0.00")),
		Next:           Ptr(time.Date(2014, 3, 30, 0, 0, 0, 0, time.UTC)),
		From:           time.Date(2014, 3, 1, 0, 0, 0, 0, time.UTC),
		CNAM:           true,
		Attach:         Ptr(YesNo(true)),
		Pop:            3,
		DryRun:         true,
		Choices:        IVRChoices{{"1", RouteSIPURI(5096)}, {"2", RouteForwarding(20222)}},
		paramsEmbedded: paramsEmbedded{Charge: Ptr(decimal.RequireFromString("4.99").Mul(decimal.NewFromInt(3)))},
	}
	v, err := encodeParams("x", &p)
	if err != nil {
		t.Fatal(err)
	}
	want := "attach_message=yes&charge=14.97&choices=1%3Dsip%3A5096%3B2%3Dfwd%3A20222&cnam=1&date_from=2014-03-01&did=5551234567&failover_busy=none%3A&monthly=3.50&next_billing=2014-03-30&pop=3&routing=account%3A100001_VoIP&setup=0.00&test=1"
	if got := v.Encode(); got != want {
		t.Errorf("encode:\n got %s\nwant %s", got, want)
	}
	v, _ = encodeParams("x", paramsGolden{})
	want = "cnam=0&date_from=0001-01-01&did=&monthly=0&pop=0&routing="
	if got := v.Encode(); got != want {
		t.Errorf("zero encode:\n got %s\nwant %s", got, want)
	}
}
