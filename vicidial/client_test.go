package vicidial_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/didkit/voipms/vicidial"
	"github.com/didkit/voipms/vicidialtest"
)

// sentinel is a password that is valid for the server's character class,
// long enough to be found anywhere it leaks.
const sentinel = "Zq7-SENTINEL_pw42"

func checkNoLeak(t *testing.T, what string, v any) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%t", "%c", "%f", "%U", "%d"} {
		if s := fmt.Sprintf(verb, v); strings.Contains(s, sentinel) {
			t.Errorf("%s leaks the password under %s: %s", what, verb, s)
		}
	}
}

// TestRedactEchoedPassword logs in with a wrong password: the server echoes
// it in "Login incorrect, please try again: |user|pass|BAD|". Neither the
// error (every layer of its chain, every verb), nor its Data, nor a log
// record, nor a print of the client holds it.
func TestRedactEchoedPassword(t *testing.T) {
	srv, _ := newFake(t)
	var logs bytes.Buffer
	c, err := vicidial.New(srv.URL(), vicidialtest.DefaultUser, sentinel, "test",
		vicidial.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.DIDs.ListCalls(context.Background(), "3125551212", time.Now())
	if !errors.Is(err, vicidial.ErrAuth) {
		t.Fatalf("err = %v, want ErrAuth", err)
	}
	// the fake did echo it
	if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Form.Get("pass") != sentinel {
		t.Fatalf("the sentinel was not sent: %+v", reqs)
	}
	var ae *vicidial.APIError
	if !errors.As(err, &ae) || ae.Message != "Login incorrect, please try again" || len(ae.Data) != 3 || ae.Data[1] != "[REDACTED]" || ae.Data[0] != vicidialtest.DefaultUser {
		t.Fatalf("APIError = %#v", ae)
	}
	for e := error(err); e != nil; e = errors.Unwrap(e) {
		checkNoLeak(t, fmt.Sprintf("error layer %T", e), e)
	}
	checkNoLeak(t, "APIError.Data", ae.Data)
	checkNoLeak(t, "client", c)
	checkNoLeak(t, "client struct", *c)
	if strings.Contains(logs.String(), sentinel) {
		t.Errorf("log leaks the password: %s", logs.String())
	}
	if !strings.Contains(logs.String(), "Login incorrect") {
		t.Errorf("the failure was not logged: %s", logs.String())
	}
}

// TestRedactSecretParams: an agent password sent in add_user is echoed in
// the SUCCESS line; it is [REDACTED] in Data, and the params print without
// it.
func TestRedactSecretParams(t *testing.T) {
	_, c := newFake(t)
	p := &vicidial.UserAddParams{AgentUser: "4321", AgentPass: vicidial.Secret(sentinel[:15]), AgentUserLevel: 1, AgentFullName: "Sec Ret", AgentUserGroup: "AGENTS"}
	checkNoLeak(t, "params", p)
	r, err := c.Users.Add(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	checkNoLeak(t, "result", r)
	if r.Data[2] != "[REDACTED]" {
		t.Errorf("data = %q", r.Data)
	}
}

// TestValidationBeforeIO: bad input is a *ValidationError and nothing
// reaches the server.
func TestValidationBeforeIO(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"add_lead letters": func() error {
			_, err := c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "+1 (727) 555-1111"})
			return err
		},
		"add_lead nil": func() error { _, err := c.Leads.Add(ctx, nil); return err },
		"add_lead hopper priority": func() error {
			_, err := c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "7275551111", Hopper: vicidial.Hopper{Priority: vicidial.Int(100)}})
			return err
		},
		"add_lead reserved custom field": func() error {
			_, err := c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "7275551111", CustomFields: map[string]string{"pass": "x"}})
			return err
		},
		"add_lead custom field shadows a standard one": func() error {
			_, err := c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "7275551111", CustomFields: map[string]string{"list_id": "1"}})
			return err
		},
		"did_log_export plus":   func() error { _, err := c.DIDs.ListCalls(ctx, "+13125551212", time.Now()); return err },
		"did_log_export nodate": func() error { _, err := c.DIDs.ListCalls(ctx, "3125551212", time.Time{}); return err },
		"check_phone_number call_time": func() error {
			_, err := c.System.CheckPhoneNumber(ctx, &vicidial.SystemCheckPhoneNumberParams{PhoneNumber: "3125551212"})
			return err
		},
		"add_did route target": func() error {
			_, err := c.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550100", DIDRoute: vicidial.RouteInGroup})
			return err
		},
		"add_user level": func() error {
			_, err := c.Users.Add(ctx, &vicidial.UserAddParams{AgentUser: "12", AgentPass: "x", AgentUserLevel: 10, AgentFullName: "x", AgentUserGroup: "AGENTS"})
			return err
		},
		"blind_monitor session": func() error {
			_, err := c.Calls.BlindMonitor(ctx, &vicidial.CallBlindMonitorParams{PhoneLogin: "350a", SessionID: "86", ServerIP: "10.10.10.16"})
			return err
		},
		"agent_stats range": func() error {
			_, err := c.Reports.ListAgentStats(ctx, &vicidial.ReportListAgentStatsParams{Start: time.Now(), End: time.Now().Add(-time.Hour)})
			return err
		},
	} {
		err := call()
		var ve *vicidial.ValidationError
		if !errors.As(err, &ve) || !errors.Is(err, vicidial.ErrInvalidParameter) {
			t.Errorf("%s: err = %v, want *ValidationError", name, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

func TestNewValidatesCredentials(t *testing.T) {
	for _, tt := range []struct{ url, user, pass, source, field string }{
		{"https://d.example/api.php", "6666", "pass word", "test", "pass"},
		{"https://d.example/api.php", "6666", "pässword", "test", "pass"},
		{"https://d.example/api.php", "6666", "pw!", "test", "pass"},
		{"https://d.example/api.php", "6666", "", "test", "pass"},
		{"https://d.example/api.php", "66 66", "pw", "test", "user"},
		{"https://d.example/api.php", "6666", "pw", "x", "source"},
		{"https://d.example/api.php", "6666", "pw", "my-app", "source"},
		{"ftp://d.example/api.php", "6666", "pw", "test", "baseURL"},
		{"https://d.example/api.php?user=6666", "6666", "pw", "test", "baseURL"},
	} {
		_, err := vicidial.New(tt.url, tt.user, tt.pass, tt.source)
		var ve *vicidial.ValidationError
		if !errors.As(err, &ve) || ve.Field != tt.field {
			t.Errorf("New(%q, %q, %q, %q) = %v, want a %s error", tt.url, tt.user, tt.pass, tt.source, err, tt.field)
		}
		if err != nil && strings.Contains(err.Error(), tt.pass) && tt.pass != "" {
			t.Errorf("error echoes the password: %v", err)
		}
	}
	c, err := vicidial.NewDialer360("acme", "6666", "1234", "test")
	if err != nil || c.URL() != "https://acme.dialer360.com/adminpanel/api.php" {
		t.Errorf("NewDialer360 = %v, %v", c, err)
	}
	if _, err := vicidial.NewDialer360("acme.evil.example/x", "6666", "1234", "test"); err == nil {
		t.Error("NewDialer360 accepted a tenant that is not a host label")
	}
}

// TestAuthCategories: wrong password, lockout after 10 failures, IP block,
// generic and per-function permissions, Invalid Source.
func TestAuthCategories(t *testing.T) {
	ctx := context.Background()
	srv, good := newFake(t, vicidialtest.WithUser(vicidialtest.User{User: "viewer", Pass: "viewer77", Level: 7, ViewReports: true}),
		vicidialtest.WithUser(vicidialtest.User{User: "limited", Pass: "limited8", Level: 8, AllowedFunctions: []string{"version", "did_log_export"}}))
	bad, _ := vicidial.New(srv.URL(), vicidialtest.DefaultUser, "wrong-pass", "test", vicidial.WithRetry(1, 0, 0))
	for i := 1; i <= 10; i++ {
		_, err := bad.Reports.GetAgentStatus(ctx, "1000")
		if !errors.Is(err, vicidial.ErrAuth) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	_, err := bad.Reports.GetAgentStatus(ctx, "1000")
	wantErr(t, err, vicidial.ErrLockedOut)
	// the right password is locked out too
	_, err = good.Reports.GetAgentStatus(ctx, "1000")
	wantErr(t, err, vicidial.ErrLockedOut)

	viewer, _ := vicidial.New(srv.URL(), "viewer", "viewer77", "test")
	_, err = viewer.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "7275551111"})
	wantErr(t, err, vicidial.ErrPermission)
	var ae *vicidial.APIError
	if !errors.As(err, &ae) || ae.Function != "add_lead" || !strings.HasPrefix(ae.Message, "USER DOES NOT HAVE PERMISSION") {
		t.Errorf("permission error = %#v", ae)
	}
	limited, _ := vicidial.New(srv.URL(), "limited", "limited8", "test")
	_, err = limited.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "7275551111"})
	wantErr(t, err, vicidial.ErrPermission)

	blocked := vicidialtest.NewServer(vicidialtest.WithIPAllowList("10.9.9.9"))
	defer blocked.Close()
	bc, _ := blocked.Client()
	_, err = bc.Reports.GetAgentStatus(ctx, "1000")
	wantErr(t, err, vicidial.ErrIPBlocked)
	// version needs no login, and is not IP-checked
	if _, err := bc.System.GetVersion(ctx); err != nil {
		t.Errorf("version: %v", err)
	}
}

