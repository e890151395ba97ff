package voipms

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/didkit/voipms/internal/transport"
)

const testURL = "https://voip.ms/api/v1/rest.php"

// newMockClient returns a client whose requests go to its own httpmock
// transport (never the network), with fast retries.
func newMockClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	base := []Option{WithHTTPClient(&http.Client{Transport: mock}), WithRetry(3, time.Millisecond, 5*time.Millisecond)}
	c, err := New("user@example.com", "pw-test", append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, mock
}

func jsonResponder(body string) httpmock.Responder {
	return httpmock.NewStringResponder(200, body)
}

func TestNewValidatesOptions(t *testing.T) {
	bad := []Option{
		WithBaseURL("https://www.voip.ms/api/v1/rest.php"),
		WithBaseURL("ftp://voip.ms/x"),
		WithBaseURL("https://u:p@voip.ms/api"),
		WithBaseURL("https://voip.ms/api?api_password=x"),
		WithBaseURL("/relative"),
		WithHTTPClient(nil),
		WithTimeout(0),
		WithRetry(0, 0, 0),
		WithRetry(2, time.Second, time.Millisecond),
		WithUserAgent("x\r\ny"),
		WithMaxResponseBytes(0),
		WithRateLimit(0, 1),
	}
	for i, o := range bad {
		if _, err := New("u", "p", o); err == nil {
			t.Errorf("option %d: want error", i)
		}
	}
	if _, err := New("", "p"); !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("empty username: %v", err)
	}
	if _, err := New("u", ""); !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("empty password: %v", err)
	}
	c, err := New("u", "p")
	if err != nil || c.baseURL != DefaultBaseURL || c.DIDs == nil || c.SMS == nil || c.LNP == nil {
		t.Fatalf("defaults: %v %v", c, err)
	}
}

func TestNewFromEnv(t *testing.T) {
	t.Setenv("VOIPMS_API_USERNAME", "")
	t.Setenv("VOIPMS_API_PASSWORD", "")
	if _, err := NewFromEnv(); !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("want validation error, got %v", err)
	}
	t.Setenv("VOIPMS_API_USERNAME", "a@b.c")
	t.Setenv("VOIPMS_API_PASSWORD", "pw")
	t.Setenv("VOIPMS_API_URL", "http://127.0.0.1:9/api/v1/rest.php")
	c, err := NewFromEnv()
	if err != nil || c.baseURL != "http://127.0.0.1:9/api/v1/rest.php" {
		t.Fatalf("%v %v", c, err)
	}
}

// The request shape every call has: one POST of a form body to the one
// endpoint, credentials only in the body, a User-Agent.
func TestRequestShape(t *testing.T) {
	c, mock := newMockClient(t, WithUserAgent("billing-sync/2.1"))
	var got *http.Request
	var body string
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		got = r
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		return httpmock.NewStringResponse(200, `{"status":"success","dids":[]}`), nil
	})
	err := c.Call(context.Background(), "getDIDsInfo", url.Values{"did": {"5551234567"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodPost {
		t.Errorf("method %s", got.Method)
	}
	if got.URL.String() != testURL || got.URL.RawQuery != "" {
		t.Errorf("URL %s must carry nothing", got.URL)
	}
	if ct := got.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("content type %q", ct)
	}
	if ua := got.Header.Get("User-Agent"); ua != "billing-sync/2.1 didkit-voipms-go/"+Version {
		t.Errorf("user agent %q", ua)
	}
	if want := "api_password=pw-test&api_username=user%40example.com&did=5551234567&method=getDIDsInfo"; body != want {
		t.Errorf("body\n got %s\nwant %s", body, want)
	}
	if strings.Contains(got.URL.String(), "pw-test") {
		t.Error("password in URL")
	}

	// The default User-Agent is sent without WithUserAgent.
	c2, mock2 := newMockClient(t)
	mock2.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		got = r
		return httpmock.NewStringResponse(200, `{"status":"success"}`), nil
	})
	if err := c2.Call(context.Background(), "getIP", nil, nil); err != nil {
		t.Fatal(err)
	}
	if ua := got.Header.Get("User-Agent"); ua != "didkit-voipms-go/"+Version {
		t.Errorf("default user agent %q", ua)
	}
}

