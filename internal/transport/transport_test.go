package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestShouldRetry(t *testing.T) {
	ans := func(code int) *Response { return &Response{StatusCode: code, Header: http.Header{}} }
	final := &verdictError{v: Final, err: errors.New("api said no")}
	transient := &verdictError{v: Transient, err: errors.New("html page")}
	notExec := &verdictError{v: NotExecuted, err: errors.New("rate limited")}
	xerr := func(k Kind, sent bool) error { return &Error{Kind: k, Sent: sent, Err: errors.New("x")} }
	proxyDialErr := &Error{Kind: KindProxy, Err: &net.OpError{Op: "proxyconnect", Net: "tcp", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("refused")}}}
	proxyRefused := &Error{Kind: KindProxy, Err: &net.OpError{Op: "proxyconnect", Net: "tcp", Err: errors.New("Forbidden")}}
	cases := []struct {
		name        string
		resp        *Response
		err         error
		read, write bool
	}{
		{"success", ans(200), nil, false, false},
		{"final answer", ans(200), final, false, false},
		{"HTTP 429", ans(429), final, true, false},
		{"HTTP 500", ans(500), final, true, false},
		{"HTTP 502", ans(502), final, true, false},
		{"HTTP 503", ans(503), final, true, false},
		{"HTTP 504", ans(504), final, true, false},
		{"HTTP 501", ans(501), final, false, false},
		{"HTTP 404", ans(404), final, false, false},
		{"transient answer", ans(200), transient, true, false},
		{"not executed", ans(200), notExec, true, true},
		{"dial", nil, xerr(KindDial, false), true, true},
		{"dns", nil, xerr(KindDNS, false), true, true},
		{"proxy dial", nil, proxyDialErr, true, true},
		{"proxy refused CONNECT", nil, proxyRefused, false, false},
		{"tls verification", nil, xerr(KindTLS, false), false, false},
		{"no connection", nil, xerr(KindNoConn, false), true, false},
		{"limiter refused", nil, xerr(KindOther, false), false, false},
		{"canceled", nil, xerr(KindCanceled, true), false, false},
		{"canceled before send", nil, xerr(KindCanceled, false), false, false},
		{"timeout", nil, xerr(KindTimeout, true), true, false},
		{"reset", nil, xerr(KindReset, true), true, false},
		{"http2 protocol", nil, xerr(KindProtocol, true), true, false},
		{"body read", nil, xerr(KindBodyRead, true), true, false},
		{"other after send", nil, xerr(KindOther, true), true, false},
		{"redirect", nil, xerr(KindRedirect, true), false, false},
		{"body too large", nil, xerr(KindBodyTooLarge, true), false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := ShouldRetry(Read, 1, 4, tc.resp, tc.err); got != tc.read {
				t.Errorf("read: retry = %v, want %v", got, tc.read)
			}
			if got, _ := ShouldRetry(Write, 1, 4, tc.resp, tc.err); got != tc.write {
				t.Errorf("write: retry = %v, want %v", got, tc.write)
			}
			// The budget is the last word.
			if got, _ := ShouldRetry(Read, 4, 4, tc.resp, tc.err); got {
				t.Error("retried past the budget")
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	resp := func(code int, ra string) *http.Response {
		h := http.Header{}
		if ra != "" {
			h.Set("Retry-After", ra)
		}
		return &http.Response{StatusCode: code, Header: h}
	}
	t.Run("Retry-After seconds on 503", func(t *testing.T) {
		if d := Backoff(time.Millisecond, time.Second, 0, resp(503, "7"), 0); d != 7*time.Second {
			t.Errorf("%v", d)
		}
	})
	t.Run("Retry-After on 429", func(t *testing.T) {
		if d := Backoff(time.Millisecond, time.Second, 0, resp(429, "2"), 0); d != 2*time.Second {
			t.Errorf("%v", d)
		}
	})
	t.Run("Retry-After capped", func(t *testing.T) {
		if d := Backoff(time.Millisecond, time.Second, 0, resp(503, "3600"), 5*time.Second); d != 5*time.Second {
			t.Errorf("%v", d)
		}
	})
	t.Run("Retry-After ignored on 500", func(t *testing.T) {
		if d := Backoff(time.Millisecond, 2*time.Millisecond, 0, resp(500, "9"), 0); d > 2*time.Millisecond {
			t.Errorf("%v", d)
		}
	})
	t.Run("exponential within jitter bounds", func(t *testing.T) {
		for attempt, want := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
			want *= time.Millisecond
			for range 50 {
				d := Backoff(100*time.Millisecond, time.Second, attempt, nil, 0)
				if d < want/2 || d > want {
					t.Fatalf("attempt %d: %v, want in [%v, %v]", attempt, d, want/2, want)
				}
			}
		}
	})
}

// recorder is an HTTP transport that records what each attempt looked like.
type recorder struct {
	n        atomic.Int32
	getBody  atomic.Int32 // attempts that carried a GetBody
	bodies   []string
	respond  func(n int32, r *http.Request) (*http.Response, error)
	rewinder atomic.Int32 // attempts whose body is a type net/http can rewind
}

func (rt *recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	n := rt.n.Add(1)
	if r.GetBody != nil {
		rt.getBody.Add(1)
	}
	if _, ok := r.Body.(io.Seeker); ok {
		rt.rewinder.Add(1) // a body a wrapper could seek back and send again
	}
	b, _ := io.ReadAll(r.Body)
	rt.bodies = append(rt.bodies, string(b))
	return rt.respond(n, r)
}

func answer(code int, body string) *http.Response {
	return &http.Response{StatusCode: code, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
}

func okRead(r *Response) (Verdict, error) {
	switch {
	case r.StatusCode != 200:
		return Transient, fmt.Errorf("HTTP %d", r.StatusCode)
	case string(r.Body) == "limit":
		return NotExecuted, errors.New("limit")
	}
	return Final, nil
}

func newReq(t *testing.T, body string) *http.Request {
	r, err := http.NewRequest(http.MethodPost, "http://127.0.0.1:1/api", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type countingLimiter struct{ n atomic.Int32 }

func (l *countingLimiter) Wait(context.Context) error { l.n.Add(1); return nil }

func TestWriteOnceReadsReplayable(t *testing.T) {
	rt := &recorder{respond: func(n int32, _ *http.Request) (*http.Response, error) {
		if n < 3 {
			return answer(503, "<html>"), nil
		}
		return answer(200, "ok"), nil
	}}
	lim := &countingLimiter{}
	c := &Client{HTTP: &http.Client{Transport: rt}, Limiter: lim, MaxAttempts: 4, MinWait: time.Microsecond, MaxWait: time.Microsecond}
	res := c.Do(context.Background(), Call{Name: "r", Class: Read, Request: newReq(t, "a=1"), Read: okRead})
	if res.Err != nil || res.Attempts != 3 || rt.n.Load() != 3 {
		t.Fatalf("read: %+v after %d attempts", res, rt.n.Load())
	}
	if rt.getBody.Load() != 3 {
		t.Errorf("read attempts with GetBody: %d of 3", rt.getBody.Load())
	}
	if lim.n.Load() != 3 {
		t.Errorf("limiter waited %d times for 3 attempts (the first one included)", lim.n.Load())
	}
	for _, b := range rt.bodies {
		if b != "a=1" {
			t.Errorf("attempt body %q", b)
		}
	}

	rt2 := &recorder{respond: func(int32, *http.Request) (*http.Response, error) { return answer(503, "<html>"), nil }}
	c2 := &Client{HTTP: &http.Client{Transport: rt2}, MaxAttempts: 4, MinWait: time.Microsecond, MaxWait: time.Microsecond}
	res = c2.Do(context.Background(), Call{Name: "w", Class: Write, Request: newReq(t, "a=1"), Read: okRead})
	if rt2.n.Load() != 1 || !res.OutcomeUnknown || res.Err == nil {
		t.Fatalf("write after 503 page: %d attempts, %+v", rt2.n.Load(), res)
	}
	if rt2.getBody.Load() != 0 || rt2.rewinder.Load() != 0 {
		t.Errorf("write request replayable below us: GetBody %d, rewindable body %d", rt2.getBody.Load(), rt2.rewinder.Load())
	}
	if rt2.bodies[0] != "a=1" {
		t.Errorf("write body %q", rt2.bodies[0])
	}
}

func TestWriteRetriedWhenNotExecutedOrNotSent(t *testing.T) {
	rt := &recorder{respond: func(n int32, _ *http.Request) (*http.Response, error) {
		switch n {
		case 1:
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
		case 2:
			return answer(200, "limit"), nil
		}
		return answer(200, "ok"), nil
	}}
	c := &Client{HTTP: &http.Client{Transport: rt}, MaxAttempts: 4, MinWait: time.Microsecond, MaxWait: 3 * time.Millisecond}
	res := c.Do(context.Background(), Call{Name: "w", Class: Write, Request: newReq(t, "a=1"), Read: okRead})
	if res.Err != nil || rt.n.Load() != 3 {
		t.Fatalf("write: %+v after %d attempts", res, rt.n.Load())
	}
	for _, b := range rt.bodies {
		if b != "a=1" {
			t.Errorf("attempt body %q", b)
		}
	}
}

func TestCancelledBeforeSendIsNotSent(t *testing.T) {
	rt := &recorder{respond: func(int32, *http.Request) (*http.Response, error) { return answer(200, "ok"), nil }}
	c := &Client{HTTP: &http.Client{Transport: rt}, MaxAttempts: 3}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := c.Do(ctx, Call{Name: "w", Class: Write, Request: newReq(t, "a=1"), Read: okRead})
	if !errors.Is(res.Err, context.Canceled) || res.OutcomeUnknown || rt.n.Load() != 0 {
		t.Fatalf("%+v, %d attempts reached the transport", res, rt.n.Load())
	}
	// A limiter that gives up when the context ends: nothing sent either.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	c2 := &Client{HTTP: &http.Client{Transport: rt}, Limiter: blockingLimiter{}, MaxAttempts: 3}
	res = c2.Do(ctx2, Call{Name: "w", Class: Write, Request: newReq(t, "a=1"), Read: okRead})
	if !errors.Is(res.Err, context.DeadlineExceeded) || res.OutcomeUnknown || rt.n.Load() != 0 {
		t.Fatalf("limiter: %+v, %d attempts reached the transport", res, rt.n.Load())
	}
}

type blockingLimiter struct{}

func (blockingLimiter) Wait(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }

// Real failures on loopback, classified: the ones where nothing can have
// been sent are Sent=false and so never an unknown outcome for a write.
func TestClassifyRealFailures(t *testing.T) {
	closed := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		return addr
	}
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodConnect {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		t.Errorf("proxy got %s", r.Method)
	}))
	defer refusing.Close()
	var executed atomic.Int32
	target := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { executed.Add(1) }))
	defer target.Close()
	proxy := func(u string) *http.Client {
		pu, _ := url.Parse(u)
		return &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(pu), TLSClientConfig: target.Client().Transport.(*http.Transport).TLSClientConfig}}
	}
	cases := []struct {
		name string
		hc   *http.Client
		url  string
		kind Kind
	}{
		{"dial refused", &http.Client{}, "http://" + closed() + "/api", KindDial},
		{"TLS verification failure", &http.Client{Transport: &http.Transport{}}, tlsSrv.URL + "/api", KindTLS},
		{"proxy dial failure", proxy("http://" + closed()), target.URL + "/api", KindProxy},
		{"CONNECT refused", proxy(refusing.URL), target.URL + "/api", KindNoConn},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &Client{HTTP: tc.hc, MaxAttempts: 1}
			req, _ := http.NewRequest(http.MethodPost, tc.url, strings.NewReader("a=1"))
			res := c.Do(context.Background(), Call{Name: "w", Class: Write, Request: req, Read: okRead})
			var e *Error
			if !errors.As(res.Err, &e) {
				t.Fatalf("err = %v, want *Error", res.Err)
			}
			if e.Sent || res.OutcomeUnknown {
				t.Errorf("%v: Sent=%v OutcomeUnknown=%v, want nothing sent", res.Err, e.Sent, res.OutcomeUnknown)
			}
			if e.Kind != tc.kind && !(tc.kind == KindNoConn && e.Kind == KindProxy) {
				t.Errorf("kind %v, want %v (%v)", e.Kind, tc.kind, res.Err)
			}
		})
	}
	if executed.Load() != 0 {
		t.Errorf("target executed %d requests", executed.Load())
	}
	// A connection reset after the request reached the server is Sent.
	reset := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		conn, _, _ := w.(http.Hijacker).Hijack()
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		conn.Close()
	}))
	defer reset.Close()
	c := &Client{HTTP: &http.Client{}, MaxAttempts: 3}
	req, _ := http.NewRequest(http.MethodPost, reset.URL, strings.NewReader("a=1"))
	res := c.Do(context.Background(), Call{Name: "w", Class: Write, Request: req, Read: okRead})
	var e *Error
	if !errors.As(res.Err, &e) || !e.Sent || !res.OutcomeUnknown || res.Attempts != 1 {
		t.Errorf("reset after send: %+v", res)
	}
}

