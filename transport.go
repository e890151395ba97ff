package voipms

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/google/go-querystring/query"

	"github.com/didkit/voipms/internal/transport"
)

type validator interface{ validate(method string) error }

// Call sends any VoIP.ms method by its wire name with params (nil,
// url.Values, map[string]string, or a struct with `url` tags) and decodes the
// JSON response into out (a pointer, or nil). It applies the same checks,
// retries, dry-run rules and errors as the typed methods; a non-"success"
// status is an *APIError, including the no_* statuses of empty lists.
func (c *Client) Call(ctx context.Context, method string, params any, out any) error {
	if method == "" || strings.ContainsAny(method, "&=?/ \r\n") {
		return &ValidationError{Method: method, Field: "method", Reason: "not a method name"}
	}
	if v, ok := params.(validator); ok {
		if err := v.validate(method); err != nil {
			return err
		}
	}
	return c.call(ctx, method, params, out)
}

func encodeParams(method string, params any) (url.Values, error) {
	switch p := params.(type) {
	case nil:
		return url.Values{}, nil
	case url.Values:
		v := make(url.Values, len(p)+4)
		for k, vs := range p {
			v[k] = append([]string(nil), vs...)
		}
		return v, nil
	case map[string]string:
		v := make(url.Values, len(p)+4)
		for k, s := range p {
			v.Set(k, s)
		}
		return v, nil
	}
	v, err := query.Values(params)
	if err != nil {
		return nil, &ValidationError{Method: method, Reason: "cannot encode parameters: " + err.Error()}
	}
	addDecimals(params, v) // go-querystring cannot encode decimal.Decimal (types.go)
	return v, nil
}

// call is the one path of every request: checks before I/O, the request,
// the attempt loop of internal/transport, the envelope, classification,
// then redaction, in that order.
func (c *Client) call(ctx context.Context, method string, params any, out any) error {
	return c.callWith(ctx, method, params, out, nil)
}

// callStream is call for a streaming list: stream reads the body (no cap).
func (c *Client) callStream(ctx context.Context, method string, params any, stream func(int, http.Header, io.Reader) (transport.Verdict, error)) error {
	if v, ok := params.(validator); ok {
		if err := v.validate(method); err != nil {
			return err
		}
	}
	return c.callWith(ctx, method, params, nil, stream)
}

func (c *Client) callWith(ctx context.Context, method string, params any, out any, stream func(int, http.Header, io.Reader) (transport.Verdict, error)) error {
	if ctx == nil {
		return &ValidationError{Method: method, Reason: "nil context"}
	}
	info := lookupMethod(method)
	body, test, err := c.encodeForm(method, info, params)
	if err != nil {
		return err
	}
	if out != nil {
		if rv := reflect.ValueOf(out); rv.Kind() != reflect.Pointer || rv.IsNil() {
			return &ValidationError{Method: method, Field: "out", Reason: "must be a non-nil pointer"}
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("voipms: %s: %w", method, err)
	}
	class := transportClassOf(info, test)

	var start time.Time
	if c.logger != nil {
		start = time.Now()
	}
	res := c.tc.Do(ctx, transport.Call{
		Name:    method,
		Class:   class,
		Request: c.request(),
		Body:    body,
		Read: func(r *transport.Response) (transport.Verdict, error) {
			return judge(method, r, decode(method, r.StatusCode, r.Body, out))
		},
		Stream: stream,
	})
	if res.Err == nil {
		if c.logger != nil {
			c.logCall(ctx, method, res, nil, time.Since(start))
		}
		return nil
	}
	err = classifyResult(ctx, method, class, res)
	// Classification is done: only now is the password removed from the
	// texts, so a password that occurs in an error text cannot change what
	// the error is.
	err = c.scrubber.Scrub(err)
	if c.logger != nil {
		c.logCall(ctx, method, res, err, time.Since(start))
	}
	return err
}

// encodeForm builds the request body of a call (credentials, method and
// params; see form.go) and returns the test parameter as sent. It applies
// the checks that come before any I/O: params that cannot be encoded,
// params that set a key the client sets, a state-changing method without a
// dry-run mode on a WithDryRun client.
func (c *Client) encodeForm(method string, info methodInfo, params any) ([]byte, string, error) {
	forceTest := c.dryRun && info.HasTest
	refuse := c.dryRun && !info.HasTest && info.Class != classRead
	if plan, rv := planOf(params); plan != nil {
		if refuse {
			return nil, "", dryRunRefused(method)
		}
		var stack [512]byte
		b, test := plan.appendForm(stack[:0], rv, c.formUser, c.formPass.Value(), method, forceTest)
		return bytes.Clone(b), test, nil
	}
	values, err := encodeParams(method, params)
	if err != nil {
		return nil, "", err
	}
	for _, k := range formKeys {
		if _, ok := values[k]; ok {
			return nil, "", &ValidationError{Method: method, Field: k, Reason: "set by the client; do not pass it as a parameter"}
		}
	}
	switch {
	case forceTest:
		values.Set("test", "1")
	case refuse:
		return nil, "", dryRunRefused(method)
	}
	test := values.Get("test")
	values.Set("api_username", c.username)
	values.Set("api_password", c.password.Value())
	values.Set("method", method)
	return appendValues(nil, values), test, nil
}

func dryRunRefused(method string) error {
	return fmt.Errorf("voipms: %s changes account state and has no dry-run mode: %w", method, ErrDryRunRefused)
}

// planOf returns the form plan of params and the struct to encode (the zero
// Value for nil params), or a nil plan when params go through encodeParams.
func planOf(params any) (*formPlan, reflect.Value) {
	if params == nil {
		return emptyFormPlan, reflect.Value{}
	}
	rv := reflect.ValueOf(params)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return emptyFormPlan, reflect.Value{} // go-querystring: no values
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil, rv
	}
	return formPlanFor(rv.Type()), rv
}

