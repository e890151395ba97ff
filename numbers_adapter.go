package voipms

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/didkit/voipms/numbers"
)

// NumbersConfig are the settings of the numbers adapter (Numbers): what an
// order needs that the neutral model does not carry.
type NumbersConfig struct {
	// POP is the point of presence of ordered numbers (General.ListServers);
	// 0 means 1.
	POP int64
	// DialTime is the ring time before failovers, in seconds; 0 means 60.
	DialTime int64
	// BillingType of ordered numbers; empty means per-minute.
	BillingType DIDBillingType
	// DefaultRoute is the route of an Order given none; when it is nil
	// too, Order requires a route (VoIP.ms cannot order without one).
	DefaultRoute numbers.Target
}

// NumbersAdapter is the VoIP.ms implementation of numbers.Inventory,
// numbers.Router, numbers.TargetChecker and numbers.TargetSupporter. It is
// safe for concurrent use (as the Client is).
type NumbersAdapter struct {
	c   *Client
	cfg NumbersConfig
}

// Numbers returns c as a provider-neutral carrier (numbers.Inventory,
// numbers.Router). VoIP.ms can route a number to a SubAccount, SIPURI,
// Forwarding or Voicemail target; any other target is refused before I/O
// (numbers.ErrUnsupported). Numbers are sent in their 10-digit NANP form;
// a number outside the NANP is numbers.ErrInvalid before I/O.
func Numbers(c *Client, cfg ...NumbersConfig) *NumbersAdapter {
	a := &NumbersAdapter{c: c}
	if len(cfg) > 0 {
		a.cfg = cfg[0]
	}
	if a.cfg.POP == 0 {
		a.cfg.POP = 1
	}
	if a.cfg.DialTime == 0 {
		a.cfg.DialTime = 60
	}
	if a.cfg.BillingType == "" {
		a.cfg.BillingType = DIDBillingTypePerMinute
	}
	return a
}

const numbersProvider = "voipms"

var (
	_ numbers.Inventory       = (*NumbersAdapter)(nil)
	_ numbers.Router          = (*NumbersAdapter)(nil)
	_ numbers.TargetChecker   = (*NumbersAdapter)(nil)
	_ numbers.TargetSupporter = (*NumbersAdapter)(nil)
)

// numbersCategory maps an error of this package to its neutral category.
func numbersCategory(err error) error {
	var ve *ValidationError
	switch {
	case errors.Is(err, ErrOutcomeUnknown):
		return numbers.ErrOutcomeUnknown
	case errors.As(err, &ve), errors.Is(err, ErrInvalidParameter):
		return numbers.ErrInvalid
	case errors.Is(err, ErrNotFound):
		return numbers.ErrNotFound
	case errors.Is(err, ErrConflict):
		return numbers.ErrConflict
	case errors.Is(err, ErrInsufficientFunds):
		return numbers.ErrFunds
	case errors.Is(err, ErrLimitReached):
		return numbers.ErrNotAvailable
	case errors.Is(err, ErrAuth), errors.Is(err, ErrIPNotAllowed), errors.Is(err, ErrAPIDisabled):
		return numbers.ErrAuth
	case errors.Is(err, ErrUnavailable), errors.Is(err, ErrTransport), errors.Is(err, ErrRateLimited):
		return numbers.ErrUnavailable
	case errors.Is(err, ErrDryRunRefused):
		return numbers.ErrUnsupported
	}
	return numbers.ErrProvider
}

func (a *NumbersAdapter) wrap(op string, n numbers.Number, err error) error {
	return numbers.Wrap(numbersProvider, op, n, numbersCategory(err), err)
}

// wrapStatus is wrap with one status code read as another category
// (cancelDID's invalid_did: the number is not on the account).
func (a *NumbersAdapter) wrapStatus(op string, n numbers.Number, err error, status Status, cat error) error {
	var ae *APIError
	if errors.As(err, &ae) && ae.Status == status && !errors.Is(err, ErrOutcomeUnknown) {
		return numbers.Wrap(numbersProvider, op, n, cat, err)
	}
	return a.wrap(op, n, err)
}

func (a *NumbersAdapter) nanp(op string, n numbers.Number) (string, error) {
	if n.IsZero() {
		return "", numbers.Invalid(numbersProvider, op, "number", "is required")
	}
	s, ok := n.NANP()
	if !ok {
		return "", numbers.Invalid(numbersProvider, op, "number", "must be a North American (+1) number for VoIP.ms")
	}
	return s, nil
}

// SupportsTarget reports whether VoIP.ms can route to t.
func (a *NumbersAdapter) SupportsTarget(t numbers.Target) bool {
	_, err := routingOf("route", t)
	return err == nil
}

