package vicidialtest

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

func gmtString(g float64) string { return strconv.FormatFloat(g, 'f', -1, 64) }

func (c *call) leadFieldsFromRequest(l *Lead) int {
	n := 0
	for f := range leadColumns {
		v := c.get(f)
		if v == "" {
			continue
		}
		if v == "--BLANK--" {
			v = ""
		} else {
			v = strings.ReplaceAll(strip(v, reText), "+", " ")
		}
		if l.Fields[f] != v {
			l.Fields[f] = v
			n++
		}
	}
	if v := c.get("vendor_lead_code"); v != "" {
		if v == "--BLANK--" {
			v = ""
		}
		l.VendorLeadCode = strip(v, reText)
		n++
	}
	if v := c.get("gmt_offset_now"); v != "" {
		if g, err := strconv.ParseFloat(v, 64); err == nil {
			l.GMTOffset = g
		}
	}
	return n
}

func (c *call) customFields(o *out, l *Lead, verb string) {
	if c.get("custom_fields") != "Y" {
		return
	}
	list := c.st.lists[l.ListID]
	if list == nil || len(list.CustomFields) == 0 {
		o.notice(c.fn, "CUSTOM FIELDS NOT "+verb+", NO CUSTOM FIELDS DEFINED FOR THIS LIST", l.PhoneNumber, l.LeadID, l.ListID)
		return
	}
	n := 0
	for _, f := range list.CustomFields {
		if v := c.get(f); v != "" {
			l.Custom[f] = strings.ReplaceAll(strip(v, reText), "+", " ")
			n++
		}
	}
	if n == 0 {
		o.notice(c.fn, "CUSTOM FIELDS NOT "+verb+", NO FIELDS DEFINED", l.PhoneNumber, l.LeadID, l.ListID)
		return
	}
	o.notice(c.fn, "CUSTOM FIELDS VALUES "+verb, l.PhoneNumber, l.LeadID, l.ListID)
}

func (c *call) callback(o *out, l *Lead) {
	switch c.get("callback") {
	case "Y":
	case "REMOVE":
		if l.Callback != nil {
			l.Callback = nil
			o.notice(c.fn, "SCHEDULED CALLBACK DELETED", l.LeadID)
		}
		return
	default:
		return
	}
	camp := strip(c.get("campaign_id"), reID)
	if _, ok := c.st.campaigns[camp]; !ok {
		o.notice(c.fn, "SCHEDULED CALLBACK NOT ADDED, CAMPAIGN NOT VALID", l.LeadID, camp)
		return
	}
	typ := c.get("callback_type")
	if typ != "USERONLY" {
		typ = "ANYONE"
	}
	user := strip(c.get("callback_user"), reID)
	if typ == "USERONLY" {
		if _, ok := c.st.users[user]; !ok {
			o.notice(c.fn, "SCHEDULED CALLBACK NOT ADDED, USER NOT VALID", l.LeadID, camp, user, "")
			return
		}
	}
	when := strip(c.get("callback_datetime"), reDatetime)
	if c.get("callback_datetime") == "NOW" {
		when = wall(c.now).Format(time.DateTime)
	}
	status := strip(c.get("callback_status"), reID)
	if status == "" {
		status = "CALLBK"
	}
	verb := "ADDED"
	if l.Callback != nil {
		verb = "UPDATED"
	}
	l.Callback = &Callback{Datetime: when, CampaignID: camp, User: user, Type: typ, Status: status, Comments: c.get("callback_comments")}
	l.Status = "CBHOLD"
	o.notice(c.fn, "SCHEDULED CALLBACK "+verb, l.LeadID, when, camp, user, typ, status)
}

// dialable reports whether the number's local time (gmt) is inside the call
// time at now.
func (st *state) dialable(callTime string, gmt float64, now time.Time) bool {
	ct, ok := st.callTimes[callTime]
	if !ok {
		return false
	}
	local := now.UTC().Add(time.Duration(gmt * float64(time.Hour)))
	hm := local.Hour()*100 + local.Minute()
	return hm >= ct[0] && hm < ct[1]
}

func (c *call) hopper(o *out, l *Lead) {
	if c.get("add_to_hopper") != "Y" {
		return
	}
	if l.InHopper {
		o.notice(c.fn, "NOT ADDED TO HOPPER, LEAD IS ALREADY IN THE HOPPER", l.PhoneNumber, l.LeadID, c.user())
		return
	}
	if c.get("hopper_local_call_time_check") == "Y" && !c.st.dialable("9am-9pm", l.GMTOffset, c.now) {
		o.notice(c.fn, "NOT ADDED TO HOPPER, OUTSIDE OF LOCAL TIME", l.PhoneNumber, c.user(), l.LeadID, gmtString(l.GMTOffset), 0)
		return
	}
	l.InHopper = true
	c.st.nextHopper++
	o.notice(c.fn, "ADDED TO HOPPER", l.PhoneNumber, c.user(), l.LeadID, c.st.nextHopper)
}

// campaignLists returns the ids of the lists of the campaign of list id.
func (st *state) campaignLists(list int64) map[int64]bool {
	out := map[int64]bool{}
	l := st.lists[list]
	if l == nil {
		out[list] = true
		return out
	}
	for id, x := range st.lists {
		if x.CampaignID == l.CampaignID {
			out[id] = true
		}
	}
	return out
}

