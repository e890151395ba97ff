package goautodial_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/goautodialtest"
)

var register = &goautodial.DIDRegisterParams{Pattern: "+13125550100", Description: "Sales", UserGroup: "ADMIN",
	Route: goautodial.InGroup("SALESLINE", "", "", "")}

// rewrite serves the fake through a handler that replaces the answer of
// one action.
func rewrite(t *testing.T, srv *goautodialtest.Server, action, body string) *goautodial.Client {
	t.Helper()
	h := srv.Handler()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f, _ := url.ParseQuery(string(b))
		if f.Get("goAction") == action {
			_, _ = io.WriteString(w, body)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	c, err := goautodial.New(hs.URL+"/goAPIv2", srv.User(), srv.Pass(), goautodial.WithRetry(3, time.Millisecond, 2*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// TestRegisterFailures injects a failure at each of the three steps and
// checks that the error says exactly what exists on the server.
func TestRegisterFailures(t *testing.T) {
	ctx := context.Background()
	var re *goautodial.RegisterError

	t.Run("ok", func(t *testing.T) {
		srv, c := newFake(t)
		d, err := c.DIDs.Register(ctx, register)
		row, _ := srv.DID(d.ID)
		if err != nil || row["did_route"] != "IN_GROUP" || row["group_id"] != "SALESLINE" || d.Route != goautodial.RouteInGroup || !d.Active {
			t.Fatalf("%+v %v %v", d, err, row)
		}
	})
	t.Run("invalid route before any call", func(t *testing.T) {
		srv, c := newFake(t)
		p := *register
		p.Route = goautodial.CallMenu("MAIN_MENU")
		_, err := c.DIDs.Register(ctx, &p)
		wantErr(t, err, goautodial.ErrInvalidParameter)
		p.Route = goautodial.Route{}
		_, err = c.DIDs.Register(ctx, &p)
		wantErr(t, err, goautodial.ErrInvalidParameter)
		if n := len(srv.Requests()); n != 0 {
			t.Errorf("%d requests", n)
		}
	})
	t.Run("add refused", func(t *testing.T) {
		srv, c := newFake(t)
		srv.AddDID(goautodialtest.DIDRow{"did_pattern": "13125550100", "did_description": "old"})
		_, err := c.DIDs.Register(ctx, register)
		wantErr(t, err, goautodial.ErrConflict)
		if errors.As(err, &re) {
			t.Error("a refused add is not a RegisterError: nothing was added")
		}
		if srv.Calls("goGetAllDID")+srv.Calls("goEditDID") != 0 {
			t.Error("went on after the refused add")
		}
	})
	t.Run("add answer lost", func(t *testing.T) {
		srv, c := newFake(t)
		srv.InjectFault("goAddDID", goautodialtest.Fault{Kind: goautodialtest.FaultConnReset, Times: 1})
		_, err := c.DIDs.Register(ctx, register)
		wantErr(t, err, goautodial.ErrOutcomeUnknown)
		if !errors.As(err, &re) || re.State != goautodial.MaybeAdded || re.Step != "goAddDID" || re.DIDID != 0 {
			t.Fatalf("%#v", re)
		}
		if srv.Calls("goAddDID") != 1 || srv.Executed("goAddDID") != 1 {
			t.Errorf("goAddDID sent %d, executed %d", srv.Calls("goAddDID"), srv.Executed("goAddDID"))
		}
		if ex, _ := c.DIDs.Exists(ctx, register.Pattern); !ex {
			t.Error("Exists does not settle it")
		}
	})
	t.Run("find fails", func(t *testing.T) {
		srv, c := newFake(t)
		srv.InjectFault("goGetAllDID", goautodialtest.Fault{Kind: goautodialtest.FaultHTML500})
		_, err := c.DIDs.Register(ctx, register)
		wantErr(t, err, goautodial.ErrPartial)
		var rse *goautodial.ResponseError
		if !errors.As(err, &re) || re.State != goautodial.AddedNotRouted || re.Step != "goGetAllDID" || re.DIDID != 0 ||
			!errors.As(err, &rse) || rse.HTTPStatusCode != 500 {
			t.Fatalf("%#v %v", re, err)
		}
		if errors.Is(err, goautodial.ErrUnavailable) {
			t.Error("the step's category leaks through errors.Is")
		}
		row, ok := srv.DIDByPattern("13125550100")
		if !ok || row["did_route"] != "EXTEN" || srv.Calls("goGetAllDID") != 3 {
			t.Errorf("row %v, list calls %d", row, srv.Calls("goGetAllDID"))
		}
	})
	t.Run("find without permission", func(t *testing.T) {
		srv := goautodialtest.NewServer()
		defer srv.Close()
		c, _ := goautodial.New(srv.URL(), srv.User(), srv.PlainPass())
		_, err := c.DIDs.Register(ctx, register)
		wantErr(t, err, goautodial.ErrPartial)
		var ae *goautodial.APIError
		if !errors.As(err, &ae) || ae.Code != "10001" || !strings.Contains(err.Error(), "added but not routed") {
			t.Fatalf("%v", err)
		}
	})
	t.Run("not in the list", func(t *testing.T) {
		srv := goautodialtest.NewServer()
		defer srv.Close()
		c := rewrite(t, srv, "goGetAllDID", `{"result":"success","did_id":null,"did_pattern":null,"did_description":null,"active":null,"did_route":null}`)
		_, err := c.DIDs.Register(ctx, register)
		wantErr(t, err, goautodial.ErrPartial)
		if !errors.As(err, &re) || re.State != goautodial.AddedNotRouted || re.DIDID != 0 || re.Step != "goGetAllDID" ||
			!strings.Contains(err.Error(), "not in the list") {
			t.Fatalf("%v", err)
		}
		if srv.Calls("goEditDID") != 0 {
			t.Error("routed a DID it did not find")
		}
	})
	t.Run("route refused", func(t *testing.T) {
		srv := goautodialtest.NewServer()
		defer srv.Close()
		c := rewrite(t, srv, "goEditDID", `{"result":"Error: Special characters found in group_id"}`)
		_, err := c.DIDs.Register(ctx, register)
		wantErr(t, err, goautodial.ErrPartial)
		row, _ := srv.DIDByPattern("13125550100")
		var ae *goautodial.APIError
		if !errors.As(err, &re) || re.State != goautodial.AddedNotRouted || re.Step != "goEditDID" || re.DIDID != row.ID() ||
			!errors.As(err, &ae) || ae.Field != "group_id" {
			t.Fatalf("%v", err)
		}
		if !strings.Contains(err.Error(), fmt.Sprintf("did_id %d", row.ID())) {
			t.Errorf("message lacks the id: %v", err)
		}
	})
	t.Run("route answer lost", func(t *testing.T) {
		srv, c := newFake(t)
		srv.InjectFault("goEditDID", goautodialtest.Fault{Kind: goautodialtest.FaultTruncated, Times: 1})
		_, err := c.DIDs.Register(ctx, register)
		wantErr(t, err, goautodial.ErrOutcomeUnknown)
		row, _ := srv.DIDByPattern("13125550100")
		if !errors.As(err, &re) || re.State != goautodial.MaybeRouted || re.DIDID != row.ID() || srv.Calls("goEditDID") != 1 {
			t.Fatalf("%v", err)
		}
		if row["did_route"] != "IN_GROUP" {
			t.Error("the fake did not run the edit")
		}
	})
}

// TestWriteOnce: a write whose answer is lost or unusable is never sent
// again and ends ErrOutcomeUnknown; a 429 (nothing ran) is retried.
func TestWriteOnce(t *testing.T) {
	ctx := context.Background()
	faults := []goautodialtest.FaultKind{goautodialtest.FaultHTML500, goautodialtest.FaultHTML503, goautodialtest.FaultResetBefore,
		goautodialtest.FaultConnReset, goautodialtest.FaultEmptyBody, goautodialtest.FaultTruncated}
	writes := map[string]func(*goautodial.Client, int64) error{
		"goAddDID": func(c *goautodial.Client, _ int64) error {
			return c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "3125559999", Description: "d", UserGroup: "ADMIN"})
		},
		"goEditDID": func(c *goautodial.Client, id int64) error {
			return c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: id, Route: goautodial.Voicemail("100")})
		},
		"goDeleteDID": func(c *goautodial.Client, id int64) error { return c.DIDs.Delete(ctx, id) },
	}
	for action, write := range writes {
		for _, f := range faults {
			srv, c := newFake(t)
			id := srv.AddDID(goautodialtest.DIDRow{"did_pattern": "3125550000", "did_description": "d"})
			srv.InjectFault(action, goautodialtest.Fault{Kind: f})
			err := write(c, id)
			wantErr(t, err, goautodial.ErrOutcomeUnknown)
			if srv.Calls(action) != 1 {
				t.Errorf("%s under %v: sent %d times", action, f, srv.Calls(action))
			}
			var oe *goautodial.OutcomeUnknownError
			if !errors.As(err, &oe) || oe.Action != action {
				t.Errorf("%s under %v: %v", action, f, err)
			}
		}
		srv, c := newFake(t)
		id := srv.AddDID(goautodialtest.DIDRow{"did_pattern": "3125550000", "did_description": "d"})
		srv.InjectFault(action, goautodialtest.Fault{Kind: goautodialtest.FaultRateLimit, Times: 1})
		if err := write(c, id); err != nil || srv.Calls(action) != 2 || srv.Executed(action) != 1 {
			t.Errorf("%s after a 429: %v, sent %d, executed %d", action, err, srv.Calls(action), srv.Executed(action))
		}
	}
}

