package voipmstest

import (
	"strings"
	"unicode"
)

// e911 service on the account's DIDs: address validation, provisioning
// (automatic or manual), update, information and cancellation. Records live
// in the "e911" table keyed by DID. Status "1" is an active subscription
// (e911Provision, whose address passes validation at once) and "2" one
// waiting for VoIP.ms staff (e911ProvisionManually); the DID's getDIDsInfo
// e911 flag is "1" while either exists. Provisioning debits the first
// monthly fee (e911MonthlyFee, the simulator's price) and needs the balance
// to cover it.

const e911MonthlyFee = "1.50"

func init() {
	rowFields["e911Info.info"] = []string{"did", "status", "full_name", "street_number", "street_name", "address_type",
		"address_number", "city", "state", "zip_code", "country", "language", "email", "other_info"}
	for name, h := range map[string]func(*call) (obj, error){
		"e911Validate":          func(c *call) (obj, error) { _, err := c.e911Address(false); return nil, err },
		"e911Provision":         func(c *call) (obj, error) { return c.e911Provision("1") },
		"e911ProvisionManually": func(c *call) (obj, error) { return c.e911Provision("2") },
		"e911Update":            (*call).e911Update,
		"e911Info":              (*call).e911Info,
		"e911Cancel":            (*call).e911Cancel,
	} {
		handlers[name] = h
	}
}

// e911Address checks the address parameters (and the DID) and returns the
// record to keep. The zip code is read from zip_code (docs) or zip (WSDL).
// manual skips the street checks VoIP.ms staff would do by hand.
func (c *call) e911Address(manual bool) (map[string]string, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	f := map[string]string{"did": d.f["did"]}
	for _, p := range [][3]string{{"full_name", "missing_fullname", "invalid_fullname"},
		{"street_number", "missing_street_number", "invalid_street_number"},
		{"street_name", "missing_street_name", "invalid_street_name"},
		{"city", "missing_city", "invalid_city"}} {
		v, err := c.need(p[0], p[1])
		if err != nil {
			return nil, err
		}
		if len(v) > 100 || !printable(v) {
			return nil, fail(p[2])
		}
		f[p[0]] = strings.ToUpper(v)
	}
	f["full_name"] = c.p.get("full_name")
	if !manual && !digitsOnly(strings.TrimRight(f["street_number"], "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
		return nil, fail("invalid_street_number")
	}
	country, err := c.need("country", "missing_country")
	if err != nil {
		return nil, err
	}
	country = strings.ToUpper(country)
	if country != "US" && country != "CA" {
		return nil, fail("invalid_country")
	}
	f["country"] = country
	state, err := c.need("state", "missing_state")
	if err != nil {
		return nil, err
	}
	state = strings.ToUpper(state)
	regions := usStates
	if country == "CA" {
		regions = caProvinces
	}
	if findRegion(regions, state) == nil {
		return nil, fail("invalid_state")
	}
	f["state"] = state
	zip := c.p.get("zip_code")
	if zip == "" {
		zip = c.p.get("zip")
	}
	if zip == "" {
		return nil, fail("missing_zip")
	}
	if !validZip(country, zip) {
		return nil, fail("invalid_zip")
	}
	f["zip_code"] = strings.ToUpper(zip)
	f["address_type"], f["address_number"] = "", ""
	if t := c.p.get("address_type"); t != "" {
		v := findValueFold(e911AddressTypes, t)
		if v == nil {
			return nil, fail("invalid_type")
		}
		f["address_type"] = v.value
		n := c.p.get("address_number")
		if n == "" || len(n) > 10 {
			return nil, fail("invalid_address")
		}
		f["address_number"] = n
	}
	f["language"] = "EN"
	if l := strings.ToUpper(c.p.get("language")); l != "" {
		if l != "EN" && l != "FR" || l == "FR" && country != "CA" {
			return nil, fail("invalid_language")
		}
		f["language"] = l
	}
	email, err := c.need("email", "missing_email")
	if err != nil {
		return nil, err
	}
	if !validEmail(email) {
		return nil, fail("invalid_email")
	}
	f["email"] = email
	f["other_info"] = ""
	if o := c.p.get("other_info"); o != "" {
		if country != "CA" || len(o) > 100 {
			return nil, fail("invalid_address")
		}
		f["other_info"] = o
	}
	return f, nil
}

func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

func findValueFold(list []valueDesc, v string) *valueDesc {
	for i := range list {
		if strings.EqualFold(list[i].value, v) {
			return &list[i]
		}
	}
	return nil
}

// validZip checks a US ZIP (12345 or 12345-6789) or a Canadian postal code
// (A1A 1A1, the space optional).
func validZip(country, z string) bool {
	if country == "US" {
		main, ext, dash := strings.Cut(z, "-")
		return len(main) == 5 && digitsOnly(main) && (!dash || len(ext) == 4 && digitsOnly(ext))
	}
	z = strings.ToUpper(strings.ReplaceAll(z, " ", ""))
	if len(z) != 6 {
		return false
	}
	for i, r := range z {
		letter := r >= 'A' && r <= 'Z'
		if i%2 == 0 != letter || !letter && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func (c *call) e911Provision(status string) (obj, error) {
	f, err := c.e911Address(status == "2")
	if err != nil {
		return nil, err
	}
	if old := c.st.entities["e911"].rows[f["did"]]; old != nil {
		if old["status"] == "2" {
			return nil, fail("e911_pending")
		}
		return nil, fail("did_in_use")
	}
	if err := c.charge(newFee("e911", "e911 Monthly Fee: "+f["did"], e911MonthlyFee)); err != nil {
		return nil, err
	}
	f["status"] = status
	c.st.entities["e911"].rows[f["did"]] = f
	c.st.owned[f["did"]].f["e911"] = "1"
	return nil, nil
}

// e911Record returns the DID's subscription or e911_disabled.
func (c *call) e911Record() (map[string]string, error) {
	d, err := c.ownedParam()
	if err != nil {
		return nil, err
	}
	r := c.st.entities["e911"].rows[d.f["did"]]
	if r == nil {
		return nil, fail("e911_disabled")
	}
	return r, nil
}

// e911Update replaces the address of an active subscription (full
// replacement); a pending one answers e911_pending.
func (c *call) e911Update() (obj, error) {
	old, err := c.e911Record()
	if err != nil {
		return nil, err
	}
	if old["status"] == "2" {
		return nil, fail("e911_pending")
	}
	f, err := c.e911Address(false)
	if err != nil {
		return nil, err
	}
	f["status"] = old["status"]
	c.st.entities["e911"].rows[f["did"]] = f
	return nil, nil
}

func (c *call) e911Info() (obj, error) {
	r, err := c.e911Record()
	if err != nil {
		return nil, err
	}
	return obj{{"info", row("e911Info.info", r)}}, nil
}

func (c *call) e911Cancel() (obj, error) {
	r, err := c.e911Record()
	if err != nil {
		return nil, err
	}
	delete(c.st.entities["e911"].rows, r["did"])
	c.st.owned[r["did"]].f["e911"] = "0"
	return nil, nil
}
