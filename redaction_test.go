package voipms

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/didkit/voipms/internal/transport"
)

// The two sentinel passwords issue 11 requires by name: letters only, and
// one with every character that changes under some encoding.
var sentinelPasswords = []string{"SENTINELpw", `S3nt!nel p@ss&%/+"<'>\é`}

// leakForms is every form the password can take in a text: raw, query
// escaped (upper and lower %xx, + and %20 for space), path escaped, HTML
// escaped, %q quoted, JSON escaped.
func leakForms(pw string) []string {
	return transport.Encodings(pw)
}

func checkNoLeak(t *testing.T, pw, where, s string) {
	t.Helper()
	for _, f := range leakForms(pw) {
		if strings.Contains(s, f) {
			t.Errorf("%s leaks the password (form %q): %s", where, f, s)
			return
		}
	}
}

// checkChainNoLeak prints every layer a caller can reach with errors.As.
func checkChainNoLeak(t *testing.T, pw, where string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	checkNoLeak(t, pw, fmt.Sprintf("%s (layer %T)", where, err), fmt.Sprintf("%v|%+v|%#v|%s|%q", err, err, err, err, err))
	var ae *APIError
	if errors.As(err, &ae) {
		checkNoLeak(t, pw, where+" APIError fields", string(ae.Status)+"|"+ae.Message)
	}
	var re *ResponseError
	if errors.As(err, &re) {
		checkNoLeak(t, pw, where+" ResponseError.Detail", re.Detail)
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		checkChainNoLeak(t, pw, where, u.Unwrap())
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			checkChainNoLeak(t, pw, where, e)
		}
	}
}

// TestRedactionSentinelPasswords: a server that echoes the password in
// every form, in the message, the status and truncated, and transport
// failures that carry it; none of it reaches an error, a field reachable
// with errors.As, or a log record. Run with both sentinels.
func TestRedactionSentinelPasswords(t *testing.T) {
	for _, pw := range sentinelPasswords {
		t.Run(strconv.Quote(pw), func(t *testing.T) {
			q := url.QueryEscape(pw)
			lowerQ := strings.Map(func(r rune) rune { return r }, q)
			for i := 0; i+2 < len(lowerQ); i++ {
				if lowerQ[i] == '%' {
					lowerQ = lowerQ[:i+1] + strings.ToLower(lowerQ[i+1:i+3]) + lowerQ[i+3:]
				}
			}
			echoes := map[string]string{
				"raw":           pw,
				"query":         q,
				"lower %xx":     lowerQ,
				"plus":          strings.ReplaceAll(pw, " ", "+"),
				"html":          html.EscapeString(pw),
				"%q":            fmt.Sprintf("%q", pw),
				"truncated":     "api_password=" + q[:len(q)/2],
				"truncated raw": "api_password=" + pw[:4],
			}
			var logs bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			mock := httpmock.NewMockTransport()
			c, err := New("user@example.com", pw, WithHTTPClient(&http.Client{Transport: mock}), WithLogger(logger),
				WithRetry(2, time.Millisecond, time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for name, echo := range echoes {
				body := fmt.Sprintf(`{"status":%q,"message":%q}`, "echo_"+echo, "you sent "+echo)
				mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, body))
				err := c.Call(ctx, "getDIDsInfo", nil, nil)
				var ae *APIError
				if !errors.As(err, &ae) {
					t.Fatalf("%s: want *APIError, got %v", name, err)
				}
				checkChainNoLeak(t, pw, "status/message echo "+name, err)

				mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(200, fmt.Sprintf(`{"status":"invalid_did","message":%q}`, "did "+echo)))
				err = c.Call(ctx, "orderDID", nil, nil)
				if !errors.Is(err, ErrInvalidParameter) {
					t.Errorf("%s: documented status lost its category: %v", name, err)
				}
				checkChainNoLeak(t, pw, "message echo "+name, err)

				mock.RegisterResponder("POST", testURL, httpmock.NewErrorResponder(&url.Error{Op: "Post", URL: testURL + "?" + echo,
					Err: &net.OpError{Op: "read", Net: "tcp", Err: errors.New("reset; peer said " + echo)}}))
				err = c.Call(ctx, "sendSMS", nil, nil)
				if !errors.Is(err, ErrOutcomeUnknown) {
					t.Errorf("%s: reset after send: %v, want ErrOutcomeUnknown", name, err)
				}
				checkChainNoLeak(t, pw, "transport echo "+name, err)
				err = c.Call(ctx, "getDIDsInfo", nil, nil)
				if !errors.Is(err, ErrTransport) {
					t.Errorf("%s: read reset: %v, want ErrTransport", name, err)
				}
				checkChainNoLeak(t, pw, "retries exhausted "+name, err)
			}
			// Dial failure and the client printed every way, alone and
			// inside a struct (exported and unexported field).
			dc, err := New("user@example.com", pw, WithBaseURL("http://127.0.0.1:1/api/v1/rest.php"), WithLogger(logger),
				WithRetry(2, time.Millisecond, time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			err = dc.Call(ctx, "getDIDsInfo", nil, nil)
			if !errors.Is(err, ErrTransport) {
				t.Errorf("dial: %v", err)
			}
			checkChainNoLeak(t, pw, "dial", err)
			type holder struct {
				C  Client
				P  *Client
				c  Client
				pc *Client
			}
			h := holder{C: *dc, P: dc, c: *dc, pc: dc}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%t", "%c", "%f", "%U", "%x", "%d"} {
				checkNoLeak(t, pw, "client "+verb, fmt.Sprintf(verb, dc)+fmt.Sprintf(verb, *dc))
				checkNoLeak(t, pw, "client in a struct "+verb, fmt.Sprintf(verb, h)+fmt.Sprintf(verb, &h))
			}
			logger.Info("client", "client", dc, "holder", h)
			checkNoLeak(t, pw, "logs", logs.String())
		})
	}
}

