package voipmstest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/internal/fakefault"
)

// APIPath is the path the listening server answers on, as on voip.ms.
const APIPath = "/api/v1/rest.php"

// Option configures a Server.
type Option func(*config)

type config struct {
	seed        int64
	username    string
	password    string
	apiDisabled bool
	allowIPs    []string
	perMinute   int
	now         func() time.Time
	faultRate   float64
	faultKinds  []FaultKind
	shape       bool
	latency     time.Duration
	smsPerDay   int
	stockScale  int
	readTimeout time.Duration
	idleTimeout time.Duration
	statusOpts  []statusOpt
	balance     string            // WithAccountBalance; "" = default
	clientBal   map[string]string // WithClientBalance
	fixture     string

	redeliveryPoll time.Duration // deliver.go
}

// WithSeed sets the seed of the deterministic inventory, of the random fault
// schedule and of shape mode. The default seed is 1.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithCredentials sets the API username and password the server accepts.
// By default they are "sim@example.com" and a password derived from the
// seed; an empty argument keeps its default.
func WithCredentials(username, password string) Option {
	return func(c *config) {
		if username != "" {
			c.username = username
		}
		if password != "" {
			c.password = password
		}
	}
}

// WithAPIDisabled makes every authenticated call answer api_not_enabled, as
// an account whose API switch is off.
func WithAPIDisabled() Option { return func(c *config) { c.apiDisabled = true } }

// WithIPAllowList enables the account's IP allow-list: calls from other
// addresses answer ip_not_enabled (getIP is exempt). "0.0.0.0" allows every
// address. Without this option every address is allowed.
func WithIPAllowList(ips ...string) Option {
	return func(c *config) { c.allowIPs = append([]string{}, ips...) }
}

// WithRateLimit makes the server answer api_limit_exceeded once perMinute
// authenticated calls were accepted in the last minute of the server clock
// (see WithClock). Zero or negative means no limit (the default).
func WithRateLimit(perMinute int) Option { return func(c *config) { c.perMinute = perMinute } }

// WithClock replaces the server clock (time.Now). It drives the rate limit,
// order and message dates, and the SMS daily limit.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithFaultRate makes a fraction rate (0..1) of all calls fail with one of
// kinds, chosen by a random generator seeded from the seed, so a given
// sequence of calls always meets the same faults. Without kinds every kind
// except FaultLatency and FaultShape is used.
func WithFaultRate(rate float64, kinds ...FaultKind) Option {
	return func(c *config) { c.faultRate, c.faultKinds = rate, append([]FaultKind{}, kinds...) }
}

// WithShapeMode makes every response exercise the tolerant decoding a client
// needs: some numeric strings become JSON numbers and some one-element lists
// become a bare object (seeded, see FaultShape).
func WithShapeMode() Option { return func(c *config) { c.shape = true } }

// WithLatency delays every response by d.
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// WithSMSDailyLimit sets how many sendSMS/sendMMS calls a server day allows
// before limit_reached (default 100, the documented account default; zero or
// negative means unlimited).
func WithSMSDailyLimit(n int) Option { return func(c *config) { c.smsPerDay = n } }

// WithInventoryScale multiplies the stock of local numbers (US and Canadian
// DIDs) of every rate center that has stock by n, for tests that need more
// numbers than the default inventory offers (about 590 US and 200 Canadian).
// The extra numbers keep their rate center's area code, prices and listing
// filters, are drawn from their own seeded generator and are listed after
// the default ones; the default inventory, and everything else seeded, is
// the same as without the option. Rate centers without stock stay empty.
// n <= 1 means the default inventory.
func WithInventoryScale(n int) Option { return func(c *config) { c.stockScale = n } }

// WithAccountBalance sets the account's starting balance, a plain decimal
// such as "25.00" or "1000000" (default "100.00"). Orders, back orders and
// the other methods that cost money debit it, and a call the balance cannot
// cover answers non_sufficient_funds and changes nothing. NewServerAt
// returns an error (NewServer panics) for an amount that is not a plain
// decimal.
func WithAccountBalance(amount string) Option { return func(c *config) { c.balance = amount } }

// WithClientBalance sets the starting balance of a reseller client (561115
// and 561116 exist by default; "561115" opens at 25.00, "561116" at 0), as
// one opening deposit in its ledger. A client whose balance management is 1
// (hard, the default) cannot be charged (addCharge) beyond its balance. An
// unknown client or an amount that is not a plain decimal is an error of
// NewServerAt (a panic of NewServer).
func WithClientBalance(client, amount string) Option {
	return func(c *config) {
		if c.clientBal == nil {
			c.clientBal = map[string]string{}
		}
		c.clientBal[client] = amount
	}
}

