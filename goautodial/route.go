package goautodial

import "net/url"

// RouteKind is a did_route value.
type RouteKind string

// The did_route values the server accepts (its error message lists only
// the first six; VMAIL_NO_INST is accepted too).
const (
	RouteExtension               RouteKind = "EXTEN"
	RouteVoicemail               RouteKind = "VOICEMAIL"
	RouteAgent                   RouteKind = "AGENT"
	RoutePhone                   RouteKind = "PHONE"
	RouteInGroup                 RouteKind = "IN_GROUP"
	RouteCallMenu                RouteKind = "CALLMENU"
	RouteVoicemailNoInstructions RouteKind = "VMAIL_NO_INST"
)

// UnavailableAction is where an AGENT route sends a call when the agent is
// not available (user_unavailable_action).
type UnavailableAction string

// The user_unavailable_action values the server accepts.
const (
	UnavailableInGroup                 UnavailableAction = "IN_GROUP"
	UnavailableExtension               UnavailableAction = "EXTEN"
	UnavailableVoicemail               UnavailableAction = "VOICEMAIL"
	UnavailablePhone                   UnavailableAction = "PHONE"
	UnavailableVoicemailNoInstructions UnavailableAction = "VMAIL_NO_INST"
)

// Defaults of the route settings (the DID table's defaults).
const (
	DefaultUnavailableAction = UnavailableVoicemail
	DefaultAgentInGroup      = "AGENTDIRECT"
	DefaultCallHandleMethod  = "CID"
	DefaultAgentSearchMethod = "LB"
	DefaultListID            = "999"
	DefaultExtension         = "9998811112"
	DefaultExtenContext      = "default"
)

// Route is where a DID sends its calls: a did_route and its targets. Build
// one with Agent, InGroup, Phone, CallMenu, Voicemail, Extension or
// VoicemailNoInstructions; the zero Route is "no route". The server checks
// none of the pairings of a route with its targets, so Validate (run by
// every method that sends a Route) does, before any I/O.
type Route struct {
	Kind RouteKind

	// AGENT: the agent, what happens when they are unavailable, and the
	// in-group whose settings the call uses (default AGENTDIRECT).
	User              string
	UnavailableAction UnavailableAction
	AgentInGroup      string

	// IN_GROUP: the in-group, its call handle method (default CID), agent
	// search method (LO, LB or SO; default LB) and list id (default 999).
	GroupID           string
	CallHandleMethod  string
	AgentSearchMethod string
	ListID            string

	// PHONE: the phone's extension and server.
	Phone    string
	ServerIP string

	// CALLMENU: the call menu (IVR).
	MenuID string

	// VOICEMAIL, VMAIL_NO_INST: the voicemail box.
	VoicemailBox string

	// EXTEN: the extension and its dialplan context.
	Extension    string
	ExtenContext string
}

// Agent routes calls to one agent (user). unavailable says where a call
// goes when the agent is not available ("" means VOICEMAIL); inGroup is the
// in-group whose settings apply ("" means AGENTDIRECT).
func Agent(user string, unavailable UnavailableAction, inGroup string) Route {
	if unavailable == "" {
		unavailable = DefaultUnavailableAction
	}
	if inGroup == "" {
		inGroup = DefaultAgentInGroup
	}
	return Route{Kind: RouteAgent, User: user, UnavailableAction: unavailable, AgentInGroup: inGroup}
}

// InGroup routes calls to an in-group (queue). Empty settings take the
// defaults: call handle method CID, agent search method LB, list 999.
func InGroup(groupID, callHandleMethod, agentSearchMethod, listID string) Route {
	if callHandleMethod == "" {
		callHandleMethod = DefaultCallHandleMethod
	}
	if agentSearchMethod == "" {
		agentSearchMethod = DefaultAgentSearchMethod
	}
	if listID == "" {
		listID = DefaultListID
	}
	return Route{Kind: RouteInGroup, GroupID: groupID, CallHandleMethod: callHandleMethod,
		AgentSearchMethod: agentSearchMethod, ListID: listID}
}

// Phone routes calls to a phone extension on a server.
func Phone(extension, serverIP string) Route {
	return Route{Kind: RoutePhone, Phone: extension, ServerIP: serverIP}
}

// CallMenu routes calls to a call menu (IVR).
func CallMenu(menuID string) Route { return Route{Kind: RouteCallMenu, MenuID: menuID} }

// Voicemail routes calls to a voicemail box, with its instructions played.
func Voicemail(box string) Route { return Route{Kind: RouteVoicemail, VoicemailBox: box} }

// VoicemailNoInstructions routes calls to a voicemail box without the
// instructions.
func VoicemailNoInstructions(box string) Route {
	return Route{Kind: RouteVoicemailNoInstructions, VoicemailBox: box}
}

// Extension routes calls to a dialplan extension in a context ("" means
// "default").
func Extension(extension, context string) Route {
	if context == "" {
		context = DefaultExtenContext
	}
	return Route{Kind: RouteExtension, Extension: extension, ExtenContext: context}
}

