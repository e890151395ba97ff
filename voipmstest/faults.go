package voipmstest

import (
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

type faultRule struct {
	f    Fault
	left int // remaining uses; <0 = unlimited
}

// InjectFault makes calls of method (a wire method name such as "orderDID",
// or "*" for every method) fail with f. Rules for a method are used in the
// order they were injected; a method rule is used before a "*" rule.
func (s *Server) InjectFault(method string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	left := f.Times
	if left <= 0 {
		left = -1
	}
	s.faults[method] = append(s.faults[method], &faultRule{f: f, left: left})
}

// ClearFaults removes every injected fault (the WithFaultRate schedule stays).
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string][]*faultRule{}
}

// pickFault chooses the fault for one call; the zero Fault means none.
// Caller holds s.mu.
func (s *Server) pickFault(method string) Fault {
	for _, key := range []string{method, "*"} {
		rules := s.faults[key]
		for i, r := range rules {
			if r.left == 0 {
				continue
			}
			if r.left > 0 {
				r.left--
			}
			if r.left == 0 {
				s.faults[key] = append(rules[:i:i], rules[i+1:]...)
			}
			return r.f
		}
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

// reshape applies shape mode to a response body. Caller holds s.mu.
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
