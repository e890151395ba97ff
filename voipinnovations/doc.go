// Package voipinnovations is a typed Go client for the VoIP Innovations API
// 3.0, the SOAP web service (APIService.asmx) of a carrier's DID inventory:
// search numbers, reserve them for 30 minutes, assign (buy) them onto an
// endpoint group, configure, query, audit, release, check portability and
// follow port orders — plus the 911, CNAM, international, fax-to-email,
// forward/failover, DID-group, conference-line and balance operations of the
// production WSDL (all 48 are typed).
//
// # Getting started
//
//	c, err := voipinnovations.New(login, secret)
//	if err != nil { ... }
//	found, err := c.DIDs.Search(ctx, &voipinnovations.DIDSearchParams{State: "UT"})
//	res, err := c.DIDs.Assign(ctx, voipinnovations.DIDParam{TN: found[0].TN, EndpointGroup: 8674})
//
// Every method takes a context first, checks its parameters before any
// network I/O, returns (T, error), and names the wire operation in its doc
// comment ("VoIP Innovations API method: assignDID."). Numbers are taken as
// "+1 435 215 4006", "14352154006" or "4352154006" and sent as 10 digits.
// WithSandbox points the client at the sandbox (the ten operations marked
// "Supported in Sandbox"; its older WSDL has fewer fields, which the client
// tolerates).
//
// # Authentication
//
// The API user's login and secret (Back Office → Add-Ons → API Users) travel
// as the first two elements of every SOAP body, never in the URL or a header;
// the calling IP must be on the user's list (responseCode 901 otherwise).
// Both never appear in an error, a log record or a print of the Client.
//
// # Two levels of status
//
// An answer has a top-level ResponseCode and, for each number, a StatusCode.
// A top-level 100 does not mean every number succeeded: the batch operations
// (Reserve, Assign, Configure, Release) return one DIDResult per input, in
// order, and a *BatchError listing the failed numbers when any failed. Each
// code has a constant, a Description and a category for errors.Is:
// ErrAuth, ErrIPNotAllowed, ErrNotFound, ErrNotAvailable, ErrReservedByOther,
// ErrNotOwned, ErrConflict, ErrInvalidParameter, ErrUnavailable. Repeating a
// call that took effect is not a failure (103220 already reserved for you,
// 104225 already assigned to you, 106231/106241 already released). VoIP
// Innovations answers "nothing" with a dummy record: List (auditDIDs) drops it (an
// empty list), Get (queryDID) turns it into an error matching ErrNotFound, and
// Search/SearchCounts answer responseCode 101 with an empty list.
//
// # Errors
//
// Every error matches exactly one category sentinel. Besides *APIError
// (top-level code), *StatusError (one number) and *BatchError: a
// *ValidationError before any I/O (ErrInvalidParameter); a *FaultError for a
// SOAP fault (HTTP 500: a client fault is ErrInvalidParameter, a server
// fault ErrUnavailable); a *ResponseError when the body is not the expected
// answer (ErrBadResponse; an outage page with a 5xx status is
// ErrUnavailable); a *TransportError (ErrTransport); an
// *OutcomeUnknownError (ErrOutcomeUnknown); ErrDryRunRefused.
//
// # Writes are sent once
//
// Every call runs on the module's shared attempt loop (internal/transport).
// Reads (search, count, query, audit, portability, port details, and the
// other get/query/audit operations) are retried on transient failures —
// dial errors, resets, timeouts, HTTP 429/5xx (which includes the HTTP 500
// of any SOAP fault), HTML, empty or truncated answers — with jittered
// exponential backoff within WithRetry's budget and the caller's context.
// State-changing operations are sent at most once: when a write fails after
// it may have reached the service — a reset connection, a timeout, an empty,
// truncated or HTML answer, a SOAP server fault — the error is an
// *OutcomeUnknownError and nothing is resent. DIDService.ReconcileAssign,
// ReconcileConfigure, ReconcileRelease and ReconcileReserve ask auditDIDs
// and queryDID whether the write took effect. WithDryRun makes a client that
// refuses every write (the API has no dry-run mode).
//
// # Testing
//
// Package voipinnovationstest is a stateful fake of the service on loopback
// (inventory, reservations that expire on an injectable clock, accounts with
// endpoint groups, faults on demand); cmd/voipinnovations-sim serves it.
package voipinnovations
