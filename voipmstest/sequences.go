package voipmstest

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Sequences (getSequences, setSequences, delSequences): documented only in
// the HTML docs, which show no answer. The simulator keeps them as entities
// and answers them under the keys "sequences" (rows sequence, name, steps,
// client) and "sequence" (the id of a created one): these keys are its own
// choice, not a documented shape.

func init() {
	rowFields["getSequences.sequences"] = []string{"sequence", "name", "steps", "client"}
	topFields["setSequences"] = []string{"sequence"}
}

// undocumentedShapes are methods whose answer no source shows; the field
// lists above are the simulator's own.
var undocumentedShapes = map[string]bool{"getSequences": true, "setSequences": true}

func sequenceSpec() *entitySpec {
	return &entitySpec{
		name: "sequence", firstID: 13, get: "getSequences", set: "setSequences", del: "delSequences",
		listKey: "sequences", getID: "sequence", setID: "sequence", delID: "sequence", respKey: "sequence",
		empty: "no_sequences", missingID: "missing_params", invalidID: "no_sequences",
		params: []pspec{
			{name: "name", req: true, missing: "missing_name", invalid: "invalid_name", check: maxLen(64)},
			{name: "steps", req: true, missing: "missing_params", invalid: "missing_params", check: sequenceSteps},
			{name: "client", def: "", invalid: "invalid_client", check: func(c *call, v string) (string, error) {
				if c.st.clients[v] == nil {
					return "", errBad
				}
				return v, nil
			}},
		},
		filter: func(c *call) (func(map[string]string) bool, error) {
			client := c.p.get("client")
			if client != "" && c.st.clients[client] == nil {
				return nil, fail("invalid_client")
			}
			return func(r map[string]string) bool { return client == "" || r["client"] == client }, nil
		},
	}
}

// sequenceSteps validates the JSON list of steps: {"type":"rec","id":...}
// (a recording), {"type":"dtmf","codes":...} (digits, * and #) and
// {"type":"sms","from":...,"to":...,"msg":...} (from one of the account's
// DIDs).
func sequenceSteps(c *call, v string) (string, error) {
	var steps []map[string]any
	if err := json.Unmarshal([]byte(v), &steps); err != nil || len(steps) == 0 {
		return "", errBad
	}
	str := func(m map[string]any, k string) string {
		switch x := m[k].(type) {
		case string:
			return x
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64)
		}
		return ""
	}
	for _, s := range steps {
		switch str(s, "type") {
		case "rec":
			if c.st.entities["recording"].rows[str(s, "id")] == nil {
				return "", fail("invalid_recording")
			}
		case "dtmf":
			if codes := str(s, "codes"); codes == "" || strings.Trim(codes, "0123456789*#") != "" {
				return "", errBad
			}
		case "sms":
			if _, ok := c.st.owned[normalizeDID(str(s, "from"))]; !ok {
				return "", fail("invalid_did")
			}
			if _, ok := nanp(str(s, "to")); !ok {
				return "", fail("invalid_dst")
			}
			if m := str(s, "msg"); m == "" {
				return "", fail("message_empty")
			}
		default:
			return "", errBad
		}
	}
	return v, nil
}

func (st *state) seedSequences() {
	t := st.entities["sequence"]
	for i, id := range []string{"11", "12"} {
		t.rows[id] = map[string]string{"sequence": id, "name": []string{"Welcome", "After hours"}[i],
			"steps": `[{"type":"rec","id":"7567"}]`, "client": ""}
	}
}
