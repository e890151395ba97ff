package bulk

import (
	"context"
	"errors"
	"fmt"

	"github.com/didkit/voipms"
)

// VoIPms is the Backend for a *voipms.Client.
type VoIPms struct {
	c *voipms.Client
	// order is the template of every order; DID (and Routing, when the op
	// names a route) are filled per op.
	order voipms.DIDOrderParams
}

// NewVoIPms adapts c. order is the template each order op is sent with
// (billing type, POP, dial time, routing, ...): its DID is replaced by the
// op's, its Routing by the op's Route when set.
func NewVoIPms(c *voipms.Client, order voipms.DIDOrderParams) *VoIPms {
	return &VoIPms{c: c, order: order}
}

// unknownErr marks a voipms error whose outcome is unknown as
// ErrOutcomeUnknown too (the voipms error stays in the chain).
type unknownErr struct{ err error }

func (e unknownErr) Error() string        { return e.err.Error() }
func (e unknownErr) Unwrap() error        { return e.err }
func (e unknownErr) Is(target error) bool { return target == ErrOutcomeUnknown }

func wrap(err error) error {
	if err != nil && errors.Is(err, voipms.ErrOutcomeUnknown) {
		return unknownErr{err}
	}
	return err
}

func (v *VoIPms) orderParams(op Op) (*voipms.DIDOrderParams, error) {
	p := v.order
	p.DID = op.DID
	if op.Route != "" {
		r, err := voipms.ParseRouting(op.Route)
		if err != nil {
			return nil, err
		}
		p.Routing = r
	}
	return &p, nil
}

// Validate checks op's DID and route before any I/O.
func (v *VoIPms) Validate(op Op) error {
	if n := digits(op.DID); len(n) != 10 {
		return fmt.Errorf("DID %q is not a 10-digit number", op.DID)
	}
	if op.Route != "" {
		r, err := voipms.ParseRouting(op.Route)
		if err != nil {
			return err
		}
		if err := r.Validate(); err != nil {
			return err
		}
	}
	if op.Kind == KindOrder && op.Route == "" && v.order.Routing.IsZero() {
		return errors.New("no route: set one in the op or in the order template")
	}
	return nil
}

// Do sends op once (orderDID, cancelDID or setDIDRouting).
func (v *VoIPms) Do(ctx context.Context, op Op) error {
	switch op.Kind {
	case KindOrder:
		p, err := v.orderParams(op)
		if err != nil {
			return err
		}
		_, err = v.c.DIDs.Order(ctx, p)
		return wrap(err)
	case KindCancel:
		_, err := v.c.DIDs.Cancel(ctx, &voipms.DIDCancelParams{DID: op.DID})
		return wrap(err)
	case KindRoute:
		r, err := voipms.ParseRouting(op.Route)
		if err != nil {
			return err
		}
		return wrap(v.c.DIDs.SetRouting(ctx, op.DID, r))
	}
	return fmt.Errorf("%w: unknown kind %q", ErrInvalidPlan, op.Kind)
}

// Reconcile reads the account once for orders and cancels
// (DIDs.ReconcileOrders, one getDIDsInfo call) and, when the batch holds
// route ops, once more for the DIDs' routing (getDIDsInfo).
func (v *VoIPms) Reconcile(ctx context.Context, ops []Op) ([]bool, error) {
	var dids []string
	var routes bool
	for _, op := range ops {
		if op.Kind == KindRoute {
			routes = true
			continue
		}
		dids = append(dids, op.DID)
	}
	st, err := v.c.DIDs.ReconcileOrders(ctx, dids...)
	if err != nil {
		return nil, err
	}
	var routing map[string]string
	if routes {
		list, err := v.c.DIDs.List(ctx, nil)
		if err != nil {
			return nil, err
		}
		routing = make(map[string]string, len(list))
		for _, d := range list {
			routing[digits(d.DID)] = d.Routing.String()
		}
	}
	out := make([]bool, len(ops))
	for i, op := range ops {
		switch op.Kind {
		case KindOrder:
			out[i] = st[op.DID] == voipms.OrderOwned
		case KindCancel:
			out[i] = st[op.DID] == voipms.OrderNotOwned
		case KindRoute:
			want, err := voipms.ParseRouting(op.Route)
			if err != nil {
				return nil, err
			}
			got, ok := routing[digits(op.DID)]
			out[i] = ok && got == want.String()
		}
	}
	return out, nil
}

// RateCenterPlan plans an order of n numbers of one US rate center
// (ratecenter empty: any of the state), with spares more numbers kept in
// reserve to replace refused ones; Plan.Want is n. It lists the stock once
// (getDIDsUSA). Run the plan with a journal and, on a restart, take the plan
// from the journal (JournalPlan) rather than searching again.
//
// VoIP.ms API method: getDIDsUSA.
func (v *VoIPms) RateCenterPlan(ctx context.Context, state, ratecenter string, n, spares int, route string) (Plan, error) {
	if n < 1 || spares < 0 {
		return Plan{}, fmt.Errorf("%w: count must be at least 1 and spares not negative", ErrInvalidPlan)
	}
	p := &voipms.DIDListAvailableUSAParams{State: state}
	if ratecenter != "" {
		p.RateCenter = &ratecenter
	}
	avail, err := v.c.DIDs.ListAvailableUSA(ctx, p)
	if err != nil {
		return Plan{}, err
	}
	if len(avail) < n {
		return Plan{}, fmt.Errorf("%w: %d numbers wanted, %d in stock", ErrInvalidPlan, n, len(avail))
	}
	plan := Plan{Want: n}
	for i, a := range avail {
		if i >= n+spares {
			break
		}
		plan.Ops = append(plan.Ops, Op{Kind: KindOrder, DID: a.DID, Route: route})
	}
	return plan, nil
}

func digits(s string) string {
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
