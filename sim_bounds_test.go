package voipms_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// The simulator enforces the documented dialtime range (1..1200 seconds) on
// orderDID, checked here through the raw Call (the SDK's own validation is
// bypassed), so removing the simulator's range check fails this test
// (mutation 5 of issue 12). The boundary values are accepted.
func TestSimulatorDialtimeRange(t *testing.T) {
	srv := voipmstest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pool := availablePool(t, c, 4, false)
	for i, tc := range []struct {
		dialtime int
		ok       bool
	}{{0, false}, {1201, false}, {-5, false}, {1, true}, {1200, true}} {
		did := pool[i%len(pool)]
		params := map[string]string{
			"did": did, "routing": "account:100001_VoIP", "pop": "3", "dialtime": strconv.Itoa(tc.dialtime),
			"cnam": "0", "billing_type": "1", "test": "1",
		}
		err := c.Call(ctx, "orderDID", params, nil)
		var ae *voipms.APIError
		switch {
		case tc.ok && err != nil:
			t.Errorf("dialtime %d: %v, want accepted", tc.dialtime, err)
		case !tc.ok && (!errors.As(err, &ae) || ae.Status != "invalid_dialtime"):
			t.Errorf("dialtime %d: %v, want invalid_dialtime", tc.dialtime, err)
		}
	}
}
