package voipmstest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/didkit/voipms/voipmstest"
)

// post sends method with params as an x-www-form-urlencoded POST, the
// credentials included, and returns the HTTP status and raw body.
func post(t *testing.T, s *voipmstest.Server, method string, kv ...string) (int, []byte) {
	t.Helper()
	v := url.Values{"api_username": {s.Username()}, "api_password": {s.Password()}, "method": {method}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return send(t, s.URL(), v)
}

func send(t *testing.T, u string, v url.Values) (int, []byte) {
	t.Helper()
	resp, err := http.Post(u, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return resp.StatusCode, b
}

// api calls method and decodes the JSON answer.
func api(t *testing.T, s *voipmstest.Server, method string, kv ...string) map[string]any {
	t.Helper()
	code, body := post(t, s, method, kv...)
	if code != http.StatusOK {
		t.Fatalf("%s: HTTP %d: %s", method, code, body)
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("%s: body %q: %v", method, body, err)
	}
	return m
}

// ok calls method and fails the test unless the status is success.
func ok(t *testing.T, s *voipmstest.Server, method string, kv ...string) map[string]any {
	t.Helper()
	m := api(t, s, method, kv...)
	if m["status"] != "success" {
		t.Fatalf("%s %v: status %v (%v)", method, kv, m["status"], m["message"])
	}
	return m
}

// status calls method and returns the status string.
func status(t *testing.T, s *voipmstest.Server, method string, kv ...string) string {
	t.Helper()
	m := api(t, s, method, kv...)
	st, _ := m["status"].(string)
	if st != "success" {
		if msg, _ := m["message"].(string); msg == "" {
			t.Errorf("%s: error %q without message", method, st)
		}
	}
	return st
}

// list returns m[key] as a list of rows.
func list(t *testing.T, m map[string]any, key string) []map[string]any {
	t.Helper()
	raw, ok := m[key].([]any)
	if !ok {
		t.Fatalf("key %q is %T, want a list: %v", key, m[key], m)
	}
	out := make([]map[string]any, 0, len(raw))
	for _, r := range raw {
		out = append(out, r.(map[string]any))
	}
	return out
}

// orderParams are valid orderDID settings besides did.
func orderParams(did string, extra ...string) []string {
	return append([]string{"did", did, "routing", "account:100001_VoIP", "pop", "3", "dialtime", "60", "cnam", "1", "billing_type", "1"}, extra...)
}

// firstDID finds an orderable US number that can do SMS.
func firstDID(t *testing.T, s *voipmstest.Server) string {
	t.Helper()
	for _, st := range []string{"FL", "TX", "NY", "CA", "IL"} {
		m := api(t, s, "getDIDsUSA", "state", st)
		if m["status"] == "success" {
			for _, r := range list(t, m, "dids") {
				if r["sms"] == "1" {
					return r["did"].(string)
				}
			}
		}
	}
	t.Fatal("no orderable DID")
	return ""
}
