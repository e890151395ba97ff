package voipinnovations_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

// Over HTTP/2 a stream reset after the write executed (the fake aborts the
// handler: RST_STREAM) must not be replayed by net/http or by us: one
// execution, an unknown outcome. A read is retried.
func TestHTTP2ResetAfterExecuting(t *testing.T) {
	srv := voipinnovationstest.NewServer()
	defer srv.Close()
	var protoMajor atomic.Int32
	h := srv.Handler()
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		protoMajor.Store(int32(r.ProtoMajor))
		h.ServeHTTP(w, r)
	}))
	ts.EnableHTTP2 = true
	ts.StartTLS()
	defer ts.Close()
	c, err := vi.New(srv.Login(), srv.Secret(), vi.WithBaseURL(ts.URL+voipinnovationstest.Path), vi.WithHTTPClient(ts.Client()), vi.WithRetry(4, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.DIDs.List(ctx); err != nil || protoMajor.Load() != 2 {
		t.Fatalf("h2 read: %v (HTTP/%d)", err, protoMajor.Load())
	}
	tn := numbersBy(srv, voipinnovationstest.Available, "", 1)[0]
	srv.InjectFault("assignDID", voipinnovationstest.Fault{Kind: voipinnovationstest.FaultResetAfter})
	_, err = c.DIDs.Assign(ctx, vi.DIDParam{TN: tn, EndpointGroup: 8674})
	if !errors.Is(err, vi.ErrOutcomeUnknown) {
		t.Fatalf("write: %v", err)
	}
	if srv.Calls("assignDID") != 1 || srv.Executions("assignDID") != 1 {
		t.Fatalf("assignDID: %d calls, %d executions", srv.Calls("assignDID"), srv.Executions("assignDID"))
	}
	srv.InjectFault("getDIDs", voipinnovationstest.Fault{Kind: voipinnovationstest.FaultResetAfter, Times: 2})
	if _, err := c.DIDs.Search(ctx, &vi.DIDSearchParams{State: "FL"}); err != nil || srv.Calls("getDIDs") != 3 {
		t.Fatalf("read: %v after %d calls", err, srv.Calls("getDIDs"))
	}
}
