package voipmstest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Voicemail boxes (createVoicemail, setVoicemail, delVoicemail) and their
// messages: folders, listing, files, listened/urgent marks, moves, deletes,
// e-mail and transcriptions.
//
// Messages live in the "vmmessage" table. A message's number (message_num)
// is unique within its mailbox and stays the same when it changes folder;
// the methods that name one message take the folder it is in.

// vmFolders are the voicemail folders (getVoicemailFolders).
var vmFolders = []valueDesc{{"INBOX", "INBOX"}, {"Old", "Old"}, {"Urgent", "Urgent"}, {"Family", "Family"},
	{"Friends", "Friends"}, {"Work", "Work"}}

// wavStub is a tiny WAV file (a header and no samples), the audio of every
// simulated message and recording.
const wavStub = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA="

func init() {
	rowFields["getVoicemailFolders.folders"] = []string{"value", "description"}
	rowFields["getVoicemailMessages.messages"] = []string{"mailbox", "folder", "message_num", "date", "callerid", "duration", "urgent", "listened"}
	rowFields["getVoicemailMessageFile.message"] = []string{"mailbox", "folder", "message_num", "data"}
	rowFields["getVoicemailTranscriptions.messages"] = []string{"date", "callerid", "duration", "folder", "result"}
	for name, h := range map[string]func(*call) (obj, error){
		"createVoicemail":              func(c *call) (obj, error) { return c.saveVoicemail(true) },
		"setVoicemail":                 func(c *call) (obj, error) { return c.saveVoicemail(false) },
		"delVoicemail":                 (*call).delVoicemail,
		"getVoicemailFolders":          (*call).getVoicemailFolders,
		"getVoicemailMessages":         (*call).getVoicemailMessages,
		"getVoicemailMessageFile":      (*call).getVoicemailMessageFile,
		"markListenedVoicemailMessage": func(c *call) (obj, error) { return c.markVoicemail("listened", "Old") },
		"markUrgentVoicemailMessage":   func(c *call) (obj, error) { return c.markVoicemail("urgent", "Urgent") },
		"moveFolderVoicemailMessage":   (*call).moveVoicemail,
		"sendVoicemailEmail":           (*call).sendVoicemailEmail,
		"delMessages":                  (*call).delMessages,
		"getVoicemailTranscriptions":   (*call).getVoicemailTranscriptions,
	} {
		handlers[name] = h
	}
}

// seedVoicemailMessages gives mailbox 101 three messages (two new in INBOX,
// one urgent, one heard in Old) and 1001 one, dated before the clock start.
func (st *state) seedVoicemailMessages(now time.Time) {
	t := st.tbl("vmmessage", 1)
	for _, m := range []struct {
		box, folder, caller, dur, urgent, listened, transcript string
		ago                                                    time.Duration
	}{
		{"101", "INBOX", "John Doe <5551234567>", "00:00:06", "no", "no", "Hi, it's John, call me back.", 2 * time.Hour},
		{"101", "Urgent", "Alice <4165550188>", "00:00:21", "yes", "no", "The server room is flooding.", 26 * time.Hour},
		{"101", "Old", "Bob <5145550143>", "00:00:12", "no", "yes", "", 72 * time.Hour},
		{"1001", "INBOX", "5555550100 <5555550100>", "00:00:09", "no", "no", "translation example", 5 * time.Hour},
	} {
		st.addVoicemailMessage(t, m.box, m.folder, now.Add(-m.ago), m.caller, m.dur, m.urgent, m.listened, m.transcript)
	}
	for _, b := range st.mailboxes {
		st.vmCounts(b["mailbox"])
	}
}

func (st *state) addVoicemailMessage(t *table, box, folder string, at time.Time, caller, dur, urgent, listened, transcript string) {
	n := 1
	for _, r := range t.rows {
		if r["mailbox"] == box {
			if k, _ := atoi(r["message_num"]); k >= n {
				n = k + 1
			}
		}
	}
	id := t.newID()
	t.rows[id] = map[string]string{"mailbox": box, "folder": folder, "message_num": strconv.Itoa(n),
		"date": at.Format(stampLayout), "callerid": caller, "duration": dur, "urgent": urgent,
		"listened": listened, "data": wavStub, "result": transcript}
}

