package voipms

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The upstream answers this test walks: the docs' sample answers and the
// live corrections, as the generator reads them. They are in the repository
// (the generator's input), so the test never skips.
const upstreamData = "internal/cmd/apigen/data"

// liveExtraFields are keys real answers carry that the docs' samples do not
// (reference voipms-api.md: getDIDsInfo notes in §2.4, the getSubAccounts
// row of the client survey); each must map to a struct field too.
var liveExtraFields = map[string][]string{
	"getDIDsInfo": {"dids[].record_calls", "dids[].mms_available", "dids[].voicemail_threshold", "dids[].webhook",
		"dids[].webhook_enabled", "dids[].dialmode", "dids[].sms_sipaccount", "dids[].sms_sipaccount_enabled",
		"dids[].transcription_locale", "dids[].transcription_email", "dids[].smpp_enabled", "dids[].smpp_url",
		"dids[].smpp_user", "dids[].smpp_pass"},
	"getSubAccounts": {"accounts[].transcribe", "accounts[].transcription_locale", "accounts[].transcription_redaction",
		"accounts[].transcription_summary", "accounts[].transcription_sentiment", "accounts[].transcription_email",
		"accounts[].parking_lot", "accounts[].enable_internal_cnam", "accounts[].internal_cnam", "accounts[].tfcarrier",
		"accounts[].default_e911", "accounts[].call_pickup_behavior"},
}

// ignoredSampleFields are answer fields deliberately not decoded, each with
// the reason. A field not here and not in a struct fails the test.
var ignoredSampleFields = map[string]string{
	// The member id the caller passed in (AddMember's member argument), echoed.
	"addMemberToConference: member": "echo of the argument",
	// The number of rows in back_orders: len() of ListBackOrders' result.
	"getBackOrders: quantity": "len of the list",
	// A confirmation sentence ("The fax was sent..."); the status says it.
	"mailFaxMessagePDF: message_status": "confirmation text",
	// A confirmation sentence ("Email sent"); the status says it.
	"sendCallRecordingEmail: msg": "confirmation text",
	// The docs' Output block is copied from setSIPURI (reference §2.4
	// setSMS notes: expect {"status":"success"}).
	"setSMS: sipuri": "docs copy-paste",
}

type sampleShape struct {
	Kind    string        `json:"kind"`
	Type    string        `json:"type"`
	Sample  string        `json:"sample"`
	Fields  []sampleField `json:"fields"`
	Element *sampleShape  `json:"element"`
	Value   *sampleShape  `json:"value"`
}

type sampleField struct {
	Name  string       `json:"name"`
	Shape *sampleShape `json:"shape"`
}

