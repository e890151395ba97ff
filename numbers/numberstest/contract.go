// Package numberstest is the behaviour contract of package numbers: one
// suite every provider adapter must pass on its provider's fake, and
// in-memory providers (Memory, MemoryDialer) for tests of code built on
// numbers. A new provider is done when it passes RunCarrier or RunDialer.
//
//	func TestNumbersContract(t *testing.T) {
//		numberstest.RunCarrier(t, func(t *testing.T) numberstest.Carrier {
//			srv := voipmstest.NewServer()
//			t.Cleanup(srv.Close)
//			...
//			return numberstest.Carrier{Inventory: voipms.Numbers(c), ...}
//		})
//	}
package numberstest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/didkit/voipms/numbers"
)

// Carrier is what RunCarrier needs to test a carrier adapter on its fake.
// Each call of the constructor must return a fresh fake.
type Carrier struct {
	// Inventory is the adapter under test. When it also implements
	// numbers.Router, routing is tested.
	Inventory numbers.Inventory
	// Query finds at least two available numbers on the fake.
	Query numbers.Query
	// Route is a target the carrier supports, used for orders.
	Route numbers.Target
	// Alt is another supported target (for Route); nil skips the routing
	// test.
	Alt numbers.Target
	// Unsupported are targets the carrier must refuse before any I/O.
	Unsupported []numbers.Target
	// Requests reports how many requests the fake has received.
	Requests func() int
	// Calls reports how many requests of the wire operation behind op
	// ("order", "release", "route", "register", ...) the fake received.
	Calls func(op string) int
	// Purchases reports how many times the fake sold n.
	Purchases func(n numbers.Number) int
	// BreakAfterExecute makes the next call of the write op ("order",
	// "release", "route") execute on the fake and then lose its answer
	// (the connection is reset).
	BreakAfterExecute func(op string)
	// FailBeforeExecute makes the next call of the read op ("list",
	// "get") fail transiently (an outage answer) without executing, once.
	FailBeforeExecute func(op string)
}

// Dialer is what RunDialer needs to test a dialer adapter on its fake.
type Dialer struct {
	// Registry is the adapter under test. When it also implements
	// numbers.RegistryLister, listing is tested and used to observe.
	Registry numbers.Registry
	// Numbers are three numbers not yet registered on the fake.
	Numbers [3]numbers.Number
	// Target and Alt are two different targets the dialer supports and
	// has (an in-group, a call menu).
	Target, Alt numbers.Target
	// Unsupported are targets the dialer must refuse before any I/O.
	Unsupported []numbers.Target
	// Calls: as for Carrier.
	Calls func(op string) int
	// Lookup reads the fake's own table (for dialers that cannot list).
	Lookup func(n numbers.Number) (numbers.Registration, bool)
	// Requests reports how many requests the fake has received.
	Requests func() int
	// BreakAfterExecute: as for Carrier ("register", "update", "remove").
	BreakAfterExecute func(op string)
	// FailBeforeExecute: as for Carrier ("list"); only used with a
	// RegistryLister.
	FailBeforeExecute func(op string)
}

// must(v, err)(t) is v, or t fails.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func wantIs(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: err = %v, want one matching %v", what, err, target)
	}
	if c := numbers.Category(err); c != target {
		t.Fatalf("%s: category %v, want %v", what, c, target)
	}
}

func search(t *testing.T, ctx context.Context, h Carrier) []numbers.Available {
	t.Helper()
	av := must(h.Inventory.Search(ctx, h.Query))(t)
	if len(av) < 2 {
		t.Fatalf("Search(%+v) = %d numbers, want at least 2", h.Query, len(av))
	}
	for _, a := range av {
		if a.Number.IsZero() {
			t.Fatalf("Search returned a zero Number: %+v", a)
		}
	}
	return av
}

func owns(t *testing.T, ctx context.Context, inv numbers.Inventory, n numbers.Number) bool {
	t.Helper()
	list := must(inv.ListOwned(ctx))(t)
	return slices.ContainsFunc(list, func(o numbers.Owned) bool { return o.Number == n })
}

