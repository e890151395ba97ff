package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Class says whether a call may be sent more than once.
type Class int

const (
	// Read changes nothing on the server (a query, or a dry run): it may be
	// sent again after any transient failure, by us or by net/http.
	Read Class = iota + 1
	// Write changes state (or moves money): it is sent at most once, except
	// when nothing can have been sent or the server proved nothing ran.
	Write
)

func (c Class) String() string {
	switch c {
	case Read:
		return "read"
	case Write:
		return "write"
	}
	return "unknown"
}

// Verdict is what a Read function concludes about one answer.
type Verdict int

const (
	// Final: the answer is the call's result; the error Read returns (nil on
	// success) is the call's error.
	Final Verdict = iota
	// Transient: an unusable or temporary answer (an HTML error page, an
	// empty or truncated body). A Read is sent again within the budget; for
	// a Write the outcome is unknown.
	Transient
	// NotExecuted: the server refused the request in a way that proves
	// nothing ran (a rate-limit refusal). Any class may be sent again, after
	// at least MaxWait.
	NotExecuted
)

// Limiter is waited on before every attempt (golang.org/x/time/rate's
// *Limiter satisfies it).
type Limiter interface {
	Wait(ctx context.Context) error
}

// Response is one answer, with its body read in full (at most MaxBody).
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// Call is one logical call.
type Call struct {
	// Name names the call in errors and logs (a wire method name).
	Name string
	// Class is Read or Write; anything else is treated as Write.
	Class Class
	// Request is sent, possibly more than once for a Read. Do does not
	// modify it (each attempt sends a copy), so a caller may share one
	// prepared request (method, URL, headers, no context) between calls.
	// Its body, when it has one, must be in memory (it is read once, up
	// front); or leave Request.Body nil and set Body.
	Request *http.Request
	// Body, when non-nil, is the request body (Request.Body must then be
	// nil). Do neither copies nor changes it.
	Body []byte
	// Read judges an answer. It is called once per answer whose body was
	// read completely.
	Read func(*Response) (Verdict, error)
	// Stream, when set, is called instead of Read with the body unread and
	// without MaxBody: it reads what it needs (a streaming list). Its
	// verdict is used as Read's is; it returns Transient only while it has
	// delivered nothing.
	Stream func(status int, header http.Header, body io.Reader) (Verdict, error)
}

// Result is the outcome of Do.
type Result struct {
	// Err is nil on success; otherwise the error Read returned, an *Error,
	// or an error matching the context's error and the last attempt's.
	Err error
	// Attempts is how many times the request was handed to the HTTP client.
	Attempts int
	// StatusCode is the HTTP status of the last answer (0 if none).
	StatusCode int
	// OutcomeUnknown is true for a Write that failed after the request may
	// have reached the server and been acted upon.
	OutcomeUnknown bool
	// Verdict is the last Read verdict (Final when no answer was judged).
	Verdict Verdict
}

// RetryEvent describes a retry about to happen, for logging.
type RetryEvent struct {
	Name    string
	Attempt int // the attempt that failed (1-based)
	Reason  string
}

// Client runs calls. Set the fields before the first Do; do not change them
// afterwards. The zero MaxAttempts means 1.
type Client struct {
	// HTTP is used for every attempt: set its Timeout (per attempt: the
	// exchange and the reading of the answer's body), CheckRedirect and
	// Transport before use. Do applies the Timeout itself, as a deadline on
	// each attempt's context: net/http would run a timer goroutine per
	// request for the wrapped transport every attempt passes (gate).
	HTTP *http.Client
	// Limiter, when set, is waited on before every attempt.
	Limiter Limiter
	// MaxAttempts bounds the attempts of one call (1 disables retries).
	MaxAttempts int
	// MinWait and MaxWait bound the jittered exponential backoff.
	MinWait, MaxWait time.Duration
	// MaxRetryAfter caps a server's Retry-After (0 means one minute).
	MaxRetryAfter time.Duration
	// MaxBody caps a response body (0 means 64 MiB); a larger body is an
	// *Error of KindBodyTooLarge.
	MaxBody int64
	// OnRetry, when set, is called before each retry wait.
	OnRetry func(context.Context, RetryEvent)

	once    sync.Once
	hc      *http.Client
	timeout time.Duration // HTTP.Timeout, applied per attempt by Do
	states  sync.Pool     // *callState
}

