package voipms

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Retry policy. Which calls may be retried is decided per wire method by
// methodTable (methods_gen.go):
//
//   - read-only methods (get*, search*, ...) retry on dial errors, connection
//     resets, timeouts, HTTP 429/500/502/503/504, and bodies that are not a
//     usable envelope (HTML pages, empty or truncated JSON, JSON without
//     status, api_limit_exceeded), with jittered exponential backoff that
//     honours Retry-After, inside the caller's context;
//   - state-changing methods (orders, cancels, set*, del*, sends, charges) are
//     retried only when the connection could not be made at all (nothing was
//     sent). Any later failure is an *OutcomeUnknownError.

// checkRetry is go-retryablehttp's CheckRetry for this client.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st, _ := ctx.Value(ctxKey{}).(*callState)
	if st == nil {
		return false, nil
	}
	st.attempts++
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if st.attempts >= st.max {
		return false, nil
	}
	var retry bool
	reason := ""
	switch {
	case err != nil && st.class != classRead:
		retry, reason = isDialError(err), "dial error"
	case err != nil:
		retry, reason = retryableTransport(err), "transport error"
	case st.class != classRead:
		retry = false
	default:
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			retry, reason = true, "HTTP "+strconv.Itoa(resp.StatusCode)
		}
	}
	if retry {
		c.logRetry(ctx, st, reason)
	}
	return retry, nil
}

// isDialError reports whether err happened before any byte of the request
// was written: the connection was never made.
func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// retryableTransport reports whether a transport failure of a read-only call
// is worth another attempt.
func retryableTransport(err error) bool {
	if errors.Is(err, errRedirect) || errors.Is(err, context.Canceled) {
		return false
	}
	var unknownAuthority x509.UnknownAuthorityError
	var certInvalid x509.CertificateInvalidError
	var hostname x509.HostnameError
	var recordHeader tls.RecordHeaderError
	if errors.As(err, &unknownAuthority) || errors.As(err, &certInvalid) || errors.As(err, &hostname) || errors.As(err, &recordHeader) {
		return false
	}
	return !strings.Contains(err.Error(), "unsupported protocol scheme")
}

// retryableResult reports whether a decoded result of a read-only call is a
// transient failure.
func retryableResult(err error) bool {
	var re *ResponseError
	if errors.As(err, &re) {
		switch re.Kind {
		case BodyHTML, BodyEmpty, BodyNoStatus, BodyTruncated, BodyNotJSON:
			return true
		}
		return false
	}
	if errors.Is(err, ErrRateLimited) {
		return true
	}
	var te *TransportError
	return errors.As(err, &te) && retryableTransport(te.Err)
}

const maxRetryAfter = time.Minute

// backoff is full-jitter exponential backoff between min and max; a
// Retry-After header on 429/503 is honoured (up to a minute).
func backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := retryAfter(resp.Header.Get("Retry-After")); ok {
			if d > maxRetryAfter {
				d = maxRetryAfter
			}
			return d
		}
	}
	if max <= 0 {
		return 0
	}
	d := min
	for i := 0; i < attempt && d < max; i++ {
		d *= 2
	}
	if d > max || d <= 0 {
		d = max
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

func retryAfter(v string) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := time.Until(t)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// stoppedRetrying is the error of a read whose context ended while it was
// waiting to retry: it matches the context's error and the last answer's.
func stoppedRetrying(method string, ctxErr, last error) error {
	return fmt.Errorf("voipms: %s: stopped retrying: %w (last attempt: %w)", method, ctxErr, last)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (c *Client) logRetry(ctx context.Context, st *callState, reason string) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "voipms retry",
		slog.String("method", st.method), slog.Int("attempt", st.attempts), slog.String("reason", reason))
}

// ---- redaction ----

// scrub is the one place every returned error passes. It cleans the whole
// chain a caller can reach with errors.As: URLs keep only scheme, host and
// path; our own error types have the password removed from their fields in
// place (they were just made for this call); any other layer whose message
// shows the password (raw or URL-escaped) is replaced by a redacted
// stand-in that keeps unwrapping to the cleaned rest of the chain, or, for a
// leaf, ends it. errors.Is/As against the package's sentinels and types keep
// working.
func (c *Client) scrub(err error) error {
	if err == nil {
		return nil
	}
	switch e := err.(type) {
	case *url.Error:
		e.URL = redactURL(e.URL)
		e.Err = c.scrub(e.Err)
		return e
	case *TransportError:
		e.Err = c.scrub(e.Err)
		return e
	case *OutcomeUnknownError:
		e.Err = c.scrub(e.Err)
		return e
	case *APIError:
		e.Message = c.redact(e.Message)
		return e
	case *ResponseError:
		e.Detail = c.redact(e.Detail)
		return e
	case *redactedError:
		e.msg = c.redact(e.msg)
		for i := range e.errs {
			e.errs[i] = c.scrub(e.errs[i])
		}
		return e
	}
	var causes []error
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if in := u.Unwrap(); in != nil {
			causes = []error{in}
		}
	case interface{ Unwrap() []error }:
		causes = u.Unwrap()
	}
	msg := err.Error()
	red := c.redact(msg)
	changed := red != msg
	clean := make([]error, len(causes))
	for i, in := range causes {
		clean[i] = c.scrub(in)
		changed = changed || clean[i] != in
	}
	if !changed {
		return err
	}
	// A leaf that showed the password has no causes: opaque from here.
	return &redactedError{msg: red, errs: clean}
}

// redact replaces the password, raw or URL-escaped, in s.
func (c *Client) redact(s string) string {
	pw := c.password.v
	for _, form := range []string{pw, url.QueryEscape(pw), url.PathEscape(pw)} {
		if form != "" {
			s = strings.ReplaceAll(s, form, redacted)
		}
	}
	return s
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(url)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// redactedError stands in for an error whose message had the password
// removed; it unwraps to the cleaned causes.
type redactedError struct {
	msg  string
	errs []error
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap returns the cleaned causes.
func (e *redactedError) Unwrap() []error { return e.errs }