func (st *state) sortedLeads() []*Lead {
	ls := make([]*Lead, 0, len(st.leads))
	for _, l := range st.leads {
		ls = append(ls, l)
	}
	sort.Slice(ls, func(i, j int) bool { return ls[i].LeadID > ls[j].LeadID }) // most recently loaded first
	return ls
}

// duplicate runs add_lead's duplicate_check; it returns an error answer or
// nil.
func (c *call) duplicate(phone string, list int64) *out {
	first := strings.ReplaceAll(strip(c.get("first_name"), reName), "+", " ")
	last := strings.ReplaceAll(strip(c.get("last_name"), reName), "+", " ")
	title, alt := strip(c.get("title"), reText), strip(c.get("alt_phone"), reDigits)
	camp := c.st.campaignLists(list)
	for _, chk := range strings.Split(c.get("duplicate_check"), "-") {
		recent := strings.HasSuffix(chk, "90DAY")
		chk = strings.TrimSuffix(chk, "90DAY")
		for _, l := range c.st.sortedLeads() {
			if recent && c.now.Sub(l.EntryDate) > 90*24*time.Hour {
				continue
			}
			scope := ""
			switch {
			case strings.HasSuffix(chk, "LIST") && l.ListID == list:
				scope = "IN LIST"
			case strings.HasSuffix(chk, "CAMP") && camp[l.ListID]:
				scope = "IN CAMPAIGN LISTS"
			case strings.HasSuffix(chk, "SYS"):
				scope = "IN SYSTEM"
			}
			if scope == "" {
				continue
			}
			switch strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(chk, "LIST"), "CAMP"), "SYS") {
			case "DUP":
				if l.PhoneNumber == phone {
					if scope == "IN LIST" {
						return c.fail("DUPLICATE PHONE NUMBER "+scope, phone, list, l.LeadID)
					}
					return c.fail("DUPLICATE PHONE NUMBER "+scope, phone, list, l.LeadID, l.ListID)
				}
			case "DUPTITLEALTPHONE":
				if title != "" && l.Fields["title"] == title && l.Fields["alt_phone"] == alt {
					return c.fail("DUPLICATE TITLE ALT_PHONE "+scope, title, alt, list, l.LeadID, l.ListID)
				}
			case "DUPNAMEPHONE":
				if l.PhoneNumber == phone && l.Fields["first_name"] == first && l.Fields["last_name"] == last {
					return c.fail("DUPLICATE NAME PHONE "+scope, first, last, phone, list, l.LeadID, l.ListID)
				}
			}
		}
	}
	return nil
}

// phoneChecks runs the length, prefix, area code and DNC checks add_lead and
// check_phone_number share.
func (c *call) phoneChecks(phone string) *out {
	if len(phone) < 6 || len(phone) > 16 {
		return c.fail("INVALID PHONE NUMBER LENGTH", phone, c.user())
	}
	if c.get("usacan_prefix_check") == "Y" && (len(phone) < 4 || phone[3] < '2') {
		return c.fail("INVALID PHONE NUMBER PREFIX", phone, c.user())
	}
	if c.get("usacan_areacode_check") == "Y" {
		if _, ok := c.st.npa[phone[:min(3, len(phone))]]; len(phone) != 10 || !ok {
			return c.fail("INVALID PHONE NUMBER AREACODE", phone, c.user())
		}
	}
	if d := c.get("dnc_check"); (d == "Y" || d == "AREACODE") && c.st.dnc[phone] {
		return c.fail("PHONE NUMBER IN DNC", phone, c.user())
	}
	if d := c.get("campaign_dnc_check"); d == "Y" || d == "AREACODE" {
		camp := strip(c.get("campaign_id"), reID)
		if c.st.campDNC[camp][phone] {
			return c.fail("PHONE NUMBER IN CAMPAIGN DNC", phone, c.user(), camp)
		}
	}
	return nil
}

func (c *call) newLead(phone, code string, list int64) *Lead {
	id := c.st.nextLead
	c.st.nextLead++
	l := &Lead{LeadID: id, ListID: list, PhoneCode: code, PhoneNumber: phone, GMTOffset: c.st.gmtOf(code, phone, c.now),
		User: c.user(), Status: "NEW", Fields: map[string]string{}, Custom: map[string]string{}, EntryDate: c.now}
	if e := strip(c.get("entry_list_id"), reDigits); e != "" {
		l.EntryListID, _ = strconv.ParseInt(e, 10, 64)
	}
	c.leadFieldsFromRequest(l)
	if c.get("lookup_state") == "Y" && l.Fields["state"] == "" && len(phone) == 10 {
		l.Fields["state"] = c.st.npa[phone[:3]].state
	}
	if s := strip(c.get("status"), reID); s != "" {
		l.Status = s
	}
	c.st.leads[id] = l
	return l
}