// TestBuildGating: on the 2017 build the newer DID functions fail with an
// *UnsupportedError after one version call and before any write; version is
// asked once per client; WithServerBuild skips it.
func TestBuildGating(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	for i := 0; i < 3; i++ {
		_, err := c.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550100", DIDRoute: vicidial.RouteExten, Extension: "8300"})
		var ue *vicidial.UnsupportedError
		if !errors.As(err, &ue) || ue.Build != "170601-0747" || ue.MinBuild != vicidial.BuildAddDID || ue.Function != "add_did" {
			t.Fatalf("err = %v", err)
		}
	}
	if srv.Calls("version") != 1 || srv.Calls("add_did") != 0 {
		t.Errorf("version %d, add_did %d", srv.Calls("version"), srv.Calls("add_did"))
	}
	// update_did exists from 180331; its delete option only from 201113
	mid := vicidialtest.NewServer(vicidialtest.WithBuild("190101-1200", ""))
	defer mid.Close()
	mc, _ := mid.Client()
	if _, err := mc.DIDs.Delete(ctx, "3125551212"); !errors.Is(err, vicidial.ErrUnsupported) {
		t.Errorf("delete on 190101: %v", err)
	}
	if mid.Calls("update_did") != 0 {
		t.Error("update_did delete_did reached a server without the option")
	}
	_, err := mc.DIDs.Update(ctx, &vicidial.DIDParams{DIDPattern: "3125551212", DIDDescription: "Chicago main line"})
	if err != nil {
		t.Errorf("update on 190101: %v", err)
	}
	// menu_id is an option of 210217
	_, err = mc.DIDs.Update(ctx, &vicidial.DIDParams{DIDPattern: "3125551212", DIDRoute: vicidial.RouteCallMenu, MenuID: "MAIN"})
	var ue *vicidial.UnsupportedError
	if !errors.As(err, &ue) || ue.Option != "menu_id" {
		t.Errorf("menu_id on 190101: %v", err)
	}
	// a client told the build does not ask
	srv2 := vicidialtest.NewServer(vicidialtest.WithNewBuild())
	defer srv2.Close()
	c2, _ := srv2.Client(vicidial.WithServerBuild(vicidialtest.BuildNew))
	if _, err := c2.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550111", DIDRoute: vicidial.RouteExten, Extension: "8300"}); err != nil {
		t.Fatal(err)
	}
	if srv2.Calls("version") != 0 {
		t.Errorf("version asked %d times", srv2.Calls("version"))
	}
	// a server that does not know the function answers NO FUNCTION SPECIFIED
	c3, _ := srv.Client(vicidial.WithServerBuild(vicidialtest.BuildNew)) // lies about the build
	_, err = c3.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550112", DIDRoute: vicidial.RouteExten, Extension: "8300"})
	wantErr(t, err, vicidial.ErrUnsupported)
}

