package vicidialtest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// call is one authenticated request being answered.
type call struct {
	s   *Server
	st  *state
	fn  string
	get func(string) string
	u   *userRec
	now time.Time
}

func (c *call) user() string { return c.u.User.User }

func join(data []any) string {
	parts := make([]string, len(data))
	for i, d := range data {
		parts[i] = fmt.Sprint(d)
	}
	return strings.Join(parts, "|")
}

// fail prints "ERROR: fn MSG - a|b" (the documented separator).
func (c *call) fail(msg string, data ...any) *out {
	return lineOut("ERROR: %s %s - %s", c.fn, msg, join(data))
}

// failColon prints "ERROR: fn MSG: |a|b|" (the separator of most
// permission and many validation errors in the server code).
func (c *call) failColon(msg string, data ...any) *out {
	return lineOut("ERROR: %s %s: |%s|", c.fn, msg, join(data))
}

// failBare prints "ERROR: fn MSG: a|b" (the third shape).
func (c *call) failBare(msg string, data ...any) *out {
	return lineOut("ERROR: %s %s: %s", c.fn, msg, join(data))
}

func (c *call) ok(msg string, data ...any) *out {
	o := lineOut("SUCCESS: %s %s - %s", c.fn, msg, join(data))
	o.executed = true
	return o
}

func (o *out) notice(fn, msg string, data ...any) *out {
	return o.line("NOTICE: %s %s - %s", fn, msg, join(data))
}

// export prints rows with the stage's delimiter, and the header when
// header=YES.
func (c *call) export(header []string, rows [][]string) *out {
	sep := "|"
	switch strip(c.get("stage"), reAlpha) {
	case "csv":
		sep = ","
	case "tab":
		sep = "\t"
	}
	o := new(out)
	if c.get("header") == "YES" {
		o.line("%s", strings.Join(header, sep))
	}
	for _, r := range rows {
		o.line("%s", strings.Join(r, sep))
	}
	return o
}

type handler struct {
	level    int
	perm     func(*User) bool
	permText string
	minBuild string
	run      func(*call) *out
}

var handlers map[string]handler

func viewReports(u *User) bool     { return u.ViewReports }
func modifyLeads(u *User) bool     { return u.ModifyLeads }
func modifyUsers(u *User) bool     { return u.ModifyUsers }
func astAdmin(u *User) bool        { return u.AstAdminAccess }
func modifyLists(u *User) bool     { return u.ModifyLists }
func modifyCampaigns(u *User) bool { return u.ModifyCampaigns }
func modifyDIDs(u *User) bool      { return u.ModifyDIDs }