// Classification comes before redaction: a one-letter password that occurs
// in every error text changes neither the category nor the outcome.
func TestShortPasswordDoesNotChangeClassification(t *testing.T) {
	for _, pw := range []string{"a", "d", "i", "l", "p", "e", "o", "n", "_", "%"} {
		mock := httpmock.NewMockTransport()
		c, err := New("user@example.com", pw, WithHTTPClient(&http.Client{Transport: mock}), WithRetry(1, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		mock.RegisterResponder("POST", testURL, httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}))
		err = c.Call(ctx, "orderDID", nil, nil)
		var te *TransportError
		if errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, ErrTransport) || !errors.As(err, &te) || te.Kind != "dial" || te.Sent {
			t.Errorf("pw %q: dial error on a write: %v, want ErrTransport kind dial, not sent", pw, err)
		}
		mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"invalid_did","message":"Invalid DID"}`))
		err = c.Call(ctx, "getDIDsInfo", nil, nil)
		var ae *APIError
		if !errors.Is(err, ErrInvalidParameter) || !errors.As(err, &ae) || ae.Status != "invalid_did" {
			t.Errorf("pw %q: invalid_did: %v", pw, err)
		}
		mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"api_limit_exceeded"}`))
		err = c.Call(ctx, "getDIDsInfo", nil, nil)
		if !errors.Is(err, ErrRateLimited) {
			t.Errorf("pw %q: api_limit_exceeded: %v", pw, err)
		}
		mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(503, "<html>down</html>"))
		err = c.Call(ctx, "getDIDsInfo", nil, nil)
		if !errors.Is(err, ErrUnavailable) {
			t.Errorf("pw %q: 503 page: %v", pw, err)
		}
	}
}

// Other secrets in params print [REDACTED] under every verb and slog and
// still go on the wire.
func TestSecretParams(t *testing.T) {
	type params struct {
		Password Secret  `url:"password"`
		PIN      *Secret `url:"port_out_pin,omitempty"`
		Name     string  `url:"name"`
	}
	for _, pw := range sentinelPasswords {
		pin := Secret("4321" + pw)
		p := params{Password: Secret(pw), PIN: &pin, Name: "box"}
		var out []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%c", "%f", "%U"} {
			out = append(out, fmt.Sprintf(verb, p), fmt.Sprintf(verb, &p), fmt.Sprintf(verb, p.Password), fmt.Sprintf(verb, p.PIN))
		}
		var logs bytes.Buffer
		slog.New(slog.NewJSONHandler(&logs, nil)).Info("p", "params", p, "pw", p.Password)
		slog.New(slog.NewTextHandler(&logs, nil)).Info("p", "params", p, "pw", p.Password)
		out = append(out, logs.String())
		for _, o := range out {
			checkNoLeak(t, pw, "params print", o)
		}
		c, mock := newMockClient(t)
		var wire url.Values
		mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
			_ = r.ParseForm()
			wire = r.PostForm
			return httpmock.NewStringResponse(200, `{"status":"success"}`), nil
		})
		if err := c.Call(context.Background(), "setVoicemail", p, nil); err != nil {
			t.Fatal(err)
		}
		if wire.Get("password") != pw || wire.Get("port_out_pin") != string(pin) || wire.Get("name") != "box" {
			t.Errorf("wire: %v", wire)
		}
	}
}