type writeCase struct {
	fn   string
	call func(context.Context, *vicidial.Client) error
}

func writeCases() []writeCase {
	return []writeCase{
		{"add_lead", func(ctx context.Context, c *vicidial.Client) error {
			_, err := c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "7275553333"})
			return err
		}},
		{"update_lead", func(ctx context.Context, c *vicidial.Client) error {
			_, err := c.Leads.Update(ctx, &vicidial.LeadUpdateParams{LeadID: 193715, Status: "SALE"})
			return err
		}},
		{"add_user", func(ctx context.Context, c *vicidial.Client) error {
			_, err := c.Users.Add(ctx, &vicidial.UserAddParams{AgentUser: "AUTOGENERATED", AgentPass: "pw", AgentUserLevel: 1, AgentFullName: "A B", AgentUserGroup: "AGENTS"})
			return err
		}},
		{"update_log_entry", func(ctx context.Context, c *vicidial.Client) error {
			_, err := c.Calls.UpdateLogEntry(ctx, &vicidial.CallUpdateLogEntryParams{CallID: "M9131554060000426264", Group: "TESTCAMP", Status: "SALEX"})
			return err
		}},
		{"blind_monitor", func(ctx context.Context, c *vicidial.Client) error {
			_, err := c.Calls.BlindMonitor(ctx, &vicidial.CallBlindMonitorParams{PhoneLogin: "350a", SessionID: "8600051", ServerIP: "10.10.10.16"})
			return err
		}},
		{"server_refresh", func(ctx context.Context, c *vicidial.Client) error { _, err := c.System.Refresh(ctx); return err }},
		{"add_did", func(ctx context.Context, c *vicidial.Client) error {
			_, err := c.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550177", DIDRoute: vicidial.RouteExten, Extension: "8300"})
			return err
		}},
	}
}

