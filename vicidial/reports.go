package vicidial

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// ReportListRecordingsParams are the search fields of recording_lookup; at least
// one is required.
type ReportListRecordingsParams struct {
	AgentUser string    `form:"agent_user"` // 2-20 characters
	LeadID    int64     `form:"lead_id"`
	Date      time.Time `form:"date,date"`
	UniqueID  string    `form:"uniqueid"`
}

func (p *ReportListRecordingsParams) validate() error {
	c := &check{fn: "recording_lookup"}
	if p.AgentUser == "" && p.LeadID == 0 && p.Date.IsZero() && p.UniqueID == "" {
		c.fail("agent_user", "one of agent_user, lead_id, date or uniqueid is required")
	}
	c.length("agent_user", p.AgentUser, 2, 20)
	if p.LeadID < 0 || p.LeadID > 9999999999 {
		c.fail("lead_id", "must be 1-10 digits")
	}
	c.date("date", p.Date, false)
	return c.err
}

// Recording is one row of recording_lookup.
type Recording struct {
	StartTime   time.Time
	User        string
	RecordingID int64
	LeadID      int64
	// Location is the recording's URL or path.
	Location string
}

// Recordings looks up call recordings. No match is an empty slice.
//
// Wire function: recording_lookup.
func (s *ReportsService) ListRecordings(ctx context.Context, p *ReportListRecordingsParams) ([]Recording, error) {
	if p == nil {
		p = &ReportListRecordingsParams{}
	}
	rows, err := s.c.export(ctx, "recording_lookup", p, 5)
	if err != nil {
		return nil, err
	}
	return decodeRows("recording_lookup", rows, []string{"start_time", "user", "recording_id", "lead_id", "location"},
		func(d *cols) Recording {
			return Recording{StartTime: d.dt(0), User: d.s(1), RecordingID: d.i64(2), LeadID: d.i64(3), Location: d.s(4)}
		})
}

// ReportListPhoneCallsParams are the fields of phone_number_log.
type ReportListPhoneCallsParams struct {
	// PhoneNumbers are the numbers to look up (digits; at least one).
	PhoneNumbers []string `form:"phone_number"`
	// LastOnly asks for each number's last call only (detail=LAST).
	LastOnly bool `form:"-"`
	// Type is IN, OUT (the server's default) or ALL.
	Type string `form:"type"`
}

func (p *ReportListPhoneCallsParams) validate() error {
	c := &check{fn: "phone_number_log"}
	if len(p.PhoneNumbers) == 0 {
		c.fail("phone_number", "at least one number is required")
	}
	for _, n := range p.PhoneNumbers {
		if !digitsRE.MatchString(n) {
			c.fail("phone_number", "numbers must be digits only")
		}
	}
	c.oneOf("type", p.Type, "IN", "OUT", "ALL")
	return c.err
}

// PhoneCall is one row of phone_number_log.
type PhoneCall struct {
	PhoneNumber  string
	CallDate     time.Time
	ListID       int64
	Length       time.Duration
	LeadStatus   string
	HangupReason string
	CallStatus   string
	SourceID     string
	User         string
}

// PhoneNumberLog lists the calls placed to (or received from) numbers. No
// call is an empty slice.
//
// Wire function: phone_number_log.
func (s *ReportsService) ListPhoneCalls(ctx context.Context, p *ReportListPhoneCallsParams) ([]PhoneCall, error) {
	if p == nil {
		p = &ReportListPhoneCallsParams{}
	}
	var extra []string
	if p.LastOnly {
		extra = []string{"detail", "LAST"}
	}
	rows, err := s.c.export(ctx, "phone_number_log", p, 9, extra...)
	if err != nil {
		return nil, err
	}
	return decodeRows("phone_number_log", rows, []string{"phone_number", "call_date", "list_id", "length_in_sec",
		"lead_status", "hangup_reason", "call_status", "source_id", "user"},
		func(d *cols) PhoneCall {
			return PhoneCall{PhoneNumber: d.s(0), CallDate: d.dt(1), ListID: d.i64(2), Length: d.secs(3),
				LeadStatus: d.s(4), HangupReason: d.s(5), CallStatus: d.s(6), SourceID: d.s(7), User: d.s(8)}
		})
}