// AddVoicemailMessage leaves a new message in a mailbox's INBOX (or in
// folder, when not empty), as a caller would, and returns its message
// number. It panics if the mailbox does not exist.
func (s *Server) AddVoicemailMessage(mailbox, folder, callerID string, at time.Time, seconds int, transcript string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.st.mailbox(mailbox) {
		panic("voipmstest: no mailbox " + mailbox)
	}
	if folder == "" {
		folder = "INBOX"
	}
	t := s.st.entities["vmmessage"]
	urgent := "no"
	if folder == "Urgent" {
		urgent = "yes"
	}
	dur := fmt.Sprintf("%02d:%02d:%02d", seconds/3600, seconds/60%60, seconds%60)
	s.st.addVoicemailMessage(t, mailbox, folder, at, callerID, dur, urgent, "no", transcript)
	s.st.vmCounts(mailbox)
	n := 0
	for _, r := range t.rows {
		if k, _ := atoi(r["message_num"]); r["mailbox"] == mailbox && k > n {
			n = k
		}
	}
	return n
}

// vmCounts refreshes a mailbox's "new" and "urgent" counts.
func (st *state) vmCounts(box string) {
	m := st.mailboxRow(box)
	if m == nil {
		return
	}
	unheard, urgent := 0, 0
	for _, r := range st.entities["vmmessage"].rows {
		if r["mailbox"] != box {
			continue
		}
		if r["listened"] == "no" {
			unheard++
		}
		if r["urgent"] == "yes" {
			urgent++
		}
	}
	m["new"], m["urgent"] = strconv.Itoa(unheard), strconv.Itoa(urgent)
}

func (st *state) mailboxRow(box string) map[string]string {
	for _, m := range st.mailboxes {
		if m["mailbox"] == box {
			return m
		}
	}
	return nil
}

// saveVoicemail creates a mailbox (its number is the digits parameter) or
// replaces one's settings; optional settings left out go back to defaults.
func (c *call) saveVoicemail(create bool) (obj, error) {
	var box string
	var old map[string]string
	if create {
		d, err := c.need("digits", "missing_digits")
		if err != nil {
			return nil, err
		}
		if !digitsOnly(d) || len(d) > 10 {
			return nil, fail("invalid_digits")
		}
		if c.st.mailbox(d) {
			return nil, fail("used_number")
		}
		box = d
	} else {
		var err error
		if box, err = c.need("mailbox", "missing_mailbox"); err != nil {
			return nil, err
		}
		if old = c.st.mailboxRow(box); old == nil {
			return nil, fail("invalid_mailbox")
		}
	}
	client, err := c.optionalClient()
	if err != nil {
		return nil, err
	}
	row := map[string]string{"mailbox": box, "new": "0", "urgent": "0", "client": ""}
	if client != nil {
		row["client"] = c.p.get("client")
	} else if old != nil {
		row["client"] = old["client"]
	}
	if old != nil {
		row["new"], row["urgent"] = old["new"], old["urgent"]
	}
	name, err := c.need("name", "missing_name")
	if err != nil {
		return nil, err
	}
	if _, err := maxLen(64)(c, name); err != nil {
		return nil, fail("invalid_name")
	}
	row["name"] = name
	pw, err := c.need("password", "missing_password")
	if err != nil {
		return nil, err
	}
	if !digitsOnly(pw) || len(pw) < 4 || len(pw) > 10 {
		return nil, fail("invalid_password")
	}
	row["password"] = pw
	v, err := c.need("skip_password", "missing_skippassword")
	if err != nil {
		return nil, err
	}
	b, ok := flag01(v)
	if !ok {
		return nil, fail("invalid_skippassword")
	}
	row["skip_password"] = b01(b)
	for _, f := range [][3]string{{"attach_message", "missing_attachmessage", "invalid_attachmessage"},
		{"delete_message", "missing_deletemessage", "invalid_deletemessage"},
		{"say_time", "missing_saytime", "invalid_saytime"},
		{"say_callerid", "missing_saycallerid", "invalid_saycallerid"}} {
		if row[f[0]], err = c.ynParam(f[0], true, "", f[1], f[2]); err != nil {
			return nil, err
		}
	}
	tz, err := c.need("timezone", "missing_timezone")
	if err != nil {
		return nil, err
	}
	if findValue(timezones, tz) == nil {
		return nil, fail("invalid_timezone")
	}
	row["timezone"] = tz
	pi, err := c.need("play_instructions", "missing_playinstructions")
	if err != nil {
		return nil, err
	}
	if findValue(playInstructions, pi) == nil {
		return nil, fail("invalid_playinstructions")
	}
	row["play_instructions"] = pi
	l, err := c.need("language", "missing_language")
	if err != nil {
		return nil, err
	}
	if row["language"], err = lang(c, l); err != nil {
		return nil, fail("invalid_language")
	}
	row["email"] = ""
	if e := c.p.get("email"); e != "" {
		for _, a := range strings.Split(e, ",") {
			if !validEmail(strings.TrimSpace(a)) {
				return nil, fail("invalid_email")
			}
		}
		row["email"] = e
	}
	row["email_attachment_format"] = "wav49"
	if f := c.p.get("email_attachment_format"); f != "" {
		if findValue(attachmentFormats, f) == nil {
			return nil, fail("invalid_email_attachment_format")
		}
		row["email_attachment_format"] = f
	}
	row["unavailable_message_recording"] = "0"
	if r := c.p.get("unavailable_message_recording"); r != "" && r != "0" {
		if c.st.entities["recording"].rows[r] == nil {
			return nil, fail("invalid_recording")
		}
		row["unavailable_message_recording"] = r
	}
	for _, f := range []string{"transcription_redaction", "transcription_sentiment", "transcription_summary"} {
		if row[f], err = c.ynParam(f, false, "no", "", "invalid_"+f); err != nil {
			return nil, err
		}
	}
	if row["transcription"], err = c.ynParam("transcription", false, "no", "", "missing_params"); err != nil {
		return nil, err
	}
	row["transcription_locale"] = "en-US"
	if v := c.p.get("transcription_locale"); v != "" {
		for _, l := range strings.Split(v, ",") {
			if findValue(locales, strings.TrimSpace(l)) == nil {
				return nil, fail("invalid_transcription_locale")
			}
		}
		row["transcription_locale"] = v
	}
	row["transcription_format"] = "text"
	if v := strings.ToLower(c.p.get("transcription_format")); v != "" {
		if v != "text" && v != "html" {
			return nil, fail("invalid_transcription_format")
		}
		row["transcription_format"] = v
	}
	row["transcription_delay"] = "0"
	if v := c.p.get("transcription_delay"); v != "" {
		n, ok := atoi(v)
		if !ok || n > 60 || n%5 != 0 {
			return nil, fail("missing_params")
		}
		row["transcription_delay"] = strconv.Itoa(n)
	}
	if old == nil {
		c.st.mailboxes = append(c.st.mailboxes, row)
		return nil, nil
	}
	for k := range old {
		delete(old, k)
	}
	for k, v := range row {
		old[k] = v
	}
	return nil, nil
}

