// Package bench compares the SDK's decoding with bytedance/sonic and
// goccy/go-json. It is its own module so that neither is a dependency of
// the SDK. Each benchmark times one call on the same body, served from
// memory through net/http's Client (no TCP): the SDK's typed method
// against net/http plus the library decoding into the same typed result
// (time.Time, decimal.Decimal, voipms.Routing, bool, int64; see the types
// below). scripts/bench.sh prints the ratios.
package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bytedance/sonic"
	gojson "github.com/goccy/go-json"
	"github.com/shopspring/decimal"

	"github.com/didkit/voipms"
)

// The competitors decode into the same typed result as the SDK: every
// field of voipms.CDR and voipms.DID, with the same Go types (time.Time,
// decimal.Decimal, voipms.Routing, bool, int64). VoIP.ms sends numbers,
// flags and dates as strings, so the competitors get the small wrapper
// types a hand-written client needs (vtime, vbool) and ",string" ints;
// decimal.Decimal and voipms.Routing unmarshal themselves.

// vtime is a VoIP.ms date or date-time ("2006-01-02[ 15:04:05]", UTC).
type vtime struct{ time.Time }

func (t *vtime) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' {
		return fmt.Errorf("date: not a string")
	}
	s := b[1 : len(b)-1]
	if len(s) == 0 {
		t.Time = time.Time{}
		return nil
	}
	layout := "2006-01-02"
	if len(s) > 10 {
		layout = "2006-01-02 15:04:05"
	}
	v, err := time.Parse(layout, string(s))
	t.Time = v
	return err
}

// vbool is a VoIP.ms flag ("1"/"0").
type vbool bool

