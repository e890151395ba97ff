package vicidial

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/didkit/voipms/internal/transport"
	"golang.org/x/time/rate"
)

// Version of this package's wire client; part of the default User-Agent.
const clientVersion = "0.2.0"

// Dialer360URL is the api.php address of a Dialer360 tenant; %s is the
// tenant name.
const Dialer360URL = "https://%s.dialer360.com/adminpanel/api.php"

const (
	defaultUserAgent    = "didkit-vicidial-go/" + clientVersion
	defaultTimeout      = 60 * time.Second
	defaultMaxAttempts  = 4
	defaultMinWait      = 250 * time.Millisecond
	defaultMaxWait      = 8 * time.Second
	defaultMaxBodyBytes = 64 << 20
)

// Client calls a VICIdial non-agent API (non_agent_api.php), such as
// Dialer360's /adminpanel/api.php. It is safe for concurrent use. Each area
// is a service on the client: c.Leads, c.Reports, c.DIDs, ...
type Client struct {
	baseURL string
	user    string
	pass    transport.Secret // prints [REDACTED]; a copied Client shows only an address
	source  string
	logger  *slog.Logger
	tr      sender

	ver *versionCache

	// System: version, server_refresh, check_phone_number, sounds, music on
	// hold and voicemail lists.
	System *SystemService
	// Leads: add_lead, update_lead, lead_field_info.
	Leads *LeadsService
	// Reports: exports and real-time status (recording_lookup,
	// agent_stats_export, phone_number_log, user_group_status,
	// in_group_status, agent_status, logged_in_agents, agent_ingroup_info).
	Reports *ReportsService
	// Calls: callid_info, update_log_entry, blind_monitor.
	Calls *CallsService
	// Users: add_user, update_user.
	Users *UsersService
	// Phones: add_phone, update_phone, add_phone_alias, update_phone_alias.
	Phones *PhonesService
	// Lists: add_list, update_list.
	Lists *ListsService
	// Campaigns: update_campaign.
	Campaigns *CampaignsService
	// GroupAliases: add_group_alias.
	GroupAliases *GroupAliasesService
	// DIDs: did_log_export, and add_did, update_did, copy_did on newer builds.
	DIDs *DIDsService
}

type service struct{ c *Client }

type (
	// SystemService groups the system functions. See Client.System.
	SystemService service
	// LeadsService groups the lead functions. See Client.Leads.
	LeadsService service
	// ReportsService groups the exports and status reads. See Client.Reports.
	ReportsService service
	// CallsService groups the call functions. See Client.Calls.
	CallsService service
	// UsersService groups the user functions. See Client.Users.
	UsersService service
	// PhonesService groups the phone functions. See Client.Phones.
	PhonesService service
	// ListsService groups the list functions. See Client.Lists.
	ListsService service
	// CampaignsService groups the campaign functions. See Client.Campaigns.
	CampaignsService service
	// GroupAliasesService groups the group alias functions. See
	// Client.GroupAliases.
	GroupAliasesService service
	// DIDsService groups the DID functions. See Client.DIDs.
	DIDsService service
)

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
	maxBody     int64
	limit       rate.Limit
	burst       int
	build       string
}

// WithHTTPClient sends requests through a copy of hc (its Transport, Jar and
// Timeout are kept; redirects are always refused, since a redirected POST
// would carry the password elsewhere or lose it).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("vicidial: WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithBaseURL replaces the api.php address given to New (a fake, a proxy).
func WithBaseURL(raw string) Option {
	return func(c *config) error {
		u, err := checkURL(raw)
		if err != nil {
			return fmt.Errorf("vicidial: WithBaseURL: %w", err)
		}
		c.baseURL = u
		return nil
	}
}

// WithUserAgent puts product in front of the default User-Agent.
func WithUserAgent(product string) Option {
	return func(c *config) error {
		if strings.ContainsAny(product, "\r\n") {
			return errors.New("vicidial: WithUserAgent: newline in user agent")
		}
		c.userAgent = product
		return nil
	}
}

// WithTimeout bounds each HTTP attempt (default 60s; exports of a busy day
// take a while). The caller's context bounds the whole call.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return errors.New("vicidial: WithTimeout: must be positive")
		}
		c.timeout = d
		return nil
	}
}

// WithRetry sets how many attempts a read makes in all (1 disables retries;
// default 4) and the bounds of the jittered exponential backoff between them
// (default 250ms to 8s). Writes are never sent twice.
func WithRetry(maxAttempts int, minWait, maxWait time.Duration) Option {
	return func(c *config) error {
		if maxAttempts < 1 || minWait < 0 || maxWait < minWait {
			return errors.New("vicidial: WithRetry: need maxAttempts >= 1 and 0 <= minWait <= maxWait")
		}
		c.maxAttempts, c.minWait, c.maxWait = maxAttempts, minWait, maxWait
		return nil
	}
}

// WithLogger sends the client's debug and warning records to l. Records
// carry the wire function, attempt, HTTP status and duration; never
// credentials, bodies or URLs with queries.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithRateLimit keeps the client under r requests per second with bursts of
// burst, waiting (within the caller's context) before each HTTP attempt.
func WithRateLimit(r float64, burst int) Option {
	return func(c *config) error {
		if r <= 0 || burst < 1 {
			return errors.New("vicidial: WithRateLimit: need r > 0 and burst >= 1")
		}
		c.limit, c.burst = rate.Limit(r), burst
		return nil
	}
}

// WithMaxResponseBytes caps how much of a body is read (default 64 MiB).
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return errors.New("vicidial: WithMaxResponseBytes: must be positive")
		}
		c.maxBody = n
		return nil
	}
}