// mailboxParam reads the required mailbox parameter.
func (c *call) mailboxParam() (string, error) {
	box, err := c.need("mailbox", "missing_mailbox")
	if err != nil {
		return "", err
	}
	if !c.st.mailbox(box) {
		return "", fail("invalid_mailbox")
	}
	return box, nil
}

// delVoicemail removes a mailbox and its messages. A mailbox a DID, ring
// group or sub-account still uses cannot go (invalid_mailbox: the docs'
// table has no better code).
func (c *call) delVoicemail() (obj, error) {
	box, err := c.mailboxParam()
	if err != nil {
		return nil, err
	}
	for _, d := range c.st.owned {
		if d.f["voicemail"] == box {
			return nil, fail("invalid_mailbox")
		}
	}
	if c.st.routeRefs("vm:" + box) {
		return nil, fail("invalid_mailbox")
	}
	kept := c.st.mailboxes[:0]
	for _, m := range c.st.mailboxes {
		if m["mailbox"] != box {
			kept = append(kept, m)
		}
	}
	c.st.mailboxes = kept
	t := c.st.entities["vmmessage"]
	for id, r := range t.rows {
		if r["mailbox"] == box {
			delete(t.rows, id)
		}
	}
	return nil, nil
}

func (c *call) getVoicemailFolders() (obj, error) {
	if c.p.get("mailbox") != "" {
		if _, err := c.mailboxParam(); err != nil {
			return nil, err
		}
	}
	return c.valueList("getVoicemailFolders", "folders", "folder", "invalid_folder", vmFolders)
}

// folderParam reads a folder name (case-insensitive) and answers its
// canonical spelling.
func folderName(v string) (string, bool) {
	for _, f := range vmFolders {
		if strings.EqualFold(f.value, v) {
			return f.value, true
		}
	}
	return "", false
}

