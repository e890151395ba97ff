package main

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/didkit/voipms/goautodialtest"
)

// TestEmbedded runs the example as `go run` does with no environment.
func TestEmbedded(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), func(string) string { return "" }, nil, &out, nil); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{"server: embedded fake", "goCheckDID 13125550100: registered false",
		"registered 13125550100 as did_id 1, routed to in-group SALESLINE", "re-routed did_id 1 to call menu MAINMENU",
		"list: 1 DIDs", "CALLMENU", `get 1: 13125550100 "Sales line" active true route CALLMENU menu MAINMENU`, "removed did_id 1; registered false"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

// TestLoopbackServer: pointed at a fake by the environment (legacy too),
// every step runs there.
func TestLoopbackServer(t *testing.T) {
	for _, opts := range [][]goautodialtest.Option{nil, {goautodialtest.WithLegacy()}} {
		srv := goautodialtest.NewServer(opts...)
		env := map[string]string{"GOAUTODIAL_URL": srv.URL(), "GOAUTODIAL_USER": srv.User(), "GOAUTODIAL_PASS": srv.Pass(),
			"GOAUTODIAL_SESSION_USER": srv.SessionUser()}
		var out strings.Builder
		if err := run(context.Background(), func(k string) string { return env[k] }, []string{"-number", "7275551212"}, &out, nil); err != nil {
			t.Fatalf("run: %v\n%s", err, out.String())
		}
		if srv.Executed("goAddDID") != 1 || srv.Executed("goEditDID") != 2 || srv.Executed("goDeleteDID") != 1 || len(srv.DIDs()) != 0 {
			t.Errorf("legacy %v: add %d edit %d delete %d, rows %d", srv.Legacy(), srv.Executed("goAddDID"), srv.Executed("goEditDID"),
				srv.Executed("goDeleteDID"), len(srv.DIDs()))
		}
		srv.Close()
	}
}

// TestRemoteReadsOnly: pointed at a server that is not local, the example
// writes nothing unless -write (the remote host is routed to a local fake
// by the test's transport).
func TestRemoteReadsOnly(t *testing.T) {
	srv := goautodialtest.NewServer()
	defer srv.Close()
	srv.AddDID(goautodialtest.DIDRow{"did_pattern": "8005551000", "did_description": "existing"})
	addr := strings.TrimPrefix(strings.TrimSuffix(srv.URL(), "/goAPIv2"), "http://")
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}}
	env := map[string]string{"GOAUTODIAL_URL": "http://dialer.example.com/goAPIv2", "GOAUTODIAL_USER": srv.User(),
		"GOAUTODIAL_PASS": srv.Pass(), "GOAUTODIAL_SESSION_USER": srv.SessionUser()}
	var out strings.Builder
	if err := run(context.Background(), func(k string) string { return env[k] }, nil, &out, hc); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if n := srv.Calls("goAddDID") + srv.Calls("goEditDID") + srv.Calls("goDeleteDID"); n != 0 || srv.Calls("goGetAllDID") != 1 {
		t.Errorf("writes %d, lists %d", n, srv.Calls("goGetAllDID"))
	}
	if !strings.Contains(out.String(), "skipped (not a local server") || !strings.Contains(out.String(), "8005551000") {
		t.Errorf("output:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), func(k string) string { return env[k] }, []string{"-write"}, &out, hc); err != nil {
		t.Fatal(err)
	}
	if srv.Executed("goAddDID") != 1 || srv.Executed("goDeleteDID") != 1 {
		t.Errorf("-write: add %d delete %d", srv.Executed("goAddDID"), srv.Executed("goDeleteDID"))
	}
}

func TestAlreadyRegistered(t *testing.T) {
	srv := goautodialtest.NewServer()
	defer srv.Close()
	srv.AddDID(goautodialtest.DIDRow{"did_pattern": "13125550100", "did_description": "taken"})
	env := map[string]string{"GOAUTODIAL_URL": srv.URL(), "GOAUTODIAL_USER": srv.User(), "GOAUTODIAL_PASS": srv.Pass()}
	var out strings.Builder
	err := run(context.Background(), func(k string) string { return env[k] }, nil, &out, nil)
	if err == nil || !strings.Contains(err.Error(), "already registered") || srv.Calls("goAddDID") != 0 {
		t.Errorf("%v", err)
	}
}

func TestIsLoopback(t *testing.T) {
	for u, want := range map[string]bool{
		"http://127.0.0.1:8080/goAPIv2": true, "http://localhost/goAPI": true, "http://[::1]:1/x": true,
		"https://dialer.example.com/goAPIv2": false, "http://127.0.0.1.example.com/x": false, "http://10.0.0.1/x": false,
	} {
		if got := isLoopback(u); got != want {
			t.Errorf("isLoopback(%q) = %v", u, got)
		}
	}
}
