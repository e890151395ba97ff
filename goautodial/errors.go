package goautodial

import (
	"errors"
	"fmt"
	"strings"
)

// Category sentinels. Every error this package returns matches exactly one
// of them with errors.Is (a cancelled or expired context also matches
// context.Canceled or context.DeadlineExceeded).
var (
	// ErrAuth: the user or pass hash was refused ("Invalid Username/Password").
	ErrAuth = errors.New("goautodial: authentication failed")
	// ErrPermission: the user logged in but may not call this action (code
	// 10001, "You do not have permission to view this page"): goGetAllDID
	// and goGetDIDInfo need the pass hash as the credential and user level
	// 8 or more.
	ErrPermission = errors.New("goautodial: permission denied")
	// ErrInvalidParameter: a field is missing or malformed, found before any
	// request (*ValidationError) or by the server (an *APIError whose Field
	// names it).
	ErrInvalidParameter = errors.New("goautodial: invalid parameter")
	// ErrNotFound: no DID with that did_id ("DID doesn't exist.").
	ErrNotFound = errors.New("goautodial: not found")
	// ErrConflict: the did_pattern is already registered ("DID already
	// exist", "Duplicate did_pattern").
	ErrConflict = errors.New("goautodial: DID pattern already exists")
	// ErrUnsupported: the server has no such action ("Command Not Found").
	ErrUnsupported = errors.New("goautodial: action not supported by this server")
	// ErrRejected: the server refused the call for a reason none of the
	// other categories names ("DID NOT ADDED, Check your details", "Error
	// in Query"). The *APIError says which.
	ErrRejected = errors.New("goautodial: rejected by the server")
	// ErrBadResponse: the body is not the JSON answer expected (an HTML
	// page, an empty or cut body, arrays of different lengths).
	ErrBadResponse = errors.New("goautodial: unexpected response")
	// ErrUnavailable: the server answered HTTP 5xx (an error page).
	ErrUnavailable = errors.New("goautodial: server unavailable")
	// ErrTransport: the HTTP exchange failed (dial, DNS, TLS, reset,
	// timeout) for a read, or for a write when nothing can have been sent.
	ErrTransport = errors.New("goautodial: transport failure")
	// ErrOutcomeUnknown: a state-changing action failed after the request
	// may have reached the server. Look (DIDs.Exists, DIDs.Get) before
	// trying again.
	ErrOutcomeUnknown = errors.New("goautodial: outcome unknown")
	// ErrPartial: a multi-step operation (DIDs.Register) stopped half way:
	// the DID exists on the server but its route was not applied. The
	// *RegisterError says what exists.
	ErrPartial = errors.New("goautodial: partially done")
)

var categories = []error{ErrAuth, ErrPermission, ErrInvalidParameter, ErrNotFound, ErrConflict, ErrUnsupported,
	ErrRejected, ErrBadResponse, ErrUnavailable, ErrTransport, ErrOutcomeUnknown, ErrPartial}

func categoryOf(err error) error {
	for _, c := range categories {
		if errors.Is(err, c) {
			return c
		}
	}
	return nil
}

// APIError is an answer whose result is not "success": the server's error
// channel. Message is the result text (or the message of a
// {"result":"error"} answer) with "<br>" and the trailing newline removed.
type APIError struct {
	// Action is the goAction that was called ("goEditDID").
	Action string
	// Message is the server's text ("Error: Special characters found in
	// did_pattern").
	Message string
	// Code is the numeric code some answers carry ("10001"), or "".
	Code string
	// Field is the wire field the message names ("did_pattern"), or "".
	Field string

	cat error
}

func (e *APIError) Error() string {
	s := "goautodial: " + e.Action + ": " + e.Message
	if e.Code != "" {
		s += " (code " + e.Code + ")"
	}
	return s
}

// Is reports whether target is the error's category.
func (e *APIError) Is(target error) bool {
	c := e.cat
	if c == nil {
		c, _ = classify(e.Code, e.Message)
	}
	return target == c
}

