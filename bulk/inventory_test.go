package bulk_test

import (
	"context"
	"errors"
	"testing"

	"github.com/didkit/voipms/bulk"
	"github.com/didkit/voipms/numbers"
	"github.com/didkit/voipms/numbers/numberstest"
)

// TestInventoryBackend: a bulk order through any numbers.Inventory (the
// in-memory carrier of numberstest), with lost answers after execution
// and transient failures: every number bought once, unknowns reconciled
// with ListOwned; then a re-route and a cancel of the same numbers.
func TestInventoryBackend(t *testing.T) {
	dids := fakeDIDs(12)
	var avail []numbers.Number
	for _, d := range dids {
		avail = append(avail, numbers.MustParse(d))
	}
	m := numberstest.NewMemory(avail...)
	trunk := numbers.SubAccount{ID: "100001_VoIP"}
	m.AddTarget(trunk)
	m.AddTarget(numbers.SubAccount{ID: "100001_B"})
	m.InjectFault("order", numberstest.FaultNone)
	m.InjectFault("order", numberstest.FaultAfter)
	m.InjectFault("order", numberstest.FaultAfter)
	m.InjectFault("order", numberstest.FaultBefore)
	b := bulk.Inventory(m)
	p := bulk.Plan{}
	for _, d := range dids {
		p.Ops = append(p.Ops, bulk.Op{Kind: bulk.KindOrder, DID: d, Route: trunk.String()})
	}
	r, _ := bulk.New(b, &bulk.MemJournal{}, bulk.Options{Concurrency: 3, Rate: 10000})
	rep, err := r.Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK != 11 || rep.Failed != 1 {
		t.Fatalf("report OK %d failed %d", rep.OK, rep.Failed)
	}
	for _, n := range avail {
		if c := m.Purchases(n); c > 1 {
			t.Errorf("%s bought %d times", n, c)
		}
	}
	if m.Calls("list") == 0 {
		t.Fatal("unknown outcomes were not reconciled with ListOwned")
	}
	var route, cancel bulk.Plan
	for _, res := range rep.Results {
		if res.Outcome == bulk.OutcomeOK {
			route.Ops = append(route.Ops, bulk.Op{Kind: bulk.KindRoute, DID: res.Op.DID, Route: "sub_account:100001_B"})
			cancel.Ops = append(cancel.Ops, bulk.Op{Kind: bulk.KindCancel, DID: res.Op.DID})
		}
	}
	m.InjectFault("route", numberstest.FaultAfter)
	r, _ = bulk.New(b, &bulk.MemJournal{}, bulk.Options{Rate: 10000})
	if rep, err := r.Run(context.Background(), route); err != nil || rep.OK != 11 {
		t.Fatalf("route: %v %+v", err, rep)
	}
	for _, op := range route.Ops {
		if got, _ := m.Owned(numbers.MustParse(op.DID)); got != (numbers.SubAccount{ID: "100001_B"}) {
			t.Fatalf("%s routed to %v", op.DID, got)
		}
	}
	m.InjectFault("release", numberstest.FaultAfter)
	r, _ = bulk.New(b, &bulk.MemJournal{}, bulk.Options{Rate: 10000})
	if rep, err := r.Run(context.Background(), cancel); err != nil || rep.OK != 11 {
		t.Fatalf("cancel: %v %+v", err, rep)
	}
	// Bad input is refused before any I/O.
	before := m.Requests()
	r, _ = bulk.New(b, &bulk.MemJournal{}, bulk.Options{})
	_, err = r.Run(context.Background(), bulk.Plan{Ops: []bulk.Op{{Kind: bulk.KindRoute, DID: dids[0], Route: "in_group:SALES"}}})
	if !errors.Is(err, bulk.ErrInvalidPlan) || m.Requests() != before {
		t.Fatalf("dialer target: %v", err)
	}
}
