package voipms

import (
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

// newGenClient returns a client with its own mock transport that answers
// every call with body, and a function returning the last form body the
// transport received. The credentials match the golden bodies written by
// apigen (internal/cmd/apigen/typed_tests.go).
func newGenClient(t *testing.T, body string, opts ...Option) (*Client, *httpmock.MockTransport, func() string) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	var mu sync.Mutex
	var last string
	mock.RegisterResponder(http.MethodPost, DefaultBaseURL, func(req *http.Request) (*http.Response, error) {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		last = string(b)
		mu.Unlock()
		return httpmock.NewStringResponse(http.StatusOK, body), nil
	})
	c, err := New("u@example.com", "pw-golden", append([]Option{WithHTTPClient(&http.Client{Transport: mock})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, mock, func() string {
		mu.Lock()
		defer mu.Unlock()
		return last
	}
}

// testDate parses a YYYY-MM-DD literal of a generated test.
func testDate(s string) time.Time {
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}
