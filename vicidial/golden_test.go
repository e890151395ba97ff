package vicidial_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/didkit/voipms/vicidial"
)

// canned answers that decode, per function, for the golden request test.
var canned = map[string]string{
	"version":            "VERSION: 2.14-202|BUILD: 250718-1200|DATE: 2026-07-15 12:00:00|EPOCH: 1784131200|DST: 1|TZ: -5|TZNOW: -4|\n",
	"sounds_list":        "a.wav\t2017-01-01 00:00:00\t10\n",
	"moh_list":           "<select></select>\n",
	"vm_list":            "<select></select>\n",
	"blind_monitor":      "SUCCESS: blind_monitor HAS BEEN LAUNCHED - 350a|010*010*010*016*350|8600051\n",
	"add_lead":           "SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551212|999|193715|-5|6666\n",
	"update_lead":        "SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|27|1\n",
	"agent_ingroup_info": "1000|TESTCAMP|SALESLINE|INCALL\n",
	"recording_lookup":   "2010-12-03 12:00:01\t1000\t534820\t876409\thttp://x/y.wav\n",
	"did_log_export":     "3125551212\t7275551212\t2010-12-03 12:00:01\t123\n",
	"agent_stats_export": strings.Repeat("1\t", 16) + "1\n",
	"add_user":           "SUCCESS: add_user USER HAS BEEN ADDED - 6666|1000|9999|1|Testing+Person|AGENTS\n",
	"update_user":        "SUCCESS: update_user USER HAS BEEN UPDATED - 6666|2424\n",
	"add_phone":          "SUCCESS: add_phone PHONE HAS BEEN ADDED - 6666|55000|192.168.198.5|SIP|55000\n",
	"update_phone":       "SUCCESS: update_phone PHONE HAS BEEN UPDATED - 6666|55000|192.168.198.5\n",
	"add_phone_alias":    "SUCCESS: add_phone_alias PHONE ALIAS HAS BEEN ADDED - 6666|desk|cc100,cc101|Desk\n",
	"update_phone_alias": "SUCCESS: update_phone_alias PHONE ALIAS HAS BEEN DELETED - 6666|desk\n",
	"add_list":           "SUCCESS: add_list LIST HAS BEEN ADDED - 6666|1101|TESTCAMP\n",
	"update_list":        "SUCCESS: update_list LIST HAS BEEN UPDATED - 6666|1101|TESTCAMP\n",
	"add_group_alias":    "SUCCESS: add_group_alias GROUP ALIAS HAS BEEN ADDED - 6666|7275551212|test_group_alias|test group alias\n",
	"user_group_status":  "ADMIN AGENTS\t0\t1\t0\t1\t0\t0\t0\n",
	"in_group_status":    "SALESLINE SUPPORT\t31\t0\t75\t54\t0\t20\t1\n",
	"agent_status":       "INCALL\tM4050908070000012345\t12345\tTESTCAMP\t1\tTest Agent\tAGENTS\t3\tLOGIN\t\t7275551212\t123456\t8600051\n",
	"callid_info":        "M4050908070000012345\t725\n",
	"lead_field_info":    "1234567890\n",
	"server_refresh":     "SUCCESS: server_refresh SERVER REFRESH HAS BEEN TRIGGERED - 6666|1\n",
	"check_phone_number": "AREACODE: 1|-6#PHONE: 3125551212|1||||\n",
	"logged_in_agents":   "1000\tTESTCAMP\t8600051\tINCALL\t1\tM1\t1\tTest Agent\tAGENTS\t1\n",
	"update_campaign":    "SUCCESS: update_campaign CAMPAIGN HAS BEEN UPDATED - 6666|TESTCAMP\n",
	"phone_number_log":   "9998887112\t2017-01-06 08:11:01\t82106\t25\tTD\tAGENT\tSALE\tmail098\t6666\n",
	"update_log_entry":   "SUCCESS: update_log_entry RECORD HAS BEEN UPDATED - 6666|6666|SALESLINE|Y2010309520000000234|SALEX|WN|1347566056.399|\n",
	"add_did":            "SUCCESS: add_did DID HAS BEEN ADDED - 6666|3125550100\n",
	"update_did":         "SUCCESS: update_did DID HAS BEEN UPDATED - 6666|3125550100\n",
	"update_did delete":  "SUCCESS: update_did DID HAS BEEN DELETED - 6666|3125550100\n",
	"copy_did":           "SUCCESS: copy_did DID HAS BEEN COPIED - 6666|3125550200|3125550100\n",
}

