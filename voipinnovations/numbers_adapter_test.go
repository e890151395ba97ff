package voipinnovations_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/didkit/voipms/numbers"
	"github.com/didkit/voipms/numbers/numberstest"
	"github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

var viWire = map[string]string{
	"order": "assignDID", "release": "releaseDID", "route": "configDID",
	"list": "auditDIDs", "get": "queryDID",
}

func newVICarrier(t *testing.T) (numberstest.Carrier, *voipinnovationstest.Server) {
	srv := voipinnovationstest.NewServer(voipinnovationstest.WithSeed(3))
	t.Cleanup(srv.Close)
	c, err := srv.Client(voipinnovations.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return numberstest.Carrier{
		Inventory: voipinnovations.Numbers(c, voipinnovations.NumbersConfig{EndpointGroup: 8674, Tier: "1"}),
		Query:     numbers.Query{Region: "FL"},
		Route:     numbers.EndpointGroup{ID: 8674},
		Alt:       numbers.EndpointGroup{ID: 8675},
		Unsupported: []numbers.Target{numbers.SubAccount{ID: "100001_VoIP"}, numbers.SIPURI{ID: "5096"},
			numbers.Voicemail{Box: "101"}, numbers.InGroup{ID: "SALES"}, numbers.Agent{User: "6666"}},
		Requests: func() int {
			n := 0
			for _, op := range voipinnovationstest.Simulated() {
				n += srv.Calls(op)
			}
			return n
		},
		// The fake counts executed assignDIDs; each contract test buys
		// one number per fake.
		Calls:     func(op string) int { return srv.Calls(viWire[op]) },
		Purchases: func(numbers.Number) int { return srv.Executions("assignDID") },
		BreakAfterExecute: func(op string) {
			srv.InjectFault(viWire[op], voipinnovationstest.Fault{Kind: voipinnovationstest.FaultResetAfter, Times: 1})
		},
		FailBeforeExecute: func(op string) {
			srv.InjectFault(viWire[op], voipinnovationstest.Fault{Kind: voipinnovationstest.FaultHTML503, Times: 1})
		},
	}, srv
}

// TestNumbersContract runs the numbers carrier contract on the VoIP
// Innovations fake.
func TestNumbersContract(t *testing.T) {
	numberstest.RunCarrier(t, func(t *testing.T) numberstest.Carrier {
		h, _ := newVICarrier(t)
		return h
	})
}

// TestNumbersAdapter: reservation, errors matching both packages, and the
// capabilities VoIP Innovations has.
func TestNumbersAdapter(t *testing.T) {
	h, srv := newVICarrier(t)
	ctx := context.Background()
	a := h.Inventory.(*voipinnovations.NumbersAdapter)
	if got := numbers.Capabilities(a); len(got) != 4 || !numbers.Supports(a, numbers.CapReserve) || numbers.Supports(a, numbers.CapRegistry) {
		t.Fatalf("capabilities %v", got)
	}
	av, err := a.Search(ctx, h.Query)
	if err != nil || len(av) < 2 {
		t.Fatal(av, err)
	}
	if _, err := a.Reserve(ctx, av[0].Number); err != nil {
		t.Fatal(err)
	}
	tn, _ := av[0].Number.NANP()
	if n, ok := srv.Number(tn); !ok || n.Status != voipinnovationstest.Reserved {
		t.Fatalf("after Reserve the fake has %+v", n)
	}
	// Reserved is not owned.
	if _, err := a.Get(ctx, av[0].Number); !errors.Is(err, numbers.ErrNotFound) {
		t.Fatalf("Get of a reserved number: %v", err)
	}
	// Route of a number not owned: neutral ErrNotFound and the package's ErrNotOwned.
	err = a.Route(ctx, av[1].Number, numbers.EndpointGroup{ID: 8675})
	if !errors.Is(err, numbers.ErrNotFound) || !errors.Is(err, voipinnovations.ErrNotOwned) {
		t.Fatalf("Route of an unowned number: %v", err)
	}
	var be *voipinnovations.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("Route of an unowned number: %T, want a *BatchError inside", err)
	}
}
