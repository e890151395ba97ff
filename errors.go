package voipms

import (
	"errors"
	"fmt"
	"strings"
)

// Category sentinels. Every error this package returns can be tested with
// errors.Is against these; *APIError maps its status code onto them.
var (
	// ErrAuth: the username or API password is missing or wrong
	// (missing_credentials, invalid_credentials).
	ErrAuth = errors.New("voipms: authentication failed")
	// ErrIPNotAllowed: the caller's IP address is not on the account's API
	// allow-list (ip_not_enabled). Client.General.GetIP tells the address to add.
	ErrIPNotAllowed = errors.New("voipms: IP address not enabled for API use")
	// ErrAPIDisabled: the API is switched off for the account (api_not_enabled).
	ErrAPIDisabled = errors.New("voipms: API not enabled for this account")
	// ErrRateLimited: the per-minute API request limit was reached
	// (api_limit_exceeded).
	ErrRateLimited = errors.New("voipms: API rate limit reached")
	// ErrNotFound: the record asked for does not exist (no_did, no_forwarding,
	// ... on a fetch-one call, location_not_found, ...).
	ErrNotFound = errors.New("voipms: not found")
	// ErrInvalidParameter: a parameter is missing or malformed, found by the
	// API (invalid_*, missing_*) or before any request (*ValidationError).
	ErrInvalidParameter = errors.New("voipms: invalid parameter")
	// ErrConflict: the change clashes with existing state (did_in_use,
	// existing_did, used_*, duplicated_*, *_in_use, ...).
	ErrConflict = errors.New("voipms: conflict with existing state")
	// ErrInsufficientFunds: the account balance does not cover the charge
	// (non_sufficient_funds).
	ErrInsufficientFunds = errors.New("voipms: insufficient funds")
	// ErrLimitReached: an account quota was reached (limit_reached,
	// did_limit_reached, forwards_exceeded, members_exceeded, max_phonebook).
	ErrLimitReached = errors.New("voipms: account limit reached")
	// ErrUnavailable: VoIP.ms could not do it now (unsifficient_stock,
	// Unable_to_purchase, order_failed, provider_outofservice,
	// method_maintenance, ...).
	ErrUnavailable = errors.New("voipms: temporarily unavailable")
	// ErrOutcomeUnknown: a state-changing call failed in a way that does not
	// tell whether VoIP.ms acted (timeout, connection reset after the request
	// was sent, 5xx, an unreadable body). Check the account before retrying.
	ErrOutcomeUnknown = errors.New("voipms: outcome unknown")
	// ErrDryRunRefused: a client built WithDryRun refused a state-changing
	// call that has no dry-run mode.
	ErrDryRunRefused = errors.New("voipms: refused in dry-run mode")
	// ErrBadResponse: the body was not the VoIP.ms JSON envelope
	// (*ResponseError), and the HTTP status does not say the service is down.
	ErrBadResponse = errors.New("voipms: unexpected response")
	// ErrTransport: the HTTP exchange failed (dial, DNS, TLS, proxy, reset,
	// timeout, HTTP/2 stream error) before an answer arrived
	// (*TransportError). For a state-changing call that may have been sent,
	// the error is ErrOutcomeUnknown instead.
	ErrTransport = errors.New("voipms: transport failure")
	// ErrRejected: VoIP.ms answered a status that none of the categories
	// above covers (e911_disabled, can_have_only_one_profile_without_pin, a
	// status newer than this package, ...). The *APIError keeps the status.
	ErrRejected = errors.New("voipms: refused by the API")
)

// Status is a VoIP.ms status code as it appears on the wire ("success",
// "no_did", "invalid_routing", ...). Every documented code has a constant;
// codes this package does not know are kept verbatim.
type Status string

// Description returns the documented description of s, or "" for an
// undocumented code.
func (s Status) Description() string { return statusDescriptions[s] }

// Known reports whether s is one of the documented codes.
func (s Status) Known() bool { _, ok := statusDescriptions[s]; return ok }

// IsEmpty reports whether s is one of the statuses list methods answer when
// nothing matches (no_did, no_sms, ...).
func (s Status) IsEmpty() bool { return emptyStatuses[s] }

