package vicidialtest

import (
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// post sends fields as a form POST and returns the body.
func post(t *testing.T, s *Server, fields ...string) string {
	t.Helper()
	v := url.Values{}
	for i := 0; i+1 < len(fields); i += 2 {
		v.Set(fields[i], fields[i+1])
	}
	resp, err := http.PostForm(s.URL(), v)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("status %d, content type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return string(b)
}

func authed(fn string, fields ...string) []string {
	return append([]string{"function", fn, "user", DefaultUser, "pass", DefaultPass, "source", "test"}, fields...)
}

type mutableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *mutableClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *mutableClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// TestWireLines pins the exact lines of the generic answers.
func TestWireLines(t *testing.T) {
	clk := &mutableClock{t: time.Date(2026, 1, 15, 17, 0, 0, 0, time.UTC)}
	s := NewServer(WithClock(clk.now))
	defer s.Close()
	for _, tt := range []struct {
		name   string
		fields []string
		want   string
	}{
		{"version needs no login", []string{"function", "version"},
			"VERSION: 2.14-96|BUILD: 170601-0747|DATE: 2026-01-15 12:00:00|EPOCH: 1768496400|DST: 0|TZ: -5|TZNOW: -5|\n"},
		{"invalid source twice", []string{"function", "add_lead", "source", "x!", "user", DefaultUser, "pass", DefaultPass},
			"ERROR: Invalid Source - x\nERROR: Invalid Source: |x|\n"},
		{"login echoes the password", []string{"function", "add_lead", "source", "test", "user", DefaultUser, "pass", "wrong pass!"},
			"ERROR: Login incorrect, please try again: |apiadmin|wrongpass|BAD|\n"},
		{"unknown function", authed("list_dids"), "ERROR: NO FUNCTION SPECIFIED\n"},
		{"newer function on the 2017 build", authed("add_did", "did_pattern", "3125550100"), "ERROR: NO FUNCTION SPECIFIED\n"},
		{"did_log_export bad date", authed("did_log_export", "phone_number", "3125551212", "date", "2026-1-1"),
			"ERROR: did_log_export INVALID SEARCH PARAMETERS: apiadmin|3125551212|2026-1-1\n"},
		{"did_log_export no records", authed("did_log_export", "phone_number", "3125551212", "date", "2020-01-01"),
			"ERROR: did_log_export NO RECORDS FOUND - apiadmin|||2020-01-01\n"},
		{"add_lead code order", authed("add_lead", "phone_number", "+1 (727) 555-1111", "list_id", "12"),
			"SUCCESS: add_lead LEAD HAS BEEN ADDED - 17275551111|999|193718|-5|apiadmin\n"},
		{"check_phone_number doc field", authed("check_phone_number", "phone_number", "3125551212", "call_time", "9am-9pm"),
			"ERROR: check_phone_number THIS IS NOT A VALID CALL TIME: |apiadmin||\n"},
		{"check_phone_number", authed("check_phone_number", "phone_number", "3125551212", "local_call_time", "9am-9pm"),
			"AREACODE: 1|-6#PHONE: 3125551212|1||||\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := post(t, s, tt.fields...); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestDIDLogColumns: rows print DID|caller id|date|secs (the code's swap)
// under the documented header, with the stage's delimiter.
func TestDIDLogColumns(t *testing.T) {
	s := NewServer(WithClock(func() time.Time { return time.Date(2026, 1, 15, 17, 0, 0, 0, time.UTC) }))
	defer s.Close()
	day := time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)
	s.AddDIDCall(DIDCall{DID: "5551230000", CallerID: "7275551212", CallDate: day.Add(12 * time.Hour), Length: 123})
	for stage, sep := range map[string]string{"pipe": "|", "csv": ",", "tab": "\t", "": "|", "bogus": "|"} {
		got := post(t, s, authed("did_log_export", "phone_number", "5551230000", "date", "2026-01-14", "stage", stage, "header", "YES")...)
		want := strings.Join([]string{"did_number", "call_date", "caller_id_number", "length_in_sec"}, sep) + "\n" +
			strings.Join([]string{"5551230000", "7275551212", "2026-01-14 12:00:00", "123"}, sep) + "\n"
		if got != want {
			t.Errorf("stage %q:\n got %q\nwant %q", stage, got, want)
		}
	}
}

// TestLockout: ten failures in 15 minutes lock the user, the right password
// included; the lock lifts 15 minutes after the failures.
func TestLockout(t *testing.T) {
	clk := &mutableClock{t: time.Date(2026, 1, 15, 17, 0, 0, 0, time.UTC)}
	s := NewServer(WithClock(clk.now))
	defer s.Close()
	for i := 0; i < 10; i++ {
		if got := post(t, s, "function", "agent_status", "source", "test", "user", DefaultUser, "pass", "nope", "agent_user", "1000"); !strings.HasPrefix(got, "ERROR: Login incorrect") {
			t.Fatalf("failure %d: %q", i, got)
		}
		clk.add(time.Minute)
	}
	lock := "ERROR: Too many login attempts, try again in 15 minutes: |apiadmin|LOCK|\n"
	if got := post(t, s, authed("agent_status", "agent_user", "1000")...); got != lock {
		t.Errorf("locked: %q", got)
	}
	clk.add(6 * time.Minute) // the first failures are now older than 15 minutes
	if got := post(t, s, authed("agent_status", "agent_user", "1000")...); strings.HasPrefix(got, "ERROR") {
		t.Errorf("after the window: %q", got)
	}
}

// TestPermissions: the generic allowed-functions check, then the
// per-function level and flag.
func TestPermissions(t *testing.T) {
	s := NewServer(WithUser(User{User: "view7", Pass: "view7pw", Level: 7, ViewReports: true}),
		WithUser(User{User: "only", Pass: "onlypw", Level: 9, AllowedFunctions: []string{"version"}}.AllPermissions()),
		WithUser(User{User: "agent", Pass: "agentpw", Level: 6}))
	defer s.Close()
	if got := post(t, s, "function", "add_lead", "user", "view7", "pass", "view7pw", "source", "test", "phone_number", "7275551111"); got != "ERROR: add_lead USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM: |view7|0|\n" {
		t.Errorf("level: %q", got)
	}
	if got := post(t, s, "function", "did_log_export", "user", "only", "pass", "onlypw", "source", "test"); got != "ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION: |only|did_log_export|\n" {
		t.Errorf("allowed functions: %q", got)
	}
	if got := post(t, s, "function", "did_log_export", "user", "agent", "pass", "agentpw", "source", "test"); !strings.HasPrefix(got, "ERROR: Login incorrect") {
		t.Errorf("level 6: %q", got)
	}
	if s.Executed("add_lead") != 0 {
		t.Error("a refused write executed")
	}
}

// TestFaultsAndCounts: a fault is used the number of times asked, then the
// function runs normally; Executed counts what ran, Calls every request.
func TestFaultsAndCounts(t *testing.T) {
	s := NewServer()
	defer s.Close()
	s.InjectFault("server_refresh", Fault{Kind: FaultHTML503, Times: 1})
	s.InjectFault("*", Fault{Kind: FaultLatency, Delay: time.Millisecond, Times: 1})
	if got := post503(t, s, authed("server_refresh", "stage", "REFRESH")...); got != 503 {
		t.Errorf("first call: HTTP %d", got)
	}
	if got := post(t, s, authed("server_refresh", "stage", "REFRESH")...); got != "SUCCESS: server_refresh SERVER REFRESH HAS BEEN TRIGGERED - apiadmin|2\n" {
		t.Errorf("second call: %q", got)
	}
	if s.Calls("server_refresh") != 2 || s.Executed("server_refresh") != 1 || s.Refreshes() != 1 {
		t.Errorf("calls %d executed %d", s.Calls("server_refresh"), s.Executed("server_refresh"))
	}
	if _, ok := ParseFaultKind("connreset"); !ok || FaultTruncated.String() != "truncated" {
		t.Error("fault names")
	}
}

func post503(t *testing.T, s *Server, fields ...string) int {
	v := url.Values{}
	for i := 0; i+1 < len(fields); i += 2 {
		v.Set(fields[i], fields[i+1])
	}
	resp, err := http.PostForm(s.URL(), v)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestCloseLeavesNoGoroutines: servers with open connections and faults
// leave no goroutine behind.
func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	for i := 0; i < 5; i++ {
		s := NewServer(WithLatency(time.Millisecond))
		s.InjectFault("*", Fault{Kind: FaultConnReset, Times: 1})
		tr := &http.Transport{}
		hc := &http.Client{Transport: tr}
		for j := 0; j < 3; j++ {
			resp, err := hc.PostForm(s.URL(), url.Values{"function": {"version"}})
			if err == nil {
				resp.Body.Close()
			}
		}
		tr.CloseIdleConnections()
		s.Close()
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after", before, n)
	}
}

// TestNewBuildDIDTable: add_did stores the DB defaults, update_did keeps
// what it is not sent, delete_did needs 201113.
func TestNewBuildDIDTable(t *testing.T) {
	s := NewServer(WithNewBuild())
	defer s.Close()
	if got := post(t, s, authed("add_did", "did_pattern", "+13125550100", "did_description", "Sales line")...); got != "SUCCESS: add_did DID HAS BEEN ADDED - apiadmin|+13125550100\n" {
		t.Fatalf("add: %q", got)
	}
	d, _ := s.DID("+13125550100")
	if d.Route != "EXTEN" || d.Extension != "9998811112" || d.Context != "default" || !d.Active {
		t.Errorf("defaults = %+v", d)
	}
	post(t, s, authed("update_did", "did_pattern", "+13125550100", "did_route", "IN_GROUP", "group", "SUPPORT")...)
	if d, _ := s.DID("+13125550100"); d.Route != "IN_GROUP" || d.Group != "SUPPORT" || d.Description != "Sales line" {
		t.Errorf("updated = %+v", d)
	}
	if got := post(t, s, authed("update_did", "did_pattern", "+13125550100", "delete_did", "Y")...); got != "SUCCESS: update_did DID HAS BEEN DELETED - apiadmin|+13125550100\n" {
		t.Errorf("delete: %q", got)
	}
	old := NewServer(WithBuild("190101-1200", ""))
	defer old.Close()
	if got := post(t, old, authed("update_did", "did_pattern", "3125551212", "delete_did", "Y")...); !strings.Contains(got, "DID HAS BEEN UPDATED") {
		t.Errorf("delete_did on 190101 must be ignored: %q", got)
	}
	if got := post(t, old, authed("add_did", "did_pattern", "3125551213")...); got != "ERROR: NO FUNCTION SPECIFIED\n" {
		t.Errorf("add_did on 190101: %q", got)
	}
}