func addLead(c *call) *out {
	phone := strings.ReplaceAll(strip(c.get("phone_number"), rePhone), ",", "")
	code := strip(c.get("phone_code"), reDigits)
	if code == "" {
		code = "1"
	}
	listS := strip(c.get("list_id"), reDigits)
	if len(listS) < 3 {
		listS = "999"
	}
	list, _ := strconv.ParseInt(listS, 10, 64)
	if e := c.phoneChecks(phone); e != nil {
		return e
	}
	if e := c.duplicate(phone, list); e != nil {
		return e
	}
	l := c.newLead(phone, code, list)
	o := c.ok("LEAD HAS BEEN ADDED", phone, list, l.LeadID, gmtString(l.GMTOffset), c.user())
	if c.get("nanpa_ac_prefix_check") == "Y" {
		o.notice(c.fn, "NANPA options disabled, NANPA prefix data not loaded", 0, c.user())
	}
	c.customFields(o, l, "ADDED")
	if m := c.get("multi_alt_phones"); m != "" {
		l.Fields["multi_alt_phones"] = m
		o.notice(c.fn, "MULTI-ALT-PHONE NUMBERS LOADED", len(strings.Split(m, "!")), c.user(), l.LeadID)
	}
	c.callback(o, l)
	c.hopper(o, l)
	return o
}

func updateLead(c *call) *out {
	method := c.get("search_method")
	if method == "" {
		method = "LEAD_ID"
	}
	lead := strip(c.get("lead_id"), reDigits)
	vlc := strip(c.get("vendor_lead_code"), reText)
	phone := strings.ReplaceAll(strip(c.get("phone_number"), rePhone), ",", "")
	listS := strip(c.get("list_id"), reDigits)
	list, _ := strconv.ParseInt(listS, 10, 64)
	loc := c.get("search_location")
	if listS == "" || loc == "" {
		loc = "SYSTEM"
	}
	var scope map[int64]bool
	switch loc {
	case "LIST":
		scope = map[int64]bool{list: true}
	case "CAMPAIGN":
		scope = c.st.campaignLists(list)
	}
	var matches []*Lead
	find := func(pred func(*Lead) bool) {
		if len(matches) > 0 {
			return
		}
		for _, l := range c.st.sortedLeads() {
			if (scope == nil || scope[l.ListID]) && pred(l) {
				matches = append(matches, l)
			}
		}
	}
	if strings.Contains(method, "LEAD_ID") && lead != "" {
		find(func(l *Lead) bool { return strconv.FormatInt(l.LeadID, 10) == lead })
	}
	if strings.Contains(method, "VENDOR_LEAD_CODE") && vlc != "" {
		find(func(l *Lead) bool { return l.VendorLeadCode == vlc })
	}
	if strings.Contains(method, "PHONE_NUMBER") && phone != "" {
		find(func(l *Lead) bool { return l.PhoneNumber == phone })
	}
	if !strings.Contains(method, "LEAD_ID") && !strings.Contains(method, "VENDOR_LEAD_CODE") && !strings.Contains(method, "PHONE_NUMBER") {
		return c.fail("NO VALID SEARCH METHOD", c.user(), loc, lead, vlc, phone)
	}
	if len(matches) == 0 {
		if c.get("insert_if_not_found") != "Y" {
			return c.fail("NO MATCHES FOUND IN THE SYSTEM", c.user(), lead, vlc, phone)
		}
		code := strip(c.get("phone_code"), reDigits)
		if len(phone) < 6 || code == "" || len(listS) < 3 {
			return c.fail("INVALID DATA FOR LEAD INSERTION", c.user(), phone, code, listS)
		}
		o := new(out).notice(c.fn, "NO MATCHES FOUND IN THE SYSTEM", c.user(), lead, vlc, phone)
		l := c.newLead(phone, code, list)
		o.line("SUCCESS: %s LEAD HAS BEEN ADDED - %s|%d|%d|%s|%s", c.fn, phone, list, l.LeadID, gmtString(l.GMTOffset), c.user())
		o.executed = true
		c.customFields(o, l, "ADDED")
		c.callback(o, l)
		c.hopper(o, l)
		return o
	}
	if c.get("no_update") == "Y" {
		o := new(out)
		for _, l := range matches {
			o.line("NOTICE: %s LEADS FOUND IN THE SYSTEM: |%s|%d|%s|%s|%d|%d", c.fn, c.user(), l.LeadID, l.VendorLeadCode, l.PhoneNumber, l.ListID, l.EntryListID)
		}
		return o
	}
	records := 1
	if r, err := strconv.Atoi(strip(c.get("records"), reDigits)); err == nil && r > 0 {
		records = r
	}
	if len(matches) > records {
		matches = matches[:records]
	}
	if c.get("delete_lead") == "Y" {
		l := matches[0]
		delete(c.st.leads, l.LeadID)
		return c.ok("LEAD HAS BEEN DELETED", l.PhoneNumber, l.ListID, l.LeadID, gmtString(l.GMTOffset), c.user())
	}
	affected := 0
	for _, l := range matches {
		n := c.leadFieldsFromRequest(l)
		if v := strip(c.get("user_field"), reID); v != "" {
			l.User, n = v, n+1
		}
		if v := strip(c.get("list_id_field"), reDigits); v != "" {
			l.ListID, _ = strconv.ParseInt(v, 10, 64)
			n++
		}
		if v := strip(c.get("status"), reID); v != "" {
			l.Status, n = v, n+1
		}
		if c.get("update_phone_number") == "Y" && phone != "" && phone != l.PhoneNumber {
			l.PhoneNumber, n = phone, n+1
		}
		if c.get("reset_lead") == "Y" {
			n++
		}
		if n > 0 {
			affected++
		}
	}
	l := matches[0]
	o := c.ok("LEAD HAS BEEN UPDATED", c.user(), l.LeadID, affected)
	c.customFields(o, l, "UPDATED")
	c.callback(o, l)
	c.hopper(o, l)
	return o
}