func TestCallRefusesReservedParams(t *testing.T) {
	c, mock := newMockClient(t)
	for _, k := range []string{"api_password", "api_username", "method"} {
		err := c.Call(context.Background(), "getIP", url.Values{k: {"x"}}, nil)
		if !errors.Is(err, ErrInvalidParameter) {
			t.Errorf("%s: %v", k, err)
		}
	}
	if err := c.Call(context.Background(), "get IP", nil, nil); !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("bad method name: %v", err)
	}
	var notPtr struct{}
	if err := c.Call(context.Background(), "getIP", nil, notPtr); !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("non-pointer out: %v", err)
	}
	if n := mock.GetTotalCallCount(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestRedirectRefused(t *testing.T) {
	var hits atomic.Int32
	srv := newLoopbackServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "http://127.0.0.1:1/elsewhere", http.StatusTemporaryRedirect)
	}))
	c, err := New("u", "p", WithBaseURL(srv), WithRetry(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	err = c.Call(context.Background(), "getIP", nil, nil)
	if err == nil || !strings.Contains(err.Error(), "redirect") {
		t.Fatalf("want redirect refusal, got %v", err)
	}
	if hits.Load() != 1 {
		t.Errorf("server hit %d times", hits.Load())
	}
}

func newLoopbackServer(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String() + "/api/v1/rest.php"
}

func TestAPIErrorMapping(t *testing.T) {
	cases := map[Status]error{
		"invalid_credentials": ErrAuth, "missing_credentials": ErrAuth, "ip_not_enabled": ErrIPNotAllowed,
		"api_not_enabled": ErrAPIDisabled, "api_limit_exceeded": ErrRateLimited, "no_did": ErrNotFound,
		"no_subaccount": ErrNotFound, "invalid_routing": ErrInvalidParameter, "missing_did": ErrInvalidParameter,
		"Invalid_threshold": ErrInvalidParameter, "did_in_use": ErrConflict, "existing_did": ErrConflict,
		"used_name": ErrConflict, "non_sufficient_funds": ErrInsufficientFunds, "did_limit_reached": ErrLimitReached,
		"limit_reached": ErrLimitReached, "unsifficient_stock": ErrUnavailable, "Unable_to_purchase": ErrUnavailable,
		"recording_in_use_did": ErrConflict, "location_not_found": ErrNotFound, "no_sequences": ErrNotFound,
	}
	c, mock := newMockClient(t)
	for status, want := range cases {
		mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"`+string(status)+`","message":"m"}`))
		err := c.Call(context.Background(), "setDIDInfo", nil, nil)
		var ae *APIError
		if !errors.As(err, &ae) || ae.Status != status || ae.Method != "setDIDInfo" || ae.HTTPStatusCode != 200 {
			t.Errorf("%s: %#v", status, err)
			continue
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: does not match %v", status, want)
		}
		if errors.Is(err, ErrOutcomeUnknown) {
			t.Errorf("%s: an API answer is not an unknown outcome", status)
		}
	}
	for _, s := range []Status{"no_callstatus", "no_change_billingtype"} {
		if (&APIError{Status: s}).Is(ErrNotFound) {
			t.Errorf("%s must not be not-found", s)
		}
	}
	if StatusNoDID.Description() == "" || !StatusNoDID.IsEmpty() || Status("brand_new").Known() {
		t.Error("status table")
	}
	if !errors.Is(notFound("getDIDsInfo", "did"), ErrNotFound) {
		t.Error("notFound")
	}
}

func TestCallListEmptyStatus(t *testing.T) {
	c, mock := newMockClient(t)
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"no_did"}`))
	var out struct {
		envelope
		DIDs []struct{ DID string } `json:"dids"`
	}
	if err := c.callList(context.Background(), "getDIDsInfo", nil, &out); err != nil || out.DIDs != nil {
		t.Fatalf("empty list: %v %v", out.DIDs, err)
	}
	// The raw Call keeps it an error.
	if err := c.Call(context.Background(), "getDIDsInfo", nil, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("Call: %v", err)
	}
	// A real failure that looks like no_* stays an error on list methods.
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"no_callstatus"}`))
	if err := c.callList(context.Background(), "getCDR", nil, &out); err == nil {
		t.Error("no_callstatus swallowed")
	}
}

func TestBadBodies(t *testing.T) {
	cases := []struct {
		name string
		code int
		body string
		kind ResponseErrorKind
	}{
		{"html", 200, "<html><body>Backend fetch failed</body></html>", BodyHTML},
		{"html503", 503, "<!DOCTYPE html><h1>503</h1>", BodyHTML},
		{"empty", 200, "", BodyEmpty},
		{"nostatus", 200, `{"dids":[]}`, BodyNoStatus},
		{"truncated", 200, `{"status":"success","dids":[{"did":"555`, BodyTruncated},
		{"truncated-brace", 200, `{"status":"success","dids":[{"did":"5551234567"}`, BodyTruncated},
		{"notjson", 200, `status=success`, BodyNotJSON},
		{"shape", 200, `{"status":"success","dids":"oops"}`, BodyShape},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := newMockClient(t)
			mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(tc.code, tc.body))
			var out struct {
				envelope
				DIDs []struct {
					DID string `json:"did"`
				} `json:"dids"`
			}
			err := c.Call(context.Background(), "getDIDsInfo", nil, &out)
			var re *ResponseError
			// One category each: a 503 outage page is ErrUnavailable (and
			// still a *ResponseError), every other bad body ErrBadResponse.
			wantCat := ErrBadResponse
			if tc.code == 503 {
				wantCat = ErrUnavailable
			}
			if !errors.As(err, &re) || re.Kind != tc.kind || !errors.Is(err, wantCat) {
				t.Fatalf("got %v, want kind %v matching %v", err, tc.kind, wantCat)
			}
			if wantCat == ErrUnavailable && errors.Is(err, ErrBadResponse) {
				t.Errorf("503 page matches ErrBadResponse too: two categories")
			}
			if tc.body != "" && strings.Contains(err.Error(), tc.body) {
				t.Error("error echoes the body")
			}
			if re.HTTPStatusCode != tc.code {
				t.Errorf("HTTP code %d", re.HTTPStatusCode)
			}
			// A read retries transient bad bodies up to the budget; a
			// shape mismatch is not transient.
			want := 3
			if tc.kind == BodyShape {
				want = 1
			}
			if n := mock.GetTotalCallCount(); n != want {
				t.Errorf("read made %d attempts, want %d", n, want)
			}
			// The same body on an order is an unknown outcome, sent once.
			c2, mock2 := newMockClient(t)
			mock2.RegisterResponder("POST", testURL, httpmock.NewStringResponder(tc.code, tc.body))
			err = c2.Call(context.Background(), "orderDID", nil, nil)
			if tc.kind != BodyShape {
				if !errors.Is(err, ErrOutcomeUnknown) || !errors.As(err, &re) {
					t.Errorf("order: got %v, want outcome unknown", err)
				}
			}
			if n := mock2.GetTotalCallCount(); n != 1 {
				t.Errorf("order sent %d times", n)
			}
		})
	}
}

