package voipms_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

func ptr[T any](v T) *T { return &v }

// buyForWindows orders a number on sim and returns it.
func buyForWindows(t *testing.T, c *voipms.Client) string {
	t.Helper()
	ctx := context.Background()
	avail, err := c.DIDs.ListAvailableUSA(ctx, &voipms.DIDListAvailableUSAParams{State: "FL"})
	if err != nil || len(avail) == 0 {
		t.Fatalf("stock: %v", err)
	}
	_, err = c.DIDs.Order(ctx, &voipms.DIDOrderParams{DID: avail[0].DID, BillingType: voipms.DIDBillingTypePerMinute,
		DIDSettings: voipms.DIDSettings{Routing: voipms.RouteAccount("100001"), POP: 3, DialTime: 60}})
	if err != nil {
		t.Fatal(err)
	}
	return avail[0].DID
}

// TestCDRAllWindows: 400 days of calls, one every 4 days, come back exactly
// once each through ceil(days/92) getCDR calls; stopping early sends no
// more requests; a reversed range is a validation error before any request.
func TestCDRAllWindows(t *testing.T) {
	sim := voipmstest.NewServer()
	defer sim.Close()
	c, _ := sim.Client()
	start := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	want := 0
	for d := 0; d < 400; d += 4 {
		if _, err := sim.AddCallRecord(voipmstest.CallRecord{Time: start.AddDate(0, 0, d), Destination: "5145550100",
			Account: "100001", Disposition: voipmstest.DispositionAnswered, Seconds: 60, CallerID: "3055550100"}); err != nil {
			t.Fatal(err)
		}
		want++
	}
	before := sim.Calls("getCDR")
	p := &voipms.CDRListParams{DateFrom: start, DateTo: start.AddDate(0, 0, 399), Answered: ptr(true)}
	got := 0
	for _, err := range c.CDR.All(context.Background(), p) {
		if err != nil {
			t.Fatal(err)
		}
		got++
	}
	if got != want {
		t.Fatalf("All yielded %d records, want %d", got, want)
	}
	if n := sim.Calls("getCDR") - before; n != 5 { // 400 days = 4×92 + 32
		t.Fatalf("%d getCDR calls, want 5", n)
	}
	before = sim.Calls("getCDR")
	for range c.CDR.All(context.Background(), p) {
		break
	}
	if n := sim.Calls("getCDR") - before; n != 1 {
		t.Fatalf("early stop: %d calls", n)
	}
	rev := &voipms.CDRListParams{DateFrom: start, DateTo: start.AddDate(0, 0, -1), Answered: ptr(true)}
	for _, err := range c.CDR.All(context.Background(), rev) {
		var ve *voipms.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("reversed range: %v", err)
		}
	}
	if sim.Calls("getCDR") != before+1 {
		t.Fatal("a request was sent for an invalid range")
	}
}

// TestSMSAllPastRowLimit: 30 messages over 200 days read with a row limit
// of 4 come back exactly once each (windows split where full).
func TestSMSAllPastRowLimit(t *testing.T) {
	var now atomic.Int64
	start := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	now.Store(start.UnixNano())
	sim := voipmstest.NewServer(voipmstest.WithClock(func() time.Time { return time.Unix(0, now.Load()).UTC() }),
		voipmstest.WithSMSDailyLimit(0))
	defer sim.Close()
	c, _ := sim.Client()
	did := buyForWindows(t, c)
	for i := range 30 {
		now.Store(start.Add(time.Duration(i*160) * time.Hour).UnixNano())
		if _, err := sim.Receive(did, "5145550100", "hello"); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int64]bool{}
	from, to := start, start.AddDate(0, 0, 210)
	for m, err := range c.SMS.All(context.Background(), &voipms.SMSListParams{From: &from, To: &to, Limit: ptr(int64(4))}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[int64(m.ID)] {
			t.Fatalf("message %d twice", m.ID)
		}
		seen[int64(m.ID)] = true
	}
	if len(seen) != 30 {
		t.Fatalf("%d messages, want 30", len(seen))
	}
	// One day holding more than the limit is ErrWindowFull, not a silent cut.
	for range 3 {
		sim.Receive(did, "5145550100", "same day")
	}
	day := time.Unix(0, now.Load()).UTC()
	var werr error
	for _, err := range c.SMS.All(context.Background(), &voipms.SMSListParams{From: &day, To: &day, Limit: ptr(int64(2))}) {
		werr = err
	}
	if !errors.Is(werr, voipms.ErrWindowFull) {
		t.Fatalf("full day: %v", werr)
	}
}

func TestReconcileOrders(t *testing.T) {
	sim := voipmstest.NewServer()
	defer sim.Close()
	c, _ := sim.Client()
	mine := buyForWindows(t, c)
	before := sim.Calls("getDIDsInfo")
	st, err := c.DIDs.ReconcileOrders(context.Background(), mine, "3055550199")
	if err != nil {
		t.Fatal(err)
	}
	if st[mine] != voipms.OrderOwned || st["3055550199"] != voipms.OrderNotOwned {
		t.Fatalf("statuses %v", st)
	}
	if n := sim.Calls("getDIDsInfo") - before; n != 1 {
		t.Fatalf("%d getDIDsInfo calls", n)
	}
	var ve *voipms.ValidationError
	if _, err := c.DIDs.ReconcileOrders(context.Background(), "123"); !errors.As(err, &ve) {
		t.Fatalf("bad DID: %v", err)
	}
	if sim.Calls("getDIDsInfo")-before != 1 {
		t.Fatal("request sent for a bad DID")
	}
}
