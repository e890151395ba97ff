package goautodialtest

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"
)

// post sends fields as a form POST (and query as the URL's query) and
// returns the body, checking the headers every answer carries.
func post(t *testing.T, s *Server, query string, fields ...string) string {
	t.Helper()
	f := url.Values{}
	for i := 0; i+1 < len(fields); i += 2 {
		f.Set(fields[i], fields[i+1])
	}
	u := s.ScriptURL()
	if query != "" {
		u += "?" + query
	}
	resp, err := http.Post(u, "application/x-www-form-urlencoded", strings.NewReader(f.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=UTF-8" || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("status %d, headers %v", resp.StatusCode, resp.Header)
	}
	return string(b)
}

func auth(s *Server, action string, fields ...string) []string {
	return append([]string{"goUser", s.User(), "goPass", s.Pass(), "goAction", action, "responsetype", "json", "session_user", s.User()}, fields...)
}

func TestWireMessages(t *testing.T) {
	s := NewServer()
	defer s.Close()
	for _, tc := range []struct {
		fields []string
		want   string
	}{
		{auth(s, "goAddDID", "did_description", "d", "user_group", "ADMIN"), `{"result":"Error: Set a value for DID pattern."}`},
		{auth(s, "goAddDID", "did_pattern", "0", "did_description", "d", "user_group", "ADMIN"), `{"result":"Error: Set a value for DID pattern."}`},
		{auth(s, "goAddDID", "did_pattern", "1", "user_group", "ADMIN"), `{"result":"Error: Set a value for did_description."}`},
		{auth(s, "goAddDID", "did_pattern", "+17275551212", "did_description", "d", "user_group", "ADMIN"), `{"result":"Error: Special characters found in did_pattern"}`},
		{auth(s, "goAddDID", "did_pattern", "1", "did_description", "São Paulo", "user_group", "ADMIN"), `{"result":"Error: Special characters found in did_description"}`},
		{auth(s, "goAddDID", "did_pattern", "1", "did_description", "d", "did_active", "X", "user_group", "ADMIN"), `{"result":"Error: Default value for active is Y or N only."}`},
		{auth(s, "goAddDID", "did_pattern", "1", "did_description", "d", "user_group", "NOPE"), `{"result":"Error: Invalid User Group"}`},
		{auth(s, "goAddDID", "did_pattern", "1", "did_description", "Montréal / Zürich", "did_active", "n", "did_route", "AGENT", "user", "1001", "user_group", "ADMIN"), `{"result":"success"}`},
		{auth(s, "goAddDID", "did_pattern", "1", "did_description", "d", "user_group", "ADMIN"), `{"result":"DID NOT ADDED - DID already exist.\n"}`},
		{auth(s, "goAddDID", "did_pattern", strings.Repeat("2", 51), "did_description", "d", "user_group", "ADMIN"), `{"result":"DID NOT ADDED, Check your details"}`},
		{auth(s, "goCheckDID", "did_pattern", "1"), `{"result":"<br>DID NOT ADDED - DID already exist.\n"}`},
		{auth(s, "goCheckDID", "did_pattern", "2"), `{"result":"success"}`},
		{auth(s, "goGetDIDInfo", "did_id", "1")[:10], `{"result":"Error: DID ID Not Defined."}`},
		{auth(s, "goGetDIDInfo", "did_id", "9"), `{"result":"Error: DID doesn't exist."}`},
		{auth(s, "goEditDID", "did_id", "1", "did_route", "EXTEN"), `{"result":"Error: Default value for user_unavailable_action is IN_GROUP','EXTEN','VOICEMAIL','PHONE', or 'VMAIL_NO_INST'."}`},
		{auth(s, "goEditDID", "did_id", "1", "user_unavailable_action", "voicemail"), `{"result":"Error: Default value for did_route are EXTEN, VOICEMAIL, AGENT, PHONE, IN_GROUP, or CALLMENU  only."}`},
		{auth(s, "goEditDID", "did_id", "1", "did_route", "CALLMENU", "user_unavailable_action", "VOICEMAIL", "menu_id", "MAIN_MENU"), `{"result":"Error: Special characters found in menu_id"}`},
		{auth(s, "goEditDID", "did_id", "1", "did_route", "IN_GROUP", "user_unavailable_action", "VOICEMAIL", "group_id", "A+B"), `{"result":"Error: Special characters found in group_id"}`},
		{auth(s, "goEditDID", "did_id", "0", "did_route", "EXTEN", "user_unavailable_action", "VOICEMAIL"), `{"result":"Error: Set a value for DID ID."}`},
		{auth(s, "goEditDID", "did_id", "9", "did_route", "EXTEN", "user_unavailable_action", "VOICEMAIL"), `{"result":"Error: DID doesn't exist."}`},
		{append(auth(s, "goEditDID", "did_id", "1")[:8], "session_user", ""), `{"result":"Error: Session User Not Defined."}`},
		{auth(s, "goDeleteDID"), `{"result":"Error: Set a value for DID ID."}`},
		{auth(s, "goEditDIDAPI", "did_id", "1"), `{"result":"error","message":"Command Not Found"}`},
		{auth(s, "goGetDIDsList"), `{"result":"error","message":"Command Not Found"}`},
		{auth(s, "../goAddDID"), `{"result":"error","message":"Command Not Found"}`},
		{[]string{"goUser", s.User(), "goPass", "nope", "goAction", "goGetAllDID", "responsetype", "json"}, `{"result":"error","message":"Invalid Username\/Password"}`}, // json_encode escapes "/"
		{[]string{"goUser", s.User(), "goPass", s.PlainPass(), "goAction", "goGetAllDID", "responsetype", "json", "session_user", "x"},
			`{"code":"10001","result":"Error: You do not have permission to view this page "}`},
		{[]string{"goUser", s.User(), "goPass", s.PlainPass(), "goAction", "goGetAllDID", "responsetype", "json", "session_user", "x", "log_pass", s.Pass()},
			`{"result":"success","did_id":[1],"did_pattern":["1"],"did_description":["Montr\u00e9al \/ Z\u00fcrich"],"active":["Y"],"did_route":["EXTEN"]}`},
		{[]string{"goUser", "go'api", "goPass", s.Pass() + " ", "goAction", "goCheckDID", "responsetype", "json", "did_pattern", "5"}, `{"result":"success"}`},
		{[]string{"goUser", s.User(), "goPass", s.Pass(), "goAction", "goAddDID", "responsetype", "text"}, `result=error;message=This API function only accepts XML or JSON value on responsetype;`},
	} {
		if got := post(t, s, "", tc.fields...); got != tc.want {
			t.Errorf("%v\n got %s\nwant %s", tc.fields, got, tc.want)
		}
	}
	// goAddDID stored neither the route nor the active flag
	r, _ := s.DID(1)
	if r["did_route"] != "EXTEN" || r["did_active"] != "Y" || r["user"] != "" || r["extension"] != "9998811112" {
		t.Errorf("row %v", r)
	}
	// the XML default, with the literal \n of a single-quoted PHP string
	xml := post(t, s, "", "goUser", s.User(), "goPass", s.Pass(), "goAction", "goCheckDID", "did_pattern", "7")
	if xml != `<?xml version="1.0" encoding="UTF-8"?>\n<result><result>success</result></result>\n` {
		t.Errorf("xml %q", xml)
	}
}

func TestWireEdit(t *testing.T) {
	s := NewServer()
	defer s.Close()
	id := s.AddDID(DIDRow{"did_pattern": "100", "did_description": "one"})
	other := s.AddDID(DIDRow{"did_pattern": "200", "did_description": "two"})
	edit := func(fields ...string) string {
		return post(t, s, "", auth(s, "goEditDID", append([]string{"did_route", "in_group", "user_unavailable_action", "EXTEN"}, fields...)...)...)
	}
	if got := edit("did_id", "1", "did_pattern", "200"); got != `{"result":"Duplicate did_pattern, It must be unique!\n"}` {
		t.Errorf("dup: %s", got)
	}
	if got := edit("did_id", "1", "group_id", "SALES_LINE", "did_description", "", "phone", "0", "did_active", "n"); got != `{"result":"success"}` {
		t.Fatal(got)
	}
	r, _ := s.DID(id)
	if r["did_route"] != "IN_GROUP" || r["group_id"] != "SALES_LINE" || r["did_description"] != "one" || r["phone"] != "" ||
		r["user_unavailable_action"] != "EXTEN" || r["did_active"] != "N" {
		t.Errorf("row %v", r)
	}
	// did_active is not validated; strict MySQL refuses the row; the API says success
	if got := edit("did_id", "1", "did_active", "X", "did_description", "changed"); got != `{"result":"success"}` || s.Executed("goEditDID") != 1 {
		t.Errorf("%s, executed %d", got, s.Executed("goEditDID"))
	}
	if r, _ := s.DID(id); r["did_description"] != "one" {
		t.Error("a refused UPDATE changed the row")
	}
	// delete: a comma list answers for the last id only
	del := func(ids string) string { return post(t, s, "", auth(s, "goDeleteDID", "did_id", ids)...) }
	if got := del("1,999"); got != `{"result":"Error: DID doesn't exist."}` {
		t.Errorf("1,999: %s", got)
	}
	if _, ok := s.DID(id); ok {
		t.Error("id 1 not deleted")
	}
	if got := del("999," + "2"); got != `{"result":"success"}` {
		t.Errorf("999,2: %s", got)
	}
	if _, ok := s.DID(other); ok {
		t.Error("id 2 not deleted")
	}
	// empty table: null arrays (HEAD)
	if got := post(t, s, "", auth(s, "goGetAllDID")...); got != `{"result":"success","did_id":null,"did_pattern":null,"did_description":null,"active":null,"did_route":null}` {
		t.Errorf("empty list: %s", got)
	}
}

func TestWireInfoAndLegacy(t *testing.T) {
	s := NewServer()
	defer s.Close()
	s.AddDID(DIDRow{"did_pattern": "100", "did_description": "one"})
	info := post(t, s, "", auth(s, "goGetDIDInfo", "did_id", "1")...)
	if !strings.HasPrefix(info, `{"result":"success","data":{"did_id":1,"did_pattern":"100","did_description":"one","did_active":"Y","did_route":"EXTEN","extension":"9998811112","exten_context":"default",`) ||
		strings.Count(info, `":`) != len(columns)+2 {
		t.Errorf("info %s", info)
	}

	l := NewServer(WithLegacy())
	defer l.Close()
	if !strings.HasSuffix(l.URL(), "/goAPI") || !strings.HasSuffix(s.URL(), "/goAPIv2") {
		t.Errorf("bases %s %s", l.URL(), s.URL())
	}
	if got := post(t, l, "", auth(l, "goGetDIDsList", "user_group", "ADMIN")...); got != "" {
		t.Errorf("legacy empty list: %q", got)
	}
	for i := 30; i > 0; i-- {
		g := "ADMIN"
		if i%2 == 0 {
			g = "AGENTS"
		}
		l.AddDID(DIDRow{"did_pattern": strings.Repeat("9", 1) + string(rune('A'+i%26)) + string(rune('0'+i%10)), "did_description": "d", "user_group": g})
	}
	got := post(t, l, "", "goUser", l.User(), "goPass", l.PlainPass(), "goAction", "goGetDIDsList", "responsetype", "json", "user_group", "ADMIN")
	if !strings.HasPrefix(got, `{"result":"success","did_id":["`) || strings.Count(got, `","`) < 19 {
		t.Errorf("legacy list: %s", got)
	}
	ids := got[strings.Index(got, `"did_id":[`):strings.Index(got, `],"did_pattern"`)]
	if strings.Count(ids, ",")+1 != 20 {
		t.Errorf("default limit 20: %s", ids)
	}
	pats := got[strings.Index(got, `"did_pattern":[`)+15 : strings.Index(got, `],"did_description"`)]
	if p := strings.Split(pats, ","); len(p) != 20 || p[0] > p[1] || p[18] > p[19] {
		t.Errorf("not ordered by pattern: %s", pats)
	}
	agents := post(t, l, "", auth(l, "goGetDIDsList", "user_group", "AGENTS", "limit", "100")...)
	if n := strings.Count(agents[strings.Index(agents, `"did_id":[`):strings.Index(agents, `],"did_pattern"`)], ",") + 1; n != 15 {
		t.Errorf("AGENTS rows %d", n)
	}
	if got := post(t, l, "", auth(l, "goGetAllDID")...); got != `{"result":"error","message":"Command Not Found"}` {
		t.Errorf("legacy goGetAllDID: %s", got)
	}
	if got := post(t, l, "", auth(l, "goGetDIDInfo", "did_id", "1")...); !strings.Contains(got, `"did_id":"1"`) {
		t.Errorf("legacy info id: %s", got)
	}
}

// TestWireMergeRules: goAction, goUser and goPass come from the query
// first; every other field from the body first; multipart works.
func TestWireMergeRules(t *testing.T) {
	s := NewServer()
	defer s.Close()
	q := url.Values{"goAction": {"goCheckDID"}, "did_pattern": {"555"}}
	got := post(t, s, q.Encode(), "goUser", s.User(), "goPass", s.Pass(), "goAction", "goAddDID", "responsetype", "json", "did_pattern", "777")
	if got != `{"result":"success"}` || s.Calls("goCheckDID") != 1 || s.Calls("goAddDID") != 0 {
		t.Errorf("%s", got)
	}
	s.AddDID(DIDRow{"did_pattern": "777"})
	got = post(t, s, q.Encode(), "goUser", s.User(), "goPass", s.Pass(), "responsetype", "json", "did_pattern", "777")
	if got != `{"result":"<br>DID NOT ADDED - DID already exist.\n"}` {
		t.Errorf("POST did_pattern must win: %s", got)
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, kv := range [][2]string{{"goUser", s.User()}, {"goPass", s.Pass()}, {"goAction", "goCheckDID"}, {"responsetype", "json"}, {"did_pattern", "777"}} {
		_ = mw.WriteField(kv[0], kv[1])
	}
	mw.Close()
	resp, err := http.Post(s.ScriptURL(), mw.FormDataContentType(), &b)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != `{"result":"<br>DID NOT ADDED - DID already exist.\n"}` {
		t.Errorf("multipart: %s", body)
	}
	reqs := s.Requests()
	if len(reqs) != 3 || reqs[0].Query == "" || reqs[0].Form.Get("goPass") != s.Pass() {
		t.Errorf("requests %+v", reqs)
	}
}

func TestWireFaultsAndNotices(t *testing.T) {
	s := NewServer(WithDisplayErrors())
	defer s.Close()
	if got := post(t, s, "", auth(s, "goGetAllDID")...); !strings.HasPrefix(got, "<br />\n<b>Notice</b>:  Undefined variable") ||
		!strings.HasSuffix(got, `{"result":"success","did_id":null,"did_pattern":null,"did_description":null,"active":null,"did_route":null}`) {
		t.Errorf("notices: %q", got)
	}
	s.InjectFault("goAddDID", Fault{Kind: FaultConnReset, Times: 1})
	f := url.Values{}
	for i, v := range auth(s, "goAddDID", "did_pattern", "5", "did_description", "d", "user_group", "ADMIN") {
		if i%2 == 0 {
			f.Set(v, "")
		}
	}
	fields := auth(s, "goAddDID", "did_pattern", "5", "did_description", "d", "user_group", "ADMIN")
	for i := 0; i+1 < len(fields); i += 2 {
		f.Set(fields[i], fields[i+1])
	}
	if _, err := http.PostForm(s.ScriptURL(), f); err == nil {
		t.Error("connreset answered")
	}
	if s.Executed("goAddDID") != 1 || s.Calls("goAddDID") != 1 {
		t.Errorf("executed %d", s.Executed("goAddDID"))
	}
	s.InjectFault("*", Fault{Kind: FaultHTML500, Times: 1})
	resp, err := http.PostForm(s.ScriptURL(), f)
	if err != nil || resp.StatusCode != 500 {
		t.Errorf("html500: %v", err)
	}
	resp.Body.Close()
	if s.Executed("goAddDID") != 1 {
		t.Error("html500 executed")
	}
	if k, ok := ParseFaultKind("notice"); !ok || k != FaultNotice || k.String() != "notice" {
		t.Error("ParseFaultKind")
	}
}

func TestPassHash(t *testing.T) {
	h := PassHashFor("goapi", "x")
	if len(h) != 31 || h == PassHashFor("goapi", "y") || h != PassHashFor("goapi", "x") || strings.ContainsAny(h, `'"\; `) {
		t.Errorf("hash %q", h)
	}
	s := NewServer(WithUser(User{User: "u2", Pass: "p2", PassHash: strings.Repeat("h", 31), Level: 8}))
	defer s.Close()
	if s.PassHash("u2") != strings.Repeat("h", 31) || s.PassHash("nobody") != "" {
		t.Error("PassHash")
	}
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	for i := 0; i < 5; i++ {
		s := NewServer()
		post(t, s, "", auth(s, "goCheckDID", "did_pattern", "1")...)
		http.DefaultClient.CloseIdleConnections()
		s.Close()
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after Close, %d before", n, before)
	}
}
