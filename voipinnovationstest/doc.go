// Package voipinnovationstest is a stateful fake of the VoIP Innovations API
// 3.0 (SOAP, APIService.asmx) on loopback, to test code that uses package
// voipinnovations without an account.
//
//	srv := voipinnovationstest.NewServer(voipinnovationstest.WithSeed(42))
//	defer srv.Close()
//	c, err := srv.Client() // a *voipinnovations.Client for the main account
//	// ... run your provisioning code, then inspect:
//	n, _ := srv.Number("4352154006") // Status, Account, EndpointGroup, Until, ...
//	_ = srv.Executions("assignDID")  // how many times an operation really ran
//	srv.InjectFault("assignDID", voipinnovationstest.Fault{Kind: voipinnovationstest.FaultResetAfter, Times: 1})
//
// # What it keeps
//
// Accounts (login, secret, endpoint groups, the tiers they may buy, 800
// origination): the main one (DefaultLogin/DefaultSecret or
// WithCredentials, endpoint groups 8674 and 8675, tiers 1-3) and
// OtherLogin, "another company" that holds some numbers (AddAccount adds
// more). An inventory seeded by WithSeed across eight rate centers in UT,
// FL, NY, TX and toll-free ("TF"), tiers 1-4, with LATA, CNAM, T.38, SMS and
// network per number. Each number is available, reserved (for 30 minutes on
// the fake's clock: WithClock, NewClock), assigned (endpoint group, refId,
// CNAM flag) or aging after a release (WithReleaseAging). Port orders
// (36623 by default; AddPort) and a portability oracle (SetPortable).
//
// # What it answers
//
// The top-level and per-number status codes of the reference: 100 even when
// numbers of a batch fail, one DID per DIDParam in order, 10X230/10X235 for
// numbers held by another company, 103250/104250 without 800 origination,
// 103259/104259 for a tier the account may not buy, 104258/105258 for an
// unknown endpoint group and 948 for another company's, 105221/106235 for a
// number not yours, 106231/106241 for one already released; getDIDs and
// getDIDCount answer 101 when nothing matches and 302490 without criteria;
// auditDIDs and queryDID answer VoIP Innovations' dummy record (empty tn,
// tier -99999, 101200/102420); 902 for bad credentials, 901 for an IP not on
// WithIPAllowList, 944 for a malformed number. Every DIDResponse array is
// present, empty ones self-closing; expireDate is 1900-01-01T00:00:00 when
// unset; nil dates are xsi:nil. Malformed envelopes, an element outside
// http://tempuri.org/ and an unknown or mismatched SOAPAction answer an ASMX
// soap:Client fault with HTTP 500. SOAP 1.2 (action in the Content-Type) is
// accepted. GET ?WSDL serves the production WSDL (the sandbox WSDL under
// SandboxPath) with the address rewritten to the fake.
//
// # Simulated operations
//
// auditDIDs, queryDID, getDIDs, getDIDCount, reserveDID, assignDID, configDID,
// releaseDID, isPortable, getPortDetails (see Simulated). Every other
// operation of the WSDL answers a soap:Server fault "voipinnovationstest:
// operation NAME is not simulated":
//
//	Add911Alert, addLocation, AssignIntlDID, audit911, AuditDIDGroup, AuditIntlDIDs, GetCNAMDisplay,
//	GetConferenceLine, GetCountries, GetDIDFailover, GetDIDForward, GetDIDGroup, GetDIDGroups,
//	GetFaxToEmail, getLocations, GetPrepaidBalance, getProvisioningHistory, insert911,
//	provisionLocation, query911, Query911Alert, ReleaseIntlDID, remove911, Remove911Alert,
//	RemoveCNAM, RemoveConferenceLine, RemoveDIDForward, RemoveDIDGroup, RemoveFaxToEmail,
//	removeLocation, SetConferenceLine, SetDIDForward, SetDIDGroup, SetFaxToEmail, update911,
//	UpdateCNAMDisplay, UpdateDIDFailover, validate911
//
// # Faults
//
// InjectFault makes the next calls of an operation fail: FaultLatency,
// FaultSOAPServer (not executed), FaultSOAPServerAfter (executed, then a
// fault), FaultHTML503 (not executed), FaultResetBefore, FaultResetAfter
// (executed, connection closed without an answer), FaultTruncated and
// FaultEmptyBody (executed). Calls counts requests, Executions counts the
// operations that really ran.
//
// cmd/voipinnovations-sim serves the fake on a local port and prints
// VI_API_URL, VI_API_LOGIN and VI_API_SECRET.
package voipinnovationstest
