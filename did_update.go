package voipms

import "context"

// Update changes the settings of a DID without resetting the ones change
// does not touch. It reads the DID (getDIDsInfo), fills a DIDSetInfoParams
// with what the read returned, calls change on it, and sends back every
// setting the read returned (unchanged unless change changed it) and every
// setting change set (setDIDInfo). A setting getDIDsInfo did not return and
// change left alone is not sent. If change returns an error, nothing is sent
// and that error is returned. See the read-modify-write notes in update.go.
//
//	err := c.DIDs.Update(ctx, "5551234567", func(p *voipms.DIDSetInfoParams) error {
//		p.Routing = voipms.RouteForwarding(1026)
//		return nil
//	})
//
// The read is retried on transient failures, the write is not; a client
// built WithDryRun refuses the write (ErrDryRunRefused).
// VoIP.ms API methods: getDIDsInfo, then setDIDInfo.
func (s *DIDService) Update(ctx context.Context, did string, change func(*DIDSetInfoParams) error) error {
	spec, err := didRecord(did, "setDIDInfo", nil)
	if err != nil {
		return err
	}
	return updateRecord(ctx, s.client, spec, change)
}

// UpdateSettings changes the SMS settings of a DID without turning off the
// delivery options change does not touch. It reads the DID (getDIDsInfo),
// fills an SMSSetSettingsParams with the SMS settings the read returned,
// calls change on it, and sends back those settings (unchanged unless change
// changed them) and every setting change set (setSMS). If change returns an
// error, nothing is sent and that error is returned. See the
// read-modify-write notes in update.go.
//
//	err := c.SMS.UpdateSettings(ctx, "5551234567", func(p *voipms.SMSSetSettingsParams) error {
//		p.URLCallback = voipms.Ptr("https://example.com/sms")
//		p.URLCallbackEnable = voipms.Ptr(true)
//		return nil
//	})
//
// The read is retried on transient failures, the write is not; a client
// built WithDryRun refuses the write (ErrDryRunRefused).
// VoIP.ms API methods: getDIDsInfo, then setSMS.
func (s *SMSService) UpdateSettings(ctx context.Context, did string, change func(*SMSSetSettingsParams) error) error {
	spec, err := didRecord(did, "setSMS", smsRenames)
	if err != nil {
		return err
	}
	return updateRecord(ctx, s.client, spec, change)
}

// smsRenames maps getDIDsInfo's names of the SMS settings to setSMS's.
var smsRenames = map[string]string{
	"sms_enabled":              "enable",
	"sms_email_enabled":        "email_enabled",
	"sms_email":                "email_address",
	"sms_forward_enabled":      "sms_forward_enable",
	"sms_url_callback_enabled": "url_callback_enable",
	"sms_url_callback":         "url_callback",
	"sms_url_callback_retry":   "url_callback_retry",
	"webhook_enabled":          "webhook_enable", // getDIDsInfo: webhook_enabled; setSMS: webhook_enable
}

// didRecord is the read of one DID for an update written with write.
func didRecord(did, write string, rename map[string]string) (*rmwSpec, error) {
	const read = "getDIDsInfo"
	if !isNANP(did) {
		return nil, validationErr(read, "did", "must be a 10-digit NANP number")
	}
	return &rmwSpec{
		read: read, params: &DIDListParams{DID: &did}, key: "dids", match: "did", want: did, norm: normalizeDID,
		notFound: []Status{StatusInvalidDID}, what: "did", write: write, ident: "did", rename: rename,
	}, nil
}
