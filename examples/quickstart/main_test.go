package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
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

func TestIsLive(t *testing.T) {
	for raw, want := range map[string]bool{
		voipms.DefaultBaseURL:                        true,
		"https://www.voip.ms/api/v1/rest.php":        true,
		"http://127.0.0.1:8080/api/v1/rest.php":      false,
		"http://voip.ms.example.com/api/v1/rest.php": false,
		"::bad": true,
	} {
		if got := isLive(raw); got != want {
			t.Errorf("isLive(%q) = %t, want %t", raw, got, want)
		}
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
