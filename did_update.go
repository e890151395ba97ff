package voipms

import (
	"context"
	"encoding/json"
	"errors"
)

// setDIDInfo and setSMS replace the whole record: every optional field a
// call leaves out is reset to VoIP.ms's default. The helpers here read the
// DID first (getDIDsInfo), fill the complete record from what VoIP.ms
// returned, let the caller change it, and send it back, so changing one
// field never silently resets the others.

// Update changes the settings of a DID without resetting the ones change
// does not touch. It reads the DID (getDIDsInfo), fills a DIDSetInfoParams with
// its current settings, calls change on it, and sends the result
// (setDIDInfo). If change returns an error, nothing is sent and that error is
// returned.
//
//	err := c.DIDs.Update(ctx, "5551234567", func(p *voipms.DIDSetInfoParams) error {
//		p.Routing = voipms.RouteForwarding(1026)
//		return nil
//	})
//
// Settings that getDIDsInfo does not return are left out of the update (so
// VoIP.ms applies its defaults to them) unless change sets them; when the
// answer does carry them (record_calls, voicemail_threshold, ...), they are
// kept. The read and the write are two calls: a change made elsewhere in
// between is overwritten.
//
// The read is retried on transient failures, the write is not; a client
// built WithDryRun refuses the write (ErrDryRunRefused).
// VoIP.ms API methods: getDIDsInfo, then setDIDInfo.
func (s *DIDService) Update(ctx context.Context, did string, change func(*DIDSetInfoParams) error) error {
	const method = "setDIDInfo"
	d, raw, err := s.read(ctx, did)
	if err != nil {
		return err
	}
	p := didInfoParams(d, raw)
	if change != nil {
		if err := change(p); err != nil {
			return err
		}
	}
	if normalizeDID(p.DID) != normalizeDID(string(d.DID)) {
		return validationErr(method, "did", "Update cannot move the settings to another DID")
	}
	return s.SetInfo(ctx, p)
}

// UpdateSettings changes the SMS settings of a DID without turning off the
// delivery options change does not touch. It reads the DID (getDIDsInfo),
// fills an SMSSetSettingsParams with its current SMS settings, calls change on
// it, and sends the result (setSMS). If change returns an error, nothing is
// sent and that error is returned.
//
//	err := c.SMS.UpdateSettings(ctx, "5551234567", func(p *voipms.SMSSetSettingsParams) error {
//		p.URLCallback = voipms.Ptr("https://example.com/sms")
//		p.URLCallbackEnable = voipms.Ptr(true)
//		return nil
//	})
//
// Settings getDIDsInfo does not return (webhook, dial mode, ...) are kept
// when the answer carries them and otherwise left out unless change sets
// them. The read and the write are two calls: a change made elsewhere in
// between is overwritten.
//
// The read is retried on transient failures, the write is not; a client
// built WithDryRun refuses the write (ErrDryRunRefused).
// VoIP.ms API methods: getDIDsInfo, then setSMS.
func (s *SMSService) UpdateSettings(ctx context.Context, did string, change func(*SMSSetSettingsParams) error) error {
	const method = "setSMS"
	d, raw, err := (*DIDService)(s).read(ctx, did)
	if err != nil {
		return err
	}
	p := smsSettingsParams(d, raw)
	if change != nil {
		if err := change(p); err != nil {
			return err
		}
	}
	if normalizeDID(p.DID) != normalizeDID(string(d.DID)) {
		return validationErr(method, "did", "UpdateSettings cannot move the settings to another DID")
	}
	return s.SetSettings(ctx, p)
}

