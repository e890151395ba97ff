package voipms_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/numbers"
	"github.com/didkit/voipms/numbers/numberstest"
	"github.com/didkit/voipms/voipmstest"
)

func voipmsRequests(srv *voipmstest.Server) int {
	n := srv.Calls("")
	for _, m := range voipmstest.Methods() {
		n += srv.Calls(m)
	}
	return n
}

var voipmsWire = map[string]string{
	"order": "orderDID", "release": "cancelDID", "route": "setDIDRouting",
	"list": "getDIDsInfo", "get": "getDIDsInfo",
}

func newVoIPmsCarrier(t *testing.T) (numberstest.Carrier, *voipmstest.Server) {
	srv := voipmstest.NewServer(voipmstest.WithSeed(7))
	t.Cleanup(srv.Close)
	c, err := srv.Client(voipms.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return numberstest.Carrier{
		Inventory: voipms.Numbers(c),
		Query:     numbers.Query{Region: "FL"},
		Route:     numbers.SubAccount{ID: "100001_VoIP"},
		Alt:       numbers.Voicemail{Box: "101"},
		Unsupported: []numbers.Target{numbers.InGroup{ID: "SALES"}, numbers.EndpointGroup{ID: 8674},
			numbers.Agent{User: "6666"}, numbers.CallMenu{ID: "MAIN"}, numbers.Phone{Extension: "100", ServerIP: "10.0.0.1"},
			numbers.Extension{Ext: "8300"}},
		Requests: func() int { return voipmsRequests(srv) },
		Calls:    func(op string) int { return srv.Calls(voipmsWire[op]) },
		Purchases: func(n numbers.Number) int {
			d, _ := n.NANP()
			return srv.OrderCount(d)
		},
		BreakAfterExecute: func(op string) {
			srv.InjectFault(voipmsWire[op], voipmstest.Fault{Kind: voipmstest.FaultConnReset, Times: 1})
		},
		FailBeforeExecute: func(op string) {
			srv.InjectFault(voipmsWire[op], voipmstest.Fault{Kind: voipmstest.FaultHTML503, Times: 1})
		},
	}, srv
}

// TestNumbersContract runs the numbers carrier contract on the VoIP.ms
// simulator.
func TestNumbersContract(t *testing.T) {
	numberstest.RunCarrier(t, func(t *testing.T) numberstest.Carrier {
		h, _ := newVoIPmsCarrier(t)
		return h
	})
}

// TestNumbersErrorsMatchBoth: an adapter error matches the neutral
// category and the voipms sentinel and typed error.
func TestNumbersErrorsMatchBoth(t *testing.T) {
	h, _ := newVoIPmsCarrier(t)
	ctx := context.Background()
	av, err := h.Inventory.Search(ctx, h.Query)
	if err != nil || len(av) == 0 {
		t.Fatal(av, err)
	}
	_, err = h.Inventory.Get(ctx, av[0].Number)
	var ne *numbers.Error
	var ae *voipms.APIError
	if !errors.Is(err, numbers.ErrNotFound) || !errors.Is(err, voipms.ErrNotFound) || !errors.As(err, &ne) || ne.Provider != "voipms" || ne.Op != "get" {
		t.Fatalf("Get of an unowned number: %v", err)
	}
	_ = ae
	if _, err := h.Inventory.Order(ctx, av[0].Number, h.Route); err != nil {
		t.Fatal(err)
	}
	_, err = h.Inventory.Order(ctx, av[0].Number, h.Route)
	if !errors.Is(err, numbers.ErrConflict) || !errors.Is(err, voipms.ErrConflict) || !errors.As(err, &ae) || ae.Status != voipms.StatusDIDInUse {
		t.Fatalf("second Order: %v", err)
	}
	if errors.Is(err, numbers.ErrNotFound) || errors.Is(err, numbers.ErrProvider) {
		t.Fatalf("second Order matches two neutral categories: %v", err)
	}
	// International numbers cannot be sent in VoIP.ms's 10-digit form.
	_, err = h.Inventory.Get(ctx, numbers.MustParse("+44 20 7946 0958"))
	if !errors.Is(err, numbers.ErrInvalid) {
		t.Fatalf("Get of a UK number: %v", err)
	}
}
