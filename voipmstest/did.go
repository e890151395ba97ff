package voipmstest

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

func init() {
	for name, h := range map[string]func(*call) (obj, error){
		"getDIDsInfo":                     (*call).getDIDsInfo,
		"orderDID":                        (*call).orderDID,
		"orderTollFree":                   (*call).orderTollFree,
		"orderVanity":                     (*call).orderVanity,
		"orderDIDVirtual":                 (*call).orderDIDVirtual,
		"orderDIDInternationalGeographic": func(c *call) (obj, error) { return c.orderInternational("GEOGRAPHIC") },
		"orderDIDInternationalNational":   func(c *call) (obj, error) { return c.orderInternational("NATIONAL") },
		"orderDIDInternationalTollFree":   func(c *call) (obj, error) { return c.orderInternational("TOLLFREE") },
		"backOrderDIDUSA":                 func(c *call) (obj, error) { return c.backOrder(usStates, "state") },
		"backOrderDIDCAN":                 func(c *call) (obj, error) { return c.backOrder(caProvinces, "province") },
		"getBackOrders":                   (*call).getBackOrders,
		"cancelDID":                       (*call).cancelDID,
		"connectDID":                      (*call).connectDID,
		"unconnectDID":                    (*call).unconnectDID,
		"setDIDInfo":                      (*call).setDIDInfo,
		"setDIDRouting":                   (*call).setDIDRouting,
		"setDIDPOP":                       (*call).setDIDPOP,
		"setDIDVoicemail":                 (*call).setDIDVoicemail,
		"setDIDBillingType":               (*call).setDIDBillingType,
		"getPortability":                  (*call).getPortability,
		"getDIDsUSA":                      func(c *call) (obj, error) { return c.getDIDsRegion("us") },
		"getDIDsCAN":                      func(c *call) (obj, error) { return c.getDIDsRegion("ca") },
		"searchDIDsUSA":                   func(c *call) (obj, error) { return c.searchDIDs("us") },
		"searchDIDsCAN":                   func(c *call) (obj, error) { return c.searchDIDs("ca") },
		"searchTollFreeCanUS":             func(c *call) (obj, error) { return c.searchTollFree("searchTollFreeCanUS") },
		"searchTollFreeUSA":               func(c *call) (obj, error) { return c.searchTollFree("searchTollFreeUSA") },
		"searchVanity":                    (*call).searchVanity,
		"getDIDsInternationalGeographic":  func(c *call) (obj, error) { return c.getInternational("GEOGRAPHIC") },
		"getDIDsInternationalNational":    func(c *call) (obj, error) { return c.getInternational("NATIONAL") },
		"getDIDsInternationalTollFree":    func(c *call) (obj, error) { return c.getInternational("TOLLFREE") },
	} {
		handlers[name] = h
	}
}

// didDefaults are the values of a fresh DID's optional settings; setDIDInfo
// resets every optional field it was not given to these.
var didDefaults = map[string]string{
	"failover_busy": "none:", "failover_unreachable": "none:", "failover_noanswer": "none:",
	"voicemail": "0", "callerid_prefix": "", "note": "", "port_out_pin": "", "e911": "0",
	"record_calls": "0", "transcribe": "0", "transcription_locale": "en-US", "transcription_email": "",
	"transcription_redaction": "no", "transcription_summary": "no", "transcription_sentiment": "no",
	"voicemail_threshold": "0", "transcription_start_delay": "0", "inbound_dialing_mode": "0",
	"reseller_account": "0", "reseller_next_billing": "0000-00-00", "reseller_monthly": "0.00000000",
	"reseller_minute": "0.00000000", "reseller_setup": "0.00000000",
	"sms_email": "", "sms_email_enabled": "0", "sms_forward": "", "sms_forward_enabled": "0",
	"sms_url_callback": "", "sms_url_callback_enabled": "0", "sms_url_callback_retry": "0",
	"smpp_enabled": "0", "smpp_url": "", "smpp_user": "", "smpp_pass": "", "webhook": "",
	"webhook_enabled": "0", "dialmode": "1", "sms_sipaccount": "", "sms_sipaccount_enabled": "0",
}