// read returns the DID record both typed and as raw fields, so settings the
// typed record does not model can still be carried over.
func (s *DIDService) read(ctx context.Context, did string) (*DID, map[string]json.RawMessage, error) {
	const method = "getDIDsInfo"
	if !isNANP(did) {
		return nil, nil, validationErr(method, "did", "must be a 10-digit NANP number")
	}
	var resp struct {
		envelope
		DIDs []json.RawMessage `json:"dids"`
	}
	if err := s.client.callList(ctx, method, &DIDListParams{DID: &did}, &resp); err != nil {
		var ae *APIError
		if errors.As(err, &ae) && ae.Status == "invalid_did" {
			return nil, nil, notFound(method, "did")
		}
		return nil, nil, err
	}
	for _, r := range resp.DIDs {
		var d DID
		if err := unmarshal(r, &d); err != nil {
			return nil, nil, &ResponseError{Method: method, Kind: BodyShape, HTTPStatusCode: 200, Detail: shapeDetail(err)}
		}
		if normalizeDID(string(d.DID)) != did {
			continue
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(r, &raw); err != nil {
			return nil, nil, &ResponseError{Method: method, Kind: BodyShape, HTTPStatusCode: 200, Detail: "a DID record is not a JSON object"}
		}
		return &d, raw, nil
	}
	return nil, nil, notFound(method, "did")
}

// rawField decodes the raw field key into v and reports whether it was
// present and decodable.
func rawField[T any](raw map[string]json.RawMessage, key string) (T, bool) {
	var v T
	b, ok := raw[key]
	if !ok || unmarshal(b, &v) != nil {
		return v, false
	}
	return v, true
}

func optRouting(r Routing) *Routing {
	if r.IsZero() {
		return nil
	}
	return &r
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	v := string(s)
	return &v
}

// optSecret is optString for a secret parameter (a PIN, a password).
func optSecret(s string) *Secret {
	if s == "" {
		return nil
	}
	v := Secret(s)
	return &v
}

// didInfoParams is the setDIDInfo record that keeps d as it is.
func didInfoParams(d *DID, raw map[string]json.RawMessage) *DIDSetInfoParams {
	p := &DIDSetInfoParams{
		DID: normalizeDID(string(d.DID)),
		DIDSettings: DIDSettings{
			Routing:             d.Routing,
			FailoverBusy:        optRouting(d.FailoverBusy),
			FailoverUnreachable: optRouting(d.FailoverUnreachable),
			FailoverNoAnswer:    optRouting(d.FailoverNoAnswer),
			Voicemail:           optString(d.Voicemail),
			POP:                 int64(d.POP),
			DialTime:            int64(d.DialTime),
			CNAM:                bool(d.CNAM),
			CallerIDPrefix:      Ptr(string(d.CallerIDPrefix)),
			Note:                Ptr(string(d.Note)),
		},
		PortOutPIN:             optSecret(d.PortOutPIN),
		BillingType:            d.BillingType,
		Transcribe:             Ptr(bool(d.Transcribe)),
		TranscriptionLocale:    optString(d.TranscriptionLocale),
		TranscriptionEmail:     optString(d.TranscriptionEmail),
		TranscriptionRedaction: Ptr(YesNo(d.TranscriptionRedaction)),
		TranscriptionSummary:   Ptr(YesNo(d.TranscriptionSummary)),
		TranscriptionSentiment: Ptr(YesNo(d.TranscriptionSentiment)),
	}
	if v, ok := rawField[bool](raw, "record_calls"); ok {
		p.RecordCalls = Ptr(v)
	}
	if v, ok := rawField[int64](raw, "transcription_start_delay"); ok {
		p.TranscriptionStartDelay = Ptr(v)
	}
	if v, ok := rawField[int64](raw, "voicemail_threshold"); ok {
		p.VoicemailThreshold = Ptr(v)
	}
	if v, ok := rawField[InboundDialingMode](raw, "inbound_dialing_mode"); ok && v.Valid() {
		p.InboundDialingMode = &v
	}
	if v, ok := rawField[bool](raw, "sms_sipaccount_enabled"); ok {
		p.SMSSIPAccountEnabled = Ptr(v)
	}
	if v, ok := rawField[string](raw, "sms_sipaccount"); ok {
		p.SMSSIPAccount = Ptr(v)
	}
	return p
}

// smsSettingsParams is the setSMS record that keeps d's SMS settings as
// they are.
func smsSettingsParams(d *DID, raw map[string]json.RawMessage) *SMSSetSettingsParams {
	p := &SMSSetSettingsParams{
		DID:               normalizeDID(string(d.DID)),
		Enable:            bool(d.SMSEnabled),
		EmailEnabled:      Ptr(bool(d.SMSEmailEnabled)),
		EmailAddress:      optString(d.SMSEmail),
		SMSForwardEnable:  Ptr(bool(d.SMSForwardEnabled)),
		SMSForward:        optString(d.SMSForward),
		URLCallbackEnable: Ptr(bool(d.SMSURLCallbackEnabled)),
		URLCallback:       optString(d.SMSURLCallback),
		URLCallbackRetry:  Ptr(bool(d.SMSURLCallbackRetry)),
		SMPPEnabled:       Ptr(bool(d.SMPPEnabled)),
		SMPPURL:           optString(d.SMPPURL),
		SMPPUser:          optString(d.SMPPUser),
		SMPPPass:          optSecret(d.SMPPPass),
	}
	if v, ok := rawField[bool](raw, "sms_sipaccount_enabled"); ok {
		p.SMSSIPAccountEnabled = Ptr(v)
	}
	if v, ok := rawField[string](raw, "sms_sipaccount"); ok {
		p.SMSSIPAccount = Ptr(v)
	}
	// getDIDsInfo spells it webhook_enabled; setSMS takes webhook_enable.
	if v, ok := rawField[bool](raw, "webhook_enabled"); ok {
		p.WebhookEnable = Ptr(v)
	}
	if v, ok := rawField[string](raw, "webhook"); ok {
		p.Webhook = Ptr(v)
	}
	if v, ok := rawField[SMSDialingMode](raw, "dialmode"); ok && v.Valid() {
		p.DialingMode = &v
	}
	return p
}