func init() {
	handlers = map[string]handler{
		"sounds_list":        {level: 7, permText: "VIEW SOUNDS LIST", run: soundsList},
		"moh_list":           {level: 7, permText: "VIEW SOUNDS LIST", run: mohList},
		"vm_list":            {level: 7, permText: "VIEW VOICEMAIL BOXES LIST", run: vmList},
		"blind_monitor":      {level: 7, permText: "BLIND MONITOR", run: blindMonitor},
		"agent_ingroup_info": {level: 7, permText: "GET AGENT INFO", run: agentInGroupInfo},
		"recording_lookup":   {level: 7, perm: viewReports, permText: "GET RECORDING INFO", run: recordingLookup},
		"did_log_export":     {level: 7, perm: viewReports, permText: "GET DID INFO", run: didLogExport},
		"phone_number_log":   {level: 7, perm: viewReports, permText: "GET CALL LOG INFO", run: phoneNumberLog},
		"agent_stats_export": {level: 7, perm: viewReports, permText: "GET AGENT INFO", run: agentStatsExport},
		"user_group_status":  {level: 7, perm: viewReports, permText: "GET USER GROUP INFO", run: userGroupStatus},
		"in_group_status":    {level: 7, perm: viewReports, permText: "GET IN-GROUP INFO", run: inGroupStatus},
		"agent_status":       {level: 7, perm: viewReports, permText: "GET AGENT INFO", run: agentStatus},
		"callid_info":        {level: 7, perm: viewReports, permText: "GET CALL INFO", run: callidInfo},
		"logged_in_agents":   {level: 7, perm: viewReports, permText: "GET AGENT INFO", run: loggedInAgents},
		"lead_field_info":    {level: 7, perm: modifyLeads, permText: "GET LEAD INFO", run: leadFieldInfo},
		"update_log_entry":   {level: 8, perm: modifyLeads, permText: "UPDATE LOGS", run: updateLogEntry},
		"add_lead":           {level: 8, perm: modifyLeads, permText: "ADD LEADS TO THE SYSTEM", run: addLead},
		"update_lead":        {level: 8, perm: modifyLeads, permText: "UPDATE LEADS IN THE SYSTEM", run: updateLead},
		"add_user":           {level: 8, perm: modifyUsers, permText: "ADD USERS", run: addUser},
		"update_user":        {level: 8, perm: modifyUsers, permText: "UPDATE USERS", run: updateUser},
		"add_group_alias":    {level: 8, perm: astAdmin, permText: "ADD GROUP ALIASES", run: addGroupAlias},
		"add_phone":          {level: 8, perm: astAdmin, permText: "ADD PHONES", run: addPhone},
		"update_phone":       {level: 8, perm: astAdmin, permText: "UPDATE PHONES", run: updatePhone},
		"add_phone_alias":    {level: 8, perm: astAdmin, permText: "ADD PHONE ALIASES", run: addPhoneAlias},
		"update_phone_alias": {level: 8, perm: astAdmin, permText: "UPDATE PHONE ALIASES", run: updatePhoneAlias},
		"server_refresh":     {level: 8, perm: astAdmin, permText: "REFRESH SERVERS", run: serverRefresh},
		"add_list":           {level: 8, perm: modifyLists, permText: "ADD LISTS", run: addList},
		"update_list":        {level: 8, perm: modifyLists, permText: "UPDATE LISTS", run: updateList},
		"check_phone_number": {level: 8, permText: "CHECK PHONE NUMBERS", run: checkPhoneNumber},
		"update_campaign":    {level: 8, perm: modifyCampaigns, permText: "UPDATE CAMPAIGNS", run: updateCampaign},
		"update_did":         {level: 8, perm: modifyDIDs, permText: "UPDATE DIDS", minBuild: "180331", run: updateDID},
		"add_did":            {level: 8, perm: modifyDIDs, permText: "ADD DIDS", minBuild: "210209", run: addDID},
		"copy_did":           {level: 8, perm: modifyDIDs, permText: "COPY DIDS", minBuild: "240730", run: copyDID},
	}
}

