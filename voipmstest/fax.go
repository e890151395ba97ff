package voipmstest

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Fax: the fax-number catalogue (states, provinces, rate centers, area-code
// searches), fax numbers (order, cancel, settings, reseller connection,
// portability), folders, messages (list, PDF, mail, move, delete, send) and
// e-mail-to-fax configurations.
//
// Fax numbers are a stock of their own: every rate center of the DID
// inventory that has local numbers is also a fax location (id from 1196 up,
// its area code that of the center's DIDs) with three fax numbers in stock,
// except one location in seven which has none. The account starts with no
// fax numbers and no faxes, and the folders INBOX (id 1) and SENT (id 2),
// which cannot be renamed or deleted. A fax sent to one of the account's fax
// numbers is also received in INBOX.

// Fax number prices (the simulator's; the docs publish none). An order
// debits the setup and first monthly fee of every number.
const (
	faxSetupFee   = "0.00"
	faxMonthlyFee = "2.95"
)

// pdfStub is a minimal PDF, the content of every simulated fax.
var pdfStub = base64.StdEncoding.EncodeToString([]byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))

var faxTestMethods = []string{"cancelFaxNumber", "delEmailToFax", "delFaxFolder", "deleteFaxMessage", "moveFaxMessage",
	"orderFaxNumber", "sendFaxMessage", "setEmailToFax", "setFaxFolder", "setFaxNumberEmail", "setFaxNumberInfo",
	"setFaxNumberURLCallback"}

func init() {
	for _, m := range faxTestMethods {
		testMethods[m] = true
	}
	rowFields["getFaxStates.states"] = []string{"state", "state_id", "state_name", "country_code"}
	rowFields["getFaxProvinces.provinces"] = []string{"province", "province_id", "province_name", "country_code"}
	rowFields["getFaxRateCentersUSA.ratecenters"] = []string{"location", "area_code", "ratecenter", "available"}
	rowFields["getFaxRateCentersCAN.ratecenters"] = []string{"location", "area_code", "ratecenter", "available"}
	rowFields["searchFaxAreaCodeUSA.ratecenters"] = []string{"area_code", "available", "ratecenter"}
	rowFields["searchFaxAreaCodeCAN.ratecenters"] = []string{"area_code", "available", "ratecenter"}
	rowFields["getFaxNumbersInfo.numbers"] = []string{"id", "did", "description", "state", "city", "country",
		"email_enabled", "email", "url_enabled", "url", "retry", "attach_file", "note", "reseller_account",
		"reseller_next_billing", "reseller_monthly", "reseller_minute", "reseller_setup", "fax_to_sip_enabled",
		"fax_to_sip_enabled_account"}
	rowFields["getFaxMessages.faxes"] = []string{"id", "folder", "date", "callerid", "stationid", "destination",
		"description", "pages", "duration", "status", "rate", "total", "msg"}
	rowFields["getFaxFolders.folders"] = []string{"id", "name"}
	rowFields["getEmailToFax.emailToFax"] = []string{"id", "enabled", "email", "security_code", "security_code_enabled", "from"}
	topFields["orderFaxNumber"] = []string{"dids"}
	topFields["cancelFaxNumber"] = []string{"deleted_did"}
	topFields["getFaxNumbersPortability"] = []string{"getFaxNumbersPortability"}
	topFields["getFaxMessagePDF"] = []string{"message_base64"}
	topFields["mailFaxMessagePDF"] = []string{"message_status"}
	for name, h := range map[string]func(*call) (obj, error){
		"getFaxStates":             func(c *call) (obj, error) { return c.faxRegions("us") },
		"getFaxProvinces":          func(c *call) (obj, error) { return c.faxRegions("ca") },
		"getFaxRateCentersUSA":     func(c *call) (obj, error) { return c.faxRateCenters("us") },
		"getFaxRateCentersCAN":     func(c *call) (obj, error) { return c.faxRateCenters("ca") },
		"searchFaxAreaCodeUSA":     func(c *call) (obj, error) { return c.searchFaxAreaCode("us") },
		"searchFaxAreaCodeCAN":     func(c *call) (obj, error) { return c.searchFaxAreaCode("ca") },
		"orderFaxNumber":           (*call).orderFaxNumber,
		"cancelFaxNumber":          (*call).cancelFaxNumber,
		"getFaxNumbersInfo":        (*call).getFaxNumbersInfo,
		"getFaxNumbersPortability": (*call).getFaxNumbersPortability,
		"setFaxNumberInfo":         func(c *call) (obj, error) { return c.setFaxNumber(faxEmailKeys, faxURLKeys, faxInfoKeys) },
		"setFaxNumberEmail":        func(c *call) (obj, error) { return c.setFaxNumber(faxEmailKeys) },
		"setFaxNumberURLCallback":  func(c *call) (obj, error) { return c.setFaxNumber(faxURLKeys) },
		"connectFAX":               (*call).connectFAX,
		"unconnectFAX":             (*call).unconnectFAX,
		"getFaxFolders":            (*call).getFaxFolders,
		"setFaxFolder":             (*call).setFaxFolder,
		"delFaxFolder":             (*call).delFaxFolder,
		"getFaxMessages":           (*call).getFaxMessages,
		"getFaxMessagePDF":         (*call).getFaxMessagePDF,
		"mailFaxMessagePDF":        (*call).mailFaxMessagePDF,
		"moveFaxMessage":           (*call).moveFaxMessage,
		"deleteFaxMessage":         (*call).deleteFaxMessage,
		"sendFaxMessage":           (*call).sendFaxMessage,
		"getEmailToFax":            (*call).getEmailToFax,
		"setEmailToFax":            (*call).setEmailToFax,
		"delEmailToFax":            (*call).delEmailToFax,
	} {
		handlers[name] = h
	}
}

