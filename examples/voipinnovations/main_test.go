package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

// redirect sends every request to the fake, whatever its URL says.
type redirect struct{ to *url.URL }

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host, req.URL.Path = r.to.Scheme, r.to.Host, r.to.Path
	req.Host = r.to.Host
	return http.DefaultTransport.RoundTrip(req)
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// The example runs the whole flow on the embedded fake when VI_API_URL is
// unset, and leaves nothing owned.
func TestEmbeddedFlow(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(nil, env(nil), &out, &errb); err != nil {
		t.Fatalf("%v\n%s%s", err, out.String(), errb.String())
	}
	for _, op := range []string{"getDIDs", "getDIDCount", "reserveDID", "assignDID", "configDID", "queryDID", "releaseDID"} {
		if !strings.Contains(out.String(), op) {
			t.Errorf("no %s step:\n%s", op, out.String())
		}
	}
	if !strings.Contains(out.String(), "assigned, endpoint group 8675") {
		t.Errorf("query after configure:\n%s", out.String())
	}
}

// Against a loopback server named by the variables it runs the whole flow
// there.
func TestLoopbackServer(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	var out, errb bytes.Buffer
	err := run([]string{"-state", "FL"}, env(map[string]string{"VI_API_URL": srv.URL(), "VI_API_LOGIN": srv.Login(), "VI_API_SECRET": srv.Secret()}), &out, &errb)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if srv.Executions("assignDID") != 1 || srv.Executions("releaseDID") != 1 {
		t.Fatalf("assign %d release %d", srv.Executions("assignDID"), srv.Executions("releaseDID"))
	}
	for _, n := range srv.Numbers() {
		if n.Account == srv.Login() {
			t.Fatalf("left %s held", n.TN)
		}
	}
}

func TestLiveHostIsReadOnly(t *testing.T) {
	for _, u := range []string{"https://backoffice.voipinnovations.com/Services/APIService.asmx", "http://dev.voipinnovations.com/VOIP/Services/APIService.asmx", "http://10.1.2.3/x"} {
		if isLoopback(u) {
			t.Errorf("%s counted as loopback", u)
		}
	}
	for _, u := range []string{"http://127.0.0.1:1/x", "http://localhost:8080/x", "http://[::1]:9/x", "http://127.8.9.10/x"} {
		if !isLoopback(u) {
			t.Errorf("%s not counted as loopback", u)
		}
	}
	// -buy against a live host needs an endpoint group: refused before any I/O
	var out, errb bytes.Buffer
	err := run([]string{"-buy"}, env(map[string]string{"VI_API_URL": "https://backoffice.voipinnovations.com/Services/APIService.asmx", "VI_API_LOGIN": "x", "VI_API_SECRET": "y"}), &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "-epg") {
		t.Fatalf("%v", err)
	}
}

// Against a live host (the production URL, reaching the fake through a
// redirecting transport) only the read-only steps run: nothing is
// reserved, assigned or released.
func TestLiveHostRunsReadsOnly(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	to, _ := url.Parse(srv.URL())
	var out, errb bytes.Buffer
	err := run(nil, env(map[string]string{"VI_API_URL": vi.ProductionURL, "VI_API_LOGIN": srv.Login(), "VI_API_SECRET": srv.Secret()}),
		&out, &errb, vi.WithHTTPClient(&http.Client{Transport: redirect{to}}))
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, op := range []string{"reserveDID", "assignDID", "configDID", "releaseDID"} {
		if n := srv.Calls(op); n != 0 {
			t.Errorf("%s sent %d times against a live host", op, n)
		}
	}
	for _, op := range []string{"getDIDs", "getDIDCount", "queryDID", "auditDIDs"} {
		if srv.Calls(op) != 1 {
			t.Errorf("%s not run", op)
		}
	}
	if !strings.Contains(out.String(), "pass -buy") {
		t.Errorf("output:\n%s", out.String())
	}
}