// ExecutedCounts says how many state-changing calls really took effect
// (test=1 calls, rejected calls and calls refused by a fault before execution
// are not counted; a call answered with FaultConnReset is).
type ExecutedCounts struct {
	Orders     int // successful order* calls
	BackOrders int // successful backOrderDID* calls
	Cancels    int // successful cancelDID calls
	SMSSent    int // successful sendSMS calls
	MMSSent    int // successful sendMMS calls
	Charges    int // successful addCharge calls
	Payments   int // successful addPayment calls
}

// Server is a VoIP.ms REST/JSON API simulator listening on a local address.
// All its methods are safe for concurrent use.
type Server struct {
	cfg     config
	handler http.Handler
	ln      net.Listener
	hs      *http.Server
	url     string

	// mu guards the account and carrier (st, executed): read-only methods
	// (readOnly) share it, the others hold it alone.
	mu       sync.RWMutex
	st       *state
	executed ExecutedCounts

	// calls has one counter per simulated method, "" and unknownMethod, made
	// once: a request's method name never adds an entry.
	calls map[string]*atomic.Int64

	// ctl guards the fault and status schedules, their generators, the rate
	// limit window and the server clock calls.
	ctl      sync.Mutex
	faults   fakefault.Rules[Fault]
	statuses fakefault.Rules[string]
	faultRNG *rand.Rand
	shapeRNG *rand.Rand
	window   []time.Time

	dl *deliverer // SMS URL callback deliveries (deliver.go)
}

// Methods lists the wire method names the simulator answers, sorted.
func Methods() []string { return slices.Sorted(maps.Keys(handlers)) }

// unknownMethod is the counter of requests naming a method the simulator
// does not know.
const unknownMethod = "\x00unknown"

// NewServer starts a simulator on a random loopback port and panics if it
// cannot listen, like httptest.NewServer. Close it when done.
func NewServer(opts ...Option) *Server {
	s, err := NewServerAt("127.0.0.1:0", opts...)
	if err != nil {
		panic(fmt.Sprintf("voipmstest: %v", err))
	}
	return s
}

// NewServerAt starts a simulator listening on addr ("host:port"; an empty
// addr means 127.0.0.1:0). Close it when done.
func NewServerAt(addr string, opts ...Option) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	s, err := newServerErr(opts...)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle(APIPath, s.handler)
	mux.HandleFunc("/", notAPI)
	mux.HandleFunc(ReceivePath, s.serveReceive)
	s.ln = ln
	s.hs = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: s.cfg.readTimeout,
		ReadTimeout:       s.cfg.readTimeout,
		IdleTimeout:       s.cfg.idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	s.url = "http://" + ln.Addr().String() + APIPath
	go func() { _ = s.hs.Serve(ln) }()
	return s, nil
}

func newServer(opts ...Option) *Server {
	s, err := newServerErr(opts...)
	if err != nil {
		panic(err.Error())
	}
	return s
}

func newServerErr(opts ...Option) (*Server, error) {
	cfg := config{seed: 1, username: "sim@example.com", now: time.Now, smsPerDay: 100,
		readTimeout: 30 * time.Second, idleTimeout: 2 * time.Minute}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.password == "" {
		cfg.password = fmt.Sprintf("sim-%08x", uint32(cfg.seed*2654435761+97))
	}
	if cfg.faultRate > 0 && len(cfg.faultKinds) == 0 {
		cfg.faultKinds = []FaultKind{FaultHTML500, FaultHTML503, FaultConnReset, FaultNoStatus, FaultTruncated, FaultEmptyBody}
	}
	s := &Server{
		cfg:      cfg,
		calls:    map[string]*atomic.Int64{"": {}, unknownMethod: {}},
		faultRNG: rand.New(rand.NewPCG(uint64(cfg.seed), 0xfa17)),
		shapeRNG: rand.New(rand.NewPCG(uint64(cfg.seed), 0x5aa9e)),
	}
	for name := range handlers {
		s.calls[name] = &atomic.Int64{}
	}
	if err := s.applyStatusOptions(); err != nil {
		return nil, err
	}
	s.st = newState(cfg.seed, cfg.now(), cfg.stockScale)
	if err := s.applyFixture(); err != nil {
		return nil, err
	}
	if err := s.applyBalances(); err != nil {
		return nil, err
	}
	s.dl = newDeliverer(cfg.redeliveryPoll)
	s.handler = http.HandlerFunc(s.serveHTTP)
	return s, nil
}

