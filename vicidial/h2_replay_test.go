package vicidial_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/didkit/voipms/internal/h2reset"
	"github.com/didkit/voipms/vicidial"
)

// TestHTTP2WritesNotReplayed: a server (or proxy) that executes a request
// and then answers its stream with PROTOCOL_ERROR, REFUSED_STREAM or GOAWAY
// must not make net/http send a write again. Writes execute once and
// return ErrOutcomeUnknown; reads are retried and succeed.
func TestHTTP2WritesNotReplayed(t *testing.T) {
	for _, fault := range h2reset.Faults {
		t.Run(fault, func(t *testing.T) {
			s, srv := h2reset.New(t, fault, h2reset.FormField("function"), func(fn string) []byte { return []byte(canned[fn]) })
			c, err := vicidial.New(srv.URL+"/adminpanel/api.php", "6666", "h2-Pass", "test", vicidial.WithHTTPClient(srv.Client()),
				vicidial.WithRetry(3, time.Millisecond, 2*time.Millisecond), vicidial.WithServerBuild("250718-1200"))
			if err != nil {
				t.Fatal(err)
			}
			defer c.CloseIdleConnections()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			for _, wc := range writeCases() {
				err := wc.call(ctx, c)
				if !errors.Is(err, vicidial.ErrOutcomeUnknown) {
					t.Errorf("%s after %s: err = %v, want ErrOutcomeUnknown", wc.fn, fault, err)
				}
				if n := s.Count(wc.fn); n != 1 {
					t.Errorf("%s after %s: executed %d times, want exactly 1", wc.fn, fault, n)
				}
			}
			if _, err := c.Reports.GetAgentStatus(ctx, "1234"); err != nil {
				t.Errorf("agent_status after %s: %v, want success after a retry", fault, err)
			}
			if n := s.Count("agent_status"); n != 2 {
				t.Errorf("agent_status after %s: executed %d times, want 2", fault, n)
			}
		})
	}
}
