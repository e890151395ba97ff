// Package fakefault holds the fault-injection machinery the fake servers
// (voipmstest, voipinnovationstest, vicidialtest, goautodialtest) share: a
// list of injected rules per operation with a "*" fallback and a use count,
// and the ways to drop a connection without an answer. Each fake keeps its
// own exported FaultKind and Fault types; only the mechanism lives here.
package fakefault

import (
	"io"
	"net"
	"net/http"
)

// Any is the operation name that matches every operation.
const Any = "*"

type rule[T any] struct {
	v    T
	left int // remaining uses; <0 = unlimited
}

// Rules are injected rules (faults, statuses) keyed by operation name. An
// operation's own rules are used in the order they were added, before the
// Any rules. The zero Rules is empty and ready to use. Rules is not safe for
// concurrent use: the fake calls it under its own lock.
type Rules[T any] struct {
	m map[string][]*rule[T]
}

// Add appends a rule for op (or Any) used for the next times calls; times
// <= 0 means every call until Clear.
func (r *Rules[T]) Add(op string, v T, times int) {
	left := times
	if left <= 0 {
		left = -1
	}
	if r.m == nil {
		r.m = map[string][]*rule[T]{}
	}
	r.m[op] = append(r.m[op], &rule[T]{v: v, left: left})
}

// Clear removes every rule.
func (r *Rules[T]) Clear() { r.m = nil }

// Pick uses up one call of the first rule that applies to op and returns
// its value; ok is false when no rule applies.
func (r *Rules[T]) Pick(op string) (v T, ok bool) {
	for _, key := range []string{op, Any} {
		rules := r.m[key]
		for i, ru := range rules {
			if ru.left == 0 {
				continue
			}
			if ru.left > 0 {
				ru.left--
			}
			if ru.left == 0 {
				r.m[key] = append(rules[:i:i], rules[i+1:]...)
			}
			return ru.v, true
		}
	}
	return v, false
}

// ResetConn drops the connection without an answer, with a TCP reset (RST)
// when it can be hijacked, else by aborting the handler.
func ResetConn(w http.ResponseWriter) {
	closeConn(w, true)
}

// CloseConn drops the connection without an answer with an orderly close
// (FIN) when it can be hijacked, else by aborting the handler.
func CloseConn(w http.ResponseWriter) {
	closeConn(w, false)
}

func closeConn(w http.ResponseWriter, rst bool) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok && rst {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// The error pages an Apache server (VICIdial, GoAutoDial) answers with.
const (
	ApacheHTML500 = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>\n"
	ApacheHTML503 = "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>\n"
)

// WriteHTML answers status with an HTML page in the given charset.
func WriteHTML(w http.ResponseWriter, status int, charset, page string) {
	w.Header().Set("Content-Type", "text/html; charset="+charset)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, page)
}
