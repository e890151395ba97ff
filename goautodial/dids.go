package goautodial

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// DID is one row of the DID list (goGetAllDID): the five columns the list
// returns.
type DID struct {
	ID          int64
	Pattern     string
	Description string
	Active      bool
	Route       RouteKind
}

// DIDInfo is one DID as goGetDIDInfo returns it: the main columns typed,
// and every column of the row, as text, in Columns.
type DIDInfo struct {
	ID          int64
	Pattern     string
	Description string
	Active      bool
	// Route is the did_route and the targets of that route, read from the
	// row (the other routes' stored targets are in Columns).
	Route      Route
	UserGroup  string
	RecordCall string
	// FilterCleanCIDNumber is filter_clean_cid_number.
	FilterCleanCIDNumber string
	// Columns holds every column the server returned, by name, numbers
	// written as the server wrote them and null as "".
	Columns map[string]string
}

// DIDAddParams are the fields of goAddDID.
type DIDAddParams struct {
	// Pattern is the did_pattern (required; 50 characters at most, none of
	// the server's special characters). An E.164 number ("+17275551212")
	// is sent as its digits.
	Pattern string
	// Description is required (the server refuses ""), 50 characters at
	// most, none of the special characters.
	Description string
	// UserGroup must exist on the server (and be the caller's own group
	// for a tenant user).
	UserGroup string
	// Active is checked to be Y/N by the server but not stored by current
	// servers (a new DID is always active); Register applies it with
	// goEditDID.
	Active *bool
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

// Bool returns a pointer to b, for the *bool fields.
func Bool(b bool) *bool { return &b }

func (p *DIDAddParams) form() (url.Values, error) {
	pat := NormalizePattern(p.Pattern)
	c := &check{action: "goAddDID"}
	c.required("did_pattern", pat)
	c.text("did_pattern", pat)
	if p.Description == "" {
		c.fail("did_description", "required")
	}
	c.text("did_description", p.Description)
	c.required("user_group", p.UserGroup)
	c.maxLen("user_group", p.UserGroup, MaxColumn)
	if c.err != nil {
		return nil, c.err
	}
	f := url.Values{}
	f.Set("did_pattern", pat)
	f.Set("did_description", p.Description)
	f.Set("user_group", p.UserGroup)
	if p.Active != nil {
		f.Set("did_active", yn(*p.Active))
	}
	return f, nil
}

// Add registers a DID pattern on the dialer. The server stores only the
// pattern, description and user group: the new DID is active and routed to
// the table's default (EXTEN 9998811112), and its did_id is not returned.
// Register does the whole job (add, find the id, route).
//
// A pattern already registered is an *APIError matching ErrConflict.
//
// Wire action: goAddDID.
func (s *DIDService) Add(ctx context.Context, p *DIDAddParams) error {
	if p == nil {
		p = &DIDAddParams{}
	}
	f, err := p.form()
	if err != nil {
		return err
	}
	_, err = s.c.call(ctx, "goAddDID", f)
	return err
}

// DIDUpdateParams are the fields of goEditDID.
type DIDUpdateParams struct {
	// ID is the did_id (required).
	ID int64
	// Pattern and Description, when not empty, replace the stored values.
	// The server keeps the stored value of every field sent empty, so a
	// field cannot be cleared.
	Pattern     string
	Description string
	// Active, when set, is sent as Y or N.
	Active *bool
	// Route is required: the server refuses an edit without did_route and
	// user_unavailable_action, so both are always sent.
	Route Route
	// FilterCleanCIDNumber, when not empty, replaces
	// filter_clean_cid_number.
	FilterCleanCIDNumber string
}

func (p *DIDUpdateParams) form() (url.Values, error) {
	pat := NormalizePattern(p.Pattern)
	c := &check{action: "goEditDID"}
	if p.ID <= 0 {
		c.fail("did_id", "required (a positive did_id)")
	}
	c.text("did_pattern", pat)
	c.text("did_description", p.Description)
	c.maxLen("filter_clean_cid_number", p.FilterCleanCIDNumber, MaxColumn)
	p.Route.validate(c)
	if c.err != nil {
		return nil, c.err
	}
	f := url.Values{}
	f.Set("did_id", strconv.FormatInt(p.ID, 10))
	if pat != "" {
		f.Set("did_pattern", pat)
	}
	if p.Description != "" {
		f.Set("did_description", p.Description)
	}
	if p.Active != nil {
		f.Set("did_active", yn(*p.Active))
	}
	if p.FilterCleanCIDNumber != "" {
		f.Set("filter_clean_cid_number", p.FilterCleanCIDNumber)
	}
	p.Route.encode(f)
	return f, nil
}

// Update changes a DID: its route (always sent), and optionally its
// pattern, description and active flag. An unknown did_id is an *APIError
// matching ErrNotFound; a pattern another DID has, ErrConflict. The server
// answers success without checking that the database took the change (a
// bad enum value in strict mode); read the DID back with Get when that
// matters.
//
// The seed document's "goEditDIDAPI" is the name of a 2016 documentation
// sample file, not an action: the server answers it "Command Not Found".
// This method sends goEditDID.
//
// Wire action: goEditDID.
func (s *DIDService) Update(ctx context.Context, p *DIDUpdateParams) error {
	if p == nil {
		p = &DIDUpdateParams{}
	}
	f, err := p.form()
	if err != nil {
		return err
	}
	_, err = s.c.call(ctx, "goEditDID", f)
	return err
}

// Delete removes one DID from the dialer (nothing is released at a
// carrier). The server also takes a comma-separated list of ids, but its
// answer then reflects only the last one, so the client sends one id per
// call. An unknown did_id is an *APIError matching ErrNotFound.
//
// Wire action: goDeleteDID.
func (s *DIDService) Delete(ctx context.Context, id int64) error {
	if id <= 0 {
		return &ValidationError{Action: "goDeleteDID", Field: "did_id", Reason: "required (a positive did_id)"}
	}
	f := url.Values{}
	f.Set("did_id", strconv.FormatInt(id, 10))
	_, err := s.c.call(ctx, "goDeleteDID", f)
	return err
}

// DefaultListLimit is the limit List sends when DIDListParams.Limit is 0
// (current servers' own default; the 2016-2018 code's default was 20).
const DefaultListLimit = 1000

// DIDListParams are the fields of goGetAllDID.
type DIDListParams struct {
	// Limit caps the rows (0 means DefaultListLimit). Current servers
	// apply no order, so a limit below the table's size returns an
	// arbitrary part of it.
	Limit int
	// UserGroup filters the 2016-2018 goGetDIDsList ("" sends ADMIN,
	// which meant every group). Current servers filter by session user.
	UserGroup string
}

const (
	listV4 int32 = iota + 1
	listLegacy
)

// List returns the DIDs the session user may see, as goGetAllDID lists
// them (five columns; Get returns every column of one). It needs the pass
// hash as the credential and user level 8 or more on current servers
// (otherwise an *APIError matching ErrPermission, code 10001). On a server
// from before 2018-05-05, which answers goGetAllDID "Command Not Found",
// it calls goGetDIDsList instead, and remembers that for the client's
// life. An empty table is an empty slice.
//
// Wire action: goGetAllDID (goGetDIDsList on older servers).
func (s *DIDService) List(ctx context.Context, p *DIDListParams) ([]DID, error) {
	if p == nil {
		p = &DIDListParams{}
	}
	if p.Limit < 0 {
		return nil, &ValidationError{Action: "goGetAllDID", Field: "limit", Reason: "must not be negative"}
	}
	dids, _, err := s.list(ctx, p)
	return dids, err
}

// list returns the rows and the action that answered.
func (s *DIDService) list(ctx context.Context, p *DIDListParams) ([]DID, string, error) {
	limit := p.Limit
	if limit == 0 {
		limit = DefaultListLimit
	}
	mode := s.c.listAction.Load()
	if mode != listLegacy {
		f := url.Values{}
		f.Set("limit", strconv.Itoa(limit))
		a, err := s.c.call(ctx, "goGetAllDID", f)
		if err == nil {
			s.c.listAction.Store(listV4)
			d, err := s.c.decodeList("goGetAllDID", a)
			return d, "goGetAllDID", err
		}
		if !errors.Is(err, ErrUnsupported) || mode == listV4 {
			return nil, "goGetAllDID", err
		}
		s.c.listAction.Store(listLegacy)
	}
	f := url.Values{}
	f.Set("limit", strconv.Itoa(limit))
	ug := p.UserGroup
	if ug == "" {
		ug = "ADMIN"
	}
	f.Set("user_group", ug)
	a, err := s.c.call(ctx, "goGetDIDsList", f)
	if err != nil {
		return nil, "goGetDIDsList", err
	}
	d, err := s.c.decodeList("goGetDIDsList", a)
	return d, "goGetDIDsList", err
}

func (c *Client) decodeList(action string, a answer) ([]DID, error) {
	d, err := decodeList(action, a)
	return d, c.scrubber.Scrub(err)
}

// Get returns one DID with every column of its row. An unknown did_id is
// an *APIError matching ErrNotFound. Like List it needs the pass hash and
// user level 8 or more on current servers.
//
// The seed document's sample sends did_pattern; the server reads did_id.
//
// Wire action: goGetDIDInfo.
func (s *DIDService) Get(ctx context.Context, id int64) (DIDInfo, error) {
	if id <= 0 {
		return DIDInfo{}, &ValidationError{Action: "goGetDIDInfo", Field: "did_id", Reason: "required (a positive did_id)"}
	}
	f := url.Values{}
	f.Set("did_id", strconv.FormatInt(id, 10))
	a, err := s.c.call(ctx, "goGetDIDInfo", f)
	if err != nil {
		return DIDInfo{}, err
	}
	info, err := decodeInfo(a)
	return info, s.c.scrubber.Scrub(err)
}

func decodeInfo(a answer) (DIDInfo, error) {
	const action = "goGetDIDInfo"
	raw, ok := a.fields["data"]
	if !ok {
		return DIDInfo{}, shapeErr(action, `no "data" object`)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		// an older server wraps the row in a one-element array
		var rows []map[string]json.RawMessage
		if json.Unmarshal(raw, &rows) != nil || len(rows) != 1 {
			return DIDInfo{}, shapeErr(action, `"data" is not an object`)
		}
		obj = rows[0]
	}
	cols := make(map[string]string, len(obj))
	for k, v := range obj {
		s, ok := scalar(v)
		if !ok {
			return DIDInfo{}, shapeErr(action, "column "+k+" is not a scalar")
		}
		cols[k] = s
	}
	id, ok := parseID(cols["did_id"])
	if !ok {
		return DIDInfo{}, shapeErr(action, "did_id is not a positive integer")
	}
	info := DIDInfo{
		ID:                   id,
		Pattern:              cols["did_pattern"],
		Description:          cols["did_description"],
		Active:               strings.EqualFold(cols["did_active"], "Y"),
		UserGroup:            cols["user_group"],
		RecordCall:           cols["record_call"],
		FilterCleanCIDNumber: cols["filter_clean_cid_number"],
		Columns:              cols,
	}
	info.Route = routeFromColumns(cols)
	return info, nil
}

// routeFromColumns reads the route of a row: its kind and that kind's
// targets only.
func routeFromColumns(c map[string]string) Route {
	r := Route{Kind: RouteKind(c["did_route"])}
	switch r.Kind {
	case RouteAgent:
		r.User, r.UnavailableAction, r.AgentInGroup = c["user"], UnavailableAction(c["user_unavailable_action"]), c["user_route_settings_ingroup"]
	case RouteInGroup:
		r.GroupID, r.CallHandleMethod, r.AgentSearchMethod, r.ListID = c["group_id"], c["call_handle_method"], c["agent_search_method"], c["list_id"]
	case RoutePhone:
		r.Phone, r.ServerIP = c["phone"], c["server_ip"]
	case RouteCallMenu:
		r.MenuID = c["menu_id"]
	case RouteVoicemail, RouteVoicemailNoInstructions:
		r.VoicemailBox = c["voicemail_ext"]
	case RouteExtension:
		r.Extension, r.ExtenContext = c["extension"], c["exten_context"]
	}
	return r
}

// ColumnNames returns the names of Columns, sorted.
func (d DIDInfo) ColumnNames() []string {
	names := make([]string, 0, len(d.Columns))
	for k := range d.Columns {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Exists reports whether a DID with this pattern is registered. The
// server's answer is inverted: goCheckDID answers "success" when the
// pattern is free and "DID NOT ADDED - DID already exist." when it is
// taken; Exists turns that into true/false and other answers into errors.
//
// Wire action: goCheckDID.
func (s *DIDService) Exists(ctx context.Context, pattern string) (bool, error) {
	pat := NormalizePattern(pattern)
	c := &check{action: "goCheckDID"}
	c.required("did_pattern", pat)
	c.maxLen("did_pattern", pat, MaxColumn)
	if c.err != nil {
		return false, c.err
	}
	f := url.Values{}
	f.Set("did_pattern", pat)
	_, err := s.c.call(ctx, "goCheckDID", f)
	var ae *APIError
	switch {
	case err == nil:
		return false, nil
	case errors.As(err, &ae) && errors.Is(err, ErrConflict):
		return true, nil
	}
	return false, err
}

// DIDRegisterParams are the fields of Register.
type DIDRegisterParams struct {
	// Pattern, Description and UserGroup as in DIDAddParams.
	Pattern     string
	Description string
	UserGroup   string
	// Active, when set, is applied with the route (a new DID is active).
	Active *bool
	// Route is required.
	Route Route
}

// RegisterFindLimit is the limit Register lists with to find the new
// did_id (the server applies no order, so the list must hold every DID).
const RegisterFindLimit = 1000000

// Register adds a DID and routes it, which takes the server three calls:
// goAddDID (which returns no id and ignores the route), the list to find
// the new did_id, and goEditDID with the route. Every field, the route's
// targets included, is checked before the first call.
//
// When the add is refused, its *APIError is returned (nothing was added:
// ErrConflict for a pattern already registered). When a later step fails
// the error is a *RegisterError saying what exists on the server: the DID
// added but not routed (ErrPartial, with its did_id when it was found),
// or, when an answer was lost, maybe added or maybe routed
// (ErrOutcomeUnknown). Settle it with Exists, List or Get, then Update or
// Delete.
//
// Wire actions: goAddDID, goGetAllDID (or goGetDIDsList), goEditDID.
func (s *DIDService) Register(ctx context.Context, p *DIDRegisterParams) (DID, error) {
	if p == nil {
		p = &DIDRegisterParams{}
	}
	add := &DIDAddParams{Pattern: p.Pattern, Description: p.Description, UserGroup: p.UserGroup}
	f, err := add.form()
	if err != nil {
		return DID{}, err
	}
	rc := &check{action: "goEditDID"}
	p.Route.validate(rc)
	if rc.err != nil {
		return DID{}, rc.err
	}
	pat := f.Get("did_pattern")
	fail := func(step string, st RegisterState, id int64, err error) (DID, error) {
		return DID{}, s.c.scrubber.Scrub(&RegisterError{Pattern: pat, Step: step, State: st, DIDID: id, Err: err})
	}

	// 1. add
	if _, err := s.c.call(ctx, "goAddDID", f); err != nil {
		if errors.Is(err, ErrOutcomeUnknown) {
			return fail("goAddDID", MaybeAdded, 0, err)
		}
		return DID{}, err
	}
	// 2. find the new did_id
	dids, step, err := s.list(ctx, &DIDListParams{Limit: RegisterFindLimit})
	if err != nil {
		return fail(step, AddedNotRouted, 0, err)
	}
	var id int64
	for _, d := range dids {
		if d.Pattern == pat {
			id = d.ID
			break
		}
	}
	if id == 0 {
		return fail(step, AddedNotRouted, 0, shapeErr(step, "the new DID is not in the list"))
	}
	// 3. route
	up := &DIDUpdateParams{ID: id, Active: p.Active, Route: p.Route}
	uf, err := up.form()
	if err != nil {
		return fail("goEditDID", AddedNotRouted, id, err)
	}
	if _, err := s.c.call(ctx, "goEditDID", uf); err != nil {
		if errors.Is(err, ErrOutcomeUnknown) {
			return fail("goEditDID", MaybeRouted, id, err)
		}
		return fail("goEditDID", AddedNotRouted, id, err)
	}
	active := true
	if p.Active != nil {
		active = *p.Active
	}
	return DID{ID: id, Pattern: pat, Description: p.Description, Active: active, Route: p.Route.Kind}, nil
}
