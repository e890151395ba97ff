package bulk_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/bulk"
	"github.com/didkit/voipms/voipmstest"
)

func orderTemplate() voipms.DIDOrderParams {
	return voipms.DIDOrderParams{
		BillingType: voipms.DIDBillingTypePerMinute,
		DIDSettings: voipms.DIDSettings{Routing: voipms.RouteAccount("100001"), POP: 3, DialTime: 60},
	}
}

// stock returns n numbers in stock on sim.
func stock(t testing.TB, sim *voipmstest.Server, n int) []string {
	t.Helper()
	c, err := sim.Client()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, st := range []string{"FL", "NY", "CA", "TX", "IL"} {
		avail, err := c.DIDs.ListAvailableUSA(context.Background(), &voipms.DIDListAvailableUSAParams{State: st})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range avail {
			out = append(out, a.DID)
			if len(out) == n {
				return out
			}
		}
	}
	t.Fatalf("only %d numbers in stock, want %d", len(out), n)
	return nil
}

func orderPlan(dids []string) bulk.Plan {
	var p bulk.Plan
	for _, d := range dids {
		p.Ops = append(p.Ops, bulk.Op{Kind: bulk.KindOrder, DID: d})
	}
	return p
}

func newSim(t testing.TB, opts ...voipmstest.Option) *voipmstest.Server {
	t.Helper()
	sim := voipmstest.NewServer(append([]voipmstest.Option{voipmstest.WithInventoryScale(3), voipmstest.WithAccountBalance("100000")}, opts...)...)
	t.Cleanup(sim.Close)
	return sim
}

