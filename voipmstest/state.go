package voipmstest

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"
)

// Fixed identity of the simulated account.
const (
	accountID   = "100001"
	dateLayout  = "2006-01-02"
	stampLayout = "2006-01-02 15:04:05"
)

// DIDRecord is the server's view of a DID the account owns.
type DIDRecord struct {
	DID                 string
	Description         string
	Routing             string
	FailoverBusy        string
	FailoverUnreachable string
	FailoverNoAnswer    string
	Voicemail           string // mailbox, "0" = none
	POP                 int
	DialTime            int
	CNAM                bool
	BillingType         int // 1 = per minute, 2 = flat
	CallerIDPrefix      string
	Note                string
	ResellerAccount     string // reseller sub-account the DID is connected to, "0" = none
	SMSEnabled          bool
	OrderDate           time.Time
	// Fields is the whole getDIDsInfo row, every value as rendered on the
	// wire.
	Fields map[string]string
}

// invDID is a number the simulated carrier can sell.
type invDID struct {
	did     string
	kind    string // "us", "ca", "tollfree", "vanity"
	region  region
	center  string
	sms     bool
	pin     bool
	prices  map[string]string
	ordered bool
}

// location is an international stock location.
type location struct {
	id, typ, name, area string
	c                   *country
	stock               int
	prices              map[string]string
}

// ownedDID is a DID on the account: its getDIDsInfo row plus bookkeeping.
type ownedDID struct {
	f    map[string]string
	kind string // inventory kind, "international" or "virtual"
	loc  *location
	vpri string
}

func (d *ownedDID) record() DIDRecord {
	f := make(map[string]string, len(d.f))
	for k, v := range d.f {
		f[k] = v
	}
	atoiOr := func(s string) int { n, _ := strconv.Atoi(s); return n }
	t, _ := time.Parse(stampLayout, f["order_date"])
	return DIDRecord{
		DID: f["did"], Description: f["description"], Routing: f["routing"],
		FailoverBusy: f["failover_busy"], FailoverUnreachable: f["failover_unreachable"],
		FailoverNoAnswer: f["failover_noanswer"], Voicemail: f["voicemail"],
		POP: atoiOr(f["pop"]), DialTime: atoiOr(f["dialtime"]), CNAM: f["cnam"] == "1",
		BillingType: atoiOr(f["billing_type"]), CallerIDPrefix: f["callerid_prefix"], Note: f["note"],
		ResellerAccount: f["reseller_account"], SMSEnabled: f["sms_enabled"] == "1", OrderDate: t,
		Fields: f,
	}
}

// table holds one kind of numbered entity (forwardings, IVRs, ...).
type table struct {
	next int
	rows map[string]map[string]string
}

func newTable(first int) *table { return &table{next: first, rows: map[string]map[string]string{}} }

func (t *table) newID() string {
	id := strconv.Itoa(t.next)
	t.next++
	return id
}

// list returns the rows in ascending numeric id order.
func (t *table) list() []map[string]string {
	ids := make([]int, 0, len(t.rows))
	for id := range t.rows {
		n, _ := strconv.Atoi(id)
		ids = append(ids, n)
	}
	sort.Ints(ids)
	out := make([]map[string]string, 0, len(ids))
	for _, n := range ids {
		out = append(out, t.rows[strconv.Itoa(n)])
	}
	return out
}

// message is one SMS or MMS.
type message struct {
	id      int
	at      time.Time
	typ     string // "0" sent, "1" received
	did     string
	contact string
	text    string
	media   []string
	mms     bool
}

// backOrder is one back-ordered number.
type backOrder struct{ f map[string]string }

// state is the simulated account and carrier.
type state struct {
	rng *rand.Rand

	inventory   []*invDID
	byDID       map[string]*invDID
	locations   []*location
	locByID     map[string]*location
	recommended int

	subAccounts []map[string]string
	clients     map[string]*clientRec
	mailboxes   []map[string]string
	vpris       []map[string]string
	conferences map[string]bool
	confMembers map[string]bool
	sequences   map[string]bool

	owned      map[string]*ownedDID
	ownedOrder []string
	orderCount map[string]int
	backOrders []backOrder
	nextBackID int

	entities map[string]*table

	messages  []*message
	nextMsgID int
	sentToday map[string]int

	// Reseller and account money (reseller.go) and call history (cdr.go).
	ledgerRNG    *rand.Rand
	nextClientID int
	nextLedgerID int
	packages     []map[string]string
	balance      money
	transactions []*transaction
	cdrs         []*cdrRec // oldest first
	nextCDRID    int
}

