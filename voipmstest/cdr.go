package voipmstest

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"
)

// This file simulates the account's call history: getCDR, getResellerCDR and
// the catalogues their filters take (getCallTypes, getCallAccounts,
// getCallBilling).

func init() {
	handlers["getCDR"] = func(c *call) (obj, error) { return c.getCDR(false) }
	handlers["getResellerCDR"] = func(c *call) (obj, error) { return c.getCDR(true) }
	handlers["getCallTypes"] = (*call).getCallTypes
	handlers["getCallAccounts"] = (*call).getCallAccounts
	handlers["getCallBilling"] = func(c *call) (obj, error) {
		return c.valueList("getCallBilling", "call_billing", "", "missing_params", callBilling)
	}
}

// Dispositions of a call record.
const (
	DispositionAnswered = "ANSWERED"
	DispositionNoAnswer = "NO ANSWER"
	DispositionBusy     = "BUSY"
	DispositionFailed   = "FAILED"
)

// callBilling are the values of getCallBilling and the callbilling filter.
var callBilling = []valueDesc{
	{"all", "All Calls"},
	{"free", "Free Calls"},
	{"billed", "Billed Calls"},
}

// CallRecord is one call in the simulated account's history, as getCDR and
// getResellerCDR report it.
type CallRecord struct {
	Time            time.Time // start of the call; rendered in the timezone the query asks for
	CallerID        string    // as shown, e.g. `"John Doe" <5551112222>`
	Destination     string
	Account         string // "100001" or a sub-account such as "100001_Acme"
	Disposition     string // DispositionAnswered, DispositionNoAnswer, DispositionBusy or DispositionFailed
	Seconds         int
	Rate            string // price per minute, a decimal such as "0.01"
	Total           string // a decimal; AddCallRecord computes Rate × started minutes when empty
	Incoming        bool   // an inbound call to Destination, one of the account's DIDs
	Description     string // e.g. "Inbound - Local Caller"; AddCallRecord fills a default
	DestinationType string // e.g. "IN:USA"; AddCallRecord fills a default
	UniqueID        string // assigned by AddCallRecord when empty
}

// cdrRec is a CallRecord as the server keeps it.
type cdrRec struct {
	at                 time.Time
	callerID, dest     string
	desc, account      string
	disposition        string
	seconds            int
	rate, total        money
	uniqueID, destType string
	incoming           bool
}

func (r *cdrRec) export() CallRecord {
	return CallRecord{
		Time: r.at, CallerID: r.callerID, Destination: r.dest, Account: r.account, Disposition: r.disposition,
		Seconds: r.seconds, Rate: r.rate.formatMin(2), Total: r.total.formatMin(2), Incoming: r.incoming,
		Description: r.desc, DestinationType: r.destType, UniqueID: r.uniqueID,
	}
}

// seedCDRs writes about 240 calls over the 100 days before now, spread over
// the main account and the sub-accounts (so reseller clients have calls), with
// a generator of its own so the inventory stays what it was for a seed.
func (st *state) seedCDRs(seed int64, now time.Time) {
	rng := rand.New(rand.NewPCG(uint64(seed), 0xcd4))
	st.nextCDRID = 128238000
	accounts := []string{accountID}
	for _, a := range st.subAccounts {
		accounts = append(accounts, a["account"])
	}
	names := []string{"John Doe", "Jane Roe", "Acme Sales", "Wireless Caller", "Mary Major"}
	start := now.UTC().AddDate(0, 0, -100)
	for i := range 240 {
		r := &cdrRec{
			at:      start.Add(time.Duration(i)*10*time.Hour + time.Duration(rng.IntN(36000))*time.Second),
			account: accounts[rng.IntN(len(accounts))],
		}
		switch n := rng.IntN(100); {
		case n < 70:
			r.disposition = DispositionAnswered
			r.seconds = 5 + rng.IntN(900)
		case n < 85:
			r.disposition = DispositionNoAnswer
		case n < 93:
			r.disposition = DispositionBusy
		default:
			r.disposition = DispositionFailed
		}
		other := fmt.Sprintf("%d555%04d", 201+rng.IntN(700), rng.IntN(10000))
		if rng.IntN(10) < 4 {
			r.incoming = true
			r.callerID = fmt.Sprintf("%q <%s>", names[rng.IntN(len(names))], other)
			r.dest = fmt.Sprintf("438555%04d", 100+rng.IntN(4))
			r.desc, r.destType = "Inbound - Local Caller", "IN:USA"
			r.rate = mustMoney("0.009")
		} else {
			r.callerID = fmt.Sprintf("%q <438555%04d>", "Main Office", 100+rng.IntN(4))
			r.dest = "1" + other
			r.desc, r.destType = "Outbound - USA", "OUT:USA"
			r.rate = mustMoney("0.01")
			if rng.IntN(10) == 0 {
				r.rate = zeroMoney // a free call (e.g. toll-free destination)
				r.desc = "Outbound - Toll Free"
			}
		}
		r.total = r.rate.mul((r.seconds + 59) / 60)
		r.uniqueID = strconv.Itoa(st.nextCDRID)
		st.nextCDRID++
		st.cdrs = append(st.cdrs, r)
	}
}

