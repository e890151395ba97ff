package numberstest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/didkit/voipms/numbers"
)

// FaultKind is how an injected fault of a Memory provider fails.
type FaultKind int

const (
	// FaultNone lets the call pass: a placeholder in an op's queue of
	// faults, so that a later call of the op is the one that fails.
	FaultNone FaultKind = 0
	// FaultBefore: the call fails transiently without running. Reads are
	// retried by the provider (as the real clients do); writes fail with
	// an error matching numbers.ErrUnavailable.
	FaultBefore FaultKind = iota
	// FaultAfter: the call runs, then its answer is lost. Writes fail with
	// numbers.ErrOutcomeUnknown (never resent); reads are retried.
	FaultAfter
)

// errLost and errOutage are the provider errors of Memory faults.
var (
	errLost   = errors.New("numberstest: the connection broke after the request was sent")
	errOutage = errors.New("numberstest: 503 service unavailable")
)

type faults struct {
	mu    sync.Mutex
	next  map[string][]FaultKind
	calls map[string]int
}

func (f *faults) inject(op string, k FaultKind) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.next == nil {
		f.next = map[string][]FaultKind{}
	}
	f.next[op] = append(f.next[op], k)
}

// take counts a call of op and returns its fault (0: none). Caller holds no lock.
func (f *faults) take(op string) FaultKind {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[op]++
	q := f.next[op]
	if len(q) == 0 {
		return 0
	}
	f.next[op] = q[1:]
	return q[0]
}

func (f *faults) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[op]
}

func (f *faults) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		n += c
	}
	return n
}

// Memory is an in-memory carrier (numbers.Inventory, Router,
// TargetChecker, TargetSupporter) with injectable faults, for tests of code
// built on package numbers. It passes RunCarrier. It routes to carrier-level
// targets; the targets that exist are those given to AddTarget.
type Memory struct {
	f         faults
	mu        sync.Mutex
	available map[numbers.Number]bool
	owned     map[numbers.Number]numbers.Target
	purchases map[numbers.Number]int
	targets   map[numbers.Target]bool
}

// NewMemory returns a carrier whose inventory is available.
func NewMemory(available ...numbers.Number) *Memory {
	m := &Memory{available: map[numbers.Number]bool{}, owned: map[numbers.Number]numbers.Target{},
		purchases: map[numbers.Number]int{}, targets: map[numbers.Target]bool{}}
	for _, n := range available {
		m.available[n] = true
	}
	return m
}

// InjectFault makes the next call of op ("search", "order", "release",
// "list", "get", "portable", "route", "check_target") fail with k. Faults
// of one op are used in the order injected.
func (m *Memory) InjectFault(op string, k FaultKind) { m.f.inject(op, k) }

// Calls reports how many times op was attempted (retries included).
func (m *Memory) Calls(op string) int { return m.f.count(op) }

// Requests reports all attempts of all ops.
func (m *Memory) Requests() int { return m.f.total() }

// Purchases reports how many times n was sold.
func (m *Memory) Purchases(n numbers.Number) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.purchases[n]
}

// Owned reports whether the account owns n and its route.
func (m *Memory) Owned(n numbers.Number) (numbers.Target, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.owned[n]
	return t, ok
}

// AddTarget makes t exist (for TargetExists).
func (m *Memory) AddTarget(t numbers.Target) { m.mu.Lock(); m.targets[t] = true; m.mu.Unlock() }

// RemoveTarget deletes t; numbers routed to it keep their route.
func (m *Memory) RemoveTarget(t numbers.Target) { m.mu.Lock(); delete(m.targets, t); m.mu.Unlock() }

// SetRoute changes n's route without a call (to seed a mismatch).
func (m *Memory) SetRoute(n numbers.Number, t numbers.Target) {
	m.mu.Lock()
	m.owned[n] = t
	m.mu.Unlock()
}

// Drop takes n off the account without a call (as if released elsewhere).
func (m *Memory) Drop(n numbers.Number) {
	m.mu.Lock()
	delete(m.owned, n)
	m.available[n] = true
	m.mu.Unlock()
}

const memProvider = "memory"

