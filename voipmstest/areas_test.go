package voipmstest_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/didkit/voipms/voipmstest"
)

// Wire-level checks of the per-area methods: answer shapes, state and the
// documented statuses.

var areaNow = time.Date(2025, time.June, 10, 9, 30, 0, 0, time.UTC)

func areaServer(t *testing.T, opts ...voipmstest.Option) *voipmstest.Server {
	t.Helper()
	s := voipmstest.NewServer(append([]voipmstest.Option{voipmstest.WithSeed(9),
		voipmstest.WithClock(func() time.Time { return areaNow })}, opts...)...)
	t.Cleanup(s.Close)
	return s
}

// subAccountParams are valid createSubAccount settings.
func subAccountParams(user string, extra ...string) []string {
	return append([]string{"username", user, "protocol", "1", "auth_type", "1", "password", "Desk-Phone42",
		"device_type", "2", "lock_international", "1", "international_route", "1", "music_on_hold", "default",
		"allowed_codecs", "ulaw;g729", "dtmf_mode", "auto", "nat", "yes"}, extra...)
}

func TestGetSubAccountsByClient(t *testing.T) {
	s := areaServer(t)
	rows := list(t, ok(t, s, "getSubAccounts", "account", "561115"), "accounts")
	if len(rows) != 1 || rows[0]["account"] != "100001_Acme" || rows[0]["reseller_client"] != "561115" {
		t.Fatalf("561115: %v", rows)
	}
	ok(t, s, "createSubAccount", subAccountParams("Acme2", "reseller_client", "561115", "reseller_package", "92364")...)
	if rows := list(t, ok(t, s, "getSubAccounts", "account", "561115"), "accounts"); len(rows) != 2 {
		t.Fatalf("561115 after create: %d rows", len(rows))
	}
	if got := status(t, s, "getSubAccounts", "account", "561199"); got != "no_account" {
		t.Errorf("unknown client: %s", got)
	}
	if rows := list(t, ok(t, s, "getSubAccounts", "account", "100001_Office"), "accounts"); len(rows) != 1 {
		t.Errorf("by name: %d rows", len(rows))
	}
}

func TestSubAccountRules(t *testing.T) {
	s := areaServer(t)
	m := ok(t, s, "createSubAccount", subAccountParams("Desk")...)
	if m["account"] != "100001_Desk" || m["id"] != "99789" {
		t.Errorf("create answer: %v", m)
	}
	for _, c := range []struct {
		kv   []string
		want string
	}{
		{subAccountParams("Desk"), "used_username"},
		{subAccountParams("Bad name"), "invalid_username"},
		{subAccountParams("X1", "password", "short1"), "invalid_password"},
		{subAccountParams("X2", "auth_type", "2"), "invalid_password_auth"},
		{subAccountParams("X3", "protocol", "3", "auth_type", "2", "password", ""), "invalid_authtype_iax2"},
		{subAccountParams("X4", "allowed_codecs", "ulaw;opus9"), "invalid_allowedcodecs"},
		{subAccountParams("X5", "rtp_timeout", "900", "rtp_hold_timeout", "600"), "rtp_timeout_greater_than_rtp_hold_timeout"},
		{subAccountParams("X6", "reseller_client", "561115"), "missing_resellerpackage"},
		{subAccountParams("X7", "internal_voicemail", "999"), "invalid_internalvoicemail"},
		{subAccountParams("X8", "music_on_hold", "polka"), "invalid_musiconhold"},
		{subAccountParams("X9", "pop_restriction", "3,99"), "invalid_pop_restriction"},
		{subAccountParams("")[2:], "missing_username"},
	} {
		if got := status(t, s, "createSubAccount", c.kv...); got != c.want {
			t.Errorf("%v: %s, want %s", c.kv, got, c.want)
		}
	}
	// setSubAccount is full replacement; an absent password keeps the old one.
	ok(t, s, "setSubAccount", "id", "99789", "auth_type", "1", "device_type", "1", "lock_international", "0",
		"international_route", "2", "music_on_hold", "jazz", "allowed_codecs", "gsm", "dtmf_mode", "inband", "nat", "route")
	a := list(t, ok(t, s, "getSubAccounts", "account", "100001_Desk"), "accounts")[0]
	for k, want := range map[string]string{"password": "Desk-Phone42", "music_on_hold": "jazz", "nat": "route",
		"description": "", "lock_international": "0", "username": "Desk", "protocol": "1"} {
		if a[k] != want {
			t.Errorf("after set: %s = %v, want %q", k, a[k], want)
		}
	}
	if got := status(t, s, "delSubAccount", "id", "1"); got != "invalid_id" {
		t.Errorf("del unknown: %s", got)
	}
	ok(t, s, "delSubAccount", "id", "99789")
	if got := status(t, s, "getSubAccounts", "account", "100001_Desk"); got != "no_account" {
		t.Errorf("after delete: %s", got)
	}
}

