package voipms

import (
	"container/list"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Receiving messages: the SMS URL callback.
//
// VoIP.ms delivers each SMS or MMS a DID receives as an HTTP GET to the DID's
// "SMS URL Callback" (setSMS url_callback, getDIDsInfo sms_url_callback),
// after substituting placeholders in that URL with the message's values,
// URL-encoded. With url_callback_retry on it sends the same message again
// every 30 minutes until the page answers exactly "ok".
//
// What the public material says about the placeholders (checked 2026-12):
//
//   - {FROM}, {TO}, {MESSAGE}: the official API documentation of setSMS
//     ("Available Variables for your URL {FROM} The phone number that sent you
//     the message. {TO} The DID number that received the message. {MESSAGE}
//     The content of the message", example
//     http://mysite.com/sms.php?to={TO}&from={FROM}&message={MESSAGE}).
//   - {ID} (the message id, the one getSMS/getMMS list) and {TIMESTAMP} (the
//     date of the message): not in the API documentation, but used by several
//     public integrations that configure the callback, e.g. a callback
//     builder "placeholders per VoIP.ms SMS-MMS wiki" with
//     from={FROM}&to={TO}&message={MESSAGE}&id={ID}&date={TIMESTAMP}&media={MEDIA},
//     a Home Assistant integration and a hubot adapter with
//     id={ID}&date={TIMESTAMP}. No source found names a {DATE} placeholder.
//   - {MEDIA} (the media of an MMS): in two such integrations; no public
//     source describes how several media are joined. This package reads a
//     comma-separated list of http(s) URLs (the form the simulator sends) or a
//     JSON array of them.
//   - The format of {TIMESTAMP} is not documented; dates elsewhere in the API
//     are "YYYY-MM-DD HH:MM:SS" without a zone (reference §4.7). The handler
//     reads that form (in the location of WithInboundLocation), RFC 3339 and
//     Unix seconds, and keeps the raw value in DateRaw; an unreadable date is
//     not an error.
//
// The newer POST "Webhook" delivery (setSMS webhook/webhook_enable) is
// described by VoIP.ms only as "a POST request to your 3CX or PortSIP PBX";
// the two public descriptions of its body found disagree (a Telnyx-style JSON
// event in one integration, did/from/message fields in another), so it is
// not established and not handled: a POST to the handler is answered 405.

// InboundKind says whether an inbound message is a text or a multimedia
// message.
type InboundKind string

// Inbound message kinds.
const (
	InboundSMS InboundKind = "sms"
	InboundMMS InboundKind = "mms"
)

// InboundMessage is one message a DID of the account received, as the SMS URL
// callback delivers it.
type InboundMessage struct {
	// ID is the VoIP.ms message id ({ID}), the id getSMS/getMMS list. A
	// redelivery of a message carries the same id.
	ID int64
	// Date is the date VoIP.ms gives the message ({TIMESTAMP}); zero when the
	// value was absent or not in a known form. DateRaw is the value as sent.
	Date    time.Time
	DateRaw string
	// From is the number that sent the message ({FROM}); To is the DID that
	// received it ({TO}). Both are kept as sent (10 digits, or +1... when the
	// DID's dialing mode is E164).
	From, To string
	// Text is the message text ({MESSAGE}); it may be empty for an MMS.
	Text string
	// Media are the URLs of the media of an MMS ({MEDIA}).
	Media []string
	// Kind is InboundMMS when the message has media, else InboundSMS.
	Kind InboundKind
}

// inboundFields is the one list of query keys and placeholders: InboundURL
// writes it and the handler reads it, so the two cannot drift apart.
var inboundFields = []struct{ key, placeholder string }{
	{"to", "{TO}"},
	{"from", "{FROM}"},
	{"message", "{MESSAGE}"},
	{"id", "{ID}"},
	{"date", "{TIMESTAMP}"},
	{"media", "{MEDIA}"},
}

// inboundTokenKey is the query key of the secret token.
const inboundTokenKey = "token"

// InboundPlaceholders returns the placeholders InboundURL puts in the
// callback URL, in order.
func InboundPlaceholders() []string {
	out := make([]string, len(inboundFields))
	for i, f := range inboundFields {
		out[i] = f.placeholder
	}
	return out
}

// Inbound limits.
const (
	// DefaultInboundMaxText is the default limit on the text of an inbound
	// message, in characters: the longest message sendMMS accepts.
	DefaultInboundMaxText = 2048
	// maxInboundMedia is the most media URLs a delivery may carry.
	maxInboundMedia = 10
	// maxInboundQuery caps the raw query of a delivery.
	maxInboundQuery = 64 << 10
	// DefaultInboundStoreSize is how many accepted message ids the default
	// store remembers.
	DefaultInboundStoreSize = 10000
)

// ErrInvalidInboundToken is returned (wrapped) by InboundURL and
// NewInboundHandler for a token that is too short, too long or holds
// characters other than letters, digits, '-', '_', '.' and '~'. The error
// never contains the token.
var ErrInvalidInboundToken = errors.New("voipms: invalid inbound token")

// NewInboundToken returns a random token for InboundURL and
// NewInboundHandler (256 bits, URL-safe base64).
func NewInboundToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

func checkInboundToken(token string) error {
	if len(token) < 16 || len(token) > 256 {
		return fmt.Errorf("%w: must be 16 to 256 characters", ErrInvalidInboundToken)
	}
	for i := 0; i < len(token); i++ {
		c := token[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
			return fmt.Errorf("%w: only letters, digits, '-', '_', '.' and '~' are allowed", ErrInvalidInboundToken)
		}
	}
	return nil
}

// InboundURL returns the SMS URL callback to set on a DID (setSMS
// url_callback, SMSSetSettingsParams.URLCallback) so that VoIP.ms delivers to an
// InboundHandler built with the same token and mounted at base, an absolute
// http or https URL:
//
//	base?to={TO}&from={FROM}&message={MESSAGE}&id={ID}&date={TIMESTAMP}&media={MEDIA}&token=TOKEN
//
// A query already in base is kept; it must not use those keys. The result
// holds the secret token: treat it like a password. Errors never contain the
// token.
func InboundURL(base, token string) (string, error) {
	if err := checkInboundToken(token); err != nil {
		return "", err
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errors.New("voipms: inbound base URL must be an absolute http or https URL")
	}
	if u.Fragment != "" || strings.Contains(base, "#") {
		return "", errors.New("voipms: inbound base URL must not have a fragment")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", errors.New("voipms: inbound base URL has a malformed query")
	}
	for _, f := range inboundFields {
		if q.Has(f.key) {
			return "", fmt.Errorf("voipms: inbound base URL must not use the query key %q", f.key)
		}
	}
	if q.Has(inboundTokenKey) {
		return "", fmt.Errorf("voipms: inbound base URL must not use the query key %q", inboundTokenKey)
	}
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(base, "?"))
	sep := "?"
	if u.RawQuery != "" {
		sep = "&"
	}
	for _, f := range inboundFields {
		b.WriteString(sep + f.key + "=" + f.placeholder)
		sep = "&"
	}
	b.WriteString("&" + inboundTokenKey + "=" + token)
	return b.String(), nil
}

