package vicidialtest

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"
)

// Lead is a lead of the fake (a vicidial_list row).
type Lead struct {
	LeadID         int64
	ListID         int64
	EntryListID    int64
	PhoneCode      string
	PhoneNumber    string
	GMTOffset      float64
	User           string
	Status         string
	VendorLeadCode string
	// Fields holds the other columns by wire name (first_name, city, ...).
	Fields map[string]string
	// Custom holds custom field values.
	Custom map[string]string
	// EntryDate is when the lead was loaded.
	EntryDate time.Time
	// Callback is set when a callback is scheduled.
	Callback *Callback
	// InHopper is set once the lead was added to the hopper.
	InHopper bool
}

// Callback is a scheduled callback of a lead.
type Callback struct {
	Datetime   string
	CampaignID string
	User       string
	Type       string
	Status     string
	Comments   string
}

// List is a list of the fake.
type List struct {
	ListID      int64
	Name        string
	CampaignID  string
	Active      bool
	Description string
	// CustomFields are the field labels defined for the list.
	CustomFields []string
}

// Phone is a phone of the fake.
type Phone struct {
	Extension      string
	ServerIP       string
	DialplanNumber string
	VoicemailID    string
	Login          string
	Protocol       string
	FullName       string
	LocalGMT       string
	OutboundCID    string
	Context        string
	Email          string
	Active         bool
}

// InboundDID is a row of the inbound-DID table (newer builds).
type InboundDID struct {
	Pattern     string
	Description string
	Active      bool
	Route       string
	Extension   string
	Context     string
	Voicemail   string
	PhoneExten  string
	ServerIP    string
	Group       string
	MenuID      string
	RecordCall  string
	// Fields holds the other settings by wire name.
	Fields map[string]string
}

// DIDCall is a row of the DID call log (vicidial_did_log plus the call's
// length from the closer log).
type DIDCall struct {
	DID      string
	CallerID string
	CallDate time.Time // server wall clock
	UniqueID string
	Length   int
}

// PhoneCall is a row of the phone number log.
type PhoneCall struct {
	PhoneNumber  string
	CallDate     time.Time
	ListID       int64
	Length       int
	LeadStatus   string
	HangupReason string
	CallStatus   string
	SourceID     string
	User         string
	Inbound      bool
}

type userRec struct {
	User
	failures []time.Time
}

type logEntry struct {
	CallID, UniqueID, Group, Status, User string
	LeadID                                int64
	Phone                                 string
	CallDate                              time.Time
	CustTime                              int
	ListID                                int64
	Closer                                bool
}

type liveAgent struct {
	User, Status, CallID, CampaignID, PauseCode, SubStatus, Phone, VendorLeadCode, SessionID, CallerID string
	LeadID                                                                                             int64
	CallsToday                                                                                         int
	InGroups                                                                                           []string
	ServerIP                                                                                           string
}

type recording struct {
	Start    time.Time
	User     string
	ID       int64
	LeadID   int64
	Location string
	UniqueID string
}

type agentStat struct {
	User                                                           string
	Day                                                            time.Time
	Calls, Login, Talk, Wait, Pause, Sessions, Pauses, Dispo, Dead int
}

type npaInfo struct {
	gmt   float64
	dst   bool
	state string
}

type state struct {
	seed  int64
	users map[string]*userRec

	groups    map[string]bool // user groups
	campaigns map[string]map[string]string
	inGroups  map[string]int // in-group -> calls waiting
	callTimes map[string][2]int
	servers   map[string]bool

	leads      map[int64]*Lead
	nextLead   int64
	lists      map[int64]*List
	phones     map[string]*Phone // ext@ip
	aliases    map[string][]string
	aliasNames map[string]string
	groupAlias map[string]string // id -> cid
	dids       map[string]*InboundDID
	didLog     []DIDCall
	phoneLog   []PhoneCall
	logs       []*logEntry
	live       map[string]*liveAgent
	recs       []recording
	stats      []agentStat
	dnc        map[string]bool
	campDNC    map[string]map[string]bool
	npa        map[string]npaInfo
	nextUser   int
	nextHopper int64
	refreshes  int
}

