package voipmstest

import (
	"bytes"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Local number portability: port requests (addLNPPort), invoice files
// (addLNPFile), status, notes, details, attachments and the list of ports.
// A new port starts in pending_approval with the note "You have submitted a
// new LNP Order."; SetPortStatus moves it on, as VoIP.ms staff would. Each
// number ported debits lnpFeePerNumber (the simulator's price; the docs
// publish none), and the balance must cover it.

const lnpFeePerNumber = "1.00"

// lnpStatuses are the port statuses (getLNPListStatus), including the
// empty-string code observed live (reference §4.5).
var lnpStatuses = []valueDesc{
	{"", "Port cancel upon customer request"},
	{"pending_approval", "Pending Approval"},
	{"awaiting_documentation", "Awaiting Documentation"},
	{"processing", "Processing"},
	{"foc_confirmed", "FOC Date Confirmed"},
	{"completed", "Completed"},
	{"rejected", "Rejected"},
}

func init() {
	rowFields["getLNPList.list"] = []string{"portid", "numbers", "foc_date", "status"}
	rowFields["getLNPNotes.list"] = []string{"note", "date", "time"}
	rowFields["getLNPAttachList.list"] = []string{"attachid", "type", "size"}
	rowFields["getLNPDetails.numbers"] = []string{"did", "rateCenter", "state"}
	rowFields["getLNPDetails.notes"] = []string{"note", "date", "time"}
	rowFields["getLNPDetails.attachments"] = []string{"id", "description", "type", "bytes"}
	topFields["addLNPPort"] = []string{"port"}
	topFields["addLNPFile"] = []string{"attachment"}
	topFields["getLNPStatus"] = []string{"post_status", "post_status_description"}
	topFields["getLNPAttach"] = []string{"type", "size", "base64"}
	topFields["getLNPListStatus"] = []string{"list_status"}
	for name, h := range map[string]func(*call) (obj, error){
		"addLNPPort":       (*call).addLNPPort,
		"addLNPFile":       (*call).addLNPFile,
		"getLNPStatus":     (*call).getLNPStatus,
		"getLNPNotes":      (*call).getLNPNotes,
		"getLNPListStatus": (*call).getLNPListStatus,
		"getLNPList":       (*call).getLNPList,
		"getLNPDetails":    (*call).getLNPDetails,
		"getLNPAttachList": (*call).getLNPAttachList,
		"getLNPAttach":     (*call).getLNPAttach,
	} {
		handlers[name] = h
	}
}

// lnpDetailKeys are the scalar keys of getLNPDetails, in order.
var lnpDetailKeys = []string{"isPartial", "locationType", "isMobile", "mobileInfo", "tfType", "portType", "btn",
	"services", "statementName", "firstName", "lastName", "address1", "address2", "city", "zip", "state", "country",
	"providerName", "providerAccount", "customer_notes"}

func (st *state) seedLNP(time.Time) {
	st.tbl("lnpport", 1001)
	st.tbl("lnpnote", 1)
	st.tbl("lnpattach", 501)
}

func statusDescription(code string) (string, bool) {
	for _, s := range lnpStatuses {
		if s.value == code {
			return s.description, true
		}
	}
	return "", false
}

func (c *call) addLNPPort() (obj, error) {
	pt, err := c.need("portType", "invalid_porttype")
	if err != nil {
		return nil, err
	}
	portType, ok := atoi(pt)
	if !ok || portType < 1 || portType > 5 {
		return nil, fail("invalid_porttype")
	}
	raw, err := c.need("numbers", "missing_numbers")
	if err != nil {
		return nil, err
	}
	var numbers []string
	tollFree, local := false, false
	for _, n := range strings.Split(raw, ",") {
		d, ok := nanp(strings.TrimSpace(n))
		if !ok {
			return nil, fail("invalid_number")
		}
		if c.st.owned[d] != nil || c.st.faxByDID(d) != nil {
			return nil, fail("invalid_number_exist")
		}
		for _, p := range c.st.entities["lnpport"].rows {
			if contains(strings.Split(p["numbers"], ","), d) && p["status"] != "" && p["status"] != "rejected" && p["status"] != "completed" {
				return nil, fail("invalid_number_exist")
			}
		}
		tf := isTollFreeNumber(d)
		tollFree, local = tollFree || tf, local || !tf
		switch {
		case portType == 3 && !tf:
			return nil, fail("invalid_number_porttype")
		case portType != 3 && tf:
			return nil, fail("invalid_tfnumber_porttype")
		case portType == 1 && canadianNPAs[d[:3]]:
			return nil, fail("invalid_number_canadian")
		case portType == 2 && !canadianNPAs[d[:3]]:
			return nil, fail("invalid_number_us")
		}
		numbers = append(numbers, d)
	}
	if tollFree && local {
		return nil, fail("invalid_mixed_numbers")
	}
	f := map[string]string{"portType": strconv.Itoa(portType), "numbers": strings.Join(numbers, ","), "mobileInfo": "",
		"tfType": "0"}
	for _, p := range []string{"isPartial", "locationType", "isMobile"} {
		if f[p], err = c.flagParam(p, "0", "missing_params"); err != nil {
			return nil, err
		}
	}
	if portType == 3 {
		tf, ok := atoi(c.p.get("tfType"))
		if !ok || tf < 1 || tf > 4 {
			return nil, fail("missing_params")
		}
		f["tfType"] = strconv.Itoa(tf)
	}
	f["btn"], f["services"] = c.p.get("btn"), c.p.get("services")
	if f["isMobile"] == "1" && (f["btn"] == "" || f["services"] == "") {
		return nil, fail("missing_params")
	}
	if f["btn"] != "" {
		if _, ok := nanp(f["btn"]); !ok {
			return nil, fail("invalid_number")
		}
	}
	if pin := c.p.get("pin"); pin != "" && (!digitsOnly(pin) || len(pin) > 15) {
		return nil, fail("invalid_pin_number")
	}
	for _, p := range [][3]string{{"statementName", "invalid_statement_name", "invalid_statement_name"},
		{"firstName", "missing_firstname", "invalid_firstname"}, {"lastName", "missing_lastname", "invalid_lastname"},
		{"address1", "missing_address", "invalid_address"}, {"city", "missing_city", "invalid_city"},
		{"zip", "missing_zip", "invalid_zip"}, {"state", "missing_state", "invalid_state"},
		{"country", "missing_country", "invalid_country"},
		{"providerName", "invalid_provider_name", "invalid_provider_name"},
		{"providerAccount", "invalid_provider_account", "invalid_provider_account"}} {
		v, err := c.need(p[0], p[1])
		if err != nil {
			return nil, err
		}
		if len(v) > 100 || !printable(v) {
			return nil, fail(p[2])
		}
		f[p[0]] = v
	}
	f["country"] = strings.ToUpper(f["country"])
	if f["country"] != "US" && f["country"] != "CA" {
		return nil, fail("invalid_country")
	}
	f["address2"] = c.p.get("address2")
	f["customer_notes"] = c.p.get("notes")
	if len(f["customer_notes"]) > 500 {
		return nil, fail("note_toolong")
	}
	fees := make([]fee, len(numbers))
	for i, n := range numbers {
		fees[i] = newFee("LNP", "LNP Fee: "+n, lnpFeePerNumber)
	}
	if err := c.charge(fees...); err != nil {
		return nil, err
	}
	t := c.st.entities["lnpport"]
	id := t.newID()
	f["portid"], f["status"], f["date"], f["focDate"] = id, "pending_approval", c.now.Format(stampLayout), ""
	t.rows[id] = f
	c.st.addPortNote(id, "You have submitted a new LNP Order.", c.now)
	return obj{{"port", id}}, nil
}

func (st *state) addPortNote(port, note string, at time.Time) {
	t := st.entities["lnpnote"]
	id := t.newID()
	t.rows[id] = map[string]string{"id": id, "port": port, "note": note, "date": at.Format(dateLayout), "time": at.Format("15:04:05")}
}

// SetPortStatus moves a port request to another status (a code of
// getLNPListStatus, "" for cancelled) with a note, as VoIP.ms staff would;
// foc is the firm order commitment date ("" for none). It reports whether
// the port and the status exist.
func (s *Server) SetPortStatus(portID, status, note, foc string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.entities["lnpport"].rows[portID]
	if _, ok := statusDescription(status); p == nil || !ok {
		return false
	}
	p["status"], p["focDate"] = status, foc
	if note != "" {
		s.st.addPortNote(portID, note, s.cfg.now())
	}
	return true
}

func (c *call) portParam() (map[string]string, error) {
	id, err := c.need("portid", "invalid_portingid")
	if err != nil {
		return nil, err
	}
	p := c.st.entities["lnpport"].rows[id]
	if p == nil {
		return nil, fail("invalid_portingid")
	}
	return p, nil
}

// maxLNPFile is the largest invoice addLNPFile accepts (decoded).
const maxLNPFile = 5 << 20

func (c *call) addLNPFile() (obj, error) {
	p, err := c.portParam()
	if err != nil {
		return nil, err
	}
	file, err := c.need("file", "missing_file")
	if err != nil {
		return nil, err
	}
	data, err := base64.StdEncoding.DecodeString(file)
	if err != nil {
		return nil, fail("no_base64file")
	}
	if len(data) > maxLNPFile {
		return nil, fail("exceeds_file_size")
	}
	typ := ""
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		typ = "pdf"
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		typ = "jpg"
	case bytes.HasPrefix(data, []byte("BM")):
		typ = "bmp"
	case bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		typ = "doc"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		typ = "docx"
	default:
		return nil, fail("invalid_attach_file")
	}
	t := c.st.entities["lnpattach"]
	id := t.newID()
	t.rows[id] = map[string]string{"attachid": id, "id": id, "port": p["portid"], "type": typ,
		"size": strconv.Itoa(len(data)), "bytes": strconv.Itoa(len(data)), "description": "Signed Invoice", "base64": file}
	c.st.addPortNote(p["portid"], "An invoice was attached to the LNP Order.", c.now)
	return obj{{"attachment", id}}, nil
}

