package voipmstest

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"
)

// Call recordings (getCallRecordings, getCallRecording,
// sendCallRecordingEmail, delCallRecording) and call transcriptions
// (getCallTranscriptions). The seed records the answered calls of the call
// history that last more than a minute on 100001_VoIP and 100001_Office
// (at most six each); the recordings of those on 100001_VoIP are also
// transcribed. A recording's id is an opaque base64 token, as live.

func init() {
	rowFields["getCallRecordings.recordings"] = []string{"callrecording", "datetime", "destination", "type", "subaccount", "duration"}
	topFields["getCallRecording"] = []string{"callrecording", "datetime", "destination", "type", "subaccount", "duration", "base64file"}
	topFields["sendCallRecordingEmail"] = []string{"msg"}
	for name, h := range map[string]func(*call) (obj, error){
		"getCallRecordings":      (*call).getCallRecordings,
		"getCallRecording":       (*call).getCallRecording,
		"sendCallRecordingEmail": (*call).sendCallRecordingEmail,
		"delCallRecording":       (*call).delCallRecording,
		"getCallTranscriptions":  (*call).getCallTranscriptions,
	} {
		handlers[name] = h
	}
}

// mp3Stub is a few bytes of an MP3 frame header, the audio of every call
// recording.
var mp3Stub = base64.StdEncoding.EncodeToString([]byte{0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0})

func (st *state) seedCallRecordings(time.Time) {
	t := st.tbl("callrecording", 1)
	per := map[string]int{}
	for _, r := range st.cdrs {
		acct := r.account
		if (acct != accountID+"_VoIP" && acct != accountID+"_Office") || r.disposition != "ANSWERED" || r.seconds < 60 || per[acct] >= 6 {
			continue
		}
		per[acct]++
		id := t.newID()
		sub := st.subAccount(acct)
		token := base64.RawStdEncoding.EncodeToString([]byte(fmt.Sprintf("%s-%s-%d", sub["id"], r.uniqueID, r.at.Unix())))
		typ := "Outgoing"
		if r.incoming {
			typ = "Incoming"
		}
		t.rows[id] = map[string]string{"callrecording": token, "datetime": r.at.Format(stampLayout),
			"destination": r.dest, "type": typ, "subaccount": sub["id"], "account": acct,
			"duration": fmt.Sprintf("%02d:%02d", r.seconds/60, r.seconds%60), "base64file": mp3Stub,
			"seconds": itoa(r.seconds), "transcribed": b01(acct == accountID+"_VoIP"), "caller": r.callerID}
	}
}

// callAccountParam reads the required account (the main account or a
// sub-account).
func (c *call) callAccountParam() (string, error) {
	a, err := c.need("account", "missing_account")
	if err != nil {
		return "", err
	}
	if a != accountID && c.st.subAccount(a) == nil {
		return "", fail("invalid_account")
	}
	return a, nil
}

// callRecordingsOf lists the recordings of account (the main account sees
// all) in a date range and of a call type (all, incoming, outgoing).
func (c *call) callRecordingsOf(account, from, to, callType string) []map[string]string {
	var out []map[string]string
	for _, r := range c.st.entities["callrecording"].list() {
		day := r["datetime"][:10]
		if account != accountID && r["account"] != account || day < from || day > to ||
			callType == "incoming" && r["type"] != "Incoming" || callType == "outgoing" && r["type"] != "Outgoing" {
			continue
		}
		out = append(out, r)
	}
	return out
}

func (c *call) callTypeParam(name string) (string, error) {
	t := strings.ToLower(c.p.get(name))
	switch t {
	case "", "all":
		return "all", nil
	case "incoming", "outgoing":
		return t, nil
	}
	return "", fail("invalid_call_type")
}