// InboundClaim is the answer of InboundStore.Claim.
type InboundClaim int

// Claim results.
const (
	// ClaimNew: the caller holds the claim and must process the message.
	ClaimNew InboundClaim = iota
	// ClaimDone: a delivery of this message was accepted before.
	ClaimDone
	// ClaimBusy: another delivery of this message holds the claim now.
	ClaimBusy
)

// InboundStore remembers which messages were accepted, so that a redelivery
// is acknowledged without reaching the callback again. Claim must be atomic:
// of two concurrent Claims of one id at most one may return ClaimNew until
// that claim is released. The handler already serialises deliveries of one
// id within a process; a store shared by several processes (a database row
// with a unique key) makes the guarantee hold across them, and should let a
// claim expire (a lease longer than the callback can take) so that a process
// that crashed while holding one does not block the message for ever.
//
// NewMemoryInboundStore is the default.
type InboundStore interface {
	// Claim reserves id for one delivery.
	Claim(ctx context.Context, id int64) (InboundClaim, error)
	// Accept records that the message id was processed; later Claims
	// return ClaimDone.
	Accept(ctx context.Context, id int64) error
	// Release drops the claim of a delivery whose callback failed, so that
	// a redelivery can claim id again.
	Release(ctx context.Context, id int64) error
}

