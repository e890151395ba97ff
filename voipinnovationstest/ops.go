package voipinnovationstest

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/didkit/voipms/internal/viwsdl"
)

// call is one authenticated operation. The server's mutex is held.
type call struct {
	s    *Server
	acct *Account
	req  *node
	now  time.Time
	op   string
}

type handler struct {
	run    func(*call) []byte
	refuse func(op string, code int64, msg string) []byte
}

func didRefuse(op string, code int64, msg string) []byte {
	return answer(op, didResponse(code, msg, nil, nil, nil))
}

func portRefuse(op string, code int64, msg string) []byte {
	return answer(op, portResponse(code, msg, nil, false))
}

// handlers are the simulated operations; every other WSDL operation answers
// a soap:Server fault "operation X is not simulated".
var handlers = map[string]handler{
	"auditDIDs":      {(*call).auditDIDs, didRefuse},
	"queryDID":       {(*call).queryDID, didRefuse},
	"getDIDs":        {(*call).getDIDs, didRefuse},
	"getDIDCount":    {(*call).getDIDCount, didRefuse},
	"reserveDID":     {(*call).reserveDID, didRefuse},
	"assignDID":      {(*call).assignDID, didRefuse},
	"configDID":      {(*call).configDID, didRefuse},
	"releaseDID":     {(*call).releaseDID, didRefuse},
	"isPortable":     {(*call).isPortable, portRefuse},
	"getPortDetails": {(*call).getPortDetails, portRefuse},
}

// Simulated lists the operations the fake implements, sorted.
func Simulated() []string {
	var out []string
	for op := range handlers {
		out = append(out, op)
	}
	sort.Strings(out)
	return out
}

var (
	wsdlOpsOnce sync.Once
	wsdlOps     map[string]bool
)

func isWSDLOperation(op string) bool {
	wsdlOpsOnce.Do(func() {
		wsdlOps = map[string]bool{}
		for _, m := range regexp.MustCompile(`<wsdl:operation name="([^"]+)"`).FindAllSubmatch(viwsdl.Production, -1) {
			wsdlOps[string(m[1])] = true
		}
	})
	return wsdlOps[op]
}

// tn10 normalises a request number the way the service tolerates: digits
// only, a leading 1 of 11 digits dropped. ok is false for anything else.
func tn10(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if r < '0' || r > '9' {
			return "", false
		}
		b.WriteRune(r)
	}
	d := b.String()
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	return d, len(d) == 10
}

func (c *call) record(n *Number, code int64, status string) didRecord {
	d := didRecord{tn: n.TN, status: status, statusCode: code, tier: n.Tier, state: n.State,
		rateCenter: n.RateCenter, network: n.Network, t38: n.T38}
	if n.Account == c.acct.Login {
		switch n.Status {
		case Assigned:
			d.availability, d.rewrite, d.refID, d.endpointID, d.cnam = "assigned", n.TN, n.RefID, n.EndpointGroup, n.CNAMEnabled
		case Reserved:
			d.availability, d.expire = "reserved", n.Until
		}
	} else if n.Status == Available {
		d.availability = "available"
	} else {
		d.availability = "unavailable"
	}
	return d
}

func (c *call) mine(n *Number, st NumberState) bool {
	return n.Status == st && n.Account == c.acct.Login
}

func (c *call) auditDIDs() []byte {
	var out []didRecord
	for _, n := range c.s.sortedNumbers() {
		if c.mine(n, Assigned) {
			out = append(out, c.record(n, 100, fmt.Sprintf("Number currently assigned to you with refid '%s' rewritten as '%s' to endpoint '%d'", n.RefID, n.TN, n.EndpointGroup)))
		}
	}
	if len(out) == 0 {
		out = []didRecord{dummy(101200, "UNKNOWN")}
	}
	return answer(c.op, didResponse(100, "Success", out, nil, nil))
}

func (c *call) queryDID() []byte {
	tn, ok := tn10(c.req.str("did"))
	if !ok {
		return didRefuse(c.op, 944, "Invalid Number")
	}
	n := c.s.inv[tn]
	var d didRecord
	switch {
	case n == nil || n.Status == Aging:
		d = dummy(102420, "Could not find number")
	case c.mine(n, Assigned):
		d = c.record(n, 100, fmt.Sprintf("Number currently assigned to you with refid '%s' rewritten as '%s' to endpoint '%d'", n.RefID, n.TN, n.EndpointGroup))
	case c.mine(n, Reserved):
		d = c.record(n, 100, "Number currently reserved for you until "+n.Until.UTC().Format("2006-01-02T15:04:05"))
	case n.Status == Available:
		d = c.record(n, 100, fmt.Sprintf("Number currently available -- Tier %d", n.Tier))
	case n.Status == Reserved:
		d = c.record(n, 102230, "Number currently reserved for another company")
	default:
		d = c.record(n, 102235, "Number currently assigned to another company")
	}
	return answer(c.op, didResponse(100, "Success", []didRecord{d}, nil, nil))
}