func ownedSet(sim *voipmstest.Server) []string {
	var out []string
	for _, d := range sim.DIDs() {
		out = append(out, d.DID)
	}
	sort.Strings(out)
	return out
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRunUnderFaults: connection resets after orderDID executed (unknown
// outcomes) and HTML 503s are settled by reconciliation; every planned
// number is bought exactly once; progress is monotonic and ends complete.
func TestRunUnderFaults(t *testing.T) {
	sim := newSim(t)
	dids := stock(t, sim, 40)
	c, err := sim.Client(voipms.WithRetry(4, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	sim.InjectFault("orderDID", voipmstest.Fault{Kind: voipmstest.FaultConnReset, Times: 6})
	sim.InjectFault("orderDID", voipmstest.Fault{Kind: voipmstest.FaultHTML503, Times: 3})
	sim.InjectStatus("orderDID", "not_enough_credit", 3)
	var mu sync.Mutex
	var last bulk.Progress
	calls := 0
	r, err := bulk.New(bulk.NewVoIPms(c, orderTemplate()), &bulk.MemJournal{}, bulk.Options{
		Concurrency: 6, Rate: 1000,
		Progress: func(p bulk.Progress) {
			mu.Lock()
			defer mu.Unlock()
			if p.Done < last.Done {
				t.Errorf("progress went back: %d after %d", p.Done, last.Done)
			}
			last = p
			calls++
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := r.Run(context.Background(), orderPlan(dids))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	// 503s are retried (not executed); a refusal is Failed unless the
	// same call also lost its answer (then it is reconciled as not done
	// and sent again).
	if rep.OK+rep.Failed != 40 || rep.Failed > 3 || rep.Unknown != 0 || rep.OK != len(sim.DIDs()) {
		t.Fatalf("report OK=%d Failed=%d Unknown=%d, account owns %d", rep.OK, rep.Failed, rep.Unknown, len(sim.DIDs()))
	}
	if sim.Calls("getDIDsInfo") == 0 {
		t.Fatal("unknown outcomes were not reconciled")
	}
	for _, d := range dids {
		if n := sim.OrderCount(d); n > 1 {
			t.Errorf("%s bought %d times", d, n)
		}
	}
	if last.Done != 40 || last.Total != 40 || last.Unknown != 0 {
		t.Errorf("last progress %+v", last)
	}
	if calls < 40 {
		t.Errorf("progress called %d times", calls)
	}
}

// fakeBackend records what happens, for cap and ordering checks.
type fakeBackend struct {
	mu        sync.Mutex
	owned     map[string]bool
	refuse    map[string]bool // Do refuses these (not executed)
	lose      map[string]int  // Do executes, then reports unknown, this many times
	inflight  int
	maxMaybe  int // max of owned+inflight orders seen
	events    []string
	delay     time.Duration
	reconcile int
}

func newFake() *fakeBackend {
	return &fakeBackend{owned: map[string]bool{}, refuse: map[string]bool{}, lose: map[string]int{}}
}

func (f *fakeBackend) Do(ctx context.Context, op bulk.Op) error {
	f.mu.Lock()
	f.events = append(f.events, "do "+op.DID)
	f.inflight++
	if m := len(f.owned) + f.inflight; m > f.maxMaybe {
		f.maxMaybe = m
	}
	f.mu.Unlock()
	time.Sleep(f.delay)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.inflight--
	if f.refuse[op.DID] {
		return errors.New("refused")
	}
	switch op.Kind {
	case bulk.KindOrder:
		if f.owned[op.DID] {
			return errors.New("already owned: ordered twice")
		}
		f.owned[op.DID] = true
	case bulk.KindCancel:
		delete(f.owned, op.DID)
	}
	if f.lose[op.DID] > 0 {
		f.lose[op.DID]--
		return bulk.ErrOutcomeUnknown
	}
	return nil
}

func (f *fakeBackend) Reconcile(ctx context.Context, ops []bulk.Op) ([]bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reconcile++
	f.events = append(f.events, "reconcile")
	out := make([]bool, len(ops))
	for i, op := range ops {
		out[i] = f.owned[op.DID] == (op.Kind == bulk.KindOrder)
	}
	return out, nil
}

func fakeDIDs(n int) []string {
	var out []string
	for i := range n {
		out = append(out, "30555"+string(rune('0'+i/10000%10))+string(rune('0'+i/1000%10))+string(rune('0'+i/100%10))+string(rune('0'+i/10%10))+string(rune('0'+i%10)))
	}
	return out
}

// TestCapUnderFaults: Want=10 of 20 candidates, some refused and some
// unknown: exactly 10 bought, and orders that had or might have taken
// effect never exceeded 10 at any moment.
func TestCapUnderFaults(t *testing.T) {
	f := newFake()
	f.delay = 2 * time.Millisecond
	dids := fakeDIDs(20)
	for _, d := range dids[:3] {
		f.refuse[d] = true
	}
	f.lose[dids[4]], f.lose[dids[7]] = 1, 1
	p := orderPlan(dids)
	p.Want = 10
	var maxMaybe int
	r, _ := bulk.New(f, &bulk.MemJournal{}, bulk.Options{Concurrency: 8, Rate: 10000, Progress: func(pr bulk.Progress) {
		if m := pr.OK + pr.Unknown; m > maxMaybe {
			maxMaybe = m
		}
	}})
	rep, err := r.Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.owned) != 10 || rep.OK != 10 || rep.Failed != 3 || rep.Skipped != 7 {
		t.Fatalf("owned %d, report %+v", len(f.owned), rep)
	}
	if f.maxMaybe > 10 || maxMaybe > 10 {
		t.Fatalf("cap exceeded: %d in flight or owned at once (progress %d)", f.maxMaybe, maxMaybe)
	}
}

// TestResumeReconcilesFirst: a journal whose last op was sent with no
// outcome: the rerun reconciles before any Do, skips finished ops and does
// not send the one that went through.
func TestResumeReconcilesFirst(t *testing.T) {
	f := newFake()
	dids := fakeDIDs(5)
	p := orderPlan(dids)
	j := &bulk.MemJournal{}
	now := time.Now()
	j.Append(bulk.Record{Event: bulk.EventPlan, At: now, Plan: &p})
	j.Append(bulk.Record{Event: bulk.EventSend, At: now, Op: &p.Ops[0]})
	j.Append(bulk.Record{Event: bulk.EventDone, At: now, Op: &p.Ops[0], Outcome: bulk.OutcomeOK})
	j.Append(bulk.Record{Event: bulk.EventSend, At: now, Op: &p.Ops[1]}) // went through, then crash
	j.Append(bulk.Record{Event: bulk.EventSend, At: now, Op: &p.Ops[2]}) // did not go through
	f.owned[dids[0]], f.owned[dids[1]] = true, true
	r, _ := bulk.New(f, j, bulk.Options{Concurrency: 1, Rate: 10000})
	rep, err := r.Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"reconcile", "do " + dids[2], "do " + dids[3], "do " + dids[4]}
	if !equal(f.events, want) {
		t.Fatalf("events %v, want %v", f.events, want)
	}
	if rep.OK != 5 || f.reconcile != 1 {
		t.Fatalf("report %+v, reconcile calls %d", rep, f.reconcile)
	}
	// A journal of another plan is refused before any I/O.
	other := orderPlan(dids[:4])
	if _, err := r.Run(context.Background(), other); !errors.Is(err, bulk.ErrJournal) {
		t.Fatalf("other plan: %v", err)
	}
}

func TestValidateBeforeIO(t *testing.T) {
	sim := newSim(t)
	c, _ := sim.Client()
	b := bulk.NewVoIPms(c, orderTemplate())
	for name, p := range map[string]bulk.Plan{
		"empty":     {},
		"duplicate": orderPlan([]string{"3055550100", "3055550100"}),
		"bad did":   orderPlan([]string{"12345"}),
		"bad route": {Ops: []bulk.Op{{Kind: bulk.KindRoute, DID: "3055550100", Route: "nonsense:1"}}},
		"no route":  {Ops: []bulk.Op{{Kind: bulk.KindRoute, DID: "3055550100"}}},
		"want>ops":  {Ops: orderPlan([]string{"3055550100"}).Ops, Want: 2},
	} {
		r, _ := bulk.New(b, &bulk.MemJournal{}, bulk.Options{})
		if _, err := r.Run(context.Background(), p); !errors.Is(err, bulk.ErrInvalidPlan) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := sim.Calls("orderDID") + sim.Calls("setDIDRouting"); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

// TestJournalFailureStops: when the "send" record cannot be written,
// nothing is sent.
func TestJournalFailureStops(t *testing.T) {
	f := newFake()
	j := &bulk.MemJournal{}
	p := orderPlan(fakeDIDs(3))
	r, _ := bulk.New(f, j, bulk.Options{Rate: 10000})
	j.Append(bulk.Record{Event: bulk.EventPlan, Plan: &p})
	j.Fail = errors.New("disk full")
	_, err := r.Run(context.Background(), p)
	if !errors.Is(err, bulk.ErrJournal) || len(f.events) != 0 {
		t.Fatalf("err %v, events %v", err, f.events)
	}
}

func TestFileJournalTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.jsonl")
	j, err := bulk.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	op := bulk.Op{Kind: bulk.KindOrder, DID: "3055550100"}
	if err := j.Append(bulk.Record{Event: bulk.EventSend, Op: &op}); err != nil {
		t.Fatal(err)
	}
	j.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"ev":"done","op":{"kind":"ord`)
	f.Close()
	j, err = bulk.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := j.Records()
	if len(recs) != 1 || recs[0].Event != bulk.EventSend {
		t.Fatalf("records %+v", recs)
	}
	if err := j.Append(bulk.Record{Event: bulk.EventDone, Op: &op, Outcome: bulk.OutcomeOK}); err != nil {
		t.Fatal(err)
	}
	j.Close()
	j, _ = bulk.OpenFile(path)
	recs, _ = j.Records()
	j.Close()
	if len(recs) != 2 || recs[1].Outcome != bulk.OutcomeOK {
		t.Fatalf("after append: %+v", recs)
	}
	// A damaged line in the middle is an error, not silently dropped.
	data, _ := os.ReadFile(path)
	os.WriteFile(path, append([]byte("garbage\n"), data...), 0o600)
	if _, err := bulk.OpenFile(path); !errors.Is(err, bulk.ErrJournal) {
		t.Fatalf("damaged journal: %v", err)
	}
}

// TestCancelStopsCleanly: cancelling ctx stops dispatch; ops in flight
// finish and are journaled; a second run completes the plan.
func TestCancelStopsCleanly(t *testing.T) {
	f := newFake()
	f.delay = 5 * time.Millisecond
	p := orderPlan(fakeDIDs(30))
	j := &bulk.MemJournal{}
	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int32
	r, _ := bulk.New(f, j, bulk.Options{Concurrency: 3, Rate: 10000, Progress: func(bulk.Progress) {
		if n.Add(1) == 5 {
			cancel()
		}
	}})
	rep, err := r.Run(ctx, p)
	if !errors.Is(err, context.Canceled) || rep.OK == 0 || rep.OK == 30 || rep.Unknown != 0 {
		t.Fatalf("first run: %v %+v", err, rep)
	}
	r2, _ := bulk.New(f, j, bulk.Options{Concurrency: 3, Rate: 10000})
	rep, err = r2.Run(context.Background(), p)
	if err != nil || rep.OK != 30 || len(f.owned) != 30 {
		t.Fatalf("second run: %v %+v owned %d", err, rep, len(f.owned))
	}
}
