package voipms

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The benchmarks compare the SDK with a baseline in the same run, over the
// same loopback server and the same response bytes; scripts/bench.sh runs
// them and prints the ratios.

// rawDID is what a hand-written VoIP.ms client decodes a DID into: every
// field a string, as the API sends them.
type rawDID struct {
	DID                    string `json:"did"`
	Description            string `json:"description"`
	Routing                string `json:"routing"`
	FailoverBusy           string `json:"failover_busy"`
	FailoverUnreachable    string `json:"failover_unreachable"`
	FailoverNoAnswer       string `json:"failover_noanswer"`
	Voicemail              string `json:"voicemail"`
	POP                    string `json:"pop"`
	Dialtime               string `json:"dialtime"`
	CNAM                   string `json:"cnam"`
	E911                   string `json:"e911"`
	CallerIDPrefix         string `json:"callerid_prefix"`
	Note                   string `json:"note"`
	PortOutPin             string `json:"port_out_pin"`
	BillingType            string `json:"billing_type"`
	NextBilling            string `json:"next_billing"`
	OrderDate              string `json:"order_date"`
	ResellerAccount        string `json:"reseller_account"`
	ResellerNextBilling    string `json:"reseller_next_billing"`
	ResellerMonthly        string `json:"reseller_monthly"`
	ResellerMinute         string `json:"reseller_minute"`
	ResellerSetup          string `json:"reseller_setup"`
	SMSAvailable           string `json:"sms_available"`
	SMSEnabled             string `json:"sms_enabled"`
	SMSEmail               string `json:"sms_email"`
	SMSEmailEnabled        string `json:"sms_email_enabled"`
	SMSForward             string `json:"sms_forward"`
	SMSForwardEnabled      string `json:"sms_forward_enabled"`
	SMSURLCallback         string `json:"sms_url_callback"`
	SMSURLCallbackEnabled  string `json:"sms_url_callback_enabled"`
	SMSURLCallbackRetry    string `json:"sms_url_callback_retry"`
	SMPPEnabled            string `json:"smpp_enabled"`
	SMPPURL                string `json:"smpp_url"`
	SMPPUser               string `json:"smpp_user"`
	SMPPPass               string `json:"smpp_pass"`
	Transcribe             string `json:"transcribe"`
	TranscriptionLocale    string `json:"transcription_locale"`
	TranscriptionRedaction string `json:"transcription_redaction"`
	TranscriptionSummary   string `json:"transcription_summary"`
	TranscriptionSentiment string `json:"transcription_sentiment"`
	TranscriptionEmail     string `json:"transcription_email"`
}

type rawDIDsResponse struct {
	Status  string   `json:"status"`
	Message string   `json:"message"`
	DIDs    []rawDID `json:"dids"`
}

// benchDIDsBody renders a getDIDsInfo success body with n DIDs the way
// VoIP.ms does (every scalar a string, keys in the documented order),
// varied enough that no two DIDs are the same.
func benchDIDsBody(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"status":"success","dids":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		did := strconv.Itoa(5551000000 + i)
		fields := [][2]string{
			{"did", did},
			{"description", "MIAMI, FL " + strconv.Itoa(i%97)},
			{"routing", "account:100001_VoIP"},
			{"failover_busy", "none:"},
			{"failover_unreachable", "fwd:" + strconv.Itoa(1500+i%50)},
			{"failover_noanswer", "vm:" + strconv.Itoa(1000+i%20)},
			{"voicemail", strconv.Itoa(1000 + i%20)},
			{"pop", strconv.Itoa(1 + i%40)},
			{"dialtime", "60"},
			{"cnam", strconv.Itoa(i % 2)},
			{"e911", "0"},
			{"callerid_prefix", "MIA [555]"},
			{"note", "client " + strconv.Itoa(i%500)},
			{"port_out_pin", strconv.Itoa(1000 + i%9000)},
			{"billing_type", strconv.Itoa(1 + i%2)},
			{"next_billing", fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28)},
			{"order_date", fmt.Sprintf("2014-07-%02d 15:%02d:04", 1+i%28, i%60)},
			{"reseller_account", "0"},
			{"reseller_next_billing", "0000-00-00"},
			{"reseller_monthly", "0.00000000"},
			{"reseller_minute", "0.01000000"},
			{"reseller_setup", "0.00000000"},
			{"sms_available", "1"},
			{"sms_enabled", strconv.Itoa(i % 2)},
			{"sms_email", "user" + strconv.Itoa(i%100) + "@example.com"},
			{"sms_email_enabled", "1"},
			{"sms_forward", "2264836086"},
			{"sms_forward_enabled", "0"},
			{"sms_url_callback", "https://hooks.example.com/sms/" + did},
			{"sms_url_callback_enabled", "1"},
			{"sms_url_callback_retry", "1"},
			{"smpp_enabled", "0"},
			{"smpp_url", ""},
			{"smpp_user", ""},
			{"smpp_pass", ""},
			{"transcribe", "0"},
			{"transcription_locale", "en-US"},
			{"transcription_redaction", "no"},
			{"transcription_summary", "no"},
			{"transcription_sentiment", "no"},
			{"transcription_email", ""},
		}
		b.WriteByte('{')
		for j, f := range fields {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(f[0]))
			b.WriteByte(':')
			b.WriteString(strconv.Quote(f[1]))
		}
		b.WriteByte('}')
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// benchServer answers every request with body after reading the form, and
// after delay when delay > 0. conns counts the connections it accepted.
type benchSrv struct {
	*httptest.Server
	conns atomic.Int64
}

