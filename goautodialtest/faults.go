package goautodialtest

import (
	"time"
)

// FaultKind is a way a call can go wrong on the wire.
type FaultKind int

const (
	// FaultLatency delays the answer by Fault.Delay; the call then runs.
	FaultLatency FaultKind = iota + 1
	// FaultHTML500 answers HTTP 500 with an HTML page; nothing runs.
	FaultHTML500
	// FaultHTML503 answers HTTP 503 with a proxy's HTML page; nothing runs.
	FaultHTML503
	// FaultResetBefore closes the connection without running the call.
	FaultResetBefore
	// FaultConnReset runs the call, then closes the connection without an
	// answer: the change stays and the client cannot know.
	FaultConnReset
	// FaultEmptyBody runs the call and answers HTTP 200 with no body.
	FaultEmptyBody
	// FaultTruncated runs the call and answers the first half of its body.
	FaultTruncated
	// FaultNotice runs the call and prints PHP notices (HTML, as with
	// display_errors on) before its JSON.
	FaultNotice
	// FaultRateLimit answers HTTP 429 (a proxy's limit); nothing runs.
	FaultRateLimit
)

var faultNames = map[FaultKind]string{
	FaultLatency: "latency", FaultHTML500: "html500", FaultHTML503: "html503", FaultResetBefore: "resetbefore",
	FaultConnReset: "connreset", FaultEmptyBody: "emptybody", FaultTruncated: "truncated", FaultNotice: "notice", FaultRateLimit: "ratelimit",
}

// String returns the kind's short name.
func (k FaultKind) String() string {
	if n, ok := faultNames[k]; ok {
		return n
	}
	return "FaultKind(?)"
}

// ParseFaultKind turns a short name ("connreset", ...) into a FaultKind.
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
	// Times is how many of the next matching calls fail; zero or less means
	// every matching call until ClearFaults.
	Times int
	// Delay is added latency (any kind).
	Delay time.Duration
}

// InjectFault makes calls of action ("goAddDID", or "*" for all) fail with
// f. An action's rules are used before "*" rules, in the order injected.
func (s *Server) InjectFault(function string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.Add(function, f, f.Times)
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.Clear()
}

func (s *Server) pickFault(fn string) Fault {
	f, _ := s.faults.Pick(fn)
	return f
}
