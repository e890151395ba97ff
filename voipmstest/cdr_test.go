package voipmstest_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

func cdrParams(from, to string, extra ...string) []string {
	return append([]string{"date_from", from, "date_to", to, "timezone", "0",
		"answered", "1", "noanswer", "1", "busy", "1", "failed", "1"}, extra...)
}

func TestCDRValidation(t *testing.T) {
	s := newBillingServer(t)
	good := cdrParams("2026-10-01", "2026-11-20")
	for _, tc := range []struct {
		name string
		kv   []string
		want string
	}{
		{"no date_from", without(good, "date_from"), "missing_from_date"},
		{"no date_to", without(good, "date_to"), "missing_to_date"},
		{"bad date", with(good, "date_from", "2026/10/01"), "invalid_date"},
		{"reversed", with(good, "date_from", "2026-11-21"), "invalid_date_from"},
		{"93 days", with(good, "date_from", "2026-08-19"), "invalid_daterange"},
		{"no timezone", without(good, "timezone"), "missing_timezone"},
		{"timezone 14", with(good, "timezone", "14"), "invalid_timezone"},
		{"timezone name", with(good, "timezone", "America/New_York"), "invalid_timezone"},
		{"no status", cdrParams("2026-10-01", "2026-11-20")[:6], "no_callstatus"},
		{"all statuses 0", []string{"date_from", "2026-10-01", "date_to", "2026-11-20", "timezone", "0",
			"answered", "0", "noanswer", "0", "busy", "0", "failed", "0"}, "no_callstatus"},
		{"calltype", with(good, "calltype", "5145550000"), "invalid_call_type"},
		{"account", with(good, "account", "100001_Nobody"), "invalid_account"},
		{"callbilling", with(good, "callbilling", "cheap"), "missing_params"},
	} {
		if got := status(t, s, "getCDR", tc.kv...); got != tc.want {
			t.Errorf("getCDR %s: %s, want %s", tc.name, got, tc.want)
		}
	}
	// 92 days exactly is allowed.
	ok(t, s, "getCDR", with(good, "date_from", "2026-08-20")...)

	for _, tc := range []struct {
		name string
		kv   []string
		want string
	}{
		{"no client", good, "missing_client"},
		{"unknown client", append([]string{"client", "1"}, good...), "invalid_client"},
		{"another client's account", append([]string{"client", "561115", "account", "100001_Globex"}, good...), "invalid_account"},
		{"main account", append([]string{"client", "561115", "account", "100001"}, good...), "invalid_account"},
		{"93 days", append([]string{"client", "561115"}, with(good, "date_from", "2026-08-19")...), "invalid_daterange"},
	} {
		if got := status(t, s, "getResellerCDR", tc.kv...); got != tc.want {
			t.Errorf("getResellerCDR %s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestCDRFilters checks every filter against the server's own call history.
func TestCDRFilters(t *testing.T) {
	s := newBillingServer(t)
	history := s.CallRecords()
	if len(history) < 200 {
		t.Fatalf("seeded history has %d calls", len(history))
	}
	count := func(keep func(voipmstest.CallRecord) bool) int {
		n := 0
		for _, r := range history {
			day := r.Time.UTC().Format("2006-01-02")
			if day >= "2026-09-01" && day <= "2026-11-20" && keep(r) {
				n++
			}
		}
		return n
	}
	rows := func(kv ...string) []map[string]any {
		t.Helper()
		m := api(t, s, "getCDR", kv...)
		if m["status"] == "no_cdr" {
			return nil
		}
		if m["status"] != "success" {
			t.Fatalf("getCDR %v: %v", kv, m["status"])
		}
		return list(t, m, "cdr")
	}

	all := rows(cdrParams("2026-09-01", "2026-11-20")...)
	if want := count(func(voipmstest.CallRecord) bool { return true }); len(all) != want || want == 0 {
		t.Fatalf("all calls in range: %d rows, history says %d", len(all), want)
	}
	prev := "9999"
	for _, r := range all {
		d := r["date"].(string)
		if d[:10] < "2026-09-01" || d[:10] > "2026-11-20" {
			t.Errorf("row outside the range: %v", r)
		}
		if d > prev {
			t.Errorf("rows not newest first: %s after %s", d, prev)
		}
		prev = d
		secs, _ := strconv.Atoi(r["seconds"].(string))
		if want := (time.Time{}).Add(time.Duration(secs) * time.Second).Format("15:04:05"); r["duration"] != want {
			t.Errorf("duration %v for %d seconds", r["duration"], secs)
		}
	}

	answered := rows("date_from", "2026-09-01", "date_to", "2026-11-20", "timezone", "0", "answered", "1")
	if want := count(func(r voipmstest.CallRecord) bool { return r.Disposition == voipmstest.DispositionAnswered }); len(answered) != want {
		t.Errorf("answered: %d rows, want %d", len(answered), want)
	}
	for _, r := range answered {
		if r["disposition"] != "ANSWERED" {
			t.Errorf("answered filter let through %v", r["disposition"])
		}
	}
	busyFailed := rows("date_from", "2026-09-01", "date_to", "2026-11-20", "timezone", "0", "busy", "1", "failed", "true")
	if want := count(func(r voipmstest.CallRecord) bool {
		return r.Disposition == voipmstest.DispositionBusy || r.Disposition == voipmstest.DispositionFailed
	}); len(busyFailed) != want || want == 0 {
		t.Errorf("busy+failed: %d rows, want %d", len(busyFailed), want)
	}

	acme := rows(cdrParams("2026-09-01", "2026-11-20", "account", "100001_Acme")...)
	if want := count(func(r voipmstest.CallRecord) bool { return r.Account == "100001_Acme" }); len(acme) != want || want == 0 {
		t.Errorf("account filter: %d rows, want %d", len(acme), want)
	}
	free := rows(cdrParams("2026-09-01", "2026-11-20", "callbilling", "free")...)
	billed := rows(cdrParams("2026-09-01", "2026-11-20", "callbilling", "billed")...)
	if len(free)+len(billed) != len(all) || len(free) == 0 || len(billed) == 0 {
		t.Errorf("free %d + billed %d != all %d", len(free), len(billed), len(all))
	}
	for _, r := range free {
		if r["total"] != "0.00000000" {
			t.Errorf("free call with total %v", r["total"])
		}
	}
	in := rows(cdrParams("2026-09-01", "2026-11-20", "calltype", "incoming")...)
	out := rows(cdrParams("2026-09-01", "2026-11-20", "calltype", "outgoing")...)
	if len(in)+len(out) != len(all) || len(in) == 0 || len(out) == 0 {
		t.Errorf("incoming %d + outgoing %d != all %d", len(in), len(out), len(all))
	}
	if got := status(t, s, "getCDR", cdrParams("2020-01-01", "2020-01-31")...); got != "no_cdr" {
		t.Errorf("empty range: %s, want no_cdr", got)
	}

	// The reseller view sees only the client's sub-accounts and has no rate.
	res := list(t, ok(t, s, "getResellerCDR", append([]string{"client", "561115"}, cdrParams("2026-09-01", "2026-11-20")...)...), "cdr")
	if len(res) != len(acme) {
		t.Errorf("getResellerCDR 561115: %d rows, want the %d of 100001_Acme", len(res), len(acme))
	}
	for _, r := range res {
		if r["account"] != "100001_Acme" {
			t.Errorf("reseller CDR of another account: %v", r["account"])
		}
		if _, has := r["rate"]; has {
			t.Errorf("reseller CDR has a rate: %v", r)
		}
	}
}

// TestCDRTimezoneAndCallTypes adds calls of its own: the timezone moves a
// late call to the next day, a DID call type keeps the calls to that DID, and
// the reseller balance counts today's calls.
func TestCDRTimezoneAndCallTypes(t *testing.T) {
	s := newBillingServer(t)
	late, err := s.AddCallRecord(voipmstest.CallRecord{
		Time: time.Date(2026, 11, 19, 23, 30, 0, 0, time.UTC), CallerID: `"Late Caller" <5145550177>`,
		Destination: "12125550100", Account: "100001_Globex", Disposition: voipmstest.DispositionAnswered,
		Seconds: 61, Rate: "0.01",
	})
	if err != nil {
		t.Fatal(err)
	}
	if late.Total != "0.02" || late.UniqueID == "" || late.Description != "Outbound - USA" {
		t.Errorf("stored record = %+v", late)
	}
	for _, bad := range []voipmstest.CallRecord{
		{},
		{Time: simNow, Account: "100001", Disposition: "MAYBE"},
		{Time: simNow, Account: "999_x", Disposition: voipmstest.DispositionBusy},
		{Time: simNow, Account: "100001", Disposition: voipmstest.DispositionBusy, Rate: "cheap"},
	} {
		if _, err := s.AddCallRecord(bad); err == nil {
			t.Errorf("AddCallRecord(%+v) accepted", bad)
		}
	}
	find := func(tz, day string) map[string]any {
		t.Helper()
		m := api(t, s, "getCDR", "date_from", day, "date_to", day, "timezone", tz, "answered", "1", "account", "100001_Globex")
		if m["status"] != "success" {
			return nil
		}
		for _, r := range list(t, m, "cdr") {
			if r["uniqueid"] == late.UniqueID {
				return r
			}
		}
		return nil
	}
	if r := find("0", "2026-11-19"); r == nil || r["date"] != "2026-11-19 23:30:00" || r["duration"] != "00:01:01" || r["total"] != "0.02000000" {
		t.Errorf("UTC view: %v", r)
	}
	if r := find("2", "2026-11-20"); r == nil || r["date"] != "2026-11-20 01:30:00" {
		t.Errorf("UTC+2 view: %v", r)
	}
	if r := find("2", "2026-11-19"); r != nil {
		t.Errorf("UTC+2 still shows the call on the 19th: %v", r)
	}
	if r := find("-5", "2026-11-19"); r == nil || r["date"] != "2026-11-19 18:30:00" {
		t.Errorf("UTC-5 view: %v", r)
	}

	// A DID of the account becomes a call type; connecting it to Acme makes it
	// one of Acme's.
	did := firstDID(t, s)
	ok(t, s, "orderDID", orderParams(did)...)
	if _, err := s.AddCallRecord(voipmstest.CallRecord{Time: simNow.Add(-time.Hour), CallerID: "5551230000",
		Destination: did, Account: "100001_Acme", Disposition: voipmstest.DispositionAnswered, Seconds: 30,
		Rate: "0.009", Incoming: true}); err != nil {
		t.Fatal(err)
	}
	types := list(t, ok(t, s, "getCallTypes"), "call_types")
	if types[0]["value"] != "all" || types[len(types)-1]["value"] != did {
		t.Errorf("getCallTypes = %v", types)
	}
	byDID := list(t, ok(t, s, "getCDR", cdrParams("2026-11-20", "2026-11-20", "calltype", did)...), "cdr")
	if len(byDID) != 1 || byDID[0]["destination"] != did {
		t.Errorf("calltype %s: %v", did, byDID)
	}
	if got := status(t, s, "getResellerCDR", append([]string{"client", "561115", "calltype", did}, cdrParams("2026-11-20", "2026-11-20")...)...); got != "invalid_call_type" {
		t.Errorf("calltype of a DID not connected to the client: %s", got)
	}
	if got := list(t, ok(t, s, "getCallTypes", "client", "561115"), "call_types"); len(got) != 3 {
		t.Errorf("client call types before connectDID = %v", got)
	}
	ok(t, s, "connectDID", "did", did, "account", "100001_Acme", "monthly", "1.50", "setup", "0", "minute", "0.01")
	if got := list(t, ok(t, s, "getCallTypes", "client", "561115"), "call_types"); len(got) != 4 || got[3]["value"] != did {
		t.Errorf("client call types after connectDID = %v", got)
	}
	ok(t, s, "getResellerCDR", append([]string{"client", "561115", "calltype", did}, cdrParams("2026-11-20", "2026-11-20")...)...)

	accounts := list(t, ok(t, s, "getCallAccounts", "client", "561115"), "accounts")
	if len(accounts) != 2 || accounts[1]["value"] != "100001_Acme" {
		t.Errorf("getCallAccounts client = %v", accounts)
	}
	if got := list(t, ok(t, s, "getCallAccounts"), "accounts"); len(got) != 6 {
		t.Errorf("getCallAccounts = %v", got)
	}
	if got := status(t, s, "getCallAccounts", "client", "3"); got != "invalid_client" {
		t.Errorf("getCallAccounts unknown client: %s", got)
	}
	if got := list(t, ok(t, s, "getCallBilling"), "call_billing"); len(got) != 3 {
		t.Errorf("getCallBilling = %v", got)
	}

	bal := ok(t, s, "getResellerBalance", "client", "561115")["balance"].(map[string]any)
	if bal["calls_today"] != "1" || bal["time_today"] != "0:30" || bal["spent_today"] != "0.0090" {
		t.Errorf("Acme's balance statistics for today = %v", bal)
	}
}

// Fractional offsets (Newfoundland, India) shift dates by the half hour, on
// getCDR and getSMS alike.
func TestFractionalTimezone(t *testing.T) {
	s := newBillingServer(t)
	rec, err := s.AddCallRecord(voipmstest.CallRecord{Time: time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC),
		Account: "100001_VoIP", Disposition: voipmstest.DispositionBusy, Destination: "15145550100"})
	if err != nil {
		t.Fatal(err)
	}
	rows := list(t, ok(t, s, "getCDR", "date_from", "2026-11-19", "date_to", "2026-11-19", "timezone", "-3.5",
		"busy", "1", "account", "100001_VoIP"), "cdr")
	found := false
	for _, r := range rows {
		if r["uniqueid"] == rec.UniqueID {
			found = r["date"] == "2026-11-19 22:30:00"
			if !found {
				t.Errorf("UTC-3.5 date = %v", r["date"])
			}
		}
	}
	if !found {
		t.Errorf("the call is not on 2026-11-19 in UTC-3.5: %v", rows)
	}
	if got := status(t, s, "getSMS", "timezone", "5.5"); got != "no_sms" {
		t.Errorf("getSMS timezone 5.5: %s, want no_sms (accepted, nothing sent)", got)
	}
	if got := status(t, s, "getSMS", "timezone", "13.5"); got != "invalid_timezone" {
		t.Errorf("getSMS timezone 13.5: %s", got)
	}
}
