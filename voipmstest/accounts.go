package voipmstest

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// Sub-accounts (createSubAccount, setSubAccount, delSubAccount,
// getSubAccounts, getRegistrationStatus), their catalogues, custom music on
// hold and internal-extension locations.

var (
	protocols     = []valueDesc{{"1", "SIP"}, {"2", "H.323"}, {"3", "IAX2"}}
	authTypes     = []valueDesc{{"1", "User / Password Authentication"}, {"2", "Static IP Authentication"}}
	deviceTypes   = []valueDesc{{"1", "Asterisk, IP PBX, Gateway or VoIP Switch"}, {"2", "IP Phone, ATA or Softphone"}}
	dtmfModes     = []valueDesc{{"auto", "AUTO"}, {"rfc2833", "RFC2833"}, {"inband", "INBAND"}, {"info", "INFO"}}
	natModes      = []valueDesc{{"yes", "Yes"}, {"no", "No"}, {"route", "Route"}, {"never", "Never"}}
	lockModes     = []valueDesc{{"0", "International Calls Enabled"}, {"1", "International Calls Disabled"}}
	routes        = []valueDesc{{"1", "Value"}, {"2", "Premium"}}
	allowedCodecs = []valueDesc{{"ulaw", "G.711U"}, {"alaw", "G.711A"}, {"g729", "G.729A"}, {"gsm", "GSM"}, {"g722", "G.722"}}
	holdTimeTypes = []valueDesc{{"yes", "Yes"}, {"no", "No"}, {"once", "Yes, only once"}}
	// builtinMOH are the music-on-hold choices every account has.
	builtinMOH = []valueDesc{{"default", "Default Music"}, {"none", "No Music"}, {"jazz", "Easy Listening"},
		{"classical", "Classical"}, {"rock", "Rock"}, {"ambient", "Ambient"}}
)

// defaultLocation is the location every internal extension is in unless it
// names another (getLocations lists it first; it cannot be deleted).
const defaultLocation = "Reachable by everyone"

func init() {
	regList("getProtocols", "protocols", "protocol", "invalid_protocol", protocols)
	regList("getAuthTypes", "auth_types", "type", "invalid_authtype", authTypes)
	regList("getDeviceTypes", "device_types", "device_type", "invalid_devicetype", deviceTypes)
	regList("getDTMFModes", "dtmf_modes", "dtmf_mode", "invalid_dtmfmode", dtmfModes)
	regList("getNAT", "nat", "nat", "invalid_nat", natModes)
	regList("getLockInternational", "lock_international", "lock_international", "invalid_lockinternational", lockModes)
	regList("getRoutes", "routes", "route", "invalid_internationalroute", routes)
	regList("getAllowedCodecs", "allowed_codecs", "codec", "invalid_codec", allowedCodecs)
	regList("getReportEstimatedHoldTime", "types", "type", "invalid_if_announce_position_enabled_report_e", holdTimeTypes)
	rowFields["getMusicOnHold.music_on_hold"] = []string{"value", "description", "recordings", "total", "volume", "sort", "custom"}
	rowFields["getRegistrationStatus.registrations"] = []string{"server_name", "server_shortname", "server_hostname",
		"server_ip", "server_country", "server_pop", "register_ip", "register_port", "register_next",
		"register_protocol", "register_transport"}
	topFields["createSubAccount"] = []string{"id", "account"}
	topFields["getRegistrationStatus"] = []string{"registered", "rerouted", "from_server_pop", "registrations"}
	for name, h := range map[string]func(*call) (obj, error){
		"getSubAccounts":        (*call).getSubAccounts,
		"createSubAccount":      func(c *call) (obj, error) { return c.saveSubAccount(true) },
		"setSubAccount":         func(c *call) (obj, error) { return c.saveSubAccount(false) },
		"delSubAccount":         (*call).delSubAccount,
		"getRegistrationStatus": (*call).getRegistrationStatus,
		"getMusicOnHold":        (*call).getMusicOnHold,
		"setMusicOnHold":        (*call).setMusicOnHold,
		"delMusicOnHold":        (*call).delMusicOnHold,
		"getLocations":          (*call).getLocations,
		"setLocation":           (*call).setLocation,
		"delLocation":           (*call).delLocation,
	} {
		handlers[name] = h
	}
}

func (st *state) seedAccountExtras() {
	st.tbl("musiconhold", 1)
	st.tbl("location", 1)
	st.tbl("e911", 1)
}