// owned looks up the did parameter among the account's DIDs.
func (c *call) ownedParam() (*ownedDID, error) {
	did := c.p.get("did")
	if did == "" {
		return nil, fail("missing_did")
	}
	d, ok := c.st.owned[normalizeDID(did)]
	if !ok {
		return nil, fail("invalid_did")
	}
	return d, nil
}

// normalizeDID drops a leading "+1"/"1" from an 11-digit NANP number.
//
// It is deliberately narrower than the SDK's normalisation (gen_support.go
// normalizeDID, which also strips spaces, dashes and parentheses from what a
// user pasted before anything is sent): the simulator plays the server, and
// the server is not documented to accept punctuation in a DID, so a
// "(305) 555-0100" that a client failed to clean is answered invalid_did here
// instead of being silently repaired.
func normalizeDID(s string) string {
	s = strings.TrimPrefix(s, "+")
	if len(s) == 11 && s[0] == '1' {
		return s[1:]
	}
	return s
}

// didSettings validates the routing and call-handling parameters shared by
// the order methods and setDIDInfo, in the docs' parameter order.
func (c *call) didSettings(billing bool) (map[string]string, error) {
	f := map[string]string{}
	var err error
	if f["routing"], err = c.reqRoute("routing", "missing_routing", "invalid_routing_header"); err != nil {
		return nil, err
	}
	for _, k := range []string{"failover_busy", "failover_unreachable", "failover_noanswer"} {
		if f[k], err = c.optRoute(k, "invalid_failover_header"); err != nil {
			return nil, err
		}
	}
	if f["voicemail"], err = c.voicemailParam(); err != nil {
		return nil, err
	}
	switch v := c.p.get("pop"); {
	case v == "":
		return nil, fail("missing_serverpop")
	case !c.st.pop(v):
		return nil, fail("invalid_serverpop")
	default:
		f["pop"] = strings.TrimLeft(v, "0")
	}
	switch v := c.p.get("dialtime"); {
	case v == "":
		return nil, fail("missing_dialtime")
	default:
		n, ok := atoi(v)
		if !ok || n < 1 || n > 1200 {
			return nil, fail("invalid_dialtime")
		}
		f["dialtime"] = strconv.Itoa(n)
	}
	switch v := c.p.get("cnam"); {
	case v == "":
		return nil, fail("missing_cnam")
	default:
		b, ok := flag01(v)
		if !ok {
			return nil, fail("invalid_cnam")
		}
		f["cnam"] = b01(b)
	}
	if v := c.p.get("callerid_prefix"); len(v) > 20 {
		return nil, fail("invalid_calleridprefix")
	} else {
		f["callerid_prefix"] = v
	}
	if v := c.p.get("note"); len(v) > 50 {
		return nil, fail("invalid_note")
	} else {
		f["note"] = v
	}
	if billing {
		if f["billing_type"], err = c.billingParam(); err != nil {
			return nil, err
		}
	}
	return f, nil
}

func (c *call) billingParam() (string, error) {
	switch v := c.p.get("billing_type"); v {
	case "":
		return "", fail("missing_billingtype")
	case "1", "2":
		return v, nil
	default:
		return "", fail("invalid_billingtype")
	}
}

// voicemailParam validates the optional DID voicemail (a mailbox, "0" or
// empty for none).
func (c *call) voicemailParam() (string, error) {
	v := c.p.get("voicemail")
	switch {
	case v == "" || v == "0":
		return "0", nil
	case c.st.mailbox(v):
		return v, nil
	}
	return "", fail("invalid_mailbox")
}

