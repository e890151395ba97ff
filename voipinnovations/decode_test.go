package voipinnovations_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	vi "github.com/didkit/voipms/voipinnovations"
)

// Answers shaped exactly as the reference (§3.4) shows the real service's:
// self-closing empty arrays, nil dates, true/false, numeric strings, the
// 1900-01-01 sentinel, the dummy record.
const (
	fixtureReserve = `<responseCode>100</responseCode><responseMessage>Success</responseMessage>
  <DIDs><DID><tn>4358797726</tn><availability/><rewrite/>
    <status>Reserved for 30 minutes -- Will be Tier 1</status><statusCode>100</statusCode><tier>1</tier>
    <refId>bada55</refId><endpointId>0</endpointId><expireDate>1900-01-01T00:00:00</expireDate>
    <has411>false</has411><has911>false</has911><cnam>false</cnam><cnamStorageActive>false</cnamStorageActive>
    <cnamStorageAvailability>false</cnamStorageAvailability><t38>false</t38></DID></DIDs>
  <DIDLocators/><DIDCounts/><DIDGroups/><ConferenceLine><Enabled>false</Enabled></ConferenceLine>`

	fixtureQueryOwned = `<responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs><DID><tn>4353198001</tn><availability>assigned</availability><rewrite>4353198001</rewrite><status>Number currently assigned to you with refid '' rewritten as '4353198001' to endpoint '13550'</status><statusCode>100</statusCode><tier>2</tier><refId/><state>UT</state><rateCenter>RICHFIELD</rateCenter><Network>Onvoy</Network><endpointId>13550</endpointId><expireDate xsi:nil="true"/><has411>false</has411><has911>true</has911><cnam>true</cnam><cnamStorageActive>false</cnamStorageActive><cnamStorageAvailability>false</cnamStorageAvailability><t38>true</t38></DID></DIDs><DIDLocators/><DIDCounts/><DIDGroups/><ConferenceLine><Enabled>false</Enabled></ConferenceLine>`

	fixtureAuditNone = `<responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs><DID><tn/><availability>Unavailable</availability><rewrite/><status>UNKNOWN</status><statusCode>101200</statusCode><tier>-99999</tier><refId/><endpointId>0</endpointId><expireDate>1900-01-01T00:00:00</expireDate><has411>false</has411><has911>false</has911><cnam>false</cnam><cnamStorageActive>false</cnamStorageActive><cnamStorageAvailability>false</cnamStorageAvailability><t38>false</t38></DID></DIDs><DIDLocators/><DIDCounts/><DIDGroups/><ConferenceLine><Enabled>false</Enabled></ConferenceLine>`

	fixtureQueryUnknown = `<responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs><DID><tn/><availability>Unavailable</availability><status>Could not find number</status><statusCode>102420</statusCode><tier>-99999</tier><endpointId>0</endpointId><expireDate>1900-01-01T00:00:00</expireDate><has411>false</has411><has911>false</has911><cnam>false</cnam><cnamStorageActive>false</cnamStorageActive><cnamStorageAvailability>false</cnamStorageAvailability><t38>false</t38></DID></DIDs><DIDLocators/><DIDCounts/><DIDGroups/>`

	fixtureGetDIDs = `<responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs/><DIDLocators><DIDLocator><tn>4352016526</tn><rateCenter>RICHFIELD</rateCenter><state>UT</state><tier>4</tier><lataId>660</lataId><outboundCNAM>true</outboundCNAM><t38>true</t38></DIDLocator><DIDLocator><tn>4352016527</tn><rateCenter>RICHFIELD</rateCenter><state>UT</state><tier> 1 </tier><lataId>660</lataId><outboundCNAM>false</outboundCNAM><t38>false</t38><sms>true</sms></DIDLocator></DIDLocators><DIDCounts/><DIDGroups/><ConferenceLine><Enabled>false</Enabled></ConferenceLine>`

	fixtureCount = `<responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs/><DIDLocators/><DIDCounts><DIDCount><didCount>53</didCount><rateCenter>BRIGHAM CY</rateCenter><state>UT</state><tier>1</tier><lataId>660</lataId><cnam>true</cnam><t38>true</t38></DIDCount></DIDCounts><DIDGroups/>`

	fixturePortable = `<responseCode>100</responseCode><responseMessage>Success</responseMessage><PortDetails><id>0</id><submittedDate xsi:nil="true"/><focDate xsi:nil="true"/><requestedFocDate xsi:nil="true"/><defaultEndpointGroup xsi:nil="true"/></PortDetails><IsPortable>true</IsPortable>`

	fixturePort = `<responseCode>100</responseCode><responseMessage>Success</responseMessage><PortDetails><id>36623</id><status>PENDING SIGNATURE</status><endUser>Acme</endUser><billingTN>4352154006</billingTN><portingFrom>Qwest</portingFrom><salesRep/><submittedDate>2014-06-02T10:11:12.567</submittedDate><focDate xsi:nil="true"/><requestedFocDate>2014-06-20T00:00:00</requestedFocDate><dids><PortDID><tn>4352154006</tn><tier>2</tier><rateCenter>RICHFIELD</rateCenter><state>UT</state><lata>660</lata><endpointGroup>8674</endpointGroup><cnam>true</cnam><e911>true</e911></PortDID></dids><defaultEndpointGroup>8674</defaultEndpointGroup></PortDetails><IsPortable>false</IsPortable>`
)

