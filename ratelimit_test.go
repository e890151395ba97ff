package voipms

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// WithRateLimit holds calls back before they reach the transport, and a
// waiting call gives up as soon as its context ends.
func TestClientSideRateLimit(t *testing.T) {
	c, mock := newMockClient(t, WithRateLimit(rate.Every(time.Hour), 1))
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"success","ip":"127.0.0.1"}`))
	if err := c.Call(context.Background(), "getIP", nil, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := c.Call(ctx, "orderDID", nil, nil)
	if err == nil {
		t.Fatal("second call passed a limiter of one call per hour")
	}
	if errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("a call held back by the limiter was never sent: %v", err)
	}
	if n := mock.GetTotalCallCount(); n != 1 {
		t.Errorf("%d requests reached the transport, want 1", n)
	}
}
