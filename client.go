package voipms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
)

// Version is this SDK's version; it is part of the default User-Agent.
const Version = "0.1.0"

// DefaultBaseURL is the VoIP.ms REST/JSON endpoint. The host is voip.ms, not
// www.voip.ms: the latter redirects, and a redirected POST loses its body.
const DefaultBaseURL = "https://voip.ms/api/v1/rest.php"

const (
	defaultUserAgent    = "didkit-voipms-go/" + Version
	defaultTimeout      = 30 * time.Second
	defaultMaxAttempts  = 4
	defaultMinWait      = 250 * time.Millisecond
	defaultMaxWait      = 8 * time.Second
	defaultMaxBodyBytes = 64 << 20
)

// Client talks to the VoIP.ms API. It is safe for concurrent use; build one
// with New and share it. Each API area is a service on the client:
// c.DIDs, c.Forwardings, c.SMS, ...
type Client struct {
	username string
	password *secret
	baseURL  string
	ua       string
	logger   *slog.Logger
	dryRun   bool
	maxBody  int64
	limiter  *rate.Limiter
	http     *retryablehttp.Client

	maxAttempts int

	common service

	// The services, one per API area (see "Services" in the package doc).
	// They share this client's transport and options.

	DIDs            *DIDService            // numbers: search, order, cancel, configure
	Catalog         *CatalogService        // reference catalogues: states, rate centers, ...
	Forwardings     *ForwardingService     // call forwardings (fwd:)
	IVRs            *IVRService            // IVRs (ivr:)
	Queues          *QueueService          // call queues and static members (queue:)
	RingGroups      *RingGroupService      // ring groups (grp:)
	SIPURIs         *SIPURIService         // SIP URIs (sip:)
	TimeConditions  *TimeConditionService  // time conditions (tc:)
	Callbacks       *CallbackService       // callbacks (cb:)
	CallerIDFilters *CallerIDFilterService // caller-ID filtering rules
	DISAs           *DISAService           // DISAs (disa:)
	Phonebook       *PhonebookService      // phonebook entries and groups
	Recordings      *RecordingService      // recordings (recording:)
	CallRecordings  *CallRecordingService  // recorded calls and their transcriptions
	CallHuntings    *CallHuntingService    // call huntings
	SMS             *SMSService            // SMS and MMS messages
	Accounts        *AccountService        // sub-accounts (account:)
	General         *GeneralService        // balance, servers (POPs), transactions, ...
	Voicemail       *VoicemailService      // voicemail boxes (vm:) and messages
	Clients         *ClientService         // reseller clients and their billing
	Conferences     *ConferenceService     // conferences and members
	CDR             *CDRService            // call detail records and rates
	CallParkings    *CallParkingService    // call parking lots
	Fax             *FaxService            // fax numbers and messages
	E911            *E911Service           // e911 addresses
	LNP             *LNPService            // number portability (port-in)
	Sequences       *SequenceService       // call sequences
}

type service struct{ client *Client }

// secret holds the API password behind a pointer, so even a print of a
// copied Client struct shows an address, and every print of the secret
// itself shows [REDACTED].
type secret struct{ v string }

const redacted = "[REDACTED]"

