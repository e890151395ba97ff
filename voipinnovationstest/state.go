package voipinnovationstest

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"
)

// ReservationTime is how long reserveDID holds a number.
const ReservationTime = 30 * time.Minute

// Account is an API user of the fake.
type Account struct {
	Login, Secret  string
	EndpointGroups []int64 // the account's endpoint groups (assignDID/configDID epg)
	Tiers          []int64 // tiers the account may buy; empty means 1, 2 and 3
	TollFree       bool    // 800 origination enabled (toll-free numbers, state "TF")
}

func (a *Account) ownsEPG(epg int64) bool {
	for _, g := range a.EndpointGroups {
		if g == epg {
			return true
		}
	}
	return false
}

func (a *Account) tierOK(t int64) bool {
	tiers := a.Tiers
	if len(tiers) == 0 {
		tiers = []int64{1, 2, 3}
	}
	for _, x := range tiers {
		if x == t {
			return true
		}
	}
	return false
}

// NumberState is where a number of the inventory stands.
type NumberState int

const (
	Available NumberState = iota + 1
	Reserved              // held by Number.Account until Number.Until
	Assigned              // owned by Number.Account on Number.EndpointGroup
	Aging                 // released, not available again until Number.Until
)

func (s NumberState) String() string {
	return [...]string{"", "available", "reserved", "assigned", "aging"}[s]
}

// Number is one number of the fake's inventory.
type Number struct {
	TN            string
	RateCenter    string
	State         string // two letters, "TF" for toll-free
	LATA          int64
	Tier          int64
	CNAM          bool // outbound CNAM capable
	T38           bool
	SMS           bool
	Network       string
	Status        NumberState
	Account       string    // holder (login) when Reserved or Assigned, former owner when Aging
	Until         time.Time // reservation expiry, or the end of aging
	EndpointGroup int64
	RefID         string
	CNAMEnabled   bool // configDID's cnam flag
}

type rateCenter struct {
	name, state string
	lata        int64
	npas        []string
}

var rateCenters = []rateCenter{
	{"RICHFIELD", "UT", 660, []string{"435"}},
	{"BRIGHAM CY", "UT", 660, []string{"435"}},
	{"SALT LAKE", "UT", 660, []string{"801", "385"}},
	{"MIAMI", "FL", 460, []string{"305", "786"}},
	{"ORLANDO", "FL", 458, []string{"407"}},
	{"NEW YORK", "NY", 132, []string{"212", "646"}},
	{"DALLAS", "TX", 552, []string{"214", "469"}},
	{"TOLL FREE", "TF", 0, []string{"833", "888"}},
}

var networks = []string{"Onvoy", "Bandwidth", "Peerless"}

// seedInventory makes perCenter numbers in every rate center, the same ones
// for the same seed.
func seedInventory(seed int64, perCenter int) map[string]*Number {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	inv := map[string]*Number{}
	for _, rc := range rateCenters {
		for made := 0; made < perCenter; {
			npa := rc.npas[rng.IntN(len(rc.npas))]
			tn := fmt.Sprintf("%s%d%02d%04d", npa, 2+rng.IntN(8), rng.IntN(100), rng.IntN(10000))
			if inv[tn] != nil {
				continue
			}
			made++
			tier := int64(1 + rng.IntN(4))
			if rc.state == "TF" {
				tier = 1
			}
			inv[tn] = &Number{TN: tn, RateCenter: rc.name, State: rc.state, LATA: rc.lata, Tier: tier,
				CNAM: rng.IntN(3) > 0, T38: rng.IntN(2) == 0, SMS: rng.IntN(2) == 0,
				Network: networks[rng.IntN(len(networks))], Status: Available}
		}
	}
	return inv
}

// Port is a port-in order (getPortDetails).
type Port struct {
	ID                   int64
	Status               string
	EndUser              string
	BillingTN            string
	PortingFrom          string
	SalesRep             string
	Submitted, FOC       time.Time // zero: nil on the wire
	RequestedFOC         time.Time
	DIDs                 []PortDID
	DefaultEndpointGroup int64 // 0: nil on the wire
}

// PortDID is one number of a port order.
type PortDID struct {
	TN, RateCenter, State string
	Tier, LATA            int64
	EndpointGroup         int64
	CNAM, E911            bool
}

func defaultPorts(now time.Time) map[int64]*Port {
	return map[int64]*Port{36623: {
		ID: 36623, Status: "PENDING SIGNATURE", EndUser: "Example Dental LLC", BillingTN: "4352154000",
		PortingFrom: "Qwest", SalesRep: "House", Submitted: now.Add(-48 * time.Hour).Truncate(time.Second),
		RequestedFOC: now.Add(10 * 24 * time.Hour).Truncate(24 * time.Hour),
		DIDs: []PortDID{
			{TN: "4352154000", RateCenter: "RICHFIELD", State: "UT", Tier: 2, LATA: 660, EndpointGroup: 8674, CNAM: true, E911: true},
			{TN: "4352154001", RateCenter: "RICHFIELD", State: "UT", Tier: 2, LATA: 660, EndpointGroup: 8674, CNAM: true, E911: false},
		},
		DefaultEndpointGroup: 8674,
	}}
}

// sortedNumbers returns the inventory in number order. Caller holds s.mu.
func (s *Server) sortedNumbers() []*Number {
	out := make([]*Number, 0, len(s.inv))
	for _, n := range s.inv {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].TN < out[j].TN })
	return out
}

// settle moves numbers whose reservation or aging ended back to available.
// Caller holds s.mu.
func (s *Server) settle(n *Number, now time.Time) {
	if (n.Status == Reserved || n.Status == Aging) && !now.Before(n.Until) {
		if n.Status == Reserved {
			s.expired++
		}
		*n = Number{TN: n.TN, RateCenter: n.RateCenter, State: n.State, LATA: n.LATA, Tier: n.Tier, CNAM: n.CNAM,
			T38: n.T38, SMS: n.SMS, Network: n.Network, Status: Available}
	}
}