// wall is the fake's local wall-clock time at the instant t: US Eastern with
// the US DST rules (built without tzdata), labelled UTC, as the server
// prints times without a zone.
func wall(t time.Time) time.Time {
	off := -5 * time.Hour
	if usDST(t, -5) {
		off = -4 * time.Hour
	}
	return t.UTC().Add(off)
}

// usDST reports whether the US rule (second Sunday of March to first Sunday
// of November, 2:00 local) puts the instant t in DST for standard offset std.
func usDST(t time.Time, std float64) bool {
	local := t.UTC().Add(time.Duration(std * float64(time.Hour)))
	y := local.Year()
	start := nthSunday(y, time.March, 2).Add(2 * time.Hour)
	end := nthSunday(y, time.November, 1).Add(1 * time.Hour) // 2:00 DST = 1:00 standard
	return !local.Before(start) && local.Before(end)
}

func nthSunday(y int, m time.Month, n int) time.Time {
	d := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	for d.Weekday() != time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 7*(n-1))
}

func newState(seed int64, now time.Time) *state {
	st := &state{
		seed:       seed,
		users:      map[string]*userRec{},
		groups:     map[string]bool{"ADMIN": true, "AGENTS": true, "SUPPORT": true},
		campaigns:  map[string]map[string]string{"TESTCAMP": {"campaign_name": "Test Campaign", "active": "Y", "dial_method": "RATIO", "auto_dial_level": "1.0", "hopper_level": "100"}, "SALES": {"campaign_name": "Sales Outbound", "active": "Y", "dial_method": "MANUAL", "auto_dial_level": "0", "hopper_level": "50"}},
		inGroups:   map[string]int{"SALESLINE": 0, "SUPPORT": 1},
		callTimes:  map[string][2]int{"9am-9pm": {900, 2100}, "24hours": {0, 2400}, "9am-5pm": {900, 1700}},
		servers:    map[string]bool{"10.0.9.8": true, "10.10.10.16": true},
		leads:      map[int64]*Lead{},
		nextLead:   193715,
		lists:      map[int64]*List{},
		phones:     map[string]*Phone{},
		aliases:    map[string][]string{},
		aliasNames: map[string]string{},
		groupAlias: map[string]string{},
		dids:       map[string]*InboundDID{},
		live:       map[string]*liveAgent{},
		dnc:        map[string]bool{"7275550000": true},
		campDNC:    map[string]map[string]bool{"TESTCAMP": {"3125550199": true}},
		nextUser:   1100,
		nextHopper: 1677922,
		npa: map[string]npaInfo{
			"212": {-5, true, "NY"}, "305": {-5, true, "FL"}, "312": {-6, true, "IL"}, "213": {-8, true, "CA"},
			"415": {-8, true, "CA"}, "602": {-7, false, "AZ"}, "720": {-7, true, "CO"}, "727": {-5, true, "FL"},
			"808": {-10, false, "HI"}, "907": {-9, true, "AK"}, "416": {-5, true, "ON"}, "514": {-5, true, "QC"},
			"604": {-8, true, "BC"}, "800": {-5, true, ""}, "999": {-5, true, ""},
		},
	}
	admin := User{User: DefaultUser, Pass: DefaultPass, Level: 9, Group: "ADMIN", FullName: "API Admin"}.AllPermissions()
	st.users[admin.User] = &userRec{User: admin}
	for _, u := range []User{
		{User: "6666", Pass: "1234pass", Level: 9, Group: "ADMIN", FullName: "Admin"},
		{User: "reports", Pass: "reports7", Level: 7, Group: "ADMIN", ViewReports: true, FullName: "Report Viewer"},
		{User: "1000", Pass: "agent1000", Level: 1, Group: "AGENTS", FullName: "Test Agent"},
		{User: "1029", Pass: "agent1029", Level: 1, Group: "AGENTS", FullName: "test agent"},
	} {
		if u.User == "6666" {
			u = u.AllPermissions()
		}
		st.users[u.User] = &userRec{User: u}
	}
	st.lists[999] = &List{ListID: 999, Name: "Default inbound list", CampaignID: "TESTCAMP", Active: true}
	st.lists[101] = &List{ListID: 101, Name: "Florida leads", CampaignID: "TESTCAMP", Active: true, CustomFields: []string{"favorite_color"}}
	st.lists[8107] = &List{ListID: 8107, Name: "Sales list", CampaignID: "SALES", Active: true}
	st.phones["cc100@10.0.9.8"] = &Phone{Extension: "cc100", ServerIP: "10.0.9.8", DialplanNumber: "100", VoicemailID: "100", Login: "cc100", Protocol: "SIP", FullName: "Phone cc100", LocalGMT: "-5.00", Context: "default", Active: true}
	st.phones["350a@10.10.10.16"] = &Phone{Extension: "350a", ServerIP: "10.10.10.16", DialplanNumber: "350", VoicemailID: "350", Login: "350a", Protocol: "SIP", FullName: "Monitor 350a", LocalGMT: "-5.00", Context: "default", Active: true}
	st.aliases["sales"] = []string{"cc100"}
	st.aliasNames["sales"] = "Sales phones"

	today := dayOf(wall(now))
	// leads
	for i, p := range []struct {
		phone, first, last, vlc string
		list                    int64
	}{{"7275551111", "Bob", "Wilson", "1000019", 999}, {"3125551212", "Ann", "Smith", "1000020", 101}, {"9998887112", "Carl", "Jones", "89763545", 8107}} {
		id := st.nextLead
		st.nextLead++
		st.leads[id] = &Lead{LeadID: id, ListID: p.list, PhoneCode: "1", PhoneNumber: p.phone, GMTOffset: st.gmtOf("1", p.phone, now),
			User: "", Status: "NEW", VendorLeadCode: p.vlc, Fields: map[string]string{"first_name": p.first, "last_name": p.last},
			Custom: map[string]string{}, EntryDate: today.AddDate(0, 0, -10-i)}
	}
	// live agents
	st.live["1000"] = &liveAgent{User: "1000", Status: "INCALL", CallID: "M4050908070000012345", CampaignID: "TESTCAMP", CallsToday: 1,
		LeadID: 193715, Phone: "7275551111", VendorLeadCode: "1000019", SessionID: "8600051", CallerID: "M4050908070000012345",
		InGroups: []string{"SALESLINE"}, ServerIP: "10.10.10.16"}
	st.live["1029"] = &liveAgent{User: "1029", Status: "PAUSED", CampaignID: "SALES", CallsToday: 0, PauseCode: "BRK2",
		SessionID: "8600052", InGroups: []string{"SUPPORT"}, ServerIP: "10.10.10.16"}
	// call logs
	st.logs = []*logEntry{
		{CallID: "M9131554060000426264", UniqueID: "1347566056.399", Group: "TESTCAMP", Status: "WN", User: "6666", LeadID: 193715,
			Phone: "7275551111", CallDate: today.Add(-20 * time.Hour), CustTime: 725, ListID: 999},
		{CallID: "Y2010309520000000234", UniqueID: "1347566100.412", Group: "SALESLINE", Status: "DROP", User: "1000", LeadID: 193716,
			Phone: "3125551212", CallDate: today.Add(-19 * time.Hour), CustTime: 131, ListID: 101, Closer: true},
	}
	st.recs = []recording{
		{Start: today.Add(-20 * time.Hour), User: "1000", ID: 534820, LeadID: 193715, UniqueID: "1347566056.399",
			Location: "http://dialer.example/RECORDINGS/20101203_120000_7275551111_1000-all.wav"},
	}
	st.stats = []agentStat{
		{User: "1000", Day: today.AddDate(0, 0, -1), Calls: 5, Login: 251, Talk: 108, Wait: 85, Pause: 27, Sessions: 2, Pauses: 4, Dispo: 20, Dead: 3},
		{User: "1029", Day: today.AddDate(0, 0, -1), Calls: 1, Login: 112, Talk: 16, Wait: 18, Pause: 54, Sessions: 3, Pauses: 5, Dispo: 6, Dead: 0},
	}
	st.dids["3125551212"] = &InboundDID{Pattern: "3125551212", Description: "Chicago sales line", Active: true, Route: "IN_GROUP", Group: "SALESLINE", RecordCall: "N", Fields: map[string]string{}}
	st.seedCallLogs(today)
	return st
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// seedCallLogs fills the DID and phone number logs for the three days up to
// today (server wall clock, labelled UTC), deterministically from the seed.
func (st *state) seedCallLogs(today time.Time) {
	rng := rand.New(rand.NewPCG(uint64(st.seed), 0xd1d))
	dids := []string{"3125551212", "8005551000", "7275559000"}
	n := 0
	for d := -2; d <= 0; d++ {
		day := today.AddDate(0, 0, d)
		for i, did := range dids {
			calls := 3 + rng.IntN(5) - i
			for k := 0; k < calls; k++ {
				at := day.Add(time.Duration(8*3600+rng.IntN(10*3600)) * time.Second)
				length := rng.IntN(600)
				if rng.IntN(6) == 0 {
					length = 0 // abandoned
				}
				n++
				cid := fmt.Sprintf("%d555%04d", []int{727, 312, 213, 602}[rng.IntN(4)], rng.IntN(10000))
				st.didLog = append(st.didLog, DIDCall{DID: did, CallerID: cid, CallDate: at, UniqueID: fmt.Sprintf("%d.%d", at.Unix(), n), Length: length})
				st.phoneLog = append(st.phoneLog, PhoneCall{PhoneNumber: cid, CallDate: at, ListID: 999, Length: length,
					LeadStatus: "INBND", HangupReason: "CALLER", CallStatus: "SALE", SourceID: "", User: "1000", Inbound: true})
			}
		}
		for _, l := range []struct {
			phone string
			list  int64
		}{{"9998887112", 82106}, {"7275551111", 999}} {
			at := day.Add(time.Duration(9*3600+rng.IntN(8*3600)) * time.Second)
			st.phoneLog = append(st.phoneLog, PhoneCall{PhoneNumber: l.phone, CallDate: at, ListID: l.list, Length: 20 + rng.IntN(300),
				LeadStatus: "TD", HangupReason: "AGENT", CallStatus: "SALE", SourceID: "mail098", User: "6666"})
		}
	}
	sort.SliceStable(st.didLog, func(i, j int) bool { return st.didLog[i].CallDate.Before(st.didLog[j].CallDate) })
	sort.SliceStable(st.phoneLog, func(i, j int) bool { return st.phoneLog[i].CallDate.Before(st.phoneLog[j].CallDate) })
}

// login checks user and pass (already stripped). It returns the user, or
// nil and the failure line.
func (st *state) login(user, pass string, now time.Time) (*userRec, string) {
	u := st.users[user]
	if u != nil {
		recent := u.failures[:0]
		for _, f := range u.failures {
			if now.Sub(f) < 15*time.Minute {
				recent = append(recent, f)
			}
		}
		u.failures = recent
		if len(u.failures) >= 10 {
			return nil, fmt.Sprintf("ERROR: Too many login attempts, try again in 15 minutes: |%s|LOCK|\n", user)
		}
	}
	if u == nil || u.Pass != pass || pass == "" || u.Level <= 6 || u.Inactive {
		if u != nil {
			u.failures = append(u.failures, now)
		}
		return nil, fmt.Sprintf("ERROR: Login incorrect, please try again: |%s|%s|BAD|\n", user, pass)
	}
	u.failures = nil
	return u, ""
}

// gmtOf looks a number's GMT offset up from the NPA table (country code 1),
// DST applied at now; unknown area codes get the server's offset.
func (st *state) gmtOf(code, phone string, now time.Time) float64 {
	if code == "1" && len(phone) >= 10 {
		npa := phone[len(phone)-10 : len(phone)-7]
		if n, ok := st.npa[npa]; ok {
			if n.dst && usDST(now, n.gmt) {
				return n.gmt + 1
			}
			return n.gmt
		}
	}
	if usDST(now, -5) {
		return -4
	}
	return -5
}

// SetClock is not offered: the clock is fixed at construction.

// Lead returns a lead by id.
func (s *Server) Lead(id int64) (Lead, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.st.leads[id]
	if !ok {
		return Lead{}, false
	}
	return copyLead(l), true
}

func copyLead(l *Lead) Lead {
	c := *l
	c.Fields = cloneMap(l.Fields)
	c.Custom = cloneMap(l.Custom)
	if l.Callback != nil {
		cb := *l.Callback
		c.Callback = &cb
	}
	return c
}

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Leads returns every lead, by id.
func (s *Server) Leads() []Lead {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int64, 0, len(s.st.leads))
	for id := range s.st.leads {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := make([]Lead, 0, len(ids))
	for _, id := range ids {
		out = append(out, copyLead(s.st.leads[id]))
	}
	return out
}

// DID returns an inbound DID of the table by pattern.
func (s *Server) DID(pattern string) (InboundDID, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.st.dids[pattern]
	if !ok {
		return InboundDID{}, false
	}
	c := *d
	c.Fields = cloneMap(d.Fields)
	return c, true
}

// AddDIDCall adds a row to the DID call log.
func (s *Server) AddDIDCall(c DIDCall) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.didLog = append(s.st.didLog, c)
}