func TestClassifyTypes(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		kind Kind
		sent bool
	}{
		{"dns", &url.Error{Op: "Post", URL: "x", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "x"}}}, KindDNS, false},
		{"dial", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("refused")}, KindDial, false},
		{"proxyconnect", &net.OpError{Op: "proxyconnect", Net: "tcp", Err: errors.New("Forbidden")}, KindProxy, false},
		{"x509 unknown authority", &url.Error{Err: x509.UnknownAuthorityError{}}, KindTLS, false},
		{"tls verification", &tls.CertificateVerificationError{Err: errors.New("bad")}, KindTLS, false},
		{"tls record header", tls.RecordHeaderError{Msg: "not tls"}, KindTLS, false},
		{"not sent marker", &notSent{context.Canceled}, KindCanceled, false},
		{"canceled in flight", &url.Error{Err: context.Canceled}, KindCanceled, true},
		{"timeout", &url.Error{Err: context.DeadlineExceeded}, KindTimeout, true},
		{"reset", &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}, KindReset, true},
		{"eof", &url.Error{Err: io.EOF}, KindReset, true},
		{"redirect", &url.Error{Err: ErrRedirect}, KindRedirect, true},
		{"unknown", errors.New("something"), KindOther, true},
		// A text that happens to contain words like "dial" changes nothing.
		{"text only", errors.New("dial tcp: proxyconnect x509 tls"), KindOther, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := Classify(tc.err)
			if e.Kind != tc.kind || e.Sent != tc.sent {
				t.Errorf("Classify(%v) = %v sent=%v, want %v sent=%v", tc.err, e.Kind, e.Sent, tc.kind, tc.sent)
			}
		})
	}
}

