package vicidial_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/didkit/voipms/vicidial"
	"github.com/didkit/voipms/vicidialtest"
)

// clock is 2026-07-15 16:00 UTC: 12:00 EDT on the fake, 11:00 in Chicago.
func clock() time.Time { return time.Date(2026, 7, 15, 16, 0, 0, 0, time.UTC) }

func newFake(t *testing.T, opts ...vicidialtest.Option) (*vicidialtest.Server, *vicidial.Client) {
	t.Helper()
	srv := vicidialtest.NewServer(append([]vicidialtest.Option{vicidialtest.WithClock(clock)}, opts...)...)
	t.Cleanup(srv.Close)
	c, err := srv.Client(vicidial.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return srv, c
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

func wantErr(t *testing.T, err, category error) {
	t.Helper()
	if !errors.Is(err, category) {
		t.Fatalf("error %v, want %v", err, category)
	}
}

// TestConformance calls every function the fake simulates through the
// client, on the documented build and on a new build, and checks decoded
// values and error categories; at the end every function of the package's
// table must have been called.
func TestConformance(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	newSrv, nc := newFake(t, vicidialtest.WithNewBuild())
	day := time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC)

	t.Run("version", func(t *testing.T) {
		v := must[vicidial.Version](t)(c.System.GetVersion(ctx))
		if v.API != "2.14-96" || v.Build != "170601-0747" || !v.DST || v.TZ != -5 || v.TZNow != -4 ||
			v.Date.Format(time.DateTime) != "2026-07-15 12:00:00" || v.Epoch != clock().Unix() {
			t.Errorf("version = %+v", v)
		}
		if v.Supports("add_did") {
			t.Error("2017 build claims add_did")
		}
		if nv := must[vicidial.Version](t)(nc.System.GetVersion(ctx)); !nv.Supports("copy_did") || !nv.Supports("delete_did") {
			t.Errorf("new build %s lacks DID functions", nv.Build)
		}
	})
	t.Run("sounds_list", func(t *testing.T) {
		s := must[string](t)(c.System.ListSounds(ctx, &vicidial.ListFormatParams{Format: "tab", Sort: "name"}))
		if !strings.HasPrefix(s, "closed.wav\t") || strings.Count(s, "\n") != 2 {
			t.Errorf("sounds = %q", s)
		}
		html := must[string](t)(c.System.ListSounds(ctx, &vicidial.ListFormatParams{Format: "selectframe", Comments: "f1"}))
		if !strings.Contains(html, `<select name="f1">`) {
			t.Errorf("selectframe = %q", html)
		}
	})
	t.Run("moh_list", func(t *testing.T) {
		if s := must[string](t)(c.System.ListMusicOnHold(ctx, nil)); !strings.Contains(s, ">jazz<") {
			t.Errorf("moh = %q", s)
		}
	})
	t.Run("vm_list", func(t *testing.T) {
		if s := must[string](t)(c.System.ListVoicemailBoxes(ctx, &vicidial.ListFormatParams{Format: "selectframe"})); !strings.Contains(s, `value="100"`) {
			t.Errorf("vm = %q", s)
		}
	})
	t.Run("blind_monitor", func(t *testing.T) {
		r := must[vicidial.BlindMonitorResult](t)(c.Calls.BlindMonitor(ctx, &vicidial.CallBlindMonitorParams{PhoneLogin: "350a", SessionID: "8600051", ServerIP: "10.10.10.16", Stage: "MONITOR"}))
		if r.PhoneLogin != "350a" || r.Dialstring != "010*010*010*016*350" || r.SessionID != "8600051" {
			t.Errorf("blind monitor = %+v", r)
		}
		_, err := c.Calls.BlindMonitor(ctx, &vicidial.CallBlindMonitorParams{PhoneLogin: "350q", SessionID: "8600051", ServerIP: "10.10.10.16"})
		wantErr(t, err, vicidial.ErrInvalidParameter)
	})
	t.Run("add_lead", func(t *testing.T) {
		r := must[vicidial.AddLeadResult](t)(c.Leads.Add(ctx, &vicidial.LeadAddParams{
			PhoneNumber: "3125559876", ListID: "101", AddToHopper: true,
			LeadFields:   vicidial.LeadFields{FirstName: "Dana", LastName: "Brook", City: "Chicago Heights"},
			CustomFields: map[string]string{"favorite_color": "blue"},
		}))
		if r.PhoneNumber != "3125559876" || r.ListID != 101 || r.LeadID == 0 || r.GMTOffset != -5 || r.User != vicidialtest.DefaultUser {
			t.Errorf("add_lead = %+v", r)
		}
		if len(r.Notices) != 2 || r.Notices[0].Message != "CUSTOM FIELDS VALUES ADDED" || r.Notices[1].Message != "ADDED TO HOPPER" {
			t.Errorf("notices = %+v", r.Notices)
		}
		l, ok := srv.Lead(r.LeadID)
		if !ok || l.Fields["city"] != "Chicago Heights" || l.Custom["favorite_color"] != "blue" || !l.InHopper {
			t.Errorf("stored lead = %+v", l)
		}
		_, err := c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "3125559876", ListID: "101", DuplicateCheck: []string{"DUPLIST"}})
		wantErr(t, err, vicidial.ErrConflict)
		_, err = c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "7275550000", DNCCheck: "Y"})
		wantErr(t, err, vicidial.ErrRejected)
		_, err = c.Leads.Add(ctx, &vicidial.LeadAddParams{PhoneNumber: "3121555555", USACanPrefixCheck: true})
		wantErr(t, err, vicidial.ErrInvalidParameter)
	})
	t.Run("update_lead", func(t *testing.T) {
		r := must[vicidial.UpdateLeadResult](t)(c.Leads.Update(ctx, &vicidial.LeadUpdateParams{LeadID: 193715, LeadFields: vicidial.LeadFields{LastName: "SMITH", City: vicidial.Blank}}))
		if r.LeadID != 193715 || r.AffectedRows != 1 || r.User != vicidialtest.DefaultUser {
			t.Errorf("update = %+v", r)
		}
		if l, _ := srv.Lead(193715); l.Fields["last_name"] != "SMITH" {
			t.Errorf("stored = %+v", l.Fields)
		}
		found := must[vicidial.UpdateLeadResult](t)(c.Leads.Update(ctx, &vicidial.LeadUpdateParams{PhoneNumber: "9998887112", SearchMethod: "PHONE_NUMBER", NoUpdate: true}))
		if len(found.LeadsFound) != 1 || found.LeadsFound[0].ListID != 8107 || found.LeadsFound[0].VendorLeadCode != "89763545" {
			t.Errorf("found = %+v", found.LeadsFound)
		}
		ins := must[vicidial.UpdateLeadResult](t)(c.Leads.Update(ctx, &vicidial.LeadUpdateParams{PhoneNumber: "9999000029", PhoneCode: "1", ListID: "999",
			SearchMethod: "PHONE_NUMBER", SearchLocation: "LIST", InsertIfNotFound: true, LeadFields: vicidial.LeadFields{FirstName: "Bob"}}))
		if ins.Added == nil || ins.Added.ListID != 999 || ins.Added.PhoneNumber != "9999000029" {
			t.Errorf("insert = %+v", ins)
		}
		del := must[vicidial.UpdateLeadResult](t)(c.Leads.Update(ctx, &vicidial.LeadUpdateParams{LeadID: ins.LeadID, DeleteLead: true}))
		if !del.Deleted || del.LeadID != ins.LeadID {
			t.Errorf("delete = %+v", del)
		}
		_, err := c.Leads.Update(ctx, &vicidial.LeadUpdateParams{LeadID: 42})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("lead_field_info", func(t *testing.T) {
		if v := must[string](t)(c.Leads.GetField(ctx, &vicidial.LeadGetFieldParams{LeadID: 193716, FieldName: "first_name"})); v != "Ann" {
			t.Errorf("first_name = %q", v)
		}
		if v := must[string](t)(c.Leads.GetField(ctx, &vicidial.LeadGetFieldParams{LeadID: 193716, FieldName: "city"})); v != "" {
			t.Errorf("empty city = %q", v)
		}
		_, err := c.Leads.GetField(ctx, &vicidial.LeadGetFieldParams{LeadID: 1, FieldName: "city"})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("agent_ingroup_info", func(t *testing.T) {
		if s := must[string](t)(c.Reports.GetAgentInGroupInfo(ctx, "1000", "text")); s != "1000|TESTCAMP|SALESLINE|INCALL" {
			t.Errorf("text = %q", s)
		}
		if s := must[string](t)(c.Reports.GetAgentInGroupInfo(ctx, "1000", "change")); !strings.Contains(s, "<select") {
			t.Errorf("change = %q", s)
		}
	})
	t.Run("recording_lookup", func(t *testing.T) {
		recs := must[[]vicidial.Recording](t)(c.Reports.ListRecordings(ctx, &vicidial.ReportListRecordingsParams{AgentUser: "1000"}))
		if len(recs) != 1 || recs[0].RecordingID != 534820 || recs[0].LeadID != 193715 || recs[0].StartTime.IsZero() {
			t.Errorf("recordings = %+v", recs)
		}
		none := must[[]vicidial.Recording](t)(c.Reports.ListRecordings(ctx, &vicidial.ReportListRecordingsParams{AgentUser: "1029"}))
		if none == nil || len(none) != 0 {
			t.Errorf("no recordings = %#v", none)
		}
	})
	t.Run("did_log_export", func(t *testing.T) {
		calls := must[[]vicidial.DIDCall](t)(c.DIDs.ListCalls(ctx, "3125551212", day))
		want := srv.DIDCalls("3125551212", day)
		if len(calls) == 0 || len(calls) != len(want) {
			t.Fatalf("got %d calls, fake has %d", len(calls), len(want))
		}
		for i, w := range want {
			g := calls[i]
			if g.DID != w.DID || g.CallerID != w.CallerID || !g.CallDate.Equal(w.CallDate) || g.Length != time.Duration(w.Length)*time.Second {
				t.Errorf("call %d = %+v, want %+v", i, g, w)
			}
		}
		empty := must[[]vicidial.DIDCall](t)(c.DIDs.ListCalls(ctx, "3125551212", day.AddDate(0, 0, -30)))
		if len(empty) != 0 {
			t.Errorf("empty day = %v", empty)
		}
	})
	t.Run("phone_number_log", func(t *testing.T) {
		calls := must[[]vicidial.PhoneCall](t)(c.Reports.ListPhoneCalls(ctx, &vicidial.ReportListPhoneCallsParams{PhoneNumbers: []string{"9998887112", "7275551111"}}))
		if len(calls) != 6 || calls[0].PhoneNumber != "9998887112" || calls[0].ListID != 82106 || calls[0].CallStatus != "SALE" || calls[0].SourceID != "mail098" {
			t.Errorf("calls = %+v", calls)
		}
		last := must[[]vicidial.PhoneCall](t)(c.Reports.ListPhoneCalls(ctx, &vicidial.ReportListPhoneCallsParams{PhoneNumbers: []string{"9998887112"}, LastOnly: true}))
		if len(last) != 1 {
			t.Errorf("last = %+v", last)
		}
	})
	t.Run("agent_stats_export", func(t *testing.T) {
		st := must[[]vicidial.AgentStats](t)(c.Reports.ListAgentStats(ctx, &vicidial.ReportListAgentStatsParams{Start: day.AddDate(0, 0, -1), End: day}))
		if len(st) != 2 || st[0].User != "1000" || st[0].Calls != 5 || st[0].LoginTime != 251*time.Second || st[0].TotalTalkTime != 108*time.Second ||
			st[0].FullName != "Test Agent" || st[0].PausePct != 10.8 {
			t.Errorf("stats = %+v", st)
		}
	})
	t.Run("user_group_status", func(t *testing.T) {
		g := must[vicidial.UserGroupStatus](t)(c.Reports.GetUserGroupStatus(ctx, "AGENTS", "ADMIN"))
		if g.AgentsLoggedIn != 2 || g.AgentsInCalls != 1 || g.AgentsPaused != 1 || len(g.UserGroups) != 2 {
			t.Errorf("user groups = %+v", g)
		}
	})
	t.Run("in_group_status", func(t *testing.T) {
		g := must[vicidial.InGroupStatus](t)(c.Reports.GetInGroupStatus(ctx, "SALESLINE", "SUPPORT"))
		if g.CallsWaiting != 1 || g.AgentsLoggedIn != 2 || g.TotalCalls != 2 {
			t.Errorf("in groups = %+v", g)
		}
	})
	t.Run("agent_status", func(t *testing.T) {
		a := must[vicidial.AgentStatus](t)(c.Reports.GetAgentStatus(ctx, "1000"))
		if a.Status != "INCALL" || a.LeadID != 193715 || a.SessionID != "8600051" || a.UserLevel != 1 {
			t.Errorf("agent = %+v", a)
		}
		_, err := c.Reports.GetAgentStatus(ctx, "9876")
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("callid_info", func(t *testing.T) {
		ci := must[vicidial.CallInfo](t)(c.Calls.Get(ctx, "M9131554060000426264", true))
		if ci.CustTime != 725*time.Second || ci.CampaignID != "TESTCAMP" || ci.ListID != 999 || ci.Phone != "7275551111" {
			t.Errorf("call info = %+v", ci)
		}
		_, err := c.Calls.Get(ctx, "M0000000000000000000", false)
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("logged_in_agents", func(t *testing.T) {
		as := must[[]vicidial.LoggedInAgent](t)(c.Reports.ListLoggedInAgents(ctx, &vicidial.ReportListLoggedInAgentsParams{ShowSubStatus: true}))
		if len(as) != 2 || as[1].User != "1029" || as[1].PauseCode != "BRK2" || as[0].FullName != "Test Agent" {
			t.Errorf("agents = %+v", as)
		}
		none := must[[]vicidial.LoggedInAgent](t)(c.Reports.ListLoggedInAgents(ctx, &vicidial.ReportListLoggedInAgentsParams{Campaigns: []string{"NOPE"}}))
		if len(none) != 0 {
			t.Errorf("filtered = %+v", none)
		}
	})
	t.Run("update_log_entry", func(t *testing.T) {
		r := must[vicidial.LogEntryUpdate](t)(c.Calls.UpdateLogEntry(ctx, &vicidial.CallUpdateLogEntryParams{CallID: "M9131554060000426264", Group: "TESTCAMP", Status: "SALEX"}))
		if r.Status != "SALEX" || r.PreviousStatus != "WN" || r.UniqueID != "1347566056.399" {
			t.Errorf("log entry = %+v", r)
		}
		if st, _ := srv.LogStatus("1347566056.399"); st != "SALEX" {
			t.Errorf("stored status %q", st)
		}
		_, err := c.Calls.UpdateLogEntry(ctx, &vicidial.CallUpdateLogEntryParams{CallID: "M9131554060000426264", Group: "NOGROUP", Status: "X"})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("add_user", func(t *testing.T) {
		r := must[vicidial.UserResult](t)(c.Users.Add(ctx, &vicidial.UserAddParams{AgentUser: "AUTOGENERATED", AgentPass: "agentPW9", AgentUserLevel: 1,
			AgentFullName: "Testing Person", AgentUserGroup: "AGENTS"}))
		if r.AgentUser == "" || r.AgentUser == "AUTOGENERATED" || r.Level != 1 || r.FullName != "Testing Person" || r.Group != "AGENTS" {
			t.Errorf("user = %+v", r)
		}
		if strings.Contains(strings.Join(r.Data, "|"), "agentPW9") || r.Data[2] != "[REDACTED]" {
			t.Errorf("echoed agent password not redacted: %q", r.Data)
		}
		if u, ok := srv.UserInfo(r.AgentUser); !ok || u.Pass != "agentPW9" {
			t.Errorf("stored user = %+v", u)
		}
		_, err := c.Users.Add(ctx, &vicidial.UserAddParams{AgentUser: "1000", AgentPass: "x1", AgentUserLevel: 1, AgentFullName: "Dup", AgentUserGroup: "AGENTS"})
		wantErr(t, err, vicidial.ErrConflict)
		_, err = c.Users.Add(ctx, &vicidial.UserAddParams{AgentUser: "2000", AgentPass: "x1", AgentUserLevel: 1, AgentFullName: "No group", AgentUserGroup: "NOPE"})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("update_user", func(t *testing.T) {
		r := must[vicidial.UserResult](t)(c.Users.Update(ctx, &vicidial.UserUpdateParams{AgentUser: "1029", AgentFullName: "Renamed Agent", Active: vicidial.Bool(false)}))
		if r.AgentUser != "1029" || r.Deleted {
			t.Errorf("update = %+v", r)
		}
		if u, _ := srv.UserInfo("1029"); u.FullName != "Renamed Agent" || !u.Inactive {
			t.Errorf("stored = %+v", u)
		}
		rank := must[vicidial.UserResult](t)(c.Users.Update(ctx, &vicidial.UserUpdateParams{AgentUser: "1029", CampaignRank: vicidial.Int(3)}))
		if rank.Message != "USER CAMPAIGN RANKS HAVE BEEN UPDATED" {
			t.Errorf("rank = %+v", rank)
		}
		_, err := c.Users.Update(ctx, &vicidial.UserUpdateParams{AgentUser: "1029"})
		wantErr(t, err, vicidial.ErrRejected) // NO UPDATES DEFINED
		del := must[vicidial.UserResult](t)(c.Users.Update(ctx, &vicidial.UserUpdateParams{AgentUser: "1029", DeleteUser: true}))
		if !del.Deleted {
			t.Errorf("delete = %+v", del)
		}
		_, err = c.Users.Update(ctx, &vicidial.UserUpdateParams{AgentUser: "1029", AgentFullName: "Gone"})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("add_group_alias", func(t *testing.T) {
		r := must[vicidial.GroupAliasResult](t)(c.GroupAliases.Add(ctx, &vicidial.GroupAliasAddParams{CallerIDNumber: "7275551212", GroupAliasID: "test_group_alias", GroupAliasName: "test group alias"}))
		if r.CallerIDNumber != "7275551212" || r.GroupAliasID != "test_group_alias" || r.GroupAliasName != "test group alias" {
			t.Errorf("alias = %+v", r)
		}
		_, err := c.GroupAliases.Add(ctx, &vicidial.GroupAliasAddParams{CallerIDNumber: "7275551212", GroupAliasID: "test_group_alias"})
		wantErr(t, err, vicidial.ErrConflict)
	})
	t.Run("add_phone", func(t *testing.T) {
		p := &vicidial.PhoneAddParams{Extension: "55000", ServerIP: "10.0.9.8", PhoneFields: vicidial.PhoneFields{DialplanNumber: "55000", VoicemailID: "55000",
			PhoneLogin: "55000", PhonePass: "test", Protocol: "SIP", RegistrationPassword: "regpw", PhoneFullName: "Extension 55000", LocalGMT: "-5.00", OutboundCID: "7275551212"}}
		r := must[vicidial.PhoneResult](t)(c.Phones.Add(ctx, p))
		if r.Extension != "55000" || r.ServerIP != "10.0.9.8" || r.Protocol != "SIP" || r.DialplanNumber != "55000" {
			t.Errorf("phone = %+v", r)
		}
		_, err := c.Phones.Add(ctx, p)
		wantErr(t, err, vicidial.ErrConflict)
		p.ServerIP = "10.9.9.9"
		_, err = c.Phones.Add(ctx, p)
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("update_phone", func(t *testing.T) {
		r := must[vicidial.PhoneResult](t)(c.Phones.Update(ctx, &vicidial.PhoneUpdateParams{Extension: "cc100", ServerIP: "10.0.9.8", PhoneFields: vicidial.PhoneFields{PhoneFullName: "Front desk"}}))
		if r.Extension != "cc100" || r.Deleted {
			t.Errorf("update = %+v", r)
		}
		if p, _ := srv.PhoneInfo("cc100", "10.0.9.8"); p.FullName != "Front desk" {
			t.Errorf("stored = %+v", p)
		}
		del := must[vicidial.PhoneResult](t)(c.Phones.Update(ctx, &vicidial.PhoneUpdateParams{Extension: "55000", ServerIP: "10.0.9.8", DeletePhone: true}))
		if !del.Deleted {
			t.Errorf("delete = %+v", del)
		}
		_, err := c.Phones.Update(ctx, &vicidial.PhoneUpdateParams{Extension: "55000", ServerIP: "10.0.9.8", PhoneFields: vicidial.PhoneFields{PhoneFullName: "x"}})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("add_phone_alias", func(t *testing.T) {
		r := must[vicidial.PhoneAliasResult](t)(c.Phones.AddAlias(ctx, &vicidial.PhoneAliasParams{AliasID: "desk", PhoneLogins: []string{"cc100", "350a"}, AliasName: "Desk phones"}))
		if r.AliasID != "desk" {
			t.Errorf("alias = %+v", r)
		}
		if a, _ := srv.PhoneAlias("desk"); len(a) != 2 {
			t.Errorf("stored = %v", a)
		}
		_, err := c.Phones.AddAlias(ctx, &vicidial.PhoneAliasParams{AliasID: "desk2", PhoneLogins: []string{"nope"}, AliasName: "Bad"})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("update_phone_alias", func(t *testing.T) {
		must[vicidial.PhoneAliasResult](t)(c.Phones.UpdateAlias(ctx, &vicidial.PhoneAliasParams{AliasID: "desk", PhoneLogins: []string{"cc100"}}))
		if a, _ := srv.PhoneAlias("desk"); len(a) != 1 {
			t.Errorf("stored = %v", a)
		}
		if r := must[vicidial.PhoneAliasResult](t)(c.Phones.UpdateAlias(ctx, &vicidial.PhoneAliasParams{AliasID: "desk", DeleteAlias: true})); !r.Deleted {
			t.Errorf("delete = %+v", r)
		}
	})
	t.Run("add_list", func(t *testing.T) {
		r := must[vicidial.ListResult](t)(c.Lists.Add(ctx, &vicidial.ListParams{ListID: "1101", ListName: "New Florida", CampaignID: "TESTCAMP", Active: vicidial.Bool(true)}))
		if r.ListID != 1101 || r.CampaignID != "TESTCAMP" {
			t.Errorf("list = %+v", r)
		}
		_, err := c.Lists.Add(ctx, &vicidial.ListParams{ListID: "1101", ListName: "Again list", CampaignID: "TESTCAMP"})
		wantErr(t, err, vicidial.ErrConflict)
		_, err = c.Lists.Add(ctx, &vicidial.ListParams{ListID: "1102", ListName: "No campaign", CampaignID: "NOPE"})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("update_list", func(t *testing.T) {
		r := must[vicidial.ListResult](t)(c.Lists.Update(ctx, &vicidial.ListParams{ListID: "1101", ListName: "Renamed list", CampaignID: "SALES"}))
		if r.ListID != 1101 || r.CampaignID != "SALES" {
			t.Errorf("update = %+v", r)
		}
		if l, _ := srv.ListInfo(1101); l.Name != "Renamed list" || l.CampaignID != "SALES" {
			t.Errorf("stored = %+v", l)
		}
		if d := must[vicidial.ListResult](t)(c.Lists.Update(ctx, &vicidial.ListParams{ListID: "1101", DeleteList: true})); !d.Deleted {
			t.Errorf("delete = %+v", d)
		}
		_, err := c.Lists.Update(ctx, &vicidial.ListParams{ListID: "1101", ListName: "Gone list"})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("server_refresh", func(t *testing.T) {
		r := must[vicidial.ServerRefreshResult](t)(c.System.Refresh(ctx))
		if r.Servers != 2 || srv.Refreshes() != 1 {
			t.Errorf("refresh = %+v (%d)", r, srv.Refreshes())
		}
	})
	t.Run("check_phone_number", func(t *testing.T) {
		// 11:00 in Chicago (CDT, -5)
		pc := must[vicidial.PhoneCheck](t)(c.System.CheckPhoneNumber(ctx, &vicidial.SystemCheckPhoneNumberParams{PhoneNumber: "3125551212", LocalCallTime: "9am-9pm"}))
		if !pc.Dialable() || pc.GMTOffset() != -5 || pc.Checks[0].Method != "AREACODE" || pc.PhoneNumber != "3125551212" || pc.PhoneCode != "1" {
			t.Errorf("check = %+v", pc)
		}
		// 06:00 in Honolulu (HST, -10, no DST)
		hi := must[vicidial.PhoneCheck](t)(c.System.CheckPhoneNumber(ctx, &vicidial.SystemCheckPhoneNumberParams{PhoneNumber: "8085551212", LocalCallTime: "9am-9pm"}))
		if hi.Dialable() || hi.GMTOffset() != -10 {
			t.Errorf("hawaii = %+v", hi)
		}
		_, err := c.System.CheckPhoneNumber(ctx, &vicidial.SystemCheckPhoneNumberParams{PhoneNumber: "3125551212", LocalCallTime: "call-time"})
		wantErr(t, err, vicidial.ErrInvalidParameter)
	})
	t.Run("update_campaign", func(t *testing.T) {
		r := must[vicidial.CampaignResult](t)(c.Campaigns.Update(ctx, &vicidial.CampaignUpdateParams{CampaignID: "TESTCAMP", DialMethod: "ADAPT_TAPERED", HopperLevel: vicidial.Int(200)}))
		if r.CampaignID != "TESTCAMP" {
			t.Errorf("campaign = %+v", r)
		}
		if cs, _ := srv.Campaign("TESTCAMP"); cs["dial_method"] != "ADAPT_TAPERED" || cs["hopper_level"] != "200" {
			t.Errorf("stored = %v", cs)
		}
		_, err := c.Campaigns.Update(ctx, &vicidial.CampaignUpdateParams{CampaignID: "NOPE", CampaignName: "Nothing here"})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("add_did", func(t *testing.T) {
		_, err := c.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550100", DIDDescription: "New sales line", DIDRoute: vicidial.RouteInGroup, Group: "SALESLINE"})
		wantErr(t, err, vicidial.ErrUnsupported)
		r := must[vicidial.DIDResult](t)(nc.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550100", DIDDescription: "New sales line", DIDRoute: vicidial.RouteInGroup, Group: "SALESLINE"}))
		if r.DIDPattern != "3125550100" {
			t.Errorf("add = %+v", r)
		}
		if d, ok := newSrv.DID("3125550100"); !ok || d.Route != "IN_GROUP" || d.Group != "SALESLINE" || d.Description != "New sales line" {
			t.Errorf("stored = %+v", d)
		}
		_, err = nc.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550100", DIDRoute: vicidial.RouteExten, Extension: "8300"})
		wantErr(t, err, vicidial.ErrConflict)
		_, err = nc.DIDs.Add(ctx, &vicidial.DIDParams{DIDPattern: "3125550101", DIDRoute: vicidial.RouteInGroup, Group: "NOPE"})
		wantErr(t, err, vicidial.ErrInvalidParameter)
	})
	t.Run("update_did", func(t *testing.T) {
		_, err := c.DIDs.Update(ctx, &vicidial.DIDParams{DIDPattern: "3125551212", DIDRoute: vicidial.RouteExten, Extension: "8300"})
		wantErr(t, err, vicidial.ErrUnsupported)
		must[vicidial.DIDResult](t)(nc.DIDs.Update(ctx, &vicidial.DIDParams{DIDPattern: "3125550100", DIDRoute: vicidial.RouteExten, Extension: "8300", ExtenContext: "default"}))
		if d, _ := newSrv.DID("3125550100"); d.Route != "EXTEN" || d.Extension != "8300" || d.Group != "SALESLINE" {
			t.Errorf("stored = %+v", d)
		}
		_, err = nc.DIDs.Update(ctx, &vicidial.DIDParams{DIDPattern: "3125550999", DIDDescription: "Not there"})
		wantErr(t, err, vicidial.ErrNotFound)
	})
	t.Run("copy_did", func(t *testing.T) {
		_, err := c.DIDs.Copy(ctx, &vicidial.DIDCopyParams{DIDPattern: "3125550200", SourceDIDPattern: "3125551212"})
		wantErr(t, err, vicidial.ErrUnsupported)
		must[vicidial.DIDResult](t)(nc.DIDs.Copy(ctx, &vicidial.DIDCopyParams{DIDPattern: "3125550200", SourceDIDPattern: "3125551212"}))
		if d, ok := newSrv.DID("3125550200"); !ok || d.Group != "SALESLINE" {
			t.Errorf("copied = %+v", d)
		}
	})
	t.Run("delete_did", func(t *testing.T) {
		_, err := c.DIDs.Delete(ctx, "3125551212")
		wantErr(t, err, vicidial.ErrUnsupported)
		if r := must[vicidial.DIDResult](t)(nc.DIDs.Delete(ctx, "3125550200")); !r.Deleted {
			t.Errorf("delete = %+v", r)
		}
		if _, ok := newSrv.DID("3125550200"); ok {
			t.Error("DID still there")
		}
	})

	for _, fn := range vicidialtest.Functions() {
		if srv.Calls(fn)+newSrv.Calls(fn) == 0 {
			t.Errorf("function %s never called by the conformance test", fn)
		}
	}
	for _, name := range []string{"add_did", "update_did", "copy_did"} {
		if srv.Calls(name) != 0 {
			t.Errorf("%s reached the 2017 server %d times: the build check must stop it before any write", name, srv.Calls(name))
		}
	}
}