// TestReadsRetry: a read is sent again after unusable answers, and
// decodes past PHP notices.
func TestReadsRetry(t *testing.T) {
	ctx := context.Background()
	for _, f := range []goautodialtest.FaultKind{goautodialtest.FaultHTML500, goautodialtest.FaultHTML503, goautodialtest.FaultConnReset,
		goautodialtest.FaultResetBefore, goautodialtest.FaultEmptyBody, goautodialtest.FaultTruncated, goautodialtest.FaultRateLimit} {
		srv, c := newFake(t)
		srv.AddDID(goautodialtest.DIDRow{"did_pattern": "3125550000", "did_description": "d"})
		srv.InjectFault("goGetAllDID", goautodialtest.Fault{Kind: f, Times: 2})
		dids, err := c.DIDs.List(ctx, nil)
		if err != nil || len(dids) != 1 || srv.Calls("goGetAllDID") != 3 {
			t.Errorf("%v: %v %v, calls %d", f, dids, err, srv.Calls("goGetAllDID"))
		}
	}
	srv, c := newFake(t)
	srv.InjectFault("*", goautodialtest.Fault{Kind: goautodialtest.FaultHTML500})
	_, err := c.DIDs.Get(ctx, 1)
	wantErr(t, err, goautodial.ErrUnavailable)
	srv.ClearFaults()
	srv.InjectFault("goGetAllDID", goautodialtest.Fault{Kind: goautodialtest.FaultEmptyBody})
	_, err = c.DIDs.List(ctx, nil)
	wantErr(t, err, goautodial.ErrBadResponse)
	srv.ClearFaults()
	srv.InjectFault("goGetAllDID", goautodialtest.Fault{Kind: goautodialtest.FaultConnReset})
	_, err = c.DIDs.List(ctx, nil)
	wantErr(t, err, goautodial.ErrTransport)

	// notices before the JSON, on a fault and on an empty list with display_errors
	srv, c = newFake(t, goautodialtest.WithDisplayErrors())
	if dids, err := c.DIDs.List(ctx, nil); err != nil || len(dids) != 0 {
		t.Errorf("empty list with notices: %v %v", dids, err)
	}
	srv.InjectFault("goAddDID", goautodialtest.Fault{Kind: goautodialtest.FaultNotice})
	if err := c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "1", Description: "d", UserGroup: "ADMIN"}); err != nil {
		t.Errorf("add with notices: %v", err)
	}
}