// routingOf turns a neutral target into a VoIP.ms routing, before any I/O.
func routingOf(op string, t numbers.Target) (Routing, error) {
	var r Routing
	switch t := t.(type) {
	case numbers.SubAccount:
		r = RouteAccount(t.ID)
	case numbers.SIPURI:
		r = Routing{HeaderSIPURI, t.ID}
	case numbers.Forwarding:
		r = Routing{HeaderForwarding, t.ID}
	case numbers.Voicemail:
		r = RouteVoicemail(t.Box)
	case nil:
		return Routing{}, numbers.Invalid(numbersProvider, op, "route", "is required")
	default:
		return Routing{}, numbers.Unsupported(numbersProvider, op, t, "VoIP.ms routes to sub-accounts, SIP URIs, forwardings and voicemail")
	}
	if err := r.Validate(); err != nil {
		return Routing{}, numbers.Invalid(numbersProvider, op, "route", err.Error())
	}
	return r, nil
}

// targetOf turns a VoIP.ms routing into a neutral target (nil when it has
// none: ring groups, IVRs, queues, ...).
func targetOf(r Routing) numbers.Target {
	switch r.Header {
	case HeaderAccount:
		return numbers.SubAccount{ID: r.Target}
	case HeaderSIPURI:
		return numbers.SIPURI{ID: r.Target}
	case HeaderForwarding:
		return numbers.Forwarding{ID: r.Target}
	case HeaderVoicemail:
		return numbers.Voicemail{Box: r.Target}
	}
	return nil
}

func ownedOf(d DID) (numbers.Owned, bool) {
	n, err := numbers.Parse(d.DID)
	if err != nil {
		return numbers.Owned{}, false
	}
	return numbers.Owned{Number: n, Route: targetOf(d.Routing), RawRoute: d.Routing.String()}, true
}

// Search lists available numbers: by area code (searchDIDsUSA, "starts")
// or by state or province (getDIDsUSA / getDIDsCAN).
//
// VoIP.ms API methods: searchDIDsUSA, getDIDsUSA, getDIDsCAN.
func (a *NumbersAdapter) Search(ctx context.Context, q numbers.Query) ([]numbers.Available, error) {
	const op = "search"
	var out []numbers.Available
	add := func(did, region, rc string) {
		if n, err := numbers.Parse(did); err == nil && (q.Limit <= 0 || len(out) < q.Limit) {
			out = append(out, numbers.Available{Number: n, Region: region, RateCenter: rc})
		}
	}
	switch {
	case q.AreaCode != "":
		if len(q.AreaCode) != 3 || strings.Trim(q.AreaCode, "0123456789") != "" {
			return nil, numbers.Invalid(numbersProvider, op, "AreaCode", "must be 3 digits")
		}
		p := &DIDSearchUSAParams{Type: SearchTypeStarts, Query: q.AreaCode}
		if q.Region != "" {
			p.State = &q.Region
		}
		ds, err := a.c.DIDs.SearchUSA(ctx, p)
		if err != nil {
			return nil, a.wrap(op, numbers.Number{}, err)
		}
		for _, d := range ds {
			add(d.DID, d.State, d.RateCenter)
		}
	case isProvince(q.Region):
		ds, err := a.c.DIDs.ListAvailableCAN(ctx, &DIDListAvailableCANParams{Province: q.Region})
		if err != nil {
			return nil, a.wrap(op, numbers.Number{}, err)
		}
		for _, d := range ds {
			add(d.DID, d.Province, d.RateCenter)
		}
	case q.Region != "":
		ds, err := a.c.DIDs.ListAvailableUSA(ctx, &DIDListAvailableUSAParams{State: q.Region})
		if err != nil {
			return nil, a.wrap(op, numbers.Number{}, err)
		}
		for _, d := range ds {
			add(d.DID, d.State, d.RateCenter)
		}
	default:
		return nil, numbers.Invalid(numbersProvider, op, "Query", "needs Region or AreaCode")
	}
	return out, nil
}

func isProvince(s string) bool {
	switch s {
	case "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT":
		return true
	}
	return false
}

// Order buys n routed to route (nil: NumbersConfig.DefaultRoute). It is
// sent once; an owned number is numbers.ErrConflict (did_in_use), and a
// failure after sending is numbers.ErrOutcomeUnknown (settle it with Get
// or DIDs.ReconcileOrder).
//
// VoIP.ms API method: orderDID.
func (a *NumbersAdapter) Order(ctx context.Context, n numbers.Number, route numbers.Target) (numbers.Owned, error) {
	const op = "order"
	did, err := a.nanp(op, n)
	if err != nil {
		return numbers.Owned{}, err
	}
	if route == nil {
		route = a.cfg.DefaultRoute
	}
	r, err := routingOf(op, route)
	if err != nil {
		return numbers.Owned{}, err
	}
	p := &DIDOrderParams{DID: did, BillingType: a.cfg.BillingType}
	p.Routing, p.POP, p.DialTime = r, a.cfg.POP, a.cfg.DialTime
	if _, err := a.c.DIDs.Order(ctx, p); err != nil {
		return numbers.Owned{}, a.wrap(op, n, err)
	}
	return numbers.Owned{Number: n, Route: targetOf(r), RawRoute: r.String()}, nil
}

