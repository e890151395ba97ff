package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// TestBinaryReceive: a DID of the running simulator receives a message
// through POST /sim/receive, which is delivered to the DID's SMS URL
// callback (here a loopback server of the test) and listed by getSMS.
func TestBinaryReceive(t *testing.T) {
	s, lines := startSim(t)
	env := parseEnv(t, lines)
	call := func(kv ...string) map[string]any {
		t.Helper()
		v := url.Values{"api_username": {env["VOIPMS_API_USERNAME"]}, "api_password": {env["VOIPMS_API_PASSWORD"]}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		resp, err := http.PostForm(env["VOIPMS_API_URL"], v)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	var did string
	for _, d := range call("method", "getDIDsUSA", "state", "FL")["dids"].([]any) {
		if row := d.(map[string]any); row["sms"] == "1" {
			did = row["did"].(string)
			break
		}
	}
	if st := call("method", "orderDID", "did", did, "routing", "sys:echo", "pop", "3", "dialtime", "60", "cnam", "0", "billing_type", "1")["status"]; st != "success" {
		t.Fatalf("orderDID %s: %v", did, st)
	}
	var mu sync.Mutex
	var got []url.Values
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.Query())
		mu.Unlock()
		_, _ = w.Write([]byte("ok"))
	}))
	defer hook.Close()
	cb := hook.URL + "/sms?to={TO}&from={FROM}&message={MESSAGE}&id={ID}&date={TIMESTAMP}&media={MEDIA}"
	if st := call("method", "setSMS", "did", did, "enable", "1", "url_callback_enable", "1", "url_callback", cb, "url_callback_retry", "1")["status"]; st != "success" {
		t.Fatalf("setSMS: %v", st)
	}
	endpoint := strings.TrimSuffix(env["VOIPMS_API_URL"], "/api/v1/rest.php") + "/sim/receive"
	resp, err := http.PostForm(endpoint, url.Values{"api_username": {env["VOIPMS_API_USERNAME"]}, "api_password": {env["VOIPMS_API_PASSWORD"]},
		"did": {did}, "from": {"5145550123"}, "message": {"hi & bye"}})
	if err != nil {
		t.Fatal(err)
	}
	var ans map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&ans)
	resp.Body.Close()
	if ans["status"] != "success" {
		t.Fatalf("/sim/receive: %v", ans)
	}
	mu.Lock()
	if len(got) != 1 || got[0].Get("message") != "hi & bye" || got[0].Get("to") != did || got[0].Get("id") != ans["sms"] {
		t.Fatalf("callback got %v", got)
	}
	mu.Unlock()
	list := call("method", "getSMS", "did", did, "type", "1")
	if rows, _ := list["sms"].([]any); len(rows) != 1 || rows[0].(map[string]any)["message"] != "hi & bye" {
		t.Fatalf("getSMS: %v", list)
	}
	s.interrupt(t)
}