// DIDCalls returns the DID call log rows of did on day (server date).
func (s *Server) DIDCalls(did string, day time.Time) []DIDCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []DIDCall
	for _, c := range s.st.didLog {
		if c.DID == did && c.CallDate.Format(time.DateOnly) == day.Format(time.DateOnly) {
			out = append(out, c)
		}
	}
	return out
}

// UserInfo returns a user (agent or API user) by id.
func (s *Server) UserInfo(user string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.st.users[user]
	if !ok {
		return User{}, false
	}
	return u.User, true
}

// PhoneInfo returns a phone by extension and server IP.
func (s *Server) PhoneInfo(ext, ip string) (Phone, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.st.phones[ext+"@"+ip]
	if !ok {
		return Phone{}, false
	}
	return *p, true
}

// ListInfo returns a list by id.
func (s *Server) ListInfo(id int64) (List, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.st.lists[id]
	if !ok {
		return List{}, false
	}
	return *l, true
}

// Campaign returns a campaign's settings by id.
func (s *Server) Campaign(id string) (map[string]string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.st.campaigns[id]
	return cloneMap(c), ok
}

// LogStatus returns the status of a call log record by call id or uniqueid.
func (s *Server) LogStatus(callID string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.st.logs {
		if e.CallID == callID || e.UniqueID == callID {
			return e.Status, true
		}
	}
	return "", false
}

// GroupAlias reports the caller id of a group alias.
func (s *Server) GroupAlias(id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.st.groupAlias[id]
	return c, ok
}

// PhoneAlias returns the phone logins of an alias.
func (s *Server) PhoneAlias(id string) ([]string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.st.aliases[id]
	return append([]string(nil), a...), ok
}

// Refreshes counts server_refresh calls that ran.
func (s *Server) Refreshes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.refreshes
}
