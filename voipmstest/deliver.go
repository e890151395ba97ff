package voipmstest

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"
)

// Inbound messages: Server.Receive makes a DID of the account receive a
// message and delivers it to the DID's SMS URL callback as VoIP.ms does.

// RedeliveryInterval is how long VoIP.ms waits before it sends a message
// again to an SMS URL callback that did not answer "ok" (with
// url_callback_retry on): "we will keep sending you the same message every
// 30 minutes" (setSMS docs).
const RedeliveryInterval = 30 * time.Minute

// ReceivePath is the control endpoint of a listening server: a POST there
// (from a loopback address, with the server's api_username and api_password
// in the form) with did, from, message and up to three media values makes
// the DID receive that message, like Receive; the answer is
// {"status":"success","sms":"ID"} or {"status":"<error>","message":...}.
const ReceivePath = "/sim/receive"

// callbackPlaceholders are the placeholders the simulator substitutes in an
// SMS URL callback, each with the message's value URL-encoded (PHP
// urlencode: spaces become '+'). {FROM}, {TO} and {MESSAGE} are in the
// setSMS docs; {ID}, {TIMESTAMP} and {MEDIA} are what public integrations
// configure (see the voipms package, InboundURL). {MEDIA} is the media URLs
// joined with ','; {TIMESTAMP} is "YYYY-MM-DD HH:MM:SS" on the server clock.
var callbackPlaceholders = []string{"{ID}", "{TIMESTAMP}", "{FROM}", "{TO}", "{MESSAGE}", "{MEDIA}"}

// InboundMessage is a message a DID of the account received, as the
// simulator hands it to the DID's SMS URL callback.
type InboundMessage struct {
	ID       int64
	Date     time.Time
	From, To string
	Text     string
	Media    []string
}

// CallbackURL substitutes m's values for the placeholders in the callback
// template, as VoIP.ms does.
func (m InboundMessage) CallbackURL(template string) string {
	vals := map[string]string{
		"{ID}":        strconv.FormatInt(m.ID, 10),
		"{TIMESTAMP}": m.Date.Format(stampLayout),
		"{FROM}":      m.From,
		"{TO}":        m.To,
		"{MESSAGE}":   m.Text,
		"{MEDIA}":     strings.Join(m.Media, ","),
	}
	pairs := make([]string, 0, 2*len(callbackPlaceholders))
	for _, p := range callbackPlaceholders {
		pairs = append(pairs, p, url.QueryEscape(vals[p]))
	}
	return strings.NewReplacer(pairs...).Replace(template)
}

// Delivery is the state of the delivery of one received message to its
// DID's SMS URL callback.
type Delivery struct {
	Message InboundMessage
	// Retry is the DID's url_callback_retry when the message arrived.
	Retry bool
	// Attempts counts the GET requests made; Acked is set once one was
	// answered "ok" (a 2xx status and the body "ok", surrounding white space
	// ignored).
	Attempts int
	Acked    bool
	// LastStatus is the HTTP status of the last attempt (0 when it got no
	// answer: refused, reset, timed out, not a loopback address).
	LastStatus int
	// LastAttempt and NextAttempt are on the server clock; NextAttempt is
	// zero when no attempt is due any more.
	LastAttempt, NextAttempt time.Time
}

type delivery struct {
	Delivery
	template string
	running  bool
}

// deliverer holds the deliveries of a server and its redelivery timer.
type deliverer struct {
	mu      sync.Mutex
	list    []*delivery
	client  *http.Client
	ctx     context.Context
	cancel  context.CancelFunc
	poll    time.Duration
	wg      sync.WaitGroup
	started bool
	closed  bool
}

func newDeliverer(poll time.Duration) *deliverer {
	if poll <= 0 {
		poll = time.Second
	}
	ctx, cancel := context.WithCancel(context.Background())
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: loopbackOnly}
	tr := &http.Transport{
		Proxy:                 nil, // never through a proxy: deliveries stay on this machine
		DialContext:           dialer.DialContext,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       30 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second,
	}
	client := &http.Client{
		Transport:     tr,
		Timeout:       15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &deliverer{client: client, ctx: ctx, cancel: cancel, poll: poll}
}

// errNotLoopback refuses a delivery to an address off this machine.
var errNotLoopback = errors.New("voipmstest: SMS URL callbacks are only delivered to loopback addresses")

// loopbackOnly is a dialer Control that refuses every address but loopback,
// whatever the host name resolved to.
func loopbackOnly(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return errNotLoopback
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return errNotLoopback
	}
	return nil
}

