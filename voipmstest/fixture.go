package voipmstest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// applyFixture applies WithFixture.
func (s *Server) applyFixture() error {
	switch s.cfg.fixture {
	case "":
		return nil
	case "demo":
		return s.seedDemo()
	}
	return fmt.Errorf("voipmstest: unknown fixture %q (known: demo)", s.cfg.fixture)
}

// fixtureRun builds a fixture through the method handlers themselves, so
// every entity is checked and stored exactly as a client's call would be.
type fixtureRun struct {
	s   *Server
	now time.Time
	err error
}

// call runs method with kv and returns its answer; the first failure is kept
// in f.err and later calls do nothing.
func (f *fixtureRun) call(method string, kv ...string) obj {
	if f.err != nil {
		return nil
	}
	h, ok := handlers[method]
	if !ok {
		f.err = fmt.Errorf("voipmstest: demo fixture: no method %s", method)
		return nil
	}
	p := params{}
	for i := 0; i+1 < len(kv); i += 2 {
		p[kv[i]] = []string{kv[i+1]}
	}
	c := &call{s: f.s, st: f.s.st, method: method, p: p, now: f.now, ip: "127.0.0.1"}
	res, err := h(c)
	if err != nil {
		f.err = fmt.Errorf("voipmstest: demo fixture: %s %v: %v", method, kv, err)
		return nil
	}
	return res
}

// id runs a set* method and returns the new id under key.
func (f *fixtureRun) id(key, method string, kv ...string) string {
	res := f.call(method, kv...)
	v, _ := res.get(key)
	id, _ := v.(string)
	if f.err == nil && id == "" {
		f.err = fmt.Errorf("voipmstest: demo fixture: %s answered no %q", method, key)
	}
	return id
}

// has reports whether a method is simulated (areas other files add).
func (f *fixtureRun) has(method string) bool { _, ok := handlers[method]; return ok }

// localDID picks the first SMS-capable number for sale in one of the given
// rate centers of a state or province (in order), else anywhere in it.
func (st *state) localDID(kind, code string, centers ...string) string {
	for _, want := range append(centers, "") {
		for _, d := range st.inventory {
			if d.kind == kind && d.sms && !d.ordered && d.region.code == code && (want == "" || d.center == want) {
				return d.did
			}
		}
	}
	return ""
}

// popOf is the server_pop of a VoIP.ms hostname.
func popOf(host string) string {
	for i, p := range pops {
		if p.host == host {
			return strconv.Itoa(i + 1)
		}
	}
	return "1"
}

