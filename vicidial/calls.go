package vicidial

import (
	"context"
	"regexp"
	"time"
)

// CallInfo is the answer of callid_info. The fields after CustTime are
// filled when asked with detail.
type CallInfo struct {
	CallID string
	// CustTime is the customer talk time.
	CustTime   time.Duration
	CallDate   time.Time
	CampaignID string
	ListID     int64
	Status     string
	User       string
	Phone      string
}

// Info looks up a call by its caller code or call ID (16-40 characters);
// detail asks for the date, campaign, list, status, user and phone too.
//
// Wire function: callid_info.
func (s *CallsService) Get(ctx context.Context, callID string, detail bool) (CallInfo, error) {
	c := &check{fn: "callid_info"}
	c.required("call_id", callID)
	c.length("call_id", callID, 16, 40)
	c.chars("call_id", callID, alnum, "letters and digits")
	if c.err != nil {
		return CallInfo{}, c.err
	}
	extra := []string{"call_id", callID}
	min := 2
	if detail {
		extra, min = append(extra, "detail", "YES"), 8
	}
	rows, err := s.c.export(ctx, "callid_info", nil, min, extra...)
	if err != nil {
		return CallInfo{}, err
	}
	if len(rows) != 1 {
		return CallInfo{}, shapeErr("callid_info", "want one row")
	}
	v, err := decodeRows("callid_info", rows, []string{"call_id", "custtime", "call_date", "campaign_id", "list_id",
		"status", "user", "phone"}, func(d *cols) CallInfo {
		return CallInfo{CallID: d.s(0), CustTime: d.secs(1), CallDate: d.dt(2), CampaignID: d.s(3), ListID: d.i64(4),
			Status: d.s(5), User: d.s(6), Phone: d.s(7)}
	})
	if err != nil {
		return CallInfo{}, err
	}
	return v[0], nil
}

// CallUpdateLogEntryParams are the fields of update_log_entry.
type CallUpdateLogEntryParams struct {
	// CallID is the call's uniqueid or its 20-character call ID.
	CallID string `form:"call_id"`
	// Group is the campaign id (outbound log) or in-group id (closer log).
	Group string `form:"group"`
	// Status is the new status of the log record.
	Status string `form:"status"`
}

var uniqueIDRE = regexp.MustCompile(`^[0-9A-Za-z.]+$`)

func (p *CallUpdateLogEntryParams) validate() error {
	c := &check{fn: "update_log_entry"}
	c.required("call_id", p.CallID)
	c.chars("call_id", p.CallID, uniqueIDRE, "letters, digits and '.'")
	c.required("group", p.Group)
	c.chars("group", p.Group, idChars, "letters, digits, '-' and '_'")
	c.required("status", p.Status)
	c.length("status", p.Status, 1, 6)
	c.chars("status", p.Status, idChars, "letters, digits, '-' and '_'")
	return c.err
}

// LogEntryUpdate is the answer of update_log_entry.
type LogEntryUpdate struct {
	Reply
	User           string
	LogUser        string
	Group          string
	CallID         string
	Status         string
	PreviousStatus string
	UniqueID       string
}

// UpdateLogEntry sets the status of a call log (vicidial_log) or closer log
// (vicidial_closer_log) record.
//
// Wire function: update_log_entry.
func (s *CallsService) UpdateLogEntry(ctx context.Context, p *CallUpdateLogEntryParams) (LogEntryUpdate, error) {
	if p == nil {
		p = &CallUpdateLogEntryParams{}
	}
	r, err := s.c.do(ctx, "update_log_entry", p)
	if err != nil {
		return LogEntryUpdate{}, err
	}
	l, err := r.success("update_log_entry", "RECORD HAS BEEN UPDATED")
	if err != nil {
		return LogEntryUpdate{}, err
	}
	return LogEntryUpdate{Reply: r.reply(l), User: l.Field(0), LogUser: l.Field(1), Group: l.Field(2),
		CallID: l.Field(3), Status: l.Field(4), PreviousStatus: l.Field(5), UniqueID: l.Field(6)}, nil
}

// CallBlindMonitorParams are the fields of blind_monitor.
type CallBlindMonitorParams struct {
	// PhoneLogin is the phone to call and place in the session.
	PhoneLogin string `form:"phone_login"`
	// SessionID is the 7-digit conference session.
	SessionID string `form:"session_id"`
	ServerIP  string `form:"server_ip"`
	// Stage is MONITOR (the default) or BARGE (HIJACK is not functional).
	Stage string `form:"stage"`
}

func (p *CallBlindMonitorParams) validate() error {
	c := &check{fn: "blind_monitor"}
	c.required("phone_login", p.PhoneLogin)
	c.chars("phone_login", p.PhoneLogin, alnum, "letters and digits")
	c.required("session_id", p.SessionID)
	c.digits("session_id", p.SessionID, 7, 7)
	c.required("server_ip", p.ServerIP)
	c.length("server_ip", p.ServerIP, 7, 15)
	c.chars("server_ip", p.ServerIP, ipChars, "digits and dots")
	c.oneOf("stage", p.Stage, "MONITOR", "BARGE")
	return c.err
}

// BlindMonitorResult is the answer of blind_monitor.
type BlindMonitorResult struct {
	Reply
	PhoneLogin string
	// Dialstring is the server's dial string for the call.
	Dialstring string
	SessionID  string
}

// BlindMonitor calls a phone and places it in an agent's session to listen
// (or barge). It places a call: it is never sent twice.
//
// Wire function: blind_monitor.
func (s *CallsService) BlindMonitor(ctx context.Context, p *CallBlindMonitorParams) (BlindMonitorResult, error) {
	if p == nil {
		p = &CallBlindMonitorParams{}
	}
	r, err := s.c.do(ctx, "blind_monitor", p)
	if err != nil {
		return BlindMonitorResult{}, err
	}
	l, err := r.success("blind_monitor", "HAS BEEN LAUNCHED")
	if err != nil {
		return BlindMonitorResult{}, err
	}
	return BlindMonitorResult{Reply: r.reply(l), PhoneLogin: l.Field(0), Dialstring: l.Field(1), SessionID: l.Field(2)}, nil
}
