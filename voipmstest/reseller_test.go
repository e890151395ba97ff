package voipmstest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

// simNow is the fixed server clock of the reseller and CDR tests.
var simNow = time.Date(2026, 11, 20, 15, 4, 5, 0, time.UTC)

func newBillingServer(t *testing.T) *voipmstest.Server {
	t.Helper()
	s := voipmstest.NewServer(voipmstest.WithSeed(3), voipmstest.WithClock(func() time.Time { return simNow }))
	t.Cleanup(s.Close)
	return s
}

func signupParams(email string, extra ...string) []string {
	return append([]string{"firstname", "Wanda", "lastname", "Wu", "company", "Wu Widgets", "address", "1 Main St",
		"city", "Montreal", "state", "QC", "country", "CA", "zip", "H2X1Y4", "phone_number", "5145550142",
		"email", email, "confirm_email", email, "password", "Sup3r-Secret", "confirm_password", "Sup3r-Secret"}, extra...)
}

// with returns kv with key set to value (appended, so it wins in url.Values.Set order).
func with(kv []string, key, value string) []string {
	out := append([]string{}, kv...)
	for i := 0; i+1 < len(out); i += 2 {
		if out[i] == key {
			out[i+1] = value
			return out
		}
	}
	return append(out, key, value)
}

func without(kv []string, key string) []string {
	var out []string
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] != key {
			out = append(out, kv[i], kv[i+1])
		}
	}
	return out
}

