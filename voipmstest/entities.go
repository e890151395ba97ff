package voipmstest

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// errBad makes a parameter check answer the parameter's "invalid" status.
var errBad = errors.New("bad value")

// pspec describes one parameter of a set* method.
type pspec struct {
	name     string // request parameter
	field    string // row field; defaults to name
	req      bool
	missing  string // status when a required parameter is absent
	invalid  string // status when check returns errBad
	def      string // value stored when an optional parameter is absent
	check    func(c *call, v string) (string, error)
	optional bool // update-only: absent keeps nothing special (used by setRecording)
}

// entitySpec describes an entity managed with get*/set*/del*.
type entitySpec struct {
	name                string // table name, also the routing target kind
	firstID             int
	get, set, del       string
	listKey             string // collection key of the get* answer
	getID, setID, delID string // id parameter names
	respKey             string // key of the new id in the set* answer
	empty               string // status of an empty get*
	missingID           string
	invalidID           string
	params              []pspec
	// filter adds get* filters besides the id; it may reject the call.
	filter func(c *call) (func(map[string]string) bool, error)
	// finish checks the whole row and fills derived fields before saving.
	finish func(c *call, id string, row map[string]string) error
	// inUse answers a status when the entity cannot be deleted.
	inUse func(c *call, id string, row map[string]string) string
	// saved runs after a set* stored the row under id.
	saved func(c *call, id string, row map[string]string)
}

func init() {
	for _, e := range entitySpecs {
		e := e
		handlers[e.get] = func(c *call) (obj, error) { return c.getEntity(e) }
		handlers[e.set] = func(c *call) (obj, error) { return c.setEntity(e) }
		handlers[e.del] = func(c *call) (obj, error) { return c.delEntity(e) }
	}
	handlers["getRecordingFile"] = (*call).getRecordingFile
}

