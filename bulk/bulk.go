// Package bulk runs a plan of many number operations — order these numbers,
// N numbers of a rate center, cancel these, re-route these — with bounded
// concurrency, a shared rate limit, a progress callback and a journal that
// makes the run safe to kill and restart.
//
// # The journal
//
// Each operation is recorded (and fsynced) before it is sent and again once
// its outcome is known. A run started again with the same journal first
// reconciles every operation whose outcome is unknown — sent, and then the
// process died, or the answer was lost (an error matching
// ErrOutcomeUnknown) — with one read of the account, then skips the
// finished ones and sends only what is left. So a bulk order killed at any
// point and rerun buys exactly the planned numbers, none twice. With
// Plan.Want set, orders that may have gone through (in flight or unknown)
// count against the cap: it is never exceeded, even when refused numbers
// are replaced by spares.
//
// # Rate limits
//
// Every request (operations and reconciliation reads) first waits on a
// Limiter. The default is a golang.org/x/time/rate token bucket of
// Options.Rate per second. Replicas sharing one account share one budget by
// passing the same Limiter: any type with Wait(ctx) error fits, for example
// a Redis-backed limiter (a GCRA or sliding-window script such as
// go-redis/redis_rate's Allow, with Wait sleeping for the RetryAfter it
// returns and trying again until ctx ends). The module itself depends on no
// Redis client.
//
// # Providers
//
// A Runner drives a Backend: Do one operation, Reconcile a batch. VoIPms
// adapts a *voipms.Client directly.
package bulk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Kind is what an operation does.
type Kind string

const (
	KindOrder  Kind = "order"  // buy DID (routed to Route when set)
	KindCancel Kind = "cancel" // give DID back
	KindRoute  Kind = "route"  // point DID at Route
)

// Op is one operation of a plan.
type Op struct {
	Kind  Kind   `json:"kind"`
	DID   string `json:"did"`
	Route string `json:"route,omitempty"` // provider routing text, e.g. "account:100001_VoIP"
}

func (o Op) key() string { return string(o.Kind) + ":" + o.DID }

// Plan is the work of one run.
type Plan struct {
	Ops []Op `json:"ops"`
	// Want, when positive, is how many of the plan's orders must succeed:
	// the orders after the first Want are spares, sent only to replace
	// refused ones, and orders that may have gone through never exceed
	// Want. Zero means every order op is sent.
	Want int `json:"want,omitempty"`
}

func (p Plan) digest() string {
	b, _ := json.Marshal(p)
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:8])
}

// Outcome is how an operation ended.
type Outcome string

const (
	OutcomeOK      Outcome = "ok"       // took effect
	OutcomeFailed  Outcome = "failed"   // refused by the provider; not retried
	OutcomeUnknown Outcome = "unknown"  // may or may not have taken effect
	OutcomeNotDone Outcome = "not_done" // reconciled: did not take effect; will be sent again
	OutcomeSkipped Outcome = "skipped"  // a spare not needed (Plan.Want reached); not journaled
	OutcomePending Outcome = "pending"  // not sent yet (the run stopped early); not journaled
)

var (
	// ErrOutcomeUnknown is matched by a Backend error that leaves an
	// operation's effect unknown, and by Run's error when some outcomes are
	// still unknown at the end.
	ErrOutcomeUnknown = errors.New("bulk: outcome unknown")
	// ErrInvalidPlan is matched by plan validation errors (before any I/O).
	ErrInvalidPlan = errors.New("bulk: invalid plan")
	// ErrJournal is matched by journal failures; nothing is sent after one.
	ErrJournal = errors.New("bulk: journal")
)

// Backend performs operations on one provider account.
type Backend interface {
	// Do sends op once. An error for which errors.Is(err,
	// ErrOutcomeUnknown) holds means it may have taken effect; any other
	// error means it did not.
	Do(ctx context.Context, op Op) error
	// Reconcile reports, for each op, whether it has taken effect on the
	// account (order: the DID is owned; cancel: it is not; route: it is
	// routed to op.Route). One call for the whole batch.
	Reconcile(ctx context.Context, ops []Op) ([]bool, error)
}