// TestValidationBeforeIO: bad input never reaches the server.
func TestValidationBeforeIO(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	for name, err := range map[string]error{
		"add":      c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "São Paulo", Description: "d", UserGroup: "ADMIN"}),
		"add nil":  c.DIDs.Add(ctx, nil),
		"update":   c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: 1}),
		"nil":      c.DIDs.Update(ctx, nil),
		"delete":   c.DIDs.Delete(ctx, 0),
		"get":      func() error { _, err := c.DIDs.Get(ctx, -1); return err }(),
		"exists":   func() error { _, err := c.DIDs.Exists(ctx, "0"); return err }(),
		"list":     func() error { _, err := c.DIDs.List(ctx, &goautodial.DIDListParams{Limit: -1}); return err }(),
		"register": func() error { _, err := c.DIDs.Register(ctx, nil); return err }(),
	} {
		wantErr(t, err, goautodial.ErrInvalidParameter)
		var ve *goautodial.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: %T", name, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

func TestNewValidates(t *testing.T) {
	for _, tc := range [][2]string{{"", "hash"}, {"0", "hash"}, {"a b", "hash"}, {"a;b", "hash"}, {"user", ""}, {"user", "0"},
		{"user", "pa'ss"}, {"user", `pa"ss`}, {"user", `pa\ss`}, {"user", "pa ss"}} {
		_, err := goautodial.New("https://x/goAPIv2", tc[0], tc[1])
		wantErr(t, err, goautodial.ErrInvalidParameter)
		if strings.Contains(err.Error(), tc[1]) && len(tc[1]) > 1 {
			t.Errorf("error shows the pass: %v", err)
		}
	}
	for _, o := range []goautodial.Option{goautodial.WithHTTPClient(nil), goautodial.WithTimeout(0), goautodial.WithRetry(0, 0, 0),
		goautodial.WithRateLimit(0, 1), goautodial.WithMaxResponseBytes(0), goautodial.WithSessionUser(""),
		goautodial.WithSessionUser("a b"), goautodial.WithUserAgent("a\nb"), goautodial.WithBaseURL("x")} {
		if _, err := goautodial.New("https://x/goAPIv2", "u", "p", o); err == nil {
			t.Error("a bad option was accepted")
		}
	}
}

// TestRedaction: the pass hash (a sentinel) never shows in errors, their
// chain, logs or prints of the client, also when the server echoes it.
func TestRedaction(t *testing.T) {
	const sentinel = "S3ntinel/Pass+Hash=0123456789&x"
	var echo atomic.Value
	echo.Store("")
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f, _ := url.ParseQuery(string(b))
		switch echo.Load().(string) {
		case "result":
			_, _ = io.WriteString(w, `{"result":"Error: bad goPass=`+f.Get("goPass")+` `+url.QueryEscape(f.Get("goPass"))+`"}`)
		case "message":
			_, _ = io.WriteString(w, `{"result":"error","message":"Invalid Username/Password `+strings.ReplaceAll(f.Get("goPass"), "/", `\/`)+`"}`)
		case "html":
			w.WriteHeader(500)
			_, _ = io.WriteString(w, "<html>"+string(b)+"</html>")
		default:
			_, _ = io.WriteString(w, `{"result":"success"}`)
		}
	}))
	defer hs.Close()
	var logs bytes.Buffer
	c, err := goautodial.New(hs.URL+"/goAPIv2", "apiuser", sentinel, goautodial.WithRetry(2, time.Millisecond, time.Millisecond),
		goautodial.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var errs []error
	for _, mode := range []string{"result", "message", "html"} {
		echo.Store(mode)
		errs = append(errs, c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "1", Description: "d", UserGroup: "ADMIN"}))
		_, err := c.DIDs.List(ctx, nil)
		errs = append(errs, err)
	}
	// a dial failure
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	dead, _ := goautodial.New("http://"+addr+"/goAPIv2", "apiuser", sentinel, goautodial.WithRetry(2, time.Millisecond, time.Millisecond))
	_, err = dead.DIDs.List(ctx, nil)
	errs = append(errs, err)
	errs = append(errs, dead.DIDs.Delete(ctx, 1))

	forms := []string{sentinel, url.QueryEscape(sentinel), strings.ReplaceAll(sentinel, "/", `\/`), "S3ntinel"}
	check := func(what, s string) {
		for _, f := range forms {
			if strings.Contains(s, f) {
				t.Errorf("%s shows the pass hash: %s", what, s)
			}
		}
	}
	for i, err := range errs {
		if err == nil {
			t.Fatalf("error %d is nil", i)
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			check(fmt.Sprintf("error %d %s", i, verb), fmt.Sprintf(verb, err))
		}
		for e := err; e != nil; e = errors.Unwrap(e) {
			check(fmt.Sprintf("chain of %d", i), fmt.Sprintf("%v %#v", e, e))
		}
		var ae *goautodial.APIError
		if errors.As(err, &ae) {
			check("APIError.Message", ae.Message)
		}
		var te *goautodial.TransportError
		if errors.As(err, &te) {
			check("TransportError", fmt.Sprintf("%v %#v", te.Err, te.Err))
		}
	}
	check("log", logs.String())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		check("client "+verb, fmt.Sprintf(verb, c))
		check("*client "+verb, fmt.Sprintf(verb, *c))
	}
	var lb bytes.Buffer
	slog.New(slog.NewJSONHandler(&lb, nil)).Info("x", "client", c, "value", *c)
	check("slog client", lb.String())
	if !strings.Contains(logs.String(), "goautodial call failed") {
		t.Errorf("no failure records: %s", logs.String())
	}
}

func TestContextCancel(t *testing.T) {
	srv, c := newFake(t, goautodialtest.WithLatency(2*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.DIDs.List(ctx, nil)
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, goautodial.ErrTransport) {
		t.Errorf("list: %v", err)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	err = c.DIDs.Delete(ctx2, 1)
	if !errors.Is(err, goautodial.ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("delete: %v", err)
	}
	done, cancel3 := context.WithCancel(context.Background())
	cancel3()
	_, err = c.DIDs.List(done, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: %v", err)
	}
	_ = srv
}

func TestRedirectRefused(t *testing.T) {
	var hit atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit.Add(1) }))
	defer target.Close()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL, http.StatusTemporaryRedirect)
	}))
	defer hs.Close()
	c, _ := goautodial.New(hs.URL, "u", "p", goautodial.WithRetry(1, 0, 0))
	_, err := c.DIDs.List(context.Background(), nil)
	wantErr(t, err, goautodial.ErrBadResponse)
	if hit.Load() != 0 {
		t.Error("followed the redirect")
	}
}

// TestOptions: user agent, rate limit and per-attempt timeout take effect.
func TestOptions(t *testing.T) {
	ctx := context.Background()
	srv := goautodialtest.NewServer()
	defer srv.Close()
	c, err := srv.Client(goautodial.WithUserAgent("acme-provisioner/1.2"), goautodial.WithRateLimit(1000, 1),
		goautodial.WithRetry(2, time.Millisecond, time.Millisecond), goautodial.WithTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	for i := 0; i < 5; i++ {
		if _, err := c.DIDs.Exists(ctx, "3125550100"); err != nil {
			t.Fatal(err)
		}
	}
	srv.InjectFault("goCheckDID", goautodialtest.Fault{Kind: goautodialtest.FaultLatency, Delay: time.Second})
	_, err = c.DIDs.Exists(ctx, "3125550100")
	wantErr(t, err, goautodial.ErrTransport)
	var te *goautodial.TransportError
	if !errors.As(err, &te) || te.Kind != "timeout" || te.Attempts != 2 || srv.Calls("goCheckDID") != 7 {
		t.Errorf("%#v, calls %d", te, srv.Calls("goCheckDID"))
	}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"result":"success","ua":"`+r.Header.Get("User-Agent")+`"}`)
		if !strings.HasPrefix(r.Header.Get("User-Agent"), "acme-provisioner/1.2 didkit-goautodial/") {
			t.Errorf("User-Agent %q", r.Header.Get("User-Agent"))
		}
	}))
	defer hs.Close()
	c2, _ := goautodial.New(hs.URL, "u", "p", goautodial.WithUserAgent("acme-provisioner/1.2"))
	if _, err := c2.DIDs.Exists(ctx, "1"); err != nil {
		t.Fatal(err)
	}
}
