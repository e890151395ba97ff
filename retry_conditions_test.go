package voipms

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

// TestRetryConditions pins each retry condition in its own subtest, end to
// end through the client: a read is sent again (3 attempts, the budget), a
// write is not (1), except where nothing can have been sent.
func TestRetryConditions(t *testing.T) {
	type cond struct {
		name          string
		responder     httpmock.Responder
		reads, writes int // attempts made
	}
	var conds []cond
	for _, code := range []int{429, 500, 502, 503, 504} {
		conds = append(conds,
			cond{fmt.Sprintf("HTTP %d page", code), httpmock.NewStringResponder(code, "<html>x</html>"), 3, 1},
			// The status alone decides for a read, whatever the body says.
			cond{fmt.Sprintf("HTTP %d with a JSON status", code), httpmock.NewStringResponder(code, `{"status":"method_maintenance"}`), 3, 1},
		)
	}
	for _, code := range []int{400, 404, 501} {
		conds = append(conds, cond{fmt.Sprintf("HTTP %d with a JSON status is final", code), httpmock.NewStringResponder(code, `{"status":"invalid_did"}`), 1, 1})
	}
	errResp := func(err error) httpmock.Responder { return httpmock.NewErrorResponder(err) }
	conds = append(conds,
		cond{"dial refused", errResp(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}), 3, 3},
		cond{"dns", errResp(&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "voip.ms"}}), 3, 3},
		cond{"proxy dial", errResp(&net.OpError{Op: "proxyconnect", Net: "tcp", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("refused")}}), 3, 3},
		cond{"proxy refused CONNECT", errResp(&net.OpError{Op: "proxyconnect", Net: "tcp", Err: errors.New("Forbidden")}), 1, 1},
		cond{"tls unknown authority", errResp(&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}), 1, 1},
		cond{"connection reset", errResp(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}), 3, 1},
		cond{"EOF", errResp(io.EOF), 3, 1},
		cond{"unexpected EOF", errResp(io.ErrUnexpectedEOF), 3, 1},
		cond{"attempt timeout", errResp(&net.OpError{Op: "read", Net: "tcp", Err: timeoutErr{}}), 3, 1},
		cond{"HTML 200", httpmock.NewStringResponder(200, "<html/>"), 3, 1},
		cond{"empty 200", httpmock.NewStringResponder(200, ""), 3, 1},
		cond{"truncated", httpmock.NewStringResponder(200, `{"status":"success","x":[`), 3, 1},
		cond{"no status", httpmock.NewStringResponder(200, `{"x":1}`), 3, 1},
		cond{"api_limit_exceeded", jsonResponder(`{"status":"api_limit_exceeded"}`), 3, 3},
		cond{"final API status", jsonResponder(`{"status":"invalid_did"}`), 1, 1},
	)
	for _, tc := range conds {
		t.Run(tc.name, func(t *testing.T) {
			for _, m := range []struct {
				method string
				want   int
			}{{"getDIDsInfo", tc.reads}, {"setForwarding", tc.writes}} {
				c, mock := newMockClient(t)
				mock.RegisterResponder("POST", testURL, tc.responder)
				_ = c.Call(context.Background(), m.method, nil, nil)
				if n := mock.GetTotalCallCount(); n != m.want {
					t.Errorf("%s: %d attempts, want %d", m.method, n, m.want)
				}
			}
		})
	}
	t.Run("cancelled context", func(t *testing.T) {
		c, mock := newMockClient(t, WithRetry(5, 10*time.Second, 10*time.Second))
		mock.RegisterResponder("POST", testURL, httpmock.NewStringResponder(503, "<html/>"))
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := c.Call(ctx, "getDIDsInfo", nil, nil)
		if !errors.Is(err, context.DeadlineExceeded) || mock.GetTotalCallCount() != 1 || time.Since(start) > 2*time.Second {
			t.Errorf("%v after %d attempts in %v", err, mock.GetTotalCallCount(), time.Since(start))
		}
	})
	t.Run("Retry-After", func(t *testing.T) {
		c, mock := newMockClient(t, WithRetry(2, time.Millisecond, time.Millisecond))
		var at []time.Time
		mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
			at = append(at, time.Now())
			resp := httpmock.NewStringResponse(429, "slow down")
			resp.Header.Set("Retry-After", "1")
			return resp, nil
		})
		_ = c.Call(context.Background(), "getDIDsInfo", nil, nil)
		if len(at) != 2 || at[1].Sub(at[0]) < 900*time.Millisecond {
			t.Errorf("attempts at %v, want the second ~1s after the first", at)
		}
	})
	t.Run("redirect refused", func(t *testing.T) {
		srv := newLoopbackServer(t, http.RedirectHandler("http://127.0.0.1:1/elsewhere", http.StatusTemporaryRedirect))
		u, _ := url.Parse(srv)
		c, err := New("u", "p", WithBaseURL(u.String()), WithRetry(3, time.Millisecond, time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		err = c.Call(context.Background(), "getDIDsInfo", nil, nil)
		var re *ResponseError
		if !errors.As(err, &re) || errors.Is(err, ErrOutcomeUnknown) {
			t.Errorf("redirect: %v", err)
		}
	})
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// Real failures on loopback where nothing can have been sent: a write gets
// ErrTransport, never ErrOutcomeUnknown, and the target never sees it.
func TestNothingSentIsNotUnknown(t *testing.T) {
	var executed int
	target := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { executed++ }))
	defer target.Close()
	target.Config.ErrorLog = log.New(io.Discard, "", 0)
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusProxyAuthRequired)
	}))
	defer refusing.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	viaProxy := func(p string) *http.Client {
		pu, _ := url.Parse(p)
		tr := target.Client().Transport.(*http.Transport).Clone()
		tr.Proxy = http.ProxyURL(pu)
		return &http.Client{Transport: tr}
	}
	for _, tc := range []struct {
		name string
		hc   *http.Client
		kind string
	}{
		{"TLS verification failure", &http.Client{Transport: &http.Transport{}}, "tls"},
		{"proxy dial failure", viaProxy("http://" + closed), "proxy"},
		{"CONNECT refused", viaProxy(refusing.URL), "no_connection"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New("u", "pw", WithHTTPClient(tc.hc), WithBaseURL(target.URL+"/api/v1/rest.php"), WithRetry(2, time.Millisecond, time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			defer c.CloseIdleConnections()
			err = c.Call(context.Background(), "orderDID", nil, nil)
			var te *TransportError
			if errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, ErrTransport) || !errors.As(err, &te) || te.Sent {
				t.Fatalf("%v: want ErrTransport, not sent, not ErrOutcomeUnknown", err)
			}
			if te.Kind != tc.kind && !(tc.kind == "no_connection" && te.Kind == "proxy") {
				t.Errorf("kind %q, want %q", te.Kind, tc.kind)
			}
		})
	}
	if executed != 0 {
		t.Errorf("the target executed %d requests", executed)
	}
}