func addUser(c *call) *out {
	agent := strip(c.get("agent_user"), reID)
	pass := strip(c.get("agent_pass"), reCred)
	levelS := strip(c.get("agent_user_level"), reDigits)
	name := strings.ReplaceAll(strip(c.get("agent_full_name"), reName), "+", " ")
	group := strip(c.get("agent_user_group"), reID)
	if len(agent) < 2 || pass == "" || len(levelS) != 1 || name == "" || group == "" {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", c.user(), agent, levelS, name, group)
	}
	level, _ := strconv.Atoi(levelS)
	if level < 1 || level > c.u.Level {
		return c.fail("USER DOES NOT HAVE PERMISSION TO ADD USERS IN THIS USER LEVEL", c.user(), level)
	}
	if !c.st.groups[group] {
		return c.fail("USER GROUP DOES NOT EXIST", c.user(), group)
	}
	if agent == "AUTOGENERATED" {
		for {
			c.st.nextUser++
			agent = strconv.Itoa(c.st.nextUser)
			if _, ok := c.st.users[agent]; !ok {
				break
			}
		}
	}
	if _, ok := c.st.users[agent]; ok {
		return c.fail("USER ALREADY EXISTS", c.user(), agent)
	}
	c.st.users[agent] = &userRec{User: User{User: agent, Pass: pass, Level: level, Group: group, FullName: name}}
	return c.ok("USER HAS BEEN ADDED", c.user(), agent, pass, level, strings.ReplaceAll(name, " ", "+"), group)
}

func updateUser(c *call) *out {
	agent := strip(c.get("agent_user"), reID)
	if len(agent) < 2 {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", c.user(), "")
	}
	u, ok := c.st.users[agent]
	if !ok {
		return c.fail("USER DOES NOT EXIST", c.user(), agent)
	}
	if agent != c.user() && u.Level >= c.u.Level && c.u.Level < 9 {
		return c.fail("USER DOES NOT HAVE PERMISSION TO UPDATE THIS USER", c.user(), agent)
	}
	if c.get("delete_user") == "Y" {
		if !c.u.DeleteUsers {
			return c.fail("USER DOES NOT HAVE PERMISSION TO DELETE USERS", c.user(), agent)
		}
		delete(c.st.users, agent)
		delete(c.st.live, agent)
		return c.ok("USER HAS BEEN DELETED", c.user(), agent)
	}
	next := u.User
	n := 0
	if v := c.get("agent_pass"); v != "" {
		next.Pass, n = strip(v, reCred), n+1
	}
	if v := c.get("agent_user_level"); v != "" {
		lv, err := strconv.Atoi(v)
		if err != nil || lv < 1 || lv > 9 || lv > c.u.Level {
			return c.fail("YOU MUST USE A VALID USER LEVEL, THIS IS AN OPTIONAL FIELD", c.user(), v, c.u.Level, 1)
		}
		next.Level, n = lv, n+1
	}
	if v := c.get("agent_full_name"); v != "" {
		next.FullName, n = strings.ReplaceAll(strip(v, reName), "+", " "), n+1
	}
	if v := c.get("agent_user_group"); v != "" {
		if !c.st.groups[v] {
			return c.fail("YOU MUST USE A VALID USER GROUP, THIS IS AN OPTIONAL FIELD", c.user(), v, 0)
		}
		next.Group, n = v, n+1
	}
	if v := c.get("active"); v != "" {
		if v != "Y" && v != "N" {
			return c.fail("ACTIVE MUST BE Y OR N, THIS IS AN OPTIONAL FIELD", c.user())
		}
		next.Inactive, n = v == "N", n+1
	}
	if v := c.get("hotkeys_active"); v != "" {
		if v != "0" && v != "1" {
			return c.fail("YOU MUST USE A VALID HOTKEYS SETTING, THIS IS AN OPTIONAL FIELD", c.user(), v)
		}
		n++
	}
	if v := c.get("wrapup_seconds_override"); v != "" {
		w, err := strconv.Atoi(v)
		if err != nil || w < -1 || w > 9999 {
			return c.fail("wrapup_seconds_override MUST BE A VALID DIGIT BETWEEN -1 AND 9999, THIS IS AN OPTIONAL FIELD", c.user(), v)
		}
		n++
	}
	for _, f := range []string{"phone_login", "phone_pass", "voicemail_id", "email", "custom_one", "custom_two", "custom_three", "custom_four", "custom_five"} {
		if c.get(f) != "" {
			n++
		}
	}
	o := new(out)
	rank, grade := c.get("campaign_rank"), c.get("campaign_grade")
	if rank != "" || grade != "" {
		if r, err := strconv.Atoi(rank); rank != "" && (err != nil || r < -9 || r > 9) {
			return c.fail("YOU MUST USE A VALID CAMPAIGN RANK, THIS IS AN OPTIONAL FIELD", c.user(), rank)
		}
		if g, err := strconv.Atoi(grade); grade != "" && (err != nil || g < 1 || g > 10) {
			return c.fail("YOU MUST USE A VALID CAMPAIGN GRADE, THIS IS AN OPTIONAL FIELD", c.user(), grade)
		}
		if c.get("camp_rg_only") == "1" {
			o.notice(c.fn, "USER CAMPAIGN RANKS HAVE BEEN UPDATED", c.user(), rank, grade, strip(c.get("campaign_id"), reID), 1)
		} else {
			o.notice(c.fn, "USER CAMPAIGN RANKS HAVE BEEN UPDATED", c.user(), rank, grade)
		}
		o.executed = true
	}
	if n == 0 {
		if o.executed {
			return o
		}
		return c.fail("NO UPDATES DEFINED", c.user(), 0)
	}
	u.User = next
	o.line("SUCCESS: %s USER HAS BEEN UPDATED - %s|%s", c.fn, c.user(), agent)
	o.executed = true
	return o
}