const (
	defaultMaxBody       = 64 << 20
	defaultMaxRetryAfter = time.Minute
)

// CloseIdleConnections closes the idle connections of the HTTP client.
func (c *Client) CloseIdleConnections() {
	if c.HTTP != nil {
		c.HTTP.CloseIdleConnections()
	}
}

func (c *Client) init() {
	c.once.Do(func() {
		hc := c.HTTP
		if hc == nil {
			hc = &http.Client{}
		}
		cp := *hc
		base := cp.Transport
		if base == nil {
			base = http.DefaultTransport
		}
		cp.Transport = &gate{base: base, limiter: c.Limiter}
		c.timeout, cp.Timeout = cp.Timeout, 0 // Do applies it
		c.hc = &cp
	})
}

// gate is the one place every attempt passes before reaching the HTTP
// transport: it waits on the limiter and refuses to start when the context
// has already ended. Either failure means nothing was sent.
type gate struct {
	base    http.RoundTripper
	limiter Limiter
}

func (g *gate) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx := r.Context()
	if g.limiter != nil {
		if err := g.limiter.Wait(ctx); err != nil {
			closeBody(r)
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			return nil, &notSent{err}
		}
	}
	if err := ctx.Err(); err != nil {
		closeBody(r)
		return nil, &notSent{err}
	}
	return g.base.RoundTrip(r)
}

// CloseIdleConnections passes through to the wrapped transport.
func (g *gate) CloseIdleConnections() {
	if ci, ok := g.base.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

func closeBody(r *http.Request) {
	if r.Body != nil {
		_ = r.Body.Close()
	}
}

// notSent marks an attempt that was never handed to the HTTP transport.
type notSent struct{ err error }

func (e *notSent) Error() string { return e.err.Error() }
func (e *notSent) Unwrap() error { return e.err }

// verdictError carries a Read verdict through go-retryablehttp.
type verdictError struct {
	v   Verdict
	err error
}

func (e *verdictError) Error() string { return e.err.Error() }
func (e *verdictError) Unwrap() error { return e.err }

// newBody is one attempt's request body: a fresh reader over body (the
// previous attempt's may still be held by a connection's write loop). It is
// io.NopCloser over a *bytes.Reader so that net/http sends it in the same
// packet as the headers (it flushes the headers first for a body type it
// does not know to be in memory). Only GetBody lets net/http send a body
// again, and a Write's request has none: the type does not matter for
// write-once.
func newBody(body []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(body)) }

// Do runs call until it succeeds, fails finally, or the retry budget or ctx
// runs out.
func (c *Client) Do(ctx context.Context, call Call) Result {
	c.init()
	if call.Class != Read {
		call.Class = Write
	}
	max := c.MaxAttempts
	if max < 1 {
		max = 1
	}
	if err := ctx.Err(); err != nil {
		return Result{Err: err}
	}
	body := call.Body
	if body == nil && call.Request.Body != nil && call.Request.Body != http.NoBody {
		b, err := io.ReadAll(call.Request.Body)
		_ = call.Request.Body.Close()
		if err != nil {
			return Result{Err: &Error{Kind: KindOther, Err: fmt.Errorf("reading request body: %w", err)}}
		}
		body = b
	}
	st := c.getState()
	defer c.putState(st)
	st.call, st.max, st.body, st.ctx = call, max, body, ctx
	ts := new(traceState)
	ts.trace = httptrace.ClientTrace{GetConn: ts.onGetConn, GotConn: ts.onGotConn}
	st.ts = ts
	st.tctx = httptrace.WithClientTrace(ctx, &ts.trace)
	// The first attempt's copy of the caller's request (call.Request is not
	// changed); each retry gets its own in prepareRetry.
	req := call.Request.WithContext(st.attemptCtx())
	req.Body, req.GetBody, req.ContentLength = nil, nil, 0
	if len(body) > 0 {
		ts.first.Reset(body)
		req.Body, req.ContentLength = io.NopCloser(&ts.first), int64(len(body))
		if call.Class == Read {
			// Reads may be replayed, by us or by net/http's HTTP/1 and
			// HTTP/2 transports.
			req.GetBody = func() (io.ReadCloser, error) { return newBody(body), nil }
		}
		// Write-once: a Write's request has no GetBody, so neither
		// transport can replay it; each attempt this package decides on
		// gets a fresh body in prepareRetry.
	}
	// The body is set on the request itself, not through go-retryablehttp's
	// SetBody (which would read it once more and wrap each attempt's
	// reader): retries get theirs in prepareRetry.
	st.rreq = retryablehttp.Request{Request: req}
	st.rreq.SetResponseHandler(st.onResponse)
	st.rc.RetryMax = max - 1
	st.newAttempt()
	resp, doErr := st.rc.Do(&st.rreq)
	if resp != nil && resp.Body != nil {
		_ = resp.Body.Close()
	}
	st.endAttempt()
	return st.result(ctx, doErr)
}

