package voipms

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"
)

// MaxCDRWindowDays is the widest date range (inclusive days) All and
// AllReseller ask of one getCDR/getResellerCDR call: the API refuses
// date_to more than 92 days after date_from.
const MaxCDRWindowDays = 92

// dateWindow is one inclusive range of UTC days.
type dateWindow struct{ from, to time.Time }

// dateWindows splits the days from..to (inclusive, by calendar day) into
// consecutive windows of at most days days. The windowing is kept apart
// from fetching and decoding so a streaming decoder can reuse it.
func dateWindows(from, to time.Time, days int) []dateWindow {
	lo, hi := calendarDay(from), calendarDay(to)
	var out []dateWindow
	for !lo.After(hi) {
		end := lo.AddDate(0, 0, days-1)
		if end.After(hi) {
			end = hi
		}
		out = append(out, dateWindow{lo, end})
		lo = end.AddDate(0, 0, 1)
	}
	return out
}

// calendarDay is t's calendar date (in t's location) at midnight UTC.
func calendarDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// All returns the call detail records of the account from p.DateFrom to
// p.DateTo, any distance apart: it asks getCDR for consecutive windows of at
// most MaxCDRWindowDays days, oldest first, and yields each window's records
// in the order the API gave them. The other fields of p apply to every
// window. A validation error (bad flags, DateTo before DateFrom) is yielded
// before any request; an error from a window is yielded once and ends the
// sequence. Stopping the loop early sends no further requests.
//
//	for cdr, err := range c.CDR.All(ctx, &voipms.CDRListParams{...}) {
//		if err != nil { return err }
//		...
//	}
//
// It only reads, and each call is retried on transient failures.
// VoIP.ms API method: getCDR.
func (s *CDRService) All(ctx context.Context, p *CDRListParams) iter.Seq2[CDR, error] {
	return func(yield func(CDR, error) bool) {
		if p == nil {
			p = &CDRListParams{}
		}
		if p.DateFrom.IsZero() || p.DateTo.IsZero() || p.DateTo.Before(p.DateFrom) {
			yield(CDR{}, p.validate("getCDR"))
			return
		}
		for _, w := range dateWindows(p.DateFrom, p.DateTo, MaxCDRWindowDays) {
			q := *p
			q.DateFrom, q.DateTo = w.from, w.to
			// Each window is streamed (stream.go): records are yielded as
			// they are decoded, and no window's body or list is held.
			for r, err := range s.listStream(ctx, &q) {
				if err != nil {
					yield(CDR{}, fmt.Errorf("voipms: CDR window %s..%s: %w", w.from.Format(dateLayout), w.to.Format(dateLayout), err))
					return
				}
				if !yield(r, nil) {
					return
				}
			}
		}
	}
}

// AllReseller is All for reseller client p.Client (getResellerCDR).
//
// It only reads, and each call is retried on transient failures.
// VoIP.ms API method: getResellerCDR.
func (s *CDRService) AllReseller(ctx context.Context, p *CDRListResellerParams) iter.Seq2[CDR, error] {
	return func(yield func(CDR, error) bool) {
		if p == nil {
			p = &CDRListResellerParams{}
		}
		if p.DateFrom.IsZero() || p.DateTo.IsZero() || p.DateTo.Before(p.DateFrom) {
			yield(CDR{}, p.validate("getResellerCDR"))
			return
		}
		for _, w := range dateWindows(p.DateFrom, p.DateTo, MaxCDRWindowDays) {
			q := *p
			q.DateFrom, q.DateTo = w.from, w.to
			// Each window is streamed (stream.go): records are yielded as
			// they are decoded, and no window's body or list is held.
			for r, err := range s.listResellerStream(ctx, &q) {
				if err != nil {
					yield(CDR{}, fmt.Errorf("voipms: CDR window %s..%s: %w", w.from.Format(dateLayout), w.to.Format(dateLayout), err))
					return
				}
				if !yield(r, nil) {
					return
				}
			}
		}
	}
}

// DefaultMessageWindowLimit is the limit All and AllMMS ask of each
// getSMS/getMMS call when the params set none.
const DefaultMessageWindowLimit = 1000

// maxMessageWindowDays is the widest range All/AllMMS ask in one call
// (VoIP.ms refuses ranges over 92 days).
const maxMessageWindowDays = 90

// ErrWindowFull is wrapped by the error All/AllMMS yield when a single
// day holds at least as many messages as the row limit: the messages left
// out cannot be fetched by date. Raise Limit to get them.
var ErrWindowFull = errors.New("voipms: one day holds more messages than the row limit")

