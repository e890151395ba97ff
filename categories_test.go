package voipms

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

// categorySentinels are the package's error categories (doc.go, Errors).
var categorySentinels = []error{
	ErrAuth, ErrIPNotAllowed, ErrAPIDisabled, ErrRateLimited, ErrNotFound, ErrInvalidParameter,
	ErrConflict, ErrInsufficientFunds, ErrLimitReached, ErrUnavailable, ErrOutcomeUnknown,
	ErrDryRunRefused, ErrBadResponse, ErrTransport, ErrRejected,
}

func categoriesOf(err error) []error {
	var got []error
	for _, s := range categorySentinels {
		if errors.Is(err, s) {
			got = append(got, s)
		}
	}
	return got
}

// TestEveryErrorOneCategory: each error the client returns matches exactly
// one category sentinel; an error of a call whose context ended matches the
// context's error and none of ours, except an unknown outcome, which is
// ErrOutcomeUnknown (and also says the context ended).
func TestEveryErrorOneCategory(t *testing.T) {
	reset := httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")})
	dial := httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")})
	status := func(s string) httpmock.Responder { return jsonResponder(`{"status":"` + s + `"}`) }
	cases := []struct {
		name      string
		method    string
		opts      []Option
		responder httpmock.Responder
		want      error
	}{
		{"auth", "getDIDsInfo", nil, status("invalid_credentials"), ErrAuth},
		{"ip", "getDIDsInfo", nil, status("ip_not_enabled"), ErrIPNotAllowed},
		{"api disabled", "getDIDsInfo", nil, status("api_not_enabled"), ErrAPIDisabled},
		{"rate limited read", "getDIDsInfo", nil, status("api_limit_exceeded"), ErrRateLimited},
		{"rate limited write", "orderDID", nil, status("api_limit_exceeded"), ErrRateLimited},
		{"invalid", "orderDID", nil, status("invalid_did"), ErrInvalidParameter},
		{"conflict", "orderDID", nil, status("did_in_use"), ErrConflict},
		{"funds", "orderDID", nil, status("non_sufficient_funds"), ErrInsufficientFunds},
		{"limit", "sendSMS", nil, status("limit_reached"), ErrLimitReached},
		{"unavailable status", "orderDID", nil, status("order_failed"), ErrUnavailable},
		{"no records status", "getDIDsInfo", nil, status("no_did"), ErrNotFound},
		{"503 page read", "getDIDsInfo", nil, httpmock.NewStringResponder(503, "<html>down</html>"), ErrUnavailable},
		{"502 page read", "getDIDsInfo", nil, httpmock.NewStringResponder(502, "<html>bad gateway</html>"), ErrUnavailable},
		{"429 page read", "getDIDsInfo", nil, httpmock.NewStringResponder(429, "slow down"), ErrRateLimited},
		{"200 HTML read", "getDIDsInfo", nil, httpmock.NewStringResponder(200, "<html/>"), ErrBadResponse},
		{"shape read", "getDIDsInfo", nil, jsonResponder(`{"status":"success","dids":"x"}`), nil}, // decoded into nil out: success
		{"503 page write", "orderDID", nil, httpmock.NewStringResponder(503, "<html>down</html>"), ErrOutcomeUnknown},
		{"empty write", "delForwarding", nil, httpmock.NewStringResponder(200, ""), ErrOutcomeUnknown},
		{"reset write", "sendSMS", nil, reset, ErrOutcomeUnknown},
		{"reset read", "getDIDsInfo", nil, reset, ErrTransport},
		{"dial read", "getDIDsInfo", nil, dial, ErrTransport},
		{"dial write", "orderDID", nil, dial, ErrTransport},
		{"dry run refused", "setForwarding", []Option{WithDryRun()}, status("success"), ErrDryRunRefused},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := newMockClient(t, tc.opts...)
			mock.RegisterResponder("POST", testURL, tc.responder)
			err := c.Call(context.Background(), tc.method, nil, nil)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			got := categoriesOf(err)
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("%v: categories %v, want exactly [%v]", err, got, tc.want)
			}
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%v matches a context error", err)
			}
		})
	}
	// Validation before I/O.
	c, _ := newMockClient(t)
	err := c.Call(context.Background(), "bad method", nil, nil)
	if got := categoriesOf(err); len(got) != 1 || got[0] != ErrInvalidParameter {
		t.Errorf("validation: %v", got)
	}
	var re *ResponseError
	c, mock := newMockClient(t)
	mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(503, "<html>down</html>"))
	if err := c.Call(context.Background(), "getDIDsInfo", nil, nil); !errors.As(err, &re) || re.Kind != BodyHTML || re.HTTPStatusCode != 503 {
		t.Errorf("503 page is not a *ResponseError: %v", err)
	}
}