// Functions lists every function the fake answers (at the newest build),
// version included.
func Functions() []string {
	out := []string{"version"}
	for k := range handlers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// --- sounds, music on hold, voicemail ---

var sounds = [][3]string{{"welcome.wav", "2017-05-02 10:11:12", "48044"}, {"holdmusic.gsm", "2017-04-01 08:00:00", "200100"}, {"closed.wav", "2017-05-20 17:30:00", "30212"}}

func soundsList(c *call) *out {
	if !c.s.cfg.soundCtl {
		return lineOut("ERROR: sounds_list CENTRAL SOUND CONTROL IS NOT ACTIVE")
	}
	list := append([][3]string(nil), sounds...)
	switch strip(c.get("stage"), reAlpha) {
	case "date":
		sort.Slice(list, func(i, j int) bool { return list[i][1] > list[j][1] })
	case "size":
		sort.Slice(list, func(i, j int) bool { a, _ := strconv.Atoi(list[i][2]); b, _ := strconv.Atoi(list[j][2]); return a > b })
	default:
		sort.Slice(list, func(i, j int) bool { return list[i][0] < list[j][0] })
	}
	o := new(out)
	switch c.get("format") {
	case "selectframe":
		o.line("<html><head><title>sounds</title></head><body><select name=\"%s\">", strip(c.get("comments"), reID))
		for _, f := range list {
			o.line("<option value=\"%s\">%s</option>", strings.TrimSuffix(strings.TrimSuffix(f[0], ".wav"), ".gsm"), f[0])
		}
		o.line("</select></body></html>")
	case "link":
		for _, f := range list {
			o.line("<a href=\"/sounds/%s\">%s</a><br>", f[0], f[0])
		}
	default:
		for _, f := range list {
			o.line("%s\t%s\t%s", f[0], f[1], f[2])
		}
	}
	return o
}

func mohList(c *call) *out {
	if !c.s.cfg.soundCtl {
		return lineOut("ERROR: moh_list CENTRAL SOUND CONTROL IS NOT ACTIVE")
	}
	o := lineOut("<html><head><title>moh</title></head><body><select name=\"%s\">", strip(c.get("comments"), reID))
	for _, m := range []string{"default", "jazz", "silence"} {
		o.line("<option value=\"%s\">%s</option>", m, m)
	}
	return o.line("</select></body></html>")
}

func vmList(c *call) *out {
	if !c.s.cfg.soundCtl {
		return lineOut("ERROR: vm_list CENTRAL SOUND CONTROL IS NOT ACTIVE")
	}
	o := lineOut("<html><head><title>vm</title></head><body><select name=\"%s\">", strip(c.get("comments"), reID))
	for _, p := range c.st.sortedPhones() {
		o.line("<option value=\"%s\">%s - %s</option>", p.VoicemailID, p.VoicemailID, p.FullName)
	}
	return o.line("</select></body></html>")
}

func (st *state) sortedPhones() []*Phone {
	keys := make([]string, 0, len(st.phones))
	for k := range st.phones {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*Phone, len(keys))
	for i, k := range keys {
		out[i] = st.phones[k]
	}
	return out
}

// --- calls and agents ---

func blindMonitor(c *call) *out {
	login := strip(c.get("phone_login"), reID)
	session := strip(c.get("session_id"), reDigits)
	ip := strip(c.get("server_ip"), reIP)
	var ph *Phone
	for _, p := range c.st.phones {
		if p.Login == login {
			ph = p
		}
	}
	if ph == nil {
		return c.fail("INVALID PHONE LOGIN", login)
	}
	var live bool
	for _, a := range c.st.live {
		if a.SessionID == session && (ip == "" || a.ServerIP == ip) {
			live = true
		}
	}
	if len(session) != 7 || !live {
		return c.fail("INVALID SESSION ID", session)
	}
	octets := strings.Split(ip+"...", ".")
	var dial []string
	for _, o := range octets[:4] {
		n, _ := strconv.Atoi(o)
		dial = append(dial, fmt.Sprintf("%03d", n))
	}
	return c.ok("HAS BEEN LAUNCHED", login, strings.Join(dial, "*")+"*"+ph.DialplanNumber, session)
}

func agentInGroupInfo(c *call) *out {
	agent := strip(c.get("agent_user"), reID)
	a, ok := c.st.live[agent]
	if len(agent) < 2 || !ok {
		return c.fail("INVALID USER ID", agent, c.user())
	}
	stage := strip(c.get("stage"), reAlpha)
	if stage == "text" {
		return lineOut("%s|%s|%s|%s", a.User, a.CampaignID, strings.Join(a.InGroups, " "), a.Status)
	}
	o := lineOut("<table><tr><td>Agent</td><td>%s</td></tr><tr><td>Campaign</td><td>%s</td></tr>", a.User, a.CampaignID)
	if stage == "change" {
		o.line("<tr><td>In-groups</td><td><select multiple name=\"ingroups\">")
		for g := range c.st.inGroups {
			sel := ""
			if contains(a.InGroups, g) {
				sel = " selected"
			}
			o.line("<option%s>%s</option>", sel, g)
		}
		o.line("</select></td></tr>")
	} else {
		o.line("<tr><td>In-groups</td><td>%s</td></tr>", strings.Join(a.InGroups, " "))
	}
	return o.line("</table>")
}

func recordingLookup(c *call) *out {
	agent := strip(c.get("agent_user"), reID)
	lead := strip(c.get("lead_id"), reDigits)
	date := strip(c.get("date"), reDate)
	uid := strip(c.get("uniqueid"), reAlnumDot)
	if agent == "" && lead == "" && date == "" && uid == "" || date != "" && len(date) != 10 {
		return c.fail("INVALID SEARCH PARAMETERS", c.user(), agent, lead, date, "")
	}
	var rows [][]string
	for _, r := range c.st.recs {
		if (agent == "" || r.User == agent) && (lead == "" || strconv.FormatInt(r.LeadID, 10) == lead) &&
			(date == "" || r.Start.Format(time.DateOnly) == date) && (uid == "" || r.UniqueID == uid) {
			rows = append(rows, []string{r.Start.Format(time.DateTime), r.User, strconv.FormatInt(r.ID, 10), strconv.FormatInt(r.LeadID, 10), r.Location})
		}
	}
	if len(rows) == 0 {
		return c.fail("NO RECORDINGS FOUND", c.user(), agent, lead, date, "")
	}
	return c.export([]string{"start_time", "user", "recording_id", "lead_id", "location"}, rows)
}

func didLogExport(c *call) *out {
	did := strip(c.get("phone_number"), rePhone)
	date := strip(c.get("date"), reDate)
	if len(did) < 1 || len(did) > 20 || len(date) != 10 {
		return c.failBare("INVALID SEARCH PARAMETERS", c.user(), did, date)
	}
	var rows [][]string
	for _, r := range c.st.didLog {
		if r.DID == did && r.CallDate.Format(time.DateOnly) == date {
			// the server code swaps call_date and caller_id_number: the rows
			// print DID|caller id|date|length under the documented header
			rows = append(rows, []string{r.DID, r.CallerID, r.CallDate.Format(time.DateTime), strconv.Itoa(r.Length)})
		}
	}
	if len(rows) == 0 {
		return c.fail("NO RECORDS FOUND", c.user(), "", "", date)
	}
	return c.export([]string{"did_number", "call_date", "caller_id_number", "length_in_sec"}, rows)
}

func phoneNumberLog(c *call) *out {
	raw := strip(c.get("phone_number"), rePhone)
	var nums []string
	for _, n := range strings.Split(raw, ",") {
		if len(n) >= 6 {
			nums = append(nums, n)
		}
	}
	if len(nums) == 0 {
		return c.fail("NO VALID PHONE NUMBERS DEFINED", c.user(), raw, "")
	}
	typ := strip(c.get("type"), reAlpha)
	if typ == "" {
		typ = "OUT"
	}
	last := c.get("detail") == "LAST"
	var rows [][]string
	for _, n := range nums {
		var mine [][]string
		for _, r := range c.st.phoneLog {
			if r.PhoneNumber != n || typ == "IN" && !r.Inbound || typ == "OUT" && r.Inbound {
				continue
			}
			mine = append(mine, []string{r.PhoneNumber, r.CallDate.Format(time.DateTime), strconv.FormatInt(r.ListID, 10),
				strconv.Itoa(r.Length), r.LeadStatus, r.HangupReason, r.CallStatus, r.SourceID, r.User})
		}
		if last && len(mine) > 1 {
			mine = mine[len(mine)-1:]
		}
		rows = append(rows, mine...)
	}
	if len(rows) == 0 {
		return c.fail("NO RECORDS FOUND", c.user(), raw, "")
	}
	return c.export([]string{"phone_number", "call_date", "list_id", "length_in_sec", "lead_status", "hangup_reason",
		"call_status", "source_id", "user"}, rows)
}

func fmtDur(sec int, f string) string {
	switch f {
	case "S":
		return strconv.Itoa(sec)
	case "M":
		return fmt.Sprintf("%d:%02d", sec/60, sec%60)
	case "H":
		if sec == 0 {
			return "0"
		}
	}
	return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec/60%60, sec%60)
}