// seedDemo makes the account look lived in: forwardings, SIP URIs, an IVR,
// a ring group, a queue with a member, business-hours time condition,
// phonebook, callbacks, six DIDs (four US, two Canadian and a toll-free) with
// routings, failovers, voicemail and SMS, a message history, reseller
// charges and payments and a DID connected to a reseller client. The
// sub-accounts, mailboxes, recordings and call history of the default
// account stay. See the package doc, Fixtures.
func (s *Server) seedDemo() error {
	now := s.cfg.now()
	st := s.st
	st.setAccountBalance(mustMoney("500.00"))
	f := &fixtureRun{s: s, now: now.Add(-20 * 24 * time.Hour)}

	cell := f.id("forwarding", "setForwarding", "phone_number", "5145550142", "description", "Alice's cell", "pause", "1")
	answering := f.id("forwarding", "setForwarding", "phone_number", "3055550187", "description", "After-hours answering service")
	reception := f.id("sipuri", "setSIPURI", "uri", "reception@pbx.example.com", "description", "Office PBX reception")
	f.id("sipuri", "setSIPURI", "uri", "support@pbx.example.com", "description", "Office PBX support desk")
	queue := f.id("queue", "setQueue", "queue_name", "Support", "queue_number", "500", "queue_language", "en",
		"priority_weight", "1", "report_hold_time_agent", "yes", "join_when_empty", "yes", "leave_when_empty", "no",
		"ring_strategy", "rrmemory", "ring_inuse", "no", "maximum_wait_time", "300")
	f.id("member", "setStaticMember", "queue", queue, "member_name", "Front desk", "account", "100001_VoIP", "priority", "0")
	f.id("member", "setStaticMember", "queue", queue, "member_name", "Office softphone", "account", "100001_Office", "priority", "1")
	sales := f.id("ring_group", "setRingGroup", "name", "Sales", "members", "account:100001_VoIP,25,0;fwd:"+cell+",20,1", "voicemail", "101")
	menu := f.id("ivr", "setIVR", "name", "Main menu", "recording", "7568", "timeout", "10", "language", "en", "voicemailsetup", "2",
		"choices", "1=grp:"+sales+" ; 2=queue:"+queue+" ; 3=vm:101 ; 0=sip:"+reception)
	hours := f.id("timecondition", "setTimeCondition", "name", "Business hours", "routing_match", "ivr:"+menu,
		"routing_nomatch", "fwd:"+answering, "starthour", "9;10", "startminute", "0;0", "endhour", "17;14", "endminute", "0;0",
		"weekdaystart", "mon;sat", "weekdayend", "fri;sat")
	f.id("phonebook", "setPhonebook", "name", "Alice Ames", "number", "5145550142", "speed_dial", "*71")
	f.id("phonebook", "setPhonebook", "name", "Bob Byers", "number", "3055550111", "speed_dial", "*72")
	f.id("callback", "setCallback", "description", "Alice from the road", "number", "5145550142", "delay_before", "5",
		"response_timeout", "20", "digit_timeout", "5")
	f.id("filtering", "setCallerIDFiltering", "callerid", "8005550199", "did", "all", "routing", "sys:hangup")

	base := func(routing, pop string, extra ...string) []string {
		return append([]string{"routing", routing, "pop", pop, "dialtime", "60", "cnam", "1", "billing_type", "2",
			"failover_busy", "vm:101", "failover_unreachable", "fwd:" + cell, "failover_noanswer", "vm:101", "voicemail", "101"}, extra...)
	}
	type order struct {
		did, desc string
		kv        []string
	}
	orders := []order{
		{st.localDID("us", "FL", "MIAMI"), "Main line", base("tc:"+hours, popOf("tampa1.voip.ms"))},
		{st.localDID("us", "NY", "NEW YORK CITY"), "Sales", base("grp:"+sales, popOf("newyork1.voip.ms"))},
		{st.localDID("us", "WA", "SEATTLE"), "Support line", base("queue:"+queue, popOf("seattle1.voip.ms"), "billing_type", "1")},
		{st.localDID("us", "CA", "SAN JOSE", "LOS ANGELES"), "Front desk", base("account:100001_VoIP", popOf("sanjose2.voip.ms"))},
		{st.localDID("ca", "QC", "Montreal"), "Montreal office", base("ivr:"+menu, popOf("montreal1.voip.ms"))},
		{st.localDID("ca", "ON", "Toronto"), "Acme Toronto", base("sip:"+reception, popOf("toronto1.voip.ms"))},
	}
	var owned []string
	for _, o := range orders {
		if o.did == "" {
			return fmt.Errorf("voipmstest: demo fixture: no stock for %q", o.desc)
		}
		f.call("orderDID", append(append([]string{"did", o.did}, o.kv...), "note", o.desc)...)
		owned = append(owned, o.did)
	}
	var tollFree string
	for _, d := range st.inventory {
		if d.kind == "tollfree" && !d.ordered {
			tollFree = d.did
			break
		}
	}
	f.call("orderTollFree", append([]string{"did", tollFree}, base("ivr:"+menu, popOf("montreal1.voip.ms"))[:8]...)...)
	miami, montreal, toronto := owned[0], owned[4], owned[5]
	f.call("setSMS", "did", miami, "enable", "1", "email_enabled", "1", "email_address", "sms@example.com",
		"url_callback_enable", "1", "url_callback", "https://hooks.example.com/voipms/sms")
	f.call("setSMS", "did", montreal, "enable", "1", "email_enabled", "0")
	f.call("connectDID", "did", toronto, "account", "100001_Acme", "monthly", "3.50", "setup", "1.99", "minute", "0.02")

	// Reseller money: payments and charges on both clients.
	f.call("addPayment", "client", "561115", "payment", "50.00", "description", "Payment - Credit Card")
	f.call("addCharge", "client", "561115", "charge", "9.99", "description", "Monthly package Standard")
	f.call("addCharge", "client", "561115", "charge", "3.50", "description", "DID "+toronto+" monthly")
	f.call("addPayment", "client", "561116", "payment", "20.00", "description", "Payment - PayPal")
	f.call("addCharge", "client", "561116", "charge", "4.99", "description", "Setup fee")
	if f.err != nil {
		return f.err
	}

	// A message history over the last ten days, both ways.
	talk := []struct {
		day       int
		typ, did  string
		contact   string
		text      string
		hour, min int
		mms       bool
	}{
		{10, "1", miami, "3055550111", "Hi, are you open on Saturday?", 9, 12, false},
		{10, "0", miami, "3055550111", "Yes, 10 to 2. See you!", 9, 20, false},
		{7, "1", montreal, "5145550142", "Bonjour, my order #1042 arrived damaged.", 14, 3, false},
		{7, "0", montreal, "5145550142", "Sorry about that. A replacement ships today.", 14, 30, false},
		{7, "1", montreal, "5145550142", "Merci!", 14, 31, false},
		{3, "1", miami, "7865550123", "Photo of the receipt", 11, 45, true},
		{2, "0", miami, "7865550123", "Thanks, refund issued.", 8, 5, false},
		{1, "1", miami, "3055550199", "Can I move my appointment to Friday?", 16, 40, false},
		{0, "0", miami, "3055550199", "Done: Friday 3 pm.", 9, 1, false},
	}
	for _, m := range talk {
		at := time.Date(now.Year(), now.Month(), now.Day(), m.hour, m.min, 0, 0, now.Location()).AddDate(0, 0, -m.day)
		if at.After(now) {
			at = now.Add(-time.Minute)
		}
		msg := &message{id: st.nextMsgID, at: at, typ: m.typ, did: m.did, contact: m.contact, text: m.text, mms: m.mms}
		if m.mms {
			msg.media = []string{"https://voip.ms/media.php?map=sim-" + strconv.Itoa(st.nextMsgID) + "-1"}
		}
		st.nextMsgID++
		st.messages = append(st.messages, msg)
	}
	if err := s.seedDemoAreas(f); err != nil {
		return err
	}
	s.executed = ExecutedCounts{} // the fixture's own orders and charges are not the test's
	return nil
}