// getState returns a call state from the pool: go-retryablehttp's client
// and the callbacks bound to the state are built once per pooled state, not
// per call. Everything go-retryablehttp calls back runs inside Do; what
// net/http may still hold after Do returns (the trace hooks, the first
// attempt's body, GetBody) is allocated per call, outside the pooled state.
func (c *Client) getState() *callState {
	if st, ok := c.states.Get().(*callState); ok {
		return st
	}
	st := &callState{c: c}
	st.rc.HTTPClient = c.hc
	st.rc.RetryWaitMin, st.rc.RetryWaitMax = c.MinWait, c.MaxWait
	st.rc.CheckRetry = st.checkRetry
	st.rc.Backoff = st.backoff
	st.rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	// No Logger: go-retryablehttp's logger prints request URLs.
	st.rc.PrepareRetry = st.prepareRetry
	st.onResponse = st.readResponse
	return st
}

// putState clears what the call left in st (nothing of it may outlive the
// call) and returns it to the pool.
func (c *Client) putState(st *callState) {
	st.endAttempt()
	st.call, st.max, st.body = Call{}, 0, nil
	st.ctx, st.tctx, st.ts = nil, nil, nil
	st.rreq = retryablehttp.Request{}
	st.resp = Response{}
	st.attempts, st.last, st.lastResp = 0, nil, nil
	st.verdict, st.retryV = Final, Final
	c.states.Put(st)
}

// attemptCtx ends the previous attempt's deadline and returns the context
// of the next attempt: the call's (with the trace), bounded by the
// client's Timeout unless the caller's context ends sooner (as net/http
// applies http.Client.Timeout).
func (st *callState) attemptCtx() context.Context {
	st.endAttempt()
	t := st.c.timeout
	if t <= 0 {
		return st.tctx
	}
	deadline := time.Now().Add(t)
	if d, ok := st.ctx.Deadline(); ok && !deadline.Before(d) {
		return st.tctx
	}
	actx, cancel := context.WithDeadline(st.tctx, deadline)
	st.cancel = cancel
	return actx
}

// endAttempt releases the current attempt's deadline.
func (st *callState) endAttempt() {
	if st.cancel != nil {
		st.cancel()
		st.cancel = nil
	}
}

// prepareRetry runs before each retry, on go-retryablehttp's fresh shallow
// copy of the request: a new attempt, with a new body and its own deadline.
// go-retryablehttp sends st.rreq.Request, read after this hook.
func (st *callState) prepareRetry(r *http.Request) error {
	st.newAttempt()
	if len(st.body) > 0 {
		r.Body = newBody(st.body)
	}
	st.rreq.Request = r.WithContext(st.attemptCtx())
	return nil
}

