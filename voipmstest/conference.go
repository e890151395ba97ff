package voipmstest

import (
	"strings"
	"time"
)

// Conferences and conference member profiles (get/set/del through the entity
// tables of entities.go), the links between them (addMemberToConference,
// delMemberFromConference, setConference's members) and conference
// recordings.

var conferenceSounds = []string{"sound_join", "sound_leave", "sound_has_joined", "sound_has_left", "sound_kicked",
	"sound_muted", "sound_unmuted", "sound_only_person", "sound_only_one", "sound_there_are",
	"sound_other_in_party", "sound_place_into_conference", "sound_get_pin", "sound_invalid_pin", "sound_locked",
	"sound_locked_now", "sound_unlocked_now", "sound_error_menu", "sound_participants_muted",
	"sound_participants_unmuted"}

var areaSpecs = []*entitySpec{conferenceSpec(), conferenceMemberSpec(), callParkingSpec(), sequenceSpec()}

func init() {
	rowFields["getConference.conference"] = append(append([]string{"conference", "name", "description", "max_members"},
		conferenceSounds...), "language", "members")
	rowFields["getConferenceMembers.members"] = []string{"member", "name", "description", "pin", "announce_join_leave",
		"admin", "start_muted", "announce_user_count", "announce_only_user", "moh_when_empty", "quiet", "announcement",
		"drop_silence", "talking_threshold", "silence_threshold", "talk_detection", "jitter_buffer"}
	rowFields["getConferenceRecordings.recordings"] = []string{"did", "recording", "conference", "duration", "date"}
	rowFields["getConferenceRecordingFile.recording"] = []string{"recording", "data"}
	topFields["setConference"] = []string{"conference"}
	topFields["setConferenceMember"] = []string{"member"}
	topFields["addMemberToConference"] = []string{"member"}
	entitySpecs = append(entitySpecs, areaSpecs...)
	for _, e := range areaSpecs {
		e := e
		handlers[e.get] = func(c *call) (obj, error) { return c.getEntity(e) }
		handlers[e.set] = func(c *call) (obj, error) { return c.setEntity(e) }
		handlers[e.del] = func(c *call) (obj, error) { return c.delEntity(e) }
	}
	handlers["addMemberToConference"] = (*call).addMemberToConference
	handlers["delMemberFromConference"] = (*call).delMemberFromConference
	handlers["getConferenceRecordings"] = (*call).getConferenceRecordings
	handlers["getConferenceRecordingFile"] = (*call).getConferenceRecordingFile
}

func conferenceSpec() *entitySpec {
	ps := []pspec{
		{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: name},
		{name: "description", req: true, missing: "missing_description", invalid: "invalid_description", check: maxLen(100)},
		{name: "members", invalid: "invalid_member", check: func(c *call, v string) (string, error) {
			return listOf(tableRef("conferencemember"))(c, v)
		}},
		{name: "max_members", req: true, missing: "missing_params", invalid: "missing_params", check: intRange(1, 100, "Unlimited")},
		{name: "language", def: "en", invalid: "invalid_language", check: lang},
	}
	for _, s := range conferenceSounds {
		ps = append(ps, pspec{name: s, def: "0", invalid: "invalid_recording_" + s, check: recordingRef("0")})
	}
	return &entitySpec{
		name: "conference", firstID: 739, get: "getConference", set: "setConference", del: "delConference",
		listKey: "conference", getID: "conference", setID: "conference", delID: "conference", respKey: "conference",
		empty: "no_conference", missingID: "missing_conference", invalidID: "invalid_conference",
		params: ps,
		finish: func(c *call, _ string, row map[string]string) error {
			return c.st.checkPins(strings.Split(row["members"], ";"))
		},
	}
}