func agentStatsExport(c *call) *out {
	start, err1 := time.Parse(time.DateTime, strip(c.get("datetime_start"), reDatetime))
	end, err2 := time.Parse(time.DateTime, strip(c.get("datetime_end"), reDatetime))
	agent := strip(c.get("agent_user"), reID)
	if err1 != nil || err2 != nil || end.Before(start) {
		return c.fail("INVALID SEARCH PARAMETERS", c.user(), agent, c.get("datetime_start"), c.get("datetime_end"))
	}
	tf := strip(c.get("time_format"), reAlpha)
	if tf == "" {
		tf = "HF"
	}
	var rows [][]string
	for _, s := range c.st.stats {
		if agent != "" && s.User != agent || s.Day.Add(12*time.Hour).Before(start) || s.Day.Add(12*time.Hour).After(end) {
			continue
		}
		u := c.st.users[s.User]
		avgTalk, avgWait, avgSess, avgPause := 0, 0, 0, 0
		if s.Calls > 0 {
			avgTalk, avgWait = s.Talk/s.Calls, s.Wait/s.Calls
		}
		if s.Sessions > 0 {
			avgSess = s.Login / s.Sessions
		}
		if s.Pauses > 0 {
			avgPause = s.Pause / s.Pauses
		}
		pctQueue := fmt.Sprintf("%.1f%%", float64(s.Talk)*100/float64(max(s.Login, 1)))
		pausePct := fmt.Sprintf("%.1f%%", float64(s.Pause)*100/float64(max(s.Login, 1)))
		pps := strconv.Itoa(s.Pauses / max(s.Sessions, 1))
		rows = append(rows, []string{s.User, u.FullName, u.Group, strconv.Itoa(s.Calls), fmtDur(s.Login, tf), fmtDur(s.Talk, tf),
			fmtDur(avgTalk, tf), fmtDur(avgWait, tf), pctQueue, fmtDur(s.Pause, tf), strconv.Itoa(s.Sessions), fmtDur(avgSess, tf),
			strconv.Itoa(s.Pauses), fmtDur(avgPause, tf), pausePct, pps, fmtDur(s.Wait, tf)})
	}
	if len(rows) == 0 {
		return c.fail("NO RECORDS FOUND", c.user(), agent, start.Format(time.DateTime), end.Format(time.DateTime))
	}
	return c.export(strings.Split("user|full_name|user_group|calls|login_time|total_talk_time|avg_talk_time|avg_wait_time|pct_of_queue|pause_time|sessions|avg_session|pauses|avg_pause_time|pause_pct|pauses_per_session|total_wait_time", "|"), rows)
}