// ReportListAgentStatsParams are the fields of agent_stats_export.
type ReportListAgentStatsParams struct {
	Start time.Time `form:"datetime_start,datetime"`
	End   time.Time `form:"datetime_end,datetime"`
	// AgentUser limits the export to one agent.
	AgentUser string `form:"agent_user"`
}

func (p *ReportListAgentStatsParams) validate() error {
	c := &check{fn: "agent_stats_export"}
	c.date("datetime_start", p.Start, true)
	c.date("datetime_end", p.End, true)
	if c.err == nil && p.End.Before(p.Start) {
		c.fail("datetime_end", "before datetime_start")
	}
	c.length("agent_user", p.AgentUser, 2, 20)
	return c.err
}

// AgentStats is one row of agent_stats_export. The client asks for times in
// seconds (time_format=S), so every time is a Duration.
type AgentStats struct {
	User             string
	FullName         string
	UserGroup        string
	Calls            int64
	LoginTime        time.Duration
	TotalTalkTime    time.Duration
	AvgTalkTime      time.Duration
	AvgWaitTime      time.Duration
	PctOfQueue       float64 // percent
	PauseTime        time.Duration
	Sessions         int64
	AvgSession       time.Duration
	Pauses           int64
	AvgPauseTime     time.Duration
	PausePct         float64 // percent
	PausesPerSession float64
	TotalWaitTime    time.Duration
}

// AgentStats exports agent activity for a time range. No activity is an
// empty slice.
//
// Wire function: agent_stats_export.
func (s *ReportsService) ListAgentStats(ctx context.Context, p *ReportListAgentStatsParams) ([]AgentStats, error) {
	if p == nil {
		p = &ReportListAgentStatsParams{}
	}
	rows, err := s.c.export(ctx, "agent_stats_export", p, 17, "time_format", "S")
	if err != nil {
		return nil, err
	}
	names := []string{"user", "full_name", "user_group", "calls", "login_time", "total_talk_time", "avg_talk_time",
		"avg_wait_time", "pct_of_queue", "pause_time", "sessions", "avg_session", "pauses", "avg_pause_time",
		"pause_pct", "pauses_per_session", "total_wait_time"}
	return decodeRows("agent_stats_export", rows, names, func(d *cols) AgentStats {
		return AgentStats{User: d.s(0), FullName: d.s(1), UserGroup: d.s(2), Calls: d.i64(3), LoginTime: d.secs(4),
			TotalTalkTime: d.secs(5), AvgTalkTime: d.secs(6), AvgWaitTime: d.secs(7), PctOfQueue: d.f64(8),
			PauseTime: d.secs(9), Sessions: d.i64(10), AvgSession: d.secs(11), Pauses: d.i64(12),
			AvgPauseTime: d.secs(13), PausePct: d.f64(14), PausesPerSession: d.f64(15), TotalWaitTime: d.secs(16)}
	})
}

var groupRE = regexp.MustCompile(`^[-_0-9a-zA-Z]+$`)

func checkGroups(fn, field string, groups []string) error {
	c := &check{fn: fn}
	if len(groups) == 0 {
		c.fail(field, "at least one is required")
	}
	for _, g := range groups {
		c.chars(field, g, groupRE, "letters, digits, '-' and '_'")
		if g == "" {
			c.fail(field, "empty name")
		}
	}
	return c.err
}

// UserGroupStatus is the answer of user_group_status: the real-time status
// of the groups asked for, together.
type UserGroupStatus struct {
	UserGroups        []string
	CallsWaiting      int64
	AgentsLoggedIn    int64
	AgentsInCalls     int64
	AgentsWaiting     int64
	AgentsPaused      int64
	AgentsInDeadCalls int64
	AgentsInDispo     int64
}

