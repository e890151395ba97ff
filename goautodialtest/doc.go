// Package goautodialtest is a stateful fake of GoAutoDial's goAPI DID
// actions on a loopback address, for tests of code that uses package
// goautodial (and for clients in other languages, through
// cmd/goautodial-sim). It is written from the behaviour the reference
// documents, not from the server's code.
//
//	srv := goautodialtest.NewServer() // or NewServer(goautodialtest.WithLegacy())
//	defer srv.Close()
//	c, _ := srv.Client() // goautodial.New(srv.URL(), srv.User(), srv.Pass())
//
// # What it simulates
//
// The dispatcher at {base}/goInbound/goAPI.php (base /goAPIv2, or /goAPI
// with WithLegacy), GET and POST (urlencoded and multipart) with PHP's
// merge rules: goAction, goUser and goPass from the query first, every
// other field from the body first. Credentials are stripped of ' " \ ; and
// space; a goPass longer than 20 characters is compared with the user's
// pass hash, a shorter one with the plaintext password. Unknown actions
// (goEditDIDAPI, goGetDIDsList on v4, goGetAllDID on legacy) answer
// "Command Not Found".
//
// The DID table (Columns) with the database defaults (active Y, route
// EXTEN to 9998811112 in context default, unavailable action VOICEMAIL,
// AGENTDIRECT, CID, LB, list 999, record_call N, user group ---ALL---) and
// an auto-increment did_id; goAddDID (which stores only pattern,
// description and user group), goEditDID (empty fields keep their value,
// did_route and user_unavailable_action required, did_active unchecked and
// refused by "strict mode" with a success answer), goDeleteDID (a comma
// list answers for the last id), goGetAllDID (pass hash and user level
// above 7, else code 10001; parallel arrays, null when empty),
// goGetDIDsList (legacy: limit 20, ordered by pattern, user_group filter,
// string ids, an empty body for an empty list), goGetDIDInfo (every column)
// and goCheckDID (success means free). Messages are the server's, with
// their "\n", "<br>" and double spaces; the byte-level special-character
// class and PHP empty() apply; JSON is encoded like json_encode ("\/",
// \uXXXX); a missing responsetype answers XML. Every answer is HTTP 200,
// text/html; charset=UTF-8, with Access-Control-Allow-Origin: *. Tenants
// (WithTenant) see and change only their own group's DIDs.
//
// # Inspection and faults
//
// Calls, Executed, Requests, DID, DIDByPattern and DIDs show what arrived
// and what changed; AddDID seeds rows. InjectFault makes an action (or
// "*") fail: latency, an HTML 500 or 503 page, HTTP 429, a reset before or
// after executing, an empty or truncated body, PHP notices before the
// JSON. WithDisplayErrors prints notices where the server reads undefined
// variables (an empty v4 list). Close leaves no goroutine behind.
package goautodialtest
