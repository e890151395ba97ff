package voipmstest

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

func init() {
	handlers["sendSMS"] = func(c *call) (obj, error) { return c.send(false) }
	handlers["sendMMS"] = func(c *call) (obj, error) { return c.send(true) }
	handlers["getSMS"] = func(c *call) (obj, error) { return c.getMessages("getSMS", false, "") }
	handlers["getMMS"] = func(c *call) (obj, error) { return c.getMessages("getMMS", true, "") }
	handlers["getResellerSMS"] = func(c *call) (obj, error) { return c.getResellerMessages("getResellerSMS", false) }
	handlers["getResellerMMS"] = func(c *call) (obj, error) { return c.getResellerMessages("getResellerMMS", true) }
	handlers["deleteSMS"] = func(c *call) (obj, error) { return c.deleteMessage(false) }
	handlers["deleteMMS"] = func(c *call) (obj, error) { return c.deleteMessage(true) }
	handlers["getMediaMMS"] = (*call).getMediaMMS
	handlers["setSMS"] = (*call).setSMS
}

// send implements sendSMS and sendMMS. A message to another DID of the
// account that has SMS enabled is also delivered to it as a received message.
func (c *call) send(mms bool) (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	if d.f["sms_enabled"] != "1" {
		return nil, fail("invalid_did")
	}
	dst := normalizeDID(c.p.get("dst"))
	if !digitsOnly(dst) || len(dst) < 3 || len(dst) > 15 {
		return nil, fail("invalid_dst")
	}
	text := c.p.get("message")
	max := 160
	if mms {
		max = 2048
	}
	switch {
	case text == "":
		return nil, fail("message_empty")
	case len([]rune(text)) > max:
		return nil, fail("sms_toolong")
	}
	var media []string
	if mms {
		for i, k := range []string{"media1", "media2", "media3"} {
			v := c.p.get(k)
			switch {
			case v == "":
			case strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://"):
				media = append(media, v)
			case strings.HasPrefix(v, "data:"):
				_, b64, ok := strings.Cut(v, ",")
				if _, err := base64.StdEncoding.DecodeString(b64); !ok || err != nil {
					return nil, fail("invalid_file")
				}
				media = append(media, "https://voip.ms/media.php?map=sim-"+strconv.Itoa(c.st.nextMsgID)+"-"+strconv.Itoa(i+1))
			default:
				return nil, fail("invalid_file")
			}
		}
	}
	day := c.now.Format(dateLayout)
	if lim := c.s.cfg.smsPerDay; lim > 0 && c.st.sentToday[day] >= lim {
		return nil, fail("limit_reached")
	}
	c.st.sentToday[day]++
	from := d.f["did"]
	m := &message{id: c.st.nextMsgID, at: c.now, typ: "0", did: from, contact: dst, text: text, media: media, mms: mms}
	c.st.nextMsgID++
	c.st.messages = append(c.st.messages, m)
	if to, ok := c.st.owned[dst]; ok && to.f["sms_enabled"] == "1" {
		in := *m
		in.id, in.typ, in.did, in.contact = c.st.nextMsgID, "1", dst, from
		c.st.nextMsgID++
		c.st.messages = append(c.st.messages, &in)
	}
	if mms {
		c.s.executed.MMSSent++
		return obj{{"mms", strconv.Itoa(m.id)}}, nil
	}
	c.s.executed.SMSSent++
	return obj{{"sms", strconv.Itoa(m.id)}}, nil
}