// getSubAccounts lists the sub-accounts; "account" filters by sub-account
// name (100001_VoIP) or, when it is a reseller client id, by that client.
func (c *call) getSubAccounts() (obj, error) {
	want := c.p.get("account")
	var out []map[string]string
	for _, a := range c.st.subAccounts {
		if want == "" || a["account"] == want || digitsOnly(want) && a["reseller_client"] == want {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_account")
	}
	return obj{{"accounts", rows("getSubAccounts.accounts", out)}}, nil
}

func (st *state) subAccountByID(id string) map[string]string {
	for _, a := range st.subAccounts {
		if a["id"] == id {
			return a
		}
	}
	return nil
}

// subDefaults are the values of optional sub-account settings left out of a
// createSubAccount or setSubAccount (full replacement).
var subDefaults = map[string]string{
	"description": "", "ip": "", "callerid_number": "", "canada_routing": "1", "language": "en",
	"sip_traffic": "0", "max_expiry": "3600", "rtp_timeout": "60", "rtp_hold_timeout": "600",
	"ip_restriction": "", "enable_ip_restriction": "0", "pop_restriction": "", "enable_pop_restriction": "0",
	"send_bye": "1", "record_calls": "0", "internal_extension": "", "internal_voicemail": "",
	"internal_dialtime": "60", "reseller_client": "0", "reseller_package": "0",
	"reseller_nextbilling": "0000-00-00", "transcribe": "0", "transcription_locale": "en-US",
	"transcription_redaction": "no", "transcription_summary": "no", "transcription_sentiment": "no",
	"transcription_email": "", "parking_lot": "", "enable_internal_cnam": "0", "internal_cnam": "",
	"tfcarrier": "-1", "default_e911": "", "call_pickup_behavior": "1",
}

// subFlags are the 1/0 settings of a sub-account and their invalid status.
var subFlags = [][2]string{
	{"sip_traffic", "invalid_sip_traffic"}, {"enable_ip_restriction", "invalid_enable_ip_restriction"},
	{"enable_pop_restriction", "invalid_enable_pop_restriction"}, {"send_bye", "missing_params"},
	{"record_calls", "invalid_record_calls"}, {"transcribe", "missing_params"},
	{"enable_internal_cnam", "missing_params"},
}

// saveSubAccount creates a sub-account or replaces one's settings: optional
// settings left out go back to subDefaults; on setSubAccount an absent
// password keeps the current one.
func (c *call) saveSubAccount(create bool) (obj, error) {
	var old map[string]string
	row := map[string]string{}
	if create {
		user, err := c.need("username", "missing_username")
		if err != nil {
			return nil, err
		}
		for _, r := range user {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') || len(user) > 40 {
				return nil, fail("invalid_username")
			}
		}
		if c.st.subAccount(accountID+"_"+user) != nil {
			return nil, fail("used_username")
		}
		proto, err := c.need("protocol", "missing_protocol")
		if err != nil {
			return nil, err
		}
		if findValue(protocols, proto) == nil {
			return nil, fail("invalid_protocol")
		}
		row["username"], row["account"], row["protocol"] = user, accountID+"_"+user, proto
	} else {
		id, err := c.need("id", "missing_id")
		if err != nil {
			return nil, err
		}
		if old = c.st.subAccountByID(id); old == nil {
			return nil, fail("invalid_id")
		}
		for _, k := range []string{"id", "account", "username", "protocol"} {
			row[k] = old[k]
		}
	}
	for k, v := range subDefaults {
		row[k] = v
	}
	type check struct{ name, missing, invalid string }
	for _, ch := range []struct {
		check
		list []valueDesc
	}{
		{check{"auth_type", "missing_authtype", "invalid_authtype"}, authTypes},
		{check{"device_type", "missing_devicetype", "invalid_devicetype"}, deviceTypes},
		{check{"lock_international", "missing_lockinternational", "invalid_lockinternational"}, lockModes},
		{check{"international_route", "missing_internationalroute", "invalid_internationalroute"}, routes},
		{check{"dtmf_mode", "missing_dtmfmode", "invalid_dtmfmode"}, dtmfModes},
		{check{"nat", "missing_nat", "invalid_nat"}, natModes},
	} {
		v, err := c.need(ch.name, ch.missing)
		if err != nil {
			return nil, err
		}
		if b, ok := flag01(v); ok && ch.name == "lock_international" {
			v = b01(b)
		}
		if findValue(ch.list, strings.ToLower(v)) == nil {
			return nil, fail(ch.invalid)
		}
		row[ch.name] = strings.ToLower(v)
	}
	if row["protocol"] == "3" && row["auth_type"] != "1" {
		return nil, fail("invalid_authtype_iax2")
	}
	if row["protocol"] == "2" && row["auth_type"] != "2" {
		return nil, fail("invalid_authtype_h323")
	}
	v, err := c.need("music_on_hold", "missing_musiconhold")
	if err != nil {
		return nil, err
	}
	if row["music_on_hold"], err = moh(c, v); err != nil {
		return nil, fail("invalid_musiconhold")
	}
	codecs, err := c.need("allowed_codecs", "missing_allowedcodecs")
	if err != nil {
		return nil, err
	}
	parts := semiList(strings.ToLower(codecs))
	for _, p := range parts {
		if findValue(allowedCodecs, p) == nil && p != "all" {
			return nil, fail("invalid_allowedcodecs")
		}
	}
	row["allowed_codecs"] = strings.Join(parts, ";")

	// Authentication.
	pw, ip := c.p.get("password"), c.p.get("ip")
	switch row["auth_type"] {
	case "1":
		if ip != "" && row["protocol"] == "3" {
			return nil, fail("invalid_ip_iax2")
		}
		if ip != "" {
			return nil, fail("invalid_ip_auth")
		}
		if pw == "" && old != nil && old["auth_type"] == "1" {
			pw = old["password"]
		}
		if pw == "" {
			return nil, fail("missing_password")
		}
		if err := checkSubPassword(pw); err != nil {
			return nil, err
		}
		row["password"] = pw
	case "2":
		if pw != "" {
			return nil, fail("invalid_password_auth")
		}
		if ip == "" {
			if row["protocol"] == "2" {
				return nil, fail("missing_ip_h323")
			}
			return nil, fail("missing_ip")
		}
		if !validIPv4(ip) {
			return nil, fail("invalid_ip")
		}
		for _, a := range c.st.subAccounts {
			if a["ip"] == ip && a["protocol"] == row["protocol"] && (old == nil || a["id"] != old["id"]) {
				return nil, fail("repeated_ip")
			}
		}
		row["password"], row["ip"] = "", ip
	}

	for _, f := range subFlags {
		if row[f[0]], err = c.flagParam(f[0], subDefaults[f[0]], f[1]); err != nil {
			return nil, err
		}
	}
	for _, f := range []string{"transcription_redaction", "transcription_summary", "transcription_sentiment"} {
		if row[f], err = c.ynParam(f, false, "no", "", "invalid_"+f); err != nil {
			return nil, err
		}
	}
	if v := c.p.get("description"); v != "" {
		if len(v) > 100 {
			return nil, fail("invalid_description")
		}
		row["description"] = v
	}
	if v := c.p.get("callerid_number"); v != "" {
		if v != "-1" {
			if _, err := phone(c, v); err != nil {
				return nil, fail("invalid_callerid")
			}
		}
		row["callerid_number"] = v
	}
	if v := c.p.get("canada_routing"); v != "" {
		if findValue(routes, v) == nil {
			return nil, fail("invalid_canada_routing")
		}
		row["canada_routing"] = v
	}
	if v := c.p.get("language"); v != "" {
		if row["language"], err = lang(c, v); err != nil {
			return nil, fail("invalid_language")
		}
	}
	for _, r := range []struct {
		name, invalid string
		lo, hi        int
	}{{"max_expiry", "invalid_max_expiry", 60, 3600}, {"rtp_timeout", "invalid_rtp_timeout", 1, 3600},
		{"rtp_hold_timeout", "invalid_rtp_hold_timeout", 1, 3600}, {"internal_dialtime", "invalid_internaldialtime", 1, 60}} {
		if v := c.p.get(r.name); v != "" {
			n, ok := atoi(v)
			if !ok || n < r.lo || n > r.hi {
				return nil, fail(r.invalid)
			}
			row[r.name] = strconv.Itoa(n)
		}
	}
	rt, _ := atoi(row["rtp_timeout"])
	hold, _ := atoi(row["rtp_hold_timeout"])
	if rt > hold {
		return nil, fail("rtp_timeout_greater_than_rtp_hold_timeout")
	}
	if v := c.p.get("ip_restriction"); v != "" {
		row["ip_restriction"] = v
	}
	if v := c.p.get("pop_restriction"); v != "" {
		for _, p := range strings.Split(v, ",") {
			if !c.st.pop(strings.TrimSpace(p)) {
				return nil, fail("invalid_pop_restriction")
			}
		}
		row["pop_restriction"] = v
	}
	if row["enable_ip_restriction"] == "1" && row["ip_restriction"] == "" {
		return nil, fail("missing_ip_restriction")
	}
	if row["enable_pop_restriction"] == "1" && row["pop_restriction"] == "" {
		return nil, fail("missing_pop_restriction")
	}
	if v := c.p.get("internal_extension"); v != "" {
		if !digitsOnly(v) {
			return nil, fail("invalid_extension")
		}
		if len(v) > 5 {
			return nil, fail("invalid_extension_length")
		}
		for _, a := range c.st.subAccounts {
			if a["internal_extension"] == v && (old == nil || a["id"] != old["id"]) {
				return nil, fail("used_extension")
			}
		}
		row["internal_extension"] = v
	}
	if v := c.p.get("internal_voicemail"); v != "" {
		if !c.st.mailbox(v) {
			return nil, fail("invalid_internalvoicemail")
		}
		row["internal_voicemail"] = v
	}
	if v := c.p.get("internal_extension_location"); v != "" && v != "0" {
		if c.st.entities["location"].rows[v] == nil {
			return nil, fail("location_not_found")
		}
		row["internal_extension_location"] = v
	}
	if v := c.p.get("transcription_locale"); v != "" {
		for _, l := range strings.Split(v, ",") {
			if findValue(locales, strings.TrimSpace(l)) == nil {
				return nil, fail("invalid_transcription_locale")
			}
		}
		row["transcription_locale"] = v
	}
	if v := c.p.get("transcription_email"); v != "" {
		if !validEmail(v) {
			return nil, fail("invalid_transcription_email")
		}
		row["transcription_email"] = v
	}
	if v := c.p.get("transcription_start_delay"); v != "" {
		n, ok := atoi(v)
		if !ok || n > 60 || n%5 != 0 {
			return nil, fail("missing_params")
		}
	}
	if v := c.p.get("parking_lot"); v != "" && v != "0" {
		if c.st.entities["callparking"].rows[v] == nil {
			return nil, fail("invalid_callparking")
		}
		row["parking_lot"] = v
	}
	if v := c.p.get("internal_cnam"); v != "" {
		if len(v) > 15 {
			return nil, fail("missing_params")
		}
		row["internal_cnam"] = v
	}
	if v := c.p.get("tfcarrier"); v != "" {
		if v != "-1" && v != "0" && v != "1" && v != "2" {
			return nil, fail("missing_params")
		}
		row["tfcarrier"] = v
	}
	if v := c.p.get("call_pickup_behavior"); v != "" {
		if n, ok := atoi(v); !ok || n < 1 || n > 4 {
			return nil, fail("missing_params")
		}
		row["call_pickup_behavior"] = v
	}
	if v := c.p.get("dialing_mode"); v != "" && v != "0" && v != "1" && v != "2" {
		return nil, fail("missing_params")
	}
	if v := c.p.get("default_e911"); v != "" && v != "0" {
		row["default_e911"] = v
	}
	// Reseller client and package go together.
	client, pkg := c.p.get("reseller_client"), c.p.get("reseller_package")
	if client == "0" {
		client = ""
	}
	if pkg == "0" {
		pkg = ""
	}
	switch {
	case client != "" && pkg == "":
		return nil, fail("missing_resellerpackage")
	case client == "" && pkg != "":
		return nil, fail("missing_resellerclient")
	case client != "":
		if c.st.clients[client] == nil {
			return nil, fail("invalid_resellerclient")
		}
		found := false
		for _, p := range c.st.packages {
			found = found || p["package"] == pkg
		}
		if !found {
			return nil, fail("invalid_resellerpackage")
		}
		row["reseller_client"], row["reseller_package"] = client, pkg
		row["reseller_nextbilling"] = c.now.AddDate(0, 1, 0).Format(dateLayout)
		if v := c.p.get("reseller_nextbilling"); v != "" && v != "0000-00-00" {
			t, err := time.Parse(dateLayout, v)
			if err != nil || t.Before(truncateDay(c.now)) {
				return nil, fail("invalid_resellernextbilling")
			}
			row["reseller_nextbilling"] = v
		}
	}
	if create {
		id := c.st.nextSubID()
		row["id"] = id
		c.st.subAccounts = append(c.st.subAccounts, row)
		return obj{{"id", id}, {"account", row["account"]}}, nil
	}
	for k := range old {
		delete(old, k)
	}
	for k, v := range row {
		old[k] = v
	}
	return nil, nil
}