// callState follows one call through its attempts. It is owned by one Do
// at a time (Client.states pools them).
type callState struct {
	c    *Client
	call Call
	max  int
	body []byte // the request body (nil: none)

	ctx    context.Context    // the caller's
	tctx   context.Context    // ctx with the trace
	cancel context.CancelFunc // ends the current attempt's deadline
	ts     *traceState        // this call's

	// Built once per pooled state (getState).
	rc         retryablehttp.Client
	onResponse retryablehttp.ResponseHandlerFunc

	rreq retryablehttp.Request
	resp Response // the last answer read (lastResp points here)

	attempts int
	last     error // the last attempt's error (classified)
	lastResp *Response
	verdict  Verdict
	retryV   Verdict // the verdict behind the pending retry (for backoff)
}

// traceState is what net/http may use after Do has returned (the trace
// hooks run on transport goroutines; a connection's write loop may still
// hold the first attempt's body): one per call, never pooled.
type traceState struct {
	trace httptrace.ClientTrace
	first bytes.Reader // the first attempt's body

	mu      sync.Mutex
	getConn bool // this attempt asked the HTTP transport for a connection
	gotConn bool // ... and got one
}

func (st *callState) newAttempt() {
	st.attempts++
	st.ts.mu.Lock()
	st.ts.getConn, st.ts.gotConn = false, false
	st.ts.mu.Unlock()
}

// noConn reports whether this attempt asked for a connection and got none.
func (st *callState) noConn() bool {
	st.ts.mu.Lock()
	defer st.ts.mu.Unlock()
	return st.ts.getConn && !st.ts.gotConn
}

func (ts *traceState) onGetConn(string) { ts.mu.Lock(); ts.getConn = true; ts.mu.Unlock() }

func (ts *traceState) onGotConn(httptrace.GotConnInfo) {
	ts.mu.Lock()
	ts.gotConn = true
	ts.mu.Unlock()
}

// readResponse reads an answer and asks the caller's Read about it.
func (st *callState) readResponse(resp *http.Response) error {
	defer st.endAttempt()
	defer resp.Body.Close()
	if st.call.Stream != nil {
		st.resp = Response{StatusCode: resp.StatusCode, Header: resp.Header}
		st.lastResp = &st.resp
		return st.judged(st.call.Stream(resp.StatusCode, resp.Header, resp.Body))
	}
	max := st.c.MaxBody
	if max <= 0 {
		max = defaultMaxBody
	}
	data, err := readBody(resp.Body, max, resp.ContentLength)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return st.fail(&Error{Kind: KindBodyTooLarge, Sent: true, StatusCode: resp.StatusCode, Err: err})
		}
		return st.fail(&Error{Kind: KindBodyRead, Sent: true, StatusCode: resp.StatusCode, Err: err})
	}
	st.resp = Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: data}
	st.lastResp = &st.resp
	return st.judged(st.call.Read(&st.resp))
}

// judged records a Read (or Stream) verdict and hands it to the retry loop.
func (st *callState) judged(v Verdict, rerr error) error {
	st.verdict = v
	if rerr == nil && v != Final {
		rerr = fmt.Errorf("%s: answer judged %v without an error", st.call.Name, v)
	}
	if rerr == nil {
		st.last = nil
		return nil
	}
	st.last = rerr
	return &verdictError{v: v, err: rerr}
}

func (st *callState) fail(e *Error) error {
	e.Attempts = st.attempts
	st.last = e
	st.lastResp = nil
	st.verdict = Final
	return e
}