func answering(body map[string]string) *recorder {
	return &recorder{answer: func(op string) string { return soap(op, body[op]) }}
}

func TestDecodeReserveFixture(t *testing.T) {
	c := newRecorded(t, answering(map[string]string{"reserveDID": fixtureReserve}))
	res, err := c.DIDs.Reserve(context.Background(), "4358797726")
	if err != nil {
		t.Fatal(err)
	}
	want := []vi.DIDResult{{TN: "4358797726", DID: vi.DID{TN: "4358797726", Status: "Reserved for 30 minutes -- Will be Tier 1",
		StatusCode: 100, Tier: 1, RefID: "bada55"}}}
	if !reflect.DeepEqual(res, want) {
		t.Fatalf("got  %+v\nwant %+v", res, want)
	}
}

func TestDecodeQueryOwned(t *testing.T) {
	c := newRecorded(t, answering(map[string]string{"queryDID": fixtureQueryOwned}))
	d, err := c.DIDs.Get(context.Background(), "4353198001")
	if err != nil {
		t.Fatal(err)
	}
	want := vi.DID{TN: "4353198001", Availability: "assigned", Rewrite: "4353198001",
		Status: "Number currently assigned to you with refid '' rewritten as '4353198001' to endpoint '13550'", StatusCode: vi.StatusOK,
		Tier: 2, State: "UT", RateCenter: "RICHFIELD", Network: "Onvoy", EndpointGroup: 13550, Has911: true, CNAM: true, T38: true}
	if !reflect.DeepEqual(d, want) {
		t.Fatalf("got  %+v\nwant %+v", d, want)
	}
}

func TestDummyRecords(t *testing.T) {
	c := newRecorded(t, answering(map[string]string{"auditDIDs": fixtureAuditNone, "queryDID": fixtureQueryUnknown}))
	dids, err := c.DIDs.List(context.Background())
	if err != nil || len(dids) != 0 || dids == nil {
		t.Fatalf("audit of nothing: %#v, %v (want an empty, non-nil list)", dids, err)
	}
	_, err = c.DIDs.Get(context.Background(), "4355550100")
	var se *vi.StatusError
	if !errors.Is(err, vi.ErrNotFound) || !errors.As(err, &se) || se.Status != vi.StatusQueryNotFound || se.TN != "4355550100" {
		t.Fatalf("query of unknown: %v", err)
	}
	for _, cat := range []error{vi.ErrNotAvailable, vi.ErrInvalidParameter, vi.ErrUnavailable, vi.ErrBadResponse} {
		if errors.Is(err, cat) {
			t.Errorf("also matches %v", cat)
		}
	}
}