func splitGroups(v string) []string {
	var out []string
	for _, g := range strings.Split(v, "|") {
		if g = strip(g, reID); g != "" {
			out = append(out, g)
		}
	}
	return out
}

func userGroupStatus(c *call) *out {
	groups := splitGroups(c.get("user_groups"))
	if len(groups) == 0 {
		return c.fail("INVALID SEARCH PARAMETERS", c.user(), "")
	}
	var logged, incall, waiting, paused, dead, dispo int
	for _, a := range c.st.live {
		if u := c.st.users[a.User]; u == nil || !contains(groups, u.Group) {
			continue
		}
		logged++
		switch a.Status {
		case "INCALL":
			incall++
		case "READY", "CLOSER":
			waiting++
		case "PAUSED":
			paused++
		}
		switch a.SubStatus {
		case "DEAD":
			dead++
		case "DISPO":
			dispo++
		}
	}
	waitingCalls := 0
	for _, n := range c.st.inGroups {
		waitingCalls += n
	}
	row := []string{strings.Join(groups, " "), strconv.Itoa(waitingCalls), strconv.Itoa(logged), strconv.Itoa(incall),
		strconv.Itoa(waiting), strconv.Itoa(paused), strconv.Itoa(dead), strconv.Itoa(dispo)}
	return c.export(strings.Split("usergroups|calls_waiting|agents_logged_in|agents_in_calls|agents_waiting|agents_paused|agents_in_dead_calls|agents_in_dispo", "|"), [][]string{row})
}

