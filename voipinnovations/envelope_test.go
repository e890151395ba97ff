package voipinnovations_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	vi "github.com/didkit/voipms/voipinnovations"
)

// recorder is an http.RoundTripper that keeps each request and answers
// with a canned body.
type recorder struct {
	mu     sync.Mutex
	reqs   []*http.Request
	bodies [][]byte
	status int
	answer func(op string) string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.bodies = append(r.bodies, b)
	r.mu.Unlock()
	op := strings.TrimPrefix(strings.Trim(req.Header.Get("SOAPAction"), `"`), "http://tempuri.org/")
	status := r.status
	if status == 0 {
		status = 200
	}
	body := ""
	if r.answer != nil {
		body = r.answer(op)
	}
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"text/xml; charset=utf-8"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

func (r *recorder) last() (*http.Request, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs[len(r.reqs)-1], string(r.bodies[len(r.bodies)-1])
}

// minimalAnswer is an empty success answer of the right shape for op.
func minimalAnswer(op string) string {
	res := `<responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs/><DIDLocators/><DIDCounts/><DIDGroups/>`
	if op == "isPortable" || op == "getPortDetails" {
		res = `<responseCode>100</responseCode><responseMessage>Success</responseMessage><PortDetails><id>36623</id><submittedDate xsi:nil="true"/><focDate xsi:nil="true"/><requestedFocDate xsi:nil="true"/><dids/><defaultEndpointGroup xsi:nil="true"/></PortDetails><IsPortable>true</IsPortable>`
	}
	return soap(op, res)
}

func soap(op, result string) string {
	return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><` +
		op + `Response xmlns="http://tempuri.org/"><` + op + `Result>` + result + `</` + op + `Result></` + op + `Response></soap:Body></soap:Envelope>`
}

func newRecorded(t *testing.T, rec *recorder, opts ...vi.Option) *vi.Client {
	t.Helper()
	c, err := vi.New("apiuser", "s3cr&t<", append([]vi.Option{vi.WithHTTPClient(&http.Client{Transport: rec}), vi.WithRetry(1, 0, 0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const envHead = `<?xml version="1.0" encoding="utf-8"?>` + "\n" +
	`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>`
const envTail = `</soap:Body></soap:Envelope>`
const creds = `<login>apiuser</login><secret>s3cr&amp;t&lt;</secret>`

// TestGoldenEnvelopes pins the request of each of the ten seed operations
// byte for byte (written by hand from the WSDL: login and secret first,
// then the inputs in sequence order, tempuri.org as the default namespace,
// numbers as 10 digits).
func TestGoldenEnvelopes(t *testing.T) {
	yes := true
	cases := []struct {
		op   string
		call func(context.Context, *vi.Client) error
		want string
	}{
		{"auditDIDs", func(ctx context.Context, c *vi.Client) error { _, err := c.DIDs.List(ctx); return err },
			`<auditDIDs xmlns="http://tempuri.org/">` + creds + `</auditDIDs>`},
		{"queryDID", func(ctx context.Context, c *vi.Client) error {
			_, err := c.DIDs.Get(ctx, "+1 (435) 215-4006")
			return err
		},
			`<queryDID xmlns="http://tempuri.org/">` + creds + `<did>4352154006</did></queryDID>`},
		{"assignDID", func(ctx context.Context, c *vi.Client) error {
			_, err := c.DIDs.Assign(ctx, vi.DIDParam{TN: "14352154006", EndpointGroup: 8674, RefID: "cust-42"}, vi.DIDParam{TN: "4352154007", EndpointGroup: 8675, CNAM: &yes})
			return err
		},
			`<assignDID xmlns="http://tempuri.org/">` + creds + `<didParams><DIDParam><tn>4352154006</tn><refId>cust-42</refId><epg>8674</epg></DIDParam><DIDParam><tn>4352154007</tn><cnam>1</cnam><epg>8675</epg></DIDParam></didParams></assignDID>`},
		{"getDIDs", func(ctx context.Context, c *vi.Client) error {
			_, err := c.DIDs.Search(ctx, &vi.DIDSearchParams{State: "UT", RateCenter: "RICHFIELD", NPA: "435", T38: "true"})
			return err
		},
			`<getDIDs xmlns="http://tempuri.org/">` + creds + `<state>UT</state><rateCenter>RICHFIELD</rateCenter><npa>435</npa><t38>true</t38></getDIDs>`},
		{"configDID", func(ctx context.Context, c *vi.Client) error {
			no := false
			_, err := c.DIDs.Configure(ctx, vi.DIDParam{TN: "4352154006", EndpointGroup: 8675, CNAM: &no, RefID: "r1"})
			return err
		},
			`<configDID xmlns="http://tempuri.org/">` + creds + `<didParams><DIDParam><tn>4352154006</tn><cnam>0</cnam><refId>r1</refId><epg>8675</epg></DIDParam></didParams></configDID>`},
		{"releaseDID", func(ctx context.Context, c *vi.Client) error {
			_, err := c.DIDs.Release(ctx, "435.215.4006")
			return err
		},
			`<releaseDID xmlns="http://tempuri.org/">` + creds + `<didParams><DIDParam><tn>4352154006</tn><epg>0</epg></DIDParam></didParams></releaseDID>`},
		{"reserveDID", func(ctx context.Context, c *vi.Client) error {
			_, err := c.DIDs.Reserve(ctx, "4358797726", "+14358797727")
			return err
		},
			`<reserveDID xmlns="http://tempuri.org/">` + creds + `<didParams><DIDParam><tn>4358797726</tn><epg>0</epg></DIDParam><DIDParam><tn>4358797727</tn><epg>0</epg></DIDParam></didParams></reserveDID>`},
		{"isPortable", func(ctx context.Context, c *vi.Client) error {
			_, err := c.Ports.GetPortability(ctx, "4352154006")
			return err
		},
			`<isPortable xmlns="http://tempuri.org/">` + creds + `<tn>4352154006</tn></isPortable>`},
		{"getDIDCount", func(ctx context.Context, c *vi.Client) error {
			_, err := c.DIDs.SearchCounts(ctx, &vi.DIDSearchCountsParams{State: "UT", Tier: "1", Orderby: "rc"})
			return err
		},
			`<getDIDCount xmlns="http://tempuri.org/">` + creds + `<state>UT</state><tier>1</tier><orderby>rc</orderby></getDIDCount>`},
		{"getPortDetails", func(ctx context.Context, c *vi.Client) error { _, err := c.Ports.Get(ctx, 36623); return err },
			`<getPortDetails xmlns="http://tempuri.org/">` + creds + `<portId>36623</portId></getPortDetails>`},
	}
	for _, tc := range cases {
		t.Run(tc.op, func(t *testing.T) {
			rec := &recorder{answer: minimalAnswer}
			c := newRecorded(t, rec)
			// The canned answer is empty; only the request matters here.
			_ = tc.call(context.Background(), c)
			req, body := rec.last()
			if want := envHead + tc.want + envTail; body != want {
				t.Errorf("envelope\n got %s\nwant %s", body, want)
			}
			if got, want := req.Header.Get("SOAPAction"), `"http://tempuri.org/`+tc.op+`"`; got != want {
				t.Errorf("SOAPAction %s, want %s", got, want)
			}
			if got := req.Header.Get("Content-Type"); got != "text/xml; charset=utf-8" {
				t.Errorf("Content-Type %q", got)
			}
			if req.Method != http.MethodPost || req.URL.String() != vi.ProductionURL {
				t.Errorf("%s %s", req.Method, req.URL)
			}
			if bytes.Contains([]byte(req.URL.String()), []byte("s3cr")) || req.Header.Get("Authorization") != "" {
				t.Error("credential outside the body")
			}
		})
	}
}

func TestSandboxURL(t *testing.T) {
	rec := &recorder{answer: minimalAnswer}
	c := newRecorded(t, rec, vi.WithSandbox())
	if _, err := c.DIDs.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	if req, _ := rec.last(); req.URL.String() != "http://dev.voipinnovations.com/VOIP/Services/APIService.asmx" {
		t.Fatalf("sandbox URL %s", req.URL)
	}
}
