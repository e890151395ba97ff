// Package voipmstest provides a local simulator of the VoIP.ms REST/JSON API,
// for tests, in the spirit of net/http/httptest.
//
//	srv := voipmstest.NewServer(voipmstest.WithSeed(42))
//	defer srv.Close()
//	client, err := srv.Client() // a *voipms.Client pointed at srv.URL()
//
// The server listens on 127.0.0.1 and answers on the path /api/v1/rest.php.
// Handler returns the same logic as an http.Handler to mount elsewhere. The
// command cmd/voipms-sim runs it as a standalone process.
//
// # Wire protocol
//
// Requests are read like the live API reads them: api_username,
// api_password, method and the method's parameters come from the query
// string and/or a form body (application/x-www-form-urlencoded or
// multipart/form-data), whatever the HTTP verb. Answers are HTTP 200 with a
// JSON object that always has "status"; errors carry "message" with the
// description from the documented status table. Every scalar is a JSON
// string ("pop":"3", "cnam":"1", "reseller_monthly":"0.00000000"), slashes
// are escaped as "\/" and non-ASCII as \uXXXX, as PHP's json_encode does.
// Keys of success answers and the fields of their rows follow the Output
// blocks of the VoIP.ms docs with the live corrections of the upstream
// override file; fields.go lists them in one place. Collection keys are the
// documented ones, which are not uniformly plural (getTimeConditions →
// "timecondition", getDISAs → "disa", getPhonebookGroups → "phonebooks",
// getMMS → "sms"). getRecordingFile answers its single row as a bare object,
// as observed live.
//
// # State
//
// Nothing is canned. The seed (WithSeed) determines an inventory: the 50 US
// states, DC and the 13 Canadian provinces and territories with one to seven
// real rate centers each (one in ten without stock), whose local numbers
// carry a real area code of their state or province (MIAMI, FL is 305,
// Montreal, QC is 514; data/geography.tsv, from public NANPA assignments),
// with per-minute and flat prices and an SMS flag; toll-free and vanity
// numbers; international locations with stock and prices in seven countries.
// The POPs are VoIP.ms's published server list (data/servers.tsv: 62 servers
// from Houston-1, houston1.voip.ms, server_pop 1, to Montreal-1..10,
// Toronto-1..10, Vancouver-1..3 and four international ones; the live
// server_pop numbers are not published, so the simulator numbers them in the
// file's order). The account is 100001, with sub-accounts
// 100001_VoIP, 100001_Office, 100001_Acme (reseller client 561115) and
// 100001_Globex (reseller client 561116), mailboxes 101 and 1001, two
// recordings (7567, 7568) and one vPRI (100112). The account starts with no
// DIDs (see WithFixture for one that does).
//
// Ordering (orderDID, orderTollFree, orderVanity, orderDIDVirtual,
// orderDIDInternational*) moves a number from the inventory to the account
// with its routing, failovers, voicemail, POP, dial time, CNAM, billing type
// and optional reseller pricing; an owned number cannot be ordered again
// (did_in_use); cancelDID returns it to the inventory. New local DIDs that
// can do SMS have it enabled. Back orders are recorded and listed by
// getBackOrders. connectDID/unconnectDID attach a DID to a reseller client's
// sub-account. setDIDInfo and setSMS are full replacements: optional fields
// left out go back to their defaults. The set* methods of forwardings, IVRs,
// queues and their static members, ring groups, SIP URIs, time conditions,
// callbacks, caller-ID filterings, DISAs, phonebook entries and groups,
// recordings and call huntings create an entity when their id parameter is
// empty (answering the new id under the entity key, for example
// {"status":"success","forwarding":"19183"}) and replace it otherwise; get*
// lists them (optionally one id), del* removes them. sendSMS and sendMMS
// create messages listed by getSMS and getMMS (dates default to the server
// clock's today); a message to another SMS-enabled DID of the account is also
// delivered to it as received.
//
// Inbound messages: Server.Receive makes a DID receive an SMS or MMS (listed
// by getSMS/getMMS as received) and, when the DID's SMS URL callback is
// enabled (setSMS url_callback_enable, url_callback), makes the GET VoIP.ms
// makes: {ID}, {TIMESTAMP}, {FROM}, {TO}, {MESSAGE} and {MEDIA} substituted,
// URL-encoded, only to loopback addresses. With url_callback_retry on, a
// delivery not answered "ok" is made again every RedeliveryInterval (30
// minutes) of the server clock: Redeliver does it now, a listening server
// also on its own (WithRedeliveryPoll), until Close. Deliveries reports the
// attempts; the POST endpoint ReceivePath does the same as Receive for
// clients of cmd/voipms-sim.
//
// Reseller clients and money: the clients 561115 (Acme, balance 25.00 from
// one deposit) and 561116 (Globex, balance 0) exist, with packages 92364 and
// 92365 (getPackages, getClientPackages), a low-balance threshold of 10
// (getClientThreshold, setClientThreshold) and the getBalanceManagement
// values 1 and 2. getClients lists them (or the one whose id or e-mail is
// "client"); signupClient creates one (ids from 561117, balance 0);
// setClient replaces one's details, clearing optional fields left out.
// addCharge lowers a client's balance and adds a charge (getCharges);
// addPayment raises it and adds a deposit (getDeposits); with test=1 both
// validate exactly like a real call and move nothing. getResellerBalance
// answers the balance and the statistics of the calls of the client's
// sub-accounts (all history and the server clock's today). The account
// itself opens with a 100.00 deposit (WithAccountBalance sets another, and
// WithClientBalance a client's); every order debits the number's setup
// fee and first monthly fee (per-minute or flat prices as ordered), every
// back order the same fees per number, and adds them to
// getTransactionHistory; getBalance answers the balance, with call
// statistics when advanced=1.
//
// Money is exact: amounts are arbitrary-precision decimals, so no sum
// overflows. The balance is enforced: an order, back order or other
// money-moving call whose fees the account balance cannot cover answers
// non_sufficient_funds and changes nothing (a test=1 dry run answers the
// same); addCharge beyond the balance of a client with balance management 1
// (hard, the default) answers non_sufficient_funds, while balance management
// 2 (soft) lets the balance go negative. The live API documents no amount
// limits; the simulator assumes an amount (charge, payment, rate) is a
// plain decimal with at most 10 digits before the point and 8 after, and
// answers invalid_charge/invalid_payment for anything else (signs other than
// a leading '-', exponents, separators, NaN, more digits).
//
// Call history: the seed also writes about 240 calls over the 100 days
// before the server clock's start, spread over the main account and the
// four sub-accounts (so both reseller clients have calls), inbound and
// outbound, answered, unanswered, busy and failed, billed and free.
// AddCallRecord adds calls of a test's own. getCDR filters them by date (in
// the numeric timezone asked for, which also shifts the dates rendered),
// status (answered/noanswer/busy/failed), calltype (all, incoming, outgoing,
// or one of the account's DIDs, keeping the calls to it), callbilling (all,
// free, billed) and account (values of getCallTypes, getCallBilling and
// getCallAccounts), newest first; getResellerCDR does the same within one
// client's sub-accounts and without the rate column.
//
// # Fixtures
//
// WithFixture("demo") (cmd/voipms-sim -fixture demo) starts an account that
// looks lived in, built through the methods themselves so every entity is
// valid: on top of the default account (sub-accounts, mailboxes 101 and 1001,
// recordings, reseller clients, vPRI, 240 calls of history) it has two
// forwardings, two SIP URIs (reception@pbx.example.com, ...), a Support
// queue with two static members, a Sales ring group, a Main menu IVR, a
// Business hours time condition, phonebook entries, a callback and a
// caller-ID filter; seven DIDs ordered 20 days before the server clock's
// start — MIAMI FL (routed to the time condition), NEW YORK CITY NY (ring
// group), SEATTLE WA (queue), SAN JOSE CA (sub-account), Montreal QC (IVR),
// Toronto ON (SIP URI, connected to reseller client Acme) and a toll-free
// number (IVR), each with busy/no-answer failovers to voicemail 101 and
// unreachable to a forwarding — SMS enabled on Miami and Montreal with a
// ten-day conversation history; payments and charges on both reseller
// clients; a fifth sub-account, 100001_Reception, with the Miami number as
// caller ID; e911 provisioned on the Miami number; a fax number; and an
// account balance of 500.00 less the order fees. The voicemail messages,
// conferences, call recordings and LNP ports every account is seeded with
// stay. Executed starts at zero. Unknown fixture names are an error.
//
// # Sub-accounts, voicemail, e911, fax, LNP, conferences and the rest
//
// The methods below keep state too (areas.go and the per-area files); the
// seed adds what a fresh account would plausibly have.
//
// Sub-accounts: createSubAccount adds one (id from 99789, account
// 100001_<username>, answered as {"id","account"}); setSubAccount replaces
// one's settings by id (full replacement: optional settings left out go
// back to their defaults; an absent password keeps the current one);
// delSubAccount removes one no DID routes or is connected to. Passwords,
// codecs (ulaw, alaw, g729, gsm, g722, all), lock-international, routes,
// DTMF, NAT, music on hold, language, POP and IP restrictions, internal
// extension, voicemail and dial time, transcription settings, parking lot
// and reseller client/package are checked. getSubAccounts with a reseller
// client id ("561115") answers that client's sub-accounts.
// getRegistrationStatus answers 100001_VoIP as registered (one SIP/UDP
// registration on the POP of the first DID) and the others as not.
// setMusicOnHold/delMusicOnHold add and remove custom music on hold
// (getMusicOnHold lists the six built-ins, then the custom ones, usable by
// sub-accounts, ring groups, queues, ...); setLocation/delLocation manage
// internal-extension locations (getLocations lists their names after
// "Reachable by everyone"; a location's id is its creation number, from 1).
//
// Voicemail: createVoicemail adds a mailbox numbered by "digits";
// setVoicemail replaces one (full replacement); delVoicemail removes one
// that no DID uses, with its messages. Mailbox 101 starts with three
// messages (INBOX, Urgent, Old) and 1001 with one; AddVoicemailMessage
// leaves more. A message's number is unique in its mailbox and stays when it
// changes folder; the methods naming one message take its current folder.
// markListened yes/no moves it to Old/INBOX, markUrgent yes/no to
// Urgent/INBOX, moveFolder anywhere; delMessages deletes one (folder and
// message_num) or all; the boxes' new/urgent counts follow.
// getVoicemailMessageFile answers a bare object, as live.
//
// e911: e911Validate checks an address (US ZIP or Canadian postal code,
// state or province of the country, e-mail, address type from
// e911AddressTypes) and changes nothing; e911Provision activates the
// service at once (status "1") and e911ProvisionManually leaves it pending
// staff review (status "2", e911_pending on update); both debit the first
// monthly fee of 1.50 (the simulator's price). e911Update replaces the
// address, e911Info answers it, e911Cancel ends it (e911_disabled when there
// is none); the DID's getDIDsInfo e911 flag follows, and cancelDID ends it
// too.
//
// Fax: every rate center with local numbers is also a fax location (ids
// from 1196, its numbers' area code, three fax numbers in stock except one
// location in seven). orderFaxNumber buys numbers there (setup 0.00 and
// first month 2.95 each, the simulator's prices; answered as a list of
// strings, as live), cancelFaxNumber returns one (deleted_did);
// getFaxNumbersInfo renders numbers dotted (647.948.4755) as observed live,
// and every fax did parameter accepts that form or digits. The e-mail,
// URL-callback and other settings are replaced as a group by
// setFaxNumberInfo/Email/URLCallback; connectFAX/unconnectFAX work like
// connectDID. Folders INBOX (1) and SENT (2) exist and cannot be renamed or
// deleted; setFaxFolder/delFaxFolder manage the others (the faxes of a
// deleted folder go back to INBOX). sendFaxMessage keeps the fax in SENT and,
// sent to another of the account's numbers, delivers it to INBOX;
// getFaxMessages lists faxes between from and to (both default to the
// server clock's today). setEmailToFax/delEmailToFax manage e-mail-to-fax
// configurations. The fax methods that document "test" are dry runs with
// test=1, like the order methods.
//
// LNP: addLNPPort checks the numbers against the port type (US local,
// Canadian local by area code, toll-free; not mixed; not already the
// account's or in an open port), debits 1.00 a number (the simulator's
// price) and starts the port in pending_approval with a note. addLNPFile
// attaches a PDF, JPG, BMP or Word invoice (5 MB at most). getLNPStatus,
// getLNPNotes, getLNPDetails, getLNPAttachList, getLNPAttach and getLNPList
// (filters by status and submission date; none answers an empty list) read
// them; getLNPListStatus answers the status map, with the empty-string code
// seen live. SetPortStatus moves a port on, as VoIP.ms staff would.
//
// Conferences 737 and 738 and member profiles 4234 (PIN 1234, admin) and
// 4235 (no PIN) exist; 737 has both. setConference/setConferenceMember
// create (ids from 739 and 4236) or replace; a profile saved with a
// conference joins it; addMemberToConference/delMemberFromConference link
// and unlink (member_already_included, conference_member_relation_not_found;
// at most one profile without PIN and no PIN twice per conference). 737 has
// two recordings (getConferenceRecordings; getConferenceRecordingFile
// answers a bare object). Call parking lots (getCallParking answers them
// under "call_hunting", as the docs show) are created from id 13.
//
// Call recordings: the answered calls over a minute of 100001_VoIP and
// 100001_Office in the seeded call history are recorded (at most six each;
// ids are opaque base64 tokens), those of 100001_VoIP also transcribed
// (getCallTranscriptions). The main account sees every recording, a
// sub-account its own.
//
// Sequences 11 and 12 exist. No source shows the answers of getSequences or
// setSequences: the simulator answers them under "sequences" (rows sequence,
// name, steps, client) and "sequence" (a new id), its own choice. Steps are
// checked (rec: a recording; dtmf: digits, * and #; sms: from one of the
// account's DIDs).
//
// Catalogues: getCountries (50 ISO 3166-1 countries), getLanguages (en, fr,
// es), getLocales, getTimezones (IANA names and a few the live list keeps
// although IANA dropped them), getPlayInstructions (u, su), getProtocols,
// getAuthTypes, getDeviceTypes, getDTMFModes, getNAT, getLockInternational,
// getRoutes (1 Value, 2 Premium), getAllowedCodecs, getReportEstimatedHoldTime
// and e911AddressTypes take an optional filter; an unknown value answers the
// matching invalid_* code. getRates answers a package's rates (the Value
// route's cost with the package's percentage and fixed markup, its pulse as
// increment) and getTerminationRates a route's costs, for a search term;
// none answers no_rate.
//
// Status codes of these methods, where the docs' table offers a choice:
//
//	username taken / malformed                   used_username / invalid_username
//	mailbox number taken (createVoicemail)       used_number
//	sub-account password rule                    invalid_password, invalid_password_ilegal_characters
//	password with IP auth, IP with password auth invalid_password_auth / invalid_ip_auth
//	reseller client without package (and back)   missing_resellerpackage / missing_resellerclient
//	sub-account id unknown (set/del)             invalid_id
//	sub-account or mailbox still in use          account_with_dids / invalid_mailbox
//	voicemail message unknown                    message_not_found
//	destination folder unknown                   invalid_destination_folder
//	e911 none / pending / already active         e911_disabled / e911_pending / did_in_use
//	fax folder built-in or unknown               invalid_folder_id
//	fax message unknown                          invalid_fax_id
//	fax number unknown (did)                     invalid_did
//	fax sender not the account's                 invalid_from_number
//	file not base64 / too big                    no_base64file / exceeds_file_size
//	port id unknown                              invalid_portingid
//	number and port type do not match            invalid_number_canadian, invalid_number_us,
//	                                             invalid_number_porttype, invalid_tfnumber_porttype
//	invoice file type                            invalid_attach_file
//	custom music on hold unknown                 invalid_musiconhold
//	location name taken / unknown / in use       location_already_exists / location_not_found /
//	                                             location_linked_to_subaccount
//	conference sound not a recording             invalid_recording_sound_<name>
//
// # Rules and status codes
//
// Authentication is checked in the order the live API shows: no method →
// missing_method; no username or password → missing_credentials; wrong ones
// → invalid_credentials; unknown method → invalid_method; WithAPIDisabled →
// api_not_enabled; a caller outside WithIPAllowList → ip_not_enabled (getIP
// is exempt and answers the caller's address as "ip"); past WithRateLimit
// calls in the last minute of the server clock → api_limit_exceeded.
//
// Routing values ("header:target") are checked against the state: the
// header must be one of account, fwd, vm, sip, grp, ivr, queue, cb, tc, disa,
// recording, sys, none, and the target must exist (account: the main account
// or a sub-account; sys: hangup, busy, noservice, disconnected, dtmf, echo;
// none: an empty target; sip: a SIP URI id or a literal user@host).
//
// The docs' status table is global and does not say which method answers
// which code, and some codes the checks need do not exist (there is no
// invalid_routing, missing_pop, missing_quantity or invalid_ratecenter). The
// simulator uses:
//
//	did parameter absent / not on the account   missing_did / invalid_did
//	orderDID* of an owned number                did_in_use
//	orderDID* of a number not for sale there    invalid_did
//	routing absent                              missing_routing
//	routing header unknown or no colon          invalid_routing_header
//	failover_* header unknown                   invalid_failover_header
//	routing target that does not exist          invalid_route
//	routing_match/routing_nomatch absent        missing_route
//	voicemail not a mailbox                     invalid_mailbox
//	pop absent / not a server_pop               missing_serverpop / invalid_serverpop
//	dialtime absent / not 1-1200                missing_dialtime / invalid_dialtime
//	cnam absent / not a 1/0 flag                missing_cnam / invalid_cnam
//	billing_type absent / not 1 or 2            missing_billingtype / invalid_billingtype
//	setDIDBillingType to the current type       same_did_billingtype
//	billing change on toll-free/international   no_change_billingtype
//	callerid_prefix over 20 / note over 50      invalid_calleridprefix / invalid_note
//	quantity absent or not 1-100                invalid_quantity
//	international stock too low                 unsifficient_stock
//	location_id absent / unknown                missing_location / invalid_location
//	ratecenter absent / unknown (back orders)   missing_location / invalid_location
//	state, province absent / unknown            missing_state, missing_province / invalid_state, invalid_province
//	search type, query absent / invalid         missing_type, missing_query / invalid_type, invalid_query
//	country_id absent / unknown                 missing_countryid / invalid_countryid
//	digits (orderDIDVirtual) absent / not 3     missing_digits / invalid_digits
//	carrier (orderVanity) absent / unknown      missing_carrier / invalid_carrier
//	reseller account absent / not a reseller    missing_account / invalid_account
//	monthly, setup, minute absent / malformed   missing_monthly... / invalid_monthly...
//	next_billing malformed or in the past       invalid_resellernextbilling
//	sendSMS/MMS from a DID without SMS          invalid_did
//	dst malformed                               invalid_dst
//	message empty / over 160 (MMS 2048)         message_empty / sms_toolong
//	more than WithSMSDailyLimit sends a day     limit_reached
//	getSMS/getMMS from, to malformed            invalid_date
//	range reversed or over 92 days              invalid_daterange
//	timezone not -12..13                        invalid_timezone
//	callback number that is an account DID      existing_did
//	duplicate caller-ID filter (callerid+did)   used_filter
//	duplicate phonebook speed dial              used_speed_dial
//	deleting a SIP URI used by the phonebook    sipuri_in_phonebook
//	deleting a recording used by an IVR/queue/DID  recording_in_use_ivr / _queue / _did
//	reseller client with connected DIDs         account_with_dids (delClient)
//	entity id unknown on set*/del*              invalid_<entity> (invalid_forwarding, invalid_ivr, ...)
//	entity id absent on del*                    missing_<entity> (missing_forwarding, ...)
//	required entity fields absent / invalid     the documented missing_*/invalid_* of that field
//	client absent / unknown (reseller methods)  missing_client / invalid_client
//	signupClient/setClient field absent         missing_firstname, missing_lastname, missing_address,
//	                                            missing_city, missing_state, missing_country, missing_zip,
//	                                            missing_phonenumber, missing_email, missing_password
//	confirm_email / confirm_password absent     missing_email_confirm / missing_password_confirm
//	confirmation differs                        mismatch_email_confirm / mismatch_password_confirm
//	e-mail malformed or another client's        invalid_email
//	country not ISO 3166-1 alpha-2              invalid_country
//	phone_number not 10-15 digits               invalid_phonenumber
//	password under 8 / no lower, upper, digit   invalid_password_lessthan_8characters_long,
//	                                            invalid_password_missing_lowercase / _uppercase / _number
//	password with other characters              invalid_password_ilegal_characters
//	balance_management not 1 or 2               invalid_balancemanagement
//	charge / payment absent                     missing_charge / missing_payment
//	charge / payment not a positive decimal     invalid_charge / invalid_payment
//	(at most 10 digits before the point, 8 after)
//	fees the balance cannot cover; a charge     non_sufficient_funds
//	beyond a hard-managed client's balance
//	charge/payment description over 100         invalid_description
//	threshold absent or not 1-250               Invalid_threshold (capitalised in the docs' table)
//	package filter unknown                      no_package
//	date_from / date_to absent                  missing_from_date / missing_to_date
//	(getCDR, getResellerCDR, getTransactionHistory)
//	date malformed                              invalid_date
//	date_to before date_from                    invalid_date_from
//	CDR range over 92 days                      invalid_daterange
//	CDR timezone absent / not -12..13           missing_timezone / invalid_timezone
//	none of answered/noanswer/busy/failed = 1   no_callstatus
//	calltype not a type or one of the DIDs      invalid_call_type
//	account not the account or a sub-account    invalid_account (for getResellerCDR: not the client's)
//	anything else without a better code         missing_params (also a callbilling value other
//	                                            than all, free, billed: the table has no code for it)
//
// List methods answer their documented empty status when nothing matches,
// also with an id filter: no_did, no_forwarding, no_ivr, no_queue, no_member,
// no_ringgroup, no_sipuri, no_timecondition, no_callback, no_filter, no_disa,
// no_phonebook, no_phonebook_group, no_recording, no_callhunting, no_sms (SMS
// and MMS), no_account (getSubAccounts), no_mailbox, no_vpri, no_client,
// no_package, no_cdr, no_transactions. getCharges and getDeposits have no
// documented empty status and answer an empty list. Catalogue
// methods with an unknown filter value answer the matching invalid_* code.
//
// Dry runs: on the methods that document a "test" parameter (the order and
// back-order methods, cancelDID, addCharge and addPayment), test=1 or
// test=true validates exactly
// like a real call and answers the same status, but changes nothing. Other
// methods ignore "test", as the live API ignores unknown parameters.
//
// # Not simulated
//
// Every method of the SDK's method table (all 226 documented methods) is
// simulated except:
//
//	getInvoice   no public source shows its answer (a URL to an invoice PDF
//	             the simulator cannot serve)
//
// It answers {"status":"not_simulated","message":"voipmstest: getInvoice is
// not simulated: ..."}, never invalid_method.
//
// # Faults
//
// InjectFault makes the next N calls of a method (or every call) fail in one
// of the ways the live API has been seen to fail; WithFaultRate does the same
// for a seeded random fraction of all calls; WithShapeMode perturbs every
// answer. See FaultKind for what each kind does and whether the call is
// executed first. Faults are deterministic for a given seed and sequence of
// calls.
//
// # Observability
//
// Calls counts requests per method, Executed counts orders, back orders,
// cancellations, messages, charges and payments that really took effect, and
// DIDs, OwnedDID and OrderCount expose the account's numbers, so a test can
// prove, for example, that a retried order bought its number exactly once.
// AccountBalance, ClientBalance and CallRecords expose the money and the
// call history the same way.
package voipmstest
