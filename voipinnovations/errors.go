package voipinnovations

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
)

// Category sentinels. Every error the package returns matches exactly one of
// them with errors.Is (a cancelled or expired context also matches the
// context's own error).
var (
	// ErrAuth: login/secret not accepted (responseCode 902).
	ErrAuth = errors.New("voipinnovations: authentication failed")
	// ErrIPNotAllowed: the caller's IP is not on the API user's list (901).
	ErrIPNotAllowed = errors.New("voipinnovations: client IP not allowed")
	// ErrNotFound: no such number, port or record (101, 10X420, 101200, a
	// dummy record).
	ErrNotFound = errors.New("voipinnovations: not found")
	// ErrNotAvailable: the number cannot be had by this account (assigned
	// to another company, tier or 800 origination not enabled).
	ErrNotAvailable = errors.New("voipinnovations: not available")
	// ErrReservedByOther: another company holds a reservation (10X230).
	ErrReservedByOther = errors.New("voipinnovations: reserved by another company")
	// ErrNotOwned: the number is not assigned to this account (configDID,
	// releaseDID).
	ErrNotOwned = errors.New("voipinnovations: not assigned to this account")
	// ErrConflict: the number is already in a state of yours that the call
	// cannot move it from (reserve of a number you own, release of one you
	// only reserved, assign of one "already reserved for you": query it).
	ErrConflict = errors.New("voipinnovations: conflicts with the number's state")
	// ErrInvalidParameter: bad input, found before sending (*ValidationError)
	// or by the API (944, 302490, bad endpoint group, a SOAP client fault).
	ErrInvalidParameter = errors.New("voipinnovations: invalid parameter")
	// ErrUnavailable: the service failed (900, "unknown error", a SOAP server
	// fault, an HTML or empty answer with HTTP 5xx).
	ErrUnavailable = errors.New("voipinnovations: service unavailable")
	// ErrUnknownStatus: a code this package does not know.
	ErrUnknownStatus = errors.New("voipinnovations: unknown status code")
	// ErrMixed: a batch whose failed items fail for different reasons; see
	// *BatchError.
	ErrMixed = errors.New("voipinnovations: batch items failed for different reasons")
	// ErrBadResponse: the body is not the expected SOAP answer.
	ErrBadResponse = errors.New("voipinnovations: unexpected response")
	// ErrOutcomeUnknown: a write failed after it may have reached the
	// server. Reconcile (DIDService.Reconcile*) before trying again.
	ErrOutcomeUnknown = errors.New("voipinnovations: outcome unknown")
	// ErrTransport: the HTTP exchange failed (dial, DNS, TLS, proxy, reset,
	// timeout, HTTP/2 stream error) before an answer arrived
	// (*TransportError). For a write that may have been sent, the error is
	// ErrOutcomeUnknown instead.
	ErrTransport = errors.New("voipinnovations: transport failure")
	// ErrDryRunRefused: a write refused by a WithDryRun client.
	ErrDryRunRefused = errors.New("voipinnovations: refused in dry-run mode")
)

// APIError is a top-level responseCode other than 100 (and 101 where it
// means an empty list).
type APIError struct {
	Op      string       // wire operation, e.g. "getDIDs"
	Code    ResponseCode // the responseCode
	Message string       // the responseMessage
}

func (e *APIError) Error() string {
	s := "voipinnovations: " + e.Op + ": responseCode " + e.Code.String()
	if d := e.Code.Description(); d != "" {
		s += " (" + d + ")"
	}
	if e.Message != "" && e.Message != e.Code.Description() {
		s += ": " + e.Message
	}
	return s
}

// Is matches the code's category.
func (e *APIError) Is(target error) bool { return target == e.Code.category() }

// StatusError is one DID's failure inside an answer.
type StatusError struct {
	Op      string
	TN      string     // the number, 10 digits
	Status  StatusCode // its statusCode
	Message string     // its status text

	notFound bool // a dummy "no records" record: ErrNotFound whatever its code
}

func (e *StatusError) Error() string {
	s := "voipinnovations: " + e.Op + " " + e.TN + ": statusCode " + e.Status.String()
	if d := e.Status.Description(); d != "" {
		s += " (" + d + ")"
	}
	if e.Message != "" && !strings.EqualFold(e.Message, e.Status.Description()) {
		s += ": " + e.Message
	}
	return s
}

// Is matches the status's category (ErrNotFound for a dummy record).
func (e *StatusError) Is(target error) bool {
	if e.notFound {
		return target == ErrNotFound
	}
	return target == e.Status.category()
}