// Validator is an optional Backend method: Run checks every op with it
// before any I/O.
type Validator interface {
	Validate(op Op) error
}

// Limiter paces requests. *rate.Limiter satisfies it.
type Limiter interface {
	Wait(ctx context.Context) error
}

// Progress is the state of a run, passed to Options.Progress after each
// outcome.
type Progress struct {
	Total     int // operations that will run (Plan.Want when set, else all)
	Done      int // finished: OK + Failed
	OK        int
	Failed    int
	Unknown   int    // currently unknown (awaiting reconciliation)
	Last      Result // the outcome that triggered this call
	Resumed   int    // operations found finished in the journal
	Reconcile bool   // Last came from reconciliation
}

// Result is one operation's final state in a Report.
type Result struct {
	Op      Op
	Outcome Outcome
	Err     string // the provider's refusal, when Failed or Unknown
}

// Report is what a run achieved.
type Report struct {
	Results []Result // in plan order
	OK      int
	Failed  int
	Unknown int
	Skipped int
	Pending int
}

// Options configure a Runner.
type Options struct {
	// Concurrency is how many operations run at once (default 4).
	Concurrency int
	// Limiter paces every request; nil means a token bucket of Rate per
	// second (burst 1).
	Limiter Limiter
	// Rate is the default limiter's rate per second (default 10). Ignored
	// when Limiter is set.
	Rate float64
	// Progress, when set, is called after each outcome, from one goroutine
	// at a time.
	Progress func(Progress)
	// Rounds bounds how many reconcile-and-resend rounds one Run does for
	// outcomes that stay unknown (default 5).
	Rounds int
}

// Runner runs plans against a Backend with a Journal.
type Runner struct {
	b    Backend
	j    Journal
	opts Options
	lim  Limiter
}

// New returns a Runner. The journal must be a fresh one or one written by
// a run of the same plan.
func New(b Backend, j Journal, opts Options) (*Runner, error) {
	if b == nil || j == nil {
		return nil, fmt.Errorf("%w: backend and journal are required", ErrInvalidPlan)
	}
	if opts.Concurrency < 0 || opts.Rate < 0 || opts.Rounds < 0 {
		return nil, fmt.Errorf("%w: negative option", ErrInvalidPlan)
	}
	if opts.Concurrency == 0 {
		opts.Concurrency = 4
	}
	if opts.Rate == 0 {
		opts.Rate = 10
	}
	if opts.Rounds == 0 {
		opts.Rounds = 5
	}
	r := &Runner{b: b, j: j, opts: opts, lim: opts.Limiter}
	if r.lim == nil {
		r.lim = rate.NewLimiter(rate.Limit(opts.Rate), 1)
	}
	return r, nil
}

// JournalPlan returns the plan recorded in j, if any. A command that
// derives its plan from a search (N numbers of a rate center) resumes with
// it instead of searching again.
func JournalPlan(j Journal) (Plan, bool, error) {
	recs, err := j.Records()
	if err != nil {
		return Plan{}, false, err
	}
	for _, r := range recs {
		if r.Event == EventPlan && r.Plan != nil {
			return *r.Plan, true, nil
		}
	}
	return Plan{}, false, nil
}

// Validate checks p (and, when b implements Validator, each op) without
// any I/O.
func Validate(b Backend, p Plan) error {
	if len(p.Ops) == 0 {
		return fmt.Errorf("%w: no operations", ErrInvalidPlan)
	}
	if p.Want < 0 {
		return fmt.Errorf("%w: Want is negative", ErrInvalidPlan)
	}
	seen := map[string]bool{}
	orders := 0
	v, _ := b.(Validator)
	for i, op := range p.Ops {
		switch op.Kind {
		case KindOrder:
			orders++
		case KindCancel:
		case KindRoute:
			if op.Route == "" {
				return fmt.Errorf("%w: op %d (%s): route is required", ErrInvalidPlan, i+1, op.DID)
			}
		default:
			return fmt.Errorf("%w: op %d: unknown kind %q", ErrInvalidPlan, i+1, op.Kind)
		}
		if op.DID == "" {
			return fmt.Errorf("%w: op %d: empty DID", ErrInvalidPlan, i+1)
		}
		if seen[op.key()] {
			return fmt.Errorf("%w: op %d: %s %s is planned twice", ErrInvalidPlan, i+1, op.Kind, op.DID)
		}
		seen[op.key()] = true
		if v != nil {
			if err := v.Validate(op); err != nil {
				return fmt.Errorf("%w: op %d (%s %s): %w", ErrInvalidPlan, i+1, op.Kind, op.DID, err)
			}
		}
	}
	if p.Want > orders {
		return fmt.Errorf("%w: Want %d is more than the %d orders planned", ErrInvalidPlan, p.Want, orders)
	}
	return nil
}

