package voipinnovations_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	vi "github.com/didkit/voipms/voipinnovations"
	"github.com/didkit/voipms/voipinnovationstest"
)

const (
	sentinelLogin  = "LOGINsentinel7"
	sentinelSecret = "SECRET<&>sentinel\"9 x"
)

func leakForms() []string {
	q := strconv.Quote(sentinelSecret)
	return []string{sentinelSecret, sentinelLogin, html.EscapeString(sentinelSecret), url.QueryEscape(sentinelSecret),
		q[1 : len(q)-1], "SECRET", "LOGINsentinel"}
}

func assertClean(t *testing.T, what, s string) {
	t.Helper()
	for _, f := range leakForms() {
		if strings.Contains(s, f) {
			t.Errorf("%s leaks %q: %s", what, f, s)
		}
	}
}

// walk checks every layer of an error chain under every verb.
func walk(t *testing.T, what string, err error) {
	t.Helper()
	seen := 0
	var visit func(e error)
	visit = func(e error) {
		if e == nil || seen > 50 {
			return
		}
		seen++
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			assertClean(t, what+" "+verb, fmt.Sprintf(verb, e))
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			visit(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				visit(x)
			}
		}
	}
	visit(err)
	for _, target := range []any{new(*vi.APIError), new(*vi.StatusError), new(*vi.FaultError), new(*vi.ResponseError),
		new(*vi.TransportError), new(*vi.OutcomeUnknownError), new(*vi.BatchError), new(*url.Error)} {
		if errors.As(err, target) {
			v := reflect.ValueOf(target).Elem().Interface()
			assertClean(t, what+" errors.As", fmt.Sprintf("%+v %#v", v, v))
		}
	}
}

type failingTransport struct{}

func (failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	b, _ := io.ReadAll(r.Body)
	return nil, errors.New("proxy said: " + string(b))
}

func TestSecretNeverLeaks(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	echo := func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		body := string(b)
		op := strings.TrimPrefix(strings.Trim(r.Header.Get("SOAPAction"), `"`), "http://tempuri.org/")
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		switch op {
		case "getDIDs": // a fault echoing the request
			w.WriteHeader(500)
			io.WriteString(w, `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>bad request `+html.EscapeString(body)+`</faultstring></soap:Fault></soap:Body></soap:Envelope>`)
		case "auditDIDs": // an error message echoing the credentials
			io.WriteString(w, soap(op, `<responseCode>902</responseCode><responseMessage>no user `+html.EscapeString(sentinelLogin+"/"+sentinelSecret)+`</responseMessage>`))
		case "reserveDID": // a status text echoing them
			io.WriteString(w, soap(op, `<responseCode>100</responseCode><DIDs><DID><tn>4352154006</tn><status>`+html.EscapeString(sentinelSecret)+`</status><statusCode>103221</statusCode></DID></DIDs>`))
		default: // an HTML page quoting the body
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(503)
			io.WriteString(w, "<html><body>"+body+"</body></html>")
		}
	}
	ts := httptest.NewServer(http.HandlerFunc(echo))
	defer ts.Close()
	ctx := context.Background()

	c, err := vi.New(sentinelLogin, sentinelSecret, vi.WithBaseURL(ts.URL+"/Services/APIService.asmx"), vi.WithLogger(logger), vi.WithRetry(2, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		assertClean(t, "client "+verb, fmt.Sprintf(verb, c))
		assertClean(t, "*client "+verb, fmt.Sprintf(verb, *c))
		assertClean(t, "in struct "+verb, fmt.Sprintf(verb, struct{ C vi.Client }{*c}))
	}
	logger.Info("client", "c", c)

	_, err = c.DIDs.Search(ctx, &vi.DIDSearchParams{State: "UT"})
	if !errors.Is(err, vi.ErrInvalidParameter) {
		t.Errorf("fault: %v", err)
	}
	walk(t, "fault", err)
	_, err = c.DIDs.List(ctx)
	if !errors.Is(err, vi.ErrAuth) {
		t.Errorf("902: %v", err)
	}
	walk(t, "api error", err)
	_, err = c.DIDs.Reserve(ctx, "4352154006")
	if !errors.Is(err, vi.ErrUnavailable) {
		t.Errorf("status: %v", err)
	}
	walk(t, "batch", err)
	_, err = c.DIDs.Get(ctx, "4352154006")
	walk(t, "html", err)
	_, err = c.DIDs.Assign(ctx, vi.DIDParam{TN: "4352154006", EndpointGroup: 1})
	walk(t, "html write", err)

	// a foreign transport error quoting the request body
	c2, _ := vi.New(sentinelLogin, sentinelSecret, vi.WithHTTPClient(&http.Client{Transport: failingTransport{}}), vi.WithLogger(logger), vi.WithRetry(1, 0, 0))
	_, err = c2.DIDs.List(ctx)
	if err == nil || !errors.Is(err, vi.ErrTransport) {
		t.Fatalf("foreign: %v", err)
	}
	walk(t, "foreign", err)
	_, err = c2.DIDs.Release(ctx, "4352154006")
	if !errors.Is(err, vi.ErrOutcomeUnknown) {
		t.Fatalf("foreign write: %v", err)
	}
	walk(t, "foreign write", err)

	// a dial failure
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	c3, _ := vi.New(sentinelLogin, sentinelSecret, vi.WithBaseURL("http://"+addr+"/x"), vi.WithRetry(1, 0, 0))
	_, err = c3.DIDs.List(ctx)
	walk(t, "dial", err)

	assertClean(t, "logs", logs.String())
	for _, want := range []string{"op=getDIDs", "level=INFO msg=\"voipinnovations refused\" op=auditDIDs response_code=902 error_kind=\"authentication failed\"",
		"level=INFO msg=\"voipinnovations batch items failed\" op=reserveDID failed=1 total=1", "outcome_unknown=true"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, logs.String())
		}
	}
}

func TestFakeClientRedacted(t *testing.T) {
	srv := voipinnovationstest.NewServer(voipinnovationstest.WithCredentials(sentinelLogin, sentinelSecret))
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DIDs.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertClean(t, "client", fmt.Sprintf("%v %+v %#v", c, c, *c))
}