// nextSubID is one more than the highest sub-account id.
func (st *state) nextSubID() string {
	hi := 99784
	for _, a := range st.subAccounts {
		if n, ok := atoi(a["id"]); ok && n > hi {
			hi = n
		}
	}
	return strconv.Itoa(hi + 1)
}

// checkSubPassword applies the sub-account password rule of the docs' table
// (more than 6 characters, letters and digits, and only these symbols).
func checkSubPassword(p string) error {
	letter, digit := false, false
	for _, r := range p {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letter = true
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune("!#$%&/()=?*[]_:.,{}+-", r):
		default:
			return fail("invalid_password_ilegal_characters")
		}
	}
	if len(p) <= 6 || !letter || !digit {
		return fail("invalid_password")
	}
	return nil
}

func validIPv4(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		n, ok := atoi(p)
		if !ok || n > 255 || len(p) > 3 {
			return false
		}
	}
	return true
}

// delSubAccount removes a sub-account that no DID routes to or is connected
// to (account_with_dids otherwise).
func (c *call) delSubAccount() (obj, error) {
	id, err := c.need("id", "missing_id")
	if err != nil {
		return nil, err
	}
	a := c.st.subAccountByID(id)
	if a == nil {
		return nil, fail("invalid_id")
	}
	if c.st.routeRefs("account:"+a["account"]) || c.st.connectedTo(a["account"]) {
		return nil, fail("account_with_dids")
	}
	kept := c.st.subAccounts[:0]
	for _, s := range c.st.subAccounts {
		if s["id"] != id {
			kept = append(kept, s)
		}
	}
	c.st.subAccounts = kept
	return nil, nil
}

