package vicidial

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// sender is the HTTP layer under the client: one form POST per attempt, the
// one attempt loop and its retry decision. It is an interface so that the
// layer can be replaced without touching the functions above it.
type sender interface {
	// send posts form and returns the last answer it got. It retries reads
	// on transient failures and writes only when nothing was sent. Its
	// errors are *TransportError, *OutcomeUnknownError or a context error
	// wrapped in one of them.
	send(ctx context.Context, fn string, spec fnSpec, form url.Values) (reply, error)
	closeIdle()
}

// reply is one HTTP answer.
type reply struct {
	status   int
	body     []byte
	tooLarge bool
	attempts int
	// retryAfter is the Retry-After header's delay, or 0.
	retryAfter time.Duration
}

type httpSender struct {
	hc          *http.Client
	url         string
	ua          string
	timeout     time.Duration
	maxAttempts int
	minWait     time.Duration
	maxWait     time.Duration
	maxBody     int64
	limiter     *rate.Limiter
	logger      *slog.Logger
}

func newHTTPSender(cfg config, ua string) *httpSender {
	var hc http.Client
	if cfg.httpClient != nil {
		hc = *cfg.httpClient
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	s := &httpSender{
		hc:          &hc,
		url:         cfg.baseURL,
		ua:          ua,
		timeout:     cfg.timeout,
		maxAttempts: cfg.maxAttempts,
		minWait:     cfg.minWait,
		maxWait:     cfg.maxWait,
		maxBody:     cfg.maxBody,
		logger:      cfg.logger,
	}
	if cfg.limit > 0 {
		s.limiter = rate.NewLimiter(cfg.limit, cfg.burst)
	}
	return s
}

func (s *httpSender) closeIdle() { s.hc.CloseIdleConnections() }

// onceBody is a request body net/http cannot rewind: with no GetBody, neither
// the HTTP/1 nor the HTTP/2 transport can replay a write after a reset, a
// REFUSED_STREAM or a GOAWAY.
type onceBody struct{ io.Reader }

func (onceBody) Close() error { return nil }

func (s *httpSender) send(ctx context.Context, fn string, spec fnSpec, form url.Values) (reply, error) {
	payload := form.Encode()
	cl := spec.class
	for attempt := 1; ; attempt++ {
		if s.limiter != nil {
			if err := s.limiter.Wait(ctx); err != nil {
				return reply{attempts: attempt - 1}, &TransportError{Function: fn, Attempts: attempt - 1, Err: ctxErr(ctx, err)}
			}
		}
		r, sent, err := s.attempt(ctx, fn, cl, payload)
		r.attempts = attempt
		retry, wait := s.shouldRetry(spec, attempt, r, sent, err)
		if err != nil && !retry {
			if cl == classWrite && sent {
				return r, &OutcomeUnknownError{Function: fn, Err: err}
			}
			return r, &TransportError{Function: fn, Attempts: attempt, Err: err}
		}
		if !retry {
			return r, nil
		}
		s.logger.LogAttrs(ctx, slog.LevelDebug, "vicidial: retrying", slog.String("function", fn),
			slog.Int("attempt", attempt), slog.Int("http_status", r.status), slog.Duration("wait", wait))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			if err == nil {
				// the last attempt got an answer that was not usable
				err = errors.New("no usable answer")
			}
			return r, &TransportError{Function: fn, Attempts: attempt, Err: errors.Join(ctx.Err(), err)}
		case <-t.C:
		}
	}
}