// WithLogger: a failed call's record carries the wire status (API answers,
// at INFO) or the error kind (WARN), and whether the outcome is unknown.
func TestLogRecordsOfFailedCalls(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mock := newMockClient(t, WithLogger(logger))
	ctx := context.Background()
	last := func() string {
		lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
		return lines[len(lines)-1]
	}
	for _, tc := range []struct {
		method    string
		responder httpmock.Responder
		want      []string
	}{
		{"getDIDsInfo", jsonResponder(`{"status":"success"}`), []string{"level=DEBUG", "method=getDIDsInfo", "http_status=200"}},
		{"getDIDsInfo", jsonResponder(`{"status":"invalid_did"}`), []string{"level=INFO", "status=invalid_did", "outcome_unknown=false", "http_status=200"}},
		{"orderDID", jsonResponder(`{"status":"non_sufficient_funds"}`), []string{"level=INFO", "status=non_sufficient_funds", "outcome_unknown=false"}},
		{"orderDID", httpmock.NewStringResponder(503, "<html/>"), []string{"level=WARN", "error_kind=response_html", "outcome_unknown=true", "http_status=503"}},
		{"sendSMS", httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("reset")}), []string{"level=WARN", "error_kind=reset", "outcome_unknown=true"}},
		{"getDIDsInfo", httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("refused")}), []string{"level=WARN", "error_kind=dial", "outcome_unknown=false", "attempts=3"}},
		{"getDIDsInfo", httpmock.NewStringResponder(200, ""), []string{"level=WARN", "error_kind=response_empty", "outcome_unknown=false"}},
	} {
		mock.RegisterResponder("POST", testURL, tc.responder)
		_ = c.Call(ctx, tc.method, nil, nil)
		rec := last()
		for _, w := range tc.want {
			if !strings.Contains(rec, w) {
				t.Errorf("%s: record %q lacks %q", tc.method, rec, w)
			}
		}
	}
}

// A dry run changes nothing: it is retried like a read and never reported
// as "may have been executed" (issue 11 §2).
func TestDryRunRetriedLikeARead(t *testing.T) {
	for _, tc := range []struct {
		name      string
		opts      []Option
		params    url.Values
		responder httpmock.Responder
	}{
		{"WithDryRun, 503 page", []Option{WithDryRun()}, nil, httpmock.NewStringResponder(503, "<html/>")},
		{"WithDryRun, reset", []Option{WithDryRun()}, nil, httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("reset")})},
		{"test=1, empty body", nil, url.Values{"test": {"1"}}, httpmock.NewStringResponder(200, "")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := newMockClient(t, tc.opts...)
			mock.RegisterResponder("POST", testURL, tc.responder)
			err := c.Call(context.Background(), "orderDID", tc.params, nil)
			if err == nil || errors.Is(err, ErrOutcomeUnknown) {
				t.Errorf("dry run: %v, want a failure that is not ErrOutcomeUnknown", err)
			}
			if n := mock.GetTotalCallCount(); n != 3 {
				t.Errorf("dry run sent %d times, want 3 (retried like a read)", n)
			}
		})
	}
	// The same failure without the dry run is an unknown outcome, sent once.
	c, mock := newMockClient(t)
	mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(503, "<html/>"))
	if err := c.Call(context.Background(), "orderDID", nil, nil); !errors.Is(err, ErrOutcomeUnknown) || mock.GetTotalCallCount() != 1 {
		t.Errorf("real order: %v after %d sends", err, mock.GetTotalCallCount())
	}
}