// UserGroupStatus reports the real-time status of one or more user groups.
//
// Wire function: user_group_status.
func (s *ReportsService) GetUserGroupStatus(ctx context.Context, userGroups ...string) (UserGroupStatus, error) {
	if err := checkGroups("user_group_status", "user_groups", userGroups); err != nil {
		return UserGroupStatus{}, err
	}
	rows, err := s.c.export(ctx, "user_group_status", nil, 8, "user_groups", strings.Join(userGroups, "|"))
	if err != nil {
		return UserGroupStatus{}, err
	}
	if len(rows) != 1 {
		return UserGroupStatus{}, shapeErr("user_group_status", "want one row")
	}
	v, err := decodeRows("user_group_status", rows, nil, func(d *cols) UserGroupStatus {
		return UserGroupStatus{UserGroups: strings.Fields(d.s(0)), CallsWaiting: d.i64(1), AgentsLoggedIn: d.i64(2),
			AgentsInCalls: d.i64(3), AgentsWaiting: d.i64(4), AgentsPaused: d.i64(5), AgentsInDeadCalls: d.i64(6),
			AgentsInDispo: d.i64(7)}
	})
	if err != nil {
		return UserGroupStatus{}, err
	}
	return v[0], nil
}

// InGroupStatus is the answer of in_group_status.
type InGroupStatus struct {
	InGroups       []string
	TotalCalls     int64
	CallsWaiting   int64
	AgentsLoggedIn int64
	AgentsInCalls  int64
	AgentsWaiting  int64
	AgentsPaused   int64
	AgentsInDispo  int64
}

// InGroupStatus reports the real-time status of one or more inbound groups.
//
// Wire function: in_group_status.
func (s *ReportsService) GetInGroupStatus(ctx context.Context, inGroups ...string) (InGroupStatus, error) {
	if err := checkGroups("in_group_status", "in_groups", inGroups); err != nil {
		return InGroupStatus{}, err
	}
	rows, err := s.c.export(ctx, "in_group_status", nil, 8, "in_groups", strings.Join(inGroups, "|"))
	if err != nil {
		return InGroupStatus{}, err
	}
	if len(rows) != 1 {
		return InGroupStatus{}, shapeErr("in_group_status", "want one row")
	}
	v, err := decodeRows("in_group_status", rows, nil, func(d *cols) InGroupStatus {
		return InGroupStatus{InGroups: strings.Fields(d.s(0)), TotalCalls: d.i64(1), CallsWaiting: d.i64(2),
			AgentsLoggedIn: d.i64(3), AgentsInCalls: d.i64(4), AgentsWaiting: d.i64(5), AgentsPaused: d.i64(6),
			AgentsInDispo: d.i64(7)}
	})
	if err != nil {
		return InGroupStatus{}, err
	}
	return v[0], nil
}

// AgentStatus is the answer of agent_status.
type AgentStatus struct {
	Status         string // INCALL, PAUSED, READY, ...
	CallID         string
	LeadID         int64
	CampaignID     string
	CallsToday     int64
	FullName       string
	UserGroup      string
	UserLevel      int64
	PauseCode      string
	SubStatus      string // DEAD, DISPO, 3-WAY, PARK, RING, PREVIEW or ""
	PhoneNumber    string
	VendorLeadCode string
	SessionID      string
}

// AgentStatus reports the real-time status of one agent. An agent who is not
// logged in is an error matching ErrNotFound.
//
// Wire function: agent_status.
func (s *ReportsService) GetAgentStatus(ctx context.Context, agentUser string) (AgentStatus, error) {
	c := &check{fn: "agent_status"}
	c.required("agent_user", agentUser)
	c.length("agent_user", agentUser, 2, 20)
	if c.err != nil {
		return AgentStatus{}, c.err
	}
	rows, err := s.c.export(ctx, "agent_status", nil, 13, "agent_user", agentUser)
	if err != nil {
		return AgentStatus{}, err
	}
	if len(rows) != 1 {
		return AgentStatus{}, shapeErr("agent_status", "want one row")
	}
	v, err := decodeRows("agent_status", rows, []string{"status", "call_id", "lead_id", "campaign_id", "calls_today",
		"full_name", "user_group", "user_level", "pause_code", "real_time_sub_status", "phone_number",
		"vendor_lead_code", "session_id"}, func(d *cols) AgentStatus {
		return AgentStatus{Status: d.s(0), CallID: d.s(1), LeadID: d.i64(2), CampaignID: d.s(3), CallsToday: d.i64(4),
			FullName: d.s(5), UserGroup: d.s(6), UserLevel: d.i64(7), PauseCode: d.s(8), SubStatus: d.s(9),
			PhoneNumber: d.s(10), VendorLeadCode: d.s(11), SessionID: d.s(12)}
	})
	if err != nil {
		return AgentStatus{}, err
	}
	return v[0], nil
}