func TestVoicemailMessagesOnTheWire(t *testing.T) {
	s := areaServer(t)
	ok(t, s, "createVoicemail", "digits", "202", "name", "Sales", "password", "4321", "skip_password", "0",
		"attach_message", "yes", "delete_message", "no", "say_time", "yes", "timezone", "America/Toronto",
		"say_callerid", "yes", "play_instructions", "u", "language", "en")
	ok(t, s, "createVoicemail", "digits", "303", "name", "Acme", "password", "4321", "skip_password", "0",
		"attach_message", "yes", "delete_message", "no", "say_time", "yes", "timezone", "America/Toronto",
		"say_callerid", "yes", "play_instructions", "u", "language", "en", "client", "561115")
	if rows := list(t, ok(t, s, "getVoicemails", "client", "561115"), "voicemails"); len(rows) != 1 || rows[0]["mailbox"] != "303" {
		t.Errorf("client 561115 boxes = %v", rows)
	}
	if got := status(t, s, "getVoicemails", "client", "561116"); got != "no_mailbox" {
		t.Errorf("client 561116 boxes: %s", got)
	}
	n := s.AddVoicemailMessage("202", "", "Caller <5145550100>", areaNow.Add(-time.Hour), 14, "Call me")
	if n != 1 {
		t.Fatalf("message number %d", n)
	}
	box := list(t, ok(t, s, "getVoicemails", "mailbox", "202"), "voicemails")[0]
	if box["new"] != "1" || box["skip_password"] != "0" {
		t.Errorf("box = %v", box)
	}
	// The message file is a bare object, as live.
	m := ok(t, s, "getVoicemailMessageFile", "mailbox", "202", "folder", "INBOX", "message_num", "1")
	if f, isObj := m["message"].(map[string]any); !isObj || f["data"] == "" || f["message_num"] != "1" {
		t.Errorf("message = %#v", m["message"])
	}
	ok(t, s, "markListenedVoicemailMessage", "mailbox", "202", "folder", "INBOX", "message_num", "1", "listened", "yes")
	row := list(t, ok(t, s, "getVoicemailMessages", "mailbox", "202"), "messages")[0]
	if row["folder"] != "Old" || row["listened"] != "yes" || row["duration"] != "00:00:14" {
		t.Errorf("after listened: %v", row)
	}
	if got := status(t, s, "getVoicemailMessageFile", "mailbox", "202", "folder", "INBOX", "message_num", "1"); got != "message_not_found" {
		t.Errorf("old folder: %s", got)
	}
	tr := list(t, ok(t, s, "getVoicemailTranscriptions", "mailbox", "202", "folder", "Old", "date_from", "2025-06-01", "date_to", "2025-06-10"), "messages")
	if len(tr) != 1 || tr[0]["result"] != "Call me" {
		t.Errorf("transcriptions = %v", tr)
	}
	ok(t, s, "delMessages", "mailbox", "202")
	if got := status(t, s, "getVoicemailMessages", "mailbox", "202"); got != "no_messages" {
		t.Errorf("after delMessages: %s", got)
	}
	// A mailbox a DID uses cannot go.
	did := firstDID(t, s)
	ok(t, s, "orderDID", orderParams(did, "voicemail", "202")...)
	if got := status(t, s, "delVoicemail", "mailbox", "202"); got != "invalid_mailbox" {
		t.Errorf("delete used mailbox: %s", got)
	}
}

