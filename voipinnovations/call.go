package voipinnovations

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
)

// refusedError is a write refused by a WithDryRun client.
type refusedError struct{ op string }

func (e *refusedError) Error() string {
	return "voipinnovations: " + e.op + ": refused in dry-run mode (state-changing operation)"
}

func (e *refusedError) Is(target error) bool { return target == ErrDryRunRefused }

// call sends one operation and decodes its answer element into out (a
// pointer to the generated wire<Op>Response). Reads are retried on
// transient failures; a write that fails after it may have been sent comes
// back as an *OutcomeUnknownError. Every error is classified first, then
// cleaned of the credentials.
func (c *Client) call(ctx context.Context, op *opInfo, body func(*xmlWriter), out any) error {
	if c.dryRun && op.class == classWrite {
		return &refusedError{op: op.name}
	}
	payload := encodeEnvelope(op, c.login.Value(), c.secret.Value(), body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL, bytes.NewReader(payload))
	if err != nil {
		return c.scrub(&TransportError{Op: op.name, Err: err})
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"`+op.action+`"`)
	req.Header.Set("User-Agent", c.ua)

	read := func(status int, data []byte) (verdict, error) {
		reflect.ValueOf(out).Elem().SetZero()
		return judge(op, status, data, out)
	}
	res := c.ex.do(ctx, op, req, read)
	err = res.err
	if err != nil && res.outcomeUnknown {
		err = &OutcomeUnknownError{Op: op.name, Err: err, ctxErr: ctx.Err()}
	}
	c.log(ctx, op, res, err)
	return c.scrub(err)
}

// judge reads one answer. A SOAP client fault and a decoded answer are
// final; anything else (an HTML page, an empty or truncated body, a server
// fault) is transient: a read is sent again, a write's outcome is unknown.
func judge(op *opInfo, status int, data []byte, out any) (verdict, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return transient, &ResponseError{Op: op.name, Kind: KindEmpty, HTTPStatusCode: status}
	}
	fault, err := decodeEnvelope(data, op.name, out)
	switch {
	case fault != nil:
		fe := &FaultError{Op: op.name, Code: fault.Code, Message: strings.TrimSpace(fault.String), HTTPStatusCode: status}
		if fe.client() {
			return final, fe
		}
		return transient, fe
	case err == nil:
		if status != http.StatusOK {
			// an answer element under an error status: use it, the codes say what happened
			return final, nil
		}
		return final, nil
	}
	kind := KindNotXML
	var ue *unexpectedElementError
	switch {
	case errors.Is(err, errNotEnvelope) || errors.Is(err, errNoBody):
		kind = KindNotEnvelope
		if looksHTML(data) {
			kind = KindNotXML
		}
	case errors.As(err, &ue):
		kind = KindWrongElement
	case looksXML(data):
		kind = KindNotEnvelope // truncated or malformed XML
	}
	return transient, &ResponseError{Op: op.name, Kind: kind, HTTPStatusCode: status}
}

func looksHTML(b []byte) bool {
	t := bytes.ToLower(bytes.TrimSpace(b))
	return bytes.HasPrefix(t, []byte("<!doctype html")) || bytes.HasPrefix(t, []byte("<html"))
}

func looksXML(b []byte) bool {
	t := bytes.TrimSpace(b)
	return bytes.HasPrefix(t, []byte("<")) && !looksHTML(t)
}

func (c *Client) log(ctx context.Context, op *opInfo, res exResult, err error) {
	if c.logger == nil {
		return
	}
	attrs := []slog.Attr{slog.String("op", op.name), slog.Int("attempts", res.attempts), slog.Int("http_status", res.status)}
	if err == nil {
		c.logger.LogAttrs(ctx, slog.LevelDebug, "voipinnovations call", attrs...)
		return
	}
	attrs = append(attrs, slog.String("error_kind", categoryName(err)), slog.Bool("outcome_unknown", errors.Is(err, ErrOutcomeUnknown)))
	c.logger.LogAttrs(ctx, slog.LevelWarn, "voipinnovations call failed", attrs...)
}
