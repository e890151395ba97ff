package goautodial_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/goautodialtest"
)

// TestConcurrentRegister: eight goroutines share one client. Distinct
// numbers all register; the same number registers once, the others get
// ErrConflict from the add (nothing half done). No goroutine outlives the
// fake and the client.
func TestConcurrentRegister(t *testing.T) {
	before := runtime.NumGoroutine()
	func() {
		srv := goautodialtest.NewServer()
		defer srv.Close()
		c, err := srv.Client()
		if err != nil {
			t.Fatal(err)
		}
		defer c.CloseIdleConnections()
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make([]error, 16)
		for i := 0; i < 16; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				pattern := fmt.Sprintf("312555%04d", i)
				if i >= 8 {
					pattern = "3125559999" // the same number for the second half
				}
				_, errs[i] = c.DIDs.Register(ctx, &goautodial.DIDRegisterParams{Pattern: pattern, Description: "d", UserGroup: "ADMIN",
					Route: goautodial.Voicemail(fmt.Sprint(100 + i))})
			}(i)
		}
		wg.Wait()
		won := 0
		for i, err := range errs {
			switch {
			case err == nil && i >= 8:
				won++
			case err == nil:
			case i >= 8 && errors.Is(err, goautodial.ErrConflict):
			default:
				t.Errorf("register %d: %v", i, err)
			}
		}
		if won != 1 || len(srv.DIDs()) != 9 {
			t.Errorf("same number registered %d times, %d rows", won, len(srv.DIDs()))
		}
		for _, r := range srv.DIDs() {
			if r["did_route"] != "VOICEMAIL" {
				t.Errorf("row not routed: %v", r)
			}
		}
	}()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after Close, %d before", n, before)
	}
}