// resellerParams validates the optional account/monthly/setup/minute group
// of the order methods. It returns nil when no account was given.
func (c *call) resellerParams() (map[string]string, error) {
	acct := c.p.get("account")
	if acct == "" {
		return nil, nil
	}
	if a := c.st.subAccount(acct); a == nil || a["reseller_client"] == "0" {
		return nil, fail("invalid_account")
	}
	f := map[string]string{"reseller_account": acct}
	for _, k := range []string{"monthly", "setup", "minute"} {
		v := c.p.get(k)
		if v == "" {
			return nil, fail("missing_" + k)
		}
		if !isDecimal(v) {
			return nil, fail("invalid_" + k)
		}
		f["reseller_"+k] = money8(v)
	}
	f["reseller_next_billing"] = c.now.AddDate(0, 1, 0).Format(dateLayout)
	return f, nil
}

// money8 renders a decimal with eight places, as the reseller fields are.
func money8(v string) string {
	whole, frac, _ := strings.Cut(v, ".")
	if whole == "" {
		whole = "0"
	}
	frac = (frac + "00000000")[:8]
	return whole + "." + frac
}

// buy moves a number onto the account and debits its order fees. Caller has
// validated everything, including that the balance covers the fees (afford).
func (c *call) buy(did, description, kind string, settings, reseller map[string]string, sms bool, loc *location) {
	f := map[string]string{}
	for k, v := range didDefaults {
		f[k] = v
	}
	for k, v := range settings {
		f[k] = v
	}
	for k, v := range reseller {
		f[k] = v
	}
	f["billing_type"] = billingOf(kind, f["billing_type"])
	f["did"] = did
	f["description"] = description
	f["order_date"] = c.now.Format(stampLayout)
	f["next_billing"] = c.now.AddDate(0, 1, 0).Format(dateLayout)
	f["sms_available"] = b01(sms)
	f["mms_available"] = b01(sms)
	f["sms_enabled"] = b01(sms)
	c.st.owned[did] = &ownedDID{f: f, kind: kind, loc: loc}
	c.st.ownedOrder = append(c.st.ownedOrder, did)
	c.st.orderCount[did]++
	for _, fe := range c.orderFees(did, kind, f["billing_type"], loc) {
		c.st.debit(c.now, fe.typ, fe.desc, fe.amount)
	}
}

// billingOf is the billing type an order gets: the one asked for, else flat
// for local numbers and per minute for toll-free and vanity ones.
func billingOf(kind, asked string) string {
	switch {
	case asked != "":
		return asked
	case kind == "tollfree" || kind == "vanity":
		return "1"
	}
	return "2"
}

// orderInventory is the shared body of orderDID, orderTollFree and
// orderVanity.
func (c *call) orderInventory(kinds map[string]bool, billing, carrier bool) (obj, error) {
	raw := c.p.get("did")
	if raw == "" {
		return nil, fail("missing_did")
	}
	did := normalizeDID(raw)
	d, ok := c.st.byDID[did]
	if _, mine := c.st.owned[did]; mine || (ok && d.ordered) {
		return nil, fail("did_in_use")
	}
	if !ok || !kinds[d.kind] {
		return nil, fail("invalid_did")
	}
	settings, err := c.didSettings(billing)
	if err != nil {
		return nil, err
	}
	if carrier {
		switch v := c.p.get("carrier"); {
		case v == "":
			return nil, fail("missing_carrier")
		case findValue(carriers, v) == nil:
			return nil, fail("invalid_carrier")
		}
	}
	reseller, err := c.resellerParams()
	if err != nil {
		return nil, err
	}
	if err := c.afford(c.orderFees(did, d.kind, billingOf(d.kind, settings["billing_type"]), nil)...); err != nil {
		return nil, err
	}
	if c.test {
		return nil, nil
	}
	desc := "Toll Free"
	switch d.kind {
	case "us", "ca":
		desc = d.center + ", " + d.region.code
	case "vanity":
		desc = "Vanity Toll Free"
	}
	d.ordered = true
	c.buy(did, desc, d.kind, settings, reseller, d.sms, nil)
	c.s.executed.Orders++
	return nil, nil
}

func (c *call) orderDID() (obj, error) {
	return c.orderInventory(map[string]bool{"us": true, "ca": true}, true, false)
}

func (c *call) orderTollFree() (obj, error) {
	return c.orderInventory(map[string]bool{"tollfree": true}, false, false)
}

