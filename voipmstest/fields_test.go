package voipmstest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/didkit/voipms"
)

const dataDir = "../internal/cmd/apigen/data"

type shape struct {
	Kind   string `json:"kind"`
	Fields []struct {
		Name  string `json:"name"`
		Shape shape  `json:"shape"`
	} `json:"fields"`
	Element *shape `json:"element"`
}

func (s shape) field(name string) (shape, bool) {
	for _, f := range s.Fields {
		if f.Name == name {
			return f.Shape, true
		}
	}
	return shape{}, false
}

// liveExtras are keys the reference records as returned live but missing
// from the doc blocks.
var liveExtras = map[string]bool{
	"getDIDsInfo.dids.record_calls": true, "getDIDsInfo.dids.mms_available": true,
	"getDIDsInfo.dids.voicemail_threshold": true, "getDIDsInfo.dids.webhook": true,
	"getDIDsInfo.dids.webhook_enabled": true, "getDIDsInfo.dids.dialmode": true,
	"getDIDsInfo.dids.sms_sipaccount": true, "getDIDsInfo.dids.sms_sipaccount_enabled": true,
	"setSIPURI.sipuri": true,
}

// TestFieldsMatchDocs checks every field list against the docs' Output
// blocks (with the overrides' replacement shapes).
func TestFieldsMatchDocs(t *testing.T) {
	var docs struct {
		Methods map[string]shape `json:"methods"`
	}
	var ovr struct {
		Methods map[string]struct {
			Shape *shape `json:"shape"`
		} `json:"methods"`
	}
	for name, v := range map[string]any{"api-responses.json": &docs, "api-response-overrides.json": &ovr} {
		b, err := os.ReadFile(filepath.Join(dataDir, name))
		if err != nil {
			t.Fatalf("upstream data (in the repository) not readable: %v", err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatal(err)
		}
	}
	doc := func(method string) shape {
		if o, ok := ovr.Methods[method]; ok && o.Shape != nil {
			return *o.Shape
		}
		return docs.Methods[method]
	}
	for key, fields := range rowFields {
		method, coll, _ := strings.Cut(key, ".")
		if undocumentedShapes[method] {
			continue
		}
		top := doc(method)
		list, ok := top.field(coll)
		if !ok {
			t.Errorf("%s: docs have no key %q", method, coll)
			continue
		}
		elem := list
		if list.Element != nil {
			elem = *list.Element
		}
		want := map[string]bool{}
		for _, f := range elem.Fields {
			want[f.Name] = true
		}
		have := map[string]bool{}
		for _, f := range fields {
			if have[f] {
				t.Errorf("%s: %s listed twice", key, f)
			}
			have[f] = true
			if !want[f] && !liveExtras[key+"."+f] {
				t.Errorf("%s: field %q not in the docs", key, f)
			}
		}
		for f := range want {
			if !have[f] {
				t.Errorf("%s: docs field %q missing", key, f)
			}
		}
	}
	for method, keys := range topFields {
		if undocumentedShapes[method] {
			continue
		}
		top := doc(method)
		for _, k := range keys {
			if _, ok := top.field(k); !ok && !liveExtras[method+"."+k] {
				t.Errorf("%s: key %q not in the docs", method, k)
			}
		}
	}
}

// TestStatusCodesAreDocumented scans the sources for status-code literals
// and checks each one is in the docs' table.
func TestStatusCodesAreDocumented(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	lit := regexp.MustCompile(`"((?:missing|invalid|Invalid|no|used|duplicated)_[a-z0-9_]+|[a-z]+_(?:in_use|toolong|exceeded|not_enabled|reached|phonebook|empty|with_dids|billingtype|stock|filter|speed_dial|did|ivr|queue|name)|message_empty|limit_reached|existing_did|did_in_use)"`)
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			seen[m[1]] = true
		}
	}
	// Codes built at run time.
	for _, p := range []string{"state", "province", "monthly", "setup", "minute"} {
		seen["missing_"+p], seen["invalid_"+p] = true, true
	}
	for _, p := range []string{"redaction", "summary", "sentiment"} {
		seen["invalid_transcription_"+p] = true
	}
	delete(seen, "invalid_recording_")
	for _, s := range conferenceSounds {
		seen["invalid_recording_"+s] = true
	}
	var bad []string
	for code := range seen {
		if !voipms.Status(code).Known() && !isParamName(code) {
			bad = append(bad, code)
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Fatalf("undocumented status codes: %v", bad)
	}
	if len(seen) < 80 {
		t.Fatalf("scan found only %d codes", len(seen))
	}
}

// isParamName filters literals that are parameter or field names, not codes.
func isParamName(s string) bool {
	switch s {
	case "no_change_billingtype":
		return false
	}
	for _, fields := range rowFields {
		for _, f := range fields {
			if f == s {
				return true
			}
		}
	}
	for _, keys := range topFields {
		for _, k := range keys {
			if k == s {
				return true
			}
		}
	}
	if s == "from_name" { // sendFaxMessage parameter
		return true
	}
	for _, e := range entitySpecs {
		for _, p := range e.params {
			if p.name == s {
				return true
			}
		}
	}
	return strings.HasPrefix(s, "sms_")
}

// TestMethodCoverage checks every method of the issue is implemented.
func TestMethodCoverage(t *testing.T) {
	want := strings.Fields(`backOrderDIDUSA backOrderDIDCAN cancelDID connectDID unconnectDID getDIDsInfo setDIDInfo
	setDIDRouting setDIDPOP setDIDVoicemail setDIDBillingType getPortability getBackOrders getDIDsUSA getDIDsCAN
	searchDIDsUSA searchDIDsCAN searchTollFreeCanUS searchTollFreeUSA searchVanity getDIDsInternationalGeographic
	getDIDsInternationalNational getDIDsInternationalTollFree orderDID orderDIDInternationalGeographic
	orderDIDInternationalNational orderDIDInternationalTollFree orderDIDVirtual orderTollFree orderVanity getStates
	getProvinces getRateCentersUSA getRateCentersCAN getDIDCountries getInternationalTypes getCarriers
	getRingStrategies getJoinWhenEmptyTypes getVoicemailSetups getVoicemailAttachmentFormats getServersInfo
	getSubAccounts getVoicemails getIP getForwardings setForwarding delForwarding getIVRs setIVR delIVR getQueues
	setQueue delQueue getStaticMembers setStaticMember delStaticMember getRingGroups setRingGroup delRingGroup
	getSIPURIs setSIPURI delSIPURI getTimeConditions setTimeCondition delTimeCondition getCallbacks setCallback
	delCallback getCallerIDFiltering setCallerIDFiltering delCallerIDFiltering getDISAs setDISA delDISA getPhonebook
	setPhonebook delPhonebook getPhonebookGroups setPhonebookGroup delPhonebookGroup getRecordings getRecordingFile
	setRecording delRecording getCallHuntings setCallHunting delCallHunting sendSMS getSMS deleteSMS setSMS sendMMS
	getMMS deleteMMS getMediaMMS getResellerSMS getResellerMMS getVPRIs getDIDvPRI assignDIDvPRI removeDIDvPRI
	delClient delConference delConferenceMember delSequences`)
	for _, m := range want {
		if handlers[m] == nil {
			t.Errorf("%s not implemented", m)
		}
	}
	for m := range testMethods {
		if handlers[m] == nil {
			t.Errorf("test method %s not implemented", m)
		}
	}
}
