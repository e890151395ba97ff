package voipms

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/didkit/voipms/internal/h2reset"
)

// TestHTTP2WritesNotReplayed is the HTTP/2 replay test of issue 11: a server
// (or proxy) that executes a request and then answers its stream with
// PROTOCOL_ERROR, REFUSED_STREAM or GOAWAY must not make net/http send a
// write again below our retry policy. Writes execute exactly once and
// return ErrOutcomeUnknown; reads are retried and succeed.
func TestHTTP2WritesNotReplayed(t *testing.T) {
	writes := []struct {
		method string
		params map[string]string
	}{
		{"sendSMS", map[string]string{"did": "5551234567", "dst": "5557654321", "message": "hello"}},
		{"orderDID", map[string]string{"did": "5551234567", "routing": "account:100001", "pop": "3", "dialtime": "60", "cnam": "0", "billing_type": "1"}},
		{"delForwarding", map[string]string{"forwarding": "1026"}},
	}
	for _, fault := range h2reset.Faults {
		t.Run(fault, func(t *testing.T) {
			s, srv := h2reset.New(t, fault, h2reset.FormField("method"), func(string) []byte {
				return []byte(`{"status":"success","ip":"127.0.0.1","sms":"7001","did":"5551234567"}`)
			})
			c, err := New("user@example.com", "pw-h2", WithHTTPClient(srv.Client()), WithBaseURL(srv.URL+"/api/v1/rest.php"),
				WithRetry(3, time.Millisecond, 2*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			defer c.CloseIdleConnections()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			for _, w := range writes {
				err := c.Call(ctx, w.method, w.params, nil)
				if !errors.Is(err, ErrOutcomeUnknown) {
					t.Errorf("%s after %s: err = %v, want ErrOutcomeUnknown", w.method, fault, err)
				}
				if n := s.Count(w.method); n != 1 {
					t.Errorf("%s after %s: executed %d times, want exactly 1", w.method, fault, n)
				}
			}
			// A read is retried (by us or by net/http) and succeeds.
			if err := c.Call(ctx, "getIP", nil, nil); err != nil {
				t.Errorf("getIP after %s: %v, want success after a retry", fault, err)
			}
			if n := s.Count("getIP"); n != 2 {
				t.Errorf("getIP after %s: executed %d times, want 2 (one fault, one retry)", fault, n)
			}
		})
	}
}
