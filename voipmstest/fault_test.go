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

// TestFaultRateIsSeeded checks that WithFaultRate draws from a schedule
// fixed by the seed (two servers with the same seed fail the same calls the
// same way) and that every configured kind is drawn. The schedule depends
// only on the seed and the order of calls, so this is exact, not a matter of
// luck: with seed 11, rate 0.4 and the default kinds, all six kinds have been
// drawn by call 34 (nostatus comes last); 120 calls leave a margin.
func TestFaultRateIsSeeded(t *testing.T) {
	const calls = 120
	outcomes := func(opts ...voipmstest.Option) []string {
		s := voipmstest.NewServer(append([]voipmstest.Option{voipmstest.WithSeed(11)}, opts...)...)
		defer s.Close()
		out := make([]string, 0, calls)
		for range calls {
			resp, body, err := raw(s, "getStates")
			switch {
			case err != nil:
				out = append(out, "connreset")
			case resp.StatusCode == 500:
				out = append(out, "html500")
			case resp.StatusCode == 503:
				out = append(out, "html503")
			case resp.StatusCode != 200:
				out = append(out, resp.Status)
			case len(body) == 0:
				out = append(out, "emptybody")
			case !json.Valid(body):
				out = append(out, "truncated")
			case !bytes.Contains(body, []byte(`"status"`)):
				out = append(out, "nostatus")
			default:
				out = append(out, ".")
			}
		}
		return out
	}
	// The configured kinds: WithFaultRate without kinds uses these six.
	kinds := []voipmstest.FaultKind{voipmstest.FaultHTML500, voipmstest.FaultHTML503, voipmstest.FaultConnReset,
		voipmstest.FaultNoStatus, voipmstest.FaultTruncated, voipmstest.FaultEmptyBody}
	a, b := outcomes(voipmstest.WithFaultRate(0.4)), outcomes(voipmstest.WithFaultRate(0.4))
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Fatalf("not deterministic:\n%v\n%v", a, b)
	}
	seen := map[string]int{}
	for _, o := range a {
		seen[o]++
	}
	if n := seen["."]; n == calls || n == 0 {
		t.Fatalf("rate not applied: %v", a)
	}
	want := map[string]bool{".": true}
	for _, k := range kinds {
		want[k.String()] = true
		if seen[k.String()] == 0 {
			t.Errorf("configured kind %s never drawn in %d calls: %v", k, calls, a)
		}
	}
	for o, n := range seen {
		if !want[o] {
			t.Errorf("outcome %q (%d times) is not a configured kind: %v", o, n, a)
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