func TestSecretNeverPrints(t *testing.T) {
	for _, pw := range []string{"SENTINELpw", `p@ss w%rd&"<'>\+é`} {
		s := NewSecret(pw)
		type holder struct {
			S Secret
			s Secret
			P *Secret
		}
		h := holder{S: s, s: s, P: &s}
		var out []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%c", "%f", "%U", "%10s", "%-8v"} {
			out = append(out, fmt.Sprintf(verb, s), fmt.Sprintf(verb, h), fmt.Sprintf(verb, &h))
		}
		j, _ := json.Marshal(h)
		txt, _ := s.MarshalText()
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "s", s, "h", h)
		slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "s", s, "h", h)
		out = append(out, string(j), string(txt), buf.String(), fmt.Sprint(s), fmt.Sprintln(h))
		for _, o := range out {
			for _, form := range Encodings(pw) {
				if strings.Contains(o, form) {
					t.Fatalf("%q shows the secret (%q)", o, form)
				}
			}
		}
		if s.Value() != pw {
			t.Error("Value lost the secret")
		}
	}
}

func TestScrubberEncodings(t *testing.T) {
	for _, pw := range []string{"SENTINELpw", `p@ss w%rd&"<'>\+é`} {
		sc := NewScrubber([]string{pw}, "api_password")
		q := url.QueryEscape(pw)
		texts := []string{
			pw,
			q,
			lowerTest(q),
			strings.ReplaceAll(q, "+", "%20"),
			url.PathEscape(pw),
			fmt.Sprintf("%q", pw),
			fmt.Sprintf("%+q", pw),
			"&lt;" + strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(pw),
			strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#x27;").Replace(pw),
			"api_password=" + q[:4] + "&method=x", // truncated echo
			"api_password=" + pw[:3],              // truncated at the end
			"API_PASSWORD%3D" + q[:5],             // escaped name
			`{"api_password":"` + pw[:2] + `...`,  // JSON echo
		}
		for _, text := range texts {
			got := sc.Redact("before " + text + " after")
			if strings.Contains(got, pw) || strings.Contains(got, q) || (len(text) > 0 && strings.Contains(got, text) && text != "") {
				t.Errorf("pw %q: Redact(%q) = %q", pw, text, got)
			}
			if !strings.Contains(got, Redacted) || !strings.HasPrefix(got, "before ") {
				t.Errorf("pw %q: Redact(%q) = %q, want a [REDACTED] in place", pw, text, got)
			}
		}
	}
}

