package voipms

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/jarcoal/httpmock"
)

// A getDIDsInfo record as the live API sends it (scalars as strings), with
// two settings the docs' sample lacks.
const updateDIDRecord = `{"status":"success","dids":[{"did":"5551234567","description":"MIAMI, FL",
"routing":"account:100001_VoIP","failover_busy":"none:","failover_unreachable":"fwd:1521","failover_noanswer":"vm:101",
"voicemail":"101","pop":"16","dialtime":"60","cnam":"1","e911":"0","callerid_prefix":"MIA","note":"front desk",
"port_out_pin":"1234","billing_type":"2","next_billing":"2014-08-30","order_date":"2014-07-30 15:09:04",
"reseller_account":"0","reseller_next_billing":"0000-00-00","reseller_monthly":"0.00000000","reseller_minute":"0.00000000",
"reseller_setup":"0.00000000","sms_available":"1","sms_enabled":"1","sms_email":"sms@example.com","sms_email_enabled":"1",
"sms_forward":"5552223333","sms_forward_enabled":"0","sms_url_callback":"https://example.com/in","sms_url_callback_enabled":"1",
"sms_url_callback_retry":"1","smpp_enabled":"0","smpp_url":"","smpp_user":"","smpp_pass":"","transcribe":"0",
"transcription_locale":"en-US","transcription_redaction":"no","transcription_summary":"yes","transcription_sentiment":"no",
"transcription_email":"","record_calls":"1","voicemail_threshold":"10","webhook_enabled":"1","webhook":"https://pbx.example.com/hook"}]}`

// newUpdateClient answers getDIDsInfo with read and every other method with
// success, recording the form of each request.
func newUpdateClient(t *testing.T, read string, opts ...Option) (*Client, *[]url.Values) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	var forms []url.Values
	mock.RegisterResponder(http.MethodPost, DefaultBaseURL, func(req *http.Request) (*http.Response, error) {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		form, err := url.ParseQuery(string(b))
		if err != nil {
			return nil, err
		}
		forms = append(forms, form)
		if form.Get("method") == "getDIDsInfo" {
			return httpmock.NewStringResponse(200, read), nil
		}
		return httpmock.NewStringResponse(200, `{"status":"success"}`), nil
	})
	c, err := New("u@example.com", "pw", append([]Option{WithHTTPClient(&http.Client{Transport: mock})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, &forms
}

func checkForm(t *testing.T, form url.Values, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got, ok := form[k]; !ok || got[0] != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestDIDsUpdateKeepsOtherSettings(t *testing.T) {
	c, forms := newUpdateClient(t, updateDIDRecord)
	err := c.DIDs.Update(context.Background(), "5551234567", func(p *DIDSetInfoParams) error {
		p.Routing = RouteForwarding(1026)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(*forms) != 2 || (*forms)[0].Get("method") != "getDIDsInfo" || (*forms)[1].Get("method") != "setDIDInfo" {
		t.Fatalf("calls = %v, want getDIDsInfo then setDIDInfo", *forms)
	}
	set := (*forms)[1]
	checkForm(t, set, map[string]string{
		"did": "5551234567", "routing": "fwd:1026", "failover_busy": "none:", "failover_unreachable": "fwd:1521",
		"failover_noanswer": "vm:101", "voicemail": "101", "pop": "16", "dialtime": "60", "cnam": "1",
		"callerid_prefix": "MIA", "note": "front desk", "port_out_pin": "1234", "billing_type": "2",
		"transcribe": "0", "transcription_locale": "en-US", "transcription_redaction": "no",
		"transcription_summary": "yes", "transcription_sentiment": "no",
		"record_calls": "1", "voicemail_threshold": "10", "transcription_email": "",
	})
	for _, k := range []string{"transcription_start_delay", "inbound_dialing_mode", "sms_sipaccount"} {
		if _, ok := set[k]; ok {
			t.Errorf("%s sent although the DID record does not carry it", k)
		}
	}
}

func TestSMSUpdateSettingsKeepsOtherSettings(t *testing.T) {
	c, forms := newUpdateClient(t, updateDIDRecord)
	err := c.SMS.UpdateSettings(context.Background(), "5551234567", func(p *SMSSetSettingsParams) error {
		p.URLCallback = Ptr("https://example.com/new")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(*forms) != 2 || (*forms)[1].Get("method") != "setSMS" {
		t.Fatalf("calls = %v, want getDIDsInfo then setSMS", *forms)
	}
	checkForm(t, (*forms)[1], map[string]string{
		"did": "5551234567", "enable": "1", "email_enabled": "1", "email_address": "sms@example.com",
		"sms_forward_enable": "0", "sms_forward": "5552223333", "url_callback_enable": "1",
		"url_callback": "https://example.com/new", "url_callback_retry": "1", "smpp_enabled": "0",
		"webhook_enable": "1", "webhook": "https://pbx.example.com/hook",
	})
}

func TestDIDsUpdateStopsBeforeWriting(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("changed my mind")

	c, forms := newUpdateClient(t, updateDIDRecord)
	if err := c.DIDs.Update(ctx, "5551234567", func(*DIDSetInfoParams) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the change function's error", err)
	}
	if len(*forms) != 1 {
		t.Errorf("%d calls, want only the read", len(*forms))
	}

	c, forms = newUpdateClient(t, updateDIDRecord)
	err := c.DIDs.Update(ctx, "5551234567", func(p *DIDSetInfoParams) error { p.Routing = Routing{Header: "bogus", Target: "1"}; return nil })
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "routing" {
		t.Errorf("err = %v, want a ValidationError on routing", err)
	}
	if len(*forms) != 1 {
		t.Errorf("%d calls, want only the read", len(*forms))
	}

	c, forms = newUpdateClient(t, updateDIDRecord)
	if err := c.SMS.UpdateSettings(ctx, "5551234567", func(p *SMSSetSettingsParams) error { p.DID = "5559999999"; return nil }); !errors.As(err, &ve) {
		t.Errorf("err = %v, want a ValidationError for a moved DID", err)
	}
	if len(*forms) != 1 {
		t.Errorf("%d calls, want only the read", len(*forms))
	}

	for _, read := range []string{`{"status":"no_did"}`, `{"status":"invalid_did"}`, `{"status":"success","dids":[]}`} {
		c, forms = newUpdateClient(t, read)
		if err := c.DIDs.Update(ctx, "5551234567", nil); !errors.Is(err, ErrNotFound) {
			t.Errorf("read %s: err = %v, want ErrNotFound", read, err)
		}
		if len(*forms) != 1 {
			t.Errorf("read %s: %d calls, want only the read", read, len(*forms))
		}
	}

	c, forms = newUpdateClient(t, updateDIDRecord)
	if err := c.DIDs.Update(ctx, "555-1234", nil); !errors.As(err, &ve) || ve.Field != "did" {
		t.Errorf("err = %v, want a ValidationError on did", err)
	}
	if len(*forms) != 0 {
		t.Errorf("%d calls for a malformed DID, want 0", len(*forms))
	}

	c, forms = newUpdateClient(t, updateDIDRecord, WithDryRun())
	if err := c.DIDs.Update(ctx, "5551234567", nil); !errors.Is(err, ErrDryRunRefused) {
		t.Errorf("dry-run client: err = %v, want ErrDryRunRefused", err)
	}
	if len(*forms) != 1 {
		t.Errorf("dry-run client: %d calls, want only the read", len(*forms))
	}
}
