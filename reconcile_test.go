package voipms

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
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

// An identical text sent earlier the same day is not the message being
// reconciled: only messages dated at or after Since (less the clock-skew
// allowance) count, or the caller would drop a message that was never sent.
func TestReconcileSendIgnoresEarlierIdenticalText(t *testing.T) {
	c, mock := newMockClient(t)
	var form string
	rows := `{"id":"500","date":"2014-03-30 08:12:00","type":"0","did":"5551234567","contact":"5557654321","message":"see you at 5"}`
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		form = string(b)
		return httpmock.NewStringResponse(200, `{"status":"success","sms":[`+rows+`]}`), nil
	})
	m := SentMessage{DID: "5551234567", Dst: "5557654321", Message: "see you at 5", Since: time.Date(2014, 3, 30, 10, 0, 0, 0, time.UTC)}
	if id, err := c.SMS.ReconcileSend(context.Background(), m); err != nil || id != 0 {
		t.Errorf("a message from 08:12 matched a send attempted at 10:00: %d, %v", id, err)
	}
	if !strings.Contains(form, "timezone=0") {
		t.Errorf("dates must be asked in UTC (timezone=0): %s", form)
	}
	// The same text sent after Since is the one.
	rows = `{"id":"500","date":"2014-03-30 08:12:00","type":"0","did":"5551234567","contact":"5557654321","message":"see you at 5"},` +
		`{"id":"501","date":"2014-03-30 10:00:03","type":"0","did":"5551234567","contact":"5557654321","message":"see you at 5"}`
	if id, err := c.SMS.ReconcileSend(context.Background(), m); err != nil || id != 501 {
		t.Errorf("got %d, %v; want 501", id, err)
	}
}

// smsRows renders n sent messages (none with text "needle") dated at.
func smsRows(n int, at time.Time) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%d","date":"%s","type":"0","did":"5551234567","contact":"5557654321","message":"other %d"}`,
			1000+i, at.Format("2006-01-02 15:04:05"), i)
	}
	return b.String()
}

// An answer holding as many rows as the limit may have cut off the message
// being looked for: ReconcileSend narrows the query, and when it cannot, it
// says the outcome is still unknown instead of "not sent".
func TestReconcileSendTruncatedAnswer(t *testing.T) {
	since := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	m := SentMessage{DID: "5551234567", Dst: "5557654321", Message: "needle", Since: since}

	// The server always fills the page: the outcome cannot be known.
	c, mock := newMockClient(t)
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		_ = r.ParseForm()
		limit, _ := strconv.Atoi(r.PostForm.Get("limit"))
		if limit <= 0 {
			limit = 50
		}
		return httpmock.NewStringResponse(200, `{"status":"success","sms":[`+smsRows(limit, since.Add(time.Minute))+`]}`), nil
	})
	id, err := c.SMS.ReconcileSend(context.Background(), m)
	if !errors.Is(err, ErrOutcomeUnknown) || id != 0 {
		t.Errorf("a full page without the message must leave the outcome unknown: %d, %v", id, err)
	}

	// A full page for a range of days, but the message shows up once the
	// query is narrowed to the day it was sent.
	c, mock = newMockClient(t)
	day := since.Format("2006-01-02")
	var forms []string
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		_ = r.ParseForm()
		f := r.PostForm
		forms = append(forms, f.Encode())
		limit, _ := strconv.Atoi(f.Get("limit"))
		if limit <= 0 {
			limit = 50
		}
		if f.Get("from") == day && f.Get("to") == day {
			return httpmock.NewStringResponse(200, `{"status":"success","sms":[`+
				`{"id":"77","date":"`+since.Add(2*time.Second).Format("2006-01-02 15:04:05")+`","type":"0","did":"5551234567","contact":"5557654321","message":"needle"}]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"status":"success","sms":[`+smsRows(limit, since.Add(time.Minute))+`]}`), nil
	})
	id, err = c.SMS.ReconcileSend(context.Background(), m)
	if err != nil || id != 77 {
		t.Errorf("got %d, %v; want 77 (queries %q)", id, err, forms)
	}
}

// The clock-skew allowance: a row dated a little before Since still counts,
// by DefaultClockSkew or by SentMessage.ClockSkew; a matching row without a
// date leaves the outcome unknown.
func TestReconcileSendClockSkew(t *testing.T) {
	c, mock := newMockClient(t)
	date := "2014-03-30 09:59:30"
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		return httpmock.NewStringResponse(200, `{"status":"success","sms":[{"id":"9","date":"`+date+
			`","type":"0","did":"5551234567","contact":"5557654321","message":"hi"}]}`), nil
	})
	since := time.Date(2014, 3, 30, 10, 0, 0, 0, time.UTC)
	m := SentMessage{DID: "5551234567", Dst: "5557654321", Message: "hi", Since: since}
	if id, err := c.SMS.ReconcileSend(context.Background(), m); err != nil || id != 9 {
		t.Errorf("30s before Since, default allowance %v: %d, %v", DefaultClockSkew, id, err)
	}
	m.ClockSkew = -1
	if id, err := c.SMS.ReconcileSend(context.Background(), m); err != nil || id != 0 {
		t.Errorf("30s before Since, no allowance: %d, %v", id, err)
	}
	date, m.ClockSkew = "2014-03-30 09:51:00", 10*time.Minute
	if id, err := c.SMS.ReconcileSend(context.Background(), m); err != nil || id != 9 {
		t.Errorf("9 minutes before Since, 10 minutes allowed: %d, %v", id, err)
	}
	m.ClockSkew = 0
	if id, err := c.SMS.ReconcileSend(context.Background(), m); err != nil || id != 0 {
		t.Errorf("9 minutes before Since, default allowance: %d, %v", id, err)
	}
	date = "0000-00-00 00:00:00"
	if _, err := c.SMS.ReconcileSend(context.Background(), m); !errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("a matching row without a date: %v", err)
	}
}

