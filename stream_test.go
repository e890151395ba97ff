package voipms

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A server announcing a body larger than the cap is refused at once: the
// client returns without reading the body. The server sends a few bytes
// and then nothing more until the test ends, so a client that did read
// would hang until its timeout and fail with a transport error instead.
func TestContentLengthOverCapRefusedBeforeReading(t *testing.T) {
	release := make(chan struct{})
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1099511627776") // 1 TiB
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"status":"success","dids":[`))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)

	c, err := New("u@example.com", "pw-sentinel-9f3a", WithBaseURL(srv.URL), WithTimeout(time.Minute),
		WithRetry(3, time.Millisecond, time.Millisecond), WithMaxResponseBytes(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err = c.DIDs.List(ctx, nil)
	var re *ResponseError
	if !errors.As(err, &re) || re.Kind != BodyTooLarge {
		t.Fatalf("err = %v, want a *ResponseError of kind BodyTooLarge", err)
	}
	if !errors.Is(err, ErrBadResponse) {
		t.Errorf("errors.Is(err, ErrBadResponse) = false for %v", err)
	}
	for _, want := range []string{"Content-Length 1099511627776", "1048576-byte cap", "streaming form DIDs.All", "WithMaxResponseBytes"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "pw-sentinel") {
		t.Errorf("error leaks the password: %v", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server saw %d requests, want 1 (a body over the cap is not retried)", n)
	}
	if ctx.Err() != nil {
		t.Errorf("the call ran until the context ended: %v", ctx.Err())
	}
}

// The default cap lets the largest real accounts through (arithmetic at
// defaultMaxBodyBytes): 250,000 DIDs at the bench body's bytes per DID.
func TestDefaultCapFitsLargestAccounts(t *testing.T) {
	perDID := len(benchDIDsBody(1000)) / 1000
	if got := int64(perDID) * 250_000; got > defaultMaxBodyBytes {
		t.Errorf("250,000 DIDs (%d bytes) over the default cap %d", got, int64(defaultMaxBodyBytes))
	}
	if got := int64(340) * 1_000_000; got > defaultMaxBodyBytes {
		t.Errorf("1,000,000 CDRs (%d bytes) over the default cap %d", got, int64(defaultMaxBodyBytes))
	}
}
