package voipinnovationstest

import (
	"os"
	"regexp"

	"bytes"
	"github.com/didkit/voipms/internal/viwsdl"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

func post(t *testing.T, url, action, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	if action != "" {
		req.Header.Set("SOAPAction", `"`+action+`"`)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func env(op, inner string) string {
	return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><` + op +
		` xmlns="http://tempuri.org/"><login>` + DefaultLogin + `</login><secret>` + DefaultSecret + `</secret>` + inner + `</` + op + `></soap:Body></soap:Envelope>`
}

// The wire answers keep the recorded service's shape: every DIDResponse
// array present (empty ones self-closing), the dummy record, the sentinel
// date, ASMX faults with HTTP 500.
func TestWireShapes(t *testing.T) {
	s := NewServer()
	defer s.Close()
	code, body := post(t, s.URL(), "http://tempuri.org/auditDIDs", env("auditDIDs", ""))
	want := `<auditDIDsResponse xmlns="http://tempuri.org/"><auditDIDsResult><responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs><DID><tn /><availability>Unavailable</availability><rewrite /><status>UNKNOWN</status><statusCode>101200</statusCode><tier>-99999</tier><refId /><failover /><forward /><cnamName /><state /><rateCenter /><didGroupId /><Network /><endpointId>0</endpointId><expireDate>1900-01-01T00:00:00</expireDate><has411>false</has411><has911>false</has911><cnam>false</cnam><cnamStorageActive>false</cnamStorageActive><cnamStorageAvailability>false</cnamStorageAvailability><t38>false</t38></DID></DIDs><DIDLocators /><DIDCounts /><DIDGroups /><ConferenceLine><Enabled>false</Enabled></ConferenceLine></auditDIDsResult></auditDIDsResponse>`
	if code != 200 || !strings.Contains(body, want) {
		t.Fatalf("%d %s", code, body)
	}
	code, body = post(t, s.URL(), "http://tempuri.org/getDIDs", env("getDIDs", "<state/>"))
	if code != 200 || !strings.Contains(body, "<responseCode>302490</responseCode><responseMessage>No search criteria defined</responseMessage><DIDs /><DIDLocators />") {
		t.Fatalf("302490: %d %s", code, body)
	}
	code, body = post(t, s.URL(), "http://tempuri.org/getDIDs", env("getDIDs", "<state>AK</state>"))
	if code != 200 || !strings.Contains(body, "<responseCode>101</responseCode>") {
		t.Fatalf("101: %d %s", code, body)
	}
	code, body = post(t, s.URL(), "http://tempuri.org/isPortable", env("isPortable", "<tn>3055550100</tn>"))
	if code != 200 || !strings.Contains(body, `<PortDetails><id>0</id><status /><endUser /><billingTN /><portingFrom /><salesRep /><submittedDate xsi:nil="true" />`) || !strings.Contains(body, "<IsPortable>true</IsPortable>") {
		t.Fatalf("isPortable: %d %s", code, body)
	}
}

func TestFaultsOnTheWire(t *testing.T) {
	s := NewServer()
	defer s.Close()
	cases := []struct {
		name, action, body, want string
	}{
		{"malformed", "http://tempuri.org/auditDIDs", "<soap:Envelope", "<faultcode>soap:Client</faultcode><faultstring>Server was unable to read request."},
		{"not an envelope", "", "<html/>", "<faultcode>soap:Client</faultcode>"},
		{"unknown action", "http://tempuri.org/buyEverything", env("buyEverything", ""), "Server did not recognize the value of HTTP Header SOAPAction: http://tempuri.org/buyEverything."},
		{"action mismatch", "http://tempuri.org/queryDID", env("auditDIDs", ""), "Server did not recognize the value of HTTP Header SOAPAction: http://tempuri.org/queryDID."},
		{"not simulated", "http://tempuri.org/GetDIDGroups", env("GetDIDGroups", ""), "<faultcode>soap:Server</faultcode><faultstring>voipinnovationstest: operation GetDIDGroups is not simulated</faultstring>"},
		{"wrong namespace", "", strings.Replace(env("auditDIDs", ""), "http://tempuri.org/", "urn:x", 1), "<faultcode>soap:Client</faultcode>"},
	}
	for _, tc := range cases {
		code, body := post(t, s.URL(), tc.action, tc.body)
		if code != 500 || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s", tc.name, code, body)
		}
	}
	// SOAP 1.2: the action rides in the Content-Type
	req, _ := http.NewRequest(http.MethodPost, s.URL(), strings.NewReader(strings.Replace(env("auditDIDs", ""), "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope", 1)))
	req.Header.Set("Content-Type", `application/soap+xml; charset=utf-8; action="http://tempuri.org/auditDIDs"`)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("soap 1.2: %v %v", resp, err)
	}
	resp.Body.Close()
}

func TestServesWSDL(t *testing.T) {
	s := NewServer()
	defer s.Close()
	for _, u := range []string{s.URL() + "?WSDL", s.URL() + "?wsdl", s.SandboxURL() + "?WSDL"} {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		base := strings.SplitN(u, "?", 2)[0]
		if resp.StatusCode != 200 || !bytes.Contains(b, []byte(`<soap:address location="`+base+`" />`)) || !bytes.Contains(b, []byte(`targetNamespace="http://tempuri.org/"`)) {
			t.Errorf("%s: %d", u, resp.StatusCode)
		}
	}
}

func TestSeededInventory(t *testing.T) {
	a, b, c := NewServer(WithSeed(3)), NewServer(WithSeed(3)), NewServer(WithSeed(4))
	defer a.Close()
	defer b.Close()
	defer c.Close()
	na, nb, nc := a.Numbers(), b.Numbers(), c.Numbers()
	if len(na) != 8*25 || len(na) != len(nb) {
		t.Fatalf("sizes %d %d", len(na), len(nb))
	}
	same := true
	for i := range na {
		if na[i] != nb[i] {
			t.Fatalf("seed 3 differs at %d", i)
		}
		if na[i].TN != nc[i].TN {
			same = false
		}
	}
	if same {
		t.Fatal("seed 4 gives seed 3's inventory")
	}
	states := map[string]bool{}
	tiers := map[int64]bool{}
	for _, n := range na {
		states[n.State] = true
		tiers[n.Tier] = true
	}
	if len(states) != 5 || len(tiers) != 4 {
		t.Fatalf("states %v tiers %v", states, tiers)
	}
}

func TestFaultKindsRoundTrip(t *testing.T) {
	for k := FaultLatency; k <= FaultEmptyBody; k++ {
		if got, ok := ParseFaultKind(k.String()); !ok || got != k {
			t.Errorf("%v", k)
		}
	}
}

func TestCloseLeaksNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	for i := 0; i < 5; i++ {
		s := NewServer()
		s.InjectFault("*", Fault{Kind: FaultLatency, Delay: time.Second})
		go func(url string) {
			resp, err := http.Post(url, "text/xml", strings.NewReader(env("auditDIDs", "")))
			if err == nil {
				resp.Body.Close()
			}
		}(s.URL())
		time.Sleep(20 * time.Millisecond)
		s.Close()
	}
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before+1 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		http.DefaultClient.CloseIdleConnections()
	}
	if n := runtime.NumGoroutine(); n > before+1 {
		t.Fatalf("%d goroutines after Close, %d before", n, before)
	}
}

// The package doc lists every WSDL operation the fake does not simulate.
func TestDocListsUnsimulated(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	sim := map[string]bool{}
	for _, op := range Simulated() {
		sim[op] = true
	}
	n := 0
	for _, m := range regexp.MustCompile(`<wsdl:operation name="([^"]+)"`).FindAllSubmatch(viwsdl.Production, -1) {
		op := string(m[1])
		if sim[op] {
			continue
		}
		n++
		if !regexp.MustCompile(`\b` + op + `\b`).Match(doc) {
			t.Errorf("doc.go does not list %s", op)
		}
	}
	if n != 3*38 { // each operation appears in the port type and both bindings
		t.Errorf("%d unsimulated operation entries, want 114", n)
	}
}
