package voipinnovations

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/didkit/voipms/numbers"
)

// NumbersConfig are the settings of the numbers adapter.
type NumbersConfig struct {
	// EndpointGroup is where an Order given no route sends the number
	// (assignDID needs one); 0: Order then requires a route.
	EndpointGroup int64
	// Tier limits Search to one tier ("1".."4"); empty: all tiers.
	Tier string
}

// NumbersAdapter is the VoIP Innovations implementation of
// numbers.Inventory, numbers.Reserver, numbers.Router and
// numbers.TargetSupporter. Safe for concurrent use.
type NumbersAdapter struct {
	c   *Client
	cfg NumbersConfig
}

// Numbers returns c as a provider-neutral carrier. VoIP Innovations routes
// a number to an endpoint group only (numbers.EndpointGroup); any other
// target is refused before I/O (numbers.ErrUnsupported). Numbers travel in
// their 10-digit NANP form.
func Numbers(c *Client, cfg ...NumbersConfig) *NumbersAdapter {
	a := &NumbersAdapter{c: c}
	if len(cfg) > 0 {
		a.cfg = cfg[0]
	}
	return a
}

const numbersProvider = "voipinnovations"

var (
	_ numbers.Inventory       = (*NumbersAdapter)(nil)
	_ numbers.Reserver        = (*NumbersAdapter)(nil)
	_ numbers.Router          = (*NumbersAdapter)(nil)
	_ numbers.TargetSupporter = (*NumbersAdapter)(nil)
)

func numbersCategory(err error) error {
	switch {
	case errors.Is(err, ErrOutcomeUnknown):
		return numbers.ErrOutcomeUnknown
	case errors.Is(err, ErrInvalidParameter):
		return numbers.ErrInvalid
	case errors.Is(err, ErrNotFound), errors.Is(err, ErrNotOwned):
		return numbers.ErrNotFound
	case errors.Is(err, ErrNotAvailable), errors.Is(err, ErrReservedByOther):
		return numbers.ErrNotAvailable
	case errors.Is(err, ErrConflict):
		return numbers.ErrConflict
	case errors.Is(err, ErrAuth), errors.Is(err, ErrIPNotAllowed):
		return numbers.ErrAuth
	case errors.Is(err, ErrUnavailable), errors.Is(err, ErrTransport):
		return numbers.ErrUnavailable
	case errors.Is(err, ErrDryRunRefused):
		return numbers.ErrUnsupported
	}
	return numbers.ErrProvider
}

func (a *NumbersAdapter) wrap(op string, n numbers.Number, err error) error {
	return numbers.Wrap(numbersProvider, op, n, numbersCategory(err), err)
}

func (a *NumbersAdapter) tn(op string, n numbers.Number) (string, error) {
	if n.IsZero() {
		return "", numbers.Invalid(numbersProvider, op, "number", "is required")
	}
	s, ok := n.NANP()
	if !ok {
		return "", numbers.Invalid(numbersProvider, op, "number", "must be a North American (+1) number for VoIP Innovations")
	}
	return s, nil
}

// SupportsTarget reports whether t is an endpoint group.
func (a *NumbersAdapter) SupportsTarget(t numbers.Target) bool {
	_, err := epgOf("route", t)
	return err == nil
}

func epgOf(op string, t numbers.Target) (int64, error) {
	switch t := t.(type) {
	case numbers.EndpointGroup:
		if t.ID <= 0 {
			return 0, numbers.Invalid(numbersProvider, op, "route", "endpoint group id must be positive")
		}
		return t.ID, nil
	case nil:
		return 0, numbers.Invalid(numbersProvider, op, "route", "is required")
	}
	return 0, numbers.Unsupported(numbersProvider, op, t, "VoIP Innovations routes numbers to endpoint groups only")
}

func (a *NumbersAdapter) ownedOf(d DID) (numbers.Owned, bool) {
	n, err := numbers.Parse(d.TN)
	if err != nil {
		return numbers.Owned{}, false
	}
	o := numbers.Owned{Number: n}
	if d.EndpointGroup > 0 {
		o.Route = numbers.EndpointGroup{ID: d.EndpointGroup}
		o.RawRoute = "epg " + strconv.FormatInt(d.EndpointGroup, 10)
	}
	return o, true
}

// Search lists available numbers by state (Region) and/or NPA (AreaCode).
//
// VoIP Innovations API method: getDIDs.
func (a *NumbersAdapter) Search(ctx context.Context, q numbers.Query) ([]numbers.Available, error) {
	if q.Region == "" && q.AreaCode == "" {
		return nil, numbers.Invalid(numbersProvider, "search", "Query", "needs Region or AreaCode")
	}
	ls, err := a.c.DIDs.Search(ctx, &DIDSearchParams{State: q.Region, NPA: q.AreaCode, Tier: a.cfg.Tier})
	if err != nil {
		return nil, a.wrap("search", numbers.Number{}, err)
	}
	var out []numbers.Available
	for _, l := range ls {
		if q.Limit > 0 && len(out) >= q.Limit {
			break
		}
		if n, err := numbers.Parse(l.TN); err == nil {
			out = append(out, numbers.Available{Number: n, Region: l.State, RateCenter: l.RateCenter})
		}
	}
	return out, nil
}

// owned reads one number: its DID when this account holds it assigned.
func (a *NumbersAdapter) owned(ctx context.Context, op string, n numbers.Number, tn string) (DID, bool, error) {
	d, err := a.c.DIDs.Get(ctx, tn)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return DID{}, false, nil
		}
		return DID{}, false, a.wrap(op, n, err)
	}
	return d, d.StatusCode == StatusOK && strings.EqualFold(d.Availability, "assigned"), nil
}

