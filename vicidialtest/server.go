package vicidialtest

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/didkit/voipms/internal/fakefault"
	"github.com/didkit/voipms/vicidial"
)

// APIPath is the path of Dialer360's script; AliasPath the path of the same
// script on a VICIdial server. The fake answers on both.
const (
	APIPath   = "/adminpanel/api.php"
	AliasPath = "/vicidial/non_agent_api.php"
)

// Version profiles. The default is the build of the 2017-06-01 document.
const (
	// BuildDocumented is API 2.14-96, build 170601-0747: no DID functions
	// but did_log_export.
	BuildDocumented = "170601-0747"
	// BuildNew is a 2025 build (API 2.14-202) with update_did, its
	// delete_did option, add_did (and menu_id) and copy_did.
	BuildNew = "250718-1200"
)

// Default credentials of the fake's API user (level 9, every permission).
const (
	DefaultUser   = "apiadmin"
	DefaultPass   = "ApiPass-2017"
	DefaultSource = "didkit"
)

// Option configures a Server.
type Option func(*config)

type config struct {
	build      string
	apiVersion string
	now        func() time.Time
	users      []User
	allowIPs   []string
	latency    time.Duration
	seed       int64
	soundCtl   bool
}

// WithBuild sets the version profile: the build (YYMMDD-HHMM) and API
// version the version function reports, and so which functions exist.
// An apiVersion of "" is derived from the build.
func WithBuild(build, apiVersion string) Option {
	return func(c *config) { c.build, c.apiVersion = build, apiVersion }
}

// WithNewBuild switches to BuildNew, which has the DID functions.
func WithNewBuild() Option { return WithBuild(BuildNew, "2.14-202") }

// WithClock replaces the server clock (time.Now). It drives the lockout
// window, DST and dialability, the version answer and the seeded call logs,
// which cover the three days up to the clock's date.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithUser adds (or replaces, by name) a user.
func WithUser(u User) Option { return func(c *config) { c.users = append(c.users, u) } }

// WithIPAllowList makes logins from other addresses fail with the IPBLOCK
// line. Without it every address is allowed.
func WithIPAllowList(ips ...string) Option {
	return func(c *config) { c.allowIPs = append([]string{}, ips...) }
}

// WithLatency delays every response by d.
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// WithSeed changes the seeded call logs (default 1).
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithoutCentralSoundControl makes sounds_list, moh_list and vm_list answer
// CENTRAL SOUND CONTROL IS NOT ACTIVE.
func WithoutCentralSoundControl() Option { return func(c *config) { c.soundCtl = false } }

// User is an API user of the fake (a vicidial_users row).
type User struct {
	User  string
	Pass  string
	Level int
	Group string
	// Inactive users cannot log in.
	Inactive bool
	// NoAPIAccess clears vdc_agent_api_access.
	NoAPIAccess bool
	// AllowedFunctions is api_allowed_functions; nil means ALL_FUNCTIONS.
	AllowedFunctions []string
	// The per-function permission flags.
	ViewReports, ModifyLeads, ModifyUsers, AstAdminAccess, ModifyLists, ModifyCampaigns, ModifyDIDs, DeleteUsers bool
	// FullName is shown in exports.
	FullName string
}

// AllPermissions returns u with every permission flag set.
func (u User) AllPermissions() User {
	u.ViewReports, u.ModifyLeads, u.ModifyUsers, u.AstAdminAccess = true, true, true, true
	u.ModifyLists, u.ModifyCampaigns, u.ModifyDIDs, u.DeleteUsers = true, true, true, true
	return u
}

// Request is one request the fake received.
type Request struct {
	// Method is GET or POST.
	Method string
	// Function is the function field as sent.
	Function string
	// Query is the raw URL query (credentials belong in the body).
	Query string
	// Form is every field, from the query or the body.
	Form url.Values
}

// Server is a fake VICIdial non-agent API on a loopback address. Its methods
// are safe for concurrent use.
type Server struct {
	cfg  config
	ln   net.Listener
	hs   *http.Server
	base string

	mu       sync.Mutex
	st       *state
	calls    map[string]int
	executed map[string]int
	requests []Request
	faults   fakefault.Rules[Fault]
}

