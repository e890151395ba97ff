package numbers

import (
	"context"
	"errors"
	"fmt"
)

// Plan is what Provision sets up for one number.
type Plan struct {
	// Number is the number to buy (from Inventory.Search).
	Number Number
	// Trunk is where the carrier sends the number's calls: the dialer's
	// trunk (a SubAccount at VoIP.ms, an EndpointGroup at VoIP
	// Innovations).
	Trunk Target
	// Target is where the dialer sends them (an InGroup, a CallMenu, ...).
	Target Target
	// Description is the dialer's description of the number (empty: the
	// adapter's default).
	Description string
}

// State is what Provision knows about one fact after it returns.
type State string

// The states.
const (
	Yes     State = "yes"
	No      State = "no"
	Unknown State = "unknown" // a write's outcome is unknown, or a read failed
)

// StepName names a step of Provision.
type StepName string

// The steps, in order.
const (
	StepOrder    StepName = "order"    // buy at the carrier (routed to the trunk)
	StepRoute    StepName = "route"    // point the carrier's route at the trunk
	StepRegister StepName = "register" // register at the dialer with the target
)

// StepStatus is how a step ended.
type StepStatus string

// The step statuses.
const (
	StepDone    StepStatus = "done"    // this call did it
	StepAlready StepStatus = "already" // it was already so; nothing was written
	StepFailed  StepStatus = "failed"  // it did not happen
	StepUnknown StepStatus = "unknown" // it may have happened; re-run Provision to find out and finish
	StepNotRun  StepStatus = "not_run" // an earlier step stopped the run
)

// Step is one step of a Provision run.
type Step struct {
	Name   StepName
	Status StepStatus
	Err    error // the step's error (nil when Done or Already)
}

// Result says exactly what exists where after Provision, also after a
// failure.
type Result struct {
	Number Number
	// Owned: the carrier has the number on the account.
	Owned State
	// Routed: the carrier routes it to Plan.Trunk.
	Routed State
	// Registered: the dialer has it, sending calls to Plan.Target.
	Registered State
	// Purchased: this call bought the number (false on a re-run that
	// found it owned).
	Purchased bool
	// Steps are the three steps in order.
	Steps []Step
}

// Complete reports whether the number is owned, routed and registered.
func (r Result) Complete() bool { return r.Owned == Yes && r.Routed == Yes && r.Registered == Yes }

func (r Result) has(n StepName) bool {
	for _, s := range r.Steps {
		if s.Name == n {
			return true
		}
	}
	return false
}

// Step returns the step named n.
func (r Result) Step(n StepName) Step {
	for _, s := range r.Steps {
		if s.Name == n {
			return s
		}
	}
	return Step{Name: n, Status: StepNotRun}
}

func (r Result) String() string {
	s := fmt.Sprintf("%s: owned=%s routed=%s registered=%s purchased=%v", r.Number, r.Owned, r.Routed, r.Registered, r.Purchased)
	for _, st := range r.Steps {
		s += fmt.Sprintf(" %s:%s", st.Name, st.Status)
	}
	return s
}

// PlanError is a Plan refused before any I/O. It matches ErrInvalid, or
// ErrUnsupported when a provider cannot express a target.
type PlanError struct {
	Field  string
	Reason string
	Err    error // the adapter's refusal, when there is one
}

