package voipms

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// OrderStatus is what ReconcileOrder found on the account.
type OrderStatus int

const (
	// OrderNotOwned: the DID is not on the account; the order did not go
	// through and may be sent again.
	OrderNotOwned OrderStatus = iota + 1
	// OrderOwned: the DID is on the account; the order went through (or the
	// number was already yours) and must not be sent again.
	OrderOwned
)

func (s OrderStatus) String() string {
	switch s {
	case OrderNotOwned:
		return "not owned"
	case OrderOwned:
		return "owned"
	}
	return "unknown"
}

// ReconcileOrder tells, after an order of did failed with ErrOutcomeUnknown,
// whether VoIP.ms executed it: it reads the account's DIDs (getDIDsInfo,
// read-only, retried on transient failures) and reports whether did is
// there. Only OrderNotOwned makes it safe to send the order again.
//
//	_, err := c.DIDs.Order(ctx, p)
//	if errors.Is(err, voipms.ErrOutcomeUnknown) {
//		st, rerr := c.DIDs.ReconcileOrder(ctx, p.DID)
//		...
//	}
//
// VoIP.ms API method: getDIDsInfo.
func (s *DIDService) ReconcileOrder(ctx context.Context, did string) (OrderStatus, error) {
	const method = "getDIDsInfo"
	did = normalizeDID(did)
	if did == "" {
		return 0, validationErr(method, "did", "empty")
	}
	var resp struct {
		envelope
		DIDs []struct {
			DID string `json:"did"`
		} `json:"dids"`
	}
	err := s.client.call(ctx, method, map[string]string{"did": did}, &resp)
	var ae *APIError
	switch {
	case errors.As(err, &ae) && (ae.Status.IsEmpty() || ae.Status == "invalid_did"):
		return OrderNotOwned, nil
	case err != nil:
		return 0, err
	}
	for _, d := range resp.DIDs {
		if normalizeDID(string(d.DID)) == did {
			return OrderOwned, nil
		}
	}
	return OrderNotOwned, nil
}

// DefaultClockSkew is the clock-skew allowance ReconcileSend uses when
// SentMessage.ClockSkew is zero: a message VoIP.ms dated up to this long
// before Since still counts as the one being reconciled. It covers a VoIP.ms
// clock a little behind the caller's and getSMS dates kept to the whole
// second. The larger the allowance, the likelier an identical text sent
// just before Since is mistaken for this one (and the new message dropped).
const DefaultClockSkew = time.Minute

// reconcileLimit is how many rows ReconcileSend asks of each getSMS call.
// An answer with that many rows may have left the message out; the query is
// then narrowed (see ReconcileSend). The docs do not say whether VoIP.ms caps
// limit lower; if it silently did, and one DID sent more messages to one
// number in a day than that cap, a truncated answer would not be noticed.
// (The default account limit is 100 SMS a day.)
const reconcileLimit = 10000

// maxSMSRangeDays is the widest from..to range ReconcileSend asks of getSMS
// in one call (VoIP.ms refuses ranges over 92 days).
const maxSMSRangeDays = 90

// SentMessage identifies an SMS whose send failed with ErrOutcomeUnknown.
type SentMessage struct {
	DID     string // the sending DID
	Dst     string // the destination number
	Message string // the exact text sent
	// Since is when the send was attempted, taken just before the call.
	// Only messages VoIP.ms dated at or after Since-ClockSkew count.
	Since time.Time
	// ClockSkew is the allowance for the VoIP.ms clock being behind the
	// caller's; zero means DefaultClockSkew, negative means none.
	ClockSkew time.Duration
}

