package voipinnovations

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/didkit/voipms/internal/transport"
)

// verdict is what judge concludes about one answer.
type verdict int

const (
	final     verdict = iota // the answer is the result (or a definite error)
	transient                // unusable: a read may be sent again, a write's outcome is unknown
)

type exResult struct {
	err            error
	attempts       int
	status         int
	outcomeUnknown bool
}

// exchanger runs one call's HTTP attempts: the module's shared attempt loop
// (internal/transport), which decides every retry and keeps writes
// unreplayable at every layer.
type exchanger struct{ tc *transport.Client }

func (c *Client) newExchanger(cfg config) exchanger {
	var hc http.Client
	if cfg.httpClient != nil {
		hc = *cfg.httpClient
	} else {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 32
		hc.Transport = t
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return transport.ErrRedirect }
	if hc.Timeout == 0 || cfg.timeout != defaultTimeout {
		hc.Timeout = cfg.timeout
	}
	tc := &transport.Client{
		HTTP:        &hc,
		MaxAttempts: cfg.maxAttempts,
		MinWait:     cfg.minWait,
		MaxWait:     cfg.maxWait,
		MaxBody:     cfg.maxBody,
		OnRetry:     c.logRetry,
	}
	if c.limiter != nil {
		tc.Limiter = c.limiter
	}
	return exchanger{tc: tc}
}

func (x exchanger) do(ctx context.Context, op *opInfo, req *http.Request, read func(status int, body []byte) (verdict, error)) exResult {
	class := transport.Read
	if op.class == classWrite {
		class = transport.Write
	}
	res := x.tc.Do(ctx, transport.Call{
		Name:    op.name,
		Class:   class,
		Request: req,
		Read: func(r *transport.Response) (transport.Verdict, error) {
			v, err := read(r.StatusCode, r.Body)
			if v == transient {
				return transport.Transient, err
			}
			return transport.Final, err
		},
	})
	return exResult{err: classifyResult(op, res), attempts: res.Attempts, status: res.StatusCode, outcomeUnknown: res.OutcomeUnknown}
}

// classifyResult maps the transport's result onto this package's errors.
func classifyResult(op *opInfo, res transport.Result) error {
	err := res.Err
	if err == nil {
		return nil
	}
	var stopped *transport.StoppedError
	var te *transport.Error
	switch {
	case errors.As(err, &stopped):
		// The context ended while waiting to send again.
		last := ourError(op, res, stopped.Last)
		if res.OutcomeUnknown {
			return last // call wraps it as an unknown outcome
		}
		return fmt.Errorf("voipinnovations: %s: stopped retrying: %w (last attempt: %w)", op.name, stopped.Ctx, last)
	case errors.As(err, &te):
		return ourError(op, res, te)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("voipinnovations: %s: %w", op.name, err)
	}
	return err
}

// ourError turns an exchange failure into a *TransportError (or a
// *ResponseError for a refused redirect or an oversized body).
func ourError(op *opInfo, res transport.Result, err error) error {
	var te *transport.Error
	if !errors.As(err, &te) {
		return err
	}
	switch te.Kind {
	case transport.KindRedirect:
		return &ResponseError{Op: op.name, Kind: KindNotEnvelope, HTTPStatusCode: res.StatusCode, Detail: "redirect refused"}
	case transport.KindBodyTooLarge:
		return &ResponseError{Op: op.name, Kind: KindTooLarge, HTTPStatusCode: te.StatusCode}
	}
	attempts := res.Attempts
	if attempts < 1 {
		attempts = 1
	}
	return &TransportError{Op: op.name, Kind: te.Kind.String(), Sent: te.Sent, Attempts: attempts, Err: te}
}

func (c *Client) logRetry(ctx context.Context, ev transport.RetryEvent) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "voipinnovations retry",
		slog.String("op", ev.Name), slog.Int("attempt", ev.Attempt), slog.String("reason", ev.Reason))
}

// CloseIdleConnections closes the idle connections of the client's HTTP
// transport; the client stays usable.
func (c *Client) CloseIdleConnections() { c.ex.tc.CloseIdleConnections() }
