package voipinnovations

import (
	"context"
	"errors"
	"strings"
)

// Outcome is what a Reconcile helper found for one number after an
// ambiguous write (an *OutcomeUnknownError, or a batch item holding one).
type Outcome struct {
	TN   string
	Done bool // the state the write asked for holds: do not send it again
	// DID is the number's record from auditDIDs (when owned) or queryDID;
	// zero when the API does not know the number.
	DID DID
}

// ReconcileAssign tells, for each number of an Assign whose outcome is
// unknown, whether it is now assigned to this account (Done). It reads
// auditDIDs once and queryDID for the numbers the audit does not list; both
// are reads, retried on transient failures. A number not Done can be
// assigned again safely.
func (s *DIDService) ReconcileAssign(ctx context.Context, params ...DIDParam) ([]Outcome, error) {
	return s.reconcile(ctx, params, func(p DIDParam, d DID, owned bool) bool { return owned })
}

// ReconcileConfigure tells, for each number of a Configure whose outcome is
// unknown, whether it is assigned to this account with the endpoint group
// (and the refId and CNAM flag, when they were set) of its DIDParam.
func (s *DIDService) ReconcileConfigure(ctx context.Context, params ...DIDParam) ([]Outcome, error) {
	return s.reconcile(ctx, params, func(p DIDParam, d DID, owned bool) bool {
		return owned && d.EndpointGroup == p.EndpointGroup && (p.RefID == "" || d.RefID == p.RefID) &&
			(p.CNAM == nil || d.CNAM == *p.CNAM)
	})
}

// ReconcileRelease tells, for each number of a Release whose outcome is
// unknown, whether it is no longer assigned to this account (Done).
func (s *DIDService) ReconcileRelease(ctx context.Context, tns ...string) ([]Outcome, error) {
	return s.reconcile(ctx, tnParams(tns), func(p DIDParam, d DID, owned bool) bool { return !owned })
}

// ReconcileReserve tells, for each number of a Reserve whose outcome is
// unknown, whether it is reserved for (or already assigned to) this
// account.
func (s *DIDService) ReconcileReserve(ctx context.Context, tns ...string) ([]Outcome, error) {
	return s.reconcile(ctx, tnParams(tns), func(p DIDParam, d DID, owned bool) bool {
		return owned || (d.StatusCode == StatusOK && strings.EqualFold(d.Availability, "reserved"))
	})
}

func tnParams(tns []string) []DIDParam {
	ps := make([]DIDParam, len(tns))
	for i, tn := range tns {
		ps[i] = DIDParam{TN: tn}
	}
	return ps
}

func (s *DIDService) reconcile(ctx context.Context, params []DIDParam, done func(p DIDParam, d DID, owned bool) bool) ([]Outcome, error) {
	norm := make([]DIDParam, len(params))
	for i, p := range params {
		if err := p.prepare("reconcile", index("", "didParams", i)[1:]+"."); err != nil {
			return nil, err
		}
		norm[i] = p
	}
	owned, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	byTN := map[string]DID{}
	for _, d := range owned {
		if n, err := normalizeNANP(d.TN); err == nil {
			byTN[n] = d
		}
	}
	out := make([]Outcome, len(norm))
	for i, p := range norm {
		d, mine := byTN[p.TN]
		if !mine {
			q, err := s.Get(ctx, p.TN)
			switch {
			case errors.Is(err, ErrNotFound):
			case err != nil:
				return nil, err
			default:
				d = q
				mine = strings.EqualFold(q.Availability, "assigned") && q.StatusCode == StatusOK
			}
		}
		out[i] = Outcome{TN: p.TN, Done: done(p, d, mine), DID: d}
	}
	return out, nil
}