func TestScrubChain(t *testing.T) {
	pw := "SENTINELpw"
	sc := NewScrubber([]string{pw}, "api_password")
	inner := fmt.Errorf("leaf %s", pw)
	uerr := &url.Error{Op: "Post", URL: "https://h/p?api_password=" + pw, Err: inner}
	err := fmt.Errorf("wrap: %w", &Error{Kind: KindReset, Sent: true, Err: uerr})
	got := sc.Scrub(err)
	for e := got; e != nil; e = errors.Unwrap(e) {
		if strings.Contains(fmt.Sprintf("%v %+v %#v", e, e, e), pw) {
			t.Fatalf("layer %T shows the secret: %v", e, e)
		}
	}
	var te *Error
	if !errors.As(got, &te) || te.Kind != KindReset {
		t.Fatalf("lost the *Error: %v", got)
	}
	var ue *url.Error
	if !errors.As(got, &ue) || ue.URL != "https://h/p" {
		t.Fatalf("url: %v", ue)
	}
}

// lowerTest lower-cases %XX escapes, written apart from the code under test.
func lowerTest(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			b.WriteString("%" + strings.ToLower(s[i+1:i+3]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// After a NotExecuted verdict the wait is the longest step; after any other
// it is the usual exponential one.
func TestNotExecutedWaitsLongest(t *testing.T) {
	for range 50 {
		st := &callState{c: &Client{}, retryV: NotExecuted}
		if d := st.backoff(time.Microsecond, 20*time.Millisecond, 0, nil); d < 10*time.Millisecond || d > 20*time.Millisecond {
			t.Fatalf("not executed: %v, want within [10ms, 20ms]", d)
		}
		st.retryV = Transient
		if d := st.backoff(time.Microsecond, 20*time.Millisecond, 0, nil); d > time.Microsecond {
			t.Fatalf("transient: %v, want <= 1µs", d)
		}
	}
}

func TestBackoffEdges(t *testing.T) {
	if d := Backoff(0, 0, 3, nil, 0); d != 0 {
		t.Errorf("max 0: %v", d)
	}
	for range 50 {
		if d := Backoff(0, 10*time.Millisecond, 0, nil, 0); d < 5*time.Millisecond || d > 10*time.Millisecond {
			t.Fatalf("min 0: %v, want the max step [5ms, 10ms]", d)
		}
	}
	seen := map[time.Duration]bool{}
	for range 200 {
		d := Backoff(2, 2, 0, nil, 0) // nanoseconds: the draw is in [1, 2]
		if d < 1 || d > 2 {
			t.Fatalf("%v", d)
		}
		seen[d] = true
	}
	if !seen[1] || !seen[2] {
		t.Errorf("draws %v: both ends of [d/2, d] must be reachable", seen)
	}
}

func TestKindString(t *testing.T) {
	if KindDial.String() != "dial" || KindBodyTooLarge.String() != "body_too_large" || Kind(-1).String() != "unknown" || Kind(len(kindNames)).String() != "unknown" {
		t.Error("Kind.String")
	}
}

type fakeStreamError struct{}

func (fakeStreamError) Error() string { return "stream error" }

func TestClassifyProtocolAndLimiter(t *testing.T) {
	if k := Classify(fmt.Errorf("x: %w", fakeStreamError{})).Kind; k != KindProtocol {
		t.Errorf("stream error: %v", k)
	}
	// A limiter that fails with its own error after the context ended: the
	// call reports the context's error, and nothing was sent.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rt := &recorder{respond: func(int32, *http.Request) (*http.Response, error) { return answer(200, "ok"), nil }}
	c := &Client{HTTP: &http.Client{Transport: rt}, Limiter: ownErrLimiter{}, MaxAttempts: 2}
	g := &gate{base: rt, limiter: ownErrLimiter{}}
	req := newReq(t, "a=1").WithContext(ctx)
	_, err := g.RoundTrip(req)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("gate: %v, want the context's error", err)
	}
	_ = c
	// Without an ended context, the limiter's own error: not sent, not retried.
	c2 := &Client{HTTP: &http.Client{Transport: rt}, Limiter: ownErrLimiter{}, MaxAttempts: 3}
	res := c2.Do(context.Background(), Call{Name: "w", Class: Write, Request: newReq(t, "a=1"), Read: okRead})
	var e *Error
	if !errors.As(res.Err, &e) || e.Sent || res.OutcomeUnknown || res.Attempts != 1 || rt.n.Load() != 0 {
		t.Errorf("limiter refusal: %+v", res)
	}
}

type ownErrLimiter struct{}

func (ownErrLimiter) Wait(context.Context) error {
	return errors.New("rate: Wait(n=1) would exceed context deadline")
}

func TestScrubberWithoutNames(t *testing.T) {
	sc := NewScrubber([]string{"SENTINELpw"})
	if got := sc.Redact("a=b&c=d"); got != "a=b&c=d" {
		t.Errorf("no names: %q", got)
	}
	// A layer whose own text is clean but whose cause shows the secret is
	// replaced, so the cause reached by unwrapping is clean too.
	err := sc.Scrub(&opaque{cause: errors.New("leaf SENTINELpw")})
	for e := err; e != nil; {
		if strings.Contains(e.Error(), "SENTINELpw") {
			t.Fatalf("layer %T shows the secret", e)
		}
		u, ok := e.(interface{ Unwrap() []error })
		if !ok {
			if u1, ok := e.(interface{ Unwrap() error }); ok {
				e = u1.Unwrap()
				continue
			}
			break
		}
		if len(u.Unwrap()) == 0 {
			break
		}
		e = u.Unwrap()[0]
	}
	if !errors.Is(err, errOpaque) {
		t.Error("stand-in lost the replaced layer's Is")
	}
}

var errOpaque = errors.New("opaque category")

type opaque struct{ cause error }

func (o *opaque) Error() string        { return "something failed" }
func (o *opaque) Unwrap() error        { return o.cause }
func (o *opaque) Is(target error) bool { return target == errOpaque }

// The HTTP client's Timeout bounds each attempt, not the call (Do applies
// it per attempt, as a deadline on the attempt's context): a read whose
// first attempt hangs is sent again and succeeds; a write that hangs after
// it was sent is not sent again and its outcome is unknown; an answer whose
// body stalls is an attempt that ran out of time too. The caller's context
// is not ended by an attempt's deadline.
func TestTimeoutPerAttempt(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		switch n.Add(1) {
		case 1: // hang until the client gives up on this attempt
			<-r.Context().Done()
			return
		case 2: // headers, then a body that stalls
			w.Header().Set("Content-Length", "10")
			w.WriteHeader(200)
			_, _ = w.Write([]byte("o"))
			w.(http.Flusher).Flush()
			<-r.Context().Done()
			return
		}
		_, _ = w.Write([]byte("ok"))
	}))
	defer srv.Close()
	newReq := func() *http.Request {
		r, err := http.NewRequest(http.MethodPost, srv.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// 1 s: the third attempt (an immediate answer) must fit in it even on a
	// loaded CI machine under -race.
	c := &Client{HTTP: &http.Client{Timeout: time.Second}, MaxAttempts: 3, MinWait: time.Millisecond, MaxWait: time.Millisecond}
	defer c.CloseIdleConnections()
	ctx := context.Background()
	res := c.Do(ctx, Call{Name: "r", Class: Read, Request: newReq(), Body: []byte("a=1"), Read: okRead})
	if res.Err != nil || res.Attempts != 3 || n.Load() != 3 {
		t.Fatalf("read: %+v, server saw %d", res, n.Load())
	}

	n.Store(0)
	res = c.Do(ctx, Call{Name: "w", Class: Write, Request: newReq(), Body: []byte("a=1"), Read: okRead})
	var te *Error
	if !errors.As(res.Err, &te) || te.Kind != KindTimeout || !te.Sent || !res.OutcomeUnknown || res.Attempts != 1 || n.Load() != 1 {
		t.Fatalf("write: %+v (%#v), server saw %d", res, te, n.Load())
	}
	if errors.Is(res.Err, context.Canceled) {
		t.Errorf("attempt deadline reported as a cancel: %v", res.Err)
	}
}

// Do does not change the request it is given: one prepared request (no
// body, no context) can serve every call, concurrently.
func TestSharedRequestUnchanged(t *testing.T) {
	var bodies sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies.Store(string(b), true)
		if r.Header.Get("X-Shared") != "1" || r.ContentLength != int64(len(b)) {
			http.Error(w, "bad", 400)
			return
		}
		_, _ = w.Write([]byte("ok"))
	}))
	defer srv.Close()
	shared, err := http.NewRequest(http.MethodPost, srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	shared.Header.Set("X-Shared", "1")
	before := *shared
	c := &Client{HTTP: &http.Client{}, MaxAttempts: 2}
	defer c.CloseIdleConnections()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := []byte(fmt.Sprintf("n=%d", i))
			res := c.Do(context.Background(), Call{Name: "r", Class: Read, Request: shared, Body: body, Read: okRead})
			if res.Err != nil {
				t.Error(res.Err)
			}
		}()
	}
	wg.Wait()
	for i := range 8 {
		if _, ok := bodies.Load(fmt.Sprintf("n=%d", i)); !ok {
			t.Errorf("body n=%d never arrived", i)
		}
	}
	if shared.Body != nil || shared.GetBody != nil || shared.ContentLength != 0 || shared.Context() != before.Context() ||
		len(shared.Header) != 1 || shared.Header.Get("X-Shared") != "1" {
		t.Errorf("the shared request changed: %+v", shared)
	}
}