// criteria are getDIDs/getDIDCount's filters.
type criteria struct {
	state, lata, rc, npa, nxx, tier, t38, cnam, sms, network string
}

func (c *call) criteria() (criteria, bool) {
	q := criteria{
		state: strings.ToUpper(c.req.str("state")), lata: c.req.str("lata"), rc: strings.ToUpper(c.req.str("rateCenter")),
		npa: c.req.str("npa"), nxx: c.req.str("nxx"), tier: c.req.str("tier"), t38: c.req.str("t38"),
		cnam: c.req.str("cnam"), sms: c.req.str("sms"), network: c.req.str("network"),
	}
	return q, q != criteria{}
}

func flagMatch(want string, have bool) bool {
	switch strings.ToLower(want) {
	case "":
		return true
	case "true", "1":
		return have
	case "false", "0":
		return !have
	}
	return false
}

func (q criteria) match(n *Number) bool {
	return (q.state == "" || q.state == n.State) &&
		(q.lata == "" || q.lata == strconv.FormatInt(n.LATA, 10)) &&
		(q.rc == "" || q.rc == n.RateCenter) &&
		(q.npa == "" || q.npa == n.TN[:3]) &&
		(q.nxx == "" || q.nxx == n.TN[3:6]) &&
		(q.tier == "" || q.tier == strconv.FormatInt(n.Tier, 10)) &&
		flagMatch(q.t38, n.T38) && flagMatch(q.cnam, n.CNAM) && flagMatch(q.sms, n.SMS) &&
		(q.network == "" || strings.EqualFold(q.network, n.Network))
}

func (c *call) getDIDs() []byte {
	q, any := c.criteria()
	if !any {
		return didRefuse(c.op, 302490, "No search criteria defined")
	}
	var found []*Number
	for _, n := range c.s.sortedNumbers() {
		if n.Status == Available && q.match(n) {
			found = append(found, n)
		}
	}
	if len(found) == 0 {
		return didRefuse(c.op, 101, "No Records Found")
	}
	return answer(c.op, didResponse(100, "Success", nil, func(w *xw) {
		for _, n := range found {
			w.open("DIDLocator")
			w.str("tn", n.TN)
			w.str("rateCenter", n.RateCenter)
			w.str("state", n.State)
			w.int("tier", n.Tier)
			w.int("lataId", n.LATA)
			w.bool("outboundCNAM", n.CNAM)
			w.bool("t38", n.T38)
			w.bool("sms", n.SMS)
			w.close("DIDLocator")
		}
	}, nil))
}

func (c *call) getDIDCount() []byte {
	q, any := c.criteria()
	if !any {
		return didRefuse(c.op, 302490, "No search criteria defined")
	}
	type key struct {
		state, rc string
		tier      int64
	}
	type agg struct {
		key
		lata           int64
		n              int
		cnam, t38, sms bool
	}
	groups := map[key]*agg{}
	for _, n := range c.s.sortedNumbers() {
		if n.Status != Available || !q.match(n) {
			continue
		}
		k := key{n.State, n.RateCenter, n.Tier}
		g := groups[k]
		if g == nil {
			g = &agg{key: k, lata: n.LATA}
			groups[k] = g
		}
		g.n++
		g.cnam, g.t38, g.sms = g.cnam || n.CNAM, g.t38 || n.T38, g.sms || n.SMS
	}
	if len(groups) == 0 {
		return didRefuse(c.op, 101, "No Records Found")
	}
	list := make([]*agg, 0, len(groups))
	for _, g := range groups {
		list = append(list, g)
	}
	order := strings.ToLower(c.req.str("orderby"))
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		switch order {
		case "rc":
			if a.rc != b.rc {
				return a.rc < b.rc
			}
		case "lata":
			if a.lata != b.lata {
				return a.lata < b.lata
			}
		case "tier":
			if a.tier != b.tier {
				return a.tier < b.tier
			}
		}
		if a.state != b.state {
			return a.state < b.state
		}
		if a.rc != b.rc {
			return a.rc < b.rc
		}
		return a.tier < b.tier
	})
	return answer(c.op, didResponse(100, "Success", nil, nil, func(w *xw) {
		for _, g := range list {
			w.open("DIDCount")
			w.int("didCount", int64(g.n))
			w.str("rateCenter", g.rc)
			w.str("state", g.state)
			w.int("tier", g.tier)
			w.int("lataId", g.lata)
			w.bool("cnam", g.cnam)
			w.bool("t38", g.t38)
			w.bool("sms", g.sms)
			w.close("DIDCount")
		}
	}))
}