// TestWriteOnceUnderFaults: a write whose answer is lost or unusable after it
// may have reached the server is sent once and fails with ErrOutcomeUnknown
// (and nothing else); the fake shows whether it ran.
func TestWriteOnceUnderFaults(t *testing.T) {
	kinds := []vicidialtest.FaultKind{vicidialtest.FaultConnReset, vicidialtest.FaultEmptyBody, vicidialtest.FaultTruncated,
		vicidialtest.FaultHTML500, vicidialtest.FaultHTML503, vicidialtest.FaultResetBefore}
	for _, wc := range writeCases() {
		for _, k := range kinds {
			t.Run(wc.fn+"/"+k.String(), func(t *testing.T) {
				srv, c := newFake(t, vicidialtest.WithNewBuild())
				srv.InjectFault(wc.fn, vicidialtest.Fault{Kind: k, Times: 1})
				err := wc.call(context.Background(), c)
				if !errors.Is(err, vicidial.ErrOutcomeUnknown) {
					t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
				}
				for _, other := range []error{vicidial.ErrTransport, vicidial.ErrBadResponse, vicidial.ErrUnavailable, vicidial.ErrAuth} {
					if errors.Is(err, other) {
						t.Errorf("also matches %v", other)
					}
				}
				if n := srv.Calls(wc.fn); n != 1 {
					t.Errorf("%s sent %d times", wc.fn, n)
				}
				wantRan := k == vicidialtest.FaultConnReset || k == vicidialtest.FaultEmptyBody || k == vicidialtest.FaultTruncated
				if ran := srv.Executed(wc.fn) == 1; ran != wantRan {
					t.Errorf("executed = %v, want %v", ran, wantRan)
				}
			})
		}
	}
}

// TestWriteNotSentIsRetried: a write whose connection could not be made was
// not sent: it is a transport error, not an unknown outcome.
func TestWriteNotSentIsRetried(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: dial fails
	c, _ := vicidial.New("http://"+addr+"/adminpanel/api.php", "6666", "1234pass", "test", vicidial.WithRetry(2, time.Millisecond, time.Millisecond))
	_, err = c.Leads.Add(context.Background(), &vicidial.LeadAddParams{PhoneNumber: "7275551111"})
	var te *vicidial.TransportError
	if !errors.As(err, &te) || errors.Is(err, vicidial.ErrOutcomeUnknown) || te.Attempts != 2 {
		t.Fatalf("err = %v, want a TransportError after 2 attempts", err)
	}
	if strings.Contains(err.Error(), "http://") || strings.Contains(err.Error(), "api.php") {
		t.Errorf("error names the URL: %v", err)
	}
}

