package voipmstest

import (
	"strconv"
	"strings"
	"time"
)

// This file holds what the per-area files (accounts.go, voicemail.go,
// e911.go, fax.go, lnp.go, conference.go, parking.go, recordings.go,
// sequences.go, reference.go) share: their seeding, registration helpers and
// parameter readers. Each area keeps its records as rows of wire fields in
// st.entities tables, like the set*/get*/del* entities of entities.go.

// notSimulated lists the documented methods the simulator does not simulate,
// with the reason. They answer status "not_simulated" with a message saying
// so (never invalid_method); the package doc lists them too.
var notSimulated = map[string]string{
	"getInvoice": "no public source shows its answer (a URL to an invoice PDF the simulator cannot serve)",
}

func init() {
	for m, why := range notSimulated {
		why := why
		name := m
		handlers[m] = func(*call) (obj, error) {
			return nil, notSimulatedError{"voipmstest: " + name + " is not simulated: " + why}
		}
	}
}

// notSimulatedError is the answer of a method in notSimulated.
type notSimulatedError struct{ msg string }

func (e notSimulatedError) Error() string { return e.msg }

// seedAreas seeds the records of the per-area files. It is called once from
// newState, after the account, billing and call history.
func (st *state) seedAreas(now time.Time) {
	st.seedAccountExtras()
	st.seedVoicemailMessages(now)
	st.seedConferences(now)
	st.seedFax(now)
	st.seedLNP(now)
	st.seedCallRecordings(now)
	st.seedSequences()
}

// tbl returns the table name, creating it (ids from first) when absent.
func (st *state) tbl(name string, first int) *table {
	t := st.entities[name]
	if t == nil {
		t = newTable(first)
		st.entities[name] = t
	}
	return t
}

// regList registers a {value, description} catalogue method: the answer
// key, the filter parameter and the status of an unknown filter value.
func regList(method, key, param, invalid string, list []valueDesc) {
	rowFields[method+"."+key] = []string{"value", "description"}
	handlers[method] = func(c *call) (obj, error) { return c.valueList(method, key, param, invalid, list) }
}

// need reads a required parameter: absent or empty answers missing.
func (c *call) need(name, missing string) (string, error) {
	v := c.p.get(name)
	if v == "" {
		return "", fail(missing)
	}
	return v, nil
}

// flagParam reads an optional 1/0 flag (true/false accepted) with default
// def; a malformed value answers invalid.
func (c *call) flagParam(name, def, invalid string) (string, error) {
	v := c.p.get(name)
	if v == "" {
		return def, nil
	}
	b, ok := flag01(v)
	if !ok {
		return "", fail(invalid)
	}
	return b01(b), nil
}

// ynParam reads a yes/no parameter; required ones answer missing when absent,
// optional ones take def.
func (c *call) ynParam(name string, required bool, def, missing, invalid string) (string, error) {
	v := c.p.get(name)
	if v == "" {
		if required {
			return "", fail(missing)
		}
		return def, nil
	}
	s, ok := yesNo(v)
	if !ok {
		return "", fail(invalid)
	}
	return s, nil
}

// dateParam reads an optional yyyy-mm-dd parameter; malformed answers
// invalid_date.
func (c *call) dateParam(name string) (time.Time, bool, error) {
	v := c.p.get(name)
	if v == "" {
		return time.Time{}, false, nil
	}
	t, err := time.Parse(dateLayout, v)
	if err != nil {
		return time.Time{}, false, fail("invalid_date")
	}
	return t, true, nil
}

// dotted renders a 10-digit number as 647.948.4755 (getFaxNumbersInfo).
func dotted(did string) string {
	if len(did) != 10 {
		return did
	}
	return did[:3] + "." + did[3:6] + "." + did[6:]
}

// nanp reports whether s (digits, dots, dashes, spaces, a leading +1 or 1
// removed) is a 10-digit NANP number, and returns it.
func nanp(s string) (string, bool) {
	d := strings.NewReplacer(".", "", "-", "", " ", "", "(", "", ")", "").Replace(s)
	d = strings.TrimPrefix(d, "+")
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	if len(d) != 10 || !digitsOnly(d) || d[0] < '2' || d[3] < '2' {
		return "", false
	}
	return d, true
}

// canadianNPAs are the area codes of Canada (NANPA assignments); every other
// NANP area code is treated as a US one.
var canadianNPAs = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`204 226 236 249 250 257 263 289 306 343 354 365 367 368 382 387 403 416
	418 428 431 437 438 450 460 468 474 506 514 519 548 579 581 584 587 600 604 613 622 633 639 644 647
	655 672 677 683 688 709 742 753 778 780 782 807 819 825 867 873 879 902 905 942`) {
		canadianNPAs[n] = true
	}
}

func isTollFreeNumber(d string) bool { return contains(tollFreePrefixes, d[:3]) }

// itoa is strconv.Itoa.
func itoa(n int) string { return strconv.Itoa(n) }