// didParams returns the request's DIDParam list.
func (c *call) didParams() []*node {
	var out []*node
	if l := c.req.child("didParams"); l != nil {
		for _, k := range l.kids {
			if k.name == "DIDParam" {
				out = append(out, k)
			}
		}
	}
	return out
}

// batch runs fn for each DIDParam and answers one DID per param, in order.
func (c *call) batch(fn func(p *node, tn string, n *Number) didRecord, notFound int64) []byte {
	var out []didRecord
	for _, p := range c.didParams() {
		raw := p.str("tn")
		tn, ok := tn10(raw)
		n := c.s.inv[tn]
		if !ok || n == nil {
			d := dummy(notFound, "Could not find number")
			d.tn = raw
			out = append(out, d)
			continue
		}
		out = append(out, fn(p, tn, n))
	}
	return answer(c.op, didResponse(100, "Success", out, nil, nil))
}

func (c *call) reserveDID() []byte {
	return c.batch(func(_ *node, tn string, n *Number) didRecord {
		switch {
		case n.Status == Aging:
			d := dummy(103420, "Could not find number")
			d.tn = tn
			return d
		case c.mine(n, Reserved):
			return c.record(n, 103220, "Number already reserved for you")
		case c.mine(n, Assigned):
			return c.record(n, 103225, "Number already assigned to you")
		case n.Status == Reserved:
			return c.record(n, 103230, "Number currently reserved for another company")
		case n.Status == Assigned:
			return c.record(n, 103235, "Number currently assigned to another company")
		case n.State == "TF" && !c.acct.TollFree:
			return c.record(n, 103250, "Account does not have 800 origination")
		case !c.acct.tierOK(n.Tier):
			return c.record(n, 103259, fmt.Sprintf("Tier %d not available to your account", n.Tier))
		}
		n.Status, n.Account, n.Until = Reserved, c.acct.Login, c.now.Add(ReservationTime)
		d := c.record(n, 100, fmt.Sprintf("Reserved for 30 minutes -- Will be Tier %d", n.Tier))
		d.availability, d.expire = "", time.Time{} // as in the recorded answer
		return d
	}, 103420)
}

func epgOf(p *node) (int64, bool) {
	v, err := strconv.ParseInt(p.str("epg"), 10, 64)
	return v, err == nil
}

// foreignEPG reports an endpoint group that belongs to another account.
func (c *call) foreignEPG(epg int64) bool {
	for _, a := range c.s.accounts {
		if a != c.acct && a.ownsEPG(epg) {
			return true
		}
	}
	return false
}

func (c *call) checkForeign() []byte {
	for _, p := range c.didParams() {
		if epg, ok := epgOf(p); ok && !c.acct.ownsEPG(epg) && c.foreignEPG(epg) {
			return didRefuse(c.op, 948, "You do not own the specified Endpoint Group")
		}
	}
	return nil
}

func cnamFlag(p *node) (bool, bool) {
	switch strings.ToLower(p.str("cnam")) {
	case "1", "true":
		return true, true
	case "0", "false":
		return false, true
	}
	return false, false
}

func (c *call) assignDID() []byte {
	if out := c.checkForeign(); out != nil {
		return out
	}
	return c.batch(func(p *node, tn string, n *Number) didRecord {
		epg, _ := epgOf(p)
		switch {
		case n.Status == Aging:
			d := dummy(104420, "Could not find number")
			d.tn = tn
			return d
		case c.mine(n, Assigned):
			return c.record(n, 104225, "Number already assigned to you")
		case n.Status == Reserved && n.Account != c.acct.Login:
			return c.record(n, 104230, "Number currently reserved for another company")
		case n.Status == Assigned:
			return c.record(n, 104235, "Number currently assigned to another company")
		case n.State == "TF" && !c.acct.TollFree:
			return c.record(n, 104250, "Account does not have 800 origination")
		case !c.acct.tierOK(n.Tier):
			return c.record(n, 104259, fmt.Sprintf("Tier %d not available to your account", n.Tier))
		case !c.acct.ownsEPG(epg):
			return c.record(n, 104258, fmt.Sprintf("Invalid endpoint group '%d'", epg))
		}
		cn, _ := cnamFlag(p)
		n.Status, n.Account, n.Until, n.EndpointGroup, n.RefID, n.CNAMEnabled = Assigned, c.acct.Login, time.Time{}, epg, p.str("refId"), cn
		return c.record(n, 100, fmt.Sprintf("Assigned to endpoint '%d' rewritten as '%s' Tier %d", epg, n.TN, n.Tier))
	}, 104420)
}

