package goautodialtest

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// call is one request being executed (under s.mu).
type call struct {
	s          *Server
	action     string
	get        func(string) string
	user, pass string
	u          *User
}

// result is what an action answers, before encoding.
type result struct {
	o obj
	// raw is a body printed as is (the legacy empty list: nothing).
	raw     *string
	notices string
}

func fail(msg string) result { return result{o: obj{{"result", msg}}} }

func apiError(msg string) result { return result{o: obj{{"result", "error"}, {"message", msg}}} }

func success() result { return result{o: obj{{"result", "success"}}} }

// render encodes the answer as responsetype asks: json, xml or (missing)
// the default XML in the server's envelope, whose single-quoted PHP
// string prints a literal \n.
func (r result) render(responsetype string, legacy bool) string {
	if r.raw != nil {
		return *r.raw
	}
	switch strings.ToLower(responsetype) {
	case "json":
		return r.notices + phpJSON(r.o)
	case "", "xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>\n<result>`)
		for _, e := range r.o {
			if s, ok := e.v.(string); ok {
				b.WriteString("<" + e.k + ">" + xmlEscape(s) + "</" + e.k + ">")
			}
		}
		b.WriteString(`</result>\n`)
		return r.notices + b.String()
	}
	return "result=error;message=This API function only accepts XML or JSON value on responsetype;"
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// specialClass is the server's special-character class as the bytes PCRE
// sees without /u: the ASCII characters and the bytes of "£" and "¬".
const specialClass = `'^$%&*()}{@#~?><,|=_+-` + "\xc2\xa3\xac"

// groupClass is goEditDID's narrower class for group_id (no "_" or "-").
const groupClass = `'^$%&*()}{@#~?><,|=+` + "\xc2\xa3\xac"

// special checks byte by byte, as PCRE without /u does (strings.IndexAny
// would work on runes).
func special(v, class string) bool {
	for i := 0; i < len(v); i++ {
		if strings.IndexByte(class, v[i]) >= 0 {
			return true
		}
	}
	return false
}

// empty is PHP's empty() on a request string.
func empty(v string) bool { return v == "" || v == "0" }

var (
	defRoute       = []string{"EXTEN", "VOICEMAIL", "AGENT", "PHONE", "IN_GROUP", "CALLMENU", "VMAIL_NO_INST"}
	defUnavailable = []string{"IN_GROUP", "EXTEN", "VOICEMAIL", "PHONE", "VMAIL_NO_INST"}
)

func in(v string, set []string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

var actionsV4 = map[string]func(*call) (result, bool){
	"goAddDID":     (*call).add,
	"goEditDID":    (*call).edit,
	"goDeleteDID":  (*call).del,
	"goGetAllDID":  (*call).listV4,
	"goGetDIDInfo": (*call).info,
	"goCheckDID":   (*call).check,
}

var actionsLegacy = map[string]func(*call) (result, bool){
	"goAddDID":      (*call).add,
	"goEditDID":     (*call).edit,
	"goDeleteDID":   (*call).del,
	"goGetDIDsList": (*call).listLegacy,
	"goGetDIDInfo":  (*call).info,
	"goCheckDID":    (*call).check,
}

// execute runs the dispatcher and the action; it reports whether state
// changed.
func (s *Server) execute(c *call) (result, bool) {
	rt := strings.ToLower(c.get("responsetype"))
	if rt != "" && rt != "json" && rt != "xml" {
		return result{o: obj{{"result", "error"}}}, false // rendered as the text line
	}
	u, ok := s.st.users[c.user]
	if !ok || c.pass == "" || !s.passOK(u, c.pass) {
		return apiError("Invalid Username/Password"), false
	}
	c.u = u
	table := actionsV4
	if s.cfg.legacy {
		table = actionsLegacy
	}
	h, ok := table[c.action]
	if !ok || strings.Contains(c.action, "/") {
		return apiError("Command Not Found"), false
	}
	return h(c)
}

// passOK is the dispatcher's check: a goPass longer than 20 characters is
// taken to be the stored hash, a shorter one is hashed (here: compared to
// the plaintext).
func (s *Server) passOK(u *User, pass string) bool {
	if len(pass) > 20 {
		return pass == u.PassHash
	}
	return pass == u.Pass
}

// hashAndLevel is the second check of goGetAllDID and goGetDIDInfo on
// current servers: pass_hash must equal goPass (or log_pass) literally,
// and the user level must be above 7.
func (c *call) hashAndLevel() bool {
	if c.s.cfg.legacy {
		return true
	}
	p := c.pass
	if lp := credStrip.Replace(c.get("log_pass")); lp != "" {
		p = lp
	}
	return p == c.u.PassHash && c.u.Level > 7
}

// tenant reports whether the caller is a tenant user.
func (c *call) tenant() bool { return c.s.st.tenants[c.u.Group] }

// visible reports whether the caller may touch row: a tenant user only
// its group's rows (and, for reads, ---ALL---).
func (c *call) visible(row DIDRow, read bool) bool {
	if !c.tenant() {
		return true
	}
	g := row["user_group"]
	return g == c.u.Group || read && g == "---ALL---"
}

var permission = result{o: obj{{"code", "10001"}, {"result", "Error: You do not have permission to view this page "}}}

func (c *call) add() (result, bool) {
	st := c.s.st
	pattern := c.get("did_pattern")
	desc := c.get("did_description")
	active := c.get("did_active")
	group := c.get("user_group")
	switch {
	case empty(pattern):
		return fail("Error: Set a value for DID pattern."), false
	case desc == "":
		return fail("Error: Set a value for did_description."), false
	case special(pattern, specialClass):
		return fail("Error: Special characters found in did_pattern"), false
	case special(desc, specialClass):
		return fail("Error: Special characters found in did_description"), false
	case active != "" && !in(strings.ToUpper(active), []string{"Y", "N"}):
		return fail("Error: Default value for active is Y or N only."), false
	case !st.groups[group], c.tenant() && group != c.u.Group:
		return fail("Error: Invalid User Group"), false
	}
	if _, dup := st.byPattern(pattern); dup {
		return fail("DID NOT ADDED - DID already exist.\n"), false
	}
	if utf8.RuneCountInString(pattern) > 50 || utf8.RuneCountInString(desc) > 50 {
		// strict mode: the INSERT fails
		return fail("DID NOT ADDED, Check your details"), false
	}
	// did_route, its targets and did_active are not stored (HEAD)
	st.insert(DIDRow{"did_pattern": pattern, "did_description": desc, "user_group": group, "record_call": "N"})
	return success(), true
}

// editFields are the fields goEditDID writes when they are not empty, with
// the class their special-character check uses ("" for none).
var editFields = []struct{ name, class string }{
	{"did_pattern", specialClass},
	{"did_description", specialClass},
	{"did_active", ""},
	{"did_route", ""},
	{"filter_clean_cid_number", ""},
	{"user", ""},
	{"user_unavailable_action", ""},
	{"user_route_settings_ingroup", ""},
	{"group_id", groupClass},
	{"phone", specialClass},
	{"server_ip", specialClass},
	{"menu_id", specialClass},
	{"voicemail_ext", specialClass},
	{"extension", specialClass},
	{"exten_context", specialClass},
	{"list_id", ""},
	{"call_handle_method", ""},
	{"agent_search_method", ""},
}

func (c *call) edit() (result, bool) {
	st := c.s.st
	if empty(c.get("session_user")) {
		return fail("Error: Session User Not Defined."), false
	}
	idText := c.get("did_id")
	if empty(idText) {
		return fail("Error: Set a value for DID ID."), false
	}
	for _, f := range editFields {
		if f.class != "" && special(c.get(f.name), f.class) {
			return fail("Error: Special characters found in " + f.name), false
		}
	}
	ua := strings.ToUpper(c.get("user_unavailable_action"))
	if !in(ua, defUnavailable) {
		return fail("Error: Default value for user_unavailable_action is IN_GROUP','EXTEN','VOICEMAIL','PHONE', or 'VMAIL_NO_INST'."), false
	}
	route := strings.ToUpper(c.get("did_route"))
	if !in(route, defRoute) {
		return fail("Error: Default value for did_route are EXTEN, VOICEMAIL, AGENT, PHONE, IN_GROUP, or CALLMENU  only."), false
	}
	id, _ := strconv.ParseInt(idText, 10, 64)
	row, ok := st.dids[id]
	if !ok || !c.visible(row, false) {
		return fail("Error: DID doesn't exist."), false
	}
	if p := c.get("did_pattern"); !empty(p) {
		if other, dup := st.byPattern(p); dup && other.ID() != id {
			return fail("Duplicate did_pattern, It must be unique!\n"), false
		}
	}
	if a := strings.ToUpper(c.get("did_active")); !empty(a) && a != "Y" && a != "N" {
		// not validated by the API; strict-mode MySQL refuses the UPDATE
		// and the API does not look: "success", nothing stored
		return success(), false
	}
	for _, f := range editFields {
		v := c.get(f.name)
		if empty(v) {
			continue // an empty field keeps its stored value
		}
		switch f.name {
		case "did_active", "did_route", "user_unavailable_action":
			v = strings.ToUpper(v)
		}
		row[f.name] = v
	}
	return success(), true
}

func (c *call) del() (result, bool) {
	st := c.s.st
	ids := c.get("did_id")
	if empty(ids) {
		return fail("Error: Set a value for DID ID."), false
	}
	res, changed := success(), false
	for _, part := range strings.Split(ids, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if row, ok := st.dids[id]; err != nil || !ok || !c.visible(row, false) {
			res = fail("Error: DID doesn't exist.")
			continue
		}
		delete(st.dids, id)
		res, changed = success(), true
	}
	return res, changed
}

func (c *call) listV4() (result, bool) {
	st := c.s.st
	if empty(c.get("session_user")) {
		return fail("Error: Session User Not Defined."), false
	}
	if !c.hashAndLevel() {
		return permission, false
	}
	limit := 1000
	if n, err := strconv.Atoi(c.get("limit")); err == nil && n > 0 {
		limit = n
	}
	var ids, pats, descs, act, routes []any
	for _, id := range st.ids() {
		if len(ids) == limit {
			break
		}
		r := st.dids[id]
		if !c.visible(r, true) {
			continue
		}
		ids = append(ids, id)
		pats = append(pats, r["did_pattern"])
		descs = append(descs, r["did_description"])
		act = append(act, r["did_active"])
		routes = append(routes, r["did_route"])
	}
	res := result{o: obj{{"result", "success"}, {"did_id", ids}, {"did_pattern", pats}, {"did_description", descs},
		{"active", act}, {"did_route", routes}}}
	if len(ids) == 0 && c.s.cfg.displayErrors {
		for _, v := range []string{"dataDidID", "dataDidPattern", "dataDidDescription", "dataActive", "dataDidRoute"} {
			res.notices += notice(c.action, v)
		}
	}
	return res, false
}

func (c *call) listLegacy() (result, bool) {
	st := c.s.st
	limit := 20
	if n, err := strconv.Atoi(c.get("limit")); err == nil && n > 0 {
		limit = n
	}
	group := c.get("user_group")
	var rows []DIDRow
	for _, id := range st.ids() {
		r := st.dids[id]
		if group == "ADMIN" || r["user_group"] == group {
			rows = append(rows, r)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i]["did_pattern"] < rows[j]["did_pattern"] })
	if len(rows) > limit {
		rows = rows[:limit]
	}
	if len(rows) == 0 {
		none := "" // $apiresults was only set inside the fetch loop
		return result{raw: &none}, false
	}
	var ids, pats, descs, act, routes []any
	for _, r := range rows {
		ids = append(ids, r["did_id"]) // mysqli_fetch: strings
		pats = append(pats, r["did_pattern"])
		descs = append(descs, r["did_description"])
		act = append(act, r["did_active"])
		routes = append(routes, r["did_route"])
	}
	return result{o: obj{{"result", "success"}, {"did_id", ids}, {"did_pattern", pats}, {"did_description", descs},
		{"active", act}, {"did_route", routes}}}, false
}

func (c *call) info() (result, bool) {
	st := c.s.st
	if !c.s.cfg.legacy && empty(c.get("session_user")) {
		return fail("Error: Session User Not Defined."), false
	}
	idText := c.get("did_id")
	if empty(idText) {
		return fail("Error: DID ID Not Defined."), false
	}
	if !c.hashAndLevel() {
		return permission, false
	}
	id, _ := strconv.ParseInt(idText, 10, 64)
	row, ok := st.dids[id]
	if !ok || !c.visible(row, true) {
		return fail("Error: DID doesn't exist."), false
	}
	data := obj{}
	for _, col := range columns {
		var v any = row[col.name]
		if col.name == "did_id" && !c.s.cfg.legacy {
			v = id // prepared statements: an integer
		}
		data = append(data, kv{col.name, v})
	}
	return result{o: obj{{"result", "success"}, {"data", data}}}, false
}

func (c *call) check() (result, bool) {
	if _, taken := c.s.st.byPattern(c.get("did_pattern")); taken {
		return fail("<br>DID NOT ADDED - DID already exist.\n"), false
	}
	return success(), false
}
