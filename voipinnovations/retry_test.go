package voipinnovations_test

import (
	"context"
	"errors"
	"testing"
	"time"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

// Reads are retried on transient failures (through the shared transport):
// each fault kind once, then the answer.
func TestReadsRetryTransientFailures(t *testing.T) {
	kinds := []voipinnovationstest.FaultKind{
		voipinnovationstest.FaultResetAfter, voipinnovationstest.FaultResetBefore, voipinnovationstest.FaultTruncated,
		voipinnovationstest.FaultEmptyBody, voipinnovationstest.FaultSOAPServer, voipinnovationstest.FaultSOAPServerAfter,
		voipinnovationstest.FaultHTML503,
	}
	for _, k := range kinds {
		t.Run(k.String(), func(t *testing.T) {
			srv := voipinnovationstest.NewServer()
			defer srv.Close()
			c, _ := srv.Client(vi.WithRetry(3, time.Millisecond, 2*time.Millisecond))
			srv.InjectFault("getDIDs", voipinnovationstest.Fault{Kind: k, Times: 2})
			found, err := c.DIDs.Search(context.Background(), &vi.DIDSearchParams{State: "UT"})
			if err != nil || len(found) == 0 {
				t.Fatalf("%v", err)
			}
			if n := srv.Calls("getDIDs"); n != 3 {
				t.Fatalf("%d attempts, want 3", n)
			}
		})
	}
}

func TestReadsGiveUpWithinBudget(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	c, _ := srv.Client(vi.WithRetry(2, time.Millisecond, time.Millisecond))
	srv.InjectFault("queryDID", voipinnovationstest.Fault{Kind: voipinnovationstest.FaultHTML503})
	_, err := c.DIDs.Get(context.Background(), "3055550100")
	var re *vi.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode != 503 || !errors.Is(err, vi.ErrUnavailable) || errors.Is(err, vi.ErrBadResponse) {
		t.Fatalf("%v", err)
	}
	if n := srv.Calls("queryDID"); n != 2 {
		t.Fatalf("%d attempts", n)
	}
	srv.ClearFaults()
	srv.InjectFault("auditDIDs", voipinnovationstest.Fault{Kind: voipinnovationstest.FaultResetBefore})
	_, err = c.DIDs.List(context.Background())
	var te *vi.TransportError
	if !errors.As(err, &te) || !errors.Is(err, vi.ErrTransport) || errors.Is(err, vi.ErrOutcomeUnknown) {
		t.Fatalf("%v", err)
	}
}

func TestContextEndsRetries(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	c, _ := srv.Client(vi.WithRetry(10, 200*time.Millisecond, 200*time.Millisecond))
	srv.InjectFault("getDIDs", voipinnovationstest.Fault{Kind: voipinnovationstest.FaultHTML503})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := c.DIDs.Search(ctx, &vi.DIDSearchParams{State: "UT"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v", err)
	}
	if n := srv.Calls("getDIDs"); n < 1 || n > 3 {
		t.Fatalf("%d attempts", n)
	}
	cctx, ccancel := context.WithCancel(context.Background())
	ccancel()
	if _, err := c.DIDs.Reserve(cctx, "3055550100"); !errors.Is(err, context.Canceled) || errors.Is(err, vi.ErrOutcomeUnknown) {
		t.Fatalf("cancelled before sending: %v", err)
	}
	if srv.Calls("reserveDID") != 0 {
		t.Fatal("sent after cancel")
	}
}

func TestWriteHungIsUnknown(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	c, _ := srv.Client(vi.WithTimeout(100*time.Millisecond), vi.WithRetry(4, 0, 0))
	tn := numbersBy(srv, voipinnovationstest.Available, "", 1)[0]
	srv.InjectFault("reserveDID", voipinnovationstest.Fault{Kind: voipinnovationstest.FaultLatency, Delay: time.Second, Times: 1})
	_, err := c.DIDs.Reserve(context.Background(), tn)
	if !errors.Is(err, vi.ErrOutcomeUnknown) || srv.Calls("reserveDID") != 1 {
		t.Fatalf("%v, %d calls", err, srv.Calls("reserveDID"))
	}
}