// NewServer starts a fake on 127.0.0.1 on a free port and panics if it
// cannot listen, like httptest.NewServer. Close it when done.
func NewServer(opts ...Option) *Server {
	s, err := NewServerAt("127.0.0.1:0", opts...)
	if err != nil {
		panic(fmt.Sprintf("vicidialtest: %v", err))
	}
	return s
}

// NewServerAt starts a fake listening on addr ("host:port"; "" means
// 127.0.0.1:0).
func NewServerAt(addr string, opts ...Option) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	s := newServer(opts...)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc(APIPath, s.serveHTTP)
	mux.HandleFunc(AliasPath, s.serveHTTP)
	s.ln = ln
	s.hs = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	s.base = "http://" + ln.Addr().String()
	go func() { _ = s.hs.Serve(ln) }()
	return s, nil
}

func newServer(opts ...Option) *Server {
	cfg := config{build: BuildDocumented, now: time.Now, seed: 1, soundCtl: true}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.apiVersion == "" {
		cfg.apiVersion = "2.14-96"
		if cfg.build >= "180331" {
			cfg.apiVersion = "2.14-108"
		}
		if cfg.build >= "210209" {
			cfg.apiVersion = "2.14-137"
		}
	}
	s := &Server{cfg: cfg, calls: map[string]int{}, executed: map[string]int{}}
	s.st = newState(cfg.seed, cfg.now())
	for _, u := range cfg.users {
		u := u
		s.st.users[u.User] = &userRec{User: u}
	}
	return s
}

// URL is the full address of the script, http://127.0.0.1:PORT/adminpanel/api.php.
func (s *Server) URL() string { return s.base + APIPath }

// VICIdialURL is the same fake at /vicidial/non_agent_api.php.
func (s *Server) VICIdialURL() string { return s.base + AliasPath }

// User, Pass and Source are the default API user's credentials.
func (s *Server) User() string   { return DefaultUser }
func (s *Server) Pass() string   { return DefaultPass }
func (s *Server) Source() string { return DefaultSource }

// Build is the build the fake reports.
func (s *Server) Build() string { return s.cfg.build }

// Client returns a client for this fake with the default credentials.
func (s *Server) Client(opts ...vicidial.Option) (*vicidial.Client, error) {
	return vicidial.New(s.URL(), DefaultUser, DefaultPass, DefaultSource, opts...)
}

// Handler returns the fake's handler, answering on any path.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// Close stops the listener and closes every connection.
func (s *Server) Close() {
	if s.hs == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.hs.Shutdown(ctx); err != nil {
		_ = s.hs.Close()
	}
}

// Calls reports how many requests named function (faulted and rejected
// ones included).
func (s *Server) Calls(function string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[function]
}

// Executed reports how many times function really changed state (a
// SUCCESS answer, also when a fault then lost the answer).
func (s *Server) Executed(function string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.executed[function]
}

// Requests returns every request received, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// field reads a variable as the server does: from the query string first,
// then from the POST body.
func field(r *http.Request, post url.Values, name string) string {
	if v, ok := r.URL.Query()[name]; ok && len(v) > 0 {
		return v[0]
	}
	return post.Get(name)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	post := r.PostForm
	all := url.Values{}
	for k, v := range post {
		all[k] = v
	}
	for k, v := range r.URL.Query() {
		all[k] = v
	}
	get := func(name string) string { return field(r, post, name) }
	fn := strip(get("function"), reFunction)

	s.mu.Lock()
	s.calls[fn]++
	s.requests = append(s.requests, Request{Method: r.Method, Function: get("function"), Query: r.URL.RawQuery, Form: all})
	fault := s.pickFault(fn)
	s.mu.Unlock()

	delay := s.cfg.latency + fault.Delay
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	switch fault.Kind {
	case FaultHTML500:
		fakefault.WriteHTML(w, http.StatusInternalServerError, "iso-8859-1", fakefault.ApacheHTML500)
		return
	case FaultHTML503:
		fakefault.WriteHTML(w, http.StatusServiceUnavailable, "iso-8859-1", fakefault.ApacheHTML503)
		return
	case FaultResetBefore:
		fakefault.CloseConn(w)
		return
	}

	ip, _, _ := net.SplitHostPort(r.RemoteAddr)
	s.mu.Lock()
	body, executed := s.execute(fn, get, ip)
	if executed {
		s.executed[fn]++
	}
	s.mu.Unlock()

	switch fault.Kind {
	case FaultConnReset:
		fakefault.CloseConn(w)
		return
	case FaultEmptyBody:
		body = ""
	case FaultTruncated:
		body = body[:len(body)/2]
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, body)
}