// newState seeds the account and carrier; stockScale > 1 grows the local
// inventory (see WithInventoryScale).
func newState(seed int64, now time.Time, stockScale int) *state {
	st := &state{
		rng:         rand.New(rand.NewPCG(uint64(seed), 0x5eed)),
		byDID:       map[string]*invDID{},
		locByID:     map[string]*location{},
		owned:       map[string]*ownedDID{},
		orderCount:  map[string]int{},
		entities:    map[string]*table{},
		nextBackID:  1001,
		nextMsgID:   100001,
		sentToday:   map[string]int{},
		conferences: map[string]bool{"737": true, "738": true},
		confMembers: map[string]bool{"4234": true, "4235": true},
		sequences:   map[string]bool{"11": true, "12": true},
	}
	st.seedInventory(seed, stockScale)
	st.seedAccount(now)
	st.seedBilling(seed, now)
	st.seedCDRs(seed, now)
	st.seedAreas(now) // voicemail, fax, e911, LNP, conferences, ... (areas.go)
	return st
}

func (st *state) addInv(d *invDID) {
	st.inventory = append(st.inventory, d)
	st.byDID[d.did] = d
}

// freshNumber draws a 10-digit NANP number with the given area code that is
// not yet in the inventory.
func (st *state) freshNumber(npa string) string { return st.freshNumberFrom(st.rng, npa) }

// freshNumberFrom is freshNumber drawing from r.
func (st *state) freshNumberFrom(r *rand.Rand, npa string) string {
	for {
		n := fmt.Sprintf("%s%03d%04d", npa, 200+r.IntN(800), r.IntN(10000))
		if n[3:6] == "555" || n[4:6] == "11" {
			continue
		}
		if _, dup := st.byDID[n]; !dup {
			return n
		}
	}
}

// localStock is the default stock of one rate center, kept to grow it.
type localStock struct {
	kind   string
	region region
	center string
	npa    string
	n      int
}

func (st *state) seedInventory(seed int64, stockScale int) {
	var stock []localStock
	for _, group := range []struct {
		kind    string
		regions []region
	}{{"us", usStates}, {"ca", caProvinces}} {
		for _, r := range group.regions {
			for i, c := range r.centers {
				npa := r.npas[i]
				n := 0
				if st.rng.IntN(10) > 0 { // one center in ten has no stock
					n = 3 + st.rng.IntN(4)
				}
				for range n {
					d := &invDID{did: st.freshNumber(npa), kind: group.kind, region: r, center: c,
						sms: st.rng.IntN(10) > 0, pin: st.rng.IntN(2) == 0}
					d.prices = localPrices(group.kind)
					st.addInv(d)
				}
				if n > 0 {
					stock = append(stock, localStock{group.kind, r, c, npa, n})
				}
			}
		}
	}
	for _, p := range tollFreePrefixes {
		for range 4 {
			st.addInv(&invDID{did: st.freshNumber(p), kind: "tollfree", prices: map[string]string{
				"monthly": "1.49", "minute": "0.0320", "setup": "0.00",
				"minute_usa": "0.019", "minute_canada": "0.08", "minute_puertorico": "0.095", "minute_alaska": "0.17",
			}})
		}
		for range 2 {
			st.addInv(&invDID{did: st.freshNumber(p), kind: "vanity", prices: map[string]string{
				"monthly_american": "0.99", "monthly_canadian": "1.49", "minute_american_usa": "0.019",
				"minute_american_canada": "0.08", "minute_canadian": "0.032", "setup_american": "15",
				"setup_canadian": "30",
			}})
		}
	}
	next := 60
	for i := range countries {
		c := &countries[i]
		for _, g := range []struct {
			typ  string
			locs [][2]string
		}{{"GEOGRAPHIC", c.geographic}, {"NATIONAL", c.national}, {"TOLLFREE", c.tollfree}} {
			for _, l := range g.locs {
				loc := &location{id: "a" + strconv.Itoa(next), typ: g.typ, name: l[0], area: l[1], c: c,
					stock: st.rng.IntN(20)}
				next += 1 + st.rng.IntN(40)
				switch g.typ {
				case "GEOGRAPHIC":
					loc.prices = map[string]string{"monthly": "5.00", "setup": "0.00", "minute": "0.00",
						"monthly_per_minute": "7.00,", "setup_per_minute": "5.50,", "channels": "2"}
				case "NATIONAL":
					loc.prices = map[string]string{"monthly": "11.50", "setup": "11", "minute": "0",
						"monthly_per_minute": "6.00,", "setup_per_minute": "5.50,"}
				default:
					loc.prices = map[string]string{"monthly": "37.50", "setup": "72.50", "minute": "0.20"}
				}
				st.locations = append(st.locations, loc)
				st.locByID[loc.id] = loc
			}
		}
	}
	st.recommended = 1 + st.rng.IntN(len(pops))
	st.growStock(seed, stockScale, stock)
}

