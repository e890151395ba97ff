// Package numbers is one provider-neutral model of DIDs across the carriers
// numbers are bought from (VoIP.ms, VoIP Innovations) and the dialers that
// answer them (GoAutoDial, VICIdial/Dialer360), and the operations that span
// them: Provision (buy, route to the dialer's trunk, register) and Audit
// (the nightly diff).
//
// The package imports none of the provider packages (standard library
// only). Each provider package has the adapter: voipms.Numbers(c),
// voipinnovations.Numbers(c, ...), vicidial.Numbers(c, ...),
// goautodial.Numbers(c, ...).
//
// # Capabilities
//
// The capabilities are small separate interfaces, because the providers are
// different kinds of system: Inventory (a carrier you buy from), Reserver
// (holding a number before buying: VoIP Innovations), Router (pointing an
// owned number at a Target), Registry (a dialer's table of numbers) and
// RegistryLister (a Registry that can list). A provider that lacks an
// operation does not implement its interface; Supports or a type assertion
// tells:
//
//	if numbers.Supports(p, numbers.CapReserve) { ... }
//	if r, ok := p.(numbers.Reserver); ok { ... }
//
// # Numbers
//
// Number is an E.164 value; Parse reads what users paste and Format gives
// each provider's wire form. Target is where calls go.
//
// # Errors
//
// Every adapter error matches exactly one neutral category (ErrNotFound,
// ErrConflict, ErrOutcomeUnknown, ErrUnsupported, ...) and still matches the
// provider's own sentinels and typed errors. Writes are sent at most once;
// a write whose outcome is unknown is ErrOutcomeUnknown and is settled by a
// read. Reads are retried on transient failures by the provider clients.
package numbers

import (
	"context"
	"time"
)

// Query selects available numbers in a carrier's inventory. Empty fields do
// not filter; each carrier needs at least one of Region or AreaCode.
type Query struct {
	// Region is a two-letter US state or Canadian province ("FL", "QC").
	Region string
	// AreaCode is a 3-digit NANP area code (NPA).
	AreaCode string
	// Limit caps the result (0: the carrier's own page).
	Limit int
}

// Available is a number a carrier offers.
type Available struct {
	Number     Number
	Region     string // state or province, when the carrier says
	RateCenter string // when the carrier says
}

// Owned is a number the account owns at a carrier.
type Owned struct {
	Number Number
	// Route is where the carrier sends its calls; nil when the carrier
	// routes it somewhere the neutral model cannot name (see RawRoute).
	Route Target
	// RawRoute is the carrier's own description of the route
	// ("account:100001_VoIP", "epg 8674").
	RawRoute string
}

// Inventory is a carrier's number inventory: search, order, release, list
// and get owned numbers, check portability.
type Inventory interface {
	// Search lists available numbers matching q.
	Search(ctx context.Context, q Query) ([]Available, error)
	// Order buys n, routed to route (nil: the adapter's default route).
	// It is sent at most once; an order of a number the account owns
	// already is ErrConflict, and no second purchase.
	Order(ctx context.Context, n Number, route Target) (Owned, error)
	// Release gives n back. Releasing a number the account does not own
	// is ErrNotFound.
	Release(ctx context.Context, n Number) error
	// ListOwned lists the account's numbers.
	ListOwned(ctx context.Context) ([]Owned, error)
	// Get returns one owned number; ErrNotFound when not owned.
	Get(ctx context.Context, n Number) (Owned, error)
	// Portable reports whether n can be ported in.
	Portable(ctx context.Context, n Number) (bool, error)
}

// Reserver holds an available number for the account before Order.
type Reserver interface {
	// Reserve holds n and returns when the hold ends (zero when the
	// carrier does not say).
	Reserve(ctx context.Context, n Number) (time.Time, error)
}

// Router points an owned number at a Target.
type Router interface {
	Route(ctx context.Context, n Number, t Target) error
}

// Registration is a number in a dialer's table and where its calls go.
type Registration struct {
	Number      Number
	Target      Target
	Description string
}

// Registry is a dialer's table of numbers. Nothing is bought: the dialer
// learns that the number exists and where its calls go.
type Registry interface {
	// Register adds r; a number already registered is ErrConflict.
	Register(ctx context.Context, r Registration) error
	// Update changes a registered number's target and description; an
	// unknown number is ErrNotFound.
	Update(ctx context.Context, r Registration) error
	// Remove deletes a registered number; an unknown one is ErrNotFound.
	Remove(ctx context.Context, n Number) error
}

// RegistryLister is a Registry that can list (VICIdial cannot).
type RegistryLister interface {
	ListRegistered(ctx context.Context) ([]Registration, error)
}

// TargetChecker tells whether a Target exists on the provider (a
// sub-account, an in-group, a call menu). Audit uses it to find routes to
// nothing.
type TargetChecker interface {
	// TargetExists reports whether t exists. A Target the provider cannot
	// express is ErrUnsupported.
	TargetExists(ctx context.Context, t Target) (bool, error)
}

// TargetSupporter tells, without I/O, whether a provider can express a
// Target (routes for carriers, registrations for dialers).
type TargetSupporter interface {
	SupportsTarget(t Target) bool
}

// Capability names one of the interfaces above.
type Capability string

// The capabilities.
const (
	CapInventory     Capability = "inventory"
	CapReserve       Capability = "reserve"
	CapRoute         Capability = "route"
	CapRegistry      Capability = "registry"
	CapListRegistry  Capability = "list_registry"
	CapCheckTarget   Capability = "check_target"
	CapSupportTarget Capability = "support_target"
)

// Supports reports whether p implements the capability c.
func Supports(p any, c Capability) bool {
	var ok bool
	switch c {
	case CapInventory:
		_, ok = p.(Inventory)
	case CapReserve:
		_, ok = p.(Reserver)
	case CapRoute:
		_, ok = p.(Router)
	case CapRegistry:
		_, ok = p.(Registry)
	case CapListRegistry:
		_, ok = p.(RegistryLister)
	case CapCheckTarget:
		_, ok = p.(TargetChecker)
	case CapSupportTarget:
		_, ok = p.(TargetSupporter)
	}
	return ok
}

// Capabilities lists the capabilities p implements, in the order of the
// constants.
func Capabilities(p any) []Capability {
	var out []Capability
	for _, c := range []Capability{CapInventory, CapReserve, CapRoute, CapRegistry, CapListRegistry, CapCheckTarget, CapSupportTarget} {
		if Supports(p, c) {
			out = append(out, c)
		}
	}
	return out
}