func (*secret) String() string               { return redacted }
func (*secret) GoString() string             { return redacted }
func (*secret) LogValue() slog.Value         { return slog.StringValue(redacted) }
func (*secret) Format(f fmt.State, _ rune)   { _, _ = io.WriteString(f, redacted) }
func (*secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// Option configures a Client in New.
type Option func(*config) error

type config struct {
	httpClient  *http.Client
	baseURL     string
	userAgent   string
	timeout     time.Duration
	maxAttempts int
	minWait     time.Duration
	maxWait     time.Duration
	logger      *slog.Logger
	dryRun      bool
	maxBody     int64
	limit       rate.Limit
	burst       int
}

// WithHTTPClient makes the client send requests through a copy of hc (its
// Transport, Jar and Timeout are kept; redirects are always refused).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("voipms: WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithBaseURL points the client at another endpoint (a simulator, a proxy).
// It must be an absolute http(s) URL without credentials or query, and not
// www.voip.ms.
func WithBaseURL(raw string) Option {
	return func(c *config) error {
		u, err := url.Parse(raw)
		if err != nil {
			return fmt.Errorf("voipms: WithBaseURL: %w", errors.New("not a URL"))
		}
		switch {
		case u.Scheme != "https" && u.Scheme != "http":
			return errors.New("voipms: WithBaseURL: scheme must be http or https")
		case u.Host == "":
			return errors.New("voipms: WithBaseURL: missing host")
		case u.User != nil || u.RawQuery != "" || u.Fragment != "":
			return errors.New("voipms: WithBaseURL: no credentials, query or fragment allowed")
		case strings.EqualFold(u.Hostname(), "www.voip.ms"):
			return errors.New("voipms: WithBaseURL: use voip.ms, not www.voip.ms (it redirects and drops POST bodies)")
		}
		c.baseURL = u.String()
		return nil
	}
}

// WithUserAgent puts product in front of the default User-Agent. A
// User-Agent is always sent: the VoIP.ms firewall has rejected requests
// without one.
func WithUserAgent(product string) Option {
	return func(c *config) error {
		if strings.ContainsAny(product, "\r\n") {
			return errors.New("voipms: WithUserAgent: newline in user agent")
		}
		c.userAgent = product
		return nil
	}
}

// WithTimeout bounds each HTTP attempt (default 30s). The caller's context
// bounds the whole call, retries included.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return errors.New("voipms: WithTimeout: must be positive")
		}
		c.timeout = d
		return nil
	}
}

// WithRetry sets how many attempts a retryable call makes in all
// (maxAttempts 1 disables retries; default 4) and the bounds of the jittered
// exponential backoff between them (default 250ms to 8s).
func WithRetry(maxAttempts int, minWait, maxWait time.Duration) Option {
	return func(c *config) error {
		if maxAttempts < 1 || minWait < 0 || maxWait < minWait {
			return errors.New("voipms: WithRetry: need maxAttempts >= 1 and 0 <= minWait <= maxWait")
		}
		c.maxAttempts, c.minWait, c.maxWait = maxAttempts, minWait, maxWait
		return nil
	}
}

// WithLogger sends the client's debug and warning records to l. Records
// carry the wire method, attempt, HTTP status and duration; never
// credentials, bodies or query strings.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithDryRun makes every method that has a dry-run mode send test=1, and
// refuses every other state-changing method with ErrDryRunRefused before any
// I/O. Read-only methods work as usual.
func WithDryRun() Option {
	return func(c *config) error {
		c.dryRun = true
		return nil
	}
}

// WithMaxResponseBytes caps how much of a response body is read (default
// 64 MiB); a larger body fails with a *ResponseError of kind BodyTooLarge.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return errors.New("voipms: WithMaxResponseBytes: must be positive")
		}
		c.maxBody = n
		return nil
	}
}

// WithRateLimit keeps the client under r requests per second with bursts of
// burst, waiting (within the caller's context) before each HTTP attempt.
// Use it to stay under the account's per-minute API limit:
// WithRateLimit(rate.Every(time.Minute/100), 10).
func WithRateLimit(r rate.Limit, burst int) Option {
	return func(c *config) error {
		if r <= 0 || burst < 1 {
			return errors.New("voipms: WithRateLimit: need a positive rate and burst >= 1")
		}
		c.limit, c.burst = r, burst
		return nil
	}
}

