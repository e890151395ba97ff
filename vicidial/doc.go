// Package vicidial is a typed Go client for VICIdial's non-agent API
// (non_agent_api.php), which Dialer360 serves as /adminpanel/api.php: the
// 30 functions of the 2017-06-01 document Dialer360 publishes, plus
// update_log_entry, and the DID functions of newer VICIdial builds
// (update_did and its delete option, add_did, copy_did).
//
// For a DID reseller two parts matter most: the inbound call log of a DID
// for a day (DIDs.ListCalls, did_log_export) and of phone numbers
// (Reports.ListPhoneCalls) feed billing, and on builds from 2018 on the
// dialer can be told where a number's calls go (DIDs.Add / Update / Delete).
// Nothing here buys numbers: a dialer only routes them.
//
// # Getting started
//
//	c, err := vicidial.NewDialer360("acme", "apiuser", apiPass, "billing")
//	// or vicidial.New("https://dialer.example.com/vicidial/non_agent_api.php", ...)
//	calls, err := c.DIDs.ListCalls(ctx, "3125551212", day)
//
// Every method takes a context first, checks its parameters before any I/O
// (a *ValidationError), and names the wire function it calls in its doc
// comment ("Wire function: add_lead.").
//
// # Authentication
//
// Every call but version sends user, pass and source in a form POST body,
// never in the URL; redirects are refused. The server keeps only letters,
// digits, "-" and "_" of the user and password and drops the rest before it
// looks them up, so New refuses a password with any other character: it
// could never log in. The API user needs user level 7 or more (8 for
// writes), API access, and the function in its allowed list, plus a flag
// per area (view reports, modify leads, users, lists, campaigns, DIDs, ast
// admin). Ten failed logins in 15 minutes lock the user out for 15 minutes.
//
// The server echoes the password in its login-failure line ("Login
// incorrect, please try again: |user|pass|BAD|"), and add_user echoes the
// new agent's password. The client replaces both with [REDACTED] in every
// error, result and log record; the Client prints without it under every
// verb. Password fields of params are of type Secret, which prints as
// [REDACTED] and is sent as is.
//
// # Answers
//
// The server answers plain text lines: "SUCCESS: <function> <MESSAGE> -
// <a|b|c>", "ERROR: ...", "NOTICE: ..." (kept as Notices on the result), or
// bare export rows. One parser reads all of them, including the separators
// the server code prints besides the documented " - " (": |a|b|" and
// ": a|b"), the doubled "Invalid Source" line, VERSION: and AREACODE:
// lines, and the field orders the code prints where the document differs:
// add_lead's phone|list|lead|gmt|user, did_log_export's caller id before
// the date. Exports are requested tab-separated without a header and decoded
// into structs with typed columns; an export that finds nothing is an empty
// slice.
//
// # Errors
//
// An ERROR line is an *APIError with the function, the message and the
// fields; errors.Is sorts it into one category: ErrAuth, ErrLockedOut,
// ErrIPBlocked, ErrPermission, ErrInvalidParameter, ErrNotFound,
// ErrConflict, ErrUnsupported or ErrRejected. A function the server's build
// does not have is an *UnsupportedError (ErrUnsupported), found from the
// version answer before anything is written. A body that is not the line
// grammar is a *ResponseError (ErrBadResponse, or ErrUnavailable for HTTP
// 5xx); a failed exchange a *TransportError (ErrTransport). Every error
// matches exactly one category.
//
// # Retries and writes
//
// Reads (exports, status, lookups, version) are retried on transient
// failures with jittered exponential backoff. Writes (adds, updates,
// deletes, blind_monitor, server_refresh) are sent at most once — below
// this package too: their request body cannot be replayed by net/http —
// and a write that failed after it may have reached the server returns an
// *OutcomeUnknownError (ErrOutcomeUnknown): look before trying again.
//
// # Testing
//
// Package vicidialtest is a stateful fake of the API on loopback (users and
// permissions, lockout, leads, lists, phones, DIDs, call logs, faults on
// demand); cmd/vicidial-sim serves it as a process.
package vicidial