func TestResellerClients(t *testing.T) {
	s := newBillingServer(t)

	clients := list(t, ok(t, s, "getClients"), "clients")
	if len(clients) != 2 || clients[0]["client"] != "561115" || clients[1]["client"] != "561116" {
		t.Fatalf("seeded clients = %v", clients)
	}
	if got := list(t, ok(t, s, "getClients", "client", "AP@globex.example"), "clients"); len(got) != 1 || got[0]["client"] != "561116" {
		t.Errorf("lookup by e-mail = %v", got)
	}
	if got := status(t, s, "getClients", "client", "999999"); got != "no_client" {
		t.Errorf("unknown client: %s, want no_client", got)
	}

	good := signupParams("wanda@wu.example")
	for _, tc := range []struct {
		name string
		kv   []string
		want string
	}{
		{"no firstname", without(good, "firstname"), "missing_firstname"},
		{"no lastname", without(good, "lastname"), "missing_lastname"},
		{"no address", without(good, "address"), "missing_address"},
		{"no city", without(good, "city"), "missing_city"},
		{"no state", without(good, "state"), "missing_state"},
		{"no country", without(good, "country"), "missing_country"},
		{"no zip", without(good, "zip"), "missing_zip"},
		{"no phone", without(good, "phone_number"), "missing_phonenumber"},
		{"no email", without(good, "email"), "missing_email"},
		{"no password", without(good, "password"), "missing_password"},
		{"no confirm email", without(good, "confirm_email"), "missing_email_confirm"},
		{"no confirm password", without(good, "confirm_password"), "missing_password_confirm"},
		{"country name", with(good, "country", "Canada"), "invalid_country"},
		{"phone", with(good, "phone_number", "555"), "invalid_phonenumber"},
		{"email", with(with(good, "email", "not-an-address"), "confirm_email", "not-an-address"), "invalid_email"},
		{"email taken", with(with(good, "email", "billing@acme.example"), "confirm_email", "billing@acme.example"), "invalid_email"},
		{"email confirm", with(good, "confirm_email", "other@wu.example"), "mismatch_email_confirm"},
		{"password confirm", with(good, "confirm_password", "Sup3r-Secre"), "mismatch_password_confirm"},
		{"short password", with(with(good, "password", "Ab1"), "confirm_password", "Ab1"), "invalid_password_lessthan_8characters_long"},
		{"no upper", with(with(good, "password", "sup3r-secret"), "confirm_password", "sup3r-secret"), "invalid_password_missing_uppercase"},
		{"no digit", with(with(good, "password", "Super-Secret"), "confirm_password", "Super-Secret"), "invalid_password_missing_number"},
		{"bad char", with(with(good, "password", "Sup3r Secret"), "confirm_password", "Sup3r Secret"), "invalid_password_ilegal_characters"},
		{"balance management", with(good, "balance_management", "9"), "invalid_balancemanagement"},
	} {
		if got := status(t, s, "signupClient", tc.kv...); got != tc.want {
			t.Errorf("signupClient %s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if n := len(list(t, ok(t, s, "getClients"), "clients")); n != 2 {
		t.Fatalf("rejected signups created clients: %d", n)
	}

	m := ok(t, s, "signupClient", good...)
	id, _ := m["client"].(string)
	if id != "561117" {
		t.Fatalf("signupClient client = %v, want 561117", m["client"])
	}
	row := list(t, ok(t, s, "getClients", "client", id), "clients")[0]
	if row["company"] != "Wu Widgets" || row["email"] != "wanda@wu.example" || row["balance_management"] != "1" {
		t.Errorf("new client row = %v", row)
	}
	if bal, found := s.ClientBalance(id); !found || bal != "0.00" {
		t.Errorf("new client balance = %q %v", bal, found)
	}

	// setClient replaces the record: company is left out and cleared.
	set := []string{"client", id, "email", "wanda@wu.example", "password", "N3w-Secret", "firstname", "Wanda",
		"lastname", "Wu-Smith", "phone_number", "5145550143"}
	ok(t, s, "setClient", set...)
	row = list(t, ok(t, s, "getClients", "client", id), "clients")[0]
	if row["lastname"] != "Wu-Smith" || row["company"] != "" || row["password"] != "N3w-Secret" {
		t.Errorf("after setClient: %v", row)
	}
	if got := status(t, s, "setClient", with(set, "client", "1")...); got != "invalid_client" {
		t.Errorf("setClient unknown client: %s", got)
	}
	if got := status(t, s, "setClient", with(set, "email", "billing@acme.example")...); got != "invalid_email" {
		t.Errorf("setClient with another client's e-mail: %s", got)
	}
	if got := status(t, s, "setClient", without(set, "client")...); got != "missing_client" {
		t.Errorf("setClient without client: %s", got)
	}

	// Thresholds.
	th := ok(t, s, "getClientThreshold", "client", "561115")["threshold_information"].(map[string]any)
	if th["threshold"] != "10" || th["email"] != "billing@acme.example" {
		t.Errorf("threshold = %v", th)
	}
	for _, v := range []string{"0", "251", "ten", ""} {
		if got := status(t, s, "setClientThreshold", "client", "561115", "threshold", v); got != "Invalid_threshold" {
			t.Errorf("threshold %q: %s", v, got)
		}
	}
	ok(t, s, "setClientThreshold", "client", "561115", "threshold", "25", "email", "alerts@acme.example")
	th = ok(t, s, "getClientThreshold", "client", "561115")["threshold_information"].(map[string]any)
	if th["threshold"] != "25" || th["email"] != "alerts@acme.example" {
		t.Errorf("threshold after set = %v", th)
	}

	// Packages.
	if got := list(t, ok(t, s, "getPackages", "package", "92365"), "packages"); len(got) != 1 || got[0]["name"] != "Premium" {
		t.Errorf("getPackages 92365 = %v", got)
	}
	if got := status(t, s, "getPackages", "package", "1"); got != "no_package" {
		t.Errorf("getPackages unknown: %s", got)
	}
	if got := list(t, ok(t, s, "getClientPackages", "client", "561115"), "packages"); len(got) != 2 {
		t.Errorf("getClientPackages = %v", got)
	}
	if got := status(t, s, "getClientPackages"); got != "missing_client" {
		t.Errorf("getClientPackages without client: %s", got)
	}
	if got := list(t, ok(t, s, "getBalanceManagement"), "balance_management"); len(got) != 2 || got[0]["value"] != "1" {
		t.Errorf("getBalanceManagement = %v", got)
	}
}

func TestResellerChargesAndPayments(t *testing.T) {
	s := newBillingServer(t)
	balance := func() string {
		t.Helper()
		b := ok(t, s, "getResellerBalance", "client", "561115")["balance"].(map[string]any)
		return b["current_balance"].(string)
	}
	if got := balance(); got != "25.0000" {
		t.Fatalf("seeded balance = %s, want 25.0000", got)
	}
	if got := list(t, ok(t, s, "getCharges", "client", "561115"), "charges"); len(got) != 0 {
		t.Fatalf("seeded charges = %v", got)
	}

	for _, tc := range []struct {
		method string
		kv     []string
		want   string
	}{
		{"addCharge", []string{"charge", "1"}, "missing_client"},
		{"addCharge", []string{"client", "42", "charge", "1"}, "invalid_client"},
		{"addCharge", []string{"client", "561115"}, "missing_charge"},
		{"addCharge", []string{"client", "561115", "charge", "abc"}, "invalid_charge"},
		{"addCharge", []string{"client", "561115", "charge", "-1"}, "invalid_charge"},
		{"addCharge", []string{"client", "561115", "charge", "0"}, "invalid_charge"},
		{"addCharge", []string{"client", "561115", "charge", "1e3"}, "invalid_charge"},
		{"addCharge", []string{"client", "561115", "charge", "1.123456789"}, "invalid_charge"},
		{"addPayment", []string{"client", "561115"}, "missing_payment"},
		{"addPayment", []string{"client", "561115", "payment", "-5"}, "invalid_payment"},
		{"addPayment", []string{"client", "561115", "payment", "5", "description", strings.Repeat("x", 101)}, "invalid_description"},
		{"getCharges", nil, "missing_client"},
		{"getDeposits", []string{"client", "7"}, "invalid_client"},
		{"getResellerBalance", nil, "missing_client"},
	} {
		if got := status(t, s, tc.method, tc.kv...); got != tc.want {
			t.Errorf("%s %v: %s, want %s", tc.method, tc.kv, got, tc.want)
		}
	}

	// A dry run validates and changes nothing.
	ok(t, s, "addCharge", "client", "561115", "charge", "4.99", "test", "1")
	ok(t, s, "addPayment", "client", "561115", "payment", "10", "test", "true")
	if got := balance(); got != "25.0000" {
		t.Errorf("balance after dry runs = %s", got)
	}
	if got := status(t, s, "addCharge", "client", "561115", "charge", "-4", "test", "1"); got != "invalid_charge" {
		t.Errorf("dry run of a bad charge: %s", got)
	}
	if e := s.Executed(); e.Charges != 0 || e.Payments != 0 {
		t.Errorf("dry runs executed: %+v", e)
	}

	ok(t, s, "addCharge", "client", "561115", "charge", "4.99", "description", "DID 5145550101 monthly")
	ok(t, s, "addCharge", "client", "561115", "charge", "0.125")
	ok(t, s, "addPayment", "client", "561115", "payment", "10.50", "description", "Wire transfer")
	if got := balance(); got != "30.3850" {
		t.Errorf("balance = %s, want 25 - 4.99 - 0.125 + 10.50 = 30.3850", got)
	}
	if got, _ := s.ClientBalance("561115"); got != "30.385" {
		t.Errorf("ClientBalance = %s", got)
	}
	if other, _ := s.ClientBalance("561116"); other != "0.00" {
		t.Errorf("another client's balance moved: %s", other)
	}
	if e := s.Executed(); e.Charges != 2 || e.Payments != 1 {
		t.Errorf("Executed = %+v, want 2 charges, 1 payment", e)
	}

	charges := list(t, ok(t, s, "getCharges", "client", "561115"), "charges")
	if len(charges) != 2 || charges[0]["amount"] != "0.125" || charges[1]["amount"] != "4.99" ||
		charges[1]["description"] != "DID 5145550101 monthly" || charges[1]["date"] != "2026-11-20" {
		t.Errorf("charges = %v", charges)
	}
	deposits := list(t, ok(t, s, "getDeposits", "client", "561115"), "deposits")
	if len(deposits) != 2 || deposits[0]["amount"] != "10.50" || deposits[1]["amount"] != "25.00" {
		t.Errorf("deposits = %v", deposits)
	}
}

func TestAccountBalanceAndTransactions(t *testing.T) {
	s := newBillingServer(t)
	if got := s.AccountBalance(); got != "100.00" {
		t.Fatalf("opening balance = %s", got)
	}
	b := ok(t, s, "getBalance")["balance"].(map[string]any)
	if b["current_balance"] != "100.000000" || len(b) != 1 {
		t.Errorf("getBalance = %v", b)
	}
	did := firstDID(t, s)
	ok(t, s, "orderDID", orderParams(did, "test", "1")...)
	if got := s.AccountBalance(); got != "100.00" {
		t.Errorf("a dry-run order moved the balance: %s", got)
	}
	ok(t, s, "orderDID", orderParams(did)...) // billing_type 1: per minute, 0.50 setup + 0.85 monthly
	if got := s.AccountBalance(); got != "98.65" {
		t.Errorf("balance after an order = %s, want 98.65", got)
	}
	b = ok(t, s, "getBalance", "advanced", "1")["balance"].(map[string]any)
	if b["current_balance"] != "98.650000" || b["calls_total"] == "" || b["time_total"] == "" {
		t.Errorf("getBalance advanced = %v", b)
	}

	for _, tc := range []struct {
		kv   []string
		want string
	}{
		{[]string{"date_to", "2026-11-20"}, "missing_from_date"},
		{[]string{"date_from", "2026-11-20"}, "missing_to_date"},
		{[]string{"date_from", "2026-11-31", "date_to", "2026-12-01"}, "invalid_date"},
		{[]string{"date_from", "2026-11-20", "date_to", "2026-11-19"}, "invalid_date_from"},
		{[]string{"date_from", "2020-01-01", "date_to", "2020-01-31"}, "no_transactions"},
	} {
		if got := status(t, s, "getTransactionHistory", tc.kv...); got != tc.want {
			t.Errorf("getTransactionHistory %v: %s, want %s", tc.kv, got, tc.want)
		}
	}
	txns := list(t, ok(t, s, "getTransactionHistory", "date_from", "2026-11-20", "date_to", "2026-11-20"), "transactions")
	if len(txns) != 2 || txns[0]["ammount"] != "-0.50" || txns[1]["ammount"] != "-0.85" ||
		txns[1]["type"] != "DID"+did || txns[1]["description"] != "DID Monthly Fee: "+did || txns[0]["date"] != "2026-11-20 15:04:05" {
		t.Errorf("today's transactions = %v", txns)
	}
	all := list(t, ok(t, s, "getTransactionHistory", "date_from", "2026-01-01", "date_to", "2026-11-20"), "transactions")
	if len(all) != 3 || all[0]["ammount"] != "100.00" {
		t.Errorf("all transactions = %v", all)
	}
}