// category maps a status code to its sentinel, or nil.
func (s Status) category() error {
	code := string(s)
	switch s {
	case "invalid_credentials", "missing_credentials":
		return ErrAuth
	case "ip_not_enabled":
		return ErrIPNotAllowed
	case "api_not_enabled":
		return ErrAPIDisabled
	case "api_limit_exceeded":
		return ErrRateLimited
	case "non_sufficient_funds":
		return ErrInsufficientFunds
	case "limit_reached", "did_limit_reached", "forwards_exceeded", "members_exceeded", "max_phonebook":
		return ErrLimitReached
	case "unsifficient_stock", "Unable_to_purchase", "order_failed", "provider_outofservice",
		"method_maintenance", "unavailable_info", "cancel_failed", "sent_fail", "sms_failed",
		"problem_sending_mail", "tls_error", "moving_fail", "error_deleting_msg", "error_moving_msg":
		return ErrUnavailable
	case "existing_did", "did_in_use", "account_with_dids", "location_already_exists",
		"location_linked_to_subaccount", "member_already_included", "sipuri_in_phonebook",
		"repeated_ip", "reserved_ip", "same_did_billingtype", "no_change_billingtype", "e911_pending":
		return ErrConflict
	case "location_not_found", "message_not_found", "conference_member_relation_not_found", "no_sequences":
		return ErrNotFound
	}
	switch {
	case emptyStatuses[s]:
		return ErrNotFound
	case strings.HasPrefix(code, "used_"), strings.HasPrefix(code, "duplicated_"), strings.Contains(code, "_in_use"):
		return ErrConflict
	case strings.HasPrefix(strings.ToLower(code), "invalid_"), strings.HasPrefix(code, "missing_"),
		strings.HasPrefix(code, "mismatch_"), strings.HasSuffix(code, "_toolong"), code == "weak_password",
		code == "message_empty", code == "exceeds_file_size", code == "no_callstatus", code == "no_base64file",
		strings.HasPrefix(code, "rtp_timeout"):
		return ErrInvalidParameter
	}
	return ErrRejected
}

// APIError is a response whose status is not "success".
type APIError struct {
	// Method is the wire method that was called (e.g. "orderDID").
	Method string
	// Status is the status code VoIP.ms answered.
	Status Status
	// Message is the human-readable message sent with the status, or the
	// documented description when the body had none.
	Message string
	// HTTPStatusCode is the HTTP status of the response (VoIP.ms answers
	// 200 for API errors).
	HTTPStatusCode int

	notFound bool  // set by fetch-one methods that got no record
	wrapped  bool  // inside an error of another category (see demote)
	cat      error // the category, fixed before redaction (see freeze)
}

// freeze fixes the category from the status as VoIP.ms sent it, before the
// status is redacted.
func (e *APIError) freeze() {
	if e.cat == nil {
		e.cat = e.Status.category()
	}
}

func (e *APIError) Error() string {
	if e.Status == "" {
		return fmt.Sprintf("voipms: %s: %s", e.Method, e.Message)
	}
	msg := e.Message
	if msg == "" {
		msg = e.Status.Description()
	}
	if msg == "" {
		return fmt.Sprintf("voipms: %s: %s", e.Method, e.Status)
	}
	return fmt.Sprintf("voipms: %s: %s (%s)", e.Method, e.Status, msg)
}

// Is reports whether the error's status belongs to the category target.
func (e *APIError) Is(target error) bool {
	if e.wrapped {
		return false
	}
	if e.notFound {
		// one category per error: a fetch-one's invalid_<id> is a missing
		// record, not a malformed parameter
		return target == ErrNotFound
	}
	c := e.cat
	if c == nil {
		c = e.Status.category()
	}
	return c != nil && c == target
}

// ValidationError is a parameter problem found before any request was sent.
// It matches ErrInvalidParameter.
type ValidationError struct {
	// Method is the wire method whose parameters failed.
	Method string
	// Field is the wire name of the parameter ("did", "routing", ...).
	Field string
	// Param is the Go name the caller set: the params field ("DID",
	// "Routing") or the argument of a method that takes positional
	// arguments ("id"). Empty when the check is not about one parameter.
	Param string
	// Reason says what is wrong.
	Reason string
}

func (e *ValidationError) Error() string {
	switch {
	case e.Field == "":
		return fmt.Sprintf("voipms: %s: %s", e.Method, e.Reason)
	case e.Param != "":
		return fmt.Sprintf("voipms: %s: invalid %s (%s): %s", e.Method, e.Field, e.Param, e.Reason)
	}
	return fmt.Sprintf("voipms: %s: invalid %s: %s", e.Method, e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrInvalidParameter) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidParameter }

func validationErr(method, field, reason string) error {
	return &ValidationError{Method: method, Field: field, Reason: reason}
}

// paramErr is validationErr naming the Go parameter as well (generated
// validate methods use it).
func paramErr(method, field, param, reason string) error {
	return &ValidationError{Method: method, Field: field, Param: param, Reason: reason}
}

// ResponseErrorKind says how a body failed to be the JSON envelope.
type ResponseErrorKind int

const (
	// BodyHTML: an HTML page (a proxy or firewall error page).
	BodyHTML ResponseErrorKind = iota + 1
	// BodyEmpty: no body where data was expected.
	BodyEmpty
	// BodyNoStatus: JSON without the "status" key.
	BodyNoStatus
	// BodyTruncated: JSON that ends early.
	BodyTruncated
	// BodyNotJSON: anything else that is not a JSON object.
	BodyNotJSON
	// BodyTooLarge: the body exceeded the size cap.
	BodyTooLarge
	// BodyShape: a JSON envelope whose data did not have the expected shape.
	BodyShape
)