func (c *call) getLNPStatus() (obj, error) {
	p, err := c.portParam()
	if err != nil {
		return nil, err
	}
	d, _ := statusDescription(p["status"])
	return obj{{"post_status", p["status"]}, {"post_status_description", d}}, nil
}

func (st *state) portNotes(port string) []map[string]string {
	var out []map[string]string
	for _, n := range st.entities["lnpnote"].list() {
		if n["port"] == port {
			out = append(out, n)
		}
	}
	return out
}

func (st *state) portAttachments(port string) []map[string]string {
	var out []map[string]string
	for _, a := range st.entities["lnpattach"].list() {
		if a["port"] == port {
			out = append(out, a)
		}
	}
	return out
}

func (c *call) getLNPNotes() (obj, error) {
	p, err := c.portParam()
	if err != nil {
		return nil, err
	}
	return obj{{"list", rows("getLNPNotes.list", c.st.portNotes(p["portid"]))}}, nil
}

// getLNPListStatus answers the status codes as a map code → description.
func (c *call) getLNPListStatus() (obj, error) {
	m := make(obj, 0, len(lnpStatuses))
	for _, s := range lnpStatuses {
		m = append(m, kv{s.value, s.description})
	}
	return obj{{"list_status", m}}, nil
}

// getLNPList lists the ports: one (portid), or all, filtered by status and
// by the date they were submitted (startDate, endDate). None answers an
// empty list (the docs' table has no empty status for ports).
func (c *call) getLNPList() (obj, error) {
	want := c.p.get("portid")
	status := c.p.get("portStatus")
	if status != "" {
		if _, ok := statusDescription(status); !ok {
			return nil, fail("invalid_port_status")
		}
	}
	var start, end string
	if v := c.p.get("startDate"); v != "" {
		if _, err := time.Parse(dateLayout, v); err != nil {
			return nil, fail("invalid_foc_startdate")
		}
		start = v
	}
	if v := c.p.get("endDate"); v != "" {
		if _, err := time.Parse(dateLayout, v); err != nil {
			return nil, fail("invalid_foc_enddate")
		}
		end = v
	}
	out := []map[string]string{}
	for _, p := range c.st.entities["lnpport"].list() {
		day := p["date"][:10]
		if want != "" && p["portid"] != want || status != "" && p["status"] != status ||
			start != "" && day < start || end != "" && day > end {
			continue
		}
		out = append(out, map[string]string{"portid": p["portid"], "numbers": p["numbers"], "foc_date": p["focDate"], "status": p["status"]})
	}
	return obj{{"list", rows("getLNPList.list", out)}}, nil
}

