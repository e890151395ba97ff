package voipms_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/didkit/voipms"
	"github.com/didkit/voipms/voipmstest"
)

// The simulator conformance test drives the typed methods of the areas the
// simulator gained last (sub-accounts, voicemail, e911, fax, LNP,
// conferences, call parking, call recordings, sequences, catalogues): a
// subtest per wire method, named after it, with a happy path that checks
// decoded values and an error path (an API error from the simulator matched
// with errors.Is). Each subtest checks its wire method reached the simulator.

// simNow is the simulator clock of these tests.
var simNow = time.Date(2025, time.June, 10, 9, 30, 0, 0, time.UTC)

type simFix struct {
	t   *testing.T
	ctx context.Context
	srv *voipmstest.Server
	c   *voipms.Client
}

func newSimFix(t *testing.T, opts ...voipmstest.Option) *simFix {
	t.Helper()
	srv := voipmstest.NewServer(append([]voipmstest.Option{voipmstest.WithSeed(5),
		voipmstest.WithClock(func() time.Time { return simNow })}, opts...)...)
	t.Cleanup(srv.Close)
	c, err := srv.Client(voipms.WithRetry(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return &simFix{t: t, ctx: context.Background(), srv: srv, c: c}
}

func (f *simFix) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *simFix) eq(what string, got, want any) {
	f.t.Helper()
	if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
		f.t.Errorf("%s = %s, want %s", what, g, w)
	}
}

// status checks err is an *APIError with the status, matching sentinel.
func (f *simFix) status(err error, sentinel error, status voipms.Status) {
	f.t.Helper()
	var ae *voipms.APIError
	if !errors.As(err, &ae) {
		f.t.Errorf("err = %v, want an *APIError %s", err, status)
		return
	}
	if ae.Status != status {
		f.t.Errorf("status = %s, want %s", ae.Status, status)
	}
	if sentinel != nil && !errors.Is(err, sentinel) {
		f.t.Errorf("errors.Is(%v, %v) = false", err, sentinel)
	}
}

// wire calls a method on the wire (test setup) and returns the answer.
func (f *simFix) wire(method string, kv ...string) map[string]any {
	f.t.Helper()
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	var out map[string]any
	f.must(f.c.Call(f.ctx, method, v, &out))
	return out
}

// buy orders a US DID and returns it.
func (f *simFix) buy() string {
	f.t.Helper()
	for _, st := range []string{"FL", "TX", "NY", "CA", "IL", "OH"} {
		var out struct {
			DIDs []struct {
				DID string `json:"did"`
			} `json:"dids"`
		}
		if err := f.c.Call(f.ctx, "getDIDsUSA", url.Values{"state": {st}}, &out); err != nil || len(out.DIDs) == 0 {
			continue
		}
		did := out.DIDs[0].DID
		f.wire("orderDID", "did", did, "routing", "account:100001_VoIP", "pop", "3", "dialtime", "60", "cnam", "0", "billing_type", "1")
		return did
	}
	f.t.Fatal("no DID to buy")
	return ""
}

func (f *simFix) called(method string) {
	f.t.Helper()
	if f.srv.Calls(method) == 0 {
		f.t.Errorf("%s never reached the simulator", method)
	}
}

var simMethods = strings.Fields(`createSubAccount setSubAccount delSubAccount getRegistrationStatus getAllowedCodecs
getAuthTypes getDeviceTypes getDTMFModes getLockInternational getNAT getProtocols getRoutes getMusicOnHold
setMusicOnHold delMusicOnHold getLocations setLocation delLocation getReportEstimatedHoldTime getCountries
getLanguages getLocales getTimezones getPlayInstructions getRates getTerminationRates createVoicemail setVoicemail
delVoicemail getVoicemailFolders getVoicemailMessages getVoicemailMessageFile markListenedVoicemailMessage
markUrgentVoicemailMessage moveFolderVoicemailMessage sendVoicemailEmail delMessages getVoicemailTranscriptions
e911AddressTypes e911Validate e911Provision e911ProvisionManually e911Update e911Info e911Cancel getFaxStates
getFaxProvinces getFaxRateCentersUSA getFaxRateCentersCAN searchFaxAreaCodeUSA searchFaxAreaCodeCAN orderFaxNumber
cancelFaxNumber getFaxNumbersInfo getFaxNumbersPortability setFaxNumberInfo setFaxNumberEmail
setFaxNumberURLCallback connectFAX unconnectFAX getFaxFolders setFaxFolder delFaxFolder getFaxMessages
getFaxMessagePDF mailFaxMessagePDF moveFaxMessage deleteFaxMessage sendFaxMessage getEmailToFax setEmailToFax
delEmailToFax addLNPPort addLNPFile getLNPStatus getLNPNotes getLNPListStatus getLNPList getLNPDetails
getLNPAttachList getLNPAttach getConference setConference getConferenceMembers setConferenceMember
addMemberToConference delMemberFromConference getConferenceRecordings getConferenceRecordingFile getCallParking
setCallParking delCallParking getCallRecordings getCallRecording sendCallRecordingEmail delCallRecording
getCallTranscriptions getSequences setSequences getInvoice`)

