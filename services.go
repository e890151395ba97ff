package voipms

// The services of a Client, one per API area, in the style of go-github:
// every service is a named type over the shared service struct, so methods
// can be added without breaking anyone.
type (
	// DIDService searches inventory, orders, cancels and configures DIDs.
	DIDService service
	// CatalogService reads the reference catalogues (states, rate centers, ...).
	CatalogService service
	// ForwardingService manages call forwardings (fwd: routing targets).
	ForwardingService service
	// IVRService manages IVRs (ivr: routing targets).
	IVRService service
	// QueueService manages call queues and their static members (queue:).
	QueueService service
	// RingGroupService manages ring groups (grp:).
	RingGroupService service
	// SIPURIService manages SIP URIs (sip:).
	SIPURIService service
	// TimeConditionService manages time conditions (tc:).
	TimeConditionService service
	// CallbackService manages callbacks (cb:).
	CallbackService service
	// CallerIDFilterService manages caller-ID filtering rules.
	CallerIDFilterService service
	// DISAService manages DISAs (disa:).
	DISAService service
	// PhonebookService manages phonebook entries and groups.
	PhonebookService service
	// RecordingService manages recordings (recording:).
	RecordingService service
	// CallRecordingService reads, mails and deletes recorded calls and their transcriptions.
	CallRecordingService service
	// CallHuntingService manages call huntings.
	CallHuntingService service
	// SMSService sends and reads SMS and MMS messages.
	SMSService service
	// AccountService manages sub-accounts (account: routing targets).
	AccountService service
	// GeneralService reads balance, servers (POPs), the caller's IP, ...
	GeneralService service
	// VoicemailService manages voicemail boxes (vm:) and messages.
	VoicemailService service
	// ClientService manages reseller clients and their billing.
	ClientService service
	// ConferenceService manages conferences and members.
	ConferenceService service
	// CDRService reads call detail records and rates.
	CDRService service
	// CallParkingService manages call parking.
	CallParkingService service
	// FaxService manages fax numbers and messages.
	FaxService service
	// E911Service manages e911 addresses.
	E911Service service
	// LNPService manages number portability (port-in) requests.
	LNPService service
	// SequenceService manages call sequences (recordings, DTMF and SMS steps).
	SequenceService service
)

type services struct {
	DIDs            *DIDService
	Catalog         *CatalogService
	Forwardings     *ForwardingService
	IVRs            *IVRService
	Queues          *QueueService
	RingGroups      *RingGroupService
	SIPURIs         *SIPURIService
	TimeConditions  *TimeConditionService
	Callbacks       *CallbackService
	CallerIDFilters *CallerIDFilterService
	DISAs           *DISAService
	Phonebook       *PhonebookService
	Recordings      *RecordingService
	CallRecordings  *CallRecordingService
	CallHuntings    *CallHuntingService
	SMS             *SMSService
	Accounts        *AccountService
	General         *GeneralService
	Voicemail       *VoicemailService
	Clients         *ClientService
	Conferences     *ConferenceService
	CDR             *CDRService
	CallParking     *CallParkingService
	Fax             *FaxService
	E911            *E911Service
	LNP             *LNPService
	Sequences       *SequenceService
}

func (c *Client) initServices() {
	s := &c.common
	c.DIDs = (*DIDService)(s)
	c.Catalog = (*CatalogService)(s)
	c.Forwardings = (*ForwardingService)(s)
	c.IVRs = (*IVRService)(s)
	c.Queues = (*QueueService)(s)
	c.RingGroups = (*RingGroupService)(s)
	c.SIPURIs = (*SIPURIService)(s)
	c.TimeConditions = (*TimeConditionService)(s)
	c.Callbacks = (*CallbackService)(s)
	c.CallerIDFilters = (*CallerIDFilterService)(s)
	c.DISAs = (*DISAService)(s)
	c.Phonebook = (*PhonebookService)(s)
	c.Recordings = (*RecordingService)(s)
	c.CallRecordings = (*CallRecordingService)(s)
	c.CallHuntings = (*CallHuntingService)(s)
	c.SMS = (*SMSService)(s)
	c.Accounts = (*AccountService)(s)
	c.General = (*GeneralService)(s)
	c.Voicemail = (*VoicemailService)(s)
	c.Clients = (*ClientService)(s)
	c.Conferences = (*ConferenceService)(s)
	c.CDR = (*CDRService)(s)
	c.CallParking = (*CallParkingService)(s)
	c.Fax = (*FaxService)(s)
	c.E911 = (*E911Service)(s)
	c.LNP = (*LNPService)(s)
	c.Sequences = (*SequenceService)(s)
}
