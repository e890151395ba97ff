// Package h2reset is a test helper: a TLS+ALPN "h2" server that executes
// every request and then misbehaves on its stream the first time each
// operation is seen, so that tests can check that a write is sent at most
// once below the client's retry policy (net/http's HTTP/2 transport replays
// some requests on its own) and that a read is retried.
//
// It needs no HTTP/2 library: it speaks just enough HTTP/2 (RFC 9113) by
// hand to read a request and answer it, or reset it.
package h2reset

import (
	"bufio"
	"crypto/tls"
	"encoding/binary"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

// HTTP/2 frame types and flags (RFC 9113 §6).
const (
	frameData     = 0x0
	frameHeaders  = 0x1
	frameRST      = 0x3
	frameSettings = 0x4
	framePing     = 0x6
	frameGoAway   = 0x7
	flagEnd       = 0x1 // END_STREAM on DATA/HEADERS, ACK on SETTINGS/PING
	flagEndHdrs   = 0x4
	flagPadded    = 0x8

	errProtocol      = 0x1
	errRefusedStream = 0x7
)

// The faults the server can inject on the first execution of an operation.
const (
	ProtocolError = "PROTOCOL_ERROR" // RST_STREAM PROTOCOL_ERROR
	RefusedStream = "REFUSED_STREAM" // RST_STREAM REFUSED_STREAM
	GoAway        = "GOAWAY"         // GOAWAY with Last-Stream-ID 0, then the connection closes
)

// Faults lists every fault, for table tests.
var Faults = []string{ProtocolError, RefusedStream, GoAway}

// Server executes every request (counts it under the name key gives it)
// and answers the first execution of each name with its fault. Later
// executions get a 200 whose body is answer(name).
type Server struct {
	fault  string
	key    func(body []byte) string
	answer func(name string) []byte

	mu       sync.Mutex
	executed map[string]int
	conns    []*tls.Conn
}

// FormField returns a key function naming a request by one field of its
// application/x-www-form-urlencoded body.
func FormField(field string) func(body []byte) string {
	return func(body []byte) string {
		form, _ := url.ParseQuery(string(body))
		return form.Get(field)
	}
}

// New starts a Server with the given fault and returns it with the
// httptest.Server to point a client at (use its Client()). Both are closed
// by t.Cleanup. A request that does not arrive over HTTP/2 fails t.
func New(t testing.TB, fault string, key func(body []byte) string, answer func(name string) []byte) (*Server, *httptest.Server) {
	t.Helper()
	s := &Server{fault: fault, key: key, answer: answer, executed: map[string]int{}}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request served over %s, want HTTP/2", r.Proto)
	}))
	srv.EnableHTTP2 = true
	srv.Config.TLSNextProto = map[string]func(*http.Server, *tls.Conn, http.Handler){
		"h2": func(_ *http.Server, c *tls.Conn, _ http.Handler) { s.serve(c) },
	}
	srv.StartTLS()
	t.Cleanup(func() {
		s.mu.Lock()
		for _, c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
		srv.Close()
	})
	return s, srv
}

// Count reports how many times the operation name was executed.
func (s *Server) Count(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.executed[name]
}

func writeFrame(w io.Writer, typ, flags byte, stream uint32, payload []byte) error {
	var hdr [9]byte
	hdr[0], hdr[1], hdr[2] = byte(len(payload)>>16), byte(len(payload)>>8), byte(len(payload))
	hdr[3], hdr[4] = typ, flags
	binary.BigEndian.PutUint32(hdr[5:], stream&0x7fffffff)
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	_, err := w.Write(payload)
	return err
}

func (s *Server) serve(c *tls.Conn) {
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.mu.Unlock()
	defer c.Close()
	r := bufio.NewReader(c)
	preface := make([]byte, 24)
	if _, err := io.ReadFull(r, preface); err != nil || string(preface) != "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" {
		return
	}
	var wmu sync.Mutex
	write := func(typ, flags byte, stream uint32, payload []byte) error {
		wmu.Lock()
		defer wmu.Unlock()
		return writeFrame(c, typ, flags, stream, payload)
	}
	if write(frameSettings, 0, 0, nil) != nil {
		return
	}
	bodies := map[uint32][]byte{}
	for {
		var hdr [9]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return
		}
		n := int(hdr[0])<<16 | int(hdr[1])<<8 | int(hdr[2])
		typ, flags := hdr[3], hdr[4]
		stream := binary.BigEndian.Uint32(hdr[5:]) & 0x7fffffff
		payload := make([]byte, n)
		if _, err := io.ReadFull(r, payload); err != nil {
			return
		}
		switch typ {
		case frameSettings:
			if flags&flagEnd == 0 {
				_ = write(frameSettings, flagEnd, 0, nil)
			}
		case framePing:
			if flags&flagEnd == 0 {
				_ = write(framePing, flagEnd, 0, payload)
			}
		case frameHeaders:
			bodies[stream] = []byte{}
			if flags&flagEnd != 0 {
				if !s.execute(write, stream, nil) {
					return
				}
			}
		case frameData:
			if flags&flagPadded != 0 && len(payload) > 0 {
				pad := int(payload[0])
				payload = payload[1 : len(payload)-pad]
			}
			bodies[stream] = append(bodies[stream], payload...)
			if flags&flagEnd != 0 {
				body := bodies[stream]
				delete(bodies, stream)
				if !s.execute(write, stream, body) {
					return
				}
			}
		}
	}
}

// execute runs one complete request; it reports false when the connection
// is to be dropped (after a GOAWAY).
func (s *Server) execute(write func(typ, flags byte, stream uint32, payload []byte) error, stream uint32, body []byte) bool {
	name := s.key(body)
	s.mu.Lock()
	s.executed[name]++
	first := s.executed[name] == 1
	s.mu.Unlock()
	if first {
		switch s.fault {
		case ProtocolError, RefusedStream:
			code := uint32(errProtocol)
			if s.fault == RefusedStream {
				code = errRefusedStream
			}
			var p [4]byte
			binary.BigEndian.PutUint32(p[:], code)
			_ = write(frameRST, 0, stream, p[:])
			return true
		case GoAway:
			// Last-Stream-ID 0: the server claims it processed nothing,
			// although it executed this stream.
			var p [8]byte
			_ = write(frameGoAway, 0, 0, p[:])
			time.Sleep(10 * time.Millisecond)
			return false
		}
	}
	// :status 200 is HPACK static table entry 8 (RFC 7541 appendix A).
	_ = write(frameHeaders, flagEndHdrs, stream, []byte{0x88})
	_ = write(frameData, flagEnd, stream, s.answer(name))
	return true
}
