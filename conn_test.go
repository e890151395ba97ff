package voipms

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// countingListener counts the connections it accepts.
type countingListener struct {
	net.Listener
	accepted atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.accepted.Add(1)
	}
	return c, err
}

// TestSequentialCallsReuseConnections makes 1,000 sequential calls and
// checks that they share one or two TCP connections: the body is read to
// the end and closed on every path, so the transport keeps the connection.
func TestSequentialCallsReuseConnections(t *testing.T) {
	body := benchDIDsBody(10)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body) // no Content-Length: chunked, as large PHP answers are
	}))
	ln := &countingListener{Listener: srv.Listener}
	srv.Listener = ln
	srv.Start()
	defer srv.Close()

	c, err := New("user@example.com", "pw", WithBaseURL(srv.URL+"/api/v1/rest.php"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	ctx := context.Background()
	for i := range 1000 {
		n, err := sdkGetDIDsInfo(ctx, c)
		if err != nil || n != 10 {
			t.Fatalf("call %d: %d DIDs, %v", i, n, err)
		}
	}
	if n := ln.accepted.Load(); n < 1 || n > 2 {
		t.Fatalf("1000 sequential calls used %d connections, want 1 or 2", n)
	}
	t.Logf("1000 sequential calls, %d connection(s)", ln.accepted.Load())
}
