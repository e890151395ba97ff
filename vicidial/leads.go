package vicidial

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Blank, sent as the value of an editable field of update_lead, clears the
// field (the server ignores empty values).
const Blank = "--BLANK--"

// LeadFields are the lead columns add_lead and update_lead take.
type LeadFields struct {
	VendorLeadCode string `form:"vendor_lead_code"` // 1-20 characters
	SourceID       string `form:"source_id"`        // 1-50 characters
	// GMTOffsetNow is overridden by the server's own lookup from the phone
	// code and area code when it finds one ("-5.00").
	GMTOffsetNow   string    `form:"gmt_offset_now"`
	Title          string    `form:"title"`          // 1-4 characters
	FirstName      string    `form:"first_name"`     // 1-30 characters
	MiddleInitial  string    `form:"middle_initial"` // 1 character
	LastName       string    `form:"last_name"`      // 1-30 characters
	Address1       string    `form:"address1"`
	Address2       string    `form:"address2"`
	Address3       string    `form:"address3"`
	City           string    `form:"city"`
	State          string    `form:"state"` // 2 characters
	Province       string    `form:"province"`
	PostalCode     string    `form:"postal_code"`  // 1-10 characters
	CountryCode    string    `form:"country_code"` // 3 characters
	Gender         string    `form:"gender"`       // U, M or F
	DateOfBirth    time.Time `form:"date_of_birth,date"`
	AltPhone       string    `form:"alt_phone"` // 1-12 characters
	Email          string    `form:"email"`     // 1-70 characters
	SecurityPhrase string    `form:"security_phrase"`
	Comments       string    `form:"comments"` // 1-255 characters
	Rank           *int      `form:"rank"`
	Owner          string    `form:"owner"` // user id, territory or user group
	// EntryListID overrides the list whose custom fields the lead uses
	// (3-12 digits; the documentation warns it can break custom fields).
	EntryListID string `form:"entry_list_id"`
}

func (f *LeadFields) check(c *check) {
	c.length("vendor_lead_code", f.VendorLeadCode, 1, 20)
	c.length("source_id", f.SourceID, 1, 50)
	c.length("title", f.Title, 1, 4)
	c.length("first_name", f.FirstName, 1, 30)
	c.length("middle_initial", f.MiddleInitial, 1, 1)
	c.length("last_name", f.LastName, 1, 30)
	c.length("address1", f.Address1, 1, 100)
	c.length("address2", f.Address2, 1, 100)
	c.length("address3", f.Address3, 1, 100)
	c.length("city", f.City, 1, 50)
	if f.State != Blank {
		c.length("state", f.State, 2, 2)
	}
	c.length("province", f.Province, 1, 50)
	c.length("postal_code", f.PostalCode, 1, 10)
	if f.CountryCode != Blank {
		c.length("country_code", f.CountryCode, 1, 3)
	}
	c.oneOf("gender", f.Gender, "U", "M", "F", Blank)
	c.date("date_of_birth", f.DateOfBirth, false)
	c.length("alt_phone", f.AltPhone, 1, 12)
	c.length("email", f.Email, 1, 70)
	c.length("security_phrase", f.SecurityPhrase, 1, 100)
	c.length("comments", f.Comments, 1, 255)
	c.intRange("rank", f.Rank, -99999, 99999)
	c.length("owner", f.Owner, 1, 20)
	c.digits("entry_list_id", f.EntryListID, 3, 12)
	if f.GMTOffsetNow != "" {
		if _, err := strconv.ParseFloat(f.GMTOffsetNow, 64); err != nil {
			c.fail("gmt_offset_now", "must be a number of hours such as -5.00")
		}
	}
}

// Callback schedules a lead as a callback (add_lead, update_lead).
type Callback struct {
	// Status is the callback status (1-6 characters, default CALLBK).
	Status string `form:"callback_status"`
	// Datetime is "NOW" or "YYYY-MM-DD HH:MM:SS" (server time); required
	// with a callback.
	Datetime string `form:"callback_datetime"`
	// Type is USERONLY or ANYONE (the default).
	Type string `form:"callback_type"`
	// User is the user a USERONLY callback is assigned to.
	User     string `form:"callback_user"`
	Comments string `form:"callback_comments"`
}

var datetimeRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$`)

func (cb *Callback) check(c *check, campaignID string) {
	c.length("callback_status", cb.Status, 1, 6)
	if cb.Datetime != "NOW" && !datetimeRE.MatchString(cb.Datetime) {
		c.fail("callback_datetime", `must be "NOW" or "YYYY-MM-DD HH:MM:SS"`)
	}
	c.oneOf("callback_type", cb.Type, "USERONLY", "ANYONE")
	if cb.Type == "USERONLY" {
		c.required("callback_user", cb.User)
	}
	if campaignID == "" {
		c.fail("campaign_id", "required with a callback")
	}
}

// Hopper puts a lead into the dialing hopper (add_lead, update_lead).
type Hopper struct {
	// Priority is -99 to 99 (default 0); higher is dialed first.
	Priority *int `form:"hopper_priority"`
	// LocalCallTimeCheck checks the lead's local and state call times
	// before inserting it.
	LocalCallTimeCheck bool `form:"hopper_local_call_time_check"`
}

// LeadAddParams are the fields of add_lead.
type LeadAddParams struct {
	// PhoneNumber is required: 6-16 digits.
	PhoneNumber string `form:"phone_number"`
	// PhoneCode is the country dialing code, 1-4 digits (default 1).
	PhoneCode string `form:"phone_code"`
	// ListID is the list to add to, digits (default 999).
	ListID string `form:"list_id"`
	// DNCCheck and CampaignDNCCheck are Y, N (the default) or AREACODE.
	DNCCheck         string `form:"dnc_check"`
	CampaignDNCCheck string `form:"campaign_dnc_check"`
	// CampaignID (2-8 characters) is required with CampaignDNCCheck and
	// callbacks.
	CampaignID string `form:"campaign_id"`
	// AddToHopper puts the lead in the hopper; Hopper sets how.
	AddToHopper bool `form:"add_to_hopper"`
	Hopper
	// DuplicateCheck lists the checks to run (DUPLIST, DUPCAMP, DUPSYS,
	// DUPTITLEALTPHONELIST, ..., each optionally with 90DAY appended); a
	// duplicate fails with ErrConflict.
	DuplicateCheck      []string `form:"duplicate_check,dash"`
	USACanPrefixCheck   bool     `form:"usacan_prefix_check"`
	USACanAreacodeCheck bool     `form:"usacan_areacode_check"`
	NANPAACPrefixCheck  bool     `form:"nanpa_ac_prefix_check"`
	// TZMethod is "", POSTAL, TZCODE or NANPA.
	TZMethod    string `form:"tz_method"`
	LookupState bool   `form:"lookup_state"`
	// Callback, when set, schedules the lead as a callback.
	Callback *Callback `form:"-"`
	// MultiAltPhones is "number_code_note!number_code_note..." (5-1024
	// characters).
	MultiAltPhones string `form:"multi_alt_phones"`
	LeadFields
	// CustomFields are sent as their own fields (custom_fields=Y is set
	// for you when there are any).
	CustomFields map[string]string `form:"custom,extra"`
}

func (p *LeadAddParams) validate() error {
	c := &check{fn: "add_lead"}
	c.required("phone_number", p.PhoneNumber)
	c.digits("phone_number", p.PhoneNumber, 6, 16)
	c.digits("phone_code", p.PhoneCode, 1, 4)
	c.digits("list_id", p.ListID, 3, 14)
	c.oneOf("dnc_check", p.DNCCheck, "Y", "N", "AREACODE")
	c.oneOf("campaign_dnc_check", p.CampaignDNCCheck, "Y", "N", "AREACODE")
	c.length("campaign_id", p.CampaignID, 2, 8)
	c.chars("campaign_id", p.CampaignID, idChars, "letters, digits, '-' and '_'")
	if p.CampaignDNCCheck == "Y" || p.CampaignDNCCheck == "AREACODE" {
		c.required("campaign_id", p.CampaignID)
	}
	c.intRange("hopper_priority", p.Hopper.Priority, -99, 99)
	c.oneOf("tz_method", p.TZMethod, "POSTAL", "TZCODE", "NANPA")
	for _, d := range p.DuplicateCheck {
		if !dupRE.MatchString(d) {
			c.fail("duplicate_check", "unknown check "+strconv.Quote(d))
		}
	}
	if p.Callback != nil {
		p.Callback.check(c, p.CampaignID)
	}
	c.length("multi_alt_phones", p.MultiAltPhones, 5, 1024)
	p.LeadFields.check(c)
	c.extra("custom_fields", p.CustomFields, p)
	return c.err
}

var dupRE = regexp.MustCompile(`^DUP(LIST|CAMP|SYS|TITLEALTPHONE(LIST|CAMP|SYS)|NAMEPHONE(LIST|CAMP|SYS))(90DAY)?$`)

// AddLeadResult is the answer of add_lead.
type AddLeadResult struct {
	Reply
	PhoneNumber string
	ListID      int64
	LeadID      int64
	// GMTOffset is the lead's GMT offset in hours as the server found it.
	GMTOffset float64
	// User is the API user that added the lead.
	User string
}

// leadAdded decodes "phone_number|list_id|lead_id|gmt_offset|user", the
// field order the server code prints (the documentation shows
// phone|user|list|lead|gmt, which no server of the 2017 release prints).
func leadAdded(fn string, l Line) (AddLeadResult, error) {
	var r AddLeadResult
	if len(l.Data) < 4 {
		return r, shapeErr(fn, "LEAD HAS BEEN ADDED line has fewer than 4 fields")
	}
	var err1, err2, err3 error
	r.PhoneNumber = l.Data[0]
	r.ListID, err1 = strconv.ParseInt(l.Data[1], 10, 64)
	r.LeadID, err2 = strconv.ParseInt(l.Data[2], 10, 64)
	r.GMTOffset, err3 = strconv.ParseFloat(l.Data[3], 64)
	r.User = l.Field(4)
	if err := errors.Join(err1, err2, err3); err != nil {
		return r, shapeErr(fn, "LEAD HAS BEEN ADDED fields list_id, lead_id or gmt_offset do not parse")
	}
	return r, nil
}

// Add adds a lead to a list. The answer's NOTICE lines (hopper, custom
// fields, callbacks) are kept in Notices.
//
// Wire function: add_lead.
func (s *LeadsService) Add(ctx context.Context, p *LeadAddParams) (AddLeadResult, error) {
	if p == nil {
		return AddLeadResult{}, &ValidationError{Function: "add_lead", Field: "phone_number", Reason: "required"}
	}
	r, err := s.c.do(ctx, "add_lead", p, leadExtras(p.CustomFields, p.Callback)...)
	if err != nil {
		return AddLeadResult{}, err
	}
	l, err := r.success("add_lead", "LEAD HAS BEEN ADDED")
	if err != nil {
		return AddLeadResult{}, err
	}
	res, err := leadAdded("add_lead", l)
	if err != nil {
		return AddLeadResult{}, &OutcomeUnknownError{Function: "add_lead", Err: errors.New(err.Error())}
	}
	res.Reply = r.reply(l)
	return res, nil
}

func leadExtras(custom map[string]string, cb *Callback) []string {
	var kv []string
	if len(custom) > 0 {
		kv = append(kv, "custom_fields", "Y")
	}
	if cb != nil {
		kv = append(kv, "callback", "Y")
		for _, f := range [][2]string{{"callback_status", cb.Status}, {"callback_datetime", cb.Datetime},
			{"callback_type", cb.Type}, {"callback_user", cb.User}, {"callback_comments", cb.Comments}} {
			if f[1] != "" {
				kv = append(kv, f[0], f[1])
			}
		}
	}
	return kv
}

// LeadUpdateParams are the fields of update_lead. One of LeadID,
// VendorLeadCode (LeadFields) or PhoneNumber finds the lead, as SearchMethod
// says.
type LeadUpdateParams struct {
	LeadID      int64  `form:"lead_id"`
	PhoneNumber string `form:"phone_number"`
	// SearchMethod combines LEAD_ID, VENDOR_LEAD_CODE and PHONE_NUMBER
	// ("LEAD_ID_VENDOR_LEAD_CODE"); the default is LEAD_ID.
	SearchMethod string `form:"search_method"`
	// SearchLocation is LIST, CAMPAIGN or SYSTEM (the default).
	SearchLocation string `form:"search_location"`
	// ListID is the list searched (LIST, CAMPAIGN) or inserted into.
	ListID    string `form:"list_id"`
	PhoneCode string `form:"phone_code"`
	// InsertIfNotFound adds the lead when no match is found (needs
	// PhoneNumber, PhoneCode and ListID).
	InsertIfNotFound bool `form:"insert_if_not_found"`
	// Records is how many matching leads to update (default 1, the most
	// recently loaded).
	Records int `form:"records"`
	// NoUpdate only reports the matching leads (LeadsFound) and changes
	// nothing.
	NoUpdate   bool `form:"no_update"`
	DeleteLead bool `form:"delete_lead"`
	ResetLead  bool `form:"reset_lead"`
	// Callback schedules a callback; RemoveCallback deletes the lead's.
	Callback          *Callback `form:"-"`
	RemoveCallback    bool      `form:"-"`
	CampaignID        string    `form:"campaign_id"`
	UpdatePhoneNumber bool      `form:"update_phone_number"`
	AddToHopper       bool      `form:"add_to_hopper"`
	Hopper
	// UserField sets the lead's user column; ListIDField moves the lead to
	// another list; Status sets its status (1-6 characters).
	UserField   string `form:"user_field"`
	ListIDField string `form:"list_id_field"`
	Status      string `form:"status"`
	LeadFields
	CustomFields map[string]string `form:"custom,extra"`
}

func (p *LeadUpdateParams) validate() error {
	c := &check{fn: "update_lead"}
	if p.LeadID <= 0 && p.VendorLeadCode == "" && p.PhoneNumber == "" {
		c.fail("lead_id", "one of lead_id, vendor_lead_code or phone_number is required")
	}
	if p.LeadID < 0 || p.LeadID > 999999999 {
		c.fail("lead_id", "must be 1-9 digits")
	}
	c.digits("phone_number", p.PhoneNumber, 6, 16)
	if p.SearchMethod != "" && !searchRE.MatchString(p.SearchMethod) {
		c.fail("search_method", "must combine LEAD_ID, VENDOR_LEAD_CODE and PHONE_NUMBER")
	}
	c.oneOf("search_location", p.SearchLocation, "LIST", "CAMPAIGN", "SYSTEM")
	c.digits("list_id", p.ListID, 3, 14)
	c.digits("phone_code", p.PhoneCode, 1, 4)
	if p.InsertIfNotFound && (p.PhoneNumber == "" || p.ListID == "") {
		c.fail("insert_if_not_found", "needs phone_number and list_id")
	}
	if p.Records < 0 {
		c.fail("records", "must be positive")
	}
	if p.Callback != nil {
		if p.RemoveCallback {
			c.fail("callback", "Callback and RemoveCallback are exclusive")
		}
		p.Callback.check(c, p.CampaignID)
	}
	c.intRange("hopper_priority", p.Hopper.Priority, -99, 99)
	c.length("user_field", p.UserField, 1, 20)
	if p.ListIDField != Blank {
		c.digits("list_id_field", p.ListIDField, 3, 12)
	}
	c.length("status", p.Status, 1, 6)
	c.chars("status", p.Status, idChars, "letters, digits, '-' and '_'")
	p.LeadFields.check(c)
	c.extra("custom_fields", p.CustomFields, p)
	return c.err
}

var searchRE = regexp.MustCompile(`^(LEAD_ID|VENDOR_LEAD_CODE|PHONE_NUMBER)(_(LEAD_ID|VENDOR_LEAD_CODE|PHONE_NUMBER))*$`)

// LeadMatch is one lead reported by update_lead with NoUpdate
// ("LEADS FOUND IN THE SYSTEM").
type LeadMatch struct {
	User           string
	LeadID         int64
	VendorLeadCode string
	PhoneNumber    string
	ListID         int64
	EntryListID    int64
}

// UpdateLeadResult is the answer of update_lead.
type UpdateLeadResult struct {
	Reply
	// User is the API user; LeadID the lead updated (the first one when
	// Records > 1); AffectedRows how many rows changed.
	User         string
	LeadID       int64
	AffectedRows int64
	// Added is set when InsertIfNotFound added a new lead.
	Added *AddLeadResult
	// Deleted is true when DeleteLead removed the lead.
	Deleted bool
	// LeadsFound are the matches reported with NoUpdate.
	LeadsFound []LeadMatch
}

// Update changes, deletes, resets or looks up a lead. With NoUpdate the
// matches are in LeadsFound and nothing changes; no match at all is an
// error matching ErrNotFound.
//
// Wire function: update_lead.
func (s *LeadsService) Update(ctx context.Context, p *LeadUpdateParams) (UpdateLeadResult, error) {
	if p == nil {
		return UpdateLeadResult{}, &ValidationError{Function: "update_lead", Field: "lead_id", Reason: "required"}
	}
	extra := leadExtras(p.CustomFields, p.Callback)
	if p.RemoveCallback {
		extra = append(extra, "callback", "REMOVE")
	}
	r, err := s.c.do(ctx, "update_lead", p, extra...)
	if err != nil {
		return UpdateLeadResult{}, err
	}
	var res UpdateLeadResult
	for _, n := range r.a.notices {
		if n.Message == "LEADS FOUND IN THE SYSTEM" {
			m := LeadMatch{User: n.Field(0), VendorLeadCode: n.Field(2), PhoneNumber: n.Field(3)}
			m.LeadID, _ = strconv.ParseInt(n.Field(1), 10, 64)
			m.ListID, _ = strconv.ParseInt(n.Field(4), 10, 64)
			m.EntryListID, _ = strconv.ParseInt(n.Field(5), 10, 64)
			res.LeadsFound = append(res.LeadsFound, m)
		}
	}
	if p.NoUpdate && r.a.outcome == nil {
		res.Notices = r.red.lines(r.a.notices)
		if len(res.LeadsFound) == 0 {
			return res, shapeErr("update_lead", "no LEADS FOUND line")
		}
		return res, nil
	}
	l, err := r.success("update_lead", "LEAD HAS BEEN UPDATED", "LEAD HAS BEEN ADDED", "LEAD HAS BEEN DELETED")
	if err != nil {
		return UpdateLeadResult{}, err
	}
	switch {
	case strings.HasPrefix(l.Message, "LEAD HAS BEEN UPDATED"):
		// code order: user|lead_id|affected_rows (the doc shows user|lead_id)
		res.User = l.Field(0)
		res.LeadID, _ = strconv.ParseInt(l.Field(1), 10, 64)
		res.AffectedRows, _ = strconv.ParseInt(l.Field(2), 10, 64)
	case strings.HasPrefix(l.Message, "LEAD HAS BEEN ADDED"):
		a, err := leadAdded("update_lead", l)
		if err != nil {
			return UpdateLeadResult{}, &OutcomeUnknownError{Function: "update_lead", Err: errors.New(err.Error())}
		}
		a.Reply = r.reply(l)
		res.Added, res.LeadID, res.User, res.AffectedRows = &a, a.LeadID, a.User, 1
	default:
		// LEAD HAS BEEN DELETED prints the add_lead order too
		a, _ := leadAdded("update_lead", l)
		res.Deleted, res.LeadID, res.User, res.AffectedRows = true, a.LeadID, a.User, 1
	}
	res.Reply = r.reply(l)
	return res, nil
}

// LeadGetFieldParams are the fields of lead_field_info.
type LeadGetFieldParams struct {
	LeadID    int64  `form:"lead_id"`
	FieldName string `form:"field_name"`
	// CustomFields says FieldName is a custom field.
	CustomFields bool `form:"custom_fields"`
	// ListID overrides the entry list of a custom field.
	ListID string `form:"list_id"`
}

func (p *LeadGetFieldParams) validate() error {
	c := &check{fn: "lead_field_info"}
	if p.LeadID <= 0 {
		c.fail("lead_id", "required")
	}
	c.required("field_name", p.FieldName)
	c.chars("field_name", p.FieldName, idChars, "letters, digits, '-' and '_'")
	c.digits("list_id", p.ListID, 1, 14)
	return c.err
}

// Field returns the value of one field of a lead (as printed: the bare
// value; "" for an empty field).
//
// Wire function: lead_field_info.
func (s *LeadsService) GetField(ctx context.Context, p *LeadGetFieldParams) (string, error) {
	if p == nil {
		return "", &ValidationError{Function: "lead_field_info", Field: "lead_id", Reason: "required"}
	}
	r, err := s.c.do(ctx, "lead_field_info", p)
	if err != nil {
		return "", err
	}
	if r.a.outcome != nil || len(r.a.rows) > 1 {
		return "", shapeErr("lead_field_info", "expected one bare value line")
	}
	if len(r.a.rows) == 0 {
		return "", nil
	}
	return r.a.rows[0], nil
}
