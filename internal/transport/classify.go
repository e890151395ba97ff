package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
)

// Kind says what went wrong in an exchange.
type Kind int

const (
	// KindOther: a failure of no known kind (counted as possibly sent).
	KindOther Kind = iota
	// KindDial: the TCP connection could not be made (refused, unreachable).
	KindDial
	// KindDNS: the host name did not resolve.
	KindDNS
	// KindTLS: the TLS handshake failed: the server's certificate did not
	// verify, or the server does not speak TLS.
	KindTLS
	// KindProxy: the proxy could not be reached or refused the CONNECT.
	KindProxy
	// KindNoConn: the HTTP transport asked for a connection and got none
	// (a failure before the request, of no more precise kind).
	KindNoConn
	// KindCanceled: the caller's context ended.
	KindCanceled
	// KindTimeout: an attempt ran out of time.
	KindTimeout
	// KindReset: the connection broke (reset, EOF) during the exchange.
	KindReset
	// KindProtocol: an HTTP/2 stream or connection error (RST_STREAM,
	// GOAWAY), or a malformed HTTP answer.
	KindProtocol
	// KindRedirect: the HTTP client refused a redirect.
	KindRedirect
	// KindBodyRead: the answer's body broke off while being read.
	KindBodyRead
	// KindBodyTooLarge: the answer's body exceeded MaxBody.
	KindBodyTooLarge
)

var kindNames = [...]string{
	KindOther: "other", KindDial: "dial", KindDNS: "dns", KindTLS: "tls", KindProxy: "proxy",
	KindNoConn: "no_connection", KindCanceled: "canceled", KindTimeout: "timeout", KindReset: "reset",
	KindProtocol: "protocol", KindRedirect: "redirect", KindBodyRead: "body_read", KindBodyTooLarge: "body_too_large",
}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Error is a failure of the HTTP exchange itself (no usable answer).
type Error struct {
	Kind Kind
	// Sent is false only when the request cannot have reached the server.
	Sent bool
	// Attempts is the attempt this failure happened on.
	Attempts int
	// StatusCode is the HTTP status when the failure happened reading the
	// body, else 0.
	StatusCode int
	Err        error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %v", e.Kind, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrRedirect is what a client's CheckRedirect returns to refuse every
// redirect; Classify reports it as KindRedirect.
var ErrRedirect = errors.New("redirect refused")

// Classify tells what kind an exchange error is and whether the request can
// have reached the server. It looks at error types only, never at the text
// (which may hold anything, a secret included).
func Classify(err error) *Error { return classify(err, false) }

// classify is Classify with what the HTTP trace saw: noConn is true when
// the transport asked for a connection and never got one.
func classify(err error, noConn bool) *Error {
	e := &Error{Kind: KindOther, Sent: true, Err: err}
	var ns *notSent
	if errors.As(err, &ns) {
		e.Sent = false
		e.Kind = KindCanceled
		if !errors.Is(ns.err, context.Canceled) && !errors.Is(ns.err, context.DeadlineExceeded) {
			e.Kind = KindOther // the limiter refused (e.g. a wait longer than the deadline)
		}
		return e
	}
	var op *net.OpError
	var dns *net.DNSError
	var certVerify *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var certInvalid x509.CertificateInvalidError
	var hostname x509.HostnameError
	var recordHeader tls.RecordHeaderError
	var alert tls.AlertError
	switch {
	case errors.Is(err, ErrRedirect):
		// CheckRedirect runs after an answer arrived: the request was sent.
		e.Kind = KindRedirect
		return e
	case errors.As(err, &op) && op.Op == "proxyconnect":
		e.Kind, e.Sent = KindProxy, false
		return e
	case errors.As(err, &dns):
		e.Kind, e.Sent = KindDNS, false
		return e
	case errors.As(err, &op) && op.Op == "dial":
		e.Kind, e.Sent = KindDial, false
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			e.Kind = KindCanceled
		}
		return e
	case errors.As(err, &certVerify), errors.As(err, &unknownAuthority), errors.As(err, &certInvalid),
		errors.As(err, &hostname), errors.As(err, &recordHeader), errors.As(err, &alert):
		// Certificates are verified during the handshake, before any
		// byte of the request is written.
		e.Kind, e.Sent = KindTLS, false
		return e
	}
	if noConn {
		// The transport asked for a connection and never got one: whatever
		// failed (a refused CONNECT, a handshake, a cancel while dialing),
		// no byte of the request was written.
		e.Sent = false
		e.Kind = KindNoConn
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			e.Kind = KindCanceled
		}
		return e
	}
	var netErr net.Error
	switch {
	case errors.Is(err, context.Canceled):
		e.Kind = KindCanceled
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		e.Kind = KindTimeout
	case isProtocol(err):
		e.Kind = KindProtocol
	case errors.As(err, &op), errors.Is(err, net.ErrClosed), isEOF(err):
		e.Kind = KindReset
	}
	return e
}

// isProtocol recognises net/http's HTTP/2 stream and connection errors by
// type name (the types are not exported by net/http's bundled copy).
func isProtocol(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		t := fmt.Sprintf("%T", e)
		if strings.Contains(t, "http2") || strings.HasSuffix(t, "StreamError") || strings.HasSuffix(t, "GoAwayError") {
			return true
		}
	}
	return false
}

func isEOF(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}
