package voipmstest

// This file is the single place that says which keys the simulator puts in a
// response. Each entry is "method.collectionKey" and lists the row fields in
// the order the simulator renders them. The names follow the "Output" blocks
// of the VoIP.ms API reference (see the project's reference notes, §2.4) with
// the live corrections recorded in api-response-overrides.json. A few extra
// keys that the reference notes as present on the live API but missing from
// the docs are marked in comments. fields_test.go checks these lists against
// the extracted docs when the data files are available.

// rowFields maps "method.key" to the ordered field list of one row.
var rowFields = map[string][]string{
	// DIDs owned by the account.
	"getDIDsInfo.dids": {
		"did", "description", "routing", "failover_busy", "failover_unreachable", "failover_noanswer",
		"voicemail", "pop", "dialtime", "cnam", "e911", "callerid_prefix", "note", "port_out_pin",
		"billing_type", "next_billing", "order_date", "reseller_account", "reseller_next_billing",
		"reseller_monthly", "reseller_minute", "reseller_setup", "sms_available", "sms_enabled",
		"sms_email", "sms_email_enabled", "sms_forward", "sms_forward_enabled", "sms_url_callback",
		"sms_url_callback_enabled", "sms_url_callback_retry", "smpp_enabled", "smpp_url", "smpp_user",
		"smpp_pass", "transcribe", "transcription_locale", "transcription_redaction",
		"transcription_summary", "transcription_sentiment", "transcription_email",
		// Returned live although not in the doc block (reference §2.4 getDIDsInfo notes).
		"record_calls", "mms_available", "voicemail_threshold", "webhook", "webhook_enabled",
		"dialmode", "sms_sipaccount", "sms_sipaccount_enabled",
	},
	"getBackOrders.back_orders": {
		"id", "description", "routing", "failover_busy", "failover_unreachable", "failover_noanswer",
		"voicemail", "pop", "dialtime", "cnam", "billing_type", "order_date",
	},

	// Inventory searches.
	"getDIDsUSA.dids": {
		"did", "ratecenter", "state", "state_description", "perminute_monthly", "perminute_minute",
		"perminute_setup", "flat_monthly", "flat_minute", "flat_setup", "has_port_out_pin", "sms",
	},
	"getDIDsCAN.dids": {
		"did", "ratecenter", "province", "province_description", "perminute_monthly", "perminute_minute",
		"perminute_setup", "flat_monthly", "flat_minute", "flat_setup", "sms",
	},
	"searchDIDsUSA.dids": {
		"did", "ratecenter", "state", "state_description", "perminute_monthly", "perminute_minute",
		"perminute_setup", "flat_monthly", "flat_minute", "flat_setup",
	},
	"searchDIDsCAN.dids": {
		"did", "ratecenter", "province", "province_description", "perminute_monthly", "perminute_minute",
		"perminute_setup", "flat_monthly", "flat_minute", "flat_setup",
	},
	"searchTollFreeCanUS.dids": {"did", "monthly", "minute", "setup"},
	"searchTollFreeUSA.dids": {
		"did", "monthly", "minute_usa", "minute_canada", "minute_puertorico", "minute_alaska", "setup",
	},
	"searchVanity.dids": {
		"did", "monthly_american", "monthly_canadian", "minute_american_usa", "minute_american_canada",
		"minute_canadian", "setup_american", "setup_canadian",
	},
	"getDIDsInternationalGeographic.locations": {
		"location_id", "location_name", "country", "area_code", "stock", "monthly", "setup", "minute",
		"monthly_per_minute", "setup_per_minute", "channels",
	},
	"getDIDsInternationalNational.locations": {
		"location_id", "location_name", "country", "area_code", "stock", "monthly", "setup", "minute",
		"monthly_per_minute", "setup_per_minute",
	},
	"getDIDsInternationalTollFree.locations": {
		"location_id", "location_name", "country", "area_code", "stock", "monthly", "setup", "minute",
	},
	"getPortability.plans": {"title", "pricePerMonth", "pricePerMin"},

	// Catalogues.
	"getStates.states":                                       {"state", "description"},
	"getProvinces.provinces":                                 {"province", "description"},
	"getRateCentersUSA.ratecenters":                          {"ratecenter", "available"},
	"getRateCentersCAN.ratecenters":                          {"ratecenter", "available"},
	"getDIDCountries.countries":                              {"value", "description"},
	"getInternationalTypes.types":                            {"value", "description"},
	"getCarriers.carriers":                                   {"value", "description"},
	"getRingStrategies.strategies":                           {"value", "description"},
	"getJoinWhenEmptyTypes.types":                            {"value", "description"},
	"getVoicemailSetups.voicemailsetups":                     {"value", "description"},
	"getVoicemailAttachmentFormats.email_attachment_formats": {"value", "description"},

	// Account.
	"getServersInfo.servers": {
		"server_name", "server_shortname", "server_hostname", "server_ip", "server_country", "server_pop",
		"server_recommended",
	},
	"getSubAccounts.accounts": {
		"id", "account", "username", "description", "protocol", "auth_type", "password", "ip",
		"device_type", "callerid_number", "canada_routing", "lock_international", "international_route",
		"music_on_hold", "language", "allowed_codecs", "dtmf_mode", "nat", "sip_traffic", "max_expiry",
		"rtp_timeout", "rtp_hold_timeout", "ip_restriction", "enable_ip_restriction", "pop_restriction",
		"enable_pop_restriction", "send_bye", "record_calls", "internal_extension", "internal_voicemail",
		"internal_dialtime", "reseller_client", "reseller_package", "reseller_nextbilling", "transcribe",
		"transcription_locale", "transcription_redaction", "transcription_summary",
		"transcription_sentiment", "transcription_email", "parking_lot", "enable_internal_cnam",
		"internal_cnam", "tfcarrier", "default_e911", "call_pickup_behavior",
	},
	"getVoicemails.voicemails": {
		"mailbox", "name", "password", "skip_password", "email", "attach_message", "delete_message",
		"say_time", "timezone", "say_callerid", "play_instructions", "language", "email_attachment_format",
		"unavailable_message_recording", "new", "urgent", "transcription", "transcription_locale",
		"transcription_redaction", "transcription_sentiment", "transcription_summary",
		"transcription_format", "transcription_delay",
	},

	// Entities created with set*, listed with get*, removed with del*.
	"getForwardings.forwardings": {
		"forwarding", "phone_number", "callerid_override", "description", "dtmf_digits", "pause",
		"diversion_header",
	},
	"getIVRs.ivrs": {"ivr", "name", "recording", "timeout", "language", "voicemailsetup", "choices"},
	"getQueues.queues": {
		"queue", "queue_name", "queue_number", "queue_language", "queue_password", "callerid_prefix",
		"join_announcement", "priority_weight", "agent_announcement", "report_hold_time_agent",
		"member_delay", "music_on_hold", "maximum_wait_time", "maximum_callers", "join_when_empty",
		"leave_when_empty", "ring_strategy", "ring_inuse", "agent_ring_timeout", "retry_timer",
		"wrapup_time", "voice_announcement", "frequency_announcement", "announce_position_frecuency",
		"announce_round_seconds", "if_announce_position_enabled_report_estimated_hold_time",
		"thankyou_for_your_patience", "fail_over_routing_timeout", "fail_over_routing_full",
		"fail_over_routing_join_empty", "fail_over_routing_leave_empty", "fail_over_routing_join_unavail",
		"fail_over_routing_leave_unavail",
	},
	"getStaticMembers.members": {"member", "queue_number", "name", "account", "priority"},
	"getRingGroups.ring_groups": {
		"ring_group", "name", "caller_announcement", "music_on_hold", "language", "members", "voicemail",
	},
	"getSIPURIs.sipuris": {"sipuri", "uri", "description", "callerid_override", "callerid_e164"},
	"getTimeConditions.timecondition": {
		"timecondition", "name", "routing_match", "routing_nomatch", "starthour", "startminute", "endhour",
		"endminute", "weekdaystart", "weekdayend",
	},
	"getCallbacks.callbacks": {
		"callback", "description", "number", "delay_before", "response_timeout", "digit_timeout",
		"callerid_number",
	},
	"getCallerIDFiltering.filtering": {
		"filtering", "callerid", "did", "routing", "failover_unreachable", "failover_busy",
		"failover_noanswer", "note",
	},
	"getDISAs.disa": {"disa", "name", "pin", "digit_timeout", "callerid_override", "language"},
	"getPhonebook.phonebooks": {
		"phonebook", "speed_dial", "name", "number", "callerid", "note", "group", "group_name",
	},
	"getPhonebookGroups.phonebooks": {"phonebook_group", "name", "members"},
	"getRecordings.recordings":      {"value", "description"},
	"getRecordingFile.recordings":   {"value", "data"},
	"getCallHuntings.call_hunting": {
		"callhunting", "description", "members", "ring_time", "order", "press", "music", "recording",
		"language",
	},

	// Messages.
	"getSMS.sms": {"id", "date", "type", "did", "contact", "message", "carrier_status"},
	"getMMS.sms": {
		"id", "date", "type", "did", "contact", "message", "carrier_status", "col_media1", "col_media2",
		"col_media3", "media",
	},
	"getResellerSMS.sms": {"id", "date", "type", "did", "contact", "message"},
	"getResellerMMS.sms": {"id", "date", "type", "did", "contact", "message"},

	// Reseller clients and money (reseller.go).
	"getClients.clients": {
		"client", "email", "password", "company", "firstname", "lastname", "address", "city", "state",
		"country", "zip", "phone_number", "balance_management",
	},
	"getCharges.charges":                       {"id", "date", "amount", "description"},
	"getDeposits.deposits":                     {"id", "date", "amount", "description"},
	"getClientThreshold.threshold_information": {"threshold", "email"},
	"getClientPackages.packages":               {"value", "description"},
	"getPackages.packages": {
		"package", "name", "markup_fixed", "markup_percentage", "pulse", "international_route",
		"canada_route", "monthly_fee", "setup_fee", "free_minutes",
	},
	"getBalanceManagement.balance_management": {"value", "description"},
	"getResellerBalance.balance": {
		"current_balance", "spent_total", "calls_total", "time_total", "spent_today", "calls_today", "time_today",
	},
	"getBalance.balance": {
		"current_balance", "spent_total", "calls_total", "time_total", "spent_today", "calls_today", "time_today",
	},
	"getTransactionHistory.transactions": {"date", "uniqueid", "type", "description", "ammount"},

	// Call history (cdr.go).
	"getCDR.cdr": {
		"date", "callerid", "destination", "description", "account", "disposition", "duration", "seconds",
		"rate", "total", "uniqueid", "destination_type", "call_logs",
	},
	"getResellerCDR.cdr": {
		"date", "callerid", "destination", "description", "account", "disposition", "duration", "seconds",
		"total", "uniqueid", "destination_type", "call_logs",
	},
	"getCallTypes.call_types":     {"value", "description"},
	"getCallAccounts.accounts":    {"value", "description"},
	"getCallBilling.call_billing": {"value", "description"},

	// vPRI.
	"getVPRIs.vpri": {
		"vpri", "name", "note", "channels", "monthly_fee", "next_billing", "burst_enabled",
		"burst_max_channels", "burst_percentage_charge",
	},
}