// getCallRecordings lists recordings newest first; start and length page
// through them.
func (c *call) getCallRecordings() (obj, error) {
	acct, err := c.callAccountParam()
	if err != nil {
		return nil, err
	}
	from, to, err := c.dateRange(92)
	if err != nil {
		return nil, err
	}
	typ, err := c.callTypeParam("call_type")
	if err != nil {
		return nil, err
	}
	list := c.callRecordingsOf(acct, from, to, typ)
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	if v := c.p.get("start"); v != "" {
		n, ok := atoi(v)
		if !ok {
			return nil, fail("missing_params")
		}
		if c.p.get("length") == "" {
			return nil, fail("missing_length")
		}
		list = list[min(n, len(list)):]
	}
	if v := c.p.get("length"); v != "" {
		n, ok := atoi(v)
		if !ok {
			return nil, fail("missing_params")
		}
		list = list[:min(n, len(list))]
	}
	if len(list) == 0 {
		return nil, fail("no_recording")
	}
	return obj{{"recordings", rows("getCallRecordings.recordings", list)}}, nil
}

func (c *call) callRecordingParam() (*table, string, map[string]string, error) {
	token, err := c.need("callrecording", "missing_callrecording")
	if err != nil {
		return nil, "", nil, err
	}
	acct, err := c.callAccountParam()
	if err != nil {
		return nil, "", nil, err
	}
	t := c.st.entities["callrecording"]
	for id, r := range t.rows {
		if r["callrecording"] == token && (acct == accountID || r["account"] == acct) {
			return t, id, r, nil
		}
	}
	return nil, "", nil, fail("invalid_callrecording")
}

func (c *call) getCallRecording() (obj, error) {
	_, _, r, err := c.callRecordingParam()
	if err != nil {
		return nil, err
	}
	o := obj{}
	for _, k := range topFields["getCallRecording"] {
		o = append(o, kv{k, r[k]})
	}
	return o, nil
}

func (c *call) sendCallRecordingEmail() (obj, error) {
	if _, _, _, err := c.callRecordingParam(); err != nil {
		return nil, err
	}
	to, err := c.need("email", "missing_email")
	if err != nil {
		return nil, err
	}
	if !validEmail(to) {
		return nil, fail("invalid_email")
	}
	return obj{{"msg", "Email sent to " + to}}, nil
}

func (c *call) delCallRecording() (obj, error) {
	t, id, _, err := c.callRecordingParam()
	if err != nil {
		return nil, err
	}
	delete(t.rows, id)
	return nil, nil
}

// getCallTranscriptions lists the transcriptions of an account's recorded
// calls in a date range (call_type: all, incoming, outgoing).
func (c *call) getCallTranscriptions() (obj, error) {
	acct, err := c.callAccountParam()
	if err != nil {
		return nil, err
	}
	from, to, err := c.dateRange(92)
	if err != nil {
		return nil, err
	}
	typ, err := c.callTypeParam("call_type")
	if err != nil {
		return nil, err
	}
	var out []obj
	for _, r := range c.callRecordingsOf(acct, from, to, typ) {
		if r["transcribed"] != "1" {
			continue
		}
		at, _ := time.Parse(stampLayout, r["datetime"])
		other := r["destination"]
		if r["type"] == "Incoming" {
			other = r["caller"]
		}
		out = append(out, obj{{"date", r["datetime"]}, {"duration", r["duration"]},
			{"speakers", []string{other, r["account"]}}, {"locale", "en-US"}, {"confidence", "94.18%"},
			{"recognized_phrases", []obj{
				{{"time", at.Add(2 * time.Second).Format(stampLayout)}, {"duration", "2.84"}, {"speaker", "1"}, {"phrase", "Hello, thanks for calling."}},
				{{"time", at.Add(6 * time.Second).Format(stampLayout)}, {"duration", "3.10"}, {"speaker", "2"}, {"phrase", "Hi, I have a question about my order."}},
			}}})
	}
	if len(out) == 0 {
		return nil, fail("no_recording")
	}
	return obj{{"transcriptions", out}}, nil
}
