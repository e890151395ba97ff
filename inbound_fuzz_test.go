package voipms_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// FuzzInboundHandler feeds arbitrary methods and queries (with or without
// the right token) to the handler. It must never panic, answer only its
// documented statuses, reach the callback only for a valid message it then
// answers "ok" to, never twice for one id, and a message it accepted must
// come back the same when the simulator substitutes it into InboundURL's
// template. Seeds: testdata/fuzz/FuzzInboundHandler.
func FuzzInboundHandler(f *testing.F) {
	f.Add("GET", "to=5551234567&from=5145550123&message=hi&id=1&date=2026-12-01+10%3A00%3A00&media=", true)
	f.Add("GET", "to=%2B15551234567&from=22222&message=&id=9&media=https%3A%2F%2Fa%2Fb%2Chttps%3A%2F%2Fc%2Fd", true)
	f.Add("POST", "to=5551234567&from=5145550123&message=hi&id=1", true)
	f.Add("GET", "to=5551234567&from=5145550123&message=hi&id=1", false)
	tmpl, err := voipms.InboundURL("http://127.0.0.1/sms", testToken)
	if err != nil {
		f.Fatal(err)
	}
	allowed := map[int]bool{200: true, 400: true, 404: true, 405: true, 414: true, 500: true, 503: true}
	f.Fuzz(func(t *testing.T, method, query string, withToken bool) {
		if withToken {
			query += "&token=" + testToken
		}
		var got []voipms.InboundMessage
		h, err := voipms.NewInboundHandler(testToken, func(_ context.Context, m voipms.InboundMessage) error {
			got = append(got, m)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		do := func(h http.Handler, method, rawQuery string) *httptest.ResponseRecorder {
			req := (&http.Request{Method: method, URL: &url.URL{Scheme: "http", Host: "127.0.0.1", Path: "/sms", RawQuery: rawQuery},
				Header: http.Header{}, RemoteAddr: "127.0.0.1:1"}).WithContext(context.Background())
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec
		}
		rec := do(h, method, query)
		if !allowed[rec.Code] {
			t.Fatalf("status %d", rec.Code)
		}
		if strings.Contains(rec.Body.String(), testToken) {
			t.Fatal("answer holds the token")
		}
		if len(got) > 0 && rec.Code != 200 {
			t.Fatalf("callback ran but answered %d", rec.Code)
		}
		if len(got) > 1 {
			t.Fatal("callback ran twice")
		}
		if rec.Code == 200 && rec.Body.String() != "ok" {
			t.Fatalf("200 without ok: %q", rec.Body.String())
		}
		if len(got) == 0 {
			return
		}
		m := got[0]
		if m.ID < 1 || m.From == "" || m.To == "" || !utf8.ValidString(m.Text) || utf8.RuneCountInString(m.Text) > voipms.DefaultInboundMaxText ||
			(m.Text == "" && len(m.Media) == 0) || (m.Kind == voipms.InboundMMS) != (len(m.Media) > 0) {
			t.Fatalf("invalid message accepted: %#v", m)
		}
		// A redelivery is acknowledged without a second call.
		if again := do(h, method, query); again.Code != 200 || len(got) != 1 {
			t.Fatalf("redelivery: %d, %d calls", again.Code, len(got))
		}
		for _, u := range m.Media {
			if strings.Contains(u, ",") {
				return // only the JSON form can carry a comma; the simulator never sends it
			}
		}
		// Round trip through the simulator's substitution.
		sim := voipmstest.InboundMessage{ID: m.ID, Date: m.Date, From: m.From, To: m.To, Text: m.Text, Media: m.Media}
		u, _ := url.Parse(sim.CallbackURL(tmpl))
		var back []voipms.InboundMessage
		h2, _ := voipms.NewInboundHandler(testToken, func(_ context.Context, m voipms.InboundMessage) error { back = append(back, m); return nil })
		if rec := do(h2, "GET", u.RawQuery); rec.Code != 200 || len(back) != 1 {
			t.Fatalf("round trip: %d %q", rec.Code, rec.Body.String())
		}
		b := back[0]
		if b.ID != m.ID || b.From != m.From || b.To != m.To || b.Text != m.Text || b.Kind != m.Kind || !reflect.DeepEqual(b.Media, m.Media) {
			t.Fatalf("round trip:\n got %#v\nwant %#v", b, m)
		}
	})
}
