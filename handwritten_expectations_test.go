package voipms

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestHandWrittenExpectations pins a sample of methods across areas — every
// money-moving method among them — with values a person typed from the
// VoIP.ms docs (reference §2.4 and appendix A), not from the generator: the
// form each call sends and the value it decodes, compared with cmp.Diff. It
// is the check on the generator's own request goldens and decode tests.
func TestHandWrittenExpectations(t *testing.T) {
	ctx := context.Background()
	dec := decimal.RequireFromString
	opts := cmp.Options{cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })}
	settings := DIDSettings{Routing: RouteAccount("100001_VoIP"), POP: 5, DialTime: 60, CNAM: true}
	settingsForm := url.Values{"routing": {"account:100001_VoIP"}, "pop": {"5"}, "dialtime": {"60"}, "cnam": {"1"}}
	with := func(v url.Values, kv ...string) url.Values {
		out := url.Values{}
		for k, x := range v {
			out[k] = x
		}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	receipt := func(dry bool) *Receipt { return &Receipt{DryRun: dry} }
	for _, tc := range []struct {
		name   string
		answer string
		call   func(c *Client) (any, error)
		form   url.Values // without api_username, api_password
		want   any
	}{
		// money: orders and back-orders (reference §2.4, "Orders can not be undone")
		{"orderDID", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.Order(ctx, &DIDOrderParams{DID: "5551234567", DIDSettings: settings, BillingType: DIDBillingTypePerMinute, DryRun: true})
		}, with(settingsForm, "method", "orderDID", "did", "5551234567", "billing_type", "1", "test", "1"), receipt(true)},
		{"orderDIDInternationalGeographic", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.OrderInternationalGeographic(ctx, &DIDOrderInternationalGeographicParams{LocationID: "a65", Quantity: 2, DIDSettings: settings, BillingType: DIDBillingTypeFlat})
		}, with(settingsForm, "method", "orderDIDInternationalGeographic", "location_id", "a65", "quantity", "2", "billing_type", "2"), receipt(false)},
		{"orderDIDInternationalNational", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.OrderInternationalNational(ctx, &DIDOrderInternationalNationalParams{LocationID: "n12", Quantity: 1, DIDSettings: settings, BillingType: DIDBillingTypePerMinute})
		}, with(settingsForm, "method", "orderDIDInternationalNational", "location_id", "n12", "quantity", "1", "billing_type", "1"), receipt(false)},
		{"orderDIDInternationalTollFree", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.OrderInternationalTollFree(ctx, &DIDOrderInternationalTollFreeParams{LocationID: "t3", Quantity: 3, DIDSettings: settings})
		}, with(settingsForm, "method", "orderDIDInternationalTollFree", "location_id", "t3", "quantity", "3"), receipt(false)},
		{"orderDIDVirtual", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.OrderVirtual(ctx, &DIDOrderVirtualParams{Digits: "042", DIDSettings: settings, DryRun: true})
		}, with(settingsForm, "method", "orderDIDVirtual", "digits", "042", "test", "1"), receipt(true)},
		{"orderTollFree", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.OrderTollFree(ctx, &DIDOrderTollFreeParams{DID: "8772223333", DIDSettings: settings})
		}, with(settingsForm, "method", "orderTollFree", "did", "8772223333"), receipt(false)},
		{"orderVanity", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.OrderVanity(ctx, &DIDOrderVanityParams{DID: "8004377950", DIDSettings: settings, Carrier: 2})
		}, with(settingsForm, "method", "orderVanity", "did", "8004377950", "carrier", "2"), receipt(false)},
		{"backOrderDIDUSA", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.BackOrderUSA(ctx, &DIDBackOrderUSAParams{Quantity: 3, State: "FL", RateCenter: "MIAMI", DIDSettings: settings, BillingType: DIDBillingTypeFlat, DryRun: true})
		}, with(settingsForm, "method", "backOrderDIDUSA", "quantity", "3", "state", "FL", "ratecenter", "MIAMI", "billing_type", "2", "test", "1"), receipt(true)},
		{"backOrderDIDCAN", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.BackOrderCAN(ctx, &DIDBackOrderCANParams{Quantity: 1, Province: "QC", RateCenter: "MONTREAL", DIDSettings: settings, BillingType: DIDBillingTypePerMinute})
		}, with(settingsForm, "method", "backOrderDIDCAN", "quantity", "1", "province", "QC", "ratecenter", "MONTREAL", "billing_type", "1"), receipt(false)},
		// money: cancels and connects
		{"cancelDID", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.DIDs.Cancel(ctx, &DIDCancelParams{DID: "5551234567", Comment: Ptr("no longer needed"), DryRun: true})
		}, url.Values{"method": {"cancelDID"}, "did": {"5551234567"}, "cancelcomment": {"no longer needed"}, "test": {"1"}}, receipt(true)},
		{"connectDID", `{"status":"success"}`, func(c *Client) (any, error) {
			return nil, c.DIDs.Connect(ctx, &DIDConnectParams{DID: "5551234567", Account: "100001", Monthly: dec("3.50"), Setup: dec("1.99"), Minute: dec("0.03")})
		}, url.Values{"method": {"connectDID"}, "did": {"5551234567"}, "account": {"100001"}, "monthly": {"3.50"}, "setup": {"1.99"}, "minute": {"0.03"}}, nil},
		{"connectFAX", `{"status":"success"}`, func(c *Client) (any, error) {
			return nil, c.Fax.Connect(ctx, &FaxConnectParams{DID: "5551234567", Account: "100001", Monthly: dec("2"), Setup: dec("0"), Minute: dec("0.01")})
		}, url.Values{"method": {"connectFAX"}, "did": {"5551234567"}, "account": {"100001"}, "monthly": {"2"}, "setup": {"0"}, "minute": {"0.01"}}, nil},
		{"cancelFaxNumber", `{"status":"success","deleted_did":"5552341234"}`, func(c *Client) (any, error) {
			return c.Fax.Cancel(ctx, &FaxCancelParams{ID: 923, DryRun: true})
		}, url.Values{"method": {"cancelFaxNumber"}, "id": {"923"}, "test": {"1"}}, &FaxCancellation{Receipt: Receipt{DryRun: true}, DeletedDID: "5552341234"}},
		// money: reseller billing
		{"addCharge", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.Clients.AddCharge(ctx, &ClientAddChargeParams{Client: 561115, Charge: dec("4.99"), Description: Ptr("setup fee")})
		}, url.Values{"method": {"addCharge"}, "client": {"561115"}, "charge": {"4.99"}, "description": {"setup fee"}}, receipt(false)},
		{"addPayment", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.Clients.AddPayment(ctx, &ClientAddPaymentParams{Client: 561115, Payment: dec("10.50"), DryRun: true})
		}, url.Values{"method": {"addPayment"}, "client": {"561115"}, "payment": {"10.50"}, "test": {"1"}}, receipt(true)},
		{"signupClient", `{"status":"success","client":"561115"}`, func(c *Client) (any, error) {
			return c.Clients.Signup(ctx, &ClientSignupParams{Firstname: "John", Lastname: "Smith", Address: "123 Main St", City: "Montreal",
				State: "QC", Country: "CA", Zip: "H2X 1Y4", PhoneNumber: "5145550123", Email: "john@example.com", ConfirmEmail: "john@example.com",
				Password: "Sup3r-secret", ConfirmPassword: "Sup3r-secret"})
		}, url.Values{"method": {"signupClient"}, "firstname": {"John"}, "lastname": {"Smith"}, "address": {"123 Main St"}, "city": {"Montreal"},
			"state": {"QC"}, "country": {"CA"}, "zip": {"H2X 1Y4"}, "phone_number": {"5145550123"}, "email": {"john@example.com"},
			"confirm_email": {"john@example.com"}, "password": {"Sup3r-secret"}, "confirm_password": {"Sup3r-secret"}}, int64(561115)},
		// money: messages and faxes
		{"sendSMS", `{"status":"success","sms":"23434"}`, func(c *Client) (any, error) {
			return c.SMS.Send(ctx, &SMSSendParams{DID: "5551234567", Destination: "5551234568", Message: "hello John Smith"})
		}, url.Values{"method": {"sendSMS"}, "did": {"5551234567"}, "dst": {"5551234568"}, "message": {"hello John Smith"}}, int64(23434)},
		{"sendMMS", `{"status":"success","mms":"23435"}`, func(c *Client) (any, error) {
			return c.SMS.SendMMS(ctx, &SMSSendMMSParams{DID: "5551234567", Destination: "5551234568", Message: "see picture", Media1: Ptr("https://example.com/a.jpg")})
		}, url.Values{"method": {"sendMMS"}, "did": {"5551234567"}, "dst": {"5551234568"}, "message": {"see picture"}, "media1": {"https://example.com/a.jpg"}}, int64(23435)},
		{"orderFaxNumber", `{"status":"success","dids":["5878831590"]}`, func(c *Client) (any, error) {
			return c.Fax.Order(ctx, &FaxOrderParams{Location: 854, Quantity: 1, Email: Ptr("fax@example.com"), EmailEnable: Ptr(true)})
		}, url.Values{"method": {"orderFaxNumber"}, "location": {"854"}, "quantity": {"1"}, "email": {"fax@example.com"}, "email_enable": {"1"}},
			&FaxOrder{DIDs: []string{"5878831590"}}},
		{"sendFaxMessage", `{"status":"success"}`, func(c *Client) (any, error) {
			return c.Fax.Send(ctx, &FaxSendParams{ToNumber: "5551234568", FromName: "Acme", FromNumber: "5551234567", File: "data:application/pdf;base64,JVBERi0=", DryRun: true})
		}, url.Values{"method": {"sendFaxMessage"}, "to_number": {"5551234568"}, "from_name": {"Acme"}, "from_number": {"5551234567"},
			"file": {"data:application/pdf;base64,JVBERi0="}, "test": {"1"}}, receipt(true)},
		{"addLNPPort", `{"status":"success","port":"4517"}`, func(c *Client) (any, error) {
			return c.LNP.AddPort(ctx, &LNPAddPortParams{PortType: 1, Numbers: "5551234567", StatementName: "Acme Inc", FirstName: "John", LastName: "Smith",
				Address1: "123 Main St", City: "Miami", Zip: "33101", State: "FL", Country: "US", ProviderName: "OldTel", ProviderAccount: "A-1"})
		}, url.Values{"method": {"addLNPPort"}, "portType": {"1"}, "numbers": {"5551234567"}, "statementName": {"Acme Inc"}, "firstName": {"John"},
			"lastName": {"Smith"}, "address1": {"123 Main St"}, "city": {"Miami"}, "zip": {"33101"}, "state": {"FL"}, "country": {"US"},
			"providerName": {"OldTel"}, "providerAccount": {"A-1"}}, int64(4517)},
		// money: e911 (billed monthly once provisioned)
		{"e911Provision", `{"status":"success"}`, func(c *Client) (any, error) {
			return nil, c.E911.Provision(ctx, &E911ProvisionParams{DID: "5551234567", FullName: "John Smith", StreetNumber: "123", StreetName: "Main St",
				City: "Miami", State: "FL", Country: "US", Language: "en", ZipCode: "33101", Email: "john@example.com"})
		}, url.Values{"method": {"e911Provision"}, "did": {"5551234567"}, "full_name": {"John Smith"}, "street_number": {"123"}, "street_name": {"Main St"},
			"city": {"Miami"}, "state": {"FL"}, "country": {"US"}, "language": {"en"}, "zip_code": {"33101"}, "email": {"john@example.com"}}, nil},
		{"e911ProvisionManually", `{"status":"success"}`, func(c *Client) (any, error) {
			return nil, c.E911.ProvisionManually(ctx, &E911ProvisionManuallyParams{DID: "5551234567", FullName: "John Smith", StreetNumber: "1", StreetName: "Rue X",
				City: "Montreal", State: "QC", Country: "CA", Language: "fr", ZipCode: "H2X 1Y4", Email: "john@example.com"})
		}, url.Values{"method": {"e911ProvisionManually"}, "did": {"5551234567"}, "full_name": {"John Smith"}, "street_number": {"1"}, "street_name": {"Rue X"},
			"city": {"Montreal"}, "state": {"QC"}, "country": {"CA"}, "language": {"fr"}, "zip_code": {"H2X 1Y4"}, "email": {"john@example.com"}}, nil},
		{"e911Cancel", `{"status":"success"}`, func(c *Client) (any, error) {
			return nil, c.E911.Cancel(ctx, "5551234567")
		}, url.Values{"method": {"e911Cancel"}, "did": {"5551234567"}}, nil},
		// reads with money in the answer, and other areas
		{"getBalance", `{"status":"success","balance":{"current_balance":"112.192790","spent_total":"18.6004","calls_total":"157","time_total":"10:17:48","spent_today":"0.0100","calls_today":"2","time_today":"0:01:05"}}`,
			func(c *Client) (any, error) { return c.General.GetBalance(ctx, true) },
			url.Values{"method": {"getBalance"}, "advanced": {"1"}},
			&Balance{Current: dec("112.19279"), SpentTotal: dec("18.6004"), CallsTotal: 157, TimeTotal: "10:17:48", SpentToday: dec("0.01"), CallsToday: 2, TimeToday: "0:01:05"}},
		{"getTransactionHistory", `{"status":"success","transactions":[{"date":"2015-11-02 to 2016-11-01","uniqueid":"12964421","type":"Payment","description":"PayPal","ammount":"25.00"}]}`,
			func(c *Client) (any, error) {
				return c.General.ListTransactions(ctx, time.Date(2016, 6, 3, 0, 0, 0, 0, time.UTC), time.Date(2016, 6, 4, 0, 0, 0, 0, time.UTC))
			},
			url.Values{"method": {"getTransactionHistory"}, "date_from": {"2016-06-03"}, "date_to": {"2016-06-04"}},
			[]Transaction{{Date: DateRange{Start: time.Date(2015, 11, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2016, 11, 1, 0, 0, 0, 0, time.UTC)},
				UniqueID: "12964421", Type: "Payment", Description: "PayPal", Amount: dec("25")}}},
		{"setForwarding create", `{"status":"success","forwarding":"19183"}`, func(c *Client) (any, error) {
			return c.Forwardings.Set(ctx, &ForwardingSetParams{PhoneNumber: "5145550123", Description: Ptr("desk")})
		}, url.Values{"method": {"setForwarding"}, "phone_number": {"5145550123"}, "description": {"desk"}}, int64(19183)},
		{"setDIDRouting", `{"status":"success"}`, func(c *Client) (any, error) {
			return nil, c.DIDs.SetRouting(ctx, "5551234567", RouteForwarding(19183))
		}, url.Values{"method": {"setDIDRouting"}, "did": {"5551234567"}, "routing": {"fwd:19183"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mock, body := newGenClient(t, tc.answer)
			got, err := tc.call(c)
			if err != nil {
				t.Fatal(err)
			}
			form, err := url.ParseQuery(body())
			if err != nil {
				t.Fatal(err)
			}
			if form.Get("api_username") != "u@example.com" || form.Get("api_password") != "pw-golden" {
				t.Errorf("credentials missing from the form: %v", form)
			}
			form.Del("api_username")
			form.Del("api_password")
			if d := cmp.Diff(tc.form, form); d != "" {
				t.Errorf("form (-want +got):\n%s", d)
			}
			if n := mock.GetTotalCallCount(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
			if tc.want == nil {
				return
			}
			if d := cmp.Diff(tc.want, got, opts); d != "" {
				t.Errorf("result (-want +got):\n%s", d)
			}
		})
	}
}