func TestE911OnTheWire(t *testing.T) {
	s := areaServer(t, voipmstest.WithAccountBalance("20.00"))
	did := firstDID(t, s)
	ok(t, s, "orderDID", orderParams(did)...)
	addr := []string{"did", did, "full_name", "Jane Roe", "street_number", "23", "street_name", "W Broad St",
		"city", "Richmond", "state", "VA", "country", "US", "zip", "23220", "language", "EN", "email", "jane@example.com"}
	ok(t, s, "e911Validate", addr...)
	if got := status(t, s, "e911Info", "did", did); got != "e911_disabled" {
		t.Fatalf("validate provisioned: %s", got)
	}
	before := s.AccountBalance()
	ok(t, s, "e911Provision", addr...)
	if after := s.AccountBalance(); after == before {
		t.Errorf("provisioning charged nothing (balance %s)", after)
	}
	info, isObj := ok(t, s, "e911Info", "did", did)["info"].(map[string]any)
	if !isObj || info["zip_code"] != "23220" || info["status"] != "1" || info["street_name"] != "W BROAD ST" {
		t.Errorf("info = %#v", info)
	}
	ok(t, s, "cancelDID", "did", did)
	ok(t, s, "orderDID", orderParams(did)...)
	if got := status(t, s, "e911Info", "did", did); got != "e911_disabled" {
		t.Errorf("e911 survived cancelDID: %s", got)
	}
	// A balance that cannot cover the fee changes nothing.
	poor := areaServer(t, voipmstest.WithAccountBalance("2.00"))
	d2 := firstDID(t, poor)
	ok(t, poor, "orderDID", orderParams(d2)...) // 1.35 of 2.00
	left := poor.AccountBalance()
	addr[1] = d2
	if got := status(t, poor, "e911Provision", addr...); got != "non_sufficient_funds" {
		t.Errorf("poor provision: %s", got)
	}
	if got := status(t, poor, "e911Info", "did", d2); got != "e911_disabled" || poor.AccountBalance() != left {
		t.Errorf("refused provision changed state: %s, balance %s (was %s)", got, poor.AccountBalance(), left)
	}
}

func TestFaxOnTheWire(t *testing.T) {
	s := areaServer(t)
	rc := list(t, ok(t, s, "getFaxRateCentersCAN", "province", "QC"), "ratecenters")
	loc := ""
	for _, r := range rc {
		if r["available"] == "yes" {
			loc = r["location"].(string)
			break
		}
	}
	if loc == "" {
		t.Fatal("no QC fax location")
	}
	before := s.AccountBalance()
	ok(t, s, "orderFaxNumber", "location", loc, "quantity", "1", "test", "1")
	if s.AccountBalance() != before {
		t.Fatal("a dry-run order charged")
	}
	if got := status(t, s, "getFaxNumbersInfo"); got != "no_numbers" {
		t.Fatalf("dry run bought: %s", got)
	}
	m := ok(t, s, "orderFaxNumber", "location", loc, "quantity", "1")
	dids, isList := m["dids"].([]any)
	if !isList || len(dids) != 1 {
		t.Fatalf("dids = %#v (want a list of strings)", m["dids"])
	}
	did := dids[0].(string)
	num := list(t, ok(t, s, "getFaxNumbersInfo"), "numbers")[0]
	if num["did"] != did[:3]+"."+did[3:6]+"."+did[6:] || num["country"] != "Canada" {
		t.Errorf("number = %v", num)
	}
	// Dotted or plain, the did parameter names the number.
	ok(t, s, "setFaxNumberEmail", "did", num["did"].(string), "email", "f@example.com", "email_enable", "1")
	ok(t, s, "setFaxNumberURLCallback", "did", did, "url_callback", "https://example.com/f", "url_callback_enable", "1")
	num = list(t, ok(t, s, "getFaxNumbersInfo", "did", did), "numbers")[0]
	if num["email_enabled"] != "1" || num["url_enabled"] != "1" {
		t.Errorf("settings = %v", num)
	}
	// An area-code search without a match answers success without the list.
	if m := ok(t, s, "searchFaxAreaCodeCAN", "area_code", "999"); m["ratecenters"] != nil {
		t.Errorf("no match = %v", m)
	}
	// Send a fax to ourselves: in SENT and in INBOX.
	file := base64.StdEncoding.EncodeToString([]byte("%PDF-1.4"))
	ok(t, s, "sendFaxMessage", "to_number", did, "from_name", "Me", "from_number", did, "file", file, "test", "1")
	if got := status(t, s, "getFaxMessages"); got != "no_message" {
		t.Fatalf("dry-run send stored a fax: %s", got)
	}
	ok(t, s, "sendFaxMessage", "to_number", did, "from_name", "Me", "from_number", did, "file", file)
	faxes := list(t, ok(t, s, "getFaxMessages", "folder", "ALL"), "faxes")
	if len(faxes) != 2 || faxes[0]["folder"] == faxes[1]["folder"] {
		t.Errorf("faxes = %v", faxes)
	}
	ok(t, s, "setFaxFolder", "name", "Archive")
	ok(t, s, "moveFaxMessage", "fax_id", faxes[0]["id"].(string), "folder_id", "3")
	ok(t, s, "delFaxFolder", "id", "3")
	if got := list(t, ok(t, s, "getFaxMessages", "id", faxes[0]["id"].(string)), "faxes")[0]["folder"]; got != "INBOX" {
		t.Errorf("fax of a deleted folder is in %v, want INBOX", got)
	}
	m = ok(t, s, "cancelFaxNumber", "id", "1")
	if m["deleted_did"] != did {
		t.Errorf("cancel answer = %v", m)
	}
}