// growStock adds (scale-1) times each rate center's default stock, drawn
// from a generator of its own so st.rng, and with it the default inventory
// and everything seeded after it, stays as without WithInventoryScale.
func (st *state) growStock(seed int64, scale int, stock []localStock) {
	if scale <= 1 {
		return
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x5c01e))
	for _, s := range stock {
		for range s.n * (scale - 1) {
			d := &invDID{did: st.freshNumberFrom(r, s.npa), kind: s.kind, region: s.region, center: s.center,
				sms: r.IntN(10) > 0, pin: r.IntN(2) == 0}
			d.prices = localPrices(s.kind)
			st.addInv(d)
		}
	}
}

// localPrices is the price list of a US ("us") or Canadian ("ca") DID.
func localPrices(kind string) map[string]string {
	minute := "0.01"
	if kind == "ca" {
		minute = "0.0100"
	}
	return map[string]string{
		"perminute_monthly": "0.85", "perminute_minute": minute, "perminute_setup": "0.50",
		"flat_monthly": "4.25", "flat_minute": "0.00", "flat_setup": "1.00",
	}
}

func (st *state) seedAccount(now time.Time) {
	sub := func(id, user, desc, client string) map[string]string {
		return map[string]string{
			"id": id, "account": accountID + "_" + user, "username": user, "description": desc,
			"protocol": "1", "auth_type": "1", "password": "Secret-" + user + "1", "ip": "",
			"device_type": "2", "callerid_number": "", "canada_routing": "1", "lock_international": "1",
			"international_route": "1", "music_on_hold": "default", "language": "en",
			"allowed_codecs": "ulaw;g729;gsm", "dtmf_mode": "auto", "nat": "yes", "sip_traffic": "0",
			"max_expiry": "3600", "rtp_timeout": "60", "rtp_hold_timeout": "600", "ip_restriction": "",
			"enable_ip_restriction": "0", "pop_restriction": "", "enable_pop_restriction": "0",
			"send_bye": "1", "record_calls": "0", "internal_extension": "", "internal_voicemail": "",
			"internal_dialtime": "60", "reseller_client": client, "reseller_package": "0",
			"reseller_nextbilling": "0000-00-00", "transcribe": "0", "transcription_locale": "en-US",
			"transcription_redaction": "no", "transcription_summary": "no", "transcription_sentiment": "no",
			"transcription_email": "", "parking_lot": "", "enable_internal_cnam": "0", "internal_cnam": "",
			"tfcarrier": "-1", "default_e911": "", "call_pickup_behavior": "1",
		}
	}
	st.subAccounts = []map[string]string{
		sub("99785", "VoIP", "Main desk phone", "0"),
		sub("99786", "Office", "Office softphone", "0"),
		sub("99787", "Acme", "Reseller client Acme", "561115"),
		sub("99788", "Globex", "Reseller client Globex", "561116"),
	}
	for _, a := range st.subAccounts {
		if a["reseller_client"] != "0" {
			a["reseller_package"] = "92364"
			a["reseller_nextbilling"] = now.AddDate(0, 1, 0).Format(dateLayout)
		}
	}
	box := func(mailbox, name string) map[string]string {
		return map[string]string{
			"mailbox": mailbox, "name": name, "password": "1234", "skip_password": "0",
			"email": "voicemail@example.com", "attach_message": "yes", "delete_message": "no",
			"say_time": "yes", "timezone": "America/New_York", "say_callerid": "yes",
			"play_instructions": "u", "language": "en", "email_attachment_format": "wav49",
			"unavailable_message_recording": "0", "new": "0", "urgent": "0", "transcription": "no",
			"transcription_locale": "en-US", "transcription_redaction": "no", "transcription_sentiment": "no",
			"transcription_summary": "no", "transcription_format": "text", "transcription_delay": "0",
		}
	}
	st.mailboxes = []map[string]string{box("101", "Main"), box("1001", "VoIP")}
	st.vpris = []map[string]string{{
		"vpri": "100112", "name": "main vpri", "note": "", "channels": "4", "monthly_fee": "0.2",
		"next_billing": now.AddDate(0, 1, 0).Format(dateLayout), "burst_enabled": "0",
		"burst_max_channels": "0", "burst_percentage_charge": "0",
	}}
	for _, e := range entitySpecs {
		st.entities[e.name] = newTable(e.firstID)
	}
	rec := st.entities["recording"]
	for _, name := range []string{"IVR Recording", "Welcome Message"} {
		id := rec.newID()
		rec.rows[id] = map[string]string{"value": id, "description": name, "data": "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA="}
	}
}

// subAccount finds a sub-account by its "100001_name" form.
func (st *state) subAccount(account string) map[string]string {
	for _, a := range st.subAccounts {
		if a["account"] == account {
			return a
		}
	}
	return nil
}

func (st *state) mailbox(id string) bool {
	for _, m := range st.mailboxes {
		if m["mailbox"] == id {
			return true
		}
	}
	return false
}

func (st *state) pop(v string) bool {
	n, ok := atoi(v)
	return ok && n >= 1 && n <= len(pops)
}
