package voipmstest_test

import (
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

// serverWithDIDs starts a server owning n DIDs.
func serverWithDIDs(tb testing.TB, n int) *voipmstest.Server {
	tb.Helper()
	s := voipmstest.NewServer(voipmstest.WithSeed(5), voipmstest.WithAccountBalance("1000000"), voipmstest.WithInventoryScale(2))
	tb.Cleanup(s.Close)
	c := &http.Client{}
	call := func(kv ...string) string {
		v := url.Values{"api_username": {s.Username()}, "api_password": {s.Password()}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		resp, err := c.PostForm(s.URL(), v)
		if err != nil {
			tb.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	bought := 0
	for _, st := range []string{"AL", "AZ", "CA", "CO", "FL", "GA", "IL", "NY", "TX", "WA", "OH", "PA", "MI", "NC", "VA", "MA",
		"NJ", "MN", "MO", "OR", "TN", "WI", "IN", "KY", "LA", "NV", "UT", "KS", "IA", "OK", "AR", "MS", "NE", "NM", "ID", "MT"} {
		body := call("method", "getDIDsUSA", "state", st)
		for _, part := range strings.Split(body, `"did":"`)[1:] {
			if bought == n {
				return s
			}
			did := part[:10]
			if r := call("method", "orderDID", "did", did, "routing", "account:100001_VoIP", "pop", "3", "dialtime", "60",
				"cnam", "1", "billing_type", "2"); strings.Contains(r, `"success"`) {
				bought++
			}
		}
	}
	if bought < n {
		tb.Fatalf("bought only %d DIDs", bought)
	}
	return s
}

// BenchmarkGetDIDsInfo251Parallel measures getDIDsInfo on 251 DIDs with 32
// concurrent clients, reporting requests per second and the median latency.
// Run with -benchtime=Nx (N requests in all).
func BenchmarkGetDIDsInfo251Parallel(b *testing.B) {
	s := serverWithDIDs(b, 251)
	form := url.Values{"api_username": {s.Username()}, "api_password": {s.Password()}, "method": {"getDIDsInfo"}}.Encode()
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	const workers = 32
	var mu sync.Mutex
	var lat []time.Duration
	jobs := make(chan struct{})
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				t0 := time.Now()
				resp, err := c.Post(s.URL(), "application/x-www-form-urlencoded", strings.NewReader(form))
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	for range b.N {
		jobs <- struct{}{}
	}
	close(jobs)
	wg.Wait()
	el := time.Since(start)
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/el.Seconds(), "req/s")
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	}
}