func (c *call) orderVanity() (obj, error) {
	return c.orderInventory(map[string]bool{"vanity": true}, false, true)
}

// orderDIDVirtual creates a virtual DID numbered after the account:
// 100001 + the three digits (an inferred numbering).
func (c *call) orderDIDVirtual() (obj, error) {
	digits := c.p.get("digits")
	if digits == "" {
		return nil, fail("missing_digits")
	}
	if len(digits) != 3 || !digitsOnly(digits) {
		return nil, fail("invalid_digits")
	}
	did := accountID + digits
	if _, mine := c.st.owned[did]; mine {
		return nil, fail("did_in_use")
	}
	settings, err := c.didSettings(false)
	if err != nil {
		return nil, err
	}
	reseller, err := c.resellerParams()
	if err != nil {
		return nil, err
	}
	if err := c.afford(c.orderFees(did, "virtual", billingOf("virtual", settings["billing_type"]), nil)...); err != nil {
		return nil, err
	}
	if c.test {
		return nil, nil
	}
	c.buy(did, "Virtual DID", "virtual", settings, reseller, false, nil)
	c.s.executed.Orders++
	return nil, nil
}

// orderInternational orders quantity numbers from a stock location.
func (c *call) orderInternational(typ string) (obj, error) {
	id := c.p.get("location_id")
	if id == "" {
		return nil, fail("missing_location")
	}
	loc := c.st.locByID[id]
	if loc == nil || loc.typ != typ {
		return nil, fail("invalid_location")
	}
	qty, ok := atoi(c.p.get("quantity"))
	if !ok || qty < 1 || qty > 100 {
		return nil, fail("invalid_quantity")
	}
	settings, err := c.didSettings(typ != "TOLLFREE")
	if err != nil {
		return nil, err
	}
	reseller, err := c.resellerParams()
	if err != nil {
		return nil, err
	}
	if qty > loc.stock {
		return nil, fail("unsifficient_stock")
	}
	var cost []fee
	for range qty {
		cost = append(cost, c.orderFees("", "international", billingOf("international", settings["billing_type"]), loc)...)
	}
	if err := c.afford(cost...); err != nil {
		return nil, err
	}
	if c.test {
		return nil, nil
	}
	for range qty {
		var did string
		for {
			did = loc.c.dial + loc.area + strconv.Itoa(1000000+c.st.rng.IntN(9000000))
			if _, dup := c.st.owned[did]; !dup {
				break
			}
		}
		c.buy(did, loc.name+", "+loc.c.name, "international", settings, reseller, false, loc)
	}
	loc.stock -= qty
	c.s.executed.Orders++
	return nil, nil
}

// backOrder records quantity back-ordered numbers for a rate center.
func (c *call) backOrder(regions []region, regionParam string) (obj, error) {
	qty, ok := atoi(c.p.get("quantity"))
	if !ok || qty < 1 || qty > 100 {
		return nil, fail("invalid_quantity")
	}
	code := c.p.get(regionParam)
	if code == "" {
		return nil, fail("missing_" + regionParam)
	}
	r := findRegion(regions, code)
	if r == nil {
		return nil, fail("invalid_" + regionParam)
	}
	center := c.p.get("ratecenter")
	if center == "" {
		return nil, fail("missing_location")
	}
	if !hasCenter(r, center) {
		return nil, fail("invalid_location")
	}
	settings, err := c.didSettings(true)
	if err != nil {
		return nil, err
	}
	kind := "us"
	if regionParam == "province" {
		kind = "ca"
	}
	desc := canonicalCenter(r, center) + ", " + r.code
	var fees []fee
	for i := range qty {
		id := strconv.Itoa(c.st.nextBackID + i)
		for _, fe := range c.orderFees("", kind, settings["billing_type"], nil) {
			fe.typ, fe.desc = "BackOrder"+id, strings.Replace(fe.desc, "DID ", "Back Order ", 1)+desc
			fees = append(fees, fe)
		}
	}
	if err := c.afford(fees...); err != nil {
		return nil, err
	}
	if c.test {
		return nil, nil
	}
	_ = c.charge(fees...)
	for range qty {
		f := map[string]string{"id": strconv.Itoa(c.st.nextBackID), "description": canonicalCenter(r, center) + ", " + r.code,
			"order_date": c.now.Format(stampLayout)}
		c.st.nextBackID++
		for _, k := range []string{"routing", "failover_busy", "failover_unreachable", "failover_noanswer", "voicemail", "pop", "dialtime", "cnam", "billing_type"} {
			f[k] = settings[k]
		}
		c.st.backOrders = append(c.st.backOrders, backOrder{f: f})
	}
	c.s.executed.BackOrders++
	return nil, nil
}

