package voipms

import (
	"github.com/didkit/voipms/internal/transport"
)

// Retry policy. Which calls may be sent again is decided per wire method by
// methodTable (methods_gen.go); the decision itself is
// transport.ShouldRetry, the one retry decision of every provider client:
//
//   - read-only methods (get*, search*, ...) and dry runs (test=1) are sent
//     again after dial errors, connection resets, timeouts, HTTP/2 stream
//     errors, HTTP 429/500/502/503/504, bodies that are not a usable
//     envelope (HTML pages, empty or truncated JSON, JSON without status)
//     and api_limit_exceeded, with jittered exponential backoff that
//     honours Retry-After, inside the caller's context;
//   - state-changing methods (set*, del*, orders, cancels, sends, charges:
//     the "write" and "money" classes, treated alike) are sent again only
//     when nothing can have been sent (a dial or DNS failure, a proxy that
//     could not be reached) or when VoIP.ms answered api_limit_exceeded,
//     which proves the call did nothing; that retry waits the longest
//     backoff step (WithRetry's maxWait). Any other failure after sending is
//     an *OutcomeUnknownError. net/http cannot replay them either: their
//     request has no GetBody and a body it cannot rewind.

type methodClass int

const (
	classRead  methodClass = iota + 1 // changes nothing; retried on transient failures
	classWrite                        // changes account state; never sent twice
	// classMoney marks the methods that buy, cancel, charge or send. At
	// run time it is a write: the label documents the methods and is
	// pinned by TestMethodClassesHandWritten.
	classMoney
)

type methodInfo struct {
	Class   methodClass
	HasTest bool
	Meaning methodMeaning // what the method does with records (list, fetch, create, delete, other)
}

func lookupMethod(method string) methodInfo {
	if info, ok := methodTable[method]; ok {
		return info
	}
	// Unknown (newer) methods are treated as state-changing: never retried.
	return methodInfo{Class: classWrite}
}

// transportClassOf is the retry class of one call, given the test parameter
// as sent: a read, or a dry run of a method that has one (test=1 changes
// nothing), is a transport.Read; everything else a transport.Write.
func transportClassOf(info methodInfo, test string) transport.Class {
	if info.Class == classRead {
		return transport.Read
	}
	if info.HasTest {
		switch test {
		case "1", "true":
			return transport.Read
		}
	}
	return transport.Write
}