// applyBalances applies WithAccountBalance and WithClientBalance.
func (s *Server) applyBalances() error {
	if s.cfg.balance != "" {
		v, ok := parseBalance(s.cfg.balance)
		if !ok {
			return fmt.Errorf("voipmstest: account balance %q is not a plain decimal", s.cfg.balance)
		}
		s.st.setAccountBalance(v)
	}
	for _, id := range slices.Sorted(maps.Keys(s.cfg.clientBal)) {
		amount := s.cfg.clientBal[id]
		rec := s.st.clients[id]
		if rec == nil {
			return fmt.Errorf("voipmstest: no reseller client %q for WithClientBalance", id)
		}
		v, ok := parseBalance(amount)
		if !ok {
			return fmt.Errorf("voipmstest: balance %q of client %s is not a plain decimal", amount, id)
		}
		s.st.setClientBalance(rec, v, s.cfg.now().AddDate(0, 0, -30))
	}
	return nil
}

// URL is the API endpoint, http://127.0.0.1:PORT/api/v1/rest.php.
func (s *Server) URL() string { return s.url }

// Username is the API username the server accepts.
func (s *Server) Username() string { return s.cfg.username }

// Password is the API password the server accepts.
func (s *Server) Password() string { return s.cfg.password }

// Handler returns the API handler, to mount on another server. It answers on
// any path.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the listener, closes open connections and stops the
// redelivery of SMS URL callbacks.
func (s *Server) Close() {
	s.dl.close()
	if s.hs != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := s.hs.Shutdown(ctx); err != nil {
			_ = s.hs.Close()
		}
	}
}

// Client returns an SDK client for this server:
// voipms.New(s.Username(), s.Password(), WithBaseURL(s.URL()), opts...).
func (s *Server) Client(opts ...voipms.Option) (*voipms.Client, error) {
	return voipms.New(s.Username(), s.Password(), append([]voipms.Option{voipms.WithBaseURL(s.URL())}, opts...)...)
}

// Calls reports how many requests named method (including rejected and
// faulted ones). Calls("") counts requests without a method.
//
// Only the simulated method names (and "") have counters of their own, so
// that no request can grow the server's memory: Calls of a name the
// simulator does not know reports the requests naming any unknown method.
func (s *Server) Calls(method string) int {
	return int(s.counter(method).Load())
}

func (s *Server) counter(method string) *atomic.Int64 {
	if n, ok := s.calls[method]; ok {
		return n
	}
	return s.calls[unknownMethod]
}

// Executed reports how many orders, back orders, cancellations and messages
// really took effect.
func (s *Server) Executed() ExecutedCounts {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.executed
}

// DIDs returns the DIDs the account owns, in order of purchase.
func (s *Server) DIDs() []DIDRecord {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]DIDRecord, 0, len(s.st.ownedOrder))
	for _, d := range s.st.ownedOrder {
		out = append(out, s.st.owned[d].record())
	}
	return out
}

// OwnedDID returns the account's record of did, if the account owns it.
func (s *Server) OwnedDID(did string) (DIDRecord, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.st.owned[did]
	if !ok {
		return DIDRecord{}, false
	}
	return d.record(), true
}

// OrderCount reports how many times did was bought (a cancelled and
// re-ordered number counts twice).
func (s *Server) OrderCount(did string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.orderCount[did]
}

// call is one API request being answered.
type call struct {
	s      *Server
	st     *state
	method string
	p      params
	test   bool
	now    time.Time
	ip     string
}