func (f *vbool) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"1"`, `1`, `true`:
		*f = true
	case `"0"`, `0`, `false`, `""`:
		*f = false
	default:
		return fmt.Errorf("flag: %s", b)
	}
	return nil
}

type cdr struct {
	Date            vtime           `json:"date"`
	CallerID        string          `json:"callerid"`
	Destination     string          `json:"destination"`
	Description     string          `json:"description"`
	Account         string          `json:"account"`
	Disposition     string          `json:"disposition"`
	Duration        string          `json:"duration"`
	Seconds         int64           `json:"seconds,string"`
	Rate            decimal.Decimal `json:"rate"`
	Total           decimal.Decimal `json:"total"`
	UniqueID        string          `json:"uniqueid"`
	DestinationType string          `json:"destination_type"`
	CallLogs        string          `json:"call_logs"`
}

type cdrResp struct {
	Status string `json:"status"`
	CDR    []cdr  `json:"cdr"`
}

type did struct {
	DID                    string                `json:"did"`
	Description            string                `json:"description"`
	Routing                voipms.Routing        `json:"routing"`
	FailoverBusy           voipms.Routing        `json:"failover_busy"`
	FailoverUnreachable    voipms.Routing        `json:"failover_unreachable"`
	FailoverNoAnswer       voipms.Routing        `json:"failover_noanswer"`
	Voicemail              string                `json:"voicemail"`
	POP                    int64                 `json:"pop,string"`
	DialTime               int64                 `json:"dialtime,string"`
	CNAM                   vbool                 `json:"cnam"`
	E911                   vbool                 `json:"e911"`
	CallerIDPrefix         string                `json:"callerid_prefix"`
	Note                   string                `json:"note"`
	PortOutPIN             string                `json:"port_out_pin"`
	BillingType            voipms.DIDBillingType `json:"billing_type"`
	NextBilling            vtime                 `json:"next_billing"`
	OrderDate              vtime                 `json:"order_date"`
	ResellerAccount        string                `json:"reseller_account"`
	ResellerNextBilling    vtime                 `json:"reseller_next_billing"`
	ResellerMonthly        decimal.Decimal       `json:"reseller_monthly"`
	ResellerMinute         decimal.Decimal       `json:"reseller_minute"`
	ResellerSetup          decimal.Decimal       `json:"reseller_setup"`
	SMSAvailable           vbool                 `json:"sms_available"`
	SMSEnabled             vbool                 `json:"sms_enabled"`
	SMSEmail               string                `json:"sms_email"`
	SMSEmailEnabled        vbool                 `json:"sms_email_enabled"`
	SMSForward             string                `json:"sms_forward"`
	SMSForwardEnabled      vbool                 `json:"sms_forward_enabled"`
	SMSURLCallback         string                `json:"sms_url_callback"`
	SMSURLCallbackEnabled  vbool                 `json:"sms_url_callback_enabled"`
	SMSURLCallbackRetry    vbool                 `json:"sms_url_callback_retry"`
	SMPPEnabled            vbool                 `json:"smpp_enabled"`
	SMPPURL                string                `json:"smpp_url"`
	SMPPUser               string                `json:"smpp_user"`
	SMPPPass               string                `json:"smpp_pass"`
	Transcribe             vbool                 `json:"transcribe"`
	TranscriptionLocale    string                `json:"transcription_locale"`
	TranscriptionRedaction vbool                 `json:"transcription_redaction"`
	TranscriptionSummary   vbool                 `json:"transcription_summary"`
	TranscriptionSentiment vbool                 `json:"transcription_sentiment"`
	TranscriptionEmail     string                `json:"transcription_email"`
	SMSDialingMode         voipms.SMSDialingMode `json:"dialmode"`
	MMSAvailable           vbool                 `json:"mms_available"`
	RecordCalls            vbool                 `json:"record_calls"`
	SMSSIPAccount          string                `json:"sms_sipaccount"`
	SMSSIPAccountEnabled   vbool                 `json:"sms_sipaccount_enabled"`
	VoicemailThreshold     int64                 `json:"voicemail_threshold,string"`
	Webhook                string                `json:"webhook"`
	WebhookEnabled         vbool                 `json:"webhook_enabled"`
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

// memTransport answers every request with body, from memory: the
// benchmarks time decoding, not loopback TCP. Both sides get the body the
// same way (an *http.Response with Content-Length), through net/http's
// Client.
type memTransport struct{ body []byte }

func (m memTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Status:        "200 OK",
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}, "Content-Length": {strconv.Itoa(len(m.body))}},
		ContentLength: int64(len(m.body)),
		Body:          io.NopCloser(bytes.NewReader(m.body)),
		Request:       r,
	}, nil
}

const baseURL = "https://voip.ms/api/v1/rest.php"

// post is what a hand-written client does: the form, the body (read into
// a buffer sized from Content-Length, which favours it), a decoder.
func post(b *testing.B, hc *http.Client, unmarshal func([]byte, any) error, out any) {
	form := url.Values{"api_username": {"u"}, "api_password": {"p"}, "method": {"x"}}
	resp, err := hc.Post(baseURL, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	buf.Grow(int(resp.ContentLength) + bytes.MinRead)
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.Fatal(err)
	}
	if err := unmarshal(buf.Bytes(), out); err != nil {
		b.Fatal(err)
	}
}

func sdk(b *testing.B, body []byte) *voipms.Client {
	c, err := voipms.New("u@example.com", "p", voipms.WithHTTPClient(&http.Client{Transport: memTransport{body}}),
		voipms.WithTimeout(5*time.Minute))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

type decoder struct {
	name      string
	unmarshal func([]byte, any) error
}

var competitors = []decoder{{"sonic", sonic.Unmarshal}, {"gojson", gojson.Unmarshal}}

// TestCompetitorsDecodeTheSameValues guards the comparison: each
// competitor's typed result holds the values the SDK decodes.
func TestCompetitorsDecodeTheSameValues(t *testing.T) {
	ctx := context.Background()
	cbody, dbody := cdrBody(50), didBody(50)
	c, err := voipms.New("u@example.com", "p", voipms.WithHTTPClient(&http.Client{Transport: memTransport{cbody}}))
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	cdrs, err := c.CDR.List(ctx, &voipms.CDRListParams{DateFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), DateTo: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Answered: &yes})
	if err != nil {
		t.Fatal(err)
	}
	d, err := voipms.New("u@example.com", "p", voipms.WithHTTPClient(&http.Client{Transport: memTransport{dbody}}))
	if err != nil {
		t.Fatal(err)
	}
	dids, err := d.DIDs.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, dec := range competitors {
		var cr cdrResp
		if err := dec.unmarshal(cbody, &cr); err != nil {
			t.Fatal(dec.name, err)
		}
		var dr didResp
		if err := dec.unmarshal(dbody, &dr); err != nil {
			t.Fatal(dec.name, err)
		}
		if len(cr.CDR) != len(cdrs) || len(dr.DIDs) != len(dids) {
			t.Fatalf("%s: %d/%d records, sdk %d/%d", dec.name, len(cr.CDR), len(dr.DIDs), len(cdrs), len(dids))
		}
		for i, r := range cr.CDR {
			s := cdrs[i]
			if !r.Date.Equal(s.Date) || r.CallerID != s.CallerID || r.Seconds != s.Seconds || !r.Rate.Equal(s.Rate) || !r.Total.Equal(s.Total) || r.UniqueID != s.UniqueID {
				t.Fatalf("%s: cdr %d: %+v, sdk %+v", dec.name, i, r, s)
			}
		}
		for i, r := range dr.DIDs {
			s := dids[i]
			if r.DID != s.DID || r.Routing != s.Routing || r.FailoverUnreachable != s.FailoverUnreachable || r.POP != s.POP ||
				bool(r.CNAM) != s.CNAM || bool(r.SMSEnabled) != s.SMSEnabled || r.BillingType != s.BillingType ||
				!r.NextBilling.Equal(s.NextBilling) || !r.OrderDate.Equal(s.OrderDate) || !r.ResellerMinute.Equal(s.ResellerMinute) || r.SMSURLCallback != s.SMSURLCallback {
				t.Fatalf("%s: did %d: %+v, sdk %+v", dec.name, i, r, s)
			}
		}
	}
}

func BenchmarkDecodeCDR(b *testing.B) {
	const n = 200_000
	body := cdrBody(n)
	ctx := context.Background()
	yes := true
	p := &voipms.CDRListParams{DateFrom: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), DateTo: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Answered: &yes}
	b.Run(fmt.Sprintf("n=%d/sdk", n), func(b *testing.B) {
		c := sdk(b, body)
		for b.Loop() {
			if l, err := c.CDR.List(ctx, p); err != nil || len(l) != n {
				b.Fatal(len(l), err)
			}
		}
	})
	for _, dec := range competitors {
		b.Run(fmt.Sprintf("n=%d/%s", n, dec.name), func(b *testing.B) {
			hc := &http.Client{Transport: memTransport{body}}
			for b.Loop() {
				var r cdrResp
				post(b, hc, dec.unmarshal, &r)
				if len(r.CDR) != n {
					b.Fatal(len(r.CDR))
				}
			}
		})
	}
}

func BenchmarkDecodeDIDs(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10_000, 100_000} {
		body := didBody(n)
		b.Run(fmt.Sprintf("n=%d/sdk", n), func(b *testing.B) {
			c := sdk(b, body)
			for b.Loop() {
				if l, err := c.DIDs.List(ctx, nil); err != nil || len(l) != n {
					b.Fatal(len(l), err)
				}
			}
		})
		for _, dec := range competitors {
			b.Run(fmt.Sprintf("n=%d/%s", n, dec.name), func(b *testing.B) {
				hc := &http.Client{Transport: memTransport{body}}
				for b.Loop() {
					var r didResp
					post(b, hc, dec.unmarshal, &r)
					if len(r.DIDs) != n {
						b.Fatal(len(r.DIDs))
					}
				}
			})
		}
	}
}
