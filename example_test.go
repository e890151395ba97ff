package voipms_test

import (
	"github.com/shopspring/decimal"

	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// The examples run against voipmstest, the in-memory VoIP.ms simulator, with
// a fixed seed so the inventory (and so the output) is always the same.

// buyOne orders the first Florida number that can do SMS and returns it.
func buyOne(ctx context.Context, c *voipms.Client) string {
	found, err := c.DIDs.ListAvailableUSA(ctx, &voipms.DIDListAvailableUSAParams{State: "FL"})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range found {
		if !d.SMS {
			continue
		}
		_, err := c.DIDs.Order(ctx, &voipms.DIDOrderParams{
			DID: string(d.DID), DIDSettings: voipms.DIDSettings{Routing: voipms.RouteAccount("100001_VoIP"), POP: 3, DialTime: 60, CNAM: true}, BillingType: voipms.DIDBillingTypePerMinute,
		})
		if err != nil {
			log.Fatal(err)
		}
		return string(d.DID)
	}
	log.Fatal("no SMS-capable number in stock")
	return ""
}

func ExampleDIDService_Order() {
	srv := voipmstest.NewServer(voipmstest.WithSeed(42))
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Find numbers in a state.
	found, err := c.DIDs.ListAvailableUSA(ctx, &voipms.DIDListAvailableUSAParams{State: "FL"})
	if err != nil {
		log.Fatal(err)
	}
	pick := found[0]
	fmt.Printf("%s in %s, %s/month\n", pick.DID, pick.RateCenter, pick.PerMinuteMonthly)

	// Dry run first: VoIP.ms checks the order and buys nothing.
	order := &voipms.DIDOrderParams{
		DID: string(pick.DID),
		DIDSettings: voipms.DIDSettings{
			Routing:  voipms.RouteAccount("100001_VoIP"),
			POP:      3,
			DialTime: 60,
			CNAM:     true,
		},
		BillingType: voipms.DIDBillingTypePerMinute,
		DryRun:      true,
	}
	receipt, err := c.DIDs.Order(ctx, order)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("dry run:", receipt.DryRun, "- owned:", len(srv.DIDs()))

	// Then for real.
	order.DryRun = false
	receipt, err = c.DIDs.Order(ctx, order)
	if err != nil {
		log.Fatal(err)
	}
	d, err := c.DIDs.Get(ctx, string(pick.DID))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("dry run:", receipt.DryRun, "- owned:", d.DID, "routes to", d.Routing)

	// Ordering it again is a conflict.
	_, err = c.DIDs.Order(ctx, order)
	fmt.Println("again:", errors.Is(err, voipms.ErrConflict))
	// Output:
	// 3059490066 in MIAMI, 0.85/month
	// dry run: true - owned: 0
	// dry run: false - owned: 3059490066 routes to account:100001_VoIP
	// again: true
}

func ExampleParseRouting() {
	r, err := voipms.ParseRouting("fwd:1026")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Header, r.Target, r == voipms.RouteForwarding(1026))

	_, err = voipms.ParseRouting("fwd:abc")
	fmt.Println(errors.Is(err, voipms.ErrInvalidParameter))
	// Output:
	// fwd 1026 true
	// true
}

func ExampleRouting() {
	for _, r := range []voipms.Routing{
		voipms.RouteAccount("100001_VoIP"),
		voipms.RouteForwarding(19183),
		voipms.RouteVoicemail("101"),
		voipms.RouteSystem(voipms.SysEcho),
		voipms.RouteNone(),
	} {
		fmt.Println(r)
	}
	// Output:
	// account:100001_VoIP
	// fwd:19183
	// vm:101
	// sys:echo
	// none:
}