// connectedTo reports whether a DID or fax number is connected to the
// reseller sub-account.
func (st *state) connectedTo(account string) bool {
	for _, d := range st.owned {
		if d.f["reseller_account"] == account {
			return true
		}
	}
	for _, f := range st.entities["faxnumber"].rows {
		if f["reseller_account"] == account {
			return true
		}
	}
	return false
}

// getRegistrationStatus answers whether a sub-account is registered: the
// seeded 100001_VoIP is, on the POP its first DID uses (or the recommended
// one); other sub-accounts are not.
func (c *call) getRegistrationStatus() (obj, error) {
	acct, err := c.need("account", "missing_account")
	if err != nil {
		return nil, err
	}
	a := c.st.subAccount(acct)
	if a == nil {
		return nil, fail("invalid_account")
	}
	if a["id"] != "99785" {
		return obj{{"registered", "no"}, {"rerouted", "0"}, {"from_server_pop", "0"}}, nil
	}
	pop := c.st.recommended
	for _, d := range c.st.ownedOrder {
		if n, ok := atoi(c.st.owned[d].f["pop"]); ok {
			pop = n
			break
		}
	}
	p := pops[pop-1]
	reg := map[string]string{
		"server_name": p.name, "server_shortname": p.short, "server_hostname": p.host,
		"server_ip": p.ip, "server_country": p.country,
		"server_pop": strconv.Itoa(pop), "register_ip": "198.51.100.23", "register_port": "5060",
		"register_next": c.now.Add(4 * time.Minute).Format(stampLayout), "register_protocol": "SIP",
		"register_transport": "UDP",
	}
	return obj{{"registered", "yes"}, {"rerouted", "0"}, {"from_server_pop", strconv.Itoa(pop)},
		{"registrations", []obj{row("getRegistrationStatus.registrations", reg)}}}, nil
}