func (c *call) getBackOrders() (obj, error) {
	id := c.p.get("id")
	var out []map[string]string
	for _, b := range c.st.backOrders {
		if id == "" || b.f["id"] == id {
			out = append(out, b.f)
		}
	}
	if id != "" && len(out) == 0 {
		return nil, fail("invalid_id")
	}
	res := obj{{"quantity", strconv.Itoa(len(out))}}
	if len(out) > 0 {
		res = append(res, kv{"back_orders", rows("getBackOrders.back_orders", out)})
	}
	return res, nil
}

func (c *call) cancelDID() (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	if v := c.p.get("portout"); v != "" {
		if _, ok := flag01(v); !ok {
			return nil, fail("missing_params")
		}
	}
	if c.test {
		return nil, nil
	}
	did := d.f["did"]
	delete(c.st.owned, did)
	delete(c.st.entities["e911"].rows, did) // its e911 service ends with it
	for i, x := range c.st.ownedOrder {
		if x == did {
			c.st.ownedOrder = append(c.st.ownedOrder[:i], c.st.ownedOrder[i+1:]...)
			break
		}
	}
	if inv := c.st.byDID[did]; inv != nil {
		inv.ordered = false
	}
	if d.loc != nil {
		d.loc.stock++
	}
	c.s.executed.Cancels++
	return nil, nil
}

func (c *call) connectDID() (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	acct := c.p.get("account")
	if acct == "" {
		return nil, fail("missing_account")
	}
	if a := c.st.subAccount(acct); a == nil || a["reseller_client"] == "0" {
		return nil, fail("invalid_account")
	}
	f := map[string]string{"reseller_account": acct}
	for _, k := range []string{"monthly", "setup", "minute"} {
		v := c.p.get(k)
		if v == "" {
			return nil, fail("missing_" + k)
		}
		if !isDecimal(v) {
			return nil, fail("invalid_" + k)
		}
		f["reseller_"+k] = money8(v)
	}
	next := c.now.AddDate(0, 1, 0).Format(dateLayout)
	if v := c.p.get("next_billing"); v != "" {
		t, err := time.Parse(dateLayout, v)
		if err != nil || t.Before(truncateDay(c.now)) {
			return nil, fail("invalid_resellernextbilling")
		}
		next = v
	}
	f["reseller_next_billing"] = next
	for k, v := range f {
		d.f[k] = v
	}
	return nil, nil
}

func truncateDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

func (c *call) unconnectDID() (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"reseller_account", "reseller_next_billing", "reseller_monthly", "reseller_minute", "reseller_setup"} {
		d.f[k] = didDefaults[k]
	}
	return nil, nil
}

