package voipmstest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

// accountSnapshot is everything an order, back order or charge could change.
type accountSnapshot struct {
	balance   string
	dids      int
	backs     string
	txns      string
	executed  voipmstest.ExecutedCounts
	acme      string
	acmeLedge string
}

func snapshot(t *testing.T, s *voipmstest.Server) accountSnapshot {
	t.Helper()
	acme, _ := s.ClientBalance("561115")
	raw := func(method string, kv ...string) string {
		_, b := post(t, s, method, kv...)
		return string(b)
	}
	return accountSnapshot{
		balance: s.AccountBalance(), dids: len(s.DIDs()), backs: raw("getBackOrders"),
		txns:     raw("getTransactionHistory", "date_from", "2000-01-01", "date_to", "2100-01-01"),
		executed: s.Executed(), acme: acme, acmeLedge: raw("getCharges", "client", "561115"),
	}
}

// TestBalanceDrainsToNonSufficientFunds drains a small balance with one
// order, then sees every money-moving method answer non_sufficient_funds,
// for real and as a dry run, with nothing changed.
func TestBalanceDrainsToNonSufficientFunds(t *testing.T) {
	s := voipmstest.NewServer(voipmstest.WithSeed(3), voipmstest.WithClock(func() time.Time { return simNow }),
		voipmstest.WithAccountBalance("5.75"), voipmstest.WithClientBalance("561115", "3.00"))
	defer s.Close()
	if got := s.AccountBalance(); got != "5.75" {
		t.Fatalf("opening balance = %s, want 5.75", got)
	}
	var dids []string
	for _, st := range []string{"FL", "TX"} {
		for _, r := range list(t, ok(t, s, "getDIDsUSA", "state", st), "dids") {
			dids = append(dids, r["did"].(string))
		}
	}
	// Flat billing: 1.00 setup + 4.25 monthly = 5.25, leaving 0.50.
	ok(t, s, "orderDID", orderParams(dids[0], "billing_type", "2")...)
	if got := s.AccountBalance(); got != "0.50" {
		t.Fatalf("balance after one order = %s, want 0.50", got)
	}
	before := snapshot(t, s)
	base := []string{"routing", "account:100001_VoIP", "pop", "3", "dialtime", "60", "cnam", "1"}
	var loc string
	for _, c := range list(t, ok(t, s, "getDIDCountries", "type", "GEOGRAPHIC"), "countries") {
		for _, l := range list(t, ok(t, s, "getDIDsInternationalGeographic", "country_id", c["value"].(string)), "locations") {
			if l["stock"] != "0" && loc == "" {
				loc = l["location_id"].(string)
			}
		}
	}
	calls := []struct {
		method string
		kv     []string
	}{
		{"orderDID", orderParams(dids[1])},                              // per minute: 1.35
		{"orderDID", orderParams(dids[1], "test", "1")},                 // a dry run answers what the real call would
		{"orderDIDVirtual", append([]string{"digits", "001"}, base...)}, // 0.99 monthly
		{"backOrderDIDUSA", append([]string{"quantity", "1", "state", "FL", "ratecenter", "MIAMI", "billing_type", "1"}, base...)},
		{"orderDIDInternationalGeographic", append([]string{"location_id", loc, "quantity", "1", "billing_type", "1"}, base...)},
		{"addCharge", []string{"client", "561115", "charge", "3.01"}}, // Acme has 3.00, hard balance management
		{"addCharge", []string{"client", "561115", "charge", "3.01", "test", "1"}},
	}
	for _, c := range calls {
		if got := status(t, s, c.method, c.kv...); got != "non_sufficient_funds" {
			t.Errorf("%s %v = %s, want non_sufficient_funds", c.method, c.kv, got)
		}
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("refused calls changed the account:\nbefore %+v\nafter  %+v", before, after)
	}
	if n := s.OrderCount(dids[1]); n != 0 {
		t.Errorf("refused order counted %d times", n)
	}
	// What the balance covers still goes through, to the cent.
	ok(t, s, "addCharge", "client", "561115", "charge", "3.00")
	if got, _ := s.ClientBalance("561115"); got != "0.00" {
		t.Errorf("Acme after charging its whole balance = %s", got)
	}
}