// WithRedeliveryPoll sets how often (in real time) a listening server looks
// for deliveries due again on its clock (default 1s). With a fake clock
// (WithClock), call Redeliver after moving it for a deterministic test.
func WithRedeliveryPoll(d time.Duration) Option { return func(c *config) { c.redeliveryPoll = d } }

// Receive makes the account's DID to receive a message from the number from:
// an SMS, or with media (up to three http(s) URLs) an MMS. The message is
// listed by getSMS/getMMS as received (type 1). When the DID has SMS enabled
// and its SMS URL callback enabled, Receive delivers the message there
// before it returns: one GET of the callback with the placeholders
// substituted. With url_callback_retry on, a delivery not answered "ok" is
// made again every RedeliveryInterval of the server clock, until it is
// (see Redeliver). Deliveries only go to loopback addresses.
//
// It returns the message id. An error means the message was not received
// (unknown DID, SMS disabled, bad number, text or media); a failed delivery
// is not an error (see Deliveries).
func (s *Server) Receive(to, from, text string, media ...string) (int64, error) {
	d, err := s.receive(to, from, text, media)
	if err != nil {
		return 0, err
	}
	if d.template != "" {
		s.dl.attempt(s, d)
		if d.Retry {
			s.dl.startTimer(s)
		}
	}
	return d.Message.ID, nil
}

