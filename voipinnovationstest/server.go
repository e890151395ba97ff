package voipinnovationstest

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/didkit/voipms/internal/fakefault"
	"github.com/didkit/voipms/internal/viwsdl"
	"github.com/didkit/voipms/voipinnovations"
)

const namespace = "http://tempuri.org/"

// Paths the fake serves (production and sandbox layouts).
const (
	Path        = "/Services/APIService.asmx"
	SandboxPath = "/VOIP/Services/APIService.asmx"
)

// Default credentials of the fake's main account.
const (
	DefaultLogin  = "didkit-api"
	DefaultSecret = "fake-secret-8f7c"
)

// Option configures a Server.
type Option func(*config)

type config struct {
	login, secret string
	epgs          []int64
	tollFree      bool
	seed          int64
	perCenter     int
	now           func() time.Time
	allowIPs      []string
	aging         time.Duration
	latency       time.Duration
}

// WithCredentials sets the main account's login and secret.
func WithCredentials(login, secret string) Option {
	return func(c *config) { c.login, c.secret = login, secret }
}

// WithEndpointGroups sets the main account's endpoint groups (default 8674
// and 8675).
func WithEndpointGroups(ids ...int64) Option {
	return func(c *config) { c.epgs = append([]int64(nil), ids...) }
}

// WithTollFree enables 800 origination on the main account (toll-free
// numbers can then be reserved and assigned).
func WithTollFree() Option { return func(c *config) { c.tollFree = true } }

// WithSeed picks the inventory: the same seed gives the same numbers.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithNumbersPerRateCenter sets the inventory size (default 25 numbers in
// each of the 8 rate centers).
func WithNumbersPerRateCenter(n int) Option { return func(c *config) { c.perCenter = n } }

// WithClock makes the fake read time from now (reservations expire after
// ReservationTime on it). See Clock for a manual one.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithIPAllowList makes calls from other client IPs answer responseCode 901.
func WithIPAllowList(ips ...string) Option {
	return func(c *config) { c.allowIPs = append([]string(nil), ips...) }
}

// WithReleaseAging keeps released numbers out of inventory for d (default
// 0: available again at once). While aging, releasing again answers 106241.
func WithReleaseAging(d time.Duration) Option { return func(c *config) { c.aging = d } }

// WithLatency delays every answer by d.
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// Clock is a manual clock for WithClock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Server is a stateful VoIP Innovations API 3.0 on loopback. It is safe for
// concurrent use.
type Server struct {
	cfg  config
	srv  *httptest.Server
	url  string
	base string

	mu       sync.Mutex
	accounts map[string]*Account
	inv      map[string]*Number
	ports    map[int64]*Port
	portable map[string]bool
	faults   fakefault.Rules[Fault]
	calls    map[string]int
	execs    map[string]int
	expired  int
	closed   bool
	conns    sync.WaitGroup
}

// OtherLogin is the login of the second account the fake starts with
// ("another company"): it holds a few numbers, so that searches skip them
// and queryDID/reserveDID/assignDID answer 10X230/10X235 for them.
const OtherLogin = "other-company"

// NewServer starts a fake on 127.0.0.1 (a free port). Close it when done.
func NewServer(opts ...Option) *Server {
	s := newServer(opts...)
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.base = s.srv.URL
	s.url = s.base + Path
	return s
}

// NewServerAt starts a fake listening on addr (for cmd/voipinnovations-sim).
func NewServerAt(addr string, opts ...Option) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := newServer(opts...)
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	s.srv.Listener.Close()
	s.srv.Listener = l
	s.srv.Start()
	s.base = s.srv.URL
	s.url = s.base + Path
	return s, nil
}