func conferenceMemberSpec() *entitySpec {
	yes := func(p string) pspec {
		return pspec{name: p, def: "no", invalid: "invalid_" + p, check: yn}
	}
	return &entitySpec{
		name: "conferencemember", firstID: 4236, get: "getConferenceMembers", set: "setConferenceMember", del: "delConferenceMember",
		listKey: "members", getID: "member", setID: "member", delID: "member", respKey: "member",
		empty: "no_member", missingID: "missing_member", invalidID: "invalid_member",
		params: []pspec{
			{name: "conference", invalid: "invalid_conference", check: tableRef("conference")},
			{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: name},
			{name: "description", invalid: "invalid_description", check: maxLen(100)},
			{name: "pin", invalid: "invalid_pin", check: func(_ *call, v string) (string, error) {
				if !digitsOnly(v) || len(v) > 10 {
					return "", errBad
				}
				return v, nil
			}},
			yes("announce_join_leave"), yes("admin"), yes("start_muted"), yes("announce_user_count"),
			{name: "announce_only_user", def: "yes", invalid: "invalid_announce_only_user", check: yn},
			{name: "moh_when_empty", def: "default", invalid: "invalid_musiconhold", check: moh},
			yes("quiet"),
			{name: "announcement", def: "0", invalid: "invalid_recording", check: recordingRef("0")},
			yes("drop_silence"),
			{name: "talking_threshold", def: "160", invalid: "invalid_talking_threshold", check: intRange(1, 10000)},
			{name: "silence_threshold", def: "2500", invalid: "invalid_silence_threshold", check: intRange(1, 10000)},
			yes("talk_detection"),
			{name: "jitter_buffer", def: "no", invalid: "invalid_jitter_buffer", check: yn},
		},
		finish: func(c *call, id string, row map[string]string) error {
			conf := c.st.entities["conference"].rows[row["conference"]]
			if conf == nil || id != "" {
				return nil
			}
			return c.st.checkPins(append(strings.Split(conf["members"], ";"), "new:"+row["pin"]))
		},
		// A profile saved with a conference joins it.
		saved: func(c *call, id string, row map[string]string) {
			if row["conference"] != "" {
				c.st.linkMember(row["conference"], id)
			}
		},
		// A deleted profile leaves every conference it was in.
		inUse: func(c *call, id string, _ map[string]string) string {
			for _, conf := range c.st.entities["conference"].rows {
				conf["members"] = strings.Join(removeItem(strings.Split(conf["members"], ";"), id), ";")
			}
			return ""
		},
	}
}

// checkPins enforces the docs' rules on a conference's members: at most one
// profile without a PIN, no PIN twice. An id "new:PIN" stands for a profile
// being created.
func (st *state) checkPins(members []string) error {
	seen := map[string]bool{}
	noPin := 0
	for _, m := range members {
		if m == "" {
			continue
		}
		pin := strings.TrimPrefix(m, "new:")
		if pin == m {
			r := st.entities["conferencemember"].rows[m]
			if r == nil {
				continue
			}
			pin = r["pin"]
		}
		if pin == "" {
			noPin++
			continue
		}
		if seen[pin] {
			return fail("duplicated_pin")
		}
		seen[pin] = true
	}
	if noPin > 1 {
		return fail("can_have_only_one_profile_without_pin")
	}
	return nil
}

func removeItem(list []string, item string) []string {
	out := list[:0]
	for _, x := range list {
		if x != item && x != "" {
			out = append(out, x)
		}
	}
	return out
}

func (st *state) linkMember(conf, member string) {
	c := st.entities["conference"].rows[conf]
	if c == nil {
		return
	}
	list := removeItem(strings.Split(c["members"], ";"), member)
	c["members"] = strings.Join(append(list, member), ";")
}

func (st *state) seedConferences(now time.Time) {
	confs, members := st.entities["conference"], st.entities["conferencemember"]
	for i, id := range []string{"4234", "4235"} {
		r := map[string]string{"member": id, "name": []string{"Host", "Guest"}[i], "description": "",
			"pin": []string{"1234", ""}[i], "announce_join_leave": "no", "admin": []string{"yes", "no"}[i],
			"start_muted": "no", "announce_user_count": "no", "announce_only_user": "yes", "moh_when_empty": "default",
			"quiet": "no", "announcement": "0", "drop_silence": "no", "talking_threshold": "160",
			"silence_threshold": "2500", "talk_detection": "no", "jitter_buffer": "no"}
		members.rows[id] = r
	}
	for i, id := range []string{"737", "738"} {
		r := map[string]string{"conference": id, "name": []string{"Team", "Board"}[i],
			"description": []string{"Weekly team call", "Board meeting"}[i], "max_members": "10",
			"language": "en", "members": []string{"4234;4235", ""}[i]}
		for _, s := range conferenceSounds {
			r[s] = "0"
		}
		confs.rows[id] = r
	}
	rec := st.tbl("confrecording", 1)
	for i, ago := range []time.Duration{50 * time.Hour, 170 * time.Hour} {
		id := itoa(1543338379 + i*86400)
		rec.rows[id] = map[string]string{"recording": id, "conference": "737", "did": "",
			"duration": itoa(360 + i*240), "date": now.Add(-ago).Format(stampLayout), "data": wavStub}
	}
}