// messageFilter reads the common filters of getSMS/getMMS and their
// reseller variants.
func (c *call) messageFilter(idParam string) (func(*message) bool, *time.Location, int, error) {
	loc := c.now.Location()
	if c.p.get("timezone") != "" {
		l, err := c.cdrTimezone() // the same numeric offset, fractions allowed
		if err != nil {
			return nil, nil, 0, err
		}
		loc = l
	}
	today := c.now.In(loc).Format(dateLayout)
	from, to := c.p.get("from"), c.p.get("to")
	if from == "" {
		from = today
	}
	if to == "" {
		to = today
	}
	tf, err1 := time.Parse(dateLayout, from)
	tt, err2 := time.Parse(dateLayout, to)
	if err1 != nil || err2 != nil {
		return nil, nil, 0, fail("invalid_date")
	}
	if tt.Before(tf) || tt.Sub(tf) > 92*24*time.Hour {
		return nil, nil, 0, fail("invalid_daterange")
	}
	typ := c.p.get("type")
	if typ != "" && typ != "0" && typ != "1" {
		return nil, nil, 0, fail("invalid_type")
	}
	did := normalizeDID(c.p.get("did"))
	if did != "" {
		if _, ok := c.st.owned[did]; !ok {
			return nil, nil, 0, fail("invalid_did")
		}
	}
	contact := normalizeDID(c.p.get("contact"))
	limit := 50
	if v := c.p.get("limit"); v != "" {
		if n, ok := atoi(v); ok && n > 0 {
			limit = n
		}
	}
	id := c.p.get(idParam)
	keep := func(m *message) bool {
		day := m.at.In(loc).Format(dateLayout)
		return (id == "" || strconv.Itoa(m.id) == id) && day >= from && day <= to &&
			(typ == "" || m.typ == typ) && (did == "" || m.did == did) && (contact == "" || m.contact == contact)
	}
	return keep, loc, limit, nil
}