// BatchError says which numbers of a batch (reserveDID, assignDID,
// configDID, releaseDID) failed. The results returned beside it hold one
// entry per input, the failed ones with Err set. It matches the category
// its failed items share, or ErrMixed when they differ.
type BatchError struct {
	Op     string
	Failed []DIDResult // the failed items, in input order
	Total  int         // number of items sent
}

func (e *BatchError) Error() string {
	var b strings.Builder
	b.WriteString("voipinnovations: " + e.Op + ": " + strconv.Itoa(len(e.Failed)) + " of " + strconv.Itoa(e.Total) + " failed")
	for i, f := range e.Failed {
		if i == 5 {
			b.WriteString(", ...")
			break
		}
		b.WriteString(sep(i) + f.TN + " (")
		var se *StatusError
		switch {
		case errors.As(f.Err, &se):
			b.WriteString(se.Status.String())
			if d := se.Status.Description(); d != "" {
				b.WriteString(" " + d)
			}
		case f.Err != nil:
			b.WriteString(categoryName(f.Err))
		}
		b.WriteString(")")
	}
	return b.String()
}

func sep(i int) string {
	if i == 0 {
		return ": "
	}
	return ", "
}

// Is matches the failed items' common category, or ErrMixed.
func (e *BatchError) Is(target error) bool { return target == e.category() }

func (e *BatchError) category() error {
	var cat error
	for _, f := range e.Failed {
		c := categoryOf(f.Err)
		if cat == nil {
			cat = c
		} else if c != cat {
			return ErrMixed
		}
	}
	return cat
}

var categories = []error{ErrAuth, ErrIPNotAllowed, ErrNotFound, ErrNotAvailable, ErrReservedByOther, ErrNotOwned,
	ErrConflict, ErrInvalidParameter, ErrUnavailable, ErrUnknownStatus, ErrMixed, ErrBadResponse,
	ErrOutcomeUnknown, ErrTransport, ErrDryRunRefused}

func categoryOf(err error) error {
	for _, c := range categories {
		if errors.Is(err, c) {
			return c
		}
	}
	return nil
}

func categoryName(err error) string {
	if c := categoryOf(err); c != nil {
		return strings.TrimPrefix(c.Error(), "voipinnovations: ")
	}
	return "error"
}

// ValidationError is a parameter found wrong before any network I/O.
type ValidationError struct {
	Op     string // wire operation
	Field  string // Go field
	Wire   string // wire element ("didParams[2].tn")
	Reason string
}

func (e *ValidationError) Error() string {
	return "voipinnovations: " + e.Op + ": " + e.Field + " (" + e.Wire + ") " + e.Reason
}

// Is matches ErrInvalidParameter.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidParameter }

func validationErr(op, wire, field, reason string) error {
	return &ValidationError{Op: op, Field: field, Wire: wire, Reason: reason}
}

// ResponseErrorKind says how a body failed to be the expected answer.
type ResponseErrorKind int

const (
	KindNotXML       ResponseErrorKind = iota + 1 // not XML at all (an HTML page, text)
	KindEmpty                                     // an empty body
	KindNotEnvelope                               // XML, but not a SOAP envelope / no answer element
	KindWrongElement                              // an answer for another operation
	KindNoResult                                  // the <op>Result element is missing
	KindBadValue                                  // a field that cannot be read (Detail names it)
	KindShape                                     // results that do not match the request (count, numbers)
	KindTooLarge                                  // the body exceeds WithMaxResponseBytes
)

var kindNames = map[ResponseErrorKind]string{
	KindNotXML: "body is not XML", KindEmpty: "empty body", KindNotEnvelope: "not a SOAP envelope",
	KindWrongElement: "answer for another operation", KindNoResult: "no result element", KindBadValue: "unreadable value",
	KindShape: "results do not match the request", KindTooLarge: "body too large",
}

func (k ResponseErrorKind) String() string { return kindNames[k] }

// ResponseError is a body that is not the expected SOAP answer. It never
// quotes the body.
type ResponseError struct {
	Op             string
	Kind           ResponseErrorKind
	HTTPStatusCode int
	Detail         string
}