// setDIDInfo replaces the DID's call settings: every optional parameter that
// is absent goes back to its default (full replacement, as the live API).
func (c *call) setDIDInfo() (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	f, err := c.didSettings(true)
	if err != nil {
		return nil, err
	}
	if d.kind == "tollfree" || d.kind == "vanity" {
		if f["billing_type"] != d.f["billing_type"] {
			return nil, fail("no_change_billingtype")
		}
	}
	if v := c.p.get("port_out_pin"); v != "" && (!digitsOnly(v) || len(v) < 4 || len(v) > 10) {
		return nil, fail("invalid_pin")
	}
	f["port_out_pin"] = c.p.get("port_out_pin")
	for _, k := range []string{"record_calls", "transcribe", "inbound_dialing_mode"} {
		v := c.p.get(k)
		if v == "" {
			f[k] = didDefaults[k]
			continue
		}
		b, ok := flag01(v)
		if !ok {
			return nil, fail(map[string]string{"record_calls": "invalid_record_calls", "transcribe": "missing_params", "inbound_dialing_mode": "missing_params"}[k])
		}
		f[k] = b01(b)
	}
	for _, k := range []string{"transcription_redaction", "transcription_summary", "transcription_sentiment"} {
		v := c.p.get(k)
		if v == "" {
			f[k] = "no"
			continue
		}
		yn, ok := yesNo(v)
		if !ok {
			return nil, fail("invalid_" + k)
		}
		f[k] = yn
	}
	if v := c.p.get("transcription_email"); v != "" && !strings.Contains(v, "@") {
		return nil, fail("invalid_transcription_email")
	}
	f["transcription_email"] = c.p.get("transcription_email")
	f["transcription_locale"] = c.p.get("transcription_locale")
	if f["transcription_locale"] == "" {
		f["transcription_locale"] = didDefaults["transcription_locale"]
	}
	for _, k := range []string{"transcription_start_delay", "voicemail_threshold"} {
		v := c.p.get(k)
		if v == "" {
			f[k] = "0"
			continue
		}
		n, ok := atoi(v)
		if !ok || n > 60 || n%5 != 0 {
			return nil, fail("Invalid_threshold")
		}
		f[k] = strconv.Itoa(n)
	}
	for _, k := range []string{"sms_sipaccount", "sms_sipaccount_enabled"} {
		if c.p.has(k) {
			f[k] = c.p.get(k)
		}
	}
	for k, v := range f {
		d.f[k] = v
	}
	return nil, nil
}

func (c *call) setDIDRouting() (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	r, err := c.reqRoute("routing", "missing_routing", "invalid_routing_header")
	if err != nil {
		return nil, err
	}
	d.f["routing"] = r
	return nil, nil
}

func (c *call) setDIDPOP() (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	v := c.p.get("pop")
	if v == "" {
		return nil, fail("missing_serverpop")
	}
	if !c.st.pop(v) {
		return nil, fail("invalid_serverpop")
	}
	d.f["pop"] = strings.TrimLeft(v, "0")
	return nil, nil
}

func (c *call) setDIDVoicemail() (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	v, err := c.voicemailParam()
	if err != nil {
		return nil, err
	}
	d.f["voicemail"] = v
	return nil, nil
}

func (c *call) setDIDBillingType() (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	b, err := c.billingParam()
	if err != nil {
		return nil, err
	}
	switch {
	case d.kind != "us" && d.kind != "ca":
		return nil, fail("no_change_billingtype")
	case d.f["billing_type"] == b:
		return nil, fail("same_did_billingtype")
	}
	d.f["billing_type"] = b
	return nil, nil
}

