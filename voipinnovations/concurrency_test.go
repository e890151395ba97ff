package voipinnovations_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

// One client used by many goroutines (run with -race): each number ends
// up assigned exactly once although every goroutine tries to buy all of
// them, and nothing leaks after Close.
func TestConcurrentBuyersOneWinnerEach(t *testing.T) {
	before := runtime.NumGoroutine()
	srv := voipinnovationstest.NewServer()
	c, _ := srv.Client()
	tns := numbersBy(srv, voipinnovationstest.Available, "", 8)
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := map[string]int{}
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, tn := range tns {
				res, err := c.DIDs.Assign(context.Background(), vi.DIDParam{TN: tn, EndpointGroup: 8674})
				if err != nil {
					t.Errorf("%s: %v", tn, err)
					return
				}
				if res[0].DID.StatusCode == vi.StatusOK {
					mu.Lock()
					wins[tn]++
					mu.Unlock()
				} else if res[0].DID.StatusCode != vi.StatusAssignAlreadyAssigned {
					t.Errorf("%s: %v", tn, res[0].DID.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
	for _, tn := range tns {
		if wins[tn] != 1 {
			t.Errorf("%s assigned %d times", tn, wins[tn])
		}
	}
	if got, err := c.DIDs.List(context.Background()); err != nil || len(got) != len(tns) {
		t.Fatalf("%d owned, %v", len(got), err)
	}
	// a call in flight when the server closes ends with an error, not a hang
	srv.InjectFault("auditDIDs", voipinnovationstest.Fault{Kind: voipinnovationstest.FaultLatency, Delay: 5 * time.Second})
	done := make(chan error, 1)
	go func() { _, err := c.DIDs.List(context.Background()); done <- err }()
	time.Sleep(50 * time.Millisecond)
	srv.Close()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, vi.ErrOutcomeUnknown) {
			t.Fatalf("in-flight read: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("in-flight call hung after Close")
	}
	c.CloseIdleConnections()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}
