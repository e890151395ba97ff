package voipms

import (
	"context"
	"errors"
	"net"
	"sort"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/didkit/voipms/internal/transport"
)

// The money-safety contract, written by hand from the reference
// (shared/reference/voipms-api.md §2.2, §2.3) and the VoIP.ms docs, not
// from methods_gen.go or the generator's input: which wire methods move
// money, which change state, which only read. TestMethodClassesHandWritten
// checks the generated table against it, so a method re-classed in the
// generator (or in methods_gen.go) fails here.

// handMoney: buys, cancels a paid service, charges, pays, or sends a billed
// message.
var handMoney = strings.Fields(`
	addCharge addPayment addLNPPort
	backOrderDIDCAN backOrderDIDUSA
	cancelDID cancelFaxNumber
	connectDID connectFAX
	e911Cancel e911Provision e911ProvisionManually
	orderDID orderDIDInternationalGeographic orderDIDInternationalNational orderDIDInternationalTollFree
	orderDIDVirtual orderFaxNumber orderTollFree orderVanity
	sendFaxMessage sendMMS sendSMS
	signupClient`)

// handWrite: changes account state without moving money.
var handWrite = strings.Fields(`
	addLNPFile addMemberToConference assignDIDvPRI createSubAccount createVoicemail
	delCallHunting delCallParking delCallRecording delCallback delCallerIDFiltering delClient delConference
	delConferenceMember delDISA delEmailToFax delFaxFolder delForwarding delIVR delLocation
	delMemberFromConference delMessages delMusicOnHold delPhonebook delPhonebookGroup delQueue delRecording
	delRingGroup delSIPURI delSequences delStaticMember delSubAccount delTimeCondition delVoicemail
	deleteFaxMessage deleteMMS deleteSMS
	e911Update mailFaxMessagePDF markListenedVoicemailMessage markUrgentVoicemailMessage moveFaxMessage
	moveFolderVoicemailMessage removeDIDvPRI sendCallRecordingEmail sendVoicemailEmail
	setCallHunting setCallParking setCallback setCallerIDFiltering setClient setClientThreshold setConference
	setConferenceMember setDIDBillingType setDIDInfo setDIDPOP setDIDRouting setDIDVoicemail setDISA
	setEmailToFax setFaxFolder setFaxNumberEmail setFaxNumberInfo setFaxNumberURLCallback setForwarding setIVR
	setLocation setMusicOnHold setPhonebook setPhonebookGroup setQueue setRecording setRingGroup setSIPURI
	setSMS setSequences setStaticMember setSubAccount setTimeCondition setVoicemail
	unconnectDID unconnectFAX`)

// handRead: changes nothing.
var handRead = strings.Fields(`
	e911AddressTypes e911Info e911Validate
	getAllowedCodecs getAuthTypes getBackOrders getBalance getBalanceManagement getCDR getCallAccounts
	getCallBilling getCallHuntings getCallParking getCallRecording getCallRecordings getCallTranscriptions
	getCallTypes getCallbacks getCallerIDFiltering getCarriers getCharges getClientPackages getClientThreshold
	getClients getConference getConferenceMembers getConferenceRecordingFile getConferenceRecordings getCountries
	getDIDCountries getDIDsCAN getDIDsInfo getDIDsInternationalGeographic getDIDsInternationalNational
	getDIDsInternationalTollFree getDIDsUSA getDIDvPRI getDISAs getDTMFModes getDeposits getDeviceTypes
	getEmailToFax getFaxFolders getFaxMessagePDF getFaxMessages getFaxNumbersInfo getFaxNumbersPortability
	getFaxProvinces getFaxRateCentersCAN getFaxRateCentersUSA getFaxStates getForwardings getIP getIVRs
	getInternationalTypes getInvoice getJoinWhenEmptyTypes getLNPAttach getLNPAttachList getLNPDetails getLNPList
	getLNPListStatus getLNPNotes getLNPStatus getLanguages getLocales getLocations getLockInternational getMMS
	getMediaMMS getMusicOnHold getNAT getPackages getPhonebook getPhonebookGroups getPlayInstructions
	getPortability getProtocols getProvinces getQueues getRateCentersCAN getRateCentersUSA getRates
	getRecordingFile getRecordings getRegistrationStatus getReportEstimatedHoldTime getResellerBalance
	getResellerCDR getResellerMMS getResellerSMS getRingGroups getRingStrategies getRoutes getSIPURIs getSMS
	getSequences getServersInfo getStates getStaticMembers getSubAccounts getTerminationRates getTimeConditions
	getTimezones getTransactionHistory getVPRIs getVoicemailAttachmentFormats getVoicemailFolders
	getVoicemailMessageFile getVoicemailMessages getVoicemailSetups getVoicemailTranscriptions getVoicemails
	searchDIDsCAN searchDIDsUSA searchFaxAreaCodeCAN searchFaxAreaCodeUSA searchTollFreeCanUS searchTollFreeUSA
	searchVanity`)

