package vicidial

import (
	"context"
	"regexp"
	"time"
)

// BuildMenuID introduced the menu_id option of add_did and update_did
// (2021-02-17).
const BuildMenuID = "210217-0000"

// DIDCall is one inbound call of did_log_export.
type DIDCall struct {
	// DID is the number called, as stored (digits).
	DID string
	// CallDate is the server's wall-clock time of the call.
	CallDate time.Time
	// CallerID is the caller's number.
	CallerID string
	// Length is the call's length (0 for calls that never connected).
	Length time.Duration
}

var dateLead = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} `)

// Log exports every inbound call to did for one day (the server's date).
// The server prints the caller id in the second column and the date in the
// third, under a header that says the opposite (a bug of the server code);
// the client takes the date from whichever of the two columns holds one. A
// day without calls is an empty slice.
//
// did must be digits only: the server strips every other character, so a
// DID stored with "+" or letters can never match.
//
// Wire function: did_log_export.
func (s *DIDsService) ListCalls(ctx context.Context, did string, day time.Time) ([]DIDCall, error) {
	c := &check{fn: "did_log_export"}
	c.required("phone_number", did)
	c.digits("phone_number", did, 1, 20)
	c.date("date", day, true)
	if c.err != nil {
		return nil, c.err
	}
	rows, err := s.c.export(ctx, "did_log_export", nil, 4, "phone_number", did, "date", day.Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	return decodeRows("did_log_export", rows, []string{"did_number", "caller_id_number", "call_date", "length_in_sec"},
		func(d *cols) DIDCall {
			dateCol, cidCol := 2, 1 // as the server code prints it
			if dateLead.MatchString(d.s(1)) && !dateLead.MatchString(d.s(2)) {
				dateCol, cidCol = 1, 2 // as the documentation shows it
			}
			return DIDCall{DID: d.s(0), CallerID: d.s(cidCol), CallDate: d.dt(dateCol), Length: d.secs(3)}
		})
}

// DIDRoute is where an inbound DID sends its calls (add_did, update_did).
type DIDRoute string

// The routes of add_did and update_did.
const (
	RouteExten       DIDRoute = "EXTEN"
	RouteVoicemail   DIDRoute = "VOICEMAIL"
	RouteAgent       DIDRoute = "AGENT"
	RoutePhone       DIDRoute = "PHONE"
	RouteInGroup     DIDRoute = "IN_GROUP"
	RouteCallMenu    DIDRoute = "CALLMENU"
	RouteVMailNoInst DIDRoute = "VMAIL_NO_INST"
)

// DIDParams are the settings of add_did and update_did.
type DIDParams struct {
	// DIDPattern is the DID (2-50 characters: digits, with an optional
	// leading "+", sent form-encoded as %2B). It identifies the DID on
	// update.
	DIDPattern string `form:"did_pattern"`
	// DIDDescription is 6-50 characters.
	DIDDescription string `form:"did_description"`
	Active         *bool  `form:"active"`
	// DIDRoute needs its target: EXTEN an Extension (and ExtenContext),
	// VOICEMAIL and VMAIL_NO_INST a VoicemailExt, PHONE a PhoneExtension
	// and ServerIP, IN_GROUP a Group, CALLMENU a MenuID.
	DIDRoute DIDRoute `form:"did_route"`
	// RecordCall is Y, N or Y_QUEUESTOP.
	RecordCall           string `form:"record_call"`
	Extension            string `form:"extension"`
	ExtenContext         string `form:"exten_context"`
	VoicemailExt         string `form:"voicemail_ext"`
	PhoneExtension       string `form:"phone_extension"`
	ServerIP             string `form:"server_ip"`
	Group                string `form:"group"`
	MenuID               string `form:"menu_id"`
	FilterCleanCIDNumber string `form:"filter_clean_cid_number"`
	CallHandleMethod     string `form:"call_handle_method"`
	AgentSearchMethod    string `form:"agent_search_method"`
	ListID               string `form:"list_id"`
	EntryListID          string `form:"entry_list_id"`
	CampaignID           string `form:"campaign_id"`
	PhoneCode            string `form:"phone_code"`
}

func (p *DIDParams) check(fn string) error {
	c := &check{fn: fn}
	c.required("did_pattern", p.DIDPattern)
	c.length("did_pattern", p.DIDPattern, 2, 50)
	c.chars("did_pattern", p.DIDPattern, didChars, "digits with an optional leading '+'")
	c.length("did_description", p.DIDDescription, 6, 50)
	c.oneOf("did_route", string(p.DIDRoute), "EXTEN", "VOICEMAIL", "AGENT", "PHONE", "IN_GROUP", "CALLMENU", "VMAIL_NO_INST")
	c.oneOf("record_call", p.RecordCall, "Y", "N", "Y_QUEUESTOP")
	switch p.DIDRoute {
	case RouteExten:
		c.required("extension", p.Extension)
	case RouteVoicemail, RouteVMailNoInst:
		c.required("voicemail_ext", p.VoicemailExt)
	case RoutePhone:
		c.required("phone_extension", p.PhoneExtension)
		c.required("server_ip", p.ServerIP)
	case RouteInGroup:
		c.required("group", p.Group)
	case RouteCallMenu:
		c.required("menu_id", p.MenuID)
	}
	c.chars("server_ip", p.ServerIP, ipChars, "digits and dots")
	c.chars("group", p.Group, idChars, "letters, digits, '-' and '_'")
	c.chars("menu_id", p.MenuID, idChars, "letters, digits, '-' and '_'")
	c.oneOf("call_handle_method", p.CallHandleMethod, "CID", "CIDLOOKUP", "CIDLOOKUPRL", "CIDLOOKUPRC", "ANI",
		"ANILOOKUP", "ANILOOKUPRL", "VIDPROMPT", "CLOSER", "3DIGITID", "4DIGITID", "5DIGITID", "10DIGITID")
	c.oneOf("agent_search_method", p.AgentSearchMethod, "LO", "LB", "SO")
	c.digits("list_id", p.ListID, 1, 14)
	c.digits("entry_list_id", p.EntryListID, 1, 14)
	c.digits("phone_code", p.PhoneCode, 1, 4)
	return c.err
}

// DIDResult is the answer of add_did, update_did and copy_did.
type DIDResult struct {
	Reply
	User       string
	DIDPattern string
	Deleted    bool
}

func (s *DIDsService) write(ctx context.Context, fn string, p any, option, min string, want []string, extra ...string) (DIDResult, error) {
	if err := s.c.requireBuild(ctx, fn, option, min); err != nil {
		return DIDResult{}, err
	}
	r, err := s.c.do(ctx, fn, p, extra...)
	if err != nil {
		return DIDResult{}, err
	}
	l, err := r.success(fn, want...)
	if err != nil {
		return DIDResult{}, err
	}
	return DIDResult{Reply: r.reply(l), User: l.Field(0), DIDPattern: l.Field(1)}, nil
}

// Add registers an inbound DID and its route on the dialer. It needs build
// 210209-2014 or newer (and 210217 for MenuID): on an older server it
// returns an *UnsupportedError (ErrUnsupported) after asking version, before
// anything is written. Nothing is bought: the dialer only learns where the
// number's calls go.
//
// Wire function: add_did.
func (s *DIDsService) Add(ctx context.Context, p *DIDParams) (DIDResult, error) {
	if p == nil {
		p = &DIDParams{}
	}
	if err := p.check("add_did"); err != nil {
		return DIDResult{}, err
	}
	if p.MenuID != "" {
		if err := s.c.requireBuild(ctx, "add_did", "menu_id", BuildMenuID); err != nil {
			return DIDResult{}, err
		}
	}
	return s.write(ctx, "add_did", p, "", BuildAddDID, []string{"DID HAS BEEN ADDED"})
}

// Update changes an inbound DID's settings, found by DIDPattern. It needs
// build 180331-1716 or newer (*UnsupportedError before any write
// otherwise). An unknown DID is an error matching ErrNotFound.
//
// Wire function: update_did.
func (s *DIDsService) Update(ctx context.Context, p *DIDParams) (DIDResult, error) {
	if p == nil {
		p = &DIDParams{}
	}
	if err := p.check("update_did"); err != nil {
		return DIDResult{}, err
	}
	if p.MenuID != "" {
		if err := s.c.requireBuild(ctx, "update_did", "menu_id", BuildMenuID); err != nil {
			return DIDResult{}, err
		}
	}
	return s.write(ctx, "update_did", p, "", BuildUpdateDID, []string{"DID HAS BEEN UPDATED"})
}

// Delete removes an inbound DID from the dialer (update_did with
// delete_did=Y). It needs build 201113 or newer (*UnsupportedError before any
// write otherwise).
//
// Wire function: update_did (delete_did=Y).
func (s *DIDsService) Delete(ctx context.Context, didPattern string) (DIDResult, error) {
	p := &DIDParams{DIDPattern: didPattern}
	if err := p.check("update_did"); err != nil {
		return DIDResult{}, err
	}
	res, err := s.write(ctx, "update_did", p, "delete_did", BuildDeleteDID, []string{"DID HAS BEEN DELETED"}, "delete_did", "Y")
	res.Deleted = err == nil
	return res, err
}

// DIDCopyParams are the fields of copy_did.
type DIDCopyParams struct {
	// DIDPattern is the new DID.
	DIDPattern string `form:"did_pattern"`
	// SourceDIDPattern is the existing DID whose settings are copied.
	SourceDIDPattern string `form:"source_did_pattern"`
	DIDDescription   string `form:"did_description"`
}

func (p *DIDCopyParams) validate() error {
	c := &check{fn: "copy_did"}
	for _, f := range [][2]string{{"did_pattern", p.DIDPattern}, {"source_did_pattern", p.SourceDIDPattern}} {
		c.required(f[0], f[1])
		c.length(f[0], f[1], 2, 50)
		c.chars(f[0], f[1], didChars, "digits with an optional leading '+'")
	}
	c.length("did_description", p.DIDDescription, 6, 50)
	return c.err
}

// Copy creates a DID with the settings of an existing one. It needs build
// 240730 or newer (*UnsupportedError before any write otherwise).
//
// Wire function: copy_did.
func (s *DIDsService) Copy(ctx context.Context, p *DIDCopyParams) (DIDResult, error) {
	if p == nil {
		p = &DIDCopyParams{}
	}
	if err := p.validate(); err != nil {
		return DIDResult{}, err
	}
	return s.write(ctx, "copy_did", p, "", BuildCopyDID, []string{"DID HAS BEEN COPIED", "DID HAS BEEN ADDED"})
}
