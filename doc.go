// Package voipms is a typed Go client for the VoIP.ms REST/JSON API: search
// number inventory, order and cancel DIDs, route them, manage what they route
// to (forwardings, IVRs, queues, ring groups, SIP URIs, time conditions,
// voicemail, ...), send SMS/MMS, and run a reseller business on top.
//
// # Getting started
//
//	c, err := voipms.New("you@example.com", apiPassword)
//	if err != nil { ... }
//	dids, err := c.DIDs.List(ctx, nil)
//
// Every method takes a context first, validates its parameters before any
// network I/O, and names the wire method it calls in its doc comment
// ("VoIP.ms API method: orderDID."). Client.Call reaches any documented
// method by name, typed or not.
//
// # Services and method names
//
// Each API area is a service, a field of Client (go doc Client lists them
// all). One rule names them: a service that manages one kind of record,
// with its parts, is named by that record in the plural (DIDs, Forwardings,
// Queues and their static members, Conferences and their members,
// CallParkings, Accounts, Clients, Sequences); a service over several kinds
// of records, or over none, is named by its area (General, Catalog, SMS,
// Fax, CDR, E911, LNP, Voicemail: boxes, messages and folders; Phonebook:
// entries and groups).
//
// Methods do not repeat the service name, and their names say what they
// return: List and List<Things> return a collection (an empty slice when
// nothing matches), Search<...> searches number inventory, Get and
// Get<Thing> return one record or value (an error matching ErrNotFound when
// there is none), and every call that changes something is named by its
// verb (Set, Delete, Order, Cancel, Send, ...). A params type is named after
// the method it serves: DIDListParams for DIDs.List, ForwardingSetParams
// for Forwardings.Set. The generator enforces these rules.
//
// # Authentication
//
// VoIP.ms authenticates every call with the portal e-mail and a separate API
// password (set under Main Menu → SOAP & REST/JSON API, where the API must
// also be enabled and the caller's IP allow-listed). The client sends them,
// with the method name and parameters, in a POST form body to
// https://voip.ms/api/v1/rest.php — never in the URL — and refuses
// redirects. The password never appears in errors, logs or prints of the
// Client. NewFromEnv reads VOIPMS_API_USERNAME, VOIPMS_API_PASSWORD and
// VOIPMS_API_URL.
//
// # Errors
//
// Every error matches exactly one category sentinel with errors.Is:
//
//   - an API status other than "success" is an *APIError carrying the wire
//     Status (one constant per documented code, unknown codes kept
//     verbatim): ErrAuth, ErrIPNotAllowed, ErrAPIDisabled, ErrRateLimited,
//     ErrNotFound, ErrInvalidParameter, ErrConflict, ErrInsufficientFunds,
//     ErrLimitReached or ErrUnavailable, and ErrRejected for a status none
//     of those covers (an undocumented or newer one included);
//   - parameters found wrong before sending: *ValidationError,
//     ErrInvalidParameter;
//   - a body that is not the JSON envelope (an HTML page, an empty or
//     truncated body, JSON without status): *ResponseError, ErrBadResponse —
//     or ErrUnavailable when the HTTP status is 500/502/503/504 (an outage
//     page) and ErrRateLimited for 429;
//   - the HTTP exchange failed (dial, DNS, TLS, proxy, reset, timeout,
//     HTTP/2 stream error): *TransportError, ErrTransport. It is its own
//     category, not ErrUnavailable: ErrUnavailable means VoIP.ms answered
//     that it cannot do it now, ErrTransport that no answer arrived;
//   - a state-changing call that may have been executed:
//     *OutcomeUnknownError, ErrOutcomeUnknown;
//   - a client built WithDryRun refused a call: ErrDryRunRefused.
//
// A typed error inside another (the *TransportError or *ResponseError in an
// *OutcomeUnknownError, the last answer of a call whose context ended) is
// still there for errors.As but adds no second category. A call whose
// context ended matches context.Canceled or context.DeadlineExceeded, its
// error names the wire method, and it matches none of the sentinels — except
// an unknown outcome, which matches ErrOutcomeUnknown and also the context's
// error that caused it. Errors are classified before the API password is
// removed from their texts, so a password can never change what an error is.
//
// List methods return an empty slice, not an error, on their "no_*" status;
// fetch-one methods return an error matching ErrNotFound.
//
// # Retries
//
// Read-only methods and dry runs (test=1) retry transient failures (dial
// errors, resets, timeouts, HTTP/2 stream errors, HTTP 429/500/502/503/504,
// HTML pages, bad bodies, api_limit_exceeded) with jittered exponential
// backoff that honours Retry-After, within the caller's context.
// State-changing methods — orders, cancels, set*, del*, SMS/MMS sends,
// charges — are sent again only when nothing can have been sent (a dial, DNS
// or proxy-dial failure) or when VoIP.ms answered api_limit_exceeded, which
// proves the call did nothing (that retry waits WithRetry's maxWait); any
// failure after the request may have reached VoIP.ms is an
// *OutcomeUnknownError (ErrOutcomeUnknown): check the account (ReconcileOrder,
// ReconcileSend) before trying again. Neither can net/http's HTTP/1 or HTTP/2
// transport resend them: their request has no GetBody and a body it cannot
// rewind. WithRetry tunes the budget; WithRateLimit keeps a busy service
// under the account's per-minute limit.
//
// # Dry runs
//
// Orders, back-orders and cancelDID take a DryRun field, sent as test=1:
// VoIP.ms validates the call and changes nothing. A client built WithDryRun
// forces test=1 on every method that has it and refuses every other
// state-changing method with ErrDryRunRefused before any I/O.
//
// # Result types
//
// Results hold plain Go types: string (phone numbers and ids included),
// int64, bool, decimal.Decimal (github.com/shopspring/decimal, exact, for
// money and rates, in params too) and time.Time (a wall clock in time.UTC;
// the zero time means unset), and slices for lists, so a value read from
// one call goes straight into the params of the next: found[0].DID into
// DIDOrderParams.DID, a POP of General.ListServers into DIDOrderParams.POP.
// VoIP.ms sends almost every scalar as a string, but not reliably; the
// decoder, not the types, absorbs that: numbers as strings, "" for 0,
// "0000-00-00", flags as 1/0/yes/no, a list as a bare object or {}, an
// empty object as []. A value that does not decode fails the call with an
// error naming the record and field (transactions[3].date). Routing is a
// value type for "header:record_id" ("fwd:1026", "none:"); IVRChoices and
// RingGroupMembers are its list forms.
//
// # Testing
//
// Package voipmstest is a stateful in-memory VoIP.ms simulator: point a
// Client at it to test a provisioning flow without an account, with faults
// on demand. cmd/voipms-sim serves the same simulator on a local port.
package voipms
