package voipinnovations

import (
	"context"
	"log/slog"
	"strings"
)

// DIDResult is the answer for one number of a batch (Reserve, Assign,
// Configure, Release): one per input, in input order.
type DIDResult struct {
	TN  string // the number as sent: 10 digits
	DID DID    // the answer's record for it (StatusCode, Status, Tier, ...)
	// Err is nil when the number is in the state the operation asked for
	// (DID.StatusCode.OK()); otherwise a *StatusError with its category, or
	// an *OutcomeUnknownError when a write's answer left the number out.
	Err error
}

// Search lists the available numbers matching p: state (two letters; "TF"
// for toll-free), LATA, rate center, NPA, NXX, tier, and the "true"/"false"
// filters t38, cnam, sms, network. At least one criterion is required
// (checked before sending; the API answers 302490 without). No match is an
// empty list, not an error.
//
// VoIP Innovations API method: getDIDs.
func (s *DIDService) Search(ctx context.Context, p *DIDSearchParams) ([]DIDLocator, error) {
	r, err := s.c.doGetDIDs(ctx, p)
	if err != nil {
		return nil, err
	}
	if err := s.c.checkCode(opGetDIDs, r.ResponseCode, r.ResponseMessage, true); err != nil {
		return nil, err
	}
	return r.DIDLocators, nil
}

// SearchCounts counts the available numbers matching p, one DIDCount per rate
// center and tier, ordered by p.Orderby ("state" by default, "rc",
// "lata" or "tier"). Criteria as for Search. No match is an empty list.
//
// VoIP Innovations API method: getDIDCount.
func (s *DIDService) SearchCounts(ctx context.Context, p *DIDSearchCountsParams) ([]DIDCount, error) {
	r, err := s.c.doGetDIDCount(ctx, p)
	if err != nil {
		return nil, err
	}
	if err := s.c.checkCode(opGetDIDCount, r.ResponseCode, r.ResponseMessage, true); err != nil {
		return nil, err
	}
	return r.DIDCounts, nil
}

// Get returns what VoIP Innovations says about one number: owned by this
// account (Availability "assigned", with its endpoint group and refId),
// reserved by it, available, or held by another company (StatusCode
// 102230/102235, with a nil error: the query itself succeeded). A number
// the API does not know — its dummy "Could not find number" record, or
// responseCode 101 — is an error matching ErrNotFound.
//
// VoIP Innovations API method: queryDID.
func (s *DIDService) Get(ctx context.Context, tn string) (DID, error) {
	r, err := s.c.doQueryDID(ctx, &queryDIDParams{DID: tn})
	if err != nil {
		return DID{}, err
	}
	if err := s.c.checkCode(opQueryDID, r.ResponseCode, r.ResponseMessage, false); err != nil {
		return DID{}, err
	}
	n, _ := normalizeNANP(tn)
	for _, d := range r.DIDs {
		if d.StatusCode == StatusQueryNotFound || isDummy(d) {
			return DID{}, s.c.scrub(&StatusError{Op: opQueryDID.name, TN: n, Status: StatusQueryNotFound, Message: d.Status})
		}
		if sameTN(d.TN, n) {
			return d, nil
		}
	}
	if len(r.DIDs) == 0 {
		return DID{}, &APIError{Op: opQueryDID.name, Code: ResponseNoRecords, Message: "no DID in the answer"}
	}
	return DID{}, &ResponseError{Op: opQueryDID.name, Kind: KindShape, Detail: "the answer is for another number"}
}

