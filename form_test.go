package voipms

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/didkit/voipms/internal/transport"
)

// formViaQuery is the request body as the client built it before form
// plans: go-querystring and addDecimals, the credentials and method set on
// the url.Values, test=1 for a forced dry run, url.Values.Encode.
func formViaQuery(t *testing.T, c *Client, method string, params any, forceTest bool) (string, string) {
	t.Helper()
	v, err := encodeParams(method, params)
	if err != nil {
		t.Fatal(err)
	}
	if forceTest {
		v.Set("test", "1")
	}
	test := v.Get("test")
	v.Set("api_username", c.username)
	v.Set("api_password", c.password.Value())
	v.Set("method", method)
	return v.Encode(), test
}

// formViaPlan is the body from the type's form plan ("" and false when the
// type has none).
func formViaPlan(c *Client, method string, params any, forceTest bool) (string, string, bool) {
	plan, rv := planOf(params)
	if plan == nil {
		return "", "", false
	}
	b, test := plan.appendForm(nil, rv, c.formUser, c.formPass.Value(), method, forceTest)
	return string(b), test, true
}

// Every params struct of the API (the exported ones the services take) and
// hand-made ones with each field shape: the plan writes the same bytes as
// go-querystring + addDecimals + url.Values.Encode, for random values, with
// and without a forced dry run.
func TestFormPlanMatchesQueryValues(t *testing.T) {
	c, err := New("u+ser@example.com", `S3nt!nel p@ss&%/+"<'>\é`)
	if err != nil {
		t.Fatal(err)
	}
	types := apiParamsTypes()
	if len(types) < 50 {
		t.Fatalf("found only %d params types", len(types))
	}
	types = append(types,
		reflect.TypeFor[generalGetBalanceParams](),
		reflect.TypeFor[formShapes](),
		reflect.TypeFor[formWithTest](),
		reflect.TypeFor[paramsGolden](),   // Encoder fields and an embedded struct: no plan
		reflect.TypeFor[formRepeated](),   // a repeated key: no plan
		reflect.TypeFor[formReserved](),   // a client key: no plan (encodeParams refuses it)
		reflect.TypeFor[formUnexported](), // unexported and "-" fields are skipped
	)
	rng := rand.New(rand.NewPCG(19, 5))
	planned := 0
	for _, typ := range types {
		for i := range 40 {
			p := reflect.New(typ)
			fillRandom(rng, p.Elem(), i == 0)
			for _, force := range []bool{false, true} {
				got, gotTest, ok := formViaPlan(c, "getX", p.Interface(), force)
				if !ok {
					continue
				}
				if i == 0 && !force {
					planned++
				}
				want, wantTest := formViaQuery(t, c, "getX", p.Interface(), force)
				if got != want || gotTest != wantTest {
					t.Fatalf("%v (force test %v) %+v:\nplan  %s (test %q)\nquery %s (test %q)", typ, force, p.Elem().Interface(), got, gotTest, want, wantTest)
				}
			}
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[paramsGolden](), reflect.TypeFor[formRepeated](), reflect.TypeFor[formReserved]()} {
		if formPlanFor(typ) != nil {
			t.Errorf("%v has a plan; it must go through go-querystring", typ)
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[generalGetBalanceParams](), reflect.TypeFor[formShapes](), reflect.TypeFor[DIDListParams]()} {
		if formPlanFor(typ) == nil {
			t.Errorf("%v has no plan", typ)
		}
	}
	t.Logf("%d of %d params types encoded from a plan", planned, len(types))
	// nil params and a nil pointer: the credentials and the method only.
	for _, p := range []any{nil, (*generalGetBalanceParams)(nil)} {
		got, _, _ := formViaPlan(c, "getBalance", p, false)
		if want := "api_password=S3nt%21nel+p%40ss%26%25%2F%2B%22%3C%27%3E%5C%C3%A9&api_username=u%2Bser%40example.com&method=getBalance"; got != want {
			t.Errorf("%#v:\n got %s\nwant %s", p, got, want)
		}
	}
}

// apiParamsTypes returns the struct types the services' methods take a
// pointer to.
func apiParamsTypes() []reflect.Type {
	c := &Client{}
	c.common.client = c
	c.initServices()
	seen := map[reflect.Type]bool{}
	var out []reflect.Type
	cv := reflect.ValueOf(c).Elem()
	for i := 0; i < cv.NumField(); i++ {
		f := cv.Field(i)
		if f.Kind() != reflect.Pointer || !cv.Type().Field(i).IsExported() || f.IsNil() {
			continue
		}
		st := f.Type()
		for m := 0; m < st.NumMethod(); m++ {
			mt := st.Method(m).Type
			for a := 1; a < mt.NumIn(); a++ {
				in := mt.In(a)
				if in.Kind() == reflect.Pointer && in.Elem().Kind() == reflect.Struct && strings.HasSuffix(in.Elem().Name(), "Params") && !seen[in.Elem()] {
					seen[in.Elem()] = true
					out = append(out, in.Elem())
				}
			}
		}
	}
	return out
}

type formEnum string

type formStringer string

func (s formStringer) String() string { return "S(" + string(s) + ")" }

type formBoolStringer bool

func (b formBoolStringer) String() string { return "B" }

// formShapes has every field shape a plan writes.
type formShapes struct {
	S      string            `url:"s"`
	SO     string            `url:"so,omitempty"`
	SP     *string           `url:"sp"`
	SPO    *string           `url:"spo,omitempty"`
	E      formEnum          `url:"e,omitempty"`
	St     formStringer      `url:"st"`
	StP    *formStringer     `url:"stp,omitempty"`
	I      int64             `url:"i"`
	IO     int64             `url:"io,omitempty"`
	IP     *int64            `url:"ip,omitempty"`
	I32    int32             `url:"i32,omitempty"`
	U      uint              `url:"u,omitempty"`
	B      bool              `url:"b"`
	BI     bool              `url:"bi,int"`
	BIO    bool              `url:"bio,int,omitempty"`
	BP     *bool             `url:"bp,int,omitempty"`
	BPN    *bool             `url:"bpn"`
	BS     formBoolStringer  `url:"bs,omitempty"`
	BSI    formBoolStringer  `url:"bsi,int"`
	F      float64           `url:"f,omitempty"`
	T      time.Time         `url:"t" layout:"2006-01-02"`
	TO     time.Time         `url:"to,omitempty" layout:"2006-01-02 15:04:05"`
	TP     *time.Time        `url:"tp,omitempty" layout:"2006-01-02"`
	TR     time.Time         `url:"tr,omitempty"`
	TU     time.Time         `url:"tu,unix,omitempty"`
	D      decimal.Decimal   `url:"d"`
	DO     decimal.Decimal   `url:"do,omitempty"`
	DP     *decimal.Decimal  `url:"dp,omitempty"`
	DPN    *decimal.Decimal  `url:"dpn"`
	Sec    Secret            `url:"password,omitempty"`
	SecP   *Secret           `url:"pin"`
	Untag  string            // the field name is the key
	Spaced string            `url:"a key,omitempty"`
	Z      *formStringer     `url:"zz"`
	Early  string            `url:"api_aaa,omitempty"` // sorts before the credentials
	Mid    string            `url:"api_q,omitempty"`   // between api_password and api_username
	Late   string            `url:"zzz,omitempty"`
	Ptr2   *formEnum         `url:"penum,omitempty"`
	Flt    *float32          `url:"flt,omitempty"`
	Bool2  *formBoolStringer `url:"bool2,omitempty"`
}

type formWithTest struct {
	DID  string `url:"did"`
	Test bool   `url:"test,int,omitempty"`
}

type formRepeated struct {
	A string `url:"a"`
	B string `url:"a"`
}

type formReserved struct {
	M string `url:"method,omitempty"`
}

type formUnexported struct {
	A    string `url:"a"`
	b    string `url:"b"` //nolint:unused // skipped, as go-querystring does
	Skip string `url:"-"`
}

var formStrings = []string{"", "x", "a b", "é€", "&=+%/?#", "~-_.", "5551234567", "sip:5096;2=fwd:1", "\x00\xff", `"<'>`}

// fillRandom sets every exported field of v; zero makes every value its
// zero (nil pointers).
func fillRandom(rng *rand.Rand, v reflect.Value, zero bool) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if !v.Type().Field(i).IsExported() {
			continue
		}
		if zero || rng.IntN(4) == 0 {
			f.Set(reflect.Zero(f.Type()))
			continue
		}
		setRandom(rng, f)
	}
}

