package vicidial

import (
	"context"
	"errors"

	"github.com/didkit/voipms/numbers"
)

// NumbersConfig are the settings of the numbers adapter.
type NumbersConfig struct {
	// Format is the did_pattern form of registered numbers:
	// numbers.FormatDigits ("13055550100", the default: did_log_export
	// only matches digits) or numbers.FormatE164 ("+13055550100", sent as
	// %2B) or numbers.FormatNANP ("3055550100", North American numbers
	// only).
	Format numbers.Format
}

// NumbersAdapter is the VICIdial / Dialer360 implementation of
// numbers.Registry and numbers.TargetSupporter (the non-agent API has no
// function to list DIDs, so it is not a numbers.RegistryLister). Safe for
// concurrent use.
type NumbersAdapter struct {
	c   *Client
	cfg NumbersConfig
}

// Numbers returns c as a provider-neutral dialer registry (add_did,
// update_did, update_did delete_did=Y; builds 210209, 180331, 201113 or
// newer, an error matching numbers.ErrUnsupported on older ones before
// anything is written). Targets: InGroup, CallMenu, Phone, Voicemail,
// Extension; anything else (Agent: add_did has no user field; carrier
// targets) is refused before I/O.
func Numbers(c *Client, cfg ...NumbersConfig) *NumbersAdapter {
	a := &NumbersAdapter{c: c}
	if len(cfg) > 0 {
		a.cfg = cfg[0]
	}
	if a.cfg.Format == 0 {
		a.cfg.Format = numbers.FormatDigits
	}
	return a
}

const numbersProvider = "vicidial"

var (
	_ numbers.Registry        = (*NumbersAdapter)(nil)
	_ numbers.TargetSupporter = (*NumbersAdapter)(nil)
)

func numbersCategory(err error) error {
	var ue *UnsupportedError
	switch {
	case errors.Is(err, ErrOutcomeUnknown):
		return numbers.ErrOutcomeUnknown
	case errors.Is(err, ErrInvalidParameter):
		return numbers.ErrInvalid
	case errors.Is(err, ErrNotFound):
		return numbers.ErrNotFound
	case errors.Is(err, ErrConflict):
		return numbers.ErrConflict
	case errors.As(err, &ue), errors.Is(err, ErrUnsupported):
		return numbers.ErrUnsupported
	case errors.Is(err, ErrAuth), errors.Is(err, ErrLockedOut), errors.Is(err, ErrIPBlocked), errors.Is(err, ErrPermission):
		return numbers.ErrAuth
	case errors.Is(err, ErrUnavailable), errors.Is(err, ErrTransport):
		return numbers.ErrUnavailable
	}
	return numbers.ErrProvider
}

func (a *NumbersAdapter) wrap(op string, n numbers.Number, err error) error {
	return numbers.Wrap(numbersProvider, op, n, numbersCategory(err), err)
}

// Pattern returns n's did_pattern in the adapter's Format.
func (a *NumbersAdapter) Pattern(n numbers.Number) (string, bool) { return n.Format(a.cfg.Format) }

func (a *NumbersAdapter) pattern(op string, n numbers.Number) (string, error) {
	if n.IsZero() {
		return "", numbers.Invalid(numbersProvider, op, "number", "is required")
	}
	s, ok := n.Format(a.cfg.Format)
	if !ok {
		return "", numbers.Invalid(numbersProvider, op, "number", "has no form in the adapter's Format")
	}
	return s, nil
}

// SupportsTarget reports whether a DID can be sent to t.
func (a *NumbersAdapter) SupportsTarget(t numbers.Target) bool {
	var p DIDParams
	return routeTo("register", t, &p) == nil
}

func routeTo(op string, t numbers.Target, p *DIDParams) error {
	switch t := t.(type) {
	case numbers.InGroup:
		p.DIDRoute, p.Group = RouteInGroup, t.ID
	case numbers.CallMenu:
		p.DIDRoute, p.MenuID = RouteCallMenu, t.ID
	case numbers.Phone:
		p.DIDRoute, p.PhoneExtension, p.ServerIP = RoutePhone, t.Extension, t.ServerIP
	case numbers.Voicemail:
		p.DIDRoute, p.VoicemailExt = RouteVoicemail, t.Box
	case numbers.Extension:
		p.DIDRoute, p.Extension, p.ExtenContext = RouteExten, t.Ext, t.Context
	case nil:
		return numbers.Invalid(numbersProvider, op, "target", "is required")
	default:
		return numbers.Unsupported(numbersProvider, op, t, "VICIdial sends DIDs to in-groups, call menus, phones, voicemail and extensions")
	}
	return nil
}

// TargetOf is the neutral target of a DID's route and its fields (nil for
// a route without one).
func TargetOf(route DIDRoute, group, menuID, phoneExt, serverIP, voicemail, exten, context string) numbers.Target {
	switch route {
	case RouteInGroup:
		return numbers.InGroup{ID: group}
	case RouteCallMenu:
		return numbers.CallMenu{ID: menuID}
	case RoutePhone:
		return numbers.Phone{Extension: phoneExt, ServerIP: serverIP}
	case RouteVoicemail, RouteVMailNoInst:
		return numbers.Voicemail{Box: voicemail}
	case RouteExten:
		return numbers.Extension{Ext: exten, Context: context}
	}
	return nil
}

func (a *NumbersAdapter) params(op, fn string, r numbers.Registration) (*DIDParams, error) {
	pat, err := a.pattern(op, r.Number)
	if err != nil {
		return nil, err
	}
	p := &DIDParams{DIDPattern: pat, DIDDescription: r.Description}
	if p.DIDDescription == "" {
		p.DIDDescription = "DID " + r.Number.String()
	}
	if err := routeTo(op, r.Target, p); err != nil {
		return nil, err
	}
	if err := p.check(fn); err != nil {
		return nil, numbers.Wrap(numbersProvider, op, r.Number, numbers.ErrInvalid, err)
	}
	return p, nil
}

// Register adds r's number (add_did). One already there is
// numbers.ErrConflict.
//
// Wire function: add_did.
func (a *NumbersAdapter) Register(ctx context.Context, r numbers.Registration) error {
	p, err := a.params("register", "add_did", r)
	if err != nil {
		return err
	}
	if _, err := a.c.DIDs.Add(ctx, p); err != nil {
		return a.wrap("register", r.Number, err)
	}
	return nil
}

// Update changes r's number's route and description (update_did). An
// unknown number is numbers.ErrNotFound.
//
// Wire function: update_did.
func (a *NumbersAdapter) Update(ctx context.Context, r numbers.Registration) error {
	p, err := a.params("update", "update_did", r)
	if err != nil {
		return err
	}
	if _, err := a.c.DIDs.Update(ctx, p); err != nil {
		return a.wrap("update", r.Number, err)
	}
	return nil
}

// Remove deletes n's DID (update_did delete_did=Y). An unknown number is
// numbers.ErrNotFound.
//
// Wire function: update_did (delete_did=Y).
func (a *NumbersAdapter) Remove(ctx context.Context, n numbers.Number) error {
	pat, err := a.pattern("remove", n)
	if err != nil {
		return err
	}
	if _, err := a.c.DIDs.Delete(ctx, pat); err != nil {
		return a.wrap("remove", n, err)
	}
	return nil
}