// TestReadsRetry: exports and status reads are retried on every fault and
// return the answer.
func TestReadsRetry(t *testing.T) {
	kinds := []vicidialtest.FaultKind{vicidialtest.FaultConnReset, vicidialtest.FaultEmptyBody, vicidialtest.FaultHTML500,
		vicidialtest.FaultHTML503, vicidialtest.FaultResetBefore}
	day := time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC)
	for _, k := range kinds {
		t.Run(k.String(), func(t *testing.T) {
			srv, c := newFake(t)
			srv.InjectFault("did_log_export", vicidialtest.Fault{Kind: k, Times: 2})
			calls, err := c.DIDs.ListCalls(context.Background(), "3125551212", day)
			if err != nil || len(calls) == 0 {
				t.Fatalf("Log = %d calls, %v", len(calls), err)
			}
			if n := srv.Calls("did_log_export"); n != 3 {
				t.Errorf("attempts = %d, want 3", n)
			}
		})
	}
	// out of attempts: the last failure, in one category
	srv, c := newFake(t)
	srv.InjectFault("agent_status", vicidialtest.Fault{Kind: vicidialtest.FaultHTML503})
	_, err := c.Reports.GetAgentStatus(context.Background(), "1000")
	if !errors.Is(err, vicidial.ErrUnavailable) || errors.Is(err, vicidial.ErrBadResponse) || srv.Calls("agent_status") != 3 {
		t.Errorf("err = %v after %d attempts", err, srv.Calls("agent_status"))
	}
	srv.ClearFaults()
	srv.InjectFault("agent_status", vicidialtest.Fault{Kind: vicidialtest.FaultTruncated})
	_, err = c.Reports.GetAgentStatus(context.Background(), "1000")
	var re *vicidial.ResponseError
	if !errors.As(err, &re) || re.Kind != vicidial.BodyTruncated || srv.Calls("agent_status") != 6 {
		t.Errorf("truncated row: %v after %d attempts", err, srv.Calls("agent_status"))
	}
}

// TestContextCancel: a cancelled context ends a read between attempts and
// still matches context.Canceled.
func TestContextCancel(t *testing.T) {
	srv := vicidialtest.NewServer(vicidialtest.WithClock(clock))
	defer srv.Close()
	c, _ := srv.Client(vicidial.WithRetry(5, 200*time.Millisecond, time.Second))
	srv.InjectFault("*", vicidialtest.Fault{Kind: vicidialtest.FaultHTML503})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Reports.GetAgentStatus(ctx, "1000")
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, vicidial.ErrTransport) {
		t.Errorf("err = %v", err)
	}
}

// TestRedirectRefused: a redirect is never followed (it would carry the
// password elsewhere).
func TestRedirectRefused(t *testing.T) {
	var hits int
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer target.Close()
	redir := httptest.NewServer(http.RedirectHandler(target.URL, http.StatusTemporaryRedirect))
	defer redir.Close()
	c, _ := vicidial.New(redir.URL+"/api.php", "6666", "1234pass", "test", vicidial.WithRetry(1, 0, 0))
	_, err := c.Leads.Add(context.Background(), &vicidial.LeadAddParams{PhoneNumber: "7275551111"})
	var re *vicidial.ResponseError
	if !errors.As(err, &re) || re.Kind != vicidial.BodyHTTPStatus || hits != 0 {
		t.Errorf("err = %v, target hit %d times", err, hits)
	}
}

// TestGetOrPost: the fake reads a variable from the query string first, then
// from the body, as the server does.
func TestGetOrPost(t *testing.T) {
	srv, _ := newFake(t)
	resp, err := http.Get(srv.URL() + "?function=version")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := new(bytes.Buffer)
	_, _ = buf.ReadFrom(resp.Body)
	if !strings.HasPrefix(buf.String(), "VERSION: 2.14-96|BUILD: 170601-0747|") || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("GET version = %q", buf.String())
	}
	resp2, err := http.Post(srv.VICIdialURL()+"?source=x", "application/x-www-form-urlencoded", strings.NewReader("function=add_lead&source=good&user=6666&pass=1234pass"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp2.Body.Close()
	buf.Reset()
	_, _ = buf.ReadFrom(resp2.Body)
	if buf.String() != "ERROR: Invalid Source - x\nERROR: Invalid Source: |x|\n" {
		t.Errorf("query source must win: %q", buf.String())
	}
}
