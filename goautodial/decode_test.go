package goautodial

import (
	"errors"
	"testing"
)

const phpNotice = "<br />\n<b>Notice</b>:  Undefined variable: dataDidID in <b>/var/www/html/goAPIv2/goInbound/goGetAllDID.php</b> on line <b>77</b><br />\n"

func TestParseBody(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    string
		kind    ResponseErrorKind
		notices bool
	}{
		{"plain", `{"result":"success"}`, 0, false},
		{"whitespace", "\n  {\"result\":\"success\"}\n", 0, false},
		{"after notices", phpNotice + phpNotice + `{"result":"success","did_id":null}`, 0, true},
		{"notice with braces", "Notice: {x} undefined in {file}\n" + `{"result":"success"}`, 0, true},
		{"empty", "", BodyEmpty, false},
		{"spaces", " \n", BodyEmpty, false},
		{"html page", "<html><body><h1>Internal Server Error</h1></body></html>", BodyHTML, false},
		{"xml default", `<?xml version="1.0" encoding="UTF-8"?>\n<result>success</result>`, BodyHTML, false},
		{"truncated", `{"result":"success","did_id":[1,2`, BodyJSON, false},
		{"truncated after notice", phpNotice + `{"result":"succ`, BodyJSON, false},
		{"trailing garbage", `{"result":"success"} trailing`, BodyJSON, false},
	} {
		a, kind := parseBody([]byte(tc.body))
		if kind != tc.kind || kind == 0 && (a.notices != tc.notices || a.fields["result"] == nil) {
			t.Errorf("%s: kind %v notices %v fields %v", tc.name, kind, a.notices, a.fields)
		}
	}
}

func mustParse(t *testing.T, body string) answer {
	t.Helper()
	a, kind := parseBody([]byte(body))
	if kind != 0 {
		t.Fatalf("parse %q: %v", body, kind)
	}
	return a
}

func TestDecodeList(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		want []DID
		bad  bool
	}{
		{"ints (HEAD)", `{"result":"success","did_id":[3,12],"did_pattern":["3125550100","8005551000"],"did_description":["Main","Toll free"],"active":["Y","N"],"did_route":["IN_GROUP","EXTEN"]}`,
			[]DID{{3, "3125550100", "Main", true, RouteInGroup}, {12, "8005551000", "Toll free", false, RouteExtension}}, false},
		{"strings (legacy)", `{"result":"success","did_id":["3","12"],"did_pattern":["1","2"],"did_description":["a","b"],"active":["Y","Y"],"did_route":["AGENT","CALLMENU"]}`,
			[]DID{{3, "1", "a", true, RouteAgent}, {12, "2", "b", true, RouteCallMenu}}, false},
		{"mixed id types", `{"result":"success","did_id":["3",12],"did_pattern":["1","2"],"did_description":["a","b"],"active":["Y","Y"],"did_route":["AGENT","CALLMENU"]}`,
			[]DID{{3, "1", "a", true, RouteAgent}, {12, "2", "b", true, RouteCallMenu}}, false},
		{"numeric pattern", `{"result":"success","did_id":[1],"did_pattern":[3125550100],"did_description":["a"],"active":["Y"],"did_route":["EXTEN"]}`,
			[]DID{{1, "3125550100", "a", true, RouteExtension}}, false},
		{"null arrays", `{"result":"success","did_id":null,"did_pattern":null,"did_description":null,"active":null,"did_route":null}`, []DID{}, false},
		{"missing arrays", `{"result":"success"}`, []DID{}, false},
		{"gapped keys", `{"result":"success","did_id":{"0":1,"2":5},"did_pattern":{"0":"a","2":"b"},"did_description":{"0":"x","2":"y"},"active":{"0":"Y","2":"Y"},"did_route":{"0":"EXTEN","2":"EXTEN"}}`,
			[]DID{{1, "a", "x", true, RouteExtension}, {5, "b", "y", true, RouteExtension}}, false},
		{"escaped", `{"result":"success","did_id":[1],"did_pattern":["1"],"did_description":["Caf\u00e9 \/ bar"],"active":["Y"],"did_route":["EXTEN"]}`,
			[]DID{{1, "1", "Café / bar", true, RouteExtension}}, false},
		{"short column", `{"result":"success","did_id":[1,2],"did_pattern":["a"],"did_description":["x","y"],"active":["Y","Y"],"did_route":["EXTEN","EXTEN"]}`, nil, true},
		{"long column", `{"result":"success","did_id":[1],"did_pattern":["a"],"did_description":["x"],"active":["Y","N"],"did_route":["EXTEN"]}`, nil, true},
		{"no patterns", `{"result":"success","did_id":[1],"did_description":["x"]}`, nil, true},
		{"bad id", `{"result":"success","did_id":["x"],"did_pattern":["a"],"did_description":["x"],"active":["Y"],"did_route":["EXTEN"]}`, nil, true},
		{"nested", `{"result":"success","did_id":[[1]],"did_pattern":["a"],"did_description":["x"],"active":["Y"],"did_route":["EXTEN"]}`, nil, true},
		{"not an array", `{"result":"success","did_id":"1","did_pattern":["a"],"did_description":["x"]}`, nil, true},
	} {
		got, err := decodeList("goGetAllDID", mustParse(t, tc.body))
		if tc.bad {
			if !errors.Is(err, ErrBadResponse) {
				t.Errorf("%s: err %v, want ErrBadResponse", tc.name, err)
			}
			continue
		}
		if err != nil || len(got) != len(tc.want) || got == nil {
			t.Errorf("%s: %+v, %v", tc.name, got, err)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s[%d] = %+v, want %+v", tc.name, i, got[i], tc.want[i])
			}
		}
	}
}