// New returns a client for the account username (the portal e-mail) with
// its API password (set under SOAP & REST/JSON API in the portal; not the
// portal password). New does no I/O.
func New(username, password string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(username) == "" {
		return nil, &ValidationError{Method: "New", Field: "api_username", Reason: "empty"}
	}
	if password == "" {
		return nil, &ValidationError{Method: "New", Field: "api_password", Reason: "empty"}
	}
	cfg := config{
		baseURL:     DefaultBaseURL,
		timeout:     defaultTimeout,
		maxAttempts: defaultMaxAttempts,
		minWait:     defaultMinWait,
		maxWait:     defaultMaxWait,
		maxBody:     defaultMaxBodyBytes,
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	c := &Client{
		username: username,
		password: &secret{password},
		baseURL:  cfg.baseURL,
		ua:       defaultUserAgent,
		logger:   cfg.logger,
		dryRun:   cfg.dryRun,
		maxBody:  cfg.maxBody,

		maxAttempts: cfg.maxAttempts,
	}
	if cfg.userAgent != "" {
		c.ua = cfg.userAgent + " " + defaultUserAgent
	}
	if cfg.limit > 0 {
		c.limiter = rate.NewLimiter(cfg.limit, cfg.burst)
	}
	c.http = c.newTransport(cfg)
	c.common.client = c
	c.initServices()
	return c, nil
}

// NewFromEnv builds a client from VOIPMS_API_USERNAME and
// VOIPMS_API_PASSWORD, and VOIPMS_API_URL when set (for a simulator). opts
// are applied after those.
func NewFromEnv(opts ...Option) (*Client, error) {
	user, pass := os.Getenv("VOIPMS_API_USERNAME"), os.Getenv("VOIPMS_API_PASSWORD")
	if user == "" || pass == "" {
		return nil, &ValidationError{Method: "NewFromEnv", Reason: "VOIPMS_API_USERNAME and VOIPMS_API_PASSWORD must be set"}
	}
	if u := os.Getenv("VOIPMS_API_URL"); u != "" {
		opts = append([]Option{WithBaseURL(u)}, opts...)
	}
	return New(user, pass, opts...)
}

// errRedirect refuses every redirect: a 307/308 would replay the body (and
// the password in it) to another place, a 301/302 would turn the POST into
// a GET without its parameters.
var errRedirect = errors.New("redirect refused")

func (c *Client) newTransport(cfg config) *retryablehttp.Client {
	var hc http.Client
	if cfg.httpClient != nil {
		hc = *cfg.httpClient
	} else {
		t := http.DefaultTransport.(*http.Transport).Clone()
		// Every request goes to one host: keep enough idle connections
		// for a pool of concurrent callers (net/http keeps 2 per host),
		// so that bulk work does not redo TCP and TLS handshakes.
		t.MaxIdleConnsPerHost = 32
		hc.Transport = t
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return errRedirect }
	if hc.Timeout == 0 || cfg.timeout != defaultTimeout {
		hc.Timeout = cfg.timeout
	}
	rc := &retryablehttp.Client{
		HTTPClient:   &hc,
		RetryWaitMin: cfg.minWait,
		RetryWaitMax: cfg.maxWait,
		// The per-call budget is enforced by checkRetry from callState, so
		// that transport retries and body-level retries share it.
		RetryMax:     1 << 10,
		CheckRetry:   c.checkRetry,
		Backoff:      backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		// No Logger: go-retryablehttp's logger prints request URLs.
	}
	if c.limiter != nil {
		rc.PrepareRetry = func(req *http.Request) error { return c.limiter.Wait(req.Context()) }
	}
	return rc
}

// String, GoString and Format keep the API password out of every print of a
// Client.
func (c Client) String() string {
	return fmt.Sprintf("voipms.Client{user: %q, password: %s, baseURL: %q, dryRun: %v}", c.username, redacted, c.baseURL, c.dryRun)
}

// GoString implements fmt.GoStringer.
func (c Client) GoString() string { return c.String() }

// Format implements fmt.Formatter for every verb.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue implements slog.LogValuer.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user", c.username), slog.String("password", redacted), slog.String("base_url", c.baseURL))
}

// dryRunForced reports whether the client was built WithDryRun.
func (c *Client) dryRunForced() bool { return c.dryRun }

// ---- calls ----

type methodClass int

const (
	classRead  methodClass = iota + 1 // changes nothing; retried on transient failures
	classWrite                        // changes account state; never retried once sent
	classMoney                        // buys, cancels, charges or sends; never retried once sent
)

type methodInfo struct {
	Class   methodClass
	HasTest bool
	Meaning methodMeaning // what the method does with records (list, fetch, create, delete, other)
}

func lookupMethod(method string) methodInfo {
	if info, ok := methodTable[method]; ok {
		return info
	}
	// Unknown (newer) methods are treated as state-changing: never retried.
	return methodInfo{Class: classWrite}
}

// envelope is the part every VoIP.ms response has. Typed response structs
// embed it so a body is decoded once.
type envelope struct {
	Status  Status `json:"status"`
	Message String `json:"message"`
}

func (e *envelope) env() *envelope { return e }

type enveloper interface{ env() *envelope }

type validator interface{ validate(method string) error }

type ctxKey struct{}

// callState follows one call through its attempts; checkRetry reads it
// from the request context.
type callState struct {
	method   string
	class    methodClass
	attempts int // HTTP attempts made so far
	max      int // attempts allowed in all
}

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

