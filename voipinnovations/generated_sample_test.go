package voipinnovations_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	vi "github.com/didkit/voipms/voipinnovations"
)

// Hand-written expectations for a sample of the generated operations, so
// the suite is not only the generator checking itself.
func TestGeneratedSampleE911(t *testing.T) {
	rec := answering(map[string]string{"insert911": `<responseCode>100</responseCode><responseMessage>Success</responseMessage>
		<Statuses><Status911><code>1</code><description>Provisioned</description></Status911></Statuses>
		<DID911s><DID911><locationId>L-9</locationId><tn>3055550100</tn><callerName>ACME</callerName><address1>1 Main St</address1><address2/><city>Miami</city><state>FL</state><zipCode>33101</zipCode><statusCode>PROVISIONED</statusCode><activatedTime>2015-01-02T03:04:05</activatedTime><dateAdded xsi:nil="true"/></DID911></DID911s>
		<VILocations/><Alerts><string>a@example.com</string><string xsi:nil="true"/></Alerts>`})
	c := newRecorded(t, rec)
	r, err := c.E911.Insert(context.Background(), &vi.E911InsertParams{DID: "+1 305 555 0100", Address1: "1 Main St", City: "Miami", State: "FL", Zip: "33101", CallerName: "ACME & Co"})
	if err != nil {
		t.Fatal(err)
	}
	_, body := rec.last()
	want := envHead + `<insert911 xmlns="http://tempuri.org/">` + creds + `<did>3055550100</did><address1>1 Main St</address1><city>Miami</city><state>FL</state><zip>33101</zip><callerName>ACME &amp; Co</callerName></insert911>` + envTail
	if body != want {
		t.Fatalf("envelope\n got %s\nwant %s", body, want)
	}
	wantR := &vi.Response911{ResponseCode: 100, ResponseMessage: "Success",
		Statuses: []vi.Status911{{Code: "1", Description: "Provisioned"}},
		DID911s: []vi.DID911{{LocationID: "L-9", TN: "3055550100", CallerName: "ACME", Address1: "1 Main St", City: "Miami", State: "FL",
			ZipCode: "33101", StatusCode: "PROVISIONED", ActivatedTime: time.Date(2015, 1, 2, 3, 4, 5, 0, time.UTC)}},
		Alerts: []string{"a@example.com"}}
	if !reflect.DeepEqual(r, wantR) {
		t.Fatalf("got  %+v\nwant %+v", r, wantR)
	}
}

func TestGeneratedSampleIntlAndGroups(t *testing.T) {
	rec := answering(map[string]string{
		"GetCountries": `<responseCode>100</responseCode><Countries><Country><name>United Kingdom</name><abbrev>GB</abbrev><cities><City><name>London</name><id>44</id></City><City><name>Leeds</name><id>113</id></City></cities></Country></Countries><DIDs/>`,
		"GetDIDGroups": `<responseCode>100</responseCode><DIDs/><DIDLocators/><DIDCounts/><DIDGroups><DIDGroup><Name>Sales</Name><ID>12</ID></DIDGroup></DIDGroups><ConferenceLine><Enabled>true</Enabled><PIN>1234</PIN></ConferenceLine>`,
		"SetDIDGroup":  `<responseCode>100</responseCode>`,
	})
	c := newRecorded(t, rec)
	r, err := c.Intl.ListCountries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []vi.Country{{Name: "United Kingdom", Abbrev: "GB", Cities: []vi.City{{Name: "London", ID: 44}, {Name: "Leeds", ID: 113}}}}
	if !reflect.DeepEqual(r.Countries, want) {
		t.Fatalf("%+v", r.Countries)
	}
	g, err := c.Features.ListGroups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.DIDGroups, []vi.DIDGroup{{Name: "Sales", ID: 12}}) || !g.ConferenceLine.Enabled || g.ConferenceLine.PIN != "1234" {
		t.Fatalf("%+v", g)
	}
	if _, err := c.Features.SetGroup(context.Background(), &vi.FeatureSetGroupParams{TN: "3055550100", GroupID: 12}); err != nil {
		t.Fatal(err)
	}
	_, body := rec.last()
	if want := envHead + `<SetDIDGroup xmlns="http://tempuri.org/">` + creds + `<tn>3055550100</tn><groupId>12</groupId></SetDIDGroup>` + envTail; body != want {
		t.Fatalf("envelope\n got %s\nwant %s", body, want)
	}
}

// The dummy "no records" DID never comes back as a record from the
// generated DIDResponse operations either.
func TestGeneratedDummyRecords(t *testing.T) {
	rec := answering(map[string]string{"GetDIDForward": fixtureAuditNone, "AuditDIDGroup": fixtureAuditNone, "GetDIDFailover": fixtureQueryOwned})
	c := newRecorded(t, rec)
	ctx := context.Background()
	if _, err := c.Features.GetForward(ctx, &vi.FeatureGetForwardParams{TN: "4353198001"}); !errors.Is(err, vi.ErrNotFound) {
		t.Fatalf("forward of nothing: %v", err)
	}
	r, err := c.DIDs.ListByGroup(ctx, &vi.DIDListByGroupParams{GroupID: 3})
	if err != nil || len(r.DIDs) != 0 {
		t.Fatalf("group of nothing: %+v %v", r, err)
	}
	r, err = c.Features.GetFailover(ctx, &vi.FeatureGetFailoverParams{TN: "4353198001"})
	if err != nil || len(r.DIDs) != 1 || r.DIDs[0].TN != "4353198001" {
		t.Fatalf("a real record: %+v %v", r, err)
	}
}
