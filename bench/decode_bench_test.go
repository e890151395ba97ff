// Package bench compares the SDK's decoding with bytedance/sonic and
// goccy/go-json. It is its own module so that neither is a dependency of
// the SDK. Each benchmark serves the same body from a loopback server and
// times one call: the SDK's typed method against net/http plus the
// library decoding into an equivalent typed struct (numbers as int64 via
// ",string"; dates and money as strings, less work than the SDK's
// time.Time and decimal.Decimal). scripts/bench.sh prints the ratios.
package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bytedance/sonic"
	gojson "github.com/goccy/go-json"

	"github.com/didkit/voipms"
)

type cdr struct {
	Date            string `json:"date"`
	CallerID        string `json:"callerid"`
	Destination     string `json:"destination"`
	Description     string `json:"description"`
	Account         string `json:"account"`
	Disposition     string `json:"disposition"`
	Duration        string `json:"duration"`
	Seconds         int64  `json:"seconds,string"`
	Rate            string `json:"rate"`
	Total           string `json:"total"`
	UniqueID        string `json:"uniqueid"`
	DestinationType string `json:"destination_type"`
	CallLogs        string `json:"call_logs"`
}

type cdrResp struct {
	Status string `json:"status"`
	CDR    []cdr  `json:"cdr"`
}

type did struct {
	DID                 string `json:"did"`
	Description         string `json:"description"`
	Routing             string `json:"routing"`
	FailoverBusy        string `json:"failover_busy"`
	FailoverUnreachable string `json:"failover_unreachable"`
	FailoverNoAnswer    string `json:"failover_noanswer"`
	Voicemail           string `json:"voicemail"`
	POP                 int64  `json:"pop,string"`
	Dialtime            int64  `json:"dialtime,string"`
	CNAM                int64  `json:"cnam,string"`
	E911                int64  `json:"e911,string"`
	CallerIDPrefix      string `json:"callerid_prefix"`
	Note                string `json:"note"`
	BillingType         int64  `json:"billing_type,string"`
	NextBilling         string `json:"next_billing"`
	OrderDate           string `json:"order_date"`
	ResellerMinute      string `json:"reseller_minute"`
	SMSAvailable        int64  `json:"sms_available,string"`
	SMSEnabled          int64  `json:"sms_enabled,string"`
	SMSEmail            string `json:"sms_email"`
	SMSURLCallback      string `json:"sms_url_callback"`
}

type didResp struct {
	Status string `json:"status"`
	DIDs   []did  `json:"dids"`
}

func cdrBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"status":"success","cdr":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"date":"2024-%02d-%02d %02d:%02d:%02d","callerid":"\"Client %d\" <%d>","destination":"%d","description":"Inbound DID","account":"100001_VoIP","disposition":"ANSWERED","duration":"00:%02d:%02d","seconds":"%d","rate":"0.01000000","total":"0.%08d","uniqueid":"%d","destination_type":"local","call_logs":""}`,
			1+i%12, 1+i%28, i%24, i%60, i%60, i%500, 5551000000+i%9000, 5559000000+i%7000, i%60, i%60, i%3600, i%99999999, 90000000+i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func didBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"status":"success","dids":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		d := strconv.Itoa(5551000000 + i)
		fmt.Fprintf(&b, `{"did":"%s","description":"MIAMI, FL %d","routing":"account:100001_VoIP","failover_busy":"none:","failover_unreachable":"fwd:%d","failover_noanswer":"vm:%d","voicemail":"%d","pop":"%d","dialtime":"60","cnam":"%d","e911":"0","callerid_prefix":"MIA [555]","note":"client %d","billing_type":"%d","next_billing":"2025-%02d-%02d","order_date":"2014-07-%02d 15:%02d:04","reseller_minute":"0.01000000","sms_available":"1","sms_enabled":"%d","sms_email":"user%d@example.com","sms_url_callback":"https://hooks.example.com/sms/%s"}`,
			d, i%97, 1500+i%50, 1000+i%20, 1000+i%20, 1+i%40, i%2, i%500, 1+i%2, 1+i%12, 1+i%28, 1+i%28, i%60, i%2, i%100, d)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func server(b *testing.B, body []byte) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv.URL
}

// post is what a hand-written client does: the form, the body, a decoder.
func post(b *testing.B, u string, unmarshal func([]byte, any) error, out any) {
	form := url.Values{"api_username": {"u"}, "api_password": {"p"}, "method": {"x"}}
	resp, err := http.Post(u, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.Fatal(err)
	}
	if err := unmarshal(data, out); err != nil {
		b.Fatal(err)
	}
}

func sdk(b *testing.B, u string) *voipms.Client {
	c, err := voipms.New("u@example.com", "p", voipms.WithBaseURL(u), voipms.WithTimeout(5*time.Minute))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkDecodeCDR(b *testing.B) {
	u := server(b, cdrBody(200_000))
	ctx := context.Background()
	yes := true
	p := &voipms.CDRListParams{DateFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), DateTo: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Answered: &yes}
	b.Run("n=200000/sdk", func(b *testing.B) {
		c := sdk(b, u)
		for b.Loop() {
			if l, err := c.CDR.List(ctx, p); err != nil || len(l) != 200_000 {
				b.Fatal(len(l), err)
			}
		}
	})
	b.Run("n=200000/sonic", func(b *testing.B) {
		for b.Loop() {
			var r cdrResp
			post(b, u, sonic.Unmarshal, &r)
		}
	})
	b.Run("n=200000/gojson", func(b *testing.B) {
		for b.Loop() {
			var r cdrResp
			post(b, u, gojson.Unmarshal, &r)
		}
	})
}

func BenchmarkDecodeDIDs(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10_000, 100_000} {
		u := server(b, didBody(n))
		b.Run(fmt.Sprintf("n=%d/sdk", n), func(b *testing.B) {
			c := sdk(b, u)
			for b.Loop() {
				if l, err := c.DIDs.List(ctx, nil); err != nil || len(l) != n {
					b.Fatal(len(l), err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/sonic", n), func(b *testing.B) {
			for b.Loop() {
				var r didResp
				post(b, u, sonic.Unmarshal, &r)
			}
		})
		b.Run(fmt.Sprintf("n=%d/gojson", n), func(b *testing.B) {
			for b.Loop() {
				var r didResp
				post(b, u, gojson.Unmarshal, &r)
			}
		})
	}
}
