package voipms_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// realAccountSuite is the kind of smoke test a user writes against a real
// account: it assumes nothing about the data but that the account is in use.
// It must pass unchanged on the simulator's demo fixture.
func realAccountSuite(t *testing.T, c *voipms.Client) {
	ctx := context.Background()
	dids, err := c.DIDs.List(ctx, nil)
	if err != nil || len(dids) == 0 {
		t.Fatalf("DIDs.List: %d, %v", len(dids), err)
	}
	for _, d := range dids {
		one, err := c.DIDs.Get(ctx, d.DID)
		if err != nil || one.DID != d.DID || one.Routing.String() != d.Routing.String() {
			t.Errorf("DIDs.Get(%s) = %+v, %v", d.DID, one, err)
		}
	}
	uris, err := c.SIPURIs.List(ctx)
	if err != nil || len(uris) == 0 {
		t.Errorf("SIPURIs.List: %d, %v", len(uris), err)
	}
	subs, err := c.Accounts.List(ctx, nil)
	if err != nil || len(subs) == 0 {
		t.Errorf("Accounts.List: %d, %v", len(subs), err)
	}
	recs, err := c.Recordings.List(ctx)
	if err != nil || len(recs) == 0 {
		t.Errorf("Recordings.List: %d, %v", len(recs), err)
	}
	servers, err := c.General.ListServers(ctx)
	if err != nil || len(servers) < 10 {
		t.Errorf("General.ListServers: %d, %v", len(servers), err)
	}
	for _, s := range servers {
		if !strings.HasSuffix(s.Hostname, ".voip.ms") {
			t.Errorf("server %+v", s)
		}
	}
	provinces, err := c.Catalog.ListProvinces(ctx)
	if err != nil || len(provinces) != 13 {
		t.Errorf("Catalog.ListProvinces: %d, %v", len(provinces), err)
	}
	if _, err := c.General.GetBalance(ctx, false); err != nil {
		t.Errorf("General.GetBalance: %v", err)
	}
}

func TestDemoFixtureRealAccountSuite(t *testing.T) {
	srv := voipmstest.NewServer(voipmstest.WithFixture("demo"))
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	realAccountSuite(t, c)
}

// TestDemoFixtureAreas exercises the demo account through the SDK, area by
// area, with what a lived-in account has.
func TestDemoFixtureAreas(t *testing.T) {
	now := time.Date(2026, 11, 20, 15, 4, 5, 0, time.UTC)
	srv := voipmstest.NewServer(voipmstest.WithFixture("demo"), voipmstest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	dids, err := c.DIDs.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	sms := 0
	for _, d := range dids {
		switch {
		case strings.HasPrefix(d.DID, "8"):
			kinds["tollfree"]++
		case strings.HasPrefix(d.DID, "514") || strings.HasPrefix(d.DID, "416"):
			kinds["ca"]++
		default:
			kinds["us"]++
		}
		if d.SMSEnabled {
			sms++
		}
		if d.Routing.String() == "" || d.FailoverUnreachable.String() == "" {
			t.Errorf("%s has no routing/failover: %+v", d.DID, d)
		}
	}
	if kinds["us"] < 3 || kinds["ca"] < 2 || kinds["tollfree"] < 1 || sms < 2 {
		t.Errorf("DIDs by kind %v, %d with SMS", kinds, sms)
	}
	routed := map[string]bool{}
	for _, d := range dids {
		routed[strings.SplitN(d.Routing.String(), ":", 2)[0]] = true
	}
	for _, h := range []string{"account", "grp", "ivr", "queue", "sip", "tc"} {
		if !routed[h] {
			t.Errorf("no DID routed to a %s: %v", h, routed)
		}
	}

	count := func(name string, n int, err error) {
		t.Helper()
		if err != nil || n == 0 {
			t.Errorf("%s: %d, %v", name, n, err)
		}
	}
	fw, err := c.Forwardings.List(ctx)
	count("Forwardings", len(fw), err)
	ivrs, err := c.IVRs.List(ctx)
	count("IVRs", len(ivrs), err)
	rgs, err := c.RingGroups.List(ctx)
	count("RingGroups", len(rgs), err)
	qs, err := c.Queues.List(ctx)
	count("Queues", len(qs), err)
	tcs, err := c.TimeConditions.List(ctx)
	count("TimeConditions", len(tcs), err)
	vms, err := c.Voicemail.List(ctx, nil)
	count("Voicemail boxes", len(vms), err)
	clients, err := c.Clients.List(ctx, nil)
	count("Clients", len(clients), err)
	charges, err := c.Clients.ListCharges(ctx, 561115)
	count("Acme charges", len(charges), err)
	bal, err := c.Clients.GetBalance(ctx, 561115)
	if err != nil || bal.Current.String() != "61.51" { // 25 + 50 - 9.99 - 3.50
		t.Errorf("Acme balance = %+v, %v", bal, err)
	}
	msgs, err := c.SMS.List(ctx, &voipms.SMSListParams{From: voipms.Ptr(now.AddDate(0, 0, -30)), To: voipms.Ptr(now)})
	count("SMS", len(msgs), err)
	cdrs, err := c.CDR.List(ctx, &voipms.CDRListParams{DateFrom: now.AddDate(0, 0, -60), DateTo: now,
		Answered: voipms.Ptr(true), NoAnswer: voipms.Ptr(true), Busy: voipms.Ptr(true), Failed: voipms.Ptr(true)})
	count("CDR", len(cdrs), err)
	txns, err := c.General.ListTransactions(ctx, now.AddDate(0, 0, -60), now)
	count("Transactions", len(txns), err)
	subs, err := c.Accounts.List(ctx, nil)
	count("Sub-accounts", len(subs), err)
	reception := false
	for _, a := range subs {
		reception = reception || a.Account == "100001_Reception"
	}
	if !reception {
		t.Errorf("no 100001_Reception sub-account among %d", len(subs))
	}
	vmMsgs, err := c.Voicemail.ListMessages(ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101"})
	count("Voicemail messages of 101", len(vmMsgs), err)
	faxes, err := c.Fax.ListNumbers(ctx, nil)
	count("Fax numbers", len(faxes), err)
	for _, d := range dids {
		if strings.HasPrefix(d.DID, "305") {
			addr, err := c.E911.Get(ctx, d.DID)
			if err != nil || addr == nil {
				t.Errorf("E911.Get(%s): %+v, %v", d.DID, addr, err)
			}
		}
	}
}