// Release cancels n (cancelDID). A number not on the account is
// numbers.ErrNotFound.
//
// VoIP.ms API method: cancelDID.
func (a *NumbersAdapter) Release(ctx context.Context, n numbers.Number) error {
	const op = "release"
	did, err := a.nanp(op, n)
	if err != nil {
		return err
	}
	if _, err := a.c.DIDs.Cancel(ctx, &DIDCancelParams{DID: did}); err != nil {
		return a.wrapStatus(op, n, err, StatusInvalidDID, numbers.ErrNotFound)
	}
	return nil
}

// ListOwned lists the account's DIDs.
//
// VoIP.ms API method: getDIDsInfo.
func (a *NumbersAdapter) ListOwned(ctx context.Context) ([]numbers.Owned, error) {
	ds, err := a.c.DIDs.List(ctx, nil)
	if err != nil {
		return nil, a.wrap("list", numbers.Number{}, err)
	}
	out := make([]numbers.Owned, 0, len(ds))
	for _, d := range ds {
		if o, ok := ownedOf(d); ok {
			out = append(out, o)
		}
	}
	return out, nil
}

// Get returns one owned DID; numbers.ErrNotFound when the account does not
// own it.
//
// VoIP.ms API method: getDIDsInfo.
func (a *NumbersAdapter) Get(ctx context.Context, n numbers.Number) (numbers.Owned, error) {
	const op = "get"
	did, err := a.nanp(op, n)
	if err != nil {
		return numbers.Owned{}, err
	}
	d, err := a.c.DIDs.Get(ctx, did)
	if err != nil {
		return numbers.Owned{}, a.wrap(op, n, err)
	}
	o, ok := ownedOf(*d)
	if !ok {
		return numbers.Owned{}, numbers.Wrap(numbersProvider, op, n, numbers.ErrProvider, errors.New("voipms: the answer's DID does not parse"))
	}
	return o, nil
}

// Portable reports whether n can be ported to VoIP.ms.
//
// VoIP.ms API method: getPortability.
func (a *NumbersAdapter) Portable(ctx context.Context, n numbers.Number) (bool, error) {
	const op = "portable"
	did, err := a.nanp(op, n)
	if err != nil {
		return false, err
	}
	p, err := a.c.DIDs.GetPortability(ctx, did)
	if err != nil {
		return false, a.wrap(op, n, err)
	}
	return p.Portable, nil
}

// Route points an owned number at t.
//
// VoIP.ms API method: setDIDRouting.
func (a *NumbersAdapter) Route(ctx context.Context, n numbers.Number, t numbers.Target) error {
	const op = "route"
	did, err := a.nanp(op, n)
	if err != nil {
		return err
	}
	r, err := routingOf(op, t)
	if err != nil {
		return err
	}
	if err := a.c.DIDs.SetRouting(ctx, did, r); err != nil {
		return a.wrapStatus(op, n, err, StatusInvalidDID, numbers.ErrNotFound)
	}
	return nil
}

// TargetExists reports whether the sub-account, SIP URI, forwarding or
// mailbox t names exists on the account.
//
// VoIP.ms API methods: getSubAccounts, getSIPURIs, getForwardings,
// getVoicemails.
func (a *NumbersAdapter) TargetExists(ctx context.Context, t numbers.Target) (bool, error) {
	const op = "check_target"
	if _, err := routingOf(op, t); err != nil {
		return false, err
	}
	var err error
	switch t := t.(type) {
	case numbers.SubAccount:
		if !strings.Contains(t.ID, "_") { // the main account itself
			return true, nil
		}
		_, err = a.c.Accounts.Get(ctx, t.ID)
	case numbers.SIPURI:
		id, perr := strconv.ParseInt(t.ID, 10, 64)
		if perr != nil {
			return false, nil
		}
		_, err = a.c.SIPURIs.Get(ctx, id)
	case numbers.Forwarding:
		id, perr := strconv.ParseInt(t.ID, 10, 64)
		if perr != nil {
			return false, nil
		}
		_, err = a.c.Forwardings.Get(ctx, id)
	case numbers.Voicemail:
		_, err = a.c.Voicemail.Get(ctx, t.Box)
	}
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrNotFound):
		return false, nil
	}
	return false, a.wrap(op, numbers.Number{}, err)
}