func setRandom(rng *rand.Rand, f reflect.Value) {
	t := f.Type()
	switch {
	case t.Kind() == reflect.Pointer:
		p := reflect.New(t.Elem())
		if t.Elem().Kind() != reflect.Pointer {
			setRandom(rng, p.Elem())
		}
		f.Set(p)
	case t == reflect.TypeFor[time.Time]():
		if rng.IntN(3) > 0 {
			f.Set(reflect.ValueOf(time.Date(2000+rng.IntN(30), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), 0, 0, time.UTC)))
		}
	case t == reflect.TypeFor[decimal.Decimal]():
		ds := []string{"0", "1.50", "-3", "0.00", "12345.678901", "1e3"}
		f.Set(reflect.ValueOf(decimal.RequireFromString(ds[rng.IntN(len(ds))])))
	case t == reflect.TypeFor[Routing]():
		f.Set(reflect.ValueOf(RouteSIPURI(int64(rng.IntN(9999)))))
	case t.Kind() == reflect.String:
		f.SetString(formStrings[rng.IntN(len(formStrings))])
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		f.SetInt([]int64{0, 1, -1, 42, 1 << 40}[rng.IntN(5)])
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64:
		f.SetUint(uint64(rng.IntN(3)))
	case t.Kind() == reflect.Bool:
		f.SetBool(rng.IntN(2) == 0)
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		f.SetFloat([]float64{0, 1.5, -2.25, 1e21}[rng.IntN(4)])
	case t.Kind() == reflect.Struct:
		fillRandom(rng, f, false)
	case t.Kind() == reflect.Slice:
		n := rng.IntN(3)
		s := reflect.MakeSlice(t, n, n)
		for j := 0; j < n; j++ {
			setRandom(rng, s.Index(j))
		}
		f.Set(s)
	}
}

