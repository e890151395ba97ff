package goautodial

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// answer is one decoded JSON answer.
type answer struct {
	fields map[string]json.RawMessage
	// notices is true when text (PHP notices, warnings) came before the
	// JSON object.
	notices bool
}

var errNoJSON = errors.New("no JSON object")

// parseBody finds the JSON object in a body: PHP may print notices (HTML
// or text) before it when display_errors is on, so decoding starts at the
// first "{" that begins a valid object. The object must be the last thing
// in the body (trailing whitespace aside).
func parseBody(body []byte) (answer, ResponseErrorKind) {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return answer{}, BodyEmpty
	}
	sawObject := false
	for off := 0; off < len(t); {
		i := bytes.IndexByte(t[off:], '{')
		if i < 0 {
			break
		}
		start := off + i
		sawObject = true
		dec := json.NewDecoder(bytes.NewReader(t[start:]))
		dec.UseNumber()
		var m map[string]json.RawMessage
		if err := dec.Decode(&m); err == nil && int(dec.InputOffset()) == len(t)-start {
			return answer{fields: m, notices: start > 0}, 0
		}
		off = start + 1
	}
	if sawObject && (t[0] == '{' || bytes.Contains(t, []byte(`"result"`))) {
		return answer{}, BodyJSON
	}
	return answer{}, BodyHTML
}

// str reads a field as a string: a JSON string, a number or a bool; null
// and a missing key are "".
func (a answer) str(key string) (string, bool) {
	raw, ok := a.fields[key]
	if !ok {
		return "", false
	}
	return scalar(raw)
}

// scalar reads a JSON scalar as text; ok is false for objects and arrays.
func scalar(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0, bytes.Equal(raw, []byte("null")):
		return "", true
	case raw[0] == '"':
		if len(raw) >= 2 && raw[len(raw)-1] == '"' && bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 && bytes.IndexByte(raw[1:len(raw)-1], '"') < 0 {
			return string(raw[1 : len(raw)-1]), true // no escapes: the text as is
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false
		}
		return s, true
	case raw[0] == '{' || raw[0] == '[':
		return "", false
	case bytes.Equal(raw, []byte("true")):
		return "1", true
	case bytes.Equal(raw, []byte("false")):
		return "", true
	}
	return string(raw), true // a number, as written
}

// cleanMessage removes the HTML line breaks and the trailing newline the
// server puts in some messages.
func cleanMessage(s string) string {
	s = strings.ReplaceAll(s, "<br>", "")
	s = strings.ReplaceAll(s, "<br/>", "")
	s = strings.ReplaceAll(s, "<br />", "")
	return strings.TrimSpace(s)
}

// outcome tells success from the error channel: result "success" is the
// only success; {"result":"error","message":M} and any other result text
// are errors (with "code" when present). ok is false when there is no
// result at all.
func (a answer) outcome(action string) (err error, ok bool) {
	res, has := a.str("result")
	if !has {
		return nil, false
	}
	if res == "success" {
		return nil, true
	}
	code, _ := a.str("code")
	msg := res
	if strings.EqualFold(res, "error") {
		if m, ok := a.str("message"); ok && m != "" {
			msg = m
		}
	}
	return newAPIError(action, code, cleanMessage(msg)), true
}

// column reads a parallel array: null or a missing key is empty.
func (a answer) column(action, key string) ([]string, error) {
	raw, ok := a.fields[key]
	if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		// PHP's json_encode prints an array with gaps in its keys as an
		// object: {"0":..,"2":..}. Read it in key order.
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return nil, shapeErr(action, key+" is not an array")
		}
		idx := make([]int, 0, len(obj))
		for k := range obj {
			n, err := strconv.Atoi(k)
			if err != nil {
				return nil, shapeErr(action, key+" is not an array")
			}
			idx = append(idx, n)
		}
		sortInts(idx)
		for _, n := range idx {
			items = append(items, obj[strconv.Itoa(n)])
		}
	}
	out := make([]string, len(items))
	for i, it := range items {
		s, ok := scalar(it)
		if !ok {
			return nil, shapeErr(action, key+"["+strconv.Itoa(i)+"] is not a scalar")
		}
		out[i] = s
	}
	return out, nil
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// parseID reads a did_id given as a string or a number.
func parseID(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ".0") {
		s = strings.TrimSuffix(s, ".0")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// decodeList zips the parallel arrays of goGetAllDID / goGetDIDsList into
// records. Every non-empty array must have the length of did_id.
func decodeList(action string, a answer) ([]DID, error) {
	keys := []string{"did_id", "did_pattern", "did_description", "active", "did_route"}
	cols := make([][]string, len(keys))
	for i, k := range keys {
		c, err := a.column(action, k)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	n := len(cols[0])
	for i, c := range cols[1:] {
		if c != nil && len(c) != n || c == nil && n > 0 && keys[i+1] != "active" && keys[i+1] != "did_route" {
			return nil, shapeErr(action, "parallel arrays of different lengths: did_id has "+strconv.Itoa(n)+
				", "+keys[i+1]+" has "+strconv.Itoa(len(c)))
		}
	}
	out := make([]DID, n)
	for i := range out {
		id, ok := parseID(cols[0][i])
		if !ok {
			return nil, shapeErr(action, "did_id["+strconv.Itoa(i)+"] is not a positive integer")
		}
		d := DID{ID: id, Pattern: cols[1][i], Description: cols[2][i]}
		if cols[3] != nil {
			d.Active = strings.EqualFold(cols[3][i], "Y")
		}
		if cols[4] != nil {
			d.Route = RouteKind(cols[4][i])
		}
		out[i] = d
	}
	return out, nil
}
