package main

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/didkit/voipms/vicidialtest"
)

// TestEmbedded runs the example as `go run` does with no environment: on
// the embedded fake, every step.
func TestEmbedded(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), func(string) string { return "" }, nil, &out, nil); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{"server: embedded fake", "version: API 2.14-96, build 170601-0747", "update_did no, add_did no",
		"check_phone_number 3125551212: dialable now", "add_lead: lead ", "update_lead: lead ", "1 row(s) changed",
		"inbound minutes on ", "3125551212", "total"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

// TestReportMatchesFake: the minutes report adds up the fake's DID log.
func TestReportMatchesFake(t *testing.T) {
	srv := vicidialtest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	day := time.Now().AddDate(0, 0, -1)
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	srv.AddDIDCall(vicidialtest.DIDCall{DID: "5550001111", CallerID: "3125550000", CallDate: day.Add(10 * time.Hour), Length: 61})
	srv.AddDIDCall(vicidialtest.DIDCall{DID: "5550001111", CallerID: "3125550001", CallDate: day.Add(11 * time.Hour), Length: 0})
	srv.AddDIDCall(vicidialtest.DIDCall{DID: "5550001111", CallerID: "3125550002", CallDate: day.Add(12 * time.Hour), Length: 120})
	rows, err := minutesReport(context.Background(), c, []string{"5550001111", "5550002222"}, day)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0] != (DIDMinutes{DID: "5550001111", Calls: 3, Answered: 2, Seconds: 181, BilledMinutes: 4}) ||
		rows[1] != (DIDMinutes{DID: "5550002222"}) {
		t.Errorf("rows = %+v", rows)
	}
}

// TestRemoteReadsOnly: pointed at a server that is not local, the example
// reads and writes nothing unless -write (the remote host is routed to a
// local fake by the test's transport).
func TestRemoteReadsOnly(t *testing.T) {
	srv := vicidialtest.NewServer()
	defer srv.Close()
	addr := strings.TrimPrefix(strings.TrimSuffix(srv.URL(), vicidialtest.APIPath), "http://")
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}}
	env := map[string]string{"VICIDIAL_API_URL": "http://acme.dialer360.com/adminpanel/api.php", "VICIDIAL_USER": srv.User(),
		"VICIDIAL_PASS": srv.Pass(), "VICIDIAL_SOURCE": srv.Source()}
	var out strings.Builder
	if err := run(context.Background(), func(k string) string { return env[k] }, nil, &out, hc); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if srv.Calls("add_lead")+srv.Calls("update_lead") != 0 || srv.Calls("did_log_export") != 3 || srv.Calls("version") != 1 {
		t.Errorf("calls: add_lead %d, update_lead %d, did_log_export %d", srv.Calls("add_lead"), srv.Calls("update_lead"), srv.Calls("did_log_export"))
	}
	if !strings.Contains(out.String(), "skipped (not a local server") {
		t.Errorf("output:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), func(k string) string { return env[k] }, []string{"-write"}, &out, hc); err != nil {
		t.Fatal(err)
	}
	if srv.Executed("add_lead") != 1 || srv.Executed("update_lead") != 1 {
		t.Errorf("-write: add_lead %d, update_lead %d", srv.Executed("add_lead"), srv.Executed("update_lead"))
	}
}

func TestIsLoopback(t *testing.T) {
	for u, want := range map[string]bool{
		"http://127.0.0.1:8080/adminpanel/api.php": true, "http://localhost/x": true, "http://[::1]:1/x": true,
		"https://acme.dialer360.com/adminpanel/api.php": false, "http://127.0.0.1.example.com/x": false, "http://10.0.0.1/x": false,
	} {
		if got := isLoopback(u); got != want {
			t.Errorf("isLoopback(%q) = %v", u, got)
		}
	}
}