// fieldMessages map the server's messages to the field they are about.
var fieldMessages = []struct{ prefix, field string }{
	{"Error: Set a value for DID pattern", "did_pattern"},
	{"Error: Set a value for did_description", "did_description"},
	{"Error: Set a value for DID ID", "did_id"},
	{"Error: DID ID Not Defined", "did_id"},
	{"Error: Default value for active", "did_active"},
	{"Error: Default value for did_route", "did_route"},
	{"Error: Default value for user_unavailable_action", "user_unavailable_action"},
	{"Error: Invalid User Group", "user_group"},
	{"Error: Session User Not Defined", "session_user"},
	{"Error: goAPI User Not Defined", "goUser"},
	{"Error: goAPI Password Not Defined", "goPass"},
}

// classify maps an error answer to its category and, for validation
// messages, the field.
func classify(code, msg string) (error, string) {
	m := strings.ToLower(msg)
	switch {
	case code == "10001" || strings.Contains(m, "do not have permission"):
		return ErrPermission, ""
	case msg == "Invalid Username/Password":
		return ErrAuth, ""
	case msg == "Command Not Found":
		return ErrUnsupported, ""
	case strings.Contains(m, "already exist") || strings.HasPrefix(m, "duplicate did_pattern"):
		return ErrConflict, "did_pattern"
	case strings.Contains(m, "doesn't exist") || strings.Contains(m, "not found"):
		return ErrNotFound, ""
	}
	if f, ok := strings.CutPrefix(msg, "Error: Special characters found in "); ok {
		return ErrInvalidParameter, strings.TrimSpace(f)
	}
	for _, fm := range fieldMessages {
		if strings.HasPrefix(msg, fm.prefix) {
			return ErrInvalidParameter, fm.field
		}
	}
	if strings.Contains(m, "only accepts xml or json") {
		return ErrInvalidParameter, "responsetype"
	}
	return ErrRejected, ""
}

func newAPIError(action, code, msg string) *APIError {
	e := &APIError{Action: action, Message: msg, Code: code}
	e.cat, e.Field = classify(code, msg)
	return e
}

// ValidationError is a parameter problem found before any request was sent.
// It matches ErrInvalidParameter.
type ValidationError struct {
	// Action is the goAction whose parameters failed ("goAddDID"), or the
	// function ("New").
	Action string
	// Field is the wire name of the field ("did_pattern").
	Field string
	// Reason says what is wrong.
	Reason string
}

func (e *ValidationError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("goautodial: %s: %s", e.Action, e.Reason)
	}
	return fmt.Sprintf("goautodial: %s: invalid %s: %s", e.Action, e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrInvalidParameter) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidParameter }

// ResponseErrorKind says how a body failed to be the JSON answer.
type ResponseErrorKind int

const (
	// BodyEmpty: no body at all.
	BodyEmpty ResponseErrorKind = iota + 1
	// BodyHTML: an HTML page (or other text) without a JSON object.
	BodyHTML
	// BodyHTTPStatus: an HTTP status other than 200 (the server always
	// answers 200).
	BodyHTTPStatus
	// BodyJSON: a JSON object that does not parse (cut short, malformed).
	BodyJSON
	// BodyShape: JSON, but not the answer's shape (no result, parallel
	// arrays of different lengths, a value of the wrong type).
	BodyShape
	// BodyTooLarge: the body exceeded the size cap.
	BodyTooLarge
)

func (k ResponseErrorKind) String() string {
	switch k {
	case BodyEmpty:
		return "empty body"
	case BodyHTML:
		return "no JSON object in the body"
	case BodyHTTPStatus:
		return "unexpected HTTP status"
	case BodyJSON:
		return "malformed or truncated JSON"
	case BodyShape:
		return "unexpected answer shape"
	case BodyTooLarge:
		return "body too large"
	}
	return "unknown body problem"
}

// ResponseError is a body that is not the expected answer. It never echoes
// the body. It matches ErrUnavailable for an HTTP 5xx answer and
// ErrBadResponse otherwise.
type ResponseError struct {
	Action         string
	Kind           ResponseErrorKind
	HTTPStatusCode int
	// Detail says what was expected (a key, a length); never response data.
	Detail string
}

