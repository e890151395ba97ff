package voipms

import (
	"runtime"
	"testing"
	"time"
)

func runtimeGoroutines() int { return runtime.NumGoroutine() }

// waitForGoroutines fails the test if, within two seconds, the number of
// goroutines does not fall back to at most before.
func waitForGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= before {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("goroutines: %d before, %d after\n%s", before, n, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}
