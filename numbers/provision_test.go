package numbers_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/didkit/voipms/numbers"
	"github.com/didkit/voipms/numbers/numberstest"
)

var (
	trunk   = numbers.SubAccount{ID: "100001_Dialer"}
	salesIG = numbers.InGroup{ID: "SALES"}
)

// registryOnly hides the MemoryDialer's list: a dialer like VICIdial.
type registryOnly struct{ d *numberstest.MemoryDialer }

func (r registryOnly) Register(ctx context.Context, x numbers.Registration) error {
	return r.d.Register(ctx, x)
}
func (r registryOnly) Update(ctx context.Context, x numbers.Registration) error {
	return r.d.Update(ctx, x)
}
func (r registryOnly) Remove(ctx context.Context, n numbers.Number) error { return r.d.Remove(ctx, n) }

type fault struct {
	dialer bool
	op     string
	kind   numberstest.FaultKind
	times  int
}

// TestProvisionFailureAtEachStepThenRerun injects a failure at each step
// (before and after the write ran, and in the reads that settle it),
// checks that the Result says exactly what exists where, then re-runs the
// same plan: one purchase, owned, routed to the trunk, registered once
// with the target.
func TestProvisionFailureAtEachStepThenRerun(t *testing.T) {
	n := numbers.MustParse("+1 305 555 0100")
	N, B, A := numberstest.FaultNone, numberstest.FaultBefore, numberstest.FaultAfter
	for _, tc := range []struct {
		name       string
		preRouted  numbers.Target // the number is owned already, routed there
		noList     bool
		faults     []fault
		wantErr    error // nil: the first run completes
		wantStep   numbers.StepName
		wantStatus numbers.StepStatus
	}{
		{name: "no fault"},
		{name: "get fails", faults: []fault{{false, "get", B, 3}}, wantErr: numbers.ErrUnavailable, wantStep: numbers.StepOrder, wantStatus: numbers.StepUnknown},
		{name: "order not sent", faults: []fault{{false, "order", B, 1}}, wantErr: numbers.ErrUnavailable, wantStep: numbers.StepOrder, wantStatus: numbers.StepFailed},
		{name: "order answer lost, settled", faults: []fault{{false, "order", A, 1}}},
		{name: "order answer lost, settling read fails", faults: []fault{{false, "get", N, 1}, {false, "order", A, 1}, {false, "get", B, 3}},
			wantErr: numbers.ErrOutcomeUnknown, wantStep: numbers.StepOrder, wantStatus: numbers.StepUnknown},
		{name: "route not sent", preRouted: numbers.Voicemail{Box: "101"}, faults: []fault{{false, "route", B, 1}},
			wantErr: numbers.ErrUnavailable, wantStep: numbers.StepRoute, wantStatus: numbers.StepFailed},
		{name: "route answer lost, settled", preRouted: numbers.Voicemail{Box: "101"}, faults: []fault{{false, "route", A, 1}}},
		{name: "route answer lost, settling read fails", preRouted: numbers.Voicemail{Box: "101"}, faults: []fault{{false, "get", N, 1}, {false, "route", A, 1}, {false, "get", B, 3}},
			wantErr: numbers.ErrOutcomeUnknown, wantStep: numbers.StepRoute, wantStatus: numbers.StepUnknown},
		{name: "dialer list fails", faults: []fault{{true, "list", B, 3}}, wantErr: numbers.ErrUnavailable, wantStep: numbers.StepRegister, wantStatus: numbers.StepUnknown},
		{name: "register not sent", faults: []fault{{true, "register", B, 1}}, wantErr: numbers.ErrUnavailable, wantStep: numbers.StepRegister, wantStatus: numbers.StepFailed},
		{name: "register answer lost, settled", faults: []fault{{true, "register", A, 1}}},
		{name: "register answer lost, settling list fails", faults: []fault{{true, "list", N, 1}, {true, "register", A, 1}, {true, "list", B, 3}},
			wantErr: numbers.ErrOutcomeUnknown, wantStep: numbers.StepRegister, wantStatus: numbers.StepUnknown},
		{name: "no list: register answer lost", noList: true, faults: []fault{{true, "register", A, 1}},
			wantErr: numbers.ErrOutcomeUnknown, wantStep: numbers.StepRegister, wantStatus: numbers.StepUnknown},
		{name: "no list: register not sent", noList: true, faults: []fault{{true, "register", B, 1}},
			wantErr: numbers.ErrUnavailable, wantStep: numbers.StepRegister, wantStatus: numbers.StepFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			carrier := numberstest.NewMemory(n, numbers.MustParse("+1 305 555 0101"))
			dialer := numberstest.NewMemoryDialer()
			var reg numbers.Registry = dialer
			if tc.noList {
				reg = registryOnly{dialer}
			}
			if tc.preRouted != nil {
				if _, err := carrier.Order(ctx, n, tc.preRouted); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range tc.faults {
				for i := 0; i < f.times; i++ {
					if f.dialer {
						dialer.InjectFault(f.op, f.kind)
					} else {
						carrier.InjectFault(f.op, f.kind)
					}
				}
			}
			plan := numbers.Plan{Number: n, Trunk: trunk, Target: salesIG, Description: "Sales line"}
			res, err := numbers.Provision(ctx, carrier, reg, plan)
			if tc.wantErr == nil {
				if err != nil || !res.Complete() {
					t.Fatalf("first run: %v, %v", res, err)
				}
			} else {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("first run error %v, want %v", err, tc.wantErr)
				}
				if st := res.Step(tc.wantStep); st.Status != tc.wantStatus || !errors.Is(st.Err, tc.wantErr) {
					t.Fatalf("step %s = %+v, want %s (%v)", tc.wantStep, st, tc.wantStatus, res)
				}
				if len(res.Steps) != 3 {
					t.Fatalf("steps %+v, want all three reported", res.Steps)
				}
			}
			checkTruth(t, "first run", res, carrier, dialer, n)

			res, err = numbers.Provision(ctx, carrier, reg, plan)
			if err != nil || !res.Complete() {
				t.Fatalf("re-run: %v, %v", res, err)
			}
			checkTruth(t, "re-run", res, carrier, dialer, n)
			if got := carrier.Purchases(n); got != 1 {
				t.Fatalf("bought %d times, want 1", got)
			}
			if got := dialer.Registrations(); got != 1 {
				t.Fatalf("registered %d times, want 1", got)
			}
			if r, ok := dialer.Lookup(n); !ok || r.Target != salesIG || r.Description != "Sales line" {
				t.Fatalf("dialer has %+v", r)
			}
			// A third run writes nothing.
			before := carrier.Calls("order") + carrier.Calls("route") + dialer.Calls("register") + dialer.Calls("update")
			res, err = numbers.Provision(ctx, carrier, reg, plan)
			after := carrier.Calls("order") + carrier.Calls("route") + dialer.Calls("register") + dialer.Calls("update")
			if err != nil || res.Purchased || after != before && !tc.noList {
				t.Fatalf("third run: %v %v, %d writes", res, err, after-before)
			}
		})
	}
}