func (c *call) configDID() []byte {
	if out := c.checkForeign(); out != nil {
		return out
	}
	return c.batch(func(p *node, tn string, n *Number) didRecord {
		epg, _ := epgOf(p)
		switch {
		case n.Status == Aging:
			d := dummy(105420, "Could not find number")
			d.tn = tn
			return d
		case c.mine(n, Reserved):
			return c.record(n, 105225, "Number reserved for you, not assigned")
		case n.Status == Reserved:
			return c.record(n, 105230, "Number currently reserved for another company")
		case n.Status == Assigned && n.Account != c.acct.Login:
			return c.record(n, 105235, "Number currently assigned to another company")
		case !c.mine(n, Assigned):
			return c.record(n, 105221, "Number not assigned to you")
		case !c.acct.ownsEPG(epg):
			return c.record(n, 105258, fmt.Sprintf("Invalid endpoint group '%d'", epg))
		}
		n.EndpointGroup = epg
		if cn, ok := cnamFlag(p); ok {
			n.CNAMEnabled = cn
		}
		if r := c.req.child("didParams"); r != nil && p.child("refId") != nil {
			n.RefID = p.str("refId")
		}
		return c.record(n, 100, fmt.Sprintf("Reconfigured to endpoint '%d' rewritten as '%s' Tier %d", epg, n.TN, n.Tier))
	}, 105420)
}

func (c *call) releaseDID() []byte {
	return c.batch(func(_ *node, tn string, n *Number) didRecord {
		switch {
		case n.Status == Aging && n.Account == c.acct.Login:
			d := dummy(106241, "Number previously released, not currently available")
			d.tn = tn
			return d
		case n.Status == Aging:
			d := dummy(106420, "Could not find number")
			d.tn = tn
			return d
		case n.Status == Available:
			return c.record(n, 106231, "Number currently available")
		case c.mine(n, Reserved):
			return c.record(n, 106220, "Number still reserved for you")
		case n.Status == Reserved:
			return c.record(n, 106230, "Number currently reserved for another company")
		case n.Account != c.acct.Login:
			return c.record(n, 106235, "Number currently assigned to another company")
		}
		d := c.record(n, 100, "Released")
		d.availability, d.endpointID, d.refID = "released", 0, ""
		if c.s.cfg.aging > 0 {
			*n = Number{TN: n.TN, RateCenter: n.RateCenter, State: n.State, LATA: n.LATA, Tier: n.Tier, CNAM: n.CNAM,
				T38: n.T38, SMS: n.SMS, Network: n.Network, Status: Aging, Account: c.acct.Login, Until: c.now.Add(c.s.cfg.aging)}
		} else {
			*n = Number{TN: n.TN, RateCenter: n.RateCenter, State: n.State, LATA: n.LATA, Tier: n.Tier, CNAM: n.CNAM,
				T38: n.T38, SMS: n.SMS, Network: n.Network, Status: Available}
		}
		return d
	}, 106420)
}

func (c *call) isPortable() []byte {
	tn, ok := tn10(c.req.str("tn"))
	if !ok {
		return portRefuse(c.op, 944, "Invalid Number")
	}
	p, set := c.s.portable[tn]
	if !set {
		for _, rc := range rateCenters {
			for _, npa := range rc.npas {
				if rc.state != "TF" && tn[:3] == npa {
					p = true
				}
			}
		}
	}
	return answer(c.op, portResponse(100, "Success", nil, p))
}

func (c *call) getPortDetails() []byte {
	id, err := strconv.ParseInt(c.req.str("portId"), 10, 64)
	if err != nil {
		return portRefuse(c.op, 900, "An exception occurred")
	}
	p := c.s.ports[id]
	if p == nil {
		return portRefuse(c.op, 101, "No Records Found")
	}
	return answer(c.op, portResponse(100, "Success", p, false))
}
