package voipmstest

import (
	"fmt"
	"strconv"
	"time"
)

// FaultKind is a way a call can go wrong on the wire.
type FaultKind int

const (
	// FaultLatency delays the response by Fault.Delay; the call then runs
	// normally.
	FaultLatency FaultKind = iota + 1
	// FaultHTML500 answers HTTP 500 with an HTML page. The call is not
	// executed.
	FaultHTML500
	// FaultHTML503 answers HTTP 503 with the Varnish "Backend fetch failed"
	// HTML page seen during VoIP.ms outages. The call is not executed.
	FaultHTML503
	// FaultConnReset executes the call, then closes the connection without
	// writing a response. The state change stays: the client cannot know
	// whether its order went through.
	FaultConnReset
	// FaultNoStatus executes the call and answers its JSON without the
	// "status" key.
	FaultNoStatus
	// FaultTruncated executes the call and answers the first half of its
	// JSON body.
	FaultTruncated
	// FaultEmptyBody executes the call and answers HTTP 200 with an empty
	// body.
	FaultEmptyBody
	// FaultShape executes the call and renders the answer with some numeric
	// strings as JSON numbers and some one-element lists as a bare object.
	FaultShape
)

var faultNames = map[FaultKind]string{
	FaultLatency:   "latency",
	FaultHTML500:   "html500",
	FaultHTML503:   "html503",
	FaultConnReset: "connreset",
	FaultNoStatus:  "nostatus",
	FaultTruncated: "truncated",
	FaultEmptyBody: "emptybody",
	FaultShape:     "shape",
}

// String returns the kind's short name (as accepted by ParseFaultKind).
func (k FaultKind) String() string {
	if n, ok := faultNames[k]; ok {
		return n
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// ParseFaultKind turns a short name ("html503", "connreset", ...) into a
// FaultKind.
func ParseFaultKind(name string) (FaultKind, bool) {
	for k, n := range faultNames {
		if n == name {
			return k, true
		}
	}
	return 0, false
}

// Fault describes an injected failure.
type Fault struct {
	Kind FaultKind
	// Times is how many of the next matching calls fail; zero or negative
	// means every matching call until ClearFaults.
	Times int
	// Delay is the added latency for FaultLatency.
	Delay time.Duration
}

// InjectFault makes calls of method (a wire method name such as "orderDID",
// or "*" for every method) fail with f. Rules for a method are used in the
// order they were injected; a method rule is used before a "*" rule.
func (s *Server) InjectFault(method string, f Fault) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.faults.Add(method, f, f.Times)
}

// ClearFaults removes every injected fault (the WithFaultRate schedule stays).
func (s *Server) ClearFaults() {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.faults.Clear()
}

// pickFault chooses the fault for one call; the zero Fault means none.
// Caller holds s.ctl.
func (s *Server) pickFault(method string) Fault {
	if f, ok := s.faults.Pick(method); ok {
		return f
	}
	if s.cfg.faultRate > 0 && len(s.cfg.faultKinds) > 0 {
		if s.faultRNG.Float64() < s.cfg.faultRate {
			k := s.cfg.faultKinds[s.faultRNG.IntN(len(s.cfg.faultKinds))]
			f := Fault{Kind: k}
			if k == FaultLatency {
				f.Delay = time.Duration(50+s.faultRNG.IntN(200)) * time.Millisecond
			}
			return f
		}
	}
	return Fault{}
}

// reshape applies shape mode to a response body. Caller holds s.ctl.
func (s *Server) reshape(body obj) obj {
	out := make(obj, len(body))
	for i, e := range body {
		if e.k == "status" || e.k == "message" {
			out[i] = e
			continue
		}
		out[i] = kv{e.k, s.reshapeValue(e.v)}
	}
	return out
}

func (s *Server) reshapeValue(v any) any {
	switch x := v.(type) {
	case string:
		if looksNumeric(x) && s.shapeRNG.IntN(2) == 0 {
			return number(x)
		}
		return x
	case obj:
		out := make(obj, len(x))
		for i, e := range x {
			out[i] = kv{e.k, s.reshapeValue(e.v)}
		}
		return out
	case []obj:
		if len(x) == 1 && s.shapeRNG.IntN(2) == 0 {
			return s.reshapeValue(x[0])
		}
		out := make([]obj, len(x))
		for i, e := range x {
			out[i] = s.reshapeValue(e).(obj)
		}
		return out
	}
	return v
}

// Statuses on demand.

type statusOpt struct {
	method, status string
	times          int
}

// WithStatus makes calls of method (a wire method name, or "*" for every
// method) answer the API status code status ("did_limit_reached",
// "non_sufficient_funds", "method_maintenance", ...), as InjectStatus does,
// from the server's first call. An empty or "success" status is an error of
// NewServerAt (a panic of NewServer).
func WithStatus(method, status string, times int) Option {
	return func(c *config) { c.statusOpts = append(c.statusOpts, statusOpt{method, status, times}) }
}

func (s *Server) applyStatusOptions() error {
	for _, o := range s.cfg.statusOpts {
		if err := s.injectStatus(o.method, o.status, o.times); err != nil {
			return err
		}
	}
	return nil
}

// InjectStatus makes the next times authenticated calls of method (a wire
// method name such as "orderDID", or "*" for every method) answer
// {"status": status, "message": <its description in the docs' table>}
// without executing: nothing changes, and Executed does not count them.
// times <= 0 means every call until ClearStatuses. Credentials, the API
// switch, the IP allow-list and the rate limit are checked first, and a
// transport fault (InjectFault) is applied around the injected answer as
// around a real one. Rules for a method are used in the order they were
// injected; a method rule is used before a "*" rule. It panics for an empty
// or "success" status.
func (s *Server) InjectStatus(method, status string, times int) {
	if err := s.injectStatus(method, status, times); err != nil {
		panic(err.Error())
	}
}

func (s *Server) injectStatus(method, status string, times int) error {
	if status == "" || status == "success" {
		return fmt.Errorf("voipmstest: cannot inject status %q: give an error code such as method_maintenance", status)
	}
	if method == "" {
		return fmt.Errorf("voipmstest: InjectStatus needs a method name or \"*\"")
	}
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.statuses.Add(method, status, times)
	return nil
}

// ClearStatuses removes every injected status.
func (s *Server) ClearStatuses() {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.statuses.Clear()
}

// pickStatus chooses the injected status of one call; "" means none. Caller
// holds s.ctl.
func (s *Server) pickStatus(method string) string {
	st, _ := s.statuses.Pick(method)
	return st
}

// WithReadTimeout bounds how long the server waits for a request's headers
// and body (default 30s): a client that stalls mid-request is disconnected.
// Zero or negative means the default.
func WithReadTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.readTimeout = d
		}
	}
}

// WithIdleTimeout bounds how long an idle keep-alive connection stays open
// (default 2m). Zero or negative means the default.
func WithIdleTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.idleTimeout = d
		}
	}
}
