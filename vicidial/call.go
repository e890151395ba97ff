package vicidial

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/didkit/voipms/internal/transport"
)

// validator is implemented by params structs: it checks the fields before
// any I/O.
type validator interface{ validate() error }

// reserved are the fields the client sets itself; a custom field may not
// use them.
var reserved = map[string]bool{"function": true, "user": true, "pass": true, "source": true, "stage": true, "header": true}

// result is the parsed answer of one call, plus its redactor.
type result struct {
	a   answer
	red redactor
}

// call validates p, sends the function and returns its parsed answer. An
// ERROR line is returned as an *APIError; an answer that is not the line
// grammar as a *ResponseError, or, for a write, as an
// *OutcomeUnknownError (the write may have run).
func (c *Client) call(ctx context.Context, fn string, p any, extra ...string) (answer, error) {
	r, err := c.do(ctx, fn, p, extra...)
	return r.a, err
}

func (c *Client) do(ctx context.Context, fn string, p any, extra ...string) (result, error) {
	spec, ok := functions[fn]
	if !ok {
		return result{}, &ValidationError{Function: fn, Reason: "unknown function"}
	}
	if v, ok := p.(validator); ok && !isNilPtr(p) {
		if err := v.validate(); err != nil {
			return result{}, err
		}
	}
	form := url.Values{}
	encodeForm(p, form)
	for i := 0; i+1 < len(extra); i += 2 {
		form.Set(extra[i], extra[i+1])
	}
	form.Set("function", fn)
	if spec.auth {
		form.Set("user", c.user)
		form.Set("pass", c.pass.Value())
		form.Set("source", c.source)
	}
	red := newRedactor(append([]string{c.pass.Value()}, secretsOf(p)...))
	rp, err := c.tr.send(ctx, fn, spec, form)
	if err != nil {
		c.logger.LogAttrs(ctx, slog.LevelWarn, "vicidial: call failed", slog.String("function", fn),
			slog.Bool("outcome_unknown", errors.Is(err, ErrOutcomeUnknown)), slog.String("error", red.text(err.Error())))
		return result{red: red}, err
	}
	if err := c.checkBody(fn, spec, rp); err != nil {
		c.logger.LogAttrs(ctx, slog.LevelWarn, "vicidial: unusable answer", slog.String("function", fn),
			slog.Int("http_status", rp.status), slog.Bool("outcome_unknown", errors.Is(err, ErrOutcomeUnknown)))
		return result{red: red}, err
	}
	a := parseAnswer(rp.body)
	c.logger.LogAttrs(ctx, slog.LevelDebug, "vicidial: call", slog.String("function", fn),
		slog.Int("attempts", rp.attempts), slog.Int("http_status", rp.status), slog.Int("lines", len(a.rows)+len(a.notices)+len(a.extra)))
	if a.outcome != nil && a.outcome.Kind == LineError {
		l := *a.outcome
		cat := classify(fn, l.Message, l.Data) // before redaction
		e := &APIError{Function: fn, Message: red.text(l.Message), Data: red.fields(l), Notices: red.lines(a.notices), cat: cat}
		c.logger.LogAttrs(ctx, slog.LevelInfo, "vicidial: error answer", slog.String("function", fn),
			slog.String("message", e.Message))
		return result{a: a, red: red}, e
	}
	return result{a: a, red: red}, nil
}

func isNilPtr(p any) bool {
	v := reflect.ValueOf(p)
	return !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil()
}

// checkBody rejects bodies that are not the line grammar.
func (c *Client) checkBody(fn string, spec fnSpec, rp reply) error {
	var kind ResponseErrorKind
	switch {
	case rp.tooLarge:
		kind = BodyTooLarge
	case rp.status != http.StatusOK:
		kind = BodyHTTPStatus
	default:
		if kind = bodyProblem(spec, rp.body); kind == 0 {
			return nil
		}
	}
	if spec.class == classWrite && (kind != BodyHTTPStatus || rp.status >= 500) {
		return &OutcomeUnknownError{Function: fn, Err: fmt.Errorf("%s (HTTP %d) after the request was sent", kind, rp.status)}
	}
	return &ResponseError{Function: fn, Kind: kind, HTTPStatusCode: rp.status}
}

// success returns the SUCCESS line of a write's answer whose message starts
// with one of want. A write answered without it may have run: the error is
// an *OutcomeUnknownError.
func (r result) success(fn string, want ...string) (Line, error) {
	o := r.a.outcome
	if o != nil && o.Kind == LineSuccess {
		for _, w := range want {
			if strings.HasPrefix(o.Message, w) {
				return *o, nil
			}
		}
	}
	return Line{}, &OutcomeUnknownError{Function: fn, Err: errors.New("the answer has no " + strings.Join(want, " / ") + " line")}
}

// reply builds the Reply part of a result from a SUCCESS line.
func (r result) reply(l Line) Reply {
	return Reply{Message: l.Message, Data: r.red.fields(l), Notices: r.red.lines(r.a.notices)}
}

// Reply is the part of every write result that says what the server
// printed: the SUCCESS message and its fields (credentials replaced by
// [REDACTED]) and the NOTICE lines printed with it, kept as warnings.
type Reply struct {
	// Message is the SUCCESS line's message ("LEAD HAS BEEN ADDED").
	Message string
	// Data are its fields as printed.
	Data []string
	// Notices are the NOTICE lines (ADDED TO HOPPER, CUSTOM FIELDS NOT
	// ADDED, ...), in order.
	Notices []Notice
}

// redactor replaces credentials in text the server echoes: a field equal
// to a secret, any occurrence of a secret of 4 characters or more (in the
// forms it can take in an echo: raw, form-encoded, HTML-escaped, quoted),
// and the password field of the login-failure line whatever it holds.
type redactor struct{ secrets []string }

func newRedactor(secrets []string) redactor {
	var r redactor
	seen := map[string]bool{}
	for _, s := range secrets {
		// the shared list of forms (raw, query- and path-escaped in both
		// cases, HTML-escaped, quoted, JSON), and "+" for space as the
		// server prints form values
		for _, form := range append(transport.Encodings(s), strings.ReplaceAll(s, " ", "+")) {
			if form != "" && !seen[form] {
				seen[form] = true
				r.secrets = append(r.secrets, form)
			}
		}
	}
	return r
}

func (r redactor) text(s string) string {
	for _, sec := range r.secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, redacted)
		}
	}
	return s
}

func (r redactor) field(s string) string {
	for _, sec := range r.secrets {
		if s == sec {
			return redacted
		}
	}
	return r.text(s)
}

// fields returns a copy of l.Data with credentials redacted.
func (r redactor) fields(l Line) []string {
	if l.Data == nil {
		return nil
	}
	out := make([]string, len(l.Data))
	for i, f := range l.Data {
		out[i] = r.field(f)
	}
	if strings.HasPrefix(l.Message, "Login incorrect") && len(out) > 1 {
		// ERROR: Login incorrect, please try again: |<user>|<pass>|BAD|
		out[1] = redacted
	}
	return out
}

func (r redactor) lines(ls []Line) []Notice {
	if len(ls) == 0 {
		return nil
	}
	out := make([]Notice, len(ls))
	for i, l := range ls {
		out[i] = Line{Kind: l.Kind, Function: l.Function, Message: r.text(l.Message), Data: r.fields(l)}
	}
	return out
}