// serveHTTP answers one request.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(w, r)
	if err != nil {
		writeBadBody(w, err)
		return
	}
	// The body is read: the read deadline must not cut a delayed answer.
	_ = http.NewResponseController(w).SetReadDeadline(time.Time{})
	method := p.get("method")
	ip := clientIP(r)

	s.counter(method).Add(1)
	s.ctl.Lock()
	fault := s.pickFault(method)
	s.ctl.Unlock()

	delay := s.cfg.latency
	if fault.Kind == FaultLatency {
		delay += fault.Delay
	}
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
		writeHTML(w, http.StatusInternalServerError, html500)
		return
	case FaultHTML503:
		writeHTML(w, http.StatusServiceUnavailable, html503)
		return
	}

	body := s.execute(method, p, ip)
	if s.cfg.shape || fault.Kind == FaultShape {
		s.ctl.Lock()
		body = s.reshape(body)
		s.ctl.Unlock()
	}

	switch fault.Kind {
	case FaultConnReset:
		fakefault.ResetConn(w)
		return
	case FaultEmptyBody:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		return
	case FaultNoStatus:
		trimmed := make(obj, 0, len(body))
		for _, e := range body {
			if e.k != "status" {
				trimmed = append(trimmed, e)
			}
		}
		body = trimmed
	}
	buf := bufPool.Get().(*[]byte)
	data := appendValue((*buf)[:0], body)
	out := data
	if fault.Kind == FaultTruncated {
		out = data[:len(data)/2]
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
	if cap(data) <= 8<<20 {
		*buf = data
		bufPool.Put(buf)
	}
}

// bufPool recycles response buffers (a 251-DID getDIDsInfo is ~400 KB).
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// readOnly reports whether a method only reads the state, so that it can run
// alongside other reads: the methods of class read in the generated table
// (methods_gen.go, from the generator's spec; no name prefixes). A handler of
// such a method must not change the state (TestReadMethodsDoNotWrite runs
// them all concurrently under the race detector).
func readOnly(method string) bool { return methodClasses[method] == "read" }

// execute runs the API logic for one request and returns the response body.
func (s *Server) execute(method string, p params, ip string) obj {
	switch {
	case method == "":
		return errorBody("missing_method")
	case p.get("api_username") == "" || p.get("api_password") == "":
		return errorBody("missing_credentials")
	case p.get("api_username") != s.cfg.username || p.get("api_password") != s.cfg.password:
		return errorBody("invalid_credentials")
	}
	h, ok := handlers[method]
	if !ok {
		return errorBody("invalid_method")
	}
	if s.cfg.apiDisabled {
		return errorBody("api_not_enabled")
	}
	if method != "getIP" && !s.ipAllowed(ip) {
		return errorBody("ip_not_enabled")
	}
	s.ctl.Lock()
	now := s.cfg.now()
	admitted := s.admit(now)
	injected := ""
	if admitted {
		injected = s.pickStatus(method)
	}
	s.ctl.Unlock()
	if !admitted {
		return errorBody("api_limit_exceeded")
	}
	if injected != "" {
		return errorBody(injected)
	}
	if readOnly(method) {
		s.mu.RLock()
		defer s.mu.RUnlock()
	} else {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	c := &call{s: s, st: s.st, method: method, p: p, now: now, ip: ip}
	if testMethods[method] {
		c.test, _ = flag01(p.get("test"))
	}
	res, err := h(c)
	if err != nil {
		var se statusError
		if errors.As(err, &se) {
			return errorBody(string(se))
		}
		var ns notSimulatedError
		if errors.As(err, &ns) {
			return obj{{"status", "not_simulated"}, {"message", ns.msg}}
		}
		return errorBody("missing_params")
	}
	return append(obj{{"status", "success"}}, res...)
}

// admit applies the per-minute rate limit.
func (s *Server) admit(now time.Time) bool {
	if s.cfg.perMinute <= 0 {
		return true
	}
	cut := now.Add(-time.Minute)
	kept := s.window[:0]
	for _, t := range s.window {
		if t.After(cut) {
			kept = append(kept, t)
		}
	}
	s.window = kept
	if len(s.window) >= s.cfg.perMinute {
		return false
	}
	s.window = append(s.window, now)
	return true
}

func (s *Server) ipAllowed(ip string) bool {
	if s.cfg.allowIPs == nil {
		return true
	}
	for _, a := range s.cfg.allowIPs {
		a = strings.TrimSpace(a)
		if a == "0.0.0.0" || a == ip {
			return true
		}
		if _, n, err := net.ParseCIDR(a); err == nil && n.Contains(net.ParseIP(ip)) {
			return true
		}
	}
	return false
}

// Request size limits. net/http itself caps an x-www-form-urlencoded body
// at 10 MiB; the simulator caps a whole body at maxBodyBytes and each
// multipart part (a file or a value) at maxPartBytes, and answers
// request_too_large beyond them.
const (
	maxBodyBytes = 32 << 20
	maxPartBytes = 16 << 20
	maxFormBytes = 10 << 20
)

// errTooLarge is a request over the size limits.
type errTooLarge struct{ what string }

func (e errTooLarge) Error() string { return e.what }

// readParams merges the query string and an x-www-form-urlencoded or
// multipart body (body values first, multipart file parts read as values),
// for any HTTP method. It fails only for a body over the limits.
func readParams(w http.ResponseWriter, r *http.Request) (params, error) {
	multi := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
	limit, what := int64(maxFormBytes), fmt.Sprintf("the form body is over the %d MiB limit of an x-www-form-urlencoded request", maxFormBytes>>20)
	if multi {
		limit, what = maxBodyBytes, fmt.Sprintf("the request body is over the simulator's %d MiB limit", maxBodyBytes>>20)
	}
	if r.ContentLength > limit {
		return nil, errTooLarge{what}
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	out := params{}
	var err error
	if multi {
		err = readMultipart(r, out)
	} else if err = r.ParseForm(); err == nil {
		for k, v := range r.PostForm {
			out[k] = append(out[k], v...)
		}
	}
	var mb *http.MaxBytesError
	var ne net.Error
	switch {
	case errors.As(err, &mb):
		return nil, errTooLarge{what}
	case errors.As(err, &ne), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errBodyRead{err}
	case err != nil && !multi:
		// A malformed form (a bad %-escape) keeps the values read so far,
		// as PHP does.
		for k, v := range r.PostForm {
			out[k] = append(out[k], v...)
		}
	case err != nil:
		return nil, err
	}
	for k, v := range r.URL.Query() {
		out[k] = append(out[k], v...)
	}
	return out, nil
}

// errBodyRead is a body that could not be read (the client stalled past the
// read timeout or hung up).
type errBodyRead struct{ err error }

func (e errBodyRead) Error() string { return "the request body could not be read: " + e.err.Error() }

// readMultipart reads every part of a multipart body into out, each at most
// maxPartBytes; nothing is spooled to disk.
func readMultipart(r *http.Request, out params) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil // malformed: no parameters
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var mb *http.MaxBytesError
			var ne net.Error
			if errors.As(err, &mb) || errors.As(err, &ne) {
				return err
			}
			return nil // a malformed tail: keep what was read
		}
		data, err := io.ReadAll(io.LimitReader(part, maxPartBytes+1))
		name := part.FormName()
		part.Close()
		switch {
		case err != nil:
			return err
		case len(data) > maxPartBytes:
			return errTooLarge{fmt.Sprintf("multipart part %q is over the simulator's %d MiB limit", name, maxPartBytes>>20)}
		}
		if name != "" {
			out[name] = append(out[name], string(data))
		}
	}
}

