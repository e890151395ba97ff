package voipmstest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/didkit/voipms/voipmstest"
)

func TestURLAndCredentials(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") || !strings.HasSuffix(s.URL(), "/api/v1/rest.php") {
		t.Fatalf("URL = %q", s.URL())
	}
	if s.Username() == "" || s.Password() == "" {
		t.Fatal("empty credentials")
	}
}

func TestAuthErrors(t *testing.T) {
	s := voipmstest.NewServer(voipmstest.WithCredentials("u@example.com", "pw"))
	defer s.Close()
	cases := []struct {
		name string
		v    url.Values
		want string
	}{
		{"no method", url.Values{"api_username": {"u@example.com"}, "api_password": {"pw"}}, "missing_method"},
		{"no password", url.Values{"api_username": {"u@example.com"}, "method": {"getStates"}}, "missing_credentials"},
		{"wrong password", url.Values{"api_username": {"u@example.com"}, "api_password": {"nope"}, "method": {"getStates"}}, "invalid_credentials"},
		{"unknown method", url.Values{"api_username": {"u@example.com"}, "api_password": {"pw"}, "method": {"getNothing"}}, "invalid_method"},
		{"ok", url.Values{"api_username": {"u@example.com"}, "api_password": {"pw"}, "method": {"getStates"}}, "success"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, body := send(t, s.URL(), tc.v)
			var m map[string]string
			if code != 200 {
				t.Fatalf("HTTP %d", code)
			}
			// Error bodies are flat string maps.
			if tc.want != "success" {
				if err := json.Unmarshal(body, &m); err != nil {
					t.Fatal(err)
				}
				if m["status"] != tc.want || m["message"] == "" {
					t.Fatalf("got %v, want %s with message", m, tc.want)
				}
			} else if !strings.Contains(string(body), `"status":"success"`) {
				t.Fatalf("body %s", body)
			}
		})
	}
}

func TestGETQueryAndMultipart(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	q := url.Values{"api_username": {s.Username()}, "api_password": {s.Password()}, "method": {"getIP"}}
	resp, err := http.Get(s.URL() + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&m)
	resp.Body.Close()
	if m["status"] != "success" || m["ip"] != "127.0.0.1" {
		t.Fatalf("GET getIP: %v", m)
	}

	var b strings.Builder
	b.WriteString("--XX\r\nContent-Disposition: form-data; name=\"api_username\"\r\n\r\n" + s.Username() + "\r\n")
	b.WriteString("--XX\r\nContent-Disposition: form-data; name=\"api_password\"\r\n\r\n" + s.Password() + "\r\n")
	b.WriteString("--XX\r\nContent-Disposition: form-data; name=\"method\"\r\n\r\ngetStates\r\n--XX--\r\n")
	resp, err = http.Post(s.URL(), "multipart/form-data; boundary=XX", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Status string `json:"status"`
		States []struct {
			State, Description string
		} `json:"states"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if st.Status != "success" || len(st.States) != 51 {
		t.Fatalf("multipart getStates: %+v", st)
	}
}

func TestAPIDisabledAndIPAllowList(t *testing.T) {
	s := voipmstest.NewServer(voipmstest.WithAPIDisabled())
	defer s.Close()
	if got := status(t, s, "getStates"); got != "api_not_enabled" {
		t.Fatalf("got %s", got)
	}

	s2 := voipmstest.NewServer(voipmstest.WithIPAllowList("192.0.2.10"))
	defer s2.Close()
	if got := status(t, s2, "getDIDsInfo"); got != "ip_not_enabled" {
		t.Fatalf("got %s", got)
	}
	m := ok(t, s2, "getIP")
	if m["ip"] != "127.0.0.1" {
		t.Fatalf("getIP = %v", m)
	}
	s3 := voipmstest.NewServer(voipmstest.WithIPAllowList("192.0.2.10", "127.0.0.1"))
	defer s3.Close()
	if got := status(t, s3, "getStates"); got != "success" {
		t.Fatalf("allowed IP got %s", got)
	}
}

func TestEveryScalarIsAString(t *testing.T) {
	s := voipmstest.NewServer()
	defer s.Close()
	did := firstDID(t, s)
	ok(t, s, "orderDID", orderParams(did)...)
	_, body := post(t, s, "getDIDsInfo")
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
		default:
			t.Errorf("non-string scalar %v (%T)", x, x)
		}
	}
	var m any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	walk(m)
}
