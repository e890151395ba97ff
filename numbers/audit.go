package numbers

import (
	"context"
	"sort"
)

// MismatchKind is one of the four ways a carrier and a dialer disagree.
type MismatchKind string

// The mismatch kinds.
const (
	// OwnedNotRegistered: the carrier account owns the number, the dialer
	// does not know it (calls arrive and go nowhere; money is spent).
	OwnedNotRegistered MismatchKind = "owned_not_registered"
	// RegisteredNotOwned: the dialer has the number, the carrier account
	// does not own it (released at the carrier, still in the dialer).
	RegisteredNotOwned MismatchKind = "registered_not_owned"
	// CarrierRouteMissing: the carrier routes the number to a target that
	// does not exist on the carrier (a deleted sub-account, SIP URI, ...).
	CarrierRouteMissing MismatchKind = "carrier_route_missing"
	// DialerTargetMissing: the dialer sends the number to a target it does
	// not have (a deleted in-group, call menu, ...).
	DialerTargetMissing MismatchKind = "dialer_target_missing"
)

// MismatchKinds lists the kinds in report order.
var MismatchKinds = []MismatchKind{OwnedNotRegistered, RegisteredNotOwned, CarrierRouteMissing, DialerTargetMissing}

// Mismatch is one disagreement.
type Mismatch struct {
	Kind   MismatchKind
	Number Number
	// Target is the route that leads nowhere (CarrierRouteMissing,
	// DialerTargetMissing); nil for the other kinds.
	Target Target
}

// Report is Audit's result.
type Report struct {
	Owned      []Owned        // the carrier's numbers, as read
	Registered []Registration // the dialer's numbers, as read
	// Mismatches, sorted by number then kind (in MismatchKinds order).
	Mismatches []Mismatch
	// Unchecked are the kinds Audit could not check, with why (a
	// provider that cannot tell whether a target exists).
	Unchecked map[MismatchKind]string
}

// Of returns the mismatches of one kind.
func (r Report) Of(k MismatchKind) []Mismatch {
	var out []Mismatch
	for _, m := range r.Mismatches {
		if m.Kind == k {
			out = append(out, m)
		}
	}
	return out
}

// Clean reports whether every kind was checked and nothing disagrees.
func (r Report) Clean() bool { return len(r.Mismatches) == 0 && len(r.Unchecked) == 0 }

// Audit compares the carrier's numbers with the dialer's: owned but not
// registered, registered but not owned, routed at the carrier to a target
// that does not exist there, registered with a target the dialer does not
// have. The last two need the provider to be a TargetChecker; a provider
// that is not leaves its kind in Report.Unchecked. Audit only reads. A read
// that fails fails the audit (no partial report is guessed).
func Audit(ctx context.Context, carrier Inventory, dialer RegistryLister) (Report, error) {
	var rep Report
	owned, err := carrier.ListOwned(ctx)
	if err != nil {
		return Report{}, err
	}
	regs, err := dialer.ListRegistered(ctx)
	if err != nil {
		return Report{}, err
	}
	rep.Owned, rep.Registered = owned, regs
	isOwned := map[Number]bool{}
	for _, o := range owned {
		isOwned[o.Number] = true
	}
	isReg := map[Number]bool{}
	for _, r := range regs {
		isReg[r.Number] = true
	}
	for _, o := range owned {
		if !isReg[o.Number] {
			rep.Mismatches = append(rep.Mismatches, Mismatch{Kind: OwnedNotRegistered, Number: o.Number})
		}
	}
	for _, r := range regs {
		if !isOwned[r.Number] {
			rep.Mismatches = append(rep.Mismatches, Mismatch{Kind: RegisteredNotOwned, Number: r.Number})
		}
	}
	unchecked := func(k MismatchKind, why string) {
		if rep.Unchecked == nil {
			rep.Unchecked = map[MismatchKind]string{}
		}
		rep.Unchecked[k] = why
	}
	check := func(p any, kind MismatchKind, who string, items []Mismatch) error {
		tc, ok := p.(TargetChecker)
		if !ok {
			unchecked(kind, "the "+who+" cannot tell whether a target exists")
			return nil
		}
		known := map[Target]bool{}
		for _, m := range items {
			exists, seen := known[m.Target]
			if !seen {
				var err error
				if exists, err = tc.TargetExists(ctx, m.Target); err != nil {
					return err
				}
				known[m.Target] = exists
			}
			if !exists {
				rep.Mismatches = append(rep.Mismatches, m)
			}
		}
		return nil
	}
	var routes, targets []Mismatch
	for _, o := range owned {
		if o.Route != nil {
			routes = append(routes, Mismatch{Kind: CarrierRouteMissing, Number: o.Number, Target: o.Route})
		}
	}
	for _, r := range regs {
		if r.Target != nil {
			targets = append(targets, Mismatch{Kind: DialerTargetMissing, Number: r.Number, Target: r.Target})
		}
	}
	if err := check(carrier, CarrierRouteMissing, "carrier", routes); err != nil {
		return Report{}, err
	}
	if err := check(dialer, DialerTargetMissing, "dialer", targets); err != nil {
		return Report{}, err
	}
	order := map[MismatchKind]int{}
	for i, k := range MismatchKinds {
		order[k] = i
	}
	sort.SliceStable(rep.Mismatches, func(i, j int) bool {
		a, b := rep.Mismatches[i], rep.Mismatches[j]
		if a.Number != b.Number {
			return a.Number.String() < b.Number.String()
		}
		return order[a.Kind] < order[b.Kind]
	})
	return rep, nil
}
