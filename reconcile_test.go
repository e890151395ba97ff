package voipms

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

func TestReconcileOrder(t *testing.T) {
	cases := []struct {
		body string
		want OrderStatus
	}{
		{`{"status":"success","dids":[{"did":"5551234567"}]}`, OrderOwned},
		{`{"status":"success","dids":{"did":"+15551234567"}}`, OrderOwned},
		{`{"status":"success","dids":[{"did":5551234567}]}`, OrderOwned},
		{`{"status":"success","dids":[{"did":"5559999999"}]}`, OrderNotOwned},
		{`{"status":"no_did"}`, OrderNotOwned},
		{`{"status":"success"}`, OrderNotOwned},
	}
	for _, tc := range cases {
		c, mock := newMockClient(t)
		var body string
		mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
			b, _ := io.ReadAll(r.Body)
			body = string(b)
			return httpmock.NewStringResponse(200, tc.body), nil
		})
		got, err := c.DIDs.ReconcileOrder(context.Background(), "555-123-4567")
		if err != nil || got != tc.want {
			t.Errorf("%s: got %v, %v; want %v", tc.body, got, err, tc.want)
		}
		if want := "api_password=pw-test&api_username=user%40example.com&did=5551234567&method=getDIDsInfo"; body != want {
			t.Errorf("body %s", body)
		}
	}
	c, mock := newMockClient(t)
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"invalid_credentials"}`))
	if _, err := c.DIDs.ReconcileOrder(context.Background(), "5551234567"); !errors.Is(err, ErrAuth) {
		t.Errorf("auth failure must surface: %v", err)
	}
	if _, err := c.DIDs.ReconcileOrder(context.Background(), "abc"); !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("empty did: %v", err)
	}
}

func TestReconcileSend(t *testing.T) {
	c, mock := newMockClient(t)
	var form string
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		form = string(b)
		return httpmock.NewStringResponse(200, `{"status":"success","sms":[{"id":"111120","date":"2014-03-30 10:24:16","type":"0","did":"5551234567","contact":"5557654321","message":"hello+john"},{"id":"111121","type":"0","did":"5551234567","contact":"5557654321","message":"other"}]}`), nil
	})
	m := SentMessage{DID: "5551234567", Dst: "+1 555 765 4321", Message: "hello john", Since: time.Date(2014, 3, 30, 10, 0, 0, 0, time.UTC)}
	id, err := c.SMS.ReconcileSend(context.Background(), m)
	if err != nil || id != 111120 {
		t.Fatalf("got %d, %v", id, err)
	}
	if !strings.Contains(form, "contact=5557654321") || !strings.Contains(form, "type=0") || !strings.Contains(form, "from=2014-03-29") {
		t.Errorf("form %s", form)
	}
	m.Message = "never sent"
	if id, err := c.SMS.ReconcileSend(context.Background(), m); err != nil || id != 0 {
		t.Errorf("not sent: %d %v", id, err)
	}
	mock.RegisterResponder("POST", testURL, jsonResponder(`{"status":"no_sms"}`))
	if id, err := c.SMS.ReconcileSend(context.Background(), m); err != nil || id != 0 {
		t.Errorf("no_sms: %d %v", id, err)
	}
	if _, err := c.SMS.ReconcileSend(context.Background(), SentMessage{DID: "5551234567", Dst: "5557654321"}); !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("missing Since: %v", err)
	}
}