// WithServerBuild tells the client the server's build (YYMMDD-HHMM) instead
// of asking version before the first call of a newer DID function.
func WithServerBuild(build string) Option {
	return func(c *config) error {
		if _, ok := buildNumber(build); !ok {
			return errors.New("vicidial: WithServerBuild: build must look like 170601-0747")
		}
		c.build = build
		return nil
	}
}

var (
	// credChars are the characters the server keeps in user and pass; it
	// strips every other one before the lookup, so a password holding any
	// other character can never log in.
	credChars   = regexp.MustCompile(`^[-_0-9a-zA-Z]+$`)
	sourceChars = regexp.MustCompile(`^[0-9a-zA-Z]+$`)
	tenantChars = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
)

// New returns a client for the non-agent API at baseURL, the full address of
// the script (https://HOST/vicidial/non_agent_api.php, or a Dialer360
// tenant's https://TENANT.dialer360.com/adminpanel/api.php: see
// NewDialer360). user and pass are an API user's login (user level 7 or
// more); source names the caller in the server's logs (2-20 letters and
// digits). The credentials are checked against the characters the server
// keeps (letters, digits, "-" and "_"), so a password that can never log in
// is refused here with a *ValidationError; nothing is sent.
func New(baseURL, user, pass, source string, opts ...Option) (*Client, error) {
	u, err := checkURL(baseURL)
	if err != nil {
		return nil, &ValidationError{Function: "New", Field: "baseURL", Reason: err.Error()}
	}
	switch {
	case user == "":
		return nil, &ValidationError{Function: "New", Field: "user", Reason: "empty"}
	case len(user) > 20 || !credChars.MatchString(user):
		return nil, &ValidationError{Function: "New", Field: "user",
			Reason: "must be 1-20 letters, digits, '-' or '_' (the server strips every other character)"}
	case pass == "":
		return nil, &ValidationError{Function: "New", Field: "pass", Reason: "empty"}
	case len(pass) > 100 || !credChars.MatchString(pass):
		return nil, &ValidationError{Function: "New", Field: "pass",
			Reason: "holds a character other than letters, digits, '-' and '_', which the server strips: this password can never log in"}
	case len(source) < 2 || len(source) > 20 || !sourceChars.MatchString(source):
		return nil, &ValidationError{Function: "New", Field: "source", Reason: "must be 2-20 letters or digits"}
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
	if cfg.logger == nil {
		cfg.logger = slog.New(discardHandler{})
	}
	ua := defaultUserAgent
	if cfg.userAgent != "" {
		ua = cfg.userAgent + " " + defaultUserAgent
	}
	c := &Client{
		baseURL: cfg.baseURL,
		user:    user,
		pass:    transport.NewSecret(pass),
		source:  source,
		logger:  cfg.logger,
	}
	c.tr = newHTTPSender(cfg, ua)
	c.ver = &versionCache{}
	if cfg.build != "" {
		c.ver.v = &Version{Build: cfg.build}
	}
	c.System = &SystemService{c: c}
	c.Leads = &LeadsService{c: c}
	c.Reports = &ReportsService{c: c}
	c.Calls = &CallsService{c: c}
	c.Users = &UsersService{c: c}
	c.Phones = &PhonesService{c: c}
	c.Lists = &ListsService{c: c}
	c.Campaigns = &CampaignsService{c: c}
	c.GroupAliases = &GroupAliasesService{c: c}
	c.DIDs = &DIDsService{c: c}
	return c, nil
}

// NewDialer360 returns a client for a Dialer360 tenant's API,
// https://TENANT.dialer360.com/adminpanel/api.php. tenant is the first label
// of the tenant's host name.
func NewDialer360(tenant, user, pass, source string, opts ...Option) (*Client, error) {
	if !tenantChars.MatchString(tenant) {
		return nil, &ValidationError{Function: "NewDialer360", Field: "tenant",
			Reason: "must be a lower-case host label (letters, digits, '-')"}
	}
	return New(fmt.Sprintf(Dialer360URL, tenant), user, pass, source, opts...)
}

// URL returns the api.php address the client calls.
func (c *Client) URL() string { return c.baseURL }

// CloseIdleConnections closes the idle connections of the client's
// transport.
func (c *Client) CloseIdleConnections() { c.tr.closeIdle() }

func checkURL(raw string) (string, error) {
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
	return u.String(), nil
}

// versionCache holds the last version answer (behind a pointer, so a
// Client value can be printed and compared without copying a lock).
type versionCache struct {
	mu sync.Mutex
	v  *Version
}

func (c *Client) cachedVersion() (Version, bool) {
	c.ver.mu.Lock()
	defer c.ver.mu.Unlock()
	if c.ver.v == nil {
		return Version{}, false
	}
	return *c.ver.v, true
}

func (c *Client) setVersion(v Version) {
	c.ver.mu.Lock()
	defer c.ver.mu.Unlock()
	c.ver.v = &v
}

// String and GoString keep credentials out of prints of the client.
func (c *Client) String() string { return "vicidial.Client{" + c.baseURL + " user=" + c.user + "}" }

// GoString implements fmt.GoStringer.
func (c *Client) GoString() string { return c.String() }

// Format prints the client as String under every verb.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue keeps the client's credentials out of slog records.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

func newLimiter(cfg config) *rate.Limiter { return rate.NewLimiter(cfg.limit, cfg.burst) }

type discardHandler struct{}

func (discardHandler) Enabled(context.Context, slog.Level) bool  { return false }
func (discardHandler) Handle(context.Context, slog.Record) error { return nil }
func (d discardHandler) WithAttrs([]slog.Attr) slog.Handler      { return d }
func (d discardHandler) WithGroup(string) slog.Handler           { return d }