func (e *ResponseError) Error() string {
	s := fmt.Sprintf("goautodial: %s: %s (HTTP %d)", e.Action, e.Kind, e.HTTPStatusCode)
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

func shapeErr(action, detail string) error {
	return &ResponseError{Action: action, Kind: BodyShape, HTTPStatusCode: 200, Detail: detail}
}

// OutcomeUnknownError is returned by a state-changing action (goAddDID,
// goEditDID, goDeleteDID) that failed after the request may have reached
// the server. It matches ErrOutcomeUnknown only; errors.As still reaches
// the failure behind it (a *TransportError, a *ResponseError).
type OutcomeUnknownError struct {
	Action string
	Err    error

	ctxErr error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("goautodial: %s: outcome unknown, the request may have been executed: %v", e.Action, e.Err)
}

// Is matches ErrOutcomeUnknown (and the context's error when the context
// ended during the call).
func (e *OutcomeUnknownError) Is(target error) bool {
	return target == ErrOutcomeUnknown || (e.ctxErr != nil && target == e.ctxErr)
}

// As lets errors.As reach the cause without errors.Is seeing its category.
func (e *OutcomeUnknownError) As(target any) bool { return e.Err != nil && errors.As(e.Err, target) }

// TransportError is a failure to complete the HTTP exchange. It matches
// ErrTransport (a call whose context ended matches the context's error
// instead) and unwraps to the cause.
type TransportError struct {
	Action string
	// Kind names the failure ("dial", "dns", "tls", "timeout", "reset",
	// "protocol", "canceled", ...).
	Kind string
	// Sent is false when the request cannot have reached the server.
	Sent     bool
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("goautodial: %s: transport failure after %d attempts: %v", e.Action, e.Attempts, e.Err)
	}
	return fmt.Sprintf("goautodial: %s: transport failure: %v", e.Action, e.Err)
}

// Is matches ErrTransport, except for a cancelled call (which matches the
// context's error through Unwrap).
func (e *TransportError) Is(target error) bool { return target == ErrTransport && e.Kind != "canceled" }

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// RegisterState says what exists on the server after DIDs.Register failed
// part way.
type RegisterState int

const (
	// MaybeAdded: goAddDID may or may not have run (its answer was lost).
	MaybeAdded RegisterState = iota + 1
	// AddedNotRouted: the DID exists with the server's default route
	// (EXTEN 9998811112); the route was not applied.
	AddedNotRouted
	// MaybeRouted: the DID exists; the goEditDID that applies the route may
	// or may not have run.
	MaybeRouted
)

func (s RegisterState) String() string {
	switch s {
	case MaybeAdded:
		return "maybe added (the add's answer was lost)"
	case AddedNotRouted:
		return "added but not routed"
	case MaybeRouted:
		return "added; route maybe applied (the edit's answer was lost)"
	}
	return "unknown"
}

// RegisterError is the error of DIDs.Register once something may exist on
// the server: it says which step failed and what exists. (A goAddDID the
// server refused is returned as its own *APIError: nothing was added.) It matches
// ErrPartial when the DID exists unrouted, ErrOutcomeUnknown when a step's
// answer was lost; errors.As reaches the step's own error (an *APIError,
// a *TransportError, ...).
type RegisterError struct {
	// Pattern is the did_pattern as sent.
	Pattern string
	// Step is the action that failed: "goAddDID", "goGetAllDID" (or
	// "goGetDIDsList") finding the new did_id, or "goEditDID".
	Step string
	// State is what exists on the server.
	State RegisterState
	// DIDID is the new DID's did_id, or 0 when it was not found.
	DIDID int64
	Err   error
}

func (e *RegisterError) Error() string {
	s := fmt.Sprintf("goautodial: register %s: %s failed; %s", e.Pattern, e.Step, e.State)
	if e.DIDID != 0 {
		s += fmt.Sprintf(" (did_id %d)", e.DIDID)
	}
	return s + ": " + e.Err.Error()
}

// Is matches ErrPartial or ErrOutcomeUnknown (see State).
func (e *RegisterError) Is(target error) bool {
	switch e.State {
	case MaybeAdded, MaybeRouted:
		return target == ErrOutcomeUnknown
	case AddedNotRouted:
		return target == ErrPartial
	}
	return false
}

// As lets errors.As reach the failed step's error.
func (e *RegisterError) As(target any) bool { return e.Err != nil && errors.As(e.Err, target) }