func TestDecodeSearchAndCount(t *testing.T) {
	c := newRecorded(t, answering(map[string]string{"getDIDs": fixtureGetDIDs, "getDIDCount": fixtureCount}))
	locs, err := c.DIDs.Search(context.Background(), &vi.DIDSearchParams{State: "UT"})
	if err != nil {
		t.Fatal(err)
	}
	wantLocs := []vi.DIDLocator{
		{TN: "4352016526", RateCenter: "RICHFIELD", State: "UT", Tier: 4, LATA: 660, OutboundCNAM: true, T38: true},
		{TN: "4352016527", RateCenter: "RICHFIELD", State: "UT", Tier: 1, LATA: 660, SMS: true},
	}
	if !reflect.DeepEqual(locs, wantLocs) {
		t.Fatalf("got  %+v\nwant %+v", locs, wantLocs)
	}
	counts, err := c.DIDs.SearchCounts(context.Background(), &vi.DIDSearchCountsParams{State: "UT"})
	if err != nil {
		t.Fatal(err)
	}
	wantCounts := []vi.DIDCount{{Count: 53, RateCenter: "BRIGHAM CY", State: "UT", Tier: 1, LATA: 660, CNAM: true, T38: true}}
	if !reflect.DeepEqual(counts, wantCounts) {
		t.Fatalf("got  %+v\nwant %+v", counts, wantCounts)
	}
}

func TestDecodePorts(t *testing.T) {
	c := newRecorded(t, answering(map[string]string{"isPortable": fixturePortable, "getPortDetails": fixturePort}))
	ok, err := c.Ports.GetPortability(context.Background(), "4352154006")
	if err != nil || !ok {
		t.Fatalf("isPortable: %v %v", ok, err)
	}
	p, err := c.Ports.Get(context.Background(), 36623)
	if err != nil {
		t.Fatal(err)
	}
	want := vi.PortDetail{ID: 36623, Status: "PENDING SIGNATURE", EndUser: "Acme", BillingTN: "4352154006", PortingFrom: "Qwest",
		SubmittedDate:        time.Date(2014, 6, 2, 10, 11, 12, 567e6, time.UTC),
		RequestedFOCDate:     time.Date(2014, 6, 20, 0, 0, 0, 0, time.UTC),
		DIDs:                 []vi.PortDID{{TN: "4352154006", Tier: 2, RateCenter: "RICHFIELD", State: "UT", LATA: 660, EndpointGroup: 8674, CNAM: true, E911: true}},
		DefaultEndpointGroup: 8674}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("got  %+v\nwant %+v", p, want)
	}
}

func TestDecodeBadValueNamesField(t *testing.T) {
	bad := `<responseCode>100</responseCode><DIDLocators><DIDLocator><tn>4352016526</tn><lataId>660</lataId></DIDLocator><DIDLocator><tn>4352016527</tn><lataId>six</lataId></DIDLocator></DIDLocators>`
	c := newRecorded(t, answering(map[string]string{"getDIDs": bad}))
	_, err := c.DIDs.Search(context.Background(), &vi.DIDSearchParams{State: "UT"})
	var re *vi.ResponseError
	if !errors.As(err, &re) || re.Kind != vi.KindBadValue || re.Detail != "getDIDsResult.DIDLocators[1].lataId: not an integer" {
		t.Fatalf("got %v", err)
	}
	if !errors.Is(err, vi.ErrBadResponse) {
		t.Fatal("not ErrBadResponse")
	}
}

func TestDecodeMoney(t *testing.T) {
	c := newRecorded(t, answering(map[string]string{"GetPrepaidBalance": `<responseCode>100</responseCode><responseMessage>Success</responseMessage><Amount>1234.5678</Amount>`}))
	r, err := c.Account.GetPrepaidBalance(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.Amount.Equal(decimal.RequireFromString("1234.5678")) {
		t.Fatalf("amount %s", r.Amount)
	}
}

func TestSandboxShapeMissingElements(t *testing.T) {
	// The 2015 sandbox WSDL has no Network, state, rateCenter, ConferenceLine, DIDGroups.
	body := `<responseCode>100</responseCode><responseMessage>Success</responseMessage><DIDs><DID><tn>4352154006</tn><statusCode>100</statusCode><tier>2</tier><endpointId>8674</endpointId><has411>false</has411><has911>false</has911><cnam>true</cnam><t38>false</t38></DID></DIDs><DIDLocators/><DIDCounts/>`
	c := newRecorded(t, answering(map[string]string{"auditDIDs": body}))
	dids, err := c.DIDs.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []vi.DID{{TN: "4352154006", StatusCode: 100, Tier: 2, EndpointGroup: 8674, CNAM: true}}
	if !reflect.DeepEqual(dids, want) {
		t.Fatalf("got %+v", dids)
	}
}