// IsZero reports whether r is the zero Route.
func (r Route) IsZero() bool { return r == Route{} }

// Validate checks the route's targets as the server would judge them, and
// the pairings it does not check: each route needs its own targets.
func (r Route) Validate() error {
	c := &check{action: "route"}
	r.validate(c)
	return c.err
}

var (
	routeKinds         = []string{"EXTEN", "VOICEMAIL", "AGENT", "PHONE", "IN_GROUP", "CALLMENU", "VMAIL_NO_INST"}
	unavailableActions = []string{"IN_GROUP", "EXTEN", "VOICEMAIL", "PHONE", "VMAIL_NO_INST"}
	agentSearchMethods = []string{"LO", "LB", "SO"}
)

func (r Route) validate(c *check) {
	if r.Kind == "" {
		c.fail("did_route", "required (the server refuses an edit without a route)")
		return
	}
	c.oneOf("did_route", string(r.Kind), routeKinds...)
	// targets of other routes must be empty: they would be stored anyway
	// and mislead whoever reads the DID
	other := func(field, v string, kinds ...RouteKind) {
		if v == "" {
			return
		}
		for _, k := range kinds {
			if r.Kind == k {
				return
			}
		}
		c.fail(field, "is not a target of route "+string(r.Kind))
	}
	other("user", r.User, RouteAgent)
	other("user_unavailable_action", string(r.UnavailableAction), RouteAgent)
	other("user_route_settings_ingroup", r.AgentInGroup, RouteAgent)
	other("group_id", r.GroupID, RouteInGroup)
	other("call_handle_method", r.CallHandleMethod, RouteInGroup)
	other("agent_search_method", r.AgentSearchMethod, RouteInGroup)
	other("list_id", r.ListID, RouteInGroup)
	other("phone", r.Phone, RoutePhone)
	other("server_ip", r.ServerIP, RoutePhone)
	other("menu_id", r.MenuID, RouteCallMenu)
	other("voicemail_ext", r.VoicemailBox, RouteVoicemail, RouteVoicemailNoInstructions)
	other("extension", r.Extension, RouteExtension)
	other("exten_context", r.ExtenContext, RouteExtension)

	switch r.Kind {
	case RouteAgent:
		c.required("user", r.User)
		c.maxLen("user", r.User, MaxColumn)
		c.oneOf("user_unavailable_action", string(r.UnavailableAction), unavailableActions...)
		c.special("user_route_settings_ingroup", r.AgentInGroup, groupSpecialBytes)
		c.maxLen("user_route_settings_ingroup", r.AgentInGroup, MaxColumn)
	case RouteInGroup:
		c.required("group_id", r.GroupID)
		c.special("group_id", r.GroupID, groupSpecialBytes)
		c.maxLen("group_id", r.GroupID, MaxColumn)
		c.special("call_handle_method", r.CallHandleMethod, specialBytes)
		c.maxLen("call_handle_method", r.CallHandleMethod, MaxColumn)
		c.oneOf("agent_search_method", r.AgentSearchMethod, agentSearchMethods...)
		c.digits("list_id", r.ListID)
	case RoutePhone:
		c.required("phone", r.Phone)
		c.text("phone", r.Phone)
		c.required("server_ip", r.ServerIP)
		c.text("server_ip", r.ServerIP)
	case RouteCallMenu:
		c.required("menu_id", r.MenuID)
		c.text("menu_id", r.MenuID)
	case RouteVoicemail, RouteVoicemailNoInstructions:
		c.required("voicemail_ext", r.VoicemailBox)
		c.text("voicemail_ext", r.VoicemailBox)
	case RouteExtension:
		c.required("extension", r.Extension)
		c.text("extension", r.Extension)
		c.required("exten_context", r.ExtenContext)
		c.text("exten_context", r.ExtenContext)
	}
}

// encode puts the route on a goEditDID form. did_route and
// user_unavailable_action are always sent: the server turns a missing
// value into "" and refuses it. For a route other than AGENT the
// unavailable action sent is the table's default, VOICEMAIL.
func (r Route) encode(f url.Values) {
	f.Set("did_route", string(r.Kind))
	ua := r.UnavailableAction
	if ua == "" {
		ua = DefaultUnavailableAction
	}
	f.Set("user_unavailable_action", string(ua))
	set := func(k, v string) {
		if v != "" {
			f.Set(k, v)
		}
	}
	set("user", r.User)
	set("user_route_settings_ingroup", r.AgentInGroup)
	set("group_id", r.GroupID)
	set("call_handle_method", r.CallHandleMethod)
	set("agent_search_method", r.AgentSearchMethod)
	set("list_id", r.ListID)
	set("phone", r.Phone)
	set("server_ip", r.ServerIP)
	set("menu_id", r.MenuID)
	set("voicemail_ext", r.VoicemailBox)
	set("extension", r.Extension)
	set("exten_context", r.ExtenContext)
}