// MemoryInboundStore is an InboundStore in memory that remembers the most
// recently accepted ids (bounded; the oldest are forgotten first). It is
// safe for concurrent use. Its memory is lost with the process: a
// redelivery after a restart reaches the callback again.
type MemoryInboundStore struct {
	mu       sync.Mutex
	max      int
	order    *list.List // of int64, most recent at the front
	accepted map[int64]*list.Element
	claimed  map[int64]bool
}

// NewMemoryInboundStore returns a store that remembers up to max accepted
// ids (DefaultInboundStoreSize when max <= 0).
func NewMemoryInboundStore(max int) *MemoryInboundStore {
	if max <= 0 {
		max = DefaultInboundStoreSize
	}
	return &MemoryInboundStore{max: max, order: list.New(), accepted: map[int64]*list.Element{}, claimed: map[int64]bool{}}
}

// Claim implements InboundStore.
func (s *MemoryInboundStore) Claim(_ context.Context, id int64) (InboundClaim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.accepted[id]; ok {
		s.order.MoveToFront(e)
		return ClaimDone, nil
	}
	if s.claimed[id] {
		return ClaimBusy, nil
	}
	s.claimed[id] = true
	return ClaimNew, nil
}

// Accept implements InboundStore.
func (s *MemoryInboundStore) Accept(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.claimed, id)
	if e, ok := s.accepted[id]; ok {
		s.order.MoveToFront(e)
		return nil
	}
	s.accepted[id] = s.order.PushFront(id)
	for s.order.Len() > s.max {
		last := s.order.Back()
		s.order.Remove(last)
		delete(s.accepted, last.Value.(int64))
	}
	return nil
}

// Release implements InboundStore.
func (s *MemoryInboundStore) Release(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.claimed, id)
	return nil
}

// Len reports how many accepted ids the store remembers.
func (s *MemoryInboundStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.order.Len()
}

// InboundOption configures an InboundHandler.
type InboundOption func(*inboundConfig) error

type inboundConfig struct {
	store   InboundStore
	allow   []netip.Prefix
	logger  *slog.Logger
	maxText int
	loc     *time.Location
}

// WithInboundStore replaces the default store (NewMemoryInboundStore with
// DefaultInboundStoreSize ids) that recognises redeliveries.
func WithInboundStore(s InboundStore) InboundOption {
	return func(c *inboundConfig) error {
		if s == nil {
			return errors.New("voipms: WithInboundStore: nil store")
		}
		c.store = s
		return nil
	}
}

// WithInboundAllowedSources accepts deliveries only from these networks (of
// the connection's address, http.Request.RemoteAddr; behind a reverse proxy
// that is the proxy). Requests from elsewhere get 404, like a wrong token.
// VoIP.ms does not publish the addresses its callbacks come from.
func WithInboundAllowedSources(prefixes ...netip.Prefix) InboundOption {
	return func(c *inboundConfig) error {
		for _, p := range prefixes {
			if !p.IsValid() {
				return errors.New("voipms: WithInboundAllowedSources: invalid prefix")
			}
			c.allow = append(c.allow, p.Masked())
		}
		if len(c.allow) == 0 {
			return errors.New("voipms: WithInboundAllowedSources: no prefix")
		}
		return nil
	}
}

// WithInboundLogger logs each delivery: accepted, duplicate, rejected (with
// the reason, never the values) or failed. Requests without a valid token
// are logged without anything of their content. The token is never logged.
func WithInboundLogger(l *slog.Logger) InboundOption {
	return func(c *inboundConfig) error { c.logger = l; return nil }
}

// WithInboundMaxText sets the longest accepted text, in characters
// (DefaultInboundMaxText by default); a longer one is answered 400.
func WithInboundMaxText(n int) InboundOption {
	return func(c *inboundConfig) error {
		if n < 1 {
			return errors.New("voipms: WithInboundMaxText: must be at least 1")
		}
		c.maxText = n
		return nil
	}
}

// WithInboundLocation sets the location in which a "YYYY-MM-DD HH:MM:SS"
// {TIMESTAMP} is read (UTC by default). VoIP.ms dates carry no zone; they are
// in the account's time zone.
func WithInboundLocation(loc *time.Location) InboundOption {
	return func(c *inboundConfig) error {
		if loc == nil {
			return errors.New("voipms: WithInboundLocation: nil location")
		}
		c.loc = loc
		return nil
	}
}