// List lists every number assigned to the account. None is an empty list
// (the API's dummy "No records found" record is dropped).
//
// VoIP Innovations API method: auditDIDs.
func (s *DIDService) List(ctx context.Context) ([]DID, error) {
	r, err := s.c.doAuditDIDs(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.c.checkCode(opAuditDIDs, r.ResponseCode, r.ResponseMessage, true); err != nil {
		return nil, err
	}
	out := make([]DID, 0, len(r.DIDs))
	for _, d := range r.DIDs {
		if !isDummy(d) {
			out = append(out, d)
		}
	}
	return out, nil
}

// isDummy reports VoIP Innovations' stand-in for "nothing": an empty tn, or
// a "no records" status.
func isDummy(d DID) bool {
	return strings.TrimSpace(d.TN) == "" || d.StatusCode == StatusAuditNoRecords || d.StatusCode == StatusQueryNotFound
}

func sameTN(wire, want string) bool {
	n, err := normalizeNANP(wire)
	return err == nil && n == want
}

// Reserve holds available numbers for this account for 30 minutes (then
// they return to inventory unless assigned). The answer has one result per
// number, in order; when any failed the error is a *BatchError (matching
// the failed items' category: ErrReservedByOther, ErrNotAvailable,
// ErrNotFound, ...). A number already reserved for you is a success
// (103220). Sent at most once: a failure after sending is an
// *OutcomeUnknownError; see ReconcileReserve.
//
// VoIP Innovations API method: reserveDID.
func (s *DIDService) Reserve(ctx context.Context, tns ...string) ([]DIDResult, error) {
	ps := make([]DIDParam, len(tns))
	for i, tn := range tns {
		ps[i] = DIDParam{TN: tn}
	}
	return s.batch(ctx, opReserveDID, ps, false)
}

// Assign buys numbers (available, or reserved by you) onto one of the
// account's endpoint groups: each DIDParam needs TN and EndpointGroup, and
// may carry CNAM and RefID. One result per number, in order; a *BatchError
// when any failed. A number already assigned to you is a success (104225).
// Sent at most once: a failure after sending is an *OutcomeUnknownError;
// settle it with ReconcileAssign before trying again.
//
// VoIP Innovations API method: assignDID.
func (s *DIDService) Assign(ctx context.Context, params ...DIDParam) ([]DIDResult, error) {
	return s.batch(ctx, opAssignDID, params, true)
}

// Configure points numbers you own at another endpoint group and sets
// their CNAM flag and refId. One result per number, in order; a
// *BatchError when any failed (ErrNotOwned for a number that is not yours).
// Sent at most once; see ReconcileConfigure.
//
// VoIP Innovations API method: configDID.
func (s *DIDService) Configure(ctx context.Context, params ...DIDParam) ([]DIDResult, error) {
	return s.batch(ctx, opConfigDID, params, true)
}

// Release gives numbers back. One result per number, in order; a
// *BatchError when any failed. A number that is already available (106231)
// or was already released (106241) counts as released. Sent at most once;
// see ReconcileRelease.
//
// VoIP Innovations API method: releaseDID.
func (s *DIDService) Release(ctx context.Context, tns ...string) ([]DIDResult, error) {
	ps := make([]DIDParam, len(tns))
	for i, tn := range tns {
		ps[i] = DIDParam{TN: tn}
	}
	return s.batch(ctx, opReleaseDID, ps, false)
}

// batch runs one DIDParam-list operation and matches the answer to the
// inputs.
func (s *DIDService) batch(ctx context.Context, op *opInfo, params []DIDParam, needEPG bool) ([]DIDResult, error) {
	if len(params) == 0 {
		return nil, validationErr(op.name, "didParams", "params", "at least one number is required")
	}
	seen := map[string]bool{}
	norm := make([]DIDParam, len(params))
	for i, p := range params {
		if err := p.prepare(op.name, index("", "didParams", i)[1:]+"."); err != nil {
			return nil, err
		}
		if needEPG && p.EndpointGroup <= 0 {
			return nil, validationErr(op.name, index("", "didParams", i)[1:]+".epg", "EndpointGroup", "is required (one of the account's endpoint groups)")
		}
		if seen[p.TN] {
			return nil, validationErr(op.name, index("", "didParams", i)[1:]+".tn", "TN", "is repeated in the batch")
		}
		seen[p.TN] = true
		norm[i] = p
	}
	tns := make([]string, len(norm))
	for i := range norm {
		tns[i] = norm[i].TN
	}
	var (
		r   *DIDResponse
		err error
	)
	switch op {
	case opReserveDID:
		r, err = s.c.doReserveDID(ctx, &reserveDIDParams{DIDParams: norm})
	case opAssignDID:
		r, err = s.c.doAssignDID(ctx, &assignDIDParams{DIDParams: norm})
	case opConfigDID:
		r, err = s.c.doConfigDID(ctx, &configDIDParams{DIDParams: norm})
	case opReleaseDID:
		r, err = s.c.doReleaseDID(ctx, &releaseDIDParams{DIDParams: norm})
	}
	if err != nil {
		if ou, ok := err.(*OutcomeUnknownError); ok {
			ou.TNs = tns
		}
		return nil, err
	}
	if err := s.c.checkCode(op, r.ResponseCode, r.ResponseMessage, false); err != nil {
		return nil, err
	}
	out, err := matchBatch(op, tns, r.DIDs)
	if be, ok := err.(*BatchError); ok && s.c.logger != nil {
		s.c.logger.LogAttrs(ctx, slog.LevelInfo, "voipinnovations batch items failed", slog.String("op", op.name),
			slog.Int("failed", len(be.Failed)), slog.Int("total", be.Total), slog.String("error_kind", categoryName(be)))
	}
	return out, s.c.scrub(err)
}

// matchBatch pairs the answer's DIDs with the inputs: by position when the
// numbers line up, else by number. An input the answer leaves out is an
// unknown outcome for a write.
func matchBatch(op *opInfo, tns []string, dids []DID) ([]DIDResult, error) {
	byTN := map[string]DID{}
	aligned := len(dids) == len(tns)
	for i, d := range dids {
		n, err := normalizeNANP(d.TN)
		if err != nil {
			aligned = false
			continue
		}
		if _, dup := byTN[n]; !dup {
			byTN[n] = d
		}
		if i < len(tns) && n != tns[i] {
			aligned = false
		}
	}
	out := make([]DIDResult, len(tns))
	var failed []DIDResult
	for i, tn := range tns {
		var d DID
		ok := false
		if aligned {
			d, ok = dids[i], true
		} else {
			d, ok = byTN[tn]
		}
		res := DIDResult{TN: tn, DID: d}
		switch {
		case !ok:
			res.Err = &OutcomeUnknownError{Op: op.name, TNs: []string{tn},
				Err: &ResponseError{Op: op.name, Kind: KindShape, Detail: "the answer has no record for this number"}}
		case !d.StatusCode.OK():
			res.Err = &StatusError{Op: op.name, TN: tn, Status: d.StatusCode, Message: d.Status}
		}
		out[i] = res
		if res.Err != nil {
			failed = append(failed, res)
		}
	}
	if len(failed) > 0 {
		return out, &BatchError{Op: op.name, Failed: failed, Total: len(tns)}
	}
	return out, nil
}

// GetPortability reports whether a number can be ported in to VoIP Innovations.
//
// VoIP Innovations API method: isPortable.
func (s *PortService) GetPortability(ctx context.Context, tn string) (bool, error) {
	r, err := s.c.doIsPortable(ctx, &isPortableParams{TN: tn})
	if err != nil {
		return false, err
	}
	if err := s.c.checkCode(opIsPortable, r.ResponseCode, r.ResponseMessage, false); err != nil {
		return false, err
	}
	return r.IsPortable, nil
}

// Get returns a port order: status, end user, dates, the numbers being
// ported and the default endpoint group. An unknown id is an error matching
// ErrNotFound.
//
// VoIP Innovations API method: getPortDetails.
func (s *PortService) Get(ctx context.Context, portID int64) (PortDetail, error) {
	r, err := s.c.doGetPortDetails(ctx, &getPortDetailsParams{PortID: portID})
	if err != nil {
		return PortDetail{}, err
	}
	if err := s.c.checkCode(opGetPortDetails, r.ResponseCode, r.ResponseMessage, false); err != nil {
		return PortDetail{}, err
	}
	if r.PortDetails.ID == 0 {
		return PortDetail{}, &APIError{Op: opGetPortDetails.name, Code: ResponseNoRecords, Message: "empty port record"}
	}
	return r.PortDetails, nil
}

// dropDummies removes VoIP Innovations' dummy "no records" DIDs from a
// generated operation's answer. When the answer held nothing but dummies,
// a one-record operation fails with ErrNotFound; a list is just empty.
func (c *Client) dropDummies(op *opInfo, r *DIDResponse, list bool) error {
	kept := r.DIDs[:0]
	var dummy *DID
	for i := range r.DIDs {
		if isDummy(r.DIDs[i]) {
			if dummy == nil {
				d := r.DIDs[i]
				dummy = &d
			}
			continue
		}
		kept = append(kept, r.DIDs[i])
	}
	r.DIDs = kept
	if dummy != nil && len(kept) == 0 && !list {
		return c.scrub(&StatusError{Op: op.name, TN: dummy.TN, Status: dummy.StatusCode, Message: dummy.Status, notFound: true})
	}
	return nil
}
