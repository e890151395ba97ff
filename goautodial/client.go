package goautodial

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/didkit/voipms/internal/transport"
)

// Version of this package, sent in the User-Agent.
const Version = "0.2.0"

// Base paths of the API: /goAPIv2 on current installs, /goAPI on the
// 2016-2018 ("v4 RC") layout.
const (
	BasePathV2     = "/goAPIv2"
	BasePathLegacy = "/goAPI"
)

// ScriptPath is the dispatcher under the base: {base}/goInbound/goAPI.php.
const ScriptPath = "/goInbound/goAPI.php"

const (
	defaultUserAgent    = "didkit-goautodial/" + Version
	defaultTimeout      = 30 * time.Second
	defaultMaxAttempts  = 4
	defaultMinWait      = 250 * time.Millisecond
	defaultMaxWait      = 8 * time.Second
	defaultMaxBodyBytes = 64 << 20
)

// Client calls the DID (inbound number) actions of a GoAutoDial goAPI. It
// is safe for concurrent use.
type Client struct {
	// DIDs: goAddDID, goEditDID, goDeleteDID, goGetAllDID (goGetDIDsList on
	// older servers), goGetDIDInfo, goCheckDID, and Register.
	DIDs *DIDService

	base        string // the API base (…/goAPIv2)
	endpoint    string // base + ScriptPath
	user        string
	pass        transport.Secret
	sessionUser string
	ua          string
	logger      *slog.Logger
	tc          *transport.Client
	scrubber    *transport.Scrubber

	// listAction is the list action that works on this server: 0 not yet
	// known, 1 goGetAllDID, 2 goGetDIDsList.
	listAction *atomic.Int32
}

// DIDService groups the DID actions. See Client.DIDs.
type DIDService struct{ c *Client }

// Option configures a Client in New.
type Option func(*config) error

type config struct {
	httpClient  *http.Client
	baseURL     string
	userAgent   string
	sessionUser string
	timeout     time.Duration
	maxAttempts int
	minWait     time.Duration
	maxWait     time.Duration
	logger      *slog.Logger
	maxBody     int64
	limit       rate.Limit
	burst       int
	legacyList  bool
}

// WithHTTPClient sends requests through a copy of hc (its Transport, Jar
// and Timeout are kept; redirects are always refused: a redirected POST
// would carry the pass hash elsewhere or lose it).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("goautodial: WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithBaseURL replaces the base given to New (a fake, a proxy): the API
// base such as https://HOST/goAPIv2, under which the client calls
// goInbound/goAPI.php.
func WithBaseURL(raw string) Option {
	return func(c *config) error {
		u, err := checkBase(raw)
		if err != nil {
			return fmt.Errorf("goautodial: WithBaseURL: %w", err)
		}
		c.baseURL = u
		return nil
	}
}

// WithSessionUser sets session_user, the user the server files the change
// under and filters tenants by (default: the API user). goEditDID,
// goGetAllDID and goGetDIDInfo refuse a call without it.
func WithSessionUser(user string) Option {
	return func(c *config) error {
		if phpEmpty(user) || strings.ContainsAny(user, "'\"\\; ") {
			return errors.New(`goautodial: WithSessionUser: need a user name without ' " \ ; or space`)
		}
		c.sessionUser = user
		return nil
	}
}

// WithLegacyList makes DIDs.List call goGetDIDsList (servers before
// 2018-05-05) from the start, instead of trying goGetAllDID first and
// falling back on "Command Not Found".
func WithLegacyList() Option {
	return func(c *config) error {
		c.legacyList = true
		return nil
	}
}

// WithUserAgent puts product in front of the default User-Agent.
func WithUserAgent(product string) Option {
	return func(c *config) error {
		if strings.ContainsAny(product, "\r\n") {
			return errors.New("goautodial: WithUserAgent: newline in user agent")
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
			return errors.New("goautodial: WithTimeout: must be positive")
		}
		c.timeout = d
		return nil
	}
}

// WithRetry sets how many attempts a read makes in all (1 disables
// retries; default 4) and the bounds of the jittered exponential backoff
// between them (default 250ms to 8s). Writes are never sent again once they
// may have reached the server.
func WithRetry(maxAttempts int, minWait, maxWait time.Duration) Option {
	return func(c *config) error {
		if maxAttempts < 1 || minWait < 0 || maxWait < minWait {
			return errors.New("goautodial: WithRetry: need maxAttempts >= 1 and 0 <= minWait <= maxWait")
		}
		c.maxAttempts, c.minWait, c.maxWait = maxAttempts, minWait, maxWait
		return nil
	}
}