func (e *PlanError) Error() string {
	s := "numbers: provision plan: " + e.Field + " " + e.Reason
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Is matches ErrInvalid, or ErrUnsupported for an unsupported target.
func (e *PlanError) Is(target error) bool {
	if errors.Is(e.Err, ErrUnsupported) {
		return target == ErrUnsupported
	}
	return target == ErrInvalid
}

func (p Plan) check(carrier Inventory, dialer Registry) error {
	switch {
	case p.Number.IsZero():
		return &PlanError{Field: "Number", Reason: "is required"}
	case p.Trunk == nil:
		return &PlanError{Field: "Trunk", Reason: "is required"}
	case p.Target == nil:
		return &PlanError{Field: "Target", Reason: "is required"}
	case !p.Trunk.Kind().Carrier():
		return &PlanError{Field: "Trunk", Reason: "must be a carrier-level target, not " + p.Trunk.String()}
	case !p.Target.Kind().Dialer():
		return &PlanError{Field: "Target", Reason: "must be a dialer-level target, not " + p.Target.String()}
	}
	if s, ok := carrier.(TargetSupporter); ok && !s.SupportsTarget(p.Trunk) {
		return &PlanError{Field: "Trunk", Reason: "is not supported by the carrier", Err: &UnsupportedError{Provider: "carrier", Op: "route", Target: p.Trunk}}
	}
	if s, ok := dialer.(TargetSupporter); ok && !s.SupportsTarget(p.Target) {
		return &PlanError{Field: "Target", Reason: "is not supported by the dialer", Err: &UnsupportedError{Provider: "dialer", Op: "register", Target: p.Target}}
	}
	return nil
}

// Provision buys plan.Number at the carrier routed to plan.Trunk, makes
// sure the carrier routes it there, and registers it at the dialer with
// plan.Target. It is idempotent: each step reads first and writes only what
// is missing, so calling it again with the same plan after any failure
// finishes the job and never buys the number twice (a number the carrier
// already has is not ordered again; an order whose outcome was unknown is
// settled by reading).
//
// The Result says what exists where when it returns, also after a
// failure; the error is the failing step's (errors.Is works on it: a write
// whose outcome is still unknown matches ErrOutcomeUnknown). A Plan the
// providers cannot carry out is refused before any I/O (*PlanError).
//
// Writes are never retried by Provision within one call; the provider
// clients retry reads.
func Provision(ctx context.Context, carrier Inventory, dialer Registry, plan Plan) (Result, error) {
	res := Result{Number: plan.Number, Owned: Unknown, Routed: Unknown, Registered: Unknown}
	if err := plan.check(carrier, dialer); err != nil {
		return res, err
	}
	step := func(name StepName, st StepStatus, err error) {
		res.Steps = append(res.Steps, Step{Name: name, Status: st, Err: err})
	}
	lister, canList := dialer.(RegistryLister)
	find := func() (Registration, bool, error) {
		list, err := lister.ListRegistered(ctx)
		if err != nil {
			return Registration{}, false, err
		}
		for _, r := range list {
			if r.Number == plan.Number {
				return r, true, nil
			}
		}
		return Registration{}, false, nil
	}
	// stop reports the steps that did not run and, when the dialer can
	// list and the run stopped before registering, what the dialer has.
	stop := func(err error) (Result, error) {
		for _, n := range []StepName{StepOrder, StepRoute, StepRegister} {
			if !res.has(n) {
				step(n, StepNotRun, nil)
				if n == StepRegister && canList {
					if cur, found, lerr := find(); lerr == nil {
						res.Registered = No
						if found && SameTarget(cur.Target, plan.Target) {
							res.Registered = Yes
						}
					}
				}
			}
		}
		return res, err
	}

	// 1. Own it.
	owned, err := carrier.Get(ctx, plan.Number)
	switch {
	case err == nil:
		res.Owned = Yes
		step(StepOrder, StepAlready, nil)
	case errors.Is(err, ErrNotFound):
		res.Owned = No
		o, oerr := carrier.Order(ctx, plan.Number, plan.Trunk)
		switch {
		case oerr == nil:
			res.Owned, res.Purchased, owned = Yes, true, o
			step(StepOrder, StepDone, nil)
		case errors.Is(oerr, ErrOutcomeUnknown) || errors.Is(oerr, ErrConflict):
			// Settle it: did the order go through (or does someone
			// already hold it for us)?
			o, gerr := carrier.Get(ctx, plan.Number)
			switch {
			case gerr == nil:
				res.Owned, owned = Yes, o
				res.Purchased = errors.Is(oerr, ErrOutcomeUnknown)
				step(StepOrder, StepDone, nil)
			case errors.Is(gerr, ErrNotFound):
				res.Owned = No
				step(StepOrder, StepFailed, oerr)
				return stop(oerr)
			default:
				res.Owned = Unknown
				step(StepOrder, StepUnknown, oerr)
				return stop(oerr)
			}
		default:
			step(StepOrder, StepFailed, oerr)
			return stop(oerr)
		}
	default:
		step(StepOrder, StepUnknown, err)
		return stop(err)
	}

	// 2. Route it to the trunk.
	if SameTarget(owned.Route, plan.Trunk) {
		res.Routed = Yes
		if res.Purchased {
			step(StepRoute, StepDone, nil)
		} else {
			step(StepRoute, StepAlready, nil)
		}
	} else {
		res.Routed = No
		r, ok := carrier.(Router)
		if !ok {
			err := &UnsupportedError{Provider: "carrier", Op: "route", Reason: "the number is routed elsewhere and the carrier cannot re-route"}
			step(StepRoute, StepFailed, err)
			return stop(err)
		}
		if rerr := r.Route(ctx, plan.Number, plan.Trunk); rerr != nil {
			if !errors.Is(rerr, ErrOutcomeUnknown) {
				step(StepRoute, StepFailed, rerr)
				return stop(rerr)
			}
			o, gerr := carrier.Get(ctx, plan.Number)
			if gerr != nil {
				res.Routed = Unknown
				step(StepRoute, StepUnknown, rerr)
				return stop(rerr)
			}
			if !SameTarget(o.Route, plan.Trunk) {
				step(StepRoute, StepFailed, rerr)
				return stop(rerr)
			}
		}
		res.Routed = Yes
		step(StepRoute, StepDone, nil)
	}

	// 3. Register it at the dialer.
	reg := Registration{Number: plan.Number, Target: plan.Target, Description: plan.Description}
	write := dialer.Register
	if canList {
		cur, found, lerr := find()
		if lerr != nil {
			step(StepRegister, StepUnknown, lerr)
			return stop(lerr)
		}
		if found && SameTarget(cur.Target, plan.Target) {
			res.Registered = Yes
			step(StepRegister, StepAlready, nil)
			return res, nil
		}
		if found {
			write = dialer.Update
		}
	}
	res.Registered = No
	werr := write(ctx, reg)
	if errors.Is(werr, ErrConflict) && !canList {
		// Registered already (an earlier run whose answer was lost):
		// make its target ours.
		werr = dialer.Update(ctx, reg)
	}
	if werr != nil {
		if !errors.Is(werr, ErrOutcomeUnknown) {
			step(StepRegister, StepFailed, werr)
			return stop(werr)
		}
		if !canList {
			res.Registered = Unknown
			step(StepRegister, StepUnknown, werr)
			return stop(werr)
		}
		cur, found, lerr := find()
		switch {
		case lerr != nil:
			res.Registered = Unknown
			step(StepRegister, StepUnknown, werr)
			return stop(werr)
		case !found || !SameTarget(cur.Target, plan.Target):
			step(StepRegister, StepFailed, werr)
			return stop(werr)
		}
	}
	res.Registered = Yes
	step(StepRegister, StepDone, nil)
	return res, nil
}