func memErr(op string, n numbers.Number, cat error, format string, a ...any) error {
	return numbers.Wrap(memProvider, op, n, cat, fmt.Errorf(format, a...))
}

// read runs a read with the provider's retries: up to three attempts.
func read[T any](f *faults, op string, n numbers.Number, run func() (T, error)) (T, error) {
	for attempt := 0; ; attempt++ {
		k := f.take(op)
		if k == 0 {
			return run()
		}
		if k == FaultAfter {
			_, _ = run()
		}
		if attempt == 2 {
			var zero T
			return zero, numbers.Wrap(memProvider, op, n, numbers.ErrUnavailable, errOutage)
		}
	}
}

// write runs a write once.
func write[T any](f *faults, op string, n numbers.Number, run func() (T, error)) (T, error) {
	var zero T
	switch f.take(op) {
	case FaultBefore:
		return zero, numbers.Wrap(memProvider, op, n, numbers.ErrUnavailable, errOutage)
	case FaultAfter:
		if _, err := run(); err != nil {
			return zero, err
		}
		return zero, numbers.Wrap(memProvider, op, n, numbers.ErrOutcomeUnknown, errLost)
	}
	return run()
}

func (m *Memory) supports(op string, t numbers.Target) error {
	if t == nil {
		return numbers.Invalid(memProvider, op, "route", "is required")
	}
	if !t.Kind().Carrier() {
		return numbers.Unsupported(memProvider, op, t, "a carrier routes to carrier-level targets")
	}
	return nil
}

// SupportsTarget reports whether t is a carrier-level target.
func (m *Memory) SupportsTarget(t numbers.Target) bool { return m.supports("route", t) == nil }

func needNumber(op string, n numbers.Number) error {
	if n.IsZero() {
		return numbers.Invalid(memProvider, op, "number", "is required")
	}
	return nil
}

// Search lists available numbers in number order (the Query is not
// interpreted, Limit excepted).
func (m *Memory) Search(ctx context.Context, q numbers.Query) ([]numbers.Available, error) {
	return read(&m.f, "search", numbers.Number{}, func() ([]numbers.Available, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		var out []numbers.Available
		for n, ok := range m.available {
			if ok {
				out = append(out, numbers.Available{Number: n})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Number.String() < out[j].Number.String() })
		if q.Limit > 0 && len(out) > q.Limit {
			out = out[:q.Limit]
		}
		return out, nil
	})
}

// Order buys n routed to route.
func (m *Memory) Order(ctx context.Context, n numbers.Number, route numbers.Target) (numbers.Owned, error) {
	if err := needNumber("order", n); err != nil {
		return numbers.Owned{}, err
	}
	if err := m.supports("order", route); err != nil {
		return numbers.Owned{}, err
	}
	return write(&m.f, "order", n, func() (numbers.Owned, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		if _, ok := m.owned[n]; ok {
			return numbers.Owned{}, memErr("order", n, numbers.ErrConflict, "already owned")
		}
		if !m.available[n] {
			return numbers.Owned{}, memErr("order", n, numbers.ErrNotAvailable, "not in stock")
		}
		delete(m.available, n)
		m.owned[n] = route
		m.purchases[n]++
		return numbers.Owned{Number: n, Route: route, RawRoute: route.String()}, nil
	})
}

// Release gives n back.
func (m *Memory) Release(ctx context.Context, n numbers.Number) error {
	if err := needNumber("release", n); err != nil {
		return err
	}
	_, err := write(&m.f, "release", n, func() (struct{}, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		if _, ok := m.owned[n]; !ok {
			return struct{}{}, memErr("release", n, numbers.ErrNotFound, "not owned")
		}
		delete(m.owned, n)
		m.available[n] = true
		return struct{}{}, nil
	})
	return err
}

// ListOwned lists owned numbers in number order.
func (m *Memory) ListOwned(ctx context.Context) ([]numbers.Owned, error) {
	return read(&m.f, "list", numbers.Number{}, func() ([]numbers.Owned, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		out := make([]numbers.Owned, 0, len(m.owned))
		for n, t := range m.owned {
			out = append(out, numbers.Owned{Number: n, Route: t, RawRoute: t.String()})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Number.String() < out[j].Number.String() })
		return out, nil
	})
}