func addGroupAlias(c *call) *out {
	cid := strip(c.get("caller_id_number"), reDigits)
	if len(cid) < 6 || len(cid) > 20 {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", c.user(), "", "", cid)
	}
	id := strip(c.get("group_alias_id"), reID)
	if id == "" {
		id = cid
	}
	name := strings.ReplaceAll(strip(c.get("group_alias_name"), reName), "+", " ")
	if name == "" {
		name = cid
	}
	if _, ok := c.st.groupAlias[id]; ok {
		return c.fail("GROUP ALIAS ALREADY EXISTS", c.user(), id)
	}
	c.st.groupAlias[id] = cid
	return c.ok("GROUP ALIAS HAS BEEN ADDED", c.user(), cid, id, name)
}

func addPhone(c *call) *out {
	ext := strip(c.get("extension"), reID)
	ip := strip(c.get("server_ip"), reIP)
	req := []string{"dialplan_number", "voicemail_id", "phone_login", "phone_pass", "protocol", "registration_password", "phone_full_name", "local_gmt", "outbound_cid"}
	vals := []any{c.user(), ext, ip}
	missing := len(ext) < 2 || len(ip) < 7
	for _, f := range req {
		v := c.get(f)
		if f != "phone_pass" && f != "registration_password" {
			vals = append(vals, v)
		} else {
			vals = append(vals, "")
		}
		missing = missing || v == ""
	}
	proto := c.get("protocol")
	if missing || !contains([]string{"IAX2", "SIP", "Zap", "EXTERNAL"}, proto) {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", vals...)
	}
	if !c.st.servers[ip] {
		return c.fail("SERVER DOES NOT EXIST", c.user(), ip)
	}
	if _, ok := c.st.phones[ext+"@"+ip]; ok {
		return c.fail("PHONE ALREADY EXISTS ON THIS SERVER", c.user(), ip, ext)
	}
	p := &Phone{Extension: ext, ServerIP: ip, DialplanNumber: strip(c.get("dialplan_number"), reDigits), VoicemailID: strip(c.get("voicemail_id"), reDigits),
		Login: strip(c.get("phone_login"), reID), Protocol: proto, FullName: strings.ReplaceAll(strip(c.get("phone_full_name"), reName), "+", " "),
		LocalGMT: c.get("local_gmt"), OutboundCID: strip(c.get("outbound_cid"), reDigits), Context: "default", Email: c.get("email"), Active: true}
	if v := strip(c.get("phone_context"), reID); v != "" {
		p.Context = v
	}
	c.st.phones[ext+"@"+ip] = p
	return c.ok("PHONE HAS BEEN ADDED", c.user(), ext, ip, proto, p.DialplanNumber)
}

func updatePhone(c *call) *out {
	ext := strip(c.get("extension"), reID)
	ip := strip(c.get("server_ip"), reIP)
	if len(ext) < 2 || ip == "" {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", c.user(), ext, ip)
	}
	p, ok := c.st.phones[ext+"@"+ip]
	if !ok {
		return c.fail("PHONE DOES NOT EXIST", c.user(), ext, ip)
	}
	if c.get("delete_phone") == "Y" {
		delete(c.st.phones, ext+"@"+ip)
		return c.ok("PHONE HAS BEEN DELETED", c.user(), ext, ip)
	}
	n := 0
	set := func(f string, dst *string, re func(string) string) {
		if v := c.get(f); v != "" {
			*dst, n = re(v), n+1
		}
	}
	id := func(s string) string { return s }
	set("dialplan_number", &p.DialplanNumber, id)
	set("voicemail_id", &p.VoicemailID, id)
	set("phone_login", &p.Login, id)
	set("phone_full_name", &p.FullName, func(s string) string { return strings.ReplaceAll(s, "+", " ") })
	set("local_gmt", &p.LocalGMT, id)
	set("outbound_cid", &p.OutboundCID, id)
	set("phone_context", &p.Context, id)
	set("email", &p.Email, id)
	if v := c.get("protocol"); v != "" {
		if !contains([]string{"IAX2", "SIP", "Zap", "EXTERNAL"}, v) {
			return c.fail("YOU MUST USE A VALID PROTOCOL, THIS IS AN OPTIONAL FIELD", c.user(), v)
		}
		p.Protocol, n = v, n+1
	}
	if v := c.get("active"); v == "Y" || v == "N" {
		p.Active, n = v == "Y", n+1
	}
	for _, f := range []string{"phone_pass", "registration_password", "admin_user_group"} {
		if c.get(f) != "" {
			n++
		}
	}
	if n == 0 {
		return c.fail("NO UPDATES DEFINED", c.user(), ext, ip)
	}
	return c.ok("PHONE HAS BEEN UPDATED", c.user(), ext, ip)
}