// checkTruth: what the Result says exists is what the providers hold (an
// Unknown is allowed only where the run could not know).
func checkTruth(t *testing.T, when string, res numbers.Result, c *numberstest.Memory, d *numberstest.MemoryDialer, n numbers.Number) {
	t.Helper()
	route, owned := c.Owned(n)
	yes := func(b bool) numbers.State {
		if b {
			return numbers.Yes
		}
		return numbers.No
	}
	r, registered := d.Lookup(n)
	for _, f := range []struct {
		name string
		got  numbers.State
		want numbers.State
	}{
		{"Owned", res.Owned, yes(owned)},
		{"Routed", res.Routed, yes(owned && route == trunk)},
		{"Registered", res.Registered, yes(registered && r.Target == salesIG)},
	} {
		if f.got != f.want && f.got != numbers.Unknown {
			t.Errorf("%s: %s = %s, but the provider says %s (%v)", when, f.name, f.got, f.want, res)
		}
	}
}

func TestProvisionPlanCheckedBeforeIO(t *testing.T) {
	ctx := context.Background()
	n := numbers.MustParse("3055550100")
	for _, tc := range []struct {
		plan numbers.Plan
		want error
	}{
		{numbers.Plan{Trunk: trunk, Target: salesIG}, numbers.ErrInvalid},
		{numbers.Plan{Number: n, Target: salesIG}, numbers.ErrInvalid},
		{numbers.Plan{Number: n, Trunk: trunk}, numbers.ErrInvalid},
		{numbers.Plan{Number: n, Trunk: salesIG, Target: salesIG}, numbers.ErrInvalid},
		{numbers.Plan{Number: n, Trunk: trunk, Target: trunk}, numbers.ErrInvalid},
	} {
		c, d := numberstest.NewMemory(n), numberstest.NewMemoryDialer()
		_, err := numbers.Provision(ctx, c, d, tc.plan)
		var pe *numbers.PlanError
		if !errors.Is(err, tc.want) || !errors.As(err, &pe) || c.Requests()+d.Requests() != 0 {
			t.Errorf("plan %+v: %v after %d calls", tc.plan, err, c.Requests()+d.Requests())
		}
	}
}

