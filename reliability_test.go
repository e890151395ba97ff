package voipms_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
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

// availablePool collects up to n numbers for sale in the simulator.
func availablePool(t *testing.T, c *voipms.Client, n int) []string {
	t.Helper()
	ctx := context.Background()
	states, err := c.Catalog.States(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var pool []string
	for _, st := range states {
		found, err := c.DIDs.AvailableUSA(ctx, &voipms.GetDIDsUSAParams{State: string(st.Code)})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range found {
			pool = append(pool, string(d.DID))
			if len(pool) == n {
				return pool
			}
		}
	}
	return pool
}

func orderParams(did string) *voipms.OrderDIDParams {
	return &voipms.OrderDIDParams{
		DID: did, Routing: voipms.RouteAccount("100001_VoIP"), POP: 3, DialTime: 60, CNAM: true,
		BillingType: voipms.DIDBillingTypePerMinute,
	}
}

// 1,000 orderDID attempts against a simulator that fails 30 % of calls in
// every way the live API has: the orders VoIP.ms executed are exactly those
// the caller believes succeeded plus those the reconciler found owned, and
// no number is bought twice.
func TestNoDuplicateOrdersUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("long fault test")
	}
	srv := voipmstest.NewServer(voipmstest.WithSeed(11),
		voipmstest.WithFaultRate(0.3, append(transientFaults, voipmstest.FaultShape, voipmstest.FaultLatency)...))
	defer srv.Close()
	c, err := srv.Client(voipms.WithRetry(6, time.Millisecond, 4*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	pool := availablePool(t, c, 1000)
	if len(pool) < 200 {
		t.Fatalf("simulator offers only %d numbers", len(pool))
	}
	before := srv.Executed().Orders
	believed, reconciled, ambiguous := map[string]bool{}, map[string]bool{}, 0
	pending := append([]string(nil), pool...)
	for attempt := 0; attempt < 1000 && len(pending) > 0; attempt++ {
		did := pending[0]
		pending = pending[1:]
		_, err := c.DIDs.Order(ctx, orderParams(did))
		switch {
		case err == nil:
			if believed[did] || reconciled[did] {
				t.Fatalf("%s: order succeeded twice", did)
			}
			believed[did] = true
		case errors.Is(err, voipms.ErrOutcomeUnknown):
			ambiguous++
			st, rerr := c.DIDs.ReconcileOrder(ctx, did)
			switch {
			case rerr != nil:
				pending = append(pending, did) // could not tell yet: ask again later
				reconciled[did] = false
			case st == voipms.OrderOwned:
				reconciled[did] = true
			default:
				pending = append(pending, did) // not executed: safe to order again
			}
		case errors.Is(err, voipms.ErrConflict):
			// did_in_use: only possible if an earlier ambiguous attempt
			// went through and we have not confirmed it yet.
			if _, seen := reconciled[did]; !seen {
				t.Fatalf("%s: did_in_use without an earlier ambiguous attempt: %v", did, err)
			}
			reconciled[did] = true
		default:
			t.Fatalf("%s: unexpected error: %v", did, err)
		}
	}
	// Settle what could not be reconciled under faults.
	srv.ClearFaults()
	for did, ok := range reconciled {
		if ok {
			continue
		}
		st, err := c.DIDs.ReconcileOrder(ctx, did)
		if err != nil {
			t.Fatal(err)
		}
		reconciled[did] = st == voipms.OrderOwned
	}
	owned := 0
	for _, ok := range reconciled {
		if ok {
			owned++
		}
	}
	executed := srv.Executed().Orders - before
	t.Logf("orders believed %d, reconciled as owned %d, ambiguous outcomes %d, executed %d", len(believed), owned, ambiguous, executed)
	if executed != len(believed)+owned {
		t.Errorf("executed %d orders, caller accounts for %d", executed, len(believed)+owned)
	}
	if ambiguous == 0 {
		t.Error("the fault mix produced no ambiguous outcome; the test proves nothing")
	}
	for _, did := range pool {
		if n := srv.OrderCount(did); n > 1 {
			t.Errorf("%s bought %d times", did, n)
		}
	}
}

// 1,000 sendSMS attempts under faults: every message VoIP.ms sent is either
// one the caller saw succeed or one ReconcileSend found; none is sent twice.
func TestNoDuplicateSMSUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("long fault test")
	}
	srv := voipmstest.NewServer(voipmstest.WithSeed(12), voipmstest.WithSMSDailyLimit(1_000_000))
	defer srv.Close()
	c, err := srv.Client(voipms.WithRetry(6, time.Millisecond, 4*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var from string
	for _, did := range availablePool(t, c, 50) {
		if _, err := c.DIDs.Order(ctx, orderParams(did)); err != nil {
			t.Fatal(err)
		}
		d, err := c.DIDs.Get(ctx, did)
		if err != nil {
			t.Fatal(err)
		}
		if d.SMSEnabled {
			from = did
			break
		}
	}
	if from == "" {
		t.Fatal("no SMS-capable number in the simulator")
	}
	before := srv.Executed().SMSSent

	const dst = "5557654321"
	believed, reconciled, ambiguous := 0, 0, 0
	sentIDs := map[int64]string{}
	kinds := transientFaults
	for i := 0; i < 1000; i++ {
		text := fmt.Sprintf("order %04d confirmed", i)
		if i%3 == 0 { // a third of the sends hit a fault, cycling through every kind
			srv.InjectFault("sendSMS", voipmstest.Fault{Kind: kinds[(i/3)%len(kinds)], Times: 1})
		}
		since := time.Now().Add(-time.Minute)
		id, err := c.SMS.Send(ctx, &voipms.SendSMSParams{DID: from, Destination: dst, Message: text})
		switch {
		case err == nil:
			believed++
			sentIDs[id] = text
		case errors.Is(err, voipms.ErrOutcomeUnknown):
			ambiguous++
			rid, rerr := c.SMS.ReconcileSend(ctx, voipms.SentMessage{DID: from, Dst: dst, Message: text, Since: since})
			if rerr != nil {
				t.Fatalf("reconcile %d: %v", i, rerr)
			}
			if rid != 0 {
				reconciled++
				continue
			}
			// Not sent: sending again cannot duplicate it.
			if _, err := c.SMS.Send(ctx, &voipms.SendSMSParams{DID: from, Destination: dst, Message: text}); err != nil {
				t.Fatalf("resend %d: %v", i, err)
			}
			believed++
		default:
			t.Fatalf("send %d: %v", i, err)
		}
	}
	srv.ClearFaults()
	executed := srv.Executed().SMSSent - before
	t.Logf("sends believed %d, reconciled %d, ambiguous %d, executed %d", believed, reconciled, ambiguous, executed)
	if executed != believed+reconciled {
		t.Errorf("executed %d sends, caller accounts for %d", executed, believed+reconciled)
	}
	if ambiguous == 0 {
		t.Error("no ambiguous outcome; the test proves nothing")
	}
	// No text was sent twice.
	now := time.Now()
	msgs, err := c.SMS.List(ctx, &voipms.GetSMSParams{DID: voipms.Ptr(from), Limit: voipms.Ptr(int64(5000)),
		From: voipms.Ptr(voipms.NewDate(now.Year(), now.Month(), now.Day()-1)),
		To:   voipms.Ptr(voipms.NewDate(now.Year(), now.Month(), now.Day()+1)),
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
	if len(count) != 1000 {
		t.Errorf("%d distinct messages delivered, want 1000", len(count))
	}
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
	// context ends, then stops at once.
	srv.InjectFault("getDIDsInfo", voipmstest.Fault{Kind: voipmstest.FaultHTML503})
	slow, err := srv.Client(voipms.WithRetry(100, 20*time.Millisecond, 20*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx2, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	defer cancel()
	callsBefore := srv.Calls("getDIDsInfo")
	start := time.Now()
	_, err = slow.DIDs.List(ctx2, nil)
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want deadline exceeded, got %v", err)
	}
	if took > time.Second {
		t.Errorf("returned %v after the context ended", took)
	}
	made := srv.Calls("getDIDsInfo") - callsBefore
	time.Sleep(100 * time.Millisecond)
	if after := srv.Calls("getDIDsInfo") - callsBefore; after != made {
		t.Errorf("calls went on after the context ended: %d then %d", made, after)
	}
	if made < 2 || made > 12 {
		t.Errorf("made %d attempts in 150ms with 20ms waits", made)
	}
}
