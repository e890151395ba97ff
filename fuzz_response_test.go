package voipms

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

// FuzzResponseBody feeds arbitrary bytes to a list method and a fetch-one
// method as the response body: never a panic, always an error or a
// well-formed result.
func FuzzResponseBody(f *testing.F) {
	seeds := []string{
		`{"status":"success","dids":[{"did":"5551234567","routing":"account:100001_VoIP","pop":"3","cnam":"1","next_billing":"0000-00-00"}]}`,
		`{"status":"success","dids":{"did":5551234567,"pop":3,"cnam":true}}`,
		`{"status":"success","dids":{"1":{"did":"5551234567"},"2":{"did":"5551234568"}}}`,
		`{"status":"no_did"}`, `{"status":"invalid_credentials","message":"x"}`, `{"status":"success"}`,
		`{"status":"success","dids":[]}`, `{"status":"success","dids":null}`, `{"status":"success","dids":""}`,
		`<html>503</html>`, ``, `{"dids":[]}`, `{"status":"success","dids":[{"did":"555`, `[]`, `null`, `"success"`,
		`{"status":1}`, `{"status":"success","dids":[{"pop":"abc"}]}`, `{"status":"success","dids":[{"routing":{}}]}`,
		"{\"status\":\"success\",\"dids\":[{\"did\":\"\\u0000\"}]}",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	mock := httpmock.NewMockTransport()
	c, err := New("u", "p", WithHTTPClient(&http.Client{Transport: mock}), WithRetry(1, 0, 0))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		mock.RegisterResponder("POST", DefaultBaseURL, httpmock.NewBytesResponder(200, body))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		list, err := c.DIDs.List(ctx, nil)
		if err == nil {
			if list == nil {
				t.Fatal("nil slice with nil error")
			}
		} else {
			checkTypedError(t, err)
		}
		d, err := c.DIDs.Get(ctx, "5551234567")
		if err == nil {
			if d == nil {
				t.Fatal("nil DID with nil error")
			}
		} else {
			checkTypedError(t, err)
		}
	})
}

// checkTypedError asserts err is one of ours.
func checkTypedError(t *testing.T, err error) {
	t.Helper()
	var ae *APIError
	var re *ResponseError
	var ve *ValidationError
	if !errors.As(err, &ae) && !errors.As(err, &re) && !errors.As(err, &ve) {
		t.Fatalf("untyped error %T: %v", err, err)
	}
}
