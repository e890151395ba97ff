package vicidial

import (
	"errors"
	"fmt"
	"strings"
)

// Category sentinels. Every error this package returns matches exactly one
// of them with errors.Is (a cancelled or expired context also matches
// context.Canceled or context.DeadlineExceeded).
var (
	// ErrAuth: the user or password was refused ("Login incorrect"), or the
	// user is not an active API user of level 7 or more.
	ErrAuth = errors.New("vicidial: authentication failed")
	// ErrLockedOut: too many failed logins; the user is locked for 15
	// minutes ("Too many login attempts").
	ErrLockedOut = errors.New("vicidial: user locked out after too many failed logins")
	// ErrIPBlocked: the caller's address is not on the user group's API IP
	// list, or is blacklisted ("Your IP Address is not allowed").
	ErrIPBlocked = errors.New("vicidial: IP address not allowed")
	// ErrPermission: the user may log in but not call this function or touch
	// this record ("USER DOES NOT HAVE PERMISSION", "NOT AN ALLOWED LIST
	// ID").
	ErrPermission = errors.New("vicidial: permission denied")
	// ErrInvalidParameter: a field is missing or malformed, found by the
	// server ("INVALID ...", "... MUST BE ...", "Invalid Source") or before
	// any request (*ValidationError).
	ErrInvalidParameter = errors.New("vicidial: invalid parameter")
	// ErrNotFound: the record asked for does not exist ("DOES NOT EXIST",
	// "NOT FOUND", "NO RECORDS FOUND", "NO MATCHES").
	ErrNotFound = errors.New("vicidial: not found")
	// ErrConflict: the record already exists ("ALREADY EXISTS",
	// "DUPLICATE ...").
	ErrConflict = errors.New("vicidial: conflict with existing record")
	// ErrUnsupported: the server's build does not have the function or
	// option (checked with version before any write), or the server answered
	// a newer function with "NO FUNCTION SPECIFIED".
	ErrUnsupported = errors.New("vicidial: not supported by this server build")
	// ErrRejected: the server refused the call for a reason none of the
	// other categories names (a number in the DNC list, a disabled feature,
	// no updates defined, ...). The *APIError says which.
	ErrRejected = errors.New("vicidial: rejected by the server")
	// ErrBadResponse: the body was not an answer of the line grammar (an
	// HTML page, an empty body, a line the function never prints).
	ErrBadResponse = errors.New("vicidial: unexpected response")
	// ErrUnavailable: the server answered HTTP 5xx (an error page from the
	// web server or a proxy).
	ErrUnavailable = errors.New("vicidial: server unavailable")
	// ErrTransport: the HTTP exchange could not be completed (dial, TLS,
	// timeout, reset) where nothing can have been executed, or for a read.
	ErrTransport = errors.New("vicidial: transport failure")
	// ErrOutcomeUnknown: a state-changing function failed after the request
	// may have reached the server. Check the server before trying again.
	ErrOutcomeUnknown = errors.New("vicidial: outcome unknown")
)

// APIError is an ERROR line.
type APIError struct {
	// Function is the wire function that was called ("add_lead").
	Function string
	// Message is the error text without the function name ("INVALID PHONE
	// NUMBER LENGTH", "Login incorrect, please try again").
	Message string
	// Data are the line's "|"-separated fields, with every credential the
	// request carried replaced by [REDACTED].
	Data []string
	// Notices are the NOTICE lines printed with the error.
	Notices []Notice

	cat error
}

func (e *APIError) Error() string {
	s := "vicidial: " + e.Function + ": " + e.Message
	if len(e.Data) > 0 {
		s += " - " + strings.Join(e.Data, "|")
	}
	return s
}

// Is reports whether target is the error's category.
func (e *APIError) Is(target error) bool { return target == e.category() }

func (e *APIError) category() error {
	if e.cat != nil {
		return e.cat
	}
	return classify(e.Function, e.Message, e.Data)
}

// classify maps an ERROR line's message to its category. It runs on the
// line as received, before redaction.
func classify(function, msg string, data []string) error {
	m := strings.ToUpper(msg)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(m, s) {
				return true
			}
		}
		return false
	}
	switch {
	case strings.HasPrefix(msg, "Login incorrect"):
		return ErrAuth
	case strings.HasPrefix(msg, "Too many login attempts"):
		return ErrLockedOut
	case strings.HasPrefix(msg, "Your IP Address is not allowed"):
		return ErrIPBlocked
	case msg == "NO FUNCTION SPECIFIED":
		if spec, ok := functions[function]; ok && spec.minBuild != "" {
			return ErrUnsupported
		}
		return ErrInvalidParameter
	case has("PERMISSION", "NOT AN ALLOWED"):
		return ErrPermission
	case has("ALREADY EXISTS", "DUPLICATE", "ALREADY IN THE"):
		return ErrConflict
	case has("DOES NOT EXIST", "NOT FOUND", "NO RECORDS FOUND", "NO RECORDINGS FOUND", "NO MATCHES",
		"NOT LOGGED IN", "NO LEADS FOUND"):
		return ErrNotFound
	case has("INVALID", "MUST BE", "MUST USE", "NOT VALID", "NO VALID", "IS NOT A VALID", "REQUIRED"):
		return ErrInvalidParameter
	}
	return ErrRejected
}