// seedDemoAreas adds a sub-account and e911 on the Miami number through the
// methods of those areas. (The default account already seeds voicemail
// messages, conferences, fax, LNP and call recordings; see areas.go.)
func (s *Server) seedDemoAreas(f *fixtureRun) error {
	st := s.st
	miami := ""
	for _, d := range st.ownedOrder {
		if strings.HasPrefix(d, "305") {
			miami = d
		}
	}
	if f.has("createSubAccount") {
		f.call("createSubAccount", "username", "Reception", "description", "Reception desk phone", "protocol", "1",
			"auth_type", "1", "password", "Front-Desk42", "device_type", "2", "lock_international", "1",
			"international_route", "1", "music_on_hold", "default", "allowed_codecs", "ulaw;g729", "dtmf_mode", "auto",
			"nat", "yes", "callerid_number", miami)
	}
	if f.has("e911Provision") && miami != "" {
		f.call("e911Provision", "did", miami, "full_name", "Demo Company Inc", "street_number", "5491",
			"street_name", "NW 190th St", "city", "Miami", "state", "FL", "country", "US", "zip", "33055",
			"language", "EN", "email", "e911@example.com")
	}
	if f.has("orderFaxNumber") {
		if locs := st.entities["faxlocation"]; locs != nil {
			for _, l := range locs.list() {
				if n, _ := atoi(l["stock"]); n > 0 {
					f.call("orderFaxNumber", "location", l["location"], "quantity", "1")
					break
				}
			}
		}
	}
	return f.err
}