func splitLogins(v string) []string {
	var out []string
	for _, l := range strings.Split(v, ",") {
		if l = strip(l, reID); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (c *call) loginsExist(logins []string) string {
	for _, l := range logins {
		found := false
		for _, p := range c.st.phones {
			found = found || p.Login == l
		}
		if !found {
			return l
		}
	}
	return ""
}

func addPhoneAlias(c *call) *out {
	id := strip(c.get("alias_id"), reID)
	logins := splitLogins(c.get("phone_logins"))
	name := strings.ReplaceAll(strip(c.get("alias_name"), reName), "+", " ")
	if len(id) < 2 || len(logins) == 0 || name == "" {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", c.user(), id, strings.Join(logins, ","), name)
	}
	if _, ok := c.st.aliases[id]; ok {
		return c.fail("PHONE ALIAS ALREADY EXISTS", c.user(), id)
	}
	if bad := c.loginsExist(logins); bad != "" {
		return c.fail("PHONE LOGIN DOES NOT EXIST", c.user(), bad)
	}
	c.st.aliases[id], c.st.aliasNames[id] = logins, name
	return c.ok("PHONE ALIAS HAS BEEN ADDED", c.user(), id, strings.Join(logins, ","), name)
}

func updatePhoneAlias(c *call) *out {
	id := strip(c.get("alias_id"), reID)
	if len(id) < 2 {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", c.user(), id)
	}
	if _, ok := c.st.aliases[id]; !ok {
		return c.fail("PHONE ALIAS DOES NOT EXIST", c.user(), id)
	}
	if c.get("delete_alias") == "Y" {
		delete(c.st.aliases, id)
		delete(c.st.aliasNames, id)
		return c.ok("PHONE ALIAS HAS BEEN DELETED", c.user(), id)
	}
	n := 0
	if logins := splitLogins(c.get("phone_logins")); len(logins) > 0 {
		if bad := c.loginsExist(logins); bad != "" {
			return c.fail("PHONE LOGIN DOES NOT EXIST", c.user(), bad)
		}
		c.st.aliases[id], n = logins, n+1
	}
	if v := c.get("alias_name"); v != "" {
		c.st.aliasNames[id], n = strings.ReplaceAll(strip(v, reName), "+", " "), n+1
	}
	if n == 0 {
		return c.fail("NO UPDATES DEFINED", c.user(), id)
	}
	return c.ok("PHONE ALIAS HAS BEEN UPDATED", c.user(), id)
}

func serverRefresh(c *call) *out {
	if strip(c.get("stage"), reAlpha) != "REFRESH" {
		return c.fail("INVALID STAGE", c.user(), strip(c.get("stage"), reAlpha))
	}
	c.st.refreshes++
	return c.ok("SERVER REFRESH HAS BEEN TRIGGERED", c.user(), len(c.st.servers))
}

func addList(c *call) *out {
	listS := strip(c.get("list_id"), reDigits)
	name := strings.ReplaceAll(strip(c.get("list_name"), reName), "+", " ")
	camp := strip(c.get("campaign_id"), reID)
	if len(listS) < 2 || len(listS) > 14 || len(name) < 2 || len(camp) < 2 {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", c.user(), listS, name, camp)
	}
	if _, ok := c.st.campaigns[camp]; !ok {
		return c.fail("CAMPAIGN DOES NOT EXIST", c.user(), camp)
	}
	id, _ := strconv.ParseInt(listS, 10, 64)
	if _, ok := c.st.lists[id]; ok {
		return c.fail("LIST ALREADY EXISTS", c.user(), id)
	}
	c.st.lists[id] = &List{ListID: id, Name: name, CampaignID: camp, Active: c.get("active") != "N",
		Description: strings.ReplaceAll(c.get("list_description"), "+", " ")}
	return c.ok("LIST HAS BEEN ADDED", c.user(), id, camp)
}

func updateList(c *call) *out {
	listS := strip(c.get("list_id"), reDigits)
	if len(listS) < 2 || len(listS) > 14 {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", c.user(), listS)
	}
	id, _ := strconv.ParseInt(listS, 10, 64)
	l, ok := c.st.lists[id]
	if !ok {
		return c.fail("LIST DOES NOT EXIST", c.user(), id)
	}
	o := new(out)
	if c.get("delete_leads") == "Y" {
		n := 0
		for lid, ld := range c.st.leads {
			if ld.ListID == id {
				delete(c.st.leads, lid)
				n++
			}
		}
		o.notice(c.fn, "LEADS IN LIST HAVE BEEN DELETED", c.user(), id, n)
		o.executed = true
	}
	if c.get("delete_list") == "Y" {
		delete(c.st.lists, id)
		o.line("SUCCESS: %s LIST HAS BEEN DELETED - %s|%d", c.fn, c.user(), id)
		o.executed = true
		return o
	}
	n := 0
	if c.get("reset_list") == "Y" {
		cnt := 0
		for _, ld := range c.st.leads {
			if ld.ListID == id {
				cnt++
			}
		}
		o.notice(c.fn, "LIST HAS BEEN RESET", c.user(), id, cnt)
		n++
	}
	if v := c.get("list_name"); v != "" {
		l.Name, n = strings.ReplaceAll(strip(v, reName), "+", " "), n+1
	}
	if v := strip(c.get("campaign_id"), reID); v != "" {
		if _, ok := c.st.campaigns[v]; !ok {
			return c.fail("CAMPAIGN DOES NOT EXIST", c.user(), v)
		}
		l.CampaignID, n = v, n+1
	}
	if v := c.get("active"); v == "Y" || v == "N" {
		l.Active, n = v == "Y", n+1
	}
	if v := c.get("list_description"); v != "" {
		l.Description, n = strings.ReplaceAll(v, "+", " "), n+1
	}
	if c.get("outbound_cid") != "" {
		n++
	}
	if n == 0 {
		if o.executed {
			return o
		}
		return c.fail("NO UPDATES DEFINED", c.user(), id)
	}
	o.line("SUCCESS: %s LIST HAS BEEN UPDATED - %s|%d|%s", c.fn, c.user(), id, l.CampaignID)
	o.executed = true
	return o
}

var postalGMT = map[string]npaInfo{"60601": {-6, true, "IL"}, "33701": {-5, true, "FL"}, "90001": {-8, true, "CA"}, "85001": {-7, false, "AZ"}}

var tzCodes = map[string]npaInfo{"EST": {-5, true, ""}, "CST": {-6, true, ""}, "MST": {-7, true, ""}, "PST": {-8, true, ""}, "AKST": {-9, true, ""}, "HST": {-10, false, ""}}

func checkPhoneNumber(c *call) *out {
	phone := strings.ReplaceAll(strip(c.get("phone_number"), rePhone), ",", "")
	code := strip(c.get("phone_code"), reDigits)
	if code == "" {
		code = "1"
	}
	if e := c.phoneChecks(phone); e != nil {
		return e
	}
	ct := strip(c.get("local_call_time"), reID)
	if _, ok := c.st.callTimes[ct]; !ok {
		return c.failColon("THIS IS NOT A VALID CALL TIME", c.user(), ct)
	}
	gmt := func(n npaInfo) float64 {
		if n.dst && usDST(c.now, n.gmt) {
			return n.gmt + 1
		}
		return n.gmt
	}
	method := c.get("tz_method")
	var seg string
	verdict := func(name string, g float64, ok bool) string {
		if !ok {
			return name + ": 0|"
		}
		d := 0
		if c.st.dialable(ct, g, c.now) {
			d = 1
		}
		return name + ": " + strconv.Itoa(d) + "|" + gmtString(g)
	}
	switch method {
	case "POSTAL":
		n, ok := postalGMT[strip(c.get("postal_code"), reDigits)]
		seg = verdict("POSTAL", gmt(n), ok)
	case "TZCODE":
		n, ok := tzCodes[strings.ToUpper(strip(c.get("owner"), reAlpha))]
		seg = verdict("TZCODE", gmt(n), ok)
	case "NANPA":
		seg = "NANPA: 0|"
	default:
		seg = verdict("AREACODE", c.st.gmtOf(code, phone, c.now), true)
	}
	return lineOut("%s#PHONE: %s|%s|%s|%s|%s|", seg, phone, code, strip(c.get("postal_code"), reDigits),
		strip(c.get("state"), reAlpha), strip(c.get("owner"), reID))
}

func updateCampaign(c *call) *out {
	camp := strip(c.get("campaign_id"), reID)
	if len(camp) < 2 {
		return c.fail("YOU MUST USE ALL REQUIRED FIELDS", c.user(), camp)
	}
	s, ok := c.st.campaigns[camp]
	if !ok {
		return c.fail("CAMPAIGN DOES NOT EXIST", c.user(), camp)
	}
	next := cloneMap(s)
	n := 0
	for _, f := range []string{"campaign_name", "active", "dial_method", "auto_dial_level", "hopper_level", "dial_timeout"} {
		if v := c.get(f); v != "" {
			if f == "active" && v != "Y" && v != "N" {
				return c.fail("ACTIVE MUST BE Y OR N, THIS IS AN OPTIONAL FIELD", c.user(), v)
			}
			next[f], n = strings.ReplaceAll(v, "+", " "), n+1
		}
	}
	o := new(out)
	if c.get("reset_hopper") == "Y" {
		for _, l := range c.st.leads {
			if c.st.lists[l.ListID] != nil && c.st.lists[l.ListID].CampaignID == camp {
				l.InHopper = false
			}
		}
		o.notice(c.fn, "HOPPER HAS BEEN RESET", c.user(), camp)
		n++
	}
	if n == 0 {
		return c.fail("NO UPDATES DEFINED", c.user(), camp)
	}
	c.st.campaigns[camp] = next
	o.line("SUCCESS: %s CAMPAIGN HAS BEEN UPDATED - %s|%s", c.fn, c.user(), camp)
	o.executed = true
	return o
}

var didRoutes = []string{"EXTEN", "VOICEMAIL", "AGENT", "PHONE", "IN_GROUP", "CALLMENU", "VMAIL_NO_INST"}

// didSettings applies add_did/update_did fields to d; it returns an error
// answer or nil.
func (c *call) didSettings(d *InboundDID) *out {
	if v := c.get("did_description"); v != "" {
		v = strings.ReplaceAll(strip(v, reText), "+", " ")
		if len(v) < 6 || len(v) > 50 {
			return c.fail("DID DESCRIPTION MUST BE FROM 6 TO 50 CHARACTERS, THIS IS AN OPTIONAL FIELD", c.user(), v)
		}
		d.Description = v
	}
	if v := c.get("active"); v != "" {
		if v != "Y" && v != "N" {
			return c.fail("ACTIVE MUST BE Y OR N, THIS IS AN OPTIONAL FIELD", c.user(), v)
		}
		d.Active = v == "Y"
	}
	if v := c.get("did_route"); v != "" {
		if !contains(didRoutes, v) {
			return c.fail("DID ROUTE IS NOT VALID, THIS IS AN OPTIONAL FIELD", c.user(), v)
		}
		d.Route = v
	}
	if v := c.get("record_call"); v != "" {
		if !contains([]string{"Y", "N", "Y_QUEUESTOP"}, v) {
			return c.fail("RECORD CALL IS NOT VALID, THIS IS AN OPTIONAL FIELD", c.user(), v)
		}
		d.RecordCall = v
	}
	if v := strip(c.get("group"), reID); v != "" {
		if _, ok := c.st.inGroups[v]; !ok {
			return c.fail("GROUP ID MUST BE A VALID INBOUND GROUP IN THE SYSTEM", c.user(), v)
		}
		d.Group = v
	}
	if v := strip(c.get("menu_id"), reID); v != "" && c.s.cfg.build >= "210217" {
		d.MenuID = v
	}
	for f, dst := range map[string]*string{"extension": &d.Extension, "exten_context": &d.Context, "voicemail_ext": &d.Voicemail,
		"phone_extension": &d.PhoneExten, "server_ip": &d.ServerIP} {
		if v := c.get(f); v != "" {
			*dst = v
		}
	}
	for _, f := range []string{"filter_clean_cid_number", "call_handle_method", "agent_search_method", "list_id", "entry_list_id", "campaign_id", "phone_code"} {
		if v := c.get(f); v != "" {
			d.Fields[f] = v
		}
	}
	return nil
}

func addDID(c *call) *out {
	pattern := strip(c.get("did_pattern"), reDID)
	if len(pattern) < 2 || len(pattern) > 50 {
		return c.fail("DID PATTERN MUST BE FROM 2 TO 50 CHARACTERS", c.user(), pattern)
	}
	if _, ok := c.st.dids[pattern]; ok {
		return c.fail("DID ALREADY EXISTS", c.user(), pattern)
	}
	d := &InboundDID{Pattern: pattern, Description: pattern, Active: true, Route: "EXTEN", Extension: "9998811112", Context: "default", RecordCall: "N", Fields: map[string]string{}}
	if e := c.didSettings(d); e != nil {
		return e
	}
	c.st.dids[pattern] = d
	return c.ok("DID HAS BEEN ADDED", c.user(), pattern)
}

func updateDID(c *call) *out {
	pattern := strip(c.get("did_pattern"), reDID)
	d, ok := c.st.dids[pattern]
	if len(pattern) < 2 || !ok {
		return c.fail("DID DOES NOT EXIST", c.user(), pattern)
	}
	if c.get("delete_did") == "Y" && c.s.cfg.build >= "201113" {
		delete(c.st.dids, pattern)
		return c.ok("DID HAS BEEN DELETED", c.user(), pattern)
	}
	next := *d
	next.Fields = cloneMap(d.Fields)
	if e := c.didSettings(&next); e != nil {
		return e
	}
	*d = next
	return c.ok("DID HAS BEEN UPDATED", c.user(), pattern)
}

func copyDID(c *call) *out {
	pattern := strip(c.get("did_pattern"), reDID)
	src := strip(c.get("source_did_pattern"), reDID)
	s, ok := c.st.dids[src]
	if !ok {
		return c.fail("SOURCE DID DOES NOT EXIST", c.user(), src)
	}
	if len(pattern) < 2 || len(pattern) > 50 {
		return c.fail("DID PATTERN MUST BE FROM 2 TO 50 CHARACTERS", c.user(), pattern)
	}
	if _, ok := c.st.dids[pattern]; ok {
		return c.fail("DID ALREADY EXISTS", c.user(), pattern)
	}
	d := *s
	d.Pattern = pattern
	d.Fields = cloneMap(s.Fields)
	if v := c.get("did_description"); v != "" {
		d.Description = strings.ReplaceAll(v, "+", " ")
	}
	c.st.dids[pattern] = &d
	return c.ok("DID HAS BEEN COPIED", c.user(), pattern, src)
}