// ValidationError is a parameter problem found before any request was sent.
// It matches ErrInvalidParameter.
type ValidationError struct {
	// Function is the wire function whose parameters failed.
	Function string
	// Field is the wire name of the field ("phone_number").
	Field string
	// Reason says what is wrong.
	Reason string
}

func (e *ValidationError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("vicidial: %s: %s", e.Function, e.Reason)
	}
	return fmt.Sprintf("vicidial: %s: invalid %s: %s", e.Function, e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrInvalidParameter) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidParameter }

// UnsupportedError is a function or option the server's build does not
// have, found from its version answer before anything was written. It
// matches ErrUnsupported.
type UnsupportedError struct {
	// Function is the wire function ("add_did").
	Function string
	// Option is the option that needs the newer build ("delete_did"), or "".
	Option string
	// Build is the server's build ("170601-0747").
	Build string
	// MinBuild is the first build that has it.
	MinBuild string
}

func (e *UnsupportedError) Error() string {
	what := e.Function
	if e.Option != "" {
		what += " " + e.Option
	}
	return fmt.Sprintf("vicidial: %s needs server build %s or newer; the server is build %s", what, e.MinBuild, e.Build)
}

// Is makes errors.Is(err, ErrUnsupported) true.
func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupported }

// ResponseErrorKind says how a body failed to be an answer.
type ResponseErrorKind int

const (
	// BodyEmpty: no line at all.
	BodyEmpty ResponseErrorKind = iota + 1
	// BodyHTML: an HTML page.
	BodyHTML
	// BodyHTTPStatus: an HTTP status other than 200 (the server always
	// answers 200).
	BodyHTTPStatus
	// BodyShape: lines, but not the ones the function prints (a missing
	// SUCCESS line, too few fields, a value that does not parse).
	BodyShape
	// BodyTooLarge: the body exceeded the size cap.
	BodyTooLarge
	// BodyTruncated: the last line has no newline (the answer was cut).
	BodyTruncated
)

func (k ResponseErrorKind) String() string {
	switch k {
	case BodyEmpty:
		return "empty body"
	case BodyHTML:
		return "HTML page instead of result lines"
	case BodyHTTPStatus:
		return "unexpected HTTP status"
	case BodyShape:
		return "unexpected answer shape"
	case BodyTooLarge:
		return "body too large"
	case BodyTruncated:
		return "truncated body"
	}
	return "unknown body problem"
}

// ResponseError is a body that is not an answer of the line grammar. It
// never echoes the body. It matches ErrUnavailable for an HTTP 5xx answer
// and ErrBadResponse otherwise.
type ResponseError struct {
	Function       string
	Kind           ResponseErrorKind
	HTTPStatusCode int
	// Detail says what was expected (a column, a line kind); it never holds
	// response data.
	Detail string
}

func (e *ResponseError) Error() string {
	s := fmt.Sprintf("vicidial: %s: %s (HTTP %d)", e.Function, e.Kind, e.HTTPStatusCode)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Is matches ErrUnavailable for HTTP 5xx, ErrBadResponse otherwise.
func (e *ResponseError) Is(target error) bool {
	if e.HTTPStatusCode >= 500 {
		return target == ErrUnavailable
	}
	return target == ErrBadResponse
}

func shapeErr(fn, detail string) error {
	return &ResponseError{Function: fn, Kind: BodyShape, HTTPStatusCode: 200, Detail: detail}
}

// OutcomeUnknownError is returned by a state-changing function that failed
// after the request may have reached the server. It matches
// ErrOutcomeUnknown only, and unwraps to the failure.
type OutcomeUnknownError struct {
	Function string
	Err      error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("vicidial: %s: outcome unknown, the request may have been executed: %v", e.Function, e.Err)
}

// Is makes errors.Is(err, ErrOutcomeUnknown) true, and nothing else (the
// cause's category is not the error's).
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns the failure: a network error, a context error, or a plain
// description of the answer that did not arrive. It is never one of this
// package's categorized errors, so the OutcomeUnknownError matches one
// category only.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// TransportError is a failure to complete the HTTP exchange. It matches
// ErrTransport (and a context error it wraps), and unwraps to the cause with
// the URL removed.
type TransportError struct {
	Function string
	// Attempts is how many HTTP attempts were made.
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("vicidial: %s: transport failure after %d attempts: %v", e.Function, e.Attempts, e.Err)
	}
	return fmt.Sprintf("vicidial: %s: transport failure: %v", e.Function, e.Err)
}

// Is makes errors.Is(err, ErrTransport) true.
func (e *TransportError) Is(target error) bool { return target == ErrTransport }

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }
