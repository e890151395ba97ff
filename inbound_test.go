package voipms_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

const testToken = "tok_0123456789abcdefABCDEF"

// fakeClock is a settable simulator clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// recorder is an inbound callback that records what it got and fails while
// fail is set.
type recorder struct {
	mu   sync.Mutex
	got  []voipms.InboundMessage
	fail atomic.Bool
}

func (r *recorder) callback(_ context.Context, m voipms.InboundMessage) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, m)
	if r.fail.Load() {
		return errors.New("database down")
	}
	return nil
}

func (r *recorder) calls() int { r.mu.Lock(); defer r.mu.Unlock(); return len(r.got) }

func (r *recorder) last() voipms.InboundMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.got[len(r.got)-1]
}

func newInbound(t *testing.T, fn func(context.Context, voipms.InboundMessage) error, opts ...voipms.InboundOption) *voipms.InboundHandler {
	t.Helper()
	h, err := voipms.NewInboundHandler(testToken, fn, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// serve runs one GET of target (a full URL; only its query matters) through h.
func serve(h http.Handler, method, target string) *httptest.ResponseRecorder {
	u, err := url.Parse(target)
	if err != nil {
		panic(err)
	}
	req := &http.Request{Method: method, URL: u, Header: http.Header{}, RemoteAddr: "127.0.0.1:5555", Host: u.Host}
	req = req.WithContext(context.Background())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestInboundURLRoundTrip: what the simulator substitutes into the URL
// InboundURL builds is what the handler hands to the callback, for every
// placeholder, unicode, and '&', '=', '+', '%', '#' and braces in the text.
func TestInboundURLRoundTrip(t *testing.T) {
	base := "https://hooks.example.com/voipms/sms?tenant=7"
	tmpl, err := voipms.InboundURL(base, testToken)
	if err != nil {
		t.Fatal(err)
	}
	want := "https://hooks.example.com/voipms/sms?tenant=7&to={TO}&from={FROM}&message={MESSAGE}&id={ID}&date={TIMESTAMP}&media={MEDIA}&token=" + testToken
	if tmpl != want {
		t.Fatalf("InboundURL:\n got %s\nwant %s", tmpl, want)
	}
	for _, p := range voipms.InboundPlaceholders() {
		if !strings.Contains(tmpl, p) {
			t.Errorf("placeholder %s missing from %s", p, tmpl)
		}
	}
	date := time.Date(2026, 12, 1, 23, 5, 9, 0, time.UTC)
	cases := []voipmstest.InboundMessage{
		{ID: 1, Date: date, From: "5145550123", To: "5551234567", Text: "hello"},
		{ID: 778081872, Date: date, From: "5145550123", To: "5551234567", Text: "a&b=c&token=x&id=9 100% + #1 ?q {MESSAGE} {ID}"},
		{ID: 3, Date: date, From: "22222", To: "5551234567", Text: "Ünïcødé — 日本語 🎉 ça va?\nsecond line\ttab"},
		{ID: 4, Date: date, From: "15145550123", To: "+15551234567", Text: "", Media: []string{"https://voip.ms/media.php?map=MTU5MzUz==&a=b", "https://example.com/x%20y.jpg"}},
		{ID: 9223372036854775807, Date: date, From: "5145550123", To: "5551234567", Text: "caption", Media: []string{"http://127.0.0.1:9/a.png"}},
		{ID: 6, Date: date, From: "5145550123", To: "5551234567", Text: strings.Repeat("é", voipms.DefaultInboundMaxText)},
	}
	for _, c := range cases {
		var got voipms.InboundMessage
		calls := 0
		h := newInbound(t, func(_ context.Context, m voipms.InboundMessage) error { got = m; calls++; return nil })
		rec := serve(h, http.MethodGet, c.CallbackURL(tmpl))
		if rec.Code != 200 || rec.Body.String() != "ok" || calls != 1 {
			t.Fatalf("id %d: %d %q, %d calls", c.ID, rec.Code, rec.Body.String(), calls)
		}
		wantMsg := voipms.InboundMessage{ID: c.ID, Date: c.Date, DateRaw: "2026-12-01 23:05:09", From: c.From, To: c.To,
			Text: c.Text, Media: c.Media, Kind: voipms.InboundSMS}
		if len(c.Media) > 0 {
			wantMsg.Kind = voipms.InboundMMS
		}
		if !reflect.DeepEqual(got, wantMsg) {
			t.Errorf("id %d:\n got %#v\nwant %#v", c.ID, got, wantMsg)
		}
	}
}

func TestInboundURLRejects(t *testing.T) {
	for _, c := range []struct{ base, token string }{
		{"https://example.com/sms", "short"},
		{"https://example.com/sms", strings.Repeat("a", 15)},
		{"https://example.com/sms", strings.Repeat("a", 257)},
		{"https://example.com/sms", "SENTINEL-secret-&-value"},
		{"https://example.com/sms", "SENTINEL secret value"},
		{"ftp://example.com/sms", testToken},
		{"/sms", testToken},
		{"https:///sms", testToken},
		{"https://example.com/sms#frag", testToken},
		{"https://example.com/sms?to=1", testToken},
		{"https://example.com/sms?token=1", testToken},
		{"https://example.com/sms?id=1", testToken},
		{"https://example.com/sms?a=%zz", testToken},
	} {
		u, err := voipms.InboundURL(c.base, c.token)
		if err == nil {
			t.Errorf("InboundURL(%q, %q) = %q, want an error", c.base, c.token, u)
			continue
		}
		if strings.Contains(err.Error(), "SENTINEL") || (len(c.token) > 3 && strings.Contains(err.Error(), c.token)) {
			t.Errorf("error %q holds the token", err)
		}
		if _, err := voipms.NewInboundHandler(c.token, func(context.Context, voipms.InboundMessage) error { return nil }); strings.HasPrefix(c.base, "https://example.com/sms") && c.base == "https://example.com/sms" && !errors.Is(err, voipms.ErrInvalidInboundToken) {
			t.Errorf("NewInboundHandler(%q): %v, want ErrInvalidInboundToken", c.token, err)
		}
	}
	tok, err := voipms.NewInboundToken()
	if err != nil || len(tok) != 43 {
		t.Fatalf("NewInboundToken: %q %v", tok, err)
	}
	if _, err := voipms.InboundURL("http://127.0.0.1:8080/", tok); err != nil {
		t.Fatal(err)
	}
	if _, err := voipms.NewInboundHandler(tok, nil); err == nil {
		t.Fatal("nil callback accepted")
	}
}

// inboundWorld is a simulator with a settable clock, a DID with SMS, and an
// InboundHandler listening on loopback.
type inboundWorld struct {
	srv   *voipmstest.Server
	clock *fakeClock
	c     *voipms.Client
	did   string
	rec   *recorder
	hook  *httptest.Server
	tmpl  string
	front http.Handler // what the hook server runs; defaults to the handler
	h     *voipms.InboundHandler
	mu    sync.Mutex
}

func newInboundWorld(t *testing.T, retry bool, opts ...voipms.InboundOption) *inboundWorld {
	t.Helper()
	w := &inboundWorld{clock: &fakeClock{t: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)}, rec: &recorder{}}
	w.srv = voipmstest.NewServer(voipmstest.WithSeed(42), voipmstest.WithClock(w.clock.Now), voipmstest.WithRedeliveryPoll(time.Hour))
	t.Cleanup(w.srv.Close)
	var err error
	if w.c, err = w.srv.Client(); err != nil {
		t.Fatal(err)
	}
	w.h = newInbound(t, w.rec.callback, opts...)
	w.front = w.h
	w.hook = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		f := w.front
		w.mu.Unlock()
		f.ServeHTTP(rw, r)
	}))
	t.Cleanup(w.hook.Close)
	ctx := context.Background()
	w.did = buyOne(ctx, w.c)
	if w.tmpl, err = voipms.InboundURL(w.hook.URL+"/voipms/sms", testToken); err != nil {
		t.Fatal(err)
	}
	w.setCallback(t, w.tmpl, retry)
	return w
}

func (w *inboundWorld) setCallback(t *testing.T, u string, retry bool) {
	t.Helper()
	err := w.c.SMS.UpdateSettings(context.Background(), w.did, func(p *voipms.SMSSetSettingsParams) error {
		on := true
		p.URLCallbackEnable, p.URLCallback, p.URLCallbackRetry = &on, &u, &retry
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (w *inboundWorld) setFront(h http.Handler) { w.mu.Lock(); w.front = h; w.mu.Unlock() }

func (w *inboundWorld) last(t *testing.T) voipmstest.Delivery {
	t.Helper()
	ds := w.srv.Deliveries()
	if len(ds) == 0 {
		t.Fatal("no delivery")
	}
	return ds[len(ds)-1]
}

func TestInboundEndToEnd(t *testing.T) {
	ctx := context.Background()

	t.Run("delivered once when the callback succeeds", func(t *testing.T) {
		w := newInboundWorld(t, true)
		id, err := w.srv.Receive(w.did, "5145550123", "hi & bye = ciao")
		if err != nil {
			t.Fatal(err)
		}
		if n := w.rec.calls(); n != 1 {
			t.Fatalf("callback ran %d times, want 1", n)
		}
		m := w.rec.last()
		if m.ID != id || m.To != w.did || m.From != "5145550123" || m.Text != "hi & bye = ciao" || m.Kind != voipms.InboundSMS ||
			!m.Date.Equal(w.clock.Now()) {
			t.Fatalf("callback got %#v", m)
		}
		d := w.last(t)
		if !d.Acked || d.Attempts != 1 || d.LastStatus != 200 || !d.NextAttempt.IsZero() {
			t.Fatalf("delivery %+v", d)
		}
		w.clock.Add(2 * voipmstest.RedeliveryInterval)
		if n := w.srv.Redeliver(); n != 0 || w.rec.calls() != 1 {
			t.Fatalf("redelivered %d after ok, callback %d", n, w.rec.calls())
		}
		// The message is listed as received.
		recv := voipms.MessageTypeReceived
		list, err := w.c.SMS.List(ctx, &voipms.SMSListParams{DID: &w.did, Type: &recv})
		if err != nil || len(list) != 1 || fmt.Sprint(list[0].Message) != "hi & bye = ciao" || fmt.Sprint(list[0].Contact) != "5145550123" {
			t.Fatalf("getSMS: %+v %v", list, err)
		}
	})

	t.Run("delivered again 30 simulated minutes after a failure", func(t *testing.T) {
		w := newInboundWorld(t, true)
		w.rec.fail.Store(true)
		if _, err := w.srv.Receive(w.did, "5145550123", "try again"); err != nil {
			t.Fatal(err)
		}
		d := w.last(t)
		if d.Acked || d.Attempts != 1 || d.LastStatus != 500 || !d.NextAttempt.Equal(w.clock.Now().Add(30*time.Minute)) || w.rec.calls() != 1 {
			t.Fatalf("after a failed callback: %+v, %d calls", d, w.rec.calls())
		}
		w.rec.fail.Store(false)
		w.clock.Add(29 * time.Minute)
		if n := w.srv.Redeliver(); n != 0 {
			t.Fatalf("redelivered %d after 29 minutes", n)
		}
		w.clock.Add(time.Minute)
		if n := w.srv.Redeliver(); n != 1 {
			t.Fatalf("redelivered %d after 30 minutes", n)
		}
		d = w.last(t)
		if !d.Acked || d.Attempts != 2 || w.rec.calls() != 2 {
			t.Fatalf("after the redelivery: %+v, %d calls", d, w.rec.calls())
		}
	})

	t.Run("without retry a failure is not redelivered", func(t *testing.T) {
		w := newInboundWorld(t, false)
		w.rec.fail.Store(true)
		if _, err := w.srv.Receive(w.did, "5145550123", "once"); err != nil {
			t.Fatal(err)
		}
		w.clock.Add(time.Hour)
		if n := w.srv.Redeliver(); n != 0 || w.last(t).Attempts != 1 {
			t.Fatalf("redelivered %d without retry", n)
		}
	})

	t.Run("a resend after success does not reach the callback twice", func(t *testing.T) {
		w := newInboundWorld(t, true)
		// The callback succeeds but its "ok" is lost on the way (a proxy
		// answers 502), so VoIP.ms sends the message again.
		w.setFront(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			w.h.ServeHTTP(httptest.NewRecorder(), r)
			rw.WriteHeader(http.StatusBadGateway)
		}))
		if _, err := w.srv.Receive(w.did, "5145550123", "exactly once"); err != nil {
			t.Fatal(err)
		}
		if d := w.last(t); d.Acked || w.rec.calls() != 1 {
			t.Fatalf("first attempt: %+v, %d calls", d, w.rec.calls())
		}
		w.setFront(w.h)
		w.clock.Add(30 * time.Minute)
		if n := w.srv.Redeliver(); n != 1 {
			t.Fatalf("redelivered %d", n)
		}
		if d := w.last(t); !d.Acked || d.Attempts != 2 || w.rec.calls() != 1 {
			t.Fatalf("resend: %+v, callback ran %d times", d, w.rec.calls())
		}
		// And a replay of the same GET by hand: ok, still one call.
		d := w.last(t)
		resp, err := http.Get(d.Message.CallbackURL(w.tmpl))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(body) != "ok" || w.rec.calls() != 1 {
			t.Fatalf("replay: %d %q, %d calls", resp.StatusCode, body, w.rec.calls())
		}
	})

	t.Run("a request without the token never reaches the callback", func(t *testing.T) {
		w := newInboundWorld(t, true)
		noToken := strings.Replace(w.tmpl, "&token="+testToken, "", 1)
		w.setCallback(t, noToken, true)
		if _, err := w.srv.Receive(w.did, "5145550123", "who am I"); err != nil {
			t.Fatal(err)
		}
		if d := w.last(t); d.Acked || d.LastStatus != 404 || w.rec.calls() != 0 {
			t.Fatalf("without token: %+v, %d calls", d, w.rec.calls())
		}
		m := w.last(t).Message
		for _, u := range []string{
			m.CallbackURL(noToken),
			m.CallbackURL(noToken + "&token=" + strings.ToUpper(testToken)),
			m.CallbackURL(noToken + "&token=" + testToken[:len(testToken)-1]),
			m.CallbackURL(noToken + "&token=" + testToken + "x"),
			m.CallbackURL(noToken + "&token=" + testToken + "&token=" + testToken),
			m.CallbackURL(noToken + "&token="),
			m.CallbackURL(noToken + "&Token=" + testToken),
		} {
			for _, method := range []string{"GET", "POST", "HEAD", "PUT", "DELETE"} {
				req, _ := http.NewRequest(method, u, nil)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != 404 {
					t.Errorf("%s %s: %d, want 404", method, u, resp.StatusCode)
				}
			}
		}
		if w.rec.calls() != 0 {
			t.Fatalf("callback ran %d times", w.rec.calls())
		}
	})

	t.Run("an MMS is delivered with its media and listed by getMMS", func(t *testing.T) {
		w := newInboundWorld(t, true)
		media := []string{"https://voip.ms/media.php?map=abc==&x=1", "https://example.com/b.png"}
		id, err := w.srv.Receive(w.did, "5145550123", "look", media...)
		if err != nil {
			t.Fatal(err)
		}
		m := w.rec.last()
		if m.ID != id || m.Kind != voipms.InboundMMS || !reflect.DeepEqual(m.Media, media) || m.Text != "look" {
			t.Fatalf("callback got %#v", m)
		}
		recv := voipms.MessageTypeReceived
		list, err := w.c.SMS.ListMMS(ctx, &voipms.SMSListMMSParams{DID: &w.did, Type: &recv})
		if err != nil || len(list) != 1 || len(list[0].Media) != 2 {
			t.Fatalf("getMMS: %+v %v", list, err)
		}
	})

	t.Run("only to loopback", func(t *testing.T) {
		w := newInboundWorld(t, true)
		w.setCallback(t, "http://192.0.2.1:9/never?id={ID}", true)
		if _, err := w.srv.Receive(w.did, "5145550123", "stay home"); err != nil {
			t.Fatal(err)
		}
		if d := w.last(t); d.Acked || d.LastStatus != 0 || d.Attempts != 1 {
			t.Fatalf("delivery off loopback: %+v", d)
		}
	})
}

// TestInboundConcurrentDuplicates: many simultaneous deliveries of one
// message reach the callback once, and all are answered ok.
func TestInboundConcurrentDuplicates(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	h := newInbound(t, func(ctx context.Context, m voipms.InboundMessage) error {
		calls.Add(1)
		<-release
		return nil
	})
	tmpl, _ := voipms.InboundURL("http://127.0.0.1/sms", testToken)
	target := voipmstest.InboundMessage{ID: 42, From: "5145550123", To: "5551234567", Text: "same"}.CallbackURL(tmpl)
	const n = 32
	codes := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := serve(h, "GET", target)
			codes[i] = fmt.Sprint(rec.Code, rec.Body.String())
		}()
	}
	time.Sleep(50 * time.Millisecond) // let them all arrive while the first is in the callback
	close(release)
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("callback ran %d times", calls.Load())
	}
	for i, c := range codes {
		if c != "200ok" {
			t.Fatalf("delivery %d answered %s", i, c)
		}
	}
}

// TestInboundConcurrentAfterFailure: when the first of concurrent deliveries
// fails, a waiting one runs the callback (once more) and succeeds.
func TestInboundConcurrentAfterFailure(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	h := newInbound(t, func(ctx context.Context, m voipms.InboundMessage) error {
		if calls.Add(1) == 1 {
			<-release
			return errors.New("first fails")
		}
		return nil
	})
	tmpl, _ := voipms.InboundURL("http://127.0.0.1/sms", testToken)
	target := voipmstest.InboundMessage{ID: 7, From: "5145550123", To: "5551234567", Text: "x"}.CallbackURL(tmpl)
	var wg sync.WaitGroup
	results := make([]int, 4)
	for i := range results {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = serve(h, "GET", target).Code }()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	ok, failed := 0, 0
	for _, c := range results {
		switch c {
		case 200:
			ok++
		case 500:
			failed++
		}
	}
	if calls.Load() != 2 || failed != 1 || ok != 3 {
		t.Fatalf("calls %d, answers %v", calls.Load(), results)
	}
}

func TestInboundBadInput(t *testing.T) {
	tmpl, _ := voipms.InboundURL("http://127.0.0.1/sms", testToken)
	good := voipmstest.InboundMessage{ID: 5, Date: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), From: "5145550123", To: "5551234567", Text: "hello"}
	u := func(m voipmstest.InboundMessage) string { return m.CallbackURL(tmpl) }
	raw := func(q string) string { return "http://127.0.0.1/sms?" + q + "&token=" + testToken }
	with := func(f func(*voipmstest.InboundMessage)) string { m := good; f(&m); return u(m) }
	cases := []struct {
		name, method, target string
		code                 int
		reason               string
	}{
		{"POST", "POST", u(good), 405, "method not allowed: deliveries are GET"},
		{"HEAD", "HEAD", u(good), 405, ""},
		{"PUT", "PUT", u(good), 405, "method not allowed: deliveries are GET"},
		{"no to", "GET", with(func(m *voipmstest.InboundMessage) { m.To = "" }), 400, "to: missing"},
		{"no from", "GET", with(func(m *voipmstest.InboundMessage) { m.From = "" }), 400, "from: missing"},
		{"bad from", "GET", with(func(m *voipmstest.InboundMessage) { m.From = "514-555" }), 400, "from: not a phone number"},
		{"bad to", "GET", with(func(m *voipmstest.InboundMessage) { m.To = "1" }), 400, "to: not a phone number"},
		{"no text no media", "GET", with(func(m *voipmstest.InboundMessage) { m.Text = "" }), 400, "message: missing (and no media)"},
		{"text too long", "GET", with(func(m *voipmstest.InboundMessage) { m.Text = strings.Repeat("x", voipms.DefaultInboundMaxText+1) }), 400, "message: longer than 2048 characters"},
		{"id zero", "GET", with(func(m *voipmstest.InboundMessage) { m.ID = 0 }), 400, "id: not a positive integer"},
		{"id unsubstituted", "GET", raw("to=5551234567&from=5145550123&message=hi&id={ID}"), 400, "id: missing"},
		{"id not a number", "GET", raw("to=5551234567&from=5145550123&message=hi&id=12a"), 400, "id: not a positive integer"},
		{"id overflow", "GET", raw("to=5551234567&from=5145550123&message=hi&id=9223372036854775808"), 400, "id: not a positive integer"},
		{"id negative", "GET", raw("to=5551234567&from=5145550123&message=hi&id=-3"), 400, "id: not a positive integer"},
		{"id twice", "GET", raw("to=5551234567&from=5145550123&message=hi&id=3&id=4"), 400, "id: given more than once"},
		{"message twice", "GET", raw("to=5551234567&from=5145550123&message=hi&message=ho&id=3"), 400, "message: given more than once"},
		{"bad escape", "GET", raw("to=5551234567&from=5145550123&message=%zz&id=3"), 400, "message: malformed URL encoding"},
		{"invalid utf-8", "GET", raw("to=5551234567&from=5145550123&message=%ff%fe&id=3"), 400, "message: not valid UTF-8"},
		{"media not a URL", "GET", with(func(m *voipmstest.InboundMessage) { m.Media = []string{"not a url"} }), 400, "media: not a list of http(s) URLs"},
		{"media ftp", "GET", with(func(m *voipmstest.InboundMessage) { m.Media = []string{"ftp://x/y"} }), 400, "media: not a list of http(s) URLs"},
		{"media bad json", "GET", raw("to=5551234567&from=5145550123&message=hi&id=3&media=" + url.QueryEscape(`["https://a/b",`)), 400, "media: malformed list"},
		{"media json not strings", "GET", raw("to=5551234567&from=5145550123&message=hi&id=3&media=" + url.QueryEscape(`[1,2]`)), 400, "media: malformed list"},
		{"media only commas", "GET", raw("to=5551234567&from=5145550123&message=hi&id=3&media=,,"), 400, "media: malformed list"},
		{"too many media", "GET", with(func(m *voipmstest.InboundMessage) {
			for i := range 11 {
				m.Media = append(m.Media, fmt.Sprintf("https://x/%d", i))
			}
		}), 400, "media: more than 10 items"},
		{"query too long", "GET", raw("to=5551234567&from=5145550123&id=3&message=" + strings.Repeat("a", 70000)), 414, "query too long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			calls := 0
			h := newInbound(t, func(context.Context, voipms.InboundMessage) error { calls++; return nil })
			rec := serve(h, c.method, c.target)
			if rec.Code != c.code || calls != 0 {
				t.Fatalf("%d %q (%d calls), want %d", rec.Code, rec.Body.String(), calls, c.code)
			}
			if c.reason != "" && rec.Body.String() != c.reason {
				t.Fatalf("reason %q, want %q", rec.Body.String(), c.reason)
			}
		})
	}
	// The literal placeholders of optional fields mean absent; a JSON
	// array of media is read too; extra keys are ignored.
	var got voipms.InboundMessage
	h := newInbound(t, func(_ context.Context, m voipms.InboundMessage) error { got = m; return nil })
	rec := serve(h, "GET", raw("to=5551234567&from=5145550123&message=hi&id=3&date={TIMESTAMP}&media={MEDIA}&utm=%zz"))
	if rec.Code != 200 || got.Kind != voipms.InboundSMS || !got.Date.IsZero() || got.DateRaw != "" || got.Media != nil {
		t.Fatalf("placeholders left: %d %#v", rec.Code, got)
	}
	rec = serve(h, "GET", raw("to=5551234567&from=5145550123&id=4&date=1764630000&media="+url.QueryEscape(`["https://a/b.png"]`)))
	if rec.Code != 200 || got.Kind != voipms.InboundMMS || !got.Date.Equal(time.Unix(1764630000, 0)) || len(got.Media) != 1 {
		t.Fatalf("JSON media, unix date: %d %#v", rec.Code, got)
	}
	rec = serve(h, "GET", raw("to=5551234567&from=5145550123&id=5&message=x&date=yesterday"))
	if rec.Code != 200 || !got.Date.IsZero() || got.DateRaw != "yesterday" {
		t.Fatalf("unknown date: %d %#v", rec.Code, got)
	}
	loc := time.FixedZone("EST", -5*3600)
	h = newInbound(t, func(_ context.Context, m voipms.InboundMessage) error { got = m; return nil }, voipms.WithInboundLocation(loc), voipms.WithInboundMaxText(3))
	if rec = serve(h, "GET", raw("to=5551234567&from=5145550123&id=6&message=abcd")); rec.Code != 400 {
		t.Fatalf("WithInboundMaxText(3): %d", rec.Code)
	}
	rec = serve(h, "GET", raw("to=5551234567&from=5145550123&id=6&message=abc&date=2026-12-01+10%3A00%3A00"))
	if rec.Code != 200 || !got.Date.Equal(time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC)) {
		t.Fatalf("date in location: %d %v", rec.Code, got.Date)
	}
}

func TestInboundAllowedSources(t *testing.T) {
	calls := 0
	h := newInbound(t, func(context.Context, voipms.InboundMessage) error { calls++; return nil },
		voipms.WithInboundAllowedSources(netip.MustParsePrefix("203.0.113.0/24"), netip.MustParsePrefix("2001:db8::/32")))
	tmpl, _ := voipms.InboundURL("http://127.0.0.1/sms", testToken)
	target := voipmstest.InboundMessage{ID: 1, From: "5145550123", To: "5551234567", Text: "x"}.CallbackURL(tmpl)
	for _, c := range []struct {
		remote string
		code   int
	}{
		{"127.0.0.1:1", 404}, {"198.51.100.7:80", 404}, {"garbage", 404},
		{"203.0.113.9:4000", 200}, {"[::ffff:203.0.113.10]:1", 200}, {"[2001:db8::1]:443", 200},
	} {
		u, _ := url.Parse(target)
		req := (&http.Request{Method: "GET", URL: u, Header: http.Header{}, RemoteAddr: c.remote}).WithContext(context.Background())
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.code {
			t.Errorf("from %s: %d, want %d", c.remote, rec.Code, c.code)
		}
	}
	if calls != 1 {
		t.Fatalf("callback ran %d times, want 1", calls)
	}
	for _, bad := range []voipms.InboundOption{
		voipms.WithInboundAllowedSources(), voipms.WithInboundAllowedSources(netip.Prefix{}),
		voipms.WithInboundStore(nil), voipms.WithInboundMaxText(0), voipms.WithInboundLocation(nil),
	} {
		if _, err := voipms.NewInboundHandler(testToken, func(context.Context, voipms.InboundMessage) error { return nil }, bad); err == nil {
			t.Error("bad option accepted")
		}
	}
}

// failingStore fails the chosen operation.
type failingStore struct {
	*voipms.MemoryInboundStore
	claim, accept bool
}

func (s failingStore) Claim(ctx context.Context, id int64) (voipms.InboundClaim, error) {
	if s.claim {
		return 0, errors.New("store down")
	}
	return s.MemoryInboundStore.Claim(ctx, id)
}

func (s failingStore) Accept(ctx context.Context, id int64) error {
	if s.accept {
		return errors.New("store down")
	}
	return s.MemoryInboundStore.Accept(ctx, id)
}

func TestInboundFailures(t *testing.T) {
	tmpl, _ := voipms.InboundURL("http://127.0.0.1/sms", testToken)
	target := voipmstest.InboundMessage{ID: 11, From: "5145550123", To: "5551234567", Text: "x"}.CallbackURL(tmpl)

	t.Run("a panicking callback gets 500 and the message can come again", func(t *testing.T) {
		calls := 0
		h := newInbound(t, func(context.Context, voipms.InboundMessage) error {
			calls++
			if calls == 1 {
				panic("boom")
			}
			return nil
		})
		if rec := serve(h, "GET", target); rec.Code != 500 || rec.Body.String() == "ok" {
			t.Fatalf("panic: %d %q", rec.Code, rec.Body.String())
		}
		if rec := serve(h, "GET", target); rec.Code != 200 || calls != 2 {
			t.Fatalf("after panic: %d, %d calls", rec.Code, calls)
		}
	})
	t.Run("store failures answer 500", func(t *testing.T) {
		calls := 0
		fn := func(context.Context, voipms.InboundMessage) error { calls++; return nil }
		h := newInbound(t, fn, voipms.WithInboundStore(failingStore{MemoryInboundStore: voipms.NewMemoryInboundStore(0), claim: true}))
		if rec := serve(h, "GET", target); rec.Code != 500 || calls != 0 {
			t.Fatalf("claim fails: %d, %d calls", rec.Code, calls)
		}
		store := failingStore{MemoryInboundStore: voipms.NewMemoryInboundStore(0), accept: true}
		h = newInbound(t, fn, voipms.WithInboundStore(store))
		if rec := serve(h, "GET", target); rec.Code != 500 || calls != 1 {
			t.Fatalf("accept fails: %d, %d calls", rec.Code, calls)
		}
		// At least once: the redelivery reaches the callback again.
		store.accept = false
		h = newInbound(t, fn, voipms.WithInboundStore(store))
		if rec := serve(h, "GET", target); rec.Code != 200 || calls != 2 {
			t.Fatalf("redelivery after accept failed: %d, %d calls", rec.Code, calls)
		}
	})
	t.Run("a claim held elsewhere answers 503", func(t *testing.T) {
		store := voipms.NewMemoryInboundStore(0)
		if c, _ := store.Claim(context.Background(), 11); c != voipms.ClaimNew {
			t.Fatal(c)
		}
		calls := 0
		h := newInbound(t, func(context.Context, voipms.InboundMessage) error { calls++; return nil }, voipms.WithInboundStore(store))
		if rec := serve(h, "GET", target); rec.Code != 503 || calls != 0 {
			t.Fatalf("busy: %d, %d calls", rec.Code, calls)
		}
	})
}

func TestMemoryInboundStoreIsBounded(t *testing.T) {
	ctx := context.Background()
	s := voipms.NewMemoryInboundStore(2)
	for _, id := range []int64{1, 2, 3} {
		if c, _ := s.Claim(ctx, id); c != voipms.ClaimNew {
			t.Fatalf("claim %d: %v", id, c)
		}
		if c, _ := s.Claim(ctx, id); c != voipms.ClaimBusy {
			t.Fatalf("second claim %d: %v", id, c)
		}
		_ = s.Accept(ctx, id)
	}
	if s.Len() != 2 {
		t.Fatalf("Len %d", s.Len())
	}
	if c, _ := s.Claim(ctx, 1); c != voipms.ClaimNew {
		t.Fatalf("oldest id still remembered: %v", c)
	}
	if c, _ := s.Claim(ctx, 3); c != voipms.ClaimDone {
		t.Fatalf("newest id forgotten: %v", c)
	}
	_ = s.Release(ctx, 1)
	if c, _ := s.Claim(ctx, 1); c != voipms.ClaimNew {
		t.Fatalf("after release: %v", c)
	}
}

// TestInboundTokenNeverLeaks: with a sentinel token, no log record (at every
// level) and no error contains it, whatever the verb, token or outcome, and
// nothing of a request without the token is logged.
func TestInboundTokenNeverLeaks(t *testing.T) {
	const sentinel = "SENTINELtokenQ9w8e7r6t5y4"
	const secretText = "SECRETTEXTinRequest"
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	fail := false
	h, err := voipms.NewInboundHandler(sentinel, func(context.Context, voipms.InboundMessage) error {
		if fail {
			return errors.New("callback failed")
		}
		return nil
	}, voipms.WithInboundLogger(logger), voipms.WithInboundStore(voipms.NewMemoryInboundStore(10)))
	if err != nil {
		t.Fatal(err)
	}
	tmpl, _ := voipms.InboundURL("http://127.0.0.1/sms", sentinel)
	msg := voipmstest.InboundMessage{ID: 1, From: "5145550123", To: "5551234567", Text: "hello"}
	noTok := strings.Replace(tmpl, "&token="+sentinel, "", 1)
	targetsFor := func(msg voipmstest.InboundMessage) []string {
		return []string{
			msg.CallbackURL(tmpl),
			msg.CallbackURL(tmpl),
			msg.CallbackURL(strings.Replace(tmpl, "{FROM}", "xx", 1)),
			voipmstest.InboundMessage{ID: 2, From: "1", To: "2", Text: secretText}.CallbackURL(noTok + "&token=wrong" + sentinel[:5]),
			voipmstest.InboundMessage{ID: 3, From: "5145550123", To: "5551234567", Text: secretText}.CallbackURL(noTok),
		}
	}
	for _, f := range []bool{false, true} {
		fail = f
		for _, target := range targetsFor(msg) {
			for _, method := range []string{"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"} {
				rec := serve(h, method, target)
				if strings.Contains(rec.Body.String(), sentinel) || strings.Contains(fmt.Sprint(rec.Header()), sentinel) {
					t.Fatalf("answer holds the token: %s", rec.Body.String())
				}
			}
		}
		msg.ID++
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%T %v"} {
		if s := fmt.Sprintf(verb, h); strings.Contains(s, sentinel) {
			t.Errorf("%s prints the token: %s", verb, s)
		}
	}
	logger.Info("handler", "h", h, "any", slog.AnyValue(h))
	if _, err := voipms.NewInboundHandler(sentinel+"!", nil); err == nil || strings.Contains(err.Error(), sentinel) {
		t.Errorf("error %v", err)
	}
	if _, err := voipms.InboundURL("ftp://x", sentinel); err == nil || strings.Contains(err.Error(), sentinel) {
		t.Errorf("error %v", err)
	}
	out := buf.String()
	if strings.Contains(out, sentinel) || strings.Contains(out, sentinel[:12]) {
		t.Fatalf("log holds the token:\n%s", out)
	}
	if strings.Contains(out, secretText) {
		t.Fatalf("log holds content of a request without the token:\n%s", out)
	}
	for _, want := range []string{"accepted", "duplicate acknowledged", "callback failed", "rejected", "without a valid token"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

// TestSimulatorRedeliveryTimerStopsOnClose: a listening simulator
// redelivers on its own (real clock, short poll) and its timer goroutine
// ends with Close.
func TestSimulatorRedeliveryTimerStopsOnClose(t *testing.T) {
	before := settledGoroutines()
	clock := &fakeClock{t: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)}
	srv := voipmstest.NewServer(voipmstest.WithSeed(42), voipmstest.WithClock(clock.Now), voipmstest.WithRedeliveryPoll(5*time.Millisecond))
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	rec.fail.Store(true)
	h := newInbound(t, rec.callback)
	hook := httptest.NewServer(h)
	did := buyOne(context.Background(), c)
	u, _ := voipms.InboundURL(hook.URL, testToken)
	on := true
	if err := c.SMS.UpdateSettings(context.Background(), did, func(p *voipms.SMSSetSettingsParams) error {
		p.URLCallbackEnable, p.URLCallback, p.URLCallbackRetry = &on, &u, &on
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Receive(did, "5145550123", "tick"); err != nil {
		t.Fatal(err)
	}
	rec.fail.Store(false)
	clock.Add(30 * time.Minute)
	deadline := time.Now().Add(5 * time.Second)
	for rec.calls() < 2 {
		if time.Now().After(deadline) {
			t.Fatal("the timer did not redeliver")
		}
		time.Sleep(5 * time.Millisecond)
	}
	srv.Close()
	hook.Close()

	waitGoroutinesAtMost(t, before)
}

func waitGoroutinesAtMost(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for settledGoroutines() > before {
		if time.Now().After(deadline) {
			t.Fatalf("goroutines: %d before, %d after", before, settledGoroutines())
		}
	}
}

func TestSimulatorReceiveControlEndpoint(t *testing.T) {
	w := newInboundWorld(t, true)
	endpoint := strings.TrimSuffix(w.srv.URL(), voipmstest.APIPath) + voipmstest.ReceivePath
	post := func(v url.Values) string {
		resp, err := http.PostForm(endpoint, v)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	v := url.Values{"api_username": {w.srv.Username()}, "api_password": {"wrong"}, "did": {w.did}, "from": {"5145550123"}, "message": {"hey"}}
	if got := post(v); !strings.Contains(got, "invalid_credentials") || w.rec.calls() != 0 {
		t.Fatalf("wrong password: %s", got)
	}
	v.Set("api_password", w.srv.Password())
	v["media"] = []string{"https://example.com/a.png"}
	if got := post(v); !strings.Contains(got, `"status":"success"`) || w.rec.calls() != 1 || w.rec.last().Kind != voipms.InboundMMS {
		t.Fatalf("receive: %s, %d calls", got, w.rec.calls())
	}
	v.Set("did", "0000000000")
	if got := post(v); !strings.Contains(got, `"status":"invalid_did"`) {
		t.Fatalf("unknown DID: %s", got)
	}
}

func TestSimulatorReceiveRejects(t *testing.T) {
	w := newInboundWorld(t, true)
	for _, c := range []struct {
		to, from, text string
		media          []string
	}{
		{"0000000000", "5145550123", "x", nil},
		{w.did, "abc", "x", nil},
		{w.did, "5145550123", "", nil},
		{w.did, "5145550123", strings.Repeat("x", 161), nil},
		{w.did, "5145550123", "x", []string{"ftp://a/b"}},
		{w.did, "5145550123", "x", []string{"https://a/b,c"}},
		{w.did, "5145550123", "x", []string{"https://a/1", "https://a/2", "https://a/3", "https://a/4"}},
	} {
		if _, err := w.srv.Receive(c.to, c.from, c.text, c.media...); err == nil {
			t.Errorf("Receive(%q, %q, %d chars, %v) accepted", c.to, c.from, len(c.text), c.media)
		}
	}
	if w.rec.calls() != 0 || len(w.srv.Deliveries()) != 0 {
		t.Fatal("a rejected message was delivered")
	}
}