func TestLNPAndConferencesOnTheWire(t *testing.T) {
	s := areaServer(t)
	m := ok(t, s, "getLNPListStatus")
	ls, isMap := m["list_status"].(map[string]any)
	if !isMap || ls[""] != "Port cancel upon customer request" {
		t.Errorf("list_status = %#v", m["list_status"])
	}
	port := api(t, s, "addLNPPort", "portType", "3", "numbers", "8005550100,4165550100", "tfType", "1", "statementName", "A",
		"firstName", "J", "lastName", "R", "address1", "1 St", "city", "X", "zip", "1", "state", "NY", "country", "US",
		"providerName", "P", "providerAccount", "1")
	if port["status"] != "invalid_number_porttype" {
		t.Errorf("local number in a toll-free port: %v", port["status"])
	}
	port = ok(t, s, "addLNPPort", "portType", "3", "numbers", "8005550100", "tfType", "1", "statementName", "A",
		"firstName", "J", "lastName", "R", "address1", "1 St", "city", "X", "zip", "1", "state", "NY", "country", "US",
		"providerName", "P", "providerAccount", "1")
	id := port["port"].(string)
	d := ok(t, s, "getLNPDetails", "portid", id)
	if d["portType"] != "3" || d["post_status"] != "pending_approval" {
		t.Errorf("details = %v", d)
	}
	if _, isList := d["notes"].([]any); !isList {
		t.Errorf("notes = %#v", d["notes"])
	}
	// Conferences: a member saved with a conference joins it; deleting the
	// profile removes it from the conference.
	mid := ok(t, s, "setConferenceMember", "conference", "738", "name", "Chair", "pin", "9999")["member"].(string)
	conf := list(t, ok(t, s, "getConference", "conference", "738"), "conference")[0]
	if conf["members"] != mid {
		t.Errorf("members = %v", conf["members"])
	}
	ok(t, s, "delConferenceMember", "member", mid)
	conf = list(t, ok(t, s, "getConference", "conference", "738"), "conference")[0]
	if conf["members"] != "" {
		t.Errorf("members after delete = %v", conf["members"])
	}
	f, isObj := ok(t, s, "getConferenceRecordingFile", "conference", "737", "recording", "1543338379")["recording"].(map[string]any)
	if !isObj || f["data"] == "" {
		t.Errorf("recording file = %#v", f)
	}
	if got := status(t, s, "getInvoice"); got != "not_simulated" {
		t.Errorf("getInvoice: %s", got)
	}
	if _, body := post(t, s, "getInvoice"); !strings.Contains(string(body), "not simulated") {
		t.Errorf("getInvoice body: %s", body)
	}
}

// TestAreaReadsUnderWrites runs the per-area reads (which share the state
// lock) next to writes of the same areas; go test -race checks no read
// changes state.
func TestAreaReadsUnderWrites(t *testing.T) {
	s := areaServer(t)
	reads := [][]string{{"getVoicemailMessages", "mailbox", "101"}, {"getConference"}, {"getConferenceMembers"},
		{"getFaxMessages", "folder", "ALL"}, {"getFaxFolders"}, {"getLNPList", "portid", "1001"},
		{"getMusicOnHold"}, {"getLocations"}, {"getSubAccounts", "account", "561115"}, {"getSequences"},
		{"getCallRecordings", "account", "100001", "date_from", "2025-03-15", "date_to", "2025-06-10"}}
	writes := [][]string{{"setLocation", "name", "L"}, {"setFaxFolder", "name", "F"},
		{"markListenedVoicemailMessage", "mailbox", "101", "folder", "INBOX", "message_num", "1", "listened", "yes"},
		{"setConferenceMember", "conference", "738", "name", "M", "pin", "4321"},
		{"setMusicOnHold", "name", "m", "description", "M", "recordings", "7567"}}
	done := make(chan bool)
	for i, r := range append(reads, writes...) {
		go func() {
			defer func() { done <- true }()
			for j := range 5 {
				kv := append([]string{}, r[1:]...)
				if i >= len(reads) && len(kv) > 1 && kv[0] == "name" {
					kv[1] += string(rune('a' + j))
				}
				api(t, s, r[0], kv...)
			}
		}()
	}
	for range len(reads) + len(writes) {
		<-done
	}
}
