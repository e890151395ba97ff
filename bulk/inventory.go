package bulk

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/didkit/voipms/numbers"
)

// InventoryBackend is the Backend for any carrier of the provider-neutral
// model: order and cancel through a numbers.Inventory (Order, Release), re-route
// through a numbers.Router, reconcile with one ListOwned call (plus Get for the
// routes of re-route ops). An op's DID is parsed with numbers.Parse; its Route
// is parsed with ParseTarget ("sub_account:100001_VoIP", "sip_uri:...", ...).
type InventoryBackend struct {
	inv    numbers.Inventory
	router numbers.Router // nil when inv cannot route
}

// Inventory adapts inv. When inv also implements numbers.Router, route ops
// are supported; otherwise they are refused before any I/O.
func Inventory(inv numbers.Inventory) *InventoryBackend {
	b := &InventoryBackend{inv: inv}
	b.router, _ = inv.(numbers.Router)
	return b
}

func (b *InventoryBackend) parse(op Op) (numbers.Number, numbers.Target, error) {
	n, err := numbers.Parse(op.DID)
	if err != nil {
		return numbers.Number{}, nil, err
	}
	if op.Route == "" {
		return n, nil, nil
	}
	t, err := ParseTarget(op.Route)
	return n, t, err
}

// Validate checks op's number and route before any I/O.
func (b *InventoryBackend) Validate(op Op) error {
	_, _, err := b.parse(op)
	if err == nil && op.Kind == KindRoute && b.router == nil {
		err = errors.New("the provider cannot route numbers")
	}
	return err
}

func unknownOf(err error) error {
	if err != nil && errors.Is(err, numbers.ErrOutcomeUnknown) {
		return unknownErr{err}
	}
	return err
}

// Do sends op once.
func (b *InventoryBackend) Do(ctx context.Context, op Op) error {
	n, t, err := b.parse(op)
	if err != nil {
		return err
	}
	switch op.Kind {
	case KindOrder:
		_, err = b.inv.Order(ctx, n, t)
	case KindCancel:
		err = b.inv.Release(ctx, n)
	case KindRoute:
		if b.router == nil {
			return errors.New("bulk: the provider cannot route numbers")
		}
		err = b.router.Route(ctx, n, t)
	default:
		return fmt.Errorf("%w: unknown kind %q", ErrInvalidPlan, op.Kind)
	}
	return unknownOf(err)
}

// Reconcile reads the owned numbers once (ListOwned).
func (b *InventoryBackend) Reconcile(ctx context.Context, ops []Op) ([]bool, error) {
	owned, err := b.inv.ListOwned(ctx)
	if err != nil {
		return nil, err
	}
	byNumber := make(map[numbers.Number]numbers.Owned, len(owned))
	for _, o := range owned {
		byNumber[o.Number] = o
	}
	out := make([]bool, len(ops))
	for i, op := range ops {
		n, t, err := b.parse(op)
		if err != nil {
			return nil, err
		}
		o, has := byNumber[n]
		switch op.Kind {
		case KindOrder:
			out[i] = has
		case KindCancel:
			out[i] = !has
		case KindRoute:
			out[i] = has && o.Route != nil && t != nil && o.Route.String() == t.String()
		}
	}
	return out, nil
}

// ParseTarget reads a carrier-level numbers.Target in its String form:
// "sub_account:ID", "sip_uri:ID", "forwarding:ID", "endpoint_group:N",
// "voicemail:BOX". Dialer-level targets are not routes a carrier takes.
func ParseTarget(s string) (numbers.Target, error) {
	kind, id, ok := strings.Cut(s, ":")
	if !ok || id == "" {
		return nil, fmt.Errorf("target %q: want kind:id", s)
	}
	switch numbers.TargetKind(kind) {
	case numbers.KindSubAccount:
		return numbers.SubAccount{ID: id}, nil
	case numbers.KindSIPURI:
		return numbers.SIPURI{ID: id}, nil
	case numbers.KindForwarding:
		return numbers.Forwarding{ID: id}, nil
	case numbers.KindVoicemail:
		return numbers.Voicemail{Box: id}, nil
	case numbers.KindEndpointGroup:
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("target %q: endpoint group id is not a number", s)
		}
		return numbers.EndpointGroup{ID: n}, nil
	}
	return nil, fmt.Errorf("target %q: unknown or non-carrier kind %q", s, kind)
}
