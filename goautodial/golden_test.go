package goautodial_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/didkit/voipms/goautodial"
)

// recorder answers every request with a fixed body and keeps the requests.
type recorder struct {
	mu     sync.Mutex
	bodies []string
	reqs   []*http.Request
	answer func(action string) string
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.bodies = append(rc.bodies, string(b))
	rc.reqs = append(rc.reqs, r)
	rc.mu.Unlock()
	form, _ := url.ParseQuery(string(b))
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	body := `{"result":"success"}`
	if rc.answer != nil {
		body = rc.answer(form.Get("goAction"))
	}
	_, _ = io.WriteString(w, body)
}

const goldenHash = "$2a$10$abcdefghijklmnopqrstuv" // 28 characters: taken for the hash by the server

// TestGoldenRequests pins the exact form body of every action.
func TestGoldenRequests(t *testing.T) {
	rc := &recorder{answer: func(action string) string {
		switch action {
		case "goGetAllDID":
			return `{"result":"success","did_id":[7],"did_pattern":["3125550100"],"did_description":["d"],"active":["Y"],"did_route":["EXTEN"]}`
		case "goGetDIDInfo":
			return `{"result":"success","data":{"did_id":7,"did_pattern":"3125550100","did_route":"EXTEN"}}`
		}
		return `{"result":"success"}`
	}}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	c, err := goautodial.New(srv.URL+"/goAPIv2", "apiuser", goldenHash, goautodial.WithSessionUser("admin"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const creds = "goAction=%s&goPass=%242a%2410%24abcdefghijklmnopqrstuv&goUser=apiuser&"
	cases := []struct {
		name string
		run  func() error
		want string
	}{
		{"goAddDID", func() error {
			return c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "+13125550100", Description: "Main line", UserGroup: "ADMIN", Active: goautodial.Bool(true)})
		}, "did_active=Y&did_description=Main+line&did_pattern=13125550100&" + creds + "responsetype=json&session_user=admin&user_group=ADMIN"},
		{"goAddDID", func() error {
			return c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "3125550100", Description: "d", UserGroup: "AGENTS"})
		}, "did_description=d&did_pattern=3125550100&" + creds + "responsetype=json&session_user=admin&user_group=AGENTS"},
		{"goEditDID", func() error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 7, Route: goautodial.InGroup("SALES_LINE", "", "", "")})
		}, "agent_search_method=LB&call_handle_method=CID&did_id=7&did_route=IN_GROUP&" + creds +
			"group_id=SALES_LINE&list_id=999&responsetype=json&session_user=admin&user_unavailable_action=VOICEMAIL"},
		{"goEditDID", func() error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 7, Pattern: "3125550101", Description: "New", Active: goautodial.Bool(false),
				FilterCleanCIDNumber: "R10", Route: goautodial.Agent("1001", goautodial.UnavailableExtension, "")})
		}, "did_active=N&did_description=New&did_id=7&did_pattern=3125550101&did_route=AGENT&filter_clean_cid_number=R10&" + creds +
			"responsetype=json&session_user=admin&user=1001&user_route_settings_ingroup=AGENTDIRECT&user_unavailable_action=EXTEN"},
		{"goEditDID", func() error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 7, Route: goautodial.Phone("8001", "10.0.0.5")})
		}, "did_id=7&did_route=PHONE&" + creds + "phone=8001&responsetype=json&server_ip=10.0.0.5&session_user=admin&user_unavailable_action=VOICEMAIL"},
		{"goEditDID", func() error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 7, Route: goautodial.CallMenu("MAINMENU")})
		}, "did_id=7&did_route=CALLMENU&" + creds + "menu_id=MAINMENU&responsetype=json&session_user=admin&user_unavailable_action=VOICEMAIL"},
		{"goEditDID", func() error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 7, Route: goautodial.Voicemail("3000")})
		}, "did_id=7&did_route=VOICEMAIL&" + creds + "responsetype=json&session_user=admin&user_unavailable_action=VOICEMAIL&voicemail_ext=3000"},
		{"goEditDID", func() error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 7, Route: goautodial.VoicemailNoInstructions("3000")})
		}, "did_id=7&did_route=VMAIL_NO_INST&" + creds + "responsetype=json&session_user=admin&user_unavailable_action=VOICEMAIL&voicemail_ext=3000"},
		{"goEditDID", func() error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 7, Route: goautodial.Extension("8300", "")})
		}, "did_id=7&did_route=EXTEN&exten_context=default&extension=8300&" + creds + "responsetype=json&session_user=admin&user_unavailable_action=VOICEMAIL"},
		{"goDeleteDID", func() error { return c.DIDs.Delete(ctx, 7) },
			"did_id=7&" + creds + "responsetype=json&session_user=admin"},
		{"goGetAllDID", func() error { _, err := c.DIDs.List(ctx, nil); return err },
			creds + "limit=1000&responsetype=json&session_user=admin"},
		{"goGetAllDID", func() error { _, err := c.DIDs.List(ctx, &goautodial.DIDListParams{Limit: 5}); return err },
			creds + "limit=5&responsetype=json&session_user=admin"},
		{"goGetDIDInfo", func() error { _, err := c.DIDs.Get(ctx, 7); return err },
			"did_id=7&" + creds + "responsetype=json&session_user=admin"},
		{"goCheckDID", func() error { _, err := c.DIDs.Exists(ctx, "+13125550100"); return err },
			"did_pattern=13125550100&" + creds + "responsetype=json&session_user=admin"},
	}
	for i, tc := range cases {
		if err := tc.run(); err != nil {
			t.Fatalf("%d %s: %v", i, tc.name, err)
		}
		want := strings.Replace(tc.want, "%s", tc.name, 1)
		rc.mu.Lock()
		got, r := rc.bodies[len(rc.bodies)-1], rc.reqs[len(rc.reqs)-1]
		rc.mu.Unlock()
		if got != want {
			t.Errorf("%d %s body\n got %s\nwant %s", i, tc.name, got, want)
		}
		if r.Method != http.MethodPost || r.URL.Path != "/goAPIv2/goInbound/goAPI.php" || r.URL.RawQuery != "" ||
			r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || !strings.HasPrefix(r.Header.Get("User-Agent"), "didkit-goautodial/") {
			t.Errorf("%d %s: %s %s?%s %q %q", i, tc.name, r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), r.Header.Get("User-Agent"))
		}
	}
}