// opState is one op during a run.
type opState struct {
	op      Op
	outcome Outcome // "" = pending
	err     string
}

// run is one Run call's shared state.
type run struct {
	r        *Runner
	mu       sync.Mutex
	cond     *sync.Cond
	ops      []*opState
	inflight int // orders dispatched and not yet finished
	prog     Progress
	jerr     error // first journal failure
	want     int   // Plan.Want
}

// Run executes p. With a journal of an earlier run of p it resumes: unknown
// outcomes are reconciled before anything is sent, finished operations are
// skipped. Cancelling ctx stops dispatching new operations; those in
// flight complete (their outcome is journaled) and Run returns ctx's error.
// Run returns nil when every operation finished (OK or Failed); an error
// matching ErrOutcomeUnknown when some outcomes stay unknown after
// Options.Rounds reconcile rounds; an ErrJournal error when the journal
// failed (nothing is sent after that).
func (r *Runner) Run(ctx context.Context, p Plan) (Report, error) {
	if err := Validate(r.b, p); err != nil {
		return Report{}, err
	}
	recs, err := r.j.Records()
	if err != nil {
		return Report{}, fmt.Errorf("%w: %w", ErrJournal, err)
	}
	ru := &run{r: r, want: p.Want}
	ru.cond = sync.NewCond(&ru.mu)
	idx := map[string]*opState{}
	for _, op := range p.Ops {
		s := &opState{op: op}
		ru.ops = append(ru.ops, s)
		idx[op.key()] = s
	}
	havePlan := false
	for _, rec := range recs {
		switch rec.Event {
		case EventPlan:
			if rec.Plan == nil || rec.Plan.digest() != p.digest() {
				return Report{}, fmt.Errorf("%w: the journal belongs to another plan", ErrJournal)
			}
			havePlan = true
		case EventSend, EventDone:
			if rec.Op == nil {
				continue
			}
			s := idx[rec.Op.key()]
			if s == nil {
				return Report{}, fmt.Errorf("%w: the journal names %s %s, which is not in the plan", ErrJournal, rec.Op.Kind, rec.Op.DID)
			}
			if rec.Event == EventSend {
				s.outcome, s.err = OutcomeUnknown, "sent; no outcome recorded"
			} else {
				s.outcome, s.err = rec.Outcome, rec.Error
				if s.outcome == OutcomeNotDone {
					s.outcome = ""
				}
			}
		}
	}
	if !havePlan {
		if err := r.j.Append(Record{Event: EventPlan, At: time.Now().UTC(), Plan: &p}); err != nil {
			return Report{}, fmt.Errorf("%w: %w", ErrJournal, err)
		}
	}
	ru.prog.Total = len(p.Ops)
	if p.Want > 0 {
		ru.prog.Total = len(p.Ops) - countKind(p.Ops, KindOrder) + p.Want
	}
	for _, s := range ru.ops {
		switch s.outcome {
		case OutcomeOK:
			ru.prog.OK++
			ru.prog.Resumed++
		case OutcomeFailed:
			ru.prog.Failed++
			ru.prog.Resumed++
		case OutcomeUnknown:
			ru.prog.Unknown++
		}
	}
	ru.prog.Done = ru.prog.OK + ru.prog.Failed

	var runErr error
	for round := 0; ; round++ {
		if err := ru.reconcile(ctx); err != nil {
			runErr = err
			break
		}
		if round >= r.opts.Rounds {
			break
		}
		if ctx.Err() != nil {
			runErr = ctx.Err()
			break
		}
		ru.dispatch(ctx, p.Want)
		if ru.jerr != nil {
			runErr = ru.jerr
			break
		}
		if ctx.Err() != nil {
			// Settle what the interrupted round left unknown if we can,
			// but stop.
			runErr = ctx.Err()
			break
		}
		if ru.countOutcome(OutcomeUnknown) == 0 && ru.countOutcome("") == 0 {
			break
		}
		if ru.countOutcome(OutcomeUnknown) == 0 && !ru.canSend(p.Want) {
			break
		}
	}
	rep := ru.report(p.Want)
	if runErr == nil && rep.Unknown > 0 {
		runErr = fmt.Errorf("%w: %d operations could not be reconciled", ErrOutcomeUnknown, rep.Unknown)
	}
	return rep, runErr
}