func (c *call) confAndMember(memberRequired bool) (conf, member map[string]string, err error) {
	mid, err := c.need("member", "missing_member")
	if err != nil {
		return nil, nil, err
	}
	if member = c.st.entities["conferencemember"].rows[mid]; member == nil {
		return nil, nil, fail("invalid_member")
	}
	cid := c.p.get("conference")
	if cid == "" {
		if memberRequired {
			return nil, nil, fail("missing_conference")
		}
		return nil, member, nil
	}
	if conf = c.st.entities["conference"].rows[cid]; conf == nil {
		return nil, nil, fail("invalid_conference")
	}
	return conf, member, nil
}

func (c *call) addMemberToConference() (obj, error) {
	conf, member, err := c.confAndMember(true)
	if err != nil {
		return nil, err
	}
	list := strings.Split(conf["members"], ";")
	if contains(list, member["member"]) {
		return nil, fail("member_already_included")
	}
	if err := c.st.checkPins(append(list, member["member"])); err != nil {
		return nil, err
	}
	c.st.linkMember(conf["conference"], member["member"])
	return obj{{"member", member["member"]}}, nil
}

// delMemberFromConference unlinks a profile from one conference, or from
// every conference when none is named.
func (c *call) delMemberFromConference() (obj, error) {
	conf, member, err := c.confAndMember(false)
	if err != nil {
		return nil, err
	}
	id := member["member"]
	if conf != nil {
		list := strings.Split(conf["members"], ";")
		if !contains(list, id) {
			return nil, fail("conference_member_relation_not_found")
		}
		conf["members"] = strings.Join(removeItem(list, id), ";")
		return nil, nil
	}
	for _, cf := range c.st.entities["conference"].rows {
		cf["members"] = strings.Join(removeItem(strings.Split(cf["members"], ";"), id), ";")
	}
	return nil, nil
}

func (c *call) conferenceParam() (map[string]string, error) {
	id, err := c.need("conference", "missing_conference")
	if err != nil {
		return nil, err
	}
	conf := c.st.entities["conference"].rows[id]
	if conf == nil {
		return nil, fail("invalid_conference")
	}
	return conf, nil
}

func (c *call) getConferenceRecordings() (obj, error) {
	conf, err := c.conferenceParam()
	if err != nil {
		return nil, err
	}
	from, hasFrom, err := c.dateParam("date_from")
	if err != nil {
		return nil, err
	}
	to, hasTo, err := c.dateParam("date_to")
	if err != nil {
		return nil, err
	}
	if hasFrom && hasTo && to.Before(from) {
		return nil, fail("invalid_date_from")
	}
	var out []map[string]string
	for _, r := range c.st.entities["confrecording"].list() {
		day := r["date"][:10]
		if r["conference"] == conf["conference"] && (!hasFrom || day >= from.Format(dateLayout)) && (!hasTo || day <= to.Format(dateLayout)) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_recording")
	}
	return obj{{"recordings", rows("getConferenceRecordings.recordings", out)}}, nil
}

// getConferenceRecordingFile answers one recording as a bare object under
// "recording", as live (reference §4.5).
func (c *call) getConferenceRecordingFile() (obj, error) {
	conf, err := c.conferenceParam()
	if err != nil {
		return nil, err
	}
	id, err := c.need("recording", "missing_recording")
	if err != nil {
		return nil, err
	}
	r := c.st.entities["confrecording"].rows[id]
	if r == nil || r["conference"] != conf["conference"] {
		return nil, fail("invalid_recording")
	}
	return obj{{"recording", row("getConferenceRecordingFile.recording", r)}}, nil
}
