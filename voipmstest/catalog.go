package voipmstest

import (
	"strconv"
)

func init() {
	vd := func(method, key, param, invalid string, list []valueDesc) func(*call) (obj, error) {
		return func(c *call) (obj, error) { return c.valueList(method, key, param, invalid, list) }
	}
	for name, h := range map[string]func(*call) (obj, error){
		"getStates":                     func(c *call) (obj, error) { return c.regionList("getStates", "states", "state", usStates) },
		"getProvinces":                  func(c *call) (obj, error) { return c.regionList("getProvinces", "provinces", "province", caProvinces) },
		"getRateCentersUSA":             func(c *call) (obj, error) { return c.rateCenters("us") },
		"getRateCentersCAN":             func(c *call) (obj, error) { return c.rateCenters("ca") },
		"getDIDCountries":               (*call).getDIDCountries,
		"getInternationalTypes":         vd("getInternationalTypes", "types", "type", "invalid_type", internationalTypes),
		"getCarriers":                   vd("getCarriers", "carriers", "carrier", "invalid_carrier", carriers),
		"getRingStrategies":             vd("getRingStrategies", "strategies", "strategy", "invalid_strategy", ringStrategies),
		"getJoinWhenEmptyTypes":         vd("getJoinWhenEmptyTypes", "types", "type", "invalid_join_empty_type", joinWhenEmptyTypes),
		"getVoicemailSetups":            vd("getVoicemailSetups", "voicemailsetups", "voicemailsetup", "invalid_voicemailsetup", voicemailSetups),
		"getVoicemailAttachmentFormats": vd("getVoicemailAttachmentFormats", "email_attachment_formats", "email_attachment_format", "invalid_email_attachment_format", attachmentFormats),
		"getServersInfo":                (*call).getServersInfo,
		"getVoicemails":                 (*call).getVoicemails,
		"getIP":                         func(c *call) (obj, error) { return obj{{"ip", c.ip}}, nil },
		"getVPRIs":                      (*call).getVPRIs,
		"getDIDvPRI":                    (*call).getDIDvPRI,
		"assignDIDvPRI":                 (*call).assignDIDvPRI,
		"removeDIDvPRI":                 (*call).removeDIDvPRI,
		"delClient":                     (*call).delClient,
	} {
		handlers[name] = h
	}
}

func findValue(list []valueDesc, v string) *valueDesc {
	for i := range list {
		if list[i].value == v {
			return &list[i]
		}
	}
	return nil
}

// valueList answers a {value, description} catalogue with an optional
// filter parameter naming one value.
func (c *call) valueList(method, key, param, invalid string, list []valueDesc) (obj, error) {
	want := c.p.get(param)
	var out []map[string]string
	for _, e := range list {
		if want == "" || e.value == want {
			out = append(out, map[string]string{"value": e.value, "description": e.description})
		}
	}
	if len(out) == 0 {
		return nil, fail(invalid)
	}
	return obj{{key, rows(method+"."+key, out)}}, nil
}

func (c *call) regionList(method, key, field string, regions []region) (obj, error) {
	out := make([]map[string]string, 0, len(regions))
	for _, r := range regions {
		out = append(out, map[string]string{field: r.code, "description": r.name})
	}
	return obj{{key, rows(method+"."+key, out)}}, nil
}

func (c *call) rateCenters(kind string) (obj, error) {
	regions, param, method := usStates, "state", "getRateCentersUSA"
	if kind == "ca" {
		regions, param, method = caProvinces, "province", "getRateCentersCAN"
	}
	code := c.p.get(param)
	if code == "" {
		return nil, fail("missing_" + param)
	}
	r := findRegion(regions, code)
	if r == nil {
		return nil, fail("invalid_" + param)
	}
	out := make([]map[string]string, 0, len(r.centers))
	for _, center := range r.centers {
		avail := "no"
		for _, d := range c.st.inventory {
			if d.kind == kind && d.region.code == r.code && d.center == center && !d.ordered {
				avail = "yes"
				break
			}
		}
		out = append(out, map[string]string{"ratecenter": center, "available": avail})
	}
	return obj{{"ratecenters", rows(method+".ratecenters", out)}}, nil
}