func inGroupStatus(c *call) *out {
	groups := splitGroups(c.get("in_groups"))
	var known []string
	for _, g := range groups {
		if _, ok := c.st.inGroups[g]; ok {
			known = append(known, g)
		}
	}
	if len(known) == 0 {
		return c.fail("INVALID SEARCH PARAMETERS", c.user(), "")
	}
	var total, waitingCalls, logged, incall, waiting, paused, dispo int
	for _, g := range known {
		waitingCalls += c.st.inGroups[g]
		for _, l := range c.st.logs {
			if l.Closer && l.Group == g {
				total++
			}
		}
	}
	total += waitingCalls
	for _, a := range c.st.live {
		in := false
		for _, g := range a.InGroups {
			in = in || contains(known, g)
		}
		if !in {
			continue
		}
		logged++
		switch a.Status {
		case "INCALL":
			incall++
		case "READY", "CLOSER":
			waiting++
		case "PAUSED":
			paused++
		}
		if a.SubStatus == "DISPO" {
			dispo++
		}
	}
	row := []string{strings.Join(known, " "), strconv.Itoa(total), strconv.Itoa(waitingCalls), strconv.Itoa(logged),
		strconv.Itoa(incall), strconv.Itoa(waiting), strconv.Itoa(paused), strconv.Itoa(dispo)}
	return c.export(strings.Split("ingroups|total_calls|calls_waiting|agents_logged_in|agents_in_calls|agents_waiting|agents_paused|agents_in_dispo", "|"), [][]string{row})
}

func agentStatus(c *call) *out {
	agent := strip(c.get("agent_user"), reID)
	if len(agent) < 2 {
		return c.fail("INVALID SEARCH PARAMETERS", c.user(), agent)
	}
	u, ok := c.st.users[agent]
	if !ok {
		return c.fail("AGENT NOT FOUND", c.user(), agent)
	}
	a, ok := c.st.live[agent]
	if !ok {
		return c.fail("AGENT NOT LOGGED IN", c.user(), agent)
	}
	row := []string{a.Status, a.CallID, itoa64(a.LeadID), a.CampaignID, strconv.Itoa(a.CallsToday), u.FullName, u.Group,
		strconv.Itoa(u.Level), a.PauseCode, a.SubStatus, a.Phone, a.VendorLeadCode, a.SessionID}
	return c.export(strings.Split("status|call_id|lead_id|campaign_id|calls_today|full_name|user_group|user_level|pause_code|real_time_sub_status|phone_number|vendor_lead_code|session_id", "|"), [][]string{row})
}

