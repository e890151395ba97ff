package voipms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
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

// rmwCase is one Update helper run with no change on a record shaped like
// the upstream sample answer of its read method.
type rmwCase struct {
	read, write string
	key, id     string // the answer's list key and the record's id field
	// rename: read field -> write parameter, typed here from the docs (the
	// getDIDsInfo and setSMS pages), not taken from the code under test.
	rename map[string]string
	params reflect.Type
	update func(c *Client, id string) error
}

var rmwCases = []rmwCase{
	{"getDIDsInfo", "setDIDInfo", "dids", "did", nil, reflect.TypeFor[DIDSetInfoParams](),
		func(c *Client, id string) error { return c.DIDs.Update(context.Background(), id, nil) }},
	{"getDIDsInfo", "setSMS", "dids", "did", map[string]string{"sms_enabled": "enable", "sms_email_enabled": "email_enabled",
		"sms_email": "email_address", "sms_forward_enabled": "sms_forward_enable", "sms_url_callback_enabled": "url_callback_enable",
		"sms_url_callback": "url_callback", "sms_url_callback_retry": "url_callback_retry", "webhook_enabled": "webhook_enable"},
		reflect.TypeFor[SMSSetSettingsParams](),
		func(c *Client, id string) error { return c.SMS.UpdateSettings(context.Background(), id, nil) }},
	{"getSubAccounts", "setSubAccount", "accounts", "account", nil, reflect.TypeFor[AccountSetParams](),
		func(c *Client, id string) error { return c.Accounts.Update(context.Background(), id, nil) }},
	{"getVoicemails", "setVoicemail", "voicemails", "mailbox", nil, reflect.TypeFor[VoicemailSetParams](),
		func(c *Client, id string) error { return c.Voicemail.Update(context.Background(), id, nil) }},
	{"getClients", "setClient", "clients", "client", nil, reflect.TypeFor[ClientSetParams](),
		func(c *Client, id string) error {
			n, _ := strconv.ParseInt(id, 10, 64)
			return c.Clients.Update(context.Background(), n, nil)
		}},
}

// paramNames lists the url names of a params struct (embedded blocks
// flattened), without the dry-run flag.
func paramNames(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("url"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range paramNames(f.Type) {
				out[k] = v
			}
			continue
		}
		if name != "" && name != "-" && name != "test" {
			out[name] = f.Type
		}
	}
	return out
}

// Issue 11 §5: an Update with no change sends exactly the fields the read
// returned (those the set method takes), with the values it returned, and
// nothing else. The records are the upstream sample answers (docs, plus the
// live-only keys of decode_samples_test.go), so they are real-shaped:
// strings for numbers, yes/no flags, fields the set method does not take.
func TestUpdateWithoutChangeSendsExactlyWhatWasRead(t *testing.T) {
	shapes := loadSampleShapes(t)
	for m, extra := range liveExtraFields {
		withExtras(shapes[m], extra)
	}
	var cases []rmwCase
	for _, tc := range rmwCases {
		cases = append(cases, tc)
		if tc.read == "getDIDsInfo" {
			// A live record without the newer settings (the #214 capture,
			// reference §2.4 getDIDsInfo notes): no transcription or SMPP keys.
			old := tc
			old.write += "/without-transcription-and-smpp"
			cases = append(cases, old)
		}
	}
	for _, tc := range cases {
		t.Run(tc.write, func(t *testing.T) {
			body := sampleJSON(shapes[tc.read]).(map[string]any)
			row := body[tc.key].([]any)[0].(map[string]any)
			if tc.read == "getDIDsInfo" {
				row["did"] = "5551234567" // the docs' sample is a number already; keep it 10 digits
			}
			if strings.HasSuffix(tc.write, "/without-transcription-and-smpp") {
				for k := range row {
					if strings.HasPrefix(k, "transcri") || strings.HasPrefix(k, "smpp_") {
						delete(row, k)
					}
				}
				// And a required parameter the read lacks (cnam, setSMS's
				// enable): its zero value must not be sent either.
				delete(row, "cnam")
				delete(row, "sms_enabled")
			}
			id := row[tc.id].(string)
			raw, _ := json.Marshal(body)
			c, _, written := updateMock(t, tc.read, string(raw))
			if err := tc.update(c, id); err != nil {
				t.Fatal(err)
			}
			takes := paramNames(tc.params)
			want := map[string]string{}
			for k, v := range row {
				w := k
				if r, ok := tc.rename[k]; ok {
					w = r
				}
				if _, ok := takes[w]; ok {
					want[w] = fmt.Sprint(v)
				}
			}
			got := map[string]string{}
			for k := range *written {
				if k != "method" && k != "api_username" && k != "api_password" {
					got[k] = written.Get(k)
				}
			}
			for k := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("sent %s=%q, which the read did not return", k, got[k])
				}
			}
			for k, v := range want {
				g, ok := got[k]
				if !ok {
					t.Errorf("read %s=%q, not sent back", k, v)
					continue
				}
				// The same value, in the form the set method takes (a flag
				// read as "yes" may be sent as 1): compare decoded.
				typ := takes[k]
				for typ.Kind() == reflect.Pointer {
					typ = typ.Elem()
				}
				a, b := reflect.New(typ), reflect.New(typ)
				ja, _ := json.Marshal(v)
				jb, _ := json.Marshal(g)
				if err := unmarshal(ja, a.Interface()); err != nil {
					t.Fatalf("%s: read value %q: %v", k, v, err)
				}
				if err := unmarshal(jb, b.Interface()); err != nil || !reflect.DeepEqual(a.Elem().Interface(), b.Elem().Interface()) {
					t.Errorf("%s: read %q, sent %q", k, v, g)
				}
			}
			if len(want) < 5 {
				t.Errorf("only %d fields compared: %v", len(want), want)
			}
		})
	}
}

// Issue 12 §3: one mechanism, one not-found behaviour: every Update helper
// answers ErrNotFound, without writing, when the read has no such record —
// an empty answer, the invalid_<id> status, or a list without it.
func TestUpdateNotFoundIsTheSameEverywhere(t *testing.T) {
	invalid := map[string]string{"getDIDsInfo": "invalid_did", "getSubAccounts": "invalid_account",
		"getVoicemails": "invalid_mailbox", "getClients": "invalid_client"}
	empty := map[string]string{"getDIDsInfo": "no_did", "getSubAccounts": "no_account",
		"getVoicemails": "no_mailbox", "getClients": "no_client"}
	ids := map[string]string{"did": "5551234567", "account": "100001_VoIP", "mailbox": "101", "client": "561115"}
	for _, tc := range rmwCases {
		for name, body := range map[string]string{
			"invalid": `{"status":"` + invalid[tc.read] + `"}`,
			"empty":   `{"status":"` + empty[tc.read] + `"}`,
			"other":   `{"status":"success","` + tc.key + `":[{"` + tc.id + `":"4"}]}`,
		} {
			t.Run(tc.write+"/"+name, func(t *testing.T) {
				c, mock, written := updateMock(t, tc.read, body)
				err := tc.update(c, ids[tc.id])
				if !errors.Is(err, ErrNotFound) {
					t.Errorf("err = %v, want ErrNotFound", err)
				}
				if len(*written) != 0 || mock.GetTotalCallCount() != 1 {
					t.Errorf("wrote after a failed read (%d calls)", mock.GetTotalCallCount())
				}
			})
		}
	}
}
