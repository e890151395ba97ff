package voipmstest_test

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// TestSDKClientSmoke drives the server through the SDK's raw Call.
func TestSDKClientSmoke(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	c, err := s.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	var states struct {
		States []struct {
			State       string `json:"state"`
			Description string `json:"description"`
		} `json:"states"`
	}
	if err := c.Call(ctx, "getStates", nil, &states); err != nil {
		t.Fatal(err)
	}
	if len(states.States) != 51 || states.States[0].State != "AL" {
		t.Fatalf("%+v", states)
	}

	err = c.Call(ctx, "getDIDsInfo", nil, nil)
	var ae *voipms.APIError
	if !errors.As(err, &ae) || ae.Status != "no_did" || !errors.Is(err, voipms.ErrNotFound) {
		t.Fatalf("empty account: %v", err)
	}

	did := firstDID(t, s)
	p := url.Values{}
	kv := orderParams(did)
	for i := 0; i < len(kv); i += 2 {
		p.Set(kv[i], kv[i+1])
	}
	s.InjectFault("orderDID", voipmstest.Fault{Kind: voipmstest.FaultConnReset, Times: 1})
	err = c.Call(ctx, "orderDID", p, nil)
	if !errors.Is(err, voipms.ErrOutcomeUnknown) {
		t.Fatalf("order with reset: %v", err)
	}
	if s.OrderCount(did) != 1 || s.Calls("orderDID") != 1 {
		t.Fatalf("orders %d calls %d", s.OrderCount(did), s.Calls("orderDID"))
	}
	err = c.Call(ctx, "orderDID", p, nil)
	if !errors.Is(err, voipms.ErrConflict) {
		t.Fatalf("second order: %v", err)
	}

	bad, err := voipms.New(s.Username(), "wrong", voipms.WithBaseURL(s.URL()))
	if err != nil {
		t.Fatal(err)
	}
	if err := bad.Call(ctx, "getStates", nil, nil); !errors.Is(err, voipms.ErrAuth) {
		t.Fatalf("bad password: %v", err)
	}
}
