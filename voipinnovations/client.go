package voipinnovations

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

// Endpoints of the API (reference §3.2).
const (
	ProductionURL = "https://backoffice.voipinnovations.com/Services/APIService.asmx"
	SandboxURL    = "http://dev.voipinnovations.com/VOIP/Services/APIService.asmx"
)

// Version of this package, sent in the User-Agent.
const Version = "0.2.0"

const (
	defaultUserAgent    = "didkit-voipinnovations/" + Version
	defaultTimeout      = 30 * time.Second
	defaultMaxAttempts  = 4
	defaultMinWait      = 250 * time.Millisecond
	defaultMaxWait      = 8 * time.Second
	defaultMaxBodyBytes = 64 << 20
)

// Client calls the VoIP Innovations API 3.0 for one API user. It is safe
// for concurrent use. The services group the operations of the WSDL.
type Client struct {
	DIDs     *DIDService     // numbers: search, count, reserve, assign, configure, release, query, audit
	Ports    *PortService    // portability and port orders
	E911     *E911Service    // 911 records, locations and alerts
	Intl     *IntlService    // international numbers
	CNAM     *CNAMService    // outbound caller name
	Fax      *FaxService     // fax to e-mail
	Features *FeatureService // forward, failover, DID groups, conference line
	Account  *AccountService // prepaid balance

	login    transport.Secret
	secret   transport.Secret
	baseURL  string
	ua       string
	logger   *slog.Logger
	dryRun   bool
	limiter  *rate.Limiter
	ex       exchanger
	scrubber *transport.Scrubber

	common service
}

type service struct{ c *Client }

// Option configures a Client.
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

// WithHTTPClient sends requests through a copy of hc (its Transport, Jar
// and Timeout are kept; redirects are always refused: a redirected POST
// would carry the credentials elsewhere or lose them).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("voipinnovations: WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithBaseURL points the client at another endpoint: the full URL of
// APIService.asmx (a fake, a proxy). It must be an absolute http(s) URL
// without credentials, query or fragment.
func WithBaseURL(raw string) Option {
	return func(c *config) error {
		u, err := url.Parse(raw)
		switch {
		case err != nil:
			return errors.New("voipinnovations: WithBaseURL: not a URL")
		case u.Scheme != "https" && u.Scheme != "http":
			return errors.New("voipinnovations: WithBaseURL: scheme must be http or https")
		case u.Host == "":
			return errors.New("voipinnovations: WithBaseURL: missing host")
		case u.User != nil || u.RawQuery != "" || u.Fragment != "":
			return errors.New("voipinnovations: WithBaseURL: no credentials, query or fragment allowed")
		}
		c.baseURL = u.String()
		return nil
	}
}

// WithSandbox uses the sandbox endpoint (SandboxURL, plain HTTP, the ten
// seed operations only).
func WithSandbox() Option {
	return func(c *config) error {
		c.baseURL = SandboxURL
		return nil
	}
}

// WithUserAgent puts product in front of the default User-Agent.
func WithUserAgent(product string) Option {
	return func(c *config) error {
		if strings.ContainsAny(product, "\r\n") {
			return errors.New("voipinnovations: WithUserAgent: newline in user agent")
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
			return errors.New("voipinnovations: WithTimeout: must be positive")
		}
		c.timeout = d
		return nil
	}
}

// WithRetry sets how many attempts a read makes in all (1 disables
// retries; default 4) and the bounds of the jittered exponential backoff
// (default 250ms to 8s). Writes are never resent once they may have been
// sent.
func WithRetry(maxAttempts int, minWait, maxWait time.Duration) Option {
	return func(c *config) error {
		if maxAttempts < 1 || minWait < 0 || maxWait < minWait {
			return errors.New("voipinnovations: WithRetry: need maxAttempts >= 1 and 0 <= minWait <= maxWait")
		}
		c.maxAttempts, c.minWait, c.maxWait = maxAttempts, minWait, maxWait
		return nil
	}
}

// WithLogger sends the client's records to l: operation, attempt, HTTP
// status, responseCode or error kind, whether the outcome is unknown —
// never credentials or bodies.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithDryRun makes a client that refuses every state-changing operation
// (reserve, assign, configure, release, and the other writes) with
// ErrDryRunRefused before any I/O; the API has no dry-run mode of its own.
// Reads work as usual.
func WithDryRun() Option {
	return func(c *config) error {
		c.dryRun = true
		return nil
	}
}

// WithMaxResponseBytes caps how much of a response body is read (default
// 64 MiB).
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return errors.New("voipinnovations: WithMaxResponseBytes: must be positive")
		}
		c.maxBody = n
		return nil
	}
}

// WithRateLimit keeps the client under r requests per second with bursts
// of burst, waiting (within the caller's context) before each attempt.
func WithRateLimit(r rate.Limit, burst int) Option {
	return func(c *config) error {
		if r <= 0 || burst < 1 {
			return errors.New("voipinnovations: WithRateLimit: need a positive rate and burst >= 1")
		}
		c.limit, c.burst = r, burst
		return nil
	}
}

// New returns a client for an API user (Back Office → Add-Ons → API Users;
// the calling IP must be on that user's list). New does no I/O.
func New(login, secretValue string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(login) == "" {
		return nil, &ValidationError{Op: "New", Field: "login", Wire: "login", Reason: "is empty"}
	}
	if secretValue == "" {
		return nil, &ValidationError{Op: "New", Field: "secret", Wire: "secret", Reason: "is empty"}
	}
	cfg := config{
		baseURL:     ProductionURL,
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
		login:   transport.NewSecret(login),
		secret:  transport.NewSecret(secretValue),
		baseURL: cfg.baseURL,
		ua:      defaultUserAgent,
		logger:  cfg.logger,
		dryRun:  cfg.dryRun,
	}
	if cfg.userAgent != "" {
		c.ua = cfg.userAgent + " " + defaultUserAgent
	}
	if cfg.limit > 0 {
		c.limiter = rate.NewLimiter(cfg.limit, cfg.burst)
	}
	c.ex = c.newExchanger(cfg)
	c.scrubber = newScrubber(login, secretValue)
	c.common.c = c
	c.initServices()
	return c, nil
}

// String, GoString and Format keep the credentials out of every print of a
// Client.
func (c Client) String() string {
	return fmt.Sprintf("voipinnovations.Client{login: %s, secret: %s, baseURL: %q, dryRun: %v}", transport.Redacted, transport.Redacted, c.baseURL, c.dryRun)
}

// GoString implements fmt.GoStringer.
func (c Client) GoString() string { return c.String() }

// Format prints String for every verb.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue implements slog.LogValuer.
func (c Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// NewFromEnv is New with the login and secret from VI_API_LOGIN and
// VI_API_SECRET, and the endpoint from VI_API_URL when it is set (the
// variables cmd/voipinnovations-sim prints). opts come after, so they win.
func NewFromEnv(opts ...Option) (*Client, error) {
	var base []Option
	if u := os.Getenv("VI_API_URL"); u != "" {
		base = append(base, WithBaseURL(u))
	}
	return New(os.Getenv("VI_API_LOGIN"), os.Getenv("VI_API_SECRET"), append(base, opts...)...)
}