func (k ResponseErrorKind) short() string {
	switch k {
	case BodyHTML:
		return "html"
	case BodyEmpty:
		return "empty"
	case BodyNoStatus:
		return "no_status"
	case BodyTruncated:
		return "truncated"
	case BodyNotJSON:
		return "not_json"
	case BodyTooLarge:
		return "too_large"
	case BodyShape:
		return "shape"
	}
	return "unknown"
}

func (k ResponseErrorKind) String() string {
	switch k {
	case BodyHTML:
		return "HTML page instead of JSON"
	case BodyEmpty:
		return "empty body"
	case BodyNoStatus:
		return "JSON without status"
	case BodyTruncated:
		return "truncated JSON"
	case BodyNotJSON:
		return "body is not JSON"
	case BodyTooLarge:
		return "body too large"
	case BodyShape:
		return "unexpected JSON shape"
	}
	return "unknown body problem"
}

// ResponseError is a response that was not the VoIP.ms JSON envelope. It
// never echoes the body. It matches ErrBadResponse, or ErrUnavailable /
// ErrRateLimited when the HTTP status says so.
type ResponseError struct {
	Method         string
	Kind           ResponseErrorKind
	HTTPStatusCode int
	// Detail is a short description of a shape problem (field and expected
	// type); it never holds response data.
	Detail string

	wrapped bool // inside an error of another category (see demote)
}

func (e *ResponseError) Error() string {
	s := fmt.Sprintf("voipms: %s: %s (HTTP %d)", e.Method, e.Kind, e.HTTPStatusCode)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Is gives the error its one category: ErrUnavailable when the HTTP status
// says the service is down (an outage page with 500/502/503/504),
// ErrRateLimited for HTTP 429, ErrBadResponse otherwise.
func (e *ResponseError) Is(target error) bool {
	if e.wrapped {
		return false
	}
	switch {
	case unavailableStatus(e.HTTPStatusCode):
		return target == ErrUnavailable
	case e.HTTPStatusCode == 429:
		return target == ErrRateLimited
	}
	return target == ErrBadResponse
}

// OutcomeUnknownError is returned by a state-changing call that failed after
// the request may have reached VoIP.ms. It matches ErrOutcomeUnknown and
// unwraps to the underlying failure.
type OutcomeUnknownError struct {
	Method string
	Err    error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("voipms: %s: outcome unknown, the request may have been executed: %v", e.Method, e.Err)
}

// Is makes errors.Is(err, ErrOutcomeUnknown) true.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns the underlying failure.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// TransportError is a failure to complete the HTTP exchange (dial, TLS,
// timeout, reset). It matches ErrTransport and unwraps to the cause, with
// any URL removed.
type TransportError struct {
	Method string
	// Attempts is how many HTTP attempts were made.
	Attempts int
	// Kind names the failure: "dial", "dns", "tls", "proxy",
	// "no_connection", "canceled", "timeout", "reset", "protocol",
	// "body_read" or "other".
	Kind string
	// Sent is false when the request cannot have reached VoIP.ms.
	Sent bool
	Err  error

	wrapped bool // inside an error of another category (see demote)
}

// Is makes errors.Is(err, ErrTransport) true, except for a call whose
// context ended (it matches the context's error instead).
func (e *TransportError) Is(target error) bool {
	return target == ErrTransport && !e.wrapped && e.Kind != "canceled"
}

func (e *TransportError) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("voipms: %s: transport failure after %d attempts: %v", e.Method, e.Attempts, e.Err)
	}
	return fmt.Sprintf("voipms: %s: transport failure: %v", e.Method, e.Err)
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// notFoundIf marks an *APIError whose status is one of statuses as not
// found: a fetch-one method asked for an id that does not exist, and VoIP.ms
// answered invalid_<id> rather than a no_* status. The error keeps its status
// and message and matches ErrNotFound instead of its status's category.
func notFoundIf(err error, statuses ...Status) error {
	var ae *APIError
	if errors.As(err, &ae) {
		for _, st := range statuses {
			if ae.Status == st {
				cp := *ae
				cp.notFound = true
				return &cp
			}
		}
	}
	return err
}

// notFound is the error a fetch-one method returns when the record is
// absent; what names the record ("did", "forwarding"). It matches ErrNotFound.
func notFound(method, what string) error {
	st := "no_" + Status(what)
	if !st.IsEmpty() {
		st = "" // synthesized: no documented status names this record kind
	}
	return &APIError{Method: method, Status: st, Message: what + " not found", HTTPStatusCode: 200, notFound: true}
}
