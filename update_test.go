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

// updateMock answers the read with record and records the write's form.
func updateMock(t *testing.T, readMethod, record string) (*Client, *httpmock.MockTransport, *url.Values) {
	t.Helper()
	c, mock := newMockClient(t)
	written := &url.Values{}
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(b))
		if form.Get("method") == readMethod {
			return httpmock.NewStringResponse(200, record), nil
		}
		*written = form
		return httpmock.NewStringResponse(200, `{"status":"success"}`), nil
	})
	return c, mock, written
}

func TestAccountsUpdateKeepsUntouchedFields(t *testing.T) {
	rec := `{"status":"success","accounts":[{"id":"99","account":"100001_Other","description":"x"},
	{"id":"100","account":"100001_VoIP","username":"VoIP","description":"Front desk","auth_type":"1","password":"sip-pw",
	"ip":"","device_type":"2","callerid_number":"5551234567","canada_routing":"1","lock_international":"1",
	"international_route":"1","music_on_hold":"default","language":"en","record_calls":"0","allowed_codecs":"ulaw;g729",
	"dtmf_mode":"auto","nat":"yes","sip_traffic":"1","max_expiry":"3600","rtp_timeout":"60","rtp_hold_timeout":"600",
	"internal_extension":"101","internal_voicemail":"101","internal_dialtime":"60","reseller_client":"0","send_bye":1}]}`
	c, _, written := updateMock(t, "getSubAccounts", rec)
	err := c.Accounts.Update(context.Background(), "100001_VoIP", func(p *AccountSetParams) error {
		p.Description = Ptr("Reception")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"method": "setSubAccount", "id": "100", "description": "Reception", "auth_type": "1", "password": "sip-pw",
		"device_type": "2", "callerid_number": "5551234567", "lock_international": "1", "international_route": "1",
		"music_on_hold": "default", "language": "en", "allowed_codecs": "ulaw;g729", "dtmf_mode": "auto", "nat": "yes",
		"sip_traffic": "1", "max_expiry": "3600", "rtp_timeout": "60", "rtp_hold_timeout": "600",
		"internal_extension": "101", "internal_voicemail": "101", "internal_dialtime": "60", "send_bye": "1",
		"record_calls": "0",
	}
	for k, v := range want {
		if got := written.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestVoicemailUpdateKeepsUntouchedFields(t *testing.T) {
	rec := `{"status":"success","voicemails":[{"mailbox":"101","name":"Main","skip_password":"no","email":"a@example.com",
	"attach_message":"yes","delete_message":"no","say_time":"yes","timezone":"America/Toronto","say_callerid":"yes",
	"play_instructions":"u","language":"en","email_attachment_format":"wav49","new":"0","urgent":"0","old":"2"}]}`
	c, _, written := updateMock(t, "getVoicemails", rec)
	err := c.Voicemail.Update(context.Background(), "101", func(p *VoicemailSetParams) error {
		p.Password = "1234"
		p.SayTime = false
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"mailbox": "101", "name": "Main", "password": "1234", "skip_password": "no",
		"email": "a@example.com", "attach_message": "yes", "delete_message": "no", "say_time": "no",
		"timezone": "America/Toronto", "say_callerid": "yes", "play_instructions": "u", "language": "en",
		"email_attachment_format": "wav49"}
	for k, v := range want {
		if got := written.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestClientsUpdate(t *testing.T) {
	rec := `{"status":"success","clients":[{"client":"561115","email":"jane@example.com","password":"pw","company":"Acme",
	"firstname":"Jane","lastname":"Doe","address":"1 Main St","city":"Montreal","state":"QC","country":"CA","zip":"H0H0H0",
	"phone_number":"5145550123","balance_management":"1"}]}`
	c, _, written := updateMock(t, "getClients", rec)
	err := c.Clients.Update(context.Background(), 561115, func(p *ClientSetParams) error {
		p.City = Ptr("Laval")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"client": "561115", "email": "jane@example.com", "company": "Acme", "firstname": "Jane",
		"lastname": "Doe", "address": "1 Main St", "city": "Laval", "state": "QC", "country": "CA", "zip": "H0H0H0",
		"phone_number": "5145550123", "balance_management": "1", "password": "pw"} {
		if got := written.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestUpdateNotFoundAndAbort(t *testing.T) {
	c, mock, _ := updateMock(t, "getClients", `{"status":"no_client"}`)
	err := c.Clients.Update(context.Background(), 1, func(*ClientSetParams) error { return nil })
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("missing client: %v", err)
	}
	c, mock, written := updateMock(t, "getVoicemails", `{"status":"success","voicemails":[{"mailbox":"101","name":"Main"}]}`)
	stop := errors.New("stop")
	if err := c.Voicemail.Update(context.Background(), "101", func(*VoicemailSetParams) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("abort: %v", err)
	}
	if len(*written) != 0 || mock.GetTotalCallCount() != 1 {
		t.Errorf("an aborted update must not write (%d calls)", mock.GetTotalCallCount())
	}
	if err := c.Voicemail.Update(context.Background(), "102", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("other mailbox: %v", err)
	}
}