// An empty 200 does not say a write happened: for every write, del* and
// remove* included, it is an unknown outcome, sent once (issue 11 §2).
func TestEmptyBodyOnWriteIsUnknown(t *testing.T) {
	for _, m := range []string{"delConference", "removeDIDvPRI", "delForwarding", "setForwarding", "orderDID", "sendSMS"} {
		c, mock := newMockClient(t)
		mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, ""))
		err := c.Call(context.Background(), m, url.Values{"id": {"1"}}, nil)
		var re *ResponseError
		if !errors.Is(err, ErrOutcomeUnknown) || !errors.As(err, &re) || re.Kind != BodyEmpty {
			t.Errorf("%s with empty body: %v, want ErrOutcomeUnknown over an empty-body ResponseError", m, err)
		}
		if n := mock.GetTotalCallCount(); n != 1 {
			t.Errorf("%s sent %d times, want 1", m, n)
		}
	}
}

func TestDryRun(t *testing.T) {
	c, mock := newMockClient(t, WithDryRun())
	var body string
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		return httpmock.NewStringResponse(200, `{"status":"success"}`), nil
	})
	if err := c.Call(context.Background(), "orderDID", url.Values{"did": {"5551234567"}}, nil); err != nil {
		t.Fatal(err)
	}
	if v, _ := url.ParseQuery(body); v.Get("test") != "1" {
		t.Errorf("dry-run order body %q lacks test=1", body)
	}
	if err := c.Call(context.Background(), "getDIDsInfo", nil, nil); err != nil {
		t.Errorf("reads work in dry-run mode: %v", err)
	}
	before := mock.GetTotalCallCount()
	for _, m := range []string{"setDIDRouting", "sendSMS", "delForwarding", "connectDID", "someFutureMethod"} {
		err := c.Call(context.Background(), m, nil, nil)
		if !errors.Is(err, ErrDryRunRefused) {
			t.Errorf("%s: %v", m, err)
		}
	}
	if mock.GetTotalCallCount() != before {
		t.Error("refused calls reached the transport")
	}
}