// InboundHandler is an http.Handler for the SMS URL callback (see
// InboundURL). For each delivery it checks the token (in constant time) and
// the source address, parses the message and calls the callback; it answers
// "ok" only after the callback returned nil, so VoIP.ms delivers again (with
// url_callback_retry on, 30 minutes later) when the callback failed or the
// process died before answering. A redelivery of a message already accepted
// is answered "ok" without calling the callback again, also when two
// deliveries of the same message arrive at once.
//
// Answers: 200 "ok" (accepted or duplicate); 404 (no or wrong token, or a
// source not allowed: nothing else is looked at or logged); 405 (a method
// other than GET); 400 with a one-line reason (a field missing, repeated or
// malformed, text too long, media list malformed); 414 (query over 64 KiB);
// 500 (the callback failed or panicked, or the store failed); 503 (another
// process holds this message, or the request ended while waiting).
//
// Delivery is at least once: if the callback succeeded but recording it in
// the store failed (or the process died in between), the message is
// delivered again. Make the callback idempotent on InboundMessage.ID when a
// duplicate would hurt.
type InboundHandler struct {
	tokenSum [sha256.Size]byte // the token is kept only as its hash
	fn       func(context.Context, InboundMessage) error
	cfg      inboundConfig

	mu       sync.Mutex
	inflight map[int64]chan struct{}
}

// NewInboundHandler returns a handler that calls fn for each new message
// delivered with token (see InboundURL and NewInboundToken).
func NewInboundHandler(token string, fn func(context.Context, InboundMessage) error, opts ...InboundOption) (*InboundHandler, error) {
	if err := checkInboundToken(token); err != nil {
		return nil, err
	}
	if fn == nil {
		return nil, errors.New("voipms: NewInboundHandler: nil callback")
	}
	cfg := inboundConfig{maxText: DefaultInboundMaxText, loc: time.UTC}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.store == nil {
		cfg.store = NewMemoryInboundStore(0)
	}
	return &InboundHandler{tokenSum: sha256.Sum256([]byte(token)), fn: fn, cfg: cfg, inflight: map[int64]chan struct{}{}}, nil
}

// String, GoString and LogValue say nothing of the token.
func (h *InboundHandler) String() string   { return "voipms.InboundHandler" }
func (h *InboundHandler) GoString() string { return "&voipms.InboundHandler{}" }

// LogValue implements slog.LogValuer.
func (h *InboundHandler) LogValue() slog.Value { return slog.StringValue(h.String()) }

// Format prints the same as String for every verb.
func (h *InboundHandler) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, h.GoString())
		return
	}
	fmt.Fprint(f, h.String())
}

func (h *InboundHandler) log(ctx context.Context, level slog.Level, msg string, attrs ...slog.Attr) {
	if h.cfg.logger == nil {
		return
	}
	h.cfg.logger.LogAttrs(ctx, level, msg, attrs...)
}