func ExampleDIDService_Update() {
	srv := voipmstest.NewServer(voipmstest.WithSeed(42))
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	did := buyOne(ctx, c)
	if err := c.DIDs.SetVoicemail(ctx, did, "101"); err != nil {
		log.Fatal(err)
	}

	// Change the note only: Update reads the DID first, so the voicemail box
	// and the other settings survive (setDIDInfo alone would reset them).
	err = c.DIDs.Update(ctx, did, func(p *voipms.DIDSetInfoParams) error {
		p.Note = voipms.Ptr("front desk")
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	d, err := c.DIDs.Get(ctx, did)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("note=%q voicemail=%s routing=%s\n", d.Note, d.Voicemail, d.Routing)
	// Output:
	// note="front desk" voicemail=101 routing=account:100001_VoIP
}

func ExampleDIDService_Get_notFound() {
	srv := voipmstest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	_, err = c.DIDs.Get(context.Background(), "5145550199")
	switch {
	case errors.Is(err, voipms.ErrNotFound):
		fmt.Println("not on the account")
	case err != nil:
		log.Fatal(err)
	}
	// Output:
	// not on the account
}

func ExampleSMSService_Send() {
	srv := voipmstest.NewServer(voipmstest.WithSeed(42))
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	did := buyOne(ctx, c)

	id, err := c.SMS.Send(ctx, &voipms.SMSSendParams{DID: did, Destination: "5145550123", Message: "Your code is 4821"})
	if err != nil {
		log.Fatal(err)
	}
	m, err := c.SMS.Get(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("#%d to %s: %s (sent: %t)\n", m.ID, m.Contact, m.Message, m.Type == voipms.MessageTypeSent)

	// Messages are capped at 160 characters; the simulator says so like
	// VoIP.ms does.
	long := make([]byte, 161)
	for i := range long {
		long[i] = 'x'
	}
	_, err = c.SMS.Send(ctx, &voipms.SMSSendParams{DID: did, Destination: "5145550123", Message: string(long)})
	fmt.Println(errors.Is(err, voipms.ErrInvalidParameter))
	// Output:
	// #100001 to 5145550123: Your code is 4821 (sent: true)
	// true
}

func ExampleWithDryRun() {
	srv := voipmstest.NewServer(voipmstest.WithSeed(42))
	defer srv.Close()
	c, err := srv.Client(voipms.WithDryRun())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Orders are sent with test=1: checked by VoIP.ms, nothing bought.
	found, err := c.DIDs.ListAvailableUSA(ctx, &voipms.DIDListAvailableUSAParams{State: "FL"})
	if err != nil {
		log.Fatal(err)
	}
	receipt, err := c.DIDs.Order(ctx, &voipms.DIDOrderParams{
		DID: string(found[0].DID), DIDSettings: voipms.DIDSettings{Routing: voipms.RouteSystem(voipms.SysHangup), POP: 3, DialTime: 60, CNAM: true}, BillingType: voipms.DIDBillingTypeFlat,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("order dry run:", receipt.DryRun, "- orders executed:", srv.Executed().Orders)

	// State changes without a dry-run mode are refused before any I/O.
	_, err = c.Forwardings.Set(ctx, &voipms.ForwardingSetParams{PhoneNumber: "5145550123"})
	fmt.Println("setForwarding refused:", errors.Is(err, voipms.ErrDryRunRefused), "- calls:", srv.Calls("setForwarding"))
	// Output:
	// order dry run: true - orders executed: 0
	// setForwarding refused: true - calls: 0
}

// A reseller's month-end run: check the charge with a dry run, bill it,
// record a payment, and read the client's balance and ledger back.
func ExampleClientService_AddCharge() {
	srv := voipmstest.NewServer(voipmstest.WithSeed(42))
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const acme = 561115

	charge := &voipms.ClientAddChargeParams{Client: acme, Charge: decimal.RequireFromString("4.99"),
		Description: voipms.Ptr("DID 3055550123, November"), DryRun: true}
	r, err := c.Clients.AddCharge(ctx, charge) // validated by VoIP.ms, nothing billed
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("dry run:", r.DryRun)

	charge.DryRun = false
	if _, err := c.Clients.AddCharge(ctx, charge); err != nil {
		log.Fatal(err) // on ErrOutcomeUnknown, look at c.Clients.ListCharges before charging again
	}
	if _, err := c.Clients.AddPayment(ctx, &voipms.ClientAddPaymentParams{Client: acme, Payment: decimal.RequireFromString("10")}); err != nil {
		log.Fatal(err)
	}
	bal, err := c.Clients.GetBalance(ctx, acme)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("balance:", bal.Current)
	charges, err := c.Clients.ListCharges(ctx, acme)
	if err != nil {
		log.Fatal(err)
	}
	for _, ch := range charges {
		fmt.Println("charge:", ch.Amount, ch.Description)
	}
	// Output:
	// dry run: true
	// balance: 30.01
	// charge: 4.99 DID 3055550123, November
}

// Call detail records of one reseller client for a month, answered calls
// only, in UTC-5.
func ExampleCDRService_ListReseller() {
	now := time.Date(2026, time.November, 30, 12, 0, 0, 0, time.UTC)
	srv := voipmstest.NewServer(voipmstest.WithSeed(42), voipmstest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	if _, err := srv.AddCallRecord(voipmstest.CallRecord{
		Time: time.Date(2026, time.November, 3, 2, 15, 0, 0, time.UTC), CallerID: `"Acme Desk" <3055550100>`,
		Destination: "12125550199", Account: "100001_Acme", Disposition: voipmstest.DispositionAnswered,
		Seconds: 125, Rate: "0.01",
	}); err != nil {
		log.Fatal(err)
	}
	records, err := c.CDR.ListReseller(context.Background(), &voipms.CDRListResellerParams{
		Client: 561115, DateFrom: time.Date(2026, time.November, 2, 0, 0, 0, 0, time.UTC), DateTo: time.Date(2026, time.November, 2, 0, 0, 0, 0, time.UTC),
		Answered: voipms.Ptr(true), Timezone: decimal.RequireFromString("-5"),
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range records {
		fmt.Println(r.Date.Format("2006-01-02 15:04"), r.Account, r.Destination, r.Duration, r.Total)
	}
	// Output:
	// 2026-11-02 21:15 100001_Acme 12125550199 00:02:05 0.03
}
