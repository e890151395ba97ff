package voipmstest

import "strings"

// Call parking lots (getCallParking, setCallParking, delCallParking), kept in
// the entity tables of entities.go. Their list key is "call_hunting", as the
// docs' Output block shows.

func init() {
	rowFields["getCallParking.call_hunting"] = []string{"callparking", "name", "timeout", "musiconhold", "failover",
		"language", "destination", "delay", "blf_lamps"}
	topFields["setCallParking"] = []string{"callparking"}
}

func callParkingSpec() *entitySpec {
	return &entitySpec{
		name: "callparking", firstID: 13, get: "getCallParking", set: "setCallParking", del: "delCallParking",
		listKey: "call_hunting", getID: "callparking", setID: "callparking", delID: "callparking", respKey: "callparking",
		empty: "no_callparking", missingID: "missing_callparking", invalidID: "invalid_callparking",
		params: []pspec{
			{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: name},
			{name: "timeout", req: true, missing: "missing_timeout", invalid: "invalid_timeout", check: intRange(1, 3600)},
			{name: "music", field: "musiconhold", req: true, missing: "missing_musiconhold", invalid: "invalid_musiconhold", check: moh},
			// failover: callback (back to the parker), system:hangup or vm:MAILBOX.
			{name: "failover", req: true, missing: "missing_params", invalid: "invalid_failover_header", check: func(c *call, v string) (string, error) {
				switch {
				case v == "callback", v == "system:hangup":
					return v, nil
				case strings.HasPrefix(v, "vm:") && c.st.mailbox(strings.TrimPrefix(v, "vm:")):
					return v, nil
				}
				return "", errBad
			}},
			{name: "language", req: true, missing: "missing_language", invalid: "invalid_language", check: lang},
			// destination: parker, the main account or a sub-account.
			{name: "destination", req: true, missing: "missing_params", invalid: "invalid_destination", check: func(c *call, v string) (string, error) {
				if v == "parker" || v == accountID || c.st.subAccount(v) != nil {
					return v, nil
				}
				return "", errBad
			}},
			{name: "delay", req: true, missing: "missing_params", invalid: "missing_params", check: intRange(0, 3600)},
			{name: "blf_lamps", req: true, missing: "missing_params", invalid: "missing_params", check: intRange(0, 10)},
		},
		// A lot a sub-account uses as its parking_lot cannot go.
		inUse: func(c *call, id string, _ map[string]string) string {
			for _, a := range c.st.subAccounts {
				if a["parking_lot"] == id {
					return "invalid_callparking"
				}
			}
			return ""
		},
	}
}