func newServer(opts ...Option) *Server {
	cfg := config{login: DefaultLogin, secret: DefaultSecret, epgs: []int64{8674, 8675}, seed: 1, perCenter: 25, now: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{cfg: cfg, accounts: map[string]*Account{}, portable: map[string]bool{},
		calls: map[string]int{}, execs: map[string]int{}}
	s.accounts[cfg.login] = &Account{Login: cfg.login, Secret: cfg.secret, EndpointGroups: cfg.epgs, TollFree: cfg.tollFree}
	s.accounts[OtherLogin] = &Account{Login: OtherLogin, Secret: "other-secret", EndpointGroups: []int64{9001}, Tiers: []int64{1, 2, 3, 4}, TollFree: true}
	s.inv = seedInventory(cfg.seed, cfg.perCenter)
	now := cfg.now()
	s.ports = defaultPorts(now)
	// the other company holds every fifth number of each rate center's list
	i := 0
	for _, n := range s.sortedNumbers() {
		i++
		switch i % 10 {
		case 3:
			n.Status, n.Account, n.EndpointGroup = Assigned, OtherLogin, 9001
		case 7:
			n.Status, n.Account, n.Until = Reserved, OtherLogin, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) // held for good
		}
	}
	return s
}

// URL is the endpoint (…/Services/APIService.asmx) to give the client.
func (s *Server) URL() string { return s.url }

// SandboxURL is the sandbox-layout endpoint (…/VOIP/Services/APIService.asmx);
// it serves the same state and the sandbox WSDL.
func (s *Server) SandboxURL() string { return s.base + SandboxPath }

// Login and Secret are the main account's credentials.
func (s *Server) Login() string { return s.cfg.login }

// Secret is the main account's secret.
func (s *Server) Secret() string { return s.cfg.secret }

// Client returns a client for the main account pointed at the fake.
func (s *Server) Client(opts ...voipinnovations.Option) (*voipinnovations.Client, error) {
	return voipinnovations.New(s.cfg.login, s.cfg.secret, append([]voipinnovations.Option{voipinnovations.WithBaseURL(s.url)}, opts...)...)
}

// Handler is the fake's HTTP handler, to serve it another way (an HTTP/2
// TLS test server, a proxy test).
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// Close stops the server and waits for its connections to end.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
	s.conns.Wait()
}

// AddAccount adds an API user (for a second company in a test).
func (s *Server) AddAccount(a Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cp := a
	cp.EndpointGroups = append([]int64(nil), a.EndpointGroups...)
	s.accounts[a.Login] = &cp
}

// AddPort adds or replaces a port order.
func (s *Server) AddPort(p Port) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cp := p
	cp.DIDs = append([]PortDID(nil), p.DIDs...)
	s.ports[p.ID] = &cp
}

// SetPortable fixes isPortable's answer for tn (by default a number is
// portable when its area code is one the inventory has).
func (s *Server) SetPortable(tn string, portable bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.portable[tn] = portable
}

// Number returns the fake's record of tn (after expiring reservations).
func (s *Server) Number(tn string) (Number, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.inv[tn]
	if n == nil {
		return Number{}, false
	}
	s.settle(n, s.cfg.now())
	return *n, true
}

// Numbers returns the inventory in number order.
func (s *Server) Numbers() []Number {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.now()
	var out []Number
	for _, n := range s.sortedNumbers() {
		s.settle(n, now)
		out = append(out, *n)
	}
	return out
}

// Calls is how many requests named op arrived (faulted ones included).
func (s *Server) Calls(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[op]
}

// Executions is how many times op really ran (changed or read state).
func (s *Server) Executions(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.execs[op]
}