func (st *state) seedFax(time.Time) {
	locs := st.tbl("faxlocation", 1196)
	seen := map[string]bool{}
	n := 0
	for _, d := range st.inventory {
		if d.kind != "us" && d.kind != "ca" {
			continue
		}
		key := d.kind + "|" + d.region.code + "|" + d.center
		if seen[key] {
			continue
		}
		seen[key] = true
		stock := 3
		if n%7 == 6 {
			stock = 0
		}
		n++
		id := locs.newID()
		locs.rows[id] = map[string]string{"location": id, "area_code": d.did[:3], "ratecenter": d.center,
			"kind": d.kind, "region": d.region.code, "stock": strconv.Itoa(stock)}
	}
	st.tbl("faxnumber", 1)
	folders := st.tbl("faxfolder", 1)
	for _, name := range []string{"INBOX", "SENT"} {
		id := folders.newID()
		folders.rows[id] = map[string]string{"id": id, "name": name, "builtin": "1"}
	}
	st.tbl("faxmessage", 100001)
	st.tbl("emailtofax", 1)
}

func faxAvailable(loc map[string]string) string {
	if loc["stock"] == "0" {
		return "no"
	}
	return "yes"
}

func (c *call) faxRegions(kind string) (obj, error) {
	regions, param, method, key, base, code := usStates, "state", "getFaxStates", "states", 1, "USA"
	if kind == "ca" {
		regions, param, method, key, base, code = caProvinces, "province", "getFaxProvinces", "provinces", 60, "CAN"
	}
	want := strings.ToUpper(c.p.get(param))
	var out []map[string]string
	for i, r := range regions {
		if want == "" || r.code == want {
			out = append(out, map[string]string{param: r.code, param + "_id": strconv.Itoa(base + i),
				param + "_name": titleCase(r.name), "country_code": code})
		}
	}
	if len(out) == 0 {
		return nil, fail("invalid_" + param)
	}
	return obj{{key, rows(method+"."+key, out)}}, nil
}

// titleCase writes "NEW YORK" as "New York", as the docs' samples name
// states and provinces here.
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func (c *call) faxRateCenters(kind string) (obj, error) {
	regions, param, method := usStates, "state", "getFaxRateCentersUSA"
	if kind == "ca" {
		regions, param, method = caProvinces, "province", "getFaxRateCentersCAN"
	}
	code, err := c.need(param, "missing_"+param)
	if err != nil {
		return nil, err
	}
	r := findRegion(regions, code)
	if r == nil {
		return nil, fail("invalid_" + param)
	}
	var out []map[string]string
	for _, l := range c.st.entities["faxlocation"].list() {
		if l["kind"] == kind && l["region"] == r.code {
			out = append(out, map[string]string{"location": l["location"], "area_code": l["area_code"],
				"ratecenter": l["ratecenter"], "available": faxAvailable(l)})
		}
	}
	if len(out) == 0 {
		return nil, fail("invalid_location")
	}
	return obj{{"ratecenters", rows(method+".ratecenters", out)}}, nil
}

