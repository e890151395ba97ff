package voipms

import (
	"context"
	"errors"
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