// RunCarrier runs the carrier contract on fresh fakes from newCarrier.
func RunCarrier(t *testing.T, newCarrier func(t *testing.T) Carrier) {
	ctx := context.Background()

	t.Run("SearchOrderList", func(t *testing.T) {
		h := newCarrier(t)
		n := search(t, ctx, h)[0].Number
		if owns(t, ctx, h.Inventory, n) {
			t.Fatalf("%s owned before the order", n)
		}
		o := must(h.Inventory.Order(ctx, n, h.Route))(t)
		if o.Number != n {
			t.Fatalf("Order returned %s, want %s", o.Number, n)
		}
		if !owns(t, ctx, h.Inventory, n) {
			t.Fatalf("ListOwned does not show %s after the order", n)
		}
		g := must(h.Inventory.Get(ctx, n))(t)
		if g.Number != n || !numbers.SameTarget(g.Route, h.Route) {
			t.Fatalf("Get = %+v, want %s routed to %s", g, n, h.Route)
		}
		if got := h.Purchases(n); got != 1 {
			t.Fatalf("fake sold %s %d times, want 1", n, got)
		}
	})

	t.Run("OrderTwiceRefused", func(t *testing.T) {
		h := newCarrier(t)
		n := search(t, ctx, h)[0].Number
		must(h.Inventory.Order(ctx, n, h.Route))(t)
		_, err := h.Inventory.Order(ctx, n, h.Route)
		wantIs(t, "second Order", err, numbers.ErrConflict)
		if got := h.Purchases(n); got != 1 {
			t.Fatalf("fake sold %s %d times, want 1", n, got)
		}
	})

	t.Run("ReleaseThenGetNotFound", func(t *testing.T) {
		h := newCarrier(t)
		n := search(t, ctx, h)[0].Number
		must(h.Inventory.Order(ctx, n, h.Route))(t)
		if err := h.Inventory.Release(ctx, n); err != nil {
			t.Fatal(err)
		}
		_, err := h.Inventory.Get(ctx, n)
		wantIs(t, "Get after Release", err, numbers.ErrNotFound)
		if owns(t, ctx, h.Inventory, n) {
			t.Fatalf("ListOwned still shows %s after Release", n)
		}
		wantIs(t, "second Release", h.Inventory.Release(ctx, n), numbers.ErrNotFound)
	})

	t.Run("GetNotOwned", func(t *testing.T) {
		h := newCarrier(t)
		n := search(t, ctx, h)[1].Number
		_, err := h.Inventory.Get(ctx, n)
		wantIs(t, "Get of an unowned number", err, numbers.ErrNotFound)
	})

	t.Run("RouteThenGet", func(t *testing.T) {
		h := newCarrier(t)
		r, ok := h.Inventory.(numbers.Router)
		if !ok || h.Alt == nil {
			t.Skip("not a Router")
		}
		n := search(t, ctx, h)[0].Number
		must(h.Inventory.Order(ctx, n, h.Route))(t)
		if err := r.Route(ctx, n, h.Alt); err != nil {
			t.Fatal(err)
		}
		g := must(h.Inventory.Get(ctx, n))(t)
		if !numbers.SameTarget(g.Route, h.Alt) {
			t.Fatalf("Get after Route: route %v, want %v", g.Route, h.Alt)
		}
		other := search(t, ctx, h)[1].Number
		wantIs(t, "Route of an unowned number", r.Route(ctx, other, h.Alt), numbers.ErrNotFound)
	})

	t.Run("UnsupportedTargetsBeforeIO", func(t *testing.T) {
		h := newCarrier(t)
		n := search(t, ctx, h)[0].Number
		if len(h.Unsupported) == 0 {
			t.Fatal("the harness names no unsupported target")
		}
		before := h.Requests()
		for _, tg := range h.Unsupported {
			_, err := h.Inventory.Order(ctx, n, tg)
			wantIs(t, "Order to "+tg.String(), err, numbers.ErrUnsupported)
			if r, ok := h.Inventory.(numbers.Router); ok {
				wantIs(t, "Route to "+tg.String(), r.Route(ctx, n, tg), numbers.ErrUnsupported)
			}
			if s, ok := h.Inventory.(numbers.TargetSupporter); ok && s.SupportsTarget(tg) {
				t.Fatalf("SupportsTarget(%s) = true", tg)
			}
		}
		if s, ok := h.Inventory.(numbers.TargetSupporter); ok && !s.SupportsTarget(h.Route) {
			t.Fatalf("SupportsTarget(%s) = false", h.Route)
		}
		_, err := h.Inventory.Get(ctx, numbers.Number{})
		wantIs(t, "Get of the zero Number", err, numbers.ErrInvalid)
		if got := h.Requests(); got != before {
			t.Fatalf("%d requests sent for refused calls, want 0", got-before)
		}
		if h.Purchases(n) != 0 {
			t.Fatalf("%s was bought", n)
		}
	})

	t.Run("WriteFaultIsOutcomeUnknown", func(t *testing.T) {
		h := newCarrier(t)
		n := search(t, ctx, h)[0].Number
		before := h.Calls("order")
		h.BreakAfterExecute("order")
		_, err := h.Inventory.Order(ctx, n, h.Route)
		wantIs(t, "Order with a lost answer", err, numbers.ErrOutcomeUnknown)
		if got := h.Calls("order") - before; got != 1 {
			t.Fatalf("Order sent %d times, want once", got)
		}
		if got := h.Purchases(n); got != 1 {
			t.Fatalf("fake sold %s %d times, want 1", n, got)
		}
		// A read settles it.
		must(h.Inventory.Get(ctx, n))(t)

		before = h.Calls("release")
		h.BreakAfterExecute("release")
		wantIs(t, "Release with a lost answer", h.Inventory.Release(ctx, n), numbers.ErrOutcomeUnknown)
		if got := h.Calls("release") - before; got != 1 {
			t.Fatalf("Release sent %d times, want once", got)
		}
		_, err = h.Inventory.Get(ctx, n)
		wantIs(t, "Get after a released-but-unknown Release", err, numbers.ErrNotFound)
	})

	t.Run("ReadFaultIsRetried", func(t *testing.T) {
		h := newCarrier(t)
		n := search(t, ctx, h)[0].Number
		must(h.Inventory.Order(ctx, n, h.Route))(t)
		for _, op := range []string{"list", "get"} {
			before := h.Calls(op)
			h.FailBeforeExecute(op)
			var err error
			if op == "list" {
				_, err = h.Inventory.ListOwned(ctx)
			} else {
				_, err = h.Inventory.Get(ctx, n)
			}
			if err != nil {
				t.Fatalf("%s after one transient failure: %v", op, err)
			}
			if got := h.Calls(op) - before; got < 2 {
				t.Fatalf("%s: %d requests, want a retry", op, got)
			}
		}
	})
}

