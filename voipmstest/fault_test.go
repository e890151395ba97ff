package voipmstest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestRateLimitWithFakeClock(t *testing.T) {
	clk := &fakeClock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	s := voipmstest.NewServer(voipmstest.WithRateLimit(3), voipmstest.WithClock(clk.Now))
	defer s.Close()
	for i := range 3 {
		if got := status(t, s, "getStates"); got != "success" {
			t.Fatalf("call %d: %s", i, got)
		}
		clk.Add(10 * time.Second)
	}
	if got := status(t, s, "getStates"); got != "api_limit_exceeded" {
		t.Fatalf("4th call: %s", got)
	}
	clk.Add(31 * time.Second) // the first call is now more than a minute old
	if got := status(t, s, "getStates"); got != "success" {
		t.Fatalf("after the window moved: %s", got)
	}
	if got := status(t, s, "getStates"); got != "api_limit_exceeded" {
		t.Fatalf("window full again: %s", got)
	}
	if s.Calls("getStates") != 6 {
		t.Fatalf("Calls = %d", s.Calls("getStates"))
	}
}

// raw sends a call and returns the response or the transport error.
func raw(s *voipmstest.Server, method string, kv ...string) (*http.Response, []byte, error) {
	v := url.Values{"api_username": {s.Username()}, "api_password": {s.Password()}, "method": {method}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	resp, err := http.PostForm(s.URL(), v)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func TestInjectedFaults(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()

	t.Run("html500", func(t *testing.T) {
		s.InjectFault("getStates", voipmstest.Fault{Kind: voipmstest.FaultHTML500, Times: 1})
		resp, body, err := raw(s, "getStates")
		if err != nil || resp.StatusCode != 500 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !bytes.Contains(body, []byte("<html")) {
			t.Fatalf("%v %v %s", err, resp, body)
		}
		if got := status(t, s, "getStates"); got != "success" {
			t.Fatalf("fault did not expire: %s", got)
		}
	})
	t.Run("html503 not executed", func(t *testing.T) {
		did := firstDID(t, s)
		s.InjectFault("orderDID", voipmstest.Fault{Kind: voipmstest.FaultHTML503, Times: 1})
		resp, body, err := raw(s, "orderDID", orderParams(did)...)
		if err != nil || resp.StatusCode != 503 || !bytes.Contains(body, []byte("Backend fetch failed")) {
			t.Fatalf("%v %v %s", err, resp, body)
		}
		if _, owned := s.OwnedDID(did); owned || s.OrderCount(did) != 0 {
			t.Fatal("503 executed the order")
		}
	})
	t.Run("connreset executed", func(t *testing.T) {
		did := firstDID(t, s)
		before := s.Executed().Orders
		s.InjectFault("orderDID", voipmstest.Fault{Kind: voipmstest.FaultConnReset, Times: 1})
		_, _, err := raw(s, "orderDID", orderParams(did)...)
		if err == nil {
			t.Fatal("no transport error")
		}
		if _, owned := s.OwnedDID(did); !owned || s.OrderCount(did) != 1 || s.Executed().Orders != before+1 {
			t.Fatal("the order did not stay executed")
		}
		if got := status(t, s, "orderDID", orderParams(did)...); got != "did_in_use" {
			t.Fatalf("retry after reset: %s", got)
		}
		if s.OrderCount(did) != 1 {
			t.Fatal("bought twice")
		}
	})
	t.Run("nostatus", func(t *testing.T) {
		s.InjectFault("getStates", voipmstest.Fault{Kind: voipmstest.FaultNoStatus, Times: 1})
		resp, body, err := raw(s, "getStates")
		var m map[string]any
		if err != nil || resp.StatusCode != 200 || json.Unmarshal(body, &m) != nil {
			t.Fatalf("%v %s", err, body)
		}
		if _, has := m["status"]; has || m["states"] == nil {
			t.Fatalf("body %s", body)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		s.InjectFault("getStates", voipmstest.Fault{Kind: voipmstest.FaultTruncated, Times: 1})
		_, body, err := raw(s, "getStates")
		var m map[string]any
		if err != nil || len(body) == 0 || json.Unmarshal(body, &m) == nil {
			t.Fatalf("not truncated: %v %s", err, body)
		}
	})
	t.Run("emptybody", func(t *testing.T) {
		s.InjectFault("*", voipmstest.Fault{Kind: voipmstest.FaultEmptyBody, Times: 1})
		resp, body, err := raw(s, "getProvinces")
		if err != nil || resp.StatusCode != 200 || len(body) != 0 {
			t.Fatalf("%v %v %q", err, resp, body)
		}
	})
	t.Run("latency", func(t *testing.T) {
		s.InjectFault("getStates", voipmstest.Fault{Kind: voipmstest.FaultLatency, Delay: 150 * time.Millisecond, Times: 1})
		start := time.Now()
		if got := status(t, s, "getStates"); got != "success" {
			t.Fatal(got)
		}
		if d := time.Since(start); d < 150*time.Millisecond {
			t.Fatalf("took %v", d)
		}
	})
	t.Run("always until cleared", func(t *testing.T) {
		s.InjectFault("getIP", voipmstest.Fault{Kind: voipmstest.FaultHTML503})
		for range 3 {
			if resp, _, _ := raw(s, "getIP"); resp.StatusCode != 503 {
				t.Fatal("fault not permanent")
			}
		}
		s.ClearFaults()
		if got := status(t, s, "getIP"); got != "success" {
			t.Fatal(got)
		}
	})
}

func TestShapeMode(t *testing.T) {
	s := voipmstest.NewServer(voipmstest.WithShapeMode(), voipmstest.WithSeed(5))
	defer s.Close()
	did := firstDID(t, s)
	ok(t, s, "orderDID", orderParams(did)...)
	sawNumber, sawBare, sawList := false, false, false
	for range 20 {
		_, body, err := raw(s, "getDIDsInfo")
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		if m["status"] != "success" {
			t.Fatalf("status %v", m["status"])
		}
		var row map[string]any
		switch x := m["dids"].(type) {
		case map[string]any:
			sawBare, row = true, x
		case []any:
			sawList, row = true, x[0].(map[string]any)
		}
		for _, v := range row {
			if _, isNum := v.(json.Number); isNum {
				sawNumber = true
			}
		}
	}
	if !sawNumber || !sawBare || !sawList {
		t.Fatalf("number %v bare %v list %v", sawNumber, sawBare, sawList)
	}
}

func TestFaultRateIsSeeded(t *testing.T) {
	outcomes := func() string {
		s := voipmstest.NewServer(voipmstest.WithSeed(11), voipmstest.WithFaultRate(0.4))
		defer s.Close()
		var b strings.Builder
		for range 40 {
			resp, body, err := raw(s, "getStates")
			switch {
			case err != nil:
				b.WriteString("R")
			case resp.StatusCode != 200:
				b.WriteString(resp.Status[:3])
			case len(body) == 0:
				b.WriteString("E")
			case !json.Valid(body):
				b.WriteString("T")
			case !bytes.Contains(body, []byte(`"status"`)):
				b.WriteString("N")
			default:
				b.WriteString(".")
			}
		}
		return b.String()
	}
	a, b := outcomes(), outcomes()
	if a != b {
		t.Fatalf("not deterministic:\n%s\n%s", a, b)
	}
	if n := strings.Count(a, "."); n == 40 || n == 0 {
		t.Fatalf("rate not applied: %s", a)
	}
	for _, k := range []string{"R", "E", "T", "N"} {
		if !strings.Contains(a, k) {
			t.Logf("kind %s not drawn in %s", k, a)
		}
	}
}

func TestConcurrentOrdersBuyEachNumberOnce(t *testing.T) {
	s := voipmstest.NewServer(voipmstest.WithFaultRate(0.2, voipmstest.FaultConnReset, voipmstest.FaultHTML503, voipmstest.FaultShape))
	defer s.Close()
	// Same seed, same inventory: list the numbers on a server without faults.
	clean := voipmstest.NewServer()
	defer clean.Close()
	var dids []string
	for _, st := range []string{"TX", "CA", "NY"} {
		if m := api(t, clean, "getDIDsUSA", "state", st); m["status"] == "success" {
			for _, r := range list(t, m, "dids") {
				dids = append(dids, r["did"].(string))
			}
		}
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range dids {
				did := dids[(i+w)%len(dids)]
				v := url.Values{"api_username": {s.Username()}, "api_password": {s.Password()}, "method": {"orderDID"}}
				p := orderParams(did)
				for j := 0; j < len(p); j += 2 {
					v.Set(p[j], p[j+1])
				}
				resp, err := http.PostForm(s.URL(), v)
				if err != nil {
					var ue *url.Error
					if !errors.As(err, &ue) {
						t.Error(err)
					}
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				_ = s.Calls("orderDID")
				_ = s.DIDs()
			}
		}()
	}
	wg.Wait()
	for _, d := range dids {
		if n := s.OrderCount(d); n > 1 {
			t.Fatalf("%s bought %d times", d, n)
		}
	}
	if got, owned := s.Executed().Orders, len(s.DIDs()); got != owned {
		t.Fatalf("Executed.Orders %d, owned %d", got, owned)
	}
}