func (c *call) getMessages(method string, mms bool, client string) (obj, error) {
	idParam := "sms"
	if method == "getMMS" || (method == "getResellerMMS" && c.p.has("mms")) {
		idParam = "mms" // getResellerMMS: the docs name it sms, the WSDL mms
	}
	keep, loc, limit, err := c.messageFilter(idParam)
	if err != nil {
		return nil, err
	}
	all, _ := flag01(c.p.get("all_messages"))
	var out []obj
	for i := len(c.st.messages) - 1; i >= 0 && len(out) < limit; i-- {
		m := c.st.messages[i]
		if (m.mms != mms && !all) || !keep(m) {
			continue
		}
		if client != "" && !c.st.clientOwnsDID(client, m.did) {
			continue
		}
		f := map[string]string{"id": strconv.Itoa(m.id), "date": m.at.In(loc).Format(stampLayout), "type": m.typ,
			"did": m.did, "contact": m.contact, "message": m.text, "carrier_status": "Information not available"}
		r := row(method+".sms", f)
		if method == "getMMS" {
			media := append([]string{}, m.media...)
			for j, k := range []string{"col_media1", "col_media2", "col_media3"} {
				v := ""
				if j < len(m.media) {
					v = m.media[j]
				}
				r = setKey(r, k, v)
			}
			r = setKey(r, "media", media)
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fail("no_sms")
	}
	return obj{{"sms", out}}, nil
}

func setKey(o obj, k string, v any) obj {
	for i := range o {
		if o[i].k == k {
			o[i].v = v
			return o
		}
	}
	return append(o, kv{k, v})
}

func (st *state) clientOwnsDID(client, did string) bool {
	d := st.owned[did]
	if d == nil {
		return false
	}
	a := st.subAccount(d.f["reseller_account"])
	return a != nil && a["reseller_client"] == client
}

func (c *call) getResellerMessages(method string, mms bool) (obj, error) {
	client := c.p.get("client")
	if client == "" {
		return nil, fail("missing_client")
	}
	if c.st.clients[client] == nil {
		return nil, fail("invalid_client")
	}
	return c.getMessages(method, mms, client)
}

func (c *call) deleteMessage(mms bool) (obj, error) {
	id := c.p.get("id")
	if id == "" {
		return nil, fail("missing_id")
	}
	for i, m := range c.st.messages {
		if strconv.Itoa(m.id) == id && m.mms == mms {
			c.st.messages = append(c.st.messages[:i], c.st.messages[i+1:]...)
			return nil, nil
		}
	}
	return nil, fail("invalid_sms")
}

func (c *call) getMediaMMS() (obj, error) {
	id := c.p.get("id")
	if id == "" {
		return nil, fail("missing_id")
	}
	for _, m := range c.st.messages {
		if strconv.Itoa(m.id) != id || !m.mms {
			continue
		}
		asArray, _ := flag01(c.p.get("media_as_array"))
		var media any = append([]string{}, m.media...)
		if !asArray && len(m.media) > 0 {
			o := obj{}
			for i, u := range m.media {
				o = append(o, kv{strconv.Itoa(i + 1), u})
			}
			media = o
		}
		return obj{{"id", id}, {"date", m.at.Format(stampLayout)}, {"media", media}}, nil
	}
	return nil, fail("invalid_id")
}

// setSMS replaces the DID's SMS settings; absent optional fields are reset
// to their defaults (observed live: callbacks not re-sent get disabled).
func (c *call) setSMS() (obj, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	if d.f["sms_available"] != "1" {
		return nil, fail("invalid_did")
	}
	f := map[string]string{}
	enable, ok := flag01(c.p.get("enable"))
	if !ok {
		return nil, fail("missing_enable")
	}
	f["sms_enabled"] = b01(enable)
	flags := []struct{ param, field, invalid string }{
		{"email_enabled", "sms_email_enabled", "invalid_email_enable"},
		{"sms_forward_enable", "sms_forward_enabled", "invalid_forward_enable"},
		{"url_callback_enable", "sms_url_callback_enabled", "invalid_callback_enable"},
		{"url_callback_retry", "sms_url_callback_retry", "invalid_callback_retry"},
		{"sms_sipaccount_enabled", "sms_sipaccount_enabled", "missing_params"},
		{"smpp_enabled", "smpp_enabled", "missing_params"},
	}
	for _, fl := range flags {
		v := c.p.get(fl.param)
		if v == "" {
			f[fl.field] = "0"
			continue
		}
		b, ok := flag01(v)
		if !ok {
			return nil, fail(fl.invalid)
		}
		f[fl.field] = b01(b)
	}
	// webhook_enable (docs) and webhook_enabled (what getDIDsInfo returns)
	// are both accepted.
	wh := c.p.get("webhook_enable")
	if wh == "" {
		wh = c.p.get("webhook_enabled")
	}
	f["webhook_enabled"] = "0"
	if wh != "" {
		b, ok := flag01(wh)
		if !ok {
			return nil, fail("missing_params")
		}
		f["webhook_enabled"] = b01(b)
	}
	email := c.p.get("email_address")
	if email != "" && !strings.Contains(email, "@") {
		return nil, fail("invalid_email")
	}
	f["sms_email"] = email
	fwd := normalizeDID(c.p.get("sms_forward"))
	if fwd != "" && (!digitsOnly(fwd) || len(fwd) != 10) {
		return nil, fail("invalid_sms_forward")
	}
	f["sms_forward"] = fwd
	for _, k := range []struct{ param, field, invalid string }{
		{"url_callback", "sms_url_callback", "invalid_callback"},
		{"webhook", "webhook", "missing_params"},
		{"smpp_url", "smpp_url", "invalid_smpp_url"},
	} {
		v := c.p.get(k.param)
		if v != "" && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") && k.param != "smpp_url" {
			return nil, fail(k.invalid)
		}
		f[k.field] = v
	}
	f["smpp_user"] = c.p.get("smpp_user")
	f["smpp_pass"] = c.p.get("smpp_pass")
	f["sms_sipaccount"] = c.p.get("sms_sipaccount")
	switch v := c.p.get("dialmode"); v {
	case "":
		f["dialmode"] = "1"
	case "1", "2":
		f["dialmode"] = v
	default:
		return nil, fail("missing_params")
	}
	for k, v := range f {
		d.f[k] = v
	}
	return nil, nil
}