// The ReconcileSend boundary second (issue 12): a message dated exactly at
// the cutoff (Since less the allowance) counts as sent; one second earlier
// does not.
func TestReconcileSendCutoffIsInclusive(t *testing.T) {
	c, mock := newMockClient(t)
	var date string
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		return httpmock.NewStringResponse(200, `{"status":"success","sms":[{"id":"42","date":"`+date+
			`","type":"0","did":"5551234567","contact":"5557654321","message":"boundary"}]}`), nil
	})
	since := time.Date(2014, 3, 30, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		skew time.Duration
		date string
		want int64
	}{
		{-1, "2014-03-30 10:00:00", 42}, // no allowance: the cutoff is Since itself
		{-1, "2014-03-30 09:59:59", 0},
		{0, "2014-03-30 09:59:00", 42}, // DefaultClockSkew (a minute) before Since
		{0, "2014-03-30 09:58:59", 0},
		{5 * time.Second, "2014-03-30 09:59:55", 42},
		{5 * time.Second, "2014-03-30 09:59:54", 0},
	} {
		date = tc.date
		m := SentMessage{DID: "5551234567", Dst: "5557654321", Message: "boundary", Since: since, ClockSkew: tc.skew}
		id, err := c.SMS.ReconcileSend(context.Background(), m)
		if err != nil || id != tc.want {
			t.Errorf("skew %v, message at %s: id %d, %v; want %d", tc.skew, tc.date, id, err, tc.want)
		}
	}
}

// ReconcileSend walks Since..now in getSMS ranges of exactly
// maxSMSRangeDays (90) days, from..to inclusive, the last one shorter:
// contiguous, no gap, no overlap, none wider (VoIP.ms refuses over 92 days),
// and no more calls than that needs. Hand-written from the docs, so a change
// of the constant or of the range arithmetic by one day fails here.
func TestReconcileSendRangesAreNinetyDays(t *testing.T) {
	c, mock := newMockClient(t)
	type span struct{ from, to time.Time }
	var spans []span
	mock.RegisterResponder("POST", testURL, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		q, err := url.ParseQuery(string(b))
		if err != nil {
			t.Fatal(err)
		}
		from, err1 := time.Parse("2006-01-02", q.Get("from"))
		to, err2 := time.Parse("2006-01-02", q.Get("to"))
		if err1 != nil || err2 != nil {
			t.Fatalf("from %q to %q", q.Get("from"), q.Get("to"))
		}
		spans = append(spans, span{from, to})
		return httpmock.NewStringResponse(200, `{"status":"no_sms"}`), nil
	})
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	since := time.Now().UTC().AddDate(0, 0, -400)
	m := SentMessage{DID: "5551234567", Dst: "5557654321", Message: "x", Since: since, ClockSkew: -1}
	if id, err := c.SMS.ReconcileSend(context.Background(), m); err != nil || id != 0 {
		t.Fatalf("got %d, %v", id, err)
	}
	first := day(since).AddDate(0, 0, -1)          // a day of slack before Since
	last := day(time.Now().UTC()).AddDate(0, 0, 1) // and after today
	days := int(last.Sub(first).Hours()/24) + 1
	if want := (days + 89) / 90; len(spans) != want {
		t.Fatalf("%d getSMS calls for %d days, want %d: %v", len(spans), days, want, spans)
	}
	if !spans[0].from.Equal(first) || !spans[len(spans)-1].to.Equal(last) {
		t.Errorf("covered %s..%s, want %s..%s", spans[0].from, spans[len(spans)-1].to, first, last)
	}
	for i, s := range spans {
		width := int(s.to.Sub(s.from).Hours()/24) + 1 // inclusive
		if width > 90 || (i < len(spans)-1 && width != 90) {
			t.Errorf("range %d: %s..%s is %d days", i, s.from.Format("2006-01-02"), s.to.Format("2006-01-02"), width)
		}
		if i > 0 && !s.from.Equal(spans[i-1].to.AddDate(0, 0, 1)) {
			t.Errorf("range %d starts %s, previous ended %s", i, s.from, spans[i-1].to)
		}
	}
}
