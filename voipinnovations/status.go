package voipinnovations

import "strconv"

// ResponseCode is the top-level responseCode of every answer. A 100 says
// the call was accepted, not that each number in it succeeded: see
// StatusCode.
type ResponseCode int

// Top-level response codes (reference §3.5).
const (
	ResponseSuccess          ResponseCode = 100 // Success
	ResponseNoRecords        ResponseCode = 101 // No Records Found
	ResponseException        ResponseCode = 900 // An exception occurred
	ResponseClientIPNotFound ResponseCode = 901 // Client IP not found
	ResponseAuthFailed       ResponseCode = 902 // Username/password/IP not found
	ResponseInvalidNumber    ResponseCode = 944 // Invalid Number
	ResponseEndpointNotOwned ResponseCode = 948 // You do not own the specified Endpoint Group
)

var responseInfo = map[ResponseCode]struct {
	desc string
	cat  error
}{
	ResponseSuccess:                      {"Success", nil},
	ResponseNoRecords:                    {"No Records Found", ErrNotFound},
	ResponseException:                    {"An exception occurred", ErrUnavailable},
	ResponseClientIPNotFound:             {"Client IP not found", ErrIPNotAllowed},
	ResponseAuthFailed:                   {"Username/password/IP not found", ErrAuth},
	ResponseInvalidNumber:                {"Invalid Number", ErrInvalidParameter},
	ResponseEndpointNotOwned:             {"You do not own the specified Endpoint Group", ErrInvalidParameter},
	ResponseCode(StatusNoSearchCriteria): {"No search criteria defined", ErrInvalidParameter},
}

// Description is the documented meaning ("" for an unknown code).
func (c ResponseCode) Description() string { return responseInfo[c].desc }

// Known reports whether the code is documented.
func (c ResponseCode) Known() bool { _, ok := responseInfo[c]; return ok }

func (c ResponseCode) String() string { return strconv.Itoa(int(c)) }

// category is the sentinel errors.Is matches; unknown non-100 codes are
// ErrUnavailable's "the service said no for a reason we do not know".
func (c ResponseCode) category() error {
	if i, ok := responseInfo[c]; ok {
		return i.cat
	}
	return ErrUnknownStatus
}

// StatusCode is the statusCode of one DID in an answer. The pattern is
// 10XYYY, where X names the operation (2 query, 3 reserve, 4 assign, 5
// config, 6 release); 100 is success for every operation.
type StatusCode int

// Per-DID status codes (reference §3.5).
const (
	StatusOK StatusCode = 100 // available / assigned / reserved to you

	StatusAuditNoRecords StatusCode = 101200 // auditDIDs: No records found

	StatusQueryReservedByOther StatusCode = 102230 // queryDID: reserved for another company
	StatusQueryAssignedToOther StatusCode = 102235 // queryDID: assigned to another company
	StatusQueryNotFound        StatusCode = 102420 // queryDID: Could not find number

	StatusReserveAlreadyReserved StatusCode = 103220
	StatusReserveUnknownError    StatusCode = 103221
	StatusReserveAlreadyAssigned StatusCode = 103225
	StatusReserveReservedByOther StatusCode = 103230
	StatusReserveAssignedToOther StatusCode = 103235
	StatusReserveNo800           StatusCode = 103250
	StatusReserveTierUnavailable StatusCode = 103259
	StatusReserveNotFound        StatusCode = 103420

	StatusAssignAlreadyReserved  StatusCode = 104220
	StatusAssignUnknownError     StatusCode = 104221
	StatusAssignAlreadyAssigned  StatusCode = 104225
	StatusAssignReservedByOther  StatusCode = 104230
	StatusAssignAssignedToOther  StatusCode = 104235
	StatusAssignNo800            StatusCode = 104250
	StatusAssignNoStandard       StatusCode = 104251
	StatusAssignBadEndpoint      StatusCode = 104258
	StatusAssignTierUnavailable  StatusCode = 104259
	StatusAssignNotFound         StatusCode = 104420
	StatusConfigNotAssigned      StatusCode = 105221
	StatusConfigReservedForYou   StatusCode = 105225
	StatusConfigReservedByOther  StatusCode = 105230
	StatusConfigAssignedToOther  StatusCode = 105235
	StatusConfigNo800            StatusCode = 105250
	StatusConfigNoStandard       StatusCode = 105251
	StatusConfigBadEndpoint      StatusCode = 105258
	StatusConfigNotFound         StatusCode = 105420
	StatusReleaseReservedForYou  StatusCode = 106220
	StatusReleaseAssignedToYou   StatusCode = 106225
	StatusReleaseReservedByOther StatusCode = 106230
	StatusReleaseAvailable       StatusCode = 106231
	StatusReleaseAssignedToOther StatusCode = 106235
	StatusReleasePrevReleased    StatusCode = 106241
	StatusReleaseNotFound        StatusCode = 106420

	StatusNoSearchCriteria StatusCode = 302490 // getDIDs: No search criteria defined (also a responseCode)
)