var emptyFormPlan = formPlanFor(reflect.TypeFor[struct{}]())

// request is the prepared request every call sends (the transport sends a
// copy with the call's context and body). Its headers are shared by the
// calls unless the HTTP client has a cookie jar (net/http adds the cookies
// to the request's headers).
func (c *Client) request() *http.Request {
	if !c.cloneHeader {
		return c.req
	}
	r := *c.req
	r.Header = c.req.Header.Clone()
	return &r
}

// failedCallLevel is the level of a failed call's record: INFO for an API
// answer (with its status), WARN otherwise and for every unknown outcome.
func failedCallLevel(err error) (level slog.Level, unknown bool, status Status) {
	unknown = errors.Is(err, ErrOutcomeUnknown)
	var ae *APIError
	if errors.As(err, &ae) && !unknown {
		return slog.LevelInfo, false, ae.Status
	}
	return slog.LevelWarn, unknown, ""
}

func (c *Client) logRetry(ctx context.Context, ev transport.RetryEvent) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "voipms retry",
		slog.String("method", ev.Name), slog.Int("attempt", ev.Attempt), slog.String("reason", ev.Reason))
}

// logCall writes one record per call: DEBUG on success, INFO for an API
// answer that is not success (the wire status), WARN for everything else
// (the error kind) and for every unknown outcome. Records never hold
// credentials, bodies or URLs. Nothing is built unless the logger takes
// the record's level.
func (c *Client) logCall(ctx context.Context, method string, res transport.Result, err error, d time.Duration) {
	if c.logger == nil {
		return
	}
	level, msg := slog.LevelDebug, "voipms call"
	var unknown bool
	var status Status
	if err != nil {
		msg = "voipms call failed"
		level, unknown, status = failedCallLevel(err)
	}
	if !c.logger.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 6)
	attrs = append(attrs,
		slog.String("method", method),
		slog.Int("attempts", res.Attempts),
		slog.Int("http_status", res.StatusCode),
		slog.Duration("duration", d),
	)
	if err != nil {
		if level == slog.LevelInfo {
			attrs = append(attrs, slog.String("status", string(status)))
		} else {
			attrs = append(attrs, slog.String("error_kind", errorKind(err)))
		}
		attrs = append(attrs, slog.Bool("outcome_unknown", unknown))
	}
	c.logger.LogAttrs(ctx, level, msg, attrs...)
}