// callList is call for list methods: a curated empty status answers nil
// with out untouched.
func (c *Client) callList(ctx context.Context, method string, params any, out any) error {
	err := c.call(ctx, method, params, out)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status.IsEmpty() {
		return nil
	}
	return err
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
	return v, nil
}

func (c *Client) call(ctx context.Context, method string, params any, out any) error {
	if ctx == nil {
		return &ValidationError{Method: method, Reason: "nil context"}
	}
	info := lookupMethod(method)
	values, err := encodeParams(method, params)
	if err != nil {
		return err
	}
	for _, k := range []string{"api_username", "api_password", "method"} {
		if _, ok := values[k]; ok {
			return &ValidationError{Method: method, Field: k, Reason: "set by the client; do not pass it as a parameter"}
		}
	}
	if c.dryRun {
		switch {
		case info.HasTest:
			values.Set("test", "1")
		case info.Class != classRead:
			return fmt.Errorf("voipms: %s changes account state and has no dry-run mode: %w", method, ErrDryRunRefused)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if out != nil {
		if rv := reflect.ValueOf(out); rv.Kind() != reflect.Pointer || rv.IsNil() {
			return &ValidationError{Method: method, Field: "out", Reason: "must be a non-nil pointer"}
		}
	}
	values.Set("api_username", c.username)
	values.Set("api_password", c.password.v)
	values.Set("method", method)
	body := values.Encode()

	st := &callState{method: method, class: info.Class, max: c.maxAttempts}
	ctx = context.WithValue(ctx, ctxKey{}, st)
	for {
		err := c.attempt(ctx, st, body, out)
		if err == nil || st.class != classRead || st.attempts >= st.max || !retryableResult(err) {
			return c.scrub(err)
		}
		if cerr := ctx.Err(); cerr != nil {
			return c.scrub(stoppedRetrying(method, cerr, err))
		}
		// A read whose body was not a usable envelope (HTML page, truncated
		// or empty body, api_limit_exceeded): wait and send it again.
		c.logRetry(ctx, st, "unusable response")
		if werr := sleepCtx(ctx, backoff(c.http.RetryWaitMin, c.http.RetryWaitMax, st.attempts-1, nil)); werr != nil {
			return c.scrub(stoppedRetrying(method, werr, err))
		}
	}
}

// attempt runs one go-retryablehttp exchange (which itself retries
// transport failures for reads) and decodes the result.
func (c *Client) attempt(ctx context.Context, st *callState, body string, out any) error {
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			return err
		}
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.baseURL, strings.NewReader(body))
	if err != nil {
		return &TransportError{Method: st.method, Err: err}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.ua)

	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		c.log(ctx, slog.LevelWarn, "voipms call failed", st, 0, time.Since(start))
		return c.transportFailure(ctx, st, err)
	}
	defer resp.Body.Close()
	data, err := readBody(resp.Body, c.maxBody, resp.ContentLength)
	c.log(ctx, slog.LevelDebug, "voipms call", st, resp.StatusCode, time.Since(start))
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return c.writeAmbiguity(st, &ResponseError{Method: st.method, Kind: BodyTooLarge, HTTPStatusCode: resp.StatusCode})
		}
		return c.transportFailure(ctx, st, err)
	}
	return c.decode(st, resp.StatusCode, data, out)
}

var errTooLarge = errors.New("response body too large")

// readBody reads at most max bytes of r. size is the announced length
// (-1 when unknown); when it is known the buffer is allocated once.
func readBody(r io.Reader, max, size int64) ([]byte, error) {
	var data []byte
	var err error
	if size > 0 && size <= max {
		buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
		_, err = buf.ReadFrom(io.LimitReader(r, max+1))
		data = buf.Bytes()
	} else {
		data, err = io.ReadAll(io.LimitReader(r, max+1))
	}
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}

// transportFailure classifies an error of the HTTP exchange.
func (c *Client) transportFailure(ctx context.Context, st *callState, err error) error {
	attempts := st.attempts
	if attempts == 0 {
		attempts = 1
	}
	if errors.Is(err, errRedirect) {
		return c.scrub(&ResponseError{Method: st.method, Kind: BodyNotJSON, Detail: "redirect refused; use the voip.ms host"})
	}
	terr := c.scrub(&TransportError{Method: st.method, Attempts: attempts, Err: err})
	if st.class != classRead && !isDialError(err) {
		if ctx.Err() != nil && st.attempts == 0 {
			return terr // cancelled before anything was sent
		}
		return &OutcomeUnknownError{Method: st.method, Err: terr}
	}
	return terr
}

