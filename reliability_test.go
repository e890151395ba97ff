package voipms_test

import (
	"github.com/shopspring/decimal"

	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// transientFaults are the wire failures the live API has shown.
var transientFaults = []voipmstest.FaultKind{
	voipmstest.FaultHTML500, voipmstest.FaultHTML503, voipmstest.FaultConnReset, voipmstest.FaultNoStatus,
	voipmstest.FaultTruncated, voipmstest.FaultEmptyBody,
}

// faultMix is the seeded fault schedule of the write tests: every transient
// failure, latency and odd answer shapes.
var faultMix = append(append([]voipmstest.FaultKind{}, transientFaults...), voipmstest.FaultShape, voipmstest.FaultLatency)

// availablePool collects up to n numbers for sale in the simulator; withSMS
// keeps only SMS-capable ones.
func availablePool(t *testing.T, c *voipms.Client, n int, withSMS bool) []string {
	t.Helper()
	ctx := context.Background()
	states, err := c.Catalog.ListStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var pool []string
	for _, st := range states {
		found, err := c.DIDs.ListAvailableUSA(ctx, &voipms.DIDListAvailableUSAParams{State: string(st.Code)})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range found {
			if withSMS && !bool(d.SMS) {
				continue
			}
			pool = append(pool, string(d.DID))
			if len(pool) == n {
				return pool
			}
		}
	}
	return pool
}

// twinPool lists n numbers for sale on a fault-free simulator built with
// opts: a server with the same seed and inventory options offers the same
// numbers, so the pool need not be read through faults.
func twinPool(t *testing.T, n int, withSMS bool, opts ...voipmstest.Option) []string {
	t.Helper()
	twin := voipmstest.NewServer(opts...)
	defer twin.Close()
	c, err := twin.Client()
	if err != nil {
		t.Fatal(err)
	}
	return availablePool(t, c, n, withSMS)
}

func orderParams(did string) *voipms.DIDOrderParams {
	return &voipms.DIDOrderParams{
		DID: did, DIDSettings: voipms.DIDSettings{Routing: voipms.RouteAccount("100001_VoIP"), POP: 3, DialTime: 60, CNAM: true},
		BillingType: voipms.DIDBillingTypePerMinute,
	}
}

// retried calls f up to tries times until it succeeds. The SDK already
// retries every read; this bounds the test's own retries of a reconcile
// that still failed.
func retried[T any](tries int, f func() (T, error)) (T, error) {
	var v T
	var err error
	for range tries {
		if v, err = f(); err == nil {
			break
		}
	}
	return v, err
}

// 1,000 orderDID attempts, each for a different number and none repeated,
// against a simulator that fails 30 % of calls (reconciles included) in
// every way the live API has: the orders VoIP.ms executed are exactly those
// the caller believes succeeded plus those the reconciler found owned, and
// no number is bought twice.
func TestNoDuplicateOrdersUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("long fault test")
	}
	const attempts = 1000
	// The default inventory holds ~590 US numbers; twice the stock per rate
	// center gives enough distinct numbers.
	inv := []voipmstest.Option{voipmstest.WithSeed(11), voipmstest.WithInventoryScale(2)}
	pool := twinPool(t, attempts, false, inv...)
	if len(pool) != attempts {
		t.Fatalf("simulator offers only %d numbers", len(pool))
	}
	// A thousand orders cost more than the default 100.00 balance.
	srv := voipmstest.NewServer(append(inv, voipmstest.WithFaultRate(0.3, faultMix...), voipmstest.WithAccountBalance("100000"))...)
	defer srv.Close()
	c, err := srv.Client(voipms.WithRetry(6, time.Millisecond, 4*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	reconciles := 0
	reconcile := func(did string, tries int) (voipms.OrderStatus, error) {
		return retried(tries, func() (voipms.OrderStatus, error) { reconciles++; return c.DIDs.ReconcileOrder(ctx, did) })
	}

	before, callsBefore, readsBefore := srv.Executed().Orders, srv.Calls("orderDID"), srv.Calls("getDIDsInfo")
	believed, reconciled, notExecuted := map[string]bool{}, map[string]bool{}, map[string]bool{}
	var ambiguous int
	var unsettled []string // reconcile still failing after its retries
	for _, did := range pool {
		_, err := c.DIDs.Order(ctx, orderParams(did))
		switch {
		case err == nil:
			believed[did] = true
		case errors.Is(err, voipms.ErrOutcomeUnknown):
			ambiguous++
			st, rerr := reconcile(did, 3)
			switch {
			case rerr != nil:
				unsettled = append(unsettled, did)
			case st == voipms.OrderOwned:
				reconciled[did] = true
			default:
				notExecuted[did] = true // never re-ordered: each attempt is a new number
			}
		default:
			t.Fatalf("%s: unexpected error: %v", did, err)
		}
	}
	// Settle what could not be reconciled during the run (faults go on).
	for _, did := range unsettled {
		st, err := reconcile(did, 20)
		if err != nil {
			t.Fatalf("%s: outcome still unknown: %v", did, err)
		}
		if st == voipms.OrderOwned {
			reconciled[did] = true
		} else {
			notExecuted[did] = true
		}
	}
	executed := srv.Executed().Orders - before
	wire := srv.Calls("orderDID") - callsBefore
	t.Logf("%d orderDID attempts (%d requests): believed %d, reconciled as owned %d, not executed %d, ambiguous %d (settled after the run %d), executed %d; %d reconciles made %d getDIDsInfo requests",
		len(pool), wire, len(believed), len(reconciled), len(notExecuted), ambiguous, len(unsettled), executed, reconciles, srv.Calls("getDIDsInfo")-readsBefore)
	if wire != attempts {
		t.Errorf("%d orderDID requests reached the simulator, want %d (one per number)", wire, attempts)
	}
	if n := len(believed) + len(reconciled) + len(notExecuted); n != attempts {
		t.Errorf("accounted for %d attempts, want %d", n, attempts)
	}
	if executed != len(believed)+len(reconciled) {
		t.Errorf("executed %d orders, caller accounts for %d", executed, len(believed)+len(reconciled))
	}
	if ambiguous == 0 || len(notExecuted) == 0 || len(reconciled) == 0 {
		t.Error("the fault mix did not produce both outcomes of an ambiguous order; the test proves nothing")
	}
	for _, did := range pool {
		want := 0
		if believed[did] || reconciled[did] {
			want = 1
		}
		if n := srv.OrderCount(did); n != want {
			t.Errorf("%s bought %d times, want %d", did, n, want)
		}
	}
}

// 1,000 sendSMS attempts (one per distinct text, plus the resends the
// reconciler allows) under a seeded 30 % fault mix that also hits the
// reconciler's getSMS calls: every message VoIP.ms sent is either one the
// caller saw succeed or one ReconcileSend found; none is sent twice.
func TestNoDuplicateSMSUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("long fault test")
	}
	const messages = 1000
	opts := []voipmstest.Option{voipmstest.WithSeed(12), voipmstest.WithSMSDailyLimit(1_000_000)}
	from := twinPool(t, 1, true, opts...)
	if len(from) == 0 {
		t.Fatal("no SMS-capable number in the simulator")
	}
	srv := voipmstest.NewServer(append(opts, voipmstest.WithFaultRate(0.3, faultMix...))...)
	defer srv.Close()
	c, err := srv.Client(voipms.WithRetry(6, time.Millisecond, 4*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	did := from[0]
	// Buy the sending number through the faults, reconciling as a caller must.
	for bought := false; !bought; {
		_, err := c.DIDs.Order(ctx, orderParams(did))
		switch {
		case err == nil:
			bought = true
		case errors.Is(err, voipms.ErrOutcomeUnknown):
			st, rerr := retried(20, func() (voipms.OrderStatus, error) { return c.DIDs.ReconcileOrder(ctx, did) })
			if rerr != nil {
				t.Fatal(rerr)
			}
			bought = st == voipms.OrderOwned
		default:
			t.Fatal(err)
		}
	}
	before, callsBefore, readsBefore := srv.Executed().SMSSent, srv.Calls("sendSMS"), srv.Calls("getSMS")

	const dst = "5557654321"
	type attempt struct {
		text  string
		since time.Time
	}
	var believed, reconciled, notSent, ambiguous int
	var unknown []attempt // reconcile still failing after its retries: settled after the run
	reconciles := 0
	reconcile := func(a attempt, tries int) (int64, error) {
		return retried(tries, func() (int64, error) {
			reconciles++
			return c.SMS.ReconcileSend(ctx, voipms.SentMessage{DID: did, Dst: dst, Message: a.text, Since: a.since})
		})
	}
	// deliver sends text until the caller knows it went out once, or its
	// outcome stays unknown.
	deliver := func(text string) {
		for {
			a := attempt{text, time.Now()}
			_, err := c.SMS.Send(ctx, &voipms.SMSSendParams{DID: did, Destination: dst, Message: text})
			switch {
			case err == nil:
				believed++
				return
			case !errors.Is(err, voipms.ErrOutcomeUnknown):
				t.Fatalf("send %q: %v", text, err)
			}
			ambiguous++
			id, rerr := reconcile(a, 3)
			switch {
			case rerr != nil:
				unknown = append(unknown, a)
				return
			case id != 0:
				reconciled++
				return
			}
			notSent++ // not sent: sending again cannot duplicate it
		}
	}
	for i := range messages {
		deliver(fmt.Sprintf("order %04d confirmed", i))
	}
	stillUnknown := len(unknown)
	for len(unknown) > 0 {
		a := unknown[0]
		unknown = unknown[1:]
		id, err := reconcile(a, 20)
		switch {
		case err != nil:
			t.Fatalf("%q: outcome still unknown: %v", a.text, err)
		case id != 0:
			reconciled++
		default:
			notSent++
			deliver(a.text)
		}
	}
	executed := srv.Executed().SMSSent - before
	wire := srv.Calls("sendSMS") - callsBefore
	t.Logf("%d messages, %d sendSMS requests: believed %d, reconciled %d, not sent (resent) %d, ambiguous %d (unknown until settled after the run %d), executed %d; %d reconciles made %d getSMS requests",
		messages, wire, believed, reconciled, notSent, ambiguous, stillUnknown, executed, reconciles, srv.Calls("getSMS")-readsBefore)
	if executed != believed+reconciled {
		t.Errorf("executed %d sends, caller accounts for %d", executed, believed+reconciled)
	}
	if believed+reconciled != messages {
		t.Errorf("caller accounts for %d sends, want %d", believed+reconciled, messages)
	}
	if ambiguous == 0 || reconciled == 0 || notSent == 0 {
		t.Error("the fault mix did not produce both outcomes of an ambiguous send; the test proves nothing")
	}
	// No text was sent twice.
	now := time.Now().UTC()
	msgs, err := retried(20, func() ([]voipms.SMS, error) {
		return c.SMS.List(ctx, &voipms.SMSListParams{DID: voipms.Ptr(did), Limit: voipms.Ptr(int64(5000)), Timezone: voipms.Ptr(decimal.RequireFromString("0")),
			From: voipms.Ptr(time.Date(now.Year(), now.Month(), now.Day()-1, 0, 0, 0, 0, time.UTC)),
			To:   voipms.Ptr(time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, time.UTC)),
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, m := range msgs {
		if string(m.Contact) == dst {
			count[string(m.Message)]++
		}
	}
	var dups []string
	for text, n := range count {
		if n > 1 {
			dups = append(dups, text)
		}
	}
	sort.Strings(dups)
	if len(dups) > 0 {
		t.Errorf("sent twice: %v", dups)
	}
	if len(count) != messages {
		t.Errorf("%d distinct messages delivered, want %d", len(count), messages)
	}
}

// attemptCounter is an http.RoundTripper that counts the attempts the
// client starts, and those started once a watched moment has passed.
type attemptCounter struct {
	base    http.RoundTripper
	n       atomic.Int64
	mu      sync.Mutex
	ctx     context.Context // attempts started after it ended are counted in late
	late    int
	stopped time.Time // attempts started after it are counted in after
	after   int
}

func (a *attemptCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	a.n.Add(1)
	a.mu.Lock()
	if a.ctx != nil && a.ctx.Err() != nil {
		a.late++
	}
	if !a.stopped.IsZero() {
		a.after++
	}
	a.mu.Unlock()
	return a.base.RoundTrip(r)
}

// Reads survive a 30 % transient fault rate within the retry budget and stop
// retrying as soon as the context ends.
func TestReadsSurviveFaults(t *testing.T) {
	srv := voipmstest.NewServer(voipmstest.WithSeed(13), voipmstest.WithFaultRate(0.3, append(transientFaults, voipmstest.FaultShape)...))
	defer srv.Close()
	c, err := srv.Client(voipms.WithRetry(6, 0, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ok := 0
	for i := 0; i < 1000; i++ {
		if _, err := c.DIDs.List(ctx, nil); err == nil {
			ok++
		} else if !errors.Is(err, voipms.ErrBadResponse) && !errors.As(err, new(*voipms.TransportError)) {
			t.Fatalf("call %d: unexpected error %v", i, err)
		}
	}
	t.Logf("%d of 1000 reads succeeded under a 30%% fault rate", ok)
	if ok < 990 {
		t.Errorf("only %d of 1000 reads succeeded", ok)
	}

	// Every call fails: the client keeps retrying with long waits until the
	// context ends, then stops at once. Attempts are counted where they
	// start, in the client's transport: a request already in flight when
	// the context ends may still reach the server, but no new one may start.
	srv.InjectFault("getDIDsInfo", voipmstest.Fault{Kind: voipmstest.FaultHTML503})
	ctx2, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	defer cancel()
	counter := &attemptCounter{base: http.DefaultTransport.(*http.Transport).Clone(), ctx: ctx2}
	slow, err := srv.Client(voipms.WithHTTPClient(&http.Client{Transport: counter}),
		voipms.WithRetry(100, 20*time.Millisecond, 20*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	serverBefore := srv.Calls("getDIDsInfo")
	_, err = slow.DIDs.List(ctx2, nil)
	deadline, _ := ctx2.Deadline()
	lag := time.Since(deadline)
	counter.mu.Lock()
	counter.stopped = time.Now()
	late := counter.late
	counter.mu.Unlock()
	made := counter.n.Load()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want deadline exceeded, got %v", err)
	}
	// A hang guard, not a speed assertion: the attempt count below is what
	// shows the loop stopped; without the context the 100 attempts would
	// run for seconds. (It was 250 ms and flaked on a loaded 2-core box.)
	if lag > time.Second {
		t.Errorf("returned %v after the context ended", lag)
	}
	// A retry decided a moment before the deadline may start just after it
	// and fail at once; a second one would mean the loop ignored the end.
	if late > 1 {
		t.Errorf("%d attempts started after the context ended", late)
	}
	time.Sleep(100 * time.Millisecond) // let anything still in flight land
	counter.mu.Lock()
	after := counter.after
	counter.mu.Unlock()
	if after != 0 || counter.n.Load() != made {
		t.Errorf("%d attempts started after the call returned", after)
	}
	if got := srv.Calls("getDIDsInfo") - serverBefore; int64(got) > made {
		t.Errorf("the server saw %d requests, the client started %d", got, made)
	}
	t.Logf("%d attempts in 150ms (%d started after the deadline), returned %v after it", made, late, lag)
	// Waits are jittered between 10 and 20 ms: at most 1 + 150/10 attempts
	// fit before the deadline, plus the one that may start just after it.
	if made < 2 || made > 17 {
		t.Errorf("made %d attempts in 150ms with 10-20ms waits", made)
	}
}