// Get returns one owned number.
func (m *Memory) Get(ctx context.Context, n numbers.Number) (numbers.Owned, error) {
	if err := needNumber("get", n); err != nil {
		return numbers.Owned{}, err
	}
	return read(&m.f, "get", n, func() (numbers.Owned, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		t, ok := m.owned[n]
		if !ok {
			return numbers.Owned{}, memErr("get", n, numbers.ErrNotFound, "not owned")
		}
		return numbers.Owned{Number: n, Route: t, RawRoute: t.String()}, nil
	})
}

// Portable reports true for every number not owned.
func (m *Memory) Portable(ctx context.Context, n numbers.Number) (bool, error) {
	if err := needNumber("portable", n); err != nil {
		return false, err
	}
	return read(&m.f, "portable", n, func() (bool, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		_, ok := m.owned[n]
		return !ok, nil
	})
}

// Route points an owned number at t.
func (m *Memory) Route(ctx context.Context, n numbers.Number, t numbers.Target) error {
	if err := needNumber("route", n); err != nil {
		return err
	}
	if err := m.supports("route", t); err != nil {
		return err
	}
	_, err := write(&m.f, "route", n, func() (struct{}, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		if _, ok := m.owned[n]; !ok {
			return struct{}{}, memErr("route", n, numbers.ErrNotFound, "not owned")
		}
		m.owned[n] = t
		return struct{}{}, nil
	})
	return err
}

// TargetExists reports whether t was added with AddTarget.
func (m *Memory) TargetExists(ctx context.Context, t numbers.Target) (bool, error) {
	if err := m.supports("check_target", t); err != nil {
		return false, err
	}
	return read(&m.f, "check_target", numbers.Number{}, func() (bool, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		return m.targets[t], nil
	})
}

// Harness returns m as a RunCarrier harness (Route and Alt must be two
// carrier-level targets).
func (m *Memory) Harness(route, alt numbers.Target) Carrier {
	return Carrier{
		Inventory: m, Query: numbers.Query{Region: "any"}, Route: route, Alt: alt,
		Unsupported: []numbers.Target{numbers.InGroup{ID: "SALES"}, numbers.Agent{User: "1000"}, numbers.CallMenu{ID: "MAIN"}},
		Requests:    m.Requests, Calls: m.Calls, Purchases: m.Purchases,
		BreakAfterExecute: func(op string) { m.InjectFault(op, FaultAfter) },
		FailBeforeExecute: func(op string) { m.InjectFault(op, FaultBefore) },
	}
}

// MemoryDialer is an in-memory dialer (numbers.Registry, RegistryLister,
// TargetChecker, TargetSupporter) with injectable faults. It passes
// RunDialer. It sends numbers to dialer-level targets; the targets that
// exist are those given to AddTarget.
type MemoryDialer struct {
	f       faults
	mu      sync.Mutex
	table   map[numbers.Number]numbers.Registration
	targets map[numbers.Target]bool
	writes  int
}

// NewMemoryDialer returns an empty dialer.
func NewMemoryDialer() *MemoryDialer {
	return &MemoryDialer{table: map[numbers.Number]numbers.Registration{}, targets: map[numbers.Target]bool{}}
}

// InjectFault makes the next call of op ("register", "update", "remove",
// "list", "check_target") fail with k.
func (d *MemoryDialer) InjectFault(op string, k FaultKind) { d.f.inject(op, k) }

// Calls reports how many times op was attempted.
func (d *MemoryDialer) Calls(op string) int { return d.f.count(op) }

// Requests reports all attempts.
func (d *MemoryDialer) Requests() int { return d.f.total() }

// Lookup reads the table without a call.
func (d *MemoryDialer) Lookup(n numbers.Number) (numbers.Registration, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	r, ok := d.table[n]
	return r, ok
}

// Registrations reports how many registrations (adds) ran.
func (d *MemoryDialer) Registrations() int { d.mu.Lock(); defer d.mu.Unlock(); return d.writes }

// AddTarget makes t exist (for TargetExists).
func (d *MemoryDialer) AddTarget(t numbers.Target) { d.mu.Lock(); d.targets[t] = true; d.mu.Unlock() }