// topFields lists the scalar keys next to status in success responses that
// are not a collection (create ids, single values).
var topFields = map[string][]string{
	"getIP":                {"ip"},
	"getBackOrders":        {"quantity", "back_orders"},
	"getPortability":       {"portable", "sms", "plans"},
	"getMediaMMS":          {"id", "date", "media"},
	"getDIDvPRI":           {"dids"},
	"assignDIDvPRI":        {"vpri", "DIDAdded", "monthly"},
	"removeDIDvPRI":        {"vpri", "DIDRemoved"},
	"sendSMS":              {"sms"},
	"sendMMS":              {"mms"},
	"setForwarding":        {"forwarding"},
	"setIVR":               {"ivr"},
	"setQueue":             {"queue"},
	"setStaticMember":      {"member"},
	"setRingGroup":         {"ring_group"},
	"setSIPURI":            {"sipuri"}, // not in the docs (no Output block); returned so a create can be followed
	"setTimeCondition":     {"timecondition"},
	"setCallback":          {"callback"},
	"setCallerIDFiltering": {"filtering"},
	"setDISA":              {"disa"},
	"setPhonebook":         {"phonebook"},
	"setPhonebookGroup":    {"group"},
	"setRecording":         {"recording"},
	"setCallHunting":       {"call_hunting"},
	"signupClient":         {"client"},
}

// row renders one record in the field order of key ("method.collection").
// Fields absent from rec render as "". Values of type []string (the MMS media
// list) are kept as lists.
func row(key string, rec map[string]string) obj {
	fields, ok := rowFields[key]
	if !ok {
		panic("voipmstest: no field list for " + key)
	}
	o := make(obj, 0, len(fields))
	for _, f := range fields {
		o = append(o, kv{f, rec[f]})
	}
	return o
}

// rows renders a list of records.
func rows(key string, recs []map[string]string) []obj {
	out := make([]obj, 0, len(recs))
	for _, r := range recs {
		out = append(out, row(key, r))
	}
	return out
}