func (h *InboundHandler) authorised(r *http.Request) bool {
	if len(h.cfg.allow) > 0 {
		ap, err := netip.ParseAddrPort(r.RemoteAddr)
		if err != nil {
			return false
		}
		addr := ap.Addr().Unmap()
		ok := false
		for _, p := range h.cfg.allow {
			if p.Contains(addr) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return h.tokenMatches(r.URL.RawQuery)
}

// tokenMatches reports whether the query holds exactly one token and it is
// the handler's, without decoding anything else of the query.
func (h *InboundHandler) tokenMatches(raw string) bool {
	found := 0
	var sum [sha256.Size]byte
	for _, pair := range strings.Split(raw, "&") {
		k, v, _ := strings.Cut(pair, "=")
		if k != inboundTokenKey {
			continue
		}
		found++
		tv, err := url.QueryUnescape(v)
		if err != nil {
			return false
		}
		sum = sha256.Sum256([]byte(tv))
	}
	return found == 1 && subtle.ConstantTimeCompare(sum[:], h.tokenSum[:]) == 1
}

// ServeHTTP implements http.Handler.
func (h *InboundHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if !h.authorised(r) {
		h.log(ctx, slog.LevelWarn, "voipms inbound: request without a valid token or from a source not allowed")
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet {
		h.log(ctx, slog.LevelWarn, "voipms inbound: rejected", slog.Int("status", http.StatusMethodNotAllowed), slog.String("reason", "method not allowed"))
		w.Header().Set("Allow", http.MethodGet)
		inboundAnswer(w, http.StatusMethodNotAllowed, "method not allowed: deliveries are GET")
		return
	}
	if len(r.URL.RawQuery) > maxInboundQuery {
		h.log(ctx, slog.LevelWarn, "voipms inbound: rejected", slog.Int("status", http.StatusRequestURITooLong), slog.String("reason", "query too long"))
		inboundAnswer(w, http.StatusRequestURITooLong, "query too long")
		return
	}
	m, reason := h.parse(r.URL.RawQuery)
	if reason != "" {
		h.log(ctx, slog.LevelWarn, "voipms inbound: rejected", slog.Int("status", http.StatusBadRequest), slog.String("reason", reason))
		inboundAnswer(w, http.StatusBadRequest, reason)
		return
	}
	status, answer := h.deliver(ctx, m)
	inboundAnswer(w, status, answer)
}

func inboundAnswer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// deliver runs the callback at most once per accepted message id.
func (h *InboundHandler) deliver(ctx context.Context, m InboundMessage) (int, string) {
	idAttr := slog.Int64("id", m.ID)
	for {
		h.mu.Lock()
		wait, busy := h.inflight[m.ID]
		if !busy {
			wait = make(chan struct{})
			h.inflight[m.ID] = wait
		}
		h.mu.Unlock()
		if !busy {
			break
		}
		select {
		case <-wait: // the other delivery finished: look again
		case <-ctx.Done():
			return http.StatusServiceUnavailable, "busy"
		}
	}
	defer func() {
		h.mu.Lock()
		close(h.inflight[m.ID])
		delete(h.inflight, m.ID)
		h.mu.Unlock()
	}()

	claim, err := h.cfg.store.Claim(ctx, m.ID)
	if err != nil {
		h.log(ctx, slog.LevelError, "voipms inbound: store failed", idAttr, slog.String("error", err.Error()))
		return http.StatusInternalServerError, "error"
	}
	switch claim {
	case ClaimDone:
		h.log(ctx, slog.LevelInfo, "voipms inbound: duplicate acknowledged", idAttr)
		return http.StatusOK, "ok"
	case ClaimBusy:
		h.log(ctx, slog.LevelWarn, "voipms inbound: message held by another delivery", idAttr)
		return http.StatusServiceUnavailable, "busy"
	case ClaimNew:
	default:
		h.log(ctx, slog.LevelError, "voipms inbound: store answered an unknown claim", idAttr)
		return http.StatusInternalServerError, "error"
	}

	if err := h.call(ctx, m); err != nil {
		h.log(ctx, slog.LevelError, "voipms inbound: callback failed", idAttr, slog.String("error", err.Error()))
		if rerr := h.cfg.store.Release(context.WithoutCancel(ctx), m.ID); rerr != nil {
			h.log(ctx, slog.LevelError, "voipms inbound: store failed", idAttr, slog.String("error", rerr.Error()))
		}
		return http.StatusInternalServerError, "error"
	}
	if err := h.cfg.store.Accept(context.WithoutCancel(ctx), m.ID); err != nil {
		h.log(ctx, slog.LevelError, "voipms inbound: store failed after the callback succeeded; the message will be delivered again", idAttr, slog.String("error", err.Error()))
		_ = h.cfg.store.Release(context.WithoutCancel(ctx), m.ID)
		return http.StatusInternalServerError, "error"
	}
	h.log(ctx, slog.LevelInfo, "voipms inbound: accepted", idAttr, slog.String("kind", string(m.Kind)))
	return http.StatusOK, "ok"
}

// errInboundPanic stands for a callback that panicked.
var errInboundPanic = errors.New("callback panicked")

func (h *InboundHandler) call(ctx context.Context, m InboundMessage) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = errInboundPanic
		}
	}()
	return h.fn(ctx, m)
}

// parse reads a delivery in the format InboundURL builds. The reason is
// empty when the message is valid; it never quotes a value.
func (h *InboundHandler) parse(rawQuery string) (InboundMessage, string) {
	return parseInbound(rawQuery, h.cfg.maxText, h.cfg.loc)
}

