package transport

import (
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ShouldRetry is the one retry decision: whether a call of class, whose
// attempt-th attempt (1-based) of at most max failed with err (an *Error for
// an exchange failure, or the error a Read function returned, carrying its
// verdict) after the answer resp (nil when there was none), is sent again.
// It returns the reason for the log.
func ShouldRetry(class Class, attempt, max int, resp *Response, err error) (bool, string) {
	if err == nil || attempt >= max {
		return false, ""
	}
	var te *Error
	if errors.As(err, &te) {
		switch te.Kind {
		case KindCanceled, KindRedirect, KindTLS, KindBodyTooLarge:
			return false, "" // the caller's decision, or not transient
		}
		if !te.Sent {
			switch te.Kind {
			case KindDial, KindDNS:
				return true, te.Kind.String() + " error, nothing sent"
			case KindProxy:
				if proxyDial(te.Err) {
					return true, "proxy dial error, nothing sent"
				}
				return false, "" // the proxy refused: not transient
			case KindNoConn:
				return class == Read, "no connection, nothing sent"
			}
			return false, "" // a limiter refusal: waiting again will not help
		}
		if class != Read {
			return false, "" // may have reached the server: never again
		}
		return true, te.Kind.String() + " error"
	}
	v := Final
	var ve *verdictError
	if errors.As(err, &ve) {
		v = ve.v
	}
	switch {
	case v == NotExecuted:
		return true, "refused without executing"
	case class != Read:
		return false, ""
	case v == Transient:
		return true, "unusable answer" + statusNote(resp)
	case resp != nil && RetryableStatus(resp.StatusCode):
		return true, "HTTP " + strconv.Itoa(resp.StatusCode)
	}
	return false, ""
}

func statusNote(resp *Response) string {
	if resp == nil {
		return ""
	}
	return " (HTTP " + strconv.Itoa(resp.StatusCode) + ")"
}

// RetryableStatus reports whether an HTTP status is a transient failure of
// the server or of what stands in front of it: 429, 500, 502, 503, 504.
func RetryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// proxyDial reports whether a proxyconnect failure was the dial to the
// proxy (transient) rather than a refusal by the proxy.
func proxyDial(err error) bool {
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "proxyconnect" {
		return false
	}
	k := Classify(op.Err).Kind
	return k == KindDial || k == KindDNS
}

// Backoff is the wait before retry number attempt+1 (attempt counts from
// 0): full-jitter exponential between min and max, in [d/2, d] for
// d = min·2^attempt capped at max. A Retry-After on a 429 or 503 answer is
// honoured instead, capped at maxRetryAfter (0 means one minute).
func Backoff(min, max time.Duration, attempt int, resp *http.Response, maxRetryAfter time.Duration) time.Duration {
	if maxRetryAfter <= 0 {
		maxRetryAfter = defaultMaxRetryAfter
	}
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := RetryAfter(resp.Header.Get("Retry-After")); ok {
			return min2(d, maxRetryAfter)
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

func min2(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

// RetryAfter parses a Retry-After value: delay seconds or an HTTP date.
func RetryAfter(v string) (time.Duration, bool) {
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
