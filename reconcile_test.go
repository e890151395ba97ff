package voipms

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

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