func parseInbound(rawQuery string, maxText int, loc *time.Location) (InboundMessage, string) {
	var m InboundMessage
	vals := make(map[string]string, len(inboundFields))
	seen := make(map[string]bool, len(inboundFields))
	for _, pair := range strings.Split(rawQuery, "&") {
		if pair == "" {
			continue
		}
		rk, rv, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rk)
		if err != nil {
			continue // not one of ours: keys are plain words
		}
		var placeholder string
		ours := false
		for _, f := range inboundFields {
			if f.key == key {
				placeholder, ours = f.placeholder, true
				break
			}
		}
		if !ours {
			continue
		}
		if seen[key] {
			return m, key + ": given more than once"
		}
		seen[key] = true
		if rv == placeholder {
			continue // left unsubstituted (a substituted "{...}" arrives encoded)
		}
		v, err := url.QueryUnescape(rv)
		if err != nil {
			return m, key + ": malformed URL encoding"
		}
		if !utf8.ValidString(v) {
			return m, key + ": not valid UTF-8"
		}
		vals[key] = v
	}

	var reason string
	if m.To, reason = inboundNumber("to", vals["to"]); reason != "" {
		return InboundMessage{}, reason
	}
	if m.From, reason = inboundNumber("from", vals["from"]); reason != "" {
		return InboundMessage{}, reason
	}
	idv := vals["id"]
	switch {
	case idv == "":
		return InboundMessage{}, "id: missing"
	case len(idv) > 19 || strings.Trim(idv, "0123456789") != "":
		return InboundMessage{}, "id: not a positive integer"
	}
	id, err := strconv.ParseInt(idv, 10, 64)
	if err != nil || id < 1 {
		return InboundMessage{}, "id: not a positive integer"
	}
	m.ID = id

	m.Text = vals["message"]
	if n := utf8.RuneCountInString(m.Text); n > maxText {
		return InboundMessage{}, "message: longer than " + strconv.Itoa(maxText) + " characters"
	}
	if m.Media, reason = inboundMedia(vals["media"]); reason != "" {
		return InboundMessage{}, reason
	}
	if m.Text == "" && len(m.Media) == 0 {
		return InboundMessage{}, "message: missing (and no media)"
	}
	m.Kind = InboundSMS
	if len(m.Media) > 0 {
		m.Kind = InboundMMS
	}
	m.DateRaw = vals["date"]
	m.Date = inboundDate(m.DateRaw, loc)
	return m, ""
}

// inboundNumber checks a phone number: an optional '+' and 2 to 15 digits.
func inboundNumber(key, v string) (string, string) {
	if v == "" {
		return "", key + ": missing"
	}
	d := strings.TrimPrefix(v, "+")
	if len(d) < 2 || len(d) > 15 || strings.Trim(d, "0123456789") != "" {
		return "", key + ": not a phone number"
	}
	return v, ""
}

// inboundMedia reads a comma-separated list, or a JSON array, of absolute
// http(s) URLs.
func inboundMedia(v string) ([]string, string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, ""
	}
	var items []string
	if strings.HasPrefix(v, "[") {
		if err := json.Unmarshal([]byte(v), &items); err != nil {
			return nil, "media: malformed list"
		}
	} else {
		items = strings.Split(v, ",")
	}
	if len(items) > 4*maxInboundMedia { // do not parse a long list only to refuse it
		return nil, "media: more than " + strconv.Itoa(maxInboundMedia) + " items"
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		u, err := url.Parse(it)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(it, " \t\r\n") {
			return nil, "media: not a list of http(s) URLs"
		}
		out = append(out, it)
	}
	if len(out) == 0 {
		return nil, "media: malformed list"
	}
	if len(out) > maxInboundMedia {
		return nil, "media: more than " + strconv.Itoa(maxInboundMedia) + " items"
	}
	return out, ""
}

// inboundDate reads "YYYY-MM-DD HH:MM:SS" (in loc), RFC 3339 or Unix
// seconds; anything else is the zero time.
func inboundDate(v string, loc *time.Location) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04:05", v, loc); err == nil {
		return t
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t
	}
	if len(v) <= 12 && strings.Trim(v, "0123456789") == "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			return time.Unix(n, 0).In(loc)
		}
	}
	return time.Time{}
}
