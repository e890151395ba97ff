package voipmstest_test

import (
	"testing"

	"github.com/didkit/voipms/voipmstest"
)

func TestSearchOrderInfoRouteCancel(t *testing.T) {
	s := voipmstest.NewServer(voipmstest.WithSeed(7))
	defer s.Close()

	if got := status(t, s, "getDIDsInfo"); got != "no_did" {
		t.Fatalf("empty account: %s", got)
	}
	did := firstDID(t, s)
	found := list(t, ok(t, s, "searchDIDsUSA", "type", "ends", "query", did[6:]), "dids")
	hit := false
	for _, r := range found {
		hit = hit || r["did"] == did
	}
	if !hit {
		t.Fatalf("searchDIDsUSA ends %s did not find %s", did[6:], did)
	}

	ok(t, s, "orderDID", orderParams(did, "failover_busy", "vm:101", "note", "first")...)
	rows := list(t, ok(t, s, "getDIDsInfo", "did", did), "dids")
	if len(rows) != 1 {
		t.Fatalf("getDIDsInfo rows = %d", len(rows))
	}
	r := rows[0]
	for k, want := range map[string]string{"did": did, "routing": "account:100001_VoIP", "failover_busy": "vm:101",
		"failover_noanswer": "none:", "pop": "3", "dialtime": "60", "cnam": "1", "billing_type": "1", "note": "first",
		"reseller_account": "0", "reseller_next_billing": "0000-00-00", "reseller_monthly": "0.00000000"} {
		if r[k] != want {
			t.Errorf("%s = %v, want %s", k, r[k], want)
		}
	}
	if s.OrderCount(did) != 1 || s.Executed().Orders != 1 {
		t.Fatalf("OrderCount %d Executed %+v", s.OrderCount(did), s.Executed())
	}
	// The number left the inventory.
	if m := api(t, s, "searchDIDsUSA", "type", "ends", "query", did[6:]); m["status"] == "success" {
		for _, r := range list(t, m, "dids") {
			if r["did"] == did {
				t.Fatal("ordered DID still for sale")
			}
		}
	}

	ok(t, s, "setDIDRouting", "did", did, "routing", "sys:echo")
	rec, owned := s.OwnedDID(did)
	if !owned || rec.Routing != "sys:echo" || rec.FailoverBusy != "vm:101" || rec.POP != 3 || !rec.CNAM {
		t.Fatalf("after setDIDRouting: %+v", rec)
	}
	if got := status(t, s, "orderDID", orderParams(did)...); got != "did_in_use" {
		t.Fatalf("second order: %s", got)
	}
	if s.OrderCount(did) != 1 {
		t.Fatal("ordered twice")
	}

	ok(t, s, "cancelDID", "did", did)
	if _, owned := s.OwnedDID(did); owned {
		t.Fatal("still owned after cancel")
	}
	if got := status(t, s, "getDIDsInfo"); got != "no_did" {
		t.Fatalf("after cancel: %s", got)
	}
	if got := status(t, s, "cancelDID", "did", did); got != "invalid_did" {
		t.Fatalf("cancel twice: %s", got)
	}
	// Back in stock, can be bought again.
	ok(t, s, "orderDID", orderParams(did)...)
	if s.OrderCount(did) != 2 || s.Executed().Cancels != 1 || s.Executed().Orders != 2 {
		t.Fatalf("OrderCount %d, %+v", s.OrderCount(did), s.Executed())
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	did := firstDID(t, s)
	for _, test := range []string{"1", "true"} {
		ok(t, s, "orderDID", orderParams(did, "test", test)...)
	}
	if got := status(t, s, "orderDID", orderParams(did, "test", "1", "pop", "99")...); got != "invalid_serverpop" {
		t.Fatalf("test=1 with bad pop: %s", got)
	}
	if len(s.DIDs()) != 0 || s.OrderCount(did) != 0 || s.Executed().Orders != 0 {
		t.Fatalf("dry run changed state: %v %+v", s.DIDs(), s.Executed())
	}
	ok(t, s, "orderDID", orderParams(did)...)
	ok(t, s, "cancelDID", "did", did, "test", "1")
	if _, owned := s.OwnedDID(did); !owned || s.Executed().Cancels != 0 {
		t.Fatal("cancelDID test=1 cancelled")
	}
	ok(t, s, "backOrderDIDUSA", "quantity", "2", "state", "FL", "ratecenter", "MIAMI", "routing", "none:", "pop", "1",
		"dialtime", "30", "cnam", "0", "billing_type", "2", "test", "1")
	if got := status(t, s, "getBackOrders"); got != "success" || s.Executed().BackOrders != 0 {
		t.Fatal("backorder dry run recorded")
	}
}

func TestOrderValidation(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	did := firstDID(t, s)
	cases := []struct {
		name string
		kv   []string
		want string
	}{
		{"no did", []string{"routing", "none:"}, "missing_did"},
		{"unknown did", orderParams("2125550000"), "invalid_did"},
		{"no routing", []string{"did", did}, "missing_routing"},
		{"bad header", orderParams(did, "routing", "phone:123"), "invalid_routing_header"},
		{"missing fwd", orderParams(did, "routing", "fwd:999"), "invalid_route"},
		{"missing vm", orderParams(did, "routing", "vm:999"), "invalid_route"},
		{"bad sys", orderParams(did, "routing", "sys:nothing"), "invalid_route"},
		{"none with target", orderParams(did, "routing", "none:1"), "invalid_route"},
		{"bad failover", orderParams(did, "failover_busy", "xx:1"), "invalid_failover_header"},
		{"bad voicemail", orderParams(did, "voicemail", "555"), "invalid_mailbox"},
		{"no pop", orderParams(did, "pop", ""), "missing_serverpop"},
		{"bad pop", orderParams(did, "pop", "999"), "invalid_serverpop"},
		{"no dialtime", orderParams(did, "dialtime", ""), "missing_dialtime"},
		{"bad dialtime", orderParams(did, "dialtime", "abc"), "invalid_dialtime"},
		{"no cnam", orderParams(did, "cnam", ""), "missing_cnam"},
		{"bad cnam", orderParams(did, "cnam", "2"), "invalid_cnam"},
		{"no billing", orderParams(did, "billing_type", ""), "missing_billingtype"},
		{"bad billing", orderParams(did, "billing_type", "3"), "invalid_billingtype"},
		{"bad reseller", orderParams(did, "account", "100001_VoIP"), "invalid_account"},
		{"reseller no monthly", orderParams(did, "account", "100001_Acme"), "missing_monthly"},
	}
	for _, tc := range cases {
		if got := status(t, s, "orderDID", tc.kv...); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
	if len(s.DIDs()) != 0 {
		t.Fatal("a rejected order bought a number")
	}
	// Routing to an entity that exists is accepted.
	fwd := ok(t, s, "setForwarding", "phone_number", "5145551234")["forwarding"].(string)
	ok(t, s, "orderDID", orderParams(did, "routing", "fwd:"+fwd, "account", "100001_Acme", "monthly", "3.5", "setup", "1", "minute", "0.01")...)
	rec, _ := s.OwnedDID(did)
	if rec.Routing != "fwd:"+fwd || rec.ResellerAccount != "100001_Acme" || rec.Fields["reseller_monthly"] != "3.50000000" {
		t.Fatalf("%+v", rec)
	}
}

func TestSetDIDInfoResetsOmittedFields(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	did := firstDID(t, s)
	ok(t, s, "orderDID", orderParams(did, "failover_busy", "vm:101", "note", "keep?", "callerid_prefix", "PFX")...)
	ok(t, s, "setDIDInfo", "did", did, "routing", "vm:1001", "pop", "5", "dialtime", "30", "cnam", "0", "billing_type", "2")
	rec, _ := s.OwnedDID(did)
	if rec.FailoverBusy != "none:" || rec.Note != "" || rec.CallerIDPrefix != "" || rec.Routing != "vm:1001" || rec.POP != 5 || rec.BillingType != 2 {
		t.Fatalf("setDIDInfo did not replace: %+v", rec)
	}
	if got := status(t, s, "setDIDBillingType", "did", did, "billing_type", "2"); got != "same_did_billingtype" {
		t.Fatal(got)
	}
	ok(t, s, "setDIDBillingType", "did", did, "billing_type", "1")
	ok(t, s, "setDIDPOP", "did", did, "pop", "8")
	ok(t, s, "setDIDVoicemail", "did", did, "voicemail", "101")
	rec, _ = s.OwnedDID(did)
	if rec.BillingType != 1 || rec.POP != 8 || rec.Voicemail != "101" {
		t.Fatalf("%+v", rec)
	}

	// setSMS replaces every SMS setting.
	ok(t, s, "setSMS", "did", did, "enable", "1", "email_enabled", "1", "email_address", "a@example.com", "url_callback_enable", "1", "url_callback", "https://example.com/cb")
	ok(t, s, "setSMS", "did", did, "enable", "1", "email_enabled", "1", "email_address", "a@example.com")
	rec, _ = s.OwnedDID(did)
	if rec.Fields["sms_url_callback_enabled"] != "0" || rec.Fields["sms_url_callback"] != "" || rec.Fields["sms_email_enabled"] != "1" {
		t.Fatalf("setSMS did not replace: %v", rec.Fields)
	}
}

func TestConnectDID(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	did := firstDID(t, s)
	ok(t, s, "orderDID", orderParams(did)...)
	if got := status(t, s, "connectDID", "did", did, "account", "100001_Office", "monthly", "1", "setup", "1", "minute", "0.01"); got != "invalid_account" {
		t.Fatal(got)
	}
	ok(t, s, "connectDID", "did", did, "account", "100001_Globex", "monthly", "3.50", "setup", "1.99", "minute", "0.03")
	rows := list(t, ok(t, s, "getDIDsInfo", "client", "561116"), "dids")
	if len(rows) != 1 || rows[0]["reseller_account"] != "100001_Globex" || rows[0]["reseller_minute"] != "0.03000000" {
		t.Fatalf("%v", rows)
	}
	if got := status(t, s, "getDIDsInfo", "client", "561115"); got != "no_did" {
		t.Fatal(got)
	}
	if got := status(t, s, "delClient", "client", "561116"); got != "account_with_dids" {
		t.Fatal(got)
	}
	ok(t, s, "unconnectDID", "did", did)
	rec, _ := s.OwnedDID(did)
	if rec.ResellerAccount != "0" {
		t.Fatalf("%+v", rec)
	}
}

func TestOtherOrders(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	base := []string{"routing", "sys:hangup", "pop", "1", "dialtime", "60", "cnam", "0"}

	tf := list(t, ok(t, s, "searchTollFreeCanUS"), "dids")[0]["did"].(string)
	if got := status(t, s, "orderDID", append([]string{"did", tf, "billing_type", "1"}, base...)...); got != "invalid_did" {
		t.Fatalf("orderDID of toll-free: %s", got)
	}
	ok(t, s, "orderTollFree", append([]string{"did", tf}, base...)...)

	vanity := list(t, ok(t, s, "searchVanity", "type", "8**", "query", "*******"), "dids")[0]["did"].(string)
	if got := status(t, s, "orderVanity", append([]string{"did", vanity}, base...)...); got != "missing_carrier" {
		t.Fatal(got)
	}
	ok(t, s, "orderVanity", append([]string{"did", vanity, "carrier", "2"}, base...)...)

	ok(t, s, "orderDIDVirtual", append([]string{"digits", "001"}, base...)...)
	if got := status(t, s, "orderDIDVirtual", append([]string{"digits", "001"}, base...)...); got != "did_in_use" {
		t.Fatal(got)
	}

	countries := list(t, ok(t, s, "getDIDCountries", "type", "GEOGRAPHIC"), "countries")
	var loc map[string]any
	for _, c := range countries {
		for _, l := range list(t, ok(t, s, "getDIDsInternationalGeographic", "country_id", c["value"].(string)), "locations") {
			if l["stock"] != "0" && l["stock"] != "1" {
				loc = l
			}
		}
	}
	if loc == nil {
		t.Fatal("no stocked location")
	}
	if got := status(t, s, "orderDIDInternationalGeographic", append([]string{"location_id", loc["location_id"].(string), "quantity", "500", "billing_type", "1"}, base...)...); got != "invalid_quantity" {
		t.Fatal(got)
	}
	ok(t, s, "orderDIDInternationalGeographic", append([]string{"location_id", loc["location_id"].(string), "quantity", "2", "billing_type", "1"}, base...)...)
	if n := len(s.DIDs()); n != 5 {
		t.Fatalf("owned %d DIDs, want 5", n)
	}
	if e := s.Executed(); e.Orders != 4 {
		t.Fatalf("%+v", e)
	}
}
