package voipmstest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// TestInjectStatusOnceNTimesAlways: an injected status answers instead of
// the method, with the documented message, for exactly the number of calls
// asked, and the call changes nothing.
func TestInjectStatusOnceNTimesAlways(t *testing.T) {
	s := newBillingServer(t)
	did := firstDID(t, s)

	s.InjectStatus("orderDID", "did_limit_reached", 1)
	m := api(t, s, "orderDID", orderParams(did)...)
	if m["status"] != "did_limit_reached" || m["message"] != voipms.Status("did_limit_reached").Description() {
		t.Fatalf("injected answer = %v", m)
	}
	if len(s.DIDs()) != 0 || s.Executed().Orders != 0 || s.AccountBalance() != "100.00" {
		t.Fatalf("an injected status executed the order: %v, %+v", s.DIDs(), s.Executed())
	}
	ok(t, s, "orderDID", orderParams(did)...) // once means once

	s.InjectStatus("getBalance", "method_maintenance", 3)
	for i := range 3 {
		if got := status(t, s, "getBalance"); got != "method_maintenance" {
			t.Errorf("getBalance call %d = %s, want method_maintenance", i+1, got)
		}
	}
	ok(t, s, "getBalance")

	s.InjectStatus("*", "non_sufficient_funds", 0) // always, every method
	s.InjectStatus("getIP", "method_maintenance", 1)
	if got := status(t, s, "getIP"); got != "method_maintenance" {
		t.Errorf("a method rule comes before a * rule: %s", got)
	}
	for range 5 {
		for _, method := range []string{"getIP", "addCharge", "getDIDsInfo"} {
			if got := status(t, s, method); got != "non_sufficient_funds" {
				t.Errorf("%s under an always rule = %s", method, got)
			}
		}
	}
	// Credentials are still checked first.
	code, body := send(t, s.URL(), map[string][]string{"method": {"getIP"}, "api_username": {s.Username()}, "api_password": {"wrong"}})
	if code != 200 || !strings.Contains(string(body), "invalid_credentials") {
		t.Errorf("wrong password under an injected status: %d %s", code, body)
	}
	s.ClearStatuses()
	ok(t, s, "getIP")

	// Through the SDK: an *APIError carrying the injected status.
	s.InjectStatus("getBalance", "method_maintenance", 1)
	c, err := s.Client()
	if err != nil {
		t.Fatal(err)
	}
	err = c.Call(context.Background(), "getBalance", nil, nil)
	var ae *voipms.APIError
	if !errors.As(err, &ae) || ae.Status != "method_maintenance" {
		t.Fatalf("SDK error = %v, want an *APIError with method_maintenance", err)
	}
}

func TestWithStatusOption(t *testing.T) {
	s := voipmstest.NewServer(voipmstest.WithStatus("getIP", "method_maintenance", 2))
	defer s.Close()
	for range 2 {
		if got := status(t, s, "getIP"); got != "method_maintenance" {
			t.Errorf("getIP = %s", got)
		}
	}
	ok(t, s, "getIP")
	for _, bad := range []string{"", "success"} {
		if srv, err := voipmstest.NewServerAt("", voipmstest.WithStatus("getIP", bad, 1)); err == nil {
			srv.Close()
			t.Errorf("WithStatus(%q) accepted", bad)
		}
	}
}
