package voipmstest

import "strings"

// handlers maps a wire method name to its implementation. Each file adds its
// methods from an init function.
var handlers = map[string]func(*call) (obj, error){}

// testMethods are the methods that document a dry-run "test" parameter.
var testMethods = map[string]bool{
	"backOrderDIDUSA": true, "backOrderDIDCAN": true, "cancelDID": true, "orderDID": true,
	"orderDIDInternationalGeographic": true, "orderDIDInternationalNational": true,
	"orderDIDInternationalTollFree": true, "orderDIDVirtual": true, "orderTollFree": true,
	"orderVanity": true,
}

// routeTables maps a routing header to the entity table its target must be
// in.
var routeTables = map[string]string{
	"fwd": "forwarding", "grp": "ringgroup", "ivr": "ivr", "queue": "queue", "cb": "callback",
	"tc": "timecondition", "disa": "disa", "recording": "recording",
}

// checkRoute validates a "header:target" routing value against the account
// state. badHeader is the status for an unknown or missing header
// (invalid_routing_header for main routings, invalid_failover_header for
// failovers); a target that does not exist answers invalid_route.
func (c *call) checkRoute(v, badHeader string) error {
	h, t, ok := strings.Cut(v, ":")
	if !ok {
		return fail(badHeader)
	}
	found := false
	switch h {
	case "account":
		found = t == accountID || c.st.subAccount(t) != nil
	case "vm":
		found = c.st.mailbox(t)
	case "sip":
		if digitsOnly(t) {
			_, found = c.st.entities["sipuri"].rows[t]
		} else {
			found = strings.Contains(t, "@") // a literal SIP URI
		}
	case "sys":
		found = systemTargets[t]
	case "none":
		found = t == ""
	default:
		name, known := routeTables[h]
		if !known {
			return fail(badHeader)
		}
		_, found = c.st.entities[name].rows[t]
	}
	if !found {
		return fail("invalid_route")
	}
	return nil
}

// optRoute validates an optional failover-style routing parameter; absent or
// empty means "none:".
func (c *call) optRoute(name, badHeader string) (string, error) {
	v := c.p.get(name)
	if v == "" {
		return "none:", nil
	}
	if err := c.checkRoute(v, badHeader); err != nil {
		return "", err
	}
	return v, nil
}

// reqRoute validates a required routing parameter.
func (c *call) reqRoute(name, missing, badHeader string) (string, error) {
	v := c.p.get(name)
	if v == "" {
		return "", fail(missing)
	}
	if err := c.checkRoute(v, badHeader); err != nil {
		return "", err
	}
	return v, nil
}

// routeRefs reports whether any DID, entity or filter routes to
// header:target (used to refuse deleting targets in use).
func (st *state) routeRefs(target string) bool {
	for _, d := range st.owned {
		for _, k := range []string{"routing", "failover_busy", "failover_unreachable", "failover_noanswer"} {
			if d.f[k] == target {
				return true
			}
		}
	}
	return false
}
