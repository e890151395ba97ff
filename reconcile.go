package voipms

import (
	"context"
	"errors"
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
		DIDs List[struct {
			DID String `json:"did"`
		}] `json:"dids"`
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

// normalizeDID strips the formatting VoIP.ms sometimes adds to NANP numbers
// (+1 prefix, dots, dashes, spaces) so numbers compare equal.
func normalizeDID(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	if len(b) == 11 && b[0] == '1' {
		b = b[1:]
	}
	return string(b)
}

// SentMessage identifies an SMS whose send failed with ErrOutcomeUnknown.
type SentMessage struct {
	DID     string    // the sending DID
	Dst     string    // the destination number
	Message string    // the exact text sent
	Since   time.Time // when the send was attempted (a little before is fine)
}

// ReconcileSend tells, after sendSMS failed with ErrOutcomeUnknown, whether
// VoIP.ms sent the message anyway: it looks for a sent SMS from m.DID to
// m.Dst with the same text since m.Since (getSMS, read-only). It returns
// the message id when found, and 0 when the message was not sent, which is
// the only case where sending again cannot produce a duplicate.
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
	params := map[string]string{
		"did": did, "contact": dst, "type": "0", "limit": "1000",
		"from": m.Since.UTC().AddDate(0, 0, -1).Format(dateLayout),
		"to":   time.Now().UTC().AddDate(0, 0, 1).Format(dateLayout),
	}
	var resp struct {
		envelope
		SMS List[struct {
			ID      Int    `json:"id"`
			DID     String `json:"did"`
			Contact String `json:"contact"`
			Message String `json:"message"`
		}] `json:"sms"`
	}
	if err := s.client.callList(ctx, method, params, &resp); err != nil {
		return 0, err
	}
	for _, row := range resp.SMS {
		if normalizeDID(string(row.DID)) != did || normalizeDID(string(row.Contact)) != dst {
			continue
		}
		text := string(row.Message)
		if text == m.Message || strings.ReplaceAll(text, "+", " ") == strings.ReplaceAll(m.Message, "+", " ") {
			return int64(row.ID), nil
		}
	}
	return 0, nil
}