func (c *call) getEntity(e *entitySpec) (obj, error) {
	t := c.st.entities[e.name]
	want := c.p.get(e.getID)
	keep := func(map[string]string) bool { return true }
	if e.filter != nil {
		f, err := e.filter(c)
		if err != nil {
			return nil, err
		}
		keep = f
	}
	var out []map[string]string
	for _, r := range t.list() {
		if (want == "" || r[e.idField()] == want) && keep(r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fail(e.empty)
	}
	return obj{{e.listKey, rows(e.get+"."+e.listKey, out)}}, nil
}

// idField is the row field that holds the id.
func (e *entitySpec) idField() string { return rowFields[e.get+"."+e.listKey][0] }

// setEntity creates (empty id) or replaces (existing id) an entity. An
// update is a full replacement: optional parameters that are absent go back
// to their defaults.
func (c *call) setEntity(e *entitySpec) (obj, error) {
	t := c.st.entities[e.name]
	id := c.p.get(e.setID)
	var old map[string]string
	if id != "" {
		if old = t.rows[id]; old == nil {
			return nil, fail(e.invalidID)
		}
	}
	row := map[string]string{}
	for _, ps := range e.params {
		field := ps.field
		if field == "" {
			field = ps.name
		}
		v := c.p.get(ps.name)
		if v == "" {
			switch {
			case ps.optional && old != nil:
				row[field] = old[field]
				continue
			case ps.req:
				return nil, fail(ps.missing)
			}
			row[field] = ps.def
			continue
		}
		if ps.check != nil {
			nv, err := ps.check(c, v)
			if errors.Is(err, errBad) {
				return nil, fail(ps.invalid)
			}
			if err != nil {
				return nil, err
			}
			v = nv
		}
		row[field] = v
	}
	if e.finish != nil {
		if err := e.finish(c, id, row); err != nil {
			return nil, err
		}
	}
	if id == "" {
		id = t.newID()
	}
	row[e.idField()] = id
	t.rows[id] = row
	if e.saved != nil {
		e.saved(c, id, row)
	}
	return obj{{e.respKey, id}}, nil
}

func (c *call) delEntity(e *entitySpec) (obj, error) {
	t := c.st.entities[e.name]
	id := c.p.get(e.delID)
	if id == "" {
		return nil, fail(e.missingID)
	}
	row := t.rows[id]
	if row == nil {
		return nil, fail(e.invalidID)
	}
	if e.name == "staticmember" {
		keep, err := queueScope(c)
		if err != nil {
			return nil, err
		}
		if !keep(row) {
			return nil, fail(e.invalidID)
		}
	}
	if e.inUse != nil {
		if code := e.inUse(c, id, row); code != "" {
			return nil, fail(code)
		}
	}
	delete(t.rows, id)
	if e.name == "queue" { // a queue's static members go with it
		members := c.st.entities["staticmember"]
		for mid, m := range members.rows {
			if m["queue_number"] == id {
				delete(members.rows, mid)
			}
		}
	}
	return nil, nil
}

// --- parameter checks ---

func maxLen(n int) func(*call, string) (string, error) {
	return func(_ *call, v string) (string, error) {
		if len(v) > n {
			return "", errBad
		}
		return v, nil
	}
}

func intRange(lo, hi int, words ...string) func(*call, string) (string, error) {
	return func(_ *call, v string) (string, error) {
		for _, w := range words {
			if strings.EqualFold(v, w) {
				return w, nil
			}
		}
		n, ok := atoi(v)
		if !ok || n < lo || n > hi {
			return "", errBad
		}
		return strconv.Itoa(n), nil
	}
}

func multipleOf(step, hi int, words ...string) func(*call, string) (string, error) {
	inner := intRange(0, hi, words...)
	return func(c *call, v string) (string, error) {
		nv, err := inner(c, v)
		if err != nil {
			return "", err
		}
		if n, ok := atoi(nv); ok && n%step != 0 {
			return "", errBad
		}
		return nv, nil
	}
}

func oneOf(values ...string) func(*call, string) (string, error) {
	return func(_ *call, v string) (string, error) {
		for _, x := range values {
			if strings.EqualFold(v, x) {
				return x, nil
			}
		}
		return "", errBad
	}
}

func yn(_ *call, v string) (string, error) {
	s, ok := yesNo(v)
	if !ok {
		return "", errBad
	}
	return s, nil
}

func f01(_ *call, v string) (string, error) {
	b, ok := flag01(v)
	if !ok {
		return "", errBad
	}
	return b01(b), nil
}

func phone(_ *call, v string) (string, error) {
	d := strings.TrimPrefix(v, "+")
	if !digitsOnly(d) || len(d) < 3 || len(d) > 15 {
		return "", errBad
	}
	return d, nil
}

func lang(_ *call, v string) (string, error) {
	if !languages[strings.ToLower(v)] {
		return "", errBad
	}
	return strings.ToLower(v), nil
}

func moh(c *call, v string) (string, error) {
	if !musicOnHold[strings.ToLower(v)] && (c == nil || !c.st.mohExists(strings.ToLower(v))) {
		return "", errBad
	}
	return strings.ToLower(v), nil
}

func name(_ *call, v string) (string, error) {
	if len(v) > 64 {
		return "", errBad
	}
	for _, r := range v {
		if !(r == ' ' || r == '-' || r == '_' || r == '.' || r == '&' || r == '\'' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "", errBad
		}
	}
	return v, nil
}

// recordingRef accepts an existing recording id, or one of words.
func recordingRef(words ...string) func(*call, string) (string, error) {
	return func(c *call, v string) (string, error) {
		for _, w := range words {
			if strings.EqualFold(v, w) {
				return w, nil
			}
		}
		if _, ok := c.st.entities["recording"].rows[v]; !ok {
			return "", errBad
		}
		return v, nil
	}
}

func routeCheck(badHeader string) func(*call, string) (string, error) {
	return func(c *call, v string) (string, error) {
		if err := c.checkRoute(v, badHeader); err != nil {
			return "", err
		}
		return v, nil
	}
}

func mailboxRef(c *call, v string) (string, error) {
	if v == "0" || c.st.mailbox(v) {
		return v, nil
	}
	return "", errBad
}

// semiList splits "a;b ; c" into trimmed parts.
func semiList(v string) []string {
	parts := strings.Split(v, ";")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// ivrChoices validates "1=sip:5096;2=fwd:20222".
func ivrChoices(c *call, v string) (string, error) {
	parts := semiList(v)
	for _, p := range parts {
		digits, route, ok := strings.Cut(p, "=")
		digits, route = strings.TrimSpace(digits), strings.TrimSpace(route)
		if !ok || digits == "" || route == "" {
			return "", fail("invalid_routing_header")
		}
		if err := c.checkRoute(route, "invalid_routing_header"); err != nil {
			return "", err
		}
	}
	return strings.Join(parts, ";"), nil
}

// ringMembers validates "account:100001,25,0;fwd:16006".
func ringMembers(c *call, v string) (string, error) {
	parts := semiList(v)
	for _, p := range parts {
		fields := strings.Split(p, ",")
		if err := c.checkRoute(strings.TrimSpace(fields[0]), "invalid_routing_header"); err != nil {
			return "", err
		}
		if len(fields) != 1 && len(fields) != 3 {
			return "", errBad
		}
		if len(fields) == 3 {
			if _, ok := atoi(strings.TrimSpace(fields[1])); !ok {
				return "", errBad
			}
			if _, ok := flag01(strings.TrimSpace(fields[2])); !ok {
				return "", errBad
			}
		}
	}
	return strings.Join(parts, ";"), nil
}

// routeList validates ";"-separated routings (call hunting members).
func routeList(c *call, v string) (string, error) {
	parts := semiList(v)
	for _, p := range parts {
		if err := c.checkRoute(p, "invalid_routing_header"); err != nil {
			return "", err
		}
	}
	return strings.Join(parts, ";"), nil
}

// listOf validates every ";"-separated element with check.
func listOf(check func(*call, string) (string, error)) func(*call, string) (string, error) {
	return func(c *call, v string) (string, error) {
		parts := semiList(v)
		for i, p := range parts {
			nv, err := check(c, p)
			if err != nil {
				return "", err
			}
			parts[i] = nv
		}
		return strings.Join(parts, ";"), nil
	}
}

// sameCount makes sure the ";" lists in fields have the same length.
func sameCount(row map[string]string, fields ...string) error {
	n := -1
	for _, f := range fields {
		k := len(semiList(row[f]))
		if n >= 0 && k != n {
			return fail("invalid_numbermembers")
		}
		n = k
	}
	return nil
}

var weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// entitySpecs lists every get*/set*/del* entity the simulator keeps.
var entitySpecs = []*entitySpec{
	{
		name: "forwarding", firstID: 19183, get: "getForwardings", set: "setForwarding", del: "delForwarding",
		listKey: "forwardings", getID: "forwarding", setID: "forwarding", delID: "forwarding", respKey: "forwarding",
		empty: "no_forwarding", missingID: "missing_forwarding", invalidID: "invalid_forwarding",
		params: []pspec{
			{name: "phone_number", req: true, missing: "missing_phonenumber", invalid: "invalid_phonenumber", check: phone},
			{name: "callerid_override", invalid: "invalid_callerid_override", check: phone},
			{name: "description", invalid: "invalid_description", check: maxLen(100)},
			{name: "dtmf_digits", invalid: "invalid_dtmf_digits", check: func(_ *call, v string) (string, error) {
				if strings.Trim(v, "0123456789*#wW") != "" {
					return "", errBad
				}
				return v, nil
			}},
			{name: "pause", def: "0", invalid: "invalid_pause", check: func(_ *call, v string) (string, error) {
				if !isDecimal(v) {
					return "", errBad
				}
				if f, err := strconv.ParseFloat(v, 64); err != nil || f > 10 {
					return "", errBad
				}
				return v, nil
			}},
			{name: "diversion_header", def: "0", invalid: "invalid_diversion_header", check: oneOf("0", "1")},
		},
	},
	{
		name: "ivr", firstID: 4636, get: "getIVRs", set: "setIVR", del: "delIVR",
		listKey: "ivrs", getID: "ivr", setID: "ivr", delID: "ivr", respKey: "ivr",
		empty: "no_ivr", missingID: "missing_ivr", invalidID: "invalid_ivr",
		params: []pspec{
			{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: name},
			{name: "recording", req: true, missing: "missing_recording", invalid: "invalid_recording", check: recordingRef()},
			{name: "timeout", req: true, missing: "missing_timeout", invalid: "invalid_timeout", check: intRange(1, 60)},
			{name: "language", req: true, missing: "missing_language", invalid: "invalid_language", check: lang},
			{name: "voicemailsetup", req: true, missing: "missing_voicemailsetup", invalid: "invalid_voicemailsetup", check: func(_ *call, v string) (string, error) {
				if findValue(voicemailSetups, v) == nil {
					return "", errBad
				}
				return v, nil
			}},
			{name: "choices", req: true, missing: "missing_choices", invalid: "invalid_routing_header", check: ivrChoices},
		},
	},
	{
		name: "queue", firstID: 32208, get: "getQueues", set: "setQueue", del: "delQueue",
		listKey: "queues", getID: "queue", setID: "queue", delID: "queue", respKey: "queue",
		empty: "no_queue", missingID: "missing_params", invalidID: "invalid_queue",
		params: []pspec{
			{name: "queue_name", req: true, missing: "missing_name", invalid: "invalid_name", check: name},
			{name: "queue_number", req: true, missing: "missing_number", invalid: "invalid_number", check: intRange(0, 999999999)},
			{name: "queue_language", req: true, missing: "missing_language", invalid: "invalid_language", check: lang},
			{name: "queue_password", invalid: "invalid_password", check: intRange(0, 999999999)},
			{name: "callerid_prefix", invalid: "invalid_calleridprefix", check: maxLen(20)},
			{name: "join_announcement", def: "none", invalid: "invalid_join_announcement", check: recordingRef("none")},
			{name: "priority_weight", req: true, missing: "missing_priority_weight", invalid: "invalid_priority_weight", check: intRange(1, 60)},
			{name: "agent_announcement", def: "none", invalid: "invalid_recording", check: recordingRef("none")},
			{name: "report_hold_time_agent", req: true, missing: "missing_report_hold_time_agent", invalid: "invalid_report_hold_time_agent", check: yn},
			{name: "member_delay", def: "none", invalid: "invalid_member_delay", check: intRange(1, 15, "none")},
			{name: "maximum_wait_time", def: "unlimited", invalid: "invalid_maximum_wait_time", check: multipleOf(30, 1200, "unlimited")},
			{name: "maximum_callers", def: "unlimited", invalid: "invalid_maximum_callers", check: intRange(1, 60, "unlimited")},
			{name: "join_when_empty", req: true, missing: "missing_join_when_empty", invalid: "invalid_join_empty_type", check: oneOf("yes", "no", "strict")},
			{name: "leave_when_empty", req: true, missing: "missing_leave_when_empty", invalid: "invalid_join_empty_type", check: oneOf("yes", "no", "strict")},
			{name: "ring_strategy", req: true, missing: "missing_ring_strategy", invalid: "invalid_strategy", check: oneOf("ringall", "leastrecent", "fewestcalls", "random", "rrmemory")},
			{name: "ring_inuse", req: true, missing: "missing_ring_inuse", invalid: "invalid_ring_inuse", check: yn},
			{name: "agent_ring_timeout", def: "15", invalid: "invalid_agent_ring_timeout", check: intRange(5, 60)},
			{name: "retry_timer", def: "5", invalid: "invalid_retry_timer", check: intRange(5, 60, "none")},
			{name: "wrapup_time", def: "0", invalid: "invalid_wrapup_time", check: intRange(0, 60)},
			{name: "voice_announcement", def: "none", invalid: "invalid_voice_announcement", check: recordingRef("none")},
			{name: "frequency_announcement", def: "none", invalid: "invalid_frequency_announcement", check: multipleOf(15, 1200, "none")},
			{name: "announce_position_frecuency", def: "none", invalid: "invalid_announce_position_frequency", check: multipleOf(15, 1200, "none")},
			{name: "announce_round_seconds", def: "none", invalid: "invalid_announce_round_seconds", check: intRange(1, 60, "none")},
			{name: "if_announce_position_enabled_report_estimated_hold_time", def: "no", invalid: "invalid_if_announce_position_enabled_report_e", check: oneOf("yes", "no", "once")},
			{name: "thankyou_for_your_patience", def: "no", invalid: "invalid_thankyou_for_your_patience", check: yn},
			{name: "music_on_hold", def: "default", invalid: "invalid_musiconhold", check: moh},
			{name: "fail_over_routing_timeout", def: "none:", check: routeCheck("invalid_failover_header")},
			{name: "fail_over_routing_full", def: "none:", check: routeCheck("invalid_failover_header")},
			{name: "fail_over_routing_join_empty", def: "none:", check: routeCheck("invalid_failover_header")},
			{name: "fail_over_routing_leave_empty", def: "none:", check: routeCheck("invalid_failover_header")},
			{name: "fail_over_routing_join_unavail", def: "none:", check: routeCheck("invalid_failover_header")},
			{name: "fail_over_routing_leave_unavail", def: "none:", check: routeCheck("invalid_failover_header")},
		},
	},
	{
		name: "staticmember", firstID: 619, get: "getStaticMembers", set: "setStaticMember", del: "delStaticMember",
		listKey: "members", getID: "member", setID: "member", delID: "member", respKey: "member",
		empty: "no_member", missingID: "missing_member", invalidID: "invalid_member",
		params: []pspec{
			{name: "queue", field: "queue_number", req: true, missing: "missing_params", invalid: "invalid_queue", check: tableRef("queue")},
			{name: "member_name", field: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: name},
			{name: "account", invalid: "invalid_account", check: func(c *call, v string) (string, error) {
				a := strings.TrimPrefix(v, "SIP/")
				if strings.Contains(a, ":") {
					return routeCheck("invalid_routing_header")(c, a)
				}
				if a == accountID || c.st.subAccount(a) != nil {
					return v, nil
				}
				return "", errBad
			}},
			{name: "priority", req: true, missing: "missing_priority", invalid: "invalid_priority", check: intRange(0, 100)},
		},
		filter: queueScope,
	},
	{
		name: "ringgroup", firstID: 4768, get: "getRingGroups", set: "setRingGroup", del: "delRingGroup",
		listKey: "ring_groups", getID: "ring_group", setID: "ring_group", delID: "ringgroup", respKey: "ring_group",
		empty: "no_ringgroup", missingID: "missing_ringgroup", invalidID: "invalid_ringgroup",
		params: []pspec{
			{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: name},
			{name: "members", req: true, missing: "missing_members", invalid: "invalid_numbermembers", check: ringMembers},
			{name: "voicemail", req: true, missing: "missing_mailbox", invalid: "invalid_mailbox", check: mailboxRef},
			{name: "caller_announcement", def: "none", invalid: "invalid_recording", check: recordingRef("none")},
			{name: "music_on_hold", def: "default", invalid: "invalid_musiconhold", check: moh},
			{name: "language", def: "en", invalid: "invalid_language", check: lang},
		},
	},
	{
		name: "sipuri", firstID: 6199, get: "getSIPURIs", set: "setSIPURI", del: "delSIPURI",
		listKey: "sipuris", getID: "sipuri", setID: "sipuri", delID: "sipuri", respKey: "sipuri",
		empty: "no_sipuri", missingID: "missing_sipuri", invalidID: "invalid_sipuri",
		params: []pspec{
			{name: "uri", req: true, missing: "missing_uri", invalid: "invalid_sipuri", check: func(_ *call, v string) (string, error) {
				if u, h, ok := strings.Cut(strings.TrimPrefix(v, "sip:"), "@"); !ok || u == "" || h == "" || strings.ContainsAny(v, " ;") {
					return "", errBad
				}
				return v, nil
			}},
			{name: "description", invalid: "invalid_description", check: maxLen(100)},
			{name: "callerid_override", invalid: "invalid_callerid_override", check: phone},
			{name: "callerid_e164", def: "0", invalid: "missing_params", check: f01},
		},
		inUse: func(c *call, id string, row map[string]string) string {
			for _, p := range c.st.entities["phonebook"].rows {
				if p["number"] == "sip:"+id {
					return "sipuri_in_phonebook"
				}
			}
			return ""
		},
	},
	{
		name: "timecondition", firstID: 1830, get: "getTimeConditions", set: "setTimeCondition", del: "delTimeCondition",
		listKey: "timecondition", getID: "timecondition", setID: "timecondition", delID: "timecondition", respKey: "timecondition",
		empty: "no_timecondition", missingID: "missing_timecondition", invalidID: "invalid_timecondition",
		params: []pspec{
			{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: name},
			{name: "routing_match", req: true, missing: "missing_route", check: routeCheck("invalid_routing_header")},
			{name: "routing_nomatch", req: true, missing: "missing_route", check: routeCheck("invalid_routing_header")},
			{name: "starthour", req: true, missing: "missing_starthour", invalid: "invalid_starthour", check: listOf(intRange(0, 23))},
			{name: "startminute", req: true, missing: "missing_startminute", invalid: "invalid_startminute", check: listOf(intRange(0, 59))},
			{name: "endhour", req: true, missing: "missing_endhour", invalid: "invalid_endhour", check: listOf(intRange(0, 23))},
			{name: "endminute", req: true, missing: "missing_endminute", invalid: "invalid_endminute", check: listOf(intRange(0, 59))},
			{name: "weekdaystart", req: true, missing: "missing_weekdaystart", invalid: "invalid_weekdaystart", check: listOf(oneOf(weekdays...))},
			{name: "weekdayend", req: true, missing: "missing_weekdayend", invalid: "invalid_weekdayend", check: listOf(oneOf(weekdays...))},
		},
		finish: func(_ *call, _ string, row map[string]string) error {
			return sameCount(row, "starthour", "startminute", "endhour", "endminute", "weekdaystart", "weekdayend")
		},
	},
	{
		name: "callback", firstID: 2359, get: "getCallbacks", set: "setCallback", del: "delCallback",
		listKey: "callbacks", getID: "callback", setID: "callback", delID: "callback", respKey: "callback",
		empty: "no_callback", missingID: "missing_callback", invalidID: "invalid_callback",
		params: []pspec{
			{name: "description", req: true, missing: "missing_description", invalid: "invalid_description", check: maxLen(100)},
			{name: "number", req: true, missing: "missing_number", invalid: "invalid_number", check: func(c *call, v string) (string, error) {
				n, err := phone(c, v)
				if err != nil {
					return "", err
				}
				if _, ours := c.st.owned[normalizeDID(n)]; ours {
					return "", fail("existing_did")
				}
				return n, nil
			}},
			{name: "delay_before", req: true, missing: "missing_delay_before", invalid: "invalid_delay_before", check: intRange(0, 60)},
			{name: "response_timeout", req: true, missing: "missing_response_timeout", invalid: "invalid_response_timeout", check: intRange(1, 60)},
			{name: "digit_timeout", req: true, missing: "missing_digit_timeout", invalid: "invalid_digit_timeout", check: intRange(1, 60)},
			{name: "callerid_number", invalid: "invalid_callerid", check: phone},
		},
	},
	{
		name: "filtering", firstID: 18915, get: "getCallerIDFiltering", set: "setCallerIDFiltering", del: "delCallerIDFiltering",
		listKey: "filtering", getID: "filtering", setID: "filter", delID: "filtering", respKey: "filtering",
		empty: "no_filter", missingID: "missing_filter", invalidID: "invalid_filter",
		params: []pspec{
			{name: "callerid", req: true, missing: "missing_callerid", invalid: "invalid_callerid", check: func(c *call, v string) (string, error) {
				if v == "i" || v == "0" {
					return v, nil
				}
				return phone(c, v)
			}},
			{name: "did", req: true, missing: "missing_did", invalid: "invalid_did", check: func(c *call, v string) (string, error) {
				if strings.EqualFold(v, "all") {
					return "all", nil
				}
				if _, ok := c.st.owned[normalizeDID(v)]; !ok {
					return "", errBad
				}
				return normalizeDID(v), nil
			}},
			{name: "routing", req: true, missing: "missing_routing", check: routeCheck("invalid_routing_header")},
			{name: "failover_unreachable", def: "none:", check: routeCheck("invalid_failover_header")},
			{name: "failover_busy", def: "none:", check: routeCheck("invalid_failover_header")},
			{name: "failover_noanswer", def: "none:", check: routeCheck("invalid_failover_header")},
			{name: "note", invalid: "invalid_note", check: maxLen(50)},
		},
		filter: func(c *call) (func(map[string]string) bool, error) {
			did := normalizeDID(c.p.get("did"))
			return func(r map[string]string) bool { return did == "" || r["did"] == did }, nil
		},
		finish: func(c *call, id string, row map[string]string) error {
			for oid, r := range c.st.entities["filtering"].rows {
				if oid != id && r["callerid"] == row["callerid"] && r["did"] == row["did"] {
					return fail("used_filter")
				}
			}
			return nil
		},
	},
	{
		name: "disa", firstID: 2114, get: "getDISAs", set: "setDISA", del: "delDISA",
		listKey: "disa", getID: "disa", setID: "disa", delID: "disa", respKey: "disa",
		empty: "no_disa", missingID: "missing_disa", invalidID: "invalid_disa",
		params: []pspec{
			{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: name},
			{name: "pin", req: true, missing: "missing_pin", invalid: "invalid_pin", check: func(_ *call, v string) (string, error) {
				if !digitsOnly(v) || len(v) > 10 {
					return "", errBad
				}
				return v, nil
			}},
			{name: "digit_timeout", req: true, missing: "missing_digit_timeout", invalid: "invalid_digit_timeout", check: intRange(1, 60)},
			{name: "callerid_override", invalid: "invalid_callerid_override", check: phone},
			{name: "language", def: "en", invalid: "invalid_language", check: lang},
		},
	},
	{
		name: "phonebook", firstID: 32207, get: "getPhonebook", set: "setPhonebook", del: "delPhonebook",
		listKey: "phonebooks", getID: "phonebook", setID: "phonebook", delID: "phonebook", respKey: "phonebook",
		empty: "no_phonebook", missingID: "missing_phonebook", invalidID: "invalid_phonebook",
		params: []pspec{
			{name: "speed_dial", invalid: "invalid_speed_dial", check: func(_ *call, v string) (string, error) {
				if strings.Trim(v, "0123456789*#") != "" || len(v) > 10 {
					return "", errBad
				}
				return v, nil
			}},
			{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: maxLen(64)},
			{name: "number", req: true, missing: "missing_number", invalid: "invalid_number", check: func(c *call, v string) (string, error) {
				if id, ok := strings.CutPrefix(v, "sip:"); ok {
					if _, exists := c.st.entities["sipuri"].rows[id]; !exists {
						return "", errBad
					}
					return v, nil
				}
				return phone(c, v)
			}},
			{name: "callerid", invalid: "invalid_callerid", check: maxLen(64)},
			{name: "note", invalid: "invalid_note", check: maxLen(50)},
			{name: "group", invalid: "invalid_id", check: tableRef("phonebookgroup")},
		},
		filter: func(c *call) (func(map[string]string) bool, error) {
			name, group, groupName := c.p.get("name"), c.p.get("group"), c.p.get("group_name")
			return func(r map[string]string) bool {
				return (name == "" || strings.Contains(strings.ToLower(r["name"]), strings.ToLower(name))) &&
					(group == "" || r["group"] == group) && (groupName == "" || strings.EqualFold(r["group_name"], groupName))
			}, nil
		},
		finish: func(c *call, id string, row map[string]string) error {
			if sd := row["speed_dial"]; sd != "" {
				for oid, r := range c.st.entities["phonebook"].rows {
					if oid != id && r["speed_dial"] == sd {
						return fail("used_speed_dial")
					}
				}
			}
			if g := c.st.entities["phonebookgroup"].rows[row["group"]]; g != nil {
				row["group_name"] = g["name"]
			}
			return nil
		},
	},
	{
		name: "phonebookgroup", firstID: 3220, get: "getPhonebookGroups", set: "setPhonebookGroup", del: "delPhonebookGroup",
		listKey: "phonebooks", getID: "group", setID: "group", delID: "group", respKey: "group",
		empty: "no_phonebook_group", missingID: "missing_id", invalidID: "invalid_id",
		params: []pspec{
			{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: maxLen(64)},
			{name: "members", invalid: "invalid_phonebook", check: listOf(tableRef("phonebook"))},
		},
		filter: func(c *call) (func(map[string]string) bool, error) {
			name := c.p.get("name")
			return func(r map[string]string) bool { return name == "" || strings.EqualFold(r["name"], name) }, nil
		},
		finish: func(c *call, id string, row map[string]string) error {
			for oid, r := range c.st.entities["phonebookgroup"].rows {
				if oid != id && strings.EqualFold(r["name"], row["name"]) {
					return fail("duplicated_name")
				}
			}
			return nil
		},
	},
	{
		name: "recording", firstID: 7567, get: "getRecordings", set: "setRecording", del: "delRecording",
		listKey: "recordings", getID: "recording", setID: "recording", delID: "recording", respKey: "recording",
		empty: "no_recording", missingID: "missing_recording", invalidID: "invalid_recording",
		params: []pspec{
			{name: "file", field: "data", req: true, optional: true, missing: "missing_file", invalid: "invalid_file", check: func(_ *call, v string) (string, error) {
				if _, err := base64.StdEncoding.DecodeString(v); err != nil {
					return "", errBad
				}
				return v, nil
			}},
			{name: "name", field: "description", req: true, optional: true, missing: "missing_name", invalid: "invalid_name", check: maxLen(64)},
		},
		inUse: func(c *call, id string, row map[string]string) string {
			for _, r := range c.st.entities["ivr"].rows {
				if r["recording"] == id {
					return "recording_in_use_ivr"
				}
			}
			for _, r := range c.st.entities["queue"].rows {
				for _, k := range []string{"join_announcement", "agent_announcement", "voice_announcement"} {
					if r[k] == id {
						return "recording_in_use_queue"
					}
				}
			}
			if c.st.routeRefs("recording:" + id) {
				return "recording_in_use_did"
			}
			return ""
		},
	},
	{
		name: "callhunting", firstID: 235, get: "getCallHuntings", set: "setCallHunting", del: "delCallHunting",
		listKey: "call_hunting", getID: "callhunting", setID: "callhunting", delID: "callhunting", respKey: "call_hunting",
		empty: "no_callhunting", missingID: "missing_callhunting", invalidID: "invalid_callhunting",
		params: []pspec{
			{name: "description", req: true, missing: "missing_description", invalid: "invalid_description", check: maxLen(100)},
			{name: "music", req: true, missing: "missing_musiconhold", invalid: "invalid_musiconhold", check: moh},
			{name: "recording", req: true, missing: "missing_recording", invalid: "invalid_recording", check: recordingRef("default", "none")},
			{name: "language", req: true, missing: "missing_language", invalid: "invalid_language", check: lang},
			{name: "order", req: true, missing: "invalid_order", invalid: "invalid_order", check: oneOf("follow", "random")},
			{name: "members", req: true, missing: "missing_members", check: routeList},
			{name: "ring_time", req: true, missing: "invalid_numbermembers", invalid: "invalid_numbermembers", check: listOf(intRange(1, 120))},
			{name: "press", req: true, missing: "invalid_numbermembers", invalid: "invalid_numbermembers", check: listOf(f01)},
		},
		finish: func(_ *call, _ string, row map[string]string) error {
			return sameCount(row, "members", "ring_time", "press")
		},
	},
}

// tableRef accepts the id of an existing entity of table name.
func tableRef(name string) func(*call, string) (string, error) {
	return func(c *call, v string) (string, error) {
		if _, ok := c.st.entities[name].rows[v]; !ok {
			return "", errBad
		}
		return v, nil
	}
}

// queueScope makes getStaticMembers require an existing queue.
func queueScope(c *call) (func(map[string]string) bool, error) {
	q := c.p.get("queue")
	if q == "" {
		return nil, fail("missing_params")
	}
	if _, ok := c.st.entities["queue"].rows[q]; !ok {
		return nil, fail("invalid_queue")
	}
	return func(r map[string]string) bool { return r["queue_number"] == q }, nil
}

func (c *call) getRecordingFile() (obj, error) {
	id := c.p.get("recording")
	if id == "" {
		return nil, fail("missing_recording")
	}
	r := c.st.entities["recording"].rows[id]
	if r == nil {
		return nil, fail("invalid_recording")
	}
	// Live answers a bare object here, not a one-element list (reference §4.5).
	return obj{{"recordings", row("getRecordingFile.recordings", r)}}, nil
}