// receive stores the message and, when the DID has a callback, a pending
// delivery. It returns the delivery (or one not to deliver, template "").
func (s *Server) receive(to, from, text string, media []string) (*delivery, error) {
	to, from = normalizeDID(to), normalizeDID(from)
	if !digitsOnly(from) || len(from) < 2 || len(from) > 15 {
		return nil, receiveErr{"invalid_dst", "from must be 2 to 15 digits"}
	}
	if len(media) > 3 {
		return nil, receiveErr{"invalid_file", "at most three media"}
	}
	for _, m := range media {
		u, err := url.Parse(m)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(m, ", \t\r\n") {
			return nil, receiveErr{"invalid_file", "media must be http(s) URLs without ',' or spaces"}
		}
	}
	max := 160
	if len(media) > 0 {
		max = 2048
	}
	switch n := utf8.RuneCountInString(text); {
	case !utf8.ValidString(text):
		return nil, receiveErr{"missing_params", "text is not valid UTF-8"}
	case n == 0 && len(media) == 0:
		return nil, receiveErr{"message_empty", "empty text and no media"}
	case n > max:
		return nil, receiveErr{"sms_toolong", fmt.Sprintf("text longer than %d characters", max)}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	did, ok := s.st.owned[to]
	if !ok {
		return nil, receiveErr{"invalid_did", "the account does not own that DID"}
	}
	if did.f["sms_enabled"] != "1" {
		return nil, receiveErr{"invalid_did", "the DID has SMS disabled"}
	}
	now := s.cfg.now()
	m := &message{id: s.st.nextMsgID, at: now, typ: "1", did: to, contact: from, text: text,
		media: append([]string(nil), media...), mms: len(media) > 0}
	s.st.nextMsgID++
	s.st.messages = append(s.st.messages, m)
	d := &delivery{Delivery: Delivery{Message: InboundMessage{
		ID: int64(m.id), Date: now, From: from, To: to, Text: text, Media: append([]string(nil), media...)}}}
	if did.f["sms_url_callback_enabled"] == "1" && did.f["sms_url_callback"] != "" {
		d.template = did.f["sms_url_callback"]
		d.Retry = did.f["sms_url_callback_retry"] == "1"
		d.NextAttempt = now
		s.dl.mu.Lock()
		s.dl.list = append(s.dl.list, d)
		s.dl.mu.Unlock()
	}
	return d, nil
}

// receiveErr is a message Receive refuses, with the status the control
// endpoint answers.
type receiveErr struct{ code, msg string }

func (e receiveErr) Error() string { return "voipmstest: Receive: " + e.msg }

// attempt makes one GET for d unless another attempt of d is running or it
// is done.
func (dl *deliverer) attempt(s *Server, d *delivery) bool {
	dl.mu.Lock()
	if d.template == "" || d.running || d.Acked || d.NextAttempt.IsZero() || dl.closed {
		dl.mu.Unlock()
		return false
	}
	d.running = true
	target := d.Message.CallbackURL(d.template)
	dl.mu.Unlock()

	status, acked := dl.get(target)

	now := s.cfg.now()
	dl.mu.Lock()
	defer dl.mu.Unlock()
	d.running = false
	d.Attempts++
	d.LastStatus = status
	d.LastAttempt = now
	d.Acked = acked
	switch {
	case acked || !d.Retry:
		d.NextAttempt = time.Time{}
	default:
		d.NextAttempt = now.Add(RedeliveryInterval)
	}
	return true
}

// get requests target and reports the status and whether the answer was ok.
func (dl *deliverer) get(target string) (int, bool) {
	req, err := http.NewRequestWithContext(dl.ctx, http.MethodGet, target, nil)
	if err != nil {
		return 0, false
	}
	req.Header.Set("User-Agent", "voipmstest-sms-callback")
	resp, err := dl.client.Do(req)
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300 && strings.TrimSpace(string(body)) == "ok"
	return resp.StatusCode, ok
}

// Redeliver makes one attempt of every delivery that is due on the server
// clock (not yet answered "ok", retry on, RedeliveryInterval after its last
// attempt) and returns how many it made. A listening server also does this
// on its own every WithRedeliveryPoll.
func (s *Server) Redeliver() int {
	now := s.cfg.now()
	s.dl.mu.Lock()
	var due []*delivery
	for _, d := range s.dl.list {
		if !d.Acked && !d.running && !d.NextAttempt.IsZero() && !now.Before(d.NextAttempt) {
			due = append(due, d)
		}
	}
	s.dl.mu.Unlock()
	n := 0
	for _, d := range due {
		if s.dl.attempt(s, d) {
			n++
		}
	}
	return n
}

// Deliveries returns the deliveries to SMS URL callbacks, oldest first.
func (s *Server) Deliveries() []Delivery {
	s.dl.mu.Lock()
	defer s.dl.mu.Unlock()
	out := make([]Delivery, 0, len(s.dl.list))
	for _, d := range s.dl.list {
		c := d.Delivery
		c.Message.Media = append([]string(nil), d.Message.Media...)
		out = append(out, c)
	}
	return out
}

// startTimer starts, once, the goroutine that redelivers due messages; Close
// stops it.
func (dl *deliverer) startTimer(s *Server) {
	dl.mu.Lock()
	defer dl.mu.Unlock()
	if dl.started || dl.closed {
		return
	}
	dl.started = true
	dl.wg.Add(1)
	go func() {
		defer dl.wg.Done()
		t := time.NewTicker(dl.poll)
		defer t.Stop()
		for {
			select {
			case <-dl.ctx.Done():
				return
			case <-t.C:
				s.Redeliver()
			}
		}
	}()
}

// close stops the redelivery timer and cancels running deliveries.
func (dl *deliverer) close() {
	dl.mu.Lock()
	dl.closed = true
	dl.mu.Unlock()
	dl.cancel()
	dl.wg.Wait()
	dl.client.CloseIdleConnections()
}

// serveReceive is the ReceivePath control endpoint.
func (s *Server) serveReceive(w http.ResponseWriter, r *http.Request) {
	answer := func(code int, body obj) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write(encodeJSON(body))
	}
	if ip := net.ParseIP(clientIP(r)); ip == nil || !ip.IsLoopback() {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		answer(http.StatusMethodNotAllowed, errorBody("invalid_method"))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		answer(http.StatusBadRequest, errorBody("missing_params"))
		return
	}
	user, pass := r.PostForm.Get("api_username"), r.PostForm.Get("api_password")
	if subtle.ConstantTimeCompare([]byte(user), []byte(s.cfg.username)) != 1 ||
		subtle.ConstantTimeCompare([]byte(pass), []byte(s.cfg.password)) != 1 {
		answer(http.StatusOK, errorBody("invalid_credentials"))
		return
	}
	var media []string
	for _, k := range []string{"media", "media1", "media2", "media3"} {
		for _, v := range r.PostForm[k] {
			if v != "" {
				media = append(media, v)
			}
		}
	}
	id, err := s.Receive(r.PostForm.Get("did"), r.PostForm.Get("from"), r.PostForm.Get("message"), media...)
	if err != nil {
		code, msg := "missing_params", err.Error()
		var re receiveErr
		if errors.As(err, &re) {
			code, msg = re.code, re.msg
		}
		answer(http.StatusOK, obj{{"status", code}, {"message", msg}})
		return
	}
	answer(http.StatusOK, obj{{"status", "success"}, {"sms", strconv.FormatInt(id, 10)}})
}