// shouldRetry is the one retry decision. A read is retried on a transport
// failure, HTTP 429 or 5xx, an empty body or an HTML page. A write is
// retried only when nothing was sent (the connection could not be made) or
// the answer was HTTP 429 (refused before running). Nothing is retried when
// the context has ended or the attempts are spent.
func (s *httpSender) shouldRetry(spec fnSpec, attempt int, r reply, sent bool, err error) (bool, time.Duration) {
	cl := spec.class
	if attempt >= s.maxAttempts {
		return false, 0
	}
	if err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) && !isAttemptTimeout(err) {
		return false, 0
	}
	var transient bool
	switch {
	case err != nil:
		transient = cl == classRead || !sent
	case r.status == http.StatusTooManyRequests:
		transient = true
	case cl == classWrite:
		transient = false
	case r.status >= 500, r.status == http.StatusOK && (!spec.emptyOK && len(bytes.TrimSpace(r.body)) == 0 ||
		!spec.html && (looksHTML(r.body) || len(r.body) > 0 && r.body[len(r.body)-1] != '\n')):
		transient = true
	}
	if !transient {
		return false, 0
	}
	return true, s.backoff(attempt, r)
}

// attemptTimeout marks a per-attempt timeout (WithTimeout), which is
// retried like any transport failure, unlike the caller's context ending.
type attemptTimeout struct{ error }

func (attemptTimeout) Unwrap() error { return context.DeadlineExceeded }

func isAttemptTimeout(err error) bool {
	var at attemptTimeout
	return errors.As(err, &at)
}

func (s *httpSender) backoff(attempt int, r reply) time.Duration {
	d := s.minWait << (attempt - 1)
	if d > s.maxWait || d <= 0 {
		d = s.maxWait
	}
	if d > 0 {
		d = d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
	}
	if r.retryAfter > 0 && r.retryAfter <= s.maxWait*4 {
		d = r.retryAfter
	}
	return d
}

// attempt makes one HTTP exchange. sent reports whether any of the request
// may have reached the server.
func (s *httpSender) attempt(ctx context.Context, fn string, cl class, payload string) (r reply, sent bool, err error) {
	actx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	wrote := false
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
		WroteHeaders: func() { wrote = true },
	})
	var body io.Reader = strings.NewReader(payload)
	if cl == classWrite {
		body = onceBody{strings.NewReader(payload)}
	}
	req, err := http.NewRequestWithContext(actx, http.MethodPost, s.url, body)
	if err != nil {
		return r, false, errors.New("cannot build request")
	}
	if cl == classWrite {
		req.ContentLength = int64(len(payload))
		req.GetBody = nil
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", s.ua)
	req.Header.Set("Accept", "text/plain, text/html")
	start := time.Now()
	resp, err := s.hc.Do(req)
	if err != nil {
		return r, wrote, s.cause(ctx, actx, err)
	}
	defer resp.Body.Close()
	r.status = resp.StatusCode
	r.retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"))
	data, rerr := io.ReadAll(io.LimitReader(resp.Body, s.maxBody+1))
	if rerr != nil {
		return r, true, s.cause(ctx, actx, rerr)
	}
	if int64(len(data)) > s.maxBody {
		data, r.tooLarge = data[:s.maxBody], true
	}
	r.body = data
	s.logger.LogAttrs(ctx, slog.LevelDebug, "vicidial: answer", slog.String("function", fn),
		slog.Int("http_status", r.status), slog.Duration("duration", time.Since(start)))
	return r, true, nil
}

// cause strips the URL from a transport error and tells the caller's
// context ending apart from a per-attempt timeout.
func (s *httpSender) cause(ctx, actx context.Context, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if ctx.Err() != nil {
		return ctxErr(ctx, err)
	}
	if actx.Err() != nil {
		return attemptTimeout{errors.New("attempt timed out")}
	}
	return err
}

// ctxErr returns the context's error, joined with err when it says more.
func ctxErr(ctx context.Context, err error) error {
	cerr := ctx.Err()
	if cerr == nil {
		return err
	}
	if err == nil || errors.Is(err, cerr) {
		return cerr
	}
	return errors.Join(cerr, err)
}

func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

func looksHTML(b []byte) bool {
	t := bytes.ToLower(bytes.TrimSpace(b))
	if len(t) > 512 {
		t = t[:512]
	}
	return bytes.HasPrefix(t, []byte("<!doctype html")) || bytes.HasPrefix(t, []byte("<html")) ||
		bytes.Contains(t, []byte("<body")) || bytes.HasPrefix(t, []byte("<head"))
}
