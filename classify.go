package voipms

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/didkit/voipms/internal/transport"
)

// classifyResult turns the transport's result into this package's errors.
// It runs before redaction and looks only at types and the transport's
// classification, never at error texts.
//
// Every error gets exactly one category (see doc.go, Errors): the
// outermost of our typed errors decides it, and the typed errors it wraps
// are demoted (they stay reachable with errors.As but no longer answer
// errors.Is for a category).
func classifyResult(ctx context.Context, method string, class transport.Class, res transport.Result) error {
	err := res.Err
	if err == nil {
		return nil
	}
	var stopped *transport.StoppedError
	var te *transport.Error
	switch {
	case errors.As(err, &stopped):
		// The context ended while waiting to send again: a read, or a
		// write whose earlier attempts provably did nothing.
		last := demote(ourError(method, res, stopped.Last))
		if res.OutcomeUnknown {
			return &OutcomeUnknownError{Method: method, Err: last}
		}
		return fmt.Errorf("voipms: %s: stopped retrying: %w (last attempt: %w)", method, stopped.Ctx, last)
	case errors.As(err, &te):
		e := ourError(method, res, te)
		if te.Kind == transport.KindRedirect {
			return e // an answer that is not the API's: nothing was executed
		}
		if res.OutcomeUnknown {
			return &OutcomeUnknownError{Method: method, Err: demote(e)}
		}
		return e
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		// The context ended before anything could have been sent.
		return fmt.Errorf("voipms: %s: %w", method, err)
	}
	var re *ResponseError
	if class == transport.Write && (res.OutcomeUnknown || errors.As(err, &re)) {
		// The answer did not say what happened (or said success in a
		// shape we could not read): VoIP.ms may have acted.
		return &OutcomeUnknownError{Method: method, Err: demote(err)}
	}
	return err
}

// ourError maps an exchange failure to *TransportError, or to a
// *ResponseError for a refused redirect and a body over the size cap.
func ourError(method string, res transport.Result, err error) error {
	var te *transport.Error
	if !errors.As(err, &te) {
		return err
	}
	switch te.Kind {
	case transport.KindRedirect:
		return &ResponseError{Method: method, Kind: BodyNotJSON, HTTPStatusCode: res.StatusCode, Detail: "redirect refused; use the voip.ms host"}
	case transport.KindBodyTooLarge:
		return &ResponseError{Method: method, Kind: BodyTooLarge, HTTPStatusCode: te.StatusCode, Detail: tooLargeDetail(method, te)}
	}
	attempts := res.Attempts
	if attempts < 1 {
		attempts = 1
	}
	return &TransportError{Method: method, Attempts: attempts, Kind: te.Kind.String(), Sent: te.Sent, Err: te}
}

// demote marks every typed error of ours in err's chain as wrapped: it keeps
// its type and fields but no longer answers errors.Is for a category, so the
// wrapping error's category is the only one.
func demote(err error) error {
	walk(err, func(e error) {
		switch e := e.(type) {
		case *TransportError:
			e.wrapped = true
		case *ResponseError:
			e.wrapped = true
		case *APIError:
			e.wrapped = true
		}
	})
	return err
}

func walk(err error, f func(error)) {
	for err != nil {
		f(err)
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e, f)
			}
			return
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		default:
			return
		}
	}
}

// errorKind names what went wrong, for log records.
func errorKind(err error) string {
	var te *TransportError
	var re *ResponseError
	var ve *ValidationError
	switch {
	case errors.As(err, &te):
		return te.Kind
	case errors.As(err, &re):
		return "response_" + re.Kind.short()
	case errors.As(err, &ve):
		return "validation"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline"
	case errors.Is(err, ErrDryRunRefused):
		return "dry_run_refused"
	}
	return "other"
}

// unavailableStatus reports whether an HTTP status says the service (or
// what stands in front of it) is down for now.
func unavailableStatus(code int) bool {
	switch code {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// tooLargeDetail says why a body was refused (its announced size and the
// cap, never its content) and what to use instead: the method's streaming
// form, which has no cap, or WithMaxResponseBytes.
func tooLargeDetail(method string, te *transport.Error) string {
	d := "over the cap"
	if te.Err != nil {
		d = te.Err.Error()
	}
	if form := streamingForm(method); form != "" {
		return d + "; use the streaming form " + form + " (no body cap), or raise WithMaxResponseBytes"
	}
	return d + "; raise WithMaxResponseBytes"
}