// writeBadBody answers a request whose body is over the size limits (HTTP
// 413, request_too_large) or could not be read (HTTP 400, bad_request) with
// a JSON error that says so, never a misleading missing_method, and closes
// the connection.
func writeBadBody(w http.ResponseWriter, err error) {
	code, status := http.StatusBadRequest, "bad_request"
	var tl errTooLarge
	if errors.As(err, &tl) {
		code, status = http.StatusRequestEntityTooLarge, "request_too_large"
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Connection", "close")
	w.WriteHeader(code)
	_, _ = w.Write(encodeJSON(obj{{"status", status}, {"message", "voipmstest: " + err.Error()}}))
}

// notAPI answers every path other than APIPath with a JSON error.
func notAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write(encodeJSON(obj{{"status", "not_found"},
		{"message", "voipmstest: no API at " + truncate(r.URL.Path, 200) + "; the endpoint is " + APIPath}}))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

const html500 = `<!DOCTYPE html>
<html><head><title>500 Internal Server Error</title></head>
<body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p></body></html>
`

const html503 = `<!DOCTYPE html>
<html>
  <head>
    <title>503 Backend fetch failed</title>
  </head>
  <body>
    <h1>Error 503 Backend fetch failed</h1>
    <p>Backend fetch failed</p>
    <h3>Guru Meditation:</h3>
    <p>XID: 0</p>
    <hr>
    <p>Varnish cache server</p>
  </body>
</html>
`

func writeHTML(w http.ResponseWriter, code int, page string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = io.WriteString(w, page)
}

// WithFixture starts the server from a named fixture instead of the default
// account. "demo" is an account that looks lived in (see the package doc,
// Fixtures); "" is the default. An unknown name is an error of NewServerAt (a
// panic of NewServer).
func WithFixture(name string) Option { return func(c *config) { c.fixture = name } }