// mohExists reports whether v names a built-in or custom music on hold.
func (st *state) mohExists(v string) bool {
	if findValue(builtinMOH, v) != nil {
		return true
	}
	for _, r := range st.entities["musiconhold"].rows {
		if r["value"] == v {
			return true
		}
	}
	return false
}

func (c *call) getMusicOnHold() (obj, error) {
	want := c.p.get("music_on_hold")
	var out []map[string]string
	for _, m := range builtinMOH {
		out = append(out, map[string]string{"value": m.value, "description": m.description, "recordings": "",
			"total": "0", "volume": "0", "sort": "random", "custom": "0"})
	}
	out = append(out, c.st.entities["musiconhold"].list()...)
	var kept []map[string]string
	for _, r := range out {
		if want == "" || r["value"] == want {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		return nil, fail("invalid_musiconhold")
	}
	return obj{{"music_on_hold", rows("getMusicOnHold.music_on_hold", kept)}}, nil
}

// setMusicOnHold creates a custom music on hold from recordings, or replaces
// the custom one called name. A name left out is made from the description.
func (c *call) setMusicOnHold() (obj, error) {
	desc, err := c.need("description", "missing_description")
	if err != nil {
		return nil, err
	}
	if len(desc) > 100 {
		return nil, fail("invalid_description")
	}
	recs, err := c.need("recordings", "missing_recording")
	if err != nil {
		return nil, err
	}
	ids := strings.Split(recs, ",")
	for i, r := range ids {
		ids[i] = strings.TrimSpace(r)
		if c.st.entities["recording"].rows[ids[i]] == nil {
			return nil, fail("invalid_recording")
		}
	}
	volume, err := c.flagParam("volume", "0", "missing_params")
	if err != nil {
		return nil, err
	}
	sortMode := strings.ToLower(c.p.get("sort"))
	if sortMode == "" {
		sortMode = "alpha"
	}
	if sortMode != "alpha" && sortMode != "random" {
		return nil, fail("missing_params")
	}
	t := c.st.entities["musiconhold"]
	name := strings.ToLower(c.p.get("name"))
	if name == "" {
		name = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return '_'
		}, strings.ToLower(desc))
	}
	if _, err := musicName(c, name); err != nil {
		return nil, fail("invalid_name")
	}
	if findValue(builtinMOH, name) != nil {
		return nil, fail("used_name")
	}
	id := ""
	for rid, r := range t.rows {
		if r["value"] == name {
			id = rid
		}
	}
	if id == "" {
		id = t.newID()
	}
	t.rows[id] = map[string]string{"value": name, "description": desc, "recordings": strings.Join(ids, ","),
		"total": strconv.Itoa(len(ids)), "volume": volume, "sort": sortMode, "custom": "1"}
	return nil, nil
}

