package voipms

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/didkit/voipms/internal/transport"
)

// Version is this SDK's version; it is part of the default User-Agent.
const Version = "0.1.0"

// DefaultBaseURL is the VoIP.ms REST/JSON endpoint. The host is voip.ms, not
// www.voip.ms: the latter redirects, and a redirected POST loses its body.
const DefaultBaseURL = "https://voip.ms/api/v1/rest.php"

const (
	defaultUserAgent   = "didkit-voipms-go/" + Version
	defaultTimeout     = 30 * time.Second
	defaultMaxAttempts = 4
	defaultMinWait     = 250 * time.Millisecond
	defaultMaxWait     = 8 * time.Second
	// defaultMaxBodyBytes caps the body of a slice-form call (the
	// streaming forms have no cap). It is sized from the largest real
	// accounts: getDIDsInfo sends about 1,040 bytes per DID (41 keys, every
	// value a string), so a reseller with 100,000 DIDs gets 104 MB and one
	// with 250,000 DIDs 260 MB; getCDR sends about 340 bytes per record,
	// and its longest window (92 days) of a busy account (1,000,000 calls)
	// is 340 MB. 512 MiB (537 MB) lets all of these through with room to
	// spare (a slice form holds about twice the body while decoding); a
	// body announced larger is refused before it is read
	// (Content-Length), pointing at the streaming form.
	defaultMaxBodyBytes = 512 << 20
)

// Client talks to the VoIP.ms API. It is safe for concurrent use; build one
// with New and share it. Each API area is a service on the client:
// c.DIDs, c.Forwardings, c.SMS, ...
type Client struct {
	username string
	password transport.Secret
	baseURL  string
	ua       string
	logger   *slog.Logger
	dryRun   bool
	maxBody  int64
	limiter  *rate.Limiter
	tc       *transport.Client   // the one attempt loop (internal/transport)
	scrubber *transport.Scrubber // removes the password from every returned error

	// The request every call sends a copy of (method, URL, headers), and
	// whether its headers must be copied for each call (a cookie jar adds
	// to them). formUser and formPass are the credentials query-escaped for
	// the body (formPass behind a Secret, like password).
	req         *http.Request
	cloneHeader bool
	formUser    string
	formPass    transport.Secret

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
// Transport, Jar and Timeout are kept; redirects are always refused). Its
// Transport must not modify requests (the http.RoundTripper contract): the
// calls of a client without a Jar share one set of request headers.
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

// WithMaxResponseBytes caps how much of a response body a slice-form call
// reads (default 512 MiB, see defaultMaxBodyBytes for the arithmetic); a
// larger body fails with a *ResponseError of kind BodyTooLarge whose Detail
// names the streaming form (DIDs.All, CDR.All, ...). A body whose
// Content-Length is over the cap is refused before any of it is read. The
// streaming forms have no cap.
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
		password: transport.NewSecret(password),
		baseURL:  cfg.baseURL,
		ua:       defaultUserAgent,
		logger:   cfg.logger,
		dryRun:   cfg.dryRun,
		maxBody:  cfg.maxBody,
	}
	if cfg.userAgent != "" {
		c.ua = cfg.userAgent + " " + defaultUserAgent
	}
	if cfg.limit > 0 {
		c.limiter = rate.NewLimiter(cfg.limit, cfg.burst)
	}
	c.tc = c.newTransport(cfg)
	req, err := http.NewRequest(http.MethodPost, c.baseURL, nil)
	if err != nil {
		return nil, errors.New("voipms: base URL: not a URL")
	}
	req.Header = http.Header{
		"Content-Type": {"application/x-www-form-urlencoded"},
		"Accept":       {"application/json"},
		"User-Agent":   {c.ua},
	}
	c.req, c.cloneHeader = req, c.tc.HTTP.Jar != nil
	c.formUser = url.QueryEscape(username)
	c.formPass = transport.NewSecret(url.QueryEscape(password))
	c.scrubber = newScrubber(password)
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
var errRedirect = transport.ErrRedirect

// newTransport builds the attempt loop over a copy of the caller's
// *http.Client (its Transport, Jar and Timeout are kept).
func (c *Client) newTransport(cfg config) *transport.Client {
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
	return tc
}

// CloseIdleConnections closes the idle connections of the client's HTTP
// transport. A service that builds a client per tenant calls it when it is
// done with one; the client stays usable (new connections are made).
func (c *Client) CloseIdleConnections() { c.tc.CloseIdleConnections() }

// String, GoString and Format keep the API password out of every print of a
// Client.
func (c Client) String() string {
	return fmt.Sprintf("voipms.Client{user: %q, password: %s, baseURL: %q, dryRun: %v}", c.username, transport.Redacted, c.baseURL, c.dryRun)
}

// GoString implements fmt.GoStringer.
func (c Client) GoString() string { return c.String() }

// Format implements fmt.Formatter for every verb.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue implements slog.LogValuer.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user", c.username), slog.String("password", transport.Redacted), slog.String("base_url", c.baseURL))
}

// dryRunForced reports whether the client was built WithDryRun.
func (c *Client) dryRunForced() bool { return c.dryRun }