func (c *call) getVoicemailMessages() (obj, error) {
	box, err := c.mailboxParam()
	if err != nil {
		return nil, err
	}
	folder := ""
	if v := c.p.get("folder"); v != "" {
		var ok bool
		if folder, ok = folderName(v); !ok {
			return nil, fail("invalid_folder")
		}
	}
	from, hasFrom, err := c.dateParam("date_from")
	if err != nil {
		return nil, err
	}
	to, hasTo, err := c.dateParam("date_to")
	if err != nil {
		return nil, err
	}
	if hasFrom && hasTo && to.Before(from) {
		return nil, fail("invalid_date_from")
	}
	var out []map[string]string
	for _, r := range c.st.entities["vmmessage"].list() {
		day := r["date"][:10]
		if r["mailbox"] != box || folder != "" && r["folder"] != folder ||
			hasFrom && day < from.Format(dateLayout) || hasTo && day > to.Format(dateLayout) {
			continue
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fail("no_messages")
	}
	return obj{{"messages", rows("getVoicemailMessages.messages", out)}}, nil
}

// messageParam finds the message named by mailbox, folder and message_num.
func (c *call) messageParam() (map[string]string, error) {
	box, err := c.mailboxParam()
	if err != nil {
		return nil, err
	}
	f, err := c.need("folder", "missing_folder")
	if err != nil {
		return nil, err
	}
	folder, ok := folderName(f)
	if !ok {
		return nil, fail("invalid_folder")
	}
	n, err := c.need("message_num", "missing_message_num")
	if err != nil {
		return nil, err
	}
	if !digitsOnly(n) {
		return nil, fail("invalid_message_num")
	}
	for _, r := range c.st.entities["vmmessage"].rows {
		if r["mailbox"] == box && r["folder"] == folder && r["message_num"] == strings.TrimLeft(n, "0") {
			return r, nil
		}
	}
	return nil, fail("message_not_found")
}

// getVoicemailMessageFile answers the message's audio under "message" as a
// bare object, as live (reference §4.5).
func (c *call) getVoicemailMessageFile() (obj, error) {
	m, err := c.messageParam()
	if err != nil {
		return nil, err
	}
	if f := strings.ToLower(c.p.get("format")); f != "" && f != "mp3" && f != "wav" && f != "wav49" && f != "gsm" {
		return nil, fail("invalid_type")
	}
	return obj{{"message", row("getVoicemailMessageFile.message", m)}}, nil
}

// markVoicemail sets the listened or urgent mark: yes moves the message to
// Old (listened) or Urgent, no moves it back to INBOX.
func (c *call) markVoicemail(mark, folder string) (obj, error) {
	m, err := c.messageParam()
	if err != nil {
		return nil, err
	}
	v, err := c.ynParam(mark, true, "", "missing_"+mark, "invalid_"+mark)
	if err != nil {
		return nil, err
	}
	m[mark] = v
	if v == "yes" {
		m["folder"] = folder
	} else {
		m["folder"] = "INBOX"
	}
	c.st.vmCounts(m["mailbox"])
	return nil, nil
}

func (c *call) moveVoicemail() (obj, error) {
	m, err := c.messageParam()
	if err != nil {
		return nil, err
	}
	v, err := c.need("new_folder", "missing_folder")
	if err != nil {
		return nil, err
	}
	folder, ok := folderName(v)
	if !ok {
		return nil, fail("invalid_destination_folder")
	}
	m["folder"] = folder
	m["urgent"] = map[bool]string{true: "yes", false: "no"}[folder == "Urgent"]
	c.st.vmCounts(m["mailbox"])
	return nil, nil
}

func (c *call) sendVoicemailEmail() (obj, error) {
	if _, err := c.messageParam(); err != nil {
		return nil, err
	}
	to, err := c.need("email_address", "missing_email")
	if err != nil {
		return nil, err
	}
	if !validEmail(to) {
		return nil, fail("invalid_email")
	}
	return nil, nil
}

// delMessages deletes one message (folder and message_num) or, without
// both, every message of the mailbox.
func (c *call) delMessages() (obj, error) {
	box, err := c.mailboxParam()
	if err != nil {
		return nil, err
	}
	t := c.st.entities["vmmessage"]
	switch f, n := c.p.get("folder"), c.p.get("message_num"); {
	case f == "" && n == "":
		for id, r := range t.rows {
			if r["mailbox"] == box {
				delete(t.rows, id)
			}
		}
	case f == "":
		return nil, fail("missing_folder")
	case n == "":
		return nil, fail("missing_message_num")
	default:
		m, err := c.messageParam()
		if err != nil {
			return nil, err
		}
		for id, r := range t.rows {
			if r["mailbox"] == m["mailbox"] && r["message_num"] == m["message_num"] {
				delete(t.rows, id)
			}
		}
	}
	c.st.vmCounts(box)
	return nil, nil
}

// getVoicemailTranscriptions lists the transcribed messages of a mailbox's
// folder in a date range.
func (c *call) getVoicemailTranscriptions() (obj, error) {
	box, err := c.mailboxParam()
	if err != nil {
		return nil, err
	}
	f, err := c.need("folder", "missing_folder")
	if err != nil {
		return nil, err
	}
	folder, ok := folderName(f)
	if !ok {
		return nil, fail("invalid_folder")
	}
	from, to, err := c.dateRange(92)
	if err != nil {
		return nil, err
	}
	var out []map[string]string
	for _, r := range c.st.entities["vmmessage"].list() {
		day := r["date"][:10]
		if r["mailbox"] == box && r["folder"] == folder && r["result"] != "" && day >= from && day <= to {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fail("no_messages")
	}
	return obj{{"messages", rows("getVoicemailTranscriptions.messages", out)}}, nil
}