// ReportListLoggedInAgentsParams are the filters of logged_in_agents.
type ReportListLoggedInAgentsParams struct {
	Campaigns  []string `form:"campaigns,pipe"`
	UserGroups []string `form:"user_groups,pipe"`
	// ShowSubStatus adds the pause code and real-time sub-status columns.
	ShowSubStatus bool `form:"-"`
}

func (p *ReportListLoggedInAgentsParams) validate() error {
	c := &check{fn: "logged_in_agents"}
	for _, g := range append(append([]string{}, p.Campaigns...), p.UserGroups...) {
		c.chars("campaigns", g, groupRE, "letters, digits, '-' and '_'")
	}
	return c.err
}

// LoggedInAgent is one row of logged_in_agents.
type LoggedInAgent struct {
	User       string
	CampaignID string
	SessionID  string
	Status     string
	LeadID     int64
	CallerID   string
	CallsToday int64
	FullName   string
	UserGroup  string
	UserLevel  int64
	// PauseCode and SubStatus are filled with ShowSubStatus.
	PauseCode string
	SubStatus string
}

// LoggedInAgents lists the agents logged in, optionally for some campaigns or
// user groups. None is an empty slice.
//
// Wire function: logged_in_agents.
func (s *ReportsService) ListLoggedInAgents(ctx context.Context, p *ReportListLoggedInAgentsParams) ([]LoggedInAgent, error) {
	if p == nil {
		p = &ReportListLoggedInAgentsParams{}
	}
	var extra []string
	if p.ShowSubStatus {
		extra = []string{"show_sub_status", "YES"}
	}
	rows, err := s.c.export(ctx, "logged_in_agents", p, 10, extra...)
	if err != nil {
		return nil, err
	}
	return decodeRows("logged_in_agents", rows, []string{"user", "campaign_id", "session_id", "status", "lead_id",
		"callerid", "calls_today", "full_name", "user_group", "user_level", "pause_code", "sub_status"},
		func(d *cols) LoggedInAgent {
			return LoggedInAgent{User: d.s(0), CampaignID: d.s(1), SessionID: d.s(2), Status: d.s(3), LeadID: d.i64(4),
				CallerID: d.s(5), CallsToday: d.i64(6), FullName: d.s(7), UserGroup: d.s(8), UserLevel: d.i64(9),
				PauseCode: d.s(10), SubStatus: d.s(11)}
		})
}

// AgentInGroupInfo returns the in-group and outbound auto-dial information
// of a logged-in agent as the server renders it (stage "info" or "change":
// HTML; "text": plain text).
//
// Wire function: agent_ingroup_info.
func (s *ReportsService) GetAgentInGroupInfo(ctx context.Context, agentUser, stage string) (string, error) {
	c := &check{fn: "agent_ingroup_info"}
	c.required("agent_user", agentUser)
	c.length("agent_user", agentUser, 2, 20)
	c.oneOf("stage", stage, "info", "change", "text")
	if c.err != nil {
		return "", c.err
	}
	extra := []string{"agent_user", agentUser}
	if stage != "" {
		extra = append(extra, "stage", stage)
	}
	return s.c.text(ctx, "agent_ingroup_info", extra...)
}

// text returns the body of a function that answers free text or HTML (an
// ERROR line is still an *APIError).
func (c *Client) text(ctx context.Context, fn string, extra ...string) (string, error) {
	r, err := c.do(ctx, fn, nil, extra...)
	if err != nil {
		return "", err
	}
	if r.a.outcome != nil {
		return "", shapeErr(fn, "a "+r.a.outcome.Kind.String()+" line where text was expected")
	}
	return strings.Join(r.a.rows, "\n"), nil
}