// TestSoftBalanceManagementGoesNegative: a client with balance management 2
// (soft) can be charged beyond its balance.
func TestSoftBalanceManagementGoesNegative(t *testing.T) {
	s := newBillingServer(t)
	ok(t, s, "setClient", "client", "561116", "firstname", "Gus", "lastname", "Grant", "phone_number", "3055550100",
		"email", "ap@globex.example", "password", "Portal-Gus1", "balance_management", "2")
	ok(t, s, "addCharge", "client", "561116", "charge", "7.5")
	if got, _ := s.ClientBalance("561116"); got != "-7.50" {
		t.Errorf("soft client after a 7.50 charge on 0 = %s, want -7.50", got)
	}
}

// TestMoneyIsExact: twelve maximal payments add up exactly (an int64 of
// 10^-8 dollars used to wrap into a negative balance), and amounts the live
// API would not take are refused.
func TestMoneyIsExact(t *testing.T) {
	s := newBillingServer(t)
	for range 12 {
		ok(t, s, "addPayment", "client", "561116", "payment", "9999999999.99999999")
	}
	if got, _ := s.ClientBalance("561116"); got != "119999999999.99999988" {
		t.Errorf("12 x 9999999999.99999999 = %s, want 119999999999.99999988", got)
	}
	b := ok(t, s, "getResellerBalance", "client", "561116")["balance"].(map[string]any)
	if b["current_balance"] != "120000000000.0000" {
		t.Errorf("getResellerBalance current_balance = %v", b["current_balance"])
	}
	ok(t, s, "addPayment", "client", "561115", "payment", "0.1")
	ok(t, s, "addPayment", "client", "561115", "payment", "0.2")
	if got, _ := s.ClientBalance("561115"); got != "25.30" {
		t.Errorf("25 + 0.1 + 0.2 = %s, want 25.30", got)
	}
	for _, v := range []string{"10000000000", "99999999999.5", "1e3", "+5", "1,000", "0x10", "NaN", "Inf",
		"-0", "0.000000001", "5.", ".", "--1", "1.2.3", "٣"} {
		if got := status(t, s, "addPayment", "client", "561115", "payment", v); got != "invalid_payment" {
			t.Errorf("addPayment %q = %s, want invalid_payment", v, got)
		}
	}
	if got, _ := s.ClientBalance("561115"); got != "25.30" {
		t.Errorf("refused payments moved the balance: %s", got)
	}
}

func TestBalanceOptions(t *testing.T) {
	for _, o := range []voipmstest.Option{
		voipmstest.WithAccountBalance("lots"),
		voipmstest.WithAccountBalance("1e9"),
		voipmstest.WithClientBalance("999999", "5"),
		voipmstest.WithClientBalance("561115", "5,00"),
	} {
		if s, err := voipmstest.NewServerAt("", o); err == nil {
			s.Close()
			t.Errorf("NewServerAt accepted a bad balance option")
		} else if !strings.Contains(err.Error(), "voipmstest") {
			t.Errorf("error %q does not say where it comes from", err)
		}
	}
	s := voipmstest.NewServer(voipmstest.WithClock(func() time.Time { return simNow }),
		voipmstest.WithAccountBalance("1000000"), voipmstest.WithClientBalance("561116", "50.5"))
	defer s.Close()
	if got := s.AccountBalance(); got != "1000000.00" {
		t.Errorf("AccountBalance = %s", got)
	}
	if got := ok(t, s, "getBalance")["balance"].(map[string]any)["current_balance"]; got != "1000000.000000" {
		t.Errorf("getBalance = %v", got)
	}
	deposits := list(t, ok(t, s, "getDeposits", "client", "561116"), "deposits")
	if len(deposits) != 1 || deposits[0]["amount"] != "50.50" {
		t.Errorf("Globex deposits = %v", deposits)
	}
	txns := list(t, ok(t, s, "getTransactionHistory", "date_from", "2000-01-01", "date_to", "2100-01-01"), "transactions")
	if len(txns) != 1 || txns[0]["ammount"] != "1000000.00" {
		t.Errorf("opening transactions = %v", txns)
	}
}