func TestCancelledContextCategories(t *testing.T) {
	hang := func(r *http.Request) (*http.Response, error) {
		<-r.Context().Done()
		return nil, r.Context().Err()
	}
	for _, tc := range []struct {
		name      string
		method    string
		before    bool // cancel before the call
		responder httpmock.Responder
		unknown   bool
	}{
		{"read, before", "getDIDsInfo", true, jsonResponder(`{"status":"success"}`), false},
		{"write, before", "orderDID", true, jsonResponder(`{"status":"success"}`), false},
		{"read, in flight", "getDIDsInfo", false, hang, false},
		{"read, in backoff", "getDIDsInfo", false, httpmock.NewStringResponder(503, "<html/>"), false},
		{"write, in flight", "orderDID", false, hang, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := newMockClient(t, WithRetry(5, 10*time.Second, 10*time.Second))
			mock.RegisterResponder("POST", testURL, tc.responder)
			ctx, cancel := context.WithCancel(context.Background())
			if tc.before {
				cancel()
			} else {
				time.AfterFunc(30*time.Millisecond, cancel)
			}
			defer cancel()
			err := c.Call(ctx, tc.method, nil, nil)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if !strings.Contains(err.Error(), tc.method) {
				t.Errorf("%q does not name the method", err)
			}
			got := categoriesOf(err)
			switch {
			case tc.unknown && (len(got) != 1 || got[0] != ErrOutcomeUnknown):
				t.Errorf("%v: categories %v, want [ErrOutcomeUnknown]", err, got)
			case !tc.unknown && len(got) != 0:
				t.Errorf("%v: categories %v, want only the context's", err, got)
			}
			if tc.before && mock.GetTotalCallCount() != 0 {
				t.Errorf("sent %d requests after the context ended", mock.GetTotalCallCount())
			}
		})
	}
}

// A non-success status whose data has an unexpected shape is still the
// API's answer (an *APIError with that status), not a shape problem; a
// success envelope with bad data is a BodyShape *ResponseError.
func TestShapeErrorKeepsAPIStatus(t *testing.T) {
	var out struct {
		envelope
		DIDs []struct {
			DID string `json:"did"`
		} `json:"dids"`
	}
	for _, tc := range []struct {
		body   string
		status Status
		kind   ResponseErrorKind
	}{
		{`{"status":"invalid_did","dids":"oops"}`, "invalid_did", 0},
		{`{"status":"success","dids":"oops"}`, "", BodyShape},
		{`{"dids":"oops"}`, "", BodyShape},
	} {
		c, mock := newMockClient(t)
		mock.RegisterResponder("POST", testURL, jsonResponder(tc.body))
		err := c.Call(context.Background(), "getDIDsInfo", nil, &out)
		var ae *APIError
		var re *ResponseError
		switch {
		case tc.status != "" && (!errors.As(err, &ae) || ae.Status != tc.status):
			t.Errorf("%s: %v, want APIError %s", tc.body, err, tc.status)
		case tc.kind != 0 && (!errors.As(err, &re) || re.Kind != tc.kind):
			t.Errorf("%s: %v, want ResponseError %v", tc.body, err, tc.kind)
		}
	}
}

// TestEveryStatusOneCategory walks every documented status (and ones this
// package does not know): the *APIError it makes matches exactly one
// category, and a status no specific category covers is ErrRejected.
func TestEveryStatusOneCategory(t *testing.T) {
	statuses := []Status{"e911_disabled", "can_have_only_one_profile_without_pin", "brand_new_status_2031"}
	for s := range statusDescriptions {
		if s != StatusSuccess {
			statuses = append(statuses, s)
		}
	}
	if len(statuses) < 480 {
		t.Fatalf("only %d statuses walked", len(statuses))
	}
	for _, s := range statuses {
		err := error(&APIError{Method: "getDIDsInfo", Status: s})
		if got := categoriesOf(err); len(got) != 1 {
			t.Errorf("%s: categories %v, want exactly one", s, got)
		}
	}
	for s, want := range map[Status]error{
		"e911_disabled":         ErrRejected,
		"brand_new_status_2031": ErrRejected,
		"invalid_credentials":   ErrAuth,
		"no_did":                ErrNotFound,
		"invalid_did":           ErrInvalidParameter,
	} {
		if err := error(&APIError{Method: "getDIDsInfo", Status: s}); !errors.Is(err, want) {
			t.Errorf("%s: %v does not match %v", s, err, want)
		}
	}
}