var statusInfo = map[StatusCode]struct {
	desc string
	cat  error
}{
	StatusOK:                     {"available / assigned / reserved to you", nil},
	StatusAuditNoRecords:         {"No records found", ErrNotFound},
	StatusQueryReservedByOther:   {"Reserved for another company", ErrReservedByOther},
	StatusQueryAssignedToOther:   {"Assigned to another company", ErrNotAvailable},
	StatusQueryNotFound:          {"Could not find number", ErrNotFound},
	StatusReserveAlreadyReserved: {"Already reserved for you", nil},
	StatusReserveUnknownError:    {"Unknown error", ErrUnavailable},
	StatusReserveAlreadyAssigned: {"Already assigned to you", ErrConflict},
	StatusReserveReservedByOther: {"Reserved for another company", ErrReservedByOther},
	StatusReserveAssignedToOther: {"Assigned to another company", ErrNotAvailable},
	StatusReserveNo800:           {"No 800 origination on the account", ErrNotAvailable},
	StatusReserveTierUnavailable: {"Tier not available", ErrNotAvailable},
	StatusReserveNotFound:        {"Could not find number", ErrNotFound},
	StatusAssignAlreadyReserved:  {"Already reserved for you", ErrConflict},
	StatusAssignUnknownError:     {"Unknown error", ErrUnavailable},
	StatusAssignAlreadyAssigned:  {"Already assigned to you", nil},
	StatusAssignReservedByOther:  {"Reserved for another company", ErrReservedByOther},
	StatusAssignAssignedToOther:  {"Assigned to another company", ErrNotAvailable},
	StatusAssignNo800:            {"No 800 origination on the account", ErrNotAvailable},
	StatusAssignNoStandard:       {"No standard origination on the account", ErrNotAvailable},
	StatusAssignBadEndpoint:      {"Bad endpoint group", ErrInvalidParameter},
	StatusAssignTierUnavailable:  {"Tier not available", ErrNotAvailable},
	StatusAssignNotFound:         {"Could not find number", ErrNotFound},
	StatusConfigNotAssigned:      {"Not assigned to you", ErrNotOwned},
	StatusConfigReservedForYou:   {"Reserved for you, not assigned", ErrNotOwned},
	StatusConfigReservedByOther:  {"Reserved for another company", ErrReservedByOther},
	StatusConfigAssignedToOther:  {"Assigned to another company", ErrNotOwned},
	StatusConfigNo800:            {"No 800 origination on the account", ErrNotAvailable},
	StatusConfigNoStandard:       {"No standard origination on the account", ErrNotAvailable},
	StatusConfigBadEndpoint:      {"Bad endpoint group", ErrInvalidParameter},
	StatusConfigNotFound:         {"Could not find number", ErrNotFound},
	StatusReleaseReservedForYou:  {"Still reserved for you (not assigned)", ErrNotOwned},
	StatusReleaseAssignedToYou:   {"Still assigned to you", ErrConflict},
	StatusReleaseReservedByOther: {"Reserved for another company", ErrReservedByOther},
	StatusReleaseAvailable:       {"Number currently available", nil},
	StatusReleaseAssignedToOther: {"Assigned to another company", ErrNotOwned},
	StatusReleasePrevReleased:    {"Previously released, not currently available", nil},
	StatusReleaseNotFound:        {"Could not find number", ErrNotFound},
	StatusNoSearchCriteria:       {"No search criteria defined", ErrInvalidParameter},
}

// Description is the documented meaning ("" for an unknown code).
func (s StatusCode) Description() string { return statusInfo[s].desc }

// Known reports whether the code is documented.
func (s StatusCode) Known() bool { _, ok := statusInfo[s]; return ok }

func (s StatusCode) String() string { return strconv.Itoa(int(s)) }

// OK reports whether the number is in the state the operation asked for.
// Besides 100 that is 103220 (reserve: already reserved for you), 104225
// (assign: already assigned to you), 106231 (release: currently available)
// and 106241 (release: previously released): repeating a call that took
// effect is not a failure.
func (s StatusCode) OK() bool {
	i, ok := statusInfo[s]
	return ok && i.cat == nil
}

func (s StatusCode) category() error {
	if i, ok := statusInfo[s]; ok {
		return i.cat
	}
	return ErrUnknownStatus
}