// AddCallRecord adds a call to the account's history and returns it as
// stored (with defaults and UniqueID filled). It is how a test gives its
// billing code the calls it needs.
func (s *Server) AddCallRecord(rec CallRecord) (CallRecord, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := &cdrRec{at: rec.Time, callerID: rec.CallerID, dest: rec.Destination, account: rec.Account,
		disposition: rec.Disposition, seconds: rec.Seconds, incoming: rec.Incoming, desc: rec.Description,
		destType: rec.DestinationType, uniqueID: rec.UniqueID}
	if r.at.IsZero() {
		return CallRecord{}, errors.New("voipmstest: CallRecord.Time is required")
	}
	switch r.disposition {
	case DispositionAnswered, DispositionNoAnswer, DispositionBusy, DispositionFailed:
	default:
		return CallRecord{}, fmt.Errorf("voipmstest: unknown disposition %q", r.disposition)
	}
	if r.account != accountID && s.st.subAccount(r.account) == nil {
		return CallRecord{}, fmt.Errorf("voipmstest: account %q is neither %s nor one of its sub-accounts", r.account, accountID)
	}
	if r.seconds < 0 {
		return CallRecord{}, errors.New("voipmstest: negative Seconds")
	}
	var ok bool
	if rec.Rate == "" {
		rec.Rate = "0"
	}
	if r.rate, ok = parseMoney(rec.Rate); !ok || r.rate.sign() < 0 {
		return CallRecord{}, fmt.Errorf("voipmstest: Rate %q is not a decimal", rec.Rate)
	}
	if rec.Total == "" {
		r.total = r.rate.mul((r.seconds + 59) / 60)
	} else if r.total, ok = parseMoney(rec.Total); !ok || r.total.sign() < 0 {
		return CallRecord{}, fmt.Errorf("voipmstest: Total %q is not a decimal", rec.Total)
	}
	if r.desc == "" {
		r.desc = "Outbound - USA"
		if r.incoming {
			r.desc = "Inbound - Local Caller"
		}
	}
	if r.destType == "" {
		r.destType = "OUT:USA"
		if r.incoming {
			r.destType = "IN:USA"
		}
	}
	if r.uniqueID == "" {
		r.uniqueID = strconv.Itoa(s.st.nextCDRID)
		s.st.nextCDRID++
	}
	i := sort.Search(len(s.st.cdrs), func(i int) bool { return s.st.cdrs[i].at.After(r.at) })
	s.st.cdrs = append(s.st.cdrs, nil)
	copy(s.st.cdrs[i+1:], s.st.cdrs[i:])
	s.st.cdrs[i] = r
	return r.export(), nil
}

// CallRecords returns the account's call history, oldest first.
func (s *Server) CallRecords() []CallRecord {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]CallRecord, 0, len(s.st.cdrs))
	for _, r := range s.st.cdrs {
		out = append(out, r.export())
	}
	return out
}