func TestSimulatorConformance(t *testing.T) {
	ran := map[string]bool{}
	subWith := func(method string, opts []voipmstest.Option, fn func(f *simFix)) {
		ran[method] = true
		t.Run(method, func(t *testing.T) {
			f := newSimFix(t, opts...)
			fn(f)
			m, _, _ := strings.Cut(method, "/")
			f.called(m)
		})
	}
	sub := func(method string, fn func(f *simFix)) { subWith(method, nil, fn) }
	defer func() {
		for _, m := range simMethods {
			if !ran[m] {
				t.Errorf("no subtest for %s", m)
			}
		}
	}()

	newAccount := func(user string) *voipms.AccountCreateParams {
		return &voipms.AccountCreateParams{Username: user, Protocol: 1, AuthType: 1, Password: voipms.Ptr[voipms.Secret]("Desk-Phone42"),
			DeviceType: 2, LockInternational: true, InternationalRoute: 1, MusicOnHold: "jazz",
			AllowedCodecs: "ulaw;g729", DTMFMode: voipms.DTMFModeAuto, NAT: voipms.NATYes,
			Description: voipms.Ptr("Front desk")}
	}

	// --- Sub-accounts ---
	sub("createSubAccount", func(f *simFix) {
		n, err := f.c.Accounts.Create(f.ctx, newAccount("Desk"))
		f.must(err)
		f.eq("account", n.Account, "100001_Desk")
		a, err := f.c.Accounts.Get(f.ctx, "100001_Desk")
		f.must(err)
		f.eq("id", a.ID, n.ID)
		f.eq("music", a.MusicOnHold, "jazz")
		f.eq("codecs", a.AllowedCodecs, "ulaw;g729")
		f.eq("lock", a.LockInternational, true)
		f.eq("description", a.Description, "Front desk")
		f.eq("max_expiry default", a.MaxExpiry, 3600)
		_, err = f.c.Accounts.Create(f.ctx, newAccount("Desk"))
		f.status(err, voipms.ErrConflict, "used_username")
		p := newAccount("Weak")
		p.Password = voipms.Ptr[voipms.Secret]("abc")
		_, err = f.c.Accounts.Create(f.ctx, p)
		f.status(err, voipms.ErrInvalidParameter, "invalid_password")
	})
	sub("setSubAccount", func(f *simFix) {
		// Accounts.Update: read, change one setting, send the whole record.
		f.must(f.c.Accounts.Update(f.ctx, "100001_VoIP", func(p *voipms.AccountSetParams) error {
			p.MusicOnHold = "classical"
			p.InternalExtension = voipms.Ptr("101")
			return nil
		}))
		a, err := f.c.Accounts.Get(f.ctx, "100001_VoIP")
		f.must(err)
		f.eq("music", a.MusicOnHold, "classical")
		f.eq("extension", a.InternalExtension, "101")
		f.eq("kept description", a.Description, "Main desk phone")
		f.eq("kept codecs", a.AllowedCodecs, "ulaw;g729;gsm")
		f.eq("kept password", a.Password, "Secret-VoIP1")
		// Set is full replacement: a setting left out goes back to its default.
		f.must(f.c.Accounts.Set(f.ctx, &voipms.AccountSetParams{ID: int64(a.ID), AuthType: 1, DeviceType: 2,
			LockInternational: false, InternationalRoute: 1, MusicOnHold: "none", AllowedCodecs: "ulaw",
			DTMFMode: voipms.DTMFModeRFC2833, NAT: voipms.NATNo}))
		a, err = f.c.Accounts.Get(f.ctx, "100001_VoIP")
		f.must(err)
		f.eq("description reset", a.Description, "")
		f.eq("extension reset", a.InternalExtension, "")
		f.eq("dtmf", a.DTMFMode, voipms.DTMFModeRFC2833)
		err = f.c.Accounts.Set(f.ctx, &voipms.AccountSetParams{ID: 1, AuthType: 1, DeviceType: 2, InternationalRoute: 1,
			MusicOnHold: "none", AllowedCodecs: "ulaw", DTMFMode: voipms.DTMFModeAuto, NAT: voipms.NATNo})
		f.status(err, voipms.ErrInvalidParameter, "invalid_id")
		err = f.c.Accounts.Update(f.ctx, "100001_VoIP", func(p *voipms.AccountSetParams) error {
			p.AllowedCodecs = "ulaw;speex"
			return nil
		})
		f.status(err, voipms.ErrInvalidParameter, "invalid_allowedcodecs")
	})
	sub("delSubAccount", func(f *simFix) {
		n, err := f.c.Accounts.Create(f.ctx, newAccount("Temp"))
		f.must(err)
		f.must(f.c.Accounts.Delete(f.ctx, int64(n.ID)))
		_, err = f.c.Accounts.Get(f.ctx, "100001_Temp")
		if !errors.Is(err, voipms.ErrNotFound) {
			f.t.Errorf("get deleted: %v, want ErrNotFound", err)
		}
		f.status(f.c.Accounts.Delete(f.ctx, int64(n.ID)), voipms.ErrInvalidParameter, "invalid_id")
		// A sub-account a DID routes to cannot go.
		f.buy()
		f.status(f.c.Accounts.Delete(f.ctx, 99785), voipms.ErrConflict, "account_with_dids")
	})
	sub("getRegistrationStatus", func(f *simFix) {
		r, err := f.c.Accounts.GetRegistrationStatus(f.ctx, "100001_VoIP")
		f.must(err)
		f.eq("registered", r.Registered, true)
		if len(r.Registrations) != 1 || r.Registrations[0].Port != 5060 || r.Registrations[0].Transport != "UDP" {
			f.t.Errorf("registrations = %+v", r.Registrations)
		}
		r, err = f.c.Accounts.GetRegistrationStatus(f.ctx, "100001_Office")
		f.must(err)
		f.eq("office registered", r.Registered, false)
		_, err = f.c.Accounts.GetRegistrationStatus(f.ctx, "100001_Nobody")
		f.status(err, voipms.ErrInvalidParameter, "invalid_account")
	})
	catalogue := func(method string, list func(*simFix) ([]voipms.CatalogEntry, error), value, desc string, n int) {
		sub(method, func(f *simFix) {
			got, err := list(f)
			f.must(err)
			if len(got) != n {
				f.t.Errorf("%d entries, want %d: %v", len(got), n, got)
			}
			found := false
			for _, e := range got {
				if string(e.Value) == value {
					found = true
					f.eq(value, e.Description, desc)
				}
			}
			if !found {
				f.t.Errorf("no %s in %v", value, got)
			}
		})
	}
	catalogue("getAllowedCodecs", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.Accounts.ListAllowedCodecs(f.ctx) }, "ulaw", "G.711U", 5)
	catalogue("getAuthTypes", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.Accounts.ListAuthTypes(f.ctx) }, "2", "Static IP Authentication", 2)
	catalogue("getDeviceTypes", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.Accounts.ListDeviceTypes(f.ctx) }, "2", "IP Phone, ATA or Softphone", 2)
	catalogue("getDTMFModes", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.Accounts.ListDTMFModes(f.ctx) }, "inband", "INBAND", 4)
	catalogue("getLockInternational", func(f *simFix) ([]voipms.CatalogEntry, error) {
		return f.c.Accounts.ListLockInternationalModes(f.ctx)
	}, "1", "International Calls Disabled", 2)
	catalogue("getNAT", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.Accounts.ListNATModes(f.ctx) }, "route", "Route", 4)
	catalogue("getProtocols", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.Accounts.ListProtocols(f.ctx) }, "3", "IAX2", 3)
	catalogue("getRoutes", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.Accounts.ListRoutes(f.ctx) }, "2", "Premium", 2)
	catalogue("getReportEstimatedHoldTime", func(f *simFix) ([]voipms.CatalogEntry, error) {
		return f.c.Queues.ListEstimatedHoldTimeModes(f.ctx)
	}, "once", "Yes, only once", 3)
	catalogue("getCountries", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.General.ListCountries(f.ctx) }, "CA", "Canada", 50)
	catalogue("getLanguages", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.General.ListLanguages(f.ctx) }, "fr", "French", 3)
	catalogue("getLocales", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.General.ListLocales(f.ctx) }, "en-US", "English (United States)", 12)
	catalogue("getTimezones", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.Voicemail.ListTimezones(f.ctx) }, "America/Buenos_Aires", "America/Buenos Aires", 29)
	catalogue("getPlayInstructions", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.Voicemail.ListPlayInstructions(f.ctx) }, "su", "No", 2)
	catalogue("e911AddressTypes", func(f *simFix) ([]voipms.CatalogEntry, error) { return f.c.E911.ListAddressTypes(f.ctx) }, "Suite", "Suite", 14)
	// Catalogue error paths on the wire: an unknown filter value.
	sub("getCountries/filter", func(f *simFix) {
		err := f.c.Call(f.ctx, "getCountries", url.Values{"country": {"XX"}}, nil)
		f.status(err, voipms.ErrInvalidParameter, "invalid_country")
		err = f.c.Call(f.ctx, "getTimezones", url.Values{"timezone": {"Mars/Olympus"}}, nil)
		f.status(err, voipms.ErrInvalidParameter, "invalid_timezone")
	})

	sub("getMusicOnHold", func(f *simFix) {
		m, err := f.c.Accounts.ListMusicOnHold(f.ctx)
		f.must(err)
		f.eq("count", len(m), 6)
		f.eq("jazz", m[2].Value, "jazz")
		f.eq("custom", m[2].Custom, false)
	})
	sub("setMusicOnHold", func(f *simFix) {
		f.must(f.c.Accounts.SetMusicOnHold(f.ctx, &voipms.AccountSetMusicOnHoldParams{Name: voipms.Ptr("lobby"),
			Description: "Lobby loop", Recordings: "7567,7568", Sort: voipms.Ptr(voipms.RecordingSortAlpha)}))
		m, err := f.c.Accounts.ListMusicOnHold(f.ctx)
		f.must(err)
		last := m[len(m)-1]
		f.eq("value", last.Value, "lobby")
		f.eq("total", last.Total, 2)
		f.eq("custom", last.Custom, true)
		f.eq("sort", last.Sort, voipms.RecordingSortAlpha)
		// A sub-account can use it.
		f.must(f.c.Accounts.Update(f.ctx, "100001_Office", func(p *voipms.AccountSetParams) error {
			p.MusicOnHold = "lobby"
			return nil
		}))
		err = f.c.Accounts.SetMusicOnHold(f.ctx, &voipms.AccountSetMusicOnHoldParams{Name: voipms.Ptr("x"), Description: "X", Recordings: "1"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_recording")
	})
	sub("delMusicOnHold", func(f *simFix) {
		f.must(f.c.Accounts.SetMusicOnHold(f.ctx, &voipms.AccountSetMusicOnHoldParams{Name: voipms.Ptr("lobby"), Description: "L", Recordings: "7567"}))
		f.must(f.c.Accounts.DeleteMusicOnHold(f.ctx, "lobby"))
		f.status(f.c.Accounts.DeleteMusicOnHold(f.ctx, "lobby"), voipms.ErrInvalidParameter, "invalid_musiconhold")
		f.status(f.c.Accounts.DeleteMusicOnHold(f.ctx, "jazz"), voipms.ErrInvalidParameter, "invalid_musiconhold")
	})
	sub("getLocations", func(f *simFix) {
		l, err := f.c.Accounts.ListLocations(f.ctx)
		f.must(err)
		f.eq("locations", l, []string{"Reachable by everyone"})
	})
	sub("setLocation", func(f *simFix) {
		f.must(f.c.Accounts.SetLocation(f.ctx, "Warehouse"))
		l, err := f.c.Accounts.ListLocations(f.ctx)
		f.must(err)
		f.eq("locations", l, []string{"Reachable by everyone", "Warehouse"})
		f.status(f.c.Accounts.SetLocation(f.ctx, "warehouse"), voipms.ErrConflict, "location_already_exists")
	})
	sub("delLocation", func(f *simFix) {
		f.must(f.c.Accounts.SetLocation(f.ctx, "Warehouse"))
		f.status(f.c.Accounts.DeleteLocation(f.ctx, "1", "Office"), voipms.ErrNotFound, "location_not_found")
		f.must(f.c.Accounts.DeleteLocation(f.ctx, "1", "Warehouse"))
		l, err := f.c.Accounts.ListLocations(f.ctx)
		f.must(err)
		f.eq("locations", len(l), 1)
	})

	// --- Rates ---
	sub("getRates", func(f *simFix) {
		r, err := f.c.CDR.ListRates(f.ctx, 92364, "Quebec")
		f.must(err)
		if len(r) != 1 {
			f.t.Fatalf("rates = %v", r)
		}
		// Package 92364: 50% and 0.01 markup on 0.0052, 60 s pulse.
		f.eq("client rate", r[0].ClientRate, "0.0178")
		f.eq("client increment", r[0].ClientIncrement, 60)
		f.eq("real rate", r[0].RealRate, "0.0052")
		_, err = f.c.CDR.ListRates(f.ctx, 1, "Canada")
		f.status(err, voipms.ErrInvalidParameter, "invalid_package")
	})
	sub("getTerminationRates", func(f *simFix) {
		r, err := f.c.CDR.GetTerminationRates(f.ctx, 2, "United Kingdom")
		f.must(err)
		f.eq("route", r.Route[0].Description, "Premium")
		f.eq("rates", len(r.Rates), 2)
		f.eq("rate", r.Rates[0].Rate, "0.02")
		_, err = f.c.CDR.GetTerminationRates(f.ctx, 7, "Canada")
		f.status(err, voipms.ErrInvalidParameter, "invalid_internationalroute")
	})

	// --- Voicemail ---
	newBox := func(digits string) *voipms.VoicemailCreateParams {
		return &voipms.VoicemailCreateParams{Digits: digits, Name: "Sales", Password: "4321", SkipPassword: false,
			AttachMessage: true, DeleteMessage: false, SayTime: true, Timezone: "America/Toronto", SayCallerID: true,
			PlayInstructions: voipms.PlayInstructionsUnread, Language: "fr", Email: voipms.Ptr("sales@example.com")}
	}
	sub("createVoicemail", func(f *simFix) {
		f.must(f.c.Voicemail.Create(f.ctx, newBox("202")))
		v, err := f.c.Voicemail.Get(f.ctx, "202")
		f.must(err)
		f.eq("name", v.Name, "Sales")
		f.eq("language", v.Language, "fr")
		f.eq("timezone", v.Timezone, "America/Toronto")
		f.eq("attach", v.AttachMessage, true)
		f.eq("format", v.EmailAttachmentFormat, voipms.EmailAttachmentFormatWav49)
		f.status(f.c.Voicemail.Create(f.ctx, newBox("202")), voipms.ErrConflict, "used_number")
		p := newBox("203")
		p.Timezone = "Mars/Olympus"
		f.status(f.c.Voicemail.Create(f.ctx, p), voipms.ErrInvalidParameter, "invalid_timezone")
	})
	sub("setVoicemail", func(f *simFix) {
		f.must(f.c.Voicemail.Update(f.ctx, "101", func(p *voipms.VoicemailSetParams) error {
			p.Name = "Reception"
			p.Password = "9876"
			p.EmailAttachmentFormat = voipms.Ptr(voipms.EmailAttachmentFormatWav)
			return nil
		}))
		v, err := f.c.Voicemail.Get(f.ctx, "101")
		f.must(err)
		f.eq("name", v.Name, "Reception")
		f.eq("kept email", v.Email, "voicemail@example.com")
		f.eq("format", v.EmailAttachmentFormat, voipms.EmailAttachmentFormatWav)
		f.eq("kept timezone", v.Timezone, "America/New_York")
		f.eq("new messages", v.NewMessages, 2)
		f.eq("urgent messages", v.UrgentMessages, 1)
		err = f.c.Voicemail.Update(f.ctx, "101", func(p *voipms.VoicemailSetParams) error {
			p.PlayInstructions = "x"
			return nil
		})
		var ve *voipms.ValidationError
		if !errors.As(err, &ve) {
			// Without client-side validation the simulator answers.
			f.status(err, voipms.ErrInvalidParameter, "invalid_playinstructions")
		}
		// Set is full replacement: the e-mail left out is cleared.
		f.must(f.c.Voicemail.Set(f.ctx, &voipms.VoicemailSetParams{Mailbox: "101", Name: "Reception", Password: "9876",
			AttachMessage: true, SayTime: true, Timezone: "UTC", SayCallerID: true, PlayInstructions: voipms.PlayInstructionsUnread, Language: "en"}))
		v, err = f.c.Voicemail.Get(f.ctx, "101")
		f.must(err)
		f.eq("email cleared", v.Email, "")
		f.eq("format back to default", v.EmailAttachmentFormat, voipms.EmailAttachmentFormatWav49)
		err = f.c.Voicemail.Set(f.ctx, &voipms.VoicemailSetParams{Mailbox: "555", Name: "X", Password: "1234",
			Timezone: "UTC", PlayInstructions: voipms.PlayInstructionsUnread, Language: "en"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_mailbox")
	})
	sub("delVoicemail", func(f *simFix) {
		f.must(f.c.Voicemail.Create(f.ctx, newBox("202")))
		f.must(f.c.Voicemail.Delete(f.ctx, "202"))
		_, err := f.c.Voicemail.Get(f.ctx, "202")
		if !errors.Is(err, voipms.ErrNotFound) {
			f.t.Errorf("get deleted: %v", err)
		}
		f.status(f.c.Voicemail.Delete(f.ctx, "202"), voipms.ErrInvalidParameter, "invalid_mailbox")
	})
	sub("getVoicemailFolders", func(f *simFix) {
		l, err := f.c.Voicemail.ListFolders(f.ctx, &voipms.VoicemailListFoldersParams{Mailbox: voipms.Ptr("101")})
		f.must(err)
		f.eq("folders", len(l), 6)
		f.eq("first", l[0].Value, "INBOX")
		_, err = f.c.Voicemail.ListFolders(f.ctx, &voipms.VoicemailListFoldersParams{Mailbox: voipms.Ptr("999")})
		f.status(err, voipms.ErrInvalidParameter, "invalid_mailbox")
	})
	sub("getVoicemailMessages", func(f *simFix) {
		m, err := f.c.Voicemail.ListMessages(f.ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101"})
		f.must(err)
		f.eq("messages", len(m), 3)
		f.eq("first caller", m[0].CallerID, "John Doe <5551234567>")
		f.eq("first date", m[0].Date.Format("2006-01-02 15:04:05"), "2025-06-10 07:30:00")
		m, err = f.c.Voicemail.ListMessages(f.ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101", Folder: voipms.Ptr("Urgent")})
		f.must(err)
		f.eq("urgent", len(m), 1)
		f.eq("urgent flag", m[0].Urgent, true)
		m, err = f.c.Voicemail.ListMessages(f.ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101", Folder: voipms.Ptr("Work")})
		f.must(err)
		f.eq("work (no_messages is empty)", len(m), 0)
		_, err = f.c.Voicemail.ListMessages(f.ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101", Folder: voipms.Ptr("Spam")})
		f.status(err, voipms.ErrInvalidParameter, "invalid_folder")
	})
	sub("getVoicemailMessageFile", func(f *simFix) {
		m, err := f.c.Voicemail.GetMessageFile(f.ctx, "101", "INBOX", 1)
		f.must(err)
		f.eq("number", m.Number, 1)
		if b, err := base64.StdEncoding.DecodeString(string(m.Data)); err != nil || !strings.HasPrefix(string(b), "RIFF") {
			f.t.Errorf("data is not a WAV: %q", m.Data)
		}
		_, err = f.c.Voicemail.GetMessageFile(f.ctx, "101", "INBOX", 9)
		if !errors.Is(err, voipms.ErrNotFound) {
			f.t.Errorf("unknown message: %v, want ErrNotFound", err)
		}
	})
	sub("markListenedVoicemailMessage", func(f *simFix) {
		f.must(f.c.Voicemail.MarkListened(f.ctx, &voipms.VoicemailMarkListenedParams{Mailbox: "101", Folder: "INBOX", MessageNum: 1, Listened: true}))
		m, err := f.c.Voicemail.ListMessages(f.ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101", Folder: voipms.Ptr("Old")})
		f.must(err)
		f.eq("old", len(m), 2)
		v, err := f.c.Voicemail.Get(f.ctx, "101")
		f.must(err)
		f.eq("new", v.NewMessages, 1)
		err = f.c.Voicemail.MarkListened(f.ctx, &voipms.VoicemailMarkListenedParams{Mailbox: "101", Folder: "INBOX", MessageNum: 1, Listened: true})
		f.status(err, voipms.ErrNotFound, "message_not_found")
	})
	sub("markUrgentVoicemailMessage", func(f *simFix) {
		f.must(f.c.Voicemail.MarkUrgent(f.ctx, &voipms.VoicemailMarkUrgentParams{Mailbox: "101", Folder: "Urgent", MessageNum: 2, Urgent: false}))
		m, err := f.c.Voicemail.ListMessages(f.ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101", Folder: voipms.Ptr("INBOX")})
		f.must(err)
		f.eq("inbox", len(m), 2)
		err = f.c.Voicemail.MarkUrgent(f.ctx, &voipms.VoicemailMarkUrgentParams{Mailbox: "777", Folder: "INBOX", MessageNum: 1, Urgent: true})
		f.status(err, voipms.ErrInvalidParameter, "invalid_mailbox")
	})
	sub("moveFolderVoicemailMessage", func(f *simFix) {
		f.must(f.c.Voicemail.MoveMessage(f.ctx, &voipms.VoicemailMoveMessageParams{Mailbox: "101", Folder: "INBOX", MessageNum: 1, NewFolder: "Work"}))
		m, err := f.c.Voicemail.ListMessages(f.ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101", Folder: voipms.Ptr("Work")})
		f.must(err)
		f.eq("work", len(m), 1)
		f.eq("number kept", m[0].Number, 1)
		err = f.c.Voicemail.MoveMessage(f.ctx, &voipms.VoicemailMoveMessageParams{Mailbox: "101", Folder: "Work", MessageNum: 1, NewFolder: "Spam"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_destination_folder")
	})
	sub("sendVoicemailEmail", func(f *simFix) {
		f.must(f.c.Voicemail.SendMessageEmail(f.ctx, &voipms.VoicemailSendMessageEmailParams{Mailbox: "101", Folder: "INBOX", MessageNum: 1, EmailAddress: "me@example.com"}))
		err := f.c.Voicemail.SendMessageEmail(f.ctx, &voipms.VoicemailSendMessageEmailParams{Mailbox: "101", Folder: "INBOX", MessageNum: 1, EmailAddress: "not-an-address"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_email")
	})
	sub("delMessages", func(f *simFix) {
		f.must(f.c.Voicemail.DeleteMessages(f.ctx, &voipms.VoicemailDeleteMessagesParams{Mailbox: "101", Folder: voipms.Ptr("Old"), MessageNum: voipms.Ptr(int64(3))}))
		m, err := f.c.Voicemail.ListMessages(f.ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101"})
		f.must(err)
		f.eq("left", len(m), 2)
		f.must(f.c.Voicemail.DeleteMessages(f.ctx, &voipms.VoicemailDeleteMessagesParams{Mailbox: "101"}))
		m, err = f.c.Voicemail.ListMessages(f.ctx, &voipms.VoicemailListMessagesParams{Mailbox: "101"})
		f.must(err)
		f.eq("all gone", len(m), 0)
		err = f.c.Voicemail.DeleteMessages(f.ctx, &voipms.VoicemailDeleteMessagesParams{Mailbox: "101", Folder: voipms.Ptr("INBOX")})
		f.status(err, voipms.ErrInvalidParameter, "missing_message_num")
	})
	sub("getVoicemailTranscriptions", func(f *simFix) {
		tr, err := f.c.Voicemail.ListTranscriptions(f.ctx, &voipms.VoicemailListTranscriptionsParams{Mailbox: "1001", Folder: "INBOX",
			DateFrom: day(2025, 6, 1), DateTo: day(2025, 6, 10)})
		f.must(err)
		f.eq("count", len(tr), 1)
		f.eq("result", tr[0].Result, "translation example")
		_, err = f.c.Voicemail.ListTranscriptions(f.ctx, &voipms.VoicemailListTranscriptionsParams{Mailbox: "1001", Folder: "INBOX",
			DateFrom: day(2025, 6, 10), DateTo: day(2025, 6, 1)})
		if err == nil {
			f.t.Error("reversed range accepted")
		}
	})

	// --- e911 ---
	address := func(did string) voipms.E911ProvisionParams {
		return voipms.E911ProvisionParams{DID: did, FullName: "Jane Roe", StreetNumber: "23", StreetName: "W Broad St",
			City: "Richmond", State: "VA", Country: "US", ZipCode: "23220", Language: "EN", Email: "jane@example.com"}
	}
	sub("e911Validate", func(f *simFix) {
		did := f.buy()
		v := func(a voipms.E911ProvisionParams) *voipms.E911ValidateParams {
			return &voipms.E911ValidateParams{DID: a.DID, FullName: a.FullName, StreetNumber: a.StreetNumber, StreetName: a.StreetName,
				City: a.City, State: a.State, Country: a.Country, ZipCode: a.ZipCode, Language: &a.Language, Email: a.Email}
		}
		a := address(did)
		f.must(f.c.E911.Validate(f.ctx, v(a)))
		a.ZipCode = "2322"
		f.status(f.c.E911.Validate(f.ctx, v(a)), voipms.ErrInvalidParameter, "invalid_zip")
		a = address(did)
		a.State = "QC"
		f.status(f.c.E911.Validate(f.ctx, v(a)), voipms.ErrInvalidParameter, "invalid_state")
		_, err := f.c.E911.Get(f.ctx, did)
		if err == nil {
			f.t.Error("validate provisioned the DID")
		}
	})
	sub("e911Provision", func(f *simFix) {
		did := f.buy()
		before := f.srv.AccountBalance()
		a := address(did)
		f.must(f.c.E911.Provision(f.ctx, &a))
		info, err := f.c.E911.Get(f.ctx, did)
		f.must(err)
		f.eq("status", info.Status, "1")
		f.eq("street", info.StreetName, "W BROAD ST")
		f.eq("zip", info.ZipCode, "23220")
		d, _ := f.srv.OwnedDID(did)
		f.eq("did e911 flag", d.Fields["e911"], "1")
		f.eq("fee", decimalSub(before, f.srv.AccountBalance()), "1.5")
		f.status(f.c.E911.Provision(f.ctx, &a), voipms.ErrConflict, "did_in_use")
		a.DID = "5555550000"
		f.status(f.c.E911.Provision(f.ctx, &a), voipms.ErrInvalidParameter, "invalid_did")
	})
	sub("e911ProvisionManually", func(f *simFix) {
		did := f.buy()
		a := address(did)
		f.must(f.c.E911.ProvisionManually(f.ctx, (*voipms.E911ProvisionManuallyParams)(&a)))
		info, err := f.c.E911.Get(f.ctx, did)
		f.must(err)
		f.eq("pending", info.Status, "2")
		u := voipms.E911UpdateParams(a)
		f.status(f.c.E911.Update(f.ctx, &u), voipms.ErrConflict, "e911_pending")
	})
	sub("e911Update", func(f *simFix) {
		did := f.buy()
		a := address(did)
		f.must(f.c.E911.Provision(f.ctx, &a))
		u := voipms.E911UpdateParams(a)
		u.StreetNumber, u.City = "401", "Norfolk"
		f.must(f.c.E911.Update(f.ctx, &u))
		info, err := f.c.E911.Get(f.ctx, did)
		f.must(err)
		f.eq("city", info.City, "NORFOLK")
		f.eq("number", info.StreetNumber, "401")
		u.Email = "bad"
		f.status(f.c.E911.Update(f.ctx, &u), voipms.ErrInvalidParameter, "invalid_email")
	})
	sub("e911Info", func(f *simFix) {
		did := f.buy()
		_, err := f.c.E911.Get(f.ctx, did)
		var ae *voipms.APIError
		if !errors.As(err, &ae) || ae.Status != "e911_disabled" {
			f.t.Errorf("no e911: err = %v, want e911_disabled", err)
		}
		a := address(did)
		f.must(f.c.E911.Provision(f.ctx, &a))
		info, err := f.c.E911.Get(f.ctx, did)
		f.must(err)
		f.eq("did", info.DID, did)
		f.eq("email", info.Email, "jane@example.com")
	})
	sub("e911Cancel", func(f *simFix) {
		did := f.buy()
		a := address(did)
		f.must(f.c.E911.Provision(f.ctx, &a))
		f.must(f.c.E911.Cancel(f.ctx, did))
		d, _ := f.srv.OwnedDID(did)
		f.eq("did e911 flag", d.Fields["e911"], "0")
		f.status(f.c.E911.Cancel(f.ctx, did), nil, "e911_disabled")
	})

	// --- Fax ---
	faxLocation := func(f *simFix) voipms.FaxRateCenter {
		f.t.Helper()
		for _, st := range []string{"FL", "TX", "NY", "CA"} {
			rc, err := f.c.Fax.ListRateCentersUSA(f.ctx, st)
			f.must(err)
			for _, r := range rc {
				if r.Available {
					return r
				}
			}
		}
		f.t.Fatal("no fax location")
		return voipms.FaxRateCenter{}
	}
	orderFax := func(f *simFix) string {
		f.t.Helper()
		o, err := f.c.Fax.Order(f.ctx, &voipms.FaxOrderParams{Location: int64(faxLocation(f).Location), Quantity: 1})
		f.must(err)
		return string(o.DIDs[0])
	}
	faxID := func(f *simFix, did string) int64 {
		f.t.Helper()
		n, err := f.c.Fax.ListNumbers(f.ctx, &voipms.FaxListNumbersParams{DID: &did})
		f.must(err)
		var id int64
		fmt.Sscan(string(n[0].ID), &id)
		return id
	}
	sub("getFaxStates", func(f *simFix) {
		s, err := f.c.Fax.ListStates(f.ctx)
		f.must(err)
		f.eq("first", s[0].State, "AL")
		f.eq("name", s[0].Name, "Alabama")
		f.eq("country", s[0].CountryCode, "USA")
		f.status(f.c.Call(f.ctx, "getFaxStates", url.Values{"state": {"ZZ"}}, nil), voipms.ErrInvalidParameter, "invalid_state")
	})
	sub("getFaxProvinces", func(f *simFix) {
		p, err := f.c.Fax.ListProvinces(f.ctx)
		f.must(err)
		f.eq("count", len(p), 13)
		f.eq("country", p[0].CountryCode, "CAN")
		f.status(f.c.Call(f.ctx, "getFaxProvinces", url.Values{"province": {"ZZ"}}, nil), voipms.ErrInvalidParameter, "invalid_province")
	})
	sub("getFaxRateCentersUSA", func(f *simFix) {
		l := faxLocation(f)
		if l.Location < 1196 || len(l.AreaCode) != 3 || l.Name == "" {
			f.t.Errorf("location = %+v", l)
		}
		_, err := f.c.Fax.ListRateCentersUSA(f.ctx, "ZZ")
		f.status(err, voipms.ErrInvalidParameter, "invalid_state")
	})
	sub("getFaxRateCentersCAN", func(f *simFix) {
		rc, err := f.c.Fax.ListRateCentersCAN(f.ctx, "QC")
		f.must(err)
		if len(rc) == 0 || rc[0].Name == "" {
			f.t.Errorf("QC = %v", rc)
		}
		_, err = f.c.Fax.ListRateCentersCAN(f.ctx, "TX")
		f.status(err, voipms.ErrInvalidParameter, "invalid_province")
	})
	sub("searchFaxAreaCodeUSA", func(f *simFix) {
		l := faxLocation(f)
		rc, err := f.c.Fax.SearchAreaCodeUSA(f.ctx, string(l.AreaCode))
		f.must(err)
		if len(rc) == 0 || rc[0].AreaCode != l.AreaCode {
			f.t.Errorf("search %s = %v", l.AreaCode, rc)
		}
		rc, err = f.c.Fax.SearchAreaCodeUSA(f.ctx, "999")
		f.must(err)
		f.eq("no match (success without the list)", len(rc), 0)
		_, err = f.c.Fax.SearchAreaCodeUSA(f.ctx, "12")
		if err == nil {
			f.t.Error("2-digit area code accepted")
		}
	})
	sub("searchFaxAreaCodeCAN", func(f *simFix) {
		rc, err := f.c.Fax.ListRateCentersCAN(f.ctx, "ON")
		f.must(err)
		got, err := f.c.Fax.SearchAreaCodeCAN(f.ctx, string(rc[0].AreaCode))
		f.must(err)
		f.eq("ratecenter", got[0].Name, rc[0].Name)
		f.status(f.c.Call(f.ctx, "searchFaxAreaCodeCAN", url.Values{"area_code": {"5x4"}}, nil), voipms.ErrInvalidParameter, "invalid_area_code")
	})
	sub("orderFaxNumber", func(f *simFix) {
		l := faxLocation(f)
		before := f.srv.AccountBalance()
		r, err := f.c.Fax.Order(f.ctx, &voipms.FaxOrderParams{Location: int64(l.Location), Quantity: 2, DryRun: true})
		f.must(err)
		f.eq("dry run", r.DryRun, true)
		f.eq("balance after dry run", f.srv.AccountBalance(), before)
		o, err := f.c.Fax.Order(f.ctx, &voipms.FaxOrderParams{Location: int64(l.Location), Quantity: 2, Email: voipms.Ptr("fax@example.com"), EmailEnable: voipms.Ptr(true)})
		f.must(err)
		f.eq("numbers", len(o.DIDs), 2)
		f.eq("area code", string(o.DIDs[0])[:3], l.AreaCode)
		f.eq("fees", decimalSub(before, f.srv.AccountBalance()), "5.9")
		_, err = f.c.Fax.Order(f.ctx, &voipms.FaxOrderParams{Location: int64(l.Location), Quantity: 2})
		f.status(err, voipms.ErrUnavailable, "unsifficient_stock")
		_, err = f.c.Fax.Order(f.ctx, &voipms.FaxOrderParams{Location: 1, Quantity: 1})
		f.status(err, voipms.ErrInvalidParameter, "invalid_location")
	})
	subWith("orderFaxNumber/non_sufficient_funds", []voipmstest.Option{voipmstest.WithAccountBalance("1.00")}, func(f *simFix) {
		_, err := f.c.Fax.Order(f.ctx, &voipms.FaxOrderParams{Location: int64(faxLocation(f).Location), Quantity: 1})
		f.status(err, voipms.ErrInsufficientFunds, "non_sufficient_funds")
		n, err := f.c.Fax.ListNumbers(f.ctx, nil)
		f.must(err)
		f.eq("nothing bought", len(n), 0)
		f.eq("balance", f.srv.AccountBalance(), "1.00")
	})
	sub("cancelFaxNumber", func(f *simFix) {
		did := orderFax(f)
		id := faxID(f, did)
		_, err := f.c.Fax.Cancel(f.ctx, &voipms.FaxCancelParams{ID: id, DryRun: true})
		f.must(err)
		_, err = f.c.Fax.Cancel(f.ctx, &voipms.FaxCancelParams{ID: id})
		f.must(err)
		n, err := f.c.Fax.ListNumbers(f.ctx, nil)
		f.must(err)
		f.eq("left", len(n), 0)
		_, err = f.c.Fax.Cancel(f.ctx, &voipms.FaxCancelParams{ID: id})
		f.status(err, voipms.ErrInvalidParameter, "invalid_id")
	})
	sub("getFaxNumbersInfo", func(f *simFix) {
		did := orderFax(f)
		n, err := f.c.Fax.ListNumbers(f.ctx, nil)
		f.must(err)
		f.eq("count", len(n), 1)
		f.eq("dotted did", n[0].DID, did[:3]+"."+did[3:6]+"."+did[6:])
		f.eq("country", n[0].Country, "United States")
		_, err = f.c.Fax.ListNumbers(f.ctx, &voipms.FaxListNumbersParams{DID: voipms.Ptr("12")})
		if err == nil {
			f.t.Error("malformed did accepted")
		}
	})
	sub("getFaxNumbersPortability", func(f *simFix) {
		ok, err := f.c.Fax.GetPortability(f.ctx, "4165550199")
		f.must(err)
		f.eq("portable", ok, true)
		did := orderFax(f)
		ok, err = f.c.Fax.GetPortability(f.ctx, did)
		f.must(err)
		f.eq("own number portable", ok, false)
		f.status(f.c.Call(f.ctx, "getFaxNumbersPortability", url.Values{"did": {"123"}}, nil), voipms.ErrInvalidParameter, "invalid_did")
	})
	sub("setFaxNumberInfo", func(f *simFix) {
		did := orderFax(f)
		_, err := f.c.Fax.SetNumberInfo(f.ctx, &voipms.FaxSetNumberInfoParams{DID: did, Email: voipms.Ptr("a@example.com"),
			EmailEnable: voipms.Ptr(true), URLCallback: voipms.Ptr("https://example.com/fax"), URLCallbackEnable: voipms.Ptr(true),
			Note: voipms.Ptr("front office")})
		f.must(err)
		n, err := f.c.Fax.ListNumbers(f.ctx, &voipms.FaxListNumbersParams{DID: &did})
		f.must(err)
		f.eq("email", n[0].Email, "a@example.com")
		f.eq("url enabled", n[0].URLEnabled, true)
		f.eq("note", n[0].Note, "front office")
		_, err = f.c.Fax.SetNumberInfo(f.ctx, &voipms.FaxSetNumberInfoParams{DID: did, Note: voipms.Ptr(strings.Repeat("n", 60))})
		f.status(err, voipms.ErrInvalidParameter, "note_toolong")
	})
	sub("setFaxNumberEmail", func(f *simFix) {
		did := orderFax(f)
		_, err := f.c.Fax.SetNumberEmail(f.ctx, &voipms.FaxSetNumberEmailParams{DID: did, Email: voipms.Ptr("b@example.com"), EmailEnable: voipms.Ptr(true), EmailAttachFile: voipms.Ptr(true)})
		f.must(err)
		n, err := f.c.Fax.ListNumbers(f.ctx, &voipms.FaxListNumbersParams{DID: &did})
		f.must(err)
		f.eq("attach", n[0].AttachFile, true)
		_, err = f.c.Fax.SetNumberEmail(f.ctx, &voipms.FaxSetNumberEmailParams{DID: did, EmailEnable: voipms.Ptr(true)})
		f.status(err, voipms.ErrInvalidParameter, "missing_email")
	})
	sub("setFaxNumberURLCallback", func(f *simFix) {
		did := orderFax(f)
		_, err := f.c.Fax.SetNumberURLCallback(f.ctx, &voipms.FaxSetNumberURLCallbackParams{DID: did, URLCallback: voipms.Ptr("https://example.com/in"), URLCallbackEnable: voipms.Ptr(true), URLCallbackRetry: voipms.Ptr(true)})
		f.must(err)
		n, err := f.c.Fax.ListNumbers(f.ctx, &voipms.FaxListNumbersParams{DID: &did})
		f.must(err)
		f.eq("url", n[0].URL, "https://example.com/in")
		f.eq("retry", n[0].Retry, true)
		_, err = f.c.Fax.SetNumberURLCallback(f.ctx, &voipms.FaxSetNumberURLCallbackParams{DID: "5555550000"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_did")
	})
	sub("connectFAX", func(f *simFix) {
		did := orderFax(f)
		f.must(f.c.Fax.Connect(f.ctx, &voipms.FaxConnectParams{DID: did, Account: "100001_Acme", Monthly: decimal.RequireFromString("3.5"),
			Setup: decimal.RequireFromString("1.99"), Minute: decimal.RequireFromString("0.03")}))
		n, err := f.c.Fax.ListNumbers(f.ctx, &voipms.FaxListNumbersParams{DID: &did})
		f.must(err)
		f.eq("reseller account", n[0].ResellerAccount, "100001_Acme")
		f.eq("monthly", n[0].ResellerMonthly, "3.5")
		err = f.c.Fax.Connect(f.ctx, &voipms.FaxConnectParams{DID: did, Account: "100001_VoIP", Monthly: decimal.RequireFromString("1"),
			Setup: decimal.RequireFromString("1"), Minute: decimal.RequireFromString("0.01")})
		f.status(err, voipms.ErrInvalidParameter, "invalid_account")
	})
	sub("unconnectFAX", func(f *simFix) {
		did := orderFax(f)
		f.must(f.c.Fax.Connect(f.ctx, &voipms.FaxConnectParams{DID: did, Account: "100001_Acme", Monthly: decimal.RequireFromString("3.5"),
			Setup: decimal.RequireFromString("0"), Minute: decimal.RequireFromString("0.03")}))
		f.must(f.c.Fax.Unconnect(f.ctx, did))
		n, err := f.c.Fax.ListNumbers(f.ctx, &voipms.FaxListNumbersParams{DID: &did})
		f.must(err)
		f.eq("reseller account", n[0].ResellerAccount, "0")
		f.status(f.c.Fax.Unconnect(f.ctx, "5555550000"), voipms.ErrInvalidParameter, "invalid_did")
	})
	sub("getFaxFolders", func(f *simFix) {
		l, err := f.c.Fax.ListFolders(f.ctx)
		f.must(err)
		f.eq("folders", fmt.Sprint(l[0].Name)+" "+fmt.Sprint(l[1].Name), "INBOX SENT")
		f.status(f.c.Call(f.ctx, "getFaxFolders", url.Values{"id": {"99"}}, nil), voipms.ErrNotFound, "no_folder")
	})
	sub("setFaxFolder", func(f *simFix) {
		_, err := f.c.Fax.SetFolder(f.ctx, &voipms.FaxSetFolderParams{Name: "family"})
		f.must(err)
		l, err := f.c.Fax.ListFolders(f.ctx)
		f.must(err)
		f.eq("new folder", l[2].Name, "FAMILY")
		_, err = f.c.Fax.SetFolder(f.ctx, &voipms.FaxSetFolderParams{ID: voipms.Ptr(int64(3)), Name: "Work"})
		f.must(err)
		_, err = f.c.Fax.SetFolder(f.ctx, &voipms.FaxSetFolderParams{Name: "WORK"})
		f.status(err, voipms.ErrConflict, "duplicated_name")
		_, err = f.c.Fax.SetFolder(f.ctx, &voipms.FaxSetFolderParams{ID: voipms.Ptr(int64(1)), Name: "Renamed"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_folder_id")
	})
	sub("delFaxFolder", func(f *simFix) {
		_, err := f.c.Fax.SetFolder(f.ctx, &voipms.FaxSetFolderParams{Name: "tmp"})
		f.must(err)
		_, err = f.c.Fax.DeleteFolder(f.ctx, &voipms.FaxDeleteFolderParams{ID: 3})
		f.must(err)
		l, err := f.c.Fax.ListFolders(f.ctx)
		f.must(err)
		f.eq("folders", len(l), 2)
		_, err = f.c.Fax.DeleteFolder(f.ctx, &voipms.FaxDeleteFolderParams{ID: 1})
		f.status(err, voipms.ErrInvalidParameter, "invalid_folder_id")
	})
	pdf := base64.StdEncoding.EncodeToString([]byte("%PDF-1.4 a fax"))
	sendFax := func(f *simFix) (from, to string) {
		f.t.Helper()
		from, to = orderFax(f), orderFax(f)
		_, err := f.c.Fax.Send(f.ctx, &voipms.FaxSendParams{ToNumber: to, FromName: "Acme", FromNumber: from, File: pdf, StationID: voipms.Ptr("FRONT")})
		f.must(err)
		return from, to
	}
	faxMessages := func(f *simFix, folder string) []voipms.FaxMessage {
		f.t.Helper()
		m, err := f.c.Fax.ListMessages(f.ctx, &voipms.FaxListMessagesParams{Folder: voipms.Ptr(folder)})
		f.must(err)
		return m
	}
	sub("sendFaxMessage", func(f *simFix) {
		from, to := sendFax(f)
		sent := faxMessages(f, "SENT")
		f.eq("sent", len(sent), 1)
		f.eq("destination", sent[0].Destination, to)
		f.eq("station", sent[0].StationID, "FRONT")
		in := faxMessages(f, "INBOX")
		f.eq("received", len(in), 1)
		f.eq("caller", in[0].CallerID, "Acme <"+from+">")
		_, err := f.c.Fax.Send(f.ctx, &voipms.FaxSendParams{ToNumber: to, FromName: "Acme", FromNumber: "5555550000", File: pdf})
		f.status(err, voipms.ErrInvalidParameter, "invalid_from_number")
		_, err = f.c.Fax.Send(f.ctx, &voipms.FaxSendParams{ToNumber: to, FromName: "Acme", FromNumber: from, File: "%%%"})
		f.status(err, voipms.ErrInvalidParameter, "no_base64file")
	})
	sub("getFaxMessages", func(f *simFix) {
		sendFax(f)
		all, err := f.c.Fax.ListMessages(f.ctx, nil)
		f.must(err)
		f.eq("today", len(all), 2)
		f.eq("date", all[0].Date.Format("2006-01-02"), "2025-06-10")
		f.eq("pages", all[0].Pages, 1)
		old, err := f.c.Fax.ListMessages(f.ctx, &voipms.FaxListMessagesParams{From: voipms.Ptr(day(2025, 6, 1)), To: voipms.Ptr(day(2025, 6, 9))})
		f.must(err)
		f.eq("before today (no_message is empty)", len(old), 0)
		_, err = f.c.Fax.ListMessages(f.ctx, &voipms.FaxListMessagesParams{Folder: voipms.Ptr("NOPE")})
		f.status(err, voipms.ErrInvalidParameter, "invalid_folder")
	})
	sub("getFaxMessagePDF", func(f *simFix) {
		sendFax(f)
		id := faxMessages(f, "SENT")[0].ID
		var n int64
		fmt.Sscan(string(id), &n)
		b64, err := f.c.Fax.GetMessagePDF(f.ctx, n)
		f.must(err)
		f.eq("pdf", b64, pdf)
		_, err = f.c.Fax.GetMessagePDF(f.ctx, 1)
		f.status(err, voipms.ErrInvalidParameter, "invalid_fax_id")
	})
	sub("mailFaxMessagePDF", func(f *simFix) {
		sendFax(f)
		var n int64
		fmt.Sscan(string(faxMessages(f, "SENT")[0].ID), &n)
		f.must(f.c.Fax.MailMessagePDF(f.ctx, n, "me@example.com"))
		f.status(f.c.Fax.MailMessagePDF(f.ctx, n, "nobody"), voipms.ErrInvalidParameter, "invalid_email")
	})
	sub("moveFaxMessage", func(f *simFix) {
		sendFax(f)
		var n int64
		fmt.Sscan(string(faxMessages(f, "INBOX")[0].ID), &n)
		_, err := f.c.Fax.MoveMessage(f.ctx, &voipms.FaxMoveMessageParams{FaxID: n, FolderID: 2})
		f.must(err)
		f.eq("sent now", len(faxMessages(f, "SENT")), 2)
		_, err = f.c.Fax.MoveMessage(f.ctx, &voipms.FaxMoveMessageParams{FaxID: n, FolderID: 42})
		f.status(err, voipms.ErrInvalidParameter, "invalid_folder_id")
	})
	sub("deleteFaxMessage", func(f *simFix) {
		sendFax(f)
		var n int64
		fmt.Sscan(string(faxMessages(f, "INBOX")[0].ID), &n)
		_, err := f.c.Fax.DeleteMessage(f.ctx, &voipms.FaxDeleteMessageParams{ID: n})
		f.must(err)
		f.eq("inbox", len(faxMessages(f, "INBOX")), 0)
		_, err = f.c.Fax.DeleteMessage(f.ctx, &voipms.FaxDeleteMessageParams{ID: n})
		f.status(err, voipms.ErrInvalidParameter, "invalid_fax_id")
	})
	setE2F := func(f *simFix, did string) {
		f.t.Helper()
		_, err := f.c.Fax.SetEmailToFax(f.ctx, &voipms.FaxSetEmailToFaxParams{AuthEmail: "scan@example.com",
			FromNumberID: fmt.Sprint(faxID(f, did)), SecurityCode: "abc123", SecurityCodeEnabled: voipms.Ptr(true)})
		f.must(err)
	}
	sub("setEmailToFax", func(f *simFix) {
		did := orderFax(f)
		setE2F(f, did)
		l, err := f.c.Fax.ListEmailToFax(f.ctx, nil)
		f.must(err)
		f.eq("email", l[0].Email, "scan@example.com")
		f.eq("from", l[0].From, did)
		f.eq("code on", l[0].SecurityCodeEnabled, true)
		_, err = f.c.Fax.SetEmailToFax(f.ctx, &voipms.FaxSetEmailToFaxParams{AuthEmail: "scan@example.com",
			FromNumberID: fmt.Sprint(faxID(f, did)), SecurityCode: "x"})
		f.status(err, voipms.ErrConflict, "used_email")
	})
	sub("getEmailToFax", func(f *simFix) {
		l, err := f.c.Fax.ListEmailToFax(f.ctx, nil)
		f.must(err)
		f.eq("none (no_emailtofax is empty)", len(l), 0)
		setE2F(f, orderFax(f))
		l, err = f.c.Fax.ListEmailToFax(f.ctx, &voipms.FaxListEmailToFaxParams{ID: voipms.Ptr(int64(1))})
		f.must(err)
		f.eq("one", len(l), 1)
	})
	sub("delEmailToFax", func(f *simFix) {
		setE2F(f, orderFax(f))
		_, err := f.c.Fax.DeleteEmailToFax(f.ctx, &voipms.FaxDeleteEmailToFaxParams{ID: 1})
		f.must(err)
		_, err = f.c.Fax.DeleteEmailToFax(f.ctx, &voipms.FaxDeleteEmailToFaxParams{ID: 1})
		f.status(err, voipms.ErrInvalidParameter, "invalid_id")
	})

	// --- LNP ---
	port := func(f *simFix, numbers string) int64 {
		f.t.Helper()
		id, err := f.c.LNP.AddPort(f.ctx, &voipms.LNPAddPortParams{PortType: 1, Numbers: numbers, StatementName: "Acme Inc",
			FirstName: "Jane", LastName: "Roe", Address1: "23 W Broad St", City: "Richmond", Zip: "23220", State: "VA",
			Country: "US", ProviderName: "Old Telco", ProviderAccount: "A-1234"})
		f.must(err)
		return id
	}
	sub("addLNPPort", func(f *simFix) {
		before := f.srv.AccountBalance()
		id := port(f, "3055550143,3055550144")
		if id <= 0 {
			f.t.Fatalf("port id %d", id)
		}
		f.eq("fees", decimalSub(before, f.srv.AccountBalance()), "2")
		_, err := f.c.LNP.AddPort(f.ctx, &voipms.LNPAddPortParams{PortType: 1, Numbers: "5145550143", StatementName: "A",
			FirstName: "J", LastName: "R", Address1: "1 St", City: "Montreal", Zip: "H2X1Y4", State: "QC", Country: "CA",
			ProviderName: "B", ProviderAccount: "C"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_number_canadian")
		_, err = f.c.LNP.AddPort(f.ctx, &voipms.LNPAddPortParams{PortType: 1, Numbers: "3055550143", StatementName: "A",
			FirstName: "J", LastName: "R", Address1: "1 St", City: "Miami", Zip: "33101", State: "FL", Country: "US",
			ProviderName: "B", ProviderAccount: "C"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_number_exist")
	})
	sub("addLNPFile", func(f *simFix) {
		id := port(f, "3055550143")
		att, err := f.c.LNP.AddFile(f.ctx, id, pdf)
		f.must(err)
		if att <= 0 {
			f.t.Errorf("attachment id %d", att)
		}
		_, err = f.c.LNP.AddFile(f.ctx, id, base64.StdEncoding.EncodeToString([]byte("plain text")))
		f.status(err, voipms.ErrInvalidParameter, "invalid_attach_file")
		_, err = f.c.LNP.AddFile(f.ctx, 42, pdf)
		f.status(err, voipms.ErrInvalidParameter, "invalid_portingid")
	})
	sub("getLNPStatus", func(f *simFix) {
		id := port(f, "3055550143")
		s, err := f.c.LNP.GetStatus(f.ctx, id)
		f.must(err)
		f.eq("status", s.Status, "pending_approval")
		f.eq("description", s.Description, "Pending Approval")
		if !f.srv.SetPortStatus(fmt.Sprint(id), "foc_confirmed", "FOC date set.", "2025-06-20") {
			f.t.Fatal("SetPortStatus refused")
		}
		s, err = f.c.LNP.GetStatus(f.ctx, id)
		f.must(err)
		f.eq("moved", s.Status, "foc_confirmed")
		_, err = f.c.LNP.GetStatus(f.ctx, 42)
		f.status(err, voipms.ErrInvalidParameter, "invalid_portingid")
	})
	sub("getLNPNotes", func(f *simFix) {
		id := port(f, "3055550143")
		n, err := f.c.LNP.ListNotes(f.ctx, id)
		f.must(err)
		f.eq("note", n[0].Note, "You have submitted a new LNP Order.")
		f.eq("time", n[0].Time, "09:30:00")
		_, err = f.c.LNP.ListNotes(f.ctx, 42)
		f.status(err, voipms.ErrInvalidParameter, "invalid_portingid")
	})
	sub("getLNPListStatus", func(f *simFix) {
		m, err := f.c.LNP.ListStatuses(f.ctx)
		f.must(err)
		f.eq("empty-string code", m[""], "Port cancel upon customer request")
		f.eq("pending", m["pending_approval"], "Pending Approval")
		f.eq("count", len(m), 7)
	})
	sub("getLNPList", func(f *simFix) {
		id := port(f, "3055550143,3055550144")
		l, err := f.c.LNP.List(f.ctx, &voipms.LNPListParams{PortID: id})
		f.must(err)
		f.eq("ports", len(l), 1)
		f.eq("numbers", l[0].Numbers, "3055550143,3055550144")
		_, err = f.c.LNP.List(f.ctx, &voipms.LNPListParams{PortID: id, Status: voipms.Ptr("bogus")})
		f.status(err, voipms.ErrInvalidParameter, "invalid_port_status")
	})
	sub("getLNPDetails", func(f *simFix) {
		id := port(f, "3055550143")
		_, err := f.c.LNP.AddFile(f.ctx, id, pdf)
		f.must(err)
		d, err := f.c.LNP.GetDetails(f.ctx, id)
		f.must(err)
		f.eq("id", d.ID, id)
		f.eq("provider", d.ProviderName, "Old Telco")
		f.eq("numbers", d.Numbers[0].DID, "3055550143")
		f.eq("notes", len(d.Notes), 2)
		f.eq("attachment type", d.Attachments[0].Type, "pdf")
		_, err = f.c.LNP.GetDetails(f.ctx, 42)
		f.status(err, voipms.ErrInvalidParameter, "invalid_portingid")
	})
	sub("getLNPAttachList", func(f *simFix) {
		id := port(f, "3055550143")
		l, err := f.c.LNP.ListAttachments(f.ctx, id)
		f.must(err)
		f.eq("none (no_attachments is empty)", len(l), 0)
		_, err = f.c.LNP.AddFile(f.ctx, id, pdf)
		f.must(err)
		l, err = f.c.LNP.ListAttachments(f.ctx, id)
		f.must(err)
		f.eq("size", l[0].Size, 14)
		_, err = f.c.LNP.ListAttachments(f.ctx, 42)
		f.status(err, voipms.ErrInvalidParameter, "invalid_portingid")
	})
	sub("getLNPAttach", func(f *simFix) {
		id := port(f, "3055550143")
		att, err := f.c.LNP.AddFile(f.ctx, id, pdf)
		f.must(err)
		a, err := f.c.LNP.GetAttachment(f.ctx, id, att)
		f.must(err)
		f.eq("base64", a.Base64, pdf)
		f.eq("type", a.Type, "pdf")
		_, err = f.c.LNP.GetAttachment(f.ctx, id, att+100)
		if !errors.Is(err, voipms.ErrNotFound) && !errors.Is(err, voipms.ErrInvalidParameter) {
			f.t.Errorf("unknown attachment: %v", err)
		}
	})

	// --- Conferences ---
	sub("getConference", func(f *simFix) {
		l, err := f.c.Conferences.List(f.ctx, nil)
		f.must(err)
		f.eq("seeded", len(l), 2)
		c, err := f.c.Conferences.Get(f.ctx, 737)
		f.must(err)
		f.eq("members", c.Members, "4234;4235")
		_, err = f.c.Conferences.Get(f.ctx, 1)
		if !errors.Is(err, voipms.ErrNotFound) {
			f.t.Errorf("unknown conference: %v", err)
		}
	})
	sub("setConference", func(f *simFix) {
		id, err := f.c.Conferences.Set(f.ctx, &voipms.ConferenceSetParams{Name: "Sales", Description: "Sales sync", MaxMembers: "20",
			Members: voipms.Ptr("4234"), SoundJoin: voipms.Ptr("7567")})
		f.must(err)
		f.eq("id", id, 739)
		c, err := f.c.Conferences.Get(f.ctx, id)
		f.must(err)
		f.eq("join sound", c.SoundJoin, 7567)
		f.eq("max", c.MaxMembers, "20")
		_, err = f.c.Conferences.Set(f.ctx, &voipms.ConferenceSetParams{ID: &id, Name: "Sales", Description: "x", MaxMembers: "20", SoundJoin: voipms.Ptr("1")})
		f.status(err, voipms.ErrInvalidParameter, "invalid_recording_sound_join")
		_, err = f.c.Conferences.Set(f.ctx, &voipms.ConferenceSetParams{ID: voipms.Ptr(int64(5)), Name: "X", Description: "x", MaxMembers: "2"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_conference")
	})
	sub("getConferenceMembers", func(f *simFix) {
		l, err := f.c.Conferences.ListMembers(f.ctx, nil)
		f.must(err)
		f.eq("seeded", len(l), 2)
		m, err := f.c.Conferences.GetMember(f.ctx, 4234)
		f.must(err)
		f.eq("pin", m.PIN, "1234")
		f.eq("admin", m.Admin, true)
		_, err = f.c.Conferences.GetMember(f.ctx, 1)
		if !errors.Is(err, voipms.ErrNotFound) {
			f.t.Errorf("unknown member: %v", err)
		}
	})
	sub("setConferenceMember", func(f *simFix) {
		id, err := f.c.Conferences.SetMember(f.ctx, &voipms.ConferenceSetMemberParams{Conference: 738, Name: "Chair", PIN: voipms.Ptr[voipms.Secret]("5555"), Admin: voipms.Ptr(voipms.YesNo(true))})
		f.must(err)
		f.eq("id", id, 4236)
		c, err := f.c.Conferences.Get(f.ctx, 738)
		f.must(err)
		f.eq("linked", c.Members, "4236")
		// 737 has a member without PIN (4235): a second one is refused.
		_, err = f.c.Conferences.SetMember(f.ctx, &voipms.ConferenceSetMemberParams{Conference: 737, Name: "Nopin"})
		f.status(err, nil, "can_have_only_one_profile_without_pin")
		_, err = f.c.Conferences.SetMember(f.ctx, &voipms.ConferenceSetMemberParams{Conference: 737, Name: "Bad", Quiet: nil, MohWhenEmpty: voipms.Ptr("polka")})
		f.status(err, voipms.ErrInvalidParameter, "invalid_musiconhold")
	})
	sub("addMemberToConference", func(f *simFix) {
		f.must(f.c.Conferences.AddMember(f.ctx, 738, 4234))
		c, err := f.c.Conferences.Get(f.ctx, 738)
		f.must(err)
		f.eq("members", c.Members, "4234")
		f.status(f.c.Conferences.AddMember(f.ctx, 738, 4234), voipms.ErrConflict, "member_already_included")
		f.status(f.c.Conferences.AddMember(f.ctx, 738, 1), voipms.ErrInvalidParameter, "invalid_member")
	})
	sub("delMemberFromConference", func(f *simFix) {
		f.must(f.c.Conferences.RemoveMember(f.ctx, 737, 4235))
		c, err := f.c.Conferences.Get(f.ctx, 737)
		f.must(err)
		f.eq("members", c.Members, "4234")
		f.status(f.c.Conferences.RemoveMember(f.ctx, 737, 4235), voipms.ErrNotFound, "conference_member_relation_not_found")
	})
	sub("getConferenceRecordings", func(f *simFix) {
		l, err := f.c.Conferences.ListRecordings(f.ctx, &voipms.ConferenceListRecordingsParams{Conference: 737})
		f.must(err)
		f.eq("recordings", len(l), 2)
		f.eq("duration", l[0].Duration, 360)
		l, err = f.c.Conferences.ListRecordings(f.ctx, &voipms.ConferenceListRecordingsParams{Conference: 738})
		f.must(err)
		f.eq("none", len(l), 0)
		_, err = f.c.Conferences.ListRecordings(f.ctx, &voipms.ConferenceListRecordingsParams{Conference: 1})
		f.status(err, voipms.ErrInvalidParameter, "invalid_conference")
	})
	sub("getConferenceRecordingFile", func(f *simFix) {
		r, err := f.c.Conferences.GetRecordingFile(f.ctx, 737, 1543338379)
		f.must(err)
		f.eq("id", r.ID, 1543338379)
		if r.Data == "" {
			f.t.Error("no data")
		}
		_, err = f.c.Conferences.GetRecordingFile(f.ctx, 737, 1)
		if !errors.Is(err, voipms.ErrNotFound) && !errors.Is(err, voipms.ErrInvalidParameter) {
			f.t.Errorf("unknown recording: %v", err)
		}
	})

	// --- Call parking ---
	lot := func(f *simFix) int64 {
		f.t.Helper()
		id, err := f.c.CallParkings.Set(f.ctx, &voipms.CallParkingSetParams{Name: "Lobby", Timeout: 60, Music: "jazz",
			Failover: "vm:101", Language: "en", Destination: "parker", Delay: 5, BLFLamps: 4})
		f.must(err)
		return id
	}
	sub("setCallParking", func(f *simFix) {
		id := lot(f)
		f.eq("id", id, 13)
		p, err := f.c.CallParkings.Get(f.ctx, id)
		f.must(err)
		f.eq("moh", p.Musiconhold, "jazz")
		f.eq("lamps", p.BLFLamps, 4)
		_, err = f.c.CallParkings.Set(f.ctx, &voipms.CallParkingSetParams{ID: &id, Name: "Lobby", Timeout: 60, Music: "jazz",
			Failover: "vm:999", Language: "en", Destination: "parker", Delay: 5, BLFLamps: 4})
		f.status(err, voipms.ErrInvalidParameter, "invalid_failover_header")
	})
	sub("getCallParking", func(f *simFix) {
		l, err := f.c.CallParkings.List(f.ctx, nil)
		f.must(err)
		f.eq("none", len(l), 0)
		lot(f)
		l, err = f.c.CallParkings.List(f.ctx, nil)
		f.must(err)
		f.eq("one", len(l), 1)
		_, err = f.c.CallParkings.Get(f.ctx, 99)
		if !errors.Is(err, voipms.ErrNotFound) {
			f.t.Errorf("unknown lot: %v", err)
		}
	})
	sub("delCallParking", func(f *simFix) {
		id := lot(f)
		f.must(f.c.CallParkings.Delete(f.ctx, id))
		f.status(f.c.CallParkings.Delete(f.ctx, id), voipms.ErrInvalidParameter, "invalid_callparking")
	})

	// --- Call recordings ---
	recList := func(f *simFix, account string) []voipms.CallRecording {
		f.t.Helper()
		l, err := f.c.CallRecordings.List(f.ctx, &voipms.CallRecordingListParams{Account: account,
			DateFrom: day(2025, 3, 15), DateTo: day(2025, 6, 10)})
		f.must(err)
		return l
	}
	sub("getCallRecordings", func(f *simFix) {
		l := recList(f, "100001_VoIP")
		if len(l) == 0 || len(l) > 6 {
			f.t.Fatalf("recordings = %d", len(l))
		}
		f.eq("subaccount", l[0].SubAccount, "99785")
		all := recList(f, "100001")
		if len(all) < len(l) {
			f.t.Errorf("main account sees %d < %d", len(all), len(l))
		}
		_, err := f.c.CallRecordings.List(f.ctx, &voipms.CallRecordingListParams{Account: "100001_Nobody",
			DateFrom: day(2025, 3, 15), DateTo: day(2025, 6, 10)})
		f.status(err, voipms.ErrInvalidParameter, "invalid_account")
	})
	sub("getCallRecording", func(f *simFix) {
		r := recList(f, "100001_VoIP")[0]
		file, err := f.c.CallRecordings.Get(f.ctx, "100001_VoIP", string(r.ID))
		f.must(err)
		f.eq("destination", file.Destination, r.Destination)
		if file.Audio == "" {
			f.t.Error("no audio")
		}
		_, err = f.c.CallRecordings.Get(f.ctx, "100001_Office", string(r.ID))
		if !errors.Is(err, voipms.ErrNotFound) && !errors.Is(err, voipms.ErrInvalidParameter) {
			f.t.Errorf("other account's recording: %v", err)
		}
	})
	sub("sendCallRecordingEmail", func(f *simFix) {
		r := recList(f, "100001_VoIP")[0]
		f.must(f.c.CallRecordings.SendEmail(f.ctx, &voipms.CallRecordingSendEmailParams{ID: string(r.ID), Account: "100001_VoIP", Email: "me@example.com"}))
		err := f.c.CallRecordings.SendEmail(f.ctx, &voipms.CallRecordingSendEmailParams{ID: "nope", Account: "100001_VoIP", Email: "me@example.com"})
		f.status(err, voipms.ErrInvalidParameter, "invalid_callrecording")
	})
	sub("delCallRecording", func(f *simFix) {
		l := recList(f, "100001_VoIP")
		f.must(f.c.CallRecordings.Delete(f.ctx, "100001_VoIP", string(l[0].ID)))
		f.eq("left", len(recList(f, "100001_VoIP")), len(l)-1)
		f.status(f.c.CallRecordings.Delete(f.ctx, "100001_VoIP", string(l[0].ID)), voipms.ErrInvalidParameter, "invalid_callrecording")
	})
	sub("getCallTranscriptions", func(f *simFix) {
		tr, err := f.c.CallRecordings.ListTranscriptions(f.ctx, &voipms.CallRecordingListTranscriptionsParams{Account: "100001_VoIP",
			DateFrom: day(2025, 3, 15), DateTo: day(2025, 6, 10)})
		f.must(err)
		if len(tr) == 0 || len(tr[0].Speakers) != 2 || len(tr[0].RecognizedPhrases) != 2 {
			f.t.Fatalf("transcriptions = %+v", tr)
		}
		f.eq("locale", tr[0].Locale, "en-US")
		_, err = f.c.CallRecordings.ListTranscriptions(f.ctx, &voipms.CallRecordingListTranscriptionsParams{Account: "100001_VoIP",
			DateFrom: day(2025, 1, 1), DateTo: day(2025, 6, 10)})
		f.status(err, voipms.ErrInvalidParameter, "invalid_daterange")
	})

	// --- Sequences ---
	sub("getSequences", func(f *simFix) {
		m, err := f.c.Sequences.List(f.ctx, nil)
		f.must(err)
		if !strings.Contains(string(m["sequences"]), `"Welcome"`) {
			f.t.Errorf("sequences = %s", m["sequences"])
		}
		_, err = f.c.Sequences.List(f.ctx, &voipms.SequenceListParams{Sequence: voipms.Ptr(int64(99))})
		f.status(err, voipms.ErrNotFound, "no_sequences")
	})
	sub("setSequences", func(f *simFix) {
		f.must(f.c.Sequences.Set(f.ctx, &voipms.SequenceSetParams{Name: "Greeting", Steps: `[{"type":"rec","id":7568},{"type":"dtmf","codes":"1#"}]`}))
		m, err := f.c.Sequences.List(f.ctx, &voipms.SequenceListParams{Sequence: voipms.Ptr(int64(13))})
		f.must(err)
		if !strings.Contains(string(m["sequences"]), `"Greeting"`) {
			f.t.Errorf("sequences = %s", m["sequences"])
		}
		err = f.c.Sequences.Set(f.ctx, &voipms.SequenceSetParams{Name: "Bad", Steps: `[{"type":"rec","id":1}]`})
		f.status(err, voipms.ErrInvalidParameter, "invalid_recording")
	})

	// --- Not simulated ---
	sub("getInvoice", func(f *simFix) {
		_, err := f.c.General.GetInvoice(f.ctx, &voipms.GeneralGetInvoiceParams{Range: voipms.Ptr(int64(1))})
		var ae *voipms.APIError
		if !errors.As(err, &ae) || ae.Status != "not_simulated" || !strings.Contains(ae.Message, "not simulated") {
			f.t.Errorf("err = %v, want not_simulated", err)
		}
	})
}

// decimalSub is a - b for two decimal strings, printed without trailing
// zeros.
func decimalSub(a, b string) string {
	return decimal.RequireFromString(a).Sub(decimal.RequireFromString(b)).String()
}

// TestResellerOnboarding runs a reseller's onboarding end to end through the
// SDK: sign up a client, create its sub-account, find it by the client id,
// buy a DID and connect it to the sub-account.
func TestResellerOnboarding(t *testing.T) {
	f := newSimFix(t)
	id, err := f.c.Clients.Signup(f.ctx, &voipms.ClientSignupParams{Firstname: "Ada", Lastname: "Byron", Address: "1 Main St",
		City: "Toronto", State: "ON", Country: "CA", Zip: "M5V 2T6", PhoneNumber: "4165550100", Email: "ada@example.com",
		ConfirmEmail: "ada@example.com", Password: "Analytic1", ConfirmPassword: "Analytic1"})
	f.must(err)
	p := &voipms.AccountCreateParams{Username: "Ada", Protocol: 1, AuthType: 1, Password: voipms.Ptr[voipms.Secret]("Engine-42x"),
		DeviceType: 2, InternationalRoute: 1, MusicOnHold: "default", AllowedCodecs: "ulaw;g729",
		DTMFMode: voipms.DTMFModeAuto, NAT: voipms.NATYes, ResellerClient: voipms.Ptr(int64(id)),
		ResellerPackage: voipms.Ptr(int64(92364))}
	acct, err := f.c.Accounts.Create(f.ctx, p)
	f.must(err)
	f.eq("account", acct.Account, "100001_Ada")
	// getSubAccounts filtered by the client id answers that client's sub-accounts.
	subs, err := f.c.Accounts.List(f.ctx, &voipms.AccountListParams{Account: voipms.Ptr(fmt.Sprint(id))})
	f.must(err)
	if len(subs) != 1 || subs[0].Account != "100001_Ada" {
		t.Fatalf("client %d sub-accounts = %v", id, subs)
	}
	f.eq("reseller client", subs[0].ResellerClient, fmt.Sprint(id))
	did := f.buy()
	f.must(f.c.DIDs.Connect(f.ctx, &voipms.DIDConnectParams{DID: did, Account: "100001_Ada",
		Monthly: decimal.RequireFromString("4.95"), Setup: decimal.RequireFromString("0"), Minute: decimal.RequireFromString("0.01")}))
	d, ok := f.srv.OwnedDID(did)
	if !ok || d.ResellerAccount != "100001_Ada" {
		t.Errorf("DID %s reseller account = %q", did, d.ResellerAccount)
	}
	// The seeded clients' filters hold too: 561115 is Acme's.
	subs, err = f.c.Accounts.List(f.ctx, &voipms.AccountListParams{Account: voipms.Ptr("561115")})
	f.must(err)
	if len(subs) != 1 || subs[0].Account != "100001_Acme" {
		t.Errorf("561115 sub-accounts = %v", subs)
	}
	// A client with no sub-accounts: no_account, an empty list.
	subs, err = f.c.Accounts.List(f.ctx, &voipms.AccountListParams{Account: voipms.Ptr("999999")})
	f.must(err)
	f.eq("unknown client", len(subs), 0)
}

// day is a date of the simulator's calendar.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
