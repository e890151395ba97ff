package vicidial

// class says whether a function may be sent again after a failure.
type class int

const (
	// classRead: the function only reads (exports, status, lookups); it is
	// retried on transient failures.
	classRead class = iota + 1
	// classWrite: the function changes state or starts something (adds,
	// updates, deletes, a monitor call, a conf refresh); it is sent at most
	// once and fails with ErrOutcomeUnknown when it may have run.
	classWrite
)

// fnSpec describes one wire function.
type fnSpec struct {
	class class
	// auth is false for the one function that needs no login (version).
	auth bool
	// minBuild is the first server build that has the function (or the
	// option); "" means every build since the 2017-06-01 document.
	minBuild string
	// html is true for the functions whose answer is an HTML fragment or
	// page (the sounds, music-on-hold and voicemail lists, agent in-group
	// info): for them an HTML body is data, not an error page.
	html bool
	// emptyOK is true for lead_field_info, whose answer to an empty field is
	// an empty body.
	emptyOK bool
}

// Builds that introduced functions newer than the 2017-06-01 document
// (VICIdial's non_agent_api.php $build; YYMMDD-HHMM).
const (
	// BuildDocumented is the build of the 2017-06-01 document Dialer360
	// publishes (API 2.14-96).
	BuildDocumented = "170601-0747"
	// BuildUpdateDID introduced update_did (API 2.14-108).
	BuildUpdateDID = "180331-1716"
	// BuildDeleteDID introduced update_did's delete_did=Y option (API
	// 2.14-133, 2020-11-13).
	BuildDeleteDID = "201113-0000"
	// BuildAddDID introduced add_did (API 2.14-137).
	BuildAddDID = "210209-2014"
	// BuildCopyDID introduced copy_did (2024-07-30).
	BuildCopyDID = "240730-0000"
)

// functions is every wire function this package types: the 30 of the
// 2017-06-01 document, update_log_entry (documented in its body but missing
// from its list), and the DID functions of newer builds.
var functions = map[string]fnSpec{
	"version":            {class: classRead},
	"sounds_list":        {class: classRead, auth: true, html: true},
	"moh_list":           {class: classRead, auth: true, html: true},
	"vm_list":            {class: classRead, auth: true, html: true},
	"blind_monitor":      {class: classWrite, auth: true},
	"add_lead":           {class: classWrite, auth: true},
	"update_lead":        {class: classWrite, auth: true},
	"agent_ingroup_info": {class: classRead, auth: true, html: true},
	"recording_lookup":   {class: classRead, auth: true},
	"did_log_export":     {class: classRead, auth: true},
	"agent_stats_export": {class: classRead, auth: true},
	"add_user":           {class: classWrite, auth: true},
	"update_user":        {class: classWrite, auth: true},
	"add_phone":          {class: classWrite, auth: true},
	"update_phone":       {class: classWrite, auth: true},
	"add_phone_alias":    {class: classWrite, auth: true},
	"update_phone_alias": {class: classWrite, auth: true},
	"add_list":           {class: classWrite, auth: true},
	"update_list":        {class: classWrite, auth: true},
	"add_group_alias":    {class: classWrite, auth: true},
	"user_group_status":  {class: classRead, auth: true},
	"in_group_status":    {class: classRead, auth: true},
	"agent_status":       {class: classRead, auth: true},
	"callid_info":        {class: classRead, auth: true},
	"lead_field_info":    {class: classRead, auth: true, emptyOK: true},
	"server_refresh":     {class: classWrite, auth: true},
	"check_phone_number": {class: classRead, auth: true},
	"logged_in_agents":   {class: classRead, auth: true},
	"update_campaign":    {class: classWrite, auth: true},
	"phone_number_log":   {class: classRead, auth: true},
	"update_log_entry":   {class: classWrite, auth: true},
	"update_did":         {class: classWrite, auth: true, minBuild: BuildUpdateDID},
	"add_did":            {class: classWrite, auth: true, minBuild: BuildAddDID},
	"copy_did":           {class: classWrite, auth: true, minBuild: BuildCopyDID},
}

// DocumentedFunctions lists the 30 functions of the 2017-06-01 document in
// its order.
var DocumentedFunctions = []string{
	"version", "sounds_list", "moh_list", "vm_list", "blind_monitor", "add_lead", "update_lead",
	"agent_ingroup_info", "recording_lookup", "did_log_export", "agent_stats_export", "add_user",
	"update_user", "add_phone", "update_phone", "add_phone_alias", "update_phone_alias", "add_list",
	"update_list", "add_group_alias", "user_group_status", "in_group_status", "agent_status",
	"callid_info", "lead_field_info", "server_refresh", "check_phone_number", "logged_in_agents",
	"update_campaign", "phone_number_log",
}