// writeAmbiguity wraps a bad response of a state-changing call as
// ErrOutcomeUnknown: VoIP.ms may have acted before the answer went wrong.
func (c *Client) writeAmbiguity(st *callState, err error) error {
	if st.class == classRead {
		return err
	}
	return &OutcomeUnknownError{Method: st.method, Err: err}
}

func (c *Client) decode(st *callState, code int, data []byte, out any) error {
	method := st.method
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		switch {
		case code >= 200 && code < 300 && st.class != classRead && (strings.HasPrefix(method, "del") || strings.HasPrefix(method, "remove")):
			return nil // some delete methods answer success with an empty body
		}
		return c.writeAmbiguity(st, &ResponseError{Method: method, Kind: BodyEmpty, HTTPStatusCode: code})
	}
	if kind := bodyKind(trimmed); kind != 0 {
		return c.writeAmbiguity(st, &ResponseError{Method: method, Kind: kind, HTTPStatusCode: code})
	}
	var env *envelope
	var decodeErr error
	if e, ok := out.(enveloper); ok {
		env = e.env()
		decodeErr = unmarshal(trimmed, out)
	} else {
		env = new(envelope)
		decodeErr = json.Unmarshal(trimmed, env)
	}
	if decodeErr != nil {
		var syn *json.SyntaxError
		if errors.As(decodeErr, &syn) || isUnexpectedEOF(decodeErr) {
			kind := BodyNotJSON
			if isUnexpectedEOF(decodeErr) {
				kind = BodyTruncated
			}
			return c.writeAmbiguity(st, &ResponseError{Method: method, Kind: kind, HTTPStatusCode: code})
		}
		// A shape problem in the data: still report the API's status if the
		// envelope itself is readable.
		var e2 envelope
		if json.Unmarshal(trimmed, &e2) == nil && e2.Status != "" && e2.Status != StatusSuccess {
			return &APIError{Method: method, Status: e2.Status, Message: string(e2.Message), HTTPStatusCode: code}
		}
		return c.writeAmbiguity(st, &ResponseError{Method: method, Kind: BodyShape, HTTPStatusCode: code, Detail: shapeDetail(decodeErr)})
	}
	if env.Status == "" {
		return c.writeAmbiguity(st, &ResponseError{Method: method, Kind: BodyNoStatus, HTTPStatusCode: code})
	}
	if env.Status != StatusSuccess {
		return &APIError{Method: method, Status: env.Status, Message: string(env.Message), HTTPStatusCode: code}
	}
	if code < 200 || code > 299 {
		return c.writeAmbiguity(st, &ResponseError{Method: method, Kind: BodyNotJSON, HTTPStatusCode: code, Detail: "success envelope with a non-2xx HTTP status"})
	}
	if out != nil {
		if _, ok := out.(enveloper); !ok {
			if err := unmarshal(trimmed, out); err != nil {
				return &ResponseError{Method: method, Kind: BodyShape, HTTPStatusCode: code, Detail: shapeDetail(err)}
			}
		}
	}
	return nil
}

// bodyKind tells, without parsing, whether a non-empty body cannot be the
// JSON envelope.
func bodyKind(b []byte) ResponseErrorKind {
	switch b[0] {
	case '{':
		if b[len(b)-1] != '}' {
			return BodyTruncated
		}
		return 0
	case '<':
		return BodyHTML
	}
	return BodyNotJSON
}

func isUnexpectedEOF(err error) bool {
	return err != nil && (errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input"))
}

// shapeDetail describes a type mismatch by field and Go type, never by value.
func shapeDetail(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q: got JSON %s", te.Field, te.Value)
	}
	var se *scalarError
	if errors.As(err, &se) {
		return se.Error()
	}
	return "data does not match the expected shape"
}

func (c *Client) log(ctx context.Context, level slog.Level, msg string, st *callState, code int, d time.Duration) {
	if c.logger == nil || !c.logger.Enabled(ctx, level) {
		return
	}
	c.logger.LogAttrs(ctx, level, msg,
		slog.String("method", st.method),
		slog.Int("attempts", st.attempts),
		slog.Int("http_status", code),
		slog.Duration("duration", d),
	)
}
