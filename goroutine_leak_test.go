package voipms_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// TestNoGoroutineLeakUnderFaultsAndCancels runs a shared client through the
// paths that end badly — injected faults of every kind (resets, HTML pages,
// truncated and empty bodies, latency), retries, and contexts that end
// mid-call or mid-backoff — then closes the simulator and checks that every
// goroutine the calls started has ended.
func TestNoGoroutineLeakUnderFaultsAndCancels(t *testing.T) {
	before := settledGoroutines()
	srv := voipmstest.NewServer(voipmstest.WithSeed(21), voipmstest.WithFaultRate(0.5,
		voipmstest.FaultHTML500, voipmstest.FaultHTML503, voipmstest.FaultConnReset, voipmstest.FaultNoStatus,
		voipmstest.FaultTruncated, voipmstest.FaultEmptyBody, voipmstest.FaultLatency))
	c, err := srv.Client(voipms.WithRetry(4, time.Millisecond, 20*time.Millisecond), voipms.WithTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				timeout := time.Second
				if i%3 == 0 {
					timeout = time.Duration(1+((w+i)%5)) * time.Millisecond // ends mid-call or mid-backoff
				}
				ctx, cancel := context.WithTimeout(context.Background(), timeout)
				if i%2 == 0 {
					_, _ = c.DIDs.List(ctx, nil)
				} else {
					_, _ = c.Forwardings.Set(ctx, &voipms.ForwardingSetParams{PhoneNumber: fmt.Sprintf("51455501%02d", i)})
				}
				cancel()
			}
		}()
	}
	wg.Wait()
	if srv.Calls("getDIDsInfo") == 0 || srv.Calls("setForwarding") == 0 {
		t.Fatalf("the calls did not reach the simulator: %d reads, %d writes", srv.Calls("getDIDsInfo"), srv.Calls("setForwarding"))
	}
	srv.Close()

	deadline := time.Now().Add(3 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= before {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("goroutines: %d before, %d after the simulator closed\n%s", before, n, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// settledGoroutines waits for goroutines left by earlier tests to finish and
// returns the count.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for range 50 {
		time.Sleep(20 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m == n {
			return m
		}
		n = m
	}
	return n
}