// readBody's cap is inclusive: a body of exactly max bytes is read, one
// byte more is refused, whether Content-Length announced it (refused before
// reading) or not (refused once the byte arrives); a lying Content-Length
// (shorter than the body) does not let more than max through.
func TestReadBodyCapBoundaries(t *testing.T) {
	const max = 100
	body := func(n int) []byte { return bytes.Repeat([]byte{'x'}, n) }
	for _, tc := range []struct {
		name string
		n    int
		size int64 // announced; -1 unknown
		ok   bool
	}{
		{"exact, announced", max, max, true},
		{"exact, unknown", max, -1, true},
		{"over, announced", max + 1, max + 1, false},
		{"over, unknown", max + 1, -1, false},
		{"over, announced short", max + 1, 10, false},
		{"empty, announced", 0, 0, true},
		{"empty, unknown", 0, -1, true},
		{"grows past MinRead", 3 * max, -1, false},
	} {
		r := &countingReader{r: bytes.NewReader(body(tc.n))}
		got, err := readBody(r, max, tc.size)
		switch {
		case tc.ok && (err != nil || len(got) != tc.n):
			t.Errorf("%s: %d bytes, %v; want %d", tc.name, len(got), err, tc.n)
		case !tc.ok && !errors.Is(err, errTooLarge):
			t.Errorf("%s: %d bytes, %v; want errTooLarge", tc.name, len(got), err)
		}
		if tc.name == "over, announced" && r.n != 0 {
			t.Errorf("%s: read %d bytes before refusing", tc.name, r.n)
		}
	}
	// Without a cap problem, an unknown length larger than MinRead grows.
	if got, err := readBody(bytes.NewReader(body(5000)), 10000, -1); err != nil || len(got) != 5000 {
		t.Errorf("unknown length 5000: %d, %v", len(got), err)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