func TestReadRetriesTransient(t *testing.T) {
	c, mock := newMockClient(t)
	var n atomic.Int32
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		switch n.Add(1) {
		case 1:
			return httpmock.NewStringResponse(503, "<html>busy</html>"), nil
		case 2:
			return httpmock.NewStringResponse(200, `{"status":"api_limit_exceeded"}`), nil
		}
		return httpmock.NewStringResponse(200, `{"status":"success","ip":"127.0.0.1"}`), nil
	})
	var out struct {
		IP string `json:"ip"`
	}
	if err := c.Call(context.Background(), "getIP", nil, &out); err != nil || out.IP != "127.0.0.1" {
		t.Fatalf("%v %v", out, err)
	}
	if n.Load() != 3 {
		t.Errorf("%d attempts", n.Load())
	}
}

func TestWritesNotRetried(t *testing.T) {
	for _, m := range []string{"orderDID", "sendSMS", "setDIDRouting", "cancelDID", "addCharge"} {
		c, mock := newMockClient(t)
		mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(503, "<html>busy</html>"))
		err := c.Call(context.Background(), m, nil, nil)
		var ou *OutcomeUnknownError
		if !errors.As(err, &ou) || ou.Method != m {
			t.Errorf("%s: %v", m, err)
		}
		if mock.GetTotalCallCount() != 1 {
			t.Errorf("%s sent %d times", m, mock.GetTotalCallCount())
		}
		// Rate limiting is an answer that proves nothing ran, not an
		// ambiguity: a write is sent again within the budget (3 attempts).
		mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"api_limit_exceeded"}`))
		err = c.Call(context.Background(), m, nil, nil)
		if !errors.Is(err, ErrRateLimited) || errors.Is(err, ErrOutcomeUnknown) || mock.GetTotalCallCount() != 1+3 {
			t.Errorf("%s rate limited: %v (%d calls, want 1+3)", m, err, mock.GetTotalCallCount())
		}
	}
}

func TestWriteRetriedOnlyOnDialError(t *testing.T) {
	c, mock := newMockClient(t)
	var n atomic.Int32
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
		}
		return httpmock.NewStringResponse(200, `{"status":"success"}`), nil
	})
	if err := c.Call(context.Background(), "orderDID", nil, nil); err != nil {
		t.Fatalf("dial error then success: %v", err)
	}
	if n.Load() != 2 {
		t.Errorf("%d attempts", n.Load())
	}
	// A reset after sending is not retried and is an unknown outcome.
	c2, mock2 := newMockClient(t)
	mock2.RegisterResponder("POST", testURL, httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}))
	err := c2.Call(context.Background(), "orderDID", nil, nil)
	if !errors.Is(err, ErrOutcomeUnknown) || mock2.GetTotalCallCount() != 1 {
		t.Errorf("reset: %v (%d calls)", err, mock2.GetTotalCallCount())
	}
	var te *TransportError
	if !errors.As(err, &te) {
		t.Errorf("want TransportError in chain: %v", err)
	}
}

func TestContextCancelMidBackoff(t *testing.T) {
	// Both retry paths — transport retries of a 503 page and the client's
	// own retries of an unusable answer (api_limit_exceeded) — stop as soon
	// as the context ends; the latter also says what the last answer was.
	for _, tc := range []struct {
		name      string
		responder httpmock.Responder
		alsoIs    error // besides the context's error
	}{
		{"503 page", httpmock.NewStringResponder(503, "<html/>"), nil},
		{"api_limit_exceeded", jsonResponder(`{"status":"api_limit_exceeded","message":"slow down"}`), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mock := httpmock.NewMockTransport()
			mock.RegisterResponder("POST", testURL, tc.responder)
			c, err := New("u", "p", WithHTTPClient(&http.Client{Transport: mock}), WithRetry(10, 5*time.Second, 10*time.Second))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			start := time.Now()
			err = c.Call(ctx, "getDIDsInfo", nil, nil)
			if took := time.Since(start); took > time.Second {
				t.Errorf("cancel took %v", took)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("got %v, want DeadlineExceeded", err)
			}
			if tc.alsoIs != nil && !errors.Is(err, tc.alsoIs) {
				t.Errorf("got %v, want it to match %v too", err, tc.alsoIs)
			}
			// One category: the context's. The last answer is still there
			// for errors.As, but does not add a second category.
			if errors.Is(err, ErrRateLimited) || errors.Is(err, ErrUnavailable) || errors.Is(err, ErrBadResponse) {
				t.Errorf("got %v: matches the last answer's category besides the context's", err)
			}
			if strings.Contains(tc.name, "limit") {
				var ae *APIError
				if !errors.As(err, &ae) || ae.Status != "api_limit_exceeded" {
					t.Errorf("got %v, want the last answer reachable as *APIError", err)
				}
			}
			if n := mock.GetTotalCallCount(); n != 1 {
				t.Errorf("%d attempts, want 1 (the second would come after 5s)", n)
			}
		})
	}
}

func TestResponseSizeCap(t *testing.T) {
	c, mock := newMockClient(t, WithMaxResponseBytes(64))
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"success","dids":[`+strings.Repeat(`{"did":"5551234567"},`, 10)+`{}]}`))
	err := c.Call(context.Background(), "getDIDsInfo", nil, nil)
	var re *ResponseError
	if !errors.As(err, &re) || re.Kind != BodyTooLarge {
		t.Errorf("got %v", err)
	}
}