func musicName(_ *call, v string) (string, error) {
	if v == "" || len(v) > 40 {
		return "", errBad
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return "", errBad
		}
	}
	return v, nil
}

func (c *call) delMusicOnHold() (obj, error) {
	name, err := c.need("music_on_hold", "missing_musiconhold")
	if err != nil {
		return nil, err
	}
	t := c.st.entities["musiconhold"]
	for id, r := range t.rows {
		if r["value"] == name {
			delete(t.rows, id)
			return nil, nil
		}
	}
	return nil, fail("invalid_musiconhold")
}

// Locations: internal-extension location groups. getLocations lists their
// names, the default first; a location's id (for delLocation and a
// sub-account's internal_extension_location) is its creation number, from 1.

func (c *call) getLocations() (obj, error) {
	names := []string{defaultLocation}
	for _, r := range c.st.entities["location"].list() {
		names = append(names, r["name"])
	}
	return obj{{"locations", names}}, nil
}

func (c *call) setLocation() (obj, error) {
	name, err := c.need("name", "missing_location_name")
	if err != nil {
		return nil, err
	}
	if len(name) > 50 {
		return nil, fail("name_toolong")
	}
	t := c.st.entities["location"]
	if strings.EqualFold(name, defaultLocation) {
		return nil, fail("location_already_exists")
	}
	for _, r := range t.rows {
		if strings.EqualFold(r["name"], name) {
			return nil, fail("location_already_exists")
		}
	}
	id := t.newID()
	t.rows[id] = map[string]string{"id": id, "name": name}
	return nil, nil
}

func (c *call) delLocation() (obj, error) {
	name, err := c.need("name", "missing_location_name")
	if err != nil {
		return nil, err
	}
	id, err := c.need("id", "missing_id")
	if err != nil {
		return nil, err
	}
	t := c.st.entities["location"]
	r := t.rows[id]
	if r == nil || r["name"] != name {
		return nil, fail("location_not_found")
	}
	for _, a := range c.st.subAccounts {
		if a["internal_extension_location"] == id {
			return nil, fail("location_linked_to_subaccount")
		}
	}
	delete(t.rows, id)
	return nil, nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
