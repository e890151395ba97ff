package goautodial

import (
	"context"
	"errors"
	"strings"

	"github.com/didkit/voipms/numbers"
)

// NumbersConfig are the settings of the numbers adapter.
type NumbersConfig struct {
	// UserGroup of registered DIDs (goAddDID needs one that exists);
	// empty means "ADMIN".
	UserGroup string
}

// NumbersAdapter is the GoAutoDial implementation of numbers.Registry,
// numbers.RegistryLister and numbers.TargetSupporter. Safe for concurrent
// use.
//
// The goAPI addresses DIDs by did_id, so Update and Remove first list the
// table to find the number's id (goGetAllDID), and ListRegistered reads
// each DID's route with goGetDIDInfo (one read per DID: the list has only
// the route kind). All of these are reads, retried on transient failures;
// the writes are sent once.
type NumbersAdapter struct {
	c   *Client
	cfg NumbersConfig
}

// Numbers returns c as a provider-neutral dialer registry. Numbers are
// registered as their E.164 digits ("13055550100": the goAPI refuses "+").
// Targets: Agent, InGroup, Phone, CallMenu, Voicemail, Extension; carrier
// targets are refused before I/O.
func Numbers(c *Client, cfg ...NumbersConfig) *NumbersAdapter {
	a := &NumbersAdapter{c: c}
	if len(cfg) > 0 {
		a.cfg = cfg[0]
	}
	if a.cfg.UserGroup == "" {
		a.cfg.UserGroup = "ADMIN"
	}
	return a
}

const numbersProvider = "goautodial"

var (
	_ numbers.Registry        = (*NumbersAdapter)(nil)
	_ numbers.RegistryLister  = (*NumbersAdapter)(nil)
	_ numbers.TargetSupporter = (*NumbersAdapter)(nil)
)

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
	case errors.Is(err, ErrUnsupported):
		return numbers.ErrUnsupported
	case errors.Is(err, ErrAuth), errors.Is(err, ErrPermission):
		return numbers.ErrAuth
	case errors.Is(err, ErrUnavailable), errors.Is(err, ErrTransport):
		return numbers.ErrUnavailable
	}
	// ErrPartial (added, not routed), ErrRejected, ErrBadResponse.
	return numbers.ErrProvider
}

func (a *NumbersAdapter) wrap(op string, n numbers.Number, err error) error {
	return numbers.Wrap(numbersProvider, op, n, numbersCategory(err), err)
}

func (a *NumbersAdapter) pattern(op string, n numbers.Number) (string, error) {
	if n.IsZero() {
		return "", numbers.Invalid(numbersProvider, op, "number", "is required")
	}
	return n.Digits(), nil
}

// SupportsTarget reports whether a DID can be sent to t.
func (a *NumbersAdapter) SupportsTarget(t numbers.Target) bool {
	_, err := routeOf("register", t)
	return err == nil
}

func routeOf(op string, t numbers.Target) (Route, error) {
	var r Route
	switch t := t.(type) {
	case numbers.Agent:
		r = Agent(t.User, UnavailableAction(t.Unavailable), "")
	case numbers.InGroup:
		r = InGroup(t.ID, "", "", "")
	case numbers.Phone:
		r = Phone(t.Extension, t.ServerIP)
	case numbers.CallMenu:
		r = CallMenu(t.ID)
	case numbers.Voicemail:
		r = Voicemail(t.Box)
	case numbers.Extension:
		ctx := t.Context
		if ctx == "" {
			ctx = DefaultExtenContext
		}
		r = Route{Kind: RouteExtension, Extension: t.Ext, ExtenContext: ctx}
	case nil:
		return Route{}, numbers.Invalid(numbersProvider, op, "target", "is required")
	default:
		return Route{}, numbers.Unsupported(numbersProvider, op, t, "GoAutoDial sends DIDs to agents, in-groups, phones, call menus, voicemail and extensions")
	}
	if err := r.Validate(); err != nil {
		return Route{}, numbers.Wrap(numbersProvider, op, numbers.Number{}, numbers.ErrInvalid, err)
	}
	return r, nil
}

// TargetOfRoute is the neutral target of a Route (nil for none). Defaults
// read back as empty fields: an AGENT route's VOICEMAIL unavailable
// action, an EXTEN route's "default" context.
func TargetOfRoute(r Route) numbers.Target {
	switch r.Kind {
	case RouteAgent:
		u := string(r.UnavailableAction)
		if r.UnavailableAction == DefaultUnavailableAction {
			u = ""
		}
		return numbers.Agent{User: r.User, Unavailable: u}
	case RouteInGroup:
		return numbers.InGroup{ID: r.GroupID}
	case RoutePhone:
		return numbers.Phone{Extension: r.Phone, ServerIP: r.ServerIP}
	case RouteCallMenu:
		return numbers.CallMenu{ID: r.MenuID}
	case RouteVoicemail, RouteVoicemailNoInstructions:
		return numbers.Voicemail{Box: r.VoicemailBox}
	case RouteExtension:
		c := r.ExtenContext
		if c == DefaultExtenContext {
			c = ""
		}
		return numbers.Extension{Ext: r.Extension, Context: c}
	}
	return nil
}