func itoa64(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func loggedInAgents(c *call) *out {
	camps := splitGroups(c.get("campaigns"))
	groups := splitGroups(c.get("user_groups"))
	sub := c.get("show_sub_status") == "YES"
	var users []string
	for u := range c.st.live {
		users = append(users, u)
	}
	sort.Strings(users)
	var rows [][]string
	for _, name := range users {
		a, u := c.st.live[name], c.st.users[name]
		if len(camps) > 0 && !contains(camps, a.CampaignID) || len(groups) > 0 && !contains(groups, u.Group) {
			continue
		}
		row := []string{a.User, a.CampaignID, a.SessionID, a.Status, itoa64(a.LeadID), a.CallerID, strconv.Itoa(a.CallsToday),
			u.FullName, u.Group, strconv.Itoa(u.Level)}
		if sub {
			row = append(row, a.PauseCode, a.SubStatus)
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return c.fail("NO RECORDS FOUND", c.user(), strings.Join(camps, " "), strings.Join(groups, " "))
	}
	h := strings.Split("user|campaign_id|session_id|status|lead_id|callerid|calls_today|full_name|user_group|user_level", "|")
	if sub {
		h = append(h, "pause_code", "sub_status")
	}
	return c.export(h, rows)
}

func callidInfo(c *call) *out {
	id := strip(c.get("call_id"), reAlnumDot)
	if len(id) < 16 || len(id) > 40 {
		return c.fail("INVALID SEARCH PARAMETERS", c.user(), id)
	}
	var e *logEntry
	for _, l := range c.st.logs {
		if l.CallID == id {
			e = l
		}
	}
	if e == nil {
		return c.fail("CALL NOT FOUND", c.user(), id)
	}
	h := []string{"call_id", "custtime"}
	row := []string{e.CallID, strconv.Itoa(e.CustTime)}
	if c.get("detail") == "YES" {
		h = append(h, "call_date", "campaign_id", "list_id", "status", "user", "phone")
		row = append(row, e.CallDate.Format(time.DateTime), e.Group, strconv.FormatInt(e.ListID, 10), e.Status, e.User, e.Phone)
	}
	return c.export(h, [][]string{row})
}

func leadFieldInfo(c *call) *out {
	id, _ := strconv.ParseInt(strip(c.get("lead_id"), reDigits), 10, 64)
	field := strip(c.get("field_name"), reID)
	if id == 0 || field == "" {
		return c.fail("INVALID SEARCH PARAMETERS", c.user(), "")
	}
	l, ok := c.st.leads[id]
	if !ok {
		return c.fail("LEAD NOT FOUND", c.user(), id)
	}
	if c.get("custom_fields") == "Y" {
		v, ok := l.Custom[field]
		if !ok {
			return c.fail("LEAD FIELD NOT FOUND", c.user(), field)
		}
		return lineOut("%s", v)
	}
	var v string
	switch field {
	case "lead_id":
		v = strconv.FormatInt(l.LeadID, 10)
	case "list_id":
		v = strconv.FormatInt(l.ListID, 10)
	case "phone_number":
		v = l.PhoneNumber
	case "phone_code":
		v = l.PhoneCode
	case "status":
		v = l.Status
	case "vendor_lead_code":
		v = l.VendorLeadCode
	case "user":
		v = l.User
	case "gmt_offset_now":
		v = strconv.FormatFloat(l.GMTOffset, 'f', 2, 64)
	default:
		if !leadColumns[field] {
			return c.fail("LEAD FIELD NOT FOUND", c.user(), field)
		}
		v = l.Fields[field]
	}
	if v == "" {
		return new(out) // an empty field prints nothing
	}
	return lineOut("%s", v)
}

var leadColumns = map[string]bool{}

func init() {
	for _, f := range strings.Fields("source_id title first_name middle_initial last_name address1 address2 address3 city state province postal_code country_code gender date_of_birth alt_phone email security_phrase comments rank owner called_count multi_alt_phones") {
		leadColumns[f] = true
	}
}

func updateLogEntry(c *call) *out {
	id := strip(c.get("call_id"), reAlnumDot)
	group := strip(c.get("group"), reID)
	status := strip(c.get("status"), reID)
	if id == "" || group == "" || status == "" {
		return c.fail("INVALID SEARCH PARAMETERS", c.user(), "")
	}
	if _, camp := c.st.campaigns[group]; !camp {
		if _, in := c.st.inGroups[group]; !in {
			return c.fail("GROUP NOT FOUND", c.user(), group)
		}
	}
	var e *logEntry
	for _, l := range c.st.logs {
		if (l.CallID == id || l.UniqueID == id) && l.Group == group {
			e = l
		}
	}
	if e == nil {
		return c.fail("NO RECORDS FOUND", c.user(), group, id, status)
	}
	if e.Status == status {
		return c.fail("NO RECORDS UPDATED", c.user(), group, e.CallID, status, e.Status, e.UniqueID)
	}
	old := e.Status
	e.Status = status
	return c.ok("RECORD HAS BEEN UPDATED", c.user(), e.User, group, e.CallID, status, old, e.UniqueID+"|")
}