// messageWindows yields every row of the days from..to, fetching each
// window with fetch(lo, hi, limit) and splitting any window whose answer
// holds limit rows (it may have left rows out) down to single days.
// Windows are visited oldest first; rows within a window in the API's order.
func messageWindows[T any](from, to time.Time, limit int64, fetch func(lo, hi time.Time) ([]T, error), yield func(T, error) bool) {
	var visit func(lo, hi time.Time) bool
	visit = func(lo, hi time.Time) bool {
		rows, err := fetch(lo, hi)
		if err != nil {
			yield(*new(T), fmt.Errorf("voipms: message window %s..%s: %w", lo.Format(dateLayout), hi.Format(dateLayout), err))
			return false
		}
		if int64(len(rows)) >= limit {
			days := int(hi.Sub(lo).Hours()/24 + 0.5)
			if days == 0 {
				yield(*new(T), fmt.Errorf("%w (%s: %d rows)", ErrWindowFull, lo.Format(dateLayout), len(rows)))
				return false
			}
			mid := lo.AddDate(0, 0, days/2)
			return visit(lo, mid) && visit(mid.AddDate(0, 0, 1), hi)
		}
		for _, r := range rows {
			if !yield(r, nil) {
				return false
			}
		}
		return true
	}
	for _, w := range dateWindows(from, to, maxMessageWindowDays) {
		if !visit(w.from, w.to) {
			return
		}
	}
}

// All returns the SMS messages from *p.From to *p.To (both required here,
// any distance apart), past the API's row limit: each window of at most 90
// days is asked with p.Limit rows (DefaultMessageWindowLimit when unset),
// and a window whose answer is full is split in halves down to single
// days. If a single day still fills the limit, an error wrapping
// ErrWindowFull is yielded and the sequence ends. Within a window rows come
// in the API's order (newest first); windows go oldest first. p.ID must not
// be set.
//
// It only reads, and each call is retried on transient failures.
// VoIP.ms API method: getSMS.
func (s *SMSService) All(ctx context.Context, p *SMSListParams) iter.Seq2[SMS, error] {
	return func(yield func(SMS, error) bool) {
		const method = "getSMS"
		if p == nil || p.From == nil || p.To == nil {
			yield(SMS{}, validationErr(method, "from", "From and To are required"))
			return
		}
		if p.To.Before(*p.From) {
			yield(SMS{}, validationErr(method, "to", "must not be before from"))
			return
		}
		if p.ID != nil {
			yield(SMS{}, validationErr(method, "sms", "must not be set for All"))
			return
		}
		limit := int64(DefaultMessageWindowLimit)
		if p.Limit != nil {
			if *p.Limit < 1 {
				yield(SMS{}, validationErr(method, "limit", "must be at least 1"))
				return
			}
			limit = *p.Limit
		}
		messageWindows(*p.From, *p.To, limit, func(lo, hi time.Time) ([]SMS, error) {
			q := *p
			q.From, q.To, q.Limit = &lo, &hi, &limit
			return s.List(ctx, &q)
		}, yield)
	}
}

// AllMMS is All for MMS messages (getMMS).
//
// It only reads, and each call is retried on transient failures.
// VoIP.ms API method: getMMS.
func (s *SMSService) AllMMS(ctx context.Context, p *SMSListMMSParams) iter.Seq2[MMS, error] {
	return func(yield func(MMS, error) bool) {
		const method = "getMMS"
		if p == nil || p.From == nil || p.To == nil {
			yield(MMS{}, validationErr(method, "from", "From and To are required"))
			return
		}
		if p.To.Before(*p.From) {
			yield(MMS{}, validationErr(method, "to", "must not be before from"))
			return
		}
		if p.ID != nil {
			yield(MMS{}, validationErr(method, "mms", "must not be set for AllMMS"))
			return
		}
		limit := int64(DefaultMessageWindowLimit)
		if p.Limit != nil {
			if *p.Limit < 1 {
				yield(MMS{}, validationErr(method, "limit", "must be at least 1"))
				return
			}
			limit = *p.Limit
		}
		messageWindows(*p.From, *p.To, limit, func(lo, hi time.Time) ([]MMS, error) {
			q := *p
			q.From, q.To, q.Limit = &lo, &hi, &limit
			return s.ListMMS(ctx, &q)
		}, yield)
	}
}