func TestAuditEachKind(t *testing.T) {
	ctx := context.Background()
	c, d := numberstest.NewMemory(), numberstest.NewMemoryDialer()
	num := func(i int) numbers.Number { return numbers.MustParse(fmt.Sprintf("+1305555%04d", 100+i)) }
	gone := numbers.SubAccount{ID: "100001_Gone"}
	goneIG := numbers.InGroup{ID: "CLOSED"}
	c.AddTarget(trunk)
	d.AddTarget(salesIG)
	for i := 1; i <= 6; i++ {
		c.SetRoute(num(i), trunk)
	}
	c.Drop(num(3))           // 3: registered, not owned
	c.SetRoute(num(4), gone) // 4: routed to a deleted sub-account
	for _, i := range []int{1, 3, 4, 5} {
		d.Put(numbers.Registration{Number: num(i), Target: salesIG})
	}
	d.Put(numbers.Registration{Number: num(5), Target: goneIG}) // 5: a deleted in-group
	// 2 and 6: owned, not registered.
	rep, err := numbers.Audit(ctx, c, d)
	if err != nil {
		t.Fatal(err)
	}
	want := []numbers.Mismatch{
		{Kind: numbers.OwnedNotRegistered, Number: num(2)},
		{Kind: numbers.RegisteredNotOwned, Number: num(3)},
		{Kind: numbers.CarrierRouteMissing, Number: num(4), Target: gone},
		{Kind: numbers.DialerTargetMissing, Number: num(5), Target: goneIG},
		{Kind: numbers.OwnedNotRegistered, Number: num(6)},
	}
	if fmt.Sprint(rep.Mismatches) != fmt.Sprint(want) {
		t.Fatalf("mismatches\n got %v\nwant %v", rep.Mismatches, want)
	}
	if len(rep.Unchecked) != 0 || rep.Clean() || len(rep.Of(numbers.OwnedNotRegistered)) != 2 || len(rep.Owned) != 5 || len(rep.Registered) != 4 {
		t.Fatalf("report %+v", rep)
	}
	// Fix everything: clean.
	d.Put(numbers.Registration{Number: num(2), Target: salesIG})
	d.Put(numbers.Registration{Number: num(6), Target: salesIG})
	d.Put(numbers.Registration{Number: num(5), Target: salesIG})
	_ = d.Remove(ctx, num(3))
	c.SetRoute(num(4), trunk)
	if rep, err := numbers.Audit(ctx, c, d); err != nil || !rep.Clean() {
		t.Fatalf("after the fixes: %+v %v", rep, err)
	}
	// A carrier that cannot check targets leaves its kind unchecked.
	if rep, err := numbers.Audit(ctx, inventoryOnly{c}, d); err != nil || rep.Unchecked[numbers.CarrierRouteMissing] == "" || rep.Clean() {
		t.Fatalf("inventory without TargetChecker: %+v %v", rep, err)
	}
	// A failed read fails the audit.
	d.InjectFault("list", numberstest.FaultBefore)
	d.InjectFault("list", numberstest.FaultBefore)
	d.InjectFault("list", numberstest.FaultBefore)
	if _, err := numbers.Audit(ctx, c, d); !errors.Is(err, numbers.ErrUnavailable) {
		t.Fatalf("audit with a failing dialer: %v", err)
	}
}