func (e *ResponseError) Error() string {
	s := "voipinnovations: " + e.Op + ": " + e.Kind.String()
	if e.HTTPStatusCode != 0 && e.HTTPStatusCode != 200 {
		s += " (HTTP " + strconv.Itoa(e.HTTPStatusCode) + ")"
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Is matches ErrBadResponse, or ErrUnavailable for a 5xx page that is not
// a SOAP answer (an outage page).
func (e *ResponseError) Is(target error) bool {
	if e.HTTPStatusCode >= 500 {
		return target == ErrUnavailable
	}
	return target == ErrBadResponse
}

func noResult(op *opInfo) error { return &ResponseError{Op: op.name, Kind: KindNoResult} }

// FaultError is a SOAP Fault (ASMX answers HTTP 500 with one for a
// malformed request, an unknown SOAPAction or an exception in the service).
// A client fault ("soap:Client") matches ErrInvalidParameter, any other
// ErrUnavailable. For a write, a server fault is wrapped in an
// *OutcomeUnknownError: the exception may have come after a change.
type FaultError struct {
	Op             string
	Code           string // faultcode, e.g. "soap:Server"
	Message        string // faultstring
	HTTPStatusCode int
}

func (e *FaultError) Error() string {
	return "voipinnovations: " + e.Op + ": SOAP fault " + e.Code + ": " + e.Message
}

func (e *FaultError) client() bool {
	c := e.Code
	if i := strings.LastIndexByte(c, ':'); i >= 0 {
		c = c[i+1:]
	}
	return strings.HasPrefix(c, "Client") || strings.HasPrefix(c, "Sender")
}

// Is matches ErrInvalidParameter (client fault) or ErrUnavailable.
func (e *FaultError) Is(target error) bool {
	if e.client() {
		return target == ErrInvalidParameter
	}
	return target == ErrUnavailable
}

// OutcomeUnknownError is a write that failed after the request may have
// reached VoIP Innovations: it may or may not have taken effect. It is
// never retried by the client. Err is the failure (reached with
// errors.As, but errors.Is reports only ErrOutcomeUnknown, plus a context
// error when the context ended).
type OutcomeUnknownError struct {
	Op  string
	TNs []string // the numbers of the batch, 10 digits
	Err error

	ctxErr error // the context's error when it ended during the call
}

func (e *OutcomeUnknownError) Error() string {
	s := "voipinnovations: " + e.Op + ": outcome unknown"
	if len(e.TNs) > 0 {
		s += " for " + strings.Join(e.TNs, ",")
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Is matches ErrOutcomeUnknown.
func (e *OutcomeUnknownError) Is(target error) bool {
	return target == ErrOutcomeUnknown || (e.ctxErr != nil && target == e.ctxErr)
}

// As lets errors.As reach the cause without errors.Is seeing its category.
func (e *OutcomeUnknownError) As(target any) bool {
	if e.Err == nil {
		return false
	}
	return errors.As(e.Err, target)
}

// TransportError is a failure to exchange the request (dial, DNS, TLS,
// proxy, reset, timeout, HTTP/2 stream error) for a read, or for a write
// when nothing can have been sent. It matches ErrTransport (a call whose
// context ended matches the context's error instead) and unwraps to the
// cause.
type TransportError struct {
	Op string
	// Kind names the failure: "dial", "dns", "tls", "proxy",
	// "no_connection", "canceled", "timeout", "reset", "protocol",
	// "body_read" or "other".
	Kind     string
	Sent     bool // false when the request cannot have reached the server
	Attempts int
	Err      error
}

func (e *TransportError) Error() string { return "voipinnovations: " + e.Op + ": " + e.Err.Error() }

// Is matches ErrTransport, except for a cancelled call.
func (e *TransportError) Is(target error) bool { return target == ErrTransport && e.Kind != "canceled" }

// Unwrap returns the cause (a context error stays visible).
func (e *TransportError) Unwrap() error { return e.Err }

// checkCode is checkCode with the message cleaned of credentials.
// A refusal is logged at INFO with the code (never the message).
func (c *Client) checkCode(op *opInfo, code ResponseCode, msg string, noRecordsOK bool) error {
	err := checkCode(op, code, msg, noRecordsOK)
	if err != nil && c.logger != nil {
		c.logger.LogAttrs(context.Background(), slog.LevelInfo, "voipinnovations refused",
			slog.String("op", op.name), slog.Int("response_code", int(code)), slog.String("error_kind", categoryName(err)))
	}
	return c.scrub(err)
}

// checkCode turns a top-level responseCode into an *APIError, or nil for
// 100 (and for 101 when noRecordsOK).
func checkCode(op *opInfo, code ResponseCode, msg string, noRecordsOK bool) error {
	if code == ResponseSuccess || (noRecordsOK && code == ResponseNoRecords) {
		return nil
	}
	return &APIError{Op: op.name, Code: code, Message: msg}
}