type recorded struct {
	method, query, ctype, ua, body string
	getBody                        bool
}

// recorder answers canned bodies and keeps every request.
type recorder struct {
	mu   sync.Mutex
	reqs []recorded
	next http.RoundTripper
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.reqs = append(r.reqs, recorded{req.Method, req.URL.RawQuery, req.Header.Get("Content-Type"), req.Header.Get("User-Agent"), string(b), req.GetBody != nil})
	r.mu.Unlock()
	form, _ := url.ParseQuery(string(b))
	body := canned[form.Get("function")]
	if form.Get("delete_did") == "Y" {
		body = canned["update_did delete"]
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

func (r *recorder) last() recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs[len(r.reqs)-1]
}

const auth = "pass=Sentinel-PW1&source=test&user=6666"

// TestGoldenRequests pins the form body each typed method sends, written by
// hand from the documentation's example URLs (keys sorted as url.Values
// encodes them), and the request's shape: a POST with a form body, nothing
// in the URL query, writes without GetBody so that net/http cannot replay
// them.
func TestGoldenRequests(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	c, err := vicidial.New("https://dialer.example/vicidial/non_agent_api.php", "6666", "Sentinel-PW1", "test",
		vicidial.WithHTTPClient(&http.Client{Transport: rec}), vicidial.WithServerBuild("250718-1200"))
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2010, 12, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		fn    string
		write bool
		call  func() error
		want  string
	}{
		{"version", false, func() error { _, err := c.System.GetVersion(ctx); return err }, "function=version"},
		{"sounds_list", false, func() error {
			_, err := c.System.ListSounds(ctx, &vicidial.ListFormatParams{Format: "selectframe", Comments: "fieldname", Sort: "date"})
			return err
		}, "comments=fieldname&format=selectframe&function=sounds_list&pass=Sentinel-PW1&source=test&stage=date&user=6666"},
		{"moh_list", false, func() error {
			_, err := c.System.ListMusicOnHold(ctx, &vicidial.ListFormatParams{Format: "selectframe", Comments: "fieldname"})
			return err
		}, "comments=fieldname&format=selectframe&function=moh_list&" + auth},
		{"vm_list", false, func() error { _, err := c.System.ListVoicemailBoxes(ctx, nil); return err }, "function=vm_list&" + auth},
		{"blind_monitor", true, func() error {
			_, err := c.Calls.BlindMonitor(ctx, &vicidial.CallBlindMonitorParams{PhoneLogin: "350a", SessionID: "8600051", ServerIP: "10.10.10.16", Stage: "MONITOR"})
			return err
		}, "function=blind_monitor&" + "pass=Sentinel-PW1&phone_login=350a&server_ip=10.10.10.16&session_id=8600051&source=test&stage=MONITOR&user=6666"},
		{"add_lead", true, func() error {
			_, err := c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "7275551212", PhoneCode: "1", ListID: "999", DNCCheck: "N",
				AddToHopper: true, Hopper: vicidial.Hopper{Priority: vicidial.Int(0), LocalCallTimeCheck: true},
				DuplicateCheck: []string{"DUPLIST", "DUPNAMEPHONELIST"}, LeadFields: vicidial.LeadFields{FirstName: "Bob", LastName: "Wilson", Address1: "1234 Main St."},
				CustomFields: map[string]string{"favorite_color": "blue"}})
			return err
		}, "add_to_hopper=Y&address1=1234+Main+St.&custom_fields=Y&dnc_check=N&duplicate_check=DUPLIST-DUPNAMEPHONELIST&favorite_color=blue&first_name=Bob&function=add_lead&hopper_local_call_time_check=Y&hopper_priority=0&last_name=Wilson&list_id=999&pass=Sentinel-PW1&phone_code=1&phone_number=7275551212&source=test&user=6666"},
		{"update_lead", true, func() error {
			_, err := c.Leads.Update(ctx, &vicidial.LeadUpdateParams{LeadID: 27, CampaignID: "TESTCAMP", Callback: &vicidial.Callback{Status: "CALLBK", Datetime: "NOW", Type: "USERONLY", User: "1028", Comments: "Comments go here"},
				LeadFields: vicidial.LeadFields{LastName: "SMITH", Province: vicidial.Blank}})
			return err
		}, "callback=Y&callback_comments=Comments+go+here&callback_datetime=NOW&callback_status=CALLBK&callback_type=USERONLY&callback_user=1028&campaign_id=TESTCAMP&function=update_lead&last_name=SMITH&lead_id=27&pass=Sentinel-PW1&province=--BLANK--&source=test&user=6666"},
		{"agent_ingroup_info", false, func() error { _, err := c.Reports.GetAgentInGroupInfo(ctx, "1000", "change"); return err },
			"agent_user=1000&function=agent_ingroup_info&pass=Sentinel-PW1&source=test&stage=change&user=6666"},
		{"recording_lookup", false, func() error {
			_, err := c.Reports.ListRecordings(ctx, &vicidial.ReportListRecordingsParams{AgentUser: "1000", Date: day})
			return err
		}, "agent_user=1000&date=2010-12-03&function=recording_lookup&header=NO&pass=Sentinel-PW1&source=test&stage=tab&user=6666"},
		{"did_log_export", false, func() error { _, err := c.DIDs.ListCalls(ctx, "3125551212", day); return err },
			"date=2010-12-03&function=did_log_export&header=NO&" + "pass=Sentinel-PW1&phone_number=3125551212&source=test&stage=tab&user=6666"},
		{"agent_stats_export", false, func() error {
			_, err := c.Reports.ListAgentStats(ctx, &vicidial.ReportListAgentStatsParams{Start: time.Date(2012, 8, 9, 0, 0, 0, 0, time.UTC), End: time.Date(2012, 8, 10, 23, 59, 59, 0, time.UTC), AgentUser: "youruser"})
			return err
		}, "agent_user=youruser&datetime_end=2012-08-10+23%3A59%3A59&datetime_start=2012-08-09+00%3A00%3A00&function=agent_stats_export&header=NO&pass=Sentinel-PW1&source=test&stage=tab&time_format=S&user=6666"},
		{"add_user", true, func() error {
			_, err := c.Users.Add(ctx, &vicidial.UserAddParams{AgentUser: "1000", AgentPass: "9999", AgentUserLevel: 1, AgentFullName: "Testing Person", AgentUserGroup: "AGENTS",
				UserFields: vicidial.UserFields{PhoneLogin: "100", PhonePass: "test", HotkeysActive: vicidial.Bool(true), CustomOne: "jjjj"}})
			return err
		}, "agent_full_name=Testing+Person&agent_pass=9999&agent_user=1000&agent_user_group=AGENTS&agent_user_level=1&custom_one=jjjj&function=add_user&hotkeys_active=1&pass=Sentinel-PW1&phone_login=100&phone_pass=test&source=test&user=6666"},
		{"update_user", true, func() error {
			_, err := c.Users.Update(ctx, &vicidial.UserUpdateParams{AgentUser: "2424", AgentFullName: "Testing", UserFields: vicidial.UserFields{HotkeysActive: vicidial.Bool(false)}, Active: vicidial.Bool(true)})
			return err
		}, "active=Y&agent_full_name=Testing&agent_user=2424&function=update_user&hotkeys_active=0&" + auth},
		{"add_phone", true, func() error {
			_, err := c.Phones.Add(ctx, &vicidial.PhoneAddParams{Extension: "55000", ServerIP: "192.168.198.5", PhoneFields: vicidial.PhoneFields{DialplanNumber: "55000", VoicemailID: "55000",
				PhoneLogin: "55000", PhonePass: "test", Protocol: "SIP", RegistrationPassword: "test", PhoneFullName: "Extension 55000", LocalGMT: "-5.00", OutboundCID: "7275551212"}})
			return err
		}, "dialplan_number=55000&extension=55000&function=add_phone&local_gmt=-5.00&outbound_cid=7275551212&pass=Sentinel-PW1&phone_full_name=Extension+55000&phone_login=55000&phone_pass=test&protocol=SIP&registration_password=test&server_ip=192.168.198.5&source=test&user=6666&voicemail_id=55000"},
		{"update_phone", true, func() error {
			_, err := c.Phones.Update(ctx, &vicidial.PhoneUpdateParams{Extension: "55000", ServerIP: "192.168.198.5", Active: vicidial.Bool(false)})
			return err
		}, "active=N&extension=55000&function=update_phone&" + auth[:len("pass=Sentinel-PW1")] + "&server_ip=192.168.198.5&source=test&user=6666"},
		{"add_phone_alias", true, func() error {
			_, err := c.Phones.AddAlias(ctx, &vicidial.PhoneAliasParams{AliasID: "desk", PhoneLogins: []string{"cc100", "cc101"}, AliasName: "Desk"})
			return err
		}, "alias_id=desk&alias_name=Desk&function=add_phone_alias&" + auth[:len("pass=Sentinel-PW1")] + "&phone_logins=cc100%2Ccc101&source=test&user=6666"},
		{"update_phone_alias", true, func() error {
			_, err := c.Phones.UpdateAlias(ctx, &vicidial.PhoneAliasParams{AliasID: "desk", DeleteAlias: true})
			return err
		}, "alias_id=desk&delete_alias=Y&function=update_phone_alias&" + auth},
		{"add_list", true, func() error {
			_, err := c.Lists.Add(ctx, &vicidial.ListParams{ListID: "1101", ListName: "Florida leads", CampaignID: "TESTCAMP", Active: vicidial.Bool(true)})
			return err
		}, "active=Y&campaign_id=TESTCAMP&function=add_list&list_id=1101&list_name=Florida+leads&" + auth},
		{"update_list", true, func() error {
			_, err := c.Lists.Update(ctx, &vicidial.ListParams{ListID: "1101", ResetList: true})
			return err
		}, "function=update_list&list_id=1101&pass=Sentinel-PW1&reset_list=Y&source=test&user=6666"},
		{"add_group_alias", true, func() error {
			_, err := c.GroupAliases.Add(ctx, &vicidial.GroupAliasAddParams{CallerIDNumber: "7275551212", GroupAliasID: "test_group_alias", GroupAliasName: "test group alias"})
			return err
		}, "caller_id_number=7275551212&function=add_group_alias&group_alias_id=test_group_alias&group_alias_name=test+group+alias&" + auth},
		{"user_group_status", false, func() error { _, err := c.Reports.GetUserGroupStatus(ctx, "ADMIN", "AGENTS"); return err },
			"function=user_group_status&header=NO&pass=Sentinel-PW1&source=test&stage=tab&user=6666&user_groups=ADMIN%7CAGENTS"},
		{"in_group_status", false, func() error { _, err := c.Reports.GetInGroupStatus(ctx, "SALESLINE", "SUPPORT"); return err },
			"function=in_group_status&header=NO&in_groups=SALESLINE%7CSUPPORT&pass=Sentinel-PW1&source=test&stage=tab&user=6666"},
		{"agent_status", false, func() error { _, err := c.Reports.GetAgentStatus(ctx, "1234"); return err },
			"agent_user=1234&function=agent_status&header=NO&pass=Sentinel-PW1&source=test&stage=tab&user=6666"},
		{"callid_info", false, func() error { _, err := c.Calls.Get(ctx, "M4050908070000012345", false); return err },
			"call_id=M4050908070000012345&function=callid_info&header=NO&pass=Sentinel-PW1&source=test&stage=tab&user=6666"},
		{"lead_field_info", false, func() error {
			_, err := c.Leads.GetField(ctx, &vicidial.LeadGetFieldParams{LeadID: 1139739, FieldName: "cc_value", CustomFields: true, ListID: "999888999777"})
			return err
		}, "custom_fields=Y&field_name=cc_value&function=lead_field_info&lead_id=1139739&list_id=999888999777&" + auth},
		{"server_refresh", true, func() error { _, err := c.System.Refresh(ctx); return err },
			"function=server_refresh&" + auth[:len("pass=Sentinel-PW1&source=test")] + "&stage=REFRESH&user=6666"},
		{"check_phone_number", false, func() error {
			_, err := c.System.CheckPhoneNumber(ctx, &vicidial.SystemCheckPhoneNumberParams{PhoneNumber: "3125551212", PhoneCode: "1", LocalCallTime: "9am-9pm", DNCCheck: "Y", USACanAreacodeCheck: true})
			return err
		}, "dnc_check=Y&function=check_phone_number&local_call_time=9am-9pm&pass=Sentinel-PW1&phone_code=1&phone_number=3125551212&source=test&usacan_areacode_check=Y&user=6666"},
		{"logged_in_agents", false, func() error {
			_, err := c.Reports.ListLoggedInAgents(ctx, &vicidial.ReportListLoggedInAgentsParams{Campaigns: []string{"TESTCAMP", "SALES"}, ShowSubStatus: true})
			return err
		}, "campaigns=TESTCAMP%7CSALES&function=logged_in_agents&header=NO&" + auth[:len("pass=Sentinel-PW1")] + "&show_sub_status=YES&source=test&stage=tab&user=6666"},
		{"update_campaign", true, func() error {
			_, err := c.Campaigns.Update(ctx, &vicidial.CampaignUpdateParams{CampaignID: "TESTCAMP", AutoDialLevel: "2.5", HopperLevel: vicidial.Int(200), ResetHopper: true})
			return err
		}, "auto_dial_level=2.5&campaign_id=TESTCAMP&function=update_campaign&hopper_level=200&" + auth[:len("pass=Sentinel-PW1")] + "&reset_hopper=Y&source=test&user=6666"},
		{"phone_number_log", false, func() error {
			_, err := c.Reports.ListPhoneCalls(ctx, &vicidial.ReportListPhoneCallsParams{PhoneNumbers: []string{"3125551212", "9998887112"}, Type: "ALL"})
			return err
		}, "function=phone_number_log&header=NO&pass=Sentinel-PW1&phone_number=3125551212%2C9998887112&source=test&stage=tab&type=ALL&user=6666"},
		{"update_log_entry", true, func() error {
			_, err := c.Calls.UpdateLogEntry(ctx, &vicidial.CallUpdateLogEntryParams{CallID: "Y2010309520000000234", Group: "SALESLINE", Status: "SALEX"})
			return err
		}, "call_id=Y2010309520000000234&function=update_log_entry&group=SALESLINE&" + auth[:len("pass=Sentinel-PW1&source=test")] + "&status=SALEX&user=6666"},
		{"add_did", true, func() error {
			_, err := c.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "+13125550100", DIDDescription: "Sales line", DIDRoute: vicidial.RouteInGroup, Group: "SALESLINE", RecordCall: "Y"})
			return err
		}, "did_description=Sales+line&did_pattern=%2B13125550100&did_route=IN_GROUP&function=add_did&group=SALESLINE&" + auth[:len("pass=Sentinel-PW1")] + "&record_call=Y&source=test&user=6666"},
		{"update_did", true, func() error {
			_, err := c.DIDs.Update(ctx, &vicidial.DIDParams{DIDPattern: "3125550100", DIDRoute: vicidial.RoutePhone, PhoneExtension: "cc100", ServerIP: "10.0.9.8", Active: vicidial.Bool(false)})
			return err
		}, "active=N&did_pattern=3125550100&did_route=PHONE&function=update_did&" + auth[:len("pass=Sentinel-PW1")] + "&phone_extension=cc100&server_ip=10.0.9.8&source=test&user=6666"},
		{"update_did delete", true, func() error { _, err := c.DIDs.Delete(ctx, "3125550100"); return err },
			"delete_did=Y&did_pattern=3125550100&function=update_did&pass=Sentinel-PW1&source=test&user=6666"},
		{"copy_did", true, func() error {
			_, err := c.DIDs.Copy(ctx, &vicidial.DIDCopyParams{DIDPattern: "3125550200", SourceDIDPattern: "3125550100"})
			return err
		}, "did_pattern=3125550200&function=copy_did&" + auth[:len("pass=Sentinel-PW1&source=test")] + "&source_did_pattern=3125550100&user=6666"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			if err := tt.call(); err != nil {
				t.Fatalf("call: %v", err)
			}
			r := rec.last()
			if r.body != tt.want {
				t.Errorf("body\n got %s\nwant %s", r.body, tt.want)
			}
			if r.method != http.MethodPost || r.query != "" || r.ctype != "application/x-www-form-urlencoded" || !strings.HasPrefix(r.ua, "didkit-vicidial-go/") {
				t.Errorf("request shape: %+v", r)
			}
			if r.getBody == tt.write {
				t.Errorf("GetBody set = %v for a %s", r.getBody, map[bool]string{true: "write", false: "read"}[tt.write])
			}
			seen[tt.fn] = true
		})
	}
	for _, fn := range append(vicidial.DocumentedFunctions, "update_log_entry", "add_did", "update_did", "copy_did") {
		if !seen[fn] {
			t.Errorf("no golden request for %s", fn)
		}
	}
}