func handClasses(t *testing.T) map[string]methodClass {
	t.Helper()
	m := map[string]methodClass{}
	for class, names := range map[methodClass][]string{classMoney: handMoney, classWrite: handWrite, classRead: handRead} {
		for _, n := range names {
			if _, dup := m[n]; dup {
				t.Fatalf("%s listed twice", n)
			}
			m[n] = class
		}
	}
	return m
}

func TestMethodClassesHandWritten(t *testing.T) {
	hand := handClasses(t)
	if len(hand) != 226 {
		t.Errorf("hand-written table has %d methods, the reference documents 226", len(hand))
	}
	var missing, extra, wrong []string
	for m, c := range hand {
		info, ok := methodTable[m]
		switch {
		case !ok:
			missing = append(missing, m)
		case info.Class != c:
			wrong = append(wrong, m)
		}
	}
	for m := range methodTable {
		if _, ok := hand[m]; !ok {
			extra = append(extra, m)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	sort.Strings(wrong)
	if len(missing)+len(extra)+len(wrong) > 0 {
		t.Errorf("generated table disagrees with the hand-written one:\n missing %v\n not in the hand table %v\n class differs %v", missing, extra, wrong)
	}
	// At run time money is a write: both are sent at most once.
	for m, c := range hand {
		want := transport.Write
		if c == classRead {
			want = transport.Read
		}
		if got := transportClassOf(lookupMethod(m), ""); got != want {
			t.Errorf("%s: transport class %v, want %v", m, got, want)
		}
	}
}

// TestAmbiguityEveryMethod: for every state-changing method of the hand
// table (money and write alike), a connection reset after the request was
// sent is ErrOutcomeUnknown and the request went out once; every read is
// retried and never reported as an unknown outcome.
func TestAmbiguityEveryMethod(t *testing.T) {
	reset := httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")})
	c, mock := newMockClient(t)
	mock.RegisterResponder("POST", testURL, reset)
	ctx := context.Background()
	for _, group := range []struct {
		class string
		names []string
	}{{"money", handMoney}, {"write", handWrite}} {
		for _, m := range group.names {
			before := mock.GetTotalCallCount()
			err := c.Call(ctx, m, nil, nil)
			var ou *OutcomeUnknownError
			if !errors.As(err, &ou) || ou.Method != m || !errors.Is(err, ErrOutcomeUnknown) {
				t.Errorf("%s %s: reset after send: %v, want ErrOutcomeUnknown", group.class, m, err)
			}
			if n := mock.GetTotalCallCount() - before; n != 1 {
				t.Errorf("%s %s: sent %d times, want 1", group.class, m, n)
			}
		}
	}
	for _, m := range handRead {
		before := mock.GetTotalCallCount()
		err := c.Call(ctx, m, nil, nil)
		if errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, ErrTransport) {
			t.Errorf("read %s: %v, want ErrTransport", m, err)
		}
		if n := mock.GetTotalCallCount() - before; n != 3 {
			t.Errorf("read %s: sent %d times, want 3 (the budget)", m, n)
		}
	}
}

// One ambiguity test per class, end to end through each failure that
// leaves a write's outcome open: a 5xx page, an empty 200, a truncated
// body, a reset. The write examples are not orderDID/sendSMS.
func TestAmbiguityPerClass(t *testing.T) {
	failures := map[string]httpmock.Responder{
		"502 page":  httpmock.NewStringResponder(502, "<html>bad gateway</html>"),
		"504 page":  httpmock.NewStringResponder(504, "<html>timeout</html>"),
		"empty 200": httpmock.NewStringResponder(200, ""),
		"truncated": httpmock.NewStringResponder(200, `{"status":"succ`),
		"reset":     httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}),
	}
	for _, tc := range []struct {
		class, method string
		unknown       bool
	}{
		{"money", "cancelDID", true},
		{"money", "addCharge", true},
		{"write", "setDIDRouting", true},
		{"write", "delForwarding", true},
		{"write", "removeDIDvPRI", true},
		{"read", "getForwardings", false},
	} {
		for name, responder := range failures {
			c, mock := newMockClient(t)
			mock.RegisterResponder("POST", testURL, responder)
			err := c.Call(context.Background(), tc.method, nil, nil)
			if errors.Is(err, ErrOutcomeUnknown) != tc.unknown {
				t.Errorf("%s %s after %s: %v (unknown want %v)", tc.class, tc.method, name, err, tc.unknown)
			}
			want := 1
			if !tc.unknown {
				want = 3
			}
			if n := mock.GetTotalCallCount(); n != want {
				t.Errorf("%s %s after %s: sent %d times, want %d", tc.class, tc.method, name, n, want)
			}
		}
	}
}
