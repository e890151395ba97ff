package voipinnovations_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	vi "github.com/didkit/voipms/voipinnovations"
)

// auditBody is an auditDIDs answer with n owned numbers, shaped like the
// service's.
func auditBody(n int) []byte {
	var b strings.Builder
	b.WriteString(`<responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs>`)
	for i := 0; i < n; i++ {
		tn := strconv.Itoa(4352150000 + i)
		b.WriteString(`<DID><tn>` + tn + `</tn><availability>assigned</availability><rewrite>` + tn + `</rewrite><status>Number currently assigned to you with refid '' rewritten as '` + tn + `' to endpoint '8674'</status><statusCode>100</statusCode><tier>2</tier><refId>cust-` + strconv.Itoa(i) + `</refId><failover/><forward/><cnamName/><state>UT</state><rateCenter>RICHFIELD</rateCenter><didGroupId/><Network>Onvoy</Network><endpointId>8674</endpointId><expireDate>1900-01-01T00:00:00</expireDate><has411>false</has411><has911>true</has911><cnam>true</cnam><cnamStorageActive>false</cnamStorageActive><cnamStorageAvailability>false</cnamStorageAvailability><t38>true</t38></DID>`)
	}
	b.WriteString(`</DIDs><DIDLocators/><DIDCounts/><DIDGroups/><ConferenceLine><Enabled>false</Enabled></ConferenceLine>`)
	return []byte(soap("auditDIDs", b.String()))
}

// rawEnvelope is what a hand-written client would decode into: all strings.
type rawEnvelope struct {
	DIDs []struct {
		TN           string `xml:"tn"`
		Availability string `xml:"availability"`
		Rewrite      string `xml:"rewrite"`
		Status       string `xml:"status"`
		StatusCode   string `xml:"statusCode"`
		Tier         string `xml:"tier"`
		RefID        string `xml:"refId"`
		State        string `xml:"state"`
		RateCenter   string `xml:"rateCenter"`
		Network      string `xml:"Network"`
		EndpointID   string `xml:"endpointId"`
		ExpireDate   string `xml:"expireDate"`
		Has411       string `xml:"has411"`
		Has911       string `xml:"has911"`
		CNAM         string `xml:"cnam"`
		T38          string `xml:"t38"`
	} `xml:"Body>auditDIDsResponse>auditDIDsResult>DIDs>DID"`
}

// BenchmarkListDIDs compares DIDs.List (envelope, retry loop, typed decode,
// dummy filter) with a raw POST decoded by encoding/xml into strings, over
// the same loopback server and bytes. Compare ns/op of sdk and raw.
func BenchmarkListDIDs(b *testing.B) {
	for _, n := range []int{10, 1000} {
		body := auditBody(n)
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			w.Write(body)
		}))
		b.Run("n="+strconv.Itoa(n)+"/sdk", func(b *testing.B) {
			c, _ := vi.New("u", "p", vi.WithBaseURL(ts.URL))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				dids, err := c.DIDs.List(context.Background())
				if err != nil || len(dids) != n {
					b.Fatal(err)
				}
			}
		})
		b.Run("n="+strconv.Itoa(n)+"/raw", func(b *testing.B) {
			hc := &http.Client{}
			req := []byte(`<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><auditDIDs xmlns="http://tempuri.org/"><login>u</login><secret>p</secret></auditDIDs></soap:Body></soap:Envelope>`)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r, _ := http.NewRequest(http.MethodPost, ts.URL, bytes.NewReader(req))
				r.Header.Set("Content-Type", "text/xml; charset=utf-8")
				r.Header.Set("SOAPAction", `"http://tempuri.org/auditDIDs"`)
				resp, err := hc.Do(r)
				if err != nil {
					b.Fatal(err)
				}
				data, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				var env rawEnvelope
				if err := xml.Unmarshal(data, &env); err != nil || len(env.DIDs) != n {
					b.Fatal(err)
				}
			}
		})
		ts.Close()
	}
}