// RemoveTarget deletes t; numbers sent to it keep their target.
func (d *MemoryDialer) RemoveTarget(t numbers.Target) {
	d.mu.Lock()
	delete(d.targets, t)
	d.mu.Unlock()
}

// Put writes a registration without a call (to seed a mismatch).
func (d *MemoryDialer) Put(r numbers.Registration) { d.mu.Lock(); d.table[r.Number] = r; d.mu.Unlock() }

func (d *MemoryDialer) check(op string, r numbers.Registration) error {
	if err := needNumber(op, r.Number); err != nil {
		return err
	}
	return d.supports(op, r.Target)
}

func (d *MemoryDialer) supports(op string, t numbers.Target) error {
	if t == nil {
		return numbers.Invalid(memProvider, op, "target", "is required")
	}
	if !t.Kind().Dialer() {
		return numbers.Unsupported(memProvider, op, t, "a dialer sends numbers to dialer-level targets")
	}
	return nil
}

// SupportsTarget reports whether t is a dialer-level target.
func (d *MemoryDialer) SupportsTarget(t numbers.Target) bool { return d.supports("register", t) == nil }

// Register adds r.
func (d *MemoryDialer) Register(ctx context.Context, r numbers.Registration) error {
	if err := d.check("register", r); err != nil {
		return err
	}
	_, err := write(&d.f, "register", r.Number, func() (struct{}, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if _, ok := d.table[r.Number]; ok {
			return struct{}{}, memErr("register", r.Number, numbers.ErrConflict, "already registered")
		}
		d.table[r.Number] = r
		d.writes++
		return struct{}{}, nil
	})
	return err
}

// Update changes r's number.
func (d *MemoryDialer) Update(ctx context.Context, r numbers.Registration) error {
	if err := d.check("update", r); err != nil {
		return err
	}
	_, err := write(&d.f, "update", r.Number, func() (struct{}, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if _, ok := d.table[r.Number]; !ok {
			return struct{}{}, memErr("update", r.Number, numbers.ErrNotFound, "not registered")
		}
		d.table[r.Number] = r
		return struct{}{}, nil
	})
	return err
}

// Remove deletes n.
func (d *MemoryDialer) Remove(ctx context.Context, n numbers.Number) error {
	if err := needNumber("remove", n); err != nil {
		return err
	}
	_, err := write(&d.f, "remove", n, func() (struct{}, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if _, ok := d.table[n]; !ok {
			return struct{}{}, memErr("remove", n, numbers.ErrNotFound, "not registered")
		}
		delete(d.table, n)
		return struct{}{}, nil
	})
	return err
}

// ListRegistered lists the table in number order.
func (d *MemoryDialer) ListRegistered(ctx context.Context) ([]numbers.Registration, error) {
	return read(&d.f, "list", numbers.Number{}, func() ([]numbers.Registration, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		out := make([]numbers.Registration, 0, len(d.table))
		for _, r := range d.table {
			out = append(out, r)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Number.String() < out[j].Number.String() })
		return out, nil
	})
}

// TargetExists reports whether t was added with AddTarget.
func (d *MemoryDialer) TargetExists(ctx context.Context, t numbers.Target) (bool, error) {
	if err := d.supports("check_target", t); err != nil {
		return false, err
	}
	return read(&d.f, "check_target", numbers.Number{}, func() (bool, error) {
		d.mu.Lock()
		defer d.mu.Unlock()
		return d.targets[t], nil
	})
}

// Harness returns d as a RunDialer harness.
func (d *MemoryDialer) Harness(ns [3]numbers.Number, target, alt numbers.Target) Dialer {
	return Dialer{
		Registry: d, Numbers: ns, Target: target, Alt: alt,
		Unsupported: []numbers.Target{numbers.SubAccount{ID: "100001_VoIP"}, numbers.EndpointGroup{ID: 1}},
		Lookup:      d.Lookup, Requests: d.Requests, Calls: d.Calls,
		BreakAfterExecute: func(op string) { d.InjectFault(op, FaultAfter) },
		FailBeforeExecute: func(op string) { d.InjectFault(op, FaultBefore) },
	}
}