// TestLegacyListRequest pins the goGetDIDsList body after the fallback,
// and WithLegacyList going there directly.
func TestLegacyListRequest(t *testing.T) {
	rc := &recorder{answer: func(action string) string {
		if action == "goGetAllDID" {
			return `{"result":"error","message":"Command Not Found"}`
		}
		return ""
	}}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	for _, legacyOpt := range []bool{false, true} {
		rc.mu.Lock()
		rc.bodies = nil
		rc.mu.Unlock()
		opts := []goautodial.Option{}
		if legacyOpt {
			opts = append(opts, goautodial.WithLegacyList())
		}
		c, err := goautodial.New(srv.URL+"/goAPI/", "apiuser", "plainpass", opts...)
		if err != nil {
			t.Fatal(err)
		}
		if c.BaseURL() != srv.URL+"/goAPI" {
			t.Errorf("base %q", c.BaseURL())
		}
		dids, err := c.DIDs.List(context.Background(), &goautodial.DIDListParams{UserGroup: "AGENTS"})
		if err != nil || len(dids) != 0 {
			t.Fatalf("List = %v, %v", dids, err)
		}
		rc.mu.Lock()
		bodies := rc.bodies
		rc.mu.Unlock()
		want := "goAction=goGetDIDsList&goPass=plainpass&goUser=apiuser&limit=1000&responsetype=json&session_user=apiuser&user_group=AGENTS"
		if n := map[bool]int{false: 2, true: 1}[legacyOpt]; len(bodies) != n || bodies[n-1] != want {
			t.Errorf("WithLegacyList %v: bodies %q", legacyOpt, bodies)
		}
	}
}

func TestBaseURLs(t *testing.T) {
	for in, want := range map[string]string{
		"https://dialer.example.com":                             "https://dialer.example.com/goAPIv2",
		"https://dialer.example.com/":                            "https://dialer.example.com/goAPIv2",
		"https://dialer.example.com/goAPI":                       "https://dialer.example.com/goAPI",
		"https://dialer.example.com/goAPIv2/goInbound/goAPI.php": "https://dialer.example.com/goAPIv2",
	} {
		c, err := goautodial.New(in, "u", "p")
		if err != nil || c.BaseURL() != want {
			t.Errorf("New(%q): %v, base %q", in, err, c.BaseURL())
		}
	}
	for _, bad := range []string{"ftp://x/goAPI", "https://u:p@x/goAPI", "https://x/goAPI?goPass=1", "/goAPI", "::"} {
		if _, err := goautodial.New(bad, "u", "p"); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
}
