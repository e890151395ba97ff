package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

func newSim(t *testing.T) (*voipmstest.Server, *voipms.Client) {
	t.Helper()
	srv := voipmstest.NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func TestRunFullFlow(t *testing.T) {
	srv, c := newSim(t)
	var out bytes.Buffer
	if err := run(context.Background(), c, &out, config{Buy: true, ForwardTo: "5145550123"}); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for _, want := range []string{"getDIDsUSA", "orderDID test=1", "receipt.DryRun=true", "setForwarding", "→ fwd:19183",
		"routes to fwd:19183", "→ sys:echo", "delForwarding", "cancelled; 0 DIDs left"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	ex := srv.Executed()
	if ex.Orders != 1 || ex.Cancels != 1 {
		t.Errorf("executed %+v, want one order and one cancel", ex)
	}
	if n := len(srv.DIDs()); n != 0 {
		t.Errorf("account keeps %d DIDs after the flow", n)
	}
	for method, want := range map[string]int{"orderDID": 2, "setForwarding": 1, "setDIDRouting": 2, "delForwarding": 1, "cancelDID": 1} {
		if got := srv.Calls(method); got != want {
			t.Errorf("%s called %d times, want %d", method, got, want)
		}
	}
}

func TestRunReadOnly(t *testing.T) {
	srv, c := newSim(t)
	var out bytes.Buffer
	if err := run(context.Background(), c, &out, config{State: "FL", ForwardTo: "5145550123"}); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if got := strings.Count(out.String(), "skipped: read-only run"); got != 5 {
		t.Errorf("%d skipped steps, want 5:\n%s", got, out.String())
	}
	if !strings.Contains(out.String(), "in FL;") {
		t.Errorf("-state FL not searched:\n%s", out.String())
	}
	if ex := srv.Executed(); ex != (voipmstest.ExecutedCounts{}) {
		t.Errorf("a read-only run changed the account: %+v", ex)
	}
	if srv.Calls("orderDID") != 1 || srv.Calls("setForwarding") != 0 || srv.Calls("cancelDID") != 0 {
		t.Errorf("read-only run: orderDID %d (want 1 dry run), setForwarding %d, cancelDID %d",
			srv.Calls("orderDID"), srv.Calls("setForwarding"), srv.Calls("cancelDID"))
	}
}

// A step that fails after the order still leaves the account clean: the
// number is cancelled and the forwarding deleted.
func TestRunCleansUpAfterFailure(t *testing.T) {
	srv, c := newSim(t)
	srv.InjectFault("setDIDRouting", voipmstest.Fault{Kind: voipmstest.FaultHTML500, Times: 1})
	var out bytes.Buffer
	err := run(context.Background(), c, &out, config{Buy: true, ForwardTo: "5145550123"})
	if !errors.Is(err, voipms.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
	}
	if !strings.Contains(out.String(), "FAILED") || !strings.Contains(out.String(), "(cleanup)") {
		t.Errorf("output does not show the failure and the cleanup:\n%s", out.String())
	}
	if n := len(srv.DIDs()); n != 0 {
		t.Errorf("account keeps %d DIDs after a failed run", n)
	}
	if srv.Calls("delForwarding") != 1 {
		t.Errorf("forwarding not deleted after a failed run")
	}
}

// liveSpellings are base URLs that are not clearly a local simulator: the
// quick start must treat each as the real API and buy nothing without -buy.
var liveSpellings = []string{
	voipms.DefaultBaseURL,
	"https://voip.ms./api/v1/rest.php",
	"https://VOIP.MS/api/v1/rest.php",
	"https://Voip.Ms./api/v1/rest.php",
	"https://voip.ms:443/api/v1/rest.php",
	"http://voip.ms/api/v1/rest.php",
	"https://api.voip.ms/api/v1/rest.php",
	"https://www.voip.ms/api/v1/rest.php",
	"https://[2606:4700::1]/api/v1/rest.php",
	"https://203.0.113.7/api/v1/rest.php",
	"http://voip.ms.example.com/api/v1/rest.php",
	"http://example.com:8080/api/v1/rest.php",
	"http://192.168.1.10:8080/api/v1/rest.php",
	"http://0.0.0.0:8080/api/v1/rest.php",
	"http://localhost.example.com/api/v1/rest.php",
	"http://127.0.0.1.nip.io/api/v1/rest.php",
	"http://127.0.0.1@voip.ms/api/v1/rest.php", // userinfo, host is voip.ms
	"http://[::1%25lo]:8080/api/v1/rest.php",   // zoned: not plainly ::1
	"127.0.0.1:8080/api/v1/rest.php",           // no scheme
	"ftp://127.0.0.1/api/v1/rest.php",
	"::bad",
	"",
}

// localSpellings are clearly a local simulator: the whole flow runs.
var localSpellings = []string{
	"http://127.0.0.1:8080/api/v1/rest.php",
	"http://127.0.0.2:8080/api/v1/rest.php",
	"https://127.255.255.254/api/v1/rest.php",
	"http://localhost:8080/api/v1/rest.php",
	"http://LOCALHOST:8080/api/v1/rest.php",
	"http://[::1]:8080/api/v1/rest.php",
}

func TestIsLive(t *testing.T) {
	for _, raw := range liveSpellings {
		if !isLive(raw) {
			t.Errorf("isLive(%q) = false, want true", raw)
		}
	}
	for _, raw := range localSpellings {
		if isLive(raw) {
			t.Errorf("isLive(%q) = true, want false", raw)
		}
	}
}

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDecide(t *testing.T) {
	const user, pass = "me@example.com", "pw"
	type tc struct {
		name string
		env  map[string]string
		buy  bool
		want plan
	}
	tests := []tc{
		{"no username: embedded, full flow", nil, false, plan{Embedded: true, Buy: true}},
		{"no username, -buy: embedded, full flow", nil, true, plan{Embedded: true, Buy: true}},
		{"URL without username: embedded, URL ignored",
			map[string]string{"VOIPMS_API_URL": "https://voip.ms/api/v1/rest.php"}, false,
			plan{Embedded: true, Buy: true, IgnoredURL: "https://voip.ms/api/v1/rest.php"}},
		{"credentials, no URL: live, read-only + dry run",
			map[string]string{"VOIPMS_API_USERNAME": user, "VOIPMS_API_PASSWORD": pass}, false,
			plan{URL: voipms.DefaultBaseURL, Live: true}},
		{"credentials, no URL, -buy: live, full flow",
			map[string]string{"VOIPMS_API_USERNAME": user, "VOIPMS_API_PASSWORD": pass}, true,
			plan{URL: voipms.DefaultBaseURL, Live: true, Buy: true}},
	}
	for _, u := range liveSpellings {
		if u == "" {
			continue // empty means "not set": covered above
		}
		env := map[string]string{"VOIPMS_API_USERNAME": user, "VOIPMS_API_PASSWORD": pass, "VOIPMS_API_URL": u}
		tests = append(tests,
			tc{"live " + u, env, false, plan{URL: u, Live: true}},
			tc{"live -buy " + u, env, true, plan{URL: u, Live: true, Buy: true}})
	}
	for _, u := range localSpellings {
		env := map[string]string{"VOIPMS_API_USERNAME": user, "VOIPMS_API_PASSWORD": pass, "VOIPMS_API_URL": u}
		tests = append(tests,
			tc{"local " + u, env, false, plan{URL: u, Buy: true}},
			tc{"local -buy " + u, env, true, plan{URL: u, Buy: true}})
	}
	for _, tt := range tests {
		if got := decide(envOf(tt.env), tt.buy); got != tt.want {
			t.Errorf("%s: decide = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// redirect sends every request to srv whatever host the client aims at, so
// that a live-looking base URL reaches the simulator. It records the hosts
// the client aimed at.
type redirect struct {
	srv   *url.URL
	mu    sync.Mutex
	hosts []string
}

func (r *redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.hosts = append(r.hosts, req.URL.Host)
	r.mu.Unlock()
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = r.srv.Scheme, r.srv.Host, ""
	return http.DefaultTransport.RoundTrip(out)
}

// TestQuickstartEndToEnd runs the command (flags, environment, decision,
// connection, flow) against a voipmstest server. Live configurations reach
// the simulator through a transport that redirects every request, so the
// test proves on the wire that without -buy no order or cancel is sent.
func TestQuickstartEndToEnd(t *testing.T) {
	type tc struct {
		name    string
		url     string // VOIPMS_API_URL; "-" = leave unset
		args    []string
		buys    bool
		aimedAt string // host the client must aim at ("" = the simulator's)
	}
	tests := []tc{
		{"local simulator URL", "", nil, true, ""},
		{"live default URL", "-", nil, false, "voip.ms"},
		{"live default URL -buy", "-", []string{"-buy"}, true, "voip.ms"},
		{"live explicit URL", "https://voip.ms/api/v1/rest.php", nil, false, "voip.ms"},
		{"live explicit URL -buy", "https://voip.ms/api/v1/rest.php", []string{"-buy"}, true, "voip.ms"},
		{"live trailing dot", "https://voip.ms./api/v1/rest.php", nil, false, "voip.ms."},
		{"live upper case", "https://VOIP.MS/api/v1/rest.php", nil, false, "VOIP.MS"},
		{"live explicit port", "https://voip.ms:443/api/v1/rest.php", []string{"-state", "FL"}, false, "voip.ms:443"},
		{"live subdomain", "https://api.voip.ms/api/v1/rest.php", nil, false, "api.voip.ms"},
		{"other host", "http://sim.example.com:8080/api/v1/rest.php", nil, false, "sim.example.com:8080"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := voipmstest.NewServer()
			defer srv.Close()
			su, err := url.Parse(srv.URL())
			if err != nil {
				t.Fatal(err)
			}
			env := map[string]string{"VOIPMS_API_USERNAME": srv.Username(), "VOIPMS_API_PASSWORD": srv.Password()}
			switch tt.url {
			case "":
				env["VOIPMS_API_URL"] = srv.URL()
			case "-":
			default:
				env["VOIPMS_API_URL"] = tt.url
			}
			rt := &redirect{srv: su}
			var out, errb bytes.Buffer
			err = quickstart(tt.args, envOf(env), &out, &errb, voipms.WithHTTPClient(&http.Client{Transport: rt}))
			if err != nil {
				t.Fatalf("quickstart: %v\n%s%s", err, out.String(), errb.String())
			}
			aimed := tt.aimedAt
			if aimed == "" {
				aimed = su.Host
			}
			for _, h := range rt.hosts {
				if h != aimed {
					t.Fatalf("client aimed at %q, want %q", h, aimed)
				}
			}
			ex := srv.Executed()
			if tt.buys {
				if ex.Orders != 1 || ex.Cancels != 1 || srv.Calls("orderDID") != 2 || srv.Calls("cancelDID") != 1 {
					t.Errorf("full flow: executed %+v, orderDID %d, cancelDID %d; want 1 order + 1 cancel",
						ex, srv.Calls("orderDID"), srv.Calls("cancelDID"))
				}
				if !strings.Contains(out.String(), "cancelled; 0 DIDs left") {
					t.Errorf("full flow output:\n%s", out.String())
				}
				return
			}
			// Read-only: one orderDID (the dry run, test=1), nothing executed,
			// nothing else that changes the account.
			if ex != (voipmstest.ExecutedCounts{}) {
				t.Errorf("read-only run changed the account: %+v", ex)
			}
			for method, want := range map[string]int{"orderDID": 1, "cancelDID": 0, "setForwarding": 0, "setDIDRouting": 0, "delForwarding": 0} {
				if got := srv.Calls(method); got != want {
					t.Errorf("read-only run: %s called %d times, want %d", method, got, want)
				}
			}
			if len(srv.DIDs()) != 0 {
				t.Errorf("read-only run: account owns %d DIDs", len(srv.DIDs()))
			}
			for _, want := range []string{"live API (", "read-only steps and a dry-run order only", "receipt.DryRun=true"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, out.String())
				}
			}
			if got := strings.Count(out.String(), "skipped: read-only run"); got != 5 {
				t.Errorf("%d skipped steps, want 5:\n%s", got, out.String())
			}
		})
	}
}

// With no username the command starts its own simulator and runs the whole
// flow; it never uses VOIPMS_API_URL then.
func TestQuickstartEmbedded(t *testing.T) {
	for _, env := range []map[string]string{nil, {"VOIPMS_API_URL": "https://voip.ms/api/v1/rest.php"}} {
		var out, errb bytes.Buffer
		if err := quickstart(nil, envOf(env), &out, &errb); err != nil {
			t.Fatalf("quickstart: %v\n%s%s", err, out.String(), errb.String())
		}
		for _, want := range []string{"embedded simulator (voipmstest)", "orderDID test=1", "setForwarding", "→ sys:echo", "cancelled; 0 DIDs left"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("env %v: output lacks %q:\n%s", env, want, out.String())
			}
		}
		if env != nil && !strings.Contains(out.String(), "VOIPMS_API_URL ignored") {
			t.Errorf("ignored VOIPMS_API_URL not reported:\n%s", out.String())
		}
	}
}

func TestQuickstartBadInput(t *testing.T) {
	var out, errb bytes.Buffer
	if err := quickstart([]string{"-nope"}, envOf(nil), &out, &errb); !errors.As(err, new(usageError)) {
		t.Errorf("unknown flag: err = %v, want usageError", err)
	}
	if err := quickstart([]string{"extra"}, envOf(nil), &out, &errb); !errors.As(err, new(usageError)) {
		t.Errorf("extra argument: err = %v, want usageError", err)
	}
	if err := quickstart([]string{"-h"}, envOf(nil), &out, &errb); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: err = %v, want flag.ErrHelp", err)
	}
	err := quickstart(nil, envOf(map[string]string{"VOIPMS_API_USERNAME": "me@example.com"}), &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "VOIPMS_API_PASSWORD") {
		t.Errorf("username without password: err = %v", err)
	}
}

func TestDescribeNeverShowsPassword(t *testing.T) {
	const pw = "s3cret-api-pw"
	srv := voipmstest.NewServer()
	defer srv.Close()
	c, err := voipms.New(srv.Username(), pw, voipms.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = run(context.Background(), c, &out, config{})
	if !errors.Is(err, voipms.ErrAuth) {
		t.Fatalf("err = %v, want ErrAuth", err)
	}
	msg := describe(err)
	if !strings.Contains(msg, "authentication failed") {
		t.Errorf("describe: %q", msg)
	}
	if strings.Contains(msg+out.String(), pw) {
		t.Errorf("password printed: %q", msg)
	}
}

// lossyOrders forwards every request to the simulator, except that the
// answer to the first real (not test=1) orderDID is lost: after forwarding
// it (execute) or without forwarding it (!execute), the client sees a
// connection reset.
type lossyOrders struct {
	base    http.RoundTripper
	execute bool
	mu      sync.Mutex
	lost    bool
}

func (l *lossyOrders) RoundTrip(r *http.Request) (*http.Response, error) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	form, _ := url.ParseQuery(string(body))
	l.mu.Lock()
	lose := form.Get("method") == "orderDID" && form.Get("test") == "" && !l.lost
	if lose {
		l.lost = true
	}
	l.mu.Unlock()
	if !lose {
		return l.base.RoundTrip(r)
	}
	if l.execute {
		resp, err := l.base.RoundTrip(r)
		if err == nil {
			resp.Body.Close()
		}
	}
	return nil, &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
}

// The quick start settles an ambiguous order with ReconcileOrder: a lost
// answer to an order that went through is "ours" (not ordered again, and
// cancelled on the way out, also when a later step fails); a lost answer to
// an order that did not go through is ordered once more.
func TestRunSettlesAmbiguousOrder(t *testing.T) {
	for _, tc := range []struct {
		name      string
		execute   bool
		failLater bool
		orders    int // executed
	}{
		{"executed, then the flow completes", true, false, 1},
		{"executed, then a later step fails", true, true, 1},
		{"not executed: ordered again", false, false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := voipmstest.NewServer()
			defer srv.Close()
			lossy := &lossyOrders{base: http.DefaultTransport.(*http.Transport).Clone(), execute: tc.execute}
			c, err := srv.Client(voipms.WithHTTPClient(&http.Client{Transport: lossy}))
			if err != nil {
				t.Fatal(err)
			}
			if tc.failLater {
				srv.InjectFault("setDIDRouting", voipmstest.Fault{Kind: voipmstest.FaultHTML500, Times: 1})
			}
			var out bytes.Buffer
			err = run(context.Background(), c, &out, config{Buy: true, ForwardTo: "5145550123"})
			if tc.failLater != (err != nil) {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			if !strings.Contains(out.String(), "ReconcileOrder") {
				t.Errorf("output does not show the reconcile:\n%s", out.String())
			}
			ex := srv.Executed()
			if ex.Orders != tc.orders || ex.Cancels != 1 {
				t.Errorf("executed %+v, want %d order(s) and one cancel\n%s", ex, tc.orders, out.String())
			}
			if n := len(srv.DIDs()); n != 0 {
				t.Errorf("account keeps %d DIDs\n%s", n, out.String())
			}
		})
	}
}