type inventoryOnly struct{ numbers.Inventory }

// TestMemoryProvidersPassTheContract: the in-memory providers pass the
// contract they are offered with.
func TestMemoryProvidersPassTheContract(t *testing.T) {
	numberstest.RunCarrier(t, func(t *testing.T) numberstest.Carrier {
		m := numberstest.NewMemory(numbers.MustParse("3055550100"), numbers.MustParse("3055550101"), numbers.MustParse("3055550102"))
		return m.Harness(trunk, numbers.Voicemail{Box: "101"})
	})
	numberstest.RunDialer(t, func(t *testing.T) numberstest.Dialer {
		d := numberstest.NewMemoryDialer()
		return d.Harness([3]numbers.Number{numbers.MustParse("3055550100"), numbers.MustParse("3055550101"), numbers.MustParse("3055550102")},
			salesIG, numbers.CallMenu{ID: "MAIN"})
	})
}

func TestSupportsAndErrors(t *testing.T) {
	c, d := numberstest.NewMemory(), numberstest.NewMemoryDialer()
	if !numbers.Supports(c, numbers.CapInventory) || !numbers.Supports(c, numbers.CapRoute) || numbers.Supports(c, numbers.CapRegistry) || numbers.Supports(c, numbers.CapReserve) {
		t.Errorf("carrier capabilities %v", numbers.Capabilities(c))
	}
	if !numbers.Supports(d, numbers.CapRegistry) || !numbers.Supports(d, numbers.CapListRegistry) || numbers.Supports(d, numbers.CapInventory) {
		t.Errorf("dialer capabilities %v", numbers.Capabilities(d))
	}
	if numbers.Supports(registryOnly{d}, numbers.CapListRegistry) {
		t.Error("registryOnly lists")
	}
	inner := errors.New("provider: not found")
	err := numbers.Wrap("p", "get", numbers.MustParse("3055550100"), numbers.ErrNotFound, inner)
	if !errors.Is(err, numbers.ErrNotFound) || !errors.Is(err, inner) || errors.Is(err, numbers.ErrConflict) || numbers.Category(err) != numbers.ErrNotFound {
		t.Errorf("Wrap: %v", err)
	}
	if numbers.Wrap("p", "get", numbers.Number{}, numbers.ErrNotFound, err) != err {
		t.Error("Wrap of a *numbers.Error wraps again")
	}
	if numbers.Wrap("p", "get", numbers.Number{}, numbers.ErrNotFound, nil) != nil {
		t.Error("Wrap(nil) != nil")
	}
	// Every neutral error matches exactly one category.
	for _, e := range []error{err, numbers.Unsupported("p", "route", salesIG, ""), numbers.Invalid("p", "get", "number", "is required"), &numbers.ParseError{}} {
		n := 0
		for _, c := range numbers.Categories {
			if errors.Is(e, c) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%v matches %d categories", e, n)
		}
	}
}