func benchServer(tb testing.TB, body []byte, delay time.Duration) *benchSrv {
	tb.Helper()
	bs := new(benchSrv)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("method") == "" {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		if delay > 0 {
			time.Sleep(delay)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			bs.conns.Add(1)
		}
	}
	srv.Start()
	tb.Cleanup(srv.Close)
	bs.Server = srv
	return bs
}

// reportConns reports how many connections the server accepted per call.
func (s *benchSrv) reportConns(b *testing.B, before int64) {
	b.ReportMetric(float64(s.conns.Load()-before)/float64(b.N), "conns/op")
}

func benchClient(tb testing.TB, srv *benchSrv) *Client {
	tb.Helper()
	c, err := New("user@example.com", "bench-password", WithBaseURL(srv.URL+"/api/v1/rest.php"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.CloseIdleConnections)
	return c
}

// rawCaller is the baseline: a hand-written net/http POST of the form and
// encoding/json into all-string structs.
type rawCaller struct {
	hc  *http.Client
	url string
}

func newRawCaller(tb testing.TB, srv *benchSrv) *rawCaller {
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone(), Timeout: 30 * time.Second}
	tb.Cleanup(hc.CloseIdleConnections)
	return &rawCaller{hc: hc, url: srv.URL + "/api/v1/rest.php"}
}

func (r *rawCaller) getDIDsInfo(ctx context.Context, out *rawDIDsResponse) error {
	form := url.Values{
		"api_username": {"user@example.com"},
		"api_password": {"bench-password"},
		"method":       {"getDIDsInfo"},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", "raw/1.0")
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, out); err != nil {
		return err
	}
	if out.Status != "success" {
		return fmt.Errorf("status %s", out.Status)
	}
	return nil
}

// sdkGetDIDsInfo is the SDK side of the call benchmarks: the typed
// getDIDsInfo method.
func sdkGetDIDsInfo(ctx context.Context, c *Client) (int, error) {
	dids, err := c.DIDs.List(ctx, nil)
	return len(dids), err
}

func BenchmarkCallOverhead(b *testing.B) {
	body := benchDIDsBody(10)
	srv := benchServer(b, body, 0)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for i := 0; i < b.N; i++ {
			if n, err := sdkGetDIDsInfo(ctx, c); err != nil || n != 10 {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		r := newRawCaller(b, srv)
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for i := 0; i < b.N; i++ {
			var out rawDIDsResponse
			if err := r.getDIDsInfo(ctx, &out); err != nil || len(out.DIDs) != 10 {
				b.Fatal(len(out.DIDs), err)
			}
		}
	})
}

// BenchmarkCallOverheadEmpty is BenchmarkCallOverhead with a body of no
// DIDs: what is left is the cost of the call path itself (parameters,
// request, retry wrapper, body read, envelope check), not decoding.
func BenchmarkCallOverheadEmpty(b *testing.B) {
	body := []byte(`{"status":"success","dids":[]}`)
	srv := benchServer(b, body, 0)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := sdkGetDIDsInfo(ctx, c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		r := newRawCaller(b, srv)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var out rawDIDsResponse
			if err := r.getDIDsInfo(ctx, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkDecodeDIDsInfo(b *testing.B) {
	for _, n := range []int{100, 10000} {
		data := benchDIDsBody(n)
		b.Run(fmt.Sprintf("n=%d/sdk", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				var resp getDIDsInfoResponse
				if err := unmarshal(data, &resp); err != nil || len(resp.Items) != n {
					b.Fatal(len(resp.Items), err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/map", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				var m map[string]any
				if err := json.Unmarshal(data, &m); err != nil || len(m["dids"].([]any)) != n {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/struct", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				var resp rawDIDsResponse
				if err := json.Unmarshal(data, &resp); err != nil || len(resp.DIDs) != n {
					b.Fatal(len(resp.DIDs), err)
				}
			}
		})
	}
}

// concurrentCalls spreads b.N calls over 16 goroutines.
func concurrentCalls(b *testing.B, call func() error) {
	const workers = 16
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	b.ResetTimer()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if err := call(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}

func BenchmarkConcurrentCalls(b *testing.B) {
	body := benchDIDsBody(10)
	srv := benchServer(b, body, 2*time.Millisecond)
	ctx := context.Background()
	b.Run("sdk", func(b *testing.B) {
		c := benchClient(b, srv)
		b.ReportAllocs()
		defer srv.reportConns(b, srv.conns.Load())
		concurrentCalls(b, func() error {
			n, err := sdkGetDIDsInfo(ctx, c)
			if err == nil && n != 10 {
				err = fmt.Errorf("%d DIDs", n)
			}
			return err
		})
	})
	b.Run("raw", func(b *testing.B) {
		r := newRawCaller(b, srv)
		b.ReportAllocs()
		defer srv.reportConns(b, srv.conns.Load())
		concurrentCalls(b, func() error {
			var out rawDIDsResponse
			return r.getDIDsInfo(ctx, &out)
		})
	})
}

// TestBenchBodiesDecodeAlike checks that the benchmark inputs decode the
// same through the SDK decoder and the reference decoder (decode_test.go).
func TestBenchBodiesDecodeAlike(t *testing.T) {
	data := benchDIDsBody(50)
	var fast, slow getDIDsInfoResponse
	if err := unmarshal(data, &fast); err != nil {
		t.Fatal(err)
	}
	if err := refUnmarshal(data, &slow); err != nil {
		t.Fatal(err)
	}
	if len(fast.Items) != 50 || !reflect.DeepEqual(fast, slow) {
		t.Fatalf("decoders disagree:\n%v\n%v", fast, slow)
	}
}