// searchFaxAreaCode lists the fax rate centers of an area code; none
// answers success without the list, as live (reference §4.4).
func (c *call) searchFaxAreaCode(kind string) (obj, error) {
	method := "searchFaxAreaCodeUSA"
	if kind == "ca" {
		method = "searchFaxAreaCodeCAN"
	}
	ac, err := c.need("area_code", "missing_params")
	if err != nil {
		return nil, err
	}
	if !digitsOnly(ac) || len(ac) != 3 {
		return nil, fail("invalid_area_code")
	}
	var out []map[string]string
	for _, l := range c.st.entities["faxlocation"].list() {
		if l["kind"] == kind && l["area_code"] == ac {
			out = append(out, map[string]string{"area_code": ac, "available": faxAvailable(l), "ratecenter": l["ratecenter"]})
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return obj{{"ratecenters", rows(method+".ratecenters", out)}}, nil
}

// faxSettings reads the e-mail, URL-callback and other settings of a fax
// number; each group is full replacement: left-out values go back to their
// defaults.
var (
	faxEmailKeys = []string{"email", "email_enabled", "attach_file"}
	faxURLKeys   = []string{"url", "url_enabled", "retry"}
	faxInfoKeys  = []string{"note", "fax_to_sip_enabled", "fax_to_sip_enabled_account"}
)

func (c *call) faxSettings(groups ...[]string) (map[string]string, error) {
	f := map[string]string{}
	var err error
	for _, g := range groups {
		switch g[0] {
		case "email":
			if f["email_enabled"], err = c.flagParam("email_enable", "0", "invalid_email_enable"); err != nil {
				return nil, err
			}
			if f["attach_file"], err = c.flagParam("email_attach_file", "0", "invalid_attach_file"); err != nil {
				return nil, err
			}
			f["email"] = c.p.get("email")
			if f["email"] != "" && !validEmail(f["email"]) {
				return nil, fail("invalid_email")
			}
			if f["email_enabled"] == "1" && f["email"] == "" {
				return nil, fail("missing_email")
			}
		case "url":
			if f["url_enabled"], err = c.flagParam("url_callback_enable", "0", "invalid_callback_enable"); err != nil {
				return nil, err
			}
			if f["retry"], err = c.flagParam("url_callback_retry", "0", "invalid_callback_retry"); err != nil {
				return nil, err
			}
			f["url"] = c.p.get("url_callback")
			if len(f["url"]) > 255 || strings.ContainsAny(f["url"], " \t\n") {
				return nil, fail("missing_params")
			}
			if f["url_enabled"] == "1" && f["url"] == "" {
				return nil, fail("missing_params")
			}
		case "note":
			f["note"] = c.p.get("note")
			if len(f["note"]) > 50 {
				return nil, fail("note_toolong")
			}
			if f["fax_to_sip_enabled"], err = c.flagParam("fax_to_sip_enabled", "0", "missing_params"); err != nil {
				return nil, err
			}
			f["fax_to_sip_enabled_account"] = c.p.get("fax_to_sip_enabled_account")
			if a := f["fax_to_sip_enabled_account"]; a != "" && c.st.subAccount(a) == nil {
				return nil, fail("invalid_account")
			}
			if f["fax_to_sip_enabled"] == "1" && f["fax_to_sip_enabled_account"] == "" {
				return nil, fail("missing_account")
			}
		}
	}
	return f, nil
}

func (c *call) orderFaxNumber() (obj, error) {
	lid, err := c.need("location", "missing_location")
	if err != nil {
		return nil, err
	}
	loc := c.st.entities["faxlocation"].rows[lid]
	if loc == nil {
		return nil, fail("invalid_location")
	}
	q, ok := atoi(c.p.get("quantity"))
	if !ok || q < 1 || q > 100 {
		return nil, fail("invalid_quantity")
	}
	settings, err := c.faxSettings(faxEmailKeys, faxURLKeys)
	if err != nil {
		return nil, err
	}
	stock, _ := atoi(loc["stock"])
	if stock < q {
		return nil, fail("unsifficient_stock")
	}
	var fees []fee
	for range q {
		fees = append(fees, newFee("FAX", "Fax Number Setup Fee", faxSetupFee), newFee("FAX", "Fax Number Monthly Fee", faxMonthlyFee))
	}
	if err := c.afford(fees...); err != nil {
		return nil, err
	}
	if c.test {
		return nil, nil
	}
	if err := c.charge(fees...); err != nil {
		return nil, err
	}
	loc["stock"] = strconv.Itoa(stock - q)
	t := c.st.entities["faxnumber"]
	country := "United States"
	if loc["kind"] == "ca" {
		country = "Canada"
	}
	var dids []string
	for range q {
		did := c.st.freshNumber(loc["area_code"])
		for c.st.faxByDID(did) != nil {
			did = c.st.freshNumber(loc["area_code"])
		}
		id := t.newID()
		f := map[string]string{"id": id, "did": did, "location": lid,
			"description": country + ", " + loc["region"] + ", " + loc["ratecenter"],
			"state":       loc["region"], "city": loc["ratecenter"], "country": country,
			"reseller_account": "0", "reseller_next_billing": "0000-00-00", "reseller_monthly": "0.00000000",
			"reseller_minute": "0.00000000", "reseller_setup": "0.00000000", "note": "",
			"fax_to_sip_enabled": "0", "fax_to_sip_enabled_account": ""}
		for k, v := range settings {
			f[k] = v
		}
		t.rows[id] = f
		dids = append(dids, did)
	}
	return obj{{"dids", dids}}, nil
}

func (st *state) faxByDID(did string) map[string]string {
	for _, f := range st.entities["faxnumber"].rows {
		if f["did"] == did {
			return f
		}
	}
	return nil
}

// faxDIDParam reads the required did parameter (any punctuation) naming one
// of the account's fax numbers.
func (c *call) faxDIDParam() (map[string]string, error) {
	v, err := c.need("did", "missing_did")
	if err != nil {
		return nil, err
	}
	d, _ := nanp(v)
	f := c.st.faxByDID(d)
	if f == nil {
		return nil, fail("invalid_did")
	}
	return f, nil
}

func (c *call) cancelFaxNumber() (obj, error) {
	id, err := c.need("id", "missing_id")
	if err != nil {
		return nil, err
	}
	f := c.st.entities["faxnumber"].rows[id]
	if f == nil {
		return nil, fail("invalid_id")
	}
	if c.test {
		return nil, nil
	}
	delete(c.st.entities["faxnumber"].rows, id)
	if loc := c.st.entities["faxlocation"].rows[f["location"]]; loc != nil {
		n, _ := atoi(loc["stock"])
		loc["stock"] = strconv.Itoa(n + 1)
	}
	e2f := c.st.entities["emailtofax"]
	for eid, e := range e2f.rows {
		if e["from_number_id"] == id {
			delete(e2f.rows, eid)
		}
	}
	return obj{{"deleted_did", f["did"]}}, nil
}

// getFaxNumbersInfo lists the fax numbers, their did dotted (647.948.4755)
// as observed live (reference §4.1); every did parameter accepts that form.
func (c *call) getFaxNumbersInfo() (obj, error) {
	want := ""
	if v := c.p.get("did"); v != "" {
		var ok bool
		if want, ok = nanp(v); !ok {
			return nil, fail("invalid_did")
		}
	}
	var out []map[string]string
	for _, f := range c.st.entities["faxnumber"].list() {
		if want == "" || f["did"] == want {
			r := make(map[string]string, len(f))
			for k, v := range f {
				r[k] = v
			}
			r["did"] = dotted(f["did"])
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_numbers")
	}
	return obj{{"numbers", rows("getFaxNumbersInfo.numbers", out)}}, nil
}

// getFaxNumbersPortability answers yes for a NANP number that is not already
// one of the account's numbers.
func (c *call) getFaxNumbersPortability() (obj, error) {
	v, err := c.need("did", "missing_did")
	if err != nil {
		return nil, err
	}
	d, ok := nanp(v)
	if !ok {
		return nil, fail("invalid_did")
	}
	ans := "yes"
	if c.st.faxByDID(d) != nil || c.st.owned[d] != nil || isTollFreeNumber(d) {
		ans = "no"
	}
	return obj{{"getFaxNumbersPortability", ans}}, nil
}

func (c *call) setFaxNumber(groups ...[]string) (obj, error) {
	f, err := c.faxDIDParam()
	if err != nil {
		return nil, err
	}
	s, err := c.faxSettings(groups...)
	if err != nil {
		return nil, err
	}
	if c.test {
		return nil, nil
	}
	for k, v := range s {
		f[k] = v
	}
	return nil, nil
}

// connectFAX and unconnectFAX attach a fax number to a reseller client's
// sub-account, like connectDID.
func (c *call) connectFAX() (obj, error) {
	f, err := c.faxDIDParam()
	if err != nil {
		return nil, err
	}
	acct, err := c.need("account", "missing_account")
	if err != nil {
		return nil, err
	}
	if a := c.st.subAccount(acct); a == nil || a["reseller_client"] == "0" {
		return nil, fail("invalid_account")
	}
	set := map[string]string{"reseller_account": acct}
	for _, k := range []string{"monthly", "setup", "minute"} {
		v, err := c.need(k, "missing_"+k)
		if err != nil {
			return nil, err
		}
		if !isDecimal(v) {
			return nil, fail("invalid_" + k)
		}
		set["reseller_"+k] = money8(v)
	}
	set["reseller_next_billing"] = c.now.AddDate(0, 1, 0).Format(dateLayout)
	if v := c.p.get("next_billing"); v != "" {
		t, err := time.Parse(dateLayout, v)
		if err != nil || t.Before(truncateDay(c.now)) {
			return nil, fail("invalid_resellernextbilling")
		}
		set["reseller_next_billing"] = v
	}
	for k, v := range set {
		f[k] = v
	}
	return nil, nil
}

func (c *call) unconnectFAX() (obj, error) {
	f, err := c.faxDIDParam()
	if err != nil {
		return nil, err
	}
	f["reseller_account"], f["reseller_next_billing"] = "0", "0000-00-00"
	for _, k := range []string{"reseller_monthly", "reseller_minute", "reseller_setup"} {
		f[k] = "0.00000000"
	}
	return nil, nil
}

func (c *call) getFaxFolders() (obj, error) {
	want := c.p.get("id")
	var out []map[string]string
	for _, f := range c.st.entities["faxfolder"].list() {
		if want == "" || f["id"] == want {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_folder")
	}
	return obj{{"folders", rows("getFaxFolders.folders", out)}}, nil
}

// faxFolderParam reads an id naming a custom (not built-in) folder.
func (c *call) faxFolderParam(param string, custom bool) (map[string]string, error) {
	id, err := c.need(param, "missing_id")
	if err != nil {
		return nil, err
	}
	f := c.st.entities["faxfolder"].rows[id]
	if f == nil || custom && f["builtin"] == "1" {
		return nil, fail("invalid_folder_id")
	}
	return f, nil
}

// setFaxFolder creates a folder (no id) or renames a custom one. The answer
// has no id, as documented: getFaxFolders lists the new folder.
func (c *call) setFaxFolder() (obj, error) {
	var old map[string]string
	if c.p.get("id") != "" {
		var err error
		if old, err = c.faxFolderParam("id", true); err != nil {
			return nil, err
		}
	}
	n, err := c.need("name", "missing_name")
	if err != nil {
		return nil, err
	}
	n = strings.ToUpper(n)
	if _, err := name(c, n); err != nil || len(n) > 30 {
		return nil, fail("invalid_name")
	}
	t := c.st.entities["faxfolder"]
	for _, f := range t.rows {
		if f["name"] == n && (old == nil || f["id"] != old["id"]) {
			return nil, fail("duplicated_name")
		}
	}
	if c.test {
		return nil, nil
	}
	if old != nil {
		old["name"] = n
		return nil, nil
	}
	id := t.newID()
	t.rows[id] = map[string]string{"id": id, "name": n}
	return nil, nil
}

// delFaxFolder removes a custom folder; its faxes go back to INBOX.
func (c *call) delFaxFolder() (obj, error) {
	f, err := c.faxFolderParam("id", true)
	if err != nil {
		return nil, err
	}
	if c.test {
		return nil, nil
	}
	delete(c.st.entities["faxfolder"].rows, f["id"])
	for _, m := range c.st.entities["faxmessage"].rows {
		if m["folder_id"] == f["id"] {
			m["folder_id"] = "1"
		}
	}
	return nil, nil
}

// getFaxMessages lists faxes between from and to (both default to the
// server clock's today), in one folder (by name) or all, newest first.
func (c *call) getFaxMessages() (obj, error) {
	today := c.now.Format(dateLayout)
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
		return nil, fail("invalid_date")
	}
	if tt.Before(tf) {
		return nil, fail("invalid_date_from")
	}
	folder := strings.ToUpper(c.p.get("folder"))
	if folder != "" && folder != "ALL" {
		found := false
		for _, f := range c.st.entities["faxfolder"].rows {
			found = found || f["name"] == folder
		}
		if !found {
			return nil, fail("invalid_folder")
		}
	}
	id := c.p.get("id")
	var out []map[string]string
	all := c.st.entities["faxmessage"].list()
	for i := len(all) - 1; i >= 0; i-- {
		m := c.st.faxView(all[i])
		day := m["date"][:10]
		if id != "" && m["id"] != id || id == "" && (day < from || day > to) ||
			folder != "" && folder != "ALL" && m["folder"] != folder {
			continue
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, fail("no_message")
	}
	return obj{{"faxes", rows("getFaxMessages.faxes", out)}}, nil
}

// faxView is a fax with its folder's current name.
func (st *state) faxView(m map[string]string) map[string]string {
	r := make(map[string]string, len(m)+1)
	for k, v := range m {
		r[k] = v
	}
	if f := st.entities["faxfolder"].rows[m["folder_id"]]; f != nil {
		r["folder"] = f["name"]
	}
	return r
}

func (c *call) faxMessageParam(param string) (map[string]string, error) {
	id, err := c.need(param, "missing_id")
	if err != nil {
		return nil, err
	}
	m := c.st.entities["faxmessage"].rows[id]
	if m == nil {
		return nil, fail("invalid_fax_id")
	}
	return m, nil
}

func (c *call) getFaxMessagePDF() (obj, error) {
	m, err := c.faxMessageParam("id")
	if err != nil {
		return nil, err
	}
	return obj{{"message_base64", m["data"]}}, nil
}

func (c *call) mailFaxMessagePDF() (obj, error) {
	if _, err := c.faxMessageParam("id"); err != nil {
		return nil, err
	}
	to, err := c.need("email", "missing_email")
	if err != nil {
		return nil, err
	}
	if !validEmail(to) {
		return nil, fail("invalid_email")
	}
	return obj{{"message_status", "message_sent"}}, nil
}

func (c *call) moveFaxMessage() (obj, error) {
	m, err := c.faxMessageParam("fax_id")
	if err != nil {
		return nil, err
	}
	fid, err := c.need("folder_id", "missing_folder")
	if err != nil {
		return nil, err
	}
	if c.st.entities["faxfolder"].rows[fid] == nil {
		return nil, fail("invalid_folder_id")
	}
	if !c.test {
		m["folder_id"] = fid
	}
	return nil, nil
}

func (c *call) deleteFaxMessage() (obj, error) {
	m, err := c.faxMessageParam("id")
	if err != nil {
		return nil, err
	}
	if !c.test {
		delete(c.st.entities["faxmessage"].rows, m["id"])
	}
	return nil, nil
}

// maxFaxFile is the largest file sendFaxMessage accepts (decoded).
const maxFaxFile = 10 << 20

// sendFaxMessage sends a fax from one of the account's fax numbers: it is
// kept in SENT (status SUCCESS, a page per 50 KB of file) and, when the
// destination is another of the account's fax numbers, received in INBOX.
func (c *call) sendFaxMessage() (obj, error) {
	toRaw, err := c.need("to_number", "missing_number")
	if err != nil {
		return nil, err
	}
	to, ok := nanp(toRaw)
	if !ok {
		return nil, fail("invalid_to_number")
	}
	fromName, err := c.need("from_name", "missing_name")
	if err != nil {
		return nil, err
	}
	if len(fromName) > 50 {
		return nil, fail("name_toolong")
	}
	fromRaw, err := c.need("from_number", "missing_number")
	if err != nil {
		return nil, err
	}
	from, _ := nanp(fromRaw)
	if c.st.faxByDID(from) == nil {
		return nil, fail("invalid_from_number")
	}
	sendEmail, err := c.flagParam("send_email_enabled", "0", "invalid_email_enable")
	if err != nil {
		return nil, err
	}
	if e := c.p.get("send_email"); e != "" && !validEmail(e) || sendEmail == "1" && e == "" {
		return nil, fail("invalid_email")
	}
	station := c.p.get("station_id")
	if len(station) > 20 {
		return nil, fail("missing_params")
	}
	file, err := c.need("file", "missing_file")
	if err != nil {
		return nil, err
	}
	data, err := base64.StdEncoding.DecodeString(file)
	if err != nil {
		return nil, fail("no_base64file")
	}
	if len(data) > maxFaxFile {
		return nil, fail("exceeds_file_size")
	}
	if c.test {
		return nil, nil
	}
	pages := 1 + len(data)/(50<<10)
	t := c.st.entities["faxmessage"]
	add := func(folder, desc, caller string) {
		id := t.newID()
		t.rows[id] = map[string]string{"id": id, "folder_id": folder, "date": c.now.Format(stampLayout),
			"callerid": caller, "stationid": station, "destination": to, "description": desc,
			"pages": strconv.Itoa(pages), "duration": "0:" + strconv.Itoa(10+pages*20), "status": "SUCCESS",
			"rate": "0.000", "total": "0.000", "msg": "", "data": file}
	}
	add("2", "OUTBOUND FAX", fromName+" <"+from+">")
	if c.st.faxByDID(to) != nil {
		add("1", "INBOUND FAX", fromName+" <"+from+">")
	}
	return nil, nil
}

func (c *call) getEmailToFax() (obj, error) {
	want := c.p.get("id")
	var out []map[string]string
	for _, e := range c.st.entities["emailtofax"].list() {
		if want == "" || e["id"] == want {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_emailtofax")
	}
	return obj{{"emailToFax", rows("getEmailToFax.emailToFax", out)}}, nil
}

// setEmailToFax creates (no id) or replaces an e-mail-to-fax configuration:
// mail from auth_email is faxed from the fax number from_number_id.
func (c *call) setEmailToFax() (obj, error) {
	t := c.st.entities["emailtofax"]
	var old map[string]string
	if id := c.p.get("id"); id != "" {
		if old = t.rows[id]; old == nil {
			return nil, fail("invalid_id")
		}
	}
	enabled, err := c.flagParam("enabled", "1", "missing_params")
	if err != nil {
		return nil, err
	}
	email, err := c.need("auth_email", "missing_email")
	if err != nil {
		return nil, err
	}
	if !validEmail(email) {
		return nil, fail("invalid_email")
	}
	for _, e := range t.rows {
		if strings.EqualFold(e["email"], email) && (old == nil || e["id"] != old["id"]) {
			return nil, fail("used_email")
		}
	}
	fid, err := c.need("from_number_id", "invalid_from_number")
	if err != nil {
		return nil, err
	}
	num := c.st.entities["faxnumber"].rows[fid]
	if num == nil {
		return nil, fail("invalid_from_number")
	}
	secOn, err := c.flagParam("security_code_enabled", "0", "missing_params")
	if err != nil {
		return nil, err
	}
	code, err := c.need("security_code", "invalid_security_code")
	if err != nil {
		return nil, err
	}
	for _, r := range code {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') || len(code) > 20 {
			return nil, fail("invalid_security_code")
		}
	}
	if c.test {
		return nil, nil
	}
	id := ""
	if old != nil {
		id = old["id"]
	} else {
		id = t.newID()
	}
	t.rows[id] = map[string]string{"id": id, "enabled": enabled, "email": email, "security_code": code,
		"security_code_enabled": secOn, "from": num["did"], "from_number_id": fid}
	return nil, nil
}

func (c *call) delEmailToFax() (obj, error) {
	id, err := c.need("id", "missing_id")
	if err != nil {
		return nil, err
	}
	if c.st.entities["emailtofax"].rows[id] == nil {
		return nil, fail("invalid_id")
	}
	if !c.test {
		delete(c.st.entities["emailtofax"].rows, id)
	}
	return nil, nil
}
