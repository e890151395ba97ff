package voipinnovations_test

import (
	"context"
	"errors"
	"testing"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

// A write that fails after it may have reached the server is executed at
// most once and comes back as ErrOutcomeUnknown; the reconcile helpers then
// tell what happened.
func TestWriteOnceUnderFaults(t *testing.T) {
	cases := []struct {
		kind     voipinnovationstest.FaultKind
		executed bool
	}{
		{voipinnovationstest.FaultResetAfter, true},
		{voipinnovationstest.FaultTruncated, true},
		{voipinnovationstest.FaultEmptyBody, true},
		{voipinnovationstest.FaultSOAPServerAfter, true},
		{voipinnovationstest.FaultSOAPServer, false},
		{voipinnovationstest.FaultHTML503, false},
		{voipinnovationstest.FaultResetBefore, false},
	}
	for _, tc := range cases {
		t.Run(tc.kind.String(), func(t *testing.T) {
			srv := voipinnovationstest.NewServer()
			defer srv.Close()
			c, _ := srv.Client(vi.WithRetry(4, 0, 0))
			ctx := context.Background()
			tn := numbersBy(srv, voipinnovationstest.Available, "", 1)[0]
			srv.InjectFault("assignDID", voipinnovationstest.Fault{Kind: tc.kind})
			p := vi.DIDParam{TN: tn, EndpointGroup: 8674}
			res, err := c.DIDs.Assign(ctx, p)
			var ou *vi.OutcomeUnknownError
			if !errors.Is(err, vi.ErrOutcomeUnknown) || !errors.As(err, &ou) || res != nil {
				t.Fatalf("err %v, results %v; want an unknown outcome", err, res)
			}
			if len(ou.TNs) != 1 || ou.TNs[0] != tn || ou.Op != "assignDID" {
				t.Fatalf("outcome error %+v", ou)
			}
			for _, cat := range []error{vi.ErrUnavailable, vi.ErrBadResponse, vi.ErrInvalidParameter, vi.ErrTransport} {
				if errors.Is(err, cat) {
					t.Errorf("also matches %v", cat)
				}
			}
			if n := srv.Calls("assignDID"); n != 1 {
				t.Fatalf("assignDID sent %d times", n)
			}
			wantExec := 0
			if tc.executed {
				wantExec = 1
			}
			if n := srv.Executions("assignDID"); n != wantExec {
				t.Fatalf("executed %d times, want %d", n, wantExec)
			}
			srv.ClearFaults()
			out, err := c.DIDs.ReconcileAssign(ctx, p)
			if err != nil || len(out) != 1 || out[0].Done != tc.executed || out[0].TN != tn {
				t.Fatalf("reconcile: %+v %v", out, err)
			}
			if tc.executed && out[0].DID.EndpointGroup != 8674 {
				t.Fatalf("reconciled record %+v", out[0].DID)
			}
			// settling: assign again only when not done; either way it is then ours, once
			if !out[0].Done {
				if _, err := c.DIDs.Assign(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
			if n, _ := srv.Number(tn); n.Status != voipinnovationstest.Assigned || n.Account != srv.Login() {
				t.Fatalf("number %+v", n)
			}
			if n := srv.Executions("assignDID"); n != 1 {
				t.Fatalf("assign executed %d times in all", n)
			}
		})
	}
}

func TestEveryWriteIsSentOnce(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	c, _ := srv.Client(vi.WithRetry(5, 0, 0))
	ctx := context.Background()
	tns := numbersBy(srv, voipinnovationstest.Available, "", 3)
	if _, err := c.DIDs.Assign(ctx, vi.DIDParam{TN: tns[1], EndpointGroup: 8674}, vi.DIDParam{TN: tns[2], EndpointGroup: 8674}); err != nil {
		t.Fatal(err)
	}
	writes := []struct {
		op   string
		call func() error
	}{
		{"reserveDID", func() error { _, err := c.DIDs.Reserve(ctx, tns[0]); return err }},
		{"configDID", func() error {
			_, err := c.DIDs.Configure(ctx, vi.DIDParam{TN: tns[1], EndpointGroup: 8675})
			return err
		}},
		{"releaseDID", func() error { _, err := c.DIDs.Release(ctx, tns[2]); return err }},
	}
	for _, w := range writes {
		srv.InjectFault(w.op, voipinnovationstest.Fault{Kind: voipinnovationstest.FaultResetAfter, Times: 1})
		err := w.call()
		if !errors.Is(err, vi.ErrOutcomeUnknown) {
			t.Errorf("%s: %v", w.op, err)
		}
		if srv.Calls(w.op) != 1 || srv.Executions(w.op) != 1 {
			t.Errorf("%s: %d calls, %d executions", w.op, srv.Calls(w.op), srv.Executions(w.op))
		}
	}
	if out, err := c.DIDs.ReconcileReserve(ctx, tns[0]); err != nil || !out[0].Done {
		t.Errorf("reserve reconcile %+v %v", out, err)
	}
	no := false
	if out, err := c.DIDs.ReconcileConfigure(ctx, vi.DIDParam{TN: tns[1], EndpointGroup: 8675, CNAM: &no}); err != nil || !out[0].Done {
		t.Errorf("configure reconcile %+v %v", out, err)
	}
	if out, err := c.DIDs.ReconcileConfigure(ctx, vi.DIDParam{TN: tns[1], EndpointGroup: 8674}); err != nil || out[0].Done {
		t.Errorf("configure reconcile with the old group %+v %v", out, err)
	}
	if out, err := c.DIDs.ReconcileRelease(ctx, tns[2], tns[1]); err != nil || !out[0].Done || out[1].Done {
		t.Errorf("release reconcile %+v %v", out, err)
	}
}

func TestDryRunRefusesWrites(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	c, _ := srv.Client(vi.WithDryRun())
	ctx := context.Background()
	tn := numbersBy(srv, voipinnovationstest.Available, "", 1)[0]
	if _, err := c.DIDs.Reserve(ctx, tn); !errors.Is(err, vi.ErrDryRunRefused) {
		t.Fatalf("reserve: %v", err)
	}
	if _, err := c.Features.SetForward(ctx, &vi.FeatureSetForwardParams{TN: tn, Forward: "3055550100"}); !errors.Is(err, vi.ErrDryRunRefused) {
		t.Fatalf("SetDIDForward: %v", err)
	}
	if _, err := c.DIDs.Search(ctx, &vi.DIDSearchParams{State: "UT"}); err != nil {
		t.Fatalf("reads still work: %v", err)
	}
	if srv.Calls("reserveDID")+srv.Calls("SetDIDForward") != 0 {
		t.Fatal("a refused write reached the server")
	}
}