func (c *call) getLNPDetails() (obj, error) {
	p, err := c.portParam()
	if err != nil {
		return nil, err
	}
	var nums []map[string]string
	for _, n := range strings.Split(p["numbers"], ",") {
		center, state := "", ""
		if d := c.st.byDID[n]; d != nil {
			center, state = d.center, d.region.code
		}
		nums = append(nums, map[string]string{"did": n, "rateCenter": center, "state": state})
	}
	o := obj{{"id", p["portid"]}, {"numbers", rows("getLNPDetails.numbers", nums)}}
	for _, k := range lnpDetailKeys {
		o = append(o, kv{k, p[k]})
	}
	d, _ := statusDescription(p["status"])
	o = append(o, kv{"notes", rows("getLNPDetails.notes", c.st.portNotes(p["portid"]))},
		kv{"post_status", p["status"]}, kv{"post_status_description", d}, kv{"date", p["date"]},
		kv{"focDate", p["focDate"]}, kv{"attachments", rows("getLNPDetails.attachments", c.st.portAttachments(p["portid"]))})
	return o, nil
}

func (c *call) getLNPAttachList() (obj, error) {
	p, err := c.portParam()
	if err != nil {
		return nil, err
	}
	list := c.st.portAttachments(p["portid"])
	if len(list) == 0 {
		return nil, fail("no_attachments")
	}
	return obj{{"list", rows("getLNPAttachList.list", list)}}, nil
}

func (c *call) getLNPAttach() (obj, error) {
	id, err := c.need("attachid", "invalid_attachid")
	if err != nil {
		return nil, err
	}
	a := c.st.entities["lnpattach"].rows[id]
	if a == nil || c.p.get("portid") != "" && a["port"] != c.p.get("portid") {
		return nil, fail("invalid_attachid")
	}
	return obj{{"type", a["type"]}, {"size", a["size"]}, {"base64", a["base64"]}}, nil
}