// ExpiredReservations counts reservations that lapsed unassigned.
func (s *Server) ExpiredReservations() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range s.inv {
		s.settle(n, s.cfg.now())
	}
	return s.expired
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.conns.Add(1)
	defer s.conns.Done()
	if r.URL.Path != Path && r.URL.Path != SandboxPath {
		http.NotFound(w, r)
		return
	}
	if r.Method == http.MethodGet && strings.EqualFold(r.URL.RawQuery, "wsdl") {
		s.serveWSDL(w, r)
		return
	}
	if r.Method != http.MethodPost {
		writeHTML(w, http.StatusMethodNotAllowed, "<html><body><h1>405 Method Not Allowed</h1></body></html>")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		return
	}
	if s.cfg.latency > 0 {
		sleep(r, s.cfg.latency)
	}
	req, perr := parseRequest(body)
	action := strings.Trim(r.Header.Get("SOAPAction"), `"`)
	if ct := r.Header.Get("Content-Type"); strings.HasPrefix(ct, "application/soap+xml") {
		if i := strings.Index(ct, `action="`); i >= 0 {
			action = strings.TrimSuffix(strings.SplitN(ct[i+8:], `"`, 2)[0], `"`)
		}
	}
	if perr != nil {
		if errors.Is(perr, errNoOperation) && action != "" {
			writeXML(w, http.StatusInternalServerError, fault("soap:Client", "Server was unable to read request. ---> no "+strings.TrimPrefix(action, namespace)+" element in the body."))
			return
		}
		writeXML(w, http.StatusInternalServerError, fault("soap:Client", "Server was unable to read request. ---> There is an error in XML document."))
		return
	}
	op := req.name
	if action != "" && action != namespace+op {
		writeXML(w, http.StatusInternalServerError, fault("soap:Client", "Server did not recognize the value of HTTP Header SOAPAction: "+action+"."))
		return
	}
	s.mu.Lock()
	s.calls[op]++
	f := s.pickFault(op)
	s.mu.Unlock()

	switch f.Kind {
	case FaultLatency:
		sleep(r, f.Delay)
	case FaultSOAPServer:
		writeXML(w, http.StatusInternalServerError, fault("soap:Server", "Server was unable to process request. ---> injected fault"))
		return
	case FaultHTML503:
		writeHTML(w, http.StatusServiceUnavailable, "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>")
		return
	case FaultResetBefore:
		fakefault.ResetConn(w)
		return
	}

	h, known := handlers[op]
	if !known {
		if isWSDLOperation(op) {
			writeXML(w, http.StatusInternalServerError, fault("soap:Server", "voipinnovationstest: operation "+op+" is not simulated"))
			return
		}
		writeXML(w, http.StatusInternalServerError, fault("soap:Client", "Server did not recognize the value of HTTP Header SOAPAction: "+namespace+op+"."))
		return
	}
	s.mu.Lock()
	out := s.execute(op, h, req, clientIP(r))
	s.mu.Unlock()

	switch f.Kind {
	case FaultResetAfter:
		fakefault.ResetConn(w)
		return
	case FaultTruncated:
		writeXML(w, http.StatusOK, out[:len(out)/2])
		return
	case FaultEmptyBody:
		writeXML(w, http.StatusOK, nil)
		return
	case FaultSOAPServerAfter:
		writeXML(w, http.StatusInternalServerError, fault("soap:Server", "Server was unable to process request. ---> injected fault after executing"))
		return
	}
	writeXML(w, http.StatusOK, out)
}

// execute authenticates and runs one operation. Caller holds s.mu.
func (s *Server) execute(op string, h handler, req *node, ip string) []byte {
	acct := s.accounts[req.str("login")]
	if acct == nil || acct.Secret != req.str("secret") {
		return h.refuse(op, 902, "Username/password/IP not found")
	}
	if len(s.cfg.allowIPs) > 0 && acct.Login == s.cfg.login && !contains(s.cfg.allowIPs, ip) {
		return h.refuse(op, 901, "Client IP not found")
	}
	now := s.cfg.now()
	for _, n := range s.inv {
		s.settle(n, now)
	}
	s.execs[op]++
	return h.run(&call{s: s, acct: acct, req: req, now: now, op: op})
}

func (s *Server) serveWSDL(w http.ResponseWriter, r *http.Request) {
	doc, loc := viwsdl.Production, "https://backoffice.voipinnovations.com/Services/APIService.asmx"
	if r.URL.Path == SandboxPath {
		doc, loc = viwsdl.Sandbox, "http://dev.voipinnovations.com/VOIP/Services/APIService.asmx"
	}
	out := bytes.ReplaceAll(doc, []byte(`location="`+loc+`"`), []byte(`location="`+s.base+r.URL.Path+`"`))
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(out) //nolint:errcheck
}

func writeXML(w http.ResponseWriter, code int, body []byte) {
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(code)
	w.Write(body) //nolint:errcheck
}

func writeHTML(w http.ResponseWriter, code int, page string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	io.WriteString(w, page) //nolint:errcheck
}

func sleep(r *http.Request, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