func registered(t *testing.T, ctx context.Context, h Dialer, n numbers.Number) (numbers.Registration, bool) {
	t.Helper()
	if l, ok := h.Registry.(numbers.RegistryLister); ok {
		list := must(l.ListRegistered(ctx))(t)
		i := slices.IndexFunc(list, func(r numbers.Registration) bool { return r.Number == n })
		var viaList numbers.Registration
		if i >= 0 {
			viaList = list[i]
		}
		if h.Lookup != nil {
			fake, ok := h.Lookup(n)
			if ok != (i >= 0) || (ok && !numbers.SameTarget(fake.Target, viaList.Target)) {
				t.Fatalf("ListRegistered shows %+v (found %v), the fake has %+v (found %v)", viaList, i >= 0, fake, ok)
			}
		}
		return viaList, i >= 0
	}
	if h.Lookup == nil {
		t.Fatal("the dialer cannot list and the harness has no Lookup")
	}
	return h.Lookup(n)
}

// RunDialer runs the dialer contract on fresh fakes from newDialer.
func RunDialer(t *testing.T, newDialer func(t *testing.T) Dialer) {
	ctx := context.Background()

	t.Run("RegisterUpdateRemove", func(t *testing.T) {
		h := newDialer(t)
		n := h.Numbers[0]
		if _, ok := registered(t, ctx, h, n); ok {
			t.Fatalf("%s registered before Register", n)
		}
		if err := h.Registry.Register(ctx, numbers.Registration{Number: n, Target: h.Target, Description: "contract test"}); err != nil {
			t.Fatal(err)
		}
		r, ok := registered(t, ctx, h, n)
		if !ok || !numbers.SameTarget(r.Target, h.Target) {
			t.Fatalf("after Register: %+v (found %v), want target %s", r, ok, h.Target)
		}
		wantIs(t, "second Register", h.Registry.Register(ctx, numbers.Registration{Number: n, Target: h.Target, Description: "contract test"}), numbers.ErrConflict)
		if err := h.Registry.Update(ctx, numbers.Registration{Number: n, Target: h.Alt, Description: "contract test 2"}); err != nil {
			t.Fatal(err)
		}
		r, ok = registered(t, ctx, h, n)
		if !ok || !numbers.SameTarget(r.Target, h.Alt) {
			t.Fatalf("after Update: %+v (found %v), want target %s", r, ok, h.Alt)
		}
		if err := h.Registry.Remove(ctx, n); err != nil {
			t.Fatal(err)
		}
		if r, ok := registered(t, ctx, h, n); ok {
			t.Fatalf("after Remove: still %+v", r)
		}
		wantIs(t, "second Remove", h.Registry.Remove(ctx, n), numbers.ErrNotFound)
		wantIs(t, "Update of an unknown number", h.Registry.Update(ctx, numbers.Registration{Number: h.Numbers[1], Target: h.Target, Description: "contract test"}), numbers.ErrNotFound)
	})

	t.Run("ListShowsAll", func(t *testing.T) {
		h := newDialer(t)
		l, ok := h.Registry.(numbers.RegistryLister)
		if !ok {
			t.Skip("cannot list")
		}
		for i, n := range h.Numbers[:2] {
			tg := []numbers.Target{h.Target, h.Alt}[i]
			if err := h.Registry.Register(ctx, numbers.Registration{Number: n, Target: tg, Description: "contract test"}); err != nil {
				t.Fatal(err)
			}
		}
		list := must(l.ListRegistered(ctx))(t)
		for i, n := range h.Numbers[:2] {
			tg := []numbers.Target{h.Target, h.Alt}[i]
			if !slices.ContainsFunc(list, func(r numbers.Registration) bool { return r.Number == n && numbers.SameTarget(r.Target, tg) }) {
				t.Fatalf("ListRegistered = %+v, want %s → %s", list, n, tg)
			}
		}
	})

	t.Run("UnsupportedTargetsBeforeIO", func(t *testing.T) {
		h := newDialer(t)
		if len(h.Unsupported) == 0 {
			t.Fatal("the harness names no unsupported target")
		}
		before := h.Requests()
		for _, tg := range h.Unsupported {
			r := numbers.Registration{Number: h.Numbers[0], Target: tg, Description: "contract test"}
			wantIs(t, "Register to "+tg.String(), h.Registry.Register(ctx, r), numbers.ErrUnsupported)
			wantIs(t, "Update to "+tg.String(), h.Registry.Update(ctx, r), numbers.ErrUnsupported)
			if s, ok := h.Registry.(numbers.TargetSupporter); ok && s.SupportsTarget(tg) {
				t.Fatalf("SupportsTarget(%s) = true", tg)
			}
		}
		wantIs(t, "Register of the zero Number", h.Registry.Register(ctx, numbers.Registration{Target: h.Target, Description: "contract test"}), numbers.ErrInvalid)
		wantIs(t, "Register without a target", h.Registry.Register(ctx, numbers.Registration{Number: h.Numbers[0], Description: "contract test"}), numbers.ErrInvalid)
		if got := h.Requests(); got != before {
			t.Fatalf("%d requests sent for refused calls, want 0", got-before)
		}
	})

	t.Run("WriteFaultIsOutcomeUnknown", func(t *testing.T) {
		h := newDialer(t)
		n := h.Numbers[0]
		reg := numbers.Registration{Number: n, Target: h.Target, Description: "contract test"}
		for _, step := range []struct {
			op   string
			call func() error
			want bool
		}{
			{"register", func() error { return h.Registry.Register(ctx, reg) }, true},
			{"update", func() error {
				return h.Registry.Update(ctx, numbers.Registration{Number: n, Target: h.Alt, Description: "contract test"})
			}, true},
			{"remove", func() error { return h.Registry.Remove(ctx, n) }, false},
		} {
			before := h.Calls(step.op)
			h.BreakAfterExecute(step.op)
			wantIs(t, step.op+" with a lost answer", step.call(), numbers.ErrOutcomeUnknown)
			if got := h.Calls(step.op) - before; got != 1 {
				t.Fatalf("%s sent %d times, want once", step.op, got)
			}
			if _, ok := registered(t, ctx, h, n); ok != step.want {
				t.Fatalf("after %s (executed, answer lost): registered = %v, want %v", step.op, ok, step.want)
			}
		}
	})

	t.Run("ReadFaultIsRetried", func(t *testing.T) {
		h := newDialer(t)
		l, ok := h.Registry.(numbers.RegistryLister)
		if !ok || h.FailBeforeExecute == nil {
			t.Skip("cannot list")
		}
		before := h.Calls("list")
		h.FailBeforeExecute("list")
		if _, err := l.ListRegistered(ctx); err != nil {
			t.Fatalf("list after one transient failure: %v", err)
		}
		if got := h.Calls("list") - before; got < 2 {
			t.Fatalf("list: %d requests, want a retry", got)
		}
	})
}
