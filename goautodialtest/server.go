package goautodialtest

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/internal/fakefault"
)

// Default API user of the fake: user level 9, group ADMIN.
const (
	DefaultUser  = "goapi"
	DefaultPass  = "Gopass2026"
	DefaultGroup = "ADMIN"
)

// Option configures a Server.
type Option func(*config)

type config struct {
	legacy        bool
	basePath      string
	users         []User
	groups        []string
	latency       time.Duration
	displayErrors bool
	tenants       []string
}

// WithLegacy switches to the 2016-2018 behaviour: base /goAPI,
// goGetDIDsList instead of goGetAllDID (which answers "Command Not
// Found"), a plaintext password good for every action, list default limit
// 20 ordered by pattern and filtered by user_group (ADMIN means all), an
// empty body for an empty list, and every value, did_id included, a
// string.
func WithLegacy() Option { return func(c *config) { c.legacy = true } }

// WithBasePath serves the API under another base path (default /goAPIv2,
// /goAPI with WithLegacy).
func WithBasePath(p string) Option {
	return func(c *config) { c.basePath = "/" + strings.Trim(p, "/") }
}

// WithUser adds (or replaces, by name) a user.
func WithUser(u User) Option { return func(c *config) { c.users = append(c.users, u) } }

// WithUserGroups adds user groups goAddDID accepts (ADMIN, AGENTS and
// SUPERVISOR exist by default).
func WithUserGroups(groups ...string) Option {
	return func(c *config) { c.groups = append(c.groups, groups...) }
}

// WithTenant makes group a tenant (go_multi_tenant): it is added to the
// user groups, and its users add DIDs only to their own group and read,
// edit and delete only their group's DIDs (reads also see ---ALL---).
// Another group's DID is "Error: DID doesn't exist." to them.
func WithTenant(group string) Option {
	return func(c *config) { c.tenants = append(c.tenants, group); c.groups = append(c.groups, group) }
}

// WithLatency delays every response by d.
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// WithDisplayErrors prints PHP notices before the JSON where the server
// code reads undefined variables (an empty list on current servers), as
// with display_errors on.
func WithDisplayErrors() Option { return func(c *config) { c.displayErrors = true } }

// Request is one request the fake received.
type Request struct {
	Method string
	// Action is goAction as read.
	Action string
	// Query is the raw URL query (credentials belong in the body).
	Query string
	// ContentType is the request's Content-Type.
	ContentType string
	// Form holds the POST fields (and the query's, where POST has none).
	Form url.Values
}

// Server is a fake GoAutoDial goAPI (the DID actions) on a loopback
// address. Its methods are safe for concurrent use.
type Server struct {
	cfg  config
	ln   net.Listener
	hs   *http.Server
	host string

	mu       sync.Mutex
	st       *state
	calls    map[string]int
	executed map[string]int
	requests []Request
	faults   fakefault.Rules[Fault]
}

// NewServer starts a fake on 127.0.0.1 at a free port and panics if it
// cannot listen, like httptest.NewServer. Close it when done.
func NewServer(opts ...Option) *Server {
	s, err := NewServerAt("127.0.0.1:0", opts...)
	if err != nil {
		panic(fmt.Sprintf("goautodialtest: %v", err))
	}
	return s
}

// NewServerAt starts a fake listening on addr ("" means 127.0.0.1:0).
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
	mux.HandleFunc(s.cfg.basePath+goautodial.ScriptPath, s.serveHTTP)
	s.ln = ln
	s.hs = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	s.host = "http://" + ln.Addr().String()
	go func() { _ = s.hs.Serve(ln) }()
	return s, nil
}

func newServer(opts ...Option) *Server {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.basePath == "" {
		cfg.basePath = goautodial.BasePathV2
		if cfg.legacy {
			cfg.basePath = goautodial.BasePathLegacy
		}
	}
	s := &Server{cfg: cfg, st: newState(), calls: map[string]int{}, executed: map[string]int{}}
	for _, g := range append([]string{"ADMIN", "AGENTS", "SUPERVISOR"}, cfg.groups...) {
		s.st.groups[g] = true
	}
	for _, g := range cfg.tenants {
		s.st.tenants[g] = true
	}
	users := append([]User{{User: DefaultUser, Pass: DefaultPass, Level: 9, Group: DefaultGroup}}, cfg.users...)
	for _, u := range users {
		u := u
		if u.PassHash == "" {
			u.PassHash = PassHashFor(u.User, u.Pass)
		}
		if u.Group == "" {
			u.Group = DefaultGroup
		}
		s.st.users[u.User] = &u
	}
	return s
}

// URL is the API base, http://127.0.0.1:PORT/goAPIv2 (…/goAPI with
// WithLegacy): what goautodial.New takes.
func (s *Server) URL() string { return s.host + s.cfg.basePath }