func TestDecodeInfo(t *testing.T) {
	a := mustParse(t, phpNotice+`{"result":"success","data":{"did_id":7,"did_pattern":"3125550100","did_description":"S\u00e3o Paulo","did_active":"N",`+
		`"did_route":"AGENT","user":"1001","user_unavailable_action":"IN_GROUP","user_route_settings_ingroup":"AGENTDIRECT","group_id":"SALES",`+
		`"list_id":999,"phone_code":null,"user_group":"ADMIN","record_call":"N","filter_clean_cid_number":"R10"}}`)
	info, err := decodeInfo(a)
	if err != nil {
		t.Fatal(err)
	}
	want := Route{Kind: RouteAgent, User: "1001", UnavailableAction: UnavailableInGroup, AgentInGroup: "AGENTDIRECT"}
	if info.ID != 7 || info.Pattern != "3125550100" || info.Description != "São Paulo" || info.Active || info.Route != want ||
		info.UserGroup != "ADMIN" || info.RecordCall != "N" || info.FilterCleanCIDNumber != "R10" ||
		info.Columns["list_id"] != "999" || info.Columns["group_id"] != "SALES" || info.Columns["phone_code"] != "" || len(info.Columns) != 14 {
		t.Errorf("info = %+v", info)
	}
	if n := info.ColumnNames(); len(n) != 14 || n[0] != "did_active" {
		t.Errorf("names %v", n)
	}
	// a one-row array, a string id
	a = mustParse(t, `{"result":"success","data":[{"did_id":"7","did_pattern":"1","did_route":"CALLMENU","menu_id":"IVR1"}]}`)
	if info, err := decodeInfo(a); err != nil || info.ID != 7 || info.Route != CallMenu("IVR1") {
		t.Errorf("array data: %+v %v", info, err)
	}
	for _, bad := range []string{`{"result":"success"}`, `{"result":"success","data":"x"}`, `{"result":"success","data":{"did_id":"x"}}`,
		`{"result":"success","data":{"did_id":1,"x":{"y":1}}}`, `{"result":"success","data":[]}`} {
		if _, err := decodeInfo(mustParse(t, bad)); !errors.Is(err, ErrBadResponse) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

// TestErrorChannel maps every message of the reference's error table.
func TestErrorChannel(t *testing.T) {
	for _, tc := range []struct {
		body  string
		cat   error
		field string
		msg   string
	}{
		{`{"result":"error","message":"Invalid Username/Password"}`, ErrAuth, "", "Invalid Username/Password"},
		{`{"result":"error","message":"Command Not Found"}`, ErrUnsupported, "", "Command Not Found"},
		{`{"code":"10001","result":"Error: You do not have permission to view this page "}`, ErrPermission, "", "Error: You do not have permission to view this page"},
		{`{"result":"Error: Set a value for DID pattern."}`, ErrInvalidParameter, "did_pattern", ""},
		{`{"result":"Error: Set a value for did_description."}`, ErrInvalidParameter, "did_description", ""},
		{`{"result":"Error: Special characters found in did_pattern"}`, ErrInvalidParameter, "did_pattern", ""},
		{`{"result":"Error: Special characters found in did_description"}`, ErrInvalidParameter, "did_description", ""},
		{`{"result":"Error: Special characters found in group_id"}`, ErrInvalidParameter, "group_id", ""},
		{`{"result":"Error: Special characters found in phone"}`, ErrInvalidParameter, "phone", ""},
		{`{"result":"Error: Special characters found in server_ip"}`, ErrInvalidParameter, "server_ip", ""},
		{`{"result":"Error: Special characters found in menu_id"}`, ErrInvalidParameter, "menu_id", ""},
		{`{"result":"Error: Special characters found in voicemail_ext"}`, ErrInvalidParameter, "voicemail_ext", ""},
		{`{"result":"Error: Special characters found in extension"}`, ErrInvalidParameter, "extension", ""},
		{`{"result":"Error: Special characters found in exten_context"}`, ErrInvalidParameter, "exten_context", ""},
		{`{"result":"Error: Default value for active is Y or N only."}`, ErrInvalidParameter, "did_active", ""},
		{`{"result":"Error: Invalid User Group"}`, ErrInvalidParameter, "user_group", ""},
		{`{"result":"Error: Default value for user_unavailable_action is IN_GROUP','EXTEN','VOICEMAIL','PHONE', or 'VMAIL_NO_INST'."}`, ErrInvalidParameter, "user_unavailable_action", ""},
		{`{"result":"Error: Default value for did_route are EXTEN, VOICEMAIL, AGENT, PHONE, IN_GROUP, or CALLMENU  only."}`, ErrInvalidParameter, "did_route", ""},
		{`{"result":"Error: Session User Not Defined."}`, ErrInvalidParameter, "session_user", ""},
		{`{"result":"Error: Set a value for DID ID."}`, ErrInvalidParameter, "did_id", ""},
		{`{"result":"Error: DID ID Not Defined."}`, ErrInvalidParameter, "did_id", ""},
		{`{"result":"Error: goAPI User Not Defined."}`, ErrInvalidParameter, "goUser", ""},
		{`{"result":"Error: goAPI Password Not Defined."}`, ErrInvalidParameter, "goPass", ""},
		{`{"result":"DID NOT ADDED - DID already exist.\n"}`, ErrConflict, "did_pattern", "DID NOT ADDED - DID already exist."},
		{`{"result":"<br>DID NOT ADDED - DID already exist.\n"}`, ErrConflict, "did_pattern", "DID NOT ADDED - DID already exist."},
		{`{"result":"Duplicate did_pattern, It must be unique!\n"}`, ErrConflict, "did_pattern", "Duplicate did_pattern, It must be unique!"},
		{`{"result":"Error: DID doesn't exist."}`, ErrNotFound, "", ""},
		{`{"result":"DID NOT ADDED, Check your details"}`, ErrRejected, "", ""},
		{`{"result":"Error: Error in Query"}`, ErrRejected, "", ""},
		{`{"result":"error"}`, ErrRejected, "", "error"},
	} {
		ok, has := mustParse(t, tc.body).outcome("goX")
		var ae *APIError
		if !has || !errors.As(ok, &ae) || !errors.Is(ok, tc.cat) || ae.Field != tc.field || tc.msg != "" && ae.Message != tc.msg {
			t.Errorf("%s: %#v (has %v)", tc.body, ae, has)
			continue
		}
		for _, c := range categories {
			if c != tc.cat && errors.Is(ok, c) {
				t.Errorf("%s also matches %v", tc.body, c)
			}
		}
	}
	if err, has := mustParse(t, `{"result":"success"}`).outcome("goX"); err != nil || !has {
		t.Errorf("success: %v %v", err, has)
	}
	if _, has := mustParse(t, `{"status":"ok"}`).outcome("goX"); has {
		t.Error("no result key taken for an outcome")
	}
}

func TestParseID(t *testing.T) {
	for in, want := range map[string]int64{"7": 7, " 12 ": 12, "3.0": 3, "0": 0, "-1": 0, "x": 0, "": 0} {
		got, ok := parseID(in)
		if got != want && ok || ok != (want > 0) {
			t.Errorf("parseID(%q) = %d, %v", in, got, ok)
		}
	}
}
