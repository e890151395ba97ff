package goautodial

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/time/rate"

	"github.com/didkit/voipms/internal/transport"
)

// class says whether an action changes state.
type class int

const (
	classRead class = iota + 1
	classWrite
)

// actionSpec is what the client knows about one goAction.
type actionSpec struct {
	class class
	// emptyOK: an empty body is an answer (the legacy goGetDIDsList prints
	// nothing for an empty table).
	emptyOK bool
}

var actions = map[string]actionSpec{
	"goAddDID":      {class: classWrite},
	"goEditDID":     {class: classWrite},
	"goDeleteDID":   {class: classWrite},
	"goGetAllDID":   {class: classRead},
	"goGetDIDsList": {class: classRead, emptyOK: true},
	"goGetDIDInfo":  {class: classRead},
	"goCheckDID":    {class: classRead},
}

func (c *Client) newTransport(cfg config) *transport.Client {
	var hc http.Client
	if cfg.httpClient != nil {
		hc = *cfg.httpClient
	}
	// A redirect is never followed: a 307 would carry the body, pass hash
	// included, elsewhere; a 302 would drop it.
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
		OnRetry: func(ctx context.Context, ev transport.RetryEvent) {
			if c.logger != nil {
				c.logger.LogAttrs(ctx, slog.LevelDebug, "goautodial retry", slog.String("action", ev.Name),
					slog.Int("attempt", ev.Attempt), slog.String("reason", ev.Reason))
			}
		},
	}
	if cfg.limit > 0 {
		tc.Limiter = rate.NewLimiter(cfg.limit, cfg.burst)
	}
	return tc
}

// unusable is the error of an answer that is not the JSON answer; the
// loop treats it as transient (a read is sent again; a write's outcome is
// unknown).
type unusable struct{ re *ResponseError }

func (u *unusable) Error() string { return u.re.Error() }

// judge reads one HTTP answer.
func judge(action string, spec actionSpec, r *transport.Response, out *answer) (transport.Verdict, error) {
	switch {
	case r.StatusCode == http.StatusTooManyRequests:
		return transport.NotExecuted, &unusable{&ResponseError{Action: action, Kind: BodyHTTPStatus, HTTPStatusCode: r.StatusCode}}
	case r.StatusCode >= 500:
		return transport.Transient, &unusable{&ResponseError{Action: action, Kind: BodyHTTPStatus, HTTPStatusCode: r.StatusCode}}
	case r.StatusCode != http.StatusOK:
		return transport.Final, &ResponseError{Action: action, Kind: BodyHTTPStatus, HTTPStatusCode: r.StatusCode}
	}
	a, kind := parseBody(r.Body)
	if kind == BodyEmpty && spec.emptyOK {
		*out = answer{fields: map[string]json.RawMessage{}}
		return transport.Final, nil
	}
	if kind != 0 {
		return transport.Transient, &unusable{&ResponseError{Action: action, Kind: kind, HTTPStatusCode: r.StatusCode}}
	}
	*out = a
	return transport.Final, nil
}

// call sends one action and returns its decoded answer, or the error of
// the error channel as an *APIError. Reads are retried on transient
// failures; a write that fails after it may have been sent comes back as
// an *OutcomeUnknownError. Errors are classified first, then cleaned of
// the pass hash.
func (c *Client) call(ctx context.Context, action string, form url.Values) (answer, error) {
	a, err := c.exchange(ctx, action, form)
	if err == nil {
		if e, ok := a.outcome(action); !ok {
			if len(a.fields) == 0 && actions[action].emptyOK {
				return a, nil
			}
			err = shapeErr(action, `no "result" key`)
			if actions[action].class == classWrite {
				err = &OutcomeUnknownError{Action: action, Err: err}
			}
		} else {
			err = e
		}
	}
	c.log(ctx, action, err)
	return a, c.scrubber.Scrub(err)
}

