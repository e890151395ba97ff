package numbers

import (
	"errors"
	"fmt"
)

// The neutral error categories. Every error an adapter returns matches
// exactly one of them with errors.Is, and still matches the provider
// package's own sentinel (errors.Is(err, voipms.ErrNotFound)) and its typed
// errors (errors.As(err, &apiErr)): adapters wrap, they do not replace.
var (
	// ErrInvalid: bad input, found before any I/O (a number that does not
	// parse, a number the provider cannot take in its wire form) or refused
	// by the provider as invalid.
	ErrInvalid = errors.New("numbers: invalid input")
	// ErrUnsupported: the provider cannot do this (an operation it lacks, a
	// Target it cannot express). Always before any I/O.
	ErrUnsupported = errors.New("numbers: not supported by the provider")
	// ErrNotFound: no such number (not owned, not registered) or record.
	ErrNotFound = errors.New("numbers: not found")
	// ErrConflict: the number is already in the state the call would create
	// (ordered twice, registered twice) or in one it cannot leave.
	ErrConflict = errors.New("numbers: conflicts with existing state")
	// ErrNotAvailable: the number cannot be had (sold, held by someone
	// else, out of stock).
	ErrNotAvailable = errors.New("numbers: number not available")
	// ErrUnavailable: the provider is temporarily unavailable (outage page,
	// 5xx, transport failure of a read after its retries). Try later.
	ErrUnavailable = errors.New("numbers: provider temporarily unavailable")
	// ErrOutcomeUnknown: a write may or may not have taken effect (the
	// connection broke after it was sent). It is never resent; find out
	// with a read (Get, ListOwned, or the provider's Reconcile helpers)
	// before trying again. Provision does that itself on a re-run.
	ErrOutcomeUnknown = errors.New("numbers: outcome unknown")
	// ErrAuth: credentials, IP allow-list or permissions refused.
	ErrAuth = errors.New("numbers: not authorized")
	// ErrFunds: the account cannot pay for it.
	ErrFunds = errors.New("numbers: insufficient funds")
	// ErrProvider: any other provider failure (an answer that does not
	// decode, a code this SDK does not know).
	ErrProvider = errors.New("numbers: provider error")
)

// Categories lists the neutral categories, in the order Classify tries them.
var Categories = []error{ErrOutcomeUnknown, ErrInvalid, ErrUnsupported, ErrNotFound, ErrConflict,
	ErrNotAvailable, ErrAuth, ErrFunds, ErrUnavailable, ErrProvider}

// Error is what an adapter returns: the provider's error, wrapped with the
// neutral category, the provider, the operation and the number. errors.Is
// matches Category and everything Err matches; errors.As finds Err's typed
// errors.
type Error struct {
	Provider string // "voipms", "voipinnovations", "vicidial", "goautodial"
	Op       string // "search", "order", "release", "list", "get", "route", "register", ...
	Number   Number // zero when the operation is not about one number
	Category error  // one of the neutral sentinels
	Err      error  // the provider's error; nil for refusals made by the adapter itself
}

func (e *Error) Error() string {
	s := "numbers: " + e.Provider + " " + e.Op
	if !e.Number.IsZero() {
		s += " " + e.Number.String()
	}
	if e.Err != nil {
		return s + ": " + e.Err.Error()
	}
	return s + ": " + e.Category.Error()
}

// Is matches the neutral category. The provider's own sentinels match
// through Unwrap.
func (e *Error) Is(target error) bool { return target == e.Category }

// Unwrap returns the provider's error.
func (e *Error) Unwrap() error { return e.Err }

// Wrap builds the *Error of an adapter. A nil err is nil. An err that is
// already a *Error of this package is returned as is.
func Wrap(provider, op string, n Number, category, err error) error {
	if err == nil {
		return nil
	}
	var ne *Error
	if errors.As(err, &ne) {
		return err
	}
	if category == nil {
		category = ErrProvider
	}
	return &Error{Provider: provider, Op: op, Number: n, Category: category, Err: err}
}

// UnsupportedError is an adapter's refusal, before any I/O, of an operation
// or a Target the provider cannot express. It matches ErrUnsupported.
type UnsupportedError struct {
	Provider string
	Op       string
	Target   Target // nil when an operation is refused
	Reason   string
}

func (e *UnsupportedError) Error() string {
	s := "numbers: " + e.Provider + " " + e.Op + ": "
	if e.Target != nil {
		s += fmt.Sprintf("cannot route to %s", e.Target)
	} else {
		s += "not supported"
	}
	if e.Reason != "" {
		s += " (" + e.Reason + ")"
	}
	return s
}

// Is reports whether target is ErrUnsupported.
func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupported }

// Unsupported returns the *UnsupportedError for a Target a provider cannot
// express.
func Unsupported(provider, op string, t Target, reason string) error {
	return &UnsupportedError{Provider: provider, Op: op, Target: t, Reason: reason}
}

// InvalidError is an adapter's refusal of bad input before any I/O. It
// matches ErrInvalid.
type InvalidError struct {
	Provider string
	Op       string
	Field    string
	Reason   string
}

func (e *InvalidError) Error() string {
	return "numbers: " + e.Provider + " " + e.Op + ": " + e.Field + " " + e.Reason
}

// Is reports whether target is ErrInvalid.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// Invalid returns an *InvalidError.
func Invalid(provider, op, field, reason string) error {
	return &InvalidError{Provider: provider, Op: op, Field: field, Reason: reason}
}

// Category returns the neutral category err matches (the first of
// Categories), or nil when it matches none.
func Category(err error) error {
	for _, c := range Categories {
		if errors.Is(err, c) {
			return c
		}
	}
	return nil
}