func loadSampleShapes(t *testing.T) map[string]*sampleShape {
	t.Helper()
	read := func(name string, v any) {
		b, err := os.ReadFile(filepath.Join(upstreamData, name))
		if err != nil {
			t.Fatalf("upstream samples: %v", err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var docs struct {
		Methods map[string]*sampleShape `json:"methods"`
	}
	var live struct {
		Methods map[string]struct {
			Shape *sampleShape `json:"shape"`
		} `json:"methods"`
	}
	read("api-responses.json", &docs)
	read("api-response-overrides.json", &live)
	for m, o := range live.Methods {
		if o.Shape != nil {
			docs.Methods[m] = o.Shape // a live correction replaces the docs' shape
		}
	}
	if len(docs.Methods) < 200 {
		t.Fatalf("only %d sample answers", len(docs.Methods))
	}
	return docs.Methods
}

// sampleJSON renders a shape as the answer VoIP.ms would send.
func sampleJSON(s *sampleShape) any {
	switch s.Kind {
	case "object":
		o := map[string]any{}
		for _, f := range s.Fields {
			o[f.Name] = sampleJSON(f.Shape)
		}
		return o
	case "list":
		if s.Element == nil {
			return []any{}
		}
		return []any{sampleJSON(s.Element)}
	case "map":
		if s.Value == nil {
			return map[string]any{}
		}
		return map[string]any{"0": sampleJSON(s.Value)} // PHP's array keys
	}
	if strings.HasPrefix(s.Sample, "#####") {
		return "12345" // the docs' placeholder "##### (Number ID of the created record)"
	}
	return cleanSampleText(s.Sample)
}

// cleanSampleText undoes the docs' print_r artefacts, as the generator does.
func cleanSampleText(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), ",")
	if len(s) >= 2 && (s[0] == '\'' && s[len(s)-1] == '\'' || s[0] == '"' && s[len(s)-1] == '"') {
		s = s[1 : len(s)-1]
	}
	return s
}

// unmapped walks shape against Go type t and returns the paths of answer
// fields no struct field receives.
func unmapped(s *sampleShape, t reflect.Type, path string) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Interface, t == reflect.TypeFor[json.RawMessage]():
		return nil // kept whole
	case t.Kind() == reflect.Map:
		if s.Kind == "object" || s.Kind == "map" {
			return nil // every key kept
		}
	}
	switch s.Kind {
	case "object":
		if t.Kind() == reflect.Slice {
			return unmapped(s, t.Elem(), path+"[]") // one record for a list
		}
		if t.Kind() != reflect.Struct {
			return []string{path + " (an object, decoded into " + t.String() + ")"}
		}
		sp := codecFor(t).st
		var out []string
		for _, f := range s.Fields {
			p := f.Name
			if path != "" {
				p = path + "." + f.Name
			}
			fp, ok := sp.exact[f.Name]
			if !ok {
				out = append(out, p)
				continue
			}
			ft := t.FieldByIndex(fp.index).Type
			out = append(out, unmapped(f.Shape, ft, p)...)
		}
		return out
	case "list":
		if s.Element == nil {
			return nil
		}
		if t.Kind() == reflect.Slice {
			return unmapped(s.Element, t.Elem(), path+"[]")
		}
		return unmapped(s.Element, t, path+"[]")
	case "map":
		if s.Value != nil && (t.Kind() == reflect.Map || t.Kind() == reflect.Slice) {
			return unmapped(s.Value, t.Elem(), path+"{}") // a slice takes a keyed object as a list
		}
		return []string{path + " (a map, decoded into " + t.String() + ")"}
	}
	return nil
}

// withExtras adds the live-only keys of method to its shape.
func withExtras(s *sampleShape, paths []string) {
	for _, p := range paths {
		cur := s
		parts := strings.Split(p, ".")
		for _, part := range parts[:len(parts)-1] {
			name := strings.TrimSuffix(part, "[]")
			for _, f := range cur.Fields {
				if f.Name == name {
					cur = f.Shape
				}
			}
			if cur.Kind == "list" && cur.Element != nil {
				cur = cur.Element
			}
		}
		cur.Fields = append(cur.Fields, sampleField{Name: parts[len(parts)-1], Shape: &sampleShape{Kind: "scalar", Type: "string", Sample: "1"}})
	}
}

// TestNoSilentDropUpstreamSamples (issue 11 §1): every field of every sample
// answer, and of the live-only keys above, maps to a struct field of the
// method's response type, or is on the commented ignore list; and every
// sample answer decodes.
func TestNoSilentDropUpstreamSamples(t *testing.T) {
	shapes := loadSampleShapes(t)
	for m, extra := range liveExtraFields {
		withExtras(shapes[m], extra)
	}
	methods := make([]string, 0, len(shapes))
	for m := range shapes {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	var missing []string
	checked := 0
	for _, m := range methods {
		s := shapes[m]
		mk, ok := responseTypes[m]
		if !ok {
			// No response type: the answer must be a bare status.
			for _, f := range s.Fields {
				if f.Name != "status" && ignoredSampleFields[m+": "+f.Name] == "" {
					missing = append(missing, m+": "+f.Name+" (the method decodes no answer)")
				}
			}
			continue
		}
		checked++
		out := mk()
		for _, p := range unmapped(s, reflect.TypeOf(out).Elem(), "") {
			if ignoredSampleFields[m+": "+p] == "" {
				missing = append(missing, m+": "+p)
			}
		}
		body, err := json.Marshal(sampleJSON(s))
		if err != nil {
			t.Fatal(err)
		}
		if err := unmarshal(body, out); err != nil {
			t.Errorf("%s: the sample answer does not decode: %v", m, err)
		}
	}
	if checked < 140 {
		t.Errorf("only %d methods with a response type checked", checked)
	}
	for _, p := range missing {
		t.Errorf("answer field maps to no struct field: %s", p)
	}
}
