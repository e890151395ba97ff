package vicidial_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/didkit/voipms/vicidial"
	"github.com/didkit/voipms/vicidialtest"
)

var categories = []error{vicidial.ErrAuth, vicidial.ErrLockedOut, vicidial.ErrIPBlocked, vicidial.ErrPermission,
	vicidial.ErrInvalidParameter, vicidial.ErrNotFound, vicidial.ErrConflict, vicidial.ErrUnsupported, vicidial.ErrRejected,
	vicidial.ErrBadResponse, vicidial.ErrUnavailable, vicidial.ErrTransport, vicidial.ErrOutcomeUnknown}

func oneCategory(t *testing.T, name string, err error) {
	t.Helper()
	var got []string
	for _, c := range categories {
		if errors.Is(err, c) {
			got = append(got, c.Error())
		}
	}
	if len(got) != 1 {
		t.Errorf("%s: %v matches %d categories %q, want exactly one", name, err, len(got), got)
	}
}

// cannedClient answers every request with body and status.
func cannedClient(t testing.TB, status int, body string) *vicidial.Client {
	t.Helper()
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})
	c, err := vicidial.New("https://dialer.example/adminpanel/api.php", "6666", "1234pass", "test",
		vicidial.WithHTTPClient(&http.Client{Transport: rt}), vicidial.WithRetry(2, 0, 0), vicidial.WithServerBuild("250718-1200"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestExactlyOneCategory: every error the package returns matches exactly
// one category sentinel.
func TestExactlyOneCategory(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2010, 12, 3, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, body string
		status     int
		write      bool
	}{
		{"login", "ERROR: Login incorrect, please try again: |6666|1234pass|BAD|\n", 200, false},
		{"lock", "ERROR: Too many login attempts, try again in 15 minutes: |6666|LOCK|\n", 200, false},
		{"ip", "ERROR: Your IP Address is not allowed: 10.1.1.1: |6666|IPBLOCK|\n", 200, false},
		{"perm", "ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION: |6666|did_log_export|\n", 200, false},
		{"invalid", "ERROR: did_log_export INVALID SEARCH PARAMETERS: 6666|3125551212|2010-12-03\n", 200, false},
		{"source", "ERROR: Invalid Source - x\nERROR: Invalid Source: |x|\n", 200, false},
		{"dnc", "ERROR: add_lead PHONE NUMBER IN DNC - 7275551212|6666\n", 200, true},
		{"dup", "ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551212|101|8765444\n", 200, true},
		{"nofunc", "ERROR: NO FUNCTION SPECIFIED\n", 200, true},
		{"html 503 read", "<html><body>down</body></html>", 503, false},
		{"html 503 write", "<html><body>down</body></html>", 503, true},
		{"html 200 read", "<!DOCTYPE html><html></html>\n", 200, false},
		{"empty write", "", 200, true},
		{"truncated write", "SUCCESS: add_lead LEAD HAS BE", 200, true},
		{"no success line", "NOTICE: add_lead ADDED TO HOPPER - 1|2|3|4\n", 200, true},
		{"bad row", "3125551212\tx\n", 200, false},
		{"404", "not here\n", 404, false},
	} {
		c := cannedClient(t, tt.status, tt.body)
		var err error
		if tt.write {
			_, err = c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "7275551212"})
		} else {
			_, err = c.DIDs.ListCalls(ctx, "3125551212", day)
		}
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		oneCategory(t, tt.name, err)
	}
	// before I/O, and the context
	c := cannedClient(t, 200, "")
	_, err := c.DIDs.ListCalls(ctx, "", day)
	oneCategory(t, "validation", err)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = c.DIDs.ListCalls(cctx, "3125551212", day)
	oneCategory(t, "cancelled", err)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v does not match context.Canceled", err)
	}
	_, err = c.DIDs.Add(cctx, &vicidial.DIDParams{DIDPattern: "3125550100", DIDRoute: vicidial.RouteExten, Extension: "1"})
	oneCategory(t, "cancelled write", err)
}

// TestDIDLogBothColumnOrders: the rows decode the same whether the date is
// in the third column (as the server code prints it) or in the second (as
// the document shows it).
func TestDIDLogBothColumnOrders(t *testing.T) {
	want := vicidial.DIDCall{DID: "3125551212", CallerID: "7275551212", CallDate: time.Date(2010, 12, 3, 12, 0, 1, 0, time.UTC), Length: 123 * time.Second}
	for name, body := range map[string]string{
		"code": "3125551212\t7275551212\t2010-12-03 12:00:01\t123\n",
		"doc":  "3125551212\t2010-12-03 12:00:01\t7275551212\t123\n",
	} {
		calls, err := cannedClient(t, 200, body).DIDs.ListCalls(context.Background(), "3125551212", want.CallDate)
		if err != nil || len(calls) != 1 || calls[0] != want {
			t.Errorf("%s order: %+v, %v", name, calls, err)
		}
	}
}

// TestConcurrentUse: one client shared by goroutines doing reads and writes
// (run with -race).
func TestConcurrentUse(t *testing.T) {
	srv, c := newFake(t)
	day := time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := c.DIDs.ListCalls(context.Background(), "3125551212", day); err != nil {
				errs <- err
			}
			if _, err := c.Leads.Add(context.Background(), &vicidial.LeadAddParams{PhoneNumber: fmt.Sprintf("31255500%02d", i)}); err != nil {
				errs <- err
			}
			if _, err := c.DIDs.Add(context.Background(), &vicidial.DIDParams{DIDPattern: "312555", DIDRoute: vicidial.RouteExten, Extension: "1"}); !errors.Is(err, vicidial.ErrUnsupported) {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if srv.Executed("add_lead") != 20 || srv.Calls("version") < 1 {
		t.Errorf("add_lead %d, version %d", srv.Executed("add_lead"), srv.Calls("version"))
	}
	_ = vicidialtest.DefaultUser
}

// TestTooManyRequests: an HTTP 429 proves nothing ran, so a read and a write
// are both sent again; a write still runs once.
func TestTooManyRequests(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		fn := strings.SplitN(strings.SplitN(string(b), "function=", 2)[1], "&", 2)[0]
		mu.Lock()
		calls[fn]++
		n := calls[fn]
		mu.Unlock()
		if n == 1 {
			return &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"0"}}, Body: io.NopCloser(strings.NewReader("slow down\n")), Request: r}, nil
		}
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(canned[fn])), Request: r}, nil
	})
	c, err := vicidial.New("https://dialer.example/adminpanel/api.php", "6666", "1234pass", "test",
		vicidial.WithHTTPClient(&http.Client{Transport: rt}), vicidial.WithRetry(3, time.Millisecond, 2*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Leads.Add(context.Background(), &vicidial.LeadAddParams{PhoneNumber: "7275551212"}); err != nil {
		t.Errorf("write after 429: %v", err)
	}
	if _, err := c.DIDs.ListCalls(context.Background(), "3125551212", time.Date(2010, 12, 3, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Errorf("read after 429: %v", err)
	}
	if calls["add_lead"] != 2 || calls["did_log_export"] != 2 {
		t.Errorf("calls = %v", calls)
	}
}