// WithLogger sends the client's records to l: action, attempts, HTTP
// status, error category, whether the outcome is unknown — never
// credentials, bodies or URLs with queries.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithRateLimit keeps the client under r requests per second with bursts
// of burst, waiting (within the caller's context) before each attempt.
func WithRateLimit(r float64, burst int) Option {
	return func(c *config) error {
		if r <= 0 || burst < 1 {
			return errors.New("goautodial: WithRateLimit: need r > 0 and burst >= 1")
		}
		c.limit, c.burst = rate.Limit(r), burst
		return nil
	}
}

// WithMaxResponseBytes caps how much of a body is read (default 64 MiB).
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return errors.New("goautodial: WithMaxResponseBytes: must be positive")
		}
		c.maxBody = n
		return nil
	}
}

// New returns a client for the goAPI at baseURL, the API base
// (https://HOST/goAPIv2 on current installs, https://HOST/goAPI on
// 2016-2018 ones; a URL without a path gets /goAPIv2). user is an API user
// (vicidial_users, user level 8 or more for the list and info actions);
// passHash is that user's pass_hash column (or bin/pass_hasher.php's
// output): current servers compare it literally for goGetAllDID and
// goGetDIDInfo, so a plaintext password logs in but cannot list. A
// plaintext password still works for everything on servers without
// pass_hash_enabled and on the 2016-2018 code.
//
// The server strips ' " \ ; and space from both before the lookup, so a
// user or pass hash holding one of them could never log in: New refuses it
// with a *ValidationError. New does no I/O.
func New(baseURL, user, passHash string, opts ...Option) (*Client, error) {
	u, err := checkBase(baseURL)
	if err != nil {
		return nil, &ValidationError{Action: "New", Field: "baseURL", Reason: err.Error()}
	}
	switch {
	case phpEmpty(user):
		return nil, &ValidationError{Action: "New", Field: "user", Reason: "empty"}
	case strings.ContainsAny(user, "'\"\\; "):
		return nil, &ValidationError{Action: "New", Field: "user", Reason: `holds ' " \ ; or space, which the server strips: this user can never log in`}
	case phpEmpty(passHash):
		return nil, &ValidationError{Action: "New", Field: "passHash", Reason: "empty"}
	case strings.ContainsAny(passHash, "'\"\\; "):
		return nil, &ValidationError{Action: "New", Field: "passHash", Reason: `holds ' " \ ; or space, which the server strips: it can never log in`}
	}
	cfg := config{
		baseURL:     u,
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
		base:        cfg.baseURL,
		endpoint:    cfg.baseURL + ScriptPath,
		user:        user,
		pass:        transport.NewSecret(passHash),
		sessionUser: user,
		ua:          defaultUserAgent,
		logger:      cfg.logger,
		listAction:  new(atomic.Int32),
	}
	if cfg.sessionUser != "" {
		c.sessionUser = cfg.sessionUser
	}
	if cfg.userAgent != "" {
		c.ua = cfg.userAgent + " " + defaultUserAgent
	}
	if cfg.legacyList {
		c.listAction.Store(listLegacy)
	}
	c.tc = c.newTransport(cfg)
	c.scrubber = newScrubber(passHash)
	c.DIDs = &DIDService{c: c}
	return c, nil
}

// checkBase validates an API base and returns it without a trailing "/";
// an empty path becomes /goAPIv2. A base that already ends in the script
// path is cut back to the base.
func checkBase(raw string) (string, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", errors.New("not a URL")
	case u.Scheme != "https" && u.Scheme != "http":
		return "", errors.New("scheme must be http or https")
	case u.Host == "":
		return "", errors.New("missing host")
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return "", errors.New("no credentials, query or fragment allowed")
	}
	u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), ScriptPath)
	if u.Path == "" {
		u.Path = BasePathV2
	}
	u.RawPath = ""
	return u.String(), nil
}

// BaseURL returns the API base the client calls (…/goAPIv2).
func (c *Client) BaseURL() string { return c.base }

// CloseIdleConnections closes the idle connections of the client's HTTP
// transport; the client stays usable.
func (c *Client) CloseIdleConnections() { c.tc.CloseIdleConnections() }

// String, GoString, Format and LogValue keep the pass hash out of every
// print of a Client.
func (c Client) String() string {
	return "goautodial.Client{" + c.base + " user=" + c.user + " pass=" + transport.Redacted + "}"
}

// GoString implements fmt.GoStringer.
func (c Client) GoString() string { return c.String() }

// Format prints String under every verb.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue implements slog.LogValuer.
func (c Client) LogValue() slog.Value { return slog.StringValue(c.String()) }