// The sentinel password must not appear in logs, errors or prints.
func TestSecretsNeverLeak(t *testing.T) {
	const pw = "S3ntinel+Pass/word&=?"
	forms := []string{pw, url.QueryEscape(pw), url.PathEscape(pw)}
	check := func(where, s string) {
		t.Helper()
		for _, f := range forms {
			if strings.Contains(s, f) {
				t.Errorf("%s leaks the password: %s", where, s)
			}
		}
	}
	// checkChain prints every error reachable by unwrapping (what
	// errors.As can hand a caller), not only the outermost.
	var checkChain func(where string, err error)
	checkChain = func(where string, err error) {
		t.Helper()
		if err == nil {
			return
		}
		check(where+fmt.Sprintf(" (layer %T)", err), fmt.Sprintf("%v %+v %s", err, err, err))
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			checkChain(where, u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				checkChain(where, e)
			}
		}
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	// Dial failure (nothing listens on port 1).
	c, err := New("user@example.com", pw, WithBaseURL("http://127.0.0.1:1/api/v1/rest.php"), WithLogger(logger),
		WithRetry(2, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	err = c.Call(context.Background(), "getDIDsInfo", nil, nil)
	if err == nil {
		t.Fatal("want dial error")
	}
	check("dial error", fmt.Sprintf("%v %+v %#v", err, err, err))
	check("client print", fmt.Sprintf("%v %+v %#v %s", c, c, c, c))
	check("client print (value)", fmt.Sprintf("%v %+v", *c, *c))
	logger.Info("client", "client", c)

	// Retries exhausted, outcome unknown, API error, rate limit, HTML decode.
	mc, mock := newMockClient(t)
	mc2, err := New("user@example.com", pw, WithHTTPClient(&http.Client{Transport: mock}), WithLogger(logger),
		WithRetry(3, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	_ = mc
	mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(503, "<html>"+pw+"</html>"))
	err = mc2.Call(context.Background(), "getDIDsInfo", nil, nil)
	check("retries exhausted", fmt.Sprintf("%v %+v %#v %s", err, err, err, err))
	checkChain("retries exhausted", err)
	err = mc2.Call(context.Background(), "orderDID", nil, nil)
	check("outcome unknown", fmt.Sprintf("%v %+v %#v %s", err, err, err, err))
	checkChain("outcome unknown", err)
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"invalid_credentials","message":"Username or Password is incorrect"}`))
	err = mc2.Call(context.Background(), "getDIDsInfo", nil, nil)
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want APIError: %v", err)
	}
	check("APIError", fmt.Sprintf("%v %+v %#v", err, ae, ae))
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"api_limit_exceeded","message":"limit for `+pw+`"}`))
	err = mc2.Call(context.Background(), "orderDID", nil, nil)
	check("rate limited with echoing message", fmt.Sprintf("%v %+v %#v %s", err, err, err, err))
	checkChain("rate limited with echoing message", err)
	if !errors.Is(err, ErrRateLimited) {
		t.Errorf("scrubbed error lost its chain: %v", err)
	}
	var echoed *APIError
	if !errors.As(err, &echoed) {
		t.Fatalf("want APIError: %v", err)
	}
	check("APIError reached with errors.As, echoing message", fmt.Sprintf("%v %+v %#v %s", echoed, echoed, echoed, echoed.Message))
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"invalid_did","message":"no DID `+url.QueryEscape(pw)+`"}`))
	_, err = mc2.DIDs.Get(context.Background(), "5551234567") // fetch-one: the error is re-made as not found
	if !errors.As(err, &echoed) || !errors.Is(err, ErrNotFound) {
		t.Fatalf("want a not-found APIError: %v", err)
	}
	check("not-found APIError, echoing message", fmt.Sprintf("%v %+v %#v %s", err, echoed, echoed, echoed.Message))
	mock.RegisterResponder("POST", testURL, httpmock.NewErrorResponder(&url.Error{Op: "Post", URL: testURL + "?api_password=" + url.QueryEscape(pw), Err: errors.New("boom " + pw)}))
	err = mc2.Call(context.Background(), "getDIDsInfo", nil, nil)
	check("url.Error", fmt.Sprintf("%v %+v %#v %s", err, err, err, err))
	checkChain("url.Error", err)
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Fatalf("url.Error lost from chain: %v", err)
	}
	check("url.Error reached with errors.As", fmt.Sprintf("%v %+v %s %s", ue, ue, ue.URL, ue.Err))
	check("slog output", logs.String())
	if !strings.Contains(logs.String(), "getDIDsInfo") {
		t.Error("debug log missing the method")
	}
}

// One Client is shared by many goroutines; -race must stay quiet and no
// goroutine may outlive the calls.
func TestConcurrentUseNoLeaks(t *testing.T) {
	srv := newLoopbackServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		if r.PostForm.Get("method") == "orderDID" {
			_, _ = io.WriteString(w, `{"status":"did_in_use"}`)
			return
		}
		_, _ = io.WriteString(w, `{"status":"success","ip":"127.0.0.1"}`)
	}))
	before := runtimeGoroutines()
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	c, err := New("u", "p", WithBaseURL(srv), WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 64)
	for i := 0; i < 64; i++ {
		go func(i int) {
			var out struct {
				IP string `json:"ip"`
			}
			if i%2 == 0 {
				done <- c.Call(context.Background(), "getIP", nil, &out)
				return
			}
			err := c.Call(context.Background(), "orderDID", nil, nil)
			if errors.Is(err, ErrConflict) {
				err = nil
			}
			done <- err
		}(i)
	}
	for i := 0; i < 64; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	hc.CloseIdleConnections()
	waitForGoroutines(t, before)
}

// WithTimeout bounds each attempt: a read whose first attempt hangs is cut
// off and retried; a write that hangs after sending is not retried and
// reports an unknown outcome.
func TestTimeoutPerAttempt(t *testing.T) {
	var n atomic.Int32
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	u := newLoopbackServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			select { // the first request hangs
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		if r.FormValue("method") == "orderDID" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"status":"success","dids":[{"did":"5551234567"}]}`)
	}))
	c, err := New("user@example.com", "pw", WithBaseURL(u), WithTimeout(100*time.Millisecond),
		WithRetry(3, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	d, err := c.DIDs.Get(context.Background(), "5551234567")
	if err != nil || string(d.DID) != "5551234567" {
		t.Fatalf("Get = %v, %v", d, err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("read took %v with a 100ms attempt timeout", el)
	}
	if got := n.Load(); got != 2 {
		t.Errorf("server saw %d requests, want 2 (one timed out, one retried)", got)
	}

	before := n.Load()
	_, err = c.DIDs.Order(context.Background(), &DIDOrderParams{DID: "5551234567", DIDSettings: DIDSettings{Routing: RouteAccount("100001_VoIP"), POP: 3, DialTime: 60, CNAM: true}, BillingType: DIDBillingTypePerMinute})
	if !errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("hung write: %v, want ErrOutcomeUnknown", err)
	}
	if got := n.Load() - before; got != 1 {
		t.Errorf("hung write sent %d times, want 1", got)
	}
}

func TestBackoffHonoursRetryAfterAndJitters(t *testing.T) {
	resp := func(code int, ra string) *http.Response {
		h := http.Header{}
		if ra != "" {
			h.Set("Retry-After", ra)
		}
		return &http.Response{StatusCode: code, Header: h}
	}
	min, max := 100*time.Millisecond, 10*time.Second
	for _, tc := range []struct {
		name string
		resp *http.Response
		want time.Duration
	}{
		{"503 seconds", resp(503, "3"), 3 * time.Second},
		{"429 seconds", resp(429, "0"), 0},
		{"capped at a minute", resp(503, "3600"), time.Minute},
	} {
		if got := transport.Backoff(min, max, 0, tc.resp, 0); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	date := resp(503, time.Now().Add(30*time.Second).UTC().Format(http.TimeFormat))
	if got := transport.Backoff(min, max, 0, date, 0); got < 28*time.Second || got > 30*time.Second {
		t.Errorf("HTTP-date Retry-After: %v, want about 30s", got)
	}
	// Retry-After is only honoured on 429/503; elsewhere (or when it is
	// unreadable) the jittered exponential wait applies: attempt 2 waits
	// between half and all of min·2².
	seen := map[time.Duration]bool{}
	for range 200 {
		for _, r := range []*http.Response{nil, resp(500, "3"), resp(503, "soon")} {
			d := transport.Backoff(min, max, 2, r, 0)
			if d < 200*time.Millisecond || d > 400*time.Millisecond {
				t.Fatalf("attempt 2 waited %v, want within [200ms, 400ms]", d)
			}
			seen[d] = true
		}
	}
	if len(seen) < 10 {
		t.Errorf("only %d distinct waits in 600 draws: no jitter", len(seen))
	}
	if got := transport.Backoff(min, 300*time.Millisecond, 10, nil, 0); got < 150*time.Millisecond || got > 300*time.Millisecond {
		t.Errorf("attempt 10 with max 300ms waited %v", got)
	}
}

// End to end: a 503 page with Retry-After: 1 holds the retry of a read for
// that second even though the client's own backoff is a millisecond.
func TestRetryAfterHonouredEndToEnd(t *testing.T) {
	var n atomic.Int32
	var first, second atomic.Int64
	u := newLoopbackServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			first.Store(time.Now().UnixNano())
			w.Header().Set("Retry-After", "1")
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, "<html>busy</html>")
			return
		}
		second.Store(time.Now().UnixNano())
		_, _ = io.WriteString(w, `{"status":"success","dids":[]}`)
	}))
	c, err := New("u", "p", WithBaseURL(u), WithRetry(3, time.Millisecond, 2*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Call(context.Background(), "getDIDsInfo", nil, nil); err != nil {
		t.Fatal(err)
	}
	if gap := time.Duration(second.Load() - first.Load()); gap < 900*time.Millisecond {
		t.Errorf("retried after %v, want about 1s (Retry-After)", gap)
	}
}