// getCDR implements getCDR and, with reseller, getResellerCDR (the calls of
// one reseller client's sub-accounts).
func (c *call) getCDR(reseller bool) (obj, error) {
	var mine map[string]bool // accounts the query may see; nil = all
	client := ""
	if reseller {
		rec, err := c.clientParam()
		if err != nil {
			return nil, err
		}
		client = rec.f["client"]
		mine = map[string]bool{}
		for _, a := range c.st.clientAccounts(client) {
			mine[a] = true
		}
	}
	from, to, err := c.dateRange(92)
	if err != nil {
		return nil, err
	}
	loc, err := c.cdrTimezone()
	if err != nil {
		return nil, err
	}
	statuses := map[string]bool{}
	for param, disp := range map[string]string{"answered": DispositionAnswered, "noanswer": DispositionNoAnswer,
		"busy": DispositionBusy, "failed": DispositionFailed} {
		if on, _ := flag01(c.p.get(param)); on {
			statuses[disp] = true
		}
	}
	if len(statuses) == 0 {
		return nil, fail("no_callstatus")
	}
	keepType, err := c.callTypeFilter(client)
	if err != nil {
		return nil, err
	}
	billing := c.p.get("callbilling")
	if billing != "" && findValue(callBilling, billing) == nil {
		return nil, fail("missing_params") // the docs have no code for a bad callbilling
	}
	account := c.p.get("account")
	if account != "" && account != "all" {
		known := account == accountID || c.st.subAccount(account) != nil
		if !known || (mine != nil && !mine[account]) {
			return nil, fail("invalid_account")
		}
	}
	method := "getCDR"
	if reseller {
		method = "getResellerCDR"
	}
	var out []obj
	for i := len(c.st.cdrs) - 1; i >= 0; i-- {
		r := c.st.cdrs[i]
		local := r.at.In(loc)
		day := local.Format(dateLayout)
		switch {
		case day < from || day > to, !statuses[r.disposition], !keepType(r),
			mine != nil && !mine[r.account],
			account != "" && account != "all" && r.account != account,
			billing == "free" && !r.total.isZero(), billing == "billed" && r.total.isZero():
			continue
		}
		total := r.total.format(8)
		if reseller {
			total = r.total.format(4)
		}
		out = append(out, row(method+".cdr", map[string]string{
			"date": local.Format(stampLayout), "callerid": r.callerID, "destination": r.dest,
			"description": r.desc, "account": r.account, "disposition": r.disposition,
			"duration": fmt.Sprintf("%02d:%02d:%02d", r.seconds/3600, r.seconds/60%60, r.seconds%60),
			"seconds":  strconv.Itoa(r.seconds), "rate": r.rate.format(8), "total": total,
			"uniqueid": r.uniqueID, "destination_type": r.destType, "call_logs": "",
		}))
	}
	if len(out) == 0 {
		return nil, fail("no_cdr")
	}
	return obj{{"cdr", out}}, nil
}

// cdrTimezone reads the required numeric timezone (-12 to 13, fractions
// allowed) as a fixed zone.
func (c *call) cdrTimezone() (*time.Location, error) {
	tz := c.p.get("timezone")
	if tz == "" {
		return nil, fail("missing_timezone")
	}
	h, err := strconv.ParseFloat(tz, 64)
	if err != nil || math.IsNaN(h) || h < -12 || h > 13 {
		return nil, fail("invalid_timezone")
	}
	return time.FixedZone("UTC"+tz, int(math.Round(h*3600))), nil
}

// callTypeFilter reads the calltype filter: all, incoming, outgoing, or one
// of the account's DIDs (of the client's DIDs, for a reseller query), which
// keeps the inbound calls to that number.
func (c *call) callTypeFilter(client string) (func(*cdrRec) bool, error) {
	v := c.p.get("calltype")
	switch v {
	case "", "all":
		return func(*cdrRec) bool { return true }, nil
	case "incoming":
		return func(r *cdrRec) bool { return r.incoming }, nil
	case "outgoing":
		return func(r *cdrRec) bool { return !r.incoming }, nil
	}
	did := normalizeDID(v)
	if _, ok := c.st.owned[did]; !ok || (client != "" && !c.st.clientOwnsDID(client, did)) {
		return nil, fail("invalid_call_type")
	}
	return func(r *cdrRec) bool { return r.incoming && r.dest == did }, nil
}

// getCallTypes lists the call types and the account's DIDs (a client's DIDs
// when "client" is given).
func (c *call) getCallTypes() (obj, error) {
	rec, err := c.optionalClient()
	if err != nil {
		return nil, err
	}
	out := []map[string]string{
		{"value": "all", "description": "All Calls"},
		{"value": "outgoing", "description": "Outgoing Calls"},
		{"value": "incoming", "description": "Incoming Calls"},
	}
	for _, did := range c.st.ownedOrder {
		if rec != nil && !c.st.clientOwnsDID(rec.f["client"], did) {
			continue
		}
		out = append(out, map[string]string{"value": did, "description": did})
	}
	return obj{{"call_types", rows("getCallTypes.call_types", out)}}, nil
}

// getCallAccounts lists the main account and its sub-accounts (a client's
// sub-accounts when "client" is given).
func (c *call) getCallAccounts() (obj, error) {
	rec, err := c.optionalClient()
	if err != nil {
		return nil, err
	}
	out := []map[string]string{{"value": "all", "description": "All Accounts"}}
	if rec == nil {
		out = append(out, map[string]string{"value": accountID, "description": accountID + " - Main Account"})
	}
	for _, a := range c.st.subAccounts {
		if rec != nil && a["reseller_client"] != rec.f["client"] {
			continue
		}
		out = append(out, map[string]string{"value": a["account"], "description": a["account"] + " - " + a["description"]})
	}
	return obj{{"accounts", rows("getCallAccounts.accounts", out)}}, nil
}
