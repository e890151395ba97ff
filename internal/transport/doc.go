// Package transport is the one HTTP attempt loop shared by the provider
// clients of this module (VoIP.ms JSON, VoIP Innovations SOAP, GoAutoDial
// forms, VICIdial text lines). It knows nothing about any provider's
// protocol: the caller builds the request and reads the answer; the
// transport decides, in one function, whether an attempt may be made again,
// and guarantees that a state-changing request is sent at most once at every
// layer.
//
// # Using it
//
// Build one [Client] per provider client and share it (it is safe for
// concurrent use):
//
//	tc := &transport.Client{
//		HTTP:        hc,                 // a copy of the caller's *http.Client
//		Limiter:     rate.NewLimiter(…), // optional; anything with Wait(ctx) error
//		MaxAttempts: 4,                  // 1 disables retries
//		MinWait:     250 * time.Millisecond,
//		MaxWait:     8 * time.Second,
//		MaxBody:     64 << 20,
//	}
//
// For each call, build the request (body in memory, credentials in the body,
// never in the URL) and run it:
//
//	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
//	res := tc.Do(ctx, transport.Call{
//		Name:    "sendSMS",        // for logs and errors
//		Class:   transport.Write,  // Read only when the call changes nothing
//		Request: req,
//		Read: func(r *transport.Response) (transport.Verdict, error) {
//			// parse r.Body (already read, capped at MaxBody)
//			return transport.Final, nil                // success
//			return transport.Final, apiErr             // the server's definite answer
//			return transport.Transient, badBodyErr     // unusable answer (HTML page, truncated, ...)
//			return transport.NotExecuted, rateLimitErr // the server proved nothing ran
//		},
//	})
//	switch {
//	case res.Err == nil:                 // success
//	case res.OutcomeUnknown:             // a Write that may have been executed: wrap as your ErrOutcomeUnknown
//	}
//
// res.Err is one of: the error Read returned; a [*Error] for a failure of the
// HTTP exchange itself (its Kind and Sent tell what happened); or, when the
// caller's context ended between attempts, an error that matches the context
// error and the last attempt's error.
//
// # The decision
//
// [ShouldRetry] is the only place that decides whether an attempt is made
// again. A Read is retried on an exchange failure (dial, reset, timeout,
// HTTP/2 stream errors, ...), on HTTP 429/500/502/503/504, and on a
// Transient or NotExecuted verdict. A Write is retried only when nothing can
// have been sent ([Error.Sent] is false: dial or DNS failure, proxy dial
// failure) or when the server proved nothing ran (NotExecuted). TLS
// verification failures, refused proxy CONNECTs and redirects are never
// retried. A cancelled context stops everything. Waits are jittered
// exponential backoff between MinWait and MaxWait, or the answer's
// Retry-After (capped at MaxRetryAfter); after a NotExecuted verdict the wait
// is at least MaxWait (a rate-limit window). Every attempt, the first
// included, first waits on the Limiter.
//
// # Write-once
//
// A Write's request is sent with GetBody removed and a body net/http cannot
// rewind, so neither the HTTP/1 transport nor the HTTP/2 transport (on
// REFUSED_STREAM, a peer's PROTOCOL_ERROR or GOAWAY) can replay it below this
// package; such a failure comes back as an [*Error] with Sent true and the
// result is OutcomeUnknown. Reads keep GetBody and may be replayed.
//
// # Nothing sent vs may have reached the server
//
// [Error.Sent] is false only when the request cannot have reached the
// server: the HTTP transport asked for a connection and never got one
// (dial, DNS, TLS handshake or verification failure, proxy dial failure, a
// refused CONNECT: seen through net/http/httptrace), the error is of one of
// those kinds, or the context ended before the attempt was handed to the
// HTTP client. Anything else counts as possibly sent.
//
// # Secrets
//
// [Secret] holds a credential and prints [REDACTED] under every fmt verb,
// slog, %#v, JSON and MarshalText; [Scrubber] cleans an error chain of a set
// of secrets in every encoding they can take in an error text (see
// [Scrubber.Redact]). Classify an error before scrubbing it: a secret that
// happens to occur in an error text must never change what the error is.
//
// This package imports only the standard library and go-retryablehttp.
package transport