func (c *Client) exchange(ctx context.Context, action string, form url.Values) (answer, error) {
	spec := actions[action]
	form.Set("goUser", c.user)
	form.Set("goPass", c.pass.Value())
	form.Set("goAction", action)
	form.Set("responsetype", "json")
	if form.Get("session_user") == "" {
		form.Set("session_user", c.sessionUser)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return answer{}, &TransportError{Action: action, Kind: "other", Err: errors.New("cannot build the request")}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json, text/html")
	req.Header.Set("User-Agent", c.ua)
	tcl := transport.Read
	if spec.class == classWrite {
		tcl = transport.Write
	}
	var a answer
	res := c.tc.Do(ctx, transport.Call{
		Name:    action,
		Class:   tcl,
		Request: req,
		Read: func(r *transport.Response) (transport.Verdict, error) {
			a = answer{}
			return judge(action, spec, r, &a)
		},
	})
	if res.Err == nil {
		return a, nil
	}
	err = c.ourError(ctx, action, res)
	if res.OutcomeUnknown {
		return answer{}, &OutcomeUnknownError{Action: action, Err: err, ctxErr: ctx.Err()}
	}
	return answer{}, err
}

// ourError maps the loop's result onto this package's errors.
func (c *Client) ourError(ctx context.Context, action string, res transport.Result) error {
	err := res.Err
	var stopped *transport.StoppedError
	if errors.As(err, &stopped) {
		last := c.lastError(action, res, stopped.Last)
		if res.OutcomeUnknown {
			return last
		}
		return &TransportError{Action: action, Kind: "canceled", Attempts: res.Attempts,
			Err: errors.Join(stopped.Ctx, errors.New("last attempt: "+plainText(last)))}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		var te *transport.Error
		if !errors.As(err, &te) {
			return &TransportError{Action: action, Kind: "canceled", Attempts: res.Attempts, Err: ctx.Err()}
		}
	}
	out := c.lastError(action, res, err)
	if te, ok := out.(*TransportError); ok && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		te.Kind = "canceled" // the caller's context ended: its error is the category
	}
	return out
}

func plainText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// lastError turns one attempt's error into ours.
func (c *Client) lastError(action string, res transport.Result, err error) error {
	var u *unusable
	if errors.As(err, &u) {
		return u.re
	}
	var re *ResponseError
	if errors.As(err, &re) {
		return re
	}
	var te *transport.Error
	if errors.As(err, &te) {
		switch te.Kind {
		case transport.KindRedirect:
			return &ResponseError{Action: action, Kind: BodyHTTPStatus, HTTPStatusCode: res.StatusCode, Detail: "redirect refused"}
		case transport.KindBodyTooLarge:
			return &ResponseError{Action: action, Kind: BodyTooLarge, HTTPStatusCode: te.StatusCode}
		}
		cp := *te
		var ue *url.Error
		if errors.As(cp.Err, &ue) {
			cp.Err = ue.Err // drop the URL net/http puts in front
		}
		attempts := res.Attempts
		if attempts < 1 {
			attempts = 1
		}
		return &TransportError{Action: action, Kind: te.Kind.String(), Sent: te.Sent, Attempts: attempts, Err: &cp}
	}
	return err
}

func (c *Client) log(ctx context.Context, action string, err error) {
	if c.logger == nil {
		return
	}
	if err == nil {
		c.logger.LogAttrs(ctx, slog.LevelDebug, "goautodial call", slog.String("action", action))
		return
	}
	cat := "error"
	if k := categoryOf(err); k != nil {
		cat = strings.TrimPrefix(k.Error(), "goautodial: ")
	}
	c.logger.LogAttrs(ctx, slog.LevelWarn, "goautodial call failed", slog.String("action", action),
		slog.String("category", cat), slog.Bool("outcome_unknown", errors.Is(err, ErrOutcomeUnknown)))
}

// newScrubber returns the shared transport's scrubber for the pass hash
// (every encoding, and whatever follows goPass= or log_pass=), with
// in-place cleaning of this package's error types so that errors.As hands
// back clean values.
func newScrubber(pass string) *transport.Scrubber {
	sc := transport.NewScrubber([]string{pass}, "goPass", "log_pass")
	sc.InPlace = func(err error, redact func(string) string, scrub func(error) error) bool {
		switch e := err.(type) {
		case *APIError:
			e.Message = redact(e.Message)
		case *ResponseError:
			e.Detail = redact(e.Detail)
		case *ValidationError:
			e.Reason = redact(e.Reason)
		case *OutcomeUnknownError:
			e.Err = scrub(e.Err)
		case *TransportError:
			e.Err = scrub(e.Err)
		case *RegisterError:
			e.Err = scrub(e.Err)
		default:
			return false
		}
		return true
	}
	return sc
}