func (c *call) getDIDsInfo() (obj, error) {
	client := c.p.get("client")
	did := normalizeDID(c.p.get("did"))
	var match func(*ownedDID) bool
	switch {
	case client == "":
		match = func(*ownedDID) bool { return true }
	case digitsOnly(client):
		if c.st.clients[client] == nil {
			return nil, fail("invalid_client")
		}
		match = func(d *ownedDID) bool {
			a := c.st.subAccount(d.f["reseller_account"])
			return a != nil && a["reseller_client"] == client
		}
	default:
		if c.st.subAccount(client) == nil {
			return nil, fail("invalid_account")
		}
		match = func(d *ownedDID) bool {
			return d.f["reseller_account"] == client || d.f["routing"] == "account:"+client
		}
	}
	var out []map[string]string
	for _, n := range c.st.ownedOrder {
		d := c.st.owned[n]
		if (did == "" || n == did) && match(d) {
			out = append(out, d.f)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_did")
	}
	return obj{{"dids", rows("getDIDsInfo.dids", out)}}, nil
}

func (c *call) getPortability() (obj, error) {
	did := normalizeDID(c.p.get("did"))
	if did == "" {
		return nil, fail("missing_did")
	}
	if len(did) != 10 || !digitsOnly(did) {
		return nil, fail("invalid_did")
	}
	portable := "yes"
	if _, ok := c.st.byDID[did]; ok {
		portable = "no" // already a VoIP.ms number
	}
	if _, ok := c.st.owned[did]; ok {
		portable = "no"
	}
	res := obj{{"portable", portable}, {"sms", "yes"}}
	if portable == "yes" {
		plans := []map[string]string{
			{"title": "Per Minute Plan", "pricePerMonth": "0.85", "pricePerMin": "0.01"},
			{"title": "Flat Rate Plan", "pricePerMonth": "4.25", "pricePerMin": "0.00"},
		}
		res = append(res, kv{"plans", rows("getPortability.plans", plans)})
	}
	return res, nil
}

func findRegion(regions []region, code string) *region {
	for i := range regions {
		if strings.EqualFold(regions[i].code, code) {
			return &regions[i]
		}
	}
	return nil
}

func hasCenter(r *region, center string) bool { return canonicalCenter(r, center) != "" }

func canonicalCenter(r *region, center string) string {
	for _, c := range r.centers {
		if strings.EqualFold(c, center) {
			return c
		}
	}
	return ""
}

// invRow renders an inventory number for the search methods.
func invRow(d *invDID) map[string]string {
	f := map[string]string{"did": d.did, "ratecenter": d.center, "sms": b01(d.sms), "has_port_out_pin": b01(d.pin)}
	for k, v := range d.prices {
		f[k] = v
	}
	if d.kind == "us" {
		f["state"], f["state_description"] = d.region.code, d.region.name
	} else {
		f["province"], f["province_description"] = d.region.code, d.region.name
	}
	return f
}

func (c *call) getDIDsRegion(kind string) (obj, error) {
	regions, param, method := usStates, "state", "getDIDsUSA"
	if kind == "ca" {
		regions, param, method = caProvinces, "province", "getDIDsCAN"
	}
	code := c.p.get(param)
	if code == "" {
		return nil, fail("missing_" + param)
	}
	r := findRegion(regions, code)
	if r == nil {
		return nil, fail("invalid_" + param)
	}
	center := c.p.get("ratecenter")
	var out []map[string]string
	for _, d := range c.st.inventory {
		if d.kind == kind && !d.ordered && d.region.code == r.code && (center == "" || strings.EqualFold(d.center, center)) {
			out = append(out, invRow(d))
		}
	}
	if len(out) == 0 {
		return nil, fail("no_did")
	}
	return obj{{"dids", rows(method+".dids", out)}}, nil
}

// keypad maps letters to phone keypad digits for vanity-style queries.
func keypad(r rune) rune {
	const keys = "22233344455566677778889999"
	switch {
	case r >= 'a' && r <= 'z':
		return rune(keys[r-'a'])
	case r >= 'A' && r <= 'Z':
		return rune(keys[r-'A'])
	}
	return r
}

// queryDigits turns a search query into digits; ok is false for characters
// other than letters and digits.
func queryDigits(q string) (string, bool) {
	var b strings.Builder
	for _, r := range q {
		k := keypad(r)
		if k < '0' || k > '9' {
			return "", false
		}
		b.WriteRune(k)
	}
	return b.String(), b.Len() > 0
}

// matchType checks a search "type" parameter; empty is allowed only when
// optional.
func matchType(typ, did, q string) bool {
	switch typ {
	case "starts":
		return strings.HasPrefix(did, q)
	case "ends":
		return strings.HasSuffix(did, q)
	default:
		return strings.Contains(did, q)
	}
}

func validSearchType(t string) bool { return t == "starts" || t == "contains" || t == "ends" }

func (c *call) searchDIDs(kind string) (obj, error) {
	regions, param, method := usStates, "state", "searchDIDsUSA"
	if kind == "ca" {
		regions, param, method = caProvinces, "province", "searchDIDsCAN"
	}
	var r *region
	if code := c.p.get(param); code != "" {
		if r = findRegion(regions, code); r == nil {
			return nil, fail("invalid_" + param)
		}
	}
	typ := c.p.get("type")
	if typ == "" {
		return nil, fail("missing_type")
	}
	if !validSearchType(typ) {
		return nil, fail("invalid_type")
	}
	qRaw := c.p.get("query")
	if qRaw == "" {
		return nil, fail("missing_query")
	}
	q, ok := queryDigits(qRaw)
	if !ok {
		return nil, fail("invalid_query")
	}
	var out []map[string]string
	for _, d := range c.st.inventory {
		if d.kind == kind && !d.ordered && (r == nil || d.region.code == r.code) && matchType(typ, d.did, q) {
			out = append(out, invRow(d))
		}
	}
	if len(out) == 0 {
		return nil, fail("no_did")
	}
	return obj{{"dids", rows(method+".dids", out)}}, nil
}

func (c *call) searchTollFree(method string) (obj, error) {
	typ := c.p.get("type")
	if typ != "" && !validSearchType(typ) {
		return nil, fail("invalid_type")
	}
	var q string
	if raw := c.p.get("query"); raw != "" {
		var ok bool
		if q, ok = queryDigits(raw); !ok {
			return nil, fail("invalid_query")
		}
	}
	var out []map[string]string
	for _, d := range c.st.inventory {
		if d.kind == "tollfree" && !d.ordered && (q == "" || matchType(typ, d.did, q)) {
			f := map[string]string{"did": d.did}
			for k, v := range d.prices {
				f[k] = v
			}
			if method == "searchTollFreeUSA" {
				f["monthly"], f["setup"] = "0.99", "0"
			}
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_did")
	}
	return obj{{"dids", rows(method+".dids", out)}}, nil
}

func (c *call) searchVanity() (obj, error) {
	typ := c.p.get("type")
	if typ == "" {
		return nil, fail("missing_type")
	}
	if typ != "8**" && !contains(tollFreePrefixes, typ) {
		return nil, fail("invalid_type")
	}
	q := c.p.get("query")
	if q == "" {
		return nil, fail("missing_query")
	}
	if len(q) != 7 {
		return nil, fail("invalid_query")
	}
	pat := make([]rune, 0, 7)
	for _, r := range q {
		k := keypad(r)
		if k != '*' && (k < '0' || k > '9') {
			return nil, fail("invalid_query")
		}
		pat = append(pat, k)
	}
	var out []map[string]string
	for _, d := range c.st.inventory {
		if d.kind != "vanity" || d.ordered || (typ != "8**" && !strings.HasPrefix(d.did, typ)) {
			continue
		}
		ok := true
		for i, r := range d.did[3:] {
			if pat[i] != '*' && pat[i] != r {
				ok = false
				break
			}
		}
		if ok {
			f := map[string]string{"did": d.did}
			for k, v := range d.prices {
				f[k] = v
			}
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_did")
	}
	return obj{{"dids", rows("searchVanity.dids", out)}}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (c *call) getInternational(typ string) (obj, error) {
	id := c.p.get("country_id")
	if id == "" {
		return nil, fail("missing_countryid")
	}
	var cn *country
	for i := range countries {
		if countries[i].id == id {
			cn = &countries[i]
		}
	}
	if cn == nil {
		return nil, fail("invalid_countryid")
	}
	method := map[string]string{"GEOGRAPHIC": "getDIDsInternationalGeographic", "NATIONAL": "getDIDsInternationalNational", "TOLLFREE": "getDIDsInternationalTollFree"}[typ]
	var out []map[string]string
	for _, l := range c.st.locations {
		if l.c == cn && l.typ == typ {
			f := map[string]string{"location_id": l.id, "location_name": l.name, "country": cn.name,
				"area_code": l.area, "stock": strconv.Itoa(l.stock)}
			for k, v := range l.prices {
				f[k] = v
			}
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_did")
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i]["location_name"] < out[j]["location_name"] })
	return obj{{"locations", rows(method+".locations", out)}}, nil
}
