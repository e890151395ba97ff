package goautodial_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/didkit/voipms/goautodial"
)

// HTTP/2 frame types and flags (RFC 9113 §6), written by hand so the test
// needs no HTTP/2 library (the same server as the root package's
// h2_replay_test.go, answering goAPI JSON): the server below speaks just enough HTTP/2 to
// execute a request and then misbehave on its stream.
const (
	h2Data         = 0x0
	h2Headers      = 0x1
	h2RSTStream    = 0x3
	h2Settings     = 0x4
	h2Ping         = 0x6
	h2GoAway       = 0x7
	h2FlagEnd      = 0x1 // END_STREAM on DATA/HEADERS, ACK on SETTINGS/PING
	h2FlagEndHdrs  = 0x4
	h2FlagPadded   = 0x8
	h2FlagPriority = 0x20

	h2ErrProtocol      = 0x1
	h2ErrRefusedStream = 0x7
)

// h2Misbehaving is a TLS+ALPN h2 server that executes every request (counts
// it by wire function) and answers the first execution of each method with
// fault: an RST_STREAM PROTOCOL_ERROR, an RST_STREAM REFUSED_STREAM, or a
// GOAWAY that disowns the stream. Later executions get a success envelope.
type h2Misbehaving struct {
	fault string

	mu       sync.Mutex
	executed map[string]int
	conns    []*tls.Conn
}

func (s *h2Misbehaving) count(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.executed[method]
}

func newH2Misbehaving(t *testing.T, fault string) (*h2Misbehaving, *httptest.Server) {
	t.Helper()
	s := &h2Misbehaving{fault: fault, executed: map[string]int{}}
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

func h2WriteFrame(w io.Writer, typ, flags byte, stream uint32, payload []byte) error {
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

func (s *h2Misbehaving) serve(c *tls.Conn) {
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
		return h2WriteFrame(c, typ, flags, stream, payload)
	}
	if write(h2Settings, 0, 0, nil) != nil {
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
		case h2Settings:
			if flags&h2FlagEnd == 0 {
				_ = write(h2Settings, h2FlagEnd, 0, nil)
			}
		case h2Ping:
			if flags&h2FlagEnd == 0 {
				_ = write(h2Ping, h2FlagEnd, 0, payload)
			}
		case h2Headers:
			bodies[stream] = []byte{}
			if flags&h2FlagEnd != 0 {
				if !s.execute(write, stream, nil) {
					return
				}
			}
		case h2Data:
			if flags&h2FlagPadded != 0 && len(payload) > 0 {
				pad := int(payload[0])
				payload = payload[1 : len(payload)-pad]
			}
			bodies[stream] = append(bodies[stream], payload...)
			if flags&h2FlagEnd != 0 {
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
func (s *h2Misbehaving) execute(write func(typ, flags byte, stream uint32, payload []byte) error, stream uint32, body []byte) bool {
	form, _ := url.ParseQuery(string(body))
	method := form.Get("goAction")
	s.mu.Lock()
	s.executed[method]++
	first := s.executed[method] == 1
	s.mu.Unlock()
	if first {
		switch s.fault {
		case "PROTOCOL_ERROR", "REFUSED_STREAM":
			code := uint32(h2ErrProtocol)
			if s.fault == "REFUSED_STREAM" {
				code = h2ErrRefusedStream
			}
			var p [4]byte
			binary.BigEndian.PutUint32(p[:], code)
			_ = write(h2RSTStream, 0, stream, p[:])
			return true
		case "GOAWAY":
			// Last-Stream-ID 0: the server claims it processed nothing,
			// although it executed this stream.
			var p [8]byte
			_ = write(h2GoAway, 0, 0, p[:])
			time.Sleep(10 * time.Millisecond)
			return false
		}
	}
	// :status 200 is HPACK static table entry 8 (RFC 7541 appendix A).
	_ = write(h2Headers, h2FlagEndHdrs, stream, []byte{0x88})
	_ = write(h2Data, h2FlagEnd, stream, []byte(`{"result":"success"}`))
	return true
}

// TestHTTP2WritesNotReplayed: a server (or proxy) that executes a request
// and then answers its stream with PROTOCOL_ERROR, REFUSED_STREAM or GOAWAY
// must not make net/http send a write again. Writes execute once and
// return ErrOutcomeUnknown; reads are retried and succeed.
func TestHTTP2WritesNotReplayed(t *testing.T) {
	writes := map[string]func(context.Context, *goautodial.Client) error{
		"goAddDID": func(ctx context.Context, c *goautodial.Client) error {
			return c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "3125550100", Description: "d", UserGroup: "ADMIN"})
		},
		"goEditDID": func(ctx context.Context, c *goautodial.Client) error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 3, Route: goautodial.CallMenu("MAINMENU")})
		},
		"goDeleteDID": func(ctx context.Context, c *goautodial.Client) error { return c.DIDs.Delete(ctx, 3) },
	}
	for _, fault := range []string{"PROTOCOL_ERROR", "REFUSED_STREAM", "GOAWAY"} {
		t.Run(fault, func(t *testing.T) {
			s, srv := newH2Misbehaving(t, fault)
			c, err := goautodial.New(srv.URL+"/goAPIv2", "apiuser", "h2-pass-hash-0123456789abcdef", goautodial.WithHTTPClient(srv.Client()),
				goautodial.WithRetry(3, time.Millisecond, 2*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			defer c.CloseIdleConnections()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			for action, write := range writes {
				err := write(ctx, c)
				if !errors.Is(err, goautodial.ErrOutcomeUnknown) {
					t.Errorf("%s after %s: err = %v, want ErrOutcomeUnknown", action, fault, err)
				}
				if n := s.count(action); n != 1 {
					t.Errorf("%s after %s: executed %d times, want exactly 1", action, fault, n)
				}
			}
			if ex, err := c.DIDs.Exists(ctx, "3125550100"); err != nil || ex {
				t.Errorf("goCheckDID after %s: %v %v, want success after a retry", fault, ex, err)
			}
			if n := s.count("goCheckDID"); n != 2 {
				t.Errorf("goCheckDID after %s: executed %d times, want 2", fault, n)
			}
		})
	}
}