func (c *call) getDIDCountries() (obj, error) {
	typ := c.p.get("type")
	if typ == "" {
		return nil, fail("missing_type")
	}
	if findValue(internationalTypes, typ) == nil {
		return nil, fail("invalid_type")
	}
	want := c.p.get("country_id")
	var out []map[string]string
	for _, cn := range countries {
		has := map[string]int{"GEOGRAPHIC": len(cn.geographic), "NATIONAL": len(cn.national), "TOLLFREE": len(cn.tollfree)}[typ] > 0
		if has && (want == "" || want == cn.id) {
			out = append(out, map[string]string{"value": cn.id, "description": cn.name + " (+" + cn.dial + ")"})
		}
	}
	if len(out) == 0 {
		return nil, fail("invalid_countryid")
	}
	return obj{{"countries", rows("getDIDCountries.countries", out)}}, nil
}

func (c *call) getServersInfo() (obj, error) {
	want := c.p.get("server_pop")
	var out []map[string]string
	for i, p := range pops {
		id := strconv.Itoa(i + 1)
		if want != "" && want != id {
			continue
		}
		rec := "No"
		if i+1 == c.st.recommended {
			rec = "Yes"
		}
		out = append(out, map[string]string{
			"server_name": p.name, "server_shortname": p.short, "server_hostname": p.host,
			"server_ip": p.ip, "server_country": p.country,
			"server_pop": id, "server_recommended": rec,
		})
	}
	if len(out) == 0 {
		return nil, fail("invalid_serverpop")
	}
	return obj{{"servers", rows("getServersInfo.servers", out)}}, nil
}

func (c *call) getVoicemails() (obj, error) {
	want := c.p.get("mailbox")
	client := c.p.get("client")
	if client != "" && c.st.clients[client] == nil {
		return nil, fail("invalid_client")
	}
	var out []map[string]string
	for _, m := range c.st.mailboxes {
		// With a client, only the boxes created for it (createVoicemail client).
		if (want == "" || m["mailbox"] == want) && (client == "" || m["client"] == client) {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_mailbox")
	}
	return obj{{"voicemails", rows("getVoicemails.voicemails", out)}}, nil
}

func (c *call) vpriParam(required bool) (map[string]string, error) {
	id := c.p.get("vpri")
	if id == "" {
		if required {
			return nil, fail("missing_params")
		}
		return nil, nil
	}
	for _, v := range c.st.vpris {
		if v["vpri"] == id {
			return v, nil
		}
	}
	return nil, fail("invalid_id")
}

func (c *call) getVPRIs() (obj, error) {
	want := c.p.get("vpri")
	var out []map[string]string
	for _, v := range c.st.vpris {
		if want == "" || v["vpri"] == want {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_vpri")
	}
	return obj{{"vpri", rows("getVPRIs.vpri", out)}}, nil
}

func (c *call) getDIDvPRI() (obj, error) {
	v, err := c.vpriParam(true)
	if err != nil {
		return nil, err
	}
	var dids []string
	for _, n := range c.st.ownedOrder {
		if c.st.owned[n].vpri == v["vpri"] {
			dids = append(dids, n)
		}
	}
	if len(dids) == 0 {
		return nil, fail("no_did")
	}
	return obj{{"dids", dids}}, nil
}

func (c *call) assignDIDvPRI() (obj, error) {
	v, err := c.vpriParam(true)
	if err != nil {
		return nil, err
	}
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	if d.vpri != "" {
		return nil, fail("did_in_use")
	}
	d.vpri = v["vpri"]
	return obj{{"vpri", v["vpri"]}, {"DIDAdded", d.f["did"]}, {"monthly", "2.00"}}, nil
}

func (c *call) removeDIDvPRI() (obj, error) {
	v, err := c.vpriParam(false)
	if err != nil {
		return nil, err
	}
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	if d.vpri == "" || (v != nil && d.vpri != v["vpri"]) {
		return nil, fail("invalid_did")
	}
	id := d.vpri
	d.vpri = ""
	return obj{{"vpri", id}, {"DIDRemoved", d.f["did"]}}, nil
}

// delClient removes a reseller client and its sub-accounts; a client whose
// sub-accounts still have DIDs connected answers account_with_dids.
func (c *call) delClient() (obj, error) {
	id := c.p.get("client")
	if id == "" {
		return nil, fail("missing_client")
	}
	if c.st.clients[id] == nil {
		return nil, fail("invalid_client")
	}
	for _, d := range c.st.owned {
		if a := c.st.subAccount(d.f["reseller_account"]); a != nil && a["reseller_client"] == id {
			return nil, fail("account_with_dids")
		}
	}
	delete(c.st.clients, id)
	kept := c.st.subAccounts[:0]
	for _, a := range c.st.subAccounts {
		if a["reseller_client"] != id {
			kept = append(kept, a)
		}
	}
	c.st.subAccounts = kept
	return nil, nil
}
