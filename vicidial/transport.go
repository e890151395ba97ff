package vicidial

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/didkit/voipms/internal/transport"
)

// sender is the HTTP layer under the client: one form POST per attempt, run
// by the module's shared attempt loop (internal/transport), which makes the
// one retry decision and keeps writes from being replayed at any layer.
type sender interface {
	// send posts form and returns the last answer. Its errors are a
	// *TransportError or an *OutcomeUnknownError; an answer that stayed
	// unusable after the retries is returned with a nil error for the caller
	// to describe.
	send(ctx context.Context, fn string, spec fnSpec, form url.Values) (reply, error)
	closeIdle()
}

// reply is one HTTP answer.
type reply struct {
	status   int
	body     []byte
	tooLarge bool
	attempts int
}

type sharedSender struct {
	tc     *transport.Client
	url    string
	ua     string
	logger *slog.Logger
}

func newHTTPSender(cfg config, ua string) *sharedSender {
	var hc http.Client
	if cfg.httpClient != nil {
		hc = *cfg.httpClient
	}
	// A redirect is never followed: a 307 would carry the body, password
	// included, elsewhere; a 302 would drop it. The 3xx answer itself comes
	// back and is reported as an unexpected HTTP status.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	hc.Timeout = cfg.timeout
	s := &sharedSender{url: cfg.baseURL, ua: ua, logger: cfg.logger}
	s.tc = &transport.Client{
		HTTP:        &hc,
		MaxAttempts: cfg.maxAttempts,
		MinWait:     cfg.minWait,
		MaxWait:     cfg.maxWait,
		MaxBody:     cfg.maxBody,
		OnRetry: func(ctx context.Context, ev transport.RetryEvent) {
			s.logger.LogAttrs(ctx, slog.LevelDebug, "vicidial: retrying", slog.String("function", ev.Name),
				slog.Int("attempt", ev.Attempt), slog.String("reason", ev.Reason))
		},
	}
	if cfg.limit > 0 {
		s.tc.Limiter = newLimiter(cfg)
	}
	return s
}

func (s *sharedSender) closeIdle() { s.tc.CloseIdleConnections() }

// errUnusable marks an answer the loop should treat as transient.
type errUnusable struct{ kind ResponseErrorKind }

func (e errUnusable) Error() string { return e.kind.String() }

// judge tells the loop what one answer is: an HTTP 429 proves nothing ran;
// an HTTP 5xx, an empty body, an HTML page or a body cut short is
// unusable (retried for a read, an unknown outcome for a write); anything
// else is the answer.
func judge(spec fnSpec, r *transport.Response) (transport.Verdict, error) {
	switch {
	case r.StatusCode == http.StatusTooManyRequests:
		return transport.NotExecuted, errUnusable{BodyHTTPStatus}
	case r.StatusCode >= 500:
		return transport.Transient, errUnusable{BodyHTTPStatus}
	case r.StatusCode != http.StatusOK:
		return transport.Final, nil
	}
	if k := bodyProblem(spec, r.Body); k != 0 {
		return transport.Transient, errUnusable{k}
	}
	return transport.Final, nil
}

// bodyProblem says why a 200 body is not an answer, or 0.
func bodyProblem(spec fnSpec, body []byte) ResponseErrorKind {
	switch {
	case len(bytes.TrimSpace(body)) == 0 && !spec.emptyOK:
		return BodyEmpty
	case spec.html || len(body) == 0:
		return 0
	case looksHTML(body):
		return BodyHTML
	case body[len(body)-1] != '\n':
		// every line the server prints ends with a newline: the answer was
		// cut short
		return BodyTruncated
	}
	return 0
}

func (s *sharedSender) send(ctx context.Context, fn string, spec fnSpec, form url.Values) (reply, error) {
	class := transport.Read
	if spec.class == classWrite {
		class = transport.Write
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, strings.NewReader(form.Encode()))
	if err != nil {
		return reply{}, &TransportError{Function: fn, Err: errors.New("cannot build the request")}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/plain, text/html")
	req.Header.Set("User-Agent", s.ua)
	var last reply
	res := s.tc.Do(ctx, transport.Call{
		Name:    fn,
		Class:   class,
		Request: req,
		Read: func(r *transport.Response) (transport.Verdict, error) {
			last = reply{status: r.StatusCode, body: r.Body}
			return judge(spec, r)
		},
	})
	last.attempts = res.Attempts
	if res.Err == nil {
		return last, nil
	}
	cause := plain(res.Err)
	var te *transport.Error
	switch {
	case res.OutcomeUnknown:
		return last, &OutcomeUnknownError{Function: fn, Err: cause}
	case errors.As(res.Err, &te) && te.Kind == transport.KindBodyTooLarge:
		return reply{status: te.StatusCode, tooLarge: true, attempts: res.Attempts}, nil
	case errors.As(res.Err, new(errUnusable)) && !errors.Is(res.Err, context.Canceled) && !errors.Is(res.Err, context.DeadlineExceeded):
		// the retries are spent on unusable answers: the caller describes
		// the last one
		return last, nil
	}
	return last, &TransportError{Function: fn, Attempts: res.Attempts, Err: cause}
}

// plain turns a loop error into a cause that belongs to none of this
// package's categories (it keeps context errors reachable with errors.Is).
func plain(err error) error {
	var parts []error
	for _, ce := range []error{context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, ce) {
			parts = append(parts, ce)
		}
	}
	var ue errUnusable
	if errors.As(err, &ue) {
		parts = append(parts, errors.New("no usable answer: "+ue.kind.String()))
	}
	var te *transport.Error
	if errors.As(err, &te) {
		// keep the kind and the cause, drop the URL net/http puts in front
		cp := *te
		var ue *url.Error
		if errors.As(cp.Err, &ue) {
			cp.Err = ue.Err
		}
		parts = append(parts, &cp)
	}
	if len(parts) == 0 {
		return errors.New(err.Error())
	}
	return errors.Join(parts...)
}

func looksHTML(b []byte) bool {
	t := bytes.ToLower(bytes.TrimSpace(b))
	if len(t) > 512 {
		t = t[:512]
	}
	return bytes.HasPrefix(t, []byte("<!doctype html")) || bytes.HasPrefix(t, []byte("<html")) ||
		bytes.Contains(t, []byte("<body")) || bytes.HasPrefix(t, []byte("<head"))
}
