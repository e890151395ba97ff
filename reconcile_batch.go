package voipms

import (
	"context"
	"errors"
)

// ReconcileOrders is ReconcileOrder for many DIDs at once: it reads the
// account's DIDs with one getDIDsInfo call (read-only, retried on transient
// failures) and reports, for each of dids, whether it is on the account.
// The map is keyed by the DIDs as given. Use it after a batch of orders left
// several outcomes unknown; only OrderNotOwned makes it safe to send an
// order again.
//
// A DID that is not a 10-digit number is a *ValidationError before any
// request; no DIDs at all is an empty map and no request.
//
// VoIP.ms API method: getDIDsInfo.
func (s *DIDService) ReconcileOrders(ctx context.Context, dids ...string) (map[string]OrderStatus, error) {
	const method = "getDIDsInfo"
	out := make(map[string]OrderStatus, len(dids))
	if len(dids) == 0 {
		return out, nil
	}
	for _, d := range dids {
		if n := normalizeDID(d); len(n) != 10 {
			return nil, validationErr(method, "did", "not a 10-digit number")
		}
	}
	var resp struct {
		envelope
		DIDs []struct {
			DID string `json:"did"`
		} `json:"dids"`
	}
	err := s.client.call(ctx, method, nil, &resp)
	var ae *APIError
	switch {
	case errors.As(err, &ae) && ae.Status.IsEmpty():
		// no DIDs on the account
	case err != nil:
		return nil, err
	}
	owned := make(map[string]bool, len(resp.DIDs))
	for _, d := range resp.DIDs {
		owned[normalizeDID(d.DID)] = true
	}
	for _, d := range dids {
		if owned[normalizeDID(d)] {
			out[d] = OrderOwned
		} else {
			out[d] = OrderNotOwned
		}
	}
	return out, nil
}