func countKind(ops []Op, k Kind) int {
	n := 0
	for _, o := range ops {
		if o.Kind == k {
			n++
		}
	}
	return n
}

func (ru *run) countOutcome(o Outcome) int {
	ru.mu.Lock()
	defer ru.mu.Unlock()
	n := 0
	for _, s := range ru.ops {
		if s.outcome == o {
			n++
		}
	}
	return n
}

// canSend reports whether a pending op could still be sent.
func (ru *run) canSend(want int) bool {
	ru.mu.Lock()
	defer ru.mu.Unlock()
	for _, s := range ru.ops {
		if s.outcome != "" {
			continue
		}
		if s.op.Kind != KindOrder || want == 0 || ru.ordersMaybe() < want {
			return true
		}
	}
	return false
}

// ordersMaybe counts orders that did or may have taken effect (caller
// holds mu).
func (ru *run) ordersMaybe() int {
	n := ru.inflight
	for _, s := range ru.ops {
		if s.op.Kind == KindOrder && (s.outcome == OutcomeOK || s.outcome == OutcomeUnknown) {
			n++
		}
	}
	return n
}

// reconcile settles every unknown outcome with one Backend.Reconcile call.
func (ru *run) reconcile(ctx context.Context) error {
	ru.mu.Lock()
	var batch []*opState
	for _, s := range ru.ops {
		if s.outcome == OutcomeUnknown {
			batch = append(batch, s)
		}
	}
	ru.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	ops := make([]Op, len(batch))
	for i, s := range batch {
		ops[i] = s.op
	}
	if err := ru.r.lim.Wait(ctx); err != nil {
		return err
	}
	took, err := ru.r.b.Reconcile(ctx, ops)
	if err != nil {
		return fmt.Errorf("bulk: reconciling %d unknown outcomes (nothing new was sent): %w", len(ops), err)
	}
	if len(took) != len(ops) {
		return fmt.Errorf("bulk: Reconcile answered %d results for %d ops", len(took), len(ops))
	}
	for i, s := range batch {
		out := OutcomeNotDone
		if took[i] {
			out = OutcomeOK
		}
		op := s.op
		if err := ru.r.j.Append(Record{Event: EventDone, At: time.Now().UTC(), Op: &op, Outcome: out, Error: "reconciled"}); err != nil {
			return fmt.Errorf("%w: %w", ErrJournal, err)
		}
		ru.mu.Lock()
		ru.prog.Unknown--
		if took[i] {
			s.outcome, s.err = OutcomeOK, ""
			ru.prog.OK++
			ru.prog.Done++
		} else {
			s.outcome, s.err = "", ""
		}
		ru.prog.Last = Result{Op: op, Outcome: out}
		ru.prog.Reconcile = true
		ru.notify()
		ru.mu.Unlock()
	}
	return nil
}

// notify calls the progress callback (caller holds mu).
func (ru *run) notify() {
	if f := ru.r.opts.Progress; f != nil {
		f(ru.prog)
	}
}