func description(r numbers.Registration) string {
	if r.Description != "" {
		return r.Description
	}
	return "DID " + r.Number.Digits()
}

// Register adds r's number and routes it (goAddDID, the list to find its
// did_id, goEditDID). A number already registered is numbers.ErrConflict.
// When the add ran but the route did not, the error is the *RegisterError
// (numbers.ErrProvider, or ErrOutcomeUnknown when an answer was lost): the
// number is registered with the table's default route; Update fixes it.
//
// Wire actions: goAddDID, goGetAllDID, goEditDID.
func (a *NumbersAdapter) Register(ctx context.Context, r numbers.Registration) error {
	pat, err := a.pattern("register", r.Number)
	if err != nil {
		return err
	}
	route, err := routeOf("register", r.Target)
	if err != nil {
		return err
	}
	_, err = a.c.DIDs.Register(ctx, &DIDRegisterParams{Pattern: pat, Description: description(r), UserGroup: a.cfg.UserGroup, Route: route})
	return a.wrap("register", r.Number, err)
}

// find returns the did_id of pattern (0 when not registered).
func (a *NumbersAdapter) find(ctx context.Context, op string, n numbers.Number, pat string) (int64, error) {
	dids, err := a.c.DIDs.List(ctx, &DIDListParams{Limit: RegisterFindLimit})
	if err != nil {
		return 0, a.wrap(op, n, err)
	}
	for _, d := range dids {
		if d.Pattern == pat {
			return d.ID, nil
		}
	}
	return 0, nil
}

func notRegistered(op string, n numbers.Number) error {
	return numbers.Wrap(numbersProvider, op, n, numbers.ErrNotFound, errors.New("goautodial: no DID with this pattern"))
}

// Update changes r's number's route and description.
//
// Wire actions: goGetAllDID, goEditDID.
func (a *NumbersAdapter) Update(ctx context.Context, r numbers.Registration) error {
	pat, err := a.pattern("update", r.Number)
	if err != nil {
		return err
	}
	route, err := routeOf("update", r.Target)
	if err != nil {
		return err
	}
	id, err := a.find(ctx, "update", r.Number, pat)
	if err != nil {
		return err
	}
	if id == 0 {
		return notRegistered("update", r.Number)
	}
	err = a.c.DIDs.Update(ctx, &DIDUpdateParams{ID: id, Description: description(r), Route: route})
	return a.wrap("update", r.Number, err)
}

// Remove deletes n's DID.
//
// Wire actions: goGetAllDID, goDeleteDID.
func (a *NumbersAdapter) Remove(ctx context.Context, n numbers.Number) error {
	pat, err := a.pattern("remove", n)
	if err != nil {
		return err
	}
	id, err := a.find(ctx, "remove", n, pat)
	if err != nil {
		return err
	}
	if id == 0 {
		return notRegistered("remove", n)
	}
	return a.wrap("remove", n, a.c.DIDs.Delete(ctx, id))
}

// ListRegistered lists the DIDs whose pattern is a telephone number, with
// their targets (goGetAllDID, then goGetDIDInfo per DID). Patterns that
// are not numbers (wildcards, "default") are left out.
//
// Wire actions: goGetAllDID, goGetDIDInfo.
func (a *NumbersAdapter) ListRegistered(ctx context.Context) ([]numbers.Registration, error) {
	dids, err := a.c.DIDs.List(ctx, &DIDListParams{Limit: RegisterFindLimit})
	if err != nil {
		return nil, a.wrap("list", numbers.Number{}, err)
	}
	out := make([]numbers.Registration, 0, len(dids))
	for _, d := range dids {
		n, err := patternNumber(d.Pattern)
		if err != nil {
			continue
		}
		info, err := a.c.DIDs.Get(ctx, d.ID)
		if errors.Is(err, ErrNotFound) {
			continue // deleted between the two reads
		}
		if err != nil {
			return nil, a.wrap("list", n, err)
		}
		out = append(out, numbers.Registration{Number: n, Target: TargetOfRoute(info.Route), Description: info.Description})
	}
	return out, nil
}

// patternNumber reads a did_pattern as a number. A 10-digit pattern is a
// North American number without its country code (the form many dialers
// store, and the one VoIP.ms and VoIP Innovations use); other digit strings
// are E.164 without the "+" (the form this adapter registers). Read the other
// way round, "3055550100" would pass for an international +30 number and
// never match the carrier's +13055550100.
func patternNumber(p string) (numbers.Number, error) {
	if len(p) == 10 && strings.Trim(p, "0123456789") == "" {
		return numbers.Parse(p)
	}
	if n, err := numbers.Parse("+" + p); err == nil {
		return n, nil
	}
	return numbers.Parse(p)
}