// The plan path refuses what encodeParams refused: a state-changing method
// without a dry-run mode on a WithDryRun client, before any I/O.
func TestFormPlanDryRun(t *testing.T) {
	c, err := New("u@example.com", "pw", WithDryRun(), WithBaseURL("http://127.0.0.1:1/api"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"delForwarding"} {
		body, _, err := c.encodeForm(m, lookupMethod(m), &formWithTest{DID: "1"})
		if err == nil || !strings.Contains(err.Error(), "dry-run") || body != nil {
			t.Errorf("%s: %q, %v", m, body, err)
		}
	}
	info := methodInfo{Class: classWrite, HasTest: true}
	body, test, err := c.encodeForm("orderDID", info, &formWithTest{DID: "1"})
	if err != nil || test != "1" || !strings.Contains(string(body), "&test=1") || transportClassOf(info, test).String() != "read" {
		t.Errorf("dry run: %q test %q, %v", body, test, err)
	}
	// Without the forced dry run, the params' own test value decides.
	c2, _ := New("u@example.com", "pw")
	_, test, _ = c2.encodeForm("orderDID", info, &formWithTest{DID: "1", Test: true})
	if test != "1" || transportClassOf(info, test).String() != "read" {
		t.Errorf("test=1 in params: %q", test)
	}
	_, test, _ = c2.encodeForm("orderDID", info, &formWithTest{DID: "1"})
	if test != "" || transportClassOf(info, test).String() != "write" {
		t.Errorf("no test in params: %q", test)
	}
}

// A params value that sets a key the client sets is refused, whichever path
// encodes it.
func TestFormReservedKeys(t *testing.T) {
	c, _ := New("u@example.com", "pw")
	for _, p := range []any{&formReserved{M: "x"}, url.Values{"api_password": {"x"}}, map[string]string{"api_username": "x"}} {
		if _, _, err := c.encodeForm("getX", lookupMethod("getX"), p); err == nil || !strings.Contains(err.Error(), "set by the client") {
			t.Errorf("%#v: %v", p, err)
		}
	}
	err := c.Call(context.Background(), "getBalance", &formReserved{M: "x"}, nil)
	if err == nil || !strings.Contains(err.Error(), "set by the client") {
		t.Errorf("Call: %v", err)
	}
}

// A call's log record costs nothing unless the logger takes its level: no
// attributes are built for a disabled level (or without a logger).
func TestNoLogAttrsUnlessEnabled(t *testing.T) {
	ctx := context.Background()
	res := transport.Result{Attempts: 1, StatusCode: 200}
	apiErr := &APIError{Method: "getBalance", Status: "invalid_credentials"}
	for _, tc := range []struct {
		name   string
		logger *slog.Logger
		err    error
		max    float64
	}{
		{"no logger", nil, nil, 0},
		{"no logger, failed", nil, apiErr, 0},
		{"debug disabled", slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError})), nil, 0},
		// A failure's level is found first (errors.As: one allocation),
		// then nothing more when the level is off.
		{"info disabled", slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError})), apiErr, 1},
	} {
		c := &Client{logger: tc.logger}
		got := testing.AllocsPerRun(100, func() { c.logCall(ctx, "getBalance", res, tc.err, time.Millisecond) })
		if got > tc.max {
			t.Errorf("%s: %.0f allocations, want <= %.0f", tc.name, got, tc.max)
		}
	}
	// And an enabled level does write the record.
	var b strings.Builder
	c := &Client{logger: slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	c.logCall(ctx, "getBalance", res, nil, time.Millisecond)
	if !strings.Contains(b.String(), "method=getBalance") || !strings.Contains(b.String(), "http_status=200") {
		t.Errorf("record: %q", b.String())
	}
}