// ScriptURL is the dispatcher's address, URL() + "/goInbound/goAPI.php".
func (s *Server) ScriptURL() string { return s.URL() + goautodial.ScriptPath }

// User is the default API user.
func (s *Server) User() string { return DefaultUser }

// Pass is the default user's pass hash (the credential to use).
func (s *Server) Pass() string { return s.PassHash(DefaultUser) }

// PlainPass is the default user's plaintext password.
func (s *Server) PlainPass() string { return DefaultPass }

// SessionUser is the session_user to send (the default user).
func (s *Server) SessionUser() string { return DefaultUser }

// PassHash returns a user's pass hash, or "".
func (s *Server) PassHash(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u, ok := s.st.users[user]; ok {
		return u.PassHash
	}
	return ""
}

// Legacy reports whether the fake behaves like the 2016-2018 code.
func (s *Server) Legacy() bool { return s.cfg.legacy }

// Client returns a client for this fake with the default user and its
// pass hash.
func (s *Server) Client(opts ...goautodial.Option) (*goautodial.Client, error) {
	return goautodial.New(s.URL(), DefaultUser, s.Pass(), opts...)
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

// Calls reports how many requests named action (faulted and refused ones
// included).
func (s *Server) Calls(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[action]
}

// Executed reports how many times action changed state (also when a
// fault then lost the answer).
func (s *Server) Executed(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.executed[action]
}

// Requests returns every request received, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// AddDID inserts a row (columns not given take the table's defaults) and
// returns its did_id.
func (s *Server) AddDID(r DIDRow) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.insert(r).ID()
}

// DID returns a copy of the row with did_id id.
func (s *Server) DID(id int64) (DIDRow, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.dids[id]
	if !ok {
		return nil, false
	}
	return r.clone(), true
}

// DIDByPattern returns a copy of the row with did_pattern p.
func (s *Server) DIDByPattern(p string) (DIDRow, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.byPattern(p)
	if !ok {
		return nil, false
	}
	return r.clone(), true
}

// DIDs returns copies of every row, by did_id.
func (s *Server) DIDs() []DIDRow {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []DIDRow
	for _, id := range s.st.ids() {
		out = append(out, s.st.dids[id].clone())
	}
	return out
}

// credStrip is what the dispatcher removes from goUser and goPass.
var credStrip = strings.NewReplacer("'", "", `"`, "", `\`, "", ";", "", " ", "")

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		_ = r.ParseForm()
	}
	q := r.URL.Query()
	post := r.PostForm
	// goAction, goUser and goPass: $_GET first, then $_POST; every other
	// field through $_REQUEST, where POST wins.
	dispatch := func(name string) string {
		if v, ok := q[name]; ok && len(v) > 0 {
			return v[0]
		}
		return post.Get(name)
	}
	req := func(name string) string {
		if v, ok := post[name]; ok && len(v) > 0 {
			return v[0]
		}
		return q.Get(name)
	}
	action := dispatch("goAction")
	form := url.Values{}
	for k, v := range q {
		form[k] = v
	}
	for k, v := range post {
		form[k] = v
	}

	s.mu.Lock()
	s.calls[action]++
	s.requests = append(s.requests, Request{Method: r.Method, Action: action, Query: r.URL.RawQuery,
		ContentType: r.Header.Get("Content-Type"), Form: form})
	fault := s.pickFault(action)
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
	case FaultRateLimit:
		w.Header().Set("Retry-After", "0")
		fakefault.WriteHTML(w, http.StatusTooManyRequests, "iso-8859-1", "<html><body>Too Many Requests</body></html>\n")
		return
	case FaultResetBefore:
		fakefault.CloseConn(w)
		return
	}

	c := &call{s: s, action: action, get: req, user: credStrip.Replace(dispatch("goUser")), pass: credStrip.Replace(dispatch("goPass"))}
	s.mu.Lock()
	res, executed := s.execute(c)
	if executed {
		s.executed[action]++
	}
	s.mu.Unlock()

	body := res.render(req("responsetype"), s.cfg.legacy)
	switch fault.Kind {
	case FaultConnReset:
		fakefault.CloseConn(w)
		return
	case FaultEmptyBody:
		body = ""
	case FaultTruncated:
		body = body[:len(body)/2]
	case FaultNotice:
		body = notice(action, "apiresults") + body
	}
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.WriteHeader(http.StatusOK) // the server never sets another status
	_, _ = io.WriteString(w, body)
}

func notice(action, variable string) string {
	return "<br />\n<b>Notice</b>:  Undefined variable: " + variable + " in <b>/var/www/html/goAPIv2/goInbound/" + action +
		".php</b> on line <b>77</b><br />\n"
}