// ReconcileSend tells, after sendSMS failed with ErrOutcomeUnknown, whether
// VoIP.ms sent the message anyway: it looks for a sent SMS from m.DID to
// m.Dst with the same text dated at or after m.Since less the clock-skew
// allowance (getSMS, read-only, retried on transient failures). It returns
// the message id when found, and 0 when the message was not sent, which is
// the only case where sending again cannot produce a duplicate.
//
// Dates are asked and compared in UTC (timezone=0), so the account's time
// zone does not matter. The query is narrowed to the DID, the contact, sent
// messages and the days from Since to today; when an answer still holds as
// many rows as asked for, it is split into shorter date ranges down to a
// single day. If a single day's answer is full and does not hold the
// message, or the matching row has no date, the outcome cannot be told:
// ReconcileSend then returns an error matching ErrOutcomeUnknown rather than
// 0, and the message must not be sent again blindly.
//
// VoIP.ms API method: getSMS.
func (s *SMSService) ReconcileSend(ctx context.Context, m SentMessage) (id int64, err error) {
	const method = "getSMS"
	did, dst := normalizeDID(m.DID), normalizeDID(m.Dst)
	switch {
	case did == "":
		return 0, validationErr(method, "did", "empty")
	case dst == "":
		return 0, validationErr(method, "contact", "empty")
	case m.Since.IsZero():
		return 0, validationErr(method, "from", "Since must be set")
	}
	skew := m.ClockSkew
	switch {
	case skew == 0:
		skew = DefaultClockSkew
	case skew < 0:
		skew = 0
	}
	r := &smsReconciler{s: s, m: m, did: did, dst: dst, cutoff: m.Since.UTC().Add(-skew).Truncate(time.Second)}
	// One day of slack before the cutoff in case the from/to filter is
	// applied in the account's time zone rather than in UTC.
	first := utcDay(r.cutoff).AddDate(0, 0, -1)
	end := time.Now().UTC()
	if since := m.Since.UTC(); since.After(end) {
		end = since
	}
	last := utcDay(end).AddDate(0, 0, 1)
	for lo := first; !lo.After(last); lo = lo.AddDate(0, 0, maxSMSRangeDays) {
		hi := lo.AddDate(0, 0, maxSMSRangeDays-1)
		if hi.After(last) {
			hi = last
		}
		if id, err := r.search(ctx, lo, hi); err != nil || id != 0 {
			return id, err
		}
	}
	if len(r.unsure) > 0 {
		return 0, &OutcomeUnknownError{Method: "sendSMS", Err: fmt.Errorf("voipms: getSMS could not tell whether the message was sent: %s",
			strings.Join(r.unsure, "; "))}
	}
	return 0, nil
}

// smsReconciler is one ReconcileSend search.
type smsReconciler struct {
	s        *SMSService
	m        SentMessage
	did, dst string
	cutoff   time.Time // rows dated before it are earlier messages
	unsure   []string  // why a "not sent" answer cannot be trusted
}

// search looks for the message among the rows dated lo..hi (UTC days),
// splitting the range when the answer is full.
func (r *smsReconciler) search(ctx context.Context, lo, hi time.Time) (int64, error) {
	params := map[string]string{
		"did": r.did, "contact": r.dst, "type": "0", "timezone": "0",
		"limit": strconv.Itoa(reconcileLimit),
		"from":  lo.Format(dateLayout), "to": hi.Format(dateLayout),
	}
	var resp struct {
		envelope
		SMS []struct {
			ID      int64     `json:"id"`
			Date    time.Time `json:"date"`
			DID     string    `json:"did"`
			Contact string    `json:"contact"`
			Message string    `json:"message"`
		} `json:"sms"`
	}
	if err := r.s.client.callList(ctx, "getSMS", params, &resp); err != nil {
		return 0, err
	}
	for _, row := range resp.SMS {
		if normalizeDID(string(row.DID)) != r.did || normalizeDID(string(row.Contact)) != r.dst || !sameSMSText(string(row.Message), r.m.Message) {
			continue
		}
		switch {
		case row.Date.IsZero():
			r.unsure = append(r.unsure, fmt.Sprintf("message %d has the same text but no date", int64(row.ID)))
		case !row.Date.Before(r.cutoff):
			return int64(row.ID), nil
		}
	}
	if len(resp.SMS) < reconcileLimit {
		return 0, nil
	}
	days := int(hi.Sub(lo).Hours()/24 + 0.5)
	if days == 0 {
		r.unsure = append(r.unsure, fmt.Sprintf("%s answered %d rows, the limit; the message may be among those left out",
			lo.Format(dateLayout), len(resp.SMS)))
		return 0, nil
	}
	mid := lo.AddDate(0, 0, days/2)
	if id, err := r.search(ctx, lo, mid); err != nil || id != 0 {
		return id, err
	}
	return r.search(ctx, mid.AddDate(0, 0, 1), hi)
}

// sameSMSText compares texts as VoIP.ms may render them (spaces as '+').
func sameSMSText(got, want string) bool {
	return got == want || strings.ReplaceAll(got, "+", " ") == strings.ReplaceAll(want, "+", " ")
}

// utcDay is the start of t's day in UTC.
func utcDay(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