// dispatch sends every pending op once, at most Concurrency at a time,
// keeping orders that may have taken effect at or under want.
func (ru *run) dispatch(ctx context.Context, want int) {
	work := make(chan *opState)
	var wg sync.WaitGroup
	for range ru.r.opts.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				ru.send(ctx, s)
			}
		}()
	}
	ru.mu.Lock()
	pending := make([]*opState, 0, len(ru.ops))
	for _, s := range ru.ops {
		if s.outcome == "" {
			pending = append(pending, s)
		}
	}
	ru.mu.Unlock()
	for _, s := range pending {
		if ctx.Err() != nil || ru.failedJournal() {
			break
		}
		if s.op.Kind == KindOrder && want > 0 {
			ru.mu.Lock()
			for ru.ordersMaybe() >= want && ru.inflight > 0 {
				ru.cond.Wait()
			}
			full := ru.ordersMaybe() >= want
			if !full {
				ru.inflight++
			}
			ru.mu.Unlock()
			if full {
				continue // a spare not needed (yet)
			}
		}
		select {
		case work <- s:
		case <-ctx.Done():
			if s.op.Kind == KindOrder && want > 0 {
				ru.release()
			}
		}
	}
	close(work)
	wg.Wait()
}

func (ru *run) failedJournal() bool {
	ru.mu.Lock()
	defer ru.mu.Unlock()
	return ru.jerr != nil
}

// release gives back an order's in-flight slot (with want > 0).
func (ru *run) release() {
	ru.mu.Lock()
	ru.inflight--
	ru.cond.Broadcast()
	ru.mu.Unlock()
}

// send runs one op: limiter, journal "send", Do, journal "done".
func (ru *run) send(ctx context.Context, s *opState) {
	counted := s.op.Kind == KindOrder && ru.capped()
	finish := func(out Outcome, msg string) {
		ru.mu.Lock()
		defer ru.mu.Unlock()
		if counted {
			ru.inflight--
			ru.cond.Broadcast()
		}
		s.outcome, s.err = out, msg
		switch out {
		case OutcomeOK:
			ru.prog.OK++
			ru.prog.Done++
		case OutcomeFailed:
			ru.prog.Failed++
			ru.prog.Done++
		case OutcomeUnknown:
			ru.prog.Unknown++
		}
		if out != "" {
			ru.prog.Last = Result{Op: s.op, Outcome: out, Err: msg}
			ru.prog.Reconcile = false
			ru.notify()
		}
	}
	if ru.failedJournal() {
		finish("", "")
		return
	}
	if err := ru.r.lim.Wait(ctx); err != nil {
		finish("", "") // not sent; stays pending
		return
	}
	op := s.op
	if err := ru.r.j.Append(Record{Event: EventSend, At: time.Now().UTC(), Op: &op}); err != nil {
		ru.setJournalErr(err)
		finish("", "")
		return
	}
	// The op is on its way: let it finish even if ctx is cancelled, so
	// its outcome is known and journaled.
	err := ru.r.b.Do(context.WithoutCancel(ctx), op)
	out, msg := OutcomeOK, ""
	switch {
	case err == nil:
	case errors.Is(err, ErrOutcomeUnknown):
		out, msg = OutcomeUnknown, err.Error()
	default:
		out, msg = OutcomeFailed, err.Error()
	}
	if jerr := ru.r.j.Append(Record{Event: EventDone, At: time.Now().UTC(), Op: &op, Outcome: out, Error: msg}); jerr != nil {
		ru.setJournalErr(jerr)
	}
	finish(out, msg)
}

// capped reports whether orders count against a cap in this run.
func (ru *run) capped() bool { return ru.want > 0 }

func (ru *run) setJournalErr(err error) {
	ru.mu.Lock()
	defer ru.mu.Unlock()
	if ru.jerr == nil {
		ru.jerr = fmt.Errorf("%w: %w (nothing more is sent)", ErrJournal, err)
	}
}

func (ru *run) report(want int) Report {
	ru.mu.Lock()
	defer ru.mu.Unlock()
	var rep Report
	for _, s := range ru.ops {
		out := s.outcome
		if out == "" {
			out = OutcomePending
			if s.op.Kind == KindOrder && want > 0 && ru.ordersMaybe() >= want {
				out = OutcomeSkipped
			}
		}
		rep.Results = append(rep.Results, Result{Op: s.op, Outcome: out, Err: s.err})
		switch out {
		case OutcomeOK:
			rep.OK++
		case OutcomeFailed:
			rep.Failed++
		case OutcomeUnknown:
			rep.Unknown++
		case OutcomeSkipped:
			rep.Skipped++
		default:
			rep.Pending++
		}
	}
	return rep
}