// checkRetry is go-retryablehttp's CheckRetry: it classifies an exchange
// failure and hands the decision to ShouldRetry.
func (st *callState) checkRetry(_ context.Context, resp *http.Response, err error) (bool, error) {
	// go-retryablehttp passes the attempt's context; decisions are about
	// the caller's.
	ctx := st.ctx
	if err == nil {
		// An answer arrived: let readResponse judge it first.
		return false, nil
	}
	st.endAttempt() // the attempt is over (readResponse has ended it already after an answer)
	var ve *verdictError
	var te *Error
	switch {
	case errors.As(err, &ve):
	case errors.As(err, &te):
	default:
		err = st.fail(classify(err, st.noConn()))
	}
	var r *Response
	if ve != nil {
		r = st.lastResp
	}
	retry, reason := ShouldRetry(st.call.Class, st.attempts, st.max, r, err)
	if retry && ctx.Err() != nil {
		// It would be sent again, but the caller's context has ended:
		// stop, and say so together with this attempt's error.
		return false, ctx.Err()
	}
	if retry {
		st.retryV = Final
		if ve != nil {
			st.retryV = ve.v
		}
		if st.c.OnRetry != nil {
			st.c.OnRetry(ctx, RetryEvent{Name: st.call.Name, Attempt: st.attempts, Reason: reason})
		}
		// go-retryablehttp waits on this request's context before the
		// retry: the call's, not the ended attempt's.
		st.rreq.Request = st.rreq.Request.WithContext(st.tctx)
	}
	return retry, nil
}

func (st *callState) backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	d := Backoff(min, max, attempt, resp, st.c.MaxRetryAfter)
	if st.retryV == NotExecuted && d < max {
		// A refusal that proves nothing ran is usually a rate limit: wait
		// the longest backoff step, jittered, before trying again.
		d = Backoff(max, max, 0, resp, st.c.MaxRetryAfter)
	}
	return d
}

func (st *callState) result(ctx context.Context, doErr error) Result {
	res := Result{Attempts: st.attempts, Verdict: st.verdict}
	if st.lastResp != nil {
		res.StatusCode = st.lastResp.StatusCode
	}
	last := st.last
	switch {
	case doErr == nil && last == nil:
		return res
	case last == nil:
		// go-retryablehttp stopped before an attempt finished: the context
		// ended during the backoff or before the first attempt.
		last = doErr
	case doErr != nil && !errors.Is(last, doErr) && ctx.Err() != nil && errors.Is(doErr, ctx.Err()):
		// The context ended while waiting to retry: say so, keep the last answer.
		res.Err = &StoppedError{Ctx: ctx.Err(), Last: last}
		res.OutcomeUnknown = st.unknown(last)
		return res
	}
	if te := (*Error)(nil); errors.As(last, &te) && ctx.Err() != nil && !te.Sent {
		last = te.Err // a cancelled context before anything was sent is just that
		var ns *notSent
		if errors.As(last, &ns) {
			last = ns.err
		}
	}
	res.Err = last
	res.OutcomeUnknown = st.unknown(last)
	return res
}

// unknown reports whether a Write's failure leaves its outcome unknown.
func (st *callState) unknown(err error) bool {
	if st.call.Class != Write || err == nil {
		return false
	}
	var te *Error
	if errors.As(err, &te) {
		return te.Sent
	}
	var ve *verdictError
	if errors.As(err, &ve) {
		return ve.v == Transient
	}
	return st.verdict == Transient
}

// StoppedError is the error of a call whose context ended while it waited
// to retry. It matches both the context's error and the last attempt's.
type StoppedError struct {
	Ctx  error
	Last error
}

func (e *StoppedError) Error() string {
	return fmt.Sprintf("stopped retrying: %v (last attempt: %v)", e.Ctx, e.Last)
}

// Unwrap returns the context error and the last attempt's error.
func (e *StoppedError) Unwrap() []error { return []error{e.Ctx, e.Last} }

var errTooLarge = errors.New("response body too large")

// readBody reads at most max bytes of r. size is the announced length (-1
// when unknown); when it is known the buffer is allocated once, with one
// byte to spare to see the end without growing it.
func readBody(r io.Reader, max, size int64) ([]byte, error) {
	if size > max {
		// Content-Length says so up front: refuse before reading a byte
		// of the body (net/http closes the connection for us).
		return nil, fmt.Errorf("%w: Content-Length %d over the %d-byte cap", errTooLarge, size, max)
	}
	n := int64(bytes.MinRead)
	if size >= 0 {
		n = size + 1
	}
	data := make([]byte, 0, n)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // grow
		}
		m, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+m]
		if int64(len(data)) > max {
			return nil, errTooLarge
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
