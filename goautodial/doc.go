// Package goautodial is a typed Go client for the DID (inbound number)
// functions of GoAutoDial's goAPI, the PHP API of the GOautodial v4 call
// center: register a number on the dialer (goAddDID), route it (goEditDID),
// remove it (goDeleteDID), list the numbers (goGetAllDID, goGetDIDsList on
// servers before 2018-05-05), read one with every column (goGetDIDInfo) and
// check whether a pattern is taken (goCheckDID). Nothing here buys
// numbers: a dialer only learns that a number exists and where its calls
// go.
//
// # Getting started
//
//	c, err := goautodial.New("https://dialer.example.com/goAPIv2", "apiuser", passHash)
//	d, err := c.DIDs.Register(ctx, &goautodial.DIDRegisterParams{
//		Pattern: "+13125550100", Description: "Sales line", UserGroup: "ADMIN",
//		Route: goautodial.InGroup("SALESLINE", "", "", ""),
//	})
//	err = c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: d.ID, Route: goautodial.CallMenu("MAINMENU")})
//
// Every method takes a context first, checks its parameters before any I/O
// (a *ValidationError) and names the wire action in its doc comment
// ("Wire action: goEditDID.").
//
// # Base path and authentication
//
// The base is configurable: /goAPIv2 on current installs, /goAPI on the
// 2016-2018 layout; the client POSTs form fields to
// {base}/goInbound/goAPI.php with goUser, goPass, goAction,
// responsetype=json and session_user (default: the API user;
// WithSessionUser). Credentials travel only in the body; redirects are
// refused. Pass the user's pass hash (the pass_hash column, or
// bin/pass_hasher.php's output) as the credential: current servers compare
// it literally for the list and info actions, which also need user level
// 8 or more, and answer a plaintext password there with code 10001
// (ErrPermission). The hash is a secret: it prints as [REDACTED] in every
// error, log record and print of the Client.
//
// # The seed document's mistakes
//
// The vendor's page names goEditDIDAPI, which is the file name of a 2016
// sample, not an action (the server answers "Command Not Found"): the
// client sends goEditDID. goGetDIDsList was renamed goGetAllDID; List tries
// the new name and falls back on "Command Not Found" (WithLegacyList goes
// there directly). goGetDIDInfo reads did_id, not the sample's did_pattern.
// goAddDID stores only the pattern, description and user group: the route
// and active flag are ignored and the new did_id is not returned, so
// DIDs.Register does add, list, edit, and on a failure after the add
// returns a *RegisterError saying what exists (ErrPartial: added but not
// routed; ErrOutcomeUnknown: an answer was lost). goCheckDID's success
// means "free"; DIDs.Exists turns that into a plain bool.
//
// # Routes and validation
//
// A Route is a value: Agent, InGroup, Phone, CallMenu, Voicemail,
// Extension or VoicemailNoInstructions, each with its targets. The server
// checks none of the pairings, so the client does; an edit always sends
// did_route and user_unavailable_action, which the server requires. Values
// are checked as the server will judge them: its "special characters"
// class works on bytes (' ^ £ $ % & * ( ) } { @ # ~ ? > < , | = _ + ¬ -,
// with £ and ¬ as the bytes C2, A3 and AC), so "+17275551212", "Sales-Main"
// and "São Paulo" (ã is C3 A3) are refused while "Montréal" passes; an
// E.164 pattern is sent as its digits (NormalizePattern). "0" counts as
// missing (PHP empty()); columns hold 50 characters; Y/N flags are *bool.
//
// # Answers and errors
//
// Answers are JSON served as text/html, sometimes after PHP notices: the
// client decodes from the first "{" that starts the object. Lists are
// parallel arrays zipped into records with a length check; null arrays
// (an empty table) and the legacy empty body are empty lists; did_id comes
// as a string or a number. "success" is the only success; any other
// result text (or the message of {"result":"error"}) is an *APIError,
// sorted by errors.Is into ErrAuth, ErrPermission (code 10001),
// ErrInvalidParameter (Field names the wire field), ErrNotFound,
// ErrConflict, ErrUnsupported ("Command Not Found") or ErrRejected. A body
// that is not the answer is a *ResponseError (ErrBadResponse, ErrUnavailable
// for HTTP 5xx); a failed exchange a *TransportError (ErrTransport). Every
// error matches exactly one category.
//
// # Retries and writes
//
// The client runs on the module's shared attempt loop. Reads (list, info,
// check) are retried on transient failures with jittered exponential
// backoff. Writes (add, edit, delete) are sent at most once, at every layer;
// a write that failed after it may have reached the server returns an
// *OutcomeUnknownError (ErrOutcomeUnknown): look with Exists or Get before
// trying again.
//
// # Testing
//
// Package goautodialtest is a stateful fake of the API on loopback (the
// DID table with the server's defaults, users with plaintext passwords and
// pass hashes, user levels, the v4 and the 2016-2018 behaviour, faults on
// demand); cmd/goautodial-sim serves it as a process.
package goautodial
