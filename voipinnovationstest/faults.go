package voipinnovationstest

import (
	"strconv"
	"time"
)

// FaultKind is a way a call can go wrong on the wire.
type FaultKind int

const (
	// FaultLatency delays the answer by Fault.Delay; the call then runs
	// normally.
	FaultLatency FaultKind = iota + 1
	// FaultSOAPServer answers HTTP 500 with a soap:Server fault. The call is
	// not executed.
	FaultSOAPServer
	// FaultSOAPServerAfter executes the call, then answers a soap:Server
	// fault (an exception after the change).
	FaultSOAPServerAfter
	// FaultHTML503 answers HTTP 503 with an HTML page. Not executed.
	FaultHTML503
	// FaultResetBefore closes the connection without executing.
	FaultResetBefore
	// FaultResetAfter executes the call, then closes the connection without
	// answering: the change stays, the client cannot know.
	FaultResetAfter
	// FaultTruncated executes the call and answers half of its body.
	FaultTruncated
	// FaultEmptyBody executes the call and answers HTTP 200 with no body.
	FaultEmptyBody
)

var faultNames = map[FaultKind]string{
	FaultLatency: "latency", FaultSOAPServer: "soapfault", FaultSOAPServerAfter: "soapfault-after",
	FaultHTML503: "html503", FaultResetBefore: "reset-before", FaultResetAfter: "reset-after",
	FaultTruncated: "truncated", FaultEmptyBody: "emptybody",
}

// String returns the kind's short name (as accepted by ParseFaultKind).
func (k FaultKind) String() string {
	if n, ok := faultNames[k]; ok {
		return n
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// ParseFaultKind turns a short name ("reset-after", "html503", ...) into a
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

// InjectFault makes calls of op (a wire operation such as "assignDID", or
// "*" for all) fail with f. An op's rules are used in the order injected,
// before "*" rules.
func (s *Server) InjectFault(op string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.Add(op, f, f.Times)
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.Clear()
}

// pickFault chooses the fault for one call. Caller holds s.mu.
func (s *Server) pickFault(op string) Fault {
	f, _ := s.faults.Pick(op)
	return f
}