// Order buys n onto the endpoint group route (nil: NumbersConfig's). It
// first reads the number (queryDID): assignDID answers success for a
// number the account already has, so the adapter refuses that itself
// (numbers.ErrConflict) and nothing is bought twice. assignDID is sent at
// most once; a lost answer is numbers.ErrOutcomeUnknown.
//
// VoIP Innovations API methods: queryDID, assignDID.
func (a *NumbersAdapter) Order(ctx context.Context, n numbers.Number, route numbers.Target) (numbers.Owned, error) {
	const op = "order"
	tn, err := a.tn(op, n)
	if err != nil {
		return numbers.Owned{}, err
	}
	if route == nil && a.cfg.EndpointGroup > 0 {
		route = numbers.EndpointGroup{ID: a.cfg.EndpointGroup}
	}
	epg, err := epgOf(op, route)
	if err != nil {
		return numbers.Owned{}, err
	}
	if _, mine, err := a.owned(ctx, op, n, tn); err != nil {
		return numbers.Owned{}, err
	} else if mine {
		return numbers.Owned{}, numbers.Wrap(numbersProvider, op, n, numbers.ErrConflict, errors.New("voipinnovations: the number is already assigned to this account"))
	}
	if _, err := a.c.DIDs.Assign(ctx, DIDParam{TN: tn, EndpointGroup: epg}); err != nil {
		return numbers.Owned{}, a.wrap(op, n, err)
	}
	return numbers.Owned{Number: n, Route: numbers.EndpointGroup{ID: epg}, RawRoute: "epg " + strconv.FormatInt(epg, 10)}, nil
}

// Reserve holds n for this account (30 minutes at VoIP Innovations).
//
// VoIP Innovations API method: reserveDID.
func (a *NumbersAdapter) Reserve(ctx context.Context, n numbers.Number) (time.Time, error) {
	tn, err := a.tn("reserve", n)
	if err != nil {
		return time.Time{}, err
	}
	rs, err := a.c.DIDs.Reserve(ctx, tn)
	if err != nil {
		return time.Time{}, a.wrap("reserve", n, err)
	}
	if len(rs) == 1 {
		return rs[0].DID.ExpireDate, nil
	}
	return time.Time{}, nil
}

// Release gives n back. VoIP Innovations answers success for a number that
// is already available; the adapter reports that as numbers.ErrNotFound
// (the account did not own it).
//
// VoIP Innovations API method: releaseDID.
func (a *NumbersAdapter) Release(ctx context.Context, n numbers.Number) error {
	const op = "release"
	tn, err := a.tn(op, n)
	if err != nil {
		return err
	}
	rs, err := a.c.DIDs.Release(ctx, tn)
	if err != nil {
		return a.wrap(op, n, err)
	}
	if len(rs) == 1 {
		switch rs[0].DID.StatusCode {
		case StatusReleaseAvailable, StatusReleasePrevReleased:
			return numbers.Wrap(numbersProvider, op, n, numbers.ErrNotFound,
				errors.New("voipinnovations: the number is not assigned to this account ("+rs[0].DID.StatusCode.String()+")"))
		}
	}
	return nil
}

// ListOwned lists the numbers assigned to the account.
//
// VoIP Innovations API method: auditDIDs.
func (a *NumbersAdapter) ListOwned(ctx context.Context) ([]numbers.Owned, error) {
	ds, err := a.c.DIDs.List(ctx)
	if err != nil {
		return nil, a.wrap("list", numbers.Number{}, err)
	}
	out := make([]numbers.Owned, 0, len(ds))
	for _, d := range ds {
		if o, ok := a.ownedOf(d); ok {
			out = append(out, o)
		}
	}
	return out, nil
}

// Get returns n when the account owns it (assigned); numbers.ErrNotFound
// otherwise (available, reserved, another company's, unknown).
//
// VoIP Innovations API method: queryDID.
func (a *NumbersAdapter) Get(ctx context.Context, n numbers.Number) (numbers.Owned, error) {
	const op = "get"
	tn, err := a.tn(op, n)
	if err != nil {
		return numbers.Owned{}, err
	}
	d, mine, err := a.owned(ctx, op, n, tn)
	if err != nil {
		return numbers.Owned{}, err
	}
	if !mine {
		return numbers.Owned{}, numbers.Wrap(numbersProvider, op, n, numbers.ErrNotFound, errors.New("voipinnovations: the number is not assigned to this account"))
	}
	o, _ := a.ownedOf(d)
	return o, nil
}

// Portable reports whether n can be ported in.
//
// VoIP Innovations API method: isPortable.
func (a *NumbersAdapter) Portable(ctx context.Context, n numbers.Number) (bool, error) {
	tn, err := a.tn("portable", n)
	if err != nil {
		return false, err
	}
	ok, err := a.c.Ports.GetPortability(ctx, tn)
	if err != nil {
		return false, a.wrap("portable", n, err)
	}
	return ok, nil
}

// Route points an owned number at another endpoint group. A number the
// account does not own is numbers.ErrNotFound.
//
// VoIP Innovations API method: configDID.
func (a *NumbersAdapter) Route(ctx context.Context, n numbers.Number, t numbers.Target) error {
	const op = "route"
	tn, err := a.tn(op, n)
	if err != nil {
		return err
	}
	epg, err := epgOf(op, t)
	if err != nil {
		return err
	}
	if _, err := a.c.DIDs.Configure(ctx, DIDParam{TN: tn, EndpointGroup: epg}); err != nil {
		return a.wrap(op, n, err)
	}
	return nil
}