var (
	reFunction = regexp.MustCompile(`[^-_0-9a-zA-Z]`)
	reCred     = regexp.MustCompile(`[^-_0-9a-zA-Z]`)
	reSource   = regexp.MustCompile(`[^0-9a-zA-Z]`)
	reDigits   = regexp.MustCompile(`[^0-9]`)
	rePhone    = regexp.MustCompile(`[^,0-9]`)
	reID       = regexp.MustCompile(`[^-_0-9a-zA-Z]`)
	reIP       = regexp.MustCompile(`[^.0-9]`)
	reAlpha    = regexp.MustCompile(`[^a-zA-Z]`)
	reName     = regexp.MustCompile(`[^- '+_.0-9a-zA-Z]`)
	reText     = regexp.MustCompile(`[^- '+_.,:/@#()!?0-9a-zA-Z]`)
	reDID      = regexp.MustCompile(`[^+0-9]`)
	reDate     = regexp.MustCompile(`[^-0-9]`)
	reDatetime = regexp.MustCompile(`[^- :0-9]`)
	reAlnumDot = regexp.MustCompile(`[^.0-9a-zA-Z]`)
)

// strip removes what re matches, as the server silently does to its
// inputs.
func strip(v string, re *regexp.Regexp) string { return re.ReplaceAllString(v, "") }

// execute runs one request under s.mu and returns the body and whether it
// changed state.
func (s *Server) execute(fn string, get func(string) string, ip string) (string, bool) {
	now := s.cfg.now()
	if fn == "version" {
		return s.versionLine(now), false
	}
	h, known := handlers[fn]
	if known && h.minBuild != "" && s.cfg.build < h.minBuild {
		known = false
	}
	source := strip(get("source"), reSource)
	if len(source) < 2 {
		return "ERROR: Invalid Source - " + source + "\nERROR: Invalid Source: |" + source + "|\n", false
	}
	user := strip(get("user"), reCred)
	pass := strip(get("pass"), reCred)
	u, msg := s.st.login(user, pass, now)
	if u == nil {
		return msg, false
	}
	if len(s.cfg.allowIPs) > 0 && !contains(s.cfg.allowIPs, ip) {
		return fmt.Sprintf("ERROR: Your IP Address is not allowed: %s: |%s|IPBLOCK|\n", ip, user), false
	}
	if !known {
		return "ERROR: NO FUNCTION SPECIFIED\n", false
	}
	if u.NoAPIAccess || (u.AllowedFunctions != nil && !contains(u.AllowedFunctions, fn) && !contains(u.AllowedFunctions, "ALL_FUNCTIONS")) {
		return fmt.Sprintf("ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION: |%s|%s|\n", user, fn), false
	}
	c := &call{s: s, st: s.st, fn: fn, get: get, u: u, now: now}
	if h.level > 0 && u.Level < h.level || h.perm != nil && !h.perm(&u.User) {
		return fmt.Sprintf("ERROR: %s USER DOES NOT HAVE PERMISSION TO %s: |%s|%d|\n", fn, h.permText, user, 0), false
	}
	out := h.run(c)
	return out.String(), out.executed
}

func (s *Server) versionLine(now time.Time) string {
	dst, off := 0, -5*3600
	if usDST(now, -5) {
		dst, off = 1, -4*3600
	}
	return fmt.Sprintf("VERSION: %s|BUILD: %s|DATE: %s|EPOCH: %d|DST: %d|TZ: -5|TZNOW: %s|\n",
		s.cfg.apiVersion, s.cfg.build, wall(now).Format(time.DateTime), now.Unix(), dst, hours(off))
}

func hours(sec int) string {
	h := float64(sec) / 3600
	if h == float64(int(h)) {
		return fmt.Sprintf("%d", int(h))
	}
	return fmt.Sprintf("%.2f", h)
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// out is a handler's answer being built.
type out struct {
	b        strings.Builder
	executed bool
}

func (o *out) line(format string, a ...any) *out {
	fmt.Fprintf(&o.b, format, a...)
	o.b.WriteByte('\n')
	return o
}

func (o *out) String() string { return o.b.String() }

func lineOut(format string, a ...any) *out { return new(out).line(format, a...) }
